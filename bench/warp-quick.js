// Quick timing of rotate: SIMD build vs scalar build, same process, same input.
// Usage: npm run build && node bench/warp-quick.js [size=1024] [repeats=7]
// Prints the median of `repeats` runs (after >= 300 ms of warm-up) per case and the scalar/SIMD ratio,
// and checks that both builds give identical bytes. "API" = rotate() including the copy into and
// out of wasm memory; "kernel" = the warpAffineU8 / warpAffineF32 call alone on data already in
// wasm memory.
import { init, rotate, rotationMatrix, invertAffine } from '../dist/index.js';
import { getEngine } from '../dist/engine.js';

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
  // warm up for at least 300 ms so V8 has tiered the kernels up from Liftoff to TurboFan
  const t0 = performance.now();
  for (let i = 0; i < 3 || performance.now() - t0 < 300; i++) fn();
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

const INTERP = { nearest: 0, bilinear: 1, bicubic: 2 };
const BORDER = { constant: 0, reflect: 2 };

/** Times the kernel alone: input, output and fill already in wasm memory. */
function timeKernel(img, k) {
  const e = getEngine();
  const bytes = k.dtype === 'uint8' ? 1 : 4;
  const n = img.width * img.height * img.channels;
  const sp = e.alloc(n * bytes), dp = e.alloc(n * bytes), fp = e.alloc(16 * bytes);
  try {
    if (bytes === 1) e.u8(sp, n).set(img.data); else e.f32(sp, n).set(img.data);
    const mi = invertAffine(rotationMatrix(30, (img.width - 1) / 2, (img.height - 1) / 2));
    const fn = bytes === 1 ? e.k.warpAffineU8 : e.k.warpAffineF32;
    const stride = img.width * img.channels * bytes;
    return time(() => fn(sp, dp, img.width, img.height, img.channels, stride, img.width, img.height, stride,
      mi[0], mi[1], mi[2], mi[3], mi[4], mi[5], INTERP[k.interpolation], BORDER[k.border], fp, bytes === 1 ? -0.75 : -0.5));
  } finally {
    e.free(fp); e.free(dp); e.free(sp);
  }
}

const rows = [];
for (const k of cases) {
  const img = randomImage(size, size, k.c, k.dtype);
  const run = () => rotate(img, 30, { interpolation: k.interpolation, border: k.border });
  const res = {};
  const kern = {};
  const outs = {};
  for (const simd of [true, false]) {
    await init({ simd });
    outs[simd] = run().data;
    res[simd] = time(run);
    kern[simd] = timeKernel(img, k);
  }
  let same = outs[true].length === outs[false].length;
  for (let i = 0; same && i < outs[true].length; i++) if (outs[true][i] !== outs[false][i] && !(Number.isNaN(outs[true][i]) && Number.isNaN(outs[false][i]))) same = false;
  rows.push({ ...k, simd: res[true], scalar: res[false], ksimd: kern[true], kscalar: kern[false], same });
}
console.log(`rotate(img, 30) on ${size}x${size}, median of ${repeats} (ms), node ${process.version}`);
console.log('| dtype | ch | interpolation | border | API SIMD | API scalar | API ratio | kernel SIMD | kernel scalar | kernel ratio | identical |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.dtype} | ${r.c} | ${r.interpolation} | ${r.border} | ${r.simd.toFixed(2)} | ${r.scalar.toFixed(2)} | ${(r.scalar / r.simd).toFixed(2)}x | ${r.ksimd.toFixed(2)} | ${r.kscalar.toFixed(2)} | ${(r.kscalar / r.ksimd).toFixed(2)}x | ${r.same} |`);
}
