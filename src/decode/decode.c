/*
 * decode.c — binary module bytes → cw_module.
 *
 * Every section is read through a cw_reader bounded by that section (and
 * code entries by their own size), so no read can run past what the
 * section declared. Decode-specific failures are recorded in the reader
 * too (cw_reader_fail), so one place turns the first failure into the
 * caller's error message, prefixed by the section and entry.
 *
 * Non-constant instructions in constant expressions are a validation error
 * in the spec, not a format error: the decoder parses such an expression
 * to its end (an unknown opcode there is still malformed) and remembers the
 * first one, reporting it only if the rest of the module is well-formed, as
 * the spec's decode-then-validate order would.
 */
#include "decode/decode.h"

#include "decode/names.h"
#include "decode/opcodes.h"
#include "decode/reader.h"

/* Beyond the spec's u32 bound: a forged locals declaration of a few bytes
 * must not make us allocate gigabytes. 50000 is what engines commonly use. */
#define DECODE_MAX_FUNC_LOCALS 50000u
#define DECODE_MAX_MODULE_LOCALS (1u << 26)

enum { SEC_CUSTOM, SEC_TYPE, SEC_IMPORT, SEC_FUNCTION, SEC_TABLE, SEC_MEMORY, SEC_GLOBAL,
       SEC_EXPORT, SEC_START, SEC_ELEMENT, SEC_CODE, SEC_DATA, SEC_DATACOUNT, SEC__COUNT };

static const char *const section_names[SEC__COUNT] = {
    "custom", "type",    "import",  "function", "table", "memory",   "global",
    "export", "start",   "element", "code",     "data",  "datacount",
};

/* Position of each section id in the required order; datacount (12) sits
 * between element (9) and code (10). Custom sections may go anywhere. */
static const uint8_t section_rank[SEC__COUNT] = {
    [SEC_TYPE] = 1,    [SEC_IMPORT] = 2,   [SEC_FUNCTION] = 3,   [SEC_TABLE] = 4,
    [SEC_MEMORY] = 5,  [SEC_GLOBAL] = 6,   [SEC_EXPORT] = 7,     [SEC_START] = 8,
    [SEC_ELEMENT] = 9, [SEC_DATACOUNT] = 10, [SEC_CODE] = 11,   [SEC_DATA] = 12,
};

typedef struct dec {
  cw_module *m;
  int section;   /* id of the section being read, -1 outside sections */
  int64_t entry; /* entry within it, -1 when not inside one */
  bool nomem;
  bool spaces_built;
  bool have_code;
  uint32_t ndefined_funcs; /* from the function section */
  uint64_t total_locals;
  /* First non-constant constant expression, reported after decoding. */
  bool has_invalid;
  int inv_section;
  int64_t inv_entry;
  size_t inv_offset;
  const char *inv_msg;
} dec;

static bool fail_nomem(dec *d, cw_reader *r) {
  d->nomem = true;
  return cw_reader_fail(r, r->pos, "out of memory");
}

static void note_invalid(dec *d, size_t offset, const char *msg) {
  if (d->has_invalid) return;
  d->has_invalid = true;
  d->inv_section = d->section;
  d->inv_entry = d->entry;
  d->inv_offset = offset;
  d->inv_msg = msg;
}

/* A vector count. Every entry takes at least one byte, so a count larger
 * than what is left is refused before it can size an allocation. */
static bool read_count(cw_reader *r, uint32_t *n) {
  if (!cw_read_u32(r, n)) return false;
  if (*n > cw_reader_left(r)) return cw_reader_fail(r, r->end, "unexpected end");
  return true;
}

static bool read_name(dec *d, cw_reader *r, cw_name *out) {
  uint32_t len;
  const uint8_t *p;
  if (!cw_read_u32(r, &len)) return false;
  size_t at = r->pos;
  if (!cw_read_bytes(r, len, &p)) return false;
  if (!decode_utf8_valid(p, len)) return cw_reader_fail(r, at, "malformed UTF-8 encoding");
  out->data = cw_malloc((size_t)len + 1);
  if (!out->data) return fail_nomem(d, r);
  memcpy(out->data, p, len);
  out->data[len] = '\0';
  out->len = len;
  return true;
}

static bool read_valtype(cw_reader *r, cw_valtype *t) {
  uint8_t b;
  if (!cw_read_u8(r, &b)) return false;
  if (!cw_is_valtype(b)) return cw_reader_fail(r, r->pos - 1, "malformed value type");
  *t = b;
  return true;
}

