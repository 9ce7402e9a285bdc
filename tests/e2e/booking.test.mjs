// From finding to booking: the calls to action of config.json's
// `booking.links` on cards and in the service panel (filled-in, encoded,
// only where they apply), and the booking form posting to a real local
// endpoint that this test starts and records: field checks in both
// languages, success with the reference, a 500, a timeout, an answer that
// is not JSON, a double submit, keyboard-only use, the host page's event.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { useBrowser, outlets, openAt, axeViolations, setBookingEndpoint, BOOKING_LINKS } from './harness.mjs';

const { open, env } = useBrowser();

// Monday 8 February 2027, 10:00 in Shanghai.
const CLOCK = new Date('2027-02-08T02:00:00Z');
const SHANGHAI = '31.2304,121.4737';

/** The brand's endpoint: answers as `lead.mode` says, and records every request. */
const lead = { log: [], mode: 'ok', server: null };
before(async () => {
  lead.server = createServer(async (req, res) => {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type, accept',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      return res.end();
    }
    let text = '';
    for await (const chunk of req) text += chunk;
    const mode = lead.mode;
    lead.log.push({ method: req.method, type: req.headers['content-type'], body: JSON.parse(text), mode });
    const wait = { slow: 3500, delayed: 700 }[mode] ?? 0;
    if (wait) await new Promise((ok) => setTimeout(ok, wait));
    if (res.destroyed) return;
    // Down: the connection drops with no answer at all.
    if (mode === 'down') return req.socket.destroy();
    const json = { 'content-type': 'application/json', ...cors };
    if (mode === 'refused') res.writeHead(422, json).end(JSON.stringify({ error: 'mobile' }));
    else if (mode === 'error') res.writeHead(500, { 'content-type': 'text/plain', ...cors }).end('Internal Server Error');
    else if (mode === 'html') res.writeHead(200, { 'content-type': 'text/html', ...cors }).end('<html><body>Thanks!</body></html>');
    else res.writeHead(201, json).end(JSON.stringify({ reference: `TD-2027-${String(lead.log.length).padStart(4, '0')}` }));
  });
  await new Promise((ok) => lead.server.listen(0, '127.0.0.1', ok));
  setBookingEndpoint(`http://127.0.0.1:${lead.server.address().port}/api/leads`);
});
after(() => new Promise((ok) => lead.server.close(ok)));

const all = outlets();
/** Percent-encoding as RFC 3986 has it: `encodeURIComponent` leaves `!'()*` alone, the app encodes them too. */
const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const fill = (t, o) => t.replace('{id}', enc(o.id)).replace('{city}', enc(o.city)).replace('{lang}', 'en');
/** The link an outlet's call to action for `what` leads to in English: its own page (`booking` in the dataset), else the configuration's. */
const linkOf = (o, what) => o.booking[what] ?? fill(BOOKING_LINKS[what], { id: o.id, city: o.city.en ?? o.city.zh });

/** An open outlet offering a test drive and after-sales service, open on 2027-02-10 at 14:00. */
const bookable = all.find(
  (o) => o.status === 'open' && o.services.includes('test_drive') && o.services.includes('after_sales') && openAt(o.hours, '2027-02-10', 14 * 60),
);

const ctas = (app, id) =>
  app.page.$$eval(`.evl-list > [data-outlet-id="${id}"] .evl-booking-link`, (els) =>
    els.map((e) => ({ what: e.dataset.booking, tag: e.tagName, href: e.getAttribute('href'), target: e.getAttribute('target') })),
  );

