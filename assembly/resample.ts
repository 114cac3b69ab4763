// Separable resampling (resize): a coefficient plan per axis, built once in src/ops/resize.ts, then
// a horizontal pass and a vertical pass. The plan is data (start index, taps, weights per output
// sample), so one set of kernels serves every filter (box/area, triangle, Keys cubic, Lanczos)
// and every convention (Pillow's antialiased resample, cv2.resize, cv2 INTER_AREA).
//
// Plan layout (all little-endian, written by src/ops/resize.ts):
//
//   horizontal plan, per output column x (K taps per column, zero-padded):
//     idx[3x .. 3x+2]  i32  start, first, count: the taps are source pixels start+first ..
//                           start+first+count-1 with weights w[x*K + first ..]; the window
//                           [start, start+K) lies inside the row whenever K <= source width
//     w32[x*K + t]     i32  fixed-point weight (Pillow: 22 fraction bits; cv2: 11 bits)
//     w16[x*2K + t]    i16  hi part, w16[x*2K + K + t] lo part, w32 = hi * 2^11 + lo
//                           (lo in 0..2047) so that two i32x4.dot_i16x8_s give the exact
//                           32-bit sum of a 22-bit-weight filter; cv2 plans keep lo = w32
//     wf[x*K + t]      f32  float weight (float kernels)
//
//   vertical plan, per output row y (K taps per row):
//     cnt[y]           i32  number of taps used (Pillow windows vary by one)
//     rows[y*K + t]    i32  source row of tap t (rows may repeat: cv2 clamps row indices)
//     w32, w16, wf     as above, per row
//
// Bit budget of the uint8 Pillow path: a 22-bit weight times a byte needs 30 bits and the sum of
// |weights| of every Pillow filter is below 2, so sums fit in i32 (Pillow's PRECISION_BITS =
// 32 - 8 - 2). With w = hi * 2^11 + lo the products p * hi and p * lo fit the i16 x i16 -> i32
// dot product, and (sum_hi << 11) + sum_lo is the exact sum modulo 2^32, hence exactly Pillow's.
//
// Every kernel has a scalar body shared by both builds and, when ASC_FEATURE_SIMD, a vector loop
// in front of it. Integer kernels give identical bytes in both builds; the float kernels
// accumulate taps in the same order in every lane, so they are identical too.
//
// Reads: SIMD loops may read up to 15 bytes past the last pixel of a buffer (alloc() gives 16
// bytes of slack); nothing is ever written outside the destination pixels.

// @ts-ignore: decorator
@inline const PILLOW_SHIFT: i32 = 22;
// @ts-ignore: decorator
@inline const PILLOW_ROUND: i32 = 1 << 21;

