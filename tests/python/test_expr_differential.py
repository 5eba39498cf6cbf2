"""hpcpp expr against numexpr (and against numpy where numexpr cannot slice), on thousands
of random well-typed expressions: exact for integer and bool results and for float
arithmetic, a stated number of ulps where transcendental functions or pow are involved.

The random expressions run on the baseline kernels (HPCPP_EXPR_ISA=baseline), which call
the same libm as numexpr, float64 arithmetic fused into machine code for half the seeds: a few ulps of libmvec's vector sin/cos/exp/log, fed through
ill-conditioned operations (exp(l) % 0.5), would show up as any difference at all. The
default dispatch (AVX2 / AVX-512) is compared with numexpr on the expressions without
transcendental functions, and the vector functions on their own, within their 4 ulps."""
import os
import random
import re
import subprocess

import numexpr as ne
import numpy as np
import pytest

from conftest import TOOLS

N = 257  # more than one SIMD width, odd
TRANSCENDENTAL = ["sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "arcsinh",
                  "arccosh", "arctanh", "log", "log10", "log1p", "exp", "expm1", "sqrt"]
# Transcendental results may differ from numexpr's by this many units in the last place of
# max(|x|, |y|, 1) (the 1 covers cancellation of nearly equal terms).
ULPS = 16
VARIABLES = {"b": np.bool_, "i": np.int32, "l": np.int64, "f": np.float32, "d": np.float64}


def make_inputs(rng, shape=(N,)):
    n = int(np.prod(shape))
    special = [0.0, -0.0, 1.0, -1.0, 0.5, np.inf, -np.inf, np.nan, 5e-324, 1e300, -1e300, 3.0]
    floats = np.array(special + list(rng.uniform(-10, 10, n - len(special))))
    ints = np.array([0, 1, -1, 2, -2, 7, -7] + list(rng.integers(-50, 51, n - 7)))
    with np.errstate(over="ignore"):
        f = rng.permutation(floats).astype(np.float32)
    arrays = {"b": rng.random(n) < 0.5, "i": ints.astype(np.int32), "l": rng.permutation(ints).astype(np.int64),
              "f": f, "d": rng.permutation(floats)}
    return {name: a.reshape(shape) for name, a in arrays.items()}


def has_variable(text):
    return re.search(r"\b[bilfd]\b", text) is not None


