// Affine warps: dst(x, y) = src sampled at (m00 x + m01 y + m02, m10 x + m11 y + m12), the
// INVERSE map (dst -> src), with nearest, bilinear or bicubic interpolation and any border mode.
//
// Two kernels share one structure:
//
//   warpAffineU8   OpenCV 4.6 `cv2.warpAffine` fixed point, bit for bit (spec: the numpy model
//                  `cv2_warp_affine_emulate` in shared/oracle/refimpl.py):
//                    - per row X0 = rint((m01 y + m02) * 1024) + round_delta, per column
//                      adelta[x] = rint(m00 x * 1024) (rint = round half to even, saturated to
//                      i32); X = X0 + adelta[x] is the source x in 22.10 fixed point; same for Y.
//                    - nearest: round_delta = 512, index = X >> 10 (= floor(x + 0.5) on the
//                      1/1024-quantised coordinate).
//                    - bilinear / bicubic: round_delta = 16, X >> 5 is the coordinate in 1/32 px:
//                      integer part X >> 10, sub-pixel index X & 31. Weights come from int16
//                      tables of 32 x 32 sub-pixel positions whose entries sum to 2^15 (built
//                      like OpenCV's initInterTab2D, see buildTable); out = (sum w*v + 2^14) >> 15,
//                      saturated to 0..255.
//                  Bit budget: |w| <= 2^15, v <= 255, 16 taps: |sum| < 2^15 * 255 * 2 < 2^24, far
//                  inside i32, and each i16 x i16 pair product of i32x4.dot_i16x8_s is exact.
//   warpAffineF32  exact math on float32 samples (spec: `warp_affine_ref` in refimpl.py, which
//                  scikit-image matches): f64 coordinates, taps floor(c) (+ -1..2 for bicubic),
//                  fractional weights in f32, Keys kernel with parameter a; nearest takes
//                  floor(c + 0.5). Within 1e-4 of scikit-image on 0..1 data.
//
// Row structure (no per-pixel border branch in the interior): the source coordinates are
// monotone in x along an output row (rint, floor, saturation, clamping and the f64 sums are all
// monotone), so the output pixels whose every tap lies inside the image form one interval
// [ia, ib), and (CONSTANT border) those whose footprint meets the image another, [fa, fb). Each
// row is split into
//
//   [0, fa) fill | [fa, ia) border gather | [ia, ib) interior | [ib, fb) border gather | [fb, w) fill
//
// The interval ends are found by binary search on the monotone coordinates (see spanU8; the
// same ends a scan in from both ends finds, in O(log w), without visiting long fill spans). The
// interior loop has no border logic at all. The border gather copies the ks x ks taps into a
// small patch (borderIndex per tap, the fill pixel for CONSTANT outside) and runs the patch
// through the same combine routine as the interior, so both share every line of arithmetic. With
// CONSTANT, a pixel whose whole footprint is outside is the fill pixel (OpenCV does the same; for
// uint8 it is also what the weights give, since they sum to exactly 2^15).
//
// SIMD (ASC_FEATURE_SIMD): uint8 bilinear / bicubic for 2, 3 and 4 channels pair horizontal
// taps in i16 lanes and multiply-add them with i32x4.dot_i16x8_s (lane diagrams at
// linearAccU8 / cubicAccU8); the interior first computes the tap and weight addresses of four
// pixels at a time in i32x4 lanes. float32 uses f32x4 across channels. Integer results are
// identical in both builds; float results too, since every lane does the same operations in the
// same order as the scalar code.
//
// Not done (measured, no gain at 1024^2): tiling the output like OpenCV's blocks. float32 RGBA
// images with power-of-two widths are slowed by cache-set aliasing of the source rows.

import { borderIndex, BORDER_CONSTANT, BORDER_EDGE, BORDER_REFLECT, BORDER_SYMMETRIC, BORDER_WRAP } from './border';

export const INTER_NEAREST: i32 = 0;
export const INTER_LINEAR: i32 = 1;
export const INTER_CUBIC: i32 = 2;

// OpenCV's fixed-point constants (imgproc/imgwarp.cpp)
const INTER_BITS: i32 = 5; // sub-pixel positions in 1/32
const INTER_TAB_SIZE: i32 = 1 << INTER_BITS;
const INTER_MASK: i32 = INTER_TAB_SIZE - 1;
const AB_BITS: i32 = 10; // coordinates first become 22.10 fixed point
const AB_SCALE: f64 = 1024.0;
const COEF_BITS: i32 = 15; // weights are int16 / 2^15
const COEF_SCALE: i32 = 1 << COEF_BITS;
const COEF_ROUND: i32 = 1 << (COEF_BITS - 1);

// Coordinates of the float kernel are clamped to +-2^30 before they become i32 (monotone, so the
// interval structure holds; pixels that far out are border pixels anyway).
const COORD_LIMIT: f64 = 1073741824.0;

// ---------------------------------------------------------------------------------------------
// int16 weight tables (uint8 kernel)
// ---------------------------------------------------------------------------------------------

// 32 x 32 entries of 2x2 (bilinear) or 4x4 (bicubic) int16 weights, entry (fy, fx) at
// ((fy << 5) | fx) * ks * ks * 2 bytes, row-major taps [a][b] (a = y tap, b = x tap).
const LINEAR_TAB: usize = memory.data(INTER_TAB_SIZE * INTER_TAB_SIZE * 4 * 2, 16);
const CUBIC_TAB: usize = memory.data(INTER_TAB_SIZE * INTER_TAB_SIZE * 16 * 2, 16);
const TAB1: usize = memory.data(INTER_TAB_SIZE * 4 * 4, 16); // 1-D f32 weights, scratch
let linearReady = false;
let cubicReady = false;
let cubicTabA: f32 = 0;

/**
 * Fills `tab` like OpenCV's initInterTab1D + initInterTab2D (refimpl `_cv_inter_tab`), in f32
 * with the same operation order:
 *   1-D: x = i * (1/32); bilinear [1-x, x]; bicubic Keys with parameter A:
 *        c0 = ((A(x+1) - 5A)(x+1) + 8A)(x+1) - 4A, c1 = ((A+2)x - (A+3))x^2 + 1,
 *        c2 = ((A+2)(1-x) - (A+3))(1-x)^2 + 1,     c3 = 1 - c0 - c1 - c2
 *   2-D: w[a][b] = cvRound(f32(t1[fy][a] * t1[fx][b]) * 32768) (round half to even), saturated
 *        to int16; if the sum is not 2^15 the difference goes to the smallest (sum too big) or
 *        largest (too small) of the taps [k..k+1]^2, k = ks/2, scanned like OpenCV.
 * The int16 saturation only bites at sub-pixel (0, 0), where the single weight 1.0 gives 32768:
 * it becomes 32767 and the fix adds 1 to tap (k, k) (OpenCV's own table; refimpl keeps 32768).
 * Both give the same output for every uint8 input: (32767a + b + 2^14) >> 15 = a for |b-a| <= 255.
 */
function buildTable(tab: usize, ks: i32, A: f32): void {
  for (let i = 0; i < INTER_TAB_SIZE; i++) {
    const x: f32 = <f32>i * (<f32>1.0 / <f32>INTER_TAB_SIZE);
    const t = TAB1 + <usize>(i * ks * 4);
    if (ks == 2) {
      store<f32>(t, <f32>1.0 - x);
      store<f32>(t, x, 4);
    } else {
      const x1: f32 = x + <f32>1.0;
      const c0: f32 = ((A * x1 - <f32>5.0 * A) * x1 + <f32>8.0 * A) * x1 - <f32>4.0 * A;
      const c1: f32 = ((A + <f32>2.0) * x - (A + <f32>3.0)) * x * x + <f32>1.0;
      const y: f32 = <f32>1.0 - x;
      const c2: f32 = ((A + <f32>2.0) * y - (A + <f32>3.0)) * y * y + <f32>1.0;
      const c3: f32 = <f32>1.0 - c0 - c1 - c2;
      store<f32>(t, c0);
      store<f32>(t, c1, 4);
      store<f32>(t, c2, 8);
      store<f32>(t, c3, 12);
    }
  }
  const n = ks * ks;
  const k2 = ks >> 1;
  for (let i = 0; i < INTER_TAB_SIZE; i++) {
    for (let j = 0; j < INTER_TAB_SIZE; j++) {
      const e = tab + <usize>(((i << INTER_BITS) | j) * n * 2);
      let isum = 0;
      for (let a = 0; a < ks; a++) {
        const vy = load<f32>(TAB1 + <usize>((i * ks + a) * 4));
        for (let b = 0; b < ks; b++) {
          const v: f32 = vy * load<f32>(TAB1 + <usize>((j * ks + b) * 4));
          let r = <i32>f32.nearest(v * <f32>COEF_SCALE);
          r = min(max(r, -32768), 32767);
          store<i16>(e + <usize>((a * ks + b) * 2), <i16>r);
          isum += r;
        }
      }
      if (isum != COEF_SCALE) {
        const diff = isum - COEF_SCALE;
        let mk = k2 * ks + k2;
        let Mk = mk;
        // OpenCV scans [k2, k2+2)^2; for ks = 2 the out-of-range cells it reads are zero
        // entries that never win a strict comparison, so scanning the in-range ones is the same.
        for (let a = k2; a < min(k2 + 2, ks); a++) {
          for (let b = k2; b < min(k2 + 2, ks); b++) {
            const v = <i32>load<i16>(e + <usize>((a * ks + b) * 2));
            if (v < <i32>load<i16>(e + <usize>(mk * 2))) mk = a * ks + b;
            else if (v > <i32>load<i16>(e + <usize>(Mk * 2))) Mk = a * ks + b;
          }
        }
        const at = diff < 0 ? Mk : mk;
        const p = e + <usize>(at * 2);
        store<i16>(p, <i16>(<i32>load<i16>(p) - diff));
      }
    }
  }
}

