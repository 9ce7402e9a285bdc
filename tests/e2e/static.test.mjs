// The static pages made by the release build (evl-site): the location
// directory read with JavaScript off, as a crawler does, under a sub-path and
// the strict CSP; and the locator's first view, in index.html before any
// script runs, taken over by the app without a lost click or a layout shift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, outlets } from './harness.mjs';

const { open, env } = useBrowser();

/** A page of the preview with JavaScript off. */
async function withoutScript(path, variant = 'previews/42') {
  const context = await env.browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const response = await page.goto(`${env.server.base}/${variant}/${path}`);
  assert.equal(response.status(), 200, path);
  return { page, errors, close: () => context.close() };
}

test('without JavaScript: directory → province → city → outlet, with its name, address, phone, hours and directions', async () => {
  const { page, errors, close } = await withoutScript('outlets/');
  assert.match(await page.title(), /全部门店/);
  await page.click('.evl-area-list a:text("上海")');
  await page.waitForSelector('.evl-area-list a');
  await page.click('.evl-area-list a:text("上海")');
  // The city page lists its outlets with the app's cards, each a link to its page.
  const cards = await page.$$eval('.evl-list > [data-outlet-id]', (els) => els.map((e) => e.dataset.outletId));
  const shanghai = outlets().filter((o) => o.id.includes('shanghai'));
  assert.ok(cards.length >= shanghai.length && shanghai.every((o) => cards.includes(o.id)), cards.join());
  const open = shanghai.find((o) => o.status === 'open' && o.hours);
  await page.click(`.evl-list > [data-outlet-id="${open.id}"] .evl-card-main`);
  assert.match(page.url(), new RegExp(`/previews/42/outlets/shanghai/shanghai/${open.id}/$`));
  const feature = (await import('./harness.mjs')).dataset.features.find((f) => f.properties.id === open.id).properties;
  assert.equal(await page.textContent('h2'), feature.name.zh);
  const text = await page.textContent('main');
  assert.ok(text.includes(feature.address.zh));
  assert.ok(await page.$(`a[href^="tel:"]`));
  assert.equal(await page.$$eval('.evl-hours tbody tr', (r) => r.length) >= 7, true);
  const hosts = await page.$$eval('.evl-directions-link', (as) => as.map((a) => new URL(a.href).hostname));
  assert.deepEqual(hosts.length, 4);
  // JSON-LD is there and names the same outlet.
  const ld = JSON.parse(await page.textContent('script[type="application/ld+json"]'));
  assert.equal(ld.name, feature.name.zh);
  assert.equal(ld.geo.latitude, open.lat);
  // The map: our own base map and the outlet marked, no tiles.
  assert.ok(await page.$('svg.evl-static-map image[href$="map.svg"]'));
  assert.ok(await page.$('svg.evl-static-map .evl-static-pin'));
  // "Open in the locator" opens the app on this outlet; the English page is linked.
  const locator = await page.getAttribute('.evl-site-open a', 'href');
  assert.equal(new URL(locator, page.url()).href, `${env.server.base}/previews/42/?outlet=${open.id}`);
  await page.click('a.evl-lang');
  assert.match(page.url(), new RegExp(`/previews/42/en/outlets/shanghai/shanghai/${open.id}/$`));
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.textContent('h2'), feature.name.en);
  assert.deepEqual(errors, []);
  await close();
});

test('the static pages run under the strict CSP with nothing refused, and the map image loads', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  for (const path of ['outlets/', 'outlets/beijing/', 'outlets/beijing/beijing/', 'outlets/beijing/beijing/evh-beijing-01/', 'en/outlets/beijing/beijing/evh-beijing-01/']) {
    await page.goto(`${env.server.base}/csp/${path}`);
    await page.waitForLoadState('load');
    assert.deepEqual(await page.evaluate(() => window.__violations), [], path);
    assert.equal(await page.$$eval('script:not([type="application/ld+json"])', (s) => s.length), 0, `${path}: no script`);
  }
  assert.deepEqual(failed, []);
  await context.close();
});

