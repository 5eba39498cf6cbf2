"""hpcpp.diff2d and hpcpp.auc (the Python module) against the hpcpp command: the same
field bit for bit, the same times, the same area, the same one-line errors; the field
owned by numpy without a copy; the module is the build's under test."""
import gc
import os
import pathlib
import subprocess
import sys

import hpcpp
import numpy as np
import pytest

from conftest import ticks_of_another_thread_during, write_params


def test_the_module_is_the_one_of_the_build_under_test(hpcpp_cli):
    expected = os.environ.get("HPCPP_PYTHON_DIR")
    if expected is None:
        pytest.skip("HPCPP_PYTHON_DIR not set: run through ctest to know which build is tested")
    assert pathlib.Path(hpcpp.__file__).parent == pathlib.Path(expected)
    assert hpcpp_cli("--version").stdout.strip() == f"hpcpp {hpcpp.__version__}"


@pytest.fixture
def hpcpp_cli(hpcpp):
    return hpcpp


def backend_names(hpcpp_cli):
    return [line.split()[0] for line in hpcpp_cli("diff2d", "--list-backends").stdout.splitlines() if line.strip()]


def test_diff2d_field_and_times_are_the_commands(tmp_path, hpcpp_cli):
    params = write_params(tmp_path / "params.py", dx=0.25, runtime=1.5, outtime=0.25)
    names = backend_names(hpcpp_cli)
    assert {"reference", "simd", "auto", "expr"} <= set(names)
    for backend in names:
        saved = tmp_path / f"{backend}.npy"
        done = hpcpp_cli("diff2d", params, "--backend", backend, "--threads", 2, "--save", saved, "--no-progress")
        assert done.returncode == 0, done.stderr
        if backend == "mpi":
            # The command starts an MPI job of its own; the module runs in the caller's
            # process and does not.
            with pytest.raises(ValueError, match="MPI job"):
                hpcpp.diff2d(str(params), backend=backend, threads=2)
            continue
        run = hpcpp.diff2d(str(params), backend=backend, threads=2)
        expected = np.load(saved)
        assert run.field.dtype == np.float64 and run.field.shape == expected.shape, backend
        assert run.field.tobytes() == expected.tobytes(), f"{backend}: field differs from --save"
        assert [repr(t) for t in run.simtimes] == done.stdout.split(), backend
    from_dict = hpcpp.diff2d({"D": 1.0, "x1": -10.0, "x2": 10.0, "runtime": 1.5, "dx": 0.25, "outtime": 0.25,
                              "graphics": False}, backend="reference")
    assert from_dict.field.tobytes() == np.load(tmp_path / "reference.npy").tobytes()
    assert from_dict.steps == int(1.5 / (0.25 * (20 / int(20 / 0.25)) ** 2))


def test_diff2d_field_is_owned_by_numpy_and_outlives_the_result(tmp_path):
    run = hpcpp.diff2d(str(write_params(tmp_path / "p.py", dx=0.5, runtime=0.5)))
    field = run.field
    assert not field.flags.owndata and type(field.base).__name__ == "PyCapsule"
    copy = field.copy()
    del run
    gc.collect()
    assert np.array_equal(field, copy) and field.sum() > 0


def test_diff2d_callback_sees_every_output_and_may_raise(tmp_path):
    params = str(write_params(tmp_path / "p.py", dx=0.5, runtime=1.0, outtime=0.25))
    seen = []
    run = hpcpp.diff2d(params, backend="reference", callback=lambda t, f: seen.append((t, f.copy())))
    assert [t for t, _ in seen] == run.simtimes
    assert np.array_equal(seen[-1][1], run.field)
    assert seen[0][1].max() == 1.0 and seen[-1][1].max() < 1.0  # the initial peaks, then diffused

    def fail(t, f):
        raise ZeroDivisionError("stop here")

    with pytest.raises(ZeroDivisionError, match="stop here"):
        hpcpp.diff2d(params, callback=fail)


def test_diff2d_releases_the_gil_while_stepping(tmp_path):
    params = str(write_params(tmp_path / "p.py", dx=0.05, runtime=0.3))
    assert ticks_of_another_thread_during(lambda: hpcpp.diff2d(params, backend="reference")) > 0