/** The bilinear table (built on first use). */
function linearTable(): usize {
  if (!linearReady) {
    buildTable(LINEAR_TAB, 2, 0);
    linearReady = true;
  }
  return LINEAR_TAB;
}

/** The bicubic table for parameter A (the table of the last A is cached). */
function cubicTable(A: f32): usize {
  if (!cubicReady || cubicTabA != A) {
    buildTable(CUBIC_TAB, 4, A);
    cubicTabA = A;
    cubicReady = true;
  }
  return CUBIC_TAB;
}

/** cvRound saturated to i32: round half to even; NaN gives i32 min (like cvRound's SSE2 result). */
// @ts-ignore: decorator
@inline
function roundSat(v: f64): i32 {
  const r = f64.nearest(v);
  if (r >= 2147483647.0) return i32.MAX_VALUE;
  if (r >= -2147483648.0) return <i32>r;
  return i32.MIN_VALUE; // below the range, or NaN
}

// ---------------------------------------------------------------------------------------------
// uint8 combine: one output pixel from a ks x ks block of taps at p (row stride `stride`)
// ---------------------------------------------------------------------------------------------

// @ts-ignore: decorator
@inline
function sat8(acc: i32): u8 {
  return <u8>min(max((acc + COEF_ROUND) >> COEF_BITS, 0), 255);
}

// SIMD accumulators: the i32x4 sum over all taps of w * v, plus the rounding constant 2^14;
// lanes = channels (CH 4: c0 c1 c2 c3; CH 3: c0 c1 c2, lane 3 junk-free 2^14; CH 2: c0 c1 in
// lanes 0, 1). Bit budget: see the top of the file.

/** Bilinear, 2x2 taps at p (top-left), wt = table entry (w00 w01 w10 w11 as int16). SIMD only. */
// @ts-ignore: decorator
@inline
function linearAccU8(p: usize, stride: i32, wt: usize, CH: i32): v128 {
  const round = i32x4.splat(COEF_ROUND);
  if (CH == 4) {
    // vt  (bytes) r0 g0 b0 a0 r1 g1 b1 a1 0 ..   vb  R0 G0 B0 A0 R1 G1 B1 A1 0 ..
    //     lower case: top row, upper case: bottom row; 0 / 1: left / right tap
    const m = i8x16(0, -1, 4, -1, 1, -1, 5, -1, 2, -1, 6, -1, 3, -1, 7, -1);
    // top (i16)   r0 r1 g0 g1 b0 b1 a0 a1      bot (i16)   R0 R1 G0 G1 B0 B1 A0 A1
    const top = i8x16.swizzle(v128.load64_zero(p), m);
    const bot = i8x16.swizzle(v128.load64_zero(p + <usize>stride), m);
    // wTop (i16)  w00 w01 w00 w01 w00 w01 w00 w01    wBot  w10 w11 ...
    const wTop = v128.load32_splat(wt);
    const wBot = v128.load32_splat(wt, 4);
    // (i32)  r g b a
    return i32x4.add(i32x4.add(i32x4.dot_i16x8_s(top, wTop), i32x4.dot_i16x8_s(bot, wBot)), round);
  } else if (CH == 3) {
    // vt  (bytes) r0 g0 b0 r1 g1 b1 .. .. 0 ..  vb  R0 G0 B0 R1 G1 B1 .. .. 0 ..  (.. = next pixel, ignored)
    const m = i8x16(0, -1, 3, -1, 1, -1, 4, -1, 2, -1, 5, -1, -1, -1, -1, -1);
    // top (i16)   r0 r1 g0 g1 b0 b1 0 0        bot (i16)   R0 R1 G0 G1 B0 B1 0 0
    const top = i8x16.swizzle(v128.load64_zero(p), m);
    const bot = i8x16.swizzle(v128.load64_zero(p + <usize>stride), m);
    const wTop = v128.load32_splat(wt);
    const wBot = v128.load32_splat(wt, 4);
    // (i32)  r g b 0
    return i32x4.add(i32x4.add(i32x4.dot_i16x8_s(top, wTop), i32x4.dot_i16x8_s(bot, wBot)), round);
  } else {
    // v   (bytes) g0 a0 g1 a1 | G0 A0 G1 A1 | 0 ...
    const v = v128.load32_lane(p + <usize>stride, v128.load32_zero(p), 1);
    // t   (i16)   g0 g1 a0 a1 G0 G1 A0 A1
    const t = i8x16.swizzle(v, i8x16(0, -1, 2, -1, 1, -1, 3, -1, 4, -1, 6, -1, 5, -1, 7, -1));
    // w   (i16)   w00 w01 w00 w01 w10 w11 w10 w11
    const w4 = v128.load64_zero(wt);
    const w = v128.shuffle<i32>(w4, w4, 0, 0, 1, 1);
    // s   (i32)   g_top a_top g_bot a_bot;  s + s[2 3 2 3] = g a g a
    const s = i32x4.dot_i16x8_s(t, w);
    return i32x4.add(i32x4.add(s, v128.shuffle<i32>(s, s, 2, 3, 2, 3)), round);
  }
}

/** Bicubic, 4x4 taps at p (top-left = (x0-1, y0-1)), wt = 16 int16 weights, rows of 4. SIMD only. */
// @ts-ignore: decorator
@inline
function cubicAccU8(p: usize, stride: i32, wt: usize, CH: i32): v128 {
  let acc = i32x4.splat(0);
  for (let a = 0; a < 4; a++) {
    const row = p + <usize>(a * stride);
    const wa = wt + <usize>(a * 8);
    if (CH == 4) {
      // v   (bytes) r0 g0 b0 a0 r1 g1 b1 a1 r2 g2 b2 a2 r3 g3 b3 a3
      const v = v128.load(row);
      // t01 (i16)   r0 r1 g0 g1 b0 b1 a0 a1     t23 (i16)   r2 r3 g2 g3 b2 b3 a2 a3
      const t01 = i8x16.swizzle(v, i8x16(0, -1, 4, -1, 1, -1, 5, -1, 2, -1, 6, -1, 3, -1, 7, -1));
      const t23 = i8x16.swizzle(v, i8x16(8, -1, 12, -1, 9, -1, 13, -1, 10, -1, 14, -1, 11, -1, 15, -1));
      // (i16) wa0 wa1 x4, wa2 wa3 x4
      acc = i32x4.add(acc, i32x4.dot_i16x8_s(t01, v128.load32_splat(wa)));
      acc = i32x4.add(acc, i32x4.dot_i16x8_s(t23, v128.load32_splat(wa, 4)));
    } else if (CH == 3) {
      // v   (bytes) r0 g0 b0 r1 g1 b1 r2 g2 b2 r3 g3 b3 .. .. .. ..
      const v = v128.load(row);
      // t01 (i16)   r0 r1 g0 g1 b0 b1 0 0       t23 (i16)   r2 r3 g2 g3 b2 b3 0 0
      const t01 = i8x16.swizzle(v, i8x16(0, -1, 3, -1, 1, -1, 4, -1, 2, -1, 5, -1, -1, -1, -1, -1));
      const t23 = i8x16.swizzle(v, i8x16(6, -1, 9, -1, 7, -1, 10, -1, 8, -1, 11, -1, -1, -1, -1, -1));
      acc = i32x4.add(acc, i32x4.dot_i16x8_s(t01, v128.load32_splat(wa)));
      acc = i32x4.add(acc, i32x4.dot_i16x8_s(t23, v128.load32_splat(wa, 4)));
    } else {
      // v   (bytes) g0 a0 g1 a1 g2 a2 g3 a3
      const v = v128.load64_zero(row);
      // t   (i16)   g0 g1 a0 a1 g2 g3 a2 a3
      const t = i8x16.swizzle(v, i8x16(0, -1, 2, -1, 1, -1, 3, -1, 4, -1, 6, -1, 5, -1, 7, -1));
      // w   (i16)   wa0 wa1 wa0 wa1 wa2 wa3 wa2 wa3
      const w4 = v128.load64_zero(wa);
      // acc (i32)   g01 a01 g23 a23 (summed over rows; folded below)
      acc = i32x4.add(acc, i32x4.dot_i16x8_s(t, v128.shuffle<i32>(w4, w4, 0, 0, 1, 1)));
    }
  }
  if (CH == 2) acc = i32x4.add(acc, v128.shuffle<i32>(acc, acc, 2, 3, 2, 3)); // g a g a
  return i32x4.add(acc, i32x4.splat(COEF_ROUND));
}