test('cards: a call to action per offered, configured service, encoded; notify for coming soon; none for relocated', async () => {
  const app = await open(`?lang=en`, { variant: 'booking', clock: CLOCK });
  await app.showAllRows();
  const { dataset } = await import('./harness.mjs');
  const city = new Map(dataset.features.map((f) => [f.properties.id, f.properties.city.en ?? f.properties.city.zh]));
  let checked = 0;
  let own = 0;
  for (const o of all) {
    const got = await ctas(app, o.id);
    if (o.status === 'relocated') {
      assert.deepEqual(got, [], `${o.id} is relocated`);
      continue;
    }
    if (o.status === 'coming_soon') {
      assert.deepEqual(got.map((c) => c.what), ['notify'], o.id);
      assert.equal(got[0].href, `https://crm.example.cn/opening?store=${encodeURIComponent(o.id)}&s=notify`);
      continue;
    }
    const want = ['test_drive', 'after_sales', 'body_paint'].filter((s) => o.services.includes(s));
    assert.deepEqual(got.map((c) => c.what), want, o.id);
    for (const c of got) {
      if (c.what === 'test_drive') {
        assert.equal(c.tag, 'BUTTON', 'the form books test drives');
      } else {
        assert.equal(c.tag, 'A');
        assert.equal(c.target, '_blank');
        assert.equal(c.href, linkOf(o, c.what));
        if (o.booking[c.what]) own += 1;
      }
    }
    checked += got.length;
  }
  assert.ok(checked > 100, `${checked} calls to action checked`);
  // Some outlets book a service in their dealer group's own system: their card leads there (linkOf above).
  assert.ok(own > 10, `${own} outlets' own booking pages checked`);
  // A city with a space or an ampersand would break an unencoded link: the sample's English cities have spaces.
  assert.ok([...city.values()].some((c) => /[ ']/.test(c)), 'the sample has a city name to encode');
  assert.deepEqual(app.consoleErrors, []);
});

test('service panel: the nearest outlet for after-sales carries its link, for test drive its form button', async () => {
  const app = await open(`?at=${SHANGHAI}&lang=en`, { variant: 'booking', clock: CLOCK });
  const row = async (service) =>
    app.page.$eval(`.evl-service-panel li[data-service="${service}"]`, (li) => ({
      id: li.querySelector('button[data-outlet-id]')?.dataset.outletId,
      cta: [...li.querySelectorAll('.evl-booking-link')].map((e) => [e.dataset.booking, e.tagName, e.getAttribute('href')]),
    }));
  const after = await row('after_sales');
  assert.equal(after.cta.length, 1);
  assert.equal(after.cta[0][0], 'after_sales');
  assert.equal(after.cta[0][2], linkOf(all.find((o) => o.id === after.id), 'after_sales'));
  const drive = await row('test_drive');
  assert.deepEqual(drive.cta.map((c) => c.slice(0, 2)), [['test_drive', 'BUTTON']]);
  const sales = await row('sales');
  assert.deepEqual(sales.cta, [], 'no link configured for sales');
  // The panel's button opens the form for that outlet.
  await app.page.click('.evl-service-panel li[data-service="test_drive"] .evl-booking-link');
  await app.page.waitForSelector('dialog.evl-booking-dialog[open]');
  assert.equal(app.params().get('outlet'), drive.id);
  assert.equal(app.params().get('book'), 'test_drive');
});

test('map popup: the same calls to action, and its form button opens the form', async () => {
  const app = await open(`?outlet=${bookable.id}&lang=en`, { variant: 'booking', clock: CLOCK });
  const marker = `.leaflet-marker-icon[data-outlet-id="${bookable.id}"]`;
  await app.page.waitForSelector(marker);
  await app.page.click(marker, { force: true });
  const popup = await app.page.waitForSelector('.evl-popup');
  const got = await popup.$$eval('.evl-booking-link', (l) => l.map((e) => [e.dataset.booking, e.tagName]));
  const want = ['test_drive', 'after_sales', 'body_paint'].filter((s) => bookable.services.includes(s));
  assert.deepEqual(got.map((c) => c[0]), want);
  assert.deepEqual(got[0], ['test_drive', 'BUTTON']);
  const link = await popup.$('a.evl-booking-link[data-booking="after_sales"]');
  assert.equal(await link.getAttribute('href'), linkOf(bookable, 'after_sales'));
  await popup.$eval('button.evl-booking-link', (b) => b.click());
  await app.page.waitForSelector('dialog.evl-booking-dialog[open]');
  assert.equal(app.params().get('book'), 'test_drive');
  assert.deepEqual(app.consoleErrors, []);
});

const form = (page) => ({
  name: (v) => page.fill('#evl-lead-name', v),
  mobile: (v) => page.fill('#evl-lead-mobile', v),
  date: (v) => page.fill('#evl-lead-date', v),
  consent: () => page.check('#evl-lead-consent'),
  send: () => page.click('.evl-booking-buttons button[type="submit"]'),
  problems: () => page.$$eval('.evl-field-problem', (ps) => Object.fromEntries(ps.filter((p) => p.textContent).map((p) => [p.id.replace(/^evl-lead-|-problem$/g, ''), p.textContent]))),
});

test('the form checks each field, in English and in Chinese, and sends nothing until they are right', async () => {
  lead.log.length = 0;
  for (const [lang, words] of [
    ['zh', { name: /请填写姓名/, mobile: /11 位中国大陆手机号码/, date: /请选择日期/, consent: /请勾选同意/, past: /不能早于今天/, far: /60 天以内/ }],
    ['en', { name: /enter your name/, mobile: /11 digits starting 13 to 19/, date: /choose a date/, consent: /tick the consent box/, past: /cannot be in the past/, far: /within the next 60 days/ }],
  ]) {
    const app = await open(`?outlet=${bookable.id}&book=test_drive&lang=${lang}`, { variant: 'booking', clock: CLOCK });
    const dialog = await app.page.waitForSelector('dialog.evl-booking-dialog[open]');
    assert.equal(await app.page.evaluate(() => document.activeElement?.id), 'evl-lead-name', 'the dialog takes the focus');
    assert.match(await dialog.$eval('h2', (h) => h.textContent), lang === 'en' ? /^Book a test drive · / : /^预约试驾 · /);
    assert.equal(await app.page.getAttribute('#evl-lead-date', 'min'), '2027-02-08', 'today in Shanghai');
    const f = form(app.page);
    await f.send();
    let p = await f.problems();
    assert.match(p.name, words.name);
    assert.match(p.mobile, words.mobile);
    assert.match(p.date, words.date);
    assert.match(p.consent, words.consent);
    assert.equal(await app.page.getAttribute('#evl-lead-mobile', 'aria-invalid'), 'true');
    assert.equal(await app.page.evaluate(() => document.activeElement?.id), 'evl-lead-name', 'focus on the first field to fix');
    assert.equal(await app.page.$$eval('.evl-booking-problems li', (l) => l.length), 4);
    await f.name('王小明');
    await f.mobile('12800138000');
    await f.date('2027-02-07');
    await f.consent();
    await f.send();
    p = await f.problems();
    assert.deepEqual(Object.keys(p).sort(), ['date', 'mobile']);
    assert.match(p.date, words.past);
    await f.date('2027-06-01');
    await f.send();
    assert.match((await f.problems()).date, words.far);
    assert.equal(await app.page.getAttribute('#evl-lead-name', 'aria-invalid'), 'false');
    assert.deepEqual(app.consoleErrors, []);
  }
  assert.equal(lead.log.length, 0, 'nothing sent while a field is wrong');
});

test('the date field says which days the outlet is closed, and a closed day is refused', async () => {
  const closedTuesday = all.find((o) => o.status === 'open' && o.services.includes('test_drive') && o.hours?.tue?.length === 0);
  assert.ok(closedTuesday, 'the sample has an outlet closed on Tuesdays');
  for (const [lang, hint, refused] of [
    ['en', /^Closed on Tuesday$/, /closed on 2027-02-09/],
    ['zh', /^周二休息$/, /2027-02-09/],
  ]) {
    const app = await open(`?outlet=${closedTuesday.id}&book=test_drive&lang=${lang}`, { variant: 'booking', clock: CLOCK });
    await app.page.waitForSelector('dialog.evl-booking-dialog[open]');
    assert.match(await app.page.innerText('#evl-lead-date-hint'), hint);
    assert.match(await app.page.getAttribute('#evl-lead-date', 'aria-describedby'), /evl-lead-date-hint/);
    await app.page.fill('#evl-lead-date', '2027-02-09'); // a Tuesday
    await app.page.click('.evl-booking-buttons button[type="submit"]');
    assert.match(await app.page.innerText('#evl-lead-date-problem'), refused);
  }
});

/** Opens the form for `bookable` and fills it in rightly. */
async function filledForm(query = '') {
  const app = await open(`?outlet=${bookable.id}&book=test_drive&lang=en${query}`, { variant: 'booking', clock: CLOCK });
  await app.page.waitForSelector('dialog.evl-booking-dialog[open]');
  const f = form(app.page);
  await f.name(' 王小明 ');
  await f.mobile('+86 138 0013 8000');
  await f.date('2027-02-10');
  await f.consent();
  return { app, f };
}

test('a booking that the endpoint takes: the JSON posted, the reference shown', async () => {
  lead.log.length = 0;
  lead.mode = 'ok';
  const { app, f } = await filledForm();
  await f.send();
  const done = await app.page.waitForSelector('.evl-booking-done');
  assert.match(await done.innerText(), /Booking sent\. Your reference: TD-2027-0001\./);
  assert.equal(lead.log.length, 1);
  const [r] = lead.log;
  assert.equal(r.method, 'POST');
  assert.equal(r.type, 'application/json');
  const { idempotency_key: key, ...body } = r.body;
  assert.deepEqual(body, { outlet_id: bookable.id, service: 'test_drive', name: '王小明', mobile: '13800138000', date: '2027-02-10', lang: 'en', consent: true });
  assert.match(key, /^evl-[0-9a-f]+-[0-9a-f]{16}$/);
  // Closing leaves the outlet selected and the form's parameter gone.
  await app.page.click('.evl-booking-done button');
  await app.page.waitForSelector('dialog.evl-booking-dialog', { state: 'detached' });
  assert.equal(app.params().get('book'), null);
  assert.equal(app.params().get('outlet'), bookable.id);
});

const FAILURES = {
  down: ['is down (the connection drops)', /could not be reached/],
  refused: ['answers 422', /turned the request down \(422\)/],
  error: ['answers 500', /had a problem \(500\) and the booking was not made/],
  slow: ['takes too long', /did not answer within 2 seconds/],
  html: ['answers with HTML', /answer was not understood/],
};
for (const [mode, [what, message]] of Object.entries(FAILURES)) {
  test(`the endpoint ${what}: said in plain words, fields kept, try again works`, async () => {
    lead.log.length = 0;
    lead.mode = mode;
    const { app, f } = await filledForm();
    await f.send();
    const error = await app.page.waitForSelector('.evl-booking-error', { timeout: 6000 });
    assert.match(await error.innerText(), message);
    assert.match(await error.innerText(), /what you entered is kept|call the outlet/);
    assert.equal(await app.page.inputValue('#evl-lead-name'), ' 王小明 ');
    assert.equal(await app.page.inputValue('#evl-lead-mobile'), '+86 138 0013 8000');
    assert.equal(await app.page.isChecked('#evl-lead-consent'), true);
    assert.equal(await app.page.innerText('.evl-booking-buttons button[type="submit"]'), 'Try again');
    lead.mode = 'ok';
    await f.send();
    await app.page.waitForSelector('.evl-booking-done');
    assert.equal(lead.log.length, 2);
    assert.equal(lead.log[1].body.idempotency_key, lead.log[0].body.idempotency_key, 'a retry is the same booking');
    assert.deepEqual(app.consoleErrors.filter((e) => !/Failed to load resource|CORS|net::/.test(e)), []);
  });
}

test('a double click sends one request', async () => {
  lead.log.length = 0;
  lead.mode = 'delayed';
  const { app } = await filledForm();
  await app.page.dblclick('.evl-booking-buttons button[type="submit"]');
  // A third click while it is sending: the button says it is disabled (aria-disabled, so it keeps the focus), which
  // Playwright honours; force the click through as an impatient buyer's would be.
  await app.page.click('.evl-booking-buttons button[type="submit"]', { force: true });
  assert.equal(await app.page.innerText('.evl-booking-buttons button[type="submit"]'), 'Sending…');
  await app.page.waitForSelector('.evl-booking-done');
  await new Promise((ok) => setTimeout(ok, 300));
  assert.equal(lead.log.length, 1);
  lead.mode = 'ok';
});

test('keyboard only: open the form from a card, fill it in, send; axe clean with the form open', async () => {
  lead.log.length = 0;
  lead.mode = 'ok';
  const app = await open(`?outlet=${bookable.id}&lang=en`, { variant: 'booking', clock: CLOCK });
  const button = `.evl-list > [data-outlet-id="${bookable.id}"] button.evl-booking-link[data-booking="test_drive"]`;
  await app.page.waitForSelector(button);
  await app.page.focus(button);
  await app.page.keyboard.press('Enter');
  await app.page.waitForSelector('dialog.evl-booking-dialog[open]');
  assert.deepEqual(await axeViolations(app.page), []);
  const k = app.page.keyboard;
  await k.type('Li Lei');
  await k.press('Tab');
  await k.type('13912345678');
  await k.press('Tab');
  await k.type('02102027');
  assert.equal(await app.page.inputValue('#evl-lead-date'), '2027-02-10');
  // Tab walks the date's month, day and year before it leaves the field.
  const focusedId = () => app.page.evaluate(() => document.activeElement?.id);
  for (let i = 0; i < 3 && (await focusedId()) === 'evl-lead-date'; i++) await k.press('Tab');
  assert.equal(await focusedId(), 'evl-lead-consent');
  await k.press('Space');
  await k.press('Tab'); // the privacy policy link
  await k.press('Tab');
  assert.equal(await app.page.evaluate(() => document.activeElement?.getAttribute('type')), 'submit');
  await k.press('Enter');
  await app.page.waitForSelector('.evl-booking-done');
  assert.equal(lead.log.at(-1).body.date, '2027-02-10');
  assert.equal(lead.log.at(-1).body.name, 'Li Lei');
  assert.deepEqual(await axeViolations(app.page), []);
  // Escape on a new form closes it and gives the focus back to the call to action.
  await app.page.focus(button);
  await k.press('Enter');
  await app.page.waitForSelector('dialog.evl-booking-dialog[open]');
  await k.press('Escape');
  await app.page.waitForSelector('dialog.evl-booking-dialog', { state: 'detached' });
  assert.equal(await app.page.evaluate(() => document.activeElement?.dataset.booking), 'test_drive');
});

test('book= for an outlet the form cannot book is ignored and said', async () => {
  const soon = all.find((o) => o.status === 'coming_soon');
  const app = await open(`?outlet=${soon.id}&book=test_drive&lang=en`, { variant: 'booking', clock: CLOCK });
  assert.match(await app.page.innerText('.evl-notice-url'), /book="test_drive" was ignored: this outlet cannot be booked for it here/);
  assert.equal(await app.page.$('dialog.evl-booking-dialog'), null);
  assert.equal(app.params().get('book'), null);
});

test('a hostile booking template is refused and named; no call to action anywhere', async () => {
  for (const [lang, text] of [
    ['en', /booking\.links\.test_drive: "javascript:window\.__pwned=1\/\/\{id\}" is not an https: address/],
    ['zh', /booking\.links\.test_drive.*不是 https: 地址/],
  ]) {
    const app = await open(`?lang=${lang}`, { variant: 'booking-hostile' });
    assert.match(await app.page.innerText('.evl-notice-url'), text);
    assert.equal(await app.page.$$eval('.evl-booking-link', (l) => l.length), 0);
    assert.equal(await app.page.evaluate(() => window.__pwned), undefined);
  }
});

test('framed: the host page hears of a booking link and of a booking sent, with no personal data', async () => {
  lead.mode = 'ok';
  const context = await env.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  await context.route((u) => u.hostname !== '127.0.0.1', (r) => r.abort('internetdisconnected'));
  const page = await context.newPage();
  await page.clock.setFixedTime(CLOCK);
  const appUrl = `${env.server.base}/booking/?lang=en&outlet=${bookable.id}`;
  await page.goto(`${env.server.hostBase}/iframe.html?app=${encodeURIComponent(appUrl)}`);
  const frame = page.frameLocator('#locator');
  const card = frame.locator(`.evl-list > [data-outlet-id="${bookable.id}"]`);
  await card.locator('button.evl-booking-link').waitFor();
  const linked = 'after_sales';
  {
    const a = card.locator(`a.evl-booking-link[data-booking="${linked}"]`);
    await a.evaluate((el) => el.addEventListener('click', (e) => e.preventDefault(), { once: true }));
    await a.click();
    await page.waitForSelector('#events li[data-type="booking"]', { state: 'attached' });
  }
  await card.locator('button.evl-booking-link').click();
  await frame.locator('#evl-lead-name').fill('王小明');
  await frame.locator('#evl-lead-mobile').fill('13800138000');
  await frame.locator('#evl-lead-date').fill('2027-02-10');
  await frame.locator('#evl-lead-consent').check();
  await frame.locator('.evl-booking-buttons button[type="submit"]').click();
  await frame.locator('.evl-booking-done').waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('#events li[data-type="booking"]').length === n, 2);
  const events = await page.$$eval('#events li[data-type="booking"]', (lis) => lis.map((li) => JSON.parse(li.textContent)));
  const want = [{ id: bookable.id, service: linked, via: 'link' }, { id: bookable.id, service: 'test_drive', via: 'form' }];
  assert.deepEqual(
    events.map(({ protocol, version, type, ...rest }) => {
      assert.deepEqual([protocol, version, type], ['evl-locator', 2, 'booking']);
      return rest;
    }),
    want,
  );
  assert.ok(!JSON.stringify(events).includes('13800138000') && !JSON.stringify(events).includes('王小明'), 'no personal data');
  await context.close();
});
