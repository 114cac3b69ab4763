// Resampling augmentations built on resize and the warps: centre / random / random-resized
// crops, translate, scale, affine, warpPerspective.

import { getEngine, runKernel } from '../engine.js';
import { invalid } from '../errors.js';
import {
  BORDER_CODES, INTERPOLATION_CODES, checkBorder, checkFill, checkFinite, checkImage, checkInt, checkInterpolation,
  type BorderMode, type CheckedImage, type Fill, type Image, type ImageLike, type Interpolation,
} from '../image.js';
import { resizeMethod, runResize, type ResizeInterpolation } from './resize.js';
import type { Rect } from './geometry.js';
import { invertAffine, type WarpAffineOptions } from './warp.js';

/**
 * The randomness a random augmentation draws from: `float()` returns a uniform number in [0, 1).
 * pixaug's counter-based generator (`Random`, Philox4x32-10) implements it; so does any object
 * with such a method (e.g. `{ float: Math.random }` when reproducibility does not matter).
 */
export interface Rng {
  float(): number;
}

function checkRng(op: string, rng: unknown): Rng {
  if (rng === null || typeof rng !== 'object' || typeof (rng as Rng).float !== 'function') {
    invalid(op, 'rng', 'a generator with a float() method returning [0, 1) (e.g. new Random(seed))', rng);
  }
  return rng as Rng;
}

/** Draws a float in [0, 1) from rng and checks it. */
function draw(op: string, rng: Rng): number {
  const u = rng.float();
  if (typeof u !== 'number' || !(u >= 0 && u < 1)) invalid(op, 'rng.float()', 'a number in [0, 1)', u);
  return u;
}

/** Uniform integer in [lo, hi] (inclusive) from one draw. */
function drawInt(op: string, rng: Rng, lo: number, hi: number): number {
  return lo + Math.min(hi - lo, Math.floor(draw(op, rng) * (hi - lo + 1)));
}

/** Python's round(): half to even. */
function roundHalfEven(v: number): number {
  const f = Math.floor(v), d = v - f;
  return d > 0.5 ? f + 1 : d < 0.5 ? f : (f % 2 === 0 ? f : f + 1);
}

/** A (possibly strided) view of a rectangle of a checked image; no copy. */
function subImage(src: CheckedImage, r: Rect): CheckedImage {
  const off = r.y * src.stride + r.x * src.channels;
  return { ...src, width: r.width, height: r.height, data: src.data.subarray(off) };
}

/** Copies the window (x0, y0, w, h) of src, positions outside mapped by the border mode. */
function window(op: string, src: CheckedImage, x0: number, y0: number, w: number, h: number, border: BorderMode, fill: number[]): Image {
  return runKernel(op, src, { width: w, height: h, channels: src.channels }, (k, s, d, fp) => {
    k.extract(s.ptr, d.ptr, src.width, src.height, src.channels * src.bytes, s.stride, d.stride, x0, y0, w, h, BORDER_CODES[border], fp);
  }, fill);
}

function checkSizeOpt(op: string, o: unknown): { width: number; height: number } {
  if (o === null || typeof o !== 'object') invalid(op, 'size', 'an object { width, height }', o);
  const { width, height } = o as { width: unknown; height: unknown };
  return { width: checkInt(op, 'width', width, 1), height: checkInt(op, 'height', height, 1) };
}

// ------------------------------------------------------------------------------------------------
// centerCrop
// ------------------------------------------------------------------------------------------------

/** Options of `centerCrop`. */
export interface CenterCropOptions {
  width: number;
  height: number;
  /**
   * How the offset (W - width) / 2 is rounded: `'floor'` (default, numpy-style
   * `img[(H-h)//2 :, (W-w)//2 :]`) or `'half-even'` (torchvision `CenterCrop`, which uses
   * Python's `round`; differs from floor when W - width is odd and (W - width - 1) / 2 is odd).
   */
  rounding?: 'floor' | 'half-even';
  /** Border mode for a crop larger than the image, default `'constant'` (torchvision pads with 0). */
  border?: BorderMode;
  /** Fill of the constant border, default 0. */
  fill?: Fill;
}

/**
 * Cuts the centred width x height window. When the window is larger than the image along a
 * side, that side is padded instead (torchvision `CenterCrop` pads with zeros; here the padding
 * follows `border`/`fill`), the image placed at offset floor((width - W) / 2). A memory move:
 * bit-exact, any dtype and channel count.
 * @param img image (or ImageData)
 * @param options `{ width, height, rounding = 'floor', border = 'constant', fill = 0 }`
 * @returns a new width x height image
 * @throws PixaugError `INVALID_PARAMETER` (sizes not positive integers, unknown rounding, border
 *   or bad fill), `INVALID_IMAGE`, `TOO_LARGE`
 * @example const square = centerCrop(img, { width: 224, height: 224 });
 */
