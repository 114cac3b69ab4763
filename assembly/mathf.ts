// pixaug's own float32 transcendental functions: log, exp, and sin/cos of a quarter turn, each as
// a scalar function and as a 4-lane v128 function performing the SAME float32 operations in the
// SAME order. WebAssembly float arithmetic is IEEE-754 with round-to-nearest-even and no FMA
// contraction, and f32.sqrt / f32x4.sqrt are correctly rounded, so every lane of the v128 version
// equals the scalar version bit for bit, in both builds, in every engine. That is what makes noise
// reproducible byte for byte (DESIGN.md, Randomness); Math.log & co. make no such promise.
//
// Coefficients: fitted by test/reference/fit_polys.py (iteratively reweighted least squares
// towards minimax, rounded to float32; the script prints the max errors quoted below). The range
// reductions are the classic ones (Cody & Waite, "Software Manual for the Elementary Functions",
// 1980; the mantissa-offset trick for log as in FreeBSD/musl logf): written here from those
// descriptions, no code copied. test/ref/mathf.js mirrors every operation with Math.fround.
//
// Accuracy (float32 evaluation, measured by fit_polys.py and test/random-wasm.test.js):
//   logf(x), x normal:           abs error < 1e-7 on [sqrt(.5), sqrt(2)), rel error ~1e-7 elsewhere
//   expf(x), -87 <= x <= 88:     rel error < 2e-7
//   sinq(t), cosq(t) = sin, cos(pi/2 * t), |t| <= 0.5:  abs error < 1e-7

// log(1 + f) = f - f^2/2 + f^3 * P(f), f in [sqrt(.5) - 1, sqrt(2) - 1]
const LOG_P0: f32 = 0.33333325386047363;
const LOG_P1: f32 = -0.25000280141830444;
const LOG_P2: f32 = 0.20001882314682007;
const LOG_P3: f32 = -0.1664353609085083;
const LOG_P4: f32 = 0.1419019103050232;
const LOG_P5: f32 = -0.12942714989185333;
const LOG_P6: f32 = 0.1279906928539276;
const LOG_P7: f32 = -0.08308019489049911;
// ln 2 = LN2_HI + LN2_LO; LN2_HI has 17 significant bits, so e * LN2_HI is exact for |e| < 128
const LN2_HI: f32 = 0.693138122558593750; // 0x3f317180
const LN2_LO: f32 = 9.0580006144591607e-6; // 0x3717f7d1
const SQRT_HALF_BITS: u32 = 0x3f3504f3; // float32 bits of sqrt(0.5)

// sin(pi/2 t) = t * S(t^2), cos(pi/2 t) = C(t^2), |t| <= 0.5
const SIN_S0: f32 = 1.5707963705062866;
const SIN_S1: f32 = -0.6459636092185974;
const SIN_S2: f32 = 0.07968220859766006;
const SIN_S3: f32 = -0.004609071183949709;
const COS_C1: f32 = -1.2337005138397217;
const COS_C2: f32 = 0.2536688446998596;
const COS_C3: f32 = -0.020858461037278175;
const COS_C4: f32 = 0.000901032006368041;

// exp(r) = 1 + (r + r^2 Q(r)), |r| <= ln2 / 2
const EXP_Q0: f32 = 0.5;
const EXP_Q1: f32 = 0.16666577756404877;
const EXP_Q2: f32 = 0.04166647046804428;
const EXP_Q3: f32 = 0.008363150991499424;
const EXP_Q4: f32 = 0.001393329119309783;
const LOG2E: f32 = 1.4426950216293335;
const EXP_MIN: f32 = -87.0; // exp(-87) = 1.6e-38, still a normal float32
const EXP_MAX: f32 = 88.0;

// ---------------------------------------------------------------------------------------------
// log
// ---------------------------------------------------------------------------------------------

/**
 * Natural logarithm of a positive normal float32 (no special cases: 0, subnormals, negatives,
 * infinities and NaN give meaningless results; pixaug only calls it on (0, 1] and on pixel
 * values clamped to >= 2^-126). x = 2^e * m with m in [sqrt(.5), sqrt(2)) by subtracting the bits
 * of sqrt(.5) (the exponent field then carries e); log x = e ln2 + log(1 + f), f = m - 1 (exact).
 */
// @ts-ignore: decorator
@inline
export function logf(x: f32): f32 {
  const ix = reinterpret<u32>(x) - SQRT_HALF_BITS;
  const e = <f32>(<i32>ix >> 23);
  const m = reinterpret<f32>((ix & 0x007fffff) + SQRT_HALF_BITS);
  const f = m - 1.0;
  const f2 = f * f;
  const f4 = f2 * f2;
  // Estrin's scheme (short dependency chains): P = (q0 + q1 f2) + (q2 + q3 f2) f4
  const p = ((LOG_P0 + LOG_P1 * f) + (LOG_P2 + LOG_P3 * f) * f2) + ((LOG_P4 + LOG_P5 * f) + (LOG_P6 + LOG_P7 * f) * f2) * f4;
  const lm = (f - f2 * <f32>0.5) + (f2 * f) * p;
  return (lm + e * LN2_LO) + e * LN2_HI;
}

