/*
 * wat.c — text modules to binary modules (see wat.h).
 *
 * Pass 1 walks the module's fields once: it records where each one starts,
 * gives every definition its index (imports come first in the text, so
 * order of appearance is index order) and binds identifiers; then it
 * encodes the type definitions, which every type use needs. Pass 2 goes
 * back to each remaining field in text order and encodes it into its
 * section's buffer; implicit function types (type uses without a matching
 * definition) are appended to the type section as they are met, which is
 * the order the text format prescribes. The sections are then joined.
 */
#include "text/wat.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "cwasi.h"
#include "decode/opcodes.h"

enum { S_TYPE, S_FUNC, S_TABLE, S_MEM, S_GLOBAL, S_ELEM, S_DATA, S_TAG, S__N };
static const char *const space_name[S__N] = {"type",   "func", "table", "memory",
                                             "global", "elem", "data",  "tag"};

/* Identifier -> index, open addressing. Keys point into the text (or into
 * the arena for $"quoted" identifiers). */
typedef struct name_slot {
  const char *s;
  uint32_t len, idx;
} name_slot;

typedef struct name_map {
  name_slot *slots;
  uint32_t cap, count;
} name_map;

/* A position in the text: where a token starts. */
typedef struct mark {
  const char *s;
  uint32_t line, col;
} mark;

typedef struct field {
  mark at; /* the field's '(' */
} field;

/* An encoded value type: its bytes (a ref type with an index is longer). */
typedef struct vt {
  uint8_t n, b[7];
} vt;

typedef struct type_info {
  uint8_t kind; /* 0x60 func, 0x5F struct, 0x5E array */
  bool plain;   /* final, no supertypes, alone in its rec group: implicit uses may match */
  uint32_t nparams;
  size_t sig_off, sig_len; /* func: vec(params) vec(results) in sigs */
} type_info;

typedef struct label {
  const char *s;
  uint32_t len;
} label;

typedef struct parser {
  cw_lex lx;
  cw_tok t, t2; /* current token and, if has_t2, the one after */
  bool has_t2;
  cw_text_fail fail;
  cw_buf scratch; /* decoded strings */
  /* names */
  name_map names[S__N];
  uint32_t count[S__N];
  name_map locals, opnames;
  label *labels;
  uint32_t nlabels, labels_cap;
  char **arena; /* decoded $"..." identifiers */
  size_t narena;
  /* pass 1 */
  field *fields;
  size_t nfields, fields_cap;
  bool seen_def; /* a func/table/memory/global/tag definition: no import may follow */
  const char *def_kind;
  /* types */
  type_info *types;
  uint32_t ntypes, types_cap;
  cw_buf sigs;
  uint32_t type_entries; /* rec groups and singleton types in sec[1] */
  /* Plain function types by signature (type index + 1; 0 = empty slot), so
   * that a type use finds its type in constant time. Built at the first
   * type use, when every explicit type is known. */
  uint32_t *sig_slots;
  uint32_t sig_cap, sig_count;
  /* sections, by binary section id; 12 is data count, 13 tags */
  cw_buf sec[14];
  uint32_t nitems[14];
  bool has_start, uses_data_count;
  /* the function being encoded */
  cw_buf body;
  cw_buf *code; /* where instructions go: body, or a section for constant expressions */
  cw_buf park;  /* folded instructions' encoded op and immediates, waiting for operands */
  /* Temporary buffers (LIFO): owned here so that an error, which unwinds
   * past their users, cannot leak them. */
  cw_buf pool[16];
  uint32_t npool;
  name_map nobind; /* parameter names where none may be given */
  vt *local_types;
  uint32_t nlocal_types, local_types_cap;
} parser;

/* ---- errors and tokens ---- */

static _Noreturn void fail_at(parser *p, const cw_tok *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static _Noreturn void fail_at(parser *p, const cw_tok *t, const char *fmt, ...) {
  char msg[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  cw_lex_error_at(&p->lx, t->line, t->col, "%s", msg);
}

static _Noreturn void expected(parser *p, const char *what) {
  char found[64];
  cw_tok_describe(&p->t, found, sizeof found);
  fail_at(p, &p->t, "expected %s, found %s", what, found);
}

static void next(parser *p) {
  if (p->has_t2) {
    p->t = p->t2;
    p->has_t2 = false;
  } else {
    p->t = cw_lex_next(&p->lx);
  }
}

static const cw_tok *peek(parser *p) {
  if (!p->has_t2) {
    p->t2 = cw_lex_next(&p->lx);
    p->has_t2 = true;
  }
  return &p->t2;
}

static mark here(const parser *p) { return (mark){p->t.s, p->t.line, p->t.col}; }

static void go_to(parser *p, mark m) {
  p->lx.p = m.s;
  p->lx.line = m.line;
  p->lx.line_start = m.s - (m.col - 1);
  p->has_t2 = false;
  next(p);
}

static bool tok_is(const cw_tok *t, const char *kw) {
  size_t n = strlen(kw);
  return t->kind == CW_TOK_KEYWORD && t->len == n && memcmp(t->s, kw, n) == 0;
}

static bool is_kw(const parser *p, const char *kw) { return tok_is(&p->t, kw); }

/* Current token is '(' and the next is keyword kw. */
static bool at_field(parser *p, const char *kw) {
  return p->t.kind == CW_TOK_LPAR && tok_is(peek(p), kw);
}

static void expect_lpar(parser *p) {
  if (p->t.kind != CW_TOK_LPAR) expected(p, "'('");
  next(p);
}

static void expect_rpar(parser *p) {
  if (p->t.kind != CW_TOK_RPAR) expected(p, "')'");
  next(p);
}

static void expect_kw(parser *p, const char *kw) {
  if (!is_kw(p, kw)) {
    char what[64];
    snprintf(what, sizeof what, "'%s'", kw);
    expected(p, what);
  }
  next(p);
}

/* '(' kw, consumed. */
static void expect_field(parser *p, const char *kw) {
  expect_lpar(p);
  expect_kw(p, kw);
}

/* Skips the balanced parentheses of the field whose '(' is current. */
static void skip_group(parser *p) {
  int depth = 0;
  do {
    if (p->t.kind == CW_TOK_LPAR)
      depth++;
    else if (p->t.kind == CW_TOK_RPAR)
      depth--;
    else if (p->t.kind == CW_TOK_EOF)
      expected(p, "')'");
    next(p);
  } while (depth > 0);
}

/* ---- temporary buffers ---- */

static cw_buf *tmp_get(parser *p) {
  if (p->npool == sizeof p->pool / sizeof p->pool[0]) fail_at(p, &p->t, "nesting too deep");
  cw_buf *b = &p->pool[p->npool++];
  b->len = 0;
  b->failed = false;
  return b;
}

static void tmp_put(parser *p, cw_buf *b) {
  (void)b; /* always the last one taken */
  p->npool--;
}

/* ---- strings ---- */

/* Decodes the current string token into p->scratch (replacing it). */
static void string_tok(parser *p, bool utf8) {
  if (p->t.kind != CW_TOK_STRING) expected(p, "a string");
  p->scratch.len = 0;
  cw_lex_string(&p->lx, &p->t, &p->scratch);
  if (utf8 && !cw_utf8_valid(p->scratch.p, p->scratch.len))
    fail_at(p, &p->t, "malformed UTF-8 encoding");
  next(p);
}

/* A name: emitted as vec(byte) into out. */
static void name(parser *p, cw_buf *out) {
  string_tok(p, true);
  cw_buf_vec(out, p->scratch.p, p->scratch.len);
}

/* ---- identifiers ---- */

static uint32_t hash(const char *s, uint32_t n) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < n; i++)
    h = (h ^ (uint8_t)s[i]) * 16777619u;
  return h;
}

static name_slot *map_find(name_map *m, const char *s, uint32_t n) {
  if (!m->cap) return NULL;
  for (uint32_t i = hash(s, n) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
    name_slot *sl = &m->slots[i];
    if (!sl->s) return sl;
    if (sl->len == n && memcmp(sl->s, s, n) == 0) return sl;
  }
}

static bool map_get(name_map *m, const char *s, uint32_t n, uint32_t *idx) {
  name_slot *sl = map_find(m, s, n);
  if (!sl || !sl->s) return false;
  *idx = sl->idx;
  return true;
}

static void map_clear(name_map *m) {
  if (m->count) memset(m->slots, 0, m->cap * sizeof *m->slots);
  m->count = 0;
}

/* False if the name is already bound. */
static bool map_put(parser *p, name_map *m, const char *s, uint32_t n, uint32_t idx) {
  if ((m->count + 1) * 2 > m->cap) {
    uint32_t cap = m->cap ? m->cap * 2 : 16;
    name_slot *slots = calloc(cap, sizeof *slots);
    if (!slots) fail_at(p, &p->t, "out of memory");
    name_map bigger = {slots, cap, 0};
    for (uint32_t i = 0; i < m->cap; i++)
      if (m->slots[i].s) {
        *map_find(&bigger, m->slots[i].s, m->slots[i].len) = m->slots[i];
        bigger.count++;
      }
    free(m->slots);
    *m = bigger;
  }
  name_slot *sl = map_find(m, s, n);
  if (sl->s) return false;
  *sl = (name_slot){s, n, idx};
  m->count++;
  return true;
}

/* The identifier token t as a key: its text, or for $"..." the decoded
 * name with a '$' in front (so $"a" and $a are the same name). */
static void id_key(parser *p, const cw_tok *t, const char **s, uint32_t *n) {
  if (t->len < 2 || t->s[1] != '"') {
    *s = t->s;
    *n = t->len;
    return;
  }
  cw_buf b = {0};
  cw_buf_u8(&b, '$');
  cw_lex_string(&p->lx, t, &b);
  char **arena = realloc(p->arena, (p->narena + 1) * sizeof *arena);
  if (b.failed || !arena) {
    cw_buf_free(&b);
    fail_at(p, t, "out of memory");
  }
  p->arena = arena;
  if (!cw_utf8_valid(b.p + 1, b.len - 1)) {
    cw_buf_free(&b);
    fail_at(p, t, "malformed UTF-8 encoding");
  }
  if (b.len == 1) {
    cw_buf_free(&b);
    fail_at(p, t, "empty identifier");
  }
  p->arena[p->narena++] = (char *)b.p;
  *s = (const char *)b.p;
  *n = (uint32_t)b.len;
}

