// pixaug benchmarks: `npm run bench` (= npm run build && node bench/index.js).
//
// One 1024x1024 RGBA uint8 image (the NASA astronaut photo, bench/fixtures/astronaut_512x512.png,
// tiled 2x2; 4 MiB). For every case, all variants are measured in this one run with
// benchmark.js, side by side (STYLE.md habit 9), in interleaved rounds (see ROUNDS):
//   - pixaug SIMD build and scalar build, each twice:
//       "op incl. copies": the public function (validates, copies the image into wasm memory,
//                          runs the kernel, allocates the output array and copies it out);
//       "kernel only":     the raw kernel export on buffers already in wasm memory (pointers
//                          allocated once), the number to compare with memcpy;
//   - a plain JS loop doing the same on a Uint8Array (the straightforward per-pixel loop a user
//     would write; output array allocated once, outside the timing);
//   - memcpy of the same 4 MiB: Uint8Array.prototype.set, and wasm memory.copy (kernel
//     `copyRows` with the whole image as one row, buffers in wasm memory).
// Before timing, every variant's output is checked against the others (a benchmark of a wrong
// result is worthless). Results go to stdout and bench/RESULTS.md. Timings are never asserted.
//
// init() switches one global engine between the builds, so the variants are grouped by build,
// each group a benchmark.js Suite run after `await init({ simd })`.
import Benchmark from 'benchmark';
import { PNG } from 'pngjs';
import os from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as pixaug from '../dist/index.js';
import { getEngine } from '../dist/engine.js';

const { init, flip, rot90, transpose } = pixaug;
// Each case runs all its variants ROUNDS times, MAX_TIME seconds per variant per round, and
// keeps each variant's round with the lower mean: a burst of load from other processes then
// spoils one round of one variant instead of a ratio.
const MAX_TIME = 0.5;
const ROUNDS = 2;
const here = (rel) => fileURLToPath(new URL(rel, import.meta.url));

// ---------------------------------------------------------------------------------------------
// the image: astronaut 512x512 (RGB PNG, decoded to RGBA by pngjs), tiled 2x2 -> 1024x1024 RGBA
// ---------------------------------------------------------------------------------------------
const tile = PNG.sync.read(readFileSync(here('./fixtures/astronaut_512x512.png')));
const W = tile.width * 2, H = tile.height * 2, C = 4, N = W * H * C;
const src = new Uint8Array(N);
for (let y = 0; y < H; y++) {
  const ty = y % tile.height;
  for (let rep = 0; rep < 2; rep++) {
    src.set(tile.data.subarray(ty * tile.width * 4, (ty + 1) * tile.width * 4), (y * W + rep * tile.width) * 4);
  }
}
const img = { width: W, height: H, channels: C, data: src };

// ---------------------------------------------------------------------------------------------
// plain JS baselines (per-pixel loops on Uint8Array; RGBA, 4 bytes copied per pixel)
// ---------------------------------------------------------------------------------------------
function jsFlipH(s, d) {
  for (let y = 0; y < H; y++) {
    const row = y * W;
    for (let x = 0; x < W; x++) {
      const i = (row + x) * 4, j = (row + W - 1 - x) * 4;
      d[i] = s[j]; d[i + 1] = s[j + 1]; d[i + 2] = s[j + 2]; d[i + 3] = s[j + 3];
    }
  }
}
function jsFlipV(s, d) {
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 4, j = ((H - 1 - y) * W + x) * 4;
      d[i] = s[j]; d[i + 1] = s[j + 1]; d[i + 2] = s[j + 2]; d[i + 3] = s[j + 3];
    }
  }
}
// rot90 k=1 (counter-clockwise, np.rot90): out is H wide and W tall, out(r, c) = in(c, W-1-r)
function jsRot90(s, d) {
  for (let r = 0; r < W; r++) {
    for (let c = 0; c < H; c++) {
      const i = (r * H + c) * 4, j = (c * W + (W - 1 - r)) * 4;
      d[i] = s[j]; d[i + 1] = s[j + 1]; d[i + 2] = s[j + 2]; d[i + 3] = s[j + 3];
    }
  }
}
// transpose: out(r, c) = in(c, r)
function jsTranspose(s, d) {
  for (let r = 0; r < W; r++) {
    for (let c = 0; c < H; c++) {
      const i = (r * H + c) * 4, j = (c * W + r) * 4;
      d[i] = s[j]; d[i + 1] = s[j + 1]; d[i + 2] = s[j + 2]; d[i + 3] = s[j + 3];
    }
  }
}