/** logf on 4 lanes, bit-identical per lane to `logf`. */
// @ts-ignore: decorator
@inline
export function logf4(x: v128): v128 {
  const ix = i32x4.sub(x, i32x4.splat(SQRT_HALF_BITS));
  const e = f32x4.convert_i32x4_s(i32x4.shr_s(ix, 23));
  const m = i32x4.add(v128.and(ix, i32x4.splat(0x007fffff)), i32x4.splat(SQRT_HALF_BITS));
  const f = f32x4.sub(m, f32x4.splat(1.0));
  const f2 = f32x4.mul(f, f);
  const f4 = f32x4.mul(f2, f2);
  const q0 = f32x4.add(f32x4.splat(LOG_P0), f32x4.mul(f32x4.splat(LOG_P1), f));
  const q1 = f32x4.add(f32x4.splat(LOG_P2), f32x4.mul(f32x4.splat(LOG_P3), f));
  const q2 = f32x4.add(f32x4.splat(LOG_P4), f32x4.mul(f32x4.splat(LOG_P5), f));
  const q3 = f32x4.add(f32x4.splat(LOG_P6), f32x4.mul(f32x4.splat(LOG_P7), f));
  const p = f32x4.add(f32x4.add(q0, f32x4.mul(q1, f2)), f32x4.mul(f32x4.add(q2, f32x4.mul(q3, f2)), f4));
  const lm = f32x4.add(f32x4.sub(f, f32x4.mul(f2, f32x4.splat(0.5))), f32x4.mul(f32x4.mul(f2, f), p));
  return f32x4.add(f32x4.add(lm, f32x4.mul(e, f32x4.splat(LN2_LO))), f32x4.mul(e, f32x4.splat(LN2_HI)));
}

// ---------------------------------------------------------------------------------------------
// -2 log u, the squared Box-Muller radius
// ---------------------------------------------------------------------------------------------

// -2 log(1 + f) = (-2 f + f^2) + f^3 * P2(f) with P2 = -2 P (exact: a power-of-two scaling)
const R2_P0: f32 = -2.0 * LOG_P0;
const R2_P1: f32 = -2.0 * LOG_P1;
const R2_P2: f32 = -2.0 * LOG_P2;
const R2_P3: f32 = -2.0 * LOG_P3;
const R2_P4: f32 = -2.0 * LOG_P4;
const R2_P5: f32 = -2.0 * LOG_P5;
const R2_P6: f32 = -2.0 * LOG_P6;
const R2_P7: f32 = -2.0 * LOG_P7;
const MINUS_2LN2: f32 = -1.3862943649291992; // float32(-2 ln 2)

/**
 * -2 log(u) for u in [2^-24, 1] (the squared Box-Muller radius): logf with the factor -2 folded
 * into the coefficients and e ln 2 taken as one product (its rounding error, < 2e-6 absolute, is
 * below 2e-7 of the result). Checked exhaustively over all 2^24 inputs u = k 2^-24 by
 * test/reference/fit_polys.py: never negative (so sqrt never sees a negative number), max
 * relative error 1.4e-7 where the result exceeds 1e-3.
 */
// @ts-ignore: decorator
@inline
export function radius2f(u: f32): f32 {
  const ix = reinterpret<u32>(u) - SQRT_HALF_BITS;
  const e = <f32>(<i32>ix >> 23);
  const f = reinterpret<f32>((ix & 0x007fffff) + SQRT_HALF_BITS) - <f32>1.0;
  const f2 = f * f;
  const f4 = f2 * f2;
  const p = ((R2_P0 + R2_P1 * f) + (R2_P2 + R2_P3 * f) * f2) + ((R2_P4 + R2_P5 * f) + (R2_P6 + R2_P7 * f) * f2) * f4;
  return ((f * <f32>-2.0 + f2) + (f2 * f) * p) + e * MINUS_2LN2;
}

/** radius2f on 4 lanes, bit-identical per lane. */
// @ts-ignore: decorator
@inline
export function radius2f4(u: v128): v128 {
  const ix = i32x4.sub(u, i32x4.splat(SQRT_HALF_BITS));
  const e = f32x4.convert_i32x4_s(i32x4.shr_s(ix, 23));
  const f = f32x4.sub(i32x4.add(v128.and(ix, i32x4.splat(0x007fffff)), i32x4.splat(SQRT_HALF_BITS)), f32x4.splat(1.0));
  const f2 = f32x4.mul(f, f);
  const f4 = f32x4.mul(f2, f2);
  const q0 = f32x4.add(f32x4.splat(R2_P0), f32x4.mul(f32x4.splat(R2_P1), f));
  const q1 = f32x4.add(f32x4.splat(R2_P2), f32x4.mul(f32x4.splat(R2_P3), f));
  const q2 = f32x4.add(f32x4.splat(R2_P4), f32x4.mul(f32x4.splat(R2_P5), f));
  const q3 = f32x4.add(f32x4.splat(R2_P6), f32x4.mul(f32x4.splat(R2_P7), f));
  const p = f32x4.add(f32x4.add(q0, f32x4.mul(q1, f2)), f32x4.mul(f32x4.add(q2, f32x4.mul(q3, f2)), f4));
  const g = f32x4.add(f32x4.add(f32x4.mul(f, f32x4.splat(-2.0)), f2), f32x4.mul(f32x4.mul(f2, f), p));
  return f32x4.add(g, f32x4.mul(e, f32x4.splat(MINUS_2LN2)));
}