/* Binds an optional identifier (current token) to idx in space sp. */
static void bind_opt(parser *p, name_map *m, const char *what, uint32_t idx) {
  if (p->t.kind != CW_TOK_ID) return;
  const char *s;
  uint32_t n;
  id_key(p, &p->t, &s, &n);
  if (!map_put(p, m, s, n, idx)) fail_at(p, &p->t, "duplicate %s %.*s", what, (int)n, s);
  next(p);
}

static uint32_t u32_tok(parser *p) {
  uint64_t v;
  if (p->t.kind != CW_TOK_NUM || !cw_text_int(p->t.s, p->t.len, 32, &v) || p->t.s[0] == '-' ||
      p->t.s[0] == '+')
    expected(p, "an unsigned 32-bit integer");
  next(p);
  return (uint32_t)v;
}

static uint64_t u64_tok(parser *p) {
  uint64_t v;
  if (p->t.kind != CW_TOK_NUM || !cw_text_int(p->t.s, p->t.len, 64, &v) || p->t.s[0] == '-' ||
      p->t.s[0] == '+')
    expected(p, "an unsigned 64-bit integer");
  next(p);
  return v;
}

static bool at_index(const parser *p) { return p->t.kind == CW_TOK_NUM || p->t.kind == CW_TOK_ID; }

/* An index into map (a number or a bound identifier). */
static uint32_t index_in(parser *p, name_map *m, const char *what) {
  if (p->t.kind == CW_TOK_ID) {
    const char *s;
    uint32_t n, idx;
    id_key(p, &p->t, &s, &n);
    if (!map_get(m, s, n, &idx)) fail_at(p, &p->t, "unknown %s %.*s", what, (int)n, s);
    next(p);
    return idx;
  }
  if (p->t.kind != CW_TOK_NUM) {
    char what_idx[48];
    snprintf(what_idx, sizeof what_idx, "a %s index", what);
    expected(p, what_idx);
  }
  return u32_tok(p);
}

static uint32_t index_of(parser *p, int space) {
  return index_in(p, &p->names[space], space_name[space]);
}

/* ---- types ---- */

static const struct {
  const char *name;
  uint8_t code;
} heap_types[] = {
    {"func", 0x70},     {"extern", 0x6F}, {"any", 0x6E},   {"eq", 0x6D},
    {"i31", 0x6C},      {"struct", 0x6B}, {"array", 0x6A}, {"none", 0x71},
    {"noextern", 0x72}, {"nofunc", 0x73}, {"exn", 0x69},   {"noexn", 0x74},
};

static const struct {
  const char *name;
  uint8_t code;
} ref_shorthands[] = {
    {"funcref", 0x70},       {"externref", 0x6F},   {"anyref", 0x6E},   {"eqref", 0x6D},
    {"i31ref", 0x6C},        {"structref", 0x6B},   {"arrayref", 0x6A}, {"nullref", 0x71},
    {"nullexternref", 0x72}, {"nullfuncref", 0x73}, {"exnref", 0x69},   {"nullexnref", 0x74},
};

static void vt_leb_s33(vt *v, int64_t x) {
  for (;;) {
    uint8_t byte = x & 0x7F;
    x >>= 7;
    bool done = (x == 0 && !(byte & 0x40)) || (x == -1 && (byte & 0x40));
    v->b[v->n++] = byte | (done ? 0 : 0x80);
    if (done) return;
  }
}

/* A heap type into v: an abstract type's byte or a type index (s33). */
static void heap_type(parser *p, vt *v) {
  if (p->t.kind == CW_TOK_KEYWORD) {
    for (size_t i = 0; i < sizeof heap_types / sizeof heap_types[0]; i++)
      if (is_kw(p, heap_types[i].name)) {
        v->b[v->n++] = heap_types[i].code;
        next(p);
        return;
      }
  }
  if (!at_index(p)) expected(p, "a heap type");
  vt_leb_s33(v, index_of(p, S_TYPE));
}

/* A reference type, or false if the current token does not start one. */
static bool ref_type_opt(parser *p, vt *v) {
  v->n = 0;
  if (p->t.kind == CW_TOK_KEYWORD) {
    for (size_t i = 0; i < sizeof ref_shorthands / sizeof ref_shorthands[0]; i++)
      if (is_kw(p, ref_shorthands[i].name)) {
        v->b[v->n++] = ref_shorthands[i].code;
        next(p);
        return true;
      }
    return false;
  }
  if (!at_field(p, "ref")) return false;
  next(p);
  next(p);
  bool null = is_kw(p, "null");
  if (null) next(p);
  v->b[v->n++] = null ? 0x63 : 0x64;
  heap_type(p, v);
  expect_rpar(p);
  return true;
}

static bool val_type_opt(parser *p, vt *v) {
  static const struct {
    const char *name;
    uint8_t code;
  } nums[] = {{"i32", 0x7F}, {"i64", 0x7E}, {"f32", 0x7D}, {"f64", 0x7C}, {"v128", 0x7B}};
  v->n = 0;
  if (p->t.kind == CW_TOK_KEYWORD)
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
      if (is_kw(p, nums[i].name)) {
        v->b[v->n++] = nums[i].code;
        next(p);
        return true;
      }
  return ref_type_opt(p, v);
}

static void val_type(parser *p, vt *v) {
  if (!val_type_opt(p, v)) expected(p, "a value type");
}

static void ref_type(parser *p, vt *v) {
  if (!ref_type_opt(p, v)) expected(p, "a reference type");
}

static bool vt_eq(const vt *a, const vt *b) { return a->n == b->n && !memcmp(a->b, b->b, a->n); }

/* (param ...)* (result ...)* into out as vec(params) vec(results); binds
 * parameter names in locals when bind is set. Returns true if any clause
 * was present. */
typedef struct sig_parts {
  cw_buf *params, *results; /* from the pool */
  uint32_t nparams, nresults;
} sig_parts;

static sig_parts sig_begin(parser *p) {
  sig_parts sp = {0};
  sp.params = tmp_get(p);
  sp.results = tmp_get(p);
  return sp;
}

static void sig_end(parser *p, sig_parts *sp) {
  tmp_put(p, sp->results);
  tmp_put(p, sp->params);
}

static bool param_results(parser *p, sig_parts *sp, name_map *bind, bool allow_results) {
  bool any = false;
  while (at_field(p, "param")) {
    any = true;
    next(p);
    next(p);
    vt v;
    if (p->t.kind == CW_TOK_ID) {
      cw_tok id = p->t;
      next(p);
      val_type(p, &v);
      if (bind) {
        const char *s;
        uint32_t n;
        id_key(p, &id, &s, &n);
        if (!map_put(p, bind, s, n, sp->nparams))
          fail_at(p, &id, "duplicate local %.*s", (int)n, s);
      }
      cw_buf_bytes(sp->params, v.b, v.n);
      sp->nparams++;
    } else {
      while (val_type_opt(p, &v)) {
        cw_buf_bytes(sp->params, v.b, v.n);
        sp->nparams++;
      }
    }
    expect_rpar(p);
  }
  while (allow_results && at_field(p, "result")) {
    any = true;
    next(p);
    next(p);
    vt v;
    while (val_type_opt(p, &v)) {
      cw_buf_bytes(sp->results, v.b, v.n);
      sp->nresults++;
    }
    expect_rpar(p);
  }
  if (at_field(p, "param")) fail_at(p, &p->t, "unexpected token: param after result");
  return any;
}

/* The signature as it is stored: vec(params) vec(results). */
static void sig_encode(const sig_parts *sp, cw_buf *out) {
  cw_buf_u32(out, sp->nparams);
  cw_buf_bytes(out, sp->params->p, sp->params->len);
  cw_buf_u32(out, sp->nresults);
  cw_buf_bytes(out, sp->results->p, sp->results->len);
}

static type_info *new_type(parser *p) {
  if (p->ntypes == p->types_cap) {
    uint32_t cap = p->types_cap ? p->types_cap * 2 : 16;
    type_info *t = realloc(p->types, cap * sizeof *t);
    if (!t) fail_at(p, &p->t, "out of memory");
    p->types = t;
    p->types_cap = cap;
  }
  type_info *t = &p->types[p->ntypes++];
  memset(t, 0, sizeof *t);
  return t;
}

/* The slot of signature enc in the index: its type's, or the empty slot
 * where it would go. */
static uint32_t *sig_slot(parser *p, const uint8_t *enc, size_t len) {
  uint32_t h = hash((const char *)enc, (uint32_t)len);
  for (uint32_t i = h & (p->sig_cap - 1);; i = (i + 1) & (p->sig_cap - 1)) {
    uint32_t *slot = &p->sig_slots[i];
    if (!*slot) return slot;
    const type_info *t = &p->types[*slot - 1];
    if (t->sig_len == len && memcmp(p->sigs.p + t->sig_off, enc, len) == 0) return slot;
  }
}

/* Adds type idx to the signature index unless its signature is there
 * already (the smallest index wins). */
static void sig_index_reserve(parser *p) {
  if ((p->sig_count + 1) * 2 > p->sig_cap) {
    uint32_t cap = p->sig_cap ? p->sig_cap * 2 : 64;
    uint32_t *old = p->sig_slots, old_cap = p->sig_cap;
    p->sig_slots = calloc(cap, sizeof *p->sig_slots);
    if (!p->sig_slots) {
      p->sig_slots = old;
      fail_at(p, &p->t, "out of memory");
    }
    p->sig_cap = cap;
    for (uint32_t i = 0; i < old_cap; i++)
      if (old[i]) {
        const type_info *t = &p->types[old[i] - 1];
        *sig_slot(p, p->sigs.p + t->sig_off, t->sig_len) = old[i];
      }
    free(old);
  }
}

