/* test_limits.c — a store's resource limits through the public API: fuel,
 * interruption (request, timeout, from another thread), memory and table
 * size limits, stack limits; and 10,000 traps and limit hits in one
 * process with RSS staying flat. */
#include "cwasi.h"
#include "limits_modules.h"
#include "unit.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LOAD(engine, name, err) cwasi_module_new((engine), name, sizeof name, (err))

static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A store with one instance of wasm_limits and its exports. */
typedef struct fixture {
  cwasi_engine *engine;
  cwasi_module *module;
  cwasi_store *store;
  cwasi_instance *inst;
} fixture;

static bool fixture_open(fixture *f, const cwasi_config *cfg) {
  cwasi_error err;
  memset(f, 0, sizeof *f);
  f->engine = cwasi_engine_new(cfg);
  f->module = f->engine ? LOAD(f->engine, wasm_limits, &err) : NULL;
  f->store = f->module ? cwasi_store_new(f->engine) : NULL;
  f->inst = f->store ? cwasi_instance_new(f->store, f->module, NULL, 0, &err) : NULL;
  return f->inst != NULL;
}

static void fixture_close(fixture *f) {
  cwasi_store_delete(f->store);
  cwasi_module_delete(f->module);
  cwasi_engine_delete(f->engine);
}

static cwasi_func *export_func(cwasi_instance *inst, const char *name) {
  cwasi_extern e;
  if (!cwasi_instance_export(inst, name, strlen(name), &e) || e.kind != CWASI_EXTERN_FUNC)
    return NULL;
  return e.of.func;
}

/* Calls an export taking no argument or one i32; *result gets an i32 result. */
static cwasi_status call(cwasi_store *s, cwasi_instance *inst, const char *name, int32_t arg,
                         int32_t *result, cwasi_error *err) {
  cwasi_func *f = export_func(inst, name);
  if (!f) return CWASI_ERR_ARG;
  cwasi_val a = {.type = CWASI_I32, .of.i32 = arg}, r = {0};
  size_t np = cwasi_func_param_count(f), nr = cwasi_func_result_count(f);
  cwasi_status st = cwasi_func_call(s, f, &a, np, &r, nr, err);
  if (st == CWASI_OK && nr && result) *result = r.of.i32;
  return st;
}

