/*
 * common.h — small helpers every stage shares: error filling, checked
 * allocation, the value-slot representation.
 */
#ifndef CW_COMMON_H
#define CW_COMMON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cwasi.h"

#define CW_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define CW_UNUSED(x) ((void)(x))

#if defined(__GNUC__)
#define CW_LIKELY(x) __builtin_expect(!!(x), 1)
#define CW_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define CW_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CW_LIKELY(x) (x)
#define CW_UNLIKELY(x) (x)
#define CW_PRINTF(f, a)
#endif

/* Fills err (if non-NULL) and returns status, so callers can write
 * `return cw_error(err, CWASI_ERR_INVALID, off, "type mismatch");`.
 * offset is SIZE_MAX when there is no byte offset to report. */
cwasi_status cw_error(cwasi_error *err, cwasi_status status, size_t offset, const char *fmt, ...)
    CW_PRINTF(4, 5);
/* Fills err for a trap of the given kind; the message is the spec's wording
 * followed by detail (may be NULL), e.g. "out of bounds memory access". */
cwasi_status cw_trap(cwasi_error *err, cwasi_trap_kind kind, const char *detail);
void cw_error_clear(cwasi_error *err);

/* Module-controlled names (imports, exports, the name section) in messages:
 * cw_escape_append writes s[0..len) into buf at *pos as one printable line
 * and keeps buf NUL-terminated. Backslash, '"' and C0/DEL controls become
 * \\, \", \n, \t, \r or \xNN; bytes that are not UTF-8 become \xNN;
 * C1 controls and the bidirectional-override and line-separator code
 * points (which reorder or break a terminal line) become \u{XXXX}. A name
 * that does not fit ends in "...". cw_escape_name escapes into buf from
 * the start and returns buf. */
void cw_escape_append(char *buf, size_t buflen, size_t *pos, const char *s, size_t len);
const char *cw_escape_name(char *buf, size_t buflen, const char *s, size_t len);
/* A good size for one escaped name in a message (cut with "..." past it). */
#define CW_NAME_BUF 160

/* Allocation that never returns NULL for n == 0 confusion: NULL means out
 * of memory. Sizes are checked for overflow. */
void *cw_malloc(size_t n);
void *cw_calloc(size_t count, size_t size);
void *cw_realloc_array(void *p, size_t count, size_t size);
void cw_free(void *p);

/*
 * Value slots. The interpreter, globals and the internal calling
 * convention hold every value in 64-bit slots:
 *   i32  zero-extended low 32 bits     f32  its bit pattern in the low 32 bits
 *   i64  all 64 bits                   f64  its bit pattern
 *   funcref  (cwasi_func *) cast to uintptr_t, 0 = null
 *   externref  the host's pointer as uintptr_t, 0 = null
 *   v128  two consecutive slots, low half first
 * cw_slots_for(type) says how many slots a value of that type takes.
 */
typedef uint64_t cw_slot;

static inline uint32_t cw_slots_for(uint8_t valtype) { return valtype == CWASI_V128 ? 2 : 1; }

static inline bool cw_is_reftype(uint8_t t) { return t == CWASI_FUNCREF || t == CWASI_EXTERNREF; }
static inline bool cw_is_valtype(uint8_t t) {
  return t == CWASI_I32 || t == CWASI_I64 || t == CWASI_F32 || t == CWASI_F64 || t == CWASI_V128 ||
         cw_is_reftype(t);
}
const char *cw_valtype_name(uint8_t t); /* "i32", ..., "funcref"; "?" for unknown */

static inline uint32_t cw_f32_bits(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  return u;
}
static inline float cw_bits_f32(uint32_t u) {
  float f;
  memcpy(&f, &u, 4);
  return f;
}
static inline uint64_t cw_f64_bits(double f) {
  uint64_t u;
  memcpy(&u, &f, 8);
  return u;
}
static inline double cw_bits_f64(uint64_t u) {
  double f;
  memcpy(&f, &u, 8);
  return f;
}

#endif /* CW_COMMON_H */
