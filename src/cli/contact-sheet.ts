// Contact sheet for the CLI: a grid of fixed-size cells, one row per input (original, then its
// variants). Pixels are only touched by pixaug kernels (toRGB8, warpAffine); JS copies whole
// cell rows into the sheet with TypedArray.set.

import { runKernel } from '../engine.js';
import { PixaugError, invalid } from '../errors.js';
import { checkImage, type Image } from '../image.js';
import { warpAffine } from '../ops/warp.js';

/** Default cell side in pixels. */
export const CELL = 256;
/** Default gap between cells (and around the grid) in pixels. */
export const GAP = 8;
/** Default grey level of the background (R = G = B). */
export const BACKGROUND = 128;

/**
 * Converts a uint8 image of 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA) channels to opaque
 * RGB, compositing straight alpha over an opaque background colour:
 * out = round((c * a + bg * (255 - a)) / 255), half up (kernel `toRGB8`, assembly/compose.ts).
 * @param img uint8 image, HWC, 1..4 channels
 * @param background [r, g, b] in 0..255, default grey 128
 * @returns a new 3-channel uint8 image of the same size (a copy for RGB input)
 * @throws PixaugError `INVALID_IMAGE` for float32 data or more than 4 channels,
 *   `INVALID_PARAMETER` for a bad background
 */
export function toRGB(img: Image, background: readonly number[] = [BACKGROUND, BACKGROUND, BACKGROUND]): Image {
  const src = checkImage('toRGB', img);
  if (src.dtype !== 'uint8') throw new PixaugError('INVALID_IMAGE', 'toRGB: expected image to be uint8 but received float32 data');
  if (src.channels > 4) throw new PixaugError('INVALID_IMAGE', `toRGB: expected image to have 1 to 4 channels but received ${src.channels}`);
  if (!Array.isArray(background) || background.length !== 3 || !background.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) {
    invalid('toRGB', 'background', 'three integers in 0..255', background);
  }
  return runKernel('toRGB', src, { width: src.width, height: src.height, channels: 3 }, (k, s, d, fp) => {
    k.toRGB8(s.ptr, d.ptr, src.width, src.height, src.channels, s.stride, d.stride, fp);
  }, background);
}

/**
 * Scales an image to fit a cell x cell square (aspect ratio kept, scale factor
 * min(cell / w, cell / h), up or down), centred on a grey background, with one bilinear
 * `warpAffine` whose matrix maps the image area [-0.5, w-0.5] x [-0.5, h-0.5] onto the
 * sw x sh box at (ox, oy): x' = sx * x + (ox - 0.5 + 0.5 * sx), sx = sw / w (same for y).
 * @param img uint8 image, 1..4 channels (converted to RGB first, alpha over the background)
 * @param cell side in pixels, default 256
 * @param background grey level 0..255, default 128
 * @returns a cell x cell RGB image
 */
export function fitCell(img: Image, cell = CELL, background = BACKGROUND): Image {
  const bg = [background, background, background];
  const rgb = img.channels === 3 && !(img.data instanceof Float32Array) ? img : toRGB(img, bg);
  const { width: w, height: h } = rgb;
  const s = Math.min(cell / w, cell / h);
  const sw = Math.min(cell, Math.max(1, Math.round(w * s)));
  const sh = Math.min(cell, Math.max(1, Math.round(h * s)));
  const sx = sw / w, sy = sh / h;
  const ox = Math.floor((cell - sw) / 2), oy = Math.floor((cell - sh) / 2);
  const m = [sx, 0, ox - 0.5 + 0.5 * sx, 0, sy, oy - 0.5 + 0.5 * sy];
  return warpAffine(rgb, m, { width: cell, height: cell, interpolation: 'bilinear', border: 'constant', fill: bg });
}

/**
 * Lays out RGB cells in a grid: row r, column c at (gap + c * (cell + gap), gap + r * (cell + gap)),
 * on a background of grey `background`. Rows may be shorter than `columns` (left empty).
 * @param rows cells per row; every cell is a cell x cell RGB uint8 image (from fitCell)
 * @returns an RGB image of (gap + columns * (cell + gap)) x (gap + rows * (cell + gap))
 * @throws PixaugError `INVALID_PARAMETER` for a cell of the wrong shape
 */
export function composeSheet(rows: readonly (readonly Image[])[], columns: number, cell = CELL, gap = GAP, background = BACKGROUND): Image {
  const width = gap + columns * (cell + gap);
  const height = gap + rows.length * (cell + gap);
  const data = new Uint8Array(width * height * 3).fill(background);
  const rowBytes = cell * 3;
  rows.forEach((cells, r) => {
    cells.forEach((img, c) => {
      if (img.width !== cell || img.height !== cell || img.channels !== 3 || c >= columns) {
        invalid('composeSheet', `rows[${r}][${c}]`, `a ${cell}x${cell} RGB cell in one of ${columns} columns`, `${img.width}x${img.height}x${img.channels}`);
      }
      const x0 = gap + c * (cell + gap), y0 = gap + r * (cell + gap);
      for (let y = 0; y < cell; y++) {
        data.set(img.data.subarray(y * rowBytes, (y + 1) * rowBytes) as Uint8Array, ((y0 + y) * width + x0) * 3);
      }
    });
  });
  return { width, height, channels: 3, data };
}
