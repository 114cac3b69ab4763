// The wasm generator (assembly/random.ts, assembly/mathf.ts): Philox known answers, agreement
// with src/random.ts, SIMD == scalar == JS reference bit for bit, and the statistics of the
// variates (mean, standard deviation, Kolmogorov-Smirnov against N(0, 1) on 10^6 samples,
// independence of seeds and streams).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { init, Random } from '../dist/index.js';
import { kernels, allocate, free, view } from '../dist/kernels.js';
import { keyOf, normal, uniform, word, radius2f, logf, expf, sinq, cosq } from './ref/noise.js';

const hex = (a) => Array.from(a, (x) => x.toString(16).padStart(8, '0')).join(' ');

// Random123 tests/kat_vectors, rows `philox4x32 10` (the same rows as test/random.test.js)
const KAT = [
  [[0, 0, 0, 0], [0, 0], '6627e8d5 e169c58d bc57ac4c 9b00dbd8'],
  [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], '408f276d 41c83b0e a20bc7c6 6d5451fd'],
  [[0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], 'd16cfe09 94fdcceb 5001e420 24126ea1'],
];

const BUILDS = [true, false];

function philoxWasm(ctr, key) {
  const p = allocate(16);
  kernels().philox4x32(ctr[0], ctr[1], ctr[2], ctr[3], key[0], key[1], p);
  const out = new Uint32Array(view(p, 16).slice().buffer);
  free(p);
  return out;
}

/** Runs a fill kernel into a fresh buffer: kind 'normal' | 'uniform' | 'words'. */
function fill(kind, n, i0, field, key, a = 0, b = 1) {
  const p = allocate(n * 4);
  const k = kernels();
  if (kind === 'normal') k.fillNormal(p, n, i0, field, key[0], key[1], a, b);
  else if (kind === 'uniform') k.fillUniform(p, n, i0, field, key[0], key[1], a, b);
  else k.fillWords(p, n, i0, field, key[0], key[1]);
  const out = kind === 'words' ? new Uint32Array(view(p, n * 4).slice().buffer) : view(p, n, 'float32').slice();
  free(p);
  return out;
}

test('wasm philox4x32: Random123 known-answer vectors, both builds', async () => {
  for (const simd of BUILDS) {
    await init({ simd });
    for (const [ctr, key, want] of KAT) assert.is(hex(philoxWasm(ctr, key)), want, `simd=${simd} ctr=${hex(ctr)}`);
  }
});

test('wasm philox4x32 under the key of (seed, stream) gives the draws of new Random(seed, stream)', async () => {
  for (const simd of BUILDS) {
    await init({ simd });
    for (const [seed, stream] of [[0, 0], [1, 0], [42, 7], [2 ** 40 + 5, 3], [123456789, 0xffffffff], [0xffffffffffffffffn, 1]]) {
      const r = new Random(seed, stream);
      const key = keyOf(seed, stream);
      for (let n = 0; n < 5; n++) {
        const want = [r.uint32(), r.uint32(), r.uint32(), r.uint32()];
        assert.equal(Array.from(philoxWasm([n, 0, 0, 0], key)), want, `seed ${seed} stream ${stream} block ${n}`);
      }
    }
  }
});

test('fillWords / fillUniform / fillNormal: SIMD == scalar == JS reference, any start and length', async () => {
  const key = keyOf(987654321, 12);
  const cases = [[0, 1], [0, 32], [0, 100], [1, 31], [3, 64], [5, 7], [30, 70], [31, 33], [1000, 257], [0xfffff000, 700]];
  const results = {};
  for (const simd of BUILDS) {
    await init({ simd });
    for (const [i0, n] of cases) {
      for (const [kind, a, b] of [['words'], ['uniform', -2.5, 5], ['normal', 0.25, 3]]) {
        const got = fill(kind, n, i0, 1, key, a, b);
        const label = `${kind} i0=${i0} n=${n}`;
        if (simd) results[label] = got;
        else assert.equal(Array.from(got), Array.from(results[label]), `scalar != SIMD: ${label}`);
        for (let j = 0; j < n; j++) {
          const i = (i0 + j) >>> 0;
          const want = kind === 'words' ? word(i, 1, key) : kind === 'uniform' ? uniform(i, 1, key, a, b) : normal(i, 1, key, a, b);
          if (!Object.is(got[j], want)) assert.unreachable(`${label} j=${j}: got ${got[j]} want ${want} (simd=${simd})`);
        }
      }
    }
  }
});

