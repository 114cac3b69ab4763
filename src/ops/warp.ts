// Affine warps: rotate and warpAffine. uint8 images follow OpenCV's fixed-point warpAffine bit
// for bit; float32 images use exact math (scikit-image's warp). Kernels: assembly/warp.ts.

import { runKernel } from '../engine.js';
import { invalid } from '../errors.js';
import {
  BORDER_CODES, INTERPOLATION_CODES, checkBorder, checkFill, checkImage, checkInt, checkInterpolation,
  type BorderMode, type CheckedImage, type Fill, type Image, type ImageLike, type Interpolation,
} from '../image.js';

/** A 2x3 affine matrix, row-major `[a, b, c, d, e, f]`: x' = a x + b y + c, y' = d x + e y + f. */
export type AffineMatrix = readonly [number, number, number, number, number, number];

/** Options of `rotate`. */
export interface RotateOptions {
  /** `'nearest'`, `'bilinear'` (default) or `'bicubic'`. */
  interpolation?: Interpolation;
  /** Border mode for source pixels outside the image, default `'constant'`. */
  border?: BorderMode;
  /** Fill for `constant`: one value or one per channel, default 0. */
  fill?: Fill;
  /** Rotation centre `[cx, cy]` in pixels, default the true centre `[(w-1)/2, (h-1)/2]`. */
  center?: readonly [number, number];
  /** `true`: enlarge the canvas to hold the whole rotated image (see `rotate`). Default false. */
  expand?: boolean;
  /** Keys cubic parameter in [-1, 0]; default -0.75 for uint8 (OpenCV), -0.5 for float32 (scikit-image). */
  cubicA?: number;
}

/** Options of `warpAffine`. */
export interface WarpAffineOptions {
  /** Output width in pixels, default the input's. */
  width?: number;
  /** Output height in pixels, default the input's. */
  height?: number;
  /** `'nearest'`, `'bilinear'` (default) or `'bicubic'`. */
  interpolation?: Interpolation;
  /** Border mode for source pixels outside the image, default `'constant'`. */
  border?: BorderMode;
  /** Fill for `constant`: one value or one per channel, default 0. */
  fill?: Fill;
  /** `true`: the matrix already maps output -> input (cv2.WARP_INVERSE_MAP). Default false. */
  inverse?: boolean;
  /** Keys cubic parameter in [-1, 0]; default -0.75 for uint8 (OpenCV), -0.5 for float32 (scikit-image). */
  cubicA?: number;
}

/**
 * cv2.getRotationMatrix2D((cx, cy), angle, 1): the forward 2x3 map src -> dst of a rotation by
 * `angle` degrees counter-clockwise (on screen, y down) about (cx, cy):
 * `[a, b, (1-a) cx - b cy, -b, a, b cx + (1-a) cy]` with a = cos t, b = sin t. Same operations
 * as OpenCV 4.6 (imgwarp.cpp getRotationMatrix2D_: `angle *= CV_PI/180`, so t = angle * (PI/180),
 * which differs from (angle * PI) / 180 in the last bit for about half of all angles; the centre
 * is a cv::Point2f, so cx and cy are rounded to float32 first), so the doubles are identical.
 */
export function rotationMatrix(angle: number, cx: number, cy: number): number[] {
  const [alpha, beta] = cosSin(angle);
  return matrixFromCosSin(alpha, beta, cx, cy);
}

/** cos and sin of angle * (PI / 180), as getRotationMatrix2D computes them. */
function cosSin(angle: number): [number, number] {
  const t = angle * (Math.PI / 180);
  return [Math.cos(t), Math.sin(t)];
}

/** getRotationMatrix2D's matrix from alpha = cos, beta = sin; the centre is a Point2f. */
function matrixFromCosSin(alpha: number, beta: number, cx: number, cy: number): number[] {
  const x = Math.fround(cx), y = Math.fround(cy);
  return [alpha, beta, (1 - alpha) * x - beta * y, -beta, alpha, beta * x + (1 - alpha) * y];
}

/**
 * Exact cos / sin for multiples of 90 degrees, Math.cos / Math.sin of angle * (PI / 180) otherwise.
 * Used for float32 images, where the 6e-17 that cos(PI/2) leaves over would otherwise blend a
 * quarter turn's pixels with their neighbours by 1e-13.
 */
