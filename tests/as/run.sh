#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are single-quoted: eval'd after each run
# tests/as/run.sh — AssemblyScript under cwasi: installs npm's
# assemblyscript and @assemblyscript/wasi-shim (versions pinned in
# tests/as/package.json) into WORKDIR/node_modules, compiles cli.ts once
# (recompiled when it changes) and runs it in each of its modes: args,
# env, stdout/stdin/stderr, exit codes, random, clocks. When node/npm are
# missing or the registry cannot be reached it prints a SKIPPED line and
# succeeds. Prints "as: N passed, N failed" last.
#
# usage: tests/as/run.sh [CWASI [WORKDIR]]   (defaults: build/cwasi, build/as)
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$root/tests/lib.sh"
suite_init as "$@"

skip() {
  echo "as: SKIPPED: $1"
  echo "as: 0 passed, 0 failed"
  exit 0
}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  skip "node and npm are not installed (make deps)"
fi
asc=$work/node_modules/assemblyscript/bin/asc.js
shim=node_modules/@assemblyscript/wasi-shim/asconfig.json
if ! cmp -s "$src/package.json" "$work/package.json" || [[ ! -f $asc || ! -f $work/$shim ]]; then
  cp "$src/package.json" "$work/package.json"
  # Few retries and short timeouts: offline, this must give up in seconds, not minutes.
  if ! timeout 90 npm install --prefix "$work" --no-audit --no-fund --no-save --loglevel=error \
    --fetch-retries=1 --fetch-retry-mintimeout=1000 --fetch-retry-maxtimeout=2000 --fetch-timeout=30000 \
    >"$work/npm.log" 2>&1; then
    rm -f "$work/package.json" # retried next time
    skip "npm could not install assemblyscript (registry unreachable?): $(grep -m1 -i err "$work/npm.log")"
  fi
fi

wasm=$work/cli.wasm
if [[ ! -f $wasm || $wasm -ot $src/cli.ts || $wasm -ot $work/package.json ]]; then
  # asc resolves the shim's "lib" folder relative to the current directory.
  if ! (cd "$work" && node "$asc" "$src/cli.ts" --config "./$shim" -O2 -o "$wasm") >"$work/asc.log" 2>&1; then
    echo "as: cannot compile tests/as/cli.ts:" >&2
    cat "$work/asc.log" >&2
    exit 2
  fi
fi


run() {
  timeout 60 "$@" >"$work/stdout" 2>"$work/stderr" </dev/null
  rc=$?
  out=$(cat "$work/stdout")
  err=$(cat "$work/stderr")
}


nl=$'\n'

run "$cwasi" run "$wasm" args one '' 'two words' 'ünï'
check "args: every argument, exit status argc" \
  eval '[[ $rc == 6 && $out == "argc 6${nl}0: [$wasm]${nl}1: [args]${nl}2: [one]${nl}3: []${nl}4: [two words]${nl}5: [ünï]" ]]'
run "$cwasi" run --argv0 renamed "$wasm" args
check "args: --argv0" eval '[[ $rc == 2 && $out == "argc 2${nl}0: [renamed]${nl}1: [args]" ]]'

run "$cwasi" run --env B=x=y --env A=1 --env EMPTY= "$wasm" env
check "env: only what --env gives" eval '[[ $rc == 0 && $out == "A=[1]${nl}B=[x=y]${nl}EMPTY=[]${nl}has MISSING: no" ]]'
run env -i CWASI_AS=inherited "$cwasi" run --inherit-env "$wasm" env
check "env: --inherit-env" eval '[[ $rc == 0 && $out == "CWASI_AS=[inherited]${nl}has MISSING: no" ]]'
run env CWASI_AS=inherited "$cwasi" run "$wasm" env
check "env: nothing inherited by default" eval '[[ $rc == 0 && $out == "has MISSING: no" ]]'

run "$cwasi" run "$wasm" random
first=$out
check "random: properties of getRandomValues and Math.random" \
  eval '[[ $rc == 0 && $(grep -c ": yes$" <<<"$out") == 4 && $out != *": no"* ]]'
run "$cwasi" run "$wasm" random
check "random: two runs draw different bytes and seeds" \
  eval '[[ $rc == 0 && $(grep ^bytes <<<"$out") != $(grep ^bytes <<<"$first") &&
          $(grep ^math <<<"$out") != $(grep ^math <<<"$first") ]]'

run "$cwasi" run "$wasm" time
check "time: Date.now and performance.now" \
  eval '[[ $rc == 0 && $(grep -c ": yes$" <<<"$out") == 3 && $out != *": no"* ]]'

head -c 5000 /dev/urandom | base64 >"$work/input.txt"
timeout 60 "$cwasi" run "$wasm" cat <"$work/input.txt" >"$work/stdout" 2>"$work/stderr"
rc=$? out=$(head -c 200 "$work/stdout") err=$(cat "$work/stderr")
check "stdin to stdout (upper-cased), count on stderr" \
  eval '[[ $rc == 0 && $err == "read $(wc -c <"$work/input.txt") bytes" ]] &&
        tr a-z A-Z <"$work/input.txt" | cmp -s - "$work/stdout"'

for code in 0 1 42 255; do
  run "$cwasi" run "$wasm" exit $code
  check "process.exit($code)" eval '[[ $rc == $code && $out == "exiting with $code" ]]'
done
run "$cwasi" run "$wasm" throw
check "uncaught error: the shim's abort message, status 255" \
  eval '[[ $rc == 255 && $out == "about to throw" && $err == "abort: deliberate error in "*cli.ts* ]]'
run "$cwasi" run "$wasm" bogus
check "unknown mode: usage on stderr, status 2" eval '[[ $rc == 2 && -z $out && $err == usage:* ]]'

rm -f "$work/stdout" "$work/stderr"
finish as
