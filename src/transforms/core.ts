// The building blocks of pixaug/transforms: the Transform value, parameter ranges, the registry
// that fromJSON and replay use.

import { invalid } from '../errors.js';
import type { Image } from '../image.js';
import type { Random } from '../random.js';

/** A number, or a `[min, max]` range sampled uniformly (min <= max). */
export type Range = number | readonly [number, number];

/** JSON-compatible values (options and sampled parameters). */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Sampled parameters of one application of a transform (JSON-compatible). */
export type Params = Record<string, Json>;

/** Size of the image flowing through a pipeline. */
export interface Size { width: number; height: number; channels: number; /** Sample type of the image (pixel transforms pick dtype-dependent defaults). */ dtype?: 'uint8' | 'float32' }

/**
 * The forward map of a geometric step: 3x3 row-major matrix in pixel-centre coordinates
 * (source pixel centre (x, y) -> output coordinates), and the output size.
 */
export interface Geometry {
  matrix: number[];
  width: number;
  height: number;
  /**
   * How the image is resampled when this step is fused with others: interpolation order (null for
   * memory moves: flips, quarter turns, crops, pads, which are exact under any interpolation),
   * border mode and fill of the area the step brings in.
   */
  interpolation: 'nearest' | 'bilinear' | 'bicubic' | null;
  border?: 'constant' | 'edge' | 'reflect' | 'symmetric' | 'wrap';
  fill?: number | number[];
  /**
   * A shrinking resize (its own antialiased filter is better than a warp's point sampling):
   * fusion stops here, so the steps before it are fused into one warp and it runs by itself.
   */
  barrier?: boolean;
}

/** A transform that can be applied with given parameters. */
export interface LeafTransform {
  readonly kind: 'leaf';
  /** Registry name, e.g. `'rotate'`. */
  readonly name: string;
  /** Probability of applying, 0..1. */
  readonly p: number;
  /** The validated options as given (JSON-compatible); `fromJSON` rebuilds the transform from them. */
  readonly options: Params;
  /** Moves pixels (and targets): true for flips, rotations, crops, resizes, ... */
  readonly geometric: boolean;
  /** Draws the parameters for an image of `size` from `rng` (after the p draw). */
  sample(rng: Random, size: Size): Params;
  /** Geometric steps: the forward map for these parameters on an image of `size`. */
  geometry?(params: Params, size: Size): Geometry;
  /** Runs on an image. `mask`: a label map (nearest interpolation, constant 0 border; pixel transforms are not called for masks). */
  run(image: Image, params: Params, mask: boolean): Image;
  /** `{ name, options }`: the JSON form. */
  toJSON(): TransformJSON;
}

/** Containers: compose and friends. */
export interface ContainerTransform {
  readonly kind: 'container';
  readonly name: 'compose' | 'sequential' | 'oneOf' | 'someOf' | 'randomOrder';
  readonly p: number;
  readonly options: Params;
  readonly children: readonly Transform[];
  toJSON(): TransformJSON;
}

/** Any transform. */
export type Transform = LeafTransform | ContainerTransform;

/** JSON form of a transform: `{ name, options, transforms? }`. */
export interface TransformJSON {
  name: string;
  options: Params;
  transforms?: TransformJSON[];
}

/** Factory of a registered leaf transform. */
export type LeafFactory = (options?: Record<string, unknown>) => LeafTransform;

const registry = new Map<string, LeafFactory>();

/** Registers a leaf factory under `name` (used by fromJSON / replay). */
export function register(name: string, factory: LeafFactory): void {
  registry.set(name, factory);
}

/** The factory registered under `name`. @throws PixaugError INVALID_PARAMETER for an unknown name */
export function factoryOf(name: string): LeafFactory {
  const f = registry.get(name);
  if (!f) invalid('fromJSON', 'name', `a known transform (${[...registry.keys()].join(', ')})`, name);
  return f as LeafFactory;
}

/** Names of all registered leaf transforms. */
export function registeredNames(): string[] {
  return [...registry.keys()];
}

