/*
 * lex.h — tokens of the WebAssembly text format (WAT and WAST scripts).
 *
 * The lexer is a cursor over text already in memory: it hands out one
 * token at a time and never builds a token array, so any file size lexes in
 * constant memory. Whitespace, line and block comments (nested) and
 * annotations `(@id ...)` are skipped. A saved cw_lex is a bookmark: copy
 * it to look ahead or to re-read a module field later.
 *
 * Errors (an unterminated string or comment, a bad character) go through
 * the caller's jmp_buf with the message in the caller's buffer, as
 * "file:line:column: message".
 */
#ifndef CW_TEXT_LEX_H
#define CW_TEXT_LEX_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/buf.h"

typedef enum cw_tok_kind {
  CW_TOK_EOF,
  CW_TOK_LPAR,
  CW_TOK_RPAR,
  CW_TOK_KEYWORD,  /* starts with a..z: instruction names, `offset=4`, `nan:0x1`, `inf` */
  CW_TOK_NUM,      /* starts with a digit or a sign: checked when it is converted */
  CW_TOK_ID,       /* $name or $"name" */
  CW_TOK_STRING,   /* "..." with its quotes; cw_lex_string() decodes it */
  CW_TOK_RESERVED, /* any other run of id characters */
} cw_tok_kind;

typedef struct cw_tok {
  cw_tok_kind kind;
  uint32_t len;
  const char *s; /* the token's text in the source */
  uint32_t line, col;
} cw_tok;

/* Where a lexer error goes. */
typedef struct cw_text_fail {
  jmp_buf jb;
  char *msg;
  size_t msglen;
} cw_text_fail;

typedef struct cw_lex {
  const char *p, *end;
  const char *line_start;
  uint32_t line;
  const char *file; /* for messages */
  cw_text_fail *fail;
} cw_lex;

void cw_lex_init(cw_lex *lx, const char *file, const char *text, size_t len, cw_text_fail *fail);
/* The next token; CW_TOK_EOF at the end (repeatedly). */
cw_tok cw_lex_next(cw_lex *lx);
/* Decodes a CW_TOK_STRING's escapes, appending the bytes to out. */
void cw_lex_string(cw_lex *lx, const cw_tok *t, cw_buf *out);
/* True if s[0..n) is well-formed UTF-8. */
bool cw_utf8_valid(const uint8_t *s, size_t n);
/* Reports "file:line:col: message" through lx->fail (does not return). */
_Noreturn void cw_lex_error_at(cw_lex *lx, uint32_t line, uint32_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Short printable form of a token for "found ..." messages. */
void cw_tok_describe(const cw_tok *t, char *buf, size_t len);

#endif /* CW_TEXT_LEX_H */
