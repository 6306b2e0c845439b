/*
 * simd.h — the semantics of every v128 instruction (Wasm 2.0 fixed-width
 * SIMD and Wasm 3.0 relaxed SIMD) as pure `static inline` functions over
 * interp_v128. Private to src/interp/; interp.c generates one handler per
 * instruction from the shape lists of code.h, each calling
 * interp_simd_<ID> (ID as in decode/opcodes.h).
 *
 * Two implementations share this file:
 *   - the portable one: a loop over the lanes of a union, which any C11
 *     compiler builds and which is the reference for every instruction;
 *   - under GNU C (GCC, clang) and unless CW_SIMD_SCALAR is defined, the
 *     lane-wise integer and float arithmetic, bitwise operations,
 *     comparisons and splats use the compilers' generic vector extensions,
 *     which become SSE2 on x86-64 and NEON on aarch64 without anything
 *     target-specific here or elsewhere.
 * `make SIMD=scalar` builds the portable path; `make test` runs the SIMD
 * spec files through both.
 *
 * Float lanes follow Wasm exactly: the operations whose result the IEEE
 * hardware operation gives (add, sub, mul, div, sqrt, comparisons) use it,
 * the others go through numeric.h's scalar functions lane by lane (min/max
 * propagate NaN and order -0 < +0, nearest is ties-to-even, trunc_sat
 * saturates with NaN -> 0). pmin/pmax are the select forms b < a ? b : a.
 * Every lane's NaN is whatever the scalar operation would give, which the
 * spec's nondeterministic NaN rules allow.
 */
#ifndef CW_INTERP_SIMD_H
#define CW_INTERP_SIMD_H

#include <math.h>

#include "common.h"
#include "interp/numeric.h"

#if defined(__GNUC__) && !defined(CW_SIMD_SCALAR)
#define INTERP_SIMD_VECTOR 1
typedef uint8_t interp_vu8 __attribute__((vector_size(16)));
typedef int8_t interp_vi8 __attribute__((vector_size(16)));
typedef uint16_t interp_vu16 __attribute__((vector_size(16)));
typedef int16_t interp_vi16 __attribute__((vector_size(16)));
typedef uint32_t interp_vu32 __attribute__((vector_size(16)));
typedef int32_t interp_vi32 __attribute__((vector_size(16)));
typedef uint64_t interp_vu64 __attribute__((vector_size(16)));
typedef int64_t interp_vi64 __attribute__((vector_size(16)));
typedef float interp_vf32 __attribute__((vector_size(16)));
typedef double interp_vf64 __attribute__((vector_size(16)));
#else
#define INTERP_SIMD_VECTOR 0
#endif

/* A v128 value; lane i of a shape is element i of its array (little
 * endian, as Wasm numbers lanes). */
typedef union interp_v128 {
  uint8_t u8[16];
  int8_t i8[16];
  uint16_t u16[8];
  int16_t i16[8];
  uint32_t u32[4];
  int32_t i32[4];
  uint64_t u64[2];
  int64_t i64[2];
  float f32[4];
  double f64[2];
#if INTERP_SIMD_VECTOR
  interp_vu8 vu8;
  interp_vi8 vi8;
  interp_vu16 vu16;
  interp_vi16 vi16;
  interp_vu32 vu32;
  interp_vi32 vi32;
  interp_vu64 vu64;
  interp_vi64 vi64;
  interp_vf32 vf32;
  interp_vf64 vf64;
#endif
} interp_v128;

/* Values live in two consecutive 8-byte slots (common.h), which are only
 * 8-byte aligned: a 16-byte access there crosses a cache line for one slot
 * in four, and a 16-byte load from a line-crossing 16-byte store cannot be
 * forwarded (matmul's -msimd128 build ran 2x slower from that stall). So
 * slots are read and written as two 8-byte halves, never split; the high
 * half is accessed through a volatile lvalue only so that the compiler
 * cannot merge the two back into one 16-byte access. */
static inline interp_v128 interp_v128_get(const cw_slot *p) {
  interp_v128 v;
  v.u64[0] = p[0];
  v.u64[1] = p[1];
  return v;
}
static inline void interp_v128_put(cw_slot *p, interp_v128 v) {
  p[0] = v.u64[0];
  p[1] = v.u64[1];
}
/* Guest memory: any alignment. */
static inline interp_v128 interp_v128_read(const uint8_t *p) {
  interp_v128 v;
  memcpy(&v, p, 16);
  return v;
}

/* r.F[i] = EXPR for every lane i (a and b the operands). */
#define SIMD_LANES(F, n, expr)                                                                     \
  do {                                                                                             \
    for (int i = 0; i < (n); i++)                                                                  \
      r.F[i] = (expr);                                                                             \
  } while (0)

/* One function per instruction. UN: r = f(a); BIN: r = f(a, b). VEXPR is
 * the vector-extension expression, SEXPR the lane expression (F the lane
 * array written, n the lane count). */
#if INTERP_SIMD_VECTOR
#define SIMD_BIN(ID, F, n, VEXPR, SEXPR)                                                           \
  static inline interp_v128 interp_simd_##ID(interp_v128 a, interp_v128 b) {                       \
    interp_v128 r;                                                                                 \
    VEXPR;                                                                                         \
    return r;                                                                                      \
  }
