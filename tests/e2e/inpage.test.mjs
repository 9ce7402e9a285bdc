// The in-page mount on a brand's page as real ones are (tests/hosts/hostile.html):
// a 62.5% root font size, !important rules on *, div, li, button, a, img and
// input, an upper-case serif body, an older Leaflet on window.L, jQuery,
// RequireJS's define, a nonce-based Content-Security-Policy and the host's
// own service worker, with two locators side by side (in a right-to-left
// column) and a third the page adds later. The app, in each
// element's shadow root, must look and work as on its own page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { useBrowser, axeViolations, dataset, outlets } from './harness.mjs';

const { env } = useBrowser();
const SHOTS = fileURLToPath(new URL('../../target/e2e-screenshots/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });

async function newPage(url, { viewport = { width: 1500, height: 1000 }, colorScheme = 'light' } = {}) {
  const context = await env.browser.newContext({ locale: 'en-US', viewport, colorScheme });
  await context.route((u) => u.hostname !== '127.0.0.1', (r) => r.abort('internetdisconnected'));
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  await page.goto(url);
  return { page, context, errors };
}

const HOST = () => `${env.server.base}/test-host/hostile.html`;
const events = (page, from) =>
  page.$$eval(`#events li[data-from="${from}"]`, (lis) => lis.map((li) => JSON.parse(li.textContent)));
const waitForEvent = (page, from, type) =>
  page.waitForSelector(`#events li[data-from="${from}"][data-type="${type}"]`, { state: 'attached', timeout: 20000 });

/** The parts compared with the app on its own page, by selector inside the app. */
const PARTS = {
  header: '.evl-header',
  title: '.evl-title',
  card: '.evl-list > li:first-child',
  'card name': '.evl-list > li:first-child .evl-card-name',
  chip: '.evl-chip span',
  'search box': '.evl-search-input',
  'map control': '.leaflet-control-zoom-in',
};
const PROPS = [
  'font-size', 'font-family', 'font-weight', 'line-height', 'letter-spacing', 'text-transform', 'color',
  'background-color', 'border-top-width', 'border-top-style', 'border-top-color', 'border-left-width',
  'padding-top', 'padding-left', 'margin-left', 'box-sizing', 'list-style-type', 'text-decoration-line',
];

/** Sizes and computed styles of PARTS inside `scope` (a locator of the app's root or host element). */
async function measure(scope) {
  const out = {};
  for (const [name, sel] of Object.entries(PARTS)) {
    const el = scope.locator(sel).first();
    await el.waitFor({ state: 'attached', timeout: 20000 });
    out[name] = await el.evaluate((e, props) => {
      const r = e.getBoundingClientRect();
      const cs = getComputedStyle(e);
      return { width: r.width, height: r.height, ...Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)])) };
    }, PROPS);
  }
  return out;
}

/** Where `got` differs from `want`: sizes by more than a pixel, styles at all. */
function differences(got, want) {
  const diff = [];
  for (const [part, props] of Object.entries(want)) {
    for (const [p, v] of Object.entries(props)) {
      const g = got[part][p];
      const same = typeof v === 'number' ? Math.abs(g - v) <= 1 : g === v;
      if (!same) diff.push(`${part} ${p}: ${g} (own page: ${v})`);
    }
  }
  return diff;
}

