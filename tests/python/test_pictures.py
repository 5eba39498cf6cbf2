"""diff2d's pictures: PNG frames and an animated GIF like imshow + colorbar, their size,
per-frame colour scaling, and the output directories they refuse."""
import numpy as np
import pytest
from PIL import Image

from conftest import write_params

YELLOW = np.array([253, 231, 37])  # viridis at the top of the colour bar
PURPLE = np.array([68, 1, 84])     # viridis at the bottom


def near(pixels, colour, tolerance=6):
    return int((np.abs(pixels.astype(int) - colour).max(axis=2) <= tolerance).sum())


def one_line_error(result):
    assert result.returncode == 2, result
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def params(tmp_path):
    # Outputs at 0, 4 and 8: by then the peaks are far below the initial height of 1.
    return write_params(tmp_path / "p.py", dx=0.25, runtime=8.0, outtime=4.0)


def frames_in(directory):
    return sorted(directory.glob("frame_*.png"))


def test_one_frame_per_output_at_the_default_size(hpcpp, tmp_path, params):
    result = hpcpp("diff2d", params, "--frames", tmp_path / "f")
    assert result.returncode == 0, result.stderr
    frames = frames_in(tmp_path / "f")
    assert len(frames) == len(result.stdout.splitlines()) == 3
    for frame in frames:
        assert Image.open(frame).size == (640, 480)


def test_frame_size_option(hpcpp, tmp_path, params):
    assert hpcpp("diff2d", params, "--frames", tmp_path / "f", "--frame-size", "1000x700").returncode == 0
    assert {Image.open(f).size for f in frames_in(tmp_path / "f")} == {(1000, 700)}


def test_each_frame_spans_its_own_range_unless_a_range_is_given(hpcpp, tmp_path, params):
    assert hpcpp("diff2d", params, "--frames", tmp_path / "own").returncode == 0
    assert hpcpp("diff2d", params, "--frames", tmp_path / "fixed", "--color-range", "0:1").returncode == 0
    own_last = np.asarray(Image.open(frames_in(tmp_path / "own")[-1]).convert("RGB"))
    fixed_last = np.asarray(Image.open(frames_in(tmp_path / "fixed")[-1]).convert("RGB"))
    fixed_first = np.asarray(Image.open(frames_in(tmp_path / "fixed")[0]).convert("RGB"))
    # Scaled to its own maximum, the last frame's peaks are the colour bar's yellow; on the
    # fixed range 0..1 only the colour bar's top reaches it, while the first frame does.
    assert near(own_last, YELLOW) > 500
    assert near(fixed_last, YELLOW) < 200
    assert near(fixed_first, YELLOW) > near(fixed_last, YELLOW) + 50
    assert near(own_last, PURPLE) > 500


def test_frames_have_axes_and_colour_bar_labels(hpcpp, tmp_path, params):
    assert hpcpp("diff2d", params, "--frames", tmp_path / "f").returncode == 0
    pixels = np.asarray(Image.open(frames_in(tmp_path / "f")[0]).convert("RGB")).astype(int)
    dark = pixels.max(axis=2) < 60
    coloured = (np.abs(pixels - pixels[:, :, :1]).max(axis=2) > 40)
    rows = np.nonzero(coloured.any(axis=1))[0]
    cols = np.nonzero(coloured.any(axis=0))[0]
    top, bottom, left = rows[0], rows[-1], cols[0]
    # Tick labels drawn in black below the panel, left of it and right of the colour bar.
    assert dark[bottom + 4:, left:].sum() > 50
    assert dark[top:bottom, :left - 2].sum() > 50
    assert dark[top:bottom, cols[-1] + 2:].sum() > 50
    assert dark[:top - 2].sum() > 50  # the title


def test_animation_holds_every_output(hpcpp, tmp_path, params):
    result = hpcpp("diff2d", params, "--animation", tmp_path / "run.gif", "--frame-size", "320x240")
    assert result.returncode == 0, result.stderr
    gif = Image.open(tmp_path / "run.gif")
    assert gif.size == (320, 240)
    assert gif.n_frames == len(result.stdout.splitlines()) == 3
    assert gif.info.get("loop") == 0
    assert not list(tmp_path.glob("*frame*"))


def test_animation_beside_frames(hpcpp, tmp_path, params):
    result = hpcpp("diff2d", params, "--animation", tmp_path / "run.gif", "--frames", tmp_path / "f")
    assert result.returncode == 0, result.stderr
    assert Image.open(tmp_path / "run.gif").n_frames == len(frames_in(tmp_path / "f")) == 3


def test_graphics_true_says_where_its_frames_went(hpcpp, tmp_path):
    params = write_params(tmp_path / "p.py", dx=0.25, runtime=1.0, outtime=0.5, graphics=True)
    result = hpcpp("diff2d", params, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(frames_in(tmp_path / "diff2d_frames")) == 3
    assert "diff2d_frames/frame_NNNNN.png" in result.stderr


def test_frames_directory_holding_another_runs_frames_is_refused(hpcpp, tmp_path, params):
    directory = tmp_path / "f"
    directory.mkdir()
    (directory / "frame_00007.png").write_bytes(b"earlier")
    line = one_line_error(hpcpp("diff2d", params, "--frames", directory))
    assert line.startswith(f"hpcpp: --frames {directory}: already holds frames of another run")
    assert [p.name for p in directory.iterdir()] == ["frame_00007.png"]


def test_frames_directory_whose_parent_is_missing_is_refused(hpcpp, tmp_path, params):
    target = tmp_path / "no" / "such" / "frames"
    line = one_line_error(hpcpp("diff2d", params, "--frames", f"{target}/"))
    assert "does not exist" in line and str(tmp_path / "no" / "such") in line
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("option, value", [
    ("--frame-size", "640"), ("--frame-size", "10x10"), ("--frame-size", "640x480x2"), ("--frame-size", "99999x480"),
    ("--color-range", "1:0"), ("--color-range", "a:b"), ("--color-range", "0"), ("--color-range", "0:inf")])
def test_bad_picture_options_are_refused_before_any_output(hpcpp, tmp_path, params, option, value):
    line = one_line_error(hpcpp("diff2d", params, "--frames", tmp_path / "f", option, value))
    assert line.startswith(f"hpcpp: {option} {value}: must be")
    assert not (tmp_path / "f").exists()
