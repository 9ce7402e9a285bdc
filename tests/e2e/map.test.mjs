// The map: clusters that add up, expand on click and name themselves;
// outlets at one address reachable; GCJ-02 tiles shift the markers; tiles
// that fail leave the schematic base map; fit to results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, outlets, passes, wgs84ToGcj02, distanceM, mapItems, showWorld, mapView, inView, screenLatLng } from './harness.mjs';

const { open } = useBrowser();


test('clusters and single markers add up to the outlets listed, with the kind split', async () => {
  const app = await open();
  await showWorld(app);
  let { clusters, points } = await mapItems(app);
  assert.ok(clusters.length > 0, 'the country view clusters');
  const total = clusters.reduce((t, c) => t + c.count, 0) + points.length;
  assert.equal(total, outlets().length);
  for (const c of clusters) {
    assert.equal(c.evHome + c.partner, c.count);
    assert.match(c.label, new RegExp(`^${c.count} outlets: ${c.evHome} EV Home stores?, ${c.partner} partners?$`));
    assert.equal(c.tabindex, '0', 'clusters are focusable');
  }
  const evHome = clusters.reduce((t, c) => t + c.evHome, 0) + points.filter((id) => id.startsWith('evh-')).length;
  assert.equal(evHome, outlets().filter((o) => o.kind === 'ev_home').length);

  await app.page.getByRole('radio', { name: 'EV Home store' }).check();
  const want = outlets().filter((o) => passes(o, { kind: 'ev_home' })).length;
  await app.waitForCount(want);
  await showWorld(app);
  ({ clusters, points } = await mapItems(app));
  assert.equal(clusters.reduce((t, c) => t + c.count, 0) + points.length, want);
  assert.ok(clusters.every((c) => c.partner === 0));
});

test('clicking a cluster zooms in until it splits', async () => {
  const app = await open();
  const before = await mapItems(app);
  const biggest = Math.max(...before.clusters.map((c) => c.count));
  const zoom0 = await app.page.evaluate(() => document.querySelector('.evl-map').dataset.zoom);
  await app.page.click(`.evl-cluster-icon[data-count="${biggest}"]`);
  await app.page.waitForFunction((z) => document.querySelector('.evl-map').dataset.zoom !== z, zoom0);
  await app.page.waitForTimeout(400);
  const after = await mapItems(app);
  assert.ok(
    after.clusters.every((c) => c.count < biggest),
    `no cluster of ${biggest} is left: ${JSON.stringify(after.clusters.map((c) => c.count))}`,
  );
});

test('outlets at the same address are listed together and can each be selected', async () => {
  const all = outlets();
  const key = (o) => `${o.lat},${o.lng}`;
  const pair = all.filter((o) => all.some((p) => p !== o && key(p) === key(o)));
  assert.equal(pair.length, 2, 'the sample has one pair at the same address');
  // Selecting one zooms in as far as needed: the pair still shares one marker.
  const app = await open(`?outlet=${pair[0].id}`);
  const stack = await app.page.waitForSelector('.evl-cluster-icon.is-stack.is-selected[data-count="2"]');
  for (let i = 0; i < 3; i++) {
    const zoomIn = await app.page.$('.leaflet-control-zoom-in:not(.leaflet-disabled)');
    if (zoomIn) await zoomIn.click();
    await app.page.waitForTimeout(300);
  }
  await app.page.waitForSelector('.evl-cluster-icon.is-stack[data-count="2"]');
  assert.match(await stack.getAttribute('aria-label'), /^2 outlets at this address/);
  await app.page.click('.evl-cluster-icon.is-stack[data-count="2"]');
  const popup = await app.page.waitForSelector('.evl-popup-stack');
  const ids = await popup.$$eval('button[data-outlet-id]', (b) => b.map((e) => e.dataset.outletId));
  assert.deepEqual(ids.sort(), pair.map((o) => o.id).sort());
  await app.page.click(`.evl-popup-stack button[data-outlet-id="${pair[1].id}"]`);
  await app.page.waitForSelector(`.evl-list > .is-selected[data-outlet-id="${pair[1].id}"]`);
  assert.equal(app.params().get('outlet'), pair[1].id);
});

