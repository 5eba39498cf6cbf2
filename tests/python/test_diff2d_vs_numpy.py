"""hpcpp diff2d against the lecture's vectorized numpy program: the printed simtime lines
byte for byte, and the final field bit for bit, on the defaults and six other cases."""
import os

import numpy as np
import pytest

from conftest import FAST_MALLOC, PYTHON, SANITIZED, SOURCE_DIR, reduced, run, write_params

NUMPY_PROGRAM = SOURCE_DIR / "bench/diff2d/diff2d_numpy.py"

CASES = {
    "defaults": {},
    "coarse": {"dx": 0.5},
    "fine": {"dx": 0.04, "runtime": 0.3, "outtime": 0.05},
    "runtime_not_multiple_of_outtime": {"dx": 0.25, "runtime": 2.3, "outtime": 0.7},
    "nper_zero": {"dx": 0.4, "runtime": 0.2, "outtime": 0.001},
    "tiny_domain": {"x1": 0.0, "x2": 0.35, "dx": 0.1, "runtime": 0.05, "outtime": 0.01},
    "large_D": {"D": 40.0, "dx": 0.2, "runtime": 0.3, "outtime": 0.02},
    "negative_zero_runtime": {"dx": 1.0, "runtime": 0.0},
}


@pytest.fixture(scope="module")
def numpy_results(tmp_path_factory):
    cache = {}

    def get(case):
        if case not in cache:
            d = tmp_path_factory.mktemp(case)
            params = write_params(d / "params.py", **CASES[case])
            final = d / "numpy_final.npy"
            env = dict(os.environ, **FAST_MALLOC)
            result = run([PYTHON, str(NUMPY_PROGRAM), str(params), str(final)], cwd=NUMPY_PROGRAM.parent, env=env)
            assert result.returncode == 0, result.stderr
            cache[case] = (params, result.stdout, np.load(final))
        return cache[case]
    return get


@pytest.mark.parametrize("backend", ["reference", "fused", "simd", "threads", "blocked", "expr", "auto"])
# Under a sanitizer: the small cases (the lecture's defaults and the fine grid are the
# slowest numpy runs; every backend and edge case is still compared).
@pytest.mark.parametrize("case", reduced(list(CASES), [c for c in CASES if c not in ("defaults", "fine")]))
def test_output_and_field_match_numpy(numpy_results, hpcpp, tmp_path, case, backend):
    params, expected_stdout, expected_field = numpy_results(case)
    final = tmp_path / "hpcpp_final.npy"
    result = hpcpp("diff2d", params, "--backend", backend, "--save", final)
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected_stdout
    field = np.load(final)
    assert field.shape == expected_field.shape
    assert np.array_equal(field.view(np.uint64), expected_field.view(np.uint64))


@pytest.mark.skipif(SANITIZED, reason="checks the numpy program alone; the release run does")
def test_defaults_print_the_lectures_31_lines(numpy_results):
    _, stdout, _ = numpy_results("defaults")
    lines = stdout.splitlines()
    assert len(lines) == 31
    assert lines[0] == "0.0"