/** Validates p. */
export function checkP(op: string, p: unknown, def = 1): number {
  if (p === undefined) return def;
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) invalid(op, 'options.p', 'a probability in [0, 1]', p);
  return p as number;
}

/**
 * Validates a range option: a number (fixed, or `[-v, v]` when `symmetric`) or `[min, max]`.
 * @returns [min, max]
 */
export function checkRange(op: string, name: string, v: unknown, def: Range, o: { symmetric?: boolean; min?: number; max?: number; integer?: boolean } = {}): [number, number] {
  if (v === undefined) v = def;
  let r: [number, number];
  if (typeof v === 'number' && Number.isFinite(v)) r = o.symmetric ? [-Math.abs(v), Math.abs(v)] : [v, v];
  else if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number' && Number.isFinite(x)) && v[0] <= v[1]) r = [v[0], v[1]];
  else return invalid(op, `options.${name}`, 'a finite number or [min, max] with min <= max', v);
  const lo = o.min ?? -Infinity, hi = o.max ?? Infinity;
  if (r[0] < lo || r[1] > hi) invalid(op, `options.${name}`, `values in [${lo}, ${hi}]`, v);
  if (o.integer && !(Number.isInteger(r[0]) && Number.isInteger(r[1]))) invalid(op, `options.${name}`, 'integers', v);
  return r;
}

/** Uniform draw in a range (one draw, none for a fixed value). */
export function drawRange(rng: Random, r: readonly [number, number]): number {
  return r[0] === r[1] ? r[0] : r[0] + (r[1] - r[0]) * rng.float();
}

/** Uniform integer in an inclusive integer range (no draw for a fixed value). */
export function drawIntRange(rng: Random, r: readonly [number, number]): number {
  return r[0] === r[1] ? r[0] : rng.int(r[0], r[1]);
}

/** A 53-bit seed for the pixel noise of one application: two draws. */
export function drawSeed(rng: Random): number {
  return (rng.uint32() >>> 11) * 4294967296 + rng.uint32();
}

/** Options object check. */
export function checkOptions(op: string, o: unknown): Record<string, unknown> {
  if (o === undefined) return {};
  if (o === null || typeof o !== 'object' || Array.isArray(o)) invalid(op, 'options', 'an object', o);
  return o as Record<string, unknown>;
}

/** Keeps only JSON-compatible option values (drops undefined). */
export function jsonOptions(o: Record<string, unknown>): Params {
  const r: Params = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) r[k] = JSON.parse(JSON.stringify(v)) as Json;
  return r;
}

/** Definition of a leaf transform (see `defineLeaf`). */
export interface LeafDefinition<C> {
  name: string;
  geometric: boolean;
  /** Validates options; returns the checked configuration used by sample / run. */
  check(o: Record<string, unknown>, op: string): C;
  sample(c: C, rng: Random, size: Size): Params;
  geometry?(c: C, params: Params, size: Size): Geometry;
  run(c: C, image: Image, params: Params, mask: boolean): Image;
}

/**
 * Makes the factory of a leaf transform and registers it. The factory validates options eagerly
 * (errors name `T.<name>`), takes `p` (default 1 unless the definition says otherwise).
 */
export function defineLeaf<C>(def: LeafDefinition<C>, defaultP = 1): LeafFactory {
  const factory: LeafFactory = (options = {}) => {
    const op = `transforms.${def.name}`;
    const o = checkOptions(op, options);
    const p = checkP(op, o.p, defaultP);
    const c = def.check(o, op);
    const json = jsonOptions({ ...o, p });
    const t: LeafTransform = {
      kind: 'leaf',
      name: def.name,
      p,
      options: json,
      geometric: def.geometric,
      sample: (rng, size) => def.sample(c, rng, size),
      geometry: def.geometry ? (params, size) => def.geometry!(c, params, size) : undefined,
      run: (image, params, mask) => def.run(c, image, params, mask),
      toJSON: () => ({ name: def.name, options: json }),
    };
    return t;
  };
  register(def.name, factory);
  return factory;
}
