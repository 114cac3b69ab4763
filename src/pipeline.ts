// Pipelines: compose / sequential / oneOf / someOf / randomOrder, seeded sampling per
// (sample index, transform), execution with targets and geometric fusion, replay, JSON.
//
// Semantics follow albumentations (core/composition.py): every transform has a probability p;
// Compose applies its children in order; OneOf applies exactly one child chosen with probability
// proportional to the children's p; SomeOf applies n distinct children; the parameters that were
// drawn are recorded so the same augmentation can be replayed (ReplayCompose).

import { invalid } from './errors.js';
import { checkImage, type Image, type ImageLike } from './image.js';
import { warpAffine } from './ops/warp.js';
import { resize } from './ops/resize.js';
import { affineShrink, warpPerspective, WARP_AA_THRESHOLD } from './ops/affine.js';
import { Random } from './random.js';
import {
  boxesIn, boxesOut, filterBoxes, keypointsIn, keypointsOut, keypointVisible, moveBoxes, moveKeypoints, mul3,
  type BoxFormat, type BoxOptions, type BoxRotateMethod, type BoxState, type KeypointState,
} from './targets.js';
import {
  checkOptions, checkP, factoryOf, jsonOptions,
  type ContainerTransform, type Geometry, type Json, type LeafTransform, type Params, type Size, type Transform, type TransformJSON,
} from './transforms/core.js';

/** A sample: the image and its optional targets. */
export interface Sample {
  image: ImageLike;
  /** Boxes in the pipeline's `boxFormat`, one row per box (extra elements after 4 are carried). */
  boxes?: readonly (readonly number[])[];
  /** One label per box (any values), kept in step with the boxes that survive. */
  labels?: readonly unknown[];
  /**
   * Keypoints [x, y, angle?, scale?, ...extra] in pixel-centre coordinates (the first pixel's centre is
   * (0, 0)); angle in degrees of the direction (cos a, sin a) in image axes (x right, y down, so
   * clockwise on screen), as albumentations; scale is multiplied by the map's local scale.
   */
  keypoints?: readonly (readonly number[])[];
  /** A label map (uint8, any channels): moved with nearest interpolation, constant 0 border, never photometric. */
  mask?: ImageLike;
  /** Several label maps, each like `mask`. */
  masks?: readonly ImageLike[];
}

/** The output of a pipeline: the transformed sample plus the applied parameters. */
export interface AugmentResult {
  image: Image;
  boxes?: number[][];
  labels?: unknown[];
  /** Index in the input of each output box. */
  boxIndices?: number[];
  keypoints?: number[][];
  /** Index in the input of each output keypoint. */
  keypointIndices?: number[];
  /** With `removeInvisibleKeypoints: false`: whether each output keypoint lies inside the image. */
  keypointsVisible?: boolean[];
  mask?: Image;
  masks?: Image[];
  /** What was applied: feed it to `replay` to get the same result again. JSON-compatible. */
  applied: Applied;
}

/** One applied leaf transform: its name, options and the drawn parameters. */
export interface AppliedStep {
  name: string;
  options: Params;
  params: Params;
}

/** The record of one pipeline application (JSON-compatible). */
export interface Applied {
  version: 1;
  /** Sample index the parameters were drawn for. */
  index: number;
  /** Pipeline options that affect execution (fusion and target handling). */
  options: Params;
  steps: AppliedStep[];
}

/** Options of `compose`. */
export interface ComposeOptions extends BoxOptions {
  /**
   * Seed (0..2^64-1, number, bigint or decimal string). Omitted: drawn from crypto once when the
   * pipeline is made (and recorded in toJSON, so a saved pipeline replays).
   */
  seed?: number | bigint | string;
  /** Probability of applying the whole pipeline, default 1. */
  p?: number;
  /**
   * Fuse successive resampling geometric steps into one warp (default true). The pixels then
   * differ from applying the steps one by one within the interpolation error (see README); targets
   * are identical either way. `'all'`: shrinking resizes are fused too (one resample for the
   * whole run; antialiased only where the fused map shrinks more than 2x).
   */
  fuse?: boolean | 'all';
}

/** Options of a call: `index` selects the random streams (default: a per-pipeline call counter). */
export interface CallOptions {
  /** Sample index, a non-negative safe integer: same seed + same index = same result, in any order, on any worker. */
  index?: number;
}

