/*
 * reader.h — a bounds-checked cursor over module bytes, with LEB128.
 *
 * Shared by the decoder, the validator and the translator, which all read
 * instruction immediates. Every read checks `pos < end` first, so no read
 * can go past the slice it was given; on failure the reader records the
 * first error (with its absolute offset) and every later read fails too,
 * which lets callers check once after a group of reads.
 */
#ifndef CW_READER_H
#define CW_READER_H

#include "common.h"

typedef struct cw_reader {
  const uint8_t *base; /* start of the whole module: offsets are base-relative */
  size_t pos, end;     /* current position and limit, as offsets from base */
  bool failed;
  size_t err_offset;
  const char *err_msg; /* static string: the spec's wording where it has one */
} cw_reader;

static inline void cw_reader_init(cw_reader *r, const uint8_t *base, size_t pos, size_t end) {
  r->base = base;
  r->pos = pos;
  r->end = end;
  r->failed = false;
  r->err_offset = 0;
  r->err_msg = NULL;
}

static inline bool cw_reader_fail(cw_reader *r, size_t offset, const char *msg) {
  if (!r->failed) {
    r->failed = true;
    r->err_offset = offset;
    r->err_msg = msg;
  }
  r->pos = r->end; /* stop further progress */
  return false;
}

static inline bool cw_reader_eof(const cw_reader *r) { return r->pos >= r->end; }
static inline size_t cw_reader_left(const cw_reader *r) { return r->end - r->pos; }

static inline bool cw_read_u8(cw_reader *r, uint8_t *out) {
  if (r->failed || r->pos >= r->end) {
    *out = 0;
    return cw_reader_fail(r, r->pos, "unexpected end");
  }
  *out = r->base[r->pos++];
  return true;
}

static inline bool cw_read_bytes(cw_reader *r, size_t n, const uint8_t **out) {
  if (r->failed || n > r->end - r->pos) {
    *out = NULL;
    return cw_reader_fail(r, r->pos, "unexpected end");
  }
  *out = r->base + r->pos;
  r->pos += n;
  return true;
}

/*
 * Unsigned LEB128 of at most `bits` bits: at most ceil(bits/7) bytes
 * ("integer representation too long"), and the unused high bits of the last
 * byte must be zero ("integer too large").
 */
static inline bool cw_read_uleb(cw_reader *r, unsigned bits, uint64_t *out) {
  uint64_t result = 0;
  unsigned shift = 0;
  size_t start = r->pos;
  *out = 0;
  for (;;) {
    uint8_t b;
    if (!cw_read_u8(r, &b)) return false;
    if (shift + 7 >= bits) {
      /* last permitted byte: continuation bit and unused bits must be 0 */
      if (b & 0x80) return cw_reader_fail(r, start, "integer representation too long");
      unsigned used = bits - shift;
      if (used < 7 && (b >> used) != 0) return cw_reader_fail(r, start, "integer too large");
      result |= (uint64_t)b << shift;
      break;
    }
    result |= (uint64_t)(b & 0x7F) << shift;
    shift += 7;
    if (!(b & 0x80)) break;
  }
  *out = result;
  return true;
}

/* Signed LEB128 of at most `bits` bits; unused bits of the last byte must
 * be a sign extension of the value ("integer too large"). */
static inline bool cw_read_sleb(cw_reader *r, unsigned bits, int64_t *out) {
  uint64_t result = 0;
  unsigned shift = 0;
  size_t start = r->pos;
  uint8_t b;
  *out = 0;
  for (;;) {
    if (!cw_read_u8(r, &b)) return false;
    if (shift + 7 >= bits) {
      if (b & 0x80) return cw_reader_fail(r, start, "integer representation too long");
      unsigned used = bits - shift; /* 1..7 bits of b carry value, bit used-1 is the sign */
      if (used < 7) {
        int8_t sb = (int8_t)(b << 1) >> 1;             /* sign-extend the 7-bit group */
        int8_t ext = (int8_t)(sb >> (used - 1));       /* bits from the sign bit up */
        if (ext != 0 && ext != -1) return cw_reader_fail(r, start, "integer too large");
      }
      result |= (uint64_t)(b & 0x7F) << shift;
      shift += 7;
      break;
    }
    result |= (uint64_t)(b & 0x7F) << shift;
    shift += 7;
    if (!(b & 0x80)) break;
  }
  if (shift < 64 && (b & 0x40)) result |= ~(uint64_t)0 << shift;
  *out = (int64_t)result;
  return true;
}

static inline bool cw_read_u32(cw_reader *r, uint32_t *out) {
  uint64_t v;
  bool ok = cw_read_uleb(r, 32, &v);
  *out = (uint32_t)v;
  return ok;
}
static inline bool cw_read_s32(cw_reader *r, int32_t *out) {
  int64_t v;
  bool ok = cw_read_sleb(r, 32, &v);
  *out = (int32_t)v;
  return ok;
}
static inline bool cw_read_s33(cw_reader *r, int64_t *out) { return cw_read_sleb(r, 33, out); }
static inline bool cw_read_s64(cw_reader *r, int64_t *out) { return cw_read_sleb(r, 64, out); }

static inline bool cw_read_f32(cw_reader *r, uint32_t *bits) {
  const uint8_t *p;
  *bits = 0;
  if (!cw_read_bytes(r, 4, &p)) return false;
  *bits = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
  return true;
}
static inline bool cw_read_f64(cw_reader *r, uint64_t *bits) {
  const uint8_t *p;
  *bits = 0;
  if (!cw_read_bytes(r, 8, &p)) return false;
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--) v = v << 8 | p[i];
  *bits = v;
  return true;
}

#endif /* CW_READER_H */
