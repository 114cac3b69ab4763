// pixaug playground: plain ESM, no bundler. Serve the package root (`npm run playground`) and
// open /web/. The controls build a real pixaug/transforms pipeline (`T.compose([...], { seed })`);
// sample i of the grid is `aug({ image }, { index: i })`, and the JSON shown is `aug.toJSON()`,
// which `pixaug augment ... --pipeline file.json` and `T.fromJSON` read back. Decoding by the
// browser (pixaug/browser's decodeImage), pixels by the wasm kernels, display with toCanvas.
import * as px from '../dist/index.js';
import { decodeImage, toCanvas } from '../dist/browser.js';

const BORDERS = ['constant', 'edge', 'reflect', 'symmetric', 'wrap'];
const INTERP = ['nearest', 'bilinear', 'bicubic'];
const RESIZE_INTERP = ['nearest', 'bilinear', 'bicubic', 'area', 'lanczos3'];
const DEFAULT_IMAGE = new URL('../examples/images/chelsea_cat_451x300.png', import.meta.url);
/** Larger inputs are scaled down (pixaug resize) so the grid stays interactive. */
const MAX_SIDE = 800;

// Parameter kinds, each becoming one option of the transform factory:
// range = [lo, hi] (drawn uniformly per sample; lo = hi is a fixed value), int = integer range,
// num = one number, choice = one of `options` (any JSON values), bool = checkbox,
// ints = a list of integers (randomRotate90's allowed turns), size = width x height in pixels
// (reset to the source image's size, or to the square `frac` x its shorter side, on load).
const range = (lo, hi, min, max, step) => ({ kind: 'range', value: [lo, hi], min, max, step });
const int = (lo, hi, min, max) => ({ kind: 'int', value: [lo, hi], min, max, step: 1 });
const num = (value, min, max, step) => ({ kind: 'num', value, min, max, step });
const choice = (options, value) => ({ kind: 'choice', options, value });
const bool = (value) => ({ kind: 'bool', value });
const ints = (value) => ({ kind: 'ints', value });
const size = (frac) => ({ kind: 'size', frac, value: [1, 1], min: 1, max: 8192, step: 1 });

/**
 * The transforms offered, in application order: `name` is the pixaug/transforms factory, `p` its
 * probability, `params` its options (see the factories' docs in src/transforms/*.ts).
 */
