/* xlate.c — translation speed: decodes and validates a module, then
 * translates every defined function and reports MB/s of code-section
 * bytes (function bodies). Links with build/libcwasi.a; internal headers.
 * usage: xlate FILE.wasm [REPEAT]
 * build: cc -O2 -Iinclude -Isrc bench/kernels/xlate.c build/libcwasi.a -lm -lpthread -o xlate */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "interp/code.h"
#include "interp/interp.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  int repeat = argc > 2 ? atoi(argv[2]) : 5;
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_error err;
  double best_load = 1e9, best_tr = 1e9;
  size_t code_bytes = 0, words = 0;
  uint32_t nfuncs = 0;
  for (int r = 0; r < repeat; r++) {
    double t0 = now();
    cwasi_module *mod = cwasi_module_load_file(e, argv[1], &err);
    if (!mod) {
      fprintf(stderr, "%s\n", err.message);
      return 1;
    }
    double t1 = now();
    const cw_module *m = mod->m;
    nfuncs = m->nfuncs - m->nimported_funcs;
    code_bytes = words = 0;
    for (uint32_t i = 0; i < nfuncs; i++) {
      code_bytes += m->funcs[i].body_end - m->funcs[i].body_offset;
      if (interp_translate(mod, i, &err) != CWASI_OK) {
        fprintf(stderr, "func %u: %s\n", i, err.message);
        return 1;
      }
    }
    double t2 = now();
    for (uint32_t i = 0; i < nfuncs; i++)
      words += mod->code[i]->len;
    if (t1 - t0 < best_load) best_load = t1 - t0;
    if (t2 - t1 < best_tr) best_tr = t2 - t1;
    cwasi_module_delete(mod);
  }
  printf("%s: %u functions, %.2f MB of bodies, decode+validate %.1f ms, translate %.1f ms "
         "= %.0f MB/s, code %.2f MB (%.2fx the bodies)\n",
         argv[1], nfuncs, code_bytes / 1e6, best_load * 1e3, best_tr * 1e3,
         code_bytes / 1e6 / best_tr, words * 4 / 1e6, words * 4.0 / (double)code_bytes);
  cwasi_engine_delete(e);
  return 0;
}
