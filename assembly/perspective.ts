// Perspective warp, uint8 bit-exact with cv2.warpPerspective (OpenCV 4.6) and float32 in exact
// math, plus the supersampled (anti-aliased) warp used when a map shrinks the image.
//
// uint8 (OpenCV's fixed point, studied in imgwarp.cpp WarpPerspectiveInvoker and remap):
//   The output is walked in blocks (bw0 x bh0 pixels, bh0 = min(16, dh), bw0 = min(1024 / bh0, dw),
//   bh0 = min(1024 / bw0, dh)); per block row X0 = m0 xb + m1 y + m2 (same for Y0, W0), per pixel
//   W = W0 + m6 x1, X = rint((X0 + m0 x1) * 32 / W) (doubles; rint = round half to even), so the
//   source position is quantised to 1/32 pixel. Bilinear/bicubic read the 2x2 / 4x4 taps at
//   (X >> 5, Y >> 5) with int16 weights from a 32 x 32 table (initInterTab2D: float kernel values,
//   times 32768, cvRound, sum corrected to 32768), out = sat_u8((sum + 2^14) >> 15). Nearest uses
//   X = rint(x') (half to even). Taps outside the source follow the border mode (border.ts).
//   Block-wise arithmetic is reproduced because it decides the last bit of X0 + m0 x1. The
//   weight tables are warp.ts's (the same tables cv2.warpAffine uses).
//
// Each row is first mapped into a coordinate buffer (source tap origin and table index per
// pixel); the row is then split into runs whose taps are all inside the source (no border
// logic, vector path for RGB/RGBA) and the other pixels (border path, per tap index mapping).
// Along a row, X and Y are monotonic (where W keeps its sign), so the interior is one run.

import { borderIndex } from './border';
import { linearTable, cubicTable } from './warp';

// @ts-ignore: decorator
@inline const NEAREST: i32 = 0;
// @ts-ignore: decorator
@inline const BILINEAR: i32 = 1;
// @ts-ignore: decorator
@inline const BICUBIC: i32 = 2;
// @ts-ignore: decorator
@inline const CONSTANT: i32 = 0;

// ---------------------------------------------------------------------------------------------
// uint8 perspective warp
// ---------------------------------------------------------------------------------------------

// @ts-ignore: decorator
@inline
function sat16(v: i32): i32 {
  return v < -32768 ? -32768 : v > 32767 ? 32767 : v;
}

// @ts-ignore: decorator
@inline
function toInt(v: f64): i32 {
  // cv::saturate_cast<int>(max(INT_MIN, min(INT_MAX, v))): round half to even (NaN -> INT_MIN, as cvRound)
  if (v != v) return i32.MIN_VALUE;
  return <i32>nearest<f64>(max<f64>(-2147483648.0, min<f64>(2147483647.0, v)));
}

/**
 * Perspective warp of a uint8 image: dst(x, y) = src sampled at the inverse map
 * ((m0 x + m1 y + m2) / W, (m3 x + m4 y + m5) / W), W = m6 x + m7 y + m8, with OpenCV's fixed
 * point (see the top of this file). interp: 0 nearest, 1 bilinear, 2 bicubic (Keys A = cubicA;
 * OpenCV uses -0.75); border: constant 0, edge 1, reflect 2, symmetric 3, wrap 4; fillPtr: ch
 * bytes used by `constant`. rowBuf: scratch of 12 * dw bytes. aa > 0: pixels where the map shrinks
 * the image by more than aa (along either output axis) are computed by filteredPixel instead
 * (bilinear and bicubic only; nearest is never filtered); aa = 0 keeps every pixel bit-exact.
 * Caller guarantees: sw, sh, dw, dh, ch >= 1; src readable 16 bytes past its last pixel; dst,
 * src, rowBuf do not overlap; fillPtr readable for ch bytes.
 */