/** Shifts an accumulator by 15, saturates to 0..255 and stores CH bytes at d. */
// @ts-ignore: decorator
@inline
function storeAccU8(acc: v128, d: usize, CH: i32): void {
  const s = i32x4.shr_s(acc, COEF_BITS);
  const n16 = i16x8.narrow_i32x4_s(s, s); // saturating i32 -> i16
  const n8 = i8x16.narrow_i16x8_u(n16, n16); // saturating i16 -> 0..255
  if (CH == 4) {
    v128.store32_lane(d, n8, 0);
  } else if (CH == 3) {
    v128.store16_lane(d, n8, 0);
    v128.store8_lane(d, n8, 2, 2);
  } else {
    v128.store16_lane(d, n8, 0);
  }
}

/**
 * One interpolated uint8 pixel from KS x KS taps at p (top-left tap, row stride `stride`), int16
 * weights at wt (table entry), written to d. KS (2 or 4) and CH (channels, 0 = runtime ch) are
 * compile-time constants at every call site.
 */
// @ts-ignore: decorator
@inline
function pixelU8(KS: i32, CH: i32, ch: i32, p: usize, stride: i32, wt: usize, d: usize): void {
  if (ASC_FEATURE_SIMD && (CH == 4 || CH == 3 || CH == 2)) {
    storeAccU8(KS == 2 ? linearAccU8(p, stride, wt, CH) : cubicAccU8(p, stride, wt, CH), d, CH);
  } else if (KS == 2) {
    const c = CH != 0 ? CH : ch;
    const w00 = <i32>load<i16>(wt), w01 = <i32>load<i16>(wt, 2);
    const w10 = <i32>load<i16>(wt, 4), w11 = <i32>load<i16>(wt, 6);
    const q = p + <usize>stride;
    for (let k = 0; k < c; k++) {
      const pk = p + <usize>k, qk = q + <usize>k;
      const acc = w00 * <i32>load<u8>(pk) + w01 * <i32>load<u8>(pk + <usize>c)
        + w10 * <i32>load<u8>(qk) + w11 * <i32>load<u8>(qk + <usize>c);
      store<u8>(d + <usize>k, sat8(acc));
    }
  } else {
    const c = CH != 0 ? CH : ch;
    for (let k = 0; k < c; k++) {
      let acc = 0;
      for (let a = 0; a < 4; a++) {
        const r = p + <usize>(a * stride + k);
        const wa = wt + <usize>(a * 8);
        acc += <i32>load<i16>(wa) * <i32>load<u8>(r)
          + <i32>load<i16>(wa, 2) * <i32>load<u8>(r + <usize>c)
          + <i32>load<i16>(wa, 4) * <i32>load<u8>(r + <usize>(2 * c))
          + <i32>load<i16>(wa, 6) * <i32>load<u8>(r + <usize>(3 * c));
      }
      store<u8>(d + <usize>k, sat8(acc));
    }
  }
}

/**
 * Four SIMD accumulators (pixels x .. x+3) -> 16 or 12 bytes at d with one narrowing pass.
 * CH is 3 or 4.
 */
// @ts-ignore: decorator
@inline
function store4AccU8(a0: v128, a1: v128, a2: v128, a3: v128, d: usize, CH: i32): void {
  // (i16) p0c0 p0c1 p0c2 p0c3 p1c0 p1c1 p1c2 p1c3  and the same for p2, p3
  const n01 = i16x8.narrow_i32x4_s(i32x4.shr_s(a0, COEF_BITS), i32x4.shr_s(a1, COEF_BITS));
  const n23 = i16x8.narrow_i32x4_s(i32x4.shr_s(a2, COEF_BITS), i32x4.shr_s(a3, COEF_BITS));
  // (u8) p0 p0 p0 p0 p1 p1 p1 p1 p2 p2 p2 p2 p3 p3 p3 p3 (4 channels each)
  const n8 = i8x16.narrow_i16x8_u(n01, n23);
  if (CH == 4) {
    v128.store(d, n8);
  } else {
    // drop every 4th byte: r0 g0 b0 r1 g1 b1 r2 g2 b2 r3 g3 b3 (12 bytes)
    const t = i8x16.swizzle(n8, i8x16(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1));
    v128.store64_lane(d, t, 0);
    v128.store32_lane(d, t, 2, 8);
  }
}

/** Copies one pixel of ch bytes (CH compile-time constant, 0 = runtime ch). */
// @ts-ignore: decorator
@inline
function copyU8(d: usize, s: usize, CH: i32, ch: i32): void {
  if (CH == 1) store<u8>(d, load<u8>(s));
  else if (CH == 2) store<u16>(d, load<u16>(s));
  else if (CH == 3) {
    store<u16>(d, load<u16>(s));
    store<u8>(d, load<u8>(s, 2), 2);
  } else if (CH == 4) store<u32>(d, load<u32>(s));
  else copyPixelU8(d, s, ch);
}

/** Copies one pixel of ch bytes, dispatching on ch at run time (border path). */
function copyPixelU8(d: usize, s: usize, ch: i32): void {
  if (ch == 4) store<u32>(d, load<u32>(s));
  else if (ch == 3) {
    store<u16>(d, load<u16>(s));
    store<u8>(d, load<u8>(s, 2), 2);
  } else if (ch == 1) store<u8>(d, load<u8>(s));
  else if (ch == 2) store<u16>(d, load<u16>(s));
  else if (ch < 16) {
    for (let k = 0; k < ch; k++) store<u8>(d + <usize>k, load<u8>(s + <usize>k));
  } else memory.copy(d, s, <usize>ch);
}

// ---------------------------------------------------------------------------------------------
// uint8 rows
// ---------------------------------------------------------------------------------------------

/** v * n (lanes), a shift when n is a power of two (n is a constant at the call sites that matter). */
// @ts-ignore: decorator
@inline
function mulPixBytes(v: v128, nv: v128, n: i32): v128 {
  if (n == 4) return i32x4.shl(v, 2);
  if (n == 2) return i32x4.shl(v, 1);
  if (n == 1) return v;
  return i32x4.mul(v, nv);
}

/**
 * The interior loop [xa, xb) of one row: every tap is inside, no border logic.
 * KS (taps per axis) and CH (channels, 0 = runtime `ch`) are constants at each call site.
 */
