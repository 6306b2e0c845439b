;; _start sleeps 10 s in poll_oneoff (one relative CLOCK_MONOTONIC
;; subscription): --timeout must cut the host call, not wait it out.
(module
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (i64.store (i32.const 0) (i64.const 7))            ;; userdata
    (i32.store8 (i32.const 8) (i32.const 0))           ;; eventtype clock
    (i32.store (i32.const 16) (i32.const 1))           ;; CLOCK_MONOTONIC
    (i64.store (i32.const 24) (i64.const 10000000000)) ;; 10 s, relative
    (drop (call $poll (i32.const 0) (i32.const 64) (i32.const 1) (i32.const 128)))))
