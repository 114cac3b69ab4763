// Crops (centre, random, random-resized), translate, scale, affine, warpPerspective.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  init, crop, pad, resize, PixaugError,
  centerCrop, randomCrop, randomResizedCrop, resizedCrop, sampleCrop, sampleResizedCrop,
  warpPerspective, affine, affineInverse, translate, scale, rot90,
} from '../dist/index.js';
import { npyImage, loadNpy, manifest, randomImage, assertSameImage } from './helpers.js';
import { warpPerspectiveRef, warpPerspectiveFloatRef } from './ref/perspective.js';
import { BORDERS } from './ref/geometry.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './helpers.js';

/** Cases of test/fixtures/resample/manifest.json (written by test/reference/make_resample_reference.py). */
const RESAMPLE = JSON.parse(readFileSync(join(FIXTURES, 'resample', 'manifest.json'), 'utf8')).cases;

/** A small deterministic generator for tests (the engine's Philox generator plugs in the same way). */
class TestRng {
  constructor(seed) { this.s = (seed * 2654435761) >>> 0 || 1; this.n = 0; }
  float() {
    this.n++;
    let s = this.s;
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    this.s = s;
    return s / 4294967296;
  }
}
/** A generator replaying fixed values. */
const fixed = (values) => { let i = 0; return { float: () => values[i++ % values.length] }; };

const NAMES = ['D_rgb_53x41', 'E_rgba_31x37', 'F_gray_33x27'];

