// Pixel noise: gaussian, uniform, speckle (multiplicative), poisson (shot noise), salt and pepper.
//
// Every kernel works in two steps per chunk of at most CHUNK elements of a row:
//   1. generate: the noise values of the chunk's element (or pixel) indices into a scratch buffer,
//      with the counter-based generator of random.ts (value of index i depends on i and the key
//      only; see the contract there);
//   2. apply: combine each sample with its noise value (v128 path, then the shared scalar tail).
// The noise index of element (x, y, c) is y * width * channels + x * channels + c, or the pixel
// index y * width + x when one value is shared by the channels of a pixel (OPT_PER_PIXEL). So the
// output does not depend on SIMD width, chunk size or how the caller splits rows, and the SIMD
// build equals the scalar build byte for byte for uint8 and float32 (test/noise.test.js).
//
// uint8 results: v computed in float32, then floor(v + 0.5) saturated to 0..255 (round half up).
// float32 results: v as computed, clamped to [0, 1] only with OPT_CLIP.
// With OPT_KEEP_ALPHA the last channel of every pixel is copied from the source unchanged (its
// noise values are still generated, so the colour channels do not depend on this option).

import { fillNormal, fillUniform, fillWords } from './random';
import { expf } from './mathf';

/** Noise kinds (the `kind` argument). */
export const NOISE_GAUSSIAN: i32 = 0; // v = p + (a + b z),  z ~ N(0, 1):  a = mean, b = sigma
export const NOISE_UNIFORM: i32 = 1; //  v = p + (a + b u),  u ~ U[0, 1):  a = low,  b = high - low
export const NOISE_SPECKLE: i32 = 2; //  v = p + p (a + b z):              a = mean, b = sigma
export const NOISE_POISSON: i32 = 3; //  v = b K, K ~ Poisson(max(p, 0) a): a = photons per unit, b = 1 / a

/** Option bits (the `opts` argument). */
export const OPT_KEEP_ALPHA: i32 = 1;
export const OPT_PER_PIXEL: i32 = 2;
export const OPT_CLIP: i32 = 4;

/** Poisson: exact inversion below this mean, normal approximation K = max(0, floor(lam +
 * sqrt(lam) z + 1/2)) at and above it. */
export const POISSON_EXACT_BELOW: f32 = 64.0;
/** Poisson inversion stops at this count (P(K >= 256 | lam < 64) < 1e-60). */
const POISSON_KMAX: f32 = 256.0;

const CHUNK: i32 = 4096; // elements per chunk: 16 KiB of float32 noise, stays in L1
const NOISE = memory.data(CHUNK * 4 + 64, 16); // per-element noise values (or words)
const AUX = memory.data(CHUNK * 4 + 64, 16); // per-pixel values before expansion; poisson normals

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

/** Copies each of the np 32-bit values at `from` c times: to[p * c + k] = from[p]. */
function expand32(from: usize, to: usize, np: i32, c: i32): void {
  let p = 0;
  if (ASC_FEATURE_SIMD) {
    if (c == 4) {
      // v = n0 n1 n2 n3  ->  n0 n0 n0 n0 | n1 n1 n1 n1 | n2 ... | n3 ...
      for (; p + 4 <= np; p += 4) {
        const v = v128.load(from + (<usize>p << 2));
        const d = to + (<usize>p << 4);
        v128.store(d, v128.shuffle<u32>(v, v, 0, 0, 0, 0));
        v128.store(d, v128.shuffle<u32>(v, v, 1, 1, 1, 1), 16);
        v128.store(d, v128.shuffle<u32>(v, v, 2, 2, 2, 2), 32);
        v128.store(d, v128.shuffle<u32>(v, v, 3, 3, 3, 3), 48);
      }
    } else if (c == 2) {
      // v = n0 n1 n2 n3  ->  n0 n0 n1 n1 | n2 n2 n3 n3
      for (; p + 4 <= np; p += 4) {
        const v = v128.load(from + (<usize>p << 2));
        const d = to + (<usize>p << 3);
        v128.store(d, v128.shuffle<u32>(v, v, 0, 0, 1, 1));
        v128.store(d, v128.shuffle<u32>(v, v, 2, 2, 3, 3), 16);
      }
    }
  }
  for (; p < np; p++) {
    const v = load<u32>(from + (<usize>p << 2));
    const d = to + (<usize>(p * c) << 2);
    for (let k = 0; k < c; k++) store<u32>(d + (<usize>k << 2), v);
  }
}

