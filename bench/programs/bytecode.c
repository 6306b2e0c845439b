/*
 * bytecode.c — branchy code: a small stack-machine interpreter (switch
 * dispatch, a value stack, call frames, a word-addressed heap) running three
 * programs assembled at start-up: Collatz trajectories, recursive Fibonacci
 * and a sieve in the VM's heap followed by trial-division checks.
 */
#include "bench.h"

typedef enum {
  OP_HALT,
  OP_PUSH,   /* imm: push constant */
  OP_LOAD,   /* slot: push frame slot */
  OP_STORE,  /* slot: pop into frame slot */
  OP_INC,    /* slot: slot += 1 */
  OP_ENTER,  /* n: reserve n more frame slots (beyond the arguments) */
  OP_ADD,
  OP_SUB,
  OP_MUL,
  OP_DIVU,
  OP_REMU,
  OP_AND,
  OP_SHR,
  OP_LTU,
  OP_EQ,
  OP_DUP,
  OP_POP,
  OP_JMP,    /* target */
  OP_JZ,     /* target: pop, jump if zero */
  OP_JNZ,    /* target: pop, jump if non-zero */
  OP_CALL,   /* target nargs */
  OP_RET,    /* pop the result, drop the frame, push the result */
  OP_HLOAD,  /* pop address, push heap word */
  OP_HSTORE, /* pop value, pop address, store heap word */
} opcode;

enum { CODE_MAX = 4096, LABELS_MAX = 64, FIXUPS_MAX = 256, STACK_MAX = 4096, FRAMES_MAX = 256 };
enum { HEAP_WORDS = 1 << 16 };

typedef struct {
  int64_t code[CODE_MAX];
  uint32_t len;
  int32_t label_at[LABELS_MAX];
  uint32_t fixup_pos[FIXUPS_MAX], fixup_label[FIXUPS_MAX];
  uint32_t nfixups;
  int failed;
} assembler;

static void emit(assembler *a, int64_t w) {
  if (a->len >= CODE_MAX) {
    a->failed = 1;
    return;
  }
  a->code[a->len++] = w;
}
static void op0(assembler *a, opcode op) { emit(a, op); }
static void op1(assembler *a, opcode op, int64_t arg) {
  emit(a, op);
  emit(a, arg);
}
static void label(assembler *a, uint32_t l) { a->label_at[l] = (int32_t)a->len; }
/* Jumps and calls name a label; resolved by finish() once all are placed. */
static void jump(assembler *a, opcode op, uint32_t l) {
  emit(a, op);
  if (a->nfixups < FIXUPS_MAX) {
    a->fixup_pos[a->nfixups] = a->len;
    a->fixup_label[a->nfixups++] = l;
  } else {
    a->failed = 1;
  }
  emit(a, -1);
}
static void call(assembler *a, uint32_t l, int64_t nargs) {
  jump(a, OP_CALL, l);
  emit(a, nargs);
}
static int finish(assembler *a) {
  for (uint32_t i = 0; i < a->nfixups; i++) {
    int32_t at = a->label_at[a->fixup_label[i]];
    if (at < 0) return 0;
    a->code[a->fixup_pos[i]] = at;
  }
  return !a->failed;
}

typedef struct {
  uint32_t ret_pc, fp;
} frame;

typedef struct {
  const int64_t *code;
  uint64_t stack[STACK_MAX];
  frame frames[FRAMES_MAX];
  uint64_t heap[HEAP_WORDS];
  uint64_t steps;
} vm;

