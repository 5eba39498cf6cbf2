"""The command line as a careless or hostile user meets it: thread counts, option values,
names bound twice, output paths, device nodes, signals during writes and to process pools."""
import os
import random
import signal
import stat
import subprocess
import threading
import time

import numpy as np
import pytest

from conftest import HPCPP, write_params
from test_fork_cli import children_of, kill_quietly


def one_line_error(result, code=2):
    assert result.returncode == code, (result.returncode, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("hpcpp: "), result.stderr
    return lines[0]


@pytest.fixture
def params(tmp_path):
    return write_params(tmp_path / "p.py", dx=0.5, runtime=1.0)


THREAD_OPTIONS = [
    ("diff2d", "{params}", "--threads", "100000"),
    ("diff2d", "{params}", "--backend", "blocked", "--threads", "100000"),
    ("diff2d", "{params}", "--backend", "threads", "--threads", "-1"),
    ("expr", "a", "--set", "a=1", "--threads", "100000"),
    ("auc", "1000", "--workers", "100000"),
    ("auc", "1000", "--backend", "processes", "--workers", "5000"),
    ("pool-map", "--workers", "100000"),
    ("summer", "--tasks", "100000"),
    ("shared-value", "--processes", "100000"),
]


@pytest.mark.parametrize("args", THREAD_OPTIONS, ids=lambda a: "-".join(a[:1] + a[-2:]))
def test_thread_and_worker_counts_are_bounded(hpcpp, params, args):
    started = time.monotonic()
    line = one_line_error(hpcpp(*(a.format(params=params) for a in args)))
    assert time.monotonic() - started < 10
    assert "must be an integer from" in line and "to 1024, got" in line, line


def test_omp_num_threads_is_bounded_too(hpcpp, params):
    line = one_line_error(hpcpp("diff2d", params, "--backend", "threads", env=dict(os.environ, OMP_NUM_THREADS="100000")))
    assert line == "hpcpp: OMP_NUM_THREADS: must be an integer from 1 to 1024, got 100000"


def with_omp_num_threads(value):
    return dict(os.environ, OMP_NUM_THREADS=value)


# OMP_NUM_THREADS is read by the option's rule and refused in the option's words, whatever
# the backend (OpenMP's own warning about it never shows).
@pytest.mark.parametrize("value", ["garbage", "0", "-1", "1025", "4,2", "2.0", ""])
@pytest.mark.parametrize("command, option", [(["auc", "1000"], "--workers"), (["auc", "1000", "--backend", "threads"], "--workers"),
                                             (["diff2d", "{params}"], "--threads")])
def test_bad_omp_num_threads_reads_as_the_bad_option(hpcpp, params, value, command, option):
    args = [a.format(params=params) for a in command]
    from_environment = one_line_error(hpcpp(*args, env=with_omp_num_threads(value)))
    assert from_environment == f"hpcpp: OMP_NUM_THREADS: must be an integer from 1 to 1024, got {value or 'nothing'}"
    if option == "--threads" and value == "0":
        return  # the option's 0 means "the default": never so for the variable
    from_option = one_line_error(hpcpp(*args, option, value))
    rule = from_option.removeprefix(f"hpcpp: {option}: ").removesuffix(" (see --help)")
    assert from_environment == f"hpcpp: OMP_NUM_THREADS: {rule.replace('from 0 to', 'from 1 to')}"


def workers_started(result):
    """The calls of region auc.worker in the --profile table: one per worker."""
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stderr.splitlines() if line.endswith(" auc.worker")][:1]  # the time table
    assert rows, result.stderr
    return int(rows[0][0])


def test_auc_honours_omp_num_threads(hpcpp):
    args = ["auc", "3000000", "--backend", "threads", "--profile"]
    for workers in ("3", "5"):
        assert workers_started(hpcpp(*args, env=with_omp_num_threads(workers))) == int(workers)
        # --workers wins over the variable
        assert workers_started(hpcpp(*args, "--workers", "2", env=with_omp_num_threads(workers))) == 2


def test_bad_omp_num_threads_is_passed_on_unchanged(hpcpp, tmp_path):
    # Hidden from OpenMP while it starts, the variable is back for the programs hpcpp runs.
    result = hpcpp("profile", "--", "/usr/bin/env", env=with_omp_num_threads("garbage"))
    assert "OMP_NUM_THREADS=garbage\n" in result.stdout, result.stdout + result.stderr