static bool read_reftype(cw_reader *r, cw_valtype *t) {
  uint8_t b;
  if (!cw_read_u8(r, &b)) return false;
  if (!cw_is_reftype(b)) return cw_reader_fail(r, r->pos - 1, "malformed reference type");
  *t = b;
  return true;
}

static bool read_limits(cw_reader *r, cw_limits *lim) {
  uint64_t flag;
  /* The flag is a 1-bit LEB128: 0x02 is "integer too large" and 0x81 0x00
   * "integer representation too long", as the spec tests expect. */
  if (!cw_read_uleb(r, 1, &flag)) return false;
  lim->has_max = flag == 1;
  lim->max = 0;
  if (!cw_read_u32(r, &lim->min)) return false;
  return !lim->has_max || cw_read_u32(r, &lim->max);
}

static bool read_globaltype(cw_reader *r, cw_globaltype *g) {
  uint8_t mut;
  if (!read_valtype(r, &g->type) || !cw_read_u8(r, &mut)) return false;
  if (mut > 1) return cw_reader_fail(r, r->pos - 1, "malformed mutability");
  g->mut = mut == 1;
  return true;
}

static bool read_zero_byte(cw_reader *r) {
  uint8_t b;
  if (!cw_read_u8(r, &b)) return false;
  return b == 0 || cw_reader_fail(r, r->pos - 1, "zero byte expected");
}

/* Skips the immediates of op, checking their encoding. */
static bool skip_immediates(cw_reader *r, cw_opcode op) {
  uint32_t u;
  int64_t s;
  const uint8_t *p;
  cw_valtype t;
  switch (cw_opinfo_table[op].imm) {
  case CW_IMM_NONE: return true;
  case CW_IMM_BLOCKTYPE: return cw_read_s33(r, &s);
  case CW_IMM_LABEL:
  case CW_IMM_FUNC:
  case CW_IMM_LOCAL:
  case CW_IMM_GLOBAL:
  case CW_IMM_TABLE:
  case CW_IMM_DATA:
  case CW_IMM_ELEM: return cw_read_u32(r, &u);
  case CW_IMM_CALL_INDIRECT:
  case CW_IMM_MEMARG:
  case CW_IMM_ELEM_TABLE:
  case CW_IMM_TABLE_TABLE: return cw_read_u32(r, &u) && cw_read_u32(r, &u);
  case CW_IMM_BR_TABLE: {
    uint32_t n;
    if (!cw_read_u32(r, &n)) return false;
    for (uint64_t i = 0; i <= n; i++)
      if (!cw_read_u32(r, &u)) return false;
    return true;
  }
  case CW_IMM_MEMIDX: return read_zero_byte(r);
  case CW_IMM_I32: return cw_read_sleb(r, 32, &s);
  case CW_IMM_I64: return cw_read_s64(r, &s);
  case CW_IMM_F32: return cw_read_bytes(r, 4, &p);
  case CW_IMM_F64: return cw_read_bytes(r, 8, &p);
  case CW_IMM_SELECT_T: {
    uint32_t n;
    if (!cw_read_u32(r, &n)) return false;
    for (uint32_t i = 0; i < n; i++)
      if (!read_valtype(r, &t)) return false;
    return true;
  }
  case CW_IMM_REFTYPE: return read_reftype(r, &t);
  case CW_IMM_DATA_MEM: return cw_read_u32(r, &u) && read_zero_byte(r);
  case CW_IMM_MEM_MEM: return read_zero_byte(r) && read_zero_byte(r);
  case CW_IMM_V128:
  case CW_IMM_SHUFFLE: return cw_read_bytes(r, 16, &p);
  case CW_IMM_LANE: return cw_read_bytes(r, 1, &p);
  case CW_IMM_MEMARG_LANE: return cw_read_u32(r, &u) && cw_read_u32(r, &u) && cw_read_bytes(r, 1, &p);
  }
  return cw_reader_fail(r, r->pos, "illegal opcode");
}

/* Reads instructions up to and including the `end` that closes the
 * expression, only checking that they are well-formed. */
static bool skip_expr(cw_reader *r) {
  uint32_t depth = 0;
  for (;;) {
    cw_opcode op;
    if (!cw_read_opcode(r, &op) || !skip_immediates(r, op)) return false;
    if (op == CW_OP_BLOCK || op == CW_OP_LOOP || op == CW_OP_IF) {
      depth++;
    } else if (op == CW_OP_END) {
      if (depth == 0) return true;
      depth--;
    }
  }
}

static bool is_ext_const_opcode(uint8_t b) {
  return b == 0x6A || b == 0x6B || b == 0x6C || b == 0x7C || b == 0x7D || b == 0x7E;
}

