// Pixel noise: gaussianNoise, uniformNoise, speckleNoise, poissonNoise, saltAndPepper.
//
// All noise comes from Philox4x32-10 keyed by (seed, stream) (the key of `new Random(seed,
// stream)`) with the element or pixel index as the counter (assembly/random.ts has the exact
// recipe), so a seed gives the same bytes in the SIMD and scalar builds, in Node and browsers,
// whatever the SIMD width or split of the work. log, sin, cos are pixaug's own float32
// polynomials (assembly/mathf.ts), so even float32 outputs are bit-identical everywhere.
//
// Conventions of every function here:
// - uint8: the noisy value v is computed in float32, the result is floor(v + 0.5) saturated to
//   0..255 (round half up). float32: v as computed, unclipped unless `clip: true` (then [0, 1]).
// - Intensity parameters (sigma, mean, low, high) are in the units of the dtype: 0..255 for
//   uint8, 0..1 (nominal) for float32; every parameter is limited to magnitudes <= 1e6.
// - float32 NaN samples stay NaN (the NaN bit pattern is not specified by WebAssembly).
// - Alpha: for 2-channel (gray + alpha) and 4-channel (RGBA) images the last channel is alpha and
//   is returned unchanged unless `includeAlpha: true`. The colour channels get the same noise
//   either way (alpha's noise values are drawn and discarded).

import { runKernel, type Placed } from '../engine.js';
import type { KernelExports } from '../engine.js';
import { invalid } from '../errors.js';
import { checkImage, type CheckedImage, type Image, type ImageLike } from '../image.js';
import { philoxKey, type SeedOptions } from './seed.js';

export type { SeedOptions } from './seed.js';

// kinds and option bits of the wasm ABI (assembly/noise.ts)
const GAUSSIAN = 0, UNIFORM = 1, SPECKLE = 2, POISSON = 3;
const OPT_KEEP_ALPHA = 1, OPT_PER_PIXEL = 2, OPT_CLIP = 4;

/** Options every noise function takes. */
export interface NoiseOptions extends SeedOptions {
  /** Also add noise to the alpha channel of 2- and 4-channel images. Default false. */
  includeAlpha?: boolean;
  /** float32 only: clamp the result to [0, 1]. Default false (uint8 always saturates to 0..255). */
  clip?: boolean;
}

/** Options of `gaussianNoise`. */
export interface GaussianNoiseOptions extends NoiseOptions {
  /** Standard deviation in intensity units (0..255 uint8, 0..1 float32). Default 0.1 of the range (25.5 / 0.1), skimage's var = 0.01. */
  sigma?: number;
  /** Mean of the noise, intensity units. Default 0. */
  mean?: number;
  /** true (default): each channel gets its own value; false: one value per pixel added to every colour channel (luminance noise). */
  perChannel?: boolean;
}

/** Options of `uniformNoise`. */
export interface UniformNoiseOptions extends NoiseOptions {
  /** Lower bound of the noise, intensity units. Default -0.1 of the range (-25.5 / -0.1). */
  low?: number;
  /** Upper bound (exclusive), intensity units, >= low. Default +0.1 of the range. */
  high?: number;
  /** true (default): independent per channel; false: one value per pixel. */
  perChannel?: boolean;
}

/** Options of `speckleNoise`. */
export interface SpeckleNoiseOptions extends NoiseOptions {
  /** Standard deviation of the multiplicative noise (dimensionless). Default 0.1 (skimage var = 0.01). */
  sigma?: number;
  /** Mean of the multiplicative noise (dimensionless). Default 0. */
  mean?: number;
  /** true (default): independent per channel; false: one value per pixel. */
  perChannel?: boolean;
}

/** Options of `poissonNoise`. */
export interface PoissonNoiseOptions extends NoiseOptions {
  /** Expected photon count of a full-intensity sample (255 uint8, 1.0 float32), in [1e-6, 1e6]. Default 255. Fewer photons = stronger noise. */
  photons?: number;
}

