"""--profile and --profile-trace under mpirun: rank 0 reports for the whole job, its own
tables then min / mean / max over the ranks, and writes one trace in which each rank is a
process."""
import json
import os
import subprocess

import pytest

HPCPP = os.environ.get("HPCPP", "build/release/apps/hpcpp/hpcpp")
MPIEXEC = os.environ.get("HPCPP_MPIEXEC", "mpirun")
TIMEOUT = 60  # seconds for one mpirun; a deadlock fails the test instead of hanging it


def mpirun(ranks, *args):
    command = [MPIEXEC, "--oversubscribe", "-np", str(ranks), HPCPP, *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)


def rank_rows(stderr):
    """region -> (ranks, ncalls min, mean, max) from the table over ranks."""
    table = stderr.split("min / mean / max per region")[1]
    rows = {}
    for line in table.splitlines():
        fields = line.split()
        if len(fields) == 11 and fields[0].isdigit():
            rows[fields[-1]] = (int(fields[0]), *map(float, fields[1:4]))
    return rows


@pytest.mark.parametrize("ranks", [2, 5])
def test_rank_zero_reports_the_whole_job(tmp_path, ranks):
    trace = tmp_path / "trace.json"
    result = mpirun(ranks, "rightrank", "--profile", "--profile-trace", trace)
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.splitlines()) == sorted(
        f"I am rank {r} ; my right neighbour is {(r + 1) % ranks}" for r in range(ranks))
    assert result.stderr.count("hpcpp profile:") == 1
    assert f"hpcpp profile: rightrank, rank 0 of {ranks}\n" in result.stderr
    assert f"Over {ranks} ranks" in result.stderr
    assert rank_rows(result.stderr)["rightrank"] == (ranks, 1.0, 1.0, 1.0)
    events = json.loads(trace.read_text())["traceEvents"]
    process = sorted((e["pid"], e["args"]["name"]) for e in events if e["ph"] == "M" and e["name"] == "process_name")
    assert process == [(r, f"hpcpp rightrank rank {r}") for r in range(ranks)]
    for rank in range(ranks):
        assert any(e["ph"] == "X" and e["name"] == "rightrank" and e["pid"] == rank for e in events)
    assert not list(tmp_path.glob("trace.rank*.json"))


def test_uneven_work_shows_in_the_spread(tmp_path):
    # auc of 7 points on 5 ranks: 7 chunks of one point, shared out 1, 1, 2, 1, 2.
    trace = tmp_path / "t.json"
    alone = subprocess.run([HPCPP, "auc", "7"], capture_output=True, text=True, timeout=TIMEOUT)
    result = mpirun(5, "auc", "7", "--profile", "--profile-trace", trace)
    assert result.returncode == 0, result.stderr
    assert result.stdout == alone.stdout
    assert result.stderr.count("hpcpp profile:") == 1
    rows = rank_rows(result.stderr)
    assert rows["auc"] == (5, 1.0, 1.0, 1.0)
    assert rows["auc.chunk"] == (5, 1.0, 1.4, 2.0)
    events = json.loads(trace.read_text())["traceEvents"]
    chunks = [sum(e["ph"] == "X" and e["name"] == "auc.chunk" and e["pid"] == r for e in events) for r in range(5)]
    assert chunks == [1, 1, 2, 1, 2]


def test_even_work_has_no_spread_in_calls(tmp_path):
    # diff2d on 5 ranks: every rank steps the same number of times.
    params = tmp_path / "p.py"
    params.write_text("D = 1.0\nx1 = -10.0\nx2 = 10.0\nruntime = 0.5\ndx = 0.5\nouttime = 0.25\ngraphics = False\n")
    alone = subprocess.run([HPCPP, "diff2d", params, "--backend", "simd"], capture_output=True, text=True, timeout=TIMEOUT)
    result = mpirun(5, "diff2d", params, "--profile", "--profile-trace", tmp_path / "t.json")
    assert result.returncode == 0, result.stderr
    assert result.stdout == alone.stdout
    rows = rank_rows(result.stderr)
    assert rows["diff2d"] == (5, 1.0, 1.0, 1.0)
    advance = rows["diff2d.advance"]
    assert advance[0] == 5 and advance[1] == advance[3] > 0
    events = json.loads((tmp_path / "t.json").read_text())["traceEvents"]
    assert {e["pid"] for e in events if e["ph"] == "X"} == set(range(5))


def test_a_command_outside_the_job_writes_one_trace_per_rank(tmp_path):
    # etime does not join the job: each of the 5 processes profiles itself.
    result = mpirun(5, "etime", "--profile", "--profile-trace", tmp_path / "t.json", "true")
    assert result.returncode == 0, result.stderr
    for rank in range(5):
        assert f"hpcpp profile: etime, rank {rank} of 5\n" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"t.rank{r}.json" for r in range(5)]


def test_an_unwritable_trace_stops_every_rank_before_the_work(tmp_path):
    trace = tmp_path / "missing" / "t.json"
    result = mpirun(5, "auc", "7", "--profile", "--profile-trace", trace)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count(f"hpcpp: --profile-trace {trace}: directory {trace.parent} does not exist\n") == 1
    assert "hpcpp profile:" not in result.stderr
