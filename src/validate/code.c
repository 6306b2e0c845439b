/*
 * code.c — function bodies: the validation algorithm of the spec appendix
 * (operand stack with an Unknown type, control frames with an unreachable
 * flag).
 *
 * Each instruction is handled in two steps: its immediates are read (any
 * encoding problem is CWASI_ERR_MALFORMED, reported before typing), then
 * it is typed against the stacks (problems are CWASI_ERR_INVALID).
 * Instructions whose operand and result types the opcode table gives are
 * typed generically from it; the rest have a case of their own.
 */
#include <inttypes.h>
#include <stdio.h>

#include "decode/reader.h"
#include "validate/internal.h"

static bool fail(validate_ctx *c, cwasi_status status, size_t off, const char *fmt, ...)
    CW_PRINTF(4, 5);

static bool fail(validate_ctx *c, cwasi_status status, size_t off, const char *fmt, ...) {
  char msg[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  c->status = status;
  /* err->offset carries the position; the message names the function. */
  cw_error(c->err, status, off, "func %" PRIu32 ": %s", c->func, msg);
  return false;
}

static bool out_of_memory(validate_ctx *c) {
  c->status = CWASI_ERR_NOMEM;
  cw_error(c->err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory while validating func %" PRIu32,
           c->func);
  return false;
}

static const char *type_name(uint8_t t) {
  return t == VALIDATE_UNKNOWN ? "unknown" : cw_valtype_name(t);
}

/* ---- operand stack ---------------------------------------------------- */

static bool reserve_vals(validate_ctx *c, uint32_t extra) {
  uint64_t need = (uint64_t)c->nvals + extra;
  if (need <= c->vals_cap) return true;
  if (need > UINT32_MAX) return out_of_memory(c);
  uint64_t cap = c->vals_cap ? c->vals_cap : 256;
  while (cap < need)
    cap *= 2;
  if (cap > UINT32_MAX) cap = UINT32_MAX;
  uint8_t *p = cw_realloc_array(c->vals, (size_t)cap, 1);
  if (!p) return out_of_memory(c);
  c->vals = p;
  c->vals_cap = (uint32_t)cap;
  return true;
}

static inline bool push_val(validate_ctx *c, uint8_t t) {
  if (CW_UNLIKELY(c->nvals == c->vals_cap) && !reserve_vals(c, 1)) return false;
  c->vals[c->nvals++] = t;
  return true;
}

static inline bool push_vals(validate_ctx *c, const cw_valtype *types, uint32_t n) {
  if (CW_UNLIKELY(n > c->vals_cap - c->nvals) && !reserve_vals(c, n)) return false;
  for (uint32_t i = 0; i < n; i++)
    c->vals[c->nvals + i] = types[i];
  c->nvals += n;
  return true;
}

static inline validate_frame *top_frame(validate_ctx *c) { return &c->ctrls[c->nctrls - 1]; }

/* Pops any value; Unknown when the current block is unreachable and has
 * nothing of its own left on the stack. */
static inline bool pop_any(validate_ctx *c, size_t off, uint8_t *out) {
  const validate_frame *f = top_frame(c);
  if (c->nvals == f->height) {
    *out = VALIDATE_UNKNOWN;
    if (f->unreachable) return true;
    return fail(c, CWASI_ERR_INVALID, off, "type mismatch: expected a value, the stack is empty");
  }
  *out = c->vals[--c->nvals];
  return true;
}

static inline bool pop_expect(validate_ctx *c, size_t off, uint8_t want) {
  const validate_frame *f = top_frame(c);
  if (c->nvals == f->height) {
    if (f->unreachable) return true;
    return fail(c, CWASI_ERR_INVALID, off, "type mismatch: expected %s, the stack is empty",
                type_name(want));
  }
  uint8_t got = c->vals[--c->nvals];
  if (got != want && got != VALIDATE_UNKNOWN && want != VALIDATE_UNKNOWN)
    return fail(c, CWASI_ERR_INVALID, off, "type mismatch: expected %s, found %s", type_name(want),
                type_name(got));
  return true;
}

static bool pop_vals(validate_ctx *c, size_t off, const cw_valtype *types, uint32_t n) {
  for (uint32_t i = n; i-- > 0;)
    if (!pop_expect(c, off, types[i])) return false;
  return true;
}

/* The appendix's push_vals(pop_vals(types)) for br_table targets: checks
 * the top of the stack against types and leaves the stack as it was. That
 * is the same because whatever pop_vals returns would be pushed straight
 * back; values missing below an unreachable frame's height are Unknown. */
static bool peek_vals(validate_ctx *c, size_t off, const cw_valtype *types, uint32_t n) {
  const validate_frame *f = top_frame(c);
  uint32_t avail = c->nvals - f->height;
  for (uint32_t i = 0; i < n; i++) {
    uint8_t want = types[n - 1 - i];
    if (i >= avail) {
      if (f->unreachable) return true;
      return fail(c, CWASI_ERR_INVALID, off, "type mismatch: expected %s, the stack is empty",
                  type_name(want));
    }
    uint8_t got = c->vals[c->nvals - 1 - i];
    if (got != want && got != VALIDATE_UNKNOWN)
      return fail(c, CWASI_ERR_INVALID, off, "type mismatch: expected %s, found %s",
                  type_name(want), type_name(got));
  }
  return true;
}

/* ---- control stack ---------------------------------------------------- */

typedef struct blocktype {
  uint32_t nparams, nresults;
  const cw_valtype *params, *results;
} blocktype;

static bool push_ctrl(validate_ctx *c, cw_opcode op, const blocktype *bt) {
  if (c->nctrls == c->ctrls_cap) {
    uint32_t cap = c->ctrls_cap ? c->ctrls_cap * 2 : 32;
    if (cap < c->ctrls_cap) return out_of_memory(c);
    validate_frame *p = cw_realloc_array(c->ctrls, cap, sizeof *p);
    if (!p) return out_of_memory(c);
    c->ctrls = p;
    c->ctrls_cap = cap;
  }
  validate_frame *f = &c->ctrls[c->nctrls++];
  f->op = op;
  f->nparams = bt->nparams;
  f->nresults = bt->nresults;
  f->params = bt->params;
  f->results = bt->results;
  f->height = c->nvals;
  f->unreachable = false;
  return push_vals(c, bt->params, bt->nparams);
}

static bool pop_ctrl(validate_ctx *c, size_t off, validate_frame *out) {
  validate_frame *f = top_frame(c);
  if (!pop_vals(c, off, f->results, f->nresults)) return false;
  if (c->nvals != f->height)
    return fail(c, CWASI_ERR_INVALID, off,
                "type mismatch: %" PRIu32 " value(s) left on the stack at the end of the block",
                c->nvals - f->height);
  *out = *f;
  c->nctrls--;
  return true;
}

static void set_unreachable(validate_ctx *c) {
  validate_frame *f = top_frame(c);
  c->nvals = f->height;
  f->unreachable = true;
}

/* A tail call returns the callee's results as the caller's own: they must
 * be the same types (Wasm 3.0 without subtyping: equal). */
static bool tail_results(validate_ctx *c, size_t off, const cw_functype *callee) {
  const validate_frame *f = &c->ctrls[0];
  if (callee->nresults != f->nresults ||
      (f->nresults &&
       memcmp(cw_functype_results(callee), f->results, f->nresults * sizeof *f->results) != 0))
    return fail(c, CWASI_ERR_INVALID, off,
                "type mismatch: a tail call's results must be the function's results");
  return true;
}

/* A branch to a loop goes back to its start, so it carries the params. */
static inline void label_types(const validate_frame *f, const cw_valtype **types, uint32_t *n) {
  if (f->op == CW_OP_LOOP) {
    *types = f->params;
    *n = f->nparams;
  } else {
    *types = f->results;
    *n = f->nresults;
  }
}

/* ---- immediates ------------------------------------------------------- */

typedef struct immediates {
  uint32_t a, b; /* indices: label, func, local, ...; memarg align (a) and offset (b) */
  size_t labels; /* br_table: where the label vector starts (a = its length) */
  uint8_t t;     /* select t's type, ref.null's type, a block's single result */
  int64_t bt;    /* block type: -1 empty, -2 single result t, else a type index */
  uint8_t lane;  /* a lane index; for i8x16.shuffle the largest of the 16 */
} immediates;

static void read_zero_byte(cw_reader *r) {
  size_t at = r->pos;
  uint8_t b;
  if (cw_read_u8(r, &b) && b != 0) cw_reader_fail(r, at, "zero byte expected");
}

/* Reads the immediates of op; encoding errors are left in r. */
static void read_immediates(cw_reader *r, cw_imm kind, immediates *im) {
  int64_t s;
  int32_t s32;
  uint32_t u;
  uint64_t bits;
  uint8_t b;
  switch (kind) {
  case CW_IMM_NONE: break;
  case CW_IMM_BLOCKTYPE:
    if (r->pos < r->end && r->base[r->pos] == 0x40) {
      r->pos++;
      im->bt = -1;
    } else if (r->pos < r->end && cw_is_valtype(r->base[r->pos])) {
      im->t = r->base[r->pos++];
      im->bt = -2;
    } else {
      size_t at = r->pos;
      if (cw_read_s33(r, &s) && s < 0) cw_reader_fail(r, at, "malformed value type");
      im->bt = s;
    }
    break;
  case CW_IMM_LABEL:
  case CW_IMM_FUNC:
  case CW_IMM_LOCAL:
  case CW_IMM_GLOBAL:
  case CW_IMM_TABLE:
  case CW_IMM_DATA:
  case CW_IMM_ELEM: cw_read_u32(r, &im->a); break;
  case CW_IMM_BR_TABLE:
    cw_read_u32(r, &im->a);
    im->labels = r->pos;
    for (uint32_t i = 0; i < im->a && !r->failed; i++)
      cw_read_u32(r, &u);
    cw_read_u32(r, &im->b);
    break;
  case CW_IMM_CALL_INDIRECT:
  case CW_IMM_ELEM_TABLE:
  case CW_IMM_TABLE_TABLE:
  case CW_IMM_MEMARG:
    cw_read_u32(r, &im->a);
    cw_read_u32(r, &im->b);
    break;
  case CW_IMM_MEMIDX: read_zero_byte(r); break;
  case CW_IMM_MEM_MEM:
    read_zero_byte(r);
    read_zero_byte(r);
    break;
  case CW_IMM_DATA_MEM:
    cw_read_u32(r, &im->a);
    read_zero_byte(r);
    break;
  case CW_IMM_I32: cw_read_s32(r, &s32); break;
  case CW_IMM_I64: cw_read_s64(r, &s); break;
  case CW_IMM_F32: cw_read_f32(r, &u); break;
  case CW_IMM_F64: cw_read_f64(r, &bits); break;
  case CW_IMM_SELECT_T:
    /* A length other than 1 is a typing error ("invalid result arity"),
     * reported by the caller; the types are not read then. */
    if (cw_read_u32(r, &im->a) && im->a == 1) {
      size_t at = r->pos;
      if (cw_read_u8(r, &b) && !cw_is_valtype(b)) cw_reader_fail(r, at, "malformed value type");
      im->t = b;
    }
    break;
  case CW_IMM_REFTYPE: {
    size_t at = r->pos;
    if (cw_read_u8(r, &b) && !cw_is_reftype(b)) cw_reader_fail(r, at, "malformed reference type");
    im->t = b;
    break;
  }
  case CW_IMM_V128:
    for (int i = 0; i < 16; i++)
      cw_read_u8(r, &b);
    break;
  case CW_IMM_SHUFFLE:
    for (int i = 0; i < 16; i++)
      if (cw_read_u8(r, &b) && b > im->lane) im->lane = b;
    break;
  case CW_IMM_MEMARG_LANE:
    cw_read_u32(r, &im->a);
    cw_read_u32(r, &im->b);
    cw_read_u8(r, &im->lane);
    break;
  case CW_IMM_LANE: cw_read_u8(r, &im->lane); break;
  }
}

/* ---- index-space lookups ---------------------------------------------- */

static const cw_valtype single_types[] = {CWASI_I32,  CWASI_I64,     CWASI_F32,      CWASI_F64,
                                          CWASI_V128, CWASI_FUNCREF, CWASI_EXTERNREF};

static bool resolve_blocktype(validate_ctx *c, size_t off, const immediates *im, blocktype *bt) {
  memset(bt, 0, sizeof *bt);
  if (im->bt == -1) return true;
  if (im->bt == -2) {
    for (size_t i = 0; i < CW_ARRAY_LEN(single_types); i++)
      if (single_types[i] == im->t) bt->results = &single_types[i];
    bt->nresults = 1;
    return true;
  }
  if ((uint64_t)im->bt >= c->m->ntypes)
    return fail(c, CWASI_ERR_INVALID, off, "unknown type %" PRId64, im->bt);
  const cw_functype *ft = &c->m->types[im->bt];
  bt->nparams = ft->nparams;
  bt->nresults = ft->nresults;
  bt->params = cw_functype_params(ft);
  bt->results = cw_functype_results(ft);
  return true;
}

static bool get_label(validate_ctx *c, size_t off, uint32_t depth, const validate_frame **out) {
  if (depth >= c->nctrls) return fail(c, CWASI_ERR_INVALID, off, "unknown label %" PRIu32, depth);
  *out = &c->ctrls[c->nctrls - 1 - depth];
  return true;
}

static bool get_table(validate_ctx *c, size_t off, uint32_t x, uint8_t *elemtype) {
  if (x >= c->m->ntables) return fail(c, CWASI_ERR_INVALID, off, "unknown table %" PRIu32, x);
  *elemtype = c->m->tables[x].elemtype;
  return true;
}

static bool get_elem(validate_ctx *c, size_t off, uint32_t x, uint8_t *type) {
  if (x >= c->m->nelems) return fail(c, CWASI_ERR_INVALID, off, "unknown elem segment %" PRIu32, x);
  *type = c->m->elems[x].type;
  return true;
}

static bool need_memory(validate_ctx *c, size_t off) {
  if (c->m->nmems == 0) return fail(c, CWASI_ERR_INVALID, off, "unknown memory 0");
  return true;
}

/* memory.init and data.drop: the binary format requires a data count
 * section before the code so that a one-pass validator knows how many
 * segments there are. An index that no data segment has is reported as
 * invalid even then: such a module is wrong whichever way it is encoded
 * (text-format tests that use a missing segment are converted to binaries
 * without a data count section). */
static bool check_data(validate_ctx *c, size_t off, uint32_t x) {
  if (x >= c->m->ndatas) return fail(c, CWASI_ERR_INVALID, off, "unknown data segment %" PRIu32, x);
  if (!c->m->has_datacount) return fail(c, CWASI_ERR_MALFORMED, off, "data count section required");
  return true;
}

static inline bool is_num(uint8_t t) {
  return t == CWASI_I32 || t == CWASI_I64 || t == CWASI_F32 || t == CWASI_F64 ||
         t == VALIDATE_UNKNOWN;
}
static inline bool is_vec(uint8_t t) { return t == CWASI_V128 || t == VALIDATE_UNKNOWN; }

/* log2 of a load/store's natural alignment (width 1, 2, 4, 8 or 16). */
static uint32_t natural_align(uint8_t width) {
  uint32_t a = 0;
  while ((1u << a) < width)
    a++;
  return a;
}

/* Typing of the instructions whose operand types the table gives; only
 * their immediates need checks of their own. */
static bool check_simple(validate_ctx *c, size_t off, cw_opcode op, const immediates *im) {
  const cw_opinfo *info = &cw_opinfo_table[op];
  uint8_t t1 = 0, t2 = 0;
  switch (info->imm) {
  case CW_IMM_LANE:
    if (im->lane >= 16 / info->width)
      return fail(c, CWASI_ERR_INVALID, off, "invalid lane index %u", im->lane);
    break;
  case CW_IMM_SHUFFLE:
    if (im->lane >= 32) return fail(c, CWASI_ERR_INVALID, off, "invalid lane index %u", im->lane);
    break;
  case CW_IMM_MEMARG_LANE:
  case CW_IMM_MEMARG:
    if (info->imm == CW_IMM_MEMARG_LANE && im->lane >= 16 / info->width)
      return fail(c, CWASI_ERR_INVALID, off, "invalid lane index %u", im->lane);
    if (!need_memory(c, off)) return false;
    if (im->a > natural_align(info->width))
      return fail(c, CWASI_ERR_INVALID, off,
                  "alignment must not be larger than natural (2**%" PRIu32 " > %u)", im->a,
                  info->width);
    break;
  case CW_IMM_MEMIDX:
  case CW_IMM_MEM_MEM:
    if (!need_memory(c, off)) return false;
    break;
  case CW_IMM_DATA_MEM:
    if (!need_memory(c, off) || !check_data(c, off, im->a)) return false;
    break;
  case CW_IMM_DATA:
    if (!check_data(c, off, im->a)) return false;
    break;
  case CW_IMM_TABLE:
    if (!get_table(c, off, im->a, &t1)) return false;
    break;
  case CW_IMM_ELEM:
    if (!get_elem(c, off, im->a, &t1)) return false;
    break;
  case CW_IMM_ELEM_TABLE: /* table.init: elem a into table b */
    if (!get_table(c, off, im->b, &t1) || !get_elem(c, off, im->a, &t2)) return false;
    if (t1 != t2)
      return fail(c, CWASI_ERR_INVALID, off, "type mismatch: %s segment into a %s table",
                  type_name(t2), type_name(t1));
    break;
  case CW_IMM_TABLE_TABLE: /* table.copy: table b into table a */
    if (!get_table(c, off, im->a, &t1) || !get_table(c, off, im->b, &t2)) return false;
    if (t1 != t2)
      return fail(c, CWASI_ERR_INVALID, off, "type mismatch: copying a %s table into a %s table",
                  type_name(t2), type_name(t1));
    break;
  default: break;
  }
  for (int i = 2; i >= 0; i--)
    if (info->params[i] != CW_T_NONE && !pop_expect(c, off, info->params[i])) return false;
  if (info->result != CW_T_NONE) return push_val(c, info->result);
  return true;
}

/* ---- the instruction loop --------------------------------------------- */

static bool check_br_table(validate_ctx *c, size_t off, const immediates *im) {
  const validate_frame *f = NULL;
  const cw_valtype *types;
  uint32_t n, arity;
  if (!pop_expect(c, off, CWASI_I32) || !get_label(c, off, im->b, &f)) return false;
  label_types(f, &types, &arity);
  /* Immediates were read successfully once already. */
  cw_reader r;
  cw_reader_init(&r, c->m->bytes, im->labels, c->m->len);
  for (uint32_t i = 0; i < im->a; i++) {
    uint32_t depth;
    cw_read_u32(&r, &depth);
    if (!get_label(c, off, depth, &f)) return false;
    label_types(f, &types, &n);
    if (n != arity)
      return fail(c, CWASI_ERR_INVALID, off,
                  "type mismatch: br_table target %" PRIu32 " has %" PRIu32
                  " value(s), the default %" PRIu32,
                  depth, n, arity);
    if (!peek_vals(c, off, types, n)) return false;
  }
  get_label(c, off, im->b, &f);
  label_types(f, &types, &n);
  if (!pop_vals(c, off, types, n)) return false;
  set_unreachable(c);
  return true;
}

static bool check_instr(validate_ctx *c, size_t off, cw_opcode op, const immediates *im,
                        const cw_functype *ft, const cw_func *fn) {
  const cw_module *m = c->m;
  const validate_frame *lf = NULL;
  const cw_valtype *types;
  uint32_t n;
  uint8_t t1 = 0, t2 = 0;
  blocktype bt;
  validate_frame done;

  switch (op) {
  case CW_OP_UNREACHABLE: set_unreachable(c); return true;
  case CW_OP_NOP: return true;
  case CW_OP_BLOCK:
  case CW_OP_LOOP:
    return resolve_blocktype(c, off, im, &bt) && pop_vals(c, off, bt.params, bt.nparams) &&
           push_ctrl(c, op, &bt);
  case CW_OP_IF:
    return resolve_blocktype(c, off, im, &bt) && pop_expect(c, off, CWASI_I32) &&
           pop_vals(c, off, bt.params, bt.nparams) && push_ctrl(c, op, &bt);
  case CW_OP_ELSE:
    if (top_frame(c)->op != CW_OP_IF)
      return fail(c, CWASI_ERR_MALFORMED, off, "misplaced ELSE opcode");
    if (!pop_ctrl(c, off, &done)) return false;
    bt = (blocktype){done.nparams, done.nresults, done.params, done.results};
    return push_ctrl(c, CW_OP_ELSE, &bt);
  case CW_OP_END:
    if (!pop_ctrl(c, off, &done)) return false;
    /* An if without else has an empty else branch, which must turn the
     * params into the results. */
    if (done.op == CW_OP_IF &&
        (done.nparams != done.nresults ||
         (done.nparams && memcmp(done.params, done.results, done.nparams) != 0)))
      return fail(c, CWASI_ERR_INVALID, off,
                  "type mismatch: if without else must have matching params and results");
    return c->nctrls == 0 || push_vals(c, done.results, done.nresults);
  case CW_OP_BR:
    if (!get_label(c, off, im->a, &lf)) return false;
    label_types(lf, &types, &n);
    if (!pop_vals(c, off, types, n)) return false;
    set_unreachable(c);
    return true;
  case CW_OP_BR_IF:
    if (!get_label(c, off, im->a, &lf) || !pop_expect(c, off, CWASI_I32)) return false;
    label_types(lf, &types, &n);
    return pop_vals(c, off, types, n) && push_vals(c, types, n);
  case CW_OP_BR_TABLE: return check_br_table(c, off, im);
  case CW_OP_RETURN:
    if (!pop_vals(c, off, c->ctrls[0].results, c->ctrls[0].nresults)) return false;
    set_unreachable(c);
    return true;
  case CW_OP_CALL: {
    if (im->a >= m->nfuncs)
      return fail(c, CWASI_ERR_INVALID, off, "unknown function %" PRIu32, im->a);
    const cw_functype *callee = cw_module_func_type(m, im->a);
    return pop_vals(c, off, cw_functype_params(callee), callee->nparams) &&
           push_vals(c, cw_functype_results(callee), callee->nresults);
  }
  case CW_OP_CALL_INDIRECT: {
    if (!get_table(c, off, im->b, &t1)) return false;
    if (t1 != CWASI_FUNCREF)
      return fail(c, CWASI_ERR_INVALID, off, "type mismatch: call_indirect through a %s table",
                  type_name(t1));
    if (im->a >= m->ntypes) return fail(c, CWASI_ERR_INVALID, off, "unknown type %" PRIu32, im->a);
    const cw_functype *callee = &m->types[im->a];
    return pop_expect(c, off, CWASI_I32) &&
           pop_vals(c, off, cw_functype_params(callee), callee->nparams) &&
           push_vals(c, cw_functype_results(callee), callee->nresults);
  }
  case CW_OP_RETURN_CALL: {
    if (im->a >= m->nfuncs)
      return fail(c, CWASI_ERR_INVALID, off, "unknown function %" PRIu32, im->a);
    const cw_functype *callee = cw_module_func_type(m, im->a);
    return tail_results(c, off, callee) &&
           pop_vals(c, off, cw_functype_params(callee), callee->nparams) &&
           (set_unreachable(c), true);
  }
  case CW_OP_RETURN_CALL_INDIRECT: {
    if (!get_table(c, off, im->b, &t1)) return false;
    if (t1 != CWASI_FUNCREF)
      return fail(c, CWASI_ERR_INVALID, off,
                  "type mismatch: return_call_indirect through a %s table", type_name(t1));
    if (im->a >= m->ntypes) return fail(c, CWASI_ERR_INVALID, off, "unknown type %" PRIu32, im->a);
    const cw_functype *callee = &m->types[im->a];
    return tail_results(c, off, callee) && pop_expect(c, off, CWASI_I32) &&
           pop_vals(c, off, cw_functype_params(callee), callee->nparams) &&
           (set_unreachable(c), true);
  }
  case CW_OP_DROP: return pop_any(c, off, &t1);
  case CW_OP_SELECT:
    if (!pop_expect(c, off, CWASI_I32) || !pop_any(c, off, &t1) || !pop_any(c, off, &t2))
      return false;
    if (!((is_num(t1) && is_num(t2)) || (is_vec(t1) && is_vec(t2))))
      return fail(c, CWASI_ERR_INVALID, off,
                  "type mismatch: select without a type needs numeric operands, found %s and %s",
                  type_name(t2), type_name(t1));
    if (t1 != t2 && t1 != VALIDATE_UNKNOWN && t2 != VALIDATE_UNKNOWN)
      return fail(c, CWASI_ERR_INVALID, off, "type mismatch: select of %s and %s", type_name(t2),
                  type_name(t1));
    return push_val(c, t1 == VALIDATE_UNKNOWN ? t2 : t1);
  case CW_OP_SELECT_T:
    if (im->a != 1)
      return fail(c, CWASI_ERR_INVALID, off, "invalid result arity %" PRIu32 " for select", im->a);
    return pop_expect(c, off, CWASI_I32) && pop_expect(c, off, im->t) &&
           pop_expect(c, off, im->t) && push_val(c, im->t);
  case CW_OP_LOCAL_GET:
  case CW_OP_LOCAL_SET:
  case CW_OP_LOCAL_TEE:
    if (im->a < ft->nparams) {
      t1 = cw_functype_params(ft)[im->a];
    } else if (im->a - ft->nparams < fn->nlocals) {
      t1 = fn->locals[im->a - ft->nparams];
    } else {
      return fail(c, CWASI_ERR_INVALID, off, "unknown local %" PRIu32, im->a);
    }
    if (op == CW_OP_LOCAL_GET) return push_val(c, t1);
    if (!pop_expect(c, off, t1)) return false;
    return op == CW_OP_LOCAL_SET || push_val(c, t1);
  case CW_OP_GLOBAL_GET:
  case CW_OP_GLOBAL_SET:
    if (im->a >= m->nglobals)
      return fail(c, CWASI_ERR_INVALID, off, "unknown global %" PRIu32, im->a);
    if (op == CW_OP_GLOBAL_GET) return push_val(c, m->globals[im->a].type);
    if (!m->globals[im->a].mut)
      return fail(c, CWASI_ERR_INVALID, off, "global is immutable: global %" PRIu32, im->a);
    return pop_expect(c, off, m->globals[im->a].type);
  case CW_OP_TABLE_GET:
    return get_table(c, off, im->a, &t1) && pop_expect(c, off, CWASI_I32) && push_val(c, t1);
  case CW_OP_TABLE_SET:
    return get_table(c, off, im->a, &t1) && pop_expect(c, off, t1) && pop_expect(c, off, CWASI_I32);
  case CW_OP_TABLE_GROW:
    return get_table(c, off, im->a, &t1) && pop_expect(c, off, CWASI_I32) &&
           pop_expect(c, off, t1) && push_val(c, CWASI_I32);
  case CW_OP_TABLE_FILL:
    return get_table(c, off, im->a, &t1) && pop_expect(c, off, CWASI_I32) &&
           pop_expect(c, off, t1) && pop_expect(c, off, CWASI_I32);
  case CW_OP_REF_NULL: return push_val(c, im->t);
  case CW_OP_REF_IS_NULL:
    if (!pop_any(c, off, &t1)) return false;
    if (t1 != VALIDATE_UNKNOWN && !cw_is_reftype(t1))
      return fail(c, CWASI_ERR_INVALID, off, "type mismatch: expected a reference, found %s",
                  type_name(t1));
    return push_val(c, CWASI_I32);
  case CW_OP_REF_FUNC:
    if (im->a >= m->nfuncs)
      return fail(c, CWASI_ERR_INVALID, off, "unknown function %" PRIu32, im->a);
    if (!c->refs[im->a])
      return fail(c, CWASI_ERR_INVALID, off, "undeclared function reference to func %" PRIu32,
                  im->a);
    return push_val(c, CWASI_FUNCREF);
  default: return check_simple(c, off, op, im);
  }
}

/* One-byte opcodes through the context's table, the rest (0xFC and
 * unknown bytes) through cw_read_opcode for its checks and messages. */
static inline bool read_opcode(const validate_ctx *c, cw_reader *r, cw_opcode *op) {
  if (CW_LIKELY(r->pos < r->end)) {
    uint16_t o = c->op_of_byte[r->base[r->pos]];
    if (CW_LIKELY(o != 0)) {
      r->pos++;
      *op = (cw_opcode)(o - 1);
      return true;
    }
  }
  return cw_read_opcode(r, op);
}

void validate_init_opcodes(validate_ctx *c) {
  for (int i = 0; i < CW_OP__COUNT; i++)
    if (cw_opinfo_table[i].prefix == 0) c->op_of_byte[cw_opinfo_table[i].code] = (uint16_t)(i + 1);
}

static bool reader_failed(validate_ctx *c, const cw_reader *r) {
  const char *msg = r->err_msg ? r->err_msg : "malformed instruction";
  if (strcmp(msg, "unexpected end") == 0) msg = "unexpected end of section or function";
  return fail(c, CWASI_ERR_MALFORMED, r->err_offset, "%s", msg);
}

/*
 * Reads the rest of a body for its encoding only. The spec decodes the
 * whole module before validating it, so a malformed instruction anywhere
 * wins over a typing error found earlier: after one, the remaining code is
 * still read, and an encoding error found replaces the typing error.
 * depth is the number of open blocks, the function's own included.
 */
static bool scan_encoding(validate_ctx *c, cw_reader *r, uint32_t depth) {
  while (depth > 0) {
    size_t off = r->pos;
    if (cw_reader_eof(r))
      return fail(c, CWASI_ERR_MALFORMED, off,
                  "END opcode expected (unexpected end of section or function)");
    cw_opcode op;
    immediates im = {0};
    if (read_opcode(c, r, &op)) read_immediates(r, cw_opinfo_table[op].imm, &im);
    if (r->failed) return reader_failed(c, r);
    switch (op) {
    case CW_OP_BLOCK:
    case CW_OP_LOOP:
    case CW_OP_IF: depth++; break;
    case CW_OP_END: depth--; break;
    case CW_OP_MEMORY_INIT:
    case CW_OP_DATA_DROP:
      if (!c->m->has_datacount && im.a < c->m->ndatas)
        return fail(c, CWASI_ERR_MALFORMED, off, "data count section required");
      break;
    default: break;
    }
  }
  if (!cw_reader_eof(r))
    return fail(c, CWASI_ERR_MALFORMED, r->pos,
                "section size mismatch: operators remaining after end of function");
  return true;
}

bool validate_code_encoding(validate_ctx *c, uint32_t funcidx) {
  const cw_func *fn = &c->m->funcs[funcidx - c->m->nimported_funcs];
  cw_reader r;
  cw_reader_init(&r, c->m->bytes, fn->body_offset, fn->body_end);
  c->func = funcidx;
  return scan_encoding(c, &r, 1);
}

bool validate_code(validate_ctx *c, uint32_t funcidx) {
  const cw_module *m = c->m;
  const cw_func *fn = &m->funcs[funcidx - m->nimported_funcs];
  const cw_functype *ft = cw_module_func_type(m, funcidx);
  cw_reader r;
  cw_reader_init(&r, m->bytes, fn->body_offset, fn->body_end);
  c->func = funcidx;
  c->nvals = 0;
  c->nctrls = 0;

  /* The function body is a block whose label is the function's return. */
  blocktype body = {0, ft->nresults, NULL, cw_functype_results(ft)};
  if (!push_ctrl(c, CW_OP_BLOCK, &body)) return false;

  while (c->nctrls > 0) {
    size_t off = r.pos;
    if (cw_reader_eof(&r))
      return fail(c, CWASI_ERR_MALFORMED, off,
                  "END opcode expected (unexpected end of section or function)");
    cw_opcode op;
    immediates im = {0};
    if (read_opcode(c, &r, &op)) read_immediates(&r, cw_opinfo_table[op].imm, &im);
    if (r.failed) return reader_failed(c, &r);
    uint32_t depth = c->nctrls;
    if (!check_instr(c, off, op, &im, ft, fn)) {
      if (c->status != CWASI_ERR_INVALID) return false;
      if (op == CW_OP_BLOCK || op == CW_OP_LOOP || op == CW_OP_IF) depth++;
      if (op == CW_OP_END) depth--;
      scan_encoding(c, &r, depth);
      return false;
    }
  }
  if (!cw_reader_eof(&r))
    return fail(c, CWASI_ERR_MALFORMED, r.pos,
                "section size mismatch: operators remaining after end of function");
  return true;
}
