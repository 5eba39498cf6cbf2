#!/usr/bin/env bash
# Set up and run every test: the release build with warnings as errors, then the same
# suites under AddressSanitizer + UndefinedBehaviorSanitizer, then the threaded tests
# under ThreadSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"

scripts/setup.sh ci
ctest --preset ci -j2

scripts/setup.sh asan
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --preset asan -j2 -E '^py\.'
# The Python module's suites on the asan build's module (tests/CMakeLists.txt preloads the
# sanitizer runtimes into python3 for them).
UBSAN_OPTIONS=print_stacktrace=1 ctest --preset asan -j2 -R '^py\.test_module_'

scripts/setup.sh tsan
ctest --preset tsan -j2 -E '^py\.'
echo "all tests passed"