test('index.html holds the first page of rows before any script runs, in the order the app then shows', async () => {
  const { page, close } = await withoutScript('');
  const before = await page.$$eval('[data-evl-prerendered] .evl-list > [data-outlet-id]', (els) => els.map((e) => e.dataset.outletId));
  assert.equal(before.length, 30);
  assert.ok(await page.$('[data-evl-prerendered] .evl-filters, [data-evl-prerendered] fieldset'));
  assert.ok(await page.$('.evl-directory-link a[href="outlets/"]'), 'a link to the directory');
  await close();
  const app = await open('', { locale: 'zh-CN' });
  assert.equal(await app.page.$$eval('[data-evl-prerendered]', (e) => e.length), 0, 'taken over');
  const after = await app.page.$$eval('.evl-list > [data-outlet-id]', (els) => els.map((e) => e.dataset.outletId));
  assert.deepEqual(after.slice(0, 30), before);
  // The app works: a filter click filters.
  await app.page.click('label:has(input[name="evl-kind"][value="partner"])');
  await app.page.waitForFunction(() => new URL(location.href).searchParams.get('kind') === 'partner');
  const ids = await app.listIds();
  const partners = new Set(outlets().filter((o) => o.kind === 'partner').map((o) => o.id));
  assert.ok(ids.length > 0 && ids.every((id) => partners.has(id)));
  assert.deepEqual(app.consoleErrors, []);
});

