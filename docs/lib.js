// Shared helpers of the README picture scripts (docs/make-*-pictures.js): the photo, strips of
// panels written as JPEG. Everything is made with pixaug itself and is deterministic.
//
// Photo: bench/fixtures/astronaut_512x512.png (NASA, public domain; see bench/fixtures/LICENSES.md).
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resize } from '../dist/index.js';

export const here = (rel) => fileURLToPath(new URL(rel, import.meta.url));
/** Panel size in pixels. */
export const P = 160;

/** The 512x512 RGB photo. */
export function loadPhoto() {
  const png = PNG.sync.read(readFileSync(here('../bench/fixtures/astronaut_512x512.png')));
  const data = new Uint8Array(png.width * png.height * 3);
  for (let i = 0; i < png.width * png.height; i++) data.set(png.data.subarray(i * 4, i * 4 + 3), i * 3);
  return { width: png.width, height: png.height, channels: 3, data };
}

/** Panels side by side (all P x P, RGB) with 4 px white gaps, written as docs/img/<dir>/<name>.jpg. */
export function strip(dir, name, panels) {
  const gap = 4, w = panels.length * P + (panels.length - 1) * gap, h = P;
  const rgba = Buffer.alloc(w * h * 4, 255);
  panels.forEach((p, i) => {
    if (p.width !== P || p.height !== P || p.channels !== 3) throw new Error(`${name}: panel ${i} is ${p.width}x${p.height}x${p.channels}`);
    const x0 = i * (P + gap);
    for (let y = 0; y < P; y++) for (let x = 0; x < P; x++) {
      const s = (y * P + x) * 3, d = (y * w + x0 + x) * 4;
      rgba[d] = p.data[s]; rgba[d + 1] = p.data[s + 1]; rgba[d + 2] = p.data[s + 2];
    }
  });
  mkdirSync(here(`./img/${dir}/`), { recursive: true });
  writeFileSync(here(`./img/${dir}/${name}.jpg`), jpeg.encode({ width: w, height: h, data: rgba }, 85).data);
  console.log(`wrote docs/img/${dir}/${name}.jpg (${w}x${h})`);
}

/** Enlarges a small image to the panel size with nearest neighbour, to show its pixels. */
export const pixels = (img) => resize(img, { width: P, height: P, interpolation: 'nearest' });

/** Fits any image into a P x P panel (aspect kept, grey margins), via pixaug's resize and pad. */
export async function fit(img) {
  const { pad } = await import('../dist/index.js');
  const s = Math.min(P / img.width, P / img.height);
  const w = Math.max(1, Math.round(img.width * s)), h = Math.max(1, Math.round(img.height * s));
  const r = resize(img, { width: w, height: h });
  const l = Math.floor((P - w) / 2), t = Math.floor((P - h) / 2);
  return pad(r, { left: l, right: P - w - l, top: t, bottom: P - h - t }, { fill: 200 });
}
