/* test_exec.c — the interpreter end to end: small modules (wat/NAME.wat, embedded
 * by gen_modules.sh) decoded, instantiated and called through the public API. */
#include "cwasi.h"
#include "exec_modules.h"
#include "unit.h"

#include <string.h>

#include "interp/code.h" /* test_fusions checks which form was emitted */

#define MOD(name) wasm_##name, sizeof wasm_##name

static cwasi_val v_i32(int32_t x) { return (cwasi_val){.type = CWASI_I32, .of.i32 = x}; }
static cwasi_val v_i64(int64_t x) { return (cwasi_val){.type = CWASI_I64, .of.i64 = x}; }
static cwasi_val v_f64(double x) { return (cwasi_val){.type = CWASI_F64, .of.f64 = x}; }

static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* One engine, store and instance; the module is dropped right away (the
 * instance keeps it alive). */
typedef struct fx {
  cwasi_engine *engine;
  cwasi_store *store;
  cwasi_instance *inst;
} fx;

static cwasi_instance *instantiate(cwasi_engine *e, cwasi_store *s, const uint8_t *bytes,
                                   size_t len, const cwasi_extern *imports, size_t nimports) {
  cwasi_error err;
  cwasi_module *mod = cwasi_module_new(e, bytes, len, &err);
  if (!mod) {
    fprintf(stderr, "module: %s\n", err.message);
    return NULL;
  }
  cwasi_instance *inst = cwasi_instance_new(s, mod, imports, nimports, &err);
  if (!inst) fprintf(stderr, "instance: %s\n", err.message);
  cwasi_module_delete(mod);
  return inst;
}

static bool fx_open(fx *f, const cwasi_config *cfg, const uint8_t *bytes, size_t len) {
  f->engine = cwasi_engine_new(cfg);
  f->store = cwasi_store_new(f->engine);
  f->inst = instantiate(f->engine, f->store, bytes, len, NULL, 0);
  CHECK(f->inst != NULL);
  return f->inst != NULL;
}

static void fx_close(fx *f) {
  cwasi_store_delete(f->store);
  cwasi_engine_delete(f->engine);
}

static cwasi_func *func_of(cwasi_instance *inst, const char *name) {
  cwasi_extern ex;
  if (!cwasi_instance_export(inst, name, strlen(name), &ex) || ex.kind != CWASI_EXTERN_FUNC)
    return NULL;
  return ex.of.func;
}

static cwasi_status call(cwasi_store *s, cwasi_instance *inst, const char *name,
                         const cwasi_val *args, size_t nargs, cwasi_val *results, size_t nres,
                         cwasi_error *err) {
  cwasi_func *fn = func_of(inst, name);
  if (!fn) {
    snprintf(err->message, sizeof err->message, "no export %s", name);
    return err->status = CWASI_ERR_ARG;
  }
  return cwasi_func_call(s, fn, args, nargs, results, nres, err);
}

/* Calls an export expected to return one i32 (or i64) without trapping. */
static int64_t call_int(cwasi_store *s, cwasi_instance *inst, const char *name,
                        const cwasi_val *args, size_t nargs) {
  cwasi_error err;
  cwasi_val r[1] = {0};
  cwasi_status st = call(s, inst, name, args, nargs, r, 1, &err);
  if (st != CWASI_OK) {
    fprintf(stderr, "%s: unexpected failure: %s\n", name, err.message);
    return INT64_MIN;
  }
  return r[0].type == CWASI_I64 ? r[0].of.i64 : r[0].of.i32;
}

/* Calls an export expected to trap with `kind`; checks the message too. */
static bool call_traps(cwasi_store *s, cwasi_instance *inst, const char *name,
                       const cwasi_val *args, size_t nargs, size_t nres, cwasi_trap_kind kind,
                       const char *func_name) {
  cwasi_error err;
  cwasi_val r[2];
  cwasi_status st = call(s, inst, name, args, nargs, r, nres, &err);
  bool ok = st == CWASI_ERR_TRAP && err.trap == kind &&
            starts_with(err.message, cwasi_trap_message(kind)) &&
            (!func_name || strstr(err.message, func_name));
  if (!ok) fprintf(stderr, "%s: status %d trap %d message '%s'\n", name, st, err.trap, err.message);
  return ok;
}

/* The register-style code's translation tricks (see src/interp/code.h). */
static void test_register_code(void) {
  fx f;
  if (!fx_open(&f, NULL, MOD(regcode))) return;
  cwasi_val a[3] = {v_i32(10), v_i32(3)};
  CHECK(call_int(f.store, f.inst, "lazy", a, 2) == 7);
  a[0] = v_i32(3);
  CHECK(call_int(f.store, f.inst, "tee", a, 1) == 24);
  a[0] = v_i32(1);
  CHECK(call_int(f.store, f.inst, "join", a, 1) == 7);
  a[0] = v_i32(0);
  CHECK(call_int(f.store, f.inst, "join", a, 1) == 100);
  a[0] = v_i32(-8);
  CHECK(call_int(f.store, f.inst, "wrap_load", a, 1) == 0x1234);
  a[1] = v_i32(99);
  CHECK(call_int(f.store, f.inst, "wrap_store", a, 2) == 99);
  for (int32_t x = -2; x <= 2; x++) {
    a[0] = v_i32(x);
    CHECK(call_traps(f.store, f.inst, "oob_load", a, 1, 1, CWASI_TRAP_MEMORY_OOB, "$oob_load"));
  }
  a[0] = v_i32(100);
  CHECK(call_int(f.store, f.inst, "const_store", a, 1) == -2);
  for (int i = 0; i < 2; i++) {
    cwasi_val r[2];
    cwasi_error err;
    a[0] = v_i32(1 - i);
    a[1] = v_i32(10 * (i + 1));
    CHECK(call(f.store, f.inst, "cond_ret2", a, 2, r, 2, &err) == CWASI_OK);
    CHECK(r[0].of.i32 == (i ? 20 : 10) && r[1].of.i32 == (i ? 5 : 1));
  }
  a[0] = v_i32(0);
  a[1] = v_i32(9);
  CHECK(call_int(f.store, f.inst, "lazy_br_if", a, 2) == 12);
  a[1] = v_i32(0);
  CHECK(call_int(f.store, f.inst, "lazy_br_if", a, 2) == 4);
  a[0] = v_i32(60);
  a[1] = v_i32(-1);
  CHECK(call_int(f.store, f.inst, "add_load", a, 2) == 999);
  a[0] = v_i32(65532);
  CHECK(call_traps(f.store, f.inst, "add_load", a, 2, 1, CWASI_TRAP_MEMORY_OOB, "$add_load"));
  for (int i = 0; i < 2; i++) {
    cwasi_val d[2] = {v_i32(60), v_f64(10.0)}, r;
    cwasi_error err;
    CHECK(call(f.store, f.inst, i ? "mul_load" : "sub_load", d, 2, &r, 1, &err) == CWASI_OK);
    CHECK(r.type == CWASI_F64 && r.of.f64 == (i ? 25.0 : 7.5));
    d[0] = v_i32(-4);
    CHECK(call_traps(f.store, f.inst, i ? "mul_load" : "sub_load", d, 2, 1,
                     CWASI_TRAP_MEMORY_OOB, NULL));
  }
  a[0] = v_i32(4);
  a[1] = v_i32(2);
  CHECK(call_int(f.store, f.inst, "index_load", a, 2) == 77);
  a[0] = v_i32(-8);
  a[1] = v_i32(5);
  CHECK(call_int(f.store, f.inst, "index_load", a, 2) == 77);
  a[0] = v_i32(65532);
  a[1] = v_i32(0);
  CHECK(call_traps(f.store, f.inst, "index_load", a, 2, 1, CWASI_TRAP_MEMORY_OOB, NULL));
  a[0] = v_i32(-4);
  a[1] = v_i32(8);
  a[2] = v_i32(55);
  CHECK(call_int(f.store, f.inst, "index_store", a, 3) == 55);
  a[0] = v_i32(5);
  a[1] = v_i32(3);
  CHECK(call_int(f.store, f.inst, "add_shl", a, 2) == 46);
  /* x*y = 1 - 2^-60 rounds to 1: a fused multiply-add would not round */
  const char *fused[] = {"muladd", "addmul", "mulsub", "submul"};
  for (int i = 0; i < 4; i++) {
    cwasi_val d[3] = {v_f64(1 + 0x1p-30), v_f64(1 - 0x1p-30), v_f64(i < 2 ? -1.0 : 1.0)}, r;
    cwasi_error err;
    CHECK(call(f.store, f.inst, fused[i], d, 3, &r, 1, &err) == CWASI_OK);
    CHECK(r.type == CWASI_F64 && r.of.f64 == 0.0);
  }
  fx_close(&f);
}

