#!/usr/bin/env bash
# Set up and run every test: the release build with warnings as errors, then the same
# suites under AddressSanitizer + UndefinedBehaviorSanitizer and under ThreadSanitizer, the
# command-line (pytest) suites included, against the instrumented hpcpp (the slowest of
# those run a reduced set of cases there: HPCPP_SANITIZED, tests/CMakeLists.txt); then each
# fuzz target for a bounded time.
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"

scripts/setup.sh ci
ctest --preset ci -j2

scripts/setup.sh asan
# Python module suites get the sanitizer runtimes preloaded into python3 (tests/CMakeLists.txt).
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --preset asan -j2

scripts/setup.sh tsan
# Every suite, the command-line ones included, except the Python module's: a TSan module
# cannot be loaded into the uninstrumented /usr/bin/python3 (TSan must own the process from
# its start). The module's concurrent evaluation runs under TSan as ExprConcurrent instead.
ctest --preset tsan -j2 -E '^py\.test_module_'

# Every reader of outside data under libFuzzer, 45 s each on its seed corpus.
scripts/fuzz.sh 45
echo "all tests passed"
