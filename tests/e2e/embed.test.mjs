// Embedding: in an iframe (embed=1, postMessage both ways, only with the
// origins config.json allows) and inside a host page's element (data-
// attributes, DOM events, CSS that neither leaks nor breaks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, outlets } from './harness.mjs';

const { env } = useBrowser();

async function hostPage(url, { viewport = { width: 1280, height: 900 } } = {}) {
  const context = await env.browser.newContext({ locale: 'en-US', viewport });
  await context.route((u) => u.hostname !== '127.0.0.1', (r) => r.abort('internetdisconnected'));
  const page = await context.newPage();
  const warnings = [];
  const errors = [];
  page.on('console', (m) => (m.type() === 'warning' ? warnings : m.type() === 'error' ? errors : []).push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, warnings, errors };
}

const events = (page) => page.$$eval('#events li', (lis) => lis.map((li) => JSON.parse(li.textContent)));
/** The framed app's own list, once it has taken over the prerendered one. */
const appList = (frame) => frame.locator('.evl-app:not([data-evl-prerendered]):not(.is-waiting) .evl-list').waitFor();
const waitForEvent = (page, type) => page.waitForSelector(`#events li[data-type="${type}"]`, { state: 'attached', timeout: 15000 });

test('iframe on an allowed origin: header hidden, height reported, events out, commands in', async () => {
  const app = `${env.server.base}/locator/`;
  const { page, errors } = await hostPage(`${env.server.hostBase}/iframe.html?app=${encodeURIComponent(app)}`);
  const frame = page.frameLocator('#locator');
  await appList(frame);
  await waitForEvent(page, 'ready');
  assert.equal(await frame.locator('.evl-header-row').isHidden(), true, 'embed=1 hides the title row');
  assert.equal(await frame.locator('.evl-sample-banner').isVisible(), true, 'the sample-data banner stays');

  // Height: the host sized the frame from the message.
  await waitForEvent(page, 'height');
  const height = (await events(page)).find((e) => e.type === 'height').height;
  assert.ok(height > 300, `height ${height}`);
  assert.equal(await page.$eval('#locator', (f) => f.getBoundingClientRect().height), height);

  // Events: the buyer selects an outlet, chooses a search suggestion, follows directions.
  const first = await frame.locator('.evl-list > li').first().getAttribute('data-outlet-id');
  await frame.locator(`.evl-list > [data-outlet-id="${first}"] .evl-card-main`).click();
  await waitForEvent(page, 'outlet-selected');
  const selected = (await events(page)).find((e) => e.type === 'outlet-selected');
  assert.equal(selected.id, first);
  assert.equal(selected.version, 2);
  assert.equal(selected.name.zh, outlets().find((o) => o.id === first).name.zh);
  // (The link opens a new tab; the test keeps to this one.)
  await frame.locator('.evl-directions-link[data-provider="amap"]').evaluate((a) => a.addEventListener('click', (e) => e.preventDefault(), { once: true }));
  await frame.locator('.evl-directions-link[data-provider="amap"]').click();
  await waitForEvent(page, 'directions');
  assert.deepEqual(
    (await events(page)).filter((e) => e.type === 'directions').map((e) => [e.id, e.provider])[0],
    [first, 'amap'],
  );
  await frame.locator('#evl-search-input').fill('beijing');
  await frame.locator('#evl-search-list [role="option"]').first().click();
  await waitForEvent(page, 'search');
  const search = (await events(page)).find((e) => e.type === 'search');
  assert.deepEqual([search.text, search.result, search.label], ['beijing', 'place', 'Beijing']);

  // Commands from the host.
  await page.click('#select');
  await frame.locator('.evl-card.is-selected[data-outlet-id="evh-shanghai-01"]').waitFor();
  assert.match(await frame.locator('html').evaluate(() => location.search), /outlet=evh-shanghai-01/);
  await page.click('#partners');
  await frame.locator('.evl-chip-kind-partner input:checked').waitFor({ state: 'attached' });
  assert.equal(await frame.locator('input[name="evl-service"][value="after_sales"]').isChecked(), true);
  await page.click('#shanghai');
  // The origin line already shows Beijing's (the search above): wait for the command's.
  await frame.locator('.evl-origin-coords', { hasText: /31\.23/ }).waitFor({ timeout: 10000 });

  // A command the app cannot use is answered with an error event.
  await page.evaluate((origin) => {
    document.getElementById('locator').contentWindow.postMessage({ protocol: 'evl-locator', version: 1, type: 'set-filters', services: ['wash'] }, origin);
  }, env.server.base);
  await waitForEvent(page, 'error');
  assert.match((await events(page)).find((e) => e.type === 'error').message, /"wash"/);
  assert.deepEqual(errors, []);
});

