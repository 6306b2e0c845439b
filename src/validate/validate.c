/*
 * validate.c — module-level validation (spec 2.0, section 3.4) and the
 * entry point that runs the body checker in code.c on every function.
 *
 * Order follows the spec's reference interpreter, so a module with several
 * problems reports the same one: function types, imports' and functions'
 * type indices, globals, tables, memories, element and data segments,
 * function bodies, the start function, exports.
 */
#include <inttypes.h>
#include <stdio.h>

#include "validate/internal.h"
#include "validate/validate.h"

#define MAX_PAGES 65536u

static bool fail(validate_ctx *c, size_t off, const char *fmt, ...) CW_PRINTF(3, 4);

static bool fail(validate_ctx *c, size_t off, const char *fmt, ...) {
  va_list ap;
  char msg[440];
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  c->status = CWASI_ERR_INVALID;
  /* The offset goes in err->offset only: whoever prints the message adds
   * it (the CLI's "offset 0x35: ..."), so it must not be in the text too. */
  cw_error(c->err, CWASI_ERR_INVALID, off, "%s", msg);
  return false;
}

static bool out_of_memory(validate_ctx *c) {
  c->status = CWASI_ERR_NOMEM;
  cw_error(c->err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory while validating");
  return false;
}

/* ---- C.refs ------------------------------------------------------------ */

static void mark_ref(validate_ctx *c, const cw_constexpr *e) {
  if (e->op == CW_CONST_SEQ)
    for (uint32_t i = 0; i < e->nseq; i++)
      mark_ref(c, &e->seq[i]);
  if (e->op == 0xD2 && e->index < c->m->nfuncs) c->refs[e->index] = 1;
}

/* C.refs: the functions that occur outside function bodies and the start
 * section (element segments, exports, global initialisers) are the only
 * ones a body may take a reference to with ref.func. */
static void collect_refs(validate_ctx *c) {
  const cw_module *m = c->m;
  for (uint32_t i = 0; i < m->nglobals - m->nimported_globals; i++)
    mark_ref(c, &m->global_inits[i]);
  for (uint32_t i = 0; i < m->nelems; i++) {
    mark_ref(c, &m->elems[i].offset);
    for (uint32_t j = 0; j < m->elems[i].count; j++)
      mark_ref(c, &m->elems[i].items[j]);
  }
  for (uint32_t i = 0; i < m->nexports; i++)
    if (m->exports[i].kind == CW_EXTERN_FUNC && m->exports[i].index < m->nfuncs)
      c->refs[m->exports[i].index] = 1;
}

/* ---- constant expressions --------------------------------------------- */

/* The type one instruction of a constant expression pushes (its operands
 * are checked by the caller), or 0 after a failure. Wasm 2.0 constant
 * expressions may read only imported immutable globals (in every constant
 * expression, not just global initialisers); 3.0's GC proposal widens that. */
static uint8_t const_instr_type(validate_ctx *c, const cw_constexpr *e, const char *what) {
  const cw_module *m = c->m;
  switch (e->op) {
  case 0x41:
  case 0x6A:
  case 0x6B:
  case 0x6C: return CWASI_I32;
  case 0x42:
  case 0x7C:
  case 0x7D:
  case 0x7E: return CWASI_I64;
  case 0x43: return CWASI_F32;
  case 0x44: return CWASI_F64;
  case 0xFD: return CWASI_V128;
  case 0xD0: return (uint8_t)e->index;
  case 0xD2:
    if (e->index >= m->nfuncs)
      return fail(c, e->offset, "%s: unknown function %" PRIu32, what, e->index), 0;
    return CWASI_FUNCREF;
  case 0x23:
    if (e->index >= m->nimported_globals)
      return fail(c, e->offset,
                  "%s: unknown global %" PRIu32
                  " (constant expressions may only read imported globals)",
                  what, e->index),
             0;
    if (m->globals[e->index].mut)
      return fail(c, e->offset, "%s: constant expression required (global %" PRIu32 " is mutable)",
                  what, e->index),
             0;
    return m->globals[e->index].type;
  default: return fail(c, e->offset, "%s: constant expression required", what), 0;
  }
}

/* Types an extended constant expression (a sequence) on a stack of types:
 * i32/i64 add, sub and mul pop two operands of their type. */
static uint8_t const_seq_type(validate_ctx *c, const cw_constexpr *e, const char *what) {
  uint8_t *stack = cw_calloc(e->nseq, 1);
  if (!stack) return out_of_memory(c), 0;
  uint32_t h = 0;
  uint8_t result = 0;
  for (uint32_t i = 0; i < e->nseq; i++) {
    const cw_constexpr *in = &e->seq[i];
    uint8_t t = const_instr_type(c, in, what);
    if (!t) goto done;
    bool binary = (in->op >= 0x6A && in->op <= 0x6C) || (in->op >= 0x7C && in->op <= 0x7E);
    if (binary) {
      if (h < 2 || stack[h - 1] != t || stack[h - 2] != t) {
        fail(c, in->offset, "%s: type mismatch: %s operands expected", what, cw_valtype_name(t));
        goto done;
      }
      h -= 2;
    }
    stack[h++] = t;
  }
  if (h != 1) {
    fail(c, e->offset, "%s: type mismatch: %" PRIu32 " values left, one expected", what, h);
    goto done;
  }
  result = stack[0];
done:
  cw_free(stack);
  return result;
}

static bool check_const(validate_ctx *c, const cw_constexpr *e, uint8_t want, const char *what) {
  uint8_t got;
  if (e->op == CW_CONST_SEQ)
    got = const_seq_type(c, e, what);
  else if ((e->op >= 0x6A && e->op <= 0x6C) || (e->op >= 0x7C && e->op <= 0x7E))
    got = (fail(c, e->offset, "%s: type mismatch: operands expected", what), 0);
  else
    got = const_instr_type(c, e, what);
  if (!got) return false;
  if (got != want)
    return fail(c, e->offset, "%s: type mismatch: expected %s, found %s", what,
                cw_valtype_name(want), cw_valtype_name(got));
  return true;
}

/* ---- module fields ---------------------------------------------------- */

static bool check_limits(validate_ctx *c, const cw_limits *l, bool memory, const char *what,
                         uint32_t idx) {
  if (memory && (l->min > MAX_PAGES || (l->has_max && l->max > MAX_PAGES)))
    return fail(c, SIZE_MAX, "%s %" PRIu32 ": memory size must be at most 65536 pages (4GiB)", what,
                idx);
  if (l->has_max && l->min > l->max)
    return fail(c, SIZE_MAX,
                "%s %" PRIu32 ": size minimum must not be greater than maximum (%" PRIu32
                " > %" PRIu32 ")",
                what, idx, l->min, l->max);
  return true;
}

static bool check_types_and_imports(validate_ctx *c) {
  const cw_module *m = c->m;
  for (uint32_t i = 0; i < m->nfuncs; i++)
    if (m->func_types[i] >= m->ntypes)
      return fail(c, SIZE_MAX, "func %" PRIu32 ": unknown type %" PRIu32, i, m->func_types[i]);
  return true;
}

static bool check_globals(validate_ctx *c) {
  const cw_module *m = c->m;
  char what[48];
  for (uint32_t i = m->nimported_globals; i < m->nglobals; i++) {
    snprintf(what, sizeof what, "global %" PRIu32, i);
    if (!check_const(c, &m->global_inits[i - m->nimported_globals], m->globals[i].type, what))
      return false;
  }
  return true;
}

static bool check_tables_and_memories(validate_ctx *c) {
  const cw_module *m = c->m;
  for (uint32_t i = 0; i < m->ntables; i++)
    if (!check_limits(c, &m->tables[i].limits, false, "table", i)) return false;
  for (uint32_t i = 0; i < m->nmems; i++)
    if (!check_limits(c, &m->mems[i].limits, true, "memory", i)) return false;
  if (m->nmems > 1) return fail(c, SIZE_MAX, "multiple memories (%" PRIu32 ")", m->nmems);
  return true;
}

static bool check_elems(validate_ctx *c) {
  const cw_module *m = c->m;
  char what[64];
  for (uint32_t i = 0; i < m->nelems; i++) {
    const cw_elem *e = &m->elems[i];
    for (uint32_t j = 0; j < e->count; j++) {
      snprintf(what, sizeof what, "elem %" PRIu32 " item %" PRIu32, i, j);
      if (!check_const(c, &e->items[j], e->type, what)) return false;
    }
    if (e->mode != CW_SEG_ACTIVE) continue;
    if (e->table >= m->ntables)
      return fail(c, e->offset_in_module, "elem %" PRIu32 ": unknown table %" PRIu32, i, e->table);
    if (m->tables[e->table].elemtype != e->type)
      return fail(c, e->offset_in_module,
                  "elem %" PRIu32 ": type mismatch: %s segment for a %s table", i,
                  cw_valtype_name(e->type), cw_valtype_name(m->tables[e->table].elemtype));
    snprintf(what, sizeof what, "elem %" PRIu32 " offset", i);
    if (!check_const(c, &e->offset, CWASI_I32, what)) return false;
  }
  return true;
}

static bool check_datas(validate_ctx *c) {
  const cw_module *m = c->m;
  char what[48];
  for (uint32_t i = 0; i < m->ndatas; i++) {
    const cw_data *d = &m->datas[i];
    if (d->mode != CW_SEG_ACTIVE) continue;
    if (d->memory >= m->nmems)
      return fail(c, d->offset_in_module, "data %" PRIu32 ": unknown memory %" PRIu32, i,
                  d->memory);
    snprintf(what, sizeof what, "data %" PRIu32 " offset", i);
    if (!check_const(c, &d->offset, CWASI_I32, what)) return false;
  }
  return true;
}

static bool check_start(validate_ctx *c) {
  const cw_module *m = c->m;
  if (!m->has_start) return true;
  if (m->start >= m->nfuncs)
    return fail(c, SIZE_MAX, "start function: unknown function %" PRIu32, m->start);
  const cw_functype *t = cw_module_func_type(m, m->start);
  if (t->nparams != 0 || t->nresults != 0)
    return fail(c, SIZE_MAX, "start function %" PRIu32 " must have type [] -> []", m->start);
  return true;
}

static uint32_t name_hash(const cw_name *n) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (uint32_t i = 0; i < n->len; i++)
    h = (h ^ (uint8_t)n->data[i]) * 16777619u;
  return h;
}

