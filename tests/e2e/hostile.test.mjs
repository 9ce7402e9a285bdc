// Bad and hostile input in the browser: dataset text that tries to run
// script or break the layout, a link naming someone else's dataset, a slow
// or oversized dataset, and a bug that stops the app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, HOSTILE, outlets } from './harness.mjs';

const { open } = useBrowser();

test('hostile dataset text shows as text: nothing runs, the layout holds', async () => {
  const dialogs = [];
  const app = await open('?at=39.9,116.4', { variant: 'hostile', clock: new Date('2027-02-06T03:00:00Z') });
  app.page.on('dialog', (d) => dialogs.push(d.message()) && d.dismiss());
  const ids = outlets().slice(0, HOSTILE.length).map((o) => o.id);
  for (const [i, id] of ids.entries()) {
    await app.page.click(`.evl-list > [data-outlet-id="${id}"] .evl-card-main`);
    await app.page.waitForSelector(`.evl-list > [data-outlet-id="${id}"] .evl-details`);
    const name = await app.page.textContent(`.evl-list > [data-outlet-id="${id}"] .evl-card-name`);
    assert.equal(name, HOSTILE[i], 'the name is shown exactly, as text');
    // Markers and popups too.
    await app.page.hover(`.evl-list > [data-outlet-id="${id}"]`);
  }
  const state = await app.page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    injected: document.querySelectorAll('.evl-app script, .evl-app img[src="x"], .evl-app svg[onload], .evl-app style, .evl-app a[href^="javascript:"]').length,
    width: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    sideWidth: document.querySelector('.evl-side').scrollWidth - document.querySelector('.evl-side').clientWidth,
  }));
  assert.deepEqual(state, { pwned: null, injected: 0, width: 0, sideWidth: 0 });
  // A phone "number" that is a script URL: that record is left out and named, as text.
  assert.match(await app.page.innerText('.evl-notice-data'), /id "hostile-phone"\): properties\.phone: phone "javascript:window\.__pwned="tel"" may hold only digits/);
  const tel = await app.page.$$eval('.evl-app a[href^="tel:"]', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(tel.length > 0 && tel.every((h) => /^tel:\+?[0-9]+$/.test(h)), tel.join(' '));
  assert.deepEqual(dialogs, []);
  assert.deepEqual(app.consoleErrors, []);
});

test('a link naming a dataset on another site is refused with a message; the site’s own still loads', async () => {
  const app = await open('?data=https://evil.example/outlets.geojson');
  assert.match(await app.page.innerText('.evl-notice-url'), /data="https:\/\/evil\.example\/outlets\.geojson" was refused/);
  assert.equal(app.blocked.length, 0, 'nothing was requested from the other site');
  assert.equal((await app.listIds()).length, outlets().length);
  assert.equal(app.params().get('data'), null);
  const same = await open('?data=data/outlets.geojson');
  assert.equal(await same.page.$('.evl-notice-url'), null);
  assert.equal(same.params().get('data'), 'data/outlets.geojson');
});

test('a dataset slower than the configured limit ends in a plain alert with a retry', async () => {
  const app = await open('', { variant: 'broken/slow' });
  assert.match(await app.alertText(), /did not arrive within 1 seconds/);
  assert.equal(await app.page.isVisible('[role="alert"] button'), true);
});

test('a dataset over the configured size ends in a plain alert', async () => {
  const app = await open('?lang=zh', { variant: 'broken/large' });
  assert.match(await app.alertText(), /超过 1 MB/);
});

test('a bug that stops the app still leaves the buyer a message and a way to reload', async () => {
  const app = await open('?lang=zh');
  await app.page.evaluate(() => {
    try {
      window.wasmBindings.simulate_crash();
    } catch {
      // The panic ends in a WebAssembly trap, thrown here.
    }
  });
  const alert = await app.page.waitForSelector('.evl-crash[role="alert"]');
  assert.match(await alert.innerText(), /出错了 · Something went wrong/);
  assert.equal(await alert.$eval('a', (a) => new URL(a.href).pathname), new URL(app.page.url()).pathname);
  assert.equal(await app.page.$('.evl-list'), null, 'the broken app is gone, not half there');
});
