/*
 * spectest.c — runs one wast2json script (X.json plus its X.N.wasm files)
 * against cwasi and prints "X.wast: N passed, N failed, N skipped".
 *
 * Counting: one per assert_* command (text-form modules are skipped, since
 * cwasi loads binaries only). `module`, `register` and bare actions are
 * not counted when they work, but each one that fails unexpectedly counts
 * as one failure, so nothing goes unnoticed.
 *
 * Isolation: the commands run in a forked child that reports one byte per
 * command through a pipe, so a crash or a hang in the engine costs the file
 * its remaining commands (counted as failed, and reported with the line
 * where it happened) rather than the whole suite.
 */
#define _GNU_SOURCE
#include "harness.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

/* One byte per command, child to parent. */
enum {
  REC_PASS = 'P',
  REC_FAIL = 'F',
  REC_SKIP = 'S',
  REC_OK = 'o',    /* uncounted command that worked */
  REC_ERROR = 'e', /* uncounted command that failed: counts as a failure */
};

typedef struct named_instance {
  char *name;
  cwasi_instance *inst; /* NULL if its module failed to load or instantiate */
  int line;
} named_instance;

typedef struct spec_ctx {
  char *dir;        /* directory of the JSON file: module files are relative to it */
  const char *wast; /* source file name, for messages */
  bool verbose, show_messages;
  cwasi_engine *engine;
  cwasi_store *store;
  cwasi_linker *linker;
  cw_spectest host;    /* the library's spectest module (src/wast/host.c) */
  cwasi_instance *cur; /* the current module's instance */
  int cur_line;        /* line of the module command that set cur; 0 = none yet */
  named_instance *names;
  size_t nnames, cap;
  /* The command being run. */
  int line;
  const char *type;
  bool counted;
  int report_fd; /* pipe to the parent, or -1 when running in-process */
  /* cJSON strings end at a NUL, but export names may contain NUL (names.wast):
   * the script's \u0000 escapes are rewritten to this code point, unused
   * elsewhere in the file, before parsing, and turned back in json_name(). */
  char nul_marker[4];
  size_t nul_marker_len; /* 0: the script has no \u0000 */
} spec_ctx;

/* A name with its length (it may contain NUL). */
typedef struct spec_name {
  char *data; /* malloc'd, NUL-terminated for printing */
  size_t len;
} spec_name;

typedef struct tally {
  int passed, failed, skipped;
  size_t done; /* commands reported */
} tally;

static void tally_add(tally *t, char rec) {
  switch (rec) {
  case REC_PASS: t->passed++; break;
  case REC_FAIL:
  case REC_ERROR: t->failed++; break;
  case REC_SKIP: t->skipped++; break;
  default: break;
  }
  t->done++;
}

static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool is_counted(const char *type) { return starts_with(type, "assert_"); }

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

/* Reports the current command as failed: prints one line with -v and
 * returns the record to send. */
