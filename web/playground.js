// pixaug playground: plain ESM, no bundler. Serve the package root (`npm run playground`) and
// open /web/. Everything pixel-related is pixaug's: decoding by the browser (pixaug/browser's
// decodeImage), operations by the wasm kernels, display with toCanvas.
import * as px from '../dist/index.js';
import { decodeImage, toCanvas } from '../dist/browser.js';

const BORDERS = ['constant', 'edge', 'reflect', 'symmetric', 'wrap'];
const DEFAULT_IMAGE = new URL('../examples/images/chelsea_cat_451x300.png', import.meta.url);
/** Larger inputs are scaled down (pixaug resize) so the grid stays interactive. */
const MAX_SIDE = 800;

// Parameter kinds: range = floats [lo, hi] drawn uniformly; int = integers lo..hi;
// choice = one option or 'random'; bool = checkbox.
const range = (lo, hi, min, max, step) => ({ kind: 'range', value: [lo, hi], min, max, step });
const int = (lo, hi, min, max) => ({ kind: 'int', value: [lo, hi], min, max, step: 1 });
const choice = (options, value) => ({ kind: 'choice', options, value });
const bool = (value) => ({ kind: 'bool', value });

/**
 * The operations offered, in application order. `run(img, a, key)` applies the op with the drawn
 * arguments `a`; `key` = { seed, stream } for ops with pixel noise.
 */
