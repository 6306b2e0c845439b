/*
 * values.c — command-line text to wasm values and back, for `--invoke`.
 */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *cli_type_name(cwasi_valtype t) {
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

/* Parses [-]digits or [-]0xhexdigits into a magnitude and a sign. strtoull
 * alone would accept leading spaces and "+", and silently negate "-5". */
static bool parse_integer(const char *text, bool *negative, uint64_t *magnitude) {
  const char *p = text;
  int base = 10;
  *negative = *p == '-';
  if (*negative) p++;
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
    base = 16;
    p += 2;
  }
  if (!isxdigit((unsigned char)*p) || (base == 10 && !isdigit((unsigned char)*p))) return false;
  char *end;
  errno = 0;
  *magnitude = strtoull(p, &end, base);
  return errno == 0 && *end == '\0';
}

/* Accepts the signed range and, for convenience, the unsigned one (so that
 * 0xffffffff is an i32 -1, as in the text format). */
static bool parse_int_bits(const char *text, unsigned bits, uint64_t *out) {
  bool negative;
  uint64_t mag;
  if (!parse_integer(text, &negative, &mag)) return false;
  uint64_t umax = bits == 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
  uint64_t neg_limit = UINT64_C(1) << (bits - 1); /* |INT_MIN| */
  if (negative) {
    if (mag > neg_limit) return false;
    *out = (0 - mag) & umax;
  } else {
    if (mag > umax) return false;
    *out = mag;
  }
  return true;
}

static bool parse_float(const char *text, double *out) {
  char *end;
  if (!*text || isspace((unsigned char)*text)) return false;
  *out = strtod(text, &end);
  return *end == '\0';
}

/* A v128 as one 128-bit hex number, "0x" then 1 to 32 hex digits, the
 * way it is printed (and as Wasmtime prints it): lane byte 0 is the
 * least significant. */
static bool parse_v128(const char *text, uint8_t bytes[16]) {
  if (text[0] != '0' || (text[1] != 'x' && text[1] != 'X')) return false;
  const char *digits = text + 2;
  size_t n = strlen(digits);
  if (n == 0 || n > 32) return false;
  memset(bytes, 0, 16);
  for (size_t i = 0; i < n; i++) {
    char c = digits[n - 1 - i]; /* the i-th least significant digit */
    if (!isxdigit((unsigned char)c)) return false;
    int v = isdigit((unsigned char)c) ? c - '0' : tolower((unsigned char)c) - 'a' + 10;
    bytes[i / 2] |= (uint8_t)(v << (4 * (i % 2)));
  }
  return true;
}

bool cli_parse_val(const char *text, cwasi_valtype t, cwasi_val *out) {
  uint64_t bits;
  double d;
  out->type = t;
  switch (t) {
  case CWASI_I32:
    if (!parse_int_bits(text, 32, &bits)) return false;
    out->of.i32 = (int32_t)(uint32_t)bits;
    return true;
  case CWASI_I64:
    if (!parse_int_bits(text, 64, &bits)) return false;
    out->of.i64 = (int64_t)bits;
    return true;
  case CWASI_F32: {
    char *end;
    if (!*text || isspace((unsigned char)*text)) return false;
    out->of.f32 = strtof(text, &end); /* direct, to avoid double rounding */
    return *end == '\0';
  }
  case CWASI_F64:
    if (!parse_float(text, &d)) return false;
    out->of.f64 = d;
    return true;
  case CWASI_V128: return parse_v128(text, out->of.v128);
  default: return false;
  }
}

/* Shortest %.Ng that reads back as the same value. */
static void print_float(FILE *f, double v, bool single) {
  char buf[64];
  if (isnan(v)) {
    fputs(signbit(v) ? "-nan\n" : "nan\n", f);
    return;
  }
  if (isinf(v)) {
    fputs(v < 0 ? "-inf\n" : "inf\n", f);
    return;
  }
  for (int prec = 1; prec <= 17; prec++) {
    snprintf(buf, sizeof buf, "%.*g", prec, v);
    if (single ? strtof(buf, NULL) == (float)v : strtod(buf, NULL) == v) break;
  }
  fprintf(f, "%s\n", buf);
}

void cli_print_val(FILE *f, const cwasi_val *v) {
  switch (v->type) {
  case CWASI_I32: fprintf(f, "%" PRId32 "\n", v->of.i32); break;
  case CWASI_I64: fprintf(f, "%" PRId64 "\n", v->of.i64); break;
  case CWASI_F32: print_float(f, v->of.f32, true); break;
  case CWASI_F64: print_float(f, v->of.f64, false); break;
  case CWASI_V128:
    fputs("0x", f);
    for (int i = 15; i >= 0; i--)
      fprintf(f, "%02x", v->of.v128[i]);
    fputc('\n', f);
    break;
  case CWASI_FUNCREF: fputs(v->of.funcref ? "funcref\n" : "null\n", f); break;
  case CWASI_EXTERNREF: fputs(v->of.externref ? "externref\n" : "null\n", f); break;
  default: fputs("?\n", f); break;
  }
}