const OPS = [
  { name: 'horizontalFlip', p: 0.5, on: true, params: {} },
  { name: 'verticalFlip', p: 0.5, params: {} },
  { name: 'randomRotate90', p: 0.5, params: { k: ints([1, 2, 3]) } },
  { name: 'transpose', p: 0.5, params: {} },
  { name: 'rotate', p: 1, on: true, params: { limit: range(-30, 30, -180, 180, 1), interpolation: choice(INTERP, 'bilinear'), border: choice(BORDERS, 'reflect') } },
  { name: 'affine', p: 0.5, params: { rotate: range(-15, 15, -180, 180, 1), scale: range(0.9, 1.1, 0.1, 4, 0.05), translateX: range(-0.1, 0.1, -1, 1, 0.01), translateY: range(-0.1, 0.1, -1, 1, 0.01), shearX: range(-10, 10, -80, 80, 1), shearY: range(0, 0, -80, 80, 1), interpolation: choice(INTERP, 'bilinear'), border: choice(BORDERS, 'reflect') } },
  { name: 'shift', p: 0.5, params: { x: range(-0.1, 0.1, -1, 1, 0.01), y: range(-0.1, 0.1, -1, 1, 0.01), round: bool(false), border: choice(BORDERS, 'reflect') } },
  { name: 'scale', p: 0.5, params: { factor: range(0.9, 1.2, 0.1, 4, 0.05), border: choice(BORDERS, 'reflect') } },
  { name: 'perspective', p: 0.3, params: { scale: range(0.02, 0.1, 0, 0.45, 0.01), border: choice(BORDERS, 'constant') } },
  { name: 'randomResizedCrop', p: 0.3, params: { size: size(1), scale: range(0.3, 1, 0.01, 1, 0.05), ratio: range(0.75, 1.333, 0.1, 10, 0.05), interpolation: choice(RESIZE_INTERP, 'bilinear') } },
  { name: 'randomCrop', p: 0.5, params: { size: size(0.8) } },
  { name: 'centerCrop', p: 0.3, params: { size: size(0.9) } },
  { name: 'pad', p: 0.3, params: { top: num(20, 0, 1000, 1), right: num(20, 0, 1000, 1), bottom: num(20, 0, 1000, 1), left: num(20, 0, 1000, 1), border: choice(BORDERS, 'reflect') } },
  { name: 'resize', p: 1, params: { size: size(1), interpolation: choice(RESIZE_INTERP, 'bilinear') } },
  { name: 'brightness', p: 1, on: true, params: { factor: range(0.7, 1.3, 0, 3, 0.05) } },
  { name: 'contrast', p: 1, params: { factor: range(0.7, 1.3, 0, 3, 0.05) } },
  { name: 'gamma', p: 1, params: { gamma: range(0.7, 1.5, 0.1, 5, 0.05) } },
  { name: 'hueSaturationValue', p: 1, on: true, params: { hue: range(-10, 10, -180, 180, 1), saturation: range(-0.15, 0.15, -1, 1, 0.05), value: range(-0.1, 0.1, -1, 1, 0.05) } },
  { name: 'grayscale', p: 0.2, params: {} },
  { name: 'solarize', p: 0.2, params: { threshold: range(128, 255, 0, 256, 1) } },
  { name: 'posterize', p: 0.2, params: { bits: int(3, 6, 1, 8) } },
  { name: 'equalize', p: 0.2, params: {} },
  { name: 'gaussianBlur', p: 0.5, params: { sigma: range(0.5, 2, 0.1, 10, 0.1) } },
  { name: 'sharpen', p: 0.5, params: { sigma: range(1, 1, 0.1, 10, 0.1), amount: range(0.5, 1.5, 0, 5, 0.1) } },
  { name: 'gaussianNoise', p: 1, on: true, params: { sigma: range(5, 20, 0, 100, 1), perChannel: bool(true) } },
  { name: 'uniformNoise', p: 1, params: { amount: range(10, 30, 0, 255, 1), perChannel: bool(true) } },
  { name: 'speckleNoise', p: 1, params: { sigma: range(0.05, 0.2, 0, 2, 0.01) } },
  { name: 'poissonNoise', p: 1, params: { photons: range(10, 60, 1, 1000, 1) } },
  { name: 'saltAndPepper', p: 1, params: { amount: range(0.01, 0.05, 0, 1, 0.01), saltVsPepper: range(0.5, 0.5, 0, 1, 0.05) } },
  { name: 'cutout', p: 0.3, on: true, params: { holes: int(1, 3, 0, 20), size: num(0.15, 0.01, 500, 0.01), fill: choice([0, 'noise'], 0) } },
];

