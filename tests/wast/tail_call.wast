;; Tail calls (Wasm 3.0): return_call and return_call_indirect replace the
;; caller's frame, so unbounded tail recursion runs in constant stack (the
;; default call depth limit is 50000: every loop here goes far beyond it).

(module $lib
  (memory (export "mem") 1)
  (global $g (export "g") (mut i32) (i32.const 0))
  (data (i32.const 8) "\2a")
  ;; reads its own instance's memory and global: the callee's instance must
  ;; be loaded when a tail call crosses instances
  (func $peek (export "peek") (param i32) (result i32)
    (global.set $g (i32.add (global.get $g) (i32.const 1)))
    (i32.add (i32.load8_u (local.get 0)) (global.get $g)))
  (func $lib_count (export "count") (param i64) (result i64)
    (if (i64.eqz (local.get 0)) (then (return (i64.const 7))))
    (return_call $lib_count (i64.sub (local.get 0) (i64.const 1))))
)
(register "lib" $lib)

(module $m
  (import "spectest" "print_i32" (func $print (param i32)))
  (import "lib" "peek" (func $peek (param i32) (result i32)))
  (import "lib" "count" (func $lib_count (param i64) (result i64)))
  (memory 1)
  (data (i32.const 8) "\01")
  (global $mine (mut i32) (i32.const 100))
  (type $ii (func (param i64) (result i64)))
  (type $i_i (func (param i32) (result i32)))
  (table funcref (elem $count_ind $peek $even $odd $wide))

  ;; 10 million tail calls: far past any frame limit
  (func $count (export "count") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 0))
      (else (return_call $count (i64.sub (local.get 0) (i64.const 1))))))
  (func $count_ind (export "count-indirect") (param i64) (result i64)
    (if (i64.eqz (local.get 0)) (then (return (i64.const 1))))
    (return_call_indirect (type $ii) (i64.sub (local.get 0) (i64.const 1)) (i32.const 0)))
  ;; mutual recursion through the table
  (func $even (export "even") (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 44))
      (else (return_call_indirect (param i64) (result i32)
              (i64.sub (local.get 0) (i64.const 1)) (i32.const 3)))))
  (func $odd (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 99))
      (else (return_call $even (i64.sub (local.get 0) (i64.const 1))))))

  ;; the callee needs more slots than the caller's frame: arguments and
  ;; locals land above it; then fewer again. Arguments swap places.
  (func $wide (param i32 i64 i32 i64 i32) (result i64)
    (local i64 i64 i64)
    (local.set 5 (i64.extend_i32_u (local.get 0)))
    (i64.add (local.get 5)
      (i64.add (i64.extend_i32_u (local.get 2))
        (i64.add (i64.extend_i32_u (local.get 4)) (i64.add (local.get 1) (local.get 3))))))
  (func $narrow (param i64 i64) (result i64)
    (if (i64.eqz (local.get 0)) (then (return (local.get 1))))
    (return_call $narrow2 (local.get 1) (i64.sub (local.get 0) (i64.const 1))))
  (func $narrow2 (param i64 i64) (result i64)
    (if (i64.eqz (local.get 1))
      (then (return_call $wide (i32.const 1) (local.get 0) (i32.const 2) (i64.const 3) (i32.const 4))))
    (return_call $narrow (local.get 1) (local.get 0)))
  (func (export "swap") (param i64 i64) (result i64)
    (return_call $narrow (local.get 0) (local.get 1)))

  ;; across instances: the callee sees its own memory and global, and our
  ;; caller sees ours again when it comes back
  (func $tail_peek (param i32) (result i32)
    (return_call $peek (local.get 0)))
  (func (export "cross") (result i32)
    (i32.add
      (call $tail_peek (i32.const 8))
      (i32.add (i32.load8_u (i32.const 8)) (global.get $mine))))
  (func (export "cross-indirect") (result i32)
    (i32.add
      (call $tail_peek_ind (i32.const 8))
      (i32.add (i32.load8_u (i32.const 8)) (global.get $mine))))
  (func $tail_peek_ind (param i32) (result i32)
    (return_call_indirect (type $i_i) (local.get 0) (i32.const 1)))
  (func (export "cross-count") (param i64) (result i64)
    (return_call $lib_count (local.get 0)))

  ;; to a host function: from the invoked function itself, and nested
  (func (export "host-first") (param i32)
    (return_call $print (local.get 0)))
  (func $host_nested (param i32)
    (return_call $print (local.get 0)))
  (func (export "host-nested") (result i32)
    (call $host_nested (i32.const 5))
    (i32.load8_u (i32.const 8)))

  ;; traps in a tail call name the calling function
  (func (export "bad-index") (result i64)
    (return_call_indirect (type $ii) (i64.const 0) (i32.const 17)))
  (func (export "bad-type") (result i64)
    (return_call_indirect (type $ii) (i64.const 0) (i32.const 1)))
  (func $boom (param i64) (result i64) (unreachable))
  (func (export "trap-after") (result i64)
    (return_call $boom (i64.const 1)))
)

(assert_return (invoke "count" (i64.const 10_000_000)) (i64.const 0))
(assert_return (invoke "count-indirect" (i64.const 1_000_000)) (i64.const 1))
(assert_return (invoke "even" (i64.const 1_000_001)) (i32.const 99))
(assert_return (invoke "even" (i64.const 1_000_000)) (i32.const 44))
;; narrow(3, 100) -> narrow2(100, 2) -> narrow(2, 100) -> ... -> narrow2(100, 0)
;; -> wide(1, 100, 2, 3, 4) = 1 + 2 + 4 + 100 + 3
(assert_return (invoke "swap" (i64.const 3) (i64.const 100)) (i64.const 110))
(assert_return (invoke "cross") (i32.const 144))
(assert_return (invoke "cross-indirect") (i32.const 145))
(assert_return (invoke "cross-count" (i64.const 1_000_000)) (i64.const 7))
(assert_return (invoke "host-first" (i32.const 3)))
(assert_return (invoke "host-nested") (i32.const 1))
(assert_trap (invoke "bad-index") "undefined element")
(assert_trap (invoke "bad-type") "indirect call type mismatch")
(assert_trap (invoke "trap-after") "unreachable")
(assert_return (invoke "count" (i64.const 3)) (i64.const 0))

(assert_invalid
  (module (func $f (result i64) (i64.const 0)) (func (result i32) (return_call $f)))
  "type mismatch")
(assert_invalid
  (module (func $f (result i32) (i32.const 0)) (func (return_call $f)))
  "type mismatch")
(assert_invalid
  (module (func $f (param i32)) (func (return_call $f (i64.const 0))))
  "type mismatch")
(assert_invalid
  (module (type $t (func (result i32))) (table 1 funcref)
    (func (result i64) (return_call_indirect (type $t) (i32.const 0))))
  "type mismatch")
(assert_invalid
  (module (func (return_call 3)))
  "unknown function")
;; code after a tail call is unreachable (polymorphic stack)
(module
  (func $f (result i32) (i32.const 1))
  (func (export "after") (result i32) (return_call $f) (i64.const 0) (drop)))
(assert_return (invoke "after") (i32.const 1))
