"""--profile and --profile-trace under mpirun: rank 0 reports for the whole job, its own
tables then min / mean / max over the ranks, and writes one trace in which each rank is a
process."""
import json
import os
import subprocess

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


def test_rank_zero_reports_the_whole_job(tmp_path):
    trace = tmp_path / "trace.json"
    result = mpirun(2, "rightrank", "--profile", "--profile-trace", trace)
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.splitlines()) == ["I am rank 0 ; my right neighbour is 1",
                                                  "I am rank 1 ; my right neighbour is 0"]
    assert result.stderr.count("hpcpp profile:") == 1
    assert "hpcpp profile: rightrank, rank 0 of 2\n" in result.stderr
    assert "Over 2 ranks" in result.stderr
    assert rank_rows(result.stderr)["rightrank"] == (2, 1.0, 1.0, 1.0)
    events = json.loads(trace.read_text())["traceEvents"]
    process = sorted((e["pid"], e["args"]["name"]) for e in events if e["ph"] == "M" and e["name"] == "process_name")
    assert process == [(0, "hpcpp rightrank rank 0"), (1, "hpcpp rightrank rank 1")]
    for rank in (0, 1):
        assert any(e["ph"] == "X" and e["name"] == "rightrank" and e["pid"] == rank for e in events)
    assert not list(tmp_path.glob("trace.rank*.json"))


def test_uneven_work_shows_in_the_spread(tmp_path):
    # diff2d on 3 ranks: every rank steps the same number of times; the halo exchange of a
    # rank depends on its neighbours, so the table gives each region's spread.
    params = tmp_path / "p.py"
    params.write_text("D = 1.0\nx1 = -10.0\nx2 = 10.0\nruntime = 0.5\ndx = 0.5\nouttime = 0.25\ngraphics = False\n")
    alone = subprocess.run([HPCPP, "diff2d", params, "--backend", "simd"], capture_output=True, text=True, timeout=TIMEOUT)
    result = mpirun(3, "diff2d", params, "--profile", "--profile-trace", tmp_path / "t.json")
    assert result.returncode == 0, result.stderr
    assert result.stdout == alone.stdout
    assert result.stderr.count("hpcpp profile:") == 1
    rows = rank_rows(result.stderr)
    assert rows["diff2d"] == (3, 1.0, 1.0, 1.0)
    advance = rows["diff2d.advance"]
    assert advance[0] == 3 and advance[1] == advance[3] > 0
    events = json.loads((tmp_path / "t.json").read_text())["traceEvents"]
    assert {e["pid"] for e in events if e["ph"] == "X"} == {0, 1, 2}
