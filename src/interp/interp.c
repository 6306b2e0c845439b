/*
 * interp.c — runs internal code (see code.h).
 *
 * One dispatch loop, execute(), runs a whole activation: every wasm->wasm
 * call pushes an interp_frame on the store's frame array and continues in
 * the same loop, so guest recursion never grows the C stack. Only a host
 * function that calls back into wasm nests a new activation (a new
 * execute() on the C stack); those are bounded by INTERP_MAX_HOST_NESTING.
 *
 * The loop keeps the hot state in locals: ip, fp (the frame's first slot;
 * every operand is a slot offset from it, there is no stack pointer), the
 * current function and instance, and memory 0's base and size. The size
 * is reloaded after memory.grow, host calls and returns into another
 * instance, because only those can grow a memory this code sees; the base
 * never moves (see runtime.h).
 *
 * The instruction semantics live in numeric.h, in the operation lists of
 * code.h (from which the handlers of every form are generated) and in the
 * out-of-line helpers below; each handler is a line or two.
 */
#include "interp/interp.h"

#include <stdio.h>

#include "interp/code.h"
#include "interp/numeric.h"
#include "interp/simd.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "cwasi's memory access copies values as they are: it needs a little-endian host"
#endif

/* The fused float handlers compute x*y, round, then add: Wasm has no
 * fused multiply-add, so the compiler must never contract the two. */
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
/* ...and keeps the short zeroing loop of a call a loop, not a memset call. */
#pragma GCC optimize("no-tree-loop-distribute-patterns")
#endif

#define INTERP_DEFAULT_STACK_BYTES ((size_t)8 << 20)
#define INTERP_DEFAULT_MAX_DEPTH 50000u
#define INTERP_MAX_HOST_NESTING 100u

/* The dispatch method is chosen here and nowhere else: computed goto
 * ("threaded code") under GNU C, a switch otherwise or when
 * CW_INTERP_SWITCH is defined. */
#if defined(__GNUC__) && !defined(CW_INTERP_SWITCH)
#define INTERP_THREADED 1
#else
#define INTERP_THREADED 0
#endif

/* GCC's register allocator, facing some hundred handlers in one function,
 * now and then spills memory 0's base or size, which nearly every load and
 * store reads: an unrelated change elsewhere in the loop cost 3-7% more
 * instructions on the bench programs that way. Pinning the two to
 * callee-saved registers keeps every memory handler to a compare and the
 * access. A hint only; other compilers and targets allocate as they like. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define INTERP_PIN(reg) __asm__(reg)
#else
#define INTERP_PIN(reg)
#endif

/* Saved state of a caller; frames[d] belongs to the function at depth d+1.
 * func == NULL marks the entry of an activation: returning to it ends
 * execute(). */
typedef struct interp_frame {
  const uint32_t *ip;
  cw_slot *fp;
  cwasi_func *func;
} interp_frame;

/* ---- store state ----------------------------------------------------------------- */

/* The stack and the frames are allocated once at full size and never
 * move: nested activations keep pointers into them. */
static cwasi_status ensure_state(cwasi_store *s, cwasi_error *err) {
  if (s->stack) return CWASI_OK;
  const cwasi_config *cfg = &s->engine->config;
  size_t bytes = cfg->value_stack_bytes ? cfg->value_stack_bytes : INTERP_DEFAULT_STACK_BYTES;
  uint32_t depth = cfg->max_call_depth ? cfg->max_call_depth : INTERP_DEFAULT_MAX_DEPTH;
  size_t slots = bytes / sizeof(cw_slot);
  if (slots == 0) slots = 1;
  cw_slot *stack = cw_realloc_array(NULL, slots, sizeof *stack);
  interp_frame *frames = cw_realloc_array(NULL, depth, sizeof *frames);
  if (!stack || !frames) {
    cw_free(stack);
    cw_free(frames);
    return cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory for the value stack");
  }
  s->stack = stack;
  s->stack_slots = slots;
  s->stack_top = 0;
  s->frames = frames;
  s->frames_cap = depth;
  s->depth = 0;
  return CWASI_OK;
}

void interp_store_free(cwasi_store *s) {
  cw_free(s->stack);
  cw_free(s->frames);
  s->stack = NULL;
  s->frames = NULL;
  s->stack_slots = s->stack_top = 0;
  s->frames_cap = s->depth = 0;
}

/* ---- traps ------------------------------------------------------------------------ */

/* The module offset of the trapping operation at ip in f's code, from
 * the code's side table; UINT32_MAX if unknown. */
