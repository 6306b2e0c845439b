;; Guest module for examples/embed.c: sum_squares(n) = 1^2 + ... + n^2,
;; where each square is computed by the host function host.square.
(module
  (import "host" "square" (func $square (param i32) (result i32)))
  (func (export "sum_squares") (param $n i32) (result i32)
    (local $i i32)
    (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $acc (i32.add (local.get $acc) (call $square (local.get $i))))
        (br $next)))
    (local.get $acc)))