const OPS = [
  { op: 'flip', p: 0.5, on: true, params: { direction: choice(['horizontal', 'vertical'], 'horizontal') },
    run: (img, a) => px.flip(img, a.direction) },
  { op: 'rot90', p: 0.5, params: { k: int(1, 3, 1, 3) }, run: (img, a) => px.rot90(img, a.k) },
  { op: 'rotate', p: 1, on: true,
    params: { angle: range(-30, 30, -180, 180, 1), interpolation: choice(['nearest', 'bilinear', 'bicubic'], 'bilinear'), border: choice(BORDERS, 'reflect'), expand: bool(false) },
    run: (img, a) => px.rotate(img, a.angle, { interpolation: a.interpolation, border: a.border, expand: a.expand }) },
  { op: 'affine', p: 0.5,
    params: { angle: range(-15, 15, -180, 180, 1), scale: range(0.9, 1.1, 0.1, 4, 0.05), translate: range(-0.1, 0.1, -1, 1, 0.01), shear: range(-10, 10, -60, 60, 1), border: choice(BORDERS, 'reflect') },
    run: (img, a) => px.affine(img, { angle: a.angle, scale: a.scale, translate: [a.translate * img.width, a.translate * img.height], shear: a.shear, border: a.border }) },
  { op: 'perspective', p: 0.3, params: { distortion: range(0, 0.1, 0, 0.4, 0.01), border: choice(BORDERS, 'constant') },
    run: (img, a, key, rng) => {
      // corners moved inwards by up to distortion x side (4 corners x 2 draws), then the homography
      const w = img.width, h = img.height, d = () => rng.float() * a.distortion;
      const src = [[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]];
      const dst = [[d() * w, d() * h], [w - 1 - d() * w, d() * h], [w - 1 - d() * w, h - 1 - d() * h], [d() * w, h - 1 - d() * h]];
      return px.warpPerspective(img, homography(src, dst), { border: a.border, antialias: true });
    } },
  { op: 'randomResizedCrop', p: 0.3, params: { scale: range(0.3, 1, 0.01, 1, 0.05) },
    run: (img, a, key, rng) => px.randomResizedCrop(img, { width: img.width, height: img.height, scale: [a.scale, 1] }, rng) },
  { op: 'crop', p: 0.5, params: { scale: range(0.6, 1, 0.1, 1, 0.05) }, draws: 2,
    run: (img, a, key, rng) => {
      const w = Math.max(1, Math.round(img.width * a.scale)), h = Math.max(1, Math.round(img.height * a.scale));
      return px.crop(img, { x: rng.int(0, img.width - w), y: rng.int(0, img.height - h), width: w, height: h });
    } },
  { op: 'pad', p: 0.3, params: { fraction: range(0, 0.15, 0, 0.5, 0.01), border: choice(BORDERS, 'random') },
    run: (img, a) => {
      const t = Math.round(img.height * a.fraction), l = Math.round(img.width * a.fraction);
      return px.pad(img, { top: t, bottom: t, left: l, right: l }, { border: a.border });
    } },
  { op: 'brightness', p: 1, on: true, params: { factor: range(0.7, 1.3, 0, 3, 0.05) }, run: (img, a) => px.brightness(img, a.factor) },
  { op: 'contrast', p: 1, params: { factor: range(0.7, 1.3, 0, 3, 0.05) }, run: (img, a) => px.contrast(img, a.factor) },
  { op: 'gamma', p: 1, params: { gamma: range(0.7, 1.5, 0.1, 5, 0.05) }, run: (img, a) => px.gamma(img, a.gamma) },
  { op: 'hueSaturationValue', p: 1, on: true, params: { hue: range(-10, 10, -180, 180, 1), saturation: range(-0.15, 0.15, -1, 1, 0.05), value: range(-0.1, 0.1, -1, 1, 0.05) },
    run: (img, a) => px.hueSaturationValue(img, { hue: a.hue, saturation: a.saturation, value: a.value }) },
  { op: 'grayscale', p: 0.2, params: { method: choice(['opencv', 'pillow'], 'opencv') },
    run: (img, a) => px.grayscale(img, { method: a.method, keepChannels: true }) },
  { op: 'solarize', p: 0.2, params: { threshold: int(128, 255, 0, 256) }, run: (img, a) => px.solarize(img, a.threshold) },
  { op: 'posterize', p: 0.2, params: { bits: int(3, 6, 1, 8) }, run: (img, a) => px.posterize(img, a.bits) },
  { op: 'equalize', p: 0.2, params: {}, run: (img) => px.equalize(img) },
  { op: 'gaussianBlur', p: 0.5, params: { sigma: range(0.5, 2, 0.1, 10, 0.1), border: choice(BORDERS, 'reflect') },
    run: (img, a) => px.gaussianBlur(img, a.sigma, { border: a.border }) },
  { op: 'sharpen', p: 0.5, params: { sigma: range(1, 1, 0.1, 10, 0.1), amount: range(0.5, 1.5, 0, 5, 0.1) },
    run: (img, a) => px.sharpen(img, { sigma: a.sigma, amount: a.amount }) },
  { op: 'gaussianNoise', p: 1, on: true, params: { sigma: range(5, 20, 0, 100, 1), perChannel: bool(true) },
    run: (img, a, key) => px.gaussianNoise(img, { sigma: a.sigma, perChannel: a.perChannel, ...key }) },
  { op: 'uniformNoise', p: 1, params: { amplitude: range(10, 30, 0, 255, 1) },
    run: (img, a, key) => px.uniformNoise(img, { low: -a.amplitude, high: a.amplitude, ...key }) },
  { op: 'speckleNoise', p: 1, params: { sigma: range(0.05, 0.2, 0, 2, 0.01) }, run: (img, a, key) => px.speckleNoise(img, { sigma: a.sigma, ...key }) },
  { op: 'poissonNoise', p: 1, params: { photons: range(10, 60, 1, 1000, 1) }, run: (img, a, key) => px.poissonNoise(img, { photons: a.photons, ...key }) },
  { op: 'saltAndPepper', p: 1, params: { amount: range(0.01, 0.05, 0, 1, 0.01), saltVsPepper: range(0.5, 0.5, 0, 1, 0.05) },
    run: (img, a, key) => px.saltAndPepper(img, { amount: a.amount, saltVsPepper: a.saltVsPepper, ...key }) },
  { op: 'cutout', p: 0.3, on: true, params: { holes: int(1, 3, 1, 20), size: int(20, 60, 1, 500), fill: choice(['black', 'noise'], 'black') },
    run: (img, a, key) => px.cutout(img, { holes: a.holes, size: a.size, fill: a.fill === 'noise' ? 'noise' : 0, ...key }) },
];

