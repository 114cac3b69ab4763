#!/usr/bin/env python3
"""Reference outputs for pixaug's resampling family (resize extras, warpPerspective, affine,
scale, translate), from OpenCV 4.6, Pillow 9.4 and scikit-image 0.19 (Debian bookworm packages).
Run with Debian's interpreter from the repository root:

    /usr/bin/python3 test/reference/make_resample_reference.py

Inputs: test/fixtures/reference/inputs/{D_rgb_53x41,E_rgba_31x37,F_gray_33x27}.npy (copied from
../shared/reference). Writes test/fixtures/resample/manifest.json and one .npy per case under
test/fixtures/resample/<name>/<op>/. Deterministic. Conventions as ../shared/oracle/README.md:
pixel centres at integers, OpenCV used geometrically (no BGR swap), float32 outputs unclipped.
"""
import json
import math
import os
import platform

import cv2
import numpy as np
import PIL
import skimage
from PIL import Image
from skimage import transform as sktf

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures')
INPUTS = os.path.join(ROOT, 'reference', 'inputs')
OUT = os.path.join(ROOT, 'resample')
NAMES = ['D_rgb_53x41', 'E_rgba_31x37', 'F_gray_33x27']
BORDERS = {'constant': cv2.BORDER_CONSTANT, 'edge': cv2.BORDER_REPLICATE, 'reflect': cv2.BORDER_REFLECT_101,
           'symmetric': cv2.BORDER_REFLECT, 'wrap': cv2.BORDER_WRAP}
INTERP = {'nearest': cv2.INTER_NEAREST, 'bilinear': cv2.INTER_LINEAR, 'bicubic': cv2.INTER_CUBIC}
FILL = [7, 20, 200, 128]

cases = []


def save(name, op, slug, arr, **meta):
    d = os.path.join(OUT, name, op)
    os.makedirs(d, exist_ok=True)
    rel = f'{name}/{op}/{slug}.npy'
    np.save(os.path.join(OUT, rel), np.ascontiguousarray(arr))
    cases.append(dict(name=name, op=op, id=f'{name}/{op}/{slug}', file=rel, dtype=str(arr.dtype), shape=list(arr.shape), **meta))


def homographies(w, h):
    """Two source->destination homographies from 4 corner moves: a mild keystone and a strong
    tilt that shrinks the far side by more than 2x."""
    src = np.float32([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]])
    mild = src + np.float32([[0.18 * w, 0.05 * h], [-0.11 * w, 0.02 * h], [0.03 * w, -0.04 * h], [-0.02 * w, 0.01 * h]])
    strong = src + np.float32([[0.40 * w, 0.30 * h], [-0.35 * w, 0.25 * h], [0.10 * w, 0.05 * h], [-0.05 * w, 0.0]])
    return {'mild': cv2.getPerspectiveTransform(src, mild), 'strong': cv2.getPerspectiveTransform(src, strong)}


def gen_perspective(name, img):
    h, w = img.shape[:2]
    ch = 1 if img.ndim == 2 else img.shape[2]
    fill = tuple(FILL[:ch]) + (0,) * (4 - ch)
    sizes = {'same': (w, h), 'other': (w + 9, h - 5)}
    for hname, M in homographies(w, h).items():
        for interp, flag in INTERP.items():
            borders = BORDERS if interp == 'bilinear' else {k: BORDERS[k] for k in ('constant', 'reflect')}
            if img.ndim == 3:  # colour images: a subset (the gray image has the whole grid)
                borders = {k: BORDERS[k] for k in (('constant', 'reflect', 'wrap') if interp == 'bilinear' else ('constant',))}
            for border, bflag in borders.items():
                size = sizes['other' if border == 'wrap' else 'same']
                out = cv2.warpPerspective(img, M, size, flags=flag, borderMode=bflag, borderValue=fill)
                save(name, 'perspective', f'cv2__{hname}__{interp}__{border}', out, lib='cv2',
                     call=f'cv2.warpPerspective(img, M, {size}, flags=cv2.{flag}, borderMode={bflag}, borderValue={fill})',
                     params=dict(matrix=M.ravel().tolist(), width=size[0], height=size[1], interpolation=interp,
                                 border=border, fill=list(FILL[:ch]), inverse=False))
        # WARP_INVERSE_MAP with the same matrix read as dst -> src
        Mi = np.linalg.inv(M)
        out = cv2.warpPerspective(img, Mi, (w, h), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderMode=cv2.BORDER_REPLICATE)
        save(name, 'perspective', f'cv2__{hname}__bilinear__edge__inverse', out, lib='cv2',
             call='cv2.warpPerspective(img, Minv, (w, h), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderMode=cv2.BORDER_REPLICATE)',
             params=dict(matrix=Mi.ravel().tolist(), width=w, height=h, interpolation='bilinear', border='edge', fill=[0] * ch, inverse=True))
        # scikit-image, float: warp(img, inverse_map) with the dst -> src homography (gray only: small)
        if img.ndim != 2:
            continue
        f = img.astype(np.float32)
        for order, interp in ((0, 'nearest'), (1, 'bilinear')):
            for mode in ('constant', 'edge'):
                out = sktf.warp(f, sktf.ProjectiveTransform(Mi), output_shape=(h, w), order=order, mode=mode, cval=3.0,
                                preserve_range=True, clip=False).astype(np.float32)
                save(name, 'perspective', f'skimage__{hname}__order{order}__{mode}', out, lib='skimage',
                     call=f'skimage.transform.warp(img.astype(float32), ProjectiveTransform(inv(M)), order={order}, mode={mode!r}, cval=3.0, preserve_range=True, clip=False)',
                     params=dict(matrix=M.ravel().tolist(), width=w, height=h, interpolation=interp, border=mode,
                                 fill=[3.0] * ch, inverse=False))


