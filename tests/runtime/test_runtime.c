/* test_runtime.c — unit tests of src/runtime/: store objects, instantiation,
 * linking and calls through the public API. */
#include "runtime/runtime.h"
#include "runtime_modules.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOAD(engine, name, err) cwasi_module_new((engine), name, sizeof name, (err))

static cwasi_val v_i32(int32_t x) { return (cwasi_val){.type = CWASI_I32, .of.i32 = x}; }
static cwasi_val v_i64(int64_t x) { return (cwasi_val){.type = CWASI_I64, .of.i64 = x}; }
static cwasi_val v_f64(double x) { return (cwasi_val){.type = CWASI_F64, .of.f64 = x}; }
static cwasi_val v_func(cwasi_func *f) {
  return (cwasi_val){.type = CWASI_FUNCREF, .of.funcref = f};
}
static cwasi_val v_extern(void *p) {
  return (cwasi_val){.type = CWASI_EXTERNREF, .of.externref = p};
}

static cwasi_extern ext_func(cwasi_func *f) {
  return (cwasi_extern){.kind = CWASI_EXTERN_FUNC, .of.func = f};
}
static cwasi_extern ext_table(cwasi_table *t) {
  return (cwasi_extern){.kind = CWASI_EXTERN_TABLE, .of.table = t};
}
static cwasi_extern ext_memory(cwasi_memory *m) {
  return (cwasi_extern){.kind = CWASI_EXTERN_MEMORY, .of.memory = m};
}
static cwasi_extern ext_global(cwasi_global *g) {
  return (cwasi_extern){.kind = CWASI_EXTERN_GLOBAL, .of.global = g};
}

static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- host functions used by the tests ---- */

typedef struct host_env {
  cwasi_store *store;
  int calls;
  bool saw_mem; /* the wasm caller's "mem" export was visible */
} host_env;

static cwasi_status host_double(cwasi_caller *caller, void *env, const cwasi_val *args,
                                cwasi_val *results, cwasi_error *err) {
  host_env *h = env;
  cwasi_extern mem;
  h->calls++;
  if (cwasi_caller_store(caller) != h->store) return cw_trap(err, CWASI_TRAP_HOST, "wrong store");
  h->saw_mem = cwasi_caller_export(caller, "mem", 3, &mem) && mem.kind == CWASI_EXTERN_MEMORY;
  results[0] = v_i32(args[0].of.i32 * 2);
  return CWASI_OK;
}

static cwasi_status host_trap(cwasi_caller *caller, void *env, const cwasi_val *args,
                              cwasi_val *results, cwasi_error *err) {
  CW_UNUSED(caller), CW_UNUSED(env), CW_UNUSED(args), CW_UNUSED(results);
  return cw_trap(err, CWASI_TRAP_HOST, "(host said no)");
}

static cwasi_status host_nop(cwasi_caller *caller, void *env, const cwasi_val *args,
                             cwasi_val *results, cwasi_error *err) {
  CW_UNUSED(caller), CW_UNUSED(env), CW_UNUSED(args), CW_UNUSED(results), CW_UNUSED(err);
  return CWASI_OK;
}

static const cwasi_valtype i32_1[] = {CWASI_I32};

/* ---- engine, values ---- */

static void test_engine_defaults(void) {
  cwasi_engine *e = cwasi_engine_new(NULL);
  CHECK(e != NULL);
  CHECK_EQ_U64(e->config.value_stack_bytes, 8u << 20);
  CHECK_EQ_U64(e->config.max_call_depth, 50000);
  cwasi_engine_delete(e);
  cwasi_config c = {.value_stack_bytes = 4096, .max_call_depth = 0};
  e = cwasi_engine_new(&c);
  CHECK_EQ_U64(e->config.value_stack_bytes, 4096);
  CHECK_EQ_U64(e->config.max_call_depth, 50000);
  cwasi_engine_delete(e);
}

static void test_val_slots(void) {
  cw_slot s[2] = {0, 0};
  cwasi_val v;
  rt_val_to_slots(&(cwasi_val){.type = CWASI_I32, .of.i32 = -1}, s);
  CHECK_EQ_U64(s[0], 0xffffffffu); /* zero-extended */
  rt_slots_to_val(CWASI_I32, s, &v);
  CHECK(v.type == CWASI_I32 && v.of.i32 == -1);
  rt_val_to_slots(&(cwasi_val){.type = CWASI_F32, .of.f32 = -0.0f}, s);
  CHECK_EQ_U64(s[0], 0x80000000u);
  rt_val_to_slots(&(cwasi_val){.type = CWASI_F64, .of.f64 = 1.0}, s);
  CHECK_EQ_U64(s[0], 0x3ff0000000000000u);
  cwasi_val vv = {.type = CWASI_V128};
  for (int i = 0; i < 16; i++)
    vv.of.v128[i] = (uint8_t)(i + 1);
  rt_val_to_slots(&vv, s);
  rt_slots_to_val(CWASI_V128, s, &v);
  CHECK(memcmp(v.of.v128, vv.of.v128, 16) == 0);
  CHECK_EQ_U64(s[0] & 0xff, 1); /* low half first */
  int x;
  rt_val_to_slots(&(cwasi_val){.type = CWASI_EXTERNREF, .of.externref = &x}, s);
  rt_slots_to_val(CWASI_EXTERNREF, s, &v);
  CHECK(v.of.externref == &x);
}