/** Options of `saltAndPepper`. */
export interface SaltAndPepperOptions extends SeedOptions {
  /** Fraction of pixels (or samples with perChannel) replaced, in [0, 1]. Default 0.05 (skimage). */
  amount?: number;
  /** Fraction of the replaced ones that become salt (max value), in [0, 1]; the rest pepper (0). Default 0.5. */
  saltVsPepper?: number;
  /** false (default): whole pixels become white or black; true: each channel decided on its own, as skimage.util.random_noise('s&p'). */
  perChannel?: boolean;
  /** Also replace alpha of 2- and 4-channel images. Default false. */
  includeAlpha?: boolean;
}

function opts(op: string, o: unknown): Record<string, unknown> {
  if (o === undefined) return {};
  if (o === null || typeof o !== 'object') invalid(op, 'options', 'an object', o);
  return o as Record<string, unknown>;
}

/** Largest magnitude of an intensity parameter: keeps every uint8 intermediate finite (no NaN from inf - inf or 0 * inf). */
const MAX_PARAM = 1e6;

function num(op: string, o: Record<string, unknown>, name: string, dflt: number, what = `a number in [-${MAX_PARAM}, ${MAX_PARAM}]`, ok: (v: number) => boolean = () => true): number {
  const v = o[name] ?? dflt;
  if (typeof v !== 'number' || !(Math.abs(v) <= MAX_PARAM) || !ok(v)) invalid(op, `options.${name}`, what, v);
  return v as number;
}

function bool(op: string, o: Record<string, unknown>, name: string, dflt: boolean): boolean {
  const v = o[name] ?? dflt;
  if (typeof v !== 'boolean') invalid(op, `options.${name}`, 'true or false', v);
  return v as boolean;
}

/** Kernel row layout: a dense image is one long row, so the SIMD loops never stop at row ends. */
function rowsOf(src: CheckedImage, s: Placed, d: Placed): [number, number, number, number] {
  const rowLen = src.width * src.channels;
  if (src.stride === rowLen) return [rowLen * src.height, 1, 0, 0];
  return [rowLen, src.height, s.stride, d.stride];
}

function noiseFlags(src: CheckedImage, includeAlpha: boolean, perChannel: boolean, clip: boolean): number {
  const hasAlpha = src.channels === 2 || src.channels === 4;
  return (hasAlpha && !includeAlpha ? OPT_KEEP_ALPHA : 0) | (perChannel ? 0 : OPT_PER_PIXEL) | (clip ? OPT_CLIP : 0);
}

function runNoise(op: string, src: CheckedImage, kind: number, flags: number, a: number, b: number, o: SeedOptions): Image {
  const { k0, k1 } = philoxKey(op, o);
  return runKernel(op, src, src, (k: KernelExports, s, d) => {
    const [rowLen, rows, ss, ds] = rowsOf(src, s, d);
    const f = src.dtype === 'float32' ? k.noiseF32 : k.noiseU8;
    f(s.ptr, d.ptr, rowLen, rows, ss, ds, src.channels, kind, flags, a, b, k0, k1);
  });
}

/**
 * Adds gaussian noise: out = in + (mean + sigma z), z standard normal (Box-Muller), per sample
 * or per pixel. HWC, uint8 or float32, any channels; output has the input's shape and type.
 * uint8 rounds half up and saturates; float32 is unclipped unless `clip`. Alpha (channels 2, 4)
 * untouched unless `includeAlpha`. Same distribution as skimage.util.random_noise(mode='gaussian')
 * (which works on [0, 1] floats: sigma = sqrt(var) there, x255 here for uint8), not its values:
 * pixaug's values are defined by its own generator, identical in both builds.
 * @param img image (or ImageData)
 * @param options `{ sigma = 0.1 range, mean = 0, perChannel = true, includeAlpha = false, clip = false, seed, stream = 0 }`
 * @returns a new image
 * @throws PixaugError `INVALID_PARAMETER` (negative or non-finite sigma, non-finite mean, bad seed or stream), `INVALID_IMAGE`, `TOO_LARGE`
 * @example const noisy = gaussianNoise(img, { sigma: 12, seed: 42 });
 */
