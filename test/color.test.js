// Photometric ops: golden tests against OpenCV / Pillow / scikit-image / SciPy outputs
// (test/fixtures/color, written by test/reference/make_color.py; the tolerance of each case is
// stated next to its reason), SIMD build == scalar build byte for byte on odd sizes, cutout
// against a plain-JS reference, and bad parameters.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  init, brightness, contrast, gamma, grayscale, solarize, posterize, equalize, hueSaturationValue,
  gaussianBlur, sharpen, cutout, cutoutRects, PixaugError,
} from '../dist/index.js';
import { FIXTURES, loadNpy, npyImage, randomImage, assertSameImage } from './helpers.js';
import { keyOf, word, uniform } from './ref/noise.js';

const manifest = JSON.parse(readFileSync(join(FIXTURES, 'color', 'manifest.json'), 'utf8'));
const cases = (op) => manifest.cases.filter((c) => c.op === op && !c.id.endsWith('_tie') && !c.id.endsWith('_lut'));
const fixture = (c) => loadNpy(join('color', c.file));
const byId = (id) => manifest.cases.find((c) => c.id === id);
const input = (name) => npyImage(`reference/inputs/${name}.npy`);
const asFloat = (img) => ({ ...img, data: Float32Array.from(img.data, (v) => Math.fround(v / 255)) });
const isFloatCase = (c) => c.id.endsWith('_float');

/** Compares element by element: check(got, want, i) returns true when acceptable. */
function compare(got, want, label, check) {
  assert.is(got.data.length, want.data.length, `${label}: length`);
  for (let i = 0; i < want.data.length; i++) {
    if (!check(got.data[i], want.data[i], i)) assert.unreachable(`${label}: sample ${i} (pixel ${Math.floor(i / got.channels)}, channel ${i % got.channels}): got ${got.data[i]} want ${want.data[i]}`);
  }
}
const close = (tol) => (g, w) => Math.abs(g - w) <= tol * Math.max(1, Math.abs(w));

// ---- golden: LUT ops, exact or with the documented rounding difference -----------------------

test('golden: brightness == cv2.convertScaleAbs except half-even ties; float32 exact', async () => {
  await init();
  let ties = 0;
  for (const c of cases('brightness')) {
    const img = input(c.input);
    if (isFloatCase(c)) {
      compare(brightness(asFloat(img), c.params.factor), fixture(c), c.id, (g, w) => g === w);
      continue;
    }
    const tie = fixture(byId(c.id + '_tie')).data;
    compare(brightness(img, c.params.factor), fixture(c), c.id, (g, w, i) => {
      if (tie[i]) { ties++; return g - w === 0 || g - w === 1; }
      return g === w;
    });
  }
  assert.ok(ties > 0, 'the fixtures contain ties');
});

test('golden: contrast = Pillow ImageEnhance.Contrast rounded half up instead of truncated', async () => {
  await init();
  let up = 0;
  for (const c of cases('contrast')) {
    compare(contrast(input(c.input), c.params.factor), fixture(c), c.id, (g, w) => {
      if (g === w + 1) up++;
      return g === w || g === w + 1;
    });
  }
  assert.ok(up > 0, 'rounding half up makes a difference somewhere');
  // factor 0: a flat image of Pillow's mean (exact: rounding of an integer)
  const c = cases('contrast')[0];
  const flat = contrast(input(c.input), 0);
  assert.ok(flat.data.every((v, i) => (i % 4 === 3 && flat.channels === 4) || v === c.params.pillow_mean), `mean ${c.params.pillow_mean}`);
});

test('golden: gamma == floor(skimage float table + 0.5); skimage 0.19 truncates; float32 within 2e-6', async () => {
  await init();
  for (const c of cases('gamma')) {
    const img = input(c.input);
    if (isFloatCase(c)) {
      compare(gamma(asFloat(img), c.params.gamma, { gain: c.params.gain }), fixture(c), c.id, close(2e-6));
      continue;
    }
    const lut = fixture(byId(c.id + '_lut')).data;
    const got = gamma(img, c.params.gamma, { gain: c.params.gain });
    const alphaCh = img.channels === 4 || img.channels === 2 ? img.channels - 1 : -1;
    compare(got, fixture(c), c.id, (g, w, i) => {
      if (i % img.channels === alphaCh) return g === img.data[i];
      const want = Math.min(255, Math.floor(lut[img.data[i]] + 0.5));
      return g === want && (g === w || g === w + 1);
    });
  }
});

