/*
 * buf.h — a growable byte buffer with the binary format's LEB128 writers.
 *
 * The text parser encodes straight into these (one per section), so the
 * memory it holds is proportional to the binary it produces, not to the
 * text it reads. Growth failure is sticky (`failed`) so that writers need
 * no check at every byte; the parser checks once per module field.
 */
#ifndef CW_TEXT_BUF_H
#define CW_TEXT_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct cw_buf {
  uint8_t *p;
  size_t len, cap;
  bool failed; /* an allocation failed: contents are incomplete */
} cw_buf;

static inline bool cw_buf_reserve(cw_buf *b, size_t more) {
  if (b->len + more <= b->cap) return true;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->len + more)
    cap *= 2;
  uint8_t *p = realloc(b->p, cap);
  if (!p) {
    b->failed = true;
    return false;
  }
  b->p = p;
  b->cap = cap;
  return true;
}

static inline void cw_buf_free(cw_buf *b) {
  free(b->p);
  *b = (cw_buf){0};
}

static inline void cw_buf_u8(cw_buf *b, uint8_t v) {
  if (cw_buf_reserve(b, 1)) b->p[b->len++] = v;
}

static inline void cw_buf_bytes(cw_buf *b, const void *data, size_t n) {
  if (n && cw_buf_reserve(b, n)) {
    memcpy(b->p + b->len, data, n);
    b->len += n;
  }
}

static inline void cw_buf_u64(cw_buf *b, uint64_t v) {
  if (!cw_buf_reserve(b, 10)) return;
  do {
    uint8_t byte = v & 0x7F;
    v >>= 7;
    b->p[b->len++] = byte | (v ? 0x80 : 0);
  } while (v);
}

static inline void cw_buf_u32(cw_buf *b, uint32_t v) { cw_buf_u64(b, v); }

static inline void cw_buf_s64(cw_buf *b, int64_t v) {
  if (!cw_buf_reserve(b, 10)) return;
  for (;;) {
    uint8_t byte = v & 0x7F;
    v >>= 7; /* arithmetic shift: gcc and clang define it for signed values */
    bool done = (v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40));
    b->p[b->len++] = byte | (done ? 0 : 0x80);
    if (done) return;
  }
}

/* A length-prefixed byte string (names, section contents). */
static inline void cw_buf_vec(cw_buf *b, const void *data, size_t n) {
  cw_buf_u64(b, n);
  cw_buf_bytes(b, data, n);
}

#endif /* CW_TEXT_BUF_H */