#else
#define SIMD_BIN(ID, F, n, VEXPR, SEXPR)                                                           \
  static inline interp_v128 interp_simd_##ID(interp_v128 a, interp_v128 b) {                       \
    interp_v128 r;                                                                                 \
    SIMD_LANES(F, n, SEXPR);                                                                       \
    return r;                                                                                      \
  }
#endif
/* Lane loops only (no vector form worth having). */
#define SIMD_BIN_L(ID, F, n, SEXPR)                                                                \
  static inline interp_v128 interp_simd_##ID(interp_v128 a, interp_v128 b) {                       \
    interp_v128 r;                                                                                 \
    SIMD_LANES(F, n, SEXPR);                                                                       \
    return r;                                                                                      \
  }
#define SIMD_UN_L(ID, F, n, SEXPR)                                                                 \
  static inline interp_v128 interp_simd_##ID(interp_v128 a) {                                      \
    interp_v128 r;                                                                                 \
    SIMD_LANES(F, n, SEXPR);                                                                       \
    return r;                                                                                      \
  }

/* ---- helpers -------------------------------------------------------------------------- */

static inline int8_t interp_sat_i8(int32_t x) {
  return (int8_t)(x < -128 ? -128 : x > 127 ? 127 : x);
}
static inline uint8_t interp_sat_u8(int32_t x) { return (uint8_t)(x < 0 ? 0 : x > 255 ? 255 : x); }
static inline int16_t interp_sat_i16(int32_t x) {
  return (int16_t)(x < -32768 ? -32768 : x > 32767 ? 32767 : x);
}
static inline uint16_t interp_sat_u16(int32_t x) {
  return (uint16_t)(x < 0 ? 0 : x > 65535 ? 65535 : x);
}
static inline float interp_lf32(uint32_t b) { return cw_bits_f32(b); }
static inline double interp_lf64(uint64_t b) { return cw_bits_f64(b); }
/* An all-ones or all-zeros lane. */
#define SIMD_MASK(T, c) ((T) - (T)(c))

/* ---- constants, splats, lanes ------------------------------------------------------------ */

#if INTERP_SIMD_VECTOR
#define SIMD_SPLAT(ID, F, VF, T)                                                                   \
  static inline interp_v128 interp_simd_##ID(cw_slot x) {                                          \
    interp_v128 r;                                                                                 \
    r.VF = (__typeof__(r.VF)){0} + (T)x;                                                           \
    return r;                                                                                      \
  }
#else
#define SIMD_SPLAT(ID, F, VF, T)                                                                   \
  static inline interp_v128 interp_simd_##ID(cw_slot x) {                                          \
    interp_v128 r;                                                                                 \
    SIMD_LANES(F, (int)(16 / sizeof(T)), (T)x);                                                    \
    return r;                                                                                      \
  }
#endif
SIMD_SPLAT(I8X16_SPLAT, u8, vu8, uint8_t)
SIMD_SPLAT(I16X8_SPLAT, u16, vu16, uint16_t)
SIMD_SPLAT(I32X4_SPLAT, u32, vu32, uint32_t)
SIMD_SPLAT(I64X2_SPLAT, u64, vu64, uint64_t)
SIMD_SPLAT(F32X4_SPLAT, u32, vu32, uint32_t) /* bit patterns: no conversion */
SIMD_SPLAT(F64X2_SPLAT, u64, vu64, uint64_t)

/* Extracted lanes are slot values: i32/f32 zero-extended bit patterns. */
static inline cw_slot interp_simd_I8X16_EXTRACT_LANE_S(interp_v128 a, uint32_t l) {
  return (uint32_t)(int32_t)a.i8[l];
}
static inline cw_slot interp_simd_I8X16_EXTRACT_LANE_U(interp_v128 a, uint32_t l) {
  return a.u8[l];
}
static inline cw_slot interp_simd_I16X8_EXTRACT_LANE_S(interp_v128 a, uint32_t l) {
  return (uint32_t)(int32_t)a.i16[l];
}
static inline cw_slot interp_simd_I16X8_EXTRACT_LANE_U(interp_v128 a, uint32_t l) {
  return a.u16[l];
}
static inline cw_slot interp_simd_I32X4_EXTRACT_LANE(interp_v128 a, uint32_t l) { return a.u32[l]; }
static inline cw_slot interp_simd_I64X2_EXTRACT_LANE(interp_v128 a, uint32_t l) { return a.u64[l]; }
static inline cw_slot interp_simd_F32X4_EXTRACT_LANE(interp_v128 a, uint32_t l) { return a.u32[l]; }
static inline cw_slot interp_simd_F64X2_EXTRACT_LANE(interp_v128 a, uint32_t l) { return a.u64[l]; }

#define SIMD_REPLACE(ID, F, T)                                                                     \
  static inline interp_v128 interp_simd_##ID(interp_v128 a, cw_slot x, uint32_t l) {               \
    a.F[l] = (T)x;                                                                                 \
    return a;                                                                                      \
  }
