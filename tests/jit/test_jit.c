/*
 * test_jit.c — the compiled tier against the interpreter on one module
 * (jit.wat): every function but a SIMD one is compiled, results and trap messages are the
 * interpreter's, compiled code calls host functions and host functions call
 * back into it, a trap or a stack exhaustion leaves the store usable, and a
 * SIMD function stays interpreted but is called from compiled code.
 * Without LLVM at build time, asking for the tier must fail clearly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jit/jit.h"
#include "jit_modules.h"
#include "runtime/runtime.h"
#include "unit.h"

typedef struct env {
  cwasi_engine *engine;
  cwasi_module *mod;
  cwasi_store *store;
  cwasi_linker *linker;
  cwasi_instance *inst;
} env;

static cwasi_status host_add(cwasi_caller *caller, void *e, const cwasi_val *args,
                             cwasi_val *results, cwasi_error *err) {
  (void)caller;
  (void)e;
  (void)err;
  results[0].of.i32 = args[0].of.i32 + args[1].of.i32;
  return CWASI_OK;
}

/* Calls the module's export "fib" from the host: a nested activation. */
static cwasi_status host_fib(cwasi_caller *caller, void *e, const cwasi_val *args,
                             cwasi_val *results, cwasi_error *err) {
  env *x = e;
  cwasi_extern fib;
  if (!cwasi_instance_export(x->inst, "fib", 3, &fib)) return CWASI_ERR_ARG;
  return cwasi_func_call(caller->store, fib.of.func, args, 1, results, 1, err);
}

static bool setup(env *x, cwasi_tier tier, cwasi_error *err) {
  memset(x, 0, sizeof *x);
  cwasi_config cfg = {.tier = tier};
  x->engine = cwasi_engine_new(&cfg);
  x->mod = cwasi_module_new(x->engine, wasm_jit, sizeof wasm_jit, err);
  if (!x->mod) return false;
  x->store = cwasi_store_new(x->engine);
  x->linker = cwasi_linker_new(x->store);
  cwasi_valtype i32 = CWASI_I32;
  cwasi_valtype two[] = {CWASI_I32, CWASI_I32};
  cwasi_extern add = {.kind = CWASI_EXTERN_FUNC,
                      .of.func = cwasi_func_new(x->store, two, 2, &i32, 1, host_add, NULL)};
  cwasi_extern fib = {.kind = CWASI_EXTERN_FUNC,
                      .of.func = cwasi_func_new(x->store, &i32, 1, &i32, 1, host_fib, x)};
  cwasi_linker_define(x->linker, "env", 3, "host_add", 8, add);
  cwasi_linker_define(x->linker, "env", 3, "host_fib", 8, fib);
  x->inst = cwasi_linker_instantiate(x->linker, x->mod, err);
  return x->inst != NULL;
}

static void teardown(env *x) {
  if (x->linker) cwasi_linker_delete(x->linker);
  if (x->store) cwasi_store_delete(x->store);
  if (x->mod) cwasi_module_delete(x->mod);
  cwasi_engine_delete(x->engine);
}

/* Calls export name with i32 arguments; returns the status, results in r. */
static cwasi_status call(env *x, const char *name, int32_t a, int32_t b, int nargs, cwasi_val *r,
                         size_t nr, cwasi_error *err) {
  cwasi_extern f;
  if (!cwasi_instance_export(x->inst, name, strlen(name), &f)) return CWASI_ERR_ARG;
  cwasi_val args[2] = {{.type = CWASI_I32, .of.i32 = a}, {.type = CWASI_I32, .of.i32 = b}};
  return cwasi_func_call(x->store, f.of.func, args, (size_t)nargs, r, nr, err);
}

static int32_t call_i32(env *x, const char *name, int32_t a, int32_t b, int nargs) {
  cwasi_val r[1];
  cwasi_error err;
  if (call(x, name, a, b, nargs, r, 1, &err) != CWASI_OK) {
    fprintf(stderr, "  %s: %s\n", name, err.message);
    return INT32_MIN;
  }
  return r[0].of.i32;
}

/* The trap message of name(a, b) in tier t, "" if it did not trap. */
static void trap_message(cwasi_tier t, const char *name, int32_t a, int32_t b, int nargs, char *out,
                         size_t outlen, cwasi_trap_kind *kind) {
  env x;
  cwasi_error err;
  out[0] = 0;
  *kind = CWASI_TRAP_NONE;
  if (setup(&x, t, &err)) {
    cwasi_val r[1];
    if (call(&x, name, a, b, nargs, r, 1, &err) == CWASI_ERR_TRAP) {
      snprintf(out, outlen, "%s", err.message);
      *kind = err.trap;
    }
    /* The store stays usable after a trap. */
    CHECK_EQ_U64(call_i32(&x, "fib", 10, 0, 1), 55);
  }
  teardown(&x);
}

