// Geometric transforms: they move pixels, so they move boxes, keypoints and masks too. Each one
// states its forward map (3x3, pixel-centre coordinates) so that targets follow exactly and
// successive steps can be fused into one resample (see compose's `fuse`).

import { invalid } from '../errors.js';
import { checkBorder, checkInterpolation, type BorderMode, type Fill, type Image, type Interpolation } from '../image.js';
import { crop, flip, pad, rot90, transpose as transposeOp } from '../ops/geometry.js';
import { invertAffine, rotate as rotateOp, rotationMatrix } from '../ops/warp.js';
import {
  affine as affineOp, affineInverse, centerCrop as centerCropOp, resizedCrop, sampleCrop, sampleResizedCrop,
  scale as scaleOp, translate as translateOp, warpPerspective,
} from '../ops/affine.js';
import { resize as resizeOp, type ResizeInterpolation } from '../ops/resize.js';
import type { Random } from '../random.js';
import { checkRange, defineLeaf, drawRange, type Geometry, type Json, type Params, type Range, type Size } from './core.js';

const I3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];
const m3 = (m: readonly number[]): number[] => [m[0], m[1], m[2], m[3], m[4], m[5], 0, 0, 1];

interface WarpConf { interpolation: Interpolation; border: BorderMode; fill: Fill }

function warpConf(o: Record<string, unknown>, op: string, border: BorderMode = 'constant'): WarpConf {
  const interpolation = checkInterpolation(op, o.interpolation ?? 'bilinear', 'options.interpolation');
  const b = checkBorder(op, o.border ?? border, 'options.border');
  const fill = (o.fill ?? 0) as Fill;
  if (!(typeof fill === 'number' || (Array.isArray(fill) && fill.every((v) => typeof v === 'number')))) invalid(op, 'options.fill', 'a number or an array of numbers', fill);
  return { interpolation, border: b, fill };
}

/** Options for a mask: nearest, constant 0. */
function warpFor(c: WarpConf, mask: boolean): WarpConf {
  return mask ? { interpolation: 'nearest', border: 'constant', fill: 0 } : c;
}

function geo(c: WarpConf, matrix: number[], width: number, height: number): Geometry {
  return { matrix, width, height, interpolation: c.interpolation, border: c.border, fill: c.fill as number | number[] };
}

function moveGeo(matrix: number[], width: number, height: number, border?: BorderMode, fill?: Fill): Geometry {
  return { matrix, width, height, interpolation: null, border, fill: fill as number | number[] | undefined };
}

// ------------------------------------------------------------------------------------------------

/**
 * Mirrors left-right with probability p (albumentations `HorizontalFlip`, torchvision
 * `RandomHorizontalFlip`; default p = 0.5). A memory move. Map: x' = W - 1 - x (pixel centres);
 * boxes [x1, x2] -> [W - x2, W - x1]; keypoint angles a -> 180 - a.
 * @param options `{ p = 0.5 }`
 * @throws PixaugError `INVALID_PARAMETER` for p outside [0, 1]
 */
export const horizontalFlip = defineLeaf({
  name: 'horizontalFlip', geometric: true,
  check: () => null,
  sample: () => ({}),
  geometry: (_c, _p, s) => moveGeo([-1, 0, s.width - 1, 0, 1, 0, 0, 0, 1], s.width, s.height),
  run: (_c, img) => flip(img, 'horizontal'),
}, 0.5);

/**
 * Mirrors top-bottom with probability p (albumentations `VerticalFlip`, torchvision
 * `RandomVerticalFlip`; default p = 0.5). A memory move. Map: y' = H - 1 - y.
 * @param options `{ p = 0.5 }`
 */
export const verticalFlip = defineLeaf({
  name: 'verticalFlip', geometric: true,
  check: () => null,
  sample: () => ({}),
  geometry: (_c, _p, s) => moveGeo([1, 0, 0, 0, -1, s.height - 1, 0, 0, 1], s.width, s.height),
  run: (_c, img) => flip(img, 'vertical'),
}, 0.5);

function rot90Matrix(k: number, w: number, h: number): Geometry {
  let m = I3, W = w, H = h;
  for (let i = 0; i < k; i++) {
    // one counter-clockwise quarter turn of a W x H image (np.rot90): x' = y, y' = W - 1 - x
    m = mul([0, 1, 0, -1, 0, W - 1, 0, 0, 1], m);
    [W, H] = [H, W];
  }
  return moveGeo(m, W, H);
}

