"""diff2d on the lecture's defaults, every implementation side by side in one run: the
lecture's C++ compiled naively, numpy, numexpr, numba, and each hpcpp backend. Checks that
every final field is bit-identical to numpy's, prints a table of wall times and ratios and
writes it into docs/BENCHMARKS.md. The programs run in alternation (one run of each per round),
so a change in the machine's load shows in all of them rather than in one; the load average
before and after is printed with the table.

usage: /usr/bin/python3 bench/diff2d/run.py [--hpcpp build/release/apps/hpcpp/hpcpp] [--repeats 5]
                                            [--params examples/diff2dparams.py] [--quick] [--no-write]
"""
import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from benchlib import FAST_MALLOC, PYTHON, ROOT, machine, replace_section, run_timed  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hpcpp", default=str(ROOT / "build/release/apps/hpcpp/hpcpp"))
    ap.add_argument("--params", default=str(ROOT / "examples/diff2dparams.py"))
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--quick", action="store_true",
                    help="leave out numpy with the default allocator, numexpr and numba (the slow ones)")
    args = ap.parse_args()
    params = str(pathlib.Path(args.params).resolve())
    work = pathlib.Path(tempfile.mkdtemp(prefix="hpcpp_bench_"))

    naive = {}
    for label, flags in (("-O3", ["-O3"]), ("-O3 -march=native", ["-O3", "-march=native"])):
        exe = work / f"naive{len(naive)}"
        subprocess.run(["g++", "-std=c++17", *flags, f'-DPARAMS="{params}"', str(HERE / "diff2d_naive.cpp"),
                        "-o", str(exe)], check=True)
        naive[label] = exe

    t = str(args.threads)
    entries = [  # label, command, env, saves its final field, repeats
        ("lecture C++, g++ -O3", [str(naive["-O3"])], {}, False, args.repeats),
        ("lecture C++, g++ -O3 -march=native", [str(naive["-O3 -march=native"])], {}, False, args.repeats),
        ("numpy vectorized, malloc tuned", [PYTHON, "diff2d_numpy.py", params], FAST_MALLOC, True, 3),
    ]
    if not args.quick:
        entries += [
            ("numpy vectorized", [PYTHON, "diff2d_numpy.py", params], {}, True, 1),
            ("numexpr, 1 thread", [PYTHON, "diff2d_numexpr.py", params], {"NUMEXPR_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}, True, 3),
            (f"numexpr, {t} threads", [PYTHON, "diff2d_numexpr.py", params], {"NUMEXPR_NUM_THREADS": t, "OMP_NUM_THREADS": t}, True, 3),
            ("numba (@njit loops, incl. compile)", [PYTHON, "diff2d_numba.py", params], {}, True, 3),
        ]
    for backend in ("reference", "fused", "simd"):
        entries.append((f"hpcpp --backend {backend}", [args.hpcpp, "diff2d", params, "--backend", backend], {}, True, args.repeats))
    # One thread's best on this grid: auto runs the one-thread wavefront (blocked) when the fields exceed L2.
    entries.append(("hpcpp --backend auto --threads 1",
                    [args.hpcpp, "diff2d", params, "--backend", "auto", "--threads", "1"], {}, True, args.repeats))
    for backend in ("threads", "blocked", "auto"):
        entries.append((f"hpcpp --backend {backend} --threads {t}",
                        [args.hpcpp, "diff2d", params, "--backend", backend, "--threads", t], {}, True, args.repeats))

    load_before = os.getloadavg()
    all_times = [[] for _ in entries]
    results = [None] * len(entries)
    for round_ in range(max(e[4] for e in entries)):
        for k, (label, cmd, env, saves, repeats) in enumerate(entries):
            if round_ >= repeats:
                continue
            final = work / f"final{k}.npy"
            full = cmd + ([str(final)] if saves and cmd[0] == PYTHON else ["--save", str(final)] if saves else [])
            times, results[k] = run_timed(full, repeats=1, env=env, cwd=HERE)
            all_times[k] += times
    load_after = os.getloadavg()

    rows, reference_field, reference_stdout = [], None, None
    for k, (label, cmd, env, saves, repeats) in enumerate(entries):
        times, identical = sorted(all_times[k]), ""
        if saves:
            final = work / f"final{k}.npy"
            field = np.load(final)
            if reference_field is None:
                reference_field, reference_stdout = field, results[k].stdout
            same = np.array_equal(field.view(np.uint64), reference_field.view(np.uint64))
            identical = "yes" if same and results[k].stdout == reference_stdout else "NO"
            final.unlink()
        rows.append((label, times, identical))
        print(f"{label:<45} min {times[0]:8.3f} s  median {statistics.median(times):8.3f} s  identical {identical}",
              flush=True)

    base = {label: times[0] for label, times, _ in rows}
    naive_native = base["lecture C++, g++ -O3 -march=native"]
    numpy_label = "numpy vectorized" if "numpy vectorized" in base else "numpy vectorized, malloc tuned"
    numpy_time = base[numpy_label]
    lines = [
        "## diff2d on the lecture's defaults (299 x 299, 13410 steps)",
        "",
        f"Machine: {machine()}.",
        f"Command: `/usr/bin/python3 bench/diff2d/run.py --repeats {args.repeats} --threads {t}"
        f"{' --quick' if args.quick else ''}`. Whole-program wall "
        "time (start-up, initial field and output included), minimum and median over the runs, the programs run in "
        "alternation (numpy with the default allocator: one run). \"Identical\": final field bit-identical to the "
        "numpy program's and the same stdout.",
        f"Load average (1 min) {load_before[0]:.1f} before and {load_after[0]:.1f} after the runs, on "
        f"{os.cpu_count()} cores.",
        "",
        f"| program | min (s) | median (s) | vs lecture C++ -O3 -march=native | vs {numpy_label} | identical |",
        "|---|---:|---:|---:|---:|:---:|",
    ]
    for label, times, identical in rows:
        lines.append(f"| {label} | {times[0]:.3f} | {statistics.median(times):.3f} | "
                     f"{naive_native / times[0]:.2f}x | {numpy_time / times[0]:.1f}x | {identical or 'n/a'} |")
    table = "\n".join(lines)
    print(table)
    if not args.no_write:
        replace_section("diff2d-defaults", table)


if __name__ == "__main__":
    main()
