// Separable gaussian blur and unsharp-mask sharpening, float32 arithmetic for both dtypes.
//
//   pass 1 (rows):    for each source row, an extended row ext = border-mapped samples
//                     x = -r .. w-1+r (left border span | interior copy | right border span, so
//                     the interior has no per-pixel branch), then h[j] = sum_k K[k] ext[j + k c]
//   pass 2 (columns): out[y][j] = sum_k K[k] h[row(y + k - r)][j], rows mapped by the border
//                     mode once per output row (a table of row pointers; constant borders point
//                     at a "fill row", pass 1 applied to a row of fill values)
// Sums run over k = 0 .. ks-1 in that order in every lane and in the scalar tail, so both builds
// give the same bits. uint8 results: floor(v + 0.5) saturated; sharpen: v = p + amount (p - blur).
// Border modes and their pictures: border.ts (numpy.pad semantics at any distance).

import { borderIndex, BORDER_CONSTANT } from './border';

// @ts-ignore: decorator
@inline
function toU8(v: f32): u8 {
  const i = <i32>Mathf.floor(v + <f32>0.5);
  return <u8>(i < 0 ? 0 : i > 255 ? 255 : i);
}

/** 4 uint8 results of an f32x4 as toU8 (floor, clamp with pmax/pmin, magic-number convert), as one u32. */
// @ts-ignore: decorator
@inline
function packU8x4(v: v128): u32 {
  const y = f32x4.pmin(f32x4.pmax(f32x4.floor(f32x4.add(v, f32x4.splat(0.5))), f32x4.splat(0.0)), f32x4.splat(255.0));
  const i = i32x4.sub(f32x4.add(y, f32x4.splat(8388608.0)), i32x4.splat(0x4b000000));
  const b = i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(i, i), i16x8.narrow_i32x4_s(i, i));
  return i32x4.extract_lane(b, 0);
}

/** 4 samples at p as f32x4 (uint8 widened or float32 loaded). */
// @ts-ignore: decorator
@inline
function load4(p: usize, isF32: bool): v128 {
  if (isF32) return v128.load(p);
  return f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(p))));
}

/** Sample j of a row as float32. */
// @ts-ignore: decorator
@inline
function sample(row: usize, j: i32, isF32: bool): f32 {
  return isF32 ? load<f32>(row + (<usize>j << 2)) : <f32>load<u8>(row + <usize>j);
}

/** The extended row: pixels x = -r .. w-1+r of source row s (float32), border-mapped. */
function buildExt(s: usize, ext: usize, w: i32, c: i32, r: i32, mode: i32, fill: usize, isF32: bool): void {
  const n = w + 2 * r;
  // interior: ext pixel xe = x + r for x in [0, w)
  const inner = ext + (<usize>(r * c) << 2);
  const m = w * c;
  if (isF32) memory.copy(inner, s, <usize>m << 2);
  else for (let j = 0; j < m; j++) store<f32>(inner + (<usize>j << 2), <f32>load<u8>(s + <usize>j));
  // border spans: xe in [0, r) and [r + w, n)
  for (let xe = 0; xe < n; xe++) {
    if (xe == r) { xe = r + w - 1; continue; }
    const sx = borderIndex(xe - r, w, mode);
    const d = ext + (<usize>(xe * c) << 2);
    for (let k = 0; k < c; k++) {
      store<f32>(d + (<usize>k << 2), sx < 0 ? load<f32>(fill + (<usize>k << 2)) : sample(s, sx * c + k, isF32));
    }
  }
}

/** h[j] = sum_k K[k] ext[j + k c] for j < m (float32, k ascending). */
function convRow(ext: usize, h: usize, m: i32, c: i32, K: usize, ks: i32): void {
  let j = 0;
  const step = <usize>(c << 2);
  if (ASC_FEATURE_SIMD) {
    for (; j + 8 <= m; j += 8) {
      let p = ext + (<usize>j << 2);
      let k0 = f32x4.splat(load<f32>(K));
      let a0 = f32x4.mul(k0, v128.load(p));
      let a1 = f32x4.mul(k0, v128.load(p, 16));
      for (let k = 1; k < ks; k++) {
        p += step;
        const kk = f32x4.splat(load<f32>(K + (<usize>k << 2)));
        a0 = f32x4.add(a0, f32x4.mul(kk, v128.load(p)));
        a1 = f32x4.add(a1, f32x4.mul(kk, v128.load(p, 16)));
      }
      v128.store(h + (<usize>j << 2), a0);
      v128.store(h + (<usize>j << 2), a1, 16);
    }
  }
  for (; j < m; j++) {
    let p = ext + (<usize>j << 2);
    let a = load<f32>(K) * load<f32>(p);
    for (let k = 1; k < ks; k++) {
      p += step;
      a += load<f32>(K + (<usize>k << 2)) * load<f32>(p);
    }
    store<f32>(h + (<usize>j << 2), a);
  }
}