function cosSinExact(angle: number): [number, number] {
  const r = ((angle % 360) + 360) % 360;
  if (r === 0) return [1, 0];
  if (r === 90) return [0, 1];
  if (r === 180) return [-1, 0];
  if (r === 270) return [0, -1];
  return cosSin(angle);
}

/**
 * Inverts a 2x3 affine matrix exactly like cv2.warpAffine does without WARP_INVERSE_MAP
 * (double precision, OpenCV's order of operations; refimpl `cv2_invert_affine`).
 * Returns null when the matrix is singular (determinant 0) or the inverse is not finite.
 */
export function invertAffine(m: ArrayLike<number>): number[] | null {
  const M = [m[0], m[1], m[2], m[3], m[4], m[5]];
  const det = M[0] * M[4] - M[1] * M[3];
  if (det === 0) return null;
  const D = 1 / det;
  const A11 = M[4] * D, A22 = M[0] * D;
  M[0] = A11;
  M[1] *= -D;
  M[3] *= -D;
  M[4] = A22;
  const b1 = -M[0] * M[2] - M[1] * M[5];
  const b2 = -M[3] * M[2] - M[4] * M[5];
  M[2] = b1;
  M[5] = b2;
  return M.every(Number.isFinite) ? M : null;
}

interface Common {
  interpolation: Interpolation;
  border: BorderMode;
  fill: number[];
  cubicA: number;
}

function checkOptions(op: string, options: unknown): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    return invalid(op, 'options', 'an object', options);
  }
  return options as Record<string, unknown>;
}

function checkCommon(op: string, src: CheckedImage, o: Record<string, unknown>): Common {
  const interpolation = checkInterpolation(op, o.interpolation ?? 'bilinear', 'options.interpolation');
  const border = checkBorder(op, o.border ?? 'constant', 'options.border');
  const fill = checkFill(op, o.fill ?? 0, src.channels, src.dtype);
  let cubicA = src.dtype === 'uint8' ? -0.75 : -0.5;
  if (o.cubicA !== undefined) {
    const a = o.cubicA;
    if (typeof a !== 'number' || !Number.isFinite(a) || a < -1 || a > 0) {
      invalid(op, 'options.cubicA', 'a finite number in [-1, 0]', a);
    }
    cubicA = a as number;
  }
  return { interpolation, border, fill, cubicA };
}

/** Runs the kernel with the inverse map mi (dst -> src). */
function warp(op: string, src: CheckedImage, mi: readonly number[], width: number, height: number, c: Common): Image {
  const interp = INTERPOLATION_CODES[c.interpolation];
  const border = BORDER_CODES[c.border];
  return runKernel(op, src, { width, height, channels: src.channels }, (k, s, d, fp) => {
    const kernel = src.dtype === 'uint8' ? k.warpAffineU8 : k.warpAffineF32;
    kernel(s.ptr, d.ptr, src.width, src.height, src.channels, s.stride, width, height, d.stride,
      mi[0], mi[1], mi[2], mi[3], mi[4], mi[5], interp, border, fp, c.cubicA);
  }, c.fill);
}

