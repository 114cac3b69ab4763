// Plain-JS references for resize, written from the libraries' algorithms (not from our plans):
// Pillow's two-pass resample, cv2.resize's fixed-point LINEAR/CUBIC (with OpenCV 4.6's SSE2
// vertical formulas), cv2 INTER_AREA in float, centred nearest, premultiplied alpha.
// Slow and obvious on purpose; they define the expected bytes of the parity tests.

const fr = Math.fround;
const cInt = Math.trunc;

function rint(v) {
  const f = Math.floor(v), d = v - f;
  return d > 0.5 ? f + 1 : d < 0.5 ? f : (f % 2 === 0 ? f : f + 1);
}
const clamp = (v, lo, hi) => (v < lo ? lo : v > hi ? hi : v);

export function filterOf(name, a = -0.75) {
  if (name === 'bilinear') return { support: 1, f: (x) => { x = Math.abs(x); return x < 1 ? 1 - x : 0; } };
  if (name === 'bicubic') {
    return {
      support: 2,
      f: (x) => {
        x = Math.abs(x);
        if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
        if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
        return 0;
      },
    };
  }
  const sinc = (x) => (x === 0 ? 1 : Math.sin(x * Math.PI) / (x * Math.PI));
  return { support: 3, f: (x) => (x >= -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0) };
}

function make(like, w, h, c) {
  return { width: w, height: h, channels: c, data: new like.data.constructor(w * h * c) };
}
const at = (img, x, y, k) => img.data[(y * img.width + x) * img.channels + k];

// ---------------------------------------------------------------------------------------------
// Pillow (libImaging/Resample.c)
// ---------------------------------------------------------------------------------------------

function pillowCoeffs(inSize, outSize, filt) {
  const scale = inSize / outSize, fs = Math.max(scale, 1), support = filt.support * fs;
  const out = [];
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const xmin = Math.max(cInt(center - support + 0.5), 0);
    const xmax = Math.min(cInt(center + support + 0.5), inSize);
    let k = [];
    for (let x = 0; x < xmax - xmin; x++) k.push(filt.f((x + xmin - center + 0.5) / fs));
    const ww = k.reduce((a, b) => a + b, 0);
    if (ww !== 0) k = k.map((v) => v / ww);
    const ki = k.map((v) => (v < 0 ? cInt(-0.5 + v * 4194304) : cInt(0.5 + v * 4194304)));
    out.push({ xmin, k, ki });
  }
  return out;
}

/** One Pillow pass along x (axis 0) or y (axis 1). uint8: 22-bit fixed point; float32: double sums. */
function pillowPass(img, outSize, filt, axis) {
  const u8 = !(img.data instanceof Float32Array);
  const inSize = axis === 0 ? img.width : img.height;
  const cf = pillowCoeffs(inSize, outSize, filt);
  const ow = axis === 0 ? outSize : img.width, oh = axis === 0 ? img.height : outSize;
  const out = make(img, ow, oh, img.channels);
  for (let y = 0; y < oh; y++) for (let x = 0; x < ow; x++) {
    const { xmin, k, ki } = cf[axis === 0 ? x : y];
    for (let c = 0; c < img.channels; c++) {
      let acc = u8 ? 1 << 21 : 0;
      for (let t = 0; t < k.length; t++) {
        const p = axis === 0 ? at(img, xmin + t, y, c) : at(img, x, xmin + t, c);
        acc += p * (u8 ? ki[t] : k[t]);
      }
      out.data[(y * ow + x) * img.channels + c] = u8 ? clamp(acc >> 22, 0, 255) : acc;
    }
  }
  return out;
}

export function pillowRef(img, ow, oh, name, cubicA) {
  const filt = filterOf(name, cubicA);
  let t = img;
  if (ow !== img.width) t = pillowPass(t, ow, filt, 0);
  if (oh !== img.height) t = pillowPass(t, oh, filt, 1);
  return t === img ? { ...img, data: img.data.slice() } : t;
}

// ---------------------------------------------------------------------------------------------
// cv2.resize INTER_LINEAR / INTER_CUBIC (uint8 fixed point), and our cv-style lanczos3
// ---------------------------------------------------------------------------------------------

