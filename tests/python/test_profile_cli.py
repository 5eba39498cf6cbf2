"""--profile, --profile-sort and --profile-trace on every subcommand, and hpcpp profile -- CMD."""
import json
import os
import re
import subprocess
from collections import defaultdict

import numpy as np
import pytest

from conftest import HPCPP, run, write_params

TABLE_HEADER = "   ncalls  tottime  percall  cumtime  percall region\n"


def subcommands():
    """The subcommands `hpcpp --help` lists: the ones added later are covered too."""
    text = run([HPCPP, "--help"]).stdout
    listing = text.split("Subcommands:", 1)[1]
    return [line.split()[0] for line in listing.splitlines() if line.startswith("  ") and line.split()]


# A quick run of each subcommand whose stdout is worth comparing. Subcommands missing here
# are run without arguments (their usage error or default run is compared just the same).
def quick_args(tmp_path):
    params = write_params(tmp_path / "params.py", dx=0.5, runtime=2.0)
    a = tmp_path / "a.npy"
    np.save(a, np.arange(1000, dtype=np.float64))
    return {
        "diff2d": [params],
        "etime": ["echo", "hello"],
        "summer": ["--n", "100000", "--tasks", "3", "--mode", "threads"],
        "auc": ["100000"],
        "firstfork": [],
        "secondfork": [],
        "shared-value": [],
        "shared-array": [],
        "pool-map": ["--workers", "2", "--items", "5"],
        "expr": ["2*a + 1", "--in", f"a={a}"],
        "profile": ["--", "echo", "hello"],
        "sweep": [params, "--no-progress", "--procs", "1", "--param", "D=0.5,1"],
    }


STDIN = {"firstfork": "q\n"}
# Output that differs from run to run by design: process ids and the order parent and child
# print in (the fork commands), a race's result (shared-value), timings (summer, sweep). Their
# lines are compared with numbers masked, in sorted order.
VARIES_BY_RUN = {"firstfork", "secondfork", "shared-value", "summer", "sweep"}


def normalised(sub, text):
    if sub not in VARIES_BY_RUN:
        return text
    return sorted(re.sub(r"\d+(\.\d+)?(e[-+]?\d+)?", "N", text).splitlines())


@pytest.mark.parametrize("sub", subcommands())
def test_stdout_is_the_same_with_and_without_profile(tmp_path, sub):
    args = [str(a) for a in quick_args(tmp_path).get(sub, [])]
    # Options before a command's own positionals ("profile -- CMD", "etime CMD").
    plain = run([HPCPP, sub, *args], input=STDIN.get(sub, ""), timeout=60)
    trace = tmp_path / "trace.json"
    profiled = run([HPCPP, sub, "--profile", "--profile-trace", str(trace), *args], input=STDIN.get(sub, ""),
                   timeout=60)
    assert normalised(sub, profiled.stdout) == normalised(sub, plain.stdout)
    assert profiled.returncode == plain.returncode
    if plain.returncode == 0:
        assert f"hpcpp profile: {sub}\n" in profiled.stderr
        assert TABLE_HEADER in profiled.stderr
        assert re.search(rf"^\s+1\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+ {re.escape(sub)}$", profiled.stderr, re.M)
        assert "peak RSS   RSS incr region" in profiled.stderr
        events = json.loads(trace.read_text())["traceEvents"]
        assert any(e["ph"] == "X" and e["name"] == sub for e in events)


def x_events_nest_per_thread(events):
    by_thread = defaultdict(list)
    for e in events:
        if e["ph"] == "X":
            # ts and dur have exactly three decimals: compare in integer nanoseconds.
            start = round(float(e["ts"]) * 1000)
            by_thread[(e["pid"], e["tid"])].append((start, -round(float(e["dur"]) * 1000), e["name"]))
    for spans in by_thread.values():
        spans.sort()
        open_ends = []
        for start, minus_dur, name in spans:
            end = start - minus_dur
            while open_ends and open_ends[-1] <= start:
                open_ends.pop()
            assert not open_ends or end <= open_ends[-1], f"{name} [{start}, {end}] leaves its parent"
            open_ends.append(end)
    return by_thread


