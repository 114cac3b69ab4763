// Counter-based random numbers for pixel noise: Philox4x32-10 and the uniform / normal variates
// built on it, in a scalar and a 4-block v128 version that give identical bits.
//
// Philox4x32-10: J. K. Salmon, M. A. Moraes, R. O. Dror, D. E. Shaw, "Parallel random numbers:
// as easy as 1, 2, 3", SC'11 (https://doi.org/10.1145/2063384.2063405), Section 3.3 / Table 2.
// A keyed bijection of a 128-bit counter; same words as src/random.ts (`philox4x32`, `Random`) and
// the Random123 known-answer vectors (test/random-wasm.test.js).
//
// ## Which counter gives which value (the contract; src/ops/noise.ts and test/ref/noise.js use it)
//
// Key (k0, k1) = (seed low 32 bits, seed high 32 bits XOR fmix32(stream)): the key of
// `new Random(seed, stream)` in src/random.ts. A noise value has an index i (the element index
// y * width * channels + x * channels + c, or the pixel index y * width + x for noise shared by
// the channels of a pixel) and a field F >= 1 (1 for the first random field of an operation, 2
// for a second independent one):
//
//   block   W = Philox4x32-10(counter = (i >> 2, 0, 0, F), key = (k0, k1)) = (w0, w1, w2, w3)
//   uint32  word(i)    = w[i & 3]
//   uniform uniform(i) = (word(i) >>> 8) * 2^-24                       in [0, 1), 24 bits
//   normal  pair j = (i >> 1) & 1 uses a = w[2j], b = w[2j+1] (Box & Muller 1958):
//           u  = ((a >>> 8) + 1) * 2^-24                                in [2^-24, 1]
//           r  = sqrt(-2 log u)  (mathf.ts radius2f)                   (tail cut at 5.77 sigma)
//           angle = q * pi/2 + pi/2 * t, with q = b >>> 30 and t = int32(b << 2) >> 8 as a
//           signed 24-bit fraction t * 2^-24 in [-1/2, 1/2): a uniform angle on the circle
//           normal(i) = r cos(angle) for even i, r sin(angle) for odd i
//
// `Random` (src/random.ts) draws from counters (n, n_hi, 0, 0), i.e. field 0, so parameter
// sampling and pixel noise never share a Philox block. Because the value of index i depends on i
// alone (never on how many lanes compute it or where a row or chunk starts), the SIMD build, the
// scalar build and test/ref/noise.js give the same bits, and any split of the work does too.
// log, sin and cos are pixaug's own float32 polynomials (mathf.ts); sqrt is f32.sqrt
// (correctly rounded by the WebAssembly spec, so it needs no polynomial to be reproducible).

import { radius2f, radius2f4, sinq, cosq, sinq4, cosq4 } from './mathf';

// Philox round multipliers and Weyl key increments (SC'11 Table 2).
const M0: u32 = 0xd2511f53;
const M1: u32 = 0xcd9e8d57;
const W0: u32 = 0x9e3779b9;
const W1: u32 = 0xbb67ae85;
const TWO_M24: f32 = 5.9604644775390625e-8; // 2^-24

// Scratch: one block and its 4 normals (scalar); four blocks in lanes and their normals (SIMD).
const BLOCK = memory.data(32, 16);
const LANES = memory.data(256, 16);
const ROUND_KEYS = memory.data(320, 16); // SIMD: 10 rounds x (k0, k1) splats

// ---------------------------------------------------------------------------------------------
// Philox4x32-10
// ---------------------------------------------------------------------------------------------

/**
 * Philox4x32-10 of counter (c0, c1, c2, c3) under key (k0, k1): writes the 4 output words at
 * `out`. One round: (hi0, lo0) = M0 * c0, (hi1, lo1) = M1 * c2 (64-bit products);
 * c = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0); then the key is bumped by (W0, W1).
 */
// @ts-ignore: decorator
@inline
function philoxScalar(c0: u32, c1: u32, c2: u32, c3: u32, k0: u32, k1: u32, out: usize): void {
  for (let r = 0; r < 10; r++) {
    const p0 = <u64>M0 * <u64>c0;
    const p1 = <u64>M1 * <u64>c2;
    const n0 = <u32>(p1 >> 32) ^ c1 ^ k0;
    const n2 = <u32>(p0 >> 32) ^ c3 ^ k1;
    c1 = <u32>p1;
    c3 = <u32>p0;
    c0 = n0;
    c2 = n2;
    k0 += W0;
    k1 += W1;
  }
  store<u32>(out, c0);
  store<u32>(out, c1, 4);
  store<u32>(out, c2, 8);
  store<u32>(out, c3, 12);
}

