;; _start traps: `cwasi run` must exit 134.
(module
  (func (export "_start") unreachable))
