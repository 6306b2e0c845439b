(module
  (import "lib" "grow" (func $grow (result i32)))
  (import "lib" "mem" (memory 1))
  ;; the callee grows the shared memory: the caller must see the new size
  (func (export "grow_then_load") (result i32)
    (drop (call $grow))
    (i32.store (i32.const 65536) (i32.const 9))
    (i32.load (i32.const 65536)))
)