/**
 * Philox4x32-10 of the eight counters (b + lane, 0, 0, field), lane = 0..7, under the key whose
 * round keys setRoundKeys stored (loaded from memory each round: fewer registers, no adds),
 * as two interleaved sets of four (independent dependency chains, so the multiplier latency of
 * one set hides behind the other). Structure of arrays: writes word0 word1 word2 word3 of blocks
 * b..b+3 (4 v128) then of blocks b+4..b+7 at LANES.
 * The 32x32 -> 64-bit products come from i64x2.extmul_{low,high}_i32x4_u; the shuffles pick
 *   lo words: p0.lo p1.lo p2.lo p3.lo = i32 lanes 0 2 | 4 6 of (extmul_low, extmul_high)
 *   hi words: p0.hi p1.hi p2.hi p3.hi = i32 lanes 1 3 | 5 7
 */
// @ts-ignore: decorator
@inline
function philoxLanes(b: u32, field: u32): void {
  let c0 = i32x4.add(i32x4.splat(b), i32x4(0, 1, 2, 3));
  let d0 = i32x4.add(i32x4.splat(b), i32x4(4, 5, 6, 7));
  let c1 = i32x4.splat(0), d1 = i32x4.splat(0);
  let c2 = i32x4.splat(0), d2 = i32x4.splat(0);
  let c3 = i32x4.splat(field), d3 = i32x4.splat(field);
  const m0 = i32x4.splat(M0);
  const m1 = i32x4.splat(M1);
  for (let rk = ROUND_KEYS; rk < ROUND_KEYS + 320; rk += 32) {
    const K0 = v128.load(rk);
    const K1 = v128.load(rk, 16);
    const a0 = i64x2.extmul_low_i32x4_u(c0, m0), a1 = i64x2.extmul_high_i32x4_u(c0, m0);
    const e0 = i64x2.extmul_low_i32x4_u(d0, m0), e1 = i64x2.extmul_high_i32x4_u(d0, m0);
    const b0 = i64x2.extmul_low_i32x4_u(c2, m1), b1 = i64x2.extmul_high_i32x4_u(c2, m1);
    const f0 = i64x2.extmul_low_i32x4_u(d2, m1), f1 = i64x2.extmul_high_i32x4_u(d2, m1);
    c0 = v128.xor(v128.xor(v128.shuffle<u32>(b0, b1, 1, 3, 5, 7), c1), K0);
    d0 = v128.xor(v128.xor(v128.shuffle<u32>(f0, f1, 1, 3, 5, 7), d1), K0);
    c2 = v128.xor(v128.xor(v128.shuffle<u32>(a0, a1, 1, 3, 5, 7), c3), K1);
    d2 = v128.xor(v128.xor(v128.shuffle<u32>(e0, e1, 1, 3, 5, 7), d3), K1);
    c1 = v128.shuffle<u32>(b0, b1, 0, 2, 4, 6);
    d1 = v128.shuffle<u32>(f0, f1, 0, 2, 4, 6);
    c3 = v128.shuffle<u32>(a0, a1, 0, 2, 4, 6);
    d3 = v128.shuffle<u32>(e0, e1, 0, 2, 4, 6);
  }
  v128.store(LANES, c0);
  v128.store(LANES, c1, 16);
  v128.store(LANES, c2, 32);
  v128.store(LANES, c3, 48);
  v128.store(LANES, d0, 64);
  v128.store(LANES, d1, 80);
  v128.store(LANES, d2, 96);
  v128.store(LANES, d3, 112);
}

/** Fills ROUND_KEYS with the splatted round keys (k0 + r W0, k1 + r W1), r = 0..9, for philoxLanes. */
function setRoundKeys(k0: u32, k1: u32): void {
  for (let r = 0; r < 10; r++) {
    v128.store(ROUND_KEYS + (<usize>r << 5), i32x4.splat(k0));
    v128.store(ROUND_KEYS + (<usize>r << 5), i32x4.splat(k1), 16);
    k0 += W0;
    k1 += W1;
  }
}