/* Bit 4*i+k of the expected mask for comparison i: k = 0 a op b, 1 a op 5,
 * 2 a op b, 3 !(a op 5) (the wat tests each through if and br_if). */
static uint64_t cmp_mask(int64_t a, int64_t b, bool wide) {
  uint64_t ua = wide ? (uint64_t)a : (uint32_t)a, ub = wide ? (uint64_t)b : (uint32_t)b;
  int64_t sa = wide ? a : (int32_t)a, sb = wide ? b : (int32_t)b;
  uint64_t m = 0;
  for (int pass = 0; pass < 2; pass++) {
    uint64_t y = pass ? 5 : ub;
    int64_t sy = pass ? 5 : sb;
    bool r[10] = {ua == y, ua != y, sa < sy, ua < y, sa > sy, ua > y, sa <= sy, ua <= y, sa >= sy, ua >= y};
    for (int i = 0; i < 10; i++) {
      if (pass == 0 && r[i]) m |= 5ull << (4 * i);
      if (pass == 1 && r[i]) m |= 2ull << (4 * i);
      if (pass == 1 && !r[i]) m |= 8ull << (4 * i);
    }
  }
  return m;
}

static void test_fused_compares(void) {
  fx f;
  if (!fx_open(&f, NULL, MOD(regcode))) return;
  static const int64_t vals[] = {0, 5, 4, 6, -1, -5, INT32_MIN, INT32_MAX, INT64_MIN, 0x100000005};
  for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
    for (size_t j = 0; j < sizeof vals / sizeof vals[0]; j++) {
      cwasi_val a[2] = {v_i32((int32_t)vals[i]), v_i32((int32_t)vals[j])};
      CHECK((uint64_t)call_int(f.store, f.inst, "i32_cmps", a, 2) ==
            cmp_mask(vals[i], vals[j], false));
      a[0] = v_i64(vals[i]);
      a[1] = v_i64(vals[j]);
      CHECK((uint64_t)call_int(f.store, f.inst, "i64_cmps", a, 2) ==
            cmp_mask(vals[i], vals[j], true));
    }
  fx_close(&f);
}

/* What loop_OP_STEP_BOUND_TEE in regcode.wat computes. */
static int32_t loop_model(int op, int step_kind, int bound_kind, int tee, uint32_t i,
                          uint32_t step, uint32_t bound) {
  uint32_t n = 0;
  if (step_kind) step = 3;
  while (n < 1000) {
    n++;
    uint32_t a = i + step;
    if (tee) i = a;
    uint32_t b = bound_kind == 0 ? bound : bound_kind == 1 ? 100 : i;
    int32_t sa = (int32_t)a, sb = (int32_t)b;
    bool r[10] = {a == b, a != b, sa < sb, a < b, sa > sb, a > b, sa <= sb, a <= b, sa >= sb, a >= b};
    if (!r[op]) break;
  }
  return (int32_t)(n * 65536 + i);
}

static void test_loop_edges(void) {
  fx f;
  if (!fx_open(&f, NULL, MOD(regcode))) return;
  static const int32_t starts[][3] = {{0, 1, 10}, {-5, 2, 7}, {95, 1, 100}, {0, 7, 0},
                                      {INT32_MAX - 4, 1, INT32_MIN}, {10, -1, 0}};
  for (int op = 0; op < 10; op++)
    for (int sk = 0; sk < 2; sk++)
      for (int bk = 0; bk < 3; bk++)
        for (int tee = 0; tee < 2; tee++) {
          char name[64];
          snprintf(name, sizeof name, "loop_%d_%d_%d_%d", op, sk, bk, 1 - tee);
          for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
            cwasi_val a[3] = {v_i32(starts[k][0]), v_i32(starts[k][1]), v_i32(starts[k][2])};
            int32_t want = loop_model(op, sk, bk, 1 - tee, (uint32_t)starts[k][0],
                                      (uint32_t)starts[k][1], (uint32_t)starts[k][2]);
            int64_t got = call_int(f.store, f.inst, name, a, 3);
            CHECK(got == want);
            if (got != want) fprintf(stderr, "%s(%d): %lld, want %d\n", name, (int)k, (long long)got, want);
          }
        }
  fx_close(&f);
}

