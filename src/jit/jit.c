/*
 * jit.c — the LLVM tier's engine state (libLLVM loaded on demand, one ORC
 * LLJIT per engine), module compilation, the entry that compiled functions
 * get in cwasi_func.entry, and the runtime helpers compiled code calls.
 *
 * Traps: compiled code calls jit_rt_trap, which fills the error of the
 * innermost jit_entry activation and longjmps back to it. Only compiled
 * frames and these helpers lie between the two (a helper that calls an
 * entry returns to its compiled caller first, so interpreter and host
 * frames are always left by return, and their state is restored as usual).
 * The alternative, a status checked after every call, costs a compare and
 * branch per call in the hot path for an event that ends the activation.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "interp/interp.h"
#include "jit/jit_internal.h"

/* Where libLLVM is looked for: the build's (Makefile, from llvm-config-19),
 * then the Debian soname. */
#ifndef CW_LLVM_LIB
#define CW_LLVM_LIB "libLLVM.so.19.1"
#endif

/* Bytes of C stack kept free below the limit compiled code checks: room for
 * a compiled frame, C helpers, host functions and the interpreter's
 * execute() frames that a call from compiled code may nest. */
#define JIT_STACK_MARGIN ((size_t)256 << 10)

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* ---- engine ---------------------------------------------------------------------- */

static bool load_api(struct jit_engine *c) {
  c->api = &c->table;
  const char *names[] = {CW_LLVM_LIB, "libLLVM.so.19.1", "libLLVM-19.so"};
  const char *why = "not found";
  for (size_t i = 0; i < CW_ARRAY_LEN(names) && !c->lib; i++) {
    c->lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!c->lib) why = dlerror();
  }
  if (!c->lib) {
    snprintf(c->load_error, sizeof c->load_error,
             "the jit tier needs LLVM 19 (libLLVM.so.19.1; Debian package llvm-19): %s", why);
    return false;
  }
