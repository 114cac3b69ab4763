// Resize: coefficient plans per axis (this file) executed by the separable kernels of
// assembly/resample.ts. Three conventions, each reproducing a reference library:
//
// - antialias (Pillow's Image.resize, libImaging/Resample.c): the filter support is widened by the
//   downscale factor, taps falling outside the image are dropped and the weights renormalised,
//   weights are fixed point with 22 fraction bits, horizontal pass then vertical pass with uint8
//   rounding in between; an axis whose size does not change is not resampled.
// - no antialias (cv2.resize INTER_LINEAR / INTER_CUBIC): coordinates clamped at the borders,
//   11-bit weights (INTER_RESIZE_COEF_BITS), int32 horizontal sums, OpenCV's vertical formulas.
// - area (cv2.resize INTER_AREA): exact fractional box averages in float when shrinking, the
//   INTER_AREA bilinear variant when enlarging.
//
// Everything here loops over output indices only (plans); pixels are touched only in wasm.

import { getEngine, runKernel, type KernelExports, type Placed } from '../engine.js';
import { invalid } from '../errors.js';
import { checkFinite, checkImage, type CheckedImage, type Image, type ImageLike } from '../image.js';

/** Interpolations of `resize`. */
export type ResizeInterpolation = 'nearest' | 'bilinear' | 'bicubic' | 'area' | 'lanczos3';

/** How alpha is treated by `resize`. */
export type AlphaMode = 'straight' | 'premultiplied';

/** Options of `resize`. */
export interface ResizeOptions {
  /** Output width in pixels (integer >= 1). When omitted, derived from `height` keeping the aspect ratio. */
  width?: number;
  /** Output height in pixels (integer >= 1). When omitted, derived from `width` keeping the aspect ratio. */
  height?: number;
  /** Default `'bilinear'`. */
  interpolation?: ResizeInterpolation;
  /**
   * Widen the filter by the scale factor when shrinking (Pillow). Default: `true` when the
   * output is smaller than the input along either axis, else `false` (cv2.resize conventions).
   * Ignored by `nearest` and `area`.
   */
  antialias?: boolean;
  /**
   * `'straight'` (default): every channel is resampled independently (cv2). `'premultiplied'`:
   * the last channel is alpha; colours are multiplied by alpha, resampled, and divided back
   * (Pillow's RGBA behaviour), so no colour bleeds out of transparent pixels. Needs 2 or 4
   * channels. No effect with `nearest`.
   */
  alpha?: AlphaMode;
  /**
   * Keys cubic parameter a of `bicubic`, default -0.75 (OpenCV); -0.5 is Pillow's and
   * scikit-image's (Catmull-Rom). Finite, in [-1, 0].
   */
  cubicA?: number;
}

// ------------------------------------------------------------------------------------------------
// Filters as data
// ------------------------------------------------------------------------------------------------

/** A resampling filter: weight(x) for a tap x source pixels from the sample point, zero beyond `support`. */
export interface Filter {
  name: string;
  support: number;
  weight(x: number): number;
}

/** Triangle (bilinear), support 1. Same arithmetic as Pillow's bilinear_filter. */
export const TRIANGLE: Filter = {
  name: 'triangle',
  support: 1,
  weight(x) {
    if (x < 0) x = -x;
    return x < 1 ? 1 - x : 0;
  },
};

/** Keys cubic convolution with parameter a (Keys 1981), support 2. Pillow's bicubic_filter arithmetic. */
export function keysCubic(a: number): Filter {
  return {
    name: `keys(${a})`,
    support: 2,
    weight(x) {
      if (x < 0) x = -x;
      if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
      if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
      return 0;
    },
  };
}

function sinc(x: number): number {
  if (x === 0) return 1;
  x *= Math.PI;
  return Math.sin(x) / x;
}

/** Lanczos with 3 lobes (sinc(x) sinc(x/3) on [-3, 3)), Pillow's lanczos_filter. */
export const LANCZOS3: Filter = {
  name: 'lanczos3',
  support: 3,
  weight(x) {
    return x >= -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0;
  },
};

// ------------------------------------------------------------------------------------------------
// Per-axis tap lists
// ------------------------------------------------------------------------------------------------

/** Taps of one output sample: source indices `idx`, real weights `w` and fixed-point weights `wi`. */
export interface Taps {
  idx: number[];
  w: number[];
  wi: number[];
}

