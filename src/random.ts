// Seeded, counter-based random numbers: Philox4x32-10.
//
// J. K. Salmon, M. A. Moraes, R. O. Dror, D. E. Shaw, "Parallel random numbers: as easy as 1, 2, 3",
// SC'11 (Proc. Int. Conf. for High Performance Computing, Networking, Storage and Analysis),
// https://doi.org/10.1145/2063384.2063405. Philox4x32-10 is the generator of Random123, JAX,
// cuRAND (curand_Philox4x32_10) and numpy.random.Philox. It is a keyed bijection of a 128-bit
// counter: output block n = Philox_key(n), so any draw can be computed without the ones before it,
// and a (seed, stream) pair names an independent sequence. Written here from the paper's
// description (Section 3.3 and Table 2 for the constants); pinned by the Random123 known-answer
// vectors (tests/kat_vectors, rows `philox4x32 10`), see test/random.test.js.

import { invalid } from './errors.js';

// Round multipliers M0, M1 and Weyl key increments W0 (golden ratio), W1 (sqrt(3) - 1), SC'11 Table 2.
const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/**
 * High 32 bits of the exact 64-bit product a * b of two uint32 values. JS numbers are exact only
 * up to 2^53, so the product is built from 16-bit halves: with a = ah*2^16 + al, b = bh*2^16 + bl,
 * a*b = ah*bh*2^32 + (ah*bl + al*bh)*2^16 + al*bl, and every partial sum below stays under 2^34.
 */
function mulhi32(a: number, b: number): number {
  const ah = a >>> 16, al = a & 0xffff;
  const bh = b >>> 16, bl = b & 0xffff;
  const lo = al * bl; // < 2^32
  const mid = ah * bl + al * bh + (lo >>> 16); // < 2^33 + 2^16, exact
  return (ah * bh + Math.floor(mid / 65536)) >>> 0;
}

/**
 * Philox4x32 with `rounds` rounds (10 is the standard, "Philox4x32-10") applied to a 128-bit
 * counter (4 uint32 words) under a 64-bit key (2 uint32 words); returns the 4 output words.
 * One round (SC'11 Fig. 2, Random123 philox.h order of words):
 *   (hi0, lo0) = M0 * c0,  (hi1, lo1) = M1 * c2   (32x32 -> 64-bit products)
 *   c' = (hi1 ^ c1 ^ k0,  lo1,  hi0 ^ c3 ^ k1,  lo0)
 * and the key is bumped by (W0, W1) mod 2^32 between rounds.
 * Known answers (Random123 tests/kat_vectors): philox4x32(0,0,0,0 ; 0,0) =
 * 6627e8d5 e169c58d bc57ac4c 9b00dbd8.
 * @param counter four uint32 words (c0, c1, c2, c3)
 * @param key two uint32 words (k0, k1)
 * @param rounds number of rounds, default 10
 * @returns four uint32 words, as a new Uint32Array
 * @throws PixaugError `INVALID_PARAMETER` when a word is not an integer in 0..2^32-1 or
 *   `rounds` is not a non-negative integer
 * @example philox4x32([0, 0, 0, 0], [0, 0])[0] === 0x6627e8d5
 */
export function philox4x32(counter: ArrayLike<number>, key: ArrayLike<number>, rounds = 10): Uint32Array {
  if (!counter || counter.length !== 4) invalid('philox4x32', 'counter', '4 uint32 words', counter);
  if (!key || key.length !== 2) invalid('philox4x32', 'key', '2 uint32 words', key);
  for (let i = 0; i < 4; i++) checkU32('philox4x32', `counter[${i}]`, counter[i]);
  for (let i = 0; i < 2; i++) checkU32('philox4x32', `key[${i}]`, key[i]);
  if (!Number.isInteger(rounds) || rounds < 0) invalid('philox4x32', 'rounds', 'a non-negative integer', rounds);
  const out = new Uint32Array(4);
  philoxInto(out, counter[0], counter[1], counter[2], counter[3], key[0], key[1], rounds);
  return out;
}

/** Philox4x32-R into `out` (no validation; callers pass uint32 words). */
function philoxInto(out: Uint32Array, c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, rounds: number): void {
  for (let r = 0; r < rounds; r++) {
    if (r > 0) {
      k0 = (k0 + W0) >>> 0;
      k1 = (k1 + W1) >>> 0;
    }
    const hi0 = mulhi32(M0, c0), lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulhi32(M1, c2), lo1 = Math.imul(M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
  }
  out[0] = c0; out[1] = c1; out[2] = c2; out[3] = c3;
}

function checkU32(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
    invalid(op, name, 'an integer in 0..2^32-1', v);
  }
  return v as number;
}

/**
 * The murmur3 32-bit finaliser (fmix32, Appleby). A bijection of uint32, so distinct streams stay
 * distinct after mixing; it spreads small stream numbers over all 32 bits of the key word.
 */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A seeded, reproducible random number generator: Philox4x32-10 (Salmon et al., SC'11) used as
 * a counter-mode generator.
 *
 * - Key (64 bits) = (seed low 32 bits, seed high 32 bits XOR fmix32(stream)). fmix32 is the
 *   murmur3 finaliser, a bijection, so for any seed below 2^32 (every seed the CLI takes from a
 *   typical command line) distinct streams give distinct keys and therefore unrelated sequences.
 *   For seeds of 2^32 and more, (seed, stream) and (seed', stream') share a key only when
 *   seedHi ^ seedHi' == fmix32(stream) ^ fmix32(stream').
 * - Counter (128 bits) = (block index low 32, block index high 32, 0, 0), where block n holds
 *   draws 4n .. 4n+3 (the four output words in order). So draw number d is word d % 4 of
 *   Philox_key(floor(d / 4)): `new Random(seed, stream)` always replays the same sequence, and
 *   the sequence does not depend on what else the program draws elsewhere.
 *
 * All methods consume whole uint32 draws: `float`, `uniform`, `bool` one each, `int` and
 * `choice` one or more (rejection sampling keeps them unbiased).
 *
 * @example
 *   const rng = new Random(42, 7);        // seed 42, stream 7
 *   const angle = rng.uniform(-30, 30);   // degrees
 *   const k = rng.int(0, 3);              // 0, 1, 2 or 3
 *   const mode = rng.choice(['edge', 'reflect']);
 */
