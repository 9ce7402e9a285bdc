// The buyer's questions answered: is it open, when, how to get there, what
// is nearest for each service, and a link to share.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, outlets, distanceM, openAt, wgs84ToGcj02 } from './harness.mjs';

const { open } = useBrowser();

// Saturday 6 February 2027, Chinese New Year's Day, 11:30 in Shanghai (UTC+8).
const NEW_YEAR = new Date('2027-02-06T03:30:00Z');
// Monday 8 February 2027, 21:00 in Shanghai: the minute many stores close.
const MONDAY_NINE_PM = new Date('2027-02-08T13:00:00Z');

for (const [label, clock, date, minute] of [
  ["Spring Festival morning", NEW_YEAR, '2027-02-06', 11 * 60 + 30],
  ['the minute of closing', MONDAY_NINE_PM, '2027-02-08', 21 * 60],
]) {
  test(`open now keeps exactly the outlets open at ${label}, whatever the viewer's zone`, async () => {
    const app = await open('?open=1', {
      clock,
      contextOptions: { timezoneId: 'America/New_York' },
    });
    const want = outlets()
      .filter((o) => o.status === 'open' && openAt(o.hours, date, minute))
      .map((o) => o.id)
      .sort();
    assert.ok(want.length > 0 && want.length < outlets().length, `${want.length} open`);
    assert.deepEqual((await app.listIds()).sort(), want);
    assert.equal(await app.page.isChecked('input[name="evl-open"]'), true);
  });
}

test('cards say whether the outlet is open, in the dataset zone', async () => {
  const app = await open('', { clock: NEW_YEAR, contextOptions: { timezoneId: 'Europe/London' } });
  const closed = outlets().find((o) => o.status === 'open' && (o.hours?.exceptions ?? []).some((e) => e.date === '2027-02-06' && e.hours.length === 0));
  assert.ok(closed, 'the sample closes some outlets for the Spring Festival');
  // (Text content: rows out of sight are not laid out, content-visibility, so they have no innerText.)
  const text = await app.page.textContent(`.evl-list > [data-outlet-id="${closed.id}"] .evl-open-state`);
  assert.match(text, /^Closed today \(Closed for the Spring Festival\)$/);
  const openOne = outlets().find((o) => o.status === 'open' && openAt(o.hours, '2027-02-06', 11 * 60 + 30));
  assert.match(await app.page.textContent(`.evl-list > [data-outlet-id="${openOne.id}"] .evl-open-state`), /^Open now · closes \d\d:\d\d$/);
});

test('details: hours of the week with today marked, phone, directions in each datum, share link, Escape closes', async () => {
  const o = outlets().find((x) => x.id.startsWith('evh-shanghai') && x.status === 'open' && x.hours);
  const other = outlets().find((x) => x.id.startsWith('evh-shanghai') && x.id !== o.id);
  const app = await open(`?outlet=${other.id}`, { clock: MONDAY_NINE_PM });
  await app.page.waitForSelector(`.evl-list > [data-outlet-id="${other.id}"] .evl-details`);
  assert.equal(await app.page.evaluate(() => document.activeElement === document.body), true, 'a link does not move the focus');
  // Opened by the buyer, the details take the focus.
  await app.showAllRows();
  await app.page.click(`.evl-list > [data-outlet-id="${o.id}"] .evl-card-main`);
  const details = await app.page.waitForSelector(`.evl-list > [data-outlet-id="${o.id}"] .evl-details`);
  assert.equal(await app.page.evaluate(() => document.activeElement?.id), 'evl-details-heading', 'focus moves to the details');
  const rows = await details.$$('.evl-hours tbody tr');
  assert.equal(rows.length, 7);
  assert.equal(await rows[0].getAttribute('aria-current'), 'date');
  assert.match(await rows[0].innerText(), /^Monday · today 02-08/);
  assert.match(await rows[1].innerText(), /^Tuesday 02-09/);

  const links = await details.$$eval('.evl-directions-link', (as) => as.map((a) => ({ provider: a.dataset.provider, href: a.href, text: a.textContent })));
  assert.deepEqual(links.map((l) => l.provider), ['amap', 'baidu', 'apple', 'google']);
  const gcj = wgs84ToGcj02(o);
  const amap = new URL(links[0].href);
  assert.equal(amap.origin + amap.pathname, 'https://uri.amap.com/navigation');
  const [lng, lat] = amap.searchParams.get('to').split(',').map(Number);
  assert.ok(distanceM({ lat, lng }, gcj) < 0.5, 'Amap gets GCJ-02');
  assert.ok(links.every((l) => l.href.startsWith('https://')));
  assert.equal(await details.$$eval('.evl-directions-link', (as) => as.every((a) => a.rel.includes('noopener'))), true);

  const share = await details.$eval('.evl-share-link', (a) => a.href);
  assert.equal(new URL(share).search, `?outlet=${o.id}`);
  assert.equal(new URL(share).pathname, '/previews/42/');

  await app.page.keyboard.press('Escape');
  await app.page.waitForFunction(() => !document.querySelector('.evl-details'));
  assert.equal(app.params().get('outlet'), null);
  const focused = await app.page.evaluate(() => document.activeElement?.closest('[data-outlet-id]')?.dataset.outletId);
  assert.equal(focused, o.id, 'focus returns to the row');
});

test('the service panel names the nearest open outlet for each service, and mobile service here', async () => {
  const withRadius = outlets().find((o) => o.status === 'open' && o.mobile?.radius_km);
  assert.ok(withRadius, 'the sample has a partner with a mobile service radius');
  // A point 2 km north of that partner: inside its radius.
  const here = { lat: withRadius.lat + 2000 / 111195, lng: withRadius.lng };
  const app = await open(`?at=${here.lat.toFixed(5)},${here.lng.toFixed(5)}`);
  const rows = await app.page.$$eval('.evl-service-panel li[data-service]', (lis) =>
    lis.map((li) => ({ service: li.dataset.service, id: li.querySelector('button[data-outlet-id]')?.dataset.outletId ?? null, text: li.innerText })),
  );
  assert.deepEqual(rows.map((r) => r.service), ['sales', 'test_drive', 'delivery', 'after_sales', 'body_paint', 'charging']);
  const at = { lat: Number(here.lat.toFixed(5)), lng: Number(here.lng.toFixed(5)) };
  for (const r of rows) {
    const offering = outlets().filter((o) => o.status === 'open' && o.services.includes(r.service));
    const best = Math.min(...offering.map((o) => distanceM(at, o)));
    const chosen = outlets().find((o) => o.id === r.id);
    assert.ok(Math.abs(distanceM(at, chosen) - best) < 1, `${r.service}: ${r.id}`);
    assert.match(r.text, /straight-line distance/);
  }
  const afterSales = rows.find((r) => r.service === 'after_sales').text;
  assert.match(afterSales, new RegExp(`Mobile service available here from .*${withRadius.name.en.replace(/[()]/g, '.')}`));
  await app.page.click(`.evl-service-panel li[data-service="after_sales"] button[data-outlet-id]`);
  assert.equal(app.params().get('outlet'), rows.find((r) => r.service === 'after_sales').id);
});
