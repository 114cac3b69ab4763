// Resampling benchmarks: `npm run bench:resample` (= npm run build && node bench/resample.js).
//
// Image: the NASA astronaut photo (bench/fixtures/astronaut_512x512.png) tiled 2x2 to 1024x1024,
// RGBA and RGB uint8. For every case, in one run, with benchmark.js (maxTime 1 s per variant):
//   - pixaug SIMD build and scalar build: the public function (validation, copy into wasm
//     memory, plan, kernels, output array, copy out);
//   - a plain JS loop computing the same thing the straightforward way (float weights, typed
//     arrays, output preallocated); it is checked against pixaug within a tolerance because it
//     rounds differently;
//   - memcpy of the input bytes (Uint8Array.prototype.set), the floor of any op that reads them.
// Before timing, each variant's output is checked against the SIMD output. Results go to stdout
// and bench/RESULTS-resample.md. Timings are never asserted.
import Benchmark from 'benchmark';
import { PNG } from 'pngjs';
import os from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { init, resize, randomResizedCrop, warpPerspective } from '../dist/index.js';

const MAX_TIME = 1;
const here = (rel) => fileURLToPath(new URL(rel, import.meta.url));

// ---------------------------------------------------------------------------------------------
// images
// ---------------------------------------------------------------------------------------------
const tile = PNG.sync.read(readFileSync(here('./fixtures/astronaut_512x512.png')));
function tiled(n, channels) {
  const data = new Uint8Array(n * n * channels);
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
    const s = ((y % tile.height) * tile.width + (x % tile.width)) * 4;
    data.set(tile.data.subarray(s, s + channels), (y * n + x) * channels);
  }
  return { width: n, height: n, channels, data };
}
const rgba1024 = tiled(1024, 4);
const rgb1024 = tiled(1024, 3);
const rgba224 = tiled(224, 4);
const rgba600 = tiled(600, 4);

// ---------------------------------------------------------------------------------------------
// plain JS loops
// ---------------------------------------------------------------------------------------------
const tri = (x) => Math.max(0, 1 - Math.abs(x));
const sinc = (x) => (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x));
const lanczos3 = (x) => (Math.abs(x) < 3 ? sinc(x) * sinc(x / 3) : 0);

/** Per output index: first tap and normalised float weights (Pillow's antialiased filter). */
function weights(inSize, outSize, f, support) {
  const scale = inSize / outSize, fs = Math.max(1, scale), sup = support * fs;
  const res = [];
  for (let i = 0; i < outSize; i++) {
    const c = (i + 0.5) * scale;
    const lo = Math.max(0, Math.trunc(c - sup + 0.5)), hi = Math.min(inSize, Math.trunc(c + sup + 0.5));
    const w = new Float64Array(hi - lo);
    let s = 0;
    for (let k = 0; k < w.length; k++) { w[k] = f((lo + k - c + 0.5) / fs); s += w[k]; }
    for (let k = 0; k < w.length; k++) w[k] /= s;
    res.push({ lo, w });
  }
  return res;
}

/** Antialiased two-pass resize (horizontal then vertical, uint8 between passes). */
function jsResize(img, ow, oh, f, support, out) {
  const { width: w, height: h, channels: c, data } = img;
  const X = weights(w, ow, f, support), Y = weights(h, oh, f, support);
  const tmp = new Uint8Array(ow * h * c);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < ow; x++) {
      const { lo, w: wt } = X[x];
      for (let k = 0; k < c; k++) {
        let s = 0;
        for (let t = 0; t < wt.length; t++) s += data[(y * w + lo + t) * c + k] * wt[t];
        tmp[(y * ow + x) * c + k] = s < 0 ? 0 : s > 255 ? 255 : Math.round(s);
      }
    }
  }
  for (let y = 0; y < oh; y++) {
    const { lo, w: wt } = Y[y];
    for (let i = 0; i < ow * c; i++) {
      let s = 0;
      for (let t = 0; t < wt.length; t++) s += tmp[(lo + t) * ow * c + i] * wt[t];
      out[y * ow * c + i] = s < 0 ? 0 : s > 255 ? 255 : Math.round(s);
    }
  }
}

