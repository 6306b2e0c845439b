/*
 * values.c — script values to cwasi_val and back, and the matching rules
 * of assert_return: numbers are compared bit for bit (wast2json writes
 * every i32/i64/f32/f64 as the unsigned decimal of its bit pattern),
 * "nan:canonical"/"nan:arithmetic" accept NaN classes, refs compare by
 * identity or null-ness.
 */
#include "harness.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *spec_type_name(cwasi_valtype t) {
  switch (t) {
  case CWASI_I32: return "i32";
  case CWASI_I64: return "i64";
  case CWASI_F32: return "f32";
  case CWASI_F64: return "f64";
  case CWASI_V128: return "v128";
  case CWASI_FUNCREF: return "funcref";
  case CWASI_EXTERNREF: return "externref";
  }
  return "?";
}

static bool type_from_name(const char *s, cwasi_valtype *out) {
  static const struct {
    const char *name;
    cwasi_valtype type;
  } types[] = {{"i32", CWASI_I32},
               {"i64", CWASI_I64},
               {"f32", CWASI_F32},
               {"f64", CWASI_F64},
               {"v128", CWASI_V128},
               {"funcref", CWASI_FUNCREF},
               {"externref", CWASI_EXTERNREF}};
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
    if (strcmp(s, types[i].name) == 0) {
      *out = types[i].type;
      return true;
    }
  }
  return false;
}

/* Parses a bit pattern of `bits` bits written as unsigned (or, leniently,
 * negative) decimal. */
static bool parse_bits(const char *s, unsigned bits, uint64_t *out) {
  char *end;
  errno = 0;
  if (!s || !*s) return false;
  if (s[0] == '-') {
    long long v = strtoll(s, &end, 10);
    if (errno || *end) return false;
    if (bits < 64 && v < -(1LL << (bits - 1))) return false;
    *out = (uint64_t)v & (bits < 64 ? ((1ULL << bits) - 1) : UINT64_MAX);
    return true;
  }
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || *end) return false;
  if (bits < 64 && v >> bits) return false;
  *out = v;
  return true;
}

static void set_scalar(cwasi_val *v, uint64_t bits) {
  switch (v->type) {
  case CWASI_I32: v->of.i32 = (int32_t)(uint32_t)bits; break;
  case CWASI_I64: v->of.i64 = (int64_t)bits; break;
  case CWASI_F32: {
    uint32_t u = (uint32_t)bits;
    memcpy(&v->of.f32, &u, 4);
    break;
  }
  case CWASI_F64: memcpy(&v->of.f64, &bits, 8); break;
  default: break;
  }
}

static unsigned type_bits(cwasi_valtype t) { return t == CWASI_I32 || t == CWASI_F32 ? 32 : 64; }

static uint32_t f32_bits_of(const cwasi_val *v) {
  uint32_t u;
  memcpy(&u, &v->of.f32, 4);
  return u;
}

static uint64_t f64_bits_of(const cwasi_val *v) {
  uint64_t u;
  memcpy(&u, &v->of.f64, 8);
  return u;
}

static bool nan_kind(const char *s, spec_match_kind *kind) {
  if (strcmp(s, "nan:canonical") == 0) {
    *kind = SPEC_NAN_CANON;
    return true;
  }
  if (strcmp(s, "nan:arithmetic") == 0) {
    *kind = SPEC_NAN_ARITH;
    return true;
  }
  return false;
}

static bool lane_shape(const char *s, uint8_t *bytes, bool *is_float) {
  static const struct {
    const char *name;
    uint8_t bytes;
    bool is_float;
  } shapes[] = {{"i8", 1, false},  {"i16", 2, false}, {"i32", 4, false},
                {"i64", 8, false}, {"f32", 4, true},  {"f64", 8, true}};
  for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
    if (strcmp(s, shapes[i].name) == 0) {
      *bytes = shapes[i].bytes;
      *is_float = shapes[i].is_float;
      return true;
    }
  }
  return false;
}

/* v128 values are {"lane_type": "i32", "value": ["1", "2", "3", "4"]};
 * lanes may be NaN patterns in expectations (lanes != NULL). */