// ---------------------------------------------------------------------------------------------
// exp
// ---------------------------------------------------------------------------------------------

/**
 * e^x for any finite x, with x clamped to [-87, 88] first (so the result is a normal float32
 * between 1.6e-38 and 1.7e38). k = floor(x log2e + 1/2), r = (x - k LN2_HI) - k LN2_LO,
 * e^x = 2^k (1 + (r + r^2 Q(r))); 2^k is built from its bits.
 */
// @ts-ignore: decorator
@inline
export function expf(x: f32): f32 {
  const xc = min(max(x, EXP_MIN), EXP_MAX);
  const k = Mathf.floor(xc * LOG2E + 0.5);
  const r = (xc - k * LN2_HI) - k * LN2_LO;
  const q = EXP_Q0 + r * (EXP_Q1 + r * (EXP_Q2 + r * (EXP_Q3 + r * EXP_Q4)));
  const er = <f32>1.0 + (r + (r * r) * q);
  return er * reinterpret<f32>((<i32>k + 127) << 23);
}

/** expf on 4 lanes, bit-identical per lane to `expf`. */
// @ts-ignore: decorator
@inline
export function expf4(x: v128): v128 {
  const xc = f32x4.min(f32x4.max(x, f32x4.splat(EXP_MIN)), f32x4.splat(EXP_MAX));
  const k = f32x4.floor(f32x4.add(f32x4.mul(xc, f32x4.splat(LOG2E)), f32x4.splat(0.5)));
  const r = f32x4.sub(f32x4.sub(xc, f32x4.mul(k, f32x4.splat(LN2_HI))), f32x4.mul(k, f32x4.splat(LN2_LO)));
  let q = f32x4.add(f32x4.splat(EXP_Q3), f32x4.mul(r, f32x4.splat(EXP_Q4)));
  q = f32x4.add(f32x4.splat(EXP_Q2), f32x4.mul(r, q));
  q = f32x4.add(f32x4.splat(EXP_Q1), f32x4.mul(r, q));
  q = f32x4.add(f32x4.splat(EXP_Q0), f32x4.mul(r, q));
  const er = f32x4.add(f32x4.splat(1.0), f32x4.add(r, f32x4.mul(f32x4.mul(r, r), q)));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(k), i32x4.splat(127)), 23);
  return f32x4.mul(er, scale);
}

// ---------------------------------------------------------------------------------------------
// sin and cos of a quarter turn: sinq(t) = sin(pi/2 t), cosq(t) = cos(pi/2 t), |t| <= 0.5
// ---------------------------------------------------------------------------------------------

/** sin(pi/2 * t) for |t| <= 0.5 (t2 = t * t is passed in, shared with cosq). */
// @ts-ignore: decorator
@inline
export function sinq(t: f32, t2: f32): f32 {
  const t4 = t2 * t2;
  return t * ((SIN_S0 + SIN_S1 * t2) + (SIN_S2 + SIN_S3 * t2) * t4);
}

/** cos(pi/2 * t) for |t| <= 0.5, from t2 = t * t. */
// @ts-ignore: decorator
@inline
export function cosq(t2: f32): f32 {
  const t4 = t2 * t2;
  return (<f32>1.0 + COS_C1 * t2) + ((COS_C2 + COS_C3 * t2) + COS_C4 * t4) * t4;
}

/** sinq on 4 lanes, bit-identical per lane. */
// @ts-ignore: decorator
@inline
export function sinq4(t: v128, t2: v128): v128 {
  const t4 = f32x4.mul(t2, t2);
  const s = f32x4.add(
    f32x4.add(f32x4.splat(SIN_S0), f32x4.mul(f32x4.splat(SIN_S1), t2)),
    f32x4.mul(f32x4.add(f32x4.splat(SIN_S2), f32x4.mul(f32x4.splat(SIN_S3), t2)), t4));
  return f32x4.mul(t, s);
}

/** cosq on 4 lanes, bit-identical per lane. */
// @ts-ignore: decorator
@inline
export function cosq4(t2: v128): v128 {
  const t4 = f32x4.mul(t2, t2);
  return f32x4.add(
    f32x4.add(f32x4.splat(1.0), f32x4.mul(f32x4.splat(COS_C1), t2)),
    f32x4.mul(f32x4.add(f32x4.add(f32x4.splat(COS_C2), f32x4.mul(f32x4.splat(COS_C3), t2)), f32x4.mul(f32x4.splat(COS_C4), t4)), t4));
}
