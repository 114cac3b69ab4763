// Exact geometric operations: flips, rot90, transpose, crop, pad. All are memory moves (every
// output pixel is a copy of one input pixel or of the fill), so they are bit-exact for uint8 and
// float32 and match numpy (np.flip, np.rot90, np.transpose, slicing, np.pad) exactly.

import { runKernel } from '../engine.js';
import { invalid } from '../errors.js';
import {
  BORDER_CODES, checkBorder, checkFill, checkImage, checkInt,
  type BorderMode, type Fill, type Image, type ImageLike,
} from '../image.js';

/** Flip direction: `horizontal` mirrors left-right, `vertical` top-bottom, `both` is a 180° turn. */
export type FlipDirection = 'horizontal' | 'vertical' | 'both';

/**
 * Mirrors an image. Layout HWC (any channels, uint8 or float32); output has the same shape.
 * - `horizontal`: out(x, y) = in(w-1-x, y) (np.fliplr, cv2.flip(img, 1))
 * - `vertical`:   out(x, y) = in(x, h-1-y) (np.flipud, cv2.flip(img, 0))
 * - `both`:       out(x, y) = in(w-1-x, h-1-y) (cv2.flip(img, -1), equal to rot90(img, 2))
 * Bit-exact with numpy. A memory move, never a warp.
 * @param img image (or ImageData)
 * @param direction default `'horizontal'`
 * @returns a new image; the input is not modified
 * @throws PixaugError `INVALID_IMAGE`, `TOO_LARGE`, `INVALID_PARAMETER` (unknown direction)
 * @example const mirrored = flip(img, 'horizontal');
 */
export function flip(img: ImageLike, direction: FlipDirection = 'horizontal'): Image {
  const src = checkImage('flip', img);
  if (direction !== 'horizontal' && direction !== 'vertical' && direction !== 'both') {
    invalid('flip', 'direction', `'horizontal', 'vertical' or 'both'`, direction);
  }
  const { width: w, height: h, channels: c } = src;
  const bpp = c * src.bytes;
  return runKernel('flip', src, { width: w, height: h, channels: c }, (k, s, d) => {
    if (direction === 'vertical') {
      k.copyRows(s.ptr + (h - 1) * s.stride, d.ptr, w * bpp, h, -s.stride, d.stride);
    } else if (direction === 'horizontal') {
      k.flipH(s.ptr, d.ptr, w, h, bpp, s.stride, d.stride);
    } else {
      k.flipH(s.ptr + (h - 1) * s.stride, d.ptr, w, h, bpp, -s.stride, d.stride);
    }
  });
}

/**
 * Rotates by k quarter turns counter-clockwise (as seen on screen): k = 1 is 90° CCW, k = -1
 * (or 3) is 90° clockwise; any integer k, taken modulo 4. Output is h x w for odd k.
 * Same convention and bytes as np.rot90(img, k) (axes 0, 1). A memory move (tiled transpose
 * with SIMD 4x4 / 16x16 blocks), never a warp.
 * @param img image (or ImageData), HWC, uint8 or float32, any channels
 * @param k number of counter-clockwise quarter turns, default 1
 * @returns a new image
 * @throws PixaugError `INVALID_PARAMETER` when k is not an integer; `INVALID_IMAGE`, `TOO_LARGE`
 * @example const turned = rot90(img, -1); // 90° clockwise
 */
export function rot90(img: ImageLike, k = 1): Image {
  const src = checkImage('rot90', img);
  if (typeof k !== 'number' || !Number.isInteger(k)) invalid('rot90', 'k', 'an integer number of quarter turns', k);
  const q = ((k % 4) + 4) % 4;
  const { width: w, height: h, channels: c } = src;
  const bpp = c * src.bytes;
  if (q === 0) {
    return runKernel('rot90', src, { width: w, height: h, channels: c }, (kk, s, d) => {
      kk.copyRows(s.ptr, d.ptr, w * bpp, h, s.stride, d.stride);
    });
  }
  if (q === 2) {
    return runKernel('rot90', src, { width: w, height: h, channels: c }, (kk, s, d) => {
      kk.flipH(s.ptr + (h - 1) * s.stride, d.ptr, w, h, bpp, -s.stride, d.stride);
    });
  }
  // output is h wide and w tall
  return runKernel('rot90', src, { width: h, height: w, channels: c }, (kk, s, d) => {
    if (q === 1) {
      // dst(r, c) = src(c, w-1-r): transpose written bottom-up
      kk.transpose(s.ptr, d.ptr + (w - 1) * d.stride, w, h, bpp, s.stride, -d.stride);
    } else {
      // dst(r, c) = src(h-1-c, r): transpose read bottom-up
      kk.transpose(s.ptr + (h - 1) * s.stride, d.ptr, w, h, bpp, -s.stride, d.stride);
    }
  });
}

/**
 * Transposes rows and columns: out(x, y) = in(y, x); output is h wide and w tall.
 * Same as np.transpose(img, (1, 0, 2)) and cv2.transpose. A memory move.
 * @param img image (or ImageData), HWC, uint8 or float32, any channels
 * @returns a new image
 * @throws PixaugError `INVALID_IMAGE`, `TOO_LARGE`
 */
