// Pixel (photometric and noise) transforms: they change values, never positions, so boxes,
// keypoints and masks pass through unchanged. Ranges are drawn uniformly; the random pixels of
// the noise transforms use a seed drawn from the transform's stream (recorded in the parameters,
// so replay gives the same bytes).

import { invalid } from '../errors.js';
import type { Image } from '../image.js';
import {
  brightness as brightnessOp, contrast as contrastOp, cutout as cutoutOp, equalize as equalizeOp, gamma as gammaOp,
  gaussianBlur as blurOp, grayscale as grayOp, hueSaturationValue as hsvOp, posterize as posterizeOp,
  sharpen as sharpenOp, solarize as solarizeOp,
} from '../ops/color.js';
import {
  gaussianNoise as gaussianOp, poissonNoise as poissonOp, saltAndPepper as saltOp, speckleNoise as speckleOp,
  uniformNoise as uniformOp,
} from '../ops/noise.js';
import { checkRange, defineLeaf, drawIntRange, drawRange, drawSeed, type Size } from './core.js';

const bool = (o: Record<string, unknown>, k: string, op: string, def: boolean): boolean => {
  const v = o[k] ?? def;
  if (typeof v !== 'boolean') invalid(op, `options.${k}`, 'true or false', v);
  return v as boolean;
};

const isU8 = (img: Image) => !(img.data instanceof Float32Array);

/** An intensity range option: given, or a default in uint8 units scaled by 1/255 for float32 images. */
function intensity(o: Record<string, unknown>, k: string, op: string, def: [number, number]): [number, number] | null {
  return o[k] === undefined ? null : checkRange(op, k, o[k], def, { min: 0 });
}
const byDtype = (r: [number, number] | null, def: [number, number], s: Size): [number, number] =>
  r ?? (s.dtype === 'float32' ? [def[0] / 255, def[1] / 255] : def);

/**
 * Adds gaussian noise (albumentations `GaussNoise`, skimage `random_noise('gaussian')`) with
 * sigma drawn from `sigma` in intensity units (0..255 for uint8, 0..1 for float32: give the
 * range for your dtype; the default is [5, 25] levels for uint8 and [5/255, 25/255] for float32).
 * See the `gaussianNoise` operation.
 * @param options `{ sigma = [5, 25] levels, mean = 0, perChannel = true, p = 1 }`
 */
export const gaussianNoise = defineLeaf({
  name: 'gaussianNoise', geometric: false,
  check: (o, op) => ({ sigma: intensity(o, 'sigma', op, [5, 25]), mean: checkRange(op, 'mean', o.mean, 0), perChannel: bool(o, 'perChannel', op, true) }),
  sample: (c, rng, s) => ({ sigma: drawRange(rng, byDtype(c.sigma, [5, 25], s)), mean: drawRange(rng, c.mean), seed: drawSeed(rng) }),
  run: (c, img, p) => gaussianOp(img, { sigma: p.sigma as number, mean: p.mean as number, perChannel: c.perChannel, seed: p.seed as number }),
});

/**
 * Adds uniform noise in [-a, a), a drawn from `amount` (intensity units; default [5, 25] levels
 * for uint8, [5/255, 25/255] for float32). See `uniformNoise`.
 * @param options `{ amount = [5, 25] levels, perChannel = true, p = 1 }`
 */
export const uniformNoise = defineLeaf({
  name: 'uniformNoise', geometric: false,
  check: (o, op) => ({ amount: intensity(o, 'amount', op, [5, 25]), perChannel: bool(o, 'perChannel', op, true) }),
  sample: (c, rng, s) => ({ amount: drawRange(rng, byDtype(c.amount, [5, 25], s)), seed: drawSeed(rng) }),
  run: (c, img, p) => uniformOp(img, { low: -(p.amount as number), high: p.amount as number, perChannel: c.perChannel, seed: p.seed as number }),
});

/**
 * Multiplicative noise out = in (1 + n), n ~ N(0, sigma), sigma from `sigma` (skimage `speckle`). See `speckleNoise`.
 * @param options `{ sigma = [0.05, 0.15], p = 1 }`
 */
export const speckleNoise = defineLeaf({
  name: 'speckleNoise', geometric: false,
  check: (o, op) => ({ sigma: checkRange(op, 'sigma', o.sigma, [0.05, 0.15], { min: 0 }) }),
  sample: (c, rng) => ({ sigma: drawRange(rng, c.sigma), seed: drawSeed(rng) }),
  run: (_c, img, p) => speckleOp(img, { sigma: p.sigma as number, seed: p.seed as number }),
});

/**
 * Shot noise with `photons` (expected count at full intensity) drawn from the range (fewer = noisier). See `poissonNoise`.
 * @param options `{ photons = [30, 255], p = 1 }`
 */
