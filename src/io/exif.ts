// EXIF Orientation: reading the one tag (0x0112) from a TIFF structure, and applying it with
// pixaug's own geometry kernels.
//
// Why not exifr: exifr (a dependency) reads Orientation only through an async API, and
// `decodeImage` is synchronous. The tag sits in IFD0 of a TIFF header (EXIF 2.32, section 4.6.2;
// TIFF 6.0, section 2), so reading it takes a bounds-checked walk of one directory. The tests
// cross-check this reader against `exifr.orientation()`.

import { flip, rot90, transpose } from '../ops/geometry.js';
import type { Image } from '../image.js';

/**
 * Reads the EXIF Orientation (tag 0x0112) from IFD0 of a TIFF structure: the payload of a JPEG
 * APP1 `Exif\0\0` segment after those 6 bytes, or a PNG `eXIf` chunk. Returns 1..8, or 1 when
 * the tag is absent, malformed or out of range (like Pillow and OpenCV, a broken EXIF block is
 * ignored, never an error). Never reads outside `tiff`.
 */
export function readExifOrientation(tiff: Uint8Array): number {
  if (tiff.length < 8) return 1;
  const le = tiff[0] === 0x49 && tiff[1] === 0x49; // "II" little endian
  const be = tiff[0] === 0x4d && tiff[1] === 0x4d; // "MM" big endian
  if (!le && !be) return 1;
  const u16 = (o: number): number => (le ? tiff[o] | (tiff[o + 1] << 8) : (tiff[o] << 8) | tiff[o + 1]);
  const u32 = (o: number): number => (le
    ? tiff[o + 3] * 2 ** 24 + ((tiff[o + 2] << 16) | (tiff[o + 1] << 8) | tiff[o])
    : tiff[o] * 2 ** 24 + ((tiff[o + 1] << 16) | (tiff[o + 2] << 8) | tiff[o + 3]));
  if (u16(2) !== 42) return 1;
  const ifd = u32(4);
  if (ifd < 8 || ifd + 2 > tiff.length) return 1;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > tiff.length) return 1;
    if (u16(e) !== 0x0112) continue;
    const type = u16(e + 2);
    const value = type === 3 ? u16(e + 8) : type === 4 ? u32(e + 8) : 0; // SHORT (spec) or LONG
    return value >= 1 && value <= 8 ? value : 1;
  }
  return 1;
}

/**
 * Turns stored pixels upright for an EXIF orientation (1..8), with the geometry kernels (memory
 * moves). Same mapping as Pillow's `ImageOps.exif_transpose` and OpenCV's IMREAD_COLOR:
 * 2 flip left-right, 3 rotate 180°, 4 flip top-bottom, 5 transpose, 6 rotate 90° clockwise,
 * 7 transverse (flip across the anti-diagonal), 8 rotate 90° counter-clockwise. 5 to 8 swap
 * width and height. Needs `await init()`.
 */
export function applyExifOrientation(img: Image, orientation: number): Image {
  switch (orientation) {
    case 2: return flip(img, 'horizontal');
    case 3: return rot90(img, 2);
    case 4: return flip(img, 'vertical');
    case 5: return transpose(img);
    case 6: return rot90(img, -1);
    case 7: return rot90(transpose(img), 2);
    case 8: return rot90(img, 1);
    default: return img;
  }
}
