/*
 * none.c — the jit tier when cwasi was built without LLVM 19's headers
 * (the Makefile compiles this file instead of the others in src/jit/):
 * asking for the tier is a clear error, everything else is the interpreter.
 */
#include "jit/jit.h"

cwasi_status jit_module_compile(cwasi_module *mod, cwasi_error *err) {
  (void)mod;
  return cw_error(err, CWASI_ERR_ARG, SIZE_MAX,
                  "the jit tier is not built into this cwasi (LLVM 19 was not found at build "
                  "time: install llvm-19-dev and rebuild)");
}

cw_entry_fn jit_func_entry(const cwasi_module *mod, uint32_t defidx) {
  (void)mod;
  (void)defidx;
  return NULL;
}

uint32_t jit_module_stats(const cwasi_module *mod, double *compile_ms) {
  (void)mod;
  if (compile_ms) *compile_ms = 0;
  return 0;
}

cwasi_status jit_entry(cwasi_store *s, cwasi_func *f, cwasi_instance *caller, cw_slot *slots,
                       cwasi_error *err) {
  (void)s;
  (void)f;
  (void)caller;
  (void)slots;
  return cw_error(err, CWASI_ERR_ARG, SIZE_MAX, "the jit tier is not built into this cwasi");
}

void jit_module_free(cwasi_module *mod) { (void)mod; }
void jit_engine_free(cwasi_engine *e) { (void)e; }
