// Seeds of the random operations (noise, cutout): the (seed, stream) pair and the Philox key the
// kernels use, identical to the key of `new Random(seed, stream)` (src/random.ts), so a pipeline
// can hand the same (seed, stream) to parameter sampling and to pixel noise.

import { invalid } from '../errors.js';
import { fmix32 } from '../random.js';

/** Seed options shared by every random operation. */
export interface SeedOptions {
  /**
   * Integer in 0..2^64-1 (a non-negative safe integer or a bigint). The same seed and stream
   * give the same bytes in the SIMD and scalar builds, in Node and browsers. Omitted: a fresh
   * seed from `crypto.getRandomValues` (not reproducible).
   */
  seed?: number | bigint;
  /** Stream number, integer in 0..2^32-1, default 0: independent noise for one seed. */
  stream?: number;
}

/** A resolved Philox key (two uint32 words). */
export interface PhiloxKey {
  k0: number;
  k1: number;
}

/**
 * The Philox4x32-10 key of (seed, stream): (seed low 32 bits, seed high 32 bits XOR
 * fmix32(stream)), exactly the key of `new Random(seed, stream)`.
 * @throws PixaugError `INVALID_PARAMETER` for a seed outside 0..2^64-1 (or a non-safe-integer
 *   number) or a stream outside 0..2^32-1
 */
export function philoxKey(op: string, options: SeedOptions): PhiloxKey {
  let seed: bigint;
  const s = options.seed;
  if (s === undefined) {
    const w = new Uint32Array(2);
    globalThis.crypto.getRandomValues(w);
    seed = (BigInt(w[1]) << 32n) | BigInt(w[0]);
  } else if (typeof s === 'bigint') {
    if (s < 0n || s > 0xffffffffffffffffn) invalid(op, 'seed', 'an integer in 0..2^64-1', s);
    seed = s;
  } else {
    if (typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0) {
      invalid(op, 'seed', 'a non-negative safe integer (or a bigint below 2^64)', s);
    }
    seed = BigInt(s);
  }
  const stream = options.stream ?? 0;
  if (typeof stream !== 'number' || !Number.isInteger(stream) || stream < 0 || stream > 0xffffffff) {
    invalid(op, 'stream', 'an integer in 0..2^32-1', stream);
  }
  return { k0: Number(seed & 0xffffffffn), k1: (Number(seed >> 32n) ^ fmix32(stream)) >>> 0 };
}