static void test_arith_and_traps(void) {
  fx f;
  if (!fx_open(&f, NULL, MOD(basic))) return;
  cwasi_val a[2] = {v_i32(40), v_i32(2)};
  CHECK(call_int(f.store, f.inst, "add", a, 2) == 42);
  a[0] = v_i32(-7);
  CHECK(call_int(f.store, f.inst, "div_s", a, 2) == -3);
  a[1] = v_i32(0);
  CHECK(call_traps(f.store, f.inst, "div_s", a, 2, 1, CWASI_TRAP_DIV_ZERO, "$div_s"));
  a[0] = v_i32(INT32_MIN);
  a[1] = v_i32(-1);
  CHECK(call_traps(f.store, f.inst, "div_s", a, 2, 1, CWASI_TRAP_INT_OVERFLOW, "$div_s"));
  cwasi_val d = v_f64(-2147483648.9);
  CHECK(call_int(f.store, f.inst, "trunc", &d, 1) == INT32_MIN);
  d = v_f64(2147483648.0);
  CHECK(call_traps(f.store, f.inst, "trunc", &d, 1, 1, CWASI_TRAP_INT_OVERFLOW, "$trunc"));
  d = v_f64(-__builtin_nan(""));
  CHECK(call_traps(f.store, f.inst, "trunc", &d, 1, 1, CWASI_TRAP_INVALID_CONVERSION, NULL));
  CHECK(call_traps(f.store, f.inst, "unreachable", NULL, 0, 0, CWASI_TRAP_UNREACHABLE,
                   "in function $unreachable"));
  fx_close(&f);
}

/* Each trap names the module offset of the trapping instruction (the
 * offsets are wasm-objdump -d's for wat/traps.wat), also when a fusion
 * moved the trapping part into a later instruction. */
static void test_trap_offsets(void) {
  fx f;
  if (!fx_open(&f, NULL, MOD(traps))) return;
  cwasi_val a[2] = {v_i32(1), v_i32(0)};
  CHECK(call_traps(f.store, f.inst, "div", a, 2, 1, CWASI_TRAP_DIV_ZERO,
                   "(in function $div, at offset 0x63)"));
  a[0] = v_i32(65536 - 15);
  a[1] = v_f64(1.0);
  CHECK(call_traps(f.store, f.inst, "sum", a, 2, 1, CWASI_TRAP_MEMORY_OOB,
                   "(in function $sum, at offset 0x6b)"));
  a[0] = v_i32(65536 - 9);
  CHECK(call_traps(f.store, f.inst, "store", a, 1, 0, CWASI_TRAP_MEMORY_OOB,
                   "(in function $store, at offset 0x79)"));
  a[0] = v_i32(1);
  CHECK(call_traps(f.store, f.inst, "ci", a, 1, 0, CWASI_TRAP_UNDEFINED_ELEMENT,
                   "(in function $ci, at offset 0x81)"));
  a[0] = v_i32(0);
  CHECK(call_traps(f.store, f.inst, "ci", a, 1, 0, CWASI_TRAP_UNINIT_ELEMENT, "at offset 0x81)"));
  a[0] = v_f64(1e10);
  CHECK(call_traps(f.store, f.inst, "trunc", a, 1, 1, CWASI_TRAP_INT_OVERFLOW,
                   "(in function $trunc, at offset 0x89)"));
  fx_close(&f);
}

static void test_control(void) {
  fx f;
  if (!fx_open(&f, NULL, MOD(basic))) return;
  cwasi_val n = v_i32(100000);
  CHECK(call_int(f.store, f.inst, "sum", &n, 1) == 5000050000);
  n = v_i32(0);
  CHECK(call_int(f.store, f.inst, "sum", &n, 1) == 0);
  static const int32_t expect[] = {16, 15, 13, 10, 10};
  for (int i = 0; i < 5; i++) {
    n = v_i32(i == 4 ? -1 : i); /* -1 is far out of range: the default */
    CHECK(call_int(f.store, f.inst, "switch", &n, 1) == expect[i]);
  }
  n = v_i32(0);
  CHECK(call_int(f.store, f.inst, "table_ret", &n, 1) == 1042);
  n = v_i32(1);
  CHECK(call_int(f.store, f.inst, "table_ret", &n, 1) == 42);
  n = v_i32(9);
  CHECK(call_int(f.store, f.inst, "table_ret", &n, 1) == 42);
  n = v_i32(0);
  CHECK(call_int(f.store, f.inst, "early", &n, 1) == 88);
  n = v_i32(1);
  CHECK(call_int(f.store, f.inst, "early", &n, 1) == 77);
  CHECK(call_int(f.store, f.inst, "dead", NULL, 0) == 3);
  n = v_i32(1);
  CHECK(call_int(f.store, f.inst, "misc", &n, 1) == 6);
  n = v_i32(0);
  CHECK(call_int(f.store, f.inst, "misc", &n, 1) == -1);
  n = v_i32(1);
  CHECK(call_int(f.store, f.inst, "misc", &n, 1) == 8);
  fx_close(&f);
}

static void test_multi_value(void) {
  fx f;
  if (!fx_open(&f, NULL, MOD(basic))) return;
  cwasi_error err;
  cwasi_val a[3] = {v_i32(1), v_i32(2)}, r[2];
  CHECK(call(f.store, f.inst, "swap", a, 2, r, 2, &err) == CWASI_OK);
  CHECK(r[0].type == CWASI_I32 && r[0].of.i32 == 2 && r[1].of.i32 == 1);
  a[0] = v_i32(10), a[1] = v_i32(3), a[2] = v_i32(1);
  CHECK(call_int(f.store, f.inst, "mv", a, 3) == 10 - 99); /* br_if taken: keeps a, 99 */
  a[2] = v_i32(0);
  CHECK(call_int(f.store, f.inst, "mv", a, 3) == 3 - 10); /* not taken: b - a */
  cwasi_val n = v_i64(20);
  CHECK(call_int(f.store, f.inst, "fac_loop", &n, 1) == 2432902008176640000);
  n = v_i64(0);
  CHECK(call_int(f.store, f.inst, "fac_loop", &n, 1) == 1);
  fx_close(&f);
}

static void test_recursion(void) {
  fx f;
  if (!fx_open(&f, NULL, MOD(basic))) return;
  cwasi_val n = v_i32(20);
  CHECK(call_int(f.store, f.inst, "fib", &n, 1) == 6765);
  n = v_i32(40000); /* deep but within the default 50000 frames */
  CHECK(call_int(f.store, f.inst, "deep", &n, 1) == 40000);
  CHECK(call_traps(f.store, f.inst, "runaway", NULL, 0, 0, CWASI_TRAP_STACK_EXHAUSTED, "$runaway"));
  n = v_i32(60000);
  CHECK(call_traps(f.store, f.inst, "deep", &n, 1, 1, CWASI_TRAP_STACK_EXHAUSTED, "$deep"));
  /* the store is usable again after the traps */
  n = v_i32(10);
  CHECK(call_int(f.store, f.inst, "fib", &n, 1) == 55);
  n = v_i32(40000);
  CHECK(call_int(f.store, f.inst, "deep", &n, 1) == 40000);
  fx_close(&f);
}

