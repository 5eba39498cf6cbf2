"""hpcpp sweep on a pool of workers: CSV in task order for any worker count, values as
numpy and Python make them, failures recorded, killed workers re-run, resume after a kill,
one-line errors."""
import csv
import io
import itertools
import os
import pathlib
import signal
import subprocess
import time

import numpy as np
import pytest

from conftest import HPCPP, SOURCE_DIR, run, write_params

PARAMS = SOURCE_DIR / "examples/diff2dparams.py"
SMALL = ["--param", "D=0.5,1", "--param", "dx=0.5,0.4:0.25:3", "--param", "runtime=0.5,2"]


def sweep(*args, **kwargs):
    return run([HPCPP, "sweep", "--no-progress", *map(str, args)], timeout=60, **kwargs)


def rows_of(text):
    return list(csv.reader(io.StringIO(text)))


def without_seconds(text):
    rows = rows_of(text)
    assert rows[0][-1] == "seconds"
    return [row[:-1] for row in rows]


def test_csv_is_the_same_for_1_2_and_3_workers(tmp_path):
    outputs = []
    for procs in (1, 2, 3):
        out = tmp_path / f"r{procs}.csv"
        result = sweep(PARAMS, *SMALL, "--procs", procs, "--out", out)
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""
        outputs.append(without_seconds(out.read_text()))
    assert outputs[0] == outputs[1] == outputs[2]
    rows = outputs[0]
    assert rows[0] == ["task", "D", "dx", "runtime", "status", "steps", "simtime", "mass", "peak"]
    # The cartesian product, the first --param varying slowest.
    dxs = [repr(float(x)) for x in np.linspace(0.4, 0.25, 3)]
    expected = list(itertools.product(["0.5", "1"], ["0.5", *dxs], ["0.5", "2"]))
    assert [tuple(row[1:4]) for row in rows[1:]] == expected
    assert [row[0] for row in rows[1:]] == [str(i) for i in range(len(expected))]
    assert all(row[4] == "ok" for row in rows[1:])


def test_without_out_the_csv_goes_to_stdout_unchanged(tmp_path):
    out = tmp_path / "r.csv"
    assert sweep(PARAMS, *SMALL, "--procs", 2, "--out", out).returncode == 0
    printed = sweep(PARAMS, *SMALL, "--procs", 2)
    assert printed.returncode == 0, printed.stderr
    assert without_seconds(printed.stdout) == without_seconds(out.read_text())


def test_diff2d_columns_agree_with_diff2d_and_numpy(tmp_path):
    params = write_params(tmp_path / "p.py", runtime=3.0, dx=0.25)
    result = sweep(params, "--param", "D=0.5,2", "--procs", 2)
    assert result.returncode == 0, result.stderr
    header, *rows = rows_of(result.stdout)
    for row in rows:
        task = dict(zip(header, row))
        final = tmp_path / f"final{task['task']}.npy"
        alone = run([HPCPP, "diff2d", params, "--set", f"D={task['D']}", "--save", final, "--no-progress"])
        assert alone.returncode == 0, alone.stderr
        field = np.load(final)
        nrows = int((10.0 - -10.0) / 0.25)
        dx = (10.0 - -10.0) / nrows
        dt = 0.25 * dx**2 / float(task["D"])
        assert int(task["steps"]) == int(3.0 / dt)
        assert task["simtime"] == alone.stdout.splitlines()[-1]
        assert float(task["mass"]) == pytest.approx(field.sum() * dx**2, rel=1e-12)
        assert task["peak"] == repr(float(field.max()))


def test_range_values_are_numpy_linspace_and_python_reprs():
    ranges = [(0.05, 0.2, 4), (-1.0, 1.0, 7), (0.1, 0.7, 5), (1e-3, 3.3, 11), (2.0, 1.0, 3)]
    for a, b, n in ranges:
        result = sweep("--noop", "--procs", 1, "--param", f"p={a!r}:{b!r}:{n}")
        assert result.returncode == 0, result.stderr
        values = [row[1] for row in rows_of(result.stdout)[1:]]
        assert values == [repr(float(x)) for x in np.linspace(a, b, n)]
    listed = sweep("--noop", "--param", "a=1_000,007,-0,0.50,1e-3,2E5,0x10,word", "--param", "b=0:10:6")
    assert listed.returncode == 0, listed.stderr
    rows = rows_of(listed.stdout)[1:]
    assert [row[1] for row in rows[::6]] == ["1000", "007", "0", "0.5", "0.001", "200000.0", "16", "word"]
    assert [row[2] for row in rows[:6]] == ["0", "2", "4", "6", "8", "10"]


