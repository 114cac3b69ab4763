// Pipelines: seeding per (index, node), containers, p, replay, JSON round trips, fusion.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { init, transforms as T, rotate, flip, resize, PixaugError, Random } from '../dist/index.js';
import * as TT from '../dist/transforms/index.js';
import { readImage } from '../dist/node/index.js';
import { randomImage } from './helpers.js';

test.before(async () => { await init(); });

const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

function pipeline(seed = 42) {
  return T.compose([
    T.horizontalFlip({ p: 0.5 }),
    T.rotate({ limit: [-15, 15], border: 'reflect', p: 0.8 }),
    T.randomResizedCrop({ width: 24, height: 24, scale: [0.5, 1] }),
    T.oneOf([T.gaussianNoise({ sigma: [2, 10] }), T.saltAndPepper({ amount: [0.01, 0.05] })], { p: 0.3 }),
    T.someOf([T.brightness(), T.contrast(), T.gamma(), T.hueSaturationValue()], 2),
  ], { seed });
}

test('the issue example works from both entry points', () => {
  assert.is(TT.compose, T.compose);
  const image = randomImage(40, 30, 3, 'uint8', 1);
  const out = pipeline()({ image, boxes: [[2, 3, 20, 25]], labels: ['a'] }, { index: 0 });
  assert.is(out.image.width, 24);
  assert.is(out.image.height, 24);
  assert.ok(Array.isArray(out.applied.steps));
});

test('same seed + index = same bytes, in any order, from fresh pipelines; other index or seed differs', () => {
  const image = randomImage(40, 30, 3, 'uint8', 2);
  const a = pipeline();
  const forward = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => a({ image }, { index: i }));
  const b = pipeline();
  const backward = [7, 6, 5, 4, 3, 2, 1, 0].map((i) => b({ image }, { index: i })).reverse();
  for (let i = 0; i < 8; i++) {
    assert.ok(same(forward[i].image.data, backward[i].image.data), `index ${i}`);
    assert.equal(forward[i].applied, backward[i].applied);
  }
  let distinct = 0;
  for (let i = 1; i < 8; i++) if (!same(forward[0].image.data, forward[i].image.data)) distinct++;
  assert.is(distinct, 7);
  const c = pipeline(43)({ image }, { index: 0 });
  assert.not.ok(same(c.image.data, forward[0].image.data));
  // no index: the call counter 0, 1, 2 ...
  const d = pipeline();
  assert.ok(same(d({ image }).image.data, forward[0].image.data));
  assert.ok(same(d({ image }).image.data, forward[1].image.data));
});

test('streams: node k of sample i draws from Random(seed, i * 1024 + k)', () => {
  // a lone rotate (node 1 under the compose root): p draw then the angle draw
  const aug = T.compose([T.rotate({ limit: [-30, 30] })], { seed: 9 });
  const image = randomImage(9, 9, 1, 'uint8', 3);
  for (const index of [0, 5, 123456]) {
    const r = new Random(9, index * 1024 + 1);
    r.float(); // p decision
    const angle = -30 + 60 * r.float();
    assert.is(aug({ image }, { index }).applied.steps[0].params.angle, angle);
  }
  // indices beyond 2^22 still give distinct, valid streams
  const big = aug({ image }, { index: 2 ** 40 + 3 }).applied.steps[0].params.angle;
  const small = aug({ image }, { index: 3 }).applied.steps[0].params.angle;
  assert.ok(big !== small);
});