/* Reads one instruction of a constant expression into ce. One that is not
 * constant leaves ce->op = 0 and r->pos at its start. */
static bool read_const_instr(cw_reader *r, cw_constexpr *ce) {
  memset(ce, 0, sizeof *ce);
  ce->offset = r->pos;
  uint8_t b;
  if (!cw_read_u8(r, &b)) return false;
  ce->op = b;
  switch (b) {
  case 0x41: {
    int32_t v;
    if (!cw_read_s32(r, &v)) return false;
    ce->bits[0] = (uint32_t)v;
    return true;
  }
  case 0x42: {
    int64_t v;
    if (!cw_read_s64(r, &v)) return false;
    ce->bits[0] = (uint64_t)v;
    return true;
  }
  case 0x43: {
    uint32_t v;
    if (!cw_read_f32(r, &v)) return false;
    ce->bits[0] = v;
    return true;
  }
  case 0x44: return cw_read_f64(r, &ce->bits[0]);
  case 0xD0: {
    cw_valtype t;
    if (!read_reftype(r, &t)) return false;
    ce->index = t;
    return true;
  }
  case 0xD2:
  case 0x23: return cw_read_u32(r, &ce->index);
  case 0xFD: {
    uint32_t sub;
    const uint8_t *p;
    if (!cw_read_u32(r, &sub)) return false;
    if (sub != 12) return cw_reader_fail(r, ce->offset, "illegal opcode");
    if (!cw_read_bytes(r, 16, &p)) return false;
    for (int i = 7; i >= 0; i--) {
      ce->bits[0] = ce->bits[0] << 8 | p[i];
      ce->bits[1] = ce->bits[1] << 8 | p[i + 8];
    }
    return true;
  }
  default:
    if (is_ext_const_opcode(b)) return true;
    ce->op = 0;
    r->pos = ce->offset;
    return true;
  }
}

/* A non-constant instruction at `at`: the expression is skipped and the
 * module noted invalid. */
static bool not_constant(dec *d, cw_reader *r, size_t at) {
  r->pos = at;
  if (!skip_expr(r)) return false;
  note_invalid(d, at, "constant expression required");
  return true;
}

static bool read_constexpr(dec *d, cw_reader *r, cw_constexpr *ce) {
  memset(ce, 0, sizeof *ce);
  ce->offset = r->pos;
  uint8_t b;
  if (!cw_read_u8(r, &b)) return false;
  if (b == 0x0B) { /* empty: no value where one is needed */
    note_invalid(d, ce->offset, "type mismatch");
    return true;
  }
  r->pos = ce->offset;
  if (!read_const_instr(r, ce)) return false;
  if (ce->op == 0) return not_constant(d, r, ce->offset);
  size_t next = r->pos;
  if (!cw_read_u8(r, &b)) return false;
  if (b == 0x0B) return true;
  r->pos = next;
  /* More than one instruction (an extended constant expression): kept as
   * a sequence; the validator types it. */
  uint32_t n = 1, cap = 4;
  cw_constexpr *seq = cw_calloc(cap, sizeof *seq);
  if (!seq) return fail_nomem(d, r);
  seq[0] = *ce;
  for (;;) {
    size_t at = r->pos;
    if (!cw_read_u8(r, &b)) goto fail;
    if (b == 0x0B) break;
    r->pos = at;
    if (n == cap) {
      cw_constexpr *grown = cw_realloc_array(seq, (size_t)cap * 2, sizeof *seq);
      if (!grown) {
        cw_free(seq);
        return fail_nomem(d, r);
      }
      seq = grown;
      cap *= 2;
    }
    if (!read_const_instr(r, &seq[n])) goto fail;
    if (seq[n].op == 0) {
      cw_free(seq);
      return not_constant(d, r, at);
    }
    n++;
  }
  ce->op = CW_CONST_SEQ;
  ce->seq = seq;
  ce->nseq = n;
  return true;
fail:
  cw_free(seq);
  return false;
}

/* ---- sections ---- */