def gen_resize_extra(name, img):
    """One-axis resizes (Pillow skips the other pass), large factors, Pillow float mode 'F'."""
    h, w = img.shape[:2]
    pil_in = Image.fromarray(img)
    for (ow, oh) in ((w // 3, h), (w, h // 4 + 1), (4, 3), (w + 7, h + 5)):
        for m, flag in (('bilinear', Image.BILINEAR), ('bicubic', Image.BICUBIC), ('lanczos', Image.LANCZOS)):
            out = np.asarray(pil_in.resize((ow, oh), flag))
            save(name, 'resize', f'pil__w{ow}_h{oh}__{m}', out, lib='pil', call=f'PIL.Image.fromarray(img).resize(({ow}, {oh}), Image.{flag})',
                 params=dict(width=ow, height=oh, method=m, pil_mode=pil_in.mode))
        for m, flag in (('linear', cv2.INTER_LINEAR), ('cubic', cv2.INTER_CUBIC), ('area', cv2.INTER_AREA)):
            out = cv2.resize(img, (ow, oh), interpolation=flag)
            save(name, 'resize', f'cv2__w{ow}_h{oh}__{m}', out, lib='cv2', call=f'cv2.resize(img, ({ow}, {oh}), interpolation={flag})',
                 params=dict(width=ow, height=oh, method=m))
    if img.ndim == 2:
        f = Image.fromarray(img.astype(np.float32) / 255.0, mode='F')
        for (ow, oh) in ((12, 10), (50, 41), (33, 9)):
            for m, flag in (('bilinear', Image.BILINEAR), ('bicubic', Image.BICUBIC), ('lanczos', Image.LANCZOS)):
                out = np.asarray(f.resize((ow, oh), flag)).astype(np.float32)
                save(name, 'resize', f'pilF__w{ow}_h{oh}__{m}', out, lib='pil', call=f"PIL.Image.fromarray(img / 255, mode='F').resize(({ow}, {oh}), Image.{flag})",
                     params=dict(width=ow, height=oh, method=m, pil_mode='F', input_scale=1 / 255))


def affine_inverse(angle, scale, translate, shear, center):
    """pixaug's affine(): torchvision's _get_inverse_affine_matrix with the angle negated
    (counter-clockwise) and per-axis scale; same operations as src/ops/affine.ts affineInverse."""
    rot = -angle * math.pi / 180
    sx, sy = shear[0] * math.pi / 180, shear[1] * math.pi / 180
    cx, cy = center
    tx, ty = translate
    a = math.cos(rot - sy) / math.cos(sy)
    b = -math.cos(rot - sy) * math.tan(sx) / math.cos(sy) - math.sin(rot)
    c = math.sin(rot - sy) / math.cos(sy)
    d = -math.sin(rot - sy) * math.tan(sx) / math.cos(sy) + math.cos(rot)
    kx, ky = scale
    l00, l01, l10, l11 = a * kx, b * ky, c * kx, d * ky
    det = l00 * l11 - l01 * l10
    i00, i01, i10, i11 = l11 / det, -l01 / det, -l10 / det, l00 / det
    ux, uy = -cx - tx, -cy - ty
    return [i00, i01, i00 * ux + i01 * uy + cx, i10, i11, i10 * ux + i11 * uy + cy]


def gen_affine(name, img):
    """cv2.warpAffine(img, Minv, (w, h), flags | WARP_INVERSE_MAP) for the inverse maps of
    translate, scale and affine; scikit-image for a float affine."""
    h, w = img.shape[:2]
    ch = 1 if img.ndim == 2 else img.shape[2]
    fill = tuple(FILL[:ch]) + (0,) * (4 - ch)
    c = ((w - 1) / 2, (h - 1) / 2)
    maps = []
    for dx, dy in ((3.25, -2.5), (-7.6, 4.1)):
        maps.append(('translate', f'dx{dx:g}_dy{dy:g}', dict(dx=dx, dy=dy), [1.0, 0.0, -dx, 0.0, 1.0, -dy]))
    for f in (1.3, 0.7, (1.2, 0.8)):
        fx, fy = (f, f) if not isinstance(f, tuple) else f
        maps.append(('scale', f'f{fx:g}_{fy:g}', dict(factor=[fx, fy]), [1 / fx, 0.0, c[0] - c[0] / fx, 0.0, 1 / fy, c[1] - c[1] / fy]))
    for i, (angle, scale, translate, shear) in enumerate(((20.0, (0.9, 0.9), (3.0, -2.0), (10.0, 5.0)),
                                                          (-35.0, (1.1, 0.95), (-4.5, 1.25), (0.0, -12.0)),
                                                          (90.0, (1.0, 1.0), (0.0, 0.0), (0.0, 0.0)))):
        maps.append(('affine', f'case{i}', dict(angle=angle, scale=list(scale), translate=list(translate), shear=list(shear)),
                     affine_inverse(angle, scale, translate, shear, c)))
    for op, slug, params, Mi in maps:
        M = np.array(Mi, np.float64).reshape(2, 3)
        # every interpolation x 3 borders on the small gray image, a subset on colour images
        grid = [(i, b) for i in INTERP for b in (('constant', 'reflect', 'wrap') if op != 'affine' else ('constant', 'edge', 'symmetric'))]
        if img.ndim == 3:
            grid = [('bilinear', 'constant'), ('bilinear', 'reflect' if op != 'affine' else 'symmetric'), ('bicubic', 'constant'), ('nearest', 'constant')]
        for interp, border in grid:
            flag = INTERP[interp]
            if True:
                out = cv2.warpAffine(img, M, (w, h), flags=flag | cv2.WARP_INVERSE_MAP, borderMode=BORDERS[border], borderValue=fill)
                save(name, op, f'cv2__{slug}__{interp}__{border}', out, lib='cv2',
                     call=f'cv2.warpAffine(img, Minv, ({w}, {h}), flags=cv2.{flag} | cv2.WARP_INVERSE_MAP, borderMode={BORDERS[border]}, borderValue={fill})',
                     params=dict(params, inverse_map_2x3=Mi, interpolation=interp, border=border, fill=list(FILL[:ch])))
        if img.ndim == 2 and op == 'affine':
            M3 = np.vstack([M, [0, 0, 1]])
            out = sktf.warp(img.astype(np.float32), sktf.AffineTransform(matrix=M3), order=1, mode='reflect', preserve_range=True, clip=False).astype(np.float32)
            save(name, op, f'skimage__{slug}__order1__reflect', out, lib='skimage',
                 call='skimage.transform.warp(img.astype(float32), AffineTransform(matrix=Minv), order=1, mode="reflect", preserve_range=True, clip=False)',
                 params=dict(params, inverse_map_2x3=Mi, interpolation='bilinear', border='reflect', fill=[0] * ch))


def main():
    for name in NAMES:
        img = np.load(os.path.join(INPUTS, name + '.npy'))
        gen_perspective(name, img)
        gen_resize_extra(name, img)
        gen_affine(name, img)
    versions = dict(python=platform.python_version(), numpy=np.__version__, opencv=cv2.__version__,
                    skimage=skimage.__version__, pillow=PIL.__version__)
    with open(os.path.join(OUT, 'manifest.json'), 'w') as fh:
        json.dump(dict(versions=versions, cases=cases), fh, indent=1)
    print(len(cases), 'cases')


if __name__ == '__main__':
    main()
