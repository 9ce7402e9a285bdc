// Loading: the default dataset is asked for while config.json loads, and
// that early request is aborted when the configuration names another file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './harness.mjs';

const { open } = useBrowser();

const isConfig = (url) => new URL(url).pathname.endsWith('/config.json');
const isDataset = (url) => new URL(url).pathname.endsWith('/data/outlets.geojson');

test('the default dataset is asked for before config.json has arrived, and used', async () => {
  const app = await open('', { variant: 'early/slow-config' });
  assert.ok((await app.listIds()).length > 0);
  const order = app.network.filter(([, url]) => isConfig(url) || isDataset(url)).map(([event, url]) => `${event} ${isConfig(url) ? 'config' : 'dataset'}`);
  assert.ok(order.indexOf('request dataset') >= 0, order.join(', '));
  assert.ok(order.indexOf('request dataset') < order.indexOf('response config'), order.join(', '));
  assert.equal(app.requests.filter(isDataset).length, 1, 'one request for the dataset');
  assert.deepEqual(app.consoleErrors, []);
});

test('when config.json names another file, the early request is aborted and that file is shown', async () => {
  const app = await open('', { variant: 'early/elsewhere' });
  assert.ok((await app.listIds()).length > 0);
  const datasets = app.network.filter(([, url]) => isDataset(url));
  const early = datasets.filter(([, url]) => !url.includes('from=config'));
  const configured = datasets.filter(([, url]) => url.includes('from=config'));
  assert.deepEqual(early.map(([event]) => event), ['request', 'failed'], JSON.stringify(datasets));
  assert.equal(early[1][2], 'net::ERR_ABORTED');
  assert.deepEqual(configured.map(([event]) => event), ['request', 'response'], JSON.stringify(datasets));
  assert.deepEqual(app.consoleErrors, []);
});
