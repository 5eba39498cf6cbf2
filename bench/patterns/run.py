#!/usr/bin/env python3
"""summer and auc side by side: the lecture's Python programs (bench/patterns/*.py, run with
/usr/bin/python3) and hpcpp's modes and backends, in one run. Prints a Markdown report:
wall time of each whole program (best of --repeats), ratios, and the FLOP-rate limit of auc.

Usage: bench/patterns/run.py [--hpcpp PATH] [--repeats R] [--python-auc-n N]
"""
import argparse
import datetime
import os
import pathlib
import re
import subprocess
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PYTHON = "/usr/bin/python3"
SUMMER_N, SUMMER_TASKS = 5_000_000, 10
AUC_N = 300_000_000
# One dependent integer add per cycle: my_summer's loop measures the clock.
CLOCK_N, CLOCK_TASKS = 200_000_000, 5
# Per point in hpcpp's simd kernel: x = i*dx (1), 0.7x^3 - 2x^2 + 4 as written (7), *dx (1),
# Kahan update (4), next index (1). No FMA: the build uses -ffp-contract=off.
FLOPS_PER_POINT = 14
# AVX-512 with FMA: 2 FMA pipes x 8 doubles x 2 flops per cycle.
PEAK_FLOPS_PER_CYCLE = 32


def run(cmd, repeats):
    """Best wall time of `repeats` runs, and the last run's stdout."""
    best, out = float("inf"), ""
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=HERE)
        best = min(best, time.perf_counter() - start)
        out = done.stdout
    return best, out


def machine():
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    model = re.search(r"Model name:\s*(.+)", lscpu).group(1).strip()
    cpuinfo_mhz = float(re.search(r"cpu MHz\s*:\s*([0-9.]+)", pathlib.Path("/proc/cpuinfo").read_text()).group(1))
    return model, os.cpu_count(), cpuinfo_mhz


def fmt_row(cells):
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hpcpp", default=str(ROOT / "build/release/apps/hpcpp/hpcpp"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--python-auc-n", type=int, default=3_000_000,
                        help="N for the pure-Python auc programs (their time beyond start-up is scaled to 3e8)")
    args = parser.parse_args()
    hpcpp, repeats = args.hpcpp, args.repeats
    model, cores, cpuinfo_mhz = machine()
    print(f"Machine: {model}, {cores} cores; {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; "
          f"load average before: {os.getloadavg()[0]:.2f}\n")

    print(f"### summer: 10 x my_summer(0, {SUMMER_N})\n")
    print(fmt_row(["mode", "Python [s]", "hpcpp [s]", "Python / hpcpp"]))
    print(fmt_row(["---"] * 4))
    for mode, script in (("serial", "summer_serial.py"), ("threads", "summer_threaded.py"),
                         ("processes", "summer_multiprocessing.py")):
        py, _ = run([PYTHON, script, str(SUMMER_N)], repeats)
        cpp, _ = run([hpcpp, "summer", "--mode", mode, "--n", str(SUMMER_N), "--tasks", str(SUMMER_TASKS)], repeats)
        print(fmt_row([mode, f"{py:.3f}", f"{cpp:.4f}", f"{py / cpp:.0f}"]))

    print(f"\n### auc: N = {AUC_N}\n")
    small = args.python_auc_n
    scale = AUC_N / small
    print(fmt_row(["program", "N run", "wall [s]", "scaled to N = 3e8 [s]", "vs hpcpp simd", "area printed"]))
    print(fmt_row(["---"] * 6))
    results = []
    for name, script, extra in (("Python loop (auc_serial.py)", "auc_serial.py", []),
                                (f"Python multiprocessing, {cores} processes", "auc_multiprocessing.py", [str(cores)])):
        t, out = run([PYTHON, script, str(small), *extra], 1)
        # Start-up (interpreter, pool) does not grow with N: only the rest is scaled.
        startup, _ = run([PYTHON, script, str(cores), *extra], 3)
        results.append((name, small, t, startup + (t - startup) * scale, out))
    for name, script in (("numpy (auc_numpy.py)", "auc_numpy.py"), ("numexpr (auc_numexpr.py)", "auc_numexpr.py")):
        t, out = run([PYTHON, script, str(AUC_N)], 1)
        results.append((name, AUC_N, t, t, out))
    simd_time = None
    for backend in ("serial", "simd", "threads", "processes"):
        t, out = run([hpcpp, "auc", str(AUC_N), "--backend", backend, "--workers", str(cores)], repeats)
        if backend == "simd":
            simd_time = t
        results.append((f"hpcpp --backend {backend}", AUC_N, t, t, out))
    for name, n, t, scaled, out in results:
        area = out.split()[-1] if out else "?"
        print(fmt_row([name, n, f"{t:.3f}", f"{scaled:.3f}", f"{scaled / simd_time:.1f}", area]))

    # The fastest of several runs: a run that was preempted counts fewer adds per second.
    inner = min(float(re.search(r"Elapsed: ([0-9.e-]+)", run([hpcpp, "summer", "--mode", "serial", "--n", str(CLOCK_N),
                                                               "--tasks", str(CLOCK_TASKS)], 1)[1]).group(1))
                for _ in range(7))
    ghz = CLOCK_N * CLOCK_TASKS / inner / 1e9
    peak = cores * ghz * PEAK_FLOPS_PER_CYCLE
    print("\n### auc FLOP rate\n")
    print(f"- clock: {ghz:.2f} GHz measured as the rate of my_summer's dependent integer adds (one per cycle) "
          f"over {CLOCK_N * CLOCK_TASKS:.0e} adds, fastest of 7 runs; /proc/cpuinfo says {cpuinfo_mhz:.0f} MHz (the nominal clock a VM reports)")
    print(f"- peak: {cores} cores x {ghz:.2f} GHz x {PEAK_FLOPS_PER_CYCLE} flops/cycle (AVX-512 FMA: 2 pipes x 8 doubles x 2) "
          f"= {peak:.0f} GFLOP/s")
    print(f"- work: {FLOPS_PER_POINT} flops per point (no FMA) x {AUC_N:.0e} points = {FLOPS_PER_POINT * AUC_N / 1e9:.1f} GFLOP; "
          f"at peak {FLOPS_PER_POINT * AUC_N / 1e9 / peak:.3f} s")
    for name, n, t, _, _ in results:
        if name.startswith("hpcpp"):
            rate = FLOPS_PER_POINT * AUC_N / t / 1e9
            print(f"- {name}: {rate:.1f} GFLOP/s = {100 * rate / peak:.0f}% of peak (whole-program wall time)")


if __name__ == "__main__":
    main()
