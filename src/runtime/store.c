/* store.c — the store (owner of every runtime object), the function type
 * registry and the conversion between public values and slots. */
#include "interp/interp.h"
#include "runtime/rt_internal.h"

cwasi_store *cwasi_store_new(cwasi_engine *engine) {
  if (!engine) return NULL;
  cwasi_store *s = cw_calloc(1, sizeof *s);
  if (!s) return NULL;
  s->engine = engine;
  cwasi_store_limits_init(&s->limits);
  return s;
}

bool rt_objlist_push(cw_objlist *l, void *p) {
  if (l->count == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 16;
    void **items = cw_realloc_array(l->items, cap, sizeof *items);
    if (!items) return false;
    l->items = items;
    l->cap = cap;
  }
  l->items[l->count++] = p;
  return true;
}

static void objlist_free(cw_objlist *l, void (*free_item)(void *)) {
  for (size_t i = 0; i < l->count; i++)
    free_item(l->items[i]);
  cw_free(l->items);
  l->items = NULL;
  l->count = l->cap = 0;
}

static void free_func(void *p) { rt_func_free(p); }
static void free_memory(void *p) { rt_memory_free(p); }
static void free_table(void *p) { rt_table_free(p); }
static void free_global(void *p) { cw_free(p); }
static void free_instance(void *p) { rt_instance_free(p); }

void cwasi_store_delete(cwasi_store *store) {
  if (!store) return;
  rt_timer_stop(store);
  interp_store_free(store);
  /* Instances first: they only reference the other objects, and dropping
   * their module references may free translated code. */
  objlist_free(&store->instances, free_instance);
  objlist_free(&store->funcs, free_func);
  objlist_free(&store->memories, free_memory);
  objlist_free(&store->tables, free_table);
  objlist_free(&store->globals, free_global);
  for (uint32_t i = 0; i < store->types.count; i++)
    cw_free(store->types.types[i].types);
  cw_free(store->types.types);
  cw_free(store);
}

/* A linear search: modules have few distinct types, and interning happens
 * at instantiation, never on a call path. */
uint32_t rt_type_intern(cwasi_store *s, const cw_functype *t) {
  cw_typereg *r = &s->types;
  for (uint32_t i = 0; i < r->count; i++)
    if (cw_functype_equal(&r->types[i], t)) return i;
  if (r->count == UINT32_MAX - 1) return UINT32_MAX;
  if (r->count == r->cap) {
    uint32_t cap = r->cap ? r->cap * 2 : 16;
    cw_functype *types = cw_realloc_array(r->types, cap, sizeof *types);
    if (!types) return UINT32_MAX;
    r->types = types;
    r->cap = cap;
  }
  size_t n = (size_t)t->nparams + t->nresults;
  cw_valtype *copy = cw_malloc(n);
  if (!copy) return UINT32_MAX;
  if (n) memcpy(copy, t->types, n);
  r->types[r->count] = (cw_functype){t->nparams, t->nresults, copy};
  return r->count++;
}

void rt_val_to_slots(const cwasi_val *v, cw_slot *slots) {
  switch (v->type) {
  case CWASI_I32: slots[0] = (uint32_t)v->of.i32; break;
  case CWASI_I64: slots[0] = (uint64_t)v->of.i64; break;
  case CWASI_F32: slots[0] = cw_f32_bits(v->of.f32); break;
  case CWASI_F64: slots[0] = cw_f64_bits(v->of.f64); break;
  case CWASI_V128:
    memcpy(&slots[0], v->of.v128, 8);
    memcpy(&slots[1], v->of.v128 + 8, 8);
    break;
  case CWASI_FUNCREF: slots[0] = (uintptr_t)v->of.funcref; break;
  case CWASI_EXTERNREF: slots[0] = (uintptr_t)v->of.externref; break;
  default: slots[0] = 0; break;
  }
}

void rt_slots_to_val(cw_valtype t, const cw_slot *slots, cwasi_val *v) {
  memset(v, 0, sizeof *v);
  v->type = (cwasi_valtype)t;
  switch (t) {
  case CWASI_I32: v->of.i32 = (int32_t)(uint32_t)slots[0]; break;
  case CWASI_I64: v->of.i64 = (int64_t)slots[0]; break;
  case CWASI_F32: v->of.f32 = cw_bits_f32((uint32_t)slots[0]); break;
  case CWASI_F64: v->of.f64 = cw_bits_f64(slots[0]); break;
  case CWASI_V128:
    memcpy(v->of.v128, &slots[0], 8);
    memcpy(v->of.v128 + 8, &slots[1], 8);
    break;
  case CWASI_FUNCREF: v->of.funcref = (cwasi_func *)(uintptr_t)slots[0]; break;
  case CWASI_EXTERNREF: v->of.externref = (void *)(uintptr_t)slots[0]; break;
  default: break;
  }
}