static bool parse_v128(const cJSON *j, spec_expect *e, bool allow_nan, char *why, size_t whylen) {
  const cJSON *lt = cJSON_GetObjectItemCaseSensitive(j, "lane_type");
  const cJSON *vals = cJSON_GetObjectItemCaseSensitive(j, "value");
  if (!cJSON_IsString(lt) || !lane_shape(lt->valuestring, &e->lane_bytes, &e->lane_float)) {
    snprintf(why, whylen, "v128 without a known lane_type");
    return false;
  }
  int n = cJSON_GetArraySize(vals);
  if (!cJSON_IsArray(vals) || n != 16 / e->lane_bytes) {
    snprintf(why, whylen, "v128 with %d lanes of %u bytes", n, e->lane_bytes);
    return false;
  }
  for (int i = 0; i < n; i++) {
    const cJSON *lane = cJSON_GetArrayItem(vals, i);
    uint64_t bits = 0;
    e->lanes[i] = SPEC_EXACT;
    if (!cJSON_IsString(lane)) {
      snprintf(why, whylen, "v128 lane %d is not a string", i);
      return false;
    }
    if (allow_nan && e->lane_float && nan_kind(lane->valuestring, &e->lanes[i])) continue;
    if (!parse_bits(lane->valuestring, 8u * e->lane_bytes, &bits)) {
      snprintf(why, whylen, "bad v128 lane value \"%s\"", lane->valuestring);
      return false;
    }
    for (unsigned b = 0; b < e->lane_bytes; b++)
      e->val.of.v128[i * e->lane_bytes + b] = (uint8_t)(bits >> (8 * b));
  }
  return true;
}

/* Common part of arguments and expectations. */
static bool parse_value(const cJSON *j, spec_expect *e, bool is_expect, char *why, size_t whylen) {
  const cJSON *type = cJSON_GetObjectItemCaseSensitive(j, "type");
  const cJSON *value = cJSON_GetObjectItemCaseSensitive(j, "value");
  memset(e, 0, sizeof *e);
  e->kind = SPEC_EXACT;
  if (!cJSON_IsString(type) || !type_from_name(type->valuestring, &e->val.type)) {
    snprintf(why, whylen, "unknown value type %s",
             cJSON_IsString(type) ? type->valuestring : "(missing)");
    return false;
  }
  cwasi_valtype t = e->val.type;
  if (t == CWASI_V128) return parse_v128(j, e, is_expect, why, whylen);
  if (t == CWASI_FUNCREF || t == CWASI_EXTERNREF) {
    uint64_t n;
    if (!cJSON_IsString(value)) {
      /* (ref.func) / (ref.extern) without an index: any non-null reference. */
      if (!is_expect) {
        snprintf(why, whylen, "%s argument without a value", spec_type_name(t));
        return false;
      }
      e->kind = SPEC_NONNULL;
      return true;
    }
    if (strcmp(value->valuestring, "null") == 0) return true; /* NULL */
    if (!parse_bits(value->valuestring, 64, &n)) {
      snprintf(why, whylen, "bad %s value \"%s\"", spec_type_name(t), value->valuestring);
      return false;
    }
    if (t == CWASI_FUNCREF) {
      /* The script cannot name a function instance: only its non-null-ness is checkable. */
      if (!is_expect) {
        snprintf(why, whylen, "funcref argument other than null");
        return false;
      }
      e->kind = SPEC_NONNULL;
      return true;
    }
    e->val.of.externref = spec_externref(n);
    return true;
  }
  if (!cJSON_IsString(value)) {
    snprintf(why, whylen, "%s value missing", spec_type_name(t));
    return false;
  }
  if ((t == CWASI_F32 || t == CWASI_F64) && is_expect && nan_kind(value->valuestring, &e->kind))
    return true;
  uint64_t bits;
  if (!parse_bits(value->valuestring, type_bits(t), &bits)) {
    snprintf(why, whylen, "bad %s value \"%s\"", spec_type_name(t), value->valuestring);
    return false;
  }
  set_scalar(&e->val, bits);
  return true;
}

bool spec_parse_arg(const cJSON *j, cwasi_val *out, char *why, size_t whylen) {
  spec_expect e;
  if (!parse_value(j, &e, false, why, whylen)) return false;
  *out = e.val;
  return true;
}

bool spec_parse_expect(const cJSON *j, spec_expect *out, char *why, size_t whylen) {
  return parse_value(j, out, true, why, whylen);
}

static bool f32_matches(spec_match_kind kind, uint32_t want, uint32_t got) {
  switch (kind) {
  case SPEC_NAN_CANON: return (got & 0x7fffffffu) == 0x7fc00000u;
  case SPEC_NAN_ARITH: return (got & 0x7fc00000u) == 0x7fc00000u;
  default: return want == got;
  }
}

