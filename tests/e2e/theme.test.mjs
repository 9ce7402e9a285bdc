// Theming and configuration: brand colours, font and radius from
// config.json as custom properties; dark colours from prefers-color-scheme;
// a configuration the app cannot use falls back to the defaults, and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './harness.mjs';

const { open } = useBrowser();

const look = (app) =>
  app.page.evaluate(() => {
    const root = document.querySelector('.evl-app');
    const css = getComputedStyle(root);
    const chip = document.querySelector('.evl-chip-kind-ev_home span');
    return {
      brand: css.getPropertyValue('--evl-brand').trim(),
      radius: css.getPropertyValue('--evl-radius').trim(),
      font: css.fontFamily,
      background: css.backgroundColor,
      text: css.color,
      chipRadius: chip ? getComputedStyle(chip).borderTopLeftRadius : null,
      search: getComputedStyle(document.querySelector('.evl-search-input')).borderTopLeftRadius,
    };
  });

test('config.json sets the brand colour, font, radius and the default language', async () => {
  const app = await open('', { variant: 'themed' });
  const l = await look(app);
  assert.equal(l.brand, '#c00000');
  assert.equal(l.radius, '2px');
  assert.equal(l.search, '2px');
  assert.match(l.font, /Noto Serif CJK SC/);
  assert.equal(await app.page.getAttribute('html', 'lang'), 'zh-CN', 'default_lang zh for an English browser');
  await app.page.check('.evl-chip-kind-ev_home input');
  assert.equal(await app.page.$eval('.evl-chip-kind-ev_home span', (e) => getComputedStyle(e).backgroundColor), 'rgb(192, 0, 0)');
  // The link still chooses the language.
  const en = await open('?lang=en', { variant: 'themed' });
  assert.equal(await en.page.getAttribute('html', 'lang'), 'en');
});

test('dark colours follow prefers-color-scheme; light is the default', async () => {
  const light = await look(await open(''));
  const dark = await look(await open('', { contextOptions: { colorScheme: 'dark' } }));
  assert.equal(light.background, 'rgb(255, 255, 255)');
  assert.equal(dark.background, 'rgb(22, 26, 34)');
  assert.equal(dark.text, 'rgb(230, 233, 239)');
  assert.equal(dark.brand, '#0b4f9c');
});

test('a configuration the app cannot use: defaults, and a notice naming the member', async () => {
  const app = await open('', { variant: 'bad-config' });
  assert.equal((await look(app)).brand, '#0b4f9c');
  assert.match(await app.page.innerText('.evl-notice-url'), /theme\.brand_color: "red;}body\{display:none" is not a colour/);
  assert.ok((await app.listIds()).length > 0);
});
