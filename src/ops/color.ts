// Photometric operations: brightness, contrast, gamma, grayscale, solarize, posterize, equalize,
// hueSaturationValue, gaussianBlur, sharpen, cutout.
//
// Conventions of every function here:
// - Images are HWC, uint8 or float32 (nominal 0..1), any channel count unless stated.
// - uint8 results round half up and saturate to 0..255; float32 results are not clamped unless
//   stated. The per-pixel work happens in wasm (assembly/color.ts, assembly/blur.ts); src/ only
//   builds 256-entry tables and kernels.
// - Alpha: for 2-channel (gray + alpha) and 4-channel (RGBA) images the last channel is alpha and
//   is returned unchanged.
// - Each function names the library function it matches and the golden test's tolerance
//   (test/color.test.js, fixtures from test/reference/make_color.py).

import { getEngine, runKernel, type KernelExports, type Placed } from '../engine.js';
import { PixaugError, invalid } from '../errors.js';
import {
  BORDER_CODES, checkBorder, checkFill, checkImage, checkInt,
  type BorderMode, type CheckedImage, type Fill, type Image, type ImageLike,
} from '../image.js';
import { Random } from '../random.js';
import { philoxKey, type SeedOptions } from './seed.js';

const hasAlpha = (src: CheckedImage): boolean => src.channels === 2 || src.channels === 4;

function finite(op: string, name: string, v: unknown, ok: (x: number) => boolean = () => true, what = 'a finite number'): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) invalid(op, name, what, v);
  return v as number;
}

function opts(op: string, o: unknown): Record<string, unknown> {
  if (o === undefined) return {};
  if (o === null || typeof o !== 'object') invalid(op, 'options', 'an object', o);
  return o as Record<string, unknown>;
}

/** Kernel row layout: a dense image is one long row. [rowLen, rows, srcStride, dstStride] */
function rowsOf(src: CheckedImage, s: Placed, d: Placed): [number, number, number, number] {
  const rowLen = src.width * src.channels;
  if (src.stride === rowLen) return [rowLen * src.height, 1, 0, 0];
  return [rowLen, src.height, s.stride, d.stride];
}

function requireUint8(op: string, src: CheckedImage): void {
  if (src.dtype !== 'uint8') {
    throw new PixaugError('INVALID_IMAGE', `${op}: expected a uint8 image (the operation is defined on 8-bit levels) but received float32 data`);
  }
}

/** Runs one wasm call with scratch memory of `bytes` bytes; `fill` writes into it first. */
function withScratch<T>(bytes: number, body: (ptr: number) => T): T {
  const e = getEngine();
  const p = e.alloc(bytes);
  try {
    return body(p);
  } finally {
    e.free(p);
  }
}

/** Applies per-channel 256-entry tables (Uint8Array of 256 c) to a uint8 image. */
function applyLut(op: string, src: CheckedImage, luts: Uint8Array): Image {
  return runKernel(op, src, src, (k, s, d) => {
    withScratch(luts.length, (lp) => {
      getEngine().u8(lp, luts.length).set(luts);
      const [rowLen, rows, ss, ds] = rowsOf(src, s, d);
      k.lutU8(s.ptr, d.ptr, rowLen, rows, ss, ds, src.channels, lp);
    });
  });
}

/** Tables for a uint8 map f(v) of every channel but alpha: round half up, saturate. */
function lutsOf(src: CheckedImage, f: (v: number) => number): Uint8Array {
  const c = src.channels;
  const luts = new Uint8Array(256 * c);
  for (let ch = 0; ch < c; ch++) {
    const keep = hasAlpha(src) && ch === c - 1;
    for (let v = 0; v < 256; v++) {
      const y = keep ? v : Math.floor(f(v) + 0.5);
      luts[ch * 256 + v] = y < 0 ? 0 : y > 255 ? 255 : y;
    }
  }
  return luts;
}

