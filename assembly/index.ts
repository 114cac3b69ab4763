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
export { warpAffineU8, warpAffineF32 } from './warp';