def test_a_failing_task_is_recorded_and_the_sweep_goes_on(tmp_path):
    out = tmp_path / "r.csv"
    result = sweep(PARAMS, "--param", "x2=10,-20", "--param", "runtime=0.5", "--param", "dx=0.5", "--out", out)
    assert result.returncode == 1
    assert result.stderr.strip() == "hpcpp: sweep: 1 of 2 tasks failed"
    header, ok, failed = rows_of(out.read_text())
    assert ok[header.index("status")] == "ok"
    assert "x2" in failed[header.index("status")] and "greater than x1" in failed[header.index("status")]
    assert failed[header.index("steps"):header.index("seconds")] == ["", "", "", ""]


def test_exec_substitutes_values_and_keeps_exit_code_and_last_line(tmp_path):
    program = "import sys; print('first'); print('n=' + sys.argv[1] + ', b=' + sys.argv[2]); sys.exit(int(sys.argv[1]) % 2)"
    result = sweep("--procs", 2, "--param", "n=1:4:4", "--param", "b={x},y",
                   "--exec", "--", "/usr/bin/python3", "-c", program, "{n}", "{b}")
    assert result.returncode == 1
    assert result.stderr.strip() == "hpcpp: sweep: 4 of 8 tasks failed"
    header, *rows = rows_of(result.stdout)
    assert header == ["task", "n", "b", "status", "exit", "output", "seconds"]
    for row, (n, b) in zip(rows, itertools.product([1, 2, 3, 4], ["{x}", "y"])):
        assert row[1:6] == [str(n), b, "ok" if n % 2 == 0 else "exit code 1", str(n % 2), f"n={n}, b={b}"]


@pytest.mark.parametrize("procs", [1, 2])
def test_a_killed_worker_has_its_task_run_again(tmp_path, procs):
    clean = sweep(PARAMS, *SMALL, "--procs", procs)
    killed_once = sweep(PARAMS, *SMALL, "--procs", procs, "--test-kill-worker", 3)
    assert killed_once.returncode == 0, killed_once.stderr
    assert without_seconds(killed_once.stdout) == without_seconds(clean.stdout)

    always = sweep(PARAMS, *SMALL, "--procs", procs, "--test-kill-worker-always", 3)
    assert always.returncode == 1
    assert always.stderr.strip() == "hpcpp: sweep: 1 of 16 tasks failed"
    rows = without_seconds(always.stdout)
    assert rows[4][4] == "worker died: signal 9 (Killed)"
    assert rows[:4] + rows[5:] == without_seconds(clean.stdout)[:4] + without_seconds(clean.stdout)[5:]


def test_an_exec_command_killed_by_a_signal_runs_once_more(tmp_path):
    # Dies by SIGKILL the first time for each value, prints "second" the next.
    script = 'if [ -e "$1" ]; then echo second; else : > "$1"; kill -9 $$; fi'
    result = sweep("--procs", 2, "--param", "n=1,2,3", "--exec", "--", "sh", "-c", script, "sh", str(tmp_path / "m{n}"))
    assert result.returncode == 0, result.stderr
    assert [row[2:5] for row in rows_of(result.stdout)[1:]] == [["ok", "0", "second"]] * 3

    always = sweep("--param", "n=1,2", "--exec", "--", "sh", "-c", "echo x; kill -9 $$")
    assert always.returncode == 1
    assert [row[2:5] for row in rows_of(always.stdout)[1:]] == [["signal 9 (Killed)", "137", "x"]] * 2


def children_of(pid):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except OSError:
                pass
    return found


def test_a_sweep_killed_halfway_and_resumed_ends_with_the_same_file(tmp_path):
    command = ["--procs", 2, "--param", "n=1:12:12", "--exec", "--", "sh", "-c", "sleep 0.05; echo $(($1 * $1))", "sh", "{n}"]
    whole = tmp_path / "whole.csv"
    assert sweep("--out", whole, *command).returncode == 0
    out = tmp_path / "r.csv"
    journal = tmp_path / "r.csv.journal"
    proc = subprocess.Popen([HPCPP, "sweep", "--no-progress", "--out", out, *map(str, command)])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (not journal.exists() or journal.read_text().count("\n") < 4):
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert not out.exists()
    finished = journal.read_text().count("\n") - 1
    assert 3 <= finished < 12
    # A row torn by the kill is dropped, not misread.
    with open(journal, "a") as f:
        f.write("11,12,ok,0,14")
    refused = sweep("--out", out, *command)
    assert refused.returncode == 2 and "--resume" in refused.stderr
    resumed = sweep("--out", out, "--resume", *command)
    assert resumed.returncode == 0, resumed.stderr
    assert without_seconds(out.read_text()) == without_seconds(whole.read_text())
    assert not journal.exists()
    # Rows finished before the kill are kept as they were, seconds included.
    kept = rows_of(out.read_text())[1:1 + finished]
    assert all(float(row[-1]) >= 0.05 for row in kept)

    other = sweep("--out", tmp_path / "o.csv", "--param", "n=1,2", "--exec", "--", "true")
    assert other.returncode == 0
    (tmp_path / "o.csv.journal").write_text(journal.read_text() if journal.exists() else "# hpcpp sweep journal 0 2 tasks\n")
    mismatch = sweep("--out", tmp_path / "o.csv", "--resume", "--param", "n=1,2", "--exec", "--", "true")
    assert mismatch.returncode == 2 and "different sweep" in mismatch.stderr


