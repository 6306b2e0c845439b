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
