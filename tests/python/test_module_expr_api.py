"""numexpr 2.14's API around evaluate: validate() with re_evaluate(), numexpr's typing of
integer literal arithmetic, a string array as the whole expression, and no references kept
to the caller's arrays."""
import sys
import threading

import numpy as np
import pytest

import hpcpp


def test_validate_returns_none_and_re_evaluate_computes():
    a = np.array([1.0, 2.0, 3.0])
    b = np.array([4.0, 5.0, 6.0])
    c = np.array([7.0, 8.0, 9.0])
    assert hpcpp.validate("2*a + 3*b*c") is None
    np.testing.assert_array_equal(hpcpp.re_evaluate(), 2 * a + 3 * b * c)


def test_validate_with_a_local_dict():
    names = {"a": np.array([1.0, 2.0]), "b": np.array([3.0, 4.0])}
    assert hpcpp.validate("a - b", local_dict=names) is None
    np.testing.assert_array_equal(hpcpp.re_evaluate(local_dict=names), names["a"] - names["b"])


def test_validate_returns_the_exception_evaluate_would_raise():
    a = np.array([1.0, 2.0])  # noqa: F841 (read by name)
    assert isinstance(hpcpp.validate("2*a + zz"), KeyError)
    assert isinstance(hpcpp.validate("2+"), SyntaxError)
    assert isinstance(hpcpp.validate("sin(a) << 2"), TypeError)
    assert isinstance(hpcpp.validate("a + 1", out=np.zeros(3)), ValueError)


def test_a_failed_validate_keeps_the_previous_expression():
    a = np.array([1.0, 2.0])
    assert hpcpp.validate("a * 10") is None
    assert isinstance(hpcpp.validate("2+"), SyntaxError)
    np.testing.assert_array_equal(hpcpp.re_evaluate(), a * 10)


def test_validate_is_remembered_per_thread():
    a = np.array([1.0, 2.0])
    assert hpcpp.validate("a + 1") is None
    seen = []

    def other():
        a = np.array([5.0])  # noqa: F841 (read by name)
        hpcpp.validate("a * 3")
        seen.append(hpcpp.re_evaluate())

    t = threading.Thread(target=other)
    t.start()
    t.join()
    np.testing.assert_array_equal(seen[0], [15.0])
    np.testing.assert_array_equal(hpcpp.re_evaluate(), a + 1)


@pytest.mark.parametrize("text, value, dtype", [
    ("2**40", 2**40, np.int64), ("2**30", 2**30, np.int32), ("3000000000 >> 3", 375000000, np.int32),
    ("-2147483648", -2147483648, np.int32), ("2147483647 + 1", 2147483648, np.int64), ("-7 // 2", -4, np.int32),
    ("-7 % 2", 1, np.int32), ("1 << 40", 1 << 40, np.int64), ("~0", -1, np.int32), ("6 ^ 3", 5, np.int32),
])
def test_integer_literal_arithmetic_is_typed_by_its_value(text, value, dtype):
    r = hpcpp.evaluate(text)
    assert r.dtype == dtype
    assert r == value


def test_integer_literal_arithmetic_types_the_array_expression():
    a = np.arange(3, dtype=np.int32)
    assert hpcpp.evaluate("a + 2**40").dtype == np.int64
    assert hpcpp.evaluate("a + 2**20").dtype == np.int32


@pytest.mark.parametrize("s", [b"\0\0\0", b"\0\0foo\0", b"foo\0b\0", b"foo\0bar\0baz\0\0"])
def test_a_string_as_the_whole_expression_keeps_every_byte(s):
    assert hpcpp.evaluate("s").tobytes() == s


def test_a_string_array_as_the_whole_expression_is_a_copy():
    s = np.array([b"foo", b"", b"a\0b"] * 50)
    r = hpcpp.evaluate(" s ")
    np.testing.assert_array_equal(r, s)
    assert r.dtype == s.dtype and not np.shares_memory(r, s)
    out = np.empty_like(s)
    assert hpcpp.evaluate("s", out=out) is out
    np.testing.assert_array_equal(out, s)


def test_evaluate_keeps_no_reference_to_its_inputs_or_out():
    a = np.arange(10.0)
    b = np.arange(10.0)
    out = np.zeros(10)
    before = [sys.getrefcount(x) for x in (a, b, out)]
    hpcpp.evaluate("a * b + 1", out=out)
    hpcpp.evaluate("a * b + 1", local_dict={"a": a, "b": b})
    assert [sys.getrefcount(x) for x in (a, b, out)] == before
    a[:] = 2
    assert hpcpp.re_evaluate() is not out  # the last call had no out
    hpcpp.evaluate("a + b", out=out)
    assert [sys.getrefcount(x) for x in (a, b, out)] == before
    assert hpcpp.re_evaluate() is out
    assert [sys.getrefcount(x) for x in (a, b, out)] == before


def test_validate_keeps_no_reference_to_its_inputs():
    a = np.arange(10.0)
    before = sys.getrefcount(a)
    assert hpcpp.validate("a + 1") is None
    assert sys.getrefcount(a) == before