// @ts-ignore: decorator
@inline
function clampU8(v: i32): i32 {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

// @ts-ignore: decorator
@inline
function hsum(v: v128): i32 {
  const s = i32x4.add(v, v128.shuffle<i32>(v, v, 2, 3, 0, 1));
  return i32x4.extract_lane(i32x4.add(s, v128.shuffle<i32>(s, s, 1, 0, 3, 2)), 0);
}

/** (hi << 11) + lo, >> 22 arithmetic, saturated to u8 in the low 4 bytes (and repeated). */
// @ts-ignore: decorator
@inline
function pillowPack(accH: v128, accL: v128): v128 {
  const v = i32x4.shr_s(i32x4.add(i32x4.shl(accH, 11), accL), PILLOW_SHIFT);
  const n = i16x8.narrow_i32x4_s(v, v);
  return i8x16.narrow_i16x8_u(n, n);
}

// ---------------------------------------------------------------------------------------------
// Horizontal pass, uint8 source
// ---------------------------------------------------------------------------------------------

/**
 * Horizontal pass of a uint8 image: for each of `rows` output rows r, reads source row
 * rowMap[r] and writes dw resampled pixels of `ch` channels.
 * - out32 = 0 (Pillow): dst is uint8, out = clamp((sum(p * w32) + 2^21) >> 22, 0, 255);
 *   the vector path uses the hi/lo weight split (exact).
 * - out32 = 1 (cv2): dst is int32, out = sum(p * w32) unrounded (w32 = lo must fit i16).
 * Strides in bytes. Caller guarantees: plan as described at the top of this file, every
 * tap inside [0, sw); K even for ch 3 and 4 and a multiple of 4 for ch 1 (other channel counts
 * run the scalar loop); src readable 16 bytes past its last pixel; dst does not overlap src.
 */
export function resampleH8(
  src: usize, dst: usize, sw: i32, ch: i32, srcStride: i32, dw: i32, dstStride: i32,
  rowMap: usize, rows: i32, idx: usize, w16: usize, w32: usize, K: i32, out32: i32,
): void {
  const vec = ASC_FEATURE_SIMD && K <= sw && (ch == 4 || ch == 3 || ch == 1);
  for (let r = 0; r < rows; r++) {
    const s = src + <usize>(load<i32>(rowMap + (<usize>r << 2)) * srcStride);
    const d = dst + <usize>(r * dstStride);
    if (ASC_FEATURE_SIMD) {
      if (vec) {
        if (ch == 4) {
          hRow8c4(s, d, dw, idx, w16, K, out32);
          continue;
        } else if (ch == 3) {
          hRow8c3(s, d, dw, idx, w16, K, out32);
          continue;
        } else {
          hRow8c1(s, d, dw, idx, w16, K, out32);
          continue;
        }
      }
    }
    hRow8Scalar(s, d, dw, ch, idx, w32, K, out32);
  }
}

function hRow8Scalar(s: usize, d: usize, dw: i32, ch: i32, idx: usize, w32: usize, K: i32, out32: i32): void {
  for (let x = 0; x < dw; x++) {
    const ip = idx + <usize>(x * 12);
    const first = load<i32>(ip, 4);
    const n = load<i32>(ip, 8);
    const sp = s + <usize>((load<i32>(ip) + first) * ch);
    const wp = w32 + (<usize>(x * K + first) << 2);
    for (let c = 0; c < ch; c++) {
      let acc: i32 = out32 ? 0 : PILLOW_ROUND;
      for (let t = 0; t < n; t++) {
        acc += <i32>load<u8>(sp + <usize>(t * ch + c)) * load<i32>(wp + (<usize>t << 2));
      }
      if (out32) store<i32>(d + (<usize>(x * ch + c) << 2), acc);
      else store<u8>(d + <usize>(x * ch + c), <u8>clampU8(acc >> PILLOW_SHIFT));
    }
  }
}

// RGBA, two taps per dot product. A 16-byte load holds pixels j .. j+3:
//   in:   r0 g0 b0 a0 r1 g1 b1 a1 r2 g2 b2 a2 r3 g3 b3 a3
//   sw01: r0 __ r1 __ g0 __ g1 __ b0 __ b1 __ a0 __ a1 __   (i16 lanes, __ = zero byte)
//   sw23: r2 __ r3 __ g2 __ g3 __ b2 __ b3 __ a2 __ a3 __
// and a dot with the weight pair [w_j w_j+1] x 4 gives i32 lanes r g b a. A last odd pair uses
// an 8-byte load.
function hRow8c4(s: usize, d: usize, dw: i32, idx: usize, w16: usize, K: i32, out32: i32): void {
  const sw01 = i8x16(0, -1, 4, -1, 1, -1, 5, -1, 2, -1, 6, -1, 3, -1, 7, -1);
  const sw23 = i8x16(8, -1, 12, -1, 9, -1, 13, -1, 10, -1, 14, -1, 11, -1, 15, -1);
  let x = 0;
  if (!out32) {
    // two output pixels A, B per iteration (independent accumulators for the pipeline)
    for (; x + 2 <= dw; x += 2) {
      const psA = s + (<usize>load<i32>(idx + <usize>(x * 12)) << 2);
      const psB = s + (<usize>load<i32>(idx + <usize>(x * 12 + 12)) << 2);
      const hpA = w16 + (<usize>(x * K) << 2);
      const hpB = hpA + (<usize>K << 2);
      const lpA = hpA + (<usize>K << 1);
      const lpB = hpB + (<usize>K << 1);
      let aL = i32x4.splat(PILLOW_ROUND), aH = i32x4.splat(0);
      let bL = i32x4.splat(PILLOW_ROUND), bH = i32x4.splat(0);
      let j = 0;
      for (; j + 4 <= K; j += 4) {
        const o = <usize>j << 1;
        const va = v128.load(psA + (<usize>j << 2));
        const vb = v128.load(psB + (<usize>j << 2));
        const qa0 = i8x16.swizzle(va, sw01), qa1 = i8x16.swizzle(va, sw23);
        const qb0 = i8x16.swizzle(vb, sw01), qb1 = i8x16.swizzle(vb, sw23);
        aL = i32x4.add(aL, i32x4.add(i32x4.dot_i16x8_s(qa0, v128.load32_splat(lpA + o)), i32x4.dot_i16x8_s(qa1, v128.load32_splat(lpA + o + 4))));
        aH = i32x4.add(aH, i32x4.add(i32x4.dot_i16x8_s(qa0, v128.load32_splat(hpA + o)), i32x4.dot_i16x8_s(qa1, v128.load32_splat(hpA + o + 4))));
        bL = i32x4.add(bL, i32x4.add(i32x4.dot_i16x8_s(qb0, v128.load32_splat(lpB + o)), i32x4.dot_i16x8_s(qb1, v128.load32_splat(lpB + o + 4))));
        bH = i32x4.add(bH, i32x4.add(i32x4.dot_i16x8_s(qb0, v128.load32_splat(hpB + o)), i32x4.dot_i16x8_s(qb1, v128.load32_splat(hpB + o + 4))));
      }
      if (j < K) {
        const o = <usize>j << 1;
        const qa = i8x16.swizzle(v128.load64_zero(psA + (<usize>j << 2)), sw01);
        const qb = i8x16.swizzle(v128.load64_zero(psB + (<usize>j << 2)), sw01);
        aL = i32x4.add(aL, i32x4.dot_i16x8_s(qa, v128.load32_splat(lpA + o)));
        aH = i32x4.add(aH, i32x4.dot_i16x8_s(qa, v128.load32_splat(hpA + o)));
        bL = i32x4.add(bL, i32x4.dot_i16x8_s(qb, v128.load32_splat(lpB + o)));
        bH = i32x4.add(bH, i32x4.dot_i16x8_s(qb, v128.load32_splat(hpB + o)));
      }
      const va = i32x4.shr_s(i32x4.add(i32x4.shl(aH, 11), aL), PILLOW_SHIFT);
      const vb = i32x4.shr_s(i32x4.add(i32x4.shl(bH, 11), bL), PILLOW_SHIFT);
      const n = i16x8.narrow_i32x4_s(va, vb);
      v128.store64_lane(d + (<usize>x << 2), i8x16.narrow_i16x8_u(n, n), 0);
    }
  }
  for (; x < dw; x++) {
    const ps = s + (<usize>load<i32>(idx + <usize>(x * 12)) << 2);
    const hp = w16 + (<usize>(x * K) << 2);
    const lp = hp + (<usize>K << 1);
    let accL = i32x4.splat(out32 ? 0 : PILLOW_ROUND);
    let accH = i32x4.splat(0);
    for (let j = 0; j < K; j += 2) {
      const q = i8x16.swizzle(v128.load64_zero(ps + (<usize>j << 2)), sw01);
      accL = i32x4.add(accL, i32x4.dot_i16x8_s(q, v128.load32_splat(lp + (<usize>j << 1))));
      if (!out32) accH = i32x4.add(accH, i32x4.dot_i16x8_s(q, v128.load32_splat(hp + (<usize>j << 1))));
    }
    if (out32) v128.store(d + (<usize>x << 4), accL);
    else v128.store32_lane(d + (<usize>x << 2), pillowPack(accH, accL), 0);
  }
}

// RGB, two taps per dot product. A 16-byte load holds pixels j .. j+4 (15 bytes):
//   in:   r0 g0 b0 r1 g1 b1 r2 g2 b2 r3 g3 b3 r4 g4 b4 ..
//   sw01: r0 __ r1 __ g0 __ g1 __ b0 __ b1 __ __ __ __ __   (i16 lanes)
//   sw23: r2 __ r3 __ g2 __ g3 __ b2 __ b3 __ __ __ __ __
// The 3 result bytes are stored as u16 + u8 so nothing past the pixel is written.
function hRow8c3(s: usize, d: usize, dw: i32, idx: usize, w16: usize, K: i32, out32: i32): void {
  const sw01 = i8x16(0, -1, 3, -1, 1, -1, 4, -1, 2, -1, 5, -1, -1, -1, -1, -1);
  const sw23 = i8x16(6, -1, 9, -1, 7, -1, 10, -1, 8, -1, 11, -1, -1, -1, -1, -1);
  let x = 0;
  if (!out32) {
    for (; x + 2 <= dw; x += 2) {
      const psA = s + <usize>(load<i32>(idx + <usize>(x * 12)) * 3);
      const psB = s + <usize>(load<i32>(idx + <usize>(x * 12 + 12)) * 3);
      const hpA = w16 + (<usize>(x * K) << 2);
      const hpB = hpA + (<usize>K << 2);
      const lpA = hpA + (<usize>K << 1);
      const lpB = hpB + (<usize>K << 1);
      let aL = i32x4.splat(PILLOW_ROUND), aH = i32x4.splat(0);
      let bL = i32x4.splat(PILLOW_ROUND), bH = i32x4.splat(0);
      let j = 0;
      for (; j + 4 <= K; j += 4) {
        const o = <usize>j << 1;
        const va = v128.load(psA + <usize>(j * 3));
        const vb = v128.load(psB + <usize>(j * 3));
        const qa0 = i8x16.swizzle(va, sw01), qa1 = i8x16.swizzle(va, sw23);
        const qb0 = i8x16.swizzle(vb, sw01), qb1 = i8x16.swizzle(vb, sw23);
        aL = i32x4.add(aL, i32x4.add(i32x4.dot_i16x8_s(qa0, v128.load32_splat(lpA + o)), i32x4.dot_i16x8_s(qa1, v128.load32_splat(lpA + o + 4))));
        aH = i32x4.add(aH, i32x4.add(i32x4.dot_i16x8_s(qa0, v128.load32_splat(hpA + o)), i32x4.dot_i16x8_s(qa1, v128.load32_splat(hpA + o + 4))));
        bL = i32x4.add(bL, i32x4.add(i32x4.dot_i16x8_s(qb0, v128.load32_splat(lpB + o)), i32x4.dot_i16x8_s(qb1, v128.load32_splat(lpB + o + 4))));
        bH = i32x4.add(bH, i32x4.add(i32x4.dot_i16x8_s(qb0, v128.load32_splat(hpB + o)), i32x4.dot_i16x8_s(qb1, v128.load32_splat(hpB + o + 4))));
      }
      if (j < K) {
        const o = <usize>j << 1;
        const qa = i8x16.swizzle(v128.load64_zero(psA + <usize>(j * 3)), sw01);
        const qb = i8x16.swizzle(v128.load64_zero(psB + <usize>(j * 3)), sw01);
        aL = i32x4.add(aL, i32x4.dot_i16x8_s(qa, v128.load32_splat(lpA + o)));
        aH = i32x4.add(aH, i32x4.dot_i16x8_s(qa, v128.load32_splat(hpA + o)));
        bL = i32x4.add(bL, i32x4.dot_i16x8_s(qb, v128.load32_splat(lpB + o)));
        bH = i32x4.add(bH, i32x4.dot_i16x8_s(qb, v128.load32_splat(hpB + o)));
      }
      // r g b of A in bytes 0..2, of B in bytes 4..6
      const va = i32x4.shr_s(i32x4.add(i32x4.shl(aH, 11), aL), PILLOW_SHIFT);
      const vb = i32x4.shr_s(i32x4.add(i32x4.shl(bH, 11), bL), PILLOW_SHIFT);
      const n = i16x8.narrow_i32x4_s(va, vb);
      const v = i8x16.narrow_i16x8_u(n, n);
      const o = d + <usize>(x * 3);
      v128.store16_lane(o, v, 0);
      v128.store32_lane(o + 2, i8x16.shuffle(v, v, 2, 4, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0);
    }
  }
  for (; x < dw; x++) {
    const ps = s + <usize>(load<i32>(idx + <usize>(x * 12)) * 3);
    const hp = w16 + (<usize>(x * K) << 2);
    const lp = hp + (<usize>K << 1);
    let accL = i32x4.splat(out32 ? 0 : PILLOW_ROUND);
    let accH = i32x4.splat(0);
    for (let j = 0; j < K; j += 2) {
      const q = i8x16.swizzle(v128.load64_zero(ps + <usize>(j * 3)), sw01);
      accL = i32x4.add(accL, i32x4.dot_i16x8_s(q, v128.load32_splat(lp + (<usize>j << 1))));
      if (!out32) accH = i32x4.add(accH, i32x4.dot_i16x8_s(q, v128.load32_splat(hp + (<usize>j << 1))));
    }
    if (out32) {
      const o = d + <usize>(x * 12);
      v128.store64_lane(o, accL, 0);
      v128.store32_lane(o + 8, accL, 2);
    } else {
      const v = pillowPack(accH, accL);
      const o = d + <usize>(x * 3);
      v128.store16_lane(o, v, 0);
      v128.store8_lane(o + 2, v, 2);
    }
  }
}

// Gray: 8 consecutive taps per dot product (v128.load8x8_u widens bytes to i16 lanes), a last
// group of 4 taps in the low half of a vector (K is a multiple of 4). Four
// output pixels per iteration; their four partial-sum vectors are reduced together:
//   t0 = [a0+a2, b0+b2, a1+a3, b1+b3], t1 = same for c, d, then
//   [a, b, c, d] = t0[0,1] ++ t1[0,1]  +  t0[2,3] ++ t1[2,3]
// @ts-ignore: decorator
@inline
function reduce4(a: v128, b: v128, c: v128, d: v128): v128 {
  const t0 = i32x4.add(v128.shuffle<i32>(a, b, 0, 4, 1, 5), v128.shuffle<i32>(a, b, 2, 6, 3, 7));
  const t1 = i32x4.add(v128.shuffle<i32>(c, d, 0, 4, 1, 5), v128.shuffle<i32>(c, d, 2, 6, 3, 7));
  return i32x4.add(v128.shuffle<i32>(t0, t1, 0, 1, 4, 5), v128.shuffle<i32>(t0, t1, 2, 3, 6, 7));
}

function hRow8c1(s: usize, d: usize, dw: i32, idx: usize, w16: usize, K: i32, out32: i32): void {
  let x = 0;
  const zero = i32x4.splat(0);
  for (; x + 4 <= dw; x += 4) {
    const pa = s + <usize>load<i32>(idx + <usize>(x * 12));
    const pb = s + <usize>load<i32>(idx + <usize>(x * 12 + 12));
    const pc = s + <usize>load<i32>(idx + <usize>(x * 12 + 24));
    const pd = s + <usize>load<i32>(idx + <usize>(x * 12 + 36));
    const ha = w16 + (<usize>(x * K) << 2);
    const hb = ha + (<usize>K << 2), hc = hb + (<usize>K << 2), hd = hc + (<usize>K << 2);
    const k2 = <usize>K << 1;
    let la = zero, lb = zero, lc = zero, ld = zero;
    let ga = zero, gb = zero, gc = zero, gd = zero;
    let j = 0;
    for (; j + 8 <= K; j += 8) {
      const o = <usize>j << 1;
      const qa = v128.load8x8_u(pa + <usize>j), qb = v128.load8x8_u(pb + <usize>j);
      const qc = v128.load8x8_u(pc + <usize>j), qd = v128.load8x8_u(pd + <usize>j);
      la = i32x4.add(la, i32x4.dot_i16x8_s(qa, v128.load(ha + k2 + o)));
      lb = i32x4.add(lb, i32x4.dot_i16x8_s(qb, v128.load(hb + k2 + o)));
      lc = i32x4.add(lc, i32x4.dot_i16x8_s(qc, v128.load(hc + k2 + o)));
      ld = i32x4.add(ld, i32x4.dot_i16x8_s(qd, v128.load(hd + k2 + o)));
      if (!out32) {
        ga = i32x4.add(ga, i32x4.dot_i16x8_s(qa, v128.load(ha + o)));
        gb = i32x4.add(gb, i32x4.dot_i16x8_s(qb, v128.load(hb + o)));
        gc = i32x4.add(gc, i32x4.dot_i16x8_s(qc, v128.load(hc + o)));
        gd = i32x4.add(gd, i32x4.dot_i16x8_s(qd, v128.load(hd + o)));
      }
    }
    if (j < K) {
      // last 4 taps (K is a multiple of 4): 4 bytes widened into the low i16 lanes, weights in
      // the low 8 bytes, the upper lanes zero
      const o = <usize>j << 1;
      const qa = i16x8.extend_low_i8x16_u(v128.load32_zero(pa + <usize>j)), qb = i16x8.extend_low_i8x16_u(v128.load32_zero(pb + <usize>j));
      const qc = i16x8.extend_low_i8x16_u(v128.load32_zero(pc + <usize>j)), qd = i16x8.extend_low_i8x16_u(v128.load32_zero(pd + <usize>j));
      la = i32x4.add(la, i32x4.dot_i16x8_s(qa, v128.load64_zero(ha + k2 + o)));
      lb = i32x4.add(lb, i32x4.dot_i16x8_s(qb, v128.load64_zero(hb + k2 + o)));
      lc = i32x4.add(lc, i32x4.dot_i16x8_s(qc, v128.load64_zero(hc + k2 + o)));
      ld = i32x4.add(ld, i32x4.dot_i16x8_s(qd, v128.load64_zero(hd + k2 + o)));
      if (!out32) {
        ga = i32x4.add(ga, i32x4.dot_i16x8_s(qa, v128.load64_zero(ha + o)));
        gb = i32x4.add(gb, i32x4.dot_i16x8_s(qb, v128.load64_zero(hb + o)));
        gc = i32x4.add(gc, i32x4.dot_i16x8_s(qc, v128.load64_zero(hc + o)));
        gd = i32x4.add(gd, i32x4.dot_i16x8_s(qd, v128.load64_zero(hd + o)));
      }
    }
    const L = reduce4(la, lb, lc, ld);
    if (out32) {
      v128.store(d + (<usize>x << 2), L);
    } else {
      const v = i32x4.shr_s(i32x4.add(i32x4.add(i32x4.shl(reduce4(ga, gb, gc, gd), 11), L), i32x4.splat(PILLOW_ROUND)), PILLOW_SHIFT);
      const n = i16x8.narrow_i32x4_s(v, v);
      v128.store32_lane(d + <usize>x, i8x16.narrow_i16x8_u(n, n), 0);
    }
  }
  for (; x < dw; x++) {
    const ps = s + <usize>load<i32>(idx + <usize>(x * 12));
    const hp = w16 + (<usize>(x * K) << 2);
    const lp = hp + (<usize>K << 1);
    let accL = zero, accH = zero;
    let j = 0;
    for (; j + 8 <= K; j += 8) {
      const q = v128.load8x8_u(ps + <usize>j);
      accL = i32x4.add(accL, i32x4.dot_i16x8_s(q, v128.load(lp + (<usize>j << 1))));
      if (!out32) accH = i32x4.add(accH, i32x4.dot_i16x8_s(q, v128.load(hp + (<usize>j << 1))));
    }
    if (j < K) {
      const q = i16x8.extend_low_i8x16_u(v128.load32_zero(ps + <usize>j));
      accL = i32x4.add(accL, i32x4.dot_i16x8_s(q, v128.load64_zero(lp + (<usize>j << 1))));
      if (!out32) accH = i32x4.add(accH, i32x4.dot_i16x8_s(q, v128.load64_zero(hp + (<usize>j << 1))));
    }
    if (out32) store<i32>(d + (<usize>x << 2), hsum(accL));
    else store<u8>(d + <usize>x, <u8>clampU8(((hsum(accH) << 11) + hsum(accL) + PILLOW_ROUND) >> PILLOW_SHIFT));
  }
}

// ---------------------------------------------------------------------------------------------
// Vertical pass, uint8 -> uint8 (Pillow)
// ---------------------------------------------------------------------------------------------

/**
 * Vertical pass, Pillow convention: dst row y, byte x = clamp((sum_t src[rows[t]][x] * w32[t]
 * + 2^21) >> 22, 0, 255) over the cnt[y] taps of row y. rowLen = bytes per row (width x
 * channels). Caller guarantees: plan as described at the top of this file (rows inside the
 * source); rows of rowLen bytes at the given byte strides; no overlap.
 */
export function resampleV8(
  src: usize, dst: usize, rowLen: i32, srcStride: i32, dh: i32, dstStride: i32,
  cnt: usize, rowsIdx: usize, w16: usize, w32: usize, K: i32,
): void {
  for (let y = 0; y < dh; y++) {
    const n = load<i32>(cnt + (<usize>y << 2));
    const rp = rowsIdx + (<usize>(y * K) << 2);
    const hp = w16 + (<usize>(y * K) << 2);
    const lp = hp + (<usize>K << 1);
    const wp = w32 + (<usize>(y * K) << 2);
    const d = dst + <usize>(y * dstStride);
    let x = 0;
    if (ASC_FEATURE_SIMD) {
      for (; x + 16 <= rowLen; x += 16) {
        const r = PILLOW_ROUND;
        let h0 = i32x4.splat(0), h1 = i32x4.splat(0), h2 = i32x4.splat(0), h3 = i32x4.splat(0);
        let l0 = i32x4.splat(r), l1 = i32x4.splat(r), l2 = i32x4.splat(r), l3 = i32x4.splat(r);
        let t = 0;
        for (; t + 2 <= n; t += 2) {
          const a = v128.load(src + <usize>(load<i32>(rp + (<usize>t << 2)) * srcStride + x));
          const b = v128.load(src + <usize>(load<i32>(rp + (<usize>t << 2), 4) * srcStride + x));
          // a0 b0 a1 b1 ... a7 b7 | a8 b8 ... a15 b15, widened to i16 pairs (a_i, b_i)
          const lo = i8x16.shuffle(a, b, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
          const hi = i8x16.shuffle(a, b, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
          const q0 = i16x8.extend_low_i8x16_u(lo), q1 = i16x8.extend_high_i8x16_u(lo);
          const q2 = i16x8.extend_low_i8x16_u(hi), q3 = i16x8.extend_high_i8x16_u(hi);
          const wh = v128.load32_splat(hp + (<usize>t << 1));
          const wl = v128.load32_splat(lp + (<usize>t << 1));
          h0 = i32x4.add(h0, i32x4.dot_i16x8_s(q0, wh)); l0 = i32x4.add(l0, i32x4.dot_i16x8_s(q0, wl));
          h1 = i32x4.add(h1, i32x4.dot_i16x8_s(q1, wh)); l1 = i32x4.add(l1, i32x4.dot_i16x8_s(q1, wl));
          h2 = i32x4.add(h2, i32x4.dot_i16x8_s(q2, wh)); l2 = i32x4.add(l2, i32x4.dot_i16x8_s(q2, wl));
          h3 = i32x4.add(h3, i32x4.dot_i16x8_s(q3, wh)); l3 = i32x4.add(l3, i32x4.dot_i16x8_s(q3, wl));
        }
        if (t < n) {
          // odd tap count: pair the last row with itself under weights (w, 0)
          const a = v128.load(src + <usize>(load<i32>(rp + (<usize>t << 2)) * srcStride + x));
          const lo = i8x16.shuffle(a, a, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
          const hi = i8x16.shuffle(a, a, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
          const q0 = i16x8.extend_low_i8x16_u(lo), q1 = i16x8.extend_high_i8x16_u(lo);
          const q2 = i16x8.extend_low_i8x16_u(hi), q3 = i16x8.extend_high_i8x16_u(hi);
          const wh = i32x4.splat(<i32>load<u16>(hp + (<usize>t << 1)));
          const wl = i32x4.splat(<i32>load<u16>(lp + (<usize>t << 1)));
          h0 = i32x4.add(h0, i32x4.dot_i16x8_s(q0, wh)); l0 = i32x4.add(l0, i32x4.dot_i16x8_s(q0, wl));
          h1 = i32x4.add(h1, i32x4.dot_i16x8_s(q1, wh)); l1 = i32x4.add(l1, i32x4.dot_i16x8_s(q1, wl));
          h2 = i32x4.add(h2, i32x4.dot_i16x8_s(q2, wh)); l2 = i32x4.add(l2, i32x4.dot_i16x8_s(q2, wl));
          h3 = i32x4.add(h3, i32x4.dot_i16x8_s(q3, wh)); l3 = i32x4.add(l3, i32x4.dot_i16x8_s(q3, wl));
        }
        const v0 = i32x4.shr_s(i32x4.add(i32x4.shl(h0, 11), l0), PILLOW_SHIFT);
        const v1 = i32x4.shr_s(i32x4.add(i32x4.shl(h1, 11), l1), PILLOW_SHIFT);
        const v2 = i32x4.shr_s(i32x4.add(i32x4.shl(h2, 11), l2), PILLOW_SHIFT);
        const v3 = i32x4.shr_s(i32x4.add(i32x4.shl(h3, 11), l3), PILLOW_SHIFT);
        v128.store(d + <usize>x, i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(v0, v1), i16x8.narrow_i32x4_s(v2, v3)));
      }
    }
    for (; x < rowLen; x++) {
      let acc: i32 = PILLOW_ROUND;
      for (let t = 0; t < n; t++) {
        acc += <i32>load<u8>(src + <usize>(load<i32>(rp + (<usize>t << 2)) * srcStride + x)) * load<i32>(wp + (<usize>t << 2));
      }
      store<u8>(d + <usize>x, <u8>clampU8(acc >> PILLOW_SHIFT));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Vertical pass, int32 -> uint8 (cv2.resize fixed point)
// ---------------------------------------------------------------------------------------------

/** formula codes of resampleV32 */
// @ts-ignore: decorator
@inline const V32_GENERIC: i32 = 0;
// @ts-ignore: decorator
@inline const V32_LINEAR: i32 = 1;
// @ts-ignore: decorator
@inline const V32_CUBIC: i32 = 2;

/**
 * Vertical pass of cv2.resize for uint8: the source rows hold horizontal sums S (input x 2^11
 * fixed-point weights, int32); all cnt = K taps of every output row are used. Formulas, each the
 * arithmetic OpenCV 4.6 (SSE2 baseline) applies, measured bit-exact against cv2.resize:
 * - V32_LINEAR (K = 2, INTER_LINEAR and the INTER_AREA upscale): for every element
 *   out = sat_u8(((S0 >> 4) * b0 >> 16) + ((S1 >> 4) * b1 >> 16) + 2 >> 2)  (VResizeLinearVec_32s8u)
 * - V32_CUBIC (K = 4): for elements x < floor(rowLen / 8) * 8, float:
 *   out = sat_u8(rint(S0*c0 + (S1*c1 + (S2*c2 + S3*c3)))) with c_t = f32(b_t) * 2^-22 and f32
 *   rounding at every step (VResizeCubicVec_32s8u); the remaining elements use V32_GENERIC.
 * - V32_GENERIC: out = sat_u8((sum S_t * b_t + 2^21) >> 22)  (FixedPtCast)
 * rowLen = elements per row (width x channels); strides in bytes. Caller guarantees: the sums fit
 * i32 (11-bit weights, at most 8 taps); rows inside the source; no overlap.
 */
export function resampleV32(
  src: usize, dst: usize, rowLen: i32, srcStride: i32, dh: i32, dstStride: i32,
  rowsIdx: usize, w32: usize, K: i32, formula: i32,
): void {
  for (let y = 0; y < dh; y++) {
    const rp = rowsIdx + (<usize>(y * K) << 2);
    const wp = w32 + (<usize>(y * K) << 2);
    const d = dst + <usize>(y * dstStride);
    let x = 0;
    if (formula == V32_LINEAR) {
      const s0 = src + <usize>(load<i32>(rp) * srcStride);
      const s1 = src + <usize>(load<i32>(rp, 4) * srcStride);
      const b0 = load<i32>(wp), b1 = load<i32>(wp, 4);
      if (ASC_FEATURE_SIMD) {
        const vb0 = i32x4.splat(b0), vb1 = i32x4.splat(b1), two = i32x4.splat(2);
        for (; x + 16 <= rowLen; x += 16) {
          const o = <usize>x << 2;
          const t0 = linear4(v128.load(s0 + o), v128.load(s1 + o), vb0, vb1, two);
          const t1 = linear4(v128.load(s0 + o + 16), v128.load(s1 + o + 16), vb0, vb1, two);
          const t2 = linear4(v128.load(s0 + o + 32), v128.load(s1 + o + 32), vb0, vb1, two);
          const t3 = linear4(v128.load(s0 + o + 48), v128.load(s1 + o + 48), vb0, vb1, two);
          v128.store(d + <usize>x, i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(t0, t1), i16x8.narrow_i32x4_s(t2, t3)));
        }
      }
      for (; x < rowLen; x++) {
        const o = <usize>x << 2;
        const t = (((load<i32>(s0 + o) >> 4) * b0) >> 16) + (((load<i32>(s1 + o) >> 4) * b1) >> 16);
        store<u8>(d + <usize>x, <u8>clampU8((t + 2) >> 2));
      }
      continue;
    }
    if (formula == V32_CUBIC) {
      const s0 = src + <usize>(load<i32>(rp) * srcStride);
      const s1 = src + <usize>(load<i32>(rp, 4) * srcStride);
      const s2 = src + <usize>(load<i32>(rp, 8) * srcStride);
      const s3 = src + <usize>(load<i32>(rp, 12) * srcStride);
      const sc: f32 = 1.0 / <f32>(1 << 22);
      const c0 = <f32>load<i32>(wp) * sc, c1 = <f32>load<i32>(wp, 4) * sc;
      const c2 = <f32>load<i32>(wp, 8) * sc, c3 = <f32>load<i32>(wp, 12) * sc;
      const vecEnd = rowLen & ~7;
      if (ASC_FEATURE_SIMD) {
        const v0 = f32x4.splat(c0), v1 = f32x4.splat(c1), v2 = f32x4.splat(c2), v3 = f32x4.splat(c3);
        for (; x + 8 <= vecEnd; x += 8) {
          const o = <usize>x << 2;
          const a = cubic4(v128.load(s0 + o), v128.load(s1 + o), v128.load(s2 + o), v128.load(s3 + o), v0, v1, v2, v3);
          const b = cubic4(v128.load(s0 + o + 16), v128.load(s1 + o + 16), v128.load(s2 + o + 16), v128.load(s3 + o + 16), v0, v1, v2, v3);
          const n = i16x8.narrow_i32x4_s(a, b);
          v128.store64_lane(d + <usize>x, i8x16.narrow_i16x8_u(n, n), 0);
        }
      }
      for (; x < vecEnd; x++) {
        const o = <usize>x << 2;
        let t: f32 = <f32>load<i32>(s3 + o) * c3;
        t = <f32>load<i32>(s2 + o) * c2 + t;
        t = <f32>load<i32>(s1 + o) * c1 + t;
        t = <f32>load<i32>(s0 + o) * c0 + t;
        store<u8>(d + <usize>x, <u8>clampU8(<i32>nearest<f32>(max<f32>(min<f32>(t, 1000.0), -1000.0))));
      }
    }
    for (; x < rowLen; x++) {
      const o = <usize>x << 2;
      let acc: i32 = 1 << 21;
      for (let t = 0; t < K; t++) {
        acc += load<i32>(src + <usize>(load<i32>(rp + (<usize>t << 2)) * srcStride) + o) * load<i32>(wp + (<usize>t << 2));
      }
      store<u8>(d + <usize>x, <u8>clampU8(acc >> 22));
    }
  }
}

// @ts-ignore: decorator
@inline
function linear4(s0: v128, s1: v128, b0: v128, b1: v128, two: v128): v128 {
  const t = i32x4.add(
    i32x4.shr_s(i32x4.mul(i32x4.shr_s(s0, 4), b0), 16),
    i32x4.shr_s(i32x4.mul(i32x4.shr_s(s1, 4), b1), 16),
  );
  return i32x4.shr_s(i32x4.add(t, two), 2);
}

// @ts-ignore: decorator
@inline
function cubic4(s0: v128, s1: v128, s2: v128, s3: v128, c0: v128, c1: v128, c2: v128, c3: v128): v128 {
  let t = f32x4.mul(f32x4.convert_i32x4_s(s3), c3);
  t = f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(s2), c2), t);
  t = f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(s1), c1), t);
  t = f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(s0), c0), t);
  return i32x4.trunc_sat_f32x4_s(f32x4.nearest(t));
}

// ---------------------------------------------------------------------------------------------
// Float passes (float32 images, and cv2 INTER_AREA for uint8, which OpenCV computes in float)
// ---------------------------------------------------------------------------------------------

/**
 * Horizontal pass to float32: out = sum over taps, in tap order, of p * wf (f32 arithmetic,
 * accumulator starting at 0), for `rows` output rows r read from source row rowMap[r]. The
 * source is uint8 (srcU8 = 1) or float32. Caller guarantees: plan as described at the top of
 * this file, taps inside [0, sw); src readable 16 bytes past its last pixel; no overlap.
 */
export function resampleHF(
  src: usize, dst: usize, sw: i32, ch: i32, srcStride: i32, dw: i32, dstStride: i32,
  rowMap: usize, rows: i32, idx: usize, wf: usize, K: i32, srcU8: i32,
): void {
  const bps = srcU8 ? 1 : 4;
  for (let r = 0; r < rows; r++) {
    const s = src + <usize>(load<i32>(rowMap + (<usize>r << 2)) * srcStride);
    const d = dst + <usize>(r * dstStride);
    if (ASC_FEATURE_SIMD) {
      if (ch == 4 || ch == 3) {
        for (let x = 0; x < dw; x++) {
          const ip = idx + <usize>(x * 12);
          const first = load<i32>(ip, 4);
          const n = load<i32>(ip, 8);
          let sp = s + <usize>((load<i32>(ip) + first) * ch * bps);
          const wp = wf + (<usize>(x * K + first) << 2);
          let acc = f32x4.splat(0);
          if (srcU8) {
            for (let t = 0; t < n; t++) {
              const p = f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(sp))));
              acc = f32x4.add(acc, f32x4.mul(p, v128.load32_splat(wp + (<usize>t << 2))));
              sp += <usize>ch;
            }
          } else {
            for (let t = 0; t < n; t++) {
              acc = f32x4.add(acc, f32x4.mul(v128.load(sp), v128.load32_splat(wp + (<usize>t << 2))));
              sp += <usize>(ch << 2);
            }
          }
          const o = d + (<usize>(x * ch) << 2);
          if (ch == 4) v128.store(o, acc);
          else {
            v128.store64_lane(o, acc, 0);
            v128.store32_lane(o + 8, acc, 2);
          }
        }
        continue;
      }
    }
    for (let x = 0; x < dw; x++) {
      const ip = idx + <usize>(x * 12);
      const first = load<i32>(ip, 4);
      const n = load<i32>(ip, 8);
      const p0 = (load<i32>(ip) + first) * ch;
      const wp = wf + (<usize>(x * K + first) << 2);
      for (let c = 0; c < ch; c++) {
        let acc: f32 = 0;
        for (let t = 0; t < n; t++) {
          const i = p0 + t * ch + c;
          const p: f32 = srcU8 ? <f32>load<u8>(s + <usize>i) : load<f32>(s + (<usize>i << 2));
          acc = acc + p * load<f32>(wp + (<usize>t << 2));
        }
        store<f32>(d + (<usize>(x * ch + c) << 2), acc);
      }
    }
  }
}

