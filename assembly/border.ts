// Border-mode index mapping, numpy.pad semantics at any distance from the image.
//
//   mode        numpy.pad / skimage   OpenCV               1-D picture (image = abcd)
//   CONSTANT    'constant'            BORDER_CONSTANT      iii|abcd|iii   (i = fill value)
//   EDGE        'edge'                BORDER_REPLICATE     aaa|abcd|ddd
//   REFLECT     'reflect'             BORDER_REFLECT_101   dcb|abcd|cba   period 2(n-1); n == 1 -> 0
//   SYMMETRIC   'symmetric'           BORDER_REFLECT       cba|abcd|dcb   period 2n
//   WRAP        'wrap'                BORDER_WRAP          bcd|abcd|abc   period n
//
// The numeric codes are part of the wasm ABI (src/image.ts has the same table).

export const BORDER_CONSTANT: i32 = 0;
export const BORDER_EDGE: i32 = 1;
export const BORDER_REFLECT: i32 = 2;
export const BORDER_SYMMETRIC: i32 = 3;
export const BORDER_WRAP: i32 = 4;

/** Positive remainder: i mod n in [0, n) for any i32 i and n > 0. */
// @ts-ignore: decorator
@inline
function pmod(i: i32, n: i32): i32 {
  const r = i % n;
  return r < 0 ? r + n : r;
}

/**
 * Maps an integer coordinate i (any value) onto [0, n) for border `mode`; returns -1 for
 * CONSTANT when i is outside (the caller substitutes the fill value).
 * Fast path first: inside indices return unchanged for every mode.
 * Caller guarantees: n >= 1; mode is one of the BORDER_* codes.
 */
export function borderIndex(i: i32, n: i32, mode: i32): i32 {
  if (<u32>i < <u32>n) return i;
  if (mode == BORDER_CONSTANT) return -1;
  if (mode == BORDER_EDGE) return i < 0 ? 0 : n - 1;
  if (mode == BORDER_WRAP) return pmod(i, n);
  if (mode == BORDER_SYMMETRIC) {
    const p = n << 1;
    const j = pmod(i, p);
    return j < n ? j : p - 1 - j;
  }
  // REFLECT
  if (n == 1) return 0;
  const p = (n - 1) << 1;
  const j = pmod(i, p);
  return j < n ? j : p - j;
}
