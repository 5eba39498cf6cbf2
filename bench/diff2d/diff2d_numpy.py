"""The lecture's vectorized numpy diff2d (diff2d_numpy.py), same order of operations.

usage: diff2d_numpy.py PARAMS [FINAL.npy]
"""
import numpy as np

from lecture_params import lecture_setup, load, save_path

p = load()
D = p["D"]
nrows, npnts, dx, dt, nsteps, nper, dens = lecture_setup(p)
ncols = nrows
densnext = np.zeros((npnts, npnts))
laplacian = np.zeros((npnts, npnts))
simtime = 0 * dt
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