/* ---- memories ---- */

static void test_memory(void) {
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_store *s = cwasi_store_new(e);
  cwasi_memory *m = cwasi_memory_new(s, 1, 3);
  CHECK(m != NULL);
  CHECK_EQ_U64(cwasi_memory_pages(m), 1);
  CHECK_EQ_U64(cwasi_memory_size(m), 65536);
  uint8_t *data = cwasi_memory_data(m);
  CHECK(data[0] == 0 && data[65535] == 0);
  data[65535] = 7;
  CHECK_EQ_U64(cwasi_memory_grow(m, 0), 1);
  CHECK_EQ_U64(cwasi_memory_grow(m, 2), 1);
  CHECK(cwasi_memory_data(m) == data); /* never moves */
  CHECK(data[65535] == 7 && data[3 * 65536 - 1] == 0);
  data[3 * 65536 - 1] = 1;
  CHECK(cwasi_memory_grow(m, 1) == -1); /* beyond max */
  CHECK_EQ_U64(cwasi_memory_pages(m), 3);

  cwasi_memory *z = cwasi_memory_new(s, 0, 0);
  CHECK(z != NULL && cwasi_memory_data(z) != NULL && cwasi_memory_size(z) == 0);
  CHECK(cwasi_memory_grow(z, 1) == -1);
  CHECK_EQ_U64(cwasi_memory_grow(z, 0), 0);

  cwasi_memory *big = cwasi_memory_new(s, 0, CWASI_NO_MAX);
  CHECK(big != NULL && !big->has_max && big->max_pages == 65536);
  CHECK(cwasi_memory_grow(big, 65537) == -1);
  CHECK(cwasi_memory_grow(big, UINT32_MAX) == -1);
  CHECK_EQ_U64(cwasi_memory_grow(big, 16), 0);
  data = cwasi_memory_data(big);
  if (cwasi_memory_pages(big) == 16) {
    data[16 * 65536 - 1] = 1;
    CHECK_EQ_U64(cwasi_memory_grow(big, 1000), 16);
    CHECK(cwasi_memory_data(big) == data && data[16 * 65536 - 1] == 1);
  }

  CHECK(cwasi_memory_new(s, 2, 1) == NULL); /* min > max */
  CHECK(cwasi_memory_new(s, 65537, CWASI_NO_MAX) == NULL);
  CHECK(cwasi_memory_new(s, 0, 65537) == NULL);
  CHECK(cwasi_memory_new(NULL, 0, 1) == NULL);
  cwasi_store_delete(s);
  cwasi_engine_delete(e);
}

/* ---- tables ---- */

static void test_table(void) {
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_store *s = cwasi_store_new(e);
  cwasi_func *f = cwasi_func_new(s, NULL, 0, NULL, 0, host_nop, NULL);
  cwasi_table *t = cwasi_table_new(s, CWASI_FUNCREF, 2, 5, v_func(NULL));
  cwasi_val v;
  CHECK(t != NULL && cwasi_table_size(t) == 2);
  CHECK(cwasi_table_get(t, 1, &v) && v.type == CWASI_FUNCREF && v.of.funcref == NULL);
  CHECK(!cwasi_table_get(t, 2, &v));
  CHECK(cwasi_table_set(t, 1, v_func(f)));
  CHECK(cwasi_table_get(t, 1, &v) && v.of.funcref == f);
  CHECK(!cwasi_table_set(t, 2, v_func(f)));      /* out of bounds */
  CHECK(!cwasi_table_set(t, 0, v_extern(NULL))); /* wrong reference type */
  CHECK_EQ_U64(cwasi_table_grow(t, 2, v_func(f)), 2);
  CHECK(cwasi_table_get(t, 3, &v) && v.of.funcref == f);
  CHECK(cwasi_table_grow(t, 2, v_func(NULL)) == -1); /* beyond max */
  CHECK_EQ_U64(cwasi_table_grow(t, 1, v_func(NULL)), 4);
  CHECK(cwasi_table_grow(t, 0, v_i32(0)) == -1); /* init of the wrong type */

  int x;
  cwasi_table *u = cwasi_table_new(s, CWASI_EXTERNREF, 1, CWASI_NO_MAX, v_extern(&x));
  CHECK(u != NULL && u->max == UINT32_MAX && !u->has_max);
  CHECK(cwasi_table_get(u, 0, &v) && v.of.externref == &x);
  CHECK(cwasi_table_grow(u, UINT32_MAX, v_extern(NULL)) == -1);
  CHECK(cwasi_table_grow(u, 20000000, v_extern(NULL)) == -1); /* resource limit */
  for (int i = 0; i < 100; i++)
    CHECK_EQ_U64(cwasi_table_grow(u, 3, v_extern(&x)), 1 + 3 * i);
  CHECK(cwasi_table_get(u, 300, &v) && v.of.externref == &x);

  CHECK(cwasi_table_new(s, CWASI_I32, 1, 2, v_i32(0)) == NULL);
  CHECK(cwasi_table_new(s, CWASI_FUNCREF, 1, 2, v_extern(NULL)) == NULL);
  CHECK(cwasi_table_new(s, CWASI_FUNCREF, 3, 2, v_func(NULL)) == NULL);
  CHECK(cwasi_table_new(s, CWASI_FUNCREF, 0xffffffffu, CWASI_NO_MAX, v_func(NULL)) == NULL);
  cwasi_store_delete(s);
  cwasi_engine_delete(e);
}

