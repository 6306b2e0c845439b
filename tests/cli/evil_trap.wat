;; A trapping function whose export name holds a newline and an ESC
;; sequence: the trap message must stay one escaped line.
(module
  (func (export "bad\0a\1b[2Jname") unreachable))