export function gaussianNoise(img: ImageLike, options?: GaussianNoiseOptions): Image {
  const op = 'gaussianNoise';
  const src = checkImage(op, img);
  const o = opts(op, options);
  const range = src.dtype === 'uint8' ? 255 : 1;
  const sigma = num(op, o, 'sigma', 0.1 * range, `a number in [0, ${MAX_PARAM}]`, (v) => v >= 0);
  const mean = num(op, o, 'mean', 0);
  const flags = noiseFlags(src, bool(op, o, 'includeAlpha', false), bool(op, o, 'perChannel', true), bool(op, o, 'clip', false));
  return runNoise(op, src, GAUSSIAN, flags, mean, sigma, o as SeedOptions);
}

/**
 * Adds uniform noise: out = in + (low + (high - low) u), u uniform in [0, 1) with 24 random
 * bits. Layout, rounding, alpha and seeding as `gaussianNoise`.
 * @param options `{ low = -0.1 range, high = 0.1 range, perChannel = true, includeAlpha = false, clip = false, seed, stream = 0 }`
 * @returns a new image
 * @throws PixaugError `INVALID_PARAMETER` (non-finite bounds, high < low, bad seed), `INVALID_IMAGE`, `TOO_LARGE`
 * @example const noisy = uniformNoise(img, { low: -20, high: 20, seed: 1 });
 */
export function uniformNoise(img: ImageLike, options?: UniformNoiseOptions): Image {
  const op = 'uniformNoise';
  const src = checkImage(op, img);
  const o = opts(op, options);
  const range = src.dtype === 'uint8' ? 255 : 1;
  const low = num(op, o, 'low', -0.1 * range);
  const high = num(op, o, 'high', 0.1 * range, `a number >= low (${low}) and <= ${MAX_PARAM}`, (v) => v >= low);
  const flags = noiseFlags(src, bool(op, o, 'includeAlpha', false), bool(op, o, 'perChannel', true), bool(op, o, 'clip', false));
  return runNoise(op, src, UNIFORM, flags, low, high - low, o as SeedOptions);
}

/**
 * Multiplicative (speckle) noise: out = in + in (mean + sigma z), z standard normal; as
 * skimage.util.random_noise(mode='speckle') (same formula; its var = sigma^2). Layout, rounding,
 * alpha and seeding as `gaussianNoise`.
 * @param options `{ sigma = 0.1, mean = 0, perChannel = true, includeAlpha = false, clip = false, seed, stream = 0 }`
 * @returns a new image
 * @throws PixaugError `INVALID_PARAMETER`, `INVALID_IMAGE`, `TOO_LARGE`
 * @example const noisy = speckleNoise(img, { sigma: 0.2, seed: 3 });
 */
export function speckleNoise(img: ImageLike, options?: SpeckleNoiseOptions): Image {
  const op = 'speckleNoise';
  const src = checkImage(op, img);
  const o = opts(op, options);
  const sigma = num(op, o, 'sigma', 0.1, `a number in [0, ${MAX_PARAM}]`, (v) => v >= 0);
  const mean = num(op, o, 'mean', 0);
  const flags = noiseFlags(src, bool(op, o, 'includeAlpha', false), bool(op, o, 'perChannel', true), bool(op, o, 'clip', false));
  return runNoise(op, src, SPECKLE, flags, mean, sigma, o as SeedOptions);
}