/* Every function but the SIMD one ("vadd") is compiled. */
static void test_compiled(env *x) {
  uint32_t ndefined = x->mod->m->nfuncs - x->mod->m->nimported_funcs;
  double ms = -1;
  CHECK_EQ_U64(jit_module_stats(x->mod, &ms), ndefined - 1);
  CHECK(ms >= 0);
  cwasi_extern vadd;
  CHECK(cwasi_instance_export(x->inst, "vadd", 4, &vadd));
  for (uint32_t i = x->mod->m->nimported_funcs; i < x->mod->m->nfuncs; i++) {
    cwasi_func *f = x->inst->funcs[i];
    CHECK((f->entry == jit_entry) == (f != vadd.of.func));
  }
}

static void test_results(env *x) {
  CHECK_EQ_U64(call_i32(x, "fib", 20, 0, 1), 6765);
  CHECK_EQ_U64(call_i32(x, "indirect", 0, 7, 2), 49);
  CHECK_EQ_U64(call_i32(x, "indirect", 1, 10, 2), 55);
  CHECK_EQ_U64(call_i32(x, "via_host", 2, 40, 2), 42);
  CHECK_EQ_U64(call_i32(x, "reenter", 12, 0, 1), 144);
  CHECK_EQ_U64(call_i32(x, "div", 7, 2, 2), 3);
  CHECK_EQ_U64(call_i32(x, "vadd", 3, 4, 2), 7);
  CHECK_EQ_U64(call_i32(x, "call_vadd", 3, 4, 2), 14);
  cwasi_val r[2];
  cwasi_error err;
  CHECK(call(x, "multi", -1, 0, 1, r, 2, &err) == CWASI_OK);
  CHECK_EQ_U64((uint32_t)r[0].of.i32, 0xFFFFFFFFu);
  CHECK_EQ_U64(r[1].of.i64, 0xFFFFFFFFu);
  CHECK(call(x, "bump", 0, 0, 0, r, 1, &err) == CWASI_OK);
  CHECK_EQ_U64(r[0].of.i64, 8);
  CHECK(call(x, "bump", 0, 0, 0, r, 1, &err) == CWASI_OK);
  CHECK_EQ_U64(r[0].of.i64, 9);
  CHECK(call(x, "sum", 100000, 0, 1, r, 1, &err) == CWASI_OK);
  CHECK_EQ_U64(r[0].of.i64, 5000050000ull);
}

/* Each trap: the same kind and message (function name, offset) as the
 * interpreter's. */
static void test_traps(void) {
  static const struct {
    const char *name;
    int32_t a, b;
    int nargs;
    cwasi_trap_kind kind;
  } cases[] = {
      {"div", 1, 0, 2, CWASI_TRAP_DIV_ZERO},
      {"oob", 65532, 0, 1, CWASI_TRAP_MEMORY_OOB},
      {"oob", -1, 0, 1, CWASI_TRAP_MEMORY_OOB},
      {"indirect", 2, 1, 2, CWASI_TRAP_UNINIT_ELEMENT},
      {"indirect", 3, 1, 2, CWASI_TRAP_UNDEFINED_ELEMENT},
      {"deep", 0, 0, 1, CWASI_TRAP_STACK_EXHAUSTED},
  };
  for (size_t i = 0; i < CW_ARRAY_LEN(cases); i++) {
    char jm[512], im[512];
    cwasi_trap_kind jk, ik;
    trap_message(CWASI_TIER_JIT, cases[i].name, cases[i].a, cases[i].b, cases[i].nargs, jm,
                 sizeof jm, &jk);
    trap_message(CWASI_TIER_INTERP, cases[i].name, cases[i].a, cases[i].b, cases[i].nargs, im,
                 sizeof im, &ik);
    CHECK_EQ_U64(jk, cases[i].kind);
    CHECK_EQ_U64(ik, cases[i].kind);
    if (strcmp(jm, im) != 0) fprintf(stderr, "  jit: %s\n  interp: %s\n", jm, im);
    CHECK(strcmp(jm, im) == 0);
  }
}

int main(void) {
  env x;
  cwasi_error err;
  if (!setup(&x, CWASI_TIER_JIT, &err)) {
    /* Only acceptable reason: the tier is not built into this cwasi. */
    fprintf(stderr, "  jit tier unavailable: %s\n", err.message);
    CHECK(strstr(err.message, "not built") != NULL);
    teardown(&x);
    return unit_report();
  }
  fprintf(stderr, "  test_compiled\n");
  test_compiled(&x);
  fprintf(stderr, "  test_results\n");
  test_results(&x);
  teardown(&x);
  RUN(test_traps);
  return unit_report();
}