class Generator:
    """Random expressions in numexpr's language that numexpr accepts: arithmetic never on
    two bools, & | ~ only on bools, shifts only on integers by small constants, integer
    powers only by small non-negative constants. `%` and abs() only on floats (A / 1 is
    float, exactly A): numexpr 2.14, which hpcpp follows, takes Python's sign rule for an
    integer % and keeps abs() of an integer an integer, where this numexpr 2.8.4 gives C's
    remainder and float64. No operator has two constant operands: numexpr folds those in
    Python's arithmetic, as hpcpp does only for integer literals. No -0.0
    literal: numexpr shares one register between constants that compare equal, so 0 and
    -0.0 in one expression both become 0.0 there (the data hold -0.0 instead)."""

    def __init__(self, seed):
        self.r = random.Random(seed)

    def leaf(self, kind):
        r = self.r
        if kind == "bool":
            return r.choice(["b", "b", "(i > l)", "(d < f)"])
        if kind == "int":
            return r.choice(["i", "l", "i", "l", str(r.randint(0, 9)), "3000000000"])
        return r.choice(["i", "l", "f", "d", "d", "f", str(r.randint(0, 9)), r.choice(["2.5", "0.5", "1e300"])])

    def expr(self, kind, depth):
        r = self.r
        if depth == 0 or r.random() < 0.2:
            return self.leaf(kind)
        d = depth - 1
        text = self.compound(kind, d)
        if has_variable(text):
            return text
        return self.r.choice({"bool": ["b"], "int": ["i", "l"]}.get(kind, ["i", "l", "f", "d"]))

    def compound(self, kind, d):
        r = self.r
        if kind == "bool":
            choice = r.randrange(4)
            if choice == 0:
                return f"({self.expr('bool', d)} {r.choice(['&', '|'])} {self.expr('bool', d)})"
            if choice == 1:
                return f"~({self.expr('bool', d)})"
            return f"({self.expr('num', d)} {r.choice(['<', '<=', '==', '!=', '>=', '>'])} {self.expr('num', d)})"
        if kind == "int":
            choice = r.randrange(6)
            if choice == 0:
                return f"({self.expr('int', d)} {r.choice(['<<', '>>'])} {r.randint(0, 5)})"
            if choice == 1:
                return f"({self.expr('int', d)} ** {r.randint(0, 3)})"
            if choice == 2:
                return f"where({self.expr('bool', d)}, {self.expr('int', d)}, {self.expr('int', d)})"
            if choice == 3:
                return f"-({self.expr('int', d)})"
            return f"({self.expr('int', d)} {r.choice(['+', '-', '*'])} {self.expr('int', d)})"
        choice = r.randrange(7)
        if choice == 0:
            function = r.choice(TRANSCENDENTAL + ["abs"])
            return f"{function}({self.expr('num', d)}{' / 1' if function == 'abs' else ''})"
        if choice == 1:
            return f"arctan2({self.expr('num', d)}, {self.expr('num', d)})"
        if choice == 2:
            return f"where({self.expr('bool', d)}, {self.expr('num', d)}, {self.expr('num', d)})"
        if choice == 3:
            return f"({self.expr('num', d)} ** {r.choice(['2', '3', '0.5', '-1', '1.5', '-2.5', 'f', 'd', '7'])})"
        if choice == 4:
            return f"-({self.expr('num', d)})"
        op = r.choice(["+", "-", "*", "/", "%"])
        return f"({self.expr('num', d)}{' / 1' if op == '%' else ''} {op} {self.expr('num', d)})"

    def top(self):
        kind = self.r.choice(["bool", "int", "num", "num"])
        text = self.expr(kind, self.r.randint(1, 4))
        if kind != "bool" and has_variable(text) and self.r.random() < 0.05:
            text = f"{self.r.choice(['sum', 'prod'])}({text})"
        return text


