// The page loads, lists every outlet, ranks them by distance from ?at=, and
// names the problems of a link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, outlets, distanceM, mapItems, showWorld } from './harness.mjs';

const { open } = useBrowser();
let app;

test('loads under a sub-path and lists every outlet, each on the map', async () => {
  app = await open('');
  const ids = await app.listIds();
  const expected = outlets().map((o) => o.id);
  assert.equal(ids.length, expected.length);
  assert.deepEqual([...ids].sort(), [...expected].sort());
  assert.equal(await app.alertText(), null);
  assert.deepEqual((await app.listDistances()).filter((d) => d !== null), [], 'no distance without an origin');
  await showWorld(app);
  assert.equal((await mapItems(app)).total, expected.length);
  assert.match(await app.page.innerText('.evl-count'), new RegExp(`^${expected.length} outlets$`));
  assert.match(await app.page.innerText('.evl-sample-banner'), /Sample data/);
  assert.deepEqual(app.consoleErrors, []);
});

for (const [name, at] of [
  ['Shanghai', { lat: 31.2304, lng: 121.4737 }],
  ['Urumqi', { lat: 43.8256, lng: 87.6168 }],
  ['the sea off Hainan', { lat: 17.5, lng: 110.2 }],
]) {
  test(`?at= ranks by distance like a brute-force scan (${name})`, async () => {
    app = await open(`?at=${at.lat},${at.lng}`);
    const ids = await app.listIds();
    const shown = await app.listDistances();
    const brute = outlets()
      .map((o) => ({ id: o.id, d: distanceM(at, o) }))
      .sort((a, b) => a.d - b.d);
    assert.equal(ids.length, brute.length);
    for (let i = 0; i < brute.length; i++) {
      // Whole metres, so allow rounding; equal distances may swap places.
      assert.ok(Math.abs(shown[i] - brute[i].d) <= 1, `rank ${i}: ${ids[i]} at ${shown[i]} m, expected ${brute[i].d} m`);
      const mine = brute.find((b) => b.id === ids[i]);
      assert.ok(Math.abs(mine.d - brute[i].d) <= 1, `rank ${i}: ${ids[i]} is out of order`);
    }
    const firstDistance = await app.page.innerText('.evl-list > li:first-child .evl-distance');
    assert.match(firstDistance, /^\d+(\.\d)? k?m$/);
  });
}

test('clicking the map sets the origin and re-ranks the list', async () => {
  app = await open('');
  assert.equal((await app.listDistances())[0], null);
  const map = await app.page.$('.evl-map');
  const box = await map.boundingBox();
  // A spot away from the legend and the zoom buttons.
  await app.page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.4);
  await app.page.waitForSelector('.evl-list > li[data-distance-m]');
  const at = app.params().get('at');
  assert.match(at, /^-?\d+\.\d{5},-?\d+\.\d{5}$/);
  const [lat, lng] = at.split(',').map(Number);
  const d = await app.listDistances();
  const nearest = Math.min(...outlets().map((o) => distanceM({ lat, lng }, o)));
  assert.ok(Math.abs(d[0] - nearest) <= 1, `${d[0]} vs ${nearest}`);
  assert.ok(d.every((x, i) => i === 0 || x >= d[i - 1]), 'distances ascend');
  await app.page.getByRole('button', { name: 'Clear location' }).click();
  await app.page.waitForFunction(() => !document.querySelector('.evl-list > li[data-distance-m]'));
  assert.equal(app.params().get('at'), null);
});

test('a malformed link is named, ignored, and the rest applies', async () => {
  app = await open('?at=shanghai&kind=dealer&service=car_wash&outlet=no-such-outlet');
  const notice = await app.page.innerText('.evl-notice-url');
  assert.match(notice, /at="shanghai" was ignored/);
  assert.match(notice, /kind="dealer" was ignored/);
  assert.match(notice, /service="car_wash" was ignored/);
  assert.match(notice, /outlet="no-such-outlet" was ignored/);
  assert.equal((await app.listIds()).length, outlets().length);
  await app.page.getByRole('button', { name: 'Dismiss' }).click();
  assert.equal(await app.page.$('.evl-notice-url'), null);
});

test('a Chinese browser gets the Chinese interface; the switch changes it and the URL', async () => {
  app = await open('', { locale: 'zh-CN' });
  assert.match(await app.page.innerText('.evl-count'), /^共 \d+ 家门店$/);
  assert.equal(await app.page.innerText('.evl-list .evl-badge.is-ev-home >> nth=0'), 'EV Home 直营店');
  assert.equal(await app.page.innerText('.evl-list .evl-service >> nth=0'), '销售');
  assert.equal(await app.page.getAttribute('html', 'lang'), 'zh-CN');
  await app.page.getByRole('button', { name: 'English' }).click();
  await app.page.waitForFunction(() => /outlets$/.test(document.querySelector('.evl-count').textContent));
  assert.equal(app.params().get('lang'), 'en');
  assert.equal(await app.page.getAttribute('html', 'lang'), 'en');
});
