/*
 * translate.c — a valid function body → internal code (see code.h).
 *
 * One pass over the body. Because the module has been validated, the
 * translator mirrors the validator's operand stack with the value types
 * only (no checking), which tells it the height in slots before every
 * instruction; each branch is then resolved to (target, slots kept,
 * slots dropped) and most become plain jumps. Forward branches are
 * chained through their target words and patched at the block's `end`.
 * Code after br, br_table, return and unreachable cannot run and is
 * skipped up to the `else` / `end` that makes code reachable again.
 *
 * Validity is trusted but not assumed blindly: anything unexpected (a
 * stack underflow, a bad index) stops translation with an error instead
 * of producing wrong code.
 */
#include "interp/code.h"
#include "interp/interp.h"

#include "decode/reader.h"

#define NO_CELL UINT32_MAX

enum { CTL_FUNC, CTL_BLOCK, CTL_LOOP, CTL_IF };

typedef struct ctl {
  uint8_t kind;
  bool has_typeidx, has_single;
  cw_valtype single; /* the one result of a valtype block type */
  uint32_t typeidx;  /* a type-index block type */
  uint32_t height;   /* operand stack depth (values) at entry, below the params */
  uint32_t slots;    /* the same in slots */
  uint32_t param_slots, result_slots;
  uint32_t start;     /* loop: position of the loop head */
  uint32_t fwd;       /* chain of target words waiting for the end position */
  uint32_t else_cell; /* if: target word of the IF jump, until else or end */
} ctl;

typedef struct tr {
  const cw_module *m;
  cw_reader r;
  uint32_t *code;
  size_t len, cap;
  cw_valtype *types; /* operand stack, types only */
  size_t ntypes, types_cap;
  uint32_t slots, max_slots;
  ctl *ctls;
  size_t nctls, ctls_cap;
  const cw_functype *ftype;
  uint32_t nlocals;
  uint32_t *local_off; /* slot offset of each local from fp */
  cw_valtype *local_type;
  bool unreachable;    /* skipping dead code */
  uint32_t skip_depth; /* blocks opened inside the dead code */
  bool oom;
  const char *bad; /* first inconsistency found */
  size_t bad_offset;
} tr;

typedef struct imm {
  uint32_t a, b;
  int64_t s;
  uint64_t bits;
  size_t vec_pos; /* br_table: where the label vector starts */
  uint32_t count;
  cw_valtype vt;
} imm;

static void fail(tr *t, const char *msg) {
  if (!t->bad) {
    t->bad = msg;
    t->bad_offset = t->r.pos;
  }
}

/* ---- emission ------------------------------------------------------------ */

/* Makes room for n more words. Every instruction reserves before emitting,
 * so emit() itself cannot fail. */
static bool reserve(tr *t, size_t n) {
  if (t->len + n <= t->cap) return true;
  size_t cap = t->cap ? t->cap * 2 : 64;
  while (cap < t->len + n)
    cap *= 2;
  if (cap > UINT32_MAX) {
    fail(t, "function too large");
    return false;
  }
  uint32_t *p = cw_realloc_array(t->code, cap, sizeof *p);
  if (!p) {
    t->oom = true;
    return false;
  }
  t->code = p;
  t->cap = cap;
  return true;
}

static uint32_t emit(tr *t, uint32_t w) {
  t->code[t->len] = w;
  return (uint32_t)t->len++;
}

static void emit_u64(tr *t, uint64_t v) {
  emit(t, (uint32_t)v);
  emit(t, (uint32_t)(v >> 32));
}

static void patch_chain(tr *t, uint32_t cell, uint32_t target) {
  while (cell != NO_CELL) {
    uint32_t next = t->code[cell];
    t->code[cell] = target - cell; /* wraps for backward targets: read as int32_t */
    cell = next;
  }
}

/* ---- the type stack ----------------------------------------------------- */

