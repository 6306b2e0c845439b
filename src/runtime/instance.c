/*
 * instance.c — instantiation (the spec's "instantiate" algorithm, Wasm
 * 2.0) and exports.
 *
 * Order, as the spec gives it: check every import against its declared
 * type; allocate the instance (functions, tables, memories, globals, with
 * globals and element items evaluated); apply active element segments,
 * then active data segments, in order, dropping each (and declarative
 * element segments); finally call the start function. A trap part-way
 * leaves earlier segments' writes in place, and the instance stays owned
 * by the store since other instances may already see its effects.
 */
#include "interp/interp.h"
#include "runtime/rt_internal.h"

#include <stdio.h>

static const char *kind_name(cw_externkind k) {
  switch (k) {
  case CW_EXTERN_FUNC: return "func";
  case CW_EXTERN_TABLE: return "table";
  case CW_EXTERN_MEMORY: return "memory";
  case CW_EXTERN_GLOBAL: return "global";
  }
  return "?";
}

/* "(i32 i64) -> (f32)", for link error messages. */
static void format_functype(const cw_functype *t, char *buf, size_t len) {
  size_t pos = 0;
  buf[0] = '\0';
  for (uint32_t i = 0; i <= t->nparams + t->nresults; i++) {
    const char *sep = i == 0 ? "(" : "";
    if (i == t->nparams)
      sep = i == 0 ? "() -> (" : ") -> (";
    else if (i > 0)
      sep = " ";
    const char *name = i < t->nparams + t->nresults ? cw_valtype_name(t->types[i]) : ")";
    if (i == t->nparams + t->nresults && i != t->nparams) sep = "";
    int w = snprintf(buf + pos, len - pos, "%s%s", sep, name);
    if (w < 0 || (size_t)w >= len - pos) break;
    pos += (size_t)w;
  }
}

static void format_limits(const char *what, uint32_t min, bool has_max, uint32_t max, char *buf,
                          size_t len) {
  if (has_max)
    snprintf(buf, len, "%s {min %u, max %u}", what, min, max);
  else
    snprintf(buf, len, "%s {min %u, no max}", what, min);
}

/* Import subtyping on limits: the actual object must promise at least what
 * the import declares. */
static bool limits_match(uint32_t min, bool has_max, uint32_t max, const cw_limits *want) {
  if (min < want->min) return false;
  if (want->has_max && (!has_max || max > want->max)) return false;
  return true;
}

static cwasi_status link_error(cwasi_error *err, const cw_import *im, const char *expected,
                               const char *got) {
  char mod[CW_NAME_BUF], name[CW_NAME_BUF];
  return cw_error(err, CWASI_ERR_LINK, SIZE_MAX,
                  "incompatible import type for \"%s\" \"%s\": expected %s, got %s",
                  cw_escape_name(mod, sizeof mod, im->module.data, im->module.len),
                  cw_escape_name(name, sizeof name, im->name.data, im->name.len), expected, got);
}

