"""Fits the polynomial coefficients of assembly/mathf.ts (pixaug's own float32 log, exp, sin/cos).

Run with Debian's interpreter:  /usr/bin/python3 test/reference/fit_polys.py
Method: weighted least squares on a dense grid (a near-minimax fit for these smooth functions),
coefficients rounded to float32, then the max error of the float32 Horner evaluation (emulated
with numpy.float32, the same operation order as mathf.ts) is measured on 2^20 points.
Deterministic; prints the coefficients as AssemblyScript constants.
"""
import numpy as np

f32 = np.float32


def lsq(x, y, w, powers):
    A = np.stack([x ** p for p in powers], axis=1) * w[:, None]
    c, *_ = np.linalg.lstsq(A, y * w, rcond=None)
    return [f32(v) for v in c]


def horner(coefs, t):
    """float32 Horner: c0 + t*(c1 + t*(c2 + ...)), every operation rounded to float32."""
    acc = np.full_like(t, coefs[-1], dtype=np.float32)
    for c in reversed(coefs[:-1]):
        acc = f32(c) + acc * t
    return acc


def refine(fit, evaluate, target, x, rounds=4):
    """Iteratively reweighted least squares towards minimax (Lawson-style)."""
    w = np.ones_like(x)
    best = None
    for _ in range(rounds * 10):
        c = fit(w)
        err = np.abs(evaluate(c, x.astype(np.float64)) - target)
        m = err.max()
        if best is None or m < best[0]:
            best = (m, c)
        w = w * (err / m + 1e-3) ** 0.5
        w = w / w.max()
    return best[1]


# ---- log(1+f) = f - f^2/2 + f^3 * P(f), f in [sqrt(.5)-1, sqrt(2)-1] ---------------------
lo, hi = np.sqrt(0.5) - 1, np.sqrt(2) - 1
x = np.linspace(lo, hi, 20001)
x = x[np.abs(x) > 1e-4]
tgt = (np.log1p(x) - x + x * x / 2) / x ** 3
deg = 7
P = refine(lambda w: lsq(x, tgt, w, range(deg + 1)), lambda c, t: np.polyval(np.array(c[::-1], dtype=np.float64), t), tgt, x)
# float32 evaluation error of the whole logf(m) for m in [sqrt(.5), sqrt(2))
m = np.linspace(np.sqrt(0.5), np.sqrt(2), 1 << 20, endpoint=False).astype(np.float32)
f = (m - f32(1)).astype(np.float32)
f2 = (f * f).astype(np.float32)
val = (f - f2 * f32(0.5) + (f2 * f) * horner(P, f)).astype(np.float32)
true = np.log(m.astype(np.float64))
err_log = np.max(np.abs(val - true))
print('// log1p P coefficients (degree %d), max abs error on [sqrt(.5), sqrt(2)): %.3g' % (deg, err_log))
for i, c in enumerate(P):
    print('const LOG_P%d: f32 = %r;' % (i, float(c)))

# ---- sin(pi/2 t) = t * S(t^2), cos(pi/2 t) = C(t^2), t in [-0.5, 0.5] ---------------------
t = np.linspace(1e-6, 0.5, 20001)
u = t * t
ts = np.sin(np.pi / 2 * t) / t
S = refine(lambda w: lsq(u, ts, w / 1.0, range(4)), lambda c, q: np.polyval(np.array(c[::-1], dtype=np.float64), q), ts, u)
tc = np.cos(np.pi / 2 * t)
C = refine(lambda w: lsq(u, tc, w, range(5)), lambda c, q: np.polyval(np.array(c[::-1], dtype=np.float64), q), tc, u)
tt = (np.arange(-(1 << 23), 1 << 23, 7, dtype=np.int64).astype(np.float32) * f32(2.0 ** -24)).astype(np.float32)
t2 = (tt * tt).astype(np.float32)
sv = (tt * horner(S, t2)).astype(np.float32)
cv = horner(C, t2)
es = np.max(np.abs(sv - np.sin(np.pi / 2 * tt.astype(np.float64))))
ec = np.max(np.abs(cv - np.cos(np.pi / 2 * tt.astype(np.float64))))
print('// sin(pi/2 t) = t*S(t^2): max abs error %.3g; cos(pi/2 t) = C(t^2): max abs error %.3g' % (es, ec))
for i, c in enumerate(S):
    print('const SIN_S%d: f32 = %r;' % (i, float(c)))
for i, c in enumerate(C):
    print('const COS_C%d: f32 = %r;' % (i, float(c)))

# ---- exp(r) = 1 + r + r^2 * Q(r), r in [-ln2/2, ln2/2] --------------------------------------
r = np.linspace(-np.log(2) / 2, np.log(2) / 2, 20001)
r = r[np.abs(r) > 1e-4]
tq = (np.exp(r) - 1 - r) / r ** 2
Q = refine(lambda w: lsq(r, tq, w, range(5)), lambda c, q: np.polyval(np.array(c[::-1], dtype=np.float64), q), tq, r)
rr = np.linspace(-np.log(2) / 2, np.log(2) / 2, 1 << 20).astype(np.float32)
ev = (f32(1) + (rr + (rr * rr) * horner(Q, rr))).astype(np.float32)
ee = np.max(np.abs(ev / np.exp(rr.astype(np.float64)) - 1))
print('// exp(r) = 1 + (r + r^2 Q(r)): max rel error %.3g' % ee)
for i, c in enumerate(Q):
    print('const EXP_Q%d: f32 = %r;' % (i, float(c)))
