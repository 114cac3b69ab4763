// resize: 1. JS reference == scalar build == SIMD build, byte for byte (uint8), on odd sizes and
// channel counts; float32 builds identical and close to the reference. 2. Golden: Pillow, OpenCV
// and scikit-image outputs (test/fixtures/reference/*/resize, measured differences written next
// to each tolerance). 3. Typed errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { init, resize, resizedCrop, crop, PixaugError } from '../dist/index.js';
import { pillowRef, cvRef, areaRef, nearestRef, premultiplyRef } from './ref/resize.js';
import { npyImage, loadNpy, manifest, randomImage, assertSameImage } from './helpers.js';
import binaryen from 'binaryen';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const IN_SHAPES = [[1, 1], [3, 5], [17, 5], [65, 17], [5, 65], [17, 17]];
const OUT_SHAPES = [[1, 1], [3, 1], [5, 3], [17, 17], [65, 5], [33, 129]];
const CHANNELS = [1, 2, 3, 4, 5];

/** Every method of resize with the options that select it and its JS reference. */
const METHODS = [
  ['nearest', { interpolation: 'nearest' }, (img, w, h) => nearestRef(img, w, h)],
  ['pillow bilinear', { interpolation: 'bilinear', antialias: true }, (img, w, h) => pillowRef(img, w, h, 'bilinear')],
  ['pillow bicubic -0.5', { interpolation: 'bicubic', antialias: true, cubicA: -0.5 }, (img, w, h) => pillowRef(img, w, h, 'bicubic', -0.5)],
  ['pillow bicubic -0.75', { interpolation: 'bicubic', antialias: true }, (img, w, h) => pillowRef(img, w, h, 'bicubic', -0.75)],
  ['pillow lanczos3', { interpolation: 'lanczos3', antialias: true }, (img, w, h) => pillowRef(img, w, h, 'lanczos3')],
  ['cv linear', { interpolation: 'bilinear', antialias: false }, (img, w, h) => (img.width === 2 * w && img.height === 2 * h ? areaRef(img, w, h) : cvRef(img, w, h, 'linear'))],
  ['cv cubic', { interpolation: 'bicubic', antialias: false }, (img, w, h) => cvRef(img, w, h, 'cubic')],
  ['cv cubic a=-0.5', { interpolation: 'bicubic', antialias: false, cubicA: -0.5 }, (img, w, h) => cvRef(img, w, h, 'cubic', -0.5)],
  ['cv lanczos3', { interpolation: 'lanczos3', antialias: false }, (img, w, h) => cvRef(img, w, h, 'lanczos3')],
  ['area', { interpolation: 'area' }, (img, w, h) => (w <= img.width && h <= img.height ? areaRef(img, w, h) : cvRef(img, w, h, 'area'))],
];

function sameSize(img, w, h) {
  return img.width === w && img.height === h;
}

test('uint8: JS reference == scalar == SIMD, every method, odd sizes, 1..5 channels', async () => {
  let n = 0;
  for (const simd of [true, false]) {
    await init({ simd });
    for (const c of CHANNELS) for (const [w, h] of IN_SHAPES) {
      const img = randomImage(w, h, c, 'uint8', w * 31 + h * 7 + c);
      for (const [ow, oh] of OUT_SHAPES) for (const [name, opts, ref] of METHODS) {
        const got = resize(img, { width: ow, height: oh, ...opts });
        const want = sameSize(img, ow, oh) ? img : ref(img, ow, oh);
        assertSameImage(assert, got, want, `${simd ? 'simd' : 'scalar'} ${name} ${w}x${h}x${c} -> ${ow}x${oh}`);
        n++;
      }
    }
  }
  assert.is(n, 2 * CHANNELS.length * IN_SHAPES.length * OUT_SHAPES.length * METHODS.length);
});