static char fail(spec_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char fail(spec_ctx *c, const char *fmt, ...) {
  if (c->verbose) {
    va_list ap;
    printf("%s:%d: %s: ", c->wast, c->line, c->type);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
  }
  return c->counted ? REC_FAIL : REC_ERROR;
}

static char pass(const spec_ctx *c) { return c->counted ? REC_PASS : REC_OK; }

static const char *json_str(const cJSON *obj, const char *key) {
  const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
  return cJSON_IsString(j) ? j->valuestring : NULL;
}

/* The string obj[key] as a name, NUL markers turned back into NUL bytes.
 * False if missing (or out of memory); free out->data. */
static bool json_name(const spec_ctx *c, const cJSON *obj, const char *key, spec_name *out) {
  const char *s = json_str(obj, key);
  if (!s) return false;
  size_t n = strlen(s);
  out->data = malloc(n + 1);
  out->len = 0;
  if (!out->data) return false;
  for (size_t i = 0; i < n;) {
    if (c->nul_marker_len && strncmp(s + i, c->nul_marker, c->nul_marker_len) == 0) {
      out->data[out->len++] = '\0';
      i += c->nul_marker_len;
    } else {
      out->data[out->len++] = s[i++];
    }
  }
  out->data[out->len] = '\0';
  return true;
}

/* Writes name into buf for messages, control bytes escaped. */
static void format_name(const spec_name *name, char *buf, size_t len) {
  size_t used = 0;
  for (size_t i = 0; i < name->len && used + 5 < len; i++) {
    unsigned char ch = (unsigned char)name->data[i];
    if (ch < 0x20 || ch == 0x7f || ch == '"' || ch == '\\')
      used += (size_t)snprintf(buf + used, len - used, "\\x%02x", ch);
    else
      buf[used++] = (char)ch;
  }
  buf[used] = '\0';
}

/* Picks a code point absent from the script (raw and escaped) and rewrites
 * every \u0000 escape to it, in place (both escapes are 6 characters). */
static void mark_nuls(spec_ctx *c, char *text) {
  bool any = false;
  for (char *p = strstr(text, "\\u0000"); p; p = strstr(p + 1, "\\u0000")) {
    size_t backslashes = 0;
    while (p - backslashes > text && p[-(ptrdiff_t)backslashes - 1] == '\\')
      backslashes++;
    if (backslashes % 2 == 0) any = true; /* an escape, not an escaped backslash + "u0000" */
  }
  if (!any) return;
  for (unsigned cp = 0xE000; cp <= 0xF8FF; cp++) { /* private use area */
    char utf8[4] = {(char)(0xE0 | (cp >> 12)), (char)(0x80 | ((cp >> 6) & 0x3F)),
                    (char)(0x80 | (cp & 0x3F)), 0};
    char esc_lower[8], esc_upper[8];
    snprintf(esc_lower, sizeof esc_lower, "\\u%04x", cp);
    snprintf(esc_upper, sizeof esc_upper, "\\u%04X", cp);
    if (strstr(text, utf8) || strstr(text, esc_lower) || strstr(text, esc_upper)) continue;
    memcpy(c->nul_marker, utf8, 4);
    c->nul_marker_len = 3;
    for (char *p = strstr(text, "\\u0000"); p; p = strstr(p + 6, "\\u0000")) {
      size_t backslashes = 0;
      while (p - backslashes > text && p[-(ptrdiff_t)backslashes - 1] == '\\')
        backslashes++;
      if (backslashes % 2 == 0) memcpy(p, esc_lower, 6);
    }
    return;
  }
}

/* ---- modules ---- */

static uint8_t *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 4096, n = 0;
  uint8_t *buf = malloc(cap);
  while (buf) {
    n += fread(buf + n, 1, cap - n, f);
    if (n < cap) break;
    uint8_t *bigger = realloc(buf, cap * 2);
    if (!bigger) {
      free(buf);
      buf = NULL;
      break;
    }
    buf = bigger;
    cap *= 2;
  }
  bool bad = ferror(f);
  fclose(f);
  if (bad) {
    free(buf);
    return NULL;
  }
  *len = n;
  return buf;
}

/* Loads the command's module file; NULL with err filled on failure. */
static cwasi_module *load_module(spec_ctx *c, const cJSON *cmd, cwasi_error *err) {
  const char *file = json_str(cmd, "filename");
  char path[4096];
  size_t len = 0;
  uint8_t *bytes;
  memset(err, 0, sizeof *err);
  if (!file) {
    err->status = CWASI_ERR_IO;
    snprintf(err->message, sizeof err->message, "command has no filename");
    return NULL;
  }
  snprintf(path, sizeof path, "%s/%s", c->dir, file);
  if (!(bytes = read_file(path, &len))) {
    err->status = CWASI_ERR_IO;
    snprintf(err->message, sizeof err->message, "cannot read %.400s: %s", path, strerror(errno));
    return NULL;
  }
  cwasi_module *m = cwasi_module_new(c->engine, bytes, len, err);
  free(bytes);
  return m;
}

static void remember(spec_ctx *c, const char *name, cwasi_instance *inst) {
  if (c->nnames == c->cap) {
    size_t cap = c->cap ? c->cap * 2 : 8;
    named_instance *n = realloc(c->names, cap * sizeof *n);
    if (!n) return; /* the lookup will then report an unknown module */
    c->names = n;
    c->cap = cap;
  }
  char *copy = strdup(name);
  if (!copy) return;
  c->names[c->nnames++] = (named_instance){copy, inst, c->line};
}