/**
 * Rotates an image by `angle` degrees, counter-clockwise as seen on screen (OpenCV,
 * scikit-image and Pillow convention), about `center` (default the true centre
 * ((w-1)/2, (h-1)/2), so quarter turns of a square image equal `rot90` exactly; the common
 * (w/2, h/2) is half a pixel off). Layout HWC, any channels, uint8 or float32.
 *
 * uint8: bit-exact with `cv2.warpAffine(img, cv2.getRotationMatrix2D((cx, cy), angle, 1.0),
 * (w, h), flags, borderMode, borderValue)`: the forward matrix is built with the same double
 * operations as getRotationMatrix2D and inverted like warpAffine; source coordinates are
 * quantised to 1/32 px, weights are int16 summing to 2^15, round half up, saturate. Bilinear =
 * INTER_LINEAR, bicubic = INTER_CUBIC (Keys a = -0.75, or `cubicA`), nearest = INTER_NEAREST.
 * float32: exact math (f64 coordinates, f32 weights), within 1e-4 of
 * `skimage.transform.rotate(img, angle, order, mode, cval)` on 0..1 data (bicubic = order 3 with
 * a = -0.5); multiples of 90 degrees use exact cos/sin.
 *
 * Border modes (numpy.pad / scikit-image names, OpenCV names in brackets), on a row `abcd`:
 * | border      | pattern          | OpenCV               |
 * |-------------|------------------|----------------------|
 * | `constant`  | `iii\|abcd\|iii` | BORDER_CONSTANT (fill value i per channel; edge pixels blend with it) |
 * | `edge`      | `aaa\|abcd\|ddd` | BORDER_REPLICATE     |
 * | `reflect`   | `dcb\|abcd\|cba` | BORDER_REFLECT_101   |
 * | `symmetric` | `cba\|abcd\|dcb` | BORDER_REFLECT       |
 * | `wrap`      | `bcd\|abcd\|abc` | BORDER_WRAP          |
 * e.g. `rotate(img, 30, { border: 'reflect' })` is bit-exact with cv2.warpAffine INTER_LINEAR,
 * BORDER_REFLECT_101. Valid at any distance from the image and for 1-pixel images.
 *
 * Canvas: same size as the input, unless `expand: true`, which gives the smallest canvas that
 * holds the whole rotated image: W' = ceil(w |cos| + h |sin| - 1e-6), H' = ceil(w |sin| +
 * h |cos| - 1e-6) (the rotated bounding box of the image area [-0.5, w-0.5] x [-0.5, h-0.5];
 * the 1e-6 absorbs rounding of cos/sin), and the matrix is translated so that the input's centre
 * ((w-1)/2, (h-1)/2) lands on the output's centre ((W'-1)/2, (H'-1)/2). With `expand` the
 * rotated image is always centred, so `center` has no effect; rotate(img, 90, { expand: true })
 * of a w x h image equals rot90(img) exactly.
 *
 * @param img image (or ImageData), HWC, uint8 or float32, any channels
 * @param angle degrees, counter-clockwise, any finite number
 * @param options `{ interpolation = 'bilinear', border = 'constant', fill = 0, center, expand = false, cubicA }`
 * @returns a new image (w x h, or W' x H' with expand)
 * @throws PixaugError `INVALID_PARAMETER` (angle not finite, unknown interpolation or border,
 *   bad fill, center not two finite numbers, expand not boolean, cubicA outside [-1, 0]),
 *   `INVALID_IMAGE`, `TOO_LARGE` (expanded canvas over the limits)
 * @example const tilted = rotate(img, 15, { border: 'reflect', interpolation: 'bicubic' });
 */
export function rotate(img: ImageLike, angle: number, options: RotateOptions = {}): Image {
  const op = 'rotate';
  const src = checkImage(op, img);
  if (typeof angle !== 'number' || !Number.isFinite(angle)) invalid(op, 'angle', 'a finite number of degrees', angle);
  const o = checkOptions(op, options);
  const c = checkCommon(op, src, o);
  const { width: w, height: h } = src;
  let cx = (w - 1) / 2, cy = (h - 1) / 2;
  if (o.center !== undefined) {
    const ctr = o.center as unknown;
    if (!Array.isArray(ctr) || ctr.length !== 2 || !ctr.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      invalid(op, 'options.center', 'an array [cx, cy] of two finite numbers (pixels)', ctr);
    }
    [cx, cy] = ctr as [number, number];
  }
  const expand = o.expand ?? false;
  if (typeof expand !== 'boolean') invalid(op, 'options.expand', 'true or false', expand);

  // uint8: OpenCV's doubles (bit-exact with getRotationMatrix2D); float32: exact quarter turns
  const [alpha, beta] = src.dtype === 'uint8' ? cosSin(angle) : cosSinExact(angle);
  // with expand the result is re-centred, so rotate about the image centre (same result up to
  // rounding for any centre, and exact quarter turns for float32)
  const m = expand ? matrixFromCosSin(alpha, beta, (w - 1) / 2, (h - 1) / 2) : matrixFromCosSin(alpha, beta, cx, cy);
  let ow = w, oh = h;
  if (expand) {
    const ac = Math.abs(alpha), as = Math.abs(beta);
    ow = Math.max(1, Math.ceil(w * ac + h * as - 1e-6));
    oh = Math.max(1, Math.ceil(w * as + h * ac - 1e-6));
    // move the image centre to the canvas centre
    const icx = (w - 1) / 2, icy = (h - 1) / 2;
    const px = m[0] * icx + m[1] * icy + m[2];
    const py = m[3] * icx + m[4] * icy + m[5];
    m[2] += (ow - 1) / 2 - px;
    m[5] += (oh - 1) / 2 - py;
  }
  const mi = invertAffine(m);
  // a rotation matrix always has determinant cos^2 + sin^2 = 1
  if (!mi) return invalid(op, 'angle', 'a finite number of degrees', angle);
  return warp(op, src, mi, ow, oh, c);
}