static bool sec_type(dec *d, cw_reader *r) {
  cw_module *m = d->m;
  uint32_t n;
  if (!read_count(r, &n)) return false;
  m->types = cw_calloc(n, sizeof *m->types);
  if (!m->types) return fail_nomem(d, r);
  m->ntypes = n;
  for (uint32_t i = 0; i < n; i++) {
    cw_functype *ft = &m->types[i];
    uint8_t form;
    uint32_t np, nr;
    d->entry = i;
    if (!cw_read_u8(r, &form)) return false;
    if (form != 0x60) {
      /* The form is a one-byte signed LEB128 in the spec's grammar. */
      return cw_reader_fail(r, r->pos - 1, (form & 0x80) ? "integer representation too long"
                                                         : "malformed function type");
    }
    if (!read_count(r, &np)) return false;
    ft->types = cw_malloc(np);
    if (!ft->types) return fail_nomem(d, r);
    for (uint32_t k = 0; k < np; k++)
      if (!read_valtype(r, &ft->types[k])) return false;
    ft->nparams = np;
    if (!read_count(r, &nr)) return false;
    cw_valtype *all = cw_realloc_array(ft->types, (size_t)np + nr, 1);
    if (!all) return fail_nomem(d, r);
    ft->types = all;
    for (uint32_t k = 0; k < nr; k++)
      if (!read_valtype(r, &ft->types[np + k])) return false;
    ft->nresults = nr;
  }
  return true;
}

static bool sec_import(dec *d, cw_reader *r) {
  cw_module *m = d->m;
  uint32_t n;
  if (!read_count(r, &n)) return false;
  m->imports = cw_calloc(n, sizeof *m->imports);
  if (!m->imports) return fail_nomem(d, r);
  m->nimports = n;
  for (uint32_t i = 0; i < n; i++) {
    cw_import *im = &m->imports[i];
    uint8_t kind;
    d->entry = i;
    if (!read_name(d, r, &im->module) || !read_name(d, r, &im->name)) return false;
    if (!cw_read_u8(r, &kind)) return false;
    switch (kind) {
    case CW_EXTERN_FUNC:
      if (!cw_read_u32(r, &im->desc.func_type)) return false;
      m->nimported_funcs++;
      break;
    case CW_EXTERN_TABLE:
      if (!read_reftype(r, &im->desc.table.elemtype) || !read_limits(r, &im->desc.table.limits))
        return false;
      m->nimported_tables++;
      break;
    case CW_EXTERN_MEMORY:
      if (!read_limits(r, &im->desc.mem.limits)) return false;
      m->nimported_mems++;
      break;
    case CW_EXTERN_GLOBAL:
      if (!read_globaltype(r, &im->desc.global)) return false;
      m->nimported_globals++;
      break;
    default: return cw_reader_fail(r, r->pos - 1, "malformed import kind");
    }
    im->kind = (cw_externkind)kind;
  }
  return true;
}

/* Lays out the imported part of each index space; definitions are
 * appended by their sections. */
static bool build_spaces(dec *d, cw_reader *r) {
  cw_module *m = d->m;
  d->spaces_built = true;
  m->func_types = cw_calloc(m->nimported_funcs, sizeof *m->func_types);
  m->tables = cw_calloc(m->nimported_tables, sizeof *m->tables);
  m->mems = cw_calloc(m->nimported_mems, sizeof *m->mems);
  m->globals = cw_calloc(m->nimported_globals, sizeof *m->globals);
  if (!m->func_types || !m->tables || !m->mems || !m->globals) return fail_nomem(d, r);
  for (uint32_t i = 0; i < m->nimports; i++) {
    const cw_import *im = &m->imports[i];
    switch (im->kind) {
    case CW_EXTERN_FUNC: m->func_types[m->nfuncs++] = im->desc.func_type; break;
    case CW_EXTERN_TABLE: m->tables[m->ntables++] = im->desc.table; break;
    case CW_EXTERN_MEMORY: m->mems[m->nmems++] = im->desc.mem; break;
    case CW_EXTERN_GLOBAL: m->globals[m->nglobals++] = im->desc.global; break;
    }
  }
  return true;
}

/* Grows an index-space array by n entries; *count is the current size. */
static bool grow(dec *d, cw_reader *r, void **arr, uint32_t count, uint32_t n, size_t size) {
  if (n > UINT32_MAX - count) return cw_reader_fail(r, r->pos, "too many definitions");
  void *p = cw_realloc_array(*arr, (size_t)count + n, size);
  if (!p) return fail_nomem(d, r);
  *arr = p;
  return true;
}

static bool sec_function(dec *d, cw_reader *r) {
  cw_module *m = d->m;
  uint32_t n;
  if (!read_count(r, &n)) return false;
  if (!grow(d, r, (void **)&m->func_types, m->nfuncs, n, sizeof *m->func_types)) return false;
  d->ndefined_funcs = n;
  for (uint32_t i = 0; i < n; i++) {
    d->entry = i;
    if (!cw_read_u32(r, &m->func_types[m->nfuncs])) return false;
    m->nfuncs++;
  }
  return true;
}

