/*
 * code.h — the internal code the translator (translate.c) writes and the
 * interpreter (interp.c) runs. Private to src/interp/.
 *
 * A function's code is an array of 32-bit words: an operation number
 * followed by its immediates, already decoded. Operation numbers are the
 * cw_opcode numbers of opcodes.h (so names and handler labels come from
 * the one X-macro table) plus a few internal operations after them.
 *
 * Values live in 64-bit slots on the store's value stack. A frame is
 *     fp[0 .. local_slots)            parameters, then declared locals
 *     fp[local_slots .. + max_height) the operand stack
 * The translator knows the operand-stack height (in slots) before every
 * instruction, because the body is valid; that is what lets a branch carry
 * how many slots it keeps and how many it drops.
 *
 * Branch targets are relative: a target word at code[c] holding r means
 * "continue at code[c + (int32_t)r]".
 *
 * Operation        immediates                 meaning
 * UNREACHABLE      -                          trap
 * BR               rel                        jump (nothing to unwind)
 * BR_IF            rel                        pop i32; jump if non-zero
 * IF               rel                        pop i32; jump if zero (to else / end)
 * BR_UNWIND        rel keep drop              move the top `keep` slots down over
 *                                             `drop` slots, then jump
 * BR_IF_UNWIND     rel keep drop              pop i32; if non-zero, as BR_UNWIND
 * BR_TABLE         n, (n+1) x (rel keep drop) pop i32 i; take entry min(i, n)
 * RETURN           nresults(slots)            copy the top results to fp[0], pop frame
 * CALL             funcidx                    callee's params are the top slots
 * CALL_INDIRECT    typeidx tableidx
 * DROP, SELECT     -                          one-slot values
 * LOCAL_GET/SET/TEE  slot offset from fp
 * GLOBAL_GET/SET   globalidx
 * TABLE_*          tableidx (TABLE_INIT: elemidx tableidx, TABLE_COPY: dst src)
 * loads, stores    offset (the memarg's alignment hint is dropped)
 * MEMORY_SIZE/GROW/FILL/COPY   - (memory 0)
 * MEMORY_INIT      dataidx     DATA_DROP dataidx     ELEM_DROP elemidx
 * I32_CONST, F32_CONST  one word;  I64_CONST, F64_CONST  two words, low first
 * REF_NULL         -           REF_FUNC funcidx
 * every numeric instruction: no immediates
 * BLOCK, LOOP, ELSE, END, NOP and SELECT_T are never emitted.
 *
 * Room kept for later: v128 values take two slots (heights are counted in
 * slots already); tail calls are a CALL that reuses the frame; multiple
 * memories would add a memory index to the memory operations.
 */
#ifndef CW_INTERP_CODE_H
#define CW_INTERP_CODE_H

#include "decode/opcodes.h"
#include "runtime/runtime.h"

/* Internal operations beyond the instruction set. */
#define INTERP_EXTRA_OPS(X)                                                                        \
  X(BR_UNWIND)                                                                                     \
  X(BR_IF_UNWIND)

typedef enum interp_op {
#define INTERP_OP_ENUM(id, nm, pre, cd, im, p1, p2, p3, r, w) IOP_##id,
  CW_OPCODES(INTERP_OP_ENUM)
#undef INTERP_OP_ENUM
#define INTERP_OP_ENUM(id) IOP_##id,
      INTERP_EXTRA_OPS(INTERP_OP_ENUM)
#undef INTERP_OP_ENUM
          IOP__COUNT
} interp_op;

/* The translator emits cw_opcode numbers as they are. */
_Static_assert((int)IOP_BR_UNWIND == (int)CW_OP__COUNT, "interp_op extends cw_opcode");
_Static_assert((int)IOP_I32_ADD == (int)CW_OP_I32_ADD, "interp_op matches cw_opcode");

struct interp_code {
  uint32_t *code;
  size_t len; /* words */
  uint32_t param_slots;
  uint32_t local_slots; /* params and declared locals */
  uint32_t result_slots;
  uint32_t frame_slots; /* locals plus the deepest operand stack: checked on entry */
};

#endif /* CW_INTERP_CODE_H */
