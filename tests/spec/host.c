/*
 * host.c — the "spectest" module the test scripts import: print functions
 * (silent unless the harness is verbose), four immutable globals, a funcref
 * table (10, max 20) and a memory (1 page, max 2).
 */
#include "harness.h"

#include <stdio.h>
#include <string.h>

static cwasi_status print_fn(cwasi_caller *caller, void *env, const cwasi_val *args,
                             cwasi_val *results, cwasi_error *err) {
  (void)caller;
  (void)results;
  (void)err;
  const spec_print_env *pe = env;
  if (!*pe->verbose) return CWASI_OK;
  printf("spectest.%s(", pe->name);
  for (size_t i = 0; i < pe->nparams; i++) {
    char buf[96];
    spec_format_val(&args[i], buf, sizeof buf);
    printf("%s%s", i ? ", " : "", buf);
  }
  printf(")\n");
  return CWASI_OK;
}

static const spec_print_env print_shapes[] = {
    {NULL, "print", 0, {0, 0}},
    {NULL, "print_i32", 1, {CWASI_I32, 0}},
    {NULL, "print_i64", 1, {CWASI_I64, 0}},
    {NULL, "print_f32", 1, {CWASI_F32, 0}},
    {NULL, "print_f64", 1, {CWASI_F64, 0}},
    {NULL, "print_i32_f32", 2, {CWASI_I32, CWASI_F32}},
    {NULL, "print_f64_f64", 2, {CWASI_F64, CWASI_F64}},
};
_Static_assert(sizeof print_shapes == sizeof((spec_host *)0)->prints, "one env per print function");

static cwasi_status define(cwasi_linker *linker, const char *name, cwasi_extern ext) {
  return cwasi_linker_define(linker, "spectest", 8, name, strlen(name), ext);
}

static cwasi_status define_global(cwasi_store *store, cwasi_linker *linker, const char *name,
                                  cwasi_val init) {
  cwasi_extern ext = {.kind = CWASI_EXTERN_GLOBAL};
  ext.of.global = cwasi_global_new(store, init.type, false, init);
  if (!ext.of.global) return CWASI_ERR_NOMEM;
  return define(linker, name, ext);
}

cwasi_status spec_host_define(spec_host *host, cwasi_store *store, cwasi_linker *linker,
                              const bool *verbose) {
  cwasi_status st;
  for (size_t i = 0; i < sizeof print_shapes / sizeof print_shapes[0]; i++) {
    spec_print_env *pe = &host->prints[i];
    *pe = print_shapes[i];
    pe->verbose = verbose;
    cwasi_extern ext = {.kind = CWASI_EXTERN_FUNC};
    ext.of.func = cwasi_func_new(store, pe->params, pe->nparams, NULL, 0, print_fn, pe);
    if (!ext.of.func) return CWASI_ERR_NOMEM;
    if ((st = define(linker, pe->name, ext)) != CWASI_OK) return st;
  }

  cwasi_val v = {.type = CWASI_I32, .of.i32 = 666};
  if ((st = define_global(store, linker, "global_i32", v)) != CWASI_OK) return st;
  v = (cwasi_val){.type = CWASI_I64, .of.i64 = 666};
  if ((st = define_global(store, linker, "global_i64", v)) != CWASI_OK) return st;
  v = (cwasi_val){.type = CWASI_F32, .of.f32 = 666.6f};
  if ((st = define_global(store, linker, "global_f32", v)) != CWASI_OK) return st;
  v = (cwasi_val){.type = CWASI_F64, .of.f64 = 666.6};
  if ((st = define_global(store, linker, "global_f64", v)) != CWASI_OK) return st;

  cwasi_extern ext = {.kind = CWASI_EXTERN_TABLE};
  cwasi_val null_func = {.type = CWASI_FUNCREF, .of.funcref = NULL};
  ext.of.table = cwasi_table_new(store, CWASI_FUNCREF, 10, 20, null_func);
  if (!ext.of.table) return CWASI_ERR_NOMEM;
  if ((st = define(linker, "table", ext)) != CWASI_OK) return st;

  ext = (cwasi_extern){.kind = CWASI_EXTERN_MEMORY};
  ext.of.memory = cwasi_memory_new(store, 1, 2);
  if (!ext.of.memory) return CWASI_ERR_NOMEM;
  return define(linker, "memory", ext);
}
