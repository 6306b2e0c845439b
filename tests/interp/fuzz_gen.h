/*
 * fuzz_gen.h — turns fuzz bytes into a valid module whose every run
 * terminates, for the fuzz targets that execute code (fuzz_run.c,
 * fuzz_diff.c). Without fuel an arbitrary module may loop forever, so the
 * generator builds only code that ends by construction:
 *   - functions f0..fN-1 (N <= 6), each exported, with random params and
 *     results (multi-value), declared locals, and two i32 loop counters
 *     that nothing else writes;
 *   - a body of statements and expressions over i32/i64/f32/f64: constants
 *     (edge values), locals and globals, every numeric operator and
 *     conversion (trapping and saturating), loads and stores of every width
 *     at in-bounds, edge and out-of-bounds addresses (with the address
 *     shapes the interpreter fuses: local+const, (local<<k)+local), select,
 *     block/if/else with results, br_if out of a block, br_table, return,
 *     memory.size/grow/fill/copy;
 *   - loops only of the form "counter = n; loop ... counter -= 1 (or += 1
 *     up to n); br_if" with n <= 8, nested at most twice;
 *   - calls (direct, and call_indirect through a table whose index is
 *     reduced modulo the caller's own index) only to lower-numbered
 *     functions, so there is no recursion, and only while an estimate of
 *     the work (loop trip counts times callees' work) stays under a bound.
 * One memory (1 page, max 2), four mutable globals, a table holding every
 * function, and a data segment that may lie out of bounds (instantiation
 * then traps). Exports: "f<i>", "mem", "g0".."g3".
 * The bytes are read front to back; when they run out every choice is 0,
 * which still gives a valid module.
 */
#ifndef CW_FUZZ_GEN_H
#define CW_FUZZ_GEN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

#define GEN_MAX_FUNCS 6
#define GEN_MAX_PARAMS 4
#define GEN_MAX_RESULTS 3
#define GEN_MAX_LOCALS 14 /* params, declared, two counters, two NaN scratch */
#define GEN_MAX_WORK 2048 /* a function's estimated work, in loop trips */
#define GEN_MAX_BODY 6000 /* bytes of code per function before only leaves are made */

typedef struct gen_buf {
  uint8_t *p;
  size_t len, cap;
} gen_buf;

typedef struct gen_type {
  uint8_t params[GEN_MAX_PARAMS], results[GEN_MAX_RESULTS];
  uint32_t nparams, nresults;
} gen_type;

typedef struct gen {
  const uint8_t *in;
  size_t n, pos;
  gen_buf *out; /* the body being generated */
  uint32_t nfuncs;
  gen_type types[GEN_MAX_FUNCS];
  uint32_t work[GEN_MAX_FUNCS]; /* estimated work of each finished function */
  uint32_t cur;                 /* the function being generated */
  uint8_t locals[GEN_MAX_LOCALS];
  /* counters: locals counter0, counter0 + 1; then an f32 and an f64 that
   * only gen_canon uses */
  uint32_t nlocals, counter0;
  uint32_t mult;   /* product of the enclosing loops' trip counts */
  uint32_t loops;  /* enclosing loops */
  uint32_t labels; /* enclosing labels inside the body */
} gen;

static const uint8_t gen_valtypes[4] = {0x7F, 0x7E, 0x7D, 0x7C}; /* i32 i64 f32 f64 */

static void gen_put(gen_buf *b, uint8_t v) {
  if (b->len == b->cap) {
    b->cap = b->cap ? b->cap * 2 : 256;
    b->p = realloc(b->p, b->cap);
    if (!b->p) abort();
  }
  b->p[b->len++] = v;
}
static void gen_bytes(gen_buf *b, const void *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    gen_put(b, ((const uint8_t *)p)[i]);
}
static void gen_uleb(gen_buf *b, uint64_t v) {
  do {
    uint8_t c = v & 0x7F;
    v >>= 7;
    gen_put(b, c | (v ? 0x80 : 0));
  } while (v);
}
static void gen_sleb(gen_buf *b, int64_t v) {
  for (;;) {
    uint8_t c = v & 0x7F;
    v >>= 7; /* arithmetic */
    bool done = (v == 0 && !(c & 0x40)) || (v == -1 && (c & 0x40));
    gen_put(b, c | (done ? 0 : 0x80));
    if (done) return;
  }
}
static void gen_section(gen_buf *mod, uint8_t id, gen_buf *body) {
  gen_put(mod, id);
  gen_uleb(mod, body->len);
  gen_bytes(mod, body->p, body->len);
  body->len = 0;
}

