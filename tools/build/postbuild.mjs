// Trunk post-build hook (Trunk.toml): makes dist/ run under a strict
// Content-Security-Policy and gives host pages one stable file to load.
//
// 1. Trunk writes the wasm start-up as an inline <script type="module"> in
//    index.html, which `script-src 'self'` refuses. It moves here into a
//    content-hashed file, boot-<hash>.js, loaded by src.
//    Before the wasm starts, that script asks for config.json and the
//    dataset this build's configuration names (its pack, which evl-site
//    writes: step 4), so both arrive while the wasm loads; the app takes
//    these requests (src/load.rs, `started_by_boot`) or aborts the dataset's
//    when the configuration names another file. A link with ?data= skips it.
//    On a phone it waits for the first view to be painted before it asks for
//    the code and the data (a desktop preloads the code from the head).
// 2. Leaflet (script and stylesheet) leaves index.html: the app loads it
//    when it first shows the map (src/map/leaflet.rs, `load_library`),
//    through window.__evlLeaflet, which both start-up scripts define. A
//    phone's first view, the list, never waits for it or pays for it. The
//    script becomes a module that touches no global of the page (a host's
//    own window.L, an AMD define), reached as window.__evlL.
// 3. locator.js (a stable name, short cache) mounts the app into each host
//    page's element marked data-evl-locator (and exports mount(element) for
//    later ones): a shadow root on the element with our stylesheets in it,
//    the app's folder told (data-base), an instance of the app started.
// 4. The static pages (evl-site, site/): the location directory, the sitemap
//    and the first view prerendered into index.html; and the dataset's packed
//    form, which the app reads several times faster than GeoJSON, named in
//    config.json's "packed" (see write_pack in site/src/lib.rs). The start-up script
//    keeps the clicks and typing a buyer does on that view until the app
//    takes it over (window.__evlTakeover, called by src/takeover.rs).
// 5. sw.js (release builds only), the service worker index.html registers
//    once the page has loaded, so that a returning buyer's page opens from
//    the cache and works offline. See tools/build/sw.js for what it keeps and
//    when it updates. locator.js registers none: inside a host's page its
//    requests go through the host's own service worker, if it has one.
// 6. The app's workers, which Trunk builds beside it: the GeoJSON reader
//    (reader/) and the search (search/). Their files get content-hashed
//    names, and both start-up scripts tell the app their addresses
//    (window.__evlReader and window.__evlSearch, src/worker.rs).
//
// Run by Trunk with TRUNK_STAGING_DIR set; `node tools/build/postbuild.mjs DIR`
// runs it on a built directory by hand.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildStudio, dropStudioSnippets } from './studio.mjs';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error('postbuild: set TRUNK_STAGING_DIR or give the built directory');
  process.exit(2);
}
dropStudioSnippets(dir);
const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');

const inline = /<script type="module">([\s\S]*?)<\/script>/;
const found = html.match(inline);
if (!found) {
  console.error('postbuild: index.html has no inline module script to move out (already done?)');
  process.exit(1);
}
// What the start-up script asks for while the wasm loads: config.json and
// the dataset the app will load, as this build's configuration names it (the
// build's pack, when evl-site made one: AppConfig::dataset_to_load in
// core/src/config.rs; else data/outlets.geojson, DEFAULT_DATASET_URL there).
// Named to the app as window.__evlEarly.dataset (src/load.rs, expected_dataset).
const DEFAULT_DATASET = 'data/outlets.geojson';
const builtDataset = () => {
  let config = {};
  try {
    config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  } catch {
    // No configuration, or one the app will say it cannot read: the defaults.
  }
  const named = typeof config.dataset === 'string' ? config.dataset.trim() : DEFAULT_DATASET;
  const pack = config.packed?.source === named && typeof config.packed?.pack === 'string' ? config.packed.pack : null;
  return pack ?? named;
};
const earlyScript = (dataset) => `// Asked for now, while the wasm loads; the app takes these requests.
{
  const early = (window.__evlEarly = {});
  const ask = (path) => {
    const url = new URL(path, document.baseURI).href;
    const controller = new AbortController();
    const response = fetch(url, { signal: controller.signal });
    response.catch(() => {});
    early[url] = { response, controller };
  };
  ask('config.json');
  early.dataset = ${JSON.stringify(dataset)};
  if (!new URLSearchParams(location.search).has('data')) ask(early.dataset);
}
`;
// Release builds only: a development server's page is not kept in a cache.
const release = (process.env.TRUNK_PROFILE ?? 'release') === 'release';
const register = release
  ? `// The service worker (sw.js), once the page has loaded: the next visit opens from it.
if ('serviceWorker' in navigator) {
  addEventListener('load', () => {
    navigator.serviceWorker.register('sw.js').catch((e) => console.warn('ev-locator: no offline copy (' + e.message + ')'));
  });
}
`
  : '';
