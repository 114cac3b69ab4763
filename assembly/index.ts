// The wasm ABI of pixaug. Every export takes pointers, sizes and numbers only; no managed object
// crosses the boundary. Each kernel's doc comment states what its caller guarantees.
// src/kernels.ts documents the same list for users of `pixaug/kernels`.

export { alloc, free } from './memory';
export { borderIndex } from './border';
export { flipH, copyRows, transpose, extract } from './flip';

/** 1 when this module was compiled with WebAssembly SIMD (the pixaug.simd.wasm build), else 0. */
export function simdBuild(): i32 {
  return ASC_FEATURE_SIMD ? 1 : 0;
}
export { toRGB8 } from './compose';
export {
  resampleH8, resampleV8, resampleV32, resampleHF, resampleVF, resizeNearest,
  premultiplyU8, unpremultiplyU8, premultiplyF32,
} from './resample';
export { warpPerspectiveU8, warpPerspectiveF32 } from './perspective';
export { warpAffineU8, warpAffineF32 } from './warp';
export { philox4x32, fillNormal, fillUniform, fillWords } from './random';
export { noiseU8, noiseF32, saltPepperU8, saltPepperF32 } from './noise';
export { lutU8, affineF32, gammaF32, solarizeF32, grayU8, grayF32, histogramU8, lumaSumU8, lumaSumF32, hsvShiftU8, hsvShiftF32, fillRect } from './color';
export { blurSeparable } from './blur';
export { toTensor } from './tensor';
export { box2xU8 } from './resample';
