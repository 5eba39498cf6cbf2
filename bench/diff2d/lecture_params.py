"""Loads a diff2dparams.py file the way the lecture's programs do (by running it)."""
import runpy
import sys


def load(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    path = argv[0] if argv else "diff2dparams.py"
    ns = runpy.run_path(path)
    return {k: ns[k] for k in ("D", "x1", "x2", "runtime", "dx", "outtime", "graphics")}


def save_path(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    return argv[1] if len(argv) > 1 else None


def lecture_setup(p):
    """The lecture's derived quantities and its four-peak initial field, as its programs
    compute them; returns (nrows, npnts, dx, dt, nsteps, nper, dens)."""
    import numpy as np

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
    a = 1 - np.abs(1 - 4 * np.abs((x[1:-1] - (x1 + x2) / 2) / (x2 - x1)))
    dens[1:-1, 1:-1] = a[:, None] * a[None, :]
    return nrows, npnts, dx, dt, nsteps, nper, dens