test('p: 0 never, 1 always, 0.5 about half; oneOf applies exactly one, weighted by p; someOf n distinct', () => {
  const image = randomImage(8, 8, 3, 'uint8', 4);
  const count = (aug, pred, n = 2000) => { let k = 0; for (let i = 0; i < n; i++) if (pred(aug({ image }, { index: i }).applied.steps)) k++; return k; };
  assert.is(count(T.compose([T.horizontalFlip({ p: 0 })], { seed: 1 }), (s) => s.length > 0), 0);
  assert.is(count(T.compose([T.horizontalFlip({ p: 1 })], { seed: 1 }), (s) => s.length === 1), 2000);
  const half = count(T.compose([T.horizontalFlip()], { seed: 1 }), (s) => s.length === 1);
  assert.ok(half > 900 && half < 1100, `p = 0.5 gave ${half} / 2000`); // binomial sd 22
  const one = T.compose([T.oneOf([T.horizontalFlip({ p: 3 / 4 > 1 ? 1 : 0.75 }), T.verticalFlip({ p: 0.25 })], { p: 1 })], { seed: 2 });
  let h = 0;
  for (let i = 0; i < 2000; i++) {
    const s = one({ image }, { index: i }).applied.steps;
    assert.is(s.length, 1);
    if (s[0].name === 'horizontalFlip') h++;
  }
  assert.ok(h > 1440 && h < 1560, `oneOf weights 3:1 gave ${h} / 2000`); // sd 19
  const some = T.compose([T.someOf([T.brightness(), T.contrast(), T.gamma(), T.solarize()], 2)], { seed: 3 });
  const seen = new Set();
  for (let i = 0; i < 300; i++) {
    const names = some({ image }, { index: i }).applied.steps.map((s) => s.name);
    assert.is(names.length, 2);
    assert.is.not(names[0], names[1]);
    const order = ['brightness', 'contrast', 'gamma', 'solarize'];
    assert.ok(order.indexOf(names[0]) < order.indexOf(names[1]), 'listed order kept');
    seen.add(names.join());
  }
  assert.is(seen.size, 6); // all C(4, 2) pairs occur
  const ro = T.compose([T.randomOrder([T.brightness(), T.contrast(), T.gamma()])], { seed: 4 });
  const orders = new Set();
  for (let i = 0; i < 300; i++) orders.add(ro({ image }, { index: i }).applied.steps.map((s) => s.name).join());
  assert.is(orders.size, 6); // all 3! orders
  const seq = T.compose([T.sequential([T.horizontalFlip({ p: 1 }), T.verticalFlip({ p: 1 })], { p: 1 })], { seed: 5 });
  assert.equal(seq({ image }).applied.steps.map((s) => s.name), ['horizontalFlip', 'verticalFlip']);
});

test('a step applies the functional operation with the sampled parameters', () => {
  const image = randomImage(33, 21, 3, 'uint8', 5);
  const out = T.compose([T.horizontalFlip({ p: 1 }), T.rotate({ limit: 20, border: 'reflect' })], { seed: 6, fuse: false })({ image }, { index: 3 });
  const angle = out.applied.steps[1].params.angle;
  const want = rotate(flip(image, 'horizontal'), angle, { border: 'reflect' });
  assert.ok(same(out.image.data, want.data));
});

test('replay: same bytes, boxes, keypoints; JSON of applied round-trips', () => {
  const image = randomImage(40, 30, 3, 'uint8', 6);
  const sample = { image, boxes: [[2, 3, 20, 25], [30, 1, 39, 9]], labels: ['a', 'b'], keypoints: [[10, 10, 45, 1]], mask: randomImage(40, 30, 1, 'uint8', 7) };
  const aug = pipeline(77);
  for (let i = 0; i < 10; i++) {
    const out = aug(sample, { index: i });
    const again = T.replay(JSON.parse(JSON.stringify(out.applied)), sample);
    assert.ok(same(again.image.data, out.image.data), `replay image ${i}`);
    assert.ok(same(again.mask.data, out.mask.data), `replay mask ${i}`);
    assert.equal(again.boxes, out.boxes);
    assert.equal(again.labels, out.labels);
    assert.equal(again.keypoints, out.keypoints);
  }
});

test('toJSON / fromJSON: identical results for the same indices, through text', () => {
  const image = randomImage(40, 30, 3, 'uint8', 8);
  const aug = T.compose([
    T.verticalFlip(), T.randomRotate90(), T.affine({ rotate: 10, scale: [0.9, 1.1], shearX: 5, translateX: 0.1 }),
    T.shift({ round: true }), T.scale(), T.perspective(), T.randomOrder([T.gaussianBlur(), T.sharpen(), T.posterize(), T.equalize()]),
    T.oneOf([T.uniformNoise(), T.speckleNoise(), T.poissonNoise(), T.cutout({ holes: [1, 3], size: 0.2 })]),
    T.grayscale({ p: 0.5 }), T.solarize({ threshold: [100, 200], p: 0.3 }), T.pad({ top: 2, left: 1 }), T.centerCrop({ width: 30, height: 28 }),
    T.randomCrop({ width: 20, height: 20 }), T.resize({ width: 16, height: 12 }), T.crop({ x: 1, y: 1, width: 14, height: 10 }),
    T.transpose(),
  ], { seed: 123456789012345n, boxFormat: 'coco', minVisibility: 0.2 });
  const text = JSON.stringify(aug.toJSON());
  const back = T.fromJSON(text);
  assert.equal(back.toJSON(), aug.toJSON());
  assert.is(back.seed, 123456789012345n);
  for (let i = 0; i < 20; i++) {
    const a = aug({ image, boxes: [[3, 4, 10, 10]] }, { index: i });
    const b = back({ image, boxes: [[3, 4, 10, 10]] }, { index: i });
    assert.ok(same(a.image.data, b.image.data), `index ${i}`);
    assert.equal(a.boxes, b.boxes);
  }
  // seeds beyond 2^53 are kept exactly (as decimal strings)
  const big = T.compose([T.rotate()], { seed: 2n ** 63n + 5n });
  assert.is(big.toJSON().options.seed, '9223372036854775813');
  assert.is(T.fromJSON(big.toJSON()).seed, 2n ** 63n + 5n);
  // an unseeded pipeline records its drawn seed
  const u = T.compose([T.rotate()]);
  const ub = T.fromJSON(u.toJSON());
  assert.ok(same(u({ image }, { index: 4 }).image.data, ub({ image }, { index: 4 }).image.data));
});

