/*
 * code.h — the internal code the translator (translate.c) writes and the
 * interpreter (interp.c) runs. Private to src/interp/.
 *
 * A register-style code over frame slots. A function's code is an array of
 * 32-bit words: an operation number followed by its operands, already
 * decoded. Operands that name values are slot offsets from fp (the frame's
 * first slot); the frame is
 *     fp[0 .. local_slots)            parameters, then declared locals
 *     fp[local_slots .. + max_height) the operand stack ("home" slots)
 * The translator knows the operand-stack height before every instruction
 * (the body is valid), so the value at height h always lives in slot
 * local_slots + h, and an instruction names its operands and its result
 * directly. local.get becomes no code at all (the consumer reads the
 * local's slot), a constant becomes an immediate or a store into its home
 * slot, and a result followed by local.set is written straight into the
 * local. There is no stack pointer at run time.
 *
 * Operation numbers are the cw_opcode numbers of opcodes.h (so names and
 * handler labels come from the one X-macro table), plus internal ones:
 * register-immediate forms of the binary operations (ID_I), fused
 * compare-and-branch (BRC_ID, BRC_ID_I), COPY and the unwinding branches.
 *
 * Branch targets are relative: a target word at code[c] holding r means
 * "continue at code[c + (int32_t)r]". "imm64" is two words, low first.
 *
 * Operation          operands
 * UNREACHABLE        -
 * BR                 rel
 * BR_IF / IF         rel c                  jump if i32 fp[c] is non-zero / zero
 * BR_IF_AND_I / IF_AND_I  rel c mask        jump if fp[c] & mask is non-zero / zero
 * BRC_cmp            rel a b                jump if fp[a] cmp fp[b]
 * BRC_cmp_I          rel a imm64            jump if fp[a] cmp imm
 * BRA_cmp            rel d x s b            fp[d] = fp[x] + fp[s] (i32), then jump if
 *                                           fp[d] cmp fp[b] (a loop's back edge);
 *                                           BRA_cmp_I: b is an imm32; BRAI_cmp: s is
 *                                           an imm32; BRAI_cmp_I: both
 * BR_UNWIND          rel src dst n          copy n slots src->dst, jump
 * BR_IF_UNWIND       rel c src dst n        the same if fp[c] is non-zero
 * BR_TABLE           c n (n+1)x(rel src dst cnt)
 * BR_TABLE_Lw        dst addr offset n (n+1)x(...)   fp[dst] = a w-bit unsigned load,
 *                                       whose low 32 bits are the index (switch (*p))
 * RETURN             src n                  copy n slots src->0, pop frame
 * CALL               funcidx base           arguments (and results) at fp[base..]
 * CALL_INDIRECT      typeidx tableidx c base
 * RETURN_CALL        funcidx base nslots    tail call: move nslots argument slots
 *                                           fp[base..] -> fp[0..], pop this frame, call
 * RETURN_CALL_INDIRECT typeidx tableidx c base nslots   the same through a table
 * COPY               dst src
 * SELECT             dst a b c
 * I32_CONST/F32_CONST dst imm32;  I64_CONST/F64_CONST dst imm64
 * GLOBAL_GET dst idx;  GLOBAL_SET src idx
 * unary numeric      dst a
 * binary numeric     dst a b;   ID_I: dst a imm64
 * loads              dst addr offset;   stores  addr val offset
 * loads ID_A         dst x offset c;    stores ID_A  x val offset c
 *                    (the address is (u32)(fp[x] + c))
 * loads ID_K         dst k offset;      stores ID_K  k val offset
 *                    (a constant address k)
 * loads ID_X         dst a offset x k;  stores ID_X  a val offset x k
 *                    (the address is (u32)(fp[a] + (fp[x] << k)): an indexed access)
 * stores ID_V        addr offset imm64  (a constant value)
 * F64_MULADD         dst x y c          dst = x*y + c, two roundings; ADDMUL
 *                                       c + x*y, MULSUB x*y - c, SUBMUL
 *                                       c - x*y (and the F32 ones)
 * I32_ADD_SHL        dst a x k          dst = a + (x << k); also I32_XOR_ROTL & co.
 *                                       (INTERP_SHIFTS, INTERP_SHIFT_USERS)
 * ID_L (INTERP_LOADOPS) dst a x offset c   dst = a OP load((u32)(fp[x] + c), offset)
 * ID_M               x offset c a        the same, stored back where it was
 *                                       loaded: `p[i] += a` in one
 * I32_ADD2_I         d1 a1 c1 d2 a2 c2  fp[d1] = fp[a1] + c1, then fp[d2] = fp[a2] + c2
 *                                       (two induction variables stepped)
 * COPY2              d1 s1 d2 s2        two COPYs, in order
 * CHECK              cost               fuel -= cost, then trap if it went below 0 or
 *                                       the store is interrupted. Only in code of an
 *                                       engine with consume_fuel: at the function's
 *                                       entry and each loop's head
 * CHECK_INTERRUPT    -                  trap if the store is interrupted: the same
 *                                       places, for an engine that is only interruptible
 * "stack form" (rare operations, the old stack convention at fp[base]):
 *   operands at fp[base], fp[base+1], ..., the result at fp[base]:
 *   REF_IS_NULL, REF_FUNC idx, TABLE_GET/SET/SIZE/GROW/FILL idx,
 *   TABLE_INIT elem table, TABLE_COPY dst src, ELEM_DROP idx,
 *   MEMORY_SIZE/GROW/FILL/COPY, MEMORY_INIT idx, DATA_DROP idx
 *   — each is  op base [immediates].
 * BLOCK, LOOP, ELSE, END, NOP, DROP, LOCAL_*, REF_NULL, SELECT_T are never
 * emitted.
 *
 * v128 values take two consecutive slots (low half first); an operand
 * naming a v128 names its first slot. COPY moves one slot, so a v128 is
 * copied by two (merged into a COPY2).
 * SELECT_V128        dst a b c              two slots of a or b by i32 fp[c]
 * GLOBAL_GET_V128 dst idx;  GLOBAL_SET_V128 src idx
 * V128_CONST         dst imm128             four words, lane byte 0 first
 * SIMD, by shape (INTERP_SIMD_* below):
 *   UNARY, TEST (-> i32), SPLAT (scalar -> v128)   dst a
 *   BINARY, SHIFT (v128, i32 count)                 dst a b
 *   TERNARY                                         dst a b c
 *   EXTRACT                                         dst a lane
 *   REPLACE                                         dst a x lane
 *   SHUFFLE                                         dst a b imm128 (16 lane bytes)
 *   LOAD                                            dst addr offset
 *   STORE                                           addr val offset
 *   LOAD_LANE                                       dst addr v offset lane
 *   STORE_LANE                                      addr v offset lane
 *
 * Room kept for later: multiple memories would add a memory index to the
 * memory operations.
 */
