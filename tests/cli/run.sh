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
run "$cwasi" run --invoke add4 "$work/simd.wasm" 0x00000004000000030000000200000001 0x10
check "invoke: v128 params and result (hex, lane 0 least significant)" \
  is 0 0x00000004000000030000000200000011
run "$cwasi" run --invoke splat "$work/simd.wasm" 0x7f
check "invoke: v128 printed with every byte" is 0 0x7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f
run "$cwasi" run --invoke sum "$work/simd.wasm" 0xffffffff000000000000000100000002
check "invoke: v128 argument read back by lanes" is 0 2
run "$cwasi" run --invoke sum "$work/simd.wasm" 0x1g
check "invoke: bad v128: usage error" eval '[[ $rc == 2 && $err == *v128* ]]'
run "$cwasi" run --invoke sum "$work/simd.wasm" 0x123456789012345678901234567890123
check "invoke: v128 of more than 32 hex digits: usage error" eval '[[ $rc == 2 ]]'
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

# ---- exit statuses of proc_exit ----
x=$work/exit.wasm
run "$cwasi" run --invoke exit "$x" 255
check "proc_exit(255): status 255, quiet" eval '[[ $rc == 255 && -z $err ]]'
run "$cwasi" run --invoke exit "$x" 256
check "proc_exit(256): status 1 (not 0), one line" \
  eval '[[ $rc == 1 && $err == *"proc_exit(256)"*"out of range"* ]] && one_line'
run "$cwasi" run --invoke exit "$x" 4294967295
check "proc_exit(2^32-1): status 1" eval '[[ $rc == 1 && $err == *"proc_exit(4294967295)"* ]]'
run "$cwasi" run --invoke exit "$x" 134
check "proc_exit(134): status 134 like a trap, but no trap message" eval '[[ $rc == 134 && -z $err ]]'

# ---- what is not a module file ----
run "$cwasi" run /dev/zero
check "run /dev/zero: refused at once, one line" \
  eval '[[ $rc == 1 && $err == "cwasi: /dev/zero: not a regular file"* ]] && one_line'
rm -f "$work/fifo" && mkfifo "$work/fifo"
run "$cwasi" run "$work/fifo"
check "run FIFO: refused, does not block" eval '[[ $rc == 1 && $err == *"not a regular file"* ]] && one_line'
run "$cwasi" validate "$work/fifo"
check "validate FIFO: refused" eval '[[ $rc == 1 && $err == *"not a regular file"* ]] && one_line'
run "$cwasi" run "$work"
check "run a directory: refused, one line" eval '[[ $rc == 1 && $err == *"not a regular file"* ]] && one_line'
rm -f "$work/fifo"

# ---- run --help ----
run "$cwasi" run --help
check "run --help prints the help, exit 0" eval '[[ $rc == 0 && $out == usage:*--invoke* && -z $err ]]'
run "$cwasi" run -h "$s"
check "run -h prints the help, exit 0" eval '[[ $rc == 0 && $out == usage:* ]]'

# ---- module-controlled names and offsets in messages ----
# An import named e<LF><ESC>[31m: one line, the name escaped.
printf '\0asm\1\0\0\0\1\4\1\x60\0\0\2\x10\1\7e\n\x1b[31m\4f\r\\"\0\0' >"$work/evil_import.wasm"
run "$cwasi" run "$work/evil_import.wasm"
check "hostile import name: one line, escaped, no ESC byte" \
  eval '[[ $rc == 1 && $err == *'"'"'unknown import "e\n\x1b[31m" "f\r\\\""'"'"'* && $err != *$'"'"'\e'"'"'* ]] && one_line'
run "$cwasi" run --invoke $'bad\n\e[2Jname' "$work/evil_trap.wasm"
check "trap in a function with a hostile export name: one escaped line" \
  eval '[[ $rc == 134 && $err == *'"'"'"bad\n\x1b[2Jname"'"'"'* ]] && one_line'
# A global whose initializer has the wrong type: the offset once.
printf '\0asm\1\0\0\0\6\6\1\x7e\0\x41\0\x0b' >"$work/bad_global.wasm"
run "$cwasi" validate "$work/bad_global.wasm"
check "validation error: the offset is printed once" \
  eval '[[ $err =~ ^cwasi:\ .*/bad_global.wasm:\ offset\ 0x[0-9a-f]+:\ global\ 0:\ type\ mismatch ]] && offset_error'

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

