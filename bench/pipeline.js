// Pipeline benchmark: `npm run bench:pipeline` (= npm run build && node bench/pipeline.js).
//
// Online augmentation throughput (issue 5): 64 RGBA uint8 images of 224x224 (random resized
// crops of the astronaut photo in bench/fixtures) through
//     T.compose([T.horizontalFlip(), T.rotate({ limit: 15, interpolation: 'bilinear', border: 'reflect' }), T.gaussianNoise({ sigma: [2, 10] })])
// measured side by side in this one run:
//   - augmentBatch in this thread (workers: 0), with a pool of 1 worker and with 2 workers
//     (pools created once, start-up time reported apart; inputs are structured-cloned to the
//     workers, outputs transferred back);
//   - fused vs unfused geometry (compose's `fuse` option) for that pipeline, its geometry alone
//     (flip + rotate: one warp instead of a flip copy and a warp), and for a longer
//     geometric chain flip + rotate + affine + scale + resize(160) where fusion saves 3 resamples;
//   - transport: an empty pipeline on 1 worker (inputs cloned in, outputs transferred back);
//   - baselines: the same steps called one by one as functional ops in a plain loop, and memcpy
//     of the batch (Uint8Array.prototype.set of 64 x 224 x 224 x 4 bytes).
// Each figure: median of 7 timed batches after 2 warm-up rounds; the cases run round robin (one
// batch of each per round) so that load from other processes affects them alike; images per second.
// Results go to stdout and bench/RESULTS-pipeline.md. Timings are never asserted in tests.
import os from 'node:os';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { init, transforms as T, augmentBatch, createWorkerPool, flip, rotate, gaussianNoise, resizedCrop, Random } from '../dist/index.js';
import { readImage } from '../dist/node/index.js';

const N = 64, S = 224, RUNS = 7, WARM = 2;
const info = await init();

// ---- inputs: 64 random resized crops of the photo, RGBA ----------------------------------------
const photo = await readImage(new URL('./fixtures/astronaut_512x512.png', import.meta.url));
const rng = new Random(1);
const images = [];
for (let i = 0; i < N; i++) {
  const w = 200 + Math.floor(rng.float() * 300), h = 200 + Math.floor(rng.float() * 300);
  const x = Math.floor(rng.float() * (512 - Math.min(w, 512))), y = Math.floor(rng.float() * (512 - Math.min(h, 512)));
  const rgb = resizedCrop(photo, { x, y, width: Math.min(w, 512 - x), height: Math.min(h, 512 - y) }, { width: S, height: S });
  const rgba = new Uint8Array(S * S * 4);
  for (let p = 0, q = 0; p < rgba.length; p += 4, q += rgb.channels) { rgba[p] = rgb.data[q]; rgba[p + 1] = rgb.data[q + 1]; rgba[p + 2] = rgb.data[q + 2]; rgba[p + 3] = 255; }
  images.push({ width: S, height: S, channels: 4, data: rgba });
}

const issue = (fuse) => T.compose([
  T.horizontalFlip(), T.rotate({ limit: 15, interpolation: 'bilinear', border: 'reflect' }), T.gaussianNoise({ sigma: [2, 10] }),
], { seed: 42, fuse });
const chain = (fuse) => T.compose([
  T.horizontalFlip(), T.rotate({ limit: 15, border: 'reflect' }), T.affine({ shearX: 8, rotate: 5, border: 'reflect' }),
  T.scale({ factor: [0.9, 1.1], border: 'reflect' }), T.resize({ width: 160, height: 160 }),
], { seed: 42, fuse });

const cases = [];
const add = (name, fn) => cases.push({ name, fn, t: [], cpu: [] });

// baselines
const big = new Uint8Array(N * S * S * 4), dst = new Uint8Array(big.length);
add('memcpy of the batch (64 x 224x224x4 bytes)', () => { dst.set(big); });
let k = 0;
add('functional ops one by one (flip, rotate, gaussianNoise)', () => {
  for (const im of images) {
    const r = new Random(7, k++);
    let o = r.float() < 0.5 ? flip(im, 'horizontal') : im;
    o = rotate(o, r.uniform(-15, 15), { border: 'reflect' });
    gaussianNoise(o, { sigma: r.uniform(2, 10), seed: k });
  }
});

// the issue pipeline: fused / unfused, 0 / 1 / 2 workers
const t0 = performance.now();
const pool1 = await createWorkerPool({ workers: 1 });
const start1 = performance.now() - t0;
const t1 = performance.now();
const pool2 = await createWorkerPool({ workers: 2 });
const start2 = performance.now() - t1;
let epoch = 0;
const empty = T.compose([T.brightness({ factor: 1, p: 0 })], { seed: 1 });
add('empty pipeline, 1 worker (transport only: clone in, transfer out)', () => augmentBatch(images, empty, { pool: pool1 }));
for (const fuse of [true, false]) {
  const aug = issue(fuse);
  const tag = fuse ? 'fused' : 'unfused';
  add(`issue pipeline, ${tag}, this thread`, () => augmentBatch(images, aug, { startIndex: N * epoch++ }));
  add(`issue pipeline, ${tag}, 1 worker`, () => augmentBatch(images, aug, { pool: pool1, startIndex: N * epoch++ }));
  add(`issue pipeline, ${tag}, 2 workers`, () => augmentBatch(images, aug, { pool: pool2, startIndex: N * epoch++ }));
}
for (const fuse of [true, false]) {
  const aug = T.compose([T.horizontalFlip(), T.rotate({ limit: 15, interpolation: 'bilinear', border: 'reflect' })], { seed: 42, fuse });
  add(`flip + rotate only (no noise), ${fuse ? 'fused' : 'unfused'}, this thread`, () => augmentBatch(images, aug, { startIndex: N * epoch++ }));
}
for (const fuse of [true, false]) {
  const aug = chain(fuse);
  const tag = fuse ? 'fused' : 'unfused';
  add(`geometric chain (5 steps), ${tag}, this thread`, () => augmentBatch(images, aug, { startIndex: N * epoch++ }));
  add(`geometric chain (5 steps), ${tag}, 2 workers`, () => augmentBatch(images, aug, { pool: pool2, startIndex: N * epoch++ }));
}