#ifndef CW_INTERP_CODE_H
#define CW_INTERP_CODE_H

#include "decode/opcodes.h"
#include "runtime/runtime.h"

/*
 * The semantics of the binary operations, once: X(ID, T, EXPR) with
 * operands a, b of type T; the value of EXPR is stored zero-extended.
 * interp.c generates the register and register-immediate handlers (and,
 * for the integer comparisons, the fused compare-and-branch ones) from
 * these lists; translate.c the mapping from cw_opcode to those forms.
 * Integer comparisons carry their negation (for "jump if false").
 */
#define INTERP_ICMPS(X) INTERP_ICMPS32(X) INTERP_ICMPS64(X)
#define INTERP_ICMPS32(X)                                                                          \
  X(I32_EQ, uint32_t, a == b, I32_NE)                                                              \
  X(I32_NE, uint32_t, a != b, I32_EQ)                                                              \
  X(I32_LT_S, uint32_t, S32(a) < S32(b), I32_GE_S)                                                 \
  X(I32_LT_U, uint32_t, a < b, I32_GE_U)                                                           \
  X(I32_GT_S, uint32_t, S32(a) > S32(b), I32_LE_S)                                                 \
  X(I32_GT_U, uint32_t, a > b, I32_LE_U)                                                           \
  X(I32_LE_S, uint32_t, S32(a) <= S32(b), I32_GT_S)                                                \
  X(I32_LE_U, uint32_t, a <= b, I32_GT_U)                                                          \
  X(I32_GE_S, uint32_t, S32(a) >= S32(b), I32_LT_S)                                                \
  X(I32_GE_U, uint32_t, a >= b, I32_LT_U)
#define INTERP_ICMPS64(X)                                                                          \
  X(I64_EQ, uint64_t, a == b, I64_NE)                                                              \
  X(I64_NE, uint64_t, a != b, I64_EQ)                                                              \
  X(I64_LT_S, uint64_t, S64(a) < S64(b), I64_GE_S)                                                 \
  X(I64_LT_U, uint64_t, a < b, I64_GE_U)                                                           \
  X(I64_GT_S, uint64_t, S64(a) > S64(b), I64_LE_S)                                                 \
  X(I64_GT_U, uint64_t, a > b, I64_LE_U)                                                           \
  X(I64_LE_S, uint64_t, S64(a) <= S64(b), I64_GT_S)                                                \
  X(I64_LE_U, uint64_t, a <= b, I64_GT_U)                                                          \
  X(I64_GE_S, uint64_t, S64(a) >= S64(b), I64_LT_S)                                                \
  X(I64_GE_U, uint64_t, a >= b, I64_LT_U)