/* Runs from pc until HALT; returns the top of the stack, or sets *err. */
static uint64_t vm_run(vm *m, uint32_t pc, int *err) {
  const int64_t *code = m->code;
  uint64_t *st = m->stack;
  uint32_t sp = 0, fp = 0, depth = 0;
  uint64_t steps = 0, a, b;
  for (;;) {
    steps++;
    switch ((opcode)code[pc]) {
    case OP_HALT:
      m->steps += steps;
      return sp ? st[sp - 1] : 0;
    case OP_PUSH: st[sp++] = (uint64_t)code[pc + 1]; pc += 2; break;
    case OP_LOAD: st[sp++] = st[fp + code[pc + 1]]; pc += 2; break;
    case OP_STORE: st[fp + code[pc + 1]] = st[--sp]; pc += 2; break;
    case OP_INC: st[fp + code[pc + 1]]++; pc += 2; break;
    case OP_ENTER:
      if (sp + (uint32_t)code[pc + 1] + 64 > STACK_MAX) goto overflow;
      for (int64_t i = 0; i < code[pc + 1]; i++) st[sp++] = 0;
      pc += 2;
      break;
    case OP_ADD: b = st[--sp]; st[sp - 1] += b; pc++; break;
    case OP_SUB: b = st[--sp]; st[sp - 1] -= b; pc++; break;
    case OP_MUL: b = st[--sp]; st[sp - 1] *= b; pc++; break;
    case OP_DIVU:
    case OP_REMU:
      b = st[--sp];
      if (b == 0) goto fault;
      st[sp - 1] = code[pc] == OP_DIVU ? st[sp - 1] / b : st[sp - 1] % b;
      pc++;
      break;
    case OP_AND: b = st[--sp]; st[sp - 1] &= b; pc++; break;
    case OP_SHR: b = st[--sp]; st[sp - 1] >>= (b & 63); pc++; break;
    case OP_LTU: b = st[--sp]; st[sp - 1] = st[sp - 1] < b; pc++; break;
    case OP_EQ: b = st[--sp]; st[sp - 1] = st[sp - 1] == b; pc++; break;
    case OP_DUP: st[sp] = st[sp - 1]; sp++; pc++; break;
    case OP_POP: sp--; pc++; break;
    case OP_JMP: pc = (uint32_t)code[pc + 1]; break;
    case OP_JZ: pc = st[--sp] == 0 ? (uint32_t)code[pc + 1] : pc + 2; break;
    case OP_JNZ: pc = st[--sp] != 0 ? (uint32_t)code[pc + 1] : pc + 2; break;
    case OP_CALL:
      if (depth >= FRAMES_MAX) goto overflow;
      m->frames[depth].ret_pc = pc + 3;
      m->frames[depth++].fp = fp;
      fp = sp - (uint32_t)code[pc + 2];
      pc = (uint32_t)code[pc + 1];
      break;
    case OP_RET:
      if (depth == 0) goto fault;
      a = st[--sp];
      sp = fp;
      st[sp++] = a;
      pc = m->frames[--depth].ret_pc;
      fp = m->frames[depth].fp;
      break;
    case OP_HLOAD: a = st[sp - 1]; st[sp - 1] = m->heap[a & (HEAP_WORDS - 1)]; pc++; break;
    case OP_HSTORE:
      b = st[--sp];
      a = st[--sp];
      m->heap[a & (HEAP_WORDS - 1)] = b;
      pc++;
      break;
    default: goto fault;
    }
  }
overflow:
fault:
  *err = 1;
  m->steps += steps;
  return 0;
}

enum { L_FIB, L_FIB_REC, L_COLLATZ, L_CI, L_CC, L_CEVEN, L_CNEXT, L_CDONE, L_CSKIP, L_CEND,
       L_SIEVE, L_S1, L_S1END, L_S2, L_S2NEXT, L_S2END, L_S3, L_S3END, L_S4, L_S4END,
       L_TRIAL, L_T1, L_T2, L_T2FOUND, L_T2END, L_T1NEXT, L_T1END, L_MAIN };

/* fib(n): slot 0 = n. */
static void asm_fib(assembler *a) {
  label(a, L_FIB);
  op1(a, OP_LOAD, 0);
  op1(a, OP_PUSH, 2);
  op0(a, OP_LTU);
  jump(a, OP_JZ, L_FIB_REC);
  op1(a, OP_LOAD, 0);
  op0(a, OP_RET);
  label(a, L_FIB_REC);
  op1(a, OP_LOAD, 0);
  op1(a, OP_PUSH, 1);
  op0(a, OP_SUB);
  call(a, L_FIB, 1);
  op1(a, OP_LOAD, 0);
  op1(a, OP_PUSH, 2);
  op0(a, OP_SUB);
  call(a, L_FIB, 1);
  op0(a, OP_ADD);
  op0(a, OP_RET);
}

/* collatz(limit): total steps * 2^20 + longest, over starts 1..limit-1.
   Slots: 0 limit, 1 i, 2 x, 3 steps, 4 total, 5 longest. */
