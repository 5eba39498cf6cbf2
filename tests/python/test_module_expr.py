"""hpcpp.evaluate (the Python module) against numexpr.evaluate in one process: the random
expressions of test_expr_differential on contiguous arrays, strided and reversed views,
other input dtypes and a given `out`; the same exception types for refused expressions and
bad arguments; numexpr's name lookup, scalars, 0-d arrays, broadcasting, out and the rest
of its API, and what hpcpp adds (slices, reductions along an axis, no copies of views)."""
import os

# The kernels that call the same libm as numexpr (see test_expr_differential); read once,
# when the engine first runs.
os.environ["HPCPP_EXPR_ISA"] = "baseline"

import tracemalloc  # noqa: E402

import hpcpp  # noqa: E402
import numexpr as ne  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from test_expr_differential import Generator, assert_matches_numexpr, assert_same, make_inputs  # noqa: E402

LAYOUTS = ["contiguous", "strided", "reversed", "dtypes", "out"]
GLOBAL_ARRAY = np.linspace(0, 1, 7)


def laid_out(arrays, layout):
    """The same values as views with other strides, or in other dtypes numexpr converts."""
    if layout == "strided":
        return {k: np.repeat(v, 3)[1::3] for k, v in arrays.items()}
    if layout == "reversed":
        return {k: v[::-1].copy()[::-1] for k, v in arrays.items()}
    if layout == "dtypes":  # numexpr reads int16 as int32, uint32 as int64, float16 as float32
        with np.errstate(over="ignore", invalid="ignore"):
            return dict(arrays, i=arrays["i"].astype(np.int16), l=arrays["l"].astype(np.uint32),
                        f=arrays["f"].astype(np.float16))
    return arrays


def outcome(call):
    with np.errstate(all="ignore"):
        try:
            return call()
        except Exception as e:  # noqa: BLE001 - compared with what the other raised
            return e


@pytest.mark.parametrize("seed", range(6))
def test_random_expressions_match_numexpr(seed):
    rng = np.random.default_rng(100 + seed)
    base = make_inputs(rng)
    layouts = {name: laid_out(base, name) for name in LAYOUTS}
    gen = Generator(100 + seed)
    texts = list(dict.fromkeys(gen.top() for _ in range(1500)))
    compared = 0
    for k, text in enumerate(texts):
        layout = LAYOUTS[k % len(LAYOUTS)]
        arrays = layouts[layout]
        theirs = outcome(lambda: ne.evaluate(text, local_dict=arrays))
        if isinstance(theirs, Exception):  # the few numexpr has no opcode for
            mine = outcome(lambda: hpcpp.evaluate(text, local_dict=arrays))
            if isinstance(mine, Exception):
                assert isinstance(mine, type(theirs)), f"{text}: numexpr raised {theirs!r}, hpcpp {mine!r}"
            continue
        out = np.empty_like(theirs) if layout == "out" else None
        mine = outcome(lambda: hpcpp.evaluate(text, local_dict=arrays, out=out))
        assert not isinstance(mine, Exception), f"{text} ({layout}): hpcpp raised {mine!r}"
        assert out is None or mine is out, f"{text}: the result is not out"
        assert mine.shape == np.shape(theirs), f"{text}: shape {mine.shape} vs numexpr {np.shape(theirs)}"
        assert_matches_numexpr(text, np.asarray(mine).ravel(), theirs, arrays)
        compared += 1
    assert compared > 0.9 * len(texts)


REFUSED = ["b - b", "-b", "d & d", "~d", "where(i, d, d)", "sum(b)", "i ** -1", "d << 1", "sin(d, d)",
           "nosuch(d)", "d +", "x + d", "1 + sum(d)", "d + (", "3 $ d", "zz", "d + 'a'"]


def test_refused_expressions_raise_what_numexpr_raises():
    arrays = make_inputs(np.random.default_rng(9))
    for text in REFUSED:
        theirs = outcome(lambda: ne.evaluate(text, local_dict=arrays, global_dict={}))
        mine = outcome(lambda: hpcpp.evaluate(text, local_dict=arrays, global_dict={}))
        assert isinstance(theirs, Exception), f"{text}: numexpr accepted it"
        assert isinstance(mine, type(theirs)), f"{text}: numexpr raised {theirs!r}, hpcpp {mine!r}"
        assert "\n" not in str(mine), f"{text}: {mine}"