/** Copies the last channel of each of the w pixels of a row (bytes per sample `bytes`). */
export function restoreAlpha(s: usize, d: usize, w: i32, c: i32, bytes: i32): void {
  const step = <usize>(c * bytes);
  const off = <usize>((c - 1) * bytes);
  if (bytes == 1) {
    for (let x = 0; x < w; x++) store<u8>(d + off + <usize>x * step, load<u8>(s + off + <usize>x * step));
  } else {
    for (let x = 0; x < w; x++) store<u32>(d + off + <usize>x * step, load<u32>(s + off + <usize>x * step));
  }
}

/**
 * uint8 result of a float32 value: floor(v + 0.5) clamped to 0..255 (round half up, saturate).
 * Caller guarantees: v is not NaN (src/ops/noise.ts bounds every parameter by 1e6 so that no
 * inf - inf or 0 * inf arises); then this equals packU8 lane for lane (both saturate: i32
 * conversion saturates, then the clamp). The clamp is done on the integer
 * (a cmov) because V8's f32.min/max branch on NaN and signed zeros.
 */
// @ts-ignore: decorator
@inline
function toU8(v: f32): u8 {
  const i = <i32>Mathf.floor(v + <f32>0.5);
  return <u8>(i < 0 ? 0 : i > 255 ? 255 : i);
}

/**
 * 16 uint8 results from four f32x4 (lanes in order), as toU8: y = floor(v + 0.5), clamped to
 * [0, 255] with pmax / pmin (single maxps / minps), then the magic-number conversion: y + 2^23
 * has y in its low mantissa bits, so bits(y + 2^23) - bits(2^23) = y (exact for 0 <= y < 2^23),
 * and the saturating narrows pack the bytes: i32 -> i16 (packssdw), i16 -> u8 (packuswb).
 */
// @ts-ignore: decorator
@inline
function packU8(v0: v128, v1: v128, v2: v128, v3: v128): v128 {
  const h = f32x4.splat(0.5);
  const lo = f32x4.splat(0.0);
  const hi = f32x4.splat(255.0);
  const magic = f32x4.splat(8388608.0);
  const mbits = i32x4.splat(0x4b000000);
  const r0 = i32x4.sub(f32x4.add(f32x4.pmin(f32x4.pmax(f32x4.floor(f32x4.add(v0, h)), lo), hi), magic), mbits);
  const r1 = i32x4.sub(f32x4.add(f32x4.pmin(f32x4.pmax(f32x4.floor(f32x4.add(v1, h)), lo), hi), magic), mbits);
  const r2 = i32x4.sub(f32x4.add(f32x4.pmin(f32x4.pmax(f32x4.floor(f32x4.add(v2, h)), lo), hi), magic), mbits);
  const r3 = i32x4.sub(f32x4.add(f32x4.pmin(f32x4.pmax(f32x4.floor(f32x4.add(v3, h)), lo), hi), magic), mbits);
  return i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(r0, r1), i16x8.narrow_i32x4_s(r2, r3));
}

/** Lane group g (0..3) of 16 uint8 samples as float32: bytes 4g .. 4g+3 of px. */
// @ts-ignore: decorator
@inline
function widen(px: v128, g: i32): v128 {
  const h = g < 2 ? i16x8.extend_low_i8x16_u(px) : i16x8.extend_high_i8x16_u(px);
  return f32x4.convert_i32x4_s((g & 1) == 0 ? i32x4.extend_low_i16x8_u(h) : i32x4.extend_high_i16x8_u(h));
}

// ---------------------------------------------------------------------------------------------
// apply steps: n elements of one chunk, noise values at NOISE (and AUX for poisson)
// ---------------------------------------------------------------------------------------------

/** uint8 additive: out = u8(p + n). */
function addU8(s: usize, d: usize, n: i32): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    for (; j + 16 <= n; j += 16) {
      const px = v128.load(s + <usize>j);
      const q = NOISE + (<usize>j << 2);
      v128.store(d + <usize>j, packU8(
        f32x4.add(widen(px, 0), v128.load(q)),
        f32x4.add(widen(px, 1), v128.load(q, 16)),
        f32x4.add(widen(px, 2), v128.load(q, 32)),
        f32x4.add(widen(px, 3), v128.load(q, 48)),
      ));
    }
  }
  for (; j < n; j++) {
    store<u8>(d + <usize>j, toU8(<f32>load<u8>(s + <usize>j) + load<f32>(NOISE + (<usize>j << 2))));
  }
}

