;; The start function traps during instantiation: exit 134.
(module
  (func $s unreachable)
  (start $s))