# An integer to a negative integer power: two numbers are computed by Python before numexpr
# sees them (2**-1 is the float 0.5); an integer array to a negative constant is refused;
# an integer array of negative exponents gives numexpr's integer power (2**-1 is 0).
POWERS = ["x + 2**-1", "2**-1", "x + 2**-2", "x + (-2)**-1", "x + -2**-1", "x * 3**-2 + 1", "x + 2**y", "2**y",
          "x + 10**-3", "x + 1**-5", "x + 2.0**-1", "x + 2**y * 2**-1"]


@pytest.mark.parametrize("text", POWERS)
def test_integer_powers_with_negative_exponents_match_numexpr(text):
    for dtype in (np.int32, np.int64):
        arrays = {"x": np.arange(5, dtype=dtype), "y": np.array([-1, -2, 0, 1, 2], dtype=dtype)}
        theirs = np.asarray(ne.evaluate(text, local_dict=arrays, global_dict={}))
        mine = np.asarray(hpcpp.evaluate(text, local_dict=arrays, global_dict={}))
        assert mine.shape == theirs.shape, text
        assert_same(text, mine.ravel(), theirs, approximate=False)


def test_integer_array_to_a_negative_constant_power_is_refused_as_numexpr_does():
    x = np.arange(5)
    for text in ("x**-1", "x**-2 + 1", "(x + 1)**-1"):
        theirs = outcome(lambda: ne.evaluate(text, local_dict={"x": x}, global_dict={}))
        mine = outcome(lambda: hpcpp.evaluate(text, local_dict={"x": x}, global_dict={}))
        assert isinstance(theirs, ValueError) and isinstance(mine, ValueError), (text, theirs, mine)


def test_bad_arguments_raise_what_numexpr_raises():
    a = np.arange(5.0)
    read_only = np.zeros(5)
    read_only.flags.writeable = False
    cases = [
        ("a + c", {"local_dict": {"a": a, "c": np.ones(3)}}),
        ("a + 1", {"local_dict": {"a": a}, "out": np.zeros(5, np.float32)}),
        ("a + 1", {"local_dict": {"a": a}, "out": np.zeros(5, np.int64)}),
        ("a + 1", {"local_dict": {"a": a}, "out": np.zeros(4)}),
        ("a + 1", {"local_dict": {"a": a}, "out": [0.0] * 5}),
        ("a + 1", {"local_dict": {"a": a}, "out": read_only}),
        ("a + s", {"local_dict": {"a": a, "s": np.array(["x"])}}),
        ("a + s", {"local_dict": {"a": a, "s": "text"}}),
        ("a + o", {"local_dict": {"a": a, "o": object()}}),
        ("a + u", {"local_dict": {"a": a, "u": np.arange(5, dtype=np.uint64)}}),
        ("a + 1", {"local_dict": {"a": a}, "order": "Z"}),
        ("a + 1", {"local_dict": {"a": a}, "casting": "bogus"}),
        ("a + 1", {"local_dict": {"a": a}, "bogus": 1}),
    ]
    for text, kwargs in cases:
        theirs = outcome(lambda: ne.evaluate(text, **kwargs))
        mine = outcome(lambda: hpcpp.evaluate(text, **kwargs))
        assert isinstance(theirs, Exception), f"{text} {kwargs}: numexpr accepted it"
        assert isinstance(mine, type(theirs)), f"{text} {kwargs}: numexpr raised {theirs!r}, hpcpp {mine!r}"
        assert "\n" not in str(mine)


