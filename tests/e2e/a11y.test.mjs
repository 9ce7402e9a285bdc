// Accessibility: axe-core finds no serious or critical WCAG 2.2 A/AA
// violation on the main views, in both schemes and both sizes; the whole
// journey works from the keyboard; counts are announced; motion can be off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, axeViolations } from './harness.mjs';

const { open } = useBrowser();
const PHONE = { width: 390, height: 844 };

for (const [name, query, options] of [
  ['the list on a desktop', '', {}],
  ['an origin with the service panel and an open outlet, in Chinese', '?at=31.23041,121.47370&outlet=evh-shanghai-01&lang=zh', {}],
  ['the dark scheme', '?at=31.23041,121.47370&outlet=evh-shanghai-01', { contextOptions: { colorScheme: 'dark' } }],
  ['a phone, list', '?at=31.23041,121.47370', { viewport: PHONE }],
  ['broken records and a bad link', '?radius=-1', { variant: 'broken/records' }],
  ['the load failure alert', '', { variant: 'broken/html' }],
]) {
  test(`axe: no serious or critical violations on ${name}`, async () => {
    const app = await open(query, options);
    await app.page.waitForTimeout(300);
    assert.deepEqual(await axeViolations(app.page), []);
  });
}

test('axe: the phone map pane and the search suggestions', async () => {
  const app = await open('', { viewport: PHONE });
  await app.page.click('.evl-pane-button:nth-child(2)');
  await app.page.waitForSelector('.evl-map-panel', { state: 'visible' });
  await app.page.waitForTimeout(300);
  assert.deepEqual(await axeViolations(app.page), []);
  await app.page.click('.evl-pane-button:nth-child(1)');
  await app.page.fill('#evl-search-input', 'shang');
  await app.page.waitForSelector('#evl-search-list [role="option"]');
  assert.deepEqual(await axeViolations(app.page), []);
});

test('keyboard only: search → results → details → directions, with visible focus, and back to the row', async () => {
  const app = await open('');
  const focused = () =>
    app.page.evaluate(() => {
      const e = document.activeElement;
      return { id: e.id, cls: e.className, outline: getComputedStyle(e).outlineStyle, row: e.closest('[data-outlet-id]')?.dataset.outletId };
    });
  // The first stop after the header and notices is the search box.
  for (let i = 0; i < 10 && (await focused()).id !== 'evl-search-input'; i++) await app.page.keyboard.press('Tab');
  assert.equal((await focused()).id, 'evl-search-input');
  await app.page.keyboard.type('shanghai');
  await app.page.waitForSelector('#evl-search-list [role="option"]');
  await app.page.keyboard.press('ArrowDown');
  await app.page.keyboard.press('Enter');
  await app.page.waitForSelector('.evl-list > li[data-distance-m]');
  const first = (await app.listIds())[0];
  // Tab on to the first result.
  for (let i = 0; i < 60 && (await focused()).row !== first; i++) await app.page.keyboard.press('Tab');
  const onRow = await focused();
  assert.equal(onRow.row, first);
  assert.notEqual(onRow.outline, 'none', 'focus is visible');
  await app.page.keyboard.press('Enter');
  await app.page.waitForSelector('.evl-details');
  assert.equal((await focused()).id, 'evl-details-heading', 'focus moves into the details');
  for (let i = 0; i < 20 && !(await focused()).cls.includes('evl-directions-link'); i++) await app.page.keyboard.press('Tab');
  const onLink = await focused();
  assert.match(onLink.cls, /evl-directions-link/);
  assert.notEqual(onLink.outline, 'none');
  await app.page.keyboard.press('Escape');
  await app.page.waitForFunction(() => !document.querySelector('.evl-details'));
  assert.equal((await focused()).row, first, 'closing returns the focus to the row');
});

test('the result count is a polite live region that follows the filters', async () => {
  const app = await open('');
  const count = await app.page.$('.evl-count');
  assert.equal(await count.getAttribute('aria-live'), 'polite');
  assert.equal(await count.getAttribute('role'), 'status');
  const before = await count.innerText();
  await app.page.check('.evl-chip-kind-partner input');
  await app.page.waitForFunction((b) => document.querySelector('.evl-count').innerText !== b, before);
  assert.match(await count.innerText(), /^\d+ of \d+ outlets$/);
});

test('reduced motion: no transitions, and the map does not animate its zoom', async () => {
  const app = await open('', { contextOptions: { reducedMotion: 'reduce' } });
  const { transition, animated } = await app.page.evaluate(() => ({
    transition: getComputedStyle(document.querySelector('.evl-swatch')).transitionDuration,
    animated: document.querySelector('.leaflet-container').classList.contains('leaflet-fade-anim'),
  }));
  assert.equal(transition, '0s');
  assert.equal(animated, false);
  const moving = await open('');
  assert.equal(await moving.page.evaluate(() => document.querySelector('.leaflet-container').classList.contains('leaflet-fade-anim')), true);
});
