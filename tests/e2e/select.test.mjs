// Selecting an outlet in the list highlights it on the map, and the other
// way round; relocated and coming-soon outlets say so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, outlets } from './harness.mjs';

const { open } = useBrowser();


test('selecting in the list highlights the marker and records it in the URL', async () => {
  const app = await open();
  const id = (await app.listIds())[5];
  await app.page.click(`.evl-list > [data-outlet-id="${id}"] .evl-card-main`);
  await app.page.waitForSelector(`.leaflet-marker-icon.is-selected[data-outlet-id="${id}"]`);
  assert.equal(app.params().get('outlet'), id);
  assert.equal(await app.page.$$eval('.leaflet-marker-icon.is-selected', (e) => e.length), 1);
  assert.equal(await app.page.getAttribute(`.evl-list > [data-outlet-id="${id}"] .evl-card-main`, 'aria-pressed'), 'true');
});

test('clicking a marker selects the outlet and scrolls the list to it', async () => {
  // Open on one outlet, then click another single marker in view.
  const app = await open(`?outlet=${outlets()[0].id}`);
  await app.page.waitForSelector(`.leaflet-marker-icon.is-selected[data-outlet-id="${outlets()[0].id}"]`);
  const others = await app.page.$$eval('.leaflet-marker-icon[data-outlet-id]:not(.is-selected)', (els) =>
    els.filter((e) => {
      const r = e.getBoundingClientRect();
      const m = document.querySelector('.evl-map').getBoundingClientRect();
      return r.left > m.left + 60 && r.right < m.right - 60 && r.top > m.top + 60 && r.bottom < m.bottom - 60;
    }).map((e) => e.dataset.outletId),
  );
  assert.ok(others.length > 0, 'another outlet is on screen');
  const id = others[0];
  await app.page.evaluate(() => document.querySelector('.evl-side').scrollTo(0, 0));
  await app.page.click(`.leaflet-marker-icon[data-outlet-id="${id}"]`, { force: true });
  await app.page.waitForSelector(`.evl-list > .is-selected[data-outlet-id="${id}"]`);
  assert.equal(app.params().get('outlet'), id);
  await app.page.waitForFunction((id) => {
    const row = document.querySelector(`.evl-list > [data-outlet-id="${id}"]`).getBoundingClientRect();
    const side = document.querySelector('.evl-side').getBoundingClientRect();
    return row.top >= side.top - 1 && row.bottom <= side.bottom + 1;
  }, id);
});

test('?outlet= opens with that outlet selected', async () => {
  const id = outlets()[10].id;
  const app = await open(`?outlet=${id}`);
  await app.page.waitForSelector(`.evl-list > .is-selected[data-outlet-id="${id}"]`);
  await app.page.waitForSelector(`.leaflet-marker-icon.is-selected[data-outlet-id="${id}"]`);
});

test('a link to an outlet far down the list opens scrolled to its row', async () => {
  // Beijing, ranked from Shanghai: well over a hundred rows down.
  const id = outlets().find((o) => o.id.startsWith('evh-beijing')).id;
  const app = await open(`?at=31.23041,121.47370&outlet=${id}`);
  await app.page.waitForSelector(`.evl-list > .is-selected[data-outlet-id="${id}"] .evl-details`);
  assert.ok(await app.page.$$eval('.evl-list > [data-outlet-id]', (rows, id) => rows.findIndex((r) => r.dataset.outletId === id), id) > 100);
  await app.page.waitForFunction((id) => {
    const row = document.querySelector(`.evl-list > [data-outlet-id="${id}"]`).getBoundingClientRect();
    const side = document.querySelector('.evl-side').getBoundingClientRect();
    return row.top >= side.top - 2 && row.top < side.bottom - 100;
  }, id, { timeout: 5000 });
});

test('a relocated outlet links to its new home; coming-soon outlets are marked', async () => {
  const moved = outlets().find((o) => o.status === 'relocated');
  assert.ok(moved, 'the sample has a relocated outlet');
  const app = await open();
  await app.showAllRows();
  const row = `.evl-list > [data-outlet-id="${moved.id}"]`;
  // (Text content: rows out of sight are not laid out, content-visibility, so they have no innerText.)
  assert.match(await app.page.textContent(row), /Relocated/);
  await app.page.click(`${row} .evl-card-note .evl-link-button`);
  await app.page.waitForSelector(`.evl-list > .is-selected[data-outlet-id="${moved.relocatedTo}"]`);
  assert.equal(app.params().get('outlet'), moved.relocatedTo);

  const soon = outlets().filter((o) => o.status === 'coming_soon');
  assert.ok(soon.length > 0);
  await app.showAllRows();
  for (const o of soon) {
    assert.match(await app.page.textContent(`.evl-list > [data-outlet-id="${o.id}"]`), /Coming soon/);
  }
});

test('the legend names every marker style', async () => {
  const app = await open();
  const legend = await app.page.innerText('.evl-legend');
  for (const word of ['EV Home store', 'Authorized partner', 'Coming soon', 'Relocated', 'Your location']) {
    assert.ok(legend.includes(word), word);
  }
});
