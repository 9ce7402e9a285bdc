// Static hosting under a strict Content-Security-Policy (the README's):
// no inline script, no eval, no inline style; WebAssembly by
// 'wasm-unsafe-eval' only. Every feature still works and nothing is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, CSP } from './harness.mjs';

const { open } = useBrowser();
const collect = () => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
};

test('the app runs under the strict CSP: list, map, clusters, search, details, no violation', async () => {
  const app = await open('?at=31.23041,121.47370', { variant: 'csp', initScript: collect });
  const response = await app.page.request.get(app.page.url());
  assert.equal(response.headers()['content-security-policy'], CSP);
  assert.doesNotMatch(CSP, /'unsafe-inline'|'unsafe-eval'/);
  assert.equal(await app.page.$$eval('script:not([src])', (s) => s.length), 0, 'no inline script in index.html');
  assert.ok((await app.listIds()).length > 0);
  await app.page.waitForSelector('.leaflet-marker-icon');
  // Clusters take their ring from a class, not an inline style.
  const cluster = await app.page.$('.evl-cluster-icon .evl-cluster');
  if (cluster) assert.match(await cluster.getAttribute('class'), /evl-share-\d+/);
  await app.page.fill('#evl-search-input', 'shenzhen');
  await app.page.waitForSelector('#evl-search-list [role="option"]');
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction(() => new URL(location.href).searchParams.get('at') !== '31.23041,121.47370');
  const first = (await app.listIds())[0];
  await app.page.click(`.evl-list > [data-outlet-id="${first}"] .evl-card-main`);
  await app.page.waitForSelector('.evl-details');
  await app.page.click('.leaflet-control-zoom-in');
  await app.page.waitForTimeout(500);
  assert.deepEqual(await app.page.evaluate(() => window.__violations), []);
  assert.deepEqual(app.consoleErrors, []);
});

test('the CSP really is enforced: an inline script is refused', async () => {
  const app = await open('', { variant: 'csp', initScript: collect });
  await app.page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.append(s);
  });
  await app.page.waitForTimeout(100);
  assert.equal(await app.page.evaluate(() => window.__ran ?? false), false);
  assert.ok((await app.page.evaluate(() => window.__violations)).some((v) => v.startsWith('script-src')));
});
