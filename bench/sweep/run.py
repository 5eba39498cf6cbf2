"""hpcpp sweep's cost per task and a sweep of 24 small diff2d runs, side by side with
Python's multiprocessing.Pool.map over the lecture's numpy diff2d, in one run. Writes the
table into docs/BENCHMARKS.md.

Cost per task is the slope between two sweep lengths (the start-up of the program, the
pool or mpirun cancels out), the minimum of --repeats runs of each.

usage: /usr/bin/python3 bench/sweep/run.py [--hpcpp build/release/apps/hpcpp/hpcpp] [--repeats 3] [--no-write]
"""
import argparse
import os
import pathlib
import shutil
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from benchlib import FAST_MALLOC, MPI_ENV, PYTHON, ROOT, machine, replace_section, run_timed  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
# 24 small runs: 4 D x 3 dx x 2 runtime.
SWEEP = {"D": "0.5,1.0,1.5,2.0", "dx": "0.2,0.15,0.1", "runtime": "1.0,2.0"}


def per_task(command_for, short, long, repeats, env=None):
    """Microseconds per task: (time of `long` tasks - time of `short`) / (long - short)."""
    t_short = run_timed(command_for(short), repeats, env)[0][0]
    t_long = run_timed(command_for(long), repeats, env)[0][0]
    return (t_long - t_short) / (long - short) * 1e6


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hpcpp", default=str(ROOT / "build/release/apps/hpcpp/hpcpp"))
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    hpcpp = str(pathlib.Path(args.hpcpp).resolve())
    work = pathlib.Path(tempfile.mkdtemp(prefix="hpcpp_sweep_bench_"))
    mpirun = shutil.which("mpirun")

    def sweep(*extra):
        return lambda n: [hpcpp, "sweep", "--no-progress", *extra, "--param", f"i=1:{n}:{n}"]

    def sweep_to_file(*extra):
        return lambda n: [hpcpp, "sweep", "--no-progress", "--out", str(work / "o.csv"), *extra,
                          "--param", f"i=1:{n}:{n}"]

    overhead = []  # label, microseconds per task
    for procs in (1, 2):
        overhead.append((f"hpcpp sweep --noop, pool of {procs}, CSV to stdout",
                         per_task(sweep("--noop", "--procs", str(procs)), 1000, 5000, args.repeats)))
    overhead.append(("hpcpp sweep --noop, pool of 2, --out (journal fdatasync per row)",
                     per_task(sweep_to_file("--noop", "--procs", "2"), 200, 1000, args.repeats)))
    for procs in (1, 2):
        overhead.append((f"hpcpp sweep --exec -- true, pool of {procs}",
                         per_task(lambda n, p=procs: sweep("--procs", str(p))(n) + ["--exec", "--", "true"],
                                  200, 1000, args.repeats)))
    if mpirun:
        for ranks in (2, 3):
            overhead.append((f"mpirun -np {ranks} hpcpp sweep --noop ({ranks - 1} worker rank(s))",
                             per_task(lambda n, r=ranks: [mpirun, "-np", str(r)] + sweep("--noop")(n),
                                      1000, 5000, args.repeats, MPI_ENV)))
    for procs in (1, 2):
        overhead.append((f"Python multiprocessing.Pool({procs}).map, no-op, chunksize=1",
                         per_task(lambda n, p=procs: [PYTHON, str(HERE / "numpy_pool.py"), "--noop", str(p), str(n)],
                                  1000, 5000, args.repeats)))

    params = str(ROOT / "examples/diff2dparams.py")
    runs = []  # label, seconds, rows
    for procs in (1, 2):
        cmd = [hpcpp, "sweep", "--no-progress", params, "--procs", str(procs)]
        for name, values in SWEEP.items():
            cmd += ["--param", f"{name}={values}"]
        times, result = run_timed(cmd, args.repeats)
        runs.append((f"hpcpp sweep, {procs} worker(s)", times[0], result.stdout))
    for procs in (1, 2):
        cmd = [PYTHON, str(HERE / "numpy_pool.py"), params, str(procs)] + [f"{k}={v}" for k, v in SWEEP.items()]
        times, result = run_timed(cmd, args.repeats, FAST_MALLOC)
        runs.append((f"multiprocessing.Pool({procs}).map, numpy diff2d (malloc tuned)", times[0], result.stdout))

    # Same tasks, same results: hpcpp's rows (without seconds) against numpy's, to 1e-12 in mass.
    hp = [row.split(",")[:-1] for row in runs[0][2].splitlines()[1:]]
    py = [row.split(",") for row in runs[2][2].splitlines()]
    for a, b in zip(hp, py, strict=True):
        assert [float(x) for x in a[1:4]] == [float(x) for x in b[1:4]] and a[4:7] == b[4:7], (a, b)
        assert abs(float(a[7]) - float(b[7])) <= 1e-12 * abs(float(b[7])), (a, b)
        assert a[8] == b[8], (a, b)

    lines = ["## hpcpp sweep: cost per task and 24 small diff2d runs", "",
             f"Machine: {machine()}. Shared with other builds while measured: noisy, minimum of "
             f"{args.repeats} runs each. Reproduce: `/usr/bin/python3 bench/sweep/run.py` (release build).", "",
             "Cost per task of the sweep itself (empty tasks; slope between two sweep lengths, so start-up "
             "is excluded; Task Bench's anchor for an efficient system is 100 us per task):", "",
             "| how | us per task |", "|---|---:|"]
    lines += [f"| {label} | {us:.1f} |" for label, us in overhead]
    base = runs[2][1]
    lines += ["", "24 diff2d runs (D = 0.5, 1, 1.5, 2 x dx = 0.2, 0.15, 0.1 x runtime = 1, 2, lecture's other "
              "parameters), whole program wall time; every row's steps, simtime and peak equal numpy's, "
              "mass to 1e-12:", "", "| how | seconds | vs Pool(1) numpy |", "|---|---:|---:|"]
    lines += [f"| {label} | {s:.3f} | {base / s:.1f}x |" for label, s, _ in runs]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        replace_section("sweep", text)


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
