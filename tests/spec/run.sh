#!/usr/bin/env bash
# tests/spec/run.sh — runs the WebAssembly spec test scripts through
# `cwasi wast`: the 2.0 core suite (../shared/testsuite/core, text-format
# assert_malformed included), then the top-level files of the 3.0 suite
# (../shared/testsuite-3.0). Prints one line per file, a total per suite and
# a closing total "N passed, N failed, N skipped (feature N, ...)"; commands
# that need a feature the engine does not have yet are skipped under that
# feature's name (src/wast/wast.h), never hidden.
#
# usage: tests/spec/run.sh [NAME...]   (NAME: i32, i32.wast, 3.0/i32, ...;
#                                       default: every file of both suites)
#
# Environment:
#   CWASI            the cwasi binary (default: build/cwasi)
#   SPEC_TESTSUITE   the 2.0 suite (default: ../shared/testsuite; files in core/)
#   SPEC_TESTSUITE3  the 3.0 suite (default: ../shared/testsuite-3.0)
#   SPEC_OUT         per-file logs (default: build/spec)
#   SPEC_TIMEOUT     seconds per file before it fails (default: 120)
#   SPEC_JOBS        files run in parallel (default: 2)
#   CWASI_SPEC_LIMITS  1: run with fuel and interruption checks in the code
#                    (cwasi wast --limit-checks); no result may change
#
# Exit status: 0 when every failure is listed in tests/spec/KNOWN_FAILURES
# (2.0) or tests/spec/KNOWN_FAILURES-3.0 ("file.wast:LINE reason"); 1 when
# an unlisted failure, a crash or a timeout appears (they are printed); 2 on
# a set-up problem. Listed failures count as skipped ("known-failure") in the
# suite and closing totals; the per-file lines show them as failed.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root" || exit 2

suite2=${SPEC_TESTSUITE:-$root/../shared/testsuite}
suite3=${SPEC_TESTSUITE3:-$root/../shared/testsuite-3.0}
cwasi=${CWASI:-build/cwasi}
out=${SPEC_OUT:-build/spec}
timeout_s=${SPEC_TIMEOUT:-120}
jobs=${SPEC_JOBS:-2}

die() { echo "spec: $*" >&2; exit 2; }

[[ -d $suite2/core ]] || die "testsuite not found at '$suite2' (expected $suite2/core/*.wast; set SPEC_TESTSUITE)"
[[ -x $cwasi ]] || die "$cwasi not built (make $cwasi)"
cwasi=$(cd "$(dirname "$cwasi")" && pwd)/$(basename "$cwasi")
limit_flag=()
[[ ${CWASI_SPEC_LIMITS:-} == 1 ]] && limit_flag=(--limit-checks)
mkdir -p "$out/2.0" "$out/3.0" || die "cannot create $out"
out=$(cd "$out" && pwd)