/** A callable pipeline (also usable as a child of another container). */
export interface Pipeline extends ContainerTransform {
  (sample: Sample | ImageLike, options?: CallOptions): AugmentResult;
  /** The seed as a bigint. */
  readonly seed: bigint;
  /** Number of nodes (containers and leaves) in the tree. */
  readonly size: number;
}

/** Max nodes in one pipeline tree: the stream of a node is index * 1024 + node id (see `streamOf`). */
export const MAX_NODES = 1024;

// ------------------------------------------------------------------------------------------------
// streams
// ------------------------------------------------------------------------------------------------

const GOLDEN64 = 0x9e3779b97f4a7c15n;

/**
 * The generator of node `node` for sample `index`: Philox4x32-10 keyed by (seed', stream) with
 * stream = (index mod 2^22) * 1024 + node and seed' = seed + floor(index / 2^22) * 0x9e3779b97f4a7c15
 * (mod 2^64). Distinct (index, node) pairs below index 2^22 get distinct streams of one key, so
 * different samples and different transforms draw independent numbers, and the draws of one
 * sample do not depend on any other sample (any order, any worker, Node or browser).
 */
export function streamOf(seed: bigint, index: number, node: number): Random {
  const lo = index % 4194304, hi = Math.floor(index / 4194304);
  const s = hi === 0 ? seed : (seed + BigInt(hi) * GOLDEN64) & 0xffffffffffffffffn;
  return new Random(s, lo * MAX_NODES + node);
}

function parseSeed(op: string, s: unknown): bigint {
  if (s === undefined) {
    const w = new Uint32Array(2);
    globalThis.crypto.getRandomValues(w);
    return (BigInt(w[1]) << 32n) | BigInt(w[0]);
  }
  let b: bigint | null = null;
  if (typeof s === 'bigint') b = s;
  else if (typeof s === 'number' && Number.isSafeInteger(s)) b = BigInt(s);
  else if (typeof s === 'string' && /^\d+$/.test(s)) b = BigInt(s);
  if (b === null || b < 0n || b > 0xffffffffffffffffn) invalid(op, 'options.seed', 'an integer in 0..2^64-1 (number, bigint or decimal string)', s);
  return b as bigint;
}

function treeSize(t: Transform): number {
  return t.kind === 'leaf' ? 1 : 1 + t.children.reduce((n, c) => n + treeSize(c), 0);
}

// ------------------------------------------------------------------------------------------------
// containers
// ------------------------------------------------------------------------------------------------

function checkChildren(op: string, ts: unknown): Transform[] {
  if (!Array.isArray(ts)) invalid(op, 'transforms', 'an array of transforms', ts);
  (ts as unknown[]).forEach((t, i) => {
    const k = (t as Transform | null)?.kind;
    if (k !== 'leaf' && k !== 'container') invalid(op, `transforms[${i}]`, 'a transform (from pixaug/transforms)', t);
  });
  return ts as Transform[];
}

function container(name: ContainerTransform['name'], children: Transform[], p: number, options: Params): ContainerTransform {
  return {
    kind: 'container', name, p, options, children,
    toJSON: () => ({ name, options: { ...options, p }, transforms: children.map((c) => c.toJSON()) }),
  };
}

/**
 * Applies the transforms in order (albumentations `Sequential` / torchvision `Compose`), with
 * probability p as a whole. Use it inside `compose` to group steps.
 * @param transforms transforms to apply in order
 * @param options `{ p = 1 }`
 * @throws PixaugError `INVALID_PARAMETER` for a non-transform or p outside [0, 1]
 */
export function sequential(transforms: readonly Transform[], options: { p?: number } = {}): ContainerTransform {
  const op = 'transforms.sequential';
  const o = checkOptions(op, options);
  return container('sequential', checkChildren(op, transforms), checkP(op, o.p), {});
}

/**
 * Applies exactly one of the transforms (albumentations `OneOf`): child i is chosen with
 * probability p_i / sum(p) (children's own p as weights) and then applied without its own p
 * draw. The whole block applies with probability `p` (default 0.5 as albumentations).
 * @param options `{ p = 0.5 }`
 * @throws PixaugError `INVALID_PARAMETER` for an empty list, all-zero weights or a bad p
 */