/** uint8 multiplicative (speckle): out = u8(p + p * n). */
function mulU8(s: usize, d: usize, n: i32): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    for (; j + 16 <= n; j += 16) {
      const px = v128.load(s + <usize>j);
      const q = NOISE + (<usize>j << 2);
      const p0 = widen(px, 0), p1 = widen(px, 1), p2 = widen(px, 2), p3 = widen(px, 3);
      v128.store(d + <usize>j, packU8(
        f32x4.add(p0, f32x4.mul(p0, v128.load(q))),
        f32x4.add(p1, f32x4.mul(p1, v128.load(q, 16))),
        f32x4.add(p2, f32x4.mul(p2, v128.load(q, 32))),
        f32x4.add(p3, f32x4.mul(p3, v128.load(q, 48))),
      ));
    }
  }
  for (; j < n; j++) {
    const p = <f32>load<u8>(s + <usize>j);
    store<u8>(d + <usize>j, toU8(p + p * load<f32>(NOISE + (<usize>j << 2))));
  }
}

/** float32 additive / multiplicative, optional clip to [0, 1]. */
function applyF32(s: usize, d: usize, n: i32, mul: bool, clip: bool): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const zero = f32x4.splat(0.0);
    const one = f32x4.splat(1.0);
    for (; j + 4 <= n; j += 4) {
      const o = <usize>j << 2;
      const p = v128.load(s + o);
      const q = v128.load(NOISE + o);
      let v = mul ? f32x4.add(p, f32x4.mul(p, q)) : f32x4.add(p, q);
      if (clip) v = f32x4.min(f32x4.max(v, zero), one);
      v128.store(d + o, v);
    }
  }
  for (; j < n; j++) {
    const o = <usize>j << 2;
    const p = load<f32>(s + o);
    const q = load<f32>(NOISE + o);
    let v = mul ? p + p * q : p + q;
    if (clip) v = min(max(v, <f32>0.0), <f32>1.0);
    store<f32>(d + o, v);
  }
}

/**
 * One Poisson count with mean lam >= 0 from a uniform u (inversion) or, for lam >= 64, a normal
 * z: K = smallest k with u < P(K <= k) (float32 running sums, capped at 256), or
 * max(0, floor(lam + sqrt(lam) z + 1/2)).
 */
// @ts-ignore: decorator
@inline
function poissonCount(lam: f32, u: f32, z: f32): f32 {
  if (lam >= POISSON_EXACT_BELOW) return max(Mathf.floor(lam + Mathf.sqrt(lam) * z + <f32>0.5), <f32>0.0);
  let pk = expf(-lam);
  let cdf = pk;
  let k: f32 = 0.0;
  while (u >= cdf && k < POISSON_KMAX) {
    k += 1.0;
    pk = (pk * lam) / k;
    cdf += pk;
  }
  return k;
}

/** Poisson, both dtypes: uniforms at NOISE, normals at AUX. lam = max(p, 0) * a, v = K * b. */
function poissonApply(s: usize, d: usize, n: i32, isF32: bool, clip: bool, a: f32, b: f32): void {
  for (let j = 0; j < n; j++) {
    const o = <usize>j << 2;
    const p = isF32 ? load<f32>(s + o) : <f32>load<u8>(s + <usize>j);
    const lam = max(p, <f32>0.0) * a;
    const v = poissonCount(lam, load<f32>(NOISE + o), load<f32>(AUX + o)) * b;
    if (isF32) store<f32>(d + o, clip ? min(max(v, <f32>0.0), <f32>1.0) : v);
    else store<u8>(d + <usize>j, toU8(v));
  }
}

// ---------------------------------------------------------------------------------------------
// the kernels
// ---------------------------------------------------------------------------------------------

/** Noise values of elements [e, e + n) into NOISE (per pixel: pixels [e / c, (e + n) / c)). */
// @ts-ignore: decorator
@inline
function generate(kind: i32, perPixel: bool, c: i32, e: u32, n: i32, a: f32, b: f32, k0: u32, k1: u32): void {
  if (kind == NOISE_POISSON) {
    fillUniform(NOISE, n, e, 1, k0, k1, 0.0, 1.0);
    fillNormal(AUX, n, e, 2, k0, k1, 0.0, 1.0);
    return;
  }
  const uniform = kind == NOISE_UNIFORM;
  if (perPixel && c > 1) {
    const np = n / c;
    const p0 = e / <u32>c;
    if (uniform) fillUniform(AUX, np, p0, 1, k0, k1, a, b);
    else fillNormal(AUX, np, p0, 1, k0, k1, a, b);
    expand32(AUX, NOISE, np, c);
  } else if (uniform) {
    fillUniform(NOISE, n, e, 1, k0, k1, a, b);
  } else {
    fillNormal(NOISE, n, e, 1, k0, k1, a, b);
  }
}