# The files to run, as "SUITE FILE" pairs.
runs=()
if (($# > 0)); then
  for name in "$@"; do
    name=${name%.wast}
    if [[ $name == 3.0/* ]]; then
      f=$suite3/${name#3.0/}.wast
      [[ -f $f ]] || die "no such test file: $f"
      runs+=("3.0 $f")
    else
      f=$suite2/core/$name.wast
      [[ -f $f ]] || die "no such test file: $f"
      runs+=("2.0 $f")
    fi
  done
else
  for f in "$suite2"/core/*.wast; do runs+=("2.0 $f"); done
  if [[ -d $suite3 ]]; then
    for f in "$suite3"/*.wast; do runs+=("3.0 $f"); done
  else
    echo "spec: no 3.0 suite at '$suite3' (set SPEC_TESTSUITE3); running 2.0 only" >&2
  fi
fi

# Runs one file; its log holds the failure lines and the summary line.
run_one() {
  local suite=$1 wast=$2 name log
  name=$(basename "$wast" .wast)
  log=$out/$suite/$name.log
  timeout -k 5 "$timeout_s" "$cwasi" wast -v "${limit_flag[@]}" "$wast" >"$log" 2>&1
  local rc=$?
  # cwasi wast ends with the file's line and the total: keep the file's line last.
  local summary
  summary=$(grep -E "^$name\.wast: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped" "$log" | tail -n 1)
  if [[ -z $summary ]]; then
    echo "$name.wast:0: crash: cwasi wast ended without a summary (exit status $rc)" >>"$log"
    summary="$name.wast: 0 passed, 1 failed, 0 skipped"
  fi
  echo "$summary" >>"$log"
}

running=0
for r in "${runs[@]}"; do
  if ((running >= jobs)); then
    wait -n
    running=$((running - 1))
  fi
  run_one $r &
  running=$((running + 1))
done
wait

declare -A known2=() known3=()
load_known() { # FILE ARRAY
  local -n into=$2
  [[ -f $1 ]] || return 0
  while read -r key _; do
    [[ -z $key || $key == \#* ]] && continue
    into[$key]=1
  done <"$1"
}
load_known tests/spec/KNOWN_FAILURES known2
load_known tests/spec/KNOWN_FAILURES-3.0 known3

# Totals: "passed failed skipped" and skips by feature, per suite and overall.
declare -A passed=() failed=() skipped=() reasons=() known=()
status=0
unlisted=()
fixed=()
for suite in 2.0 3.0; do
  declare -A failed_at=() ran=()
  passed[$suite]=0 failed[$suite]=0 skipped[$suite]=0
  any=0
  for r in "${runs[@]}"; do
    [[ ${r%% *} == "$suite" ]] || continue
    any=1
    wast=${r#* }
    name=$(basename "$wast" .wast)
    log=$out/$suite/$name.log
    ran[$name.wast]=1
    summary=$(tail -n 1 "$log")
    echo "$suite/$summary"
    read -r p f s < <(sed -E 's/^[^:]*: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped.*$/\1 \2 \3/' <<<"$summary")
    passed[$suite]=$((passed[$suite] + p)) failed[$suite]=$((failed[$suite] + f))
    skipped[$suite]=$((skipped[$suite] + s))
    if [[ $summary == *"skipped ("* ]]; then
      by=${summary#*skipped (}
      by=${by%)}
      IFS=',' read -ra parts <<<"$by"
      for part in "${parts[@]}"; do
        read -r feature n <<<"$part"
        reasons[$suite $feature]=$((${reasons[$suite $feature]:-0} + n))
      done
    fi
    while IFS= read -r line; do
      key=${line%%: *}
      failed_at[$key]=1
      if [[ $suite == 2.0 ]]; then listed=${known2[$key]:-}; else listed=${known3[$key]:-}; fi
      if [[ $line == *": crash: "* || -z $listed ]]; then
        unlisted+=("$suite/$line")
      else
        known[$suite]=$((${known[$suite]:-0} + 1))
      fi
    done < <(grep -E "^$name\.wast:[0-9]+: " "$log")
  done
  ((any)) || continue
  # A listed failure is expected: it moves from failed to skipped, under
  # "known-failure", so the totals' failed count is the unexpected ones.
  if ((${known[$suite]:-0} > 0)); then
    failed[$suite]=$((failed[$suite] - known[$suite]))
    skipped[$suite]=$((skipped[$suite] + known[$suite]))
    reasons[$suite known-failure]=${known[$suite]}
  fi
  if [[ $suite == 2.0 ]]; then keys=("${!known2[@]}"); else keys=("${!known3[@]}"); fi
  for key in "${keys[@]}"; do
    file=${key%%:*}
    [[ -n ${ran[$file]:-} && -z ${failed_at[$key]:-} ]] && fixed+=("$suite/$key")
  done
  by=""
  for k in "${!reasons[@]}"; do
    [[ ${k%% *} == "$suite" ]] && by+="${by:+, }${k#* } ${reasons[$k]}"
  done
  echo "== $suite total: ${passed[$suite]} passed, ${failed[$suite]} failed, ${skipped[$suite]} skipped${by:+ ($by)}"
  unset failed_at ran
done

if ((${#fixed[@]} > 0)); then
  printf '%s\n' "${fixed[@]}" | sort | sed 's/$/: fixed, remove from KNOWN_FAILURES/'
fi
if ((${#unlisted[@]} > 0)); then
  echo "unlisted failures (${#unlisted[@]}; logs in $out/*/*.log):"
  printf '  %s\n' "${unlisted[@]}" | head -n 200
  ((${#unlisted[@]} > 200)) && echo "  ... and $((${#unlisted[@]} - 200)) more"
  status=1
fi
tp=$((${passed[2.0]:-0} + ${passed[3.0]:-0}))
tf=$((${failed[2.0]:-0} + ${failed[3.0]:-0}))
ts=$((${skipped[2.0]:-0} + ${skipped[3.0]:-0}))
echo "$tp passed, $tf failed, $ts skipped"
exit $status
