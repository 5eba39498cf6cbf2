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