const PILLOW_BITS = 22;
const CV_SCALE = 2048; // INTER_RESIZE_COEF_SCALE

/** C's (int) cast of a double: truncation toward zero. */
const cInt = Math.trunc;

/** Round half to even (cvRound / lrint of the default rounding mode). */
export function rint(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Pillow's precompute_coeffs + normalize_coeffs_8bpc for one axis: per output sample, taps
 * xmin .. xmax-1 with weights filter((x + xmin - center + 0.5) / filterscale), normalised to sum
 * 1 and quantised to 22 fraction bits rounding half away from zero.
 */
export function pillowTaps(inSize: number, outSize: number, filter: Filter): Taps[] {
  const scale = inSize / outSize;
  const fs = Math.max(scale, 1);
  const support = filter.support * fs;
  const ss = 1 / fs;
  const out: Taps[] = [];
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const xmin = Math.max(cInt(center - support + 0.5), 0);
    const xmax = Math.min(cInt(center + support + 0.5), inSize);
    const idx: number[] = [], w: number[] = [];
    let ww = 0;
    for (let x = 0; x < xmax - xmin; x++) {
      const k = filter.weight((x + xmin - center + 0.5) * ss);
      idx.push(x + xmin);
      w.push(k);
      ww += k;
    }
    if (ww !== 0) for (let i = 0; i < w.length; i++) w[i] /= ww;
    const wi = w.map((k) => (k < 0 ? cInt(-0.5 + k * (1 << PILLOW_BITS)) : cInt(0.5 + k * (1 << PILLOW_BITS))));
    out.push({ idx, w, wi });
  }
  return out;
}

const f32 = Math.fround;

/** cv2's interpolateCubic in float arithmetic (A = cubicA). */
function cvCubic(x: number, A: number): number[] {
  x = f32(x);
  A = f32(A);
  const x1 = f32(x + 1), y = f32(1 - x);
  const c0 = f32(f32(f32(f32(f32(f32(A * x1) - f32(5 * A)) * x1) + f32(8 * A)) * x1) - f32(4 * A));
  const c1 = f32(f32(f32(f32(f32(f32(A + 2) * x) - f32(A + 3)) * x) * x) + 1);
  const c2 = f32(f32(f32(f32(f32(f32(A + 2) * y) - f32(A + 3)) * y) * y) + 1);
  const c3 = f32(f32(f32(1 - c0) - c1) - c2);
  return [c0, c1, c2, c3];
}

/** Lanczos3 weights for a fractional offset x in [0, 1) at taps -2..3, normalised (cv2 style). */
function cvLanczos3(x: number): number[] {
  const c = [0, 1, 2, 3, 4, 5].map((i) => LANCZOS3.weight(x + 2 - i));
  const s = c.reduce((a, b) => a + b, 0);
  return c.map((v) => f32(v / s));
}

export type CvKind = 'linear' | 'cubic' | 'lanczos3' | 'area';

/**
 * cv2.resize's per-axis coefficients (resizeGeneric): src = (dst + 0.5) * scale - 0.5 in float,
 * taps sx - k/2 + 1 .. sx + k/2 with row/column indices clamped to the image. `clamp` applies
 * OpenCV's horizontal rule for linear (and INTER_AREA upscaling): a coordinate left of 0 or right
 * of w - 1 is moved onto the edge with zero fraction. Weights: `w` the float coefficients, `wi`
 * saturate_cast<short>(c * 2048). kind 'area' is the INTER_AREA upscale variant. `precise`
 * (float32 images) computes coordinates and weights in double instead of OpenCV's float.
 */