function mul(a: readonly number[], b: readonly number[]): number[] {
  const r = new Array<number>(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) r[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
  return r;
}

/**
 * Rotates by k quarter turns counter-clockwise, k drawn uniformly from `k` (albumentations
 * `RandomRotate90`: 0, 1, 2 or 3 turns; default p = 0.5). A memory move (np.rot90 convention).
 * @param options `{ k = [0, 1, 2, 3] (the allowed turn counts), p = 0.5 }`
 * @throws PixaugError `INVALID_PARAMETER` for an empty or non-integer `k`
 */
export const randomRotate90 = defineLeaf({
  name: 'randomRotate90', geometric: true,
  check: (o, op) => {
    const k = (o.k ?? [0, 1, 2, 3]) as unknown;
    if (!Array.isArray(k) || k.length === 0 || !k.every((v) => Number.isInteger(v))) invalid(op, 'options.k', 'a non-empty array of integers (quarter turns)', k);
    return (k as number[]).map((v) => ((v % 4) + 4) % 4);
  },
  sample: (ks, rng) => ({ k: rng.choice(ks) }),
  geometry: (_c, p, s) => rot90Matrix(p.k as number, s.width, s.height),
  run: (_c, img, p) => rot90(img, p.k as number),
}, 0.5);

/**
 * Swaps rows and columns (albumentations `Transpose`, default p = 0.5). A memory move. Map: (x, y) -> (y, x).
 * @param options `{ p = 0.5 }`
 */
export const transpose = defineLeaf({
  name: 'transpose', geometric: true,
  check: () => null,
  sample: () => ({}),
  geometry: (_c, _p, s) => moveGeo([0, 1, 0, 1, 0, 0, 0, 0, 1], s.height, s.width),
  run: (_c, img) => transposeOp(img),
}, 0.5);

/**
 * Rotates about the image centre ((w-1)/2, (h-1)/2) by an angle drawn uniformly from `limit`
 * degrees, counter-clockwise on screen (albumentations `Rotate(limit)`, which draws from
 * (-limit, limit); torchvision `RandomRotation(degrees)`). Output keeps the size; positions from
 * outside the source follow `border` (albumentations' default is `reflect` = cv2 BORDER_REFLECT_101;
 * here default `'constant'` like torchvision). uint8 is bit-exact with cv2.warpAffine of
 * cv2.getRotationMatrix2D (see `rotate`).
 * @param options `{ limit = 90 (a number L means [-L, L]) or [min, max] degrees, interpolation = 'bilinear', border = 'constant', fill = 0, p = 1 }`
 * @throws PixaugError `INVALID_PARAMETER` (limit, interpolation, border, fill, p)
 */
export const rotate = defineLeaf({
  name: 'rotate', geometric: true,
  check: (o, op) => ({ limit: checkRange(op, 'limit', o.limit, 90, { symmetric: true }), w: warpConf(o, op) }),
  sample: (c, rng) => ({ angle: drawRange(rng, c.limit) }),
  geometry: (c, p, s) => geo(c.w, m3(rotationMatrix(p.angle as number, (s.width - 1) / 2, (s.height - 1) / 2)), s.width, s.height),
  run: (c, img, p, mask) => rotateOp(img, p.angle as number, warpFor(c.w, mask)),
});

/**
 * Random affine map about the centre in one resample (albumentations `Affine`, torchvision
 * `RandomAffine`): rotation `rotate` (degrees, counter-clockwise), `scale`, shear `shearX`,
 * `shearY` (degrees, torchvision's definition) and translation `translateX`, `translateY`
 * (fractions of the width / height, like albumentations `translate_percent`), each drawn
 * uniformly from its range (in that order); see the `affine` operation for the matrix.
 * @param options `{ rotate = 0, scale = 1, shearX = 0, shearY = 0, translateX = 0, translateY = 0, interpolation = 'bilinear', border = 'constant', fill = 0, p = 1 }`;
 *   each range is a number (fixed; for rotate, shear and translate L means [-L, L]) or [min, max]
 * @throws PixaugError `INVALID_PARAMETER` (ranges, scale <= 0, shear beyond +-80 degrees, warp options, p)
 */
export const affine = defineLeaf({
  name: 'affine', geometric: true,
  check: (o, op) => ({
    rotate: checkRange(op, 'rotate', o.rotate, 0, { symmetric: true }),
    scale: checkRange(op, 'scale', o.scale, 1, { min: 1e-3 }),
    shearX: checkRange(op, 'shearX', o.shearX, 0, { symmetric: true, min: -80, max: 80 }),
    shearY: checkRange(op, 'shearY', o.shearY, 0, { symmetric: true, min: -80, max: 80 }),
    translateX: checkRange(op, 'translateX', o.translateX, 0, { symmetric: true }),
    translateY: checkRange(op, 'translateY', o.translateY, 0, { symmetric: true }),
    w: warpConf(o, op),
  }),
  sample: (c, rng, s) => ({
    angle: drawRange(rng, c.rotate),
    scale: drawRange(rng, c.scale),
    shearX: drawRange(rng, c.shearX),
    shearY: drawRange(rng, c.shearY),
    tx: drawRange(rng, c.translateX) * s.width,
    ty: drawRange(rng, c.translateY) * s.height,
  }),
  geometry: (c, p, s) => {
    const inv = affineInverse({
      angle: p.angle as number, scale: [p.scale as number, p.scale as number], translate: [p.tx as number, p.ty as number],
      shear: [p.shearX as number, p.shearY as number], center: [(s.width - 1) / 2, (s.height - 1) / 2],
    });
    return geo(c.w, m3(invertAffine(inv)!), s.width, s.height);
  },
  run: (c, img, p, mask) => affineOp(img, {
    angle: p.angle as number, scale: p.scale as number, translate: [p.tx as number, p.ty as number],
    shear: [p.shearX as number, p.shearY as number], ...warpFor(c.w, mask),
  }),
});

/**
 * Shifts by a random fraction of the size (albumentations `ShiftScaleRotate`'s shift part,
 * `shift_limit` = 0.0625): dx = x W, dy = y H pixels with x, y drawn from the ranges. Whole-pixel
 * shifts are memory moves; fractional ones resample (see the `translate` operation).
 * @param options `{ x = 0.0625, y = 0.0625 (L means [-L, L], fractions), round = false (whole pixels), interpolation, border = 'constant', fill, p = 1 }`
 */
export const shift = defineLeaf({
  name: 'shift', geometric: true,
  check: (o, op) => ({ x: checkRange(op, 'x', o.x, 0.0625, { symmetric: true }), y: checkRange(op, 'y', o.y, 0.0625, { symmetric: true }), round: o.round === true, w: warpConf(o, op) }),
  sample: (c, rng, s) => {
    let dx = drawRange(rng, c.x) * s.width, dy = drawRange(rng, c.y) * s.height;
    if (c.round) { dx = Math.round(dx); dy = Math.round(dy); }
    return { dx, dy };
  },
  geometry: (c, p, s) => geo(c.w, [1, 0, p.dx as number, 0, 1, p.dy as number, 0, 0, 1], s.width, s.height),
  run: (c, img, p, mask) => translateOp(img, p.dx as number, p.dy as number, warpFor(c.w, mask)),
});

/**
 * Zooms about the centre by a factor drawn from `factor` keeping the size (albumentations
 * `ShiftScaleRotate`'s scale part; see the `scale` operation): > 1 enlarges the content.
 * @param options `{ factor = [0.9, 1.1], interpolation, border = 'constant', fill, p = 1 }`
 */
export const scale = defineLeaf({
  name: 'scale', geometric: true,
  check: (o, op) => ({ factor: checkRange(op, 'factor', o.factor, [0.9, 1.1], { min: 1e-3 }), w: warpConf(o, op) }),
  sample: (c, rng) => ({ factor: drawRange(rng, c.factor) }),
  geometry: (c, p, s) => {
    const f = p.factor as number, cx = (s.width - 1) / 2, cy = (s.height - 1) / 2;
    return geo(c.w, [f, 0, cx - f * cx, 0, f, cy - f * cy, 0, 0, 1], s.width, s.height);
  },
  run: (c, img, p, mask) => scaleOp(img, p.factor as number, warpFor(c.w, mask)),
});

/** Homography taking the 4 points `src` to `dst` (8x8 linear solve, Gaussian elimination with pivoting). */
export function homography(src: readonly number[], dst: readonly number[]): number[] {
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y, u, v] = [src[2 * i], src[2 * i + 1], dst[2 * i], dst[2 * i + 1]];
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let piv = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k < 9; k++) A[r][k] -= f * A[c][k];
    }
  }
  const h = A.map((row, i) => row[8] / row[i]);
  return [...h, 1];
}