def test_interrupted_sweep_leaves_no_process(tmp_path):
    proc = subprocess.Popen([HPCPP, "sweep", "--no-progress", "--procs", "2", "--out", tmp_path / "r.csv", "--param", "n=1:8:8",
                             "--exec", "--", "sleep", "5"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30  # under a sanitizer and a loaded machine, starting takes a while
    while len(children_of(proc.pid)) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    workers = children_of(proc.pid)
    assert len(workers) == 2
    os.kill(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signal.SIGINT
    assert err.startswith("hpcpp: interrupted (SIGINT)") and err.count("\n") == 1
    # No task finished: nothing is written, so nothing blocks the next run.
    assert os.listdir(tmp_path) == []
    for worker in workers:
        assert not os.path.exists(f"/proc/{worker}") or open(f"/proc/{worker}/stat").read().split()[2] == "Z"


@pytest.mark.parametrize("args, message", [
    (["--param", "D"], "expected NAME=V1,V2"),
    (["--param", "D="], "empty list"),
    (["--param", "D=1,,2"], "empty value"),
    (["--param", "1D=3"], "not a parameter name"),
    (["--param", "dx=0.1:0.2"], "FROM:TO:COUNT"),
    (["--param", "dx=a:0.2:3"], "range ends must be numbers"),
    (["--param", "dx=0.1:0.2:0"], "COUNT must be"),
    (["--param", "Dx=1"], "unknown diff2d parameter (did you mean 'dx'?)"),
    (["--param", "D=abc"], "'abc' is not a number"),
    (["--param", "D=1", "--param", "D=2"], "swept twice"),
    ([], "no --param"),
    (["--param", "D=1", "--backend", "simdd"], "unknown backend 'simdd'"),
])
def test_bad_parameters_are_one_line_errors_and_nothing_is_written(tmp_path, args, message):
    out = tmp_path / "r.csv"
    result = sweep(PARAMS, *args, "--out", out)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("hpcpp: ")
    assert message in result.stderr
    assert result.stdout == ""
    assert os.listdir(tmp_path) == []


def test_out_must_be_a_writable_file(tmp_path):
    result = sweep("--out", tmp_path, "--param", "n=1", "--exec", "--", "true")
    assert result.returncode == 2 and result.stderr == f"hpcpp: --out {tmp_path}: is a directory\n"
    missing = sweep("--out", tmp_path / "no/such/dir/r.csv", "--param", "n=1", "--exec", "--", "true")
    assert missing.returncode == 2 and "cannot write" in missing.stderr
    assert os.listdir(tmp_path) == []


def test_exec_placeholder_must_name_a_swept_parameter(tmp_path):
    result = sweep("--out", tmp_path / "r.csv", "--param", "n=1", "--exec", "--", "echo", "{m}")
    assert result.returncode == 2
    assert result.stderr == "hpcpp: --exec: argument 2 '{m}': '{m}' is not a swept parameter (did you mean 'n'?)\n"
    assert os.listdir(tmp_path) == []


def records(path):
    """The journal's records (after its header line), read by Python's csv module."""
    with open(path, newline="") as f:
        text = f.read()
    return list(csv.reader(io.StringIO(text.split("\n", 1)[1], newline="")))


def stopped_sweep(tmp_path, out, finished, *args):
    """Runs `sweep --procs 1 --out out ARGS` and kills it with SIGKILL once the journal
    holds `finished` records and the next task blocks (see blocking_once)."""
    journal = pathlib.Path(str(out) + ".journal")
    marker = tmp_path / "marker"
    proc = subprocess.Popen([HPCPP, "sweep", "--no-progress", "--procs", "1", "--out", out, *map(str, args)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (not marker.exists() or len(records(journal)) < finished):
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert len(records(journal)) == finished
    return journal


def blocking_once(marker, stop_value, then):
    """A shell script for --exec: for `stop_value` (its $1) it makes `marker` and blocks
    the first time; else it runs `then`."""
    return f'if [ "$1" = {stop_value} ] && [ ! -e {marker} ]; then : > {marker}; exec sleep 60; fi; {then}'


def test_values_with_line_breaks_and_quotes_are_quoted_in_the_csv_and_the_journal(tmp_path):
    values = ["x\ny", '"q"', "a b\r\nc", "last"]
    script = blocking_once(tmp_path / "marker", "last", 'printf "%s\\n" "$1"')
    command = ["--param", "v=" + ",".join(values), "--exec", "--", "sh", "-c", script, "sh", "{v}"]
    out = tmp_path / "r.csv"
    journal = stopped_sweep(tmp_path, out, 3, *command)
    assert [row[1] for row in records(journal)] == values[:3]
    resumed = sweep("--out", out, "--resume", *command)
    assert resumed.returncode == 0, resumed.stderr
    with open(out, newline="") as f:
        header, *rows = csv.reader(f)
    assert header == ["task", "v", "status", "exit", "output", "seconds"]
    assert [row[:5] for row in rows] == [[str(i), v, "ok", "0", v.splitlines()[-1]] for i, v in enumerate(values)]
    printed = sweep(*command)
    assert printed.returncode == 0, printed.stderr
    # (the text read from stdout has its \r\n turned into \n)
    assert [row[1] for row in rows_of(printed.stdout)[1:]] == [v.replace("\r\n", "\n") for v in values]


def test_resume_runs_no_finished_task_again(tmp_path):
    log = tmp_path / "log"
    script = blocking_once(tmp_path / "marker", 7, f'echo "$1" >> {log}; echo "$1"')
    command = ["--param", "n=1:12:12", "--exec", "--", "sh", "-c", script, "sh", "{n}"]
    out = tmp_path / "r.csv"
    stopped_sweep(tmp_path, out, 6, *command)
    assert log.read_text().split() == [str(n) for n in range(1, 7)]
    resumed = sweep("--out", out, "--resume", *command)
    assert resumed.returncode == 0, resumed.stderr
    assert sorted(map(int, log.read_text().split())) == list(range(1, 13))
    assert [row[4] for row in rows_of(out.read_text())[1:]] == [str(n) for n in range(1, 13)]


@pytest.mark.parametrize("edit, message", [
    (lambda row: row + ",extra", "7 fields, the sweep's records have 6"),
    (lambda row: row.rsplit(",", 1)[0], "5 fields, the sweep's records have 6"),
    (lambda row: row.replace("1,2,", "1,5,", 1), "task 1 has n='5', the sweep's task 1 has n='2'"),
    (lambda row: "12" + row[1:], "task '12' is no task number from 0 to 11"),
    (lambda row: row.replace("1,2,ok", "0,1,ok", 1), "task 0 is recorded twice"),
    (lambda row: row.rsplit(",", 1)[0] + ",soon", "task 1 has seconds 'soon', not a number >= 0"),
])
def test_journal_records_that_do_not_fit_the_sweep_are_refused(tmp_path, edit, message):
    script = blocking_once(tmp_path / "marker", 3, 'echo "$1"')
    command = ["--param", "n=1:12:12", "--exec", "--", "sh", "-c", script, "sh", "{n}"]
    out = tmp_path / "r.csv"
    journal = stopped_sweep(tmp_path, out, 2, *command)
    header, first, second = journal.read_text().splitlines()
    assert second.startswith("1,2,ok")
    journal.write_text("\n".join([header, first, edit(second)]) + "\n")
    resumed = sweep("--out", out, "--resume", *command)
    assert resumed.returncode == 2
    assert resumed.stderr.count("\n") == 1
    assert resumed.stderr.startswith(f"hpcpp: {journal}:3: {message}")
    assert not out.exists()


@pytest.fixture
def full_tmpfs(tmp_path):
    mount = tmp_path / "full"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        subprocess.run(["dd", "if=/dev/zero", f"of={mount / 'filler'}", "bs=4k"], capture_output=True)
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_is_reported_and_leaves_nothing_behind(full_tmpfs):
    out = full_tmpfs / "r.csv"
    command = ["--out", out, "--param", "n=1,2", "--exec", "--", "true"]
    result = sweep(*command)
    assert result.returncode == 2
    assert result.stderr == f"hpcpp: {out}.journal: cannot write: No space left on device\n"
    assert os.listdir(full_tmpfs) == ["filler"]
    (full_tmpfs / "filler").unlink()
    again = sweep(*command)
    assert again.returncode == 0, again.stderr
    assert sorted(os.listdir(full_tmpfs)) == ["r.csv"]


def peak_rss_kib(args, stop_after=None):
    """Peak resident set of `hpcpp ARGS` (KiB), stopped with SIGINT after `stop_after` s."""
    proc = subprocess.Popen([HPCPP, *map(str, args)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if stop_after is not None:
        time.sleep(stop_after)
        proc.send_signal(signal.SIGINT)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc, usage.ru_maxrss


def rss_allowance_kib():
    """What a sweep that makes no task may hold: hpcpp's own peak (large under a sanitizer)
    plus 32 MiB, far below one 8-byte slot per task of ten million."""
    _, baseline = peak_rss_kib(["sweep", "--help"])
    return baseline + 32 * 1024


def test_too_many_tasks_are_refused_before_any_value_is_made():
    ten = [arg for i in range(10) for arg in ("--param", f"p{i}=0:1:1000000")]
    proc, rss = peak_rss_kib(["sweep", *ten, "--exec", "--", "true"])
    assert proc.returncode == 2
    assert proc.stderr.read().decode() == "hpcpp: sweep: more than 10000000 tasks (the product of the --param list lengths)\n"
    assert rss < rss_allowance_kib()
    proc, rss = peak_rss_kib(["sweep", "--param", "p=0:1:100000000000", "--exec", "--", "true"])
    assert proc.returncode == 2 and "COUNT must be a whole number from 1 to 10000000, got '100000000000'" in proc.stderr.read().decode()
    assert rss < rss_allowance_kib()


def test_a_sweep_of_ten_million_tasks_holds_no_slot_per_task(tmp_path):
    args = ["sweep", "--no-progress", "--procs", 1, "--out", tmp_path / "r.csv", "--param", "a=0:9999:10000",
            "--param", "b=0:999:1000", "--exec", "--", "sleep", "60"]
    proc, rss = peak_rss_kib(args, stop_after=1.0)
    assert proc.returncode == 128 + signal.SIGINT
    assert rss < rss_allowance_kib()


@pytest.mark.parametrize("args, code, message", [
    (["--param", "n=1", "--exec", "--", "no-such-program-here", "{n}"], 127,
     "hpcpp: sweep: --exec: cannot run 'no-such-program-here': No such file or directory\n"),
    (["--param", "n=1", "--exec", "--", SOURCE_DIR / "README.md", "{n}"], 126,
     f"hpcpp: sweep: --exec: cannot run '{SOURCE_DIR / 'README.md'}': Permission denied\n"),
    ([PARAMS, "--param", "D=1,2", "--threads", 100000], 2,
     "hpcpp: --threads: must be an integer from 1 to 1024, got 100000 (see --help)\n"),
    ([PARAMS, "--param", "D=1,2", "--backend", "mpi"], 2,
     "hpcpp: --backend mpi: a sweep task is one process; this backend needs an MPI job of its own "
     "(run diff2d under mpirun instead)\n"),
    (["--procs", 2147483647, "--param", "n=1", "--exec", "--", "true"], 2,
     "hpcpp: --procs: must be an integer from 1 to 1024, got 2147483647 (see --help)\n"),
    ([PARAMS, "--param", "D=1e400"], 2,
     "hpcpp: --param 'D=1e400': value '1e400' is beyond the largest float (1.7976931348623157e+308)\n"),
])
def test_what_would_fail_every_task_fails_once_before_the_first(tmp_path, args, code, message):
    result = sweep("--out", tmp_path / "r.csv", *args)
    assert (result.returncode, result.stderr) == (code, message)
    assert result.stdout == ""
    assert os.listdir(tmp_path) == []


def test_procs_has_the_limit_and_wording_of_the_other_pools():
    pool = run([HPCPP, "pool-map", "--workers", "2147483647"])
    procs = sweep("--procs", "2147483647", "--param", "n=1", "--exec", "--", "true")
    assert pool.returncode == procs.returncode == 2
    assert procs.stderr == pool.stderr.replace("--workers", "--procs")


def test_profile_shows_the_table_of_a_real_sweep(tmp_path):
    result = sweep(PARAMS, "--param", "D=0.5,1", "--param", "runtime=0.5", "--procs", 1, "--profile")
    assert result.returncode == 0, result.stderr
    assert [row[3] for row in rows_of(result.stdout)[1:]] == ["ok", "ok"]
    assert "hpcpp profile: sweep\n" in result.stderr
    assert "   ncalls  tottime  percall  cumtime  percall region\n" in result.stderr