test('golden: grayscale bit-exact with cv2.cvtColor and Pillow convert("L"); float32 within 1e-6', async () => {
  await init();
  const all = cases('grayscale');
  assert.ok(all.length >= 6);
  for (const c of all) {
    const img = input(c.input);
    if (isFloatCase(c)) compare(grayscale(asFloat(img)), fixture(c), c.id, close(1e-6));
    else assertSameImage(assert, grayscale(img, { method: c.params.method }), npyImage(join('color', c.file)), c.id);
  }
  // keepChannels: gray replicated, alpha copied
  const rgba = input('E_rgba_31x37');
  const g = grayscale(rgba), k = grayscale(rgba, { keepChannels: true });
  assert.is(k.channels, 4);
  for (let p = 0; p < rgba.width * rgba.height; p++) {
    assert.ok(k.data[4 * p] === g.data[p] && k.data[4 * p + 1] === g.data[p] && k.data[4 * p + 2] === g.data[p] && k.data[4 * p + 3] === rgba.data[4 * p + 3]);
  }
});

test('golden: solarize, posterize, equalize bit-exact with Pillow ImageOps (alpha kept)', async () => {
  await init();
  let n = 0;
  for (const c of cases('solarize')) { assertSameImage(assert, solarize(input(c.input), c.params.threshold), npyImage(join('color', c.file)), c.id); n++; }
  for (const c of cases('posterize')) { assertSameImage(assert, posterize(input(c.input), c.params.bits), npyImage(join('color', c.file)), c.id); n++; }
  for (const c of cases('equalize')) { assertSameImage(assert, equalize(input(c.input)), npyImage(join('color', c.file)), c.id); n++; }
  assert.is(n, 18);
  // float32 solarize: same rule on [0, 1]
  const f = asFloat(input('D_rgb_53x41'));
  const s = solarize(f, 0.5);
  assert.ok(s.data.every((v, i) => v === (f.data[i] < 0.5 ? f.data[i] : Math.fround(1 - f.data[i]))));
});

// ---- golden: float pipelines ---------------------------------------------------------------

test('golden: hueSaturationValue vs OpenCV float32 HSV round trip (float32 2e-6; uint8 within 1 of the float reference rounded as pixaug rounds, > 99.9% equal)', async () => {
  await init();
  const all = cases('hsv');
  assert.ok(all.length >= 6);
  for (const c of all) {
    const img = input(c.input);
    const want = fixture(c);
    const p = { hue: c.params.hue, saturation: c.params.saturation, value: c.params.value };
    compare(hueSaturationValue(asFloat(img), p), want, c.id + ' float32', close(2e-6));
    const got8 = hueSaturationValue(img, p);
    let diff = 0;
    compare(got8, want, c.id + ' uint8', (g, w, i) => {
      // pixaug's uint8 rounding: floor(float32(float32(x * 255) + 0.5)), saturated
      const ref = img.channels === 4 && i % 4 === 3 ? img.data[i] : Math.min(255, Math.max(0, Math.floor(Math.fround(Math.fround(w * 255) + 0.5))));
      if (g !== ref) diff++;
      return Math.abs(g - ref) <= 1;
    });
    assert.ok(diff <= want.data.length / 1000, `${c.id}: ${diff} uint8 samples differ`);
  }
});

test('golden: gaussianBlur vs cv2.GaussianBlur (float32 2e-6, uint8 within 1) and scipy for wrap', async () => {
  await init();
  let exact = 0, total = 0;
  for (const c of cases('blur')) {
    const img = input(c.input);
    const want = fixture(c);
    if (isFloatCase(c)) {
      const o = { border: c.params.border };
      if (c.params.border === 'wrap') o.ksize = 2 * c.params.radius + 1;
      compare(gaussianBlur(asFloat(img), c.params.sigma, o), want, c.id, (g, w) => Math.abs(g - w) <= 2e-6);
    } else {
      compare(gaussianBlur(img, c.params.sigma, { border: c.params.border }), want, c.id, (g, w) => {
        total++;
        if (g === w) exact++;
        return Math.abs(g - w) <= 1;
      });
    }
  }
  assert.ok(exact > 0.8 * total, `uint8: ${exact} of ${total} equal to OpenCV`);
});

test('golden: sharpen vs skimage.filters.unsharp_mask (symmetric border)', async () => {
  await init();
  for (const c of cases('sharpen')) {
    const img = input(c.input);
    const want = fixture(c);
    const o = { sigma: c.params.sigma, amount: c.params.amount, border: 'symmetric' };
    const alphaCh = img.channels === 4 ? 3 : -1; // skimage sharpens alpha too; so does pixaug
    void alphaCh;
    // uint8: round(ref) except within 2e-4 of a .5 tie (float32 vs float64 arithmetic)
    compare(sharpen(img, o), want, c.id + ' uint8', (g, w) => {
      const r = Math.min(255, Math.max(0, Math.floor(w + 0.5)));
      if (g === r) return true;
      return Math.abs((w - Math.floor(w)) - 0.5) < 2e-4 && Math.abs(g - r) === 1;
    });
    // float32 input (img / 255): the same result / 255
    compare(sharpen(asFloat(img), o), { data: want.data.map((v) => v / 255) }, c.id + ' float32', (g, w) => Math.abs(g - w) <= 2e-6);
  }
});

