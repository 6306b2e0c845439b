/*
 * numeric.h — the numeric instructions of Wasm 2.0 as pure functions.
 *
 * Floats travel as bit patterns (uint32_t / uint64_t), exactly as they sit
 * in a value slot. That keeps NaN payloads out of the C calling convention
 * (an x87 load would quiet a signalling NaN) and lets every rule about
 * payloads be written down once, here:
 *   - abs, neg, copysign are bit operations and never look at the payload;
 *   - add/sub/mul/div are the hardware's IEEE operations: a NaN result is
 *     either the quieted input NaN or the default NaN, which is what the
 *     spec's "arithmetic NaN" / "canonical NaN" rules permit;
 *   - min, max, the rounding functions, sqrt, demote and promote handle
 *     NaN explicitly by quieting the input, so a canonical NaN stays
 *     canonical and any other NaN becomes an arithmetic one.
 * Trapping operations return the trap kind (CWASI_TRAP_NONE on success)
 * and write the result through a pointer.
 *
 * Everything here avoids C undefined behaviour: signed arithmetic is done
 * on unsigned types, shift counts are masked, and a float is only cast to
 * an integer type after a range check proves the result representable.
 */
#ifndef CW_INTERP_NUMERIC_H
#define CW_INTERP_NUMERIC_H

#include <float.h>
#include <math.h>

#include "common.h"

/* Intermediate results wider than the type (x87) would break exact
 * rounding of every float instruction. */
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD != 0 && FLT_EVAL_METHOD != -1
#error "cwasi needs float arithmetic evaluated in its own type (FLT_EVAL_METHOD == 0)"
#endif

/* ---- integer ------------------------------------------------------------ */

static inline uint32_t interp_i32_clz(uint32_t a) {
#if defined(__GNUC__)
  return a ? (uint32_t)__builtin_clz(a) : 32;
#else
  uint32_t n = 0;
  if (!a) return 32;
  while (!(a & 0x80000000u))
    a <<= 1, n++;
  return n;
#endif
}

static inline uint32_t interp_i32_ctz(uint32_t a) {
#if defined(__GNUC__)
  return a ? (uint32_t)__builtin_ctz(a) : 32;
#else
  uint32_t n = 0;
  if (!a) return 32;
  while (!(a & 1))
    a >>= 1, n++;
  return n;
#endif
}

static inline uint32_t interp_i32_popcnt(uint32_t a) {
#if defined(__GNUC__)
  return (uint32_t)__builtin_popcount(a);
#else
  uint32_t n = 0;
  for (; a; a &= a - 1)
    n++;
  return n;
#endif
}

static inline uint64_t interp_i64_clz(uint64_t a) {
#if defined(__GNUC__)
  return a ? (uint64_t)__builtin_clzll(a) : 64;
#else
  uint64_t n = 0;
  if (!a) return 64;
  while (!(a & 0x8000000000000000u))
    a <<= 1, n++;
  return n;
#endif
}

static inline uint64_t interp_i64_ctz(uint64_t a) {
#if defined(__GNUC__)
  return a ? (uint64_t)__builtin_ctzll(a) : 64;
#else
  uint64_t n = 0;
  if (!a) return 64;
  while (!(a & 1))
    a >>= 1, n++;
  return n;
#endif
}

static inline uint64_t interp_i64_popcnt(uint64_t a) {
#if defined(__GNUC__)
  return (uint64_t)__builtin_popcountll(a);
#else
  uint64_t n = 0;
  for (; a; a &= a - 1)
    n++;
  return n;
#endif
}

/* Shift counts are taken modulo the width, as the spec says. */
static inline uint32_t interp_i32_shl(uint32_t a, uint32_t b) { return a << (b & 31); }
static inline uint32_t interp_i32_shr_u(uint32_t a, uint32_t b) { return a >> (b & 31); }
static inline uint32_t interp_i32_shr_s(uint32_t a, uint32_t b) {
  uint32_t n = b & 31;
  /* Right-shifting a negative signed value is implementation-defined in C. */
  return (a & 0x80000000u) ? ~(~a >> n) : a >> n;
}
static inline uint32_t interp_i32_rotl(uint32_t a, uint32_t b) {
  uint32_t n = b & 31;
  return (a << n) | (a >> ((32 - n) & 31));
}
static inline uint32_t interp_i32_rotr(uint32_t a, uint32_t b) {
  uint32_t n = b & 31;
  return (a >> n) | (a << ((32 - n) & 31));
}