def run_tool(tmp_path, arrays, expressions, isa="baseline", fuse="on"):
    args = [str(TOOLS / "expr_tool")]
    for name, array in arrays.items():
        path = tmp_path / f"{name}.npy"
        np.save(path, array)
        args.append(f"{name}={path}")
    env = dict(os.environ, HPCPP_EXPR_ISA=isa, HPCPP_EXPR_FUSE=fuse)
    done = subprocess.run(args, input="\n".join(expressions).encode() + b"\n", capture_output=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr.decode()
    results, data, at = [], done.stdout, 0
    for _ in expressions:
        end = data.index(b"\n", at)
        head = data[at:end].decode().split(" ", 2)
        at = end + 1
        if head[0] == "error":
            results.append(head[1] + " " + head[2] if len(head) > 2 else head[1])
            continue
        dtype, count = np.dtype(head[1]), int(head[2])
        results.append(np.frombuffer(data, dtype=dtype, count=count, offset=at))
        at += dtype.itemsize * count
    return results


def ulps_apart(x, y):
    """|x - y| in units of the last place of max(|x|, |y|, 1)."""
    scale = np.maximum(np.maximum(np.abs(x), np.abs(y)), 1).astype(x.dtype)
    return np.abs(x.astype(np.float64) - y.astype(np.float64)) / np.spacing(scale).astype(np.float64)


def assert_same(text, ours, theirs, approximate):
    theirs = np.asarray(theirs).ravel()
    assert ours.dtype == theirs.dtype, f"{text}: dtype {ours.dtype} vs numexpr {theirs.dtype}"
    assert ours.shape == theirs.shape, text
    if ours.dtype.kind in "biu":
        bad = np.nonzero(ours != theirs)[0]
        assert bad.size == 0, f"{text}: at {bad[0]}: {ours[bad[0]]} vs {theirs[bad[0]]}"
        return
    both_nan = np.isnan(ours) & np.isnan(theirs)
    if not approximate:
        same = (ours.view(np.uint8).reshape(ours.size, -1) == theirs.view(np.uint8).reshape(theirs.size, -1)).all(axis=1)
        bad = np.nonzero(~(same | both_nan))[0]
        assert bad.size == 0, f"{text}: at {bad[0]}: {ours[bad[0]]!r} vs {theirs[bad[0]]!r}"
        return
    with np.errstate(all="ignore"):
        close = (ours == theirs) | both_nan | (ulps_apart(ours, theirs) <= ULPS)
    bad = np.nonzero(~close)[0]
    assert bad.size == 0, f"{text}: at {bad[0]}: {ours[bad[0]]!r} vs {theirs[bad[0]]!r}"


def approximate(text):
    # numexpr turns x / c for a float constant c into x * (1/c), one rounding more;
    # hpcpp divides.
    if re.search(r"/ [0-9]+\.[0-9]*|/ [0-9.]+e", text):
        return True
    return any(f + "(" in text for f in TRANSCENDENTAL + ["arctan2"]) or "**" in text or text.startswith(("sum", "prod"))


def numexpr_accepted(expressions, arrays):
    """The expressions numexpr evaluates (it has no opcode for a few), and its results."""
    keep, expected = [], []
    with np.errstate(all="ignore"):
        for text in expressions:
            try:
                expected.append(ne.evaluate(text, local_dict=arrays))
                keep.append(text)
            except Exception:
                pass
    return keep, expected


@pytest.mark.parametrize("seed", range(12))
def test_random_expressions_match_numexpr(tmp_path, seed):
    rng = np.random.default_rng(seed)
    arrays = make_inputs(rng)
    gen = Generator(seed)
    expressions = list(dict.fromkeys(gen.top() for _ in range(2000)))
    keep, expected = numexpr_accepted(expressions, arrays)
    assert len(keep) > 0.9 * len(expressions), "the generator writes mostly expressions numexpr rejects"
    # Odd seeds run float64 arithmetic kernel by kernel, even ones as fused machine code.
    ours = run_tool(tmp_path, arrays, keep, fuse="off" if seed % 2 else "on")
    for text, mine, theirs in zip(keep, ours, expected):
        assert not isinstance(mine, str), f"{text}: hpcpp refused: {mine}"
        assert_matches_numexpr(text, mine, theirs, arrays)


def assert_matches_numexpr(text, mine, theirs, arrays):
    """`mine` (raveled) against numexpr's result for a generated expression on `arrays`."""
    if text.startswith(("sum", "prod")) and mine.dtype.kind == "f":
        # Float sums and products are accumulated in another order than numexpr's; the
        # order decides between inf, nan and 0 once they overflow, so only finite
        # results are compared, against the sum of magnitudes.
        assert mine.dtype == np.asarray(theirs).dtype, text
        if np.isfinite(mine[0]) and np.isfinite(theirs):
            with np.errstate(all="ignore"):
                terms = np.abs(ne.evaluate(text[text.index("(") + 1:-1], local_dict=arrays)).astype(np.float64)
                scale = terms.sum() if text.startswith("sum") else abs(float(theirs))
            rtol = 1e-5 if mine.dtype == np.float32 else 1e-12
            assert abs(float(mine[0]) - float(theirs)) <= rtol * scale, f"{text}: {mine[0]} vs {theirs}"
        return
    assert_same(text, mine, theirs, approximate(text))


@pytest.mark.parametrize("seed", [100, 101, 102])
def test_default_dispatch_matches_numexpr(tmp_path, seed):
    """The kernels a user gets (AVX2 / AVX-512 where the CPU has them, fused machine code)
    against numexpr directly. Expressions with a transcendental function are left out here:
    libmvec's vector functions are a few ulps from libm's, which ill-conditioned operations
    around them magnify without bound; they are compared on their own below."""
    rng = np.random.default_rng(seed)
    arrays = make_inputs(rng)
    gen = Generator(seed)
    expressions = [t for t in dict.fromkeys(gen.top() for _ in range(1500))
                   if not any(f + "(" in t for f in TRANSCENDENTAL + ["arctan2"])]
    keep, expected = numexpr_accepted(expressions, arrays)
    assert len(keep) > 300, "too few expressions left to compare"
    for text, mine, theirs in zip(keep, run_tool(tmp_path, arrays, keep, isa="auto"), expected):
        assert not isinstance(mine, str), f"{text}: hpcpp refused: {mine}"
        if text.startswith(("sum", "prod")) and mine.dtype.kind == "f":
            continue  # accumulation order: compared in test_random_expressions_match_numexpr
        assert_same(text, mine, theirs, approximate(text))


def assert_reduction_close(text, mine, theirs, terms):
    """A float sum or product accumulated in another order than numexpr's: where both are
    finite, within a relative 1e-12 (1e-5 for float32) of the sum of the terms' magnitudes
    (sums) or of the result (products). Integer results are exact."""
    theirs = np.asarray(theirs).ravel()
    assert mine.dtype == theirs.dtype and mine.shape == theirs.shape, text
    if mine.dtype.kind in "iu":
        assert np.array_equal(mine, theirs), text
        return
    finite = np.isfinite(mine) & np.isfinite(theirs)
    scale = terms if text.startswith("sum") else np.abs(theirs)
    rtol = 1e-5 if mine.dtype in (np.float32, np.complex64) else 1e-12
    with np.errstate(all="ignore"):
        bad = np.nonzero(finite & ~(np.abs(mine - theirs) <= rtol * scale))[0]
    assert bad.size == 0, f"{text}: at {bad[0]}: {mine[bad[0]]} vs {theirs[bad[0]]}"


@pytest.mark.parametrize("shape", [(13, 21), (4, 5, 300), (300, 3)])
def test_reductions_along_an_axis_match_numexpr(tmp_path, shape):
    rng = np.random.default_rng(len(shape) + shape[0])
    arrays = make_inputs(rng, shape)
    gen = Generator(shape[0])
    expressions = []
    while len(expressions) < 400:
        inner = gen.expr(gen.r.choice(["int", "num"]), gen.r.randint(1, 3))
        if has_variable(inner):
            axis = gen.r.randrange(len(shape))
            spelled = gen.r.choice([f"axis={axis}", str(axis)])
            expressions.append(f"{gen.r.choice(['sum', 'sum', 'prod'])}({inner}, {spelled})")
    expected, keep = [], []
    with np.errstate(all="ignore"):
        for text in dict.fromkeys(expressions):
            try:
                expected.append(ne.evaluate(text, local_dict=arrays))
                keep.append(text)
            except Exception:
                pass
    assert len(keep) > 300
    for text, mine, theirs in zip(keep, run_tool(tmp_path, arrays, keep), expected):
        assert not isinstance(mine, str), f"{text}: hpcpp refused: {mine}"
        inner, axis = text[text.index("(") + 1:text.rindex(",")], int(text[text.rindex(",") + 1:-1].split("=")[-1])
        with np.errstate(all="ignore"):
            terms = np.abs(ne.evaluate(inner, local_dict=arrays).astype(np.float64)).sum(axis=axis).ravel()
        assert_reduction_close(text, mine, theirs, terms)


def random_bytes(rng, n, length):
    """Strings of up to `length` bytes: letters from a small alphabet (so substrings recur),
    NULs inside and at the end, and bytes above 0x7f (signed in numexpr's comparisons)."""
    alphabet = [b"a", b"b", b"c", b"\x00", b"\x80", b"\xff", b"A"]
    weights = [0.3, 0.25, 0.2, 0.08, 0.07, 0.05, 0.05]
    return np.array([b"".join(rng.choice(alphabet, size=rng.integers(0, length + 1), p=weights)) for _ in range(n)],
                    dtype=f"S{length}")


def bytes_expression(r):
    """A random bool expression over the bytes arrays s, t and ASCII constants. The empty
    constant appears in contains() only: numexpr compares it inconsistently (`s < ''` and
    `s > ''` are both true for s = b'b'); hpcpp compares it as NULs, as numpy does."""
    def operand(empty):
        return r.choice(["s", "t", "s", "t", "'ab'", 'b"b"', "'a\\x00b'", "'c\\tA'", '"ba"'] + (["''"] if empty else []))

    def atom():
        contains = r.random() < 0.4
        a, b = operand(contains), operand(contains)
        while a[0] in "'b\"" and b[0] in "'b\"":
            b = r.choice(["s", "t"])
        if contains:
            return f"contains({a}, {b})"
        return f"({a} {r.choice(['<', '<=', '==', '!=', '>=', '>'])} {b})"

    text = atom()
    for _ in range(r.randint(0, 2)):
        text = f"({text} {r.choice(['&', '|'])} {r.choice([atom(), '~' + atom()])})"
    return text if r.random() < 0.8 else f"where({text}, i, d)"


def test_bytes_comparisons_and_contains_match_numexpr(tmp_path):
    rng = np.random.default_rng(11)
    arrays = make_inputs(rng, (N,))
    arrays["s"], arrays["t"] = random_bytes(rng, N, 4), random_bytes(rng, N, 6)
    r = random.Random(11)
    expressions, expected = [], []
    for text in dict.fromkeys(bytes_expression(r) for _ in range(1500)):
        try:
            expected.append(ne.evaluate(text, local_dict=arrays))
            expressions.append(text)
        except TypeError:  # numexpr cannot order a str constant against a bytes one
            pass
    assert len(expressions) > 500
    for text, mine, theirs in zip(expressions, run_tool(tmp_path, arrays, expressions), expected):
        assert not isinstance(mine, str), f"{text}: hpcpp refused: {mine}"
        assert_same(text, mine, theirs, False)
    # The same on views: reversed, strided, and one string broadcast against all.
    views = {"s": arrays["s"][::-2], "t": arrays["t"][1::2][::-1][:len(arrays["s"][::-2])], "i": arrays["i"][::-2],
             "d": arrays["d"][::-2]}
    views["t"] = np.concatenate([views["t"], arrays["t"][:len(views["s"]) - len(views["t"])]])
    texts = ["contains(s, t)", "s < t", "(s >= t) & contains(t, s)", "where(s == t, i, d)"]
    ours = run_tool(tmp_path, {"s": arrays["s"], "t": arrays["t"], "i": arrays["i"], "d": arrays["d"]},
                    ["contains(s[::-2], t[::-2])", "s[::-2] < t[::-2]", "(s[::-2] >= t[::-2]) & contains(t[::-2], s[::-2])",
                     "where(s[::-2] == t[::-2], i[::-2], d[::-2])"])
    sliced = {name: arrays[name][::-2] for name in ("s", "t", "i", "d")}
    for text, mine in zip(texts, ours):
        assert_same(text, mine, ne.evaluate(text, local_dict=sliced), False)
    column = arrays["s"][:6].reshape(6, 1)
    (mine,) = run_tool(tmp_path, {"c": column, "t": arrays["t"][:9]}, ["contains(t, c)"])
    assert_same("contains(t, c)", mine, ne.evaluate("contains(t, c)", local_dict={"c": column, "t": arrays["t"][:9]}), False)


def test_broadcasting_matches_numexpr(tmp_path):
    rng = np.random.default_rng(12)
    arrays = {"x": rng.uniform(-5, 5, (7, 1)), "y": rng.uniform(-5, 5, 5), "z": rng.uniform(-5, 5, (1, 5)),
              "w": rng.uniform(-5, 5, (7, 5)), "k": rng.integers(-9, 10, (3, 7, 1)).astype(np.int32)}
    r = random.Random(12)
    expressions = []
    for _ in range(300):
        terms = r.sample(list(arrays), r.randint(2, 4))
        text = terms[0]
        for t in terms[1:]:
            text = f"({text} {r.choice(['+', '-', '*'])} {t})"
        expressions.append(text if r.random() < 0.7 else f"sum({text}, axis={r.randrange(2)})")
    expressions = list(dict.fromkeys(expressions))
    expected = [ne.evaluate(text, local_dict=arrays) for text in expressions]
    for text, mine, theirs in zip(expressions, run_tool(tmp_path, arrays, expressions), expected):
        assert not isinstance(mine, str), f"{text}: hpcpp refused: {mine}"
        if text.startswith("sum"):
            inner = text[4:text.rindex(",")]
            terms = np.abs(ne.evaluate(inner, local_dict=arrays)).sum(axis=int(text[-2])).ravel()
            assert_reduction_close(text, mine, theirs, terms)
        else:
            assert_same(text, mine, theirs, False)
    (refused,) = run_tool(tmp_path, {"y": arrays["y"], "v": np.zeros(6)}, ["y + v"])
    assert refused == "shape mismatch: y has shape (5,) but v has shape (6,)"


def test_vector_math_within_four_ulps_of_numexpr(tmp_path):
    rng = np.random.default_rng(3)
    d = np.concatenate([rng.uniform(-30, 30, 3000), rng.uniform(1e-3, 700, 3000), [0.0, -0.0, np.inf, -np.inf, np.nan]])
    texts = ["sin(d)", "cos(d)", "exp(d)", "log(d)", "sin(d)**2 + cos(d)**2"]
    with np.errstate(all="ignore"):
        for text, mine in zip(texts, run_tool(tmp_path, {"d": d}, texts, isa="auto")):
            theirs = ne.evaluate(text, local_dict={"d": d})
            both_nan = np.isnan(mine) & np.isnan(theirs)
            ulps = np.where(both_nan | (mine == theirs), 0, np.abs(mine - theirs) / np.spacing(np.abs(theirs)))
            assert ulps.max() <= (4 if "**" not in text else 16), f"{text}: {ulps.max()} ulps at d = {d[ulps.argmax()]}"


def test_errors_where_numexpr_refuses(tmp_path):
    arrays = make_inputs(np.random.default_rng(9))
    refused = ["b - b", "-b", "d & d", "~d", "where(i, d, d)", "sum(b)", "i ** -1", "d << 1", "sin(d, d)", "nosuch(d)",
               "d +", "x + d", "1 + sum(d)"]
    for text, result in zip(refused, run_tool(tmp_path, arrays, refused)):
        assert isinstance(result, str), f"{text}: hpcpp accepted it"
        with pytest.raises(Exception):
            ne.evaluate(text, local_dict=arrays)


def test_sliced_expressions_match_numpy(tmp_path):
    rng = np.random.default_rng(5)
    u = rng.uniform(-3, 3, (23, 31))
    v = rng.uniform(0.1, 2, (23, 31))
    slices = ["u[1:-1, 1:-1]", "u[2:, 1:-1]", "u[:-2, 1:-1]", "u[1:-1, 2:]", "u[1:-1, :-2]", "v[1:-1, ::-1][:, 1:-1]"]
    slices = slices[:5] + ["v[1:-1, 1:-1]", "v[-2:0:-1, 1:-1]", "v[1:-1, -2:0:-1]"]
    r = random.Random(5)
    namespace = {"u": u, "v": v, "sin": np.sin, "exp": np.exp, "sqrt": np.sqrt, "where": np.where}
    expressions = []
    for _ in range(300):
        terms = [r.choice(slices) for _ in range(r.randint(1, 5))]
        text = terms[0]
        for t in terms[1:]:
            text = f"({text} {r.choice(['+', '-', '*', '/'])} {t})"
        if r.random() < 0.3:
            text = f"{r.choice(['sin', 'exp', 'sqrt'])}({text})"
        expressions.append(text)
    expressions.append("u[1::2, ::3] * v[1::2, -1::-3]")
    expressions.append("where(u[3] > 0, u[3], v[-1])")
    ours = run_tool(tmp_path, {"u": u, "v": v}, expressions)
    with np.errstate(all="ignore"):
        for text, mine in zip(expressions, ours):
            assert not isinstance(mine, str), f"{text}: {mine}"
            assert_same(text, mine, eval(text, namespace), approximate(text))


def test_stencil_expression_is_the_lectures_update(tmp_path):
    u = np.random.default_rng(1).random((40, 50))
    u[0, :] = u[-1, :] = u[:, 0] = u[:, -1] = 0
    c = 0.123
    text = "u[1:-1,1:-1] + 0.123*(u[2:,1:-1] + u[:-2,1:-1] + u[1:-1,2:] + u[1:-1,:-2] - 4*u[1:-1,1:-1])"
    (mine,) = run_tool(tmp_path, {"u": u}, [text])
    lap = u[2:, 1:-1] + u[:-2, 1:-1] + u[1:-1, 2:] + u[1:-1, :-2] - 4 * u[1:-1, 1:-1]
    expected = u[1:-1, 1:-1] + c * lap
    assert mine.tobytes() == expected.ravel().tobytes()