test('in-page on a hostile host: the app looks as on its own page, the host keeps its Leaflet, AMD and jQuery, two locators work apart', async () => {
  // The app on its own page, as wide as locator A's element.
  const own = await newPage(`${env.server.base}/locator/?lang=zh`, { viewport: { width: 1000, height: 900 } });
  await own.page.waitForSelector('.evl-app:not(.is-waiting) .evl-list > li');
  await own.page.waitForSelector('.leaflet-control-zoom-in');
  const want = await measure(own.page.locator('.evl-app:not(.is-waiting)'));
  await own.context.close();

  const { page, context, errors } = await newPage(HOST());
  await waitForEvent(page, 'locator-a', 'ready');
  await waitForEvent(page, 'locator-b', 'ready');
  const a = page.locator('#locator-a');
  const b = page.locator('#locator-b');
  await a.locator('.leaflet-control-zoom-in').waitFor();

  // Each locator in its own shadow root, open, with its own dataset.
  assert.deepEqual(
    await page.evaluate(() => ['locator-a', 'locator-b'].map((id) => document.getElementById(id).shadowRoot?.mode)),
    ['open', 'open'],
  );
  assert.equal(await page.locator('.evl-app').count(), 2, 'both apps, reached through their shadow roots');
  assert.equal(await page.evaluate(() => document.querySelectorAll('.evl-app, .evl-shell').length), 0, 'nothing of ours in the host document');
  const [readyA] = await events(page, 'locator-a');
  const [readyB] = await events(page, 'locator-b');
  assert.equal(readyA.outlets, dataset.features.length);
  assert.equal(readyB.outlets, dataset.features.length * 8, 'locator B has its own dataset (/many/)');
  assert.equal(await a.locator('.evl-app').getAttribute('lang'), 'zh-CN');
  assert.equal(await b.locator('.evl-app').getAttribute('lang'), 'en');

  // Sizes, colours and borders as on the app's own page, whatever the host's rules.
  assert.deepEqual(differences(await measure(a), want), []);
  // The host's rules are its own still.
  const hostStyles = await page.evaluate(() => {
    const cs = (sel) => getComputedStyle(document.querySelector(sel));
    return {
      root: cs('html').fontSize,
      body: [cs('body').textTransform, cs('body').fontFamily.split(',')[0]],
      button: [cs('#host-button').backgroundColor, cs('#host-button').fontSize],
      li: cs('#host-list li').listStyleType,
    };
  });
  assert.deepEqual(hostStyles, { root: '10px', body: ['uppercase', 'Georgia'], button: ['rgb(233, 30, 99)', '22px'], li: 'square' });

  // Locator B: the narrow column has the phone layout at this window width,
  // its base size is the host's --evl-font-size (18px), and theme.font
  // "inherit" lets the host's font in, and nothing else of the host's.
  assert.equal(await b.locator('.evl-pane-switch').isVisible(), true, 'B, 380px wide, has the phone layout');
  assert.equal(await a.locator('.evl-pane-switch').isVisible(), false, 'A, 1000px wide, has the desktop one');
  const bStyles = await b.locator(PARTS['card name']).first().evaluate((e) => {
    const cs = getComputedStyle(e);
    return { size: cs.fontSize, family: cs.fontFamily.split(',')[0], transform: cs.textTransform, spacing: cs.letterSpacing };
  });
  assert.deepEqual(bStyles, { size: `${(parseFloat(want['card name']['font-size']) * 18) / 16}px`, family: 'Georgia', transform: 'none', spacing: 'normal' });
  assert.notEqual(want['card name']['font-family'].split(',')[0], 'Georgia');

  // The host's Leaflet, AMD modules and jQuery are untouched by ours.
  const host = await page.evaluate(() => ({
    sameL: window.L === window.hostL,
    version: window.L.version,
    ours: window.__evlL?.version,
    hostMarker: document.querySelectorAll('#host-map path.leaflet-interactive').length,
    amd: Object.keys(window.requirejs.s.contexts._.defined),
    hostModule: window.hostModule?.ok,
    jquery: document.getElementById('host-status').textContent,
  }));
  assert.deepEqual(host, { sameL: true, version: '1.7.1', ours: '1.9.4', hostMarker: 1, amd: ['host-module'], hostModule: true, jquery: 'jQuery 3.7.1' });

  // The keyboard: Tab goes from the host's button into locator A, and a
  // cluster marker keeps the focus after Enter zooms in.
  await page.focus('#host-button');
  for (let i = 0; i < 4 && (await page.evaluate(() => document.activeElement.id)) !== 'locator-a'; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'locator-a');
  assert.equal(await page.evaluate(() => document.getElementById('locator-a').shadowRoot.activeElement.className), 'evl-lang');
  const cluster = a.locator('.evl-cluster-icon:not(.is-stack)').first();
  await cluster.focus();
  const zoom = () => a.locator('.evl-map').evaluate((e) => Number(e.dataset.zoom));
  const zoom0 = await zoom();
  await page.keyboard.press('Enter');
  await page.waitForFunction((z) => Number(document.getElementById('locator-a').shadowRoot.querySelector('.evl-map').dataset.zoom) > z, zoom0);
  await page.waitForTimeout(400);
  assert.equal(
    await page.evaluate(() => {
      const root = document.getElementById('locator-a').shadowRoot;
      return root.querySelector('.evl-map').contains(root.activeElement);
    }),
    true,
    'the focus stays in the map',
  );

  // Commands and events go to the one locator they are for.
  const first = dataset.features[0].properties.id;
  await page.evaluate((id) => window.command('locator-a', { type: 'select-outlet', id }), first);
  await a.locator(`.evl-card.is-selected[data-outlet-id="${first}"]`).waitFor();
  assert.equal(await b.locator('.evl-card.is-selected').count(), 0);
  const other = await b.locator('.evl-list > li').nth(1).getAttribute('data-outlet-id');
  await b.locator(`.evl-list > [data-outlet-id="${other}"] .evl-card-main`).click();
  await waitForEvent(page, 'locator-b', 'outlet-selected');
  assert.equal((await events(page, 'locator-b')).find((e) => e.type === 'outlet-selected').id, other);
  assert.equal((await events(page, 'locator-a')).filter((e) => e.type === 'outlet-selected').length, 0);

  // The map inside the shadow root: a drag moves it, a marker's popup opens in place.
  const pane = a.locator('.leaflet-map-pane');
  const before = await pane.evaluate((e) => e.style.transform);
  const box = await a.locator('.evl-map').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 - 60, { steps: 8 });
  await page.mouse.up();
  assert.notEqual(await pane.evaluate((e) => e.style.transform), before, 'the drag moved the map');
  await a.locator('.evl-card.is-selected .evl-card-main').click();
  const marker = a.locator('.leaflet-marker-icon.is-selected');
  await marker.waitFor();
  await marker.click();
  await a.locator('.leaflet-popup-content').waitFor();
  assert.match(await a.locator('.leaflet-popup-content').innerText(), new RegExp(outlets().find((o) => o.id === first).name.zh));
  // The wheel zooms where the pointer is (Leaflet measures the map in the shadow root).
  const mapBox = await a.locator('.evl-map').boundingBox();
  await page.mouse.move(mapBox.x + mapBox.width / 2, mapBox.y + mapBox.height - 60);
  const zoomBefore = Number(await a.locator('.evl-map').getAttribute('data-zoom'));
  await page.mouse.wheel(0, 400);
  await page.waitForFunction((z) => Number(document.getElementById('locator-a').shadowRoot.querySelector('.evl-map').dataset.zoom) < z, zoomBefore);

  // The rest of the protocol, through the elements: each command reaches
  // its own locator only, each event comes from the locator it is about.
  const noFollow = (link) => link.evaluate((el) => el.addEventListener('click', (e) => e.preventDefault(), { once: true }));
  const directions = a.locator('.evl-directions-link[data-provider="amap"]').first();
  await noFollow(directions);
  await directions.click();
  await waitForEvent(page, 'locator-a', 'directions');
  assert.equal((await events(page, 'locator-a')).find((e) => e.type === 'directions').provider, 'amap');
  await page.evaluate(() => window.command('locator-a', { type: 'set-language', lang: 'en' }));
  await page.waitForFunction(() => document.getElementById('locator-a').shadowRoot.querySelector('.evl-app').lang === 'en');
  assert.equal(await b.locator('.evl-app').getAttribute('lang'), 'en');
  await page.evaluate(() => window.command('locator-a', { type: 'set-origin', lat: 31.2304, lng: 121.4737 }));
  await a.locator('.evl-origin-coords').waitFor();
  assert.equal(await b.locator('.evl-origin-coords').count(), 0);
  await page.evaluate(() => window.command('locator-b', { type: 'set-filters', kind: 'partner' }));
  await b.locator('.evl-chip-kind-partner input:checked').waitFor({ state: 'attached' });
  assert.equal(await a.locator('.evl-chip-kind-partner input:checked').count(), 0);
  await page.evaluate(() => window.command('locator-b', { type: 'set-filters', services: ['wash'] }));
  await waitForEvent(page, 'locator-b', 'error');
  assert.match((await events(page, 'locator-b')).find((e) => e.type === 'error').message, /"wash"/);
  await a.locator('#evl-search-input').fill('beijing');
  await a.locator('#evl-search-list [role="option"]').first().click();
  await waitForEvent(page, 'locator-a', 'search');
  assert.deepEqual(
    (({ text, result, label }) => [text, result, label])((await events(page, 'locator-a')).find((e) => e.type === 'search')),
    ['beijing', 'place', 'Beijing'],
  );
  const booking = b.locator('a.evl-booking-link').first();
  await noFollow(booking);
  await booking.click();
  await waitForEvent(page, 'locator-b', 'booking');
  assert.equal((await events(page, 'locator-b')).find((e) => e.type === 'booking').via, 'link');
  assert.deepEqual(
    (await events(page, 'locator-a')).map((e) => e.type).filter((t) => t === 'booking' || t === 'error'),
    [],
    'nothing of B’s reached A’s listeners',
  );

  // The booking form: a modal dialog in B's shadow root, the focus in it, and back on Escape.
  // (As on the app's own page, from the selected outlet's card: see booking.test.mjs.)
  const bookable = await b
    .locator('.evl-list button.evl-booking-link[data-booking="test_drive"]')
    .first()
    .evaluate((e) => e.closest('[data-outlet-id]').dataset.outletId);
  await page.evaluate((id) => window.command('locator-b', { type: 'select-outlet', id }), bookable);
  await b.locator(`.evl-card.is-selected[data-outlet-id="${bookable}"]`).waitFor();
  const book = b.locator(`.evl-list > [data-outlet-id="${bookable}"] button.evl-booking-link[data-booking="test_drive"]`);
  await book.focus();
  await page.keyboard.press('Enter');
  await b.locator('dialog.evl-booking-dialog[open]').waitFor();
  await page.waitForFunction(() => document.getElementById('locator-b').shadowRoot.activeElement?.id === 'evl-lead-name');
  const field = await b.locator('#evl-lead-name').evaluate((e) => getComputedStyle(e).fontFamily.split(',')[0]);
  assert.equal(field, 'Georgia', 'the form, too, has the font B’s theme inherits');
  await page.keyboard.press('Escape');
  await b.locator('dialog.evl-booking-dialog').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.getElementById('locator-b').shadowRoot.activeElement?.dataset.booking), 'test_drive');

  // The colour scheme and reduced motion follow the buyer's settings inside the shadow root.
  const background = (l) => l.locator('.evl-app').evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(await background(b), 'rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.waitForFunction(() => getComputedStyle(document.getElementById('locator-b').shadowRoot.querySelector('.evl-app')).backgroundColor !== 'rgb(255, 255, 255)');
  assert.equal(await background(b), 'rgb(22, 26, 34)', 'B (data-theme auto) follows the dark scheme');
  assert.equal(await background(a), 'rgb(255, 255, 255)', 'A (data-theme light) stays light');
  assert.equal(await a.locator('.evl-swatch').first().evaluate((e) => getComputedStyle(e).transitionDuration), '0s');
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });

  assert.deepEqual(await page.evaluate(() => window.violations), [], 'nothing the policy refused (axe and the screenshot below add styles of their own)');
  assert.deepEqual(errors, []);
  assert.deepEqual(await axeViolations(page, { include: ['#locator-a', '#locator-b'] }), []);
  await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}host-desktop.png` });
  await context.close();
});

test('in-page: a locator the host page adds later, through mount(element)', async () => {
  const { page, context, errors } = await newPage(HOST());
  await waitForEvent(page, 'locator-a', 'ready');
  await waitForEvent(page, 'locator-b', 'ready');
  await page.click('#add-locator');
  await waitForEvent(page, 'locator-c', 'ready');
  const c = page.locator('#locator-c');
  assert.equal(await c.locator('.evl-app').getAttribute('lang'), 'en');
  assert.equal(await c.locator('.evl-list > li').first().getAttribute('data-outlet-id'), await page.locator('#locator-a .evl-list > li').first().getAttribute('data-outlet-id'));
  await page.evaluate((id) => window.command('locator-c', { type: 'select-outlet', id }), dataset.features[2].properties.id);
  await c.locator('.evl-card.is-selected').waitFor();
  assert.equal(await page.locator('#locator-a .evl-card.is-selected, #locator-b .evl-card.is-selected').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('in-page on a hostile host, phone width: the phone layout, nothing wider than the screen', async () => {
  const { page, context, errors } = await newPage(HOST(), { viewport: { width: 390, height: 844 } });
  await waitForEvent(page, 'locator-a', 'ready');
  const a = page.locator('#locator-a');
  await a.locator('.evl-list > li').first().waitFor();
  assert.equal(await a.locator('.evl-pane-switch').isVisible(), true);
  const wide = await a.evaluate((host) => {
    const width = document.documentElement.clientWidth;
    return [...host.shadowRoot.querySelectorAll('.evl-app *')]
      .filter((e) => !e.closest('.leaflet-pane') && e.getClientRects().length > 0 && e.getBoundingClientRect().right > width + 0.5)
      .map((e) => e.className || e.tagName)
      .slice(0, 5);
  });
  assert.deepEqual(wide, []);
  for (const target of await a.locator('.evl-pane-button, .evl-chip span').all()) {
    assert.ok((await target.boundingBox()).height >= 44, 'finger-sized targets');
  }
  await page.screenshot({ path: `${SHOTS}host-phone.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test("in-page under the host's own service worker: the app's files go through it and the app works", async () => {
  const { page, context, errors } = await newPage(HOST());
  await waitForEvent(page, 'locator-a', 'ready');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.reload();
  await waitForEvent(page, 'locator-a', 'ready');
  await waitForEvent(page, 'locator-b', 'ready');
  const seen = await page.evaluate(
    () =>
      new Promise((resolve) => {
        navigator.serviceWorker.addEventListener('message', (e) => resolve(e.data.seen), { once: true });
        navigator.serviceWorker.controller.postMessage('seen');
      }),
  );
  assert.ok(seen.some((u) => /\/locator\/ev-locator-[^/]+_bg\.wasm$/.test(u)), `the wasm went through the host's worker: ${seen.join(' ')}`);
  assert.ok(seen.some((u) => u.endsWith('/many/data/outlets.geojson')));
  const registrations = await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).map((r) => new URL(r.scope).pathname));
  assert.deepEqual(registrations, ['/test-host/'], 'no worker of ours');
  await page.locator('#locator-a .evl-list > li').first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