static void test_fuel(void) {
  fixture f;
  uint64_t n = 0;
  /* Without consume_fuel there is no fuel to set or read. */
  CHECK(fixture_open(&f, NULL));
  CHECK(cwasi_store_set_fuel(f.store, 10) == CWASI_ERR_ARG);
  CHECK(cwasi_store_get_fuel(f.store, &n) == CWASI_ERR_ARG);
  fixture_close(&f);

  cwasi_config cfg = {.consume_fuel = true};
  CHECK(fixture_open(&f, &cfg));
  cwasi_error err;
  int32_t r = 0;
  /* A store starts with none. */
  CHECK(call(f.store, f.inst, "count", 10, &r, &err) == CWASI_ERR_TRAP);
  CHECK(err.trap == CWASI_TRAP_OUT_OF_FUEL);
  CHECK(starts_with(err.message, "all fuel consumed (in function \"count\")"));
  /* count(10): 1 for the body outside its loop (local.get), 8 per
   * iteration of the loop body: 81, every time. */
  CHECK(cwasi_store_set_fuel(f.store, 1000) == CWASI_OK);
  CHECK(call(f.store, f.inst, "count", 10, &r, &err) == CWASI_OK);
  CHECK_EQ_U64(r, 10);
  CHECK(cwasi_store_get_fuel(f.store, &n) == CWASI_OK);
  CHECK_EQ_U64(n, 1000 - 81);
  CHECK(cwasi_store_fuel_consumed(f.store, &n) == CWASI_OK);
  CHECK_EQ_U64(n, 81);
  CHECK(call(f.store, f.inst, "count", 10, &r, &err) == CWASI_OK);
  CHECK(cwasi_store_fuel_consumed(f.store, &n) == CWASI_OK);
  CHECK_EQ_U64(n, 162);
  /* Exactly enough runs; one less traps before the last iteration. */
  CHECK(cwasi_store_set_fuel(f.store, 81) == CWASI_OK);
  CHECK(call(f.store, f.inst, "count", 10, &r, &err) == CWASI_OK);
  CHECK(cwasi_store_get_fuel(f.store, &n) == CWASI_OK);
  CHECK_EQ_U64(n, 0);
  CHECK(cwasi_store_set_fuel(f.store, 80) == CWASI_OK);
  CHECK(call(f.store, f.inst, "count", 10, &r, &err) == CWASI_ERR_TRAP);
  CHECK(err.trap == CWASI_TRAP_OUT_OF_FUEL);
  /* After running out: nothing left, everything given counted consumed. */
  CHECK(cwasi_store_get_fuel(f.store, &n) == CWASI_OK);
  CHECK_EQ_U64(n, 0);
  CHECK(cwasi_store_fuel_consumed(f.store, &n) == CWASI_OK);
  CHECK_EQ_U64(n, 162 + 81 + 80);
  /* Adding fuel; a loop with no call (loop br 0) and unbounded recursion
   * are both stopped by it. */
  CHECK(cwasi_store_add_fuel(f.store, 500) == CWASI_OK);
  CHECK(cwasi_store_add_fuel(f.store, 500) == CWASI_OK);
  CHECK(cwasi_store_get_fuel(f.store, &n) == CWASI_OK);
  CHECK_EQ_U64(n, 1000);
  CHECK(call(f.store, f.inst, "spin", 0, NULL, &err) == CWASI_ERR_TRAP);
  CHECK(err.trap == CWASI_TRAP_OUT_OF_FUEL);
  CHECK(cwasi_store_set_fuel(f.store, 1000) == CWASI_OK);
  CHECK(call(f.store, f.inst, "rec", 0, NULL, &err) == CWASI_ERR_TRAP);
  CHECK(err.trap == CWASI_TRAP_OUT_OF_FUEL);
  /* add saturates rather than wrapping. */
  CHECK(cwasi_store_set_fuel(f.store, UINT64_MAX) == CWASI_OK);
  CHECK(cwasi_store_add_fuel(f.store, UINT64_MAX) == CWASI_OK);
  CHECK(cwasi_store_get_fuel(f.store, &n) == CWASI_OK);
  CHECK_EQ_U64(n, INT64_MAX);
  fixture_close(&f);

  /* The same on a fresh engine and store: metering is deterministic. */
  CHECK(fixture_open(&f, &cfg));
  /* Code translated with fuel checks needs a store that keeps fuel. */
  cwasi_engine *plain = cwasi_engine_new(NULL);
  cwasi_store *other = cwasi_store_new(plain);
  CHECK(cwasi_instance_new(other, f.module, NULL, 0, &err) == NULL);
  CHECK(err.status == CWASI_ERR_ARG && strstr(err.message, "consume_fuel") != NULL);
  cwasi_store_delete(other);
  cwasi_engine_delete(plain);
  CHECK(cwasi_store_set_fuel(f.store, 1u << 20) == CWASI_OK);
  CHECK(call(f.store, f.inst, "count", 1000, &r, &err) == CWASI_OK);
  CHECK(cwasi_store_fuel_consumed(f.store, &n) == CWASI_OK);
  CHECK_EQ_U64(n, 1 + 8 * 1000);
  fixture_close(&f);
}

typedef struct interrupter {
  cwasi_store *store;
  unsigned delay_ms;
} interrupter;

static void *interrupt_later(void *arg) {
  interrupter *it = arg;
  struct timespec ts = {0, (long)it->delay_ms * 1000000L};
  nanosleep(&ts, NULL);
  cwasi_store_interrupt(it->store);
  return NULL;
}

