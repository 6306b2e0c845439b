/*
 * wast.c — the WAST script runner (see wast.h).
 *
 * The script is lexed in place, one command at a time; each command's
 * extent is found first (balanced parentheses), so a command that cannot
 * be parsed or carried out costs only itself. Modules in text go through
 * the text parser (src/text/wat.c) to bytes and then through
 * cwasi_module_new like any binary.
 */
#define _GNU_SOURCE
#include "wast/wast.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/opcodes.h"
#include "text/lex.h"
#include "text/wat.h"

typedef enum outcome {
  OUT_PASS, /* a counted assertion held */
  OUT_OK,   /* an uncounted command worked */
  OUT_FAIL, /* counted as one failure */
  OUT_SKIP, /* counted as skipped under r->skip_reason */
} outcome;

typedef struct named {
  char *name;
  uint32_t len;
  cwasi_instance *inst; /* instances */
  cwasi_module *def;    /* module definitions */
  bool is_def;
  const char *skip; /* the feature it needed, if it was skipped */
  int line;
} named;

typedef struct runner {
  const char *file; /* for messages */
  const cw_wast_options *opt;
  cw_wast_tally *tally;
  cw_lex lx;
  cw_tok t, t2;
  bool has_t2;
  cw_text_fail fail; /* script syntax errors: the command fails */
  char err[700];
  jmp_buf done; /* a command's outcome decided early */
  outcome out;
  const char *skip_reason;
  /* the engine */
  cwasi_engine *engine;
  cwasi_store *store;
  cwasi_linker *linker;
  cw_spectest host;
  /* the current module */
  cwasi_instance *cur;
  const char *cur_skip;
  int cur_line;
  named *names;
  size_t nnames, cap;
  /* the command being run */
  int line;
  char cmd[32];
  const char *cmd_start, *cmd_end;
  cw_lex cmd_at;        /* the lexer just before the command's '(' */
  cw_lex cmd_after;     /* the lexer just after its ')' */
  const char *skip_all; /* a feature the whole script needs and the engine lacks */
  bool has_simd;        /* the instruction table has SIMD */
  cw_buf scratch;
  cw_buf module_bytes, raw; /* the module being read: owned here, not by the command */
} runner;

void cw_wast_skip(cw_wast_tally *t, const char *reason, int n) {
  t->skipped += n;
  for (int i = 0; i < t->nreasons; i++)
    if (strcmp(t->reason[i], reason) == 0) {
      t->reason_count[i] += n;
      return;
    }
  if (t->nreasons < CW_WAST_MAX_REASONS) {
    t->reason[t->nreasons] = reason;
    t->reason_count[t->nreasons++] = n;
  }
}

/* ---- features the engine does not have ---- */

/* pat occurs in s[0..n) at the start of a word (not inside "instruction"). */
static bool has(const char *s, size_t n, const char *pat) {
  size_t k = strlen(pat);
  const char *end = s + n;
  for (const char *p = s; (p = memmem(p, (size_t)(end - p), pat, k)); p++) {
    char b = p > s ? p[-1] : ' ';
    bool inside = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
                  b == '_' || b == '.' || b == '$';
    if (!inside || pat[0] == '(') return true;
  }
  return false;
}

/* Features whose text the parser does not know yet: a rejection of such a
 * module proves nothing. (Multiple memories and memory64 parse; a 2.0
 * script expects them rejected.) */
static bool unparsed_feature(const char *f) {
  return strcmp(f, "multi-memory") != 0 && strcmp(f, "memory64") != 0;
}

/* `(memory $id? (export ...)* (import ...)? i64` or the same for a
 * table: a 64-bit address type. */
static bool has_addr64(const char *s, size_t n) {
  static const char *const kws[] = {"(memory", "(table"};
  const char *end = s + n;
  for (int k = 0; k < 2; k++) {
    size_t kl = strlen(kws[k]);
    for (const char *p = s; (p = memmem(p, (size_t)(end - p), kws[k], kl)); p += kl) {
      const char *q = p + kl;
      for (;;) {
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
          q++;
        if (q < end && *q == '$') {
          while (q < end && *q != ' ' && *q != '\t' && *q != '\n' && *q != ')' && *q != '(')
            q++;
        } else if (q < end && *q == '(') {
          int depth = 0;
          do {
            if (*q == '(')
              depth++;
            else if (*q == ')')
              depth--;
            q++;
          } while (q < end && depth > 0);
        } else {
          break;
        }
      }
      if (end - q >= 4 && memcmp(q, "i64", 3) == 0 && (q[3] == ' ' || q[3] == ')')) return true;
    }
  }
  return false;
}

