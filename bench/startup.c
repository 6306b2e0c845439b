/*
 * startup.c — in-process start-up of a WASI module, without the cost of
 * creating a process (which bench/run.py measures separately): engine,
 * module (decode and validate), store, WASI context, instantiation, _start,
 * and teardown, timed together and by phase. Guest output goes to
 * /dev/null. Prints the medians of N runs, in microseconds, as
 *   startup: N runs, median total T us (load L, instantiate I, run R, teardown D)
 * Public API only; run.py builds it against build/libcwasi.a.
 * usage: startup FILE.wasm [N]
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "cwasi.h"

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static unsigned char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  unsigned char *buf = malloc(cap);
  size_t got;
  while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      unsigned char *p = realloc(buf, cap *= 2);
      if (!p) free(buf);
      buf = p;
    }
  }
  fclose(f);
  *len = n;
  return buf;
}

/* One start-up; fills t[0..3] with the phases' times. Returns 0 on success. */
static int run_once(const unsigned char *bytes, size_t len, int devnull, double t[4]) {
  cwasi_error err;
  double t0 = now_us();
  cwasi_engine *engine = cwasi_engine_new(NULL);
  cwasi_module *mod = engine ? cwasi_module_new(engine, bytes, len, &err) : NULL;
  if (!mod) {
    fprintf(stderr, "startup: %s\n", engine ? err.message : "out of memory");
    return 1;
  }
  double t1 = now_us();
  cwasi_store *store = cwasi_store_new(engine);
  cwasi_linker *linker = store ? cwasi_linker_new(store) : NULL;
  cwasi_wasi_config cfg;
  cwasi_wasi_config_init(&cfg);
  const char *argv0 = "hello";
  cfg.argv = &argv0;
  cfg.argc = 1;
  cfg.stdio[1] = devnull;
  cwasi_wasi *wasi = linker ? cwasi_wasi_new(store, &cfg, &err) : NULL;
  cwasi_instance *inst = NULL;
  if (wasi && cwasi_wasi_define(wasi, linker, &err) == CWASI_OK)
    inst = cwasi_linker_instantiate(linker, mod, &err);
  if (!inst) {
    fprintf(stderr, "startup: %s\n", err.message);
    return 1;
  }
  double t2 = now_us();
  cwasi_extern start;
  if (!cwasi_instance_export(inst, "_start", 6, &start) || start.kind != CWASI_EXTERN_FUNC) {
    fprintf(stderr, "startup: no _start export\n");
    return 1;
  }
  cwasi_status st = cwasi_func_call(store, start.of.func, NULL, 0, NULL, 0, &err);
  if (st != CWASI_OK && !(st == CWASI_ERR_EXIT && err.exit_code == 0)) {
    fprintf(stderr, "startup: _start: %s\n", err.message);
    return 1;
  }
  double t3 = now_us();
  cwasi_linker_delete(linker);
  cwasi_wasi_delete(wasi);
  cwasi_store_delete(store);
  cwasi_module_delete(mod);
  cwasi_engine_delete(engine);
  double t4 = now_us();
  t[0] = t1 - t0;
  t[1] = t2 - t1;
  t[2] = t3 - t2;
  t[3] = t4 - t3;
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: startup FILE.wasm [N]\n");
    return 2;
  }
  int n = argc > 2 ? atoi(argv[2]) : 20;
  if (n < 1 || n > 100000) n = 20;
  size_t len;
  unsigned char *bytes = read_file(argv[1], &len);
  int devnull = open("/dev/null", O_WRONLY);
  if (!bytes || devnull < 0) {
    fprintf(stderr, "startup: cannot read %s\n", argv[1]);
    return 1;
  }
  double *phase[4], *total = calloc((size_t)n, sizeof *total);
  for (int p = 0; p < 4; p++)
    phase[p] = calloc((size_t)n, sizeof *phase[p]);
  for (int i = 0; i < n; i++) {
    double t[4];
    if (run_once(bytes, len, devnull, t) != 0) return 1;
    for (int p = 0; p < 4; p++) {
      phase[p][i] = t[p];
      total[i] += t[p];
    }
  }
  double m[4];
  for (int p = 0; p < 4; p++)
    m[p] = median(phase[p], n);
  printf("startup: %d runs, median total %.1f us (load %.1f, instantiate %.1f, run %.1f, "
         "teardown %.1f)\n",
         n, median(total, n), m[0], m[1], m[2], m[3]);
  return 0;
}
