"""--profile and --profile-trace under mpirun: each rank labels its table and writes its own trace."""
import json
import os
import subprocess

HPCPP = os.environ.get("HPCPP", "build/release/apps/hpcpp/hpcpp")
MPIEXEC = os.environ.get("HPCPP_MPIEXEC", "mpirun")
TIMEOUT = 60  # seconds for one mpirun; a deadlock fails the test instead of hanging it


def test_each_rank_reports_and_traces_itself(tmp_path):
    trace = tmp_path / "trace.json"
    command = [MPIEXEC, "--oversubscribe", "-np", "2", HPCPP, "rightrank", "--profile", "--profile-trace", str(trace)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.splitlines()) == ["I am rank 0 ; my right neighbour is 1",
                                                  "I am rank 1 ; my right neighbour is 0"]
    for rank in (0, 1):
        assert f"hpcpp profile: rightrank, rank {rank} of 2\n" in result.stderr
        events = json.loads((tmp_path / f"trace.rank{rank}.json").read_text())["traceEvents"]
        process = [e for e in events if e["ph"] == "M" and e["name"] == "process_name"]
        assert [(p["pid"], p["args"]["name"]) for p in process] == [(rank, f"hpcpp rightrank rank {rank}")]
        assert any(e["ph"] == "X" and e["name"] == "rightrank" and e["pid"] == rank for e in events)
    assert not trace.exists()
