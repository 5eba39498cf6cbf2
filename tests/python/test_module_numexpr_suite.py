"""numexpr's own test suite, as Debian's python3-numexpr installs it (numexpr 2.8.4), run
through hpcpp: the installed test module is loaded under a private name and its
`evaluate`, `re_evaluate` and `numexpr` (for set_num_threads and validate) are bound to
hpcpp's, so every test that goes through evaluate checks hpcpp instead. numexpr itself is
left untouched for the other suites, which use it as a reference.

Tests of numexpr's internals (NumExpr, disassemble, E, ConstantNode, its thread
configuration, numexpr run in a subprocess) do not go through evaluate and are not run
(NOT_THROUGH_EVALUATE). The deliberate differences are listed in DIFFERENCES and in
docs/expr.md; they are strict xfails, so one that starts passing must leave the list."""
import contextlib
import importlib.util
import io
import types
import unittest

import numpy as np
import pytest

import hpcpp
from conftest import SANITIZED

NOT_THROUGH_EVALUATE = {
    # NumExpr, disassemble, E or ConstantNode: numexpr's compiler objects.
    "test_numexpr.test_simple", "test_numexpr.test_simple_expr_small_array",
    "test_numexpr.test_simple_expr", "test_numexpr.test_rational_expr",
    "test_numexpr.test_reductions", "test_numexpr.test_r0_reuse",
    "test_evaluate.test_broadcasting", "test_evaluate.test_all_scalar", "test_evaluate.test_run",
    "test_evaluate.test_disassemble", "test_evaluate.test_constant_deduplication",
    "test_evaluate.test_nan_constant", "test_evaluate.test_f32_constant",
    "test_evaluate.test_ex_uses_vml",
    # `import numexpr` in a child python: numexpr itself, not evaluate.
    "test_numexpr.test_locals_clears_globals",
    # numexpr's thread pool configuration (NUMEXPR_MAX_THREADS, _init_num_threads, VML).
    "test_threading_config.test_max_threads_unset", "test_threading_config.test_max_threads_set",
    "test_threading_config.test_numexpr_num_threads", "test_threading_config.test_omp_num_threads",
    "test_threading_config.test_vml_threads_round_trip",
}
NOT_THROUGH_EVALUATE |= {name.replace("test_numexpr.", "test_numexpr2.") for name in NOT_THROUGH_EVALUATE
                         if name.startswith("test_numexpr.")}

# Where hpcpp deliberately differs from numexpr 2.8.4 (docs/expr.md, "numexpr 2.8.4's own
# tests"): the test, and why.
DIFFERENCES = {
    "test_numexpr.test_axis": "a negative axis counts from the end, as in numpy, not refused",
    "test_numexpr2.test_axis": "a negative axis counts from the end, as in numpy, not refused",
}

SUITE_CLASSES = ["test_numexpr", "test_numexpr2", "test_evaluate", "test_int64", "test_int32_int64",
                 "test_uint32_int64", "test_strings", "test_irregular_stride", "test_zerodim",
                 "test_threading_config", "test_threading", "test_subprocess"]


class NumexprThroughHpcpp(types.ModuleType):
    """The suite's `numexpr`: hpcpp's evaluate and thread count, numexpr's other names."""

    def __init__(self, numexpr):
        super().__init__("numexpr")
        self._numexpr = numexpr
        for name in ("evaluate", "re_evaluate", "validate", "set_num_threads", "get_num_threads"):
            setattr(self, name, getattr(hpcpp, name))

    def __getattr__(self, name):
        return getattr(self._numexpr, name)


def load_suite():
    import numexpr
    spec = importlib.util.find_spec("numexpr.tests.test_numexpr")
    assert spec is not None, "python3-numexpr's tests are missing (scripts/debian-packages.txt)"
    private = importlib.util.spec_from_file_location("numexpr_suite_through_hpcpp", spec.origin)
    module = importlib.util.module_from_spec(private)
    private.loader.exec_module(module)
    assert numexpr.__version__.startswith("2.8."), f"expected numexpr 2.8.x, found {numexpr.__version__}"
    module.numexpr = NumexprThroughHpcpp(numexpr)
    module.evaluate = hpcpp.evaluate
    module.re_evaluate = hpcpp.re_evaluate

    def refused(name):
        def call(*args, **kwargs):
            raise NotImplementedError(f"{name} is numexpr's, not run through hpcpp")
        return call
    for name in ("NumExpr", "disassemble", "ConstantNode"):
        setattr(module, name, refused(name))
    module.E = None
    return module


SUITE = load_suite()


def case_names():
    names = []
    for class_name in SUITE_CLASSES:
        cls = getattr(SUITE, class_name)
        for method in unittest.TestLoader().getTestCaseNames(cls):
            name = f"{class_name}.{method}"
            if name in NOT_THROUGH_EVALUATE:
                continue
            marks = [pytest.mark.xfail(strict=True, reason=DIFFERENCES[name])] if name in DIFFERENCES else []
            names.append(pytest.param(class_name, method, id=name, marks=marks))
    return names


@pytest.fixture(autouse=True)
def numpy_quiet_and_threads_restored():
    threads = hpcpp.get_num_threads()
    with np.errstate(all="ignore"):
        yield
    hpcpp.set_num_threads(threads)


@pytest.mark.parametrize("class_name, method", case_names())
def test_case(class_name, method):
    case = getattr(SUITE, class_name)(method)
    try:
        case.debug()  # setUp, the test, tearDown; failures raise
    except unittest.SkipTest as skipped:
        pytest.skip(str(skipped))


def expression_cases():
    """numexpr's generated expression tests (a generator test, which pytest no longer
    collects): each operation and function on every type, with scalars and with
    numexpr's three optimization levels, which hpcpp accepts and ignores. Under a
    sanitizer only the 'none' level: the same expressions on the same data."""
    cases = []
    for method in SUITE.test_expressions():
        if SANITIZED and "_b'none'_" not in method.__name__:
            continue
        cases.append(pytest.param(method, id=method.description))
    return cases


EXPRESSIONS = expression_cases()


def closure_value(function, name):
    return function.__closure__[function.__code__.co_freevars.index(name)].cell_contents


@pytest.mark.parametrize("method", EXPRESSIONS)
def test_expression(method):
    raised = []

    def recording_evaluate(*args, **kwargs):
        try:
            return hpcpp.evaluate(*args, **kwargs)
        except Exception as error:
            raised.append(error)
            raise

    SUITE.evaluate = recording_evaluate
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            method()
    finally:
        SUITE.evaluate = hpcpp.evaluate
    if not raised:
        return
    # numexpr's suite lets any NotImplementedError pass (it prints "... not implemented
    # for ..."), and hpcpp's errors are NotImplementedErrors too: an error passes here only
    # where numpy raises one of the same type.
    expr, names = closure_value(method, "expr"), closure_value(method, "this_locals")
    try:
        eval(expr, vars(SUITE), names)
    except Exception as numpy_error:
        assert isinstance(raised[0], type(numpy_error)), f"{expr}: numpy raises {numpy_error!r}, hpcpp {raised[0]!r}"
    else:
        pytest.fail(f"{expr}: hpcpp raises {raised[0]!r} where numpy computes it")


def test_the_suite_is_all_there():
    """The installed suite still holds the tests this file expects to run."""
    assert len(case_names()) >= 60
    assert len(EXPRESSIONS) >= (1000 if SANITIZED else 4000)