test('uint8: larger shapes exercise the vector loops (every tap count, row tails)', async () => {
  const cases = [[203, 77, 64, 64], [203, 77, 410, 150], [640, 9, 224, 9], [9, 480, 9, 31], [130, 97, 129, 98]];
  for (const simd of [true, false]) {
    await init({ simd });
    for (const c of [1, 3, 4]) for (const [w, h, ow, oh] of cases) {
      const img = randomImage(w, h, c, 'uint8', w + h + c);
      for (const [name, opts, ref] of METHODS) {
        assertSameImage(assert, resize(img, { width: ow, height: oh, ...opts }), ref(img, ow, oh), `${simd ? 'simd' : 'scalar'} ${name} ${w}x${h}x${c} -> ${ow}x${oh}`);
      }
    }
  }
});

test('premultiplied alpha: JS reference (Pillow RGBA -> RGBa -> resample -> RGBA) == scalar == SIMD', async () => {
  for (const simd of [true, false]) {
    await init({ simd });
    for (const c of [2, 4]) for (const [w, h] of [[17, 5], [65, 17], [23, 31]]) {
      const img = randomImage(w, h, c, 'uint8', w * h + c);
      // a third of the pixels fully transparent, some fully opaque
      for (let p = 0; p < w * h; p++) {
        if (p % 3 === 0) img.data[p * c + c - 1] = 0;
        if (p % 7 === 0) img.data[p * c + c - 1] = 255;
      }
      for (const [ow, oh] of [[5, 3], [40, 9], [23, 62]]) for (const [name, opts, ref] of METHODS.slice(1)) {
        const want = premultiplyRef(ref(premultiplyRef(img), ow, oh), true);
        assertSameImage(assert, resize(img, { width: ow, height: oh, alpha: 'premultiplied', ...opts }), want, `${simd ? 'simd' : 'scalar'} ${name} ${w}x${h}x${c} -> ${ow}x${oh}`);
      }
      // nearest ignores alpha mode (Pillow does not premultiply for NEAREST)
      assertSameImage(assert, resize(img, { width: 9, height: 4, interpolation: 'nearest', alpha: 'premultiplied' }), nearestRef(img, 9, 4), 'nearest');
    }
  }
});

test('premultiplied alpha: no colour bleeds from transparent pixels', async () => {
  await init();
  // left half opaque red, right half transparent green: the result never turns green
  const w = 16, h = 4, data = new Uint8Array(w * h * 4);
  for (let p = 0; p < w * h; p++) data.set(p % w < 8 ? [255, 0, 0, 255] : [0, 255, 0, 0], p * 4);
  const img = { width: w, height: h, channels: 4, data };
  const pre = resize(img, { width: 5, height: 2, alpha: 'premultiplied' });
  const straight = resize(img, { width: 5, height: 2 });
  for (let p = 0; p < 10; p++) {
    if (pre.data[p * 4 + 3] > 0) assert.is(pre.data[p * 4 + 1], 0, `premultiplied pixel ${p} has no green`);
  }
  assert.ok([...Array(10).keys()].some((p) => straight.data[p * 4 + 1] > 0), 'straight alpha does bleed (the reason for the option)');
});

test('float32: scalar == SIMD bit for bit, and within 2e-6 of the JS reference (values 0..1)', async () => {
  const res = {};
  for (const simd of [true, false]) {
    await init({ simd });
    for (const c of [1, 3, 4]) for (const [w, h] of [[17, 5], [65, 17], [5, 65]]) {
      const img = randomImage(w, h, c, 'float32', w + h * c);
      for (const [ow, oh] of [[5, 3], [33, 129], [40, 9]]) for (const [name, opts, ref] of METHODS) {
        // float cv2 mode (and area when enlarging, which is cv2 mode) computes weights in double:
        // checked against skimage in the golden test
        if (name.startsWith('cv') || (name === 'area' && (ow > w || oh > h))) continue;
        const key = `${name} ${w}x${h}x${c} -> ${ow}x${oh}`;
        const got = resize(img, { width: ow, height: oh, ...opts });
        assert.ok(got.data instanceof Float32Array, key);
        if (res[key]) assertSameImage(assert, got, res[key], `scalar vs simd ${key}`);
        else res[key] = got;
        const want = ref(img, ow, oh);
        let mx = 0;
        for (let i = 0; i < want.data.length; i++) mx = Math.max(mx, Math.abs(got.data[i] - want.data[i]));
        // measured max 3.6e-7 (f32 weights and sums against double arithmetic)
        assert.ok(mx <= 2e-6, `${key}: max diff ${mx}`);
      }
    }
  }
});

