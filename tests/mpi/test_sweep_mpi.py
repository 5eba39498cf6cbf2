"""hpcpp sweep under mpirun: the same CSV as the pool for 1 to 4 ranks, --exec tasks on
ranks, and a rank that dies ending the job with its finished rows kept for --resume."""
import csv
import io
import os
import pathlib
import subprocess

import pytest

HPCPP = os.environ.get("HPCPP", "build/release/apps/hpcpp/hpcpp")
MPIEXEC = os.environ.get("HPCPP_MPIEXEC", "mpirun")
SOURCE_DIR = pathlib.Path(os.environ.get("HPCPP_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
PARAMS = SOURCE_DIR / "examples/diff2dparams.py"
TIMEOUT = 60  # seconds for one mpirun; a deadlock fails the test instead of hanging it
SWEEP = ["sweep", "--no-progress", PARAMS, "--param", "D=0.5,1", "--param", "dx=0.5,0.4:0.25:3",
         "--param", "runtime=0.5,2"]
EXEC = ["--param", "n=1:12:12", "--exec", "--", "sh", "-c", "sleep 0.03; echo $(($1 * 3))", "sh", "{n}"]


def mpirun(ranks, *args):
    command = [MPIEXEC, "--oversubscribe", "-np", str(ranks), HPCPP, *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)


def pool(*args):
    return subprocess.run([HPCPP, *map(str, args)], capture_output=True, text=True, timeout=TIMEOUT)


def without_seconds(text):
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][-1] == "seconds"
    return [row[:-1] for row in rows]


@pytest.fixture(scope="module")
def pool_csv():
    result = pool(*SWEEP, "--procs", 2)
    assert result.returncode == 0, result.stderr
    return without_seconds(result.stdout)


@pytest.mark.parametrize("ranks", [1, 2, 3, 4])
def test_ranks_give_the_pool_csv(tmp_path, pool_csv, ranks):
    out = tmp_path / "r.csv"
    result = mpirun(ranks, *SWEEP, "--out", out)
    assert result.returncode == 0, result.stderr
    assert without_seconds(out.read_text()) == pool_csv
    assert len(pool_csv) == 17 and all(row[4] == "ok" for row in pool_csv[1:])
    assert not (tmp_path / "r.csv.journal").exists()


def test_exec_tasks_on_ranks_give_the_pool_csv():
    on_pool = pool("sweep", "--procs", 2, *EXEC)
    on_ranks = mpirun(3, "sweep", *EXEC)
    assert on_pool.returncode == 0 and on_ranks.returncode == 0, on_ranks.stderr
    assert without_seconds(on_ranks.stdout) == without_seconds(on_pool.stdout)
    assert [row[4] for row in without_seconds(on_ranks.stdout)[1:]] == [str(3 * n) for n in range(1, 13)]


def test_a_rank_that_dies_ends_the_job_and_keeps_the_finished_rows(tmp_path):
    whole = pool("sweep", "--procs", 2, *EXEC)
    out = tmp_path / "r.csv"
    result = mpirun(3, "sweep", "--out", out, "--test-kill-worker", 4, *EXEC)
    assert result.returncode != 0
    # Rank 0 says how to finish the sweep when mpirun stops it; mpirun may tear the job down
    # before it forwards that last line, but then it names the rank that died itself.
    if "hpcpp: sweep:" in result.stderr:
        assert "hpcpp: sweep: interrupted (SIGTERM)" in result.stderr and "--resume finishes it" in result.stderr
    else:
        assert "exited on signal 9" in result.stderr, result.stderr
    assert not out.exists()
    journal = (tmp_path / "r.csv.journal").read_text().splitlines()[1:]
    kept = without_seconds("task,n,status,exit,output,seconds\n" + "\n".join(journal) + "\n")
    expected = without_seconds(whole.stdout)
    assert "4" not in [row[0] for row in kept[1:]]
    assert all(row in expected for row in kept[1:])
    resumed = pool("sweep", "--out", out, "--resume", *EXEC)
    assert resumed.returncode == 0, resumed.stderr
    assert without_seconds(out.read_text()) == expected


def test_procs_is_refused_under_mpirun():
    result = mpirun(2, *SWEEP, "--procs", 2)
    assert result.returncode != 0
    assert "--procs is for a pool" in result.stderr


def test_exec_of_hpcpp_on_ranks_runs_it_as_a_program_of_its_own():
    # The task's hpcpp must not take itself for a rank of the sweep's job (it would try to
    # join it and fail in MPI_Init).
    auc = ["--param", "n=1000,1001,2003", "--exec", "--", HPCPP, "auc", "{n}"]
    on_ranks = mpirun(2, "sweep", *auc)
    assert on_ranks.returncode == 0, on_ranks.stderr
    rows = without_seconds(on_ranks.stdout)
    for row in rows[1:]:
        alone = pool("auc", row[1])
        assert row[2:] == ["ok", "0", alone.stdout.strip()]