export function cvTaps(inSize: number, outSize: number, kind: CvKind, clamp: boolean, cubicA = -0.75, precise = false): Taps[] {
  const fr = precise ? (v: number) => v : f32;
  const inv = outSize / inSize;
  const scale = 1 / inv;
  const ksize = kind === 'cubic' ? 4 : kind === 'lanczos3' ? 6 : 2;
  const k2 = ksize >> 1;
  const out: Taps[] = [];
  for (let dx = 0; dx < outSize; dx++) {
    let sx: number, fx: number;
    if (kind !== 'area') {
      fx = fr((dx + 0.5) * scale - 0.5);
      sx = Math.floor(fx);
      fx = fr(fx - sx);
    } else {
      sx = Math.floor(dx * scale);
      fx = fr((dx + 1) - (sx + 1) * inv);
      fx = fx <= 0 ? 0 : fr(fx - Math.floor(fx));
    }
    if (clamp && (kind === 'linear' || kind === 'area')) {
      if (sx < 0) { fx = 0; sx = 0; }
      if (sx >= inSize - 1) { fx = 0; sx = inSize - 1; }
    }
    let c: number[];
    if (precise) {
      const f = kind === 'cubic' ? keysCubic(cubicA) : kind === 'lanczos3' ? LANCZOS3 : TRIANGLE;
      c = Array.from({ length: ksize }, (_, k) => f.weight(fx + k2 - 1 - k));
    } else {
      c = kind === 'cubic' ? cvCubic(fx, cubicA) : kind === 'lanczos3' ? cvLanczos3(fx) : [f32(1 - fx), fx];
    }
    const idx: number[] = [];
    for (let k = 0; k < ksize; k++) idx.push(Math.min(Math.max(sx - k2 + 1 + k, 0), inSize - 1));
    const wi = c.map((v) => Math.max(-32768, Math.min(32767, rint(f32(v * CV_SCALE)))));
    out.push({ idx, w: c, wi });
  }
  return out;
}

/**
 * cv2's computeResizeAreaTab: output sample dx averages the source interval
 * [dx * scale, (dx + 1) * scale) with weights (overlap / cell width) in float.
 */
export function areaTaps(inSize: number, outSize: number): Taps[] {
  const scale = 1 / (outSize / inSize);
  const out: Taps[] = [];
  for (let dx = 0; dx < outSize; dx++) {
    const fsx1 = dx * scale, fsx2 = fsx1 + scale;
    const cell = Math.min(scale, inSize - fsx1);
    let sx1 = Math.ceil(fsx1), sx2 = Math.floor(fsx2);
    sx2 = Math.min(sx2, inSize - 1);
    sx1 = Math.min(sx1, sx2);
    const idx: number[] = [], w: number[] = [];
    if (sx1 - fsx1 > 1e-3) { idx.push(sx1 - 1); w.push(f32((sx1 - fsx1) / cell)); }
    for (let sx = sx1; sx < sx2; sx++) { idx.push(sx); w.push(f32(1 / cell)); }
    if (fsx2 - sx2 > 1e-3) { idx.push(sx2); w.push(f32(Math.min(Math.min(fsx2 - sx2, 1), cell) / cell)); }
    out.push({ idx, w, wi: w.map(() => 0) });
  }
  return out;
}

/** Integer-factor box taps (cv2's fast INTER_AREA): weights 1, the average is taken at the end. */
export function boxTaps(factor: number, outSize: number): Taps[] {
  const out: Taps[] = [];
  for (let d = 0; d < outSize; d++) {
    const idx = Array.from({ length: factor }, (_, i) => d * factor + i);
    out.push({ idx, w: idx.map(() => 1), wi: idx.map(() => 1) });
  }
  return out;
}

/** Merges repeated (clamped) indices of each output into one tap, keeping ascending order. */
export function foldTaps(taps: Taps[]): Taps[] {
  return taps.map((t) => {
    const idx: number[] = [], w: number[] = [], wi: number[] = [];
    for (let i = 0; i < t.idx.length; i++) {
      const j = idx.indexOf(t.idx[i]);
      if (j >= 0) { w[j] = f32(w[j] + t.w[i]); wi[j] += t.wi[i]; }
      else { idx.push(t.idx[i]); w.push(t.w[i]); wi.push(t.wi[i]); }
    }
    return { idx, w, wi };
  });
}

// ------------------------------------------------------------------------------------------------
// Plans: tap lists packed for the kernels (layout documented in assembly/resample.ts)
// ------------------------------------------------------------------------------------------------

/** A horizontal plan: contiguous windows of K taps, shifted to lie inside the row when K <= inSize. */
export interface HPlan {
  K: number;
  idx: Int32Array;
  w32: Int32Array;
  w16: Int16Array;
  wf: Float32Array;
}

/** A vertical plan: K (possibly repeated) row indices per output row. */
export interface VPlan {
  K: number;
  cnt: Int32Array;
  rows: Int32Array;
  w32: Int32Array;
  w16: Int16Array;
  wf: Float32Array;
}