/** 3x3 homography (row-major, h33 = 1) mapping 4 points src -> dst: the 8x8 linear system, Gaussian elimination. */
function homography(src, dst) {
  const A = [], b = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = src[i], [u, v] = dst[i];
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y]); b.push(u);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y]); b.push(v);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    [A[c], A[p]] = [A[p], A[c]]; [b[c], b[p]] = [b[p], b[c]];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k < 8; k++) A[r][k] -= f * A[c][k];
      b[r] -= f * b[c];
    }
  }
  return [...b.map((v, i) => v / A[i][i]), 1];
}

const $ = (id) => document.getElementById(id);
const state = {
  image: null, // the source Image (RGBA uint8)
  sourceName: '',
  ops: OPS.map((o) => ({ ...o, on: !!o.on, params: structuredClone(Object.fromEntries(Object.entries(o.params))) })),
  count: 8,
  seed: 0,
  simd: px.simdSupported(),
  last: null, // { ms, times: { op: { calls, ms } }, samples: [...] }
};

// ------------------------------------------------------------------------------------ controls

function numberInput(value, spec, onChange) {
  const el = document.createElement('input');
  el.type = 'number';
  el.value = String(value);
  el.min = String(spec.min);
  el.max = String(spec.max);
  el.step = String(spec.step);
  el.addEventListener('input', () => {
    const v = Number(el.value);
    if (el.value !== '' && Number.isFinite(v)) onChange(v);
  });
  return el;
}

function buildControls() {
  const root = $('ops');
  root.textContent = '';
  state.ops.forEach((o, index) => {
    const box = document.createElement('div');
    box.className = `op${o.on ? ' on' : ''}`;
    box.dataset.op = o.op;
    const head = document.createElement('div');
    head.className = 'head';
    const cb = document.createElement('input');
    cb.type = 'checkbox';
    cb.checked = o.on;
    cb.id = `op-${index}`;
    cb.addEventListener('change', () => { o.on = cb.checked; box.classList.toggle('on', o.on); schedule(); });
    const name = document.createElement('label');
    name.className = 'name';
    name.htmlFor = cb.id;
    name.textContent = o.op;
    const p = numberInput(o.p, { min: 0, max: 1, step: 0.05 }, (v) => { o.p = v; schedule(); });
    p.title = 'probability';
    const time = document.createElement('span');
    time.className = 'time';
    time.id = `time-${index}`;
    head.append(cb, name, 'p', p, time);
    const params = document.createElement('div');
    params.className = 'params';
    for (const [key, spec] of Object.entries(o.params)) {
      const row = document.createElement('div');
      row.className = 'param';
      const label = document.createElement('span');
      label.textContent = key;
      row.append(label);
      if (spec.kind === 'range' || spec.kind === 'int') {
        row.append(numberInput(spec.value[0], spec, (v) => { spec.value[0] = v; schedule(); }), '…',
          numberInput(spec.value[1], spec, (v) => { spec.value[1] = v; schedule(); }));
      } else if (spec.kind === 'choice') {
        const sel = document.createElement('select');
        for (const opt of ['random', ...spec.options]) sel.add(new Option(opt, opt, false, opt === spec.value));
        sel.addEventListener('change', () => { spec.value = sel.value; schedule(); });
        row.append(sel);
      } else {
        const c = document.createElement('input');
        c.type = 'checkbox';
        c.checked = spec.value;
        c.addEventListener('change', () => { spec.value = c.checked; schedule(); });
        row.append(c);
      }
      params.append(row);
    }
    box.append(head, params);
    root.append(box);
  });
}

// ------------------------------------------------------------------------------------ pipeline