def test_the_largest_thread_count_runs(hpcpp, tmp_path):
    small = write_params(tmp_path / "s.py", dx=1.0, runtime=0.5)
    for backend in ("threads", "blocked"):
        result = hpcpp("diff2d", small, "--backend", backend, "--threads", "1024")
        assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("args, expected", [
    (["diff2d", "{params}", "--checkpoint-every", "0"], "--checkpoint-every: must be an integer >= 1, got 0"),
    (["auc", "100000000000000000000"], "N: must be an integer from 1 to 1000000000000, got 100000000000000000000"),
    (["auc", "0x10"], "N: must be an integer from 1 to 1000000000000, got 0x10"),
    (["auc", "1e3"], "got 1e3"),
    (["expr", "a", "--set", "a=1", "--repeat", "0"], "--repeat: must be an integer from 1 to 1000000, got 0"),
    (["pool-map", "--delay-ms", "-5"], "--delay-ms: must be an integer from 0 to 86400000, got -5"),
    (["summer", "--n", "99999999999"], "--n: must be an integer from 0 to 4000000000, got 99999999999"),
])
def test_range_errors_say_what_is_allowed(hpcpp, params, args, expected):
    line = one_line_error(hpcpp(*(a.format(params=params) for a in args)))
    assert expected in line
    assert "1797693" not in line and "not in range" not in line


def test_a_decimal_count_is_read_as_written(hpcpp):
    assert hpcpp("auc", "010").stdout == hpcpp("auc", "10").stdout


def test_unknown_subcommand_is_named_with_the_closest(hpcpp):
    assert one_line_error(hpcpp("bogus")).startswith("hpcpp: unknown subcommand 'bogus' (did you mean")
    assert "did you mean 'diff2d'?" in one_line_error(hpcpp("dif2d", "x.py"))


def test_expression_may_begin_with_a_minus(hpcpp):
    for args in (["-a + b", "--set", "a=1", "--set", "b=5"],
                 ["--set", "a=1", "--set", "b=5", "--", "-a + b"],
                 ["--set", "a=1", "--set", "b=5", "-a+b"],
                 ["--set", "a=-4", "--", "--a"]):
        result = hpcpp("expr", *args)
        assert result.returncode == 0, (args, result.stderr)
        assert result.stdout in ("4\n", "-4\n"), (args, result.stdout)


def test_text_that_is_no_option_after_the_expression_is_refused(hpcpp):
    assert "did you mean '--threads'?" in one_line_error(hpcpp("expr", "a", "--set", "a=1", "--treads", "2"))
    assert "after '--' nothing is an option" in one_line_error(hpcpp("expr", "--", "-a", "--set", "a=1"))


def test_empty_input_file_name(hpcpp):
    assert one_line_error(hpcpp("expr", "a", "--in", "a=")).endswith("--in a=: the file name is empty")


def test_a_name_bound_twice_is_refused(hpcpp, tmp_path, params):
    np.save(tmp_path / "x.npy", np.zeros(3))
    np.save(tmp_path / "y.npy", np.ones(3))
    x, y = f"a={tmp_path / 'x.npy'}", f"a={tmp_path / 'y.npy'}"
    assert "name 'a' is bound twice" in one_line_error(hpcpp("expr", "a", "--in", x, "--in", y))
    assert "name 'a' is bound twice" in one_line_error(hpcpp("expr", "a", "--in", x, "--set", "a=3"))
    line = one_line_error(hpcpp("diff2d", params, "--set", "dx=0.5", "--set", "dx=0.25"))
    assert "key 'dx' is set twice (first by --set dx=0.5)" in line


@pytest.mark.parametrize("program", ["etime", "secondfork"])
def test_a_program_that_cannot_run_is_one_line(hpcpp, program):
    result = hpcpp(program, "/nonexistent/program")
    line = one_line_error(result, code=127)
    assert line == "hpcpp: cannot run '/nonexistent/program': No such file or directory"
    assert result.stdout == ""


def test_expression_syntax_error_first_line_is_the_whole_message(hpcpp):
    result = hpcpp("expr", "a + * b", "--set", "a=1", "--set", "b=2")
    first = result.stderr.splitlines()[0]
    assert first.startswith("hpcpp: syntax error at column 5") and "a + * b" in first


LONG_RUN = {"dx": 0.05, "runtime": 50.0, "outtime": 0.5}


@pytest.mark.parametrize("option, path", [
    ("--save", "missing/final.npy"), ("--checkpoint", "missing/run.ckpt"),
    ("--save", "file/final.npy"), ("--save-every", "file/snaps"), ("--frames", "file/frames")])
def test_bad_output_path_fails_before_the_first_step(hpcpp, tmp_path, option, path):
    (tmp_path / "file").write_text("not a directory")
    params = write_params(tmp_path / "p.py", **LONG_RUN)
    started = time.monotonic()
    result = hpcpp("diff2d", params, option, tmp_path / path)
    assert time.monotonic() - started < 10
    assert result.stdout == ""
    assert one_line_error(result).startswith(f"hpcpp: {option} {tmp_path / path.split('/')[0]}")


def test_bad_out_path_fails_before_reading_inputs(hpcpp, tmp_path):
    line = one_line_error(hpcpp("expr", "a", "--set", "a=1", "--out", tmp_path / "missing" / "r.npy"))
    assert "--out" in line and "does not exist" in line


def make_device(path, minor):
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("mknod needs root")


def test_save_onto_a_device_writes_through_it(hpcpp, tmp_path, params):
    null = tmp_path / "null"
    make_device(null, 3)
    result = hpcpp("diff2d", params, "--save", null, "--checkpoint", null)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert sorted(os.listdir(tmp_path)) == ["null", "p.py"]


