// Engine: build selection, memory stability over many operations, errors before init.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { init, flip, rot90, pad, crop, simdSupported } from '../dist/index.js';
import { getEngine } from '../dist/engine.js';
import { kernels, allocate, view, free } from '../dist/kernels.js';
import { randomImage, assertSameImage } from './helpers.js';
import { flipRef } from './ref/geometry.js';

test('init picks SIMD where it validates (Node 20 does) and simd:false forces the scalar build', async () => {
  assert.ok(simdSupported());
  assert.equal(await init(), { simd: true });
  assert.is(getEngine().k.simdBuild(), 1);
  assert.equal(await init({ simd: false }), { simd: false });
  assert.is(getEngine().k.simdBuild(), 0);
  assert.equal(await init({ simd: true }), { simd: true });
  assert.is(getEngine().k.simdBuild(), 1);
});

test('init rejects a non-boolean simd option', async () => {
  try {
    await init({ simd: 'yes' });
    assert.unreachable('should throw');
  } catch (e) {
    assert.is(e.code, 'INVALID_PARAMETER');
    assert.ok(e.message.includes('simd'));
  }
});

test('operations before init fail with NOT_INITIALIZED (fresh process)', () => {
  const url = new URL('../dist/index.js', import.meta.url).href;
  const script = `import(${JSON.stringify(url)}).then((m) => {
    try { m.flip({ width: 1, height: 1, channels: 1, data: new Uint8Array(1) }); console.log('no error'); }
    catch (e) { console.log(e.name + ':' + e.code); }
  });`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim();
  assert.is(out, 'PixaugError:NOT_INITIALIZED');
});

test('10,000 consecutive operations leave wasm memory at the size reached by the first few', async () => {
  for (const simd of [true, false]) {
    await init({ simd });
    const e = getEngine();
    const img = randomImage(64, 48, 3, 'uint8', 5);
    const fimg = randomImage(33, 17, 4, 'float32', 6);
    const ops = [
      () => flip(img, 'horizontal'), () => rot90(img, 1), () => pad(img, 7, { border: 'reflect' }),
      () => crop(img, { x: 3, y: 4, width: 20, height: 10 }), () => rot90(fimg, 3), () => pad(fimg, { left: 40 }, { border: 'wrap' }),
    ];
    for (let i = 0; i < 12; i++) ops[i % ops.length]();
    const after = e.memoryBytes();
    for (let i = 0; i < 10000; i++) ops[i % ops.length]();
    assert.is(e.memoryBytes(), after, `${simd ? 'simd' : 'scalar'}: memory grew from ${after} to ${e.memoryBytes()}`);
  }
});

test('memory growth between operations does not lose data (views re-acquired)', async () => {
  await init();
  const small = randomImage(5, 4, 3, 'uint8', 2);
  const before = getEngine().memoryBytes();
  const big = randomImage(1500, 1200, 4, 'uint8', 3); // ~7 MB in and out: forces memory.grow
  const bigOut = flip(big, 'vertical');
  assert.ok(getEngine().memoryBytes() > before, 'memory grew');
  assertSameImage(assert, bigOut, flipRef(big, 'vertical'), 'big');
  assertSameImage(assert, flip(small, 'horizontal'), flipRef(small, 'horizontal'), 'small after growth');
});

test('pixaug/kernels: allocate, view, call a raw kernel, free', async () => {
  await init();
  const k = kernels();
  const img = randomImage(19, 3, 4, 'uint8', 8);
  const n = img.data.length;
  const src = allocate(n), dst = allocate(n);
  assert.is(src % 16, 0, 'aligned');
  view(src, n).set(img.data);
  k.flipH(src, dst, 19, 3, 4, 19 * 4, 19 * 4);
  const out = view(dst, n).slice();
  free(src); free(dst);
  assert.equal(Array.from(out), Array.from(flipRef(img, 'horizontal').data));
});

test.run();