static void push(tr *t, cw_valtype v) {
  if (t->ntypes == t->types_cap) {
    size_t cap = t->types_cap ? t->types_cap * 2 : 32;
    cw_valtype *p = cw_realloc_array(t->types, cap, 1);
    if (!p) {
      t->oom = true;
      return;
    }
    t->types = p;
    t->types_cap = cap;
  }
  t->types[t->ntypes++] = v;
  t->slots += cw_slots_for(v);
  if (t->slots > t->max_slots) t->max_slots = t->slots;
}

static cw_valtype pop(tr *t) {
  uint32_t floor = t->nctls ? t->ctls[t->nctls - 1].height : 0;
  if (t->ntypes <= floor) {
    fail(t, "operand stack underflow");
    return CWASI_I32;
  }
  cw_valtype v = t->types[--t->ntypes];
  t->slots -= cw_slots_for(v);
  return v;
}

static void pop_n(tr *t, uint32_t n) {
  while (n-- && !t->bad)
    pop(t);
}

static void push_all(tr *t, const cw_valtype *v, uint32_t n) {
  for (uint32_t i = 0; i < n && !t->oom; i++)
    push(t, v[i]);
}

static uint32_t slots_of(const cw_valtype *v, uint32_t n) {
  uint32_t s = 0;
  for (uint32_t i = 0; i < n; i++)
    s += cw_slots_for(v[i]);
  return s;
}

/* Only one-slot values are supported by DROP, SELECT and the local
 * operations for now; v128 (two slots) arrives with SIMD. */
static void need_one_slot(tr *t, cw_valtype v) {
  if (cw_slots_for(v) != 1) fail(t, "v128 values are not supported yet");
}

/* ---- control frames ------------------------------------------------------- */

static void bt_params(const tr *t, const ctl *c, const cw_valtype **v, uint32_t *n) {
  *v = NULL;
  *n = 0;
  if (c->has_typeidx) {
    *v = cw_functype_params(&t->m->types[c->typeidx]);
    *n = t->m->types[c->typeidx].nparams;
  }
}

static void bt_results(const tr *t, const ctl *c, const cw_valtype **v, uint32_t *n) {
  *v = NULL;
  *n = 0;
  if (c->has_typeidx) {
    *v = cw_functype_results(&t->m->types[c->typeidx]);
    *n = t->m->types[c->typeidx].nresults;
  } else if (c->has_single) {
    *v = &c->single;
    *n = 1;
  }
}

/* Opens a block of the given block type; the params are already on the
 * type stack and stay there. */
static ctl *open_ctl(tr *t, uint8_t kind, int64_t bt) {
  if (t->nctls == t->ctls_cap) {
    size_t cap = t->ctls_cap ? t->ctls_cap * 2 : 16;
    ctl *p = cw_realloc_array(t->ctls, cap, sizeof *p);
    if (!p) {
      t->oom = true;
      return NULL;
    }
    t->ctls = p;
    t->ctls_cap = cap;
  }
  ctl *c = &t->ctls[t->nctls];
  memset(c, 0, sizeof *c);
  c->kind = (uint8_t)kind;
  if (bt >= 0) {
    if ((uint64_t)bt >= t->m->ntypes) {
      fail(t, "unknown block type");
      return NULL;
    }
    c->has_typeidx = true;
    c->typeidx = (uint32_t)bt;
  } else if (bt != -64) { /* 0x40: no params, no results */
    c->has_single = true;
    c->single = (cw_valtype)(bt & 0x7F);
  }
  const cw_valtype *v;
  uint32_t np, nr;
  bt_params(t, c, &v, &np);
  c->param_slots = slots_of(v, np);
  bt_results(t, c, &v, &nr);
  c->result_slots = slots_of(v, nr);
  uint32_t floor = t->nctls ? t->ctls[t->nctls - 1].height : 0;
  if (t->ntypes < floor + np || t->slots < c->param_slots) {
    fail(t, "operand stack underflow");
    return NULL;
  }
  c->height = (uint32_t)t->ntypes - np;
  c->slots = t->slots - c->param_slots;
  c->start = (uint32_t)t->len;
  c->fwd = NO_CELL;
  c->else_cell = NO_CELL;
  t->nctls++;
  return c;
}

