"""hpcpp expr against numexpr at equal threads, on numexpr's benchmark expressions, with
STREAM's triad measured in the same run, just before each row. Prints a markdown table.

    /usr/bin/python3 bench/expr/bench_expr.py [--hpcpp build/release/apps/hpcpp/hpcpp] [--sizes 1e6 1e8]
"""
import argparse
import gc
import re
import subprocess
import timeit

import numexpr as ne
import numpy as np

EXPRESSIONS = ["2*a+3*b", "a**2+b**2+2*a*b", "sin(a)**2 + cos(b)**2", "exp(a)", "where(a>b, a, b)",
               "a*b-4.1*a > 2.5*b", "sum(a*b)"]


def bytes_per_element(text):
    """Memory traffic per element as STREAM counts it: inputs read, the result written."""
    reads = 8 * len(set(re.findall(r"\b[ab]\b", text)))
    if text.startswith("sum"):
        return reads
    return reads + (1 if ">" in text and not text.startswith("where") else 8)


def numexpr_seconds(text, arrays, threads, repeat):
    ne.set_num_threads(threads)
    if text.startswith("sum"):
        call = lambda: ne.evaluate(text, local_dict=arrays)  # noqa: E731
    else:
        out = arrays["c_bool"] if ">" in text and not text.startswith("where") else arrays["c"]
        call = lambda: ne.evaluate(text, local_dict=arrays, out=out)  # noqa: E731
    call()
    return min(timeit.repeat(call, number=repeat, repeat=5)) / repeat


def hpcpp_seconds(hpcpp, args):
    done = subprocess.run([hpcpp, "expr", *map(str, args)], capture_output=True, text=True, check=True)
    # --triad prints its time as its result (stdout); an expression's time goes to stderr.
    if "--triad" in map(str, args):
        return float(re.search(r"([0-9.]+) ms", done.stdout).group(1)) / 1e3
    return float(re.search(r"Elapsed: ([0-9.]+) seconds", done.stderr).group(1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hpcpp", default="build/release/apps/hpcpp/hpcpp")
    parser.add_argument("--sizes", nargs="+", type=float, default=[1e6, 1e8])
    parser.add_argument("--threads", nargs="+", type=int, default=[1, 2])
    args = parser.parse_args()
    print("| n | threads | expression | numexpr ms | hpcpp ms | speed-up | hpcpp GB/s | triad GB/s | triad / hpcpp "
          "| hpcpp kernel by kernel ms |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        n = int(size)
        repeat = max(1, int(2e7 // n))
        rng = np.random.default_rng(0)
        arrays = {"a": rng.random(n), "b": rng.random(n), "c": np.empty(n), "c_bool": np.empty(n, dtype=bool)}
        for threads in args.threads:
            for text in EXPRESSIONS:
                # The triad just before each row: the shared machine's bandwidth drifts.
                triad = hpcpp_seconds(args.hpcpp, ["--triad", "--n", n, "--threads", threads])
                triad_bw = 24 * n / triad
                theirs = numexpr_seconds(text, arrays, threads, repeat)
                ours = hpcpp_seconds(args.hpcpp, [text, "--n", n, "--threads", threads, "--repeat", repeat])
                unfused = hpcpp_seconds(args.hpcpp, [text, "--n", n, "--threads", threads, "--repeat", repeat, "--no-fuse"])
                bw = bytes_per_element(text) * n / ours
                print(f"| {size:.0e} | {threads} | `{text}` | {theirs * 1e3:.2f} | {ours * 1e3:.2f} | "
                      f"{theirs / ours:.2f}x | {bw / 1e9:.1f} | {triad_bw / 1e9:.1f} | {triad_bw / bw:.2f} "
                      f"| {unfused * 1e3:.2f} |", flush=True)
        del arrays
        gc.collect()


if __name__ == "__main__":
    main()
