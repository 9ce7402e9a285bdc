// Phones and desktops: a list/map switch with finger-sized targets on a
// phone, list and map side by side on a desktop; nothing wider than the
// screen. Screenshots go to target/e2e-screenshots/ for people to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { useBrowser } from './harness.mjs';

const { open } = useBrowser();
const SHOTS = fileURLToPath(new URL('../../target/e2e-screenshots/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });

/** Elements of the app that reach past the right edge of the screen (the map's own panes excepted). */
const overflow = (app) =>
  app.page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('.evl-app *')]
      .filter((e) => !e.closest('.leaflet-pane') && e.getClientRects().length > 0)
      .filter((e) => e.getBoundingClientRect().right > width + 0.5)
      .map((e) => e.className || e.tagName);
    return { page: document.documentElement.scrollWidth - width, wide: wide.slice(0, 5) };
  });

const box = (app, sel) => app.page.$eval(sel, (e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; });

for (const [name, query] of [
  ['list', '?at=31.23041,121.47370'],
  ['details', '?at=31.23041,121.47370&outlet=evh-shanghai-01&lang=zh'],
]) {
  test(`phone 390×844, ${name}: one pane at a time, no horizontal overflow`, async () => {
    const app = await open(query, { viewport: { width: 390, height: 844 }, contextOptions: { isMobile: true, hasTouch: true } });
    await app.page.waitForTimeout(300);
    assert.deepEqual(await overflow(app), { page: 0, wide: [] });
    assert.equal(await app.page.isVisible('.evl-pane-switch'), true);
    assert.equal(await app.page.isVisible('.evl-side'), true);
    assert.equal(await app.page.isVisible('.evl-map-panel'), false);
    for (const b of await app.page.$$('.evl-pane-button, .evl-chip span')) {
      const r = await b.boundingBox();
      assert.ok(r.height >= 44, `a target ${r.height}px high`);
    }
    await app.page.screenshot({ path: `${SHOTS}phone-${name}-list.png` });
    // The list alone loads no map: neither Leaflet nor the base map.
    const mapFiles = (urls) => urls.filter((u) => /\/leaflet-[^/]+\.(js|css)$|basemap\.geojson$/.test(u));
    assert.deepEqual(mapFiles(app.requests), []);
    assert.equal(await app.page.$('.leaflet-container'), null);
    await app.page.click('.evl-pane-button:nth-child(2)');
    await app.page.waitForSelector('.evl-map-panel', { state: 'visible' });
    await app.page.waitForTimeout(300);
    const map = await box(app, '.evl-map');
    assert.ok(map.width >= 389 && map.height > 600, `the map fills the screen: ${JSON.stringify(map)}`);
    // The view was right while hidden: the origin (or the selected outlet) is on screen, with outlets drawn.
    const focus = await box(app, name === 'details' ? '.leaflet-marker-icon.is-selected' : '.evl-origin-icon');
    assert.ok(focus.x > 0 && focus.x + focus.width < 390 && focus.y > 180 && focus.y < 844, `at ${JSON.stringify(focus)}`);
    assert.ok((await app.page.$$('.leaflet-marker-icon[data-outlet-id], .evl-cluster-icon')).length > 0);
    assert.deepEqual(await overflow(app), { page: 0, wide: [] });
    assert.equal(await app.page.getAttribute('.evl-pane-button:nth-child(2)', 'aria-pressed'), 'true');
    assert.equal(mapFiles(app.requests).length, 3, `Leaflet's script and stylesheet and the base map, once each: ${mapFiles(app.requests)}`);
    await app.page.screenshot({ path: `${SHOTS}phone-${name}-map.png` });
  });
}

test('phone at 360 px: still no horizontal overflow', async () => {
  const app = await open('?at=31.23041,121.47370&outlet=evh-shanghai-01', { viewport: { width: 360, height: 740 } });
  assert.deepEqual(await overflow(app), { page: 0, wide: [] });
});

test('desktop 1280×800: list and map side by side, no overflow', async () => {
  const app = await open('?at=31.23041,121.47370&outlet=evh-shanghai-01');
  await app.page.waitForTimeout(300);
  assert.deepEqual(await overflow(app), { page: 0, wide: [] });
  assert.equal(await app.page.isVisible('.evl-pane-switch'), false);
  const side = await box(app, '.evl-side');
  const map = await box(app, '.evl-map');
  assert.ok(side.x + side.width <= map.x + 1, 'the list is left of the map');
  assert.ok(map.width > 700 && map.height > 600, JSON.stringify(map));
  // The map's files: Leaflet preloaded by the start-up script and then run from that one download.
  await app.page.waitForSelector('.leaflet-marker-icon');
  assert.deepEqual(app.requests.filter((u) => /\/leaflet-[^/]+\.(js|css)$/.test(u)).map((u) => u.split('.').pop()).sort(), ['css', 'js']);
  const leaflet = await app.page.evaluate(() =>
    performance.getEntriesByType('resource').filter((e) => /\/leaflet-[^/]+\.js$/.test(e.name)).map((e) => [e.initiatorType, e.startTime]),
  );
  assert.equal(leaflet.length, 1);
  assert.equal(leaflet[0][0], 'link', 'preloaded');
  const wasm = await app.page.evaluate(() => performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm')).startTime);
  assert.ok(leaflet[0][1] < wasm + 200, `Leaflet asked for at ${leaflet[0][1]} ms, the wasm at ${wasm} ms`);
  await app.page.screenshot({ path: `${SHOTS}desktop.png` });
});