test('sizes: missing width or height keeps the aspect ratio; same size is a copy; one-axis resizes', async () => {
  await init();
  const img = randomImage(53, 41, 3, 'uint8', 5);
  const a = resize(img, { width: 20 });
  assert.is(a.width, 20);
  assert.is(a.height, Math.round(41 * 20 / 53));
  const b = resize(img, { height: 82 });
  assert.is(b.width, 106);
  assert.equal(resize(img, { width: 53, height: 41, interpolation: 'lanczos3' }).data, img.data);
  // only one axis changes: Pillow resamples that axis alone
  assertSameImage(assert, resize(img, { width: 7, height: 41 }), pillowRef(img, 7, 41, 'bilinear'), 'width only');
  assertSameImage(assert, resize(img, { width: 53, height: 9, interpolation: 'bicubic' }), pillowRef(img, 53, 9, 'bicubic', -0.75), 'height only');
  // antialias default: on when either side shrinks
  assertSameImage(assert, resize(img, { width: 80, height: 30 }), pillowRef(img, 80, 30, 'bilinear'), 'mixed -> antialias');
  assertSameImage(assert, resize(img, { width: 80, height: 60 }), cvRef(img, 80, 60, 'linear'), 'enlarging -> cv2');
  // strided input
  const strided = { ...img, stride: 53 * 3 + 5, data: new Uint8Array((53 * 3 + 5) * 41) };
  for (let y = 0; y < 41; y++) strided.data.set(img.data.subarray(y * 159, y * 159 + 159), y * 164);
  assertSameImage(assert, resize(strided, { width: 19, height: 15 }), resize(img, { width: 19, height: 15 }), 'stride');
});

// ------------------------------------------------------------------------------------------------
// Golden tests against the libraries
// ------------------------------------------------------------------------------------------------

const NAMES = ['D_rgb_53x41', 'E_rgba_31x37', 'F_gray_33x27'];

/** Options reproducing a manifest case, or null when we do not implement that method. */
function optionsFor(c, channels) {
  const m = c.params.method;
  if (c.lib === 'cv2') {
    if (m === 'linear') return { interpolation: 'bilinear', antialias: false };
    if (m === 'cubic') return { interpolation: 'bicubic', antialias: false };
    if (m === 'area') return { interpolation: 'area' };
    return null; // nearest (not centred), nearest_exact, linear_exact, lanczos4
  }
  if (c.lib === 'pil') {
    const alpha = channels === 4 ? 'premultiplied' : 'straight';
    if (m === 'bilinear') return { interpolation: 'bilinear', antialias: true, alpha };
    if (m === 'bicubic') return { interpolation: 'bicubic', antialias: true, cubicA: -0.5, alpha };
    if (m === 'lanczos') return { interpolation: 'lanczos3', antialias: true, alpha };
    if (m === 'nearest') return { interpolation: 'nearest' };
    return null; // box, hamming
  }
  if (c.lib === 'skimage') {
    if (c.params.order === 0) return { interpolation: 'nearest' };
    if (c.params.order === 1 && c.params.mode === 'edge' && !c.params.anti_aliasing) return { interpolation: 'bilinear', antialias: false, float: true };
    return null; // order 3 is a B-spline with prefilter; anti_aliasing is a Gaussian prefilter
  }
  return null;
}