export function centerCrop(img: ImageLike, options: CenterCropOptions): Image {
  const op = 'centerCrop';
  const src = checkImage(op, img);
  const { width, height } = checkSizeOpt(op, options);
  const rounding = options.rounding ?? 'floor';
  if (rounding !== 'floor' && rounding !== 'half-even') invalid(op, 'options.rounding', `'floor' or 'half-even'`, rounding);
  const border = checkBorder(op, options.border ?? 'constant', 'options.border');
  const fill = checkFill(op, options.fill ?? 0, src.channels, src.dtype);
  const off = (W: number, w: number) => (W >= w ? (rounding === 'floor' ? Math.floor((W - w) / 2) : roundHalfEven((W - w) / 2)) : -Math.floor((w - W) / 2));
  return window(op, src, off(src.width, width), off(src.height, height), width, height, border, fill);
}

// ------------------------------------------------------------------------------------------------
// randomCrop
// ------------------------------------------------------------------------------------------------

/** Options of `randomCrop`. */
export interface RandomCropOptions {
  width: number;
  height: number;
  /**
   * When the image is smaller than the crop: pad it (torchvision `pad_if_needed`) instead of
   * throwing. Default false.
   */
  padIfNeeded?: boolean;
  /** Border mode of the padding, default `'constant'`. */
  border?: BorderMode;
  /** Fill of the constant border, default 0. */
  fill?: Fill;
}

/**
 * Draws the top-left corner of a width x height crop as torchvision `RandomCrop.get_params`:
 * y uniform in [0, H - height], then x uniform in [0, W - width] (two draws, in that order; none
 * when the crop is the whole image).
 * @returns the rectangle, inside the image
 * @throws PixaugError `INVALID_PARAMETER` when the crop is larger than the image or rng is not a generator
 */
export function sampleCrop(imageWidth: number, imageHeight: number, width: number, height: number, rng: Rng): Rect {
  const op = 'sampleCrop';
  checkRng(op, rng);
  if (width > imageWidth || height > imageHeight) invalid(op, 'the crop size', `at most the image size ${imageWidth}x${imageHeight}`, `${width}x${height}`);
  if (width === imageWidth && height === imageHeight) return { x: 0, y: 0, width, height }; // no draw, as torchvision
  const y = drawInt(op, rng, 0, imageHeight - height);
  const x = drawInt(op, rng, 0, imageWidth - width);
  return { x, y, width, height };
}

/**
 * Cuts a width x height window at a random position (torchvision `RandomCrop`): y uniform in
 * [0, H - height], x uniform in [0, W - width], drawn from `rng` in that order. With
 * `padIfNeeded`, a side shorter than the crop is first padded on both sides (left/top by
 * (crop - W) / 2, as torchvision) using `border`/`fill`. Deterministic for a given generator
 * state. A memory move: bit-exact, any dtype and channel count.
 * @param img image (or ImageData)
 * @param options `{ width, height, padIfNeeded = false, border = 'constant', fill = 0 }`
 * @param rng generator with `float()` in [0, 1), e.g. `new Random(seed)`
 * @returns a new width x height image
 * @throws PixaugError `INVALID_PARAMETER` (bad sizes, crop larger than the image without
 *   padIfNeeded, bad rng, border or fill), `INVALID_IMAGE`, `TOO_LARGE`
 * @example const patch = randomCrop(img, { width: 64, height: 64 }, new Random(42));
 */
export function randomCrop(img: ImageLike, options: RandomCropOptions, rng: Rng): Image {
  const op = 'randomCrop';
  const src = checkImage(op, img);
  const { width, height } = checkSizeOpt(op, options);
  checkRng(op, rng);
  const border = checkBorder(op, options.border ?? 'constant', 'options.border');
  const fill = checkFill(op, options.fill ?? 0, src.channels, src.dtype);
  let padX = 0, padY = 0;
  if (width > src.width || height > src.height) {
    if (!options.padIfNeeded) invalid(op, 'options.width x options.height', `at most the image size ${src.width}x${src.height} (or padIfNeeded: true)`, `${width}x${height}`);
    padX = Math.max(0, width - src.width);
    padY = Math.max(0, height - src.height);
  }
  // torchvision pads both sides by the missing amount, then draws inside the padded image
  const W = src.width + 2 * padX, H = src.height + 2 * padY;
  const r = sampleCrop(W, H, width, height, rng);
  return window(op, src, r.x - padX, r.y - padY, width, height, border, fill);
}

// ------------------------------------------------------------------------------------------------
// randomResizedCrop
// ------------------------------------------------------------------------------------------------

/** Options of `randomResizedCrop` and `resizedCrop`. */
export interface ResizedCropOptions {
  /** Output width in pixels. */
  width: number;
  /** Output height in pixels. */
  height: number;
  /** Range of the crop area as a fraction of the image area, default [0.08, 1]. */
  scale?: readonly [number, number];
  /** Range of the crop aspect ratio width / height, default [3/4, 4/3]; drawn log-uniformly. */
  ratio?: readonly [number, number];
  /** Interpolation of the resize, default `'bilinear'`. */
  interpolation?: ResizeInterpolation;
  /** Antialias of the resize (see `resize`), default: on when the crop is larger than the output. */
  antialias?: boolean;
}

function checkRange(op: string, name: string, v: unknown, def: readonly [number, number], positive: boolean): [number, number] {
  if (v === undefined) return [def[0], def[1]];
  const ok = Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number' && Number.isFinite(x) && (positive ? x > 0 : x >= 0)) && v[0] <= v[1];
  if (!ok) invalid(op, name, `[min, max] with ${positive ? '0 <' : '0 <='} min <= max, finite`, v);
  return [v[0], v[1]];
}