def test_names_come_from_the_callers_frame_like_numexpr():
    local_array = np.arange(7.0)

    def inner():
        hidden = np.full(7, 2.0)
        return hpcpp.evaluate("hidden * GLOBAL_ARRAY")

    assert np.array_equal(inner(), 2.0 * GLOBAL_ARRAY)
    # Module-level names, locals of this function, and a local_dict with the caller's
    # globals behind it.
    assert np.array_equal(hpcpp.evaluate("local_array + GLOBAL_ARRAY"), local_array + GLOBAL_ARRAY)
    assert np.array_equal(hpcpp.evaluate("q + GLOBAL_ARRAY", local_dict={"q": local_array}), local_array + GLOBAL_ARRAY)
    with pytest.raises(KeyError):
        hpcpp.evaluate("q + GLOBAL_ARRAY", local_dict={"q": local_array}, global_dict={})


@pytest.mark.parametrize("value", [5, -3, 2**40, 2.5, True, 1 + 2j, np.float32(1.5), np.int16(3), np.uint32(7),
                                   np.float16(0.5), np.array(4, np.int32), np.array(2.5, np.float32)])
def test_scalars_and_0d_arrays_give_numexprs_types(value):
    i = np.arange(-3, 4, dtype=np.int32)
    f = np.linspace(-1, 1, 7, dtype=np.float32)
    # (not x + x: numexpr 2.14, which hpcpp follows, adds two bools as numpy does, 2.8.4 refuses)
    for text in ["i + x", "f * x", "x - i", "where(i > 0, x, i)"]:
        theirs = outcome(lambda: ne.evaluate(text, local_dict={"i": i, "f": f, "x": value}))
        mine = outcome(lambda: hpcpp.evaluate(text, local_dict={"i": i, "f": f, "x": value}))
        if isinstance(theirs, Exception):
            assert isinstance(mine, type(theirs)), f"{text} x={value!r}: numexpr raised {theirs!r}, hpcpp {mine!r}"
            continue
        assert not isinstance(mine, Exception), f"{text} x={value!r}: {mine!r}"
        assert mine.dtype == theirs.dtype and mine.shape == theirs.shape, f"{text} x={value!r}"
        assert_same(text, mine.ravel(), theirs, approximate=False)


def test_broadcasting_layouts_and_record_fields_match_numexpr():
    rng = np.random.default_rng(4)
    m = rng.uniform(-2, 2, (13, 21))
    records = np.zeros(21, dtype=[("x", "f8"), ("n", "i4")])
    packed = np.zeros(21, dtype=np.dtype([("tag", "i1"), ("x", "f8")], align=False))  # unaligned field
    records["x"] = packed["x"] = rng.uniform(-1, 1, 21)
    cases = [
        ("m * c + r", {"m": m, "c": m[:, :1], "r": m[0]}),
        ("m * 2 - t", {"m": m, "t": np.asfortranarray(m)}),
        ("mt + 1", {"mt": m.T}),
        ("mf * mf", {"mf": np.asfortranarray(m)}),
        ("m[::2, ::-3] ** 2", {}),
        ("x * 3 + n", {"x": records["x"], "n": records["n"]}),
        ("x * 3", {"x": packed["x"]}),
        ("sum(m, axis=1)", {"m": m}),
        ("prod(m * 0.5, axis=0)", {"m": m}),
    ]
    for text, arrays in cases:
        if "[" in text:  # numexpr has no slices: numpy gives the expected value
            mine = hpcpp.evaluate("v ** 2", local_dict={"v": m[::2, ::-3]})
            assert np.array_equal(mine, m[::2, ::-3] ** 2)
            continue
        theirs = ne.evaluate(text, local_dict=arrays)
        mine = hpcpp.evaluate(text, local_dict=arrays)
        assert mine.shape == theirs.shape and mine.dtype == theirs.dtype, text
        assert mine.flags.f_contiguous == theirs.flags.f_contiguous, f"{text}: memory order differs from numexpr's"
        if text.startswith(("sum", "prod")):
            assert np.allclose(mine, theirs, rtol=1e-12, atol=0), text
        else:
            assert mine.tobytes("A") == theirs.tobytes("A"), text


def test_slices_in_the_expression_match_numpy():
    u = np.random.default_rng(2).random((40, 50))
    lap = hpcpp.evaluate("u[2:,1:-1] + u[:-2,1:-1] + u[1:-1,2:] + u[1:-1,:-2] - 4*u[1:-1,1:-1]")
    assert np.array_equal(lap, u[2:, 1:-1] + u[:-2, 1:-1] + u[1:-1, 2:] + u[1:-1, :-2] - 4 * u[1:-1, 1:-1])


