"""The diff2d and etime commands as a user meets them: help, errors, files written."""
import os
import re
import signal
import subprocess
import time

import numpy as np
import pytest

from conftest import HPCPP, write_params

def listed_subcommands():
    """The subcommands `hpcpp --help` lists, so a new one is covered without editing this file."""
    text = subprocess.run([HPCPP, "--help"], capture_output=True, text=True).stdout
    listing = text.split("Subcommands:\n", 1)[1]
    return [line.split()[0] for line in listing.splitlines() if line.startswith("  ") and line.strip()]


def test_every_subcommand_has_help(hpcpp):
    subcommands = listed_subcommands()
    assert {"diff2d", "etime", "expr", "auc", "pool-map"} <= set(subcommands)
    for sub in subcommands:
        result = hpcpp(sub, "--help")
        assert result.returncode == 0, sub
        assert result.stdout.splitlines()[0] in listed_help_line(sub), sub
        assert f"Usage: hpcpp {sub}" in result.stdout, sub


def listed_help_line(sub):
    text = subprocess.run([HPCPP, "--help"], capture_output=True, text=True).stdout
    return next(line for line in text.splitlines() if line.split()[:1] == [sub])


def test_version(hpcpp):
    result = hpcpp("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("hpcpp ")


BAD_PARAMS = {
    "missing_key": ("D = 1.0\nx1 = -10.0\nx2 = 10.0\nruntime = 15.0\ndx = 0.0667\ngraphics = False\n",
                    ": missing key 'outtime'"),
    "unknown_key": ("D = 1.0\nx1 = -10.0\nx2 = 10.0\nruntime = 15.0\ndx = 0.0667\nouttime = 0.5\ngrafics = False\n",
                    ":7: unknown key 'grafics' (did you mean 'graphics'?)"),
    "not_a_number": ("D = one\n", ":1: key 'D': value 'one' is not a number"),
    "dx_zero": ("D = 1.0\nx1 = -10.0\nx2 = 10.0\nruntime = 15.0\ndx = 0\nouttime = 0.5\ngraphics = False\n",
                ":5: key 'dx': must be > 0 (got 0.0)"),
    "dx_too_large": ("D = 1.0\nx1 = -10.0\nx2 = 10.0\nruntime = 15.0\ndx = 21\nouttime = 0.5\ngraphics = False\n",
                     ":5: key 'dx': 21.0 is larger than x2 - x1 = 20.0: the grid has no interior point (nrows = 0)"),
    "x2_le_x1": ("D = 1.0\nx1 = 10.0\nx2 = 10.0\nruntime = 15.0\ndx = 0.1\nouttime = 0.5\ngraphics = False\n",
                 ":3: key 'x2': must be greater than x1 = 10.0 (got 10.0)"),
    "D_negative": ("D = -1.0\nx1 = -10.0\nx2 = 10.0\nruntime = 15.0\ndx = 0.1\nouttime = 0.5\ngraphics = False\n",
                   ":1: key 'D': must be > 0 (got -1.0)"),
    "runtime_negative": ("D = 1.0\nx1 = -10.0\nx2 = 10.0\nruntime = -15.0\ndx = 0.1\nouttime = 0.5\ngraphics = False\n",
                         ":4: key 'runtime': must be >= 0 (got -15.0)"),
    "code_is_not_run": ("import os; os.system('touch PWNED')\n", ":1: expected 'name = value', got 'import os'"),
    "binary_garbage": (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00", ":1: not a text file (NUL byte)"),
}


def assert_clean_failure(result, expected_fragment, workdir):
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert expected_fragment in lines[0]
    assert not (workdir / "final.npy").exists()
    assert not list(workdir.glob("final.npy*"))  # no temporary left behind either


@pytest.mark.parametrize("case", BAD_PARAMS)
def test_bad_parameter_files(hpcpp, tmp_path, case):
    content, fragment = BAD_PARAMS[case]
    params = tmp_path / "params.py"
    params.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = hpcpp("diff2d", params, "--save", tmp_path / "final.npy", cwd=tmp_path)
    assert_clean_failure(result, str(params) + fragment, tmp_path)
    assert not (tmp_path / "PWNED").exists()


def test_file_that_does_not_exist(hpcpp, tmp_path):
    result = hpcpp("diff2d", tmp_path / "nope.py", "--save", tmp_path / "final.npy")
    assert_clean_failure(result, "nope.py: cannot open: No such file or directory", tmp_path)


def test_directory(hpcpp, tmp_path):
    result = hpcpp("diff2d", tmp_path, "--save", tmp_path / "final.npy")
    assert_clean_failure(result, ": is a directory, not a parameter file", tmp_path)


def test_one_gigabyte_line(hpcpp, tmp_path):
    params = tmp_path / "huge.py"
    chunk = b"1" * (1 << 20)
    with open(params, "wb") as f:
        f.write(b"D = ")
        for _ in range(1024):
            f.write(chunk)
        f.write(b"\n")
    started = time.monotonic()
    result = hpcpp("diff2d", params, "--save", tmp_path / "final.npy")
    assert time.monotonic() - started < 30
    assert_clean_failure(result, "huge.py:1: line longer than 65536 bytes", tmp_path)


def test_grid_larger_than_memory(hpcpp, tmp_path):
    params = write_params(tmp_path / "p.py", dx=0.0002)
    result = hpcpp("diff2d", params, "--save", tmp_path / "final.npy")
    assert_clean_failure(result, "a grid of 100002 x 100002 points needs", tmp_path)


def test_bad_override_and_backend(hpcpp, tmp_path):
    params = write_params(tmp_path / "p.py")
    result = hpcpp("diff2d", params, "--set", "dx=abc", "--save", tmp_path / "final.npy")
    assert_clean_failure(result, "--set dx=abc: key 'dx': value 'abc' is not a number", tmp_path)
    result = hpcpp("diff2d", params, "--backend", "fast", "--save", tmp_path / "final.npy")
    assert_clean_failure(result, "unknown backend 'fast'", tmp_path)


def test_override_changes_the_run(hpcpp, tmp_path):
    params = write_params(tmp_path / "p.py")
    a = hpcpp("diff2d", params, "--set", "dx=0.5", "--set", "runtime=1.0")
    b = hpcpp("diff2d", write_params(tmp_path / "q.py", dx=0.5, runtime=1.0))
    assert a.returncode == 0 and a.stdout == b.stdout


def test_save_every_writes_one_snapshot_per_output(hpcpp, tmp_path):
    params = write_params(tmp_path / "p.py", dx=0.5, runtime=2.0, outtime=0.5)
    result = hpcpp("diff2d", params, "--save-every", tmp_path / "snaps", "--save", tmp_path / "final.npy")
    assert result.returncode == 0
    snaps = sorted((tmp_path / "snaps").glob("dens_*.npy"))
    assert len(snaps) == len(result.stdout.splitlines())
    assert np.array_equal(np.load(snaps[-1]), np.load(tmp_path / "final.npy"))
    assert np.load(snaps[0]).max() == pytest.approx(1.0, abs=0.05)


def test_restart_after_kill_ends_like_an_uninterrupted_run(hpcpp, tmp_path):
    params = write_params(tmp_path / "p.py", dx=0.05, runtime=2.0, outtime=0.1)
    whole = hpcpp("diff2d", params, "--save", tmp_path / "whole.npy")
    assert whole.returncode == 0
    checkpoint = tmp_path / "run.ckpt"
    proc = subprocess.Popen([HPCPP, "diff2d", str(params), "--checkpoint", str(checkpoint),
                             "--checkpoint-every", "50", "--save", str(tmp_path / "killed.npy")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not checkpoint.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # Really killed mid-way: by the signal, before the end (no final field), and the restart
    # has outputs left to print, but not all of them.
    assert proc.returncode == -signal.SIGKILL
    assert not (tmp_path / "killed.npy").exists()
    assert checkpoint.exists()
    resumed = hpcpp("diff2d", params, "--restart", checkpoint, "--save", tmp_path / "resumed.npy")
    assert resumed.returncode == 0, resumed.stderr
    assert 0 < len(resumed.stdout.splitlines()) < len(whole.stdout.splitlines())
    assert whole.stdout.endswith(resumed.stdout)
    assert np.array_equal(np.load(tmp_path / "whole.npy").view(np.uint64),
                          np.load(tmp_path / "resumed.npy").view(np.uint64))


def test_restart_with_other_parameters_is_refused(hpcpp, tmp_path):
    params = write_params(tmp_path / "p.py", dx=0.5, runtime=1.0)
    assert hpcpp("diff2d", params, "--checkpoint", tmp_path / "c.ckpt").returncode == 0
    other = write_params(tmp_path / "q.py", dx=0.4, runtime=1.0)
    result = hpcpp("diff2d", other, "--restart", tmp_path / "c.ckpt")
    assert result.returncode == 2
    assert "checkpoint is for a different problem" in result.stderr


def test_progress_only_on_a_terminal(hpcpp, tmp_path):
    params = write_params(tmp_path / "p.py", dx=0.5, runtime=1.0)
    result = hpcpp("diff2d", params)
    assert result.stderr == ""
    import pty
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(HPCPP, [HPCPP, "diff2d", str(write_params(tmp_path / "r.py", dx=0.1, runtime=10.0))])
    seen = b""
    while True:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        seen += data
    os.waitpid(pid, 0)
    assert b"ETA" in seen


def test_etime_reports_elapsed_and_passes_status(hpcpp):
    result = hpcpp("etime", "sh", "-c", "sleep 0.2; exit 3")
    assert result.returncode == 3
    line = result.stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"Elapsed: [0-9]+\.[0-9]+ seconds", line), line
    assert 0.15 < float(line.split()[1]) < 10
    missing = hpcpp("etime", "/nonexistent/program")
    assert missing.returncode == 127
    assert missing.stderr == "hpcpp: cannot run '/nonexistent/program': No such file or directory\n"


def test_etime_keeps_the_digits_that_matter(hpcpp):
    # Two decimals as /usr/bin/time -f %e from a tenth of a second on; below, two
    # significant digits instead of "0.00".
    line = hpcpp("etime", "true").stderr
    assert re.fullmatch(r"Elapsed: 0\.0*[1-9][0-9]? seconds\n", line), line


def test_verbose_compute_line_prints_its_time_as_etime(hpcpp, tmp_path):
    params = write_params(tmp_path / "p.py", dx=0.5, runtime=1.0)
    result = hpcpp("diff2d", params, "--backend", "simd", "--verbose", "--no-progress")
    assert result.returncode == 0, result.stderr
    line = next(l for l in result.stderr.splitlines() if "compute" in l)
    assert re.fullmatch(r"diff2d: compute of 16 steps: Elapsed: [0-9]+\.[0-9]+ seconds, "
                        r"[0-9.]+ G point updates/s, [0-9.]+ ns per update", line), line


@pytest.mark.parametrize("backend", ["reference", "fused", "simd"])
def test_threads_with_a_one_thread_backend_says_it_has_no_effect(hpcpp, tmp_path, backend):
    params = write_params(tmp_path / "p.py", dx=0.5, runtime=0.5)
    noted = hpcpp("diff2d", params, "--backend", backend, "--threads", "2", "--no-progress")
    plain = hpcpp("diff2d", params, "--backend", backend, "--no-progress")
    assert noted.returncode == 0 and noted.stdout == plain.stdout
    assert noted.stderr == f"hpcpp: note: --threads has no effect with --backend {backend}\n"
    threaded = hpcpp("diff2d", params, "--backend", "threads", "--threads", "2", "--no-progress")
    assert threaded.returncode == 0 and threaded.stderr == ""
