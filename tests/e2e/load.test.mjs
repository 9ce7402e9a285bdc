// Loading: the dataset the build's configuration names (the pack the build
// made of the GeoJSON) is asked for while config.json loads, and that early
// request is aborted when the configuration names another file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, outlets } from './harness.mjs';

const { open } = useBrowser();

const isConfig = (url) => new URL(url).pathname.endsWith('/config.json');
const isDataset = (url) => new URL(url).pathname.endsWith('/data/outlets.geojson');
const isPack = (url) => new URL(url).pathname.endsWith('/data/outlets.evlpack');

test('the build\'s dataset (its pack) is asked for before config.json has arrived, and used', async () => {
  const app = await open('', { variant: 'early/slow-config' });
  assert.ok((await app.listIds()).length > 0);
  const order = app.network.filter(([, url]) => isConfig(url) || isPack(url)).map(([event, url]) => `${event} ${isConfig(url) ? 'config' : 'dataset'}`);
  assert.ok(order.indexOf('request dataset') >= 0, order.join(', '));
  assert.ok(order.indexOf('request dataset') < order.indexOf('response config'), order.join(', '));
  assert.equal(app.requests.filter(isPack).length, 1, 'one request for the dataset');
  assert.equal(app.requests.filter(isDataset).length, 0, 'none for the GeoJSON it was made from');
  assert.deepEqual(app.consoleErrors, []);
});

test('when config.json names another file, the early request is aborted and that file is shown', async () => {
  const app = await open('', { variant: 'early/elsewhere' });
  assert.ok((await app.listIds()).length > 0);
  const datasets = app.network.filter(([, url]) => isDataset(url) || isPack(url));
  const early = datasets.filter(([, url]) => isPack(url));
  const configured = datasets.filter(([, url]) => url.includes('from=config'));
  assert.deepEqual(early.map(([event]) => event), ['request', 'failed'], JSON.stringify(datasets));
  assert.equal(early[1][2], 'net::ERR_ABORTED');
  assert.deepEqual(configured.map(([event]) => event), ['request', 'response'], JSON.stringify(datasets));
  assert.deepEqual(app.consoleErrors, []);
});

test('the build\'s pack and a pack made by evl-data show the same outlets, hours and all, as the GeoJSON', async () => {
  const o = outlets().find((x) => x.status === 'open' && x.hours?.exceptions);
  const query = `?at=31.23041,121.47370&outlet=${o.id}`;
  const geojson = await open(query, { variant: 'geojson' });
  assert.ok(geojson.requests.some(isDataset));
  const details = async (app) => (await app.page.waitForSelector(`.evl-list > [data-outlet-id="${o.id}"] .evl-details`)).innerText();
  const expected = await details(geojson);
  assert.match(expected, /Opening hours/);
  for (const variant of ['previews/42', 'packed']) {
    const packed = await open(query, { variant });
    assert.ok(packed.requests.some(isPack), variant);
    assert.ok(!packed.requests.some(isDataset), `${variant}: the GeoJSON is not asked for`);
    assert.deepEqual(await packed.listIds(), await geojson.listIds());
    assert.equal(await packed.page.innerText('.evl-count'), await geojson.page.innerText('.evl-count'));
    assert.equal((await details(packed)).replace(`/${variant}/`, '/geojson/'), expected, variant);
    assert.deepEqual(packed.consoleErrors, []);
  }
});

test('a damaged pack gets an alert that names the byte and says how to rebuild it', async () => {
  const app = await open('', { variant: 'broken/pack' });
  const alert = await app.alertText();
  assert.match(alert, /could not be loaded/);
  assert.match(alert, /packed outlet file is damaged at byte \d+: .*; build it again with `?evl-data pack`?/);
  assert.deepEqual(await app.listIds(), []);
});

test('the page asks for config.json and the dataset before the wasm has started, once each', async () => {
  const app = await open('', {
    initScript: () => addEventListener('TrunkApplicationStarted', () => (window.__evlStartedAt = performance.now())),
  });
  assert.ok((await app.listIds()).length > 0);
  const asked = await app.page.evaluate(() =>
    performance.getEntriesByType('resource').filter((e) => /\/(config\.json|data\/outlets\.(geojson|evlpack))$/.test(e.name)).map((e) => [e.name.split('/').pop(), e.startTime]),
  );
  const started = await app.page.evaluate(() => window.__evlStartedAt);
  assert.deepEqual(asked.map(([name]) => name).sort(), ['config.json', 'outlets.evlpack']);
  for (const [name, at] of asked) assert.ok(at < started, `${name} asked for at ${at} ms, the app started at ${started} ms`);
  assert.equal(app.requests.filter(isConfig).length, 1);
  assert.equal(app.requests.filter(isPack).length, 1);
});

