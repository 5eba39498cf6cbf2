"""hpcpp.bigfile from Python: the command's results and files, against numpy, and its
errors as Python exceptions."""
import math
import subprocess

import numpy as np
import pytest

import hpcpp
from conftest import HPCPP

N = 600  # 2.9 MB, one 4 MiB chunk for create, several 16 KiB... windows of the reader


@pytest.fixture(scope="module")
def created(tmp_path_factory):
    path = tmp_path_factory.mktemp("bigmod") / "a.npy"
    assert hpcpp.bigfile.create(path, N, seed=5, threads=2) is None
    return path


def test_create_writes_the_bytes_of_the_command(created, tmp_path):
    command = tmp_path / "c.npy"
    subprocess.run([HPCPP, "bigfile", "create", command, "--n", str(N), "--seed", "5"], check=True)
    assert created.read_bytes() == command.read_bytes()
    raw = tmp_path / "r.raw"
    hpcpp.bigfile.create(str(raw), 7, seed=5, format="raw")
    assert raw.stat().st_size == 7 * 7 * 8


def test_average_stats_fit_get_against_numpy(created):
    a = np.load(created)
    assert hpcpp.bigfile.average(created) == pytest.approx(a.mean(), rel=1e-14)
    s = hpcpp.bigfile.stats(created, threads=1)
    assert s == {"count": a.size, "min": a.min(), "mean": hpcpp.bigfile.average(created), "max": a.max(),
                 "std": pytest.approx(a.std(), rel=1e-12), "nan": 0}
    slope, intercept = np.polyfit(np.arange(N), a.mean(axis=1), 1)
    f = hpcpp.bigfile.fit(created)
    assert f["slope"] == pytest.approx(slope, rel=1e-9, abs=1e-15)
    assert f["intercept"] == pytest.approx(intercept, rel=1e-12)
    assert hpcpp.bigfile.get(created, 3, -1) == a[3, -1]
    assert hpcpp.bigfile.get(created, 0, 0, np.int64(5), 7) == [a[0, 0], a[5, 7]]


def test_raw_files_and_integers(tmp_path):
    raw = tmp_path / "bytes"
    values = np.arange(1000, dtype=np.uint8) * 7
    values.tofile(raw)
    assert hpcpp.bigfile.average(raw, dtype="uint8", shape=(10, 100)) == values.mean()
    assert hpcpp.bigfile.average(raw, dtype=np.uint8, shape=1000) == values.mean()
    big = tmp_path / "big.npy"
    np.save(big, np.array([2**63 - 1, -5, 2**53 + 1], dtype=np.int64))
    s = hpcpp.bigfile.stats(big)
    assert s["max"] == 2**63 - 1 and isinstance(s["max"], int) and s["min"] == -5
    assert hpcpp.bigfile.get(big, 2) == 2**53 + 1


def test_clean_against_numpy(created, tmp_path):
    a = np.load(created).copy()
    a[::7, 3] = np.nan
    a[1, 1] = -np.inf
    dirty = tmp_path / "dirty.npy"
    np.save(dirty, a)
    counts = hpcpp.bigfile.clean(dirty, tmp_path / "out.npy", min=0.1, max=0.9, replace=0.0)
    inside = np.isfinite(a) & (a >= 0.1) & (a <= 0.9)
    np.testing.assert_array_equal(np.load(tmp_path / "out.npy"), np.where(inside, a, 0.0))
    assert counts == {"nan": np.isnan(a).sum(), "inf": 1, "below": (np.isfinite(a) & (a < 0.1)).sum(),
                      "above": (np.isfinite(a) & (a > 0.9)).sum()}


def test_open_is_a_read_only_map_for_your_own_reductions(created, tmp_path):
    view = hpcpp.bigfile.open(created)
    assert isinstance(view, np.ndarray) and view.shape == (N, N) and view.dtype == np.float64
    assert not view.flags.writeable
    np.testing.assert_array_equal(view, np.load(created))
    assert math.isclose(float(view[:, 5].sum()), float(np.load(created)[:, 5].sum()), rel_tol=1e-15)
    with pytest.raises(ValueError):
        view[0, 0] = 1.0
    raw = tmp_path / "r.bin"
    np.arange(12, dtype=np.float32).tofile(raw)
    np.testing.assert_array_equal(hpcpp.bigfile.open(raw, dtype="float32", shape=(3, 4)),
                                  np.arange(12, dtype=np.float32).reshape(3, 4))


def test_errors_are_python_exceptions(created, tmp_path):
    with pytest.raises(FileNotFoundError, match="nothere.npy"):
        hpcpp.bigfile.average(tmp_path / "nothere.npy")
    with pytest.raises(ValueError, match="out of bounds"):
        hpcpp.bigfile.get(created, N, 0)
    with pytest.raises(ValueError, match="no valid range"):
        hpcpp.bigfile.clean(created, tmp_path / "o.npy", min=2, max=1)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError, match="not a .npy file"):
        (tmp_path / "junk").write_bytes(b"junk")
        hpcpp.bigfile.stats(tmp_path / "junk")
    with pytest.raises(ValueError, match="threads"):
        hpcpp.bigfile.average(created, threads=-1)
    with pytest.raises(ValueError, match="are for raw files"):
        hpcpp.bigfile.average(created, shape=(N, N))
