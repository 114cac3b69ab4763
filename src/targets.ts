// Targets of a sample (bounding boxes, keypoints) moved by the geometric transforms of a pipeline.
//
// Every geometric transform of pixaug/transforms states its map as a 3x3 forward matrix in
// pixel-centre coordinates (pixel (x, y) has its centre at integer (x, y), DESIGN.md), with the
// output size. Keypoints are points in those coordinates (albumentations: x in [0, W), the centre
// of the first pixel is 0). Boxes are edge coordinates (pascal_voc: x_min = 0 is the left edge of the
// image, x_max = W its right edge), so a box corner u maps by u' = M (u - 0.5) + 0.5.

import { invalid } from './errors.js';

/** Box formats (albumentations names). */
export type BoxFormat = 'pascal_voc' | 'coco' | 'yolo';

/** How a box is moved by a rotation or any non axis-aligned map. */
export type BoxRotateMethod = 'largest_box' | 'ellipse';

/** Options of the box processing (given to `compose`). */
export interface BoxOptions {
  /**
   * `pascal_voc` (default): [x_min, y_min, x_max, y_max] in pixels (edges); `coco`: [x_min, y_min,
   * width, height] in pixels; `yolo`: [x_centre, y_centre, width, height] normalised by the image
   * size (0..1). Extra elements after the first four are carried unchanged.
   */
  boxFormat?: BoxFormat;
  /** Drop a box whose remaining fraction (area after clipping / area before clipping, multiplied over the steps) is below this. Default 0. */
  minVisibility?: number;
  /** Drop a box whose clipped area in output pixels is below this. Default 0 (boxes of zero area are always dropped). */
  minArea?: number;
  /**
   * `'largest_box'` (default): the axis-aligned box of the four moved corners (albumentations
   * `rotate_method='largest_box'`); `'ellipse'`: the box of the moved inscribed ellipse, tighter
   * after rotations (albumentations `rotate_method='ellipse'`).
   */
  boxRotateMethod?: BoxRotateMethod;
  /** Keypoints outside the image are dropped (true, default, albumentations `remove_invisible`) or kept and flagged in `keypointsVisible`. */
  removeInvisibleKeypoints?: boolean;
}

/** A box in internal form: pascal_voc edges, visibility so far, index in the input, extra fields. */
export interface BoxState {
  x1: number; y1: number; x2: number; y2: number;
  visibility: number;
  index: number;
  extra: number[];
}

/** A keypoint in internal form. */
export interface KeypointState {
  x: number; y: number;
  /** Direction in degrees, atan2(dy, dx) in image axes (y down); undefined when not given. */
  angle?: number;
  scale?: number;
  index: number;
  extra: number[];
}