static uint32_t gen_byte(gen *g) { return g->pos < g->n ? g->in[g->pos++] : 0; }
static uint32_t gen_below(gen *g, uint32_t k) { return k ? gen_byte(g) % k : 0; }
static uint64_t gen_u64(gen *g) {
  uint64_t v = 0;
  for (int i = 0; i < 8; i++)
    v = v << 8 | gen_byte(g);
  return v;
}
static void gen_op(gen *g, uint8_t op) { gen_put(g->out, op); }
static void gen_op2(gen *g, uint8_t a, uint32_t b) {
  gen_put(g->out, a);
  gen_uleb(g->out, b);
}

/* Constants the arithmetic's edges live at. */
static uint64_t gen_const_bits(gen *g, uint8_t t) {
  static const uint64_t i32s[] = {0,          1,          2,          31,         32,
                                  0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFFE, 65535,
                                  65536,      65532,      131068,     7,          0x12345678};
  static const uint64_t i64s[] = {0,
                                  1,
                                  63,
                                  64,
                                  0x7FFFFFFFFFFFFFFF,
                                  0x8000000000000000,
                                  UINT64_MAX,
                                  0xFFFFFFFF,
                                  0x100000000,
                                  0x123456789ABCDEF};
  static const uint32_t f32s[] = {0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x7F800000,
                                  0xFF800000, 0x7FC00000, 0xFFC00001, 0x4F000000, 0xCF000000,
                                  0x4F800000, 0x00000001, 0x3F000000, 0x5F000000, 0xDF000000};
  static const uint64_t f64s[] = {0,
                                  0x8000000000000000,
                                  0x3FF0000000000000,
                                  0xBFF0000000000000,
                                  0x7FF0000000000000,
                                  0xFFF0000000000000,
                                  0x7FF8000000000000,
                                  0x7FF4000000000001,
                                  0x41E0000000000000,
                                  0xC1E0000000000000,
                                  0x43E0000000000000,
                                  0xC3E0000000000000,
                                  0x41F0000000000000,
                                  0x3FE0000000000000,
                                  1};
  uint32_t k = gen_byte(g);
  bool pick = k & 1;
  k >>= 1;
  switch (t) {
  case 0x7F: return pick ? i32s[k % CW_ARRAY_LEN(i32s)] : (uint32_t)gen_u64(g);
  case 0x7E: return pick ? i64s[k % CW_ARRAY_LEN(i64s)] : gen_u64(g);
  case 0x7D: return pick ? f32s[k % CW_ARRAY_LEN(f32s)] : (uint32_t)gen_u64(g);
  default: return pick ? f64s[k % CW_ARRAY_LEN(f64s)] : gen_u64(g);
  }
}

static void gen_const(gen *g, uint8_t t, uint64_t bits) {
  switch (t) {
  case 0x7F: gen_op(g, 0x41), gen_sleb(g->out, (int32_t)(uint32_t)bits); break;
  case 0x7E: gen_op(g, 0x42), gen_sleb(g->out, (int64_t)bits); break;
  case 0x7D: {
    uint32_t u = (uint32_t)bits;
    gen_op(g, 0x43);
    gen_bytes(g->out, &u, 4);
    break;
  }
  default: gen_op(g, 0x44), gen_bytes(g->out, &bits, 8); break;
  }
}

/* A local of type t (never a counter), or -1. */
static int gen_local(gen *g, uint8_t t) {
  uint32_t start = gen_below(g, g->counter0 ? g->counter0 : 1);
  for (uint32_t i = 0; i < g->counter0; i++) {
    uint32_t k = (start + i) % g->counter0;
    if (g->locals[k] == t) return (int)k;
  }
  return -1;
}

static void gen_expr(gen *g, uint8_t t, uint32_t depth);
static void gen_stmts(gen *g, uint32_t depth, uint32_t max);

static void gen_leaf(gen *g, uint8_t t) {
  int l;
  uint32_t k = gen_below(g, 3);
  if (k == 1 && (l = gen_local(g, t)) >= 0)
    gen_op2(g, 0x20, (uint32_t)l);
  else if (k == 2)
    gen_op2(g, 0x23, t == 0x7F ? 0 : t == 0x7E ? 1 : t == 0x7D ? 2 : 3);
  else
    gen_const(g, t, gen_const_bits(g, t));
}

static bool gen_full(const gen *g) { return g->out->len > GEN_MAX_BODY; }

