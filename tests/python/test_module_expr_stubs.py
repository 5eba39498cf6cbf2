"""The type stubs shipped beside the module (python/hpcpp.pyi, copied into the build's
python directory) name every public name of the module, and each function's parameters."""
import ast
import pathlib
import re

import hpcpp

STUB = pathlib.Path(hpcpp.__file__).with_name("hpcpp.pyi")


def stub_tree():
    return ast.parse(STUB.read_text())


def stub_names():
    names = set()
    for node in stub_tree().body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            names.add(node.target.id)
    return names


def test_the_stub_lies_beside_the_module():
    assert STUB.is_file()


def test_every_public_name_of_the_module_is_in_the_stub():
    public = {n for n in dir(hpcpp) if not n.startswith("_")}
    assert public - stub_names() == set()
    assert "__version__" in stub_names()


def test_functions_take_the_parameters_the_stub_gives():
    functions = {n.name: n for n in stub_tree().body if isinstance(n, ast.FunctionDef)}
    for name, node in functions.items():
        # pybind11 writes the signature as the docstring's first line: name(a: T, b: T = v) -> R
        first_line = getattr(hpcpp, name).__doc__.splitlines()[0]
        bound = re.findall(r"(\w+): ", first_line[first_line.index("(") : first_line.rindex(") ->")])
        stub = [a.arg for a in node.args.args]
        assert bound[: len(stub)] == stub, (name, bound, stub)
