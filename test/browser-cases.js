// The operations run both in Node and in the page by test/browser.test.js: every public op (so
// every kernel behind it) on a fixed image with fixed seeds. Plain ESM with no imports, so the
// page loads this very file from the test server; `px` is the pixaug module namespace.

/** uint8 RGB(A) -> a fresh Uint8Array image with `channels` (1: R, 3: RGB, 4: RGB + alpha 255). */
export function selectChannels(img, channels) {
  const n = img.width * img.height;
  const data = new Uint8Array(n * channels);
  for (let i = 0; i < n; i++) for (let c = 0; c < channels; c++) data[i * channels + c] = c < img.channels ? img.data[i * img.channels + c] : 255;
  return { width: img.width, height: img.height, channels, data };
}

/** uint8 -> float32 v / 255 (exact the same in both hosts: IEEE division). */
export function toFloat(img) {
  const data = new Float32Array(img.data.length);
  for (let i = 0; i < data.length; i++) data[i] = img.data[i] / 255;
  return { width: img.width, height: img.height, channels: img.channels, data };
}

/**
 * The inputs, from `base` (the decoded cat photo, RGB or RGBA uint8; only R, G, B are used): a
 * 160 x 120 region as RGB, as RGBA with a synthetic alpha ((7x + 3y) mod 256), as gray (R) and
 * as float32 RGB, so the whole list runs in well under a second per build.
 */
export function inputs(px, base) {
  const region = px.crop(base, { x: 150, y: 40, width: 160, height: 120 });
  const rgb = selectChannels(region, 3);
  const rgba = selectChannels(region, 4);
  for (let y = 0; y < rgba.height; y++) for (let x = 0; x < rgba.width; x++) rgba.data[(y * rgba.width + x) * 4 + 3] = (7 * x + 3 * y) & 255;
  return { rgba, rgb, gray: selectChannels(region, 1), rgbF: toFloat(rgb) };
}