// The file index.html names through `re` (its first group).
const pick = (re, what, text = html) => {
  const m = text.match(re);
  if (!m) {
    console.error(`postbuild: index.html names no ${what}`);
    process.exit(1);
  }
  return m[1];
};
// Leaflet's tags out of index.html, their files named to the loader below.
const leafletTag = (re, what) => {
  const file = pick(re, what);
  html = html.replace(re, '');
  return file;
};
const leafletUmd = leafletTag(/\s*<script src="\.\/(leaflet-[^"]+\.js)"[^>]*><\/script>/, 'Leaflet script');
const leafletCss = leafletTag(/\s*<link rel="stylesheet" href="\.\/(leaflet-[^"]+\.css)"[^>]*>/, 'Leaflet stylesheet');
// Our Leaflet as an ES module that touches no global of the page: Leaflet's
// own minified build, unchanged, given the CommonJS `exports` its UMD header
// looks for first (so a host's AMD `define` is never called), and the
// `window.L` it always sets put back as it was (a host page's own, older
// Leaflet stays its own). The app reaches it as window.__evlL (src/map/leaflet.rs).
const leafletSource = readFileSync(join(dir, leafletUmd), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
const leafletModule = `// Leaflet 1.9.4 (BSD-2-Clause, node_modules/leaflet), as a module that leaves the page's globals alone.
const exports = {};
const module = { exports };
const hadL = Object.prototype.hasOwnProperty.call(window, 'L');
const pageL = window.L;
${leafletSource}
if (hadL) window.L = pageL;
else delete window.L;
export default exports;
`;
const leaflet = `leaflet-module-${createHash('sha256').update(leafletModule).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(dir, leaflet), leafletModule);
unlinkSync(join(dir, leafletUmd));
// window.__evlLeaflet(): a promise that our Leaflet is loaded (window.__evlL)
// with its stylesheet (\`css\`: in the page's head; the in-page mount has it in
// its shadow root already), each asked for once; a failed load is tried again
// on the next call.
const mapLibrary = (base, css) => `// Leaflet, when the app first shows the map (src/map/leaflet.rs).
window.__evlLeaflet ??= (() => {
  let loading;
  const sheet = () => new Promise((resolve, reject) => {
    const href = new URL(${JSON.stringify(leafletCss)}, ${base}).href;
    if ([...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === href)) return resolve();
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
    link.onload = resolve;
    link.onerror = () => {
      link.remove();
      reject(new Error(href));
    };
    document.head.append(link);
  });
  return () => (loading ??= (async () => {
    const src = new URL(${JSON.stringify(leaflet)}, ${base}).href;
    const [library] = await Promise.all([
      import(src).catch(() => {
        throw new Error(src);
      }),
      ${css ? 'sheet()' : 'null'},
    ]);
    window.__evlL ??= library.default;
  })().catch((e) => {
    loading = undefined;
    throw e;
  }));
})();
`;
// The app's own module workers (src/worker.rs): the GeoJSON reader
// (reader/), started only for a dataset that is not packed, and the search
// (search/), started the first time the search box is used. Trunk names a
// worker's files without a hash; here they get one (of both), and each
// worker's script, its glue started, is written: window.__evlReader and
// window.__evlSearch, set by both start-up scripts, are their addresses.
const hashWorker = (name) => {
  const glue = readFileSync(join(dir, `${name}.js`), 'utf8');
  const wasm = readFileSync(join(dir, `${name}_bg.wasm`));
  const hash = createHash('sha256').update(glue).update(wasm).digest('hex').slice(0, 16);
  const wasmName = `${name}-${hash}_bg.wasm`;
  const glueHashed = glue.replace(`new URL('${name}_bg.wasm', import.meta.url)`, `new URL('${wasmName}', import.meta.url)`);
  if (glueHashed === glue) {
    console.error(`postbuild: ${name}'s glue does not name its wasm as expected`);
    process.exit(1);
  }
  const entry = `${name}-${hash}.js`;
  writeFileSync(join(dir, `${name}-${hash}-glue.js`), glueHashed);
  writeFileSync(join(dir, wasmName), wasm);
  writeFileSync(join(dir, entry), `// The worker ${name}: its wasm, started.\nimport init from './${name}-${hash}-glue.js';\nawait init();\n`);
  unlinkSync(join(dir, `${name}.js`));
  unlinkSync(join(dir, `${name}_bg.wasm`));
  return entry;
};
const reader = hashWorker('evl-reader');
const search = hashWorker('evl-search');
const workerAddresses = (base) => `// The app's workers: the GeoJSON reader, for a dataset that is not packed
// (src/reader.rs), and the search box's index (src/search_worker.rs).
window.__evlReader ??= new URL(${JSON.stringify(reader)}, ${base}).href;
window.__evlSearch ??= new URL(${JSON.stringify(search)}, ${base}).href;
`;
// A desktop shows the map beside the list: its files download now, beside
// the wasm, and run when the app asks for them. Tags in the head, so the
// browser asks for them as it reads it, before the first view's HTML; their
// media query leaves a phone out (the phone layout's width is PHONE_WIDTH_PX in
// src/components/pane_switch.rs).
const desktop = 'not all and (max-width: 760px)';
// The app's own code (Trunk's preloads of its wasm and their glue) too, on a
// desktop only: on a phone's connection the first view's HTML and stylesheet
// have it to themselves, and the start-up script asks for the code and the
// data once that view is painted (firstPaint, below).
let appPreloads = 0;
html = html.replace(/<link rel="(?:modulepreload|preload)" href="\.\/[^"]+\.(?:js|wasm)"/g, (tag) => {
  appPreloads += 1;
  return `${tag} media="${desktop}"`;
});
if (appPreloads !== 2) {
  console.error(`postbuild: index.html has ${appPreloads} preloads of the app's code, not 2 (its glue and its wasm)`);
  process.exit(1);
}
const preloads = [[leaflet, 'script" crossorigin="anonymous'], [leafletCss, 'style']]
  .map(([href, as]) => `<link rel="preload" href="./${href}" as="${as}" media="${desktop}">`)
  .join('\n    ');