def test_out_is_written_in_place_or_through_a_copy_where_it_overlaps_an_input():
    a = np.arange(10.0)
    expected = a * 2 + 1
    assert hpcpp.evaluate("a * 2 + 1", out=a) is a and np.array_equal(a, expected)
    a = np.arange(10.0)
    expected = a[::-1] + a
    assert hpcpp.evaluate("a[::-1] + a", out=a) is a and np.array_equal(a, expected)
    a = np.arange(10.0)
    expected = np.add(a, 1, out=a.copy()[::-1])
    hpcpp.evaluate("a + 1", out=a[::-1])
    assert np.array_equal(a[::-1], expected)
    # A float32 result into float64 (a safe cast) and a result broadcast into a larger out,
    # as numexpr allows.
    f = np.linspace(0, 1, 5, dtype=np.float32)
    for out_shape, dtype in [((5,), np.float64), ((3, 5), np.float32)]:
        theirs, mine = np.zeros(out_shape, dtype), np.full(out_shape, -1, dtype)
        ne.evaluate("f * 3", out=theirs)
        assert hpcpp.evaluate("f * 3", out=mine) is mine and np.array_equal(mine, theirs)
    # A strided out is written where it lies, nothing else touched.
    buffer = np.zeros(20)
    hpcpp.evaluate("f + 1", out=buffer[1::4])
    assert np.array_equal(buffer[1::4], f + 1) and not buffer[0::4].any() and not buffer[2::4].any()


def test_views_are_read_in_place():
    """A strided view of 1e6 float64 costs no copy: the evaluation allocates the result
    (8 MB) and little else. numpy reports its allocations to tracemalloc."""
    a = np.ones(2_000_000)[::2]
    tracemalloc.start()
    try:
        result = hpcpp.evaluate("a * 2 + 1")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert np.array_equal(result, a * 2 + 1)
    assert peak < result.nbytes + (1 << 20), f"peak {peak} bytes for a result of {result.nbytes}"


def test_compile_re_evaluate_and_threads_api():
    a, b = np.arange(6.0), np.full(6, 3.0)
    c = hpcpp.compile("a * b + 1")
    assert c.names == ["a", "b"] and c.text == "a * b + 1"
    expected = a * b + 1
    assert np.array_equal(c(a, b), expected)
    assert np.array_equal(c(b=b, a=a), expected)
    assert np.array_equal(c(), expected)  # from this frame
    assert np.array_equal(c(local_dict={"a": a, "b": b}), expected)
    out = np.empty(6)
    assert c(a, b, out=out) is out and np.array_equal(out, expected)
    with pytest.raises(TypeError):
        c(a)

    hpcpp.evaluate("a * b", local_dict={"a": a, "b": b})
    assert np.array_equal(hpcpp.re_evaluate({"a": a + 1, "b": b}), (a + 1) * b)
    a = np.full(6, 10.0)
    assert np.array_equal(hpcpp.re_evaluate(), a * b)  # this frame's new a
    out = np.empty(6)
    hpcpp.evaluate("a - b", out=out)
    out[:] = 0
    assert hpcpp.re_evaluate() is out and np.array_equal(out, a - b)

    first = hpcpp.get_num_threads()
    try:
        assert hpcpp.set_num_threads(1) == first
        assert hpcpp.get_num_threads() == 1
        assert hpcpp.set_num_threads(2) == 1
    finally:
        hpcpp.set_num_threads(first)
    for n in (0, -1, 1025, 5000):
        with pytest.raises(ValueError, match=f"^n={n}: must be an integer from 1 to 1024$"):
            hpcpp.set_num_threads(n)
    assert hpcpp.get_num_threads() == first
    assert hpcpp.detect_number_of_cores() == len(os.sched_getaffinity(0))
    assert hpcpp.evaluate("a + 1", truediv=True).shape == (6,)  # numexpr's keywords are accepted


