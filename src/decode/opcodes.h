/*
 * opcodes.h — the instruction set, once.
 *
 * CW_OPCODES(OP) expands OP(ID, "name", PREFIX, CODE, IMM, P1, P2, P3, R, WIDTH)
 * for every instruction of Wasm 2.0, SIMD included, and Wasm 3.0's relaxed
 * SIMD and tail calls:
 *   ID      suffix of the enum constant CW_OP_ID
 *   PREFIX  0 for one-byte opcodes, 0xFC or 0xFD for the prefixed ones (CODE
 *           is then the LEB128 u32 that follows the prefix)
 *   IMM     immediate kind, CW_IMM_##IMM
 *   P1..P3  operand types popped (P1 deepest), R the result pushed: I32, I64,
 *           F32, F64, V128, NONE, or ANY where the validator has a rule of
 *           its own for the instruction (control, variable, reference,
 *           parametric and table instructions)
 *   WIDTH   bytes accessed by a load/store (the natural alignment bound;
 *           for v128.loadN_lane/storeN_lane the lane's), the lane size in
 *           bytes for extract_lane/replace_lane (lane index < 16 / WIDTH),
 *           0 for others
 * Consumers define OP, expand CW_OPCODES(OP) and undefine it: the enum,
 * the name table, the validator's simple-typing table and the translator all
 * come from this list. Adding an instruction is one line here plus its
 * semantics in the interpreter.
 */
#ifndef CW_OPCODES_H
#define CW_OPCODES_H

