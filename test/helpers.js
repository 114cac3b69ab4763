// Shared test helpers: fixture loading (.npy via npyjs) and image comparison.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { parse } from 'npyjs';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Loads a .npy from test/fixtures (path relative to it) as { data, shape, dtype }. */
export function loadNpy(rel) {
  const buf = readFileSync(join(FIXTURES, rel));
  const arr = parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  return arr;
}

/** Loads a .npy image (HxW or HxWxC) as a pixaug Image. */
export function npyImage(rel) {
  const { data, shape } = loadNpy(rel);
  const [height, width, channels = 1] = shape;
  return { width, height, channels, data };
}

/** Loads a reference manifest: test/fixtures/reference/<name>/manifest.json */
export function manifest(name) {
  return JSON.parse(readFileSync(join(FIXTURES, 'reference', name, 'manifest.json'), 'utf8'));
}

/** Deterministic pseudo-random uint8 / float32 test image (xorshift32, not for production). */
export function randomImage(width, height, channels, dtype = 'uint8', seed = 1) {
  let s = (seed * 2654435761) >>> 0 || 1;
  const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
  const n = width * height * channels;
  const data = dtype === 'uint8' ? new Uint8Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = dtype === 'uint8' ? next() & 255 : (next() & 0xffffff) / 0x1000000;
  return { width, height, channels, data };
}

/** Index of the first differing element, or -1. */
export function firstDiff(a, b) {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** Asserts two images are byte-identical, with a useful message. */
export function assertSameImage(assert, got, want, label = '') {
  assert.is(got.width, want.width, `${label} width`);
  assert.is(got.height, want.height, `${label} height`);
  assert.is(got.channels, want.channels, `${label} channels`);
  const i = firstDiff(got.data, want.data);
  if (i !== -1) {
    const c = want.channels, w = want.width;
    const px = Math.floor(i / c);
    assert.unreachable(`${label}: first difference at x=${px % w} y=${Math.floor(px / w)} c=${i % c}: got ${got.data[i]} want ${want.data[i]} (lengths ${got.data.length}/${want.data.length})`);
  }
}