export function oneOf(transforms: readonly Transform[], options: { p?: number } = {}): ContainerTransform {
  const op = 'transforms.oneOf';
  const o = checkOptions(op, options);
  const ch = checkChildren(op, transforms);
  if (ch.length === 0 || !(ch.reduce((s, c) => s + c.p, 0) > 0)) invalid(op, 'transforms', 'at least one transform with p > 0', transforms);
  return container('oneOf', ch, checkP(op, o.p, 0.5), {});
}

/**
 * Applies `n` distinct transforms chosen uniformly at random (albumentations `SomeOf` with
 * replace=False; imgaug `SomeOf`), in their listed order, each then with its own probability p.
 * @param n how many (integer, 0..transforms.length)
 * @param options `{ p = 1 }`
 * @throws PixaugError `INVALID_PARAMETER` for n out of range or a bad p
 */
export function someOf(transforms: readonly Transform[], n: number, options: { p?: number } = {}): ContainerTransform {
  const op = 'transforms.someOf';
  const o = checkOptions(op, options);
  const ch = checkChildren(op, transforms);
  if (!Number.isInteger(n) || n < 0 || n > ch.length) invalid(op, 'n', `an integer in 0..${ch.length}`, n);
  return container('someOf', ch, checkP(op, o.p), { n });
}

/**
 * Applies all transforms in a random order (imgaug `Sequential(random_order=True)`,
 * torchvision `RandomOrder`), each with its own p. The order is a uniform permutation
 * (Fisher-Yates) drawn from the container's stream.
 * @param options `{ p = 1 }`
 */
export function randomOrder(transforms: readonly Transform[], options: { p?: number } = {}): ContainerTransform {
  const op = 'transforms.randomOrder';
  const o = checkOptions(op, options);
  return container('randomOrder', checkChildren(op, transforms), checkP(op, o.p), {});
}

/**
 * Makes a pipeline (albumentations `Compose`, `ReplayCompose`): a function
 * `aug(sample, { index })` that applies the transforms in order and moves the targets along.
 *
 * - Randomness: node k of the tree (depth-first numbering, the root is 0) draws from
 *   `streamOf(seed, index, k)`: first its p decision, then its parameters. So `aug(x, { index: i })`
 *   is reproducible alone, in any order, on any worker (`augmentBatch`), in Node or a browser.
 *   Without `index`, the pipeline counts its calls (0, 1, 2, ...).
 * - Targets: boxes (`boxFormat`), keypoints and masks follow every geometric step (see
 *   src/targets.ts): boxes are clipped to the image and dropped below `minVisibility` / `minArea`,
 *   labels follow their boxes; masks use nearest interpolation and a constant 0 border and skip
 *   pixel transforms.
 * - Fusion (`fuse`, default true): a run of successive geometric steps with at least one resampling
 *   step (rotate, affine, shift, scale, perspective, resize, randomResizedCrop) is resampled once
 *   through the product of their matrices (`warpAffine`; where an affine fused map shrinks more
 *   than 2x, an antialiased `resize` prefilter first, as the affine operations do; projective maps
 *   through `warpPerspective` with antialiasing). The fused warp uses the highest interpolation
 *   of the run and the border of its first resampling step. A shrinking resize (resize,
 *   randomResizedCrop to a smaller size) ends a fused run and runs by itself with its antialiased
 *   filter (`fuse: 'all'` fuses it too). Versus one-by-one: interior pixels differ by the interpolation error of the
 *   intermediate resamples (bilinear, uint8, the 451x300 cat photo: mean absolute difference 1.07
 *   levels for flip + rotate 12 + scale 1.1, 0.61 with a resize to 300x200 after them, 2.11
 *   for the same with `fuse: 'all'`, whose 1.5x shrink is point-sampled;
 *   test/pipeline.test.js); regions filled by a border mode may differ more, because the fused
 *   warp reflects (or extends) the original image where the steps would reflect an intermediate.
 * - `out.applied` records each applied leaf with its drawn parameters: `replay(out.applied, x)`
 *   reproduces the result (also for other samples of the same size).
 *
 * @param transforms leaf transforms or containers
 * @param options `{ seed, p = 1, fuse = true (or false, 'all'), boxFormat = 'pascal_voc', minVisibility = 0, minArea = 0, boxRotateMethod = 'largest_box', removeInvisibleKeypoints = true }`
 * @returns the pipeline function (with toJSON)
 * @throws PixaugError `INVALID_PARAMETER` (bad transforms or options, more than 1024 nodes)
 * @example
 *   const aug = T.compose([T.horizontalFlip(), T.rotate({ limit: 15, border: 'reflect' })], { seed: 42 });
 *   const out = aug({ image, boxes, labels }, { index: 7 });
 */
