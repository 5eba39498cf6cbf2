"""hpcpp bigfile under mpirun: every subcommand prints and writes, for 1 to 6 ranks, exactly
what one process prints and writes with any thread count; a rank that fails or is killed
ends the job with one line and leaves no temporary and no output."""
import os
import pathlib
import signal
import subprocess
import time

import numpy as np
import pytest

from test_mpi_cli import rank_counts, single_error_line

HPCPP = os.environ.get("HPCPP", "build/release/apps/hpcpp/hpcpp")
MPIEXEC = os.environ.get("HPCPP_MPIEXEC", "mpirun")
TIMEOUT = int(os.environ.get("HPCPP_MPI_TIMEOUT", "60"))
N = 300  # 720 KB of float64: with 64 KiB chunks, 11 chunks, more than any rank count here
CHUNK = ["--chunk-kib", "64"]
RANKS = rank_counts([1, 2, 3, 4, 6], [1, 3, 4])


def mpirun(ranks, *args, env=None):
    command = [MPIEXEC, "--oversubscribe", "-np", str(ranks), HPCPP, "bigfile", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, env=env)


def alone(*args, env=None):
    return subprocess.run([HPCPP, "bigfile", *map(str, args)], capture_output=True, text=True, timeout=TIMEOUT, env=env)


def ok(result):
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("bigmpi")
    ok(alone("create", d / "a.npy", "--n", N, "--seed", 3, "--threads", 2, *CHUNK))
    a = np.load(d / "a.npy")
    dirty = a.reshape(-1).copy()
    dirty[::97] = np.nan
    dirty[5::301] = np.inf
    dirty[7::499] = -3.0
    np.save(d / "dirty.npy", dirty.reshape(a.shape))
    np.save(d / "ints.npy", (np.arange(N * 250, dtype=np.int64) * 7919 % 100003 - 50000).reshape(N, 250))
    np.save(d / "f32.npy", a[:, :200].astype(np.float32))
    return d


READERS = [["average", "a.npy"], ["stats", "a.npy"], ["fit", "a.npy"], ["stats", "dirty.npy"],
           ["average", "ints.npy"], ["stats", "ints.npy"], ["fit", "ints.npy"], ["stats", "f32.npy"],
           ["average", "f32.npy"], ["get", "a.npy", 0, 0, -1, -1, 17, 123]]


@pytest.mark.parametrize("command", READERS, ids=lambda c: "-".join(map(str, c[:2])))
def test_readers_print_what_one_process_prints(files, command):
    name, file, *rest = command
    expected = ok(alone(name, files / file, *rest, *CHUNK, "--threads", 1))
    assert expected.strip()
    assert ok(alone(name, files / file, *rest, *CHUNK, "--threads", 2)) == expected
    for ranks in RANKS:
        for threads in (1, 2):
            assert ok(mpirun(ranks, name, files / file, *rest, *CHUNK, "--threads", threads)) == expected, (ranks, threads)


@pytest.mark.parametrize("ranks", RANKS)
def test_create_writes_the_bytes_of_one_process(files, tmp_path, ranks):
    for fmt in ("npy", "raw"):
        out = tmp_path / f"c.{fmt}"
        ok(mpirun(ranks, "create", out, "--n", N, "--seed", 3, "--format", fmt, *CHUNK, "--threads", 2))
        single = tmp_path / f"single.{fmt}"
        ok(alone("create", single, "--n", N, "--seed", 3, "--format", fmt, *CHUNK, "--threads", 1))
        assert out.read_bytes() == single.read_bytes()
    assert (tmp_path / "c.npy").read_bytes() == (files / "a.npy").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.npy", "c.raw", "single.npy", "single.raw"]


@pytest.mark.parametrize("ranks", RANKS)
def test_clean_writes_the_bytes_and_counts_of_one_process(files, tmp_path, ranks):
    args = ["--min", 0.1, "--max", 0.9, "--replace", 0]
    expected = ok(alone("clean", files / "dirty.npy", tmp_path / "single.npy", *args, *CHUNK))
    assert ok(mpirun(ranks, "clean", files / "dirty.npy", tmp_path / "out.npy", *args, *CHUNK)) == expected
    assert (tmp_path / "out.npy").read_bytes() == (tmp_path / "single.npy").read_bytes()
    dirty = np.load(files / "dirty.npy")
    assert int(expected.split("nan: ")[1].split()[0]) == np.isnan(dirty).sum()


def test_stats_and_average_agree_with_numpy_under_mpirun(files):
    a = np.load(files / "a.npy")
    stats = dict(line.split(": ") for line in ok(mpirun(3, "stats", files / "a.npy", *CHUNK)).splitlines())
    assert float(stats["mean"]) == pytest.approx(a.mean(), rel=1e-14)
    assert float(stats["std"]) == pytest.approx(a.std(), rel=1e-12)
    assert float(ok(mpirun(3, "average", files / "a.npy", *CHUNK))) == float(stats["mean"])