test('iframe on a foreign origin: no events leave the app, and commands are refused', async () => {
  const app = `${env.server.base}/locator/`;
  const { page } = await hostPage(`${env.server.foreignBase}/iframe.html?app=${encodeURIComponent(app)}`);
  const frameWarnings = [];
  page.on('console', (m) => m.type() === 'warning' && frameWarnings.push(m.text()));
  const frame = page.frameLocator('#locator');
  await appList(frame);
  await page.click('#select');
  await page.click('#shanghai');
  await page.waitForTimeout(800);
  assert.equal(await frame.locator('.evl-card.is-selected').count(), 0, 'the selection command was refused');
  assert.equal(await frame.locator('.evl-origin-coords').count(), 0, 'the origin command was refused');
  assert.deepEqual(await events(page), [], 'nothing was sent to a foreign parent');
  assert.ok(frameWarnings.some((w) => w.includes('refused') && w.includes(env.server.foreignBase)), frameWarnings.join('\n'));
});

test('in-page: mounts into the host element with its data- attributes, keeps its CSS to itself, talks through DOM events', async () => {
  const { page, errors } = await hostPage(`${env.server.base}/host/in-page.html`);
  await page.waitForSelector('#locator .evl-app .evl-list');
  // data-lang="zh" and data-theme="light" applied; the host page's own language is untouched.
  assert.equal(await page.getAttribute('#locator .evl-app', 'lang'), 'zh-CN');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.getAttribute('#locator .evl-app', 'data-theme'), 'light');
  assert.equal(new URL(page.url()).search, '', 'the host page’s URL is left alone');
  // The host's styles are unchanged by ours...
  const host = await page.evaluate(() => {
    const p = getComputedStyle(document.getElementById('host-text'));
    const b = getComputedStyle(document.getElementById('host-button'));
    const body = getComputedStyle(document.body);
    return { pColor: p.color, pFont: p.fontFamily, bBg: b.backgroundColor, bTransform: b.textTransform, bodyMargin: body.marginTop };
  });
  assert.deepEqual(host, { pColor: 'rgb(51, 51, 51)', pFont: 'Georgia, serif', bBg: 'rgb(233, 30, 99)', bTransform: 'uppercase', bodyMargin: '0px' });
  // ...and theirs do not reach into the app.
  // (The app is in the element's shadow root; tests/e2e/inpage.test.mjs tries a harder host.)
  const inside = await page.evaluate(() => {
    const app = document.getElementById('locator').shadowRoot;
    const lang = getComputedStyle(app.querySelector('.evl-lang'));
    const card = getComputedStyle(app.querySelector('.evl-card-main'));
    const list = getComputedStyle(app.querySelector('.evl-list'));
    const root = app.querySelector('.evl-app');
    const pane = getComputedStyle(app.querySelector('.leaflet-map-pane'));
    return {
      langTransform: lang.textTransform,
      cardBg: card.backgroundColor,
      listStyle: list.listStyleType,
      listPad: list.paddingLeft,
      height: root.getBoundingClientRect().height,
      rootPad: getComputedStyle(root).paddingTop,
      mapPanePad: pane.paddingTop,
      sizing: getComputedStyle(app.querySelector('.evl-search-input')).boxSizing,
    };
  });
  assert.deepEqual(inside, {
    langTransform: 'none',
    cardBg: 'rgba(0, 0, 0, 0)',
    listStyle: 'none',
    listPad: '0px',
    height: 600,
    rootPad: '0px',
    mapPanePad: '0px',
    sizing: 'border-box',
  });
  const tiles = await page.locator('#locator .leaflet-marker-icon').count();
  assert.ok(tiles > 0, 'the map draws');
  // Events and commands as DOM events on the element.
  await page.waitForSelector('#events li[data-type="ready"]', { state: 'attached' });
  await page.evaluate(() => window.selectOutlet('evh-shanghai-01'));
  await page.waitForSelector('#locator .evl-card.is-selected[data-outlet-id="evh-shanghai-01"]');
  const first = await page.$eval('#locator .evl-list > li:not(.is-selected)', (li) => li.dataset.outletId);
  await page.click(`#locator [data-outlet-id="${first}"] .evl-card-main`);
  await page.waitForSelector('#events li[data-type="outlet-selected"]', { state: 'attached' });
  assert.equal((await events(page)).find((e) => e.type === 'outlet-selected').id, first);
  assert.equal(new URL(page.url()).search, '', 'selecting does not write into the host page’s URL');
  assert.deepEqual(errors, []);
});
