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
import { before, after } from 'node:test';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = process.env.EVL_DIST ?? join(ROOT, 'dist');
const DATASET = join(ROOT, 'public/data/outlets.geojson');
const EXAMPLES = join(ROOT, 'examples');
const TEST_HOSTS = join(ROOT, 'tests/hosts');

/** The nonce of the script and style tags of the test host pages (tests/hosts/). */
export const HOST_NONCE = 'evl-host-nonce-4f2a';
/**
 * The test host pages' Content-Security-Policy: scripts by nonce only, as
 * brand sites with a CMS often have; WebAssembly allowed.
 */
export const HOST_CSP =
  `default-src 'self'; script-src 'nonce-${HOST_NONCE}' 'wasm-unsafe-eval'; style-src 'self' 'nonce-${HOST_NONCE}'; ` +
  "img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'";
/** Other libraries a host page may have, from node_modules (served under /vendor/). */
const VENDOR = {
  'leaflet-1.7.1.js': 'node_modules/leaflet-1.7/dist/leaflet.js',
  'leaflet-1.7.1.css': 'node_modules/leaflet-1.7/dist/leaflet.css',
  'jquery-3.7.1.js': 'node_modules/jquery/dist/jquery.min.js',
  'require-2.3.8.js': 'node_modules/requirejs/require.js',
};

/**
 * The Content-Security-Policy the README recommends, served by the `csp/`
 * variant: no inline script, no eval; WebAssembly compiled by the browser.
 */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

/** Strings that try to run script or break the layout (the `hostile/` variant uses them as outlet text). */
export const HOSTILE = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned=\'img\'">',
  '"><svg onload="window.__pwned=\'svg\'"></svg>',
  'javascript:window.__pwned="href"',
  `${'长'.repeat(3000)}`,
  `${'W'.repeat(5000)}`,
  '\u202Eevil.exe\u202C store \u200F\u202B右到左\u202C',
  '{{constructor.constructor("window.__pwned=1")()}} ${window.__pwned=1}',
  '<a href="javascript:window.__pwned=\'a\'">click</a><style>*{display:none!important}</style>',
];

/** The origin of the sample host page that `locator/`'s configuration allows (set by startServer). */
let allowedParent = 'http://127.0.0.1:1';

/** The booking form's endpoint in the `booking/` variant's configuration (the booking test starts it). */
let bookingEndpoint = 'http://127.0.0.1:1/leads';
/** Names the endpoint the `booking/` variant's form posts to. */
export const setBookingEndpoint = (url) => {
  bookingEndpoint = url;
};
/** The `booking/` variant's booking links (test drives go through the form). */
export const BOOKING_LINKS = {
  after_sales: 'https://crm.example.cn/service?store={id}&city={city}&lang={lang}',
  body_paint: 'https://crm.example.cn/body?store={id}',
  notify: 'https://crm.example.cn/opening?store={id}&s={service}',
};

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
/** The packed sample, made by scripts/test (`evl-data pack`); the build's own when it made one. */
const PACK = existsSync(join(DIST, 'data/outlets.evlpack')) ? join(DIST, 'data/outlets.evlpack') : join(ROOT, 'target/e2e/outlets.evlpack');
/**
 * The configuration as the web team wrote it, without the `packed` member the
 * release build adds (site/src/lib.rs, write_pack): the app then reads the
 * GeoJSON, which a variant's `dataset` serves in its own form.
 */
