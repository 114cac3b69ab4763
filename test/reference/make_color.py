#!/usr/bin/env python3
"""Golden outputs for pixaug's photometric operations (test/color.test.js), from the libraries
each operation names as its reference: OpenCV 4.6, Pillow 9.4, scikit-image 0.19, SciPy 1.10,
numpy 1.24 (Debian bookworm packages).  Run with Debian's interpreter from the repository root:

    /usr/bin/python3 test/reference/make_color.py

Inputs: the uint8 crops of test/fixtures/reference/inputs (D_rgb_53x41, E_rgba_31x37,
F_gray_33x27); float32 inputs are those / 255.  Writes test/fixtures/color/manifest.json and one
.npy per case (v1.0, C order, little endian; gray outputs are HxW).  Deterministic.

Alpha: pixaug leaves alpha untouched; where a library would also transform alpha (Pillow's
ImageOps on RGBA) the reference is computed on the colour channels and alpha re-attached, and
the case says so in `notes`.
"""
import json
import os
import platform

import cv2
import numpy as np
import PIL
import scipy
import scipy.ndimage as ndi
import skimage
from PIL import Image, ImageEnhance, ImageOps
from skimage import exposure, filters

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
INPUTS = os.path.join(ROOT, 'test', 'fixtures', 'reference', 'inputs')
OUT = os.path.join(ROOT, 'test', 'fixtures', 'color')
NAMES = ['D_rgb_53x41', 'E_rgba_31x37', 'F_gray_33x27']
VERSIONS = dict(python=platform.python_version(), numpy=np.__version__, opencv=cv2.__version__,
                skimage=skimage.__version__, scipy=scipy.__version__, pillow=PIL.__version__)

cases = []


def save(op, name, tag, arr, **meta):
    rel = f'{op}/{name}__{tag}.npy'
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    arr = np.ascontiguousarray(arr)
    np.save(path, arr)
    cases.append(dict(id=f'{name}/{op}/{tag}', op=op, input=name, file=rel, dtype=str(arr.dtype),
                      shape=list(arr.shape), **meta))


def split_alpha(img):
    if img.ndim == 3 and img.shape[2] in (2, 4):
        return img[..., :-1], img[..., -1:]
    return img, None


def join_alpha(color, alpha):
    return color if alpha is None else np.concatenate([color, alpha], axis=2)


def pil(arr):
    return Image.fromarray(arr if arr.ndim == 2 or arr.shape[2] > 1 else arr[..., 0])


def pil_on_color(img, fn):
    """Applies a Pillow function to the colour channels, re-attaches alpha."""
    color, alpha = split_alpha(img)
    out = np.asarray(fn(pil(color)))
    if color.ndim == 3 and out.ndim == 2:
        out = out[..., None]
    return join_alpha(out, alpha)


