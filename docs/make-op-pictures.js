// Writes the README pictures of the geometry, noise and photometric ops (docs/img/ops/*.jpg)
// from a real photo, with pixaug itself: `npm run docs:pictures`. Deterministic (fixed seeds).
// Each picture is a strip of 160x160 panels; the README caption names them left to right.
import {
  init, resize, crop, flip, rot90, transpose, rotate, pad,
  gaussianNoise, saltAndPepper, poissonNoise, speckleNoise,
  brightness, contrast, gamma, grayscale, hueSaturationValue, gaussianBlur, sharpen, equalize, posterize, solarize, cutout,
} from '../dist/index.js';
import { P, loadPhoto, strip as stripIn, fit } from './lib.js';

const strip = (name, panels) => stripIn('ops', name, panels);

await init();
const photo = loadPhoto();
// a non-square 160x120 view, so flips / rot90 / transpose are told apart
const view = resize(crop(photo, { x: 96, y: 40, width: 320, height: 240 }), { width: P, height: 120 });
const base = resize(photo, { width: P, height: P, interpolation: 'lanczos3' });
const face = resize(crop(photo, { x: 128, y: 32, width: 256, height: 256 }), { width: P, height: P });

// geometry: original | flip horizontal | flip vertical | rot90 k=1 | rot90 k=-1 | transpose
strip('geometry', await Promise.all([
  fit(view), fit(flip(view, 'horizontal')), fit(flip(view, 'vertical')),
  fit(rot90(view, 1)), fit(rot90(view, -1)), fit(transpose(view)),
]));

// rotate 30 degrees: constant | edge | reflect | symmetric | wrap | bicubic expand
strip('rotate', await Promise.all([
  rotate(base, 30), rotate(base, 30, { border: 'edge' }), rotate(base, 30, { border: 'reflect' }),
  rotate(base, 30, { border: 'symmetric' }), rotate(base, 30, { border: 'wrap' }),
  fit(rotate(base, 30, { expand: true, interpolation: 'bicubic', fill: [200, 200, 200] })),
]));

// pad 40 px on every side of a 80x80 crop: constant (fill) | edge | reflect | symmetric | wrap
const small = resize(base, { width: 80, height: 80 });
strip('pad', ['constant', 'edge', 'reflect', 'symmetric', 'wrap'].map((border) => pad(small, 40, { border, fill: [40, 90, 160] })));

// noise: gaussian sigma 25 | gaussian sigma 25 luminance (perChannel false) | salt & pepper 5% | poisson (photons 20) | speckle 0.3
strip('noise', [
  gaussianNoise(face, { sigma: 25, seed: 1 }),
  gaussianNoise(face, { sigma: 25, perChannel: false, seed: 1 }),
  saltAndPepper(face, { amount: 0.05, seed: 1 }),
  poissonNoise(face, { photons: 20, seed: 1 }),
  speckleNoise(face, { sigma: 0.3, seed: 1 }),
]);

// photometric: brightness 1.4 | contrast 1.8 | gamma 2 | grayscale | hue +90 | blur sigma 3 | sharpen | equalize | posterize 3 | solarize | cutout
strip('color', [
  brightness(face, 1.4), contrast(face, 1.8), gamma(face, 2.0),
  grayscale(face, { keepChannels: true }),
  hueSaturationValue(face, { hue: 90 }), gaussianBlur(face, 3), sharpen(face, { amount: 2 }),
]);
strip('color2', [
  equalize(face), posterize(face, 3), solarize(face), cutout(face, { holes: 3, size: 40, seed: 2 }),
]);