const withoutPack = (text) => {
  const config = JSON.parse(text);
  delete config.packed;
  return JSON.stringify(config);
};
const usePack = (text) => ({ body: JSON.stringify({ ...JSON.parse(text), dataset: 'data/outlets.evlpack' }), type: TYPES['.json'] });

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
  // The dataset takes 3 s; the configuration allows 1 s.
  'broken/slow': {
    config: () => ({ body: JSON.stringify({ dataset_timeout_s: 1 }), type: TYPES['.json'] }),
    dataset: (text) => ({ body: text, delay: 3000 }),
  },
  // The configuration takes 0.8 s: the build's dataset (its pack) is asked for meanwhile.
  'early/slow-config': { config: (text) => ({ body: text, delay: 800 }) },
  // The configuration names another file than the default: the early request
  // for the build's pack is aborted (both dataset answers take 1.5 s).
  'early/elsewhere': {
    config: (text) => ({ body: JSON.stringify({ ...JSON.parse(text), dataset: 'data/outlets.geojson?from=config' }) }),
    dataset: (text) => ({ body: text, delay: 1500 }),
    pack: (bytes) => ({ body: bytes, delay: 1500 }),
  },
  // The sample's GeoJSON itself, as the web team's configuration (no `packed`) has the app read it.
  geojson: { dataset: (text) => ({ body: text }) },
  // The sample in its packed form (target/e2e/outlets.evlpack, made by
  // scripts/test with `evl-data pack`), named by the configuration.
  packed: { config: usePack },
  // That pack cut in half.
  'broken/pack': { config: usePack, pack: (bytes) => ({ body: bytes.subarray(0, Math.floor(bytes.length / 2)) }) },
  // The dataset is over the configured 1 MB.
  'broken/large': {
    config: () => ({ body: JSON.stringify({ dataset_max_mb: 1 }), type: TYPES['.json'] }),
    dataset: (text) => ({ body: text.replace('"features"', `"padding": "${'x'.repeat(1_200_000)}", "features"`) }),
  },
  // Text meant to attack the page: markup, handlers, script URLs, very long
  // words, right-to-left overrides. It must show as text and change nothing.
  hostile: {
    dataset: (text) => {
      const data = JSON.parse(text);
      HOSTILE.forEach((h, i) => {
        const p = data.features[i].properties;
        p.name = { zh: h, en: h };
        p.address = { zh: `${h} ${h}`, en: h };
        p.city = { zh: h.slice(0, 200), en: h.slice(0, 200) };
        if (p.hours) p.hours.exceptions = [{ date: '2027-02-06', hours: [], note: { zh: h, en: h } }];
      });
      // A phone "number" that is a script URL: the record is left out, and named as text.
      const bad = structuredClone(data.features[HOSTILE.length]);
      bad.properties.id = 'hostile-phone';
      bad.properties.phone = 'javascript:window.__pwned="tel"';
      data.features.push(bad);
      return { body: JSON.stringify(data) };
    },
  },
  // The sample eight times over (2,336 outlets, ids suffixed -k): the list comes a page at a time.
  many: {
    dataset: (text) => {
      const data = JSON.parse(text);
      const copies = [];
      for (let k = 1; k < 8; k++) {
        for (const f of data.features) {
          const c = structuredClone(f);
          c.properties.id = `${f.properties.id}-${k}`;
          if (c.properties.relocated_to) c.properties.relocated_to = `${c.properties.relocated_to}-${k}`;
          c.geometry.coordinates = [f.geometry.coordinates[0] + k * 0.01, f.geometry.coordinates[1] + k * 0.01];
          copies.push(c);
        }
      }
      data.features.push(...copies);
      return { body: JSON.stringify(data) };
    },
  },
  'no-basemap': { basemap: () => ({ status: 404, body: 'Not Found', type: 'text/plain' }) },
  // The app as a brand site embeds it: its configuration allows the sample host page's origin.
  locator: {
    config: () => ({ body: JSON.stringify({ embed: { parent_origins: [allowedParent] } }), type: TYPES['.json'] }),
  },
  // A brand's theme and default language in config.json.
  themed: {
    config: () => ({
      body: JSON.stringify({
        default_lang: 'zh',
        theme: { brand_color: '#c00000', partner_color: '#6a1b9a', font: '"Noto Serif CJK SC", serif', radius: '2px' },
      }),
      type: TYPES['.json'],
    }),
  },
  // A config.json the app cannot use: the defaults apply, and the problem is told.
  'bad-config': {
    config: () => ({ body: JSON.stringify({ theme: { brand_color: 'red;}body{display:none' } }), type: TYPES['.json'] }),
  },
  // Booking: links for some services, the form for test drives; framed by the sample host page.
  booking: {
    config: () => ({
      body: JSON.stringify({
        embed: { parent_origins: [allowedParent] },
        booking: {
          links: BOOKING_LINKS,
          form: { endpoint: bookingEndpoint, services: ['test_drive'], timeout_s: 2, privacy_url: 'https://www.example.cn/privacy' },
        },
      }),
      type: TYPES['.json'],
    }),
  },
  // A booking link meant to run script: refused like any unusable configuration.
  'booking-hostile': {
    config: () => ({ body: JSON.stringify({ booking: { links: { test_drive: 'javascript:window.__pwned=1//{id}' } } }), type: TYPES['.json'] }),
  },
  // The hostile host page's second locator (tests/hosts/): theme.font
  // "inherit" (the host's font), booking links and the booking form (opened, never sent).
  'second-locator': {
    config: () => ({
      body: JSON.stringify({
        theme: { font: 'inherit' },
        booking: {
          links: BOOKING_LINKS,
          form: { endpoint: 'http://127.0.0.1:1/leads', services: ['test_drive'], privacy_url: 'https://www.example.cn/privacy' },
        },
      }),
      type: TYPES['.json'],
    }),
  },
  // The app under the strict Content-Security-Policy of the README.
  csp: { headers: { 'content-security-policy': CSP } },
};

