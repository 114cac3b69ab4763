// Noise ops: gaussianNoise, uniformNoise, speckleNoise, poissonNoise, saltAndPepper.
// 1. JS reference (test/ref/noise.js) == scalar build == SIMD build, byte for byte, uint8 and
//    float32, odd sizes, 1..5 channels, per channel / per pixel, alpha kept / included, strided input.
// 2. Statistics of the noise against the distribution each op documents.
// 3. Seeding: same seed same bytes, other seeds and streams differ; bad parameters throw.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { init, gaussianNoise, uniformNoise, speckleNoise, poissonNoise, saltAndPepper, PixaugError } from '../dist/index.js';
import { keyOf, noiseRef, saltPepperRef } from './ref/noise.js';
import { randomImage, assertSameImage } from './helpers.js';

const SIZES = [[1, 1], [3, 5], [17, 3], [65, 2], [5, 17]];
const LAYOUTS = [[1, 'uint8'], [2, 'uint8'], [3, 'uint8'], [4, 'uint8'], [5, 'uint8'], [1, 'float32'], [3, 'float32'], [4, 'float32']];

/** Every size and layout, both builds; body(img, label, simd). */
async function everyShape(body) {
  for (const simd of [true, false]) {
    const info = await init({ simd });
    assert.is(info.simd, simd);
    for (const [c, dtype] of LAYOUTS) for (const [w, h] of SIZES) {
      const img = randomImage(w, h, c, dtype, w * 31 + h * 7 + c);
      body(img, `${simd ? 'simd' : 'scalar'} ${w}x${h}x${c} ${dtype}`, simd);
    }
  }
}

/** The same image with a row stride larger than width * channels (a view into a wider buffer). */
function strided(img, extra = 3) {
  const rowLen = img.width * img.channels, stride = rowLen + extra;
  const data = new img.data.constructor(stride * img.height).fill(img.data instanceof Float32Array ? NaN : 77);
  for (let y = 0; y < img.height; y++) data.set(img.data.subarray(y * rowLen, (y + 1) * rowLen), y * stride);
  return { ...img, data, stride };
}

const range = (img) => (img.data instanceof Float32Array ? 1 : 255);

test('gaussianNoise: JS reference == scalar == SIMD (per channel, per pixel, alpha, clip, strided)', async () => {
  await everyShape((img, label) => {
    const r = range(img);
    for (const [perChannel, includeAlpha, clip] of [[true, false, false], [false, false, true], [true, true, true], [false, true, false]]) {
      const opts = { sigma: 0.2 * r, mean: 0.05 * r, perChannel, includeAlpha, clip, seed: 1234, stream: 5 };
      const want = noiseRef(img, 'gaussian', { a: opts.mean, b: opts.sigma, perChannel, includeAlpha, clip, key: keyOf(1234, 5) });
      assertSameImage(assert, gaussianNoise(img, opts), want, `${label} ${JSON.stringify(opts)}`);
      assertSameImage(assert, gaussianNoise(strided(img), opts), want, `${label} strided`);
    }
  });
});

test('uniformNoise and speckleNoise: JS reference == scalar == SIMD', async () => {
  await everyShape((img, label) => {
    const r = range(img);
    for (const perChannel of [true, false]) {
      const u = { low: -0.3 * r, high: 0.1 * r, perChannel, seed: 9n, stream: 1 };
      assertSameImage(assert, uniformNoise(img, u),
        noiseRef(img, 'uniform', { a: u.low, b: u.high - u.low, perChannel, key: keyOf(9, 1) }), `${label} uniform`);
      const s = { sigma: 0.3, mean: 0.1, perChannel, seed: 2 ** 40 + 3 };
      assertSameImage(assert, speckleNoise(img, s),
        noiseRef(img, 'speckle', { a: 0.1, b: 0.3, perChannel, key: keyOf(2 ** 40 + 3, 0) }), `${label} speckle`);
    }
  });
});

