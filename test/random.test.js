// Random / philox4x32: known-answer vectors, an independent BigInt reference, reproducibility,
// stream independence and basic distribution checks.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Random, philox4x32, PixaugError } from '../dist/index.js';

const hex = (a) => Array.from(a, (x) => x.toString(16).padStart(8, '0')).join(' ');

// Random123 tests/kat_vectors, rows `philox4x32 10` and `philox4x32 7`:
// name rounds counter[4] key[2] -> expected[4]. The same rows appear verbatim in several
// independent projects' copies of kat_vectors (checked with the code search before writing this).
const KAT = [
  [10, [0, 0, 0, 0], [0, 0], '6627e8d5 e169c58d bc57ac4c 9b00dbd8'],
  [10, [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], '408f276d 41c83b0e a20bc7c6 6d5451fd'],
  [10, [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], 'd16cfe09 94fdcceb 5001e420 24126ea1'],
  [7, [0, 0, 0, 0], [0, 0], '5f6fb709 0d893f64 4f121f81 4f730a48'],
  [7, [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], '5207ddc2 45165e59 4d8ee751 8c52f662'],
  [7, [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], '4dfccaba 190a87f0 c47362ba b6b5242a'],
];

test('philox4x32: Random123 known-answer vectors (10 and 7 rounds)', () => {
  for (const [rounds, ctr, key, want] of KAT) {
    assert.is(hex(philox4x32(ctr, key, rounds)), want, `rounds=${rounds} ctr=${hex(ctr)} key=${hex(key)}`);
  }
  // default is 10 rounds
  assert.is(hex(philox4x32([0, 0, 0, 0], [0, 0])), KAT[0][3]);
});

// An independent Philox4x32-R in BigInt (exact 64-bit products), to check the 16-bit-half
// multiply of src/random.ts on many operands, not just the three KAT inputs.
function philoxBig(ctr, key, rounds = 10) {
  const M0 = 0xd2511f53n, M1 = 0xcd9e8d57n, W0 = 0x9e3779b9n, W1 = 0xbb67ae85n, MASK = 0xffffffffn;
  let [c0, c1, c2, c3] = ctr.map(BigInt);
  let [k0, k1] = key.map(BigInt);
  for (let r = 0; r < rounds; r++) {
    if (r > 0) { k0 = (k0 + W0) & MASK; k1 = (k1 + W1) & MASK; }
    const p0 = M0 * c0, p1 = M1 * c2;
    [c0, c1, c2, c3] = [((p1 >> 32n) ^ c1 ^ k0) & MASK, p1 & MASK, ((p0 >> 32n) ^ c3 ^ k1) & MASK, p0 & MASK];
  }
  return [c0, c1, c2, c3].map(Number);
}

test('philox4x32: equals a BigInt reference on 2000 random counters and keys', () => {
  let s = 0x12345678;
  const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
  for (let i = 0; i < 2000; i++) {
    const ctr = [next(), next(), next(), next()];
    const key = [next(), next()];
    if (i % 7 === 0) ctr[0] = 0xffffffff; // extreme operands for the multiply
    if (i % 11 === 0) ctr[2] = 0xffff0001;
    assert.equal(Array.from(philox4x32(ctr, key)), philoxBig(ctr, key), `ctr=${hex(ctr)} key=${hex(key)}`);
  }
});

test('Random: draw d is word d%4 of philox(block d/4) under key (seed lo, seed hi ^ fmix32(stream))', () => {
  // stream 0: fmix32(0) = 0, so the key is the seed itself and draws are the KAT block outputs
  const r = new Random(0);
  const first = [r.uint32(), r.uint32(), r.uint32(), r.uint32()];
  assert.is(hex(first), KAT[0][3]);
  const second = [r.uint32(), r.uint32(), r.uint32(), r.uint32()];
  assert.equal(second, Array.from(philox4x32([1, 0, 0, 0], [0, 0])));
  assert.is(r.position, 8);
  // a 64-bit seed: low word -> k0, high word -> k1
  const big = new Random(0xffffffffffffffffn);
  assert.is(big.uint32(), philox4x32([0, 0, 0, 0], [0xffffffff, 0xffffffff])[0]);
  // number and bigint seeds agree
  const a = new Random(2 ** 40 + 5, 3), b = new Random(2n ** 40n + 5n, 3);
  for (let i = 0; i < 10; i++) assert.is(a.uint32(), b.uint32());
});

