;; Guests for the resource-limit flags (--fuel, --timeout, --max-memory,
;; --max-table-elements, --max-stack, --max-call-depth).
(module
  (memory (export "memory") 1)
  (table 1 funcref)
  ;; a loop with no call in it
  (func (export "spin") (loop (br 0)))
  (func $rec (export "rec") (call $rec))
  ;; recursion with a big frame: the value stack fills before the call depth
  (func $fat (export "fat") (param i64 i64 i64 i64 i64 i64 i64 i64)
    (call $fat (local.get 0) (local.get 1) (local.get 2) (local.get 3)
               (local.get 4) (local.get 5) (local.get 6) (local.get 7)))
  ;; fuel: 1 + 8 per iteration
  (func (export "count") (param i32) (result i32) (local i32)
    (loop
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (br_if 0 (i32.lt_u (local.get 1) (local.get 0))))
    (local.get 1))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "tgrow") (param i32) (result i32) (table.grow 0 (ref.null func) (local.get 0)))
)