test('poissonNoise: JS reference == scalar == SIMD (exact inversion and normal branch)', async () => {
  await everyShape((img, label) => {
    for (const photons of [3, 40, 255, 1000]) {
      const a = Math.fround(img.data instanceof Float32Array ? photons : photons / 255);
      const want = noiseRef(img, 'poisson', { a, b: Math.fround(1 / a), key: keyOf(11, 2), clip: true });
      assertSameImage(assert, poissonNoise(img, { photons, seed: 11, stream: 2, clip: true }), want, `${label} photons=${photons}`);
    }
  });
});

test('saltAndPepper: JS reference == scalar == SIMD', async () => {
  await everyShape((img, label) => {
    for (const [amount, saltVsPepper, perChannel, includeAlpha] of [[0.3, 0.5, false, false], [0.5, 0.2, true, false], [1, 1, true, true], [0, 0.5, false, false], [0.05, 0, false, true]]) {
      const opts = { amount, saltVsPepper, perChannel, includeAlpha, seed: 77 };
      const want = saltPepperRef(img, { ...opts, key: keyOf(77, 0) });
      assertSameImage(assert, saltAndPepper(img, opts), want, `${label} ${JSON.stringify(opts)}`);
      assertSameImage(assert, saltAndPepper(strided(img), opts), want, `${label} strided`);
    }
  });
});

test('large image: SIMD == scalar for every noise op (long SIMD runs, chunk boundaries)', async () => {
  const img8 = randomImage(301, 203, 4, 'uint8', 3);
  const img32 = randomImage(129, 77, 3, 'float32', 4);
  const ops = [
    (im) => gaussianNoise(im, { sigma: 0.1 * range(im), seed: 5 }),
    (im) => gaussianNoise(im, { sigma: 0.1 * range(im), perChannel: false, seed: 5 }),
    (im) => uniformNoise(im, { seed: 6 }),
    (im) => speckleNoise(im, { seed: 7 }),
    (im) => poissonNoise(im, { photons: 100, seed: 8 }),
    (im) => saltAndPepper(im, { amount: 0.2, seed: 9 }),
    (im) => saltAndPepper(im, { amount: 0.2, perChannel: true, seed: 9 }),
  ];
  const results = [];
  for (const simd of [true, false]) {
    await init({ simd });
    const outs = [];
    for (const op of ops) outs.push(op(img8), op(img32), op(strided(img8, 5)));
    results.push(outs);
  }
  results[0].forEach((o, i) => assertSameImage(assert, results[1][i], o, `op ${Math.floor(i / 3)} variant ${i % 3}`));
  // the strided input gives the same bytes as the dense one
  for (let i = 0; i < results[0].length; i += 3) assertSameImage(assert, results[0][i + 2], results[0][i], `strided op ${i / 3}`);
});

// ---- statistics ----------------------------------------------------------------------------

function stats(a) {
  let s = 0, s2 = 0;
  for (const v of a) { s += v; s2 += v * v; }
  const m = s / a.length;
  return { mean: m, sd: Math.sqrt(s2 / a.length - m * m) };
}

test('gaussianNoise statistics: uint8 mid-gray and float32, mean and sd of the added noise', async () => {
  await init();
  const w = 512, h = 512;
  const gray = { width: w, height: h, channels: 3, data: new Uint8Array(w * h * 3).fill(128) };
  const out = gaussianNoise(gray, { sigma: 10, mean: 2, seed: 3 });
  const d = Float64Array.from(out.data, (v) => v - 128);
  const s = stats(d);
  // rounding to integers adds variance 1/12: sd = sqrt(100 + 1/12) = 10.004; se(mean) = 0.011
  assert.ok(Math.abs(s.mean - 2) < 0.06, `mean ${s.mean}`);
  assert.ok(Math.abs(s.sd - 10.004) < 0.06, `sd ${s.sd}`);
  const f32 = { width: w, height: h, channels: 1, data: new Float32Array(w * h).fill(0.5) };
  const o2 = gaussianNoise(f32, { sigma: 0.05, seed: 4 });
  const s2 = stats(Float64Array.from(o2.data, (v) => v - 0.5));
  assert.ok(Math.abs(s2.mean) < 0.0005, `f32 mean ${s2.mean}`);
  assert.ok(Math.abs(s2.sd - 0.05) < 0.0005, `f32 sd ${s2.sd}`);
  // clip keeps float32 in [0, 1]; without it values leave the range
  const wide = gaussianNoise(f32, { sigma: 1, seed: 4 });
  assert.ok(wide.data.some((v) => v < 0) && wide.data.some((v) => v > 1));
  const clipped = gaussianNoise(f32, { sigma: 1, seed: 4, clip: true });
  assert.ok(clipped.data.every((v) => v >= 0 && v <= 1));
});