/** Applies a 3x3 matrix to a point (homogeneous division). */
export function applyMatrix(m: readonly number[], x: number, y: number): [number, number] {
  const w = m[6] * x + m[7] * y + m[8];
  return [(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w];
}

/** 3x3 product a b (apply b first). */
export function mul3(a: readonly number[], b: readonly number[]): number[] {
  const r = new Array<number>(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) r[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
  }
  return r;
}

/**
 * Converts boxes from `format` into the internal pascal_voc form.
 * @param boxes rows of at least 4 finite numbers
 * @param format box format; yolo needs the image size
 * @throws PixaugError `INVALID_PARAMETER` for a row that is not 4+ finite numbers or has x_max < x_min / y_max < y_min
 */
export function boxesIn(boxes: readonly (readonly number[])[], format: BoxFormat, width: number, height: number): BoxState[] {
  if (!Array.isArray(boxes)) invalid('compose', 'boxes', 'an array of boxes (arrays of 4 numbers)', boxes);
  return boxes.map((b, index) => {
    if (!Array.isArray(b) || b.length < 4 || !b.slice(0, 4).every((v) => typeof v === 'number' && Number.isFinite(v))) {
      invalid('compose', `boxes[${index}]`, `an array of 4 finite numbers (${format})`, b);
    }
    let x1: number, y1: number, x2: number, y2: number;
    if (format === 'pascal_voc') [x1, y1, x2, y2] = b;
    else if (format === 'coco') { x1 = b[0]; y1 = b[1]; x2 = b[0] + b[2]; y2 = b[1] + b[3]; }
    else { x1 = (b[0] - b[2] / 2) * width; x2 = (b[0] + b[2] / 2) * width; y1 = (b[1] - b[3] / 2) * height; y2 = (b[1] + b[3] / 2) * height; }
    if (!(x2 >= x1 && y2 >= y1)) invalid('compose', `boxes[${index}]`, `a box with max >= min (${format})`, b);
    return { x1, y1, x2, y2, visibility: 1, index, extra: b.slice(4) };
  });
}

/** Converts internal boxes back to `format` (yolo normalised by the output size). */
export function boxesOut(boxes: readonly BoxState[], format: BoxFormat, width: number, height: number): number[][] {
  return boxes.map((b) => {
    let r: number[];
    if (format === 'pascal_voc') r = [b.x1, b.y1, b.x2, b.y2];
    else if (format === 'coco') r = [b.x1, b.y1, b.x2 - b.x1, b.y2 - b.y1];
    else r = [(b.x1 + b.x2) / 2 / width, (b.y1 + b.y2) / 2 / height, (b.x2 - b.x1) / width, (b.y2 - b.y1) / height];
    return r.concat(b.extra);
  });
}

/**
 * Moves boxes through one geometric step: forward matrix `m` (pixel-centre coordinates), output
 * size `width` x `height`. The new box is the axis-aligned bounds of the four moved corners
 * (`largest_box`) or of the moved inscribed ellipse (`ellipse`; exact for affine maps:
 * half-extents sqrt((a rx)^2 + (b ry)^2), sqrt((d rx)^2 + (e ry)^2); 64 points for perspective
 * maps). Then clipped to [0, width] x [0, height]; visibility multiplied by clipped / unclipped
 * area; boxes with no area left are dropped. Axis-aligned maps (flips, quarter turns, crops,
 * resizes) give the same box with both methods.
 */
export function moveBoxes(boxes: readonly BoxState[], m: readonly number[], width: number, height: number, method: BoxRotateMethod): BoxState[] {
  const out: BoxState[] = [];
  const affine = m[6] === 0 && m[7] === 0 && m[8] === 1;
  const axisAligned = affine && ((m[1] === 0 && m[3] === 0) || (m[0] === 0 && m[4] === 0));
  for (const b of boxes) {
    let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
    if (method === 'ellipse' && !axisAligned) {
      const cx = (b.x1 + b.x2) / 2, cy = (b.y1 + b.y2) / 2, rx = (b.x2 - b.x1) / 2, ry = (b.y2 - b.y1) / 2;
      if (affine) {
        const [px, py] = applyMatrix(m, cx - 0.5, cy - 0.5);
        const hx = Math.hypot(m[0] * rx, m[1] * ry), hy = Math.hypot(m[3] * rx, m[4] * ry);
        x1 = px + 0.5 - hx; x2 = px + 0.5 + hx; y1 = py + 0.5 - hy; y2 = py + 0.5 + hy;
      } else {
        for (let i = 0; i < 64; i++) {
          const t = (i * Math.PI) / 32;
          const [px, py] = applyMatrix(m, cx + rx * Math.cos(t) - 0.5, cy + ry * Math.sin(t) - 0.5);
          x1 = Math.min(x1, px + 0.5); x2 = Math.max(x2, px + 0.5); y1 = Math.min(y1, py + 0.5); y2 = Math.max(y2, py + 0.5);
        }
      }
    } else {
      for (const [u, v] of [[b.x1, b.y1], [b.x2, b.y1], [b.x1, b.y2], [b.x2, b.y2]]) {
        const [px, py] = applyMatrix(m, u - 0.5, v - 0.5);
        x1 = Math.min(x1, px + 0.5); x2 = Math.max(x2, px + 0.5); y1 = Math.min(y1, py + 0.5); y2 = Math.max(y2, py + 0.5);
      }
    }
    const area = (x2 - x1) * (y2 - y1);
    const cx1 = Math.max(0, Math.min(width, x1)), cx2 = Math.max(0, Math.min(width, x2));
    const cy1 = Math.max(0, Math.min(height, y1)), cy2 = Math.max(0, Math.min(height, y2));
    const clipped = (cx2 - cx1) * (cy2 - cy1);
    if (!(clipped > 0)) continue;
    out.push({ ...b, x1: cx1, y1: cy1, x2: cx2, y2: cy2, visibility: b.visibility * (area > 0 ? clipped / area : 1) });
  }
  return out;
}

/** Drops boxes below `minVisibility` or `minArea` (pixels squared). */
export function filterBoxes(boxes: readonly BoxState[], minVisibility: number, minArea: number): BoxState[] {
  return boxes.filter((b) => b.visibility >= minVisibility && (b.x2 - b.x1) * (b.y2 - b.y1) >= minArea);
}

/**
 * Reads keypoints: rows [x, y] or [x, y, angle (degrees), scale, ...extra]; pixel-centre coordinates.
 * @throws PixaugError `INVALID_PARAMETER` for a row that is not 2+ finite numbers
 */
export function keypointsIn(kps: readonly (readonly number[])[]): KeypointState[] {
  if (!Array.isArray(kps)) invalid('compose', 'keypoints', 'an array of keypoints ([x, y, angle?, scale?])', kps);
  return kps.map((k, index) => {
    if (!Array.isArray(k) || k.length < 2 || !k.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      invalid('compose', `keypoints[${index}]`, 'an array [x, y, angle?, scale?] of finite numbers', k);
    }
    return { x: k[0], y: k[1], angle: k.length > 2 ? k[2] : undefined, scale: k.length > 3 ? k[3] : undefined, index, extra: k.slice(4) };
  });
}

/** Writes keypoints back as rows of the same length as the input's. */
export function keypointsOut(kps: readonly KeypointState[]): number[][] {
  return kps.map((k) => {
    const r = [k.x, k.y];
    if (k.angle !== undefined) r.push(k.angle);
    if (k.scale !== undefined) r.push(k.scale);
    return r.concat(k.extra);
  });
}

/**
 * Moves keypoints by the forward matrix `m`: position p' = m p; the angle's direction vector
 * (cos a, sin a) through the Jacobian of the map at p (for a flip: 180 - a, as albumentations);
 * scale times sqrt(|det J|) (the map's local area scale). Angles are returned in [0, 360).
 */
export function moveKeypoints(kps: readonly KeypointState[], m: readonly number[]): KeypointState[] {
  return kps.map((k) => {
    const [x, y] = applyMatrix(m, k.x, k.y);
    const r: KeypointState = { ...k, x, y };
    if (k.angle !== undefined || k.scale !== undefined) {
      // Jacobian of the projective map at (k.x, k.y)
      const w = m[6] * k.x + m[7] * k.y + m[8];
      const j00 = (m[0] - m[6] * x) / w, j01 = (m[1] - m[7] * x) / w;
      const j10 = (m[3] - m[6] * y) / w, j11 = (m[4] - m[7] * y) / w;
      if (k.angle !== undefined) {
        const t = (k.angle * Math.PI) / 180, c = Math.cos(t), s = Math.sin(t);
        let a = (Math.atan2(j10 * c + j11 * s, j00 * c + j01 * s) * 180) / Math.PI;
        a = ((a % 360) + 360) % 360;
        r.angle = Math.abs(a - Math.round(a)) < 1e-9 ? Math.round(a) % 360 : a;
      }
      if (k.scale !== undefined) r.scale = k.scale * Math.sqrt(Math.abs(j00 * j11 - j01 * j10));
    }
    return r;
  });
}

/** True when the keypoint lies in the image: 0 <= x < width and 0 <= y < height (albumentations). */
export function keypointVisible(k: KeypointState, width: number, height: number): boolean {
  return k.x >= 0 && k.x < width && k.y >= 0 && k.y < height;
}
