// The CLI's augmentation recipe: which parameters are drawn for one output, in which order, from
// which random stream, and how they are applied with pixaug's own operations.

import type { BorderMode, Image } from '../image.js';
import { crop, flip, pad, rot90, type Rect } from '../ops/geometry.js';
import { rotate } from '../ops/warp.js';
import { Random } from '../random.js';

/** The border modes the recipe picks from (numpy.pad names). */
export const BORDERS: readonly BorderMode[] = ['constant', 'edge', 'reflect', 'symmetric', 'wrap'];

/** Rotation angle range in degrees (positive = counter-clockwise on screen). */
export const MAX_ANGLE = 30;
/** Crop side fraction range [MIN_CROP, 1]. */
export const MIN_CROP = 0.6;
/** Each pad side is at most this fraction of the (cropped) side length. */
export const MAX_PAD = 0.15;

/** Everything that was applied to produce one output, in application order. */
export interface AugmentParams {
  /** Mirror: `none`, `horizontal` (left-right) or `vertical` (top-bottom). */
  flip: 'none' | 'horizontal' | 'vertical';
  /** Counter-clockwise quarter turns, 0..3 (after the flip). */
  rot90: number;
  /**
   * Rotation about the image centre ((w-1)/2, (h-1)/2), bilinear, same output size (no expand);
   * `angle` in degrees, counter-clockwise; `fill` is used only by the `constant` border.
   */
  rotate: { angle: number; border: BorderMode; interpolation: 'bilinear'; fill: number };
  /** Crop rectangle in the rotated image (60-100% of each side), or null. */
  crop: Rect | null;
  /** Padding in pixels added to the (cropped) image, with its border mode, or null. */
  pad: { top: number; right: number; bottom: number; left: number; border: BorderMode; fill: number } | null;
}

/**
 * FNV-1a 32-bit hash (Fowler, Noll, Vo) of the UTF-8 bytes of a string:
 * h = 0x811c9dc5; for each byte b: h = (h ^ b) * 0x01000193 mod 2^32.
 */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h >>> 0;
}

/**
 * The random stream of copy `copy` of the input at `relPath`:
 * stream = fnv1a32(UTF-8 of `${relPath}#${copy}`), where relPath is the input's path relative to
 * the folder it was found in (or its file name when given directly), with `/` separators on
 * every platform. The stream depends on nothing else, so a given seed produces the same outputs
 * whatever the order of the inputs and whichever other inputs are present.
 */
export function streamFor(relPath: string, copy: number): number {
  return fnv1a32(`${relPath}#${copy}`);
}

/**
 * Draws the parameters of one output for an input of width x height, in this fixed order:
 * flip (choice of none / horizontal / vertical), rot90 k (int 0..3), angle (uniform in
 * [-30, 30)), rotation border (choice of 5), then the crop/pad plan: choice of `crop`, `pad`,
 * `crop+pad`; crop: width and height fractions (uniform in [0.6, 1)), then x, y (int);
 * pad: top, right, bottom, left (int 0..round(0.15 * side)) and its border (choice of 5).
 * Constant borders use fill 0 (black).
 */
export function sampleParams(rng: Random, width: number, height: number): AugmentParams {
  const flipDir = rng.choice(['none', 'horizontal', 'vertical'] as const);
  const k = rng.int(0, 3);
  let w = k % 2 ? height : width;
  let h = k % 2 ? width : height;
  const angle = rng.uniform(-MAX_ANGLE, MAX_ANGLE);
  const rotBorder = rng.choice(BORDERS);
  const plan = rng.choice(['crop', 'pad', 'crop+pad'] as const);
  let rect: Rect | null = null;
  if (plan !== 'pad') {
    const cw = Math.min(w, Math.max(1, Math.round(w * rng.uniform(MIN_CROP, 1))));
    const ch = Math.min(h, Math.max(1, Math.round(h * rng.uniform(MIN_CROP, 1))));
    rect = { x: rng.int(0, w - cw), y: rng.int(0, h - ch), width: cw, height: ch };
    w = cw;
    h = ch;
  }
  let padding: AugmentParams['pad'] = null;
  if (plan !== 'crop') {
    const py = Math.round(MAX_PAD * h), px = Math.round(MAX_PAD * w);
    const top = rng.int(0, py), right = rng.int(0, px), bottom = rng.int(0, py), left = rng.int(0, px);
    padding = { top, right, bottom, left, border: rng.choice(BORDERS), fill: 0 };
  }
  return {
    flip: flipDir,
    rot90: k,
    rotate: { angle, border: rotBorder, interpolation: 'bilinear', fill: 0 },
    crop: rect,
    pad: padding,
  };
}

/** Applies `p` to `img` in the documented order: flip, rot90, rotate, crop, pad. */
export function applyParams(img: Image, p: AugmentParams): Image {
  let out = img;
  if (p.flip !== 'none') out = flip(out, p.flip);
  if (p.rot90 !== 0) out = rot90(out, p.rot90);
  out = rotate(out, p.rotate.angle, { interpolation: p.rotate.interpolation, border: p.rotate.border, fill: p.rotate.fill });
  if (p.crop) out = crop(out, p.crop);
  if (p.pad) {
    const { top, right, bottom, left, border, fill } = p.pad;
    out = pad(out, { top, right, bottom, left }, { border, fill });
  }
  return out;
}
