#!/usr/bin/env bash
# icount.sh — instructions executed (valgrind's cachegrind) by each bench
# program at a small work size, for one or more cwasi binaries side by
# side. Timings on a shared machine move by 10-15%; these counts repeat
# exactly, so they decide whether an interpreter change helped.
#   bench/icount.sh CWASI [CWASI2 ...]        (after `make bench` built the wasm)
#   PROGS="fib lang" bench/icount.sh build/cwasi /tmp/old/cwasi
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[[ $# -ge 1 ]] || { echo "usage: bench/icount.sh CWASI [CWASI2 ...]" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "icount: valgrind is not installed" >&2; exit 2; }
wasm=${BENCH_BUILD:-build/bench}
# Work sizes (argv[1]) that run each program for about 0.5-10 s under cachegrind.
declare -A size=([alloc]=1 [bytecode]=4 [crc32]=8 [fib]=27 [hashtable]=1 [lang]=3 [lz]=1
                 [mandelbrot]=200 [matmul]=160 [memops]=2 [nbody]=100000 [qsort]=1
                 [sha256]=4 [sieve]=2)
progs=${PROGS:-${!size[*]}}
printf '%-12s' program
for b in "$@"; do printf ' %16s' "$(basename "$b")"; done
echo
for p in $(tr ' ' '\n' <<<"$progs" | sort); do
  [[ -f $wasm/$p.wasm ]] || { echo "$p: no $wasm/$p.wasm (run make bench first)" >&2; continue; }
  printf '%-12s' "$p"
  for b in "$@"; do
    n=$(valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
          "$b" run "$wasm/$p.wasm" "${size[$p]:-1}" 2>&1 >/dev/null |
        sed -n 's/.*I *refs: *\([0-9,]*\).*/\1/p' | tr -d ,)
    printf ' %16s' "${n:-failed}"
  done
  echo
done
