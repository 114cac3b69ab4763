// Quick timing of rotate / warpAffine: SIMD build vs scalar build, same process, same input.
// Usage: npm run build && node bench/warp-quick.js [size=1024] [repeats=7]
// Prints the median of `repeats` runs (after 2 warm-up runs) per case and the scalar/SIMD ratio,
// and checks that both builds give identical bytes.
import { init, rotate } from '../dist/index.js';

const size = Number(process.argv[2] ?? 1024);
const repeats = Number(process.argv[3] ?? 7);

function randomImage(w, h, c, dtype) {
  let s = 12345;
  const n = w * h * c;
  const data = dtype === 'uint8' ? new Uint8Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    // smooth-ish content plus noise, like a photo
    const x = (i / c) % w, y = Math.floor(i / c / w);
    const v = 128 + 80 * Math.sin(x / 23 + (i % c)) * Math.cos(y / 17) + (s & 31) - 16;
    data[i] = dtype === 'uint8' ? Math.max(0, Math.min(255, Math.round(v))) : v / 255;
  }
  return { width: w, height: h, channels: c, data };
}

function time(fn) {
  for (let i = 0; i < 2; i++) fn();
  const t = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[t.length >> 1];
}

const cases = [];
for (const dtype of ['uint8', 'float32']) {
  for (const c of [4, 3, 1]) {
    for (const interpolation of ['bilinear', 'bicubic', 'nearest']) {
      cases.push({ dtype, c, interpolation, border: 'constant' });
    }
  }
}
cases.push({ dtype: 'uint8', c: 4, interpolation: 'bilinear', border: 'reflect' });

const rows = [];
for (const k of cases) {
  const img = randomImage(size, size, k.c, k.dtype);
  const run = () => rotate(img, 30, { interpolation: k.interpolation, border: k.border });
  const res = {};
  const outs = {};
  for (const simd of [true, false]) {
    await init({ simd });
    outs[simd] = run().data;
    res[simd] = time(run);
  }
  let same = outs[true].length === outs[false].length;
  for (let i = 0; same && i < outs[true].length; i++) if (outs[true][i] !== outs[false][i] && !(Number.isNaN(outs[true][i]) && Number.isNaN(outs[false][i]))) same = false;
  rows.push({ ...k, simd: res[true], scalar: res[false], same });
}
console.log(`rotate(img, 30) on ${size}x${size}, median of ${repeats} (ms), node ${process.version}`);
console.log('| dtype | ch | interpolation | border | SIMD ms | scalar ms | scalar/SIMD | identical |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.dtype} | ${r.c} | ${r.interpolation} | ${r.border} | ${r.simd.toFixed(2)} | ${r.scalar.toFixed(2)} | ${(r.scalar / r.simd).toFixed(2)}x | ${r.same} |`);
}
