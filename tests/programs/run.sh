#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are single-quoted: eval'd after each run
# tests/programs/run.sh — program-level tests of `cwasi run`: small C tools
# (cat, ls -R, cp -r, wc, a concurrent echo server over --tcplisten, a poll_oneoff
# sleeper) and a comparison program, compiled at test time with
# clang --target=wasm32-wasi -O2 (Debian's wasi-libc) and, where the
# output should match, natively with cc too. Everything is checked from
# the host: stdout, exit status, files created in temporary directories
# passed with --dir. Prints "programs: N passed, N failed" last.
#
# usage: tests/programs/run.sh [CWASI [WORKDIR]]   (defaults: build/cwasi, build/programs)
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$root/tests/lib.sh"
suite_init programs "$@"
CLANG=${CLANG:-clang}
export LC_ALL=C

# build SRC OUT wasm|native: compiles when OUT is missing or older than SRC
# (wasm with wasm_cc from tests/lib.sh, native with cc).
build() {
  local source=$1 out=$2 ok
  [[ -f $out && $out -nt $source ]] && return 0
  if [[ $3 == wasm ]]; then
    wasm_cc "$out" "$source" -O2 -Wall 2>"$work/cc.log"
  else
    cc -O2 -Wall "$source" -o "$out" 2>"$work/cc.log"
  fi
  ok=$?
  if ((ok != 0)); then
    echo "programs: cannot compile $source ($3; are clang, lld, wasi-libc and" \
      "libclang-rt-14-dev-wasm32 installed? make deps)" >&2
    cat "$work/cc.log" >&2
    exit 2
  fi
}
for p in cat ls cp wc echo_server sleep compare; do
  build "$src/$p.c" "$bin/$p.wasm" wasm
done
for p in cat ls cp wc compare; do build "$src/$p.c" "$bin/$p" native; done


# run CMD...: runs with a time limit (stdin from /dev/null unless redirected
# by the caller); sets out, err, rc.
run() {
  timeout 60 "$@" >"$work/stdout" 2>"$work/stderr"
  rc=$?
  out=$(tr -d '\0' <"$work/stdout")
  err=$(cat "$work/stderr")
}


# fresh NAME: an empty scratch directory, printed.
fresh() {
  rm -rf "${work:?}/$1"
  mkdir -p "$work/$1"
  echo "$work/$1"
}

# ---- the test tree ---------------------------------------------------------------
t=$(fresh tree)
mkdir -p "$t/src/docs/deep/deeper" "$t/src/empty" "$t/src/many"
python3 - "$t/src" <<'PY'
import random, sys
r = random.Random(42)
words = ["alpha", "beta", "gamma", "delta", "wasm", "cwasi", "x", "", "\t", "  "]
with open(sys.argv[1] + "/docs/text.txt", "w") as f:
    for i in range(3000):
        f.write(" ".join(r.choice(words) for _ in range(r.randrange(12))) + "\n")
with open(sys.argv[1] + "/docs/binary.bin", "wb") as f:
    f.write(bytes(range(256)) * 8 + r.randbytes(200000))
with open(sys.argv[1] + "/big.bin", "wb") as f:
    f.write(r.randbytes(3 * 1024 * 1024 + 17))
for i in range(300):
    open("%s/many/file-%03d" % (sys.argv[1], i), "w").write("x" * i)
PY
printf 'no newline at end' >"$t/src/docs/deep/deeper/last.txt"
printf 'with space\n' >"$t/src/name with spaces.txt"
: >"$t/src/docs/empty.txt"
ln "$t/src/docs/text.txt" "$t/src/hardlink.txt"
ln -s docs/text.txt "$t/src/link-to-text"
ln -s ../missing "$t/src/docs/dangling"
find "$t/src" -type f -exec touch -m -d '2021-02-03 04:05:06 UTC' {} +
s=$t/src

# ---- cat -------------------------------------------------------------------------
cd "$t" || exit 2
run "$cwasi" run --dir src "$bin/cat.wasm" src/docs/binary.bin
check "cat: a binary file, byte for byte" eval '[[ $rc == 0 ]] && cmp -s "$work/stdout" src/docs/binary.bin'
run "$cwasi" run --dir src::/in "$bin/cat.wasm" /in/big.bin
check "cat: 3 MiB through a renamed preopen" eval '[[ $rc == 0 ]] && cmp -s "$work/stdout" src/big.bin'
printf 'from stdin\n' >"$work/stdin.txt"
run "$cwasi" run --dir src "$bin/cat.wasm" src/docs/deep/deeper/last.txt - "src/name with spaces.txt" \
  <"$work/stdin.txt"
check "cat: file, stdin, file" \
  eval '[[ $rc == 0 && $out == "no newline at endfrom stdin"$'"'"'\n'"'"'"with space" ]]'