static uint32_t trap_offset(const cwasi_func *f, const uint32_t *ip) {
  const struct interp_code *c = f->code ? *f->code : NULL;
  if (!ip || !c || ip < c->code || ip >= c->code + c->len) return UINT32_MAX;
  uint32_t pos = (uint32_t)(ip - c->code), lo = 0, hi = c->nsites;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (c->sites[mid].code < pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < c->nsites && c->sites[lo].code == pos ? c->sites[lo].wasm : UINT32_MAX;
}

/* The one trap path: the spec's wording, then where. ip is the trapping
 * operation in f's code, or NULL when there is none (f's entry). */
static cwasi_status trap_in(cwasi_error *err, cwasi_trap_kind kind, const cwasi_func *f,
                            const uint32_t *ip) {
  char name[200], detail[260];
  if (!f) return cw_trap(err, kind, NULL);
  rt_func_describe(f, name, sizeof name);
  uint32_t off = trap_offset(f, ip);
  if (off != UINT32_MAX)
    snprintf(detail, sizeof detail, "(in function %s, at offset 0x%x)", name, (unsigned)off);
  else
    snprintf(detail, sizeof detail, "(in function %s)", name);
  return cw_trap(err, kind, detail);
}

/* A CHECK found the fuel spent or the store interrupted (a request taken
 * by another check in the meantime lets the code go on: CWASI_OK). Out
 * of fuel leaves 0 fuel, not a debt. */
static cwasi_status check_failed(cwasi_store *s, const cwasi_func *f, cwasi_error *err) {
  if (s->fuel < 0) {
    s->fuel = 0;
    return trap_in(err, CWASI_TRAP_OUT_OF_FUEL, f, NULL);
  }
  uint32_t why = rt_interrupt_take(s);
  if (why == RT_INTERRUPT_NONE) return CWASI_OK;
  char wording[128];
  rt_interrupt_message(s, why, wording, sizeof wording);
  trap_in(err, CWASI_TRAP_INTERRUPT, f, NULL);
  if (!err) return CWASI_ERR_TRAP;
  /* trap_in wrote the kind's plain wording first: put the reason there. */
  size_t plain = strlen(cwasi_trap_message(CWASI_TRAP_INTERRUPT)), w = strlen(wording);
  size_t tail = strlen(err->message + plain);
  if (w + tail >= sizeof err->message) tail = sizeof err->message - 1 - w;
  memmove(err->message + w, err->message + plain, tail);
  memcpy(err->message, wording, w);
  err->message[w + tail] = '\0';
  return CWASI_ERR_TRAP;
}

/* ---- host functions --------------------------------------------------------------- */

/* Calls host function f with its arguments in slots[]; results replace
 * them. The host's status (trap, exit, out of memory) is passed on as is. */
static cwasi_status call_host(cwasi_store *s, cwasi_func *f, cwasi_instance *caller, cw_slot *slots,
                              cwasi_error *err) {
  const cw_functype *ft = f->type;
  const cw_valtype *pt = cw_functype_params(ft), *rt = cw_functype_results(ft);
  size_t n = (size_t)ft->nparams + ft->nresults;
  cwasi_val small[16];
  cwasi_val *vals = small;
  if (n > CW_ARRAY_LEN(small)) {
    vals = cw_calloc(n, sizeof *vals);
    if (!vals) return cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory calling host");
  }
  cwasi_val *results = vals + ft->nparams;
  size_t off = 0;
  for (uint32_t i = 0; i < ft->nparams; i++) {
    rt_slots_to_val(pt[i], slots + off, &vals[i]);
    off += cw_slots_for(pt[i]);
  }
  for (uint32_t i = 0; i < ft->nresults; i++) {
    memset(&results[i], 0, sizeof results[i]);
    results[i].type = (cwasi_valtype)rt[i];
  }
  cwasi_caller c = {.store = s, .inst = caller};
  cwasi_status st = f->host_fn(&c, f->host_env, vals, results, err);
  if (st == CWASI_OK) {
    off = 0;
    for (uint32_t i = 0; i < ft->nresults; i++) {
      if ((uint8_t)results[i].type != rt[i]) {
        st = cw_error(err, CWASI_ERR_ARG, SIZE_MAX,
                      "host function returned %s for a result of type %s",
                      cw_valtype_name((uint8_t)results[i].type), cw_valtype_name(rt[i]));
        break;
      }
      rt_val_to_slots(&results[i], slots + off);
      off += cw_slots_for(rt[i]);
    }
  }
  if (vals != small) cw_free(vals);
  return st;
}

/* ---- bulk memory and tables ---------------------------------------------------------- */

/* All check the whole range first (64-bit arithmetic, no wrap-around) and
 * trap without any partial effect, as Wasm 2.0 specifies. */

static bool range_ok(uint64_t start, uint64_t n, uint64_t size) { return start + n <= size; }

static cwasi_trap_kind memory_init(cwasi_instance *inst, uint32_t seg, uint32_t d, uint32_t s,
                                   uint32_t n) {
  cwasi_memory *mem = inst->mems[0];
  if (!range_ok(s, n, inst->data_len[seg]) || !range_ok(d, n, mem->size))
    return CWASI_TRAP_MEMORY_OOB;
  const cw_module *m = inst->module->m;
  if (n) memcpy(mem->data + d, m->bytes + m->datas[seg].init_offset + s, n);
  return CWASI_TRAP_NONE;
}

static cwasi_trap_kind memory_copy(cwasi_memory *mem, uint32_t d, uint32_t s, uint32_t n) {
  if (!range_ok(s, n, mem->size) || !range_ok(d, n, mem->size)) return CWASI_TRAP_MEMORY_OOB;
  if (n) memmove(mem->data + d, mem->data + s, n);
  return CWASI_TRAP_NONE;
}

static cwasi_trap_kind memory_fill(cwasi_memory *mem, uint32_t d, uint32_t val, uint32_t n) {
  if (!range_ok(d, n, mem->size)) return CWASI_TRAP_MEMORY_OOB;
  if (n) memset(mem->data + d, (int)(val & 0xFF), n);
  return CWASI_TRAP_NONE;
}

static cwasi_trap_kind table_init(cwasi_instance *inst, uint32_t seg, cwasi_table *t, uint32_t d,
                                  uint32_t s, uint32_t n) {
  if (!range_ok(s, n, inst->elem_len[seg]) || !range_ok(d, n, t->size)) return CWASI_TRAP_TABLE_OOB;
  if (n) memcpy(t->elems + d, inst->elem_items[seg] + s, (size_t)n * sizeof(cw_slot));
  return CWASI_TRAP_NONE;
}

static cwasi_trap_kind table_copy(cwasi_table *dt, cwasi_table *st, uint32_t d, uint32_t s,
                                  uint32_t n) {
  if (!range_ok(s, n, st->size) || !range_ok(d, n, dt->size)) return CWASI_TRAP_TABLE_OOB;
  if (n) memmove(dt->elems + d, st->elems + s, (size_t)n * sizeof(cw_slot));
  return CWASI_TRAP_NONE;
}

static cwasi_trap_kind table_fill(cwasi_table *t, uint32_t i, cw_slot val, uint32_t n) {
  if (!range_ok(i, n, t->size)) return CWASI_TRAP_TABLE_OOB;
  for (uint32_t k = 0; k < n; k++)
    t->elems[i + k] = val;
  return CWASI_TRAP_NONE;
}

/* ---- entries --------------------------------------------------------------------- */

/* Does the lazy entry's translation without calling through it, so that
 * the dispatch loop can continue inline. */
static cwasi_status resolve_entry(cwasi_func *f, cwasi_error *err) {
  if (f->entry != interp_lazy_entry) return CWASI_OK;
  if (!*f->code) {
    cwasi_module *mod = f->inst->module;
    cwasi_status st = interp_translate(mod, (uint32_t)(f->code - mod->code), err);
    if (st != CWASI_OK) return st;
  }
  f->entry = interp_entry;
  return CWASI_OK;
}

cwasi_status interp_lazy_entry(cwasi_store *s, cwasi_func *f, cwasi_instance *caller,
                               cw_slot *slots, cwasi_error *err) {
  cwasi_status st = resolve_entry(f, err);
  if (st != CWASI_OK) return st;
  return f->entry(s, f, caller, slots, err);
}

cwasi_status interp_host_entry(cwasi_store *s, cwasi_func *f, cwasi_instance *caller,
                               cw_slot *slots, cwasi_error *err) {
  return call_host(s, f, caller, slots, err);
}

/* Copies n slots from fp[src] to fp[dst] (a branch carrying values, a
 * return); the ranges may overlap. */
static inline void move_slots(cw_slot *fp, uint32_t dst, uint32_t src, uint32_t n) {
  if (n == 1)
    fp[dst] = fp[src];
  else if (n)
    memmove(fp + dst, fp + src, (size_t)n * sizeof *fp);
}

/* ---- the dispatch loop ----------------------------------------------------------------- */

#if INTERP_THREADED
#define OP(id) L_##id:
#define DISPATCH() goto *(const void *)((const char *)&&L_UNREACHABLE + (int32_t)*ip)
#define LOOP_BEGIN DISPATCH();
#define LOOP_END
#else
#define OP(id) case IOP_##id:
#define DISPATCH() goto dispatch_top
#define LOOP_BEGIN                                                                                 \
  dispatch_top:                                                                                    \
  switch ((interp_op)(int32_t)*ip) {
#define LOOP_END                                                                                   \
  default: goto bad_code;                                                                          \
    }
#endif

#define NEXT(n)                                                                                    \
  do {                                                                                             \
    ip += (n);                                                                                     \
    DISPATCH();                                                                                    \
  } while (0)
#define TRAP(k)                                                                                    \
  do {                                                                                             \
    trap = (k);                                                                                    \
    goto trapped;                                                                                  \
  } while (0)
/* A relative target word: continue at cell + (int32_t)*cell. */
#define JUMP(cell) (ip = (cell) + (int32_t)(cell)[0])
/* A conditional jump: to the target word ip[1] if cond, else on past
 * this n-word instruction. */
#define JUMP_IF(cond, n)                                                                           \
  do {                                                                                             \
    if (cond) {                                                                                    \
      JUMP(ip + 1);                                                                                \
      DISPATCH();                                                                                  \
    }                                                                                              \
    NEXT(n);                                                                                       \
  } while (0)
/* br_table's jump: entry i of the n + 1 at e0 (the last is the default),
 * each (rel src dst count), carrying count slots. */
#define TABLE_JUMP(e0, i, n)                                                                       \
  do {                                                                                             \
    uint32_t i_ = (i), n_ = (n);                                                                   \
    const uint32_t *e = (e0) + 4 * (size_t)(i_ < n_ ? i_ : n_);                                    \
    move_slots(fp, e[2], e[1], e[3]);                                                              \
    JUMP(e);                                                                                       \
    DISPATCH();                                                                                    \
  } while (0)
/* The slot named by operand word i. */
#define R(i) fp[ip[i]]
/* A 64-bit immediate at words i, i+1. */
#define IMM64(i) ((uint64_t)ip[i] | (uint64_t)ip[(i) + 1] << 32)

/* Reloads what the loop caches of the current instance. */
#define LOAD_INSTANCE()                                                                            \
  do {                                                                                             \
    inst = cur->inst;                                                                              \
    globals = inst->globals;                                                                       \
    if (inst->module->m->nmems) {                                                                  \
      mem = inst->mems[0]->data;                                                                   \
      mem_size = inst->mems[0]->size;                                                              \
    } else {                                                                                       \
      mem = NULL;                                                                                  \
      mem_size = 0;                                                                                \
    }                                                                                              \
  } while (0)

/* Handlers by shape (see code.h for the operand layouts). Operands are
 * named a and b; T is the operand type, and the expression's value is
 * stored zero-extended. */
#define UNOP(id, T, expr)                                                                          \
  OP(id) {                                                                                         \
    T a = (T)R(2);                                                                                 \
    R(1) = (cw_slot)(expr);                                                                        \
    NEXT(3);                                                                                       \
  }
#define BINOP_HANDLERS(id, T, expr)                                                                \
  OP(id) {                                                                                         \
    T a = (T)R(2), b = (T)R(3);                                                                    \
    R(1) = (cw_slot)(expr);                                                                        \
    NEXT(4);                                                                                       \
  }                                                                                                \
  OP(id##_I) {                                                                                     \
    T a = (T)R(2), b = (T)IMM64(3);                                                                \
    R(1) = (cw_slot)(expr);                                                                        \
    NEXT(5);                                                                                       \
  }
/* Integer comparisons: the value forms and the fused compare-and-branch. */
#define ICMP_HANDLERS(id, T, expr, neg)                                                            \
  BINOP_HANDLERS(id, T, expr)                                                                      \
  OP(BRC_##id) {                                                                                   \
    T a = (T)R(2), b = (T)R(3);                                                                    \
    JUMP_IF(expr, 4);                                                                              \
  }                                                                                                \
  OP(BRC_##id##_I) {                                                                               \
    T a = (T)R(2), b = (T)IMM64(3);                                                                \
    JUMP_IF(expr, 5);                                                                              \
  }
/* i32.add then compare-and-branch on the sum: a loop's back edge. The
 * sum is written before the bound is read (the bound may be the same
 * local). */
#define LOOP_HANDLER(name, step, bound, len, expr)                                                 \
  OP(name) {                                                                                       \
    uint32_t a = (uint32_t)R(3) + (uint32_t)(step);                                                \
    R(2) = a;                                                                                      \
    uint32_t b = (uint32_t)(bound);                                                                \
    JUMP_IF(expr, len);                                                                            \
  }
#define LOOP_HANDLERS(id, T, expr, neg)                                                            \
  LOOP_HANDLER(BRA_##id, R(4), R(5), 6, expr)                                                      \
  LOOP_HANDLER(BRA_##id##_I, R(4), ip[5], 6, expr)                                                 \
  LOOP_HANDLER(BRAI_##id, ip[4], R(5), 6, expr)                                                    \
  LOOP_HANDLER(BRAI_##id##_I, ip[4], ip[5], 6, expr)
#define DIV_HANDLERS(id, T, fn)                                                                    \
  OP(id) {                                                                                         \
    T r = 0;                                                                                       \
    cwasi_trap_kind k = fn((T)R(2), (T)R(3), &r);                                                  \
    if (CW_UNLIKELY(k != CWASI_TRAP_NONE)) TRAP(k);                                                \
    R(1) = r;                                                                                      \
    NEXT(4);                                                                                       \
  }                                                                                                \
  OP(id##_I) {                                                                                     \
    T r = 0;                                                                                       \
    cwasi_trap_kind k = fn((T)R(2), (T)IMM64(3), &r);                                              \
    if (CW_UNLIKELY(k != CWASI_TRAP_NONE)) TRAP(k);                                                \
    R(1) = r;                                                                                      \
    NEXT(5);                                                                                       \
  }
#define TRUNCOP(id, TA, TR, fn)                                                                    \
  OP(id) {                                                                                         \
    TR r = 0;                                                                                      \
    cwasi_trap_kind k = fn((TA)R(2), &r);                                                          \
    if (CW_UNLIKELY(k != CWASI_TRAP_NONE)) TRAP(k);                                                \
    R(1) = r;                                                                                      \
    NEXT(3);                                                                                       \
  }
/* The bounds check of every load and store; a guard-page build would make
 * it empty for 32-bit addresses. */
#define MEM_CHECK(ea, w)                                                                           \
  if (CW_UNLIKELY((ea) + (w) > mem_size)) TRAP(CWASI_TRAP_MEMORY_OOB)
/* Declares T v, loaded from effective address ea after the check. */
#define MEM_READ(T, v, ea)                                                                         \
  MEM_CHECK(ea, sizeof(T));                                                                        \
  T v;                                                                                             \
  memcpy(&v, mem + (ea), sizeof(T))
#define LOAD_HANDLERS(id, T, conv)                                                                  \
  OP(id) {                                                                                         \
    uint64_t ea = (uint64_t)(uint32_t)R(2) + ip[3];                                                \
    MEM_READ(T, v, ea);                                                                            \
    R(1) = (cw_slot)(conv);                                                                        \
    NEXT(4);                                                                                       \
  }                                                                                                \
  OP(id##_A) {                                                                                     \
    uint64_t ea = (uint64_t)(uint32_t)((uint32_t)R(2) + ip[4]) + ip[3];                            \
    MEM_READ(T, v, ea);                                                                            \
    R(1) = (cw_slot)(conv);                                                                        \
    NEXT(5);                                                                                       \
  }                                                                                                \
  OP(id##_K) {                                                                                     \
    uint64_t ea = (uint64_t)ip[2] + ip[3];                                                         \
    MEM_READ(T, v, ea);                                                                            \
    R(1) = (cw_slot)(conv);                                                                        \
    NEXT(4);                                                                                       \
  }                                                                                                \
  OP(id##_X) {                                                                                     \
    uint64_t ea = (uint64_t)(uint32_t)((uint32_t)R(2) + interp_i32_shl((uint32_t)R(4), ip[5])) +   \
                  ip[3];                                                                           \
    MEM_READ(T, v, ea);                                                                            \
    R(1) = (cw_slot)(conv);                                                                        \
    NEXT(6);                                                                                       \
  }
#define STORE_HANDLERS(id, T)                                                                      \
  OP(id) {                                                                                         \
    uint64_t ea = (uint64_t)(uint32_t)R(1) + ip[3];                                                \
    MEM_CHECK(ea, sizeof(T));                                                                      \
    T v = (T)R(2);                                                                                 \
    memcpy(mem + ea, &v, sizeof(T));                                                               \
    NEXT(4);                                                                                       \
  }                                                                                                \
  OP(id##_A) {                                                                                     \
    uint64_t ea = (uint64_t)(uint32_t)((uint32_t)R(1) + ip[4]) + ip[3];                            \
    MEM_CHECK(ea, sizeof(T));                                                                      \
    T v = (T)R(2);                                                                                 \
    memcpy(mem + ea, &v, sizeof(T));                                                               \
    NEXT(5);                                                                                       \
  }                                                                                                \
  OP(id##_K) {                                                                                     \
    uint64_t ea = (uint64_t)ip[1] + ip[3];                                                         \
    MEM_CHECK(ea, sizeof(T));                                                                      \
    T v = (T)R(2);                                                                                 \
    memcpy(mem + ea, &v, sizeof(T));                                                               \
    NEXT(4);                                                                                       \
  }                                                                                                \
  OP(id##_X) {                                                                                     \
    uint64_t ea = (uint64_t)(uint32_t)((uint32_t)R(1) + interp_i32_shl((uint32_t)R(4), ip[5])) +   \
                  ip[3];                                                                           \
    MEM_CHECK(ea, sizeof(T));                                                                      \
    T v = (T)R(2);                                                                                 \
    memcpy(mem + ea, &v, sizeof(T));                                                               \
    NEXT(6);                                                                                       \
  }                                                                                                \
  OP(id##_V) {                                                                                     \
    uint64_t ea = (uint64_t)(uint32_t)R(1) + ip[2];                                                \
    MEM_CHECK(ea, sizeof(T));                                                                      \
    T v = (T)IMM64(3);                                                                             \
    memcpy(mem + ea, &v, sizeof(T));                                                               \
    NEXT(5);                                                                                       \
  }
/* x*y combined with an add or sub: two operations, two roundings. */
#define MULADD_HANDLERS(P, p, T)                                                                      \
  OP(P##_MULADD) {                                                                                 \
    R(1) = interp_##p##_add(interp_##p##_mul((T)R(2), (T)R(3)), (T)R(4));                          \
    NEXT(5);                                                                                       \
  }                                                                                                \
  OP(P##_ADDMUL) {                                                                                 \
    R(1) = interp_##p##_add((T)R(4), interp_##p##_mul((T)R(2), (T)R(3)));                          \
    NEXT(5);                                                                                       \
  }                                                                                                \
  OP(P##_MULSUB) {                                                                                 \
    R(1) = interp_##p##_sub(interp_##p##_mul((T)R(2), (T)R(3)), (T)R(4));                          \
    NEXT(5);                                                                                       \
  }                                                                                                \
  OP(P##_SUBMUL) {                                                                                 \
    R(1) = interp_##p##_sub((T)R(4), interp_##p##_mul((T)R(2), (T)R(3)));                          \
    NEXT(5);                                                                                       \
  }

#define F32(x) cw_bits_f32(x)
#define F64(x) cw_bits_f64(x)
#define S32(x) interp_s32(x)
#define S64(x) interp_s64(x)

/* ---- SIMD bodies ---------------------------------------------------------------------- */

/* Out of line, except the common ones (v128.load/store and
 * INTERP_SIMD_HOT_BINARY, inline in execute): all 270 inlined into the
 * dispatch loop cost the scalar bench programs 7-9% more instructions
 * (GCC spilled more of the loop's state; see `inst` there); a call per
 * operation made matmul's -msimd128 build 2.2x slower than with the hot
 * ones inline. Each takes the frame and the operation's words (code.h),
 * does it, and returns its length in words; the memory ones return 0 for
 * an out-of-bounds access (the handler traps). */
#define SIMD_FN static __attribute__((noinline)) uint32_t
#define VGET(i) interp_v128_get(fp + ip[i])
#define VPUT(i, v) interp_v128_put(fp + ip[i], (v))
#define SIMD_UNARY_F(id)                                                                           \
  SIMD_FN simd_##id(cw_slot *fp, const uint32_t *ip) {                                             \
    VPUT(1, interp_simd_##id(VGET(2)));                                                            \
    return 3;                                                                                      \
  }
#define SIMD_TEST_F(id)                                                                            \
  SIMD_FN simd_##id(cw_slot *fp, const uint32_t *ip) {                                             \
    R(1) = interp_simd_##id(VGET(2));                                                              \
    return 3;                                                                                      \
  }
#define SIMD_SPLAT_F(id)                                                                           \
  SIMD_FN simd_##id(cw_slot *fp, const uint32_t *ip) {                                             \
    VPUT(1, interp_simd_##id(R(2)));                                                               \
    return 3;                                                                                      \
  }
#define SIMD_BINARY_F(id)                                                                          \
  SIMD_FN simd_##id(cw_slot *fp, const uint32_t *ip) {                                             \
    VPUT(1, interp_simd_##id(VGET(2), VGET(3)));                                                   \
    return 4;                                                                                      \
  }
#define SIMD_SHIFT_F(id)                                                                           \
  SIMD_FN simd_##id(cw_slot *fp, const uint32_t *ip) {                                             \
    VPUT(1, interp_simd_##id(VGET(2), (uint32_t)R(3)));                                            \
    return 4;                                                                                      \
  }
#define SIMD_TERNARY_F(id)                                                                         \
  SIMD_FN simd_##id(cw_slot *fp, const uint32_t *ip) {                                             \
    VPUT(1, interp_simd_##id(VGET(2), VGET(3), VGET(4)));                                          \
    return 5;                                                                                      \
  }
#define SIMD_EXTRACT_F(id)                                                                         \
  SIMD_FN simd_##id(cw_slot *fp, const uint32_t *ip) {                                             \
    R(1) = interp_simd_##id(VGET(2), ip[3]);                                                       \
    return 4;                                                                                      \
  }
#define SIMD_REPLACE_F(id)                                                                         \
  SIMD_FN simd_##id(cw_slot *fp, const uint32_t *ip) {                                             \
    VPUT(1, interp_simd_##id(VGET(2), R(3), ip[4]));                                               \
    return 5;                                                                                      \
  }
#define SIMD_SHUFFLE_F(id)                                                                         \
  SIMD_FN simd_##id(cw_slot *fp, const uint32_t *ip) {                                             \
    VPUT(1, interp_simd_##id(VGET(2), VGET(3), (const uint8_t *)(ip + 4)));                        \
    return 8;                                                                                      \
  }
/* The bounds check is MEM_CHECK's: ea + w > size. */
#define SIMD_LOAD_F(id, W)                                                                         \
  SIMD_FN simd_##id(cw_slot *fp, const uint32_t *ip, uint8_t *mem, uint64_t mem_size) {            \
    uint64_t ea = (uint64_t)(uint32_t)R(2) + ip[3];                                                \
    if (ea + W > mem_size) return 0;                                                               \
    VPUT(1, interp_simd_##id(mem + ea));                                                           \
    return 4;                                                                                      \
  }
#define SIMD_LOAD_LANE_F(id, W)                                                                    \
  SIMD_FN simd_##id(cw_slot *fp, const uint32_t *ip, uint8_t *mem, uint64_t mem_size) {            \
    uint64_t ea = (uint64_t)(uint32_t)R(2) + ip[4];                                                \
    if (ea + W > mem_size) return 0;                                                               \
    VPUT(1, interp_simd_##id(VGET(3), mem + ea, ip[5]));                                           \
    return 6;                                                                                      \
  }
#define SIMD_STORE_LANE_F(id, W)                                                                   \
  SIMD_FN simd_##id(cw_slot *fp, const uint32_t *ip, uint8_t *mem, uint64_t mem_size) {            \
    uint64_t ea = (uint64_t)(uint32_t)R(1) + ip[3];                                                \
    if (ea + W > mem_size) return 0;                                                               \
    interp_v128 v_ = VGET(2);                                                                      \
    memcpy(mem + ea, v_.u8 + (size_t)ip[4] * W, W);                                                \
    return 5;                                                                                      \
  }
INTERP_SIMD_UNARY(SIMD_UNARY_F)
INTERP_SIMD_TEST(SIMD_TEST_F)
INTERP_SIMD_SPLAT(SIMD_SPLAT_F)
INTERP_SIMD_COLD_BINARY(SIMD_BINARY_F)
INTERP_SIMD_SHIFT(SIMD_SHIFT_F)
INTERP_SIMD_TERNARY(SIMD_TERNARY_F)
INTERP_SIMD_EXTRACT(SIMD_EXTRACT_F)
INTERP_SIMD_REPLACE(SIMD_REPLACE_F)
INTERP_SIMD_COLD_LOAD(SIMD_LOAD_F)
INTERP_SIMD_LOAD_LANE(SIMD_LOAD_LANE_F)
INTERP_SIMD_STORE_LANE(SIMD_STORE_LANE_F)
SIMD_FN simd_V128_CONST(cw_slot *fp, const uint32_t *ip) {
  interp_v128 v;
  memcpy(&v, ip + 2, 16);
  VPUT(1, v);
  return 6;
}

/*
 * Runs entry (a wasm function) with its arguments at base[]; its results
 * end up at base[]. s->stack_top and s->depth say what outer activations
 * use; they are changed only around host calls and restored before
 * returning, trap or not.
 */
static cwasi_status execute(cwasi_store *s, cwasi_func *entry, cw_slot *base, cwasi_error *err,
                            const int32_t **words_out) {
#if INTERP_THREADED
  /* Direct threading: the code holds each handler's offset from the first
   * one (label differences are link-time constants, so this table is
   * read-only). */
  static const int32_t words[IOP__COUNT] = {
#define INTERP_EACH(id) [IOP_##id] = (int32_t)((char *)&&L_##id - (char *)&&L_UNREACHABLE),
      INTERP_ALL_OPS
#undef INTERP_EACH
  };
#else
  static const int32_t words[IOP__COUNT] = {
#define INTERP_EACH(id) [IOP_##id] = IOP_##id,
      INTERP_ALL_OPS
#undef INTERP_EACH
  };
#endif
  if (words_out) {
    *words_out = words;
    return CWASI_OK;
  }
  interp_frame *const frames = s->frames;
  interp_frame *const frames_end = frames + s->frames_cap;
  const uint32_t outer_depth = s->depth;
  const size_t outer_top = s->stack_top;
  cw_slot *const stack_end = s->stack + s->stack_slots;
  interp_frame *fr = frames + outer_depth; /* the next free frame */
  const uint32_t *ip = NULL;
  cw_slot *fp = NULL, *nfp = base;
  register cwasi_func *cur INTERP_PIN("r15") = NULL;
  cwasi_func *callee = entry;
  const struct interp_code *code;
  /* Pinned too, with cur below: with the SIMD handlers' calls GCC kept
   * them on the stack, one more load or store in every call and return
   * (fib +3-5% instructions; pinned, -0.9%). */
  register cwasi_instance *inst INTERP_PIN("r14") = NULL;
  cwasi_global **globals = NULL;
  register uint8_t *mem INTERP_PIN("r12") = NULL;
  register uint64_t mem_size INTERP_PIN("r13") = 0;
  cwasi_trap_kind trap = CWASI_TRAP_NONE;
  cwasi_status st = CWASI_OK;

  goto call;

  // clang-format off
  LOOP_BEGIN

  /* ---- control ---- */
  OP(UNREACHABLE) TRAP(CWASI_TRAP_UNREACHABLE);
  OP(BR) {
    JUMP(ip + 1);
    DISPATCH();
  }
  OP(BR_IF) JUMP_IF((uint32_t)R(2), 3);
  OP(IF) JUMP_IF(!(uint32_t)R(2), 3);
  OP(BR_IF_AND_I) JUMP_IF((uint32_t)R(2) & ip[3], 4);
  OP(IF_AND_I) JUMP_IF(!((uint32_t)R(2) & ip[3]), 4);
  OP(BR_UNWIND) {
    move_slots(fp, ip[3], ip[2], ip[4]);
    JUMP(ip + 1);
    DISPATCH();
  }
  OP(BR_IF_UNWIND) {
    if ((uint32_t)R(2)) {
      move_slots(fp, ip[4], ip[3], ip[5]);
      JUMP(ip + 1);
      DISPATCH();
    }
    NEXT(6);
  }
  OP(BR_TABLE) TABLE_JUMP(ip + 3, (uint32_t)R(1), ip[2]);
#define BR_TABLE_LOAD(id, T)                                                                       \
  OP(id) {                                                                                         \
    uint64_t ea = (uint64_t)(uint32_t)R(2) + ip[3];                                                \
    MEM_READ(T, v, ea);                                                                            \
    R(1) = v;                                                                                      \
    TABLE_JUMP(ip + 5, (uint32_t)v, ip[4]);                                                        \
  }
  BR_TABLE_LOAD(BR_TABLE_L8, uint8_t)
  BR_TABLE_LOAD(BR_TABLE_L16, uint16_t)
  BR_TABLE_LOAD(BR_TABLE_L32, uint32_t)
  BR_TABLE_LOAD(BR_TABLE_L64, uint64_t)
  OP(CHECK) {
    /* Fuel and interruption, placed by the translator only when the
     * engine asks for them (docs/interpreter.md): a subtraction, a
     * relaxed load and one rarely taken branch. */
    int64_t left = s->fuel - (int64_t)ip[1];
    s->fuel = left;
    if (CW_UNLIKELY(left < 0 || atomic_load_explicit(&s->interrupt, memory_order_relaxed))) {
      st = check_failed(s, cur, err);
      if (st != CWASI_OK) goto failed;
    }
    NEXT(2);
  }
  OP(CHECK_INTERRUPT) {
    if (CW_UNLIKELY(atomic_load_explicit(&s->interrupt, memory_order_relaxed))) {
      st = check_failed(s, cur, err);
      if (st != CWASI_OK) goto failed;
    }
    NEXT(1);
  }
  OP(RETURN) {
    move_slots(fp, 0, ip[1], ip[2]);
    fr--;
    if (!fr->func) goto done;
    ip = fr->ip;
    fp = fr->fp;
    if (fr->func->inst != inst) {
      cur = fr->func;
      LOAD_INSTANCE();
    }
    cur = fr->func;
    DISPATCH();
  }
  OP(CALL) {
    callee = inst->funcs[ip[1]];
    nfp = fp + ip[2];
    ip += 3;
    goto call;
  }
  OP(CALL_INDIRECT) {
    cwasi_table *t = inst->tables[ip[2]];
    uint32_t i = (uint32_t)R(3);
    if (i >= t->size) TRAP(CWASI_TRAP_UNDEFINED_ELEMENT);
    callee = (cwasi_func *)(uintptr_t)t->elems[i];
    if (!callee) TRAP(CWASI_TRAP_UNINIT_ELEMENT);
    if (callee->type_id != inst->type_ids[ip[1]]) TRAP(CWASI_TRAP_INDIRECT_TYPE);
    nfp = fp + ip[4];
    ip += 5;
    goto call;
  }
  /* Tail calls: the arguments move down to fp[0..), then this frame is
   * popped as by RETURN (without the results) and the callee is entered
   * from our caller's state, so it takes this frame's place: the frame
   * array and the value stack stay where they are however long a chain
   * of tail calls runs. Traps are checked before the pop, so they still
   * name this function. */
#define TAIL_CALL(base, nslots)                                                                    \
  do {                                                                                             \
    move_slots(fp, 0, base, nslots);                                                               \
    nfp = fp;                                                                                      \
    fr--;                                                                                          \
    ip = fr->ip;                                                                                   \
    fp = fr->fp;                                                                                   \
    cur = fr->func;                                                                                \
    goto call;                                                                                     \
  } while (0)
  OP(RETURN_CALL) {
    callee = inst->funcs[ip[1]];
    TAIL_CALL(ip[2], ip[3]);
  }
  OP(RETURN_CALL_INDIRECT) {
    cwasi_table *t = inst->tables[ip[2]];
    uint32_t i = (uint32_t)R(3);
    if (i >= t->size) TRAP(CWASI_TRAP_UNDEFINED_ELEMENT);
    callee = (cwasi_func *)(uintptr_t)t->elems[i];
    if (!callee) TRAP(CWASI_TRAP_UNINIT_ELEMENT);
    if (callee->type_id != inst->type_ids[ip[1]]) TRAP(CWASI_TRAP_INDIRECT_TYPE);
    TAIL_CALL(ip[4], ip[5]);
  }
#undef TAIL_CALL

  /* ---- parametric and variables ---- */
  OP(COPY) {
    R(1) = R(2);
    NEXT(3);
  }
  OP(SELECT) {
    R(1) = (uint32_t)R(4) ? R(2) : R(3);
    NEXT(5);
  }
  OP(GLOBAL_GET) {
    R(1) = globals[ip[2]]->val[0];
    NEXT(3);
  }
  OP(GLOBAL_SET) {
    globals[ip[2]]->val[0] = R(1);
    NEXT(3);
  }

  /* ---- references and tables (stack form: operands from fp[ip[1]]) ---- */
  OP(REF_IS_NULL) {
    R(1) = R(1) == 0;
    NEXT(2);
  }
  OP(REF_FUNC) {
    R(1) = (cw_slot)(uintptr_t)inst->funcs[ip[2]];
    NEXT(3);
  }
  OP(TABLE_GET) {
    cwasi_table *t = inst->tables[ip[2]];
    uint32_t i = (uint32_t)R(1);
    if (i >= t->size) TRAP(CWASI_TRAP_TABLE_OOB);
    R(1) = t->elems[i];
    NEXT(3);
  }
  OP(TABLE_SET) {
    cw_slot *sp = fp + ip[1];
    cwasi_table *t = inst->tables[ip[2]];
    uint32_t i = (uint32_t)sp[0];
    if (i >= t->size) TRAP(CWASI_TRAP_TABLE_OOB);
    t->elems[i] = sp[1];
    NEXT(3);
  }
  OP(TABLE_SIZE) {
    R(1) = inst->tables[ip[2]]->size;
    NEXT(3);
  }
  OP(TABLE_GROW) {
    cw_slot *sp = fp + ip[1];
    int64_t old = rt_table_grow(inst->tables[ip[2]], (uint32_t)sp[1], sp[0]);
    sp[0] = (uint32_t)old; /* -1 becomes 0xFFFFFFFF */
    NEXT(3);
  }
  OP(TABLE_FILL) {
    cw_slot *sp = fp + ip[1];
    trap = table_fill(inst->tables[ip[2]], (uint32_t)sp[0], sp[1], (uint32_t)sp[2]);
    if (trap) goto trapped;
    NEXT(3);
  }
  OP(TABLE_INIT) {
    cw_slot *sp = fp + ip[1];
    trap = table_init(inst, ip[2], inst->tables[ip[3]], (uint32_t)sp[0], (uint32_t)sp[1],
                      (uint32_t)sp[2]);
    if (trap) goto trapped;
    NEXT(4);
  }
  OP(TABLE_COPY) {
    cw_slot *sp = fp + ip[1];
    trap = table_copy(inst->tables[ip[2]], inst->tables[ip[3]], (uint32_t)sp[0],
                      (uint32_t)sp[1], (uint32_t)sp[2]);
    if (trap) goto trapped;
    NEXT(4);
  }
  OP(ELEM_DROP) {
    inst->elem_len[ip[2]] = 0;
    NEXT(3);
  }

  /* ---- memory ---- */
  INTERP_LOADS(LOAD_HANDLERS)
  INTERP_STORES(STORE_HANDLERS)
  OP(MEMORY_SIZE) {
    R(1) = inst->mems[0]->pages;
    NEXT(2);
  }
  OP(MEMORY_GROW) {
    int64_t old = rt_memory_grow(inst->mems[0], (uint32_t)R(1));
    R(1) = (uint32_t)old; /* -1 becomes 0xFFFFFFFF */
    mem = inst->mems[0]->data;
    mem_size = inst->mems[0]->size;
    NEXT(2);
  }
  OP(MEMORY_INIT) {
    cw_slot *sp = fp + ip[1];
    trap = memory_init(inst, ip[2], (uint32_t)sp[0], (uint32_t)sp[1], (uint32_t)sp[2]);
    if (trap) goto trapped;
    NEXT(3);
  }
  OP(DATA_DROP) {
    inst->data_len[ip[2]] = 0;
    NEXT(3);
  }
  OP(MEMORY_COPY) {
    cw_slot *sp = fp + ip[1];
    trap = memory_copy(inst->mems[0], (uint32_t)sp[0], (uint32_t)sp[1], (uint32_t)sp[2]);
    if (trap) goto trapped;
    NEXT(2);
  }
  OP(MEMORY_FILL) {
    cw_slot *sp = fp + ip[1];
    trap = memory_fill(inst->mems[0], (uint32_t)sp[0], (uint32_t)sp[1], (uint32_t)sp[2]);
    if (trap) goto trapped;
    NEXT(2);
  }

  /* ---- constants ---- */
  OP(I32_CONST)
  OP(F32_CONST) {
    R(1) = ip[2];
    NEXT(3);
  }
  OP(I64_CONST)
  OP(F64_CONST) {
    R(1) = IMM64(2);
    NEXT(4);
  }

  /* ---- superinstructions ---- */
  MULADD_HANDLERS(F32, f32, uint32_t)
  MULADD_HANDLERS(F64, f64, uint64_t)
  /* A binary operation whose second operand is loaded (a + *p), and the
   * same stored back (*p += a). */
#define LOADOP_HANDLERS(id, T, fn, load, store)                                                    \
  OP(id##_L) {                                                                                     \
    uint64_t ea = (uint64_t)(uint32_t)((uint32_t)R(3) + ip[5]) + ip[4];                            \
    MEM_READ(T, v, ea);                                                                            \
    R(1) = (T)fn((T)R(2), v);                                                                      \
    NEXT(6);                                                                                       \
  }                                                                                                \
  OP(id##_M) {                                                                                     \
    uint64_t ea = (uint64_t)(uint32_t)((uint32_t)R(1) + ip[3]) + ip[2];                            \
    MEM_READ(T, v, ea);                                                                            \
    v = (T)fn((T)R(4), v);                                                                         \
    memcpy(mem + ea, &v, sizeof(T));                                                               \
    NEXT(5);                                                                                       \
  }
  INTERP_LOADOPS(LOADOP_HANDLERS)
  OP(I32_ADD2_I) {
    R(1) = (uint32_t)((uint32_t)R(2) + ip[3]);
    R(4) = (uint32_t)((uint32_t)R(5) + ip[6]);
    NEXT(7);
  }
  OP(COPY2) {
    R(1) = R(2);
    R(3) = R(4);
    NEXT(5);
  }
#define SHIFTED_HANDLER(c, s, fn)                                                                  \
  OP(I32_##c##_##s) {                                                                              \
    R(1) = (uint32_t)((uint32_t)R(2) SHIFT_USER_OP_##c fn((uint32_t)R(3), ip[4]));                 \
    NEXT(5);                                                                                       \
  }
#define SHIFT_USER_HANDLERS(c) INTERP_SHIFTS(SHIFTED_HANDLER, c)
#define SHIFT_USER_OP_ADD +
#define SHIFT_USER_OP_XOR ^
#define SHIFT_USER_OP_OR |
#define SHIFT_USER_OP_AND &
  INTERP_SHIFT_USERS(SHIFT_USER_HANDLERS)

  /* ---- binary operations, from the lists in code.h ---- */
  INTERP_ICMPS(ICMP_HANDLERS)
  INTERP_ICMPS32(LOOP_HANDLERS)
  INTERP_BINOPS(BINOP_HANDLERS)
  INTERP_DIVOPS(DIV_HANDLERS)

  /* ---- unary operations ---- */
  UNOP(I32_EQZ, uint32_t, a == 0)
  UNOP(I32_CLZ, uint32_t, interp_i32_clz(a))
  UNOP(I32_CTZ, uint32_t, interp_i32_ctz(a))
  UNOP(I32_POPCNT, uint32_t, interp_i32_popcnt(a))
  UNOP(I32_EXTEND8_S, uint32_t, interp_i32_extend8_s(a))
  UNOP(I32_EXTEND16_S, uint32_t, interp_i32_extend16_s(a))
  UNOP(I64_EQZ, uint64_t, a == 0)
  UNOP(I64_CLZ, uint64_t, interp_i64_clz(a))
  UNOP(I64_CTZ, uint64_t, interp_i64_ctz(a))
  UNOP(I64_POPCNT, uint64_t, interp_i64_popcnt(a))
  UNOP(I64_EXTEND8_S, uint64_t, interp_i64_extend8_s(a))
  UNOP(I64_EXTEND16_S, uint64_t, interp_i64_extend16_s(a))
  UNOP(I64_EXTEND32_S, uint64_t, interp_i64_extend32_s(a))
  UNOP(F32_ABS, uint32_t, interp_f32_abs(a))
  UNOP(F32_NEG, uint32_t, interp_f32_neg(a))
  UNOP(F32_CEIL, uint32_t, interp_f32_ceil(a))
  UNOP(F32_FLOOR, uint32_t, interp_f32_floor(a))
  UNOP(F32_TRUNC, uint32_t, interp_f32_trunc(a))
  UNOP(F32_NEAREST, uint32_t, interp_f32_nearest(a))
  UNOP(F32_SQRT, uint32_t, interp_f32_sqrt(a))
  UNOP(F64_ABS, uint64_t, interp_f64_abs(a))
  UNOP(F64_NEG, uint64_t, interp_f64_neg(a))
  UNOP(F64_CEIL, uint64_t, interp_f64_ceil(a))
  UNOP(F64_FLOOR, uint64_t, interp_f64_floor(a))
  UNOP(F64_TRUNC, uint64_t, interp_f64_trunc(a))
  UNOP(F64_NEAREST, uint64_t, interp_f64_nearest(a))
  UNOP(F64_SQRT, uint64_t, interp_f64_sqrt(a))

  /* ---- conversions ---- */
  UNOP(I32_WRAP_I64, uint64_t, (uint32_t)a)
  TRUNCOP(I32_TRUNC_F32_S, uint32_t, uint32_t, interp_i32_trunc_f32_s)
  TRUNCOP(I32_TRUNC_F32_U, uint32_t, uint32_t, interp_i32_trunc_f32_u)
  TRUNCOP(I32_TRUNC_F64_S, uint64_t, uint32_t, interp_i32_trunc_f64_s)
  TRUNCOP(I32_TRUNC_F64_U, uint64_t, uint32_t, interp_i32_trunc_f64_u)
  UNOP(I64_EXTEND_I32_S, uint64_t, interp_i64_extend32_s(a))
  UNOP(I64_EXTEND_I32_U, uint64_t, (uint32_t)a)
  TRUNCOP(I64_TRUNC_F32_S, uint32_t, uint64_t, interp_i64_trunc_f32_s)
  TRUNCOP(I64_TRUNC_F32_U, uint32_t, uint64_t, interp_i64_trunc_f32_u)
  TRUNCOP(I64_TRUNC_F64_S, uint64_t, uint64_t, interp_i64_trunc_f64_s)
  TRUNCOP(I64_TRUNC_F64_U, uint64_t, uint64_t, interp_i64_trunc_f64_u)
  UNOP(F32_CONVERT_I32_S, uint32_t, interp_f32_convert_i32_s(a))
  UNOP(F32_CONVERT_I32_U, uint32_t, interp_f32_convert_i32_u(a))
  UNOP(F32_CONVERT_I64_S, uint64_t, interp_f32_convert_i64_s(a))
  UNOP(F32_CONVERT_I64_U, uint64_t, interp_f32_convert_i64_u(a))
  UNOP(F32_DEMOTE_F64, uint64_t, interp_f32_demote_f64(a))
  UNOP(F64_CONVERT_I32_S, uint32_t, interp_f64_convert_i32_s(a))
  UNOP(F64_CONVERT_I32_U, uint32_t, interp_f64_convert_i32_u(a))
  UNOP(F64_CONVERT_I64_S, uint64_t, interp_f64_convert_i64_s(a))
  UNOP(F64_CONVERT_I64_U, uint64_t, interp_f64_convert_i64_u(a))
  UNOP(F64_PROMOTE_F32, uint32_t, interp_f64_promote_f32(a))
  /* Slots already hold bit patterns; i32/f32 ones are zero-extended. */
  UNOP(I32_REINTERPRET_F32, uint64_t, a)
  UNOP(I64_REINTERPRET_F64, uint64_t, a)
  UNOP(F32_REINTERPRET_I32, uint64_t, a)
  UNOP(F64_REINTERPRET_I64, uint64_t, a)
  UNOP(I32_TRUNC_SAT_F32_S, uint32_t, interp_i32_trunc_sat_f32_s(a))
  UNOP(I32_TRUNC_SAT_F32_U, uint32_t, interp_i32_trunc_sat_f32_u(a))
  UNOP(I32_TRUNC_SAT_F64_S, uint64_t, interp_i32_trunc_sat_f64_s(a))
  UNOP(I32_TRUNC_SAT_F64_U, uint64_t, interp_i32_trunc_sat_f64_u(a))
  UNOP(I64_TRUNC_SAT_F32_S, uint32_t, interp_i64_trunc_sat_f32_s(a))
  UNOP(I64_TRUNC_SAT_F32_U, uint32_t, interp_i64_trunc_sat_f32_u(a))
  UNOP(I64_TRUNC_SAT_F64_S, uint64_t, interp_i64_trunc_sat_f64_s(a))
  UNOP(I64_TRUNC_SAT_F64_U, uint64_t, interp_i64_trunc_sat_f64_u(a))

  /* ---- SIMD: each handler calls its out-of-line body (below) ---- */
#define SIMD_CALL_H(id, ...)                                                                       \
  OP(id) NEXT(simd_##id(fp, ip));
#define SIMD_MEM_H(id, ...)                                                                        \
  OP(id) {                                                                                         \
    uint32_t n_ = simd_##id(fp, ip, mem, mem_size);                                                \
    if (CW_UNLIKELY(!n_)) TRAP(CWASI_TRAP_MEMORY_OOB);                                             \
    NEXT(n_);                                                                                      \
  }
#define SIMD_INLINE_BIN(id)                                                                        \
  OP(id) {                                                                                         \
    VPUT(1, interp_simd_##id(VGET(2), VGET(3)));                                                   \
    NEXT(4);                                                                                       \
  }
  INTERP_SIMD_HOT_BINARY(SIMD_INLINE_BIN)
  OP(V128_LOAD) {
    uint64_t ea = (uint64_t)(uint32_t)R(2) + ip[3];
    MEM_CHECK(ea, 16);
    VPUT(1, interp_v128_read(mem + ea));
    NEXT(4);
  }
  OP(V128_STORE) {
    uint64_t ea = (uint64_t)(uint32_t)R(1) + ip[3];
    MEM_CHECK(ea, 16);
    interp_v128 v = VGET(2);
    memcpy(mem + ea, &v, 16);
    NEXT(4);
  }
  INTERP_SIMD_UNARY(SIMD_CALL_H)
  INTERP_SIMD_TEST(SIMD_CALL_H)
  INTERP_SIMD_SPLAT(SIMD_CALL_H)
  INTERP_SIMD_COLD_BINARY(SIMD_CALL_H)
  INTERP_SIMD_SHIFT(SIMD_CALL_H)
  INTERP_SIMD_TERNARY(SIMD_CALL_H)
  INTERP_SIMD_EXTRACT(SIMD_CALL_H)
  INTERP_SIMD_REPLACE(SIMD_CALL_H)
  OP(I8X16_SHUFFLE) {
    VPUT(1, interp_simd_I8X16_SHUFFLE(VGET(2), VGET(3), (const uint8_t *)(ip + 4)));
    NEXT(8);
  }
  SIMD_CALL_H(V128_CONST)
  INTERP_SIMD_COLD_LOAD(SIMD_MEM_H)
  INTERP_SIMD_LOAD_LANE(SIMD_MEM_H)
  INTERP_SIMD_STORE_LANE(SIMD_MEM_H)
  OP(SELECT_V128) {
    const cw_slot *src = (uint32_t)R(4) ? fp + ip[2] : fp + ip[3];
    cw_slot lo = src[0], hi = src[1];
    fp[ip[1]] = lo;
    fp[ip[1] + 1] = hi;
    NEXT(5);
  }
  OP(GLOBAL_GET_V128) {
    cwasi_global *g = globals[ip[2]];
    fp[ip[1]] = g->val[0];
    fp[ip[1] + 1] = g->val[1];
    NEXT(3);
  }
  OP(GLOBAL_SET_V128) {
    cwasi_global *g = globals[ip[2]];
    g->val[0] = fp[ip[1]];
    g->val[1] = fp[ip[1] + 1];
    NEXT(3);
  }

  /* Resolved by the translator: never emitted. */
  OP(NOP)
  OP(BLOCK)
  OP(LOOP)
  OP(ELSE)
  OP(END)
  OP(DROP)
  OP(LOCAL_GET)
  OP(LOCAL_SET)
  OP(LOCAL_TEE)
  OP(REF_NULL)
  OP(SELECT_T) goto bad_code;

  LOOP_END
  // clang-format on

  /* ---- calls: the callee's arguments are at nfp[0..param_slots), ip is
   * the caller's resume point. */
call:
  if (CW_UNLIKELY(callee->entry != interp_entry)) {
    st = resolve_entry(callee, err);
    if (st != CWASI_OK) goto failed;
    if (callee->entry != interp_entry) {
      /* A host function (later: compiled code): called through its entry,
       * with the stack above its slots free for a nested activation. */
      uint32_t used = callee->param_slots > callee->result_slots ? callee->param_slots
                                                                 : callee->result_slots;
      s->stack_top = (size_t)(nfp - s->stack) + used;
      s->depth = (uint32_t)(fr - frames);
      st = callee->entry(s, callee, inst, nfp, err);
      s->stack_top = outer_top;
      s->depth = outer_depth;
      if (st != CWASI_OK) goto failed;
      if (!cur) goto done; /* a tail call from the activation's first function */
      LOAD_INSTANCE();
      DISPATCH();
    }
  }
  code = *callee->code; /* entry == interp_entry: translated */
  if (CW_UNLIKELY(fr >= frames_end || (size_t)(stack_end - nfp) < code->frame_slots)) {
    cur = callee; /* name the function that could not be entered */
    ip = NULL;
    TRAP(CWASI_TRAP_STACK_EXHAUSTED);
  }
  *fr++ = (interp_frame){.ip = ip, .fp = fp, .func = cur};
  fp = nfp;
  /* Declared locals start at zero; only those some read may find unset
   * are stored (code.h). A loop: for a few, a call to memset cost more
   * than the stores (16% of fib's instructions). */
  for (cw_slot *p = fp + code->zero_lo, *e = fp + code->zero_hi; p < e; p++)
    *p = 0;
  if (callee->inst != inst) {
    cur = callee;
    LOAD_INSTANCE();
  }
  cur = callee;
  ip = code->code;
  DISPATCH();

done:
  s->stack_top = outer_top;
  s->depth = outer_depth;
  return CWASI_OK;

trapped:
  st = trap_in(err, trap, cur, ip);
failed:
  s->stack_top = outer_top;
  s->depth = outer_depth;
  return st;

bad_code:
  s->stack_top = outer_top;
  s->depth = outer_depth;
  return cw_error(err, CWASI_ERR_INVALID, SIZE_MAX, "internal error: bad interpreter code");
}

const int32_t *interp_op_words(void) {
  const int32_t *words = NULL;
  execute(NULL, NULL, NULL, NULL, &words);
  return words;
}

/* Starts an activation above what outer ones use; slots may be anywhere
 * (the embedder's array, or an outer activation's frame). */
cwasi_status interp_entry(cwasi_store *s, cwasi_func *f, cwasi_instance *caller, cw_slot *slots,
                          cwasi_error *err) {
  (void)caller;
  cwasi_status st = ensure_state(s, err);
  if (st != CWASI_OK) return st;
  if (!*f->code) { /* entry set to interp_entry by hand: the loop needs the code */
    cwasi_module *mod = f->inst->module;
    st = interp_translate(mod, (uint32_t)(f->code - mod->code), err);
    if (st != CWASI_OK) return st;
  }
  uint32_t need = f->param_slots > f->result_slots ? f->param_slots : f->result_slots;
  if (s->host_nesting >= INTERP_MAX_HOST_NESTING || s->stack_top > s->stack_slots ||
      need > s->stack_slots - s->stack_top)
    return trap_in(err, CWASI_TRAP_STACK_EXHAUSTED, f, NULL);
  cw_slot *base = s->stack + s->stack_top;
  if (f->param_slots) memcpy(base, slots, (size_t)f->param_slots * sizeof *base);
  s->host_nesting++;
  st = execute(s, f, base, err, NULL);
  s->host_nesting--;
  if (st == CWASI_OK && f->result_slots)
    memcpy(slots, base, (size_t)f->result_slots * sizeof *base);
  return st;
}

cwasi_status interp_call(cwasi_store *s, cwasi_func *f, cw_slot *args_results, cwasi_error *err) {
  cwasi_error local;
  if (!err) err = &local;
  cwasi_status st = resolve_entry(f, err);
  if (st != CWASI_OK) return st;
  return f->entry(s, f, NULL, args_results, err);
}