static inline uint64_t interp_i64_shl(uint64_t a, uint64_t b) { return a << (b & 63); }
static inline uint64_t interp_i64_shr_u(uint64_t a, uint64_t b) { return a >> (b & 63); }
static inline uint64_t interp_i64_shr_s(uint64_t a, uint64_t b) {
  uint64_t n = b & 63;
  return (a & 0x8000000000000000u) ? ~(~a >> n) : a >> n;
}
static inline uint64_t interp_i64_rotl(uint64_t a, uint64_t b) {
  uint64_t n = b & 63;
  return (a << n) | (a >> ((64 - n) & 63));
}
static inline uint64_t interp_i64_rotr(uint64_t a, uint64_t b) {
  uint64_t n = b & 63;
  return (a >> n) | (a << ((64 - n) & 63));
}

/* Two's complement reinterpretation without implementation-defined casts. */
static inline int32_t interp_s32(uint32_t a) {
  return a <= INT32_MAX ? (int32_t)a : -(int32_t)(~a) - 1;
}
static inline int64_t interp_s64(uint64_t a) {
  return a <= INT64_MAX ? (int64_t)a : -(int64_t)(~a) - 1;
}

static inline cwasi_trap_kind interp_i32_div_s(uint32_t a, uint32_t b, uint32_t *r) {
  if (b == 0) return CWASI_TRAP_DIV_ZERO;
  if (a == 0x80000000u && b == 0xFFFFFFFFu) return CWASI_TRAP_INT_OVERFLOW;
  *r = (uint32_t)(interp_s32(a) / interp_s32(b));
  return CWASI_TRAP_NONE;
}
static inline cwasi_trap_kind interp_i32_div_u(uint32_t a, uint32_t b, uint32_t *r) {
  if (b == 0) return CWASI_TRAP_DIV_ZERO;
  *r = a / b;
  return CWASI_TRAP_NONE;
}
/* INT_MIN % -1 is 0 in wasm but undefined behaviour in C. */
static inline cwasi_trap_kind interp_i32_rem_s(uint32_t a, uint32_t b, uint32_t *r) {
  if (b == 0) return CWASI_TRAP_DIV_ZERO;
  *r = b == 0xFFFFFFFFu ? 0 : (uint32_t)(interp_s32(a) % interp_s32(b));
  return CWASI_TRAP_NONE;
}
static inline cwasi_trap_kind interp_i32_rem_u(uint32_t a, uint32_t b, uint32_t *r) {
  if (b == 0) return CWASI_TRAP_DIV_ZERO;
  *r = a % b;
  return CWASI_TRAP_NONE;
}

static inline cwasi_trap_kind interp_i64_div_s(uint64_t a, uint64_t b, uint64_t *r) {
  if (b == 0) return CWASI_TRAP_DIV_ZERO;
  if (a == 0x8000000000000000u && b == UINT64_MAX) return CWASI_TRAP_INT_OVERFLOW;
  *r = (uint64_t)(interp_s64(a) / interp_s64(b));
  return CWASI_TRAP_NONE;
}
static inline cwasi_trap_kind interp_i64_div_u(uint64_t a, uint64_t b, uint64_t *r) {
  if (b == 0) return CWASI_TRAP_DIV_ZERO;
  *r = a / b;
  return CWASI_TRAP_NONE;
}
static inline cwasi_trap_kind interp_i64_rem_s(uint64_t a, uint64_t b, uint64_t *r) {
  if (b == 0) return CWASI_TRAP_DIV_ZERO;
  *r = b == UINT64_MAX ? 0 : (uint64_t)(interp_s64(a) % interp_s64(b));
  return CWASI_TRAP_NONE;
}
static inline cwasi_trap_kind interp_i64_rem_u(uint64_t a, uint64_t b, uint64_t *r) {
  if (b == 0) return CWASI_TRAP_DIV_ZERO;
  *r = a % b;
  return CWASI_TRAP_NONE;
}