/** Serves the sample host pages of examples/ (`/iframe.html`, `/in-page.html`). */
async function serveExample(req, res) {
  const name = new URL(req.url, 'http://x').pathname.replace(/^\/+/, '');
  const file = join(EXAMPLES, normalize(name));
  if (!/^[\w-]+\.html$/.test(name) || !existsSync(file)) return send(res, { status: 404, body: 'Not Found' });
  send(res, { body: await readFile(file), type: TYPES['.html'] });
}

async function listen(server) {
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${server.address().port}`;
}

/**
 * Starts the servers on free loopback ports: the app (`base`), the sample
 * host pages on another origin whose pages `locator/` allows (`hostBase`),
 * and the same pages on a third origin it does not allow (`foreignBase`).
 * The app server also serves the host pages under `/host/` (same origin).
 */
export async function startServer() {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error('dist/ is missing: run `trunk build --release` first (scripts/test does)');
  }
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '');
      // corpus/<name>/ serves dist/ with tests/datasets/malformed/<name>.geojson as the dataset.
      const corpus = path.match(/^corpus\/([\w-]+)\/(.*)$/);
      if (corpus) {
        const [, name, rest] = corpus;
        const file = rest === 'data/outlets.geojson' ? join(ROOT, 'tests/datasets/malformed', `${name}.geojson`) : join(DIST, normalize(rest || 'index.html'));
        if (!existsSync(file)) return send(res, { status: 404, body: 'Not Found' });
        if (rest === 'config.json') return send(res, { body: withoutPack(await readFile(file, 'utf8')), type: TYPES['.json'] });
        return send(res, { body: await readFile(file), type: TYPES[extname(file)] ?? 'application/octet-stream' });
      }
      // A brand's page as hostile as real ones (tests/hosts/), under its nonce-based CSP.
      const testHost = path.match(/^test-host\/([\w-]+\.(?:html|js))$/);
      if (testHost) {
        const file = join(TEST_HOSTS, testHost[1]);
        if (!existsSync(file)) return send(res, { status: 404, body: 'Not Found' });
        const headers = file.endsWith('.html') ? { 'content-security-policy': HOST_CSP } : {};
        return send(res, { body: await readFile(file), type: TYPES[extname(file)], headers });
      }
      const vendor = path.match(/^vendor\/(.+)$/);
      if (vendor && VENDOR[vendor[1]]) return send(res, { body: await readFile(join(ROOT, VENDOR[vendor[1]])), type: TYPES[extname(vendor[1])] });
      if (path.startsWith('host/')) {
        req.url = '/' + path.slice('host/'.length);
        return serveExample(req, res);
      }
      const variant = Object.keys(VARIANTS).find((v) => path === v || path.startsWith(v + '/'));
      if (!variant) return send(res, { status: 404, body: 'Not Found', type: 'text/plain' });
      if (path === variant) return send(res, { status: 301, headers: { location: `/${variant}/` }, body: '' });
      let rest = path.slice(variant.length + 1) || 'index.html';
      // A folder's page, as static hosts serve it (the directory's pages).
      if (rest.endsWith('/')) rest += 'index.html';
      rest = normalize(rest);
      if (rest.startsWith('..')) return send(res, { status: 403, body: 'Forbidden', type: 'text/plain' });
      const v = VARIANTS[variant];
      if (rest === 'data/outlets.evlpack') {
        if (!existsSync(PACK)) throw new Error(`${PACK} is missing: scripts/test makes it with evl-data pack`);
        const bytes = await readFile(PACK);
        return send(res, { type: 'application/octet-stream', ...(v.pack ? v.pack(bytes) : { body: bytes }) });
      }
      const file = join(DIST, rest);
      const hook =
        rest === 'data/outlets.geojson' ? v.dataset : rest === 'data/basemap.geojson' ? v.basemap : rest === 'config.json' ? v.config : null;
      const headers = v.headers ?? {};
      if (!existsSync(file)) return send(res, { status: 404, body: 'Not Found', type: 'text/plain', headers });
      const body = await readFile(file);
      if (rest === 'config.json' && v.dataset) {
        // A variant that serves its own GeoJSON has the app read it.
        const served = v.config ? v.config(body.toString('utf8')) : { body: body.toString('utf8') };
        return send(res, { type: TYPES['.json'], headers, ...served, body: withoutPack(served.body) });
      }
      if (hook) return send(res, { type: TYPES[extname(file)], headers, ...hook(body.toString('utf8')) });
      send(res, { body, type: TYPES[extname(file)] ?? 'application/octet-stream', headers });
    } catch (e) {
      send(res, { status: 500, body: String(e), type: 'text/plain' });
    }
  });
  const host = createServer(serveExample);
  const foreign = createServer(serveExample);
  const [base, hostBase, foreignBase] = [await listen(server), await listen(host), await listen(foreign)];
  allowedParent = hostBase;
  const close = (s) => new Promise((ok) => s.close(ok));
  return { base, hostBase, foreignBase, stop: () => Promise.all([server, host, foreign].map(close)) };
}

async function send(res, { status = 200, body, type, headers = {}, delay = 0 }) {
  if (delay) await new Promise((ok) => setTimeout(ok, delay));
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': type ?? 'text/plain', 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/** axe-core's source, injected into pages by `axeViolations`. */
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.0–2.2 A and AA rules) on the page and returns the
 * violations of serious or critical impact, each as "rule: target (summary)".
 */
export async function axeViolations(page, { exclude = [], include = null } = {}) {
  await page.evaluate(AXE);
  const results = await page.evaluate(
    async ([exclude, include]) =>
      window.axe.run(
        { ...(include ? { include: include.map((s) => [s]) } : {}), exclude: exclude.map((s) => [s]) },
        { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] },
      ),
    [exclude, include],
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary.split('\n').slice(1, 2).join('').trim()})`));
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
    hours: f.properties.hours,
    name: f.properties.name,
    mobile: f.properties.mobile_service,
    booking: f.properties.booking ?? {},
    city: f.properties.city,
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