SIMD_REPLACE(I8X16_REPLACE_LANE, u8, uint8_t)
SIMD_REPLACE(I16X8_REPLACE_LANE, u16, uint16_t)
SIMD_REPLACE(I32X4_REPLACE_LANE, u32, uint32_t)
SIMD_REPLACE(I64X2_REPLACE_LANE, u64, uint64_t)
SIMD_REPLACE(F32X4_REPLACE_LANE, u32, uint32_t)
SIMD_REPLACE(F64X2_REPLACE_LANE, u64, uint64_t)

/* s: the 16 lane indices (each < 32: the validator checked), as the
 * translator stored them: when they move whole aligned groups of 8, 4 or 2
 * bytes (most shuffles compilers emit: interleaves, narrowing, extends),
 * bit 7, 6 or 5 of s[0] says so and the gather moves groups, not bytes
 * (interp_shuffle_kind). */
#define INTERP_SHUFFLE_G8 0x80
#define INTERP_SHUFFLE_G4 0x40
#define INTERP_SHUFFLE_G2 0x20
static inline uint8_t interp_shuffle_kind(const uint8_t s[16]) {
  static const uint8_t flags[] = {INTERP_SHUFFLE_G8, INTERP_SHUFFLE_G4, INTERP_SHUFFLE_G2};
  for (int g = 8, f = 0; g >= 2; g /= 2, f++) {
    bool ok = true;
    for (int i = 0; i < 16 && ok; i++)
      ok = s[i] == s[i - i % g] + i % g && s[i - i % g] % g == 0;
    if (ok) return flags[f];
  }
  return 0;
}
/* Each half of the result is assembled in a 64-bit integer: built lane by
 * lane in memory, the 16-byte read of it afterwards could not be
 * forwarded from the narrow stores (blur's -msimd128 build spent half its
 * time in that stall). */
#define SIMD_SHUFFLE_HALVES(T)                                                                     \
  for (int h = 0; h < 2; h++) {                                                                    \
    uint64_t x = 0;                                                                                \
    for (unsigned i = 0; i < 8; i += sizeof(T)) {                                                  \
      T lane;                                                                                      \
      memcpy(&lane, ab + (s[8 * h + i] & 31), sizeof(T));                                          \
      x |= (uint64_t)lane << (8 * i);                                                              \
    }                                                                                              \
    r.u64[h] = x;                                                                                  \
  }
static inline interp_v128 interp_simd_I8X16_SHUFFLE(interp_v128 a, interp_v128 b,
                                                    const uint8_t *s) {
  uint8_t ab[32];
  memcpy(ab, &a, 16);
  memcpy(ab + 16, &b, 16);
  interp_v128 r;
  switch (s[0] & 0xE0) {
  case INTERP_SHUFFLE_G8: SIMD_SHUFFLE_HALVES(uint64_t) break;
  case INTERP_SHUFFLE_G4: SIMD_SHUFFLE_HALVES(uint32_t) break;
  case INTERP_SHUFFLE_G2: SIMD_SHUFFLE_HALVES(uint16_t) break;
  default: SIMD_SHUFFLE_HALVES(uint8_t) break;
  }
  return r;
}
SIMD_BIN_L(I8X16_SWIZZLE, u8, 16, b.u8[i] < 16 ? a.u8[b.u8[i]] : 0)
SIMD_BIN_L(I8X16_RELAXED_SWIZZLE, u8, 16, b.u8[i] < 16 ? a.u8[b.u8[i]] : 0)

/* ---- memory: the handlers check the bounds, these read the bytes ------------------------------
 */

static inline interp_v128 interp_simd_V128_LOAD(const uint8_t *p) { return interp_v128_read(p); }
#define SIMD_LOAD_EXT(ID, F, n, T)                                                                 \
  static inline interp_v128 interp_simd_##ID(const uint8_t *p) {                                   \
    T x[n];                                                                                        \
    memcpy(x, p, sizeof x);                                                                        \
    interp_v128 r;                                                                                 \
    SIMD_LANES(F, n, x[i]);                                                                        \
    return r;                                                                                      \
  }
SIMD_LOAD_EXT(V128_LOAD8X8_S, i16, 8, int8_t)
SIMD_LOAD_EXT(V128_LOAD8X8_U, u16, 8, uint8_t)
SIMD_LOAD_EXT(V128_LOAD16X4_S, i32, 4, int16_t)
SIMD_LOAD_EXT(V128_LOAD16X4_U, u32, 4, uint16_t)
SIMD_LOAD_EXT(V128_LOAD32X2_S, i64, 2, int32_t)
SIMD_LOAD_EXT(V128_LOAD32X2_U, u64, 2, uint32_t)
#define SIMD_LOAD_SPLAT(ID, SPLAT, T)                                                              \
  static inline interp_v128 interp_simd_##ID(const uint8_t *p) {                                   \
    T x;                                                                                           \
    memcpy(&x, p, sizeof x);                                                                       \
    return interp_simd_##SPLAT(x);                                                                 \
  }