/**
 * Draws a crop rectangle as torchvision `RandomResizedCrop.get_params`: up to 10 attempts of
 * area = W H uniform(scale), ratio = exp(uniform(log ratio)), w = round(sqrt(area ratio)),
 * h = round(sqrt(area / ratio)) (Python's round, half to even), accepted when it fits, then
 * y uniform in [0, H - h] and x uniform in [0, W - w]; after 10 failures the centre crop of the
 * whole image clamped to the ratio range. Each attempt draws 2 numbers, an accepted one 2 more.
 * @returns the rectangle, inside the image
 * @throws PixaugError `INVALID_PARAMETER` for bad ranges or rng
 */
export function sampleResizedCrop(
  imageWidth: number, imageHeight: number, rng: Rng,
  options: { scale?: readonly [number, number]; ratio?: readonly [number, number] } = {},
): Rect {
  const op = 'sampleResizedCrop';
  checkRng(op, rng);
  const scale = checkRange(op, 'options.scale', options.scale, [0.08, 1], false);
  const ratio = checkRange(op, 'options.ratio', options.ratio, [3 / 4, 4 / 3], true);
  const area = imageWidth * imageHeight;
  const logLo = Math.log(ratio[0]), logHi = Math.log(ratio[1]);
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = area * (scale[0] + (scale[1] - scale[0]) * draw(op, rng));
    const aspect = Math.exp(logLo + (logHi - logLo) * draw(op, rng));
    const w = roundHalfEven(Math.sqrt(target * aspect));
    const h = roundHalfEven(Math.sqrt(target / aspect));
    if (w > 0 && w <= imageWidth && h > 0 && h <= imageHeight) {
      const y = drawInt(op, rng, 0, imageHeight - h);
      const x = drawInt(op, rng, 0, imageWidth - w);
      return { x, y, width: w, height: h };
    }
  }
  const inRatio = imageWidth / imageHeight;
  let w: number, h: number;
  if (inRatio < ratio[0]) {
    w = imageWidth;
    h = roundHalfEven(w / ratio[0]);
  } else if (inRatio > ratio[1]) {
    h = imageHeight;
    w = roundHalfEven(h * ratio[1]);
  } else {
    w = imageWidth;
    h = imageHeight;
  }
  w = Math.max(1, Math.min(w, imageWidth));
  h = Math.max(1, Math.min(h, imageHeight));
  return { x: Math.floor((imageWidth - w) / 2), y: Math.floor((imageHeight - h) / 2), width: w, height: h };
}

/**
 * Crops `rect` and resizes it to width x height in one pass (torchvision `F.resized_crop`): only
 * the rectangle is copied into wasm memory, then `resize` conventions apply (antialiased Pillow
 * filter when shrinking, cv2 conventions when enlarging; see `resize`).
 * @param img image (or ImageData)
 * @param rect the source rectangle, integers, inside the image
 * @param options `{ width, height, interpolation = 'bilinear', antialias }`
 * @returns a new width x height image
 * @throws PixaugError `INVALID_PARAMETER`, `INVALID_IMAGE`, `TOO_LARGE`
 */
export function resizedCrop(img: ImageLike, rect: Rect, options: ResizedCropOptions): Image {
  const op = 'resizedCrop';
  const src = checkImage(op, img);
  return cropAndResize(op, src, rect, options);
}

function cropAndResize(op: string, src: CheckedImage, rect: Rect, options: ResizedCropOptions): Image {
  const { width, height } = checkSizeOpt(op, options);
  if (rect === null || typeof rect !== 'object') invalid(op, 'rect', 'an object { x, y, width, height }', rect);
  const x = checkInt(op, 'rect.x', rect.x, 0), y = checkInt(op, 'rect.y', rect.y, 0);
  const rw = checkInt(op, 'rect.width', rect.width, 1), rh = checkInt(op, 'rect.height', rect.height, 1);
  if (x + rw > src.width) invalid(op, 'rect.x + rect.width', `at most the image width ${src.width}`, x + rw);
  if (y + rh > src.height) invalid(op, 'rect.y + rect.height', `at most the image height ${src.height}`, y + rh);
  const interpolation = options.interpolation ?? 'bilinear';
  if (!['nearest', 'bilinear', 'bicubic', 'area', 'lanczos3'].includes(interpolation)) {
    invalid(op, 'options.interpolation', `one of 'nearest', 'bilinear', 'bicubic', 'area', 'lanczos3'`, interpolation);
  }
  if (options.antialias !== undefined && typeof options.antialias !== 'boolean') invalid(op, 'options.antialias', 'true, false or undefined', options.antialias);
  const antialias = options.antialias ?? (width < rw || height < rh);
  const method = resizeMethod(rw, rh, { width, height, interpolation, antialias, cubicA: -0.75 });
  return runResize(op, subImage(src, { x, y, width: rw, height: rh }), width, height, method);
}

