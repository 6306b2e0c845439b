(module
  (func $add (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func $div_s (export "div_s") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func $trunc (export "trunc") (param f64) (result i32)
    (i32.trunc_f64_s (local.get 0)))
  (func $unreachable (export "unreachable")
    (unreachable))

  ;; sum of 1..n in a loop
  (func $sum (export "sum") (param $n i32) (result i64)
    (local $acc i64)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $n))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc))

  ;; br_table carrying a value past junk below it: 0 -> 16, 1 -> 15, 2 -> 13, else 10
  (func $switch (export "switch") (param i32) (result i32)
    (block $d (result i32)
      (block $c (result i32)
        (block $b (result i32)
          (block $a (result i32)
            (i32.const 100) (i32.const 200)
            (i32.const 10)
            (br_table $a $b $c $d (local.get 0)))
          (i32.add (i32.const 1)))
        (i32.add (i32.const 2)))
      (i32.add (i32.const 3))))

  ;; br_table whose entry 1 is the function's own label: 0 -> 1042, else 42
  (func $table_ret (export "table_ret") (param i32) (result i32)
    (i32.add
      (block $a (result i32)
        (i32.const 7) (i32.const 42)
        (br_table $a 1 (local.get 0)))
      (i32.const 1000)))

  ;; multi-value: a call with two results, a block with params, br_if unwinding
  (func $swap (export "swap") (param i32 i32) (result i32 i32)
    (local.get 1) (local.get 0))
  (func $mv (export "mv") (param i32 i32 i32) (result i32)
    (local.get 0) (local.get 1)
    (call $swap)
    (block (param i32 i32) (result i32 i32)
      (i32.const 99)
      (br_if 0 (local.get 2))
      (drop))
    (i32.sub))

  ;; factorial with a loop that takes its state as params
  (func $fac_loop (export "fac_loop") (param $n i64) (result i64)
    (local $x i64)
    (i64.const 1) (local.get $n)
    (loop $l (param i64 i64) (result i64)
      (local.set $x)
      (if (param i64) (result i64) (i64.eqz (local.get $x))
        (then)
        (else
          (i64.mul (local.get $x))
          (i64.sub (local.get $x) (i64.const 1))
          (br $l)))))

  ;; early return from nested blocks, with junk on the stack
  (func $early (export "early") (param i32) (result i32)
    (block
      (i32.const 5)
      (block
        (br_if 0 (i32.eqz (local.get 0)))
        (return (i32.const 77)))
      (drop))
    (i32.const 88))

  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else
        (i32.add
          (call $fib (i32.sub (local.get 0) (i32.const 1)))
          (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func $deep (export "deep") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1)))))))
  (func $runaway (export "runaway")
    (call $runaway))

  ;; select, globals, dead code after br
  (global $g (mut i64) (i64.const 5))
  (func $misc (export "misc") (param i32) (result i64)
    (global.set $g (i64.add (global.get $g) (i64.const 1)))
    (select (global.get $g) (i64.const -1) (local.get 0)))
  (func $dead (export "dead") (result i32)
    (block (result i32)
      (br 0 (i32.const 3))
      (i32.const 4) (i32.add) (drop) (loop (br 0)) (i32.const 9)))
)