function split16(w16: Int16Array, base: number, K: number, t: number, v: number, split: boolean): void {
  if (split) {
    w16[base + t] = v >> 11;
    w16[base + K + t] = v & 2047;
  } else {
    w16[base + K + t] = v;
  }
}

/**
 * Packs contiguous tap lists (ascending, consecutive indices) into windows of K taps, K = the
 * longest window rounded up to `align`. `split`: store 22-bit weights as hi * 2^11 + lo.
 */
export function packH(taps: Taps[], inSize: number, align: number, split: boolean): HPlan {
  let maxN = 1;
  for (const t of taps) maxN = Math.max(maxN, t.idx.length);
  const K = Math.ceil(maxN / align) * align;
  const n = taps.length;
  const plan: HPlan = { K, idx: new Int32Array(3 * n), w32: new Int32Array(n * K), w16: new Int16Array(n * K * 2), wf: new Float32Array(n * K) };
  taps.forEach((t, x) => {
    const s = t.idx.length ? t.idx[0] : 0;
    for (let i = 1; i < t.idx.length; i++) {
      if (t.idx[i] !== s + i) throw new Error('packH: taps must be consecutive');
    }
    const start = Math.min(s, Math.max(0, inSize - K));
    const first = s - start;
    plan.idx[3 * x] = start;
    plan.idx[3 * x + 1] = first;
    plan.idx[3 * x + 2] = t.idx.length;
    for (let i = 0; i < t.idx.length; i++) {
      plan.w32[x * K + first + i] = t.wi[i];
      plan.wf[x * K + first + i] = t.w[i];
      split16(plan.w16, x * 2 * K, K, first + i, t.wi[i], split);
    }
  });
  return plan;
}

/** Packs tap lists into row lists; `rowMap` maps source rows to rows of the pass input. */
export function packV(taps: Taps[], split: boolean, rowMap?: Map<number, number>): VPlan {
  let K = 1;
  for (const t of taps) K = Math.max(K, t.idx.length);
  const n = taps.length;
  const plan: VPlan = { K, cnt: new Int32Array(n), rows: new Int32Array(n * K), w32: new Int32Array(n * K), w16: new Int16Array(n * K * 2), wf: new Float32Array(n * K) };
  taps.forEach((t, y) => {
    plan.cnt[y] = t.idx.length;
    for (let i = 0; i < K; i++) {
      const j = Math.min(i, t.idx.length - 1);
      const r = t.idx[j];
      plan.rows[y * K + i] = rowMap ? rowMap.get(r)! : r;
      if (i < t.idx.length) {
        plan.w32[y * K + i] = t.wi[i];
        plan.wf[y * K + i] = t.w[i];
        split16(plan.w16, y * 2 * K, K, i, t.wi[i], split);
      }
    }
  });
  return plan;
}

/** Sorted distinct source rows used by a vertical tap list, and their positions. */
function neededRows(taps: Taps[]): { list: Int32Array; map: Map<number, number> } {
  const set = new Set<number>();
  for (const t of taps) for (const i of t.idx) set.add(i);
  const list = Int32Array.from([...set].sort((a, b) => a - b));
  const map = new Map<number, number>();
  list.forEach((r, i) => map.set(r, i));
  return { list, map };
}

// ------------------------------------------------------------------------------------------------
// Wasm scratch memory: plans and intermediate images
// ------------------------------------------------------------------------------------------------

type Typed = Int32Array | Int16Array | Float32Array;

/** Allocates every array in one block (16-byte aligned parts), copies them in, returns pointers. */
function placeAll(arrays: Typed[]): { block: number; ptrs: number[] } {
  const e = getEngine();
  const offs: number[] = [];
  let size = 0;
  for (const a of arrays) {
    offs.push(size);
    size += Math.ceil(a.byteLength / 16) * 16 + 16;
  }
  const block = e.alloc(size);
  const buf = e.k.memory.buffer;
  arrays.forEach((a, i) => new Uint8Array(buf, block + offs[i], a.byteLength).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)));
  return { block, ptrs: offs.map((o) => block + o) };
}

function hArrays(p: HPlan): Typed[] {
  return [p.idx, p.w32, p.w16, p.wf];
}

function vArrays(p: VPlan): Typed[] {
  return [p.cnt, p.rows, p.w32, p.w16, p.wf];
}