/**
 * torchvision `RandomResizedCrop`: draws a rectangle with `sampleResizedCrop` (area fraction in
 * `scale`, aspect ratio log-uniform in `ratio`, 10 attempts then a centre crop) and resizes it to
 * width x height (`resizedCrop`). Deterministic for a given generator state.
 * @param img image (or ImageData), any dtype and channel count
 * @param options `{ width, height, scale = [0.08, 1], ratio = [3/4, 4/3], interpolation = 'bilinear', antialias }`
 * @param rng generator with `float()` in [0, 1), e.g. `new Random(seed)`
 * @returns a new width x height image
 * @throws PixaugError `INVALID_PARAMETER` (sizes, ranges, rng, interpolation), `INVALID_IMAGE`, `TOO_LARGE`
 * @example const sample = randomResizedCrop(img, { width: 224, height: 224 }, new Random(7));
 */
export function randomResizedCrop(img: ImageLike, options: ResizedCropOptions, rng: Rng): Image {
  const op = 'randomResizedCrop';
  const src = checkImage(op, img);
  checkSizeOpt(op, options);
  const rect = sampleResizedCrop(src.width, src.height, checkRng(op, rng), options);
  return cropAndResize(op, src, rect, options);
}

// ------------------------------------------------------------------------------------------------
// warpPerspective
// ------------------------------------------------------------------------------------------------

/** A 3x3 matrix: 9 numbers row-major, or 3 rows of 3. */
export type Matrix3 = readonly number[] | readonly (readonly number[])[];

/**
 * Options of `warpPerspective`: those of `warpAffine` (width, height, interpolation, border,
 * fill, inverse, cubicA; the 3x3 matrix maps source to destination unless `inverse`), plus:
 */
export interface WarpPerspectiveOptions extends WarpAffineOptions {
  /**
   * Filter where the map shrinks the image by more than 2x (default true): those pixels average
   * tent-weighted supersamples instead of point-sampling, so they do not alias. `false` keeps
   * every pixel bit-exact with OpenCV. Never applies to `nearest`.
   */
  antialias?: boolean;
}

/** Shrink factor above which the warps switch to the filtered (anti-aliased) path. */
export const WARP_AA_THRESHOLD = 2;

/** Reads a 3x3 matrix (9 numbers or 3 rows of 3) into 9 finite numbers. */
export function checkMatrix3(op: string, m: unknown, name = 'matrix'): number[] {
  let flat: unknown[] | null = null;
  if (Array.isArray(m) && m.length === 9) flat = m;
  else if (Array.isArray(m) && m.length === 3 && m.every((r) => Array.isArray(r) && r.length === 3)) flat = (m as unknown[][]).flat();
  if (!flat || !flat.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    invalid(op, name, 'a 3x3 matrix of finite numbers (9 numbers row-major, or 3 rows of 3)', m);
  }
  return flat as number[];
}

/**
 * Inverse of a 3x3 matrix, computed as cv::invert does for 3x3 (DECOMP_LU): cofactors times
 * 1 / det in double, in OpenCV's order of operations (so the warp is bit-exact with
 * cv2.warpPerspective without WARP_INVERSE_MAP). Returns null when det = 0.
 */
export function invert3(M: readonly number[]): number[] | null {
  const m = (i: number, j: number) => M[i * 3 + j];
  let d = m(0, 0) * (m(1, 1) * m(2, 2) - m(1, 2) * m(2, 1)) - m(0, 1) * (m(1, 0) * m(2, 2) - m(1, 2) * m(2, 0)) + m(0, 2) * (m(1, 0) * m(2, 1) - m(1, 1) * m(2, 0));
  if (d === 0 || !Number.isFinite(d)) return null;
  d = 1 / d;
  return [
    (m(1, 1) * m(2, 2) - m(1, 2) * m(2, 1)) * d, (m(0, 2) * m(2, 1) - m(0, 1) * m(2, 2)) * d, (m(0, 1) * m(1, 2) - m(0, 2) * m(1, 1)) * d,
    (m(1, 2) * m(2, 0) - m(1, 0) * m(2, 2)) * d, (m(0, 0) * m(2, 2) - m(0, 2) * m(2, 0)) * d, (m(0, 2) * m(1, 0) - m(0, 0) * m(1, 2)) * d,
    (m(1, 0) * m(2, 1) - m(1, 1) * m(2, 0)) * d, (m(0, 1) * m(2, 0) - m(0, 0) * m(2, 1)) * d, (m(0, 0) * m(1, 1) - m(0, 1) * m(1, 0)) * d,
  ];
}

/** Runs the perspective kernel with an inverse map (dst -> src). */
function runPerspective(
  op: string, src: CheckedImage, inv: readonly number[], ow: number, oh: number,
  interpolation: Interpolation, border: BorderMode, fill: number[], cubicA: number, antialias: boolean,
): Image {
  const aa = antialias ? WARP_AA_THRESHOLD : 0;
  const code = INTERPOLATION_CODES[interpolation];
  return runKernel(op, src, { width: ow, height: oh, channels: src.channels }, (k, s, d, fp) => {
    const [m0, m1, m2, m3, m4, m5, m6, m7, m8] = inv.length === 6 ? [...inv, 0, 0, 1] : inv;
    if (src.dtype === 'uint8') {
      const e = getEngine();
      const rowBuf = e.alloc(12 * ow);
      try {
        k.warpPerspectiveU8(s.ptr, d.ptr, src.width, src.height, src.channels, s.stride, ow, oh, d.stride,
          m0, m1, m2, m3, m4, m5, m6, m7, m8, code, BORDER_CODES[border], fp, cubicA, rowBuf, aa);
      } finally {
        e.free(rowBuf);
      }
    } else {
      k.warpPerspectiveF32(s.ptr, d.ptr, src.width, src.height, src.channels, s.stride, ow, oh, d.stride,
        m0, m1, m2, m3, m4, m5, m6, m7, m8, code, BORDER_CODES[border], fp, cubicA, aa);
    }
  }, fill);
}