/** Draws the arguments of op `o` from `rng` in parameter order (fixed draws per parameter). */
function drawArgs(o, rng) {
  const a = {};
  for (const [key, spec] of Object.entries(o.params)) {
    if (spec.kind === 'range') {
      const [lo, hi] = spec.value[0] <= spec.value[1] ? spec.value : [spec.value[1], spec.value[0]];
      a[key] = lo === hi ? (rng.float(), lo) : rng.uniform(lo, hi);
    } else if (spec.kind === 'int') {
      const [lo, hi] = spec.value[0] <= spec.value[1] ? spec.value : [spec.value[1], spec.value[0]];
      a[key] = rng.int(Math.round(lo), Math.round(hi));
    } else if (spec.kind === 'choice') {
      const pick = rng.choice(spec.options);
      a[key] = spec.value === 'random' ? pick : spec.value;
    } else {
      a[key] = spec.value;
    }
  }
  return a;
}

/**
 * Augments `img` as sample `index`: op j draws from Philox stream (seed + index, j); noise ops
 * get the same key, so a sample is reproducible alone. Returns { image, applied, times }.
 */
function augment(img, index, times) {
  const seed = state.seed + index;
  const applied = [];
  let cur = img;
  state.ops.forEach((o, j) => {
    if (!o.on) return;
    const rng = new px.Random(seed, j);
    if (!(rng.float() < o.p)) return;
    const a = drawArgs(o, rng);
    const t0 = performance.now();
    cur = o.run(cur, a, { seed, stream: j }, rng);
    const dt = performance.now() - t0;
    const t = (times[o.op] ??= { calls: 0, ms: 0 });
    t.calls++;
    t.ms += dt;
    applied.push({ op: o.op, ...roundArgs(a) });
  });
  return { image: cur, applied };
}

function roundArgs(a) {
  const out = {};
  for (const [k, v] of Object.entries(a)) out[k] = typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(3)) : v;
  return out;
}

/** The chosen pipeline as JSON (ranges and probabilities, not drawn values). */
export function pipelineJson() {
  const ops = state.ops.filter((o) => o.on).map((o) => {
    const entry = { op: o.op, p: o.p };
    for (const [k, spec] of Object.entries(o.params)) {
      entry[k] = spec.kind === 'range' || spec.kind === 'int'
        ? (spec.value[0] === spec.value[1] ? spec.value[0] : [...spec.value])
        : spec.value;
    }
    return entry;
  });
  return { pixaug: 1, seed: state.seed, samples: state.count, build: state.simd ? 'simd' : 'scalar', ops };
}

// ------------------------------------------------------------------------------------ render

let pending = 0;
function schedule() {
  if (pending) return;
  pending = requestAnimationFrame(() => { pending = 0; render(); });
}

let renderCount = 0;
function render() {
  if (!state.image) return;
  const grid = $('grid');
  const times = {};
  const t0 = performance.now();
  const samples = [];
  const cells = [];
  for (let i = 0; i < state.count; i++) {
    const cell = document.createElement('div');
    cell.className = 'cell';
    const holder = document.createElement('div');
    holder.className = 'img';
    const cap = document.createElement('div');
    cap.className = 'cap';
    try {
      const { image, applied } = augment(state.image, i, times);
      const canvas = toCanvas(image, document.createElement('canvas'));
      holder.append(canvas);
      cap.innerHTML = `<b>seed ${state.seed + i}</b> ${image.width}×${image.height} · ${applied.map((a) => a.op).join(', ') || 'identity'}`;
      cell.title = JSON.stringify(applied, null, 1);
      samples.push({ seed: state.seed + i, width: image.width, height: image.height, applied });
    } catch (e) {
      cap.innerHTML = `<span class="error">${e.code ?? 'error'}: ${e.message}</span>`;
      samples.push({ seed: state.seed + i, error: e.message });
    }
    cell.append(holder, cap);
    cells.push(cell);
  }
  grid.replaceChildren(...cells);
  const ms = performance.now() - t0;
  // timing table and per-op badges
  const body = $('times').tBodies[0];
  body.textContent = '';
  state.ops.forEach((o, j) => {
    const t = times[o.op];
    $(`time-${j}`).textContent = t ? `${(t.ms / t.calls).toFixed(2)} ms` : '';
    if (!t) return;
    body.insertRow().innerHTML = `<td>${o.op}</td><td>${t.calls}</td><td>${(t.ms / t.calls).toFixed(2)}</td><td>${t.ms.toFixed(1)}</td>`;
  });
  body.insertRow().innerHTML = `<td><b>all samples (incl. drawing)</b></td><td>${state.count}</td><td>${(ms / state.count).toFixed(2)}</td><td>${ms.toFixed(1)}</td>`;
  $('json').textContent = JSON.stringify(pipelineJson(), null, 2);
  $('status').innerHTML = `build <b>${state.simd ? 'WebAssembly SIMD' : 'scalar'}</b>${px.simdSupported() ? '' : ' (this browser has no wasm SIMD)'} · source <b>${state.sourceName}</b> ${state.image.width}×${state.image.height} · ${state.count} samples in <b>${ms.toFixed(1)} ms</b>`;
  state.last = { ms, times, samples };
  document.body.dataset.renders = String(++renderCount);
}