/* Sign extension by the xor/subtract identity: exact in unsigned arithmetic. */
static inline uint32_t interp_i32_extend8_s(uint32_t a) { return ((a & 0xFFu) ^ 0x80u) - 0x80u; }
static inline uint32_t interp_i32_extend16_s(uint32_t a) {
  return ((a & 0xFFFFu) ^ 0x8000u) - 0x8000u;
}
static inline uint64_t interp_i64_extend8_s(uint64_t a) { return ((a & 0xFFu) ^ 0x80u) - 0x80u; }
static inline uint64_t interp_i64_extend16_s(uint64_t a) {
  return ((a & 0xFFFFu) ^ 0x8000u) - 0x8000u;
}
static inline uint64_t interp_i64_extend32_s(uint64_t a) {
  return ((a & 0xFFFFFFFFu) ^ 0x80000000u) - 0x80000000u;
}

/* ---- float: bit-level helpers -------------------------------------------- */

#define INTERP_F32_SIGN 0x80000000u
#define INTERP_F32_QUIET 0x00400000u
#define INTERP_F32_CANON 0x7FC00000u
#define INTERP_F64_SIGN 0x8000000000000000u
#define INTERP_F64_QUIET 0x0008000000000000u
#define INTERP_F64_CANON 0x7FF8000000000000u

static inline bool interp_f32_is_nan(uint32_t a) { return (a & ~INTERP_F32_SIGN) > 0x7F800000u; }
static inline bool interp_f64_is_nan(uint64_t a) {
  return (a & ~INTERP_F64_SIGN) > 0x7FF0000000000000u;
}

static inline uint32_t interp_f32_abs(uint32_t a) { return a & ~INTERP_F32_SIGN; }
static inline uint32_t interp_f32_neg(uint32_t a) { return a ^ INTERP_F32_SIGN; }
static inline uint32_t interp_f32_copysign(uint32_t a, uint32_t b) {
  return (a & ~INTERP_F32_SIGN) | (b & INTERP_F32_SIGN);
}
static inline uint64_t interp_f64_abs(uint64_t a) { return a & ~INTERP_F64_SIGN; }
static inline uint64_t interp_f64_neg(uint64_t a) { return a ^ INTERP_F64_SIGN; }
static inline uint64_t interp_f64_copysign(uint64_t a, uint64_t b) {
  return (a & ~INTERP_F64_SIGN) | (b & INTERP_F64_SIGN);
}

/* ---- float: arithmetic ------------------------------------------------------ */

static inline uint32_t interp_f32_add(uint32_t a, uint32_t b) {
  return cw_f32_bits(cw_bits_f32(a) + cw_bits_f32(b));
}
static inline uint32_t interp_f32_sub(uint32_t a, uint32_t b) {
  return cw_f32_bits(cw_bits_f32(a) - cw_bits_f32(b));
}
static inline uint32_t interp_f32_mul(uint32_t a, uint32_t b) {
  return cw_f32_bits(cw_bits_f32(a) * cw_bits_f32(b));
}
static inline uint32_t interp_f32_div(uint32_t a, uint32_t b) {
  return cw_f32_bits(cw_bits_f32(a) / cw_bits_f32(b));
}
static inline uint64_t interp_f64_add(uint64_t a, uint64_t b) {
  return cw_f64_bits(cw_bits_f64(a) + cw_bits_f64(b));
}
static inline uint64_t interp_f64_sub(uint64_t a, uint64_t b) {
  return cw_f64_bits(cw_bits_f64(a) - cw_bits_f64(b));
}
static inline uint64_t interp_f64_mul(uint64_t a, uint64_t b) {
  return cw_f64_bits(cw_bits_f64(a) * cw_bits_f64(b));
}
static inline uint64_t interp_f64_div(uint64_t a, uint64_t b) {
  return cw_f64_bits(cw_bits_f64(a) / cw_bits_f64(b));
}