/* Resets the type stack to the block's entry height plus `types`. */
static void reset_to(tr *t, const ctl *c, bool params) {
  const cw_valtype *v;
  uint32_t n;
  if (params)
    bt_params(t, c, &v, &n);
  else
    bt_results(t, c, &v, &n);
  t->ntypes = c->height;
  t->slots = c->slots;
  push_all(t, v, n);
}

/* Links a branch's target word to label c. */
static void link_target(tr *t, ctl *c, uint32_t cell) {
  if (c->kind == CTL_LOOP) {
    t->code[cell] = c->start - cell;
  } else {
    t->code[cell] = c->fwd;
    c->fwd = cell;
  }
}

static ctl *label(tr *t, uint32_t depth) {
  if (depth >= t->nctls) {
    fail(t, "unknown label");
    return NULL;
  }
  return &t->ctls[t->nctls - 1 - depth];
}

/* Slots a branch to c keeps and drops from the current height. */
static bool branch_shape(tr *t, const ctl *c, uint32_t *keep, uint32_t *drop) {
  *keep = c->kind == CTL_LOOP ? c->param_slots : c->result_slots;
  if (t->slots < c->slots + *keep) {
    fail(t, "operand stack underflow at branch");
    return false;
  }
  *drop = t->slots - c->slots - *keep;
  return true;
}

static void emit_return(tr *t) {
  emit(t, IOP_RETURN);
  emit(t, slots_of(cw_functype_results(t->ftype), t->ftype->nresults));
}

/* br / br_if (cond already popped from the type stack). */
static void emit_branch(tr *t, uint32_t depth, bool cond) {
  ctl *c = label(t, depth);
  if (!c) return;
  if (c->kind == CTL_FUNC) { /* a branch to the function's label is a return */
    if (cond) {
      emit(t, IOP_IF);
      uint32_t skip = emit(t, NO_CELL);
      emit_return(t);
      patch_chain(t, skip, (uint32_t)t->len);
    } else {
      emit_return(t);
    }
    return;
  }
  uint32_t keep, drop;
  if (!branch_shape(t, c, &keep, &drop)) return;
  if (drop == 0) {
    emit(t, cond ? IOP_BR_IF : IOP_BR);
    link_target(t, c, emit(t, 0));
  } else {
    emit(t, cond ? IOP_BR_IF_UNWIND : IOP_BR_UNWIND);
    link_target(t, c, emit(t, 0));
    emit(t, keep);
    emit(t, drop);
  }
}

static void emit_br_table(tr *t, const imm *im) {
  cw_reader r;
  cw_reader_init(&r, t->r.base, im->vec_pos, t->r.end);
  size_t n = (size_t)im->count;
  if (!reserve(t, 2 + 3 * (n + 1) + 2)) return;
  emit(t, IOP_BR_TABLE);
  emit(t, im->count);
  uint32_t returns = NO_CELL; /* entries that leave the function */
  for (size_t i = 0; i <= n && !t->bad; i++) {
    uint32_t depth;
    if (!cw_read_u32(&r, &depth)) {
      fail(t, "bad br_table");
      return;
    }
    ctl *c = label(t, depth);
    if (!c) return;
    uint32_t keep = 0, drop = 0;
    if (c->kind == CTL_FUNC) {
      uint32_t cell = emit(t, returns);
      returns = cell;
    } else {
      if (!branch_shape(t, c, &keep, &drop)) return;
      link_target(t, c, emit(t, 0));
    }
    emit(t, keep);
    emit(t, drop);
  }
  if (returns != NO_CELL) {
    patch_chain(t, returns, (uint32_t)t->len);
    emit_return(t);
  }
}