/**
 * 4x4 transpose of 32-bit lanes: rows r0..r3 (row k lane L = value of element 4L + k) to
 * element order, stored as 16 consecutive 32-bit values at `out`.
 *   t0 = r0[0] r1[0] r0[1] r1[1]   t1 = r0[2] r1[2] r0[3] r1[3]   (t2, t3 likewise from r2, r3)
 *   out+0  = r0[0] r1[0] r2[0] r3[0]   out+16 = r0[1] r1[1] r2[1] r3[1]   ...
 */
// @ts-ignore: decorator
@inline
function storeTransposed(out: usize, r0: v128, r1: v128, r2: v128, r3: v128): void {
  const t0 = v128.shuffle<u32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<u32>(r0, r1, 2, 6, 3, 7);
  const t2 = v128.shuffle<u32>(r2, r3, 0, 4, 1, 5);
  const t3 = v128.shuffle<u32>(r2, r3, 2, 6, 3, 7);
  v128.store(out, v128.shuffle<u32>(t0, t2, 0, 1, 4, 5));
  v128.store(out, v128.shuffle<u32>(t0, t2, 2, 3, 6, 7), 16);
  v128.store(out, v128.shuffle<u32>(t1, t3, 0, 1, 4, 5), 32);
  v128.store(out, v128.shuffle<u32>(t1, t3, 2, 3, 6, 7), 48);
}

/**
 * Philox4x32-10 of one counter, for tests and for `pixaug/kernels` users: writes the 4 output
 * words at `out`. Caller guarantees: out is writable for 16 bytes.
 */
export function philox4x32(c0: u32, c1: u32, c2: u32, c3: u32, k0: u32, k1: u32, out: usize): void {
  philoxScalar(c0, c1, c2, c3, k0, k1, out);
}

// ---------------------------------------------------------------------------------------------
// Box-Muller on words (a, b): the two normals r cos(angle), r sin(angle)
// ---------------------------------------------------------------------------------------------

/**
 * Box-Muller on words (a, b), scalar, the exact recipe of the header: stores r cos(angle) (the
 * even element of the pair) at out and r sin(angle) (the odd element) at out + 4.
 */
// @ts-ignore: decorator
@inline
function boxMuller(a: u32, b: u32, out: usize): void {
  const u = <f32><i32>((a >>> 8) + 1) * TWO_M24;
  const r = Mathf.sqrt(radius2f(u)); // radius2f(u) >= 0 for every possible u (mathf.ts)
  const t = <f32>(<i32>(b << 2) >> 8) * TWO_M24;
  const t2 = t * t;
  const s = sinq(t, t2);
  const c = cosq(t2);
  // rotate by q quarter turns, q = b >>> 30: (cos, sin) of q*pi/2 + pi/2 t is
  //   q=0: ( c,  s)   q=1: (-s,  c)   q=2: (-c, -s)   q=3: ( s, -c)
  // i.e. swap when q is odd (bit 30); cos negative when q is 1 or 2 (bit31 ^ bit30), sin when
  // q >= 2 (bit 31). Sign flips are exact (xor of the sign bit).
  const swap = (b & 0x40000000) != 0;
  const cc = swap ? s : c;
  const ss = swap ? c : s;
  store<f32>(out, reinterpret<f32>(reinterpret<u32>(r * cc) ^ ((b ^ (b << 1)) & 0x80000000)));
  store<f32>(out, reinterpret<f32>(reinterpret<u32>(r * ss) ^ (b & 0x80000000)), 4);
}

/**
 * Box-Muller on 4 lanes of word pairs (a, b): stores r cos (even elements) at out, r sin (odd
 * elements) at out + 16, then scaled: mean + sigma * z. Same operations as `boxMuller` per lane.
 */
