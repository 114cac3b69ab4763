// Photometric kernels: lookup tables, per-channel affine maps, gamma, BT.601 grayscale,
// histograms and luma sums, hue/saturation/value shifts, rectangle fills (cutout).
// Blur and sharpen are in blur.ts. src/ops/color.ts documents each operation's reference.
//
// Layout: interleaved HWC rows of `rowLen` samples (= width * channels) at byte strides; a dense
// image may be passed as one long row. uint8 results round half up and saturate (toU8).

import { logf, logf4, expf, expf4 } from './mathf';
import { fillUniform, fillWords } from './random';
import { restoreAlpha } from './noise';

// @ts-ignore: decorator
@inline
function toU8(v: f32): u8 {
  const i = <i32>Mathf.floor(v + <f32>0.5);
  return <u8>(i < 0 ? 0 : i > 255 ? 255 : i);
}


// ---------------------------------------------------------------------------------------------
// lookup tables (uint8)
// ---------------------------------------------------------------------------------------------

/**
 * dst = lut[channel][src]: one 256-byte table per channel at lut + 256 * channel (a channel the
 * caller wants unchanged gets the identity table). A byte-indexed gather has no WebAssembly SIMD
 * form (i8x16.swizzle covers 16 entries), so this is a plain loop, unrolled per pixel.
 * Caller guarantees: rows of rowLen bytes (a multiple of c) at the byte strides; lut readable
 * for 256 c bytes; src and dst do not overlap.
 */