test('gaussianNoise perChannel: false adds the same value to the colour channels; alpha untouched', async () => {
  await init();
  const img = randomImage(64, 48, 4, 'uint8', 1);
  for (let i = 0; i < img.data.length; i++) if (i % 4 !== 3) img.data[i] = 100 + (i % 4); // mid values: no saturation
  const out = gaussianNoise(img, { sigma: 8, perChannel: false, seed: 12 });
  let moved = 0;
  for (let p = 0; p < 64 * 48; p++) {
    const d0 = out.data[4 * p] - img.data[4 * p];
    assert.is(out.data[4 * p + 1] - img.data[4 * p + 1], d0, `pixel ${p} g`);
    assert.is(out.data[4 * p + 2] - img.data[4 * p + 2], d0, `pixel ${p} b`);
    assert.is(out.data[4 * p + 3], img.data[4 * p + 3], `pixel ${p} alpha`);
    if (d0 !== 0) moved++;
  }
  assert.ok(moved > 64 * 48 * 0.9, `only ${moved} pixels changed`);
  // the colour channels do not depend on includeAlpha
  const withAlpha = gaussianNoise(img, { sigma: 8, perChannel: false, seed: 12, includeAlpha: true });
  let alphaChanged = 0;
  for (let i = 0; i < img.data.length; i++) {
    if (i % 4 === 3) { if (withAlpha.data[i] !== img.data[i]) alphaChanged++; } else assert.is(withAlpha.data[i], out.data[i]);
  }
  assert.ok(alphaChanged > 0, 'includeAlpha: true changes alpha');
});

test('uniformNoise: values within [low, high), uniform; speckle scales with intensity', async () => {
  await init();
  const n = 256 * 256;
  const f32 = { width: 256, height: 256, channels: 1, data: new Float32Array(n).fill(0.5) };
  const u = uniformNoise(f32, { low: -0.1, high: 0.3, seed: 1 });
  const d = Float64Array.from(u.data, (v) => v - 0.5);
  assert.ok(d.every((v) => v >= -0.1 - 1e-7 && v < 0.3 + 1e-7));
  const s = stats(d);
  assert.ok(Math.abs(s.mean - 0.1) < 0.002, `mean ${s.mean}`); // se = 0.4/sqrt(12 n) = 0.00045
  assert.ok(Math.abs(s.sd - 0.4 / Math.sqrt(12)) < 0.002, `sd ${s.sd}`);
  const dark = { width: 256, height: 256, channels: 1, data: new Float32Array(n).fill(0.1) };
  const bright = { width: 256, height: 256, channels: 1, data: new Float32Array(n).fill(0.8) };
  const sd = (im) => stats(Float64Array.from(speckleNoise(im, { sigma: 0.2, seed: 2 }).data, (v, i) => v - im.data[i])).sd;
  assert.ok(Math.abs(sd(dark) - 0.02) < 0.0005, `speckle sd dark ${sd(dark)}`);
  assert.ok(Math.abs(sd(bright) - 0.16) < 0.004, `speckle sd bright ${sd(bright)}`);
});

