/* opcodes.c — tables generated from CW_OPCODES, and opcode reading. */
#include "decode/opcodes.h"

#include "decode/reader.h"

#include <string.h>

const cw_opinfo cw_opinfo_table[CW_OP__COUNT] = {
#define CW_OP_INFO(id, nm, pre, cd, im, p1, p2, p3, r, w) \
  [CW_OP_##id] = {.name = nm,                             \
                  .prefix = pre,                          \
                  .code = cd,                             \
                  .imm = CW_IMM_##im,                     \
                  .params = {CW_T_##p1, CW_T_##p2, CW_T_##p3}, \
                  .result = CW_T_##r,                     \
                  .width = w},
    CW_OPCODES(CW_OP_INFO)
#undef CW_OP_INFO
};

/* Byte → opcode + 1 (0 means "no such instruction"). One-byte opcodes sit
 * at their byte; 0xFC-prefixed ones at 256 + sub-opcode, 0xFD-prefixed
 * ones after those. */
#define CW_FC_BASE 256
#define CW_FC_COUNT 18
#define CW_FD_BASE (CW_FC_BASE + CW_FC_COUNT)
#define CW_FD_COUNT 0x114
static const uint16_t cw_opcode_lookup[CW_FD_BASE + CW_FD_COUNT] = {
#define CW_OP_LOOKUP(id, nm, pre, cd, im, p1, p2, p3, r, w) \
  [(pre) == 0 ? (cd) : (pre) == 0xFC ? CW_FC_BASE + (cd) : CW_FD_BASE + (cd)] = CW_OP_##id + 1,
    CW_OPCODES(CW_OP_LOOKUP)
#undef CW_OP_LOOKUP
};

bool cw_read_opcode(cw_reader *r, cw_opcode *out) {
  size_t start = r->pos;
  uint8_t b;
  *out = CW_OP_UNREACHABLE;
  if (!cw_read_u8(r, &b)) return false;
  uint16_t op;
  if (b == 0xFC) {
    uint32_t sub;
    if (!cw_read_u32(r, &sub)) return false;
    op = sub < CW_FC_COUNT ? cw_opcode_lookup[CW_FC_BASE + sub] : 0;
  } else if (b == 0xFD) {
    uint32_t sub;
    if (!cw_read_u32(r, &sub)) return false;
    op = sub < CW_FD_COUNT ? cw_opcode_lookup[CW_FD_BASE + sub] : 0;
  } else {
    op = cw_opcode_lookup[b];
  }
  if (op == 0) return cw_reader_fail(r, start, "illegal opcode");
  *out = (cw_opcode)(op - 1);
  return true;
}

/* The interpreter's translator and the jit read immediates alike: one reader. */
bool cw_read_imm(cw_reader *r, cw_opcode op, cw_imm_val *im) {
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
  case CW_IMM_V128:
  case CW_IMM_SHUFFLE: {
    const uint8_t *p;
    im->vec_pos = r->pos;
    return cw_read_bytes(r, 16, &p);
  }
  case CW_IMM_LANE:
    if (!cw_read_u8(r, &byte)) return false;
    im->a = byte;
    return true;
  case CW_IMM_MEMARG_LANE:
    if (!cw_read_u32(r, &im->a) || !cw_read_u32(r, &im->b) || !cw_read_u8(r, &byte)) return false;
    im->count = byte;
    return true;
  }
  return false;
}
