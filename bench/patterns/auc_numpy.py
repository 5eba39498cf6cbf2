# auc_numpy.py: whole-array numpy, in blocks of 10^7 points to bound the memory. Usage: auc_numpy.py N
import sys

import numpy as np

ntot = int(sys.argv[1])
dx = 3.0 / ntot
block = 10_000_000
a = 0.0
for start in range(0, ntot, block):
    x = np.arange(start, min(start + block, ntot), dtype=np.float64) * dx
    y = 0.7 * x**3 - 2 * x**2 + 4
    a += np.sum(y * dx)
print("The area is", a)