// @ts-ignore: decorator
@inline
function noiseRows(
  isF32: bool, src: usize, dst: usize, rowLen: i32, rows: i32, srcStride: i32, dstStride: i32,
  c: i32, kind: i32, opts: i32, a: f32, b: f32, k0: u32, k1: u32,
): void {
  const perPixel = (opts & OPT_PER_PIXEL) != 0 && kind != NOISE_POISSON;
  const clip = (opts & OPT_CLIP) != 0;
  const bytes = isF32 ? 4 : 1;
  const chunk = perPixel ? (CHUNK / c) * c : CHUNK;
  for (let y = 0; y < rows; y++) {
    const s = src + <usize>(y * srcStride);
    const d = dst + <usize>(y * dstStride);
    const e0 = <u32>y * <u32>rowLen;
    for (let j0 = 0; j0 < rowLen; j0 += chunk) {
      const n = min(chunk, rowLen - j0);
      generate(kind, perPixel, c, e0 + <u32>j0, n, a, b, k0, k1);
      const so = s + <usize>(j0 * bytes);
      const dO = d + <usize>(j0 * bytes);
      if (kind == NOISE_POISSON) poissonApply(so, dO, n, isF32, clip, a, b);
      else if (isF32) applyF32(so, dO, n, kind == NOISE_SPECKLE, clip);
      else if (kind == NOISE_SPECKLE) mulU8(so, dO, n);
      else addU8(so, dO, n);
    }
    if ((opts & OPT_KEEP_ALPHA) != 0 && c > 1) restoreAlpha(s, d, rowLen / c, c, bytes);
  }
}

/**
 * Additive / multiplicative / shot noise on uint8 samples (see NOISE_* for the formula of each
 * kind and what a, b mean; OPT_* for opts). rowLen = width * channels elements per row; element
 * (row y, offset j) has noise index y * rowLen + j (per pixel: (y * rowLen + j) / c). Pass a
 * dense image as one row of width * height * channels elements.
 * Caller guarantees: rows of rowLen bytes at the given byte strides inside memory; rowLen a
 * multiple of c; rows * rowLen <= 2^32; c >= 1; src and dst do not overlap.
 */
export function noiseU8(src: usize, dst: usize, rowLen: i32, rows: i32, srcStride: i32, dstStride: i32,
  c: i32, kind: i32, opts: i32, a: f32, b: f32, k0: u32, k1: u32): void {
  noiseRows(false, src, dst, rowLen, rows, srcStride, dstStride, c, kind, opts, a, b, k0, k1);
}

/**
 * noiseU8 for float32 samples (strides in bytes, 4-byte aligned pointers); OPT_CLIP clamps to [0, 1].
 * Caller guarantees: as noiseU8, with 4-byte samples.
 */
export function noiseF32(src: usize, dst: usize, rowLen: i32, rows: i32, srcStride: i32, dstStride: i32,
  c: i32, kind: i32, opts: i32, a: f32, b: f32, k0: u32, k1: u32): void {
  noiseRows(true, src, dst, rowLen, rows, srcStride, dstStride, c, kind, opts, a, b, k0, k1);
}

// ---------------------------------------------------------------------------------------------
// salt and pepper
// ---------------------------------------------------------------------------------------------

/**
 * Salt and pepper with thresholds on m = word(i) >>> 8 (24 bits): m < tSalt -> saltValue,
 * tSalt <= m < tFlip -> pepperValue, else unchanged. So P(replaced) = tFlip / 2^24 and
 * P(salt) = tSalt / 2^24 (src/ops/noise.ts: tFlip = ceil(amount 2^24), tSalt = ceil(amount
 * saltVsPepper 2^24)). Field 1; index = element index, or pixel index with OPT_PER_PIXEL.
 * Caller guarantees: as noiseU8; tSalt <= tFlip <= 2^24.
 */
export function saltPepperU8(src: usize, dst: usize, rowLen: i32, rows: i32, srcStride: i32, dstStride: i32,
  c: i32, opts: i32, tSalt: u32, tFlip: u32, saltValue: u32, pepperValue: u32, k0: u32, k1: u32): void {
  saltPepperRows(false, src, dst, rowLen, rows, srcStride, dstStride, c, opts, tSalt, tFlip,
    <f32>saltValue, <f32>pepperValue, k0, k1);
}

/** saltPepperU8 for float32 samples. Caller guarantees: as saltPepperU8, with 4-byte samples. */
export function saltPepperF32(src: usize, dst: usize, rowLen: i32, rows: i32, srcStride: i32, dstStride: i32,
  c: i32, opts: i32, tSalt: u32, tFlip: u32, saltValue: f32, pepperValue: f32, k0: u32, k1: u32): void {
  saltPepperRows(true, src, dst, rowLen, rows, srcStride, dstStride, c, opts, tSalt, tFlip, saltValue, pepperValue, k0, k1);
}