test('fill values do not depend on where a fill starts: any split gives the same sequence', async () => {
  const key = keyOf(5, 5);
  for (const simd of BUILDS) {
    await init({ simd });
    const whole = fill('normal', 1000, 0, 1, key);
    for (const cut of [1, 13, 31, 32, 33, 500, 999]) {
      const a = fill('normal', cut, 0, 1, key), b = fill('normal', 1000 - cut, cut, 1, key);
      assert.equal([...a, ...b], Array.from(whole), `cut at ${cut}, simd=${simd}`);
    }
  }
});

test('mathf: own log, exp, sin, cos are accurate (JS reference bits == wasm bits is tested through the fills)', () => {
  let maxLog = 0, maxExp = 0, maxSin = 0, maxCos = 0;
  for (let k = 1; k < 200000; k++) {
    const x = Math.fround(k * 0.00137 + 1e-6);
    maxLog = Math.max(maxLog, Math.abs(logf(x) - Math.log(x)) / Math.max(1, Math.abs(Math.log(x))));
    const y = Math.fround(-87 + k * (175 / 200000));
    maxExp = Math.max(maxExp, Math.abs(expf(y) / Math.exp(y) - 1));
    const t = Math.fround(-0.5 + k / 200000);
    maxSin = Math.max(maxSin, Math.abs(sinq(t) - Math.sin(Math.PI / 2 * t)));
    maxCos = Math.max(maxCos, Math.abs(cosq(t) - Math.cos(Math.PI / 2 * t)));
  }
  assert.ok(maxLog < 3e-7, `log error ${maxLog}`);
  assert.ok(maxExp < 4e-7, `exp error ${maxExp}`);
  assert.ok(maxSin < 2e-7, `sin error ${maxSin}`);
  assert.ok(maxCos < 2e-7, `cos error ${maxCos}`);
});

test('radius2f (-2 log u) is never negative over all 2^24 possible uniforms, and accurate', () => {
  let min = Infinity, maxRel = 0;
  for (let k = 1; k <= 16777216; k++) {
    const u = k * 2 ** -24;
    const r2 = radius2f(u);
    if (r2 < min) min = r2;
    if ((k & 255) === 0) {
      const t = -2 * Math.log(u);
      if (t > 1e-3) maxRel = Math.max(maxRel, Math.abs(r2 - t) / t);
    }
  }
  assert.ok(min >= 0, `min ${min}`);
  assert.is(radius2f(1), 0);
  assert.ok(maxRel < 3e-7, `max relative error ${maxRel}`);
});

