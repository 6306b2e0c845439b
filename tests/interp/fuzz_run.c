/*
 * fuzz_run.c — libFuzzer target for instantiation and execution through
 * the public API (`make fuzz`, docs/fuzzing.md).
 *
 * An input that starts with the magic "\0asm" is a module as it is: it is
 * decoded, validated and, if it imports nothing, instantiated on an engine
 * with fuel (100000 units for the start function and for each call, so
 * that any code ends) and a store whose memories may not grow past 16 MiB
 * — memories and tables of any declared size, element and data segments
 * in and out of bounds — and every exported function is called with zero
 * arguments. Any other input goes through the generator (fuzz_gen.h): a
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

#define RAW_FUEL 100000

/* Calls every exported function of inst with zero arguments. */
static void call_exports(cwasi_store *store, cwasi_module *mod, cwasi_instance *inst) {
  for (size_t i = 0; i < cwasi_module_export_count(mod); i++) {
    cwasi_export_desc d = cwasi_module_export(mod, i);
    cwasi_extern ex;
    if (d.kind != CWASI_EXTERN_FUNC) continue;
    REQUIRE(cwasi_instance_export(inst, d.name.data, d.name.len, &ex));
    size_t np = cwasi_func_param_count(ex.of.func), nr = cwasi_func_result_count(ex.of.func);
    cwasi_val *args = calloc(np + 1, sizeof *args), *res = calloc(nr + 1, sizeof *res);
    REQUIRE(args && res);
    for (size_t k = 0; k < np; k++)
      args[k].type = cwasi_func_param_type(ex.of.func, k); /* zero, or null for references */
    REQUIRE(cwasi_store_set_fuel(store, RAW_FUEL) == CWASI_OK);
    cwasi_error err;
    cwasi_status st = cwasi_func_call(store, ex.of.func, args, np, res, nr, &err);
    check_trap(st, &err);
    free(args);
    free(res);
  }
}

static void run_raw(const uint8_t *data, size_t size) {
  cwasi_config cfg = {.consume_fuel = true};
  cwasi_engine *engine = cwasi_engine_new(&cfg);
  REQUIRE(engine);
  cwasi_error err;
  cwasi_module *mod = cwasi_module_new(engine, data, size, &err);
  if (mod && cwasi_module_import_count(mod) == 0) {
    cwasi_store *store = cwasi_store_new(engine);
    REQUIRE(store);
    cwasi_store_limits lim;
    cwasi_store_limits_init(&lim);
    lim.max_memory_bytes = 16 << 20;
    lim.max_table_elements = 1 << 16;
    cwasi_store_set_limits(store, &lim);
    REQUIRE(cwasi_store_set_fuel(store, RAW_FUEL) == CWASI_OK);
    cwasi_instance *inst = cwasi_instance_new(store, mod, NULL, 0, &err);
    /* Out of memory, or a limit, is an answer for a module that asks for
     * a 4 GiB memory or a 10-million-entry table. */
    if (!inst)
      REQUIRE(err.status == CWASI_ERR_TRAP || err.status == CWASI_ERR_NOMEM ||
              err.status == CWASI_ERR_LINK);
    if (!inst && err.status == CWASI_ERR_TRAP) check_trap(CWASI_ERR_TRAP, &err);
    if (inst) call_exports(store, mod, inst);
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