/* ---- globals ---- */

static void test_global(void) {
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_store *s = cwasi_store_new(e);
  cwasi_global *g = cwasi_global_new(s, CWASI_I64, true, v_i64(-5));
  CHECK(g != NULL && cwasi_global_type(g) == CWASI_I64 && cwasi_global_mutable(g));
  CHECK(cwasi_global_get(g).of.i64 == -5);
  CHECK(cwasi_global_set(g, v_i64(INT64_MIN)));
  CHECK(cwasi_global_get(g).of.i64 == INT64_MIN);
  CHECK(!cwasi_global_set(g, v_i32(1))); /* type mismatch */
  cwasi_global *c = cwasi_global_new(s, CWASI_F64, false, v_f64(2.5));
  CHECK(c != NULL && !cwasi_global_mutable(c));
  CHECK(!cwasi_global_set(c, v_f64(1.0)));
  CHECK(cwasi_global_get(c).of.f64 == 2.5);
  CHECK(cwasi_global_new(s, CWASI_I32, false, v_i64(1)) == NULL);
  CHECK(cwasi_global_new(s, (cwasi_valtype)0x40, false, (cwasi_val){.type = 0x40}) == NULL);
  cwasi_store_delete(s);
  cwasi_engine_delete(e);
}

/* ---- functions and types ---- */

static void test_host_func_and_types(void) {
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_store *s = cwasi_store_new(e);
  const cwasi_valtype p[] = {CWASI_I32, CWASI_V128, CWASI_F64};
  const cwasi_valtype r[] = {CWASI_EXTERNREF};
  cwasi_func *f = cwasi_func_new(s, p, 3, r, 1, host_nop, NULL);
  cwasi_func *g = cwasi_func_new(s, p, 3, r, 1, host_nop, NULL);
  cwasi_func *h = cwasi_func_new(s, p, 2, r, 1, host_nop, NULL);
  CHECK(f && g && h);
  CHECK_EQ_U64(cwasi_func_param_count(f), 3);
  CHECK_EQ_U64(cwasi_func_result_count(f), 1);
  CHECK(cwasi_func_param_type(f, 1) == CWASI_V128);
  CHECK(cwasi_func_result_type(f, 0) == CWASI_EXTERNREF);
  CHECK_EQ_U64(f->param_slots, 4);
  CHECK_EQ_U64(f->result_slots, 1);
  CHECK(f->type_id == g->type_id && f->type_id != h->type_id);
  CHECK(f->inst == NULL && f->code == NULL);

  cw_valtype types[] = {CWASI_I32, CWASI_V128, CWASI_F64, CWASI_EXTERNREF};
  cw_functype t = {3, 1, types};
  CHECK_EQ_U64(rt_type_intern(s, &t), f->type_id);
  cw_functype t2 = {4, 0, types};
  uint32_t id2 = rt_type_intern(s, &t2);
  CHECK(id2 != f->type_id && id2 != h->type_id && id2 != UINT32_MAX);
  /* Interning many types moves the registry; function types must stay put. */
  for (uint32_t n = 0; n < 4; n++)
    for (uint32_t k = 0; k <= 4 - n; k++)
      rt_type_intern(s, &(cw_functype){n, k, types});
  CHECK(cwasi_func_param_type(f, 2) == CWASI_F64 && cwasi_func_param_count(h) == 2);

  const cwasi_valtype bad[] = {(cwasi_valtype)0x40};
  CHECK(cwasi_func_new(s, bad, 1, NULL, 0, host_nop, NULL) == NULL);
  CHECK(cwasi_func_new(s, NULL, 0, NULL, 0, NULL, NULL) == NULL);

  /* Argument checks happen before any call. */
  cwasi_error err;
  cwasi_val res[1];
  cwasi_val args[3] = {v_i32(1), {.type = CWASI_V128}, v_i32(3)};
  CHECK(cwasi_func_call(s, f, args, 2, res, 1, &err) == CWASI_ERR_ARG);
  CHECK(strstr(err.message, "expected 3") != NULL);
  CHECK(cwasi_func_call(s, f, args, 3, res, 1, &err) == CWASI_ERR_ARG);
  CHECK(strstr(err.message, "argument 2") != NULL);
  args[2] = v_f64(1);
  CHECK(cwasi_func_call(s, f, args, 3, res, 0, &err) == CWASI_ERR_ARG);
  cwasi_store_delete(s);
  cwasi_engine_delete(e);
}

/* ---- modules ---- */