/**
 * Vertical pass from float32 rows: acc = sum over the cnt[y] taps, in tap order, of
 * src[rows[t]][x] * wf[t] (f32, accumulator starting at 0). Output:
 * - outU8 = 0: float32 acc * postScale;
 * - outU8 = 1: uint8 sat(round(acc * postScale)), round half to even (cvRound, halfUp = 0) or
 *   half up (halfUp = 1: cv2's 2x2 INTER_AREA, (sum + 2) >> 2).
 * rowLen = elements per row; strides in bytes. Caller guarantees: plan as described at the top
 * of this file; rows inside the source; no overlap.
 */
export function resampleVF(
  src: usize, dst: usize, rowLen: i32, srcStride: i32, dh: i32, dstStride: i32,
  cnt: usize, rowsIdx: usize, wf: usize, K: i32, outU8: i32, postScale: f32, halfUp: i32,
): void {
  for (let y = 0; y < dh; y++) {
    const n = load<i32>(cnt + (<usize>y << 2));
    const rp = rowsIdx + (<usize>(y * K) << 2);
    const wp = wf + (<usize>(y * K) << 2);
    const d = dst + <usize>(y * dstStride);
    let x = 0;
    if (ASC_FEATURE_SIMD) {
      const ps = f32x4.splat(postScale);
      const half = f32x4.splat(0.5);
      for (; x + 4 <= rowLen; x += 4) {
        const o = <usize>x << 2;
        let acc = f32x4.splat(0);
        for (let t = 0; t < n; t++) {
          const row = src + <usize>(load<i32>(rp + (<usize>t << 2)) * srcStride);
          acc = f32x4.add(acc, f32x4.mul(v128.load(row + o), v128.load32_splat(wp + (<usize>t << 2))));
        }
        acc = f32x4.mul(acc, ps);
        if (outU8) {
          const r = halfUp ? f32x4.floor(f32x4.add(acc, half)) : f32x4.nearest(acc);
          const i = i32x4.trunc_sat_f32x4_s(r);
          const n16 = i16x8.narrow_i32x4_s(i, i);
          v128.store32_lane(d + <usize>x, i8x16.narrow_i16x8_u(n16, n16), 0);
        } else {
          v128.store(d + o, acc);
        }
      }
    }
    for (; x < rowLen; x++) {
      const o = <usize>x << 2;
      let acc: f32 = 0;
      for (let t = 0; t < n; t++) {
        acc = acc + load<f32>(src + <usize>(load<i32>(rp + (<usize>t << 2)) * srcStride) + o) * load<f32>(wp + (<usize>t << 2));
      }
      acc = acc * postScale;
      if (outU8) {
        const r: f32 = halfUp ? Mathf.floor(acc + 0.5) : nearest<f32>(acc);
        store<u8>(d + <usize>x, <u8>clampU8(<i32>max<f32>(min<f32>(r, 1000.0), -1000.0)));
      } else {
        store<f32>(d + o, acc);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Nearest neighbour (a gather: memory moves only)
// ---------------------------------------------------------------------------------------------

/**
 * Nearest-neighbour resize by index tables: dst(x, y) = src(xIdx[x], yIdx[y]), pixels of bpp
 * bytes (any dtype). A row whose source row equals the previous one is copied from the previous
 * output row. Caller guarantees: xIdx (dw i32) in [0, sw), yIdx (dh i32) in [0, sh); no overlap.
 */
export function resizeNearest(
  src: usize, dst: usize, bpp: i32, srcStride: i32, dw: i32, dh: i32, dstStride: i32, xIdx: usize, yIdx: usize,
): void {
  const rowBytes = <usize>(dw * bpp);
  for (let y = 0; y < dh; y++) {
    const sy = load<i32>(yIdx + (<usize>y << 2));
    const d = dst + <usize>(y * dstStride);
    if (y > 0 && sy == load<i32>(yIdx + (<usize>(y - 1) << 2))) {
      memory.copy(d, d - <usize>dstStride, rowBytes);
      continue;
    }
    const s = src + <usize>(sy * srcStride);
    if (bpp == 4) {
      for (let x = 0; x < dw; x++) store<u32>(d + (<usize>x << 2), load<u32>(s + (<usize>load<i32>(xIdx + (<usize>x << 2)) << 2)));
    } else if (bpp == 1) {
      for (let x = 0; x < dw; x++) store<u8>(d + <usize>x, load<u8>(s + <usize>load<i32>(xIdx + (<usize>x << 2))));
    } else if (bpp == 3) {
      for (let x = 0; x < dw; x++) {
        const p = s + <usize>(load<i32>(xIdx + (<usize>x << 2)) * 3);
        const o = d + <usize>(x * 3);
        store<u16>(o, load<u16>(p));
        store<u8>(o, load<u8>(p, 2), 2);
      }
    } else if (bpp == 16) {
      for (let x = 0; x < dw; x++) {
        const o = d + (<usize>x << 4);
        const p = s + (<usize>load<i32>(xIdx + (<usize>x << 2)) << 4);
        store<u64>(o, load<u64>(p));
        store<u64>(o, load<u64>(p, 8), 8);
      }
    } else {
      for (let x = 0; x < dw; x++) memory.copy(d + <usize>(x * bpp), s + <usize>(load<i32>(xIdx + (<usize>x << 2)) * bpp), <usize>bpp);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Premultiplied alpha (Pillow's RGBA -> RGBa -> RGBA conversions around a resample)
// ---------------------------------------------------------------------------------------------

/**
 * In place: every colour channel c of a pixel whose last channel is alpha a becomes
 * MULDIV255(c, a) = ((t >> 8) + t) >> 8 with t = c * a + 128, i.e. round(c * a / 255) exactly
 * (Pillow's rgbA2rgba). Caller guarantees: ch >= 2; w x h pixels at byte stride `stride`.
 */
export function premultiplyU8(ptr: usize, w: i32, h: i32, ch: i32, stride: i32): void {
  for (let y = 0; y < h; y++) {
    const row = ptr + <usize>(y * stride);
    let x = 0;
    if (ASC_FEATURE_SIMD) {
      if (ch == 4) {
        // 4 pixels; multiplier lanes a0 a0 a0 255 a1 a1 a1 255 ... (MULDIV255(a, 255) = a)
        const k255 = i8x16.splat(-1);
        const k128 = i16x8.splat(128);
        for (; x + 4 <= w; x += 4) {
          const p = row + (<usize>x << 2);
          const v = v128.load(p);
          const a = i8x16.shuffle(v, k255, 3, 3, 3, 16, 7, 7, 7, 16, 11, 11, 11, 16, 15, 15, 15, 16);
          const tl = i16x8.add(i16x8.extmul_low_i8x16_u(v, a), k128);
          const th = i16x8.add(i16x8.extmul_high_i8x16_u(v, a), k128);
          const rl = i16x8.shr_u(i16x8.add(i16x8.shr_u(tl, 8), tl), 8);
          const rh = i16x8.shr_u(i16x8.add(i16x8.shr_u(th, 8), th), 8);
          v128.store(p, i8x16.narrow_i16x8_u(rl, rh));
        }
      }
    }
    for (; x < w; x++) {
      const p = row + <usize>(x * ch);
      const a = <u32>load<u8>(p + <usize>(ch - 1));
      for (let c = 0; c < ch - 1; c++) {
        const t = <u32>load<u8>(p + <usize>c) * a + 128;
        store<u8>(p + <usize>c, <u8>(((t >> 8) + t) >> 8));
      }
    }
  }
}

/**
 * In place: undoes premultiplyU8 as Pillow's rgba2rgbA does: for alpha a not 0 or 255, every
 * colour channel c becomes min(255, floor(255 * c / a)) (truncating division); pixels with
 * a = 0 or 255 are unchanged. The vector path divides in f32, which is exact here: 255c < 2^16,
 * so floor(f32(255c / a)) = floor(255c / a). Caller guarantees as premultiplyU8.
 */
export function unpremultiplyU8(ptr: usize, w: i32, h: i32, ch: i32, stride: i32): void {
  for (let y = 0; y < h; y++) {
    const row = ptr + <usize>(y * stride);
    let x = 0;
    if (ASC_FEATURE_SIMD) {
      if (ch == 4) {
        for (; x + 4 <= w; x += 4) {
          const p = row + (<usize>x << 2);
          const v = v128.load(p);
          // bytes r0 g0 b0 a0 r1 ... -> four f32x4 pixels [r g b a]
          const lo = i16x8.extend_low_i8x16_u(v), hi = i16x8.extend_high_i8x16_u(v);
          const r0 = unpremul4(i32x4.extend_low_i16x8_u(lo));
          const r1 = unpremul4(i32x4.extend_high_i16x8_u(lo));
          const r2 = unpremul4(i32x4.extend_low_i16x8_u(hi));
          const r3 = unpremul4(i32x4.extend_high_i16x8_u(hi));
          v128.store(p, i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(r0, r1), i16x8.narrow_i32x4_s(r2, r3)));
        }
      }
    }
    for (; x < w; x++) {
      const p = row + <usize>(x * ch);
      const a = <u32>load<u8>(p + <usize>(ch - 1));
      if (a == 0 || a == 255) continue;
      for (let c = 0; c < ch - 1; c++) {
        const v = (255 * <u32>load<u8>(p + <usize>c)) / a;
        store<u8>(p + <usize>c, <u8>(v > 255 ? 255 : v));
      }
    }
  }
}

/** One RGBA pixel as i32 lanes [r g b a] -> un-premultiplied (a kept; a = 0 or 255: unchanged). */
// @ts-ignore: decorator
@inline
function unpremul4(px: v128): v128 {
  const f = f32x4.convert_i32x4_u(px);
  const a = v128.shuffle<f32>(f, f, 3, 3, 3, 3);
  const k255 = f32x4.splat(255);
  const q = i32x4.trunc_sat_f32x4_s(f32x4.min(f32x4.floor(f32x4.div(f32x4.mul(f, k255), a)), k255));
  const ai = i32x4.splat(i32x4.extract_lane(px, 3));
  const keep = v128.or(v128.or(i32x4.eq(ai, i32x4.splat(0)), i32x4.eq(ai, i32x4.splat(255))), i32x4(0, 0, 0, -1));
  return v128.bitselect(px, q, keep);
}

/**
 * In place, float32: colour channels multiplied by alpha (the last channel); with
 * `inverse = 1` divided by alpha where alpha != 0 (left unchanged where alpha = 0).
 * Caller guarantees: ch >= 2; w x h pixels at byte stride `stride`.
 */
export function premultiplyF32(ptr: usize, w: i32, h: i32, ch: i32, stride: i32, inverse: i32): void {
  for (let y = 0; y < h; y++) {
    const row = ptr + <usize>(y * stride);
    for (let x = 0; x < w; x++) {
      const p = row + (<usize>(x * ch) << 2);
      const a = load<f32>(p + (<usize>(ch - 1) << 2));
      if (inverse && a == 0) continue;
      for (let c = 0; c < ch - 1; c++) {
        const q = p + (<usize>c << 2);
        store<f32>(q, inverse ? load<f32>(q) / a : load<f32>(q) * a);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Exact 2x shrink: the mean of each 2x2 block (cv2 INTER_AREA's fast path, also what an exact
// 2x INTER_LINEAR shrink becomes in cv2.resize)
// ---------------------------------------------------------------------------------------------

/**
 * dst(x, y, c) = (s(2x, 2y) + s(2x+1, 2y) + s(2x, 2y+1) + s(2x+1, 2y+1) + 2) >> 2 per channel:
 * the 2x2 box mean rounded half up, which is cv2.resize's resizeAreaFast for 1, 3 and 4 channels
 * (and so equal to the areaResize path of src/ops/resize.ts with halfUp). Sums stay below
 * 4 * 255 + 2 = 1022, so 16-bit lanes hold them.
 * SIMD: 4 channels take 8 source pixels (two v128 per row) to 4 output pixels; 1 channel takes
 * 32 source bytes to 16 output bytes with pairwise adds; other channel counts and the row tails
 * run the scalar loop, which is the whole kernel in the scalar build.
 * Caller guarantees: dw, dh, ch >= 1; src holds 2 dh rows of 2 dw ch bytes at srcStride; dst holds
 * dh rows of dw ch bytes at dstStride; no overlap.
 */
export function box2xU8(src: usize, dst: usize, dw: i32, dh: i32, ch: i32, srcStride: i32, dstStride: i32): void {
  const n = dw * ch; // output bytes per row
  for (let y = 0; y < dh; y++) {
    const r0 = src + <usize>(2 * y * srcStride);
    const r1 = r0 + <usize>srcStride;
    const d = dst + <usize>(y * dstStride);
    let i = 0; // output byte index
    if (ASC_FEATURE_SIMD) {
      const two = i16x8.splat(2);
      if (ch == 4) {
        // source bytes 2i .. 2i+31 = pixels P0..P7 (RGBA); output bytes i .. i+15 = 4 pixels
        for (; i + 16 <= n; i += 16) {
          const s = <usize>(i << 1);
          const a0 = v128.load(r0 + s), a1 = v128.load(r1 + s);
          const b0 = v128.load(r0 + s + 16), b1 = v128.load(r1 + s + 16);
          // column sums, u16 lanes: [P0 rgba | P1 rgba], [P2 | P3], [P4 | P5], [P6 | P7]
          const lo = i16x8.add(i16x8.extend_low_i8x16_u(a0), i16x8.extend_low_i8x16_u(a1));
          const hi = i16x8.add(i16x8.extend_high_i8x16_u(a0), i16x8.extend_high_i8x16_u(a1));
          const lo2 = i16x8.add(i16x8.extend_low_i8x16_u(b0), i16x8.extend_low_i8x16_u(b1));
          const hi2 = i16x8.add(i16x8.extend_high_i8x16_u(b0), i16x8.extend_high_i8x16_u(b1));
          // [P0 | P2] + [P1 | P3] = [out0 | out1]; [P4 | P6] + [P5 | P7] = [out2 | out3]
          const e = i16x8.add(
            v128.shuffle<i16>(lo, hi, 0, 1, 2, 3, 8, 9, 10, 11),
            v128.shuffle<i16>(lo, hi, 4, 5, 6, 7, 12, 13, 14, 15),
          );
          const f = i16x8.add(
            v128.shuffle<i16>(lo2, hi2, 0, 1, 2, 3, 8, 9, 10, 11),
            v128.shuffle<i16>(lo2, hi2, 4, 5, 6, 7, 12, 13, 14, 15),
          );
          const re = i16x8.shr_u(i16x8.add(e, two), 2);
          const rf = i16x8.shr_u(i16x8.add(f, two), 2);
          v128.store(d + <usize>i, i8x16.narrow_i16x8_u(re, rf));
        }
      } else if (ch == 1) {
        // source bytes 2i .. 2i+31; pairwise sums of adjacent bytes are adjacent pixels
        for (; i + 16 <= n; i += 16) {
          const s = <usize>(i << 1);
          const e = i16x8.add(i16x8.extadd_pairwise_i8x16_u(v128.load(r0 + s)), i16x8.extadd_pairwise_i8x16_u(v128.load(r1 + s)));
          const f = i16x8.add(i16x8.extadd_pairwise_i8x16_u(v128.load(r0 + s + 16)), i16x8.extadd_pairwise_i8x16_u(v128.load(r1 + s + 16)));
          v128.store(d + <usize>i, i8x16.narrow_i16x8_u(i16x8.shr_u(i16x8.add(e, two), 2), i16x8.shr_u(i16x8.add(f, two), 2)));
        }
      }
    }
    // scalar: output byte i = pixel x = i / ch, channel c = i % ch; source bytes 2x ch + c and
    // (2x + 1) ch + c = 2i - c and 2i - c + ch
    for (let x = i / ch; x < dw; x++) {
      const s = <usize>(2 * x * ch);
      for (let c = 0; c < ch; c++) {
        const p = s + <usize>c;
        const sum = <u32>load<u8>(r0 + p) + <u32>load<u8>(r0 + p + <usize>ch) + <u32>load<u8>(r1 + p) + <u32>load<u8>(r1 + p + <usize>ch);
        store<u8>(d + <usize>(x * ch + c), <u8>((sum + 2) >> 2));
      }
    }
  }
}