/** Pillow's NEAREST accumulates x += scale from 0.5 * scale; it differs from floor((i + 0.5) * scale) on exact ties. */
function pillowNearestTies(inSize, outSize) {
  const s = inSize / outSize, ties = new Set();
  let acc = 0.5 * s;
  for (let i = 0; i < outSize; i++, acc += s) {
    if (Math.min(Math.trunc(acc), inSize - 1) !== Math.min(Math.floor((i + 0.5) * s), inSize - 1)) ties.add(i);
  }
  return ties;
}

test('golden: uint8 bit-exact with cv2.resize (LINEAR, CUBIC, AREA), PIL.Image.resize (BILINEAR, BICUBIC, LANCZOS, RGBA premultiplied), skimage order 0', async () => {
  for (const simd of [true, false]) {
    await init({ simd });
    let checked = 0;
    for (const name of NAMES) {
      const input = npyImage(`reference/inputs/${name}.npy`);
      for (const c of manifest(name).cases) {
        if (c.op !== 'resize') continue;
        const opts = optionsFor(c, input.channels);
        if (!opts || opts.float) continue;
        const [ow, oh] = c.params.out_wh;
        const got = resize(input, { width: ow, height: oh, ...opts });
        const want = npyImage(`reference/${c.file}`);
        if (c.lib === 'pil' && opts.interpolation === 'nearest') {
          // measured: identical except on Pillow's accumulated-coordinate ties (none in these cases)
          const tx = pillowNearestTies(input.width, ow), ty = pillowNearestTies(input.height, oh);
          for (let i = 0; i < want.data.length; i++) {
            const p = Math.floor(i / input.channels), x = p % ow, y = Math.floor(p / ow);
            if (!tx.has(x) && !ty.has(y)) assert.is(got.data[i], want.data[i], `${c.id} at ${x},${y}`);
          }
        } else {
          // measured max difference 0 for every case (both builds)
          assertSameImage(assert, got, want, `${simd ? 'simd' : 'scalar'} ${name} ${c.id}`);
        }
        checked++;
      }
    }
    assert.is(checked, 3 * 2 * 8, 'cases checked');
  }
});

test('golden: float32 bilinear (antialias: false) within 1e-4 of skimage.transform.resize(order=1, mode=edge)', async () => {
  await init();
  let checked = 0;
  for (const name of NAMES) {
    const input = npyImage(`reference/inputs/${name}.npy`);
    const f = { ...input, data: Float32Array.from(input.data) };
    for (const c of manifest(name).cases) {
      if (c.op !== 'resize') continue;
      const opts = optionsFor(c, input.channels);
      if (!opts || !opts.float) continue;
      const [ow, oh] = c.params.out_wh;
      const { float, ...o } = opts;
      const got = resize(f, { width: ow, height: oh, ...o });
      const want = loadNpy(`reference/${c.file}`);
      let mx = 0;
      for (let i = 0; i < want.data.length; i++) mx = Math.max(mx, Math.abs(got.data[i] - want.data[i]));
      // values 0..255; measured max 4.6e-5 (f32 weights and sums vs skimage's double)
      assert.ok(mx <= 1e-4, `${c.id} ${name}: max diff ${mx}`);
      checked++;
    }
  }
  assert.is(checked, 6);
});