#define JIT_FN(n)                                                                                  \
  if (!(c->table.n = (__typeof__(n) *)dlsym(c->lib, #n))) {                                        \
    snprintf(c->load_error, sizeof c->load_error, "libLLVM lacks %s: not LLVM 19?", #n);           \
    return false;                                                                                  \
  }
#include "jit/llvm_funcs.def"
#undef JIT_FN
  return true;
}

static bool llvm_failed(struct jit_engine *c, LLVMErrorRef e, const char *what) {
  if (!e) return false;
  char *msg = LL(GetErrorMessage)(e);
  snprintf(c->load_error, sizeof c->load_error, "%s: %s", what, msg);
  LL(DisposeErrorMessage)(msg);
  return true;
}

static bool engine_init(struct jit_engine *c) {
  if (!load_api(c)) return false;
  LL(InitializeX86TargetInfo)();
  LL(InitializeX86Target)();
  LL(InitializeX86TargetMC)();
  LL(InitializeX86AsmPrinter)();
  LLVMOrcJITTargetMachineBuilderRef jtmb;
  if (llvm_failed(c, LL(OrcJITTargetMachineBuilderDetectHost)(&jtmb), "LLVM host detection"))
    return false;
  LLVMOrcLLJITBuilderRef builder = LL(OrcCreateLLJITBuilder)();
  LL(OrcLLJITBuilderSetJITTargetMachineBuilder)(builder, jtmb);
  if (llvm_failed(c, LL(OrcCreateLLJIT)(&c->jit, builder), "creating the LLVM JIT")) return false;
  /* memset, memcpy and libm calls that LLVM itself may emit. */
  LLVMOrcDefinitionGeneratorRef gen;
  if (llvm_failed(c,
                  LL(OrcCreateDynamicLibrarySearchGeneratorForProcess)(
                      &gen, LL(OrcLLJITGetGlobalPrefix)(c->jit), NULL, NULL),
                  "LLVM symbol search"))
    return false;
  LL(OrcJITDylibAddGenerator)(LL(OrcLLJITGetMainJITDylib)(c->jit), gen);

  c->triple = LL(GetDefaultTargetTriple)();
  LLVMTargetRef target;
  char *msg = NULL;
  if (LL(GetTargetFromTriple)(c->triple, &target, &msg)) {
    snprintf(c->load_error, sizeof c->load_error, "LLVM target: %s", msg ? msg : "?");
    LL(DisposeMessage)(msg);
    return false;
  }
  char *cpu = LL(GetHostCPUName)(), *features = LL(GetHostCPUFeatures)();
  c->tm = LL(CreateTargetMachine)(target, c->triple, cpu, features, LLVMCodeGenLevelDefault,
                                  LLVMRelocDefault, LLVMCodeModelJITDefault);
  LL(DisposeMessage)(cpu);
  LL(DisposeMessage)(features);
  return c->tm != NULL;
}

/* The engine's jit state, created on first use; NULL with err filled when
 * LLVM cannot be loaded. */
static struct jit_engine *engine_get(cwasi_engine *e, cwasi_error *err) {
  pthread_mutex_lock(&e->jit_lock);
  if (!e->jit) {
    struct jit_engine *c = cw_calloc(1, sizeof *c);
    if (!c) {
      pthread_mutex_unlock(&e->jit_lock);
      cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory");
      return NULL;
    }
    pthread_mutex_init(&c->lock, NULL);
    if (!engine_init(c) && !c->load_error[0])
      snprintf(c->load_error, sizeof c->load_error, "LLVM target machine creation failed");
    e->jit = c;
  }
  struct jit_engine *c = e->jit;
  pthread_mutex_unlock(&e->jit_lock);
  if (c->load_error[0]) {
    cw_error(err, CWASI_ERR_ARG, SIZE_MAX, "%s", c->load_error);
    return NULL;
  }
  return c;
}

void jit_engine_free(cwasi_engine *e) {
  struct jit_engine *c = e->jit;
  if (!c) return;
  if (c->jit) LL(OrcDisposeLLJIT)(c->jit);
  if (c->tm) LL(DisposeTargetMachine)(c->tm);
  if (c->triple) LL(DisposeMessage)(c->triple);
  pthread_mutex_destroy(&c->lock);
  cw_free(c);
  e->jit = NULL;
}

/* ---- modules --------------------------------------------------------------------- */

void jit_module_free(cwasi_module *mod) {
  struct jit_module *jm = mod->jit;
  if (!jm) return;
  struct jit_engine *c = mod->engine->jit;
  if (jm->rt && c) {
    pthread_mutex_lock(&c->lock);
    LLVMErrorRef e = LL(OrcResourceTrackerRemove)(jm->rt);
    if (e) LL(ConsumeError)(e);
    LL(OrcReleaseResourceTracker)(jm->rt);
    pthread_mutex_unlock(&c->lock);
  }
  cw_free(jm->thunks);
  cw_free(jm->natives);
  cw_free(jm);
  mod->jit = NULL;
}

cw_entry_fn jit_func_entry(const cwasi_module *mod, uint32_t defidx) {
  const struct jit_module *jm = mod->jit;
  return jm && defidx < jm->nfuncs && jm->thunks[defidx] ? jit_entry : NULL;
}

uint32_t jit_module_stats(const cwasi_module *mod, double *compile_ms) {
  const struct jit_module *jm = mod->jit;
  if (compile_ms) *compile_ms = jm ? jm->compile_ms : 0;
  return jm ? jm->ncompiled : 0;
}

/* Optimizes, adds to the JIT and looks up the thunks (which compiles). */
static cwasi_status compile_locked(struct jit_engine *c, cwasi_module *mod, struct jit_module *jm,
                                   cwasi_error *err) {
  const cw_module *m = mod->m;
  char prefix[32], name[96];
  snprintf(prefix, sizeof prefix, "cw%llu", (unsigned long long)c->next_module++);
  bool *ok = cw_calloc(jm->nfuncs ? jm->nfuncs : 1, sizeof *ok);
  if (!ok) return cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory compiling");

  LLVMOrcThreadSafeContextRef tsc = LL(OrcCreateNewThreadSafeContext)();
  LLVMContextRef ctx = LL(OrcThreadSafeContextGetContext)(tsc);
  LLVMModuleRef lm = LL(ModuleCreateWithNameInContext)(prefix, ctx);
  LL(SetTarget)(lm, c->triple);
  LLVMTargetDataRef td = LL(CreateTargetDataLayout)(c->tm);
  LL(SetModuleDataLayout)(lm, td);
  LL(DisposeTargetData)(td);

  cwasi_status st = jit_emit_module(c->api, ctx, lm, m, prefix, jm->natives, ok, err);
  char *msg = NULL;
  if (st == CWASI_OK && LL(VerifyModule)(lm, LLVMReturnStatusAction, &msg)) {
    st = cw_error(err, CWASI_ERR_INVALID, SIZE_MAX, "internal error: invalid LLVM IR: %.300s",
                  msg ? msg : "?");
  }
  if (msg) LL(DisposeMessage)(msg);
  if (st == CWASI_OK) {
    LLVMPassBuilderOptionsRef opts = LL(CreatePassBuilderOptions)();
    const char *pipe = getenv("CWASI_JIT_PASSES");
    LLVMErrorRef e = LL(RunPasses)(lm, pipe ? pipe : "default<O2>", c->tm, opts);
    LL(DisposePassBuilderOptions)(opts);
    if (e) {
      char *em = LL(GetErrorMessage)(e);
      st = cw_error(err, CWASI_ERR_INVALID, SIZE_MAX, "LLVM optimizer: %s", em);
      LL(DisposeErrorMessage)(em);
    }
  }
  if (st != CWASI_OK) {
    LL(DisposeModule)(lm);
    LL(OrcDisposeThreadSafeContext)(tsc);
    cw_free(ok);
    return st;
  }
  LLVMOrcThreadSafeModuleRef tsm = LL(OrcCreateNewThreadSafeModule)(lm, tsc);
  LL(OrcDisposeThreadSafeContext)(tsc);
  LLVMOrcJITDylibRef jd = LL(OrcLLJITGetMainJITDylib)(c->jit);
  jm->rt = LL(OrcJITDylibCreateResourceTracker)(jd);
  LLVMErrorRef e = LL(OrcLLJITAddLLVMIRModuleWithRT)(c->jit, jm->rt, tsm);
  if (e) {
    LL(OrcDisposeThreadSafeModule)(tsm);
    char *em = LL(GetErrorMessage)(e);
    st = cw_error(err, CWASI_ERR_INVALID, SIZE_MAX, "LLVM JIT: %s", em);
    LL(DisposeErrorMessage)(em);
    cw_free(ok);
    return st;
  }
  for (uint32_t d = 0; d < jm->nfuncs && st == CWASI_OK; d++) {
    if (!ok[d]) continue;
    snprintf(name, sizeof name, "%s_t%u", prefix, d);
    LLVMOrcExecutorAddress addr = 0;
    e = LL(OrcLLJITLookup)(c->jit, &addr, name);
    if (e) {
      char *em = LL(GetErrorMessage)(e);
      st = cw_error(err, CWASI_ERR_INVALID, SIZE_MAX, "LLVM JIT: %s", em);
      LL(DisposeErrorMessage)(em);
      break;
    }
    jm->thunks[d] = (jit_thunk_fn)(uintptr_t)addr;
    snprintf(name, sizeof name, "%s_f%u", prefix, d);
    e = LL(OrcLLJITLookup)(c->jit, &addr, name);
    if (e) {
      char *em = LL(GetErrorMessage)(e);
      st = cw_error(err, CWASI_ERR_INVALID, SIZE_MAX, "LLVM JIT: %s", em);
      LL(DisposeErrorMessage)(em);
      break;
    }
    jm->natives[d] = (void *)(uintptr_t)addr;
    jm->ncompiled++;
  }
  cw_free(ok);
  return st;
}

cwasi_status jit_module_compile(cwasi_module *mod, cwasi_error *err) {
  if (mod->jit) return CWASI_OK;
  struct jit_engine *c = engine_get(mod->engine, err);
  if (!c) return err ? err->status : CWASI_ERR_ARG;
  const cw_module *m = mod->m;
  struct jit_module *jm = cw_calloc(1, sizeof *jm);
  uint32_t ndef = m->nfuncs - m->nimported_funcs;
  if (jm) {
    jm->thunks = cw_calloc(ndef ? ndef : 1, sizeof *jm->thunks);
    jm->natives = cw_calloc(ndef ? ndef : 1, sizeof *jm->natives);
  }
  if (!jm || !jm->thunks || !jm->natives) {
    if (jm) {
      cw_free(jm->thunks);
      cw_free(jm->natives);
    }
    cw_free(jm);
    return cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory compiling");
  }
  jm->nfuncs = ndef;
  mod->jit = jm;
  double t0 = now_ms();
  pthread_mutex_lock(&c->lock);
  cwasi_status st = compile_locked(c, mod, jm, err);
  pthread_mutex_unlock(&c->lock);
  jm->compile_ms = now_ms() - t0;
  if (st != CWASI_OK) jit_module_free(mod);
  return st;
}

/* ---- the entry ------------------------------------------------------------------- */

/* The lowest address compiled code may use on this thread's stack. */
static uintptr_t stack_limit(void) {
  uintptr_t here = (uintptr_t)__builtin_frame_address(0);
  pthread_attr_t a;
  void *lo = NULL;
  size_t size = 0;
  if (pthread_getattr_np(pthread_self(), &a) == 0) {
    pthread_attr_getstack(&a, &lo, &size);
    pthread_attr_destroy(&a);
  }
  uintptr_t low = (uintptr_t)lo;
  /* Unknown or unlimited: assume 1 MiB below here is ours. */
  if (!lo || low >= here || here - low > ((size_t)1 << 30)) low = here - ((size_t)1 << 20);
  return low + JIT_STACK_MARGIN;
}

cwasi_status jit_entry(cwasi_store *s, cwasi_func *f, cwasi_instance *caller, cw_slot *slots,
                       cwasi_error *err) {
  (void)caller;
  cwasi_instance *inst = f->inst;
  const struct jit_module *jm = inst->module->jit;
  jit_thunk_fn thunk = jm->thunks[f->func_index - inst->module->m->nimported_funcs];
  cwasi_error local;
  jit_act act;
  act.err = err ? err : &local;
  act.status = CWASI_OK;
  act.prev = s->jit_act;
  uintptr_t saved_limit = s->jit_stack_limit;
  if (!act.prev) s->jit_stack_limit = stack_limit();
  s->jit_act = &act;
  if (setjmp(act.jb)) {
    s->jit_act = act.prev;
    s->jit_stack_limit = saved_limit;
    return act.status;
  }
  thunk(inst, slots);
  s->jit_act = act.prev;
  s->jit_stack_limit = saved_limit;
  return CWASI_OK;
}

/* ---- helpers for compiled code ---------------------------------------------------- */

static _Noreturn void raise_status(cwasi_store *s, cwasi_status st) {
  jit_act *act = s->jit_act;
  act->status = st;
  longjmp(act->jb, 1);
}

void jit_rt_trap(cwasi_instance *inst, uint32_t kind, uint32_t funcidx, uint32_t offset) {
  jit_act *act = inst->store->jit_act;
  char name[200], detail[260];
  rt_func_describe(inst->funcs[funcidx], name, sizeof name);
  if (offset != UINT32_MAX)
    snprintf(detail, sizeof detail, "(in function %s, at offset 0x%x)", name, (unsigned)offset);
  else
    snprintf(detail, sizeof detail, "(in function %s)", name);
  raise_status(inst->store, cw_trap(act->err, (cwasi_trap_kind)kind, detail));
}

static void call_func(cwasi_instance *inst, cwasi_func *f, cw_slot *slots) {
  cwasi_store *s = inst->store;
  jit_act *act = s->jit_act;
  cwasi_status st;
  if (f->entry)
    st = f->entry(s, f, inst, slots, act->err);
  else
    st = interp_call(s, f, slots, act->err);
  if (st != CWASI_OK) raise_status(s, st);
}

void jit_rt_call(cwasi_instance *inst, uint32_t funcidx, cw_slot *slots) {
  call_func(inst, inst->funcs[funcidx], slots);
}

void jit_rt_call_func(cwasi_instance *inst, cwasi_func *f, cw_slot *slots) {
  call_func(inst, f, slots);
}

uint32_t jit_rt_memory_grow(cwasi_instance *inst, uint32_t delta) {
  return (uint32_t)rt_memory_grow(inst->mems[0], delta); /* -1 becomes 0xFFFFFFFF */
}

/* Bulk operations check the whole range first (64-bit, no wrap-around) and
 * trap without a partial effect, as Wasm 2.0 specifies. */
static bool range_ok(uint64_t start, uint64_t n, uint64_t size) { return start + n <= size; }

uint32_t jit_rt_memory_init(cwasi_instance *inst, uint32_t seg, uint32_t d, uint32_t s,
                            uint32_t n) {
  cwasi_memory *mem = inst->mems[0];
  if (!range_ok(s, n, inst->data_len[seg]) || !range_ok(d, n, mem->size))
    return CWASI_TRAP_MEMORY_OOB;
  const cw_module *m = inst->module->m;
  if (n) memcpy(mem->data + d, m->bytes + m->datas[seg].init_offset + s, n);
  return CWASI_TRAP_NONE;
}

uint32_t jit_rt_memory_copy(cwasi_instance *inst, uint32_t d, uint32_t s, uint32_t n) {
  cwasi_memory *mem = inst->mems[0];
  if (!range_ok(s, n, mem->size) || !range_ok(d, n, mem->size)) return CWASI_TRAP_MEMORY_OOB;
  if (n) memmove(mem->data + d, mem->data + s, n);
  return CWASI_TRAP_NONE;
}

uint32_t jit_rt_memory_fill(cwasi_instance *inst, uint32_t d, uint32_t val, uint32_t n) {
  cwasi_memory *mem = inst->mems[0];
  if (!range_ok(d, n, mem->size)) return CWASI_TRAP_MEMORY_OOB;
  if (n) memset(mem->data + d, (int)(val & 0xFF), n);
  return CWASI_TRAP_NONE;
}

void jit_rt_data_drop(cwasi_instance *inst, uint32_t seg) { inst->data_len[seg] = 0; }

uint32_t jit_rt_table_init(cwasi_instance *inst, uint32_t seg, uint32_t table, uint32_t d,
                           uint32_t s, uint32_t n) {
  cwasi_table *t = inst->tables[table];
  if (!range_ok(s, n, inst->elem_len[seg]) || !range_ok(d, n, t->size)) return CWASI_TRAP_TABLE_OOB;
  if (n) memcpy(t->elems + d, inst->elem_items[seg] + s, (size_t)n * sizeof(cw_slot));
  return CWASI_TRAP_NONE;
}

uint32_t jit_rt_table_copy(cwasi_instance *inst, uint32_t dt, uint32_t st, uint32_t d, uint32_t s,
                           uint32_t n) {
  cwasi_table *dtab = inst->tables[dt], *stab = inst->tables[st];
  if (!range_ok(s, n, stab->size) || !range_ok(d, n, dtab->size)) return CWASI_TRAP_TABLE_OOB;
  if (n) memmove(dtab->elems + d, stab->elems + s, (size_t)n * sizeof(cw_slot));
  return CWASI_TRAP_NONE;
}

uint32_t jit_rt_table_fill(cwasi_instance *inst, uint32_t table, uint32_t i, uint64_t val,
                           uint32_t n) {
  cwasi_table *t = inst->tables[table];
  if (!range_ok(i, n, t->size)) return CWASI_TRAP_TABLE_OOB;
  for (uint32_t k = 0; k < n; k++)
    t->elems[i + k] = val;
  return CWASI_TRAP_NONE;
}

uint32_t jit_rt_table_grow(cwasi_instance *inst, uint32_t table, uint64_t init, uint32_t n) {
  return (uint32_t)rt_table_grow(inst->tables[table], n, init);
}

void jit_rt_elem_drop(cwasi_instance *inst, uint32_t seg) { inst->elem_len[seg] = 0; }
