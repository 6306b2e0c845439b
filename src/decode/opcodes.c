/* opcodes.c — tables generated from CW_OPCODES, and opcode reading. */
#include "decode/opcodes.h"

#include "decode/reader.h"

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