static void asm_collatz(assembler *a) {
  label(a, L_COLLATZ);
  op1(a, OP_ENTER, 5);
  op1(a, OP_PUSH, 1);
  op1(a, OP_STORE, 1);
  label(a, L_CI);
  op1(a, OP_LOAD, 1);
  op1(a, OP_LOAD, 0);
  op0(a, OP_LTU);
  jump(a, OP_JZ, L_CEND);
  op1(a, OP_LOAD, 1);
  op1(a, OP_STORE, 2);
  op1(a, OP_PUSH, 0);
  op1(a, OP_STORE, 3);
  label(a, L_CC);
  op1(a, OP_LOAD, 2);
  op1(a, OP_PUSH, 1);
  op0(a, OP_EQ);
  jump(a, OP_JNZ, L_CDONE);
  op1(a, OP_LOAD, 2);
  op1(a, OP_PUSH, 1);
  op0(a, OP_AND);
  jump(a, OP_JZ, L_CEVEN);
  op1(a, OP_LOAD, 2);
  op1(a, OP_PUSH, 3);
  op0(a, OP_MUL);
  op1(a, OP_PUSH, 1);
  op0(a, OP_ADD);
  op1(a, OP_STORE, 2);
  jump(a, OP_JMP, L_CNEXT);
  label(a, L_CEVEN);
  op1(a, OP_LOAD, 2);
  op1(a, OP_PUSH, 1);
  op0(a, OP_SHR);
  op1(a, OP_STORE, 2);
  label(a, L_CNEXT);
  op1(a, OP_INC, 3);
  jump(a, OP_JMP, L_CC);
  label(a, L_CDONE);
  op1(a, OP_LOAD, 4);
  op1(a, OP_LOAD, 3);
  op0(a, OP_ADD);
  op1(a, OP_STORE, 4);
  op1(a, OP_LOAD, 5);
  op1(a, OP_LOAD, 3);
  op0(a, OP_LTU);
  jump(a, OP_JZ, L_CSKIP);
  op1(a, OP_LOAD, 3);
  op1(a, OP_STORE, 5);
  label(a, L_CSKIP);
  op1(a, OP_INC, 1);
  jump(a, OP_JMP, L_CI);
  label(a, L_CEND);
  op1(a, OP_LOAD, 4);
  op1(a, OP_PUSH, 1 << 20);
  op0(a, OP_MUL);
  op1(a, OP_LOAD, 5);
  op0(a, OP_ADD);
  op0(a, OP_RET);
}

/* sieve(n): marks composites in heap[0..n), returns the prime count.
   Slots: 0 n, 1 i, 2 j, 3 count. */
static void asm_sieve(assembler *a) {
  label(a, L_SIEVE);
  op1(a, OP_ENTER, 3);
  /* heap[i] = 1 for i in [2, n) */
  op1(a, OP_PUSH, 0);
  op1(a, OP_PUSH, 0);
  op0(a, OP_HSTORE);
  op1(a, OP_PUSH, 1);
  op1(a, OP_PUSH, 0);
  op0(a, OP_HSTORE);
  op1(a, OP_PUSH, 2);
  op1(a, OP_STORE, 1);
  label(a, L_S1);
  op1(a, OP_LOAD, 1);
  op1(a, OP_LOAD, 0);
  op0(a, OP_LTU);
  jump(a, OP_JZ, L_S1END);
  op1(a, OP_LOAD, 1);
  op1(a, OP_PUSH, 1);
  op0(a, OP_HSTORE);
  op1(a, OP_INC, 1);
  jump(a, OP_JMP, L_S1);
  label(a, L_S1END);
  /* for i = 2; i*i < n; i++: if heap[i]: for j = i*i; j < n; j += i: heap[j] = 0 */
  op1(a, OP_PUSH, 2);
  op1(a, OP_STORE, 1);
  label(a, L_S2);
  op1(a, OP_LOAD, 1);
  op0(a, OP_DUP);
  op0(a, OP_MUL);
  op1(a, OP_LOAD, 0);
  op0(a, OP_LTU);
  jump(a, OP_JZ, L_S2END);
  op1(a, OP_LOAD, 1);
  op0(a, OP_HLOAD);
  jump(a, OP_JZ, L_S2NEXT);
  op1(a, OP_LOAD, 1);
  op0(a, OP_DUP);
  op0(a, OP_MUL);
  op1(a, OP_STORE, 2);
  label(a, L_S3);
  op1(a, OP_LOAD, 2);
  op1(a, OP_LOAD, 0);
  op0(a, OP_LTU);
  jump(a, OP_JZ, L_S2NEXT);
  op1(a, OP_LOAD, 2);
  op1(a, OP_PUSH, 0);
  op0(a, OP_HSTORE);
  op1(a, OP_LOAD, 2);
  op1(a, OP_LOAD, 1);
  op0(a, OP_ADD);
  op1(a, OP_STORE, 2);
  jump(a, OP_JMP, L_S3);
  label(a, L_S2NEXT);
  op1(a, OP_INC, 1);
  jump(a, OP_JMP, L_S2);
  label(a, L_S2END);
  /* count = sum of heap[0..n) */
  op1(a, OP_PUSH, 0);
  op1(a, OP_STORE, 1);
  label(a, L_S4);
  op1(a, OP_LOAD, 1);
  op1(a, OP_LOAD, 0);
  op0(a, OP_LTU);
  jump(a, OP_JZ, L_S4END);
  op1(a, OP_LOAD, 3);
  op1(a, OP_LOAD, 1);
  op0(a, OP_HLOAD);
  op0(a, OP_ADD);
  op1(a, OP_STORE, 3);
  op1(a, OP_INC, 1);
  jump(a, OP_JMP, L_S4);
  label(a, L_S4END);
  op1(a, OP_LOAD, 3);
  op0(a, OP_RET);
}