export function warpPerspectiveU8(
  src: usize, dst: usize, sw: i32, sh: i32, ch: i32, srcStride: i32,
  dw: i32, dh: i32, dstStride: i32,
  m0: f64, m1: f64, m2: f64, m3: f64, m4: f64, m5: f64, m6: f64, m7: f64, m8: f64,
  interp: i32, border: i32, fillPtr: usize, A: f32, rowBuf: usize, aa: f64,
): void {
  // OpenCV's initInterTab2D tables, shared with warp.ts (entry (fy, fx) at (fy * 32 + fx) * ks * ks)
  const tab: usize = interp == NEAREST ? 0 : interp == BILINEAR ? linearTable() : cubicTable(A);
  const filter = aa > 0 && interp != NEAREST;
  const aa2 = aa * aa;
  const invScale: f64 = interp == NEAREST ? 1.0 : 1.0 / 32.0;
  const ks = interp == BICUBIC ? 4 : interp == BILINEAR ? 2 : 1;
  const scale: f64 = interp == NEAREST ? 1.0 : 32.0;
  // interior: all taps inside. tap origin ox = sx - (ks == 4 ? 1 : 0) in [0, sw - ks]
  const loX = 0, hiX = sw - ks, loY = 0, hiY = sh - ks;
  let bh0 = min(16, dh);
  const bw0 = min(1024 / bh0, dw);
  bh0 = min(1024 / bw0, dh);
  for (let y = 0; y < dh; y++) {
    // 1. coordinates of the row: (ox, oy, table index) per pixel
    for (let xb = 0; xb < dw; xb += bw0) {
      const X0: f64 = m0 * <f64>xb + m1 * <f64>y + m2;
      const Y0: f64 = m3 * <f64>xb + m4 * <f64>y + m5;
      const W0: f64 = m6 * <f64>xb + m7 * <f64>y + m8;
      const bw = min(bw0, dw - xb);
      let x1 = 0;
      if (ASC_FEATURE_SIMD) {
        // two pixels per step in f64x2 lanes, the same double operations in the same order as
        // the scalar loop below (so both builds give the same positions)
        const vm0 = f64x2.splat(m0), vm1 = f64x2.splat(m1), vm3 = f64x2.splat(m3), vm4 = f64x2.splat(m4);
        const vm6 = f64x2.splat(m6), vm7 = f64x2.splat(m7);
        const vX0 = f64x2.splat(X0), vY0 = f64x2.splat(Y0), vW0 = f64x2.splat(W0);
        const vs = f64x2.splat(scale), vis = f64x2.splat(invScale), vaa2 = f64x2.splat(aa2);
        const lo = f64x2.splat(-2147483648.0), hi = f64x2.splat(2147483647.0), zero = f64x2.splat(0);
        const two = f64x2.splat(2);
        const imin = i32x4.splat(i32.MIN_VALUE);
        const s16lo = i32x4.splat(-32768), s16hi = i32x4.splat(32767);
        const o = i32x4.splat(ks == 4 ? 1 : 0);
        const m31 = i32x4.splat(31);
        let vx = f64x2(0, 1);
        for (; x1 + 2 <= bw; x1 += 2) {
          let W = f64x2.add(vW0, f64x2.mul(vm6, vx));
          W = v128.and(f64x2.div(vs, W), f64x2.ne(W, zero));
          const u = f64x2.add(vX0, f64x2.mul(vm0, vx));
          const v = f64x2.add(vY0, f64x2.mul(vm3, vx));
          const fX = f64x2.mul(u, W), fY = f64x2.mul(v, W);
          // rint with saturation; NaN -> INT_MIN (lanes 0, 1 of the i32 results)
          let X = i32x4.trunc_sat_f64x2_s_zero(f64x2.nearest(f64x2.max(lo, f64x2.min(hi, fX))));
          let Y = i32x4.trunc_sat_f64x2_s_zero(f64x2.nearest(f64x2.max(lo, f64x2.min(hi, fY))));
          X = v128.bitselect(imin, X, v128.shuffle<i32>(f64x2.ne(fX, fX), zero, 0, 2, 4, 4));
          Y = v128.bitselect(imin, Y, v128.shuffle<i32>(f64x2.ne(fY, fY), zero, 0, 2, 4, 4));
          let ox: v128, oy: v128, ti: v128;
          if (interp == NEAREST) {
            ox = i32x4.min_s(i32x4.max_s(X, s16lo), s16hi);
            oy = i32x4.min_s(i32x4.max_s(Y, s16lo), s16hi);
            ti = i32x4.splat(0);
          } else {
            ox = i32x4.sub(i32x4.min_s(i32x4.max_s(i32x4.shr_s(X, 5), s16lo), s16hi), o);
            oy = i32x4.sub(i32x4.min_s(i32x4.max_s(i32x4.shr_s(Y, 5), s16lo), s16hi), o);
            ti = v128.or(i32x4.shl(v128.and(Y, m31), 5), v128.and(X, m31));
          }
          if (filter) {
            const iw = f64x2.mul(W, vis);
            const sx = f64x2.mul(u, iw), sy = f64x2.mul(v, iw);
            const ax = f64x2.sub(vm0, f64x2.mul(sx, vm6)), ay = f64x2.sub(vm3, f64x2.mul(sy, vm6));
            const bx = f64x2.sub(vm1, f64x2.mul(sx, vm7)), by = f64x2.sub(vm4, f64x2.mul(sy, vm7));
            const i2 = f64x2.mul(iw, iw);
            const fa = f64x2.gt(f64x2.mul(f64x2.add(f64x2.mul(ax, ax), f64x2.mul(ay, ay)), i2), vaa2);
            const fb = f64x2.gt(f64x2.mul(f64x2.add(f64x2.mul(bx, bx), f64x2.mul(by, by)), i2), vaa2);
            const f = v128.shuffle<i32>(v128.or(fa, fb), zero, 0, 2, 4, 4);
            ox = v128.bitselect(i32x4.splat(-(1 << 30)), ox, f);
            oy = v128.bitselect(i32x4.splat(0), oy, f);
            ti = v128.bitselect(i32x4.splat(-1), ti, f);
          }
          const p = rowBuf + <usize>((xb + x1) * 12);
          store<i32>(p, i32x4.extract_lane(ox, 0));
          store<i32>(p, i32x4.extract_lane(oy, 0), 4);
          store<i32>(p, i32x4.extract_lane(ti, 0), 8);
          store<i32>(p, i32x4.extract_lane(ox, 1), 12);
          store<i32>(p, i32x4.extract_lane(oy, 1), 16);
          store<i32>(p, i32x4.extract_lane(ti, 1), 20);
          vx = f64x2.add(vx, two);
        }
      }
      for (; x1 < bw; x1++) {
        let W: f64 = W0 + m6 * <f64>x1;
        W = W != 0 ? scale / W : 0;
        const X = toInt((X0 + m0 * <f64>x1) * W);
        const Y = toInt((Y0 + m3 * <f64>x1) * W);
        const p = rowBuf + <usize>((xb + x1) * 12);
        if (filter && shrinks(X0 + m0 * <f64>x1, Y0 + m3 * <f64>x1, W * invScale, m0, m1, m3, m4, m6, m7, aa2)) {
          // anti-aliased pixel: handled by filteredPixel in the border pass
          store<i32>(p, -(1 << 30));
          store<i32>(p, 0, 4);
          store<i32>(p, -1, 8);
          continue;
        }
        if (interp == NEAREST) {
          store<i32>(p, sat16(X));
          store<i32>(p, sat16(Y), 4);
          store<i32>(p, 0, 8);
        } else {
          const o = ks == 4 ? 1 : 0;
          store<i32>(p, sat16(X >> 5) - o);
          store<i32>(p, sat16(Y >> 5) - o, 4);
          store<i32>(p, ((Y & 31) << 5) | (X & 31), 8);
        }
      }
    }
    // 2. sample: runs of interior pixels, border pixels one by one
    const d = dst + <usize>(y * dstStride);
    let x = 0;
    while (x < dw) {
      let e = x;
      while (e < dw) {
        const p = rowBuf + <usize>(e * 12);
        const ox = load<i32>(p), oy = load<i32>(p, 4);
        if (ox < loX || ox > hiX || oy < loY || oy > hiY) break;
        e++;
      }
      if (e > x) {
        interiorRun(src, d, srcStride, ch, ks, tab, rowBuf, x, e);
        x = e;
      }
      while (x < dw) {
        const p = rowBuf + <usize>(x * 12);
        const ox = load<i32>(p), oy = load<i32>(p, 4);
        if (!(ox < loX || ox > hiX || oy < loY || oy > hiY)) break;
        const ti = load<i32>(p, 8);
        if (ti < 0) filteredPixel(src, 1, d + <usize>(x * ch), sw, sh, srcStride, ch, x, y, m0, m1, m2, m3, m4, m5, m6, m7, m8, border, fillPtr);
        else borderPixel(src, d + <usize>(x * ch), sw, sh, srcStride, ch, ks, tab, ox, oy, ti, border, fillPtr);
        x++;
      }
    }
  }
}

