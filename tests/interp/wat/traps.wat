;; Trap sites: test_trap_offsets checks each trap names the module offset of
;; the trapping instruction (see `wasm-objdump -d` of this module).
(module
  (memory 1)
  (table 1 funcref)
  (func $div (export "div") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.div_s)
  (func $sum (export "sum") (param i32 f64) (result f64)
    ;; the load becomes the add's second operand (F64_ADD_L): the trap is the load's
    local.get 1 local.get 0 f64.load offset=8 f64.add)
  (func $store (export "store") (param i32)
    local.get 0 i32.const 4 i32.add i32.const 7 i32.store offset=2)
  (func $ci (export "ci") (param i32)
    local.get 0 call_indirect)
  (func $trunc (export "trunc") (param f64) (result i32)
    local.get 0 i32.trunc_f64_s))
