// Memory-move ops: flip, rot90, transpose, crop, pad.
// 1. JS reference == scalar build == SIMD build, byte for byte, on odd sizes (tails) and several
//    channel counts / dtypes.  2. Golden: numpy outputs in test/fixtures/reference.  3. Bad input.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { init, flip, rot90, transpose, crop, pad, PixaugError } from '../dist/index.js';
import { flipRef, rot90Ref, transposeRef, cropRef, padRef, BORDERS } from './ref/geometry.js';
import { npyImage, loadNpy, manifest, randomImage, assertSameImage } from './helpers.js';

const SIZES = [1, 3, 5, 17, 65];
const LAYOUTS = [[1, 'uint8'], [3, 'uint8'], [4, 'uint8'], [2, 'uint8'], [5, 'uint8'], [1, 'float32'], [3, 'float32'], [4, 'float32']];

/** Runs `body(img, label)` over every size and layout, in both builds. */
async function everyShape(body) {
  let n = 0;
  for (const simd of [true, false]) {
    const info = await init({ simd });
    assert.is(info.simd, simd);
    for (const [c, dtype] of LAYOUTS) for (const w of SIZES) for (const h of SIZES) {
      const img = randomImage(w, h, c, dtype, w * 131 + h * 7 + c);
      body(img, `${simd ? 'simd' : 'scalar'} ${w}x${h}x${c} ${dtype}`);
      n++;
    }
  }
  assert.is(n, 2 * LAYOUTS.length * SIZES.length * SIZES.length);
}

test('flip: JS reference == scalar == SIMD', async () => {
  await everyShape((img, label) => {
    for (const dir of ['horizontal', 'vertical', 'both']) assertSameImage(assert, flip(img, dir), flipRef(img, dir), `${label} ${dir}`);
  });
});

test('rot90: JS reference == scalar == SIMD for k = -5..5', async () => {
  await everyShape((img, label) => {
    for (const k of [-5, -1, 0, 1, 2, 3, 4, 5]) assertSameImage(assert, rot90(img, k), rot90Ref(img, k), `${label} k=${k}`);
  });
});

test('transpose: JS reference == scalar == SIMD', async () => {
  await everyShape((img, label) => assertSameImage(assert, transpose(img), transposeRef(img), label));
});

test('crop: JS reference == scalar == SIMD', async () => {
  await everyShape((img, label) => {
    const r = { x: Math.floor(img.width / 3), y: Math.floor(img.height / 2), width: Math.ceil(img.width / 2), height: Math.ceil(img.height / 3) };
    assertSameImage(assert, crop(img, r), cropRef(img, r), label);
  });
});

test('pad: JS reference == scalar == SIMD, every border, pads longer than the image', async () => {
  await everyShape((img, label) => {
    const p = { top: 2, right: img.width * 2 + 3, bottom: 7, left: 1 };
    const fill = Array.from({ length: img.channels }, (_, i) => (img.data instanceof Float32Array ? 0.25 * i - 0.5 : 10 * i + 3));
    for (const border of BORDERS) assertSameImage(assert, pad(img, p, { border, fill }), padRef(img, p, border, fill), `${label} ${border}`);
  });
});

// ------------------------------------------------------------------------------------------------
// Golden tests against numpy (test/fixtures/reference, copied from ../shared/reference)
// ------------------------------------------------------------------------------------------------

const NAMES = ['D_rgb_53x41', 'E_rgba_31x37', 'F_gray_33x27'];

test('golden: flips, rot90, transpose, transverse, crop, pad bit-exact with numpy', async () => {
  await init();
  let checked = 0;
  for (const name of NAMES) {
    const input = npyImage(`reference/inputs/${name}.npy`);
    for (const c of manifest(name).cases) {
      const p = c.params;
      let got;
      if (c.op === 'exact') {
        const kind = c.id.split('/').pop();
        if (kind === 'flip_h') got = flip(input, 'horizontal');
        else if (kind === 'flip_v') got = flip(input, 'vertical');
        else if (kind.startsWith('rot90')) got = rot90(input, p.k);
        else if (kind === 'transpose') got = transpose(input);
        else if (kind === 'transverse') got = rot90(transpose(input), 2);
        else assert.unreachable(`unknown exact case ${c.id}`);
      } else if (c.op === 'crop') {
        got = crop(input, { x: p.x, y: p.y, width: p.w, height: p.h });
      } else if (c.op === 'pad') {
        got = pad(input, { top: p.top, right: p.right, bottom: p.bottom, left: p.left }, { border: p.mode, fill: 0 });
      } else continue;
      assertSameImage(assert, got, npyImage(`reference/${c.file}`), c.id);
      checked++;
    }
  }
  assert.is(checked, 3 * (7 + 10 + 5));
});

test('golden: numpy.pad of 1-D and 3x4 arrays by pads longer than the array, every mode', async () => {
  await init();
  const m = JSON.parse((await import('node:fs')).readFileSync(new URL('./fixtures/reference/pad/manifest.json', import.meta.url), 'utf8'));
  let checked = 0;
  for (const c of m.cases) {
    const mode = c.id.split('/').pop();
    const rows = Array.isArray(c.input[0]) ? c.input : [c.input];
    const img = { width: rows[0].length, height: rows.length, channels: 1, data: Uint8Array.from(rows.flat()) };
    const [, t, b, l, r] = c.call.match(/\(\((\d+), (\d+)\), \((\d+), (\d+)\)\)/) ?? [0, 0, 0, ...c.call.match(/\((\d+), (\d+)\)/).slice(1)];
    const got = pad(img, { top: +t, bottom: +b, left: +l, right: +r }, { border: mode });
    const want = loadNpy(`reference/${c.file}`);
    assert.equal(Array.from(got.data), Array.from(want.data), c.id);
    assert.is(got.width * got.height, want.data.length, c.id);
    checked++;
  }
  assert.is(checked, 30);
});