/* The instance an action or register refers to: the named one, or the
 * current one. NULL with why filled when there is none or it failed. */
static cwasi_instance *find_instance(spec_ctx *c, const char *name, char *why, size_t whylen) {
  if (name) {
    for (size_t i = c->nnames; i-- > 0;) {
      if (strcmp(c->names[i].name, name) != 0) continue;
      if (!c->names[i].inst)
        snprintf(why, whylen, "module %s (line %d) failed to load", name, c->names[i].line);
      return c->names[i].inst;
    }
    snprintf(why, whylen, "unknown module %s", name);
    return NULL;
  }
  if (!c->cur) {
    if (c->cur_line)
      snprintf(why, whylen, "the module at line %d failed to load", c->cur_line);
    else
      snprintf(why, whylen, "no module defined yet");
  }
  return c->cur;
}

static char cmd_module(spec_ctx *c, const cJSON *cmd) {
  const char *name = json_str(cmd, "name");
  cwasi_error err;
  c->cur = NULL;
  c->cur_line = c->line;
  cwasi_module *m = load_module(c, cmd, &err);
  if (m) {
    c->cur = cwasi_linker_instantiate(c->linker, m, &err);
    cwasi_module_delete(m); /* the instance holds its own reference */
  }
  if (name) remember(c, name, c->cur);
  if (!c->cur) return fail(c, "module failed: %s: %s", status_name(err.status), err.message);
  return pass(c);
}

static char cmd_register(spec_ctx *c, const cJSON *cmd) {
  spec_name as;
  char why[256], shown[256];
  char rec;
  if (!json_name(c, cmd, "as", &as)) return fail(c, "register without \"as\"");
  format_name(&as, shown, sizeof shown);
  cwasi_instance *inst = find_instance(c, json_str(cmd, "name"), why, sizeof why);
  cwasi_status st =
      inst ? cwasi_linker_define_instance(c->linker, as.data, as.len, inst) : CWASI_OK;
  if (!inst)
    rec = fail(c, "cannot register as \"%s\": %s", shown, why);
  else if (st != CWASI_OK)
    rec = fail(c, "cannot register as \"%s\": %s", shown, status_name(st));
  else
    rec = pass(c);
  free(as.data);
  return rec;
}

/* ---- actions ---- */

typedef enum action_outcome {
  ACTION_OK,
  ACTION_ERROR,   /* the engine returned an error: see err */
  ACTION_HARNESS, /* the script could not be carried out: see why */
} action_outcome;

typedef struct action_run {
  char desc[512];     /* e.g. invoke "add"(i32:1, i32:2), for failure lines */
  cwasi_val *results; /* malloc'd */
  size_t nresults;
  cwasi_error err;
  char why[512];
} action_run;

static void describe_action(action_run *r, const char *kind, const spec_name *field,
                            const cwasi_val *args, size_t nargs) {
  char shown[256];
  format_name(field, shown, sizeof shown);
  size_t used = (size_t)snprintf(r->desc, sizeof r->desc, "%s \"%s\"", kind, shown);
  if (strcmp(kind, "invoke") != 0) return;
  for (size_t i = 0; i < nargs && used < sizeof r->desc; i++) {
    char buf[96];
    spec_format_val(&args[i], buf, sizeof buf);
    used += (size_t)snprintf(r->desc + used, sizeof r->desc - used, "%s%s", i ? ", " : "(", buf);
  }
  if (used < sizeof r->desc) snprintf(r->desc + used, sizeof r->desc - used, nargs ? ")" : "()");
}

static action_outcome harness_problem(action_run *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static action_outcome harness_problem(action_run *r, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->why, sizeof r->why, fmt, ap);
  va_end(ap);
  return ACTION_HARNESS;
}

