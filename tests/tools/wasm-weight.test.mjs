// tools/wasm-weight.mjs on modules written here byte by byte, and on the
// release build's own wasm (which has no names, and must say so).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { functionsOf, crateOf, byCrate, WeightError } from '../../tools/wasm-weight.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const bytes = (text) => [...Buffer.from(text)];
const named = (text) => [text.length, ...bytes(text)];
const section = (id, body) => [id, body.length, ...body];

/** A module importing one function and defining two, named when `names`. */
function module(names) {
  const parts = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 0, 0]),
    ...section(2, [1, ...named('env'), ...named('f'), 0x00, 0]),
    ...section(3, [2, 0, 0]),
    // Bodies of 2 and 5 bytes: no locals, then `end`, or three nops and `end`.
    ...section(10, [2, 2, 0, 0x0b, 5, 0, 0x01, 0x01, 0x01, 0x0b]),
    ...section(11, [0]),
  ];
  if (names) {
    const functionNames = [2, 1, ...named(names[0]), 2, ...named(names[1])];
    parts.push(...section(0, [...named('name'), 1, functionNames.length, ...functionNames]));
  }
  return Buffer.from(parts);
}

test('each body is counted under its own name, past the imported function', () => {
  const { functions, dataBytes } = functionsOf(module(['locator_core::rank::nearest::h0123456789abcdef', '<F as tachys::view::Render>::build']));
  assert.deepEqual(functions, [
    { name: 'locator_core::rank::nearest::h0123456789abcdef', bytes: 2 },
    { name: '<F as tachys::view::Render>::build', bytes: 5 },
  ]);
  assert.equal(dataBytes, 1);
  assert.deepEqual(byCrate(functions), [['tachys', 5, 1], ['locator_core', 2, 1]]);
});

test('crates are read from paths, impls and primitives', () => {
  assert.equal(crateOf('reactive_graph::graph::subscriber::untrack::h1'), 'reactive_graph');
  assert.equal(crateOf('core[c5930c85a12de822]::fmt::float::float_to_decimal_common_exact::<f64>'), 'core');
  assert.equal(crateOf('<&mut serde_json::de::Deserializer<R> as serde_core::de::Deserializer>::deserialize_seq'), 'serde_json');
  assert.equal(crateOf('<T as reactive_graph::traits::Read>::try_read::h2'), 'reactive_graph');
  assert.equal(crateOf('<str as core[c5930c85a12de822]::fmt::Debug>::fmt'), 'core');
  assert.equal(crateOf('<char>::escape_debug_ext'), 'core');
  assert.equal(crateOf('main'), '?');
});

test('a module without names, or not a module, is refused with the reason', () => {
  assert.throws(() => functionsOf(module(null)), (e) => e instanceof WeightError && /no function names.*data-keep-debug/.test(e.message));
  assert.throws(() => functionsOf(Buffer.from('<!doctype html>')), (e) => e instanceof WeightError && /not a wasm module/.test(e.message));
  const cut = module(['a::b', 'c::d']).subarray(0, 33);
  assert.throws(() => functionsOf(cut), (e) => e instanceof WeightError && /runs past the end/.test(e.message));
});

test("the release build's wasm has no names, and the command says how to build one that has", () => {
  const wasm = readdirSync(join(ROOT, 'dist')).find((f) => /^ev-locator-.*_bg\.wasm$/.test(f));
  assert.ok(wasm, 'dist/ holds the app wasm (run the release build first)');
  let failed;
  try {
    execFileSync('node', [join(ROOT, 'tools/wasm-weight.mjs'), join(ROOT, 'dist', wasm)], { stdio: 'pipe' });
  } catch (e) {
    failed = e;
  }
  assert.equal(failed?.status, 1);
  assert.match(String(failed.stderr), /^wasm-weight: the module has no function names/);
});