static void sig_index_add(parser *p, uint32_t idx) {
  sig_index_reserve(p);
  const type_info *t = &p->types[idx];
  uint32_t *slot = sig_slot(p, p->sigs.p + t->sig_off, t->sig_len);
  if (!*slot) {
    *slot = idx + 1;
    p->sig_count++;
  }
}

/* The index of a plain function type with this signature, appending one
 * (an implicit type definition) if there is none. */
static uint32_t func_type_for(parser *p, const sig_parts *sp) {
  if (!p->sig_cap) {
    sig_index_reserve(p);
    for (uint32_t i = 0; i < p->ntypes; i++)
      if (p->types[i].kind == 0x60 && p->types[i].plain) sig_index_add(p, i);
  }
  cw_buf *enc = tmp_get(p);
  sig_encode(sp, enc);
  uint32_t *slot = sig_slot(p, enc->p, enc->len);
  if (*slot) {
    tmp_put(p, enc);
    return *slot - 1;
  }
  type_info *t = new_type(p);
  t->kind = 0x60;
  t->plain = true;
  t->nparams = sp->nparams;
  t->sig_off = p->sigs.len;
  t->sig_len = enc->len;
  cw_buf_bytes(&p->sigs, enc->p, enc->len);
  cw_buf_u8(&p->sec[1], 0x60);
  cw_buf_bytes(&p->sec[1], enc->p, enc->len);
  p->type_entries++;
  tmp_put(p, enc);
  sig_index_add(p, p->ntypes - 1);
  return p->ntypes - 1;
}

/* A type use: (type x)? (param ...)* (result ...)*. Returns the type
 * index; *nparams is its parameter count (for local indices). */
static uint32_t type_use(parser *p, name_map *bind, uint32_t *nparams, bool allow_results) {
  sig_parts sp = sig_begin(p);
  bool explicit_type = false;
  uint32_t idx = 0;
  cw_tok at = p->t;
  if (at_field(p, "type")) {
    next(p);
    next(p);
    at = p->t;
    idx = index_of(p, S_TYPE);
    expect_rpar(p);
    explicit_type = true;
  }
  bool inline_sig = param_results(p, &sp, bind, allow_results);
  /* An inline signature must be checked against the type, so the type must
   * exist; without one, an unknown index is the validator's to report. */
  if (explicit_type && inline_sig && idx >= p->ntypes) {
    sig_end(p, &sp);
    fail_at(p, &at, "unknown type %u", idx);
  }
  if (explicit_type) {
    if (idx < p->ntypes && p->types[idx].kind == 0x60) {
      type_info *t = &p->types[idx];
      if (inline_sig) {
        cw_buf *enc = tmp_get(p);
        sig_encode(&sp, enc);
        bool same = enc->len == t->sig_len && !memcmp(enc->p, p->sigs.p + t->sig_off, enc->len);
        tmp_put(p, enc);
        if (!same) {
          sig_end(p, &sp);
          fail_at(p, &at, "inline function type does not match the type it uses");
        }
      }
      *nparams = t->nparams;
    } else {
      *nparams = sp.nparams; /* the validator reports the bad index */
    }
  } else {
    idx = func_type_for(p, &sp);
    *nparams = sp.nparams;
  }
  sig_end(p, &sp);
  return idx;
}

/* storagetype: valtype | i8 | i16; fieldtype: storagetype | (mut storagetype). */
static void field_type(parser *p, cw_buf *out) {
  bool mut = at_field(p, "mut");
  if (mut) {
    next(p);
    next(p);
  }
  vt v;
  if (is_kw(p, "i8")) {
    cw_buf_u8(out, 0x78);
    next(p);
  } else if (is_kw(p, "i16")) {
    cw_buf_u8(out, 0x77);
    next(p);
  } else {
    val_type(p, &v);
    cw_buf_bytes(out, v.b, v.n);
  }
  cw_buf_u8(out, mut);
  if (mut) expect_rpar(p);
}

/* One (type $id? ...) definition, encoded into out; records its type_info. */
static void type_def(parser *p, cw_buf *out) {
  expect_field(p, "type");
  if (p->t.kind == CW_TOK_ID) next(p); /* bound in pass 1 */
  type_info *ti = new_type(p);
  uint32_t self = p->ntypes - 1;
  expect_lpar(p);
  bool plain = true;
  if (is_kw(p, "sub")) {
    next(p);
    bool final = is_kw(p, "final");
    if (final) next(p);
    cw_buf *supers = tmp_get(p);
    uint32_t nsupers = 0;
    while (at_index(p)) {
      cw_buf_u32(supers, index_of(p, S_TYPE));
      nsupers++;
    }
    cw_buf_u8(out, final ? 0x4F : 0x50);
    cw_buf_u32(out, nsupers);
    cw_buf_bytes(out, supers->p, supers->len);
    tmp_put(p, supers);
    plain = false;
    expect_lpar(p);
  }
  ti = &p->types[self];
  if (is_kw(p, "func")) {
    next(p);
    sig_parts sp = sig_begin(p);
    param_results(p, &sp, NULL, true);
    ti = &p->types[self];
    ti->kind = 0x60;
    ti->nparams = sp.nparams;
    ti->sig_off = p->sigs.len;
    sig_encode(&sp, &p->sigs);
    ti->sig_len = p->sigs.len - ti->sig_off;
    cw_buf_u8(out, 0x60);
    cw_buf_bytes(out, p->sigs.p + ti->sig_off, ti->sig_len);
    sig_end(p, &sp);
  } else if (is_kw(p, "struct")) {
    next(p);
    cw_buf *fields = tmp_get(p);
    uint32_t n = 0;
    while (at_field(p, "field")) {
      next(p);
      next(p);
      if (p->t.kind == CW_TOK_ID) {
        next(p);
        field_type(p, fields);
        n++;
      } else {
        while (p->t.kind != CW_TOK_RPAR) {
          field_type(p, fields);
          n++;
        }
      }
      expect_rpar(p);
    }
    ti = &p->types[self];
    ti->kind = 0x5F;
    cw_buf_u8(out, 0x5F);
    cw_buf_u32(out, n);
    cw_buf_bytes(out, fields->p, fields->len);
    tmp_put(p, fields);
  } else if (is_kw(p, "array")) {
    next(p);
    ti = &p->types[self];
    ti->kind = 0x5E;
    cw_buf_u8(out, 0x5E);
    field_type(p, out);
  } else {
    expected(p, "'func', 'struct' or 'array'");
  }
  expect_rpar(p);
  p->types[self].plain = plain;
  if (!plain) expect_rpar(p);
  expect_rpar(p);
}

/* ---- instructions ---- */

static void push_label(parser *p, const cw_tok *id) {
  if (p->nlabels == p->labels_cap) {
    uint32_t cap = p->labels_cap ? p->labels_cap * 2 : 16;
    label *l = realloc(p->labels, cap * sizeof *l);
    if (!l) fail_at(p, &p->t, "out of memory");
    p->labels = l;
    p->labels_cap = cap;
  }
  label *l = &p->labels[p->nlabels++];
  l->s = NULL;
  l->len = 0;
  if (id) id_key(p, id, &l->s, &l->len);
}

/* Optional label identifier after block/loop/if. */
static void block_label(parser *p) {
  if (p->t.kind == CW_TOK_ID) {
    cw_tok id = p->t;
    next(p);
    push_label(p, &id);
  } else {
    push_label(p, NULL);
  }
}

/* After end/else: an optional identifier that must repeat the label. */
static void end_label(parser *p) {
  if (p->t.kind != CW_TOK_ID) return;
  const char *s;
  uint32_t n;
  id_key(p, &p->t, &s, &n);
  label *l = &p->labels[p->nlabels - 1];
  if (!l->s || l->len != n || memcmp(l->s, s, n) != 0)
    fail_at(p, &p->t, "mismatching label %.*s", (int)n, s);
  next(p);
}

static uint32_t label_index(parser *p) {
  if (p->t.kind == CW_TOK_ID) {
    const char *s;
    uint32_t n;
    id_key(p, &p->t, &s, &n);
    for (uint32_t i = p->nlabels; i-- > 0;)
      if (p->labels[i].s && p->labels[i].len == n && !memcmp(p->labels[i].s, s, n)) {
        next(p);
        return p->nlabels - 1 - i;
      }
    fail_at(p, &p->t, "unknown label %.*s", (int)n, s);
  }
  if (p->t.kind != CW_TOK_NUM) expected(p, "a label");
  return u32_tok(p);
}

/* A block type: a type use, encoded as empty, one value type or an index. */
static void block_type(parser *p, cw_buf *out) {
  bool has_type = at_field(p, "type");
  if (!has_type) {
    /* [] or [t]: no type index needed. */
    mark m = here(p);
    sig_parts sp = sig_begin(p);
    param_results(p, &sp, NULL, true);
    if (sp.nparams == 0 && sp.nresults <= 1) {
      if (sp.nresults == 0)
        cw_buf_u8(out, 0x40);
      else
        cw_buf_bytes(out, sp.results->p, sp.results->len);
      sig_end(p, &sp);
      return;
    }
    sig_end(p, &sp);
    go_to(p, m);
  }
  uint32_t np;
  name_map *none = &p->nobind;
  map_clear(none);
  uint32_t idx = type_use(p, none, &np, true);
  if (none->count) fail_at(p, &p->t, "unexpected token: a block parameter cannot be named");

  cw_buf_s64(out, idx);
}

static cw_opcode op_lookup(parser *p) {
  uint32_t idx;
  if (p->t.kind != CW_TOK_KEYWORD || !map_get(&p->opnames, p->t.s, p->t.len, &idx)) {
    char found[64];
    cw_tok_describe(&p->t, found, sizeof found);
    fail_at(p, &p->t, "unknown operator %s", found);
  }
  return (cw_opcode)idx;
}

static void emit_op(cw_buf *b, cw_opcode op) {
  const cw_opinfo *oi = &cw_opinfo_table[op];
  if (oi->prefix) {
    cw_buf_u8(b, oi->prefix);
    cw_buf_u32(b, oi->code);
  } else {
    cw_buf_u8(b, (uint8_t)oi->code);
  }
}