# ---- text modules (run/validate accept .wat, by content) and cwasi wast ----
run "$cwasi" run --invoke add tests/cli/sample.wat 2 40
check "run: a .wat module runs like its .wasm" is 0 42
cp tests/cli/sample.wat "$work/text-named.wasm"
run "$cwasi" run --invoke add "$work/text-named.wasm" 1 2
check "run: text is detected by content, not by the file name" is 0 3
run "$cwasi" tests/cli/sample.wat
check "cwasi x.wat is cwasi run x.wat" is 0 ""
run "$cwasi" run --invoke add4 tests/cli/simd.wat 0x00000004000000030000000200000001 0x10
check "run: a SIMD .wat (v128 immediates parsed by their kinds) gives its .wasm's result" \
  is 0 0x00000004000000030000000200000011
run "$cwasi" validate tests/cli/sample.wat
check "validate: a valid .wat prints nothing" eval '[[ $rc == 0 && -z $out && -z $err ]]'
printf '(module\n  (func (result i32)\n    (i32.add (i32.const 1) oops)))\n' >"$work/bad.wat"
run "$cwasi" validate "$work/bad.wat"
want="cwasi: $work/bad.wat:3:28: expected a folded operand or ')', found 'oops'"
check "validate: a parse error is one line naming file:line:column and what was expected" \
  eval '[[ $rc == 1 && -z $out && $err == "$want" ]]'
printf '(module (func (call $missing)))' >"$work/unbound.wat"
run "$cwasi" run "$work/unbound.wat"
check "run: an unknown name is a parse error at its column" \
  eval '[[ $rc == 1 && $err == "cwasi: $work/unbound.wat:1:21: unknown func \$missing" ]]'
printf '(module (func (result i32) (i32.const 0) (i32.const 1)))' >"$work/invalid.wat"
run "$cwasi" validate "$work/invalid.wat"
check "validate: a text module that parses but does not validate names the offset" offset_error

cat >"$work/good.wast" <<'WAST'
(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "nan") (result f32) (f32.div (f32.const 0) (f32.const 0))))
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return (invoke "nan") (f32.const nan:canonical))
(assert_trap (module (func $t unreachable) (start $t)) "unreachable")
(assert_malformed (module quote "(func (i32.const 0x))") "unknown operator")
(assert_invalid (module (func (result i32))) "type mismatch")
(module (func (export "v") (param v128) (result v128) (f32x4.sqrt (local.get 0))))
(assert_return (invoke "v" (v128.const f32x4 4 -1 9 0)) (v128.const f32x4 2 nan:canonical 3 0))
(assert_invalid (module (type $s (struct)) (func (result i32) (struct.new $s))) "type mismatch")
WAST
cat >"$work/bad.wast" <<'WAST'
(module (func (export "one") (result i32) (i32.const 1)))
(assert_return (invoke "one") (i32.const 2))
(assert_return (invoke "one") (i32.const 1))
WAST
run "$cwasi" wast "$work/good.wast"
check "wast: one line per file, then the total with skips by feature; exit 0" \
  is 0 $'good.wast: 6 passed, 0 failed, 1 skipped (gc 1)\n6 passed, 0 failed, 1 skipped (gc 1)'
run "$cwasi" wast "$work/good.wast" "$work/bad.wast"
check "wast: a failure makes exit status 1 and counts in the total" \
  eval '[[ $rc == 1 && $out == *"bad.wast: 1 passed, 1 failed, 0 skipped"* && $out == *$'"'"'\n7 passed, 1 failed, 1 skipped (gc 1)'"'"' ]]'
run "$cwasi" wast -v "$work/bad.wast"
check "wast -v: the failure names file:line, the command and what differed" \
  eval '[[ $out == "bad.wast:2: assert_return: invoke \"one\": expected (i32:2), got (i32:1)"* ]]'