/** The engine's Philox generator when the `cli` branch is merged, else null. */
async function philox() {
  try {
    const m = await import('../dist/random.js');
    return m.Random ? (seed) => new m.Random(seed, 0) : null;
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------------------------------------
// centerCrop
// ------------------------------------------------------------------------------------------------

test('centerCrop: numpy floor offsets and torchvision (half-even) offsets, bit-exact', async () => {
  await init();
  let n = 0;
  for (const name of NAMES) {
    const input = npyImage(`reference/inputs/${name}.npy`);
    for (const c of manifest(name).cases) {
      if (c.op !== 'crop' || !c.id.includes('center')) continue;
      const { w, h, x, y, torchvision_offset: [tx, ty] } = c.params;
      assertSameImage(assert, centerCrop(input, { width: w, height: h }), npyImage(`reference/${c.file}`), c.id);
      assertSameImage(assert, centerCrop(input, { width: w, height: h, rounding: 'half-even' }), crop(input, { x: tx, y: ty, width: w, height: h }), `${c.id} torchvision`);
      assert.ok(x === Math.floor((input.width - w) / 2) && y === Math.floor((input.height - h) / 2));
      n++;
    }
  }
  assert.ok(n >= 6, `${n} cases`);
});

test('centerCrop: larger than the image pads (constant 0 like torchvision, or any border)', async () => {
  for (const simd of [true, false]) {
    await init({ simd });
    const img = randomImage(5, 4, 3, 'uint8', 3);
    const out = centerCrop(img, { width: 8, height: 7 });
    // torchvision: left = (8 - 5) // 2 = 1, top = (7 - 4) // 2 = 1
    assertSameImage(assert, out, pad(img, { left: 1, right: 2, top: 1, bottom: 2 }), 'constant');
    assertSameImage(assert, centerCrop(img, { width: 8, height: 2, border: 'reflect' }), crop(pad(img, { left: 1, right: 2 }, { border: 'reflect' }), { x: 0, y: 1, width: 8, height: 2 }), 'mixed');
    const f = randomImage(6, 6, 1, 'float32', 1);
    assertSameImage(assert, centerCrop(f, { width: 3, height: 3 }), crop(f, { x: 1, y: 1, width: 3, height: 3 }), 'float');
  }
});

// ------------------------------------------------------------------------------------------------
// randomCrop
// ------------------------------------------------------------------------------------------------

test('randomCrop: deterministic for a generator state, draws y then x uniformly, content = crop', async () => {
  await init();
  const img = randomImage(53, 41, 3, 'uint8', 9);
  const seen = new Set();
  for (let seed = 1; seed <= 200; seed++) {
    const a = randomCrop(img, { width: 20, height: 10 }, new TestRng(seed));
    const b = randomCrop(img, { width: 20, height: 10 }, new TestRng(seed));
    assertSameImage(assert, a, b, `seed ${seed}`);
    const r = sampleCrop(53, 41, 20, 10, new TestRng(seed));
    assertSameImage(assert, a, crop(img, r), `seed ${seed} content`);
    assert.ok(r.x >= 0 && r.x <= 33 && r.y >= 0 && r.y <= 31);
    seen.add(`${r.x},${r.y}`);
  }
  assert.ok(seen.size > 150, 'positions vary');
  // the extreme draws reach both ends
  assert.equal(sampleCrop(53, 41, 20, 10, fixed([0, 0])), { x: 0, y: 0, width: 20, height: 10 });
  assert.equal(sampleCrop(53, 41, 20, 10, fixed([0.999999, 0.999999])), { x: 33, y: 31, width: 20, height: 10 });
  // same size: no draw (torchvision), the whole image
  const g = new TestRng(1);
  assert.equal(sampleCrop(9, 9, 9, 9, g), { x: 0, y: 0, width: 9, height: 9 });
  assert.is(g.n, 0);
});

test('randomCrop: padIfNeeded pads both sides by the missing size (torchvision pad_if_needed)', async () => {
  await init();
  const img = randomImage(6, 5, 1, 'uint8', 2);
  const out = randomCrop(img, { width: 8, height: 5, padIfNeeded: true, fill: 7 }, fixed([0, 0.5]));
  // padded width 6 + 2 * 2 = 10, x = floor(0.5 * 3) = 1 -> window starts at -1
  assertSameImage(assert, out, crop(pad(img, { left: 2, right: 2 }, { fill: 7 }), { x: 1, y: 0, width: 8, height: 5 }), 'pad');
  try {
    randomCrop(img, { width: 8, height: 5 }, new TestRng(1));
    assert.unreachable();
  } catch (e) {
    assert.instance(e, PixaugError);
    assert.match(e.message, /^randomCrop: expected options.width x options.height to be at most the image size 6x5/);
  }
});

// ------------------------------------------------------------------------------------------------
// randomResizedCrop
// ------------------------------------------------------------------------------------------------

test('randomResizedCrop: = resize(crop(sampleResizedCrop)), deterministic, rectangles in range', async () => {
  for (const simd of [true, false]) {
    await init({ simd });
    const img = randomImage(600, 400, 3, 'uint8', 4);
    for (let seed = 1; seed <= 30; seed++) {
      const out = randomResizedCrop(img, { width: 224, height: 224 }, new TestRng(seed));
      const r = sampleResizedCrop(600, 400, new TestRng(seed));
      assert.ok(r.x >= 0 && r.y >= 0 && r.x + r.width <= 600 && r.y + r.height <= 400, JSON.stringify(r));
      const area = (r.width * r.height) / (600 * 400), ratio = r.width / r.height;
      assert.ok(area >= 0.07 && area <= 1.01 && ratio >= 0.74 && ratio <= 1.35, `${seed}: ${JSON.stringify(r)}`);
      assertSameImage(assert, out, resize(crop(img, r), { width: 224, height: 224 }), `seed ${seed}`);
      assertSameImage(assert, out, resizedCrop(img, r, { width: 224, height: 224 }), `seed ${seed} resizedCrop`);
    }
    // options pass through
    const g = () => new TestRng(77);
    const r = sampleResizedCrop(600, 400, g(), { scale: [0.5, 0.6], ratio: [1, 2] });
    assert.ok(r.width * r.height >= 0.49 * 240000 && r.width * r.height <= 0.61 * 240000);
    assertSameImage(assert, randomResizedCrop(img, { width: 32, height: 48, scale: [0.5, 0.6], ratio: [1, 2], interpolation: 'area' }, g()),
      resize(crop(img, r), { width: 32, height: 48, interpolation: 'area' }), 'area');
  }
});

test('randomResizedCrop: torchvision draw sequence and centre-crop fallback after 10 attempts', async () => {
  await init();
  // attempt: area = 0.5 * 100 * 100, ratio = exp(0) = 1 -> 71 x 71; then y, x draws
  const r = sampleResizedCrop(100, 100, fixed([0.5, 0.5, 0.25, 0.75]), { scale: [0, 1], ratio: [0.5, 2] });
  assert.equal(r, { x: Math.floor(0.75 * 30), y: Math.floor(0.25 * 30), width: 71, height: 71 });
  // impossible attempts (ratio 2 of the whole area never fits a square) -> fallback
  const g = new TestRng(3);
  const fb = sampleResizedCrop(100, 100, g, { scale: [1, 1], ratio: [2, 2] });
  assert.is(g.n, 20, '10 attempts x 2 draws');
  assert.equal(fb, { x: 0, y: 25, width: 100, height: 50 });
  assert.equal(sampleResizedCrop(100, 50, new TestRng(3), { scale: [1, 1], ratio: [0.25, 0.25] }), { x: 44, y: 0, width: 12, height: 50 });
  assert.equal(sampleResizedCrop(90, 60, new TestRng(3), { scale: [1, 1], ratio: [1, 2] }), { x: 0, y: 0, width: 90, height: 60 });
});

test('random crops work with the engine generator (Philox) when present', async () => {
  const make = await philox();
  if (!make) return; // generator lives on the `cli` branch until merged
  await init();
  const img = randomImage(64, 48, 3, 'uint8', 1);
  assertSameImage(assert, randomResizedCrop(img, { width: 16, height: 16 }, make(5)), randomResizedCrop(img, { width: 16, height: 16 }, make(5)), 'philox');
  assertSameImage(assert, randomCrop(img, { width: 16, height: 16 }, make(6)), randomCrop(img, { width: 16, height: 16 }, make(6)), 'philox');
});

test('crops: typed errors', async () => {
  await init();
  const img = randomImage(10, 8, 3, 'uint8', 1);
  const cases = [
    [() => centerCrop(img, { width: 0, height: 3 }), /^centerCrop: expected width to be an integer >= 1/],
    [() => centerCrop(img, null), /^centerCrop: expected size to be an object/],
    [() => centerCrop(img, { width: 3, height: 3, rounding: 'up' }), /options.rounding/],
    [() => randomCrop(img, { width: 3, height: 3 }, null), /^randomCrop: expected rng to be a generator/],
    [() => randomCrop(img, { width: 3, height: 3 }, fixed([1])), /rng.float\(\) to be a number in \[0, 1\)/],
    [() => randomResizedCrop(img, { width: 3, height: 3, scale: [0.5, 0.1] }, new TestRng(1)), /options.scale/],
    [() => randomResizedCrop(img, { width: 3, height: 3, ratio: [0, 1] }, new TestRng(1)), /options.ratio/],
    [() => randomResizedCrop(img, { width: 3, height: 3, interpolation: 'cubic' }, new TestRng(1)), /options.interpolation/],
    [() => resizedCrop(img, { x: 5, y: 0, width: 6, height: 2 }, { width: 3, height: 3 }), /rect.x \+ rect.width/],
  ];
  for (const [fn, re] of cases) {
    try {
      fn();
      assert.unreachable(String(re));
    } catch (e) {
      assert.instance(e, PixaugError);
      assert.is(e.code, 'INVALID_PARAMETER');
      assert.match(e.message, re);
    }
  }
});

// ------------------------------------------------------------------------------------------------
// warpPerspective
// ------------------------------------------------------------------------------------------------

/** A random dst -> src homography near a rotation + scale + shear + translation of a w x h image. */
function randomHomography(w, h, seed) {
  const g = new TestRng(seed), u = (a) => (g.float() * 2 - 1) * a;
  return [1 + u(0.4), u(0.5), u(w / 2), u(0.5), 1 + u(0.4), u(h / 2), u(0.02), u(0.02), 1 + u(0.1)];
}

test('warpPerspective uint8: JS reference (OpenCV fixed point) == scalar == SIMD, every interpolation and border', async () => {
  const shapes = [[1, 1], [3, 5], [5, 3], [17, 17], [65, 17], [17, 65]];
  let n = 0;
  for (const simd of [true, false]) {
    await init({ simd });
    for (const c of [1, 2, 3, 4, 5]) for (const [w, h] of shapes) {
      const img = randomImage(w, h, c, 'uint8', w * 3 + h + c);
      const Mi = randomHomography(w, h, w + h * c);
      const [ow, oh] = [w + 3, Math.max(1, h - 1)];
      const fill = Array.from({ length: c }, (_, i) => 40 * i + 7);
      for (const interp of ['nearest', 'bilinear', 'bicubic']) for (const border of BORDERS) {
        const got = warpPerspective(img, Mi, { width: ow, height: oh, interpolation: interp, border, fill, inverse: true, antialias: false });
        assertSameImage(assert, got, warpPerspectiveRef(img, Mi, ow, oh, interp, border, fill), `${simd ? 'simd' : 'scalar'} ${interp} ${border} ${w}x${h}x${c}`);
        n++;
      }
    }
  }
  assert.is(n, 2 * 5 * 6 * 3 * 5);
});

test('warpPerspective uint8: bicubic with cubicA -0.5 uses its own table; float32 == exact-math reference', async () => {
  for (const simd of [true, false]) {
    await init({ simd });
    const img = randomImage(40, 30, 3, 'uint8', 8);
    const Mi = randomHomography(40, 30, 5);
    assertSameImage(assert, warpPerspective(img, Mi, { interpolation: 'bicubic', cubicA: -0.5, inverse: true, border: 'reflect', antialias: false }),
      warpPerspectiveRef(img, Mi, 40, 30, 'bicubic', 'reflect', [0, 0, 0], -0.5), 'a=-0.5');
    assertSameImage(assert, warpPerspective(img, Mi, { interpolation: 'bicubic', inverse: true, border: 'reflect', antialias: false }),
      warpPerspectiveRef(img, Mi, 40, 30, 'bicubic', 'reflect', [0, 0, 0]), 'a=-0.75 again (table rebuilt)');
    const f = randomImage(23, 19, 2, 'float32', 3);
    for (const interp of ['nearest', 'bilinear', 'bicubic']) for (const border of BORDERS) {
      const got = warpPerspective(f, Mi, { interpolation: interp, border, fill: [0.5, -1], inverse: true, antialias: false });
      const want = warpPerspectiveFloatRef(f, Mi, 23, 19, interp, border, [0.5, -1]);
      // same double arithmetic rounded once to float32: measured max 0
      for (let i = 0; i < want.data.length; i++) assert.ok(Math.abs(got.data[i] - want.data[i]) <= 2e-7, `${interp} ${border} ${i}`);
    }
  }
});

test('golden: warpPerspective bit-exact with cv2.warpPerspective (uint8), float32 within 1e-3 of skimage', async () => {
  for (const simd of [true, false]) {
    await init({ simd });
    let exact = 0, float = 0;
    for (const c of RESAMPLE) {
      if (c.op !== 'perspective') continue;
      const input = npyImage(`reference/inputs/${c.name}.npy`);
      const p = c.params;
      const img = c.lib === 'skimage' ? { ...input, data: Float32Array.from(input.data) } : input;
      const opts = { width: p.width, height: p.height, interpolation: p.interpolation, border: p.border, fill: p.fill, inverse: p.inverse };
      const got = warpPerspective(img, p.matrix, { ...opts, antialias: false });
      if (c.lib === 'cv2' && c.id.includes('mild')) {
        // the mild homography never shrinks by 2x: the default (antialias on) is the same bytes
        assertSameImage(assert, warpPerspective(img, p.matrix, opts), got, `${c.id} default`);
      }
      if (c.lib === 'cv2') {
        // measured: 0 differing bytes in every case (nearest, bilinear, bicubic; all borders)
        assertSameImage(assert, got, npyImage(`resample/${c.file}`), c.id);
        exact++;
      } else {
        // values 0..255; skimage computes float32 input in float32 (up to 3e-4 from exact math),
        // we compute in double: measured max 7.2e-4
        const want = loadNpy(`resample/${c.file}`);
        let mx = 0;
        for (let i = 0; i < want.data.length; i++) mx = Math.max(mx, Math.abs(got.data[i] - want.data[i]));
        assert.ok(mx <= 1e-3, `${c.id}: ${mx}`);
        float++;
      }
    }
    assert.is(exact, 12 + 12 + 20);
    assert.is(float, 8);
  }
});

// ------------------------------------------------------------------------------------------------
// anti-aliased warp
// ------------------------------------------------------------------------------------------------

/** The bench photo (512x512 RGB PNG) as an RGB image. */
async function astronaut() {
  const { PNG } = await import('pngjs');
  const png = PNG.sync.read(readFileSync(new URL('../bench/fixtures/astronaut_512x512.png', import.meta.url)));
  const data = new Uint8Array(png.width * png.height * 3);
  for (let i = 0; i < png.width * png.height; i++) data.set(png.data.subarray(i * 4, i * 4 + 3), i * 3);
  return { width: png.width, height: png.height, channels: 3, data };
}

const meanAbs = (a, b) => { let s = 0; for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]); return s / a.length; };

