// A broken dataset shows an alert (never a blank page); broken records are
// left out and named while the rest shows; the map survives without its base map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, outlets, mapItems, showWorld } from './harness.mjs';

const { open } = useBrowser();


for (const [variant, pattern] of [
  ['broken/truncated', /not valid JSON: EOF while parsing .* \(line \d+, column \d+\)/],
  ['broken/missing', /server answered 404 Not Found for data\/outlets\.geojson/],
  ['broken/html', /web page \(HTML\), not GeoJSON/],
  ['broken/version', /format version 2; this app reads version 1/],
]) {
  test(`${variant}: an alert says what is wrong and offers a retry`, async () => {
    const app = await open('', { variant });
    const alert = await app.alertText();
    assert.ok(alert, 'an alert is shown');
    assert.match(alert, /could not be loaded/);
    assert.match(alert, pattern);
    assert.ok(await app.page.getByRole('button', { name: 'Retry' }).isVisible());
    assert.deepEqual(await app.listIds(), []);
    const asked = () => app.requests.filter((u) => u.endsWith('/data/outlets.geojson')).length;
    assert.equal(asked(), 1);
    await app.page.getByRole('button', { name: 'Retry' }).click();
    for (let i = 0; i < 50 && asked() < 2; i++) await app.page.waitForTimeout(100);
    assert.equal(asked(), 2, 'Retry asks for the dataset again');
    await app.page.waitForSelector('[role="alert"]');
    assert.match(await app.alertText(), pattern);
  });
}

test('broken records are named and left out; every valid outlet still shows', async () => {
  const app = await open('', { variant: 'broken/records' });
  assert.equal(await app.alertText(), null);
  const ids = await app.listIds();
  assert.deepEqual([...ids].sort(), outlets().map((o) => o.id).sort());
  const notice = await app.page.innerText('.evl-notice-data');
  assert.match(notice, /outlet 4 \(line \d+, id "bad-kind"\): properties\.kind: unknown variant `dealer`/);
  assert.match(notice, /outlet 5 \(line \d+, id "bad-coords"\): geometry\.coordinates: latitude .* outside/);
});

test('without its base map the map still shows every marker', async () => {
  const app = await open('', { variant: 'no-basemap' });
  await showWorld(app);
  assert.equal((await mapItems(app)).total, outlets().length);
  assert.equal(await app.page.$('.evl-province'), null);
  const withBase = await open('');
  await withBase.page.waitForSelector('.evl-province');
});