def test_a_full_device_is_a_one_line_error(hpcpp, tmp_path, params):
    full = tmp_path / "full"
    make_device(full, 7)
    for args in (["diff2d", params, "--save", full], ["expr", "a", "--set", "a=1", "--out", full]):
        line = one_line_error(hpcpp(*args))
        assert line.endswith(f"{full}: write failed: No space left on device"), line
        assert stat.S_ISCHR(os.stat(full).st_mode)
    assert sorted(os.listdir(tmp_path)) == ["full", "p.py"]


def test_save_into_a_fifo(hpcpp, tmp_path, params):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    # A daemon: if the FIFO were replaced by a regular file, nothing would ever open it for
    # writing, and the test must still end.
    reader = threading.Thread(target=lambda: received.append(open(fifo, "rb").read()), daemon=True)
    reader.start()
    result = hpcpp("diff2d", params, "--save", fifo, timeout=60)
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and received
    (tmp_path / "copy.npy").write_bytes(received[0])
    assert np.load(tmp_path / "copy.npy").shape == (42, 42)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def at_a_terminal():
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_signal_while_writing_leaves_no_temporary(tmp_path, sig):
    # 1500 x 1500 points: each checkpoint is 18 MB, written after every step, so most of the
    # run is spent writing and the signals below land mid-write.
    params = write_params(tmp_path / "p.py", dx=20 / 1500, runtime=100.0, outtime=1.0)
    rng = random.Random(sig)
    for attempt in range(5):
        ckpt = tmp_path / f"run{attempt}.ckpt"
        proc = subprocess.Popen([HPCPP, "diff2d", str(params), "--backend", "simd", "--checkpoint", str(ckpt),
                                 "--checkpoint-every", "1", "--no-progress"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=at_a_terminal)
        deadline = time.monotonic() + 60
        while not ckpt.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.2))
        proc.send_signal(sig)
        proc.communicate(timeout=60)
        assert proc.returncode == -sig, (proc.returncode, attempt)
        assert ckpt.exists()
        leftovers = [p.name for p in tmp_path.iterdir() if ".tmp." in p.name]
        assert leftovers == [], attempt


def start_and_wait_for_workers(args, count):
    proc = subprocess.Popen([HPCPP, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=at_a_terminal)
    deadline = time.monotonic() + 60
    while len(children_of(proc.pid)) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = [pid for pid, _ in children_of(proc.pid)]
    assert len(workers) == count
    return proc, workers


def gone(pid, wait=20.0):
    """True once pid no longer runs (a zombie whose parent is gone counts as ended)."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] in "ZX":
                    return True
        except OSError:
            return True
        time.sleep(0.05)
    return False


POOLS = {
    "pool-map": (["pool-map", "--workers", "3", "--items", "6", "--delay-ms", "600000"], 3),
    "auc-processes": (["auc", "1000000000000", "--backend", "processes", "--workers", "2"], 2),
}


@pytest.mark.parametrize("pool", POOLS)
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_termination_of_the_parent_stops_the_workers(pool, sig):
    args, count = POOLS[pool]
    proc, workers = start_and_wait_for_workers(args, count)
    try:
        os.kill(proc.pid, sig)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 128 + sig
        assert err == f"hpcpp: interrupted ({sig.name}): child processes stopped\n"
        # Reaped by the parent before it ended: a worker it left behind would still be there
        # (running, or a zombie under its new parent). Checked before the cleanup below.
        for pid in workers:
            assert not os.path.exists(f"/proc/{pid}"), f"worker {pid} left behind"
    finally:
        proc.kill()
        kill_quietly(workers)


@pytest.mark.parametrize("pool", POOLS)
def test_workers_die_with_a_parent_killed_by_sigkill(pool):
    args, count = POOLS[pool]
    proc, workers = start_and_wait_for_workers(args, count)
    try:
        proc.kill()
        proc.wait(timeout=60)
        assert all(gone(pid) for pid in workers)
    finally:
        kill_quietly(workers)


# Control characters from the command line are quoted escaped in messages too ------------

def assert_escaped(line):
    assert "\x1b" not in line and "\r" not in line
    assert "\\x1b" in line


def test_file_names_with_control_characters_are_escaped(hpcpp, tmp_path, params):
    missing = tmp_path / "no\x1b[31mdir" / "final.npy"
    assert_escaped(one_line_error(hpcpp("diff2d", params, "--save", missing)))


def test_expr_arguments_with_control_characters_are_escaped(hpcpp, tmp_path):
    x = tmp_path / "x.npy"
    np.save(x, np.arange(3.0))
    assert_escaped(one_line_error(hpcpp("expr", "a", "--in", "a\x1b=" + str(x), "--in", "a\x1b=" + str(x))))
    assert_escaped(one_line_error(hpcpp("expr", "a", "--set", "a=1\x1b")))
    assert_escaped(one_line_error(hpcpp("expr", "a", "--in", "a\x1b")))
    assert_escaped(one_line_error(hpcpp("expr", "a", "b\x1b", "--set", "a=1")))