test('tiles=amap shifts markers by the GCJ-02 offset; the default draws them where they are', async () => {
  const o = outlets().find((x) => x.id.startsWith('evh-shanghai'));
  for (const [query, shifted] of [
    [`?outlet=${o.id}`, false],
    [`?outlet=${o.id}&tiles=amap`, true],
  ]) {
    const app = await open(query);
    const el = await app.page.waitForSelector(`.leaflet-marker-icon[data-outlet-id="${o.id}"]`);
    const shown = { lat: Number(await el.getAttribute('data-lat')), lng: Number(await el.getAttribute('data-lng')) };
    const want = shifted ? wgs84ToGcj02(o) : o;
    assert.ok(distanceM(shown, want) < 0.5, `${query}: shown at ${JSON.stringify(shown)}, expected ${JSON.stringify(want)}`);
    // And where it really is on screen, to the pixel (about 10 m at this zoom).
    await app.page.waitForTimeout(400);
    const onScreen = await screenLatLng(app, `.leaflet-marker-icon[data-outlet-id="${o.id}"]`);
    assert.ok(distanceM(onScreen, want) < 60, `${query}: drawn ${distanceM(onScreen, want)} m from where it should be`);
    if (shifted) {
      const offset = distanceM(shown, o);
      assert.ok(offset > 100 && offset < 1000, `the GCJ-02 offset in Shanghai is hundreds of metres, got ${offset}`);
      assert.match(await app.page.innerText('.leaflet-control-attribution'), /高德地图 AutoNavi/);
    }
  }
});

test('with every tile request failing, the base map and markers still show, with no broken images', async () => {
  const app = await open('?tiles=osm');
  await app.page.waitForSelector('.evl-province');
  await showWorld(app);
  await app.page.waitForFunction(() => document.querySelectorAll('img.leaflet-tile').length > 0);
  await app.page.waitForTimeout(500);
  assert.ok(app.blocked.some((u) => u.includes('tile.openstreetmap.org')), 'tiles were requested and refused');
  const visibleBroken = await app.page.$$eval('img.leaflet-tile', (imgs) =>
    imgs.filter((i) => !i.classList.contains('leaflet-tile-loaded') && getComputedStyle(i).visibility !== 'hidden').length,
  );
  assert.equal(visibleBroken, 0);
  const { clusters, points } = await mapItems(app);
  assert.equal(clusters.reduce((t, c) => t + c.count, 0) + points.length, outlets().length);
  assert.match(await app.page.innerText('.leaflet-control-attribution'), /OpenStreetMap contributors/);
  assert.deepEqual(app.consoleErrors, []);
});

test('an unknown tile layer in the link is named and the default kept', async () => {
  const app = await open('?tiles=bing');
  assert.match(await app.page.innerText('.evl-notice-url'), /tiles="bing" was ignored/);
  assert.equal(await app.page.$('img.leaflet-tile'), null);
});

test('the origin gets its own marker and the view fits it with the nearest outlets', async () => {
  const app = await open('?at=43.8256,87.6168'); // Urumqi, far from the first view's centre
  await app.page.waitForSelector('.leaflet-marker-icon .is-origin');
  await app.page.waitForTimeout(500);
  const view = await mapView(app);
  assert.ok(view.zoom >= 8, `zoomed in to the city, got ${view.zoom}`);
  assert.ok(inView(view, { lat: 43.8256, lng: 87.6168 }));
  const byId = new Map(outlets().map((o) => [o.id, o]));
  for (const id of (await app.listIds()).slice(0, 3)) {
    assert.ok(inView(view, byId.get(id)), `${id} is in view`);
  }
});

test('fit to results brings every listed outlet into view', async () => {
  const app = await open('?outlet=evh-shanghai-01');
  await app.page.getByRole('radio', { name: 'EV Home store' }).check();
  await app.page.getByRole('button', { name: 'Fit to results' }).click();
  await app.page.waitForTimeout(600);
  const view = await mapView(app);
  const want = outlets().filter((o) => passes(o, { kind: 'ev_home' }));
  const outside = want.filter((o) => !inView(view, o));
  assert.deepEqual(outside.map((o) => o.id), [], 'every listed outlet is on screen');
});

test('hovering a list row highlights its marker or cluster; clicking a marker opens its summary', async () => {
  const first = await open('?at=31.2304,121.4737');
  const id = (await first.listIds())[0];
  const app = await open(`?at=31.2304,121.4737&outlet=${id}`);
  await app.page.waitForSelector(`.leaflet-marker-icon.is-selected[data-outlet-id="${id}"]`);
  await app.page.hover(`.evl-list > [data-outlet-id="${id}"]`);
  await app.page.waitForSelector('.leaflet-marker-icon.is-hover');
  await app.page.mouse.move(0, 0);
  await app.page.click(`.leaflet-marker-icon[data-outlet-id="${id}"]`, { force: true });
  const popup = await app.page.waitForSelector('.evl-popup');
  assert.match(await popup.innerText(), /\d (km|m) \(straight-line distance\)/);
  assert.equal(app.params().get('outlet'), id);
});

