(module
  (memory (export "mem") 1 4)
  (data (i32.const 0) "\2a")
  (func (export "peek") (result i32) (i32.load8_u (i32.const 0)))
  (func (export "grow") (result i32) (memory.grow (i32.const 1)))
)