// ---- SIMD == scalar -------------------------------------------------------------------------

const SIZES = [[1, 1], [3, 5], [17, 3], [65, 2], [5, 17], [33, 9]];
const LAYOUTS = [[1, 'uint8'], [2, 'uint8'], [3, 'uint8'], [4, 'uint8'], [5, 'uint8'], [1, 'float32'], [3, 'float32'], [4, 'float32']];

const OPS = [
  ['brightness', (im) => brightness(im, 1.3)],
  ['contrast', (im) => contrast(im, 1.4)],
  ['gamma', (im) => gamma(im, 0.7, { gain: 1.1 })],
  ['solarize', (im) => solarize(im)],
  ['posterize', (im) => (im.data instanceof Float32Array ? null : posterize(im, 3))],
  ['equalize', (im) => (im.data instanceof Float32Array ? null : equalize(im))],
  ['grayscale', (im) => (im.channels < 3 ? null : grayscale(im))],
  ['grayscale keep', (im) => (im.channels < 3 ? null : grayscale(im, { keepChannels: true, method: 'pillow' }))],
  ['hsv', (im) => (im.channels < 3 ? null : hueSaturationValue(im, { hue: 77, saturation: -0.1, value: 0.2 }))],
  ['blur reflect', (im) => gaussianBlur(im, 1.2)],
  ['blur constant', (im) => gaussianBlur(im, 2, { border: 'constant', fill: im.data instanceof Float32Array ? 0.3 : 40 })],
  ['blur wrap', (im) => gaussianBlur(im, 0.8, { border: 'wrap', ksize: 7 })],
  ['sharpen', (im) => sharpen(im, { amount: 1.5, sigma: 0.7, border: 'edge' })],
  ['cutout noise', (im) => cutout(im, { holes: 2, size: 0.5, fill: 'noise', seed: 3 })],
  ['cutout const', (im) => cutout(im, { holes: 3, size: [2, 3], fill: 7, seed: 4, includeAlpha: true })],
];

test('every photometric op: SIMD build == scalar build, byte for byte, odd sizes and strides', async () => {
  const results = [];
  for (const simd of [true, false]) {
    await init({ simd });
    const out = [];
    for (const [c, dtype] of LAYOUTS) for (const [w, h] of SIZES) {
      const img = randomImage(w, h, c, dtype, w * 13 + h + c);
      for (const [name, f] of OPS) out.push([`${name} ${w}x${h}x${c} ${dtype}`, f(img)]);
    }
    results.push(out);
  }
  let n = 0;
  results[0].forEach(([label, a], i) => {
    const b = results[1][i][1];
    if (a === null) return;
    n++;
    assertSameImage(assert, b, a, label);
  });
  assert.ok(n > 500, `${n} comparisons`);
});

// ---- cutout ---------------------------------------------------------------------------------

test('cutout: rectangles from Random(seed, stream), constant and noise fills (JS reference), alpha kept', async () => {
  for (const simd of [true, false]) {
    await init({ simd });
    for (const dtype of ['uint8', 'float32']) {
      const img = randomImage(40, 30, 4, dtype, 8);
      const opts = { holes: 3, size: [7, 5], fill: 'noise', seed: 99, stream: 2 };
      const rects = cutoutRects(40, 30, opts);
      assert.is(rects.length, 3);
      const out = cutout(img, opts);
      const want = img.data.slice();
      const key = keyOf(99, 2);
      for (const r of rects) {
        assert.ok(r.x >= 0 && r.y >= 0 && r.x + r.width <= 40 && r.y + r.height <= 30 && r.width === 7 && r.height === 5);
        for (let y = r.y; y < r.y + r.height; y++) for (let x = r.x; x < r.x + r.width; x++) for (let ch = 0; ch < 3; ch++) {
          const e = (y * 40 + x) * 4 + ch;
          want[e] = dtype === 'uint8' ? word(e, 1, key) >>> 24 : uniform(e, 1, key);
        }
      }
      assert.equal(Array.from(out.data), Array.from(want), `${dtype} simd=${simd}`);
      // constant per-channel fill, alpha included
      const c2 = cutout(img, { holes: 1, size: 1, fill: dtype === 'uint8' ? [1, 2, 3, 4] : [0.1, 0.2, 0.3, 0.4], seed: 5, includeAlpha: true });
      const [r] = cutoutRects(40, 30, { holes: 1, size: 1, seed: 5 });
      const e = (r.y * 40 + r.x) * 4;
      assert.equal(Array.from(c2.data.subarray(e, e + 4)), dtype === 'uint8' ? [1, 2, 3, 4] : [0.1, 0.2, 0.3, 0.4].map(Math.fround));
    }
  }
  // size as a fraction of the shorter side; holes 0 is the identity
  const [r] = cutoutRects(100, 60, { size: 0.25, seed: 1 });
  assert.is(r.width, 15);
  const img = randomImage(10, 10, 3, 'uint8', 1);
  assertSameImage(assert, cutout(img, { holes: 0 }), img, 'holes 0');
});