static void test_interrupt(void) {
  fixture f;
  cwasi_error err;
  int32_t r = 0;
  CHECK(fixture_open(&f, NULL));
  CHECK(cwasi_store_interrupt(f.store) == CWASI_ERR_ARG);
  CHECK(cwasi_store_set_timeout(f.store, 1000000) == CWASI_ERR_ARG);
  CHECK(cwasi_store_timeout_remaining(f.store) == UINT64_MAX);
  fixture_close(&f);

  cwasi_config cfg = {.interruptible = true};
  CHECK(fixture_open(&f, &cfg));
  CHECK(cwasi_store_timeout_remaining(f.store) == UINT64_MAX);
  /* A pending request stops the next call, once. */
  CHECK(cwasi_store_interrupt(f.store) == CWASI_OK);
  CHECK(call(f.store, f.inst, "count", 5, &r, &err) == CWASI_ERR_TRAP);
  CHECK(err.trap == CWASI_TRAP_INTERRUPT);
  CHECK(starts_with(err.message, "interrupted (in function \"count\")"));
  CHECK(call(f.store, f.inst, "count", 5, &r, &err) == CWASI_OK);
  CHECK_EQ_U64(r, 5);
  /* From another thread, into a loop that makes no call. */
  interrupter it = {f.store, 20};
  pthread_t th;
  CHECK(pthread_create(&th, NULL, interrupt_later, &it) == 0);
  CHECK(call(f.store, f.inst, "spin", 0, NULL, &err) == CWASI_ERR_TRAP);
  CHECK(err.trap == CWASI_TRAP_INTERRUPT);
  CHECK(starts_with(err.message, "interrupted (in function \"spin\")"));
  pthread_join(th, NULL);
  /* A timeout: the loop stops after it, and so does any later call until
   * the store is re-armed. */
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  CHECK(cwasi_store_set_timeout(f.store, 30 * 1000000u) == CWASI_OK);
  uint64_t left = cwasi_store_timeout_remaining(f.store);
  CHECK(left > 0 && left <= 30 * 1000000u);
  CHECK(call(f.store, f.inst, "spin", 0, NULL, &err) == CWASI_ERR_TRAP);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double waited = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  CHECK(waited >= 0.029);
  CHECK(err.trap == CWASI_TRAP_INTERRUPT);
  CHECK(starts_with(err.message, "interrupted: timeout of 30ms reached (in function \"spin\")"));
  CHECK(cwasi_store_timeout_remaining(f.store) == 0);
  CHECK(call(f.store, f.inst, "count", 1, &r, &err) == CWASI_ERR_TRAP);
  CHECK(err.trap == CWASI_TRAP_INTERRUPT);
  /* For host functions. */
  CHECK(cwasi_store_check_interrupt(f.store, &err) == CWASI_ERR_TRAP);
  CHECK(starts_with(err.message, "interrupted: timeout of 30ms reached"));
  CHECK(cwasi_store_set_timeout(f.store, 0) == CWASI_OK);
  CHECK(cwasi_store_check_interrupt(f.store, &err) == CWASI_OK);
  CHECK(cwasi_store_timeout_remaining(f.store) == UINT64_MAX);
  CHECK(call(f.store, f.inst, "count", 3, &r, &err) == CWASI_OK);
  /* A deadline that did not pass changes nothing; deleting the store with
   * one armed ends the timer. */
  CHECK(cwasi_store_set_timeout(f.store, 60ull * 1000000000u) == CWASI_OK);
  CHECK(call(f.store, f.inst, "count", 3, &r, &err) == CWASI_OK);
  CHECK_EQ_U64(r, 3);
  fixture_close(&f);

  char buf[32];
  cwasi_format_duration(2000000000u, buf, sizeof buf);
  CHECK(strcmp(buf, "2s") == 0);
  cwasi_format_duration(500000000u, buf, sizeof buf);
  CHECK(strcmp(buf, "500ms") == 0);
  cwasi_format_duration(60000000000u, buf, sizeof buf);
  CHECK(strcmp(buf, "1m") == 0);
  cwasi_format_duration(1500, buf, sizeof buf);
  CHECK(strcmp(buf, "1500ns") == 0);
}