/* ---- immediates ------------------------------------------------------------ */

static bool read_imm(cw_reader *r, cw_opcode op, imm *im) {
  uint8_t byte;
  memset(im, 0, sizeof *im);
  switch (cw_opinfo_table[op].imm) {
  case CW_IMM_NONE: return true;
  case CW_IMM_BLOCKTYPE: return cw_read_s33(r, &im->s);
  case CW_IMM_LABEL:
  case CW_IMM_FUNC:
  case CW_IMM_LOCAL:
  case CW_IMM_GLOBAL:
  case CW_IMM_TABLE:
  case CW_IMM_DATA:
  case CW_IMM_ELEM: return cw_read_u32(r, &im->a);
  case CW_IMM_BR_TABLE: {
    if (!cw_read_u32(r, &im->count)) return false;
    im->vec_pos = r->pos;
    uint32_t skip;
    for (uint64_t i = 0; i <= im->count; i++)
      if (!cw_read_u32(r, &skip)) return false;
    return true;
  }
  case CW_IMM_CALL_INDIRECT:
  case CW_IMM_MEMARG:
  case CW_IMM_ELEM_TABLE:
  case CW_IMM_TABLE_TABLE: return cw_read_u32(r, &im->a) && cw_read_u32(r, &im->b);
  case CW_IMM_MEMIDX:
  case CW_IMM_REFTYPE:
    if (!cw_read_u8(r, &byte)) return false;
    im->vt = byte;
    return true;
  case CW_IMM_I32: {
    int32_t v;
    if (!cw_read_s32(r, &v)) return false;
    im->bits = (uint32_t)v;
    return true;
  }
  case CW_IMM_I64: {
    int64_t v;
    if (!cw_read_s64(r, &v)) return false;
    im->bits = (uint64_t)v;
    return true;
  }
  case CW_IMM_F32: {
    uint32_t v;
    if (!cw_read_f32(r, &v)) return false;
    im->bits = v;
    return true;
  }
  case CW_IMM_F64: return cw_read_f64(r, &im->bits);
  case CW_IMM_SELECT_T:
    if (!cw_read_u32(r, &im->count)) return false;
    for (uint64_t i = 0; i < im->count; i++) {
      if (!cw_read_u8(r, &byte)) return false;
      if (i == 0) im->vt = byte;
    }
    return true;
  case CW_IMM_DATA_MEM: return cw_read_u32(r, &im->a) && cw_read_u8(r, &byte);
  case CW_IMM_MEM_MEM: return cw_read_u8(r, &byte) && cw_read_u8(r, &byte);
  }
  return false;
}

/* ---- one instruction --------------------------------------------------------- */

static cw_valtype table_type(tr *t, uint32_t x) {
  if (x >= t->m->ntables) {
    fail(t, "unknown table");
    return CWASI_FUNCREF;
  }
  return t->m->tables[x].elemtype;
}

/* Pops and pushes what the opcode table says, for the instructions whose
 * typing is fixed there. */
static void simple_types(tr *t, cw_opcode op) {
  const cw_opinfo *info = &cw_opinfo_table[op];
  for (int i = 2; i >= 0; i--)
    if (info->params[i] != CW_T_NONE) pop(t);
  if (info->result != CW_T_NONE) push(t, info->result);
}

static void call_types(tr *t, const cw_functype *ft) {
  pop_n(t, ft->nparams);
  push_all(t, cw_functype_results(ft), ft->nresults);
}

