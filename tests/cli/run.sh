#!/usr/bin/env bash
# shellcheck disable=SC2016 # check's conditions are single-quoted: eval'd after each run
# tests/cli/run.sh — tests of the `cwasi` command line: exit statuses,
# --invoke parsing and printing, one-line errors naming the offset for
# truncated, corrupted and random modules, traps (including endless
# recursion). Prints "cli: N passed, N failed".
#
# usage: tests/cli/run.sh [CWASI [WORKDIR]]   (defaults: build/cwasi, build/cli)
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$root/tests/lib.sh"
suite_init cli "$@"
command -v wat2wasm >/dev/null || { echo "cli: wat2wasm not found (install wabt)" >&2; exit 2; }
for wat in tests/cli/*.wat; do
  wasm=$work/$(basename "$wat" .wat).wasm
  if [[ ! -f $wasm || $wasm -ot $wat ]]; then
    wat2wasm "$wat" -o "$wasm" || { echo "cli: wat2wasm failed on $wat" >&2; exit 2; }
  fi
done


# slurp FILE VAR: VAR = FILE's text without trailing newlines (no subshell:
# the loops below run cwasi hundreds of times).
slurp() {
  IFS= read -r -d '' "$2" <"$1"
  while [[ ${!2} == *$'\n' ]]; do printf -v "$2" '%s' "${!2%$'\n'}"; done
}

# run CMD...: runs with a time limit, sets out, err, rc.
run() {
  timeout 60 "$@" >"$work/stdout" 2>"$work/stderr"
  rc=$?
  slurp "$work/stdout" out
  slurp "$work/stderr" err
}


lines() { if [[ -z $1 ]]; then echo 0; else printf '%s\n' "$1" | wc -l; fi; }
one_line() { [[ $(lines "$err") == 1 ]]; }
is() { [[ $rc == "$1" && $out == "$2" ]]; }
# A module error: exit 1, nothing on stdout, one line naming file and offset.
offset_error() { [[ $rc == 1 && -z $out ]] && one_line && [[ $err =~ ^cwasi:\ .+:\ offset\ 0x[0-9a-f]+:\ . ]]; }

s=$work/sample.wasm

# ---- help, version, usage errors ----
run "$cwasi" --help
check "--help exits 0 and documents exit statuses" eval '[[ $rc == 0 && $out == *"exit status"* && $out == *134* ]]'
run "$cwasi" -h
check "-h is --help" eval '[[ $rc == 0 && $out == usage:* ]]'
run "$cwasi" --version
check "--version" eval '[[ $rc == 0 && $out =~ ^cwasi\ [0-9]+\.[0-9]+\.[0-9]+$ ]]'
run "$cwasi"
check "no arguments: usage error" eval '[[ $rc == 2 ]]'
run "$cwasi" --bogus
check "unknown flag: exit 2" eval '[[ $rc == 2 && $err == *"--bogus"* ]]'
run "$cwasi" frobnicate x.wasm
check "unknown command: exit 2" eval '[[ $rc == 2 ]]'
run "$cwasi" run --bogus "$s"
check "unknown run flag: exit 2" eval '[[ $rc == 2 ]]'
run "$cwasi" run
check "run without module: exit 2" eval '[[ $rc == 2 ]]'
run "$cwasi" run --invoke
check "--invoke without name: exit 2" eval '[[ $rc == 2 ]]'
run "$cwasi" validate
check "validate without module: exit 2" eval '[[ $rc == 2 ]]'

# ---- missing and unreadable files ----
run "$cwasi" run "$work/no-such-file.wasm"
check "run: missing file: exit 1, one line" eval '[[ $rc == 1 && $err == "cwasi: $work/no-such-file.wasm: No such file or directory" ]]'
run "$cwasi" validate "$work/no-such-file.wasm"
check "validate: missing file: exit 1" eval '[[ $rc == 1 ]] && one_line'
run "$cwasi" validate "$work"
check "validate: a directory: exit 1, one line" eval '[[ $rc == 1 ]] && one_line'

# ---- --invoke ----
run "$cwasi" run --invoke add "$s" 2 3
check "invoke add 2 3" is 0 5
run "$cwasi" run --invoke add "$s" -7 0x10
check "invoke: negative and hex i32" is 0 9
run "$cwasi" run --invoke add "$s" 0x7fffffff 1
check "invoke: i32 wraps, prints signed" is 0 -2147483648
run "$cwasi" run --invoke add "$s" 4294967295 0
check "invoke: unsigned i32 spelling" is 0 -1
run "$cwasi" run --invoke add64 "$s" 9223372036854775807 1
check "invoke: i64 wraps" is 0 -9223372036854775808
run "$cwasi" run --invoke add64 "$s" -0x10 1
check "invoke: negative hex i64" is 0 -15
run "$cwasi" run --invoke fdiv "$s" 1 3
check "invoke: f32 shortest round-trip" is 0 0.33333334
run "$cwasi" run --invoke ddiv "$s" 1 3
check "invoke: f64 shortest round-trip" is 0 0.3333333333333333
run "$cwasi" run --invoke ddiv "$s" 1 0
check "invoke: f64 inf" is 0 inf
run "$cwasi" run --invoke fdiv "$s" nan 1
check "invoke: f32 nan argument" is 0 nan
run "$cwasi" run --invoke ddiv "$s" 2.5e3 -inf
check "invoke: -0" is 0 -0
run "$cwasi" run --invoke swap "$s" 7 1.5
check "invoke: two results, one per line" is 0 $'1.5\n7'
run "$cwasi" run --invoke nothing "$s"
check "invoke: no results" is 0 ''
run "$cwasi" --invoke add "$s" 1 2
check "invoke: bare --invoke is a usage error" eval '[[ $rc == 2 ]]'
run "$cwasi" run --invoke=add "$s" 1 2
check "invoke: --invoke=NAME" is 0 3
run "$cwasi" run --invoke add "$s" 1
check "invoke: too few arguments: exit 2" eval '[[ $rc == 2 && -z $out ]] && one_line'
run "$cwasi" run --invoke add "$s" 1 2 3
check "invoke: too many arguments: exit 2" eval '[[ $rc == 2 ]] && one_line'
run "$cwasi" run --invoke add "$s" one 2
check "invoke: unparsable i32: exit 2" eval '[[ $rc == 2 && $err == *one* ]] && one_line'
run "$cwasi" run --invoke add "$s" 4294967296 0
check "invoke: i32 out of range: exit 2" eval '[[ $rc == 2 ]]'
run "$cwasi" run --invoke fdiv "$s" 1.5x 1
check "invoke: unparsable f32: exit 2" eval '[[ $rc == 2 ]]'
run "$cwasi" run --invoke nosuch "$s"
check "invoke: unknown export: exit 2" eval '[[ $rc == 2 && $err == *nosuch* ]] && one_line'
run "$cwasi" run --invoke mem "$s"
check "invoke: export that is not a function: exit 2" eval '[[ $rc == 2 ]]'

# ---- traps ----
run "$cwasi" run --invoke div "$s" 1 0
check "trap: exit 134, one line" eval '[[ $rc == 134 && -z $out && $err == "cwasi: trap: integer divide by zero"* ]] && one_line'
run "$cwasi" run --invoke div "$s" -2147483648 -1
check "trap: integer overflow" eval '[[ $rc == 134 && $err == "cwasi: trap: integer overflow"* ]]'
run "$cwasi" run --invoke forever "$s" 0
check "endless recursion: call stack exhausted, exit 134" eval '[[ $rc == 134 && $err == "cwasi: trap: call stack exhausted"* ]] && one_line'
run "$cwasi" run "$work/start_trap.wasm"
check "_start traps: exit 134" eval '[[ $rc == 134 && $err == "cwasi: trap: unreachable"* ]]'
run "$cwasi" run "$work/start_section_trap.wasm"
check "start section traps: exit 134" eval '[[ $rc == 134 && $err == "cwasi: trap: unreachable"* ]]'
run "$cwasi" run "$work/start_ok.wasm"
check "_start returns: exit 0, quiet" is 0 ''
run "$cwasi" "$work/start_ok.wasm"
check "cwasi X.wasm runs it" is 0 ''
run "$cwasi" run "$s"
check "no _start: instantiate only, exit 0" is 0 ''
run "$cwasi" run "$work/needs_import.wasm"
check "unknown import: exit 1, one line" eval '[[ $rc == 1 && $err == *nowhere* ]] && one_line'

# ---- validate ----
run "$cwasi" validate "$s"
check "validate: valid module, quiet" eval '[[ $rc == 0 && -z $out && -z $err ]]'

size=$(stat -c %s "$s")
head -c $((size - 3)) "$s" >"$work/truncated.wasm" # inside the last section
run "$cwasi" validate "$work/truncated.wasm"
check "validate: truncated file: one line naming the offset" offset_error
run "$cwasi" run "$work/truncated.wasm"
check "run: truncated file: one line naming the offset" offset_error
: >"$work/empty.wasm"
run "$cwasi" validate "$work/empty.wasm"
check "validate: empty file" offset_error

# Deterministic random bytes: alone, and after a valid header.
RANDOM=4242
random_bytes() {
  local i esc all=''
  for ((i = 0; i < $1; i++)); do
    printf -v esc '\\x%02x' $((RANDOM % 256))
    all+=$esc
  done
  printf '%b' "$all"
}
random_bytes 200 >"$work/random.wasm"
run "$cwasi" validate "$work/random.wasm"
check "validate: random bytes" offset_error
run "$cwasi" run "$work/random.wasm"
check "run: random bytes" offset_error
for k in 1 2 3 4 5 6 7 8; do
  { printf '\0asm\1\0\0\0'; random_bytes 64; } >"$work/random-body.wasm"
  run "$cwasi" validate "$work/random-body.wasm"
  check "validate: header + random bytes #$k" offset_error
done

# The sample as printf escapes (\xNN per byte), to cut and patch it without forking.
bytes=$(od -An -v -tx1 "$s" | tr -d ' \n' | sed 's/../\\x&/g')

# Every prefix of a valid module is rejected with one line (or, if it ends
# at a section boundary, accepted), never a crash.
bad=0
for ((n = 0; n < size; n++)); do
  printf '%b' "${bytes:0:4*n}" >"$work/prefix.wasm"
  run "$cwasi" validate "$work/prefix.wasm"
  if ! [[ $rc == 0 && -z $err ]] && ! offset_error; then
    bad=$((bad + 1))
    echo "  prefix of $n bytes: exit $rc: $err"
  fi
done
check "validate: all $size truncations give one-line offset errors" eval '[[ $bad == 0 ]]'

# Every single-byte corruption must be accepted or rejected in one line.
bad=0
for ((n = 8; n < size; n++)); do
  printf '%b' "${bytes:0:4*n}\\xff${bytes:4*n+4}" >"$work/mutant.wasm"
  run "$cwasi" validate "$work/mutant.wasm"
  if ! [[ $rc == 0 && -z $err ]] && ! offset_error; then
    bad=$((bad + 1))
    echo "  byte $n set to 0xff: exit $rc: $err"
  fi
done
check "validate: all single-byte corruptions handled" eval '[[ $bad == 0 ]]'

source "$root/tests/cli/bad_inputs.sh"

rm -f "$work/stdout" "$work/stderr"
finish cli