static cwasi_status check_import(const cw_module *m, const cw_import *im, const cwasi_extern *ext,
                                 cwasi_error *err) {
  char want[160], got[160];
  if ((cw_externkind)ext->kind != im->kind) {
    snprintf(want, sizeof want, "%s", kind_name(im->kind));
    snprintf(got, sizeof got, "%s", kind_name((cw_externkind)ext->kind));
    return link_error(err, im, want, got);
  }
  /* All union members are pointers: checking one checks the extern. */
  if (!ext->of.func) {
    char mod[CW_NAME_BUF], name[CW_NAME_BUF];
    return cw_error(err, CWASI_ERR_ARG, SIZE_MAX, "import \"%s\" \"%s\" is NULL",
                    cw_escape_name(mod, sizeof mod, im->module.data, im->module.len),
                    cw_escape_name(name, sizeof name, im->name.data, im->name.len));
  }
  switch (im->kind) {
  case CW_EXTERN_FUNC: {
    const cw_functype *t = &m->types[im->desc.func_type];
    if (cw_functype_equal(ext->of.func->type, t)) return CWASI_OK;
    format_functype(t, want, sizeof want);
    format_functype(ext->of.func->type, got, sizeof got);
    return link_error(err, im, want, got);
  }
  case CW_EXTERN_TABLE: {
    const cw_tabletype *t = &im->desc.table;
    const cwasi_table *tab = ext->of.table;
    if (tab->elemtype == t->elemtype && limits_match(tab->size, tab->has_max, tab->max, &t->limits))
      return CWASI_OK;
    format_limits(cw_valtype_name(t->elemtype), t->limits.min, t->limits.has_max, t->limits.max,
                  want, sizeof want);
    format_limits(cw_valtype_name(tab->elemtype), tab->size, tab->has_max, tab->max, got,
                  sizeof got);
    return link_error(err, im, want, got);
  }
  case CW_EXTERN_MEMORY: {
    const cw_limits *l = &im->desc.mem.limits;
    const cwasi_memory *mem = ext->of.memory;
    if (limits_match(mem->pages, mem->has_max, mem->max_pages, l)) return CWASI_OK;
    format_limits("memory", l->min, l->has_max, l->max, want, sizeof want);
    format_limits("memory", mem->pages, mem->has_max, mem->max_pages, got, sizeof got);
    return link_error(err, im, want, got);
  }
  case CW_EXTERN_GLOBAL: {
    const cw_globaltype *t = &im->desc.global;
    const cwasi_global *g = ext->of.global;
    if (g->type == t->type && g->mut == t->mut) return CWASI_OK;
    snprintf(want, sizeof want, "%s%s", t->mut ? "mut " : "", cw_valtype_name(t->type));
    snprintf(got, sizeof got, "%s%s", g->mut ? "mut " : "", cw_valtype_name(g->type));
    return link_error(err, im, want, got);
  }
  }
  return link_error(err, im, "a known kind", "an unknown one");
}

void rt_instance_free(cwasi_instance *inst) {
  if (!inst) return;
  if (inst->elem_items) {
    for (uint32_t i = 0; i < inst->module->m->nelems; i++)
      cw_free(inst->elem_items[i]);
  }
  cw_free(inst->elem_items);
  cw_free(inst->elem_len);
  cw_free(inst->data_len);
  cw_free(inst->funcs);
  cw_free(inst->tables);
  cw_free(inst->mems);
  cw_free(inst->globals);
  cw_free(inst->type_ids);
  rt_module_release(inst->module);
  cw_free(inst);
}

/* Evaluates a constant expression. Only globals[0 .. nglobals) exist yet:
 * the validator allows reading imported globals only, but a bad index must
 * not crash us whatever it let through. */
static bool eval_const_seq(const cwasi_instance *inst, uint32_t nglobals, const cw_constexpr *e,
                           cw_slot out[2]);

static bool eval_const(const cwasi_instance *inst, uint32_t nglobals, const cw_constexpr *e,
                       cw_slot out[2]) {
  const cw_module *m = inst->module->m;
  out[0] = out[1] = 0;
  switch (e->op) {
  case 0x41: out[0] = (uint32_t)e->bits[0]; return true;
  case 0x42:
  case 0x43:
  case 0x44: out[0] = e->bits[0]; return true;
  case 0xFD:
    out[0] = e->bits[0];
    out[1] = e->bits[1];
    return true;
  case 0xD0: return true;
  case 0xD2:
    if (e->index >= m->nfuncs) return false;
    out[0] = (uintptr_t)inst->funcs[e->index];
    return true;
  case 0x23:
    if (e->index >= nglobals || !inst->globals[e->index]) return false;
    out[0] = inst->globals[e->index]->val[0];
    out[1] = inst->globals[e->index]->val[1];
    return true;
  case CW_CONST_SEQ: return eval_const_seq(inst, nglobals, e, out);
  }
  return false;
}

/* An extended constant expression: a stack machine over i32/i64 add, sub,
 * mul (wrapping) and the single instructions. The validator typed it; the
 * checks here only keep a bad expression from crashing us. */
