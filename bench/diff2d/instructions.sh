#!/usr/bin/env bash
# Instructions per point update of each single-thread diff2d backend, counted by callgrind
# (repeatable on a noisy machine). valgrind presents an AVX2 CPU, so `simd` runs its AVX2 rows.
# usage: bench/diff2d/instructions.sh [path/to/hpcpp]
set -euo pipefail
hpcpp="${1:-build/release/apps/hpcpp/hpcpp}"
params="$(dirname "$0")/../../examples/diff2dparams.py"
out="$(mktemp -d)"
nrows=199 steps=199   # dx = 0.1, runtime = 0.5
for backend in reference fused simd; do
  valgrind --tool=callgrind --callgrind-out-file="$out/$backend" "$hpcpp" diff2d "$params" --set dx=0.1 \
    --set runtime=0.5 --backend "$backend" >/dev/null 2>&1
  count=$(callgrind_annotate --inclusive=yes "$out/$backend" | grep -m1 "Backend::advance" | awk '{gsub(",", "", $1); print $1}')
  echo "$backend $(echo "scale=2; $count / ($nrows * $nrows * $steps)" | bc) instructions per point update"
done
rm -rf "$out"
