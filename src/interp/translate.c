/*
 * translate.c — a valid function body → internal code (see code.h).
 *
 * One pass over the body. Because the module has been validated, the
 * translator mirrors the validator's operand stack (no checking), which
 * tells it the height in slots before every instruction, so every value
 * has a home slot and instructions name their operands' slots. Each stack
 * entry also says whether its value is in its home slot, still in a local
 * (local.get emits nothing) or a constant not yet written (see `val`).
 * Fusions look back at the instruction just emitted and replace it (see
 * the table in docs/interpreter.md). Each branch is resolved to (target,
 * slots kept, slots dropped) and most become plain jumps. Forward branches
 * are chained through their target words and patched at the block's `end`.
 * Code after br, br_table, return and unreachable cannot run and is
 * skipped up to the `else` / `end` that makes code reachable again.
 *
 * Validity is trusted but not assumed blindly: anything unexpected (a
 * stack underflow, a bad index) stops translation with an error instead
 * of producing wrong code.
 */
#include "interp/code.h"
#include "interp/interp.h"
#include "interp/simd.h"

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
  /* Checks (tr.checks): the innermost loop or function frame (its index),
   * whose CHECK is charged for this block's instructions; a loop's or the
   * function's CHECK cost word and the fuel it counts. */
  uint32_t meter;
  uint32_t check_cell;
  uint32_t cost;
} ctl;

/* Where an operand-stack value is. HOME: in its home slot (local_slots +
 * height). LOCAL: not copied yet, still the local at slot `ref` (a
 * local.get). CONST: not written anywhere yet, the constant `bits`.
 * Lazy (LOCAL, CONST) values are made HOME before anything that could
 * change them or that needs the values in place: a local.set of that
 * local, a call, a branch, and every block boundary, so that at every
 * label the whole stack is in home slots. */
enum { V_HOME, V_LOCAL, V_CONST };

typedef struct val {
  cw_valtype type;
  uint8_t kind;
  uint32_t home; /* slot offset from fp */
  uint32_t ref;  /* V_LOCAL: the local's slot */
  uint64_t bits; /* V_CONST */
} val;

typedef struct tr {
  const cw_module *m;
  cw_reader r;
  uint32_t *code;
  size_t len, cap;
  val *vals; /* operand stack */
  size_t ntypes, types_cap;
  uint32_t slots, max_slots;
  uint32_t nlazy; /* values on the stack that are not HOME */
  ctl *ctls;
  size_t nctls, ctls_cap;
  const cw_functype *ftype;
  uint32_t nlocals;
  uint32_t local_slots;
  uint32_t *local_off; /* slot offset of each local from fp */
  cw_valtype *local_type;
  bool unreachable;    /* skipping dead code */
  uint32_t skip_depth; /* blocks opened inside the dead code */
  /* The last instruction emitted, if it wrote a value into the stack's
   * top home slot: a following local.set may redirect its result word
   * (prod_dest) into the local. Valid only while len == prod_end. */
  size_t prod_end;
  uint32_t prod_dest;
  /* The last instruction, if it was an integer comparison (or eqz) into
   * the top home slot: a following br_if / if fuses with it. */
  size_t cmp_end, cmp_pos;
  cw_opcode cmp_op;
  bool cmp_imm;
  uint32_t cmp_a, cmp_b;
  uint64_t cmp_bits;
  /* The last instruction emitted and the one before it (contiguous):
   * where each starts (SIZE_MAX: unknown, e.g. a label since) and which
   * interp_op it is. The fusions that look back read these: an i32.add
   * before a loop's comparison, ID_L before a store, a plain load before
   * br_table, i32.and before a branch, COPY and I32_ADD_I pairs. */
  size_t last_pos, prev_pos;
  uint32_t last_op, prev_op;
  const int32_t *words; /* interp_op_words() */
  /* Trap sites (see interp_site), in code order. An operation truncated by
   * a fusion leaves a stale entry at or beyond len; the next site pushed
   * drops those, and so does the end of translation. */
  interp_site *sites;
  size_t nsites, sites_cap;
  uint32_t op_offset;   /* module offset of the instruction being translated */
  uint32_t site_offset; /* if not UINT32_MAX: the offset for the next site (a fusion
                         * whose trapping part is an earlier instruction) */
  /* Which declared locals are definitely assigned (Wasm's structured
   * control makes this one forward pass): bit sets of nparams.. locals,
   * da_words words each, set DA_CUR at the current point (all ones in
   * dead code), DA_READ the locals some local.get may read before any
   * assignment: only those are zeroed on entry. Per control frame k, the
   * set at its entry (DA_ENTRY) and the intersection over the branches
   * to its end (DA_END). */
  uint64_t *da;
  size_t da_words, da_cap; /* da_cap: sets allocated */
  /* The engine wants fuel or interruption: a CHECK at the function's
   * entry and at every loop head, with a fuel cost when `fuel`. */
  bool checks, fuel;
  bool plain; /* cwasi_engine.plain_translation */
  bool oom;
  const char *bad; /* first inconsistency found */
  size_t bad_offset;
} tr;
typedef cw_imm_val imm;

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

/* The operations that can trap, generated from the lists in code.h. */
#define TRAPS_(id) [IOP_##id] = true,
#define TRAPS_BIN_(id, ...) TRAPS_(id) TRAPS_(id##_I)
#define TRAPS_LOAD_(id, ...) TRAPS_(id) TRAPS_(id##_A) TRAPS_(id##_K) TRAPS_(id##_X)
#define TRAPS_STORE_(id, ...) TRAPS_LOAD_(id) TRAPS_(id##_V)
#define TRAPS_LOADOP_(id, ...) TRAPS_(id##_L) TRAPS_(id##_M)
static const bool op_traps[IOP__COUNT] = {
    INTERP_DIVOPS(TRAPS_BIN_) INTERP_LOADS(TRAPS_LOAD_) INTERP_STORES(TRAPS_STORE_)
    TRAPS_(UNREACHABLE) TRAPS_(CALL) TRAPS_(CALL_INDIRECT) TRAPS_(RETURN_CALL)
    TRAPS_(RETURN_CALL_INDIRECT)
    TRAPS_(BR_TABLE_L8) TRAPS_(BR_TABLE_L16) TRAPS_(BR_TABLE_L32) TRAPS_(BR_TABLE_L64)
    TRAPS_(TABLE_GET) TRAPS_(TABLE_SET) TRAPS_(TABLE_FILL) TRAPS_(TABLE_INIT) TRAPS_(TABLE_COPY)
    TRAPS_(MEMORY_INIT) TRAPS_(MEMORY_COPY) TRAPS_(MEMORY_FILL)
    TRAPS_(I32_TRUNC_F32_S) TRAPS_(I32_TRUNC_F32_U) TRAPS_(I32_TRUNC_F64_S)
    TRAPS_(I32_TRUNC_F64_U) TRAPS_(I64_TRUNC_F32_S) TRAPS_(I64_TRUNC_F32_U)
    TRAPS_(I64_TRUNC_F64_S) TRAPS_(I64_TRUNC_F64_U)
    INTERP_LOADOPS(TRAPS_LOADOP_)
#define TRAPS_SIMD_(id, w) TRAPS_(id)
    INTERP_SIMD_LOAD(TRAPS_SIMD_) INTERP_SIMD_STORE(TRAPS_SIMD_)
    INTERP_SIMD_LOAD_LANE(TRAPS_SIMD_) INTERP_SIMD_STORE_LANE(TRAPS_SIMD_)
#undef TRAPS_SIMD_
};
#undef TRAPS_
#undef TRAPS_BIN_
#undef TRAPS_LOAD_
#undef TRAPS_STORE_
#undef TRAPS_LOADOP_

static void add_site(tr *t, uint32_t wasm) {
  while (t->nsites && t->sites[t->nsites - 1].code >= t->len)
    t->nsites--;
  if (t->nsites == t->sites_cap) {
    size_t cap = t->sites_cap ? t->sites_cap * 2 : 16;
    interp_site *p = cw_realloc_array(t->sites, cap, sizeof *p);
    if (!p) {
      t->oom = true;
      return;
    }
    t->sites = p;
    t->sites_cap = cap;
  }
  t->sites[t->nsites++] = (interp_site){.code = (uint32_t)t->len, .wasm = wasm};
}

/* The module offset recorded for the operation at code position pos, or
 * UINT32_MAX. */
