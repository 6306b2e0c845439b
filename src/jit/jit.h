/*
 * jit.h — the compiled tier, as the runtime sees it. With LLVM 19's headers
 * at build time src/jit/ compiles functions to native code with LLVM (libLLVM
 * is loaded on first use); without them, src/jit/none.c answers "not built".
 * docs/compiler.md describes the design and its measurements.
 */
#ifndef CW_JIT_H
#define CW_JIT_H

#include "runtime/runtime.h"

/* Compiles every function of mod the tier supports into mod->jit (once; a
 * module is compiled when it is created by an engine configured for the
 * jit tier). Fails when LLVM is unavailable or out of memory. */
cwasi_status jit_module_compile(cwasi_module *mod, cwasi_error *err);

/* The entry (cw_entry_fn) of defined function defidx of mod when it was
 * compiled; NULL when it is left to the interpreter. */
cw_entry_fn jit_func_entry(const cwasi_module *mod, uint32_t defidx);

/* Number of functions compiled and compile time of mod (0 when none). */
uint32_t jit_module_stats(const cwasi_module *mod, double *compile_ms);

/* cw_entry_fn of compiled functions: runs the function's native code. */
cwasi_status jit_entry(cwasi_store *s, cwasi_func *f, cwasi_instance *caller, cw_slot *slots,
                       cwasi_error *err);

void jit_module_free(cwasi_module *mod);
void jit_engine_free(cwasi_engine *e);

#endif