def test_trace_nests_per_thread_and_names_processes_threads_and_memory(tmp_path):
    params = write_params(tmp_path / "params.py", dx=0.2, runtime=1.0)
    trace = tmp_path / "trace.json"
    result = run([HPCPP, "diff2d", params, "--backend", "threads", "--threads", "2", "--profile-trace", str(trace)])
    assert result.returncode == 0, result.stderr
    assert "ncalls" not in result.stderr  # a trace alone prints no table
    events = json.loads(trace.read_text())["traceEvents"]
    by_thread = x_events_nest_per_thread(events)
    assert len(by_thread) == 2  # the main thread and the second OpenMP thread
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in events if e["ph"] == "M" and e["name"] == "thread_name"}
    assert set(by_thread) <= set(names)
    assert "main" in names.values()
    process = [e for e in events if e["ph"] == "M" and e["name"] == "process_name"]
    assert [p["args"]["name"] for p in process] == ["hpcpp diff2d"]
    counters = [e for e in events if e["ph"] == "C"]
    assert counters and all(c["args"]["MiB"] > 0 for c in counters)
    x_names = {e["name"] for e in events if e["ph"] == "X"}
    assert {"diff2d", "diff2d.setup", "diff2d.initial_field", "diff2d.advance", "threads.steps",
            "diff2d.output"} <= x_names
    steps = [e for e in events if e["ph"] == "X" and e["name"] == "threads.steps"]
    assert len({e["tid"] for e in steps}) == 2


def table_rows(stderr):
    block = stderr.split(TABLE_HEADER, 1)[1].split("\n\n", 1)[0]
    rows = []
    for line in block.splitlines():
        ncalls, tottime, _, cumtime, _, name = line.split(maxsplit=5)
        rows.append((name, int(ncalls), float(tottime), float(cumtime)))
    return rows


@pytest.mark.parametrize("key", ["cumtime", "tottime", "ncalls", "name"])
def test_profile_sort_orders_the_table(tmp_path, key):
    params = write_params(tmp_path / "params.py", dx=0.5, runtime=2.0)
    result = run([HPCPP, "diff2d", params, "--backend", "reference", "--profile-sort", key])
    assert result.returncode == 0, result.stderr
    rows = table_rows(result.stderr)
    column = {"name": 0, "ncalls": 1, "tottime": 2, "cumtime": 3}[key]
    values = [r[column] for r in rows]
    assert values == sorted(values, reverse=key != "name")
    calls = {r[0]: r[1] for r in rows}
    nsteps = int(run([HPCPP, "diff2d", params, "-v", "--no-progress"]).stderr.split(" steps,")[0].split()[-1])
    assert calls["reference.step"] == calls["reference.laplacian"] == calls["reference.update"] == nsteps
    assert calls["diff2d"] == 1


def test_bad_sort_key_is_a_one_line_error(tmp_path):
    params = write_params(tmp_path / "params.py", dx=0.5, runtime=2.0)
    bad_sort = run([HPCPP, "diff2d", params, "--profile-sort", "percall"])
    assert bad_sort.returncode == 2 and bad_sort.stdout == ""
    assert bad_sort.stderr.startswith("hpcpp: ") and "percall" in bad_sort.stderr


@pytest.mark.parametrize("command", [["diff2d", "{params}"], ["auc", "1000"], ["profile", "--", "sh", "-c", "{script}"],
                                     ["etime", "sh", "-c", "{script}"]], ids=lambda c: c[0])
def test_an_unwritable_trace_stops_the_command_before_it_runs(tmp_path, command):
    params = write_params(tmp_path / "params.py", dx=0.5, runtime=2.0)
    ran = tmp_path / "ran"
    script = f"echo ran; : > {ran}; exit 3"
    name, *args = [a.format(params=params, script=script) for a in command]
    trace = tmp_path / "missing" / "t.json"
    # The options before a program's own arguments (etime CMD, profile -- CMD).
    result = run([HPCPP, name, "--profile", "--profile-trace", str(trace), *args])
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"hpcpp: --profile-trace {trace}: directory {trace.parent} does not exist\n"
    assert not ran.exists()
    assert not trace.parent.exists()


