"""The MPI commands as a user runs them under mpirun: rank counts, output, failures."""
import os
import pathlib
import subprocess

import pytest

HPCPP = os.environ.get("HPCPP", "build/release/apps/hpcpp/hpcpp")
MPIEXEC = os.environ.get("HPCPP_MPIEXEC", "mpirun")
TIMEOUT = 60  # seconds for one mpirun; a deadlock fails the test instead of hanging it


def mpirun(ranks, *args, **kwargs):
    command = [MPIEXEC, "--oversubscribe", "-np", str(ranks), HPCPP, *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, **kwargs)


def alone(*args, **kwargs):
    return subprocess.run([HPCPP, *map(str, args)], capture_output=True, text=True, timeout=TIMEOUT, **kwargs)


def lines_of_rightrank(ranks):
    return [f"I am rank {r} ; my right neighbour is {(r + 1) % ranks}" for r in range(ranks)]


@pytest.mark.parametrize("ranks", [1, 2, 3, 4])
def test_rightrank_ordered_prints_every_rank_in_order(ranks):
    result = mpirun(ranks, "rightrank", "--ordered")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == lines_of_rightrank(ranks)


@pytest.mark.parametrize("ranks", [2, 4])
def test_rightrank_each_rank_prints_its_own_line(ranks):
    result = mpirun(ranks, "rightrank")
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.splitlines()) == sorted(lines_of_rightrank(ranks))


def test_rightrank_without_mpirun_is_one_rank():
    result = alone("rightrank")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "I am rank 0 ; my right neighbour is 0\n"