/**
 * Opens the app in a fresh browser context. Requests to anything but this
 * machine (tile servers...) are refused and recorded in `app.blocked`, so a
 * test never reaches outside and behaves as with all third parties down.
 */
export async function openApp(
  browser,
  server,
  query = '',
  { variant = 'previews/42', locale = 'en-US', viewport, contextOptions = {}, initScript, clock } = {},
) {
  const context = await browser.newContext({ locale, viewport: viewport ?? { width: 1280, height: 800 }, ...contextOptions });
  if (initScript) await context.addInitScript(initScript);
  const blocked = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => {
      blocked.push(route.request().url());
      route.abort('internetdisconnected');
    },
  );
  const page = await context.newPage();
  if (clock) await page.clock.setFixedTime(clock);
  const app = new LocatorPage(page, server.base);
  app.blocked = blocked;
  await app.open(query, variant);
  return app;
}

/** Page object for the locator. */
export class LocatorPage {
  constructor(page, base) {
    this.page = page;
    this.base = base;
    this.consoleErrors = [];
    this.requests = [];
    /** Requests, responses and failures in the order they happened: [event, url, failure]. */
    this.network = [];
    page.on('request', (r) => {
      this.requests.push(r.url());
      this.network.push(['request', r.url()]);
    });
    page.on('response', (r) => this.network.push(['response', r.url()]));
    page.on('requestfailed', (r) => this.network.push(['failed', r.url(), r.failure()?.errorText]));
    page.on('pageerror', (e) => this.consoleErrors.push(String(e)));
    page.on('console', (m) => {
      // Refused third-party requests (tiles) are expected; anything else is not.
      if (m.type() === 'error' && !m.text().includes('ERR_INTERNET_DISCONNECTED')) {
        this.consoleErrors.push(`${m.text()} (${m.location().url})`);
      }
    });
  }