@pytest.mark.parametrize("launcher", [{"PMIX_RANK": "3"}, {"OMPI_COMM_WORLD_RANK": "3", "OMPI_COMM_WORLD_SIZE": "5"},
                                      {"PMI_RANK": "3", "PMI_SIZE": "5"}], ids=lambda v: sorted(v)[0])
def test_each_rank_of_a_launched_command_writes_its_own_trace(tmp_path, launcher):
    # A command that does not join the MPI job (etime) profiles itself on each rank: the
    # launcher's variables name the rank, and each rank writes its own file.
    trace = tmp_path / "t.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OMPI_", "PMIX_", "PMI_"))}
    result = run([HPCPP, "etime", "--profile", "--profile-trace", str(trace), "true"], env={**env, **launcher})
    assert result.returncode == 0, result.stderr
    label = ", rank 3 of 5" if len(launcher) == 2 else ", rank 3"
    assert f"hpcpp profile: etime{label}\n" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["t.rank3.json"]
    events = json.loads((tmp_path / "t.rank3.json").read_text())["traceEvents"]
    assert {e["pid"] for e in events} == {3}


@pytest.mark.parametrize("form", [["--"], []])
def test_profile_command_reports_resources_and_passes_the_exit_status(form):
    result = run([HPCPP, "profile", *form, "sh", "-c", "echo out; exit 3"])
    assert result.returncode == 3
    assert result.stdout == "out\n"
    for label in ["wall time", "user time", "system time", "peak resident set", "page faults", "context switches"]:
        assert re.search(rf"^  {label} +[\d.]+", result.stderr, re.M), label
    # Either the counters, or a clear sentence saying why not.
    assert re.search(r"^  instructions/cycle +[\d.]+$", result.stderr, re.M) or \
        "cycles, instructions: not measured: " in result.stderr
    killed = run([HPCPP, "profile", "--", "sh", "-c", "kill -9 $$"])
    assert killed.returncode == 128 + 9


@pytest.mark.parametrize("command", [["profile", "--"], ["etime"], ["secondfork"], ["profile", "--profile", "--"],
                                     ["etime", "--profile", "--profile-trace", "{trace}"]],
                         ids=lambda c: " ".join(c[:2]))
def test_a_program_that_cannot_run_is_one_line_as_a_shell_reports_it(tmp_path, command):
    trace = tmp_path / "t.json"
    command = [a.format(trace=trace) for a in command]
    missing = run([HPCPP, *command, "no-such-program-hpcpp"])
    assert (missing.returncode, missing.stdout) == (127, "")
    assert missing.stderr == "hpcpp: cannot run 'no-such-program-hpcpp': No such file or directory\n"
    not_executable = tmp_path / "data.txt"
    not_executable.write_text("not a program\n")
    refused = run([HPCPP, *command, str(not_executable)])
    assert (refused.returncode, refused.stdout) == (126, "")
    assert refused.stderr == f"hpcpp: cannot run '{not_executable}': Permission denied\n"
    assert not trace.exists()  # a run that ended in an error has no profile to report


@pytest.mark.parametrize("profile", [["--profile"], ["--profile-sort", "tottime"], ["--profile-trace", "{trace}"]],
                         ids=lambda p: p[0])
def test_a_command_that_fails_reports_its_error_line_alone(tmp_path, profile):
    trace = tmp_path / "t.json"
    profile = [a.format(trace=trace) for a in profile]
    missing = tmp_path / "no-such-params.py"
    result = run([HPCPP, "diff2d", str(missing), *profile])
    assert (result.returncode, result.stdout) == (2, "")
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("hpcpp: "), result.stderr
    assert [p.name for p in tmp_path.iterdir()] == []
