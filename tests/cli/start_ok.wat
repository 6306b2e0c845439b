;; _start returns normally: `cwasi run` must exit 0 and print nothing.
(module
  (global $g (mut i32) (i32.const 0))
  (func (export "_start") (global.set $g (i32.const 1))))