static bool sec_table(dec *d, cw_reader *r) {
  cw_module *m = d->m;
  uint32_t n;
  if (!read_count(r, &n)) return false;
  if (!grow(d, r, (void **)&m->tables, m->ntables, n, sizeof *m->tables)) return false;
  for (uint32_t i = 0; i < n; i++) {
    cw_tabletype *t = &m->tables[m->ntables];
    d->entry = i;
    if (!read_reftype(r, &t->elemtype) || !read_limits(r, &t->limits)) return false;
    m->ntables++;
  }
  return true;
}

static bool sec_memory(dec *d, cw_reader *r) {
  cw_module *m = d->m;
  uint32_t n;
  if (!read_count(r, &n)) return false;
  if (!grow(d, r, (void **)&m->mems, m->nmems, n, sizeof *m->mems)) return false;
  for (uint32_t i = 0; i < n; i++) {
    d->entry = i;
    if (!read_limits(r, &m->mems[m->nmems].limits)) return false;
    m->nmems++;
  }
  return true;
}

static bool sec_global(dec *d, cw_reader *r) {
  cw_module *m = d->m;
  uint32_t n;
  if (!read_count(r, &n)) return false;
  if (!grow(d, r, (void **)&m->globals, m->nglobals, n, sizeof *m->globals)) return false;
  m->global_inits = cw_calloc(n, sizeof *m->global_inits);
  if (!m->global_inits) return fail_nomem(d, r);
  for (uint32_t i = 0; i < n; i++) {
    d->entry = i;
    if (!read_globaltype(r, &m->globals[m->nglobals])) return false;
    if (!read_constexpr(d, r, &m->global_inits[i])) return false;
    m->nglobals++;
  }
  return true;
}

static bool sec_export(dec *d, cw_reader *r) {
  cw_module *m = d->m;
  uint32_t n;
  if (!read_count(r, &n)) return false;
  m->exports = cw_calloc(n, sizeof *m->exports);
  if (!m->exports) return fail_nomem(d, r);
  m->nexports = n;
  for (uint32_t i = 0; i < n; i++) {
    cw_export *ex = &m->exports[i];
    uint8_t kind;
    d->entry = i;
    if (!read_name(d, r, &ex->name) || !cw_read_u8(r, &kind)) return false;
    if (kind > CW_EXTERN_GLOBAL) return cw_reader_fail(r, r->pos - 1, "malformed export kind");
    ex->kind = (cw_externkind)kind;
    if (!cw_read_u32(r, &ex->index)) return false;
  }
  return true;
}

static bool sec_start(dec *d, cw_reader *r) {
  d->m->has_start = true;
  return cw_read_u32(r, &d->m->start);
}

/*
 * Element segments, flags 0..7: bit 0 passive/declarative (vs active),
 * bit 1 explicit table index (active) or declarative (otherwise), bit 2
 * items are expressions (vs function indices). Forms other than 0 and 4
 * name their type: an elemkind byte for index lists, a reftype otherwise.
 */
static bool read_elem(dec *d, cw_reader *r, cw_elem *e) {
  uint32_t flags;
  e->offset_in_module = r->pos;
  if (!cw_read_u32(r, &flags)) return false;
  if (flags > 7) return cw_reader_fail(r, e->offset_in_module, "malformed elements segment kind");
  bool exprs = flags & 4;
  e->type = CWASI_FUNCREF;
  if (!(flags & 1)) {
    e->mode = CW_SEG_ACTIVE;
    if ((flags & 2) && !cw_read_u32(r, &e->table)) return false;
    if (!read_constexpr(d, r, &e->offset)) return false;
  } else {
    e->mode = (flags & 2) ? CW_SEG_DECLARATIVE : CW_SEG_PASSIVE;
  }
  if (flags & 3) {
    if (exprs) {
      if (!read_reftype(r, &e->type)) return false;
    } else {
      uint8_t kind;
      if (!cw_read_u8(r, &kind)) return false;
      if (kind != 0x00) return cw_reader_fail(r, r->pos - 1, "malformed element kind");
    }
  }
  uint32_t n;
  if (!read_count(r, &n)) return false;
  e->items = cw_calloc(n, sizeof *e->items);
  if (!e->items) return fail_nomem(d, r);
  e->count = n;
  for (uint32_t i = 0; i < n; i++) {
    cw_constexpr *it = &e->items[i];
    if (exprs) {
      if (!read_constexpr(d, r, it)) return false;
    } else {
      it->op = 0xD2; /* ref.func */
      it->offset = r->pos;
      if (!cw_read_u32(r, &it->index)) return false;
    }
  }
  return true;
}

