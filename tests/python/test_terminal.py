"""What a user sees on a terminal that shows stdout and stderr together: the progress line
never stays mixed with output lines, and it moves between outputs too."""
import os
import pty
import re
import subprocess

from conftest import HPCPP, SOURCE_DIR, reduced

PARAMS = SOURCE_DIR / "examples/diff2dparams.py"


def run_on_terminal(args, timeout=300):
    """Runs `args` with stdout and stderr on one pseudo-terminal; returns the bytes it wrote."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=terminal, stderr=terminal, close_fds=True)
    os.close(terminal)
    written = bytearray()
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: every writer closed the terminal
            break
        if not chunk:
            break
        written += chunk
    os.close(controller)
    assert process.wait(timeout=timeout) == 0, written.decode(errors="replace")
    return written.decode()


def screen_lines(written):
    """The lines a terminal shows after `written`: carriage return goes back to the start of
    the line, ESC [ K erases to its end, newline (ONLCR: CR LF) starts the next."""
    lines, line, column = [], [], 0
    for token in re.findall(r"\x1b\[K|\r|\n|[^\r\n\x1b]+", written):
        if token == "\n":
            lines.append("".join(line))
            line, column = [], 0
        elif token == "\r":
            column = 0
        elif token == "\x1b[K":
            del line[column:]
        else:
            for character in token:
                if column < len(line):
                    line[column] = character
                else:
                    line.append(character)
                column += 1
    if line:
        lines.append("".join(line))
    return lines


def test_screen_emulation_erases_and_overwrites():
    assert screen_lines("abc\rX\n") == ["Xbc"]
    assert screen_lines("step 1/9\r\x1b[K0.5\r\n") == ["0.5"]
    assert screen_lines("step 1/9 ETA\r0.5\n") == ["0.5p 1/9 ETA"]


def test_diff2d_output_lines_are_clean_on_a_terminal():
    written = run_on_terminal([HPCPP, "diff2d", str(PARAMS), "--set", f"runtime={reduced(15.0, 3.0)}"])
    assert "step " in written, "no progress line was drawn on the terminal"
    shown = [line for line in screen_lines(written) if line]
    assert shown, written
    for line in shown:
        assert re.fullmatch(r"\d+\.\d+(e-?\d+)?", line), f"output line mixed with progress: {line!r}"
    assert float(shown[-1]) > 0


def test_progress_moves_between_outputs():
    # One output interval that spans the whole run: the progress line must still move.
    # 800 steps of 2000^2 (3.2e9 point updates, several pieces of 5e8) between two outputs;
    # an instrumented build takes the vectorised backend and 400 steps to stay within minutes.
    backend, runtime = reduced(("reference", "0.02"), ("simd", "0.01"))
    written = run_on_terminal([HPCPP, "diff2d", str(PARAMS), "--backend", backend, "--set", "dx=0.01",
                               "--set", f"runtime={runtime}", "--set", "outtime=1.0"])
    draws = re.findall(r"step (\d+)/(\d+)", written)
    assert len({done for done, _ in draws}) >= 2, f"progress drawn only at output times: {draws}"
    assert all(line.strip() == "" or re.fullmatch(r"\d+\.\d+(e-?\d+)?", line) for line in screen_lines(written))