test('a filter that leaves nothing on screen brings its results into view', async () => {
  const app = await open('?at=43.8256,87.6168'); // zoomed in on Urumqi
  await app.page.waitForSelector('.leaflet-marker-icon .is-origin');
  await app.page.waitForTimeout(400);
  const before = await mapView(app);
  const kinds = [[null, null], ['ev_home', 'EV Home store'], ['partner', 'Authorized partner']];
  const services = [['body_paint', 'Body and paint'], ['charging', 'Charging'], ['delivery', 'Delivery'], ['after_sales', 'After-sales service']];
  const combos = kinds.flatMap(([kind, kindName]) => services.map(([service, serviceName]) => ({ kind, kindName, service, serviceName })));
  const pick = combos.find(({ kind, service }) => {
    const hits = outlets().filter((o) => passes(o, { kind: kind ?? undefined, services: [service] }));
    return hits.length > 0 && !hits.some((o) => inView(before, o));
  });
  assert.ok(pick, 'some filter empties the Urumqi view');
  const filters = { kind: pick.kind ?? undefined, services: [pick.service] };
  if (pick.kind) await app.page.getByRole('radio', { name: pick.kindName }).check();
  await app.page.getByRole('checkbox', { name: pick.serviceName }).check();
  await app.waitForCount(outlets().filter((o) => passes(o, filters)).length);
  await app.page.waitForTimeout(600);
  const after = await mapView(app);
  assert.ok(outlets().filter((o) => passes(o, filters)).some((o) => inView(after, o)), 'results are in view');
});

test('Enter on a focused cluster zooms in and keeps the keyboard focus in the map', async () => {
  const app = await open();
  const cluster = await app.page.waitForSelector('.evl-cluster-icon:not(.is-stack)');
  await cluster.focus();
  const zoom0 = (await mapView(app)).zoom;
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction((z) => Number(document.querySelector('.evl-map').dataset.zoom) > z, zoom0);
  await app.page.waitForTimeout(400);
  const inMap = await app.page.evaluate(() => document.querySelector('.evl-map').contains(document.activeElement));
  assert.ok(inMap, 'focus stays in the map');
});

test('after selecting an outlet, a new origin or filter does not drag the map back to it', async () => {
  const app = await open('?outlet=evh-shanghai-01');
  await app.page.waitForSelector('.leaflet-marker-icon.is-selected[data-outlet-id="evh-shanghai-01"]');
  await showWorld(app);
  // A click far to the west (the Tarim basin) sets a new origin; the selection stays.
  const v = await mapView(app);
  const box = await (await app.page.$('.evl-map')).boundingBox();
  const merc = (lat) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const x = box.x + (box.width * (84.0 - v.west)) / (v.east - v.west);
  const y = box.y + (box.height * (merc(v.north) - merc(40.5))) / (merc(v.north) - merc(v.south));
  await app.page.mouse.click(x, y);
  await app.page.waitForSelector('.evl-list > li[data-distance-m]');
  assert.equal(app.params().get('outlet'), 'evh-shanghai-01');
  await app.page.getByRole('checkbox', { name: 'Sales', exact: true }).check();
  await app.page.waitForTimeout(800);
  const after = await mapView(app);
  assert.equal(after.zoom, v.zoom, 'the map stays where the buyer left it, not zoomed back to the selection');
});

test('a map library that fails to load: the list still works, the map says so and loads on a retry', async () => {
  // No service worker: it would hand the page Leaflet from its copy of the build.
  const phone = { viewport: { width: 390, height: 844 }, contextOptions: { isMobile: true, hasTouch: true, serviceWorkers: 'block' } };
  const app = await open('?at=31.23041,121.47370', phone);
  await app.page.route(/\/leaflet-[^/]+\.js$/, (route) => route.abort('connectionreset'));
  await app.page.click('.evl-pane-button:nth-child(2)');
  const alert = app.page.locator('.evl-map-failed[role="alert"]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /The map could not be loaded; the list still works/);
  assert.equal(await app.page.$('.leaflet-container'), null);
  // The list is unharmed: back to it, a filter still narrows it.
  await app.page.click('.evl-pane-button:nth-child(1)');
  await app.page.getByRole('radio', { name: 'EV Home store' }).check();
  await app.waitForCount(outlets().filter((o) => passes(o, { kind: 'ev_home' })).length);
  // The connection is back: a retry shows the map with the listed outlets.
  await app.page.unroute(/\/leaflet-[^/]+\.js$/);
  await app.page.click('.evl-pane-button:nth-child(2)');
  await app.page.getByRole('button', { name: 'Load the map again' }).click();
  await app.page.waitForSelector('.leaflet-marker-icon[data-outlet-id], .evl-cluster-icon');
  assert.equal(await alert.count(), 0);
  const { clusters, points } = await mapItems(app);
  assert.ok(clusters.length + points.length > 0);
  assert.ok(clusters.every((c) => c.partner === 0), 'the map draws the filtered list');
  // Only the failure is in the console: the app's own warning and the refused request.
  assert.ok(app.consoleErrors.every((e) => /leaflet-[^/]+\.js/.test(e)), app.consoleErrors.join('\n'));
});
