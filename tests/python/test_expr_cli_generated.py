"""hpcpp expr --n: the generated data is Philox2x64-10 counter-based uniform numbers seeded
by the name, the same on every standard library (checked against a Python Philox written
from Random123's definition); --set reads values as Python literals."""
import numpy as np
import pytest

MASK = (1 << 64) - 1
PHILOX_M = 0xD2B74407B1CE6E93
PHILOX_W = 0x9E3779B97F4A7C15


def philox2x64(counter, key):
    lo_word, hi_word = counter
    for _ in range(10):
        product = PHILOX_M * lo_word
        lo_word, hi_word = ((product >> 64) ^ key ^ hi_word) & MASK, product & MASK
        key = (key + PHILOX_W) & MASK
    return lo_word, hi_word


def uniform(seed, index):
    return (philox2x64((index // 2, 0), seed)[index % 2] >> 11) * 2.0**-53


def seed_of(name):
    h = 0xCBF29CE484222325
    for byte in name.encode():
        h = ((h ^ byte) * 0x100000001B3) & MASK
    return h


def generated(hpcpp, tmp_path, dtype, n=9, name="a"):
    out = tmp_path / f"{name}_{dtype}.npy"
    result = hpcpp("expr", name, "--n", n, "--dtype", dtype, "--out", out, "--repeat", "1")
    assert result.returncode == 0, result.stderr
    return np.load(out)


def test_float64_values_are_philox_uniforms_seeded_by_the_name(hpcpp, tmp_path):
    for name in ("a", "velocity"):
        values = generated(hpcpp, tmp_path, "float64", name=name)
        assert values.tolist() == [uniform(seed_of(name), i) for i in range(9)]


def test_other_types_are_derived_from_the_same_numbers(hpcpp, tmp_path):
    u = np.array([uniform(seed_of("a"), i) for i in range(18)])
    assert generated(hpcpp, tmp_path, "float32").tolist() == (np.floor(u[:9] * 2**24) / 2**24).astype(np.float32).tolist()
    assert generated(hpcpp, tmp_path, "int32").tolist() == (np.floor(u[:9] * 2001) - 1000).astype(np.int32).tolist()
    assert generated(hpcpp, tmp_path, "bool").tolist() == (u[:9] < 0.5).tolist()
    assert generated(hpcpp, tmp_path, "complex128").tolist() == (u[0::2] + 1j * u[1::2]).tolist()


def test_generated_integers_cover_their_range(hpcpp, tmp_path):
    values = generated(hpcpp, tmp_path, "int64", n=100_000)
    assert values.min() == -1000 and values.max() == 1000


@pytest.mark.parametrize("text, value", [("0x10", 32), ("1_000", 2000), ("-(3)", -6), ("2.5e1", 50.0), (".5", 1.0),
                                         ("0b101", 10), ("True", 2)])
def test_set_reads_python_literals(hpcpp, text, value):
    result = hpcpp("expr", "k*2", "--set", f"k={text}")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{value}\n"


@pytest.mark.parametrize("text", ["007", "1__0", "0x", "abc", "1e", "", "12345678901234567890"])
def test_set_refuses_what_python_refuses_in_one_line(hpcpp, text):
    result = hpcpp("expr", "k*2", "--set", f"k={text}")
    assert result.returncode == 2
    assert result.stderr.startswith("hpcpp: expr: --set k=") and result.stderr.count("\n") == 1, result.stderr