/* min/max: any NaN operand gives a NaN; -0 orders below +0. Equal non-zero
 * values have equal bits, so or/and of the bits picks the right zero. */
static inline uint32_t interp_f32_min(uint32_t a, uint32_t b) {
  if (interp_f32_is_nan(a)) return a | INTERP_F32_QUIET;
  if (interp_f32_is_nan(b)) return b | INTERP_F32_QUIET;
  float x = cw_bits_f32(a), y = cw_bits_f32(b);
  if (x == y) return a | b;
  return x < y ? a : b;
}
static inline uint32_t interp_f32_max(uint32_t a, uint32_t b) {
  if (interp_f32_is_nan(a)) return a | INTERP_F32_QUIET;
  if (interp_f32_is_nan(b)) return b | INTERP_F32_QUIET;
  float x = cw_bits_f32(a), y = cw_bits_f32(b);
  if (x == y) return a & b;
  return x > y ? a : b;
}
static inline uint64_t interp_f64_min(uint64_t a, uint64_t b) {
  if (interp_f64_is_nan(a)) return a | INTERP_F64_QUIET;
  if (interp_f64_is_nan(b)) return b | INTERP_F64_QUIET;
  double x = cw_bits_f64(a), y = cw_bits_f64(b);
  if (x == y) return a | b;
  return x < y ? a : b;
}
static inline uint64_t interp_f64_max(uint64_t a, uint64_t b) {
  if (interp_f64_is_nan(a)) return a | INTERP_F64_QUIET;
  if (interp_f64_is_nan(b)) return b | INTERP_F64_QUIET;
  double x = cw_bits_f64(a), y = cw_bits_f64(b);
  if (x == y) return a & b;
  return x > y ? a : b;
}

/* Rounding to integral values. libm's functions are exact; NaN is handled
 * here so the payload rule does not depend on the C library. nearest is
 * rint in the default round-to-nearest-even mode, which cwasi never
 * changes. */
#define INTERP_F32_ROUND(name, fn)                                                                 \
  static inline uint32_t interp_f32_##name(uint32_t a) {                                           \
    if (interp_f32_is_nan(a)) return a | INTERP_F32_QUIET;                                         \
    return cw_f32_bits(fn(cw_bits_f32(a)));                                                        \
  }
#define INTERP_F64_ROUND(name, fn)                                                                 \
  static inline uint64_t interp_f64_##name(uint64_t a) {                                           \
    if (interp_f64_is_nan(a)) return a | INTERP_F64_QUIET;                                         \
    return cw_f64_bits(fn(cw_bits_f64(a)));                                                        \
  }
INTERP_F32_ROUND(ceil, ceilf)
INTERP_F32_ROUND(floor, floorf)
INTERP_F32_ROUND(trunc, truncf)
INTERP_F32_ROUND(nearest, rintf)
INTERP_F64_ROUND(ceil, ceil)
INTERP_F64_ROUND(floor, floor)
INTERP_F64_ROUND(trunc, trunc)
INTERP_F64_ROUND(nearest, rint)
#undef INTERP_F32_ROUND
#undef INTERP_F64_ROUND

static inline uint32_t interp_f32_sqrt(uint32_t a) {
  if (interp_f32_is_nan(a)) return a | INTERP_F32_QUIET;
  if ((a & INTERP_F32_SIGN) && a != INTERP_F32_SIGN) return INTERP_F32_CANON; /* sqrt(-x) */
  return cw_f32_bits(sqrtf(cw_bits_f32(a)));
}
static inline uint64_t interp_f64_sqrt(uint64_t a) {
  if (interp_f64_is_nan(a)) return a | INTERP_F64_QUIET;
  if ((a & INTERP_F64_SIGN) && a != INTERP_F64_SIGN) return INTERP_F64_CANON;
  return cw_f64_bits(sqrt(cw_bits_f64(a)));
}

/* ---- conversions ------------------------------------------------------------ */

