/*
 * host.c — the "spectest" module that spec scripts import: print
 * functions, four immutable globals (666), a funcref table (10, max 20),
 * a memory (1 page, max 2). Print functions write to the env's FILE.
 */
#include <inttypes.h>
#include <string.h>

#include "wast/wast.h"

static cwasi_status print_fn(cwasi_caller *caller, void *env, const cwasi_val *args,
                             cwasi_val *results, cwasi_error *err) {
  (void)caller;
  (void)results;
  (void)err;
  const cw_spectest_print *pe = env;
  if (!pe->out) return CWASI_OK;
  fprintf(pe->out, "spectest.%s(", pe->name);
  for (size_t i = 0; i < pe->nparams; i++) {
    const cwasi_val *v = &args[i];
    if (i) fputs(", ", pe->out);
    switch (v->type) {
    case CWASI_I32: fprintf(pe->out, "%" PRId32, v->of.i32); break;
    case CWASI_I64: fprintf(pe->out, "%" PRId64, v->of.i64); break;
    case CWASI_F32: fprintf(pe->out, "%g", (double)v->of.f32); break;
    case CWASI_F64: fprintf(pe->out, "%g", v->of.f64); break;
    default: fputs("?", pe->out);
    }
  }
  fputs(")\n", pe->out);
  return CWASI_OK;
}

static cwasi_status define(cwasi_linker *linker, const char *name, cwasi_extern ext) {
  return cwasi_linker_define(linker, "spectest", 8, name, strlen(name), ext);
}

cwasi_status cw_spectest_define(cw_spectest *host, cwasi_store *store, cwasi_linker *linker,
                                FILE *out) {
  static const struct {
    const char *name;
    size_t n;
    cwasi_valtype params[2];
  } prints[] = {
      {"print", 0, {0, 0}},
      {"print_i32", 1, {CWASI_I32, 0}},
      {"print_i64", 1, {CWASI_I64, 0}},
      {"print_f32", 1, {CWASI_F32, 0}},
      {"print_f64", 1, {CWASI_F64, 0}},
      {"print_i32_f32", 2, {CWASI_I32, CWASI_F32}},
      {"print_f64_f64", 2, {CWASI_F64, CWASI_F64}},
  };
  cwasi_status st;
  _Static_assert(sizeof prints / sizeof prints[0] == sizeof host->prints / sizeof host->prints[0],
                 "one env per print function");
  for (size_t i = 0; i < sizeof prints / sizeof prints[0]; i++) {
    cw_spectest_print *pe = &host->prints[i];
    *pe = (cw_spectest_print){out, prints[i].name, prints[i].n};
    cwasi_extern ext = {.kind = CWASI_EXTERN_FUNC};
    ext.of.func = cwasi_func_new(store, prints[i].params, prints[i].n, NULL, 0, print_fn, pe);
    if (!ext.of.func) return CWASI_ERR_NOMEM;
    if ((st = define(linker, prints[i].name, ext)) != CWASI_OK) return st;
  }
  const cwasi_val globals[] = {
      {.type = CWASI_I32, .of.i32 = 666},
      {.type = CWASI_I64, .of.i64 = 666},
      {.type = CWASI_F32, .of.f32 = 666.6f},
      {.type = CWASI_F64, .of.f64 = 666.6},
  };
  static const char *const global_names[] = {"global_i32", "global_i64", "global_f32",
                                             "global_f64"};
  for (size_t i = 0; i < 4; i++) {
    cwasi_extern ext = {.kind = CWASI_EXTERN_GLOBAL};
    ext.of.global = cwasi_global_new(store, globals[i].type, false, globals[i]);
    if (!ext.of.global) return CWASI_ERR_NOMEM;
    if ((st = define(linker, global_names[i], ext)) != CWASI_OK) return st;
  }
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
