// Plain-JS references for the affine warps, written from the numpy spec
// shared/oracle/refimpl.py (not from the AssemblyScript kernels):
//   cvInvertAffine      = refimpl.cv2_invert_affine
//   cvInterTab          = refimpl._cv_inter_tab (plus the Keys parameter A, -0.75 in refimpl)
//   cvWarpAffineU8      = refimpl.cv2_warp_affine_emulate, taking the INVERSE map (dst -> src)
//   warpAffineRef       = refimpl.warp_affine_ref (exact float64 math)
// Images are pixaug images { width, height, channels, data }. Fill is one number per channel.

const f = Math.fround;

import { borderIndex } from './geometry.js';
export { borderIndex };

/** Round half to even (np.rint / cvRound). */
export function rint(v) {
  let r = Math.round(v); // half up
  if (r - v === 0.5 && r % 2 !== 0) r -= 1;
  return r;
}

/** refimpl.cv2_invert_affine: the double-precision inversion of cv2.warpAffine. */
export function cvInvertAffine(M) {
  M = Array.from(M);
  let D = M[0] * M[4] - M[1] * M[3];
  D = D !== 0 ? 1 / D : 0;
  const A11 = M[4] * D, A22 = M[0] * D;
  M[0] = A11; M[1] *= -D; M[3] *= -D; M[4] = A22;
  const b1 = -M[0] * M[2] - M[1] * M[5];
  const b2 = -M[3] * M[2] - M[4] * M[5];
  M[2] = b1; M[5] = b2;
  return M;
}

/**
 * cv2.getRotationMatrix2D((cx, cy), angle, 1) as OpenCV 4.6 computes it: `angle *= CV_PI/180`
 * (so angle * (PI/180), not (angle * PI)/180), centre passed as a cv::Point2f (float32).
 */
export function cvRotationMatrix(angle, cx, cy) {
  const a = angle * (Math.PI / 180);
  const al = Math.cos(a), be = Math.sin(a);
  const x = Math.fround(cx), y = Math.fround(cy);
  return [al, be, (1 - al) * x - be * y, -be, al, be * x + (1 - al) * y];
}

/** refimpl._cv_inter_tab: Int32Array of 32*32 entries of ks*ks weights (entry (fy, fx), taps [a][b]). */
export function cvInterTab(interp, A = -0.75) {
  const ks = interp === 'bilinear' ? 2 : 4;
  const tab1 = [];
  const Af = f(A);
  for (let i = 0; i < 32; i++) {
    const x = f(i * f(1 / 32));
    if (ks === 2) tab1.push([f(1 - x), x]);
    else {
      const x1 = f(x + 1);
      const c0 = f(f(f(f(f(f(Af * x1) - f(5 * Af)) * x1) + f(8 * Af)) * x1) - f(4 * Af));
      const c1 = f(f(f(f(f(f(Af + 2) * x) - f(Af + 3)) * x) * x) + 1);
      const y = f(1 - x);
      const c2 = f(f(f(f(f(f(Af + 2) * y) - f(Af + 3)) * y) * y) + 1);
      const c3 = f(f(f(1 - c0) - c1) - c2);
      tab1.push([c0, c1, c2, c3]);
    }
  }
  const n = ks * ks;
  const out = new Int32Array(32 * 32 * n);
  for (let i = 0; i < 32; i++) {
    for (let j = 0; j < 32; j++) {
      const it = new Array(n);
      let isum = 0;
      for (let a = 0; a < ks; a++) {
        for (let b = 0; b < ks; b++) {
          const v = f(f(tab1[i][a] * tab1[j][b]) * 32768);
          it[a * ks + b] = rint(v);
          isum += it[a * ks + b];
        }
      }
      if (isum !== 32768) {
        const diff = isum - 32768;
        const k2 = ks >> 1;
        let Mk = k2 * ks + k2, mk = Mk;
        for (let a = k2; a < k2 + 2; a++) {
          for (let b = k2; b < k2 + 2; b++) {
            const v = it[a * ks + b];
            if (v < it[mk]) mk = a * ks + b;
            else if (v > it[Mk]) Mk = a * ks + b;
          }
        }
        if (diff < 0) it[Mk] -= diff; else it[mk] -= diff;
      }
      out.set(it, (i * 32 + j) * n);
    }
  }
  return out;
}

const tabCache = new Map();

function fetchPixel(img, xi, yi, border, fill, out) {
  const rx = borderIndex(xi, img.width, border), ry = borderIndex(yi, img.height, border);
  const c = img.channels;
  const stride = img.stride ?? img.width * c;
  for (let k = 0; k < c; k++) out[k] = rx < 0 || ry < 0 ? fill[k] : img.data[ry * stride + rx * c + k];
}

/**
 * refimpl.cv2_warp_affine_emulate with the inverse map Mi (6 numbers, dst -> src) given
 * directly; uint8 in, uint8 out (outW x outH). fill: array of channels numbers.
 */
