// Plain-JS reference of cv2.warpPerspective for uint8 (OpenCV 4.6 fixed point, the model of
// /tmp-free numpy code in test/reference and ../shared/oracle/refimpl.py), and of the float32
// exact-math warp. Slow and obvious; defines the bytes of the parity tests.
import { borderIndex } from './geometry.js';

const fr = Math.fround;
function rint(v) {
  const f = Math.floor(v), d = v - f;
  return d > 0.5 ? f + 1 : d < 0.5 ? f : (f % 2 === 0 ? f : f + 1);
}

/** initInterTab2D: 32 x 32 entries of ks x ks int weights (bilinear ks 2, bicubic ks 4, Keys A). */
export function interTab(ks, A = -0.75) {
  const k1 = (i) => {
    const x = fr(i * fr(1 / 32));
    if (ks === 2) return [fr(1 - x), x];
    const a = fr(A), x1 = fr(x + 1), y = fr(1 - x);
    const c0 = fr(fr(fr(fr(fr(fr(a * x1) - fr(5 * a)) * x1) + fr(8 * a)) * x1) - fr(4 * a));
    const c1 = fr(fr(fr(fr(fr(fr(a + 2) * x) - fr(a + 3)) * x) * x) + 1);
    const c2 = fr(fr(fr(fr(fr(fr(a + 2) * y) - fr(a + 3)) * y) * y) + 1);
    return [c0, c1, c2, fr(fr(fr(1 - c0) - c1) - c2)];
  };
  const tab = [];
  for (let i = 0; i < 32; i++) for (let j = 0; j < 32; j++) {
    const ky = k1(i), kx = k1(j), it = [];
    for (let a = 0; a < ks; a++) for (let b = 0; b < ks; b++) it.push(rint(fr(fr(ky[a] * kx[b]) * 32768)));
    const isum = it.reduce((s, v) => s + v, 0);
    if (isum !== 32768) {
      const diff = isum - 32768, k2 = ks >> 1;
      let M = k2 * ks + k2, m = M;
      for (let a = k2; a < k2 + 2; a++) for (let b = k2; b < k2 + 2; b++) {
        const v = it[a * ks + b];
        if (v < it[m]) m = a * ks + b;
        else if (v > it[M]) M = a * ks + b;
      }
      if (diff < 0) it[M] -= diff; else it[m] -= diff;
    }
    tab.push(it);
  }
  return tab;
}

const sat16 = (v) => Math.max(-32768, Math.min(32767, v));
const toInt = (v) => (Number.isNaN(v) ? -2147483648 : rint(Math.max(-2147483648, Math.min(2147483647, v))));

/** cv2.warpPerspective(img, ., (ow, oh), flags, borderMode, borderValue) with the inverse map Mi (9 numbers). */
export function warpPerspectiveRef(img, Mi, ow, oh, interp, border, fill, A = -0.75) {
  const { width: w, height: h, channels: ch } = img;
  const out = { width: ow, height: oh, channels: ch, data: new Uint8Array(ow * oh * ch) };
  const ks = interp === 'bicubic' ? 4 : interp === 'bilinear' ? 2 : 1;
  const tab = ks > 1 ? interTab(ks, A) : null;
  const M = Mi;
  let bh0 = Math.min(16, oh);
  const bw0 = Math.min(Math.floor(1024 / bh0), ow);
  const get = (x, y, c) => {
    const rx = borderIndex(x, w, border), ry = borderIndex(y, h, border);
    return rx < 0 || ry < 0 ? fill[c] : img.data[(ry * w + rx) * ch + c];
  };
  for (let y = 0; y < oh; y++) for (let xb = 0; xb < ow; xb += bw0) {
    const X0 = M[0] * xb + M[1] * y + M[2], Y0 = M[3] * xb + M[4] * y + M[5], W0 = M[6] * xb + M[7] * y + M[8];
    for (let x1 = 0; x1 < Math.min(bw0, ow - xb); x1++) {
      let W = W0 + M[6] * x1;
      W = W ? (ks === 1 ? 1 : 32) / W : 0;
      const X = toInt((X0 + M[0] * x1) * W), Y = toInt((Y0 + M[3] * x1) * W);
      const o = (y * ow + xb + x1) * ch;
      if (ks === 1) {
        for (let c = 0; c < ch; c++) out.data[o + c] = get(sat16(X), sat16(Y), c);
        continue;
      }
      const sx = sat16(X >> 5) - (ks === 4 ? 1 : 0), sy = sat16(Y >> 5) - (ks === 4 ? 1 : 0);
      const wt = tab[(Y & 31) * 32 + (X & 31)];
      for (let c = 0; c < ch; c++) {
        let acc = 0;
        for (let a = 0; a < ks; a++) for (let b = 0; b < ks; b++) acc += get(sx + b, sy + a, c) * wt[a * ks + b];
        out.data[o + c] = Math.max(0, Math.min(255, (acc + 16384) >> 15));
      }
    }
  }
  return out;
}

function keys(t, A) {
  t = Math.abs(t);
  if (t <= 1) return ((A + 2) * t - (A + 3)) * t * t + 1;
  if (t < 2) return ((A * t - 5 * A) * t + 8 * A) * t - 4 * A;
  return 0;
}

/** Exact-math perspective warp (float): nearest floor(s + 0.5), bilinear, Keys bicubic. */
export function warpPerspectiveFloatRef(img, Mi, ow, oh, interp, border, fill, A = -0.75) {
  const { width: w, height: h, channels: ch } = img;
  const out = { width: ow, height: oh, channels: ch, data: new Float32Array(ow * oh * ch) };
  const get = (x, y, c) => {
    const rx = borderIndex(x, w, border), ry = borderIndex(y, h, border);
    return rx < 0 || ry < 0 ? fill[c] : img.data[(ry * w + rx) * ch + c];
  };
  for (let y = 0; y < oh; y++) for (let x = 0; x < ow; x++) {
    const W = Mi[6] * x + Mi[7] * y + Mi[8], iw = W ? 1 / W : 0;
    const sx = (Mi[0] * x + Mi[1] * y + Mi[2]) * iw, sy = (Mi[3] * x + Mi[4] * y + Mi[5]) * iw;
    for (let c = 0; c < ch; c++) {
      let v;
      if (interp === 'nearest') v = get(Math.floor(sx + 0.5), Math.floor(sy + 0.5), c);
      else {
        const x0 = Math.floor(sx), y0 = Math.floor(sy), fx = sx - x0, fy = sy - y0;
        const offs = interp === 'bilinear' ? [0, 1] : [-1, 0, 1, 2];
        const wgt = (f, o) => (interp === 'bilinear' ? (o === 0 ? 1 - f : f) : keys(f - o, A));
        v = 0;
        for (const oy of offs) {
          let row = 0;
          for (const ox of offs) row += get(x0 + ox, y0 + oy, c) * wgt(fx, ox);
          v += row * wgt(fy, oy);
        }
      }
      out.data[(y * ow + x) * ch + c] = v;
    }
  }
  return out;
}