html = html.replace('</head>', `  ${preloads}\n  </head>`);
// The prerendered first view (src/takeover.rs): what the buyer does on it
// before the app runs is kept, by each element's place in the view, and
// done again on the app's own view when it takes over. The view comes in
// both languages, the other one in a template (evl-site): the one the app
// will show is put in the page, as the app chooses it (Lang in
// core/src/i18n.rs: the link's lang=, else the configuration's default, else
// Chinese if the browser's first language is). A link naming another dataset
// (?data=) would show the wrong outlets first: no prerendered view then.
// Framed (?embed=1), its title row is hidden, as the app hides it.
const takeover = `// The prerendered first view, until the app takes it over.
{
  const view = () => document.querySelector('[data-evl-prerendered]');
  const params = new URLSearchParams(location.search);
  const shown = view();
  const other = document.querySelector('template[data-evl-prerendered-other]');
  const asked = ['zh', 'en'].find((l) => l === params.get('lang'));
  const browser = String(navigator.languages?.[0] ?? navigator.language ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
  const wanted = asked ?? (other?.hasAttribute('data-evl-follows-browser') ? browser : shown?.lang.slice(0, 2));
  if (shown && params.has('data')) shown.remove();
  else if (shown && wanted !== shown.lang.slice(0, 2)) {
    document.querySelector('.evl-directory-link')?.remove();
    if (other?.lang.slice(0, 2) === wanted) {
      shown.replaceWith(other.content);
      document.documentElement.lang = other.lang;
    } else shown.remove();
  }
  other?.remove();
  if (params.get('embed') === '1') view()?.querySelector('.evl-header-row')?.setAttribute('hidden', '');
  const place = (el, root) => {
    const p = [];
    for (; el && el !== root; el = el.parentElement) p.unshift([...el.parentElement.children].indexOf(el));
    return p;
  };
  const find = (root, p) => p.reduce((el, i) => el?.children[i], root);
  const clicks = [];
  const keep = (e) => {
    const root = view();
    if (!root || !root.contains(e.target)) return;
    e.preventDefault();
    clicks.push(place(e.target.closest('button, a, input, label, select') ?? e.target, root));
  };
  document.addEventListener('click', keep, true);
  window.__evlTakeover = (app) => {
    document.removeEventListener('click', keep, true);
    const root = view();
    if (!root) return;
    const typed = [...root.querySelectorAll('input[type="search"], input[type="text"]')].filter((i) => i.value);
    const focused = root.contains(document.activeElement) ? place(document.activeElement, root) : null;
    const moved = typed.map((i) => [place(i, root), i.value]);
    root.remove();
    const directory = document.querySelector('.evl-directory-link');
    if (directory) app.after(directory);
    for (const [p, value] of moved) {
      const input = find(app, p);
      if (input) {
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }
    for (const p of clicks) find(app, p)?.click();
    if (focused) find(app, focused)?.focus?.();
  };
}
`;
writeFileSync(indexPath, html);

