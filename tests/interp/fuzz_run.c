/*
 * fuzz_run.c — libFuzzer target for instantiation and execution through
 * the public API (`make fuzz`, docs/fuzzing.md).
 *
 * An input that starts with the magic "\0asm" is a module as it is: it is
 * decoded, validated and, if it imports nothing and has no start function
 * (which could run forever: there is no fuel), instantiated — memories
 * and tables of any declared size, element and data segments in and out
 * of bounds. Any other input goes through the generator (fuzz_gen.h): a
 * valid module whose code always ends, instantiated on an engine whose
 * value stack and call depth are sometimes tiny, and every export called
 * twice with edge-value arguments, the host growing the memory between
 * calls. Checked besides the sanitizers: a call returns OK or a trap,
 * never anything else; a trap has a kind and a message that starts with
 * the kind's wording; the store stays usable after a trap; the memory
 * never exceeds its maximum.
 */
#include <stdio.h>
#include <stdlib.h>

#include "runtime/runtime.h"

#include "interp/fuzz_gen.h"

#define REQUIRE(c)                                                                                 \
  do {                                                                                             \
    if (!(c)) {                                                                                    \
      fprintf(stderr, "fuzz_run: %s:%d: %s failed\n", __FILE__, __LINE__, #c);                     \
      abort();                                                                                     \
    }                                                                                              \
  } while (0)

static void check_trap(cwasi_status st, const cwasi_error *err) {
  if (st == CWASI_OK) return;
  REQUIRE(st == CWASI_ERR_TRAP && err->status == CWASI_ERR_TRAP);
  REQUIRE(err->trap != CWASI_TRAP_NONE && err->trap != CWASI_TRAP_HOST);
  const char *want = cwasi_trap_message(err->trap);
  REQUIRE(strncmp(err->message, want, strlen(want)) == 0);
}

static void run_raw(const uint8_t *data, size_t size) {
  cwasi_engine *engine = cwasi_engine_new(NULL);
  REQUIRE(engine);
  cwasi_error err;
  cwasi_module *mod = cwasi_module_new(engine, data, size, &err);
  if (mod && !mod->m->has_start && cwasi_module_import_count(mod) == 0) {
    cwasi_store *store = cwasi_store_new(engine);
    REQUIRE(store);
    cwasi_instance *inst = cwasi_instance_new(store, mod, NULL, 0, &err);
    /* Out of memory is an answer for a module that asks for 4 GiB tables. */
    if (!inst) REQUIRE(err.status == CWASI_ERR_TRAP || err.status == CWASI_ERR_NOMEM);
    if (!inst && err.status == CWASI_ERR_TRAP) check_trap(CWASI_ERR_TRAP, &err);
    cwasi_store_delete(store);
  }
  cwasi_module_delete(mod);
  cwasi_engine_delete(engine);
}

static void run_generated(const uint8_t *data, size_t size) {
  gen_buf wasm = {0};
  gen_module(data + 1, size - 1, &wasm);
  static const size_t stacks[] = {0, 512, 4096, 65536};
  cwasi_config cfg = {.value_stack_bytes = stacks[data[0] & 3],
                      .max_call_depth = (data[0] >> 2 & 7) < 4 ? 0 : (data[0] >> 2 & 3) + 1};
  cwasi_engine *engine = cwasi_engine_new(&cfg);
  REQUIRE(engine);
  cwasi_error err;
  cwasi_module *mod = cwasi_module_new(engine, wasm.p, wasm.len, &err);
  if (!mod) fprintf(stderr, "fuzz_run: the generator made a bad module: %s\n", err.message);
  REQUIRE(mod);
  cwasi_store *store = cwasi_store_new(engine);
  REQUIRE(store);
  cwasi_instance *inst = cwasi_instance_new(store, mod, NULL, 0, &err);
  if (!inst) check_trap(err.status, &err);
  uint64_t seed = gen_seed(data, size);
  for (int round = 0; inst && round < 2; round++) {
    cwasi_extern mem;
    REQUIRE(cwasi_instance_export(inst, "mem", 3, &mem));
    if (data[0] & 0x20 && round == 1) {
      int64_t old = cwasi_memory_grow(mem.of.memory, 1);
      REQUIRE(old == 1 ? cwasi_memory_pages(mem.of.memory) == 2 : old == -1);
    }
    for (uint32_t f = 0; f < GEN_MAX_FUNCS; f++) {
      char name[8];
      int n = snprintf(name, sizeof name, "f%u", f);
      cwasi_extern ex;
      if (!cwasi_instance_export(inst, name, (size_t)n, &ex)) break;
      cwasi_val args[GEN_MAX_PARAMS], res[GEN_MAX_RESULTS];
      size_t np = cwasi_func_param_count(ex.of.func), nr = cwasi_func_result_count(ex.of.func);
      for (size_t i = 0; i < np; i++)
        args[i] = gen_arg(&seed, cwasi_func_param_type(ex.of.func, i));
      cwasi_status st = cwasi_func_call(store, ex.of.func, args, np, res, nr, &err);
      check_trap(st, &err);
      for (size_t i = 0; st == CWASI_OK && i < nr; i++)
        REQUIRE(res[i].type == cwasi_func_result_type(ex.of.func, i));
      REQUIRE(cwasi_memory_pages(mem.of.memory) <= 2);
    }
  }
  cwasi_store_delete(store);
  cwasi_module_delete(mod);
  cwasi_engine_delete(engine);
  free(wasm.p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size >= 4 && memcmp(data, "\0asm", 4) == 0)
    run_raw(data, size);
  else if (size > 0)
    run_generated(data, size);
  return 0;
}