/**
 * Separable gaussian blur (sharpen == 0) or unsharp mask (sharpen != 0: p + amount (p - blur))
 * of a w x h x c image, uint8 (isF32 == 0) or float32, with the ks-tap kernel K (float32, ks odd,
 * centre at (ks - 1) / 2) and border `mode` (fill values: c float32 at fillPtr, for CONSTANT).
 * tmp: float32 scratch of w h c + (w + ks - 1) c + w c values plus ks row pointers.
 * Caller guarantees: w, h, c >= 1; ks odd >= 1; strides in bytes; no overlap; tmp as above.
 */
export function blurSeparable(src: usize, dst: usize, w: i32, h: i32, c: i32, srcStride: i32, dstStride: i32, isF32: i32,
  K: usize, ks: i32, mode: i32, fillPtr: usize, tmp: usize, sharpen: i32, amount: f32): void {
  const f32 = isF32 != 0;
  const r = (ks - 1) >> 1;
  const m = w * c;
  const ext = tmp + (<usize>(m * h) << 2);
  const fillRow = ext + (<usize>((w + 2 * r) * c) << 2);
  const rowPtrs = fillRow + (<usize>m << 2);
  // pass 1: rows
  for (let y = 0; y < h; y++) {
    buildExt(src + <usize>(y * srcStride), ext, w, c, r, mode, fillPtr, f32);
    convRow(ext, tmp + (<usize>(y * m) << 2), m, c, K, ks);
  }
  if (mode == BORDER_CONSTANT) {
    const n = (w + 2 * r) * c;
    for (let j = 0; j < n; j++) store<f32>(ext + (<usize>j << 2), load<f32>(fillPtr + (<usize>(j % c) << 2)));
    convRow(ext, fillRow, m, c, K, ks);
  }
  // pass 2: columns
  const doSharpen = sharpen != 0;
  for (let y = 0; y < h; y++) {
    for (let k = 0; k < ks; k++) {
      const ry = borderIndex(y + k - r, h, mode);
      store<u32>(rowPtrs + (<usize>k << 2), ry < 0 ? <u32>fillRow : <u32>(tmp + (<usize>(ry * m) << 2)));
    }
    const s = src + <usize>(y * srcStride);
    const d = dst + <usize>(y * dstStride);
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      const va = f32x4.splat(amount);
      for (; j + 4 <= m; j += 4) {
        const o = <usize>j << 2;
        let acc = f32x4.mul(f32x4.splat(load<f32>(K)), v128.load(<usize>load<u32>(rowPtrs) + o));
        for (let k = 1; k < ks; k++) {
          acc = f32x4.add(acc, f32x4.mul(f32x4.splat(load<f32>(K + (<usize>k << 2))), v128.load(<usize>load<u32>(rowPtrs + (<usize>k << 2)) + o)));
        }
        if (doSharpen) {
          const p = load4(f32 ? s + o : s + <usize>j, f32);
          acc = f32x4.add(p, f32x4.mul(va, f32x4.sub(p, acc)));
        }
        if (f32) v128.store(d + o, acc);
        else store<u32>(d + <usize>j, packU8x4(acc));
      }
    }
    for (; j < m; j++) {
      const o = <usize>j << 2;
      let acc = load<f32>(K) * load<f32>(<usize>load<u32>(rowPtrs) + o);
      for (let k = 1; k < ks; k++) acc += load<f32>(K + (<usize>k << 2)) * load<f32>(<usize>load<u32>(rowPtrs + (<usize>k << 2)) + o);
      if (doSharpen) {
        const p = sample(s, j, f32);
        acc = p + amount * (p - acc);
      }
      if (f32) store<f32>(d + o, acc);
      else store<u8>(d + <usize>j, toU8(acc));
    }
  }
}
