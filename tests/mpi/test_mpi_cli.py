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


def single_error_line(result):
    """The job failed, and hpcpp said why in exactly one line (mpirun adds its own notes)."""
    assert result.returncode != 0
    ours = [line for line in result.stderr.splitlines() if line.startswith("hpcpp:")]
    assert len(ours) == 1, result.stderr
    return ours[0]


# auc ------------------------------------------------------------------------------------

def fsum_reference(n):
    """The same terms as hpcpp's curve, summed by Python's correctly rounded math.fsum."""
    import math
    dx = 3.0 / n
    return math.fsum((0.7 * x * x * x - 2.0 * x * x + 4.0) * dx for x in (i * dx for i in range(n)))


@pytest.mark.parametrize("n", [1, 7, 1001, 299999])
def test_auc_mpi_prints_what_serial_prints_for_every_rank_count(n):
    serial = alone("auc", n, "--backend", "serial")
    assert serial.returncode == 0, serial.stderr
    assert abs(float(serial.stdout.split()[-1]) - fsum_reference(n)) <= 4e-16 * 12
    for ranks in [1, 2, 3, 4, 6]:
        result = mpirun(ranks, "auc", n, "--backend", "mpi")
        assert result.returncode == 0, result.stderr
        assert result.stdout == serial.stdout, f"{ranks} ranks"


def test_auc_under_mpirun_picks_mpi_and_rank_zero_prints_once():
    result = mpirun(3, "auc", 1000)
    assert result.returncode == 0, result.stderr
    assert result.stdout == alone("auc", 1000, "--backend", "serial").stdout


def test_auc_mpi_without_mpirun_is_one_rank():
    assert alone("auc", 1000, "--backend", "mpi").stdout == alone("auc", 1000, "--backend", "serial").stdout


def test_auc_single_node_backend_with_several_ranks_is_an_error():
    line = single_error_line(mpirun(2, "auc", 1000, "--backend", "threads"))
    assert "backend 'threads' runs on one node, but this job has 2 MPI ranks" in line


def test_auc_bad_point_count_under_mpirun_is_one_line():
    line = single_error_line(mpirun(3, "auc", 0, "--backend", "mpi"))
    assert "N must be in [1," in line
