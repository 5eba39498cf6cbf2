# auc_numexpr.py: numexpr evaluates the curve (all cores), numpy sums, in blocks of 10^7.
# Usage: auc_numexpr.py N
import sys

import numexpr as ne
import numpy as np

ntot = int(sys.argv[1])
dx = 3.0 / ntot
block = 10_000_000
a = 0.0
for start in range(0, ntot, block):
    i = np.arange(start, min(start + block, ntot), dtype=np.float64)
    y = ne.evaluate("(0.7*(i*dx)**3 - 2*(i*dx)**2 + 4)*dx")
    a += np.sum(y)
print("The area is", a)