/**
 * Random perspective (albumentations `Perspective` with keep_size): each corner of the source is
 * moved inwards by a fraction of the size drawn uniformly from [0, s] per coordinate (s drawn
 * from `scale`), and that quadrilateral is stretched over the whole output (no empty corners).
 * Resampled with `warpPerspective` (antialiased where it shrinks by more than 2x).
 * @param options `{ scale = [0.05, 0.1], interpolation, border = 'constant', fill, p = 1 }`
 */
export const perspective = defineLeaf({
  name: 'perspective', geometric: true,
  check: (o, op) => ({ scale: checkRange(op, 'scale', o.scale, [0.05, 0.1], { min: 0, max: 0.45 }), w: warpConf(o, op) }),
  sample: (c, rng, s) => {
    const f = drawRange(rng, c.scale), W = s.width - 1, H = s.height - 1;
    const d = () => rng.float() * f;
    return { corners: [d() * W, d() * H, W - d() * W, d() * H, W - d() * W, H - d() * H, d() * W, H - d() * H] };
  },
  geometry: (c, p, s) => {
    const W = s.width - 1, H = s.height - 1;
    return geo(c.w, homography(p.corners as number[], [0, 0, W, 0, W, H, 0, H]), s.width, s.height);
  },
  run: (c, img, p, mask) => {
    const W = img.width - 1, H = img.height - 1;
    return warpPerspective(img, homography(p.corners as number[], [0, 0, W, 0, W, H, 0, H]), warpFor(c.w, mask));
  },
});

