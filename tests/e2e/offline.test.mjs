// Repeat visits: the service worker (sw.js, written by tools/build/postbuild.mjs)
// keeps the app shell, config.json, the dataset and the base map, so a
// returning buyer's page opens from the cache and works offline; inside a
// host's page (locator.js) no worker of ours is registered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './harness.mjs';

const { open, env } = useBrowser();

// Waits until the page is controlled by our worker (it takes over the page
// that registered it as soon as its copy of everything is made).
const controlled = (page) =>
  page.waitForFunction(() => navigator.serviceWorker.controller?.scriptURL.endsWith('/sw.js'), null, { timeout: 20000 });

test('a returning buyer opens the page offline: the same list, ranked from a link, the base map drawn', async () => {
  const app = await open('?at=31.23041,121.47370');
  await controlled(app.page);
  const online = await app.listIds();
  assert.ok(online.length > 0);
  const scope = await app.page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
  assert.equal(new URL(scope).pathname, '/previews/42/', 'the worker keeps to the app’s folder');

  const context = app.page.context();
  await context.setOffline(true);
  // Another link to the same page, with another origin: the shell from the cache, the data too.
  await app.page.goto(`${env.server.base}/previews/42/?at=39.9042,116.4074`);
  await app.page.waitForSelector('.evl-list > li[data-distance-m]', { timeout: 20000 });
  const offline = await app.listIds();
  assert.equal(offline.length, online.length);
  assert.notDeepEqual(offline, online, 'ranked from the new origin');
  assert.equal(await app.page.locator('[role="alert"]').count(), 0, 'no load failure');
  await app.page.waitForSelector('.evl-map path.evl-province', { state: 'attached', timeout: 20000 });
  const fromWorker = await app.page.evaluate(() =>
    performance.getEntriesByType('navigation')[0].workerStart > 0,
  );
  assert.ok(fromWorker, 'the page came from the service worker');
  // A filter still works offline.
  await app.page.click('input[name="evl-kind"][value="partner"]');
  await app.page.waitForFunction(() => new URLSearchParams(location.search).get('kind') === 'partner');
  await app.page.waitForFunction(() => [...document.querySelectorAll('.evl-list > li')].every((li) => li.dataset.outletId.startsWith('ptn-')));
  assert.ok((await app.listIds()).length > 0);
  assert.deepEqual(app.consoleErrors, []);
  await context.setOffline(false);
});

test('a file the page never loaded fails offline as it would without a worker, and the app says so', async () => {
  const app = await open('');
  await controlled(app.page);
  await app.page.context().setOffline(true);
  // A data= link names a dataset this browser never fetched.
  await app.page.goto(`${env.server.base}/previews/42/?data=data/outlets.geojson%3Fv%3Dnever`);
  await app.page.waitForSelector('[role="alert"]', { timeout: 20000 });
  assert.match(await app.page.locator('[role="alert"]').innerText(), /outlets\.geojson/);
  await app.page.context().setOffline(false);
});

test('in a host page, locator.js registers no service worker of ours', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.server.base}/host/in-page.html`);
  await page.waitForSelector('#locator .evl-app .evl-list');
  await page.waitForTimeout(1500);
  assert.deepEqual(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  await context.close();
});