run "$cwasi" run --dir src "$bin/cat.wasm" src/nope src/docs/empty.txt src/docs/deep/deeper/last.txt
check "cat: a missing file is reported, the others still printed" \
  eval '[[ $rc == 1 && $out == "no newline at end" && $err == "cat: src/nope: No such file or directory" ]]'
run "$cwasi" run --dir src "$bin/cat.wasm" src/docs
# Linux says EISDIR, Wasmtime EBADF (a directory fd has no read right).
check "cat: a directory cannot be read" \
  eval '[[ $rc == 1 && -z $out && ($err == "cat: src/docs: Is a directory" || $err == "cat: src/docs: Bad file descriptor") ]]'
run "$cwasi" run "$bin/cat.wasm" src/docs/text.txt
check "cat: without --dir there are no files" eval '[[ $rc == 1 && -z $out && $err == cat:* ]]'
run "$cwasi" run "$bin/cat.wasm" <"$s/docs/text.txt"
check "cat: stdin only" eval '[[ $rc == 0 ]] && cmp -s "$work/stdout" src/docs/text.txt'

# ---- ls -R -----------------------------------------------------------------------
run "$bin/ls" src
native_ls=$out
run "$cwasi" run --dir src "$bin/ls.wasm" src
check "ls -R: same output as natively" eval '[[ $rc == 0 && $out == "$native_ls" ]]'
[[ $out == "$native_ls" ]] || diff <(echo "$native_ls") <(echo "$out") | head -n 20
check "ls -R: every directory listed, . and .. seen in each" \
  eval '[[ $(grep -c "(2 of . and ..)" <<<"$out") == 6 && $(grep -c ": (" <<<"$out") == 6 ]]'
check "ls -R: 300 entries in one directory" eval '[[ $(grep -c "^  f file-" <<<"$out") == 300 ]]'
check "ls -R: sizes, link counts, mtimes, symlink targets" \
  eval '[[ $out == *"  f hardlink.txt size=$(stat -c %s src/hardlink.txt) links=2 mtime=1612325106"* &&
          $out == *"  f file-299 size=299 links=1 mtime=1612325106"* &&
          $out == *"  l link-to-text -> docs/text.txt"* && $out == *"  l dangling -> ../missing"* ]]'
run "$bin/ls" src/docs
# shellcheck disable=SC2001 # per line, anchored
native_ls=$(sed "s|^src/|/guest/root/|" <<<"$out")
run "$cwasi" run --dir src::/guest/root "$bin/ls.wasm" /guest/root/docs
check "ls -R: a guest path of two components" eval '[[ $rc == 0 && $out == "$native_ls" ]]'
run "$cwasi" run --dir src "$bin/ls.wasm" src/nope
check "ls -R: missing directory" eval '[[ $rc == 1 && $err == "ls: src/nope: No such file or directory" ]]'

# ---- cp -r -----------------------------------------------------------------------
d=$(fresh cp)
mkdir "$d/native" "$d/wasi"
run "$bin/cp" src "$d/native/copy"
native_cp=$out
run "$cwasi" run --dir src::/from --dir "$d/wasi::/to" "$bin/cp.wasm" /from /to/copy
check "cp -r: summary as natively, between two preopens" \
  eval '[[ $rc == 0 && $out == "$native_cp" && $out == "307 files, 6 dirs, 2 links, "* ]]'
check "cp -r: trees identical (contents, symlink targets)" diff -r --no-dereference src "$d/wasi/copy"
check "cp -r: file mtimes kept (futimens)" \
  eval '[[ -z $(find "$d/wasi/copy" -type f ! -newermt "2021-02-03 04:05:05 UTC" -newermt "2021-02-03 04:05:07 UTC") &&
          $(stat -c %Y "$d/wasi/copy/big.bin") == 1612325106 ]]'
printf 'keep me' >"$d/wasi/exists"
run "$cwasi" run --dir src::/from --dir "$d/wasi::/to" "$bin/cp.wasm" /from/big.bin /to/exists
check "cp: refuses to overwrite (O_EXCL)" \
  eval '[[ $rc == 1 && $err == "cp: create /to/exists: File exists" && $(cat "$d/wasi/exists") == "keep me" ]]'
run "$cwasi" run --dir src::/from "$bin/cp.wasm" /from/big.bin /elsewhere/big.bin
check "cp: nothing outside the preopens" eval '[[ $rc == 1 && ! -e /elsewhere ]]'

# ---- wc --------------------------------------------------------------------------
cd "$s" || exit 2
# coreutils' words are runs of printable characters: compare binary files natively only.
files=(docs/text.txt docs/empty.txt docs/deep/deeper/last.txt "name with spaces.txt")
run "$cwasi" run --dir . "$bin/wc.wasm" "${files[@]}"
expected=$(wc -l -w -c "${files[@]}" | awk '{print $1, $2, $3}')
check "wc: counts as coreutils' wc, with a total" \
  eval '[[ $rc == 0 && $(awk "{print \$1, \$2, \$3}" <<<"$out") == "$expected" && $out == *" total" ]]'
