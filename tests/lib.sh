# tests/lib.sh — what every shell test suite shares. Source it, set
# `out`, `err` and `rc` from a run of the program under test (each suite's
# own run() does that its way), then:
#   check NAME CONDITION...   counts one assertion; on failure shows the last run
#   finish SUITE              prints "SUITE: N passed, N failed"; status 1 on failure
passed=0 failed=0
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