test('poissonNoise: mean kept, variance = x / photons (small and large means)', async () => {
  await init();
  const n = 256 * 256;
  for (const [x, photons] of [[0.02, 255], [0.5, 30], [0.9, 1000], [0.25, 200]]) {
    const img = { width: 256, height: 256, channels: 1, data: new Float32Array(n).fill(x) };
    const out = poissonNoise(img, { photons, seed: 21 });
    const lam = x * photons;
    const counts = Float64Array.from(out.data, (v) => v * photons);
    for (const k of counts) assert.ok(Math.abs(k - Math.round(k)) < 1e-3 * Math.max(1, k), `non-integer count ${k}`);
    const s = stats(counts);
    // se(mean) = sqrt(lam / n); se(var) ~ var sqrt(2 / n)
    assert.ok(Math.abs(s.mean - lam) < 5 * Math.sqrt(lam / n) + 0.01, `lam ${lam}: mean ${s.mean}`);
    assert.ok(Math.abs(s.sd * s.sd - lam) < 5 * lam * Math.sqrt(2 / n) + 0.02, `lam ${lam}: var ${s.sd * s.sd}`);
  }
  // exact branch: P(K = 0) = e^-lam for lam = 0.5
  const img = { width: 256, height: 256, channels: 1, data: new Float32Array(n).fill(0.5) };
  const zeros = poissonNoise(img, { photons: 1, seed: 5 }).data.filter((v) => v === 0).length / n;
  assert.ok(Math.abs(zeros - Math.exp(-0.5)) < 0.01, `P(0) ${zeros}`);
  // uint8 default (photons 255): lam = pixel value
  const u8 = { width: 256, height: 256, channels: 1, data: new Uint8Array(n).fill(40) };
  const s = stats(poissonNoise(u8, { seed: 1 }).data);
  assert.ok(Math.abs(s.mean - 40) < 0.15 && Math.abs(s.sd - Math.sqrt(40)) < 0.15, `uint8 ${s.mean} ${s.sd}`);
});

test('saltAndPepper: fractions of salt and pepper; whole pixels by default', async () => {
  await init();
  const w = 300, h = 200;
  const img = { width: w, height: h, channels: 3, data: new Uint8Array(w * h * 3).fill(128) };
  const out = saltAndPepper(img, { amount: 0.1, saltVsPepper: 0.3, seed: 4 });
  let salt = 0, pepper = 0;
  for (let p = 0; p < w * h; p++) {
    const px = out.data.subarray(3 * p, 3 * p + 3);
    if (px[0] === 255) { salt++; assert.ok(px[1] === 255 && px[2] === 255); } else if (px[0] === 0) { pepper++; assert.ok(px[1] === 0 && px[2] === 0); } else assert.ok(px[1] === 128 && px[2] === 128);
  }
  const n = w * h;
  // expected 0.03 n and 0.07 n; sd ~ sqrt(n p) ~ 42, 63
  assert.ok(Math.abs(salt - 0.03 * n) < 250, `salt ${salt}`);
  assert.ok(Math.abs(pepper - 0.07 * n) < 350, `pepper ${pepper}`);
  const pc = saltAndPepper(img, { amount: 0.1, perChannel: true, seed: 4 });
  let mixed = 0;
  for (let p = 0; p < w * h; p++) { const px = pc.data.subarray(3 * p, 3 * p + 3); if (new Set(px).size > 1) mixed++; }
  assert.ok(mixed > 0.2 * n, `perChannel: true decides channels separately (${mixed})`);
  const all = saltAndPepper(img, { amount: 1, saltVsPepper: 1, seed: 1 });
  assert.ok(all.data.every((v) => v === 255));
  assertSameImage(assert, saltAndPepper(img, { amount: 0, seed: 1 }), img, 'amount 0 is identity');
});

// ---- seeding and errors ----------------------------------------------------------------------

