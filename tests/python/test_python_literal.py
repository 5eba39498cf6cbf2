"""The parameter reader's number literals against CPython's ast.literal_eval and float()."""
import ast
import random
import warnings

from conftest import TOOLS, run

TOKENS = ["0", "1", "7", "9", "00", "_", "__", ".", "e", "E", "e-", "e+", "+", "-", " ", "\t", "x", "X", "o",
          "O", "b", "B", "a", "f", "F", "j", "J", "(", ")", "0x", "0o", "0b", "L", "l", "nan", "inf"]


def cpython_reads(text):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)  # "1or" and the like: still rejected below
            value = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return "reject"
    if type(value) is int:
        try:
            return f"int {float(value)!r}"
        except OverflowError:
            return "int -inf" if value < 0 else "int inf"
    if type(value) is float:
        return f"float {value!r}"
    return "reject"


def digit_run(rng, alphabet, longest):
    digits = [rng.choice(alphabet) for _ in range(rng.randint(1, longest))]
    return "".join(d + ("_" if rng.random() < 0.15 and i + 1 < len(digits) else "") for i, d in enumerate(digits))


def well_formed(rng):
    kind = rng.random()
    if kind < 0.25:
        prefix, alphabet = rng.choice([("0x", "0123456789abcdefABCDEF"), ("0o", "01234567"), ("0b", "01"),
                                       ("0X", "0123456789abcdef"), ("0O", "0127"), ("0B", "01")])
        body = ("_" if rng.random() < 0.2 else "") + digit_run(rng, alphabet, rng.choice([3, 30, 300]))
        text = prefix + body
    elif kind < 0.45:
        text = digit_run(rng, "0123456789", rng.choice([2, 20, 400]))
    else:
        whole = digit_run(rng, "0123456789", 20) if rng.random() < 0.8 else ""
        fraction = digit_run(rng, "0123456789", 20) if rng.random() < 0.8 else ""
        text = whole + ("." + fraction if rng.random() < 0.7 or not whole else "")
        if rng.random() < 0.5:
            text += rng.choice("eE") + rng.choice(["", "+", "-"]) + str(rng.choice([rng.randint(0, 30),
                                                                                  rng.randint(280, 420)]))
    if rng.random() < 0.3:
        text = rng.choice(["-", "+", "- ", "(-", "-("]) + text + (")" if "(" in text[:2] else "")
    if rng.random() < 0.1:
        text = f"({text})"
    return text


def mutated(rng, text):
    i = rng.randint(0, len(text))
    action = rng.random()
    if action < 0.4:
        return text[:i] + rng.choice(TOKENS) + text[i:]
    if action < 0.8:
        return text[:i] + text[i + 1:]
    return text[:i] + rng.choice(TOKENS) + text[i + 1:]


def test_numbers_read_as_cpython_reads_them():
    rng = random.Random(13)
    texts = ["0", "00", "0_0", "007", "007.5", "1__0", "_1", "1_", "0x", "0x_1", "0b2", "1e-400", "1e999",
             "-0", "-0.0", "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
             "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "9" * 309,
             "0x1" + "0" * 256, "0x" + "f" * 256, "0b1" + "0" * 1023, "0b1" + "1" * 1024, "1_000", "1_000.000_1",
             "- 1", "-(1)", "(-1)", "((2))", "-(-1)", "--1", "1j", "True", " 1", "1 ", ".5", "5.", ".", "e5", "1e",
             "9007199254740993", "0x20000000000001", "0o" + "7" * 30]
    texts += [well_formed(rng) for _ in range(20000)]
    texts += [mutated(rng, well_formed(rng)) for _ in range(20000)]
    texts += ["".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 8))) for _ in range(20000)]
    result = run([str(TOOLS / "python_literal_tool")], input="".join(t + "\n" for t in texts))
    assert result.returncode == 0, result.stderr
    got = result.stdout.splitlines()
    assert len(got) == len(texts)
    expected = [cpython_reads(t) for t in texts]
    mismatches = [(t, g, e) for t, g, e in zip(texts, got, expected) if g != e]
    assert mismatches == []
    assert sum(e != "reject" for e in expected) > len(texts) // 3, "the generator writes mostly invalid literals"