static void test_module_errors(void) {
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_error err;
  static const uint8_t junk[] = {0x00, 0x61, 0x73, 0x6e, 1, 0, 0, 0};
  CHECK(cwasi_module_new(e, junk, sizeof junk, &err) == NULL);
  CHECK(err.status == CWASI_ERR_MALFORMED);
  CHECK(cwasi_module_validate(e, junk, sizeof junk, &err) == CWASI_ERR_MALFORMED);
  CHECK(cwasi_module_validate(e, wasm_main, sizeof wasm_main, &err) == CWASI_OK);
  CHECK(cwasi_module_load_file(e, "/nonexistent/x.wasm", &err) == NULL);
  CHECK(err.status == CWASI_ERR_IO && strstr(err.message, "/nonexistent/x.wasm") != NULL);
  /* A module is read from a regular file only: no endless device, no FIFO. */
  CHECK(cwasi_module_load_file(e, "/dev/zero", &err) == NULL);
  CHECK(err.status == CWASI_ERR_IO && strstr(err.message, "not a regular file") != NULL);
  CHECK(cwasi_module_load_file(e, "/", &err) == NULL && err.status == CWASI_ERR_IO);

  char path[] = "/tmp/cwasi_rt_testXXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  FILE *f = fdopen(fd, "wb");
  fwrite(wasm_imports, 1, sizeof wasm_imports, f);
  fclose(f);
  cwasi_module *mod = cwasi_module_load_file(e, path, &err);
  remove(path);
  CHECK(mod != NULL);
  if (mod) {
    CHECK_EQ_U64(cwasi_module_import_count(mod), 5);
    cwasi_import_desc d = cwasi_module_import(mod, 4);
    CHECK(d.kind == CWASI_EXTERN_GLOBAL && d.name.len == 2 && memcmp(d.name.data, "gi", 2) == 0);
    CHECK(d.module.len == 3 && memcmp(d.module.data, "env", 3) == 0);
    CHECK(cwasi_module_import(mod, 5).module.data == NULL);
    CHECK_EQ_U64(cwasi_module_export_count(mod), 0);
    CHECK_EQ_U64(mod->refcount, 1);
    cwasi_module_delete(mod);
  }
  cwasi_engine_delete(e);
}

/* ---- instantiation ---- */

typedef struct imports_fixture {
  cwasi_func *f;
  cwasi_table *t;
  cwasi_memory *m;
  cwasi_global *g, *gi;
} imports_fixture;

static void make_imports(cwasi_store *s, imports_fixture *fx, cwasi_extern ext[5]) {
  fx->f = cwasi_func_new(s, i32_1, 1, i32_1, 1, host_nop, NULL);
  fx->t = cwasi_table_new(s, CWASI_FUNCREF, 2, 10, v_func(NULL));
  fx->m = cwasi_memory_new(s, 1, 4);
  fx->g = cwasi_global_new(s, CWASI_I32, true, v_i32(0));
  fx->gi = cwasi_global_new(s, CWASI_I64, false, v_i64(0));
  ext[0] = ext_func(fx->f);
  ext[1] = ext_table(fx->t);
  ext[2] = ext_memory(fx->m);
  ext[3] = ext_global(fx->g);
  ext[4] = ext_global(fx->gi);
}

/* Instantiates wasm_imports with import `which` replaced by `bad`; expects
 * a link error mentioning the import's name. */
static void expect_link_error(cwasi_store *s, cwasi_module *mod, int which, cwasi_extern bad,
                              const char *name) {
  imports_fixture fx;
  cwasi_extern ext[5];
  cwasi_error err;
  make_imports(s, &fx, ext);
  ext[which] = bad;
  CHECK(cwasi_instance_new(s, mod, ext, 5, &err) == NULL);
  CHECK(err.status == CWASI_ERR_LINK);
  CHECK(starts_with(err.message, "incompatible import type"));
  CHECK(strstr(err.message, name) != NULL);
}

static void test_import_checks(void) {
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_store *s = cwasi_store_new(e);
  cwasi_error err;
  cwasi_module *mod = LOAD(e, wasm_imports, &err);
  CHECK(mod != NULL);
  if (!mod) goto out;
  imports_fixture fx;
  cwasi_extern ext[5];
  make_imports(s, &fx, ext);
  cwasi_instance *inst = cwasi_instance_new(s, mod, ext, 5, &err);
  CHECK(inst != NULL && err.status == CWASI_OK);
  CHECK(cwasi_instance_new(s, mod, ext, 4, &err) == NULL && err.status == CWASI_ERR_ARG);

  /* A table grown past the declared minimum still links: its size counts. */
  cwasi_table *t1 = cwasi_table_new(s, CWASI_FUNCREF, 1, 10, v_func(NULL));
  cwasi_table_grow(t1, 1, v_func(NULL));
  ext[1] = ext_table(t1);
  CHECK(cwasi_instance_new(s, mod, ext, 5, &err) != NULL);

  expect_link_error(s, mod, 0, ext_memory(fx.m), "\"env\" \"f\"");
  expect_link_error(s, mod, 0, ext_func(cwasi_func_new(s, i32_1, 1, NULL, 0, host_nop, NULL)),
                    "(i32) -> ()");
  expect_link_error(s, mod, 1, ext_table(cwasi_table_new(s, CWASI_FUNCREF, 1, 10, v_func(NULL))),
                    "\"t\"");
  expect_link_error(s, mod, 1,
                    ext_table(cwasi_table_new(s, CWASI_FUNCREF, 2, CWASI_NO_MAX, v_func(NULL))),
                    "no max");
  expect_link_error(s, mod, 1, ext_table(cwasi_table_new(s, CWASI_FUNCREF, 2, 11, v_func(NULL))),
                    "max 11");
  expect_link_error(s, mod, 1,
                    ext_table(cwasi_table_new(s, CWASI_EXTERNREF, 2, 10, v_extern(NULL))),
                    "externref");
  expect_link_error(s, mod, 2, ext_memory(cwasi_memory_new(s, 0, 4)), "\"m\"");
  expect_link_error(s, mod, 2, ext_memory(cwasi_memory_new(s, 1, 5)), "max 5");
  expect_link_error(s, mod, 2, ext_memory(cwasi_memory_new(s, 1, CWASI_NO_MAX)), "no max");
  expect_link_error(s, mod, 3, ext_global(cwasi_global_new(s, CWASI_I32, false, v_i32(0))),
                    "expected mut i32, got i32");
  expect_link_error(s, mod, 4, ext_global(cwasi_global_new(s, CWASI_I32, false, v_i32(0))),
                    "expected i64, got i32");

  /* A memory grown to the declared minimum links; the narrower max fits. */
  cwasi_memory *m0 = cwasi_memory_new(s, 0, 2);
  cwasi_memory_grow(m0, 1);
  make_imports(s, &fx, ext);
  ext[2] = ext_memory(m0);
  CHECK(cwasi_instance_new(s, mod, ext, 5, &err) != NULL);

  /* The module outlives the embedder's reference through its three instances. */
  cwasi_module_delete(mod);
  CHECK_EQ_U64(inst->module->refcount, 3);
out:
  cwasi_store_delete(s);
  cwasi_engine_delete(e);
}