test("on a phone, the wasm is asked for beside its glue, not once the glue has run; on a desktop once, as preloaded", async () => {
  const isWasm = (url) => /\/ev-locator-[0-9a-f]+_bg\.wasm$/.test(new URL(url).pathname);
  const isGlue = (url) => /\/ev-locator-[0-9a-f]+\.js$/.test(new URL(url).pathname);
  const phone = await open('?at=31.23041,121.47370', { viewport: { width: 390, height: 844 } });
  assert.ok((await phone.listIds()).length > 0);
  const order = phone.network.filter(([, url]) => isWasm(url) || isGlue(url)).map(([event, url]) => `${event} ${isWasm(url) ? 'wasm' : 'glue'}`);
  assert.ok(order.indexOf('request wasm') >= 0, order.join(', '));
  assert.ok(order.indexOf('request wasm') < order.indexOf('response glue'), order.join(', '));
  assert.equal(phone.requests.filter(isWasm).length, 1, order.join(', '));
  assert.deepEqual(phone.consoleErrors, []);
  const desktop = await open('?at=31.23041,121.47370');
  assert.ok((await desktop.listIds()).length > 0);
  const fetched = await desktop.page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /_bg\.wasm$/.test(e.name)).length);
  assert.equal(fetched, 1, 'the preload and the start-up share one download');
  assert.deepEqual(desktop.consoleErrors, []);
});

test('a link naming its own dataset (?data=) does not ask for the default one', async () => {
  const app = await open('?data=data/outlets.geojson%3Fv%3Dlink');
  assert.ok((await app.listIds()).length > 0);
  assert.deepEqual(app.requests.filter(isDataset).map((u) => new URL(u).search), ['?v=link']);
  assert.deepEqual(app.requests.filter(isPack), []);
});

// The GeoJSON reader (reader/, src/reader.rs): a module worker the app
// starts for a dataset that is not packed, and ends once it has answered.
const isReader = (url) => /\/evl-reader-[0-9a-f]{16}\.js$/.test(new URL(url).pathname);

test('a GeoJSON dataset is read in the reader\'s worker, which ends after it; a pack never loads the reader', async () => {
  const geojson = await open('', { variant: 'geojson' });
  assert.ok((await geojson.listIds()).length > 0);
  assert.ok(geojson.requests.some(isDataset));
  assert.equal(geojson.requests.filter(isReader).length, 1, geojson.requests.join('\n'));
  for (let i = 0; i < 50 && geojson.page.workers().length; i++) await geojson.page.waitForTimeout(100);
  assert.deepEqual(geojson.page.workers().map((w) => w.url()), [], 'the worker has ended');
  const parse = await geojson.page.evaluate(() => performance.getEntriesByName('evl:parse').length);
  assert.equal(parse, 1, 'the read is measured as evl:parse');
  assert.deepEqual(geojson.consoleErrors, []);
  const packed = await open('');
  assert.ok(packed.requests.some(isPack));
  assert.deepEqual(packed.requests.filter((u) => u.includes('evl-reader')), []);
});

test('a reader that cannot load gets an alert saying so; Retry reads the file once it can', async () => {
  const app = await open('', { variant: 'geojson', contextOptions: { serviceWorkers: 'block' } });
  assert.ok((await app.listIds()).length > 0);
  await app.page.route(isReader, (r) => r.abort('connectionrefused'));
  await app.page.goto(`${app.base}/geojson/`);
  await app.page.waitForSelector('[role="alert"]');
  const alert = await app.alertText();
  assert.match(alert, /could not be loaded/);
  assert.match(alert, /GeoJSON and its reader could not run: .+; a packed file \(evl-data pack\) needs no reader/);
  await app.page.unroute(isReader);
  await app.page.getByRole('button', { name: 'Retry' }).click();
  await app.page.waitForSelector('.evl-list > [data-outlet-id]');
  assert.equal(await app.alertText(), null);
});