static bool sec_element(dec *d, cw_reader *r) {
  cw_module *m = d->m;
  uint32_t n;
  if (!read_count(r, &n)) return false;
  m->elems = cw_calloc(n, sizeof *m->elems);
  if (!m->elems) return fail_nomem(d, r);
  m->nelems = n;
  for (uint32_t i = 0; i < n; i++) {
    d->entry = i;
    if (!read_elem(d, r, &m->elems[i])) return false;
  }
  return true;
}

static bool sec_datacount(dec *d, cw_reader *r) {
  d->m->has_datacount = true;
  return cw_read_u32(r, &d->m->datacount);
}

/* Reads the locals declaration twice: once to check it and size the
 * array, once to fill it. */
static bool read_locals(dec *d, cw_reader *r, cw_func *f) {
  uint32_t runs;
  uint64_t total = 0;
  if (!read_count(r, &runs)) return false;
  size_t runs_at = r->pos;
  for (uint32_t k = 0; k < runs; k++) {
    size_t at = r->pos;
    uint32_t n;
    cw_valtype t;
    if (!cw_read_u32(r, &n) || !read_valtype(r, &t)) return false;
    total += n;
    if (total > DECODE_MAX_FUNC_LOCALS ||
        d->total_locals + total > DECODE_MAX_MODULE_LOCALS)
      return cw_reader_fail(r, at, "too many locals");
  }
  d->total_locals += total;
  f->locals = cw_malloc((size_t)total);
  if (!f->locals) return fail_nomem(d, r);
  f->nlocals = (uint32_t)total;
  r->pos = runs_at;
  size_t i = 0;
  for (uint32_t k = 0; k < runs; k++) {
    uint32_t n;
    cw_valtype t;
    cw_read_u32(r, &n);
    read_valtype(r, &t);
    memset(f->locals + i, t, n);
    i += n;
  }
  return true;
}

static bool sec_code(dec *d, cw_reader *r) {
  cw_module *m = d->m;
  uint32_t n;
  size_t count_at = r->pos;
  d->have_code = true;
  if (!read_count(r, &n)) return false;
  if (n != d->ndefined_funcs)
    return cw_reader_fail(r, count_at, "function and code section have inconsistent lengths");
  m->funcs = cw_calloc(n, sizeof *m->funcs);
  if (!m->funcs) return fail_nomem(d, r);
  for (uint32_t i = 0; i < n; i++) {
    cw_func *f = &m->funcs[i];
    uint32_t size;
    d->entry = i;
    f->entry_offset = r->pos;
    f->type = m->func_types[m->nimported_funcs + i];
    if (!cw_read_u32(r, &size)) return false;
    if (size > cw_reader_left(r)) return cw_reader_fail(r, r->end, "unexpected end");
    size_t section_end = r->end;
    size_t entry_end = r->pos + size;
    r->end = entry_end; /* the entry bounds every read of it */
    bool ok = read_locals(d, r, f);
    r->end = section_end;
    if (!ok) return false;
    f->body_offset = r->pos;
    f->body_end = entry_end;
    /* The body's last instruction must be `end`; whether that 0x0B really
     * is an opcode (and not an immediate) is for the validator to see. */
    if (f->body_offset == entry_end || m->bytes[entry_end - 1] != 0x0B)
      return cw_reader_fail(r, entry_end, "END opcode expected");
    r->pos = entry_end;
  }
  return true;
}

static bool read_data(dec *d, cw_reader *r, cw_data *s) {
  uint32_t flags;
  const uint8_t *p;
  s->offset_in_module = r->pos;
  if (!cw_read_u32(r, &flags)) return false;
  switch (flags) {
  case 0: s->mode = CW_SEG_ACTIVE; break;
  case 1: s->mode = CW_SEG_PASSIVE; break;
  case 2:
    s->mode = CW_SEG_ACTIVE;
    if (!cw_read_u32(r, &s->memory)) return false;
    break;
  default: return cw_reader_fail(r, s->offset_in_module, "malformed data segment kind");
  }
  if (s->mode == CW_SEG_ACTIVE && !read_constexpr(d, r, &s->offset)) return false;
  if (!cw_read_u32(r, &s->len)) return false;
  s->init_offset = r->pos;
  return cw_read_bytes(r, s->len, &p);
}