interface WarpCommon {
  width: number;
  height: number;
  interpolation: Interpolation;
  border: BorderMode;
  fill: number[];
  cubicA: number;
  antialias: boolean;
}

function checkWarpOptions(op: string, src: CheckedImage, o: {
  width?: number; height?: number; interpolation?: Interpolation; border?: BorderMode; fill?: Fill; cubicA?: number; antialias?: boolean;
}): WarpCommon {
  if (o === null || typeof o !== 'object') invalid(op, 'options', 'an object', o);
  const width = o.width === undefined ? src.width : checkInt(op, 'options.width', o.width, 1);
  const height = o.height === undefined ? src.height : checkInt(op, 'options.height', o.height, 1);
  const interpolation = checkInterpolation(op, o.interpolation ?? 'bilinear', 'options.interpolation');
  const border = checkBorder(op, o.border ?? 'constant', 'options.border');
  const fill = checkFill(op, o.fill ?? 0, src.channels, src.dtype);
  const cubicA = o.cubicA === undefined ? -0.75 : checkFinite(op, 'options.cubicA', o.cubicA);
  if (cubicA < -1 || cubicA > 0) invalid(op, 'options.cubicA', 'a number in [-1, 0]', cubicA);
  if (o.antialias !== undefined && typeof o.antialias !== 'boolean') invalid(op, 'options.antialias', 'true, false or undefined', o.antialias);
  return { width, height, interpolation, border, fill, cubicA, antialias: o.antialias ?? true };
}

/**
 * Projective warp: dst(x, y) = src(x', y') with (x' w, y' w, w) = H^-1 (x, y, 1), where H is the
 * 3x3 `matrix` mapping source pixel coordinates to destination coordinates (pixel centres at
 * integers), as cv2.warpPerspective; with `inverse: true` the matrix is H^-1 itself
 * (cv2.WARP_INVERSE_MAP). Source positions outside the image follow `border`:
 * `constant` (fill, BORDER_CONSTANT) `iii|abcd|iii`, `edge` (BORDER_REPLICATE) `aaa|abcd|ddd`,
 * `reflect` (BORDER_REFLECT_101) `dcb|abcd|cba`, `symmetric` (BORDER_REFLECT) `cba|abcd|dcb`,
 * `wrap` (BORDER_WRAP) `bcd|abcd|abc`.
 *
 * uint8 uses OpenCV's fixed point (positions quantised to 1/32 pixel, int16 weights summing to
 * 2^15, round half up) and is bit-exact with cv2.warpPerspective (OpenCV 4.6) for nearest,
 * bilinear and bicubic in every border mode; note OpenCV's nearest rounds the source position
 * half to even. float32 is exact double arithmetic (nearest = floor(x' + 0.5), the
 * scikit-image convention), within 1e-4 of skimage.transform.warp (values 0..1).
 *
 * Anti-aliasing (`antialias`, default true): output pixels where the map shrinks the source by
 * more than 2x along an output axis (length of the inverse map's derivative) are computed as the
 * tent-weighted average of bilinear supersamples spanning two output pixels (2 ceil(shrink)
 * samples per axis, up to 64), which for an axis-aligned shrink is Pillow's antialiased bilinear
 * filter. Other pixels are untouched (still bit-exact with OpenCV). Pass `antialias: false` for
 * OpenCV's point sampling everywhere. `nearest` is never filtered (label maps stay labels).
 * @param img image (or ImageData), HWC, uint8 or float32, any channels
 * @param matrix 3x3 homography, 9 numbers row-major or 3 rows of 3
 * @param options `{ width = img.width, height = img.height, interpolation = 'bilinear', border = 'constant', fill = 0, inverse = false, cubicA = -0.75, antialias = true }`
 * @returns a new width x height image
 * @throws PixaugError `INVALID_PARAMETER` (matrix not 3x3 finite, singular without `inverse`,
 *   bad sizes, interpolation, border, fill, cubicA), `INVALID_IMAGE`, `TOO_LARGE`
 * @example
 *   // keystone: the top edge pulled in by 10 px on each side
 *   const out = warpPerspective(img, [1.2, 0.1, -12, 0, 1.25, -5, 0, 0.0005, 1]);
 */