static void test_size_limits(void) {
  fixture f;
  cwasi_error err;
  int32_t r = 0;
  CHECK(fixture_open(&f, NULL));
  cwasi_store_limits lim;
  cwasi_store_limits_init(&lim);
  CHECK(lim.max_memory_bytes == CWASI_UNLIMITED && lim.max_table_elements == CWASI_UNLIMITED);
  lim.max_memory_bytes = 3 * CWASI_PAGE_SIZE - 1; /* not a whole page: 2 pages fit */
  lim.max_table_elements = 3;
  cwasi_store_set_limits(f.store, &lim);
  /* The memory was created before the limit: it holds when it grows. */
  CHECK(call(f.store, f.inst, "grow", 1, &r, &err) == CWASI_OK);
  CHECK_EQ_U64(r, 1);
  CHECK(call(f.store, f.inst, "grow", 1, &r, &err) == CWASI_OK);
  CHECK(r == -1);
  cwasi_extern e;
  CHECK(cwasi_instance_export(f.inst, "memory", 6, &e) && e.kind == CWASI_EXTERN_MEMORY);
  CHECK(cwasi_memory_grow(e.of.memory, 1) == -1);
  CHECK(cwasi_memory_pages(e.of.memory) == 2);
  CHECK(call(f.store, f.inst, "tgrow", 2, &r, &err) == CWASI_OK);
  CHECK_EQ_U64(r, 1);
  CHECK(call(f.store, f.inst, "tgrow", 1, &r, &err) == CWASI_OK);
  CHECK(r == -1);
  /* Instantiation past the limits fails and says why. */
  cwasi_module *big = LOAD(f.engine, wasm_big_memory, &err);
  CHECK(big != NULL);
  lim.max_memory_bytes = CWASI_PAGE_SIZE;
  cwasi_store_set_limits(f.store, &lim);
  CHECK(cwasi_instance_new(f.store, big, NULL, 0, &err) == NULL);
  CHECK(err.status == CWASI_ERR_NOMEM);
  CHECK(strstr(err.message, "exceeds the store's limit of 65536 bytes") != NULL);
  CHECK(cwasi_memory_new(f.store, 2, CWASI_NO_MAX) == NULL);
  cwasi_memory *m = cwasi_memory_new(f.store, 1, CWASI_NO_MAX);
  CHECK(m != NULL && cwasi_memory_grow(m, 1) == -1);
  cwasi_module_delete(big);
  cwasi_module *bigt = LOAD(f.engine, wasm_big_table, &err);
  CHECK(bigt != NULL);
  CHECK(cwasi_instance_new(f.store, bigt, NULL, 0, &err) == NULL);
  CHECK(strstr(err.message, "minimum of 5 elements exceeds the store's limit of 3") != NULL);
  cwasi_module_delete(bigt);
  /* Lifting the limits lets it grow again. */
  cwasi_store_set_limits(f.store, NULL);
  CHECK(call(f.store, f.inst, "grow", 1, &r, &err) == CWASI_OK);
  CHECK_EQ_U64(r, 2);
  fixture_close(&f);
}

static void test_stack_limits(void) {
  fixture f;
  cwasi_error err;
  cwasi_config cfg = {.max_call_depth = 100};
  CHECK(fixture_open(&f, &cfg));
  CHECK(call(f.store, f.inst, "rec", 0, NULL, &err) == CWASI_ERR_TRAP);
  CHECK(err.trap == CWASI_TRAP_STACK_EXHAUSTED);
  fixture_close(&f);
  cfg = (cwasi_config){.value_stack_bytes = 1024};
  CHECK(fixture_open(&f, &cfg));
  int32_t r = 0;
  CHECK(call(f.store, f.inst, "count", 4, &r, &err) == CWASI_OK);
  CHECK_EQ_U64(r, 4);
  fixture_close(&f);
}