/** Pixels x0 .. x1-1 of a row whose taps are all inside the source. */
function interiorRun(src: usize, d: usize, srcStride: i32, ch: i32, ks: i32, tab: usize, rowBuf: usize, x0: i32, x1: i32): void {
  let x = x0;
  if (ASC_FEATURE_SIMD) {
    if (ks > 1 && (ch == 4 || ch == 3)) {
      // two horizontal taps per dot product, as the resize H pass:
      //   RGBA 8 bytes  r0 g0 b0 a0 r1 g1 b1 a1 -> r0 r1 g0 g1 b0 b1 a0 a1 (i16 lanes)
      //   RGB  8 bytes  r0 g0 b0 r1 g1 b1 .. .. -> r0 r1 g0 g1 b0 b1 __ __
      const sw = ch == 4
        ? i8x16(0, -1, 4, -1, 1, -1, 5, -1, 2, -1, 6, -1, 3, -1, 7, -1)
        : i8x16(0, -1, 3, -1, 1, -1, 4, -1, 2, -1, 5, -1, -1, -1, -1, -1);
      const sw23 = ch == 4
        ? i8x16(8, -1, 12, -1, 9, -1, 13, -1, 10, -1, 14, -1, 11, -1, 15, -1)
        : i8x16(6, -1, 9, -1, 7, -1, 10, -1, 8, -1, 11, -1, -1, -1, -1, -1);
      const nw = ks * ks;
      for (; x < x1; x++) {
        const p = rowBuf + <usize>(x * 12);
        const s = src + <usize>(load<i32>(p, 4) * srcStride + load<i32>(p) * ch);
        const w = tab + (<usize>(load<i32>(p, 8) * nw) << 1);
        let acc = i32x4.splat(1 << 14);
        if (ks == 2) {
          acc = i32x4.add(acc, i32x4.dot_i16x8_s(i8x16.swizzle(v128.load64_zero(s), sw), v128.load32_splat(w)));
          acc = i32x4.add(acc, i32x4.dot_i16x8_s(i8x16.swizzle(v128.load64_zero(s + <usize>srcStride), sw), v128.load32_splat(w, 4)));
        } else {
          let r = s;
          for (let a = 0; a < 4; a++) {
            const v = v128.load(r);
            acc = i32x4.add(acc, i32x4.dot_i16x8_s(i8x16.swizzle(v, sw), v128.load32_splat(w + (<usize>a << 3))));
            acc = i32x4.add(acc, i32x4.dot_i16x8_s(i8x16.swizzle(v, sw23), v128.load32_splat(w + (<usize>a << 3) + 4)));
            r += <usize>srcStride;
          }
        }
        const v = i32x4.shr_s(acc, 15);
        const n = i16x8.narrow_i32x4_s(v, v);
        const b = i8x16.narrow_i16x8_u(n, n);
        const o = d + <usize>(x * ch);
        if (ch == 4) v128.store32_lane(o, b, 0);
        else {
          v128.store16_lane(o, b, 0);
          v128.store8_lane(o + 2, b, 2);
        }
      }
      return;
    }
  }
  if (ks == 1) {
    for (; x < x1; x++) {
      const p = rowBuf + <usize>(x * 12);
      const s = src + <usize>(load<i32>(p, 4) * srcStride + load<i32>(p) * ch);
      const o = d + <usize>(x * ch);
      if (ch == 4) store<u32>(o, load<u32>(s));
      else if (ch == 3) {
        store<u16>(o, load<u16>(s));
        store<u8>(o, load<u8>(s, 2), 2);
      } else if (ch == 1) store<u8>(o, load<u8>(s));
      else memory.copy(o, s, <usize>ch);
    }
    return;
  }
  const nw = ks * ks;
  for (; x < x1; x++) {
    const p = rowBuf + <usize>(x * 12);
    const s = src + <usize>(load<i32>(p, 4) * srcStride + load<i32>(p) * ch);
    const w = tab + (<usize>(load<i32>(p, 8) * nw) << 1);
    for (let c = 0; c < ch; c++) {
      let acc = 1 << 14;
      for (let a = 0; a < ks; a++) {
        const r = s + <usize>(a * srcStride + c);
        for (let b = 0; b < ks; b++) {
          acc += <i32>load<u8>(r + <usize>(b * ch)) * <i32>load<i16>(w + (<usize>(a * ks + b) << 1));
        }
      }
      acc >>= 15;
      store<u8>(d + <usize>(x * ch + c), <u8>(acc < 0 ? 0 : acc > 255 ? 255 : acc));
    }
  }
}

