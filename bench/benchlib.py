"""Shared pieces of the side-by-side benchmarks: machine description, timing whole
programs, and replacing one marked section of docs/BENCHMARKS.md."""
import datetime
import os
import pathlib
import platform
import re
import subprocess
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
PYTHON = "/usr/bin/python3"
# glibc returns numpy's large temporaries to the kernel after each use unless told not to;
# this setting keeps them (see docs/BENCHMARKS.md).
FAST_MALLOC = {"MALLOC_MMAP_THRESHOLD_": "4194304", "MALLOC_TRIM_THRESHOLD_": "67108864"}
# OpenMPI as root, more ranks than cores, no cross-memory attach (unavailable in containers).
MPI_ENV = {"OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1",
           "OMPI_MCA_rmaps_base_oversubscribe": "yes", "OMPI_MCA_btl_vader_single_copy_mechanism": "none"}


def mpirun(ranks, *cmd):
    return ["mpirun", "--bind-to", "none", "-np", str(ranks), *map(str, cmd)]


def machine():
    model = "unknown CPU"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    cores = os.cpu_count()
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    getconf = subprocess.run(["getconf", "LEVEL2_CACHE_SIZE"], capture_output=True, text=True).stdout.strip()
    l2 = int(getconf or 0) // 1024
    flags = open("/proc/cpuinfo").read()
    simd = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "SSE2"
    gxx = subprocess.run(["g++", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    return (f"{model}, {cores} cores, {mem:.0f} GiB, L2 {l2} KiB/core, {simd}; {platform.system()} "
            f"{platform.release()}; {gxx}; {datetime.date.today().isoformat()}")


def run_timed(cmd, repeats=3, env=None, cwd=None):
    """Runs `cmd` `repeats` times; returns (sorted wall times, last CompletedProcess)."""
    times, result = [], None
    full_env = dict(os.environ, **(env or {}))
    for _ in range(repeats):
        start = time.perf_counter()
        result = subprocess.run(cmd, capture_output=True, text=True, env=full_env, cwd=cwd)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, cmd))} failed:\n{result.stderr}")
    return sorted(times), result


def replace_section(name, markdown, path=ROOT / "docs/BENCHMARKS.md"):
    """Puts `markdown` between the markers of section `name`, appending it if new."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    block = f"{begin}\n{markdown.rstrip()}\n{end}"
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text)
