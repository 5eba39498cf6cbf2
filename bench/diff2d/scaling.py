"""diff2d beyond the lecture's grid: the large grid against the memory bandwidth measured
in the same run (a STREAM triad), and the cost per point update as the grid grows from
100^2 to 8000^2 (table and plot). Writes both into docs/BENCHMARKS.md.

usage: /usr/bin/python3 bench/diff2d/scaling.py [--hpcpp PATH] [--threads 2] [--quick] [--no-write]
"""
import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from benchlib import ROOT, machine, replace_section  # noqa: E402

BYTES_PER_UPDATE = 16  # one read and one write of a double per point, counted as STREAM counts
RATE = re.compile(r"([0-9.]+) G point updates/s")


def triad_gbs(exe, threads):
    out = subprocess.run([str(exe), "40000000", "10"], capture_output=True, text=True, check=True,
                         env=dict(os.environ, OMP_NUM_THREADS=str(threads)))
    return float(out.stdout)


def updates_per_second(hpcpp, nrows, steps, backend, threads, repeats=3):
    """Best compute rate (point updates/s) of `steps` steps on an nrows x nrows interior."""
    dx = 20.0 / (nrows + 0.5)
    dt = 0.25 * dx * dx
    best = 0.0
    for _ in range(repeats):
        out = subprocess.run([hpcpp, "diff2d", str(ROOT / "examples/diff2dparams.py"), "-v", "--backend", backend,
                              "--threads", str(threads), "--set", f"dx={dx!r}", "--set", f"runtime={(steps + 0.5) * dt!r}",
                              "--set", "outtime=1e9"], capture_output=True, text=True, check=True)
        best = max(best, float(RATE.search(out.stderr).group(1)) * 1e9)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hpcpp", default=str(ROOT / "build/release/apps/hpcpp/hpcpp"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--quick", action="store_true", help="fewer sizes and steps (a smoke test)")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    t = args.threads
    work = pathlib.Path(tempfile.mkdtemp(prefix="hpcpp_scaling_"))
    triad = work / "triad"
    subprocess.run(["g++", "-O3", "-march=native", "-fopenmp", str(ROOT / "bench/stream/triad.cpp"), "-o", str(triad)],
                   check=True)
    bandwidth = {1: triad_gbs(triad, 1), t: triad_gbs(triad, t)}
    print(f"triad: {bandwidth[1]:.1f} GB/s (1 thread), {bandwidth[t]:.1f} GB/s ({t} threads)", flush=True)

    # The large grid: dx = 0.005 gives 4000 x 4000 interior points (128 MB a field).
    large_n, large_steps = (1000, 20) if args.quick else (4000, 200)
    large = [("fused", 1), ("simd", 1), ("blocked", 1), ("threads", t), ("blocked", t)]
    lines = [
        f"## diff2d on a large grid ({large_n} x {large_n}, {large_steps} steps) against memory bandwidth",
        "",
        f"Machine: {machine()}.",
        "Command: `/usr/bin/python3 bench/diff2d/scaling.py`. Compute time inside the backend (`hpcpp diff2d -v`), "
        f"best of 3. Bandwidth-equivalent counts {BYTES_PER_UPDATE} bytes per point update (the field read once and "
        "written once), as STREAM counts its triad (24 bytes per element); the triad ran in the same run with the "
        "same thread count.",
        "",
        f"Triad: **{bandwidth[1]:.1f} GB/s** with 1 thread, **{bandwidth[t]:.1f} GB/s** with {t} threads.",
        "",
        "| backend | threads | G updates/s | GB/s equivalent | % of triad |",
        "|---|---:|---:|---:|---:|",
    ]
    for backend, threads in large:
        rate = updates_per_second(args.hpcpp, large_n, large_steps, backend, threads)
        gbs = rate * BYTES_PER_UPDATE / 1e9
        lines.append(f"| {backend} | {threads} | {rate / 1e9:.2f} | {gbs:.1f} | {100 * gbs / bandwidth[threads]:.0f}% |")
        print(lines[-1], flush=True)

    sizes = [100, 300, 1000] if args.quick else [100, 150, 200, 300, 450, 700, 1000, 1400, 2000, 2800, 4000, 5600, 8000]
    series = [("simd", 1), ("threads", t), ("blocked", t)]
    growth = {s: [] for s in series}
    for n in sizes:
        steps = max(4, int((2e8 if args.quick else 1.5e9) / (n * n)))
        for backend, threads in series:
            growth[(backend, threads)].append(1e9 / updates_per_second(args.hpcpp, n, steps, backend, threads, repeats=2))
        print(n, [f"{growth[s][-1]:.3f}" for s in series], flush=True)

    lines += [
        "",
        "### Cost per point update as the grid grows",
        "",
        "Nanoseconds per point update (lower is better); working set = two fields of (N+2)^2 doubles.",
        "",
        "| N | working set | " + " | ".join(f"{b} ({th} thr)" for b, th in series) + " |",
        "|---:|---:|" + "---:|" * len(series),
    ]
    for k, n in enumerate(sizes):
        ws = 2 * (n + 2) ** 2 * 8
        ws_text = f"{ws / 2**10:.0f} KiB" if ws < 2**20 else f"{ws / 2**20:.0f} MiB"
        lines.append(f"| {n} | {ws_text} | " + " | ".join(f"{growth[s][k]:.3f}" for s in series) + " |")
    plot = ROOT / "docs/diff2d_cost_growth.png"
    if not args.no_write:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(7, 4.5))
        ws = [2 * (n + 2) ** 2 * 8 for n in sizes]
        for s in series:
            ax.plot(ws, growth[s], marker="o", label=f"{s[0]} ({s[1]} thread{'s' if s[1] > 1 else ''})")
        for size, name in ((48 * 2**10, "L1"), (2**20, "L2"), (t * 2**20, f"{t}x L2")):
            ax.axvline(size, color="grey", linestyle=":")
            ax.text(size, ax.get_ylim()[1] * 0.95, name, rotation=90, va="top", ha="right", color="grey")
        ax.set_xscale("log")
        ax.set_xlabel("working set (bytes, two fields)")
        ax.set_ylabel("ns per point update")
        ax.set_title("hpcpp diff2d: cost per point update vs grid size")
        ax.legend()
        fig.tight_layout()
        fig.savefig(plot, dpi=100)
        lines += ["", "![cost per point update](diff2d_cost_growth.png)"]
    table = "\n".join(lines)
    print(table)
    if not args.no_write:
        replace_section("diff2d-scaling", table)


if __name__ == "__main__":
    main()
