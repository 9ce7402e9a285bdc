// Kind and service filters narrow the list and the map, from the controls
// and from the link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, outlets, passes, mapItems, showWorld, distanceM } from './harness.mjs';

const { open } = useBrowser();


const expectedIds = (filters) => outlets().filter((o) => passes(o, filters)).map((o) => o.id).sort();

test('the kind filter keeps one kind, in the list and on the map', async () => {
  const app = await open();
  await app.page.getByRole('radio', { name: 'Authorized partner' }).check();
  const want = expectedIds({ kind: 'partner' });
  await app.waitForCount(want.length);
  assert.deepEqual((await app.listIds()).sort(), want);
  await showWorld(app);
  const map = await mapItems(app);
  assert.equal(map.total, want.length);
  assert.ok(map.clusters.every((c) => c.evHome === 0) && map.points.every((id) => want.includes(id)));
  assert.equal(app.params().get('kind'), 'partner');
  assert.match(await app.page.innerText('.evl-count'), new RegExp(`^${want.length} of ${outlets().length} outlets$`));

  await app.page.getByRole('radio', { name: 'All' }).check();
  await app.waitForCount(outlets().length);
  assert.equal(app.params().get('kind'), null);
});

test('service filters keep open outlets offering every chosen service', async () => {
  const app = await open();
  await app.page.getByRole('checkbox', { name: 'Delivery' }).check();
  let want = expectedIds({ services: ['delivery'] });
  await app.waitForCount(want.length);
  assert.deepEqual((await app.listIds()).sort(), want);
  await app.page.getByRole('checkbox', { name: 'Body and paint' }).check();
  want = expectedIds({ services: ['delivery', 'body_paint'] });
  await app.waitForCount(want.length);
  assert.deepEqual((await app.listIds()).sort(), want);
  assert.equal(app.params().get('service'), 'delivery,body_paint');
  assert.ok(want.every((id) => id.startsWith('ptn-')), 'only partners do body and paint in the sample');
});

test('filters from the link, with an origin: filtered and ranked', async () => {
  const app = await open('?at=39.9042,116.4074&kind=ev_home&service=delivery');
  const want = expectedIds({ kind: 'ev_home', services: ['delivery'] });
  assert.ok(want.length > 0);
  assert.deepEqual((await app.listIds()).sort(), want);
  const d = await app.listDistances();
  assert.ok(d.every((x, i) => x !== null && (i === 0 || x >= d[i - 1])));
  assert.equal(await app.page.isChecked('input[name="evl-kind"][value="ev_home"]'), true);
  assert.equal(await app.page.isChecked('input[name="evl-service"][value="delivery"]'), true);
});

test('no match shows an empty state whose button clears the filters', async () => {
  const app = await open('?kind=ev_home&service=body_paint');
  await app.page.waitForSelector('.evl-empty');
  assert.deepEqual(await app.listIds(), []);
  assert.match(await app.page.innerText('.evl-empty'), /No outlet matches/);
  await app.page.getByRole('button', { name: 'Clear filters' }).click();
  await app.waitForCount(outlets().length);
  assert.equal(app.params().get('kind'), null);
  assert.equal(app.params().get('service'), null);
});

test('a radius keeps outlets within it, or the nearest with a note when none is', async () => {
  const shanghai = { lat: 31.2304, lng: 121.4737 };
  let app = await open(`?at=${shanghai.lat},${shanghai.lng}&radius=10`);
  const within = outlets().filter((o) => distanceM(shanghai, o) <= 10000);
  assert.ok(within.length > 0);
  assert.deepEqual((await app.listIds()).sort(), within.map((o) => o.id).sort());
  assert.equal(await app.page.$eval('.evl-radius select', (s) => s.value), '10');
  await app.page.selectOption('.evl-radius select', '');
  await app.waitForCount(outlets().length);
  assert.equal(app.params().get('radius'), null);

  const qinghai = { lat: 35.0, lng: 97.0 }; // far from any outlet
  app = await open(`?at=${qinghai.lat},${qinghai.lng}&radius=5`);
  const ids = await app.listIds();
  assert.equal(ids.length, 5);
  const nearest = outlets().map((o) => distanceM(qinghai, o)).sort((a, b) => a - b)[0];
  const note = await app.page.innerText('.evl-radius-note');
  assert.match(note, /^No outlet within 5\.0 km\. These are the nearest; the first is \d+ km away \(straight line\)\.$/);
  assert.ok(note.includes(`${Math.round(nearest / 1000).toLocaleString('en-US')} km`), note);
});