test('a click on the first view before the app runs is not lost, and the takeover shifts nothing', async () => {
  const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  // The wasm takes a second: time enough to click on the prerendered view.
  await context.route(/\.wasm$/, async (route) => {
    await new Promise((ok) => setTimeout(ok, 1500));
    await route.continue();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${env.server.base}/previews/42/`);
  await page.waitForSelector('[data-evl-prerendered] input[name="evl-kind"][value="partner"]');
  await page.click('[data-evl-prerendered] label:has(input[name="evl-kind"][value="partner"])');
  assert.ok(await page.$('[data-evl-prerendered]'), 'still the prerendered view');
  await page.waitForSelector('[data-evl-prerendered]', { state: 'detached', timeout: 20000 });
  await page.waitForFunction(() => new URL(location.href).searchParams.get('kind') === 'partner');
  assert.equal(await page.$eval('input[name="evl-kind"][value="partner"]', (i) => i.checked), true);
  await page.waitForTimeout(500);
  const shift = await page.evaluate(() => window.__shift);
  assert.ok(shift < 0.05, `cumulative layout shift ${shift}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the first view comes in the language the app will show, before the app runs: the browser\'s, or the link\'s lang=', async () => {
  const cases = [
    // [browser, query, the view's language, a word of it]
    ['en-US', '', 'en', 'All outlets'],
    ['zh-CN', '?lang=en', 'en', 'All outlets'],
    ['en-US', '?lang=zh', 'zh-CN', '全部门店'],
    ['zh-CN', '', 'zh-CN', '全部门店'],
  ];
  for (const [locale, query, lang, word] of cases) {
    const context = await env.browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    // The app's code is held back until the view has been read.
    let release;
    const held = new Promise((ok) => (release = ok));
    await context.route(/\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${env.server.base}/previews/42/${query}`, { waitUntil: 'domcontentloaded' });
    const seen = await page.evaluate(() => ({
      views: [...document.querySelectorAll('[data-evl-prerendered]')].map((v) => v.lang),
      page: document.documentElement.lang,
      templates: document.querySelectorAll('template').length,
      rows: document.querySelectorAll('[data-evl-prerendered] .evl-list > [data-outlet-id]').length,
      directory: [...document.querySelectorAll('.evl-directory-link a')].map((a) => a.textContent),
      app: document.querySelectorAll('.evl-app:not([data-evl-prerendered])').length,
    }));
    const what = `${locale} ${query || '(no query)'}`;
    assert.deepEqual(seen, { views: [lang], page: lang, templates: 0, rows: 30, directory: [word], app: 0 }, what);
    release();
    await page.waitForSelector('[data-evl-prerendered]', { state: 'detached', timeout: 20000 });
    assert.equal(await page.$eval('.evl-app', (a) => a.lang), lang, what);
    assert.deepEqual(await page.$$eval('.evl-directory-link a', (a) => a.map((x) => x.textContent)), [word], what);
    await page.waitForTimeout(300);
    const shift = await page.evaluate(() => window.__shift);
    assert.ok(shift < 0.05, `${what}: cumulative layout shift ${shift}`);
    assert.deepEqual(errors, [], what);
    await context.close();
  }
});

test('on a phone, a link the first view answers asks for the app\'s code and data once that view is painted; a desktop preloads the code', async () => {
  // When each request started, from the page's own resource timing.
  const requests = (app) => app.page.evaluate(() => {
    const started = (re) => performance.getEntriesByType('resource').find((r) => re.test(new URL(r.name).pathname));
    const at = (r) => r && { start: r.startTime, by: r.initiatorType };
    return {
      paint: window.__firstFrame,
      wasm: at(started(/_bg\.wasm$/)),
      glue: at(started(/\/ev-locator-[0-9a-f]+\.js$/)),
      data: at(started(/\/outlets\.(evlpack|geojson)$/)),
    };
  });
  // The first frame's rendering (its animation frame callbacks run before
  // it is painted; the paint's own timestamp is when it reaches the screen).
  const initScript = () => requestAnimationFrame(() => (window.__firstFrame = performance.now()));
  const phone = { initScript, locale: 'zh-CN', viewport: { width: 390, height: 844 }, contextOptions: { isMobile: true, hasTouch: true, serviceWorkers: 'block' } };
  const landing = await open('', phone);
  const t = await requests(landing);
  assert.ok(Number.isFinite(t.paint), `first frame ${t.paint}`);
  for (const name of ['wasm', 'glue', 'data']) {
    assert.ok(t[name], `${name} requested`);
    assert.ok(t[name].start >= t.paint, `${name} asked for at ${t[name].start} ms, before the first frame at ${t.paint} ms`);
  }
  assert.equal(t.wasm.by, 'fetch', 'not preloaded on a phone');
  // The app still takes the view over and ranks.
  assert.equal(await landing.page.$$eval('[data-evl-prerendered]', (e) => e.length), 0);
  await landing.page.context().close();
  const desktop = await open('', { locale: 'zh-CN', contextOptions: { serviceWorkers: 'block' } });
  const d = await requests(desktop);
  assert.equal(d.wasm?.by, 'link', 'the wasm preloaded from the head');
  await desktop.page.context().close();
});

test('hostile text from the corpus stays text on the static pages (HTML and JSON-LD), run in Chromium', async () => {
  const { HOSTILE, dataset } = await import('./harness.mjs');
  const { cpSync, mkdtempSync, writeFileSync, readFileSync, rmSync } = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const root = new URL('../..', import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), 'evl-hostile-'));
  cpSync(join(root, 'dist'), dir, { recursive: true, filter: (src) => !/\/dist\/(en|outlets)$/.test(src) });
  const data = structuredClone(dataset);
  HOSTILE.forEach((h, i) => {
    const p = data.features[i].properties;
    p.name = { zh: h, en: h };
    p.address = { zh: `${h} ${h}`, en: h };
    if (p.hours) p.hours.exceptions = [{ date: '2027-02-06', hours: [], note: { zh: h, en: h } }];
  });
  writeFileSync(join(dir, 'data/outlets.geojson'), JSON.stringify(data));
  execFileSync(join(root, 'target/site/evl-site'), [dir], { stdio: 'pipe' });
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const sitemap = readFileSync(join(dir, 'sitemap.xml'), 'utf8');
  for (const [i, h] of HOSTILE.entries()) {
    const id = data.features[i].properties.id;
    const path = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]).find((p) => p.startsWith('outlets/') && p.endsWith(`/${id}/`));
    assert.ok(path, id);
    await page.goto(`file://${join(dir, path)}index.html`);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, h.slice(0, 40));
    assert.equal(await page.textContent('h2'), h);
    const ld = JSON.parse(await page.textContent('script[type="application/ld+json"]'));
    assert.equal(ld.name, h);
    assert.equal(await page.$$eval('script:not([type="application/ld+json"])', (s) => s.length), 0);
    assert.equal(await page.$$eval('style', (s) => s.length), 0);
  }
  assert.deepEqual(errors, []);
  // The prerendered first view too (read without script: the app would take it over).
  const still = await env.browser.newContext({ javaScriptEnabled: false });
  const first = await still.newPage();
  await first.goto(`file://${join(dir, 'index.html')}`);
  const view = '[data-evl-prerendered]';
  assert.equal(await first.$$eval(`${view} script, ${view} style, ${view} [onerror], ${view} [onload]`, (e) => e.length), 0);
  // Each hostile outlet among the first rows shows its name as text.
  const rows = await first.$$eval(`${view} .evl-list > [data-outlet-id]`, (els) => els.map((e) => [e.dataset.outletId, e.querySelector('.evl-card-name').textContent]));
  for (const [id, name] of rows) {
    const i = data.features.findIndex((f) => f.properties.id === id);
    if (i < HOSTILE.length) assert.equal(name, HOSTILE[i]);
  }
  await still.close();
  await context.close();
  rmSync(dir, { recursive: true, force: true });
});