// ---- statistics ---------------------------------------------------------------------------

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 is too coarse; use erfc by continued fraction via Math). */
function phi(x) {
  // W. J. Cody's rational erfc would be overkill: a 1e-7-accurate Taylor/asymptotic blend.
  const z = Math.abs(x) / Math.SQRT2;
  let erfc;
  if (z < 3) {
    // erf series: erf z = 2/sqrt(pi) sum (-1)^n z^(2n+1) / (n! (2n+1))
    let term = z, sum = z;
    for (let n = 1; n < 80; n++) { term *= -z * z / n; sum += term / (2 * n + 1); }
    erfc = 1 - (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    // continued fraction (Lentz) for erfc
    let fcf = 0;
    for (let n = 60; n >= 1; n--) fcf = (n / 2) / (z + fcf);
    erfc = Math.exp(-z * z) / Math.sqrt(Math.PI) / (z + fcf);
  }
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

function ks(sorted, cdf) {
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const F = cdf(sorted[i]);
    d = Math.max(d, Math.abs(F - i / n), Math.abs((i + 1) / n - F));
  }
  return d;
}

test('normal variates: mean 0, sd 1, Kolmogorov-Smirnov vs N(0,1) on 10^6 samples, both builds', async () => {
  const n = 1000000;
  // 5-sigma bounds: se(mean) = 1/sqrt(n) = 0.001; se(var) = sqrt(2/n) = 0.0014
  // KS: P(D > 1.95 / sqrt(n)) = 0.001 for the true distribution
  for (const simd of BUILDS) {
    await init({ simd });
    for (const [seed, stream] of [[1, 0], [20240601, 3]]) {
      const z = fill('normal', n, 0, 1, keyOf(seed, stream));
      let s = 0, s2 = 0, s4 = 0;
      for (const v of z) { s += v; s2 += v * v; s4 += v * v * v * v; }
      const mean = s / n, variance = s2 / n - mean * mean, kurt = s4 / n;
      assert.ok(Math.abs(mean) < 0.005, `mean ${mean}`);
      assert.ok(Math.abs(variance - 1) < 0.007, `variance ${variance}`);
      assert.ok(Math.abs(kurt - 3) < 0.05, `4th moment ${kurt}`);
      const d = ks(Float64Array.from(z).sort(), phi);
      assert.ok(d < 1.95 / Math.sqrt(n), `KS D = ${d} (seed ${seed}, simd ${simd})`);
      // tail: P(|z| > 3) = 0.0026998
      let tail = 0;
      for (const v of z) if (Math.abs(v) > 3) tail++;
      assert.ok(Math.abs(tail / n - 0.0026998) < 0.0003, `tail ${tail / n}`);
    }
  }
});

test('uniform variates: KS vs U[0,1) on 10^6 samples; 24-bit values in [0, 1)', async () => {
  await init();
  const n = 1000000;
  const u = fill('uniform', n, 0, 1, keyOf(77, 1));
  for (const v of u) if (!(v >= 0 && v < 1) || v * 16777216 !== Math.floor(v * 16777216)) assert.unreachable(`bad uniform ${v}`);
  const d = ks(Float64Array.from(u).sort(), (x) => x);
  assert.ok(d < 1.95 / Math.sqrt(n), `KS D = ${d}`);
});

test('different seeds, streams and fields give uncorrelated normals', async () => {
  await init();
  const n = 200000;
  const corr = (a, b) => {
    const n = a.length;
    let sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0;
    for (let i = 0; i < n; i++) { sa += a[i]; sb += b[i]; sab += a[i] * b[i]; saa += a[i] * a[i]; sbb += b[i] * b[i]; }
    const ca = saa - sa * sa / n, cb = sbb - sb * sb / n;
    return (sab - sa * sb / n) / Math.sqrt(ca * cb);
  };
  const base = fill('normal', n, 0, 1, keyOf(1, 0));
  // se of a correlation of independent samples = 1/sqrt(n) = 0.0022; 5 sigma = 0.011
  for (const [seed, stream, field] of [[2, 0, 1], [1, 1, 1], [1, 2, 1], [1, 0, 2], [0, 0, 1], [2 ** 32, 0, 1]]) {
    const other = fill('normal', n, 0, field, keyOf(seed, stream));
    const r = corr(base, other);
    assert.ok(Math.abs(r) < 0.011, `corr with seed ${seed} stream ${stream} field ${field}: ${r}`);
  }
  // neighbours within one sequence (lag 1, 2, 4: same block / pair) are uncorrelated too
  for (const lag of [1, 2, 4]) {
    const r = corr(base.subarray(0, n - lag), base.subarray(lag));
    assert.ok(Math.abs(r) < 0.011, `lag ${lag} correlation ${r}`);
  }
  // the cos and sin halves of a Box-Muller pair are uncorrelated in their squares as well
  let s = 0, sa = 0, sb = 0;
  for (let i = 0; i < n; i += 2) { const a = base[i] * base[i], b = base[i + 1] * base[i + 1]; s += a * b; sa += a; sb += b; }
  const m = n / 2;
  const cov = s / m - (sa / m) * (sb / m);
  assert.ok(Math.abs(cov) < 0.05, `cov of squares ${cov}`);
});

test.run();