static bool eval_const_seq(const cwasi_instance *inst, uint32_t nglobals, const cw_constexpr *e,
                           cw_slot out[2]) {
  cw_slot(*stack)[2] = cw_calloc(e->nseq, sizeof *stack);
  if (!stack) return false;
  uint32_t h = 0;
  bool ok = true;
  for (uint32_t i = 0; i < e->nseq && ok; i++) {
    const cw_constexpr *in = &e->seq[i];
    uint8_t op = in->op;
    if ((op >= 0x6A && op <= 0x6C) || (op >= 0x7C && op <= 0x7E)) {
      if (h < 2) {
        ok = false;
        break;
      }
      uint64_t a = stack[h - 2][0], b = stack[h - 1][0], r;
      switch (op) {
      case 0x6A: r = (uint32_t)((uint32_t)a + (uint32_t)b); break;
      case 0x6B: r = (uint32_t)((uint32_t)a - (uint32_t)b); break;
      case 0x6C: r = (uint32_t)((uint32_t)a * (uint32_t)b); break;
      case 0x7C: r = a + b; break;
      case 0x7D: r = a - b; break;
      default: r = a * b; break;
      }
      h--;
      stack[h - 1][0] = r;
      stack[h - 1][1] = 0;
    } else {
      ok = op != CW_CONST_SEQ && eval_const(inst, nglobals, in, stack[h]);
      h++;
    }
  }
  ok = ok && h == 1;
  if (ok) {
    out[0] = stack[0][0];
    out[1] = stack[0][1];
  }
  cw_free(stack);
  return ok;
}

static cwasi_status bad_const(cwasi_error *err, const cw_constexpr *e) {
  return cw_error(err, CWASI_ERR_INVALID, e->offset, "unsupported constant expression");
}

static cwasi_status nomem(cwasi_error *err, const char *what) {
  return cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory allocating %s", what);
}

