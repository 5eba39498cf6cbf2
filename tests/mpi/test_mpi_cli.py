"""The MPI commands as a user runs them under mpirun: rank counts, output, failures."""
import os
import pathlib
import re
import subprocess

import pytest

HPCPP = os.environ.get("HPCPP", "build/release/apps/hpcpp/hpcpp")
MPIEXEC = os.environ.get("HPCPP_MPIEXEC", "mpirun")
# Seconds for one mpirun: a deadlock fails the test instead of hanging it.
TIMEOUT = int(os.environ.get("HPCPP_MPI_TIMEOUT", "60"))
# Under a sanitizer every rank starts several times slower: the rank-count sweeps keep the
# counts whose code paths differ (one rank, an even and an odd split, a 2-D grid).
SANITIZED = bool(os.environ.get("HPCPP_SANITIZED"))


def rank_counts(full, under_sanitizer):
    return under_sanitizer if SANITIZED else full


def mpirun(ranks, *args, **kwargs):
    command = [MPIEXEC, "--oversubscribe", "-np", str(ranks), HPCPP, *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, **kwargs)


def alone(*args, **kwargs):
    return subprocess.run([HPCPP, *map(str, args)], capture_output=True, text=True, timeout=TIMEOUT, **kwargs)


def lines_of_rightrank(ranks):
    return [f"I am rank {r} ; my right neighbour is {(r + 1) % ranks}" for r in range(ranks)]


@pytest.mark.parametrize("ranks", [1, 2, 3, 4, 5])
def test_rightrank_ordered_prints_every_rank_in_order(ranks):
    result = mpirun(ranks, "rightrank", "--ordered")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == lines_of_rightrank(ranks)


@pytest.mark.parametrize("ranks", [2, 4, 5])
def test_rightrank_each_rank_prints_its_own_line(ranks):
    result = mpirun(ranks, "rightrank")
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.splitlines()) == sorted(lines_of_rightrank(ranks))


def test_rightrank_without_mpirun_is_one_rank():
    result = alone("rightrank")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "I am rank 0 ; my right neighbour is 0\n"


def without_mpirun_exit_notice(stderr):
    """stderr less the notice mpirun prints whenever a rank exits with a non-zero status
    (unless mpirun -q): two boxes of dashes, one saying that a process "returned a non-zero
    exit code", one that processes "exited with non-zero status". Any other box (MPI_ABORT's)
    stays."""
    boxes = re.split(r"^-{20,}\n", stderr, flags=re.M)
    notice = ("returned\na non-zero exit code", "exited with non-zero status")
    # Text outside the boxes is at the even places of the split, the boxes at the odd.
    return "".join(part for i, part in enumerate(boxes) if i % 2 == 0 or not any(n in part for n in notice))


def single_error_line(result):
    """The job failed with exit status 2, every rank ended cleanly (MPI_Finalize, no
    MPI_Abort), and hpcpp said why in exactly one line."""
    assert result.returncode == 2, result.stderr
    ours = without_mpirun_exit_notice(result.stderr).splitlines()
    assert len(ours) == 1 and ours[0].startswith("hpcpp: "), result.stderr
    return ours[0]


def test_the_notice_of_mpirun_is_all_that_is_left_out():
    notice = mpirun(2, "auc", 1000, "--backend", "threads").stderr
    assert "exited with non-zero status" in notice
    assert without_mpirun_exit_notice(notice) == notice.splitlines(keepends=True)[0]
    banner = ("-" * 74 + "\nMPI_ABORT was invoked on rank 0 in communicator MPI_COMM_WORLD\nwith errorcode 2.\n" +
              "-" * 74 + "\n")
    assert without_mpirun_exit_notice(notice + banner).splitlines()[1:] == [
        "MPI_ABORT was invoked on rank 0 in communicator MPI_COMM_WORLD", "with errorcode 2."]


# auc ------------------------------------------------------------------------------------

def fsum_reference(n):
    """The same terms as hpcpp's curve, summed by Python's correctly rounded math.fsum."""
    import math
    dx = 3.0 / n
    return math.fsum((0.7 * x * x * x - 2.0 * x * x + 4.0) * dx for x in (i * dx for i in range(n)))


@pytest.mark.parametrize("n", rank_counts([1, 7, 1001, 299999], [7, 299999]))
def test_auc_mpi_prints_what_serial_prints_for_every_rank_count(n):
    serial = alone("auc", n, "--backend", "serial")
    assert serial.returncode == 0, serial.stderr
    assert abs(float(serial.stdout.split()[-1]) - fsum_reference(n)) <= 4e-16 * 12
    for ranks in rank_counts([1, 2, 3, 4, 5, 6], [1, 3, 4]):
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
    assert "N: must be an integer from 1 to" in line and "got 0" in line


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["auc", "--help"], ["bigfile", "average", "--help"]],
                         ids=lambda a: "-".join(a).replace("--", ""))