function cvCubicCoeffs(x, A) {
  x = fr(x); A = fr(A);
  const x1 = fr(x + 1), y = fr(1 - x);
  const c0 = fr(fr(fr(fr(fr(fr(A * x1) - fr(5 * A)) * x1) + fr(8 * A)) * x1) - fr(4 * A));
  const c1 = fr(fr(fr(fr(fr(fr(A + 2) * x) - fr(A + 3)) * x) * x) + 1);
  const c2 = fr(fr(fr(fr(fr(fr(A + 2) * y) - fr(A + 3)) * y) * y) + 1);
  return [c0, c1, c2, fr(fr(fr(1 - c0) - c1) - c2)];
}

function cvAxis(inSize, outSize, kind, clampCoord, A) {
  const inv = outSize / inSize, scale = 1 / inv;
  const ksize = kind === 'cubic' ? 4 : kind === 'lanczos3' ? 6 : 2;
  const out = [];
  for (let d = 0; d < outSize; d++) {
    let fx, sx;
    if (kind === 'area') {
      sx = Math.floor(d * scale);
      fx = fr((d + 1) - (sx + 1) * inv);
      fx = fx <= 0 ? 0 : fr(fx - Math.floor(fx));
    } else {
      fx = fr((d + 0.5) * scale - 0.5);
      sx = Math.floor(fx);
      fx = fr(fx - sx);
    }
    if (clampCoord && (kind === 'linear' || kind === 'area')) {
      if (sx < 0) { sx = 0; fx = 0; }
      if (sx >= inSize - 1) { sx = inSize - 1; fx = 0; }
    }
    let c;
    if (kind === 'cubic') c = cvCubicCoeffs(fx, A);
    else if (kind === 'lanczos3') {
      const L = filterOf('lanczos3').f;
      c = [0, 1, 2, 3, 4, 5].map((i) => L(fx + 2 - i));
      const s = c.reduce((a, b) => a + b, 0);
      c = c.map((v) => fr(v / s));
    } else c = [fr(1 - fx), fx];
    const wi = c.map((v) => clamp(rint(fr(v * 2048)), -32768, 32767));
    const idx = c.map((_, k) => clamp(sx - (ksize >> 1) + 1 + k, 0, inSize - 1));
    out.push({ idx, wi });
  }
  return out;
}

