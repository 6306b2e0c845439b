/*
 * opcodes.h — the instruction set, once.
 *
 * CW_OPCODES(OP) expands OP(ID, "name", PREFIX, CODE, IMM, P1, P2, P3, R, WIDTH)
 * for every instruction of Wasm 2.0 without SIMD, plus 3.0's tail calls:
 *   ID      suffix of the enum constant CW_OP_ID
 *   PREFIX  0 for one-byte opcodes, 0xFC for the prefixed ones (CODE is then
 *           the LEB128 u32 that follows the prefix)
 *   IMM     immediate kind, CW_IMM_##IMM
 *   P1..P3  operand types popped (P1 deepest), R the result pushed: I32, I64,
 *           F32, F64, V128, NONE, or ANY where the validator has a rule of
 *           its own for the instruction (control, variable, reference,
 *           parametric and table instructions)
 *   WIDTH   bytes accessed by a load/store (the natural alignment bound),
 *           0 for others
 * Consumers define OP, expand CW_OPCODES(OP) and undefine it: the enum,
 * the name table, the validator's simple-typing table and the translator all
 * come from this list. Adding an instruction is one line here plus its
 * semantics in the interpreter.
 */
#ifndef CW_OPCODES_H
#define CW_OPCODES_H

#include <stdbool.h>
#include <stdint.h>

typedef enum cw_imm {
  CW_IMM_NONE,
  CW_IMM_BLOCKTYPE,  /* s33: empty (0x40), a valtype, or a type index */
  CW_IMM_LABEL,      /* u32 label depth */
  CW_IMM_BR_TABLE,   /* vec(u32) then u32 default */
  CW_IMM_FUNC,       /* u32 function index */
  CW_IMM_CALL_INDIRECT, /* u32 type index, u32 table index */
  CW_IMM_LOCAL,      /* u32 */
  CW_IMM_GLOBAL,     /* u32 */
  CW_IMM_TABLE,      /* u32 */
  CW_IMM_MEMARG,     /* u32 align (log2), u32 offset */
  CW_IMM_MEMIDX,     /* one byte, must be 0x00 (memory.size/grow) */
  CW_IMM_I32,        /* s32 */
  CW_IMM_I64,        /* s64 */
  CW_IMM_F32,        /* 4 bytes */
  CW_IMM_F64,        /* 8 bytes */
  CW_IMM_SELECT_T,   /* vec(valtype), length must be 1 */
  CW_IMM_REFTYPE,    /* one reftype byte */
  CW_IMM_DATA_MEM,   /* u32 data index, 0x00 memory (memory.init) */
  CW_IMM_DATA,       /* u32 data index (data.drop) */
  CW_IMM_MEM_MEM,    /* 0x00 0x00 (memory.copy) */
  CW_IMM_ELEM_TABLE, /* u32 elem index, u32 table index (table.init) */
  CW_IMM_ELEM,       /* u32 elem index (elem.drop) */
  CW_IMM_TABLE_TABLE,/* u32 dst table, u32 src table (table.copy) */
} cw_imm;

