// A long list comes a page at a time: the page never holds thousands of
// cards, and the rest are one scroll (or one key press) away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, dataset } from './harness.mjs';

const { open } = useBrowser();
const TOTAL = dataset.features.length * 8;
const drawn = (app) => app.page.$$eval('.evl-list > [data-outlet-id]', (l) => l.length);

test('the first drawing takes over the prerendered page whole (30 ranked rows); scrolling to the end and the "show more" button draw the next 30', async () => {
  // The app's first drawing on screen (not the prerendered view's rows): it
  // replaces a whole prerendered page, so it shows the nearest 30 at once,
  // ranked (drawn while hidden a few rows per task, shown when whole).
  const first = () => {
    window.__firstDrawn = new Promise((resolve) => {
      new MutationObserver((_, observer) => {
        const rows = document.querySelectorAll('.evl-app:not([data-evl-prerendered]):not(.is-waiting) .evl-list > [data-outlet-id]');
        if (rows.length) {
          observer.disconnect();
          resolve([...rows].map((r) => Number(r.dataset.distanceM)));
        }
      }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
    });
  };
  const app = await open('?at=31.23041,121.47370', { variant: 'many', initScript: first });
  const firstRows = await app.page.evaluate(() => window.__firstDrawn);
  assert.equal(firstRows.length, 30);
  assert.ok(firstRows.every((x, i) => Number.isFinite(x) && (i === 0 || firstRows[i - 1] <= x)), `${firstRows}`);
  assert.equal(await app.page.innerText('.evl-count'), `${TOTAL.toLocaleString('en')} outlets`);
  await app.page.waitForFunction(() => document.querySelectorAll('.evl-list > [data-outlet-id]').length === 30);
  await app.page.waitForTimeout(200);
  assert.equal(await drawn(app), 30, 'one page, no more until asked');
  assert.equal(await app.page.getAttribute('.evl-list', 'data-count'), String(TOTAL));
  assert.match(await app.page.innerText('.evl-more'), new RegExp(`^Show 30 more \\(30 of ${TOTAL.toLocaleString('en')} shown\\)$`));
  // The keyboard: the button keeps the focus and the rows grow above it.
  // (Focusing it scrolls it into view, which itself draws a page.)
  await app.page.focus('.evl-more');
  await app.page.waitForTimeout(300);
  const before = await drawn(app);
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction((n) => document.querySelectorAll('.evl-list > [data-outlet-id]').length >= n + 30, before);
  assert.equal(await app.page.evaluate(() => document.activeElement.classList.contains('evl-more')), true);
  // Scrolling to the end.
  const scrolled = await drawn(app);
  await app.page.$eval('.evl-side', (e) => e.scrollTo(0, e.scrollHeight));
  await app.page.waitForFunction((n) => document.querySelectorAll('.evl-list > [data-outlet-id]').length >= n + 30, scrolled);
  // The ranking is still nearest first across pages.
  const d = (await app.page.$$eval('.evl-list > [data-outlet-id]', (l) => l.map((e) => Number(e.dataset.distanceM))));
  assert.ok(d.every((x, i) => i === 0 || d[i - 1] <= x));
  // A new filter starts again at one page.
  await app.page.check('.evl-chip-kind-partner input');
  await app.page.waitForFunction(() => document.querySelectorAll('.evl-list > [data-outlet-id]').length === 30);
});

test('a link selecting an outlet far down the list draws the list down to it', async () => {
  const last = `${dataset.features.at(-1).properties.id}-7`;
  const app = await open(`?outlet=${last}`, { variant: 'many' });
  await app.page.waitForSelector(`.evl-list > [data-outlet-id="${last}"].is-selected`);
  const ids = await app.page.$$eval('.evl-list > [data-outlet-id]', (l) => l.map((e) => e.dataset.outletId));
  assert.ok(ids.length > 100, `${ids.length} rows drawn`);
  assert.equal(ids.at(-1), last, 'drawn down to the selected outlet, no further');
});