def test_diff2d_errors_are_the_commands_one_line_messages(tmp_path, hpcpp_cli):
    bad = tmp_path / "bad.py"
    bad.write_text("D = 1.0\nx1 = -10.0\nx2 = 10.0\nruntime = 1.0\ndx = -0.5\nouttime = 0.5\ngraphics = False\n")
    missing = tmp_path / "missing.py"
    for path, error in [(bad, ValueError), (missing, OSError)]:
        done = hpcpp_cli("diff2d", path)
        assert done.returncode == 2
        with pytest.raises(error) as raised:
            hpcpp.diff2d(str(path))
        assert f"hpcpp: {raised.value}" == done.stderr.strip()
    good = write_params(tmp_path / "good.py", dx=0.5, runtime=0.5)
    done = hpcpp_cli("diff2d", good, "--backend", "nosuch")
    with pytest.raises(ValueError) as raised:
        hpcpp.diff2d(str(good), backend="nosuch")
    assert f"hpcpp: {raised.value}" == done.stderr.strip()
    with pytest.raises(ValueError, match=r"params\['dx'\]: key 'dx': must be > 0"):
        hpcpp.diff2d({"D": 1.0, "x1": -10.0, "x2": 10.0, "runtime": 1.0, "dx": 0.0, "outtime": 0.5, "graphics": False})
    with pytest.raises(ValueError, match=r"params\['dx'\]: key 'dx': must be > 0"):
        hpcpp.diff2d(dx=0.0)
    with pytest.raises(TypeError, match="unexpected keyword argument 'dxx' \\(did you mean 'dx'\\?\\)"):
        hpcpp.diff2d(dxx=0.5)
    with pytest.raises(TypeError, match=r"params\['dx'\]: must be a number"):
        hpcpp.diff2d({"dx": "0.5"})
    with pytest.raises(TypeError):
        hpcpp.diff2d(42)


@pytest.mark.parametrize("backend", ["serial", "simd", "threads", "processes", "expr"])
def test_auc_is_the_commands_area(hpcpp_cli, backend):
    keyword = "procs" if backend == "processes" else "threads"
    done = hpcpp_cli("auc", 1_000_003, "--backend", backend, f"--{keyword}", 2)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("The area is ")
    assert hpcpp.auc(1_000_003, backend=backend, **{keyword: 2}) == float(done.stdout.split()[-1])
    assert hpcpp.auc(1_000_003, backend=backend, workers=2) == float(done.stdout.split()[-1])  # the earlier keyword


@pytest.mark.parametrize("backend, keyword", [("serial", "threads"), ("processes", "threads"), ("threads", "procs"),
                                              ("simd", "workers")])
def test_auc_keyword_without_effect_warns(backend, keyword):
    with pytest.warns(UserWarning, match=f"^{keyword} has no effect with backend '{backend}'$"):
        assert abs(hpcpp.auc(1000, backend=backend, **{keyword: 2}) - 8.17365517) < 1e-8


def test_auc_defaults_and_errors(hpcpp_cli):
    area = hpcpp.auc(200_000)
    assert abs(area - 8.175) < 1e-3
    with pytest.raises(ValueError, match="N must be from 1 to"):
        hpcpp.auc(0)
    # An error the library finds gets the command's wording, word for word.
    done = hpcpp_cli("auc", 10, "--backend", "nosuch")
    with pytest.raises(ValueError, match="unknown backend") as raised:
        hpcpp.auc(10, backend="nosuch")
    assert f"hpcpp: {raised.value}" == done.stderr.strip()


# Thread counts: the command line's rule in the same words, the value named as Python
# spells it (the keyword), never as the command line does (--threads).
@pytest.mark.parametrize("call, keyword, args, value", [
    (lambda params, v: hpcpp.auc(1000, threads=v), "threads", ["auc", "1000", "--threads"], 0),
    (lambda params, v: hpcpp.auc(1000, backend="processes", procs=v), "procs", ["auc", "1000", "--procs"], 100000),
    (lambda params, v: hpcpp.auc(1000, workers=v), "workers", ["auc", "1000", "--workers"], 0),
    (lambda params, v: hpcpp.auc(1000, workers=v), "workers", ["auc", "1000", "--workers"], 100000),
    (lambda params, v: hpcpp.auc(1000, backend="processes", workers=v), "workers", ["auc", "1000", "--workers"], -3),
    (lambda params, v: hpcpp.diff2d(params, threads=v), "threads", ["diff2d", "{params}", "--threads"], 100000),
    (lambda params, v: hpcpp.diff2d(params, backend="blocked", threads=v), "threads", ["diff2d", "{params}", "--threads"], -1),
])
def test_thread_counts_are_refused_in_the_command_lines_words(hpcpp_cli, tmp_path, call, keyword, args, value):
    params = str(write_params(tmp_path / "p.py", dx=0.5, runtime=0.5))
    done = hpcpp_cli(*(a.format(params=params) for a in args), str(value))
    assert done.returncode == 2
    rule = done.stderr.strip().removeprefix(f"hpcpp: {args[-1]}: ").removesuffix(f", got {value} (see --help)")
    assert rule.startswith("must be an integer from ")
    with pytest.raises(ValueError) as raised:
        call(params, value)
    assert str(raised.value) == f"{keyword}={value}: {rule}"


