"""hpcpp expr on .npy files: results, errors, and nothing written on failure."""
import numpy as np


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
    assert [int(x) for x in result.stdout.split()] == list((u[1:, ::2] * 3 - u[:-1, ::2]).ravel())


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
    assert "10000 elements, 2 threads:" in result.stdout and result.stdout.strip().endswith("ms")
