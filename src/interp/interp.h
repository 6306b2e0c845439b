/* interp.h — translation of valid function bodies to internal code, and
 * the interpreter that runs it. The runtime calls in through these. */
#ifndef CW_INTERP_H
#define CW_INTERP_H

#include "runtime/runtime.h"

/* Translates defined function `defidx` of mod into mod->code[defidx] if it
 * is not yet. The module must be valid. Fails only on out-of-memory. */
cwasi_status interp_translate(cwasi_module *mod, uint32_t defidx, cwasi_error *err);
void interp_code_free(struct interp_code *code);

/*
 * Calls f, a wasm or host function. args_results holds the arguments in
 * slot form on entry and the results on return; it has room for
 * max(f->param_slots, f->result_slots) slots. Returns CWASI_OK, or
 * CWASI_ERR_TRAP / CWASI_ERR_EXIT / CWASI_ERR_NOMEM with err filled. A trap
 * message names the trap in the spec's wording first, then the function:
 * "integer divide by zero (in function $name)".
 * Re-entrant: a host function may call back into wasm.
 */
cwasi_status interp_call(cwasi_store *s, cwasi_func *f, cw_slot *args_results, cwasi_error *err);

/* Frees the store's interpreter state (stack, frames). */
void interp_store_free(cwasi_store *s);

#endif