def test_the_module_reads_omp_num_threads_as_the_command_does(hpcpp_cli, tmp_path):
    script = "import hpcpp\ntry:\n    print(hpcpp.get_num_threads())\nexcept ValueError as e:\n    print(e)\n"
    for value, expected in [("3", "3"), ("010", "10"),
                            ("garbage", "OMP_NUM_THREADS: must be an integer from 1 to 1024, got garbage")]:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              env=dict(os.environ, OMP_NUM_THREADS=value))
        assert done.stdout.strip() == expected, done.stderr
    cli = hpcpp_cli("auc", "1000", "--backend", "threads", env=dict(os.environ, OMP_NUM_THREADS="garbage"))
    assert cli.stderr.strip() == f"hpcpp: {expected}"


# What a lecture participant types first: the lecture's parameters, some of them changed.
LECTURE = {"D": 1.0, "x1": -10.0, "x2": 10.0, "runtime": 15.0, "dx": 0.0667, "outtime": 0.5, "graphics": False}


def test_diff2d_fills_in_the_lecture_defaults(tmp_path):
    changed = {"runtime": 0.5, "dx": 0.5}
    full = hpcpp.diff2d(str(write_params(tmp_path / "p.py", **changed)), backend="reference")
    for run in (hpcpp.diff2d(changed, backend="reference"),
                hpcpp.diff2d(backend="reference", **changed),
                hpcpp.diff2d({"dx": 0.5}, backend="reference", runtime=0.5),
                hpcpp.diff2d(str(write_params(tmp_path / "q.py", dx=0.5)), backend="reference", runtime=0.5),
                hpcpp.diff2d({**LECTURE, **changed}, backend="reference")):
        assert run.field.tobytes() == full.field.tobytes()
        assert run.simtimes == full.simtimes and run.steps == full.steps
    # A keyword wins over the dict and the file.
    assert hpcpp.diff2d({"dx": 0.5, "runtime": 5.0}, runtime=0.5).steps == full.steps


def test_diff2d_dict_values_are_read_as_numbers_numpy_scalars_too(tmp_path):
    plain = hpcpp.diff2d({"dx": 0.5, "runtime": 1, "D": 1.0, "graphics": False}, backend="reference")
    numpy = hpcpp.diff2d({"dx": np.float64(0.5), "runtime": np.int64(1), "D": np.float32(1.0),
                          "graphics": np.bool_(False)}, backend="reference")
    assert numpy.field.tobytes() == plain.field.tobytes() and numpy.steps == plain.steps


def test_diff2d_result_has_the_coordinates_for_plotting():
    dx, x1, x2, D = 0.3, -10.0, 10.0, 1.0
    run = hpcpp.diff2d(dx=dx, runtime=0.2)
    # The lecture's lines, as it writes them.
    nrows = int((x2 - x1) / dx)
    lecture_dx = (x2 - x1) / nrows
    expected_x = np.array([x1 + ((i - 1) * (x2 - x1)) / nrows for i in range(nrows + 2)])
    assert run.x.dtype == np.float64 and run.x.shape == (run.field.shape[1],)
    assert run.x.tobytes() == expected_x.tobytes()
    assert run.dx == lecture_dx and run.dt == 0.25 * lecture_dx**2 / D
    assert run.steps == int(0.2 / run.dt)


def test_diff2d_frames_animation_and_save_are_the_commands(tmp_path, hpcpp_cli):
    params = write_params(tmp_path / "p.py", dx=0.5, runtime=1.0, outtime=0.5)
    done = hpcpp_cli("diff2d", params, "--backend", "reference", "--no-progress", "--save", tmp_path / "cli.npy",
                     "--frames", tmp_path / "cli_frames", "--animation", tmp_path / "cli.gif")
    assert done.returncode == 0, done.stderr
    hpcpp.diff2d(str(params), backend="reference", save=tmp_path / "py.npy", frames=str(tmp_path / "py_frames"),
                 animation=tmp_path / "py.gif")
    assert np.load(tmp_path / "py.npy").tobytes() == np.load(tmp_path / "cli.npy").tobytes()
    names = sorted(os.listdir(tmp_path / "cli_frames"))
    assert names == ["frame_00000.png", "frame_00001.png", "frame_00002.png"]
    assert sorted(os.listdir(tmp_path / "py_frames")) == names
    for name in names:
        assert (tmp_path / "py_frames" / name).read_bytes() == (tmp_path / "cli_frames" / name).read_bytes()
    assert (tmp_path / "py.gif").read_bytes() == (tmp_path / "cli.gif").read_bytes()
