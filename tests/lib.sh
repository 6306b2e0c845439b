# tests/lib.sh — what every shell test suite shares. Source it with $root
# set to the repository, then:
#   suite_init NAME [CWASI [WORKDIR]]   sets cwasi (absolute path, must be
#       built), work (created, absolute; default build/NAME) with bin=$work/bin,
#       and src=tests/NAME; cds to the repository root
# After each run of the program under test, set `out`, `err` and `rc` (each
# suite's own run() does that its way), then:
#   check NAME CONDITION...   counts one assertion; on failure shows the last run
#   finish SUITE              prints "SUITE: N passed, N failed"; status 1 on failure
#   wasm_cc OUT SRC FLAGS...  compiles C for wasm32-wasi (see below)
passed=0 failed=0

suite_init() {
  local name=$1
  cd "$root" || exit 2
  cwasi=${2:-build/cwasi}
  work=${3:-build/$name}
  [[ -x $cwasi ]] || { echo "$name: $cwasi not built" >&2; exit 2; }
  cwasi=$(cd "$(dirname "$cwasi")" && pwd)/$(basename "$cwasi")
  mkdir -p "$work/bin"
  work=$(cd "$work" && pwd)
  bin=$work/bin
  src=$root/tests/$name
}

out='' err='' rc=0

check() {
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name"
    echo "  exit status: $rc"
    echo "  stdout: $(head -c 800 <<<"$out")"
    echo "  stderr: $(head -c 500 <<<"$err")"
  fi
}

finish() {
  echo "$1: $passed passed, $failed failed"
  ((failed == 0))
}

# wasm_cc OUT SRC FLAGS...: compiles SRC for wasm32-wasi with FLAGS (e.g.
# -O2 -Wall -I...) into OUT, in two steps: compile with FLAGS, then link with
# no -O. clang runs binaryen's wasm-opt after an optimizing link whenever it
# finds one (in PATH or next to clang), and wasm-opt inlines functions the
# tests expect by name in trap messages; a link without -O never runs it,
# so the guests are the same whether or not binaryen is installed.
wasm_cc() {
  local out=$1 source=$2
  shift 2
  "${CLANG:-clang}" --target=wasm32-wasi "$@" -c "$source" -o "$out.o" &&
    "${CLANG:-clang}" --target=wasm32-wasi "$out.o" -o "$out" -lm &&
    rm -f "$out.o"
}
