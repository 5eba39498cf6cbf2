"""cmake --install: the command and its manual page, whose sections are the --help texts."""
import pathlib
import re
import shutil
import subprocess

import pytest

from conftest import HPCPP, run

BUILD_DIR = pathlib.Path(HPCPP).resolve().parents[2]
SUBCOMMANDS = ["diff2d", "etime", "summer", "auc", "firstfork", "secondfork", "shared-value", "shared-array",
               "pool-map", "expr", "sweep", "profile", "bigfile", "bigfile create", "bigfile average"]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    if not (BUILD_DIR / "cmake_install.cmake").exists():
        pytest.skip(f"{BUILD_DIR} is not a CMake build directory")
    prefix = tmp_path_factory.mktemp("prefix")
    result = run(["cmake", "--install", str(BUILD_DIR), "--prefix", str(prefix)])
    assert result.returncode == 0, result.stderr
    return prefix


def man_sections(page):
    """Each '.SH' heading of a man page with its verbatim (.nf ... .fi) text, unescaped."""
    sections = {}
    for match in re.finditer(r'^\.SH "?([^"\n]*)"?\n\.nf\n(.*?)\n\.fi$', page, re.M | re.S):
        text = match.group(2).replace("\\&", "").replace("\\e", "\\")
        sections[match.group(1)] = text
    return sections


def test_install_puts_the_command_in_bin(installed):
    program = installed / "bin/hpcpp"
    assert program.is_file()
    assert run([str(program), "--version"]).stdout.startswith("hpcpp ")


def test_man_page_has_a_section_per_subcommand_equal_to_its_help(installed):
    page = (installed / "share/man/man1/hpcpp.1").read_text()
    sections = man_sections(page)
    assert sections["DESCRIPTION"] == run([HPCPP, "--help"]).stdout.rstrip("\n")
    for sub in SUBCOMMANDS:
        heading = "HPCPP " + sub.upper()
        assert heading in sections, f"no section for {sub}"
        assert sections[heading] == run([HPCPP, *sub.split(), "--help"]).stdout.rstrip("\n"), sub


def test_man_renders_the_page(installed):
    if not shutil.which("man"):
        pytest.skip("man is not installed")
    shown = subprocess.run(["man", "-l", str(installed / "share/man/man1/hpcpp.1")], capture_output=True, text=True,
                           env={"MANWIDTH": "120", "PATH": "/usr/bin:/bin"})
    assert shown.returncode == 0, shown.stderr
    assert "HPCPP DIFF2D" in shown.stdout
    assert "--frames" in shown.stdout


def test_a_login_shell_finds_hpcpp_after_run_sh():
    if not pathlib.Path("/usr/local/bin/hpcpp").exists():
        pytest.skip("scripts/run.sh has not installed hpcpp on this machine")
    found = run(["bash", "-lc", "command -v hpcpp"])
    assert found.returncode == 0 and found.stdout.strip() == "/usr/local/bin/hpcpp", found
    manual = pathlib.Path(run(["bash", "-lc", "man -w hpcpp"]).stdout.strip())
    assert manual.resolve() == pathlib.Path("/usr/local/share/man/man1/hpcpp.1").resolve()
    imported = subprocess.run(["bash", "-lc", "cd / && /usr/bin/python3 -c 'import hpcpp; print(hpcpp.auc(1000))'"],
                              capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "HOME": "/root"})
    assert imported.returncode == 0 and float(imported.stdout) > 0, imported