/* An i32 address, in the shapes the translator folds into loads/stores. */
static void gen_addr(gen *g, uint32_t depth) {
  int a = gen_local(g, 0x7F), b = gen_local(g, 0x7F);
  switch (gen_below(g, 6)) {
  case 0: gen_const(g, 0x7F, gen_below(g, 64)); break;
  case 1: gen_const(g, 0x7F, 65536 - gen_below(g, 12)); break;
  case 2:
    if (a < 0) return gen_const(g, 0x7F, gen_const_bits(g, 0x7F));
    gen_op2(g, 0x20, (uint32_t)a);
    gen_const(g, 0x7F, gen_below(g, 4) ? gen_below(g, 256) : gen_const_bits(g, 0x7F));
    gen_op(g, 0x6A);
    break;
  case 3:
    if (a < 0 || b < 0) return gen_const(g, 0x7F, gen_const_bits(g, 0x7F));
    gen_op2(g, 0x20, (uint32_t)a);
    gen_const(g, 0x7F, gen_below(g, 4));
    gen_op(g, 0x74); /* shl */
    gen_op2(g, 0x20, (uint32_t)b);
    gen_op(g, 0x6A);
    break;
  case 4:
    if (a < 0) return gen_const(g, 0x7F, gen_below(g, 65536));
    gen_op2(g, 0x20, (uint32_t)a);
    break;
  default: gen_expr(g, 0x7F, depth); break;
  }
}

static void gen_memarg(gen *g, uint32_t natural_log2) {
  gen_uleb(g->out, gen_below(g, natural_log2 + 1));
  uint32_t k = gen_below(g, 8);
  gen_uleb(g->out, k < 5 ? 0 : k < 7 ? gen_below(g, 64) : 65536 - gen_below(g, 8));
}

static const struct {
  uint8_t op, type, log2;
} gen_loads[] =
    {
        {0x28, 0x7F, 2}, {0x29, 0x7E, 3}, {0x2A, 0x7D, 2}, {0x2B, 0x7C, 3}, {0x2C, 0x7F, 0},
        {0x2D, 0x7F, 0}, {0x2E, 0x7F, 1}, {0x2F, 0x7F, 1}, {0x30, 0x7E, 0}, {0x31, 0x7E, 0},
        {0x32, 0x7E, 1}, {0x33, 0x7E, 1}, {0x34, 0x7E, 2}, {0x35, 0x7E, 2},
},
  gen_stores[] = {
      {0x36, 0x7F, 2}, {0x37, 0x7E, 3}, {0x38, 0x7D, 2}, {0x39, 0x7C, 3}, {0x3A, 0x7F, 0},
      {0x3B, 0x7F, 1}, {0x3C, 0x7E, 0}, {0x3D, 0x7E, 1}, {0x3E, 0x7E, 2},
};

/* Conversions to each type: (prefix 0xFC if sat, opcode, source type). */
static const struct {
  uint8_t to, from, op, sat;
} gen_convs[] = {
    {0x7F, 0x7E, 0xA7, 0}, {0x7F, 0x7D, 0xA8, 0}, {0x7F, 0x7D, 0xA9, 0}, {0x7F, 0x7C, 0xAA, 0},
    {0x7F, 0x7C, 0xAB, 0}, {0x7F, 0x7D, 0xBC, 0}, {0x7F, 0x7D, 0, 1},    {0x7F, 0x7D, 1, 1},
    {0x7F, 0x7C, 2, 1},    {0x7F, 0x7C, 3, 1},    {0x7F, 0x7F, 0xC0, 0}, {0x7F, 0x7F, 0xC1, 0},
    {0x7E, 0x7F, 0xAC, 0}, {0x7E, 0x7F, 0xAD, 0}, {0x7E, 0x7D, 0xAE, 0}, {0x7E, 0x7D, 0xAF, 0},
    {0x7E, 0x7C, 0xB0, 0}, {0x7E, 0x7C, 0xB1, 0}, {0x7E, 0x7C, 0xBD, 0}, {0x7E, 0x7D, 4, 1},
    {0x7E, 0x7D, 5, 1},    {0x7E, 0x7C, 6, 1},    {0x7E, 0x7C, 7, 1},    {0x7E, 0x7E, 0xC2, 0},
    {0x7E, 0x7E, 0xC3, 0}, {0x7E, 0x7E, 0xC4, 0}, {0x7D, 0x7F, 0xB2, 0}, {0x7D, 0x7F, 0xB3, 0},
    {0x7D, 0x7E, 0xB4, 0}, {0x7D, 0x7E, 0xB5, 0}, {0x7D, 0x7C, 0xB6, 0}, {0x7D, 0x7F, 0xBE, 0},
    {0x7C, 0x7F, 0xB7, 0}, {0x7C, 0x7F, 0xB8, 0}, {0x7C, 0x7E, 0xB9, 0}, {0x7C, 0x7E, 0xBA, 0},
    {0x7C, 0x7D, 0xBB, 0}, {0x7C, 0x7E, 0xBF, 0},
};