/* Trapping float -> int. The bounds are the exclusive limits of values whose
 * truncation fits: for a signed N-bit result (-2^(N-1) - 1, 2^(N-1)),
 * for an unsigned one (-1, 2^N). Where -2^(N-1) - 1 is not representable
 * in the source type the lower limit is -2^(N-1) inclusive, which is the
 * same set. Only after the check is the C cast defined. */
#define INTERP_TRUNC(name, FT, bitsfn, UT, RT, lo_ok, hi)                                          \
  static inline cwasi_trap_kind interp_##name(UT a, RT *r) {                                       \
    FT x = bitsfn(a);                                                                              \
    if (x != x) return CWASI_TRAP_INVALID_CONVERSION;                                              \
    if (!(lo_ok && x < hi)) return CWASI_TRAP_INT_OVERFLOW;                                        \
    *r = (RT)x;                                                                                    \
    return CWASI_TRAP_NONE;                                                                        \
  }
/* Signed results go through the signed type so negative values convert
 * (int -> unsigned is defined modulo 2^N). */
#define INTERP_TRUNC_S(name, FT, bitsfn, UT, RT, ST, lo_ok, hi)                                    \
  static inline cwasi_trap_kind interp_##name(UT a, RT *r) {                                       \
    FT x = bitsfn(a);                                                                              \
    if (x != x) return CWASI_TRAP_INVALID_CONVERSION;                                              \
    if (!(lo_ok && x < hi)) return CWASI_TRAP_INT_OVERFLOW;                                        \
    *r = (RT)(ST)x;                                                                                \
    return CWASI_TRAP_NONE;                                                                        \
  }
INTERP_TRUNC_S(i32_trunc_f32_s, float, cw_bits_f32, uint32_t, uint32_t, int32_t,
               x >= -2147483648.0f, 2147483648.0f)
INTERP_TRUNC(i32_trunc_f32_u, float, cw_bits_f32, uint32_t, uint32_t, x > -1.0f, 4294967296.0f)
INTERP_TRUNC_S(i32_trunc_f64_s, double, cw_bits_f64, uint64_t, uint32_t, int32_t, x > -2147483649.0,
               2147483648.0)
INTERP_TRUNC(i32_trunc_f64_u, double, cw_bits_f64, uint64_t, uint32_t, x > -1.0, 4294967296.0)
INTERP_TRUNC_S(i64_trunc_f32_s, float, cw_bits_f32, uint32_t, uint64_t, int64_t,
               x >= -9223372036854775808.0f, 9223372036854775808.0f)
INTERP_TRUNC(i64_trunc_f32_u, float, cw_bits_f32, uint32_t, uint64_t, x > -1.0f,
             18446744073709551616.0f)
INTERP_TRUNC_S(i64_trunc_f64_s, double, cw_bits_f64, uint64_t, uint64_t, int64_t,
               x >= -9223372036854775808.0, 9223372036854775808.0)
INTERP_TRUNC(i64_trunc_f64_u, double, cw_bits_f64, uint64_t, uint64_t, x > -1.0,
             18446744073709551616.0)
#undef INTERP_TRUNC
#undef INTERP_TRUNC_S

/* Saturating float -> int: the trapping conversion, with NaN -> 0 and an
 * overflow clamped toward the side the input's sign points to. */
#define INTERP_TRUNC_SAT(name, base, UT, RT, SIGNBIT, MIN, MAX)                                    \
  static inline RT interp_##name(UT a) {                                                           \
    RT r = 0;                                                                                      \
    cwasi_trap_kind k = interp_##base(a, &r);                                                      \
    if (k == CWASI_TRAP_NONE) return r;                                                            \
    if (k == CWASI_TRAP_INVALID_CONVERSION) return 0;                                              \
    return (a & (SIGNBIT)) ? (MIN) : (MAX);                                                        \
  }
INTERP_TRUNC_SAT(i32_trunc_sat_f32_s, i32_trunc_f32_s, uint32_t, uint32_t, INTERP_F32_SIGN,
                 0x80000000u, 0x7FFFFFFFu)