  /** Opens the app under `variant` with `query` and waits until it settled. */
  async open(query = '', variant = 'previews/42') {
    await this.page.goto(`${this.base}/${variant}/${query}`);
    // The app's own view, not the prerendered one it takes over.
    await this.page.waitForSelector('.evl-app:not([data-evl-prerendered]):not(.is-waiting) :is(.evl-list, [role="alert"])', {
      state: 'attached',
      timeout: 20000,
    });
  }

  /**
   * Draws every row of the list (it comes a page at a time). Clicks "show
   * more" from inside the page: scrolling it into view may itself draw the
   * last page and remove the button, which a pointer click would wait for.
   */
  async showAllRows() {
    await this.page.evaluate(async () => {
      const rows = () => document.querySelectorAll('.evl-list > [data-outlet-id]').length;
      for (let i = 0; i < 1000; i++) {
        const more = document.querySelector('.evl-more');
        if (!more) return;
        const drawn = rows();
        more.click();
        for (let t = 0; t < 500 && rows() === drawn && document.querySelector('.evl-more'); t++) {
          await new Promise((ok) => setTimeout(ok, 10));
        }
      }
    });
  }

  /** Ids of the list rows, in order (all of them). */
  async listIds() {
    await this.showAllRows();
    return this.page.$$eval('.evl-list > [data-outlet-id]', (els) => els.map((e) => e.dataset.outletId));
  }

  /** `data-distance-m` of the list rows, in order (null where absent). */
  async listDistances() {
    await this.showAllRows();
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

  /** Waits until the list holds exactly `n` outlets (drawn or still to come). */
  async waitForCount(n) {
    await this.page.waitForFunction((n) => document.querySelector('.evl-list')?.dataset.count === String(n), n);
  }
}

/**
 * WGS-84 → GCJ-02 by the published formula (Krasovsky ellipsoid), written
 * here independently of the app's Rust version to check it. Only for points
 * in mainland China.
 */
export function wgs84ToGcj02({ lat, lng }) {
  const a = 6378245.0;
  const ee = 0.00669342162296594323;
  const x = lng - 105.0;
  const y = lat - 35.0;
  const s = Math.sin;
  const PI = Math.PI;
  let dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  dLat += ((20.0 * s(6.0 * x * PI) + 20.0 * s(2.0 * x * PI)) * 2.0) / 3.0;
  dLat += ((20.0 * s(y * PI) + 40.0 * s((y / 3.0) * PI)) * 2.0) / 3.0;
  dLat += ((160.0 * s((y / 12.0) * PI) + 320 * s((y * PI) / 30.0)) * 2.0) / 3.0;
  let dLng = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  dLng += ((20.0 * s(6.0 * x * PI) + 20.0 * s(2.0 * x * PI)) * 2.0) / 3.0;
  dLng += ((20.0 * s(x * PI) + 40.0 * s((x / 3.0) * PI)) * 2.0) / 3.0;
  dLng += ((150.0 * s((x / 12.0) * PI) + 300.0 * s((x / 30.0) * PI)) * 2.0) / 3.0;
  const radLat = (lat / 180.0) * PI;
  let magic = s(radLat);
  magic = 1 - ee * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((a * (1 - ee)) / (magic * sqrtMagic)) * PI);
  dLng = (dLng * 180.0) / ((a / sqrtMagic) * Math.cos(radLat) * PI);
  return { lat: lat + dLat, lng: lng + dLng };
}

/** What the map shows: clusters with their counts, and single outlet markers. */
export function mapItems(app) {
  return app.page.evaluate(() => {
    const clusters = [...document.querySelectorAll('.leaflet-marker-icon.evl-cluster-icon')].map((e) => ({
      count: Number(e.dataset.count),
      evHome: Number(e.dataset.evHome),
      partner: Number(e.dataset.partner),
      label: e.getAttribute('aria-label'),
      tabindex: e.getAttribute('tabindex'),
      stack: e.classList.contains('is-stack'),
    }));
    const points = [...document.querySelectorAll('.leaflet-marker-icon[data-outlet-id]')].map((e) => e.dataset.outletId);
    return { clusters, points, total: clusters.reduce((t, c) => t + c.count, 0) + points.length };
  });
}