static void test_data_segment_trap(void) {
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_store *s = cwasi_store_new(e);
  cwasi_error err;
  cwasi_module *mod = LOAD(e, wasm_data_oob, &err);
  CHECK(mod != NULL);
  if (!mod) goto out;
  cwasi_memory *m = cwasi_memory_new(s, 1, CWASI_NO_MAX);
  cwasi_extern ext = ext_memory(m);
  CHECK(cwasi_instance_new(s, mod, &ext, 1, &err) == NULL);
  CHECK(err.status == CWASI_ERR_TRAP && err.trap == CWASI_TRAP_MEMORY_OOB);
  CHECK(starts_with(err.message, "out of bounds memory access"));
  uint8_t *d = cwasi_memory_data(m);
  CHECK(memcmp(d, "abc", 3) == 0);     /* the earlier segment stays */
  CHECK(d[65534] == 0 && d[8] == 0);   /* nothing of the failing or later ones */
  CHECK_EQ_U64(s->instances.count, 1); /* still owned by the store */
  /* With room, all three apply. */
  cwasi_memory_grow(m, 1);
  CHECK(cwasi_instance_new(s, mod, &ext, 1, &err) != NULL);
  CHECK(memcmp(d + 65534, "xyz", 3) == 0 && memcmp(d + 8, "late", 4) == 0);
  cwasi_module_delete(mod);
out:
  cwasi_store_delete(s);
  cwasi_engine_delete(e);
}

static void test_elem_segment_trap(void) {
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_store *s = cwasi_store_new(e);
  cwasi_error err;
  cwasi_module *mod = LOAD(e, wasm_elem_oob, &err);
  CHECK(mod != NULL);
  if (!mod) goto out;
  cwasi_table *t = cwasi_table_new(s, CWASI_FUNCREF, 3, CWASI_NO_MAX, v_func(NULL));
  cwasi_memory *m = cwasi_memory_new(s, 1, CWASI_NO_MAX);
  cwasi_extern ext[2] = {ext_table(t), ext_memory(m)};
  CHECK(cwasi_instance_new(s, mod, ext, 2, &err) == NULL);
  CHECK(err.status == CWASI_ERR_TRAP && err.trap == CWASI_TRAP_TABLE_OOB);
  CHECK(starts_with(err.message, "out of bounds table access"));
  cwasi_val v;
  CHECK(cwasi_table_get(t, 0, &v) && v.of.funcref != NULL);
  CHECK(cwasi_table_get(t, 1, &v) && v.of.funcref != NULL);
  CHECK(cwasi_table_get(t, 2, &v) && v.of.funcref == NULL);
  /* Element segments come before data segments: no data was written. */
  CHECK(cwasi_memory_data(m)[0] == 0);
  cwasi_module_delete(mod);
out:
  cwasi_store_delete(s);
  cwasi_engine_delete(e);
}

static void test_const_exprs(void) {
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_store *s = cwasi_store_new(e);
  cwasi_error err;
  cwasi_module *mod = LOAD(e, wasm_consts, &err);
  CHECK(mod != NULL);
  if (!mod) goto out;
  cwasi_extern gi = ext_global(cwasi_global_new(s, CWASI_I32, false, v_i32(3)));
  cwasi_instance *inst = cwasi_instance_new(s, mod, &gi, 1, &err);
  CHECK(inst != NULL);
  cwasi_extern x, f, t;
  CHECK(cwasi_instance_export(inst, "copy", 4, &x) && cwasi_global_get(x.of.global).of.i32 == 3);
  CHECK(cwasi_instance_export(inst, "f", 1, &f) && f.kind == CWASI_EXTERN_FUNC);
  CHECK(cwasi_instance_export(inst, "fr", 2, &x) &&
        cwasi_global_get(x.of.global).of.funcref == f.of.func);
  CHECK(cwasi_instance_export(inst, "i64", 3, &x) && cwasi_global_get(x.of.global).of.i64 == -2);
  CHECK(cwasi_instance_export(inst, "f32", 3, &x) && cwasi_global_get(x.of.global).of.f32 == -0.5f);
  CHECK(cwasi_instance_export(inst, "null", 4, &x) &&
        cwasi_global_get(x.of.global).type == CWASI_EXTERNREF &&
        cwasi_global_get(x.of.global).of.externref == NULL);
  cwasi_val v;
  CHECK(cwasi_instance_export(inst, "t", 1, &t) && t.kind == CWASI_EXTERN_TABLE);
  CHECK(cwasi_table_get(t.of.table, 3, &v) && v.of.funcref == f.of.func);
  CHECK(cwasi_table_get(t.of.table, 2, &v) && v.of.funcref == NULL);
  /* Active and declarative segments are dropped; the passive one is not. */
  CHECK(inst->elem_len[0] == 0 && inst->elem_len[1] == 1 && inst->elem_len[2] == 0);
  CHECK(inst->elem_items[1][0] == (uintptr_t)f.of.func);
  CHECK(!cwasi_instance_export(inst, "nope", 4, &x));
  cwasi_module_delete(mod);
out:
  cwasi_store_delete(s);
  cwasi_engine_delete(e);
}

