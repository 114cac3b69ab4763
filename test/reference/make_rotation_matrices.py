"""cv2.getRotationMatrix2D for many angles and centres -> test/fixtures/rotation_matrices.json.

V8's Math.cos / Math.sin are not always correctly rounded, so for some angles pixaug's
rotationMatrix differs from OpenCV's (glibc's) in the last bit. test/warp-matrix.test.js checks
that rotate() is still bit-exact with cv2.warpAffine(getRotationMatrix2D(...)) for those angles.
Run with Debian's python3 (python3-opencv 4.6): /usr/bin/python3 test/reference/make_rotation_matrices.py
"""
import json
import os
import numpy as np
import cv2

rs = np.random.RandomState(7)
angles = list(rs.uniform(-360, 360, 3000)) + [0.1 * i for i in range(-3600, 3601, 7)]
rows = []
for a in angles:
    cx = float(rs.choice([0, 10, 26, 99.5, 511.5, 1023 / 2]))
    cy = float(rs.choice([0, 20, 15.5, 299.5, 200]))
    m = cv2.getRotationMatrix2D((cx, cy), float(a), 1.0)
    rows.append([float(a), cx, cy] + [float(v) for v in m.ravel()])
out = os.path.join(os.path.dirname(__file__), '..', 'fixtures', 'rotation_matrices.json')
with open(out, 'w') as f:
    json.dump({'opencv': cv2.__version__, 'columns': ['angle', 'cx', 'cy', 'm00', 'm01', 'm02', 'm10', 'm11', 'm12'], 'rows': rows}, f)
print(len(rows), 'rows ->', out)
