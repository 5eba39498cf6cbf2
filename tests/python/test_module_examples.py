"""The lecture's Python programs rewritten on hpcpp (examples/python) run and give the
command's results."""
import os
import re

import numpy as np

from conftest import PYTHON, SOURCE_DIR, run, write_params

EXAMPLES = SOURCE_DIR / "examples" / "python"


def run_example(name, *args):
    done = run([PYTHON, str(EXAMPLES / name), *map(str, args)], env=dict(os.environ), timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_diff2d_example_prints_and_ends_as_the_command(tmp_path, hpcpp):
    params = write_params(tmp_path / "params.py", dx=0.2, runtime=2.0, outtime=0.25)
    printed = run_example("diff2d_numexpr.py", params, tmp_path / "example.npy")
    done = hpcpp("diff2d", params, "--backend", "reference", "--save", tmp_path / "command.npy")
    assert printed == done.stdout
    assert np.load(tmp_path / "example.npy").tobytes() == np.load(tmp_path / "command.npy").tobytes()


def test_auc_example_sums_to_the_area():
    lines = run_example("auc_numexpr.py", 2_000_000).splitlines()
    chunked, library = (float(line.split()[-1]) for line in lines)
    assert abs(chunked - 8.175) < 1e-5 and abs(chunked - library) < 1e-12 * 2_000_000


def test_numexpr_demo_runs():
    lines = [line for line in run_example("numexpr_demo.py", 1000).splitlines() if line.startswith("Elapsed:")]
    assert len(lines) == 3
    # hpcpp etime's format: two decimals, or two significant digits below a tenth.
    for line in lines:
        assert re.fullmatch(r"Elapsed: ([0-9]+\.[0-9]{2}|0\.0*[1-9][0-9]) seconds", line), line
