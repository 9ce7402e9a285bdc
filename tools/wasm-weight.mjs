// Where a wasm module's code goes: its function bodies' bytes by crate, and
// the largest functions, read from the module's name section. The release
// build strips that section; build with names kept to measure (README,
// "Sizes"):
//
//   node tools/wasm-weight.mjs FILE.wasm [--top 30] [--crate NAME]
//
// A function's crate is the first path segment of its name, or of the type
// an impl is for (`<tachys::html::… as …>` counts for tachys); generic code
// counts for the crate that defines it, not the one that instantiates it.
// The bytes are uncompressed: brotli shrinks the code about 3.3×, not
// evenly, so read the shares, not the sum.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Why a file cannot be measured. */
export class WeightError extends Error {}

/**
 * The module's functions with a body: `{ name, bytes }` each (`bytes`: the
 * body's size in the code section), and the data section's size in bytes.
 */
export function functionsOf(buf) {
  if (buf.length < 8 || buf.readUInt32BE(0) !== 0x0061736d) throw new WeightError('not a wasm module (no \\0asm header)');
  let p = 8;
  const leb = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      if (p >= buf.length) throw new WeightError(`the module ends inside a number at byte ${p}`);
      byte = buf[p++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  const name = () => {
    const n = leb();
    const text = buf.toString('utf8', p, p + n);
    p += n;
    return text;
  };
  const limits = () => {
    const flags = buf[p++];
    leb();
    if (flags & 1) leb();
  };
  let imported = 0;
  const bodies = [];
  let dataBytes = 0;
  const names = new Map();
  while (p < buf.length) {
    const id = buf[p++];
    const size = leb();
    const end = p + size;
    if (end > buf.length) throw new WeightError(`section ${id} at byte ${p} runs past the end of the file`);
    if (id === 2) {
      for (let i = leb(); i > 0; i--) {
        name();
        name();
        const kind = buf[p++];
        if (kind === 0) {
          leb();
          imported++;
        } else if (kind === 1) {
          p++;
          limits();
        } else if (kind === 2) limits();
        else if (kind === 3) p += 2;
        else leb();
      }
    } else if (id === 10) {
      for (let i = leb(); i > 0; i--) {
        const bytes = leb();
        bodies.push(bytes);
        p += bytes;
      }
    } else if (id === 11) dataBytes = size;
    else if (id === 0 && name() === 'name') {
      while (p < end) {
        const sub = buf[p++];
        const subEnd = leb() + p;
        if (sub === 1) {
          for (let i = leb(); i > 0; i--) {
            const index = leb();
            names.set(index, name());
          }
        }
        p = subEnd;
      }
    }
    p = end;
  }
  if (bodies.length && !names.size) {
    throw new WeightError('the module has no function names (a release build strips them): build with data-keep-debug="true" and data-wasm-opt="0" on its link in index.html');
  }
  return {
    functions: bodies.map((bytes, i) => ({ name: names.get(imported + i) ?? `function ${imported + i}`, bytes })),
    dataBytes,
  };
}

/**
 * The crate a function's (demangled) name belongs to, or `?`: the path's
 * first segment; for an impl on a type parameter or a primitive
 * (`<F as tachys::…>`, `<str as core::…>`), the trait's crate; a
 * primitive's own methods (`<char>::…`) are core's.
 */
export function crateOf(name) {
  const path = name.replace(/^(?:[<&(*\s]|dyn |impl |mut |const )+/, '');
  const crate = '([a-z_][a-z0-9_]*)(?:\\[[0-9a-f]+\\])?::';
  const parameter = path.match(new RegExp(`^(?:[A-Z][A-Za-z0-9_]*|str|char|bool|[iuf](?:8|16|32|64|128|size))(?:>| as ${crate})`));
  if (parameter) return parameter[1] ?? 'core';
  return path.match(new RegExp(`^${crate}`))?.[1] ?? '?';
}

/** Bytes per crate, largest first: `[crate, bytes, functions]`. */
export function byCrate(functions) {
  const crates = new Map();
  for (const { name, bytes } of functions) {
    const crate = crateOf(name);
    const [sum, count] = crates.get(crate) ?? [0, 0];
    crates.set(crate, [sum + bytes, count + 1]);
  }
  return [...crates].map(([crate, [bytes, count]]) => [crate, bytes, count]).sort((a, b) => b[1] - a[1]);
}

function main(argv) {
  const option = (flag, fallback) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv.splice(i, 2)[1] : fallback;
  };
  const top = Number(option('--top', '30'));
  const crate = option('--crate', null);
  const [file] = argv;
  if (!file) throw new WeightError('usage: node tools/wasm-weight.mjs FILE.wasm [--top 30] [--crate NAME]');
  let buf;
  try {
    buf = readFileSync(file);
  } catch (e) {
    throw new WeightError(`${file}: ${e.message}`);
  }
  const { functions, dataBytes } = functionsOf(buf);
  const code = functions.reduce((sum, f) => sum + f.bytes, 0);
  const kib = (bytes) => (bytes / 1024).toFixed(1).padStart(8);
  const share = (bytes) => `${((100 * bytes) / code).toFixed(1).padStart(5)}%`;
  console.log(`${file}: code ${kib(code).trim()} KiB in ${functions.length} functions, data ${kib(dataBytes).trim()} KiB (uncompressed)`);
  const shown = crate ? functions.filter((f) => crateOf(f.name) === crate) : functions;
  if (!crate) {
    console.log('\nKiB      share  functions  crate');
    for (const [name, bytes, count] of byCrate(functions).slice(0, top)) {
      console.log(`${kib(bytes)} ${share(bytes)} ${String(count).padStart(10)}  ${name}`);
    }
  }
  console.log(`\nKiB      share  largest functions${crate ? ` of ${crate}` : ''}`);
  for (const { name, bytes } of [...shown].sort((a, b) => b.bytes - a.bytes).slice(0, top)) {
    console.log(`${kib(bytes)} ${share(bytes)}  ${name.length > 140 ? `${name.slice(0, 137)}...` : name}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof WeightError)) throw e;
    console.error(`wasm-weight: ${e.message}`);
    process.exit(1);
  }
}
