// One search box, offline: places and outlets, by characters, pinyin,
// initials or English, with a typo; an accessible combobox.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, outlets, distanceM } from './harness.mjs';

const { open } = useBrowser();

const options = (app) =>
  app.page.$$eval('#evl-search-list [role="option"]', (els) =>
    els.map((e) => ({ id: e.id, kind: e.dataset.kind, name: e.querySelector('.evl-search-name').textContent })),
  );

async function typeAndWait(app, text) {
  await app.page.fill('#evl-search-input', text);
  await app.page.waitForFunction(() => document.querySelectorAll('#evl-search-list [role="option"]').length > 0 || document.querySelector('.evl-search-status')?.textContent.includes('matches'));
}

test('"shanghai" → Shanghai first; Enter sets the origin and the nearest outlets are in Shanghai', async () => {
  const app = await open('');
  assert.equal(await app.page.getAttribute('#evl-search-input', 'role'), 'combobox');
  await typeAndWait(app, 'shanghai');
  const first = (await options(app))[0];
  assert.deepEqual([first.kind, first.name], ['place', 'Shanghai']);
  assert.equal(await app.page.getAttribute('#evl-search-input', 'aria-expanded'), 'true');
  await app.page.keyboard.press('Enter');
  await app.page.waitForSelector('.evl-list > li[data-distance-m]');
  const [lat, lng] = app.params().get('at').split(',').map(Number);
  assert.ok(distanceM({ lat, lng }, { lat: 31.2222, lng: 121.4581 }) < 5000, `origin ${lat},${lng} is Shanghai`);
  const nearest = (await app.listIds()).slice(0, 5);
  assert.ok(nearest.every((id) => id.includes('shanghai')), nearest.join(' '));
  assert.equal(await app.page.getAttribute('#evl-search-input', 'aria-expanded'), 'false');
});

for (const [query, want] of [
  ['上海', 'Shanghai'],
  ['Shàng hǎi', 'Shanghai'],
  ['shangahi', 'Shanghai'],
  ['bj', 'Beijing'],
  ['guangzhou', 'Guangzhou'],
]) {
  test(`"${query}" finds ${want} first`, async () => {
    const app = await open('');
    await typeAndWait(app, query);
    const first = (await options(app))[0];
    assert.equal(first.name, want);
  });
}

test('an outlet found by the pinyin of its district (yangpu) is selected when chosen', async () => {
  const app = await open('');
  await typeAndWait(app, 'yangpu');
  const outlet = (await options(app)).find((o) => o.kind === 'outlet');
  assert.ok(outlet, 'an outlet in Yangpu is suggested');
  await app.page.click(`#${outlet.id}`);
  const id = app.params().get('outlet');
  assert.ok(id && outlets().some((o) => o.id === id));
  await app.page.waitForSelector(`.evl-list > .is-selected[data-outlet-id="${id}"]`);
});

test('the keyboard moves through the suggestions; Escape closes them', async () => {
  const app = await open('');
  await typeAndWait(app, 'su');
  const opts = await options(app);
  assert.ok(opts.length >= 2);
  await app.page.keyboard.press('ArrowDown');
  assert.equal(await app.page.getAttribute('#evl-search-input', 'aria-activedescendant'), opts[0].id);
  await app.page.keyboard.press('ArrowDown');
  assert.equal(await app.page.getAttribute('#evl-search-input', 'aria-activedescendant'), opts[1].id);
  assert.equal(await app.page.getAttribute(`#${opts[1].id}`, 'aria-selected'), 'true');
  await app.page.keyboard.press('Escape');
  assert.equal(await app.page.getAttribute('#evl-search-input', 'aria-expanded'), 'false');
});

test('nothing found says so, with a way forward', async () => {
  const app = await open('');
  await typeAndWait(app, 'xqzxqzxqz');
  assert.deepEqual(await options(app), []);
  assert.match(await app.page.innerText('.evl-search-status'), /No place or outlet matches “xqzxqzxqz”\. .*click your position on the map/);
});

// The search worker (search/, src/search_worker.rs): started the first
// time the box is used, never before.
const isSearchWorker = (url) => /\/evl-search-[0-9a-f]{16}\.js$/.test(new URL(url).pathname);

test('the search worker and its data load only once the box is used, and once', async () => {
  const app = await open('');
  await app.page.waitForTimeout(300);
  const searchFiles = () => app.requests.filter((u) => isSearchWorker(u) || /\/data\/(places|pinyin)\.json$/.test(u));
  assert.deepEqual(searchFiles(), []);
  assert.deepEqual(app.page.workers().map((w) => w.url()), []);
  await typeAndWait(app, 'suzhou');
  assert.equal((await options(app))[0].name, 'Suzhou');
  await typeAndWait(app, 'hangzhou');
  assert.equal((await options(app))[0].name, 'Hangzhou');
  assert.deepEqual(searchFiles().map((u) => new URL(u).pathname.split('/').pop().replace(/-[0-9a-f]{16}/, '')).sort(), ['evl-search.js', 'pinyin.json', 'places.json']);
  assert.equal(app.page.workers().length, 1);
  assert.deepEqual(app.consoleErrors, []);
});

test('Enter typed before the suggestions have come chooses the first once they do', async () => {
  const app = await open('');
  // The worker's script comes late, so the query is asked before it runs.
  await app.page.route(isSearchWorker, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await app.page.fill('#evl-search-input', 'beijing');
  assert.match(await app.page.innerText('.evl-search-status'), /Loading places/);
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction(() => new URL(location.href).searchParams.get('at') !== null);
  const [lat, lng] = app.params().get('at').split(',').map(Number);
  assert.ok(distanceM({ lat, lng }, { lat: 39.9075, lng: 116.3972 }) < 5000, `origin ${lat},${lng} is Beijing`);
});

test('a search worker that cannot start says so in the box; the rest of the app works', async () => {
  const app = await open('', { contextOptions: { serviceWorkers: 'block' } });
  await app.page.route(isSearchWorker, (r) => r.abort('connectionrefused'));
  await app.page.fill('#evl-search-input', 'shanghai');
  await app.page.waitForFunction(() => document.querySelector('.evl-search-status')?.textContent.includes('unavailable'));
  assert.equal(await app.page.innerText('.evl-search-status'), 'Search is unavailable right now; try again later or reload the page');
  assert.deepEqual(await options(app), []);
  assert.ok((await app.listIds()).length > 0);
  await app.page.click('.evl-list > [data-outlet-id] .evl-card-main');
  assert.ok(app.params().get('outlet'));
});

test('a place list that cannot be read leaves the outlets searchable and says why on the console', async () => {
  const app = await open('', { contextOptions: { serviceWorkers: 'block' } });
  const warnings = [];
  app.page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await app.page.route(/\/data\/places\.json$/, (r) => r.fulfill({ body: '<!DOCTYPE html><p>Server error', contentType: 'text/html' }));
  await typeAndWait(app, 'yangpu');
  const found = await options(app);
  assert.ok(found.length > 0 && found.every((o) => o.kind === 'outlet'), JSON.stringify(found));
  assert.ok(warnings.some((w) => w.includes('place search is limited: places.json is a web page (HTML)')), warnings.join('\n'));
});