/** One pixel with at least one tap outside the source: taps mapped by the border mode. */
function borderPixel(
  src: usize, d: usize, sw: i32, sh: i32, srcStride: i32, ch: i32, ks: i32, tab: usize,
  ox: i32, oy: i32, ti: i32, border: i32, fillPtr: usize,
): void {
  if (ks == 1) {
    const rx = borderIndex(ox, sw, border), ry = borderIndex(oy, sh, border);
    if (rx < 0 || ry < 0) memory.copy(d, fillPtr, <usize>ch);
    else memory.copy(d, src + <usize>(ry * srcStride + rx * ch), <usize>ch);
    return;
  }
  const w = tab + (<usize>(ti * ks * ks) << 1);
  for (let c = 0; c < ch; c++) {
    const fill = <i32>load<u8>(fillPtr + <usize>c);
    let acc = 1 << 14;
    for (let a = 0; a < ks; a++) {
      const ry = borderIndex(oy + a, sh, border);
      for (let b = 0; b < ks; b++) {
        const rx = borderIndex(ox + b, sw, border);
        const v = rx < 0 || ry < 0 ? fill : <i32>load<u8>(src + <usize>(ry * srcStride + rx * ch + c));
        acc += v * <i32>load<i16>(w + (<usize>(a * ks + b) << 1));
      }
    }
    acc >>= 15;
    store<u8>(d + <usize>c, <u8>(acc < 0 ? 0 : acc > 255 ? 255 : acc));
  }
}