test('golden (test/reference/make_resample_reference.py): one-axis, tiny and enlarging resizes bit-exact with Pillow and cv2; Pillow float mode F', async () => {
  const cases = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'resample', 'manifest.json'), 'utf8')).cases;
  const PIL = { bilinear: 'bilinear', bicubic: 'bicubic', lanczos: 'lanczos3' };
  const CV = { linear: 'bilinear', cubic: 'bicubic', area: 'area' };
  for (const simd of [true, false]) {
    await init({ simd });
    let exact = 0, float = 0;
    for (const c of cases) {
      if (c.op !== 'resize') continue;
      const input = npyImage(`reference/inputs/${c.name}.npy`);
      const p = c.params;
      if (p.pil_mode === 'F') {
        const f = { ...input, data: Float32Array.from(input.data, (v) => v / 255) };
        const got = resize(f, { width: p.width, height: p.height, interpolation: PIL[p.method], antialias: true, cubicA: -0.5 });
        const want = loadNpy(`resample/${c.file}`);
        let mx = 0;
        for (let i = 0; i < want.data.length; i++) mx = Math.max(mx, Math.abs(got.data[i] - want.data[i]));
        // values 0..1; Pillow sums in double, we in float32: measured max 2.4e-7
        assert.ok(mx <= 1e-6, `${c.id}: ${mx}`);
        float++;
        continue;
      }
      const opts = c.lib === 'pil'
        ? { interpolation: PIL[p.method], antialias: true, cubicA: -0.5, alpha: input.channels === 4 ? 'premultiplied' : 'straight' }
        : { interpolation: CV[p.method], antialias: false };
      // measured: 0 differing bytes in every case
      assertSameImage(assert, resize(input, { width: p.width, height: p.height, ...opts }), npyImage(`resample/${c.file}`), `${simd ? 'simd' : 'scalar'} ${c.id}`);
      exact++;
    }
    assert.is(exact, 3 * 4 * 6);
    assert.is(float, 9);
  }
});

// ------------------------------------------------------------------------------------------------
// Errors
// ------------------------------------------------------------------------------------------------

test('errors: typed INVALID_PARAMETER / INVALID_IMAGE with the parameter named', async () => {
  await init();
  const img = randomImage(8, 8, 3, 'uint8', 1);
  const bad = [
    [{}, /width or options.height/],
    [{ width: 0 }, /options.width to be a positive integer/],
    [{ width: 2.5, height: 3 }, /options.width/],
    [{ width: 4, height: -1 }, /options.height/],
    [{ width: 4, height: NaN }, /options.height/],
    [{ width: 4, interpolation: 'cubic' }, /options.interpolation to be one of/],
    [{ width: 4, antialias: 'yes' }, /options.antialias/],
    [{ width: 4, alpha: 'premultiplied' }, /options.alpha .*3 channels/],
    [{ width: 4, alpha: 'pre' }, /options.alpha/],
    [{ width: 4, cubicA: 1 }, /options.cubicA to be a number in \[-1, 0\]/],
    [{ width: 4, cubicA: -2 }, /options.cubicA/],
    [{ width: 4, cubicA: Infinity }, /options.cubicA/],
  ];
  for (const [opts, re] of bad) {
    try {
      resize(img, opts);
      assert.unreachable(`no error for ${JSON.stringify(opts)}`);
    } catch (e) {
      assert.instance(e, PixaugError);
      assert.is(e.code, 'INVALID_PARAMETER');
      assert.match(e.message, /^resize: expected /);
      assert.match(e.message, re);
    }
  }
  for (const opts of [null, 5]) {
    try { resize(img, opts); assert.unreachable(); } catch (e) { assert.is(e.code, 'INVALID_PARAMETER'); }
  }
  try { resize({ width: 2, height: 2, channels: 3, data: new Uint8Array(5) }, { width: 1 }); assert.unreachable(); } catch (e) { assert.is(e.code, 'INVALID_IMAGE'); }
  try { resize(img, { width: 70000, height: 1 }); assert.unreachable(); } catch (e) { assert.is(e.code, 'TOO_LARGE'); }
  // the engine still works after errors
  assert.is(resize(img, { width: 3 }).width, 3);
});

// ------------------------------------------------------------------------------------------------
// Lost vectorisation (STYLE.md habit 10): the SIMD build's resampling kernels still contain the
// instructions their vector loops are made of (disassembled with binaryen, as test/simd.test.js).
// ------------------------------------------------------------------------------------------------