# The 3.0 features' own scripts (tests/wast): every assertion must pass.
for w in tests/wast/*.wast; do
  run "$cwasi" wast -v "$w"
  check "wast: $(basename "$w") passes whole" \
    eval '[[ $rc == 0 && $out == *" 0 failed, 0 skipped" && $out != *": 0 passed"* ]]'
done
run "$cwasi" wast
check "wast without scripts: usage error" eval '[[ $rc == 2 ]]'
run "$cwasi" wast "$work/no-such.wast"
check "wast: an unreadable script is a failure" eval '[[ $rc == 1 && $out == *"1 failed"* ]]'

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

# ---- resource limits ----
l=$work/limits.wasm
run "$cwasi" --help
check "--help documents the limit flags" eval '[[ $out == *--fuel* && $out == *--timeout* && $out == *--max-memory* && $out == *--max-stack* ]]'
run "$cwasi" run --fuel 1000 --invoke spin "$l"
check "--fuel stops a loop without calls: trap, exit 134" eval '[[ $rc == 134 && $err == "cwasi: trap: all fuel consumed (in function \"spin\")" ]]'
run "$cwasi" run --fuel 1000 --invoke rec "$l"
check "--fuel stops endless recursion" eval '[[ $rc == 134 && $err == *"all fuel consumed"* ]]'
# count(100) costs 1 + 8 * 100 = 801: exactly that is enough, every time.
for i in 1 2 3; do
  run "$cwasi" run --fuel 801 --invoke count "$l" 100
  check "--fuel 801 is exactly enough for count(100) (run $i)" is 0 100
  run "$cwasi" run --fuel=800 --invoke count "$l" 100
  check "--fuel=800 is not (run $i)" eval '[[ $rc == 134 && $err == *"all fuel consumed"* ]]'
done
run "$cwasi" run --timeout 200ms --invoke spin "$l"
check "--timeout stops a loop without calls" eval '[[ $rc == 134 && $err == "cwasi: trap: interrupted: timeout of 200ms reached (in function \"spin\")" ]]'
run "$cwasi" run --timeout=1s --fuel 100000000000 --invoke spin "$l"
check "--timeout with --fuel: the first limit reached wins" eval '[[ $rc == 134 && $err == *"timeout of 1s reached"* ]]'
start=$SECONDS
run "$cwasi" run --timeout 300ms "$work/sleep_poll.wasm"
check "--timeout cuts a guest sleeping in poll_oneoff" eval '[[ $rc == 134 && $err == "cwasi: trap: interrupted: timeout of 300ms reached" && $((SECONDS - start)) -lt 5 ]]'
# A read on a pipe nobody writes to: fd 3 keeps the FIFO open for writing.
rm -f "$work/fifo" && mkfifo "$work/fifo" && exec 3<>"$work/fifo"
start=$SECONDS
run "$cwasi" run --timeout 300ms "$work/read_stdin.wasm" <"$work/fifo"
check "--timeout cuts a guest blocked reading stdin" eval '[[ $rc == 134 && $err == "cwasi: trap: interrupted: timeout of 300ms reached" && $((SECONDS - start)) -lt 5 ]]'
exec 3>&-
rm -f "$work/fifo"
run "$cwasi" run --timeout 1m "$work/read_stdin.wasm" <"$work/sample.wasm"
check "--timeout: a read that does not block just reads" is 0 ""
run "$cwasi" run --timeout 1m --invoke count "$l" 1000
check "--timeout not reached: the result" is 0 1000
# Tail calls (a text module: wabt needs a flag for them) keep the fuel and
# interruption checks: every callee's entry has one, and the frame is reused.
cat >"$work/tail.wat" <<'WAT'
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $asg (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (type $v (func))
  (table funcref (elem $tail_ind))
  (func $tail (export "tail") (return_call $tail))
  (func $tail_ind (export "tail-indirect") (return_call_indirect (type $v) (i32.const 0)))
  ;; fuel: 8 per call
  (func $tcount (export "tcount") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (return_call $tcount (i32.sub (local.get 0) (i32.const 1))))))
  ;; a tail call to a host function, from the invoked function and nested
  (func (export "host-first") (result i32) (return_call $asg (i32.const 0) (i32.const 4)))
  (func $host (result i32) (return_call $asg (i32.const 0) (i32.const 4)))
  (func (export "host-nested") (result i32) (i32.add (call $host) (i32.load (i32.const 0)))))
WAT
t=$work/tail.wat
run "$cwasi" run --fuel 100000 --invoke tail "$t"
check "--fuel stops endless tail recursion" eval '[[ $rc == 134 && $err == "cwasi: trap: all fuel consumed (in function \"tail\")" ]]'
run "$cwasi" run --timeout 300ms --invoke tail-indirect "$t"
check "--timeout stops endless indirect tail recursion" eval '[[ $rc == 134 && $err == *"timeout of 300ms reached (in function \"tail-indirect\")" ]]'
# tcount(100) is 101 calls of 8: 808 is exactly enough, every time.
for i in 1 2; do
  run "$cwasi" run --fuel 808 --invoke tcount "$t" 100
  check "--fuel 808 is exactly enough for 101 tail calls (run $i)" is 0 0
  run "$cwasi" run --fuel 807 --invoke tcount "$t" 100
  check "--fuel 807 is not (run $i)" eval '[[ $rc == 134 && $err == *"all fuel consumed"* ]]'
done
run "$cwasi" run --invoke tcount "$t" 10000000
check "10 million tail calls run in constant stack" is 0 0
cat >"$work/tail_v128.wat" <<'WAT'
(module
  (func $f (param i32 v128 i64) (result v128)
    (if (result v128) (i32.eqz (local.get 0))
      (then (i64x2.add (local.get 1) (i64x2.splat (local.get 2))))
      (else (return_call $f (i32.sub (local.get 0) (i32.const 1)) (local.get 1)
                            (i64.add (local.get 2) (i64.const 1))))))
  (func (export "g") (param v128) (result v128)
    (return_call $f (i32.const 1000000) (local.get 0) (i64.const 0))))
WAT
run "$cwasi" run --invoke g "$work/tail_v128.wat" 0x00000000000000010000000000000002
check "tail calls carry two-slot v128 arguments" is 0 0x00000000000f424100000000000f4242
run "$cwasi" run --invoke host-first "$t"
check "a tail call to a host function from the invoked function: its result" is 0 0
run "$cwasi" run --invoke host-nested "$t"
check "a nested tail call to a host function: its result and effect (argc)" is 0 1
run "$cwasi" run --max-memory 128K --invoke grow "$l" 1
check "--max-memory 128K: growing to 2 pages works" is 0 1
run "$cwasi" run --max-memory 128K --invoke grow "$l" 2
check "--max-memory 128K: 3 pages: memory.grow returns -1" is 0 -1
run "$cwasi" run --max-memory 131071 --invoke grow "$l" 1
check "--max-memory in bytes, not a page multiple" is 0 -1
run "$cwasi" run --max-memory 32K --invoke grow "$l" 0
check "--max-memory below the module's minimum: exit 1, one line" eval '[[ $rc == 1 && $err == *"minimum of 1 pages (65536 bytes) exceeds the store'"'"'s limit of 32768 bytes" ]] && one_line'
run "$cwasi" run --max-table-elements 3 --invoke tgrow "$l" 2
check "--max-table-elements 3: growing to 3 works" is 0 1
run "$cwasi" run --max-table-elements 3 --invoke tgrow "$l" 3
check "--max-table-elements 3: 4 elements: table.grow returns -1" is 0 -1
run "$cwasi" run --max-call-depth 50 --invoke rec "$l"
check "--max-call-depth: call stack exhausted" eval '[[ $rc == 134 && $err == "cwasi: trap: call stack exhausted (in function \"rec\")" ]]'
run "$cwasi" run --max-stack 4K --invoke fat "$l" 0 0 0 0 0 0 0 0
check "--max-stack: call stack exhausted" eval '[[ $rc == 134 && $err == *"call stack exhausted"* ]]'
run "$cwasi" run --max-stack 4K --invoke count "$l" 10
check "--max-stack 4K: a shallow call runs" is 0 10
for bad in "--fuel x" "--fuel -1" "--fuel 9223372036854775808" "--fuel" "--timeout 0" \
  "--timeout 2x" "--timeout ms" "--timeout=-1s" "--max-memory 1T" "--max-memory k" \
  "--max-memory 99999999999999999999" "--max-stack 0" "--max-stack 4" "--max-call-depth 0" \
  "--max-table-elements x" "--timeout"; do
  # shellcheck disable=SC2086 # the flag and its value are two words
  run "$cwasi" run $bad "$l"
  check "bad value: $bad: usage error, exit 2" eval '[[ $rc == 2 && $err == cwasi:* ]]'
done

source "$root/tests/cli/bad_inputs.sh"

rm -f "$work/stdout" "$work/stderr"
finish cli
