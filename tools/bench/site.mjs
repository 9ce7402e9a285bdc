// The static site's benchmark (scripts/bench): prints figures, judges nothing.
//
// 1. Generation: evl-site (release profile "site") on the sample, 10,000 and
//    100,000 outlets (target/bench/outlets-N.evlpack): time, pages, maps,
//    MB raw and brotli (brotli measured on every k-th file, k chosen so about
//    2,000 files are compressed, and scaled to the whole).
// 2. First view: from navigation to the first contentful paint and to the
//    first list row on screen, with the prerendered first view and without
//    it (the same build, index.html's prerendered part taken out), alternating
//    runs, median; also when the app's own rows replace them. Sample and
//    10,000 outlets (a build whose configuration names that dataset).
//
// node tools/bench/site.mjs [--runs 7] [--sizes sample,10000,100000]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';

const ROOT = new URL('../..', import.meta.url).pathname;
const DIST = join(ROOT, 'dist');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('--runs', 7));
const SIZES = arg('--sizes', 'sample,10000,100000').split(',');
const WORK = join(ROOT, 'target/bench/site');
const SITE = join(ROOT, 'target/site/evl-site');
if (!existsSync(SITE)) execFileSync('cargo', ['build', '-q', '--locked', '--profile', 'site', '-p', 'evl-site'], { stdio: 'inherit', cwd: ROOT });

const datasetOf = (size) => (size === 'sample' ? join(ROOT, 'public/data/outlets.geojson') : join(ROOT, `target/bench/outlets-${size}.evlpack`));

/** A copy of dist/ whose configuration names the dataset of `size`, without the static pages. */
function variant(size) {
  const dir = join(WORK, size);
  rmSync(dir, { recursive: true, force: true });
  cpSync(DIST, dir, { recursive: true, filter: (src) => !/\/(en|outlets)$/.test(src) });
  if (size !== 'sample') {
    cpSync(datasetOf(size), join(dir, 'data/outlets.evlpack'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ dataset: 'data/outlets.evlpack' }));
  }
  return dir;
}

function files(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else out.push(p);
  }
  return out;
}

const mb = (n) => (n / 1e6).toFixed(1);
const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

console.log('== static site: generation (evl-site, native, profile "site")');
console.log(`${'outlets'.padEnd(10)} ${'seconds'.padStart(8)} ${'pages'.padStart(8)} ${'maps'.padStart(6)} ${'files'.padStart(8)} ${'MB raw'.padStart(8)} ${'MB brotli'.padStart(10)}`);
const dirs = {};
for (const size of SIZES) {
  const dir = variant(size);
  dirs[size] = dir;
  const started = process.hrtime.bigint();
  const out = execFileSync(SITE, [dir], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const [, pages, maps] = out.match(/(\d+) pages and (\d+) maps/);
  const written = files(dir).filter((f) => /\/(en\/)?outlets\/|sitemap\.xml$|robots\.txt$/.test(f.slice(dir.length)));
  const raw = written.reduce((t, f) => t + statSync(f).size, 0);
  const k = Math.max(1, Math.floor(written.length / 2000));
  let sampledRaw = 0;
  let sampledBrotli = 0;
  for (let i = 0; i < written.length; i += k) {
    const body = readFileSync(written[i]);
    sampledRaw += body.length;
    sampledBrotli += brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }).length;
  }
  const brotli = (raw * sampledBrotli) / sampledRaw;
  console.log(`${size.padEnd(10)} ${seconds.toFixed(2).padStart(8)} ${pages.padStart(8)} ${maps.padStart(6)} ${String(written.length).padStart(8)} ${mb(raw).padStart(8)} ${mb(brotli).padStart(10)}`);
  // The pages are big; only the first view's index.html is needed below.
  rmSync(join(dir, 'outlets'), { recursive: true, force: true });
  rmSync(join(dir, 'en'), { recursive: true, force: true });
}

console.log('\n== first view: navigation → first contentful paint, → first list row painted, → the app\'s own rows');
console.log(`   (desktop 1280×800, default view, ${RUNS} alternating runs, median ms; "app only" is the same build without the prerendered view)`);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.geojson': 'application/geo+json', '.svg': 'image/svg+xml' };
const serve = (dir) =>
  new Promise((ok) => {
    const s = createServer((req, res) => {
      let p = decodeURIComponent(new URL(req.url, 'http://x').pathname).slice(1) || 'index.html';
      if (p.endsWith('/')) p += 'index.html';
      const f = join(dir, p);
      if (!existsSync(f) || statSync(f).isDirectory()) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': TYPES[extname(f)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(readFileSync(f));
    });
    s.listen(0, '127.0.0.1', () => ok(s));
  });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
for (const size of SIZES.filter((s) => s !== '100000')) {
  const pre = dirs[size];
  const bare = `${pre}-app-only`;
  rmSync(bare, { recursive: true, force: true });
  cpSync(pre, bare, { recursive: true });
  const html = readFileSync(join(pre, 'index.html'), 'utf8');
  writeFileSync(join(bare, 'index.html'), html.replace(/(<body[^>]*>)[\s\S]*<!--evl-prerendered-end-->/, '$1'));
  const servers = await Promise.all([pre, bare].map(serve));
  const times = [[], []].map(() => ({ fcp: [], row: [], app: [] }));
  for (let run = 0; run < RUNS; run++) {
    for (let k = 0; k < 2; k++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block', locale: 'zh-CN' });
      await context.addInitScript(() => {
        const t = (window.__t = {});
        const painted = (key) => requestAnimationFrame(() => setTimeout(() => (t[key] ??= performance.now())));
        new PerformanceObserver((l) => l.getEntries().forEach((e) => e.name === 'first-contentful-paint' && (t.fcp = e.startTime))).observe({ type: 'paint', buffered: true });
        const look = () => {
          if (!t.rowSeen && document.querySelector('.evl-list > [data-outlet-id]')) (t.rowSeen = 1), painted('row');
          if (!t.appSeen && document.querySelector('.evl-app:not([data-evl-prerendered]):not(.is-waiting) .evl-list > [data-outlet-id]')) (t.appSeen = 1), painted('app');
        };
        new MutationObserver(look).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
        document.addEventListener('DOMContentLoaded', look);
      });
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${servers[k].address().port}/`);
      await page.waitForFunction(() => window.__t.app && window.__t.row && window.__t.fcp, null, { timeout: 120000 });
      const t = await page.evaluate(() => window.__t);
      times[k].fcp.push(t.fcp);
      times[k].row.push(t.row);
      times[k].app.push(t.app);
      await context.close();
    }
  }
  for (const [k, name] of [[0, 'prerendered'], [1, 'app only']]) {
    const m = times[k];
    console.log(`${(size + ' ' + name).padEnd(24)} first paint ${median(m.fcp).toFixed(0).padStart(5)}   first row ${median(m.row).toFixed(0).padStart(5)}   app's rows ${median(m.app).toFixed(0).padStart(5)}`);
  }
  servers.forEach((s) => s.close());
}
await browser.close();
