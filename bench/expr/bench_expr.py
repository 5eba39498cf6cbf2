"""hpcpp.evaluate against numexpr 2.8.4 (Debian's), a numexpr 2.14 build and numpy, side by
side in one run at equal thread counts, with STREAM's triad (`hpcpp expr --triad`) measured
just before each row. The rows are numexpr's benchmark expressions and the functions and
operators numexpr added in 2.13 and 2.14. Each engine runs in its own process (both
numexprs are named numexpr); before timing, every engine's result of every row is checked
against numpy's. Within a row the engines take turns, so a change in the machine's load
reaches them alike. Prints a markdown table; --write puts it into docs/BENCHMARKS.md.
At 1e8 elements the four processes hold about 11 GB (inputs, one result each, numpy's
temporaries).

    /usr/bin/python3 bench/expr/bench_expr.py [--numexpr214 DIR] [--sizes 1e6 1e8] [--new-sizes 1e6] [--write]
"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time

import numpy as np

BENCH = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BENCH))
from benchlib import PYTHON, ROOT, machine, replace_section  # noqa: E402

# numexpr's benchmark expressions (also used by bench/python/bench_module.py).
EXPRESSIONS = ["2*a+3*b", "a**2+b**2+2*a*b", "sin(a)**2 + cos(b)**2", "exp(a)", "where(a>b, a, b)",
               "a*b-4.1*a > 2.5*b", "sum(a*b)"]
NUMPY_OF = {"sin(a)**2 + cos(b)**2": "np.sin(a)**2 + np.cos(b)**2", "exp(a)": "np.exp(a)",
            "where(a>b, a, b)": "np.where(a>b, a, b)", "sum(a*b)": "np.sum(a*b)"}
# What numexpr 2.13 and 2.14 added, with numpy's spelling. Inputs: a, b uniform [0, 1);
# s, t normal with sd 100; x is s with 1% NaN, 1% +inf and 1% -inf; i, j int64 in
# [-1e6, 1e6) and [-1000, 1000] without 0.
NEW_FUNCTIONS = [
    ("maximum(a, b)", "np.maximum(a, b)"), ("minimum(a, b)", "np.minimum(a, b)"),
    ("hypot(a, b)", "np.hypot(a, b)"), ("copysign(a, s)", "np.copysign(a, s)"),
    ("nextafter(a, b)", "np.nextafter(a, b)"), ("log2(a)", "np.log2(a)"), ("trunc(s)", "np.trunc(s)"),
    ("round(s)", "np.round(s)"), ("sign(s)", "np.sign(s)"), ("signbit(s)", "np.signbit(s)"),
    ("isnan(x)", "np.isnan(x)"), ("isfinite(x)", "np.isfinite(x)"), ("isinf(x)", "np.isinf(x)"),
    ("i & j", "i & j"), ("i | j", "i | j"), ("i ^ j", "i ^ j"), ("~i", "~i"), ("i // j", "i // j"),
    ("i % j", "i % j"), ("ceil(s)", "np.ceil(s)"), ("floor(s)", "np.floor(s)"), ("fmod(s, t)", "np.fmod(s, t)"),
    ("min(a)", "np.min(a)"), ("max(a)", "np.max(a)"),
]

# One engine's process: makes the inputs, then answers JSON requests on stdin, one a line.
WORKER = r"""
import json, sys, timeit
import numpy as np
engine = sys.argv[1]
if engine == "hpcpp":
    sys.path.insert(0, sys.argv[2])
    import hpcpp as lib
elif engine.startswith("numexpr"):
    import numexpr as lib
arrays, outs, result_of = {}, {}, {}

