;; An import nobody provides: `cwasi run` must fail to link (exit 1).
(module
  (import "nowhere" "f" (func))
  (func (export "_start") call 0))