// rotate by `deg` degrees counter-clockwise about ((w-1)/2, (h-1)/2), same size, bilinear in
// float, border 'reflect' (dcb|abcd|cba, cv2 BORDER_REFLECT_101), rounded to nearest. The loop a
// user would write; it is not bit-exact with pixaug/OpenCV (those quantise the source position
// to 1/32 px and use int16 weights, an error of up to 1/64 px, i.e. a few levels on sharp
// edges), so its output is compared with a tolerance (rotateCase).
function reflect101(i, n) {
  if (n === 1) return 0;
  const period = 2 * n - 2;
  i %= period;
  if (i < 0) i += period;
  return i < n ? i : period - i;
}
function jsRotateBilinearReflect(s, d, deg) {
  const a = (deg * Math.PI) / 180, cos = Math.cos(a), sin = Math.sin(a);
  const cx = (W - 1) / 2, cy = (H - 1) / 2;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // inverse map dst -> src of a counter-clockwise (on screen, y down) rotation
      const sx = cos * (x - cx) - sin * (y - cy) + cx;
      const sy = sin * (x - cx) + cos * (y - cy) + cy;
      const x0 = Math.floor(sx), y0 = Math.floor(sy), fx = sx - x0, fy = sy - y0;
      const xa = reflect101(x0, W), xb = reflect101(x0 + 1, W);
      const ya = reflect101(y0, H), yb = reflect101(y0 + 1, H);
      const p00 = (ya * W + xa) * 4, p01 = (ya * W + xb) * 4, p10 = (yb * W + xa) * 4, p11 = (yb * W + xb) * 4;
      const o = (y * W + x) * 4;
      for (let c = 0; c < 4; c++) {
        const top = s[p00 + c] + (s[p01 + c] - s[p00 + c]) * fx;
        const bot = s[p10 + c] + (s[p11 + c] - s[p10 + c]) * fx;
        d[o + c] = Math.round(top + (bot - top) * fy);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// cases
// ---------------------------------------------------------------------------------------------
// kernel(k, sp, dp) returns the zero-argument call of the raw kernel on pre-placed buffers.
const S = W * 4; // source stride in bytes
const cases = [
  {
    name: 'flip horizontal', target: 'kernel within 2x of memcpy',
    op: () => flip(img, 'horizontal'),
    kernel: (k, sp, dp) => () => k.flipH(sp, dp, W, H, 4, S, S),
    js: jsFlipH,
  },
  {
    name: 'flip vertical', target: 'kernel within 2x of memcpy',
    op: () => flip(img, 'vertical'),
    kernel: (k, sp, dp) => () => k.copyRows(sp + (H - 1) * S, dp, S, H, -S, S),
    js: jsFlipV,
  },
  {
    name: 'rot90 k=1', target: 'kernel within 2x of memcpy',
    op: () => rot90(img, 1),
    kernel: (k, sp, dp) => () => k.transpose(sp, dp + (W - 1) * H * 4, W, H, 4, S, -H * 4),
    js: jsRot90,
  },
  {
    name: 'transpose', target: null,
    op: () => transpose(img),
    kernel: (k, sp, dp) => () => k.transpose(sp, dp, W, H, 4, S, H * 4),
    js: jsTranspose,
  },
];

const notes = [];
if (typeof pixaug.rotate === 'function') {
  cases.push(rotateCase());
} else {
  const msg = 'rotate 30° bilinear reflect: SKIPPED, `rotate` is not exported by dist/index.js yet (branch `warp` not merged)';
  console.log(`\nnote: ${msg}\n`);
  notes.push(msg);
}

function rotateCase() {
  const opts = { interpolation: 'bilinear', border: 'reflect' };
  return {
    name: 'rotate 30° bilinear reflect', target: 'SIMD kernel at least 3x faster than scalar kernel',
    op: () => pixaug.rotate(img, 30, opts),
    kernel: rotateKernel,
    js: (s, d) => jsRotateBilinearReflect(s, d, 30),
    jsTolerance: { max: 8, within1: 0.99 },
  };
}
// Raw warpAffineU8 on pre-placed buffers, with the same inverse matrix rotate() builds
// (rotationMatrix = cv2.getRotationMatrix2D, inverted like cv2.warpAffine), interp 1 = bilinear,
// border 2 = reflect (BORDER_CODES), no fill pixel (not read for reflect), cubicA unused.
function rotateKernel(k, sp, dp) {
  const mi = pixaug.invertAffine(pixaug.rotationMatrix(30, (W - 1) / 2, (H - 1) / 2));
  const [m00, m01, m02, m10, m11, m12] = mi;
  return () => k.warpAffineU8(sp, dp, W, H, 4, S, W, H, S, m00, m01, m02, m10, m11, m12, 1, 2, 0, -0.75);
}

// ---------------------------------------------------------------------------------------------
// measuring
// ---------------------------------------------------------------------------------------------
function runSuite(title, entries) {
  return new Promise((resolve, reject) => {
    const suite = new Benchmark.Suite(title);
    for (const [name, fn] of entries) suite.add(name, fn, { maxTime: MAX_TIME });
    const out = new Map();
    suite.on('cycle', (ev) => {
      const b = ev.target;
      if (b.error) { reject(b.error); return; }
      out.set(b.name, { mean: b.stats.mean, rme: b.stats.rme, hz: b.hz, samples: b.stats.sample.length });
      process.stdout.write(`  ${String(b)}\n`);
    });
    suite.on('complete', () => resolve(out));
    suite.on('error', (ev) => reject(ev.target.error));
    suite.run({ async: false });
  });
}

/** null when equal; with a tolerance { max, within1 }: every byte within `max` and at least the
 * fraction `within1` of them within 1 level. */
function sameBytes(a, b, tol = null) {
  if (a.length !== b.length) return `lengths ${a.length} / ${b.length}`;
  if (!tol) {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `byte ${i}: ${a[i]} vs ${b[i]}`;
    return null;
  }
  let over1 = 0, worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (d > 1) over1++;
    if (d > worst) worst = d;
  }
  const within1 = 1 - over1 / a.length;
  if (worst > tol.max || within1 < tol.within1) return `max difference ${worst}, ${(within1 * 100).toFixed(3)}% within 1 level`;
  return null;
}
function check(label, got, want, tol = null) {
  const d = sameBytes(got, want, tol);
  if (d) throw new Error(`bench: ${label} disagrees with the reference (${d}); not timing a wrong result`);
}

async function measureCase(c) {
  console.log(`\n## ${c.name}`);
  const results = new Map();
  const keep = (r) => {
    for (const [k, v] of r) if (!results.has(k) || v.mean < results.get(k).mean) results.set(k, v);
  };
  const jsOut = new Uint8Array(N);
  c.js(src, jsOut);
  let reference = null; // SIMD op output: every other variant must equal it (JS within jsTolerance)
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(` round ${round}/${ROUNDS}`);
    await measureRound(c, jsOut, () => reference, (r) => { reference = r; }, keep);
  }
  return results;
}