function mad(a, b, margin) {
  const { width: W, height: H, channels: C } = a;
  let sum = 0, n = 0;
  for (let y = margin; y < H - margin; y++) for (let x = margin; x < W - margin; x++) for (let c = 0; c < C; c++) {
    sum += Math.abs(a.data[(y * W + x) * C + c] - b.data[(y * W + x) * C + c]); n++;
  }
  return sum / n;
}

function madBox(a, b, x0, y0, w, h) {
  const { width: W, channels: C } = a;
  let sum = 0;
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) for (let c = 0; c < C; c++) sum += Math.abs(a.data[(y * W + x) * C + c] - b.data[(y * W + x) * C + c]);
  return sum / (w * h * C);
}

test('fusion: flip + rotate + scale (+ resize) resampled once; within tolerance of step by step; same targets', async () => {
  const photo = await readImage(new URL('../examples/images/chelsea_cat_451x300.png', import.meta.url));
  const base = [T.horizontalFlip({ p: 1 }), T.rotate({ limit: [12, 12], border: 'reflect' }), T.scale({ factor: [1.1, 1.1], border: 'reflect' })];
  // measured: 0.607 with the resize (the shrinking resize is a fusion barrier and runs antialiased), 1.068 without
  for (const [steps, tol, w] of [[[...base, T.resize({ width: 300, height: 200 })], 0.7, 300], [base, 1.2, 451]]) {
    const sample = { image: photo, boxes: [[100, 50, 300, 250]], keypoints: [[200, 150, 10, 1]] };
    const fused = T.compose(steps, { seed: 1 })(sample, { index: 0 });
    const plain = T.compose(steps, { seed: 1, fuse: false })(sample, { index: 0 });
    assert.equal(fused.boxes, plain.boxes);
    assert.equal(fused.keypoints, plain.keypoints);
    assert.is(fused.image.width, w);
    const m = mad(fused.image, plain.image, 20);
    // bilinear uint8: one resample instead of two or three; differences are interpolation error
    assert.ok(m < tol, `interior mean |fused - unfused| = ${m.toFixed(3)} (tol ${tol})`);
    assert.ok(m > 0.05, 'the fused path really resampled once (not the same bytes)');
  }
  // fuse: 'all' also fuses the shrinking resize (1.5x, below the 2x antialiasing threshold: point
  // sampled, so it aliases a little: measured 2.11 vs step by step, against 0.61 for the default)
  const steps = [...base, T.resize({ width: 300, height: 200 })];
  const all = T.compose(steps, { seed: 1, fuse: 'all' })({ image: photo }).image;
  const plain = T.compose(steps, { seed: 1, fuse: false })({ image: photo }).image;
  const fused = T.compose(steps, { seed: 1 })({ image: photo }).image;
  const mAll = mad(all, plain, 20);
  if (process.env.SHOW) console.log('fuse all', mAll, mad(all, fused, 20));
  assert.ok(mAll < 2.5 && mad(all, fused, 20) > 0.05, `fuse 'all': ${mAll.toFixed(3)}`);
  assert.is(T.fromJSON(T.compose(steps, { seed: 1, fuse: 'all' }).toJSON()).toJSON().options.fuse, 'all');
});

test('fusion: strong shrink (resize prefilter, as the affine ops) and perspective (projective path) stay close to step by step', async () => {
  const photo = await readImage(new URL('../examples/images/chelsea_cat_451x300.png', import.meta.url));
  for (const [steps, tol] of [
    // measured 0.015 and 0: a flip composes (almost) exactly with the following map
    [[T.horizontalFlip({ p: 1 }), T.scale({ factor: [0.3, 0.3], border: 'reflect' })], 0.05],
    [[T.verticalFlip({ p: 1 }), T.perspective({ scale: [0.1, 0.1] })], 0.05],
    // measured 1.35 (both prefilter the 0.3x shrink with the antialiased resize, the fused path before
    // the rotation, the steps after it) and 1.26 (one bilinear resample instead of two)
    [[T.rotate({ limit: [10, 10], border: 'reflect' }), T.scale({ factor: [0.3, 0.3], border: 'reflect' })], 1.5],
    [[T.rotate({ limit: [10, 10], border: 'reflect' }), T.perspective({ scale: [0.1, 0.1], border: 'reflect' })], 1.5],
  ]) {
    const f = T.compose(steps, { seed: 2 })({ image: photo }).image;
    const u = T.compose(steps, { seed: 2, fuse: false })({ image: photo }).image;
    // the centre 120 x 60 pixels: content of the source in every case (a 0.3 zoom-out fills the rest with border)
    const m = madBox(f, u, (f.width >> 1) - 60, (f.height >> 1) - 30, 120, 60);
    if (process.env.SHOW) console.log(steps.map((s) => s.name).join(' + '), m);
    assert.ok(m < tol, `${steps.map((s) => s.name).join(' + ')}: interior mean |fused - unfused| = ${m.toFixed(3)}`);
  }
});