static uint32_t opt_index(parser *p, int space) { return at_index(p) ? index_of(p, space) : 0; }

static bool starts_with_kw(const cw_tok *t, const char *prefix, size_t n) {
  return t->kind == CW_TOK_KEYWORD && t->len > n && memcmp(t->s, prefix, n) == 0;
}

/* memidx? offset=N? align=N?, encoded as flags (bit 6: a memory index
 * follows), memidx, offset. */
static void memarg(parser *p, cw_buf *b, cw_opcode op, bool has_mem) {
  uint32_t mem = 0;
  if (has_mem) mem = index_of(p, S_MEM);
  uint64_t offset = 0;
  uint32_t align_log = 0;
  uint32_t width = cw_opinfo_table[op].width;
  while (width > 1u << align_log)
    align_log++;
  if (starts_with_kw(&p->t, "offset=", 7)) {
    if (!cw_text_int(p->t.s + 7, p->t.len - 7, 64, &offset) || p->t.s[7] == '-' || p->t.s[7] == '+')
      fail_at(p, &p->t, "malformed offset (an unsigned integer)");
    next(p);
  }
  if (starts_with_kw(&p->t, "align=", 6)) {
    uint64_t a;
    if (!cw_text_int(p->t.s + 6, p->t.len - 6, 64, &a) || p->t.s[6] == '-' || p->t.s[6] == '+' ||
        a == 0 || (a & (a - 1)))
      fail_at(p, &p->t, "alignment must be a power of two");
    align_log = 0;
    while ((UINT64_C(1) << align_log) < a)
      align_log++;
    next(p);
  }
  cw_buf_u32(b, align_log | (mem ? 0x40 : 0));
  if (mem) cw_buf_u32(b, mem);
  cw_buf_u64(b, offset);
}

/* A lane index: one byte (the validator checks it against the shape). */
static uint8_t lane_index(parser *p) {
  uint64_t v;
  if (p->t.kind != CW_TOK_NUM || p->t.s[0] == '-' || p->t.s[0] == '+' ||
      !cw_text_int(p->t.s, p->t.len, 8, &v))
    expected(p, "a lane index (0 to 255)");
  next(p);
  return (uint8_t)v;
}

/* v128.const SHAPE lane*: 16 bytes, lane 0 first, little-endian lanes. */
static void v128_const(parser *p, cw_buf *b) {
  static const struct {
    const char *name;
    unsigned lanes, bits;
    bool is_float;
  } shapes[] = {{"i8x16", 16, 8, false}, {"i16x8", 8, 16, false}, {"i32x4", 4, 32, false},
                {"i64x2", 2, 64, false}, {"f32x4", 4, 32, true},  {"f64x2", 2, 64, true}};
  size_t k = 0;
  while (k < sizeof shapes / sizeof shapes[0] && !is_kw(p, shapes[k].name))
    k++;
  if (k == sizeof shapes / sizeof shapes[0])
    expected(p, "a v128 shape (i8x16, i16x8, i32x4, i64x2, f32x4, f64x2)");
  next(p);
  for (unsigned lane = 0; lane < shapes[k].lanes; lane++) {
    uint64_t v = 0;
    bool ok;
    if (shapes[k].is_float) {
      uint32_t f = 0;
      ok = (p->t.kind == CW_TOK_NUM || p->t.kind == CW_TOK_KEYWORD) &&
           (shapes[k].bits == 32 ? cw_text_f32(p->t.s, p->t.len, &f)
                                 : cw_text_f64(p->t.s, p->t.len, &v));
      if (shapes[k].bits == 32) v = f;
    } else {
      ok = p->t.kind == CW_TOK_NUM && cw_text_int(p->t.s, p->t.len, shapes[k].bits, &v);
    }
    if (!ok) {
      char what[64];
      snprintf(what, sizeof what, "a %s lane (%u of %u)", shapes[k].name, lane + 1,
               shapes[k].lanes);
      expected(p, what);
    }
    next(p);
    for (unsigned byte = 0; byte < shapes[k].bits / 8; byte++)
      cw_buf_u8(b, (uint8_t)(v >> (8 * byte)));
  }
}

static void instrs(parser *p);
static void folded(parser *p);