static void test_limits_from_config(void) {
  fx f;
  cwasi_config cfg = {.max_call_depth = 100};
  if (!fx_open(&f, &cfg, MOD(basic))) return;
  cwasi_val n = v_i32(90);
  CHECK(call_int(f.store, f.inst, "deep", &n, 1) == 90);
  n = v_i32(100);
  CHECK(call_traps(f.store, f.inst, "deep", &n, 1, 1, CWASI_TRAP_STACK_EXHAUSTED, NULL));
  fx_close(&f);

  cfg = (cwasi_config){.value_stack_bytes = 4096}; /* 512 slots */
  if (!fx_open(&f, &cfg, MOD(basic))) return;
  n = v_i32(50);
  CHECK(call_int(f.store, f.inst, "deep", &n, 1) == 50);
  n = v_i32(1000);
  CHECK(call_traps(f.store, f.inst, "deep", &n, 1, 1, CWASI_TRAP_STACK_EXHAUSTED, NULL));
  CHECK(call_traps(f.store, f.inst, "runaway", NULL, 0, 0, CWASI_TRAP_STACK_EXHAUSTED, NULL));
  fx_close(&f);
}

static void test_memory(void) {
  fx f;
  if (!fx_open(&f, NULL, MOD(memory))) return;
  cwasi_store *s = f.store;
  cwasi_instance *in = f.inst;
  cwasi_val a[3] = {v_i32(16)};
  CHECK(call_int(s, in, "load32", a, 1) == 0x04030201);
  a[0] = v_i32(17); /* unaligned */
  CHECK(call_int(s, in, "load32", a, 1) == 0x05040302);
  a[0] = v_i32(65532);
  CHECK(call_int(s, in, "load32", a, 1) == 0);
  a[0] = v_i32(65533);
  CHECK(call_traps(s, in, "load32", a, 1, 1, CWASI_TRAP_MEMORY_OOB, NULL));
  a[0] = v_i32(-1);
  CHECK(call_traps(s, in, "load32", a, 1, 1, CWASI_TRAP_MEMORY_OOB, NULL));
  a[0] = v_i32(0); /* offset 0xFFFFFFFF: the effective address must not wrap */
  CHECK(call_traps(s, in, "load_far", a, 1, 1, CWASI_TRAP_MEMORY_OOB, NULL));
  a[0] = v_i32(65534); /* offset 1, 2 bytes: ends at 65537 */
  CHECK(call_traps(s, in, "load16_u", a, 1, 1, CWASI_TRAP_MEMORY_OOB, NULL));
  a[0] = v_i32(19);
  CHECK(call_int(s, in, "load16_u", a, 1) == 0x0605);
  /* a store that does not fit writes nothing */
  a[0] = v_i32(65530), a[1] = v_i64(-1);
  CHECK(call_traps(s, in, "store64", a, 2, 0, CWASI_TRAP_MEMORY_OOB, NULL));
  CHECK(call_int(s, in, "load8_s", a, 1) == 0);
  a[0] = v_i32(65528);
  CHECK(call(s, in, "store64", a, 2, NULL, 0, &(cwasi_error){0}) == CWASI_OK);
  CHECK(call_int(s, in, "load64", a, 1) == -1);
  a[0] = v_i32(65535);
  CHECK(call_int(s, in, "load8_s", a, 1) == -1);
  /* growing makes the new page accessible */
  a[0] = v_i32(65536);
  CHECK(call_traps(s, in, "load32", a, 1, 1, CWASI_TRAP_MEMORY_OOB, NULL));
  a[0] = v_i32(1);
  CHECK(call_int(s, in, "grow", a, 1) == 1);
  CHECK(call_int(s, in, "size", NULL, 0) == 2);
  a[0] = v_i32(65536);
  CHECK(call_int(s, in, "load32", a, 1) == 0);
  a[0] = v_i32(5); /* past the maximum of 3 */
  CHECK(call_int(s, in, "grow", a, 1) == -1);
  CHECK(call_int(s, in, "size", NULL, 0) == 2);
  /* bulk operations check the whole range first */
  a[0] = v_i32(131071), a[1] = v_i32(7), a[2] = v_i32(2);
  CHECK(call_traps(s, in, "fill", a, 3, 0, CWASI_TRAP_MEMORY_OOB, NULL));
  CHECK(call_int(s, in, "load8_s", a, 1) == 0);
  a[0] = v_i32(100), a[1] = v_i32(0x1AB), a[2] = v_i32(4);
  CHECK(call(s, in, "fill", a, 3, NULL, 0, &(cwasi_error){0}) == CWASI_OK);
  CHECK(call_int(s, in, "load32", a, 1) == (int32_t)0xABABABAB);
  a[0] = v_i32(17), a[1] = v_i32(16), a[2] = v_i32(8); /* overlapping, upward */
  CHECK(call(s, in, "copy", a, 3, NULL, 0, &(cwasi_error){0}) == CWASI_OK);
  a[0] = v_i32(17);
  CHECK(call_int(s, in, "load32", a, 1) == 0x04030201);
  a[0] = v_i32(0), a[1] = v_i32(131070), a[2] = v_i32(3);
  CHECK(call_traps(s, in, "copy", a, 3, 0, CWASI_TRAP_MEMORY_OOB, NULL));
  a[0] = v_i32(131072), a[1] = v_i32(0), a[2] = v_i32(0); /* empty at the very end: fine */
  CHECK(call(s, in, "copy", a, 3, NULL, 0, &(cwasi_error){0}) == CWASI_OK);
  fx_close(&f);
}

static void test_call_indirect(void) {
  fx f;
  if (!fx_open(&f, NULL, MOD(indirect))) return;
  cwasi_val a[2] = {v_i32(0), v_i32(5)};
  CHECK(call_int(f.store, f.inst, "call", a, 2) == 6);
  a[0] = v_i32(1);
  CHECK(call_traps(f.store, f.inst, "call", a, 2, 1, CWASI_TRAP_INDIRECT_TYPE, "$dispatch"));
  a[0] = v_i32(2);
  CHECK(call_traps(f.store, f.inst, "call", a, 2, 1, CWASI_TRAP_UNINIT_ELEMENT, NULL));
  a[0] = v_i32(4);
  CHECK(call_traps(f.store, f.inst, "call", a, 2, 1, CWASI_TRAP_UNDEFINED_ELEMENT, NULL));
  a[0] = v_i32(-1);
  CHECK(call_traps(f.store, f.inst, "call", a, 2, 1, CWASI_TRAP_UNDEFINED_ELEMENT, NULL));
  fx_close(&f);
}

/* ---- host functions ---- */

typedef struct host_env {
  cwasi_store *store;
  int calls;
} host_env;

static cwasi_status host_add3(cwasi_caller *caller, void *env, const cwasi_val *args,
                              cwasi_val *results, cwasi_error *err) {
  host_env *h = env;
  h->calls++;
  results[0] = v_i32(args[0].of.i32 + args[1].of.i32 + args[2].of.i32);
  return CWASI_OK;
}

