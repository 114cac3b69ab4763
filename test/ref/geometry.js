// Plain-JS references for the memory-move kernels: one obvious loop per op, no cleverness.
// They define the expected bytes for "JS reference == scalar build == SIMD build" tests.

const BORDERS = ['constant', 'edge', 'reflect', 'symmetric', 'wrap'];
export { BORDERS };

/** numpy.pad index mapping (refimpl.py border_index); -1 = fill. */
export function borderIndex(i, n, mode) {
  if (i >= 0 && i < n) return i;
  const mod = (a, m) => ((a % m) + m) % m;
  switch (mode) {
    case 'constant': return -1;
    case 'edge': return i < 0 ? 0 : n - 1;
    case 'wrap': return mod(i, n);
    case 'symmetric': { const p = 2 * n, j = mod(i, p); return j < n ? j : p - 1 - j; }
    case 'reflect': { if (n === 1) return 0; const p = 2 * (n - 1), j = mod(i, p); return j < n ? j : p - j; }
    default: throw new Error(mode);
  }
}

function make(like, width, height, channels) {
  return { width, height, channels, data: new like.data.constructor(width * height * channels) };
}

/** out(x, y) = src(fx(x, y), fy(x, y)) for an output of ow x oh. */
function remap(img, ow, oh, f) {
  const out = make(img, ow, oh, img.channels);
  const c = img.channels;
  for (let y = 0; y < oh; y++) for (let x = 0; x < ow; x++) {
    const [sx, sy] = f(x, y);
    for (let k = 0; k < c; k++) out.data[(y * ow + x) * c + k] = img.data[(sy * img.width + sx) * c + k];
  }
  return out;
}

export function flipRef(img, dir) {
  const { width: w, height: h } = img;
  return remap(img, w, h, (x, y) => [dir === 'vertical' ? x : w - 1 - x, dir === 'horizontal' ? y : h - 1 - y]);
}

export function rot90Ref(img, k) {
  const q = ((k % 4) + 4) % 4;
  const { width: w, height: h } = img;
  if (q === 0) return remap(img, w, h, (x, y) => [x, y]);
  if (q === 2) return remap(img, w, h, (x, y) => [w - 1 - x, h - 1 - y]);
  if (q === 1) return remap(img, h, w, (x, y) => [w - 1 - y, x]); // np.rot90 k=1: out[r, c] = in[c, w-1-r]
  return remap(img, h, w, (x, y) => [y, h - 1 - x]);              // k=3: out[r, c] = in[h-1-c, r]
}

export function transposeRef(img) {
  return remap(img, img.height, img.width, (x, y) => [y, x]);
}

export function cropRef(img, { x, y, width, height }) {
  return remap(img, width, height, (cx, cy) => [x + cx, y + cy]);
}

export function padRef(img, { top = 0, right = 0, bottom = 0, left = 0 }, border = 'constant', fill = 0) {
  const { width: w, height: h, channels: c } = img;
  const ow = w + left + right, oh = h + top + bottom;
  const fills = Array.isArray(fill) ? (fill.length === 1 ? new Array(c).fill(fill[0]) : fill) : new Array(c).fill(fill);
  const out = make(img, ow, oh, c);
  for (let y = 0; y < oh; y++) for (let x = 0; x < ow; x++) {
    const sy = borderIndex(y - top, h, border), sx = borderIndex(x - left, w, border);
    for (let k = 0; k < c; k++) {
      out.data[(y * ow + x) * c + k] = sy < 0 || sx < 0 ? fills[k] : img.data[(sy * w + sx) * c + k];
    }
  }
  return out;
}
