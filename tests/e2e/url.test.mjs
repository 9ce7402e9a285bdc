// The URL is the state: a shared link reopens the same view, Back and
// Forward step through real navigations, and small moves replace the entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, mapView } from './harness.mjs';

const { open } = useBrowser();

const historyLength = (app) => app.page.evaluate(() => history.length);
const selectedId = (app) => app.page.evaluate(() => document.querySelector('.evl-card.is-selected')?.dataset.outletId ?? null);

test('a shared link reopens exactly the same view: origin, search text, filters, selection, language, map view', async () => {
  const app = await open('?lang=zh');
  await app.page.fill('#evl-search-input', 'hangzhou');
  await app.page.waitForSelector('#evl-search-list [role="option"][data-kind="place"]');
  await app.page.keyboard.press('Enter');
  await app.page.waitForSelector('.evl-list > li[data-distance-m]');
  await app.page.check('.evl-chip-kind-partner input');
  await app.page.check('input[name="evl-service"][value="after_sales"]');
  await app.page.waitForFunction(() => new URL(location.href).searchParams.get('service') === 'after_sales');
  const first = (await app.listIds())[0];
  await app.page.click(`.evl-list > [data-outlet-id="${first}"] .evl-card-main`);
  await app.page.waitForSelector('.evl-details');
  await app.page.click('.leaflet-control-zoom-in');
  await app.page.waitForFunction(() => new URL(location.href).searchParams.get('map')?.endsWith(',14') ?? false, null, { timeout: 5000 }).catch(() => {});
  await app.page.waitForTimeout(500);
  const p = app.params();
  for (const key of ['at', 'q', 'kind', 'service', 'outlet', 'lang', 'map']) assert.ok(p.get(key), `${key} is in the URL: ${app.page.url()}`);
  assert.equal(p.get('kind'), 'partner');
  assert.equal(p.get('outlet'), first);
  const before = { list: await app.listIds(), view: await mapView(app), text: await app.page.inputValue('#evl-search-input') };

  const again = await open(new URL(app.page.url()).search);
  await again.page.waitForSelector('.evl-details');
  assert.equal(await selectedId(again), first);
  assert.deepEqual(await again.listIds(), before.list);
  assert.equal(await again.page.inputValue('#evl-search-input'), before.text);
  assert.equal(await again.page.isChecked('.evl-chip-kind-partner input'), true);
  assert.equal(await again.page.isChecked('input[name="evl-service"][value="after_sales"]'), true);
  assert.equal(await again.page.getAttribute('html', 'lang'), 'zh-CN');
  await again.page.waitForTimeout(300);
  const view = await mapView(again);
  assert.equal(view.zoom, before.view.zoom);
  for (const side of ['south', 'west', 'north', 'east']) {
    assert.ok(Math.abs(view[side] - before.view[side]) < 1e-4, `${side}: ${view[side]} vs ${before.view[side]}`);
  }
  assert.equal(again.params().toString(), new URL(app.page.url()).searchParams.toString(), 'opening the link does not rewrite it');
});

test('Back and Forward step through selections and origins; typing and panning add no entries', async () => {
  const app = await open('?at=31.23041,121.47370');
  const [a, b] = (await app.listIds()).slice(0, 2);
  await app.page.waitForTimeout(300);
  const start = await historyLength(app);

  await app.page.click(`.evl-list > [data-outlet-id="${a}"] .evl-card-main`);
  await app.page.waitForFunction((id) => new URL(location.href).searchParams.get('outlet') === id, a);
  await app.page.click(`.evl-list > [data-outlet-id="${b}"] .evl-card-main`);
  await app.page.waitForFunction((id) => new URL(location.href).searchParams.get('outlet') === id, b);
  await app.page.waitForTimeout(400);
  assert.equal(await historyLength(app), start + 2, 'each selection is an entry');

  // Small moves replace the entry.
  await app.page.fill('#evl-search-input', 'bei');
  await app.page.fill('#evl-search-input', 'beijing');
  await app.page.click('.leaflet-control-zoom-out');
  await app.page.waitForTimeout(600);
  assert.equal(await historyLength(app), start + 2, 'typing and zooming replace the entry');
  assert.equal(app.params().get('q'), 'beijing');

  await app.page.goBack();
  await app.page.waitForFunction((id) => document.querySelector('.evl-card.is-selected')?.dataset.outletId === id, a);
  assert.equal(app.params().get('outlet'), a);
  await app.page.goBack();
  await app.page.waitForFunction(() => !document.querySelector('.evl-card.is-selected'));
  assert.equal(app.params().get('outlet'), null);
  assert.equal(app.params().get('at'), '31.23041,121.47370');
  await app.page.goForward();
  await app.page.waitForFunction((id) => document.querySelector('.evl-card.is-selected')?.dataset.outletId === id, a);

  // A new origin is a navigation too: Back returns to the old one.
  await app.page.click('.evl-map', { position: { x: 200, y: 200 } });
  await app.page.waitForFunction(() => new URL(location.href).searchParams.get('at') !== '31.23041,121.47370');
  await app.page.goBack();
  await app.page.waitForFunction(() => new URL(location.href).searchParams.get('at') === '31.23041,121.47370');
  await app.page.waitForFunction(() => document.querySelector('.evl-origin-coords')?.textContent.includes('31.23041'));
  assert.deepEqual(app.consoleErrors, []);
});

test('unknown parameters are left alone with a console warning; malformed ones are named and ignored', async () => {
  const warnings = [];
  const query = '?utm_source=weibo&map=31.2,121.4&embed=maybe&at=31.23041,121.47370';
  const app = await open(query);
  app.page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await app.open(query);
  assert.ok(warnings.some((w) => w.includes('utm_source')), warnings.join('\n'));
  const notice = await app.page.innerText('.evl-notice-url');
  assert.match(notice, /map="31\.2,121\.4" was ignored/);
  assert.match(notice, /embed="maybe" was ignored/);
  assert.doesNotMatch(notice, /utm_source/);
  assert.equal(app.params().get('utm_source'), 'weibo', 'the host page’s own parameter stays');
  assert.equal(await app.alertText(), null);
  assert.ok((await app.listIds()).length > 0);
});