// The static pages, the prerendered first view and the dataset's packed form,
// by the app's own code run natively (release builds; EVL_SITE=0 skips them).
if (release && process.env.EVL_SITE !== '0') {
  execFileSync('cargo', ['run', '-q', '--locked', '--profile', 'site', '-p', 'evl-site', '--', dir], { stdio: 'inherit' });
  html = readFileSync(indexPath, 'utf8');
}
const dataset = builtDataset();
// On a phone (the layout's width: src/components/pane_switch.rs), a link
// that the prerendered view answers as it is (no place, filter, outlet or
// search in it: the parameters of Query::from_params in core/src/query.rs
// that change the first view) has the app's code and data asked for once
// that view is painted, so that they do not take the connection from its
// stylesheet. A link the app must answer asks for them at once, and a
// desktop preloads the code from the head. A page out of sight paints
// nothing, and a frame out of sight may be slow to: those start at once, or
// within 3 s.
const firstPaint = `// On a phone, the app's code and data once the first view is painted, if that view answers the link.
{
  const params = new URLSearchParams(location.search);
  const answered = !['at', 'kind', 'service', 'outlet', 'open', 'radius', 'q', 'book', 'data'].some((k) => params.has(k));
  if (answered && document.querySelector('[data-evl-prerendered]') && matchMedia('(max-width: 760px)').matches && document.visibilityState !== 'hidden') {
    await new Promise((resolve) => {
      requestAnimationFrame(() => setTimeout(resolve, 0));
      setTimeout(resolve, 3000);
    });
  }
}
`;
// Trunk's start-up imports the glue statically, which fetches it before the
// script runs: imported when the script gets there instead. The glue would
// ask for the wasm only once it has arrived and run (a round trip later on
// a phone, which has no preload): the wasm is asked for beside it, and the
// glue given that request (as wasm-bindgen's own init would make it).
const trunkStart = found[1].trim();
const glueAt = /^import init, \* as bindings from '(\.\/[^']+\.js)';$/m;
const wasmAt = /^const wasm = await init\(\{ module_or_path: '(\.\/[^']+\.wasm)' \}\);$/m;
const wasmPath = trunkStart.match(wasmAt)?.[1];
const start = trunkStart
  .replace(glueAt, `const wasmAsked = fetch('${wasmPath}');\nwasmAsked.catch(() => {});\nconst bindings = await import('$1');\nconst init = bindings.default;`)
  .replace(wasmAt, 'const wasm = await init({ module_or_path: wasmAsked });');
if (!wasmPath || !glueAt.test(trunkStart)) {
  console.error("postbuild: Trunk's start-up script does not import the wasm's glue and load the wasm as expected");
  process.exit(1);
}
const body = takeover + mapLibrary('document.baseURI', true) + workerAddresses('document.baseURI') + register + firstPaint + earlyScript(dataset) + start + '\n';
const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
const boot = `boot-${hash}.js`;
writeFileSync(join(dir, boot), body);
html = html.replace(inline, `<script type="module" src="./${boot}"></script>`);
writeFileSync(indexPath, html);

// The files the loader needs, by their hashed names.
const wasmJs = pick(/import\('\.\/([^']+\.js)'\)/, 'wasm-bindgen module', body);
const wasm = pick(/const wasmAsked = fetch\('\.\/([^']+\.wasm)'\)/, 'wasm file', body);
const styles = [...html.matchAll(/<link rel="stylesheet" href="\.\/([^"]+\.css)"/g)].map((m) => m[1]);