static uint32_t site_at(const tr *t, size_t pos) {
  if (t->nsites && t->sites[t->nsites - 1].code == pos) return t->sites[t->nsites - 1].wasm;
  return UINT32_MAX;
}

/* An operation word (see interp_op_words); a trapping one gets a site. */
static uint32_t emit_op(tr *t, uint32_t op) {
  if (op_traps[op]) {
    add_site(t, t->site_offset != UINT32_MAX ? t->site_offset : t->op_offset);
    t->site_offset = UINT32_MAX;
  }
  t->prev_pos = t->last_pos;
  t->prev_op = t->last_op;
  t->last_pos = t->len;
  t->last_op = op;
  return emit(t, (uint32_t)t->words[op]);
}

static bool last_is(const tr *t, uint32_t op) {
  return t->last_pos != SIZE_MAX && t->last_op == op;
}
static bool last_is_add(const tr *t) {
  return last_is(t, IOP_I32_ADD) || last_is(t, IOP_I32_ADD_I);
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

/* Forgets the last producer and comparison: called at every label, where
 * the top value may also come from a branch. */
static void no_fusion(tr *t) {
  t->prod_end = t->cmp_end = SIZE_MAX;
  t->last_pos = t->prev_pos = SIZE_MAX;
}

/* Removes the last instruction, a producer just emitted (a comparison
 * or wrap folded into what consumes it); the one before becomes the last
 * again, so that look-back fusions still see it. */
static void drop_last(tr *t) {
  size_t prev_pos = t->prev_pos;
  uint32_t prev_op = t->prev_op;
  t->len = t->last_pos;
  no_fusion(t);
  t->last_pos = prev_pos;
  t->last_op = prev_op;
}

/* ---- the operand stack ----------------------------------------------------- */

static val *push(tr *t, cw_valtype v) {
  if (t->ntypes == t->types_cap) {
    size_t cap = t->types_cap ? t->types_cap * 2 : 32;
    val *p = cw_realloc_array(t->vals, cap, sizeof *p);
    if (!p) {
      t->oom = true;
      return NULL;
    }
    t->vals = p;
    t->types_cap = cap;
  }
  val *e = &t->vals[t->ntypes++];
  e->type = v;
  e->kind = V_HOME;
  e->home = t->local_slots + t->slots;
  e->ref = 0;
  e->bits = 0;
  t->slots += cw_slots_for(v);
  if (t->slots > t->max_slots) t->max_slots = t->slots;
  return e;
}

static void push_local(tr *t, cw_valtype v, uint32_t off) {
  val *e = push(t, v);
  if (!e) return;
  e->kind = V_LOCAL;
  e->ref = off;
  t->nlazy++;
}

static void push_const(tr *t, cw_valtype v, uint64_t bits) {
  val *e = push(t, v);
  if (!e) return;
  e->kind = V_CONST;
  e->bits = bits;
  t->nlazy++;
}

static val pop(tr *t) {
  uint32_t floor = t->nctls ? t->ctls[t->nctls - 1].height : 0;
  if (t->ntypes <= floor) {
    fail(t, "operand stack underflow");
    return (val){.type = CWASI_I32, .kind = V_HOME, .home = t->local_slots + t->slots};
  }
  val v = t->vals[--t->ntypes];
  t->slots -= cw_slots_for(v.type);
  if (v.kind != V_HOME) t->nlazy--;
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

static bool is_wide(cw_valtype v) { return v != CWASI_I32 && v != CWASI_F32; }

/* Writes a constant into slot dst. */
static void emit_const(tr *t, cw_valtype type, uint32_t dst, uint64_t bits) {
  if (!reserve(t, 4)) return;
  if (is_wide(type)) {
    emit_op(t, IOP_I64_CONST);
    emit(t, dst);
    emit_u64(t, bits);
  } else {
    emit_op(t, IOP_I32_CONST);
    emit(t, dst);
    emit(t, (uint32_t)bits);
  }
}

static void emit_copy(tr *t, uint32_t dst, uint32_t src) {
  if (dst == src || !reserve(t, 3)) return;
  if (last_is(t, IOP_COPY)) { /* right after another COPY: one COPY2 */
    t->code[t->last_pos] = (uint32_t)t->words[IOP_COPY2];
    t->last_op = IOP_COPY2;
    emit(t, dst);
    emit(t, src);
    return;
  }
  emit_op(t, IOP_COPY);
  emit(t, dst);
  emit(t, src);
}

/* Copies a value of type v (a v128 is two slots: one COPY2). */
static void emit_copy_val(tr *t, cw_valtype v, uint32_t dst, uint32_t src) {
  emit_copy(t, dst, src);
  if (cw_slots_for(v) == 2) emit_copy(t, dst + 1, src + 1);
}

/* Makes a lazy value HOME (a v128 is never CONST: v128.const writes its
 * home slots at once). */
static void materialize(tr *t, val *e) {
  if (e->kind == V_HOME) return;
  if (e->kind == V_LOCAL)
    emit_copy_val(t, e->type, e->home, e->ref);
  else
    emit_const(t, e->type, e->home, e->bits);
  e->kind = V_HOME;
  t->nlazy--;
}

static void materialize_all(tr *t) {
  for (size_t i = t->ntypes; t->nlazy && i-- > 0;)
    materialize(t, &t->vals[i]);
}

/* Before local slot `off` changes: values still reading it get copied. */
static void materialize_local(tr *t, uint32_t off) {
  for (size_t i = t->ntypes; t->nlazy && i-- > 0;)
    if (t->vals[i].kind == V_LOCAL && t->vals[i].ref == off) materialize(t, &t->vals[i]);
}

/* The slot an instruction reads a popped value from. */
static uint32_t operand(tr *t, val v) {
  switch (v.kind) {
  case V_LOCAL: return v.ref;
  case V_CONST: emit_const(t, v.type, v.home, v.bits); return v.home;
  default: return v.home;
  }
}

/* Pushes a result of type rt and returns its home slot for the
 * instruction about to be emitted; call produced() after emitting it. */
static uint32_t result(tr *t, cw_valtype rt) {
  val *e = push(t, rt);
  return e ? e->home : 0;
}

static void produced(tr *t, uint32_t dest_cell) {
  t->prod_end = t->len;
  t->prod_dest = dest_cell;
}

/* ---- definite assignment (see tr.da) -------------------------------------- */

#define DA_CUR 0
#define DA_READ 1
#define DA_ENTRY(k) (2 + 2 * (size_t)(k))
#define DA_END(k) (3 + 2 * (size_t)(k))

static uint64_t *da_set(tr *t, size_t i) { return t->da + i * t->da_words; }

static void da_fill(tr *t, size_t dst, uint64_t v) {
  for (size_t w = 0; w < t->da_words; w++)
    da_set(t, dst)[w] = v;
}
static void da_copy(tr *t, size_t dst, size_t src) {
  for (size_t w = 0; w < t->da_words; w++)
    da_set(t, dst)[w] = da_set(t, src)[w];
}
static void da_and(tr *t, size_t dst, size_t src) {
  for (size_t w = 0; w < t->da_words; w++)
    da_set(t, dst)[w] &= da_set(t, src)[w];
}

/* Room for the sets of control frames 0..nctls. */
static bool da_reserve(tr *t, size_t nctls) {
  size_t need = DA_END(nctls) + 1;
  if (!t->da_words || need <= t->da_cap) return true;
  size_t cap = need * 2;
  uint64_t *p = cw_realloc_array(t->da, cap * t->da_words, sizeof *p);
  if (!p) {
    t->oom = true;
    return false;
  }
  t->da = p;
  t->da_cap = cap;
  return true;
}

/* Local i (a declared one) read (get) or assigned. */
static void da_local(tr *t, uint32_t i, bool get) {
  uint32_t np = t->ftype->nparams;
  if (!t->da_words || i < np) return;
  uint64_t bit = (uint64_t)1 << ((i - np) % 64);
  size_t w = (i - np) / 64;
  if (!get)
    da_set(t, DA_CUR)[w] |= bit;
  else if (!(da_set(t, DA_CUR)[w] & bit))
    da_set(t, DA_READ)[w] |= bit;
}

/* A branch to c's label from here (a loop's label is its start, which
 * adds nothing: every path around it only assigns more). */
static void da_branch(tr *t, const ctl *c) {
  if (t->da_words && c->kind != CTL_LOOP && c->kind != CTL_FUNC)
    da_and(t, DA_END(c - t->ctls), DA_CUR);
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
 * stack and stay there. The whole stack is HOME from here on. */
static ctl *open_ctl(tr *t, uint8_t kind, int64_t bt) {
  materialize_all(t);
  no_fusion(t);
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
  c->check_cell = NO_CELL;
  c->meter = kind == CTL_LOOP || kind == CTL_FUNC || !t->nctls ? (uint32_t)t->nctls
                                                               : t->ctls[t->nctls - 1].meter;
  if (!da_reserve(t, t->nctls + 1)) return NULL;
  if (t->da_words) {
    da_copy(t, DA_ENTRY(t->nctls), DA_CUR);
    da_fill(t, DA_END(t->nctls), UINT64_MAX);
  }
  t->nctls++;
  return c;
}

/* A CHECK at the current position (a loop's head, the function's entry),
 * charged for the instructions of c counted up to its end. */
static void emit_check(tr *t, ctl *c) {
  if (!reserve(t, 2)) return;
  if (t->fuel) {
    emit_op(t, IOP_CHECK);
    c->check_cell = emit(t, 0);
  } else {
    emit_op(t, IOP_CHECK_INTERRUPT); /* no fuel to count */
  }
  no_fusion(t);
}

/* At the end of a loop or the function: the cost its CHECK charges. */
static void patch_check(tr *t, const ctl *c) {
  if (c->check_cell != NO_CELL) t->code[c->check_cell] = c->cost;
}

/* Fuel: one per instruction, but the structure (and nop, drop) is free. */
static void count_fuel(tr *t, cw_opcode op) {
  switch (op) {
  case CW_OP_NOP:
  case CW_OP_DROP:
  case CW_OP_BLOCK:
  case CW_OP_LOOP:
  case CW_OP_ELSE:
  case CW_OP_END: return;
  default: break;
  }
  ctl *m = &t->ctls[t->ctls[t->nctls - 1].meter];
  if (m->cost < UINT32_MAX) m->cost++;
}

/* Resets the stack to the block's entry height plus its params or
 * results, all HOME (everything below was made HOME at block entry). */
static void reset_to(tr *t, const ctl *c, bool params) {
  const cw_valtype *v;
  uint32_t n;
  if (params)
    bt_params(t, c, &v, &n);
  else
    bt_results(t, c, &v, &n);
  t->ntypes = c->height;
  t->slots = c->slots;
  t->nlazy = 0;
  push_all(t, v, n);
  no_fusion(t);
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
  uint32_t n = slots_of(cw_functype_results(t->ftype), t->ftype->nresults);
  uint32_t src;
  if (n == 1 && t->ntypes > 0) {
    src = operand(t, t->vals[t->ntypes - 1]); /* a local or constant is returned directly */
  } else {
    if (n) materialize_all(t);
    if (t->slots < n) {
      fail(t, "operand stack underflow at return");
      return;
    }
    src = t->local_slots + t->slots - n;
  }
  if (!reserve(t, 3)) return;
  emit_op(t, IOP_RETURN);
  emit(t, src);
  emit(t, n);
}

static const uint16_t icmp_neg[CW_OP__COUNT] = {
#define NEG_ENTRY(id, T, e, neg) [CW_OP_##id] = CW_OP_##neg,
    INTERP_ICMPS(NEG_ENTRY)
#undef NEG_ENTRY
};
static const uint16_t brc_op[CW_OP__COUNT] = {
#define BRC_ENTRY(id, T, e, neg) [CW_OP_##id] = IOP_BRC_##id,
    INTERP_ICMPS(BRC_ENTRY)
#undef BRC_ENTRY
};
static const uint16_t brc_imm_op[CW_OP__COUNT] = {
#define BRC_ENTRY(id, T, e, neg) [CW_OP_##id] = IOP_BRC_##id##_I,
    INTERP_ICMPS(BRC_ENTRY)
#undef BRC_ENTRY
};
/* Loop back edges, by i32 comparison: [imm step][imm bound]. */
static const uint16_t bra_op[CW_OP__COUNT][2][2] = {
#define BRA_ENTRY(id, T, e, neg)                                                                   \
  [CW_OP_##id] = {{IOP_BRA_##id, IOP_BRA_##id##_I}, {IOP_BRAI_##id, IOP_BRAI_##id##_I}},
    INTERP_ICMPS32(BRA_ENTRY)
#undef BRA_ENTRY
};
/* Register-immediate forms of the binary operations (0: none). */
static const uint16_t imm_op[CW_OP__COUNT] = {
#define IMM_ENTRY(id, T, e) [CW_OP_##id] = IOP_##id##_I,
    INTERP_BINOPS(IMM_ENTRY) INTERP_DIVOPS(IMM_ENTRY)
#undef IMM_ENTRY
#define IMM_ENTRY(id, T, e, neg) [CW_OP_##id] = IOP_##id##_I,
        INTERP_ICMPS(IMM_ENTRY)
#undef IMM_ENTRY
};

/* Emits a jump taken when i32 slot c is non-zero (nonzero) or zero. An
 * i32.and with a constant just emitted into c, a home slot (so nothing
 * else reads the result), becomes a bit test: `if (flags & F)`. */
static uint32_t emit_test_jump(tr *t, uint32_t c, bool nonzero) {
  if (last_is(t, IOP_I32_AND_I) && t->code[t->last_pos + 1] == c && c >= t->local_slots) {
    uint32_t x = t->code[t->last_pos + 2], mask = t->code[t->last_pos + 3];
    t->len = t->last_pos;
    no_fusion(t);
    if (!reserve(t, 4)) return 0;
    emit_op(t, nonzero ? IOP_BR_IF_AND_I : IOP_IF_AND_I);
    uint32_t cell = emit(t, 0);
    emit(t, x);
    emit(t, mask);
    return cell;
  }
  if (!reserve(t, 3)) return 0;
  emit_op(t, nonzero ? IOP_BR_IF : IOP_IF);
  uint32_t cell = emit(t, 0);
  emit(t, c);
  return cell;
}

/* The comparison with its operands swapped: a < b is b > a. */
static cw_opcode icmp_swap(cw_opcode op) {
  switch (op) {
  case CW_OP_I32_LT_S: return CW_OP_I32_GT_S;
  case CW_OP_I32_LT_U: return CW_OP_I32_GT_U;
  case CW_OP_I32_GT_S: return CW_OP_I32_LT_S;
  case CW_OP_I32_GT_U: return CW_OP_I32_LT_U;
  case CW_OP_I32_LE_S: return CW_OP_I32_GE_S;
  case CW_OP_I32_LE_U: return CW_OP_I32_GE_U;
  case CW_OP_I32_GE_S: return CW_OP_I32_LE_S;
  case CW_OP_I32_GE_U: return CW_OP_I32_LE_U;
  default: return op; /* eq, ne */
  }
}

static bool just_produced(tr *t, val v, uint32_t op, size_t *pos);

/* The slot of an i32 condition (br_if, if, br_table). Those read only the
 * low 32 bits of their operand, so an i32.wrap_i64 just emitted into it
 * is dropped and its i64 operand read instead. */
static uint32_t cond_operand(tr *t, val cond) {
  size_t pos;
  if (!just_produced(t, cond, CW_OP_I32_WRAP_I64, &pos)) return operand(t, cond);
  uint32_t src = t->code[pos + 2];
  drop_last(t);
  return src;
}

/*
 * Emits a jump taken when the popped value cond is non-zero (when_true)
 * or zero, after making the rest of the stack HOME. A comparison (or eqz)
 * emitted just before, into cond's slot, is folded into the jump. Returns
 * the target word.
 */
static uint32_t emit_cond_jump(tr *t, val cond, bool when_true) {
  if (cond.kind == V_HOME && t->cmp_end == t->len && t->code[t->cmp_pos + 1] == cond.home) {
    cw_opcode op = t->cmp_op;
    uint32_t a = t->cmp_a, b = t->cmp_b;
    bool imm = t->cmp_imm;
    uint64_t bits = t->cmp_bits;
    drop_last(t);       /* the comparison is replaced by the fused jump */
    materialize_all(t); /* writes only slots below cond: a and b survive */
    if (op == CW_OP_I32_EQZ) /* jump if a == 0, or if a != 0 */
      return emit_test_jump(t, a, !when_true);
    if (!reserve(t, 6)) return 0;
    uint32_t cell;
    if (op == CW_OP_I64_EQZ) {
      op = CW_OP_I64_EQ;
      imm = true;
      bits = 0;
    }
    if (!when_true) op = (cw_opcode)icmp_neg[op];
    /* An i32.add right before the comparison, into one of its operands:
     * one instruction for the whole back edge. */
    bool add = last_is_add(t);
    if (bra_op[op][0][0] && !imm && add && t->code[t->last_pos + 1] == b &&
        t->code[t->last_pos + 1] != a) { /* n > i + s: swap to i + s < n */
      op = icmp_swap(op);
      b = a;
      a = t->code[t->last_pos + 1];
    }
    if (bra_op[op][0][0] && add && t->code[t->last_pos + 1] == a &&
        (!imm || (uint32_t)bits == bits)) {
      size_t ap = t->last_pos;
      bool step_imm = t->last_op == IOP_I32_ADD_I;
      uint32_t d = t->code[ap + 1], x = t->code[ap + 2], st = t->code[ap + 3];
      t->len = ap;
      no_fusion(t);
      if (!reserve(t, 6)) return 0;
      emit_op(t, bra_op[op][step_imm][imm]);
      cell = emit(t, 0);
      emit(t, d);
      emit(t, x);
      emit(t, st);
      emit(t, imm ? (uint32_t)bits : b);
      return cell;
    }
    emit_op(t, imm ? brc_imm_op[op] : brc_op[op]);
    cell = emit(t, 0);
    emit(t, a);
    if (imm)
      emit_u64(t, bits);
    else
      emit(t, b);
    return cell;
  }
  uint32_t c = cond_operand(t, cond);
  materialize_all(t);
  /* The condition is an i32.add just emitted (`--n; br_if`): a back
   * edge comparing with zero. */
  if (last_is_add(t) && t->code[t->last_pos + 1] == c) {
    size_t ap = t->last_pos;
    bool step_imm = t->last_op == IOP_I32_ADD_I;
    uint32_t d = t->code[ap + 1], x = t->code[ap + 2], st = t->code[ap + 3];
    t->len = ap;
    no_fusion(t);
    if (!reserve(t, 6)) return 0;
    emit_op(t, bra_op[when_true ? CW_OP_I32_NE : CW_OP_I32_EQ][step_imm][1]);
    uint32_t cell = emit(t, 0);
    emit(t, d);
    emit(t, x);
    emit(t, st);
    emit(t, 0);
    return cell;
  }
  return emit_test_jump(t, c, when_true);
}

/* br / br_if (cond already popped, when has_cond). */
static void emit_branch(tr *t, uint32_t depth, bool has_cond, val cond) {
  ctl *c = label(t, depth);
  if (!c) return;
  da_branch(t, c);
  if (c->kind == CTL_FUNC) { /* a branch to the function's label is a return */
    if (has_cond) {
      uint32_t skip = emit_cond_jump(t, cond, false);
      if (t->oom || t->bad) return;
      t->code[skip] = NO_CELL;
      emit_return(t);
      if (!t->oom) patch_chain(t, skip, (uint32_t)t->len);
    } else {
      emit_return(t);
    }
    return;
  }
  uint32_t keep, drop;
  if (!branch_shape(t, c, &keep, &drop)) return;
  uint32_t src = t->local_slots + t->slots - keep, dst = t->local_slots + c->slots;
  if (drop == 0) {
    uint32_t cell;
    if (has_cond) {
      cell = emit_cond_jump(t, cond, true);
    } else {
      materialize_all(t);
      if (!reserve(t, 2)) return;
      emit_op(t, IOP_BR);
      cell = emit(t, 0);
    }
    if (!t->oom) link_target(t, c, cell);
    return;
  }
  uint32_t rc = has_cond ? operand(t, cond) : 0;
  materialize_all(t);
  if (!reserve(t, 6)) return;
  emit_op(t, has_cond ? IOP_BR_IF_UNWIND : IOP_BR_UNWIND);
  uint32_t cell = emit(t, 0);
  if (has_cond) emit(t, rc);
  emit(t, src);
  emit(t, dst);
  emit(t, keep);
  link_target(t, c, cell);
}

static void emit_br_table(tr *t, const imm *im, val cond) {
  cw_reader r;
  cw_reader_init(&r, t->r.base, im->vec_pos, t->r.end);
  size_t n = (size_t)im->count;
  uint32_t rc = cond_operand(t, cond);
  materialize_all(t);
  /* switch (*p): the index loaded just before (only its low 32 bits
   * count, so an i64.load whose wrap was dropped qualifies too) is loaded
   * by the br_table, which also writes it where the load did. Only if
   * nothing was emitted in between: a copy made home above may read the
   * loaded value from its local. */
  uint32_t table_op = IOP_BR_TABLE, dst = 0, addr = rc, offset = 0;
  if (t->last_pos != SIZE_MAX && t->code[t->last_pos + 1] == rc) {
    switch (t->last_op) {
    case IOP_I32_LOAD8_U: table_op = IOP_BR_TABLE_L8; break;
    case IOP_I32_LOAD16_U: table_op = IOP_BR_TABLE_L16; break;
    case IOP_I32_LOAD: case IOP_I64_LOAD32_U: table_op = IOP_BR_TABLE_L32; break;
    case IOP_I64_LOAD: table_op = IOP_BR_TABLE_L64; break;
    default: break;
    }
    if (table_op != IOP_BR_TABLE) {
      dst = rc;
      addr = t->code[t->last_pos + 2];
      offset = t->code[t->last_pos + 3];
      t->site_offset = site_at(t, t->last_pos); /* a trap is the load's */
      t->len = t->last_pos;
      no_fusion(t);
    }
  }
  if (!reserve(t, 5 + 4 * (n + 1) + 8)) return;
  emit_op(t, table_op);
  if (table_op != IOP_BR_TABLE) emit(t, dst);
  emit(t, addr);
  if (table_op != IOP_BR_TABLE) emit(t, offset);
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
    da_branch(t, c);
    uint32_t keep = 0, drop = 0;
    if (c->kind == CTL_FUNC) {
      uint32_t cell = emit(t, returns);
      returns = cell;
    } else {
      if (!branch_shape(t, c, &keep, &drop)) return;
      link_target(t, c, emit(t, 0));
    }
    emit(t, t->local_slots + t->slots - keep);
    emit(t, t->local_slots + c->slots);
    emit(t, drop ? keep : 0);
  }
  if (returns != NO_CELL) {
    patch_chain(t, returns, (uint32_t)t->len);
    emit_return(t);
  }
}

/* ---- one instruction --------------------------------------------------------- */

static cw_valtype table_type(tr *t, uint32_t x) {
  if (x >= t->m->ntables) {
    fail(t, "unknown table");
    return CWASI_FUNCREF;
  }
  return t->m->tables[x].elemtype;
}

/* A rare operation in stack form: its operands are made HOME, so they sit
 * at consecutive slots from `base` and the result (if any) lands at base.
 * Emits op base, then the caller emits the immediates. */
static void emit_stack_form(tr *t, uint32_t op, uint32_t npop, cw_valtype result) {
  materialize_all(t);
  pop_n(t, npop);
  uint32_t base = t->local_slots + t->slots;
  if (result != CW_T_NONE) push(t, result);
  if (!reserve(t, 4)) return;
  emit_op(t, op);
  emit(t, base);
}

static bool commutes(cw_opcode op) {
  switch (op) {
  case CW_OP_I32_ADD: case CW_OP_I32_MUL: case CW_OP_I32_AND: case CW_OP_I32_OR:
  case CW_OP_I32_XOR: case CW_OP_I32_EQ: case CW_OP_I32_NE: case CW_OP_I64_ADD:
  case CW_OP_I64_MUL: case CW_OP_I64_AND: case CW_OP_I64_OR: case CW_OP_I64_XOR:
  case CW_OP_I64_EQ: case CW_OP_I64_NE: return true;
  default: return false;
  }
}

static bool is_icmp(cw_opcode op) { return brc_op[op] != 0; }

static void emit_unop(tr *t, cw_opcode op) {
  val a = pop(t);
  uint32_t ra = operand(t, a);
  uint32_t dst = result(t, cw_opinfo_table[op].result);
  if (!reserve(t, 3)) return;
  size_t pos = t->len;
  emit_op(t, (uint32_t)op);
  uint32_t cell = emit(t, dst);
  emit(t, ra);
  produced(t, cell);
  if (op == CW_OP_I32_EQZ || op == CW_OP_I64_EQZ) {
    t->cmp_pos = pos;
    t->cmp_end = t->len;
    t->cmp_op = op;
    t->cmp_a = ra;
    t->cmp_imm = false;
  }
}

/* If v is the result of the instruction just emitted, and that was the
 * operation numbered op (an interp_op), returns its first word. */
static bool just_produced(tr *t, val v, uint32_t op, size_t *pos) {
  if (v.kind != V_HOME || t->prod_end != t->len || t->code[t->prod_dest] != v.home ||
      t->code[t->prod_dest - 1] != (uint32_t)t->words[op])
    return false;
  *pos = t->prod_dest - 1;
  return true;
}

/* The shifts by a constant, and I32_<C>_<S> by user C (code.h). */
static const uint16_t shift_imm_op[] = {
#define SHIFT_ENTRY(e, s, fn) IOP_I32_##s##_I,
    INTERP_SHIFTS(SHIFT_ENTRY, _)
#undef SHIFT_ENTRY
};
#define NSHIFTS (sizeof shift_imm_op / sizeof shift_imm_op[0])
static const uint16_t shifted_op[CW_OP__COUNT][NSHIFTS] = {
#define SHIFT_ENTRY(c, s, fn) IOP_I32_##c##_##s,
#define USER_ROW(c) [CW_OP_I32_##c] = {INTERP_SHIFTS(SHIFT_ENTRY, c)},
    INTERP_SHIFT_USERS(USER_ROW)
#undef USER_ROW
#undef SHIFT_ENTRY
};

/* a C (x S k), C commutative, when one operand is a shift or rotate by a
 * constant just emitted: I32_<C>_<S> dst other x k. */
static bool fuse_shift(tr *t, cw_opcode op, val a, val b) {
  const uint16_t *fused = shifted_op[op];
  if (!fused[0] || a.kind == V_CONST || b.kind == V_CONST) return false;
  size_t pos;
  for (size_t i = 0; i < NSHIFTS; i++) {
    uint32_t other;
    if (just_produced(t, b, shift_imm_op[i], &pos)) /* a C (x S k) */
      other = operand(t, a);
    else if (just_produced(t, a, shift_imm_op[i], &pos)) /* (x S k) C b: C commutes */
      other = operand(t, b);
    else
      continue;
    uint32_t x = t->code[pos + 2], k = t->code[pos + 3]; /* k: low word of the imm64 */
    t->len = pos; /* the shift is replaced */
    no_fusion(t);
    uint32_t dst = result(t, CWASI_I32);
    if (!reserve(t, 5)) return true;
    emit_op(t, fused[i]);
    uint32_t cell = emit(t, dst);
    emit(t, other);
    emit(t, x);
    emit(t, k);
    produced(t, cell);
    return true;
  }
  return false;
}

/* Superinstructions: a float add/sub one of whose operands is a multiply
 * just emitted. The other operand must add no code (HOME or LOCAL), since
 * the fused instruction replaces the first one and reads its operands
 * later. */
static bool fuse_binop(tr *t, cw_opcode op, val a, val b) {
  uint32_t mul, add_mul_first, add_mul_second;
  switch (op) {
  case CW_OP_F64_ADD: mul = IOP_F64_MUL, add_mul_first = IOP_F64_MULADD, add_mul_second = IOP_F64_ADDMUL; break;
  case CW_OP_F64_SUB: mul = IOP_F64_MUL, add_mul_first = IOP_F64_MULSUB, add_mul_second = IOP_F64_SUBMUL; break;
  case CW_OP_F32_ADD: mul = IOP_F32_MUL, add_mul_first = IOP_F32_MULADD, add_mul_second = IOP_F32_ADDMUL; break;
  case CW_OP_F32_SUB: mul = IOP_F32_MUL, add_mul_first = IOP_F32_MULSUB, add_mul_second = IOP_F32_SUBMUL; break;
  default: return false;
  }
  if (a.kind == V_CONST || b.kind == V_CONST) return false;
  size_t pos;
  uint32_t fused, other;
  if (just_produced(t, b, mul, &pos)) { /* a + x*y */
    fused = add_mul_second;
    other = operand(t, a);
  } else if (just_produced(t, a, mul, &pos)) { /* x*y + b */
    fused = add_mul_first;
    other = operand(t, b);
  } else {
    return false;
  }
  uint32_t x = t->code[pos + 2], y = t->code[pos + 3];
  t->len = pos; /* the multiply is replaced */
  no_fusion(t);
  uint32_t dst = result(t, cw_opinfo_table[op].result);
  if (!reserve(t, 5)) return true;
  emit_op(t, fused);
  uint32_t cell = emit(t, dst);
  emit(t, x);
  emit(t, y);
  emit(t, other);
  produced(t, cell);
  return true;
}

/* Loads and stores with a folded address: ID_A, ID_X, ID_V, ID_K. */
static const uint16_t addr_op[CW_OP__COUNT] = {
#define ADDR_ENTRY(id, ...) [CW_OP_##id] = IOP_##id##_A,
    INTERP_LOADS(ADDR_ENTRY) INTERP_STORES(ADDR_ENTRY)
#undef ADDR_ENTRY
};
static const uint16_t index_op[CW_OP__COUNT] = {
#define ADDR_ENTRY(id, ...) [CW_OP_##id] = IOP_##id##_X,
    INTERP_LOADS(ADDR_ENTRY) INTERP_STORES(ADDR_ENTRY)
#undef ADDR_ENTRY
};
static const uint16_t store_imm_op[CW_OP__COUNT] = {
#define ADDR_ENTRY(id, ...) [CW_OP_##id] = IOP_##id##_V,
    INTERP_STORES(ADDR_ENTRY)
#undef ADDR_ENTRY
};
static const uint16_t const_addr_op[CW_OP__COUNT] = {
#define ADDR_ENTRY(id, ...) [CW_OP_##id] = IOP_##id##_K,
    INTERP_LOADS(ADDR_ENTRY) INTERP_STORES(ADDR_ENTRY)
#undef ADDR_ENTRY
};

/* The binary operations with a loaded-operand form, and what each fuses
 * with: its load, its ID_L and, by ID_L, its ID_M and store. */
static const uint16_t loadop_load[CW_OP__COUNT] = {
#define LOADOP_ENTRY(id, T, fn, load, store) [CW_OP_##id] = IOP_##load,
    INTERP_LOADOPS(LOADOP_ENTRY)
#undef LOADOP_ENTRY
};
static const uint16_t loadop_l[CW_OP__COUNT] = {
#define LOADOP_ENTRY(id, T, fn, load, store) [CW_OP_##id] = IOP_##id##_L,
    INTERP_LOADOPS(LOADOP_ENTRY)
#undef LOADOP_ENTRY
};
static const uint16_t loadop_m[IOP__COUNT] = {
#define LOADOP_ENTRY(id, T, fn, load, store) [IOP_##id##_L] = IOP_##id##_M,
    INTERP_LOADOPS(LOADOP_ENTRY)
#undef LOADOP_ENTRY
};
static const uint16_t loadop_store[IOP__COUNT] = {
#define LOADOP_ENTRY(id, T, fn, load, store) [IOP_##id##_L] = CW_OP_##store,
    INTERP_LOADOPS(LOADOP_ENTRY)
#undef LOADOP_ENTRY
};

/* a op load(addr, offset), when the load (plain or ID_A) is the
 * instruction just emitted and a adds no code. */
static bool fuse_load_operand(tr *t, cw_opcode op, val a, val b) {
  uint32_t load = loadop_load[op];
  if (!load || a.kind == V_CONST) return false;
  size_t pos;
  uint32_t c = 0;
  if (just_produced(t, b, addr_op[load], &pos))
    c = t->code[pos + 4];
  else if (!just_produced(t, b, load, &pos))
    return false;
  uint32_t addr = t->code[pos + 2], offset = t->code[pos + 3];
  uint32_t load_offset = site_at(t, pos); /* a trap is the load's */
  t->len = pos;
  no_fusion(t);
  uint32_t ra = operand(t, a);
  uint32_t dst = result(t, cw_opinfo_table[op].result);
  if (!reserve(t, 6)) return true;
  t->site_offset = load_offset;
  emit_op(t, loadop_l[op]);
  uint32_t cell = emit(t, dst);
  emit(t, ra);
  emit(t, addr);
  emit(t, offset);
  emit(t, c);
  produced(t, cell);
  return true;
}

static void emit_binop(tr *t, cw_opcode op) {
  val b = pop(t), a = pop(t);
  if (fuse_binop(t, op, a, b) || fuse_shift(t, op, a, b) || fuse_load_operand(t, op, a, b)) return;
  if (a.kind == V_CONST && b.kind != V_CONST && commutes(op)) {
    val x = a;
    a = b;
    b = x;
  }
  bool use_imm = b.kind == V_CONST && imm_op[op];
  uint32_t ra = operand(t, a);
  uint32_t rb = use_imm ? 0 : operand(t, b);
  uint32_t dst = result(t, cw_opinfo_table[op].result);
  if (!reserve(t, 5)) return;
  size_t pos = t->len;
  emit_op(t, use_imm ? imm_op[op] : (uint32_t)op);
  uint32_t cell = emit(t, dst);
  emit(t, ra);
  if (use_imm)
    emit_u64(t, b.bits);
  else
    emit(t, rb);
  produced(t, cell);
  if (is_icmp(op)) {
    t->cmp_pos = pos;
    t->cmp_end = t->len;
    t->cmp_op = op;
    t->cmp_a = ra;
    t->cmp_b = rb;
    t->cmp_imm = use_imm;
    t->cmp_bits = b.bits;
  }
}

/* If the address a was computed by the instruction just emitted, an
 * i32.add of a constant, removes that add and returns true with its
 * operand slot and constant. */
static bool take_add_imm(tr *t, val a, uint32_t *x, uint32_t *c) {
  if (a.kind != V_HOME || t->prod_end != t->len || t->code[t->prod_dest] != a.home ||
      t->code[t->prod_dest - 1] != (uint32_t)t->words[IOP_I32_ADD_I])
    return false;
  *x = t->code[t->prod_dest + 1];
  *c = t->code[t->prod_dest + 2];
  t->len = t->prod_dest - 1;
  no_fusion(t);
  return true;
}

static bool just_produced(tr *t, val v, uint32_t op, size_t *pos);

/* If the address a was computed by an I32_ADD_SHL just emitted, removes
 * it and returns its three operands (base, index, shift). */
static bool take_add_shl(tr *t, val a, uint32_t ops[3]) {
  size_t pos;
  if (!just_produced(t, a, IOP_I32_ADD_SHL, &pos)) return false;
  ops[0] = t->code[pos + 2];
  ops[1] = t->code[pos + 3];
  ops[2] = t->code[pos + 4];
  t->len = pos;
  no_fusion(t);
  return true;
}

static void emit_load(tr *t, cw_opcode op, uint32_t offset) {
  val a = pop(t);
  uint32_t x, c, ix[3];
  if (take_add_shl(t, a, ix)) {
    uint32_t dst = result(t, cw_opinfo_table[op].result);
    if (!reserve(t, 6)) return;
    emit_op(t, index_op[op]);
    uint32_t cell = emit(t, dst);
    emit(t, ix[0]);
    emit(t, offset);
    emit(t, ix[1]);
    emit(t, ix[2]);
    produced(t, cell);
    return;
  }
  bool fold = take_add_imm(t, a, &x, &c), k = a.kind == V_CONST;
  uint32_t ra = fold ? x : k ? (uint32_t)a.bits : operand(t, a);
  uint32_t dst = result(t, cw_opinfo_table[op].result);
  if (!reserve(t, 5)) return;
  emit_op(t, fold ? addr_op[op] : k ? const_addr_op[op] : (uint32_t)op);
  uint32_t cell = emit(t, dst);
  emit(t, ra);
  emit(t, offset);
  if (fold) emit(t, c);
  produced(t, cell);
}

static void emit_store(tr *t, cw_opcode op, uint32_t offset) {
  val v = pop(t), a = pop(t);
  uint32_t x, c;
  /* p[i] = a op p[i] with the ID_L just emitted loading from the same
   * local address: one read-modify-write ID_M. A trap is the load's. */
  size_t p = t->last_pos;
  if (v.kind == V_HOME && a.kind == V_LOCAL && p != SIZE_MAX && loadop_m[t->last_op] &&
      t->code[p + 1] == v.home && loadop_store[t->last_op] == op && t->code[p + 3] == a.ref &&
      t->code[p + 4] == offset && t->code[p + 5] == 0) {
    uint32_t m = loadop_m[t->last_op], other = t->code[p + 2], site = site_at(t, p);
    t->len = p;
    no_fusion(t);
    if (!reserve(t, 5)) return;
    t->site_offset = site;
    emit_op(t, m);
    emit(t, a.ref);
    emit(t, offset);
    emit(t, 0);
    emit(t, other);
    return;
  }
  /* A value still in a local adds no code after the address. */
  if (v.kind == V_CONST && a.kind != V_CONST) {
    uint32_t ra = operand(t, a);
    if (!reserve(t, 5)) return;
    emit_op(t, store_imm_op[op]);
    emit(t, ra);
    emit(t, offset);
    emit_u64(t, v.bits);
    return;
  }
  uint32_t ix[3];
  if (v.kind == V_LOCAL && take_add_shl(t, a, ix)) {
    if (!reserve(t, 6)) return;
    emit_op(t, index_op[op]);
    emit(t, ix[0]);
    emit(t, v.ref);
    emit(t, offset);
    emit(t, ix[1]);
    emit(t, ix[2]);
    return;
  }
  bool fold = v.kind == V_LOCAL && take_add_imm(t, a, &x, &c), k = a.kind == V_CONST;
  uint32_t ra = fold ? x : k ? (uint32_t)a.bits : operand(t, a), rv = operand(t, v);
  if (!reserve(t, 5)) return;
  emit_op(t, fold ? addr_op[op] : k ? const_addr_op[op] : (uint32_t)op);
  emit(t, ra);
  emit(t, rv);
  emit(t, offset);
  if (fold) emit(t, c);
}

/* Called when the I32_ADD_I just emitted has been redirected into a local:
 * right after another one that went into a local, the two become one
 * I32_ADD2_I (a loop stepping two pointers). */
static void merge_add_set(tr *t) {
  if (!last_is(t, IOP_I32_ADD_I) || t->prev_pos == SIZE_MAX || t->prev_op != IOP_I32_ADD_I ||
      t->code[t->prev_pos + 1] >= t->local_slots)
    return;
  size_t p1 = t->prev_pos, p2 = t->last_pos; /* op d1 a1 lo hi | op d2 a2 lo hi -> op d1 a1 c1 d2 a2 c2 */
  uint32_t d2 = t->code[p2 + 1], a2 = t->code[p2 + 2], c2 = t->code[p2 + 3];
  t->code[p1] = (uint32_t)t->words[IOP_I32_ADD2_I];
  t->code[p1 + 4] = d2;
  t->code[p1 + 5] = a2;
  t->code[p1 + 6] = c2;
  t->len = p1 + 7;
  t->prod_end = t->prev_pos = SIZE_MAX;
  t->last_pos = p1;
  t->last_op = IOP_I32_ADD2_I;
}

/* local.set / local.tee of the local at slot off. */
static void emit_local_set(tr *t, uint32_t off, bool tee, cw_valtype type) {
  val v = pop(t);
  if (v.kind == V_LOCAL && v.ref == off) {
    /* x = x: nothing to do */
  } else {
    size_t before = t->len;
    materialize_local(t, off);
    if (v.kind == V_HOME && t->len == before && t->prod_end == t->len &&
        t->code[t->prod_dest] == v.home) {
      t->code[t->prod_dest] = off; /* the producer writes the local itself */
      merge_add_set(t);
    } else if (v.kind == V_CONST) {
      emit_const(t, v.type, off, v.bits);
    } else {
      emit_copy_val(t, v.type, off, operand(t, v));
    }
  }
  /* The last i32.add stays known: a loop's `i += s` is usually set or
   * teed into its local before the bound check. */
  t->prod_end = t->cmp_end = SIZE_MAX;
  if (tee) push_local(t, type, off);
}

/* Every v128 instruction, from its row in opcodes.h: the operands it pops
 * (up to three), then the immediates its shape carries (code.h). */
static void emit_simd(tr *t, cw_opcode op, const imm *im) {
  const cw_opinfo *info = &cw_opinfo_table[op];
  val v[3];
  uint32_t reg[3], n = 0;
  while (n < 3 && info->params[n] != CW_T_NONE)
    n++;
  for (uint32_t i = n; i-- > 0;)
    v[i] = pop(t);
  for (uint32_t i = 0; i < n; i++)
    reg[i] = operand(t, v[i]);
  bool has_result = info->result != CW_T_NONE;
  uint32_t dst = has_result ? result(t, info->result) : 0;
  if (!reserve(t, 9)) return;
  emit_op(t, (uint32_t)op);
  uint32_t cell = has_result ? emit(t, dst) : 0;
  switch (info->imm) {
  case CW_IMM_V128: /* dst imm128 */
  case CW_IMM_SHUFFLE: /* dst a b imm128 */
    for (uint32_t i = 0; i < n; i++)
      emit(t, reg[i]);
    {
      uint8_t b[16];
      memcpy(b, t->r.base + im->vec_pos, 16);
      if (info->imm == CW_IMM_SHUFFLE) b[0] |= interp_shuffle_kind(b); /* see simd.h */
      for (int w = 0; w < 4; w++) {
        uint32_t x;
        memcpy(&x, b + 4 * w, 4);
        emit(t, x);
      }
    }
    break;
  case CW_IMM_MEMARG: /* dst addr offset | addr val offset */
    for (uint32_t i = 0; i < n; i++)
      emit(t, reg[i]);
    emit(t, im->b);
    break;
  case CW_IMM_MEMARG_LANE: /* [dst] addr v offset lane */
    emit(t, reg[0]);
    emit(t, reg[1]);
    emit(t, im->b);
    emit(t, im->count);
    break;
  case CW_IMM_LANE: /* dst a [x] lane */
    for (uint32_t i = 0; i < n; i++)
      emit(t, reg[i]);
    emit(t, im->a);
    break;
  default: /* dst a [b [c]] */
    for (uint32_t i = 0; i < n; i++)
      emit(t, reg[i]);
    break;
  }
  if (has_result) produced(t, cell);
}

/* Translates one reachable instruction. Returns true at the function's end. */
static bool translate_op(tr *t, cw_opcode op, const imm *im) {
  const cw_module *m = t->m;
  switch (op) {
  case CW_OP_NOP: break;
  case CW_OP_UNREACHABLE:
    emit_op(t, IOP_UNREACHABLE);
    t->unreachable = true;
    if (t->da_words) da_fill(t, DA_CUR, UINT64_MAX);
    break;
  case CW_OP_BLOCK: open_ctl(t, CTL_BLOCK, im->s); break;
  case CW_OP_LOOP: {
    ctl *c = open_ctl(t, CTL_LOOP, im->s);
    if (c && t->checks) emit_check(t, c);
    break;
  }
  case CW_OP_IF: {
    val cond = pop(t);
    uint32_t cell = emit_cond_jump(t, cond, false);
    if (t->oom || t->bad) break;
    t->code[cell] = NO_CELL;
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
      materialize_all(t);
      if (!reserve(t, 2)) break;
      emit_op(t, IOP_BR);
      link_target(t, c, emit(t, 0));
    }
    patch_chain(t, c->else_cell, (uint32_t)t->len);
    c->else_cell = NO_CELL;
    reset_to(t, c, true);
    t->unreachable = false;
    if (t->da_words) { /* the then-branch ends at the end; else starts as if did */
      da_and(t, DA_END(t->nctls - 1), DA_CUR);
      da_copy(t, DA_CUR, DA_ENTRY(t->nctls - 1));
    }
    break;
  }
  case CW_OP_END: {
    ctl *c = &t->ctls[t->nctls - 1];
    patch_check(t, c);
    if (c->kind == CTL_FUNC) {
      if (!t->unreachable) emit_return(t);
      t->nctls--;
      return true;
    }
    if (!t->unreachable) materialize_all(t);
    if (t->da_words) { /* fall-through (all ones if dead) and every branch here */
      size_t k = t->nctls - 1;
      da_and(t, DA_END(k), DA_CUR);
      if (c->kind == CTL_IF && c->else_cell != NO_CELL) da_and(t, DA_END(k), DA_ENTRY(k));
      da_copy(t, DA_CUR, DA_END(k));
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
    emit_branch(t, im->a, false, (val){0});
    t->unreachable = true;
    if (t->da_words) da_fill(t, DA_CUR, UINT64_MAX);
    break;
  case CW_OP_BR_IF: {
    val cond = pop(t);
    emit_branch(t, im->a, true, cond);
    no_fusion(t);
    break;
  }
  case CW_OP_BR_TABLE:
    emit_br_table(t, im, pop(t));
    t->unreachable = true;
    if (t->da_words) da_fill(t, DA_CUR, UINT64_MAX);
    break;
  case CW_OP_RETURN:
    emit_return(t);
    t->unreachable = true;
    if (t->da_words) da_fill(t, DA_CUR, UINT64_MAX);
    break;
  case CW_OP_CALL: {
    if (im->a >= m->nfuncs) {
      fail(t, "unknown function");
      break;
    }
    const cw_functype *ft = cw_module_func_type(m, im->a);
    materialize_all(t);
    pop_n(t, ft->nparams);
    if (!reserve(t, 3)) break;
    emit_op(t, IOP_CALL);
    emit(t, im->a);
    emit(t, t->local_slots + t->slots);
    push_all(t, cw_functype_results(ft), ft->nresults);
    no_fusion(t);
    break;
  }
  case CW_OP_CALL_INDIRECT: {
    if (im->a >= m->ntypes) {
      fail(t, "unknown type");
      break;
    }
    uint32_t rc = operand(t, pop(t));
    materialize_all(t);
    pop_n(t, m->types[im->a].nparams);
    if (!reserve(t, 5)) break;
    emit_op(t, IOP_CALL_INDIRECT);
    emit(t, im->a);
    emit(t, im->b);
    emit(t, rc);
    emit(t, t->local_slots + t->slots);
    push_all(t, cw_functype_results(&m->types[im->a]), m->types[im->a].nresults);
    no_fusion(t);
    break;
  }
  case CW_OP_RETURN_CALL: {
    /* A tail call: the arguments move to fp[0..) and the callee replaces
     * this frame (interp.c), so its RETURN goes to our caller. */
    if (im->a >= m->nfuncs) {
      fail(t, "unknown function");
      break;
    }
    const cw_functype *ft = cw_module_func_type(m, im->a);
    materialize_all(t);
    pop_n(t, ft->nparams);
    if (!reserve(t, 4)) break;
    emit_op(t, IOP_RETURN_CALL);
    emit(t, im->a);
    emit(t, t->local_slots + t->slots);
    emit(t, slots_of(cw_functype_params(ft), ft->nparams));
    t->unreachable = true;
    if (t->da_words) da_fill(t, DA_CUR, UINT64_MAX);
    break;
  }
  case CW_OP_RETURN_CALL_INDIRECT: {
    if (im->a >= m->ntypes) {
      fail(t, "unknown type");
      break;
    }
    const cw_functype *ft = &m->types[im->a];
    uint32_t rc = operand(t, pop(t));
    materialize_all(t);
    pop_n(t, ft->nparams);
    if (!reserve(t, 6)) break;
    emit_op(t, IOP_RETURN_CALL_INDIRECT);
    emit(t, im->a);
    emit(t, im->b);
    emit(t, rc);
    emit(t, t->local_slots + t->slots);
    emit(t, slots_of(cw_functype_params(ft), ft->nparams));
    t->unreachable = true;
    if (t->da_words) da_fill(t, DA_CUR, UINT64_MAX);
    break;
  }
  case CW_OP_DROP: pop(t); break;
  case CW_OP_SELECT:
  case CW_OP_SELECT_T: {
    val c = pop(t), b = pop(t), a = pop(t);
    uint32_t ra = operand(t, a), rb = operand(t, b), rc = operand(t, c);
    uint32_t dst = result(t, a.type);
    if (!reserve(t, 5)) break;
    emit_op(t, cw_slots_for(a.type) == 2 ? IOP_SELECT_V128 : IOP_SELECT);
    uint32_t cell = emit(t, dst);
    emit(t, ra);
    emit(t, rb);
    emit(t, rc);
    produced(t, cell);
    break;
  }
  case CW_OP_LOCAL_GET:
  case CW_OP_LOCAL_SET:
  case CW_OP_LOCAL_TEE:
    if (im->a >= t->nlocals) {
      fail(t, "unknown local");
      break;
    }
    da_local(t, im->a, op == CW_OP_LOCAL_GET);
    if (op == CW_OP_LOCAL_GET)
      push_local(t, t->local_type[im->a], t->local_off[im->a]);
    else
      emit_local_set(t, t->local_off[im->a], op == CW_OP_LOCAL_TEE, t->local_type[im->a]);
    break;
  case CW_OP_GLOBAL_GET:
  case CW_OP_GLOBAL_SET:
    if (im->a >= m->nglobals) {
      fail(t, "unknown global");
      break;
    }
    bool wide = cw_slots_for(m->globals[im->a].type) == 2;
    if (op == CW_OP_GLOBAL_GET) {
      uint32_t dst = result(t, m->globals[im->a].type);
      if (!reserve(t, 3)) break;
      emit_op(t, wide ? IOP_GLOBAL_GET_V128 : IOP_GLOBAL_GET);
      uint32_t cell = emit(t, dst);
      emit(t, im->a);
      produced(t, cell);
    } else {
      uint32_t src = operand(t, pop(t));
      if (!reserve(t, 3)) break;
      emit_op(t, wide ? IOP_GLOBAL_SET_V128 : IOP_GLOBAL_SET);
      emit(t, src);
      emit(t, im->a);
    }
    break;
  case CW_OP_TABLE_GET:
    emit_stack_form(t, IOP_TABLE_GET, 1, table_type(t, im->a));
    emit(t, im->a);
    break;
  case CW_OP_TABLE_SET:
  case CW_OP_TABLE_FILL:
    table_type(t, im->a);
    emit_stack_form(t, (uint32_t)op, op == CW_OP_TABLE_SET ? 2 : 3, CW_T_NONE);
    emit(t, im->a);
    break;
  case CW_OP_TABLE_GROW:
    table_type(t, im->a);
    emit_stack_form(t, IOP_TABLE_GROW, 2, CWASI_I32);
    emit(t, im->a);
    break;
  case CW_OP_TABLE_SIZE:
    table_type(t, im->a);
    emit_stack_form(t, IOP_TABLE_SIZE, 0, CWASI_I32);
    emit(t, im->a);
    break;
  case CW_OP_TABLE_INIT:
  case CW_OP_TABLE_COPY:
    emit_stack_form(t, (uint32_t)op, 3, CW_T_NONE);
    emit(t, im->a);
    emit(t, im->b);
    break;
  case CW_OP_ELEM_DROP:
  case CW_OP_DATA_DROP:
  case CW_OP_MEMORY_INIT: {
    const cw_opinfo *info = &cw_opinfo_table[op];
    uint32_t npop = 0;
    for (int i = 0; i < 3; i++)
      npop += info->params[i] != CW_T_NONE;
    emit_stack_form(t, (uint32_t)op, npop, info->result);
    emit(t, im->a);
    break;
  }
  case CW_OP_MEMORY_SIZE: emit_stack_form(t, IOP_MEMORY_SIZE, 0, CWASI_I32); break;
  case CW_OP_MEMORY_GROW: emit_stack_form(t, IOP_MEMORY_GROW, 1, CWASI_I32); break;
  case CW_OP_MEMORY_FILL:
  case CW_OP_MEMORY_COPY: emit_stack_form(t, (uint32_t)op, 3, CW_T_NONE); break;
  case CW_OP_I32_CONST: push_const(t, CWASI_I32, (uint32_t)im->bits); break;
  case CW_OP_F32_CONST: push_const(t, CWASI_F32, (uint32_t)im->bits); break;
  case CW_OP_I64_CONST: push_const(t, CWASI_I64, im->bits); break;
  case CW_OP_F64_CONST: push_const(t, CWASI_F64, im->bits); break;
  case CW_OP_REF_NULL: push_const(t, im->vt, 0); break;
  case CW_OP_REF_IS_NULL: emit_stack_form(t, IOP_REF_IS_NULL, 1, CWASI_I32); break;
  case CW_OP_REF_FUNC:
    emit_stack_form(t, IOP_REF_FUNC, 0, CWASI_FUNCREF);
    emit(t, im->a);
    break;
  default: {
    const cw_opinfo *info = &cw_opinfo_table[op];
    if (info->prefix == 0xFD) {
      emit_simd(t, op, im);
    } else if (info->imm == CW_IMM_MEMARG) {
      if (info->result != CW_T_NONE)
        emit_load(t, op, im->b);
      else
        emit_store(t, op, im->b);
    } else if (info->result == CW_T_ANY || info->imm != CW_IMM_NONE ||
               info->params[0] == CW_T_NONE || info->params[2] != CW_T_NONE) {
      fail(t, "instruction not handled by the translator");
    } else if (info->params[1] == CW_T_NONE) {
      emit_unop(t, op);
    } else {
      emit_binop(t, op);
    }
    break;
  }
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
  t->local_slots = local_slots;
  no_fusion(t);
  /* Each branch and block costs a pass over the sets: past 4096 declared
   * locals (rare, and a way to make translation slow) they are all
   * zeroed instead. */
  size_t declared = t->nlocals - t->ftype->nparams;
  t->da_words = declared <= 4096 ? (declared + 63) / 64 : 0;
  if (t->da_words) {
    if (!da_reserve(t, 0)) goto done;
    da_fill(t, DA_CUR, 0);
    da_fill(t, DA_READ, 0);
  }
  uint32_t result_slots = slots_of(cw_functype_results(t->ftype), t->ftype->nresults);

  /* The function body is a block whose label is the function's return. */
  ctl *fc = open_ctl(t, CTL_FUNC, -64);
  if (!fc) goto done;
  fc->result_slots = result_slots;
  if (t->checks) emit_check(t, fc);

  cw_reader_init(&t->r, m->bytes, fn->body_offset, fn->body_end);
  bool finished = false;
  while (!finished && !t->bad && !t->oom) {
    cw_opcode op;
    imm im;
    t->op_offset = (uint32_t)t->r.pos;
    if (cw_reader_eof(&t->r)) {
      fail(t, "function body ends without end");
      break;
    }
    if (!cw_read_opcode(&t->r, &op) || !cw_read_imm(&t->r, op, &im)) {
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
    if (!reserve(t, 32)) break;
    if (t->fuel) count_fuel(t, op);
    finished = translate_op(t, op, &im);
    if (t->plain && !t->unreachable) { /* nothing lazy, nothing to look back at */
      materialize_all(t);
      no_fusion(t);
    }
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
    while (t->nsites && t->sites[t->nsites - 1].code >= t->len)
      t->nsites--;
    if (t->nsites) {
      c->sites = cw_realloc_array(t->sites, t->nsites, sizeof *c->sites);
      if (!c->sites) {
        cw_free(c);
        t->oom = true;
        goto done;
      }
      c->nsites = (uint32_t)t->nsites;
      t->sites = NULL; /* now owned by c */
    }
    c->code = t->code;
    c->len = t->len;
    c->param_slots = param_slots;
    c->local_slots = local_slots;
    /* Zeroed on entry: the slots of the locals some read may find unset. */
    c->zero_lo = c->zero_hi = local_slots;
    if (!t->da_words) c->zero_lo = param_slots; /* no analysis: all of them */
    for (uint32_t i = t->ftype->nparams; t->da_words && i < t->nlocals; i++) {
      uint32_t d = i - t->ftype->nparams;
      if (!(da_set(t, DA_READ)[d / 64] >> (d % 64) & 1)) continue;
      uint32_t lo = t->local_off[i], hi = lo + cw_slots_for(t->local_type[i]);
      if (c->zero_lo == c->zero_hi) {
        c->zero_lo = lo;
        c->zero_hi = hi;
      } else {
        if (lo < c->zero_lo) c->zero_lo = lo;
        if (hi > c->zero_hi) c->zero_hi = hi;
      }
    }
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
  t.words = interp_op_words();
  t.ftype = cw_module_func_type(m, m->nimported_funcs + defidx);
  t.site_offset = UINT32_MAX;
  t.fuel = mod->engine->config.consume_fuel;
  t.checks = t.fuel || mod->engine->config.interruptible;
  t.plain = mod->engine->plain_translation;
  cwasi_status st = translate(&t, &m->funcs[defidx], &mod->code[defidx], err);
  cw_free(t.code);
  cw_free(t.vals);
  cw_free(t.ctls);
  cw_free(t.local_off);
  cw_free(t.local_type);
  cw_free(t.sites);
  cw_free(t.da);
  return st;
}

void interp_code_free(struct interp_code *code) {
  if (!code) return;
  cw_free(code->code);
  cw_free(code->sites);
  cw_free(code);
}