test('seeding: same seed and stream reproduce, others differ; omitted seed is random', async () => {
  await init();
  const img = randomImage(40, 30, 3, 'uint8', 2);
  const a = gaussianNoise(img, { seed: 1 }), b = gaussianNoise(img, { seed: 1 });
  assertSameImage(assert, a, b, 'same seed');
  const differ = (x, y) => x.data.filter((v, i) => v !== y.data[i]).length;
  assert.ok(differ(a, gaussianNoise(img, { seed: 2 })) > 3000);
  assert.ok(differ(a, gaussianNoise(img, { seed: 1, stream: 1 })) > 3000);
  assert.ok(differ(gaussianNoise(img), gaussianNoise(img)) > 3000);
  assert.ok(differ(a, gaussianNoise(img, { seed: 1n })) === 0, 'bigint and number seeds agree');
});

test('noise ops: invalid parameters throw INVALID_PARAMETER, the input is never modified', async () => {
  await init();
  const img = randomImage(8, 8, 3, 'uint8', 1);
  const copy = img.data.slice();
  const bad = [
    () => gaussianNoise(img, { sigma: -1 }), () => gaussianNoise(img, { sigma: NaN }), () => gaussianNoise(img, { sigma: 1e7 }),
    () => gaussianNoise(img, { mean: Infinity }), () => gaussianNoise(img, { perChannel: 1 }), () => gaussianNoise(img, { seed: -1 }),
    () => gaussianNoise(img, { seed: 1.5 }), () => gaussianNoise(img, { seed: 2n ** 64n }), () => gaussianNoise(img, { stream: -1 }),
    () => gaussianNoise(img, { stream: 2 ** 32 }), () => gaussianNoise(img, 5), () => gaussianNoise(img, { clip: 'yes' }),
    () => uniformNoise(img, { low: 1, high: 0 }), () => speckleNoise(img, { sigma: -0.1 }),
    () => poissonNoise(img, { photons: 0 }), () => poissonNoise(img, { photons: -3 }),
    () => saltAndPepper(img, { amount: 1.5 }), () => saltAndPepper(img, { saltVsPepper: -0.1 }), () => saltAndPepper(img, { amount: NaN }),
  ];
  for (const f of bad) {
    try { f(); assert.unreachable(`no error for ${f}`); } catch (e) {
      assert.instance(e, PixaugError, String(f));
      assert.is(e.code, 'INVALID_PARAMETER', `${f}: ${e.message}`);
    }
  }
  try { gaussianNoise({ width: 2, height: 2, channels: 3, data: new Uint8Array(5) }); assert.unreachable(); } catch (e) { assert.is(e.code, 'INVALID_IMAGE'); }
  assert.equal(img.data, copy);
  gaussianNoise(img, { seed: 1 });
  assert.equal(img.data, copy, 'input unchanged');
});


test('lost vectorisation: the SIMD build keeps v128 code in the generator and noise kernels; the scalar build has none', async () => {
  const { loadModule, simdOpsOf } = await import('./ref/wasm-text.js');
  const simd = loadModule('pixaug.simd.wasm');
  const want = {
    fillNormal: ['i64x2.extmul_low_i32x4_u', 'f32x4.sqrt', 'v128.bitselect'],
    fillUniform: ['i64x2.extmul_high_i32x4_u', 'f32x4.convert_i32x4_s'],
    fillWords: ['i64x2.extmul_low_i32x4_u', 'i8x16.shuffle'],
    noiseU8: ['i8x16.narrow_i16x8_u', 'f32x4.floor', 'f32x4.sqrt'],
    noiseF32: ['f32x4.add'],
    saltPepperU8: ['i8x16.narrow_i16x8_s', 'v128.bitselect'],
    saltPepperF32: ['i32x4.lt_s', 'v128.bitselect'],
  };
  for (const [name, ops] of Object.entries(want)) {
    const got = simdOpsOf(simd, name);
    assert.ok(got, `${name} is exported`);
    for (const op of ops) assert.ok(got.includes(op), `${name}: expected ${op} in the SIMD build, found ${got.join(' ')}`);
  }
  const scalar = loadModule('pixaug.wasm');
  assert.not.match(scalar.text, /\b(v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\./, 'scalar build contains SIMD');
});

test.run();