test('anti-aliased warp: a 4x shrink stays within 2 LSB mean of resize (Pillow antialias); point sampling does not', async () => {
  const img = await astronaut();
  for (const simd of [true, false]) {
    await init({ simd });
    const ref = resize(img, { width: 128, height: 128 }); // antialiased bilinear
    // inverse map of a 4x shrink with the pixel-centre convention: src = 4 dst + 1.5
    const Mi = [4, 0, 1.5, 0, 4, 1.5, 0, 0, 1];
    // (border 'symmetric': Pillow drops taps outside the image and renormalises, which mirroring
    // approximates; a constant border would darken the edges)
    const o = { width: 128, height: 128, inverse: true, border: 'symmetric' };
    const aa = warpPerspective(img, Mi, o);
    const point = warpPerspective(img, Mi, { ...o, antialias: false });
    const dAA = meanAbs(aa.data, ref.data), dPoint = meanAbs(point.data, ref.data);
    // measured: antialiased 0.10 LSB mean (rounding of Pillow's two passes), point sampling 5.09
    assert.ok(dAA <= 2, `antialiased: mean ${dAA}`);
    if (process.env.PIXAUG_PRINT) console.log({ dAA, dPoint });
    assert.ok(dPoint > 2 * dAA && dPoint > 2, `point sampling: mean ${dPoint}`);
    // the same with a rotation by 90 degrees composed (the filter follows the map, not the axes)
    const rot = warpPerspective(img, [0, 4, 1.5, -4, 0, 511 - 1.5, 0, 0, 1], o);
    const refRot = resize(rot90ref(img), { width: 128, height: 128 });
    assert.ok(meanAbs(rot.data, refRot.data) <= 2, `rotated: ${meanAbs(rot.data, refRot.data)}`);
    // float32 path: the same filter
    const f = { ...img, data: Float32Array.from(img.data) };
    const af = warpPerspective(f, Mi, o);
    assert.ok(meanAbs(af.data, aa.data) <= 0.51, 'float32 vs uint8 (rounding only)');
  }
});