test('fusion: flips and crops alone stay memory moves (bit-exact with the operations)', () => {
  const image = randomImage(31, 17, 3, 'uint8', 9);
  const a = T.compose([T.horizontalFlip({ p: 1 }), T.verticalFlip({ p: 1 }), T.crop({ x: 2, y: 3, width: 20, height: 10 })], { seed: 1 })({ image });
  const b = T.compose([T.horizontalFlip({ p: 1 }), T.verticalFlip({ p: 1 }), T.crop({ x: 2, y: 3, width: 20, height: 10 })], { seed: 1, fuse: false })({ image });
  assert.ok(same(a.image.data, b.image.data));
});

test('float32 images and masks through a pipeline', () => {
  const image = randomImage(20, 16, 3, 'float32', 10);
  const mask = randomImage(20, 16, 1, 'uint8', 11);
  const out = T.compose([T.rotate({ limit: 30 }), T.gaussianNoise({ sigma: [0.01, 0.05] }), T.brightness()], { seed: 3 })({ image, mask }, { index: 2 });
  assert.ok(out.image.data instanceof Float32Array);
  assert.ok(out.mask.data instanceof Uint8Array);
  // the mask only holds values of the input mask (or 0 from the border)
  const vals = new Set(mask.data);
  assert.ok(out.mask.data.every((v) => v === 0 || vals.has(v)));
  // intensity defaults follow the dtype: [5, 25] levels for uint8, [5/255, 25/255] for float32
  const d = T.compose([T.gaussianNoise(), T.solarize()], { seed: 1 });
  for (let i = 0; i < 20; i++) {
    const [f, u] = [d(image, { index: i }), d(randomImage(20, 16, 3, 'uint8', 1), { index: i })].map((r) => r.applied.steps);
    assert.ok(f[0].params.sigma >= 5 / 255 && f[0].params.sigma < 25 / 255, String(f[0].params.sigma));
    assert.ok(Math.abs(u[0].params.sigma / 255 - f[0].params.sigma) < 1e-12, 'same draw, scaled');
    assert.is(f[1].params.threshold, 0.5);
    assert.is(u[1].params.threshold, 128);
  }
});

test('several masks and an ImageData-like input (Uint8ClampedArray RGBA)', () => {
  const w = 30, h = 20;
  const image = { width: w, height: h, data: new Uint8ClampedArray(randomImage(w, h, 4, 'uint8', 12).data) };
  const masks = [randomImage(w, h, 1, 'uint8', 13), randomImage(w, h, 2, 'uint8', 14)];
  const aug = T.compose([T.randomRotate90({ k: [1], p: 1 }), T.brightness({ factor: [1.5, 1.5] })], { seed: 1 });
  const out = aug({ image, masks });
  assert.is(out.image.channels, 4);
  assert.equal([out.image.width, out.image.height], [h, w]);
  // masks: rotated, never brightened
  for (const [k, m] of masks.entries()) {
    const r = out.masks[k];
    assert.equal([r.width, r.height, r.channels], [h, w, m.channels]);
    // np.rot90: out(x', y') = in(W - 1 - y', x')
    for (let c = 0; c < m.channels; c++) assert.is(r.data[(3 * h + 2) * m.channels + c], m.data[(2 * w + (w - 1 - 3)) * m.channels + c]);
  }
});

test('errors name the transform and the option', () => {
  const t = (fn, re) => assert.throws(fn, (e) => e instanceof PixaugError && re.test(e.message), String(re));
  t(() => T.rotate({ limit: 'x' }), /transforms\.rotate: expected options\.limit/);
  t(() => T.horizontalFlip({ p: 2 }), /options\.p/);
  t(() => T.resize({ width: 0, height: 5 }), /options\.width/);
  t(() => T.compose([{}]), /transforms\[0\]/);
  t(() => T.someOf([T.rotate()], 2), /expected n/);
  t(() => T.oneOf([]), /at least one/);
  t(() => T.compose([], { seed: -1 }), /seed/);
  t(() => T.compose([T.rotate()], { seed: 1 })(randomImage(4, 4, 1, 'uint8', 1), { index: -1 }), /index/);
  t(() => T.fromJSON({ name: 'nope', options: {} }), /known transform/);
  t(() => T.replay({}, randomImage(4, 4, 1, 'uint8', 1)), /applied/);
});

test.run();
