"""The lecture's vectorized numpy diff2d (diff2d_numpy.py), same order of operations.

usage: diff2d_numpy.py PARAMS [FINAL.npy]
"""
import numpy as np

from lecture_params import load, save_path

p = load()
D, x1, x2, runtime, dx, outtime = (p[k] for k in ("D", "x1", "x2", "runtime", "dx", "outtime"))

nrows = int((x2 - x1) / dx)
ncols = nrows
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
laplacian = np.zeros((npnts, npnts))
simtime = 0 * dt
a = 1 - np.abs(1 - 4 * np.abs((x[1:-1] - (x1 + x2) / 2) / (x2 - x1)))
dens[1:-1, 1:-1] = a[:, None] * a[None, :]
print(simtime)
for s in range(nsteps):
    laplacian[1:nrows + 1, 1:ncols + 1] = (dens[2:nrows + 2, 1:ncols + 1]
                                           + dens[0:nrows + 0, 1:ncols + 1]
                                           + dens[1:nrows + 1, 2:ncols + 2]
                                           + dens[1:nrows + 1, 0:ncols + 0]
                                           - 4 * dens[1:nrows + 1, 1:ncols + 1])
    densnext[1:nrows + 1, 1:ncols + 1] = (dens[1:nrows + 1, 1:ncols + 1]
                                          + (D / dx**2) * dt * laplacian[1:nrows + 1, 1:ncols + 1])
    dens, densnext = densnext, dens
    simtime += dt
    if (s + 1) % nper == 0:
        print(simtime)

out = save_path()
if out:
    np.save(out, dens)
