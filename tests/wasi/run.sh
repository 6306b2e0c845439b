#!/usr/bin/env bash
# tests/wasi/run.sh — tests of the WASI host (wasi_snapshot_preview1) and
# `cwasi run`'s WASI flags. Guest programs in tests/wasi/ are compiled at
# test time with clang --target=wasm32-wasi (Debian's wasi-libc) and
# assert their results inside the guest; this script checks exit statuses
# and stdout, counts the guests' own checks ("checks: N passed, N failed")
# into its totals, and checks the host side of the sandbox-escape battery,
# which runs on both path resolvers (openat2 and the component walk).
# Prints "wasi: N passed, N failed" last.
#
# usage: tests/wasi/run.sh [CWASI [WORKDIR]]   (defaults: build/cwasi, build/wasi)
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$root/tests/lib.sh"
suite_init wasi "$@"
CLANG=${CLANG:-clang}


# compile SRC NAME: builds $work/bin/NAME.wasm when missing or outdated.
compile() {
  local source=$1 wasm=$work/bin/$2.wasm
  if [[ ! -f $wasm || $wasm -ot $source || $wasm -ot $src/check.h || $wasm -ot $src/raw.h ]]; then
    if ! wasm_cc "$wasm" "$source" -O2 -Wall -I"$src" 2>"$work/cc.log"; then
      echo "wasi: cannot compile $source for wasm32-wasi (are clang, lld, wasi-libc and" \
        "libclang-rt-14-dev-wasm32 installed? make deps)" >&2
      cat "$work/cc.log" >&2
      exit 2
    fi
  fi
}

