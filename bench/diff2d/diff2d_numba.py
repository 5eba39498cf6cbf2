"""The lecture's diff2d loops compiled with numba (@njit), same order of operations.

usage: diff2d_numba.py PARAMS [FINAL.npy]
"""
import numba
import numpy as np

from lecture_params import load, save_path


@numba.njit(cache=False)
def advance(dens, densnext, lapl, nrows, ncols, factor, steps):
    for _ in range(steps):
        for i in range(1, nrows + 1):
            for j in range(1, ncols + 1):
                lapl[i, j] = dens[i + 1, j] + dens[i - 1, j] + dens[i, j + 1] + dens[i, j - 1] - 4 * dens[i, j]
        for i in range(1, nrows + 1):
            for j in range(1, ncols + 1):
                densnext[i, j] = dens[i, j] + factor * lapl[i, j]
        dens, densnext = densnext, dens
    return dens, densnext


p = load()
D, x1, x2, runtime, dx, outtime = (p[k] for k in ("D", "x1", "x2", "runtime", "dx", "outtime"))
nrows = int((x2 - x1) / dx)
npnts = nrows + 2
dx = (x2 - x1) / nrows
dt = 0.25 * dx**2 / D
nsteps = int(runtime / dt)
nper = int(outtime / dt)
if nper == 0:
    nper = 1
x = np.array([x1 + ((i - 1) * (x2 - x1)) / nrows for i in range(npnts)])
dens = np.zeros((npnts, npnts))
densnext = np.zeros((npnts, npnts))
lapl = np.zeros((npnts, npnts))
a = 1 - np.abs(1 - 4 * np.abs((x[1:-1] - (x1 + x2) / 2) / (x2 - x1)))
dens[1:-1, 1:-1] = a[:, None] * a[None, :]
simtime = 0 * dt
print(simtime)
s = 0
while s < nsteps:
    chunk = min(nper - s % nper, nsteps - s)
    dens, densnext = advance(dens, densnext, lapl, nrows, nrows, (D / dx**2) * dt, chunk)
    for _ in range(chunk):
        simtime += dt
    s += chunk
    if s % nper == 0:
        print(simtime)
out = save_path()
if out:
    np.save(out, dens)
