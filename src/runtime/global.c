/* global.c — global instances, holding their value in slot form. */
#include "runtime/rt_internal.h"

cwasi_global *rt_global_new(cwasi_store *s, cw_valtype type, bool mut, const cw_slot val[2]) {
  cwasi_global *g = cw_calloc(1, sizeof *g);
  if (!g) return NULL;
  g->type = type;
  g->mut = mut;
  g->val[0] = val[0];
  g->val[1] = val[1];
  if (!rt_objlist_push(&s->globals, g)) {
    cw_free(g);
    return NULL;
  }
  return g;
}

cwasi_global *cwasi_global_new(cwasi_store *store, cwasi_valtype type, bool mutable_,
                               cwasi_val init) {
  if (!store || !cw_is_valtype((uint8_t)type) || init.type != type) return NULL;
  cw_slot val[2] = {0, 0};
  rt_val_to_slots(&init, val);
  return rt_global_new(store, (cw_valtype)type, mutable_, val);
}

cwasi_val cwasi_global_get(const cwasi_global *global) {
  cwasi_val v;
  rt_slots_to_val(global->type, global->val, &v);
  return v;
}

bool cwasi_global_set(cwasi_global *global, cwasi_val val) {
  if (!global->mut || (cw_valtype)val.type != global->type) return false;
  global->val[1] = 0;
  rt_val_to_slots(&val, global->val);
  return true;
}

cwasi_valtype cwasi_global_type(const cwasi_global *global) { return (cwasi_valtype)global->type; }

bool cwasi_global_mutable(const cwasi_global *global) { return global->mut; }