// @ts-ignore: decorator
@inline
function interiorU8(
  KS: i32, CH: i32, ch: i32, src: usize, srcStride: i32, d: usize, adelta: usize, bdelta: usize,
  X0: i32, Y0: i32, xa: i32, xb: i32, tab: usize,
): void {
  // address scratch of the SIMD interior, dw entries each after adelta and bdelta (warpAffineU8)
  const pAddr = bdelta + (bdelta - adelta);
  const wAddr = pAddr + (bdelta - adelta);
  const pixBytes = CH != 0 ? CH : ch;
  const off = KS == 4 ? 1 : 0;
  // (X0 + adelta[x]) wraps in i32 to exactly the i64 sum of the caller: inside the image it is
  // below 2^26. q = coordinate in 1/32 px (KS > 1) or pixel index (nearest).
  const qShift = KS == 1 ? AB_BITS : AB_BITS - INTER_BITS;
  let x = xa;
  if (ASC_FEATURE_SIMD) {
    // Pass 1: for x in [xa, xEnd), four pixels at a time (lanes = pixels x .. x+3), the address
    // of the top-left tap and of the weight entry, stored to the scratch arrays. Reading them
    // back as scalars in pass 2 is cheaper than extract_lane inside the interpolation loop.
    const X0v = i32x4.splat(X0), Y0v = i32x4.splat(Y0);
    const offv = i32x4.splat(off), mask = i32x4.splat(INTER_MASK);
    const sv = i32x4.splat(srcStride), cv = i32x4.splat(pixBytes);
    const srcv = i32x4.splat(<i32>src), tabv = i32x4.splat(<i32>tab);
    const xEnd = xa + ((xb - xa) & ~3);
    for (let xx = xa; xx < xEnd; xx += 4) {
      const xq = i32x4.shr_s(i32x4.add(X0v, v128.load(adelta + <usize>(xx << 2))), qShift);
      const yq = i32x4.shr_s(i32x4.add(Y0v, v128.load(bdelta + <usize>(xx << 2))), qShift);
      if (KS == 1) {
        v128.store(pAddr + <usize>(xx << 2), i32x4.add(i32x4.add(i32x4.mul(yq, sv), mulPixBytes(xq, cv, pixBytes)), srcv));
        continue;
      }
      let xi = i32x4.shr_s(xq, INTER_BITS);
      let yi = i32x4.shr_s(yq, INTER_BITS);
      if (off != 0) {
        xi = i32x4.sub(xi, offv);
        yi = i32x4.sub(yi, offv);
      }
      const po = i32x4.add(i32x4.add(i32x4.mul(yi, sv), mulPixBytes(xi, cv, pixBytes)), srcv);
      const sub = v128.or(i32x4.shl(v128.and(yq, mask), INTER_BITS), v128.and(xq, mask));
      const wo = i32x4.add(i32x4.shl(sub, KS == 2 ? 3 : 5), tabv); // entry = KS*KS*2 bytes
      v128.store(pAddr + <usize>(xx << 2), po);
      v128.store(wAddr + <usize>(xx << 2), wo);
    }
    // Pass 2: interpolate four pixels per iteration (one narrowing store for 3 / 4 channels)
    for (; x < xEnd; x += 4) {
      const dx = d + <usize>(x * pixBytes);
      const pa = pAddr + <usize>(x << 2), wa = wAddr + <usize>(x << 2);
      if (KS == 1) {
        copyU8(dx, <usize>load<u32>(pa), CH, ch);
        copyU8(dx + <usize>pixBytes, <usize>load<u32>(pa, 4), CH, ch);
        copyU8(dx + <usize>(2 * pixBytes), <usize>load<u32>(pa, 8), CH, ch);
        copyU8(dx + <usize>(3 * pixBytes), <usize>load<u32>(pa, 12), CH, ch);
        continue;
      }
      const p0 = <usize>load<u32>(pa), w0 = <usize>load<u32>(wa);
      const p1 = <usize>load<u32>(pa, 4), w1 = <usize>load<u32>(wa, 4);
      const p2 = <usize>load<u32>(pa, 8), w2 = <usize>load<u32>(wa, 8);
      const p3 = <usize>load<u32>(pa, 12), w3 = <usize>load<u32>(wa, 12);
      if (CH == 4 || CH == 3) {
        if (KS == 2) {
          store4AccU8(linearAccU8(p0, srcStride, w0, CH), linearAccU8(p1, srcStride, w1, CH),
            linearAccU8(p2, srcStride, w2, CH), linearAccU8(p3, srcStride, w3, CH), dx, CH);
        } else {
          store4AccU8(cubicAccU8(p0, srcStride, w0, CH), cubicAccU8(p1, srcStride, w1, CH),
            cubicAccU8(p2, srcStride, w2, CH), cubicAccU8(p3, srcStride, w3, CH), dx, CH);
        }
      } else {
        pixelU8(KS, CH, ch, p0, srcStride, w0, dx);
        pixelU8(KS, CH, ch, p1, srcStride, w1, dx + <usize>pixBytes);
        pixelU8(KS, CH, ch, p2, srcStride, w2, dx + <usize>(2 * pixBytes));
        pixelU8(KS, CH, ch, p3, srcStride, w3, dx + <usize>(3 * pixBytes));
      }
    }
  }
  for (; x < xb; x++) {
    const xq = (X0 + load<i32>(adelta + <usize>(x << 2))) >> qShift;
    const yq = (Y0 + load<i32>(bdelta + <usize>(x << 2))) >> qShift;
    const dx = d + <usize>(x * pixBytes);
    if (KS == 1) {
      copyU8(dx, src + <usize>(yq * srcStride + xq * pixBytes), CH, ch);
    } else {
      const p = src + <usize>(((yq >> INTER_BITS) - off) * srcStride + ((xq >> INTER_BITS) - off) * pixBytes);
      const wt = tab + <usize>((((yq & INTER_MASK) << INTER_BITS) | (xq & INTER_MASK)) * (KS * KS * 2));
      pixelU8(KS, CH, ch, p, srcStride, wt, dx);
    }
  }
}

function interiorDispatchU8(
  ks: i32, ch: i32, src: usize, srcStride: i32, d: usize, adelta: usize, bdelta: usize,
  X0: i32, Y0: i32, xa: i32, xb: i32, tab: usize,
): void {
  if (ks == 2) {
    if (ch == 4) interiorU8(2, 4, 4, src, srcStride, d, adelta, bdelta, X0, Y0, xa, xb, tab);
    else if (ch == 3) interiorU8(2, 3, 3, src, srcStride, d, adelta, bdelta, X0, Y0, xa, xb, tab);
    else if (ch == 2) interiorU8(2, 2, 2, src, srcStride, d, adelta, bdelta, X0, Y0, xa, xb, tab);
    else if (ch == 1) interiorU8(2, 1, 1, src, srcStride, d, adelta, bdelta, X0, Y0, xa, xb, tab);
    else interiorU8(2, 0, ch, src, srcStride, d, adelta, bdelta, X0, Y0, xa, xb, tab);
  } else if (ks == 4) {
    if (ch == 4) interiorU8(4, 4, 4, src, srcStride, d, adelta, bdelta, X0, Y0, xa, xb, tab);
    else if (ch == 3) interiorU8(4, 3, 3, src, srcStride, d, adelta, bdelta, X0, Y0, xa, xb, tab);
    else if (ch == 2) interiorU8(4, 2, 2, src, srcStride, d, adelta, bdelta, X0, Y0, xa, xb, tab);
    else if (ch == 1) interiorU8(4, 1, 1, src, srcStride, d, adelta, bdelta, X0, Y0, xa, xb, tab);
    else interiorU8(4, 0, ch, src, srcStride, d, adelta, bdelta, X0, Y0, xa, xb, tab);
  } else {
    if (ch == 4) interiorU8(1, 4, 4, src, srcStride, d, adelta, bdelta, X0, Y0, xa, xb, tab);
    else if (ch == 3) interiorU8(1, 3, 3, src, srcStride, d, adelta, bdelta, X0, Y0, xa, xb, tab);
    else if (ch == 1) interiorU8(1, 1, 1, src, srcStride, d, adelta, bdelta, X0, Y0, xa, xb, tab);
    else interiorU8(1, 0, ch, src, srcStride, d, adelta, bdelta, X0, Y0, xa, xb, tab);
  }
}

// ---------------------------------------------------------------------------------------------
// row spans
// ---------------------------------------------------------------------------------------------
//
// Along an output row the source coordinate of every tap is monotone in x (non-decreasing or
// non-increasing), so {x : lo <= firstTap(x) <= hi} is an interval. We find its ends by binary
// search on the monotone coordinate (O(log w) per row; the same interval a scan in from both ends
// would find, without touching the pixels of long fill spans).

let spanA: i32 = 0;
let spanB: i32 = 0;

/** u8 kernel: coordinate q of column x (1/32 px, or the pixel index for nearest). */
// @ts-ignore: decorator
@inline
function qU8(C0: i64, delta: usize, x: i32, shift: i64): i32 {
  return <i32>((C0 + <i64>load<i32>(delta + <usize>(x << 2))) >> shift);
}

/** u8 kernel: first tap index of column x along one axis. */
// @ts-ignore: decorator
@inline
function tapU8(C0: i64, delta: usize, x: i32, shift: i64, ks: i32, off: i32): i32 {
  const q = qU8(C0, delta, x, shift);
  return (ks == 1 ? q : q >> INTER_BITS) - off;
}

