"""hpcpp.evaluate (the Python module) against numexpr.evaluate and numpy, called from
Python on the expressions of bench/expr at 10, 1e3, 1e6 and 1e8 elements with 1 and 2
threads; then 2 Python threads calling evaluate at once. Min of repeats; on a shared
machine the CPU time per call (process time, all threads) is also given for the small
sizes, where waiting for a core would otherwise hide the call overhead.

    /usr/bin/python3 bench/python/bench_module.py [--sizes 10 1e3 1e6 1e8] [--write]

--write puts the tables into docs/BENCHMARKS.md (section python-module).
"""
import argparse
import pathlib
import sys
import threading
import time

import numexpr as ne
import numpy as np

BENCH = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(BENCH), str(BENCH / "expr"), str(BENCH.parent / "build/release/python")]

import hpcpp  # noqa: E402
from bench_expr import EXPRESSIONS  # noqa: E402
from benchlib import machine, replace_section  # noqa: E402

NUMPY_NAMES = {"sin": np.sin, "cos": np.cos, "exp": np.exp, "where": np.where, "sum": np.sum}


def best_per_call(call, n, repeats):
    """(wall, cpu) seconds per call: the minimum over `repeats` timed batches."""
    number = max(1, int(2e6 // (n + 200)))
    call()
    wall = cpu = float("inf")
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        for _ in range(number):
            call()
        wall = min(wall, (time.perf_counter() - w0) / number)
        cpu = min(cpu, (time.process_time() - c0) / number)
    return wall, cpu


def calls(text, arrays):
    """The numpy, numexpr and hpcpp calls of one expression, writing into out like the lecture."""
    kwargs = {}
    if not text.startswith("sum"):
        kwargs["out"] = arrays["c_bool"] if ">" in text and not text.startswith("where") else arrays["c"]
    code = compile(text, "<expression>", "eval")
    namespace = dict(NUMPY_NAMES, **arrays)
    return {
        "numpy": lambda: eval(code, namespace),  # noqa: S307 - the benchmark's own expressions
        "numexpr": lambda: ne.evaluate(text, local_dict=arrays, **kwargs),
        "hpcpp": lambda: hpcpp.evaluate(text, local_dict=arrays, **kwargs),
    }


def fmt_time(seconds):
    return f"{seconds * 1e6:.1f} us" if seconds < 1e-3 else f"{seconds * 1e3:.2f} ms"


def single_caller_table(sizes, threads_list):
    rows = ["| n | threads | expression | numpy | numexpr | hpcpp | hpcpp vs numexpr | hpcpp vs numpy "
            "| CPU per call numexpr / hpcpp |", "|---|---|---|---|---|---|---|---|---|"]
    for size in sizes:
        n = int(size)
        rng = np.random.default_rng(0)
        arrays = {"a": rng.random(n), "b": rng.random(n), "c": np.empty(n), "c_bool": np.empty(n, dtype=bool)}
        repeats = 3 if n >= 1e8 else 7
        for threads in threads_list:
            ne.set_num_threads(threads)
            hpcpp.set_num_threads(threads)
            for text in EXPRESSIONS:
                with np.errstate(all="ignore"):
                    timed = {name: best_per_call(call, n, repeats) for name, call in calls(text, arrays).items()}
                (numpy_s, _), (ne_s, ne_cpu), (hp_s, hp_cpu) = timed["numpy"], timed["numexpr"], timed["hpcpp"]
                cpu = f"{ne_cpu * 1e6:.1f} / {hp_cpu * 1e6:.1f} us" if n <= 1000 else ""
                rows.append(f"| {n:.0e} | {threads} | `{text}` | {fmt_time(numpy_s)} | {fmt_time(ne_s)} | "
                            f"{fmt_time(hp_s)} | {ne_s / hp_s:.2f}x | {numpy_s / hp_s:.2f}x | {cpu} |")
                print(rows[-1], flush=True)
        del arrays
    return rows


def calls_per_second(evaluate, arrays, callers, seconds=1.5):
    """Calls per second of `callers` Python threads each calling evaluate in a loop."""
    counts, stop, start = [0] * callers, threading.Event(), threading.Barrier(callers + 1)

    def loop(k):
        local = {name: arrays[name] for name in ("a", "b")}
        out = np.empty_like(arrays["a"])
        start.wait()
        while not stop.is_set():
            evaluate("a**2+b**2+2*a*b", local_dict=local, out=out)
            counts[k] += 1

    threads = [threading.Thread(target=loop, args=(k,)) for k in range(callers)]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    return sum(counts) / (time.perf_counter() - t0)


def concurrent_table(sizes, repeats=3):
    rows = ["| n | library | 1 Python thread, calls/s | 2 Python threads, calls/s | scaling |", "|---|---|---|---|---|"]
    for size in sizes:
        n = int(size)
        rng = np.random.default_rng(1)
        arrays = {"a": rng.random(n), "b": rng.random(n)}
        for name, module in (("numexpr", ne), ("hpcpp", hpcpp)):
            module.set_num_threads(1)
            one = max(calls_per_second(module.evaluate, arrays, 1) for _ in range(repeats))
            two = max(calls_per_second(module.evaluate, arrays, 2) for _ in range(repeats))
            rows.append(f"| {n:.0e} | {name} | {one:.0f} | {two:.0f} | {two / one:.2f}x |")
            print(rows[-1], flush=True)
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", type=float, default=[10, 1e3, 1e6, 1e8])
    parser.add_argument("--threads", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--concurrent-sizes", nargs="+", type=float, default=[1e3, 1e6])
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    print(machine())
    single = single_caller_table(args.sizes, args.threads)
    concurrent = concurrent_table(args.concurrent_sizes)
    if args.write:
        command = "/usr/bin/python3 bench/python/bench_module.py --write"
        replace_section("python-module", "\n".join(
            ["## Python module: hpcpp.evaluate vs numexpr.evaluate vs numpy", "",
             f"Machine: {machine()}. numexpr {ne.__version__}, numpy {np.__version__}. Reproduce: `{command}`.",
             "Time per call, min of repeated batches; `out` given as in the lecture (not for sum).", ""]
            + single + ["", "Two Python threads calling `evaluate('a**2+b**2+2*a*b', out=...)` at once, "
                        "each library set to 1 thread (best of 3 runs of 1.5 s):", ""] + concurrent))


if __name__ == "__main__":
    main()
