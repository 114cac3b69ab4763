/**
 * pixaug: image data augmentation with WebAssembly SIMD kernels.
 *
 * ```ts
 * import { init, flip, rot90, rotate } from 'pixaug';
 * await init();
 * const out = rotate(img, 30, { border: 'reflect' });
 * ```
 * Images are `{ width, height, channels, data }`, interleaved HWC, uint8 or float32 (see Image).
 */
export { init, simdSupported, type InitOptions, type EngineInfo, type WasmSource } from './engine.js';
export { PixaugError, type PixaugErrorCode } from './errors.js';
export {
  limits,
  type Image, type ImageLike, type PixelData, type DType, type BorderMode, type Interpolation, type Fill,
} from './image.js';
export { flip, rot90, transpose, crop, pad, type FlipDirection, type Rect, type Padding, type PadOptions } from './ops/geometry.js';
export { Random, philox4x32 } from './random.js';
export { resize, type ResizeOptions, type ResizeInterpolation, type AlphaMode } from './ops/resize.js';
export {
  centerCrop, randomCrop, randomResizedCrop, resizedCrop, sampleCrop, sampleResizedCrop, warpPerspective,
  affine, affineInverse, translate, scale, type Affine, type AffineOptions, type AffineWarpOptions, type TranslateOptions, type ScaleOptions,
  type WarpPerspectiveOptions, type Matrix3,
  type Rng, type CenterCropOptions, type RandomCropOptions, type ResizedCropOptions,
} from './ops/affine.js';
export {
  rotate, warpAffine, rotationMatrix, invertAffine,
  type RotateOptions, type WarpAffineOptions, type AffineMatrix,
} from './ops/warp.js';
export {
  gaussianNoise, uniformNoise, speckleNoise, poissonNoise, saltAndPepper,
  type NoiseOptions, type GaussianNoiseOptions, type UniformNoiseOptions, type SpeckleNoiseOptions,
  type PoissonNoiseOptions, type SaltAndPepperOptions, type SeedOptions,
} from './ops/noise.js';
export {
  brightness, contrast, gamma, grayscale, solarize, posterize, equalize, hueSaturationValue,
  gaussianBlur, sharpen, cutout, cutoutRects,
  type GrayscaleOptions, type HsvOptions, type BlurOptions, type SharpenOptions, type CutoutOptions, type CutoutRect,
} from './ops/color.js';
export * as transforms from './transforms/index.js';
export { toTensor, type TensorOptions, type Tensor } from './tensor.js';
export { augmentBatch, createWorkerPool, type BatchOptions, type WorkerPool, type WorkerPoolOptions } from './batch.js';
