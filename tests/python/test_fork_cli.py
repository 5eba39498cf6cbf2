"""hpcpp firstfork / secondfork, driven through pipes like a user at a terminal."""
import os
import re
import signal
import subprocess
import time

import pytest

from conftest import HPCPP


def children_of(pid):
    """The pids whose parent is `pid` (zombies included), read from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append((int(entry), fields[0]))
    return found


def kill_quietly(pids):
    """SIGKILL to each pid still there (cleanup after a test that may have failed)."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_firstfork_one_child_per_line_until_q():
    proc = subprocess.Popen([HPCPP, "firstfork"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    seen_children = []
    for _ in range(3):
        lines = sorted([proc.stdout.readline(), proc.stdout.readline()])
        parent = re.fullmatch(r"Hello from parent (\d+) (\d+)\n", lines[1])
        child = re.fullmatch(r"Hello from (\d+)\n", lines[0])
        assert parent and child, lines
        assert int(parent.group(1)) == proc.pid
        assert parent.group(2) == child.group(1)
        seen_children.append(int(child.group(1)))
        # The parent reaps each child before it reads the next line: once it forked the
        # next one, none of the earlier children may linger (not even as zombies).
        earlier = {pid for pid, _ in children_of(proc.pid)} & set(seen_children[:-1])
        assert not earlier
        proc.stdin.write("\n")
        proc.stdin.flush()
    proc.stdin.write("q\n")
    proc.stdin.flush()
    rest = proc.stdout.read()
    assert proc.wait(timeout=30) == 0
    # The line read after the third "Hello" pair forked a fourth child; "q" then quits.
    assert rest.count("Hello from parent") == 1
    assert len(set(seen_children)) == 3


def test_firstfork_stops_at_end_of_input():
    out = subprocess.run([HPCPP, "firstfork"], input="", capture_output=True, text=True, timeout=30)
    assert out.returncode == 0
    assert out.stdout.count("Hello from parent") == 1
    assert out.stdout.count("Hello from") == 2


def test_firstfork_output_is_not_duplicated_through_a_pipe():
    out = subprocess.run([HPCPP, "firstfork"], input="\n\nq\nignored\n", capture_output=True, text=True, timeout=30)
    assert out.returncode == 0
    assert out.stdout.count("Hello from parent") == 3
    assert len(out.stdout.splitlines()) == 6


def test_secondfork_runs_the_default_child(hpcpp):
    out = hpcpp("secondfork", input="")
    assert out.returncode == 0, out.stderr
    child = re.search(r"^The child is (\d+)$", out.stdout, re.M)
    hello = re.search(r"^Hello from (\d+)$", out.stdout, re.M)
    assert child and hello, out.stdout
    assert child.group(1) == hello.group(1)


def test_secondfork_one_child_per_line_until_q(hpcpp):
    # The lecture's loop: a child per line read, "q" quits (the lines after it are not read).
    out = hpcpp("secondfork", input="\n\nq\nnot read\n")
    assert out.returncode == 0, out.stderr
    # Parent and child write to one pipe, so a child's line may come before or after its
    # parent's: each child is named once by the parent and greets once itself.
    children = re.findall(r"^The child is (\d+)$", out.stdout, re.M)
    greetings = re.findall(r"^Hello from (\d+)$", out.stdout, re.M)
    assert len(out.stdout.splitlines()) == 6, out.stdout
    assert len(set(children)) == 3 and sorted(children) == sorted(greetings), out.stdout
    assert "PROGRAM" in hpcpp("secondfork", "--help").stdout


def test_secondfork_runs_a_given_program(hpcpp):
    out = hpcpp("secondfork", "sh", "-c", "echo child $$; exit 3", input="\n\n")
    assert out.returncode == 3
    # The first child that fails ends the loop with its status.
    assert out.stdout.count("The child is") == 1
    pid = re.search(r"^The child is (\d+)$", out.stdout, re.M).group(1)
    assert f"child {pid}" in out.stdout
    twice = hpcpp("secondfork", "sh", "-c", "echo child $$", input="\nq\n")
    assert twice.returncode == 0 and twice.stdout.count("The child is") == 2


def test_secondfork_program_that_cannot_run(hpcpp):
    out = hpcpp("secondfork", "/nonexistent/program", input="")
    assert out.returncode == 127
    assert out.stderr == "hpcpp: cannot run '/nonexistent/program': No such file or directory\n"


def wait_for_child(parent, name, timeout=30):
    """The pid of `parent`'s child running `name`, once it runs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for pid, _ in children_of(parent):
            try:
                with open(f"/proc/{pid}/comm") as f:
                    if f.read().strip() == name:
                        return pid
            except OSError:
                pass
        time.sleep(0.02)
    raise AssertionError(f"{name} never started under {parent}")


def gone_soon(pid, timeout=10):
    """True once `pid` no longer exists (not even as a zombie), within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while os.path.exists(f"/proc/{pid}"):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def start_and_find_sleep(command):
    # As from a terminal: the signals at their default actions (a test runner started in
    # the background has SIGINT ignored, and hpcpp rightly keeps it ignored then).
    proc = subprocess.Popen([HPCPP, *command, "sleep", "30"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    return proc, wait_for_child(proc.pid, "sleep")


@pytest.mark.parametrize("command", [["etime"], ["secondfork"], ["profile", "--"]], ids=lambda c: c[0])
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: s.name)
def test_a_signal_to_hpcpp_reaches_the_program_it_runs(command, sig):
    proc, child = start_and_find_sleep(command)
    try:
        os.kill(proc.pid, sig)  # only hpcpp: it passes the signal on and waits for the program
        out, _ = proc.communicate(timeout=30)
        # Reaped by hpcpp, not orphaned: a program left running would still be sleeping.
        assert gone_soon(child, timeout=0), f"{command[0]} left {child} running"
    finally:
        proc.kill()
        kill_quietly([child])
    assert proc.returncode == 128 + sig  # the program's status: killed by the signal
    if command == ["secondfork"]:
        assert f"The child is {child}\n" in out
