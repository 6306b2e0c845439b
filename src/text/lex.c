/* lex.c — the text format's tokens (see lex.h). */
#include "text/lex.h"

#include <stdarg.h>
#include <stdio.h>

/* idchar: 0-9 a-z A-Z ! # $ % & ' * + - . / : < = > ? @ \ ^ _ ` | ~ */
static const uint8_t idchar[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1,  ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['a'] = 1, ['b'] = 1,  ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
    ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1,  ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
    ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,  ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1,
    ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,  ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1,
    ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,  ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
    ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,  ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1,
    ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,  ['Y'] = 1, ['Z'] = 1, ['!'] = 1, ['#'] = 1,
    ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1, ['*'] = 1, ['+'] = 1, ['-'] = 1, ['.'] = 1,
    ['/'] = 1, [':'] = 1, ['<'] = 1, ['='] = 1,  ['>'] = 1, ['?'] = 1, ['@'] = 1, ['\\'] = 1,
    ['^'] = 1, ['_'] = 1, ['`'] = 1, ['|'] = 1,  ['~'] = 1,
};

void cw_lex_init(cw_lex *lx, const char *file, const char *text, size_t len, cw_text_fail *fail) {
  lx->p = text;
  lx->end = text + len;
  lx->line_start = text;
  lx->line = 1;
  lx->file = file;
  lx->fail = fail;
}

void cw_lex_error_at(cw_lex *lx, uint32_t line, uint32_t col, const char *fmt, ...) {
  cw_text_fail *f = lx->fail;
  int n = snprintf(f->msg, f->msglen, "%s:%u:%u: ", lx->file, line, col);
  if (n >= 0 && (size_t)n < f->msglen) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->msg + n, f->msglen - (size_t)n, fmt, ap);
    va_end(ap);
  }
  longjmp(f->jb, 1);
}

static uint32_t col_of(const cw_lex *lx, const char *p) {
  return (uint32_t)(p - lx->line_start) + 1;
}

static _Noreturn void error_here(cw_lex *lx, const char *p, const char *msg) {
  cw_lex_error_at(lx, lx->line, col_of(lx, p), "%s", msg);
}

/* Skips a block comment whose "(;" starts at lx->p. */
static void skip_block_comment(cw_lex *lx) {
  const char *start = lx->p;
  uint32_t line = lx->line, col = col_of(lx, start);
  int depth = 0;
  const char *p = lx->p;
  while (p < lx->end) {
    if (p[0] == '(' && p + 1 < lx->end && p[1] == ';') {
      depth++;
      p += 2;
    } else if (p[0] == ';' && p + 1 < lx->end && p[1] == ')') {
      p += 2;
      if (--depth == 0) {
        lx->p = p;
        return;
      }
    } else {
      if (*p == '\n') {
        lx->line++;
        lx->line_start = p + 1;
      }
      p++;
    }
  }
  cw_lex_error_at(lx, line, col, "unclosed block comment");
}

/* Skips whitespace and comments. */
static void skip_space(cw_lex *lx) {
  const char *p = lx->p;
  for (;;) {
    while (p < lx->end) {
      char c = *p;
      if (c == ' ' || c == '\t' || c == '\r') {
        p++;
      } else if (c == '\n') {
        lx->line++;
        lx->line_start = ++p;
      } else {
        break;
      }
    }
    if (p + 1 < lx->end && p[0] == ';' && p[1] == ';') {
      while (p < lx->end && *p != '\n' && *p != '\r') /* a line ends at LF, CR or CRLF */
        p++;
      continue;
    }
    if (p + 1 < lx->end && p[0] == '(' && p[1] == ';') {
      lx->p = p;
      skip_block_comment(lx);
      p = lx->p;
      continue;
    }
    break;
  }
  lx->p = p;
}

/* Scans a string starting at the opening quote; returns the end (after
 * the closing quote). Checks characters and escapes, decodes nothing. */