static action_outcome invoke(spec_ctx *c, cwasi_instance *inst, const spec_name *field,
                             const cJSON *jargs, action_run *r) {
  int nargs = cJSON_GetArraySize(jargs);
  cwasi_val *args = calloc((size_t)nargs + 1, sizeof *args);
  cwasi_extern ext;
  action_outcome out = ACTION_OK;
  if (!args) return harness_problem(r, "out of memory");
  for (int i = 0; i < nargs; i++) {
    char why[256];
    if (!spec_parse_arg(cJSON_GetArrayItem(jargs, i), &args[i], why, sizeof why)) {
      free(args);
      return harness_problem(r, "argument %d: %s", i, why);
    }
  }
  describe_action(r, "invoke", field, args, (size_t)nargs);
  if (!cwasi_instance_export(inst, field->data, field->len, &ext) ||
      ext.kind != CWASI_EXTERN_FUNC) {
    free(args);
    return harness_problem(r, "%s: no such exported function", r->desc);
  }
  r->nresults = cwasi_func_result_count(ext.of.func);
  r->results = calloc(r->nresults + 1, sizeof *r->results);
  if (!r->results) {
    free(args);
    return harness_problem(r, "out of memory");
  }
  if (cwasi_func_call(c->store, ext.of.func, args, (size_t)nargs, r->results, r->nresults,
                      &r->err) != CWASI_OK)
    out = ACTION_ERROR;
  free(args);
  return out;
}

static action_outcome get(cwasi_instance *inst, const spec_name *field, action_run *r) {
  cwasi_extern ext;
  describe_action(r, "get", field, NULL, 0);
  if (!cwasi_instance_export(inst, field->data, field->len, &ext) ||
      ext.kind != CWASI_EXTERN_GLOBAL)
    return harness_problem(r, "%s: no such exported global", r->desc);
  r->results = calloc(1, sizeof *r->results);
  if (!r->results) return harness_problem(r, "out of memory");
  r->results[0] = cwasi_global_get(ext.of.global);
  r->nresults = 1;
  return ACTION_OK;
}

static action_outcome run_action(spec_ctx *c, const cJSON *cmd, action_run *r) {
  const cJSON *action = cJSON_GetObjectItemCaseSensitive(cmd, "action");
  const char *kind = json_str(action, "type");
  spec_name field;
  action_outcome out;
  char why[256];
  memset(r, 0, sizeof *r);
  snprintf(r->desc, sizeof r->desc, "action");
  if (!kind || !json_name(c, action, "field", &field))
    return harness_problem(r, "action without type or field");
  cwasi_instance *inst = find_instance(c, json_str(action, "module"), why, sizeof why);
  if (!inst) {
    describe_action(r, kind, &field, NULL, 0);
    out = harness_problem(r, "%s: %s", r->desc, why);
  } else if (strcmp(kind, "invoke") == 0) {
    out = invoke(c, inst, &field, cJSON_GetObjectItemCaseSensitive(action, "args"), r);
  } else if (strcmp(kind, "get") == 0) {
    out = get(inst, &field, r);
  } else {
    out = harness_problem(r, "unknown action type \"%s\"", kind);
  }
  free(field.data);
  return out;
}

static void format_results(const cwasi_val *vals, size_t n, char *buf, size_t len) {
  size_t used = (size_t)snprintf(buf, len, "(");
  for (size_t i = 0; i < n && used < len; i++) {
    char one[96];
    spec_format_val(&vals[i], one, sizeof one);
    used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? ", " : "", one);
  }
  if (used < len) snprintf(buf + used, len - used, ")");
}

static char cmd_action(spec_ctx *c, const cJSON *cmd) {
  action_run r;
  action_outcome out = run_action(c, cmd, &r);
  char rec = pass(c);
  if (out == ACTION_HARNESS) rec = fail(c, "%s", r.why);
  if (out == ACTION_ERROR)
    rec = fail(c, "%s: %s: %s", r.desc, status_name(r.err.status), r.err.message);
  free(r.results);
  return rec;
}

/* Relaxed SIMD's (either v1 v2 ...): one result, any of the alternatives
 * (wast2json writes them as "either" instead of "expected"). */
static char check_either(spec_ctx *c, const cJSON *alts, const action_run *r) {
  char got[1024];
  int n = cJSON_GetArraySize(alts);
  for (int i = 0; i < n && r->nresults == 1; i++) {
    spec_expect e;
    char why[256];
    if (!spec_parse_expect(cJSON_GetArrayItem(alts, i), &e, why, sizeof why))
      return fail(c, "%s: alternative %d: %s", r->desc, i, why);
    if (spec_matches(&e, &r->results[0])) return pass(c);
  }
  format_results(r->results, r->nresults, got, sizeof got);
  return fail(c, "%s: expected one of %d alternatives, got %s", r->desc, n, got);
}