async function measureRound(c, jsOut, getRef, setRef, keep) {
  for (const simd of [true, false]) {
    await init({ simd });
    const e = getEngine();
    const build = simd ? 'SIMD' : 'scalar';
    const opOut = c.op();
    if (!getRef()) setRef(opOut.data);
    const reference = getRef();
    check(`${build} op`, opOut.data, reference);
    const entries = [[`pixaug ${build} (op incl. copies)`, c.op]];
    let sp = 0, dp = 0;
    if (c.kernel) {
      sp = e.alloc(N);
      dp = e.alloc(reference.length);
      e.u8(sp, N).set(src); // no allocation after this: the views and pointers stay valid
      const call = c.kernel(e.k, sp, dp);
      call();
      check(`${build} kernel`, e.u8(dp, reference.length), reference);
      entries.push([`pixaug ${build} (kernel only)`, call]);
      if (simd) {
        // wasm memory.copy of the same 4 MiB, buffers in wasm memory (bulk-memory instruction,
        // the same in both builds)
        const copy = () => e.k.copyRows(sp, dp, N, 1, 0, 0);
        copy();
        check('memory.copy', e.u8(dp, N), src);
        entries.push(['memcpy: wasm memory.copy (4 MiB)', copy]);
      }
    }
    keep(await runSuite(`${c.name} ${build}`, entries));
    e.free(dp);
    e.free(sp);
  }
  check('plain JS loop', jsOut, getRef(), c.jsTolerance);
  const setDst = new Uint8Array(N);
  const entries = [
    ['plain JS loop', () => c.js(src, jsOut)],
    ['memcpy: Uint8Array.prototype.set (4 MiB)', () => setDst.set(src)],
  ];
  keep(await runSuite(`${c.name} JS`, entries));
}

// ---------------------------------------------------------------------------------------------
// report
// ---------------------------------------------------------------------------------------------
const MB = N / 1e6;
const fmtMs = (s) => (s * 1e3 < 1 ? (s * 1e3).toFixed(3) : (s * 1e3).toFixed(2));
const fmtX = (x) => (x === undefined || !Number.isFinite(x) ? '' : `${x < 10 ? x.toFixed(2) : x.toFixed(1)}x`);
const fmtInt = (x) => Math.round(x).toLocaleString('en-US');

