// Plain-JS references for assembly/mathf.ts, assembly/random.ts and assembly/noise.ts: every
// float32 operation written out with Math.fround, in the order of the wasm code, so the expected
// bits are independent of the wasm builds. (A double-precision +, -, *, / or sqrt of float32
// operands rounded once to float32 equals the float32 operation: double has more than 2p + 2 bits.)
// One obvious loop per op, no cleverness.
import { philox4x32, fmix32 } from '../../dist/random.js';

const f = Math.fround;
const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);
const bitsOf = (x) => { F32[0] = x; return U32[0]; };
const fromBits = (b) => { U32[0] = b >>> 0; return F32[0]; };

// assembly/mathf.ts constants (float32 values)
const LOG_P = [0.33333325386047363, -0.25000280141830444, 0.20001882314682007, -0.1664353609085083,
  0.1419019103050232, -0.12942714989185333, 0.1279906928539276, -0.08308019489049911].map(f);
const R2_P = LOG_P.map((c) => f(-2 * c));
const MINUS_2LN2 = f(-1.3862943649291992);
const LN2_HI = f(0.693138122558593750), LN2_LO = f(9.0580006144591607e-6);
const SQRT_HALF_BITS = 0x3f3504f3;
const SIN_S = [1.5707963705062866, -0.6459636092185974, 0.07968220859766006, -0.004609071183949709].map(f);
const COS_C = [1, -1.2337005138397217, 0.2536688446998596, -0.020858461037278175, 0.000901032006368041].map(f);
const EXP_Q = [0.5, 0.16666577756404877, 0.04166647046804428, 0.008363150991499424, 0.001393329119309783].map(f);
const LOG2E = f(1.4426950216293335);
const TWO_M24 = 2 ** -24;

/** mathf.ts logf */
export function logf(x) {
  const ix = (bitsOf(x) - SQRT_HALF_BITS) >>> 0;
  const e = (ix | 0) >> 23;
  const m = fromBits(((ix & 0x007fffff) + SQRT_HALF_BITS) >>> 0);
  const fm = f(m - 1);
  const f2 = f(fm * fm), f4 = f(f2 * f2);
  const q = (a, b) => f(LOG_P[a] + f(LOG_P[b] * fm));
  const p = f(f(q(0, 1) + f(q(2, 3) * f2)) + f(f(q(4, 5) + f(q(6, 7) * f2)) * f4));
  const lm = f(f(fm - f(f2 * 0.5)) + f(f(f2 * fm) * p));
  return f(f(lm + f(e * LN2_LO)) + f(e * LN2_HI));
}

/** mathf.ts radius2f: -2 log u */
export function radius2f(u) {
  const ix = (bitsOf(u) - SQRT_HALF_BITS) >>> 0;
  const e = (ix | 0) >> 23;
  const fm = f(fromBits(((ix & 0x007fffff) + SQRT_HALF_BITS) >>> 0) - 1);
  const f2 = f(fm * fm), f4 = f(f2 * f2);
  const q = (a, b) => f(R2_P[a] + f(R2_P[b] * fm));
  const p = f(f(q(0, 1) + f(q(2, 3) * f2)) + f(f(q(4, 5) + f(q(6, 7) * f2)) * f4));
  return f(f(f(f(fm * -2) + f2) + f(f(f2 * fm) * p)) + f(e * MINUS_2LN2));
}

/** mathf.ts expf */
export function expf(x) {
  const xc = Math.min(Math.max(x, -87), 88);
  const k = Math.floor(f(f(xc * LOG2E) + 0.5));
  const r = f(f(xc - f(k * LN2_HI)) - f(k * LN2_LO));
  const q = f(EXP_Q[0] + f(r * f(EXP_Q[1] + f(r * f(EXP_Q[2] + f(r * f(EXP_Q[3] + f(r * EXP_Q[4]))))))));
  const er = f(1 + f(r + f(f(r * r) * q)));
  return f(er * fromBits((k + 127) << 23));
}

/** mathf.ts sinq, cosq: sin and cos of pi/2 t */
export function sinq(t) {
  const t2 = f(t * t), t4 = f(t2 * t2);
  return f(t * f(f(SIN_S[0] + f(SIN_S[1] * t2)) + f(f(SIN_S[2] + f(SIN_S[3] * t2)) * t4)));
}
export function cosq(t) {
  const t2 = f(t * t), t4 = f(t2 * t2);
  return f(f(1 + f(COS_C[1] * t2)) + f(f(f(COS_C[2] + f(COS_C[3] * t2)) + f(COS_C[4] * t4)) * t4));
}

/** The Philox key of (seed, stream), as src/ops/seed.ts and `new Random(seed, stream)`. */
export function keyOf(seed, stream = 0) {
  const s = BigInt(seed);
  return [Number(s & 0xffffffffn), (Number(s >> 32n) ^ fmix32(stream)) >>> 0];
}