test('anti-aliased affine / scale: a 4x shrink stays within 2 LSB mean of resize; point sampling does not', async () => {
  const img = await astronaut();
  for (const simd of [true, false]) {
    await init({ simd });
    const ref = resize(img, { width: 128, height: 128 }); // antialiased bilinear (Pillow)
    // scale 0.25 about the centre (255.5, 255.5): output x in [192, 320) samples src = 4 (x - 192) + 1.5,
    // the half-pixel mapping of the 512 -> 128 resize
    const window = { x: 192, y: 192, width: 128, height: 128 };
    const aa = crop(scale(img, 0.25), window);
    const point = crop(scale(img, 0.25, { antialias: false }), window);
    const dAA = meanAbs(aa.data, ref.data), dPoint = meanAbs(point.data, ref.data);
    if (process.env.PIXAUG_PRINT) console.log({ dAA, dPoint });
    assert.ok(dAA <= 2, `antialiased: mean ${dAA}`);
    assert.ok(dPoint > 2 && dPoint > 4 * dAA, `point sampling: mean ${dPoint}`);
    // a quarter turn with the shrink: the prefilter follows the source axes
    const rot = crop(affine(img, { angle: -90, scale: 0.25 }), window);
    const refRot = resize(rot90(img, -1), { width: 128, height: 128 });
    assert.ok(meanAbs(rot.data, refRot.data) <= 2, `rotated: ${meanAbs(rot.data, refRot.data)}`);
    // float32: same filter up to rounding
    const f = { ...img, data: Float32Array.from(img.data) };
    const af = crop(scale(f, 0.25), window);
    assert.ok(meanAbs(af.data, aa.data) <= 0.51, 'float32 vs uint8 (rounding only)');
  }
});