def equal_to_numpy(ours, theirs):
    """Same dtype, shape and values (NaN where numpy has NaN)."""
    theirs = np.asarray(theirs)
    assert ours.dtype == theirs.dtype and ours.shape == theirs.shape, (ours.dtype, ours.shape, theirs.dtype, theirs.shape)
    np.testing.assert_array_equal(ours, theirs)


def numpy_checked_values():
    """Floats with NaN, infinities, signed zeros and halves; integers of both signs."""
    f = np.array([-2.5, -1.5, -0.5, -0.0, 0.0, 0.5, 1.5, 2.5, 7.25, -7.25, np.inf, -np.inf, np.nan, 3.0])
    i = np.arange(-7, 7, dtype=np.int64)
    return f, i


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_ceil_floor_fmod_as_numpy(dtype):
    f, _ = numpy_checked_values()
    x = f.astype(dtype)
    y = np.roll(x, 3)
    with np.errstate(all="ignore"):
        equal_to_numpy(hpcpp.evaluate("ceil(x)"), np.ceil(x))
        equal_to_numpy(hpcpp.evaluate("floor(x)"), np.floor(x))
        equal_to_numpy(hpcpp.evaluate("fmod(x, y)"), np.fmod(x, y))
        equal_to_numpy(hpcpp.evaluate("fmod(x, 2)"), np.fmod(x, dtype(2)))


def test_ceil_of_integers_is_float64():
    _, i = numpy_checked_values()
    equal_to_numpy(hpcpp.evaluate("floor(i)"), np.floor(i.astype(np.float64)))


@pytest.mark.parametrize("name", ["f", "i", "g"])
def test_maximum_minimum_propagate_nan_as_numpy(name):
    f, i = numpy_checked_values()
    g = f.astype(np.float32)
    a = {"f": f, "i": i, "g": g}[name]
    b = np.roll(a, 5)
    equal_to_numpy(hpcpp.evaluate("maximum(a, b)"), np.maximum(a, b))
    equal_to_numpy(hpcpp.evaluate("minimum(a, b)"), np.minimum(a, b))


@pytest.mark.parametrize("reduction", ["min", "max"])
def test_min_max_reductions_as_numpy(reduction):
    f, i = numpy_checked_values()
    fn = getattr(np, reduction)
    finite = f[np.isfinite(f)]
    equal_to_numpy(hpcpp.evaluate(f"{reduction}(finite)"), fn(finite))
    equal_to_numpy(hpcpp.evaluate(f"{reduction}(f)"), fn(f))  # a NaN anywhere gives NaN
    equal_to_numpy(hpcpp.evaluate(f"{reduction}(i)"), fn(i))
    big = np.random.default_rng(5).standard_normal((37, 301))
    for axis in (0, 1, -1):
        equal_to_numpy(hpcpp.evaluate(f"{reduction}(big * 2, axis={axis})"), fn(big * 2, axis=axis))
    equal_to_numpy(hpcpp.evaluate(f"{reduction}(big)"), fn(big))


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.float32, np.float64, np.complex128])
def test_real_and_imag_attributes_as_numexpr(dtype):
    a = (np.arange(20) * (1 + 2j if dtype == np.complex128 else 1)).astype(dtype)
    expr = "where((a-10).real != 0.0, a, 2)"
    equal_to_numpy(hpcpp.evaluate(expr), ne.evaluate(expr))
    equal_to_numpy(hpcpp.evaluate("(a*3).imag + a.real"), np.imag(a * 3).astype(np.float64) + np.real(a).astype(np.float64))


def test_other_attributes_are_syntax_errors():
    a = np.arange(3.0)  # noqa: F841
    with pytest.raises(SyntaxError, match="only .real and .imag"):
        hpcpp.evaluate("a.shape")


@pytest.mark.parametrize("reduction", ["sum", "prod", "min", "max"])
def test_axis_none_reduces_the_whole_array_as_numpy(reduction):
    y = np.arange(1.0, 7.0).reshape(2, 3)  # noqa: F841 (read by name)
    expected = getattr(np, reduction)(y**2, axis=None)
    for text in (f"{reduction}(y**2, axis=None)", f"{reduction}(y**2, None)"):
        result = hpcpp.evaluate(text)
        assert result.shape == () and result == expected, text