SIMD_LOAD_SPLAT(V128_LOAD8_SPLAT, I8X16_SPLAT, uint8_t)
SIMD_LOAD_SPLAT(V128_LOAD16_SPLAT, I16X8_SPLAT, uint16_t)
SIMD_LOAD_SPLAT(V128_LOAD32_SPLAT, I32X4_SPLAT, uint32_t)
SIMD_LOAD_SPLAT(V128_LOAD64_SPLAT, I64X2_SPLAT, uint64_t)
#define SIMD_LOAD_ZERO(ID, W)                                                                      \
  static inline interp_v128 interp_simd_##ID(const uint8_t *p) {                                   \
    interp_v128 r;                                                                                 \
    memset(&r, 0, sizeof r);                                                                       \
    memcpy(r.u8, p, W);                                                                            \
    return r;                                                                                      \
  }
SIMD_LOAD_ZERO(V128_LOAD32_ZERO, 4)
SIMD_LOAD_ZERO(V128_LOAD64_ZERO, 8)
#define SIMD_LOAD_LANE(ID, W)                                                                      \
  static inline interp_v128 interp_simd_##ID(interp_v128 a, const uint8_t *p, uint32_t l) {        \
    memcpy(a.u8 + (size_t)l * W, p, W);                                                            \
    return a;                                                                                      \
  }
SIMD_LOAD_LANE(V128_LOAD8_LANE, 1)
SIMD_LOAD_LANE(V128_LOAD16_LANE, 2)
SIMD_LOAD_LANE(V128_LOAD32_LANE, 4)
SIMD_LOAD_LANE(V128_LOAD64_LANE, 8)

/* ---- bitwise -------------------------------------------------------------------------------- */

SIMD_BIN(V128_AND, u64, 2, r.vu64 = a.vu64 & b.vu64, a.u64[i] & b.u64[i])
SIMD_BIN(V128_ANDNOT, u64, 2, r.vu64 = a.vu64 & ~b.vu64, a.u64[i] & ~b.u64[i])
SIMD_BIN(V128_OR, u64, 2, r.vu64 = a.vu64 | b.vu64, a.u64[i] | b.u64[i])
SIMD_BIN(V128_XOR, u64, 2, r.vu64 = a.vu64 ^ b.vu64, a.u64[i] ^ b.u64[i])
SIMD_UN_L(V128_NOT, u64, 2, ~a.u64[i])
static inline interp_v128 interp_simd_V128_BITSELECT(interp_v128 a, interp_v128 b, interp_v128 c) {
  interp_v128 r;
  SIMD_LANES(u64, 2, (a.u64[i] & c.u64[i]) | (b.u64[i] & ~c.u64[i]));
  return r;
}
static inline uint32_t interp_simd_V128_ANY_TRUE(interp_v128 a) {
  return (a.u64[0] | a.u64[1]) != 0;
}

/* ---- integer lanes -------------------------------------------------------------------------- */

/* Comparisons: all-ones lanes where true. */
#define SIMD_ICMP(ID, F, T, n, op, S)                                                              \
  SIMD_BIN(ID, F, n, r.v##F = (__typeof__(r.v##F))(a.v##S op b.v##S),                              \
           SIMD_MASK(T, a.S[i] op b.S[i]))