for f in "$src"/*.c; do
  case $(basename "$f") in swapper.c | no_openat2.c | test_*.c | fuzz_*.c) continue ;; esac
  compile "$f" "$(basename "$f" .c)"
done
for f in "$src"/programs/*.c; do compile "$f" "$(basename "$f" .c)"; done
cc -O2 -o "$work/bin/swapper" "$src/swapper.c" || exit 2
cc -O2 -o "$work/bin/no_openat2" "$src/no_openat2.c" || exit 2

# run CMD...: runs with a time limit in the current directory; sets out, err, rc.
run() {
  out=$(timeout 60 "$@" 2>"$work/stderr")
  rc=$?
  err=$(cat "$work/stderr")
}


# guest NAME: adds the guest's own "checks: P passed, F failed" to the totals.
guest() {
  local line p f
  line=$(grep -E '^checks: [0-9]+ passed, [0-9]+ failed$' <<<"$out" | tail -n 1)
  if [[ -z $line ]]; then
    check "$1: guest printed its check counts" false
    return
  fi
  read -r _ p _ f _ <<<"$line"
  passed=$((passed + p))
  failed=$((failed + f))
  if ((f > 0)); then
    echo "FAIL: $1: guest checks failed:"
    grep '^FAIL' <<<"$out" | head -n 20 | sed 's/^/  /'
  fi
}

# fresh NAME: an empty scratch directory.
fresh() {
  rm -rf "${work:?}/$1"
  mkdir -p "$work/$1"
  echo "$work/$1"
}

# ---- raw __wasi_* edge cases -------------------------------------------------

run "$cwasi" run --argv0 prog --env A=1 --env B=two "$bin/raw_misc.wasm" a bc
check "raw_misc: proc_exit(42) is the exit status" eval '[[ $rc == 42 ]]'
guest raw_misc

for mode in openat2 walk; do
  export CWASI_WASI_RESOLVE=$mode
  d=$(fresh fd)
  run "$cwasi" run --dir "$d::/work" "$bin/raw_fd.wasm"
  check "raw_fd ($mode): exit 0, stderr passed through" eval '[[ $rc == 0 && $err == "to stderr" ]]'
  guest "raw_fd ($mode)"
  check "raw_fd ($mode): files written on the host" eval '[[ $(stat -c %s "$d/rw.txt") == 1006 && $(cat "$d/ra.txt") == A ]]'

  d=$(fresh dir)
  run "$cwasi" run --dir "$d::/work" "$bin/raw_dir.wasm"
  check "raw_dir ($mode): exit 0" eval '[[ $rc == 0 ]]'
  guest "raw_dir ($mode)"

  d=$(fresh path)
  run "$cwasi" run --dir "$d::/work" "$bin/raw_path.wasm"
  check "raw_path ($mode): exit 0" eval '[[ $rc == 0 ]]'
  guest "raw_path ($mode)"
  check "raw_path ($mode): host sees the link and no stray files" \
    eval '[[ $(readlink "$d/rd2/up") == ../target.txt && ! -e "$d/new.txt" && ! -e "$d/x" ]]'
done
unset CWASI_WASI_RESOLVE

d=$(fresh poll)
run "$cwasi" run --dir "$d::/work" "$bin/raw_poll.wasm" </dev/null
check "raw_poll: exit 0" eval '[[ $rc == 0 ]]'
guest raw_poll
run bash -c 'printf xyz | "$0" run --dir "$1::/work" "$2" stdin-data' "$cwasi" "$d" "$bin/raw_poll.wasm"
check "raw_poll: stdin pipe with data is readable (3 bytes)" eval '[[ $rc == 0 ]]'
guest "raw_poll stdin-data"
run "$cwasi" run --dir "$d::/work" "$bin/raw_poll.wasm" stdin-empty < <(sleep 5)
check "raw_poll: empty stdin pipe: the timeout fires" eval '[[ $rc == 0 ]]'
guest "raw_poll stdin-empty"

# ---- inherited stdio: a stream, and no flag reaches the parent --------------------

# stdout appended to a log (`>> app.log`): the guest only appends.
printf 'existing line\n' >"$work/app.log"
run bash -c '"$0" run "$1" rights >>"$2" </dev/null' "$cwasi" "$bin/raw_stdio.wasm" "$work/app.log"
out=$(cat "$work/app.log")
check "stdio >> log: exit 0" eval '[[ $rc == 0 ]]'
guest "raw_stdio rights"
check "stdio >> log: the log is appended to, never rewritten" \
  eval '[[ $(head -n 2 "$work/app.log") == $'"'"'existing line\nguest'"'"' ]]'
# nonblock on stdin/stdout pipes: the parent's ends stay blocking.
run python3 - "$cwasi" "$bin/raw_stdio.wasm" <<'PY'
import os, subprocess, sys
cwasi, wasm = sys.argv[1:]
in_r, in_w = os.pipe()   # the runner keeps in_w open and writes nothing
out_r, out_w = os.pipe()
p = subprocess.run([cwasi, "run", wasm, "nonblock"], stdin=in_r, stdout=out_w, timeout=30)
blocking = (os.get_blocking(in_r), os.get_blocking(out_w))
os.close(out_w)
sys.stdout.write(os.read(out_r, 65536).decode())
print("exit", p.returncode)
print("parent stdin blocking: %s stdout blocking: %s" % blocking)
PY
check "stdio nonblock: exit 0, the parent's pipe ends still blocking" \
  eval '[[ $out == *"exit 0"* && $out == *"parent stdin blocking: True stdout blocking: True"* ]]'
guest "raw_stdio nonblock"

# ---- which resolver runs ---------------------------------------------------------

# Without openat2 (ENOSYS from a seccomp filter, as on a kernel before 5.6)
# the default resolver falls back to the walk, and everything still works;
# strace (when it runs here) shows it tried openat2 only once.
d=$(fresh noopenat2)
run "$bin/no_openat2" "$cwasi" run --dir "$d::/work" "$bin/raw_path.wasm"
check "openat2 answering ENOSYS: the walk takes over" eval '[[ $rc == 0 ]]'
if command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null; then
  d=$(fresh noopenat2)
  strace -f -e trace=openat2 -o "$work/noopenat2.trace" \
    "$bin/no_openat2" "$cwasi" run --dir "$d::/work" "$bin/raw_path.wasm" >/dev/null 2>&1
  n=$(grep -c 'openat2(.*ENOSYS' "$work/noopenat2.trace")
  check "openat2 answering ENOSYS: tried once ($n)" eval '[[ $n == 1 ]]'
fi
guest "raw_path without openat2"
# openat2 failing with EAGAIN every time (renames elsewhere on a busy system
# invalidate its ".." lookups): the walk answers those calls (found by
# tests/wasi/fuzz_resolve.c during a parallel build).
d=$(fresh eagain)
run env CWASI_WASI_RESOLVE=openat2 "$bin/no_openat2" --eagain "$cwasi" run --dir "$d::/work" \
  "$bin/raw_path.wasm"
check "openat2 answering EAGAIN: the walk answers" eval '[[ $rc == 0 ]]'
guest "raw_path with openat2 answering EAGAIN"
# strace shows which system calls each mode makes (skipped without strace).
if command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null; then
  for mode in openat2 walk; do
    d=$(fresh trace)
    CWASI_WASI_RESOLVE=$mode strace -f -e trace=openat2 -o "$work/strace.log" \
      "$cwasi" run --dir "$d::/work" "$bin/raw_path.wasm" >/dev/null 2>&1
    calls=$(grep -c 'openat2(' "$work/strace.log")
    rc=$? out="$calls openat2 calls" err=''
    if [[ $mode == openat2 ]]; then
      check "resolver openat2 uses openat2(RESOLVE_BENEATH)" \
        eval '[[ $calls -gt 50 ]] && grep -q RESOLVE_BENEATH "$work/strace.log"'
    else
      check "resolver walk never calls openat2" eval '[[ $calls == 0 ]]'
    fi
  done
  strace -f -e trace=sched_yield -o "$work/strace.log" "$cwasi" run "$bin/raw_misc.wasm" >/dev/null 2>&1
  check "sched_yield reaches the host's sched_yield" grep -q 'sched_yield()' "$work/strace.log"
else
  echo "wasi: strace cannot run here; resolver tracing skipped"
fi

# ---- the sandbox-escape battery, on both resolvers ------------------------------

# make_tree W: the host tree the escape guest attacks.
make_tree() {
  local w=$1
  rm -rf "$w"
  mkdir -p "$w/outside/dir" "$w/outside/emptydir" "$w/outside/deep/b" "$w/sandbox/sub" \
    "$w/sandbox/a/b" "$w/sandbox/race"
  echo -n secret >"$w/outside/secret.txt"
  echo -n keep >"$w/outside/dir/keep.txt"
  echo -n OUTSIDE >"$w/outside/inside.txt"
  echo -n outside-b >"$w/outside/deep/b/marker"
  echo -n inside >"$w/sandbox/inside.txt"
  echo -n x >"$w/sandbox/sub/x.txt"
  echo -n inside-b >"$w/sandbox/a/b/marker"
  echo -n inside-race >"$w/sandbox/race/secret.txt"
  ln -s ../outside "$w/sandbox/race_swap"
  ln -s "$w/outside" "$w/sandbox/link_abs"
  ln -s "$w/outside/secret.txt" "$w/sandbox/link_abs_file"
  ln -s ../outside "$w/sandbox/link_rel"
  ln -s ../outside/secret.txt "$w/sandbox/link_rel_file"
  ln -s ../outside/ "$w/sandbox/link_slash"
  ln -s ../outside/secret.txt/ "$w/sandbox/link_file_slash"
  ln -s ../.. "$w/sandbox/sub/link_up"
  ln -s sub/../.. "$w/sandbox/link_dotdot"
  ln -s sub/link_up "$w/sandbox/link_chain"
  ln -s ../outside/created_via_dangling "$w/sandbox/link_dangling_out"
  ln -s "$w/outside/created_abs" "$w/sandbox/link_dangling_abs"
  ln -s /proc/self/root "$w/sandbox/link_proc"
  ln -s . "$w/sandbox/link_self_dir"
  ln -s sub "$w/sandbox/link_inside"
  ln -s ../inside.txt "$w/sandbox/sub/link_back"
  touch -d '2001-01-01' "$w/outside/secret.txt" "$w/outside/dir/keep.txt"
}

# manifest W: everything outside the sandbox (names, types, sizes, file
# mtimes, link targets, contents) — directory mtimes aside, which the
# swapper's exchanges change.
manifest() {
  (cd "$1" && find . -path ./sandbox -prune -o \( -type d -printf '%y %p\n' \) -o \
    \( ! -type d -printf '%y %p %s %T@ %l\n' \) | sort &&
    find . -path ./sandbox -prune -o -type f -print0 | sort -z | xargs -0 sha256sum)
}

for mode in openat2 walk; do
  w=$work/escape-$mode
  make_tree "$w"
  before=$(manifest "$w")
  "$bin/swapper" "$w/sandbox/race" "$w/sandbox/race_swap" "$w/sandbox/a/b" "$w/outside/deep/b" \
    >"$work/swaps" &
  swapper=$!
  run env CWASI_WASI_RESOLVE=$mode "$cwasi" run --dir "$w/sandbox::/sandbox" "$bin/escape.wasm" "$w" race
  kill -TERM "$swapper"
  wait "$swapper"
  swapper_rc=$?
  echo "$out" >"$work/escape-$mode.out"
  check "escape ($mode): exit 0, no ESCAPE line" eval '[[ $rc == 0 && $out != *ESCAPE* && $out != *RACE* ]]'
  guest "escape ($mode)"
  check "escape ($mode): the race ran against the swapper" \
    eval '[[ $swapper_rc == 0 && $(cat "$work/swaps") -gt 100 && $err == race:* ]]'
  after=$(manifest "$w")
  check "escape ($mode): nothing outside the sandbox changed" eval '[[ $before == "$after" ]]'
  [[ $before == "$after" ]] || diff <(echo "$before") <(echo "$after") | head -n 20
  check "escape ($mode): sandbox files intact, no strays" \
    eval '[[ $(cat "$w/sandbox/inside.txt") == inside && ! -e "$w/sandbox/hard1" && ! -e "$w/sandbox/stolen" && ! -e "$w/sandbox/abs_new" ]]'
  check "escape ($mode): output as expected" \
    eval 'diff <(grep -v "^legit checks" <<<"$out") "$src/escape.expected" >/dev/null'
done
check "escape: both resolvers answer every attempt alike" \
  diff -q "$work/escape-openat2.out" "$work/escape-walk.out"

# ---- random calls: no crash, no trap, nothing outside touched ----------------------

for mode in openat2 walk; do
  for seed in 1 2 3; do
    w=$work/fuzz
    rm -rf "$w"
    mkdir -p "$w/sandbox/dir/sub" "$w/sandbox/a" "$w/out"
    echo keep >"$w/out/keep"
    ln -s ../out "$w/sandbox/link"
    ln -s "$w/out" "$w/sandbox/link2"
    ln -s loop "$w/sandbox/loop"
    before=$(manifest "$w")
    # (stderr is a file the guest may grow with zeros: not worth reading)
    run bash -c '"$@" 2>/dev/null </dev/null' _ env CWASI_WASI_RESOLVE=$mode "$cwasi" run \
      --dir "$w/sandbox::/f" "$bin/fuzz.wasm" "$seed" 30000
    after=$(manifest "$w")
    check "fuzz ($mode, seed $seed): exit 0, nothing outside changed" \
      eval '[[ $rc == 0 && $before == "$after" ]]'
  done
done

# Program-level tests (cat, ls -R, cp, wc, sleep, echo server, the same C
# program natively and under cwasi) live in
# tests/programs/, Rust's std in tests/rust/, AssemblyScript in tests/as/.

# ---- exit statuses, traps, command line --------------------------------------------

run "$cwasi" run "$bin/trap.wasm"
check "trap: status 134, message names the trap and the function" \
  eval '[[ $rc == 134 && $out == before && $err == *unreachable* && $err == *deliberately_trapping* ]]'
run bash -c 'exec 0<&-; exec "$0" run "$1"' "$cwasi" "$bin/cat.wasm"
check "closed stdin reads as empty" eval '[[ $rc == 0 && -z $out ]]'
run "$cwasi" run "$bin/trap.wasm" raise
check "proc_raise: unsupported, ends the guest with a trap (134)" \
  eval '[[ $rc == 134 && $out == before && $err == *proc_raise* ]]'
run "$cwasi" run --dir /nonexistent-dir "$bin/cat.wasm"
check "--dir of a missing directory: one line, status 1" \
  eval '[[ $rc == 1 && $err == *nonexistent-dir* && $(wc -l <<<"$err") == 1 ]]'
run "$cwasi" run --env NOEQUALS "$bin/cat.wasm"
check "--env without '=': usage error" eval '[[ $rc == 2 && $err == *KEY=VALUE* ]]'
run "$cwasi" run --dir
check "--dir without a value: usage error" eval '[[ $rc == 2 ]]'
run "$cwasi" run --tcplisten nonsense "$bin/cat.wasm"
check "--tcplisten without a port: usage error" eval '[[ $rc == 2 ]]'
run "$cwasi" run --tcplisten 256.1.1.1:80 "$bin/cat.wasm"
check "--tcplisten with a malformed address: usage error (2)" \
  eval '[[ $rc == 2 && $err == *256.1.1.1* && $(wc -l <<<"$err") == 1 ]]'
run "$cwasi" run --tcplisten example.com:80 "$bin/cat.wasm"
check "--tcplisten with a host name: usage error (2), says what it takes" \
  eval '[[ $rc == 2 && $err == *example.com:80*IPv4* ]]'
run "$cwasi" run --tcplisten 127.0.0.1:65536 "$bin/cat.wasm"
check "--tcplisten with a port over 65535: usage error (2)" eval '[[ $rc == 2 && $err == *65536* ]]'
run "$cwasi" run --tcplisten 127.0.0.1:http "$bin/cat.wasm"
check "--tcplisten with a port that is not a number: usage error (2)" eval '[[ $rc == 2 ]]'
run "$cwasi" run --tcplisten 192.0.2.1:80 "$bin/cat.wasm"
check "--tcplisten on an address this host does not have: status 1 (bind fails)" \
  eval '[[ $rc == 1 && $err == *192.0.2.1:80* ]]'
run "$cwasi" run --tcplisten localhost:0 "$bin/cat.wasm" </dev/null
check "--tcplisten localhost:0 (any free port): runs" eval '[[ $rc == 0 ]]'
run env CWASI_TEST_VAR=inherited "$cwasi" run --env EXTRA=1 "$bin/env.wasm" x
check "argv[0] is the module path; no host environment by default" \
  eval '[[ $rc == 0 && $out == "argv[0]=$bin/env.wasm"$'"'"'\nargv[1]=x\nenv EXTRA=1'"'"' ]]'
run env CWASI_TEST_VAR=inherited "$cwasi" run --inherit-env --env EXTRA=1 --env HOME=over "$bin/env.wasm"
check "--inherit-env passes the host environment; --env overrides it" \
  eval '[[ $rc == 0 && $out == *"env CWASI_TEST_VAR=inherited"* && $out == *"env EXTRA=1"* && $out == *"env HOME=over"* && $(grep -c "^env HOME=" <<<"$out") == 1 ]]'
run "$cwasi" run --argv0=myname -- "$bin/env.wasm" --not-a-flag
check "--argv0 and guest arguments that look like flags" \
  eval '[[ $rc == 0 && $out == "argv[0]=myname"$'"'"'\nargv[1]=--not-a-flag'"'"' ]]'
run "$cwasi" --help
check "--help lists the WASI flags" \
  eval '[[ $out == *--dir* && $out == *--env* && $out == *--inherit-env* && $out == *--argv0* && $out == *--tcplisten* ]]'

finish wasi
