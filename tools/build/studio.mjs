// Builds the web team's studio (studio/) into <dir>/studio: its own Trunk
// build, its start-up script moved out of its page as for the app (strict
// CSP). Run by postbuild.mjs; `node tools/build/studio.mjs DIR [--release]`
// by hand.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Both builds share Trunk's wasm-bindgen folder (target/wasm-bindgen/), so
 * the app's build may take the studio's snippet of an earlier run for its
 * own (copy it, and preload it from index.html): it is the studio's, not the
 * buyer's page's. postbuild.mjs calls this first, before it reads
 * index.html; buildStudio takes the snippet out of that folder once the
 * studio is built, so the next build of the app is clean anyway.
 */
export function dropStudioSnippets(dir) {
  const snippets = join(dir, 'snippets');
  if (existsSync(snippets)) {
    for (const name of readdirSync(snippets)) if (name.startsWith('evl-studio-')) rmSync(join(snippets, name), { recursive: true });
    if (!readdirSync(snippets).length) rmSync(snippets, { recursive: true });
  }
  const index = join(dir, 'index.html');
  if (existsSync(index)) {
    const page = readFileSync(index, 'utf8');
    const cleaned = page.replace(/<link rel="modulepreload" href="\.\/snippets\/evl-studio-[^"]*"[^>]*>/g, '');
    if (cleaned !== page) writeFileSync(index, cleaned);
  }
}

export function buildStudio(dir, release) {
  const out = join(root, 'target/studio-dist');
  // The outer Trunk's settings (TRUNK_STAGING_DIR, TRUNK_PROFILE...) must not
  // steer this build.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TRUNK_')));
  const args = ['build', '--config', join(root, 'studio/Trunk.toml'), '--offline'];
  if (release) args.push('--release');
  execFileSync('trunk', args, { cwd: join(root, 'studio'), env, stdio: ['ignore', 'ignore', 'inherit'] });
  const page = join(out, 'index.html');
  let html = readFileSync(page, 'utf8');
  const inline = /<script type="module">([\s\S]*?)<\/script>/;
  const found = html.match(inline);
  if (found) {
    writeFileSync(join(out, 'boot-studio.js'), found[1].trim() + '\n');
    html = html.replace(inline, '<script type="module" src="./boot-studio.js"></script>');
    writeFileSync(page, html);
  }
  const bindgen = join(root, 'target/wasm-bindgen');
  for (const profile of existsSync(bindgen) ? readdirSync(bindgen) : []) {
    const folder = join(bindgen, profile, 'snippets');
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)) if (name.startsWith('evl-studio-')) rmSync(join(folder, name), { recursive: true });
  }
  const target = join(dir, 'studio');
  if (existsSync(target)) rmSync(target, { recursive: true });
  cpSync(out, target, { recursive: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('studio: give the built directory (dist)');
    process.exit(2);
  }
  buildStudio(dir, process.argv.includes('--release'));
  console.log(`studio: ${join(dir, 'studio')} written`);
}