// ------------------------------------------------------------------------------------------------
// Layout variants
// ------------------------------------------------------------------------------------------------

test('input with a row stride and ImageData-like input (Uint8ClampedArray, no channels)', async () => {
  await init();
  const base = randomImage(7, 5, 3, 'uint8', 9);
  const stride = 7 * 3 + 4;
  const padded = new Uint8Array(stride * 5);
  for (let y = 0; y < 5; y++) padded.set(base.data.subarray(y * 21, y * 21 + 21), y * stride);
  const strided = { width: 7, height: 5, channels: 3, data: padded, stride };
  assertSameImage(assert, rot90(strided, 1), rot90Ref(base, 1), 'strided rot90');
  assertSameImage(assert, flip(strided, 'both'), flipRef(base, 'both'), 'strided flip');
  assertSameImage(assert, pad(strided, 3, { border: 'wrap' }), padRef(base, { top: 3, right: 3, bottom: 3, left: 3 }, 'wrap'), 'strided pad');

  const rgba = randomImage(6, 4, 4, 'uint8', 3);
  const imageData = { width: 6, height: 4, data: new Uint8ClampedArray(rgba.data) };
  const out = flip(imageData, 'horizontal');
  assert.is(out.channels, 4);
  assert.ok(out.data instanceof Uint8ClampedArray, 'keeps Uint8ClampedArray');
  assert.equal(Array.from(out.data), Array.from(flipRef(rgba, 'horizontal').data));
});

test('inputs are never mutated', async () => {
  await init();
  const img = randomImage(9, 6, 3, 'uint8', 4);
  const copy = img.data.slice();
  flip(img, 'both'); rot90(img, 1); transpose(img); crop(img, { x: 1, y: 1, width: 2, height: 2 }); pad(img, 2, { border: 'reflect' });
  assert.equal(Array.from(img.data), Array.from(copy));
});

// ------------------------------------------------------------------------------------------------
// Bad input: PixaugError with a code, naming the parameter and what was received
// ------------------------------------------------------------------------------------------------

function throwsPixaug(fn, code, ...fragments) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof PixaugError, `expected PixaugError, got ${e}`);
    assert.is(e.code, code, e.message);
    for (const f of fragments) assert.ok(e.message.includes(f), `message "${e.message}" should contain "${f}"`);
    return;
  }
  assert.unreachable(`expected ${code} (${fragments.join(', ')})`);
}

test('bad input is rejected with a typed, descriptive error and the engine stays usable', async () => {
  await init();
  const img = randomImage(8, 6, 3, 'uint8', 1);
  throwsPixaug(() => rot90(img, 1.5), 'INVALID_PARAMETER', 'rot90', 'k', '1.5');
  throwsPixaug(() => rot90(img, NaN), 'INVALID_PARAMETER', 'k', 'NaN');
  throwsPixaug(() => flip(img, 'diagonal'), 'INVALID_PARAMETER', 'direction', '"diagonal"');
  throwsPixaug(() => crop(img, { x: 5, y: 0, width: 4, height: 2 }), 'INVALID_PARAMETER', 'crop', 'rect.x + rect.width', '9');
  throwsPixaug(() => crop(img, { x: -1, y: 0, width: 4, height: 2 }), 'INVALID_PARAMETER', 'rect.x', '-1');
  throwsPixaug(() => crop(img, { x: 0, y: 0, width: 0, height: 2 }), 'INVALID_PARAMETER', 'rect.width', '0');
  throwsPixaug(() => crop(img, { x: 0, y: 4, width: 1, height: 3 }), 'INVALID_PARAMETER', 'rect.y + rect.height');
  throwsPixaug(() => pad(img, { top: -1 }), 'INVALID_PARAMETER', 'padding.top', '-1');
  throwsPixaug(() => pad(img, 2.5), 'INVALID_PARAMETER', 'padding', '2.5');
  throwsPixaug(() => pad(img, 1, { border: 'mirror' }), 'INVALID_PARAMETER', 'border', '"mirror"');
  throwsPixaug(() => pad(img, 1, { fill: [1, 2] }), 'INVALID_PARAMETER', 'fill', '[1, 2]');
  throwsPixaug(() => pad(img, 1, { fill: 300 }), 'INVALID_PARAMETER', 'fill', '300');
  throwsPixaug(() => flip({ ...img, data: img.data.subarray(1) }), 'INVALID_IMAGE', 'data', '144', '143');
  throwsPixaug(() => flip({ ...img, width: 0 }), 'INVALID_IMAGE', 'width', '0');
  throwsPixaug(() => flip({ ...img, height: -3 }), 'INVALID_IMAGE', 'height', '-3');
  throwsPixaug(() => flip({ ...img, channels: 0 }), 'INVALID_IMAGE', 'channels', '0');
  throwsPixaug(() => flip({ ...img, data: [1, 2, 3] }), 'INVALID_IMAGE', 'data', 'Uint8Array');
  throwsPixaug(() => flip(null), 'INVALID_IMAGE', 'image', 'null');
  // over the documented pixel limit: rejected before anything is allocated
  throwsPixaug(() => flip({ width: 100000, height: 100000, channels: 4, data: new Uint8Array(4) }), 'TOO_LARGE', '100000');
  throwsPixaug(() => flip({ width: 20000, height: 20000, channels: 1, data: new Uint8Array(4) }), 'TOO_LARGE', 'pixels');
  throwsPixaug(() => pad(img, { left: 70000 }), 'TOO_LARGE', '70008');
  // still usable
  assertSameImage(assert, flip(img, 'vertical'), flipRef(img, 'vertical'), 'after errors');
});

test.run();