export function compose(transforms: readonly Transform[], options: ComposeOptions = {}): Pipeline {
  const op = 'transforms.compose';
  const o = checkOptions(op, options) as ComposeOptions;
  const children = checkChildren(op, transforms);
  const p = checkP(op, o.p);
  const seed = parseSeed(op, o.seed);
  const exec = checkExecOptions(op, o as Record<string, unknown>);
  const stored: Params = { ...jsonOptions({ ...exec }), seed: seed <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(seed) : seed.toString() };
  const root = container('compose', children, p, stored);
  const size = treeSize(root);
  if (size > MAX_NODES) invalid(op, 'transforms', `at most ${MAX_NODES} transforms in one tree`, size);
  let calls = 0;
  const fn = ((sample: Sample | ImageLike, call: CallOptions = {}) => {
    const c = checkOptions(op, call);
    const index = c.index === undefined ? calls++ : (c.index as number);
    if (!Number.isSafeInteger(index) || index < 0) invalid(op, 'index', 'a non-negative safe integer', c.index);
    const s = asSample(sample);
    const img = checkImage(op, s.image, 'sample.image');
    const steps: { leaf: LeafTransform; params: Params }[] = [];
    const ctx = { seed, index, size: { width: img.width, height: img.height, channels: img.channels, dtype: img.dtype }, steps };
    planNode(root, 0, ctx, false);
    return execute(op, s, steps, exec, index);
  }) as Pipeline;
  Object.defineProperties(fn, {
    kind: { value: 'container' }, name: { value: 'compose' }, p: { value: p }, options: { value: stored },
    children: { value: children }, seed: { value: seed }, size: { value: size },
    toJSON: { value: root.toJSON },
  });
  return fn;
}

interface ExecOptions {
  fuse: boolean | 'all';
  boxFormat: BoxFormat;
  minVisibility: number;
  minArea: number;
  boxRotateMethod: BoxRotateMethod;
  removeInvisibleKeypoints: boolean;
}

function checkExecOptions(op: string, o: Record<string, unknown>): ExecOptions {
  const boxFormat = (o.boxFormat ?? 'pascal_voc') as BoxFormat;
  if (!['pascal_voc', 'coco', 'yolo'].includes(boxFormat)) invalid(op, 'options.boxFormat', `'pascal_voc', 'coco' or 'yolo'`, o.boxFormat);
  const boxRotateMethod = (o.boxRotateMethod ?? 'largest_box') as BoxRotateMethod;
  if (!['largest_box', 'ellipse'].includes(boxRotateMethod)) invalid(op, 'options.boxRotateMethod', `'largest_box' or 'ellipse'`, o.boxRotateMethod);
  const num = (k: string, max: number) => {
    const v = o[k] ?? 0;
    if (typeof v !== 'number' || !(v >= 0 && v <= max)) invalid(op, `options.${k}`, `a number in [0, ${max}]`, v);
    return v as number;
  };
  const bool = (k: string, def: boolean) => {
    const v = o[k] ?? def;
    if (typeof v !== 'boolean') invalid(op, `options.${k}`, k === 'fuse' ? `true, false or 'all'` : 'true or false', v);
    return v as boolean;
  };
  return {
    fuse: o.fuse === 'all' ? 'all' : bool('fuse', true), boxFormat, minVisibility: num('minVisibility', 1), minArea: num('minArea', Infinity),
    boxRotateMethod, removeInvisibleKeypoints: bool('removeInvisibleKeypoints', true),
  };
}

function asSample(x: Sample | ImageLike): Sample {
  if (x !== null && typeof x === 'object' && 'image' in x) return x as Sample;
  return { image: x as ImageLike };
}