static bool f64_matches(spec_match_kind kind, uint64_t want, uint64_t got) {
  switch (kind) {
  case SPEC_NAN_CANON: return (got & 0x7fffffffffffffffull) == 0x7ff8000000000000ull;
  case SPEC_NAN_ARITH: return (got & 0x7ff8000000000000ull) == 0x7ff8000000000000ull;
  default: return want == got;
  }
}

static uint64_t lane_bits(const uint8_t *bytes, unsigned n) {
  uint64_t v = 0;
  for (unsigned b = 0; b < n; b++)
    v |= (uint64_t)bytes[b] << (8 * b);
  return v;
}

static bool v128_matches(const spec_expect *e, const cwasi_val *got) {
  unsigned nlanes = 16u / e->lane_bytes;
  for (unsigned i = 0; i < nlanes; i++) {
    uint64_t w = lane_bits(e->val.of.v128 + i * e->lane_bytes, e->lane_bytes);
    uint64_t g = lane_bits(got->of.v128 + i * e->lane_bytes, e->lane_bytes);
    bool ok;
    if (e->lane_float && e->lane_bytes == 4)
      ok = f32_matches(e->lanes[i], (uint32_t)w, (uint32_t)g);
    else if (e->lane_float)
      ok = f64_matches(e->lanes[i], w, g);
    else
      ok = w == g;
    if (!ok) return false;
  }
  return true;
}

bool spec_matches(const spec_expect *e, const cwasi_val *got) {
  if (got->type != e->val.type) return false;
  switch (e->val.type) {
  case CWASI_I32: return got->of.i32 == e->val.of.i32;
  case CWASI_I64: return got->of.i64 == e->val.of.i64;
  case CWASI_F32: return f32_matches(e->kind, f32_bits_of(&e->val), f32_bits_of(got));
  case CWASI_F64: return f64_matches(e->kind, f64_bits_of(&e->val), f64_bits_of(got));
  case CWASI_V128: return v128_matches(e, got);
  case CWASI_FUNCREF:
    if (e->kind == SPEC_NONNULL) return got->of.funcref != NULL;
    return got->of.funcref == NULL;
  case CWASI_EXTERNREF:
    if (e->kind == SPEC_NONNULL) return got->of.externref != NULL;
    return got->of.externref == e->val.of.externref;
  }
  return false;
}

static void format_v128(const uint8_t *bytes, char *buf, size_t len) {
  size_t used = (size_t)snprintf(buf, len, "v128:0x");
  for (int i = 15; i >= 0 && used < len; i--)
    used += (size_t)snprintf(buf + used, len - used, "%02x", bytes[i]);
}

void spec_format_val(const cwasi_val *v, char *buf, size_t len) {
  switch (v->type) {
  case CWASI_I32:
    snprintf(buf, len, "i32:%" PRIu32 " (0x%08" PRIx32 ")", (uint32_t)v->of.i32,
             (uint32_t)v->of.i32);
    break;
  case CWASI_I64:
    snprintf(buf, len, "i64:%" PRIu64 " (0x%016" PRIx64 ")", (uint64_t)v->of.i64,
             (uint64_t)v->of.i64);
    break;
  case CWASI_F32:
    snprintf(buf, len, "f32:%.9g (0x%08" PRIx32 ")", (double)v->of.f32, f32_bits_of(v));
    break;
  case CWASI_F64:
    snprintf(buf, len, "f64:%.17g (0x%016" PRIx64 ")", v->of.f64, f64_bits_of(v));
    break;
  case CWASI_V128: format_v128(v->of.v128, buf, len); break;
  case CWASI_FUNCREF:
    snprintf(buf, len, v->of.funcref ? "funcref:non-null" : "funcref:null");
    break;
  case CWASI_EXTERNREF:
    if (v->of.externref)
      snprintf(buf, len, "externref:%" PRIuPTR, (uintptr_t)v->of.externref - 1);
    else
      snprintf(buf, len, "externref:null");
    break;
  default: snprintf(buf, len, "?(type 0x%02x)", (unsigned)v->type); break;
  }
}

void spec_format_expect(const spec_expect *e, char *buf, size_t len) {
  if (e->kind == SPEC_NAN_CANON || e->kind == SPEC_NAN_ARITH) {
    snprintf(buf, len, "%s:%s", spec_type_name(e->val.type),
             e->kind == SPEC_NAN_CANON ? "nan:canonical" : "nan:arithmetic");
  } else if (e->kind == SPEC_NONNULL) {
    snprintf(buf, len, "%s:non-null", spec_type_name(e->val.type));
  } else {
    spec_format_val(&e->val, buf, len);
  }
}