/* Export names must be unique: an open-addressing set of export indices,
 * so large modules are not quadratic. */
static bool check_exports(validate_ctx *c) {
  const cw_module *m = c->m;
  static const char *const kinds[] = {"function", "table", "memory", "global"};
  const uint32_t counts[] = {m->nfuncs, m->ntables, m->nmems, m->nglobals};
  for (uint32_t i = 0; i < m->nexports; i++) {
    const cw_export *x = &m->exports[i];
    if ((unsigned)x->kind > CW_EXTERN_GLOBAL)
      return fail(c, SIZE_MAX, "export %" PRIu32 ": bad kind", i);
    if (x->index >= counts[x->kind]) {
      char name[CW_NAME_BUF];
      return fail(c, SIZE_MAX, "export \"%s\": unknown %s %" PRIu32,
                  cw_escape_name(name, sizeof name, x->name.data, x->name.len), kinds[x->kind],
                  x->index);
    }
  }
  if (m->nexports < 2) return true;

  size_t cap = 4;
  while (cap < (size_t)m->nexports * 2)
    cap *= 2;
  uint32_t *slots = cw_realloc_array(NULL, cap, sizeof *slots);
  if (!slots) return out_of_memory(c);
  memset(slots, 0xFF, cap * sizeof *slots);
  bool ok = true;
  for (uint32_t i = 0; i < m->nexports && ok; i++) {
    const cw_name *n = &m->exports[i].name;
    size_t at = name_hash(n) & (cap - 1);
    for (; slots[at] != UINT32_MAX; at = (at + 1) & (cap - 1)) {
      const cw_name *o = &m->exports[slots[at]].name;
      if (o->len == n->len && (n->len == 0 || memcmp(o->data, n->data, n->len) == 0)) {
        char name[CW_NAME_BUF];
        ok = fail(c, SIZE_MAX, "duplicate export name \"%s\"",
                  cw_escape_name(name, sizeof name, n->data, n->len));
        break;
      }
    }
    slots[at] = i;
  }
  cw_free(slots);
  return ok;
}