export const poissonNoise = defineLeaf({
  name: 'poissonNoise', geometric: false,
  check: (o, op) => ({ photons: checkRange(op, 'photons', o.photons, [30, 255], { min: 1e-6, max: 1e6 }) }),
  sample: (c, rng) => ({ photons: drawRange(rng, c.photons), seed: drawSeed(rng) }),
  run: (_c, img, p) => poissonOp(img, { photons: p.photons as number, seed: p.seed as number }),
});

/**
 * Salt and pepper: a fraction drawn from `amount` of the pixels set to white or black
 * (albumentations `SaltAndPepper`, skimage `random_noise('s&p')`). See `saltAndPepper`.
 * @param options `{ amount = [0.01, 0.06], saltVsPepper = 0.5, perChannel = false, p = 1 }`
 */
export const saltAndPepper = defineLeaf({
  name: 'saltAndPepper', geometric: false,
  check: (o, op) => ({
    amount: checkRange(op, 'amount', o.amount, [0.01, 0.06], { min: 0, max: 1 }),
    saltVsPepper: checkRange(op, 'saltVsPepper', o.saltVsPepper, 0.5, { min: 0, max: 1 }),
    perChannel: bool(o, 'perChannel', op, false),
  }),
  sample: (c, rng) => ({ amount: drawRange(rng, c.amount), saltVsPepper: drawRange(rng, c.saltVsPepper), seed: drawSeed(rng) }),
  run: (c, img, p) => saltOp(img, { amount: p.amount as number, saltVsPepper: p.saltVsPepper as number, perChannel: c.perChannel, seed: p.seed as number }),
});

/**
 * Multiplies intensities by a factor from `factor` (torchvision `ColorJitter(brightness)`,
 * `adjust_brightness`). See `brightness`.
 * @param options `{ factor = [0.8, 1.2], p = 1 }`
 */
export const brightness = defineLeaf({
  name: 'brightness', geometric: false,
  check: (o, op) => ({ factor: checkRange(op, 'factor', o.factor, [0.8, 1.2], { min: 0 }) }),
  sample: (c, rng) => ({ factor: drawRange(rng, c.factor) }),
  run: (_c, img, p) => brightnessOp(img, p.factor as number, { clip: !isU8(img) }),
});

/**
 * Contrast about the mean luma by a factor from `factor` (torchvision `adjust_contrast`). See `contrast`.
 * @param options `{ factor = [0.8, 1.2], p = 1 }`
 */
export const contrast = defineLeaf({
  name: 'contrast', geometric: false,
  check: (o, op) => ({ factor: checkRange(op, 'factor', o.factor, [0.8, 1.2], { min: 0 }) }),
  sample: (c, rng) => ({ factor: drawRange(rng, c.factor) }),
  run: (_c, img, p) => contrastOp(img, p.factor as number, { clip: !isU8(img) }),
});

/**
 * Gamma correction out = in^gamma, gamma from `gamma` (albumentations `RandomGamma` with gamma
 * given directly, not x100). See `gamma`.
 * @param options `{ gamma = [0.8, 1.2], p = 1 }`
 */
export const gamma = defineLeaf({
  name: 'gamma', geometric: false,
  check: (o, op) => ({ gamma: checkRange(op, 'gamma', o.gamma, [0.8, 1.2], { min: 1e-6 }) }),
  sample: (c, rng) => ({ gamma: drawRange(rng, c.gamma) }),
  run: (_c, img, p) => gammaOp(img, p.gamma as number),
});

/**
 * BT.601 grayscale keeping the channel count (albumentations `ToGray`, torchvision
 * `RandomGrayscale`; default p = 0.1 as torchvision). Needs 3+ channels. See `grayscale`.
 * @param options `{ p = 0.1 }`
 */
export const grayscale = defineLeaf({
  name: 'grayscale', geometric: false,
  check: () => null,
  sample: () => ({}),
  run: (_c, img) => grayOp(img, { keepChannels: true }),
}, 0.1);

/**
 * Inverts intensities above a threshold drawn from `threshold` (uint8 levels, rounded; float32
 * 0..1) (torchvision `RandomSolarize`, albumentations `Solarize`). Default 128 for uint8, 0.5 for
 * float32. See `solarize`.
 * @param options `{ threshold = 128 | 0.5, p = 1 }`
 */
export const solarize = defineLeaf({
  name: 'solarize', geometric: false,
  check: (o, op) => ({ threshold: intensity(o, 'threshold', op, [128, 128]) }),
  sample: (c, rng, s) => ({ threshold: drawRange(rng, c.threshold ?? (s.dtype === 'float32' ? [0.5, 0.5] : [128, 128])) }),
  run: (_c, img, p) => solarizeOp(img, isU8(img) ? Math.round(p.threshold as number) : (p.threshold as number)),
});

