"""hpcpp bigfile against the lecture's numpy programs and dd on one file of several GB, in one
run: create, then average with the file's pages evicted (cold) and cached (warm), with peak
RSS of every program; warm rates against the triad bandwidth measured in the same run; the
file split over 2 MPI ranks (1 thread each) against one process with 2 threads, with the
cost of starting each measured on a tiny file, so that the split's own overhead shows.
Writes the table into docs/BENCHMARKS.md (section bigfile) and deletes its big files.

usage: /usr/bin/python3 bench/bigfile/run.py [--n 28000] [--dir /work/tmp] [--repeats 2]
       [--hpcpp build/ci/apps/hpcpp/hpcpp] [--no-write]"""
import argparse
import os
import pathlib
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from benchlib import FAST_MALLOC, MPI_ENV, PYTHON, ROOT, machine, mpirun, replace_section  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent


def measure(cmd, env=None):
    """Wall seconds and peak resident set (MiB) of one run of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.Popen([str(c) for c in cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=dict(os.environ, **(env or {})))
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed: {err}")
    return seconds, usage.ru_maxrss / 1024, out + err


def evict(path):
    fd = os.open(path, os.O_RDONLY)
    os.fsync(fd)
    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    os.close(fd)


def cached_fraction(path):
    out = subprocess.run(["fincore", "--bytes", "--noheadings", "--output", "RES", str(path)],
                         capture_output=True, text=True).stdout.split()
    return int(out[0]) / os.path.getsize(path) if out else float("nan")


def warm(path):
    subprocess.run(["cat", str(path)], stdout=subprocess.DEVNULL, check=True)


def best(cmd, repeats, before, env=None):
    runs = []
    for _ in range(repeats):
        before()
        runs.append(measure(cmd, env))
    return min(runs, key=lambda r: r[0])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=28000)
    parser.add_argument("--dir", default=str(ROOT / "build"))
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--hpcpp", default=str(ROOT / "build/ci/apps/hpcpp/hpcpp"))
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    n, hpcpp = args.n, args.hpcpp
    work = pathlib.Path(tempfile.mkdtemp(prefix="bigfile_bench_", dir=args.dir))
    triad_exe, strategies_exe = work / "triad", work / "read_strategies"
    for source, exe in ((ROOT / "bench/stream/triad.cpp", triad_exe), (HERE / "read_strategies.cpp", strategies_exe)):
        subprocess.run(["g++", "-O3", "-march=native", "-fopenmp", str(source), "-o", str(exe)], check=True)
    threads = os.environ.get("OMP_NUM_THREADS", str(os.cpu_count()))
    npy, raw, zeros, tiny = work / "a.npy", work / "numpy_bigfile", work / "zeros", work / "tiny.npy"
    size = 8 * n * n
    rows = []  # (phase, program, seconds, GB/s, peak RSS MiB)

    def row(phase, program, result, nbytes=size):
        seconds, rss, _ = result
        rows.append((phase, program, seconds, nbytes / seconds / 1e9, rss))
        print(f"{phase:6} {program:40} {seconds:8.2f} s {nbytes / seconds / 1e9:6.2f} GB/s {rss:8.0f} MiB", flush=True)

    try:
        row("create", "hpcpp bigfile create", measure([hpcpp, "bigfile", "create", npy, "--n", n]))
        os.sync()
        row("create", "create12GB.py (numpy.memmap)", measure([PYTHON, HERE / "create_bigfile.py", raw, n], FAST_MALLOC))
        os.sync()
        raw.unlink()
        row("create", "dd if=/dev/zero bs=4M", measure(["dd", "if=/dev/zero", f"of={zeros}", "bs=4M",
                                                          f"count={size // (4 << 20)}", "status=none"]),
            nbytes=size // (4 << 20) * (4 << 20))
        os.sync()
        zeros.unlink()
        header = os.path.getsize(npy) - size
        readers = [
            ("dd bs=4M", ["dd", f"if={npy}", "of=/dev/null", "bs=4M", "status=none"], None),
            ("hpcpp bigfile average", [hpcpp, "bigfile", "average", npy], None),
            ("hpcpp bigfile average --threads 1", [hpcpp, "bigfile", "average", npy, "--threads", "1"], None),
            ("mpirun -np 2 hpcpp bigfile average (1 thread each)", mpirun(2, hpcpp, "bigfile", "average", npy), MPI_ENV),
            ("read_strategies pread (16 MiB chunks)", [strategies_exe, "pread", npy, header, n * n], None),
            ("read_strategies mmap (16 MiB windows)", [strategies_exe, "mmap", npy, header, n * n], None),
            ("average12GB.py (float64)", [PYTHON, HERE / "average_bigfile.py", npy, n, "float64"], FAST_MALLOC),
        ]
        evict(npy)
        print(f"after eviction {cached_fraction(npy):.1%} of the file is cached", flush=True)
        for name, cmd, env in readers:
            row("cold", name, best(cmd, args.repeats, lambda: evict(npy), env))
        warm(npy)
        print(f"after warming {cached_fraction(npy):.1%} of the file is cached", flush=True)
        for name, cmd, env in readers:
            if hpcpp in cmd:
                cmd = cmd + ["--keep-cache"]
                name += " --keep-cache"
            row("warm", name, best(cmd, args.repeats + 1, lambda: warm(npy), env))
        subprocess.run([hpcpp, "bigfile", "create", tiny, "--n", "8"], check=True)
        for name, cmd, env in (("start: hpcpp bigfile average (64-element file)",
                                [hpcpp, "bigfile", "average", tiny], None),
                               ("start: mpirun -np 2 hpcpp bigfile average (64-element file)",
                                mpirun(2, hpcpp, "bigfile", "average", tiny), MPI_ENV)):
            row("warm", name, best(cmd, args.repeats + 1, lambda: None, env), nbytes=8 * 64)
        tiny.unlink()
        triad = float(subprocess.run([triad_exe, "50000000", "10"], capture_output=True, text=True,
                                     env=dict(os.environ, OMP_NUM_THREADS=threads)).stdout)
        print(f"triad {triad:.2f} GB/s ({threads} threads)")
    finally:
        for f in (npy, raw, zeros, tiny, triad_exe, strategies_exe):
            f.unlink(missing_ok=True)
        work.rmdir()

    def rate_of(phase, program):
        return next(r[3] for r in rows if r[0] == phase and r[1].startswith(program))

    lines = ["## bigfile: create and average a file of several GB, against numpy and dd", "",
             f"File: {n} x {n} float64 = {size / 1e9:.2f} GB ({size / 2**30:.2f} GiB) on the machine's one disk; "
             f"{threads} threads; best of {args.repeats} (cold) and {args.repeats + 1} (warm) runs; "
             f"STREAM triad in the same run: {triad:.2f} GB/s.", "",
             f"Machine: {machine()}.", "",
             "Reproduce: `/usr/bin/python3 bench/bigfile/run.py " f"--n {n}`", "",
             "| phase | program | time [s] | GB/s | peak RSS [MiB] |", "|---|---|---:|---:|---:|"]
    lines += [f"| {p} | {name} | {s:.2f} | {g:.2f} | {rss:.0f} |" for p, name, s, g, rss in rows]
    cold = rate_of("cold", "hpcpp bigfile average") / rate_of("cold", "dd")
    warm_ratio = rate_of("warm", "hpcpp bigfile average --keep") / triad

    def seconds_of(phase, program):
        return next(r[2] for r in rows if r[0] == phase and r[1].startswith(program))

    single_work = seconds_of("warm", "hpcpp bigfile average --keep") - seconds_of("warm", "start: hpcpp")
    split_work = seconds_of("warm", "mpirun -np 2") - seconds_of("warm", "start: mpirun")
    split_whole = seconds_of("warm", "mpirun -np 2") / seconds_of("warm", "hpcpp bigfile average --keep") - 1
    split_cold = seconds_of("cold", "mpirun -np 2") / seconds_of("cold", "hpcpp bigfile average") - 1
    lines += ["", f"hpcpp average: {cold:.0%} of dd's rate cold (goal 90%), {warm_ratio:.0%} of the triad warm "
              f"(goal 90%); the split over 2 ranks costs {split_work / single_work - 1:+.1%} warm "
              f"once each launch's start is taken off ({split_whole:+.1%} whole commands; goal under 10%) "
              f"and {split_cold:+.1%} cold; largest hpcpp RSS {max(r[4] for r in rows if 'hpcpp' in r[1]):.0f} MiB (goal 256)."]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        replace_section("bigfile-table", text)


if __name__ == "__main__":
    main()
