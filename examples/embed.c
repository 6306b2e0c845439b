/*
 * embed.c — embedding cwasi in a C program: load a module, give it a host
 * function, call an export.
 *
 *   make examples && build/examples/embed build/examples/embed.wasm 10
 *
 * The guest (examples/embed.wat) computes 1^2 + ... + n^2, asking the host
 * for each square.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cwasi.h"

/* The host function: square its argument, and count the calls in env. */
static cwasi_status square(cwasi_caller *caller, void *env, const cwasi_val *args,
                           cwasi_val *results, cwasi_error *err) {
  (void)caller;
  (void)err;
  int *calls = env;
  (*calls)++;
  results[0].type = CWASI_I32;
  results[0].of.i32 = args[0].of.i32 * args[0].of.i32;
  return CWASI_OK;
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "build/examples/embed.wasm";
  int n = argc > 2 ? atoi(argv[2]) : 10;
  int calls = 0, status = 1;
  cwasi_error err;

  cwasi_engine *engine = cwasi_engine_new(NULL);
  cwasi_module *module = cwasi_module_load_file(engine, path, &err);
  if (!module) {
    fprintf(stderr, "embed: %s\n", err.message);
    cwasi_engine_delete(engine);
    return 1;
  }
  cwasi_store *store = cwasi_store_new(engine);
  cwasi_linker *linker = cwasi_linker_new(store);

  /* host.square : (i32) -> i32 */
  const cwasi_valtype i32 = CWASI_I32;
  cwasi_extern ext = {.kind = CWASI_EXTERN_FUNC};
  ext.of.func = cwasi_func_new(store, &i32, 1, &i32, 1, square, &calls);
  cwasi_linker_define(linker, "host", 4, "square", 6, ext);

  cwasi_instance *inst = cwasi_linker_instantiate(linker, module, &err);
  cwasi_extern sum;
  if (!inst) {
    fprintf(stderr, "embed: %s\n", err.message);
  } else if (!cwasi_instance_export(inst, "sum_squares", 11, &sum) ||
             sum.kind != CWASI_EXTERN_FUNC) {
    fprintf(stderr, "embed: no function sum_squares\n");
  } else {
    cwasi_val arg = {.type = CWASI_I32, .of.i32 = n}, result;
    if (cwasi_func_call(store, sum.of.func, &arg, 1, &result, 1, &err) != CWASI_OK) {
      fprintf(stderr, "embed: %s\n", err.message);
    } else {
      int want = n * (n + 1) * (2 * n + 1) / 6;
      printf("sum_squares(%d) = %d (host function called %d times)\n", n, result.of.i32, calls);
      status = result.of.i32 == want && calls == n ? 0 : 1;
    }
  }

  cwasi_linker_delete(linker);
  cwasi_store_delete(store); /* frees the instance, functions, memories... */
  cwasi_module_delete(module);
  cwasi_engine_delete(engine);
  return status;
}
