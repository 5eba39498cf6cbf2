"""MPI side by side, in one run: rightrank and auc against mpi4py (pickled and buffer
reductions, numpy sums) at 1 and 2 ranks; diff2d's mpi backend (2 ranks x 1 thread,
1 rank x 2 threads, each halo exchange) against the threads backend on the lecture's
grid and on 4000^2, with the time per step split into halo exchange and compute.
Times are the minimum of --repeats runs (the machine is shared).

    /usr/bin/python3 bench/mpi/run.py [--repeats 3] [--write]
"""
import argparse
import os
import re
import sys
import tempfile
import pathlib

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from benchlib import MPI_ENV, PYTHON, ROOT, machine, mpirun, replace_section, run_timed  # noqa: E402

HPCPP = os.environ.get("HPCPP", str(ROOT / "build/release/apps/hpcpp/hpcpp"))
HERE = pathlib.Path(__file__).resolve().parent



def best(cmd, repeats, env=None):
    times, result = run_timed(cmd, repeats, env={**MPI_ENV, **(env or {})})
    return times[0], result


def small_programs(repeats, n_auc):
    rows = ["| program | ranks | min wall s | vs hpcpp | output |", "|---|---|---|---|---|"]
    for ranks in [1, 2]:
        hp, hp_run = best(mpirun(ranks, HPCPP, "rightrank", "--ordered"), repeats)
        py, _ = best(mpirun(ranks, PYTHON, HERE / "rightrank_mpi4py.py"), repeats)
        rows.append(f"| hpcpp rightrank --ordered | {ranks} | {hp:.3f} | 1.00 | {hp_run.stdout.splitlines()[-1]} |")
        rows.append(f"| mpi4py rightrank (pickled sendrecv) | {ranks} | {py:.3f} | {py / hp:.2f} | |")
    for ranks in [1, 2]:
        hp, hp_run = best(mpirun(ranks, HPCPP, "auc", n_auc, "--backend", "mpi"), repeats)
        rows.append(f"| hpcpp auc {n_auc} --backend mpi | {ranks} | {hp:.3f} | 1.00 | {hp_run.stdout.strip()} |")
        for mode in ["pickle", "buffer"]:
            py, py_run = best(mpirun(ranks, PYTHON, HERE / "auc_mpi4py.py", n_auc, "--reduce", mode), repeats)
            rows.append(f"| mpi4py auc, numpy sums, {mode} reduce | {ranks} | {py:.3f} | {py / hp:.2f} | "
                        f"{py_run.stdout.strip()} |")
    return rows


def diff2d_params(directory, dx, runtime, outtime):
    path = pathlib.Path(directory) / f"params_{dx}.py"
    path.write_text(f"D = 1.0\nx1 = -10.0\nx2 = 10.0\nruntime = {runtime}\ndx = {dx}\nouttime = {outtime}\n"
                    "graphics = False\n")
    return path


STEPS = re.compile(r"diff2d: (\d+) steps in ([0-9.]+) s of compute")
SPLIT = re.compile(r"([0-9.]+) us halo \+ ([0-9.]+) us compute per step")


def diff2d_rows(params, label, repeats):
    configs = [("threads backend, 2 threads", 1, ["--backend", "threads", "--threads", "2"])]
    configs += [(f"mpi, 2 ranks x 1 thread, {halo}", 2, ["--backend", "mpi", "--threads", "1", "--halo", halo])
                for halo in ["sendrecv", "nonblocking", "neighbor"]]
    configs += [("mpi, 1 rank x 2 threads", 1, ["--backend", "mpi", "--threads", "2"])]
    rows, baseline = [], None
    for name, ranks, options in configs:
        best_step, split, wall = None, "", None
        for _ in range(repeats):
            seconds, result = best(mpirun(ranks, HPCPP, "diff2d", params, "--verbose", "--no-progress", *options), 1)
            steps, compute = STEPS.search(result.stderr).groups()
            per_step = float(compute) / int(steps) * 1e3
            if best_step is None or per_step < best_step:
                best_step, wall = per_step, seconds
                parts = SPLIT.search(result.stderr)
                split = f"{float(parts[1]) / 1e3:.3f} + {float(parts[2]) / 1e3:.3f}" if parts else "-"
        baseline = baseline or best_step
        rows.append(f"| {label} | {name} | {best_step:.3f} | {split} | {best_step / baseline:.2f} | {wall:.2f} |")
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--auc-points", type=int, default=300_000_000)
    parser.add_argument("--large-steps", type=int, default=100)
    parser.add_argument("--lecture-runtime", type=float, default=15.0, help="the lecture's runtime: 13410 steps")
    parser.add_argument("--write", action="store_true", help="put the tables into docs/BENCHMARKS.md")
    args = parser.parse_args()

    lines = [f"Machine: {machine()}", "",
             f"Reproduce: `/usr/bin/python3 bench/mpi/run.py --repeats {args.repeats} --auc-points {args.auc_points} "
             f"--large-steps {args.large_steps} --lecture-runtime {args.lecture_runtime} --write` "
             "(release build; mpirun --bind-to none; min of the repeats)", ""]
    lines += small_programs(args.repeats, args.auc_points)
    print("\n".join(lines), flush=True)
    table = ["", "| grid | configuration | ms per step (min) | halo + compute ms per step (slowest rank) | "
             "vs threads | wall s |", "|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        lecture = diff2d_params(tmp, 0.0667, args.lecture_runtime, 0.5)
        dt = 0.25 * 0.005**2
        large = diff2d_params(tmp, 0.005, args.large_steps * dt * 1.0000001, 1e9)
        lecture_steps = int(args.lecture_runtime / (0.25 * (20.0 / 299) ** 2))
        table += diff2d_rows(lecture, f"299^2 (lecture grid, {lecture_steps} steps)", args.repeats)
        print("\n".join(table), flush=True)
        table += diff2d_rows(large, f"4000^2 ({args.large_steps} steps)", args.repeats)
    print("\n".join(table[-5:]))
    if args.write:
        replace_section("mpi", "## MPI: rightrank, auc and diff2d under mpirun\n\n" + "\n".join(lines + table))


if __name__ == "__main__":
    main()
