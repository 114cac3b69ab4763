// Lost-vectorisation check (STYLE.md habit 10): the SIMD build's hot kernels must still contain
// WebAssembly SIMD instructions, and the scalar build must contain none. A refactor that makes
// asc drop the `if (ASC_FEATURE_SIMD)` path, or turns a v128 loop into scalar code, fails here
// instead of showing up only as a slower benchmark.
//
// The binaries are disassembled with binaryen (the `binaryen` package that assemblyscript
// depends on; the same code as node_modules/.bin/wasm-dis). The builds carry no name section,
// so an export is followed to its function index (`(export "flipH" (func $12))`) and the check
// covers that function plus every function it calls, directly or not (asc may or may not
// inline a helper such as transpose16x16 or the warp's per-channel interior loops).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadModule, reachableText } from './ref/wasm-text.js';
import { init, simdSupported } from '../dist/index.js';
import { getEngine } from '../dist/engine.js';

// any SIMD instruction or v128 type: v128.load, i8x16.swizzle, i32x4.dot_i16x8_s, (local $x v128) ...
const SIMD_TOKEN = /\b(v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\b/;

/** The distinct SIMD instructions in a text, sorted (for messages). */
function simdOps(text) {
  return [...new Set(text.match(/\b(?:v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\.[a-z0-9_]+/g) ?? [])].sort();
}

let simdMod, scalarText;
test.before(() => {
  simdMod = loadModule('pixaug.simd.wasm');
  scalarText = loadModule('pixaug.wasm').text;
});

test('SIMD build: flipH is vectorised (v128.load/store + a byte shuffle)', () => {
  const t = reachableText(simdMod, 'flipH');
  assert.ok(t, 'flipH is exported');
  const ops = simdOps(t);
  for (const op of ['v128.load', 'v128.store']) assert.ok(ops.includes(op), `flipH lost ${op}; has ${ops.join(' ') || 'no SIMD at all'}`);
  assert.ok(ops.includes('i8x16.swizzle') || ops.includes('i8x16.shuffle'),
    `flipH has no i8x16.swizzle / i8x16.shuffle; has ${ops.join(' ') || 'no SIMD at all'}`);
});

test('SIMD build: transpose is vectorised (v128.load/store + i8x16.shuffle)', () => {
  const t = reachableText(simdMod, 'transpose');
  assert.ok(t, 'transpose is exported');
  const ops = simdOps(t);
  for (const op of ['v128.load', 'v128.store', 'i8x16.shuffle']) {
    assert.ok(ops.includes(op), `transpose lost ${op}; has ${ops.join(' ') || 'no SIMD at all'}`);
  }
});

// The warp kernels arrived with branch `warp`; the checks skip (with a note) on a build
// without them, so this file also works on branches that predate the warp.
test('SIMD build: warpAffineU8 is vectorised (v128 loads + i32x4.dot_i16x8_s on int16 weights)', () => {
  const t = reachableText(simdMod, 'warpAffineU8');
  if (!t) {
    console.log('  note: warpAffineU8 is not exported by build/pixaug.simd.wasm; its SIMD check is skipped');
    return;
  }
  const ops = simdOps(t);
  assert.ok(ops.some((op) => op.startsWith('v128.load')), `warpAffineU8 has no v128 load; has ${ops.join(' ') || 'no SIMD at all'}`);
  // DESIGN.md: uint8 warps use fixed-point int16 weights with i32x4.dot_i16x8_s
  assert.ok(ops.includes('i32x4.dot_i16x8_s'), `warpAffineU8 lost i32x4.dot_i16x8_s; has ${ops.join(' ') || 'no SIMD at all'}`);
});

test('SIMD build: warpAffineF32 is vectorised (f32x4 arithmetic)', () => {
  const t = reachableText(simdMod, 'warpAffineF32');
  if (!t) {
    console.log('  note: warpAffineF32 is not exported by build/pixaug.simd.wasm; its SIMD check is skipped');
    return;
  }
  const ops = simdOps(t);
  for (const op of ['f32x4.mul', 'f32x4.add']) {
    assert.ok(ops.includes(op), `warpAffineF32 lost ${op}; has ${ops.join(' ') || 'no SIMD at all'}`);
  }
});

test('scalar build: no v128 type or SIMD instruction anywhere', () => {
  const m = scalarText.match(SIMD_TOKEN);
  if (m) {
    const line = scalarText.slice(scalarText.lastIndexOf('\n', m.index) + 1, scalarText.indexOf('\n', m.index));
    assert.unreachable(`build/pixaug.wasm contains SIMD: ${line.trim()}`);
  }
  assert.ok(/\(export "flipH"/.test(scalarText), 'the scalar text was really disassembled');
});

test('init() picks the SIMD build on this Node; init({ simd: false }) the scalar one', async () => {
  assert.is(simdSupported(), true, 'Node >= 20 validates WebAssembly SIMD');
  const a = await init();
  assert.equal(a, { simd: true });
  assert.is(getEngine().simd, true);
  assert.is(getEngine().k.simdBuild(), 1);
  const b = await init({ simd: false });
  assert.equal(b, { simd: false });
  assert.is(getEngine().simd, false);
  assert.is(getEngine().k.simdBuild(), 0);
  const c = await init({ simd: true });
  assert.equal(c, { simd: true });
  assert.is(getEngine().k.simdBuild(), 1);
});

test.run();