def test_help_and_version_under_mpirun_print_once(args):
    result = mpirun(3, *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout == alone(*args).stdout


# diff2d ---------------------------------------------------------------------------------

PARAMS = ("D = 1.0\nx1 = -10.0\nx2 = 10.0\nruntime = {runtime}\ndx = {dx}\nouttime = {outtime}\n"
          "graphics = False\n")
# 57 x 57 interior points: odd, split unevenly by every rank count; 97 steps, 7 output times.
ODD = dict(runtime=3.0, dx=0.35, outtime=0.5)


def write_params(path, **values):
    path.write_text(PARAMS.format(**{**ODD, **values}))
    return path


def outputs(workdir):
    """Every file a run wrote, by name relative to its directory, with its bytes."""
    return {str(p.relative_to(workdir)): p.read_bytes() for p in sorted(workdir.rglob("*")) if p.is_file()}


def run_diff2d(runner, workdir, params, *extra):
    workdir.mkdir()
    args = ["diff2d", params, "--save", workdir / "final.npy", "--save-every", workdir / "snapshots",
            "--frames", workdir / "frames", "--checkpoint", workdir / "state.ckpt", "--checkpoint-every", "7", *extra]
    result = runner(*args, cwd=workdir)
    assert result.returncode == 0, result.stderr
    return result.stdout, outputs(workdir)


@pytest.fixture(scope="module")
def serial_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("serial")
    params = write_params(base / "params.py")
    stdout, files = run_diff2d(lambda *a, **k: alone(*a, "--backend", "simd", **k), base / "run", params)
    outputs_times = stdout.count("\n")
    assert outputs_times >= 4 and len(files) == 1 + outputs_times + outputs_times + 1  # final, snapshots, frames, checkpoint
    return params, stdout, files


HALO_FOR = {1: "sendrecv", 2: "nonblocking", 3: "neighbor", 4: "nonblocking", 5: "neighbor", 6: "sendrecv"}


@pytest.mark.parametrize("ranks", rank_counts([1, 2, 3, 4, 5, 6], [1, 3, 6]))
def test_diff2d_mpi_output_is_bit_identical_to_serial(serial_run, tmp_path, ranks):
    params, stdout, files = serial_run
    result_stdout, result_files = run_diff2d(
        lambda *a, **k: mpirun(ranks, *a, "--backend", "mpi", "--halo", HALO_FOR[ranks], **k), tmp_path / "run", params)
    assert result_stdout == stdout
    assert result_files.keys() == files.keys()
    for name in files:
        assert result_files[name] == files[name], name


@pytest.mark.parametrize("halo", ["sendrecv", "nonblocking", "neighbor"])
def test_diff2d_every_halo_exchange_on_a_3x2_grid(serial_run, tmp_path, halo):
    params, stdout, files = serial_run
    final = tmp_path / "final.npy"
    result = mpirun(6, "diff2d", params, "--halo", halo, "--save", final, "--verbose", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert "mpi: 6 ranks (3 x 2)" in result.stderr  # the rank count it really ran with
    assert result.stdout == stdout
    assert final.read_bytes() == files["final.npy"]


# Deep halos: every output of the run (printed times, final field, snapshots, frames,
# checkpoints every 7 steps, not a multiple of the depth) as the serial run's.
@pytest.mark.parametrize("ranks, halo", rank_counts([
    (1, "sendrecv:8"), (2, "nonblocking:2"), (2, "sendrecv:5"), (3, "neighbor:3"), (3, "nonblocking:8"),
    (4, "sendrecv:3"), (4, "nonblocking:5"), (4, "neighbor:2"), (5, "neighbor:8"), (5, "sendrecv:2"),
], [(2, "sendrecv:5"), (3, "nonblocking:8"), (4, "neighbor:2")]))
def test_diff2d_deep_halo_output_is_bit_identical_to_serial(serial_run, tmp_path, ranks, halo):
    params, stdout, files = serial_run
    result_stdout, result_files = run_diff2d(
        lambda *a, **k: mpirun(ranks, *a, "--backend", "mpi", "--halo", halo, **k), tmp_path / "run", params)
    assert result_stdout == stdout
    assert result_files.keys() == files.keys()
    for name in files:
        assert result_files[name] == files[name], name


@pytest.mark.parametrize("halo", ["sendrecv:16", "nonblocking:16"])
def test_diff2d_halo_deeper_than_a_block_uses_the_thinnest_block(serial_run, tmp_path, halo):
    params, stdout, files = serial_run
    final = tmp_path / "final.npy"
    # 57 rows over 5 x 1 blocks: the thinnest has 11 rows.
    result = mpirun(5, "diff2d", params, "--halo", halo, "--save", final, "--verbose", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert "depth 11 (16 asked; the thinnest block is 11 points across)" in result.stderr
    assert result.stdout == stdout
    assert final.read_bytes() == files["final.npy"]


def test_diff2d_different_parameters_give_a_different_field(serial_run, tmp_path):
    params, _, files = serial_run
    other = write_params(tmp_path / "other.py", runtime=3.2)
    final = tmp_path / "final.npy"
    result = mpirun(4, "diff2d", other, "--save", final)
    assert result.returncode == 0, result.stderr
    assert final.read_bytes() != files["final.npy"]


def test_diff2d_checkpoint_from_three_ranks_restarts_with_any_rank_count(serial_run, tmp_path):
    params, _, files = serial_run
    # The same grid and time step run for fewer steps: its last checkpoint is mid-run.
    shorter = write_params(tmp_path / "shorter.py", runtime=1.6)
    checkpoint = tmp_path / "mid.ckpt"
    result = mpirun(3, "diff2d", shorter, "--checkpoint", checkpoint)
    assert result.returncode == 0, result.stderr
    serial = alone("diff2d", params, "--restart", checkpoint, "--save", tmp_path / "serial.npy")
    assert serial.returncode == 0, serial.stderr
    assert (tmp_path / "serial.npy").read_bytes() == files["final.npy"]
    for ranks, halo in [(2, "sendrecv"), (4, "nonblocking:4"), (5, "sendrecv:3")]:
        final = tmp_path / f"restarted{ranks}.npy"
        result = mpirun(ranks, "diff2d", params, "--restart", checkpoint, "--save", final, "--halo", halo)
        assert result.returncode == 0, result.stderr
        assert result.stdout == serial.stdout
        assert final.read_bytes() == files["final.npy"], f"{ranks} ranks"


def test_diff2d_auto_under_mpirun_picks_mpi(serial_run, tmp_path):
    params, stdout, _ = serial_run
    result = mpirun(2, "diff2d", params, "--verbose", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert "diff2d: backend mpi" in result.stderr
    assert "mpi: 2 ranks (2 x 1)" in result.stderr
    assert result.stdout == stdout


def test_diff2d_single_node_backend_with_several_ranks_is_an_error(serial_run):
    params = serial_run[0]
    line = single_error_line(mpirun(3, "diff2d", params, "--backend", "threads"))
    assert "backend 'threads' runs on one node, but this job has 3 MPI ranks (use --backend mpi)" in line


# Errors that every rank meets before the ranks exchange a message end every rank cleanly:
# one line (by rank 0), exit status 2, no MPI_Abort and its banners.
@pytest.mark.parametrize("ranks", [4, 5])
def test_diff2d_bad_parameter_file_under_mpirun(tmp_path, ranks):
    params = tmp_path / "bad.py"
    params.write_text("D = one\n")
    result = mpirun(ranks, "diff2d", params, "--save", tmp_path / "final.npy")
    assert single_error_line(result) == f"hpcpp: {params}:1: key 'D': value 'one' is not a number"
    assert not list(tmp_path.glob("final.npy*"))


@pytest.mark.parametrize("ranks", [4, 5])
def test_diff2d_unwritable_output_under_mpirun(serial_run, tmp_path, ranks):
    # Only rank 0 writes, so only rank 0 finds it; the others learn it before their first message.
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = mpirun(ranks, "diff2d", serial_run[0], "--backend", "mpi", "--save", blocker / "final.npy")
    assert str(blocker) in single_error_line(result)


@pytest.mark.parametrize("ranks", [4, 5])
@pytest.mark.parametrize("args, env, expected", [
    (["diff2d", "{params}", "--threads", "garbage"], {}, "hpcpp: --threads: must be an integer from 0 to 1024, got garbage (see --help)"),
    (["diff2d", "{params}"], {"OMP_NUM_THREADS": "garbage"}, "hpcpp: OMP_NUM_THREADS: must be an integer from 1 to 1024, got garbage"),
    (["diff2d", "{params}", "--backend", "threads"], {}, "hpcpp: diff2d: backend 'threads' runs on one node, but this job has {ranks} MPI ranks (use --backend mpi)"),
    (["diff2d", "{params}", "--restart", "{params}"], {}, None),
    (["diff2d", "{params}", "--halo", "sendrecv:0"], {}, "hpcpp: --halo: must be sendrecv, nonblocking, neighbor or one of "
     "them:DEPTH with DEPTH ghost layers from 1 to 64, got sendrecv:0 (see --help)"),
    (["auc", "1000"], {"OMP_NUM_THREADS": "0"}, "hpcpp: OMP_NUM_THREADS: must be an integer from 1 to 1024, got 0"),
    (["auc", "1000", "--backend", "mpi", "--workers", "0"], {}, "hpcpp: --workers: must be an integer from 1 to 1024, got 0 (see --help)"),
])
def test_errors_every_rank_meets_end_the_job_cleanly(serial_run, ranks, args, env, expected):
    params = serial_run[0]
    result = mpirun(ranks, *(a.format(params=params) for a in args), env=dict(os.environ, **env))
    line = single_error_line(result)
    if expected is None:
        assert line.startswith("hpcpp: ")
    elif expected.startswith("hpcpp: "):
        assert line == expected.format(ranks=ranks)
    else:
        assert expected in line


def test_diff2d_mpi_without_mpirun_is_one_rank(serial_run, tmp_path):
    params, stdout, files = serial_run
    final = tmp_path / "final.npy"
    result = alone("diff2d", params, "--backend", "mpi", "--save", final)
    assert result.returncode == 0, result.stderr
    assert result.stdout == stdout
    assert final.read_bytes() == files["final.npy"]
