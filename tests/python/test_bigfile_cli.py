"""hpcpp bigfile against numpy on files of a few MB: values, header bytes, statistics, fits,
cleaning, the lecture's uint8 slip, and every bad input (one line, exit 2, nothing written)."""
import json
import os
import pathlib
import signal
import stat
import struct
import subprocess
import threading
import time

import numpy as np
import pytest

from conftest import HPCPP, PYTHON, THREAD_SANITIZED

N = 1200  # 11.5 MB: three 4 MiB chunks, so chunk edges and two threads are exercised


@pytest.fixture(scope="module")
def created(tmp_path_factory):
    path = tmp_path_factory.mktemp("bigfile") / "a.npy"
    result = subprocess.run([HPCPP, "bigfile", "create", path, "--n", str(N), "--seed", "7", "--threads", "2"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return path


def lines(result):
    assert result.returncode == 0, result.stderr
    return dict(line.split(": ", 1) for line in result.stdout.splitlines())


def test_create_is_a_numpy_file_whose_values_look_uniform(created):
    a = np.load(created, mmap_mode="r")
    assert a.shape == (N, N) and a.dtype == np.float64 and not np.isfortran(a)
    x = np.asarray(a).ravel()
    assert x.min() >= 0.0 and x.max() < 1.0
    sigma = np.sqrt(1 / 12 / x.size)
    assert abs(x.mean() - 0.5) < 5 * sigma
    assert abs(x.var() - 1 / 12) < 5 * np.sqrt(1 / 180 / x.size)
    counts = np.bincount((x * 100).astype(int), minlength=100)
    expected = x.size / 100
    chi2 = ((counts - expected) ** 2 / expected).sum()
    assert chi2 < 99 + 5 * np.sqrt(2 * 99)  # 99 degrees of freedom, 5 sigma
    lag1 = np.corrcoef(x[:-1], x[1:])[0, 1]
    assert abs(lag1) < 5 / np.sqrt(x.size)
    # values are a multiple of 2^-53 (53 random bits each)
    assert np.all(np.ldexp(x[:1000], 53) == np.floor(np.ldexp(x[:1000], 53)))


def test_same_seed_same_bytes_for_any_thread_count_and_other_seeds_differ(hpcpp, created, tmp_path):
    one = tmp_path / "one.npy"
    assert hpcpp("bigfile", "create", one, "--n", N, "--seed", "7", "--threads", "1").returncode == 0
    assert one.read_bytes() == created.read_bytes()
    other = tmp_path / "other.npy"
    assert hpcpp("bigfile", "create", other, "--n", N, "--seed", "8", "--threads", "2").returncode == 0
    assert np.mean(np.load(other) == np.load(created)) < 1e-3
    raw = tmp_path / "raw"
    assert hpcpp("bigfile", "create", raw, "--n", N, "--seed", "7", "--format", "raw").returncode == 0
    assert raw.read_bytes() == created.read_bytes()[128:]


def test_header_is_byte_identical_to_numpys_open_memmap(hpcpp, tmp_path):
    for n in (1, 7, 64, 300):
        ours = tmp_path / f"ours{n}.npy"
        assert hpcpp("bigfile", "create", ours, "--n", n).returncode == 0
        theirs = np.lib.format.open_memmap(tmp_path / f"theirs{n}.npy", mode="w+", dtype="float64", shape=(n, n))
        del theirs
        data_start = len(ours.read_bytes()) - n * n * 8
        assert ours.read_bytes()[:data_start] == (tmp_path / f"theirs{n}.npy").read_bytes()[:data_start], n
    # other shapes, through clean (its output keeps the input's shape)
    for shape in ((5,), (3, 1000000 // 3000), (2, 3, 4), (12345678,)):
        raw = tmp_path / "raw.bin"
        np.zeros(shape).tofile(raw)
        out = tmp_path / "cleaned.npy"
        result = hpcpp("bigfile", "clean", raw, out, "--shape", ",".join(map(str, shape)))
        assert result.returncode == 0, result.stderr
        theirs = np.lib.format.open_memmap(tmp_path / "theirs.npy", mode="w+", dtype="float64", shape=shape)
        del theirs
        assert out.read_bytes()[:256] == (tmp_path / "theirs.npy").read_bytes()[:256], shape
        out.unlink()


def test_get_equals_numpy_at_sampled_indices(hpcpp, created):
    a = np.load(created, mmap_mode="r")
    rng = np.random.default_rng(1)
    idx = rng.integers(0, N, size=(20, 2))
    idx[0] = (-1, -1)
    idx[1] = (0, 0)
    result = hpcpp("bigfile", "get", created, *idx.ravel())
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [repr(float(a[i, j])) for i, j in idx]


def test_average_and_stats_equal_numpy(hpcpp, created):
    a = np.load(created)
    assert abs(float(hpcpp("bigfile", "average", created).stdout) - a.mean()) <= 1e-14
    for threads in ("1", "2"):
        s = lines(hpcpp("bigfile", "stats", created, "--threads", threads))
        assert s["count"] == str(a.size) and s["nan"] == "0"
        assert s["min"] == repr(float(a.min())) and s["max"] == repr(float(a.max()))
        assert abs(float(s["mean"]) - a.mean()) <= 1e-14
        assert abs(float(s["std"]) - a.std()) <= 1e-14


def test_stats_skip_nans_like_numpys_nan_functions(hpcpp, tmp_path):
    rng = np.random.default_rng(2)
    a = rng.normal(1e6, 3.0, size=(700, 900))  # a large mean: the naive sum of squares loses digits
    a[rng.random(a.shape) < 0.01] = np.nan
    np.save(tmp_path / "n.npy", a)
    s = lines(hpcpp("bigfile", "stats", tmp_path / "n.npy"))
    assert int(s["nan"]) == np.isnan(a).sum() and int(s["count"]) == a.size - np.isnan(a).sum()
    assert s["min"] == repr(float(np.nanmin(a))) and s["max"] == repr(float(np.nanmax(a)))
    assert abs(float(s["mean"]) - np.nanmean(a)) <= 1e-15 * 1e6
    assert abs(float(s["std"]) / np.nanstd(a) - 1) <= 1e-12
    a[3, 4] = np.inf
    np.save(tmp_path / "i.npy", a)
    s = lines(hpcpp("bigfile", "stats", tmp_path / "i.npy"))
    assert s["mean"] == "inf" and s["max"] == "inf" and s["std"] == "nan"
    np.save(tmp_path / "all_nan.npy", np.full((3, 3), np.nan))
    s = lines(hpcpp("bigfile", "stats", tmp_path / "all_nan.npy"))
    assert (s["count"], s["nan"], s["mean"], s["min"]) == ("0", "9", "nan", "nan")


def test_fit_equals_numpy_polyfit_of_row_means(hpcpp, created, tmp_path):
    for a, path in ((np.load(created), created),
                    (np.add.outer(0.25 * np.arange(40.0), np.random.default_rng(3).random(50_000)), tmp_path / "t.npy")):
        if path != created:
            np.save(path, a)
        f = lines(hpcpp("bigfile", "fit", path))
        x, y = np.arange(a.shape[0]), a.mean(axis=1)
        slope, intercept = np.polyfit(x, y, 1)
        r2 = np.corrcoef(x, y)[0, 1] ** 2
        assert abs(float(f["slope"]) - slope) <= 1e-9 * max(abs(slope), 1e-6)
        assert abs(float(f["intercept"]) - intercept) <= 1e-12
        assert abs(float(f["r^2"]) - r2) <= 1e-9


def test_clean_replaces_like_numpy_and_counts(hpcpp, tmp_path):
    rng = np.random.default_rng(4)
    a = rng.normal(size=(500, 300))
    a[rng.random(a.shape) < 0.02] = np.nan
    a[rng.random(a.shape) < 0.01] = np.inf
    a[rng.random(a.shape) < 0.01] = -np.inf
    np.save(tmp_path / "dirty.npy", a)
    out = tmp_path / "clean.npy"
    c = lines(hpcpp("bigfile", "clean", tmp_path / "dirty.npy", out, "--min", "-2", "--max", "2.5", "--replace", "0"))
    finite = np.isfinite(a)
    assert int(c["nan"]) == np.isnan(a).sum() and int(c["inf"]) == np.isinf(a).sum()
    assert int(c["below"]) == (finite & (a < -2)).sum() and int(c["above"]) == (finite & (a > 2.5)).sum()
    expected = np.where(finite & (a >= -2) & (a <= 2.5), a, 0.0)
    assert np.array_equal(np.load(out), expected)
    out.unlink()
    assert lines(hpcpp("bigfile", "clean", tmp_path / "dirty.npy", out))["inf"] == c["inf"]
    assert np.array_equal(np.isnan(np.load(out)), ~finite)


def lecture_average(path, n):
    """average12GB.py, ported to Python 3: the memmap has no dtype, so numpy reads bytes."""
    a = np.memmap(path, mode="r", shape=(n, n))
    total = 0.0
    for i in range(n):
        total += a[i].sum()
    return total / (n * n)


def test_raw_uint8_reproduces_the_lectures_slip(hpcpp, created, tmp_path):
    raw = tmp_path / "bigfile"
    assert hpcpp("bigfile", "create", raw, "--n", N, "--seed", "7", "--format", "raw").returncode == 0
    result = hpcpp("bigfile", "average", raw, "--n", N, "--dtype", "uint8")
    assert result.returncode == 0, result.stderr
    assert result.stdout == repr(lecture_average(raw, N)) + "\n"
    assert result.stderr.count("\n") == 1 and f"{N * N * 7} bytes left unread" in result.stderr
    as_doubles = hpcpp("bigfile", "average", raw, "--shape", f"{N},{N}")
    assert float(as_doubles.stdout) == pytest.approx(np.load(created).mean(), abs=1e-14)
    assert as_doubles.stderr == ""


def peak_rss_kib(*args):
    """Peak resident set of one hpcpp run, from a fresh parent so that it is this run's alone."""
    peak = subprocess.run([PYTHON, "-c", "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
                           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
                           HPCPP, *map(str, args)], capture_output=True, text=True)
    assert peak.returncode == 0, peak.stderr
    return int(peak.stdout.split()[-1])


@pytest.mark.skipif(THREAD_SANITIZED, reason="ThreadSanitizer keeps shadow memory for every byte the program reads")
def test_memory_stays_bounded_on_a_file_larger_than_it(hpcpp, tmp_path):
    big = tmp_path / "big.npy"
    assert hpcpp("bigfile", "create", big, "--n", 4000).returncode == 0  # 128 MB
    # What the program holds before it reads anything (much more under a sanitizer, whose
    # shadow memory counts as resident) is measured on one element of the same file.
    baseline_kib = peak_rss_kib("bigfile", "get", big, 0, 0)
    peak_kib = peak_rss_kib("bigfile", "stats", big, "--threads", "2")
    # at most half the file; numpy's mmap of it would keep all 128 MB resident
    assert 0 < peak_kib - baseline_kib < 64 * 1024, (peak_kib, baseline_kib)


@pytest.mark.skipif(THREAD_SANITIZED, reason="ThreadSanitizer keeps shadow memory for every byte the program reads")
def test_every_subcommand_needs_the_same_memory_for_a_file_four_times_larger(tmp_path):
    peaks = {}
    for n in (2000, 4000):  # 32 MB and 128 MB: more than two 16 MiB windows per worker either way
        array, cleaned = tmp_path / f"a{n}.npy", tmp_path / f"c{n}.npy"
        peaks[n] = {"create": peak_rss_kib("bigfile", "create", array, "--n", n, "--threads", "2")}
        for command in ("average", "stats", "fit"):
            peaks[n][command] = peak_rss_kib("bigfile", command, array, "--threads", "2")
        peaks[n]["clean"] = peak_rss_kib("bigfile", "clean", array, cleaned, "--threads", "2")
        array.unlink()
        cleaned.unlink()
    for command, small_kib in peaks[2000].items():
        # 96 MB more data: a program that held it (or a third of it) would show it. Up to two
        # 16 MiB windows per worker are mapped at once, or one, as the workers happen to
        # overlap, so two runs of the same size differ by up to a window and a little.
        assert abs(peaks[4000][command] - small_kib) < 32 * 1024, (command, small_kib, peaks[4000][command])


def npy_bytes(header_dict, data=b"", version=1, length=None):
    header = header_dict.encode("latin1")
    size = struct.pack("<H", len(header) if length is None else length)
    return b"\x93NUMPY" + bytes([version, 0]) + size + header + data


GOOD = "{'descr': '<f8', 'fortran_order': False, 'shape': (4, 4), }"


@pytest.mark.parametrize("name,content", [
    ("truncated", npy_bytes(GOOD + "\n", bytes(8 * 15))),
    ("header past end", npy_bytes(GOOD + "\n", length=500)),
    ("header over 10000 bytes", npy_bytes(GOOD + " " * 10001 + "\n", bytes(128))),
    ("extra key", npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 4), 'x': 0}\n", bytes(128))),
    ("not a dict", npy_bytes("('<f8', False, (4, 4))\n", bytes(128))),
    ("fortran order", npy_bytes("{'descr': '<f8', 'fortran_order': True, 'shape': (4, 4), }\n", bytes(128))),
    ("complex", npy_bytes("{'descr': '<c16', 'fortran_order': False, 'shape': (4, 4), }\n", bytes(256))),
    ("big-endian", npy_bytes("{'descr': '>f8', 'fortran_order': False, 'shape': (4, 4), }\n", bytes(128))),
    ("object", npy_bytes("{'descr': '|O', 'fortran_order': False, 'shape': (4, 4), }\n", bytes(128))),
    ("data not aligned", npy_bytes(GOOD + "\n", bytes(128))),  # data at byte 70: not a multiple of 8
])
def test_bad_npy_files_are_one_line_errors_and_nothing_is_written(hpcpp, tmp_path, name, content):
    bad = tmp_path / "bad.npy"
    bad.write_bytes(content)
    for command in (["average", bad], ["stats", bad], ["fit", bad], ["get", bad, 0, 0],
                    ["clean", bad, tmp_path / "out.npy"]):
        result = hpcpp("bigfile", *command)
        assert result.returncode == 2, (name, command, result.stdout)
        assert result.stderr.startswith("hpcpp: ") and result.stderr.count("\n") == 1, result.stderr
    assert sorted(os.listdir(tmp_path)) == ["bad.npy"]


def test_bad_options_and_outputs_are_one_line_errors_and_nothing_is_written(hpcpp, tmp_path):
    good = tmp_path / "good.npy"
    np.save(good, np.arange(12.0).reshape(3, 4))
    raw = tmp_path / "raw.bin"
    raw.write_bytes(bytes(100))
    cases = [
        (["create", tmp_path / "x.npy", "--n", "0"], "--n"),
        (["create", tmp_path / "x.npy", "--n", "5", "--threads", "0"], "--threads"),
        (["create", tmp_path / "x.npy", "--n", "5", "--format", "hdf5"], "--format"),
        (["create", tmp_path / "missing" / "x.npy", "--n", "5"], "missing"),
        (["create", "/proc/x.npy", "--n", "5"], "/proc/x.npy"),
        (["create", tmp_path / "huge.npy", "--n", "1000000"], "needs 8000000000128 bytes"),
        (["create", tmp_path / "huge.npy", "--n", "4000000000"], "too many elements"),
        (["average", raw, "--n", "11"], "smaller than"),
        (["average", raw], "not a .npy file"),
        (["average", raw, "--n", "5", "--dtype", "float128"], "float128"),
        (["average", raw, "--n", "5", "--shape", "5,5"], "not both"),
        (["average", raw, "--dtype", "uint8"], "--n or --shape"),
        (["average", good, "--n", "2"], "raw files"),
        (["get", good, "3", "0"], "index 3 is out of bounds for axis 0"),
        (["get", good, "0", "-5"], "index -5"),
        (["get", good, "1", "2", "3"], "2 indices per element"),
        (["clean", good, tmp_path / "c.npy", "--min", "2", "--max", "1"], "--min"),
        (["clean", good, good], "overwrite"),
        (["clean", good, tmp_path / "missing" / "c.npy"], "missing"),
        (["fit", raw, "--shape", "100", "--dtype", "uint8"], "2D array"),
        (["fit", raw, "--shape", "1,100", "--dtype", "uint8"], "2D array"),
    ]
    for args, named in cases:
        before = good.read_bytes()
        result = hpcpp("bigfile", *args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert result.stderr.startswith("hpcpp: ") and result.stderr.count("\n") == 1, (args, result.stderr)
        assert named in result.stderr, (args, result.stderr)
        assert sorted(os.listdir(tmp_path)) == ["good.npy", "raw.bin"], args
        assert good.read_bytes() == before
    assert not pathlib.Path("/proc/x.npy").exists()


def device_copy(path, major, minor):
    """A character device like /dev/null (1, 3) or /dev/full (1, 7); mknod needs root."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
    except PermissionError as e:
        pytest.skip(f"mknod is not permitted here: {e}")
    return path


def fifo_reader(path):
    """Reads everything written to the FIFO `path` in a thread; returns a function giving the bytes."""
    received = []
    reader = threading.Thread(target=lambda: received.append(pathlib.Path(path).read_bytes()))
    reader.start()

    def result():
        reader.join(timeout=60)
        return received[0] if received else None
    return result


def test_devices_and_fifos_as_outputs_are_written_in_place(hpcpp, tmp_path):
    src = tmp_path / "src.npy"
    a = np.random.default_rng(5).normal(size=(300, 200))
    np.save(src, a)
    outputs = tmp_path / "out"
    outputs.mkdir()
    null = device_copy(outputs / "null", 1, 3)
    full = device_copy(outputs / "full", 1, 7)
    fifo = outputs / "fifo"
    os.mkfifo(fifo)
    for command in (["create", "{}", "--n", 300, "--seed", 3], ["clean", src, "{}"]):
        def run(target):
            return hpcpp("bigfile", *[target if str(x) == "{}" else x for x in command], timeout=60)
        assert run(null).returncode == 0
        result = run(full)
        assert result.returncode == 2 and result.stdout == "", (command, result.stdout)
        assert result.stderr.startswith(f"hpcpp: {full}: ") and result.stderr.count("\n") == 1, result.stderr
        assert "No space left on device" in result.stderr, result.stderr
        received = fifo_reader(fifo)
        result = run(fifo)
        assert result.returncode == 0, result.stderr
        data = received()
        expected = tmp_path / "expected.npy"
        assert run(expected).returncode == 0
        assert data == expected.read_bytes(), command
        expected.unlink()
        assert stat.S_ISCHR(null.stat().st_mode) and stat.S_ISCHR(full.stat().st_mode) and stat.S_ISFIFO(fifo.stat().st_mode)
        assert sorted(os.listdir(outputs)) == ["fifo", "full", "null"], command


@pytest.fixture(scope="module")
def large_input(tmp_path_factory):
    path = tmp_path_factory.mktemp("large") / "large.npy"
    result = subprocess.run([HPCPP, "bigfile", "create", path, "--n", "6000"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return path


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
@pytest.mark.parametrize("command", ["create", "clean"])
def test_a_signal_mid_write_leaves_no_temporary(tmp_path, large_input, command, sig):
    out = tmp_path / "out.npy"
    # Small chunks on one thread: the write takes long enough to be interrupted.
    args = (["create", out, "--n", "10000"] if command == "create" else ["clean", large_input, out])
    process = subprocess.Popen([HPCPP, "bigfile", *map(str, args), "--threads", "1", "--chunk-kib", "4"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        while not os.listdir(tmp_path) and process.poll() is None:
            time.sleep(0.001)
        assert process.poll() is None, "finished before it could be interrupted"
        temporaries = os.listdir(tmp_path)
        assert len(temporaries) == 1 and temporaries[0].startswith("out.npy.tmp."), temporaries
        process.send_signal(sig)
        process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode in (-sig, 128 + sig), process.returncode
    assert os.listdir(tmp_path) == []


def test_integer_files_give_exact_integers(hpcpp, tmp_path):
    cases = {
        "int64": np.array([[2**53 + 1, -3], [7, 2**53 - 1]], dtype=np.int64),
        "int64_extremes": np.array([[np.iinfo(np.int64).max, 0], [np.iinfo(np.int64).min, 5]], dtype=np.int64),
        "uint64": np.array([[np.iinfo(np.uint64).max, 1], [2**63 + 1, 2**53 + 1]], dtype=np.uint64),
        "int8": np.array([[-128, 127], [0, 1]], dtype=np.int8),
    }
    for name, a in cases.items():
        path = tmp_path / f"{name}.npy"
        np.save(path, a)
        s = lines(hpcpp("bigfile", "stats", path, "--threads", "2", "--chunk-kib", "4"))
        assert (s["min"], s["max"]) == (str(a.min()), str(a.max())), name
        assert float(s["mean"]) == pytest.approx(float(a.astype(np.float64).mean()), rel=1e-15), name
        result = hpcpp("bigfile", "get", path, 0, 0, 0, 1, 1, 0, 1, 1)
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == [str(v) for v in a.ravel()], name


@pytest.mark.parametrize("command", ["average", "stats", "fit", "get", "clean", "create"])
@pytest.mark.parametrize("option", ["--profile", "--profile-trace"])
def test_profile_options_after_the_subcommand(hpcpp, created, tmp_path, command, option):
    args = {"average": [created], "stats": [created], "fit": [created], "get": [created, 0, 0],
            "clean": [created, tmp_path / "c.npy"], "create": [tmp_path / "n.npy", "--n", 100]}[command]
    trace = tmp_path / "trace.json"
    profile_args = [option] if option == "--profile" else [option, trace]
    for where in ("after", "before"):
        full = ["bigfile", command, *args, *profile_args] if where == "after" else ["bigfile", *profile_args, command, *args]
        result = hpcpp(*full)
        assert result.returncode == 0, (where, result.stderr)
        assert result.stdout != "" or command == "create", where
        if option == "--profile":
            assert "hpcpp profile: bigfile" in result.stderr, (where, result.stderr)
        else:
            assert json.loads(trace.read_text())["traceEvents"], where
            trace.unlink()


def test_bad_values_are_named_as_typed_with_their_rule(hpcpp, tmp_path):
    good = tmp_path / "good.npy"
    np.save(good, np.arange(12.0).reshape(3, 4))
    raw = tmp_path / "raw.bin"
    raw.write_bytes(bytes(128))
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    huge = "1" + "0" * 30
    cases = [
        (["average", raw, "--shape", f"{huge},4"], [f"--shape {huge},4", "integer >= 0"], "0" * 40),
        (["average", raw, "--shape", "1e308,4"], ["--shape 1e308,4", "got 1e308"], None),
        (["average", raw, "--shape", "4,,4"], ["--shape 4,,4", "integer >= 0", "got nothing"], None),
        (["average", raw, "--shape", "4,x"], ["--shape 4,x", "got x"], None),
        (["get", good, "99999999999999999999", "0"], ["99999999999999999999"], "9223372036854775807"),
        (["create", tmp_path / "s.npy", "--n", "4", "--seed", "-1"], ["--seed", "-1", "18446744073709551615"], None),
        (["create", tmp_path / "s.npy", "--n", "4", "--seed", "18446744073709551616"], ["18446744073709551616"], None),
        (["create", tmp_path / "s.npy", "--n", "4", "--seed", "1e23"], ["1e23", "0 to 18446744073709551615"], None),
        (["average", fifo, "--n", "4"], [str(fifo), "not a regular file"], "Operation not supported"),
        (["average", "/dev/zero", "--n", "4"], ["/dev/zero", "not a regular file"], "Operation not supported"),
        (["create", "/proc/x.npy", "--n", "5"], ["/proc/x.npy", "cannot create", "No such file or directory"], "disk space"),
        (["clean", good, "/proc/x.npy"], ["/proc/x.npy", "cannot create", "No such file or directory"], "disk space"),
    ]
    for args, named, absent in cases:
        result = hpcpp("bigfile", *args, timeout=60)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert result.stderr.startswith("hpcpp: ") and result.stderr.count("\n") == 1, (args, result.stderr)
        for text in named:
            assert text in result.stderr, (args, text, result.stderr)
        assert absent is None or absent not in result.stderr, (args, result.stderr)
        assert sorted(os.listdir(tmp_path)) == ["fifo", "good.npy", "raw.bin"], args
    for seed in ("0", "18446744073709551615"):
        assert hpcpp("bigfile", "create", tmp_path / "s.npy", "--n", "4", "--seed", seed).returncode == 0, seed


@pytest.mark.parametrize("dtype", ["float64", "float32", "int64", "uint8"])
@pytest.mark.parametrize("size", [10, 1000, 70001])
def test_stats_prints_the_mean_that_average_prints(hpcpp, tmp_path, dtype, size):
    rng = np.random.default_rng(size)
    values = {"float64": np.full(size, 0.1), "float32": rng.random(size, dtype=np.float32),
              "int64": rng.integers(-10**6, 10**6, size), "uint8": rng.integers(0, 256, size, dtype=np.uint8)}[dtype]
    path = tmp_path / "x.npy"
    np.save(path, values.astype(dtype).reshape(size, 1))
    for chunk in ("4", "64"):
        average = hpcpp("bigfile", "average", path, "--chunk-kib", chunk, "--threads", "2")
        assert average.returncode == 0, average.stderr
        assert lines(hpcpp("bigfile", "stats", path, "--chunk-kib", chunk))["mean"] == average.stdout.strip()
    if dtype == "float64" and size == 10:
        assert average.stdout.strip() == repr(float(np.mean(values))) == "0.1"