/** Bilinear upscale with cv2.resize's half-pixel mapping and clamped coordinates. */
function jsBilinear(img, ow, oh, out) {
  const { width: w, height: h, channels: c, data } = img;
  const sx = w / ow, sy = h / oh;
  for (let y = 0; y < oh; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), h - 1), y0 = Math.floor(fy), y1 = Math.min(y0 + 1, h - 1), ay = fy - y0;
    for (let x = 0; x < ow; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), w - 1), x0 = Math.floor(fx), x1 = Math.min(x0 + 1, w - 1), ax = fx - x0;
      for (let k = 0; k < c; k++) {
        const a = data[(y0 * w + x0) * c + k] * (1 - ax) + data[(y0 * w + x1) * c + k] * ax;
        const b = data[(y1 * w + x0) * c + k] * (1 - ax) + data[(y1 * w + x1) * c + k] * ax;
        out[(y * ow + x) * c + k] = Math.round(a * (1 - ay) + b * ay);
      }
    }
  }
}

/** Perspective warp, inverse map Mi, bilinear, constant 0 border. */
function jsPerspective(img, Mi, out) {
  const { width: w, height: h, channels: c, data } = img;
  const px = (x, y, k) => (x < 0 || y < 0 || x >= w || y >= h ? 0 : data[(y * w + x) * c + k]);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const W = Mi[6] * x + Mi[7] * y + Mi[8];
    const sx = (Mi[0] * x + Mi[1] * y + Mi[2]) / W, sy = (Mi[3] * x + Mi[4] * y + Mi[5]) / W;
    const x0 = Math.floor(sx), y0 = Math.floor(sy), ax = sx - x0, ay = sy - y0;
    for (let k = 0; k < c; k++) {
      const a = px(x0, y0, k) * (1 - ax) + px(x0 + 1, y0, k) * ax;
      const b = px(x0, y0 + 1, k) * (1 - ax) + px(x0 + 1, y0 + 1, k) * ax;
      out[(y * w + x) * c + k] = Math.round(a * (1 - ay) + b * ay);
    }
  }
}

/** A fixed sequence of "random" numbers, so every variant crops the same rectangle. */
const rng = () => { let i = 0; const v = [0.61, 0.3, 0.42, 0.77]; return { float: () => v[i++ % v.length] }; };

// ---------------------------------------------------------------------------------------------
// cases
// ---------------------------------------------------------------------------------------------
// forward homography (keystone) of a 1024 image and its inverse
const H = [1.1, 0.08, -40, 0.02, 1.12, -30, 0.00006, 0.00009, 1];
const Hinv = (() => {
  const m = (i, j) => H[i * 3 + j];
  const d = m(0, 0) * (m(1, 1) * m(2, 2) - m(1, 2) * m(2, 1)) - m(0, 1) * (m(1, 0) * m(2, 2) - m(1, 2) * m(2, 0)) + m(0, 2) * (m(1, 0) * m(2, 1) - m(1, 1) * m(2, 0));
  return [
    (m(1, 1) * m(2, 2) - m(1, 2) * m(2, 1)) / d, (m(0, 2) * m(2, 1) - m(0, 1) * m(2, 2)) / d, (m(0, 1) * m(1, 2) - m(0, 2) * m(1, 1)) / d,
    (m(1, 2) * m(2, 0) - m(1, 0) * m(2, 2)) / d, (m(0, 0) * m(2, 2) - m(0, 2) * m(2, 0)) / d, (m(0, 2) * m(1, 0) - m(0, 0) * m(1, 2)) / d,
    (m(1, 0) * m(2, 1) - m(1, 1) * m(2, 0)) / d, (m(0, 1) * m(2, 0) - m(0, 0) * m(2, 1)) / d, (m(0, 0) * m(1, 1) - m(0, 1) * m(1, 0)) / d,
  ];
})();

