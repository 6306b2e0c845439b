/*
 * compile_time.c — what the jit tier's compilation costs, per module: the
 * CPU time (of the process: every thread LLVM uses) of cwasi_module_new with the jit tier (decode, validate, LLVM IR, O2,
 * machine code) minus the same with the interpreter (decode, validate), the
 * best of N runs each. Loading libLLVM and creating the JIT happen once per
 * engine and are reported on their own ("LLVM start"). Public API only;
 * bench/run.py --tier=jit builds it against build/libcwasi.a. Prints, per file:
 *   compile NAME: B bytes, jit T ms, interp I ms, compile C ms, R MB/s
 * usage: compile_time [-n N] FILE.wasm...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cwasi.h"

/* CPU time, not wall: run.py subtracts it from the program's CPU time, and
 * on a busy machine wall time would count other processes' turns. */
static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static unsigned char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0, got;
  unsigned char *buf = malloc(cap);
  while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      unsigned char *p = realloc(buf, cap *= 2);
      if (!p) {
        free(buf);
        buf = NULL;
      }
      buf = p;
    }
  }
  fclose(f);
  *len = n;
  return buf;
}

/* Best time of n module loads in engine e; -1 on error (printed). */
static double best_load(cwasi_engine *e, const unsigned char *bytes, size_t len, int n,
                        const char *name) {
  double best = -1;
  for (int i = 0; i < n; i++) {
    cwasi_error err;
    double t0 = now_ms();
    cwasi_module *m = cwasi_module_new(e, bytes, len, &err);
    double t = now_ms() - t0;
    if (!m) {
      fprintf(stderr, "compile_time: %s: %s\n", name, err.message);
      return -1;
    }
    cwasi_module_delete(m);
    if (best < 0 || t < best) best = t;
  }
  return best;
}

int main(int argc, char **argv) {
  int n = 3, first = 1;
  if (argc > 2 && strcmp(argv[1], "-n") == 0) {
    n = atoi(argv[2]);
    first = 3;
  }
  if (first >= argc || n < 1) {
    fprintf(stderr, "usage: compile_time [-n N] FILE.wasm...\n");
    return 2;
  }
  cwasi_config jc = {.tier = CWASI_TIER_JIT}, ic = {.tier = CWASI_TIER_INTERP};
  cwasi_engine *jit = cwasi_engine_new(&jc), *interp = cwasi_engine_new(&ic);
  static const unsigned char empty[] = {0, 'a', 's', 'm', 1, 0, 0, 0};
  double t0 = now_ms();
  if (best_load(jit, empty, sizeof empty, 1, "(empty module)") < 0) return 1;
  printf("LLVM start: %.1f ms (load libLLVM, create the JIT; once per engine)\n", now_ms() - t0);
  int status = 0;
  for (int i = first; i < argc; i++) {
    size_t len;
    unsigned char *bytes = read_file(argv[i], &len);
    if (!bytes) {
      fprintf(stderr, "compile_time: cannot read %s\n", argv[i]);
      status = 1;
      continue;
    }
    double tj = best_load(jit, bytes, len, n, argv[i]);
    double ti = best_load(interp, bytes, len, n, argv[i]);
    if (tj < 0 || ti < 0) {
      status = 1;
    } else {
      double c = tj - ti;
      printf("compile %s: %zu bytes, jit %.1f ms, interp %.1f ms, compile %.1f ms, %.2f MB/s\n",
             argv[i], len, tj, ti, c, c > 0 ? (double)len / 1e3 / c : 0);
    }
    free(bytes);
  }
  cwasi_engine_delete(jit);
  cwasi_engine_delete(interp);
  return status;
}