/** Runs `body` with scratch blocks of the given byte sizes; frees them afterwards. */
function withScratch<T>(sizes: number[], body: (ptrs: number[]) => T): T {
  const e = getEngine();
  const ptrs: number[] = [];
  try {
    for (const s of sizes) ptrs.push(e.alloc(s));
    return body(ptrs);
  } finally {
    for (const p of ptrs) e.free(p);
  }
}

// ------------------------------------------------------------------------------------------------
// The resize operation
// ------------------------------------------------------------------------------------------------

/** Which algorithm a resize call runs (exposed for tests and docs). */
export type ResizeMethod =
  | { kind: 'copy' }
  | { kind: 'nearest' }
  | { kind: 'pillow'; filter: Filter }
  | { kind: 'cv'; cv: CvKind }
  | { kind: 'area' };

const INTERPOLATIONS: readonly ResizeInterpolation[] = ['nearest', 'bilinear', 'bicubic', 'area', 'lanczos3'];

interface ResolvedResize {
  width: number;
  height: number;
  interpolation: ResizeInterpolation;
  antialias: boolean;
  premultiplied: boolean;
  cubicA: number;
}

function resolveOptions(op: string, src: CheckedImage, options: ResizeOptions): ResolvedResize {
  if (options === null || typeof options !== 'object') invalid(op, 'options', 'an object { width, height, ... }', options);
  const { width: w, height: h } = src;
  const dim = (name: string, v: unknown): number | undefined => {
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) invalid(op, name, 'a positive integer number of pixels', v);
    return v as number;
  };
  let width = dim('options.width', options.width);
  let height = dim('options.height', options.height);
  if (width === undefined && height === undefined) invalid(op, 'options.width or options.height', 'given (a positive integer)', undefined);
  if (width === undefined) width = Math.max(1, Math.round((w * height!) / h));
  if (height === undefined) height = Math.max(1, Math.round((h * width) / w));
  const interpolation = options.interpolation ?? 'bilinear';
  if (!INTERPOLATIONS.includes(interpolation)) invalid(op, 'options.interpolation', `one of ${INTERPOLATIONS.map((s) => `'${s}'`).join(', ')}`, interpolation);
  if (options.antialias !== undefined && typeof options.antialias !== 'boolean') invalid(op, 'options.antialias', 'true, false or undefined', options.antialias);
  const antialias = options.antialias ?? (width < w || height < h);
  const alpha = options.alpha ?? 'straight';
  if (alpha !== 'straight' && alpha !== 'premultiplied') invalid(op, 'options.alpha', `'straight' or 'premultiplied'`, alpha);
  if (alpha === 'premultiplied' && src.channels !== 2 && src.channels !== 4) {
    invalid(op, 'options.alpha', `'straight' for an image of ${src.channels} channels ('premultiplied' needs 2 or 4 channels, alpha last)`, alpha);
  }
  const cubicA = options.cubicA === undefined ? -0.75 : checkFinite(op, 'options.cubicA', options.cubicA);
  if (cubicA < -1 || cubicA > 0) invalid(op, 'options.cubicA', 'a number in [-1, 0]', cubicA);
  return { width, height: height!, interpolation, antialias, premultiplied: alpha === 'premultiplied', cubicA };
}

/** The algorithm `resize` runs for these sizes and options. */
export function resizeMethod(inW: number, inH: number, o: Pick<ResolvedResize, 'width' | 'height' | 'interpolation' | 'antialias' | 'cubicA'>): ResizeMethod {
  if (o.width === inW && o.height === inH) return { kind: 'copy' };
  if (o.interpolation === 'nearest') return { kind: 'nearest' };
  if (o.interpolation === 'area') {
    return o.width <= inW && o.height <= inH ? { kind: 'area' } : { kind: 'cv', cv: 'area' };
  }
  if (o.antialias) {
    const filter = o.interpolation === 'bilinear' ? TRIANGLE : o.interpolation === 'bicubic' ? keysCubic(o.cubicA) : LANCZOS3;
    return { kind: 'pillow', filter };
  }
  // cv2.resize sends an exact 2x INTER_LINEAR shrink to INTER_AREA
  if (o.interpolation === 'bilinear' && inW === 2 * o.width && inH === 2 * o.height) return { kind: 'area' };
  return { kind: 'cv', cv: o.interpolation === 'bilinear' ? 'linear' : o.interpolation === 'bicubic' ? 'cubic' : 'lanczos3' };
}