/* Unary and binary operators of each type: first opcode and count. */
static void gen_unop(gen *g, uint8_t t) {
  switch (t) {
  case 0x7F: gen_op(g, (uint8_t)(0x67 + gen_below(g, 3))); break;
  case 0x7E: gen_op(g, (uint8_t)(0x79 + gen_below(g, 3))); break;
  case 0x7D: gen_op(g, (uint8_t)(0x8B + gen_below(g, 7))); break;
  default: gen_op(g, (uint8_t)(0x99 + gen_below(g, 7))); break;
  }
}

/*
 * Replaces a NaN on top of the stack by the positive canonical NaN. A NaN
 * result's sign and payload are nondeterministic in Wasm (and differ
 * between the fused and plain translations when an operand swap changes
 * which NaN x86 propagates), so where bits become observable — a float
 * reinterpreted as an integer, stored to memory or to a global, or the
 * sign source of copysign — the generator makes them deterministic:
 *   local.tee s; const nan; local.get s; local.get s; eq; select
 */
static void gen_canon(gen *g, uint8_t t) {
  uint32_t s = g->counter0 + (t == 0x7D ? 2 : 3);
  gen_op2(g, 0x22, s);
  gen_const(g, t, t == 0x7D ? 0x7FC00000 : 0x7FF8000000000000);
  gen_op2(g, 0x20, s);
  gen_op2(g, 0x20, s);
  gen_op(g, t == 0x7D ? 0x5B : 0x61);
  gen_op(g, 0x1B);
}

static void gen_binop(gen *g, uint8_t t) {
  uint8_t op;
  switch (t) {
  case 0x7F: op = (uint8_t)(0x6A + gen_below(g, 15)); break;
  case 0x7E: op = (uint8_t)(0x7C + gen_below(g, 15)); break;
  case 0x7D: op = (uint8_t)(0x92 + gen_below(g, 7)); break;
  default: op = (uint8_t)(0xA0 + gen_below(g, 7)); break;
  }
  if (op == 0x98 || op == 0xA6) gen_canon(g, t); /* copysign's sign source */
  gen_op(g, op);
}
/* A comparison of two values of type u (i32 result). */
static void gen_cmp(gen *g, uint8_t u) {
  switch (u) {
  case 0x7F: gen_op(g, (uint8_t)(0x46 + gen_below(g, 10))); break;
  case 0x7E: gen_op(g, (uint8_t)(0x51 + gen_below(g, 10))); break;
  case 0x7D: gen_op(g, (uint8_t)(0x5B + gen_below(g, 6))); break;
  default: gen_op(g, (uint8_t)(0x61 + gen_below(g, 6))); break;
  }
}

/* The work a call to f adds where the enclosing loops multiply by mult;
 * false if it would exceed the bound. */
static bool gen_may_call(gen *g, uint32_t f) {
  uint64_t w = (uint64_t)g->mult * (g->work[f] + 1);
  if (g->work[g->cur] + w > GEN_MAX_WORK) return false;
  g->work[g->cur] += (uint32_t)w;
  return true;
}

static void gen_args(gen *g, const gen_type *ty, uint32_t depth) {
  for (uint32_t i = 0; i < ty->nparams; i++)
    gen_expr(g, ty->params[i], depth);
}

/* A call (direct or indirect) to a lower function: leaves its results. */
static bool gen_call(gen *g, uint32_t f, uint32_t depth) {
  if (!gen_may_call(g, f)) return false;
  /* Indirect calls may name a callee of another type through the table:
   * a type mismatch trap, compared like any other. */
  bool indirect = gen_below(g, 3) == 0;
  gen_args(g, &g->types[f], depth);
  if (!indirect) {
    gen_op2(g, 0x10, f);
    return true;
  }
  /* Any table index below cur: table[i] = f_i, all lower, so no recursion. */
  uint32_t callee_budget_ok = 1;
  for (uint32_t k = 0; k < g->cur; k++)
    callee_budget_ok &= g->work[k] <= g->work[f];
  if (!callee_budget_ok) { /* a heavier function may be reached: call directly */
    gen_op2(g, 0x10, f);
    return true;
  }
  if (gen_below(g, 2))
    gen_const(g, 0x7F, f);
  else {
    gen_expr(g, 0x7F, depth);
    gen_const(g, 0x7F, g->cur);
    gen_op(g, 0x70); /* rem_u: below cur */
  }
  gen_op2(g, 0x11, f); /* type index f is f's type */
  gen_put(g->out, 0);
  return true;
}