/** 90-degree clockwise turn as a plain loop (for the rotated comparison above). */
function rot90ref(img) {
  const { width: w, height: h, channels: c } = img;
  const out = { width: h, height: w, channels: c, data: new Uint8Array(img.data.length) };
  // dst(x, y) = src(y, h - 1 - x): with the 4x shrink, src = (4 Y + 1.5, 511 - (4 X + 1.5))
  for (let y = 0; y < w; y++) for (let x = 0; x < h; x++) for (let k = 0; k < c; k++) out.data[(y * h + x) * c + k] = img.data[((h - 1 - x) * w + y) * c + k];
  return out;
}

test('anti-aliased warp: only pixels shrunk by more than 2x change; scalar == SIMD', async () => {
  const img = randomImage(64, 48, 3, 'uint8', 12);
  // strong perspective: the top shrinks a lot, the bottom is magnified
  const Mi = [1, 0.3, 0, 0, 1.2, 0, 0, 0.02, 0.4];
  const out = {};
  for (const simd of [true, false]) {
    await init({ simd });
    const aa = warpPerspective(img, Mi, { inverse: true, border: 'reflect' });
    const pt = warpPerspective(img, Mi, { inverse: true, border: 'reflect', antialias: false });
    if (out.aa) assertSameImage(assert, aa, out.aa, 'scalar == simd');
    out.aa = aa;
    let changedRows = new Set();
    for (let i = 0; i < aa.data.length; i++) if (aa.data[i] !== pt.data[i]) changedRows.add(Math.floor(i / (64 * 3)));
    // shrink at row y is about 1 / (0.02 y + 0.4) * 1.2 > 2 only for small y
    assert.ok(changedRows.size > 0 && Math.max(...changedRows) < 20, [...changedRows].join(','));
    // nearest is never filtered
    assertSameImage(assert, warpPerspective(img, Mi, { inverse: true, interpolation: 'nearest' }), warpPerspective(img, Mi, { inverse: true, interpolation: 'nearest', antialias: false }), 'nearest');
  }
});

