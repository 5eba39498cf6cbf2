"""The lecture's average12GB.py in Python 3: maps the file read-only and sums it row by row.
The slide gives no dtype (numpy then reads bytes, uint8); pass float64 to read the doubles
create_bigfile.py wrote. usage: average_bigfile.py FILE [n=40000] [dtype=uint8]"""
import sys

import numpy as np

path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 40000
dtype = sys.argv[3] if len(sys.argv) > 3 else "uint8"
a = np.memmap(path, dtype=dtype, mode="r", shape=(n, n))
total = 0.0
for i in range(n):
    total += a[i].sum()
average = total / (n * n)
print(average)
