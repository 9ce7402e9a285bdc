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