#define CW_OPCODES(OP) \
  /* control */ \
  OP(UNREACHABLE,   "unreachable",   0, 0x00, NONE, NONE, NONE, NONE, NONE, 0) \
  OP(NOP,           "nop",           0, 0x01, NONE, NONE, NONE, NONE, NONE, 0) \
  OP(BLOCK,         "block",         0, 0x02, BLOCKTYPE, ANY, ANY, ANY, ANY, 0) \
  OP(LOOP,          "loop",          0, 0x03, BLOCKTYPE, ANY, ANY, ANY, ANY, 0) \
  OP(IF,            "if",            0, 0x04, BLOCKTYPE, ANY, ANY, ANY, ANY, 0) \
  OP(ELSE,          "else",          0, 0x05, NONE, ANY, ANY, ANY, ANY, 0) \
  OP(END,           "end",           0, 0x0B, NONE, ANY, ANY, ANY, ANY, 0) \
  OP(BR,            "br",            0, 0x0C, LABEL, ANY, ANY, ANY, ANY, 0) \
  OP(BR_IF,         "br_if",         0, 0x0D, LABEL, ANY, ANY, ANY, ANY, 0) \
  OP(BR_TABLE,      "br_table",      0, 0x0E, BR_TABLE, ANY, ANY, ANY, ANY, 0) \
  OP(RETURN,        "return",        0, 0x0F, NONE, ANY, ANY, ANY, ANY, 0) \
  OP(CALL,          "call",          0, 0x10, FUNC, ANY, ANY, ANY, ANY, 0) \
  OP(CALL_INDIRECT, "call_indirect", 0, 0x11, CALL_INDIRECT, ANY, ANY, ANY, ANY, 0) \
  OP(RETURN_CALL,   "return_call",   0, 0x12, FUNC, ANY, ANY, ANY, ANY, 0) \
  OP(RETURN_CALL_INDIRECT, "return_call_indirect", 0, 0x13, CALL_INDIRECT, ANY, ANY, ANY, ANY, 0) \
  /* parametric */ \
  OP(DROP,          "drop",          0, 0x1A, NONE, ANY, ANY, ANY, ANY, 0) \
  OP(SELECT,        "select",        0, 0x1B, NONE, ANY, ANY, ANY, ANY, 0) \
  OP(SELECT_T,      "select",        0, 0x1C, SELECT_T, ANY, ANY, ANY, ANY, 0) \
  /* variable */ \
  OP(LOCAL_GET,     "local.get",     0, 0x20, LOCAL, ANY, ANY, ANY, ANY, 0) \
  OP(LOCAL_SET,     "local.set",     0, 0x21, LOCAL, ANY, ANY, ANY, ANY, 0) \
  OP(LOCAL_TEE,     "local.tee",     0, 0x22, LOCAL, ANY, ANY, ANY, ANY, 0) \
  OP(GLOBAL_GET,    "global.get",    0, 0x23, GLOBAL, ANY, ANY, ANY, ANY, 0) \
  OP(GLOBAL_SET,    "global.set",    0, 0x24, GLOBAL, ANY, ANY, ANY, ANY, 0) \
  /* table */ \
  OP(TABLE_GET,     "table.get",     0, 0x25, TABLE, ANY, ANY, ANY, ANY, 0) \
  OP(TABLE_SET,     "table.set",     0, 0x26, TABLE, ANY, ANY, ANY, ANY, 0) \
  /* memory */ \
  OP(I32_LOAD,      "i32.load",      0, 0x28, MEMARG, I32, NONE, NONE, I32, 4) \
  OP(I64_LOAD,      "i64.load",      0, 0x29, MEMARG, I32, NONE, NONE, I64, 8) \
  OP(F32_LOAD,      "f32.load",      0, 0x2A, MEMARG, I32, NONE, NONE, F32, 4) \
  OP(F64_LOAD,      "f64.load",      0, 0x2B, MEMARG, I32, NONE, NONE, F64, 8) \
  OP(I32_LOAD8_S,   "i32.load8_s",   0, 0x2C, MEMARG, I32, NONE, NONE, I32, 1) \
  OP(I32_LOAD8_U,   "i32.load8_u",   0, 0x2D, MEMARG, I32, NONE, NONE, I32, 1) \
  OP(I32_LOAD16_S,  "i32.load16_s",  0, 0x2E, MEMARG, I32, NONE, NONE, I32, 2) \
  OP(I32_LOAD16_U,  "i32.load16_u",  0, 0x2F, MEMARG, I32, NONE, NONE, I32, 2) \
  OP(I64_LOAD8_S,   "i64.load8_s",   0, 0x30, MEMARG, I32, NONE, NONE, I64, 1) \
  OP(I64_LOAD8_U,   "i64.load8_u",   0, 0x31, MEMARG, I32, NONE, NONE, I64, 1) \
  OP(I64_LOAD16_S,  "i64.load16_s",  0, 0x32, MEMARG, I32, NONE, NONE, I64, 2) \
  OP(I64_LOAD16_U,  "i64.load16_u",  0, 0x33, MEMARG, I32, NONE, NONE, I64, 2) \
  OP(I64_LOAD32_S,  "i64.load32_s",  0, 0x34, MEMARG, I32, NONE, NONE, I64, 4) \
  OP(I64_LOAD32_U,  "i64.load32_u",  0, 0x35, MEMARG, I32, NONE, NONE, I64, 4) \
  OP(I32_STORE,     "i32.store",     0, 0x36, MEMARG, I32, I32, NONE, NONE, 4) \
  OP(I64_STORE,     "i64.store",     0, 0x37, MEMARG, I32, I64, NONE, NONE, 8) \
  OP(F32_STORE,     "f32.store",     0, 0x38, MEMARG, I32, F32, NONE, NONE, 4) \
  OP(F64_STORE,     "f64.store",     0, 0x39, MEMARG, I32, F64, NONE, NONE, 8) \
  OP(I32_STORE8,    "i32.store8",    0, 0x3A, MEMARG, I32, I32, NONE, NONE, 1) \
  OP(I32_STORE16,   "i32.store16",   0, 0x3B, MEMARG, I32, I32, NONE, NONE, 2) \
  OP(I64_STORE8,    "i64.store8",    0, 0x3C, MEMARG, I32, I64, NONE, NONE, 1) \
  OP(I64_STORE16,   "i64.store16",   0, 0x3D, MEMARG, I32, I64, NONE, NONE, 2) \
  OP(I64_STORE32,   "i64.store32",   0, 0x3E, MEMARG, I32, I64, NONE, NONE, 4) \
  OP(MEMORY_SIZE,   "memory.size",   0, 0x3F, MEMIDX, NONE, NONE, NONE, I32, 0) \
  OP(MEMORY_GROW,   "memory.grow",   0, 0x40, MEMIDX, I32, NONE, NONE, I32, 0) \
  /* constants */ \
  OP(I32_CONST,     "i32.const",     0, 0x41, I32, NONE, NONE, NONE, I32, 0) \
  OP(I64_CONST,     "i64.const",     0, 0x42, I64, NONE, NONE, NONE, I64, 0) \
  OP(F32_CONST,     "f32.const",     0, 0x43, F32, NONE, NONE, NONE, F32, 0) \
  OP(F64_CONST,     "f64.const",     0, 0x44, F64, NONE, NONE, NONE, F64, 0) \
  /* i32 comparisons */ \
  OP(I32_EQZ,       "i32.eqz",       0, 0x45, NONE, I32, NONE, NONE, I32, 0) \
  OP(I32_EQ,        "i32.eq",        0, 0x46, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_NE,        "i32.ne",        0, 0x47, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_LT_S,      "i32.lt_s",      0, 0x48, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_LT_U,      "i32.lt_u",      0, 0x49, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_GT_S,      "i32.gt_s",      0, 0x4A, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_GT_U,      "i32.gt_u",      0, 0x4B, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_LE_S,      "i32.le_s",      0, 0x4C, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_LE_U,      "i32.le_u",      0, 0x4D, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_GE_S,      "i32.ge_s",      0, 0x4E, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_GE_U,      "i32.ge_u",      0, 0x4F, NONE, I32, I32, NONE, I32, 0) \
  /* i64 comparisons */ \
  OP(I64_EQZ,       "i64.eqz",       0, 0x50, NONE, I64, NONE, NONE, I32, 0) \
  OP(I64_EQ,        "i64.eq",        0, 0x51, NONE, I64, I64, NONE, I32, 0) \
  OP(I64_NE,        "i64.ne",        0, 0x52, NONE, I64, I64, NONE, I32, 0) \
  OP(I64_LT_S,      "i64.lt_s",      0, 0x53, NONE, I64, I64, NONE, I32, 0) \
  OP(I64_LT_U,      "i64.lt_u",      0, 0x54, NONE, I64, I64, NONE, I32, 0) \
  OP(I64_GT_S,      "i64.gt_s",      0, 0x55, NONE, I64, I64, NONE, I32, 0) \
  OP(I64_GT_U,      "i64.gt_u",      0, 0x56, NONE, I64, I64, NONE, I32, 0) \
  OP(I64_LE_S,      "i64.le_s",      0, 0x57, NONE, I64, I64, NONE, I32, 0) \
  OP(I64_LE_U,      "i64.le_u",      0, 0x58, NONE, I64, I64, NONE, I32, 0) \
  OP(I64_GE_S,      "i64.ge_s",      0, 0x59, NONE, I64, I64, NONE, I32, 0) \
  OP(I64_GE_U,      "i64.ge_u",      0, 0x5A, NONE, I64, I64, NONE, I32, 0) \
  /* float comparisons */ \
  OP(F32_EQ,        "f32.eq",        0, 0x5B, NONE, F32, F32, NONE, I32, 0) \
  OP(F32_NE,        "f32.ne",        0, 0x5C, NONE, F32, F32, NONE, I32, 0) \
  OP(F32_LT,        "f32.lt",        0, 0x5D, NONE, F32, F32, NONE, I32, 0) \
  OP(F32_GT,        "f32.gt",        0, 0x5E, NONE, F32, F32, NONE, I32, 0) \
  OP(F32_LE,        "f32.le",        0, 0x5F, NONE, F32, F32, NONE, I32, 0) \
  OP(F32_GE,        "f32.ge",        0, 0x60, NONE, F32, F32, NONE, I32, 0) \
  OP(F64_EQ,        "f64.eq",        0, 0x61, NONE, F64, F64, NONE, I32, 0) \
  OP(F64_NE,        "f64.ne",        0, 0x62, NONE, F64, F64, NONE, I32, 0) \
  OP(F64_LT,        "f64.lt",        0, 0x63, NONE, F64, F64, NONE, I32, 0) \
  OP(F64_GT,        "f64.gt",        0, 0x64, NONE, F64, F64, NONE, I32, 0) \
  OP(F64_LE,        "f64.le",        0, 0x65, NONE, F64, F64, NONE, I32, 0) \
  OP(F64_GE,        "f64.ge",        0, 0x66, NONE, F64, F64, NONE, I32, 0) \
  /* i32 arithmetic */ \
  OP(I32_CLZ,       "i32.clz",       0, 0x67, NONE, I32, NONE, NONE, I32, 0) \
  OP(I32_CTZ,       "i32.ctz",       0, 0x68, NONE, I32, NONE, NONE, I32, 0) \
  OP(I32_POPCNT,    "i32.popcnt",    0, 0x69, NONE, I32, NONE, NONE, I32, 0) \
  OP(I32_ADD,       "i32.add",       0, 0x6A, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_SUB,       "i32.sub",       0, 0x6B, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_MUL,       "i32.mul",       0, 0x6C, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_DIV_S,     "i32.div_s",     0, 0x6D, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_DIV_U,     "i32.div_u",     0, 0x6E, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_REM_S,     "i32.rem_s",     0, 0x6F, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_REM_U,     "i32.rem_u",     0, 0x70, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_AND,       "i32.and",       0, 0x71, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_OR,        "i32.or",        0, 0x72, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_XOR,       "i32.xor",       0, 0x73, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_SHL,       "i32.shl",       0, 0x74, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_SHR_S,     "i32.shr_s",     0, 0x75, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_SHR_U,     "i32.shr_u",     0, 0x76, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_ROTL,      "i32.rotl",      0, 0x77, NONE, I32, I32, NONE, I32, 0) \
  OP(I32_ROTR,      "i32.rotr",      0, 0x78, NONE, I32, I32, NONE, I32, 0) \
  /* i64 arithmetic */ \
  OP(I64_CLZ,       "i64.clz",       0, 0x79, NONE, I64, NONE, NONE, I64, 0) \
  OP(I64_CTZ,       "i64.ctz",       0, 0x7A, NONE, I64, NONE, NONE, I64, 0) \
  OP(I64_POPCNT,    "i64.popcnt",    0, 0x7B, NONE, I64, NONE, NONE, I64, 0) \
  OP(I64_ADD,       "i64.add",       0, 0x7C, NONE, I64, I64, NONE, I64, 0) \
  OP(I64_SUB,       "i64.sub",       0, 0x7D, NONE, I64, I64, NONE, I64, 0) \
  OP(I64_MUL,       "i64.mul",       0, 0x7E, NONE, I64, I64, NONE, I64, 0) \
  OP(I64_DIV_S,     "i64.div_s",     0, 0x7F, NONE, I64, I64, NONE, I64, 0) \
  OP(I64_DIV_U,     "i64.div_u",     0, 0x80, NONE, I64, I64, NONE, I64, 0) \
  OP(I64_REM_S,     "i64.rem_s",     0, 0x81, NONE, I64, I64, NONE, I64, 0) \
  OP(I64_REM_U,     "i64.rem_u",     0, 0x82, NONE, I64, I64, NONE, I64, 0) \
  OP(I64_AND,       "i64.and",       0, 0x83, NONE, I64, I64, NONE, I64, 0) \
  OP(I64_OR,        "i64.or",        0, 0x84, NONE, I64, I64, NONE, I64, 0) \
  OP(I64_XOR,       "i64.xor",       0, 0x85, NONE, I64, I64, NONE, I64, 0) \
  OP(I64_SHL,       "i64.shl",       0, 0x86, NONE, I64, I64, NONE, I64, 0) \
  OP(I64_SHR_S,     "i64.shr_s",     0, 0x87, NONE, I64, I64, NONE, I64, 0) \
  OP(I64_SHR_U,     "i64.shr_u",     0, 0x88, NONE, I64, I64, NONE, I64, 0) \
  OP(I64_ROTL,      "i64.rotl",      0, 0x89, NONE, I64, I64, NONE, I64, 0) \
  OP(I64_ROTR,      "i64.rotr",      0, 0x8A, NONE, I64, I64, NONE, I64, 0) \
  /* f32 arithmetic */ \
  OP(F32_ABS,       "f32.abs",       0, 0x8B, NONE, F32, NONE, NONE, F32, 0) \
  OP(F32_NEG,       "f32.neg",       0, 0x8C, NONE, F32, NONE, NONE, F32, 0) \
  OP(F32_CEIL,      "f32.ceil",      0, 0x8D, NONE, F32, NONE, NONE, F32, 0) \
  OP(F32_FLOOR,     "f32.floor",     0, 0x8E, NONE, F32, NONE, NONE, F32, 0) \
  OP(F32_TRUNC,     "f32.trunc",     0, 0x8F, NONE, F32, NONE, NONE, F32, 0) \
  OP(F32_NEAREST,   "f32.nearest",   0, 0x90, NONE, F32, NONE, NONE, F32, 0) \
  OP(F32_SQRT,      "f32.sqrt",      0, 0x91, NONE, F32, NONE, NONE, F32, 0) \
  OP(F32_ADD,       "f32.add",       0, 0x92, NONE, F32, F32, NONE, F32, 0) \
  OP(F32_SUB,       "f32.sub",       0, 0x93, NONE, F32, F32, NONE, F32, 0) \
  OP(F32_MUL,       "f32.mul",       0, 0x94, NONE, F32, F32, NONE, F32, 0) \
  OP(F32_DIV,       "f32.div",       0, 0x95, NONE, F32, F32, NONE, F32, 0) \
  OP(F32_MIN,       "f32.min",       0, 0x96, NONE, F32, F32, NONE, F32, 0) \
  OP(F32_MAX,       "f32.max",       0, 0x97, NONE, F32, F32, NONE, F32, 0) \
  OP(F32_COPYSIGN,  "f32.copysign",  0, 0x98, NONE, F32, F32, NONE, F32, 0) \
  /* f64 arithmetic */ \
  OP(F64_ABS,       "f64.abs",       0, 0x99, NONE, F64, NONE, NONE, F64, 0) \
  OP(F64_NEG,       "f64.neg",       0, 0x9A, NONE, F64, NONE, NONE, F64, 0) \
  OP(F64_CEIL,      "f64.ceil",      0, 0x9B, NONE, F64, NONE, NONE, F64, 0) \
  OP(F64_FLOOR,     "f64.floor",     0, 0x9C, NONE, F64, NONE, NONE, F64, 0) \
  OP(F64_TRUNC,     "f64.trunc",     0, 0x9D, NONE, F64, NONE, NONE, F64, 0) \
  OP(F64_NEAREST,   "f64.nearest",   0, 0x9E, NONE, F64, NONE, NONE, F64, 0) \
  OP(F64_SQRT,      "f64.sqrt",      0, 0x9F, NONE, F64, NONE, NONE, F64, 0) \
  OP(F64_ADD,       "f64.add",       0, 0xA0, NONE, F64, F64, NONE, F64, 0) \
  OP(F64_SUB,       "f64.sub",       0, 0xA1, NONE, F64, F64, NONE, F64, 0) \
  OP(F64_MUL,       "f64.mul",       0, 0xA2, NONE, F64, F64, NONE, F64, 0) \
  OP(F64_DIV,       "f64.div",       0, 0xA3, NONE, F64, F64, NONE, F64, 0) \
  OP(F64_MIN,       "f64.min",       0, 0xA4, NONE, F64, F64, NONE, F64, 0) \
  OP(F64_MAX,       "f64.max",       0, 0xA5, NONE, F64, F64, NONE, F64, 0) \
  OP(F64_COPYSIGN,  "f64.copysign",  0, 0xA6, NONE, F64, F64, NONE, F64, 0) \
  /* conversions */ \
  OP(I32_WRAP_I64,        "i32.wrap_i64",        0, 0xA7, NONE, I64, NONE, NONE, I32, 0) \
  OP(I32_TRUNC_F32_S,     "i32.trunc_f32_s",     0, 0xA8, NONE, F32, NONE, NONE, I32, 0) \
  OP(I32_TRUNC_F32_U,     "i32.trunc_f32_u",     0, 0xA9, NONE, F32, NONE, NONE, I32, 0) \
  OP(I32_TRUNC_F64_S,     "i32.trunc_f64_s",     0, 0xAA, NONE, F64, NONE, NONE, I32, 0) \
  OP(I32_TRUNC_F64_U,     "i32.trunc_f64_u",     0, 0xAB, NONE, F64, NONE, NONE, I32, 0) \
  OP(I64_EXTEND_I32_S,    "i64.extend_i32_s",    0, 0xAC, NONE, I32, NONE, NONE, I64, 0) \
  OP(I64_EXTEND_I32_U,    "i64.extend_i32_u",    0, 0xAD, NONE, I32, NONE, NONE, I64, 0) \
  OP(I64_TRUNC_F32_S,     "i64.trunc_f32_s",     0, 0xAE, NONE, F32, NONE, NONE, I64, 0) \
  OP(I64_TRUNC_F32_U,     "i64.trunc_f32_u",     0, 0xAF, NONE, F32, NONE, NONE, I64, 0) \
  OP(I64_TRUNC_F64_S,     "i64.trunc_f64_s",     0, 0xB0, NONE, F64, NONE, NONE, I64, 0) \
  OP(I64_TRUNC_F64_U,     "i64.trunc_f64_u",     0, 0xB1, NONE, F64, NONE, NONE, I64, 0) \
  OP(F32_CONVERT_I32_S,   "f32.convert_i32_s",   0, 0xB2, NONE, I32, NONE, NONE, F32, 0) \
  OP(F32_CONVERT_I32_U,   "f32.convert_i32_u",   0, 0xB3, NONE, I32, NONE, NONE, F32, 0) \
  OP(F32_CONVERT_I64_S,   "f32.convert_i64_s",   0, 0xB4, NONE, I64, NONE, NONE, F32, 0) \
  OP(F32_CONVERT_I64_U,   "f32.convert_i64_u",   0, 0xB5, NONE, I64, NONE, NONE, F32, 0) \
  OP(F32_DEMOTE_F64,      "f32.demote_f64",      0, 0xB6, NONE, F64, NONE, NONE, F32, 0) \
  OP(F64_CONVERT_I32_S,   "f64.convert_i32_s",   0, 0xB7, NONE, I32, NONE, NONE, F64, 0) \
  OP(F64_CONVERT_I32_U,   "f64.convert_i32_u",   0, 0xB8, NONE, I32, NONE, NONE, F64, 0) \
  OP(F64_CONVERT_I64_S,   "f64.convert_i64_s",   0, 0xB9, NONE, I64, NONE, NONE, F64, 0) \
  OP(F64_CONVERT_I64_U,   "f64.convert_i64_u",   0, 0xBA, NONE, I64, NONE, NONE, F64, 0) \
  OP(F64_PROMOTE_F32,     "f64.promote_f32",     0, 0xBB, NONE, F32, NONE, NONE, F64, 0) \
  OP(I32_REINTERPRET_F32, "i32.reinterpret_f32", 0, 0xBC, NONE, F32, NONE, NONE, I32, 0) \
  OP(I64_REINTERPRET_F64, "i64.reinterpret_f64", 0, 0xBD, NONE, F64, NONE, NONE, I64, 0) \
  OP(F32_REINTERPRET_I32, "f32.reinterpret_i32", 0, 0xBE, NONE, I32, NONE, NONE, F32, 0) \
  OP(F64_REINTERPRET_I64, "f64.reinterpret_i64", 0, 0xBF, NONE, I64, NONE, NONE, F64, 0) \
  /* sign extension */ \
  OP(I32_EXTEND8_S,   "i32.extend8_s",   0, 0xC0, NONE, I32, NONE, NONE, I32, 0) \
  OP(I32_EXTEND16_S,  "i32.extend16_s",  0, 0xC1, NONE, I32, NONE, NONE, I32, 0) \
  OP(I64_EXTEND8_S,   "i64.extend8_s",   0, 0xC2, NONE, I64, NONE, NONE, I64, 0) \
  OP(I64_EXTEND16_S,  "i64.extend16_s",  0, 0xC3, NONE, I64, NONE, NONE, I64, 0) \
  OP(I64_EXTEND32_S,  "i64.extend32_s",  0, 0xC4, NONE, I64, NONE, NONE, I64, 0) \
  /* reference types */ \
  OP(REF_NULL,        "ref.null",        0, 0xD0, REFTYPE, ANY, ANY, ANY, ANY, 0) \
  OP(REF_IS_NULL,     "ref.is_null",     0, 0xD1, NONE, ANY, ANY, ANY, ANY, 0) \
  OP(REF_FUNC,        "ref.func",        0, 0xD2, FUNC, ANY, ANY, ANY, ANY, 0) \
  /* 0xFC prefix: saturating truncation */ \
  OP(I32_TRUNC_SAT_F32_S, "i32.trunc_sat_f32_s", 0xFC, 0, NONE, F32, NONE, NONE, I32, 0) \
  OP(I32_TRUNC_SAT_F32_U, "i32.trunc_sat_f32_u", 0xFC, 1, NONE, F32, NONE, NONE, I32, 0) \
  OP(I32_TRUNC_SAT_F64_S, "i32.trunc_sat_f64_s", 0xFC, 2, NONE, F64, NONE, NONE, I32, 0) \
  OP(I32_TRUNC_SAT_F64_U, "i32.trunc_sat_f64_u", 0xFC, 3, NONE, F64, NONE, NONE, I32, 0) \
  OP(I64_TRUNC_SAT_F32_S, "i64.trunc_sat_f32_s", 0xFC, 4, NONE, F32, NONE, NONE, I64, 0) \
  OP(I64_TRUNC_SAT_F32_U, "i64.trunc_sat_f32_u", 0xFC, 5, NONE, F32, NONE, NONE, I64, 0) \
  OP(I64_TRUNC_SAT_F64_S, "i64.trunc_sat_f64_s", 0xFC, 6, NONE, F64, NONE, NONE, I64, 0) \
  OP(I64_TRUNC_SAT_F64_U, "i64.trunc_sat_f64_u", 0xFC, 7, NONE, F64, NONE, NONE, I64, 0) \
  /* 0xFC prefix: bulk memory and tables */ \
  OP(MEMORY_INIT,     "memory.init",     0xFC, 8,  DATA_MEM, I32, I32, I32, NONE, 0) \
  OP(DATA_DROP,       "data.drop",       0xFC, 9,  DATA, NONE, NONE, NONE, NONE, 0) \
  OP(MEMORY_COPY,     "memory.copy",     0xFC, 10, MEM_MEM, I32, I32, I32, NONE, 0) \
  OP(MEMORY_FILL,     "memory.fill",     0xFC, 11, MEMIDX, I32, I32, I32, NONE, 0) \
  OP(TABLE_INIT,      "table.init",      0xFC, 12, ELEM_TABLE, I32, I32, I32, NONE, 0) \
  OP(ELEM_DROP,       "elem.drop",       0xFC, 13, ELEM, NONE, NONE, NONE, NONE, 0) \
  OP(TABLE_COPY,      "table.copy",      0xFC, 14, TABLE_TABLE, I32, I32, I32, NONE, 0) \
  OP(TABLE_GROW,      "table.grow",      0xFC, 15, TABLE, ANY, ANY, ANY, ANY, 0) \
  OP(TABLE_SIZE,      "table.size",      0xFC, 16, TABLE, NONE, NONE, NONE, I32, 0) \
  OP(TABLE_FILL,      "table.fill",      0xFC, 17, TABLE, ANY, ANY, ANY, ANY, 0)

