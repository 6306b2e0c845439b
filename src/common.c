/* common.c — error filling and checked allocation. */
#include "common.h"
#include "decode/module.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const cw_trap_messages[] = {
    [CWASI_TRAP_NONE] = "no trap",
    [CWASI_TRAP_UNREACHABLE] = "unreachable",
    [CWASI_TRAP_MEMORY_OOB] = "out of bounds memory access",
    [CWASI_TRAP_TABLE_OOB] = "out of bounds table access",
    [CWASI_TRAP_UNDEFINED_ELEMENT] = "undefined element",
    [CWASI_TRAP_UNINIT_ELEMENT] = "uninitialized element",
    [CWASI_TRAP_INDIRECT_TYPE] = "indirect call type mismatch",
    [CWASI_TRAP_DIV_ZERO] = "integer divide by zero",
    [CWASI_TRAP_INT_OVERFLOW] = "integer overflow",
    [CWASI_TRAP_INVALID_CONVERSION] = "invalid conversion to integer",
    [CWASI_TRAP_STACK_EXHAUSTED] = "call stack exhausted",
    [CWASI_TRAP_HOST] = "host trap",
    [CWASI_TRAP_OUT_OF_FUEL] = "all fuel consumed",
    [CWASI_TRAP_INTERRUPT] = "interrupted",
};

const char *cwasi_trap_message(cwasi_trap_kind kind) {
  if ((unsigned)kind >= CW_ARRAY_LEN(cw_trap_messages)) return "unknown trap";
  return cw_trap_messages[kind];
}

cwasi_status cw_error(cwasi_error *err, cwasi_status status, size_t offset, const char *fmt, ...) {
  if (err) {
    va_list ap;
    err->status = status;
    err->trap = CWASI_TRAP_NONE;
    err->exit_code = 0;
    err->offset = offset;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
  }
  return status;
}

cwasi_status cw_trap(cwasi_error *err, cwasi_trap_kind kind, const char *detail) {
  if (err) {
    err->status = CWASI_ERR_TRAP;
    err->trap = kind;
    err->exit_code = 0;
    err->offset = SIZE_MAX;
    if (detail && *detail)
      snprintf(err->message, sizeof err->message, "%s %s", cwasi_trap_message(kind), detail);
    else
      snprintf(err->message, sizeof err->message, "%s", cwasi_trap_message(kind));
  }
  return CWASI_ERR_TRAP;
}

void cw_error_clear(cwasi_error *err) {
  if (err) {
    err->status = CWASI_OK;
    err->trap = CWASI_TRAP_NONE;
    err->exit_code = 0;
    err->offset = SIZE_MAX;
    err->message[0] = '\0';
  }
}

/* The length of the UTF-8 sequence at s (1..4) and its code point, or 0
 * if the bytes there are not well-formed UTF-8. */
static size_t utf8_seq(const unsigned char *s, size_t n, uint32_t *cp) {
  static const uint32_t min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
  size_t len;
  uint32_t c;
  if (s[0] < 0x80) {
    *cp = s[0];
    return 1;
  }
  if ((s[0] & 0xE0) == 0xC0)
    len = 2, c = s[0] & 0x1Fu;
  else if ((s[0] & 0xF0) == 0xE0)
    len = 3, c = s[0] & 0x0Fu;
  else if ((s[0] & 0xF8) == 0xF0)
    len = 4, c = s[0] & 0x07u;
  else
    return 0;
  if (n < len) return 0;
  for (size_t k = 1; k < len; k++) {
    if ((s[k] & 0xC0) != 0x80) return 0;
    c = c << 6 | (s[k] & 0x3Fu);
  }
  if (c < min_cp[len] || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) return 0;
  *cp = c;
  return len;
}

/* Code points a terminal acts on rather than shows: C1 controls, the
 * line/paragraph separators and the bidirectional marks and overrides. */
static bool cw_invisible(uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void cw_escape_append(char *buf, size_t buflen, size_t *pos, const char *s, size_t len) {
  if (!buf || buflen == 0) return;
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < len) {
    char piece[16];
    uint32_t cp = 0;
    size_t n = utf8_seq(p + i, len - i, &cp), plen;
    if (n == 0) {
      plen = (size_t)snprintf(piece, sizeof piece, "\\x%02x", p[i]);
      n = 1;
    } else if (cp == '\\' || cp == '"') {
      plen = (size_t)snprintf(piece, sizeof piece, "\\%c", (char)cp);
    } else if (cp == '\n' || cp == '\t' || cp == '\r') {
      plen = (size_t)snprintf(piece, sizeof piece, "\\%c",
                              cp == '\n'   ? 'n'
                              : cp == '\t' ? 't'
                                           : 'r');
    } else if (cp < 0x20 || cp == 0x7F) {
      plen = (size_t)snprintf(piece, sizeof piece, "\\x%02x", (unsigned)cp);
    } else if (cw_invisible(cp)) {
      plen = (size_t)snprintf(piece, sizeof piece, "\\u{%04x}", (unsigned)cp);
    } else {
      memcpy(piece, p + i, n);
      plen = n;
    }
    /* Keep room for "..." unless this is the last piece and it fits. */
    size_t room = buflen - 1 - *pos;
    bool last = i + n == len;
    if (plen > room || (!last && plen + 3 > room)) {
      size_t k = room < 3 ? room : 3;
      memcpy(buf + *pos, "...", k);
      *pos += k;
      break;
    }
    memcpy(buf + *pos, piece, plen);
    *pos += plen;
    i += n;
  }
  buf[*pos] = '\0';
}

const char *cw_escape_name(char *buf, size_t buflen, const char *s, size_t len) {
  size_t pos = 0;
  if (buf && buflen) buf[0] = '\0';
  cw_escape_append(buf, buflen, &pos, s, len);
  return buf;
}

void *cw_malloc(size_t n) { return malloc(n ? n : 1); }

void *cw_calloc(size_t count, size_t size) { return calloc(count ? count : 1, size ? size : 1); }

void *cw_realloc_array(void *p, size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) return NULL;
  size_t n = count * size;
  return realloc(p, n ? n : 1);
}

void cw_free(void *p) { free(p); }

const char *cw_valtype_name(uint8_t t) {
  switch (t) {
  case CWASI_I32: return "i32";
  case CWASI_I64: return "i64";
  case CWASI_F32: return "f32";
  case CWASI_F64: return "f64";
  case CWASI_V128: return "v128";
  case CWASI_FUNCREF: return "funcref";
  case CWASI_EXTERNREF: return "externref";
  default: return "?";
  }
}

bool cw_functype_equal(const cw_functype *a, const cw_functype *b) {
  return a->nparams == b->nparams && a->nresults == b->nresults &&
         memcmp(a->types, b->types, a->nparams + a->nresults) == 0;
}