// ------------------------------------------------------------------------------------ input

async function loadBlob(blob, name) {
  let img;
  try {
    img = await decodeImage(blob);
    if (Math.max(img.width, img.height) > MAX_SIDE) {
      // pixaug's own resize (antialiased, premultiplied alpha like Pillow's RGBA)
      const s = MAX_SIDE / Math.max(img.width, img.height);
      img = px.resize(img, { width: Math.max(1, Math.round(img.width * s)), height: Math.max(1, Math.round(img.height * s)), interpolation: 'bicubic', alpha: 'premultiplied' });
      name += ` (scaled to ${img.width}×${img.height})`;
    }
  } catch (e) {
    $('source-info').innerHTML = `<span class="error">${e.message}</span>`;
    return;
  }
  state.image = img;
  state.sourceName = name;
  toCanvas(img, $('source'));
  $('source-info').textContent = `${name} · ${img.width}×${img.height} RGBA`;
  schedule();
}

function wireInputs() {
  $('file').addEventListener('change', (e) => {
    const f = e.target.files?.[0];
    if (f) loadBlob(f, f.name);
  });
  const drop = $('drop');
  for (const ev of ['dragenter', 'dragover']) {
    document.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.add('over'); });
  }
  for (const ev of ['dragleave', 'drop']) document.addEventListener(ev, () => drop.classList.remove('over'));
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    const f = e.dataTransfer?.files?.[0];
    if (f) loadBlob(f, f.name);
  });
  $('count').addEventListener('input', () => {
    const v = Math.round(Number($('count').value));
    if (v >= 1 && v <= 48) { state.count = v; schedule(); }
  });
  $('seed').addEventListener('input', () => {
    const v = Math.round(Number($('seed').value));
    if (Number.isSafeInteger(v) && v >= 0) { state.seed = v; schedule(); }
  });
  const build = $('build');
  if (!px.simdSupported()) {
    build.options[0].disabled = true;
    build.value = 'scalar';
  }
  build.addEventListener('change', async () => {
    const info = await px.init({ simd: build.value === 'simd' });
    state.simd = info.simd;
    schedule();
  });
  $('copy').addEventListener('click', () => navigator.clipboard?.writeText($('json').textContent));
}

async function main() {
  const info = await px.init();
  state.simd = info.simd;
  $('build').value = info.simd ? 'simd' : 'scalar';
  buildControls();
  wireInputs();
  const res = await fetch(DEFAULT_IMAGE);
  await loadBlob(await res.blob(), 'chelsea_cat_451x300.png');
  render();
}

/** For tests and the console: the state, the pixaug module, and a promise settled after the first render. */
window.playground = { state, px, render, pipelineJson, ready: main().catch((e) => { $('status').innerHTML = `<span class="error">${e.message}</span>`; throw e; }) };
