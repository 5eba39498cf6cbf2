"""Shared fixtures: where the hpcpp program, its test tools and the sources are."""
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("HPCPP_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
HPCPP = os.environ.get("HPCPP", str(SOURCE_DIR / "build/release/apps/hpcpp/hpcpp"))
TOOLS = pathlib.Path(os.environ.get("HPCPP_TOOLS", SOURCE_DIR / "build/release/tests/unit"))
PYTHON = "/usr/bin/python3"
# numpy's temporaries are larger than glibc's mmap threshold; without this each one is a
# fresh mmap and the lecture's numpy program spends most of its time in the kernel.
FAST_MALLOC = {"MALLOC_MMAP_THRESHOLD_": "4194304", "MALLOC_TRIM_THRESHOLD_": "67108864"}


# Set by tests/CMakeLists.txt for the sanitizer builds: the slowest suites then run a
# reduced set of cases (the same code paths on fewer grid sizes), because their numpy
# references cost as much there as in the release run.
# Its value names the sanitizers ("address,undefined" or "thread").
SANITIZED = bool(os.environ.get("HPCPP_SANITIZED"))
THREAD_SANITIZED = "thread" in os.environ.get("HPCPP_SANITIZED", "")


def reduced(full, under_sanitizer):
    """`full`, or the smaller `under_sanitizer` when this run is instrumented."""
    return under_sanitizer if SANITIZED else full


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


@pytest.fixture
def hpcpp():
    def call(*args, **kwargs):
        return run([HPCPP, *map(str, args)], **kwargs)
    return call


def write_params(path, **overrides):
    values = {"D": 1.0, "x1": -10.0, "x2": 10.0, "runtime": 15.0, "dx": 0.0667, "outtime": 0.5,
              "graphics": False}
    values.update(overrides)
    path.write_text("".join(f"{k:<10} = {v!r};\n" for k, v in values.items()))
    return path


def ticks_of_another_thread_during(call):
    """How many times a second Python thread went round its loop while `call()` ran: zero
    when `call` held the GIL throughout. The interpreter is told not to take the GIL from a
    thread on its own (a switch interval far beyond the test), so the counter runs only
    while `call` has let the GIL go, or while the counter gives it up itself (sleep(0)):
    not in the moments after `call` returns and before its ticks are read."""
    import sys
    import threading
    import time
    ticks, started, stop = [0], threading.Event(), threading.Event()

    def count():
        started.set()
        while not stop.is_set():
            ticks[0] += 1
            time.sleep(0)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    counter = threading.Thread(target=count)
    try:
        counter.start()
        started.wait()
        before = ticks[0]
        call()
        return ticks[0] - before
    finally:
        stop.set()
        counter.join()
        sys.setswitchinterval(interval)