def test_verbose_prints_the_layout_once(files):
    result = mpirun(3, "average", files / "a.npy", *CHUNK, "--threads", 2, "--verbose")
    ok(result)
    layout = [line for line in result.stderr.splitlines() if line.startswith("bigfile:")]
    assert layout[0] == "bigfile: 3 ranks, 11 chunks of 8192 elements"
    assert layout[1:] == ["bigfile: rank 0: 2 threads, chunks 0-2 (3), elements 0-24575, rows 0-81",
                          "bigfile: rank 1: 2 threads, chunks 3-6 (4), elements 24576-57343, rows 81-191",
                          "bigfile: rank 2: 2 threads, chunks 7-10 (4), elements 57344-89999, rows 191-299"]


def leftovers(directory):
    return sorted(p.name for p in directory.iterdir())


@pytest.mark.parametrize("failing", [0, 1, 2])
@pytest.mark.parametrize("command", ["create", "clean", "stats"])
def test_a_rank_that_fails_ends_the_job_with_one_line_and_no_output(files, tmp_path, failing, command):
    env = dict(os.environ, HPCPP_BIGFILE_FAIL_RANK=str(failing))
    args = {"create": ["create", tmp_path / "out.npy", "--n", N],
            "clean": ["clean", files / "dirty.npy", tmp_path / "out.npy"],
            "stats": ["stats", files / "a.npy"]}[command]
    line = single_error_line(mpirun(3, *args, *CHUNK, env=env))
    assert line.startswith(f"hpcpp: rank {failing}: ") and "Input/output error" in line, line
    assert leftovers(tmp_path) == []


def test_the_fail_hook_names_no_rank_of_a_smaller_job(files, tmp_path):
    env = dict(os.environ, HPCPP_BIGFILE_FAIL_RANK="5")
    ok(mpirun(2, "create", tmp_path / "out.npy", "--n", N, "--seed", 3, *CHUNK, env=env))
    assert (tmp_path / "out.npy").read_bytes() == (files / "a.npy").read_bytes()


def rank_pids(marker, rank):
    """The pids of the processes whose command line holds `marker`, started as `rank`."""
    found = []
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if marker.encode() in cmdline and f"OMPI_COMM_WORLD_RANK={rank}".encode() in environ and b"mpirun" not in cmdline:
            found.append(int(entry.name))
    return found


def processes_writing_into(directory):
    """The pids of the processes that have a file of `directory` open."""
    found = set()
    for fd_dir in pathlib.Path("/proc").glob("[0-9]*/fd"):
        try:
            if any(os.readlink(fd).startswith(f"{directory}/") for fd in fd_dir.iterdir()):
                found.add(int(fd_dir.parent.name))
        except OSError:
            continue
    return found


@pytest.mark.parametrize("victim", [1, 0], ids=["joined-rank", "opening-rank"])
def test_a_rank_killed_during_create_leaves_no_temporary(tmp_path, victim):
    out = tmp_path / "killed.npy"
    # Big enough (288 MB, one thread a rank) that the ranks are still writing when one is killed.
    # mpirun's SIGTERM comes with a grace of 3 s before SIGKILL (OpenMPI's default, 1 s, is
    # shorter than a write can be held up when the disk is busy; docs/bigfile.md, Failures).
    job = subprocess.Popen([MPIEXEC, "--oversubscribe", "--mca", "odls_base_sigkill_timeout", "3", "-np", "3", HPCPP,
                            "bigfile", "create", str(out), "--n", "6000", "--threads", "1", "--chunk-kib", "256"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + TIMEOUT / 2
        while len(processes_writing_into(tmp_path)) < 3 and time.monotonic() < deadline and job.poll() is None:
            time.sleep(0.01)
        victims = rank_pids(str(out), victim)
        assert victims and job.poll() is None, "the job ended before a rank could be killed"
        os.kill(victims[0], signal.SIGKILL)
        job.communicate(timeout=TIMEOUT)
        assert job.returncode != 0
    finally:
        if job.poll() is None:
            job.kill()
            job.communicate()
    # On mpirun's SIGTERM, a surviving rank (rank 0 opened the temporary, the others joined it) removes it.
    deadline = time.monotonic() + 10
    while list(tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert leftovers(tmp_path) == []


def test_errors_every_rank_meets_are_one_line(files, tmp_path):
    assert "nothere.npy: cannot read" in single_error_line(mpirun(3, "stats", tmp_path / "nothere.npy"))
    line = single_error_line(mpirun(2, "clean", files / "a.npy", tmp_path / "y.npy", "--min", 2, "--max", 1))
    assert line == "hpcpp: --min 2 and --max 1 give no valid range"
    assert "are for raw files" in single_error_line(mpirun(4, "fit", files / "a.npy", "--shape", 90000))
    assert leftovers(tmp_path) == []
