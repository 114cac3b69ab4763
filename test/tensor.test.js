// toTensor: normalised float32 tensors in NHWC / NCHW; JS formula == scalar == SIMD (bit-exact),
// odd widths for the SIMD tails, errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { init, toTensor, PixaugError } from '../dist/index.js';
import { randomImage } from './helpers.js';

/** Plain JS reference: x * f32(1 / (k std)) + f32(-mean / std), rounded to float32 after each operation. */
function ref(images, layout, mean, std) {
  const f = Math.fround;
  const { width: W, height: H, channels: C } = images[0];
  const k = images[0].data instanceof Float32Array ? 1 : 255;
  const out = new Float32Array(images.length * W * H * C);
  images.forEach((im, n) => {
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < C; c++) {
      const v = f(f(im.data[(y * W + x) * C + c] * f(1 / (k * std[c]))) + f(-mean[c] / std[c]));
      const i = layout === 'NHWC' ? ((n * H + y) * W + x) * C + c : ((n * C + c) * H + y) * W + x;
      out[i] = v;
    }
  });
  return out;
}

test('NHWC / NCHW, uint8 / float32, 1-5 channels, odd widths: JS reference == scalar == SIMD, bit for bit', async () => {
  for (const simd of [true, false]) {
    await init({ simd });
    for (const [c, dtype] of [[1, 'uint8'], [2, 'uint8'], [3, 'uint8'], [4, 'uint8'], [5, 'uint8'], [3, 'float32'], [1, 'float32']]) {
      for (const w of [1, 3, 5, 17, 65]) {
        const imgs = [1, 2, 3].map((s) => randomImage(w, 7, c, dtype, s * 10 + w));
        const mean = [0.485, 0.456, 0.406, 0.5, 0.1].slice(0, c), std = [0.229, 0.224, 0.225, 0.25, 0.3].slice(0, c);
        for (const layout of ['NHWC', 'NCHW']) {
          const t = toTensor(imgs, { layout, mean, std });
          assert.equal(t.shape, layout === 'NHWC' ? [3, 7, w, c] : [3, c, 7, w]);
          const want = ref(imgs, layout, mean, std);
          const bad = t.data.findIndex((v, i) => !Object.is(v, want[i]));
          assert.is(bad, -1, `simd=${simd} ${c}ch ${dtype} w=${w} ${layout}: first difference at ${bad}`);
        }
      }
    }
  }
  await init();
});

test('values: uint8 255 with ImageNet stats; defaults map 0..255 to 0..1; one image; strided input', async () => {
  await init();
  const img = { width: 2, height: 1, channels: 3, data: new Uint8Array([255, 0, 51, 0, 255, 102]) };
  const t = toTensor(img, { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], layout: 'NCHW' });
  assert.equal(t.shape, [1, 3, 1, 2]);
  const close = (a, b) => Math.abs(a - b) < 1e-6;
  assert.ok(close(t.data[0], (1 - 0.485) / 0.229), String(t.data[0]));
  assert.ok(close(t.data[1], (0 - 0.485) / 0.229));
  assert.ok(close(t.data[4], (0.2 - 0.406) / 0.225));
  const plain = toTensor(img);
  assert.equal(Array.from(plain.data), [255, 0, 51, 0, 255, 102].map((v) => Math.fround(v * Math.fround(1 / 255))));
  assert.ok(plain.data.every((v, i) => Math.abs(v - [1, 0, 0.2, 0, 1, 0.4][i]) < 1e-7));
  // a strided view (2 of 3 columns)
  const big = randomImage(3, 4, 1, 'uint8', 3);
  const view = { width: 2, height: 4, channels: 1, data: big.data, stride: 3 };
  const tv = toTensor(view);
  for (let y = 0; y < 4; y++) for (let x = 0; x < 2; x++) assert.is(tv.data[y * 2 + x], Math.fround(big.data[y * 3 + x] * Math.fround(1 / 255)));
});

test('errors', async () => {
  await init();
  const a = randomImage(4, 4, 3, 'uint8', 1), b = randomImage(5, 4, 3, 'uint8', 1);
  const t = (fn, re) => assert.throws(fn, (e) => e instanceof PixaugError && re.test(e.message), String(re));
  t(() => toTensor([]), /at least one image/);
  t(() => toTensor([a, b]), /images\[1\]/);
  t(() => toTensor(a, { layout: 'CHW' }), /layout/);
  t(() => toTensor(a, { std: [1, 0, 1] }), /std/);
  t(() => toTensor(a, { mean: [0, 0] }), /mean/);
  t(() => toTensor(a, { dtype: 'float16' }), /dtype/);
});

test.run();
