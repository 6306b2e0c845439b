/*
 * interp.c — runs internal code (see code.h).
 *
 * One dispatch loop, execute(), runs a whole activation: every wasm->wasm
 * call pushes an interp_frame on the store's frame array and continues in
 * the same loop, so guest recursion never grows the C stack. Only a host
 * function that calls back into wasm nests a new activation (a new
 * execute() on the C stack); those are bounded by INTERP_MAX_HOST_NESTING.
 *
 * The loop keeps the hot state in locals: ip, sp (next free slot), fp (the
 * frame's first local), the current function and instance, and memory 0's
 * base and size. The size is reloaded after every call and memory.grow,
 * because a callee (another instance, or the host) may grow a shared
 * memory; the base never moves (see runtime.h).
 *
 * The instruction semantics live in numeric.h and in the out-of-line
 * helpers below; each handler is a line or two.
 */
#include "interp/interp.h"

#include <stdio.h>

#include "interp/code.h"
#include "interp/numeric.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "cwasi's memory access copies values as they are: it needs a little-endian host"
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

static cwasi_status trap_in(cwasi_error *err, cwasi_trap_kind kind, const cwasi_func *f) {
  char name[200], detail[240];
  if (!f) return cw_trap(err, kind, NULL);
  rt_func_describe(f, name, sizeof name);
  snprintf(detail, sizeof detail, "(in function %s)", name);
  return cw_trap(err, kind, detail);
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

/* Moves the top `keep` slots down over `drop` slots; returns the new sp. */
static inline cw_slot *unwind(cw_slot *sp, uint32_t keep, uint32_t drop) {
  cw_slot *dst = sp - keep - drop;
  if (keep == 1)
    dst[0] = sp[-1];
  else
    memmove(dst, sp - keep, (size_t)keep * sizeof *sp);
  return dst + keep;
}

/* ---- the dispatch loop ----------------------------------------------------------------- */

#if INTERP_THREADED
#define OP(id) L_##id:
#define DISPATCH() goto *dispatch[*ip]
#define LOOP_BEGIN DISPATCH();
#define LOOP_END
#else
#define OP(id) case IOP_##id:
#define DISPATCH() goto dispatch_top
#define LOOP_BEGIN                                                                                 \
  dispatch_top:                                                                                    \
  switch ((interp_op)*ip) {
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

/* Handlers by shape. Operands are named a (deeper) and b; T is the
 * operand type, and the expression's value is stored zero-extended. */
#define UNOP(id, T, expr)                                                                          \
  OP(id) {                                                                                         \
    T a = (T)sp[-1];                                                                               \
    sp[-1] = (cw_slot)(expr);                                                                      \
    NEXT(1);                                                                                       \
  }
#define BINOP(id, T, expr)                                                                         \
  OP(id) {                                                                                         \
    T b = (T)sp[-1], a = (T)sp[-2];                                                                \
    sp--;                                                                                          \
    sp[-1] = (cw_slot)(expr);                                                                      \
    NEXT(1);                                                                                       \
  }
#define DIVOP(id, T, fn)                                                                           \
  OP(id) {                                                                                         \
    T b = (T)sp[-1], a = (T)sp[-2], r = 0;                                                         \
    cwasi_trap_kind k = fn(a, b, &r);                                                              \
    if (CW_UNLIKELY(k != CWASI_TRAP_NONE)) TRAP(k);                                                \
    sp--;                                                                                          \
    sp[-1] = r;                                                                                    \
    NEXT(1);                                                                                       \
  }
#define TRUNCOP(id, TA, TR, fn)                                                                    \
  OP(id) {                                                                                         \
    TA a = (TA)sp[-1];                                                                             \
    TR r = 0;                                                                                      \
    cwasi_trap_kind k = fn(a, &r);                                                                 \
    if (CW_UNLIKELY(k != CWASI_TRAP_NONE)) TRAP(k);                                                \
    sp[-1] = r;                                                                                    \
    NEXT(1);                                                                                       \
  }
/* The bounds check of every load and store; a guard-page build would make
 * it empty for 32-bit addresses. */
#define MEM_CHECK(ea, w)                                                                           \
  if (CW_UNLIKELY((ea) + (w) > mem_size)) TRAP(CWASI_TRAP_MEMORY_OOB)
#define LOADOP(id, T, conv)                                                                        \
  OP(id) {                                                                                         \
    uint64_t ea = (uint64_t)(uint32_t)sp[-1] + ip[1];                                              \
    MEM_CHECK(ea, sizeof(T));                                                                      \
    T v;                                                                                           \
    memcpy(&v, mem + ea, sizeof(T));                                                               \
    sp[-1] = (cw_slot)(conv);                                                                      \
    NEXT(2);                                                                                       \
  }
#define STOREOP(id, T)                                                                             \
  OP(id) {                                                                                         \
    uint64_t ea = (uint64_t)(uint32_t)sp[-2] + ip[1];                                              \
    MEM_CHECK(ea, sizeof(T));                                                                      \
    T v = (T)sp[-1];                                                                               \
    memcpy(mem + ea, &v, sizeof(T));                                                               \
    sp -= 2;                                                                                       \
    NEXT(2);                                                                                       \
  }

#define F32(x) cw_bits_f32(x)
#define F64(x) cw_bits_f64(x)
#define S32(x) interp_s32(x)
#define S64(x) interp_s64(x)

/*
 * Runs entry (a wasm function) with its arguments at base[]; its results
 * end up at base[]. s->stack_top and s->depth say what outer activations
 * use; they are changed only around host calls and restored before
 * returning, trap or not.
 */
static cwasi_status execute(cwasi_store *s, cwasi_func *entry, cw_slot *base, cwasi_error *err) {
#if INTERP_THREADED
  static const void *const dispatch[IOP__COUNT] = {
#define INTERP_LABEL(id, nm, pre, cd, im, p1, p2, p3, r, w) [IOP_##id] = &&L_##id,
      CW_OPCODES(INTERP_LABEL)
#undef INTERP_LABEL
#define INTERP_LABEL(id) [IOP_##id] = &&L_##id,
          INTERP_EXTRA_OPS(INTERP_LABEL)
#undef INTERP_LABEL
  };
#endif
  interp_frame *const frames = s->frames;
  const uint32_t max_depth = s->frames_cap;
  const uint32_t outer_depth = s->depth;
  const size_t outer_top = s->stack_top;
  cw_slot *const stack_end = s->stack + s->stack_slots;
  uint32_t depth = outer_depth;
  const uint32_t *ip = NULL;
  cw_slot *fp = NULL, *sp = base + entry->param_slots;
  cwasi_func *cur = NULL, *callee = entry;
  const struct interp_code *code;
  cw_slot *nfp;
  cwasi_instance *inst = NULL;
  cwasi_global **globals = NULL;
  uint8_t *mem = NULL;
  uint64_t mem_size = 0;
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
  OP(BR_IF) {
    if ((uint32_t)*--sp) {
      JUMP(ip + 1);
      DISPATCH();
    }
    NEXT(2);
  }
  OP(IF) {
    if (!(uint32_t)*--sp) {
      JUMP(ip + 1);
      DISPATCH();
    }
    NEXT(2);
  }
  OP(BR_UNWIND) {
    sp = unwind(sp, ip[2], ip[3]);
    JUMP(ip + 1);
    DISPATCH();
  }
  OP(BR_IF_UNWIND) {
    if ((uint32_t)*--sp) {
      sp = unwind(sp, ip[2], ip[3]);
      JUMP(ip + 1);
      DISPATCH();
    }
    NEXT(4);
  }
  OP(BR_TABLE) {
    uint32_t i = (uint32_t)*--sp, n = ip[1];
    const uint32_t *e = ip + 2 + 3 * (size_t)(i < n ? i : n);
    if (e[2]) sp = unwind(sp, e[1], e[2]);
    JUMP(e);
    DISPATCH();
  }
  OP(RETURN) {
    uint32_t n = ip[1];
    if (n == 1)
      fp[0] = sp[-1];
    else if (n)
      memmove(fp, sp - n, (size_t)n * sizeof *sp);
    sp = fp + n;
    interp_frame *fr = &frames[--depth];
    if (!fr->func) goto done;
    ip = fr->ip;
    fp = fr->fp;
    cur = fr->func;
    LOAD_INSTANCE();
    DISPATCH();
  }
  OP(CALL) {
    callee = inst->funcs[ip[1]];
    ip += 2;
    goto call;
  }
  OP(CALL_INDIRECT) {
    cwasi_table *t = inst->tables[ip[2]];
    uint32_t i = (uint32_t)*--sp;
    if (i >= t->size) TRAP(CWASI_TRAP_UNDEFINED_ELEMENT);
    callee = (cwasi_func *)(uintptr_t)t->elems[i];
    if (!callee) TRAP(CWASI_TRAP_UNINIT_ELEMENT);
    if (callee->type_id != inst->type_ids[ip[1]]) TRAP(CWASI_TRAP_INDIRECT_TYPE);
    ip += 3;
    goto call;
  }

  /* ---- parametric and variables ---- */
  OP(DROP) {
    sp--;
    NEXT(1);
  }
  OP(SELECT) {
    uint32_t c = (uint32_t)sp[-1];
    sp -= 2;
    if (!c) sp[-1] = sp[0];
    NEXT(1);
  }
  OP(LOCAL_GET) {
    *sp++ = fp[ip[1]];
    NEXT(2);
  }
  OP(LOCAL_SET) {
    fp[ip[1]] = *--sp;
    NEXT(2);
  }
  OP(LOCAL_TEE) {
    fp[ip[1]] = sp[-1];
    NEXT(2);
  }
  OP(GLOBAL_GET) {
    *sp++ = globals[ip[1]]->val[0];
    NEXT(2);
  }
  OP(GLOBAL_SET) {
    globals[ip[1]]->val[0] = *--sp;
    NEXT(2);
  }

  /* ---- references and tables ---- */
  OP(REF_NULL) {
    *sp++ = 0;
    NEXT(1);
  }
  OP(REF_IS_NULL) {
    sp[-1] = sp[-1] == 0;
    NEXT(1);
  }
  OP(REF_FUNC) {
    *sp++ = (cw_slot)(uintptr_t)inst->funcs[ip[1]];
    NEXT(2);
  }
  OP(TABLE_GET) {
    cwasi_table *t = inst->tables[ip[1]];
    uint32_t i = (uint32_t)sp[-1];
    if (i >= t->size) TRAP(CWASI_TRAP_TABLE_OOB);
    sp[-1] = t->elems[i];
    NEXT(2);
  }
  OP(TABLE_SET) {
    cwasi_table *t = inst->tables[ip[1]];
    uint32_t i = (uint32_t)sp[-2];
    if (i >= t->size) TRAP(CWASI_TRAP_TABLE_OOB);
    t->elems[i] = sp[-1];
    sp -= 2;
    NEXT(2);
  }
  OP(TABLE_SIZE) {
    *sp++ = inst->tables[ip[1]]->size;
    NEXT(2);
  }
  OP(TABLE_GROW) {
    int64_t old = rt_table_grow(inst->tables[ip[1]], (uint32_t)sp[-1], sp[-2]);
    sp--;
    sp[-1] = (uint32_t)old; /* -1 becomes 0xFFFFFFFF */
    NEXT(2);
  }
  OP(TABLE_FILL) {
    trap = table_fill(inst->tables[ip[1]], (uint32_t)sp[-3], sp[-2], (uint32_t)sp[-1]);
    if (trap) goto trapped;
    sp -= 3;
    NEXT(2);
  }
  OP(TABLE_INIT) {
    trap = table_init(inst, ip[1], inst->tables[ip[2]], (uint32_t)sp[-3], (uint32_t)sp[-2],
                      (uint32_t)sp[-1]);
    if (trap) goto trapped;
    sp -= 3;
    NEXT(3);
  }
  OP(TABLE_COPY) {
    trap = table_copy(inst->tables[ip[1]], inst->tables[ip[2]], (uint32_t)sp[-3],
                      (uint32_t)sp[-2], (uint32_t)sp[-1]);
    if (trap) goto trapped;
    sp -= 3;
    NEXT(3);
  }
  OP(ELEM_DROP) {
    inst->elem_len[ip[1]] = 0;
    NEXT(2);
  }

  /* ---- memory ---- */
  LOADOP(I32_LOAD, uint32_t, v)
  LOADOP(I64_LOAD, uint64_t, v)
  LOADOP(F32_LOAD, uint32_t, v)
  LOADOP(F64_LOAD, uint64_t, v)
  LOADOP(I32_LOAD8_S, uint8_t, interp_i32_extend8_s(v))
  LOADOP(I32_LOAD8_U, uint8_t, v)
  LOADOP(I32_LOAD16_S, uint16_t, interp_i32_extend16_s(v))
  LOADOP(I32_LOAD16_U, uint16_t, v)
  LOADOP(I64_LOAD8_S, uint8_t, interp_i64_extend8_s(v))
  LOADOP(I64_LOAD8_U, uint8_t, v)
  LOADOP(I64_LOAD16_S, uint16_t, interp_i64_extend16_s(v))
  LOADOP(I64_LOAD16_U, uint16_t, v)
  LOADOP(I64_LOAD32_S, uint32_t, interp_i64_extend32_s(v))
  LOADOP(I64_LOAD32_U, uint32_t, v)
  STOREOP(I32_STORE, uint32_t)
  STOREOP(I64_STORE, uint64_t)
  STOREOP(F32_STORE, uint32_t)
  STOREOP(F64_STORE, uint64_t)
  STOREOP(I32_STORE8, uint8_t)
  STOREOP(I32_STORE16, uint16_t)
  STOREOP(I64_STORE8, uint8_t)
  STOREOP(I64_STORE16, uint16_t)
  STOREOP(I64_STORE32, uint32_t)
  OP(MEMORY_SIZE) {
    *sp++ = inst->mems[0]->pages;
    NEXT(1);
  }
  OP(MEMORY_GROW) {
    int64_t old = rt_memory_grow(inst->mems[0], (uint32_t)sp[-1]);
    sp[-1] = (uint32_t)old; /* -1 becomes 0xFFFFFFFF */
    mem = inst->mems[0]->data;
    mem_size = inst->mems[0]->size;
    NEXT(1);
  }
  OP(MEMORY_INIT) {
    trap = memory_init(inst, ip[1], (uint32_t)sp[-3], (uint32_t)sp[-2], (uint32_t)sp[-1]);
    if (trap) goto trapped;
    sp -= 3;
    NEXT(2);
  }
  OP(DATA_DROP) {
    inst->data_len[ip[1]] = 0;
    NEXT(2);
  }
  OP(MEMORY_COPY) {
    trap = memory_copy(inst->mems[0], (uint32_t)sp[-3], (uint32_t)sp[-2], (uint32_t)sp[-1]);
    if (trap) goto trapped;
    sp -= 3;
    NEXT(1);
  }
  OP(MEMORY_FILL) {
    trap = memory_fill(inst->mems[0], (uint32_t)sp[-3], (uint32_t)sp[-2], (uint32_t)sp[-1]);
    if (trap) goto trapped;
    sp -= 3;
    NEXT(1);
  }

  /* ---- constants ---- */
  OP(I32_CONST)
  OP(F32_CONST) {
    *sp++ = ip[1];
    NEXT(2);
  }
  OP(I64_CONST)
  OP(F64_CONST) {
    *sp++ = (uint64_t)ip[1] | (uint64_t)ip[2] << 32;
    NEXT(3);
  }

  /* ---- i32 ---- */
  UNOP(I32_EQZ, uint32_t, a == 0)
  BINOP(I32_EQ, uint32_t, a == b)
  BINOP(I32_NE, uint32_t, a != b)
  BINOP(I32_LT_S, uint32_t, S32(a) < S32(b))
  BINOP(I32_LT_U, uint32_t, a < b)
  BINOP(I32_GT_S, uint32_t, S32(a) > S32(b))
  BINOP(I32_GT_U, uint32_t, a > b)
  BINOP(I32_LE_S, uint32_t, S32(a) <= S32(b))
  BINOP(I32_LE_U, uint32_t, a <= b)
  BINOP(I32_GE_S, uint32_t, S32(a) >= S32(b))
  BINOP(I32_GE_U, uint32_t, a >= b)
  UNOP(I32_CLZ, uint32_t, interp_i32_clz(a))
  UNOP(I32_CTZ, uint32_t, interp_i32_ctz(a))
  UNOP(I32_POPCNT, uint32_t, interp_i32_popcnt(a))
  BINOP(I32_ADD, uint32_t, a + b)
  BINOP(I32_SUB, uint32_t, a - b)
  BINOP(I32_MUL, uint32_t, a * b)
  DIVOP(I32_DIV_S, uint32_t, interp_i32_div_s)
  DIVOP(I32_DIV_U, uint32_t, interp_i32_div_u)
  DIVOP(I32_REM_S, uint32_t, interp_i32_rem_s)
  DIVOP(I32_REM_U, uint32_t, interp_i32_rem_u)
  BINOP(I32_AND, uint32_t, a & b)
  BINOP(I32_OR, uint32_t, a | b)
  BINOP(I32_XOR, uint32_t, a ^ b)
  BINOP(I32_SHL, uint32_t, interp_i32_shl(a, b))
  BINOP(I32_SHR_S, uint32_t, interp_i32_shr_s(a, b))
  BINOP(I32_SHR_U, uint32_t, interp_i32_shr_u(a, b))
  BINOP(I32_ROTL, uint32_t, interp_i32_rotl(a, b))
  BINOP(I32_ROTR, uint32_t, interp_i32_rotr(a, b))
  UNOP(I32_EXTEND8_S, uint32_t, interp_i32_extend8_s(a))
  UNOP(I32_EXTEND16_S, uint32_t, interp_i32_extend16_s(a))

  /* ---- i64 ---- */
  UNOP(I64_EQZ, uint64_t, a == 0)
  BINOP(I64_EQ, uint64_t, a == b)
  BINOP(I64_NE, uint64_t, a != b)
  BINOP(I64_LT_S, uint64_t, S64(a) < S64(b))
  BINOP(I64_LT_U, uint64_t, a < b)
  BINOP(I64_GT_S, uint64_t, S64(a) > S64(b))
  BINOP(I64_GT_U, uint64_t, a > b)
  BINOP(I64_LE_S, uint64_t, S64(a) <= S64(b))
  BINOP(I64_LE_U, uint64_t, a <= b)
  BINOP(I64_GE_S, uint64_t, S64(a) >= S64(b))
  BINOP(I64_GE_U, uint64_t, a >= b)
  UNOP(I64_CLZ, uint64_t, interp_i64_clz(a))
  UNOP(I64_CTZ, uint64_t, interp_i64_ctz(a))
  UNOP(I64_POPCNT, uint64_t, interp_i64_popcnt(a))
  BINOP(I64_ADD, uint64_t, a + b)
  BINOP(I64_SUB, uint64_t, a - b)
  BINOP(I64_MUL, uint64_t, a * b)
  DIVOP(I64_DIV_S, uint64_t, interp_i64_div_s)
  DIVOP(I64_DIV_U, uint64_t, interp_i64_div_u)
  DIVOP(I64_REM_S, uint64_t, interp_i64_rem_s)
  DIVOP(I64_REM_U, uint64_t, interp_i64_rem_u)
  BINOP(I64_AND, uint64_t, a & b)
  BINOP(I64_OR, uint64_t, a | b)
  BINOP(I64_XOR, uint64_t, a ^ b)
  BINOP(I64_SHL, uint64_t, interp_i64_shl(a, b))
  BINOP(I64_SHR_S, uint64_t, interp_i64_shr_s(a, b))
  BINOP(I64_SHR_U, uint64_t, interp_i64_shr_u(a, b))
  BINOP(I64_ROTL, uint64_t, interp_i64_rotl(a, b))
  BINOP(I64_ROTR, uint64_t, interp_i64_rotr(a, b))
  UNOP(I64_EXTEND8_S, uint64_t, interp_i64_extend8_s(a))
  UNOP(I64_EXTEND16_S, uint64_t, interp_i64_extend16_s(a))
  UNOP(I64_EXTEND32_S, uint64_t, interp_i64_extend32_s(a))

  /* ---- f32 ---- */
  BINOP(F32_EQ, uint32_t, F32(a) == F32(b))
  BINOP(F32_NE, uint32_t, F32(a) != F32(b))
  BINOP(F32_LT, uint32_t, F32(a) < F32(b))
  BINOP(F32_GT, uint32_t, F32(a) > F32(b))
  BINOP(F32_LE, uint32_t, F32(a) <= F32(b))
  BINOP(F32_GE, uint32_t, F32(a) >= F32(b))
  UNOP(F32_ABS, uint32_t, interp_f32_abs(a))
  UNOP(F32_NEG, uint32_t, interp_f32_neg(a))
  UNOP(F32_CEIL, uint32_t, interp_f32_ceil(a))
  UNOP(F32_FLOOR, uint32_t, interp_f32_floor(a))
  UNOP(F32_TRUNC, uint32_t, interp_f32_trunc(a))
  UNOP(F32_NEAREST, uint32_t, interp_f32_nearest(a))
  UNOP(F32_SQRT, uint32_t, interp_f32_sqrt(a))
  BINOP(F32_ADD, uint32_t, interp_f32_add(a, b))
  BINOP(F32_SUB, uint32_t, interp_f32_sub(a, b))
  BINOP(F32_MUL, uint32_t, interp_f32_mul(a, b))
  BINOP(F32_DIV, uint32_t, interp_f32_div(a, b))
  BINOP(F32_MIN, uint32_t, interp_f32_min(a, b))
  BINOP(F32_MAX, uint32_t, interp_f32_max(a, b))
  BINOP(F32_COPYSIGN, uint32_t, interp_f32_copysign(a, b))

  /* ---- f64 ---- */
  BINOP(F64_EQ, uint64_t, F64(a) == F64(b))
  BINOP(F64_NE, uint64_t, F64(a) != F64(b))
  BINOP(F64_LT, uint64_t, F64(a) < F64(b))
  BINOP(F64_GT, uint64_t, F64(a) > F64(b))
  BINOP(F64_LE, uint64_t, F64(a) <= F64(b))
  BINOP(F64_GE, uint64_t, F64(a) >= F64(b))
  UNOP(F64_ABS, uint64_t, interp_f64_abs(a))
  UNOP(F64_NEG, uint64_t, interp_f64_neg(a))
  UNOP(F64_CEIL, uint64_t, interp_f64_ceil(a))
  UNOP(F64_FLOOR, uint64_t, interp_f64_floor(a))
  UNOP(F64_TRUNC, uint64_t, interp_f64_trunc(a))
  UNOP(F64_NEAREST, uint64_t, interp_f64_nearest(a))
  UNOP(F64_SQRT, uint64_t, interp_f64_sqrt(a))
  BINOP(F64_ADD, uint64_t, interp_f64_add(a, b))
  BINOP(F64_SUB, uint64_t, interp_f64_sub(a, b))
  BINOP(F64_MUL, uint64_t, interp_f64_mul(a, b))
  BINOP(F64_DIV, uint64_t, interp_f64_div(a, b))
  BINOP(F64_MIN, uint64_t, interp_f64_min(a, b))
  BINOP(F64_MAX, uint64_t, interp_f64_max(a, b))
  BINOP(F64_COPYSIGN, uint64_t, interp_f64_copysign(a, b))

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
  OP(I32_REINTERPRET_F32)
  OP(I64_REINTERPRET_F64)
  OP(F32_REINTERPRET_I32)
  OP(F64_REINTERPRET_I64) NEXT(1);
  UNOP(I32_TRUNC_SAT_F32_S, uint32_t, interp_i32_trunc_sat_f32_s(a))
  UNOP(I32_TRUNC_SAT_F32_U, uint32_t, interp_i32_trunc_sat_f32_u(a))
  UNOP(I32_TRUNC_SAT_F64_S, uint64_t, interp_i32_trunc_sat_f64_s(a))
  UNOP(I32_TRUNC_SAT_F64_U, uint64_t, interp_i32_trunc_sat_f64_u(a))
  UNOP(I64_TRUNC_SAT_F32_S, uint32_t, interp_i64_trunc_sat_f32_s(a))
  UNOP(I64_TRUNC_SAT_F32_U, uint32_t, interp_i64_trunc_sat_f32_u(a))
  UNOP(I64_TRUNC_SAT_F64_S, uint64_t, interp_i64_trunc_sat_f64_s(a))
  UNOP(I64_TRUNC_SAT_F64_U, uint64_t, interp_i64_trunc_sat_f64_u(a))

  /* Structured control is resolved by the translator: never emitted. */
  OP(NOP)
  OP(BLOCK)
  OP(LOOP)
  OP(ELSE)
  OP(END)
  OP(SELECT_T) goto bad_code;

  LOOP_END
  // clang-format on

  /* ---- calls: callee's arguments are the top param_slots of the stack,
   * ip is the caller's resume point. */
call:
  if (callee->host_fn) {
    cw_slot *args = sp - callee->param_slots;
    s->stack_top = (size_t)(sp - s->stack);
    s->depth = depth;
    st = call_host(s, callee, inst, args, err);
    s->stack_top = outer_top;
    s->depth = outer_depth;
    if (st != CWASI_OK) goto failed;
    sp = args + callee->result_slots;
    if (!cur) goto done; /* not reached: interp_call runs host entries itself */
    LOAD_INSTANCE();
    DISPATCH();
  }
  code = *callee->code;
  if (CW_UNLIKELY(!code)) {
    cwasi_module *mod = callee->inst->module;
    st = interp_translate(mod, (uint32_t)(callee->code - mod->code), err);
    if (st != CWASI_OK) goto failed;
    code = *callee->code;
  }
  nfp = sp - code->param_slots;
  if (CW_UNLIKELY(depth >= max_depth || (size_t)(stack_end - nfp) < code->frame_slots)) {
    cur = callee; /* name the function that could not be entered */
    TRAP(CWASI_TRAP_STACK_EXHAUSTED);
  }
  frames[depth++] = (interp_frame){.ip = ip, .fp = fp, .func = cur};
  fp = nfp;
  memset(fp + code->param_slots, 0, (size_t)(code->local_slots - code->param_slots) * sizeof *fp);
  sp = fp + code->local_slots;
  cur = callee;
  LOAD_INSTANCE();
  ip = code->code;
  DISPATCH();

done:
  s->stack_top = outer_top;
  s->depth = outer_depth;
  return CWASI_OK;

trapped:
  st = trap_in(err, trap, cur);
failed:
  s->stack_top = outer_top;
  s->depth = outer_depth;
  return st;

bad_code:
  s->stack_top = outer_top;
  s->depth = outer_depth;
  return cw_error(err, CWASI_ERR_INVALID, SIZE_MAX, "internal error: bad interpreter code");
}

cwasi_status interp_call(cwasi_store *s, cwasi_func *f, cw_slot *args_results, cwasi_error *err) {
  cwasi_error local;
  if (!err) err = &local;
  if (f->host_fn) return call_host(s, f, NULL, args_results, err);
  cwasi_status st = ensure_state(s, err);
  if (st != CWASI_OK) return st;
  uint32_t need = f->param_slots > f->result_slots ? f->param_slots : f->result_slots;
  if (s->host_nesting >= INTERP_MAX_HOST_NESTING || s->stack_top > s->stack_slots ||
      need > s->stack_slots - s->stack_top)
    return trap_in(err, CWASI_TRAP_STACK_EXHAUSTED, f);
  cw_slot *base = s->stack + s->stack_top;
  if (f->param_slots) memcpy(base, args_results, (size_t)f->param_slots * sizeof *base);
  s->host_nesting++;
  st = execute(s, f, base, err);
  s->host_nesting--;
  if (st == CWASI_OK && f->result_slots)
    memcpy(args_results, base, (size_t)f->result_slots * sizeof *base);
  return st;
}