files+=(docs/binary.bin)
run "$bin/wc" "${files[@]}"
native_wc=$out
run "$cwasi" run --dir . "$bin/wc.wasm" "${files[@]}"
check "wc: same output as natively" eval '[[ $out == "$native_wc" ]]'
run "$cwasi" run "$bin/wc.wasm" <"$s/docs/text.txt"
check "wc: stdin" eval '[[ $rc == 0 && $(echo $out) == "$(wc -l -w -c <"$s/docs/text.txt" | xargs)" ]]'
run "$bin/wc" <"$s/big.bin"
native_wc=$out
run "$cwasi" run "$bin/wc.wasm" <"$s/big.bin"
check "wc: 3 MiB on stdin, as natively" eval '[[ $rc == 0 && $out == "$native_wc" ]]'
cd "$root" || exit 2

# ---- echo server over --tcplisten --------------------------------------------------
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
e=$(fresh echo)
timeout 40 "$cwasi" run --dir "$e" --tcplisten "127.0.0.1:$port" "$bin/echo_server.wasm" 3 \
  >"$e/server.out" 2>"$e/server.err" </dev/null &
server=$!
run timeout 30 python3 "$src/echo_client.py" "$port"
client_rc=$rc client_out=$out
wait "$server"
server_rc=$?
rc=$server_rc out="$client_out / $(cat "$e/server.out")" err=$(cat "$e/server.err")
check "echo server: three interleaved clients echoed (pings, 300 KiB, empty)" \
  eval '[[ $client_rc == 0 && $client_out == *"B: pings echoed, 307200 of 307200 bytes back, identical"* ]]'
check "echo server: exits 0 and reports what it served, in order" \
  eval '[[ $server_rc == 0 && $(cat "$e/server.out") == "client 2: 307203 bytes"$'"'"'\n'"'"'"client 1: 6 bytes"$'"'"'\n'"'"'"client 3: 0 bytes"$'"'"'\n'"'"'"served 3 clients, 307209 bytes" ]]'
run "$cwasi" run "$bin/echo_server.wasm"
check "echo server: no --tcplisten, no socket" eval '[[ $rc == 2 && $err == *"no listening socket"* ]]'

# ---- sleeping in poll_oneoff -------------------------------------------------------
start=$(date +%s%N)
run "$cwasi" run "$bin/sleep.wasm" 300
took_ms=$((($(date +%s%N) - start) / 1000000))
check "sleep: four sleeps of 300 ms, each long enough" \
  eval '[[ $rc == 0 && $(grep -c ": slept long enough$" <<<"$out") == 4 ]]'
check "sleep: the host saw at least 1.2 s pass, and not 60 s ($took_ms ms)" \
  eval '((took_ms >= 1200 && took_ms < 15000))'

# ---- one C program natively and under cwasi --------------------------------------------
n1=$(fresh compare-native)
n2=$(fresh compare-wasi)
printf '5\n7\n-3\n100\n' >"$work/compare.in"
args=(one 'two words' '' 'ünïcödé')
(cd "$n1" && python3 -c 'import os, sys
os.execve(sys.argv[1], ["compare"] + sys.argv[2:], {"WHO": "me", "X": "a=b c"})' \
  "$bin/compare" "${args[@]}" <"$work/compare.in" >"$work/compare-native.out" 2>&1)
native_rc=$?
(cd "$n2" && "$cwasi" run --dir . --argv0 compare --env WHO=me --env 'X=a=b c' \
  "$bin/compare.wasm" "${args[@]}" <"$work/compare.in" >"$work/compare-wasi.out" 2>&1)
rc=$?
out=$(cat "$work/compare-wasi.out") err=''
check "compare: same exit status ($native_rc, from argc and stdin)" \
  eval '[[ $native_rc == $((109 % 200 + 5)) && $rc == $native_rc ]]'
check "compare: same stdout" cmp -s "$work/compare-native.out" "$work/compare-wasi.out"
cmp -s "$work/compare-native.out" "$work/compare-wasi.out" ||
  diff "$work/compare-native.out" "$work/compare-wasi.out" | head -n 20
check "compare: every property holds" eval '[[ $out != *": no"* && $out == *"6000 dice rolls look fair: yes"* ]]'
check "compare: same files left behind" \
  eval 'diff <(cd "$n1" && find . -printf "%y %p %s\n" | sort) <(cd "$n2" && find . -printf "%y %p %s\n" | sort) &&
        [[ $(cat "$n2/result.txt") == sum=109 ]]'

rm -f "$work/stdout" "$work/stderr"
finish programs