#define INTERP_BINOPS(X)                                                                           \
  X(I32_ADD, uint32_t, a + b)                                                                      \
  X(I32_SUB, uint32_t, a - b)                                                                      \
  X(I32_MUL, uint32_t, a * b)                                                                      \
  X(I32_AND, uint32_t, a & b)                                                                      \
  X(I32_OR, uint32_t, a | b)                                                                       \
  X(I32_XOR, uint32_t, a ^ b)                                                                      \
  X(I32_SHL, uint32_t, interp_i32_shl(a, b))                                                       \
  X(I32_SHR_S, uint32_t, interp_i32_shr_s(a, b))                                                   \
  X(I32_SHR_U, uint32_t, interp_i32_shr_u(a, b))                                                   \
  X(I32_ROTL, uint32_t, interp_i32_rotl(a, b))                                                     \
  X(I32_ROTR, uint32_t, interp_i32_rotr(a, b))                                                     \
  X(I64_ADD, uint64_t, a + b)                                                                      \
  X(I64_SUB, uint64_t, a - b)                                                                      \
  X(I64_MUL, uint64_t, a * b)                                                                      \
  X(I64_AND, uint64_t, a & b)                                                                      \
  X(I64_OR, uint64_t, a | b)                                                                       \
  X(I64_XOR, uint64_t, a ^ b)                                                                      \
  X(I64_SHL, uint64_t, interp_i64_shl(a, b))                                                       \
  X(I64_SHR_S, uint64_t, interp_i64_shr_s(a, b))                                                   \
  X(I64_SHR_U, uint64_t, interp_i64_shr_u(a, b))                                                   \
  X(I64_ROTL, uint64_t, interp_i64_rotl(a, b))                                                     \
  X(I64_ROTR, uint64_t, interp_i64_rotr(a, b))                                                     \
  X(F32_EQ, uint32_t, F32(a) == F32(b))                                                            \
  X(F32_NE, uint32_t, F32(a) != F32(b))                                                            \
  X(F32_LT, uint32_t, F32(a) < F32(b))                                                             \
  X(F32_GT, uint32_t, F32(a) > F32(b))                                                             \
  X(F32_LE, uint32_t, F32(a) <= F32(b))                                                            \
  X(F32_GE, uint32_t, F32(a) >= F32(b))                                                            \
  X(F32_ADD, uint32_t, interp_f32_add(a, b))                                                       \
  X(F32_SUB, uint32_t, interp_f32_sub(a, b))                                                       \
  X(F32_MUL, uint32_t, interp_f32_mul(a, b))                                                       \
  X(F32_DIV, uint32_t, interp_f32_div(a, b))                                                       \
  X(F32_MIN, uint32_t, interp_f32_min(a, b))                                                       \
  X(F32_MAX, uint32_t, interp_f32_max(a, b))                                                       \
  X(F32_COPYSIGN, uint32_t, interp_f32_copysign(a, b))                                             \
  X(F64_EQ, uint64_t, F64(a) == F64(b))                                                            \
  X(F64_NE, uint64_t, F64(a) != F64(b))                                                            \
  X(F64_LT, uint64_t, F64(a) < F64(b))                                                             \
  X(F64_GT, uint64_t, F64(a) > F64(b))                                                             \
  X(F64_LE, uint64_t, F64(a) <= F64(b))                                                            \
  X(F64_GE, uint64_t, F64(a) >= F64(b))                                                            \
  X(F64_ADD, uint64_t, interp_f64_add(a, b))                                                       \
  X(F64_SUB, uint64_t, interp_f64_sub(a, b))                                                       \
  X(F64_MUL, uint64_t, interp_f64_mul(a, b))                                                       \
  X(F64_DIV, uint64_t, interp_f64_div(a, b))                                                       \
  X(F64_MIN, uint64_t, interp_f64_min(a, b))                                                       \
  X(F64_MAX, uint64_t, interp_f64_max(a, b))                                                       \
  X(F64_COPYSIGN, uint64_t, interp_f64_copysign(a, b))

