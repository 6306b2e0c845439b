;; fusions.wat — the translator's merged and fused forms (code.h), each
;; next to cases that must not fuse. Used by test_exec.c.
(module
  (memory (export "mem") 1)
  (func (export "rmw_f64_add") (param $p i32) (param $x f64)
    (f64.store offset=8 (local.get $p) (f64.add (local.get $x) (f64.load offset=8 (local.get $p)))))
  (func (export "lop_f64_add") (param $p i32) (param $x f64) (result f64)
    (f64.add (local.get $x) (f64.load offset=4 (i32.add (local.get $p) (i32.const 8)))))
  (func (export "rmw_f64_sub") (param $p i32) (param $x f64)
    (f64.store offset=8 (local.get $p) (f64.sub (local.get $x) (f64.load offset=8 (local.get $p)))))
  (func (export "lop_f64_sub") (param $p i32) (param $x f64) (result f64)
    (f64.sub (local.get $x) (f64.load offset=4 (i32.add (local.get $p) (i32.const 8)))))
  (func (export "rmw_f64_mul") (param $p i32) (param $x f64)
    (f64.store offset=8 (local.get $p) (f64.mul (local.get $x) (f64.load offset=8 (local.get $p)))))
  (func (export "lop_f64_mul") (param $p i32) (param $x f64) (result f64)
    (f64.mul (local.get $x) (f64.load offset=4 (i32.add (local.get $p) (i32.const 8)))))
  (func (export "rmw_f32_add") (param $p i32) (param $x f32)
    (f32.store offset=8 (local.get $p) (f32.add (local.get $x) (f32.load offset=8 (local.get $p)))))
  (func (export "lop_f32_add") (param $p i32) (param $x f32) (result f32)
    (f32.add (local.get $x) (f32.load offset=4 (i32.add (local.get $p) (i32.const 8)))))
  (func (export "rmw_f32_sub") (param $p i32) (param $x f32)
    (f32.store offset=8 (local.get $p) (f32.sub (local.get $x) (f32.load offset=8 (local.get $p)))))
  (func (export "lop_f32_sub") (param $p i32) (param $x f32) (result f32)
    (f32.sub (local.get $x) (f32.load offset=4 (i32.add (local.get $p) (i32.const 8)))))
  (func (export "rmw_f32_mul") (param $p i32) (param $x f32)
    (f32.store offset=8 (local.get $p) (f32.mul (local.get $x) (f32.load offset=8 (local.get $p)))))
  (func (export "lop_f32_mul") (param $p i32) (param $x f32) (result f32)
    (f32.mul (local.get $x) (f32.load offset=4 (i32.add (local.get $p) (i32.const 8)))))
  (func (export "rmw_i32_add") (param $p i32) (param $x i32)
    (i32.store offset=8 (local.get $p) (i32.add (local.get $x) (i32.load offset=8 (local.get $p)))))
  (func (export "lop_i32_add") (param $p i32) (param $x i32) (result i32)
    (i32.add (local.get $x) (i32.load offset=4 (i32.add (local.get $p) (i32.const 8)))))
  (func (export "rmw_i32_sub") (param $p i32) (param $x i32)
    (i32.store offset=8 (local.get $p) (i32.sub (local.get $x) (i32.load offset=8 (local.get $p)))))
  (func (export "lop_i32_sub") (param $p i32) (param $x i32) (result i32)
    (i32.sub (local.get $x) (i32.load offset=4 (i32.add (local.get $p) (i32.const 8)))))
  (func (export "rmw_i64_add") (param $p i32) (param $x i64)
    (i64.store offset=8 (local.get $p) (i64.add (local.get $x) (i64.load offset=8 (local.get $p)))))
  (func (export "lop_i64_add") (param $p i32) (param $x i64) (result i64)
    (i64.add (local.get $x) (i64.load offset=4 (i32.add (local.get $p) (i32.const 8)))))
  (func (export "rmw_i64_sub") (param $p i32) (param $x i64)
    (i64.store offset=8 (local.get $p) (i64.sub (local.get $x) (i64.load offset=8 (local.get $p)))))
  (func (export "lop_i64_sub") (param $p i32) (param $x i64) (result i64)
    (i64.sub (local.get $x) (i64.load offset=4 (i32.add (local.get $p) (i32.const 8)))))
  (func (export "rmw_other_offset") (param $p i32) (param $x f64)
    (f64.store offset=16 (local.get $p) (f64.add (local.get $x) (f64.load offset=8 (local.get $p)))))
  (func (export "rmw_addr_changes") (param $p i32) (param $x f64)
    (f64.store (local.get $p)
      (f64.add (local.get $x) (f64.load (local.tee $p (i32.add (local.get $p) (i32.const 8)))))))
  (func (export "add2") (param $a i32) (param $b i32) (result i64)
    (local.set $a (i32.add (local.get $a) (i32.const 8)))
    (local.set $b (i32.add (local.get $a) (i32.const -16)))
    (i64.or (i64.extend_i32_u (local.get $a)) (i64.shl (i64.extend_i32_u (local.get $b)) (i64.const 32))))
  (func (export "add2_label") (param $a i32) (param $b i32) (result i64)
    (local.set $a (i32.add (local.get $a) (i32.const 1)))
    (loop $l
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $b) (i32.const 10))))
    (i64.or (i64.extend_i32_u (local.get $a)) (i64.shl (i64.extend_i32_u (local.get $b)) (i64.const 32))))
  (func (export "add2_loop") (param $p i32) (param $q i32) (param $n i32) (result i64)
    (loop $l
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (local.set $q (i32.add (local.get $q) (i32.const 16)))
      (br_if $l (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
    (i64.or (i64.extend_i32_u (local.get $p)) (i64.shl (i64.extend_i32_u (local.get $q)) (i64.const 32))))
  (func (export "rotate") (param $a i32) (param $b i32) (param $c i32) (param $n i32) (result i32)
    (local $t i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $t (local.get $a))
        (local.set $a (local.get $b))
        (local.set $b (local.get $c))
        (local.set $c (local.get $t))
        (br $l)))
    (i32.add (i32.mul (local.get $a) (i32.const 100)) (i32.add (i32.mul (local.get $b) (i32.const 10)) (local.get $c))))
  (func (export "wrap_table") (param $x i64) (result i32)
    (block $c (block $b (block $a
      (br_table $a $b $c (i32.wrap_i64 (local.get $x))))
      (return (i32.const 10)))
      (return (i32.const 11)))
    (i32.const 12))
  (func (export "wrap_br_if") (param $x i64) (result i32)
    (block $t (br_if $t (i32.wrap_i64 (local.get $x))) (return (i32.const 0)))
    (i32.const 1))
  (func (export "wrap_if") (param $x i64) (result i32)
    (if (result i32) (i32.wrap_i64 (local.get $x)) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "count_down") (param $n i32) (param $step i32) (result i32) (local $k i32)
    (loop $l
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.and (i32.lt_u (local.get $k) (i32.const 1000))
        (i32.ne (i32.const 0) (local.tee $n (i32.add (local.get $n) (local.get $step)))))))
    (i32.add (i32.mul (local.get $k) (i32.const 65536)) (local.get $n)))
  (func (export "count_down_imm") (param $n i32) (result i32) (local $k i32)
    (block $exit
      (loop $l
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $exit (i32.ge_u (local.get $k) (i32.const 1000)))
        (br_if $l (local.tee $n (i32.add (local.get $n) (i32.const -1))))))
    (i32.add (i32.mul (local.get $k) (i32.const 65536)) (local.get $n)))
  (func (export "count_down_reg") (param $n i32) (param $step i32) (result i32) (local $k i32)
    (block $exit
      (loop $l
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $exit (i32.ge_u (local.get $k) (i32.const 1000)))
        (br_if $l (local.tee $n (i32.add (local.get $n) (local.get $step))))))
    (i32.add (i32.mul (local.get $k) (i32.const 65536)) (local.get $n)))
  (func (export "if_add") (param $a i32) (param $b i32) (result i32)
    (if (result i32) (i32.add (local.get $a) (local.get $b)) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "swap_0") (param $i i32) (param $s i32) (param $bound i32) (result i32) (local $k i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get $k) (i32.const 1000)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $l (i32.eq (local.get $bound) (local.tee $i (i32.add (local.get $i) (local.get $s)))))))
    (i32.add (i32.mul (local.get $k) (i32.const 65536)) (local.get $i)))
  (func (export "swap_1") (param $i i32) (param $s i32) (param $bound i32) (result i32) (local $k i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get $k) (i32.const 1000)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $l (i32.ne (local.get $bound) (local.tee $i (i32.add (local.get $i) (local.get $s)))))))
    (i32.add (i32.mul (local.get $k) (i32.const 65536)) (local.get $i)))
  (func (export "swap_2") (param $i i32) (param $s i32) (param $bound i32) (result i32) (local $k i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get $k) (i32.const 1000)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $l (i32.lt_s (local.get $bound) (local.tee $i (i32.add (local.get $i) (local.get $s)))))))
    (i32.add (i32.mul (local.get $k) (i32.const 65536)) (local.get $i)))
  (func (export "swap_3") (param $i i32) (param $s i32) (param $bound i32) (result i32) (local $k i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get $k) (i32.const 1000)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $bound) (local.tee $i (i32.add (local.get $i) (local.get $s)))))))
    (i32.add (i32.mul (local.get $k) (i32.const 65536)) (local.get $i)))
  (func (export "swap_4") (param $i i32) (param $s i32) (param $bound i32) (result i32) (local $k i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get $k) (i32.const 1000)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $l (i32.gt_s (local.get $bound) (local.tee $i (i32.add (local.get $i) (local.get $s)))))))
    (i32.add (i32.mul (local.get $k) (i32.const 65536)) (local.get $i)))
  (func (export "swap_5") (param $i i32) (param $s i32) (param $bound i32) (result i32) (local $k i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get $k) (i32.const 1000)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $l (i32.gt_u (local.get $bound) (local.tee $i (i32.add (local.get $i) (local.get $s)))))))
    (i32.add (i32.mul (local.get $k) (i32.const 65536)) (local.get $i)))
  (func (export "swap_6") (param $i i32) (param $s i32) (param $bound i32) (result i32) (local $k i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get $k) (i32.const 1000)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $l (i32.le_s (local.get $bound) (local.tee $i (i32.add (local.get $i) (local.get $s)))))))
    (i32.add (i32.mul (local.get $k) (i32.const 65536)) (local.get $i)))
  (func (export "swap_7") (param $i i32) (param $s i32) (param $bound i32) (result i32) (local $k i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get $k) (i32.const 1000)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $l (i32.le_u (local.get $bound) (local.tee $i (i32.add (local.get $i) (local.get $s)))))))
    (i32.add (i32.mul (local.get $k) (i32.const 65536)) (local.get $i)))
  (func (export "swap_8") (param $i i32) (param $s i32) (param $bound i32) (result i32) (local $k i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get $k) (i32.const 1000)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $l (i32.ge_s (local.get $bound) (local.tee $i (i32.add (local.get $i) (local.get $s)))))))
    (i32.add (i32.mul (local.get $k) (i32.const 65536)) (local.get $i)))
  (func (export "swap_9") (param $i i32) (param $s i32) (param $bound i32) (result i32) (local $k i32)
    (block $exit
      (loop $l
        (br_if $exit (i32.ge_u (local.get $k) (i32.const 1000)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $l (i32.ge_u (local.get $bound) (local.tee $i (i32.add (local.get $i) (local.get $s)))))))
    (i32.add (i32.mul (local.get $k) (i32.const 65536)) (local.get $i)))
  (func (export "switch_l8") (param $p i32) (result i32)
    (block $c (block $b (block $a
      (br_table $a $b $c (i32.load8_u offset=2 (local.get $p))))
      (return (i32.const 10)))
      (return (i32.const 11)))
    (i32.const 12))
  (func (export "switch_l16") (param $p i32) (result i32)
    (block $c (block $b (block $a
      (br_table $a $b $c (i32.load16_u offset=2 (local.get $p))))
      (return (i32.const 10)))
      (return (i32.const 11)))
    (i32.const 12))
  (func (export "switch_l32") (param $p i32) (result i32)
    (block $c (block $b (block $a
      (br_table $a $b $c (i32.load offset=2 (local.get $p))))
      (return (i32.const 10)))
      (return (i32.const 11)))
    (i32.const 12))
  (func (export "switch_l64") (param $p i32) (result i32)
    (block $c (block $b (block $a
      (br_table $a $b $c (i32.wrap_i64 (i64.load offset=2 (local.get $p)))))
      (return (i32.const 10)))
      (return (i32.const 11)))
    (i32.const 12))
  ;; the loaded index is also kept in a local: the load must stay
  (func (export "switch_kept") (param $p i32) (result i32) (local $c i32) (local $r i32)
    (block $c (block $b (block $a
      (br_table $a $b $c (local.tee $c (i32.load8_u (local.get $p)))))
      (local.set $r (i32.const 10)) (br $c))
      (local.set $r (i32.const 11)))
    (i32.add (local.get $r) (i32.mul (local.get $c) (i32.const 100))))
  (func (export "switch_kept64") (param $p i32) (result i32) (local $c i64)
    (block $c (block $b (block $a
      (br_table $a $b $c (i32.wrap_i64 (local.tee $c (i64.load (local.get $p))))))
      (return (i32.add (i32.const 10) (i32.wrap_i64 (local.get $c)))))
      (return (i32.add (i32.const 11) (i32.wrap_i64 (local.get $c)))))
    (i32.add (i32.const 12) (i32.wrap_i64 (local.get $c))))
  ;; a C (x S k) and (x S k) C a, k = 7 and 45 (taken mod 32)
  (func (export "sh_add_shl") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.add (local.get $a) (i32.shl (local.get $x) (i32.const 7)))
      (i32.rotl (i32.add (i32.shl (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
  (func (export "sh_add_shr_u") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.add (local.get $a) (i32.shr_u (local.get $x) (i32.const 7)))
      (i32.rotl (i32.add (i32.shr_u (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
  (func (export "sh_add_shr_s") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.add (local.get $a) (i32.shr_s (local.get $x) (i32.const 7)))
      (i32.rotl (i32.add (i32.shr_s (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
  (func (export "sh_add_rotl") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.add (local.get $a) (i32.rotl (local.get $x) (i32.const 7)))
      (i32.rotl (i32.add (i32.rotl (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
  (func (export "sh_add_rotr") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.add (local.get $a) (i32.rotr (local.get $x) (i32.const 7)))
      (i32.rotl (i32.add (i32.rotr (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
  (func (export "sh_xor_shl") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.xor (local.get $a) (i32.shl (local.get $x) (i32.const 7)))
      (i32.rotl (i32.xor (i32.shl (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
  (func (export "sh_xor_shr_u") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.xor (local.get $a) (i32.shr_u (local.get $x) (i32.const 7)))
      (i32.rotl (i32.xor (i32.shr_u (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
  (func (export "sh_xor_shr_s") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.xor (local.get $a) (i32.shr_s (local.get $x) (i32.const 7)))
      (i32.rotl (i32.xor (i32.shr_s (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
  (func (export "sh_xor_rotl") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.xor (local.get $a) (i32.rotl (local.get $x) (i32.const 7)))
      (i32.rotl (i32.xor (i32.rotl (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
  (func (export "sh_xor_rotr") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.xor (local.get $a) (i32.rotr (local.get $x) (i32.const 7)))
      (i32.rotl (i32.xor (i32.rotr (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
  (func (export "sh_or_shl") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.or (local.get $a) (i32.shl (local.get $x) (i32.const 7)))
      (i32.rotl (i32.or (i32.shl (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
  (func (export "sh_or_shr_u") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.or (local.get $a) (i32.shr_u (local.get $x) (i32.const 7)))
      (i32.rotl (i32.or (i32.shr_u (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
  (func (export "sh_or_shr_s") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.or (local.get $a) (i32.shr_s (local.get $x) (i32.const 7)))
      (i32.rotl (i32.or (i32.shr_s (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
  (func (export "sh_or_rotl") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.or (local.get $a) (i32.rotl (local.get $x) (i32.const 7)))
      (i32.rotl (i32.or (i32.rotl (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
  (func (export "sh_or_rotr") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.or (local.get $a) (i32.rotr (local.get $x) (i32.const 7)))
      (i32.rotl (i32.or (i32.rotr (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
  (func (export "sh_and_shl") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.and (local.get $a) (i32.shl (local.get $x) (i32.const 7)))
      (i32.rotl (i32.and (i32.shl (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
  (func (export "sh_and_shr_u") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.and (local.get $a) (i32.shr_u (local.get $x) (i32.const 7)))
      (i32.rotl (i32.and (i32.shr_u (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
  (func (export "sh_and_shr_s") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.and (local.get $a) (i32.shr_s (local.get $x) (i32.const 7)))
      (i32.rotl (i32.and (i32.shr_s (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
  (func (export "sh_and_rotl") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.and (local.get $a) (i32.rotl (local.get $x) (i32.const 7)))
      (i32.rotl (i32.and (i32.rotl (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
  (func (export "sh_and_rotr") (param $a i32) (param $x i32) (result i32)
    (i32.xor
      (i32.and (local.get $a) (i32.rotr (local.get $x) (i32.const 7)))
      (i32.rotl (i32.and (i32.rotr (local.get $x) (i32.const 45)) (local.get $a)) (i32.const 16))))
)
