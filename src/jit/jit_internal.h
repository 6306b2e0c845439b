/*
 * jit_internal.h — what the files of src/jit/ share: the LLVM C API as a
 * table of function pointers (libLLVM is loaded with dlopen when an engine
 * first needs the jit tier, so that `cwasi` does not pay LLVM's 2-25 ms of
 * loading and static constructors at every start: docs/compiler.md), the
 * per-engine and per-module jit state, and the helpers compiled code calls.
 */
#ifndef CW_JIT_INTERNAL_H
#define CW_JIT_INTERNAL_H

#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>
#include <llvm-c/Error.h>
#include <llvm-c/LLJIT.h>
#include <llvm-c/Orc.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>
#include <pthread.h>
#include <setjmp.h>

#include "jit/jit.h"

/* Every LLVM function the tier calls, looked up with dlsym. */
typedef struct jit_api {
#define JIT_FN(n) __typeof__(n) *n;
#include "jit/llvm_funcs.def"
#undef JIT_FN
} jit_api;

/* Calls LLVM through the table of the `c` in scope: LL(BuildAdd)(...). */
#define LL(name) (c->api->LLVM##name)

/* One per engine, created by the first module compiled for the jit tier. */
struct jit_engine {
  jit_api table;
  const jit_api *api; /* &table, for LL() */
  void *lib;          /* dlopen handle of libLLVM; never closed (LLVM is not unloadable) */
  LLVMOrcLLJITRef jit;
  LLVMTargetMachineRef tm; /* for the optimizer's cost models */
  char *triple;
  uint64_t next_module; /* makes symbol names unique in the JIT */
  pthread_mutex_t lock; /* guards everything above after creation */
  char load_error[256]; /* non-empty: loading failed once, the reason */
};

/* The slot-form entry every compiled function gets: arguments in slots,
 * results replace them (the same contract as cw_entry_fn's slots). */
typedef void (*jit_thunk_fn)(cwasi_instance *inst, cw_slot *slots);

struct jit_module {
  LLVMOrcResourceTrackerRef rt;
  uint32_t nfuncs;      /* defined functions */
  jit_thunk_fn *thunks; /* per defined function; NULL: left to the interpreter */
  void **natives;       /* per defined function: its native code, for call_indirect */
  uint32_t ncompiled;
  double compile_ms;
};

/* Activation record of jit_entry: where a trap in compiled code longjmps. */
typedef struct jit_act {
  jmp_buf jb;
  cwasi_error *err;
  cwasi_status status;
  struct jit_act *prev;
} jit_act;

/* ---- helpers called from compiled code (jit.c); their addresses are
 * constants in the IR, so no symbol lookup is involved ---- */
_Noreturn void jit_rt_trap(cwasi_instance *inst, uint32_t kind, uint32_t funcidx, uint32_t offset);
void jit_rt_call(cwasi_instance *inst, uint32_t funcidx, cw_slot *slots);
void jit_rt_call_func(cwasi_instance *inst, cwasi_func *f, cw_slot *slots);
uint32_t jit_rt_memory_grow(cwasi_instance *inst, uint32_t delta);
uint32_t jit_rt_memory_init(cwasi_instance *inst, uint32_t seg, uint32_t d, uint32_t s, uint32_t n);
uint32_t jit_rt_memory_copy(cwasi_instance *inst, uint32_t d, uint32_t s, uint32_t n);
uint32_t jit_rt_memory_fill(cwasi_instance *inst, uint32_t d, uint32_t val, uint32_t n);
void jit_rt_data_drop(cwasi_instance *inst, uint32_t seg);
uint32_t jit_rt_table_init(cwasi_instance *inst, uint32_t seg, uint32_t table, uint32_t d,
                           uint32_t s, uint32_t n);
uint32_t jit_rt_table_copy(cwasi_instance *inst, uint32_t dt, uint32_t st, uint32_t d, uint32_t s,
                           uint32_t n);
uint32_t jit_rt_table_fill(cwasi_instance *inst, uint32_t table, uint32_t i, uint64_t val,
                           uint32_t n);
uint32_t jit_rt_table_grow(cwasi_instance *inst, uint32_t table, uint64_t init, uint32_t n);
void jit_rt_elem_drop(cwasi_instance *inst, uint32_t seg);

/*
 * Translates every defined function of m it can into LLVM IR in `mod`
 * (emit.c): for function i, a native function "<prefix>_f<i>" and a slot
 * thunk "<prefix>_t<i>" (thunk_ok[i] set) — or neither, when the function
 * uses what the tier does not compile (it stays interpreted). Compiled code
 * reads natives_table[i] (filled in after linking) for call_indirect. Fails
 * only on out-of-memory.
 */
cwasi_status jit_emit_module(const jit_api *api, LLVMContextRef ctx, LLVMModuleRef mod,
                             const cw_module *m, const char *prefix, void *const *natives_table,
                             bool *thunk_ok, cwasi_error *err);

#endif