export function transpose(img: ImageLike): Image {
  const src = checkImage('transpose', img);
  const { width: w, height: h, channels: c } = src;
  return runKernel('transpose', src, { width: h, height: w, channels: c }, (k, s, d) => {
    k.transpose(s.ptr, d.ptr, w, h, c * src.bytes, s.stride, d.stride);
  });
}

/** A rectangle in pixels: top-left corner (x, y) and size. */
export interface Rect { x: number; y: number; width: number; height: number }

/**
 * Cuts out a rectangle: out = in[y : y+height, x : x+width] (numpy slicing). The rectangle must
 * lie inside the image; to take a window that extends past the edges use `pad` first.
 * @param img image (or ImageData), HWC, uint8 or float32, any channels
 * @param rect `{ x, y, width, height }` in pixels; integers, x, y >= 0, width, height >= 1,
 *   x + width <= img.width, y + height <= img.height
 * @returns a new image of width x height
 * @throws PixaugError `INVALID_PARAMETER` for a rectangle that is not integer or not inside the image
 * @example const patch = crop(img, { x: 10, y: 20, width: 64, height: 64 });
 */
export function crop(img: ImageLike, rect: Rect): Image {
  const src = checkImage('crop', img);
  if (rect === null || typeof rect !== 'object') invalid('crop', 'rect', 'an object { x, y, width, height }', rect);
  const x = checkInt('crop', 'rect.x', rect.x, 0);
  const y = checkInt('crop', 'rect.y', rect.y, 0);
  const cw = checkInt('crop', 'rect.width', rect.width, 1);
  const ch = checkInt('crop', 'rect.height', rect.height, 1);
  if (x + cw > src.width) invalid('crop', 'rect.x + rect.width', `at most the image width ${src.width}`, x + cw);
  if (y + ch > src.height) invalid('crop', 'rect.y + rect.height', `at most the image height ${src.height}`, y + ch);
  const bpp = src.channels * src.bytes;
  return runKernel('crop', src, { width: cw, height: ch, channels: src.channels }, (k, s, d) => {
    k.copyRows(s.ptr + y * s.stride + x * bpp, d.ptr, cw * bpp, ch, s.stride, d.stride);
  });
}

/** Padding in pixels on each side; a single number pads all four sides. */
export type Padding = number | { top?: number; right?: number; bottom?: number; left?: number };

/** Options of `pad`. */
export interface PadOptions {
  /** Border mode, default `'constant'`. */
  border?: BorderMode;
  /** Fill for `constant`: one value or one per channel; default 0. */
  fill?: Fill;
}

/**
 * Pads an image on each side, like numpy.pad(img, ((top, bottom), (left, right), (0, 0)), mode).
 * Border modes (numpy.pad names, OpenCV names in brackets), pictured on a row `abcd`:
 * - `constant`  `iii|abcd|iii`  fill value i per channel (BORDER_CONSTANT)
 * - `edge`      `aaa|abcd|ddd`  (BORDER_REPLICATE)
 * - `reflect`   `dcb|abcd|cba`  edge not repeated (BORDER_REFLECT_101)
 * - `symmetric` `cba|abcd|dcb`  edge repeated (BORDER_REFLECT)
 * - `wrap`      `bcd|abcd|abc`  periodic (BORDER_WRAP)
 * Valid at any distance: pads longer than the image repeat the pattern as numpy.pad does,
 * and 1-pixel images work in every mode. Bit-exact with numpy.pad.
 * @param img image (or ImageData), HWC, uint8 or float32, any channels
 * @param padding `{ top, right, bottom, left }` non-negative integers in pixels (missing = 0), or one number for all
 * @param options `{ border = 'constant', fill = 0 }`
 * @returns a new image of (w + left + right) x (h + top + bottom)
 * @throws PixaugError `INVALID_PARAMETER` (negative or non-integer padding, unknown border,
 *   bad fill length or value), `TOO_LARGE` (output over the pixel limit)
 * @example const framed = pad(img, { top: 8, bottom: 8 }, { border: 'reflect' });
 */
export function pad(img: ImageLike, padding: Padding, options: PadOptions = {}): Image {
  const src = checkImage('pad', img);
  let top = 0, right = 0, bottom = 0, left = 0;
  if (typeof padding === 'number') {
    top = right = bottom = left = checkInt('pad', 'padding', padding, 0);
  } else if (padding !== null && typeof padding === 'object') {
    top = checkInt('pad', 'padding.top', padding.top ?? 0, 0);
    right = checkInt('pad', 'padding.right', padding.right ?? 0, 0);
    bottom = checkInt('pad', 'padding.bottom', padding.bottom ?? 0, 0);
    left = checkInt('pad', 'padding.left', padding.left ?? 0, 0);
  } else {
    invalid('pad', 'padding', 'a non-negative integer or { top, right, bottom, left }', padding);
  }
  const border = checkBorder('pad', options.border ?? 'constant', 'options.border');
  const fill = checkFill('pad', options.fill ?? 0, src.channels, src.dtype);
  const ow = src.width + left + right;
  const oh = src.height + top + bottom;
  return runKernel('pad', src, { width: ow, height: oh, channels: src.channels }, (k, s, d, fp) => {
    k.extract(s.ptr, d.ptr, src.width, src.height, src.channels * src.bytes, s.stride, d.stride,
      -left, -top, ow, oh, BORDER_CODES[border], fp);
  }, fill);
}