#include <stdbool.h>
#include <stddef.h>
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
  CW_IMM_V128,       /* 16 raw bytes, lane 0 first (v128.const) */
  CW_IMM_LANE,       /* one lane-index byte (extract_lane, replace_lane) */
  CW_IMM_SHUFFLE,    /* 16 lane-index bytes, each < 32 (i8x16.shuffle) */
  CW_IMM_MEMARG_LANE,/* memarg, then one lane-index byte (v128.loadN_lane, storeN_lane) */
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
  OP(TABLE_FILL,      "table.fill",      0xFC, 17, TABLE, ANY, ANY, ANY, ANY, 0) \
  /* 0xFD prefix: fixed-width SIMD (WIDTH: bytes accessed, or a lane's bytes for LANE) */ \
  OP(V128_LOAD, "v128.load", 0xFD, 0x00, MEMARG, I32, NONE, NONE, V128, 16) \
  OP(V128_LOAD8X8_S, "v128.load8x8_s", 0xFD, 0x01, MEMARG, I32, NONE, NONE, V128, 8) \
  OP(V128_LOAD8X8_U, "v128.load8x8_u", 0xFD, 0x02, MEMARG, I32, NONE, NONE, V128, 8) \
  OP(V128_LOAD16X4_S, "v128.load16x4_s", 0xFD, 0x03, MEMARG, I32, NONE, NONE, V128, 8) \
  OP(V128_LOAD16X4_U, "v128.load16x4_u", 0xFD, 0x04, MEMARG, I32, NONE, NONE, V128, 8) \
  OP(V128_LOAD32X2_S, "v128.load32x2_s", 0xFD, 0x05, MEMARG, I32, NONE, NONE, V128, 8) \
  OP(V128_LOAD32X2_U, "v128.load32x2_u", 0xFD, 0x06, MEMARG, I32, NONE, NONE, V128, 8) \
  OP(V128_LOAD8_SPLAT, "v128.load8_splat", 0xFD, 0x07, MEMARG, I32, NONE, NONE, V128, 1) \
  OP(V128_LOAD16_SPLAT, "v128.load16_splat", 0xFD, 0x08, MEMARG, I32, NONE, NONE, V128, 2) \
  OP(V128_LOAD32_SPLAT, "v128.load32_splat", 0xFD, 0x09, MEMARG, I32, NONE, NONE, V128, 4) \
  OP(V128_LOAD64_SPLAT, "v128.load64_splat", 0xFD, 0x0A, MEMARG, I32, NONE, NONE, V128, 8) \
  OP(V128_STORE, "v128.store", 0xFD, 0x0B, MEMARG, I32, V128, NONE, NONE, 16) \
  OP(V128_CONST, "v128.const", 0xFD, 0x0C, V128, NONE, NONE, NONE, V128, 0) \
  OP(I8X16_SHUFFLE, "i8x16.shuffle", 0xFD, 0x0D, SHUFFLE, V128, V128, NONE, V128, 0) \
  OP(I8X16_SWIZZLE, "i8x16.swizzle", 0xFD, 0x0E, NONE, V128, V128, NONE, V128, 0) \
  OP(I8X16_SPLAT, "i8x16.splat", 0xFD, 0x0F, NONE, I32, NONE, NONE, V128, 0) \
  OP(I16X8_SPLAT, "i16x8.splat", 0xFD, 0x10, NONE, I32, NONE, NONE, V128, 0) \
  OP(I32X4_SPLAT, "i32x4.splat", 0xFD, 0x11, NONE, I32, NONE, NONE, V128, 0) \
  OP(I64X2_SPLAT, "i64x2.splat", 0xFD, 0x12, NONE, I64, NONE, NONE, V128, 0) \
  OP(F32X4_SPLAT, "f32x4.splat", 0xFD, 0x13, NONE, F32, NONE, NONE, V128, 0) \
  OP(F64X2_SPLAT, "f64x2.splat", 0xFD, 0x14, NONE, F64, NONE, NONE, V128, 0) \
  OP(I8X16_EXTRACT_LANE_S, "i8x16.extract_lane_s", 0xFD, 0x15, LANE, V128, NONE, NONE, I32, 1) \
  OP(I8X16_EXTRACT_LANE_U, "i8x16.extract_lane_u", 0xFD, 0x16, LANE, V128, NONE, NONE, I32, 1) \
  OP(I8X16_REPLACE_LANE, "i8x16.replace_lane", 0xFD, 0x17, LANE, V128, I32, NONE, V128, 1) \
  OP(I16X8_EXTRACT_LANE_S, "i16x8.extract_lane_s", 0xFD, 0x18, LANE, V128, NONE, NONE, I32, 2) \
  OP(I16X8_EXTRACT_LANE_U, "i16x8.extract_lane_u", 0xFD, 0x19, LANE, V128, NONE, NONE, I32, 2) \
  OP(I16X8_REPLACE_LANE, "i16x8.replace_lane", 0xFD, 0x1A, LANE, V128, I32, NONE, V128, 2) \
  OP(I32X4_EXTRACT_LANE, "i32x4.extract_lane", 0xFD, 0x1B, LANE, V128, NONE, NONE, I32, 4) \
  OP(I32X4_REPLACE_LANE, "i32x4.replace_lane", 0xFD, 0x1C, LANE, V128, I32, NONE, V128, 4) \
  OP(I64X2_EXTRACT_LANE, "i64x2.extract_lane", 0xFD, 0x1D, LANE, V128, NONE, NONE, I64, 8) \
  OP(I64X2_REPLACE_LANE, "i64x2.replace_lane", 0xFD, 0x1E, LANE, V128, I64, NONE, V128, 8) \
  OP(F32X4_EXTRACT_LANE, "f32x4.extract_lane", 0xFD, 0x1F, LANE, V128, NONE, NONE, F32, 4) \
  OP(F32X4_REPLACE_LANE, "f32x4.replace_lane", 0xFD, 0x20, LANE, V128, F32, NONE, V128, 4) \
  OP(F64X2_EXTRACT_LANE, "f64x2.extract_lane", 0xFD, 0x21, LANE, V128, NONE, NONE, F64, 8) \
  OP(F64X2_REPLACE_LANE, "f64x2.replace_lane", 0xFD, 0x22, LANE, V128, F64, NONE, V128, 8) \
  OP(I8X16_EQ, "i8x16.eq", 0xFD, 0x23, NONE, V128, V128, NONE, V128, 0) \
  OP(I8X16_NE, "i8x16.ne", 0xFD, 0x24, NONE, V128, V128, NONE, V128, 0) \
  OP(I8X16_LT_S, "i8x16.lt_s", 0xFD, 0x25, NONE, V128, V128, NONE, V128, 0) \
  OP(I8X16_LT_U, "i8x16.lt_u", 0xFD, 0x26, NONE, V128, V128, NONE, V128, 0) \
  OP(I8X16_GT_S, "i8x16.gt_s", 0xFD, 0x27, NONE, V128, V128, NONE, V128, 0) \
  OP(I8X16_GT_U, "i8x16.gt_u", 0xFD, 0x28, NONE, V128, V128, NONE, V128, 0) \
  OP(I8X16_LE_S, "i8x16.le_s", 0xFD, 0x29, NONE, V128, V128, NONE, V128, 0) \
  OP(I8X16_LE_U, "i8x16.le_u", 0xFD, 0x2A, NONE, V128, V128, NONE, V128, 0) \
  OP(I8X16_GE_S, "i8x16.ge_s", 0xFD, 0x2B, NONE, V128, V128, NONE, V128, 0) \
  OP(I8X16_GE_U, "i8x16.ge_u", 0xFD, 0x2C, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_EQ, "i16x8.eq", 0xFD, 0x2D, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_NE, "i16x8.ne", 0xFD, 0x2E, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_LT_S, "i16x8.lt_s", 0xFD, 0x2F, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_LT_U, "i16x8.lt_u", 0xFD, 0x30, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_GT_S, "i16x8.gt_s", 0xFD, 0x31, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_GT_U, "i16x8.gt_u", 0xFD, 0x32, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_LE_S, "i16x8.le_s", 0xFD, 0x33, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_LE_U, "i16x8.le_u", 0xFD, 0x34, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_GE_S, "i16x8.ge_s", 0xFD, 0x35, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_GE_U, "i16x8.ge_u", 0xFD, 0x36, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_EQ, "i32x4.eq", 0xFD, 0x37, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_NE, "i32x4.ne", 0xFD, 0x38, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_LT_S, "i32x4.lt_s", 0xFD, 0x39, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_LT_U, "i32x4.lt_u", 0xFD, 0x3A, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_GT_S, "i32x4.gt_s", 0xFD, 0x3B, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_GT_U, "i32x4.gt_u", 0xFD, 0x3C, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_LE_S, "i32x4.le_s", 0xFD, 0x3D, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_LE_U, "i32x4.le_u", 0xFD, 0x3E, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_GE_S, "i32x4.ge_s", 0xFD, 0x3F, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_GE_U, "i32x4.ge_u", 0xFD, 0x40, NONE, V128, V128, NONE, V128, 0) \
  OP(F32X4_EQ, "f32x4.eq", 0xFD, 0x41, NONE, V128, V128, NONE, V128, 0) \
  OP(F32X4_NE, "f32x4.ne", 0xFD, 0x42, NONE, V128, V128, NONE, V128, 0) \
  OP(F32X4_LT, "f32x4.lt", 0xFD, 0x43, NONE, V128, V128, NONE, V128, 0) \
  OP(F32X4_GT, "f32x4.gt", 0xFD, 0x44, NONE, V128, V128, NONE, V128, 0) \
  OP(F32X4_LE, "f32x4.le", 0xFD, 0x45, NONE, V128, V128, NONE, V128, 0) \
  OP(F32X4_GE, "f32x4.ge", 0xFD, 0x46, NONE, V128, V128, NONE, V128, 0) \
  OP(F64X2_EQ, "f64x2.eq", 0xFD, 0x47, NONE, V128, V128, NONE, V128, 0) \
  OP(F64X2_NE, "f64x2.ne", 0xFD, 0x48, NONE, V128, V128, NONE, V128, 0) \
  OP(F64X2_LT, "f64x2.lt", 0xFD, 0x49, NONE, V128, V128, NONE, V128, 0) \
  OP(F64X2_GT, "f64x2.gt", 0xFD, 0x4A, NONE, V128, V128, NONE, V128, 0) \
  OP(F64X2_LE, "f64x2.le", 0xFD, 0x4B, NONE, V128, V128, NONE, V128, 0) \
  OP(F64X2_GE, "f64x2.ge", 0xFD, 0x4C, NONE, V128, V128, NONE, V128, 0) \
  OP(V128_NOT, "v128.not", 0xFD, 0x4D, NONE, V128, NONE, NONE, V128, 0) \
  OP(V128_AND, "v128.and", 0xFD, 0x4E, NONE, V128, V128, NONE, V128, 0) \
  OP(V128_ANDNOT, "v128.andnot", 0xFD, 0x4F, NONE, V128, V128, NONE, V128, 0) \
  OP(V128_OR, "v128.or", 0xFD, 0x50, NONE, V128, V128, NONE, V128, 0) \
  OP(V128_XOR, "v128.xor", 0xFD, 0x51, NONE, V128, V128, NONE, V128, 0) \
  OP(V128_BITSELECT, "v128.bitselect", 0xFD, 0x52, NONE, V128, V128, V128, V128, 0) \
  OP(V128_ANY_TRUE, "v128.any_true", 0xFD, 0x53, NONE, V128, NONE, NONE, I32, 0) \
  OP(V128_LOAD8_LANE, "v128.load8_lane", 0xFD, 0x54, MEMARG_LANE, I32, V128, NONE, V128, 1) \
  OP(V128_LOAD16_LANE, "v128.load16_lane", 0xFD, 0x55, MEMARG_LANE, I32, V128, NONE, V128, 2) \
  OP(V128_LOAD32_LANE, "v128.load32_lane", 0xFD, 0x56, MEMARG_LANE, I32, V128, NONE, V128, 4) \
  OP(V128_LOAD64_LANE, "v128.load64_lane", 0xFD, 0x57, MEMARG_LANE, I32, V128, NONE, V128, 8) \
  OP(V128_STORE8_LANE, "v128.store8_lane", 0xFD, 0x58, MEMARG_LANE, I32, V128, NONE, NONE, 1) \
  OP(V128_STORE16_LANE, "v128.store16_lane", 0xFD, 0x59, MEMARG_LANE, I32, V128, NONE, NONE, 2) \
  OP(V128_STORE32_LANE, "v128.store32_lane", 0xFD, 0x5A, MEMARG_LANE, I32, V128, NONE, NONE, 4) \
  OP(V128_STORE64_LANE, "v128.store64_lane", 0xFD, 0x5B, MEMARG_LANE, I32, V128, NONE, NONE, 8) \
  OP(V128_LOAD32_ZERO, "v128.load32_zero", 0xFD, 0x5C, MEMARG, I32, NONE, NONE, V128, 4) \
  OP(V128_LOAD64_ZERO, "v128.load64_zero", 0xFD, 0x5D, MEMARG, I32, NONE, NONE, V128, 8) \
  OP(F32X4_DEMOTE_F64X2_ZERO, "f32x4.demote_f64x2_zero", 0xFD, 0x5E, NONE, V128, NONE, NONE, V128, 0) \
  OP(F64X2_PROMOTE_LOW_F32X4, "f64x2.promote_low_f32x4", 0xFD, 0x5F, NONE, V128, NONE, NONE, V128, 0) \
  OP(I8X16_ABS, "i8x16.abs", 0xFD, 0x60, NONE, V128, NONE, NONE, V128, 0) \
  OP(I8X16_NEG, "i8x16.neg", 0xFD, 0x61, NONE, V128, NONE, NONE, V128, 0) \
  OP(I8X16_POPCNT, "i8x16.popcnt", 0xFD, 0x62, NONE, V128, NONE, NONE, V128, 0) \
  OP(I8X16_ALL_TRUE, "i8x16.all_true", 0xFD, 0x63, NONE, V128, NONE, NONE, I32, 0) \
  OP(I8X16_BITMASK, "i8x16.bitmask", 0xFD, 0x64, NONE, V128, NONE, NONE, I32, 0) \
  OP(I8X16_NARROW_I16X8_S, "i8x16.narrow_i16x8_s", 0xFD, 0x65, NONE, V128, V128, NONE, V128, 0) \
  OP(I8X16_NARROW_I16X8_U, "i8x16.narrow_i16x8_u", 0xFD, 0x66, NONE, V128, V128, NONE, V128, 0) \
  OP(F32X4_CEIL, "f32x4.ceil", 0xFD, 0x67, NONE, V128, NONE, NONE, V128, 0) \
  OP(F32X4_FLOOR, "f32x4.floor", 0xFD, 0x68, NONE, V128, NONE, NONE, V128, 0) \
  OP(F32X4_TRUNC, "f32x4.trunc", 0xFD, 0x69, NONE, V128, NONE, NONE, V128, 0) \
  OP(F32X4_NEAREST, "f32x4.nearest", 0xFD, 0x6A, NONE, V128, NONE, NONE, V128, 0) \
  OP(I8X16_SHL, "i8x16.shl", 0xFD, 0x6B, NONE, V128, I32, NONE, V128, 0) \
  OP(I8X16_SHR_S, "i8x16.shr_s", 0xFD, 0x6C, NONE, V128, I32, NONE, V128, 0) \
  OP(I8X16_SHR_U, "i8x16.shr_u", 0xFD, 0x6D, NONE, V128, I32, NONE, V128, 0) \
  OP(I8X16_ADD, "i8x16.add", 0xFD, 0x6E, NONE, V128, V128, NONE, V128, 0) \
  OP(I8X16_ADD_SAT_S, "i8x16.add_sat_s", 0xFD, 0x6F, NONE, V128, V128, NONE, V128, 0) \
  OP(I8X16_ADD_SAT_U, "i8x16.add_sat_u", 0xFD, 0x70, NONE, V128, V128, NONE, V128, 0) \
  OP(I8X16_SUB, "i8x16.sub", 0xFD, 0x71, NONE, V128, V128, NONE, V128, 0) \
  OP(I8X16_SUB_SAT_S, "i8x16.sub_sat_s", 0xFD, 0x72, NONE, V128, V128, NONE, V128, 0) \
  OP(I8X16_SUB_SAT_U, "i8x16.sub_sat_u", 0xFD, 0x73, NONE, V128, V128, NONE, V128, 0) \
  OP(F64X2_CEIL, "f64x2.ceil", 0xFD, 0x74, NONE, V128, NONE, NONE, V128, 0) \
  OP(F64X2_FLOOR, "f64x2.floor", 0xFD, 0x75, NONE, V128, NONE, NONE, V128, 0) \
  OP(I8X16_MIN_S, "i8x16.min_s", 0xFD, 0x76, NONE, V128, V128, NONE, V128, 0) \
  OP(I8X16_MIN_U, "i8x16.min_u", 0xFD, 0x77, NONE, V128, V128, NONE, V128, 0) \
  OP(I8X16_MAX_S, "i8x16.max_s", 0xFD, 0x78, NONE, V128, V128, NONE, V128, 0) \
  OP(I8X16_MAX_U, "i8x16.max_u", 0xFD, 0x79, NONE, V128, V128, NONE, V128, 0) \
  OP(F64X2_TRUNC, "f64x2.trunc", 0xFD, 0x7A, NONE, V128, NONE, NONE, V128, 0) \
  OP(I8X16_AVGR_U, "i8x16.avgr_u", 0xFD, 0x7B, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_EXTADD_PAIRWISE_I8X16_S, "i16x8.extadd_pairwise_i8x16_s", 0xFD, 0x7C, NONE, V128, NONE, NONE, V128, 0) \
  OP(I16X8_EXTADD_PAIRWISE_I8X16_U, "i16x8.extadd_pairwise_i8x16_u", 0xFD, 0x7D, NONE, V128, NONE, NONE, V128, 0) \
  OP(I32X4_EXTADD_PAIRWISE_I16X8_S, "i32x4.extadd_pairwise_i16x8_s", 0xFD, 0x7E, NONE, V128, NONE, NONE, V128, 0) \
  OP(I32X4_EXTADD_PAIRWISE_I16X8_U, "i32x4.extadd_pairwise_i16x8_u", 0xFD, 0x7F, NONE, V128, NONE, NONE, V128, 0) \
  OP(I16X8_ABS, "i16x8.abs", 0xFD, 0x80, NONE, V128, NONE, NONE, V128, 0) \
  OP(I16X8_NEG, "i16x8.neg", 0xFD, 0x81, NONE, V128, NONE, NONE, V128, 0) \
  OP(I16X8_Q15MULR_SAT_S, "i16x8.q15mulr_sat_s", 0xFD, 0x82, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_ALL_TRUE, "i16x8.all_true", 0xFD, 0x83, NONE, V128, NONE, NONE, I32, 0) \
  OP(I16X8_BITMASK, "i16x8.bitmask", 0xFD, 0x84, NONE, V128, NONE, NONE, I32, 0) \
  OP(I16X8_NARROW_I32X4_S, "i16x8.narrow_i32x4_s", 0xFD, 0x85, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_NARROW_I32X4_U, "i16x8.narrow_i32x4_u", 0xFD, 0x86, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_EXTEND_LOW_I8X16_S, "i16x8.extend_low_i8x16_s", 0xFD, 0x87, NONE, V128, NONE, NONE, V128, 0) \
  OP(I16X8_EXTEND_HIGH_I8X16_S, "i16x8.extend_high_i8x16_s", 0xFD, 0x88, NONE, V128, NONE, NONE, V128, 0) \
  OP(I16X8_EXTEND_LOW_I8X16_U, "i16x8.extend_low_i8x16_u", 0xFD, 0x89, NONE, V128, NONE, NONE, V128, 0) \
  OP(I16X8_EXTEND_HIGH_I8X16_U, "i16x8.extend_high_i8x16_u", 0xFD, 0x8A, NONE, V128, NONE, NONE, V128, 0) \
  OP(I16X8_SHL, "i16x8.shl", 0xFD, 0x8B, NONE, V128, I32, NONE, V128, 0) \
  OP(I16X8_SHR_S, "i16x8.shr_s", 0xFD, 0x8C, NONE, V128, I32, NONE, V128, 0) \
  OP(I16X8_SHR_U, "i16x8.shr_u", 0xFD, 0x8D, NONE, V128, I32, NONE, V128, 0) \
  OP(I16X8_ADD, "i16x8.add", 0xFD, 0x8E, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_ADD_SAT_S, "i16x8.add_sat_s", 0xFD, 0x8F, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_ADD_SAT_U, "i16x8.add_sat_u", 0xFD, 0x90, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_SUB, "i16x8.sub", 0xFD, 0x91, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_SUB_SAT_S, "i16x8.sub_sat_s", 0xFD, 0x92, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_SUB_SAT_U, "i16x8.sub_sat_u", 0xFD, 0x93, NONE, V128, V128, NONE, V128, 0) \
  OP(F64X2_NEAREST, "f64x2.nearest", 0xFD, 0x94, NONE, V128, NONE, NONE, V128, 0) \
  OP(I16X8_MUL, "i16x8.mul", 0xFD, 0x95, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_MIN_S, "i16x8.min_s", 0xFD, 0x96, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_MIN_U, "i16x8.min_u", 0xFD, 0x97, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_MAX_S, "i16x8.max_s", 0xFD, 0x98, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_MAX_U, "i16x8.max_u", 0xFD, 0x99, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_AVGR_U, "i16x8.avgr_u", 0xFD, 0x9B, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_EXTMUL_LOW_I8X16_S, "i16x8.extmul_low_i8x16_s", 0xFD, 0x9C, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_EXTMUL_HIGH_I8X16_S, "i16x8.extmul_high_i8x16_s", 0xFD, 0x9D, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_EXTMUL_LOW_I8X16_U, "i16x8.extmul_low_i8x16_u", 0xFD, 0x9E, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_EXTMUL_HIGH_I8X16_U, "i16x8.extmul_high_i8x16_u", 0xFD, 0x9F, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_ABS, "i32x4.abs", 0xFD, 0xA0, NONE, V128, NONE, NONE, V128, 0) \
  OP(I32X4_NEG, "i32x4.neg", 0xFD, 0xA1, NONE, V128, NONE, NONE, V128, 0) \
  OP(I32X4_ALL_TRUE, "i32x4.all_true", 0xFD, 0xA3, NONE, V128, NONE, NONE, I32, 0) \
  OP(I32X4_BITMASK, "i32x4.bitmask", 0xFD, 0xA4, NONE, V128, NONE, NONE, I32, 0) \
  OP(I32X4_EXTEND_LOW_I16X8_S, "i32x4.extend_low_i16x8_s", 0xFD, 0xA7, NONE, V128, NONE, NONE, V128, 0) \
  OP(I32X4_EXTEND_HIGH_I16X8_S, "i32x4.extend_high_i16x8_s", 0xFD, 0xA8, NONE, V128, NONE, NONE, V128, 0) \
  OP(I32X4_EXTEND_LOW_I16X8_U, "i32x4.extend_low_i16x8_u", 0xFD, 0xA9, NONE, V128, NONE, NONE, V128, 0) \
  OP(I32X4_EXTEND_HIGH_I16X8_U, "i32x4.extend_high_i16x8_u", 0xFD, 0xAA, NONE, V128, NONE, NONE, V128, 0) \
  OP(I32X4_SHL, "i32x4.shl", 0xFD, 0xAB, NONE, V128, I32, NONE, V128, 0) \
  OP(I32X4_SHR_S, "i32x4.shr_s", 0xFD, 0xAC, NONE, V128, I32, NONE, V128, 0) \
  OP(I32X4_SHR_U, "i32x4.shr_u", 0xFD, 0xAD, NONE, V128, I32, NONE, V128, 0) \
  OP(I32X4_ADD, "i32x4.add", 0xFD, 0xAE, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_SUB, "i32x4.sub", 0xFD, 0xB1, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_MUL, "i32x4.mul", 0xFD, 0xB5, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_MIN_S, "i32x4.min_s", 0xFD, 0xB6, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_MIN_U, "i32x4.min_u", 0xFD, 0xB7, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_MAX_S, "i32x4.max_s", 0xFD, 0xB8, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_MAX_U, "i32x4.max_u", 0xFD, 0xB9, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_DOT_I16X8_S, "i32x4.dot_i16x8_s", 0xFD, 0xBA, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_EXTMUL_LOW_I16X8_S, "i32x4.extmul_low_i16x8_s", 0xFD, 0xBC, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_EXTMUL_HIGH_I16X8_S, "i32x4.extmul_high_i16x8_s", 0xFD, 0xBD, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_EXTMUL_LOW_I16X8_U, "i32x4.extmul_low_i16x8_u", 0xFD, 0xBE, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_EXTMUL_HIGH_I16X8_U, "i32x4.extmul_high_i16x8_u", 0xFD, 0xBF, NONE, V128, V128, NONE, V128, 0) \
  OP(I64X2_ABS, "i64x2.abs", 0xFD, 0xC0, NONE, V128, NONE, NONE, V128, 0) \
  OP(I64X2_NEG, "i64x2.neg", 0xFD, 0xC1, NONE, V128, NONE, NONE, V128, 0) \
  OP(I64X2_ALL_TRUE, "i64x2.all_true", 0xFD, 0xC3, NONE, V128, NONE, NONE, I32, 0) \
  OP(I64X2_BITMASK, "i64x2.bitmask", 0xFD, 0xC4, NONE, V128, NONE, NONE, I32, 0) \
  OP(I64X2_EXTEND_LOW_I32X4_S, "i64x2.extend_low_i32x4_s", 0xFD, 0xC7, NONE, V128, NONE, NONE, V128, 0) \
  OP(I64X2_EXTEND_HIGH_I32X4_S, "i64x2.extend_high_i32x4_s", 0xFD, 0xC8, NONE, V128, NONE, NONE, V128, 0) \
  OP(I64X2_EXTEND_LOW_I32X4_U, "i64x2.extend_low_i32x4_u", 0xFD, 0xC9, NONE, V128, NONE, NONE, V128, 0) \
  OP(I64X2_EXTEND_HIGH_I32X4_U, "i64x2.extend_high_i32x4_u", 0xFD, 0xCA, NONE, V128, NONE, NONE, V128, 0) \
  OP(I64X2_SHL, "i64x2.shl", 0xFD, 0xCB, NONE, V128, I32, NONE, V128, 0) \
  OP(I64X2_SHR_S, "i64x2.shr_s", 0xFD, 0xCC, NONE, V128, I32, NONE, V128, 0) \
  OP(I64X2_SHR_U, "i64x2.shr_u", 0xFD, 0xCD, NONE, V128, I32, NONE, V128, 0) \
  OP(I64X2_ADD, "i64x2.add", 0xFD, 0xCE, NONE, V128, V128, NONE, V128, 0) \
  OP(I64X2_SUB, "i64x2.sub", 0xFD, 0xD1, NONE, V128, V128, NONE, V128, 0) \
  OP(I64X2_MUL, "i64x2.mul", 0xFD, 0xD5, NONE, V128, V128, NONE, V128, 0) \
  OP(I64X2_EQ, "i64x2.eq", 0xFD, 0xD6, NONE, V128, V128, NONE, V128, 0) \
  OP(I64X2_NE, "i64x2.ne", 0xFD, 0xD7, NONE, V128, V128, NONE, V128, 0) \
  OP(I64X2_LT_S, "i64x2.lt_s", 0xFD, 0xD8, NONE, V128, V128, NONE, V128, 0) \
  OP(I64X2_GT_S, "i64x2.gt_s", 0xFD, 0xD9, NONE, V128, V128, NONE, V128, 0) \
  OP(I64X2_LE_S, "i64x2.le_s", 0xFD, 0xDA, NONE, V128, V128, NONE, V128, 0) \
  OP(I64X2_GE_S, "i64x2.ge_s", 0xFD, 0xDB, NONE, V128, V128, NONE, V128, 0) \
  OP(I64X2_EXTMUL_LOW_I32X4_S, "i64x2.extmul_low_i32x4_s", 0xFD, 0xDC, NONE, V128, V128, NONE, V128, 0) \
  OP(I64X2_EXTMUL_HIGH_I32X4_S, "i64x2.extmul_high_i32x4_s", 0xFD, 0xDD, NONE, V128, V128, NONE, V128, 0) \
  OP(I64X2_EXTMUL_LOW_I32X4_U, "i64x2.extmul_low_i32x4_u", 0xFD, 0xDE, NONE, V128, V128, NONE, V128, 0) \
  OP(I64X2_EXTMUL_HIGH_I32X4_U, "i64x2.extmul_high_i32x4_u", 0xFD, 0xDF, NONE, V128, V128, NONE, V128, 0) \
  OP(F32X4_ABS, "f32x4.abs", 0xFD, 0xE0, NONE, V128, NONE, NONE, V128, 0) \
  OP(F32X4_NEG, "f32x4.neg", 0xFD, 0xE1, NONE, V128, NONE, NONE, V128, 0) \
  OP(F32X4_SQRT, "f32x4.sqrt", 0xFD, 0xE3, NONE, V128, NONE, NONE, V128, 0) \
  OP(F32X4_ADD, "f32x4.add", 0xFD, 0xE4, NONE, V128, V128, NONE, V128, 0) \
  OP(F32X4_SUB, "f32x4.sub", 0xFD, 0xE5, NONE, V128, V128, NONE, V128, 0) \
  OP(F32X4_MUL, "f32x4.mul", 0xFD, 0xE6, NONE, V128, V128, NONE, V128, 0) \
  OP(F32X4_DIV, "f32x4.div", 0xFD, 0xE7, NONE, V128, V128, NONE, V128, 0) \
  OP(F32X4_MIN, "f32x4.min", 0xFD, 0xE8, NONE, V128, V128, NONE, V128, 0) \
  OP(F32X4_MAX, "f32x4.max", 0xFD, 0xE9, NONE, V128, V128, NONE, V128, 0) \
  OP(F32X4_PMIN, "f32x4.pmin", 0xFD, 0xEA, NONE, V128, V128, NONE, V128, 0) \
  OP(F32X4_PMAX, "f32x4.pmax", 0xFD, 0xEB, NONE, V128, V128, NONE, V128, 0) \
  OP(F64X2_ABS, "f64x2.abs", 0xFD, 0xEC, NONE, V128, NONE, NONE, V128, 0) \
  OP(F64X2_NEG, "f64x2.neg", 0xFD, 0xED, NONE, V128, NONE, NONE, V128, 0) \
  OP(F64X2_SQRT, "f64x2.sqrt", 0xFD, 0xEF, NONE, V128, NONE, NONE, V128, 0) \
  OP(F64X2_ADD, "f64x2.add", 0xFD, 0xF0, NONE, V128, V128, NONE, V128, 0) \
  OP(F64X2_SUB, "f64x2.sub", 0xFD, 0xF1, NONE, V128, V128, NONE, V128, 0) \
  OP(F64X2_MUL, "f64x2.mul", 0xFD, 0xF2, NONE, V128, V128, NONE, V128, 0) \
  OP(F64X2_DIV, "f64x2.div", 0xFD, 0xF3, NONE, V128, V128, NONE, V128, 0) \
  OP(F64X2_MIN, "f64x2.min", 0xFD, 0xF4, NONE, V128, V128, NONE, V128, 0) \
  OP(F64X2_MAX, "f64x2.max", 0xFD, 0xF5, NONE, V128, V128, NONE, V128, 0) \
  OP(F64X2_PMIN, "f64x2.pmin", 0xFD, 0xF6, NONE, V128, V128, NONE, V128, 0) \
  OP(F64X2_PMAX, "f64x2.pmax", 0xFD, 0xF7, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_TRUNC_SAT_F32X4_S, "i32x4.trunc_sat_f32x4_s", 0xFD, 0xF8, NONE, V128, NONE, NONE, V128, 0) \
  OP(I32X4_TRUNC_SAT_F32X4_U, "i32x4.trunc_sat_f32x4_u", 0xFD, 0xF9, NONE, V128, NONE, NONE, V128, 0) \
  OP(F32X4_CONVERT_I32X4_S, "f32x4.convert_i32x4_s", 0xFD, 0xFA, NONE, V128, NONE, NONE, V128, 0) \
  OP(F32X4_CONVERT_I32X4_U, "f32x4.convert_i32x4_u", 0xFD, 0xFB, NONE, V128, NONE, NONE, V128, 0) \
  OP(I32X4_TRUNC_SAT_F64X2_S_ZERO, "i32x4.trunc_sat_f64x2_s_zero", 0xFD, 0xFC, NONE, V128, NONE, NONE, V128, 0) \
  OP(I32X4_TRUNC_SAT_F64X2_U_ZERO, "i32x4.trunc_sat_f64x2_u_zero", 0xFD, 0xFD, NONE, V128, NONE, NONE, V128, 0) \
  OP(F64X2_CONVERT_LOW_I32X4_S, "f64x2.convert_low_i32x4_s", 0xFD, 0xFE, NONE, V128, NONE, NONE, V128, 0) \
  OP(F64X2_CONVERT_LOW_I32X4_U, "f64x2.convert_low_i32x4_u", 0xFD, 0xFF, NONE, V128, NONE, NONE, V128, 0) \
  /* 0xFD prefix: relaxed SIMD (Wasm 3.0) */ \
  OP(I8X16_RELAXED_SWIZZLE, "i8x16.relaxed_swizzle", 0xFD, 0x100, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_RELAXED_TRUNC_F32X4_S, "i32x4.relaxed_trunc_f32x4_s", 0xFD, 0x101, NONE, V128, NONE, NONE, V128, 0) \
  OP(I32X4_RELAXED_TRUNC_F32X4_U, "i32x4.relaxed_trunc_f32x4_u", 0xFD, 0x102, NONE, V128, NONE, NONE, V128, 0) \
  OP(I32X4_RELAXED_TRUNC_F64X2_S_ZERO, "i32x4.relaxed_trunc_f64x2_s_zero", 0xFD, 0x103, NONE, V128, NONE, NONE, V128, 0) \
  OP(I32X4_RELAXED_TRUNC_F64X2_U_ZERO, "i32x4.relaxed_trunc_f64x2_u_zero", 0xFD, 0x104, NONE, V128, NONE, NONE, V128, 0) \
  OP(F32X4_RELAXED_MADD, "f32x4.relaxed_madd", 0xFD, 0x105, NONE, V128, V128, V128, V128, 0) \
  OP(F32X4_RELAXED_NMADD, "f32x4.relaxed_nmadd", 0xFD, 0x106, NONE, V128, V128, V128, V128, 0) \
  OP(F64X2_RELAXED_MADD, "f64x2.relaxed_madd", 0xFD, 0x107, NONE, V128, V128, V128, V128, 0) \
  OP(F64X2_RELAXED_NMADD, "f64x2.relaxed_nmadd", 0xFD, 0x108, NONE, V128, V128, V128, V128, 0) \
  OP(I8X16_RELAXED_LANESELECT, "i8x16.relaxed_laneselect", 0xFD, 0x109, NONE, V128, V128, V128, V128, 0) \
  OP(I16X8_RELAXED_LANESELECT, "i16x8.relaxed_laneselect", 0xFD, 0x10A, NONE, V128, V128, V128, V128, 0) \
  OP(I32X4_RELAXED_LANESELECT, "i32x4.relaxed_laneselect", 0xFD, 0x10B, NONE, V128, V128, V128, V128, 0) \
  OP(I64X2_RELAXED_LANESELECT, "i64x2.relaxed_laneselect", 0xFD, 0x10C, NONE, V128, V128, V128, V128, 0) \
  OP(F32X4_RELAXED_MIN, "f32x4.relaxed_min", 0xFD, 0x10D, NONE, V128, V128, NONE, V128, 0) \
  OP(F32X4_RELAXED_MAX, "f32x4.relaxed_max", 0xFD, 0x10E, NONE, V128, V128, NONE, V128, 0) \
  OP(F64X2_RELAXED_MIN, "f64x2.relaxed_min", 0xFD, 0x10F, NONE, V128, V128, NONE, V128, 0) \
  OP(F64X2_RELAXED_MAX, "f64x2.relaxed_max", 0xFD, 0x110, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_RELAXED_Q15MULR_S, "i16x8.relaxed_q15mulr_s", 0xFD, 0x111, NONE, V128, V128, NONE, V128, 0) \
  OP(I16X8_RELAXED_DOT_I8X16_I7X16_S, "i16x8.relaxed_dot_i8x16_i7x16_s", 0xFD, 0x112, NONE, V128, V128, NONE, V128, 0) \
  OP(I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S, "i32x4.relaxed_dot_i8x16_i7x16_add_s", 0xFD, 0x113, NONE, V128, V128, V128, V128, 0)

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

/* An instruction's immediate, as cw_read_imm leaves it (by kind): a (index,
 * align, lane), b (offset, second index), s (blocktype), bits (constants),
 * count (br_table/select_t lengths, MEMARG_LANE's lane), vec_pos (where
 * br_table's labels or a v128's 16 bytes start), vt (a value/ref type). */
typedef struct cw_imm_val {
  uint32_t a, b;
  int64_t s;
  uint64_t bits;
  size_t vec_pos;
  uint32_t count;
  uint8_t vt;
} cw_imm_val;
/* Reads op's immediate (validated code: false only on truncation). */
bool cw_read_imm(struct cw_reader *r, cw_opcode op, cw_imm_val *im);

#endif /* CW_OPCODES_H */