typedef enum cw_opcode {
#define CW_OP_ENUM(id, name, pre, code, imm, p1, p2, p3, r, w) CW_OP_##id,
  CW_OPCODES(CW_OP_ENUM)
#undef CW_OP_ENUM
  CW_OP__COUNT
} cw_opcode;

/* Static facts about one instruction, from the table above. Types are
 * cwasi_valtype codes, 0 for NONE, CW_T_ANY where the validator has a
 * rule of its own. */
#define CW_T_NONE 0
#define CW_T_I32 0x7F
#define CW_T_I64 0x7E
#define CW_T_F32 0x7D
#define CW_T_F64 0x7C
#define CW_T_V128 0x7B
#define CW_T_ANY 0xFF

typedef struct cw_opinfo {
  const char *name;
  uint8_t prefix;
  uint32_t code;
  cw_imm imm;
  uint8_t params[3];
  uint8_t result;
  uint8_t width;
} cw_opinfo;

/* Indexed by cw_opcode. */
extern const cw_opinfo cw_opinfo_table[CW_OP__COUNT];

/*
 * Reads one opcode (the prefix byte and, for prefixed instructions, the
 * LEB128 u32 sub-opcode) from bytes[*pos .. end). Returns false with a
 * message ("illegal opcode", "unexpected end") when it is not one of ours.
 * Defined in src/decode/opcodes.c.
 */
struct cw_reader;
bool cw_read_opcode(struct cw_reader *r, cw_opcode *out);

#endif /* CW_OPCODES_H */