/* ---- calls and the main module ---- */

static void test_main_module(void) {
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_store *s = cwasi_store_new(e);
  cwasi_error err;
  cwasi_module *mod = LOAD(e, wasm_main, &err);
  CHECK(mod != NULL);
  if (!mod) goto out;
  host_env h = {s, 0, false};
  cwasi_extern host = ext_func(cwasi_func_new(s, i32_1, 1, i32_1, 1, host_double, &h));
  cwasi_instance *inst = cwasi_instance_new(s, mod, &host, 1, &err);
  CHECK(inst != NULL);
  if (!inst) {
    fprintf(stderr, "    instantiate: %s\n", err.message);
    goto out_mod;
  }
  cwasi_extern x;
  CHECK(cwasi_instance_export(inst, "mem", 3, &x) && x.kind == CWASI_EXTERN_MEMORY);
  uint8_t *d = cwasi_memory_data(x.of.memory);
  CHECK(d[0] == 99);                      /* the start function ran */
  CHECK(memcmp(d + 16, "hello", 5) == 0); /* data segment */

  /* Export names are byte strings: "a\0b" and "a" are different exports. */
  cwasi_extern a0b, a;
  cwasi_val r[2];
  CHECK(cwasi_instance_export(inst, "a\0b", 3, &a0b));
  CHECK(cwasi_instance_export(inst, "a", 1, &a));
  CHECK(a0b.of.func != a.of.func);
  CHECK(!cwasi_instance_export(inst, "a\0", 2, &x));
  CHECK(cwasi_func_call(s, a0b.of.func, NULL, 0, r, 1, &err) == CWASI_OK && r[0].of.i32 == 7);
  CHECK(cwasi_func_call(s, a.of.func, NULL, 0, r, 1, &err) == CWASI_OK && r[0].of.i32 == 8);

  cwasi_extern add;
  CHECK(cwasi_instance_export(inst, "add", 3, &add));
  cwasi_val args[2] = {v_i32(40), v_i32(2)};
  CHECK(cwasi_func_call(s, add.of.func, args, 2, r, 1, &err) == CWASI_OK);
  CHECK(r[0].type == CWASI_I32 && r[0].of.i32 == 42);
  args[1] = v_i64(2);
  CHECK(cwasi_func_call(s, add.of.func, args, 2, r, 1, &err) == CWASI_ERR_ARG);

  /* wasm -> host, with the host seeing the caller's exports. */
  cwasi_extern ch;
  CHECK(cwasi_instance_export(inst, "callhost", 8, &ch));
  CHECK(cwasi_func_call(s, ch.of.func, args, 1, r, 1, &err) == CWASI_OK && r[0].of.i32 == 80);
  CHECK(h.calls == 1 && h.saw_mem);
  /* Calling the host function directly: no wasm caller, no exports. */
  CHECK(cwasi_func_call(s, host.of.func, args, 1, r, 1, &err) == CWASI_OK && r[0].of.i32 == 80);
  CHECK(h.calls == 2 && !h.saw_mem);

  /* A trap names the trap first. */
  cwasi_extern div;
  CHECK(cwasi_instance_export(inst, "div", 3, &div));
  args[1] = v_i32(0);
  CHECK(cwasi_func_call(s, div.of.func, args, 2, r, 1, &err) == CWASI_ERR_TRAP);
  CHECK(err.trap == CWASI_TRAP_DIV_ZERO && starts_with(err.message, "integer divide by zero"));
  args[1] = v_i32(5);
  CHECK(cwasi_func_call(s, div.of.func, args, 2, r, 1, &err) == CWASI_OK && r[0].of.i32 == 8);

  /* Globals are shared with the embedder. */
  cwasi_extern g, getg;
  CHECK(cwasi_instance_export(inst, "g", 1, &g) && cwasi_instance_export(inst, "getg", 4, &getg));
  CHECK(cwasi_global_get(g.of.global).of.i32 == 42);
  CHECK(cwasi_global_set(g.of.global, v_i32(-9)));
  CHECK(cwasi_func_call(s, getg.of.func, NULL, 0, r, 1, &err) == CWASI_OK && r[0].of.i32 == -9);
  CHECK(cwasi_instance_export(inst, "gf", 2, &g) && !cwasi_global_set(g.of.global, v_f64(0)));

  /* The element segment put $add and $div at 1 and 2. */
  cwasi_extern tab;
  cwasi_val v;
  CHECK(cwasi_instance_export(inst, "tab", 3, &tab));
  CHECK(cwasi_table_get(tab.of.table, 1, &v) && v.of.funcref == add.of.func);
  CHECK(cwasi_table_get(tab.of.table, 2, &v) && v.of.funcref == div.of.func);

  /* Names for trap messages. */
  char buf[64];
  CHECK(cwasi_instance_func_name(inst, add.of.func->func_index) != NULL &&
        strcmp(cwasi_instance_func_name(inst, add.of.func->func_index), "add") == 0);
  CHECK(cwasi_instance_func_name(inst, 1000) == NULL);
  CHECK(strstr(rt_func_describe(add.of.func, buf, sizeof buf), "$add") != NULL);
  CHECK(strcmp(rt_func_describe(host.of.func, buf, sizeof buf), "<host function>") == 0);
  CHECK(strlen(rt_func_describe(add.of.func, buf, 4)) == 3);

out_mod:
  cwasi_module_delete(mod);
out:
  cwasi_store_delete(s);
  cwasi_engine_delete(e);
}