/* Binary operations that may trap: X(ID, T, FN) with FN(a, b, &r). */
#define INTERP_DIVOPS(X)                                                                           \
  X(I32_DIV_S, uint32_t, interp_i32_div_s)                                                         \
  X(I32_DIV_U, uint32_t, interp_i32_div_u)                                                         \
  X(I32_REM_S, uint32_t, interp_i32_rem_s)                                                         \
  X(I32_REM_U, uint32_t, interp_i32_rem_u)                                                         \
  X(I64_DIV_S, uint64_t, interp_i64_div_s)                                                         \
  X(I64_DIV_U, uint64_t, interp_i64_div_u)                                                         \
  X(I64_REM_S, uint64_t, interp_i64_rem_s)                                                         \
  X(I64_REM_U, uint64_t, interp_i64_rem_u)

/* Loads X(ID, T, CONV) (T the memory type, CONV of the loaded v) and
 * stores X(ID, T). Each also has a form ID_A whose address is
 * (u32)(fp[x] + c), folding the i32.add of a constant that compilers
 * put before most accesses (it cannot join the offset: the add wraps,
 * the offset does not), and a form ID_K whose address is a constant. */
#define INTERP_LOADS(X)                                                                            \
  X(I32_LOAD, uint32_t, v)                                                                         \
  X(I64_LOAD, uint64_t, v)                                                                         \
  X(F32_LOAD, uint32_t, v)                                                                         \
  X(F64_LOAD, uint64_t, v)                                                                         \
  X(I32_LOAD8_S, uint8_t, interp_i32_extend8_s(v))                                                 \
  X(I32_LOAD8_U, uint8_t, v)                                                                       \
  X(I32_LOAD16_S, uint16_t, interp_i32_extend16_s(v))                                              \
  X(I32_LOAD16_U, uint16_t, v)                                                                     \
  X(I64_LOAD8_S, uint8_t, interp_i64_extend8_s(v))                                                 \
  X(I64_LOAD8_U, uint8_t, v)                                                                       \
  X(I64_LOAD16_S, uint16_t, interp_i64_extend16_s(v))                                              \
  X(I64_LOAD16_U, uint16_t, v)                                                                     \
  X(I64_LOAD32_S, uint32_t, interp_i64_extend32_s(v))                                              \
  X(I64_LOAD32_U, uint32_t, v)
#define INTERP_STORES(X)                                                                           \
  X(I32_STORE, uint32_t)                                                                           \
  X(I64_STORE, uint64_t)                                                                           \
  X(F32_STORE, uint32_t)                                                                           \
  X(F64_STORE, uint64_t)                                                                           \
  X(I32_STORE8, uint8_t)                                                                           \
  X(I32_STORE16, uint16_t)                                                                         \
  X(I64_STORE8, uint8_t)                                                                           \
  X(I64_STORE16, uint16_t)                                                                         \
  X(I64_STORE32, uint32_t)

/* Binary operations whose second operand is loaded, X(ID, T, FN, LOAD,
 * STORE): FN(a, b) on type T, LOAD the load (of type T) it fuses with,
 * STORE the store that makes it read-modify-write. Each has the forms
 * ID_L and ID_M (see the layouts above). */
#define INTERP_LOADOPS(X)                                                                          \
  X(F64_ADD, uint64_t, interp_f64_add, F64_LOAD, F64_STORE)                                        \
  X(F64_SUB, uint64_t, interp_f64_sub, F64_LOAD, F64_STORE)                                        \
  X(F64_MUL, uint64_t, interp_f64_mul, F64_LOAD, F64_STORE)                                        \
  X(F32_ADD, uint32_t, interp_f32_add, F32_LOAD, F32_STORE)                                        \
  X(F32_SUB, uint32_t, interp_f32_sub, F32_LOAD, F32_STORE)                                        \
  X(F32_MUL, uint32_t, interp_f32_mul, F32_LOAD, F32_STORE)                                        \
  X(I32_ADD, uint32_t, INTERP_PLUS, I32_LOAD, I32_STORE)                                           \
  X(I32_SUB, uint32_t, INTERP_MINUS, I32_LOAD, I32_STORE)                                          \
  X(I64_ADD, uint64_t, INTERP_PLUS, I64_LOAD, I64_STORE)                                           \
  X(I64_SUB, uint64_t, INTERP_MINUS, I64_LOAD, I64_STORE)
#define INTERP_PLUS(a, b) ((a) + (b))
#define INTERP_MINUS(a, b) ((a) - (b))

/* An i32 shift or rotate by a constant, combined with the commutative
 * operation that consumes its result: I32_<C>_<S> dst a x k is
 * dst = a C (x S k), generated for every C of INTERP_SHIFT_USERS and S of
 * INTERP_SHIFTS (address arithmetic `p + (i << 3)`, hash and checksum
 * code's `h ^ rotl(x, 7)`). X(E, S, FN) with FN(x, k), E passing the
 * user's name along; the users' operators are in interp.c. */
