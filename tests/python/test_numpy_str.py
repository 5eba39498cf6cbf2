"""numpy_str against numpy 1.24's own str() (what print() shows) of random arrays of every
dtype and of 0 to 3 dimensions, around the 1000-value summary threshold."""
import random
import struct

import numpy as np

from conftest import TOOLS, run


def random_value(rng, kind):
    if kind == "whole":
        return float(rng.randint(-10**rng.randint(0, 9), 10**rng.randint(0, 9)))
    if kind == "short fraction":
        return rng.randint(-10**6, 10**6) / rng.choice([2, 4, 8, 10, 100, 1000, 512, 1024, 10**5])
    if kind == "uniform":
        return rng.uniform(-1, 1) * 10.0 ** rng.randint(-3, 7)
    if kind == "any magnitude":
        return rng.choice([-1, 1]) * rng.random() * 10.0 ** rng.randint(-330, 308)
    if kind == "bits":
        return struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
    if kind == "edge":
        return rng.choice([0.0, -0.0, 1e-4, 9.99999999e-5, 1e8, 99999999.99999999, 1e16, 5e-324,
                           1.7976931348623157e308, float("nan"), float("inf"), float("-inf"), 1 / 512,
                           3 / 512, 0.1, 2.5, -2.5, 1000.0, 0.001, 123456.789, 1e-5])
    raise ValueError(kind)


KINDS = ["whole", "short fraction", "uniform", "any magnitude", "bits", "edge"]
SHAPES = [(), (0,), (1,), (2,), (5,), (13,), (40,), (120,), (1000,), (1001,), (2000,), (0, 3), (2, 0),
          (1, 1), (2, 3), (4, 5), (7, 30), (30, 7), (10, 100), (10, 101), (3, 334), (7, 200), (200, 7),
          (1, 1001), (1001, 1), (2, 2, 2), (3, 4, 5), (2, 10, 50), (2, 10, 51), (4, 5, 60), (7, 7, 21),
          (1, 1, 1001), (5, 1, 3)]


def random_floats(rng, count):
    kinds = rng.sample(KINDS, rng.randint(1, 2))
    return [random_value(rng, rng.choice(kinds)) for _ in range(count)]


def random_array(rng, dtype):
    shape = rng.choice(SHAPES + [(rng.randint(0, 120),), (rng.randint(990, 1010),)])
    count = int(np.prod(shape))
    if dtype in ("f8", "f4"):
        with np.errstate(over="ignore"):
            return np.array(random_floats(rng, count), dtype=dtype).reshape(shape)
    if dtype in ("i8", "i4"):
        top = 2**63 - 1 if dtype == "i8" else 2**31 - 1
        scale = rng.choice([9, 99, 1000, 10**6, top])
        low = rng.choice([0, -scale, -top - 1])
        return np.array([rng.randint(max(low, -top - 1), scale) for _ in range(count)], dtype=dtype).reshape(shape)
    if dtype == "b1":
        truth = rng.random()
        return np.array([rng.random() < truth for _ in range(count)], dtype=bool).reshape(shape)
    if dtype == "c16":
        values = np.empty(count, dtype=np.complex128)
        values.real, values.imag = random_floats(rng, count), random_floats(rng, count)
        return values.reshape(shape)
    length = rng.randint(1, 6)
    alphabet = b"ab'\"\\ \t\n\x00\x7f\xff~" if rng.random() < 0.5 else b"abcdefgh"
    items = [bytes(rng.choice(alphabet) for _ in range(rng.randint(0, length))) for _ in range(count)]
    return np.array(items, dtype=f"S{length}").reshape(shape)


def line_of(a):
    dtype = "c16" if a.dtype.kind == "c" else f"S{a.dtype.itemsize}" if a.dtype.kind == "S" else a.dtype.str[1:]
    shape = ",".join(map(str, a.shape)) if a.shape else "scalar"
    return f"{dtype} {shape} {a.tobytes().hex()}\n"


def printed(arrays):
    result = run([str(TOOLS / "numpy_str_tool")], input="".join(map(line_of, arrays)))
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def assert_prints_as_numpy(arrays):
    got = printed(arrays)
    assert len(got) == len(arrays)
    expected = [str(a).replace("\n", "|") for a in arrays]
    mismatches = [(a.dtype, a.shape, g, e) for a, g, e in zip(arrays, got, expected) if g != e]
    assert mismatches[:3] == []
    return expected


def test_float64_prints_as_numpy_prints():
    rng = random.Random(16)
    arrays = [np.array(a) for a in ([1.0, 2.5], [-0.0, 2.5], [], [float("nan")], [float("-inf"), 1e-7], [1e5, 1e-5])]
    arrays += [random_array(rng, "f8") for _ in range(3000)]
    expected = assert_prints_as_numpy(arrays)
    assert sum("|" in e for e in expected) > 100 and sum("e+" in e for e in expected) > 100
    assert sum("..." in e for e in expected) > 100 and sum("|| [[" in e for e in expected) > 20


def test_each_dtype_prints_as_numpy_prints():
    rng = random.Random(17)
    for dtype in ("f4", "i8", "i4", "b1", "c16", "S"):
        arrays = [random_array(rng, dtype) for _ in range(600)]
        expected = assert_prints_as_numpy(arrays)
        assert sum("..." in e for e in expected) > 20, dtype
        assert sum(e.startswith("[[") for e in expected) > 100, dtype


def test_scalars_print_as_numpy_scalars():
    values = [0.0, -0.0, 1 / 3, 1e16, 1e-5, 0.0001, 123456789.0, float("nan"), float("-inf"), 5e-324]
    arrays = [np.array(v) for v in values] + [np.array(v, dtype=np.float32) for v in values + [1e-4, 9.999999e15, 0.1]]
    arrays += [np.array(v) for v in (True, False, np.int64(-2**63), np.int32(7))]
    arrays += [np.array(v) for v in (1 + 2j, 2j, complex(-0.0, 2), complex(0, -0.0), complex(float("nan"), 1),
                                     complex(1e20, -1e-20), 1.5 - 0j, complex(float("inf"), float("-inf")))]
    arrays += [np.array(v) for v in (b"ab", b"it's", b"\x00a\x00\x00", b"'\"", b"\\\xff")]
    assert_prints_as_numpy(arrays)


def test_known_texts():
    assert printed([np.array([1.0, -10.0]), np.array([[1, 2], [3, 4]]), np.array([True, False]),
                    np.array(3.5)]) == ["[  1. -10.]", "[[1 2]| [3 4]]", "[ True False]", "3.5"]
