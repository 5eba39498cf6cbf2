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


def test_headers_over_64_kib_are_byte_identical_to_numpys_version_2_writer():
    # numpy writes version 2.0 when the header outgrows version 1.0's 65535 bytes; only a shape
    # of many axes gets there with the dtypes we write (numpy itself holds at most 32 axes, so
    # its header writer is called directly, as np.save and open_memmap call it).
    cases = []
    for descr, fortran, shape in [
        ("<f8", False, (1,) * 22000),
        ("<f8", True, (1,) * 22000),
        ("<i4", False, (3,) + (1,) * 22000 + (7,)),
        ("<i4", True, (3,) + (1,) * 22000 + (123456789,)),
        ("|u1", False, (2**40,) + (2,) * 25000),
        ("<c16", True, (5,) * 30000),
        ("|b1", False, (0,) + (1,) * 21845),
        ("|S7", True, (10,) * 16500),
    ]:
        buffer = io.BytesIO()
        np.lib.format.write_array_header_2_0(buffer, {"descr": descr, "fortran_order": fortran, "shape": shape})
        assert len(buffer.getvalue()) > 65536, (descr, len(shape))
        cases.append((f"header {descr} {'F' if fortran else 'C'} {' '.join(map(str, shape))}", buffer.getvalue()))
    got = tool([line for line, _ in cases])
    for (line, expected), hexed in zip(cases, got):
        assert bytes.fromhex(hexed)[:8] == expected[:8], line[:40]  # magic, version 2.0 and header length
        assert bytes.fromhex(hexed) == expected, line[:40]


def test_numpy_version_2_files_are_read_or_refused_as_numpy_loads_them(tmp_path):
    lines, expected = [], []
    # Version 2.0 files of several dtypes, C and Fortran order: read.
    for i, (descr, fortran) in enumerate((d, f) for d in ("<f8", "<i2", "<u8", "|b1", "<c8", "|S3") for f in (False, True)):
        array = np.zeros((3, 4, 5), dtype=np.dtype(descr), order="F" if fortran else "C")
        path = tmp_path / f"v2_{i}.npy"
        with open(path, "wb") as f:
            np.lib.format.write_array(f, array, version=(2, 0))
        assert path.read_bytes()[6:8] == b"\x02\x00"
        offset = len(path.read_bytes()) - array.nbytes
        lines.append(f"inspect {path}")
        dtype = np.dtype(descr)
        expected.append(f"{dtype.str} {dtype.kind} {dtype.itemsize} {'F' if fortran else 'C'} {offset} {array.nbytes} "
                        f"{array.size} 3 4 5")
    # np.save's own switch to 2.0: a structured dtype whose header passes 64 KiB. numpy.load
    # refuses a header over 10000 bytes unless trusted; so do we, in one line.
    wide = np.zeros(2, dtype=[(f"field_{i:05d}", "<f8") for i in range(3000)])
    path = tmp_path / "wide.npy"
    with pytest.warns(UserWarning, match="format 2.0"):
        np.save(path, wide)
    assert path.read_bytes()[6:8] == b"\x02\x00"
    with pytest.raises(ValueError):
        np.load(path)
    lines.append(f"inspect {path}")
    got = tool(lines)
    assert got[:-1] == expected
    assert got[-1].startswith("error: ") and "\n" not in got[-1], got[-1]