/**
 * Keeps `bits` bits per sample (uint8), bits an integer drawn from `bits` (torchvision
 * `RandomPosterize`, albumentations `Posterize`). See `posterize`.
 * @param options `{ bits = [4, 8], p = 1 }`
 */
export const posterize = defineLeaf({
  name: 'posterize', geometric: false,
  check: (o, op) => ({ bits: checkRange(op, 'bits', o.bits, [4, 8], { min: 1, max: 8, integer: true }) }),
  sample: (c, rng) => ({ bits: drawIntRange(rng, c.bits) }),
  run: (_c, img, p) => posterizeOp(img, p.bits as number),
});

/**
 * Histogram equalisation of uint8 images (torchvision `RandomEqualize`, albumentations `Equalize`). See `equalize`.
 * @param options `{ p = 1 }`
 */
export const equalize = defineLeaf({
  name: 'equalize', geometric: false,
  check: () => null,
  sample: () => ({}),
  run: (_c, img) => equalizeOp(img),
});

/**
 * Shifts hue (degrees), saturation and value (on the 0..1 scale) by amounts drawn from the
 * ranges (albumentations `HueSaturationValue`, with hue in degrees and S, V on 0..1 instead of
 * OpenCV's 0..180 / 0..255 units). See `hueSaturationValue`.
 * @param options `{ hue = 20, saturation = 0.1, value = 0.1 (L means [-L, L]), p = 1 }`
 */
export const hueSaturationValue = defineLeaf({
  name: 'hueSaturationValue', geometric: false,
  check: (o, op) => ({
    hue: checkRange(op, 'hue', o.hue, 20, { symmetric: true }),
    saturation: checkRange(op, 'saturation', o.saturation, 0.1, { symmetric: true }),
    value: checkRange(op, 'value', o.value, 0.1, { symmetric: true }),
  }),
  sample: (c, rng) => ({ hue: drawRange(rng, c.hue), saturation: drawRange(rng, c.saturation), value: drawRange(rng, c.value) }),
  run: (_c, img, p) => hsvOp(img, { hue: p.hue as number, saturation: p.saturation as number, value: p.value as number }),
});

/**
 * Gaussian blur with sigma (pixels) drawn from `sigma` (torchvision `GaussianBlur(sigma=(min, max))`,
 * kernel size as cv2.GaussianBlur with ksize 0). See `gaussianBlur`.
 * @param options `{ sigma = [0.1, 2], p = 1 }`
 */
export const gaussianBlur = defineLeaf({
  name: 'gaussianBlur', geometric: false,
  check: (o, op) => ({ sigma: checkRange(op, 'sigma', o.sigma, [0.1, 2], { min: 1e-3, max: 1000 }) }),
  sample: (c, rng) => ({ sigma: drawRange(rng, c.sigma) }),
  run: (_c, img, p) => blurOp(img, p.sigma as number),
});

/**
 * Unsharp masking with `amount` drawn from its range (albumentations `Sharpen`-like). See `sharpen`.
 * @param options `{ amount = [0.2, 1], sigma = 1, p = 1 }`
 */
export const sharpen = defineLeaf({
  name: 'sharpen', geometric: false,
  check: (o, op) => ({ amount: checkRange(op, 'amount', o.amount, [0.2, 1], { min: 0 }), sigma: checkRange(op, 'sigma', o.sigma, 1, { min: 1e-3 }) }),
  sample: (c, rng) => ({ amount: drawRange(rng, c.amount), sigma: drawRange(rng, c.sigma) }),
  run: (_c, img, p) => sharpenOp(img, { amount: p.amount as number, sigma: p.sigma as number, clip: !isU8(img) }),
});

/**
 * Fills `holes` random rectangles (albumentations `CoarseDropout`, DeVries & Taylor 2017
 * "Cutout"); positions from a seed drawn from the transform's stream. Masks are not changed.
 * See `cutout`.
 * @param options `{ holes = 1, size = 0.25, fill = 0 (or 'noise'), p = 1 }`
 */
export const cutout = defineLeaf({
  name: 'cutout', geometric: false,
  check: (o, op) => ({ holes: checkRange(op, 'holes', o.holes, 1, { min: 0, integer: true }), size: (o.size ?? 0.25) as number | [number, number], fill: (o.fill ?? 0) as number | number[] | 'noise' }),
  sample: (c, rng) => ({ holes: drawIntRange(rng, c.holes), seed: drawSeed(rng) }),
  run: (c, img, p) => cutoutOp(img, { holes: p.holes as number, size: c.size, fill: c.fill, seed: p.seed as number }),
});
