"""cmake --install: the Python module and its stubs in the interpreter's site directory,
importable from there. (A test_module_ suite: under a sanitizer the module needs the
runtimes preloaded, which ctest gives these suites; a TSan module cannot be loaded at all.)"""
import os
import pathlib
import subprocess

import pytest

from test_install import installed  # noqa: F401 (a fixture: the build installed under a temporary prefix)


def test_install_puts_the_python_module_in_the_site_directory_under_the_prefix(installed):
    site = subprocess.run(["/usr/bin/python3", "-c", "import site; print(site.getsitepackages()[0])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    relative = pathlib.Path(site).relative_to("/usr/local") if site.startswith("/usr/local/") else None
    if relative is None:
        pytest.skip(f"/usr/bin/python3's site directory {site} is not under /usr/local")
    directory = installed / relative
    modules = list(directory.glob("hpcpp.cpython-*.so"))
    assert len(modules) == 1 and (directory / "hpcpp.pyi").is_file(), sorted(p.name for p in directory.iterdir())
    imported = subprocess.run(["/usr/bin/python3", "-c", "import hpcpp; print(hpcpp.__file__); print(hpcpp.auc(1000))"],
                              capture_output=True, text=True, cwd="/", env=dict(os.environ, PYTHONPATH=str(directory)))
    assert imported.returncode == 0, imported.stderr
    where, area = imported.stdout.split()
    assert pathlib.Path(where) == modules[0] and float(area) > 0
