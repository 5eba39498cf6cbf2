"""The functions and operators numexpr 2.14 has beyond numexpr 2.8: hpcpp.evaluate against
numpy (the reference numexpr 2.14 itself tests against), and against Debian's numexpr 2.8.4
where it has the operation, with numexpr 2.14's result types."""
import numexpr as ne
import numpy as np
import pytest

import hpcpp

SPECIALS = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 1e300, -1e-310, np.inf, -np.inf, np.nan]


def real_values(dtype):
    rng = np.random.default_rng(7)
    return np.concatenate([np.array(SPECIALS), rng.uniform(-50, 50, 200)]).astype(dtype)


def int_values(dtype):
    info = np.iinfo(dtype)
    rng = np.random.default_rng(8)
    return np.concatenate([np.array([0, 1, -1, 7, -7, info.min, info.max]), rng.integers(-1000, 1000, 200)]).astype(dtype)


def complex_values():
    re, im = np.meshgrid(np.array(SPECIALS), np.array([0.0, -1.5, 3.0, np.inf, np.nan]))
    return (re + 1j * im).ravel()


def same(result, expected):
    assert result.dtype == expected.dtype, (result.dtype, expected.dtype)
    np.testing.assert_array_equal(result, expected)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", ["isnan", "isfinite", "isinf", "signbit"])
def test_predicates_of_reals(name, dtype):
    a = real_values(dtype)
    same(hpcpp.evaluate(f"{name}(a)"), getattr(np, name)(a))


@pytest.mark.parametrize("name", ["isnan", "isfinite", "isinf"])
def test_predicates_of_complex_numbers(name):
    a = complex_values()
    same(hpcpp.evaluate(f"{name}(a)"), getattr(np, name)(a))


def test_predicates_of_integers_are_computed_on_their_float64_values():
    a = int_values(np.int32)
    same(hpcpp.evaluate("isfinite(a)"), np.ones(a.shape, bool))
    same(hpcpp.evaluate("signbit(a)"), a < 0)


def test_signbit_of_complex_numbers_is_refused():
    a = complex_values()
    with pytest.raises(TypeError, match="signbit"):
        hpcpp.evaluate("signbit(a)")


@pytest.mark.parametrize("name", ["sign", "round", "trunc"])
def test_rounding_and_sign_of_float64(name):
    a = real_values(np.float64)
    same(hpcpp.evaluate(f"{name}(a)"), getattr(np, name)(a))


def test_log2_within_an_ulp_of_numpy():
    # numpy's log2 is its own vectorised one; hpcpp's is libm's.
    a = real_values(np.float64)
    with np.errstate(all="ignore"):
        expected = np.log2(a)
    r = hpcpp.evaluate("log2(a)")
    assert r.dtype == np.float64
    np.testing.assert_allclose(r, expected, rtol=3e-16)


@pytest.mark.parametrize("name", ["sign", "round", "trunc"])
def test_float32_operands_are_computed_in_float64_as_numexpr_does(name):
    a = real_values(np.float32)
    same(hpcpp.evaluate(f"{name}(a)"), getattr(np, name)(a.astype(np.float64)))


def test_log2_keeps_float32_as_log_does():
    a = np.array([1, 2, 8, 0.5, 3], np.float32)
    same(hpcpp.evaluate("log2(a)"), np.log2(a))


def test_round_halves_go_to_even():
    a = np.array([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999999999999996])
    same(hpcpp.evaluate("round(a)"), np.array([0.0, 2.0, 2.0, -0.0, -2.0, -2.0, 2.0]))


@pytest.mark.parametrize("dtype", [np.int32, np.int64])
@pytest.mark.parametrize("name", ["abs", "sign", "round", "copy", "ones_like"])
def test_integer_results_for_integers(name, dtype):
    a = int_values(dtype)
    expected = {"abs": np.abs, "sign": np.sign, "round": np.round, "copy": np.copy, "ones_like": np.ones_like}[name](a)
    same(hpcpp.evaluate(f"{name}(a)"), expected)


def test_trunc_of_integers_is_float64():
    a = int_values(np.int32)
    same(hpcpp.evaluate("trunc(a)"), a.astype(np.float64))


def test_sign_and_round_of_complex_numbers():
    a = np.array([3 + 4j, -2j, 0j, 1.5 - 2.5j, 5 + 0j])
    np.testing.assert_allclose(hpcpp.evaluate("sign(a)"), a / np.where(a == 0, 1, np.abs(a)), rtol=1e-15)
    same(hpcpp.evaluate("round(a)"), np.round(a))
    np.testing.assert_allclose(hpcpp.evaluate("log2(b)", {"b": a[:2]}), np.log2(a[:2]), rtol=1e-15)


@pytest.mark.parametrize("name", ["hypot", "copysign", "nextafter"])
def test_two_argument_functions(name):
    a = real_values(np.float64)
    b = real_values(np.float64)[::-1].copy()
    same(hpcpp.evaluate(f"{name}(a, b)"), getattr(np, name)(a, b))
    same(hpcpp.evaluate(f"{name}(a, 2)"), getattr(np, name)(a, 2.0))