function table(c, r) {
  const set = r.get('memcpy: Uint8Array.prototype.set (4 MiB)')?.mean;
  const mcopy = r.get('memcpy: wasm memory.copy (4 MiB)')?.mean;
  const rows = [
    '| variant | ms/op (mean ± rme) | ops/s | MB/s | SIMD speedup vs scalar | time / memcpy (set) | time / memcpy (memory.copy) |',
    '|---|--:|--:|--:|--:|--:|--:|',
  ];
  for (const [name, v] of r) {
    let speedup = '';
    if (name.startsWith('pixaug SIMD')) {
      const other = r.get(name.replace('SIMD', 'scalar'));
      if (other) speedup = fmtX(other.mean / v.mean);
    }
    rows.push(`| ${name} | ${fmtMs(v.mean)} ± ${v.rme.toFixed(1)}% | ${fmtInt(v.hz)} | ${fmtInt(MB / v.mean)} | ${speedup} | ${fmtX(v.mean / set)} | ${mcopy ? fmtX(v.mean / mcopy) : ''} |`);
  }
  return rows.join('\n');
}

function summaryRow(c, r) {
  const get = (n) => r.get(n)?.mean;
  const simdK = get('pixaug SIMD (kernel only)'), scalarK = get('pixaug scalar (kernel only)');
  const simdOp = get('pixaug SIMD (op incl. copies)'), scalarOp = get('pixaug scalar (op incl. copies)');
  const set = get('memcpy: Uint8Array.prototype.set (4 MiB)'), mcopy = get('memcpy: wasm memory.copy (4 MiB)');
  const js = get('plain JS loop');
  let verdict = '';
  if (c.target?.startsWith('kernel within 2x')) {
    const x = simdK / mcopy;
    verdict = `SIMD kernel = ${fmtX(x)} memory.copy, ${fmtX(simdK / set)} set(): ${x <= 2 ? 'met' : 'MISSED'}`;
  } else if (c.target?.startsWith('SIMD kernel at least 3x')) {
    const x = simdK && scalarK ? scalarK / simdK : scalarOp / simdOp;
    verdict = `SIMD ${fmtX(x)} faster than scalar${simdK ? '' : ' (op incl. copies)'}: ${x >= 3 ? 'met' : 'MISSED'}`;
  }
  return `| ${c.name} | ${simdK ? fmtMs(simdK) : ''} | ${simdK ? fmtX(scalarK / simdK) : ''} | ${fmtX(js / (simdK ?? simdOp))} | ${simdK ? fmtX(simdK / mcopy) : ''} | ${fmtMs(simdOp)} | ${fmtX(simdOp / set)} | ${c.target ?? ''} | ${verdict} |`;
}

const cpu = os.cpus()[0]?.model ?? 'unknown';
const header = [
  '# pixaug benchmarks',
  '',
  `- command: \`npm run bench\` (= \`npm run build && node bench/index.js\`)`,
  `- date: ${new Date().toISOString()}`,
  `- node ${process.version} (V8 ${process.versions.v8}), ${os.platform()} ${os.arch()}`,
  `- CPU: ${cpu}, ${os.cpus().length} logical cores; load average at start ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`,
  `- image: ${W}x${H} RGBA uint8 (${(N / 1048576).toFixed(0)} MiB), bench/fixtures/astronaut_512x512.png tiled 2x2`,
  `- benchmark.js ${Benchmark.version}; each case runs all its variants ${ROUNDS} times (rounds interleaved, maxTime ${MAX_TIME} s per variant per round)`,
  '  and each row shows the round with the lower mean: ms/op is that mean, ± its relative margin of error (95%)',
  '- MB/s = image bytes (4.19 MB, MB = 10^6 B) / time. "op incl. copies" = public function: validation, copy into wasm memory,',
  '  kernel, new output array, copy out. "kernel only" = raw kernel export on buffers already in wasm memory.',
  '  "SIMD speedup" = scalar time / SIMD time for the same kind of row; "time / memcpy" = row time / memcpy time of the same 4 MiB.',
  '- plain JS loop: a straightforward per-pixel loop on Uint8Array (output preallocated).',
];

const all = [];
for (const c of cases) {
  const r = await measureCase(c);
  all.push([c, r]);
  const t = table(c, r);
  console.log(`\n${t}\n`);
}

const summary = [
  '## Summary', '',
  '| case | SIMD kernel ms | SIMD / scalar (kernel) | SIMD vs plain JS | SIMD kernel / memory.copy | SIMD op ms | SIMD op / set() | target | result |',
  '|---|--:|--:|--:|--:|--:|--:|---|---|',
  ...all.map(([c, r]) => summaryRow(c, r)),
  ...notes.map((n) => `\nNote: ${n}.`),
];
header.push(`- load average at the end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (other processes on the machine widen the ± margins)`);
const md = [...header, '', ...summary, ''];
for (const [c, r] of all) md.push(`## ${c.name}`, '', table(c, r), '');
writeFileSync(here('./RESULTS.md'), md.join('\n'));
console.log(['', ...header, '', ...summary].join('\n'));
console.log('\nwrote bench/RESULTS.md');