export function warpPerspective(img: ImageLike, matrix: Matrix3, options: WarpPerspectiveOptions = {}): Image {
  const op = 'warpPerspective';
  const src = checkImage(op, img);
  const M = checkMatrix3(op, matrix);
  const o = checkWarpOptions(op, src, options);
  if (options.inverse !== undefined && typeof options.inverse !== 'boolean') invalid(op, 'options.inverse', 'true, false or undefined', options.inverse);
  const inv = options.inverse ? M : invert3(M);
  if (!inv) invalid(op, 'matrix', 'an invertible matrix (non-zero determinant)', matrix);
  return runPerspective(op, src, inv, o.width, o.height, o.interpolation, o.border, o.fill, o.cubicA, o.antialias);
}

// ------------------------------------------------------------------------------------------------
// affine, translate, scale
// ------------------------------------------------------------------------------------------------

/** A 2x3 affine matrix [a, b, c, d, e, f]: x' = a x + b y + c, y' = d x + e y + f. */
export type Affine = [number, number, number, number, number, number];

/** Options shared by `affine`, `translate` (fractional) and `scale`. */
export interface AffineWarpOptions {
  /** `'nearest'`, `'bilinear'` (default) or `'bicubic'`. */
  interpolation?: Interpolation;
  /** Border mode for positions outside the source, default `'constant'`. */
  border?: BorderMode;
  /** Fill of the constant border, default 0. */
  fill?: Fill;
  /** Keys parameter of `bicubic`, default -0.75 (OpenCV). */
  cubicA?: number;
  /** Filter where the map shrinks by more than 2x (see `warpPerspective`), default true. */
  antialias?: boolean;
}

/** Options of `affine`. */
export interface AffineOptions extends AffineWarpOptions {
  /** Rotation in degrees, counter-clockwise on screen (OpenCV, scikit-image, Pillow). Default 0. */
  angle?: number;
  /** Scale factor, or [sx, sy] along the (rotated) axes. Default 1. */
  scale?: number | readonly [number, number];
  /** Translation [dx, dy] in pixels applied last. Default [0, 0]. */
  translate?: readonly [number, number];
  /** Shear angles [sx, sy] in degrees, torchvision's definition (one number = [sx, 0]). Default [0, 0]. */
  shear?: number | readonly [number, number];
  /** Centre of rotation, scale and shear in pixel coordinates. Default ((w-1)/2, (h-1)/2). */
  center?: readonly [number, number];
}

/**
 * The inverse (dst -> src) 2x3 matrix of `affine`: torchvision's _get_inverse_affine_matrix with
 * the angle negated (torchvision's F.affine turns clockwise) and per-axis scale:
 * forward M = T(translate) C R(angle) S(sx, sy) SHy(shear y) SHx(shear x) C^-1, with
 * R(t) = [[cos t, sin t], [-sin t, cos t]] (counter-clockwise on screen, y down),
 * SHx(s) = [[1, -tan s], [0, 1]], SHy(s) = [[1, 0], [-tan s, 1]], C = T(center).
 */
export function affineInverse(o: {
  angle: number; scale: [number, number]; translate: [number, number]; shear: [number, number]; center: [number, number];
}): Affine {
  const rot = (-o.angle * Math.PI) / 180;
  const sx = (o.shear[0] * Math.PI) / 180, sy = (o.shear[1] * Math.PI) / 180;
  const [cx, cy] = o.center, [tx, ty] = o.translate;
  // R(rot) SHy SHx without scale: [[a, b], [c, d]], det 1
  const a = Math.cos(rot - sy) / Math.cos(sy);
  const b = (-Math.cos(rot - sy) * Math.tan(sx)) / Math.cos(sy) - Math.sin(rot);
  const c = Math.sin(rot - sy) / Math.cos(sy);
  const d = (-Math.sin(rot - sy) * Math.tan(sx)) / Math.cos(sy) + Math.cos(rot);
  // forward linear part L = R diag(sx, sy) Sh with the scale inside: L = [[a sx, b sy], [c sx, d sy]]
  // (torchvision's uniform scale s multiplies the whole matrix; per-axis scale splits it)
  const [kx, ky] = o.scale;
  const l00 = a * kx, l01 = b * ky, l10 = c * kx, l11 = d * ky;
  const det = l00 * l11 - l01 * l10;
  const i00 = l11 / det, i01 = -l01 / det, i10 = -l10 / det, i11 = l00 / det;
  // src = C + L^-1 (dst - C - T)
  const ux = -cx - tx, uy = -cy - ty;
  return [i00, i01, i00 * ux + i01 * uy + cx, i10, i11, i10 * ux + i11 * uy + cy];
}

function pair(op: string, name: string, v: unknown, def: [number, number], positive = false): [number, number] {
  if (v === undefined) return def;
  const ok = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && (!positive || x > 0);
  if (ok(v)) return [v as number, positive ? (v as number) : def[1]];
  if (Array.isArray(v) && v.length === 2 && v.every(ok)) return [v[0], v[1]];
  return invalid(op, name, positive ? 'a positive number or [x, y] of positive numbers' : 'a finite number or [x, y] of finite numbers', v);
}

/** Largest shrink factor of an inverse affine map (lengths of its columns). */
export function affineShrink(inv: readonly number[]): number {
  return Math.max(Math.hypot(inv[0], inv[3]), Math.hypot(inv[1], inv[4]));
}