function checkSize(o: Record<string, unknown>, op: string): { width: number; height: number } {
  const ok = (v: unknown) => Number.isInteger(v) && (v as number) >= 1;
  if (!ok(o.width)) invalid(op, 'options.width', 'a positive integer (pixels)', o.width);
  if (!ok(o.height)) invalid(op, 'options.height', 'a positive integer (pixels)', o.height);
  return { width: o.width as number, height: o.height as number };
}

function resizeInterp(o: Record<string, unknown>, op: string): ResizeInterpolation {
  const v = o.interpolation ?? 'bilinear';
  if (!['nearest', 'bilinear', 'bicubic', 'area', 'lanczos3'].includes(v as string)) invalid(op, 'options.interpolation', `one of 'nearest', 'bilinear', 'bicubic', 'area', 'lanczos3'`, v);
  return v as ResizeInterpolation;
}

const fusedInterp = (i: ResizeInterpolation): 'nearest' | 'bilinear' | 'bicubic' => (i === 'nearest' ? 'nearest' : i === 'bilinear' || i === 'area' ? 'bilinear' : 'bicubic');

/** Forward map of resizing a w x h image to W x H (half-pixel mapping): x' = (x + 0.5) W / w - 0.5. */
function resizeMatrix(w: number, h: number, W: number, H: number): number[] {
  const sx = W / w, sy = H / h;
  return [sx, 0, 0.5 * sx - 0.5, 0, sy, 0.5 * sy - 0.5, 0, 0, 1];
}

/**
 * Resizes to width x height (albumentations `Resize`, torchvision `Resize` with a size pair); see
 * the `resize` operation (antialiased when shrinking, like Pillow / torchvision antialias=True).
 * Masks use nearest.
 * @param options `{ width, height, interpolation = 'bilinear', p = 1 }`
 */
export const resize = defineLeaf({
  name: 'resize', geometric: true,
  check: (o, op) => ({ ...checkSize(o, op), interpolation: resizeInterp(o, op) }),
  sample: () => ({}),
  geometry: (c, _p, s) => ({ matrix: resizeMatrix(s.width, s.height, c.width, c.height), width: c.width, height: c.height, interpolation: fusedInterp(c.interpolation), border: 'edge', barrier: c.width < s.width || c.height < s.height }),
  run: (c, img, _p, mask) => resizeOp(img, { width: c.width, height: c.height, interpolation: mask ? 'nearest' : c.interpolation }),
});

/**
 * Cuts a fixed rectangle (albumentations `Crop`): `{ x, y, width, height }` in pixels, inside the image.
 * @param options `{ x, y, width, height, p = 1 }`
 */
export const cropT = defineLeaf({
  name: 'crop', geometric: true,
  check: (o, op) => {
    const s = checkSize(o, op);
    if (!Number.isInteger(o.x) || (o.x as number) < 0) invalid(op, 'options.x', 'a non-negative integer', o.x);
    if (!Number.isInteger(o.y) || (o.y as number) < 0) invalid(op, 'options.y', 'a non-negative integer', o.y);
    return { ...s, x: o.x as number, y: o.y as number };
  },
  sample: () => ({}),
  geometry: (c, _p, s) => moveGeo([1, 0, -c.x, 0, 1, -c.y, 0, 0, 1], c.width, c.height),
  run: (c, img) => crop(img, c),
});

/**
 * Cuts the centred width x height window (albumentations / torchvision `CenterCrop`, offset
 * floor((W - width) / 2)); a side shorter than the crop is padded with `fill`.
 * @param options `{ width, height, fill = 0, p = 1 }`
 */