static char check_results(spec_ctx *c, const cJSON *cmd, const action_run *r) {
  const cJSON *jexp = cJSON_GetObjectItemCaseSensitive(cmd, "expected");
  const cJSON *either = cJSON_GetObjectItemCaseSensitive(cmd, "either");
  if (!jexp && cJSON_IsArray(either)) return check_either(c, either, r);
  size_t nexp = (size_t)cJSON_GetArraySize(jexp);
  char got[1024], want[1024];
  size_t used = (size_t)snprintf(want, sizeof want, "(");
  bool ok = nexp == r->nresults;
  for (size_t i = 0; i < nexp; i++) {
    spec_expect e;
    char why[256], one[96];
    if (!spec_parse_expect(cJSON_GetArrayItem(jexp, (int)i), &e, why, sizeof why))
      return fail(c, "%s: expected value %zu: %s", r->desc, i, why);
    if (i < r->nresults && !spec_matches(&e, &r->results[i])) ok = false;
    spec_format_expect(&e, one, sizeof one);
    if (used < sizeof want)
      used += (size_t)snprintf(want + used, sizeof want - used, "%s%s", i ? ", " : "", one);
  }
  if (ok) return pass(c);
  if (used < sizeof want) snprintf(want + used, sizeof want - used, ")");
  format_results(r->results, r->nresults, got, sizeof got);
  return fail(c, "%s: expected %s, got %s", r->desc, want, got);
}

static char cmd_assert_return(spec_ctx *c, const cJSON *cmd) {
  action_run r;
  action_outcome out = run_action(c, cmd, &r);
  char rec;
  if (out == ACTION_HARNESS)
    rec = fail(c, "%s", r.why);
  else if (out == ACTION_ERROR)
    rec = fail(c, "%s: expected a result, got %s: %s", r.desc, status_name(r.err.status),
               r.err.message);
  else
    rec = check_results(c, cmd, &r);
  free(r.results);
  return rec;
}

/* Our trap messages start with the spec's wording and may add detail (the
 * function's name). A script may add detail of its own to the wording
 * ("uninitialized element 2"), which we accept when the trap kind agrees. */
static bool trap_text_matches(const cwasi_error *err, const char *want) {
  if (starts_with(err->message, want)) return true;
  if (err->trap == CWASI_TRAP_NONE || err->trap == CWASI_TRAP_HOST) return false;
  const char *wording = cwasi_trap_message(err->trap);
  return wording && *wording && starts_with(want, wording) && want[strlen(wording)] == ' ' &&
         starts_with(err->message, wording);
}

static char check_trap(spec_ctx *c, const char *what, const cwasi_error *err, const char *want) {
  if (err->status != CWASI_ERR_TRAP)
    return fail(c, "%s: expected trap \"%s\", got %s: %s", what, want, status_name(err->status),
                err->message);
  if (!trap_text_matches(err, want))
    return fail(c, "%s: expected trap \"%s\", got trap \"%s\"", what, want, err->message);
  return pass(c);
}

/* assert_trap on an action, and assert_exhaustion. */
static char cmd_assert_trap(spec_ctx *c, const cJSON *cmd) {
  const char *want = json_str(cmd, "text");
  action_run r;
  action_outcome out = run_action(c, cmd, &r);
  char rec;
  if (!want) want = "";
  if (out == ACTION_HARNESS) {
    rec = fail(c, "%s", r.why);
  } else if (out == ACTION_OK) {
    char got[1024];
    format_results(r.results, r.nresults, got, sizeof got);
    rec = fail(c, "%s: expected trap \"%s\", got %s", r.desc, want, got);
  } else {
    rec = check_trap(c, r.desc, &r.err, want);
  }
  free(r.results);
  return rec;
}

static bool is_text_module(const cJSON *cmd) {
  const char *mt = json_str(cmd, "module_type");
  return mt && strcmp(mt, "binary") != 0;
}

/* Decode and validation messages carry context ("section 10 (code): ...",
 * "func 3 at offset ...: ...") before the spec's wording, so -m looks for
 * the script's text anywhere in ours. */
