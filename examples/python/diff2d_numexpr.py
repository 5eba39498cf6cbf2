"""The lecture's diff2d_numexpr.py on hpcpp: the same program, one line changed.

    /usr/bin/python3 examples/python/diff2d_numexpr.py [PARAMS] [FINAL.npy]

numexpr cannot slice, so the lecture runs the stencil on raveled views of the field
(shifted 1D windows) and resets the boundary columns, which the flat range also covers,
after each step. hpcpp can also take the slices themselves:
ne.evaluate("u[1:-1,1:-1] + coef*(u[2:,1:-1] + u[:-2,1:-1] + u[1:-1,2:] + u[1:-1,:-2] - 4*u[1:-1,1:-1])").
Prints simtime at each output time, as the lecture's program and `hpcpp diff2d` do.
"""
import ast
import pathlib
import sys

import numpy as np

import hpcpp as ne  # the lecture: import numexpr as ne


def read_params(path):
    """name = value lines of a diff2dparams.py, read as data (literals only)."""
    values = {}
    with open(path) as f:
        for line in f:
            statement = line.split("#")[0].strip().rstrip(";")
            if statement:
                name, value = statement.split("=", 1)
                values[name.strip()] = ast.literal_eval(value.strip())
    return values


BUNDLED_PARAMS = pathlib.Path(__file__).resolve().parents[1] / "diff2dparams.py"
p = read_params(sys.argv[1] if len(sys.argv) > 1 else BUNDLED_PARAMS)
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
peaks = 1 - np.abs(1 - 4 * np.abs((x[1:-1] - (x1 + x2) / 2) / (x2 - x1)))
dens[1:-1, 1:-1] = peaks[:, None] * peaks[None, :]
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
if len(sys.argv) > 2:
    np.save(sys.argv[2], dens)