const loader = `// EV store locator: mounts the app into each element marked data-evl-locator.
// <div data-evl-locator data-lang="zh"></div>
// <script type="module" src="https://your.site/locator/locator.js"></script>
// This file keeps its name from build to build (cache it briefly); the files it
// loads are content-hashed (cache them forever).
//
// Each element gets a shadow root (open: the host's scripts may look in)
// holding our stylesheets and the app, so that the host's rules and ours
// never meet. Each element gets its own instance of the app (one compiled
// module, one copy of its memory each), which finds its element in
// window.__evlMount as it starts (src/mount.rs).
const base = new URL('./', import.meta.url);
// The dataset this build's configuration has the app load (src/load.rs, expected_dataset).
(window.__evlEarly ??= {}).dataset ??= ${JSON.stringify(dataset)};
// Under a host's nonce-based Content-Security-Policy, our stylesheets carry this script's nonce.
const nonce = [...document.scripts].find((s) => s.src === import.meta.url)?.nonce ?? '';
const sheets = ${JSON.stringify([leafletCss, ...styles])}.map((f) => new URL(f, base).href);
${mapLibrary('base', false).trim()}
${workerAddresses('base').trim()}
const wasmUrl = new URL(${JSON.stringify(wasm)}, base);
let compiled;
const compile = () => (compiled ??= WebAssembly.compileStreaming(fetch(wasmUrl)).catch(() => fetch(wasmUrl).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b))));
let instance = 0;
let queue = Promise.resolve();

/**
 * Mounts the app into \`host\`, an element the page added after this file ran
 * (a single-page host's view, a dialog): import { mount } from '.../locator.js'.
 * Its data- attributes configure it as for the elements found at load. The
 * promise settles once the app has started.
 */
export function mount(host) {
  const started = queue.then(() => start(host));
  queue = started.catch(() => {});
  return started;
}

async function start(host) {
  if (!(host instanceof HTMLElement)) throw new TypeError('ev-locator: mount() needs an element');
  if (host.shadowRoot) {
    console.warn('ev-locator: this element already has a shadow root (a locator in it already?); nothing mounted');
    return;
  }
  let root;
  try {
    root = host.attachShadow({ mode: 'open' });
  } catch (e) {
    console.error(\`ev-locator: cannot mount into <\${host.localName}> (\${e.message}): use a <div data-evl-locator>\`);
    return;
  }
  instance += 1;
  if (!host.dataset.base) host.dataset.base = base.href;
  const links = sheets.map((href) => Object.assign(document.createElement('link'), { rel: 'stylesheet', href, nonce }));
  const shell = Object.assign(document.createElement('div'), { className: 'evl-shell' });
  root.append(...links, shell);
  // The app is drawn once its styles are in (a failed one is told by the browser).
  await Promise.all(links.map((l) => new Promise((done) => {
    l.onload = l.onerror = done;
  })));
  try {
    const module = await compile();
    const bindings = await import(new URL(${JSON.stringify(wasmJs)}, base).href + (instance > 1 ? \`?instance=\${instance}\` : ''));
    window.__evlMount = { host, root, shell };
    await bindings.default({ module_or_path: module });
  } catch (e) {
    console.error('ev-locator: the app could not start (' + e.message + ')');
  } finally {
    delete window.__evlMount;
  }
}

const hosts = [...document.querySelectorAll('[data-evl-locator]')].filter((h) => !h.shadowRoot);
if (!hosts.length) console.warn('ev-locator: no element with data-evl-locator on this page yet (mount(element) adds one later)');
for (const host of hosts) mount(host);
`;
writeFileSync(join(dir, 'locator.js'), loader);

// The service worker: the app shell (index.html and the content-hashed files
// beside it) and the data the first view loads, in a cache named for this
// build (a hash of index.html and those files), so a new build installs a
// new worker with a fresh copy of all of it.
if (release) {
  // Not the workers: a page with the pack (the usual) never loads the
  // GeoJSON reader, and a buyer who does not search never loads the search;
  // a page that uses one keeps it once used, as it keeps the search data.
  const shell = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile() && /\.(js|wasm|css|svg)$/.test(f) && f !== 'locator.js' && f !== 'sw.js' && !/^evl-(reader|search)-/.test(f));
  const build = createHash('sha256');
  for (const f of ['index.html', ...shell.sort()]) build.update(f).update(readFileSync(join(dir, f)));
  const worker = readFileSync(new URL('./sw.js', import.meta.url), 'utf8')
    .replace('__BUILD__', JSON.stringify(build.digest('hex').slice(0, 16)))
    .replace('__SHELL__', JSON.stringify(['./', ...shell]));
  writeFileSync(join(dir, 'sw.js'), worker);
}
// The web team's studio (studio/), a page of its own in studio/ (not in the
// offline copy: sw.js leaves it to the network).
buildStudio(dir, release);
console.log(`postbuild: ${boot} (start-up, out of index.html), locator.js (host pages)${release ? ', sw.js (offline copy)' : ''} and studio/ written`);
