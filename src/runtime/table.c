/* table.c — tables of references, held in slot form (0 = null). */
#include "runtime/rt_internal.h"

cwasi_table *rt_table_new(cwasi_store *s, cw_valtype elemtype, const cw_limits *lim, cw_slot init) {
  uint32_t max = lim->has_max ? lim->max : UINT32_MAX;
  if (lim->min > max || lim->min > RT_TABLE_MAX_ENTRIES) return NULL;
  if (lim->min > s->limits.max_table_elements) return NULL;
  cwasi_table *t = cw_calloc(1, sizeof *t);
  if (!t) return NULL;
  t->elems = cw_calloc(lim->min, sizeof *t->elems);
  if (!t->elems) {
    cw_free(t);
    return NULL;
  }
  for (uint32_t i = 0; i < lim->min; i++)
    t->elems[i] = init;
  t->store = s;
  t->elemtype = elemtype;
  t->size = t->cap = lim->min;
  t->max = max;
  t->has_max = lim->has_max;
  if (!rt_objlist_push(&s->tables, t)) {
    rt_table_free(t);
    return NULL;
  }
  return t;
}

void rt_table_free(cwasi_table *t) {
  if (!t) return;
  cw_free(t->elems);
  cw_free(t);
}

int64_t rt_table_grow(cwasi_table *t, uint32_t delta, cw_slot init) {
  uint32_t old = t->size;
  uint64_t size = (uint64_t)old + delta;
  if (size > t->max || size > RT_TABLE_MAX_ENTRIES) return -1;
  if (size > t->store->limits.max_table_elements) return -1;
  if (size > t->cap) {
    uint64_t cap = (uint64_t)t->cap * 2;
    if (cap < size) cap = size;
    if (cap > t->max) cap = t->max;
    if (cap > RT_TABLE_MAX_ENTRIES) cap = RT_TABLE_MAX_ENTRIES;
    cw_slot *elems = cw_realloc_array(t->elems, (size_t)cap, sizeof *elems);
    if (!elems) return -1;
    t->elems = elems;
    t->cap = (uint32_t)cap;
  }
  for (uint64_t i = old; i < size; i++)
    t->elems[i] = init;
  t->size = (uint32_t)size;
  return old;
}

/* The public API takes typed values: they must be references of the
 * table's element type. */
static bool ref_of_type(cw_valtype elemtype, const cwasi_val *v) {
  return cw_is_reftype(elemtype) && (cw_valtype)v->type == elemtype;
}

cwasi_table *cwasi_table_new(cwasi_store *store, cwasi_valtype elemtype, uint32_t min, uint32_t max,
                             cwasi_val init) {
  if (!store || !ref_of_type((cw_valtype)elemtype, &init)) return NULL;
  cw_limits lim = {min, max == CWASI_NO_MAX ? 0 : max, max != CWASI_NO_MAX};
  cw_slot slot;
  rt_val_to_slots(&init, &slot);
  return rt_table_new(store, (cw_valtype)elemtype, &lim, slot);
}

uint32_t cwasi_table_size(const cwasi_table *table) { return table->size; }

bool cwasi_table_get(const cwasi_table *table, uint32_t i, cwasi_val *out) {
  if (i >= table->size) return false;
  rt_slots_to_val(table->elemtype, &table->elems[i], out);
  return true;
}

bool cwasi_table_set(cwasi_table *table, uint32_t i, cwasi_val val) {
  if (i >= table->size || !ref_of_type(table->elemtype, &val)) return false;
  rt_val_to_slots(&val, &table->elems[i]);
  return true;
}

int64_t cwasi_table_grow(cwasi_table *table, uint32_t delta, cwasi_val init) {
  if (!ref_of_type(table->elemtype, &init)) return -1;
  cw_slot slot;
  rt_val_to_slots(&init, &slot);
  return rt_table_grow(table, delta, slot);
}