/** [name, input key, (px, img) => Image] for every op; names are unique. */
export function cases() {
  const list = [];
  const add = (name, input, run) => list.push([name, input, run]);
  const borders = ['constant', 'edge', 'reflect', 'symmetric', 'wrap'];
  for (const input of ['rgb', 'rgba', 'gray', 'rgbF']) {
    add(`flip horizontal ${input}`, input, (px, im) => px.flip(im, 'horizontal'));
    add(`flip vertical ${input}`, input, (px, im) => px.flip(im, 'vertical'));
    for (const k of [1, 2, 3]) add(`rot90 ${k} ${input}`, input, (px, im) => px.rot90(im, k));
    add(`transpose ${input}`, input, (px, im) => px.transpose(im));
    add(`crop ${input}`, input, (px, im) => px.crop(im, { x: 13, y: 7, width: 101, height: 77 }));
  }
  for (const input of ['rgb', 'rgbF']) {
    for (const border of borders) {
      add(`pad ${border} ${input}`, input, (px, im) => px.pad(im, { top: 5, right: 17, bottom: 9, left: 3 }, { border, fill: [10, 200, 30].map((v) => (input === 'rgbF' ? v / 255 : v)) }));
      for (const interpolation of ['nearest', 'bilinear', 'bicubic']) {
        add(`rotate 23.5 ${interpolation} ${border} ${input}`, input, (px, im) => px.rotate(im, 23.5, { interpolation, border, fill: input === 'rgbF' ? 0.5 : 128 }));
      }
      add(`gaussianBlur 1.7 ${border} ${input}`, input, (px, im) => px.gaussianBlur(im, 1.7, { border }));
    }
    add(`rotate expand ${input}`, input, (px, im) => px.rotate(im, -37, { expand: true }));
    add(`warpAffine ${input}`, input, (px, im) => px.warpAffine(im, [0.9, 0.2, 4.5, -0.15, 1.1, -3.25], { interpolation: 'bicubic', border: 'reflect', width: 150, height: 130 }));
    add(`gaussianNoise ${input}`, input, (px, im) => px.gaussianNoise(im, { sigma: input === 'rgbF' ? 0.05 : 12, seed: 7, stream: 3 }));
    add(`gaussianNoise mono ${input}`, input, (px, im) => px.gaussianNoise(im, { sigma: input === 'rgbF' ? 0.05 : 12, perChannel: false, seed: 7 }));
    add(`uniformNoise ${input}`, input, (px, im) => px.uniformNoise(im, { low: input === 'rgbF' ? -0.1 : -20, high: input === 'rgbF' ? 0.1 : 20, seed: 8 }));
    add(`speckleNoise ${input}`, input, (px, im) => px.speckleNoise(im, { sigma: 0.2, seed: 9 }));
    add(`poissonNoise ${input}`, input, (px, im) => px.poissonNoise(im, { photons: 30, seed: 10 }));
    add(`saltAndPepper ${input}`, input, (px, im) => px.saltAndPepper(im, { amount: 0.08, saltVsPepper: 0.3, seed: 11 }));
    add(`brightness ${input}`, input, (px, im) => px.brightness(im, 1.37));
    add(`contrast ${input}`, input, (px, im) => px.contrast(im, 0.63));
    add(`gamma ${input}`, input, (px, im) => px.gamma(im, 1.8));
    add(`grayscale opencv ${input}`, input, (px, im) => px.grayscale(im));
    add(`grayscale pillow ${input}`, input, (px, im) => px.grayscale(im, { method: 'pillow', keepChannels: true }));
    add(`solarize ${input}`, input, (px, im) => px.solarize(im));
    add(`hueSaturationValue ${input}`, input, (px, im) => px.hueSaturationValue(im, { hue: 25, saturation: 0.2, value: -0.1 }));
    add(`sharpen ${input}`, input, (px, im) => px.sharpen(im, { sigma: 1.2, amount: 1.5 }));
    add(`cutout ${input}`, input, (px, im) => px.cutout(im, { holes: 3, size: 20, seed: 12 }));
    add(`cutout noise ${input}`, input, (px, im) => px.cutout(im, { holes: 2, size: [30, 15], fill: 'noise', seed: 13 }));
  }
  // resampling (merged from the resize branch)
  for (const input of ['rgb', 'rgbF', 'rgba']) {
    for (const interpolation of ['nearest', 'bilinear', 'bicubic', 'area', 'lanczos3']) {
      add(`resize shrink ${interpolation} ${input}`, input, (px, im) => px.resize(im, { width: 61, height: 47, interpolation }));
      add(`resize enlarge ${interpolation} ${input}`, input, (px, im) => px.resize(im, { width: 203, interpolation }));
    }
    add(`resize no-antialias ${input}`, input, (px, im) => px.resize(im, { width: 70, height: 40, antialias: false }));
    add(`resize bicubic a=-0.5 ${input}`, input, (px, im) => px.resize(im, { width: 97, height: 81, interpolation: 'bicubic', cubicA: -0.5 }));
    add(`centerCrop ${input}`, input, (px, im) => px.centerCrop(im, { width: 90, height: 150, border: 'reflect' }));
    add(`randomCrop ${input}`, input, (px, im) => px.randomCrop(im, { width: 100, height: 100 }, new px.Random(5, 1)));
    add(`randomResizedCrop ${input}`, input, (px, im) => px.randomResizedCrop(im, { width: 64, height: 64 }, new px.Random(6, 2)));
    add(`translate ${input}`, input, (px, im) => px.translate(im, 7.25, -3.5, { border: 'wrap' }));
    add(`scale ${input}`, input, (px, im) => px.scale(im, [0.8, 1.25], { interpolation: 'bicubic' }));
    add(`scale shrink 0.45 ${input}`, input, (px, im) => px.scale(im, 0.45)); // anti-aliased warp path (> 2x shrink)
    add(`affine ${input}`, input, (px, im) => px.affine(im, { angle: 12, scale: 0.9, translate: [4, -6], shear: [8, 3], border: 'symmetric' }));
    add(`warpPerspective ${input}`, input, (px, im) => px.warpPerspective(im, [1.05, 0.1, -4, 0.02, 0.95, 3, 0.0008, -0.0005, 1], { interpolation: 'bilinear', border: 'edge' }));
    add(`warpPerspective antialias ${input}`, input, (px, im) => px.warpPerspective(im, [0.4, 0.05, 0, 0.01, 0.35, 0, 0.001, 0.0005, 1], { width: 80, height: 60, antialias: true }));
  }
  add('resize premultiplied rgba', 'rgba', (px, im) => px.resize(im, { width: 57, height: 43, interpolation: 'lanczos3', alpha: 'premultiplied' }));
  for (const input of ['rgb', 'gray', 'rgba']) {
    add(`posterize 3 ${input}`, input, (px, im) => px.posterize(im, 3));
    add(`equalize ${input}`, input, (px, im) => px.equalize(im));
    add(`gaussianNoise ${input} alpha`, input, (px, im) => px.gaussianNoise(im, { sigma: 9, seed: 21 }));
  }
  return list;
}

/** SHA-256 hex of an image's shape + sample bytes (WebCrypto: `crypto.subtle` in both hosts). */
export async function digest(img) {
  const head = new TextEncoder().encode(`${img.width}x${img.height}x${img.channels}:${img.data.constructor.name}:`);
  const body = new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  const all = new Uint8Array(head.length + body.length);
  all.set(head);
  all.set(body, head.length);
  const h = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return Array.from(h, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Runs every case with the current engine: { name: sha256 | 'error:CODE' }. `samples` collects
 * the first bytes of each output for readable failure messages.
 */
export async function runAll(px, base) {
  const ins = inputs(px, base);
  const out = {};
  for (const [name, input, run] of cases()) {
    let r;
    try {
      const img = run(px, ins[input]);
      r = await digest(img);
    } catch (e) {
      r = `error:${e.code ?? e.message}`;
    }
    out[name] = r;
  }
  return out;
}