static const char *scan_string(cw_lex *lx, const char *p) {
  const char *start = p++;
  while (p < lx->end && *p != '"') {
    unsigned char c = (unsigned char)*p;
    if (c < 0x20 || c == 0x7F) {
      if (c == '\n') break;
      error_here(lx, p, "illegal character in string");
    }
    if (c == '\\') {
      p++;
      if (p >= lx->end) break;
      switch (*p) {
      case 't':
      case 'n':
      case 'r':
      case '"':
      case '\'':
      case '\\': p++; break;
      case 'u':
        if (p + 1 >= lx->end || p[1] != '{') error_here(lx, p - 1, "illegal escape");
        p += 2;
        {
          const char *d = p;
          while (p < lx->end && (*p == '_' || (*p >= '0' && *p <= '9') ||
                                 (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F')))
            p++;
          if (p == d || p >= lx->end || *p != '}') error_here(lx, d, "illegal escape");
          p++;
        }
        break;
      default: {
        static const char hex[] = "0123456789abcdefABCDEF";
        if (p + 1 < lx->end && *p && p[1] && strchr(hex, *p) && strchr(hex, p[1]))
          p += 2;
        else
          error_here(lx, p - 1, "illegal escape");
      }
      }
      continue;
    }
    p++;
  }
  if (p >= lx->end || *p != '"')
    cw_lex_error_at(lx, lx->line, col_of(lx, start), "unclosed string");
  return p + 1;
}

/* Skips an annotation whose "(@" starts at lx->p, nested parentheses
 * included. Its contents are any tokens, reserved ones (",", "[", "{"...)
 * too, so only parentheses, strings and comments matter here. */
static void skip_annotation(cw_lex *lx) {
  uint32_t line = lx->line, col = col_of(lx, lx->p);
  int depth = 0;
  /* The annotation's id: id characters or a non-empty UTF-8 string. */
  const char *id = lx->p + 2;
  if (id < lx->end && *id == '"') {
    cw_tok t = {.kind = CW_TOK_STRING, .s = id, .line = line, .col = col + 2};
    t.len = (uint32_t)(scan_string(lx, id) - id);
    cw_buf name = {0};
    cw_lex_string(lx, &t, &name);
    bool ok = name.len > 0 && cw_utf8_valid(name.p, name.len);
    bool empty = name.len == 0;
    cw_buf_free(&name);
    if (!ok)
      cw_lex_error_at(lx, line, col, empty ? "empty annotation id" : "malformed UTF-8 encoding");
  } else if (id >= lx->end || !idchar[(unsigned char)*id]) {
    cw_lex_error_at(lx, line, col, "empty annotation id");
  }
  for (;;) {
    skip_space(lx);
    if (lx->p >= lx->end) cw_lex_error_at(lx, line, col, "unclosed annotation");
    char c = *lx->p;
    if (c == '(') {
      depth++;
      lx->p++;
    } else if (c == ')') {
      lx->p++;
      if (--depth == 0) return;
    } else if (c == '"') {
      lx->p = scan_string(lx, lx->p);
    } else if (idchar[(unsigned char)c] || (c && strchr(",;[]{}", c))) {
      while (lx->p < lx->end && (idchar[(unsigned char)*lx->p] || strchr(",;[]{}", *lx->p)) &&
             *lx->p && !(*lx->p == ';' && lx->p + 1 < lx->end && lx->p[1] == ';'))
        lx->p++;
    } else {
      error_here(lx, lx->p,
                 (unsigned char)c >= 0x80 ? "malformed UTF-8 encoding" : "illegal character");
    }
  }
}

cw_tok cw_lex_next(cw_lex *lx) {
  cw_tok t;
  for (;;) {
    skip_space(lx);
    if (lx->p + 1 < lx->end && lx->p[0] == '(' && lx->p[1] == '@') {
      skip_annotation(lx);
      continue;
    }
    break;
  }
  const char *p = lx->p;
  t.s = p;
  t.line = lx->line;
  t.col = col_of(lx, p);
  if (p >= lx->end) {
    t.kind = CW_TOK_EOF;
    t.len = 0;
    return t;
  }
  unsigned char c = (unsigned char)*p;
  if (c == '(') {
    t.kind = CW_TOK_LPAR;
    p++;
  } else if (c == ')') {
    t.kind = CW_TOK_RPAR;
    p++;
  } else if (c == '"') {
    t.kind = CW_TOK_STRING;
    p = scan_string(lx, p);
  } else if (idchar[c]) {
    const char *q = p;
    while (q < lx->end && idchar[(unsigned char)*q])
      q++;
    if (c == '$') {
      t.kind = CW_TOK_ID;
      if (q == p + 1 && q < lx->end && *q == '"')
        q = scan_string(lx, q); /* $"quoted id" */
      else if (q == p + 1)
        error_here(lx, p, "empty identifier");
    } else if (c >= 'a' && c <= 'z') {
      t.kind = CW_TOK_KEYWORD;
    } else if ((c >= '0' && c <= '9') || c == '+' || c == '-') {
      t.kind = CW_TOK_NUM;
    } else {
      t.kind = CW_TOK_RESERVED;
    }
    p = q;
  } else {
    error_here(lx, p,
               c >= 0x80 ? "illegal character (non-ASCII outside a string)" : "illegal character");
  }
  /* Tokens must be separated: `"a""b"`, `$x"y"` and `0"x"` are one reserved run. */
  if (p < lx->end && t.kind != CW_TOK_LPAR && t.kind != CW_TOK_RPAR &&
      (*p == '"' || (p[-1] == '"' && idchar[(unsigned char)*p])))
    error_here(lx, p, "unexpected character after token (missing space?)");
  t.len = (uint32_t)(p - t.s);
  lx->p = p;
  return t;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static void put_utf8(cw_buf *out, uint32_t cp) {
  if (cp < 0x80) {
    cw_buf_u8(out, (uint8_t)cp);
  } else if (cp < 0x800) {
    cw_buf_u8(out, (uint8_t)(0xC0 | (cp >> 6)));
    cw_buf_u8(out, (uint8_t)(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    cw_buf_u8(out, (uint8_t)(0xE0 | (cp >> 12)));
    cw_buf_u8(out, (uint8_t)(0x80 | ((cp >> 6) & 0x3F)));
    cw_buf_u8(out, (uint8_t)(0x80 | (cp & 0x3F)));
  } else {
    cw_buf_u8(out, (uint8_t)(0xF0 | (cp >> 18)));
    cw_buf_u8(out, (uint8_t)(0x80 | ((cp >> 12) & 0x3F)));
    cw_buf_u8(out, (uint8_t)(0x80 | ((cp >> 6) & 0x3F)));
    cw_buf_u8(out, (uint8_t)(0x80 | (cp & 0x3F)));
  }
}

void cw_lex_string(cw_lex *lx, const cw_tok *t, cw_buf *out) {
  const char *p = t->s, *end = t->s + t->len;
  if (*p == '$') p++;
  p++;   /* opening quote */
  end--; /* closing quote */
  while (p < end) {
    const char *run = p;
    while (p < end && *p != '\\')
      p++;
    cw_buf_bytes(out, run, (size_t)(p - run));
    if (p >= end) break;
    p++; /* backslash; the escape was checked by scan_string */
    switch (*p) {
    case 't':
      cw_buf_u8(out, '\t');
      p++;
      break;
    case 'n':
      cw_buf_u8(out, '\n');
      p++;
      break;
    case 'r':
      cw_buf_u8(out, '\r');
      p++;
      break;
    case '"':
      cw_buf_u8(out, '"');
      p++;
      break;
    case '\'':
      cw_buf_u8(out, '\'');
      p++;
      break;
    case '\\':
      cw_buf_u8(out, '\\');
      p++;
      break;
    case 'u': {
      const char *at = p - 1;
      uint32_t cp = 0;
      p += 2;
      for (; *p != '}'; p++) {
        if (*p == '_') continue;
        cp = cp * 16 + (uint32_t)hexval(*p);
        if (cp > 0x10FFFF) break;
      }
      if (cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000))
        cw_lex_error_at(lx, t->line, t->col + (uint32_t)(at - t->s), "illegal escape: %s",
                        "not a Unicode scalar value");
      while (*p != '}')
        p++;
      p++;
      put_utf8(out, cp);
      break;
    }
    default: cw_buf_u8(out, (uint8_t)(hexval(p[0]) * 16 + hexval(p[1]))); p += 2;
    }
  }
}

bool cw_utf8_valid(const uint8_t *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint8_t c = s[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t k;
    uint32_t cp, min;
    if ((c & 0xE0) == 0xC0)
      k = 1, cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
      k = 2, cp = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0)
      k = 3, cp = c & 0x07, min = 0x10000;
    else
      return false;
    if (n - i <= k) return false;
    for (size_t j = 1; j <= k; j++) {
      if ((s[i + j] & 0xC0) != 0x80) return false;
      cp = cp << 6 | (s[i + j] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) return false;
    i += k + 1;
  }
  return true;
}

void cw_tok_describe(const cw_tok *t, char *buf, size_t len) {
  switch (t->kind) {
  case CW_TOK_EOF: snprintf(buf, len, "end of file"); return;
  case CW_TOK_LPAR: snprintf(buf, len, "'('"); return;
  case CW_TOK_RPAR: snprintf(buf, len, "')'"); return;
  default: {
    int n = t->len > 40 ? 40 : (int)t->len;
    snprintf(buf, len, "'%.*s%s'", n, t->s, t->len > 40 ? "..." : "");
  }
  }
}
