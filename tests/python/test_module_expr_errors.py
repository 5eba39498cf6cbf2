"""The exception each refused expression raises, as numexpr 2.14's tests tell them apart:
text the grammar refuses is a SyntaxError and a ValueError (numexpr's parser and its
sanitizer), an integer array to a negative integer power a plain ValueError (no missing
operation), and an operation no type has names numexpr's opcode in its message."""
import re

import numpy as np
import numexpr as ne
import pytest

import hpcpp

# Text numexpr's sanitizer refuses with a ValueError and Python's parser with a SyntaxError.
REFUSED_TEXT = ["lambda x: x", "import os;", "os. cpu_count()", "(3+1).\u1d47it_length()", "a.shape", "2 +"]


@pytest.mark.parametrize("text", REFUSED_TEXT)
def test_refused_text_is_both_a_syntax_error_and_a_value_error(text):
    a = np.arange(3.0)  # noqa: F841 (read by name)
    with pytest.raises(SyntaxError) as raised:
        hpcpp.evaluate(text)
    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, hpcpp.ExpressionSyntaxError)
    returned = hpcpp.validate(text)
    assert isinstance(returned, SyntaxError) and isinstance(returned, ValueError)


# What numexpr's sanitizer lets through: exponents, .real/.imag, imaginary literals, and
# forbidden characters inside quotes.
ACCEPTED_TEXT = ["a*2.e-5", "a*2.e+5", "a*2e-5", "a*2E-5", "a*2.0e5", "2.+a", "c.real", "c.imag", "1.5j", "3.j",
                 "1.2e3+4.5e6j", "s == 'b:'"]


@pytest.mark.parametrize("text", ACCEPTED_TEXT)
def test_text_numexprs_sanitizer_accepts_evaluates_as_numpy(text):
    names = {"a": 3.0, "c": 2.5 + 1.5j, "s": np.array([b"a", b"b:"])}
    expected = eval(text.replace("'b:'", "b'b:'"), {}, names)
    np.testing.assert_array_equal(hpcpp.evaluate(text, local_dict=names), expected)


@pytest.mark.parametrize("text", ["x**-1", "(x+1)**-7", "x**-2 + 1"])
@pytest.mark.parametrize("dtype", [np.int32, np.int64])
def test_integer_array_to_a_negative_integer_power_is_a_plain_value_error(text, dtype):
    x = np.arange(5, dtype=dtype)  # noqa: F841 (read by name)
    with pytest.raises(ValueError) as raised:
        hpcpp.evaluate(text)
    assert not isinstance(raised.value, NotImplementedError), "numexpr's tests take NotImplementedError as a missing operation"


OPERANDS = {"s": np.array([b"ab", b"c"]), "t": np.array([b"x", b"yz"]), "i": np.arange(2, dtype=np.int32),
            "l": np.arange(2), "f": np.ones(2, np.float32), "d": np.ones(2), "c": np.ones(2, complex),
            "b": np.ones(2, bool)}


def numexpr_opcode(text):
    """The opcode numexpr (the installed one) names when it has no operation for `text`."""
    with pytest.raises(NotImplementedError) as raised:
        ne.evaluate(text, local_dict=OPERANDS, global_dict={})
    return re.search(r"'(\w+)'", str(raised.value)).group(1)


@pytest.mark.parametrize("text", ["s + t", "s >= i", "s < l", "s <= d", "s == d", "s * t", "-s", "~d", "~f",
                                  "b - b", "d << 1", "i << d", "contains(s, i)", "sum(b)", "prod(s)", "fmod(c, d)",
                                  "arctan2(c, c)"])
def test_an_operation_no_type_has_names_numexprs_opcode(text):
    with pytest.raises(NotImplementedError) as raised:
        hpcpp.evaluate(text, local_dict=OPERANDS, global_dict={})
    assert f"(opcode '{numexpr_opcode(text)}')" in str(raised.value)