/**
 * Runs an inverse 2x3 map: warp.ts's warpAffine kernels (cv2.warpAffine fixed point for uint8,
 * exact math for float32). When antialias is on and the map shrinks by more than 2x (for an
 * affine map every pixel has the same shrink), the source is first shrunk along each source axis
 * by the map's scale on that axis with the antialiased separable resize (Pillow's filters, SIMD),
 * and the remaining map (shrinking by at most about 1x) is warped: a mipmap-style prefilter, in
 * the manner of texture minification, at the cost of one resize. Maps that shrink mostly through
 * shear (no source axis shrinks) use the per-pixel supersampled kernel instead.
 */
function runAffine(op: string, src: CheckedImage, inv: Affine, o: WarpCommon): Image {
  if (o.antialias && o.interpolation !== 'nearest' && affineShrink(inv) > WARP_AA_THRESHOLD) {
    const fwd = invertAffine(inv);
    // output pixels covered by one source pixel step along source x and y
    const kx = fwd ? Math.hypot(fwd[0], fwd[3]) : 1;
    const ky = fwd ? Math.hypot(fwd[1], fwd[4]) : 1;
    const rw = kx < 1 ? Math.max(1, Math.round(src.width * kx)) : src.width;
    const rh = ky < 1 ? Math.max(1, Math.round(src.height * ky)) : src.height;
    if (rw < src.width || rh < src.height) {
      const method = resizeMethod(src.width, src.height, {
        width: rw, height: rh, interpolation: o.interpolation, antialias: true, cubicA: -0.5,
      });
      const small = checkImage(op, runResize(op, src, rw, rh, method));
      // half-pixel mapping of the resize: x' = (x + 0.5) * rw / w - 0.5
      const sx = rw / src.width, sy = rh / src.height;
      const inv2: Affine = [
        inv[0] * sx, inv[1] * sx, (inv[2] + 0.5) * sx - 0.5,
        inv[3] * sy, inv[4] * sy, (inv[5] + 0.5) * sy - 0.5,
      ];
      return runAffine(op, small, inv2, { ...o, antialias: false });
    }
    return runPerspective(op, src, inv, o.width, o.height, o.interpolation, o.border, o.fill, o.cubicA, true);
  }
  const code = INTERPOLATION_CODES[o.interpolation];
  return runKernel(op, src, { width: o.width, height: o.height, channels: src.channels }, (k, s, d, fp) => {
    const f = src.dtype === 'uint8' ? k.warpAffineU8 : k.warpAffineF32;
    f(s.ptr, d.ptr, src.width, src.height, src.channels, s.stride, o.width, o.height, d.stride,
      inv[0], inv[1], inv[2], inv[3], inv[4], inv[5], code, BORDER_CODES[o.border], fp, o.cubicA);
  }, o.fill);
}

/**
 * Affine transform about a centre in one resample: rotation `angle` (degrees, counter-clockwise
 * on screen), `scale` (number or per axis), `shear` (degrees), then `translate` (pixels). The
 * output has the input's size.
 *
 * Parameter meaning: identical to torchvision `F.affine(img, angle=-angle, translate, scale,
 * shear, center)` (torchvision's angle turns clockwise; ours follows OpenCV, scikit-image and
 * Pillow) with the default centre being the true image centre ((w-1)/2, (h-1)/2) in pixel-centre
 * coordinates (torchvision's centre). albumentations `Affine` builds its matrix from
 * scikit-image transforms about the same centre (w/2 - 0.5, h/2 - 0.5); scikit-image's rotation
 * turns clockwise on screen, and newer albumentations versions negate the sampled rotate and shear
 * (albumentations issue #1079) while older ones and imgaug do not, so whether their positive
 * `rotate` equals our `angle` or `-angle` depends on the version; their shear is scikit-image's,
 * which differs from torchvision's (compare matrices with `affineInverse`). Positions outside the
 * source follow `border`.
 *
 * The resample is `warpAffine`'s kernel: uint8 is bit-exact with cv2.warpAffine(img, M, (w, h),
 * flags | WARP_INVERSE_MAP) for the inverse matrix M = `affineInverse(...)` (OpenCV's 1/32-pixel
 * fixed point); float32 is exact math. Where the map shrinks the image by more than 2x,
 * `antialias` (default true) first shrinks the source along its axes with the antialiased
 * `resize` (Pillow's filter; a 4x `scale` equals `resize` exactly) and warps the result; maps
 * that shrink only through shear use the supersampled filter of `warpPerspective`.
 * @param img image (or ImageData), HWC, uint8 or float32, any channels
 * @param options `{ angle = 0, scale = 1, translate = [0, 0], shear = [0, 0], center, interpolation = 'bilinear', border = 'constant', fill = 0, cubicA = -0.75, antialias = true }`
 * @returns a new image of the same size
 * @throws PixaugError `INVALID_PARAMETER` (non-finite values, scale <= 0, shear at +-90 degrees,
 *   bad interpolation, border, fill), `INVALID_IMAGE`, `TOO_LARGE`
 * @example const out = affine(img, { angle: 15, scale: 0.9, translate: [10, -4], shear: [5, 0], border: 'reflect' });
 */