interface PlanContext {
  seed: bigint;
  index: number;
  size: Size;
  steps: { leaf: LeafTransform; params: Params }[];
}

/** Draws the decisions and parameters of node `node` (id `id`) and its subtree; returns nothing, appends steps. */
function planNode(t: Transform, id: number, ctx: PlanContext, forced: boolean): void {
  const rng = streamOf(ctx.seed, ctx.index, id);
  const fire = rng.float() < t.p;
  if (!fire && !forced) return;
  if (t.kind === 'leaf') {
    const params = t.sample(rng, ctx.size);
    ctx.steps.push({ leaf: t, params });
    if (t.geometric && t.geometry) {
      const g = t.geometry(params, ctx.size);
      ctx.size = { ...ctx.size, width: g.width, height: g.height };
    }
    return;
  }
  const ids: number[] = [];
  let next = id + 1;
  for (const c of t.children) { ids.push(next); next += treeSize(c); }
  const ch = t.children;
  switch (t.name) {
    case 'compose': case 'sequential':
      ch.forEach((c, i) => planNode(c, ids[i], ctx, false));
      break;
    case 'randomOrder': {
      const order = ch.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (const i of order) planNode(ch[i], ids[i], ctx, false);
      break;
    }
    case 'oneOf': {
      const total = ch.reduce((s, c) => s + c.p, 0);
      let u = rng.float() * total, k = 0;
      while (k < ch.length - 1 && (u >= ch[k].p || ch[k].p === 0)) { u -= ch[k].p; k++; }
      planNode(ch[k], ids[k], ctx, true);
      break;
    }
    case 'someOf': {
      const n = t.options.n as number;
      const pool = ch.map((_, i) => i);
      const chosen: number[] = [];
      for (let i = 0; i < n; i++) chosen.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]);
      chosen.sort((a, b) => a - b);
      for (const i of chosen) planNode(ch[i], ids[i], ctx, false);
      break;
    }
  }
}

// ------------------------------------------------------------------------------------------------
// execution
// ------------------------------------------------------------------------------------------------

const ORDER = { nearest: 0, bilinear: 1, bicubic: 2 } as const;

/** Resamples once through the fused forward map of a run of geometric steps. */
function fusedWarp(img: Image, geos: Geometry[], mask: boolean): Image {
  let m = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  let interp: 'nearest' | 'bilinear' | 'bicubic' = 'nearest';
  let first: Geometry | undefined;
  for (const g of geos) {
    m = mul3(g.matrix, m);
    if (g.interpolation !== null) {
      if (ORDER[g.interpolation] > ORDER[interp]) interp = g.interpolation;
      first ??= g;
    }
  }
  const last = geos[geos.length - 1];
  const o = mask
    ? { interpolation: 'nearest' as const, border: 'constant' as const, fill: 0 }
    : { interpolation: interp, border: first?.border ?? 'constant', fill: first?.fill ?? 0 };
  const w = m[8];
  const affine = Math.abs(m[6]) < 1e-12 && Math.abs(m[7]) < 1e-12;
  if (affine) {
    const a = [m[0] / w, m[1] / w, m[2] / w, m[3] / w, m[4] / w, m[5] / w];
    const det = a[0] * a[4] - a[1] * a[3];
    const inv = [a[4] / det, -a[1] / det, 0, -a[3] / det, a[0] / det, 0];
    if (affineShrink(inv) <= WARP_AA_THRESHOLD || o.interpolation === 'nearest') {
      return warpAffine(img, a, { width: last.width, height: last.height, ...o });
    }
    // shrinking by more than 2x: prefilter with the antialiased resize along each source axis,
    // then warp the rest, as the affine operations do (src/ops/affine.ts runAffine)
    const kx = Math.hypot(a[0], a[3]), ky = Math.hypot(a[1], a[4]);
    const rw = kx < 1 ? Math.max(1, Math.round(img.width * kx)) : img.width;
    const rh = ky < 1 ? Math.max(1, Math.round(img.height * ky)) : img.height;
    if (rw < img.width || rh < img.height) {
      const small = resize(img, { width: rw, height: rh, interpolation: o.interpolation, antialias: true, cubicA: -0.5 });
      // small pixel x_s = (x + 0.5) sx - 0.5, so x = (x_s + 0.5) / sx - 0.5: forward map from small = a . that
      const sx = rw / img.width, sy = rh / img.height;
      const ux = 0.5 / sx - 0.5, uy = 0.5 / sy - 0.5;
      const a2 = [a[0] / sx, a[1] / sy, a[0] * ux + a[1] * uy + a[2], a[3] / sx, a[4] / sy, a[3] * ux + a[4] * uy + a[5]];
      return warpAffine(small, a2, { width: last.width, height: last.height, ...o });
    }
  }
  return warpPerspective(img, m, { width: last.width, height: last.height, ...o, antialias: true });
}