export class Random {
  /** The 64-bit seed as given (normalised to a bigint). */
  readonly seed: bigint;
  /** The stream number (uint32). */
  readonly stream: number;
  private readonly k0: number;
  private readonly k1: number;
  private readonly block = new Uint32Array(4);
  private drawn = 0; // number of uint32 draws so far = the counter position

  /**
   * @param seed integer in 0..2^64-1, as a number (a safe integer, up to 2^53-1) or a bigint
   * @param stream integer in 0..2^32-1, default 0: independent sequences for one seed
   * @throws PixaugError `INVALID_PARAMETER` for a negative, fractional, unsafe or too large seed,
   *   or a stream outside 0..2^32-1
   */
  constructor(seed: number | bigint, stream = 0) {
    let s: bigint;
    if (typeof seed === 'bigint') {
      if (seed < 0n || seed > 0xffffffffffffffffn) invalid('Random', 'seed', 'an integer in 0..2^64-1', seed);
      s = seed;
    } else {
      if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
        invalid('Random', 'seed', 'a non-negative safe integer (or a bigint below 2^64)', seed);
      }
      s = BigInt(seed);
    }
    this.seed = s;
    this.stream = checkU32('Random', 'stream', stream);
    this.k0 = Number(s & 0xffffffffn);
    this.k1 = (Number(s >> 32n) ^ fmix32(this.stream)) >>> 0;
  }

  /** Number of uint32 draws made so far (the generator's position). */
  get position(): number {
    return this.drawn;
  }

  /** The next uniformly distributed integer in 0..2^32-1. */
  uint32(): number {
    const d = this.drawn++;
    const w = d & 3;
    if (w === 0) {
      const n = Math.floor(d / 4); // block index, below 2^51
      philoxInto(this.block, n >>> 0, Math.floor(n / 4294967296) >>> 0, 0, 0, this.k0, this.k1, 10);
    }
    return this.block[w];
  }

  /** A float in [0, 1): the top 24 bits of one uint32 draw times 2^-24 (exact in float32 and float64). */
  float(): number {
    return (this.uint32() >>> 8) / 16777216;
  }

  /**
   * A float uniformly distributed in [lo, hi): lo + (hi - lo) * float(). (In float64 the result
   * can round up to hi only when hi - lo is below about 2^-29 * |hi|.)
   * @throws PixaugError `INVALID_PARAMETER` unless lo and hi are finite with lo <= hi
   */
  uniform(lo: number, hi: number): number {
    if (typeof lo !== 'number' || !Number.isFinite(lo)) invalid('Random.uniform', 'lo', 'a finite number', lo);
    if (typeof hi !== 'number' || !Number.isFinite(hi) || hi < lo) invalid('Random.uniform', 'hi', `a finite number >= lo (${lo})`, hi);
    return lo + (hi - lo) * this.float();
  }

  /**
   * An integer uniformly distributed in lo..hiInclusive, without modulo bias: draws u until
   * u < floor(2^32 / n) * n (n = hiInclusive - lo + 1; at most one redraw in expectation), then
   * returns lo + u % n.
   * @throws PixaugError `INVALID_PARAMETER` unless lo, hiInclusive are safe integers with
   *   lo <= hiInclusive and at most 2^32 values between them
   */
  int(lo: number, hiInclusive: number): number {
    if (!Number.isSafeInteger(lo)) invalid('Random.int', 'lo', 'a safe integer', lo);
    if (!Number.isSafeInteger(hiInclusive) || hiInclusive < lo) invalid('Random.int', 'hiInclusive', `an integer >= lo (${lo})`, hiInclusive);
    const n = hiInclusive - lo + 1;
    if (n > 4294967296) invalid('Random.int', 'hiInclusive - lo + 1', 'at most 2^32', n);
    const limit = Math.floor(4294967296 / n) * n;
    let u = this.uint32();
    while (u >= limit) u = this.uint32();
    return lo + (u % n);
  }

  /**
   * One element of `arr`, each with probability 1 / arr.length (uses `int(0, arr.length - 1)`).
   * @throws PixaugError `INVALID_PARAMETER` for an empty or non-array argument
   */
  choice<T>(arr: readonly T[]): T {
    if (!Array.isArray(arr) || arr.length === 0) invalid('Random.choice', 'arr', 'a non-empty array', arr);
    return arr[this.int(0, arr.length - 1)];
  }

  /**
   * true with probability p: float() < p (one draw). p = 0 never, p = 1 always.
   * @param p probability in [0, 1], default 0.5
   * @throws PixaugError `INVALID_PARAMETER` when p is not in [0, 1]
   */
  bool(p = 0.5): boolean {
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) invalid('Random.bool', 'p', 'a probability in [0, 1]', p);
    return this.float() < p;
  }
}