test('SIMD build: resample and perspective kernels keep their vector instructions', () => {
  const build = join(dirname(fileURLToPath(import.meta.url)), '..', 'build', 'pixaug.simd.wasm');
  const mod = binaryen.readBinary(readFileSync(build));
  const text = mod.emitText();
  mod.dispose();
  const exportsMap = new Map([...text.matchAll(/\(export "([^"]+)" \(func (\$[^\s)]+)\)\)/g)].map((m) => [m[1], m[2]]));
  const starts = [...text.matchAll(/^ \(func (\$[^\s)]+)/gm)];
  const funcs = new Map(starts.map((m, i) => [m[1], text.slice(m.index, i + 1 < starts.length ? starts[i + 1].index : text.length)]));
  const reachable = (name) => {
    const seen = new Set([exportsMap.get(name)]), todo = [exportsMap.get(name)];
    let t = '';
    while (todo.length) {
      const body = funcs.get(todo.pop()) ?? '';
      t += body;
      for (const m of body.matchAll(/\(call (\$[^\s)]+)/g)) if (!seen.has(m[1])) { seen.add(m[1]); todo.push(m[1]); }
    }
    return t;
  };
  const want = {
    resampleH8: ['i32x4.dot_i16x8_s', 'i8x16.swizzle', 'v128.load8x8_u', 'i8x16.narrow_i16x8_u'],
    resampleV8: ['i32x4.dot_i16x8_s', 'i8x16.shuffle', 'i16x8.extend_low_i8x16_u'],
    resampleV32: ['i32x4.mul', 'f32x4.nearest', 'i8x16.narrow_i16x8_u'],
    resampleHF: ['f32x4.mul', 'f32x4.add', 'v128.load32_splat'],
    resampleVF: ['f32x4.mul', 'f32x4.nearest', 'f32x4.floor'],
    premultiplyU8: ['i16x8.extmul_low_i8x16_u'],
    unpremultiplyU8: ['f32x4.div'],
    warpPerspectiveU8: ['i32x4.dot_i16x8_s', 'i8x16.swizzle'],
    box2xU8: ['i16x8.extadd_pairwise_i8x16_u', 'i16x8.extend_high_i8x16_u', 'i8x16.narrow_i16x8_u'],
  };
  for (const [name, ops] of Object.entries(want)) {
    assert.ok(exportsMap.has(name), `${name} is exported`);
    const t = reachable(name);
    for (const op of ops) assert.ok(t.includes(op), `${name} lost ${op}`);
  }
});

test('exact 2x shrink (box2xU8 fast path): JS reference == scalar == SIMD, 1..5 channels, odd sizes and strided crops', async () => {
  // widths that leave vector tails (4 px / 16 bytes per step), bilinear without antialias and area
  const outs = [[1, 1], [3, 2], [5, 7], [17, 3], [65, 9], [33, 17], [4, 4], [16, 1]];
  for (const simd of [true, false]) {
    await init({ simd });
    for (const c of [1, 2, 3, 4, 5]) for (const [ow, oh] of outs) {
      const img = randomImage(2 * ow, 2 * oh, c, 'uint8', ow * 13 + oh * 5 + c);
      const want = areaRef(img, ow, oh);
      assertSameImage(assert, resize(img, { width: ow, height: oh, interpolation: 'bilinear', antialias: false }), want, `${simd ? 'simd' : 'scalar'} bilinear 2x ${ow}x${oh}x${c}`);
      assertSameImage(assert, resize(img, { width: ow, height: oh, interpolation: 'area' }), want, `${simd ? 'simd' : 'scalar'} area 2x ${ow}x${oh}x${c}`);
      // a crop of a wider image: source stride larger than the row
      const big = randomImage(2 * ow + 3, 2 * oh + 1, c, 'uint8', ow + oh + c);
      const rect = { x: 1, y: 1, width: 2 * ow, height: 2 * oh };
      const cropWant = areaRef(crop(big, rect), ow, oh);
      assertSameImage(assert, resizedCrop(big, rect, { width: ow, height: oh, interpolation: 'bilinear', antialias: false }), cropWant, `${simd ? 'simd' : 'scalar'} resizedCrop 2x ${ow}x${oh}x${c}`);
    }
  }
});

test.run();
