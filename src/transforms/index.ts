/**
 * pixaug/transforms: random augmentation pipelines (albumentations / torchvision v2 style).
 *
 * ```ts
 * import { transforms as T } from 'pixaug';   // or: import * as T from 'pixaug/transforms'
 * const aug = T.compose([
 *   T.horizontalFlip({ p: 0.5 }),
 *   T.rotate({ limit: [-15, 15], border: 'reflect', p: 0.8 }),
 *   T.randomResizedCrop({ width: 224, height: 224, scale: [0.5, 1] }),
 *   T.oneOf([T.gaussianNoise({ sigma: [2, 10] }), T.saltAndPepper({ amount: [0.01, 0.05] })], { p: 0.3 }),
 * ], { seed: 42, boxFormat: 'pascal_voc' });
 * const out = aug({ image, boxes, labels, keypoints, mask }, { index: i });
 * T.replay(out.applied, { image, boxes, labels });   // the same result again
 * T.fromJSON(aug.toJSON());                          // the same pipeline
 * ```
 * Factories share their names with the functional operations of 'pixaug' (`rotate(img, 30)`
 * applies one rotation; `T.rotate({ limit })` is a random transform), hence the namespace.
 */
export {
  horizontalFlip, verticalFlip, randomRotate90, transpose, rotate, affine, shift, scale, perspective, resize,
  cropT as crop, centerCrop, randomCrop, randomResizedCrop, padT as pad, homography,
} from './geometric.js';
export {
  gaussianNoise, uniformNoise, speckleNoise, poissonNoise, saltAndPepper, brightness, contrast, gamma, grayscale,
  solarize, posterize, equalize, hueSaturationValue, gaussianBlur, sharpen, cutout,
} from './pixel.js';
export {
  compose, sequential, oneOf, someOf, randomOrder, replay, fromJSON, streamOf, MAX_NODES,
  type Sample, type AugmentResult, type Applied, type AppliedStep, type ComposeOptions, type CallOptions, type Pipeline,
} from '../pipeline.js';
export {
  registeredNames, type Range, type Params, type Json, type Transform, type LeafTransform, type ContainerTransform,
  type TransformJSON, type Geometry, type Size,
} from './core.js';
export type { BoxFormat, BoxOptions, BoxRotateMethod } from '../targets.js';
