#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are single-quoted: eval'd after each run
# tests/rust/run.sh — Rust programs (std::fs, std::env, std::time,
# std::process) compiled at test time with Debian's rustc and
# libstd-rust-dev-wasm32 (/usr/bin/rustc explicitly: a rustup rustc first
# in PATH usually has no wasm32-wasi std) and run under cwasi. The guests
# assert their own results; this script checks stdout, exit statuses and
# the files they leave. Prints "rust: N passed, N failed" last.
#
# usage: tests/rust/run.sh [CWASI [WORKDIR]]   (defaults: build/cwasi, build/rust)
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$root/tests/lib.sh"
suite_init rust "$@"
RUSTC=${RUSTC:-/usr/bin/rustc}

# Rust 1.78+ calls the target wasm32-wasip1 (and 1.84 dropped the old name).
target=wasm32-wasi
"$RUSTC" --print target-list 2>/dev/null | grep -qx wasm32-wasip1 && target=wasm32-wasip1
for p in fs env time exit; do
  wasm=$bin/$p.wasm
  [[ -f $wasm && $wasm -nt $src/$p.rs ]] && continue
  # fs.rs uses std::os::wasi (feature wasi_ext, unstable in Rust 1.63).
  if ! RUSTC_BOOTSTRAP=1 "$RUSTC" --target $target -O --edition 2021 "$src/$p.rs" -o "$wasm" \
    2>"$work/rustc.log"; then
    echo "rust: cannot compile $p.rs with $RUSTC --target $target (are rustc and" \
      "libstd-rust-dev-wasm32 installed? make deps)" >&2
    cat "$work/rustc.log" >&2
    exit 2
  fi
done


run() {
  timeout 60 "$@" >"$work/stdout" 2>"$work/stderr"
  rc=$?
  out=$(cat "$work/stdout")
  err=$(cat "$work/stderr")
}


# guest_ok MIN: exit 0 and the guest's "checks: P passed, 0 failed" with P >= MIN.
guest_ok() {
  [[ $rc == 0 && $out =~ checks:\ ([0-9]+)\ passed,\ 0\ failed$ ]] && ((BASH_REMATCH[1] >= $1))
}

# ---- std::fs ---------------------------------------------------------------------
# Each mount point runs under one of the two path resolvers (src/wasi/resolve.c).
for case in /sandbox:openat2 /data/deep:walk; do
  guest=${case%:*} mode=${case#*:}
  w=$work/fs${guest//\//-}
  rm -rf "$w"
  mkdir -p "$w/sandbox"
  echo -n secret >"$w/outside"
  run env CWASI_WASI_RESOLVE=$mode "$cwasi" run --dir "$w/sandbox::$guest" "$bin/fs.wasm" "$guest"
  check "std::fs in $guest ($mode): every check in the guest passes" guest_ok 55
  manifest=$(cd "$w/sandbox" && find . -printf '%y %p %s %n %l\n' | sort)
  expected='d . 4096 3 
d ./kept 4096 3 
d ./kept/b 4096 2 
f ./kept/b/moved.txt 11 2 
f ./kept/copy.txt 11 1 
f ./kept/hard.txt 11 2 
f ./kept/victim.txt 5 1 
l ./kept/link 11 1 b/moved.txt'
  check "std::fs in $guest: the tree left on the host" \
    eval '[[ $(sed "s/^d \(.*\) [0-9]* \([0-9]\) $/d \1 4096 \2 /" <<<"$manifest") == "$expected" ]]'
  check "std::fs in $guest: contents, mtime set by the guest, nothing outside touched" \
    eval '[[ $(cat "$w/sandbox/kept/link") == "Hello, WASI" && $(cat "$w/sandbox/kept/victim.txt") == other &&
            $(stat -c %Y "$w/sandbox/kept/b/moved.txt") == 1000000000 &&
            $(cat "$w/outside") == secret && $(ls "$w") == "outside"$'"'"'\n'"'"'"sandbox" ]]'
done
run "$cwasi" run "$bin/fs.wasm"
check "std::fs without --dir: fails, nothing written" eval '[[ $rc != 0 && ! -e /sandbox ]]'

# ---- std::env ----------------------------------------------------------------------
expected='arg 0: [prog]
arg 1: [one]
arg 2: []
arg 3: [two words]
arg 4: [ünï]
args_os: 5
var EMPTY=[]
var EQ=[a=b=c]
var GREETING=[hi there]
unset var: NotPresent
var_os(GREETING) = Some("hi there")
stdin: 3 lines, sum 42'
run bash -c 'printf "40\n-8\n10\n" | "$@"' _ "$cwasi" run --argv0 prog --env 'GREETING=hi there' \
  --env EQ=a=b=c --env EMPTY= "$bin/env.wasm" one '' 'two words' 'ünï'
check "std::env: args, vars, stdin, stderr" eval '[[ $rc == 0 && $out == "$expected" && $err == "to stderr" ]]'
run env -i CWASI_INHERITED=yes PATH="$PATH" "$cwasi" run --inherit-env "$bin/env.wasm" </dev/null
check "std::env: --inherit-env passes the host environment" \
  eval '[[ $rc == 0 && $out == *"var CWASI_INHERITED=[yes]"* && $out == *"arg 0: [$bin/env.wasm]"* ]]'
run env CWASI_INHERITED=yes "$cwasi" run "$bin/env.wasm" </dev/null
check "std::env: no environment unless asked" eval '[[ $rc == 0 && $out != *"var "* && $out == *"args_os: 1"* ]]'

# ---- std::time ---------------------------------------------------------------------
run "$cwasi" run "$bin/time.wasm" "$(date +%s)"
check "std::time: clocks and thread::sleep" guest_ok 9

# ---- std::process ------------------------------------------------------------------
for code in 0 3 255; do
  run "$cwasi" run "$bin/exit.wasm" $code
  check "std::process::exit($code)" eval '[[ $rc == $code && $out == "before exit" ]]'
done
run "$cwasi" run "$bin/exit.wasm" return
check "returning from main: status 0" eval '[[ $rc == 0 && $out == "before exit"$'"'"'\n'"'"'"returned" ]]'
run "$cwasi" run "$bin/exit.wasm" panic
check "panic: a trap, non-zero status, the message on stderr" \
  eval '[[ $rc != 0 && $rc != 101 && $out == "before exit" && $err == *"deliberate panic"* && $err == *trap* ]]'

rm -f "$work/stdout" "$work/stderr"
finish rust
