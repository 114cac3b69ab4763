// Channel flattening for composing images of mixed layouts (e.g. the CLI's contact sheet):
// gray, gray+alpha, RGB and RGBA uint8 pixels -> opaque RGB over a background colour.
//
// Not a hot kernel (it runs once per contact-sheet cell), so there is no v128 path: both builds
// run this scalar body. The channel count is dispatched once per call, outside the pixel loops.

// @ts-ignore: decorator
@inline
function rowPtr(base: usize, y: i32, stride: i32): usize {
  return base + <usize>(y * stride);
}

/** round(x / 255) for 0 <= x <= 65025, exactly (t = x + 128; (t + (t >> 8)) >> 8). */
// @ts-ignore: decorator
@inline
function div255(x: u32): u32 {
  const t = x + 128;
  return (t + (t >> 8)) >> 8;
}

/** Straight alpha `c over bg`: round((c * a + bg * (255 - a)) / 255), in 0..255. */
// @ts-ignore: decorator
@inline
function over(c: u32, a: u32, bg: u32): u8 {
  return <u8>div255(c * a + bg * (255 - a));
}

/**
 * Converts w x h uint8 pixels of `channels` channels to opaque RGB (3 bytes per pixel):
 * - 1 (gray):        R = G = B = v
 * - 2 (gray, alpha): R = G = B = round((v * a + bg * (255 - a)) / 255), bg per channel
 * - 3 (RGB):         copied
 * - 4 (RGBA):        each of R, G, B composited over the background as for 2
 * Alpha is straight (not premultiplied); rounding is half up (exact, see div255).
 * Caller guarantees: w, h >= 1; channels in 1..4; src and dst do not overlap; strides are
 * byte strides (srcStride >= w * channels, dstStride >= w * 3); bgPtr readable for 3 bytes
 * (background R, G, B).
 */
export function toRGB8(src: usize, dst: usize, w: i32, h: i32, channels: i32, srcStride: i32, dstStride: i32, bgPtr: usize): void {
  const bgR = <u32>load<u8>(bgPtr), bgG = <u32>load<u8>(bgPtr, 1), bgB = <u32>load<u8>(bgPtr, 2);
  for (let y = 0; y < h; y++) {
    const s = rowPtr(src, y, srcStride);
    const d = rowPtr(dst, y, dstStride);
    if (channels == 3) {
      memory.copy(d, s, <usize>(w * 3));
    } else if (channels == 1) {
      for (let x = 0; x < w; x++) {
        const v = load<u8>(s + <usize>x);
        const o = d + <usize>(x * 3);
        store<u8>(o, v); store<u8>(o, v, 1); store<u8>(o, v, 2);
      }
    } else if (channels == 2) {
      for (let x = 0; x < w; x++) {
        const p = s + <usize>(x << 1);
        const v = <u32>load<u8>(p), a = <u32>load<u8>(p, 1);
        const o = d + <usize>(x * 3);
        store<u8>(o, over(v, a, bgR)); store<u8>(o, over(v, a, bgG), 1); store<u8>(o, over(v, a, bgB), 2);
      }
    } else {
      for (let x = 0; x < w; x++) {
        const p = s + <usize>(x << 2);
        const a = <u32>load<u8>(p, 3);
        const o = d + <usize>(x * 3);
        store<u8>(o, over(<u32>load<u8>(p), a, bgR));
        store<u8>(o, over(<u32>load<u8>(p, 1), a, bgG), 1);
        store<u8>(o, over(<u32>load<u8>(p, 2), a, bgB), 2);
      }
    }
  }
}
