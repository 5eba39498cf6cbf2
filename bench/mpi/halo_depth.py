"""diff2d's mpi backend with deep halos against the blocked backend, on one grid: 2 ranks x
1 thread at halo depths 1, 2, 4, 8 and the default (sendrecv; nonblocking at 1, 8 and the
default), the blocked backend with 2 threads.
The programs alternate, round after round, so a change in the machine's load falls on all
of them; each figure is the best compute rate of --repeats rounds. The load average is
printed before and after (the machine is shared).

    /usr/bin/python3 bench/mpi/halo_depth.py [--points 4000] [--steps 200] [--repeats 3] [--write]
"""
import argparse
import os
import pathlib
import re
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from benchlib import MPI_ENV, ROOT, machine, mpirun, replace_section, run_timed  # noqa: E402

HPCPP = os.environ.get("HPCPP", str(ROOT / "build/release/apps/hpcpp/hpcpp"))
RATE = re.compile(r"([0-9.]+) G point updates/s")
SPLIT = re.compile(r"halo (\S+) depth (\d+)[^:]*: ([0-9.]+) us halo \+ ([0-9.]+) us compute per step")


def load_average():
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def configs():
    mpi = mpirun(2, HPCPP)
    rows = [("blocked backend, 2 threads", [HPCPP], ["--backend", "blocked", "--threads", "2"])]
    for halo in ["sendrecv:1", "sendrecv:2", "sendrecv:4", "sendrecv:8", "sendrecv", "nonblocking:1", "nonblocking:8",
                 "nonblocking"]:
        rows.append((f"mpi, 2 ranks x 1 thread, --halo {halo}", mpi, ["--backend", "mpi", "--threads", "1",
                                                                       "--halo", halo]))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=4000)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="put the table into docs/BENCHMARKS.md")
    args = parser.parse_args()
    before = load_average()
    best = {}
    with tempfile.TemporaryDirectory() as tmp:
        dx = 20.0 / (args.points + 0.5)
        dt = 0.25 * dx * dx
        params = pathlib.Path(tmp) / "params.py"
        params.write_text(f"D = 1.0\nx1 = -10.0\nx2 = 10.0\nruntime = {args.steps * dt * 1.0000001!r}\n"
                          f"dx = {dx!r}\nouttime = 1e9\ngraphics = False\n")
        for _ in range(args.repeats):
            for name, launcher, options in configs():
                _, result = run_timed([*launcher, "diff2d", params, "--verbose", "--no-progress", *options], 1,
                                      env=MPI_ENV)
                rate = float(RATE.search(result.stderr)[1])
                split = SPLIT.search(result.stderr)
                if name not in best or rate > best[name][0]:
                    best[name] = (rate, split)
                print(f"{name}: {rate:.3f} G updates/s", flush=True)
    after = load_average()
    blocked = best[configs()[0][0]][0]
    lines = [f"Machine: {machine()}", f"Load average (1/5/15 min) before: {before}; after: {after}", "",
             f"Reproduce: `/usr/bin/python3 bench/mpi/halo_depth.py --points {args.points} --steps {args.steps} "
             f"--repeats {args.repeats} --write` (release build; mpirun --bind-to none; best of the rounds)", "",
             f"| {args.points}^2 x {args.steps} steps | G updates/s (best) | vs blocked | depth used | "
             "halo + compute us per step (slowest rank) |", "|---|---|---|---|---|"]
    for name, _, _ in configs():
        rate, split = best[name]
        depth = split[2] if split else "-"
        times = f"{float(split[3]):.0f} + {float(split[4]):.0f}" if split else "-"
        lines.append(f"| {name} | {rate:.3f} | {rate / blocked:.2f} | {depth} | {times} |")
    print("\n".join(lines))
    if args.write:
        replace_section("mpi-halo-depth", "### diff2d: mpi halo depth against the blocked backend\n\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