/** Nearest-neighbour source index of each output index: min(floor((i + 0.5) * in / out), in - 1). */
export function nearestIndex(inSize: number, outSize: number): Int32Array {
  const s = inSize / outSize;
  return Int32Array.from({ length: outSize }, (_, i) => Math.min(Math.floor((i + 0.5) * s), inSize - 1));
}

/**
 * Resizes an image. Layout HWC, uint8 or float32, any channel count; the output has the
 * requested size and the input's channels and data type.
 *
 * Sample positions: output pixel i maps to source coordinate (i + 0.5) * in / out - 0.5 (pixel
 * centres at integers, the image spans [-0.5, w - 0.5]) for every interpolation.
 *
 * - `nearest`: source index floor((i + 0.5) * in / out), centred like Pillow and scikit-image
 *   (cv2's INTER_NEAREST uses floor(i * in / out), not centred). Bit-exact with
 *   skimage.transform.resize(order=0); Pillow agrees except where (i + 0.5) * in / out is an
 *   integer (Pillow accumulates the coordinate and rounds the other way on some of those ties).
 * - `bilinear`, `bicubic` (Keys, `cubicA`), `lanczos3`, with `antialias: true`: Pillow's
 *   resampling: the filter support is scaled by the shrink factor (antialiasing), taps outside
 *   the image are dropped and weights renormalised, 22-bit fixed point, horizontal pass then
 *   vertical pass, uint8 rounding in between. uint8 output is bit-exact with
 *   PIL.Image.resize(BILINEAR / BICUBIC with cubicA -0.5 / LANCZOS), float32 within 1e-4 of
 *   Pillow's mode 'F'.
 * - the same with `antialias: false`: cv2.resize (INTER_LINEAR, INTER_CUBIC with the default
 *   cubicA -0.75): coordinates clamped at the borders (edge replication), no widening when
 *   shrinking (so it aliases), 11-bit weights. uint8 bit-exact with OpenCV 4.6, including its
 *   rule that an exact 2x bilinear shrink is an INTER_AREA average. `lanczos3` without antialias
 *   uses 6 taps the same way (OpenCV has no Lanczos-3; its INTER_LANCZOS4 has 8 taps).
 * - `area`: cv2 INTER_AREA: when shrinking, the exact average of the source area each output
 *   pixel covers (fractional pixel weights, float arithmetic as OpenCV, round half to even;
 *   integer factors as OpenCV's fast path); when enlarging, OpenCV's INTER_AREA bilinear variant.
 *   uint8 bit-exact with OpenCV 4.6. Note Pillow's BOX filter differs for non-integer factors.
 *
 * `antialias` defaults to true when either side shrinks. `alpha: 'premultiplied'` resamples
 * colour times alpha and divides back (Pillow's RGBA handling, bit-exact for uint8); with the
 * default `'straight'` every channel is independent (cv2). Output equal in size to the input is a
 * plain copy. uint8 results round and saturate to 0..255; float32 is neither rounded nor clamped.
 *
 * @param img image (or ImageData), HWC, uint8 or float32
 * @param options `{ width, height, interpolation = 'bilinear', antialias, alpha = 'straight', cubicA = -0.75 }`;
 *   give width, height or both (a missing one keeps the aspect ratio, rounded, at least 1)
 * @returns a new image of width x height
 * @throws PixaugError `INVALID_PARAMETER` (sizes not positive integers, unknown interpolation or
 *   alpha mode, premultiplied alpha without 2 or 4 channels, cubicA outside [-1, 0]),
 *   `INVALID_IMAGE`, `TOO_LARGE`
 * @example
 *   const thumb = resize(img, { width: 224, height: 224 });                 // antialiased bilinear
 *   const cvLike = resize(img, { width: 224, height: 224, antialias: false }); // cv2.resize INTER_LINEAR
 *   const sharp = resize(img, { width: 512, interpolation: 'lanczos3' });       // height keeps the aspect
 */
export function resize(img: ImageLike, options: ResizeOptions): Image {
  const src = checkImage('resize', img);
  const o = resolveOptions('resize', src, options);
  const method = resizeMethod(src.width, src.height, o);
  return runResize('resize', src, o.width, o.height, method, o.premultiplied, o.cubicA);
}

