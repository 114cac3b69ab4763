// augmentBatch: identical results for 0, 1, 2, 3 workers (byte for byte, boxes, applied);
// pools are reusable; inputs stay usable (copied, not transferred); errors come back with codes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { init, transforms as T, augmentBatch, createWorkerPool, PixaugError } from '../dist/index.js';
import { randomImage } from './helpers.js';

test.before(async () => { await init(); });

const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

function pipeline() {
  return T.compose([
    T.horizontalFlip(), T.rotate({ limit: 15, border: 'reflect', p: 0.8 }),
    T.randomResizedCrop({ width: 20, height: 16, scale: [0.5, 1] }),
    T.oneOf([T.gaussianNoise({ sigma: [2, 10] }), T.saltAndPepper({ amount: [0.01, 0.05] })], { p: 0.5 }),
  ], { seed: 2024 });
}

test('results are identical for 0, 1, 2 and 3 workers', async () => {
  const samples = Array.from({ length: 13 }, (_, i) => ({
    image: randomImage(31 + i, 27, 3, 'uint8', i + 1), boxes: [[2, 2, 20, 20]], labels: [i], mask: randomImage(31 + i, 27, 1, 'uint8', i + 50),
  }));
  const aug = pipeline();
  const base = await augmentBatch(samples, aug, { startIndex: 100 });
  assert.is(base.length, 13);
  for (const workers of [1, 2, 3]) {
    const got = await augmentBatch(samples, aug, { workers, startIndex: 100 });
    for (let i = 0; i < 13; i++) {
      assert.ok(same(got[i].image.data, base[i].image.data), `${workers} workers, sample ${i}`);
      assert.ok(got[i].image.data instanceof Uint8Array);
      assert.ok(same(got[i].mask.data, base[i].mask.data));
      assert.equal(got[i].boxes, base[i].boxes);
      assert.equal(got[i].labels, base[i].labels);
      assert.equal(got[i].applied, base[i].applied);
    }
  }
  // the inputs were copied, not transferred
  assert.is(samples[0].image.data.length, 31 * 27 * 3);
  // index i + 100: the same as a direct call
  assert.ok(same(aug(samples[5], { index: 105 }).image.data, base[5].image.data));
});

test('a pool is reusable across batches and pipelines; explicit indices', async () => {
  const pool = await createWorkerPool({ workers: 2 });
  try {
    assert.is(pool.size, 2);
    const images = Array.from({ length: 6 }, (_, i) => randomImage(16, 12, 4, 'uint8', i + 7));
    const a = pipeline();
    const b = T.compose([T.gaussianBlur(), T.brightness()], { seed: 5 });
    for (const aug of [a, b, a]) {
      const got = await augmentBatch(images, aug, { pool, indices: [9, 8, 7, 6, 5, 4] });
      for (let i = 0; i < 6; i++) assert.ok(same(got[i].image.data, aug(images[i], { index: 9 - i }).image.data));
    }
    const f32 = [randomImage(9, 9, 3, 'float32', 1)];
    const r = await augmentBatch(f32, b, { pool });
    assert.ok(r[0].image.data instanceof Float32Array);
  } finally {
    await pool.close();
  }
});

test('transferInputs moves the inputs (detached here), same results', async () => {
  const aug = pipeline();
  const make = () => Array.from({ length: 4 }, (_, i) => randomImage(24, 20, 3, 'uint8', i + 3));
  const want = await augmentBatch(make(), aug);
  const inputs = make();
  const got = await augmentBatch(inputs, aug, { workers: 2, transferInputs: true });
  for (let i = 0; i < 4; i++) assert.ok(same(got[i].image.data, want[i].image.data));
  assert.is(inputs[0].data.byteLength, 0); // detached
});

test('a compiled WebAssembly.Module can be handed to the workers; the scalar build gives the same bytes', async () => {
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(new URL('../build/pixaug.wasm', import.meta.url));
  const module = await WebAssembly.compile(bytes);
  const pool = await createWorkerPool({ workers: 1, simd: false, module });
  try {
    const images = [randomImage(21, 19, 3, 'uint8', 4), randomImage(17, 23, 3, 'uint8', 5)];
    const aug = pipeline();
    const got = await augmentBatch(images, aug, { pool });
    const want = await augmentBatch(images, aug);
    for (let i = 0; i < 2; i++) assert.ok(same(got[i].image.data, want[i].image.data));
  } finally {
    await pool.close();
  }
});

test('errors: not a pipeline, bad options, a failing sample rejects with its code', async () => {
  await assert.not.throws(() => {});
  const img = randomImage(8, 8, 1, 'uint8', 1);
  for (const [args, re] of [[[[img], T.rotate()], /aug/], [[[img], pipeline(), { workers: -1 }], /workers/], [[[img], pipeline(), { indices: [1, 2] }], /indices/]]) {
    try { await augmentBatch(...args); assert.unreachable(); } catch (e) { assert.ok(e instanceof PixaugError && re.test(e.message), e.message); }
  }
  // grayscale needs 3 channels: the worker's error comes back as a PixaugError
  const g = T.compose([T.grayscale({ p: 1 })], { seed: 1 });
  try { await augmentBatch([img], g, { workers: 1 }); assert.unreachable(); } catch (e) { assert.ok(e instanceof PixaugError, String(e)); assert.ok(/grayscale/.test(e.message), e.message); }
  // many failing chunks in flight on 2 workers: one rejection, no unhandled ones
  try { await augmentBatch(Array.from({ length: 20 }, () => img), g, { workers: 2 }); assert.unreachable(); } catch (e) { assert.ok(e instanceof PixaugError && /grayscale/.test(e.message), String(e)); }
});

test.run();