/** float32 per-channel affine map out = in * a + b (alpha: a = 1, b = 0). */
function applyAffineF32(op: string, src: CheckedImage, a: number, b: number, clip: boolean): Image {
  const c = src.channels;
  const coef = new Float32Array(2 * c);
  for (let ch = 0; ch < c; ch++) {
    const keep = hasAlpha(src) && ch === c - 1;
    coef[ch] = keep ? 1 : a;
    coef[c + ch] = keep ? 0 : b;
  }
  return runKernel(op, src, src, (k, s, d) => {
    withScratch(coef.byteLength, (cp) => {
      getEngine().f32(cp, coef.length).set(coef);
      const [rowLen, rows, ss, ds] = rowsOf(src, s, d);
      k.affineF32(s.ptr, d.ptr, rowLen, rows, ss, ds, c, cp, clip ? 1 : 0);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// brightness, contrast, gamma
// ---------------------------------------------------------------------------------------------

/**
 * Scales intensities: out = in * factor (alpha unchanged). factor 0 gives black, 1 the input.
 * The brightness of torchvision `adjust_brightness` and Pillow `ImageEnhance.Brightness` (which
 * truncate uint8 results instead of rounding). uint8: a 256-entry table, round half up,
 * saturate; matches `cv2.convertScaleAbs(img, alpha=factor)` except at exact .5 ties (OpenCV
 * rounds those to even). float32: in * factor, unclamped unless `clip`.
 * @param img image (or ImageData), uint8 or float32, any channels
 * @param factor finite number >= 0
 * @param options `{ clip = false }` (float32: clamp to [0, 1])
 * @returns a new image of the same shape and type
 * @throws PixaugError `INVALID_PARAMETER` (negative or non-finite factor), `INVALID_IMAGE`, `TOO_LARGE`
 * @example const darker = brightness(img, 0.7);
 */
export function brightness(img: ImageLike, factor: number, options: { clip?: boolean } = {}): Image {
  const op = 'brightness';
  const src = checkImage(op, img);
  finite(op, 'factor', factor, (v) => v >= 0, 'a finite number >= 0');
  const o = opts(op, options);
  if (src.dtype === 'uint8') return applyLut(op, src, lutsOf(src, (v) => Math.fround(v * Math.fround(factor))));
  return applyAffineF32(op, src, factor, 0, o.clip === true);
}

/** Pillow's luma weights (ITU-R BT.601 in 16-bit fixed point): L = (R 19595 + G 38470 + B 7471 + 2^15) >> 16. */
const PILLOW_LUMA = [19595, 38470, 7471, 16] as const;
/** OpenCV 4.6 luma weights (15-bit fixed point, color_rgb.simd.hpp RY15 GY15 BY15): Y = (R 9798 + G 19235 + B 3735 + 2^14) >> 15. */
const OPENCV_LUMA = [9798, 19235, 3735, 15] as const;
const BT601 = [0.299, 0.587, 0.114] as const;

/**
 * Scales contrast around the mean luma: out = mean + factor * (in - mean), alpha unchanged.
 * uint8: mean = round(mean over pixels of the BT.601 luma L = (19595 R + 38470 G + 7471 B +
 * 2^15) >> 16), for 1- and 2-channel images of the gray channel: exactly Pillow's
 * `ImageEnhance.Contrast` mean; the map is a 256-entry table rounding half up, where Pillow
 * truncates, so pixaug - Pillow is 0 or 1 (golden test). float32: mean = the mean of
 * 0.299 R + 0.587 G + 0.114 B (not rounded), as torchvision `adjust_contrast` on float tensors.
 * factor 0 gives a flat gray image, 1 the input.
 * @param img image (or ImageData), uint8 or float32, any channels (the luma uses channels 0..2
 *   when there are at least 3)
 * @param factor finite number >= 0
 * @param options `{ clip = false }` (float32: clamp to [0, 1])
 * @returns a new image
 * @throws PixaugError `INVALID_PARAMETER`, `INVALID_IMAGE`, `TOO_LARGE`
 * @example const flat = contrast(img, 0.5);
 */
export function contrast(img: ImageLike, factor: number, options: { clip?: boolean } = {}): Image {
  const op = 'contrast';
  const src = checkImage(op, img);
  finite(op, 'factor', factor, (v) => v >= 0, 'a finite number >= 0');
  const o = opts(op, options);
  const n = src.width * src.height;
  if (src.dtype === 'uint8') {
    let mean = 0;
    runKernel(op, src, { width: 1, height: 1, channels: 1 }, (k, s) => {
      const [wr, wg, wb, sh] = PILLOW_LUMA;
      mean = Math.floor(k.lumaSumU8(s.ptr, src.width, src.height, s.stride, src.channels, wr, wg, wb, sh) / n + 0.5);
    });
    const f = Math.fround(factor);
    return applyLut(op, src, lutsOf(src, (v) => Math.fround(mean + Math.fround(f * (v - mean)))));
  }
  let mean = 0;
  runKernel(op, src, { width: 1, height: 1, channels: 1 }, (k, s) => {
    mean = k.lumaSumF32(s.ptr, src.width, src.height, s.stride, src.channels, BT601[0], BT601[1], BT601[2]) / n;
  });
  return applyAffineF32(op, src, factor, (1 - factor) * mean, o.clip === true);
}

/**
 * Gamma correction: out = gain * in^gamma on the nominal range (uint8: 255 gain (in / 255)^gamma),
 * alpha unchanged. As `skimage.exposure.adjust_gamma(img, gamma, gain)`; its 0.19 uint8 table
 * truncates, pixaug's rounds half up (golden test: pixaug equals floor(skimage's float table +
 * 0.5) exactly, and skimage's uint8 result or one more). float32: pixaug's own float32 log and
 * exp (assembly/mathf.ts): within 1e-6 relative of skimage; samples <= 0 give 0.
 * @param img image (or ImageData), uint8 or float32, any channels
 * @param gamma finite number > 0 (< 1 brightens, > 1 darkens)
 * @param options `{ gain = 1 }` (finite, >= 0)
 * @returns a new image
 * @throws PixaugError `INVALID_PARAMETER` (gamma <= 0, bad gain), `INVALID_IMAGE`, `TOO_LARGE`
 * @example const lifted = gamma(img, 0.8);
 */
export function gamma(img: ImageLike, gamma: number, options: { gain?: number } = {}): Image {
  const op = 'gamma';
  const src = checkImage(op, img);
  finite(op, 'gamma', gamma, (v) => v > 0 && v <= 1e6, 'a number in (0, 1e6]');
  const o = opts(op, options);
  const gain = finite(op, 'options.gain', o.gain ?? 1, (v) => v >= 0 && v <= 1e6, 'a number in [0, 1e6]');
  if (src.dtype === 'uint8') return applyLut(op, src, lutsOf(src, (v) => 255 * gain * (v / 255) ** gamma));
  return runKernel(op, src, src, (k, s, d) => {
    const [rowLen, rows, ss, ds] = rowsOf(src, s, d);
    k.gammaF32(s.ptr, d.ptr, rowLen, rows, ss, ds, src.channels, gamma, gain, hasAlpha(src) ? 1 : 0);
  });
}

// ---------------------------------------------------------------------------------------------
// grayscale
// ---------------------------------------------------------------------------------------------

/** Options of `grayscale`. */
export interface GrayscaleOptions {
  /** uint8 rounding of the BT.601 weights: `'opencv'` (default, cv2.cvtColor RGB2GRAY) or `'pillow'` (Image.convert('L')); they differ by at most 1. */
  method?: 'opencv' | 'pillow';
  /** false (default): a 1-channel image; true: the same channel count, gray in channels 0..2, alpha (and further channels) copied. */
  keepChannels?: boolean;
}

/**
 * Converts RGB(A) to gray with the ITU-R BT.601 luma weights 0.299 R + 0.587 G + 0.114 B.
 * uint8: bit-exact with `cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)` (15-bit fixed point in OpenCV 4.6) or with
 * Pillow `Image.convert('L')` (16-bit fixed point) via `method`. float32: (0.299 R + 0.587 G) +
 * 0.114 B in float32, within 1e-6 of cv2.cvtColor on float32 images.
 * @param img image with at least 3 channels (channels 0, 1, 2 = R, G, B)
 * @param options `{ method = 'opencv', keepChannels = false }`
 * @returns a 1-channel image (or the input's channel count with keepChannels)
 * @throws PixaugError `INVALID_IMAGE` (fewer than 3 channels), `INVALID_PARAMETER` (unknown method)
 * @example const gray = grayscale(rgb);
 */
export function grayscale(img: ImageLike, options: GrayscaleOptions = {}): Image {
  const op = 'grayscale';
  const src = checkImage(op, img);
  const o = opts(op, options);
  if (src.channels < 3) throw new PixaugError('INVALID_IMAGE', `${op}: expected an image with at least 3 channels (RGB) but received ${src.channels}`);
  const method = o.method ?? 'opencv';
  if (method !== 'opencv' && method !== 'pillow') invalid(op, 'options.method', `'opencv' or 'pillow'`, method);
  if (o.keepChannels !== undefined && typeof o.keepChannels !== 'boolean') invalid(op, 'options.keepChannels', 'true or false', o.keepChannels);
  const outC = o.keepChannels ? src.channels : 1;
  return runKernel(op, src, { width: src.width, height: src.height, channels: outC }, (k, s, d) => {
    if (src.dtype === 'uint8') {
      const [wr, wg, wb, sh] = method === 'pillow' ? PILLOW_LUMA : OPENCV_LUMA;
      k.grayU8(s.ptr, d.ptr, src.width, src.height, s.stride, d.stride, src.channels, outC, wr, wg, wb, sh);
    } else {
      k.grayF32(s.ptr, d.ptr, src.width, src.height, s.stride, d.stride, src.channels, outC, BT601[0], BT601[1], BT601[2]);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// solarize, posterize, equalize
// ---------------------------------------------------------------------------------------------

/**
 * Inverts the samples at or above a threshold: out = in < threshold ? in : max - in (max = 255
 * uint8, 1 float32), alpha unchanged. Bit-exact with Pillow `ImageOps.solarize(img, threshold)`
 * (and torchvision `solarize`).
 * @param img image (or ImageData), uint8 or float32, any channels
 * @param threshold default 128 (uint8) / 0.5 (float32); uint8: integer 0..256
 * @returns a new image
 * @throws PixaugError `INVALID_PARAMETER`, `INVALID_IMAGE`, `TOO_LARGE`
 * @example const s = solarize(img, 200);
 */
export function solarize(img: ImageLike, threshold?: number): Image {
  const op = 'solarize';
  const src = checkImage(op, img);
  if (src.dtype === 'uint8') {
    const t = threshold ?? 128;
    if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t > 256) invalid(op, 'threshold', 'an integer from 0 to 256', t);
    return applyLut(op, src, lutsOf(src, (v) => (v < t ? v : 255 - v)));
  }
  const t = finite(op, 'threshold', threshold ?? 0.5);
  return runKernel(op, src, src, (k, s, d) => {
    const [rowLen, rows, ss, ds] = rowsOf(src, s, d);
    k.solarizeF32(s.ptr, d.ptr, rowLen, rows, ss, ds, src.channels, t, hasAlpha(src) ? 1 : 0);
  });
}

/**
 * Keeps the top `bits` bits of every uint8 sample: out = in & ~(2^(8-bits) - 1), alpha unchanged.
 * Bit-exact with Pillow `ImageOps.posterize(img, bits)` (torchvision `posterize`). uint8 only.
 * @param img uint8 image (or ImageData), any channels
 * @param bits integer 1..8 (8 = unchanged)
 * @returns a new image
 * @throws PixaugError `INVALID_IMAGE` (float32 input), `INVALID_PARAMETER` (bits), `TOO_LARGE`
 * @example const poster = posterize(img, 3);
 */
export function posterize(img: ImageLike, bits: number): Image {
  const op = 'posterize';
  const src = checkImage(op, img);
  requireUint8(op, src);
  if (typeof bits !== 'number' || !Number.isInteger(bits) || bits < 1 || bits > 8) invalid(op, 'bits', 'an integer from 1 to 8', bits);
  const mask = ~((1 << (8 - bits)) - 1) & 255;
  return applyLut(op, src, lutsOf(src, (v) => v & mask));
}

/**
 * Histogram equalisation per channel (alpha unchanged), bit-exact with Pillow
 * `ImageOps.equalize` (torchvision `equalize`): with h the channel's histogram and step =
 * floor((N - h[last non-empty level]) / 255), level i maps to floor((floor(step / 2) +
 * sum_{j<i} h[j]) / step), saturated to 255; a channel with one level or step 0 is unchanged.
 * uint8 only.
 * @param img uint8 image (or ImageData), any channels
 * @returns a new image
 * @throws PixaugError `INVALID_IMAGE` (float32 input), `TOO_LARGE`
 * @example const eq = equalize(img);
 */
export function equalize(img: ImageLike): Image {
  const op = 'equalize';
  const src = checkImage(op, img);
  requireUint8(op, src);
  const c = src.channels;
  const hist = new Uint32Array(256 * c);
  runKernel(op, src, { width: 1, height: 1, channels: 1 }, (k, s) => {
    withScratch(hist.byteLength, (hp) => {
      const e = getEngine();
      e.u8(hp, hist.byteLength).fill(0);
      k.histogramU8(s.ptr, src.width * c, src.height, s.stride, c, hp);
      hist.set(new Uint32Array(e.u8(hp, hist.byteLength).slice().buffer));
    });
  });
  const luts = new Uint8Array(256 * c);
  for (let ch = 0; ch < c; ch++) {
    const h = hist.subarray(ch * 256, ch * 256 + 256);
    const lut = luts.subarray(ch * 256, ch * 256 + 256);
    let last = -1, levels = 0, total = 0;
    for (let i = 0; i < 256; i++) if (h[i]) { last = i; levels++; total += h[i]; }
    const step = levels > 1 ? Math.floor((total - h[last]) / 255) : 0;
    if ((hasAlpha(src) && ch === c - 1) || step === 0) {
      for (let i = 0; i < 256; i++) lut[i] = i;
      continue;
    }
    let acc = Math.floor(step / 2);
    for (let i = 0; i < 256; i++) {
      lut[i] = Math.min(255, Math.floor(acc / step));
      acc += h[i];
    }
  }
  return applyLut(op, src, luts);
}

// ---------------------------------------------------------------------------------------------
// hue, saturation, value
// ---------------------------------------------------------------------------------------------

/** Options of `hueSaturationValue`. */
export interface HsvOptions {
  /** Hue shift in degrees (any finite value; taken modulo 360). Default 0. */
  hue?: number;
  /** Added to the saturation S in [0, 1], result clamped to [0, 1]. Default 0. */
  saturation?: number;
  /** Added to the value V = max(R, G, B) on the [0, 1] scale (uint8: 0.1 = 25.5 levels), clamped to [0, 1]. Default 0. */
  value?: number;
}

/**
 * Shifts hue, saturation and value (albumentations `HueSaturationValue`, with the hue in
 * degrees and S, V shifts on the [0, 1] scale): RGB -> HSV with OpenCV's float conversion (H in
 * degrees, S = (V - min) / V), H + hue modulo 360, S + saturation and V + value clamped to
 * [0, 1], HSV -> RGB by sector (Smith 1978). uint8 samples are divided by 255 first and rounded
 * half up after x 255. Channels 3.. (alpha) are copied. Golden test: OpenCV's float32
 * cvtColor round trip (float32 within 2e-6; uint8 within 1, equal on > 99.9% of samples: the
 * only differences are float32 rounding near .5).
 * @param img image with at least 3 channels (R, G, B), uint8 or float32
 * @param options `{ hue = 0, saturation = 0, value = 0 }`
 * @returns a new image
 * @throws PixaugError `INVALID_IMAGE` (fewer than 3 channels), `INVALID_PARAMETER`, `TOO_LARGE`
 * @example const warmer = hueSaturationValue(img, { hue: -10, saturation: 0.1 });
 */
export function hueSaturationValue(img: ImageLike, options: HsvOptions = {}): Image {
  const op = 'hueSaturationValue';
  const src = checkImage(op, img);
  const o = opts(op, options);
  if (src.channels < 3) throw new PixaugError('INVALID_IMAGE', `${op}: expected an image with at least 3 channels (RGB) but received ${src.channels}`);
  const hue = finite(op, 'options.hue', o.hue ?? 0, (v) => Math.abs(v) <= 1e9, 'a finite number of degrees');
  const sat = finite(op, 'options.saturation', o.saturation ?? 0, (v) => Math.abs(v) <= 1, 'a number in [-1, 1]');
  const val = finite(op, 'options.value', o.value ?? 0, (v) => Math.abs(v) <= 1, 'a number in [-1, 1]');
  const dh = hue % 360; // exact; in (-360, 360)
  return runKernel(op, src, src, (k, s, d) => {
    const f = src.dtype === 'uint8' ? k.hsvShiftU8 : k.hsvShiftF32;
    f(s.ptr, d.ptr, src.width, src.height, s.stride, d.stride, src.channels, dh, sat, val);
  });
}

// ---------------------------------------------------------------------------------------------
// gaussian blur, sharpen
// ---------------------------------------------------------------------------------------------

/** Options of `gaussianBlur`. */
export interface BlurOptions {
  /** Kernel size (odd integer >= 1). Default as cv2.GaussianBlur with ksize 0: round(2 sigma (3 uint8 | 4 float32) + 1) | 1. */
  ksize?: number;
  /** Border mode, default `'reflect'` (`dcb|abcd|cba`, cv2.BORDER_REFLECT_101, OpenCV's default). */
  border?: BorderMode;
  /** Fill for `constant`: one value or one per channel; default 0. */
  fill?: Fill;
}

/** cv2.getGaussianKernel(ksize, sigma) weights (double, normalised), as float32. */
function gaussianKernel(ksize: number, sigma: number): Float32Array {
  const k = new Float64Array(ksize);
  const c = (ksize - 1) / 2;
  const scale = -0.5 / (sigma * sigma);
  let sum = 0;
  for (let i = 0; i < ksize; i++) {
    const x = i - c;
    k[i] = Math.exp(scale * x * x);
    sum += k[i];
  }
  return Float32Array.from(k, (v) => v / sum);
}

function runBlur(op: string, src: CheckedImage, ksize: number, sigma: number, border: BorderMode, fill: number[], sharpen: boolean, amount: number): Image {
  const { width: w, height: h, channels: c } = src;
  const K = gaussianKernel(ksize, sigma);
  const r = (ksize - 1) / 2;
  const tmpFloats = w * h * c + (w + 2 * r) * c + w * c + ksize;
  return runKernel(op, src, src, (k, s, d) => {
    withScratch(4 * (ksize + c), (kp) => withScratch(4 * tmpFloats, (tp) => {
      const e = getEngine();
      e.f32(kp, ksize).set(K);
      e.f32(kp + 4 * ksize, c).set(fill);
      k.blurSeparable(s.ptr, d.ptr, w, h, c, s.stride, d.stride, src.dtype === 'float32' ? 1 : 0,
        kp, ksize, BORDER_CODES[border], kp + 4 * ksize, tp, sharpen ? 1 : 0, amount);
    }));
  });
}

function blurSize(op: string, src: CheckedImage, sigma: number, ksize: unknown, perSigma: number): number {
  if (ksize === undefined) return (Math.round(sigma * perSigma * 2 + 1) | 1);
  const ks = checkInt(op, 'options.ksize', ksize, 1);
  if (ks % 2 === 0 || ks > 4095) invalid(op, 'options.ksize', 'an odd integer from 1 to 4095', ks);
  void src;
  return ks;
}

/**
 * Gaussian blur, separable, sigma in pixels, with a border mode (numpy.pad semantics at any
 * distance; OpenCV names: constant BORDER_CONSTANT, edge BORDER_REPLICATE, reflect
 * BORDER_REFLECT_101, symmetric BORDER_REFLECT, wrap BORDER_WRAP):
 *   constant `iii|abcd|iii`  edge `aaa|abcd|ddd`  reflect `dcb|abcd|cba`  symmetric `cba|abcd|dcb`  wrap `bcd|abcd|abc`
 * Kernel: cv2.getGaussianKernel(ksize, sigma) (exp(-x^2 / (2 sigma^2)), normalised). All channels
 * (alpha too) are blurred, in float32 arithmetic for both dtypes; uint8 rounds half up.
 * Golden tests: float32 within 2e-6 of cv2.GaussianBlur (and of scipy.ndimage.gaussian_filter for
 * wrap, which OpenCV filters do not support); uint8 within 1 of cv2.GaussianBlur, whose uint8 path
 * quantises the kernel to 8.8 fixed point.
 * @param img image (or ImageData), uint8 or float32, any channels
 * @param sigma standard deviation in pixels, > 0 (at most 1000)
 * @param options `{ ksize (odd), border = 'reflect', fill = 0 }`
 * @returns a new image of the same shape and type
 * @throws PixaugError `INVALID_PARAMETER` (sigma, ksize, border, fill), `INVALID_IMAGE`, `TOO_LARGE`
 * @example const soft = gaussianBlur(img, 2, { border: 'edge' });
 */
export function gaussianBlur(img: ImageLike, sigma: number, options: BlurOptions = {}): Image {
  const op = 'gaussianBlur';
  const src = checkImage(op, img);
  finite(op, 'sigma', sigma, (v) => v > 0 && v <= 1000, 'a number of pixels in (0, 1000]');
  const o = opts(op, options);
  const ksize = blurSize(op, src, sigma, o.ksize, src.dtype === 'uint8' ? 3 : 4);
  const border = checkBorder(op, o.border ?? 'reflect', 'options.border');
  const fill = checkFill(op, o.fill ?? 0, src.channels, src.dtype);
  return runBlur(op, src, ksize, sigma, border, fill, false, 0);
}

/** Options of `sharpen`. */
export interface SharpenOptions {
  /** Gaussian sigma (pixels) of the blur that is subtracted; default 1. Kernel size round(8 sigma + 1) | 1 (scikit-image's truncate = 4). */
  sigma?: number;
  /** Strength: out = in + amount (in - blur); default 1. */
  amount?: number;
  /** Border mode of the blur, default `'reflect'` (cv2.BORDER_REFLECT_101); scikit-image uses `'symmetric'`. */
  border?: BorderMode;
  /** float32: clamp the result to [0, 1]. Default false. */
  clip?: boolean;
}

/**
 * Unsharp masking: out = in + amount (in - gaussianBlur(in, sigma)), blur and difference in
 * float32 (uint8 rounded half up and saturated once, at the end). As
 * `skimage.filters.unsharp_mask(img, radius=sigma, amount, preserve_range=True)` with
 * `border: 'symmetric'` (its gaussian's mode='reflect'): golden test within 2e-4 (float32
 * arithmetic against float64), uint8 = the rounded skimage value except within 2e-4 of a .5 tie.
 * All channels, alpha included, are sharpened (as skimage does).
 * @param img image (or ImageData), uint8 or float32, any channels
 * @param options `{ sigma = 1, amount = 1, border = 'reflect', clip = false }`
 * @returns a new image
 * @throws PixaugError `INVALID_PARAMETER`, `INVALID_IMAGE`, `TOO_LARGE`
 * @example const crisp = sharpen(img, { amount: 0.8 });
 */
export function sharpen(img: ImageLike, options: SharpenOptions = {}): Image {
  const op = 'sharpen';
  const src = checkImage(op, img);
  const o = opts(op, options);
  const sigma = finite(op, 'options.sigma', o.sigma ?? 1, (v) => v > 0 && v <= 1000, 'a number of pixels in (0, 1000]');
  const amount = finite(op, 'options.amount', o.amount ?? 1, (v) => Math.abs(v) <= 1e6, 'a number in [-1e6, 1e6]');
  const border = checkBorder(op, o.border ?? 'reflect', 'options.border');
  if (o.clip !== undefined && typeof o.clip !== 'boolean') invalid(op, 'options.clip', 'true or false', o.clip);
  const ksize = Math.round(sigma * 8 + 1) | 1;
  if (ksize > 4095) invalid(op, 'options.sigma', 'at most 511', sigma);
  const out = runBlur(op, src, ksize, sigma, border, new Array(src.channels).fill(0), true, amount);
  if (o.clip && out.data instanceof Float32Array) for (let i = 0; i < out.data.length; i++) out.data[i] = Math.min(Math.max(out.data[i], 0), 1);
  return out;
}

// ---------------------------------------------------------------------------------------------
// cutout / random erasing
// ---------------------------------------------------------------------------------------------

/** Options of `cutout`. */
export interface CutoutOptions extends SeedOptions {
  /** Number of rectangles, integer >= 0. Default 1. */
  holes?: number;
  /** Rectangle size: pixels (integer >= 1) or, below 1, a fraction of the image's shorter side. One number (square) or [width, height]. Default 0.25. */
  size?: number | readonly [number, number];
  /** Fill: a number or one per channel (dtype units), or `'noise'` (uniform random samples: uint8 0..255, float32 [0, 1)). Default 0. */
  fill?: Fill | 'noise';
  /** Also fill alpha of 2- and 4-channel images. Default false. */
  includeAlpha?: boolean;
}

/** A fresh 64-bit seed from crypto.getRandomValues (for omitted seeds). */
function randomSeed(): bigint {
  const w = new Uint32Array(2);
  globalThis.crypto.getRandomValues(w);
  return (BigInt(w[1]) << 32n) | BigInt(w[0]);
}

/** A rectangle chosen by `cutoutRects`. */
export interface CutoutRect { x: number; y: number; width: number; height: number }

/**
 * The rectangles `cutout` fills for these options: each of `holes` rectangles of the given size
 * (clamped to the image) gets its top-left corner uniformly from x in 0..W-width, y in
 * 0..H-height, drawn as `Random(seed, stream).int` (x, then y, per hole).
 * @throws PixaugError `INVALID_PARAMETER` (holes, size, seed, stream)
 */
export function cutoutRects(width: number, height: number, options: CutoutOptions = {}): CutoutRect[] {
  const op = 'cutout';
  const o = opts(op, options);
  const holes = checkInt(op, 'options.holes', o.holes ?? 1, 0);
  const size = o.size ?? 0.25;
  const dim = (v: unknown, name: string, side: number): number => {
    const x = finite(op, name, v, (t) => t > 0, 'a positive number (pixels, or a fraction below 1)');
    const px = x < 1 ? Math.max(1, Math.round(x * Math.min(width, height))) : x;
    if (x >= 1 && !Number.isInteger(x)) invalid(op, name, 'an integer number of pixels (or a fraction below 1)', v);
    return Math.min(px, side);
  };
  let rw: number, rh: number;
  if (Array.isArray(size)) {
    if (size.length !== 2) invalid(op, 'options.size', 'a number or [width, height]', size);
    rw = dim(size[0], 'options.size[0]', width);
    rh = dim(size[1], 'options.size[1]', height);
  } else {
    rw = dim(size, 'options.size', width);
    rh = dim(size, 'options.size', height);
  }
  philoxKey(op, o as SeedOptions); // validates seed and stream with this op's name
  const r = new Random((o.seed as number | bigint | undefined) ?? randomSeed(), (o.stream as number | undefined) ?? 0);
  const rects: CutoutRect[] = [];
  for (let i = 0; i < holes; i++) {
    const x = r.int(0, width - rw);
    const y = r.int(0, height - rh);
    rects.push({ x, y, width: rw, height: rh });
  }
  return rects;
}

/**
 * Cutout / random erasing (DeVries & Taylor 2017; Zhong et al. 2020, torchvision
 * `RandomErasing`): fills `holes` rectangles with a constant or with noise. Positions come from
 * `Random(seed, stream)` (see `cutoutRects`); noise samples from the pixel-noise generator of
 * the same key (element index counter), so the bytes are the same in both builds. Filling a
 * rectangle equals torchvision `erase` (numpy slice assignment); alpha is kept unless
 * `includeAlpha`.
 * @param img image (or ImageData), uint8 or float32, any channels
 * @param options `{ holes = 1, size = 0.25, fill = 0, includeAlpha = false, seed, stream = 0 }`
 * @returns a new image
 * @throws PixaugError `INVALID_PARAMETER` (holes, size, fill, seed), `INVALID_IMAGE`, `TOO_LARGE`
 * @example const erased = cutout(img, { holes: 2, size: 16, fill: 'noise', seed: 3 });
 */
export function cutout(img: ImageLike, options: CutoutOptions = {}): Image {
  const op = 'cutout';
  const src = checkImage(op, img);
  const o = opts(op, options);
  const noise = o.fill === 'noise';
  const fill = noise ? new Array<number>(src.channels).fill(0) : checkFill(op, o.fill ?? 0, src.channels, src.dtype);
  if (o.includeAlpha !== undefined && typeof o.includeAlpha !== 'boolean') invalid(op, 'options.includeAlpha', 'true or false', o.includeAlpha);
  const seeded: CutoutOptions = { ...(o as CutoutOptions), seed: (o.seed as number | bigint | undefined) ?? randomSeed() };
  const rects = cutoutRects(src.width, src.height, seeded);
  const { k0, k1 } = philoxKey(op, seeded);
  const cc = hasAlpha(src) && !o.includeAlpha ? src.channels - 1 : src.channels;
  const bpp = src.channels * src.bytes;
  return runKernel(op, src, src, (k: KernelExports, s, d, fp) => {
    k.copyRows(s.ptr, d.ptr, src.width * bpp, src.height, s.stride, d.stride);
    for (const r of rects) {
      k.fillRect(d.ptr, src.width, src.channels, d.stride, src.bytes, r.x, r.y, r.width, r.height, cc, fp, noise ? 1 : 0, k0, k1);
    }
  }, fill);
}