/* A lower function returning exactly [t], or -1. */
static int gen_callee(gen *g, uint8_t t) {
  if (!g->cur) return -1;
  uint32_t start = gen_below(g, g->cur);
  for (uint32_t i = 0; i < g->cur; i++) {
    uint32_t f = (start + i) % g->cur;
    if (g->types[f].nresults == 1 && g->types[f].results[0] == t) return (int)f;
  }
  return -1;
}

static void gen_expr(gen *g, uint8_t t, uint32_t depth) {
  if (depth == 0 || gen_full(g)) return gen_leaf(g, t);
  depth--;
  int l;
  switch (gen_below(g, 18)) {
  case 0: gen_const(g, t, gen_const_bits(g, t)); break;
  case 1:
    if ((l = gen_local(g, t)) < 0) return gen_leaf(g, t);
    gen_op2(g, 0x20, (uint32_t)l);
    break;
  case 2: gen_expr(g, t, depth), gen_unop(g, t); break;
  case 3:
  case 4:
  case 5:
    gen_expr(g, t, depth);
    gen_expr(g, t, depth);
    gen_binop(g, t);
    break;
  case 6: {
    if (t != 0x7F) return gen_expr(g, t, depth);
    uint8_t u = gen_valtypes[gen_below(g, 4)];
    if (gen_below(g, 4) == 0 && (u == 0x7F || u == 0x7E)) {
      gen_expr(g, u, depth);
      gen_op(g, u == 0x7F ? 0x45 : 0x50); /* eqz */
      break;
    }
    gen_expr(g, u, depth);
    gen_expr(g, u, depth);
    gen_cmp(g, u);
    break;
  }
  case 7: {
    uint32_t k = gen_below(g, CW_ARRAY_LEN(gen_convs));
    while (gen_convs[k].to != t)
      k = (k + 1) % CW_ARRAY_LEN(gen_convs);
    gen_expr(g, gen_convs[k].from, depth);
    if (gen_convs[k].op == 0xBC || gen_convs[k].op == 0xBD) gen_canon(g, gen_convs[k].from);
    if (gen_convs[k].sat) gen_op(g, 0xFC);
    gen_op(g, gen_convs[k].op);
    break;
  }
  case 8: {
    uint32_t k = gen_below(g, CW_ARRAY_LEN(gen_loads));
    while (gen_loads[k].type != t)
      k = (k + 1) % CW_ARRAY_LEN(gen_loads);
    gen_addr(g, depth);
    gen_op(g, gen_loads[k].op);
    gen_memarg(g, gen_loads[k].log2);
    break;
  }
  case 9:
    gen_expr(g, t, depth);
    gen_expr(g, t, depth);
    gen_expr(g, 0x7F, depth);
    if (gen_below(g, 2))
      gen_op(g, 0x1B);
    else
      gen_op(g, 0x1C), gen_put(g->out, 1), gen_put(g->out, t);
    break;
  case 10: {
    int f = gen_callee(g, t);
    if (f < 0 || !gen_call(g, (uint32_t)f, depth)) return gen_leaf(g, t);
    break;
  }
  case 11: /* block (result t): statements, an early exit with a value, more */
    gen_op(g, 0x02), gen_put(g->out, t);
    g->labels++;
    gen_stmts(g, depth, 2);
    if (gen_below(g, 2)) {
      gen_expr(g, t, depth);
      gen_expr(g, 0x7F, depth);
      gen_op2(g, 0x0D, 0);
      gen_op(g, 0x1A);
    }
    gen_stmts(g, depth, 2);
    gen_expr(g, t, depth);
    g->labels--;
    gen_op(g, 0x0B);
    break;
  case 12:
    gen_expr(g, 0x7F, depth);
    gen_op(g, 0x04), gen_put(g->out, t);
    g->labels++;
    gen_stmts(g, depth, 2);
    gen_expr(g, t, depth);
    gen_op(g, 0x05);
    gen_stmts(g, depth, 2);
    gen_expr(g, t, depth);
    g->labels--;
    gen_op(g, 0x0B);
    break;
  case 13:
    if ((l = gen_local(g, t)) < 0) return gen_leaf(g, t);
    gen_expr(g, t, depth);
    gen_op2(g, 0x22, (uint32_t)l);
    break;
  case 14:
    if (t != 0x7F) return gen_expr(g, t, depth);
    if (gen_below(g, 2)) {
      gen_op(g, 0x3F), gen_put(g->out, 0);
    } else {
      gen_const(g, 0x7F, gen_below(g, 3) == 0 ? 1 : 0);
      gen_op(g, 0x40), gen_put(g->out, 0);
    }
    break;
  case 15: /* a local and a constant: the immediate forms */
    if ((l = gen_local(g, t)) < 0) return gen_leaf(g, t);
    gen_op2(g, 0x20, (uint32_t)l);
    gen_const(g, t, gen_const_bits(g, t));
    if (t == 0x7F && gen_below(g, 2))
      gen_cmp(g, t);
    else
      gen_binop(g, t);
    break;
  case 16: /* two locals */
    if ((l = gen_local(g, t)) < 0) return gen_leaf(g, t);
    gen_op2(g, 0x20, (uint32_t)l);
    gen_op2(g, 0x20, (uint32_t)gen_local(g, t));
    if (t == 0x7F && gen_below(g, 2))
      gen_cmp(g, t);
    else
      gen_binop(g, t);
    break;
  default: gen_leaf(g, t); break;
  }
}

