// Noise benchmarks: `npm run bench:noise` (= npm run build && node bench/noise.js).
//
// One 1024x1024 RGBA uint8 image (a deterministic synthetic texture, 4 MiB = 4,194,304 samples).
// Measured in this one run with benchmark.js (maxTime 1 s each), side by side (STYLE.md habit 9):
//   - pixaug SIMD build and scalar build, each as
//       "op":     the public function (validates, copies the image into wasm memory, runs the
//                 kernel, allocates the output and copies it out);
//       "kernel": the raw kernel export on buffers already in wasm memory;
//   - a plain JS loop with Math.random (Box-Muller with Math.log / Math.cos / Math.sin, both
//     values of each pair used; one Math.random per pixel for salt and pepper);
//   - memcpy of the same 4 MiB (Uint8Array.prototype.set), the floor for any op with one copy.
// Cases: gaussianNoise with includeAlpha: true (all 4 channels get noise, so samples = 4 x
// pixels), gaussianNoise default (alpha kept: noise is still generated for alpha lanes), and
// saltAndPepper (per pixel, amount 0.05). Throughput is quoted in million samples (elements)
// per second. Results go to stdout and bench/RESULTS-noise.md. Timings are never asserted.
import Benchmark from 'benchmark';
import os from 'node:os';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { init, gaussianNoise, saltAndPepper } from '../dist/index.js';
import { getEngine } from '../dist/engine.js';
import { philoxKey } from '../dist/ops/seed.js';

const MAX_TIME = 1;
const W = 1024, H = 1024, C = 4, N = W * H * C;
const src = new Uint8Array(N);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
  const i = (y * W + x) * 4;
  src[i] = (x * 255) / (W - 1);
  src[i + 1] = (y * 255) / (H - 1);
  src[i + 2] = 128 + 100 * Math.sin(x / 37) * Math.cos(y / 23);
  src[i + 3] = 255;
}
const img = { width: W, height: H, channels: C, data: src };
const SIGMA = 12, AMOUNT = 0.05;

// ---- plain JS baselines -------------------------------------------------------------------------
function jsGaussian(s, d, includeAlpha) {
  for (let i = 0; i < N; i += 2) {
    const r = SIGMA * Math.sqrt(-2 * Math.log(1 - Math.random()));
    const t = 2 * Math.PI * Math.random();
    const a = s[i] + r * Math.cos(t), b = s[i + 1] + r * Math.sin(t);
    d[i] = a < 0 ? 0 : a > 255 ? 255 : Math.floor(a + 0.5);
    d[i + 1] = b < 0 ? 0 : b > 255 ? 255 : Math.floor(b + 0.5);
  }
  if (!includeAlpha) for (let i = 3; i < N; i += 4) d[i] = s[i];
}
function jsSaltPepper(s, d) {
  for (let i = 0; i < N; i += 4) {
    const u = Math.random();
    if (u < AMOUNT) {
      const v = u < AMOUNT / 2 ? 255 : 0;
      d[i] = v; d[i + 1] = v; d[i + 2] = v; d[i + 3] = s[i + 3];
    } else {
      d[i] = s[i]; d[i + 1] = s[i + 1]; d[i + 2] = s[i + 2]; d[i + 3] = s[i + 3];
    }
  }
}

// ---- runs ---------------------------------------------------------------------------------------
const { k0, k1 } = philoxKey('bench', { seed: 1 });
const tFlip = Math.ceil(AMOUNT * 16777216), tSalt = Math.ceil(AMOUNT * 0.5 * 16777216);
const CASES = [
  { name: 'gaussianNoise (sigma 12, all 4 channels)', op: () => gaussianNoise(img, { sigma: SIGMA, seed: 1, includeAlpha: true }),
    kernel: (k, s, d) => k.noiseU8(s, d, N, 1, 0, 0, C, 0, 0, 0, SIGMA, k0, k1), js: (s, d) => jsGaussian(s, d, true) },
  { name: 'gaussianNoise (sigma 12, alpha kept)', op: () => gaussianNoise(img, { sigma: SIGMA, seed: 1 }),
    kernel: (k, s, d) => k.noiseU8(s, d, N, 1, 0, 0, C, 0, 1, 0, SIGMA, k0, k1), js: (s, d) => jsGaussian(s, d, false) },
  { name: 'saltAndPepper (amount 0.05, per pixel)', op: () => saltAndPepper(img, { amount: AMOUNT, seed: 1 }),
    kernel: (k, s, d) => k.saltPepperU8(s, d, N, 1, 0, 0, C, 1 | 2, tSalt, tFlip, 255, 0, k0, k1), js: jsSaltPepper },
];

function measure(fn) {
  return new Promise((resolve) => {
    new Benchmark({ fn, maxTime: MAX_TIME, onComplete: (ev) => resolve(ev.target) }).run();
  });
}
const fmt = (ms) => ms.toFixed(2);
const rate = (ms) => (N / (ms * 1e3)).toFixed(0);

const rows = [];
const scratch = new Uint8Array(N);
const memcpy = await measure(() => scratch.set(src));
const memcpyMs = memcpy.stats.mean * 1e3;

for (const c of CASES) {
  const r = {};
  for (const simd of [true, false]) {
    await init({ simd });
    const e = getEngine();
    const s = e.alloc(N), d = e.alloc(N);
    e.u8(s, N).set(src);
    // correctness before timing: the kernel call gives the op's bytes
    const want = c.op().data;
    c.kernel(e.k, s, d);
    const got = e.u8(d, N);
    for (let i = 0; i < N; i++) if (got[i] !== want[i]) throw new Error(`${c.name}: kernel != op at ${i}`);
    r[simd ? 'simdOp' : 'scalarOp'] = (await measure(c.op)).stats.mean * 1e3;
    r[simd ? 'simdKernel' : 'scalarKernel'] = (await measure(() => c.kernel(e.k, s, d))).stats.mean * 1e3;
    e.free(s); e.free(d);
  }
  const out = new Uint8Array(N);
  r.js = (await measure(() => c.js(src, out))).stats.mean * 1e3;
  rows.push([c.name, r]);
}

const lines = [];
lines.push(`# Noise benchmarks`, '');
lines.push(`1024x1024 RGBA uint8 (${N} samples), node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), ${new Date().toISOString().slice(0, 10)}.`);
lines.push(`Mean time per call (benchmark.js, ${MAX_TIME} s per variant); M/s = million samples per second. memcpy of the same 4 MiB: ${fmt(memcpyMs)} ms.`, '');
lines.push('| case | SIMD op | SIMD kernel | scalar op | scalar kernel | plain JS (Math.random) | SIMD / scalar (op) | SIMD / scalar (kernel) | SIMD / JS (op) |');
lines.push('|---|---|---|---|---|---|---|---|---|');
for (const [name, r] of rows) {
  const cell = (ms) => `${fmt(ms)} ms (${rate(ms)} M/s)`;
  lines.push(`| ${name} | ${cell(r.simdOp)} | ${cell(r.simdKernel)} | ${cell(r.scalarOp)} | ${cell(r.scalarKernel)} | ${cell(r.js)} | ${(r.scalarOp / r.simdOp).toFixed(2)}x | ${(r.scalarKernel / r.simdKernel).toFixed(2)}x | ${(r.js / r.simdOp).toFixed(2)}x |`);
}
lines.push('', 'Command: `npm run bench:noise`.');
const text = lines.join('\n') + '\n';
process.stdout.write(text);
writeFileSync(fileURLToPath(new URL('./RESULTS-noise.md', import.meta.url)), text);