/** cv2.resize for uint8 (kind 'linear', 'cubic', 'lanczos3', or 'area' = INTER_AREA upscale). */
export function cvRef(img, ow, oh, kind, A = -0.75) {
  const { width: w, height: h, channels: ch } = img;
  const X = cvAxis(w, ow, kind, true, A), Y = cvAxis(h, oh, kind, false, A);
  // horizontal sums, int
  const H = [];
  for (let y = 0; y < h; y++) {
    const row = new Int32Array(ow * ch);
    for (let x = 0; x < ow; x++) for (let c = 0; c < ch; c++) {
      let s = 0;
      X[x].idx.forEach((sx, t) => { s += at(img, sx, y, c) * X[x].wi[t]; });
      row[x * ch + c] = s;
    }
    H.push(row);
  }
  const out = make(img, ow, oh, ch);
  const W = ow * ch;
  for (let y = 0; y < oh; y++) {
    const { idx, wi: b } = Y[y];
    const S = idx.map((r) => H[r]);
    for (let x = 0; x < W; x++) {
      let v;
      if (kind === 'linear' || kind === 'area') {
        v = ((((S[0][x] >> 4) * b[0]) >> 16) + (((S[1][x] >> 4) * b[1]) >> 16) + 2) >> 2;
      } else if (kind === 'cubic' && x < (W & ~7)) {
        const c = b.map((bb) => fr(bb * fr(1 / 4194304)));
        let t = fr(S[3][x] * c[3]);
        t = fr(fr(S[2][x] * c[2]) + t);
        t = fr(fr(S[1][x] * c[1]) + t);
        t = fr(fr(S[0][x] * c[0]) + t);
        v = rint(t);
      } else {
        v = (1 << 21);
        for (let t = 0; t < b.length; t++) v += S[t][x] * b[t];
        v >>= 22;
      }
      out.data[y * W + x] = clamp(v, 0, 255);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// cv2 INTER_AREA shrink (ResizeArea_Invoker / resizeAreaFast), float arithmetic
// ---------------------------------------------------------------------------------------------

function areaTab(inSize, outSize) {
  const scale = 1 / (outSize / inSize), tab = [];
  for (let dx = 0; dx < outSize; dx++) {
    const f1 = dx * scale, f2 = f1 + scale, cell = Math.min(scale, inSize - f1);
    let s1 = Math.ceil(f1), s2 = Math.floor(f2);
    s2 = Math.min(s2, inSize - 1);
    s1 = Math.min(s1, s2);
    const taps = [];
    if (s1 - f1 > 1e-3) taps.push([s1 - 1, fr((s1 - f1) / cell)]);
    for (let s = s1; s < s2; s++) taps.push([s, fr(1 / cell)]);
    if (f2 - s2 > 1e-3) taps.push([s2, fr(Math.min(Math.min(f2 - s2, 1), cell) / cell)]);
    tab.push(taps);
  }
  return tab;
}

export function areaRef(img, ow, oh) {
  const { width: w, height: h, channels: ch } = img;
  const u8 = !(img.data instanceof Float32Array);
  const out = make(img, ow, oh, ch);
  const sx = 1 / (ow / w), sy = 1 / (oh / h), ix = Math.round(sx), iy = Math.round(sy);
  if (Math.abs(sx - ix) < Number.EPSILON && Math.abs(sy - iy) < Number.EPSILON) {
    for (let y = 0; y < oh; y++) for (let x = 0; x < ow; x++) for (let c = 0; c < ch; c++) {
      let s = 0;
      for (let j = 0; j < iy; j++) for (let i = 0; i < ix; i++) s = u8 ? s + at(img, x * ix + i, y * iy + j, c) : fr(s + at(img, x * ix + i, y * iy + j, c));
      let v;
      if (!u8) v = fr(s * fr(1 / (ix * iy)));
      // OpenCV ResizeAreaFastVec: fast_mode = 2x2 && (cn == 1 || cn == 3 || cn == 4) -> (sum + 2) >> 2;
      // any other cn goes through saturate_cast<uchar>(sum * scale), round half to even
      else if (ix === 2 && iy === 2 && (ch === 1 || ch === 3 || ch === 4)) v = (s + 2) >> 2;
      else v = clamp(rint(fr(s * fr(1 / (ix * iy)))), 0, 255);
      out.data[(y * ow + x) * ch + c] = v;
    }
    return out;
  }
  const X = areaTab(w, ow), Y = areaTab(h, oh);
  for (let y = 0; y < oh; y++) for (let x = 0; x < ow; x++) for (let c = 0; c < ch; c++) {
    let sum = 0;
    for (const [r, beta] of Y[y]) {
      let buf = 0;
      for (const [s, alpha] of X[x]) buf = fr(buf + fr(at(img, s, r, c) * alpha));
      sum = fr(sum + fr(beta * buf));
    }
    out.data[(y * ow + x) * ch + c] = u8 ? clamp(rint(sum), 0, 255) : sum;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// nearest, premultiplied alpha
// ---------------------------------------------------------------------------------------------

export function nearestRef(img, ow, oh) {
  const out = make(img, ow, oh, img.channels);
  for (let y = 0; y < oh; y++) for (let x = 0; x < ow; x++) {
    const sx = Math.min(Math.floor((x + 0.5) * (img.width / ow)), img.width - 1);
    const sy = Math.min(Math.floor((y + 0.5) * (img.height / oh)), img.height - 1);
    for (let c = 0; c < img.channels; c++) out.data[(y * ow + x) * img.channels + c] = at(img, sx, sy, c);
  }
  return out;
}

/** Pillow's RGBA -> RGBa (MULDIV255) and RGBa -> RGBA (truncating 255 c / a) on the last channel. */
export function premultiplyRef(img, inverse = false) {
  const out = { ...img, data: img.data.slice() };
  const ch = img.channels, u8 = !(img.data instanceof Float32Array);
  for (let p = 0; p < img.width * img.height; p++) {
    const a = out.data[p * ch + ch - 1];
    for (let c = 0; c < ch - 1; c++) {
      const i = p * ch + c, v = out.data[i];
      if (!u8) { if (!inverse) out.data[i] = v * a; else if (a !== 0) out.data[i] = v / a; continue; }
      if (!inverse) { const t = v * a + 128; out.data[i] = ((t >> 8) + t) >> 8; }
      else if (a !== 0 && a !== 255) out.data[i] = Math.min(255, Math.floor((255 * v) / a));
    }
  }
  return out;
}
