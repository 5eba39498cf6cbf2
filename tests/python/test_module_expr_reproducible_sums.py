"""sum and prod give the same bits for any thread count: whole arrays and along an axis,
float64 and float32, sizes that are not multiples of the evaluation's block."""
import numpy as np
import pytest

import hpcpp

THREAD_COUNTS = (1, 2, 3, 5)


@pytest.fixture(autouse=True)
def threads_restored():
    threads = hpcpp.get_num_threads()
    yield
    hpcpp.set_num_threads(threads)


def results_per_thread_count(text, names):
    results = []
    for threads in THREAD_COUNTS:
        hpcpp.set_num_threads(threads)
        results.append(np.asarray(hpcpp.evaluate(text, local_dict=names)))
    return results


def assert_bit_identical(results, dtype):
    first = results[0]
    assert first.dtype == dtype
    for other in results[1:]:
        assert other.shape == first.shape
        assert other.tobytes() == first.tobytes()


def data(n, dtype, seed, around_one=False):
    values = np.random.default_rng(seed).random(n)
    # Products of values near 1 neither overflow nor vanish, so their rounding shows.
    return (1 + (values - 0.5) * 1e-3 if around_one else values - 0.3).astype(dtype)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("n", [1, 255, 257, 4097, 100_003, 1_000_001])
@pytest.mark.parametrize("text", ["sum(x)", "prod(x)", "sum(x*x - x)"])
def test_whole_array_reductions_do_not_depend_on_the_thread_count(text, n, dtype):
    x = data(n, dtype, seed=n, around_one="prod" in text)
    results = results_per_thread_count(text, {"x": x})
    assert_bit_identical(results, dtype)
    reference = np.prod(x.astype(np.float64)) if "prod" in text else np.sum(eval(text[4:-1], {"x": x.astype(np.float64)}))
    assert results[0] == pytest.approx(reference, rel=1e-4 if dtype == np.float32 else 1e-12, abs=1e-3 if dtype == np.float32 else 1e-9)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("shape, axis", [((3, 100_003), 1), ((7, 5001), -1), ((2, 3, 40_009), 2),
                                          ((100_003, 3), 0), ((5001, 7), 1)])
@pytest.mark.parametrize("reduction", ["sum", "prod"])
def test_axis_reductions_do_not_depend_on_the_thread_count(reduction, shape, axis, dtype):
    x = data(int(np.prod(shape)), dtype, seed=sum(shape), around_one=reduction == "prod").reshape(shape)
    results = results_per_thread_count(f"{reduction}(x, axis={axis})", {"x": x})
    assert_bit_identical(results, dtype)
    reference = getattr(np, reduction)(x.astype(np.float64), axis=axis)
    np.testing.assert_allclose(results[0], reference, rtol=1e-4 if dtype == np.float32 else 1e-12, atol=1e-3 if dtype == np.float32 else 1e-9)


def test_a_strided_whole_array_sum_does_not_depend_on_the_thread_count():
    x = data(3 * 70_001, np.float64, seed=3).reshape(3, 70_001)[:, ::2]
    assert_bit_identical(results_per_thread_count("sum(x)", {"x": x}), np.float64)
