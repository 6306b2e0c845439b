(module
  ;; tests of the register-style code: lazy locals, result redirection,
  ;; superinstructions (see src/interp/code.h)
  (memory 1)
  ;; old a is still on the stack when a changes: it must be copied first
  (func $lazy (export "lazy") (param i32 i32) (result i32)
    (local.get 0) (local.get 1) (local.set 0) (local.get 0) (i32.sub))
  (func $tee (export "tee") (param i32) (result i32)
    (local.get 0)
    (local.tee 0 (i32.add (local.get 0) (i32.const 5)))
    (i32.mul))
  ;; a block result comes from two paths: local.set must not redirect one
  (func $join (export "join") (param i32) (result i32) (local i32)
    (block (result i32)
      (i32.const 7) (br_if 0 (local.get 0)) (drop)
      (i32.add (local.get 0) (i32.const 100)))
    (local.set 1)
    (local.get 1))
  ;; the folded i32.add wraps before the offset is added
  (func $wrap_load (export "wrap_load") (param i32) (result i32)
    (i32.store (i32.const 8) (i32.const 0x1234))
    (i32.load (i32.add (local.get 0) (i32.const 16))))
  (func $wrap_store (export "wrap_store") (param i32 i32) (result i32)
    (i32.store (i32.add (local.get 0) (i32.const 16)) (local.get 1))
    (i32.load (i32.const 8)))
  (func $oob_load (export "oob_load") (param i32) (result i32)
    (i32.load offset=65533 (i32.add (local.get 0) (i32.const 1))))
  (func $const_store (export "const_store") (param i32) (result i64)
    (i64.store offset=4 (local.get 0) (i64.const -2))
    (i64.load offset=4 (local.get 0)))
  ;; values still lazy at a conditional return stay usable when it is not taken
  (func $cond_ret2 (export "cond_ret2") (param i32 i32) (result i32 i32)
    (local.get 1) (local.get 0)
    (br_if 0 (local.get 0))
    (i32.add)
    (i32.const 5))
  ;; and at a br_if that does not carry them
  (func $lazy_br_if (export "lazy_br_if") (param i32 i32) (result i32)
    (local.get 1)
    (block (br_if 0 (local.get 0)))
    (local.set 0 (i32.const 3))
    (block (result i32) (local.get 0) (br_if 0 (local.get 1)) (drop) (i32.const 4))
    (i32.add))
  ;; a binary operation on a value just loaded: a - load(p + 4)
  (func $sub_load (export "sub_load") (param i32 f64) (result f64)
    (f64.store (i32.const 64) (f64.const 2.5))
    (f64.sub (local.get 1) (f64.load offset=4 (local.get 0))))
  (func $mul_load (export "mul_load") (param i32 f64) (result f64)
    (f64.store (i32.const 64) (f64.const 2.5))
    (f64.mul (local.get 1) (f64.load offset=4 (local.get 0))))
  (func $add_load (export "add_load") (param i32 i32) (result i32)
    (i32.store (i32.const 64) (i32.const 1000))
    (i32.add (local.get 1) (i32.load offset=4 (local.get 0))))
  ;; indexed accesses: (u32)(a + (x << k)) + offset
  (func $index_load (export "index_load") (param i32 i32) (result i32)
    (i32.store (i32.const 16) (i32.const 77))
    (i32.load offset=4 (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 2)))))
  (func $index_store (export "index_store") (param i32 i32 i32) (result i32)
    (i32.store offset=4 (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 34)))
      (local.get 2))
    (i32.load (i32.const 32)))
  ;; x*y rounds before the add (no fused multiply-add)
  (func $muladd (export "muladd") (param f64 f64 f64) (result f64)
    (f64.add (f64.mul (local.get 0) (local.get 1)) (local.get 2)))
  (func $addmul (export "addmul") (param f64 f64 f64) (result f64)
    (f64.add (local.get 2) (f64.mul (local.get 0) (local.get 1))))
  (func $mulsub (export "mulsub") (param f64 f64 f64) (result f64)
    (f64.sub (f64.mul (local.get 0) (local.get 1)) (local.get 2)))
  (func $submul (export "submul") (param f64 f64 f64) (result f64)
    (f64.sub (local.get 2) (f64.mul (local.get 0) (local.get 1))))
  (func $add_shl (export "add_shl") (param i32 i32) (result i32)
    (i32.add (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 2)))
             (i32.add (i32.shl (local.get 1) (i32.const 35)) (local.get 0))))
  ;; every comparison fused with if / br_if, register and immediate forms
  (func $i32_cmps (export "i32_cmps") (param i32 i32) (result i64) (local i64)
    (if (i32.eq (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 1)))))
    (if (i32.eq (local.get 0) (i32.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 2)))))
    (block (br_if 0 (i32.eqz (i32.eq (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 4))))
    (block (br_if 0 (i32.eq (local.get 0) (i32.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 8))))
    (if (i32.ne (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 16)))))
    (if (i32.ne (local.get 0) (i32.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 32)))))
    (block (br_if 0 (i32.eqz (i32.ne (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 64))))
    (block (br_if 0 (i32.ne (local.get 0) (i32.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 128))))
    (if (i32.lt_s (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 256)))))
    (if (i32.lt_s (local.get 0) (i32.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 512)))))
    (block (br_if 0 (i32.eqz (i32.lt_s (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 1024))))
    (block (br_if 0 (i32.lt_s (local.get 0) (i32.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 2048))))
    (if (i32.lt_u (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 4096)))))
    (if (i32.lt_u (local.get 0) (i32.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 8192)))))
    (block (br_if 0 (i32.eqz (i32.lt_u (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 16384))))
    (block (br_if 0 (i32.lt_u (local.get 0) (i32.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 32768))))
    (if (i32.gt_s (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 65536)))))
    (if (i32.gt_s (local.get 0) (i32.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 131072)))))
    (block (br_if 0 (i32.eqz (i32.gt_s (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 262144))))
    (block (br_if 0 (i32.gt_s (local.get 0) (i32.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 524288))))
    (if (i32.gt_u (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 1048576)))))
    (if (i32.gt_u (local.get 0) (i32.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 2097152)))))
    (block (br_if 0 (i32.eqz (i32.gt_u (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 4194304))))
    (block (br_if 0 (i32.gt_u (local.get 0) (i32.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 8388608))))
    (if (i32.le_s (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 16777216)))))
    (if (i32.le_s (local.get 0) (i32.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 33554432)))))
    (block (br_if 0 (i32.eqz (i32.le_s (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 67108864))))
    (block (br_if 0 (i32.le_s (local.get 0) (i32.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 134217728))))
    (if (i32.le_u (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 268435456)))))
    (if (i32.le_u (local.get 0) (i32.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 536870912)))))
    (block (br_if 0 (i32.eqz (i32.le_u (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 1073741824))))
    (block (br_if 0 (i32.le_u (local.get 0) (i32.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 2147483648))))
    (if (i32.ge_s (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 4294967296)))))
    (if (i32.ge_s (local.get 0) (i32.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 8589934592)))))
    (block (br_if 0 (i32.eqz (i32.ge_s (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 17179869184))))
    (block (br_if 0 (i32.ge_s (local.get 0) (i32.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 34359738368))))
    (if (i32.ge_u (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 68719476736)))))
    (if (i32.ge_u (local.get 0) (i32.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 137438953472)))))
    (block (br_if 0 (i32.eqz (i32.ge_u (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 274877906944))))
    (block (br_if 0 (i32.ge_u (local.get 0) (i32.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 549755813888))))
    (local.get 2))
  ;; every comparison fused with if / br_if, register and immediate forms
  (func $i64_cmps (export "i64_cmps") (param i64 i64) (result i64) (local i64)
    (if (i64.eq (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 1)))))
    (if (i64.eq (local.get 0) (i64.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 2)))))
    (block (br_if 0 (i32.eqz (i64.eq (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 4))))
    (block (br_if 0 (i64.eq (local.get 0) (i64.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 8))))
    (if (i64.ne (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 16)))))
    (if (i64.ne (local.get 0) (i64.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 32)))))
    (block (br_if 0 (i32.eqz (i64.ne (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 64))))
    (block (br_if 0 (i64.ne (local.get 0) (i64.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 128))))
    (if (i64.lt_s (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 256)))))
    (if (i64.lt_s (local.get 0) (i64.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 512)))))
    (block (br_if 0 (i32.eqz (i64.lt_s (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 1024))))
    (block (br_if 0 (i64.lt_s (local.get 0) (i64.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 2048))))
    (if (i64.lt_u (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 4096)))))
    (if (i64.lt_u (local.get 0) (i64.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 8192)))))
    (block (br_if 0 (i32.eqz (i64.lt_u (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 16384))))
    (block (br_if 0 (i64.lt_u (local.get 0) (i64.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 32768))))
    (if (i64.gt_s (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 65536)))))
    (if (i64.gt_s (local.get 0) (i64.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 131072)))))
    (block (br_if 0 (i32.eqz (i64.gt_s (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 262144))))
    (block (br_if 0 (i64.gt_s (local.get 0) (i64.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 524288))))
    (if (i64.gt_u (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 1048576)))))
    (if (i64.gt_u (local.get 0) (i64.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 2097152)))))
    (block (br_if 0 (i32.eqz (i64.gt_u (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 4194304))))
    (block (br_if 0 (i64.gt_u (local.get 0) (i64.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 8388608))))
    (if (i64.le_s (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 16777216)))))
    (if (i64.le_s (local.get 0) (i64.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 33554432)))))
    (block (br_if 0 (i32.eqz (i64.le_s (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 67108864))))
    (block (br_if 0 (i64.le_s (local.get 0) (i64.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 134217728))))
    (if (i64.le_u (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 268435456)))))
    (if (i64.le_u (local.get 0) (i64.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 536870912)))))
    (block (br_if 0 (i32.eqz (i64.le_u (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 1073741824))))
    (block (br_if 0 (i64.le_u (local.get 0) (i64.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 2147483648))))
    (if (i64.ge_s (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 4294967296)))))
    (if (i64.ge_s (local.get 0) (i64.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 8589934592)))))
    (block (br_if 0 (i32.eqz (i64.ge_s (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 17179869184))))
    (block (br_if 0 (i64.ge_s (local.get 0) (i64.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 34359738368))))
    (if (i64.ge_u (local.get 0) (local.get 1)) (then (local.set 2 (i64.or (local.get 2) (i64.const 68719476736)))))
    (if (i64.ge_u (local.get 0) (i64.const 5)) (then (local.set 2 (i64.or (local.get 2) (i64.const 137438953472)))))
    (block (br_if 0 (i32.eqz (i64.ge_u (local.get 0) (local.get 1)))) (local.set 2 (i64.or (local.get 2) (i64.const 274877906944))))
    (block (br_if 0 (i64.ge_u (local.get 0) (i64.const 5))) (local.set 2 (i64.or (local.get 2) (i64.const 549755813888))))
    (local.get 2))

  ;; loop back edges: i += step; br_if (i cmp bound), step/bound in registers
  ;; or immediates, the sum teed into i or not; loop_OP_STEP_BOUND_TEE
  (func (export "loop_0_0_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.eq (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_0_0_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.eq (i32.add (local.get 0) (local.get 1)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_0_0_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.eq (local.tee 0 (i32.add (local.get 0) (local.get 1))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_0_0_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.eq (i32.add (local.get 0) (local.get 1)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_0_0_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.eq (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_0_0_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.eq (i32.add (local.get 0) (local.get 1)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_0_1_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.eq (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_0_1_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.eq (i32.add (local.get 0) (i32.const 3)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_0_1_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.eq (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_0_1_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.eq (i32.add (local.get 0) (i32.const 3)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_0_1_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.eq (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_0_1_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.eq (i32.add (local.get 0) (i32.const 3)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_1_0_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ne (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_1_0_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ne (i32.add (local.get 0) (local.get 1)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_1_0_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ne (local.tee 0 (i32.add (local.get 0) (local.get 1))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_1_0_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ne (i32.add (local.get 0) (local.get 1)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_1_0_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ne (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_1_0_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ne (i32.add (local.get 0) (local.get 1)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_1_1_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ne (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_1_1_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ne (i32.add (local.get 0) (i32.const 3)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_1_1_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ne (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_1_1_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ne (i32.add (local.get 0) (i32.const 3)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_1_1_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ne (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_1_1_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ne (i32.add (local.get 0) (i32.const 3)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_2_0_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_s (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_2_0_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_s (i32.add (local.get 0) (local.get 1)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_2_0_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_s (local.tee 0 (i32.add (local.get 0) (local.get 1))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_2_0_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_s (i32.add (local.get 0) (local.get 1)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_2_0_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_s (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_2_0_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_s (i32.add (local.get 0) (local.get 1)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_2_1_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_s (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_2_1_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_s (i32.add (local.get 0) (i32.const 3)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_2_1_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_s (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_2_1_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_s (i32.add (local.get 0) (i32.const 3)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_2_1_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_s (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_2_1_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_s (i32.add (local.get 0) (i32.const 3)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_3_0_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_u (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_3_0_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_u (i32.add (local.get 0) (local.get 1)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_3_0_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_u (local.tee 0 (i32.add (local.get 0) (local.get 1))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_3_0_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_u (i32.add (local.get 0) (local.get 1)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_3_0_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_u (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_3_0_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_u (i32.add (local.get 0) (local.get 1)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_3_1_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_u (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_3_1_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_u (i32.add (local.get 0) (i32.const 3)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_3_1_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_u (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_3_1_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_u (i32.add (local.get 0) (i32.const 3)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_3_1_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_u (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_3_1_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.lt_u (i32.add (local.get 0) (i32.const 3)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_4_0_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_s (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_4_0_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_s (i32.add (local.get 0) (local.get 1)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_4_0_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_s (local.tee 0 (i32.add (local.get 0) (local.get 1))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_4_0_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_s (i32.add (local.get 0) (local.get 1)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_4_0_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_s (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_4_0_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_s (i32.add (local.get 0) (local.get 1)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_4_1_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_s (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_4_1_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_s (i32.add (local.get 0) (i32.const 3)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_4_1_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_s (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_4_1_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_s (i32.add (local.get 0) (i32.const 3)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_4_1_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_s (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_4_1_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_s (i32.add (local.get 0) (i32.const 3)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_5_0_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_u (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_5_0_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_u (i32.add (local.get 0) (local.get 1)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_5_0_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_u (local.tee 0 (i32.add (local.get 0) (local.get 1))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_5_0_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_u (i32.add (local.get 0) (local.get 1)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_5_0_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_u (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_5_0_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_u (i32.add (local.get 0) (local.get 1)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_5_1_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_u (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_5_1_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_u (i32.add (local.get 0) (i32.const 3)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_5_1_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_u (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_5_1_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_u (i32.add (local.get 0) (i32.const 3)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_5_1_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_u (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_5_1_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.gt_u (i32.add (local.get 0) (i32.const 3)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_6_0_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_s (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_6_0_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_s (i32.add (local.get 0) (local.get 1)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_6_0_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_s (local.tee 0 (i32.add (local.get 0) (local.get 1))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_6_0_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_s (i32.add (local.get 0) (local.get 1)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_6_0_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_s (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_6_0_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_s (i32.add (local.get 0) (local.get 1)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_6_1_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_s (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_6_1_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_s (i32.add (local.get 0) (i32.const 3)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_6_1_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_s (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_6_1_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_s (i32.add (local.get 0) (i32.const 3)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_6_1_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_s (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_6_1_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_s (i32.add (local.get 0) (i32.const 3)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_7_0_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_u (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_7_0_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_u (i32.add (local.get 0) (local.get 1)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_7_0_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_u (local.tee 0 (i32.add (local.get 0) (local.get 1))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_7_0_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_u (i32.add (local.get 0) (local.get 1)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_7_0_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_u (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_7_0_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_u (i32.add (local.get 0) (local.get 1)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_7_1_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_u (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_7_1_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_u (i32.add (local.get 0) (i32.const 3)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_7_1_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_u (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_7_1_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_u (i32.add (local.get 0) (i32.const 3)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_7_1_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_u (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_7_1_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.le_u (i32.add (local.get 0) (i32.const 3)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_8_0_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_s (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_8_0_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_s (i32.add (local.get 0) (local.get 1)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_8_0_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_s (local.tee 0 (i32.add (local.get 0) (local.get 1))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_8_0_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_s (i32.add (local.get 0) (local.get 1)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_8_0_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_s (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_8_0_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_s (i32.add (local.get 0) (local.get 1)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_8_1_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_s (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_8_1_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_s (i32.add (local.get 0) (i32.const 3)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_8_1_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_s (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_8_1_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_s (i32.add (local.get 0) (i32.const 3)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_8_1_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_s (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_8_1_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_s (i32.add (local.get 0) (i32.const 3)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_9_0_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_u (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_9_0_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_u (i32.add (local.get 0) (local.get 1)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_9_0_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_u (local.tee 0 (i32.add (local.get 0) (local.get 1))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_9_0_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_u (i32.add (local.get 0) (local.get 1)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_9_0_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_u (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_9_0_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_u (i32.add (local.get 0) (local.get 1)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_9_1_0_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_u (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_9_1_0_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_u (i32.add (local.get 0) (i32.const 3)) (local.get 2)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_9_1_1_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_u (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_9_1_1_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_u (i32.add (local.get 0) (i32.const 3)) (i32.const 100)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_9_1_2_1") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_u (local.tee 0 (i32.add (local.get 0) (i32.const 3))) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
  (func (export "loop_9_1_2_0") (param i32 i32 i32) (result i32) (local i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get 3) (i32.const 1000)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (br_if $l (i32.ge_u (i32.add (local.get 0) (i32.const 3)) (local.get 0)))))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 0)))
)
