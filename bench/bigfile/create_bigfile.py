"""The lecture's create12GB.py in Python 3: an n x n float64 numpy.memmap filled row by row
with random numbers. usage: create_bigfile.py FILE [n=40000]"""
import sys

import numpy as np

path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 40000
a = np.memmap(path, dtype="float64", mode="w+", shape=(n, n))
for i in range(n):
    a[i, :] = np.random.rand(n)
del a