/** random.ts: the Philox block of index i, field F. */
function block(i, field, key) {
  return philox4x32([Math.floor(i / 4) >>> 0, 0, 0, field], key);
}

/** random.ts word(i) */
export function word(i, field, key) {
  return block(i, field, key)[i & 3];
}

/** random.ts uniform(i), scaled: lo + scale * u */
export function uniform(i, field, key, lo = 0, scale = 1) {
  return f(f(lo) + f(f(scale) * f(((word(i, field, key) >>> 8) * TWO_M24))));
}

/** random.ts normal(i), scaled: mean + sigma * z */
export function normal(i, field, key, mean = 0, sigma = 1) {
  const w = block(i, field, key);
  const j = (i >> 1) & 1;
  const a = w[2 * j], b = w[2 * j + 1];
  const u = f(((a >>> 8) + 1) * TWO_M24);
  const r = f(Math.sqrt(radius2f(u)));
  const t = f(((b << 2) >> 8) * TWO_M24);
  const s = sinq(t), c = cosq(t);
  const swap = (b & 0x40000000) !== 0;
  const cc = swap ? s : c, ss = swap ? c : s;
  const z = (i & 1)
    ? fromBits(bitsOf(f(r * ss)) ^ (b & 0x80000000))
    : fromBits(bitsOf(f(r * cc)) ^ ((b ^ (b << 1)) & 0x80000000));
  return f(f(mean) + f(f(sigma) * z));
}

/** noise.ts toU8: floor(v + 0.5) saturated */
export function toU8(v) {
  const y = Math.floor(f(v + 0.5));
  return y < 0 ? 0 : y > 255 ? 255 : y;
}

function isAlpha(img, includeAlpha, c) {
  return !includeAlpha && (img.channels === 2 || img.channels === 4) && c === img.channels - 1;
}

/**
 * The noise ops: kind 'gaussian' | 'uniform' | 'speckle' | 'poisson'; o = { a, b, perChannel,
 * includeAlpha, clip, key } with (a, b) as the kernel's (see assembly/noise.ts).
 */
export function noiseRef(img, kind, o) {
  const { width: w, height: h, channels: C } = img;
  const isF32 = img.data instanceof Float32Array;
  const out = new img.data.constructor(w * h * C);
  const stride = img.stride ?? w * C;
  const a = f(o.a), b = f(o.b);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < C; c++) {
    const e = (y * w + x) * C + c;
    const p = img.data[y * stride + x * C + c];
    if (isAlpha(img, o.includeAlpha, c)) { out[e] = p; continue; }
    const idx = o.perChannel || kind === 'poisson' ? e : (y * w + x);
    let v;
    if (kind === 'poisson') {
      const lam = f(Math.max(p, 0) * a);
      v = f(poissonCount(lam, uniform(e, 1, o.key), normal(e, 2, o.key)) * b);
    } else {
      const n = kind === 'uniform' ? uniform(idx, 1, o.key, a, b) : normal(idx, 1, o.key, a, b);
      v = kind === 'speckle' ? f(p + f(p * n)) : f(p + n);
    }
    if (isF32) out[e] = o.clip ? Math.min(Math.max(v, 0), 1) : v;
    else out[e] = toU8(v);
  }
  return { width: w, height: h, channels: C, data: out };
}

/** noise.ts poissonCount */
export function poissonCount(lam, u, z) {
  if (lam >= 64) return Math.max(Math.floor(f(f(lam + f(f(Math.sqrt(lam)) * z)) + 0.5)), 0);
  let pk = expf(-lam), cdf = pk, k = 0;
  while (u >= cdf && k < 256) {
    k += 1;
    pk = f(f(pk * lam) / k);
    cdf = f(cdf + pk);
  }
  return k;
}

/** saltAndPepper reference: thresholds on word >>> 8. */
export function saltPepperRef(img, o) {
  const { width: w, height: h, channels: C } = img;
  const isF32 = img.data instanceof Float32Array;
  const out = new img.data.constructor(w * h * C);
  const stride = img.stride ?? w * C;
  const tFlip = Math.ceil(o.amount * 16777216);
  const tSalt = Math.min(Math.ceil(o.amount * o.saltVsPepper * 16777216), tFlip);
  const salt = isF32 ? 1 : 255;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < C; c++) {
    const e = (y * w + x) * C + c;
    const p = img.data[y * stride + x * C + c];
    if (isAlpha(img, o.includeAlpha, c)) { out[e] = p; continue; }
    const m = word(o.perChannel || C === 1 ? e : y * w + x, 1, o.key) >>> 8;
    out[e] = m < tFlip ? (m < tSalt ? salt : 0) : p;
  }
  return { width: w, height: h, channels: C, data: out };
}