// ------------------------------------------------------------------------------------------------
// translate, scale, affine
// ------------------------------------------------------------------------------------------------

test('golden: translate / scale / affine bit-exact with cv2.warpAffine (WARP_INVERSE_MAP) of the same inverse map', async () => {
  for (const simd of [true, false]) {
    await init({ simd });
    const count = {};
    for (const c of RESAMPLE) {
      if (!['translate', 'scale', 'affine'].includes(c.op)) continue;
      const input = npyImage(`reference/inputs/${c.name}.npy`);
      const p = c.params;
      const o = { interpolation: p.interpolation, border: p.border, fill: p.fill };
      let got;
      if (c.op === 'translate') got = translate(c.lib === 'skimage' ? toF32(input) : input, p.dx, p.dy, o);
      else if (c.op === 'scale') got = scale(input, p.factor, o);
      else {
        const img = c.lib === 'skimage' ? toF32(input) : input;
        got = affine(img, { angle: p.angle, scale: p.scale, translate: p.translate, shear: p.shear, ...o });
        const Mi = affineInverse({ angle: p.angle, scale: p.scale, translate: p.translate, shear: p.shear, center: [(input.width - 1) / 2, (input.height - 1) / 2] });
        Mi.forEach((v, i) => assert.ok(Math.abs(v - p.inverse_map_2x3[i]) <= 1e-12 * (1 + Math.abs(v)), `${c.id} matrix ${i}`));
      }
      if (c.lib === 'cv2') {
        // measured: 0 differing bytes in every case
        assertSameImage(assert, got, npyImage(`resample/${c.file}`), `${simd ? 'simd' : 'scalar'} ${c.id}`);
      } else {
        const want = loadNpy(`resample/${c.file}`);
        let mx = 0;
        for (let i = 0; i < want.data.length; i++) mx = Math.max(mx, Math.abs(got.data[i] - want.data[i]));
        // values 0..255, skimage in float32 arithmetic: measured max 2.9e-4
        assert.ok(mx <= 1e-3, `${c.id}: ${mx}`);
      }
      count[c.op] = (count[c.op] ?? 0) + 1;
    }
    assert.equal(count, { translate: 8 + 8 + 18, scale: 12 + 12 + 27, affine: 12 + 12 + 30 });
  }
});