def make_input(name, n):
    # One input, the same in every process: its own seed, whatever else is made.
    rng = np.random.default_rng("abstxij".index(name))
    if name in "ab":
        return rng.random(n)
    if name in "stx":
        v = rng.normal(0, 100, n)
        if name == "x":
            special = rng.permutation(n)[: 3 * (n // 100)].reshape(3, -1)
            v[special[0]], v[special[1]], v[special[2]] = np.nan, np.inf, -np.inf
        return v
    if name == "i":
        return rng.integers(-10**6, 10**6, n)
    return rng.integers(1, 1001, n) * rng.choice([-1, 1], n)

def call_of(req, check_n=None):
    text, names = req["text"], req["names"]
    local = {k: arrays[k][:check_n] for k in names}
    if engine == "numpy":
        code = compile(req["numpy"], "<row>", "eval")
        scope = dict(local, np=np)
        return lambda: eval(code, scope)
    if check_n is not None or result_of.get(text) is None:
        return lambda: lib.evaluate(text, local_dict=local)
    # One preallocated result at a time: at 1e8 elements each is 800 MB.
    if outs.get("text") != text:
        outs.clear()
        outs["text"], outs["out"] = text, np.empty(len(local[names[0]]), dtype=result_of[text])
    out = outs["out"]
    return lambda: lib.evaluate(text, local_dict=local, out=out)

for line in sys.stdin:
    req = json.loads(line)
    try:
        if req["op"] == "inputs":
            arrays.clear(); outs.clear(); result_of.clear()
            arrays.update((name, make_input(name, req["n"])) for name in req["names"])
            reply = {"version": getattr(lib, "__version__", np.__version__) if engine != "numpy" else np.__version__}
        elif req["op"] == "check":
            result = np.asarray(call_of(req, req["check_n"])())
            result_of[req["text"]] = str(result.dtype) if result.ndim else None
            np.save(req["path"], result)
            reply = {"dtype": str(result.dtype)}
        elif req["op"] == "calibrate":
            if engine != "numpy":
                lib.set_num_threads(req["threads"])
            first = min(timeit.repeat(call_of(req), number=1, repeat=2))
            reply = {"seconds": first, "number": max(1, int(req["batch_s"] / max(first, 1e-7)))}
        elif req["op"] == "time":
            reply = {"seconds": timeit.timeit(call_of(req), number=req["number"]) / req["number"]}
    except Exception as error:  # an engine without the function: reported, not fatal
        reply = {"error": f"{type(error).__name__}: {error}".splitlines()[0]}
    print(json.dumps(reply), flush=True)
"""


class Engine:
    """One engine's worker process."""

    def __init__(self, name, label, module_dir=None, pythonpath=None):
        self.name, self.label = name, label
        env = dict(os.environ)
        if pythonpath:
            env["PYTHONPATH"] = pythonpath
        else:
            env.pop("PYTHONPATH", None)
        self.proc = subprocess.Popen([PYTHON, "-c", WORKER, name, str(module_dir or "")], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, env=env, cwd=tempfile.gettempdir())

    def ask(self, **request):
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the {self.label} worker ended")
        return json.loads(line)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def input_names(text):
    return sorted(set(re.findall(r"\b[abstxij]\b", text)))


# The triad's arrays: at most 2e7 elements (160 MB each, far beyond the caches). Larger
# ones measure the same bandwidth, but the command then spends seconds faulting pages in.
TRIAD_MAX_N = 20_000_000


def triad_bandwidth(hpcpp, n, threads):
    done = subprocess.run([hpcpp, "expr", "--triad", "--n", str(min(n, TRIAD_MAX_N)), "--threads", str(threads)],
                          capture_output=True, text=True, check=True)
    return float(re.search(r"([0-9.]+) GB/s", done.stdout).group(1)) * 1e9


def agreement(expected, got):
    """None if `got` matches numpy's `expected`, else a short reason."""
    try:
        if expected.dtype.kind == "f" or got.dtype.kind == "f":
            np.testing.assert_allclose(got, expected, rtol=1e-12, atol=0, equal_nan=True)
        else:
            np.testing.assert_array_equal(got, expected)
    except AssertionError as error:
        lines = [ln.strip() for ln in str(error).splitlines() if ln.strip()]
        return next((ln for ln in lines if ln.startswith("Mismatched")), lines[0] if lines else "differs")
    return None


def bytes_per_element(text, arrays_dtypes, out_dtype):
    """Bytes moved per element, STREAM's way: each input read once, the result written once."""
    reads = sum(np.dtype(arrays_dtypes[k]).itemsize for k in input_names(text))
    return reads if re.match(r"(sum|min|max)\(", text) else reads + np.dtype(out_dtype).itemsize


def ms(seconds):
    return "n/a" if seconds is None else f"{seconds * 1e3:.2f}"


def ratio(theirs, ours):
    return "n/a" if theirs is None or ours is None else f"{theirs / ours:.2f}x"


def measure_row(engines, hpcpp_cmd, text, numpy_text, n, threads, numpy_seconds, args, notes, tmp):
    names = input_names(text)
    request = dict(text=text, numpy=numpy_text, names=names)
    if threads == args.threads[0]:
        # Results first: every engine against numpy.
        results = {}
        for e in engines:
            path = os.path.join(tmp, f"{e.name}.npy")
            reply = e.ask(op="check", path=path, check_n=min(n, args.check_n), **request)
            if "error" in reply:
                results[e.name] = reply["error"]
                notes.setdefault(f"{e.label} cannot evaluate `{text}`: {reply['error']}", None)
            else:
                results[e.name] = np.load(path)
        expected = results["numpy"]
        for e in engines:
            if e.name != "numpy" and not isinstance(results[e.name], str):
                why = agreement(expected, results[e.name])
                if why:
                    notes.setdefault(f"{e.label}'s `{text}` differs from numpy's: {why}", None)
                    measure_row.differs.add((e.name, text))
        measure_row.out_dtype[text] = expected.dtype
    bw_triad = triad_bandwidth(hpcpp_cmd, n, threads)
    batches = args.batches if n <= 1e7 else max(2, args.batches // 2)
    # numpy's elementwise functions use one thread whatever the count: timed once a row.
    timed = [e for e in engines if e.name != "numpy" or threads == args.threads[0]]
    best, number = {}, {}
    for e in timed:
        reply = e.ask(op="calibrate", threads=threads, batch_s=args.batch_s, **request)
        best[e.name], number[e.name] = reply.get("seconds"), reply.get("number")
    for _ in range(batches):  # the engines take turns
        for e in timed:
            if best[e.name] is not None:
                best[e.name] = min(best[e.name], e.ask(op="time", number=number[e.name], **request)["seconds"])
    if "numpy" in best:
        numpy_seconds[(n, text)] = best["numpy"]
    best["numpy"] = numpy_seconds.get((n, text))
    return best, bw_triad


measure_row.differs = set()
measure_row.out_dtype = {}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hpcpp", default=str(ROOT / "build/release/apps/hpcpp/hpcpp"), help="the command (triad)")
    parser.add_argument("--module", default=str(ROOT / "build/release/python"), help="directory of hpcpp's .so")
    parser.add_argument("--numexpr214", help="directory holding a numexpr 2.14 build (numexpr/ inside)")
    parser.add_argument("--sizes", nargs="+", type=float, default=[1e6, 1e8], help="sizes of numexpr's expressions")
    parser.add_argument("--new-sizes", nargs="+", type=float, default=[1e6], help="sizes of the 2.13/2.14 functions")
    parser.add_argument("--threads", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--batches", type=int, default=5, help="timed batches an engine a row (fewer above 1e7)")
    parser.add_argument("--batch-s", type=float, default=0.02, help="seconds a batch aims at")
    parser.add_argument("--check-n", type=int, default=10**6, help="elements whose results are checked")
    parser.add_argument("--only", help="regular expression: rows whose expression matches")
    parser.add_argument("--write", action="store_true", help="put the table into docs/BENCHMARKS.md")
    args = parser.parse_args()

    engines = [Engine("hpcpp", "hpcpp", module_dir=args.module), Engine("numexpr", "numexpr 2.8.4")]
    note_214 = None
    if args.numexpr214 and (pathlib.Path(args.numexpr214) / "numexpr").is_dir():
        engines.append(Engine("numexpr214", "numexpr 2.14", pythonpath=args.numexpr214))
    else:
        note_214 = ("numexpr 2.14: not measured (" + (f"no numexpr/ in {args.numexpr214}" if args.numexpr214
                                                      else "no --numexpr214 DIR given") + ")")
        print(note_214, file=sys.stderr)
    engines.append(Engine("numpy", "numpy"))
    has_214 = any(e.name == "numexpr214" for e in engines)

    rows = [(n, text, NUMPY_OF.get(text, text)) for n in args.sizes for text in EXPRESSIONS]
    rows += [(n, text, numpy_text) for n in args.new_sizes for text, numpy_text in NEW_FUNCTIONS]
    if args.only:
        rows = [r for r in rows if re.search(args.only, r[1])]

    header = ["n", "threads", "expression", "hpcpp ms", "numexpr 2.8.4 ms"] + (["numexpr 2.14 ms"] if has_214 else []) + \
        ["numpy ms", "vs 2.8.4"] + (["vs 2.14"] if has_214 else []) + \
        ["vs numpy", "hpcpp GB/s", "triad GB/s", "triad / hpcpp", "goal"]
    table = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    print(table[0] + "\n" + table[1], flush=True)
    notes, numpy_seconds, versions = {}, {}, {}
    load_before = os.getloadavg()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted({r[0] for r in rows}):
            for e in engines:
                names = sorted({name for r in rows if r[0] == n for name in input_names(r[1])})
                versions[e.label] = e.ask(op="inputs", n=int(n), names=names).get("version")
            dtypes = {k: ("int64" if k in "ij" else "float64") for k in "abstxij"}
            for threads in args.threads:
                for _, text, numpy_text in [r for r in rows if r[0] == n]:
                    best, bw_triad = measure_row(engines, args.hpcpp, text, numpy_text, int(n), threads, numpy_seconds,
                                                 args, notes, tmp)
                    ours = best["hpcpp"]
                    bw = bytes_per_element(text, dtypes, measure_row.out_dtype[text]) * n / ours if ours else None
                    within_triad = bw is not None and bw_triad / bw <= 1.2
                    vs_284 = best["numexpr"] / ours if ours and best["numexpr"] else None
                    goal = ("n/a" if vs_284 is None else "2x" if vs_284 >= 2 else "triad" if within_triad else "**MISS**")
                    mark = lambda name: " (differs)" if (name, text) in measure_row.differs else ""  # noqa: E731
                    cells = [f"{n:.0e}", str(threads), "`" + text.replace("|", "\\|") + "`", ms(ours) + mark("hpcpp"),
                             ms(best["numexpr"]) + mark("numexpr")]
                    cells += [ms(best["numexpr214"]) + mark("numexpr214")] if has_214 else []
                    cells += [ms(best["numpy"]), ratio(best["numexpr"], ours)]
                    cells += [ratio(best["numexpr214"], ours)] if has_214 else []
                    cells += [ratio(best["numpy"], ours), "n/a" if bw is None else f"{bw / 1e9:.1f}",
                              f"{bw_triad / 1e9:.1f}", "n/a" if bw is None else f"{bw_triad / bw:.2f}", goal]
                    table.append("| " + " | ".join(cells) + " |")
                    print(table[-1], flush=True)
    elapsed = time.perf_counter() - started
    load_after = os.getloadavg()
    for e in engines:
        e.close()

    lines = [f"Machine: {machine()}. Versions loaded: " +
             ", ".join(f"{k.split()[0]} {v}" for k, v in versions.items() if k != "hpcpp") + ".",
             f"Load average {load_before[0]:.2f} before the run, {load_after[0]:.2f} after; the run took "
             f"{elapsed:.0f} s.",
             "Reproduce: `/usr/bin/python3 bench/expr/bench_expr.py --numexpr214 DIR --write` (DIR: a numexpr "
             "2.14 source tree built in place with `python3 setup.py build_ext --inplace`).",
             ""]
    legend = ("Times: best batch mean per call, `out` preallocated (not for reductions); the engines take turns "
              "within a row. `vs X` is X's time over hpcpp's. numpy runs one thread, measured once a row and "
              "shown at every thread count. GB/s counts each input read once and the result written once; "
              "the triad (`a = b + 3*c`, `hpcpp expr --triad`, arrays of at most 2e7 elements) is measured "
              "just before each row. goal: `2x` "
              "is >= 2x numexpr 2.8.4, `triad` is hpcpp within 1.2x of the triad's bandwidth, n/a where "
              "numexpr 2.8.4 lacks the function.")
    extra = ([f"- {note_214}"] if note_214 else []) + [f"- {k}" for k in notes]
    markdown = "\n".join(["### expr: engines side by side", ""] + lines + [legend, ""] + table +
                         ([""] + extra if extra else []))
    for line in extra:
        print(line)
    print(f"(run took {elapsed:.0f} s; load average {load_before[0]:.2f} -> {load_after[0]:.2f})")
    if args.write:
        replace_section("expr-engines", markdown)


if __name__ == "__main__":
    main()