// @ts-ignore: decorator
@inline
function saltPepperRows(
  isF32: bool, src: usize, dst: usize, rowLen: i32, rows: i32, srcStride: i32, dstStride: i32,
  c: i32, opts: i32, tSalt: u32, tFlip: u32, sv: f32, pv: f32, k0: u32, k1: u32,
): void {
  const perPixel = (opts & OPT_PER_PIXEL) != 0 && c > 1;
  const bytes = isF32 ? 4 : 1;
  const chunk = perPixel ? (CHUNK / c) * c : CHUNK;
  for (let y = 0; y < rows; y++) {
    const s = src + <usize>(y * srcStride);
    const d = dst + <usize>(y * dstStride);
    const e0 = <u32>y * <u32>rowLen;
    for (let j0 = 0; j0 < rowLen; j0 += chunk) {
      const n = min(chunk, rowLen - j0);
      const e = e0 + <u32>j0;
      if (perPixel) {
        fillWords(AUX, n / c, e / <u32>c, 1, k0, k1);
        expand32(AUX, NOISE, n / c, c);
      } else {
        fillWords(NOISE, n, e, 1, k0, k1);
      }
      const so = s + <usize>(j0 * bytes);
      const dO = d + <usize>(j0 * bytes);
      if (isF32) saltPepperApplyF32(so, dO, n, tSalt, tFlip, sv, pv);
      else saltPepperApplyU8(so, dO, n, tSalt, tFlip, <u8>sv, <u8>pv);
    }
    if ((opts & OPT_KEEP_ALPHA) != 0 && c > 1) restoreAlpha(s, d, rowLen / c, c, bytes);
  }
}

function saltPepperApplyU8(s: usize, d: usize, n: i32, tSalt: u32, tFlip: u32, sv: u8, pv: u8): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const ts = i32x4.splat(tSalt);
    const tf = i32x4.splat(tFlip);
    const vs = i8x16.splat(sv);
    const vp = i8x16.splat(pv);
    for (; j + 16 <= n; j += 16) {
      const q = NOISE + (<usize>j << 2);
      const m0 = i32x4.shr_u(v128.load(q), 8);
      const m1 = i32x4.shr_u(v128.load(q, 16), 8);
      const m2 = i32x4.shr_u(v128.load(q, 32), 8);
      const m3 = i32x4.shr_u(v128.load(q, 48), 8);
      // 32-bit lane masks (0 or -1) narrowed to byte masks, lanes in element order
      const salt = i8x16.narrow_i16x8_s(
        i16x8.narrow_i32x4_s(i32x4.lt_s(m0, ts), i32x4.lt_s(m1, ts)),
        i16x8.narrow_i32x4_s(i32x4.lt_s(m2, ts), i32x4.lt_s(m3, ts)));
      const flip = i8x16.narrow_i16x8_s(
        i16x8.narrow_i32x4_s(i32x4.lt_s(m0, tf), i32x4.lt_s(m1, tf)),
        i16x8.narrow_i32x4_s(i32x4.lt_s(m2, tf), i32x4.lt_s(m3, tf)));
      v128.store(d + <usize>j, v128.bitselect(v128.bitselect(vs, vp, salt), v128.load(s + <usize>j), flip));
    }
  }
  for (; j < n; j++) {
    const m = load<u32>(NOISE + (<usize>j << 2)) >>> 8;
    const p = load<u8>(s + <usize>j);
    store<u8>(d + <usize>j, m < tFlip ? (m < tSalt ? sv : pv) : p);
  }
}

function saltPepperApplyF32(s: usize, d: usize, n: i32, tSalt: u32, tFlip: u32, sv: f32, pv: f32): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const ts = i32x4.splat(tSalt);
    const tf = i32x4.splat(tFlip);
    const vs = f32x4.splat(sv);
    const vp = f32x4.splat(pv);
    for (; j + 4 <= n; j += 4) {
      const o = <usize>j << 2;
      const m = i32x4.shr_u(v128.load(NOISE + o), 8);
      v128.store(d + o, v128.bitselect(v128.bitselect(vs, vp, i32x4.lt_s(m, ts)), v128.load(s + o), i32x4.lt_s(m, tf)));
    }
  }
  for (; j < n; j++) {
    const o = <usize>j << 2;
    const m = load<u32>(NOISE + o) >>> 8;
    store<f32>(d + o, m < tFlip ? (m < tSalt ? sv : pv) : load<f32>(s + o));
  }
}
