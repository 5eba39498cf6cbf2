"""hpcpp's sum against numpy's on one float64 array (memory-bound), for several builds of
the Python module side by side in one run: each build is timed in its own process, the
builds taking turns, so a change in the machine's load reaches them alike. Prints a
markdown table and the load average before and after.

    /usr/bin/python3 bench/expr/bench_reduction.py --module before=/path/to/dir --module after=build/release/python [--n 1e8] [--threads 1 2]
"""
import argparse
import json
import os
import subprocess
import sys

CHILD = r"""
import json, sys, timeit
sys.path.insert(0, sys.argv[1])
import numpy as np
import hpcpp
n, threads, rounds = int(float(sys.argv[2])), int(sys.argv[3]), int(sys.argv[4])
a = np.random.default_rng(0).random(n)
hpcpp.set_num_threads(threads)
hpcpp_call = lambda: hpcpp.evaluate("sum(a)", local_dict={"a": a})
numpy_call = lambda: np.sum(a)
hpcpp_call(); numpy_call()
print(json.dumps({"hpcpp": min(timeit.repeat(hpcpp_call, number=1, repeat=rounds)),
                  "numpy": min(timeit.repeat(numpy_call, number=1, repeat=rounds))}))
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--module", action="append", required=True, help="LABEL=DIR holding hpcpp's .so")
    parser.add_argument("--n", default="1e8")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--turns", type=int, default=3, help="times each build is run, taking turns")
    parser.add_argument("--rounds", type=int, default=7, help="timings per run; the best is kept")
    args = parser.parse_args()
    builds = [m.split("=", 1) for m in args.module]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    best = {}
    for _ in range(args.turns):
        for threads in args.threads:
            for label, directory in builds:
                out = subprocess.run([sys.executable, "-c", CHILD, os.path.abspath(directory), args.n, str(threads),
                                      str(args.rounds)], capture_output=True, text=True, check=True).stdout
                seconds = json.loads(out)
                key = (threads, label)
                best[key] = {k: min(v, best.get(key, seconds)[k]) for k, v in seconds.items()}
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print("| n | threads | build | hpcpp sum ms | numpy sum ms | hpcpp / numpy |")
    print("|---|---|---|---|---|---|")
    for threads in args.threads:
        for label, _ in builds:
            s = best[(threads, label)]
            print(f"| {float(args.n):.0e} | {threads} | {label} | {s['hpcpp'] * 1e3:.1f} | {s['numpy'] * 1e3:.1f} | "
                  f"{s['hpcpp'] / s['numpy']:.2f} |")


if __name__ == "__main__":
    main()