/** Runs a resize method on a checked image (shared with the crop operations). */
export function runResize(op: string, src: CheckedImage, ow: number, oh: number, method: ResizeMethod, premultiplied = false, cubicA = -0.75): Image {
  const { width: w, height: h, channels: c } = src;
  const u8 = src.dtype === 'uint8';
  const bpp = c * src.bytes;
  return runKernel(op, src, { width: ow, height: oh, channels: c }, (k, s, d) => {
    if (method.kind === 'copy') {
      k.copyRows(s.ptr, d.ptr, w * bpp, h, s.stride, d.stride);
      return;
    }
    if (method.kind === 'nearest') {
      const { block, ptrs } = placeAll([nearestIndex(w, ow), nearestIndex(h, oh)]);
      try {
        k.resizeNearest(s.ptr, d.ptr, bpp, s.stride, ow, oh, d.stride, ptrs[0], ptrs[1]);
      } finally {
        getEngine().free(block);
      }
      return;
    }
    const premul = premultiplied && c >= 2;
    if (premul) {
      if (u8) k.premultiplyU8(s.ptr, w, h, c, s.stride);
      else k.premultiplyF32(s.ptr, w, h, c, s.stride, 0);
    }
    if (method.kind === 'pillow') pillowResize(k, src, s, d, ow, oh, method.filter);
    else if (method.kind === 'cv') cvResize(k, src, s, d, ow, oh, method.cv, cubicA);
    else areaResize(k, src, s, d, ow, oh);
    if (premul) {
      if (u8) k.unpremultiplyU8(d.ptr, ow, oh, c, d.stride);
      else k.premultiplyF32(d.ptr, ow, oh, c, d.stride, 1);
    }
  });
}

/** K alignment of the uint8 horizontal vector loops (see resampleH8). */
function hAlign(ch: number): number {
  return ch === 1 ? 4 : ch === 3 || ch === 4 ? 2 : 1;
}

function pillowResize(k: KernelExports, src: CheckedImage, s: Placed, d: Placed, ow: number, oh: number, filter: Filter): void {
  const { width: w, height: h, channels: c } = src;
  const u8 = src.dtype === 'uint8';
  const needH = ow !== w, needV = oh !== h;
  const vt = needV ? pillowTaps(h, oh, filter) : null;
  const ht = needH ? pillowTaps(w, ow, filter) : null;
  // rows of the source the vertical pass reads (all of them when it is skipped)
  const rows = vt ? neededRows(vt) : { list: Int32Array.from({ length: h }, (_, i) => i), map: undefined };
  const hp = ht ? packH(ht, w, u8 ? hAlign(c) : 1, true) : null;
  const vp = vt ? packV(vt, true, needH ? rows.map : undefined) : null;
  const arrays: Typed[] = [rows.list, ...(hp ? hArrays(hp) : []), ...(vp ? vArrays(vp) : [])];
  const { block, ptrs } = placeAll(arrays);
  const e = getEngine();
  try {
    const rowMapPtr = ptrs[0];
    const H = hp ? ptrs.slice(1, 5) : [];
    const V = vp ? ptrs.slice(hp ? 5 : 1) : [];
    const hPass = (dst: number, dstStride: number, nRows: number) => {
      if (u8) k.resampleH8(s.ptr, dst, w, c, s.stride, ow, dstStride, rowMapPtr, nRows, H[0], H[2], H[1], hp!.K, 0);
      else k.resampleHF(s.ptr, dst, w, c, s.stride, ow, dstStride, rowMapPtr, nRows, H[0], H[3], hp!.K, 0);
    };
    const vPass = (from: number, fromStride: number) => {
      if (u8) k.resampleV8(from, d.ptr, ow * c, fromStride, oh, d.stride, V[0], V[1], V[3], V[2], vp!.K);
      else k.resampleVF(from, d.ptr, ow * c, fromStride, oh, d.stride, V[0], V[1], V[4], vp!.K, 0, 1, 0);
    };
    if (needH && needV) {
      const tmpStride = ow * c * src.bytes;
      const nRows = rows.list.length;
      withScratch([tmpStride * nRows], ([tmp]) => {
        hPass(tmp, tmpStride, nRows);
        vPass(tmp, tmpStride);
      });
    } else if (needH) {
      hPass(d.ptr, d.stride, h);
    } else {
      vPass(s.ptr, s.stride);
    }
  } finally {
    e.free(block);
  }
}