function resizeCase(img, size, interp, support, f, label) {
  const opts = { width: size, height: size, interpolation: interp };
  return {
    name: `resize ${img.width}x${img.height} ${img.channels === 4 ? 'RGBA' : 'RGB'} -> ${size}x${size} ${label}`,
    input: img,
    target: 'SIMD at least 4x faster than scalar',
    op: () => resize(img, opts),
    js: (out) => jsResize(img, size, size, f, support, out),
    outLen: size * size * img.channels,
    jsTolerance: 2,
  };
}

const cases = [
  resizeCase(rgba1024, 224, 'bilinear', 1, tri, 'antialiased bilinear'),
  resizeCase(rgb1024, 224, 'bilinear', 1, tri, 'antialiased bilinear'),
  resizeCase(rgba1024, 224, 'lanczos3', 3, lanczos3, 'antialiased lanczos3'),
  resizeCase(rgba1024, 512, 'bilinear', 1, tri, 'antialiased bilinear'),
  resizeCase(rgba1024, 512, 'lanczos3', 3, lanczos3, 'antialiased lanczos3'),
  {
    name: 'resize 224x224 RGBA -> 448x448 bilinear (cv2 conventions)',
    input: rgba224, target: null,
    op: () => resize(rgba224, { width: 448, height: 448 }),
    js: (out) => jsBilinear(rgba224, 448, 448, out),
    outLen: 448 * 448 * 4, jsTolerance: 1,
  },
  {
    name: 'randomResizedCrop 600x600 RGBA -> 224x224 (antialiased bilinear)',
    input: rgba600, target: null,
    op: () => randomResizedCrop(rgba600, { width: 224, height: 224 }, rng()),
    js: (out) => {
      // the same draws as sampleResizedCrop with this rng: area 0.08 + 0.92 * 0.61, ratio exp(...)
      const r = sampleRect();
      const sub = { width: r.width, height: r.height, channels: 4, data: new Uint8Array(r.width * r.height * 4) };
      for (let y = 0; y < r.height; y++) sub.data.set(rgba600.data.subarray(((r.y + y) * 600 + r.x) * 4, ((r.y + y) * 600 + r.x + r.width) * 4), y * r.width * 4);
      jsResize(sub, 224, 224, tri, 1, out);
    },
    outLen: 224 * 224 * 4, jsTolerance: 2,
  },
  {
    name: 'warpPerspective 1024x1024 RGBA bilinear constant',
    input: rgba1024, target: null,
    op: () => warpPerspective(rgba1024, H),
    js: (out) => jsPerspective(rgba1024, Hinv, out),
    // pixaug quantises positions to 1/32 px (OpenCV): up to a few levels on sharp edges
    outLen: 1024 * 1024 * 4, jsTolerance: 3,
  },
];

function sampleRect() {
  const g = rng();
  const area = 600 * 600 * (0.08 + 0.92 * g.float());
  const ar = Math.exp(Math.log(3 / 4) + (Math.log(4 / 3) - Math.log(3 / 4)) * g.float());
  const rh = (v) => { const f = Math.floor(v), d = v - f; return d > 0.5 ? f + 1 : d < 0.5 ? f : (f % 2 ? f + 1 : f); };
  const w = rh(Math.sqrt(area * ar)), h = rh(Math.sqrt(area / ar));
  const y = Math.floor(g.float() * (600 - h + 1)), x = Math.floor(g.float() * (600 - w + 1));
  return { x, y, width: w, height: h };
}

// ---------------------------------------------------------------------------------------------
// measuring
// ---------------------------------------------------------------------------------------------
function runSuite(entries) {
  return new Promise((resolve, reject) => {
    const suite = new Benchmark.Suite();
    for (const [name, fn] of entries) suite.add(name, fn, { maxTime: MAX_TIME });
    const out = new Map();
    suite.on('cycle', (ev) => {
      const b = ev.target;
      if (b.error) { reject(b.error); return; }
      out.set(b.name, { mean: b.stats.mean, rme: b.stats.rme });
      process.stdout.write(`  ${String(b)}\n`);
    });
    suite.on('complete', () => resolve(out));
    suite.run({ async: false });
  });
}