function toF32(img) {
  return { ...img, data: Float32Array.from(img.data) };
}

test('affine: angle is counter-clockwise (90 degrees on a square image == rot90), matches the oracle rotations', async () => {
  await init();
  const sq = randomImage(17, 17, 3, 'uint8', 4);
  for (const interp of ['nearest', 'bilinear', 'bicubic']) {
    assertSameImage(assert, affine(sq, { angle: 90, interpolation: interp }), rot90(sq, 1), `90 ${interp}`);
    assertSameImage(assert, affine(sq, { angle: -90, interpolation: interp }), rot90(sq, -1), `-90 ${interp}`);
    assertSameImage(assert, affine(sq, { angle: 180, interpolation: interp }), rot90(sq, 2), `180 ${interp}`);
  }
  // against skimage.transform.rotate (counter-clockwise about the true centre), float32 bilinear
  let n = 0;
  for (const name of NAMES) {
    const input = npyImage(`reference/inputs/${name}.npy`);
    for (const c of manifest(name).cases) {
      if (c.op !== 'rotate' || c.lib !== 'skimage' || c.params.interp !== 'bilinear') continue;
      const got = affine(toF32(input), { angle: c.params.angle_deg, border: c.params.border });
      const want = loadNpy(`reference/${c.file}`);
      let mx = 0;
      for (let i = 0; i < want.data.length; i++) mx = Math.max(mx, Math.abs(got.data[i] - want.data[i]));
      // values 0..255; measured max 3.6e-15 (same double arithmetic)
      assert.ok(mx <= 1e-4, `${c.id}: ${mx}`);
      n++;
    }
  }
  assert.ok(n >= 12, `${n} rotations`);
});

test('translate: whole pixels are memory moves (np.roll for wrap, pad + crop otherwise); fractional = warp', async () => {
  for (const simd of [true, false]) {
    await init({ simd });
    for (const [c, dtype] of [[3, 'uint8'], [1, 'float32'], [5, 'uint8']]) {
      const img = randomImage(13, 9, c, dtype, c);
      const fill = Array.from({ length: c }, (_, i) => (dtype === 'uint8' ? 9 * i + 1 : 0.5 * i));
      for (const [dx, dy] of [[0, 0], [3, -2], [-13, 4], [40, 100], [-5, -30]]) for (const border of BORDERS) {
        const got = translate(img, dx, dy, { border, fill });
        // out(x, y) = in(x - dx, y - dy): pad by |shift| on both sides, then crop
        const P = Math.max(Math.abs(dx), Math.abs(dy));
        const padded = pad(img, P, { border, fill });
        assertSameImage(assert, got, crop(padded, { x: P - dx, y: P - dy, width: 13, height: 9 }), `${dtype} ${c} ${dx},${dy} ${border}`);
      }
    }
    // a fractional shift of 0.5 averages neighbours; -0.5 then +0.5 is not the identity (filtering)
    const img = randomImage(8, 4, 1, 'uint8', 1);
    const half = translate(img, 0.5, 0, { border: 'edge' });
    for (let y = 0; y < 4; y++) for (let x = 1; x < 8; x++) {
      const a = img.data[y * 8 + x - 1], b = img.data[y * 8 + x];
      assert.ok(Math.abs(half.data[y * 8 + x] - (a + b) / 2) <= 0.5, `${x},${y}`);
    }
  }
});

test('scale: zoom in crops, zoom out fills the margin by the border mode; 0.25 is anti-aliased', async () => {
  await init();
  const img = randomImage(40, 30, 3, 'uint8', 2);
  const out = scale(img, 0.5, { fill: [1, 2, 3] });
  // the margin (more than 1 px from the shrunk content) is the fill
  for (const [x, y] of [[0, 0], [5, 5], [39, 29], [20, 2]]) assert.equal([...out.data.subarray((y * 40 + x) * 3, (y * 40 + x) * 3 + 3)], [1, 2, 3], `${x},${y}`);
  // scale 2 about the centre == crop of the central half resized 2x... same map as an affine
  assertSameImage(assert, scale(img, 2), affine(img, { scale: 2 }), 'scale == affine({ scale })');
  assertSameImage(assert, scale(img, [2, 0.75], { border: 'reflect' }), affine(img, { scale: [2, 0.75], border: 'reflect' }), 'per axis');
  // a 4x shrink filters (antialias by default), point sampling on request
  const aa = scale(img, 0.25, { border: 'reflect' });
  const pt = scale(img, 0.25, { border: 'reflect', antialias: false });
  assert.not.equal([...aa.data], [...pt.data]);
});