// @ts-ignore: decorator
@inline
function boxMuller4(a: v128, b: v128, mean: v128, sigma: v128, out: usize): void {
  // signed conversions throughout: every converted integer is below 2^24, and V8 lowers
  // f32x4.convert_i32x4_u to a long sequence
  const u = f32x4.mul(f32x4.convert_i32x4_s(i32x4.add(i32x4.shr_u(a, 8), i32x4.splat(1))), f32x4.splat(TWO_M24));
  const r = f32x4.sqrt(radius2f4(u));
  const t = f32x4.mul(f32x4.convert_i32x4_s(i32x4.shr_s(i32x4.shl(b, 2), 8)), f32x4.splat(TWO_M24));
  const t2 = f32x4.mul(t, t);
  const s = sinq4(t, t2);
  const c = cosq4(t2);
  const swap = i32x4.shr_s(i32x4.shl(b, 1), 31); // all ones where bit 30 (q odd)
  const cc = v128.bitselect(s, c, swap);
  const ss = v128.bitselect(c, s, swap);
  const signBit = i32x4.splat(0x80000000);
  const zc = v128.xor(f32x4.mul(r, cc), v128.and(v128.xor(b, i32x4.shl(b, 1)), signBit));
  const zs = v128.xor(f32x4.mul(r, ss), v128.and(b, signBit));
  v128.store(out, f32x4.add(mean, f32x4.mul(sigma, zc)));
  v128.store(out, f32x4.add(mean, f32x4.mul(sigma, zs)), 16);
}

// ---------------------------------------------------------------------------------------------
// Fills: out[j] = variate(i0 + j), j < n
// ---------------------------------------------------------------------------------------------

/**
 * Writes mean + sigma * normal(i0 + j) (float32) to out[j] for j < n, field `field`, key (k0, k1)
 * (see the header for the exact recipe). SIMD: 32 values per step from 8 Philox blocks in lanes, with the
 * scalar recipe for the unaligned head and tail.
 * Caller guarantees: out is 4-byte aligned and writable for 4n bytes; i0 + n <= 2^32.
 */
export function fillNormal(out: usize, n: i32, i0: u32, field: u32, k0: u32, k1: u32, mean: f32, sigma: f32): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    // scalar head up to a multiple of 32, then 32 values (8 blocks) per step
    const head = min<i32>(n, <i32>((32 - (i0 & 31)) & 31));
    normalScalar(out, head, i0, field, k0, k1, mean, sigma);
    j = head;
    setRoundKeys(k0, k1);
    const vm = f32x4.splat(mean);
    const vs = f32x4.splat(sigma);
    const PAIRS = LANES + 128; // 8 v128 of results, in block-lane order
    for (; j + 32 <= n; j += 32) {
      philoxLanes((i0 + <u32>j) >> 2, field);
      // lanes hold blocks b..b+3 (then b+4..b+7); pair 0 = (word0, word1) -> elements 4L+0, 4L+1;
      // pair 1 = (word2, word3) -> elements 4L+2, 4L+3
      boxMuller4(v128.load(LANES), v128.load(LANES, 16), vm, vs, PAIRS);
      boxMuller4(v128.load(LANES, 32), v128.load(LANES, 48), vm, vs, PAIRS + 32);
      boxMuller4(v128.load(LANES, 64), v128.load(LANES, 80), vm, vs, PAIRS + 64);
      boxMuller4(v128.load(LANES, 96), v128.load(LANES, 112), vm, vs, PAIRS + 96);
      const o = out + (<usize>j << 2);
      storeTransposed(o, v128.load(PAIRS), v128.load(PAIRS, 16), v128.load(PAIRS, 32), v128.load(PAIRS, 48));
      storeTransposed(o + 64, v128.load(PAIRS, 64), v128.load(PAIRS, 80), v128.load(PAIRS, 96), v128.load(PAIRS, 112));
    }
  }
  normalScalar(out + (<usize>j << 2), n - j, i0 + <u32>j, field, k0, k1, mean, sigma);
}

/** The scalar recipe: one Philox block (two Box-Muller pairs) per 4 indices; head and tail
 * blocks partly used. */
function normalScalar(out: usize, n: i32, i0: u32, field: u32, k0: u32, k1: u32, mean: f32, sigma: f32): void {
  let j = 0;
  const Z = BLOCK + 16;
  while (j < n) {
    const i = i0 + <u32>j;
    philoxScalar(i >> 2, 0, 0, field, k0, k1, BLOCK);
    boxMuller(load<u32>(BLOCK), load<u32>(BLOCK, 4), Z);
    boxMuller(load<u32>(BLOCK, 8), load<u32>(BLOCK, 12), Z + 8);
    // the indices of this block inside [i, i0 + n)
    const end = min<i32>(n, j + 4 - <i32>(i & 3));
    for (; j < end; j++) {
      const z = load<f32>(Z + (<usize>((i0 + <u32>j) & 3) << 2));
      store<f32>(out + (<usize>j << 2), mean + sigma * z);
    }
  }
}

