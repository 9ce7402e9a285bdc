// Trunk pre-build hook (Trunk.toml): the stylesheets index.html links, with
// every `rem` length made relative to the locator's own base size.
//
// `rem` is the root font size of the document. Inside a host page's element
// (the in-page mount, a shadow root: see postbuild.mjs, locator.js) that is
// the host's root: a host with `html { font-size: 62.5% }` would shrink every
// text and gap of the app to 62.5%. So each `<n>rem` becomes
// `calc(<n> * var(--evl-rem, 1rem))`: on the app's own page --evl-rem is unset
// and the lengths stay the buyer's rem (their browser's text size), while the
// shadow root sets it from the host element (`--evl-font-size`, 16px unless
// the host says otherwise). The stylesheets keep being written in rem.
//
// Writes target/style/{main,leaflet}.css from style/main.css and Leaflet's
// stylesheet; index.html links those. `node tools/build/prebuild.mjs` runs it
// by hand.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'target', 'style');
mkdirSync(out, { recursive: true });

/** `css` with each `<number>rem` length (not inside a name) as a calc() of --evl-rem. */
export function relativeRem(css) {
  return css.replace(/(?<![\w.#-])(\d*\.?\d+)rem\b/g, 'calc($1 * var(--evl-rem, 1rem))');
}

const sources = {
  'main.css': join(root, 'style', 'main.css'),
  'leaflet.css': join(root, 'node_modules', 'leaflet', 'dist', 'leaflet.css'),
};
for (const [name, file] of Object.entries(sources)) {
  const css = readFileSync(file, 'utf8');
  const note = `/* Built from ${file.slice(root.length + 1)} by tools/build/prebuild.mjs: rem lengths follow --evl-rem. */\n`;
  writeFileSync(join(out, name), note + relativeRem(css));
}
console.log('prebuild: target/style/main.css and leaflet.css written');
