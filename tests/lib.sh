# tests/lib.sh — what every shell test suite shares. Source it with $root
# set to the repository, then:
#   suite_init NAME [CWASI [WORKDIR]]   sets cwasi (absolute path, must be
#       built), work (created, absolute; default build/NAME) with bin=$work/bin,
#       and src=tests/NAME; cds to the repository root
# After each run of the program under test, set `out`, `err` and `rc` (each
# suite's own run() does that its way), then:
#   check NAME CONDITION...   counts one assertion; on failure shows the last run
#   finish SUITE              prints "SUITE: N passed, N failed"; status 1 on failure
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