/* Calls the caller's "countdown" export with n - 1: wasm -> host -> wasm. */
static cwasi_status host_reenter(cwasi_caller *caller, void *env, const cwasi_val *args,
                                 cwasi_val *results, cwasi_error *err) {
  host_env *h = env;
  cwasi_extern ex;
  h->calls++;
  if (!cwasi_caller_export(caller, "countdown", 9, &ex)) {
    err->status = CWASI_ERR_TRAP;
    err->trap = CWASI_TRAP_HOST;
    snprintf(err->message, sizeof err->message, "host trap: no countdown");
    return CWASI_ERR_TRAP;
  }
  cwasi_val arg = v_i32(args[0].of.i32 - 1);
  return cwasi_func_call(cwasi_caller_store(caller), ex.of.func, &arg, 1, results, 1, err);
}

static cwasi_status host_fail(cwasi_caller *caller, void *env, const cwasi_val *args,
                              cwasi_val *results, cwasi_error *err) {
  err->status = CWASI_ERR_EXIT;
  err->trap = CWASI_TRAP_NONE;
  err->exit_code = 3;
  snprintf(err->message, sizeof err->message, "exit 3");
  return CWASI_ERR_EXIT;
}

static void test_host(void) {
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_store *s = cwasi_store_new(e);
  host_env h = {.store = s};
  static const cwasi_valtype i3[] = {CWASI_I32, CWASI_I32, CWASI_I32};
  cwasi_extern imports[3] = {
      {.kind = CWASI_EXTERN_FUNC, .of.func = cwasi_func_new(s, i3, 3, i3, 1, host_add3, &h)},
      {.kind = CWASI_EXTERN_FUNC, .of.func = cwasi_func_new(s, i3, 1, i3, 1, host_reenter, &h)},
      {.kind = CWASI_EXTERN_FUNC, .of.func = cwasi_func_new(s, NULL, 0, NULL, 0, host_fail, &h)},
  };
  cwasi_instance *in = instantiate(e, s, MOD(host), imports, 3);
  CHECK(in != NULL);
  if (!in) goto out;
  cwasi_val n = v_i32(5);
  CHECK(call_int(s, in, "use_add3", &n, 1) == 1115);
  CHECK(h.calls == 1);
  n = v_i32(10);
  CHECK(call_int(s, in, "countdown", &n, 1) == 10);
  CHECK(h.calls == 11);
  /* nesting host -> wasm activations is bounded: a trap, not a C stack overflow */
  n = v_i32(100000);
  CHECK(call_traps(s, in, "countdown", &n, 1, 1, CWASI_TRAP_STACK_EXHAUSTED, NULL));
  n = v_i32(20);
  CHECK(call_int(s, in, "countdown", &n, 1) == 20);
  /* a host's exit request travels through wasm unchanged */
  cwasi_error err;
  cwasi_val r;
  CHECK(call(s, in, "call_fail", NULL, 0, &r, 1, &err) == CWASI_ERR_EXIT && err.exit_code == 3);
  /* a host function called directly */
  cwasi_val args[3] = {v_i32(1), v_i32(2), v_i32(3)};
  CHECK(cwasi_func_call(s, imports[0].of.func, args, 3, &r, 1, &err) == CWASI_OK && r.of.i32 == 6);
out:
  cwasi_store_delete(s);
  cwasi_engine_delete(e);
}

/* Calls across instances switch the memory the code sees. */
static void test_cross_instance(void) {
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_store *s = cwasi_store_new(e);
  cwasi_instance *lib = instantiate(e, s, MOD(lib), NULL, 0);
  CHECK(lib != NULL);
  if (!lib) goto out;
  cwasi_extern peek, grow, mem;
  CHECK(cwasi_instance_export(lib, "peek", 4, &peek));
  CHECK(cwasi_instance_export(lib, "grow", 4, &grow));
  CHECK(cwasi_instance_export(lib, "mem", 3, &mem));
  cwasi_instance *user = instantiate(e, s, MOD(user), &peek, 1);
  CHECK(user != NULL);
  if (user) CHECK(call_int(s, user, "both", NULL, 0) == 42 + 7);
  cwasi_extern imp[2] = {grow, mem};
  cwasi_instance *sh = instantiate(e, s, MOD(shared), imp, 2);
  CHECK(sh != NULL);
  if (sh) CHECK(call_int(s, sh, "grow_then_load", NULL, 0) == 9);
out:
  cwasi_store_delete(s);
  cwasi_engine_delete(e);
}

/* ---- the fused forms of wat/fusions.wat ---------------------------------- */


static uint64_t f64_bits(double x) {
  uint64_t b;
  memcpy(&b, &x, sizeof b);
  return b;
}
static uint64_t f32_bits(float x) {
  uint32_t b;
  memcpy(&b, &x, sizeof b);
  return b;
}
static uint64_t val_bits(cwasi_val v) {
  switch (v.type) {
  case CWASI_I32: return (uint32_t)v.of.i32;
  case CWASI_I64: return (uint64_t)v.of.i64;
  case CWASI_F32: return f32_bits(v.of.f32);
  default: return f64_bits(v.of.f64);
  }
}

/* Whether export name (called at least once, so translated) starts with op. */
static bool first_op_is(cwasi_instance *inst, const char *name, interp_op op) {
  cwasi_func *fn = func_of(inst, name);
  if (!fn || !fn->code || !*fn->code || !(*fn->code)->len) return false;
  return (*fn->code)->code[0] == (uint32_t)interp_op_words()[op];
}

static uint8_t *export_memory(cwasi_instance *inst, const char *name) {
  cwasi_extern ex;
  if (!cwasi_instance_export(inst, name, strlen(name), &ex) || ex.kind != CWASI_EXTERN_MEMORY)
    return NULL;
  return cwasi_memory_data(ex.of.memory);
}

static int32_t count_down_model(uint32_t n, uint32_t step) {
  uint32_t k = 0;
  for (;;) {
    k++;
    if (k >= 1000) break;
    n += step;
    if (n == 0) break;
  }
  return (int32_t)(k * 65536 + n);
}

static int32_t swap_model(int op, uint32_t i, uint32_t s, uint32_t bound) {
  uint32_t k = 0;
  while (k < 1000) {
    k++;
    i += s;
    int32_t sb = (int32_t)bound, si = (int32_t)i;
    bool r[10] = {bound == i, bound != i, sb < si, bound < i, sb > si,
                  bound > i,  sb <= si,   bound <= i, sb >= si, bound >= i};
    if (!r[op]) break;
  }
  return (int32_t)(k * 65536 + i);
}

static uint32_t shift_model(int c, int sh, uint32_t a, uint32_t x, uint32_t k) {
  k &= 31;
  uint32_t v = sh == 0   ? x << k
               : sh == 1 ? x >> k
               : sh == 2 ? (uint32_t)((int32_t)x >> k) /* arithmetic on every compiler we use */
               : sh == 3 ? (k ? x << k | x >> (32 - k) : x)
                         : (k ? x >> k | x << (32 - k) : x);
  return c == 0 ? a + v : c == 1 ? a ^ v : c == 2 ? (a | v) : (a & v);
}

