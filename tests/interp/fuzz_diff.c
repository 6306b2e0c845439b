/*
 * fuzz_diff.c — differential libFuzzer target: the same generated module
 * (fuzz_gen.h) run with the interpreter's normal translation (fused
 * superinstructions, lazy locals and constants, immediate operand forms)
 * and with the plain one (cwasi_engine.plain_translation: every
 * instruction on its own, operands in home slots), in one process
 * (`make fuzz`, docs/fuzzing.md).
 *
 * The fusions are where a wrong answer hides from the spec suite (each
 * fusion fires only on particular instruction sequences), and the plain
 * translation is the same instruction semantics without them, so any
 * difference is a fusion or laziness bug. Compared after instantiation
 * and after every call: the status, the trap kind and message, the
 * results' bits, the memory's size and every byte, the four globals.
 * Half the inputs (by a bit of their hash) run on engines with fuel, which
 * changes the code translated (a check at entries and loop heads); then
 * the fuel consumed, one unit per instruction executed, must be the same
 * too.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "runtime/runtime.h"

#include "interp/fuzz_gen.h"

#define REQUIRE(c)                                                                                 \
  do {                                                                                             \
    if (!(c)) {                                                                                    \
      fprintf(stderr, "fuzz_diff: %s:%d: %s failed\n", __FILE__, __LINE__, #c);                    \
      abort();                                                                                     \
    }                                                                                              \
  } while (0)

#define ROUNDS 2
#define MAX_EVENTS (1 + GEN_MAX_FUNCS * ROUNDS)

typedef struct event {
  cwasi_status status;
  cwasi_trap_kind trap;
  char message[512];
  uint64_t results[GEN_MAX_RESULTS];
  cwasi_valtype types[GEN_MAX_RESULTS];
  uint32_t nresults;
  size_t mem_size;
  uint8_t *mem; /* a copy */
  uint64_t globals[4];
  uint64_t fuel; /* consumed so far */
} event;

typedef struct trace {
  event ev[MAX_EVENTS];
  size_t n;
} trace;

static uint64_t val_bits(cwasi_val v) {
  switch (v.type) {
  case CWASI_I32: return (uint32_t)v.of.i32;
  case CWASI_I64: return (uint64_t)v.of.i64;
  case CWASI_F32: return cw_f32_bits(v.of.f32);
  default: return cw_f64_bits(v.of.f64);
  }
}

static void snapshot(cwasi_instance *inst, event *e) {
  cwasi_extern ex;
  if (!inst) return;
  REQUIRE(cwasi_instance_export(inst, "mem", 3, &ex) && ex.kind == CWASI_EXTERN_MEMORY);
  e->mem_size = cwasi_memory_size(ex.of.memory);
  e->mem = malloc(e->mem_size);
  REQUIRE(e->mem);
  memcpy(e->mem, cwasi_memory_data(ex.of.memory), e->mem_size);
  for (int i = 0; i < 4; i++) {
    char name[3] = {'g', (char)('0' + i), 0};
    REQUIRE(cwasi_instance_export(inst, name, 2, &ex) && ex.kind == CWASI_EXTERN_GLOBAL);
    e->globals[i] = val_bits(cwasi_global_get(ex.of.global));
  }
}

static void record(trace *t, cwasi_status st, const cwasi_error *err, const cwasi_val *res,
                   uint32_t nres, cwasi_store *store, cwasi_instance *inst) {
  REQUIRE(t->n < MAX_EVENTS);
  event *e = &t->ev[t->n++];
  memset(e, 0, sizeof *e);
  e->status = st;
  if (st != CWASI_OK) {
    e->trap = err->trap;
    snprintf(e->message, sizeof e->message, "%s", err->message);
  }
  e->nresults = st == CWASI_OK ? nres : 0;
  for (uint32_t i = 0; i < e->nresults; i++)
    e->results[i] = val_bits(res[i]), e->types[i] = res[i].type;
  snapshot(inst, e);
  if (store->engine->config.consume_fuel)
    REQUIRE(cwasi_store_fuel_consumed(store, &e->fuel) == CWASI_OK);
}

