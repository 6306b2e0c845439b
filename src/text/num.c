/* num.c — the text format's numeric literals: integers (decimal and hex,
 * underscores between digits, a sign where allowed) and floats (decimal,
 * hex, inf, nan, nan:0x payloads). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/wat.h"

static int digit_val(char c, bool hex) {
  if (c >= '0' && c <= '9') return c - '0';
  if (hex && c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (hex && c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Length of digits ("_"? digit)* at s, 0 if s does not start with a digit
 * or an underscore is misplaced (leading, trailing, doubled). */
static size_t scan_digits(const char *s, size_t n, bool hex) {
  size_t i = 0;
  if (n == 0 || digit_val(s[0], hex) < 0) return 0;
  i = 1;
  while (i < n) {
    if (s[i] == '_') {
      if (i + 1 >= n || digit_val(s[i + 1], hex) < 0) return 0;
      i += 2;
    } else if (digit_val(s[i], hex) >= 0) {
      i++;
    } else {
      break;
    }
  }
  return i;
}

/* An unsigned literal (decimal or 0x hex) that fits in 64 bits. */
static bool parse_uint(const char *s, size_t n, uint64_t *out) {
  bool hex = n > 2 && s[0] == '0' && s[1] == 'x';
  if (hex) s += 2, n -= 2;
  if (scan_digits(s, n, hex) != n) return false;
  uint64_t v = 0, base = hex ? 16 : 10;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '_') continue;
    uint64_t d = (uint64_t)digit_val(s[i], hex);
    if (v > (UINT64_MAX - d) / base) return false;
    v = v * base + d;
  }
  *out = v;
  return true;
}

bool cw_text_int(const char *s, size_t n, unsigned bits, uint64_t *out) {
  bool neg = false, sign = false;
  if (n && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    sign = true;
    s++, n--;
  }
  uint64_t mag;
  if (!parse_uint(s, n, &mag)) return false;
  uint64_t umax = bits == 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
  uint64_t smin_mag = UINT64_C(1) << (bits - 1);
  if (neg) {
    if (mag > smin_mag) return false;
    *out = (0 - mag) & umax;
  } else {
    if (mag > umax) return false;
    (void)sign;
    *out = mag;
  }
  return true;
}

/* Checks the lexical form of a finite float (after the sign); true if it is
 * one. */
static bool float_form(const char *s, size_t n) {
  bool hex = n > 2 && s[0] == '0' && s[1] == 'x';
  size_t i = hex ? 2 : 0, k;
  if ((k = scan_digits(s + i, n - i, hex)) == 0) return false;
  i += k;
  if (i < n && s[i] == '.') {
    i++;
    if (i < n && digit_val(s[i], hex) >= 0) {
      if ((k = scan_digits(s + i, n - i, hex)) == 0) return false;
      i += k;
    }
  }
  if (i < n && (hex ? (s[i] == 'p' || s[i] == 'P') : (s[i] == 'e' || s[i] == 'E'))) {
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    if ((k = scan_digits(s + i, n - i, false)) == 0) return false;
    i += k;
  }
  return i == n;
}

/* Parses a float literal into bits of the given width (32 or 64). */
static bool parse_float(const char *s, size_t n, bool f32, uint64_t *out) {
  bool neg = false;
  if (n && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s++, n--;
  }
  uint64_t sign_bit = f32 ? UINT64_C(1) << 31 : UINT64_C(1) << 63;
  uint64_t exp_mask = f32 ? UINT64_C(0x7F800000) : UINT64_C(0x7FF0000000000000);
  uint64_t frac_mask = f32 ? UINT64_C(0x7FFFFF) : UINT64_C(0xFFFFFFFFFFFFF);
  uint64_t bits;
  if (n == 3 && memcmp(s, "inf", 3) == 0) {
    bits = exp_mask;
  } else if (n == 3 && memcmp(s, "nan", 3) == 0) {
    bits = exp_mask | (frac_mask + 1) >> 1;
  } else if (n > 6 && memcmp(s, "nan:0x", 6) == 0) {
    uint64_t payload;
    if (scan_digits(s + 6, n - 6, true) != n - 6 || !parse_uint(s + 4, n - 4, &payload) ||
        payload == 0 || payload > frac_mask)
      return false;
    bits = exp_mask | payload;
  } else {
    if (!float_form(s, n)) return false;
    char small[128];
    char *copy = n < sizeof small ? small : malloc(n + 1);
    if (!copy) return false;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
      if (s[i] != '_') copy[k++] = s[i];
    copy[k] = '\0';
    bool ok = true;
    if (f32) {
      float v = strtof(copy, NULL);
      uint32_t u;
      memcpy(&u, &v, 4);
      bits = u & 0x7FFFFFFF;
      ok = !isinf(v);
    } else {
      double v = strtod(copy, NULL);
      uint64_t u;
      memcpy(&u, &v, 8);
      bits = u & ~(UINT64_C(1) << 63);
      ok = !isinf(v);
    }
    if (copy != small) free(copy);
    if (!ok) return false; /* "constant out of range" */
  }
  *out = bits | (neg ? sign_bit : 0);
  return true;
}

bool cw_text_f32(const char *s, size_t n, uint32_t *out) {
  uint64_t b;
  if (!parse_float(s, n, true, &b)) return false;
  *out = (uint32_t)b;
  return true;
}

bool cw_text_f64(const char *s, size_t n, uint64_t *out) { return parse_float(s, n, false, out); }
