"""Hostile input files as a user meets them through the command: .npy headers, parameter
files and checkpoints give one escaped line, exit 2, and nothing written."""
import struct

import numpy as np
import pytest

from conftest import write_params


def npy_with_header(dict_text, data=b""):
    header = dict_text.encode("latin1") + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + data


def assert_one_line_error(result, fragment):
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("hpcpp: ")
    assert fragment in lines[0], lines[0]
    assert all(0x20 <= ord(c) < 0x7f for c in lines[0]), lines[0]


BAD_NPY = {
    "count_overflows": (npy_with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }"),
                        "is over 2**63 bytes"),
    "declares_1_GB_in_176_bytes": (npy_with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (134217728,), }",
                                                   b"\0" * 8).ljust(176, b"\0"),
                                   "file has 176 bytes; its .npy header says"),
    "escape_sequence_in_descr": (npy_with_header("{'descr': '<f8\x1b[2J\r', 'fortran_order': False, 'shape': (1,), }",
                                                 b"\0" * 8), "dtype '<f8\\x1b[2J\\r'"),
    "object_dtype": (npy_with_header("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", b"\0" * 8),
                     "holds Python objects"),
}


@pytest.mark.parametrize("case", BAD_NPY)
def test_bad_npy_inputs(hpcpp, tmp_path, case):
    content, fragment = BAD_NPY[case]
    (tmp_path / "a.npy").write_bytes(content)
    out = tmp_path / "out.npy"
    result = hpcpp("expr", "sum(a)", "--in", f"a={tmp_path / 'a.npy'}", "--out", out)
    assert_one_line_error(result, fragment)
    assert not out.exists()


def test_output_loads_in_numpy_with_its_header_as_numpy_writes_it(hpcpp, tmp_path):
    np.save(tmp_path / "a.npy", np.arange(12.0).reshape(3, 4))
    result = hpcpp("expr", "a * 2", "--in", f"a={tmp_path / 'a.npy'}", "--out", tmp_path / "out.npy")
    assert result.returncode == 0, result.stderr
    np.save(tmp_path / "expected.npy", np.arange(12.0).reshape(3, 4) * 2)
    assert (tmp_path / "out.npy").read_bytes() == (tmp_path / "expected.npy").read_bytes()


def test_control_characters_in_a_parameter_file_are_escaped(hpcpp, tmp_path):
    params = write_params(tmp_path / "p.py")
    params.write_text(params.read_text().replace("dx         = 0.0667", "dx = 0.1\x1b[2J\x07"))
    result = hpcpp("diff2d", params)
    assert_one_line_error(result, "key 'dx': value '0.1\\x1b[2J\\x07' is not a number")


def test_python_literals_in_a_parameter_file(hpcpp, tmp_path):
    params = tmp_path / "p.py"
    params.write_bytes(b"\xef\xbb\xbfD = 0x1\nx1 = -1_0\nx2 = 0o12\nruntime = 0b11\ndx = 2.0\nouttime = 1e-400\n"
                       b"graphics = False\n")
    result = hpcpp("diff2d", params, "--no-progress", "--save", tmp_path / "literals.npy")
    assert result.returncode == 0, result.stderr
    # The same values written the plain way give the same run, output and field.
    plain = tmp_path / "plain.py"
    plain.write_text("D = 1.0\nx1 = -10.0\nx2 = 10.0\nruntime = 3.0\ndx = 2.0\nouttime = 0.0\ngraphics = False\n")
    expected = hpcpp("diff2d", plain, "--no-progress", "--save", tmp_path / "plain.npy")
    assert expected.returncode == 0, expected.stderr
    assert result.stdout == expected.stdout and result.stdout.count("\n") > 1
    assert (tmp_path / "literals.npy").read_bytes() == (tmp_path / "plain.npy").read_bytes()
    params.write_bytes(params.read_bytes().replace(b"runtime = 0b11", b"runtime = 1e999"))
    assert_one_line_error(hpcpp("diff2d", params), "key 'runtime': value '1e999' is not finite")


@pytest.mark.parametrize("offset", [24, 32, 39])  # the step, then the first and last byte of simtime
def test_restart_from_a_checkpoint_with_a_damaged_header(hpcpp, tmp_path, offset):
    params = write_params(tmp_path / "p.py", dx=2.0, runtime=3.0, outtime=1.0)
    checkpoint = tmp_path / "run.ckpt"
    result = hpcpp("diff2d", params, "--checkpoint", checkpoint, "--checkpoint-every", "2", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert hpcpp("diff2d", params, "--restart", checkpoint, "--no-progress").returncode == 0
    damaged = bytearray(checkpoint.read_bytes())
    damaged[offset] ^= 0x40
    checkpoint.write_bytes(bytes(damaged))
    result = hpcpp("diff2d", params, "--restart", checkpoint, "--save", tmp_path / "final.npy", "--no-progress")
    assert_one_line_error(result, "checkpoint is corrupt (checksum mismatch)")
    assert result.stdout == ""
    assert not (tmp_path / "final.npy").exists()
