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
export { init, simdSupported, type InitOptions, type EngineInfo } from './engine.js';
export { PixaugError, type PixaugErrorCode } from './errors.js';
export {
  limits,
  type Image, type ImageLike, type PixelData, type DType, type BorderMode, type Interpolation, type Fill,
} from './image.js';
export { flip, rot90, transpose, crop, pad, type FlipDirection, type Rect, type Padding, type PadOptions } from './ops/geometry.js';
export {
  rotate, warpAffine, rotationMatrix, invertAffine,
  type RotateOptions, type WarpAffineOptions, type AffineMatrix,
} from './ops/warp.js';