/**
 * Applies a 2x3 affine transform. `matrix = [a, b, c, d, e, f]` is the forward map src -> dst
 * like cv2.warpAffine: the input pixel at (x, y) goes to (a x + b y + c, d x + e y + f), pixel
 * centres at integer coordinates. It is inverted in double precision exactly like
 * cv2.warpAffine, and each output pixel samples the input at the inverse map. With
 * `inverse: true` the matrix already is the map dst -> src (cv2.WARP_INVERSE_MAP, or
 * scikit-image's `warp(img, AffineTransform(matrix))` inverse_map convention).
 *
 * uint8: bit-exact with `cv2.warpAffine(img, M, (width, height), flags=INTER_NEAREST |
 * INTER_LINEAR | INTER_CUBIC, borderMode, borderValue)` (1/32 px fixed point, int16 weights,
 * round half up, saturate); bicubic = Keys a = -0.75 (or `cubicA`).
 * float32: exact math within 1e-4 of scikit-image's warp (order 0, 1, 3 with a = -0.5).
 *
 * Border modes, on a row `abcd` (numpy.pad names, OpenCV names):
 * | border      | pattern          | OpenCV               |
 * |-------------|------------------|----------------------|
 * | `constant`  | `iii\|abcd\|iii` | BORDER_CONSTANT (fill value i per channel; edge pixels blend with it) |
 * | `edge`      | `aaa\|abcd\|ddd` | BORDER_REPLICATE     |
 * | `reflect`   | `dcb\|abcd\|cba` | BORDER_REFLECT_101   |
 * | `symmetric` | `cba\|abcd\|dcb` | BORDER_REFLECT       |
 * | `wrap`      | `bcd\|abcd\|abc` | BORDER_WRAP          |
 *
 * @param img image (or ImageData), HWC, uint8 or float32, any channels
 * @param matrix `[a, b, c, d, e, f]`, six finite numbers (array or typed array)
 * @param options `{ width, height, interpolation = 'bilinear', border = 'constant', fill = 0, inverse = false, cubicA }`;
 *   width / height default to the input's
 * @returns a new image of width x height
 * @throws PixaugError `INVALID_PARAMETER` (matrix not 6 finite numbers, singular matrix when it
 *   must be inverted, width / height not positive integers, unknown interpolation or border, bad
 *   fill, inverse not boolean, cubicA outside [-1, 0]), `INVALID_IMAGE`, `TOO_LARGE`
 * @example
 *   // shear by 0.2 and shift right by 10 px, reflecting at the borders
 *   const out = warpAffine(img, [1, 0.2, 10, 0, 1, 0], { border: 'reflect' });
 */
export function warpAffine(img: ImageLike, matrix: AffineMatrix | ArrayLike<number>, options: WarpAffineOptions = {}): Image {
  const op = 'warpAffine';
  const src = checkImage(op, img);
  const isList = Array.isArray(matrix) || (ArrayBuffer.isView(matrix) && !(matrix instanceof DataView));
  const m = isList ? Array.from(matrix as ArrayLike<number>) : null;
  if (!m || m.length !== 6 || !m.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return invalid(op, 'matrix', 'an array of 6 finite numbers [a, b, c, d, e, f]', matrix);
  }
  const o = checkOptions(op, options);
  const width = o.width === undefined ? src.width : checkInt(op, 'options.width', o.width, 1);
  const height = o.height === undefined ? src.height : checkInt(op, 'options.height', o.height, 1);
  const inverse = o.inverse ?? false;
  if (typeof inverse !== 'boolean') invalid(op, 'options.inverse', 'true or false', inverse);
  const c = checkCommon(op, src, o);
  let mi: number[] | null = m;
  if (!inverse) {
    mi = invertAffine(m);
    if (!mi) return invalid(op, 'matrix', 'an invertible matrix (a e - b d != 0)', m);
  }
  return warp(op, src, mi, width, height, c);
}