static long rss_kib(void) {
  FILE *f = fopen("/proc/self/statm", "r");
  long size = 0, resident = 0;
  if (!f) return -1;
  if (fscanf(f, "%ld %ld", &size, &resident) != 2) resident = -1;
  fclose(f);
  return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* 10,000 traps and limit hits of every kind in one process, through
 * stores that are reused and stores made anew (each with a timer
 * thread): whatever a trap leaves behind would add up. */
static void test_many_traps(void) {
  cwasi_config cfg = {.consume_fuel = true, .interruptible = true, .max_call_depth = 1000};
  fixture f;
  CHECK(fixture_open(&f, &cfg));
  cwasi_error err;
  cwasi_store_limits lim;
  cwasi_store_limits_init(&lim);
  lim.max_memory_bytes = 2 * CWASI_PAGE_SIZE;
  long first = 0;
  int bad = 0;
  const int rounds = 10000;
  for (int i = 0; i < rounds; i++) {
    if (i == 500) first = rss_kib();
    if (i % 50 == 0) { /* a fresh store now and then */
      cwasi_store_delete(f.store);
      f.store = cwasi_store_new(f.engine);
      f.inst = f.store ? cwasi_instance_new(f.store, f.module, NULL, 0, &err) : NULL;
      if (!f.inst) {
        bad++;
        break;
      }
      cwasi_store_set_limits(f.store, &lim);
    }
    cwasi_store_set_fuel(f.store, 5000);
    cwasi_trap_kind want;
    int32_t r = 0;
    cwasi_status st;
    switch (i % 6) {
    case 0: /* fuel */
      st = call(f.store, f.inst, "spin", 0, NULL, &err);
      want = CWASI_TRAP_OUT_OF_FUEL;
      break;
    case 1: /* interrupt request */
      cwasi_store_interrupt(f.store);
      st = call(f.store, f.inst, "count", 3, &r, &err);
      want = CWASI_TRAP_INTERRUPT;
      break;
    case 2: /* a real timeout, now and then (each takes its time) */
      cwasi_store_set_fuel(f.store, UINT64_MAX);
      cwasi_store_set_timeout(f.store, i % 60 == 2 ? 200000u : 1000u);
      st = call(f.store, f.inst, "spin", 0, NULL, &err);
      cwasi_store_set_timeout(f.store, 0);
      want = CWASI_TRAP_INTERRUPT;
      break;
    case 3: /* stack */
      st = call(f.store, f.inst, "rec", 0, NULL, &err);
      want = CWASI_TRAP_STACK_EXHAUSTED;
      break;
    case 4: /* grow denied, then a trap */
      st = call(f.store, f.inst, "grow", 4, &r, &err);
      if (st != CWASI_OK || r != -1) bad++;
      st = call(f.store, f.inst, "trap", 0, NULL, &err);
      want = CWASI_TRAP_UNREACHABLE;
      break;
    default: /* and a plain call still works */
      st = call(f.store, f.inst, "count", 7, &r, &err);
      if (st != CWASI_OK || r != 7) bad++;
      continue;
    }
    if (st != CWASI_ERR_TRAP || err.trap != want) bad++;
  }
  long last = rss_kib();
  fixture_close(&f);
  CHECK_EQ_U64(bad, 0);
  printf("test_limits: RSS after 500 rounds %ld KiB, after %d: %ld KiB\n", first, rounds, last);
  /* Under valgrind (make test runs this once more there, for leaks and
   * errors) the RSS is valgrind's own. */
  const char *preload = getenv("LD_PRELOAD");
  if (preload && strstr(preload, "vgpreload")) return;
  /* Under AddressSanitizer freed blocks wait in its quarantine (up to
   * 256 MB), so RSS grows by design: make test-asan checks leaks instead. */
#if defined(__SANITIZE_ADDRESS__)
  return;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return;
#endif
#endif
  CHECK(first > 0 && last > 0);
  CHECK(last - first < 512); /* flat: nothing kept per trap */
}

int main(void) {
  RUN(test_fuel);
  RUN(test_interrupt);
  RUN(test_size_limits);
  RUN(test_stack_limits);
  RUN(test_many_traps);
  return unit_report();
}