/** Zooms the map out as far as it goes, so every outlet is drawn. */
export async function showWorld(app) {
  for (let i = 0; i < 20; i++) {
    const out = await app.page.$('.leaflet-control-zoom-out:not(.leaflet-disabled)');
    if (!out) break;
    const zoom = await app.page.getAttribute('.evl-map', 'data-zoom');
    await out.click();
    await app.page.waitForFunction((z) => document.querySelector('.evl-map').dataset.zoom !== z, zoom);
  }
  await app.page.waitForTimeout(300);
}

/** The map's view: zoom, and bounds in the drawn datum. */
export async function mapView(app) {
  const [zoom, bounds] = await app.page.$eval('.evl-map', (e) => [e.dataset.zoom, e.dataset.bounds]);
  const [south, west, north, east] = bounds.split(',').map(Number);
  return { zoom: Number(zoom), south, west, north, east };
}

/** Whether `p` lies in the view's bounds. */
export const inView = (v, p) => p.lat >= v.south && p.lat <= v.north && p.lng >= v.west && p.lng <= v.east;

/**
 * Whether `hours` (dataset form) are open at `date` ("YYYY-MM-DD", a
 * Shanghai date) and `minute` after midnight: an independent reading of
 * docs/dataset.md to check the app against.
 */
export function openAt(hours, date, minute) {
  if (!hours) return false;
  const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  const parse = (r) => r.split('-').map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
  const rangesOn = (d) => {
    const ex = (hours.exceptions ?? []).find((e) => e.date === d);
    if (ex) return ex.hours;
    return hours[days[new Date(`${d}T00:00:00Z`).getUTCDay()]] ?? [];
  };
  const yesterday = new Date(Date.parse(`${date}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
  for (const r of rangesOn(date)) {
    const [a, b] = parse(r);
    if (b > a ? minute >= a && minute < b : minute >= a) return true;
  }
  for (const r of rangesOn(yesterday)) {
    const [a, b] = parse(r);
    if (b <= a && minute < b) return true;
  }
  return false;
}

/**
 * Where an element's centre is on the map, in the drawn datum, from its
 * pixels and the view's bounds (`data-bounds`): longitude is linear in
 * pixels, latitude linear in Web Mercator y.
 */
export async function screenLatLng(app, selector) {
  const [map, el, bounds] = await app.page.evaluate((sel) => {
    const box = (e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, top: r.top, width: r.width, height: r.height };
    };
    const m = document.querySelector('.evl-map');
    return [box(m), box(document.querySelector(sel)), m.dataset.bounds];
  }, selector);
  const [south, west, north, east] = bounds.split(',').map(Number);
  const x = (el.left + el.width / 2 - map.left) / map.width;
  const y = (el.top + el.height / 2 - map.top) / map.height;
  const merc = (lat) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const lat = (Math.atan(Math.exp(merc(north) + y * (merc(south) - merc(north)))) * 360) / Math.PI - 90;
  return { lat, lng: west + x * (east - west) };
}

/**
 * For a test file: starts the server and Chromium before its tests, stops
 * them after, and returns `open(query, options)` (see `openApp`).
 */
export function useBrowser() {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await startBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return {
    open: (query = '', options = {}) => openApp(env.browser, env.server, query, options),
    /** The servers (`base`, `hostBase`, `foreignBase`) and the browser, for tests that open host pages. */
    env,
  };
}

/** A CSV sheet (bytes) of `n` outlets in Shanghai, in the dataset's own columns. */
export function bigSheet(n) {
  const rows = ['id,kind,name_zh,address_zh,city_zh,province_zh,lat,lng,services'];
  for (let i = 0; i < n; i++) {
    const lat = (31.1 + ((i * 7919) % 3000) / 10000).toFixed(5);
    const lng = (121.3 + ((i * 104729) % 3000) / 10000).toFixed(5);
    rows.push(`ev-${i},ev_home,上海第${i}号体验中心,南京西路${i}号,上海,上海,${lat},${lng},sales;test_drive`);
  }
  return Buffer.from(rows.join('\n') + '\n');
}