// ---------------------------------------------------------------------------------------------
// float32 perspective warp, exact math
// ---------------------------------------------------------------------------------------------

// @ts-ignore: decorator
@inline
function keys(t: f64, A: f64): f64 {
  t = abs(t);
  if (t <= 1) return ((A + 2) * t - (A + 3)) * t * t + 1;
  if (t < 2) return ((A * t - 5 * A) * t + 8 * A) * t - 4 * A;
  return 0;
}

/** Reads src(rx, ry, c) with border mapping; NaN-free fill for constant. */
// @ts-ignore: decorator
@inline
function tapF32(src: usize, sw: i32, sh: i32, srcStride: i32, ch: i32, x: i32, y: i32, c: i32, border: i32, fillPtr: usize): f64 {
  const rx = borderIndex(x, sw, border), ry = borderIndex(y, sh, border);
  if (rx < 0 || ry < 0) return <f64>load<f32>(fillPtr + (<usize>c << 2));
  return <f64>load<f32>(src + <usize>(ry * srcStride) + (<usize>(rx * ch + c) << 2));
}

/**
 * Samples a float32 image at source position (sx, sy) for every channel into dst (f32 x ch):
 * nearest = floor(s + 0.5), bilinear, or Keys bicubic with parameter A, in double arithmetic.
 */