const $ = (id) => document.getElementById(id);
const T = px.transforms;
const state = {
  image: null, // the source Image (uint8; RGB when the file is opaque, as pixaug/node reads it, else RGBA)
  sourceName: '',
  ops: OPS.map((o) => ({ ...o, on: !!o.on, params: structuredClone(o.params) })),
  count: 8,
  seed: 0,
  start: 0, // index of the first sample shown
  fuse: true,
  simd: px.simdSupported(),
  aug: null, // the T.compose pipeline of the last render
  last: null, // { ms, times: { name: { calls, ms } }, samples: [...], images: [...] }
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
    box.dataset.op = o.name;
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
    name.textContent = o.name;
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
      if (spec.kind === 'range' || spec.kind === 'int' || spec.kind === 'size') {
        row.append(numberInput(spec.value[0], spec, (v) => { spec.value[0] = v; schedule(); }), spec.kind === 'size' ? '×' : '…',
          numberInput(spec.value[1], spec, (v) => { spec.value[1] = v; schedule(); }));
        if (spec.kind === 'size') row.dataset.size = key;
      } else if (spec.kind === 'num') {
        row.append(numberInput(spec.value, spec, (v) => { spec.value = v; schedule(); }));
      } else if (spec.kind === 'choice') {
        const sel = document.createElement('select');
        spec.options.forEach((opt, i) => sel.add(new Option(String(opt), String(i), false, opt === spec.value)));
        sel.addEventListener('change', () => { spec.value = spec.options[Number(sel.value)]; schedule(); });
        row.append(sel);
      } else if (spec.kind === 'ints') {
        const t = document.createElement('input');
        t.value = spec.value.join(', ');
        t.size = 10;
        t.addEventListener('input', () => { spec.value = t.value.split(/[\s,]+/).filter(Boolean).map(Number); schedule(); });
        row.append(t);
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

/** Sets the `size` parameters from the source image (full size, or a square `frac` x the shorter side). */
function resetSizes(img) {
  for (const o of state.ops) {
    for (const spec of Object.values(o.params)) {
      if (spec.kind !== 'size') continue;
      spec.value = spec.frac === 1 ? [img.width, img.height] : Array(2).fill(Math.max(1, Math.round(spec.frac * Math.min(img.width, img.height))));
    }
  }
}

// ------------------------------------------------------------------------------------ pipeline

/** The factory options of one control block: `{ ...params, p }` (ranges as [min, max]). */
function optionsOf(o) {
  const opts = {};
  for (const [key, spec] of Object.entries(o.params)) {
    if (spec.kind === 'range' || spec.kind === 'int') {
      opts[key] = spec.value[0] <= spec.value[1] ? [...spec.value] : [spec.value[1], spec.value[0]];
    } else if (spec.kind === 'size') {
      opts.width = spec.value[0];
      opts.height = spec.value[1];
    } else {
      opts[key] = Array.isArray(spec.value) ? [...spec.value] : spec.value;
    }
  }
  opts.p = o.p;
  return opts;
}

/**
 * Builds the pipeline from the controls: `T.compose([T.<name>(options) for each checked op],
 * { seed, fuse })`. Each leaf's `run` is wrapped to time it (fused geometric runs resample once,
 * outside the leaves: their time is reported separately). Throws the factories' PixaugErrors.
 */
export function buildPipeline(times = {}) {
  const leaves = state.ops.filter((o) => o.on).map((o) => {
    const t = T[o.name](optionsOf(o));
    const run = t.run;
    t.run = (...args) => {
      const t0 = performance.now();
      const r = run(...args);
      const s = (times[o.name] ??= { calls: 0, ms: 0 });
      s.calls++;
      s.ms += performance.now() - t0;
      return r;
    };
    return t;
  });
  return T.compose(leaves, { seed: state.seed, fuse: state.fuse });
}

/** The JSON of the current pipeline (`aug.toJSON()`), as `pixaug augment --pipeline file.json` reads it. */
export function pipelineJson() {
  return buildPipeline().toJSON();
}

function roundParams(p) {
  const out = {};
  for (const [k, v] of Object.entries(p)) out[k] = typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(3)) : v;
  return out;
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
  const samples = [];
  const images = [];
  const cells = [];
  let aug;
  try {
    aug = buildPipeline(times);
  } catch (e) {
    $('json').innerHTML = `<span class="error">${e.code ?? 'error'}: ${e.message}</span>`;
    state.last = { error: e.message };
    document.body.dataset.renders = String(++renderCount);
    return;
  }
  state.aug = aug;
  const t0 = performance.now();
  let augMs = 0;
  for (let i = 0; i < state.count; i++) {
    const index = state.start + i;
    const cell = document.createElement('div');
    cell.className = 'cell';
    const holder = document.createElement('div');
    holder.className = 'img';
    const cap = document.createElement('div');
    cap.className = 'cap';
    try {
      const a0 = performance.now();
      const { image, applied } = aug({ image: state.image }, { index });
      augMs += performance.now() - a0;
      const canvas = toCanvas(image, document.createElement('canvas'));
      holder.append(canvas);
      const names = applied.steps.map((s) => s.name);
      cap.innerHTML = `<b>index ${index}</b> ${image.width}×${image.height} · ${names.join(', ') || 'identity'}`;
      cell.title = JSON.stringify(applied.steps.map((s) => ({ [s.name]: roundParams(s.params) })), null, 1);
      samples.push({ index, width: image.width, height: image.height, applied: names, steps: applied.steps });
      images.push(image);
    } catch (e) {
      cap.innerHTML = `<span class="error">index ${index}: ${e.code ?? 'error'}: ${e.message}</span>`;
      samples.push({ index, error: e.message });
      images.push(null);
    }
    cell.append(holder, cap);
    cells.push(cell);
  }
  grid.replaceChildren(...cells);
  const ms = performance.now() - t0;
  // timing table and per-op badges
  const body = $('times').tBodies[0];
  body.textContent = '';
  let leafMs = 0;
  state.ops.forEach((o, j) => {
    const t = o.on ? times[o.name] : undefined;
    $(`time-${j}`).textContent = t ? `${(t.ms / t.calls).toFixed(2)} ms` : '';
    if (!t) return;
    leafMs += t.ms;
    body.insertRow().innerHTML = `<td>${o.name}</td><td>${t.calls}</td><td>${(t.ms / t.calls).toFixed(2)}</td><td>${t.ms.toFixed(1)}</td>`;
  });
  const rest = Math.max(0, augMs - leafMs);
  body.insertRow().innerHTML = `<td>fused geometric warps, drawing</td><td>${state.count}</td><td>${(rest / state.count).toFixed(2)}</td><td>${rest.toFixed(1)}</td>`;
  body.insertRow().innerHTML = `<td><b>all samples (incl. display)</b></td><td>${state.count}</td><td>${(ms / state.count).toFixed(2)}</td><td>${ms.toFixed(1)}</td>`;
  $('json').textContent = JSON.stringify(aug.toJSON(), null, 2);
  $('status').innerHTML = `build <b>${state.simd ? 'WebAssembly SIMD' : 'scalar'}</b>${px.simdSupported() ? '' : ' (this browser has no wasm SIMD)'} · source <b>${state.sourceName}</b> ${state.image.width}×${state.image.height} · ${state.count} samples in <b>${ms.toFixed(1)} ms</b>`;
  state.last = { ms, times, samples, images };
  document.body.dataset.renders = String(++renderCount);
}

// ------------------------------------------------------------------------------------ input

/** Drops alpha when every pixel is opaque, so the page augments the same RGB image that pixaug/node (and the CLI) reads from the file. */
function opaqueToRgb(img) {
  const d = img.data, n = img.width * img.height;
  for (let i = 3; i < d.length; i += 4) if (d[i] !== 255) return img;
  const rgb = new Uint8Array(n * 3);
  for (let i = 0, j = 0; j < rgb.length; i += 4, j += 3) { rgb[j] = d[i]; rgb[j + 1] = d[i + 1]; rgb[j + 2] = d[i + 2]; }
  return { width: img.width, height: img.height, channels: 3, data: rgb };
}

async function loadBlob(blob, name) {
  let img;
  try {
    img = opaqueToRgb(await decodeImage(blob));
    if (Math.max(img.width, img.height) > MAX_SIDE) {
      // pixaug's own resize (antialiased, premultiplied alpha like Pillow's RGBA)
      const s = MAX_SIDE / Math.max(img.width, img.height);
      img = px.resize(img, { width: Math.max(1, Math.round(img.width * s)), height: Math.max(1, Math.round(img.height * s)), interpolation: 'bicubic', ...(img.channels === 4 ? { alpha: 'premultiplied' } : {}) });
      name += ` (scaled to ${img.width}×${img.height})`;
    }
  } catch (e) {
    $('source-info').innerHTML = `<span class="error">${e.message}</span>`;
    return;
  }
  state.image = img;
  state.sourceName = name;
  resetSizes(img);
  buildControls();
  toCanvas(img, $('source'));
  $('source-info').textContent = `${name} · ${img.width}×${img.height} ${img.channels === 3 ? 'RGB (opaque)' : 'RGBA'}`;
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
  $('start').addEventListener('input', () => {
    const v = Math.round(Number($('start').value));
    if (Number.isSafeInteger(v) && v >= 0) { state.start = v; schedule(); }
  });
  $('fuse').addEventListener('change', () => {
    const v = $('fuse').value;
    state.fuse = v === 'all' ? 'all' : v === 'true';
    schedule();
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
  $('copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText($('json').textContent);
      $('copy').textContent = 'copied';
    } catch {
      // no clipboard permission (e.g. plain http on another host): select the text instead
      getSelection().selectAllChildren($('json'));
      $('copy').textContent = 'selected: Ctrl+C';
    }
    setTimeout(() => { $('copy').textContent = 'copy'; }, 1500);
  });
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

/** For tests and the console: the state, the pixaug module, the transforms, and a promise settled after the first render. */
window.playground = { state, px, T, render, buildPipeline, pipelineJson, ready: main().catch((e) => { $('status').innerHTML = `<span class="error">${e.message}</span>`; throw e; }) };
