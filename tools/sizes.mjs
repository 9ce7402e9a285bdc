// Prints the transfer sizes of a release build (dist/): each file the first
// view loads, raw, gzip -9 and brotli -11, and their total. With --check,
// exits 1 when the wasm or the first view is over size-budget.json.
//   node tools/sizes.mjs [dist] [--check]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const args = process.argv.slice(2);
const check = args.includes('--check');
const dist = args.find((a) => !a.startsWith('--')) ?? 'dist';
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue; // Trunk's staging folder
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(path);
  }
})(dist);

// The first view loads everything but the JSON Schema (an editor's aid),
// the search data and its worker (search/), which load when the search box
// is first used, and the
// service worker, which the page registers once it has loaded. The map's
// files (Leaflet, the base map) load when the map is first on screen: at
// once on a desktop, when the buyer switches to it on a phone, whose first
// view is the list alone.
const later = (f) => /(places|pinyin)\.json$|(^|\/)evl-search-[^/]+\.(js|wasm)$/.test(f);
// Of the outlet files, the one the build's configuration has the app load:
// the pack the build made of the GeoJSON (AppConfig::dataset_to_load in
// core/src/config.rs), else the GeoJSON. The other stays for the static
// pages and the web team, and no buyer's page loads it.
const loadedDataset = (() => {
  let config = {};
  try {
    config = JSON.parse(readFileSync(join(dist, 'config.json'), 'utf8'));
  } catch {
    // The defaults.
  }
  const named = typeof config.dataset === 'string' ? config.dataset.trim() : 'data/outlets.geojson';
  return config.packed?.source === named ? config.packed.pack : named;
})();
const notLoaded = (f) => /^data\/.*\.(geojson|evlpack)$/.test(relative(dist, f)) && !/basemap\.geojson$/.test(f) && relative(dist, f) !== loadedDataset;
// The GeoJSON reader's worker (reader/) loads only when the dataset loaded
// is not named as a pack (named_as_pack in core/src/pack.rs).
const readsGeojson = !/\.(evlpack|pack)$/.test(loadedDataset.split(/[?#]/)[0]);
const readerFile = (f) => /(^|\/)evl-reader-[^/]+\.(js|wasm)$/.test(f);
const unused = files.filter((f) => readerFile(f) && !readsGeojson);
const afterLoad = (f) => /(^|\/)sw\.js$/.test(f);
const withMap = (f) => /(^|\/)leaflet-[^/]+\.(js|css)$|(^|\/)basemap\.geojson$/.test(f);
// The static pages (evl-site: the directory, sitemap, robots.txt) are pages of their own.
const staticPage = (f) => /^(en\/)?outlets\/|^(sitemap\.xml|robots\.txt)$/.test(relative(dist, f));
const pages = files.filter(staticPage);
// The web team's studio (studio/) is a page of its own, which no buyer loads.
const studioFile = (f) => relative(dist, f).startsWith('studio/');
const studio = files.filter(studioFile);
const unloaded = files.filter(notLoaded);
files.splice(0, files.length, ...files.filter((f) => !staticPage(f) && !studioFile(f) && !notLoaded(f) && !unused.includes(f)));
const firstView = files.filter((f) => !f.endsWith('.schema.json') && !later(f) && !afterLoad(f)).sort();
const onSearch = files.filter(later).sort();
const kb = (n) => (n / 1024).toFixed(1).padStart(8);
const measure = (f) => {
  const body = readFileSync(f);
  return {
    file: relative(dist, f),
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
const rows = firstView.map(measure);
const sum = (list) => list.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const total = sum(rows);
console.log(`${'file'.padEnd(44)} ${'raw KiB'.padStart(8)} ${'gzip'.padStart(8)} ${'brotli'.padStart(8)}`);
for (const r of rows) console.log(`${r.file.padEnd(44)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
console.log(`${'total (first view, desktop)'.padEnd(44)} ${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)}`);
const phone = sum(rows.filter((r) => !withMap(r.file)));
console.log(`${'total (first view, phone: the list alone)'.padEnd(44)} ${kb(phone.raw)} ${kb(phone.gzip)} ${kb(phone.brotli)}`);
for (const r of onSearch.map(measure)) {
  console.log(`${(r.file + ' (on first search)').padEnd(44)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
}
for (const r of files.filter(afterLoad).map(measure)) {
  console.log(`${(r.file + ' (after load)').padEnd(44)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
}
for (const r of unused.map(measure)) {
  console.log(`${(r.file + ' (for GeoJSON, not loaded)').padEnd(44)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
}
for (const r of unloaded.map(measure)) {
  console.log(`${(r.file + ' (not loaded: ' + loadedDataset + ' is)').padEnd(44)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
}
if (pages.length) {
  const raw = pages.reduce((t, f) => t + statSync(f).size, 0);
  console.log(`static pages (outlets/, en/outlets/, sitemap, robots): ${pages.length} files, ${(raw / 1e6).toFixed(1)} MB raw`);
}

if (studio.length) {
  const t = studio.map(measure).reduce((a, r) => a + r.brotli, 0);
  console.log(`studio/ (the web team's page, no buyer's): ${studio.length} files, ${(t / 1024).toFixed(1)} KiB brotli`);
}

if (check) {
  const budgetFile = new URL('../size-budget.json', import.meta.url);
  const budget = JSON.parse(readFileSync(budgetFile, 'utf8'));
  const wasm = rows.filter((r) => r.file.endsWith('.wasm') && !readerFile(r.file)).reduce((t, r) => t + r.brotli, 0) / 1024;
  const view = total.brotli / 1024;
  const phoneView = phone.brotli / 1024;
  const over = [];
  if (wasm > budget.wasm_brotli_kib) over.push(`the wasm is ${wasm.toFixed(1)} KiB brotli, over its budget of ${budget.wasm_brotli_kib} KiB`);
  if (view > budget.first_view_brotli_kib) over.push(`the first view is ${view.toFixed(1)} KiB brotli, over its budget of ${budget.first_view_brotli_kib} KiB`);
  if (phoneView > budget.phone_first_view_brotli_kib) {
    over.push(`a phone's first view is ${phoneView.toFixed(1)} KiB brotli, over its budget of ${budget.phone_first_view_brotli_kib} KiB`);
  }
  if (over.length) {
    console.error(`size check failed: ${over.join('; ')} (size-budget.json)`);
    process.exit(1);
  }
  console.log(`size check: wasm ${wasm.toFixed(1)} of ${budget.wasm_brotli_kib} KiB, first view ${view.toFixed(1)} of ${budget.first_view_brotli_kib} KiB, a phone's ${phoneView.toFixed(1)} of ${budget.phone_first_view_brotli_kib} KiB (brotli, size-budget.json)`);
}