#define INTERP_SHIFTS(X, E)                                                                        \
  X(E, SHL, interp_i32_shl)                                                                        \
  X(E, SHR_U, interp_i32_shr_u)                                                                    \
  X(E, SHR_S, interp_i32_shr_s)                                                                    \
  X(E, ROTL, interp_i32_rotl)                                                                      \
  X(E, ROTR, interp_i32_rotr)
#define INTERP_SHIFT_USERS(X)                                                                      \
  X(ADD)                                                                                           \
  X(XOR)                                                                                           \
  X(OR)                                                                                            \
  X(AND)

/*
 * The v128 instructions by operand shape (layouts above); the semantics
 * of each is interp_simd_<ID> in simd.h. The memory ones carry their
 * access width W. The translator needs no list: it emits every 0xFD
 * instruction from its row in opcodes.h.
 */
#define INTERP_SIMD_LOAD(X) X(V128_LOAD, 16) INTERP_SIMD_COLD_LOAD(X)
#define INTERP_SIMD_COLD_LOAD(X) \
  X(V128_LOAD8X8_S, 8) X(V128_LOAD8X8_U, 8) X(V128_LOAD16X4_S, 8) \
  X(V128_LOAD16X4_U, 8) X(V128_LOAD32X2_S, 8) X(V128_LOAD32X2_U, 8) X(V128_LOAD8_SPLAT, 1) \
  X(V128_LOAD16_SPLAT, 2) X(V128_LOAD32_SPLAT, 4) X(V128_LOAD64_SPLAT, 8) \
  X(V128_LOAD32_ZERO, 4) X(V128_LOAD64_ZERO, 8)

#define INTERP_SIMD_STORE(X) \
  X(V128_STORE, 16)

#define INTERP_SIMD_SHUFFLE(X) \
  X(I8X16_SHUFFLE)

/* BINARY: the common ones (HOT) have their handlers inline in the
 * dispatch loop, the others call their out-of-line body. */
#define INTERP_SIMD_BINARY(X) INTERP_SIMD_HOT_BINARY(X) INTERP_SIMD_COLD_BINARY(X)
#define INTERP_SIMD_HOT_BINARY(X) \
  X(V128_AND) X(V128_OR) X(V128_XOR) X(I8X16_EQ) X(I8X16_ADD) X(I8X16_SUB) X(I16X8_ADD) \
  X(I16X8_SUB) X(I16X8_MUL) X(I32X4_ADD) X(I32X4_SUB) X(I32X4_MUL) X(I64X2_ADD) X(I64X2_SUB) \
  X(F32X4_ADD) X(F32X4_SUB) X(F32X4_MUL) X(F64X2_ADD) X(F64X2_SUB) X(F64X2_MUL)