/* Translates one reachable instruction. Returns true at the function's end. */
static bool translate_op(tr *t, cw_opcode op, const imm *im) {
  const cw_module *m = t->m;
  switch (op) {
  case CW_OP_NOP: break;
  case CW_OP_UNREACHABLE:
    emit(t, IOP_UNREACHABLE);
    t->unreachable = true;
    break;
  case CW_OP_BLOCK: open_ctl(t, CTL_BLOCK, im->s); break;
  case CW_OP_LOOP: open_ctl(t, CTL_LOOP, im->s); break;
  case CW_OP_IF: {
    pop(t);
    emit(t, IOP_IF);
    uint32_t cell = emit(t, NO_CELL);
    ctl *c = open_ctl(t, CTL_IF, im->s);
    if (c) c->else_cell = cell;
    break;
  }
  case CW_OP_ELSE: {
    ctl *c = &t->ctls[t->nctls - 1];
    if (c->kind != CTL_IF || c->else_cell == NO_CELL) {
      fail(t, "else without if");
      break;
    }
    if (!t->unreachable) { /* the then-branch jumps over the else-branch */
      emit(t, IOP_BR);
      link_target(t, c, emit(t, 0));
    }
    patch_chain(t, c->else_cell, (uint32_t)t->len);
    c->else_cell = NO_CELL;
    reset_to(t, c, true);
    t->unreachable = false;
    break;
  }
  case CW_OP_END: {
    ctl *c = &t->ctls[t->nctls - 1];
    if (c->kind == CTL_FUNC) {
      if (!t->unreachable) emit_return(t);
      t->nctls--;
      return true;
    }
    /* An if without else: the false condition jumps straight here. */
    patch_chain(t, c->else_cell, (uint32_t)t->len);
    patch_chain(t, c->fwd, (uint32_t)t->len);
    reset_to(t, c, false);
    t->nctls--;
    /* Reachable again: every block is entered from reachable code, and
     * dead code emitted after an end nobody branches to is harmless. */
    t->unreachable = false;
    break;
  }
  case CW_OP_BR:
    emit_branch(t, im->a, false);
    t->unreachable = true;
    break;
  case CW_OP_BR_IF:
    pop(t);
    emit_branch(t, im->a, true);
    break;
  case CW_OP_BR_TABLE:
    pop(t);
    emit_br_table(t, im);
    t->unreachable = true;
    break;
  case CW_OP_RETURN:
    emit_return(t);
    t->unreachable = true;
    break;
  case CW_OP_CALL:
    if (im->a >= m->nfuncs) {
      fail(t, "unknown function");
      break;
    }
    emit(t, IOP_CALL);
    emit(t, im->a);
    call_types(t, cw_module_func_type(m, im->a));
    break;
  case CW_OP_CALL_INDIRECT:
    if (im->a >= m->ntypes) {
      fail(t, "unknown type");
      break;
    }
    emit(t, IOP_CALL_INDIRECT);
    emit(t, im->a);
    emit(t, im->b);
    pop(t);
    call_types(t, &m->types[im->a]);
    break;
  case CW_OP_DROP:
    need_one_slot(t, pop(t));
    emit(t, IOP_DROP);
    break;
  case CW_OP_SELECT:
  case CW_OP_SELECT_T: {
    pop(t);
    pop(t);
    cw_valtype v = pop(t);
    need_one_slot(t, v);
    push(t, v);
    emit(t, IOP_SELECT);
    break;
  }
  case CW_OP_LOCAL_GET:
  case CW_OP_LOCAL_SET:
  case CW_OP_LOCAL_TEE:
    if (im->a >= t->nlocals) {
      fail(t, "unknown local");
      break;
    }
    need_one_slot(t, t->local_type[im->a]);
    emit(t, (uint32_t)op);
    emit(t, t->local_off[im->a]);
    if (op == CW_OP_LOCAL_GET) push(t, t->local_type[im->a]);
    if (op == CW_OP_LOCAL_SET) pop(t);
    break;
  case CW_OP_GLOBAL_GET:
  case CW_OP_GLOBAL_SET:
    if (im->a >= m->nglobals) {
      fail(t, "unknown global");
      break;
    }
    need_one_slot(t, m->globals[im->a].type);
    emit(t, (uint32_t)op);
    emit(t, im->a);
    if (op == CW_OP_GLOBAL_GET)
      push(t, m->globals[im->a].type);
    else
      pop(t);
    break;
  case CW_OP_TABLE_GET:
    pop(t);
    push(t, table_type(t, im->a));
    emit(t, IOP_TABLE_GET);
    emit(t, im->a);
    break;
  case CW_OP_TABLE_SET:
  case CW_OP_TABLE_FILL:
    pop_n(t, op == CW_OP_TABLE_SET ? 2 : 3);
    table_type(t, im->a);
    emit(t, (uint32_t)op);
    emit(t, im->a);
    break;
  case CW_OP_TABLE_GROW:
    pop_n(t, 2);
    push(t, CWASI_I32);
    table_type(t, im->a);
    emit(t, IOP_TABLE_GROW);
    emit(t, im->a);
    break;
  case CW_OP_TABLE_SIZE:
    push(t, CWASI_I32);
    table_type(t, im->a);
    emit(t, IOP_TABLE_SIZE);
    emit(t, im->a);
    break;
  case CW_OP_TABLE_INIT:
  case CW_OP_TABLE_COPY:
    pop_n(t, 3);
    emit(t, (uint32_t)op);
    emit(t, im->a);
    emit(t, im->b);
    break;
  case CW_OP_ELEM_DROP:
  case CW_OP_DATA_DROP:
  case CW_OP_MEMORY_INIT:
    simple_types(t, op);
    emit(t, (uint32_t)op);
    emit(t, im->a);
    break;
  case CW_OP_I32_CONST:
  case CW_OP_F32_CONST:
    simple_types(t, op);
    emit(t, (uint32_t)op);
    emit(t, (uint32_t)im->bits);
    break;
  case CW_OP_I64_CONST:
  case CW_OP_F64_CONST:
    simple_types(t, op);
    emit(t, (uint32_t)op);
    emit_u64(t, im->bits);
    break;
  case CW_OP_REF_NULL:
    push(t, im->vt);
    emit(t, IOP_REF_NULL);
    break;
  case CW_OP_REF_IS_NULL:
    pop(t);
    push(t, CWASI_I32);
    emit(t, IOP_REF_IS_NULL);
    break;
  case CW_OP_REF_FUNC:
    push(t, CWASI_FUNCREF);
    emit(t, IOP_REF_FUNC);
    emit(t, im->a);
    break;
  default:
    if (cw_opinfo_table[op].imm == CW_IMM_MEMARG) {
      simple_types(t, op);
      emit(t, (uint32_t)op);
      emit(t, im->b);
    } else if (cw_opinfo_table[op].result == CW_T_ANY) {
      fail(t, "instruction not handled by the translator");
    } else { /* numeric, memory.size/grow/fill/copy: typing from the table */
      simple_types(t, op);
      emit(t, (uint32_t)op);
    }
    break;
  }
  return false;
}