static bool sec_data(dec *d, cw_reader *r) {
  cw_module *m = d->m;
  uint32_t n;
  size_t count_at = r->pos;
  if (!read_count(r, &n)) return false;
  if (m->has_datacount && n != m->datacount)
    return cw_reader_fail(r, count_at, "data count and data section have inconsistent lengths");
  m->datas = cw_calloc(n, sizeof *m->datas);
  if (!m->datas) return fail_nomem(d, r);
  m->ndatas = n;
  for (uint32_t i = 0; i < n; i++) {
    d->entry = i;
    if (!read_data(d, r, &m->datas[i])) return false;
  }
  return true;
}

static bool sec_custom(dec *d, cw_reader *r) {
  cw_module *m = d->m;
  cw_name name;
  if (!read_name(d, r, &name)) return false;
  cw_custom *c = cw_realloc_array(m->customs, (size_t)m->ncustoms + 1, sizeof *c);
  if (!c) {
    cw_free(name.data);
    return fail_nomem(d, r);
  }
  m->customs = c;
  c = &m->customs[m->ncustoms++];
  c->name = name;
  c->data_offset = r->pos;
  c->data_len = cw_reader_left(r);
  r->pos = r->end;
  return true;
}

static bool read_section(dec *d, int id, cw_reader *r) {
  switch (id) {
  case SEC_CUSTOM: return sec_custom(d, r);
  case SEC_TYPE: return sec_type(d, r);
  case SEC_IMPORT: return sec_import(d, r);
  case SEC_FUNCTION: return sec_function(d, r);
  case SEC_TABLE: return sec_table(d, r);
  case SEC_MEMORY: return sec_memory(d, r);
  case SEC_GLOBAL: return sec_global(d, r);
  case SEC_EXPORT: return sec_export(d, r);
  case SEC_START: return sec_start(d, r);
  case SEC_ELEMENT: return sec_element(d, r);
  case SEC_CODE: return sec_code(d, r);
  case SEC_DATA: return sec_data(d, r);
  case SEC_DATACOUNT: return sec_datacount(d, r);
  }
  return false;
}

/* ---- driver ---- */

static cwasi_status report(cwasi_error *err, cwasi_status status, int section, int64_t entry,
                           size_t offset, const char *msg) {
  if (section < 0)
    return cw_error(err, status, offset, "%s", msg);
  if (entry < 0)
    return cw_error(err, status, offset, "section %d (%s): %s", section, section_names[section],
                    msg);
  return cw_error(err, status, offset, "section %d (%s), entry %lld: %s", section,
                  section_names[section], (long long)entry, msg);
}

static cwasi_status reader_error(const dec *d, const cw_reader *r, cwasi_error *err) {
  const char *msg = r->err_msg ? r->err_msg : "malformed";
  /* Inside a section the spec says "unexpected end of section or
   * function"; it starts with the plain "unexpected end" it uses elsewhere. */
  if (d->section >= 0 && strcmp(msg, "unexpected end") == 0)
    msg = "unexpected end of section or function";
  return report(err, d->nomem ? CWASI_ERR_NOMEM : CWASI_ERR_MALFORMED, d->section, d->entry,
                r->err_offset, msg);
}

static cwasi_status decode_sections(dec *d, cwasi_error *err) {
  cw_module *m = d->m;
  cw_reader top;
  uint8_t last_rank = 0;
  size_t data_end_offset = m->len;

  cw_reader_init(&top, m->bytes, 0, m->len);
  if (m->len < 4) return report(err, CWASI_ERR_MALFORMED, -1, -1, m->len, "unexpected end");
  if (memcmp(m->bytes, "\0asm", 4) != 0)
    return report(err, CWASI_ERR_MALFORMED, -1, -1, 0, "magic header not detected");
  if (m->len < 8) return report(err, CWASI_ERR_MALFORMED, -1, -1, m->len, "unexpected end");
  if (memcmp(m->bytes + 4, "\1\0\0\0", 4) != 0)
    return report(err, CWASI_ERR_MALFORMED, -1, -1, 4, "unknown binary version");
  top.pos = 8;

  while (!cw_reader_eof(&top)) {
    size_t start = top.pos;
    uint8_t id;
    uint32_t size;
    d->section = -1;
    d->entry = -1;
    cw_read_u8(&top, &id);
    if (id >= SEC__COUNT)
      return report(err, CWASI_ERR_MALFORMED, -1, -1, start, "malformed section id");
    d->section = id;
    if (!cw_read_u32(&top, &size)) return reader_error(d, &top, err);
    if (size > cw_reader_left(&top))
      return report(err, CWASI_ERR_MALFORMED, id, -1, start + 1, "length out of bounds");
    if (id != SEC_CUSTOM) {
      if (section_rank[id] <= last_rank)
        return report(err, CWASI_ERR_MALFORMED, id, -1, start,
                      "unexpected content after last section");
      last_rank = section_rank[id];
    }
    cw_reader r;
    cw_reader_init(&r, m->bytes, top.pos, top.pos + size);
    top.pos += size;
    if (id > SEC_IMPORT && id != SEC_CUSTOM && !d->spaces_built && !build_spaces(d, &r))
      return reader_error(d, &r, err);
    if (!read_section(d, id, &r)) return reader_error(d, &r, err);
    d->entry = -1;
    if (!cw_reader_eof(&r))
      return report(err, CWASI_ERR_MALFORMED, id, -1, r.pos, "section size mismatch");
  }
  d->section = -1;
  d->entry = -1;
  if (!d->spaces_built && !build_spaces(d, &top)) return reader_error(d, &top, err);
  if (!d->have_code && d->ndefined_funcs != 0)
    return report(err, CWASI_ERR_MALFORMED, -1, -1, data_end_offset,
                  "function and code section have inconsistent lengths");
  if (m->has_datacount && m->datacount != m->ndatas)
    return report(err, CWASI_ERR_MALFORMED, -1, -1, data_end_offset,
                  "data count and data section have inconsistent lengths");
  return CWASI_OK;
}

