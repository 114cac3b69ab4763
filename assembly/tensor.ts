// Tensor export: HWC uint8 / float32 images -> normalised float32 in NHWC or NCHW order,
// out = in * scale[c] + bias[c] (src/tensor.ts sets scale = 1 / (255 std) for uint8,
// 1 / std for float32, and bias = -mean / std, torchvision ToTensor + Normalize).

// @ts-ignore: decorator
@inline
function inU8(p: usize): f32 {
  return <f32>load<u8>(p);
}

/**
 * One image to float32. `src`: HWC samples (uint8 when `f32in` = 0, float32 when 1) with rows
 * `srcStride` bytes apart; `dst`: width * height * channels float32. `nchw` = 0: dst in HWC order
 * (same order as src); 1: planes, dst[c * H * W + y * W + x]. `scale`, `bias`: `channels`
 * float32 each. Exactly out = in * scale[c] + bias[c] in float32 (one multiply then one add, no
 * fused multiply-add, so both builds give the same bits).
 * Caller guarantees: src, dst, scale, bias valid for their sizes; src readable 16 bytes past its
 * last sample (the allocator's slack); channels >= 1; dst 4-byte aligned; no overlap.
 */
export function toTensor(src: usize, dst: usize, width: i32, height: i32, channels: i32, srcStride: i32,
  f32in: i32, nchw: i32, scale: usize, bias: usize): void {
  const c = channels;
  const rowLen = width * c;
  const plane = <usize>(width * height) << 2;
  for (let y = 0; y < height; y++) {
    const s = src + <usize>y * <usize>srcStride;
    if (nchw == 0) {
      const d = dst + (<usize>(y * rowLen) << 2);
      let i = 0;
      if (ASC_FEATURE_SIMD) {
        if (f32in == 0 && (c == 1 || c == 2 || c == 4)) {
          // the per-lane scale / bias repeat every 4 samples: lanes s0 s1 s2 s3 = channels 0..3 mod c
          const sv = f32x4(load<f32>(scale), load<f32>(scale + ((1 % c) << 2)), load<f32>(scale + ((2 % c) << 2)), load<f32>(scale + ((3 % c) << 2)));
          const bv = f32x4(load<f32>(bias), load<f32>(bias + ((1 % c) << 2)), load<f32>(bias + ((2 % c) << 2)), load<f32>(bias + ((3 % c) << 2)));
          for (; i + 16 <= rowLen; i += 16) {
            const v = v128.load(s + <usize>i);
            const lo = i16x8.extend_low_i8x16_u(v), hi = i16x8.extend_high_i8x16_u(v);
            const o = d + (<usize>i << 2);
            v128.store(o, f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(lo)), sv), bv));
            v128.store(o + 16, f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_u(lo)), sv), bv));
            v128.store(o + 32, f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(hi)), sv), bv));
            v128.store(o + 48, f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_u(hi)), sv), bv));
          }
        } else if (f32in == 0 && c == 3) {
          // 12 samples = 4 RGB pixels per step; lanes r g b r | g b r g | b r g b
          const s0 = load<f32>(scale), s1 = load<f32>(scale, 4), s2 = load<f32>(scale, 8);
          const b0 = load<f32>(bias), b1 = load<f32>(bias, 4), b2 = load<f32>(bias, 8);
          const sa = f32x4(s0, s1, s2, s0), sb = f32x4(s1, s2, s0, s1), sc = f32x4(s2, s0, s1, s2);
          const ba = f32x4(b0, b1, b2, b0), bb = f32x4(b1, b2, b0, b1), bc = f32x4(b2, b0, b1, b2);
          for (; i + 12 <= rowLen; i += 12) {
            const v = v128.load(s + <usize>i); // 16 bytes read, 12 used (slack guaranteed)
            const lo = i16x8.extend_low_i8x16_u(v), hi = i16x8.extend_high_i8x16_u(v);
            const o = d + (<usize>i << 2);
            v128.store(o, f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(lo)), sa), ba));
            v128.store(o + 16, f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_u(lo)), sb), bb));
            v128.store(o + 32, f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(hi)), sc), bc));
          }
        }
      }
      // scalar tail (the whole row in the scalar build); i is a multiple of c here
      let ch = 0;
      for (; i < rowLen; i++) {
        const v = f32in ? load<f32>(s + (<usize>i << 2)) : inU8(s + <usize>i);
        store<f32>(d + (<usize>i << 2), v * load<f32>(scale + (<usize>ch << 2)) + load<f32>(bias + (<usize>ch << 2)));
        ch++;
        if (ch == c) ch = 0;
      }
    } else {
      for (let ch = 0; ch < c; ch++) {
        const sc = load<f32>(scale + (<usize>ch << 2)), bi = load<f32>(bias + (<usize>ch << 2));
        const d = dst + <usize>ch * plane + (<usize>(y * width) << 2);
        if (f32in) {
          for (let x = 0; x < width; x++) store<f32>(d + (<usize>x << 2), load<f32>(s + (<usize>(x * c + ch) << 2)) * sc + bi);
        } else {
          for (let x = 0; x < width; x++) store<f32>(d + (<usize>x << 2), inU8(s + <usize>(x * c + ch)) * sc + bi);
        }
      }
    }
  }
}
