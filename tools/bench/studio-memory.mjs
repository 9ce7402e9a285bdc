// The studio's memory as its preview is mounted again and again (each
// setting changed mounts the buyer's locator anew): the resident memory of
// all of Chromium's processes for the page, after the first mount and after
// every third one, with a sheet of `--rows` rows (default 10,000). Prints
// figures, passes or fails on nothing. Needs a release build in dist/ and
// the end-to-end tests' packed sample (target/e2e/outlets.evlpack):
//   node tools/bench/studio-memory.mjs [--rows 10000] [--mounts 12]
import { readFileSync } from 'node:fs';
import { startServer, startBrowser, bigSheet } from '../../tests/e2e/harness.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const rows = arg('rows', 10000);
const mounts = arg('mounts', 12);

const server = await startServer();
const browser = await startBrowser();
const cdp = await browser.newBrowserCDPSession();
/** Resident memory of the browser's processes, in MiB (Linux /proc). */
async function residentMib() {
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  let kib = 0;
  for (const { id } of processInfo) {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))[1]);
    } catch {
      // (A process that ended meanwhile.)
    }
  }
  return kib / 1024;
}

const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, serviceWorkers: 'block' });
const page = await context.newPage();
const pageCdp = await context.newCDPSession(page);
await page.goto(`${server.base}/previews/42/studio/`);
await page.waitForSelector('#studio-file', { state: 'attached' });
await page.setInputFiles('#studio-file', { name: 'sheet.csv', mimeType: 'text/csv', buffer: bigSheet(rows) });
await page.waitForSelector('.studio-columns');
await page.click('#studio-go-configure');
await page.fill('#studio-brand-zh', '青云汽车');
await page.press('#studio-brand-zh', 'Tab');

/** The preview's app once it shows brand colour `colour` (its frame, or an older build's in-page host). */
const shown = (colour) =>
  page.waitForFunction(
    (c) => {
      const doc = document.querySelector('.studio-preview-frame')?.contentDocument ?? document;
      const app = doc.querySelector('.studio-preview-host')?.shadowRoot?.querySelector('.evl-app');
      return app?.querySelector('.evl-list') && getComputedStyle(app).getPropertyValue('--evl-brand').trim().toLowerCase() === c;
    },
    colour,
    { timeout: 60000 },
  );
const lines = [];
for (let i = 0; i < mounts; i++) {
  const colour = `#0a7d${(16 + i).toString(16).padStart(2, '0')}`;
  await page.fill('#studio-set-theme-brand_color', colour);
  await page.press('#studio-set-theme-brand_color', 'Tab');
  await shown(colour);
  await pageCdp.send('HeapProfiler.collectGarbage');
  await page.waitForTimeout(300);
  if (i === 0 || i % 3 === 2) lines.push(`  after ${i + 1} mounts: ${(await residentMib()).toFixed(0)} MiB`);
}
console.log(`studio, ${rows.toLocaleString('en-US')} rows, Chromium's resident memory as the preview is mounted again:\n${lines.join('\n')}`);
await browser.close();
server.close?.();
process.exit(0);