#define INTERP_SIMD_COLD_BINARY(X) \
  X(I8X16_SWIZZLE) X(I8X16_NE) X(I8X16_LT_S) X(I8X16_LT_U) X(I8X16_GT_S) X(I8X16_GT_U) \
  X(I8X16_LE_S) X(I8X16_LE_U) X(I8X16_GE_S) X(I8X16_GE_U) X(I16X8_EQ) X(I16X8_NE) X(I16X8_LT_S) \
  X(I16X8_LT_U) X(I16X8_GT_S) X(I16X8_GT_U) X(I16X8_LE_S) X(I16X8_LE_U) X(I16X8_GE_S) \
  X(I16X8_GE_U) X(I32X4_EQ) X(I32X4_NE) X(I32X4_LT_S) X(I32X4_LT_U) X(I32X4_GT_S) X(I32X4_GT_U) \
  X(I32X4_LE_S) X(I32X4_LE_U) X(I32X4_GE_S) X(I32X4_GE_U) X(F32X4_EQ) X(F32X4_NE) X(F32X4_LT) \
  X(F32X4_GT) X(F32X4_LE) X(F32X4_GE) X(F64X2_EQ) X(F64X2_NE) X(F64X2_LT) X(F64X2_GT) \
  X(F64X2_LE) X(F64X2_GE) X(V128_ANDNOT) X(I8X16_NARROW_I16X8_S) X(I8X16_NARROW_I16X8_U) \
  X(I8X16_ADD_SAT_S) X(I8X16_ADD_SAT_U) X(I8X16_SUB_SAT_S) X(I8X16_SUB_SAT_U) X(I8X16_MIN_S) \
  X(I8X16_MIN_U) X(I8X16_MAX_S) X(I8X16_MAX_U) X(I8X16_AVGR_U) X(I16X8_Q15MULR_SAT_S) \
  X(I16X8_NARROW_I32X4_S) X(I16X8_NARROW_I32X4_U) X(I16X8_ADD_SAT_S) X(I16X8_ADD_SAT_U) \
  X(I16X8_SUB_SAT_S) X(I16X8_SUB_SAT_U) X(I16X8_MIN_S) X(I16X8_MIN_U) X(I16X8_MAX_S) \
  X(I16X8_MAX_U) X(I16X8_AVGR_U) X(I16X8_EXTMUL_LOW_I8X16_S) X(I16X8_EXTMUL_HIGH_I8X16_S) \
  X(I16X8_EXTMUL_LOW_I8X16_U) X(I16X8_EXTMUL_HIGH_I8X16_U) X(I32X4_MIN_S) X(I32X4_MIN_U) \
  X(I32X4_MAX_S) X(I32X4_MAX_U) X(I32X4_DOT_I16X8_S) X(I32X4_EXTMUL_LOW_I16X8_S) \
  X(I32X4_EXTMUL_HIGH_I16X8_S) X(I32X4_EXTMUL_LOW_I16X8_U) X(I32X4_EXTMUL_HIGH_I16X8_U) \
  X(I64X2_MUL) X(I64X2_EQ) X(I64X2_NE) X(I64X2_LT_S) X(I64X2_GT_S) X(I64X2_LE_S) X(I64X2_GE_S) \
  X(I64X2_EXTMUL_LOW_I32X4_S) X(I64X2_EXTMUL_HIGH_I32X4_S) X(I64X2_EXTMUL_LOW_I32X4_U) \
  X(I64X2_EXTMUL_HIGH_I32X4_U) X(F32X4_DIV) X(F32X4_MIN) X(F32X4_MAX) X(F32X4_PMIN) \
  X(F32X4_PMAX) X(F64X2_DIV) X(F64X2_MIN) X(F64X2_MAX) X(F64X2_PMIN) X(F64X2_PMAX) \
  X(I8X16_RELAXED_SWIZZLE) X(F32X4_RELAXED_MIN) X(F32X4_RELAXED_MAX) X(F64X2_RELAXED_MIN) \
  X(F64X2_RELAXED_MAX) X(I16X8_RELAXED_Q15MULR_S) X(I16X8_RELAXED_DOT_I8X16_I7X16_S)

#define INTERP_SIMD_SPLAT(X) \
  X(I8X16_SPLAT) X(I16X8_SPLAT) X(I32X4_SPLAT) X(I64X2_SPLAT) X(F32X4_SPLAT) X(F64X2_SPLAT)

#define INTERP_SIMD_EXTRACT(X) \
  X(I8X16_EXTRACT_LANE_S) X(I8X16_EXTRACT_LANE_U) X(I16X8_EXTRACT_LANE_S) \
  X(I16X8_EXTRACT_LANE_U) X(I32X4_EXTRACT_LANE) X(I64X2_EXTRACT_LANE) X(F32X4_EXTRACT_LANE) \
  X(F64X2_EXTRACT_LANE)

#define INTERP_SIMD_REPLACE(X) \
  X(I8X16_REPLACE_LANE) X(I16X8_REPLACE_LANE) X(I32X4_REPLACE_LANE) X(I64X2_REPLACE_LANE) \
  X(F32X4_REPLACE_LANE) X(F64X2_REPLACE_LANE)