/* ---- the function ------------------------------------------------------------- */

static bool setup_locals(tr *t, const cw_func *fn) {
  const cw_functype *ft = t->ftype;
  uint64_t n = (uint64_t)ft->nparams + fn->nlocals;
  if (n > UINT32_MAX) {
    fail(t, "too many locals");
    return false;
  }
  t->nlocals = (uint32_t)n;
  t->local_off = cw_realloc_array(NULL, n, sizeof *t->local_off);
  t->local_type = cw_realloc_array(NULL, n, sizeof *t->local_type);
  if (!t->local_off || !t->local_type) {
    t->oom = true;
    return false;
  }
  uint64_t off = 0;
  for (uint32_t i = 0; i < t->nlocals; i++) {
    cw_valtype v = i < ft->nparams ? cw_functype_params(ft)[i] : fn->locals[i - ft->nparams];
    t->local_type[i] = v;
    t->local_off[i] = (uint32_t)off;
    off += cw_slots_for(v);
  }
  if (off > UINT32_MAX / 2) {
    fail(t, "too many locals");
    return false;
  }
  return true;
}

static cwasi_status translate(tr *t, const cw_func *fn, struct interp_code **out,
                              cwasi_error *err) {
  const cw_module *m = t->m;
  if (!setup_locals(t, fn)) goto done;
  uint32_t param_slots = slots_of(cw_functype_params(t->ftype), t->ftype->nparams);
  uint32_t local_slots =
      t->nlocals ? t->local_off[t->nlocals - 1] + cw_slots_for(t->local_type[t->nlocals - 1]) : 0;
  uint32_t result_slots = slots_of(cw_functype_results(t->ftype), t->ftype->nresults);

  /* The function body is a block whose label is the function's return. */
  ctl *fc = open_ctl(t, CTL_FUNC, -64);
  if (!fc) goto done;
  fc->result_slots = result_slots;

  cw_reader_init(&t->r, m->bytes, fn->body_offset, fn->body_end);
  bool finished = false;
  while (!finished && !t->bad && !t->oom) {
    cw_opcode op;
    imm im;
    if (cw_reader_eof(&t->r)) {
      fail(t, "function body ends without end");
      break;
    }
    if (!cw_read_opcode(&t->r, &op) || !read_imm(&t->r, op, &im)) {
      fail(t, t->r.err_msg ? t->r.err_msg : "bad instruction");
      break;
    }
    if (t->unreachable) {
      if (op == CW_OP_BLOCK || op == CW_OP_LOOP || op == CW_OP_IF) {
        t->skip_depth++;
        continue;
      }
      if (op == CW_OP_END && t->skip_depth > 0) {
        t->skip_depth--;
        continue;
      }
      if (op != CW_OP_END && !(op == CW_OP_ELSE && t->skip_depth == 0)) continue;
    }
    if (!reserve(t, 16)) break;
    finished = translate_op(t, op, &im);
  }
  if (!t->bad && !t->oom && t->r.pos != fn->body_end) fail(t, "code after the function's end");

  if (!t->bad && !t->oom) {
    struct interp_code *c = cw_calloc(1, sizeof *c);
    if (!c) {
      t->oom = true;
      goto done;
    }
    uint64_t frame = (uint64_t)local_slots + t->max_slots;
    if (frame < result_slots) frame = result_slots;
    c->code = t->code;
    c->len = t->len;
    c->param_slots = param_slots;
    c->local_slots = local_slots;
    c->result_slots = result_slots;
    c->frame_slots = frame > UINT32_MAX ? UINT32_MAX : (uint32_t)frame;
    t->code = NULL; /* now owned by c */
    *out = c;
  }
done:
  if (t->oom) return cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory translating code");
  if (t->bad)
    return cw_error(err, CWASI_ERR_INVALID, t->bad_offset, "cannot translate function: %s", t->bad);
  return CWASI_OK;
}

cwasi_status interp_translate(cwasi_module *mod, uint32_t defidx, cwasi_error *err) {
  const cw_module *m = mod->m;
  if (mod->code[defidx]) return CWASI_OK;
  if (defidx >= m->nfuncs - m->nimported_funcs)
    return cw_error(err, CWASI_ERR_ARG, SIZE_MAX, "no defined function %u", defidx);
  tr t;
  memset(&t, 0, sizeof t);
  t.m = m;
  t.ftype = cw_module_func_type(m, m->nimported_funcs + defidx);
  cwasi_status st = translate(&t, &m->funcs[defidx], &mod->code[defidx], err);
  cw_free(t.code);
  cw_free(t.types);
  cw_free(t.ctls);
  cw_free(t.local_off);
  cw_free(t.local_type);
  return st;
}

void interp_code_free(struct interp_code *code) {
  if (!code) return;
  cw_free(code->code);
  cw_free(code);
}
