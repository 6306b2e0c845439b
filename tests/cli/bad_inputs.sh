# shellcheck shell=bash disable=SC2016
# tests/cli/bad_inputs.sh — the bad inputs of docs/errors.md, each run as
# the table says: huge counts, deep nesting, huge limits, bad paths and bad
# guest pointers. Sourced by tests/cli/run.sh (uses its run, check, work).

h='\x00asm\x01\x00\x00\x00'
# leb N: N's unsigned LEB128 as printf escapes.
leb() {
  local n=$1 s='' b
  while :; do
    b=$((n & 0x7f)) n=$((n >> 7))
    ((n)) && b=$((b | 0x80))
    printf -v s '%s\\x%02x' "$s" "$b"
    ((n)) || break
  done
  printf '%s' "$s"
}
max='\xff\xff\xff\xff\x0f' # 2^32-1
bad() { printf "$h$2" >"$work/bad-$1.wasm"; }
# one_error CHECK-NAME FILE MESSAGE: exit 1, one line, the message.
one_error() {
  want=$3
  run "$cwasi" run "$work/bad-$2.wasm"
  check "$1" eval '[[ $rc == 1 && -z $out && $(lines "$err") == 1 && $err == *"$want"* ]]'
}

: >"$work/bad-empty.wasm"
run "$cwasi" run "$work/bad-empty.wasm"
check "empty file: unexpected end at offset 0" \
  eval '[[ $rc == 1 && $(lines "$err") == 1 && $err == *"offset 0x0: unexpected end" ]]'

# ---- huge counts: each claims 2^32-1 items in a section of a few bytes ----
bad types "\x01\x05$max"
one_error "2^32-1 types: unexpected end" types "section 1 (type): unexpected end"
bad imports "\x02\x05$max"
one_error "2^32-1 imports: unexpected end" imports "section 2 (import): unexpected end"
bad funcs "\x03\x05$max"
one_error "2^32-1 functions: unexpected end" funcs "section 3 (function): unexpected end"
bad locals "\x01\x04\x01\x60\x00\x00\x03\x02\x01\x00\x0a\x0a\x01\x08\x01$max\x7f\x0b"
one_error "2^32-1 locals: too many locals" locals "entry 0: too many locals"
bad datas "\x0b\x05$max"
one_error "2^32-1 data segments: unexpected end" datas "section 11 (data): unexpected end"
bad datacount "\x0c\x05$max"
one_error "data count 2^32-1, no data section" datacount \
  "data count and data section have inconsistent lengths"
bad custom "\x00\x05$max"
one_error "custom section name of 2^32-1 bytes" custom "section 0 (custom): unexpected end"