for name in NAMES:
    img = np.load(os.path.join(INPUTS, name + '.npy'))
    imgf = (img.astype(np.float32) / np.float32(255)).astype(np.float32)
    color, alpha = split_alpha(img)
    is_color = img.ndim == 3 and color.shape[2] == 3

    # ---- brightness: out = in * factor (cv2.convertScaleAbs rounds to nearest, ties to even) ----
    for f in [0.6, 1.37]:
        out = join_alpha(cv2.convertScaleAbs(color, alpha=f, beta=0).reshape(color.shape), alpha)
        # exact products, to tell ties (x.5) apart: cv2 multiplies in float32
        exact = (color.astype(np.float32) * np.float32(f)).astype(np.float32)
        tie = join_alpha((exact - np.floor(exact) == 0.5).astype(np.uint8).reshape(color.shape), None if alpha is None else np.zeros_like(alpha))
        save('brightness', name, f'f{f}', out, lib='opencv', call=f'cv2.convertScaleAbs(rgb, alpha={f}, beta=0)', params=dict(factor=f),
             notes='alpha re-attached; cv2 rounds half to even, pixaug half up: differs by 1 exactly where tie == 1')
        save('brightness', name, f'f{f}_tie', tie, lib='numpy', call='float32(rgb) * factor has fraction 0.5', params=dict(factor=f))
        if name == 'D_rgb_53x41':
            save('brightness', name, f'f{f}_float', (imgf * np.float32(f)).astype(np.float32), lib='numpy',
                 call=f'float32(img / 255) * float32({f})', params=dict(factor=f))

    # ---- contrast: Pillow ImageEnhance.Contrast (mean of L, blend, truncation) ----------------
    for f in [0.5, 1.8]:
        out = np.asarray(ImageEnhance.Contrast(pil(img)).enhance(f))
        if img.ndim == 3 and out.ndim == 2:
            out = out[..., None]
        L = np.asarray(pil(color).convert('L'))
        save('contrast', name, f'f{f}', out.reshape(img.shape), lib='pillow', call=f'ImageEnhance.Contrast(im).enhance({f})',
             params=dict(factor=f, pillow_mean=int(L.mean() + 0.5)),
             notes='Pillow truncates toward zero after clipping; pixaug rounds half up: pixaug - pillow in {0, 1}')

    # ---- gamma: skimage.exposure.adjust_gamma (uint8 LUT truncates; float x**g * gain) ----------
    for g, gain in [(0.5, 1.0), (2.2, 0.9)]:
        out = exposure.adjust_gamma(img, g, gain)
        lut = 255 * gain * (np.linspace(0, 1, 256) ** g)
        save('gamma', name, f'g{g}_gain{gain}', out, lib='skimage', call=f'exposure.adjust_gamma(img, {g}, {gain})',
             params=dict(gamma=g, gain=gain), notes='0.19 truncates the LUT (astype uint8); pixaug rounds half up')
        save('gamma', name, f'g{g}_gain{gain}_lut', lut.astype(np.float64), lib='skimage',
             call=f'255 * {gain} * np.linspace(0, 1, 256) ** {g} (the float LUT before truncation)', params=dict(gamma=g, gain=gain))
        if name == 'D_rgb_53x41':
            save('gamma', name, f'g{g}_gain{gain}_float', exposure.adjust_gamma(imgf, g, gain).astype(np.float32), lib='skimage',
                 call=f'exposure.adjust_gamma(float32(img / 255), {g}, {gain})', params=dict(gamma=g, gain=gain))

    # ---- grayscale BT.601: OpenCV (14-bit fixed point) and Pillow (16-bit fixed point) ---------
    if is_color:
        code = cv2.COLOR_RGBA2GRAY if alpha is not None else cv2.COLOR_RGB2GRAY
        save('grayscale', name, 'opencv', cv2.cvtColor(img, code), lib='opencv', call='cv2.cvtColor(img, COLOR_RGB(A)2GRAY)', params=dict(method='opencv'))
        save('grayscale', name, 'pillow', np.asarray(pil(color).convert('L')), lib='pillow', call="Image.fromarray(rgb).convert('L')", params=dict(method='pillow'))
        save('grayscale', name, 'opencv_float', cv2.cvtColor(imgf, code), lib='opencv', call='cv2.cvtColor(float32(img / 255), COLOR_RGB(A)2GRAY)', params=dict(method='opencv'))

    # ---- solarize, posterize, equalize: Pillow ImageOps (colour channels; alpha re-attached) -----
    for t in [128, 77]:
        save('solarize', name, f't{t}', pil_on_color(img, lambda im: ImageOps.solarize(im, t)), lib='pillow',
             call=f'ImageOps.solarize(im, threshold={t})', params=dict(threshold=t))
    for bits in [1, 3, 6]:
        save('posterize', name, f'b{bits}', pil_on_color(img, lambda im: ImageOps.posterize(im, bits)), lib='pillow',
             call=f'ImageOps.posterize(im, {bits})', params=dict(bits=bits))
    save('equalize', name, 'pil', pil_on_color(img, ImageOps.equalize), lib='pillow', call='ImageOps.equalize(im)', params={})

    # ---- hue / saturation / value shifts through OpenCV's float HSV ------------------------------
    if is_color:
        for dh, ds, dv in [(30.0, -0.2, 0.1), (-100.0, 0.3, -0.25), (200.0, 0.0, 0.0)]:
            cf = (color.astype(np.float32) / np.float32(255)).astype(np.float32)
            hsv = cv2.cvtColor(cf, cv2.COLOR_RGB2HSV)
            hsv[..., 0] = np.mod(hsv[..., 0] + np.float32(dh), np.float32(360))
            hsv[..., 1] = np.clip(hsv[..., 1] + np.float32(ds), 0, 1)
            hsv[..., 2] = np.clip(hsv[..., 2] + np.float32(dv), 0, 1)
            rgb = cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB)
            tag = f'h{dh}_s{ds}_v{dv}'
            save('hsv', name, tag + '_float', join_alpha(rgb, None if alpha is None else alpha.astype(np.float32) / np.float32(255)).astype(np.float32),
                 lib='opencv', call='cv2.cvtColor(float32 HSV <-> RGB), h = (h + dh) mod 360, s, v clipped to [0, 1]',
                 params=dict(hue=dh, saturation=ds, value=dv), notes='computed on rgb / 255; uint8 pixaug = floor(255 x + 0.5)')

    # ---- gaussian blur: cv2.GaussianBlur (uint8 fixed point, float32) and scipy for wrap ---------
    for sigma in [1.0, 2.3]:
        for bname, bcode in [('reflect', cv2.BORDER_REFLECT_101), ('edge', cv2.BORDER_REPLICATE), ('symmetric', cv2.BORDER_REFLECT), ('constant', cv2.BORDER_CONSTANT)]:
            out = cv2.GaussianBlur(img, (0, 0), sigma, borderType=bcode).reshape(img.shape)
            save('blur', name, f's{sigma}_{bname}', out, lib='opencv', call=f'cv2.GaussianBlur(img, (0, 0), {sigma}, borderType={bcode})',
                 params=dict(sigma=sigma, border=bname), notes='uint8: OpenCV uses 8.8 fixed-point weights; pixaug float32: |diff| <= 1')
            outf = cv2.GaussianBlur(imgf, (0, 0), sigma, borderType=bcode).reshape(img.shape)
            save('blur', name, f's{sigma}_{bname}_float', outf.astype(np.float32), lib='opencv',
                 call=f'cv2.GaussianBlur(float32(img / 255), (0, 0), {sigma}, borderType={bcode})', params=dict(sigma=sigma, border=bname))
        # wrap: OpenCV filters do not support BORDER_WRAP; scipy's grid-wrap is numpy 'wrap'
        ksize = int(round(sigma * 4 * 2 + 1)) | 1
        radius = (ksize - 1) // 2
        outw = ndi.gaussian_filter(imgf.astype(np.float64), sigma=[sigma, sigma, 0][:img.ndim], mode='grid-wrap', truncate=radius / sigma)
        save('blur', name, f's{sigma}_wrap_float', outw.astype(np.float32), lib='scipy',
             call=f"ndi.gaussian_filter(img / 255, {sigma}, mode='grid-wrap', truncate={radius}/{sigma})", params=dict(sigma=sigma, border='wrap', radius=radius))

    # ---- sharpen: skimage.filters.unsharp_mask (gaussian with mode='reflect' = numpy symmetric) --
    for radius, amount in [(1.0, 1.0), (2.0, 0.6)]:
        ca = 2 if img.ndim == 3 else None  # not -1: skimage 0.19 slice_at_axis(ch, -1) slices axis 0
        out = filters.unsharp_mask(img, radius=radius, amount=amount, preserve_range=True, channel_axis=ca)
        save('sharpen', name, f'r{radius}_a{amount}', out.astype(np.float32), lib='skimage',
             call=f'filters.unsharp_mask(img, radius={radius}, amount={amount}, preserve_range=True, channel_axis={ca})',
             params=dict(sigma=radius, amount=amount, border='symmetric'),
             notes='float32 of the float64 result, not rounded, not clipped; alpha is sharpened too by skimage (pixaug keeps it): compare colour channels')

with open(os.path.join(OUT, 'manifest.json'), 'w') as fh:
    json.dump(dict(versions=VERSIONS, generator='test/reference/make_color.py', cases=cases), fh, indent=1)
print(len(cases), 'cases')