/* Immediates of op (its name already consumed) into b. */
static void immediates(parser *p, cw_opcode op, cw_buf *b) {
  const cw_opinfo *oi = &cw_opinfo_table[op];
  switch (oi->imm) {
  case CW_IMM_NONE:
    if (op == CW_OP_SELECT && at_field(p, "result")) {
      cw_buf *types = tmp_get(p);
      uint32_t n = 0;
      while (at_field(p, "result")) {
        next(p);
        next(p);
        vt v;
        while (val_type_opt(p, &v)) {
          cw_buf_bytes(types, v.b, v.n);
          n++;
        }
        expect_rpar(p);
      }
      b->len--; /* select -> select t* */
      emit_op(b, CW_OP_SELECT_T);
      cw_buf_u32(b, n);
      cw_buf_bytes(b, types->p, types->len);
      tmp_put(p, types);
    }
    break;
  case CW_IMM_BLOCKTYPE: block_type(p, b); break;
  case CW_IMM_LABEL: cw_buf_u32(b, label_index(p)); break;
  case CW_IMM_BR_TABLE: {
    uint32_t *ls = NULL, n = 0, cap = 0;
    while (at_index(p)) {
      if (n == cap) {
        cap = cap ? cap * 2 : 16;
        uint32_t *more = realloc(ls, cap * sizeof *ls);
        if (!more) {
          free(ls);
          fail_at(p, &p->t, "out of memory");
        }
        ls = more;
      }
      uint32_t l = 0;
      cw_tok at = p->t;
      if (at.kind == CW_TOK_ID) {
        /* label_index may fail: free first by looking it up without jumping */
        const char *s;
        uint32_t len;
        id_key(p, &at, &s, &len);
        bool found = false;
        for (uint32_t i = p->nlabels; i-- > 0;)
          if (p->labels[i].s && p->labels[i].len == len && !memcmp(p->labels[i].s, s, len)) {
            l = p->nlabels - 1 - i;
            found = true;
            break;
          }
        if (!found) {
          free(ls);
          fail_at(p, &at, "unknown label %.*s", (int)len, s);
        }
        next(p);
      } else {
        uint64_t v;
        if (!cw_text_int(at.s, at.len, 32, &v) || at.s[0] == '-' || at.s[0] == '+') {
          free(ls);
          expected(p, "a label");
        }
        l = (uint32_t)v;
        next(p);
      }
      ls[n++] = l;
    }
    if (n == 0) {
      free(ls);
      expected(p, "a label");
    }
    cw_buf_u32(b, n - 1);
    for (uint32_t i = 0; i < n; i++)
      cw_buf_u32(b, ls[i]);
    free(ls);
    break;
  }
  case CW_IMM_FUNC: cw_buf_u32(b, index_of(p, S_FUNC)); break;
  case CW_IMM_CALL_INDIRECT: {
    uint32_t table = opt_index(p, S_TABLE), np;
    name_map *none = &p->nobind;
    map_clear(none);
    uint32_t t = type_use(p, none, &np, true);
    bool named = none->count != 0;

    if (named) fail_at(p, &p->t, "unexpected token: call_indirect parameters cannot be named");
    cw_buf_u32(b, t);
    cw_buf_u32(b, table);
    break;
  }
  case CW_IMM_LOCAL: cw_buf_u32(b, index_in(p, &p->locals, "local")); break;
  case CW_IMM_GLOBAL: cw_buf_u32(b, index_of(p, S_GLOBAL)); break;
  case CW_IMM_TABLE: cw_buf_u32(b, opt_index(p, S_TABLE)); break;
  case CW_IMM_MEMARG: memarg(p, b, op, at_index(p)); break;
  case CW_IMM_MEMIDX: cw_buf_u32(b, opt_index(p, S_MEM)); break;
  case CW_IMM_I32:
  case CW_IMM_I64: {
    uint64_t v;
    unsigned bits = oi->imm == CW_IMM_I32 ? 32 : 64;
    if (p->t.kind != CW_TOK_NUM || !cw_text_int(p->t.s, p->t.len, bits, &v))
      fail_at(p, &p->t, "malformed i%u constant (or constant out of range)", bits);
    next(p);
    if (bits == 32)
      cw_buf_s64(b, (int32_t)(uint32_t)v);
    else
      cw_buf_s64(b, (int64_t)v);
    break;
  }
  case CW_IMM_F32: {
    uint32_t v;
    if ((p->t.kind != CW_TOK_NUM && p->t.kind != CW_TOK_KEYWORD) ||
        !cw_text_f32(p->t.s, p->t.len, &v))
      fail_at(p, &p->t, "malformed f32 constant (or constant out of range)");
    next(p);
    uint8_t le[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    cw_buf_bytes(b, le, 4);
    break;
  }
  case CW_IMM_F64: {
    uint64_t v;
    if ((p->t.kind != CW_TOK_NUM && p->t.kind != CW_TOK_KEYWORD) ||
        !cw_text_f64(p->t.s, p->t.len, &v))
      fail_at(p, &p->t, "malformed f64 constant (or constant out of range)");
    next(p);
    uint8_t le[8];
    for (int i = 0; i < 8; i++)
      le[i] = (uint8_t)(v >> (8 * i));
    cw_buf_bytes(b, le, 8);
    break;
  }
  case CW_IMM_SELECT_T: break; /* reached through select (result ...) above */
  case CW_IMM_REFTYPE: {
    vt v = {0};
    heap_type(p, &v);
    cw_buf_bytes(b, v.b, v.n);
    break;
  }
  case CW_IMM_DATA_MEM: {
    /* memory.init mem? data: with two indices the first is the memory. */
    uint32_t first = 0, mem = 0;
    if (!at_index(p)) expected(p, "a data index");
    if (peek(p)->kind == CW_TOK_NUM || peek(p)->kind == CW_TOK_ID) mem = index_of(p, S_MEM);
    first = index_of(p, S_DATA);
    cw_buf_u32(b, first);
    cw_buf_u32(b, mem);
    p->uses_data_count = true;
    break;
  }
  case CW_IMM_DATA:
    cw_buf_u32(b, index_of(p, S_DATA));
    p->uses_data_count = true;
    break;
  case CW_IMM_MEM_MEM: {
    uint32_t d = 0, s = 0;
    if (at_index(p)) {
      d = index_of(p, S_MEM);
      s = index_of(p, S_MEM);
    }
    cw_buf_u32(b, d);
    cw_buf_u32(b, s);
    break;
  }
  case CW_IMM_ELEM_TABLE: {
    uint32_t t = 0, e;
    if (!at_index(p)) expected(p, "an elem index");
    if (peek(p)->kind == CW_TOK_NUM || peek(p)->kind == CW_TOK_ID) {
      t = index_of(p, S_TABLE);
      e = index_of(p, S_ELEM);
    } else {
      e = index_of(p, S_ELEM);
    }
    cw_buf_u32(b, e);
    cw_buf_u32(b, t);
    break;
  }
  case CW_IMM_ELEM: cw_buf_u32(b, index_of(p, S_ELEM)); break;
  case CW_IMM_TABLE_TABLE: {
    uint32_t d = 0, s = 0;
    if (at_index(p)) {
      d = index_of(p, S_TABLE);
      s = index_of(p, S_TABLE);
    }
    cw_buf_u32(b, d);
    cw_buf_u32(b, s);
    break;
  }
  case CW_IMM_V128: v128_const(p, b); break;
  case CW_IMM_LANE: cw_buf_u8(b, lane_index(p)); break;
  case CW_IMM_SHUFFLE:
    for (int i = 0; i < 16; i++)
      cw_buf_u8(b, lane_index(p));
    break;
  case CW_IMM_MEMARG_LANE: {
    /* A memory index only if a memarg or the lane index follows it. */
    const cw_tok *n = p->t.kind == CW_TOK_NUM ? peek(p) : NULL;
    bool has_mem =
        p->t.kind == CW_TOK_ID || (n && (n->kind == CW_TOK_NUM || starts_with_kw(n, "offset=", 7) ||
                                         starts_with_kw(n, "align=", 6)));
    memarg(p, b, op, has_mem);
    cw_buf_u8(b, lane_index(p));
    break;
  }
  default: fail_at(p, &p->t, "instruction %s: immediate kind not supported", oi->name);
  }
}

/* A flat instruction (the current keyword), block instructions included. */
static void plain(parser *p) {
  cw_opcode op = op_lookup(p);
  cw_buf *b = p->code;
  if (op == CW_OP_BLOCK || op == CW_OP_LOOP || op == CW_OP_IF) {
    next(p);
    block_label(p);
    emit_op(b, op);
    block_type(p, b);
    instrs(p);
    if (op == CW_OP_IF && is_kw(p, "else")) {
      next(p);
      end_label(p);
      emit_op(b, CW_OP_ELSE);
      instrs(p);
    }
    if (!is_kw(p, "end")) expected(p, "'end'");
    next(p);
    end_label(p);
    emit_op(b, CW_OP_END);
    p->nlabels--;
    return;
  }
  if (op == CW_OP_ELSE || op == CW_OP_END)
    fail_at(p, &p->t, "unexpected '%s'", cw_opinfo_table[op].name);
  next(p);
  emit_op(b, op);
  immediates(p, op, b);
}

/* A folded instruction: (op imm* folded*) or a folded block. */
static void folded(parser *p) {
  expect_lpar(p);
  cw_opcode op = op_lookup(p);
  cw_buf *b = p->code;
  if (op == CW_OP_BLOCK || op == CW_OP_LOOP) {
    next(p);
    block_label(p);
    emit_op(b, op);
    block_type(p, b);
    instrs(p);
    expect_rpar(p);
    emit_op(b, CW_OP_END);
    p->nlabels--;
    return;
  }
  if (op == CW_OP_IF) {
    next(p);
    cw_tok id = p->t;
    bool has_label = id.kind == CW_TOK_ID;
    if (has_label) next(p);
    uint8_t bt_small[16];
    cw_buf *bt = tmp_get(p);
    block_type(p, bt);
    size_t btlen = bt->len;
    if (btlen > sizeof bt_small) {
      tmp_put(p, bt);
      fail_at(p, &id, "block type too long");
    }
    memcpy(bt_small, bt->p, btlen);
    tmp_put(p, bt);
    while (p->t.kind == CW_TOK_LPAR && !tok_is(peek(p), "then"))
      folded(p);
    push_label(p, has_label ? &id : NULL);
    emit_op(b, CW_OP_IF);
    cw_buf_bytes(b, bt_small, btlen);
    expect_field(p, "then");
    instrs(p);
    expect_rpar(p);
    if (at_field(p, "else")) {
      next(p);
      next(p);
      emit_op(b, CW_OP_ELSE);
      instrs(p);
      expect_rpar(p);
    }
    expect_rpar(p);
    emit_op(b, CW_OP_END);
    p->nlabels--;
    return;
  }
  if (op == CW_OP_ELSE || op == CW_OP_END)
    fail_at(p, &p->t, "unexpected '%s'", cw_opinfo_table[op].name);
  next(p);
  /* Operands come first in the binary: park the encoded op and immediates. */
  size_t start = b->len;
  emit_op(b, op);
  immediates(p, op, b);
  size_t n = b->len - start, parked = p->park.len;
  cw_buf_bytes(&p->park, b->p + start, n);
  b->len = start;
  while (p->t.kind == CW_TOK_LPAR)
    folded(p);
  if (p->t.kind != CW_TOK_RPAR) expected(p, "a folded operand or ')'");
  cw_buf_bytes(b, p->park.p + parked, n);
  p->park.len = parked;
  next(p);
}

/* Instructions up to ')', 'end' or 'else'. */
static void instrs(parser *p) {
  for (;;) {
    if (p->t.kind == CW_TOK_LPAR) {
      folded(p);
    } else if (p->t.kind == CW_TOK_KEYWORD) {
      if (is_kw(p, "end") || is_kw(p, "else")) return;
      plain(p);
    } else if (p->t.kind == CW_TOK_RPAR || p->t.kind == CW_TOK_EOF) {
      return;
    } else {
      expected(p, "an instruction");
    }
  }
}

/* A constant expression up to ')' into out (with its end). */
static void expr_into(parser *p, cw_buf *out) {
  cw_buf *saved = p->code;
  p->code = out;
  uint32_t nl = p->nlabels;
  instrs(p);
  if (p->t.kind != CW_TOK_RPAR) expected(p, "')'");
  p->nlabels = nl;
  emit_op(out, CW_OP_END);
  p->code = saved;
}

/* One folded instruction as a constant expression (with its end). */
static void folded_expr_into(parser *p, cw_buf *out) {
  cw_buf *saved = p->code;
  p->code = out;
  folded(p);
  emit_op(out, CW_OP_END);
  p->code = saved;
}

/* ---- module fields (pass 2) ---- */

static int def_space(const cw_tok *t) {
  if (tok_is(t, "func")) return S_FUNC;
  if (tok_is(t, "table")) return S_TABLE;
  if (tok_is(t, "memory")) return S_MEM;
  if (tok_is(t, "global")) return S_GLOBAL;
  if (tok_is(t, "tag")) return S_TAG;
  return -1;
}

static void inline_exports(parser *p, uint8_t kind, uint32_t idx) {
  while (at_field(p, "export")) {
    next(p);
    next(p);
    name(p, &p->sec[7]);
    cw_buf_u8(&p->sec[7], kind);
    cw_buf_u32(&p->sec[7], idx);
    p->nitems[7]++;
    expect_rpar(p);
  }
}

/* (import "m" "n") inside a definition: writes the import's names. */
static bool inline_import(parser *p) {
  if (!at_field(p, "import")) return false;
  next(p);
  next(p);
  name(p, &p->sec[2]);
  name(p, &p->sec[2]);
  expect_rpar(p);
  p->nitems[2]++;
  return true;
}

/* Limits are u64 in the text whatever the address type (3.0): a 32-bit
 * limit beyond 2^32-1 then fails in the decoder, as a binary would. */
static void limits(parser *p, cw_buf *out, bool is64, bool allow_shared) {
  uint64_t min = u64_tok(p), max = 0;
  bool has_max = p->t.kind == CW_TOK_NUM;
  if (has_max) max = u64_tok(p);
  bool shared = allow_shared && is_kw(p, "shared");
  if (shared) next(p);
  cw_buf_u8(out, (uint8_t)(has_max | shared << 1 | is64 << 2));
  cw_buf_u64(out, min);
  if (has_max) cw_buf_u64(out, max);
}

static bool addr64(parser *p) {
  if (is_kw(p, "i64")) {
    next(p);
    return true;
  }
  if (is_kw(p, "i32")) next(p);
  return false;
}

static void table_type(parser *p, cw_buf *out) {
  bool is64 = addr64(p);
  cw_buf *lim = tmp_get(p);
  limits(p, lim, is64, false);
  vt v;
  ref_type(p, &v);
  cw_buf_bytes(out, v.b, v.n);
  cw_buf_bytes(out, lim->p, lim->len);
  tmp_put(p, lim);
}

static void global_type(parser *p, cw_buf *out) {
  vt v;
  bool mut = at_field(p, "mut");
  if (mut) {
    next(p);
    next(p);
  }
  val_type(p, &v);
  cw_buf_bytes(out, v.b, v.n);
  cw_buf_u8(out, mut);
  if (mut) expect_rpar(p);
}

/* Finishes a function body: locals runs, then the code already in p->body. */
static void emit_code(parser *p, size_t body_start) {
  cw_buf head = {0};
  uint32_t runs = 0;
  for (uint32_t i = 0; i < p->nlocal_types;) {
    uint32_t j = i;
    while (j < p->nlocal_types && vt_eq(&p->local_types[j], &p->local_types[i]))
      j++;
    runs++;
    i = j;
  }
  cw_buf_u32(&head, runs);
  for (uint32_t i = 0; i < p->nlocal_types;) {
    uint32_t j = i;
    while (j < p->nlocal_types && vt_eq(&p->local_types[j], &p->local_types[i]))
      j++;
    cw_buf_u32(&head, j - i);
    cw_buf_bytes(&head, p->local_types[i].b, p->local_types[i].n);
    i = j;
  }
  cw_buf *code = &p->sec[10];
  size_t body_len = p->body.len - body_start;
  cw_buf_u64(code, head.len + body_len);
  cw_buf_bytes(code, head.p, head.len);
  cw_buf_bytes(code, p->body.p + body_start, body_len);
  p->nitems[10]++;
  cw_buf_free(&head);
}

static void add_local(parser *p, const vt *v) {
  if (p->nlocal_types == p->local_types_cap) {
    uint32_t cap = p->local_types_cap ? p->local_types_cap * 2 : 16;
    vt *l = realloc(p->local_types, cap * sizeof *l);
    if (!l) fail_at(p, &p->t, "out of memory");
    p->local_types = l;
    p->local_types_cap = cap;
  }
  p->local_types[p->nlocal_types++] = *v;
}

static void field_func(parser *p, uint32_t idx) {
  if (p->t.kind == CW_TOK_ID) next(p);
  inline_exports(p, 0, idx);
  map_clear(&p->locals);
  uint32_t np;
  if (inline_import(p)) {
    cw_buf_u8(&p->sec[2], 0x00);
    cw_buf_u32(&p->sec[2], type_use(p, &p->locals, &np, true));
    expect_rpar(p);
    return;
  }
  uint32_t type = type_use(p, &p->locals, &np, true);
  cw_buf_u32(&p->sec[3], type);
  p->nitems[3]++;
  p->nlocal_types = 0;
  uint32_t nlocals = np;
  while (at_field(p, "local")) {
    next(p);
    next(p);
    vt v;
    if (p->t.kind == CW_TOK_ID) {
      cw_tok id = p->t;
      next(p);
      val_type(p, &v);
      const char *s;
      uint32_t n;
      id_key(p, &id, &s, &n);
      if (!map_put(p, &p->locals, s, n, nlocals))
        fail_at(p, &id, "duplicate local %.*s", (int)n, s);
      add_local(p, &v);
      nlocals++;
    } else {
      while (val_type_opt(p, &v)) {
        add_local(p, &v);
        nlocals++;
      }
    }
    expect_rpar(p);
  }
  p->body.len = 0;
  p->nlabels = 0;
  p->code = &p->body;
  instrs(p);
  if (p->t.kind != CW_TOK_RPAR) expected(p, "')'");
  emit_op(&p->body, CW_OP_END);
  emit_code(p, 0);
  expect_rpar(p);
}

/* Function indices or expressions of an element list, after its type. */
static void elem_items(parser *p, cw_buf *out, uint32_t *count, bool exprs) {
  if (!exprs) {
    while (at_index(p)) {
      cw_buf_u32(out, index_of(p, S_FUNC));
      (*count)++;
    }
    return;
  }
  while (p->t.kind == CW_TOK_LPAR) {
    if (at_field(p, "item")) {
      next(p);
      next(p);
      expr_into(p, out);
      expect_rpar(p);
    } else {
      folded_expr_into(p, out);
    }
    (*count)++;
  }
}

/* (offset expr) or a single folded instruction. */
static void offset_expr(parser *p, cw_buf *out) {
  if (at_field(p, "offset")) {
    next(p);
    next(p);
    expr_into(p, out);
    expect_rpar(p);
    return;
  }
  folded_expr_into(p, out);
}

static void field_table(parser *p, uint32_t idx) {
  if (p->t.kind == CW_TOK_ID) next(p);
  inline_exports(p, 1, idx);
  if (inline_import(p)) {
    cw_buf_u8(&p->sec[2], 0x01);
    table_type(p, &p->sec[2]);
    expect_rpar(p);
    return;
  }
  /* table_type or addrtype? reftype (elem ...) */
  mark m = here(p);
  bool is64 = addr64(p);
  vt rt;
  if (ref_type_opt(p, &rt)) {
    cw_buf *t = &p->sec[4];
    expect_field(p, "elem");
    cw_buf *items = tmp_get(p);
    uint32_t n = 0;
    bool exprs = p->t.kind == CW_TOK_LPAR;
    elem_items(p, items, &n, exprs);
    expect_rpar(p);
    cw_buf_bytes(t, rt.b, rt.n);
    cw_buf_u8(t, is64 ? 0x05 : 0x01);
    cw_buf_u64(t, n);
    cw_buf_u64(t, n);
    p->nitems[4]++;
    /* The segment: active, this table, offset 0. */
    cw_buf *e = &p->sec[9];
    bool plain_funcref = rt.n == 1 && rt.b[0] == 0x70;
    if (exprs) {
      cw_buf_u8(e, 0x06);
      cw_buf_u32(e, idx);
      cw_buf_u8(e, is64 ? 0x42 : 0x41);
      cw_buf_u8(e, 0);
      cw_buf_u8(e, 0x0B);
      cw_buf_bytes(e, rt.b, rt.n);
    } else {
      cw_buf_u8(e, 0x02);
      cw_buf_u32(e, idx);
      cw_buf_u8(e, is64 ? 0x42 : 0x41);
      cw_buf_u8(e, 0);
      cw_buf_u8(e, 0x0B);
      cw_buf_u8(e, 0x00);
    }
    (void)plain_funcref;
    cw_buf_u32(e, n);
    cw_buf_bytes(e, items->p, items->len);
    tmp_put(p, items);
    p->nitems[9]++;
    expect_rpar(p);
    return;
  }
  go_to(p, m);
  cw_buf *tt = tmp_get(p);
  table_type(p, tt);
  if (p->t.kind != CW_TOK_RPAR) {
    /* 3.0: a table with an initialiser expression. */
    cw_buf_u8(&p->sec[4], 0x40);
    cw_buf_u8(&p->sec[4], 0x00);
    cw_buf_bytes(&p->sec[4], tt->p, tt->len);
    tmp_put(p, tt);
    expr_into(p, &p->sec[4]);
  } else {
    cw_buf_bytes(&p->sec[4], tt->p, tt->len);
    tmp_put(p, tt);
  }
  p->nitems[4]++;
  expect_rpar(p);
}

static void field_memory(parser *p, uint32_t idx) {
  if (p->t.kind == CW_TOK_ID) next(p);
  inline_exports(p, 2, idx);
  if (inline_import(p)) {
    cw_buf_u8(&p->sec[2], 0x02);
    limits(p, &p->sec[2], addr64(p), true);
    expect_rpar(p);
    return;
  }
  bool is64 = addr64(p);
  if (at_field(p, "data")) {
    next(p);
    next(p);
    cw_buf *bytes = tmp_get(p);
    while (p->t.kind == CW_TOK_STRING) {
      string_tok(p, false);
      cw_buf_bytes(bytes, p->scratch.p, p->scratch.len);
    }
    expect_rpar(p);
    uint64_t pages = (bytes->len + 65535) / 65536;
    cw_buf_u8(&p->sec[5], is64 ? 0x05 : 0x01);
    cw_buf_u64(&p->sec[5], pages);
    cw_buf_u64(&p->sec[5], pages);
    cw_buf *d = &p->sec[11];
    if (idx == 0) {
      cw_buf_u8(d, 0x00);
    } else {
      cw_buf_u8(d, 0x02);
      cw_buf_u32(d, idx);
    }
    cw_buf_u8(d, is64 ? 0x42 : 0x41);
    cw_buf_u8(d, 0);
    cw_buf_u8(d, 0x0B);
    cw_buf_vec(d, bytes->p, bytes->len);
    tmp_put(p, bytes);
    p->nitems[11]++;
  } else {
    limits(p, &p->sec[5], is64, true);
  }
  p->nitems[5]++;
  expect_rpar(p);
}

static void field_global(parser *p, uint32_t idx) {
  if (p->t.kind == CW_TOK_ID) next(p);
  inline_exports(p, 3, idx);
  if (inline_import(p)) {
    cw_buf_u8(&p->sec[2], 0x03);
    global_type(p, &p->sec[2]);
    expect_rpar(p);
    return;
  }
  global_type(p, &p->sec[6]);
  expr_into(p, &p->sec[6]);
  p->nitems[6]++;
  expect_rpar(p);
}

static void field_tag(parser *p, uint32_t idx) {
  if (p->t.kind == CW_TOK_ID) next(p);
  inline_exports(p, 4, idx);
  uint32_t np;
  name_map *none = &p->nobind;
  map_clear(none);
  if (inline_import(p)) {
    cw_buf_u8(&p->sec[2], 0x04);
    cw_buf_u8(&p->sec[2], 0x00);
    cw_buf_u32(&p->sec[2], type_use(p, none, &np, true));
  } else {
    cw_buf_u8(&p->sec[13], 0x00);
    cw_buf_u32(&p->sec[13], type_use(p, none, &np, true));
    p->nitems[13]++;
  }

  expect_rpar(p);
}

static int field_import(parser *p) {
  cw_buf *s = &p->sec[2];
  name(p, s);
  name(p, s);
  expect_lpar(p);
  uint32_t np;
  int sp = def_space(&p->t);
  if (is_kw(p, "func")) {
    next(p);
    if (p->t.kind == CW_TOK_ID) next(p);
    map_clear(&p->locals);
    cw_buf_u8(s, 0x00);
    cw_buf_u32(s, type_use(p, &p->locals, &np, true));
  } else if (is_kw(p, "table")) {
    next(p);
    if (p->t.kind == CW_TOK_ID) next(p);
    cw_buf_u8(s, 0x01);
    table_type(p, s);
  } else if (is_kw(p, "memory")) {
    next(p);
    if (p->t.kind == CW_TOK_ID) next(p);
    cw_buf_u8(s, 0x02);
    limits(p, s, addr64(p), true);
  } else if (is_kw(p, "global")) {
    next(p);
    if (p->t.kind == CW_TOK_ID) next(p);
    cw_buf_u8(s, 0x03);
    global_type(p, s);
  } else if (is_kw(p, "tag")) {
    next(p);
    if (p->t.kind == CW_TOK_ID) next(p);
    name_map *none = &p->nobind;
    map_clear(none);
    cw_buf_u8(s, 0x04);
    cw_buf_u8(s, 0x00);
    cw_buf_u32(s, type_use(p, none, &np, true));

  } else {
    expected(p, "an import kind (func, table, memory, global, tag)");
  }
  expect_rpar(p);
  expect_rpar(p);
  p->nitems[2]++;
  return sp;
}

static void field_export(parser *p) {
  cw_buf *s = &p->sec[7];
  name(p, s);
  expect_lpar(p);
  static const char *const kinds[] = {"func", "table", "memory", "global", "tag"};
  static const int spaces[] = {S_FUNC, S_TABLE, S_MEM, S_GLOBAL, S_TAG};
  for (int k = 0; k < 5; k++)
    if (is_kw(p, kinds[k])) {
      next(p);
      cw_buf_u8(s, (uint8_t)k);
      cw_buf_u32(s, index_of(p, spaces[k]));
      expect_rpar(p);
      expect_rpar(p);
      p->nitems[7]++;
      return;
    }
  expected(p, "an export kind (func, table, memory, global, tag)");
}

static void field_elem(parser *p) {
  cw_buf *e = &p->sec[9];
  if (p->t.kind == CW_TOK_ID) next(p);
  enum { ACTIVE, PASSIVE, DECLARE } mode = PASSIVE;
  uint32_t table = 0;
  bool explicit_table = false;
  cw_buf *off = tmp_get(p);
  if (is_kw(p, "declare")) {
    mode = DECLARE;
    next(p);
  } else {
    if (at_index(p) && peek(p)->kind == CW_TOK_LPAR) { /* the older form: a bare table index */
      table = index_of(p, S_TABLE);
      explicit_table = true;
      mode = ACTIVE;
    } else if (at_field(p, "table")) {
      next(p);
      next(p);
      table = index_of(p, S_TABLE);
      explicit_table = true;
      expect_rpar(p);
      mode = ACTIVE;
    }
    if (p->t.kind == CW_TOK_LPAR && !at_field(p, "item") && !at_field(p, "ref")) {
      offset_expr(p, off);
      mode = ACTIVE;
    } else if (explicit_table) {
      expected(p, "an offset expression");
    }
  }
  /* elemlist: reftype item* | func idx* | idx* (the legacy form) */
  vt rt = {1, {0x70}};
  bool exprs;
  bool legacy = false;
  if (is_kw(p, "func")) {
    next(p);
    exprs = false;
  } else if (ref_type_opt(p, &rt)) {
    exprs = true;
  } else {
    exprs = false;
    legacy = true;
    if (mode != ACTIVE && at_index(p)) expected(p, "'func' or a reference type");
  }
  cw_buf *items = tmp_get(p);
  uint32_t n = 0;
  elem_items(p, items, &n, exprs);
  bool funcref = rt.n == 1 && rt.b[0] == 0x70;
  uint8_t flags;
  if (mode == ACTIVE)
    flags = exprs ? (table == 0 && !explicit_table && funcref ? 4 : 6)
                  : (table == 0 && (!explicit_table || legacy) ? 0 : 2);
  else
    flags = (mode == PASSIVE ? 1 : 3) | (exprs ? 4 : 0);
  cw_buf_u8(e, flags);
  if (flags == 2 || flags == 6) cw_buf_u32(e, table);
  if (mode == ACTIVE) cw_buf_bytes(e, off->p, off->len);
  if (flags == 1 || flags == 2 || flags == 3) cw_buf_u8(e, 0x00);
  if (flags == 5 || flags == 6 || flags == 7) cw_buf_bytes(e, rt.b, rt.n);
  cw_buf_u32(e, n);
  cw_buf_bytes(e, items->p, items->len);
  tmp_put(p, items);
  tmp_put(p, off);
  p->nitems[9]++;
  expect_rpar(p);
}

static void field_data(parser *p) {
  cw_buf *d = &p->sec[11];
  if (p->t.kind == CW_TOK_ID) next(p);
  uint32_t mem = 0;
  bool active = false, explicit_mem = false;
  if (at_index(p)) { /* the older form: a bare memory index */
    mem = index_of(p, S_MEM);
    explicit_mem = true;
  } else if (at_field(p, "memory")) {
    next(p);
    next(p);
    mem = index_of(p, S_MEM);
    explicit_mem = true;
    expect_rpar(p);
  }
  cw_buf *off = tmp_get(p);
  if (p->t.kind == CW_TOK_LPAR) {
    offset_expr(p, off);
    active = true;
  } else if (explicit_mem) {
    expected(p, "an offset expression");
  }
  if (!active) {
    cw_buf_u8(d, 0x01);
  } else if (mem == 0) {
    cw_buf_u8(d, 0x00);
  } else {
    cw_buf_u8(d, 0x02);
    cw_buf_u32(d, mem);
  }
  cw_buf_bytes(d, off->p, off->len);
  tmp_put(p, off);
  cw_buf *bytes = tmp_get(p);
  while (p->t.kind == CW_TOK_STRING) {
    string_tok(p, false);
    cw_buf_bytes(bytes, p->scratch.p, p->scratch.len);
  }
  cw_buf_vec(d, bytes->p, bytes->len);
  tmp_put(p, bytes);
  p->nitems[11]++;
  expect_rpar(p);
}

/* ---- pass 1 ---- */

/* Binds an identifier at the current token (if any) in space sp. */
static void declare(parser *p, int sp) {
  bind_opt(p, &p->names[sp], space_name[sp], p->count[sp]);
  p->count[sp]++;
}

static void note_import(parser *p, const cw_tok *at) {
  if (p->seen_def) fail_at(p, at, "import after %s", p->def_kind);
}

static void note_def(parser *p, int sp) {
  if (!p->seen_def) {
    p->seen_def = true;
    p->def_kind = space_name[sp];
  }
}

static void add_field(parser *p, mark m) {
  if (p->nfields == p->fields_cap) {
    size_t cap = p->fields_cap ? p->fields_cap * 2 : 64;
    field *f = realloc(p->fields, cap * sizeof *f);
    if (!f) fail_at(p, &p->t, "out of memory");
    p->fields = f;
    p->fields_cap = cap;
  }
  p->fields[p->nfields++].at = m;
}

/* Scans one field (current token its '('), binding names. */
static void scan_field(parser *p) {
  mark m = here(p);
  cw_tok open = p->t;
  next(p);
  cw_tok kw = p->t;
  if (kw.kind != CW_TOK_KEYWORD) expected(p, "a module field");
  next(p);
  int sp = def_space(&kw);
  if (sp >= 0) {
    declare(p, sp);
    /* (export ...)* then maybe (import ...); table/memory may hold an inline
     * elem/data segment, which takes an index too. */
    bool imported = false;
    while (p->t.kind != CW_TOK_RPAR) {
      if (p->t.kind == CW_TOK_EOF) expected(p, "')'");
      if (p->t.kind == CW_TOK_LPAR) {
        const cw_tok *k = peek(p);
        if (tok_is(k, "import")) imported = true;
        if (sp == S_TABLE && tok_is(k, "elem")) p->count[S_ELEM]++;
        if (sp == S_MEM && tok_is(k, "data")) p->count[S_DATA]++;
        skip_group(p);
      } else {
        next(p);
      }
    }
    if (imported)
      note_import(p, &open);
    else
      note_def(p, sp);
    next(p);
  } else if (tok_is(&kw, "import")) {
    note_import(p, &open);
    string_tok(p, true);
    string_tok(p, true);
    expect_lpar(p);
    int isp = def_space(&p->t);
    if (isp < 0) expected(p, "an import kind (func, table, memory, global, tag)");
    next(p);
    declare(p, isp);
    while (p->t.kind != CW_TOK_RPAR) {
      if (p->t.kind == CW_TOK_LPAR)
        skip_group(p);
      else if (p->t.kind == CW_TOK_EOF)
        expected(p, "')'");
      else
        next(p);
    }
    next(p);
    expect_rpar(p);
  } else if (tok_is(&kw, "type")) {
    declare(p, S_TYPE);
    go_to(p, m);
    skip_group(p);
  } else if (tok_is(&kw, "rec")) {
    while (at_field(p, "type")) {
      next(p);
      next(p);
      declare(p, S_TYPE);
      while (p->t.kind != CW_TOK_RPAR) {
        if (p->t.kind == CW_TOK_LPAR)
          skip_group(p);
        else if (p->t.kind == CW_TOK_EOF)
          expected(p, "')'");
        else
          next(p);
      }
      next(p);
    }
    expect_rpar(p);
  } else if (tok_is(&kw, "elem")) {
    declare(p, S_ELEM);
    go_to(p, m);
    skip_group(p);
  } else if (tok_is(&kw, "data")) {
    declare(p, S_DATA);
    go_to(p, m);
    skip_group(p);
  } else if (tok_is(&kw, "start")) {
    if (p->has_start) fail_at(p, &open, "multiple start sections");
    p->has_start = true;
    go_to(p, m);
    skip_group(p);
  } else if (tok_is(&kw, "export")) {
    go_to(p, m);
    skip_group(p);
  } else {
    char found[64];
    cw_tok_describe(&kw, found, sizeof found);
    fail_at(p, &kw,
            "expected a module field (type, import, func, table, memory, global, "
            "export, start, elem, data, tag), found %s",
            found);
  }
  add_field(p, m);
}

/* Encodes the type definitions (pass 1b). */
static void encode_types(parser *p) {
  for (size_t i = 0; i < p->nfields; i++) {
    go_to(p, p->fields[i].at);
    const cw_tok *kw = peek(p);
    if (tok_is(kw, "type")) {
      type_def(p, &p->sec[1]);
      p->type_entries++;
    } else if (tok_is(kw, "rec")) {
      next(p);
      next(p);
      cw_buf *group = tmp_get(p);
      uint32_t n = 0;
      while (p->t.kind == CW_TOK_LPAR) {
        type_def(p, group);
        n++;
      }
      cw_buf_u8(&p->sec[1], 0x4E);
      cw_buf_u32(&p->sec[1], n);
      cw_buf_bytes(&p->sec[1], group->p, group->len);
      tmp_put(p, group);
      if (n != 1)
        for (uint32_t k = p->ntypes - n; k < p->ntypes; k++)
          p->types[k].plain = false;
      p->type_entries++;
      expect_rpar(p);
    }
  }
}

static void encode_fields(parser *p) {
  uint32_t idx[S__N] = {0};
  for (size_t i = 0; i < p->nfields; i++) {
    go_to(p, p->fields[i].at);
    next(p);
    cw_tok kw = p->t;
    next(p);
    int sp = def_space(&kw);
    if (sp == S_FUNC)
      field_func(p, idx[S_FUNC]++);
    else if (sp == S_TABLE)
      field_table(p, idx[S_TABLE]++);
    else if (sp == S_MEM)
      field_memory(p, idx[S_MEM]++);
    else if (sp == S_GLOBAL)
      field_global(p, idx[S_GLOBAL]++);
    else if (sp == S_TAG)
      field_tag(p, idx[S_TAG]++);
    else if (tok_is(&kw, "import"))
      idx[field_import(p)]++;
    else if (tok_is(&kw, "export"))
      field_export(p);
    else if (tok_is(&kw, "elem"))
      field_elem(p);
    else if (tok_is(&kw, "data"))
      field_data(p);
    else if (tok_is(&kw, "start")) {
      cw_buf_u32(&p->sec[8], index_of(p, S_FUNC));
      expect_rpar(p);
    }
    for (int s = 0; s < 14; s++)
      if (p->sec[s].failed) fail_at(p, &kw, "out of memory");
  }
}

static void assemble(parser *p, cw_buf *out) {
  static const uint8_t header[8] = {0, 'a', 's', 'm', 1, 0, 0, 0};
  static const uint8_t order[] = {1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11};
  cw_buf_bytes(out, header, 8);
  p->nitems[1] = p->type_entries;
  if (p->nitems[11] || p->uses_data_count) {
    p->nitems[12] = p->nitems[11];
    p->sec[12].len = 0;
  }
  for (size_t i = 0; i < sizeof order; i++) {
    uint8_t id = order[i];
    cw_buf *s = &p->sec[id];
    if (id == 8) {
      if (!p->has_start) continue;
      cw_buf_u8(out, 8);
      cw_buf_vec(out, s->p, s->len);
      continue;
    }
    if (id == 12) {
      if (!(p->nitems[11] || p->uses_data_count)) continue;
      cw_buf cnt = {0};
      cw_buf_u32(&cnt, p->nitems[11]);
      cw_buf_u8(out, 12);
      cw_buf_vec(out, cnt.p, cnt.len);
      cw_buf_free(&cnt);
      continue;
    }
    if (!p->nitems[id]) continue;
    cw_buf cnt = {0};
    cw_buf_u32(&cnt, p->nitems[id]);
    cw_buf_u8(out, id);
    cw_buf_u64(out, cnt.len + s->len);
    cw_buf_bytes(out, cnt.p, cnt.len);
    cw_buf_bytes(out, s->p, s->len);
    cw_buf_free(&cnt);
  }
}

static void parser_free(parser *p) {
  cw_buf_free(&p->scratch);
  for (int i = 0; i < S__N; i++)
    free(p->names[i].slots);
  free(p->locals.slots);
  free(p->opnames.slots);
  free(p->labels);
  for (size_t i = 0; i < p->narena; i++)
    free(p->arena[i]);
  free(p->arena);
  free(p->fields);
  free(p->types);
  free(p->sig_slots);
  cw_buf_free(&p->sigs);
  for (int i = 0; i < 14; i++)
    cw_buf_free(&p->sec[i]);
  cw_buf_free(&p->body);
  cw_buf_free(&p->park);
  for (size_t i = 0; i < sizeof p->pool / sizeof p->pool[0]; i++)
    cw_buf_free(&p->pool[i]);
  free(p->nobind.slots);
  free(p->local_types);
}

/* Parses fields until ')' (or the end of the text when top_level). */
static bool parse_fields(parser *p, cw_lex *lx, bool top_level, cw_buf *out, char *err,
                         size_t errlen) {
  cw_text_fail *outer = lx->fail;
  p->fail.msg = err;
  p->fail.msglen = errlen;
  p->lx = *lx;
  p->lx.fail = &p->fail;
  if (setjmp(p->fail.jb)) {
    *lx = p->lx;
    lx->fail = outer;
    parser_free(p);
    cw_buf_free(out);
    return false;
  }
  for (int i = 0; i < CW_OP__COUNT; i++) {
    const char *nm = cw_opinfo_table[i].name;
    uint32_t dummy;
    if (!map_get(&p->opnames, nm, (uint32_t)strlen(nm), &dummy))
      map_put(p, &p->opnames, nm, (uint32_t)strlen(nm), (uint32_t)i);
  }
  next(p);
  while (p->t.kind == CW_TOK_LPAR)
    scan_field(p);
  if (top_level ? p->t.kind != CW_TOK_EOF : p->t.kind != CW_TOK_RPAR)
    expected(p, top_level ? "a module field or the end of the text" : "a module field or ')'");
  mark end = here(p);
  encode_types(p);
  encode_fields(p);
  assemble(p, out);
  go_to(p, end); /* the lexer is now just after the closing ')' */
  *lx = p->lx;
  lx->fail = outer;
  bool ok = !out->failed;
  if (!ok) {
    snprintf(err, errlen, "%s: out of memory", lx->file);
    cw_buf_free(out);
  }
  parser_free(p);
  return ok;
}

bool cw_wat_fields(cw_lex *lx, cw_buf *out, char *err, size_t errlen) {
  parser p;
  memset(&p, 0, sizeof p);
  return parse_fields(&p, lx, false, out, err, errlen);
}

/* Concatenated strings up to ')' (module binary/quote). */
static bool strings_until_rpar(cw_lex *lx, cw_buf *out, cw_tok *t) {
  for (;;) {
    *t = cw_lex_next(lx);
    if (t->kind != CW_TOK_STRING) return t->kind == CW_TOK_RPAR;
    cw_lex_string(lx, t, out);
  }
}

bool cw_wat_to_wasm(const char *file, const char *text, size_t len, cw_buf *out, char *err,
                    size_t errlen) {
  cw_text_fail fail = {.msg = err, .msglen = errlen};
  cw_lex lx;
  cw_buf quoted = {0};
  *out = (cw_buf){0};
  cw_lex_init(&lx, file, text, len, &fail);
  if (setjmp(fail.jb)) {
    cw_buf_free(&quoted);
    cw_buf_free(out);
    return false;
  }
  cw_lex probe = lx;
  cw_tok a = cw_lex_next(&probe), b = cw_lex_next(&probe);
  if (a.kind == CW_TOK_LPAR && tok_is(&b, "module")) {
    lx = probe;
    cw_lex after_id = lx;
    cw_tok t = cw_lex_next(&after_id);
    if (t.kind == CW_TOK_ID) lx = after_id;
    cw_lex look = lx;
    t = cw_lex_next(&look);
    if (tok_is(&t, "binary") || tok_is(&t, "quote")) {
      bool binary = tok_is(&t, "binary");
      lx = look;
      if (!strings_until_rpar(&lx, &quoted, &t)) {
        char found[64];
        cw_tok_describe(&t, found, sizeof found);
        cw_lex_error_at(&lx, t.line, t.col, "expected a string or ')', found %s", found);
      }
      t = cw_lex_next(&lx);
      if (t.kind != CW_TOK_EOF)
        cw_lex_error_at(&lx, t.line, t.col, "expected the end of the text after the module");
      if (binary) {
        cw_buf_bytes(out, quoted.p, quoted.len);
        cw_buf_free(&quoted);
        if (out->failed) cw_lex_error_at(&lx, t.line, t.col, "out of memory");
        return true;
      }
      bool ok = cw_wat_to_wasm(file, (const char *)quoted.p, quoted.len, out, err, errlen);
      cw_buf_free(&quoted);
      return ok;
    }
    if (!cw_wat_fields(&lx, out, err, errlen)) return false;
    t = cw_lex_next(&lx);
    if (t.kind != CW_TOK_EOF) {
      cw_buf_free(out);
      cw_lex_error_at(&lx, t.line, t.col, "expected the end of the text after the module");
    }
    return true;
  }
  parser p;
  memset(&p, 0, sizeof p);
  return parse_fields(&p, &lx, true, out, err, errlen);
}

bool cw_text_looks_like_wat(const uint8_t *bytes, size_t len) {
  if (len >= 4 && memcmp(bytes, "\0asm", 4) == 0) return false;
  size_t i = 0;
  while (i < len) {
    uint8_t c = bytes[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      i++;
    } else if (c == ';' && i + 1 < len && bytes[i + 1] == ';') {
      while (i < len && bytes[i] != '\n')
        i++;
    } else if (c == '(' && i + 1 < len && bytes[i + 1] == ';') {
      return true; /* a block comment: only text starts like this */
    } else {
      return c == '(';
    }
  }
  return false;
}

cwasi_status cwasi_wat2wasm(const char *text, size_t len, const char *name, uint8_t **out,
                            size_t *out_len, cwasi_error *err) {
  cw_buf b;
  char msg[sizeof err->message];
  *out = NULL;
  *out_len = 0;
  if (!text && len) return cw_error(err, CWASI_ERR_ARG, SIZE_MAX, "text is NULL");
  if (!cw_wat_to_wasm(name ? name : "text", text ? text : "", len, &b, msg, sizeof msg))
    return cw_error(err, CWASI_ERR_MALFORMED, SIZE_MAX, "%s", msg);
  *out = b.p;
  *out_len = b.len;
  if (err) cw_error_clear(err);
  return CWASI_OK;
}