/* Step 2: everything the instance holds, before any segment is applied. */
static cwasi_status allocate(cwasi_instance *inst, const cwasi_extern *imports, cwasi_error *err) {
  cwasi_store *s = inst->store;
  cwasi_module *mod = inst->module;
  const cw_module *m = mod->m;
  inst->funcs = cw_calloc(m->nfuncs, sizeof *inst->funcs);
  inst->tables = cw_calloc(m->ntables, sizeof *inst->tables);
  inst->mems = cw_calloc(m->nmems, sizeof *inst->mems);
  inst->globals = cw_calloc(m->nglobals, sizeof *inst->globals);
  inst->type_ids = cw_calloc(m->ntypes, sizeof *inst->type_ids);
  inst->elem_items = cw_calloc(m->nelems, sizeof *inst->elem_items);
  inst->elem_len = cw_calloc(m->nelems, sizeof *inst->elem_len);
  inst->data_len = cw_calloc(m->ndatas, sizeof *inst->data_len);
  if (!inst->funcs || !inst->tables || !inst->mems || !inst->globals || !inst->type_ids ||
      !inst->elem_items || !inst->elem_len || !inst->data_len)
    return nomem(err, "an instance");

  for (uint32_t i = 0; i < m->ntypes; i++) {
    inst->type_ids[i] = rt_type_intern(s, &m->types[i]);
    if (inst->type_ids[i] == UINT32_MAX) return nomem(err, "a function type");
  }

  /* Imports fill the front of each index space, in order of appearance. */
  uint32_t nf = 0, nt = 0, nm = 0, ng = 0;
  for (uint32_t i = 0; i < m->nimports; i++) {
    switch (m->imports[i].kind) {
    case CW_EXTERN_FUNC: inst->funcs[nf++] = imports[i].of.func; break;
    case CW_EXTERN_TABLE: inst->tables[nt++] = imports[i].of.table; break;
    case CW_EXTERN_MEMORY: inst->mems[nm++] = imports[i].of.memory; break;
    case CW_EXTERN_GLOBAL: inst->globals[ng++] = imports[i].of.global; break;
    }
  }

  for (uint32_t i = m->nimported_funcs; i < m->nfuncs; i++) {
    cwasi_func *f = rt_func_new(s, inst->type_ids[m->func_types[i]]);
    if (!f) return nomem(err, "a function");
    f->inst = inst;
    f->func_index = i;
    f->code = &mod->code[i - m->nimported_funcs];
    f->entry = interp_lazy_entry; /* translates on the first call */
    inst->funcs[i] = f;
  }

  for (uint32_t i = m->nimported_tables; i < m->ntables; i++) {
    const cw_tabletype *tt = &m->tables[i];
    inst->tables[i] = rt_table_new(s, tt->elemtype, &tt->limits, 0);
    if (inst->tables[i]) continue;
    if (tt->limits.min > s->limits.max_table_elements)
      return cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX,
                      "table %u: minimum of %u elements exceeds the store's limit of %llu", i,
                      tt->limits.min, (unsigned long long)s->limits.max_table_elements);
    if (tt->limits.min > RT_TABLE_MAX_ENTRIES)
      return cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX,
                      "table %u: %u entries is beyond this runtime's limit of %u", i,
                      tt->limits.min, RT_TABLE_MAX_ENTRIES);
    return nomem(err, "a table");
  }

  for (uint32_t i = m->nimported_mems; i < m->nmems; i++) {
    inst->mems[i] = rt_memory_new(s, &m->mems[i].limits);
    uint64_t min_bytes = (uint64_t)m->mems[i].limits.min * CWASI_PAGE_SIZE;
    if (!inst->mems[i] && min_bytes > s->limits.max_memory_bytes)
      return cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX,
                      "memory %u: minimum of %u pages (%llu bytes) exceeds the store's limit of "
                      "%llu bytes",
                      i, m->mems[i].limits.min, (unsigned long long)min_bytes,
                      (unsigned long long)s->limits.max_memory_bytes);
    if (!inst->mems[i])
      return cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "memory %u: cannot allocate %u pages", i,
                      m->mems[i].limits.min);
  }

  for (uint32_t i = m->nimported_globals; i < m->nglobals; i++) {
    const cw_constexpr *e = &m->global_inits[i - m->nimported_globals];
    cw_slot val[2];
    if (!eval_const(inst, i, e, val)) return bad_const(err, e);
    inst->globals[i] = rt_global_new(s, m->globals[i].type, m->globals[i].mut, val);
    if (!inst->globals[i]) return nomem(err, "a global");
  }

  for (uint32_t i = 0; i < m->nelems; i++) {
    const cw_elem *el = &m->elems[i];
    inst->elem_items[i] = cw_calloc(el->count, sizeof(cw_slot));
    if (!inst->elem_items[i]) return nomem(err, "an element segment");
    for (uint32_t j = 0; j < el->count; j++) {
      cw_slot val[2];
      if (!eval_const(inst, m->nglobals, &el->items[j], val)) return bad_const(err, &el->items[j]);
      inst->elem_items[i][j] = val[0];
    }
    inst->elem_len[i] = el->count;
  }

  for (uint32_t i = 0; i < m->ndatas; i++)
    inst->data_len[i] = m->datas[i].len;
  return CWASI_OK;
}

/* Step 3: active segments, applied as table.init / memory.init would. */
static cwasi_status apply_segments(cwasi_instance *inst, cwasi_error *err) {
  const cw_module *m = inst->module->m;
  for (uint32_t i = 0; i < m->nelems; i++) {
    const cw_elem *el = &m->elems[i];
    if (el->mode == CW_SEG_PASSIVE) continue;
    if (el->mode == CW_SEG_ACTIVE) {
      cw_slot off[2];
      if (el->table >= m->ntables) return bad_const(err, &el->offset);
      if (!eval_const(inst, m->nglobals, &el->offset, off)) return bad_const(err, &el->offset);
      cwasi_table *t = inst->tables[el->table];
      uint32_t n = inst->elem_len[i];
      if ((uint64_t)(uint32_t)off[0] + n > t->size) return cw_trap(err, CWASI_TRAP_TABLE_OOB, NULL);
      if (n) memcpy(t->elems + (uint32_t)off[0], inst->elem_items[i], n * sizeof(cw_slot));
    }
    inst->elem_len[i] = 0; /* elem.drop; the buffer stays until the instance goes */
  }
  for (uint32_t i = 0; i < m->ndatas; i++) {
    const cw_data *d = &m->datas[i];
    if (d->mode != CW_SEG_ACTIVE) continue;
    cw_slot off[2];
    if (d->memory >= m->nmems) return bad_const(err, &d->offset);
    if (!eval_const(inst, m->nglobals, &d->offset, off)) return bad_const(err, &d->offset);
    cwasi_memory *mem = inst->mems[d->memory];
    if ((uint64_t)(uint32_t)off[0] + d->len > mem->size)
      return cw_trap(err, CWASI_TRAP_MEMORY_OOB, NULL);
    if (d->len) memcpy(mem->data + (uint32_t)off[0], m->bytes + d->init_offset, d->len);
    inst->data_len[i] = 0;
  }
  return CWASI_OK;
}