test('affine / translate / scale: typed errors', async () => {
  await init();
  const img = randomImage(10, 8, 3, 'uint8', 1);
  const cases = [
    [() => affine(img, { angle: NaN }), /^affine: expected options.angle to be a finite number of degrees/],
    [() => affine(img, { scale: 0 }), /options.scale to be a positive number/],
    [() => affine(img, { scale: [1, -1] }), /options.scale/],
    [() => affine(img, { translate: [1] }), /options.translate/],
    [() => affine(img, { shear: [90, 0] }), /options.shear to be angles away from \+-90 degrees/],
    [() => affine(img, { center: 'middle' }), /options.center/],
    [() => affine(img, { interpolation: 'lanczos3' }), /options.interpolation/],
    [() => translate(img, Infinity, 0), /^translate: expected dx to be a finite number of pixels/],
    [() => translate(img, 1, '2'), /dy/],
    [() => translate(img, 1, 2, { border: 'zero' }), /options.border/],
    [() => scale(img, -2), /^scale: expected factor to be a positive number/],
    [() => scale(img, [1, 2, 3]), /factor/],
    [() => scale(img, 2, { antialias: 'no' }), /options.antialias/],
  ];
  for (const [fn, re] of cases) {
    try { fn(); assert.unreachable(String(re)); } catch (e) {
      assert.instance(e, PixaugError);
      assert.is(e.code, 'INVALID_PARAMETER');
      assert.match(e.message, re);
    }
  }
});

test('warpPerspective: identity is a copy; errors', async () => {
  await init();
  const img = randomImage(9, 7, 3, 'uint8', 2);
  for (const interp of ['nearest', 'bilinear', 'bicubic']) {
    assertSameImage(assert, warpPerspective(img, [1, 0, 0, 0, 1, 0, 0, 0, 1], { interpolation: interp }), img, interp);
    assertSameImage(assert, warpPerspective(img, [[1, 0, 0], [0, 1, 0], [0, 0, 1]], { interpolation: interp, border: 'wrap' }), img, interp);
  }
  const bad = [
    [() => warpPerspective(img, [1, 0, 0, 0, 1, 0, 0, 0]), /^warpPerspective: expected matrix to be a 3x3 matrix/],
    [() => warpPerspective(img, [1, 0, 0, 0, 1, 0, 0, 0, NaN]), /matrix to be a 3x3 matrix of finite numbers/],
    [() => warpPerspective(img, [1, 2, 0, 2, 4, 0, 0, 0, 1]), /matrix to be an invertible matrix/],
    [() => warpPerspective(img, [1, 0, 0, 0, 1, 0, 0, 0, 1], { interpolation: 'area' }), /options.interpolation/],
    [() => warpPerspective(img, [1, 0, 0, 0, 1, 0, 0, 0, 1], { border: 'mirror' }), /options.border/],
    [() => warpPerspective(img, [1, 0, 0, 0, 1, 0, 0, 0, 1], { fill: [1, 2] }), /fill/],
    [() => warpPerspective(img, [1, 0, 0, 0, 1, 0, 0, 0, 1], { width: 0 }), /options.width/],
    [() => warpPerspective(img, [1, 0, 0, 0, 1, 0, 0, 0, 1], { inverse: 1 }), /options.inverse/],
  ];
  for (const [fn, re] of bad) {
    try { fn(); assert.unreachable(String(re)); } catch (e) {
      assert.instance(e, PixaugError);
      assert.is(e.code, 'INVALID_PARAMETER');
      assert.match(e.message, re);
    }
  }
  // a singular matrix is fine as an inverse map (everything samples one point)
  assert.is(warpPerspective(img, [0, 0, 1, 0, 0, 1, 0, 0, 1], { inverse: true }).width, 9);
});

test.run();
