#!/usr/bin/env bash
# tests/spec/relaxed.sh — runs Wasm 3.0's relaxed SIMD spec files
# (../shared/testsuite-3.0/*relaxed*.wast) against build/spectest; prints one
# line per file and a total "N passed, N failed, N skipped". cwasi makes one
# deterministic choice per instruction (src/interp/simd.h); the files accept
# any allowed result through (either ...), which the harness checks.
#
# wabt 1.0.32's wast2json (Debian's) knows relaxed SIMD under
# --enable-relaxed-simd but spells the two dot products the pre-standard way
# (i16x8.dot_i8x16_i7x16_s, i32x4.dot_i8x16_i7x16_add_s); the scripts are
# converted from a copy renamed to that spelling (same opcodes).
#
# Environment: SPEC_TESTSUITE3 (default ../shared/testsuite-3.0), SPECTEST
# (default build/spectest), SPEC_OUT (default build/spec-relaxed).
# Exit status 0 when nothing failed, 1 otherwise, 2 on a set-up problem.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root" || exit 2
suite=${SPEC_TESTSUITE3:-$root/../shared/testsuite-3.0}
spectest=${SPECTEST:-build/spectest}
out=${SPEC_OUT:-build/spec-relaxed}
die() { echo "relaxed: $*" >&2; exit 2; }
[[ -d $suite ]] || die "testsuite not found at '$suite' (set SPEC_TESTSUITE3)"
[[ -x $spectest ]] || die "$spectest not built"
command -v wast2json >/dev/null || die "wast2json not found: install wabt (scripts/install-deps.sh)"
spectest=$(cd "$(dirname "$spectest")" && pwd)/$(basename "$spectest")
mkdir -p "$out" || die "cannot create $out"
passed=0 failed=0 skipped=0 status=0
for wast in "$suite"/*relaxed*.wast; do
  name=$(basename "$wast" .wast)
  sed -e 's/i16x8\.relaxed_dot_i8x16_i7x16_s/i16x8.dot_i8x16_i7x16_s/g' \
    -e 's/i32x4\.relaxed_dot_i8x16_i7x16_add_s/i32x4.dot_i8x16_i7x16_add_s/g' \
    "$wast" >"$out/$name.wast"
  if ! wast2json --enable-relaxed-simd "$out/$name.wast" -o "$out/$name.json" >"$out/$name.log" 2>&1
  then
    echo "$name.wast: conversion failed: $(head -n 1 "$out/$name.log")"
    failed=$((failed + 1)) status=1
    continue
  fi
  (cd "$out" && "$spectest" -v "$name.json") >"$out/$name.log" 2>&1
  summary=$(tail -n 1 "$out/$name.log")
  echo "$summary"
  if ! [[ $summary =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
    echo "$name.wast: crash (no summary; $out/$name.log)"
    failed=$((failed + 1)) status=1
    continue
  fi
  passed=$((passed + BASH_REMATCH[1])) failed=$((failed + BASH_REMATCH[2]))
  skipped=$((skipped + BASH_REMATCH[3]))
  ((BASH_REMATCH[2] == 0)) || { status=1; grep -E "^$name\.wast:[0-9]+: " "$out/$name.log"; }
done
echo "relaxed SIMD: $passed passed, $failed failed, $skipped skipped"
exit $status