function runGroup(img: Image, group: { leaf: LeafTransform; params: Params }[], geos: Geometry[], fuse: boolean | 'all', mask: boolean): Image {
  if (fuse === 'all') return runSegment(img, group, geos, mask);
  if (!fuse) {
    for (const st of group) img = st.leaf.run(img, st.params, mask);
    return img;
  }
  // split at shrinking resizes (barriers), which run by themselves with their antialiased filter
  let start = 0;
  for (let i = 0; i <= group.length; i++) {
    if (i < group.length && !geos[i].barrier) continue;
    img = runSegment(img, group.slice(start, i), geos.slice(start, i), mask);
    if (i < group.length) img = group[i].leaf.run(img, group[i].params, mask);
    start = i + 1;
  }
  return img;
}

function runSegment(img: Image, group: { leaf: LeafTransform; params: Params }[], geos: Geometry[], mask: boolean): Image {
  if (group.length > 1 && geos.some((g) => g.interpolation !== null)) return fusedWarp(img, geos, mask);
  for (const st of group) img = st.leaf.run(img, st.params, mask);
  return img;
}

function toImage(op: string, x: ImageLike, name: string): Image {
  const c = checkImage(op, x, name);
  return { width: c.width, height: c.height, channels: c.channels, data: c.data, ...(c.stride !== c.width * c.channels ? { stride: c.stride } : {}) };
}

/** Runs planned steps on a sample (shared by pipelines and replay). */
function execute(op: string, s: Sample, steps: { leaf: LeafTransform; params: Params }[], o: ExecOptions, index: number): AugmentResult {
  let image = toImage(op, s.image, 'sample.image');
  let size: Size = { width: image.width, height: image.height, channels: image.channels };
  let masks: Image[] | undefined;
  if (s.masks !== undefined) {
    if (!Array.isArray(s.masks)) invalid(op, 'sample.masks', 'an array of images', s.masks);
    masks = s.masks.map((m, i) => toImage(op, m, `sample.masks[${i}]`));
  }
  let mask = s.mask === undefined ? undefined : toImage(op, s.mask, 'sample.mask');
  for (const m of [...(masks ?? []), ...(mask ? [mask] : [])]) {
    if (m.width !== image.width || m.height !== image.height) invalid(op, 'sample.mask', `a ${image.width}x${image.height} label map (the image's size)`, `${m.width}x${m.height}`);
  }
  let boxes: BoxState[] | undefined = s.boxes === undefined ? undefined : boxesIn(s.boxes, o.boxFormat, image.width, image.height);
  if (s.labels !== undefined && (!Array.isArray(s.labels) || s.labels.length !== (s.boxes?.length ?? -1))) {
    invalid(op, 'sample.labels', `an array with one label per box (${s.boxes?.length ?? 0})`, s.labels);
  }
  let kps: KeypointState[] | undefined = s.keypoints === undefined ? undefined : keypointsIn(s.keypoints);

  let i = 0;
  while (i < steps.length) {
    const st = steps[i];
    if (!st.leaf.geometric) {
      image = st.leaf.run(image, st.params, false);
      i++;
      continue;
    }
    const group: typeof steps = [];
    const geos: Geometry[] = [];
    while (i < steps.length && steps[i].leaf.geometric) {
      const g = steps[i].leaf.geometry!(steps[i].params, size);
      group.push(steps[i]); geos.push(g);
      size = { width: g.width, height: g.height, channels: size.channels };
      if (boxes) boxes = moveBoxes(boxes, g.matrix, g.width, g.height, o.boxRotateMethod);
      if (kps) kps = moveKeypoints(kps, g.matrix);
      i++;
    }
    image = runGroup(image, group, geos, o.fuse, false);
    if (mask) mask = runGroup(mask, group, geos, o.fuse, true);
    if (masks) masks = masks.map((m) => runGroup(m, group, geos, o.fuse, true));
  }

  const out: AugmentResult = {
    image,
    applied: {
      version: 1, index,
      options: jsonOptions({ ...o }),
      steps: steps.map((st) => ({ name: st.leaf.name, options: st.leaf.options, params: st.params })),
    },
  };
  if (boxes) {
    boxes = filterBoxes(boxes, o.minVisibility, o.minArea);
    out.boxes = boxesOut(boxes, o.boxFormat, image.width, image.height);
    out.boxIndices = boxes.map((b) => b.index);
    if (s.labels) out.labels = boxes.map((b) => s.labels![b.index]);
  }
  if (kps) {
    const vis = kps.map((k) => keypointVisible(k, image.width, image.height));
    if (o.removeInvisibleKeypoints) {
      kps = kps.filter((_, j) => vis[j]);
    } else {
      out.keypointsVisible = vis;
    }
    out.keypoints = keypointsOut(kps);
    out.keypointIndices = kps.map((k) => k.index);
  }
  if (mask) out.mask = mask;
  if (masks) out.masks = masks;
  return out;
}