INTERP_TRUNC_SAT(i32_trunc_sat_f32_u, i32_trunc_f32_u, uint32_t, uint32_t, INTERP_F32_SIGN, 0u,
                 0xFFFFFFFFu)
INTERP_TRUNC_SAT(i32_trunc_sat_f64_s, i32_trunc_f64_s, uint64_t, uint32_t, INTERP_F64_SIGN,
                 0x80000000u, 0x7FFFFFFFu)
INTERP_TRUNC_SAT(i32_trunc_sat_f64_u, i32_trunc_f64_u, uint64_t, uint32_t, INTERP_F64_SIGN, 0u,
                 0xFFFFFFFFu)
INTERP_TRUNC_SAT(i64_trunc_sat_f32_s, i64_trunc_f32_s, uint32_t, uint64_t, INTERP_F32_SIGN,
                 0x8000000000000000u, 0x7FFFFFFFFFFFFFFFu)
INTERP_TRUNC_SAT(i64_trunc_sat_f32_u, i64_trunc_f32_u, uint32_t, uint64_t, INTERP_F32_SIGN, 0u,
                 UINT64_MAX)
INTERP_TRUNC_SAT(i64_trunc_sat_f64_s, i64_trunc_f64_s, uint64_t, uint64_t, INTERP_F64_SIGN,
                 0x8000000000000000u, 0x7FFFFFFFFFFFFFFFu)
INTERP_TRUNC_SAT(i64_trunc_sat_f64_u, i64_trunc_f64_u, uint64_t, uint64_t, INTERP_F64_SIGN, 0u,
                 UINT64_MAX)
#undef INTERP_TRUNC_SAT

/* int -> float rounds to nearest-even, once. i32 sources and signed i64
 * sources are single hardware conversions. An unsigned i64 with the top
 * bit set is halved first, keeping the lost bit as a sticky bit so the one
 * rounding step still sees whether the discarded part was exactly half;
 * doubling afterwards is exact. */
static inline uint32_t interp_f32_convert_i32_s(uint32_t a) {
  return cw_f32_bits((float)interp_s32(a));
}
static inline uint32_t interp_f32_convert_i32_u(uint32_t a) { return cw_f32_bits((float)a); }
static inline uint32_t interp_f32_convert_i64_s(uint64_t a) {
  return cw_f32_bits((float)interp_s64(a));
}
static inline uint32_t interp_f32_convert_i64_u(uint64_t a) {
  if (!(a >> 63)) return cw_f32_bits((float)(int64_t)a);
  uint64_t half = (a >> 1) | (a & 1);
  return cw_f32_bits((float)(int64_t)half * 2.0f);
}
static inline uint64_t interp_f64_convert_i32_s(uint32_t a) {
  return cw_f64_bits((double)interp_s32(a));
}
static inline uint64_t interp_f64_convert_i32_u(uint32_t a) { return cw_f64_bits((double)a); }
static inline uint64_t interp_f64_convert_i64_s(uint64_t a) {
  return cw_f64_bits((double)interp_s64(a));
}
static inline uint64_t interp_f64_convert_i64_u(uint64_t a) {
  if (!(a >> 63)) return cw_f64_bits((double)(int64_t)a);
  uint64_t half = (a >> 1) | (a & 1);
  return cw_f64_bits((double)(int64_t)half * 2.0);
}

/* A NaN keeps its sign and the top bits of its payload, and is quieted. */
static inline uint32_t interp_f32_demote_f64(uint64_t a) {
  if (interp_f64_is_nan(a))
    return (uint32_t)(a >> 32 & INTERP_F32_SIGN) | INTERP_F32_CANON |
           (uint32_t)(a >> 29 & 0x003FFFFFu);
  return cw_f32_bits((float)cw_bits_f64(a));
}
static inline uint64_t interp_f64_promote_f32(uint32_t a) {
  if (interp_f32_is_nan(a))
    return (uint64_t)(a & INTERP_F32_SIGN) << 32 | INTERP_F64_CANON |
           (uint64_t)(a & 0x003FFFFFu) << 29;
  return cw_f64_bits((double)cw_bits_f32(a));
}

#endif /* CW_INTERP_NUMERIC_H */