export function affine(img: ImageLike, options: AffineOptions = {}): Image {
  const op = 'affine';
  const src = checkImage(op, img);
  const common = checkWarpOptions(op, src, { ...options, width: undefined, height: undefined });
  const angle = options.angle === undefined ? 0 : checkFinite(op, 'options.angle', options.angle, 'a finite number of degrees');
  const scale = pair(op, 'options.scale', options.scale, [1, 1], true);
  const translate = pair(op, 'options.translate', options.translate, [0, 0]);
  const shear = pair(op, 'options.shear', options.shear, [0, 0]);
  if (shear.some((s) => Math.abs(Math.cos((s * Math.PI) / 180)) < 1e-9)) invalid(op, 'options.shear', 'angles away from +-90 degrees', options.shear);
  const center = pair(op, 'options.center', options.center, [(src.width - 1) / 2, (src.height - 1) / 2]);
  return runAffine(op, src, affineInverse({ angle, scale, translate, shear, center }), common);
}

/** Options of `translate`. */
export interface TranslateOptions extends AffineWarpOptions {}

/**
 * Shifts the image by (dx, dy) pixels: out(x, y) = in(x - dx, y - dy), same size; uncovered
 * pixels follow `border` (`constant` fills; `wrap` rolls the image like np.roll; `edge`,
 * `reflect`, `symmetric` extend it). Whole-pixel shifts are memory moves (bit-exact, any
 * dtype). Fractional shifts resample through the affine warp (`interpolation`, default
 * bilinear; uint8 bit-exact with cv2.warpAffine with the matrix [[1, 0, dx], [0, 1, dy]]).
 * @param img image (or ImageData)
 * @param dx shift to the right in pixels (finite)
 * @param dy shift down in pixels (finite)
 * @param options `{ border = 'constant', fill = 0, interpolation = 'bilinear', cubicA = -0.75 }`
 * @returns a new image of the same size
 * @throws PixaugError `INVALID_PARAMETER` (non-finite shift, bad border, fill, interpolation),
 *   `INVALID_IMAGE`, `TOO_LARGE`
 * @example const shifted = translate(img, 12, -5, { border: 'wrap' });
 */
export function translate(img: ImageLike, dx: number, dy: number, options: TranslateOptions = {}): Image {
  const op = 'translate';
  const src = checkImage(op, img);
  checkFinite(op, 'dx', dx, 'a finite number of pixels');
  checkFinite(op, 'dy', dy, 'a finite number of pixels');
  const common = checkWarpOptions(op, src, { ...options, width: undefined, height: undefined });
  if (Number.isInteger(dx) && Number.isInteger(dy)) {
    // clamp far shifts: beyond the image everything is border anyway (keeps indices in i32)
    const lim = (v: number, n: number) => Math.max(-4 * n - 4, Math.min(4 * n + 4, v));
    const x0 = common.border === 'constant' || common.border === 'edge' ? -lim(dx, src.width) : -dx;
    const y0 = common.border === 'constant' || common.border === 'edge' ? -lim(dy, src.height) : -dy;
    if (Math.abs(x0) > 2 ** 30 || Math.abs(y0) > 2 ** 30) invalid(op, 'dx, dy', 'shifts of at most 2^30 pixels', [dx, dy]);
    return window(op, src, x0, y0, src.width, src.height, common.border, common.fill);
  }
  return runAffine(op, src, [1, 0, -dx, 0, 1, -dy], common);
}

/** Options of `scale`. */
export interface ScaleOptions extends AffineWarpOptions {
  /** Fixed point of the zoom, default the image centre ((w-1)/2, (h-1)/2). */
  center?: readonly [number, number];
}

/**
 * Zooms about the centre keeping the output size: factor > 1 enlarges the content (the parts
 * pushed outside are cropped away), factor < 1 shrinks it and fills the margin according to
 * `border` (`constant` fill, or `reflect`, `edge`, `symmetric`, `wrap` continuations). One
 * number or [fx, fy]. out(x, y) = in(c + (x - c) / f). Shrinking by more than 2x prefilters
 * with the antialiased `resize` (default `antialias: true`, see `affine`). uint8 bit-exact with cv2.warpAffine of the
 * same inverse map when not filtered.
 * @param img image (or ImageData)
 * @param factor zoom factor > 0, or [fx, fy]
 * @param options `{ interpolation = 'bilinear', border = 'constant', fill = 0, center, cubicA = -0.75, antialias = true }`
 * @returns a new image of the same size
 * @throws PixaugError `INVALID_PARAMETER` (factor not positive and finite, bad options),
 *   `INVALID_IMAGE`, `TOO_LARGE`
 * @example const zoomed = scale(img, 1.25); const framed = scale(img, 0.5, { border: 'reflect' });
 */
export function scale(img: ImageLike, factor: number | readonly [number, number], options: ScaleOptions = {}): Image {
  const op = 'scale';
  const src = checkImage(op, img);
  const [fx, fy] = pair(op, 'factor', factor, [1, 1], true);
  const common = checkWarpOptions(op, src, { ...options, width: undefined, height: undefined });
  const [cx, cy] = pair(op, 'options.center', options.center, [(src.width - 1) / 2, (src.height - 1) / 2]);
  return runAffine(op, src, [1 / fx, 0, cx - cx / fx, 0, 1 / fy, cy - cy / fy], common);
}
