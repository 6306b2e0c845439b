#!/usr/bin/env bash
# bench/kernels/run.sh — the interpreter's compute kernels (no WASI needed):
# builds kernels.c natively and to wasm32, runs each kernel with both, checks
# the results match and prints native s, cwasi s, ratio (best of N runs) and
# the geometric mean of the ratios.
#
# usage: bench/kernels/run.sh [CWASI] [KERNEL...]   (env RUNS, default 3)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cwasi=${1:-$root/build/cwasi}
shift || true
out=${KERNELS_OUT:-$root/build/kernels}
runs=${RUNS:-3}
mkdir -p "$out"
clang -O2 -o "$out/native" "$here/kernels.c" "$here/driver.c" -lm
# Compiled, then linked without -O: an optimizing link runs binaryen's wasm-opt
# when clang finds one, and the kernels would change with what is installed.
clang --target=wasm32 -O2 -c -o "$out/kernels.o" "$here/kernels.c"
clang --target=wasm32 -nostdlib -Wl,--no-entry -o "$out/kernels.wasm" \
  "$out/kernels.o"

all=("fib 37" "sieve 20" "crc32 300" "mandel 1000" "nbody 2000000" "matmul 40" "qsort 4"
     "bytecode 3000000")
sel=()
if [ $# -gt 0 ]; then
  for want in "$@"; do for k in "${all[@]}"; do [ "${k%% *}" = "$want" ] && sel+=("$k"); done; done
else
  sel=("${all[@]}")
fi

best() { # prints the best user+sys CPU time of $runs runs of "$@" in ns (CPU time is
  # steadier than wall time on a shared machine)
  python3 - "$runs" "$@" <<'PY'
import resource, subprocess, sys
runs, cmd, best = int(sys.argv[1]), sys.argv[2:], None
for _ in range(runs):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    best = t if best is None or t < best else best
print(int(best * 1e9))
PY
}

printf '%-10s %10s %10s %8s\n' kernel native_s cwasi_s ratio
logsum=0; n=0
for k in "${sel[@]}"; do
  set -- $k
  a=$("$out/native" "$1" "$2"); b=$("$cwasi" run --invoke "$1" "$out/kernels.wasm" "$2")
  if [ "$a" != "$b" ]; then echo "$1: MISMATCH native=$a cwasi=$b"; continue; fi
  tn=$(best "$out/native" "$1" "$2"); tc=$(best "$cwasi" run --invoke "$1" "$out/kernels.wasm" "$2")
  r=$(awk -v a="$tc" -v b="$tn" 'BEGIN{printf "%.2f", a/b}')
  printf '%-10s %10.3f %10.3f %8s\n' "$1" "$(awk -v t="$tn" 'BEGIN{print t/1e9}')" \
    "$(awk -v t="$tc" 'BEGIN{print t/1e9}')" "$r"
  logsum=$(awk -v s="$logsum" -v r="$r" 'BEGIN{print s+log(r)}'); n=$((n+1))
done
[ "$n" -gt 0 ] && awk -v s="$logsum" -v n="$n" 'BEGIN{printf "geomean ratio: %.2f\n", exp(s/n)}'
