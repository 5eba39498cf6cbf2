"""hpcpp expr on .npy files: results, errors, and nothing written on failure."""
import re

import numpy as np
import pytest


def test_evaluates_npy_inputs_into_npy_output(hpcpp, tmp_path):
    rng = np.random.default_rng(0)
    a, b = rng.random((30, 40)), rng.random((30, 40))
    np.save(tmp_path / "a.npy", a)
    np.save(tmp_path / "b.npy", b)
    out = tmp_path / "r.npy"
    result = hpcpp("expr", "a**2 + b**2 + 2*a*b", "--in", f"a={tmp_path / 'a.npy'}", "--in", f"b={tmp_path / 'b.npy'}",
                   "--out", out, "--threads", "2")
    assert result.returncode == 0, result.stderr
    r = np.load(out)
    assert r.shape == (30, 40) and r.dtype == np.float64
    assert r.tobytes() == (a * a + b * b + 2 * a * b).tobytes()


def test_slices_and_scalars(hpcpp, tmp_path):
    u = np.arange(20, dtype=np.int64).reshape(4, 5)
    np.save(tmp_path / "u.npy", u)
    result = hpcpp("expr", "u[1:, ::2] * k - u[:-1, ::2]", "--in", f"u={tmp_path / 'u.npy'}", "--set", "k=3")
    assert result.returncode == 0, result.stderr
    assert result.stdout == str(u[1:, ::2] * 3 - u[:-1, ::2]) + "\n"


def test_prints_like_python(hpcpp):
    result = hpcpp("expr", "sum(x) / 3", "--set", "x=1.0")
    assert result.returncode != 0  # sum() must be outermost
    result = hpcpp("expr", "x / 3", "--set", "x=1.0")
    assert result.stdout == repr(1.0 / 3) + "\n"
    assert hpcpp("expr", "x > 2", "--set", "x=3").stdout == "True\n"


def test_syntax_error_has_a_caret_under_the_column(hpcpp):
    result = hpcpp("expr", "a + * b", "--set", "a=1", "--set", "b=2")
    assert result.returncode == 2
    first, caret = result.stderr.rstrip("\n").split("\n")
    assert first.startswith("hpcpp: syntax error at column 5")
    assert first[caret.index("^")] == "*"


def test_one_line_errors_and_nothing_written(hpcpp, tmp_path):
    np.save(tmp_path / "u.npy", np.zeros(5))
    out = tmp_path / "r.npy"
    for args in (["u[1:] + u"], ["sine(u)"], ["u + v"], ["where(u, u, u)"]):
        result = hpcpp("expr", *args, "--in", f"u={tmp_path / 'u.npy'}", "--out", out)
        assert result.returncode == 2, args
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("hpcpp: "), result.stderr
        assert not out.exists()


def test_generated_data_prints_a_time(hpcpp):
    result = hpcpp("expr", "2*a+3*b", "--n", "10000", "--threads", "2", "--repeat", "2")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"2\*a\+3\*b: 10000 elements, 2 threads: Elapsed: [0-9.]+ seconds\n", result.stderr), result.stderr
    assert result.stdout == ""
    result = hpcpp("expr", "sum(a)", "--n", "100", "--repeat", "1")
    assert result.returncode == 0 and re.search(r"Elapsed: [0-9.]+ seconds", result.stderr)
    float(result.stdout)  # only the sum


def printing_cases():
    rng = np.random.default_rng(5)
    floats = {
        "0-d": np.array(2.5), "small": rng.random(5), "negative": -rng.random((3, 4)) * 100,
        "scientific by ratio": np.array([1e-3, 1.0, 2e3]), "scientific by size": rng.random((2, 3)) * 1e9,
        "scientific by smallness": rng.random(7) * 1e-5, "nan and inf": np.array([np.nan, -np.inf, 1.5, np.inf]),
        "wrapped": rng.random(40), "1000": rng.random(1000), "1001": rng.random(1001), "2-D summary": rng.random((40, 30)),
        "3-D": rng.random((2, 3, 4)), "3-D summary": rng.random((4, 5, 60)), "rows summary": rng.random((1001, 1)),
        "empty": np.zeros(0), "empty 2-D": np.zeros((2, 0)), "whole": np.arange(12.0).reshape(3, 4),
    }
    cases = [(f"float64 {name}", "a * 1.0", {"a": a}) for name, a in floats.items()]
    cases += [("float32", "a + a", {"a": rng.random((3, 5)).astype(np.float32)}),
              ("int64", "a - 500", {"a": rng.integers(-10**6, 10**6, (4, 7))}),
              ("int64 summary", "a * 3", {"a": np.arange(-1500, 1500, dtype=np.int64).reshape(30, 100)}),
              ("int32", "a", {"a": np.arange(-5, 7, dtype=np.int32).reshape(2, 2, 3)}),
              ("bool", "a > 0.5", {"a": rng.random((5, 6))}), ("bool 0-d", "a > 0.5", {"a": np.array(0.7)}),
              ("bool summary", "a < 0.5", {"a": rng.random(3000)}),
              ("complex", "a * 1j + b", {"a": rng.random(6) * 1e3, "b": rng.random(6)}),
              ("complex 2-D", "a + 0j", {"a": rng.random((3, 3)) - 0.5}),
              ("sum", "sum(a)", {"a": rng.random(100)}), ("sum of ints", "sum(a)", {"a": np.arange(10)}),
              ("sum along an axis", "sum(a, axis=1)", {"a": rng.random((4, 5))}),
              ("complex sum", "sum(a * 1j)", {"a": np.arange(4.0)})]
    return cases


@pytest.mark.parametrize("name, text, arrays", printing_cases(), ids=[c[0] for c in printing_cases()])
def test_prints_the_result_as_numpy_prints_it(hpcpp, tmp_path, name, text, arrays):
    args = []
    for key, array in arrays.items():
        np.save(tmp_path / f"{key}.npy", array)
        args += ["--in", f"{key}={tmp_path / key}.npy"]
    result = hpcpp("expr", text, *args)
    assert result.returncode == 0, result.stderr
    expected = eval(text.replace("sum(", "np.sum("), {"np": np}, dict(arrays))
    assert result.stdout == str(expected) + "\n"


def test_numexprs_refusals_are_errors_of_the_command_too(hpcpp, tmp_path):
    np.save(tmp_path / "i.npy", np.arange(4))
    np.save(tmp_path / "s.npy", np.array([b"a", b"b"]))
    inputs = ["--in", f"i={tmp_path / 'i.npy'}", "--in", f"s={tmp_path / 's.npy'}"]
    for text, message in [("i**-1", "integers to negative integer powers"), ("s + s", "(opcode 'add_sss')"),
                          ("s >= i", "(opcode 'ge_bsl')")]:
        result = hpcpp("expr", text, *inputs)
        assert result.returncode == 2, text
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("hpcpp: ") and message in result.stderr, result.stderr
    for text in ("lambda x: x", "import os;", "os. cpu_count()", "(3+1).\u1d47it_length()"):
        result = hpcpp("expr", text, *inputs)
        assert result.returncode == 2, text
        assert result.stderr.startswith("hpcpp: syntax error at column "), result.stderr


def test_axis_none_reduces_the_whole_array(hpcpp, tmp_path):
    m = np.arange(6).reshape(2, 3)
    np.save(tmp_path / "m.npy", m)
    for text in ("sum(m, axis=None)", "sum(m, None)"):
        result = hpcpp("expr", text, "--in", f"m={tmp_path / 'm.npy'}")
        assert result.returncode == 0, result.stderr
        assert result.stdout == f"{m.sum()}\n"
