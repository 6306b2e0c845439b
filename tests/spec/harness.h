/*
 * harness.h — the spec-test harness (build/spectest): runs one wast2json
 * JSON script against cwasi through the public API (and the library's
 * spectest module).
 *
 *   spectest.c   command line, crash/timeout isolation, the command loop
 *   values.c     script values <-> cwasi_val, expected-result matching
 * The "spectest" host module is the library's (src/wast/host.c), shared
 * with `cwasi wast`.
 */
#ifndef SPEC_HARNESS_H
#define SPEC_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "cwasi.h"
#include "wast/wast.h"

/* ---- values.c ---- */

/* What an expected result accepts. */
typedef enum spec_match_kind {
  SPEC_EXACT,     /* bit-exact (refs: null or the exact externref) */
  SPEC_NAN_CANON, /* a canonical NaN of either sign */
  SPEC_NAN_ARITH, /* any NaN with the quiet bit set */
  SPEC_NONNULL,   /* any non-null reference ("ref.func" / "ref.extern" without a value) */
} spec_match_kind;

typedef struct spec_expect {
  cwasi_val val; /* type and, for SPEC_EXACT, the value */
  spec_match_kind kind;
  /* v128 only: lane shape and a match kind per lane. */
  uint8_t lane_bytes; /* 1, 2, 4 or 8; 0 for non-v128 */
  bool lane_float;
  spec_match_kind lanes[16];
} spec_expect;

/* Parses an argument ({"type": "i32", "value": "42"}); false with why filled. */
bool spec_parse_arg(const cJSON *j, cwasi_val *out, char *why, size_t whylen);
/* Parses an expected result; false with why filled. */
bool spec_parse_expect(const cJSON *j, spec_expect *out, char *why, size_t whylen);
bool spec_matches(const spec_expect *e, const cwasi_val *got);

/* Human-readable forms for failure lines, e.g. "i32:42", "f32:nan:canonical". */
void spec_format_val(const cwasi_val *v, char *buf, size_t len);
void spec_format_expect(const spec_expect *e, char *buf, size_t len);
const char *spec_type_name(cwasi_valtype t);

/* The harness's representation of the script's (ref.extern N). */
static inline void *spec_externref(uint64_t n) { return (void *)(uintptr_t)(n + 1); }

#endif /* SPEC_HARNESS_H */