test('Random: the same (seed, stream) reproduces; other seeds and streams differ', () => {
  const seq = (seed, stream, n = 64) => { const r = new Random(seed, stream); return Array.from({ length: n }, () => r.uint32()); };
  assert.equal(seq(1, 0), seq(1, 0));
  assert.equal(seq(123456789, 42), seq(123456789, 42));
  const base = seq(1, 0);
  for (const [seed, stream] of [[1, 1], [1, 2], [2, 0], [0, 1], [1, 0xffffffff]]) {
    const other = seq(seed, stream);
    const same = other.filter((v, i) => v === base[i]).length;
    assert.ok(same <= 1, `seed ${seed} stream ${stream} shares ${same} of 64 draws with seed 1 stream 0`);
  }
  // 1000 streams of one seed: all first blocks distinct
  const firsts = new Set();
  for (let s = 0; s < 1000; s++) firsts.add(seq(7, s, 2).join(','));
  assert.is(firsts.size, 1000);
});

test('Random: float() is in [0, 1) with 24-bit resolution and mean ~0.5', () => {
  const r = new Random(2024, 5);
  const n = 100000;
  let sum = 0, min = 1, max = 0;
  for (let i = 0; i < n; i++) {
    const f = r.float();
    assert.ok(f >= 0 && f < 1, `float out of range: ${f}`);
    assert.is(f * 16777216, Math.floor(f * 16777216), 'a multiple of 2^-24');
    sum += f; min = Math.min(min, f); max = Math.max(max, f);
  }
  const mean = sum / n;
  // standard error of the mean of U(0,1) over 1e5 draws is 0.00091; 0.005 is > 5 sigma
  assert.ok(Math.abs(mean - 0.5) < 0.005, `mean ${mean}`);
  assert.ok(min < 0.001 && max > 0.999, `range ${min}..${max}`);
});

test('Random: int, uniform, choice, bool', () => {
  const r = new Random(9);
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < 40000; i++) {
    const k = r.int(0, 3);
    assert.ok(Number.isInteger(k) && k >= 0 && k <= 3);
    counts[k]++;
  }
  // each bucket expects 10000, sd ~87: +-500 is > 5 sigma
  for (const c of counts) assert.ok(Math.abs(c - 10000) < 500, `counts ${counts}`);
  assert.is(r.int(5, 5), 5);
  assert.ok([-2, -1, 0].includes(r.int(-2, 0)));
  const full = r.int(0, 0xffffffff);
  assert.ok(full >= 0 && full <= 0xffffffff);
  for (let i = 0; i < 1000; i++) {
    const u = r.uniform(-30, 30);
    assert.ok(u >= -30 && u < 30, `uniform ${u}`);
  }
  const seen = new Set();
  for (let i = 0; i < 200; i++) seen.add(r.choice(['a', 'b', 'c']));
  assert.equal([...seen].sort(), ['a', 'b', 'c']);
  let t = 0;
  for (let i = 0; i < 10000; i++) if (r.bool(0.25)) t++;
  assert.ok(Math.abs(t - 2500) < 250, `bool(0.25) true ${t} of 10000`);
  for (let i = 0; i < 100; i++) { assert.is(r.bool(0), false); assert.is(r.bool(1), true); }
});

test('Random: invalid arguments throw INVALID_PARAMETER', () => {
  const bad = [
    () => new Random(-1), () => new Random(1.5), () => new Random(NaN), () => new Random(2n ** 64n), () => new Random(-1n),
    () => new Random('1'), () => new Random(1, -1), () => new Random(1, 2 ** 32), () => new Random(1, 0.5),
    () => new Random(1).int(3, 2), () => new Random(1).int(0, 2 ** 32), () => new Random(1).int(0.5, 2),
    () => new Random(1).uniform(1, 0), () => new Random(1).uniform(0, Infinity),
    () => new Random(1).choice([]), () => new Random(1).bool(2), () => new Random(1).bool(NaN),
    () => philox4x32([0, 0, 0], [0, 0]), () => philox4x32([0, 0, 0, 2 ** 32], [0, 0]),
  ];
  for (const f of bad) {
    try {
      f();
      assert.unreachable(`no error for ${f}`);
    } catch (e) {
      assert.instance(e, PixaugError, String(f));
      assert.is(e.code, 'INVALID_PARAMETER', String(f));
    }
  }
});

test.run();