static void note_message(spec_ctx *c, const cwasi_error *err, const char *want) {
  if (c->show_messages && !strstr(err->message, want))
    printf("%s:%d: note: %s: expected \"%s\", our message \"%s\"\n", c->wast, c->line, c->type,
           want, err->message);
}

/* assert_malformed and assert_invalid: loading must fail with that status. */
static char cmd_assert_bad_module(spec_ctx *c, const cJSON *cmd, cwasi_status want_status) {
  const char *want = json_str(cmd, "text");
  const char *file = json_str(cmd, "filename");
  cwasi_error err;
  if (!want) want = "";
  if (is_text_module(cmd)) return REC_SKIP;
  cwasi_module *m = load_module(c, cmd, &err);
  if (m) {
    cwasi_module_delete(m);
    return fail(c, "%s: loaded, expected %s \"%s\"", file, status_name(want_status), want);
  }
  if (err.status != want_status)
    return fail(c, "%s: expected %s \"%s\", got %s: %s", file, status_name(want_status), want,
                status_name(err.status), err.message);
  note_message(c, &err, want);
  return pass(c);
}

/* assert_unlinkable and assert_uninstantiable: the module loads, its
 * instantiation fails with that status. */
static char cmd_assert_bad_instance(spec_ctx *c, const cJSON *cmd, cwasi_status want_status) {
  const char *want = json_str(cmd, "text");
  const char *file = json_str(cmd, "filename");
  cwasi_error err;
  if (!want) want = "";
  if (is_text_module(cmd)) return REC_SKIP;
  cwasi_module *m = load_module(c, cmd, &err);
  if (!m)
    return fail(c, "%s: expected %s \"%s\", but the module did not load: %s: %s", file,
                status_name(want_status), want, status_name(err.status), err.message);
  cwasi_instance *inst = cwasi_linker_instantiate(c->linker, m, &err);
  cwasi_module_delete(m);
  if (inst)
    return fail(c, "%s: instantiated, expected %s \"%s\"", file, status_name(want_status), want);
  if (want_status == CWASI_ERR_TRAP) return check_trap(c, file, &err, want);
  if (err.status != want_status)
    return fail(c, "%s: expected %s \"%s\", got %s: %s", file, status_name(want_status), want,
                status_name(err.status), err.message);
  note_message(c, &err, want);
  return pass(c);
}

static char run_command(spec_ctx *c, const cJSON *cmd) {
  const cJSON *line = cJSON_GetObjectItemCaseSensitive(cmd, "line");
  const char *type = json_str(cmd, "type");
  c->type = type ? type : "(no type)";
  c->line = cJSON_IsNumber(line) ? line->valueint : 0;
  c->counted = type && is_counted(type);
  if (!type) return fail(c, "command without a type");
  if (strcmp(type, "module") == 0) return cmd_module(c, cmd);
  if (strcmp(type, "register") == 0) return cmd_register(c, cmd);
  if (strcmp(type, "action") == 0) return cmd_action(c, cmd);
  if (strcmp(type, "assert_return") == 0) return cmd_assert_return(c, cmd);
  if (strcmp(type, "assert_trap") == 0) return cmd_assert_trap(c, cmd);
  if (strcmp(type, "assert_exhaustion") == 0) return cmd_assert_trap(c, cmd);
  if (strcmp(type, "assert_malformed") == 0)
    return cmd_assert_bad_module(c, cmd, CWASI_ERR_MALFORMED);
  if (strcmp(type, "assert_invalid") == 0) return cmd_assert_bad_module(c, cmd, CWASI_ERR_INVALID);
  if (strcmp(type, "assert_unlinkable") == 0)
    return cmd_assert_bad_instance(c, cmd, CWASI_ERR_LINK);
  if (strcmp(type, "assert_uninstantiable") == 0)
    return cmd_assert_bad_instance(c, cmd, CWASI_ERR_TRAP);
  return fail(c, "unknown command type");
}

/* ---- running a script ---- */

static void report(spec_ctx *c, tally *t, char rec) {
  if (c->report_fd < 0) {
    tally_add(t, rec);
    return;
  }
  fflush(stdout); /* keep -v lines in order with the parent's */
  while (write(c->report_fd, &rec, 1) < 0 && errno == EINTR) {
  }
}