function sampleF32(
  src: usize, sw: i32, sh: i32, srcStride: i32, ch: i32, sx: f64, sy: f64,
  interp: i32, border: i32, fillPtr: usize, A: f64, dst: usize,
): void {
  if (sx != sx) sx = -1e9;
  if (sy != sy) sy = -1e9;
  if (interp == NEAREST) {
    const ix = <i32>max<f64>(-1073741824.0, min<f64>(1073741824.0, Math.floor(sx + 0.5)));
    const iy = <i32>max<f64>(-1073741824.0, min<f64>(1073741824.0, Math.floor(sy + 0.5)));
    for (let c = 0; c < ch; c++) store<f32>(dst + (<usize>c << 2), <f32>tapF32(src, sw, sh, srcStride, ch, ix, iy, c, border, fillPtr));
    return;
  }
  const fx0 = Math.floor(sx), fy0 = Math.floor(sy);
  const x0 = <i32>max<f64>(-1073741824.0, min<f64>(1073741824.0, fx0));
  const y0 = <i32>max<f64>(-1073741824.0, min<f64>(1073741824.0, fy0));
  const fx = sx - fx0, fy = sy - fy0;
  if (interp == BILINEAR) {
    for (let c = 0; c < ch; c++) {
      const a = tapF32(src, sw, sh, srcStride, ch, x0, y0, c, border, fillPtr) * (1 - fx) + tapF32(src, sw, sh, srcStride, ch, x0 + 1, y0, c, border, fillPtr) * fx;
      const b = tapF32(src, sw, sh, srcStride, ch, x0, y0 + 1, c, border, fillPtr) * (1 - fx) + tapF32(src, sw, sh, srcStride, ch, x0 + 1, y0 + 1, c, border, fillPtr) * fx;
      store<f32>(dst + (<usize>c << 2), <f32>(a * (1 - fy) + b * fy));
    }
    return;
  }
  const wx0 = keys(fx + 1, A), wx1 = keys(fx, A), wx2 = keys(fx - 1, A), wx3 = keys(fx - 2, A);
  const wy0 = keys(fy + 1, A), wy1 = keys(fy, A), wy2 = keys(fy - 1, A), wy3 = keys(fy - 2, A);
  for (let c = 0; c < ch; c++) {
    let acc: f64 = 0;
    for (let a = 0; a < 4; a++) {
      const yy = y0 - 1 + a;
      const row = tapF32(src, sw, sh, srcStride, ch, x0 - 1, yy, c, border, fillPtr) * wx0
        + tapF32(src, sw, sh, srcStride, ch, x0, yy, c, border, fillPtr) * wx1
        + tapF32(src, sw, sh, srcStride, ch, x0 + 1, yy, c, border, fillPtr) * wx2
        + tapF32(src, sw, sh, srcStride, ch, x0 + 2, yy, c, border, fillPtr) * wx3;
      acc += row * (a == 0 ? wy0 : a == 1 ? wy1 : a == 2 ? wy2 : wy3);
    }
    store<f32>(dst + (<usize>c << 2), <f32>acc);
  }
}

/**
 * Perspective warp of a float32 image in exact (double) arithmetic: dst(x, y) = src sampled at
 * ((m0 x + m1 y + m2) / W, (m3 x + m4 y + m5) / W), W = m6 x + m7 y + m8 (W = 0 samples at 0);
 * nearest = floor(s + 0.5), bilinear, bicubic (Keys A). Taps outside follow the border mode;
 * `constant` taps read the ch floats at fillPtr. Matches skimage.transform.warp (order 0, 1;
 * order 3 only for its Keys variant) up to float32 rounding.
 * aa > 0: pixels where the map shrinks by more than aa use filteredPixel (see warpPerspectiveU8).
 * Caller guarantees: sizes >= 1, no overlap, fillPtr readable for 4 * ch bytes.
 */
