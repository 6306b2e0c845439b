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

/*
 * The entries of cwasi_func.entry (cw_entry_fn, runtime.h). A wasm function
 * starts at interp_lazy_entry (translates, then replaces itself with
 * interp_entry), a host function at interp_host_entry; the runtime sets
 * them when it creates the function. The dispatch loop runs a
 * callee whose entry is interp_entry inline (no C recursion) and calls
 * any other entry through the pointer, so a compiled tier only has to
 * store its own. interp_entry requires the function to be translated.
 */
cwasi_status interp_entry(cwasi_store *s, cwasi_func *f, cwasi_instance *caller, cw_slot *slots,
                          cwasi_error *err);
cwasi_status interp_lazy_entry(cwasi_store *s, cwasi_func *f, cwasi_instance *caller,
                               cw_slot *slots, cwasi_error *err);
cwasi_status interp_host_entry(cwasi_store *s, cwasi_func *f, cwasi_instance *caller,
                               cw_slot *slots, cwasi_error *err);

/* Frees the store's interpreter state (stack, frames). */
void interp_store_free(cwasi_store *s);

#endif
