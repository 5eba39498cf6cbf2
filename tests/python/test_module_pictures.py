"""hpcpp.diff2d's pictures (frame_size, color_range) against the hpcpp command's
--frame-size and --color-range: the same files byte for byte, the requested size, the same
rules for bad values; and threads= with a one-thread backend warns as the command notes."""
import struct
import warnings

import hpcpp
import pytest

from conftest import write_params


@pytest.fixture
def hpcpp_cli(hpcpp):
    return hpcpp


@pytest.fixture
def params(tmp_path):
    # Outputs at 0, 4 and 8: by then the peaks are far below the initial height of 1.
    return write_params(tmp_path / "p.py", dx=0.25, runtime=8.0, outtime=4.0)


def frames_in(directory):
    return sorted(directory.glob("frame_*.png"))


def png_size(path):
    """(width, height) from the IHDR chunk, which PNG puts first after the signature."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def same_files(left, right):
    assert [f.name for f in frames_in(left)] == [f.name for f in frames_in(right)]
    return all(a.read_bytes() == b.read_bytes() for a, b in zip(frames_in(left), frames_in(right)))


@pytest.mark.parametrize("size", [(1000, 700), (160, 120), [321, 8000]])
def test_frames_have_the_requested_size_and_are_the_commands(hpcpp_cli, tmp_path, params, size):
    hpcpp.diff2d(str(params), frames=tmp_path / "module", frame_size=size)
    done = hpcpp_cli("diff2d", params, "--frames", tmp_path / "command", "--frame-size", f"{size[0]}x{size[1]}")
    assert done.returncode == 0, done.stderr
    frames = frames_in(tmp_path / "module")
    assert len(frames) == 3
    assert {png_size(f) for f in frames} == {tuple(size)}
    assert same_files(tmp_path / "module", tmp_path / "command")


def test_default_size_is_the_commands(hpcpp_cli, tmp_path, params):
    hpcpp.diff2d(str(params), frames=tmp_path / "f")
    assert {png_size(f) for f in frames_in(tmp_path / "f")} == {(640, 480)}


def test_fixed_colour_range_changes_a_late_frame_as_the_command_does(hpcpp_cli, tmp_path, params):
    hpcpp.diff2d(str(params), frames=tmp_path / "own", color_range=None)
    hpcpp.diff2d(str(params), frames=tmp_path / "fixed", color_range=(0, 1.0))
    assert hpcpp_cli("diff2d", params, "--frames", tmp_path / "own_cli").returncode == 0
    assert hpcpp_cli("diff2d", params, "--frames", tmp_path / "fixed_cli", "--color-range", "0:1").returncode == 0
    assert same_files(tmp_path / "own", tmp_path / "own_cli")
    assert same_files(tmp_path / "fixed", tmp_path / "fixed_cli")
    # The first frame spans 0..1 by itself; the last, its peaks decayed, does not.
    own, fixed = frames_in(tmp_path / "own"), frames_in(tmp_path / "fixed")
    assert own[-1].read_bytes() != fixed[-1].read_bytes()


def test_animation_with_size_and_range_is_the_commands(hpcpp_cli, tmp_path, params):
    hpcpp.diff2d(str(params), animation=tmp_path / "module.gif", frame_size=(320, 240), color_range=(-0.5, 2))
    done = hpcpp_cli("diff2d", params, "--animation", tmp_path / "command.gif", "--frame-size", "320x240",
                 "--color-range", "-0.5:2")
    assert done.returncode == 0, done.stderr
    gif = (tmp_path / "module.gif").read_bytes()
    assert struct.unpack("<HH", gif[6:10]) == (320, 240)
    assert gif == (tmp_path / "command.gif").read_bytes()


@pytest.mark.parametrize("keyword, value, error, typed", [
    ("frame_size", (10, 10), ValueError, "10x10"),
    ("frame_size", (159, 480), ValueError, "159x480"),
    ("frame_size", (640, 8001), ValueError, "640x8001"),
    ("frame_size", (2**70, 480), ValueError, None),
    ("frame_size", (640,), TypeError, "640"),
    ("frame_size", (640, 480, 2), TypeError, "640x480x2"),
    ("frame_size", "640x480", TypeError, None),
    ("frame_size", 640, TypeError, None),
    ("frame_size", (640.0, 480), TypeError, None),
    ("color_range", (1, 0), ValueError, "1:0"),
    ("color_range", (1, 1), ValueError, "1:1"),
    ("color_range", (0, float("inf")), ValueError, "0:inf"),
    ("color_range", (float("nan"), 1), ValueError, "nan:1"),
    ("color_range", ("a", "b"), TypeError, "a:b"),
    ("color_range", 0, TypeError, "0"),
    ("color_range", (0, 1j), TypeError, None),
])
def test_bad_picture_values_raise_naming_the_value_and_write_nothing(hpcpp_cli, tmp_path, params, keyword, value, error,
                                                                     typed):
    with pytest.raises(error) as raised:
        hpcpp.diff2d(str(params), frames=tmp_path / "f", **{keyword: value})
    message = str(raised.value)
    assert message.startswith(f"{keyword}={value!r}: must be ")
    assert not (tmp_path / "f").exists()
    if typed is not None:  # the command refuses the same value, typed its way
        option = "--" + keyword.replace("_", "-")
        done = hpcpp_cli("diff2d", params, "--frames", tmp_path / "f", option, typed)
        assert done.returncode == 2 and done.stderr.startswith(f"hpcpp: {option} {typed}: must be "), done.stderr
    rule = "160 to 8000 by 120 to 8000" if keyword == "frame_size" else "two finite numbers with low < high"
    assert rule in message


def backends_noting_threads(hpcpp_cli, params):
    names = [line.split()[0] for line in hpcpp_cli("diff2d", "--list-backends").stdout.splitlines() if line.strip()]
    noted = set()
    for backend in names:
        if backend == "mpi":
            continue
        done = hpcpp_cli("diff2d", params, "--backend", backend, "--threads", "2", "--no-progress")
        assert done.returncode == 0, done.stderr
        if "has no effect" in done.stderr:
            noted.add(backend)
    return names, noted


def test_threads_with_a_one_thread_backend_warns_where_the_command_notes(hpcpp_cli, tmp_path):
    params = write_params(tmp_path / "p.py", dx=0.5, runtime=0.5, outtime=0.25)
    names, noted = backends_noting_threads(hpcpp_cli, params)
    assert noted == {"reference", "fused", "simd"}
    for backend in (name for name in names if name != "mpi"):
        if backend in noted:
            with pytest.warns(UserWarning, match=f"^threads has no effect with backend '{backend}'$"):
                hpcpp.diff2d(str(params), backend=backend, threads=2)
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                hpcpp.diff2d(str(params), backend=backend, threads=2)


def test_one_thread_backend_without_threads_does_not_warn(tmp_path):
    params = write_params(tmp_path / "p.py", dx=0.5, runtime=0.5, outtime=0.25)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        hpcpp.diff2d(str(params), backend="reference")


def test_warning_as_error_stops_the_run(tmp_path):
    params = write_params(tmp_path / "p.py", dx=0.5, runtime=0.5, outtime=0.25)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UserWarning):
            hpcpp.diff2d(str(params), backend="simd", threads=2, save=tmp_path / "out.npy")
    assert not (tmp_path / "out.npy").exists()
