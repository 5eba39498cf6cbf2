"""python_float_repr against CPython's repr on random and edge-case doubles."""
import random
import struct

from conftest import TOOLS, run


def test_matches_python_repr():
    rng = random.Random(20171)
    values = [0.0, -0.0, 1.0, 0.1, 1e16, 1e15, 9999999999999998.0, 1e-4, 1e-5, 5e-324,
              2.2250738585072014e-308, 1.7976931348623157e308, float("inf"), float("-inf")]
    values += [rng.uniform(-1e3, 1e3) for _ in range(50000)]
    values += [struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0] for _ in range(100000)]
    values += [rng.random() * 10.0 ** rng.randint(-20, 20) for _ in range(50000)]
    values = [v for v in values if v == v]  # NaN has many bit patterns; checked in C++
    hexes = "\n".join(f"{struct.unpack('<Q', struct.pack('<d', v))[0]:x}" for v in values)
    result = run([str(TOOLS / "float_repr_tool")], input=hexes)
    assert result.returncode == 0
    got = result.stdout.splitlines()
    assert len(got) == len(values)
    mismatches = [(repr(v), g) for v, g in zip(values, got) if repr(v) != g]
    assert mismatches == []