// ---- errors ---------------------------------------------------------------------------------

test('photometric ops: invalid parameters throw PixaugError with a code', async () => {
  await init();
  const u8 = randomImage(8, 8, 3, 'uint8', 1), f32 = randomImage(8, 8, 3, 'float32', 1), gray = randomImage(8, 8, 1, 'uint8', 1);
  const bad = [
    [() => brightness(u8, -1), 'INVALID_PARAMETER'], [() => brightness(u8, NaN), 'INVALID_PARAMETER'],
    [() => contrast(u8, Infinity), 'INVALID_PARAMETER'], [() => gamma(u8, 0), 'INVALID_PARAMETER'],
    [() => gamma(u8, 1, { gain: -1 }), 'INVALID_PARAMETER'], [() => grayscale(gray), 'INVALID_IMAGE'],
    [() => grayscale(u8, { method: 'itu' }), 'INVALID_PARAMETER'], [() => solarize(u8, 300), 'INVALID_PARAMETER'],
    [() => solarize(u8, 1.5), 'INVALID_PARAMETER'], [() => posterize(u8, 0), 'INVALID_PARAMETER'],
    [() => posterize(f32, 3), 'INVALID_IMAGE'], [() => equalize(f32), 'INVALID_IMAGE'],
    [() => hueSaturationValue(gray, { hue: 10 }), 'INVALID_IMAGE'], [() => hueSaturationValue(u8, { saturation: 2 }), 'INVALID_PARAMETER'],
    [() => gaussianBlur(u8, 0), 'INVALID_PARAMETER'], [() => gaussianBlur(u8, 1, { ksize: 4 }), 'INVALID_PARAMETER'],
    [() => gaussianBlur(u8, 1, { border: 'mirror' }), 'INVALID_PARAMETER'], [() => gaussianBlur(u8, 1, { border: 'constant', fill: 300 }), 'INVALID_PARAMETER'],
    [() => sharpen(u8, { sigma: -1 }), 'INVALID_PARAMETER'], [() => sharpen(u8, { amount: NaN }), 'INVALID_PARAMETER'],
    [() => cutout(u8, { holes: -1 }), 'INVALID_PARAMETER'], [() => cutout(u8, { size: 0 }), 'INVALID_PARAMETER'],
    [() => cutout(u8, { size: 2.5 }), 'INVALID_PARAMETER'], [() => cutout(u8, { fill: 'random' }), 'INVALID_PARAMETER'],
    [() => cutout(u8, { seed: -2 }), 'INVALID_PARAMETER'],
  ];
  for (const [f, code] of bad) {
    try { f(); assert.unreachable(`no error for ${f}`); } catch (e) {
      assert.instance(e, PixaugError, String(f));
      assert.is(e.code, code, `${f}: ${e.message}`);
    }
  }
});


test('lost vectorisation: SIMD paths of the photometric kernels survive in the SIMD build', async () => {
  const { loadModule, simdOpsOf } = await import('./ref/wasm-text.js');
  const simd = loadModule('pixaug.simd.wasm');
  const want = {
    affineF32: ['f32x4.mul', 'f32x4.add'],
    gammaF32: ['f32x4.mul', 'v128.bitselect'],
    solarizeF32: ['f32x4.lt'],
    grayU8: ['i32x4.mul', 'i8x16.narrow_i16x8_u'],
    blurSeparable: ['f32x4.mul', 'f32x4.add', 'f32x4.floor'],
  };
  for (const [name, ops] of Object.entries(want)) {
    const got = simdOpsOf(simd, name);
    assert.ok(got, `${name} is exported`);
    for (const op of ops) assert.ok(got.includes(op), `${name}: expected ${op} in the SIMD build, found ${got.join(' ')}`);
  }
});

test.run();
