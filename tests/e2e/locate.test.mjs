// "Use my location": asked only on request; a position re-ranks the list;
// a refusal says what happened and what to do instead. Long press / right
// click on the map sets the position too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, outlets, distanceM } from './harness.mjs';

const { open } = useBrowser();

test('nothing asks for the location until the button is pressed', async () => {
  // Count calls to the Geolocation API from the first script on.
  const initScript = () => {
    window.__evlAsked = 0;
    const g = navigator.geolocation;
    for (const name of ['getCurrentPosition', 'watchPosition']) {
      const original = g[name].bind(g);
      g[name] = (...args) => {
        window.__evlAsked += 1;
        return original(...args);
      };
    }
  };
  const app = await open('', { initScript });
  await app.page.waitForTimeout(500);
  assert.equal(await app.page.evaluate(() => window.__evlAsked), 0);
  await app.page.getByRole('button', { name: 'Use my location' }).click();
  await app.page.waitForSelector('.evl-locate-failure');
  assert.equal(await app.page.evaluate(() => window.__evlAsked), 1);
});

test('a denied permission gets a specific message pointing to other ways', async () => {
  const app = await open('', { contextOptions: { permissions: [] } });
  await app.page.getByRole('button', { name: 'Use my location' }).click();
  const alert = await app.page.waitForSelector('.evl-locate-failure[role="alert"]');
  assert.equal(await alert.getAttribute('data-failure'), 'denied');
  assert.match(await alert.innerText(), /Location permission was denied\. .*search for a place.*click your position on the map/);
  await app.page.getByRole('button', { name: 'Search for a place instead' }).click();
  assert.equal(await app.page.evaluate(() => document.activeElement?.id), 'evl-search-input');
  assert.equal(app.params().get('at'), null);
});

test('a granted position becomes the origin and ranks the list', async () => {
  const here = { lat: 30.5728, lng: 104.0668 }; // Chengdu, Tianfu Square
  const app = await open('', {
    contextOptions: { permissions: ['geolocation'], geolocation: { latitude: here.lat, longitude: here.lng } },
  });
  await app.page.getByRole('button', { name: 'Use my location' }).click();
  await app.page.waitForSelector('.evl-list > li[data-distance-m]');
  assert.equal(app.params().get('at'), `${here.lat.toFixed(5)},${here.lng.toFixed(5)}`);
  const nearest = outlets().reduce((a, b) => (distanceM(here, a) <= distanceM(here, b) ? a : b));
  assert.equal((await app.listIds())[0], nearest.id);
});

test('a right click (long press on touch) on the map sets the origin', async () => {
  const app = await open('');
  const box = await (await app.page.$('.evl-map')).boundingBox();
  await app.page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.45, { button: 'right' });
  await app.page.waitForSelector('.evl-list > li[data-distance-m]');
  assert.match(app.params().get('at'), /^-?\d+\.\d{5},-?\d+\.\d{5}$/);
});