static void gen_stmt(gen *g, uint32_t depth) {
  if (gen_full(g)) return;
  uint32_t d = depth ? depth - 1 : 0;
  int l;
  switch (gen_below(g, 14)) {
  case 0:
  case 1: {
    uint8_t t = gen_valtypes[gen_below(g, 4)];
    if ((l = gen_local(g, t)) < 0) break;
    gen_expr(g, t, d);
    gen_op2(g, 0x21, (uint32_t)l);
    break;
  }
  case 2: {
    uint32_t k = gen_below(g, 4);
    gen_expr(g, gen_valtypes[k], d);
    if (k >= 2) gen_canon(g, gen_valtypes[k]);
    gen_op2(g, 0x24, k);
    break;
  }
  case 3:
  case 4: {
    uint32_t k = gen_below(g, CW_ARRAY_LEN(gen_stores));
    gen_addr(g, d);
    gen_expr(g, gen_stores[k].type, d);
    if (gen_stores[k].type == 0x7D || gen_stores[k].type == 0x7C) gen_canon(g, gen_stores[k].type);
    gen_op(g, gen_stores[k].op);
    gen_memarg(g, gen_stores[k].log2);
    break;
  }
  case 5:
    gen_expr(g, gen_valtypes[gen_below(g, 4)], d);
    gen_op(g, 0x1A);
    break;
  case 6:
    if (!depth) break;
    gen_expr(g, 0x7F, d);
    gen_op(g, 0x04), gen_put(g->out, 0x40);
    g->labels++;
    gen_stmts(g, d, 3);
    if (gen_below(g, 2)) gen_op(g, 0x05), gen_stmts(g, d, 3);
    g->labels--;
    gen_op(g, 0x0B);
    break;
  case 7:
    if (!depth) break;
    gen_op(g, 0x02), gen_put(g->out, 0x40);
    g->labels++;
    gen_stmts(g, d, 3);
    gen_expr(g, 0x7F, d);
    gen_op2(g, 0x0D, 0);
    gen_stmts(g, d, 3);
    g->labels--;
    gen_op(g, 0x0B);
    break;
  case 8: { /* a counted loop */
    if (!depth || g->loops >= 2) break;
    uint32_t n = 1 + gen_below(g, 8), c = g->counter0 + g->loops;
    bool up = gen_below(g, 2);
    if (g->work[g->cur] + (uint64_t)g->mult * n > GEN_MAX_WORK) break;
    g->work[g->cur] += g->mult * n;
    gen_const(g, 0x7F, up ? 0 : n);
    gen_op2(g, 0x21, c);
    gen_op(g, 0x03), gen_put(g->out, 0x40);
    g->loops++, g->labels++, g->mult *= n;
    gen_stmts(g, d, 4);
    g->loops--, g->labels--, g->mult /= n;
    gen_op2(g, 0x20, c);
    gen_const(g, 0x7F, 1);
    gen_op(g, up ? 0x6A : 0x6B);
    gen_op2(g, 0x22, c);
    if (up) gen_const(g, 0x7F, n), gen_op(g, gen_below(g, 2) ? 0x49 : 0x47); /* lt_u, ne */
    gen_op2(g, 0x0D, 0);
    gen_op(g, 0x0B);
    break;
  }
  case 9: { /* br_table over three nested blocks */
    if (!depth) break;
    for (int i = 0; i < 3; i++)
      gen_op(g, 0x02), gen_put(g->out, 0x40);
    g->labels += 3;
    gen_expr(g, 0x7F, d);
    uint32_t n = gen_below(g, 5);
    gen_op2(g, 0x0E, n);
    for (uint32_t i = 0; i <= n; i++)
      gen_uleb(g->out, gen_below(g, 3));
    gen_op(g, 0x0B);
    g->labels--;
    gen_stmts(g, d, 2);
    gen_op(g, 0x0B);
    g->labels--;
    gen_stmts(g, d, 2);
    gen_op(g, 0x0B);
    g->labels--;
    break;
  }
  case 10: {
    if (!g->cur) break;
    uint32_t f = gen_below(g, g->cur);
    if (!gen_call(g, f, d)) break;
    for (uint32_t i = 0; i < g->types[f].nresults; i++)
      gen_op(g, 0x1A);
    break;
  }
  case 11: /* memory.fill / memory.copy of a few bytes anywhere */
    gen_addr(g, d);
    if (gen_below(g, 2)) {
      gen_expr(g, 0x7F, d);
      gen_const(g, 0x7F, gen_below(g, 300));
      gen_op(g, 0xFC), gen_op(g, 0x0B), gen_put(g->out, 0);
    } else {
      gen_addr(g, d);
      gen_const(g, 0x7F, gen_below(g, 300));
      gen_op(g, 0xFC), gen_op(g, 0x0A), gen_put(g->out, 0), gen_put(g->out, 0);
    }
    break;
  case 12: { /* if (cond) return results */
    const gen_type *ty = &g->types[g->cur];
    gen_expr(g, 0x7F, d);
    gen_op(g, 0x04), gen_put(g->out, 0x40);
    for (uint32_t i = 0; i < ty->nresults; i++)
      gen_expr(g, ty->results[i], d);
    gen_op(g, 0x0F);
    gen_op(g, 0x0B);
    break;
  }
  default: {
    uint8_t t = gen_valtypes[gen_below(g, 4)];
    if ((l = gen_local(g, t)) < 0) break;
    gen_op2(g, 0x20, (uint32_t)l);
    gen_const(g, t, gen_below(g, 2) ? 1 : gen_const_bits(g, t));
    gen_binop(g, t);
    gen_op2(g, 0x21, (uint32_t)l);
    break;
  }
  }
}