static void test_fusions_shifts(void) {
  fx f;
  if (!fx_open(&f, NULL, MOD(fusions))) return;
  static const char *const users[] = {"add", "xor", "or", "and"};
  static const char *const shifts[] = {"shl", "shr_u", "shr_s", "rotl", "rotr"};
  static const uint32_t vals[] = {0, 1, 0x80000000, 0xDEADBEEF, 0x7FFFFFFF, 12345};
#define SHIFTED_OP(c, s, fn) IOP_I32_##c##_##s,
#define SHIFT_USER_OPS(c) INTERP_SHIFTS(SHIFTED_OP, c)
  static const interp_op fused[] = {INTERP_SHIFT_USERS(SHIFT_USER_OPS)}; /* same order */
#undef SHIFT_USER_OPS
#undef SHIFTED_OP
  for (int c = 0; c < 4; c++)
    for (int sh = 0; sh < 5; sh++) {
      char name[32];
      snprintf(name, sizeof name, "sh_%s_%s", users[c], shifts[sh]);
      for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
        for (size_t j = 0; j < sizeof vals / sizeof vals[0]; j++) {
          uint32_t a = vals[i], x = vals[j];
          uint32_t r2 = shift_model(c, sh, a, x, 45);
          uint32_t want = shift_model(c, sh, a, x, 7) ^ (r2 << 16 | r2 >> 16);
          cwasi_val args[2] = {v_i32((int32_t)a), v_i32((int32_t)x)};
          CHECK((uint32_t)call_int(f.store, f.inst, name, args, 2) == want);
        }
      CHECK(first_op_is(f.inst, name, fused[c * 5 + sh]));
    }
  fx_close(&f);
}

/* The plain translation (tests/interp/fuzz_diff.c compares it with the
 * normal one) emits no fused form and gets the same answers. */
static void test_plain_translation(void) {
  fx f;
  f.engine = cwasi_engine_new(NULL);
  f.engine->plain_translation = true;
  f.store = cwasi_store_new(f.engine);
  f.inst = instantiate(f.engine, f.store, MOD(fusions), NULL, 0);
  CHECK(f.inst != NULL);
  if (!f.inst) return;
  cwasi_val args[2] = {v_i32(0x12345), v_i32((int32_t)0xDEADBEEF)};
  uint32_t want = shift_model(0, 0, 0x12345, 0xDEADBEEF, 7);
  uint32_t r2 = shift_model(0, 0, 0x12345, 0xDEADBEEF, 45);
  CHECK((uint32_t)call_int(f.store, f.inst, "sh_add_shl", args, 2) == (want ^ (r2 << 16 | r2 >> 16)));
  CHECK(!first_op_is(f.inst, "sh_add_shl", IOP_I32_ADD_SHL));
  fx_close(&f);
}

static void test_fusions_memory(void) {
  fx f;
  if (!fx_open(&f, NULL, MOD(fusions))) return;
  uint8_t *mem = export_memory(f.inst, "mem");
  CHECK(mem != NULL);
  if (!mem) return;
  static const struct {
    const char *name;
    interp_op l, m;
    cwasi_val x;
    uint64_t init, want; /* the memory operand, and x OP it */
    unsigned width;
  } cases[] = {
      {"f64_add", IOP_F64_ADD_L, IOP_F64_ADD_M, {CWASI_F64, {.f64 = 1.5}}, 0x4002000000000000, 0x400E000000000000, 8},
      {"f64_sub", IOP_F64_SUB_L, IOP_F64_SUB_M, {CWASI_F64, {.f64 = 1.5}}, 0x4002000000000000, 0xBFE8000000000000, 8},
      {"f64_mul", IOP_F64_MUL_L, IOP_F64_MUL_M, {CWASI_F64, {.f64 = 1.5}}, 0x4002000000000000, 0x400B000000000000, 8},
      {"f32_add", IOP_F32_ADD_L, IOP_F32_ADD_M, {CWASI_F32, {.f32 = 1.5f}}, 0x40100000, 0x40700000, 4},
      {"f32_sub", IOP_F32_SUB_L, IOP_F32_SUB_M, {CWASI_F32, {.f32 = 1.5f}}, 0x40100000, 0xBF400000, 4},
      {"f32_mul", IOP_F32_MUL_L, IOP_F32_MUL_M, {CWASI_F32, {.f32 = 1.5f}}, 0x40100000, 0x40580000, 4},
      {"i32_add", IOP_I32_ADD_L, IOP_I32_ADD_M, {CWASI_I32, {.i32 = -1}}, 5, 4, 4},
      {"i32_sub", IOP_I32_SUB_L, IOP_I32_SUB_M, {CWASI_I32, {.i32 = 3}}, 5, 0xFFFFFFFE, 4},
      {"i64_add", IOP_I64_ADD_L, IOP_I64_ADD_M, {CWASI_I64, {.i64 = INT64_MAX}}, 1, 0x8000000000000000, 8},
      {"i64_sub", IOP_I64_SUB_L, IOP_I64_SUB_M, {CWASI_I64, {.i64 = 0}}, 1, UINT64_MAX, 8},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char rmw[32], lop[32];
    snprintf(rmw, sizeof rmw, "rmw_%s", cases[i].name);
    snprintf(lop, sizeof lop, "lop_%s", cases[i].name);
    unsigned w = cases[i].width;
    uint64_t got = 0;
    cwasi_error err;
    /* p[8] = x OP p[8]: the bytes around stay */
    memset(mem, 0x5A, 256);
    memcpy(mem + 64 + 8, &cases[i].init, w);
    cwasi_val a[2] = {v_i32(64), cases[i].x};
    CHECK(call(f.store, f.inst, rmw, a, 2, NULL, 0, &err) == CWASI_OK);
    memcpy(&got, mem + 64 + 8, w);
    CHECK(got == cases[i].want);
    CHECK(mem[64 + 7] == 0x5A && mem[64 + 8 + w] == 0x5A);
    CHECK(first_op_is(f.inst, rmw, cases[i].m));
    /* the last bytes of memory: in bounds; one further: a trap, nothing stored */
    a[0] = v_i32((int32_t)(65536 - 8 - w));
    memcpy(mem + 65536 - w, &cases[i].init, w);
    CHECK(call(f.store, f.inst, rmw, a, 2, NULL, 0, &err) == CWASI_OK);
    memcpy(&got, mem + 65536 - w, w);
    CHECK(got == cases[i].want);
    a[0] = v_i32((int32_t)(65536 - 8 - w + 1));
    memcpy(mem + 65536 - w, &cases[i].init, w);
    CHECK(call_traps(f.store, f.inst, rmw, a, 2, 0, CWASI_TRAP_MEMORY_OOB, rmw));
    got = 0;
    memcpy(&got, mem + 65536 - w, w);
    CHECK(got == cases[i].init);
    /* x OP p[8 + 4], and the same with p + 8 wrapping to 0 (address 4) */
    cwasi_val r[1];
    memcpy(mem + 64 + 12, &cases[i].init, w);
    CHECK(call(f.store, f.inst, lop, a, 2, r, 1, &err) != CWASI_OK); /* a[0] is near the end */
    a[0] = v_i32(64);
    CHECK(call(f.store, f.inst, lop, a, 2, r, 1, &err) == CWASI_OK && val_bits(r[0]) == cases[i].want);
    CHECK(first_op_is(f.inst, lop, cases[i].l));
    memcpy(mem + 4, &cases[i].init, w);
    a[0] = v_i32(-8);
    CHECK(call(f.store, f.inst, lop, a, 2, r, 1, &err) == CWASI_OK && val_bits(r[0]) == cases[i].want);
  }
  /* Not read-modify-write: another offset; the address local changing */
  cwasi_error err;
  double d;
  memset(mem, 0, 256);
  memcpy(mem + 72, &(double){2.0}, 8);
  cwasi_val a[2] = {v_i32(64), v_f64(1.0)};
  CHECK(call(f.store, f.inst, "rmw_other_offset", a, 2, NULL, 0, &err) == CWASI_OK);
  memcpy(&d, mem + 72, 8);
  CHECK(d == 2.0);
  memcpy(&d, mem + 80, 8);
  CHECK(d == 3.0);
  CHECK(call(f.store, f.inst, "rmw_addr_changes", a, 2, NULL, 0, &err) == CWASI_OK);
  memcpy(&d, mem + 64, 8);
  CHECK(d == 3.0);
  memcpy(&d, mem + 72, 8);
  CHECK(d == 2.0);
  fx_close(&f);
}