static void test_start_trap(void) {
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_store *s = cwasi_store_new(e);
  cwasi_error err;
  cwasi_module *mod = LOAD(e, wasm_trapstart, &err);
  CHECK(mod != NULL);
  if (!mod) goto out;
  cwasi_memory *m = cwasi_memory_new(s, 1, 1);
  cwasi_extern ext = ext_memory(m);
  CHECK(cwasi_instance_new(s, mod, &ext, 1, &err) == NULL);
  CHECK(err.status == CWASI_ERR_TRAP && err.trap == CWASI_TRAP_UNREACHABLE);
  CHECK(memcmp(cwasi_memory_data(m), "ok", 2) == 0); /* data applied before start */
  cwasi_module_delete(mod);
out:
  cwasi_store_delete(s);
  cwasi_engine_delete(e);
}

static void test_host_trap(void) {
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_store *s = cwasi_store_new(e);
  cwasi_error err;
  cwasi_func *f = cwasi_func_new(s, NULL, 0, NULL, 0, host_trap, NULL);
  CHECK(cwasi_func_call(s, f, NULL, 0, NULL, 0, &err) == CWASI_ERR_TRAP);
  CHECK(err.trap == CWASI_TRAP_HOST && strstr(err.message, "host said no") != NULL);
  cwasi_store_delete(s);
  cwasi_engine_delete(e);
}

/* ---- linker ---- */

static void test_linker(void) {
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_store *s = cwasi_store_new(e);
  cwasi_linker *l = cwasi_linker_new(s);
  cwasi_error err;
  cwasi_module *mod = LOAD(e, wasm_main, &err);
  cwasi_module *cmod = LOAD(e, wasm_consts, &err);
  CHECK(mod != NULL && cmod != NULL);
  if (!mod || !cmod) goto out;

  CHECK(cwasi_linker_instantiate(l, mod, &err) == NULL);
  CHECK(err.status == CWASI_ERR_LINK &&
        strcmp(err.message, "unknown import \"env\" \"host\"") == 0);

  /* Names are compared with their lengths: "host\0" is not "host". */
  host_env h = {s, 0, false};
  cwasi_func *wrong = cwasi_func_new(s, NULL, 0, NULL, 0, host_nop, NULL);
  cwasi_func *right = cwasi_func_new(s, i32_1, 1, i32_1, 1, host_double, &h);
  CHECK(cwasi_linker_define(l, "env", 3, "host\0", 5, ext_func(right)) == CWASI_OK);
  CHECK(cwasi_linker_instantiate(l, mod, &err) == NULL && err.status == CWASI_ERR_LINK);
  CHECK(cwasi_linker_define(l, "env", 3, "host", 4, ext_func(wrong)) == CWASI_OK);
  CHECK(cwasi_linker_instantiate(l, mod, &err) == NULL);
  CHECK(err.status == CWASI_ERR_LINK && starts_with(err.message, "incompatible import type"));
  /* A later definition replaces the earlier one. */
  CHECK(cwasi_linker_define(l, "env", 3, "host", 4, ext_func(right)) == CWASI_OK);
  cwasi_instance *inst = cwasi_linker_instantiate(l, mod, &err);
  CHECK(inst != NULL);
  CHECK(cwasi_linker_define(l, "env", 3, "x", 1, (cwasi_extern){CWASI_EXTERN_FUNC, {NULL}}) ==
        CWASI_ERR_ARG);

  /* Registering an instance makes its exports importable. */
  if (inst) {
    CHECK(cwasi_linker_define_instance(l, "main", 4, inst) == CWASI_OK);
    cwasi_linker *l2 = cwasi_linker_new(s);
    cwasi_extern g;
    CHECK(cwasi_instance_export(inst, "g", 1, &g));
    cwasi_global *gi = cwasi_global_new(s, CWASI_I32, false, v_i32(1));
    CHECK(cwasi_linker_define(l2, "env", 3, "gi", 2, ext_global(gi)) == CWASI_OK);
    CHECK(cwasi_linker_instantiate(l2, cmod, &err) != NULL);
    cwasi_linker_delete(l2);
    /* "main"."g" is a mutable i32, but consts wants env.gi immutable. */
    CHECK(cwasi_linker_define(l, "env", 3, "gi", 2, g) == CWASI_OK);
    CHECK(cwasi_linker_instantiate(l, cmod, &err) == NULL && err.status == CWASI_ERR_LINK);
  }
out:
  cwasi_module_delete(mod);
  cwasi_module_delete(cmod);
  cwasi_linker_delete(l);
  cwasi_store_delete(s);
  cwasi_engine_delete(e);
}

