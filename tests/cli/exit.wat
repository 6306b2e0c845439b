;; proc_exit with the status given to --invoke exit N.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func (export "exit") (param i32) (call $proc_exit (local.get 0))))
