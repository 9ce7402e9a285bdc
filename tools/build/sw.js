// The locator's service worker, written into dist/ by tools/build/postbuild.mjs
// (which fills in BUILD and SHELL). index.html registers it; its scope is the
// app's folder, so under a sub-path (/previews/42/) it keeps to that folder.
//
// What a returning buyer gets:
// - the app shell (index.html and the content-hashed scripts, wasm and
//   styles of this build) from the cache, always whole: each build has its
//   own cache, filled before the build's worker takes over, so a page never
//   mixes two builds;
// - config.json, the dataset it names and the base map from the cache too,
//   fetched again in the background on every visit and kept for the next
//   one (a dataset whose `updated` changed is shown on the next visit at the
//   latest); a file the cache does not have yet (the search data, a
//   data= link) is fetched and then kept;
// - offline, all of that still; a file never fetched fails as it would
//   without a worker, and the app says so.
// A new build (a new sw.js) installs beside the old one, copies everything
// afresh, then takes over and deletes the old copies: the next visit shows it.
// Only GET requests to the app's own folder are answered; anything else (a
// dataset or tiles on another host) goes to the network untouched.
const BUILD = __BUILD__;
const SHELL = __SHELL__;
const prefix = `evl:${self.registration.scope}:`;
const cacheName = `${prefix}${BUILD}`;
const scope = new URL(self.registration.scope);
const inScope = (url) => url.origin === scope.origin && url.pathname.startsWith(scope.pathname);
// Files the page's first view loads after the shell; the configured dataset
// is added from config.json at install.
const DEFAULT_DATASET = 'data/outlets.geojson';
const DATA = ['config.json', 'data/basemap.geojson'];

// The copy is made from the HTTP cache where it can be ('force-cache'): the
// page has just loaded these files, so they need not travel twice.
const copy = async (cache, path) => {
  const request = new Request(new URL(path, scope), { cache: 'force-cache' });
  const response = await fetch(request);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  await cache.put(new URL(path, scope).href, response);
};
const configuredDataset = async (cache) => {
  const response = await cache.match(new URL('config.json', scope).href);
  try {
    const config = response ? await response.clone().json() : {};
    // The build's pack of the configured file, as the app loads it
    // (AppConfig::dataset_to_load in core/src/config.rs).
    const named = typeof config.dataset === 'string' ? config.dataset.trim() : DEFAULT_DATASET;
    const dataset = config.packed?.source === named && typeof config.packed.pack === 'string' ? config.packed.pack : named;
    if (inScope(new URL(dataset, scope))) return dataset;
  } catch {
    // A configuration the app cannot read either: the app names the problem.
  }
  return DEFAULT_DATASET;
};

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      await Promise.all(SHELL.map((f) => copy(cache, f)));
      // config.json is optional, so are the rest: what is missing is left to the network.
      await Promise.allSettled(DATA.map((f) => copy(cache, f)));
      await copy(cache, await configuredDataset(cache)).catch(() => {});
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(prefix) && name !== cacheName) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

const shellPaths = new Set(SHELL.map((f) => new URL(f, scope).pathname));
self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || !inScope(url)) return;
  // The static pages (the directory, sitemap.xml, robots.txt) are the network's:
  // a crawler or a buyer following a link gets today's page, not a kept one.
  const inner = url.pathname.slice(scope.pathname.length);
  if (/^(en\/)?outlets\//.test(inner) || inner === 'sitemap.xml' || inner === 'robots.txt') return;
  // The web team's studio (studio/) and what it fetches are the network's too:
  // it must see the site's files as they are now, not as a buyer's visit kept them.
  if (inner.startsWith('studio/') || (request.referrer && new URL(request.referrer).pathname.startsWith(`${scope.pathname}studio/`))) return;
  // The page itself, whatever its query (?at=, ?outlet=...): the shell's index.html.
  const navigation = request.mode === 'navigate' && url.pathname === scope.pathname;
  if (navigation || shellPaths.has(url.pathname)) {
    event.respondWith(
      (async () => {
        const cache = await caches.open(cacheName);
        const key = navigation ? scope.href : url.href;
        return (await cache.match(key)) ?? fetch(request);
      })(),
    );
    return;
  }
  // Data: the kept copy now, a fresh one for the next visit.
  event.respondWith(
    (async () => {
      const cache = await caches.open(cacheName);
      const key = url.href;
      const kept = await cache.match(key);
      const fresh = fetch(request).then(async (response) => {
        if (response.ok && response.type === 'basic') await cache.put(key, response.clone());
        return response;
      });
      if (kept) {
        event.waitUntil(fresh.catch(() => {}));
        return kept;
      }
      return fresh;
    })(),
  );
});
