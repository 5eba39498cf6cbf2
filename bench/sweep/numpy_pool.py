"""The same sweep done the Python way: multiprocessing.Pool.map over the lecture's numpy
diff2d (bench/diff2d/diff2d_numpy.py, run in the worker by runpy), one task per
combination. Prints the CSV columns hpcpp sweep prints (without seconds) for comparison.

usage: numpy_pool.py PARAMS WORKERS NAME=V1,V2,... [NAME=...]
       numpy_pool.py --noop WORKERS COUNT        (empty tasks: Pool.map's own cost)
"""
import contextlib
import io
import itertools
import multiprocessing
import pathlib
import runpy
import sys
import tempfile

DIFF2D = pathlib.Path(__file__).resolve().parents[1] / "diff2d"
sys.path.insert(0, str(DIFF2D))
from lecture_params import load  # noqa: E402


def diff2d(params_file):
    sys.argv = ["diff2d_numpy.py", params_file]
    with contextlib.redirect_stdout(io.StringIO()):
        run = runpy.run_path(str(DIFF2D / "diff2d_numpy.py"), run_name="lecture")
    dens, dx = run["dens"], run["dx"]
    return run["nsteps"], run["simtime"], dens.sum() * dx**2, dens.max()


def noop(_):
    return None


def main():
    if sys.argv[1] == "--noop":
        workers, count = int(sys.argv[2]), int(sys.argv[3])
        with multiprocessing.Pool(workers) as pool:
            pool.map(noop, range(count), chunksize=1)
        return
    base = load([sys.argv[1]])
    workers = int(sys.argv[2])
    axes = [(name, values.split(",")) for name, values in (arg.split("=", 1) for arg in sys.argv[3:])]
    combos = list(itertools.product(*(values for _, values in axes)))
    with tempfile.TemporaryDirectory() as work:
        files = []
        for i, combo in enumerate(combos):
            p = dict(base, **{name: float(value) for (name, _), value in zip(axes, combo)})
            path = pathlib.Path(work) / f"params{i}.py"
            path.write_text("".join(f"{k} = {v!r}\n" for k, v in p.items()))
            files.append(str(path))
        with multiprocessing.Pool(workers) as pool:
            results = pool.map(diff2d, files, chunksize=1)
    for i, (combo, (steps, simtime, mass, peak)) in enumerate(zip(combos, results)):
        print(",".join([str(i), *combo, "ok", str(steps), repr(simtime), repr(float(mass)), repr(float(peak))]))


if __name__ == "__main__":
    main()