cwasi_instance *cwasi_instance_new(cwasi_store *store, cwasi_module *module,
                                   const cwasi_extern *imports, size_t nimports, cwasi_error *err) {
  if (!store || !module) {
    cw_error(err, CWASI_ERR_ARG, SIZE_MAX, "store or module is NULL");
    return NULL;
  }
  /* The module's code carries the checks its engine asked for: the store
   * must expect the same, or fuel and interrupts would go unnoticed. */
  const cwasi_config *mc = &module->engine->config, *sc = &store->engine->config;
  if (mc->consume_fuel != sc->consume_fuel || mc->interruptible != sc->interruptible) {
    cw_error(err, CWASI_ERR_ARG, SIZE_MAX,
             "the module's engine and the store's differ in consume_fuel or interruptible");
    return NULL;
  }
  const cw_module *m = module->m;
  if (nimports != m->nimports || (nimports && !imports)) {
    cw_error(err, CWASI_ERR_ARG, SIZE_MAX, "the module has %u imports, %zu were given", m->nimports,
             imports ? nimports : 0);
    return NULL;
  }
  for (uint32_t i = 0; i < m->nimports; i++)
    if (check_import(m, &m->imports[i], &imports[i], err) != CWASI_OK) return NULL;

  cwasi_instance *inst = cw_calloc(1, sizeof *inst);
  if (!inst || !rt_objlist_push(&store->instances, inst)) {
    cw_free(inst);
    nomem(err, "an instance");
    return NULL;
  }
  inst->store = store;
  inst->module = module;
  module->refcount++;

  if (allocate(inst, imports, err) != CWASI_OK) return NULL;
  if (apply_segments(inst, err) != CWASI_OK) return NULL;
  if (m->has_start) {
    cw_slot none[2] = {0, 0};
    if (interp_call(store, inst->funcs[m->start], none, err) != CWASI_OK) return NULL;
  }
  cw_error_clear(err);
  return inst;
}

bool cwasi_instance_export(cwasi_instance *inst, const char *name, size_t name_len,
                           cwasi_extern *out) {
  if (!inst || (!name && name_len)) return false;
  const cw_module *m = inst->module->m;
  for (uint32_t i = 0; i < m->nexports; i++) {
    const cw_export *ex = &m->exports[i];
    if (ex->name.len != name_len || (name_len && memcmp(ex->name.data, name, name_len) != 0))
      continue;
    cwasi_extern e;
    e.kind = (cwasi_externkind)ex->kind;
    switch (ex->kind) {
    case CW_EXTERN_FUNC: e.of.func = inst->funcs[ex->index]; break;
    case CW_EXTERN_TABLE: e.of.table = inst->tables[ex->index]; break;
    case CW_EXTERN_MEMORY: e.of.memory = inst->mems[ex->index]; break;
    case CW_EXTERN_GLOBAL: e.of.global = inst->globals[ex->index]; break;
    }
    if (out) *out = e;
    return true;
  }
  return false;
}

const char *cwasi_instance_func_name(const cwasi_instance *inst, uint32_t func_index) {
  const cw_module *m = inst->module->m;
  if (!m->func_names || func_index >= m->nfuncs) return NULL;
  return m->func_names[func_index];
}