/** lo + scale * uniform of the 4 words at p, per lane as uniformScalar. */
// @ts-ignore: decorator
@inline
function uniform4(p: usize, lo: v128, scale: v128): v128 {
  const u = f32x4.mul(f32x4.convert_i32x4_s(i32x4.shr_u(v128.load(p), 8)), f32x4.splat(TWO_M24));
  return f32x4.add(lo, f32x4.mul(scale, u));
}

/**
 * Writes lo + scale * uniform(i0 + j) (float32; uniform in [0, 1) with 24 bits) to out[j].
 * Caller guarantees: as fillNormal.
 */
export function fillUniform(out: usize, n: i32, i0: u32, field: u32, k0: u32, k1: u32, lo: f32, scale: f32): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const head = min<i32>(n, <i32>((32 - (i0 & 31)) & 31));
    uniformScalar(out, head, i0, field, k0, k1, lo, scale);
    j = head;
    setRoundKeys(k0, k1);
    const vl = f32x4.splat(lo);
    const vs = f32x4.splat(scale);
    for (; j + 32 <= n; j += 32) {
      philoxLanes((i0 + <u32>j) >> 2, field);
      const o = out + (<usize>j << 2);
      storeTransposed(o, uniform4(LANES, vl, vs), uniform4(LANES + 16, vl, vs), uniform4(LANES + 32, vl, vs), uniform4(LANES + 48, vl, vs));
      storeTransposed(o + 64, uniform4(LANES + 64, vl, vs), uniform4(LANES + 80, vl, vs), uniform4(LANES + 96, vl, vs), uniform4(LANES + 112, vl, vs));
    }
  }
  uniformScalar(out + (<usize>j << 2), n - j, i0 + <u32>j, field, k0, k1, lo, scale);
}

function uniformScalar(out: usize, n: i32, i0: u32, field: u32, k0: u32, k1: u32, lo: f32, scale: f32): void {
  let j = 0;
  while (j < n) {
    const i = i0 + <u32>j;
    philoxScalar(i >> 2, 0, 0, field, k0, k1, BLOCK);
    const end = min<i32>(n, j + 4 - <i32>(i & 3));
    for (; j < end; j++) {
      const w = load<u32>(BLOCK + (<usize>((i0 + <u32>j) & 3) << 2));
      store<f32>(out + (<usize>j << 2), lo + scale * (<f32><i32>(w >>> 8) * TWO_M24));
    }
  }
}

/**
 * Writes the raw words word(i0 + j) (uint32) to out[j].
 * Caller guarantees: as fillNormal.
 */
export function fillWords(out: usize, n: i32, i0: u32, field: u32, k0: u32, k1: u32): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const head = min<i32>(n, <i32>((32 - (i0 & 31)) & 31));
    wordsScalar(out, head, i0, field, k0, k1);
    j = head;
    setRoundKeys(k0, k1);
    for (; j + 32 <= n; j += 32) {
      philoxLanes((i0 + <u32>j) >> 2, field);
      const o = out + (<usize>j << 2);
      storeTransposed(o, v128.load(LANES), v128.load(LANES, 16), v128.load(LANES, 32), v128.load(LANES, 48));
      storeTransposed(o + 64, v128.load(LANES, 64), v128.load(LANES, 80), v128.load(LANES, 96), v128.load(LANES, 112));
    }
  }
  wordsScalar(out + (<usize>j << 2), n - j, i0 + <u32>j, field, k0, k1);
}

function wordsScalar(out: usize, n: i32, i0: u32, field: u32, k0: u32, k1: u32): void {
  let j = 0;
  while (j < n) {
    const i = i0 + <u32>j;
    philoxScalar(i >> 2, 0, 0, field, k0, k1, BLOCK);
    const end = min<i32>(n, j + 4 - <i32>(i & 3));
    for (; j < end; j++) store<u32>(out + (<usize>j << 2), load<u32>(BLOCK + (<usize>((i0 + <u32>j) & 3) << 2)));
  }
}