def test_two_argument_functions_of_float32_give_float64():
    a = np.array([1, -2, 3], np.float32)
    same(hpcpp.evaluate("nextafter(a, a + 1)"), np.nextafter(a.astype(np.float64), (a + 1).astype(np.float64)))


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.bool_])
@pytest.mark.parametrize("op", ["&", "|", "^"])
def test_bitwise_operators(op, dtype):
    if dtype == np.bool_:
        x, y = np.array([0, 1, 0, 1], bool), np.array([0, 0, 1, 1], bool)
    else:
        x, y = int_values(dtype), int_values(dtype)[::-1].copy()
    same(hpcpp.evaluate(f"x {op} y"), eval(f"x {op} y"))
    if dtype != np.bool_:
        same(hpcpp.evaluate(f"x {op} 6"), eval(f"x {op} dtype(6)"))
    same(hpcpp.evaluate("~x"), ~x)


def test_bitwise_operators_match_numexpr_on_bools():
    x, y = np.array([0, 1, 0, 1], bool), np.array([0, 0, 1, 1], bool)
    for text in ["x & y", "x | y", "~x", "(x & ~y) | (y & ~x)"]:
        same(hpcpp.evaluate(text), ne.evaluate(text))


def test_xor_binds_between_and_and_or():
    x, y, z = np.array([1, 6, 12]), np.array([3, 5, 10]), np.array([2, 4, 8])
    same(hpcpp.evaluate("x | y ^ z & x"), x | y ^ z & x)


def test_add_and_multiply_of_bools_are_or_and_and():
    x = np.array([0, 1, 0, 0, 1], bool)
    y = x[::-1]
    same(hpcpp.evaluate("x * y"), x * y)
    same(hpcpp.evaluate("x + y"), x + y)
    with pytest.raises(TypeError):
        hpcpp.evaluate("x - y")


@pytest.mark.parametrize("dtype", [np.int32, np.int64])
def test_integer_floor_division_and_modulo_follow_python(dtype):
    a = np.array([-500, -135, 0, 0, 135, 500, 7, -7, 7, -7], dtype)
    n = np.array([-360, -360, -360, 360, 360, 360, 2, 2, -2, -2], dtype)
    same(hpcpp.evaluate("a % n"), np.mod(a, n))
    same(hpcpp.evaluate("a // n"), a // n)
    same(hpcpp.evaluate("a // 3"), a // dtype(3))
    same(hpcpp.evaluate("a % 0"), np.zeros_like(a))
    same(hpcpp.evaluate("a // 0"), np.zeros_like(a))


def test_integer_floor_division_of_the_smallest_by_minus_one_wraps():
    a = np.array([np.iinfo(np.int32).min], np.int32)
    same(hpcpp.evaluate("a // -1"), a)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_float_floor_division_and_modulo_take_the_divisors_sign(dtype):
    a = np.array([7.5, -7.5, 7.5, -7.5, 0.0, 100.0, -3.0], dtype)
    b = np.array([2.0, 2.0, -2.0, -2.0, 3.0, 7.0, 3.0], dtype)
    same(hpcpp.evaluate("a % b"), np.mod(a, b))
    same(hpcpp.evaluate("a // b"), np.floor_divide(a, b))


def test_float_floor_division_and_modulo_are_numexprs_formulas():
    # numexpr 2.14: a - floor(a/b)*b and floor(a/b); they differ from numpy's divmod at
    # infinities and by a rounding on some values.
    a = real_values(np.float64)
    b = real_values(np.float64)[::-1].copy()
    with np.errstate(all="ignore"):
        same(hpcpp.evaluate("a % b"), a - np.floor(a / b) * b)
        same(hpcpp.evaluate("a // b"), np.floor(a / b))
    same(hpcpp.evaluate("a % b"), ne.evaluate("a % b"))


def test_truth_operators_and_lists_are_type_errors():
    x = np.arange(10, dtype=np.int32)
    for text in ["(x > 1) and (x < 9)", "(x > 1) or (x < 9)", "not x", "x < [0, 0, 0]"]:
        with pytest.raises(TypeError):
            hpcpp.evaluate(text)


def test_command_line_knows_the_new_functions(tmp_path):
    from conftest import HPCPP, run

    a = np.array([-2.5, 0.5, 1.5, np.nan])
    np.save(tmp_path / "a.npy", a)
    r = run([HPCPP, "expr", "round(a) + sign(a)", "--in", f"a={tmp_path / 'a.npy'}", "--out", str(tmp_path / "r.npy")])
    assert r.returncode == 0, r.stderr
    same(np.load(tmp_path / "r.npy"), np.round(a) + np.sign(a))
    r = run([HPCPP, "expr", "isnan(a) | (a // 1 == 1)", "--in", f"a={tmp_path / 'a.npy'}", "--out", str(tmp_path / "b.npy")])
    assert r.returncode == 0, r.stderr
    same(np.load(tmp_path / "b.npy"), np.isnan(a) | (a // 1 == 1))
