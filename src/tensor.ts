// Batches of images -> one normalised float32 tensor (tfjs, onnxruntime-web, any NN runtime).

import { getEngine } from './engine.js';
import { invalid } from './errors.js';
import { checkImage, type CheckedImage, type ImageLike } from './image.js';

/** Options of `toTensor`. */
export interface TensorOptions {
  /** `'NHWC'` (default; tfjs, TensorFlow) or `'NCHW'` (PyTorch, ONNX models). */
  layout?: 'NHWC' | 'NCHW';
  /** Only `'float32'` for now. */
  dtype?: 'float32';
  /** Per-channel mean on the 0..1 scale (one number for all channels). Default 0. ImageNet: [0.485, 0.456, 0.406]. */
  mean?: number | readonly number[];
  /** Per-channel standard deviation on the 0..1 scale, > 0. Default 1. ImageNet: [0.229, 0.224, 0.225]. */
  std?: number | readonly number[];
}

/** A dense float32 tensor with its shape. */
export interface Tensor {
  data: Float32Array;
  /** [N, H, W, C] for NHWC, [N, C, H, W] for NCHW. */
  shape: [number, number, number, number];
  layout: 'NHWC' | 'NCHW';
  dtype: 'float32';
}

function perChannel(op: string, name: string, v: unknown, c: number, def: number, positive: boolean): number[] {
  if (v === undefined) return new Array(c).fill(def);
  const ok = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && (!positive || x > 0);
  if (ok(v)) return new Array(c).fill(v);
  if (Array.isArray(v) && v.length === c && v.every(ok)) return v as number[];
  return invalid(op, `options.${name}`, `a ${positive ? 'positive ' : ''}finite number or ${c} of them (one per channel)`, v);
}

/**
 * Stacks images into one normalised float32 tensor: value = (x / 255 - mean[c]) / std[c] for
 * uint8 (torchvision `ToTensor()` then `Normalize(mean, std)`), (x - mean[c]) / std[c] for
 * float32. Computed in a wasm kernel as x * scale[c] + bias[c] in float32 (scale = 1 / (255 std),
 * bias = -mean / std), so results may differ from the two-step formula by 1 ulp; identical in
 * the SIMD and scalar builds.
 *
 * Feed the result to tfjs as `tf.tensor4d(t.data, t.shape)` (NHWC) or to onnxruntime-web as
 * `new ort.Tensor('float32', t.data, t.shape)` (NCHW); see examples/tfjs.mjs and
 * examples/onnxruntime-web.mjs.
 * @param images one image or an array of images, all of the same width, height, channels and dtype
 * @param options `{ layout = 'NHWC', dtype = 'float32', mean = 0, std = 1 }`
 * @returns `{ data, shape, layout, dtype }`
 * @throws PixaugError `INVALID_PARAMETER` (empty list, images of different sizes / channels /
 *   dtypes, bad layout, dtype, mean or std), `INVALID_IMAGE`, `TOO_LARGE`
 * @example
 *   const t = toTensor(batch, { layout: 'NCHW', mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] });
 *   const input = new ort.Tensor('float32', t.data, t.shape);
 */
export function toTensor(images: ImageLike | readonly ImageLike[], options: TensorOptions = {}): Tensor {
  const op = 'toTensor';
  const list = Array.isArray(images) ? images : [images as ImageLike];
  if (list.length === 0) invalid(op, 'images', 'at least one image', images);
  const checked: CheckedImage[] = list.map((im, i) => checkImage(op, im, `images[${i}]`));
  const f = checked[0];
  checked.forEach((im, i) => {
    if (im.width !== f.width || im.height !== f.height || im.channels !== f.channels || im.dtype !== f.dtype) {
      invalid(op, `images[${i}]`, `a ${f.width}x${f.height}x${f.channels} ${f.dtype} image like images[0]`, `${im.width}x${im.height}x${im.channels} ${im.dtype}`);
    }
  });
  const layout = options.layout ?? 'NHWC';
  if (layout !== 'NHWC' && layout !== 'NCHW') invalid(op, 'options.layout', `'NHWC' or 'NCHW'`, layout);
  if ((options.dtype ?? 'float32') !== 'float32') invalid(op, 'options.dtype', `'float32'`, options.dtype);
  const c = f.channels;
  const mean = perChannel(op, 'mean', options.mean, c, 0, false);
  const std = perChannel(op, 'std', options.std, c, 1, true);
  const k = f.dtype === 'uint8' ? 255 : 1;
  const scale = new Float32Array(std.map((s) => 1 / (k * s)));
  const bias = new Float32Array(mean.map((m, i) => -m / std[i]));
  const per = f.width * f.height * c;
  const total = per * list.length;
  if (total > 2 ** 29) invalid(op, 'images', 'at most 2^29 values in one tensor', total);
  const out = new Float32Array(total);
  const e = getEngine();
  const srcLen = f.stride * (f.height - 1) + f.width * c;
  let sp = 0, dp = 0, pp = 0;
  try {
    sp = e.alloc(srcLen * f.bytes);
    dp = e.alloc(per * 4);
    pp = e.alloc(c * 8);
    const p = e.f32(pp, 2 * c);
    p.set(scale, 0);
    p.set(bias, c);
    for (let n = 0; n < checked.length; n++) {
      const im = checked[n];
      const len = im.stride * (im.height - 1) + im.width * c;
      const input = im.data.length === len ? im.data : im.data.subarray(0, len);
      if (im.dtype === 'float32') e.f32(sp, len).set(input);
      else e.u8(sp, len).set(input);
      e.k.toTensor(sp, dp, f.width, f.height, c, im.stride * im.bytes, im.dtype === 'float32' ? 1 : 0, layout === 'NCHW' ? 1 : 0, pp, pp + c * 4);
      out.set(e.f32(dp, per), n * per);
    }
  } finally {
    e.free(pp);
    e.free(dp);
    e.free(sp);
  }
  const N = list.length;
  return { data: out, shape: layout === 'NHWC' ? [N, f.height, f.width, c] : [N, c, f.height, f.width], layout, dtype: 'float32' };
}