/* Runs every command; false if the runtime could not even be set up. */
static bool run_script(spec_ctx *c, const cJSON *commands, tally *t) {
  bool ok = false;
  /* CWASI_SPEC_LIMITS=1: the same with fuel and interruption checks in
   * the code (unlimited fuel, no interrupt); =interrupt: interruption
   * checks only. They must change no result. */
  const char *limits = getenv("CWASI_SPEC_LIMITS");
  cwasi_config cfg = {0};
  cfg.consume_fuel = limits && strcmp(limits, "1") == 0;
  cfg.interruptible = limits && (strcmp(limits, "1") == 0 || strcmp(limits, "interrupt") == 0);
  c->engine = cwasi_engine_new(&cfg);
  c->store = c->engine ? cwasi_store_new(c->engine) : NULL;
  if (c->store && cfg.consume_fuel) cwasi_store_set_fuel(c->store, UINT64_MAX);
  c->linker = c->store ? cwasi_linker_new(c->store) : NULL;
  if (c->linker &&
      cw_spectest_define(&c->host, c->store, c->linker, c->verbose ? stdout : NULL) == CWASI_OK) {
    const cJSON *cmd;
    cJSON_ArrayForEach(cmd, commands) report(c, t, run_command(c, cmd));
    ok = true;
  } else {
    fprintf(stderr, "spectest: cannot set up the runtime and the spectest module\n");
  }
  if (c->linker) cwasi_linker_delete(c->linker);
  if (c->store) cwasi_store_delete(c->store);
  if (c->engine) cwasi_engine_delete(c->engine);
  for (size_t i = 0; i < c->nnames; i++)
    free(c->names[i].name);
  free(c->names);
  return ok;
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* How the child ended, when it did not report every command cleanly. */
static void describe_end(int wstatus, bool timed_out, double timeout, char *buf, size_t len) {
  if (timed_out)
    snprintf(buf, len, "timeout after %g s", timeout);
  else if (WIFSIGNALED(wstatus))
    snprintf(buf, len, "killed by signal %d (%s)", WTERMSIG(wstatus), strsignal(WTERMSIG(wstatus)));
  else if (WIFEXITED(wstatus))
    snprintf(buf, len, "exited with status %d", WEXITSTATUS(wstatus));
  else
    snprintf(buf, len, "ended abnormally");
}

/* Runs the script in a child; fills t from its reports. Returns false if
 * the child ended badly (message printed). */
static bool run_isolated(spec_ctx *c, cJSON *root, const cJSON *commands, tally *t,
                         double timeout) {
  int fds[2];
  if (pipe(fds) != 0) {
    perror("spectest: pipe");
    return false;
  }
  fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) {
    perror("spectest: fork");
    return false;
  }
  if (pid == 0) {
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* die with the parent (e.g. killed by timeout(1)) */
#endif
    close(fds[0]);
    setvbuf(stdout, NULL, _IOLBF, 0);
    c->report_fd = fds[1];
    bool ok = run_script(c, commands, t);
    fflush(stdout);
    close(fds[1]);
    /* Freed here too so that a leak checker in the child sees only the engine's leaks. */
    free(c->dir);
    cJSON_Delete(root);
    exit(ok ? 0 : 3);
  }
  close(fds[1]);
  double deadline = timeout > 0 ? now_seconds() + timeout : 0;
  bool timed_out = false;
  for (;;) {
    int wait_ms = -1;
    if (deadline) {
      double left = deadline - now_seconds();
      if (left <= 0) {
        timed_out = true;
        kill(pid, SIGKILL);
        break;
      }
      wait_ms = (int)(left * 1000) + 1;
    }
    struct pollfd pfd = {.fd = fds[0], .events = POLLIN};
    int pr = poll(&pfd, 1, wait_ms);
    if (pr < 0 && errno == EINTR) continue;
    if (pr == 0) continue; /* the deadline check above fires */
    char buf[4096];
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    for (ssize_t i = 0; i < n; i++)
      tally_add(t, buf[i]);
  }
  close(fds[0]);
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  size_t ncommands = (size_t)cJSON_GetArraySize(commands);
  bool clean_exit = !timed_out && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0;
  if (clean_exit && t->done == ncommands) return true;

  char how[128];
  describe_end(wstatus, timed_out, timeout, how, sizeof how);
  fflush(stdout);
  if (t->done >= ncommands) {
    /* Every command ran, then something failed at exit (a leak report, say). */
    printf("%s:0: crash: %s after the last command\n", c->wast, how);
    t->failed++;
    return false;
  }
  const cJSON *at = cJSON_GetArrayItem(commands, (int)t->done);
  const cJSON *line = cJSON_GetObjectItemCaseSensitive(at, "line");
  const char *type = json_str(at, "type");
  int remaining = 0;
  for (size_t i = t->done; i < ncommands; i++) {
    const char *ty = json_str(cJSON_GetArrayItem(commands, (int)i), "type");
    if (ty && is_counted(ty)) remaining++;
  }
  printf("%s:%d: crash: %s while running %s; %d remaining assertions counted as failed\n", c->wast,
         cJSON_IsNumber(line) ? line->valueint : 0, how, type ? type : "?", remaining);
  /* At least one failure, even if only uncounted commands were left. */
  t->failed += remaining ? remaining : 1;
  return false;
}