export function lutU8(src: usize, dst: usize, rowLen: i32, rows: i32, srcStride: i32, dstStride: i32, c: i32, lut: usize): void {
  for (let y = 0; y < rows; y++) {
    const s = src + <usize>(y * srcStride);
    const d = dst + <usize>(y * dstStride);
    if (c == 1) {
      for (let j = 0; j < rowLen; j++) store<u8>(d + <usize>j, load<u8>(lut + <usize>load<u8>(s + <usize>j)));
    } else if (c == 3) {
      for (let j = 0; j < rowLen; j += 3) {
        const p = <usize>j;
        store<u8>(d + p, load<u8>(lut + <usize>load<u8>(s + p)));
        store<u8>(d + p + 1, load<u8>(lut + 256 + <usize>load<u8>(s + p + 1)));
        store<u8>(d + p + 2, load<u8>(lut + 512 + <usize>load<u8>(s + p + 2)));
      }
    } else if (c == 4) {
      for (let j = 0; j < rowLen; j += 4) {
        const p = <usize>j;
        const v = load<u32>(s + p);
        store<u32>(d + p,
          <u32>load<u8>(lut + <usize>(v & 255)) |
          (<u32>load<u8>(lut + 256 + <usize>((v >>> 8) & 255)) << 8) |
          (<u32>load<u8>(lut + 512 + <usize>((v >>> 16) & 255)) << 16) |
          (<u32>load<u8>(lut + 768 + <usize>(v >>> 24)) << 24));
      }
    } else {
      for (let j = 0; j < rowLen; j += c) {
        for (let k = 0; k < c; k++) {
          const p = <usize>(j + k);
          store<u8>(d + p, load<u8>(lut + (<usize>k << 8) + <usize>load<u8>(s + p)));
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// per-channel affine map (float32): dst = src * a[ch] + b[ch]
// ---------------------------------------------------------------------------------------------

/**
 * dst = src * a[ch] + b[ch] (float32, in that order: one rounding for the product, one for the
 * sum), optionally clamped to [0, 1]. a and b are c float32 values each at coef and coef + 4c.
 * Caller guarantees: rows of rowLen float32 (a multiple of c) at byte strides; no overlap.
 */
export function affineF32(src: usize, dst: usize, rowLen: i32, rows: i32, srcStride: i32, dstStride: i32, c: i32, coef: usize, clip: i32): void {
  const bp = coef + (<usize>c << 2);
  for (let y = 0; y < rows; y++) {
    const s = src + <usize>(y * srcStride);
    const d = dst + <usize>(y * dstStride);
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      if (c == 1 || c == 2 || c == 4) {
        // lane l of every 4-sample group holds channel l % c (rows start on pixel boundaries)
        const A = f32x4(load<f32>(coef), load<f32>(coef + (<usize>(1 % c) << 2)), load<f32>(coef + (<usize>(2 % c) << 2)), load<f32>(coef + (<usize>(3 % c) << 2)));
        const B = f32x4(load<f32>(bp), load<f32>(bp + (<usize>(1 % c) << 2)), load<f32>(bp + (<usize>(2 % c) << 2)), load<f32>(bp + (<usize>(3 % c) << 2)));
        const zero = f32x4.splat(0.0), one = f32x4.splat(1.0);
        for (; j + 4 <= rowLen; j += 4) {
          let v = f32x4.add(f32x4.mul(v128.load(s + (<usize>j << 2)), A), B);
          if (clip) v = f32x4.min(f32x4.max(v, zero), one);
          v128.store(d + (<usize>j << 2), v);
        }
      }
    }
    for (; j < rowLen; j++) {
      const k = <usize>(j % c) << 2;
      let v = load<f32>(s + (<usize>j << 2)) * load<f32>(coef + k) + load<f32>(bp + k);
      if (clip) v = min(max(v, <f32>0.0), <f32>1.0);
      store<f32>(d + (<usize>j << 2), v);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// gamma (float32): dst = gain * src^g for src > 0, else 0
// ---------------------------------------------------------------------------------------------

/**
 * dst = gain * exp(g * log(src)) with pixaug's own float32 log and exp (mathf.ts), for src > 0
 * (values below 2^-126 count as 0); dst = 0 for src <= 0 (and for NaN). With keepAlpha the last
 * channel is copied unchanged.
 * Caller guarantees: rows of rowLen float32 (a multiple of c) at byte strides; no overlap; g > 0.
 */
export function gammaF32(src: usize, dst: usize, rowLen: i32, rows: i32, srcStride: i32, dstStride: i32, c: i32, g: f32, gain: f32, keepAlpha: i32): void {
  const tiny: f32 = 1.1754943508222875e-38; // 2^-126, the smallest normal float32
  for (let y = 0; y < rows; y++) {
    const s = src + <usize>(y * srcStride);
    const d = dst + <usize>(y * dstStride);
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      const vg = f32x4.splat(g), vgain = f32x4.splat(gain), vt = f32x4.splat(tiny);
      for (; j + 4 <= rowLen; j += 4) {
        const x = v128.load(s + (<usize>j << 2));
        const pos = f32x4.ge(x, vt); // false for NaN
        const xs = v128.bitselect(x, f32x4.splat(1.0), pos); // log of a safe value where masked out
        const v = f32x4.mul(vgain, expf4(f32x4.mul(vg, logf4(xs))));
        v128.store(d + (<usize>j << 2), v128.and(v, pos));
      }
    }
    for (; j < rowLen; j++) {
      const x = load<f32>(s + (<usize>j << 2));
      store<f32>(d + (<usize>j << 2), x >= tiny ? gain * expf(g * logf(x)) : <f32>0.0);
    }
    if (keepAlpha && c > 1) restoreAlpha(s, d, rowLen / c, c, 4);
  }
}

// ---------------------------------------------------------------------------------------------
// solarize (float32): dst = src < t ? src : 1 - src
// ---------------------------------------------------------------------------------------------

/**
 * dst = src < t ? src : 1 - src (float32); with keepAlpha the last
 * channel is copied.
 * Caller guarantees: rows of rowLen float32 (a multiple of c) at byte strides; no overlap.
 */
export function solarizeF32(src: usize, dst: usize, rowLen: i32, rows: i32, srcStride: i32, dstStride: i32, c: i32, t: f32, keepAlpha: i32): void {
  for (let y = 0; y < rows; y++) {
    const s = src + <usize>(y * srcStride);
    const d = dst + <usize>(y * dstStride);
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      const vt = f32x4.splat(t), one = f32x4.splat(1.0);
      for (; j + 4 <= rowLen; j += 4) {
        const x = v128.load(s + (<usize>j << 2));
        v128.store(d + (<usize>j << 2), v128.bitselect(x, f32x4.sub(one, x), f32x4.lt(x, vt)));
      }
    }
    for (; j < rowLen; j++) {
      const x = load<f32>(s + (<usize>j << 2));
      store<f32>(d + (<usize>j << 2), x < t ? x : <f32>1.0 - x);
    }
    if (keepAlpha && c > 1) restoreAlpha(s, d, rowLen / c, c, 4);
  }
}

// ---------------------------------------------------------------------------------------------
// grayscale (ITU-R BT.601 luma)
// ---------------------------------------------------------------------------------------------

/**
 * uint8 luma Y = (R wr + G wg + B wb + 2^(shift-1)) >> shift of channels 0, 1, 2 of each pixel
 * (OpenCV 4.6: 9798, 19235, 3735, 15; Pillow: 19595, 38470, 7471, 16). outC = 1 writes Y alone; outC
 * = c writes Y to channels 0..2 and copies channels 3.. (alpha).
 * Caller guarantees: c >= 3; w pixels per row at byte strides; dst rows of w outC bytes; weights
 * and shift with (255 (wr + wg + wb) + 2^(shift-1)) < 2^31; no overlap.
 */
export function grayU8(src: usize, dst: usize, w: i32, rows: i32, srcStride: i32, dstStride: i32, c: i32, outC: i32,
  wr: i32, wg: i32, wb: i32, shift: i32): void {
  const half = 1 << (shift - 1);
  for (let y = 0; y < rows; y++) {
    const s = src + <usize>(y * srcStride);
    const d = dst + <usize>(y * dstStride);
    let x = 0;
    if (ASC_FEATURE_SIMD) {
      if (c == 4 && outC == 1) {
        // 16 bytes = 4 RGBA pixels; 32-bit lane p = r | g << 8 | b << 16 | a << 24
        const m = i32x4.splat(255);
        const vr = i32x4.splat(wr), vg = i32x4.splat(wg), vb = i32x4.splat(wb), vh = i32x4.splat(half);
        for (; x + 16 <= w; x += 16) {
          const y0 = lumaLanes(v128.load(s + (<usize>x << 2)), m, vr, vg, vb, vh, shift);
          const y1 = lumaLanes(v128.load(s + (<usize>x << 2), 16), m, vr, vg, vb, vh, shift);
          const y2 = lumaLanes(v128.load(s + (<usize>x << 2), 32), m, vr, vg, vb, vh, shift);
          const y3 = lumaLanes(v128.load(s + (<usize>x << 2), 48), m, vr, vg, vb, vh, shift);
          v128.store(d + <usize>x, i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(y0, y1), i16x8.narrow_i32x4_s(y2, y3)));
        }
      }
    }
    for (; x < w; x++) {
      const p = s + <usize>(x * c);
      const Y = (<i32>load<u8>(p) * wr + <i32>load<u8>(p, 1) * wg + <i32>load<u8>(p, 2) * wb + half) >> shift;
      if (outC == 1) {
        store<u8>(d + <usize>x, <u8>Y);
      } else {
        const q = d + <usize>(x * c);
        store<u8>(q, <u8>Y);
        store<u8>(q, <u8>Y, 1);
        store<u8>(q, <u8>Y, 2);
        for (let k = 3; k < c; k++) store<u8>(q + <usize>k, load<u8>(p + <usize>k));
      }
    }
  }
}

// @ts-ignore: decorator
@inline
function lumaLanes(v: v128, m: v128, vr: v128, vg: v128, vb: v128, vh: v128, shift: i32): v128 {
  const r = v128.and(v, m);
  const g = v128.and(i32x4.shr_u(v, 8), m);
  const b = v128.and(i32x4.shr_u(v, 16), m);
  return i32x4.shr_s(i32x4.add(i32x4.add(i32x4.add(i32x4.mul(r, vr), i32x4.mul(g, vg)), i32x4.mul(b, vb)), vh), shift);
}

/**
 * float32 luma Y = (R wr + G wg) + B wb (OpenCV's float cvtColor weights 0.299, 0.587, 0.114),
 * outC as grayU8.
 * Caller guarantees: as grayU8 with float32 samples.
 */
export function grayF32(src: usize, dst: usize, w: i32, rows: i32, srcStride: i32, dstStride: i32, c: i32, outC: i32,
  wr: f32, wg: f32, wb: f32): void {
  for (let y = 0; y < rows; y++) {
    const s = src + <usize>(y * srcStride);
    const d = dst + <usize>(y * dstStride);
    for (let x = 0; x < w; x++) {
      const p = s + (<usize>(x * c) << 2);
      const Y = (load<f32>(p) * wr + load<f32>(p, 4) * wg) + load<f32>(p, 8) * wb;
      if (outC == 1) {
        store<f32>(d + (<usize>x << 2), Y);
      } else {
        const q = d + (<usize>(x * c) << 2);
        store<f32>(q, Y);
        store<f32>(q, Y, 4);
        store<f32>(q, Y, 8);
        for (let k = 3; k < c; k++) store<f32>(q + (<usize>k << 2), load<f32>(p + (<usize>k << 2)));
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// histograms and sums
// ---------------------------------------------------------------------------------------------

/**
 * Adds the per-channel histograms of a uint8 image to hist (c tables of 256 uint32,
 * channel-major; the caller zeroes them).
 * Caller guarantees: rows of rowLen bytes (a multiple of c); hist writable for 1024 c bytes.
 */
export function histogramU8(src: usize, rowLen: i32, rows: i32, srcStride: i32, c: i32, hist: usize): void {
  for (let y = 0; y < rows; y++) {
    const s = src + <usize>(y * srcStride);
    for (let j = 0; j < rowLen; j += c) {
      for (let k = 0; k < c; k++) {
        const a = hist + (<usize>k << 10) + (<usize>load<u8>(s + <usize>(j + k)) << 2);
        store<u32>(a, load<u32>(a) + 1);
      }
    }
  }
}

/**
 * Sum over the image of the uint8 luma (R wr + G wg + B wb + 2^(shift-1)) >> shift (c >= 3), or
 * of channel 0 (c < 3). Exact (an f64 holds integers up to 2^53).
 * Caller guarantees: w pixels per row at byte strides.
 */
export function lumaSumU8(src: usize, w: i32, rows: i32, srcStride: i32, c: i32, wr: i32, wg: i32, wb: i32, shift: i32): f64 {
  let total: f64 = 0;
  const half = 1 << (shift - 1);
  for (let y = 0; y < rows; y++) {
    const s = src + <usize>(y * srcStride);
    let row: i64 = 0;
    if (c >= 3) {
      for (let x = 0; x < w; x++) {
        const p = s + <usize>(x * c);
        row += (<i32>load<u8>(p) * wr + <i32>load<u8>(p, 1) * wg + <i32>load<u8>(p, 2) * wb + half) >> shift;
      }
    } else {
      for (let x = 0; x < w; x++) row += <i64>load<u8>(s + <usize>(x * c));
    }
    total += <f64>row;
  }
  return total;
}

/**
 * Sum over the image of the float32 luma (R wr + G wg) + B wb (c >= 3), or of channel 0 (c < 3),
 * accumulated in float64 per row and over rows.
 * Caller guarantees: w pixels per row at byte strides.
 */
export function lumaSumF32(src: usize, w: i32, rows: i32, srcStride: i32, c: i32, wr: f32, wg: f32, wb: f32): f64 {
  let total: f64 = 0;
  for (let y = 0; y < rows; y++) {
    const s = src + <usize>(y * srcStride);
    let row: f64 = 0;
    for (let x = 0; x < w; x++) {
      const p = s + (<usize>(x * c) << 2);
      row += c >= 3 ? <f64>((load<f32>(p) * wr + load<f32>(p, 4) * wg) + load<f32>(p, 8) * wb) : <f64>load<f32>(p);
    }
    total += row;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// hue / saturation / value shifts
// ---------------------------------------------------------------------------------------------

const FLT_EPSILON: f32 = 1.1920928955078125e-7;
const HSCALE: f32 = 0.01666666753590107; // float32(6 / 360)

/**
 * HSV shift of one RGB pixel (float32, channels in [0, 1]) written to HSV_OUT: converts to HSV
 * the way OpenCV's float cvtColor does (H in degrees: s = (v - min) / (v + FLT_EPSILON),
 * h = 60 (.) / (v - min + FLT_EPSILON) by max channel, +360 if negative), adds dh (|dh| < 360;
 * wrapped into [0, 360) as numpy.mod), ds and dv (clamped to [0, 1]), and converts back with the sector formula (Smith,
 * "Color gamut transform pairs", SIGGRAPH 1978; OpenCV HSV2RGB).
 */
const HSV_OUT = memory.data(16, 16);
// @ts-ignore: decorator
@inline
function hsvShiftPixel(r: f32, g: f32, b: f32, dh: f32, ds: f32, dv: f32): void {
  const v = max(max(r, g), b);
  const vmin = min(min(r, g), b);
  const diff = v - vmin;
  let s = diff / (Mathf.abs(v) + FLT_EPSILON);
  const k = <f32>60.0 / (diff + FLT_EPSILON);
  let h: f32 = v == r ? (g - b) * k : v == g ? (b - r) * k + <f32>120.0 : (r - g) * k + <f32>240.0;
  if (h < 0) h += 360.0;
  // shift and wrap like numpy.mod(h + dh, 360) in float32 (|dh| < 360, src/ops/color.ts)
  h += dh;
  if (h < 0) h += 360.0;
  else if (h >= 360.0) h -= 360.0;
  s = min(max(s + ds, <f32>0.0), <f32>1.0);
  const vv = min(max(v + dv, <f32>0.0), <f32>1.0);
  let ro = vv, go = vv, bo = vv;
  if (s != 0) {
    let hh = h * HSCALE;
    if (hh >= 6.0) hh -= 6.0;
    let sector = <i32>Mathf.floor(hh);
    hh -= <f32>sector;
    if (<u32>sector >= 6) { sector = 0; hh = 0; }
    const p = vv * (<f32>1.0 - s);
    const q = vv * (<f32>1.0 - s * hh);
    const t = vv * (<f32>1.0 - s * (<f32>1.0 - hh));
    if (sector == 0) { ro = vv; go = t; bo = p; }
    else if (sector == 1) { ro = q; go = vv; bo = p; }
    else if (sector == 2) { ro = p; go = vv; bo = t; }
    else if (sector == 3) { ro = p; go = q; bo = vv; }
    else if (sector == 4) { ro = t; go = p; bo = vv; }
    else { ro = vv; go = p; bo = q; }
  }
  store<f32>(HSV_OUT, ro);
  store<f32>(HSV_OUT, go, 4);
  store<f32>(HSV_OUT, bo, 8);
}

/**
 * Hue / saturation / value shift of uint8 RGB(A...) pixels: x / 255 (float32 division), the float
 * HSV shift of hsvShiftPixel, floor(255 x + 0.5). Channels 3.. are copied.
 * Caller guarantees: c >= 3; w pixels per row at byte strides; no overlap.
 */
export function hsvShiftU8(src: usize, dst: usize, w: i32, rows: i32, srcStride: i32, dstStride: i32, c: i32, dh: f32, ds: f32, dv: f32): void {
  for (let y = 0; y < rows; y++) {
    const s = src + <usize>(y * srcStride);
    const d = dst + <usize>(y * dstStride);
    for (let x = 0; x < w; x++) {
      const p = s + <usize>(x * c);
      const q = d + <usize>(x * c);
      hsvShiftPixel(<f32>load<u8>(p) / <f32>255.0, <f32>load<u8>(p, 1) / <f32>255.0, <f32>load<u8>(p, 2) / <f32>255.0, dh, ds, dv);
      store<u8>(q, toU8(load<f32>(HSV_OUT) * <f32>255.0));
      store<u8>(q, toU8(load<f32>(HSV_OUT, 4) * <f32>255.0), 1);
      store<u8>(q, toU8(load<f32>(HSV_OUT, 8) * <f32>255.0), 2);
      for (let k = 3; k < c; k++) store<u8>(q + <usize>k, load<u8>(p + <usize>k));
    }
  }
}

/**
 * hsvShiftU8 for float32 pixels (channels used as they are; V is clamped to [0, 1]).
 * Caller guarantees: as hsvShiftU8 with float32 samples.
 */
export function hsvShiftF32(src: usize, dst: usize, w: i32, rows: i32, srcStride: i32, dstStride: i32, c: i32, dh: f32, ds: f32, dv: f32): void {
  for (let y = 0; y < rows; y++) {
    const s = src + <usize>(y * srcStride);
    const d = dst + <usize>(y * dstStride);
    for (let x = 0; x < w; x++) {
      const p = s + (<usize>(x * c) << 2);
      const q = d + (<usize>(x * c) << 2);
      hsvShiftPixel(load<f32>(p), load<f32>(p, 4), load<f32>(p, 8), dh, ds, dv);
      store<f32>(q, load<f32>(HSV_OUT));
      store<f32>(q, load<f32>(HSV_OUT, 4), 4);
      store<f32>(q, load<f32>(HSV_OUT, 8), 8);
      for (let k = 3; k < c; k++) store<f32>(q + (<usize>k << 2), load<f32>(p + (<usize>k << 2)));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// rectangle fills (cutout / random erasing)
// ---------------------------------------------------------------------------------------------

const CHUNK: i32 = 4096;
const WORDS = memory.data(CHUNK * 4 + 64, 16);

/**
 * Fills the rw x rh rectangle at (x, y) of a w-pixel-wide image in place: with the pixel at
 * fillPtr (noise == 0), or with noise (noise != 0): uint8 word(i) >>> 24, float32 uniform(i) in
 * [0, 1), i = the element index (row * w + col) * c + channel, field 1, key (k0, k1) (random.ts).
 * Only the first cc channels of each pixel are written (cc = c - 1 keeps alpha).
 * Caller guarantees: the rectangle lies inside the image; stride in bytes; bytes = 1 or 4;
 * fillPtr readable for c samples when noise == 0.
 */
export function fillRect(dst: usize, w: i32, c: i32, stride: i32, bytes: i32, x: i32, y: i32, rw: i32, rh: i32, cc: i32,
  fillPtr: usize, noise: i32, k0: u32, k1: u32): void {
  const bpp = c * bytes;
  for (let r = 0; r < rh; r++) {
    const row = dst + <usize>((y + r) * stride) + <usize>(x * bpp);
    if (noise == 0) {
      for (let p = 0; p < rw; p++) memory.copy(row + <usize>(p * bpp), fillPtr, <usize>(cc * bytes));
      continue;
    }
    const e0 = <u32>(((y + r) * w + x) * c);
    const n = rw * c;
    const chunk = (CHUNK / c) * c; // whole pixels per chunk
    for (let j0 = 0; j0 < n; j0 += chunk) {
      const m = min(chunk, n - j0);
      if (bytes == 1) fillWords(WORDS, m, e0 + <u32>j0, 1, k0, k1);
      else fillUniform(WORDS, m, e0 + <u32>j0, 1, k0, k1, 0.0, 1.0);
      // element j of the chunk is channel j % c; only channels < cc are written
      for (let p = 0; p < m; p += c) {
        for (let k = 0; k < cc; k++) {
          const word = load<u32>(WORDS + (<usize>(p + k) << 2));
          const jj = j0 + p + k;
          if (bytes == 1) store<u8>(row + <usize>jj, <u8>(word >>> 24));
          else store<u32>(row + (<usize>jj << 2), word);
        }
      }
    }
  }
}
