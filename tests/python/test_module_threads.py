"""hpcpp.evaluate from several Python threads at once (the GIL is released and no lock
serialises evaluations), and no reference kept to inputs, converted copies or out."""
import gc
import sys
import threading
import weakref

import hpcpp
import numpy as np
import pytest

from conftest import ticks_of_another_thread_during

TEXTS = ["a * b + c", "sin(a) ** 2 + cos(b)", "where(a > b, a - c, b * 2)", "sum(a * b)", "a[1:] - a[:-1] * c[:-1]",
         "sum(m, axis=0)", "prod(c * 0.001 + 0.9995)", "(a < b) & (b < c)"]


def numpy_value(text, a, b, c, m):
    return {
        "a * b + c": lambda: a * b + c,
        "sin(a) ** 2 + cos(b)": lambda: np.sin(a) ** 2 + np.cos(b),
        "where(a > b, a - c, b * 2)": lambda: np.where(a > b, a - c, b * 2),
        "sum(a * b)": lambda: np.sum(a * b),
        "a[1:] - a[:-1] * c[:-1]": lambda: a[1:] - a[:-1] * c[:-1],
        "sum(m, axis=0)": lambda: np.sum(m, axis=0),
        "prod(c * 0.001 + 0.9995)": lambda: np.prod(c * 0.001 + 0.9995),
        "(a < b) & (b < c)": lambda: (a < b) & (b < c),
    }[text]()


@pytest.fixture
def two_threads():
    previous = hpcpp.set_num_threads(2)
    yield
    hpcpp.set_num_threads(previous)


def test_eight_threads_evaluating_at_once_get_their_own_results(two_threads):
    """Each thread evaluates its own expression 30 times while the others do: every result
    is the one a lone call gives (same thread count, same bits), which is numpy's value
    within rounding."""
    rng = np.random.default_rng(8)
    jobs = []
    for text in TEXTS:
        arrays = {"a": rng.random(100_003), "b": rng.random(100_003), "c": rng.random(100_003),
                  "m": rng.random((300, 401))}
        alone = hpcpp.evaluate(text, local_dict=arrays)
        assert np.allclose(alone, numpy_value(text, **arrays), rtol=1e-9, atol=0), text
        jobs.append((text, arrays, alone))
    start = threading.Barrier(len(jobs))
    failures = []

    def work(text, arrays, alone):
        start.wait()
        for _ in range(30):
            mine = hpcpp.evaluate(text, local_dict=arrays)
            if mine.dtype != alone.dtype or mine.tobytes() != alone.tobytes():
                failures.append(text)
                return

    threads = [threading.Thread(target=work, args=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_evaluate_releases_the_gil_while_computing():
    a = np.random.default_rng(1).random(4_000_000)
    during = ticks_of_another_thread_during(lambda: hpcpp.evaluate("sin(a) ** 2 + cos(a) ** 2 + exp(a)", local_dict={"a": a}))
    assert during > 0, "no other Python thread ran while evaluate computed"


def test_no_reference_to_inputs_or_out_remains_after_1e5_calls():
    a, b, out = np.ones(16), np.arange(16.0), np.empty(16)
    small = np.arange(16, dtype=np.int16)  # converted to int32 for every call
    counts = [sys.getrefcount(x) for x in (a, b, out, small)]
    for _ in range(100_000):
        hpcpp.evaluate("a * b + s", local_dict={"a": a, "b": b, "s": small}, out=out)
    compiled = hpcpp.compile("a - b")
    for _ in range(20_000):
        compiled(a, b, out=out)
    for _ in range(10_000):
        with pytest.raises(ValueError):
            hpcpp.evaluate("a + b", local_dict={"a": a, "b": b[:3]})
        with pytest.raises(KeyError):
            hpcpp.evaluate("a + nosuch", local_dict={"a": a}, global_dict={})
    assert [sys.getrefcount(x) for x in (a, b, out, small)] == counts
    assert np.array_equal(out, a - b)


def test_out_and_converted_inputs_are_not_kept_alive():
    out = np.empty(8)
    small = np.arange(8, dtype=np.uint16)
    watched = [weakref.ref(out), weakref.ref(small)]
    hpcpp.evaluate("s * 2.0", local_dict={"s": small}, out=out)
    del out, small
    gc.collect()
    assert [w() for w in watched] == [None, None]
    with pytest.raises(ValueError, match="no longer exists"):
        hpcpp.re_evaluate({"s": np.arange(8)})