export function warpPerspectiveF32(
  src: usize, dst: usize, sw: i32, sh: i32, ch: i32, srcStride: i32,
  dw: i32, dh: i32, dstStride: i32,
  m0: f64, m1: f64, m2: f64, m3: f64, m4: f64, m5: f64, m6: f64, m7: f64, m8: f64,
  interp: i32, border: i32, fillPtr: usize, A: f64, aa: f64,
): void {
  const filter = aa > 0 && interp != NEAREST;
  for (let y = 0; y < dh; y++) {
    const d = dst + <usize>(y * dstStride);
    for (let x = 0; x < dw; x++) {
      if (filter && shrinkAt(x, y, m0, m1, m2, m3, m4, m5, m6, m7, m8) > aa) {
        filteredPixel(src, 0, d + (<usize>(x * ch) << 2), sw, sh, srcStride, ch, x, y, m0, m1, m2, m3, m4, m5, m6, m7, m8, border, fillPtr);
        continue;
      }
      const W = m6 * <f64>x + m7 * <f64>y + m8;
      const iw: f64 = W != 0 ? 1.0 / W : 0;
      const sx = (m0 * <f64>x + m1 * <f64>y + m2) * iw;
      const sy = (m3 * <f64>x + m4 * <f64>y + m5) * iw;
      sampleF32(src, sw, sh, srcStride, ch, sx, sy, interp, border, fillPtr, A, d + (<usize>(x * ch) << 2));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Anti-aliased (filtered) warp: tent-weighted supersampling
// ---------------------------------------------------------------------------------------------
//
// Where a map shrinks the image by a factor n along an output axis, point sampling aliases.
// A filtered pixel averages bilinear samples of the source taken at output positions
// x + u_i, u_i = (i + 0.5) / S - 1 for i < 2S, S = ceil(n) (so neighbouring samples are at most
// one source pixel apart), weighted by the tent 1 - |u_i| that spans two output pixels, and the
// same along y; an axis with n <= 1 takes one sample (u = 0). Each sample goes through the full
// projective map. For an axis-aligned integer shrink this is exactly Pillow's antialiased
// bilinear filter (a triangle of half-width n source pixels): the samples land on source pixel
// centres with weights 1 - |d| / n.

// @ts-ignore: decorator
@inline const MAX_SS: i32 = 32;

/**
 * Whether the inverse map shrinks by more than sqrt(aa2) at a pixel whose homogeneous source
 * position is (u, v, w) with iw = 1 / w already known: d(src)/dx = (m0 - sx m6, m3 - sy m6) iw,
 * d(src)/dy = (m1 - sx m7, m4 - sy m7) iw, sx = u iw, sy = v iw. Squared lengths, no division.
 */
// @ts-ignore: decorator
@inline
function shrinks(u: f64, v: f64, iw: f64, m0: f64, m1: f64, m3: f64, m4: f64, m6: f64, m7: f64, aa2: f64): bool {
  const sx = u * iw, sy = v * iw;
  const ax = m0 - sx * m6, ay = m3 - sy * m6, bx = m1 - sx * m7, by = m4 - sy * m7;
  const i2 = iw * iw;
  return (ax * ax + ay * ay) * i2 > aa2 || (bx * bx + by * by) * i2 > aa2;
}

/** Largest shrink factor of the inverse map at output pixel (x, y): lengths of d(src)/dx, d(src)/dy. */
function shrinkAt(x: i32, y: i32, m0: f64, m1: f64, m2: f64, m3: f64, m4: f64, m5: f64, m6: f64, m7: f64, m8: f64): f64 {
  const fx = <f64>x, fy = <f64>y;
  const W = m6 * fx + m7 * fy + m8;
  if (W == 0) return 0;
  const iw = 1.0 / W;
  const sx = (m0 * fx + m1 * fy + m2) * iw, sy = (m3 * fx + m4 * fy + m5) * iw;
  const ax = (m0 - sx * m6) * iw, ay = (m3 - sy * m6) * iw; // d(src)/dx
  const bx = (m1 - sx * m7) * iw, by = (m4 - sy * m7) * iw; // d(src)/dy
  return max<f64>(Math.sqrt(ax * ax + ay * ay), Math.sqrt(bx * bx + by * by));
}

/** Source value at integer (x, y) through the border mode (fill for constant), u8 or f32 source. */
// @ts-ignore: decorator
@inline
function texel(src: usize, u8: i32, sw: i32, sh: i32, srcStride: i32, ch: i32, x: i32, y: i32, c: i32, border: i32, fillPtr: usize): f64 {
  const rx = borderIndex(x, sw, border), ry = borderIndex(y, sh, border);
  if (u8) {
    if (rx < 0 || ry < 0) return <f64>load<u8>(fillPtr + <usize>c);
    return <f64>load<u8>(src + <usize>(ry * srcStride + rx * ch + c));
  }
  if (rx < 0 || ry < 0) return <f64>load<f32>(fillPtr + (<usize>c << 2));
  return <f64>load<f32>(src + <usize>(ry * srcStride) + (<usize>(rx * ch + c) << 2));
}

const ACC: usize = memory.data(8 * 1024, 16); // f64 accumulators, one per channel (ch <= 1024)

/**
 * One anti-aliased output pixel (x, y) of the inverse projective map (see above), written to d as
 * u8 (rounded half up, saturated) or f32. Border modes as the other warps.
 */
function filteredPixel(
  src: usize, u8: i32, d: usize, sw: i32, sh: i32, srcStride: i32, ch: i32, x: i32, y: i32,
  m0: f64, m1: f64, m2: f64, m3: f64, m4: f64, m5: f64, m6: f64, m7: f64, m8: f64,
  border: i32, fillPtr: usize,
): void {
  const fx = <f64>x, fy = <f64>y;
  const W = m6 * fx + m7 * fy + m8;
  const iw = W != 0 ? 1.0 / W : 0;
  const sx0 = (m0 * fx + m1 * fy + m2) * iw, sy0 = (m3 * fx + m4 * fy + m5) * iw;
  const nx = Math.sqrt(((m0 - sx0 * m6) * iw) ** 2 + ((m3 - sy0 * m6) * iw) ** 2);
  const ny = Math.sqrt(((m1 - sx0 * m7) * iw) ** 2 + ((m4 - sy0 * m7) * iw) ** 2);
  const Sx = nx <= 1 ? 0 : min(MAX_SS, <i32>Math.ceil(nx - 1e-9));
  const Sy = ny <= 1 ? 0 : min(MAX_SS, <i32>Math.ceil(ny - 1e-9));
  const cntX = Sx == 0 ? 1 : 2 * Sx, cntY = Sy == 0 ? 1 : 2 * Sy;
  for (let c = 0; c < ch; c++) store<f64>(ACC + (<usize>c << 3), 0);
  let wsum: f64 = 0;
  for (let j = 0; j < cntY; j++) {
    const v = Sy == 0 ? 0.0 : (<f64>j + 0.5) / <f64>Sy - 1.0;
    const wy = 1.0 - abs(v);
    for (let i = 0; i < cntX; i++) {
      const u = Sx == 0 ? 0.0 : (<f64>i + 0.5) / <f64>Sx - 1.0;
      const w = wy * (1.0 - abs(u));
      const px = fx + u, py = fy + v;
      const Wp = m6 * px + m7 * py + m8;
      const ip = Wp != 0 ? 1.0 / Wp : 0;
      let qx = (m0 * px + m1 * py + m2) * ip, qy = (m3 * px + m4 * py + m5) * ip;
      if (!(qx > -1e9 && qx < 1e9)) qx = -1e9; // NaN and far positions: any outside point
      if (!(qy > -1e9 && qy < 1e9)) qy = -1e9;
      const gx = Math.floor(qx), gy = Math.floor(qy);
      const ax = qx - gx, ay = qy - gy;
      const ix = <i32>gx, iy = <i32>gy;
      for (let c = 0; c < ch; c++) {
        const t = texel(src, u8, sw, sh, srcStride, ch, ix, iy, c, border, fillPtr) * (1 - ax) + texel(src, u8, sw, sh, srcStride, ch, ix + 1, iy, c, border, fillPtr) * ax;
        const b = texel(src, u8, sw, sh, srcStride, ch, ix, iy + 1, c, border, fillPtr) * (1 - ax) + texel(src, u8, sw, sh, srcStride, ch, ix + 1, iy + 1, c, border, fillPtr) * ax;
        const a = ACC + (<usize>c << 3);
        store<f64>(a, load<f64>(a) + w * (t * (1 - ay) + b * ay));
      }
      wsum += w;
    }
  }
  const inv = 1.0 / wsum;
  for (let c = 0; c < ch; c++) {
    const v = load<f64>(ACC + (<usize>c << 3)) * inv;
    if (u8) store<u8>(d + <usize>c, <u8>max<f64>(0, min<f64>(255, Math.floor(v + 0.5))));
    else store<f32>(d + (<usize>c << 2), <f32>v);
  }
}
