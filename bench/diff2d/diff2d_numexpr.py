"""The lecture's numexpr diff2d: numexpr cannot slice, so the stencil runs on raveled
views of the field (shifted 1D windows); the boundary columns, which the flat range also
covers, are reset to zero after each step.

usage: diff2d_numexpr.py PARAMS [FINAL.npy]
"""
import numexpr as ne
import numpy as np

from lecture_params import load, save_path

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
a = 1 - np.abs(1 - 4 * np.abs((x[1:-1] - (x1 + x2) / 2) / (x2 - x1)))
dens[1:-1, 1:-1] = a[:, None] * a[None, :]
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