static void test_fusions_control(void) {
  fx f;
  if (!fx_open(&f, NULL, MOD(fusions))) return;
  cwasi_val a[4] = {v_i32(100), v_i32(0)};
  CHECK(call_int(f.store, f.inst, "add2", a, 2) == (int64_t)(108 | (uint64_t)92 << 32));
  CHECK(first_op_is(f.inst, "add2", IOP_I32_ADD2_I));
  a[0] = v_i32(5);
  CHECK(call_int(f.store, f.inst, "add2_label", a, 2) == (int64_t)(6 | (uint64_t)10 << 32));
  a[1] = v_i32(20);
  CHECK(call_int(f.store, f.inst, "add2_label", a, 2) == (int64_t)(6 | (uint64_t)21 << 32));
  CHECK(first_op_is(f.inst, "add2_label", IOP_I32_ADD_I)); /* a loop label sits between */
  a[0] = v_i32(0), a[1] = v_i32(0), a[2] = v_i32(3);
  CHECK(call_int(f.store, f.inst, "add2_loop", a, 3) == (int64_t)(24 | (uint64_t)48 << 32));
  for (int32_t n = 0; n < 5; n++) {
    static const int32_t want[] = {123, 231, 312, 123, 231};
    cwasi_val r4[4] = {v_i32(1), v_i32(2), v_i32(3), v_i32(n)};
    CHECK(call_int(f.store, f.inst, "rotate", r4, 4) == want[n]);
  }
  static const struct {
    int64_t x;
    int32_t table, cond;
  } wraps[] = {{0x100000001, 11, 1}, {0x500000000, 10, 0}, {2, 12, 1},
               {(int64_t)0xFFFFFFFF00000007, 12, 1}, {0, 10, 0}};
  for (size_t i = 0; i < sizeof wraps / sizeof wraps[0]; i++) {
    cwasi_val x = v_i64(wraps[i].x);
    CHECK(call_int(f.store, f.inst, "wrap_table", &x, 1) == wraps[i].table);
    CHECK(call_int(f.store, f.inst, "wrap_br_if", &x, 1) == wraps[i].cond);
    CHECK(call_int(f.store, f.inst, "wrap_if", &x, 1) == wraps[i].cond);
  }
  CHECK(first_op_is(f.inst, "wrap_table", IOP_BR_TABLE));
  CHECK(first_op_is(f.inst, "wrap_br_if", IOP_BR_IF));
  static const int32_t starts[][3] = {{0, 1, 10}, {-5, 2, 7},  {95, 1, 100}, {0, 7, 0},
                                      {5, -1, 0}, {1, -1, 3},  {INT32_MAX - 4, 1, INT32_MIN},
                                      {10, -1, 0}, {3, 0, 3}};
  for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
    cwasi_val x[3] = {v_i32(starts[k][0]), v_i32(starts[k][1]), v_i32(starts[k][2])};
    CHECK(call_int(f.store, f.inst, "count_down_imm", x, 1) ==
          count_down_model((uint32_t)starts[k][0], UINT32_MAX));
    CHECK(call_int(f.store, f.inst, "count_down_reg", x, 2) ==
          count_down_model((uint32_t)starts[k][0], (uint32_t)starts[k][1]));
    CHECK(call_int(f.store, f.inst, "if_add", x, 2) == (starts[k][0] + starts[k][1] != 0));
    for (int op = 0; op < 10; op++) {
      char name[16];
      snprintf(name, sizeof name, "swap_%d", op);
      int64_t got = call_int(f.store, f.inst, name, x, 3);
      int32_t want = swap_model(op, (uint32_t)starts[k][0], (uint32_t)starts[k][1],
                                (uint32_t)starts[k][2]);
      CHECK(got == want);
      if (got != want) fprintf(stderr, "%s(%zu): %lld, want %d\n", name, k, (long long)got, want);
    }
  }
  CHECK(first_op_is(f.inst, "if_add", IOP_BRA_I32_EQ_I));
  static const uint32_t bits[] = {0, 4, 0x80000000, 3, 0xFFFFFFFB, 0x7FFFFFFB, 0xFFFFFFFF};
  for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++) {
    cwasi_val x = v_i32((int32_t)bits[i]);
    uint32_t m = bits[i] & 0x80000004;
    CHECK(call_int(f.store, f.inst, "bit_br_if", &x, 1) == (m != 0));
    CHECK(call_int(f.store, f.inst, "bit_if", &x, 1) == (m != 0));
    CHECK(call_int(f.store, f.inst, "bit_eqz", &x, 1) == (m != 0));
    CHECK((uint32_t)call_int(f.store, f.inst, "bit_kept", &x, 1) == (m ? m : UINT32_MAX));
  }
  CHECK(first_op_is(f.inst, "bit_br_if", IOP_BR_IF_AND_I));
  CHECK(first_op_is(f.inst, "bit_if", IOP_IF_AND_I));
  CHECK(first_op_is(f.inst, "bit_eqz", IOP_IF_AND_I));
  CHECK(first_op_is(f.inst, "bit_kept", IOP_I32_AND_I));
  /* locals read before any assignment on some path read 0 */
  for (int32_t c = 0; c < 3; c++) {
    cwasi_val x = v_i32(c);
    CHECK(call_int(f.store, f.inst, "da_if", &x, 1) == (c ? 5 : 0));
    CHECK(call_int(f.store, f.inst, "da_else", &x, 1) == (c ? 5 : 0));
    CHECK(call_int(f.store, f.inst, "da_both", &x, 1) == (c ? 5 : 6));
    CHECK(call_int(f.store, f.inst, "da_br_if", &x, 1) == (c ? 0 : 7));
    cwasi_val n = v_i32(c + 1);
    CHECK(call_int(f.store, f.inst, "da_loop", &n, 1) == 3 * c);
    CHECK(call_int(f.store, f.inst, "da_table", &x, 1) == (c == 0 ? 9 : 8));
    CHECK(call_int(f.store, f.inst, "da_table2", &x, 1) == (c == 0 ? 0 : 8));
    CHECK(call_int(f.store, f.inst, "da_straight", &x, 1) == c + 1);
    CHECK(call_int(f.store, f.inst, "da_many", &x, 1) == (c ? 5 : 0));
  }
  /* br_table on a loaded index: only its low 32 bits (or 8, 16) count */
  uint8_t *mem = export_memory(f.inst, "mem");
  CHECK(mem != NULL);
  if (!mem) return;
  static const struct {
    const char *name;
    interp_op op;
    unsigned width;
  } sw[] = {{"switch_l8", IOP_BR_TABLE_L8, 1}, {"switch_l16", IOP_BR_TABLE_L16, 2},
            {"switch_l32", IOP_BR_TABLE_L32, 4}, {"switch_l64", IOP_BR_TABLE_L64, 8}};
  static const uint64_t index[] = {0, 1, 2, 3, 0x100, 0x10001, 0x100000001, UINT64_MAX};
  for (size_t i = 0; i < sizeof sw / sizeof sw[0]; i++) {
    for (size_t j = 0; j < sizeof index / sizeof index[0]; j++) {
      memset(mem + 100, 0, 16);
      memcpy(mem + 102, &index[j], sw[i].width);
      uint32_t low = sw[i].width == 1   ? (uint8_t)index[j]
                     : sw[i].width == 2 ? (uint16_t)index[j]
                                        : (uint32_t)index[j];
      cwasi_val p = v_i32(100);
      CHECK(call_int(f.store, f.inst, sw[i].name, &p, 1) == (low == 0 ? 10 : low == 1 ? 11 : 12));
    }
    CHECK(first_op_is(f.inst, sw[i].name, sw[i].op));
    cwasi_val p = v_i32((int32_t)(65536 - 2 - sw[i].width)); /* the last bytes */
    CHECK(call_int(f.store, f.inst, sw[i].name, &p, 1) >= 10);
    p = v_i32((int32_t)(65536 - 2 - sw[i].width + 1));
    CHECK(call_traps(f.store, f.inst, sw[i].name, &p, 1, 1, CWASI_TRAP_MEMORY_OOB, "at offset 0x"));
  }
  for (uint32_t c = 0; c < 4; c++) {
    memset(mem + 100, 0, 16);
    mem[100] = (uint8_t)c;
    cwasi_val p = v_i32(100);
    CHECK(call_int(f.store, f.inst, "switch_kept", &p, 1) == (int64_t)(c * 100 + (c == 0 ? 10 : c == 1 ? 11 : 0)));
    CHECK(call_int(f.store, f.inst, "switch_kept64", &p, 1) == (int64_t)(c + (c == 0 ? 10 : c == 1 ? 11 : 12)));
  }
  fx_close(&f);
}