function check(label, got, want, tol) {
  if (got.length !== want.length) throw new Error(`bench: ${label}: length ${got.length} vs ${want.length}`);
  let bad = 0;
  for (let i = 0; i < got.length; i++) if (Math.abs(got[i] - want[i]) > tol) bad++;
  // the JS loops round differently at tile seams and borders: allow 0.1% outliers
  if (bad > (tol ? got.length * 0.001 : 0)) throw new Error(`bench: ${label} disagrees with pixaug SIMD on ${bad} bytes (tolerance ${tol}); not timing a wrong result`);
}

async function measure(c) {
  console.log(`\n## ${c.name}`);
  const r = new Map();
  let ref = null;
  for (const simd of [true, false]) {
    await init({ simd });
    const out = c.op();
    if (!ref) ref = out.data;
    else check(`scalar`, out.data, ref, 0);
    for (const [k, v] of await runSuite([[`pixaug ${simd ? 'SIMD' : 'scalar'}`, c.op]])) r.set(k, v);
  }
  const jsOut = new Uint8Array(c.outLen);
  c.js(jsOut);
  check('plain JS loop', jsOut, ref, c.jsTolerance);
  const copy = new Uint8Array(c.input.data.length);
  for (const [k, v] of await runSuite([['plain JS loop', () => c.js(jsOut)], ['memcpy of the input (set)', () => copy.set(c.input.data)]])) r.set(k, v);
  return r;
}

const fmtMs = (s) => (s * 1e3).toFixed(s * 1e3 < 1 ? 3 : 2);
const fmtX = (x) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(2) : x.toFixed(1)}x` : '');

const rows = [];
for (const c of cases) {
  const r = await measure(c);
  const g = (k) => r.get(k).mean;
  const ratio = g('pixaug scalar') / g('pixaug SIMD');
  rows.push(`| ${c.name} | ${fmtMs(g('pixaug SIMD'))} ± ${r.get('pixaug SIMD').rme.toFixed(1)}% | ${fmtMs(g('pixaug scalar'))} | ${fmtMs(g('plain JS loop'))} | ${fmtMs(g('memcpy of the input (set)'))} | ${fmtX(ratio)} | ${fmtX(g('plain JS loop') / g('pixaug SIMD'))} | ${c.target ? `${c.target}: ${ratio >= 4 ? 'met' : 'MISSED'}` : ''} |`);
}

const md = [
  '# pixaug resampling benchmarks',
  '',
  '- command: `npm run bench:resample` (= `npm run build && node bench/resample.js`)',
  `- date: ${new Date().toISOString()}`,
  `- node ${process.version} (V8 ${process.versions.v8}), ${os.platform()} ${os.arch()}, CPU ${os.cpus()[0]?.model ?? 'unknown'} (${os.cpus().length} logical cores), load average at start ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`,
  `- images: bench/fixtures/astronaut_512x512.png tiled; benchmark.js ${Benchmark.version}, maxTime ${MAX_TIME} s per variant, mean ± relative margin of error`,
  '- every pixaug column is the public function: validation, copy in, plan, kernels, output array, copy out',
  '- plain JS loop: the straightforward implementation with float weights (checked against pixaug within 1-2 levels)',
  '',
  '| case | SIMD ms | scalar ms | plain JS ms | memcpy of input ms | SIMD vs scalar | SIMD vs plain JS | target |',
  '|---|--:|--:|--:|--:|--:|--:|---|',
  ...rows,
  '',
];
writeFileSync(here('./RESULTS-resample.md'), md.join('\n'));
console.log(`\n${md.join('\n')}\nwrote bench/RESULTS-resample.md`);