/**
 * Applies recorded steps again (albumentations `ReplayCompose.replay`): the same transforms with
 * the same parameters, so the same sample gives the same bytes, boxes and keypoints; another
 * sample of the same size gets the identical augmentation.
 * @param applied `out.applied` of a pipeline call (or its JSON round trip)
 * @param sample the sample (or image)
 * @returns the result, with `applied` equal to the input record
 * @throws PixaugError `INVALID_PARAMETER` for a malformed record or unknown transform names
 */
export function replay(applied: Applied, sample: Sample | ImageLike): AugmentResult {
  const op = 'transforms.replay';
  if (applied === null || typeof applied !== 'object' || !Array.isArray(applied.steps)) invalid(op, 'applied', 'the `applied` record of a pipeline result', applied);
  const exec = checkExecOptions(op, (applied.options ?? {}) as Record<string, unknown>);
  const steps = applied.steps.map((st, i) => {
    if (st === null || typeof st !== 'object' || typeof st.name !== 'string') invalid(op, `applied.steps[${i}]`, '{ name, options, params }', st);
    return { leaf: factoryOf(st.name)(st.options as Record<string, unknown>), params: st.params };
  });
  return execute(op, asSample(sample), steps, exec, applied.index ?? 0);
}

/**
 * Rebuilds a transform or pipeline from its JSON form (`aug.toJSON()`, or that text parsed):
 * a `compose` root gives a callable pipeline with the same seed and options, so it produces the
 * same results for the same indices.
 * @param json `{ name, options, transforms? }` (an object, or a JSON string)
 * @returns a `Pipeline` for a compose root, else the transform (typed `any` for convenience: call it when the root is compose)
 * @throws PixaugError `INVALID_PARAMETER` for unknown names or bad options (the factories' checks)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function fromJSON(json: TransformJSON | string): any {
  const op = 'transforms.fromJSON';
  const j = (typeof json === 'string' ? JSON.parse(json) : json) as TransformJSON;
  if (j === null || typeof j !== 'object' || typeof j.name !== 'string') invalid(op, 'json', '{ name, options, transforms? }', json);
  const o = (j.options ?? {}) as Record<string, unknown>;
  const kids = () => {
    if (!Array.isArray(j.transforms)) invalid(op, `${j.name}.transforms`, 'an array', j.transforms);
    return j.transforms!.map((t) => fromJSON(t) as Transform);
  };
  switch (j.name) {
    case 'compose': return compose(kids(), o as ComposeOptions);
    case 'sequential': return sequential(kids(), o as { p?: number });
    case 'oneOf': return oneOf(kids(), o as { p?: number });
    case 'someOf': return someOf(kids(), o.n as number, o as { p?: number });
    case 'randomOrder': return randomOrder(kids(), o as { p?: number });
    default: return factoryOf(j.name)(o);
  }
}

export type { Json, Params, Transform, TransformJSON, LeafTransform, ContainerTransform, Geometry, Size };
