#!/usr/bin/env bash
# Builds and runs kernel_cycles.cpp and resource_throughput.cpp with the project's kernels and flags (-O3, exact
# arithmetic: -ffp-contract=off). usage: bench/diff2d/kernel_cycles.sh [N ...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
c++ -std=c++20 -O3 -DNDEBUG -ffp-contract=off -I"$root/src" -o "$out/kernel_cycles" \
  "$root/bench/diff2d/kernel_cycles.cpp" "$root/src/hpcpp/diffusion/row_kernels.cpp" \
  "$root/src/hpcpp/diffusion/wavefront_tile.cpp" "$root/src/hpcpp/core/huge_pages.cpp" "$root/src/hpcpp/core/cpu_features.cpp"
"$out/kernel_cycles" "$@"
c++ -std=c++20 -O2 -mavx512f -o "$out/resource_throughput" "$root/bench/diff2d/resource_throughput.cpp"
"$out/resource_throughput"