cwasi_status decode_module(const uint8_t *bytes, size_t len, cw_module **out, cwasi_error *err) {
  dec d = {.section = -1, .entry = -1};
  cwasi_status st;
  *out = NULL;
  cw_module *m = cw_calloc(1, sizeof *m);
  if (!m) return cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory");
  d.m = m;
  m->bytes = cw_malloc(len);
  if (!m->bytes) {
    cw_free(m);
    return cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory");
  }
  if (len) memcpy(m->bytes, bytes, len);
  m->len = len;

  st = decode_sections(&d, err);
  if (st == CWASI_OK) {
    m->func_names = cw_calloc(m->nfuncs, sizeof *m->func_names);
    if (!m->func_names) {
      st = cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory");
    } else {
      for (uint32_t i = 0; i < m->ncustoms; i++) {
        const cw_custom *c = &m->customs[i];
        if (c->name.len == 4 && memcmp(c->name.data, "name", 4) == 0) {
          if (!decode_name_section(m, c->data_offset, c->data_len))
            st = cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory");
          break; /* only the first one counts */
        }
      }
    }
  }
  if (st == CWASI_OK && d.has_invalid)
    st = report(err, CWASI_ERR_INVALID, d.inv_section, d.inv_entry, d.inv_offset, d.inv_msg);
  if (st != CWASI_OK) {
    decode_module_free(m);
    return st;
  }
  *out = m;
  return CWASI_OK;
}

static void free_name(cw_name *n) { cw_free(n->data); }

void decode_module_free(cw_module *m) {
  if (!m) return;
  for (uint32_t i = 0; i < m->ntypes; i++) cw_free(m->types[i].types);
  cw_free(m->types);
  for (uint32_t i = 0; i < m->nimports; i++) {
    free_name(&m->imports[i].module);
    free_name(&m->imports[i].name);
  }
  cw_free(m->imports);
  cw_free(m->func_types);
  cw_free(m->tables);
  cw_free(m->mems);
  cw_free(m->globals);
  if (m->funcs)
    for (uint32_t i = 0; i < m->nfuncs - m->nimported_funcs; i++) cw_free(m->funcs[i].locals);
  cw_free(m->funcs);
  if (m->global_inits)
    for (uint32_t i = 0; i < m->nglobals - m->nimported_globals; i++)
      cw_free(m->global_inits[i].seq);
  cw_free(m->global_inits);
  for (uint32_t i = 0; i < m->nexports; i++) free_name(&m->exports[i].name);
  cw_free(m->exports);
  for (uint32_t i = 0; i < m->nelems; i++) {
    cw_free(m->elems[i].offset.seq);
    if (m->elems[i].items)
      for (uint32_t j = 0; j < m->elems[i].count; j++) cw_free(m->elems[i].items[j].seq);
    cw_free(m->elems[i].items);
  }
  cw_free(m->elems);
  if (m->datas)
    for (uint32_t i = 0; i < m->ndatas; i++) cw_free(m->datas[i].offset.seq);
  cw_free(m->datas);
  for (uint32_t i = 0; i < m->ncustoms; i++) free_name(&m->customs[i].name);
  cw_free(m->customs);
  if (m->func_names)
    for (uint32_t i = 0; i < m->nfuncs; i++) cw_free(m->func_names[i]);
  cw_free(m->func_names);
  cw_free(m->module_name);
  cw_free(m->bytes);
  cw_free(m);
}