/**
 * Shot noise: each sample x (x / 255 for uint8) becomes K / photons with K ~ Poisson(max(x, 0)
 * photons), so the mean is kept and the variance is x / photons (in units of full intensity):
 * fewer photons, stronger noise. Like skimage.util.random_noise(mode='poisson'), which uses
 * photons = the number of distinct values rounded up to a power of two. K is drawn exactly by
 * inversion of the CDF (float32 running sums, one uniform) for means below 64 and by the normal
 * approximation max(0, floor(lam + sqrt(lam) z + 1/2)) at 64 and above (the CDF differs from
 * the exact one by at most 0.0083, at lam = 64). Always per sample. Rounding, alpha, seeding as
 * `gaussianNoise`.
 * @param options `{ photons = 255, includeAlpha = false, clip = false, seed, stream = 0 }`
 * @returns a new image
 * @throws PixaugError `INVALID_PARAMETER` (photons outside [1e-6, 1e6]), `INVALID_IMAGE`, `TOO_LARGE`
 * @example const noisy = poissonNoise(img, { photons: 30, seed: 5 });
 */
export function poissonNoise(img: ImageLike, options?: PoissonNoiseOptions): Image {
  const op = 'poissonNoise';
  const src = checkImage(op, img);
  const o = opts(op, options);
  const photons = num(op, o, 'photons', 255, `a number in [1e-6, ${MAX_PARAM}]`, (v) => v >= 1e-6);
  const a = Math.fround(src.dtype === 'uint8' ? photons / 255 : photons);
  const flags = noiseFlags(src, bool(op, o, 'includeAlpha', false), true, bool(op, o, 'clip', false));
  return runNoise(op, src, POISSON, flags, a, Math.fround(1 / a), o as SeedOptions);
}

/**
 * Salt and pepper: a fraction `amount` of the pixels (of the samples with `perChannel: true`)
 * is replaced, each by salt (255 uint8, 1.0 float32) with probability `saltVsPepper`, else by
 * pepper (0). Decided independently per pixel (per sample) with one 24-bit uniform m:
 * salt when m < ceil(amount saltVsPepper 2^24), pepper when below ceil(amount 2^24). With
 * `perChannel: true` this is the distribution of skimage.util.random_noise(mode='s&p', amount,
 * salt_vs_pepper). Alpha (channels 2, 4) untouched unless `includeAlpha`.
 * @param options `{ amount = 0.05, saltVsPepper = 0.5, perChannel = false, includeAlpha = false, seed, stream = 0 }`
 * @returns a new image
 * @throws PixaugError `INVALID_PARAMETER` (amount or saltVsPepper outside [0, 1], bad seed), `INVALID_IMAGE`, `TOO_LARGE`
 * @example const dotted = saltAndPepper(img, { amount: 0.02, seed: 9 });
 */
export function saltAndPepper(img: ImageLike, options?: SaltAndPepperOptions): Image {
  const op = 'saltAndPepper';
  const src = checkImage(op, img);
  const o = opts(op, options);
  const amount = num(op, o, 'amount', 0.05, 'a number in [0, 1]', (v) => v >= 0 && v <= 1);
  const svp = num(op, o, 'saltVsPepper', 0.5, 'a number in [0, 1]', (v) => v >= 0 && v <= 1);
  const flags = noiseFlags(src, bool(op, o, 'includeAlpha', false), bool(op, o, 'perChannel', false), false);
  const tFlip = Math.ceil(amount * 16777216);
  const tSalt = Math.min(Math.ceil(amount * svp * 16777216), tFlip);
  const { k0, k1 } = philoxKey(op, o as SeedOptions);
  return runKernel(op, src, src, (k, s, d) => {
    const [rowLen, rows, ss, ds] = rowsOf(src, s, d);
    if (src.dtype === 'float32') k.saltPepperF32(s.ptr, d.ptr, rowLen, rows, ss, ds, src.channels, flags, tSalt, tFlip, 1, 0, k0, k1);
    else k.saltPepperU8(s.ptr, d.ptr, rowLen, rows, ss, ds, src.channels, flags, tSalt, tFlip, 255, 0, k0, k1);
  });
}
