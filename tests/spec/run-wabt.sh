#!/usr/bin/env bash
# tests/spec/run-wabt.sh — the optional cross-check (make spectest-wabt): runs the
# WebAssembly core spec tests (SIMD included) converted by wabt's wast2json
# against build/spectest and prints one line per file and a closing total line
# "N passed, N failed, N skipped".
#
# usage: tests/spec/run-wabt.sh [NAME...]    (NAME: i32, i32.wast, a glob 'simd_*', ...;
#                                             default: all)
#
# Environment:
#   SPEC_TESTSUITE  the testsuite folder (default: ../shared/testsuite from the repo root)
#   SPECTEST        the harness binary (default: build/spectest)
#   SPEC_OUT        where converted scripts and logs go (default: build/spec)
#   SPEC_TIMEOUT    seconds per file before it fails (default: 120)
#   SPEC_JOBS       files run in parallel (default: 1)
#
# Exit status: 0 when every failure is listed in tests/spec/KNOWN_FAILURES
# ("file.wast:LINE reason"); 1 when an unlisted failure, a crash or a timeout
# appears (they are printed); 2 on a set-up problem. Listed failures still
# count as failed in the totals.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root" || exit 2

suite=${SPEC_TESTSUITE:-$root/../shared/testsuite}
spectest=${SPECTEST:-build/spectest}
out=${SPEC_OUT:-build/spec}
timeout_s=${SPEC_TIMEOUT:-120}
jobs=${SPEC_JOBS:-1}
known_file=tests/spec/KNOWN_FAILURES

die() { echo "spec: $*" >&2; exit 2; }

[[ -d $suite/core ]] || die "testsuite not found at '$suite' (expected $suite/core/*.wast; set SPEC_TESTSUITE)"
suite=$(cd "$suite" && pwd)
command -v wast2json >/dev/null || die "wast2json not found: install wabt (scripts/install-deps.sh)"
[[ -x $spectest ]] || die "$spectest not built (make $spectest)"
spectest=$(cd "$(dirname "$spectest")" && pwd)/$(basename "$spectest")
mkdir -p "$out/core" || die "cannot create $out/core"
out=$(cd "$out" && pwd)

# The files to run.
wasts=()
if (($# > 0)); then
  for name in "$@"; do
    name=${name%.wast}
    matched=0
    for f in "$suite"/core/$name.wast; do # NAME may be a glob: 'simd_*'
      [[ -f $f ]] || continue
      wasts+=("$f")
      matched=1
    done
    ((matched)) || die "no such test file: $suite/core/$name.wast"
  done
else
  for f in "$suite"/core/*.wast; do
    wasts+=("$f")
  done
fi
((${#wasts[@]} > 0)) || die "no .wast files in $suite/core"

# Converts X.wast to $out/core/X.json unless that is up to date, then runs
# the harness on it; the log holds every failure line and the summary.
run_one() {
  local wast=$1 name json log
  name=$(basename "$wast" .wast)
  json=$out/core/$name.json
  log=$out/core/$name.log
  if [[ ! -f $json || $json -ot $wast ]]; then
    if ! wast2json "$wast" -o "$json" >"$log" 2>&1; then
      rm -f "$json"
      echo "$name.wast:0: conversion: wast2json failed: $(head -n 1 "$log")" >"$log"
      echo "$name.wast: 0 passed, 1 failed, 0 skipped" >>"$log"
      return
    fi
  fi
  # spectest has its own per-file timeout; timeout(1) is the backstop.
  (cd "$out/core" && timeout -k 5 $((timeout_s + 30)) "$spectest" -v -t "$timeout_s" "$name.json") \
    >"$log" 2>&1
  local rc=$?
  if ! tail -n 1 "$log" | grep -Eq "^$name\.wast: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$"; then
    echo "$name.wast:0: crash: spectest ended without a summary (exit status $rc)" >>"$log"
    echo "$name.wast: 0 passed, 1 failed, 0 skipped" >>"$log"
  fi
}

if ((jobs > 1)); then
  running=0
  for wast in "${wasts[@]}"; do
    if ((running >= jobs)); then
      wait -n
      running=$((running - 1))
    fi
    run_one "$wast" &
    running=$((running + 1))
  done
  wait
else
  for wast in "${wasts[@]}"; do run_one "$wast"; done
fi

# Known failures: "file.wast:LINE reason"; # comments and blank lines ignored.
declare -A known=()
if [[ -f $known_file ]]; then
  while read -r key _; do
    [[ -z $key || $key == \#* ]] && continue
    known[$key]=1
  done <"$known_file"
fi

passed=0 failed=0 skipped=0
unlisted=()
declare -A failed_at=() ran=()
for wast in "${wasts[@]}"; do
  name=$(basename "$wast" .wast)
  log=$out/core/$name.log
  ran[$name.wast]=1
  summary=$(tail -n 1 "$log")
  echo "$summary"
  read -r p f s < <(sed -E 's/^.*: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped$/\1 \2 \3/' <<<"$summary")
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  # Failure lines are "X.wast:LINE: what: detail"; crashes can never be known failures.
  while IFS= read -r line; do
    key=${line%%: *}
    failed_at[$key]=1
    if [[ $line == *": crash: "* || $line == *": conversion: "* || -z ${known[$key]:-} ]]; then
      unlisted+=("$line")
    fi
  done < <(grep -E "^$name\.wast:[0-9]+: " "$log" | grep -v ': note: ')
done

fixed=()
for key in "${!known[@]}"; do
  file=${key%%:*}
  [[ -n ${ran[$file]:-} && -z ${failed_at[$key]:-} ]] && fixed+=("$key")
done

status=0
if ((${#fixed[@]} > 0)); then
  printf '%s\n' "${fixed[@]}" | sort -t: -k1,1 -k2,2n | sed 's/$/: fixed, remove from KNOWN_FAILURES/'
fi
if ((${#unlisted[@]} > 0)); then
  echo "unlisted failures (${#unlisted[@]}; logs in $out/core/*.log):"
  printf '  %s\n' "${unlisted[@]}" | head -n 200
  ((${#unlisted[@]} > 200)) && echo "  ... and $((${#unlisted[@]} - 200)) more"
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