/* Memories defined or imported: "(memory" other than a use "(memory x)". */
static size_t memory_defs(const char *s, size_t n) {
  size_t c = 0;
  const char *end = s + n;
  for (const char *p = s; (p = memmem(p, (size_t)(end - p), "(memory", 7)); p += 7) {
    const char *q = p + 7;
    if (q < end && *q != ' ' && *q != ')' && *q != '\n' && *q != '\t') continue;
    while (q < end && (*q == ' ' || *q == '\t' || *q == '\n'))
      q++;
    const char *tok = q;
    while (q < end && *q != ' ' && *q != ')' && *q != '(' && *q != '\n' && *q != '\t')
      q++;
    while (q < end && (*q == ' ' || *q == '\t' || *q == '\n'))
      q++;
    bool use = q > tok && q < end && *q == ')' &&
               (*tok == '$' || (q - tok < 12 && *tok >= '0' && *tok <= '9'));
    /* "(memory 1)" is a definition too: a use only appears inside a data
     * segment or an export, right after a string or "(data". */
    if (use && *tok != '$') {
      const char *b = p;
      while (b > s && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\n'))
        b--;
      use = b > s && b[-1] == '"';
      if (!use && b - s >= 5 && !memcmp(b - 5, "(data", 5)) use = true;
      if (!use) {
        const char *w = b;
        while (w > s && w[-1] != '(')
          w--;
        use = b - w >= 4 && !memcmp(w, "data", 4);
      }
    }
    if (!use) c++;
  }
  return c;
}

/* The not-yet-built feature the text s[0..n) uses, or NULL. */
static const char *feature_of(const char *s, size_t n, bool simd_built) {
  if (has(s, n, "relaxed_") && !simd_built) return "relaxed-simd";
  static const char *const simd[] = {"v128", "i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2"};
  for (size_t i = 0; i < sizeof simd / sizeof simd[0] && !simd_built; i++)
    if (has(s, n, simd[i])) return "simd";
  static const char *const exn[] = {"try_table",        "throw", "exnref", "(tag",
                                    "assert_exception", "catch", "noexn"};
  for (size_t i = 0; i < sizeof exn / sizeof exn[0]; i++)
    if (has(s, n, exn[i])) return "exceptions";
  if (has(s, n, "shared") || has(s, n, "atomic")) return "threads";
  static const char *const gc[] = {
      "struct",       "array",          "i31",      "(rec",     "(sub",       "anyref",
      "eqref",        "nullref",        "ref.test", "ref.cast", "br_on_cast", "convert_extern",
      "convert_any",  "ref.eq",         "(ref any", "(ref eq",  "(ref none",  "(ref null any",
      "(ref null eq", "(ref null none", "ref.any"};
  for (size_t i = 0; i < sizeof gc / sizeof gc[0]; i++)
    if (has(s, n, gc[i])) return "gc";
  static const char *const fref[] = {"call_ref",   "return_call_ref", "ref.as_non_null",
                                     "br_on_null", "br_on_non_null",  "(ref "};
  for (size_t i = 0; i < sizeof fref / sizeof fref[0]; i++)
    if (has(s, n, fref[i])) return "typed-function-refs";
  if (has_addr64(s, n)) return "memory64";
  if (memory_defs(s, n) >= 2) return "multi-memory";
  return NULL;
}

/* The feature an engine error shows to be missing, when its wording says
 * so: 3.0 modules rejected by the 2.0 decoder and validator. */
static const char *feature_of_error(runner *r, const char *msg) {
  const char *text = r->cmd_start;
  size_t n = (size_t)(r->cmd_end - r->cmd_start);
  if (strstr(msg, "multiple memories") || strstr(msg, "zero byte expected")) return "multi-memory";
  if (strstr(msg, "may only read imported globals")) return "gc";
  if ((strstr(msg, "(memory), entry") || strstr(msg, "(table), entry") ||
       strstr(msg, "(import), entry")) &&
      strstr(msg, "integer too large"))
    return "memory64";
  if (strstr(msg, "func ") &&
      (strstr(msg, "integer too large") || strstr(msg, "integer representation too long")) &&
      has(text, n, "offset="))
    return "memory64";
  if (strstr(msg, "alignment must not be larger than natural (2**")) {
    const char *e = strstr(msg, "(2**") + 4;
    if (atoi(e) >= 32) return "multi-memory"; /* memarg flags bit 6: a memory index */
  }
  if (strstr(msg, "(table), entry") && strstr(msg, "malformed reference type"))
    return "typed-function-refs"; /* a table with an initialiser */
  /* An import from a name registered by a skipped module. */
  for (size_t i = 0; i < r->nnames; i++) {
    named *nm = &r->names[i];
    if (nm->line != -1 || !nm->skip) continue;
    char quoted[300];
    snprintf(quoted, sizeof quoted, "\"%.*s\"", (int)nm->len, nm->name);
    if (strstr(msg, "unknown import") && strstr(msg, quoted)) return nm->skip;
  }
  return NULL;
}

/* ---- outcomes ---- */

static _Noreturn void finish(runner *r, outcome o) {
  r->out = o;
  longjmp(r->done, 1);
}

static _Noreturn void failed(runner *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static _Noreturn void failed(runner *r, const char *fmt, ...) {
  if (r->opt->verbose && r->opt->out) {
    va_list ap;
    fprintf(r->opt->out, "%s:%d: %s: ", r->file, r->line, r->cmd);
    va_start(ap, fmt);
    vfprintf(r->opt->out, fmt, ap);
    va_end(ap);
    fputc('\n', r->opt->out);
  }
  finish(r, OUT_FAIL);
}

static _Noreturn void skipped(runner *r, const char *feature) {
  r->skip_reason = feature;
  finish(r, OUT_SKIP);
}

/* Fails the command, unless its text uses a feature we lack: then skipped. */
static _Noreturn void failed_or_skip(runner *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static _Noreturn void failed_or_skip(runner *r, const char *fmt, ...) {
  const char *f = feature_of(r->cmd_start, (size_t)(r->cmd_end - r->cmd_start), r->has_simd);
  if (f) skipped(r, f);
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if ((f = feature_of_error(r, msg))) skipped(r, f);
  failed(r, "%s", msg);
}

/* ---- tokens ---- */

static void next(runner *r) {
  if (r->has_t2) {
    r->t = r->t2;
    r->has_t2 = false;
  } else {
    r->t = cw_lex_next(&r->lx);
  }
}

static const cw_tok *peek(runner *r) {
  if (!r->has_t2) {
    r->t2 = cw_lex_next(&r->lx);
    r->has_t2 = true;
  }
  return &r->t2;
}

static bool tok_is(const cw_tok *t, const char *kw) {
  size_t n = strlen(kw);
  return t->kind == CW_TOK_KEYWORD && t->len == n && memcmp(t->s, kw, n) == 0;
}

static bool is_kw(runner *r, const char *kw) { return tok_is(&r->t, kw); }

static _Noreturn void expected(runner *r, const char *what) {
  char found[64];
  cw_tok_describe(&r->t, found, sizeof found);
  cw_lex_error_at(&r->lx, r->t.line, r->t.col, "expected %s, found %s", what, found);
}

static void expect_lpar(runner *r) {
  if (r->t.kind != CW_TOK_LPAR) expected(r, "'('");
  next(r);
}

static void expect_rpar(runner *r) {
  if (r->t.kind != CW_TOK_RPAR) expected(r, "')'");
  next(r);
}

/* Puts the lexer back before the current token (for the text parser). */
static void rewind_to_tok(runner *r) {
  r->lx.p = r->t.s;
  r->lx.line = r->t.line;
  r->lx.line_start = r->t.s - (r->t.col - 1);
  r->has_t2 = false;
}

/* Decodes the current string into r->scratch. */
static void string(runner *r) {
  if (r->t.kind != CW_TOK_STRING) expected(r, "a string");
  r->scratch.len = 0;
  cw_lex_string(&r->lx, &r->t, &r->scratch);
  next(r);
}

/* ---- instances ---- */

static void remember(runner *r, const cw_tok *id, cwasi_instance *inst, cwasi_module *def,
                     bool is_def, const char *skip) {
  if (r->nnames == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 8;
    named *n = realloc(r->names, cap * sizeof *n);
    if (!n) failed(r, "out of memory");
    r->names = n;
    r->cap = cap;
  }
  char *copy = malloc(id->len + 1);
  if (!copy) failed(r, "out of memory");
  memcpy(copy, id->s, id->len);
  copy[id->len] = '\0';
  r->names[r->nnames++] = (named){copy, id->len, inst, def, is_def, skip, r->line};
}

static named *lookup(runner *r, const cw_tok *id, bool definition) {
  for (size_t i = r->nnames; i-- > 0;)
    if (r->names[i].len == id->len && !memcmp(r->names[i].name, id->s, id->len) &&
        r->names[i].is_def == definition)
      return &r->names[i];
  return NULL;
}

/* The instance an action names (or the current one). */
static cwasi_instance *target(runner *r, const cw_tok *id) {
  if (id) {
    named *n = lookup(r, id, false);
    if (!n) failed(r, "unknown module %.*s", (int)id->len, id->s);
    if (n->skip) skipped(r, n->skip);
    if (!n->inst) failed(r, "module %s (line %d) failed to load", n->name, n->line);
    return n->inst;
  }
  if (r->cur_skip) skipped(r, r->cur_skip);
  if (!r->cur) {
    if (r->cur_line) failed(r, "the module at line %d failed to load", r->cur_line);
    failed(r, "no module defined yet");
  }
  return r->cur;
}

/* ---- modules ---- */

typedef struct script_module {
  bool definition;
  bool has_id;
  cw_tok id;
  bool is_instance; /* (module instance $i $m) */
  cw_tok inst_of;
  bool text_failed; /* the text (or quoted text) did not parse: err */
  bool quoted;
  cw_buf *bytes; /* r->module_bytes */
  char err[700];
} script_module;

/* Reads (module ...) whose '(' is current into m. */
static void read_module(runner *r, script_module *m) {
  memset(m, 0, sizeof *m);
  m->bytes = &r->module_bytes;
  m->bytes->len = 0;
  expect_lpar(r);
  if (!is_kw(r, "module")) expected(r, "'module'");
  next(r);
  if (is_kw(r, "definition")) {
    m->definition = true;
    next(r);
  } else if (is_kw(r, "instance")) {
    m->is_instance = true;
    next(r);
    if (r->t.kind == CW_TOK_ID) {
      m->id = r->t;
      m->has_id = true;
      next(r);
    }
    if (r->t.kind == CW_TOK_ID) {
      m->inst_of = r->t;
      next(r);
    } else {
      m->inst_of = m->id;
      m->has_id = false;
    }
    expect_rpar(r);
    return;
  }
  if (r->t.kind == CW_TOK_ID) {
    m->id = r->t;
    m->has_id = true;
    next(r);
  }
  if (is_kw(r, "binary") || is_kw(r, "quote")) {
    bool binary = is_kw(r, "binary");
    next(r);
    cw_buf *raw = binary ? m->bytes : &r->raw;
    raw->len = 0;
    while (r->t.kind == CW_TOK_STRING) {
      cw_lex_string(&r->lx, &r->t, raw);
      next(r);
    }
    expect_rpar(r);
    if (raw->failed) failed(r, "out of memory");
    if (binary) return;
    m->quoted = true;
    char qname[300];
    snprintf(qname, sizeof qname, "%s:%d (module quote)", r->file, r->line);
    cw_buf_free(m->bytes); /* cw_wat_to_wasm starts a new one */
    if (!cw_wat_to_wasm(qname, raw->p ? (const char *)raw->p : "", raw->len, m->bytes, m->err,
                        sizeof m->err))
      m->text_failed = true;
    return;
  }
  rewind_to_tok(r);
  if (!cw_wat_fields(&r->lx, m->bytes, m->err, sizeof m->err)) {
    m->text_failed = true;
    r->lx.fail = &r->fail;
    /* The lexer is somewhere inside: the caller must not read on. */
    return;
  }
  r->lx.fail = &r->fail;
  next(r);
}

static const char *status_name(cwasi_status st) {
  switch (st) {
  case CWASI_OK: return "ok";
  case CWASI_ERR_MALFORMED: return "malformed";
  case CWASI_ERR_INVALID: return "invalid";
  case CWASI_ERR_LINK: return "link error";
  case CWASI_ERR_TRAP: return "trap";
  case CWASI_ERR_EXIT: return "exit";
  case CWASI_ERR_ARG: return "bad argument";
  case CWASI_ERR_NOMEM: return "out of memory";
  case CWASI_ERR_IO: return "I/O error";
  }
  return "unknown status";
}

/* Skips to the end of the command: used after a text module failed. */
static void to_command_end(runner *r) {
  r->lx = r->cmd_after;
  r->lx.fail = &r->fail;
  r->has_t2 = false;
}

static void cmd_module(runner *r) {
  script_module m;
  read_module(r, &m);
  cwasi_error err;
  const char *feature = feature_of(r->cmd_start, (size_t)(r->cmd_end - r->cmd_start), r->has_simd);
  if (m.is_instance) {
    named *def = lookup(r, &m.inst_of, true);
    if (!def) failed(r, "unknown module definition %.*s", (int)m.inst_of.len, m.inst_of.s);
    r->cur = NULL;
    r->cur_skip = def->skip;
    r->cur_line = r->line;
    if (def->skip) {
      const char *skip = def->skip; /* remember() may move the names */
      if (m.has_id) remember(r, &m.id, NULL, NULL, false, skip);
      skipped(r, skip);
    }
    if (!def->def) failed(r, "module definition %s (line %d) failed to load", def->name, def->line);
    r->cur = cwasi_linker_instantiate(r->linker, def->def, &err);
    if (m.has_id) remember(r, &m.id, r->cur, NULL, false, NULL);
    if (!r->cur && (feature = feature_of_error(r, err.message))) {
      r->cur_skip = feature;
      skipped(r, feature);
    }
    if (!r->cur) failed(r, "instantiation failed: %s: %s", status_name(err.status), err.message);
    finish(r, OUT_OK);
  }
  r->cur = NULL;
  r->cur_skip = NULL;
  r->cur_line = r->line;
  cwasi_module *mod = NULL;
  const char *problem = NULL;
  char why[900];
  if (m.text_failed) {
    to_command_end(r);
    snprintf(why, sizeof why, "%s", m.err);
    problem = why;
  } else {
    mod = cwasi_module_new(r->engine, m.bytes->p, m.bytes->len, &err);
    if (!mod) {
      snprintf(why, sizeof why, "%s: %s", status_name(err.status), err.message);
      problem = why;
    }
  }
  if (problem && !feature) feature = feature_of_error(r, problem);
  cw_tok anon = {.kind = CW_TOK_ID, .s = "", .len = 0};
  if (problem) {
    if (feature) {
      r->cur_skip = feature;
      remember(r, m.has_id ? &m.id : &anon, NULL, NULL, m.definition, feature);
      skipped(r, feature);
    }
    remember(r, m.has_id ? &m.id : &anon, NULL, NULL, m.definition, NULL);
    failed(r, "module failed: %s", problem);
  }
  if (m.definition) {
    remember(r, m.has_id ? &m.id : &anon, NULL, mod, true, NULL);
    finish(r, OUT_OK);
  }
  r->cur = cwasi_linker_instantiate(r->linker, mod, &err);
  cwasi_module_delete(mod);
  if (!r->cur && !feature) feature = feature_of_error(r, err.message);
  if (m.has_id) remember(r, &m.id, r->cur, NULL, false, r->cur ? NULL : feature);
  if (!r->cur) {
    if (feature) {
      r->cur_skip = feature;
      skipped(r, feature);
    }
    failed(r, "instantiation failed: %s: %s", status_name(err.status), err.message);
  }
  finish(r, OUT_OK);
}

static void cmd_register(runner *r) {
  next(r);
  string(r);
  char as[256];
  size_t aslen = r->scratch.len;
  if (aslen >= sizeof as) failed(r, "register: name too long");
  memcpy(as, r->scratch.p, aslen);
  cw_tok id, *idp = NULL;
  if (r->t.kind == CW_TOK_ID) {
    id = r->t;
    idp = &id;
    next(r);
  }
  expect_rpar(r);
  named *n = idp ? lookup(r, idp, false) : NULL;
  const char *skip = idp ? (n ? n->skip : NULL) : r->cur_skip;
  if (skip) {
    /* Imports from this name will fail to link: for want of the feature. */
    cw_tok as_tok = {.kind = CW_TOK_ID, .s = as, .len = (uint32_t)aslen};
    remember(r, &as_tok, NULL, NULL, false, skip);
    r->names[r->nnames - 1].line = -1; /* a registered name, not a module */
    skipped(r, skip);
  }
  cwasi_instance *inst = target(r, idp);
  cwasi_status st = cwasi_linker_define_instance(r->linker, as, aslen, inst);
  if (st != CWASI_OK) failed(r, "register failed: %s", status_name(st));
  finish(r, OUT_OK);
}

/* ---- values ---- */

typedef enum match_kind { M_EXACT, M_NAN_CANON, M_NAN_ARITH, M_NONNULL, M_NULL } match_kind;

typedef struct expect {
  cwasi_val val;
  match_kind kind;
  /* v128 patterns: lane shape and a match kind per lane (float NaN lanes) */
  uint8_t lane_bytes;
  bool lane_float;
  match_kind lanes[16];
} expect;

/* (v128.const SHAPE lane*) after its keyword, into e (lanes may be NaN
 * patterns when pattern is set). */
static void v128_value(runner *r, expect *e, bool pattern) {
  static const struct {
    const char *name;
    uint8_t lanes, bytes;
    bool is_float;
  } shapes[] = {{"i8x16", 16, 1, false}, {"i16x8", 8, 2, false}, {"i32x4", 4, 4, false},
                {"i64x2", 2, 8, false},  {"f32x4", 4, 4, true},  {"f64x2", 2, 8, true}};
  if (!r->has_simd) skipped(r, "simd");
  size_t k = 0;
  while (k < sizeof shapes / sizeof shapes[0] && !is_kw(r, shapes[k].name))
    k++;
  if (k == sizeof shapes / sizeof shapes[0]) expected(r, "a v128 shape");
  next(r);
  e->val.type = CWASI_V128;
  e->lane_bytes = shapes[k].bytes;
  e->lane_float = shapes[k].is_float;
  for (unsigned lane = 0; lane < shapes[k].lanes; lane++) {
    uint64_t v = 0;
    e->lanes[lane] = M_EXACT;
    if (shapes[k].is_float && pattern && is_kw(r, "nan:canonical")) {
      e->lanes[lane] = M_NAN_CANON;
    } else if (shapes[k].is_float && pattern && is_kw(r, "nan:arithmetic")) {
      e->lanes[lane] = M_NAN_ARITH;
    } else if (shapes[k].is_float) {
      uint32_t f = 0;
      bool ok = shapes[k].bytes == 4 ? cw_text_f32(r->t.s, r->t.len, &f)
                                     : cw_text_f64(r->t.s, r->t.len, &v);
      if (!ok) expected(r, "a float lane");
      if (shapes[k].bytes == 4) v = f;
    } else if (r->t.kind != CW_TOK_NUM ||
               !cw_text_int(r->t.s, r->t.len, 8u * shapes[k].bytes, &v)) {
      expected(r, "an integer lane");
    }
    next(r);
    for (unsigned b = 0; b < shapes[k].bytes; b++)
      e->val.of.v128[lane * shapes[k].bytes + b] = (uint8_t)(v >> (8 * b));
  }
}

/* One float lane of a v128 against a NaN pattern. */
static bool lane_nan_matches(match_kind kind, const uint8_t *lane, unsigned bytes) {
  uint64_t bits = 0;
  for (unsigned b = 0; b < bytes; b++)
    bits |= (uint64_t)lane[b] << (8 * b);
  uint64_t quiet = bytes == 4 ? UINT64_C(0x7FC00000) : UINT64_C(0x7FF8000000000000);
  uint64_t abs = bits & (bytes == 4 ? UINT64_C(0x7FFFFFFF) : UINT64_C(0x7FFFFFFFFFFFFFFF));
  return kind == M_NAN_CANON ? abs == quiet : (bits & quiet) == quiet;
}

/* (i32.const 1) etc. as an argument (pattern false) or a result. */
static void value(runner *r, expect *e, bool pattern) {
  memset(e, 0, sizeof *e);
  expect_lpar(r);
  if (r->t.kind != CW_TOK_KEYWORD) expected(r, "a constant");
  cw_tok op = r->t;
  next(r);
  if (tok_is(&op, "i32.const") || tok_is(&op, "i64.const")) {
    bool is32 = tok_is(&op, "i32.const");
    uint64_t v;
    if (r->t.kind != CW_TOK_NUM || !cw_text_int(r->t.s, r->t.len, is32 ? 32 : 64, &v))
      expected(r, is32 ? "an i32 literal" : "an i64 literal");
    next(r);
    e->val.type = is32 ? CWASI_I32 : CWASI_I64;
    if (is32)
      e->val.of.i32 = (int32_t)(uint32_t)v;
    else
      e->val.of.i64 = (int64_t)v;
  } else if (tok_is(&op, "f32.const") || tok_is(&op, "f64.const")) {
    bool is32 = tok_is(&op, "f32.const");
    e->val.type = is32 ? CWASI_F32 : CWASI_F64;
    if (pattern && tok_is(&r->t, "nan:canonical")) {
      e->kind = M_NAN_CANON;
    } else if (pattern && tok_is(&r->t, "nan:arithmetic")) {
      e->kind = M_NAN_ARITH;
    } else if (is32) {
      uint32_t b;
      if (!cw_text_f32(r->t.s, r->t.len, &b)) expected(r, "an f32 literal");
      memcpy(&e->val.of.f32, &b, 4);
    } else {
      uint64_t b;
      if (!cw_text_f64(r->t.s, r->t.len, &b)) expected(r, "an f64 literal");
      memcpy(&e->val.of.f64, &b, 8);
    }
    next(r);
  } else if (tok_is(&op, "ref.null")) {
    if (tok_is(&r->t, "func") || tok_is(&r->t, "nofunc"))
      e->val.type = CWASI_FUNCREF;
    else if (tok_is(&r->t, "extern") || tok_is(&r->t, "noextern"))
      e->val.type = CWASI_EXTERNREF;
    else if (pattern && r->t.kind == CW_TOK_RPAR)
      e->val.type = 0; /* any null */
    else
      skipped(r, "gc");
    if (r->t.kind != CW_TOK_RPAR) next(r);
    e->kind = M_NULL;
  } else if (tok_is(&op, "ref.extern") || tok_is(&op, "ref.host")) {
    e->val.type = CWASI_EXTERNREF;
    if (r->t.kind == CW_TOK_RPAR && pattern) {
      e->kind = M_NONNULL;
    } else {
      uint64_t v;
      if (r->t.kind != CW_TOK_NUM || !cw_text_int(r->t.s, r->t.len, 32, &v))
        expected(r, "an extern reference number");
      next(r);
      e->val.of.externref = (void *)(uintptr_t)(v + 1);
    }
  } else if (tok_is(&op, "ref.func") && pattern) {
    e->val.type = CWASI_FUNCREF;
    e->kind = M_NONNULL;
    if (r->t.kind != CW_TOK_RPAR) next(r);
  } else if (tok_is(&op, "v128.const")) {
    v128_value(r, e, pattern);
  } else if (tok_is(&op, "ref.any") || tok_is(&op, "ref.eq") || tok_is(&op, "ref.i31") ||
             tok_is(&op, "ref.struct") || tok_is(&op, "ref.array") ||
             tok_is(&op, "ref.i31_shared")) {
    skipped(r, "gc");
  } else if (tok_is(&op, "ref.exn")) {
    skipped(r, "exceptions");
  } else {
    char found[64];
    cw_tok_describe(&op, found, sizeof found);
    cw_lex_error_at(&r->lx, op.line, op.col, "expected a constant, found %s", found);
  }
  expect_rpar(r);
}

static bool matches(const expect *e, const cwasi_val *v) {
  if (e->kind == M_NULL) {
    if (e->val.type && v->type != e->val.type) return false;
    return v->type == CWASI_FUNCREF     ? v->of.funcref == NULL
           : v->type == CWASI_EXTERNREF ? v->of.externref == NULL
                                        : false;
  }
  if (v->type != e->val.type) return false;
  if (v->type == CWASI_V128) {
    for (unsigned lane = 0; lane * e->lane_bytes < 16; lane++) {
      const uint8_t *got = v->of.v128 + lane * e->lane_bytes;
      if (e->lanes[lane] != M_EXACT) {
        if (!lane_nan_matches(e->lanes[lane], got, e->lane_bytes)) return false;
      } else if (memcmp(got, e->val.of.v128 + lane * e->lane_bytes, e->lane_bytes) != 0) {
        return false;
      }
    }
    return true;
  }
  switch (e->kind) {
  case M_NONNULL: return v->type == CWASI_FUNCREF ? v->of.funcref != NULL : v->of.externref != NULL;
  case M_NAN_CANON:
  case M_NAN_ARITH:
    if (v->type == CWASI_F32) {
      uint32_t b;
      memcpy(&b, &v->of.f32, 4);
      return e->kind == M_NAN_CANON ? (b & 0x7FFFFFFF) == 0x7FC00000
                                    : (b & 0x7FC00000) == 0x7FC00000;
    } else {
      uint64_t b;
      memcpy(&b, &v->of.f64, 8);
      return e->kind == M_NAN_CANON
                 ? (b & UINT64_C(0x7FFFFFFFFFFFFFFF)) == UINT64_C(0x7FF8000000000000)
                 : (b & UINT64_C(0x7FF8000000000000)) == UINT64_C(0x7FF8000000000000);
    }
  default: break;
  }
  switch (v->type) {
  case CWASI_I32: return v->of.i32 == e->val.of.i32;
  case CWASI_I64: return v->of.i64 == e->val.of.i64;
  case CWASI_F32: return !memcmp(&v->of.f32, &e->val.of.f32, 4);
  case CWASI_F64: return !memcmp(&v->of.f64, &e->val.of.f64, 8);
  case CWASI_FUNCREF: return v->of.funcref == e->val.of.funcref;
  case CWASI_EXTERNREF: return v->of.externref == e->val.of.externref;
  default: return false;
  }
}

static void format_val(const cwasi_val *v, char *buf, size_t len) {
  switch (v->type) {
  case CWASI_I32: snprintf(buf, len, "i32:%" PRId32, v->of.i32); break;
  case CWASI_I64: snprintf(buf, len, "i64:%" PRId64, v->of.i64); break;
  case CWASI_F32: {
    uint32_t b;
    memcpy(&b, &v->of.f32, 4);
    snprintf(buf, len, "f32:%.9g(0x%08" PRIx32 ")", (double)v->of.f32, b);
    break;
  }
  case CWASI_F64: {
    uint64_t b;
    memcpy(&b, &v->of.f64, 8);
    snprintf(buf, len, "f64:%.17g(0x%016" PRIx64 ")", v->of.f64, b);
    break;
  }
  case CWASI_FUNCREF: snprintf(buf, len, "funcref:%s", v->of.funcref ? "func" : "null"); break;
  case CWASI_EXTERNREF:
    if (v->of.externref)
      snprintf(buf, len, "externref:%zu", (size_t)(uintptr_t)v->of.externref - 1);
    else
      snprintf(buf, len, "externref:null");
    break;
  case CWASI_V128: {
    size_t used = (size_t)snprintf(buf, len, "v128:0x");
    for (int i = 15; i >= 0 && used + 2 < len; i--)
      used += (size_t)snprintf(buf + used, len - used, "%02x", v->of.v128[i]);
    break;
  }
  default: snprintf(buf, len, "?"); break;
  }
}

/* ---- actions ---- */

typedef struct action {
  char desc[300];
  cwasi_val results[64];
  size_t nresults;
  cwasi_status st;
  cwasi_error err;
} action;

/* (invoke $id? "name" const*) or (get $id? "name"), run. */
static void run_action(runner *r, action *a) {
  memset(a, 0, sizeof *a);
  expect_lpar(r);
  bool invoke = is_kw(r, "invoke");
  if (!invoke && !is_kw(r, "get")) expected(r, "'invoke' or 'get'");
  next(r);
  cw_tok id, *idp = NULL;
  if (r->t.kind == CW_TOK_ID) {
    id = r->t;
    idp = &id;
    next(r);
  }
  string(r);
  char name[1024];
  size_t nlen = r->scratch.len;
  if (nlen >= sizeof name) failed(r, "export name longer than %zu bytes", sizeof name - 1);
  memcpy(name, r->scratch.p, nlen);
  name[nlen] = '\0';
  cwasi_val args[64];
  size_t nargs = 0;
  while (r->t.kind == CW_TOK_LPAR) {
    expect e;
    value(r, &e, false);
    if (nargs == 64) failed(r, "too many arguments");
    args[nargs++] = e.val;
  }
  expect_rpar(r);
  int used = snprintf(a->desc, sizeof a->desc, "%s \"%.100s\"", invoke ? "invoke" : "get", name);
  for (size_t i = 0; i < nargs && used > 0 && (size_t)used < sizeof a->desc; i++) {
    char one[64];
    format_val(&args[i], one, sizeof one);
    used += snprintf(a->desc + used, sizeof a->desc - (size_t)used, "%s%s", i ? ", " : "(", one);
  }
  if (nargs && used > 0 && (size_t)used < sizeof a->desc)
    snprintf(a->desc + used, sizeof a->desc - (size_t)used, ")");
  cwasi_instance *inst = target(r, idp);
  cwasi_extern ext;
  if (!cwasi_instance_export(inst, name, nlen, &ext))
    failed_or_skip(r, "%s: no such export", a->desc);
  if (invoke) {
    if (ext.kind != CWASI_EXTERN_FUNC) failed(r, "%s: not a function", a->desc);
    a->nresults = cwasi_func_result_count(ext.of.func);
    if (a->nresults > 64) failed(r, "%s: too many results", a->desc);
    a->st = cwasi_func_call(r->store, ext.of.func, args, nargs, a->results, a->nresults, &a->err);
    if (a->st == CWASI_ERR_ARG) failed(r, "%s: %s", a->desc, a->err.message);
  } else {
    if (ext.kind != CWASI_EXTERN_GLOBAL) failed(r, "%s: not a global", a->desc);
    a->results[0] = cwasi_global_get(ext.of.global);
    a->nresults = 1;
  }
}

static void cmd_action(runner *r) {
  action a;
  run_action(r, &a);
  if (a.st != CWASI_OK) failed_or_skip(r, "%s: %s: %s", a.desc, status_name(a.st), a.err.message);
  finish(r, OUT_OK);
}

static void format_results(const cwasi_val *v, size_t n, char *buf, size_t len) {
  size_t used = (size_t)snprintf(buf, len, "(");
  for (size_t i = 0; i < n && used < len; i++) {
    char one[96];
    format_val(&v[i], one, sizeof one);
    used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? ", " : "", one);
  }
  if (used < len) snprintf(buf + used, len - used, ")");
}

static void cmd_assert_return(runner *r) {
  next(r);
  action a;
  run_action(r, &a);
  /* Expected results: values, or (either v...) alternatives. */
  bool ok = true;
  size_t n = 0;
  char want[1024];
  size_t used = (size_t)snprintf(want, sizeof want, "(");
  while (r->t.kind == CW_TOK_LPAR) {
    bool either = tok_is(peek(r), "either");
    bool this_ok = false;
    if (either) {
      next(r);
      next(r);
      while (r->t.kind == CW_TOK_LPAR) {
        expect e;
        value(r, &e, true);
        if (n < a.nresults && matches(&e, &a.results[n])) this_ok = true;
      }
      expect_rpar(r);
      if (used < sizeof want)
        used += (size_t)snprintf(want + used, sizeof want - used, "%seither...", n ? ", " : "");
    } else {
      expect e;
      value(r, &e, true);
      this_ok = n < a.nresults && matches(&e, &a.results[n]);
      char one[96];
      if (e.kind == M_NAN_CANON || e.kind == M_NAN_ARITH)
        snprintf(one, sizeof one, "%s:%s", e.val.type == CWASI_F32 ? "f32" : "f64",
                 e.kind == M_NAN_CANON ? "nan:canonical" : "nan:arithmetic");
      else if (e.kind == M_NULL)
        snprintf(one, sizeof one, "ref.null");
      else if (e.kind == M_NONNULL)
        snprintf(one, sizeof one, "non-null ref");
      else
        format_val(&e.val, one, sizeof one);
      if (used < sizeof want)
        used += (size_t)snprintf(want + used, sizeof want - used, "%s%s", n ? ", " : "", one);
    }
    ok = ok && this_ok;
    n++;
  }
  expect_rpar(r);
  if (a.st != CWASI_OK)
    failed_or_skip(r, "%s: expected a result, got %s: %s", a.desc, status_name(a.st),
                   a.err.message);
  if (used < sizeof want) snprintf(want + used, sizeof want - used, ")");
  if (!ok || n != a.nresults) {
    char got[1024];
    format_results(a.results, a.nresults, got, sizeof got);
    failed_or_skip(r, "%s: expected %s, got %s", a.desc, want, got);
  }
  finish(r, OUT_PASS);
}

static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Our trap messages start with the spec's wording (and may add detail);
 * a script may add detail of its own ("uninitialized element 2"). */
static bool trap_text_matches(const cwasi_error *err, const char *want) {
  if (starts_with(err->message, want)) return true;
  if (err->trap == CWASI_TRAP_NONE || err->trap == CWASI_TRAP_HOST) return false;
  const char *wording = cwasi_trap_message(err->trap);
  return wording && *wording && starts_with(want, wording) && want[strlen(wording)] == ' ' &&
         starts_with(err->message, wording);
}

static void check_trap(runner *r, const char *what, cwasi_status st, const cwasi_error *err,
                       const char *want) {
  if (st != CWASI_ERR_TRAP)
    failed_or_skip(r, "%s: expected trap \"%s\", got %s: %s", what, want, status_name(st),
                   st == CWASI_OK ? "" : err->message);
  if (!trap_text_matches(err, want))
    failed(r, "%s: expected trap \"%s\", got trap \"%s\"", what, want, err->message);
  finish(r, OUT_PASS);
}

/* The expected message after a module or action, as a C string. */
static char *message(runner *r, char *buf, size_t len) {
  string(r);
  size_t n = r->scratch.len < len - 1 ? r->scratch.len : len - 1;
  memcpy(buf, r->scratch.p, n);
  buf[n] = '\0';
  expect_rpar(r);
  return buf;
}

static void cmd_assert_trap(runner *r) {
  next(r);
  char want[256];
  if (tok_is(peek(r), "module")) {
    /* (assert_trap (module ...) "msg"): instantiation traps. */
    script_module m;
    read_module(r, &m);
    if (m.text_failed) {
      failed_or_skip(r, "module did not parse: %s", m.err);
    }
    message(r, want, sizeof want);
    cwasi_error err;
    cwasi_module *mod = cwasi_module_new(r->engine, m.bytes->p, m.bytes->len, &err);
    if (!mod)
      failed_or_skip(r, "module did not load: %s: %s", status_name(err.status), err.message);
    cwasi_instance *inst = cwasi_linker_instantiate(r->linker, mod, &err);
    cwasi_module_delete(mod);
    check_trap(r, "module", inst ? CWASI_OK : err.status, &err, want);
  }
  action a;
  run_action(r, &a);
  message(r, want, sizeof want);
  if (a.st == CWASI_OK) {
    char got[1024];
    format_results(a.results, a.nresults, got, sizeof got);
    failed_or_skip(r, "%s: expected trap \"%s\", got %s", a.desc, want, got);
  }
  check_trap(r, a.desc, a.st, &a.err, want);
}

/* assert_malformed / assert_invalid: the module must be rejected so. */
static void cmd_assert_bad_module(runner *r, cwasi_status want_status) {
  const char *feature = feature_of(r->cmd_start, (size_t)(r->cmd_end - r->cmd_start), r->has_simd);
  if (feature && unparsed_feature(feature)) skipped(r, feature);
  next(r);
  script_module m;
  read_module(r, &m);
  if (m.text_failed) {
    if (want_status == CWASI_ERR_MALFORMED) finish(r, OUT_PASS);
    failed_or_skip(r, "expected invalid, but the text did not parse: %s", m.err);
  }
  char want[256];
  message(r, want, sizeof want);
  cwasi_error err;
  cwasi_module *mod = cwasi_module_new(r->engine, m.bytes->p, m.bytes->len, &err);
  if (mod) {
    cwasi_module_delete(mod);
    failed_or_skip(r, "module loaded, expected %s \"%s\"", status_name(want_status), want);
  }
  if (err.status != want_status)
    failed_or_skip(r, "expected %s \"%s\", got %s: %s", status_name(want_status), want,
                   status_name(err.status), err.message);
  finish(r, OUT_PASS);
}

/* assert_unlinkable / assert_uninstantiable. */
static void cmd_assert_bad_instance(runner *r, cwasi_status want_status) {
  next(r);
  script_module m;
  read_module(r, &m);
  if (m.text_failed) {
    failed_or_skip(r, "module did not parse: %s", m.err);
  }
  char want[256];
  message(r, want, sizeof want);
  cwasi_error err;
  cwasi_module *mod = cwasi_module_new(r->engine, m.bytes->p, m.bytes->len, &err);
  if (!mod)
    failed_or_skip(r, "expected %s \"%s\", but the module did not load: %s: %s",
                   status_name(want_status), want, status_name(err.status), err.message);
  cwasi_instance *inst = cwasi_linker_instantiate(r->linker, mod, &err);
  cwasi_module_delete(mod);
  if (inst) failed_or_skip(r, "instantiated, expected %s \"%s\"", status_name(want_status), want);
  if (want_status == CWASI_ERR_TRAP) check_trap(r, "module", err.status, &err, want);
  if (err.status != want_status)
    failed_or_skip(r, "expected %s \"%s\", got %s: %s", status_name(want_status), want,
                   status_name(err.status), err.message);
  finish(r, OUT_PASS);
}

static void run_command(runner *r) {
  expect_lpar(r);
  if (r->t.kind != CW_TOK_KEYWORD) expected(r, "a command");
  snprintf(r->cmd, sizeof r->cmd, "%.*s", (int)(r->t.len < 31 ? r->t.len : 31), r->t.s);
  /* A module or a bare action is read again from its '('. */
  if (is_kw(r, "module") || is_kw(r, "invoke") || is_kw(r, "get")) {
    bool module = is_kw(r, "module");
    r->lx = r->cmd_at;
    r->has_t2 = false;
    next(r);
    if (module) cmd_module(r);
    cmd_action(r);
  }
  if (is_kw(r, "register")) cmd_register(r);
  if (is_kw(r, "assert_return")) cmd_assert_return(r);
  if (is_kw(r, "assert_trap") || is_kw(r, "assert_exhaustion")) cmd_assert_trap(r);
  if (is_kw(r, "assert_malformed")) cmd_assert_bad_module(r, CWASI_ERR_MALFORMED);
  if (is_kw(r, "assert_invalid")) cmd_assert_bad_module(r, CWASI_ERR_INVALID);
  if (is_kw(r, "assert_unlinkable")) cmd_assert_bad_instance(r, CWASI_ERR_LINK);
  if (is_kw(r, "assert_uninstantiable")) cmd_assert_bad_instance(r, CWASI_ERR_TRAP);
  if (is_kw(r, "assert_exception")) skipped(r, "exceptions");
  if (is_kw(r, "assert_suspension")) skipped(r, "stack-switching");
  if (is_kw(r, "thread") || is_kw(r, "wait")) skipped(r, "threads");
  if (is_kw(r, "input") || is_kw(r, "output")) skipped(r, "script-io");
  expected(r, "a script command");
}

static bool counted(const char *cmd) { return starts_with(cmd, "assert_"); }

/* The lexer after the command that starts at `at` (balanced parentheses). */
static cw_lex command_end(cw_lex at) {
  uint32_t line = at.line, col = 0;
  int depth = 0;
  do {
    cw_tok t = cw_lex_next(&at);
    if (!col) col = t.col, line = t.line;
    if (t.kind == CW_TOK_LPAR)
      depth++;
    else if (t.kind == CW_TOK_RPAR)
      depth--;
    else if (t.kind == CW_TOK_EOF)
      cw_lex_error_at(&at, line, col, "unclosed '(' of this command");
  } while (depth > 0);
  return at;
}

__attribute__((noinline)) static uint8_t *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  uint8_t *buf = malloc(cap + 1);
  while (buf) {
    n += fread(buf + n, 1, cap - n, f);
    if (n < cap) break;
    uint8_t *bigger = realloc(buf, cap * 2 + 1);
    if (!bigger) {
      free(buf);
      buf = NULL;
      break;
    }
    buf = bigger;
    cap *= 2;
  }
  if (buf && ferror(f)) {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  *len = n;
  return buf;
}

static void record(runner *r, outcome o) {
  cw_wast_tally *t = r->tally;
  switch (o) {
  case OUT_PASS: t->passed++; break;
  case OUT_OK: break;
  case OUT_FAIL: t->failed++; break;
  case OUT_SKIP: cw_wast_skip(t, r->skip_reason, 1); break;
  }
}

static void run_script(runner *r) {
  cw_wast_tally *t = r->tally;
  const cw_wast_options *opt = r->opt;
  for (;;) {
    /* One command: find its extent, then run it. */
    volatile bool lex_broken = false;
    volatile bool at_end = false;
    if (setjmp(r->fail.jb)) {
      lex_broken = true;
    } else {
      r->has_t2 = false;
      r->cmd_at = r->lx;
      r->t = cw_lex_next(&r->lx);
      at_end = r->t.kind == CW_TOK_EOF;
      if (!at_end) {
        r->line = (int)r->t.line;
        r->cmd_start = r->t.s;
        r->cmd[0] = '\0';
        if (r->t.kind != CW_TOK_LPAR) expected(r, "'('");
        r->cmd_after = command_end(r->cmd_at);
        r->cmd_end = r->cmd_after.p;
      }
    }
    if (at_end) break;
    if (lex_broken) {
      if (opt->out) fprintf(opt->out, "%s\n", r->err);
      t->failed++;
      break;
    }
    if (r->skip_all) {
      cw_tok k = cw_lex_next(&r->lx);
      snprintf(r->cmd, sizeof r->cmd, "%.*s", (int)(k.len < 31 ? k.len : 31), k.s);
      r->skip_reason = r->skip_all;
      r->out = counted(r->cmd) ? OUT_SKIP : OUT_OK;
    } else if (setjmp(r->done) == 0) {
      if (setjmp(r->fail.jb) == 0) {
        run_command(r);
      } else {
        /* A syntax error in the script: the command fails. */
        r->lx.fail = &r->fail;
        if (strcmp(r->cmd, "module") != 0 && !counted(r->cmd) && r->cmd[0] == '\0')
          snprintf(r->cmd, sizeof r->cmd, "command");
        if (r->opt->verbose && r->opt->out)
          fprintf(r->opt->out, "%s:%d: %s: %s\n", r->file, r->line, r->cmd, r->err);
        r->out = OUT_FAIL;
      }
    }
    outcome o = r->out;
    if (o == OUT_OK && counted(r->cmd)) o = OUT_PASS;
    if (o == OUT_PASS && !counted(r->cmd)) o = OUT_OK;
    record(r, o);
    r->lx = r->cmd_after;
    r->lx.fail = &r->fail;
  }
}

/* SIMD, relaxed SIMD included, is in the instruction table. */
static bool engine_has_simd(void) {
  bool simd = false, relaxed = false;
  for (int i = 0; i < CW_OP__COUNT; i++) {
    simd = simd || strncmp(cw_opinfo_table[i].name, "v128.", 5) == 0;
    relaxed = relaxed || strstr(cw_opinfo_table[i].name, ".relaxed_") != NULL;
  }
  return simd && relaxed;
}

/* A script may be just the fields of one module: true if it was (and the
 * module was loaded and instantiated, or counted as a failure). */
static bool inline_module(runner *r, const char *text, size_t len) {
  static const char *const fields[] = {"type",   "import", "func", "table", "memory", "global",
                                       "export", "start",  "elem", "data",  "tag",    "rec"};
  cw_lex lx = r->lx;
  if (setjmp(r->fail.jb)) return false; /* the command loop will report it */
  cw_tok a = cw_lex_next(&lx), b = cw_lex_next(&lx);
  bool is_field = false;
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
    is_field = is_field || tok_is(&b, fields[i]);
  if (a.kind != CW_TOK_LPAR || !is_field) return false;
  cw_buf bytes;
  char err[700];
  cwasi_error e;
  r->line = (int)a.line;
  snprintf(r->cmd, sizeof r->cmd, "module");
  if (!cw_wat_to_wasm(r->file, text, len, &bytes, err, sizeof err)) {
    if (r->opt->verbose && r->opt->out)
      fprintf(r->opt->out, "%s:%d: module: %s\n", r->file, r->line, err);
    r->tally->failed++;
    return true;
  }
  cwasi_module *m = cwasi_module_new(r->engine, bytes.p, bytes.len, &e);
  cw_buf_free(&bytes);
  cwasi_instance *inst = m ? cwasi_linker_instantiate(r->linker, m, &e) : NULL;
  if (m) cwasi_module_delete(m);
  if (!inst) {
    if (r->opt->verbose && r->opt->out)
      fprintf(r->opt->out, "%s:%d: module: %s: %s\n", r->file, r->line, status_name(e.status),
              e.message);
    r->tally->failed++;
  }
  return true;
}

bool cw_wast_run_file(const char *path, const cw_wast_options *opt, cw_wast_tally *t) {
  runner *r = calloc(1, sizeof *r);
  size_t len;
  const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
  uint8_t *text = read_all(path, &len);
  if (!r || !text) {
    if (opt->out) fprintf(opt->out, "%s:0: cannot read: %s\n", base, strerror(errno));
    t->failed++;
    free(r);
    free(text);
    return false;
  }
  r->file = base;
  r->opt = opt;
  r->tally = t;
  r->fail.msg = r->err;
  r->fail.msglen = sizeof r->err;
  cwasi_config cfg = {.consume_fuel = opt->limit_checks, .interruptible = opt->limit_checks};
  r->engine = cwasi_engine_new(&cfg);
  r->store = r->engine ? cwasi_store_new(r->engine) : NULL;
  if (r->store && opt->limit_checks) cwasi_store_set_fuel(r->store, UINT64_MAX);
  r->linker = r->store ? cwasi_linker_new(r->store) : NULL;
  bool ok = r->linker && cw_spectest_define(&r->host, r->store, r->linker,
                                            opt->verbose ? opt->out : NULL) == CWASI_OK;
  if (!ok) {
    if (opt->out) fprintf(opt->out, "%s:0: cannot set up the engine\n", base);
    t->failed++;
  }
  cw_lex_init(&r->lx, base, (const char *)text, len, &r->fail);
  /* Without SIMD in the instruction table, SIMD scripts (binary modules
   * included, which no text scan can see) are skipped whole. */
  r->has_simd = engine_has_simd();
  if (strncmp(base, "simd_", 5) == 0 && !r->has_simd) r->skip_all = "simd";
  if (ok && inline_module(r, (const char *)text, len)) ok = false;
  if (ok) run_script(r);
  for (size_t i = 0; i < r->nnames; i++) {
    free(r->names[i].name);
    if (r->names[i].def) cwasi_module_delete(r->names[i].def);
  }
  free(r->names);
  cw_buf_free(&r->scratch);
  cw_buf_free(&r->module_bytes);
  cw_buf_free(&r->raw);
  if (r->linker) cwasi_linker_delete(r->linker);
  if (r->store) cwasi_store_delete(r->store);
  if (r->engine) cwasi_engine_delete(r->engine);
  free(r);
  free(text);
  return ok;
}
