"""The lecture's numexpr diff2d: numexpr cannot slice, so the stencil runs on raveled
views of the field (shifted 1D windows); the boundary columns, which the flat range also
covers, are reset to zero after each step.

usage: diff2d_numexpr.py PARAMS [FINAL.npy]
"""
import numexpr as ne
import numpy as np

from lecture_params import lecture_setup, load, save_path

p = load()
D = p["D"]
nrows, npnts, dx, dt, nsteps, nper, dens = lecture_setup(p)
densnext = np.zeros((npnts, npnts))
coef = (D / dx**2) * dt
lo, hi = npnts + 1, npnts * npnts - npnts - 1
simtime = 0 * dt
print(simtime)
for s in range(nsteps):
    flat, flatnext = dens.ravel(), densnext.ravel()
    c = flat[lo:hi]
    below, above = flat[lo + npnts:hi + npnts], flat[lo - npnts:hi - npnts]
    right, left = flat[lo + 1:hi + 1], flat[lo - 1:hi - 1]
    ne.evaluate("c + coef*(below + above + right + left - 4*c)", out=flatnext[lo:hi])
    densnext[:, 0] = 0
    densnext[:, -1] = 0
    dens, densnext = densnext, dens
    simtime += dt
    if (s + 1) % nper == 0:
        print(simtime)
out = save_path()
if out:
    np.save(out, dens)