/** First x in [0, n) with dir * tap(x) >= dir * v (n if none); dir * tap is non-decreasing. */
function firstU8(C0: i64, delta: usize, shift: i64, ks: i32, off: i32, n: i32, dir: i32, v: i32): i32 {
  let lo = 0, hi = n;
  const t = dir * v;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dir * tapU8(C0, delta, mid, shift, ks, off) >= t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Sets [spanA, spanB) to the columns of [0, n) whose first tap lies in [lo, hi]. */
function spanU8(C0: i64, delta: usize, shift: i64, ks: i32, off: i32, n: i32, lo: i32, hi: i32): void {
  if (hi < lo) {
    spanA = spanB = 0;
    return;
  }
  const dir = tapU8(C0, delta, 0, shift, ks, off) <= tapU8(C0, delta, n - 1, shift, ks, off) ? 1 : -1;
  const a = firstU8(C0, delta, shift, ks, off, n, dir, dir > 0 ? lo : hi);
  const b = firstU8(C0, delta, shift, ks, off, n, dir, dir > 0 ? hi + 1 : lo - 1);
  spanA = a;
  spanB = max(a, b);
}

/** Writes n copies of the ch-byte fill pixel (n <= 0: nothing). */
function fillSpanU8(d: usize, n: i32, fillPtr: usize, ch: i32): void {
  if (n <= 0) return;
  if (ch == 1) {
    memory.fill(d, load<u8>(fillPtr), <usize>n);
    return;
  }
  copyPixelU8(d, fillPtr, ch);
  // double the filled prefix: [0, done) -> [done, 2 done)
  const total = n * ch;
  let done = ch;
  while (done < total) {
    const m = min(done, total - done);
    memory.copy(d + <usize>done, d, <usize>m);
    done += m;
  }
}

// Border-mapped x indices of the taps of one border pixel (computed once, used for every tap row).
const TAP_X: usize = memory.data(16, 16);

/**
 * borderIndex (numpy.pad semantics, -1 = fill) with the inside case and the first period on
 * each side inlined without a division; farther indices go to borderIndex.
 */
// @ts-ignore: decorator
@inline
function bidx(i: i32, n: i32, border: i32): i32 {
  if (<u32>i < <u32>n) return i;
  if (border == BORDER_EDGE) return i < 0 ? 0 : n - 1;
  if (border == BORDER_REFLECT) { // dcb|abcd|cba
    if (n > 1 && i > -n && i < 2 * n - 1) return i < 0 ? -i : 2 * n - 2 - i;
  } else if (border == BORDER_SYMMETRIC) { // cba|abcd|dcb
    if (i >= -n && i < 2 * n) return i < 0 ? -1 - i : 2 * n - 1 - i;
  } else if (border == BORDER_WRAP) { // bcd|abcd|abc
    if (i >= -n && i < 2 * n) return i < 0 ? i + n : i - n;
  }
  return borderIndex(i, n, border);
}

/**
 * The border pixels [xa, xb) of one row: per pixel, the KS x KS taps are gathered through
 * borderIndex into `patch` (the fill pixel for CONSTANT taps outside) and combined exactly like
 * the interior; with CONSTANT a pixel whose footprint is entirely outside is the fill pixel.
 * KS and CH (0 = runtime ch) are constants at each call site.
 */
// @ts-ignore: decorator
@inline
function borderLoopU8(
  KS: i32, CH: i32, ch: i32, src: usize, sw: i32, sh: i32, srcStride: i32, d: usize,
  X0: i64, Y0: i64, adelta: usize, bdelta: usize, shift: i64, xa: i32, xb: i32,
  tab: usize, border: i32, fillPtr: usize, patch: usize,
): void {
  const pix = CH != 0 ? CH : ch;
  const off = KS == 4 ? 1 : 0;
  const pstride = KS * pix;
  for (let x = xa; x < xb; x++) {
    const xq = qU8(X0, adelta, x, shift), yq = qU8(Y0, bdelta, x, shift);
    const dx = d + <usize>(x * pix);
    const sx = KS == 1 ? xq : (xq >> INTER_BITS) - off;
    const sy = KS == 1 ? yq : (yq >> INTER_BITS) - off;
    if (border == BORDER_CONSTANT && (sx >= sw || sx + KS <= 0 || sy >= sh || sy + KS <= 0)) {
      copyU8(dx, fillPtr, CH, ch);
      continue;
    }
    if (KS == 1) {
      const rx = bidx(sx, sw, border), ry = bidx(sy, sh, border);
      copyU8(dx, rx < 0 || ry < 0 ? fillPtr : src + <usize>(ry * srcStride + rx * pix), CH, ch);
      continue;
    }
    const sub = ((yq & INTER_MASK) << INTER_BITS) | (xq & INTER_MASK);
    const wt = tab + <usize>(sub * (KS * KS * 2));
    if (ASC_FEATURE_SIMD && (CH == 4 || CH == 3)) {
      // gather the taps straight into registers, 4 bytes per tap (for 3 channels the 4th byte
      // is the next byte in memory; its lane is computed and never stored), then the same
      // pairing and dot products as the interior with the 4-channel masks. (Going through the
      // patch would cost a failed store-to-load forward per row.)
      const x0 = bidx(sx, sw, border), x1 = bidx(sx + 1, sw, border);
      const x2 = KS == 4 ? bidx(sx + 2, sw, border) : 0, x3 = KS == 4 ? bidx(sx + 3, sw, border) : 0;
      const mLo = i8x16(0, -1, 4, -1, 1, -1, 5, -1, 2, -1, 6, -1, 3, -1, 7, -1);
      const mHi = i8x16(8, -1, 12, -1, 9, -1, 13, -1, 10, -1, 14, -1, 11, -1, 15, -1);
      let acc = i32x4.splat(COEF_ROUND);
      for (let a = 0; a < KS; a++) {
        const ry = bidx(sy + a, sh, border);
        const row = src + <usize>(ry * srcStride);
        // v (bytes) t0 t0 t0 t0 t1 t1 t1 t1 [t2 x4 t3 x4]  (t = tap of this row, 4 bytes each)
        let v = v128.load32_zero(tapAddr(row, ry, x0, pix, fillPtr));
        v = v128.load32_lane(tapAddr(row, ry, x1, pix, fillPtr), v, 1);
        if (KS == 4) {
          v = v128.load32_lane(tapAddr(row, ry, x2, pix, fillPtr), v, 2);
          v = v128.load32_lane(tapAddr(row, ry, x3, pix, fillPtr), v, 3);
        }
        const wa = wt + <usize>(a * KS * 2);
        acc = i32x4.add(acc, i32x4.dot_i16x8_s(i8x16.swizzle(v, mLo), v128.load32_splat(wa)));
        if (KS == 4) acc = i32x4.add(acc, i32x4.dot_i16x8_s(i8x16.swizzle(v, mHi), v128.load32_splat(wa, 4)));
      }
      storeAccU8(acc, dx, CH);
      continue;
    }
    for (let b = 0; b < KS; b++) store<i32>(TAP_X + <usize>(b << 2), bidx(sx + b, sw, border));
    for (let a = 0; a < KS; a++) {
      const ry = bidx(sy + a, sh, border);
      const row = src + <usize>(ry * srcStride);
      const pa = patch + <usize>(a * pstride);
      for (let b = 0; b < KS; b++) {
        const rx = load<i32>(TAP_X + <usize>(b << 2));
        copyU8(pa + <usize>(b * pix), rx < 0 || ry < 0 ? fillPtr : row + <usize>(rx * pix), CH, ch);
      }
    }
    pixelU8(KS, CH, ch, patch, pstride, wt, dx);
  }
}

/** Address of the tap at column rx of the row at `row` (ry = its border-mapped index): the fill pixel when outside. */
// @ts-ignore: decorator
@inline
function tapAddr(row: usize, ry: i32, rx: i32, pix: i32, fillPtr: usize): usize {
  return rx < 0 || ry < 0 ? fillPtr : row + <usize>(rx * pix);
}

function borderSpanU8(
  ks: i32, ch: i32, src: usize, sw: i32, sh: i32, srcStride: i32, d: usize,
  X0: i64, Y0: i64, adelta: usize, bdelta: usize, shift: i64, xa: i32, xb: i32,
  tab: usize, border: i32, fillPtr: usize, patch: usize,
): void {
  if (xa >= xb) return;
  if (ks == 2) {
    if (ch == 4) borderLoopU8(2, 4, 4, src, sw, sh, srcStride, d, X0, Y0, adelta, bdelta, shift, xa, xb, tab, border, fillPtr, patch);
    else if (ch == 3) borderLoopU8(2, 3, 3, src, sw, sh, srcStride, d, X0, Y0, adelta, bdelta, shift, xa, xb, tab, border, fillPtr, patch);
    else if (ch == 1) borderLoopU8(2, 1, 1, src, sw, sh, srcStride, d, X0, Y0, adelta, bdelta, shift, xa, xb, tab, border, fillPtr, patch);
    else borderLoopU8(2, 0, ch, src, sw, sh, srcStride, d, X0, Y0, adelta, bdelta, shift, xa, xb, tab, border, fillPtr, patch);
  } else if (ks == 4) {
    if (ch == 4) borderLoopU8(4, 4, 4, src, sw, sh, srcStride, d, X0, Y0, adelta, bdelta, shift, xa, xb, tab, border, fillPtr, patch);
    else if (ch == 3) borderLoopU8(4, 3, 3, src, sw, sh, srcStride, d, X0, Y0, adelta, bdelta, shift, xa, xb, tab, border, fillPtr, patch);
    else if (ch == 1) borderLoopU8(4, 1, 1, src, sw, sh, srcStride, d, X0, Y0, adelta, bdelta, shift, xa, xb, tab, border, fillPtr, patch);
    else borderLoopU8(4, 0, ch, src, sw, sh, srcStride, d, X0, Y0, adelta, bdelta, shift, xa, xb, tab, border, fillPtr, patch);
  } else {
    if (ch == 4) borderLoopU8(1, 4, 4, src, sw, sh, srcStride, d, X0, Y0, adelta, bdelta, shift, xa, xb, tab, border, fillPtr, patch);
    else if (ch == 3) borderLoopU8(1, 3, 3, src, sw, sh, srcStride, d, X0, Y0, adelta, bdelta, shift, xa, xb, tab, border, fillPtr, patch);
    else if (ch == 1) borderLoopU8(1, 1, 1, src, sw, sh, srcStride, d, X0, Y0, adelta, bdelta, shift, xa, xb, tab, border, fillPtr, patch);
    else borderLoopU8(1, 0, ch, src, sw, sh, srcStride, d, X0, Y0, adelta, bdelta, shift, xa, xb, tab, border, fillPtr, patch);
  }
}

/**
 * Affine warp of a uint8 image, bit-exact with OpenCV 4.6 cv2.warpAffine (refimpl
 * `cv2_warp_affine_emulate`): dst(x, y) = src at (m00 x + m01 y + m02, m10 x + m11 y + m12).
 * The matrix is the INVERSE map dst -> src (what cv2.warpAffine uses after inverting, or directly
 * with WARP_INVERSE_MAP). interp: 0 nearest, 1 bilinear, 2 bicubic (Keys with parameter cubicA,
 * -0.75 = OpenCV's INTER_CUBIC). border: BORDER_* code of border.ts; CONSTANT taps outside the
 * image take the fill pixel (ch bytes at fillPtr).
 * Caller guarantees: sw, sh, ch, dw, dh >= 1; src holds sh rows of sw*ch bytes at srcStride
 * (>= sw*ch) followed by 16 readable bytes (SIMD loads read up to 4 bytes past a pixel); dst
 * holds dh rows of dw*ch bytes at dstStride and does not overlap src; the m.. are finite; fillPtr
 * is readable for max(ch, 4) bytes when border is CONSTANT (SIMD reads 4 bytes per tap); interp is
 * 0..2 and border 0..4. Memory from `alloc` (16 bytes of slack) satisfies the read-past rules.
 * Allocates about 16*dw bytes of scratch for the call (may grow memory: re-acquire JS views).
 */
export function warpAffineU8(
  src: usize, dst: usize, sw: i32, sh: i32, ch: i32, srcStride: i32,
  dw: i32, dh: i32, dstStride: i32,
  m00: f64, m01: f64, m02: f64, m10: f64, m11: f64, m12: f64,
  interp: i32, border: i32, fillPtr: usize, cubicA: f64,
): void {
  const ks = interp == INTER_NEAREST ? 1 : interp == INTER_LINEAR ? 2 : 4;
  const off = ks == 4 ? 1 : 0;
  const tab: usize = ks == 1 ? <usize>0 : ks == 2 ? linearTable() : cubicTable(<f32>cubicA);
  const shift: i64 = ks == 1 ? AB_BITS : AB_BITS - INTER_BITS;
  const roundDelta: i64 = ks == 1 ? (1 << (AB_BITS - 1)) : (1 << (AB_BITS - INTER_BITS - 1));
  // adelta, bdelta (dw i32 each), then two arrays of dw addresses for the SIMD interior
  const adelta = heap.alloc(<usize>dw * 16);
  const bdelta = adelta + <usize>dw * 4;
  const patch = heap.alloc(<usize>(ks * ks * ch + 16));
  for (let x = 0; x < dw; x++) {
    store<i32>(adelta + <usize>(x << 2), roundSat(m00 * <f64>x * AB_SCALE));
    store<i32>(bdelta + <usize>(x << 2), roundSat(m10 * <f64>x * AB_SCALE));
  }
  const constant = border == BORDER_CONSTANT;
  for (let y = 0; y < dh; y++) {
    const X0: i64 = <i64>roundSat((m01 * <f64>y + m02) * AB_SCALE) + roundDelta;
    const Y0: i64 = <i64>roundSat((m11 * <f64>y + m12) * AB_SCALE) + roundDelta;
    const d = dst + <usize>(y * dstStride);
    // interior [ia, ib): all taps inside, i.e. first tap in [0, sw - ks] x [0, sh - ks]
    spanU8(X0, adelta, shift, ks, off, dw, 0, sw - ks);
    let ia = spanA, ib = spanB;
    spanU8(Y0, bdelta, shift, ks, off, dw, 0, sh - ks);
    ia = max(ia, spanA);
    ib = min(ib, spanB);
    // [fa, fb): footprint meets the image (CONSTANT; other borders sample everywhere)
    let fa = 0, fb = dw;
    if (constant) {
      spanU8(X0, adelta, shift, ks, off, dw, 1 - ks, sw - 1);
      fa = spanA;
      fb = spanB;
      spanU8(Y0, bdelta, shift, ks, off, dw, 1 - ks, sh - 1);
      fa = max(fa, spanA);
      fb = max(fa, min(fb, spanB));
    }
    if (ib <= ia) ia = ib = fb; // no interior: [fa, fb) is all border
    fillSpanU8(d, fa, fillPtr, ch);
    borderSpanU8(ks, ch, src, sw, sh, srcStride, d, X0, Y0, adelta, bdelta, shift, fa, ia, tab, border, fillPtr, patch);
    if (ia < ib) interiorDispatchU8(ks, ch, src, srcStride, d, adelta, bdelta, <i32>X0, <i32>Y0, ia, ib, tab);
    borderSpanU8(ks, ch, src, sw, sh, srcStride, d, X0, Y0, adelta, bdelta, shift, ib, fb, tab, border, fillPtr, patch);
    fillSpanU8(d + <usize>(fb * ch), dw - fb, fillPtr, ch);
  }
  heap.free(patch);
  heap.free(adelta);
}

// ---------------------------------------------------------------------------------------------
// float32
// ---------------------------------------------------------------------------------------------

// Keys cubic convolution kernel (refimpl keys_cubic) with parameter a, split by distance so that
// the four weights of a fraction f in [0, 1) need no branch: distances 1+f and 2-f are in [1, 2]
// (outer piece), f and 1-f in [0, 1] (inner piece); both pieces agree at 1 (0) and the outer one
// is 0 at 2.

// @ts-ignore: decorator
@inline
function keysInner(t: f64, a: f64): f64 {
  return ((a + 2.0) * t - (a + 3.0)) * t * t + 1.0;
}

// @ts-ignore: decorator
@inline
function keysOuter(t: f64, a: f64): f64 {
  return ((a * t - 5.0 * a) * t + 8.0 * a) * t - 4.0 * a;
}

/** floor(v) as i32 after clamping to +-2^30 (NaN -> -2^30: treated as far outside). */
// @ts-ignore: decorator
@inline
function floorClamp(v: f64): i32 {
  return <i32>Math.floor(clampCoord(v));
}

/** v clamped to +-2^30, NaN -> -2^30 (monotone, keeps the span structure). */
// @ts-ignore: decorator
@inline
function clampCoord(v: f64): f64 {
  return v >= -COORD_LIMIT ? min(v, COORD_LIMIT) : -COORD_LIMIT;
}

/**
 * Bilinear on float samples: out = wy0 (wx0 v00 + wx1 v01) + wy1 (wx0 v10 + wx1 v11) per channel,
 * in f32, in this order in both builds. p = top-left tap, stride in bytes. CH: channels as a
 * compile-time constant (0 = runtime ch).
 */
// @ts-ignore: decorator
@inline
function linearF32(p: usize, stride: i32, d: usize, CH: i32, ch: i32, wx0: f32, wx1: f32, wy0: f32, wy1: f32): void {
  const n = CH != 0 ? CH : ch;
  const q = p + <usize>stride;
  const pb = <usize>(n << 2);
  let c = 0;
  if (ASC_FEATURE_SIMD && CH != 1) {
    // lanes = 4 channels; a group of 3 loads one sample past (ignored) and stores 3
    const x0 = f32x4.splat(wx0), x1 = f32x4.splat(wx1), y0 = f32x4.splat(wy0), y1 = f32x4.splat(wy1);
    for (; c + 3 <= n; c += 4) {
      const o = <usize>(c << 2);
      const r0 = f32x4.add(f32x4.mul(x0, v128.load(p + o)), f32x4.mul(x1, v128.load(p + pb + o)));
      const r1 = f32x4.add(f32x4.mul(x0, v128.load(q + o)), f32x4.mul(x1, v128.load(q + pb + o)));
      const v = f32x4.add(f32x4.mul(y0, r0), f32x4.mul(y1, r1));
      if (c + 4 <= n) v128.store(d + o, v);
      else {
        v128.store64_lane(d + o, v, 0);
        v128.store32_lane(d + o, v, 2, 8);
      }
    }
  }
  for (; c < n; c++) {
    const o = <usize>(c << 2);
    const r0 = wx0 * load<f32>(p + o) + wx1 * load<f32>(p + pb + o);
    const r1 = wx0 * load<f32>(q + o) + wx1 * load<f32>(q + pb + o);
    store<f32>(d + o, wy0 * r0 + wy1 * r1);
  }
}

/** One row of 4 taps, 4 channels: ((w0 v0 + w1 v1) + w2 v2) + w3 v3. */
// @ts-ignore: decorator
@inline
function rowF32x4(r: usize, pb: usize, x0: v128, x1: v128, x2: v128, x3: v128): v128 {
  return f32x4.add(f32x4.add(f32x4.add(f32x4.mul(x0, v128.load(r)), f32x4.mul(x1, v128.load(r + pb))),
    f32x4.mul(x2, v128.load(r + 2 * pb))), f32x4.mul(x3, v128.load(r + 3 * pb)));
}

/** One row of 4 taps, one channel, same order as rowF32x4. */
// @ts-ignore: decorator
@inline
function rowF32(r: usize, pb: usize, w0: f32, w1: f32, w2: f32, w3: f32): f32 {
  return w0 * load<f32>(r) + w1 * load<f32>(r + pb) + w2 * load<f32>(r + 2 * pb) + w3 * load<f32>(r + 3 * pb);
}

/** Bicubic on float samples: out = sum_a wy[a] (sum_b wx[b] v[a][b]), sums left to right. */
// @ts-ignore: decorator
@inline
function cubicF32(
  p: usize, stride: i32, d: usize, CH: i32, ch: i32,
  wx0: f32, wx1: f32, wx2: f32, wx3: f32, wy0: f32, wy1: f32, wy2: f32, wy3: f32,
): void {
  const n = CH != 0 ? CH : ch;
  const pb = <usize>(n << 2);
  const s = <usize>stride;
  let c = 0;
  if (ASC_FEATURE_SIMD && CH != 1) {
    const x0 = f32x4.splat(wx0), x1 = f32x4.splat(wx1), x2 = f32x4.splat(wx2), x3 = f32x4.splat(wx3);
    for (; c + 3 <= n; c += 4) {
      const r = p + <usize>(c << 2);
      const r0 = rowF32x4(r, pb, x0, x1, x2, x3);
      const r1 = rowF32x4(r + s, pb, x0, x1, x2, x3);
      const r2 = rowF32x4(r + 2 * s, pb, x0, x1, x2, x3);
      const r3 = rowF32x4(r + 3 * s, pb, x0, x1, x2, x3);
      const v = f32x4.add(f32x4.add(f32x4.add(f32x4.mul(f32x4.splat(wy0), r0), f32x4.mul(f32x4.splat(wy1), r1)),
        f32x4.mul(f32x4.splat(wy2), r2)), f32x4.mul(f32x4.splat(wy3), r3));
      const o = d + <usize>(c << 2);
      if (c + 4 <= n) v128.store(o, v);
      else {
        v128.store64_lane(o, v, 0);
        v128.store32_lane(o, v, 2, 8);
      }
    }
  }
  for (; c < n; c++) {
    const r = p + <usize>(c << 2);
    const r0 = rowF32(r, pb, wx0, wx1, wx2, wx3);
    const r1 = rowF32(r + s, pb, wx0, wx1, wx2, wx3);
    const r2 = rowF32(r + 2 * s, pb, wx0, wx1, wx2, wx3);
    const r3 = rowF32(r + 3 * s, pb, wx0, wx1, wx2, wx3);
    store<f32>(d + <usize>(c << 2), wy0 * r0 + wy1 * r1 + wy2 * r2 + wy3 * r3);
  }
}

/**
 * One float output pixel from the KS x KS taps at p (row stride `stride` bytes), fractions
 * fx, fy in [0, 1) of the source coordinate past the tap floor(c). Weights are computed in f64
 * and rounded to f32.
 */
// @ts-ignore: decorator
@inline
function pixelF32(KS: i32, CH: i32, p: usize, stride: i32, d: usize, ch: i32, fx: f64, fy: f64, a: f64): void {
  if (KS == 2) {
    linearF32(p, stride, d, CH, ch, <f32>(1.0 - fx), <f32>fx, <f32>(1.0 - fy), <f32>fy);
  } else {
    cubicF32(p, stride, d, CH, ch,
      <f32>keysOuter(fx + 1.0, a), <f32>keysInner(fx, a), <f32>keysInner(1.0 - fx, a), <f32>keysOuter(2.0 - fx, a),
      <f32>keysOuter(fy + 1.0, a), <f32>keysInner(fy, a), <f32>keysInner(1.0 - fy, a), <f32>keysOuter(2.0 - fy, a));
  }
}

/** Copies one float pixel of ch samples, dispatching on ch at run time (border path). */
function copyPixelF32(d: usize, s: usize, ch: i32): void {
  if (ch == 1) store<f32>(d, load<f32>(s));
  else if (ch < 16) {
    for (let k = 0; k < ch; k++) store<f32>(d + <usize>(k << 2), load<f32>(s + <usize>(k << 2)));
  } else memory.copy(d, s, <usize>(ch << 2));
}

/** Copies one float pixel (CH compile-time constant, 0 = runtime ch). */
// @ts-ignore: decorator
@inline
function copyF32(d: usize, s: usize, CH: i32, ch: i32): void {
  if (CH == 1) store<f32>(d, load<f32>(s));
  else if (CH == 3) {
    store<u64>(d, load<u64>(s));
    store<f32>(d, load<f32>(s, 8), 8);
  } else if (CH == 4) {
    if (ASC_FEATURE_SIMD) v128.store(d, v128.load(s));
    else {
      store<u64>(d, load<u64>(s));
      store<u64>(d, load<u64>(s, 8), 8);
    }
  } else copyPixelF32(d, s, ch);
}

/** The interior loop [xa, xb) of one float row (every tap inside). */
// @ts-ignore: decorator
@inline
function interiorF32(
  KS: i32, CH: i32, ch: i32, src: usize, srcStride: i32, d: usize, xa: i32, xb: i32,
  m00: f64, m10: f64, ty0: f64, ty1: f64, m02: f64, m12: f64, a: f64,
): void {
  const pb = (CH != 0 ? CH : ch) << 2;
  if (KS == 1) {
    for (let x = xa; x < xb; x++) {
      const sx = (m00 * <f64>x + ty0) + m02;
      const sy = (m10 * <f64>x + ty1) + m12;
      const xi = <i32>Math.floor(sx + 0.5), yi = <i32>Math.floor(sy + 0.5);
      copyF32(d + <usize>(x * pb), src + <usize>(yi * srcStride + xi * pb), CH, ch);
    }
  } else {
    const off = KS == 4 ? 1 : 0;
    for (let x = xa; x < xb; x++) {
      const sx = (m00 * <f64>x + ty0) + m02;
      const sy = (m10 * <f64>x + ty1) + m12;
      const flx = Math.floor(sx), fly = Math.floor(sy);
      const xi = <i32>flx - off, yi = <i32>fly - off;
      pixelF32(KS, CH, src + <usize>(yi * srcStride + xi * pb), srcStride, d + <usize>(x * pb), ch, sx - flx, sy - fly, a);
    }
  }
}

/** The border pixels [xa, xb) of one float row, like borderLoopU8. KS, CH constants. */
// @ts-ignore: decorator
@inline
function borderLoopF32(
  KS: i32, CH: i32, ch: i32, src: usize, sw: i32, sh: i32, srcStride: i32, d: usize,
  xa: i32, xb: i32, m00: f64, m10: f64, ty0: f64, ty1: f64, m02: f64, m12: f64,
  border: i32, fillPtr: usize, patch: usize, a: f64,
): void {
  const pb = (CH != 0 ? CH : ch) << 2;
  const off = KS == 4 ? 1 : 0;
  const pstride = KS * pb;
  for (let x = xa; x < xb; x++) {
    const sx = (m00 * <f64>x + ty0) + m02;
    const sy = (m10 * <f64>x + ty1) + m12;
    const dx = d + <usize>(x * pb);
    const cx = clampCoord(KS == 1 ? sx + 0.5 : sx), cy = clampCoord(KS == 1 ? sy + 0.5 : sy);
    const flx = Math.floor(cx), fly = Math.floor(cy);
    const x0 = <i32>flx - off, y0 = <i32>fly - off;
    if (border == BORDER_CONSTANT && (x0 >= sw || x0 + KS <= 0 || y0 >= sh || y0 + KS <= 0)) {
      copyF32(dx, fillPtr, CH, ch);
      continue;
    }
    if (KS == 1) {
      const rx = bidx(x0, sw, border), ry = bidx(y0, sh, border);
      copyF32(dx, rx < 0 || ry < 0 ? fillPtr : src + <usize>(ry * srcStride + rx * pb), CH, ch);
      continue;
    }
    for (let i = 0; i < KS; i++) store<i32>(TAP_X + <usize>(i << 2), bidx(x0 + i, sw, border));
    for (let j = 0; j < KS; j++) {
      const ry = bidx(y0 + j, sh, border);
      const row = src + <usize>(ry * srcStride);
      const pj = patch + <usize>(j * pstride);
      for (let i = 0; i < KS; i++) {
        const rx = load<i32>(TAP_X + <usize>(i << 2));
        copyF32(pj + <usize>(i * pb), rx < 0 || ry < 0 ? fillPtr : row + <usize>(rx * pb), CH, ch);
      }
    }
    pixelF32(KS, CH, patch, pstride, dx, ch, cx - flx, cy - fly, a);
  }
}

function borderSpanF32(
  ks: i32, ch: i32, src: usize, sw: i32, sh: i32, srcStride: i32, d: usize,
  xa: i32, xb: i32, m00: f64, m10: f64, ty0: f64, ty1: f64, m02: f64, m12: f64,
  border: i32, fillPtr: usize, patch: usize, a: f64,
): void {
  if (xa >= xb) return;
  if (ks == 2) {
    if (ch == 4) borderLoopF32(2, 4, 4, src, sw, sh, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, border, fillPtr, patch, a);
    else if (ch == 3) borderLoopF32(2, 3, 3, src, sw, sh, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, border, fillPtr, patch, a);
    else if (ch == 1) borderLoopF32(2, 1, 1, src, sw, sh, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, border, fillPtr, patch, a);
    else borderLoopF32(2, 0, ch, src, sw, sh, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, border, fillPtr, patch, a);
  } else if (ks == 4) {
    if (ch == 4) borderLoopF32(4, 4, 4, src, sw, sh, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, border, fillPtr, patch, a);
    else if (ch == 3) borderLoopF32(4, 3, 3, src, sw, sh, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, border, fillPtr, patch, a);
    else if (ch == 1) borderLoopF32(4, 1, 1, src, sw, sh, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, border, fillPtr, patch, a);
    else borderLoopF32(4, 0, ch, src, sw, sh, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, border, fillPtr, patch, a);
  } else {
    if (ch == 4) borderLoopF32(1, 4, 4, src, sw, sh, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, border, fillPtr, patch, a);
    else if (ch == 3) borderLoopF32(1, 3, 3, src, sw, sh, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, border, fillPtr, patch, a);
    else if (ch == 1) borderLoopF32(1, 1, 1, src, sw, sh, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, border, fillPtr, patch, a);
    else borderLoopF32(1, 0, ch, src, sw, sh, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, border, fillPtr, patch, a);
  }
}

/** f32 kernel: first tap index of column x along one axis: floor((m x + t) + c + half) - off. */
// @ts-ignore: decorator
@inline
function tapF32(m: f64, t: f64, c: f64, x: i32, half: f64, off: i32): i32 {
  return floorClamp(((m * <f64>x + t) + c) + half) - off;
}

/** First x in [0, n) with dir * tap(x) >= dir * v (n if none); dir * tap is non-decreasing. */
function firstF32(m: f64, t: f64, c: f64, half: f64, off: i32, n: i32, dir: i32, v: i32): i32 {
  let lo = 0, hi = n;
  const tv = dir * v;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dir * tapF32(m, t, c, mid, half, off) >= tv) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Sets [spanA, spanB) to the columns of [0, n) whose first tap lies in [lo, hi]. */
function spanF32(m: f64, t: f64, c: f64, half: f64, off: i32, n: i32, lo: i32, hi: i32): void {
  if (hi < lo) {
    spanA = spanB = 0;
    return;
  }
  const dir = tapF32(m, t, c, 0, half, off) <= tapF32(m, t, c, n - 1, half, off) ? 1 : -1;
  const a = firstF32(m, t, c, half, off, n, dir, dir > 0 ? lo : hi);
  const b = firstF32(m, t, c, half, off, n, dir, dir > 0 ? hi + 1 : lo - 1);
  spanA = a;
  spanB = max(a, b);
}

/** Writes n copies of the fill pixel (ch floats) (n <= 0: nothing). */
function fillSpanF32(d: usize, n: i32, fillPtr: usize, ch: i32): void {
  if (n <= 0) return;
  copyPixelF32(d, fillPtr, ch);
  const total = n * (ch << 2);
  let done = ch << 2;
  while (done < total) {
    const m = min(done, total - done);
    memory.copy(d + <usize>done, d, <usize>m);
    done += m;
  }
}

function interiorDispatchF32(
  ks: i32, ch: i32, src: usize, srcStride: i32, d: usize, xa: i32, xb: i32,
  m00: f64, m10: f64, ty0: f64, ty1: f64, m02: f64, m12: f64, a: f64,
): void {
  if (ks == 2) {
    if (ch == 4) interiorF32(2, 4, 4, src, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, a);
    else if (ch == 3) interiorF32(2, 3, 3, src, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, a);
    else if (ch == 1) interiorF32(2, 1, 1, src, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, a);
    else interiorF32(2, 0, ch, src, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, a);
  } else if (ks == 4) {
    if (ch == 4) interiorF32(4, 4, 4, src, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, a);
    else if (ch == 3) interiorF32(4, 3, 3, src, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, a);
    else if (ch == 1) interiorF32(4, 1, 1, src, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, a);
    else interiorF32(4, 0, ch, src, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, a);
  } else {
    if (ch == 4) interiorF32(1, 4, 4, src, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, a);
    else if (ch == 3) interiorF32(1, 3, 3, src, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, a);
    else if (ch == 1) interiorF32(1, 1, 1, src, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, a);
    else interiorF32(1, 0, ch, src, srcStride, d, xa, xb, m00, m10, ty0, ty1, m02, m12, a);
  }
}

/**
 * Affine warp of a float32 image with exact math (refimpl `warp_affine_ref`, which matches
 * scikit-image's warp/rotate): source coordinates sx = (m00 x + m01 y) + m02, sy likewise, in
 * f64 (the inverse map dst -> src); nearest takes floor(c + 0.5); bilinear taps floor(c),
 * floor(c)+1 with weights 1-f, f; bicubic taps floor(c)-1 .. floor(c)+2 with Keys weights of
 * parameter cubicA (-0.5 = scikit-image order 3 / Catmull-Rom). Weights are rounded to f32 and
 * the sums run in f32. CONSTANT taps outside the image take the fill pixel (ch floats at fillPtr).
 * Caller guarantees: sw, sh, ch, dw, dh >= 1; src holds sh rows of sw*ch floats at srcStride
 * bytes (4-byte aligned, >= sw*ch*4) followed by 16 readable bytes (SIMD reads one sample past a
 * group of 3); dst holds dh rows at dstStride bytes, no overlap with src; the m.. and cubicA are
 * finite; fillPtr is readable for ch floats when border is CONSTANT; interp 0..2,
 * border 0..4. Allocates a small scratch patch (may grow memory: re-acquire JS views).
 */
export function warpAffineF32(
  src: usize, dst: usize, sw: i32, sh: i32, ch: i32, srcStride: i32,
  dw: i32, dh: i32, dstStride: i32,
  m00: f64, m01: f64, m02: f64, m10: f64, m11: f64, m12: f64,
  interp: i32, border: i32, fillPtr: usize, cubicA: f64,
): void {
  const ks = interp == INTER_NEAREST ? 1 : interp == INTER_LINEAR ? 2 : 4;
  const off = ks == 4 ? 1 : 0;
  const half: f64 = ks == 1 ? 0.5 : 0.0;
  const pb = ch << 2;
  const patch = heap.alloc(<usize>(ks * ks * pb + 16));
  const constant = border == BORDER_CONSTANT;
  for (let y = 0; y < dh; y++) {
    const ty0 = m01 * <f64>y, ty1 = m11 * <f64>y;
    const d = dst + <usize>(y * dstStride);
    // interior [ia, ib): all taps inside
    spanF32(m00, ty0, m02, half, off, dw, 0, sw - ks);
    let ia = spanA, ib = spanB;
    spanF32(m10, ty1, m12, half, off, dw, 0, sh - ks);
    ia = max(ia, spanA);
    ib = min(ib, spanB);
    // [fa, fb): footprint meets the image (CONSTANT; other borders sample everywhere)
    let fa = 0, fb = dw;
    if (constant) {
      spanF32(m00, ty0, m02, half, off, dw, 1 - ks, sw - 1);
      fa = spanA;
      fb = spanB;
      spanF32(m10, ty1, m12, half, off, dw, 1 - ks, sh - 1);
      fa = max(fa, spanA);
      fb = max(fa, min(fb, spanB));
    }
    if (ib <= ia) ia = ib = fb;
    fillSpanF32(d, fa, fillPtr, ch);
    borderSpanF32(ks, ch, src, sw, sh, srcStride, d, fa, ia, m00, m10, ty0, ty1, m02, m12, border, fillPtr, patch, cubicA);
    if (ia < ib) interiorDispatchF32(ks, ch, src, srcStride, d, ia, ib, m00, m10, ty0, ty1, m02, m12, cubicA);
    borderSpanF32(ks, ch, src, sw, sh, srcStride, d, ib, fb, m00, m10, ty0, ty1, m02, m12, border, fillPtr, patch, cubicA);
    fillSpanF32(d + <usize>(fb * pb), dw - fb, fillPtr, ch);
  }
  heap.free(patch);
}
