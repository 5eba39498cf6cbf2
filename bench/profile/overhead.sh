#!/bin/bash
# Whole-program cost of --profile and --profile-trace on diff2d's lecture defaults: runs the
# three variants in turn, five rounds, under `hpcpp profile --`; prints wall, user and
# system seconds of each run. Usage: bench/profile/overhead.sh [HPCPP]  (THREADS=1 by default)
H=${1:-build/release/apps/hpcpp/hpcpp}; P=examples/diff2dparams.py
for round in 1 2 3 4 5; do
  for variant in plain profile trace; do
    case $variant in plain) extra=();; profile) extra=(--profile);; trace) extra=(--profile-trace /tmp/profile_t.json);; esac
    out=$($H profile -- $H diff2d $P --threads ${THREADS:-1} "${extra[@]}" 2>&1 >/dev/null)
    wall=$(echo "$out" | awk '/wall time/{print $3}'); user=$(echo "$out" | awk '/user time/{print $3}'); sys=$(echo "$out" | awk '/system time/{print $3}')
    echo "$variant wall $wall user $user sys $sys"
  done
done
