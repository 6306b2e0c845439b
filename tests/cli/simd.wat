;; v128 through --invoke: params, results, a v128 local and a call between.
(module
  (func $add (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
  (func (export "add4") (param v128 v128) (result v128)
    (local v128)
    (local.set 2 (call $add (local.get 0) (local.get 1)))
    (local.get 2))
  (func (export "splat") (param i32) (result v128) (i8x16.splat (local.get 0)))
  (func (export "sum") (param v128) (result i32)
    (i32.add (i32.add (i32x4.extract_lane 0 (local.get 0)) (i32x4.extract_lane 1 (local.get 0)))
             (i32.add (i32x4.extract_lane 2 (local.get 0)) (i32x4.extract_lane 3 (local.get 0))))))