export function cvWarpAffineU8(img, Mi, outW, outH, interp, border, fill, cubicA = -0.75) {
  const c = img.channels;
  const out = new Uint8Array(outW * outH * c);
  const adelta = [], bdelta = [];
  for (let x = 0; x < outW; x++) {
    adelta.push(rint(Mi[0] * x * 1024));
    bdelta.push(rint(Mi[3] * x * 1024));
  }
  const rd = interp === 'nearest' ? 512 : 16;
  const px = new Array(c);
  let tab = null, ks = 1;
  if (interp !== 'nearest') {
    const key = interp + ':' + f(cubicA);
    tab = tabCache.get(key);
    if (!tab) { tab = cvInterTab(interp, cubicA); tabCache.set(key, tab); }
    ks = interp === 'bilinear' ? 2 : 4;
  }
  const o = ks === 4 ? -1 : 0;
  const acc = new Array(c);
  for (let y = 0; y < outH; y++) {
    const X0 = rint((Mi[1] * y + Mi[2]) * 1024) + rd;
    const Y0 = rint((Mi[4] * y + Mi[5]) * 1024) + rd;
    for (let x = 0; x < outW; x++) {
      const X = X0 + adelta[x], Y = Y0 + bdelta[x];
      const dp = (y * outW + x) * c;
      if (interp === 'nearest') {
        fetchPixel(img, Math.floor(X / 1024), Math.floor(Y / 1024), border, fill, px);
        for (let k = 0; k < c; k++) out[dp + k] = Math.min(255, Math.max(0, px[k]));
        continue;
      }
      const Xs = Math.floor(X / 32), Ys = Math.floor(Y / 32);
      const xi = Math.floor(Xs / 32), yi = Math.floor(Ys / 32);
      const fx = Xs - xi * 32, fy = Ys - yi * 32;
      const e = (fy * 32 + fx) * ks * ks;
      acc.fill(0);
      for (let a = 0; a < ks; a++) {
        for (let b = 0; b < ks; b++) {
          const w = tab[e + a * ks + b];
          fetchPixel(img, xi + o + b, yi + o + a, border, fill, px);
          for (let k = 0; k < c; k++) acc[k] += w * px[k];
        }
      }
      let far = false;
      if (border === 'constant') {
        const sx = xi + o, sy = yi + o;
        far = sx >= img.width || sx + ks <= 0 || sy >= img.height || sy + ks <= 0;
      }
      for (let k = 0; k < c; k++) {
        const v = far ? fill[k] : Math.floor((acc[k] + 16384) / 32768);
        out[dp + k] = Math.min(255, Math.max(0, v));
      }
    }
  }
  return { width: outW, height: outH, channels: c, data: out };
}

/** refimpl.cv2_warp_affine_emulate(img, M (forward), (outW, outH), interp, border, fill). */
export function cvWarpAffineForwardU8(img, M, outW, outH, interp, border, fill, cubicA = -0.75) {
  return cvWarpAffineU8(img, cvInvertAffine(M), outW, outH, interp, border, fill, cubicA);
}

function keys(t, a) {
  t = Math.abs(t);
  if (t <= 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2) return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a;
  return 0;
}

/**
 * refimpl.warp_affine_ref: exact float64 math, Mi the inverse map. Returns a Float64Array image
 * (unclipped). fill: array of channels numbers.
 */
export function warpAffineRef(img, Mi, outW, outH, interp, border, fill, cubicA = -0.5) {
  const c = img.channels;
  const out = new Float64Array(outW * outH * c);
  const px = new Array(c);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      const sx = Mi[0] * x + Mi[1] * y + Mi[2];
      const sy = Mi[3] * x + Mi[4] * y + Mi[5];
      const dp = (y * outW + x) * c;
      if (interp === 'nearest') {
        fetchPixel(img, Math.floor(sx + 0.5), Math.floor(sy + 0.5), border, fill, px);
        for (let k = 0; k < c; k++) out[dp + k] = px[k];
        continue;
      }
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      const fx = sx - x0, fy = sy - y0;
      let offs, wx, wy;
      if (interp === 'bilinear') {
        offs = [0, 1]; wx = [1 - fx, fx]; wy = [1 - fy, fy];
      } else {
        offs = [-1, 0, 1, 2];
        wx = offs.map((o) => keys(fx - o, cubicA));
        wy = offs.map((o) => keys(fy - o, cubicA));
      }
      for (let k = 0; k < c; k++) out[dp + k] = 0;
      for (let j = 0; j < offs.length; j++) {
        const row = new Array(c).fill(0);
        for (let i = 0; i < offs.length; i++) {
          fetchPixel(img, x0 + offs[i], y0 + offs[j], border, fill, px);
          for (let k = 0; k < c; k++) row[k] += wx[i] * px[k];
        }
        for (let k = 0; k < c; k++) out[dp + k] += wy[j] * row[k];
      }
    }
  }
  return { width: outW, height: outH, channels: c, data: out };
}