static void run(const uint8_t *wasm, size_t len, uint64_t seed, bool plain, trace *t) {
  /* A small stack: generated calls nest at most six deep, and the default
   * 8 MiB of slots and 50000 frames per store would cost more than the run. */
  cwasi_config cfg = {
      .value_stack_bytes = 256 * 1024, .max_call_depth = 64, .consume_fuel = seed & 2};
  cwasi_engine *engine = cwasi_engine_new(&cfg);
  REQUIRE(engine);
  engine->plain_translation = plain;
  cwasi_error err;
  cwasi_module *mod = cwasi_module_new(engine, wasm, len, &err);
  if (!mod) fprintf(stderr, "fuzz_diff: the generator made a bad module: %s\n", err.message);
  REQUIRE(mod);
  cwasi_store *store = cwasi_store_new(engine);
  REQUIRE(store);
  if (cfg.consume_fuel) REQUIRE(cwasi_store_set_fuel(store, UINT64_MAX / 2) == CWASI_OK);
  cwasi_instance *inst = cwasi_instance_new(store, mod, NULL, 0, &err);
  record(t, inst ? CWASI_OK : err.status, &err, NULL, 0, store, inst);
  for (uint32_t round = 0; inst && round < ROUNDS; round++) {
    for (uint32_t f = 0; f < GEN_MAX_FUNCS; f++) {
      char name[8];
      int n = snprintf(name, sizeof name, "f%u", f);
      cwasi_extern ex;
      if (!cwasi_instance_export(inst, name, (size_t)n, &ex)) break;
      cwasi_val args[GEN_MAX_PARAMS], res[GEN_MAX_RESULTS];
      size_t np = cwasi_func_param_count(ex.of.func), nr = cwasi_func_result_count(ex.of.func);
      REQUIRE(np <= GEN_MAX_PARAMS && nr <= GEN_MAX_RESULTS);
      for (size_t i = 0; i < np; i++)
        args[i] = gen_arg(&seed, cwasi_func_param_type(ex.of.func, i));
      cwasi_status st = cwasi_func_call(store, ex.of.func, args, np, res, nr, &err);
      REQUIRE(st == CWASI_OK || st == CWASI_ERR_TRAP);
      record(t, st, &err, res, (uint32_t)nr, store, inst);
    }
  }
  cwasi_store_delete(store);
  cwasi_module_delete(mod);
  cwasi_engine_delete(engine);
}

/* Equal, or both NaN: a NaN result's bits are nondeterministic in Wasm
 * (fuzz_gen.h canonicalizes NaNs wherever else their bits could show). */
static bool same_result(cwasi_valtype t, uint64_t x, uint64_t y) {
  if (x == y) return true;
  if (t == CWASI_F32) return isnan(cw_bits_f32((uint32_t)x)) && isnan(cw_bits_f32((uint32_t)y));
  if (t == CWASI_F64) return isnan(cw_bits_f64(x)) && isnan(cw_bits_f64(y));
  return false;
}

static void compare(const trace *a, const trace *b) {
  REQUIRE(a->n == b->n);
  for (size_t i = 0; i < a->n; i++) {
    const event *x = &a->ev[i], *y = &b->ev[i];
    bool same = x->status == y->status && x->trap == y->trap &&
                strcmp(x->message, y->message) == 0 && x->nresults == y->nresults &&
                x->mem_size == y->mem_size &&
                memcmp(x->globals, y->globals, sizeof x->globals) == 0 && x->fuel == y->fuel &&
                (x->mem_size == 0 || memcmp(x->mem, y->mem, x->mem_size) == 0);
    for (uint32_t r = 0; same && r < x->nresults; r++)
      same = x->types[r] == y->types[r] && same_result(x->types[r], x->results[r], y->results[r]);
    if (same) continue;
    fprintf(stderr, "fuzz_diff: event %zu (0 = instantiation, then calls) differs:\n", i);
    const event *e[2] = {x, y};
    for (int k = 0; k < 2; k++) {
      fprintf(stderr, "  %s: status %d trap %d \"%s\" results", k ? "plain" : "fused", e[k]->status,
              e[k]->trap, e[k]->message);
      for (uint32_t r = 0; r < e[k]->nresults; r++)
        fprintf(stderr, " %#llx", (unsigned long long)e[k]->results[r]);
      fprintf(stderr, " fuel used %llu", (unsigned long long)e[k]->fuel);
      fprintf(stderr, " globals %#llx %#llx %#llx %#llx memory %zu bytes\n",
              (unsigned long long)e[k]->globals[0], (unsigned long long)e[k]->globals[1],
              (unsigned long long)e[k]->globals[2], (unsigned long long)e[k]->globals[3],
              e[k]->mem_size);
    }
    for (size_t k = 0; x->mem_size == y->mem_size && k < x->mem_size; k++)
      if (x->mem[k] != y->mem[k]) {
        fprintf(stderr, "  first memory difference at %zu: %#x vs %#x\n", k, x->mem[k], y->mem[k]);
        break;
      }
    abort();
  }
}

static void free_trace(trace *t) {
  for (size_t i = 0; i < t->n; i++)
    free(t->ev[i].mem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  gen_buf wasm = {0};
  gen_module(data, size, &wasm);
  if (getenv("FUZZ_DIFF_DUMP")) { /* write the module out to look at it */
    FILE *f = fopen(getenv("FUZZ_DIFF_DUMP"), "wb");
    if (f) fwrite(wasm.p, 1, wasm.len, f), fclose(f);
  }
  static trace fused, plain; /* large: not on the stack */
  fused.n = plain.n = 0;
  uint64_t seed = gen_seed(data, size);
  run(wasm.p, wasm.len, seed, false, &fused);
  run(wasm.p, wasm.len, seed, true, &plain);
  compare(&fused, &plain);
  if (getenv("FUZZ_DIFF_STATS")) { /* what the inputs did: status/trap per event */
    for (size_t i = 0; i < fused.n; i++)
      printf("%d/%d ", fused.ev[i].status, fused.ev[i].trap);
    printf("(%zu bytes of code)\n", wasm.len);
  }
  free_trace(&fused);
  free_trace(&plain);
  free(wasm.p);
  return 0;
}
