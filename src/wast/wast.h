/*
 * wast.h — runs WAST scripts (the spec test format) against the engine,
 * through the public API only: `cwasi wast` and `make spectest` use it.
 *
 * Counting: one per assertion. `module`, `register` and bare actions are
 * not counted when they work; each one that fails counts as one failure.
 * A command that needs a feature the engine does not have yet (SIMD, GC,
 * exceptions, threads, tail calls, memory64, multiple memories, typed
 * function references, relaxed SIMD) is counted as skipped under that
 * feature's name instead: when it fails and its text uses the feature, or,
 * for assertions that a module is rejected, whenever its text uses it (a
 * rejection for lack of the feature proves nothing).
 */
#ifndef CW_WAST_H
#define CW_WAST_H

#include <stdbool.h>
#include <stdio.h>

#include "cwasi.h"

enum { CW_WAST_MAX_REASONS = 16 };

typedef struct cw_wast_tally {
  int passed, failed, skipped;
  /* skipped, by feature */
  const char *reason[CW_WAST_MAX_REASONS];
  int reason_count[CW_WAST_MAX_REASONS];
  int nreasons;
} cw_wast_tally;

typedef struct cw_wast_options {
  FILE *out;    /* failure lines (verbose) and spectest prints go here */
  bool verbose; /* one line per failure: "file:line: command: what" */
  /* Fuel and interruption checks compiled into the code (unlimited fuel,
   * no interrupt): they must change no result. */
  bool limit_checks;
} cw_wast_options;

/* Runs one script file, adding to t. False if the file could not be read
 * or lexed at all (counted as one failure, message printed). */
bool cw_wast_run_file(const char *path, const cw_wast_options *opt, cw_wast_tally *t);

/* Adds n skips under reason (a static string). */
void cw_wast_skip(cw_wast_tally *t, const char *reason, int n);

/* The spectest module's print functions' state; must outlive the store. */
typedef struct cw_spectest_print {
  FILE *out;
  const char *name;
  size_t nparams;
} cw_spectest_print;

typedef struct cw_spectest {
  cw_spectest_print prints[7];
} cw_spectest;

/* Defines the "spectest" module (print*, global_i32/i64/f32/f64, table,
 * memory) in linker. Prints go to out (NULL: silent). */
cwasi_status cw_spectest_define(cw_spectest *host, cwasi_store *store, cwasi_linker *linker,
                                FILE *out);

#endif /* CW_WAST_H */