function cvResize(k: KernelExports, src: CheckedImage, s: Placed, d: Placed, ow: number, oh: number, kind: CvKind, cubicA: number): void {
  const { width: w, height: h, channels: c } = src;
  const u8 = src.dtype === 'uint8';
  const ht = foldTaps(cvTaps(w, ow, kind, true, cubicA, !u8));
  const vt = cvTaps(h, oh, kind, false, cubicA, !u8);
  const rows = neededRows(vt);
  const hp = packH(ht, w, u8 ? hAlign(c) : 1, false);
  const vp = packV(vt, false, rows.map);
  const { block, ptrs } = placeAll([rows.list, ...hArrays(hp), ...vArrays(vp)]);
  const e = getEngine();
  try {
    const [rowMap, hIdx, hW32, hW16, hWf, vCnt, vRows, vW32, , vWf] = ptrs;
    const nRows = rows.list.length;
    const tmpStride = ow * c * 4; // int32 sums (uint8) or float32
    withScratch([tmpStride * nRows], ([tmp]) => {
      if (u8) {
        k.resampleH8(s.ptr, tmp, w, c, s.stride, ow, tmpStride, rowMap, nRows, hIdx, hW16, hW32, hp.K, 1);
        const formula = kind === 'linear' || kind === 'area' ? 1 : kind === 'cubic' ? 2 : 0;
        k.resampleV32(tmp, d.ptr, ow * c, tmpStride, oh, d.stride, vRows, vW32, vp.K, formula);
      } else {
        k.resampleHF(s.ptr, tmp, w, c, s.stride, ow, tmpStride, rowMap, nRows, hIdx, hWf, hp.K, 0);
        k.resampleVF(tmp, d.ptr, ow * c, tmpStride, oh, d.stride, vCnt, vRows, vWf, vp.K, 0, 1, 0);
      }
    });
  } finally {
    e.free(block);
  }
}

function areaResize(k: KernelExports, src: CheckedImage, s: Placed, d: Placed, ow: number, oh: number): void {
  const { width: w, height: h, channels: c } = src;
  const u8 = src.dtype === 'uint8';
  const sx = 1 / (ow / w), sy = 1 / (oh / h);
  const ix = Math.round(sx), iy = Math.round(sy);
  const fast = Math.abs(sx - ix) < Number.EPSILON && Math.abs(sy - iy) < Number.EPSILON;
  if (u8 && fast && ix === 2 && iy === 2 && (c === 1 || c === 3 || c === 4)) {
    // cv2's 2x2 fast path, (sum + 2) >> 2: one pass, no plan (same bytes as the two passes below)
    k.box2xU8(s.ptr, d.ptr, ow, oh, c, s.stride, d.stride);
    return;
  }
  const ht = fast ? boxTaps(ix, ow) : areaTaps(w, ow);
  const vt = fast ? boxTaps(iy, oh) : areaTaps(h, oh);
  const rows = neededRows(vt);
  const hp = packH(ht, w, 1, false);
  const vp = packV(vt, false, rows.map);
  const { block, ptrs } = placeAll([rows.list, ...hArrays(hp), ...vArrays(vp)]);
  const e = getEngine();
  // cv2's fast path: 2x2 with 1, 3 or 4 channels is (sum + 2) >> 2, else sum * (1 / area) rounded to even
  const postScale = fast ? Math.fround(1 / (ix * iy)) : 1;
  const halfUp = fast && ix === 2 && iy === 2 && (c === 1 || c === 3 || c === 4) ? 1 : 0;
  try {
    const [rowMap, hIdx, , , hWf, vCnt, vRows, , , vWf] = ptrs;
    const nRows = rows.list.length;
    const tmpStride = ow * c * 4;
    withScratch([tmpStride * nRows], ([tmp]) => {
      k.resampleHF(s.ptr, tmp, w, c, s.stride, ow, tmpStride, rowMap, nRows, hIdx, hWf, hp.K, u8 ? 1 : 0);
      k.resampleVF(tmp, d.ptr, ow * c, tmpStride, oh, d.stride, vCnt, vRows, vWf, vp.K, u8 ? 1 : 0, postScale, halfUp);
    });
  } finally {
    e.free(block);
  }
}