static bool check_funcs(validate_ctx *c) {
  for (uint32_t i = c->m->nimported_funcs; i < c->m->nfuncs; i++) {
    c->next_func = i + 1; /* validate_code reads all of body i, even on failure */
    if (!validate_code(c, i)) return false;
  }
  return true;
}

/* After a typing error: a malformed body among those not read yet makes
 * the module malformed rather than invalid, as the spec decodes first. */
static void find_malformed(validate_ctx *c) {
  for (uint32_t i = c->next_func; i < c->m->nfuncs; i++)
    if (!validate_code_encoding(c, i)) return;
}

cwasi_status validate_module(const cw_module *m, cwasi_error *err) {
  validate_ctx c;
  memset(&c, 0, sizeof c);
  c.m = m;
  c.next_func = m->nimported_funcs;
  validate_init_opcodes(&c);
  c.err = err;
  c.refs = cw_calloc(m->nfuncs, 1);
  if (!c.refs) {
    out_of_memory(&c);
    return c.status;
  }
  collect_refs(&c);
  bool ok = check_types_and_imports(&c) && check_globals(&c) && check_tables_and_memories(&c) &&
            check_elems(&c) && check_datas(&c) && check_funcs(&c) && check_start(&c) &&
            check_exports(&c);
  if (!ok && c.status == CWASI_ERR_INVALID) find_malformed(&c);
  cw_free(c.refs);
  cw_free(c.vals);
  cw_free(c.ctrls);
  if (ok) return CWASI_OK;
  return c.status;
}