/* True if s holds no control byte (C0, DEL, ESC) and no C1 CSI: one line
 * that a terminal prints as it is. */
static bool printable_line(const char *s) {
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)) return false;
  return true;
}

/* Import and export names are the module's: they reach messages escaped. */
static void test_hostile_names(void) {
  /* e<LF><ESC>[31m and f<CR>"\<NUL><U+009B> */
#define EVIL_MOD 0x07, 'e', '\n', 0x1b, '[', '3', '1', 'm'
#define EVIL_NAME 0x07, 'f', '\r', '"', '\\', 0x00, 0xc2, 0x9b
  static const uint8_t imports[] = {0,    'a', 's', 'm', 1,  0, 0,        0,         1, 4, 1,
                                    0x60, 0,   0,   2,   19, 1, EVIL_MOD, EVIL_NAME, 0, 0};
  static const uint8_t dup_exports[] = {0,    'a', 's',       'm', 1, 0,  0, 0, 1,  4, 1,
                                        0x60, 0,   0,         3,   2, 1,  0, 7, 21, 2, EVIL_NAME,
                                        0,    0,   EVIL_NAME, 0,   0, 10, 4, 1, 2,  0, 0x0b};
  static const uint8_t bad_export[] = {0, 'a', 's', 'm', 1, 0, 0, 0, 7, 11, 1, EVIL_NAME, 0, 5};
  const char *escaped_mod = "\"e\\n\\x1b[31m\"";
  const char *escaped_name = "\"f\\r\\\"\\\\\\x00\\u{009b}\"";
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_store *s = cwasi_store_new(e);
  cwasi_linker *l = cwasi_linker_new(s);
  cwasi_error err;

  cwasi_module *mod = LOAD(e, imports, &err);
  CHECK(mod != NULL);
  if (mod) {
    CHECK(cwasi_linker_instantiate(l, mod, &err) == NULL && err.status == CWASI_ERR_LINK);
    CHECK(printable_line(err.message));
    CHECK(strstr(err.message, escaped_mod) && strstr(err.message, escaped_name));
    cwasi_func *wrong = cwasi_func_new(s, i32_1, 1, NULL, 0, host_nop, NULL);
    const char mname[] = {'e', '\n', 0x1b, '[', '3', '1', 'm'};
    const char fname[] = {'f', '\r', '"', '\\', 0, (char)0xc2, (char)0x9b};
    CHECK(cwasi_linker_define(l, mname, sizeof mname, fname, sizeof fname, ext_func(wrong)) ==
          CWASI_OK);
    CHECK(cwasi_linker_instantiate(l, mod, &err) == NULL && err.status == CWASI_ERR_LINK);
    CHECK(starts_with(err.message, "incompatible import type") && printable_line(err.message));
    CHECK(strstr(err.message, escaped_mod) && strstr(err.message, escaped_name));
    cwasi_extern none = {CWASI_EXTERN_FUNC, {NULL}};
    CHECK(cwasi_instance_new(s, mod, &none, 1, &err) == NULL && printable_line(err.message));
    CHECK(strstr(err.message, escaped_name) != NULL);
    cwasi_module_delete(mod);
  }
  CHECK(LOAD(e, dup_exports, &err) == NULL);
  CHECK(starts_with(err.message, "duplicate export name") && printable_line(err.message));
  CHECK(strstr(err.message, escaped_name) != NULL);
  CHECK(LOAD(e, bad_export, &err) == NULL);
  CHECK(strstr(err.message, "unknown function 5") && printable_line(err.message));
  CHECK(strstr(err.message, escaped_name) != NULL);

  /* Bidirectional overrides are escaped; a long name is cut with "...". */
  char buf[24];
  CHECK(strcmp(cw_escape_name(buf, sizeof buf,
                              "a\xe2\x80\xae"
                              "b",
                              5),
               "a\\u{202e}b") == 0);
  CHECK(strcmp(cw_escape_name(buf, sizeof buf, "\xff\xfe", 2), "\\xff\\xfe") == 0);
  char longname[100];
  memset(longname, 'x', sizeof longname);
  cw_escape_name(buf, sizeof buf, longname, sizeof longname);
  CHECK(strlen(buf) == sizeof buf - 1 && strcmp(buf + sizeof buf - 4, "...") == 0);
  CHECK(strcmp(cw_escape_name(buf, sizeof buf, "plain name", 10), "plain name") == 0);
#undef EVIL_MOD
#undef EVIL_NAME
  cwasi_linker_delete(l);
  cwasi_store_delete(s);
  cwasi_engine_delete(e);
}

int main(void) {
  RUN(test_engine_defaults);
  RUN(test_val_slots);
  RUN(test_memory);
  RUN(test_table);
  RUN(test_global);
  RUN(test_host_func_and_types);
  RUN(test_module_errors);
  RUN(test_import_checks);
  RUN(test_data_segment_trap);
  RUN(test_elem_segment_trap);
  RUN(test_const_exprs);
  RUN(test_main_module);
  RUN(test_start_trap);
  RUN(test_host_trap);
  RUN(test_linker);
  RUN(test_hostile_names);
  return unit_report();
}
