// Shared pieces of the end-to-end tests: a static server for the release
// build (dist/) under several sub-paths, some of which break the dataset on
// purpose; headless Chromium through playwright-core; the sample dataset
// and a brute-force reference ranking to check the app against.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, 'dist');
const DATASET = join(ROOT, 'public/data/outlets.geojson');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The sample dataset as the app reads it. */
export const dataset = JSON.parse(readFileSync(DATASET, 'utf8'));

/**
 * What each sub-path serves in place of `data/outlets.geojson` (or of the
 * base map). `/previews/42/` serves dist/ unchanged: a static preview path.
 */
const VARIANTS = {
  'previews/42': {},
  'broken/truncated': { dataset: (text) => ({ body: text.slice(0, Math.floor(text.length / 2)) }) },
  'broken/missing': { dataset: () => ({ status: 404, body: 'Not Found', type: 'text/plain' }) },
  'broken/html': {
    dataset: () => ({ body: '<!DOCTYPE html><html><body><h1>Server error</h1></body></html>', type: 'text/html' }),
  },
  'broken/version': { dataset: (text) => ({ body: text.replace('"schema_version": 1', '"schema_version": 2') }) },
  'broken/records': {
    // Two bad records among the good ones: an unknown kind, swapped coordinates.
    dataset: (text) => {
      const data = JSON.parse(text);
      const bad1 = structuredClone(data.features[0]);
      bad1.properties.id = 'bad-kind';
      bad1.properties.kind = 'dealer';
      const bad2 = structuredClone(data.features[1]);
      bad2.properties.id = 'bad-coords';
      bad2.geometry.coordinates.reverse();
      data.features.splice(3, 0, bad1, bad2);
      return { body: JSON.stringify(data, null, 1) };
    },
  },
  'no-basemap': { basemap: () => ({ status: 404, body: 'Not Found', type: 'text/plain' }) },
};

/** Starts the server on a free loopback port; returns its base URL and a stop function. */
export async function startServer() {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error('dist/ is missing: run `trunk build --release` first (scripts/test does)');
  }
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '');
      const variant = Object.keys(VARIANTS).find((v) => path === v || path.startsWith(v + '/'));
      if (!variant) return send(res, { status: 404, body: 'Not Found', type: 'text/plain' });
      if (path === variant) return send(res, { status: 301, headers: { location: `/${variant}/` }, body: '' });
      let rest = path.slice(variant.length + 1) || 'index.html';
      rest = normalize(rest);
      if (rest.startsWith('..')) return send(res, { status: 403, body: 'Forbidden', type: 'text/plain' });
      const file = join(DIST, rest);
      const hook =
        rest === 'data/outlets.geojson' ? VARIANTS[variant].dataset : rest === 'data/basemap.geojson' ? VARIANTS[variant].basemap : null;
      if (!existsSync(file)) return send(res, { status: 404, body: 'Not Found', type: 'text/plain' });
      const body = await readFile(file);
      if (hook) return send(res, { type: TYPES[extname(file)], ...hook(body.toString('utf8')) });
      send(res, { body, type: TYPES[extname(file)] ?? 'application/octet-stream' });
    } catch (e) {
      send(res, { status: 500, body: String(e), type: 'text/plain' });
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, stop: () => new Promise((ok) => server.close(ok)) };
}

function send(res, { status = 200, body, type, headers = {} }) {
  res.writeHead(status, { 'content-type': type ?? 'text/plain', 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/** Headless Chromium with the flags this machine needs (see README). */
export async function startBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Great-circle distance in metres, the same sphere as the app (GRS80 mean radius). */
export function distanceM(a, b) {
  const R = 6371008.8;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

/** The dataset's outlets as plain records. */
export function outlets() {
  return dataset.features.map((f) => ({
    id: f.properties.id,
    kind: f.properties.kind,
    status: f.properties.status ?? 'open',
    services: f.properties.services,
    relocatedTo: f.properties.relocated_to,
    lat: f.geometry.coordinates[1],
    lng: f.geometry.coordinates[0],
  }));
}

/** Whether an outlet passes the filters, by the rule of docs/dataset.md. */
export function passes(o, { kind, services = [] } = {}) {
  if (kind && o.kind !== kind) return false;
  if (services.length && (o.status !== 'open' || !services.every((s) => o.services.includes(s)))) return false;
  return true;
}

/** Page object for the locator. */
export class LocatorPage {
  constructor(page, base) {
    this.page = page;
    this.base = base;
    this.consoleErrors = [];
    page.on('pageerror', (e) => this.consoleErrors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && this.consoleErrors.push(`${m.text()} (${m.location().url})`));
  }

  /** Opens the app under `variant` with `query` and waits until it settled. */
  async open(query = '', variant = 'previews/42') {
    await this.page.goto(`${this.base}/${variant}/${query}`);
    await this.page.waitForSelector('.evl-list, [role="alert"]', { state: 'attached', timeout: 20000 });
  }

  /** Ids of the list rows, in order. */
  listIds() {
    return this.page.$$eval('.evl-list > [data-outlet-id]', (els) => els.map((e) => e.dataset.outletId));
  }

  /** `data-distance-m` of the list rows, in order (null where absent). */
  listDistances() {
    return this.page.$$eval('.evl-list > [data-outlet-id]', (els) =>
      els.map((e) => (e.dataset.distanceM === undefined ? null : Number(e.dataset.distanceM))),
    );
  }

  /** Ids of the outlet markers on the map. */
  markerIds() {
    return this.page.$$eval('.leaflet-marker-icon[data-outlet-id]', (els) => els.map((e) => e.dataset.outletId));
  }

  /** Text of the first element with role=alert, or null. */
  async alertText() {
    const el = await this.page.$('[role="alert"]');
    return el ? el.innerText() : null;
  }

  /** The URL's query parameters. */
  params() {
    return new URL(this.page.url()).searchParams;
  }

  /** Waits until the list shows exactly `n` rows. */
  async waitForCount(n) {
    await this.page.waitForFunction((n) => document.querySelectorAll('.evl-list > [data-outlet-id]').length === n, n);
  }
}
