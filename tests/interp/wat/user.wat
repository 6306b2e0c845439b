(module
  (import "lib" "peek" (func $peek (result i32)))
  (memory 1)
  (data (i32.const 0) "\07")
  ;; the callee reads its own memory, the caller its own after the return
  (func (export "both") (result i32)
    (i32.add (call $peek) (i32.load8_u (i32.const 0))))
)