#define INTERP_SIMD_UNARY(X) \
  X(V128_NOT) X(F32X4_DEMOTE_F64X2_ZERO) X(F64X2_PROMOTE_LOW_F32X4) X(I8X16_ABS) X(I8X16_NEG) \
  X(I8X16_POPCNT) X(F32X4_CEIL) X(F32X4_FLOOR) X(F32X4_TRUNC) X(F32X4_NEAREST) X(F64X2_CEIL) \
  X(F64X2_FLOOR) X(F64X2_TRUNC) X(I16X8_EXTADD_PAIRWISE_I8X16_S) \
  X(I16X8_EXTADD_PAIRWISE_I8X16_U) X(I32X4_EXTADD_PAIRWISE_I16X8_S) \
  X(I32X4_EXTADD_PAIRWISE_I16X8_U) X(I16X8_ABS) X(I16X8_NEG) X(I16X8_EXTEND_LOW_I8X16_S) \
  X(I16X8_EXTEND_HIGH_I8X16_S) X(I16X8_EXTEND_LOW_I8X16_U) X(I16X8_EXTEND_HIGH_I8X16_U) \
  X(F64X2_NEAREST) X(I32X4_ABS) X(I32X4_NEG) X(I32X4_EXTEND_LOW_I16X8_S) \
  X(I32X4_EXTEND_HIGH_I16X8_S) X(I32X4_EXTEND_LOW_I16X8_U) X(I32X4_EXTEND_HIGH_I16X8_U) \
  X(I64X2_ABS) X(I64X2_NEG) X(I64X2_EXTEND_LOW_I32X4_S) X(I64X2_EXTEND_HIGH_I32X4_S) \
  X(I64X2_EXTEND_LOW_I32X4_U) X(I64X2_EXTEND_HIGH_I32X4_U) X(F32X4_ABS) X(F32X4_NEG) \
  X(F32X4_SQRT) X(F64X2_ABS) X(F64X2_NEG) X(F64X2_SQRT) X(I32X4_TRUNC_SAT_F32X4_S) \
  X(I32X4_TRUNC_SAT_F32X4_U) X(F32X4_CONVERT_I32X4_S) X(F32X4_CONVERT_I32X4_U) \
  X(I32X4_TRUNC_SAT_F64X2_S_ZERO) X(I32X4_TRUNC_SAT_F64X2_U_ZERO) X(F64X2_CONVERT_LOW_I32X4_S) \
  X(F64X2_CONVERT_LOW_I32X4_U) X(I32X4_RELAXED_TRUNC_F32X4_S) X(I32X4_RELAXED_TRUNC_F32X4_U) \
  X(I32X4_RELAXED_TRUNC_F64X2_S_ZERO) X(I32X4_RELAXED_TRUNC_F64X2_U_ZERO)

#define INTERP_SIMD_TERNARY(X) \
  X(V128_BITSELECT) X(F32X4_RELAXED_MADD) X(F32X4_RELAXED_NMADD) X(F64X2_RELAXED_MADD) \
  X(F64X2_RELAXED_NMADD) X(I8X16_RELAXED_LANESELECT) X(I16X8_RELAXED_LANESELECT) \
  X(I32X4_RELAXED_LANESELECT) X(I64X2_RELAXED_LANESELECT) \
  X(I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S)

#define INTERP_SIMD_TEST(X) \
  X(V128_ANY_TRUE) X(I8X16_ALL_TRUE) X(I8X16_BITMASK) X(I16X8_ALL_TRUE) X(I16X8_BITMASK) \
  X(I32X4_ALL_TRUE) X(I32X4_BITMASK) X(I64X2_ALL_TRUE) X(I64X2_BITMASK)

#define INTERP_SIMD_LOAD_LANE(X) \
  X(V128_LOAD8_LANE, 1) X(V128_LOAD16_LANE, 2) X(V128_LOAD32_LANE, 4) X(V128_LOAD64_LANE, 8)

#define INTERP_SIMD_STORE_LANE(X) \
  X(V128_STORE8_LANE, 1) X(V128_STORE16_LANE, 2) X(V128_STORE32_LANE, 4) \
  X(V128_STORE64_LANE, 8)

#define INTERP_SIMD_SHIFT(X) \
  X(I8X16_SHL) X(I8X16_SHR_S) X(I8X16_SHR_U) X(I16X8_SHL) X(I16X8_SHR_S) X(I16X8_SHR_U) \
  X(I32X4_SHL) X(I32X4_SHR_S) X(I32X4_SHR_U) X(I64X2_SHL) X(I64X2_SHR_S) X(I64X2_SHR_U)

/* Internal operations beyond the instruction set. */
#define INTERP_EXTRA_OPS(X)                                                                        \
  X(BR_UNWIND)                                                                                     \
  X(BR_IF_UNWIND)                                                                                  \
  X(COPY)                                                                                          \
  X(F32_MULADD)                                                                                    \
  X(F32_ADDMUL)                                                                                    \
  X(F32_MULSUB)                                                                                    \
  X(F32_SUBMUL)                                                                                    \
  X(F64_MULADD)                                                                                    \
  X(F64_ADDMUL)                                                                                    \
  X(F64_MULSUB)                                                                                    \
  X(F64_SUBMUL)                                                                                    \
  X(I32_ADD2_I)                                                                                    \
  X(COPY2)                                                                                         \
  X(BR_IF_AND_I)                                                                                   \
  X(IF_AND_I)                                                                                      \
  X(BR_TABLE_L8)                                                                                   \
  X(BR_TABLE_L16)                                                                                  \
  X(BR_TABLE_L32)                                                                                  \
  X(BR_TABLE_L64)                                                                                  \
  X(CHECK)                                                                                         \
  X(CHECK_INTERRUPT)                                                                               \
  X(SELECT_V128)                                                                                   \
  X(GLOBAL_GET_V128)                                                                               \
  X(GLOBAL_SET_V128)