/* v128 values take two slots: locals across calls, lazy copies, select,
 * globals, branches carrying them, multi-value, a trapping load. */
static void test_simd(void) {
  fx f;
  if (!fx_open(&f, NULL, MOD(simd))) return;
  cwasi_val a = v_i32(5);
  CHECK(call_int(f.store, f.inst, "local_across_call", &a, 1) == 5 + 29);
  CHECK(call_int(f.store, f.inst, "swap", NULL, 0) == 54);
  CHECK(call_int(f.store, f.inst, "select", &a, 1) == 2);
  a = v_i32(0);
  CHECK(call_int(f.store, f.inst, "select", &a, 1) == 6);
  CHECK(call_int(f.store, f.inst, "select_t", &a, 1) == 7);
  a = v_i32(9);
  CHECK(call_int(f.store, f.inst, "global", &a, 1) == 13);
  a = v_i32(11);
  CHECK(call_int(f.store, f.inst, "global", &a, 1) == 15);
  CHECK(call_int(f.store, f.inst, "branch", &a, 1) == 11);
  a = v_i32(0);
  CHECK(call_int(f.store, f.inst, "branch", &a, 1) == 100);
  CHECK(call_int(f.store, f.inst, "table", &a, 1) == 1001);
  a = v_i32(1);
  CHECK(call_int(f.store, f.inst, "table", &a, 1) == 2);
  a = v_i32(7);
  CHECK(call_int(f.store, f.inst, "table", &a, 1) == 8);
  CHECK(call_int(f.store, f.inst, "multi", NULL, 0) == 15);
  a = v_i32(0);
  CHECK(call_int(f.store, f.inst, "load", &a, 1) == 16);
  a = v_i32(65536 - 16);
  CHECK(call_int(f.store, f.inst, "load", &a, 1) == 0);
  a = v_i32(65536 - 15);
  CHECK(call_traps(f.store, f.inst, "load", &a, 1, 1, CWASI_TRAP_MEMORY_OOB, "in function \"load\""));
  a = v_i32(10);
  CHECK(call_int(f.store, f.inst, "loop", &a, 1) == 40);
  /* v128 in and out through the public API: lane 0 is byte 0 */
  cwasi_val v[2] = {{.type = CWASI_V128}, {.type = CWASI_V128}}, r = {0};
  uint64_t x[2] = {UINT64_MAX, 41}, y[2] = {2, 1};
  memcpy(v[0].of.v128, x, 16);
  memcpy(v[1].of.v128, y, 16);
  cwasi_error err;
  CHECK(call(f.store, f.inst, "addv", v, 2, &r, 1, &err) == CWASI_OK);
  uint64_t got[2];
  memcpy(got, r.of.v128, 16);
  CHECK(r.type == CWASI_V128 && got[0] == 1 && got[1] == 42);
  fx_close(&f);
}

int main(void) {
  RUN(test_register_code);
  RUN(test_fused_compares);
  RUN(test_loop_edges);
  RUN(test_fusions_memory);
  RUN(test_plain_translation);
  RUN(test_fusions_shifts);
  RUN(test_fusions_control);
  RUN(test_arith_and_traps);
  RUN(test_trap_offsets);
  RUN(test_control);
  RUN(test_multi_value);
  RUN(test_recursion);
  RUN(test_limits_from_config);
  RUN(test_memory);
  RUN(test_call_indirect);
  RUN(test_host);
  RUN(test_cross_instance);
  RUN(test_simd);
  return unit_report();
}