static void usage(FILE *f) {
  fprintf(f, "usage: spectest [-v] [-m] [-t SECONDS] [--no-fork] FILE.json\n"
             "Runs a wast2json script against cwasi; prints \"X.wast: N passed, N failed, N "
             "skipped\".\n"
             "  -v         one line per failure (file:line: command: expected vs got), spectest "
             "prints\n"
             "  -m         also note where an error message differs from the script's text\n"
             "  -t SECS    fail the rest of the file after SECS seconds\n"
             "  --no-fork  run in-process (for debuggers); a crash then ends everything\n");
}

static char *read_text(const char *path) {
  size_t len;
  uint8_t *bytes = read_file(path, &len);
  if (!bytes) return NULL;
  char *text = realloc(bytes, len + 1);
  if (!text) {
    free(bytes);
    return NULL;
  }
  text[len] = '\0';
  return text;
}

int main(int argc, char **argv) {
  spec_ctx c = {.report_fd = -1};
  bool isolate = true;
  double timeout = 0;
  const char *json_path = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-v") == 0) {
      c.verbose = true;
    } else if (strcmp(argv[i], "-m") == 0) {
      c.show_messages = true;
    } else if (strcmp(argv[i], "--no-fork") == 0) {
      isolate = false;
    } else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc) {
      timeout = strtod(argv[++i], NULL);
    } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
      usage(stdout);
      return 0;
    } else if (argv[i][0] == '-' || json_path) {
      usage(stderr);
      return 2;
    } else {
      json_path = argv[i];
    }
  }
  if (!json_path) {
    usage(stderr);
    return 2;
  }

  char *text = read_text(json_path);
  if (!text) {
    fprintf(stderr, "spectest: cannot read %s: %s\n", json_path, strerror(errno));
    return 2;
  }
  mark_nuls(&c, text);
  cJSON *root = cJSON_Parse(text);
  free(text);
  const cJSON *commands = cJSON_GetObjectItemCaseSensitive(root, "commands");
  if (!cJSON_IsArray(commands)) {
    fprintf(stderr, "spectest: %s: not a wast2json script\n", json_path);
    cJSON_Delete(root);
    return 2;
  }

  /* Messages name the .wast; module files sit next to the JSON. */
  char *dir = strdup(json_path);
  char *slash = dir ? strrchr(dir, '/') : NULL;
  const char *base = strrchr(json_path, '/') ? strrchr(json_path, '/') + 1 : json_path;
  const char *source = json_str(root, "source_filename");
  if (!dir) return 2;
  if (slash)
    *slash = '\0';
  else
    strcpy(dir, ".");
  c.dir = dir;
  c.wast = source ? (strrchr(source, '/') ? strrchr(source, '/') + 1 : source) : base;

  tally t = {0};
  bool ok = isolate ? run_isolated(&c, root, commands, &t, timeout) : run_script(&c, commands, &t);
  if (!ok && !isolate) t.failed++;
  printf("%s: %d passed, %d failed, %d skipped\n", c.wast, t.passed, t.failed, t.skipped);
  free(c.dir);
  cJSON_Delete(root);
  return t.failed ? 1 : 0;
}