# ---- deep nesting: a body of 100000 nested blocks ----
# (type () -> ()) (func (export "_start") block ... end ... end)
n=100000
body_len=$((1 + 2 * n + n + 1)) # no locals, the blocks, their ends, the function's end
l=$(leb $body_len)
entry_len=$((1 + ${#l} / 4 + body_len))
{
  printf "$h\x01\x04\x01\x60\x00\x00\x03\x02\x01\x00\x07\x0a\x01\x06_start\x00\x00"
  printf "\x0a$(leb $entry_len)\x01$l\x00"
  yes $'\x02\x40' | tr -d '\n' | head -c $((2 * n))
  head -c $((n + 1)) /dev/zero | tr '\0' '\013'
} >"$work/bad-deep.wasm"
run "$cwasi" validate "$work/bad-deep.wasm"
check "100000 nested blocks: valid" eval '[[ $rc == 0 && -z $err ]]'
run "$cwasi" run "$work/bad-deep.wasm"
check "100000 nested blocks: runs, exit 0" eval '[[ $rc == 0 && -z $err ]]'

# ---- huge limits ----
# 65536 pages (4 GiB) is the most a memory may have: allocated lazily.
bad mem4g "\x05\x05\x01\x00\x80\x80\x04"
run "$cwasi" run "$work/bad-mem4g.wasm"
check "memory of 65536 pages (4 GiB): instantiates" eval '[[ $rc == 0 && -z $err ]]'
run "$cwasi" run --max-memory 1048576 "$work/bad-mem4g.wasm"
check "memory of 65536 pages past --max-memory: one line, exit 1" \
  eval '[[ $rc == 1 && $(lines "$err") == 1 && $err == *"exceeds the store'"'"'s limit of 1048576 bytes" ]]'
bad mem4g1 "\x05\x05\x01\x00\x81\x80\x04"
one_error "memory of 65537 pages: invalid" mem4g1 "memory size must be at most 65536 pages (4GiB)"
bad table4g "\x04\x08\x01\x70\x00$max"
run "$cwasi" run "$work/bad-table4g.wasm"
check "table of 2^32-1 elements: one-line error, exit 1" \
  eval '[[ $rc == 1 && $(lines "$err") == 1 && $err == *"4294967295 entries is beyond this runtime'"'"'s limit of 10000000"* ]]'

# ---- bad paths and guest pointers: the errno is the exit status ----
# wasi_guest NAME EXPR: a guest whose _start exits with EXPR's value.
wasi_guest() {
  cat >"$work/$1.wat" <<WAT
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func \$path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func \$fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func \$args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func \$proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "../x")
  (data (i32.const 16) "/etc/passwd")
  (data (i32.const 32) "\\20\\00\\00\\00\\01\\00\\00\\00")
  (data (i32.const 65533) "abc")
  (func (export "_start") $2 call \$proc_exit))
WAT
  wat2wasm "$work/$1.wat" -o "$work/$1.wasm" || echo "cli: wat2wasm failed on $1.wat" >&2
}
# errno_case NAME ERRNO EXPR: running the guest exits with ERRNO, stderr empty.
errno_case() {
  local f=errno-${1//[^a-z0-9]/_}
  wasi_guest "$f" "$3"
  expect=$2
  for mode in openat2 walk; do
    run env CWASI_WASI_RESOLVE=$mode "$cwasi" run --dir "$work/box::/box" "$work/$f.wasm"
    check "bad input: $1 ($mode): errno $2" eval '[[ $rc == "$expect" && -z $err ]]'
  done
}
mkdir -p "$work/box"
open_at() { # path_open(3, 0, PTR, LEN, 0, 0, 0, 0, FD_OUT)
  echo "(call \$path_open (i32.const 3) (i32.const 0) (i32.const $1) (i32.const $2) (i32.const 0)" \
    "(i64.const 0) (i64.const 0) (i32.const 0) (i32.const ${3:-100}))"
}
errno_case "path ../x" 76 "$(open_at 0 4)"
errno_case "path /etc/passwd" 76 "$(open_at 16 11)"
errno_case "path crossing the end of memory" 21 "$(open_at 65533 10)"
errno_case "path length 2^32-1" 37 "$(open_at 0 -1)"
errno_case "path_open result pointer crossing the end" 21 "$(open_at 16 1 65534)"
errno_case "iovec array crossing the end" 21 \
  '(call $fd_write (i32.const 1) (i32.const 65532) (i32.const 1) (i32.const 100))'
errno_case "2^29 iovecs" 21 \
  '(call $fd_write (i32.const 1) (i32.const 32) (i32.const 0x20000000) (i32.const 100))'
errno_case "iovec buffer crossing the end" 21 \
  '(i32.store (i32.const 40) (i32.const 65530)) (i32.store (i32.const 44) (i32.const 100))
   (call $fd_write (i32.const 1) (i32.const 40) (i32.const 1) (i32.const 100))'
errno_case "nwritten pointer crossing the end" 21 \
  '(call $fd_write (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 65534))'
errno_case "argv pointer crossing the end" 21 '(call $args_get (i32.const 65535) (i32.const 0))'

# ---- bad paths on the command line ----
run "$cwasi" run --dir "$work/no-such-dir::/x" "$work/errno-argv_pointer_crossing_the_end.wasm"
check "--dir of a missing directory: one line, exit 1" \
  eval '[[ $rc == 1 && $(lines "$err") == 1 && $err == *no-such-dir* ]]'
run "$cwasi" run "$work/no-such-module.wasm"
check "missing module file: one line, exit 1" \
  eval '[[ $rc == 1 && $(lines "$err") == 1 && $err == *no-such-module.wasm* ]]'
