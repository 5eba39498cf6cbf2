"""numpy_str against numpy 1.24's own str() of random float64 arrays."""
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


def random_array(rng):
    length = rng.choice([0, 1, 2, 3, 5, 8, 13, 20, 40, rng.randint(0, 120), rng.randint(990, 1010), 2000])
    kinds = rng.sample(KINDS, rng.randint(1, 2))
    return [random_value(rng, rng.choice(kinds)) for _ in range(length)]


def test_prints_as_numpy_prints():
    rng = random.Random(16)
    arrays = [[1.0, 2.5], [-0.0, 2.5], [], [float("nan")], [float("-inf"), 1e-7], [1e5, 1e-5]]
    arrays += [random_array(rng) for _ in range(4000)]
    lines = "".join(" ".join(f"{struct.unpack('<Q', struct.pack('<d', v))[0]:x}" for v in a) + "\n" for a in arrays)
    result = run([str(TOOLS / "numpy_str_tool")], input=lines)
    assert result.returncode == 0, result.stderr
    got = result.stdout.splitlines()
    assert len(got) == len(arrays)
    expected = [str(np.array(a, dtype=np.float64)).replace("\n", "|") for a in arrays]
    mismatches = [(a, g, e) for a, g, e in zip(arrays, got, expected) if g != e]
    assert mismatches[:5] == []
    assert sum("|" in e for e in expected) > 100 and sum("e+" in e for e in expected) > 100