static void gen_stmts(gen *g, uint32_t depth, uint32_t max) {
  uint32_t n = gen_below(g, max + 1);
  for (uint32_t i = 0; i < n; i++)
    gen_stmt(g, depth);
}

static void gen_valtype_list(gen *g, uint8_t *out, uint32_t *n, uint32_t max) {
  *n = gen_below(g, max + 1);
  for (uint32_t i = 0; i < *n; i++)
    out[i] = gen_valtypes[gen_below(g, 4)];
}

/* The module; the caller frees mod->p. */
static void gen_module(const uint8_t *data, size_t size, gen_buf *mod) {
  gen g;
  memset(&g, 0, sizeof g);
  g.in = data;
  g.n = size;
  g.nfuncs = 1 + gen_below(&g, GEN_MAX_FUNCS);
  gen_buf sec = {0}, body = {0}, code = {0};
  gen_bytes(mod, "\0asm\1\0\0\0", 8);

  for (uint32_t f = 0; f < g.nfuncs; f++) {
    gen_valtype_list(&g, g.types[f].params, &g.types[f].nparams, GEN_MAX_PARAMS);
    gen_valtype_list(&g, g.types[f].results, &g.types[f].nresults, GEN_MAX_RESULTS);
  }
  gen_uleb(&sec, g.nfuncs); /* type f is function f's */
  for (uint32_t f = 0; f < g.nfuncs; f++) {
    gen_put(&sec, 0x60);
    gen_uleb(&sec, g.types[f].nparams);
    gen_bytes(&sec, g.types[f].params, g.types[f].nparams);
    gen_uleb(&sec, g.types[f].nresults);
    gen_bytes(&sec, g.types[f].results, g.types[f].nresults);
  }
  gen_section(mod, 1, &sec);
  gen_uleb(&sec, g.nfuncs);
  for (uint32_t f = 0; f < g.nfuncs; f++)
    gen_uleb(&sec, f);
  gen_section(mod, 3, &sec);
  gen_bytes(&sec, "\1\x70\0", 3); /* table: funcref, min nfuncs */
  gen_uleb(&sec, g.nfuncs);
  gen_section(mod, 4, &sec);
  gen_bytes(&sec, "\1\1\1\2", 4); /* memory: min 1, max 2 */
  gen_section(mod, 5, &sec);
  gen_uleb(&sec, 4);
  for (uint32_t i = 0; i < 4; i++) {
    gen_put(&sec, gen_valtypes[i]);
    gen_put(&sec, 1);
    g.out = &sec;
    gen_const(&g, gen_valtypes[i], gen_const_bits(&g, gen_valtypes[i]));
    gen_put(&sec, 0x0B);
  }
  gen_section(mod, 6, &sec);
  gen_uleb(&sec, g.nfuncs + 5);
  char name[8];
  for (uint32_t f = 0; f < g.nfuncs; f++) {
    int len = snprintf(name, sizeof name, "f%u", f);
    gen_uleb(&sec, (uint32_t)len), gen_bytes(&sec, name, (size_t)len), gen_put(&sec, 0);
    gen_uleb(&sec, f);
  }
  gen_bytes(&sec, "\3mem\2\0", 6);
  for (uint32_t i = 0; i < 4; i++) {
    snprintf(name, sizeof name, "g%u", i);
    gen_put(&sec, 2), gen_bytes(&sec, name, 2), gen_put(&sec, 3), gen_put(&sec, (uint8_t)i);
  }
  gen_section(mod, 7, &sec);
  gen_bytes(&sec, "\1\0\x41\0\x0B", 5); /* elem: table[i] = f_i */
  gen_uleb(&sec, g.nfuncs);
  for (uint32_t f = 0; f < g.nfuncs; f++)
    gen_uleb(&sec, f);
  gen_section(mod, 9, &sec);

  gen_uleb(&code, g.nfuncs);
  for (uint32_t f = 0; f < g.nfuncs; f++) {
    const gen_type *ty = &g.types[f];
    uint8_t declared[GEN_MAX_LOCALS];
    uint32_t ndeclared;
    gen_valtype_list(&g, declared, &ndeclared, GEN_MAX_LOCALS - GEN_MAX_PARAMS - 4);
    memcpy(g.locals, ty->params, ty->nparams);
    memcpy(g.locals + ty->nparams, declared, ndeclared);
    g.counter0 = ty->nparams + ndeclared;
    g.locals[g.counter0] = g.locals[g.counter0 + 1] = 0x7F;
    g.locals[g.counter0 + 2] = 0x7D;
    g.locals[g.counter0 + 3] = 0x7C;
    g.nlocals = g.counter0 + 4;
    g.cur = f;
    g.mult = 1;
    g.out = &body;
    gen_uleb(&body, ndeclared + 3);
    for (uint32_t i = 0; i < ndeclared; i++)
      gen_put(&body, 1), gen_put(&body, declared[i]);
    gen_bytes(&body, "\2\x7F\1\x7D\1\x7C", 6);
    uint32_t depth = 2 + gen_below(&g, 4);
    gen_stmts(&g, depth, 8);
    for (uint32_t i = 0; i < ty->nresults; i++)
      gen_expr(&g, ty->results[i], depth);
    gen_put(&body, 0x0B);
    gen_uleb(&code, body.len);
    gen_bytes(&code, body.p, body.len);
    body.len = 0;
  }
  gen_section(mod, 10, &code);

  /* data: a few bytes at an offset that may be out of bounds */
  uint32_t k = gen_below(&g, 4), off = k == 0 ? 65536 - gen_below(&g, 8) : gen_below(&g, 256);
  uint32_t len = gen_below(&g, 16);
  gen_bytes(&sec, "\1\0\x41", 3);
  gen_sleb(&sec, (int32_t)off);
  gen_put(&sec, 0x0B);
  gen_uleb(&sec, len);
  for (uint32_t i = 0; i < len; i++)
    gen_put(&sec, (uint8_t)gen_byte(&g));
  gen_section(mod, 11, &sec);
  free(sec.p);
  free(body.p);
  free(code.p);
}

/* ---- running a generated module ------------------------------------------------ */

#ifdef CW_RUNTIME_H
/* An argument for a call: an edge value half the time. */
static cwasi_val gen_arg(uint64_t *rng, cwasi_valtype t) {
  *rng ^= *rng << 13, *rng ^= *rng >> 7, *rng ^= *rng << 17;
  gen g = {.in = (const uint8_t *)rng, .n = 8};
  uint64_t bits = gen_const_bits(&g, (uint8_t)t);
  cwasi_val v = {.type = t};
  switch (t) {
  case CWASI_I32: v.of.i32 = (int32_t)(uint32_t)bits; break;
  case CWASI_I64: v.of.i64 = (int64_t)bits; break;
  case CWASI_F32: v.of.f32 = cw_bits_f32((uint32_t)bits); break;
  default: v.of.f64 = cw_bits_f64(bits); break;
  }
  return v;
}

/* A seed for the arguments: every input byte counts. */
static uint64_t gen_seed(const uint8_t *data, size_t size) {
  uint64_t h = 0xCBF29CE484222325u;
  for (size_t i = 0; i < size; i++)
    h = (h ^ data[i]) * 0x100000001B3u;
  return h | 1;
}
#endif

#endif