#define SIMD_ICMPS(P, U, I, T, n)                                                                  \
  SIMD_ICMP(P##_EQ, U, T, n, ==, U)                                                                \
  SIMD_ICMP(P##_NE, U, T, n, !=, U)                                                                \
  SIMD_ICMP(P##_LT_S, U, T, n, <, I)                                                               \
  SIMD_ICMP(P##_LT_U, U, T, n, <, U)                                                               \
  SIMD_ICMP(P##_GT_S, U, T, n, >, I)                                                               \
  SIMD_ICMP(P##_GT_U, U, T, n, >, U)                                                               \
  SIMD_ICMP(P##_LE_S, U, T, n, <=, I)                                                              \
  SIMD_ICMP(P##_LE_U, U, T, n, <=, U)                                                              \
  SIMD_ICMP(P##_GE_S, U, T, n, >=, I)                                                              \
  SIMD_ICMP(P##_GE_U, U, T, n, >=, U)
SIMD_ICMPS(I8X16, u8, i8, uint8_t, 16)
SIMD_ICMPS(I16X8, u16, i16, uint16_t, 8)
SIMD_ICMPS(I32X4, u32, i32, uint32_t, 4)
SIMD_ICMP(I64X2_EQ, u64, uint64_t, 2, ==, u64)
SIMD_ICMP(I64X2_NE, u64, uint64_t, 2, !=, u64)
SIMD_ICMP(I64X2_LT_S, u64, uint64_t, 2, <, i64)
SIMD_ICMP(I64X2_GT_S, u64, uint64_t, 2, >, i64)
SIMD_ICMP(I64X2_LE_S, u64, uint64_t, 2, <=, i64)
SIMD_ICMP(I64X2_GE_S, u64, uint64_t, 2, >=, i64)

/* Wrapping add, sub, mul, neg: on unsigned lanes (defined overflow). */
#define SIMD_IARITH(P, U, T, n)                                                                    \
  SIMD_BIN(P##_ADD, U, n, r.v##U = a.v##U + b.v##U, (T)(a.U[i] + b.U[i]))                          \
  SIMD_BIN(P##_SUB, U, n, r.v##U = a.v##U - b.v##U, (T)(a.U[i] - b.U[i]))                          \
  SIMD_UN_L(P##_NEG, U, n, (T)(0u - a.U[i]))                                                       \
  SIMD_UN_L(P##_ABS, U, n, (T)((T)(a.U[i] >> (8 * sizeof(T) - 1)) ? 0u - a.U[i] : a.U[i]))
SIMD_IARITH(I8X16, u8, uint8_t, 16)
SIMD_IARITH(I16X8, u16, uint16_t, 8)
SIMD_IARITH(I32X4, u32, uint32_t, 4)
SIMD_IARITH(I64X2, u64, uint64_t, 2)
SIMD_BIN(I16X8_MUL, u16, 8, r.vu16 = a.vu16 * b.vu16, (uint16_t)((uint32_t)a.u16[i] * b.u16[i]))
SIMD_BIN(I32X4_MUL, u32, 4, r.vu32 = a.vu32 * b.vu32, a.u32[i] * b.u32[i])
SIMD_BIN(I64X2_MUL, u64, 2, r.vu64 = a.vu64 * b.vu64, a.u64[i] * b.u64[i])

/* Shifts: the count is taken modulo the lane width. Signed right shifts
 * of negative values are arithmetic in GNU C (and in every C compiler
 * cwasi targets); the portable form avoids relying on it. */
#define SIMD_SHIFT(ID, F, n, bits, expr)                                                           \
  static inline interp_v128 interp_simd_##ID(interp_v128 a, uint32_t c) {                          \
    uint32_t k = c & (bits - 1);                                                                   \
    interp_v128 r;                                                                                 \
    SIMD_LANES(F, n, expr);                                                                        \
    return r;                                                                                      \
  }
#define SIMD_SHIFTS(P, U, I, T, n, bits)                                                           \
  SIMD_SHIFT(P##_SHL, U, n, bits, (T)(a.U[i] << k))                                                \
  SIMD_SHIFT(P##_SHR_U, U, n, bits, (T)(a.U[i] >> k))                                              \
  SIMD_SHIFT(P##_SHR_S, U, n, bits, (T)(a.I[i] < 0 ? (T) ~(T)((T)~a.U[i] >> k) : (T)(a.U[i] >> k)))
SIMD_SHIFTS(I8X16, u8, i8, uint8_t, 16, 8)
SIMD_SHIFTS(I16X8, u16, i16, uint16_t, 8, 16)
SIMD_SHIFTS(I32X4, u32, i32, uint32_t, 4, 32)
SIMD_SHIFTS(I64X2, u64, i64, uint64_t, 2, 64)

/* min, max, saturating add/sub, rounding average (8 and 16 bit). */
#define SIMD_MINMAX(P, U, I, n)                                                                    \
  SIMD_BIN_L(P##_MIN_S, I, n, a.I[i] < b.I[i] ? a.I[i] : b.I[i])                                   \
  SIMD_BIN_L(P##_MIN_U, U, n, a.U[i] < b.U[i] ? a.U[i] : b.U[i])                                   \
  SIMD_BIN_L(P##_MAX_S, I, n, a.I[i] > b.I[i] ? a.I[i] : b.I[i])                                   \
  SIMD_BIN_L(P##_MAX_U, U, n, a.U[i] > b.U[i] ? a.U[i] : b.U[i])
SIMD_MINMAX(I8X16, u8, i8, 16)
SIMD_MINMAX(I16X8, u16, i16, 8)
SIMD_MINMAX(I32X4, u32, i32, 4)
#define SIMD_SAT(P, U, I, n, sat_s, sat_u)                                                         \
  SIMD_BIN_L(P##_ADD_SAT_S, I, n, sat_s((int32_t)a.I[i] + b.I[i]))                                 \
  SIMD_BIN_L(P##_ADD_SAT_U, U, n, sat_u((int32_t)a.U[i] + b.U[i]))                                 \
  SIMD_BIN_L(P##_SUB_SAT_S, I, n, sat_s((int32_t)a.I[i] - b.I[i]))                                 \
  SIMD_BIN_L(P##_SUB_SAT_U, U, n, sat_u((int32_t)a.U[i] - b.U[i]))                                 \
  SIMD_BIN_L(P##_AVGR_U, U, n, (a.U[i] + b.U[i] + 1u) >> 1)
SIMD_SAT(I8X16, u8, i8, 16, interp_sat_i8, interp_sat_u8)
SIMD_SAT(I16X8, u16, i16, 8, interp_sat_i16, interp_sat_u16)
SIMD_UN_L(I8X16_POPCNT, u8, 16, (uint8_t)interp_i32_popcnt(a.u8[i]))
SIMD_BIN_L(I16X8_Q15MULR_SAT_S, i16, 8,
           interp_sat_i16(((int32_t)a.i16[i] * b.i16[i] + 0x4000) >> 15))
SIMD_BIN_L(I16X8_RELAXED_Q15MULR_S, i16, 8,
           interp_sat_i16(((int32_t)a.i16[i] * b.i16[i] + 0x4000) >> 15))

/* all_true and bitmask: i32 results. */
#define SIMD_TESTS(P, U, I, n)                                                                     \
  static inline uint32_t interp_simd_##P##_ALL_TRUE(interp_v128 a) {                               \
    for (int i = 0; i < n; i++)                                                                    \
      if (!a.U[i]) return 0;                                                                       \
    return 1;                                                                                      \
  }                                                                                                \
  static inline uint32_t interp_simd_##P##_BITMASK(interp_v128 a) {                                \
    uint32_t m = 0;                                                                                \
    for (int i = 0; i < n; i++)                                                                    \
      m |= (uint32_t)(a.I[i] < 0) << i;                                                            \
    return m;                                                                                      \
  }
SIMD_TESTS(I8X16, u8, i8, 16)
SIMD_TESTS(I16X8, u16, i16, 8)
SIMD_TESTS(I32X4, u32, i32, 4)
SIMD_TESTS(I64X2, u64, i64, 2)

/* Narrowing: a's lanes, then b's, saturated. */
#define SIMD_NARROW(ID, F, n, S, sat) SIMD_BIN_L(ID, F, n, sat(i < n / 2 ? a.S[i] : b.S[i - n / 2]))
SIMD_NARROW(I8X16_NARROW_I16X8_S, i8, 16, i16, interp_sat_i8)
SIMD_NARROW(I8X16_NARROW_I16X8_U, u8, 16, i16, interp_sat_u8)
SIMD_NARROW(I16X8_NARROW_I32X4_S, i16, 8, i32, interp_sat_i16)
SIMD_NARROW(I16X8_NARROW_I32X4_U, u16, 8, i32, interp_sat_u16)

/* Widening: extend (low or high half), pairwise add, multiply. OFF is
 * the first source lane (0 or n). */
#define SIMD_EXTEND(ID, F, n, S, off) SIMD_UN_L(ID, F, n, a.S[i + off])
SIMD_EXTEND(I16X8_EXTEND_LOW_I8X16_S, i16, 8, i8, 0)
SIMD_EXTEND(I16X8_EXTEND_HIGH_I8X16_S, i16, 8, i8, 8)
SIMD_EXTEND(I16X8_EXTEND_LOW_I8X16_U, u16, 8, u8, 0)
SIMD_EXTEND(I16X8_EXTEND_HIGH_I8X16_U, u16, 8, u8, 8)
SIMD_EXTEND(I32X4_EXTEND_LOW_I16X8_S, i32, 4, i16, 0)
SIMD_EXTEND(I32X4_EXTEND_HIGH_I16X8_S, i32, 4, i16, 4)
SIMD_EXTEND(I32X4_EXTEND_LOW_I16X8_U, u32, 4, u16, 0)
SIMD_EXTEND(I32X4_EXTEND_HIGH_I16X8_U, u32, 4, u16, 4)
SIMD_EXTEND(I64X2_EXTEND_LOW_I32X4_S, i64, 2, i32, 0)
SIMD_EXTEND(I64X2_EXTEND_HIGH_I32X4_S, i64, 2, i32, 2)
SIMD_EXTEND(I64X2_EXTEND_LOW_I32X4_U, u64, 2, u32, 0)
SIMD_EXTEND(I64X2_EXTEND_HIGH_I32X4_U, u64, 2, u32, 2)
SIMD_UN_L(I16X8_EXTADD_PAIRWISE_I8X16_S, i16, 8, (int16_t)(a.i8[2 * i] + a.i8[2 * i + 1]))
SIMD_UN_L(I16X8_EXTADD_PAIRWISE_I8X16_U, u16, 8, (uint16_t)(a.u8[2 * i] + a.u8[2 * i + 1]))
SIMD_UN_L(I32X4_EXTADD_PAIRWISE_I16X8_S, i32, 4, (int32_t)a.i16[2 * i] + a.i16[2 * i + 1])
SIMD_UN_L(I32X4_EXTADD_PAIRWISE_I16X8_U, u32, 4, (uint32_t)a.u16[2 * i] + a.u16[2 * i + 1])
/* Products computed wide enough never to overflow, then wrapped. */
#define SIMD_EXTMUL(ID, F, n, S, off, W) SIMD_BIN_L(ID, F, n, (W)a.S[i + off] * (W)b.S[i + off])
SIMD_EXTMUL(I16X8_EXTMUL_LOW_I8X16_S, i16, 8, i8, 0, int32_t)
SIMD_EXTMUL(I16X8_EXTMUL_HIGH_I8X16_S, i16, 8, i8, 8, int32_t)
SIMD_EXTMUL(I16X8_EXTMUL_LOW_I8X16_U, u16, 8, u8, 0, uint32_t)
SIMD_EXTMUL(I16X8_EXTMUL_HIGH_I8X16_U, u16, 8, u8, 8, uint32_t)
SIMD_EXTMUL(I32X4_EXTMUL_LOW_I16X8_S, i32, 4, i16, 0, int64_t)
SIMD_EXTMUL(I32X4_EXTMUL_HIGH_I16X8_S, i32, 4, i16, 4, int64_t)
SIMD_EXTMUL(I32X4_EXTMUL_LOW_I16X8_U, u32, 4, u16, 0, uint64_t)
SIMD_EXTMUL(I32X4_EXTMUL_HIGH_I16X8_U, u32, 4, u16, 4, uint64_t)
SIMD_EXTMUL(I64X2_EXTMUL_LOW_I32X4_S, i64, 2, i32, 0, int64_t)
SIMD_EXTMUL(I64X2_EXTMUL_HIGH_I32X4_S, i64, 2, i32, 2, int64_t)
SIMD_EXTMUL(I64X2_EXTMUL_LOW_I32X4_U, u64, 2, u32, 0, uint64_t)
SIMD_EXTMUL(I64X2_EXTMUL_HIGH_I32X4_U, u64, 2, u32, 2, uint64_t)
/* The sum of two products of -32768 overflows i32: it wraps. */
SIMD_BIN_L(I32X4_DOT_I16X8_S, u32, 4,
           (uint32_t)((int32_t)a.i16[2 * i] * b.i16[2 * i]) +
               (uint32_t)((int32_t)a.i16[2 * i + 1] * b.i16[2 * i + 1]))

/* ---- float lanes -------------------------------------------------------------------------------
 */

#define SIMD_FCMP(ID, F, U, T, n, op)                                                              \
  SIMD_BIN(ID, U, n, r.v##U = (__typeof__(r.v##U))(a.v##F op b.v##F),                              \
           SIMD_MASK(T, interp_l##F(a.U[i]) op interp_l##F(b.U[i])))
#define SIMD_FCMPS(P, F, U, T, n)                                                                  \
  SIMD_FCMP(P##_EQ, F, U, T, n, ==)                                                                \
  SIMD_FCMP(P##_NE, F, U, T, n, !=)                                                                \
  SIMD_FCMP(P##_LT, F, U, T, n, <)                                                                 \
  SIMD_FCMP(P##_GT, F, U, T, n, >)                                                                 \
  SIMD_FCMP(P##_LE, F, U, T, n, <=)                                                                \
  SIMD_FCMP(P##_GE, F, U, T, n, >=)
SIMD_FCMPS(F32X4, f32, u32, uint32_t, 4)
SIMD_FCMPS(F64X2, f64, u64, uint64_t, 2)

/* p: f32 or f64 (numeric.h's prefix), U the bit-pattern lanes. */
#define SIMD_FARITH(P, p, F, U, n)                                                                 \
  SIMD_BIN(P##_ADD, U, n, r.v##F = a.v##F + b.v##F, interp_##p##_add(a.U[i], b.U[i]))              \
  SIMD_BIN(P##_SUB, U, n, r.v##F = a.v##F - b.v##F, interp_##p##_sub(a.U[i], b.U[i]))              \
  SIMD_BIN(P##_MUL, U, n, r.v##F = a.v##F * b.v##F, interp_##p##_mul(a.U[i], b.U[i]))              \
  SIMD_BIN(P##_DIV, U, n, r.v##F = a.v##F / b.v##F, interp_##p##_div(a.U[i], b.U[i]))              \
  SIMD_BIN_L(P##_MIN, U, n, interp_##p##_min(a.U[i], b.U[i]))                                      \
  SIMD_BIN_L(P##_MAX, U, n, interp_##p##_max(a.U[i], b.U[i]))                                      \
  SIMD_BIN_L(P##_PMIN, U, n, interp_l##F(b.U[i]) < interp_l##F(a.U[i]) ? b.U[i] : a.U[i])          \
  SIMD_BIN_L(P##_PMAX, U, n, interp_l##F(a.U[i]) < interp_l##F(b.U[i]) ? b.U[i] : a.U[i])          \
  SIMD_BIN_L(P##_RELAXED_MIN, U, n, interp_##p##_min(a.U[i], b.U[i]))                              \
  SIMD_BIN_L(P##_RELAXED_MAX, U, n, interp_##p##_max(a.U[i], b.U[i]))                              \
  SIMD_UN_L(P##_ABS, U, n, interp_##p##_abs(a.U[i]))                                               \
  SIMD_UN_L(P##_NEG, U, n, interp_##p##_neg(a.U[i]))                                               \
  SIMD_UN_L(P##_SQRT, U, n, interp_##p##_sqrt(a.U[i]))                                             \
  SIMD_UN_L(P##_CEIL, U, n, interp_##p##_ceil(a.U[i]))                                             \
  SIMD_UN_L(P##_FLOOR, U, n, interp_##p##_floor(a.U[i]))                                           \
  SIMD_UN_L(P##_TRUNC, U, n, interp_##p##_trunc(a.U[i]))                                           \
  SIMD_UN_L(P##_NEAREST, U, n, interp_##p##_nearest(a.U[i]))
SIMD_FARITH(F32X4, f32, f32, u32, 4)
SIMD_FARITH(F64X2, f64, f64, u64, 2)

/* Conversions. The _zero forms fill the upper lanes with 0, the _low
 * ones read the lower lanes. */
SIMD_UN_L(I32X4_TRUNC_SAT_F32X4_S, u32, 4, interp_i32_trunc_sat_f32_s(a.u32[i]))
SIMD_UN_L(I32X4_TRUNC_SAT_F32X4_U, u32, 4, interp_i32_trunc_sat_f32_u(a.u32[i]))
SIMD_UN_L(I32X4_TRUNC_SAT_F64X2_S_ZERO, u32, 4, i < 2 ? interp_i32_trunc_sat_f64_s(a.u64[i]) : 0)
SIMD_UN_L(I32X4_TRUNC_SAT_F64X2_U_ZERO, u32, 4, i < 2 ? interp_i32_trunc_sat_f64_u(a.u64[i]) : 0)
SIMD_UN_L(F32X4_CONVERT_I32X4_S, u32, 4, interp_f32_convert_i32_s(a.u32[i]))
SIMD_UN_L(F32X4_CONVERT_I32X4_U, u32, 4, interp_f32_convert_i32_u(a.u32[i]))
SIMD_UN_L(F64X2_CONVERT_LOW_I32X4_S, u64, 2, interp_f64_convert_i32_s(a.u32[i]))
SIMD_UN_L(F64X2_CONVERT_LOW_I32X4_U, u64, 2, interp_f64_convert_i32_u(a.u32[i]))
SIMD_UN_L(F32X4_DEMOTE_F64X2_ZERO, u32, 4, i < 2 ? interp_f32_demote_f64(a.u64[i]) : 0)
SIMD_UN_L(F64X2_PROMOTE_LOW_F32X4, u64, 2, interp_f64_promote_f32(a.u32[i]))

/* ---- relaxed SIMD (Wasm 3.0): one deterministic choice each ------------------------------------
 * swizzle: as i8x16.swizzle (an index >= 16 gives 0);
 * trunc: as trunc_sat (NaN -> 0, out of range saturates);
 * madd/nmadd: fused, one rounding (fma(a, b, c), fma(-a, b, c));
 * laneselect: as v128.bitselect (every bit of the mask counts);
 * min/max: as f32x4.min/max (NaN propagates, -0 < +0);
 * q15mulr: as q15mulr_sat_s (saturates);
 * dot_i8x16_i7x16: both operands signed, the i16 sums wrap;
 * dot_..._add: both operands signed, the four products added in i32 to c. */
SIMD_UN_L(I32X4_RELAXED_TRUNC_F32X4_S, u32, 4, interp_i32_trunc_sat_f32_s(a.u32[i]))
SIMD_UN_L(I32X4_RELAXED_TRUNC_F32X4_U, u32, 4, interp_i32_trunc_sat_f32_u(a.u32[i]))
SIMD_UN_L(I32X4_RELAXED_TRUNC_F64X2_S_ZERO, u32, 4,
          i < 2 ? interp_i32_trunc_sat_f64_s(a.u64[i]) : 0)
SIMD_UN_L(I32X4_RELAXED_TRUNC_F64X2_U_ZERO, u32, 4,
          i < 2 ? interp_i32_trunc_sat_f64_u(a.u64[i]) : 0)
#define SIMD_TERN_L(ID, F, n, SEXPR)                                                               \
  static inline interp_v128 interp_simd_##ID(interp_v128 a, interp_v128 b, interp_v128 c) {        \
    interp_v128 r;                                                                                 \
    SIMD_LANES(F, n, SEXPR);                                                                       \
    return r;                                                                                      \
  }
SIMD_TERN_L(F32X4_RELAXED_MADD, f32, 4, fmaf(a.f32[i], b.f32[i], c.f32[i]))
SIMD_TERN_L(F32X4_RELAXED_NMADD, f32, 4, fmaf(-a.f32[i], b.f32[i], c.f32[i]))
SIMD_TERN_L(F64X2_RELAXED_MADD, f64, 2, fma(a.f64[i], b.f64[i], c.f64[i]))
SIMD_TERN_L(F64X2_RELAXED_NMADD, f64, 2, fma(-a.f64[i], b.f64[i], c.f64[i]))
#define SIMD_LANESELECT(ID)                                                                        \
  static inline interp_v128 interp_simd_##ID(interp_v128 a, interp_v128 b, interp_v128 c) {        \
    return interp_simd_V128_BITSELECT(a, b, c);                                                    \
  }
SIMD_LANESELECT(I8X16_RELAXED_LANESELECT)
SIMD_LANESELECT(I16X8_RELAXED_LANESELECT)
SIMD_LANESELECT(I32X4_RELAXED_LANESELECT)
SIMD_LANESELECT(I64X2_RELAXED_LANESELECT)
SIMD_BIN_L(I16X8_RELAXED_DOT_I8X16_I7X16_S, u16, 8,
           (uint16_t)((int32_t)a.i8[2 * i] * b.i8[2 * i] +
                      (int32_t)a.i8[2 * i + 1] * b.i8[2 * i + 1]))
SIMD_TERN_L(I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S, u32, 4,
            (uint32_t)((int32_t)a.i8[4 * i] * b.i8[4 * i] +
                       (int32_t)a.i8[4 * i + 1] * b.i8[4 * i + 1] +
                       (int32_t)a.i8[4 * i + 2] * b.i8[4 * i + 2] +
                       (int32_t)a.i8[4 * i + 3] * b.i8[4 * i + 3]) +
                c.u32[i])

#endif /* CW_INTERP_SIMD_H */