/* Every operation, generated: INTERP_ALL_OPS expands INTERP_EACH(name)
 * for each (define INTERP_EACH first), in enum order. The enum, the
 * dispatch tables and the name of every handler come from it. */
#define INTERP_EACH_OPCODE_(id, ...) INTERP_EACH(id)
#define INTERP_EACH_BIN_(id, ...) INTERP_EACH(id##_I)
#define INTERP_EACH_CMP_(id, ...) INTERP_EACH(id##_I) INTERP_EACH(BRC_##id) INTERP_EACH(BRC_##id##_I)
#define INTERP_EACH_LOOP_(id, ...)                                                                 \
  INTERP_EACH(BRA_##id) INTERP_EACH(BRA_##id##_I) INTERP_EACH(BRAI_##id) INTERP_EACH(BRAI_##id##_I)
#define INTERP_EACH_MEM_(id, ...) INTERP_EACH(id##_A) INTERP_EACH(id##_K) INTERP_EACH(id##_X)
#define INTERP_EACH_STORE_(id, ...)                                                                \
  INTERP_EACH(id##_A) INTERP_EACH(id##_K) INTERP_EACH(id##_X) INTERP_EACH(id##_V)
#define INTERP_EACH_LOADOP_(id, ...) INTERP_EACH(id##_L) INTERP_EACH(id##_M)
#define INTERP_EACH_SHIFTED_(c, s, fn) INTERP_EACH(I32_##c##_##s)
#define INTERP_EACH_SHIFT_USER_(c) INTERP_SHIFTS(INTERP_EACH_SHIFTED_, c)
#define INTERP_ALL_OPS                                                                             \
  CW_OPCODES(INTERP_EACH_OPCODE_)                                                                  \
  INTERP_EXTRA_OPS(INTERP_EACH)                                                                    \
  INTERP_BINOPS(INTERP_EACH_BIN_)                                                                  \
  INTERP_DIVOPS(INTERP_EACH_BIN_)                                                                  \
  INTERP_ICMPS(INTERP_EACH_CMP_)                                                                   \
  INTERP_ICMPS32(INTERP_EACH_LOOP_)                                                                \
  INTERP_LOADS(INTERP_EACH_MEM_)                                                                   \
  INTERP_STORES(INTERP_EACH_STORE_)                                                                \
  INTERP_LOADOPS(INTERP_EACH_LOADOP_)                                                              \
  INTERP_SHIFT_USERS(INTERP_EACH_SHIFT_USER_)

typedef enum interp_op {
#define INTERP_EACH(id) IOP_##id,
  INTERP_ALL_OPS
#undef INTERP_EACH
      IOP__COUNT
} interp_op;

/* The translator emits cw_opcode numbers as they are. */
_Static_assert((int)IOP_BR_UNWIND == (int)CW_OP__COUNT, "interp_op extends cw_opcode");
_Static_assert((int)IOP_I32_ADD == (int)CW_OP_I32_ADD, "interp_op matches cw_opcode");

/*
 * The word that stands for each operation in the code: under computed-goto
 * dispatch, the handler's address as an offset from the first handler
 * (direct threading: no table lookup per instruction); with a switch, the
 * operation number. The translator writes these (interp.c owns them).
 */
const int32_t *interp_op_words(void);

/* A trap site: the operation at code word `code` is the wasm instruction
 * at byte `wasm` of the module (an absolute offset, as wasm-objdump shows). */
typedef struct interp_site {
  uint32_t code, wasm;
} interp_site;

struct interp_code {
  uint32_t *code;
  size_t len; /* words */
  /* Every operation that can trap (loads, stores, div/rem, trapping
   * truncations, calls, table and bulk operations, unreachable), sorted by
   * code position: the one trap path looks the wasm offset up here. */
  interp_site *sites;
  uint32_t nsites;
  uint32_t param_slots;
  uint32_t local_slots; /* params and declared locals */
  /* Slots zeroed on entry: the declared locals that some local.get may
   * read before any local.set (definite assignment, at translation); an
   * empty range when every read follows an assignment. */
  uint32_t zero_lo, zero_hi;
  uint32_t result_slots;
  uint32_t frame_slots; /* locals plus the deepest operand stack: checked on entry */
};

#endif /* CW_INTERP_CODE_H */
