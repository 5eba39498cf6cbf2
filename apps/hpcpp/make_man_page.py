"""Writes hpcpp.1 from the program's own help: `hpcpp --help` as the description and one
section per subcommand (nested ones included) holding exactly what `hpcpp SUB --help`
prints, so the manual and --help cannot drift apart.

usage: make_man_page.py HPCPP OUTPUT VERSION
"""
import os
import subprocess
import sys


def help_text(program, words):
    run = subprocess.run([program, *words, "--help"], capture_output=True, text=True, check=True)
    return run.stdout.rstrip("\n")


def subcommands(text):
    """The names listed under the 'Subcommands:' heading of CLI11's help."""
    names, inside = [], False
    for line in text.splitlines():
        if line.strip().lower() == "subcommands:":
            inside = True
        elif inside and not line.strip():
            break
        elif inside and line.startswith("  ") and not line.startswith("   "):
            names.append(line.split()[0])
    return names


def roff_verbatim(text):
    """Text shown as it is: backslashes escaped, lines starting with a control character guarded."""
    lines = []
    for line in text.splitlines():
        line = line.replace("\\", "\\e")
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return ".nf\n" + "\n".join(lines) + "\n.fi\n"


def sections(program, words):
    """(command words, help text) for each subcommand under `words`, depth first."""
    for name in subcommands(help_text(program, words)):
        path = [*words, name]
        yield path, help_text(program, path)
        yield from sections(program, path)


def main():
    program, output, version = sys.argv[1:4]
    top = help_text(program, [])
    parts = [
        f'.TH HPCPP 1 "" "hpcpp {version}" "User Commands"\n',
        ".SH NAME\nhpcpp \\- the programs of the lecture \"HPC Python Programming\" (IHPCSS 2017) in C++\n",
        ".SH SYNOPSIS\n.B hpcpp\n.I SUBCOMMAND\n[\\fIOPTIONS\\fR]\n",
        ".SH DESCRIPTION\n" + roff_verbatim(top),
    ]
    for path, text in sections(program, []):
        parts.append(f'.SH "HPCPP {" ".join(path).upper()}"\n' + roff_verbatim(text))
    parts.append(".SH SEE ALSO\nThe pages under docs/ in the source tree, one per subcommand.\n")
    temporary = output + ".tmp"
    with open(temporary, "w") as f:
        f.write("".join(parts))
    os.replace(temporary, output)


if __name__ == "__main__":
    main()
