#!/usr/bin/env bash
# Set up, build, and run the lecture's running example on its default parameters.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh release
./build/release/apps/hpcpp/hpcpp etime ./build/release/apps/hpcpp/hpcpp diff2d examples/diff2dparams.py "$@"