// round robin: every case once per round, so load changes on a shared machine hit all cases alike
for (let r = 0; r < WARM + RUNS; r++) {
  for (const c of cases) {
    const t = performance.now(), u = process.cpuUsage();
    await c.fn();
    const cu = process.cpuUsage(u);
    if (r >= WARM) { c.t.push(performance.now() - t); c.cpu.push((cu.user + cu.system) / 1000); }
  }
}
await pool1.close();
await pool2.close();
const rows = cases.map((c) => {
  const cores = c.cpu.reduce((a, b) => a + b, 0) / c.t.reduce((a, b) => a + b, 0); // CPU time of all threads / wall time
  c.t.sort((a, b) => a - b);
  const ms = c.t[RUNS >> 1];
  console.log(`${c.name.padEnd(64)} ${ms.toFixed(1).padStart(8)} ms/batch ${((N * 1000) / ms).toFixed(0).padStart(7)} img/s  cores busy ${cores.toFixed(2)}`);
  return { name: c.name, ms, ips: (N * 1000) / ms, cores };
});
console.log(`pool start-up: 1 worker ${start1.toFixed(0)} ms, 2 workers ${start2.toFixed(0)} ms`);

const get = (n) => rows.find((r) => r.name === n).ips;
const ratio = (a, b) => (get(a) / get(b)).toFixed(2);
const lines = [
  '# Pipeline benchmark (`npm run bench:pipeline`)',
  '',
  `Machine: ${os.cpus()[0].model}, ${os.cpus().length} cores; Node ${process.version}; ${info.simd ? 'SIMD' : 'scalar'} build; ${new Date().toISOString().slice(0, 10)}; load average at the end ${os.loadavg().map((v) => v.toFixed(2)).join(' ')} (other processes share the cores: worker scaling is only meaningful on an idle machine).`,
  `Batch: ${N} RGBA uint8 images of ${S}x${S}; median of ${RUNS} batches after ${WARM} warm-up rounds, cases run round robin.`,
  'Issue pipeline: horizontalFlip (p 0.5) + rotate(±15°, bilinear, reflect) + gaussianNoise(sigma 2..10).',
  'Geometric chain: horizontalFlip + rotate(±15) + affine(shear ±8, rotate ±5) + scale(0.9..1.1) + resize(160x160).',
  '',
  '| case | ms / batch | images / s | cores busy (CPU time of all threads / wall time) |',
  '|---|---:|---:|---:|',
  ...rows.map((r) => `| ${r.name} | ${r.ms.toFixed(1)} | ${r.ips.toFixed(0)} | ${r.cores.toFixed(2)} |`),
  '',
  'A 2-worker case can only scale if its "cores busy" approaches 2; when other processes hold a core it stays near 1.',
  '',
  `Pool start-up (once, not in the figures): 1 worker ${start1.toFixed(0)} ms, 2 workers ${start2.toFixed(0)} ms.`,
  '',
  'Ratios:',
  `- 2 workers vs this thread (issue pipeline, fused): ${ratio('issue pipeline, fused, 2 workers', 'issue pipeline, fused, this thread')}x; 2 workers vs 1 worker: ${ratio('issue pipeline, fused, 2 workers', 'issue pipeline, fused, 1 worker')}x`,
  `- fused vs unfused, issue pipeline (this thread): ${ratio('issue pipeline, fused, this thread', 'issue pipeline, unfused, this thread')}x; its geometry alone (flip + rotate, no noise): ${ratio('flip + rotate only (no noise), fused, this thread', 'flip + rotate only (no noise), unfused, this thread')}x`,
  `- fused vs unfused, geometric chain (this thread): ${ratio('geometric chain (5 steps), fused, this thread', 'geometric chain (5 steps), unfused, this thread')}x; with 2 workers: ${ratio('geometric chain (5 steps), fused, 2 workers', 'geometric chain (5 steps), unfused, 2 workers')}x`,
  `- pipeline overhead vs the same ops called by hand: ${ratio('issue pipeline, unfused, this thread', 'functional ops one by one (flip, rotate, gaussianNoise)')}x the throughput`,
  '',
];
writeFileSync(fileURLToPath(new URL('./RESULTS-pipeline.md', import.meta.url)), lines.join('\n'));
console.log('\n' + lines.slice(-6).join('\n'));
