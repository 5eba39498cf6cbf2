#!/usr/bin/env bash
# Builds the libFuzzer targets (the fuzz preset: clang, ASan + UBSan) and runs each on its
# committed seed corpus for a bounded time. Any crash, leak, timeout or sanitizer report
# fails. New inputs go to build/fuzz/corpus_work/, never into the committed corpus.
#   scripts/fuzz.sh [SECONDS_PER_TARGET (default 45)] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-45}"
shift || true
targets=("$@")
((${#targets[@]})) || targets=(expr params npy checkpoint sweep)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "${targets[@]/%/_fuzz}"
for target in "${targets[@]}"; do
  work="build/fuzz/corpus_work/$target"
  log="build/fuzz/${target}_fuzz.log"
  mkdir -p "$work"
  echo "fuzzing $target for ${seconds} s"
  if ! "build/fuzz/tests/fuzz/${target}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 "$work" "tests/fuzz/${target}_corpus" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz target $target failed (log: $log)"
    exit 1
  fi
  grep -E "^stat::number_of_executed_units" "$log" || true
done
