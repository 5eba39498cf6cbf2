"""The .npy header writer and reader against numpy 1.24 itself."""
import io
import random

import numpy as np
import pytest

from conftest import TOOLS, run

DTYPES = ["<f8", "<f4", "<f2", "<i1", "<i2", "<i4", "<i8", "<u1", "<u2", "<u4", "<u8", "|b1",
          "<c8", "<c16", "|S1", "|S7", "<U3", "|V5", "|i1", "|u1", "=f8", "f4", "<b1", "=S2"]


def tool(lines):
    result = run([str(TOOLS / "npy_tool")], input="".join(line + "\n" for line in lines))
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def random_shapes(rng, count):
    shapes = [(), (0,), (1,), (3, 4), (0, 5), (2, 0, 3)]
    while len(shapes) < count:
        ndim = rng.randint(1, 6)
        shapes.append(tuple(rng.choice([1, 2, 3, 5, 10, 64]) for _ in range(ndim)))
    return shapes


def test_header_bytes_match_open_memmap(tmp_path):
    rng = random.Random(1)
    cases = [(d, s, f) for d in DTYPES for s in random_shapes(rng, 12) for f in (False, True)]
    lines = [f"header {d} {'F' if f else 'C'} {' '.join(map(str, s))}" for d, s, f in cases]
    got = tool(lines)
    for (descr, shape, fortran), hexed in zip(cases, got):
        path = tmp_path / "a.npy"
        m = np.lib.format.open_memmap(path, mode="w+", dtype=np.dtype(descr), shape=shape, fortran_order=fortran)
        offset = m.offset
        del m
        expected = path.read_bytes()[:offset]
        assert bytes.fromhex(hexed) == expected, (descr, shape, fortran)


def test_header_bytes_match_numpy_for_shapes_too_large_to_write():
    # Dimensions up to 2**63 - 1, with less growth padding as they grow.
    shapes = [(2**62,), (2**63 - 1, 1), (9 * 10**18, 3), (123456789012345678, 2), (1, 10**18)]
    lines, expected = [], []
    for shape in shapes:
        for fortran in (False, True):
            buffer = io.BytesIO()
            np.lib.format.write_array_header_1_0(
                buffer, {"descr": "<f8", "fortran_order": fortran, "shape": shape})
            lines.append(f"header <f8 {'F' if fortran else 'C'} {' '.join(map(str, shape))}")
            expected.append(buffer.getvalue())
    assert [bytes.fromhex(h) for h in tool(lines)] == expected


def test_header_over_65535_bytes_is_version_2_as_numpy_writes_it():
    shape = (1,) * 22000  # more dimensions than numpy can hold in memory, but a valid header
    [hexed] = tool([f"header <f8 C {' '.join(map(str, shape))}"])
    header = bytes.fromhex(hexed)
    assert header[6:8] == b"\x02\x00"
    assert len(header) % 64 == 0
    buffer = io.BytesIO(header)
    assert np.lib.format.read_magic(buffer) == (2, 0)
    got_shape, fortran, dtype = np.lib.format.read_array_header_2_0(buffer, max_header_size=10**6)
    assert (got_shape, fortran, dtype) == (shape, False, np.dtype("<f8"))
    assert buffer.tell() == len(header)


def test_reads_every_header_numpy_writes(tmp_path):
    rng = random.Random(2)
    files, expected = [], []
    for i, (descr, shape) in enumerate((d, s) for d in DTYPES for s in random_shapes(rng, 4)):
        for version in [(1, 0), (2, 0), (3, 0)]:
            fortran = rng.random() < 0.5
            array = np.zeros(shape, dtype=np.dtype(descr), order="F" if fortran else "C")
            path = tmp_path / f"{i}_{version[0]}.npy"
            with open(path, "wb") as f:
                np.lib.format.write_array(f, array, version=version)
            with open(path, "rb") as f:
                major, _ = np.lib.format.read_magic(f)
                read = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
                got_shape, got_fortran, dtype = read(f)
                offset = f.tell()
            files.append(path)
            flags = "F" if got_fortran and len(got_shape) > 1 else ("F" if got_fortran else "C")
            expected.append(" ".join([dtype.str, dtype.kind, str(dtype.itemsize), flags, str(offset),
                                      str(array.nbytes), str(array.size), *map(str, got_shape)]))
    assert tool([f"inspect {p}" for p in files]) == expected