/* trial(n): counts d in [2, n) that trial division finds prime and that the
   sieve in the heap agrees on; returns agreements. Slots: 0 n, 1 k, 2 d,
   3 prime, 4 agree. */
static void asm_trial(assembler *a) {
  label(a, L_TRIAL);
  op1(a, OP_ENTER, 4);
  op1(a, OP_PUSH, 2);
  op1(a, OP_STORE, 1);
  label(a, L_T1);
  op1(a, OP_LOAD, 1);
  op1(a, OP_LOAD, 0);
  op0(a, OP_LTU);
  jump(a, OP_JZ, L_T1END);
  op1(a, OP_PUSH, 1);
  op1(a, OP_STORE, 3);
  op1(a, OP_PUSH, 2);
  op1(a, OP_STORE, 2);
  label(a, L_T2);
  op1(a, OP_LOAD, 2);
  op0(a, OP_DUP);
  op0(a, OP_MUL);
  op1(a, OP_LOAD, 1);
  op1(a, OP_PUSH, 1);
  op0(a, OP_ADD);
  op0(a, OP_LTU);
  jump(a, OP_JZ, L_T2END);
  op1(a, OP_LOAD, 1);
  op1(a, OP_LOAD, 2);
  op0(a, OP_REMU);
  jump(a, OP_JZ, L_T2FOUND);
  op1(a, OP_INC, 2);
  jump(a, OP_JMP, L_T2);
  label(a, L_T2FOUND);
  op1(a, OP_PUSH, 0);
  op1(a, OP_STORE, 3);
  label(a, L_T2END);
  op1(a, OP_LOAD, 3);
  op1(a, OP_LOAD, 1);
  op0(a, OP_HLOAD);
  op0(a, OP_EQ);
  jump(a, OP_JZ, L_T1NEXT);
  op1(a, OP_INC, 4);
  label(a, L_T1NEXT);
  op1(a, OP_INC, 1);
  jump(a, OP_JMP, L_T1);
  label(a, L_T1END);
  op1(a, OP_LOAD, 4);
  op0(a, OP_RET);
}

int main(int argc, char **argv) {
  int32_t scale = bench_scale(argc, argv, 60);
  static assembler as;
  static vm m;
  memset(as.label_at, 0xff, sizeof as.label_at);
  asm_fib(&as);
  asm_collatz(&as);
  asm_sieve(&as);
  asm_trial(&as);
  /* Entry stubs: push the argument, call, halt. */
  uint32_t entry_fib = as.len;
  op1(&as, OP_PUSH, 20 + scale / 25);
  call(&as, L_FIB, 1);
  op0(&as, OP_HALT);
  uint32_t entry_collatz = as.len;
  op1(&as, OP_PUSH, 2000 * scale);
  call(&as, L_COLLATZ, 1);
  op0(&as, OP_HALT);
  uint32_t entry_sieve = as.len;
  op1(&as, OP_PUSH, HEAP_WORDS);
  call(&as, L_SIEVE, 1);
  op0(&as, OP_HALT);
  uint32_t entry_trial = as.len;
  op1(&as, OP_PUSH, HEAP_WORDS);
  call(&as, L_TRIAL, 1);
  op0(&as, OP_HALT);
  if (!finish(&as)) {
    printf("assembly failed\n");
    return 1;
  }
  m.code = as.code;

  int err = 0;
  uint64_t h = 0;
  uint64_t f = vm_run(&m, entry_fib, &err);
  printf("vm fib(%d) = %" PRIu64 "\n", 20 + scale / 25, f);
  uint64_t c = vm_run(&m, entry_collatz, &err);
  printf("vm collatz(<%d): %" PRIu64 " steps, longest %" PRIu64 "\n", 2000 * scale, c >> 20,
         c & 0xfffff);
  uint64_t s = 0, t = 0;
  for (int32_t r = 0; r < scale / 20; r++) {
    s = vm_run(&m, entry_sieve, &err);
    t = vm_run(&m, entry_trial, &err);
  }
  printf("vm sieve: %" PRIu64 " primes below %d, trial division agrees on %" PRIu64 "\n", s,
         HEAP_WORDS, t);
  printf("vm executed %" PRIu64 " instructions%s\n", m.steps, err ? " (with a fault)" : "");
  h = bench_mix(bench_mix(bench_mix(bench_mix(bench_mix(h, f), c), s), t), m.steps);
  bench_report("bytecode", h);
  return err;
}
