"""The lecture's area under the curve (hands-on: parallelize it with numexpr) on hpcpp:
the same program, one line changed; then hpcpp.auc, the library's own threaded sum.

    /usr/bin/python3 examples/python/auc_numexpr.py [NTOT]

The left Riemann sum of 0.7x^3 - 2x^2 + 4 on [0, 3] (exactly 8.175) in chunks of a
million points, each chunk's sum one evaluate call.
"""
import sys

import numpy as np

import hpcpp as ne  # the lecture's hands-on: import numexpr as ne

ntot = int(sys.argv[1]) if len(sys.argv) > 1 else 30000000
dx = 3.0 / ntot
chunk = 1000000
a = 0.0
for start in range(0, ntot, chunk):
    x = np.arange(start, min(start + chunk, ntot)) * dx
    a += float(ne.evaluate("sum((0.7*x**3 - 2*x**2 + 4)*dx)"))
print("The area is", a)

import hpcpp  # noqa: E402

print("hpcpp.auc: the area is", hpcpp.auc(ntot, backend="threads"))
