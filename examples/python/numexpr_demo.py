"""The lecture's numexpr demo on hpcpp: the same script, one line changed.

    /usr/bin/python3 examples/python/numexpr_demo.py [N]

Times c = a**2 + b**2 + 2*a*b with numpy, then with evaluate(..., out=c) on 1 and 2
threads, as the lecture's etime lines do (best of 5 runs each).
"""
import math
import sys
import time

import numpy as np

import hpcpp as ne  # the lecture: import numexpr as ne


def seconds_text(seconds):
    """As `hpcpp etime` prints: two decimals, or two significant digits below 0.1 s."""
    if not 0 < seconds < 0.1:
        return f"{seconds:.2f}"
    return f"{seconds:.{1 - math.floor(math.log10(seconds))}f}"


def etime(run, repeats=5):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    print(f"Elapsed: {seconds_text(best)} seconds")


n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
a = np.random.rand(n)
b = np.random.rand(n)
c = np.zeros(n)

print("numpy:    c = a**2 + b**2 + 2*a*b")
etime(lambda: a**2 + b**2 + 2 * a * b)
for threads in (1, 2):
    old = ne.set_num_threads(threads)
    print(f"{threads} thread(s): ne.evaluate('a**2 + b**2 + 2*a*b', out=c)")
    etime(lambda: ne.evaluate("a**2 + b**2 + 2*a*b", out=c))
    ne.set_num_threads(old)
assert np.allclose(c, a**2 + b**2 + 2 * a * b)