export const centerCrop = defineLeaf({
  name: 'centerCrop', geometric: true,
  check: (o, op) => ({ ...checkSize(o, op), fill: (o.fill ?? 0) as Fill }),
  sample: () => ({}),
  geometry: (c, _p, s) => {
    const off = (W: number, w: number) => (W >= w ? Math.floor((W - w) / 2) : -Math.floor((w - W) / 2));
    return moveGeo([1, 0, -off(s.width, c.width), 0, 1, -off(s.height, c.height), 0, 0, 1], c.width, c.height, 'constant', c.fill);
  },
  run: (c, img, _p, mask) => centerCropOp(img, { width: c.width, height: c.height, fill: mask ? 0 : c.fill }),
});

/**
 * Cuts a width x height window at a uniformly random position (albumentations / torchvision
 * `RandomCrop`, drawn as torchvision: y then x). The crop must fit in the image.
 * @param options `{ width, height, p = 1 }`
 * @throws PixaugError `INVALID_PARAMETER` at run time when the image is smaller than the crop
 */
export const randomCrop = defineLeaf({
  name: 'randomCrop', geometric: true,
  check: (o, op) => checkSize(o, op),
  sample: (c, rng, s) => ({ ...sampleCrop(s.width, s.height, c.width, c.height, rng) }),
  geometry: (c, p) => moveGeo([1, 0, -(p.x as number), 0, 1, -(p.y as number), 0, 0, 1], c.width, c.height),
  run: (c, img, p) => crop(img, { x: p.x as number, y: p.y as number, width: c.width, height: c.height }),
});

/**
 * torchvision `RandomResizedCrop` / albumentations `RandomResizedCrop`: a rectangle of area
 * fraction in `scale` and aspect ratio (log-uniform) in `ratio`, drawn as torchvision
 * (`sampleResizedCrop`), resized to width x height (antialiased when shrinking).
 * @param options `{ width, height, scale = [0.08, 1], ratio = [3/4, 4/3], interpolation = 'bilinear', p = 1 }`
 */
export const randomResizedCrop = defineLeaf({
  name: 'randomResizedCrop', geometric: true,
  check: (o, op) => ({
    ...checkSize(o, op),
    scale: checkRange(op, 'scale', o.scale, [0.08, 1], { min: 0, max: 1 }),
    ratio: checkRange(op, 'ratio', o.ratio, [3 / 4, 4 / 3], { min: 1e-6 }),
    interpolation: resizeInterp(o, op),
  }),
  sample: (c, rng, s) => ({ ...sampleResizedCrop(s.width, s.height, rng, { scale: c.scale, ratio: c.ratio }) }),
  geometry: (c, p) => {
    const m = resizeMatrix(p.width as number, p.height as number, c.width, c.height);
    return { matrix: mul(m, [1, 0, -(p.x as number), 0, 1, -(p.y as number), 0, 0, 1]), width: c.width, height: c.height, interpolation: fusedInterp(c.interpolation), border: 'edge', barrier: c.width < (p.width as number) || c.height < (p.height as number) };
  },
  run: (c, img, p, mask) => resizedCrop(img, { x: p.x as number, y: p.y as number, width: p.width as number, height: p.height as number }, {
    width: c.width, height: c.height, interpolation: mask ? 'nearest' : c.interpolation,
  }),
});

/**
 * Pads each side by a fixed number of pixels (albumentations `PadIfNeeded`-like fixed padding;
 * see the `pad` operation for the border modes).
 * @param options `{ top = 0, right = 0, bottom = 0, left = 0, border = 'constant', fill = 0, p = 1 }`
 */
export const padT = defineLeaf({
  name: 'pad', geometric: true,
  check: (o, op) => {
    const side = (k: string) => {
      const v = o[k] ?? 0;
      if (!Number.isInteger(v) || (v as number) < 0) invalid(op, `options.${k}`, 'a non-negative integer (pixels)', v);
      return v as number;
    };
    return { top: side('top'), right: side('right'), bottom: side('bottom'), left: side('left'), border: checkBorder(op, o.border ?? 'constant', 'options.border'), fill: (o.fill ?? 0) as Fill };
  },
  sample: () => ({}),
  geometry: (c, _p, s) => moveGeo([1, 0, c.left, 0, 1, c.top, 0, 0, 1], s.width + c.left + c.right, s.height + c.top + c.bottom, c.border, c.fill),
  run: (c, img, _p, mask) => pad(img, c, mask ? { border: 'constant', fill: 0 } : { border: c.border, fill: c.fill }),
});

export type { Range, Params, Json, Size, Random };
