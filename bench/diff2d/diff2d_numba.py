"""The lecture's diff2d loops compiled with numba (@njit), same order of operations.

usage: diff2d_numba.py PARAMS [FINAL.npy]
"""
import numba
import numpy as np

from lecture_params import lecture_setup, load, save_path


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
D = p["D"]
nrows, npnts, dx, dt, nsteps, nper, dens = lecture_setup(p)
densnext = np.zeros((npnts, npnts))
lapl = np.zeros((npnts, npnts))
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
