/*
 * wat_speed.c — how fast the text parser turns .wat into a binary module,
 * and how much memory it needs doing so (make bench-wat; not a test).
 *
 * usage: wat_speed [MEGABYTES [FILE]]   (default 100 MB, build/bench/big.wat)
 *
 * Writes a module of about MEGABYTES of text (functions with named locals,
 * folded and flat instructions, blocks, loops, calls, memory accesses and
 * constants of every kind, comments), maps it, parses it once to warm up
 * and three times timed, then validates the binary. Prints MB/s of text,
 * the binary's size and the peak resident set (which includes the mapped
 * text's pages: file-backed and clean, the kernel may drop them).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cwasi.h"
#include "text/wat.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_kb(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

static void generate(FILE *f, size_t bytes) {
  fprintf(f, "(module\n  (memory (export \"mem\") 1)\n  (global $g (mut i32) (i32.const 0))\n"
             "  (type $bin (func (param i32 i32) (result i32)))\n");
  long pos = ftell(f);
  for (unsigned i = 0; (size_t)pos < bytes; i++) {
    fprintf(f,
            "  ;; function %u: a loop summing memory, then folded arithmetic\n"
            "  (func $f%u (export \"f%u\") (param $a i32) (param $b i32) (result i32)\n"
            "    (local $i i32) (local $acc i64) (local $x f64)\n"
            "    (local.set $i (i32.const 0))\n"
            "    (block $done\n"
            "      (loop $next\n"
            "        (br_if $done (i32.ge_u (local.get $i) (local.get $b)))\n"
            "        (local.set $acc (i64.add (local.get $acc)\n"
            "          (i64.extend_i32_u (i32.load8_u offset=16 (local.get $i)))))\n"
            "        local.get $i\n"
            "        i32.const 1\n"
            "        i32.add\n"
            "        local.set $i\n"
            "        br $next))\n"
            "    (local.set $x (f64.mul (f64.const 0x1.8p+1) (f64.convert_i32_s (local.get $a))))\n"
            "    (if (result i32) (f64.gt (local.get $x) (f64.const 1.5e10))\n"
            "      (then (i32.wrap_i64 (local.get $acc)))\n"
            "      (else (i32.add (global.get $g) (i32.const 0x7fff_ffff)))))\n",
            i, i, i);
    if (i > 0 && i % 64 == 0)
      fprintf(f, "  (func (type $bin) (call $f%u (local.get 0) (local.get 1)))\n", i - 1);
    pos = ftell(f);
  }
  fprintf(f, ")\n");
}

int main(int argc, char **argv) {
  size_t mb = argc > 1 ? strtoul(argv[1], NULL, 10) : 100;
  const char *path = argc > 2 ? argv[2] : "build/bench/big.wat";
  FILE *f = fopen(path, "w");
  if (!f) {
    perror(path);
    return 1;
  }
  generate(f, mb << 20);
  fclose(f);

  int fd = open(path, O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    perror(path);
    return 1;
  }
  size_t len = (size_t)st.st_size;
  const char *text = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
  if (text == MAP_FAILED) {
    perror("mmap");
    return 1;
  }
  long rss_before = peak_rss_kb();
  char err[600];
  cw_buf out;
  double best = 1e30;
  size_t binary = 0;
  for (int run = 0; run < 4; run++) {
    double t0 = now();
    if (!cw_wat_to_wasm(path, text, len, &out, err, sizeof err)) {
      fprintf(stderr, "%s\n", err);
      return 1;
    }
    double t = now() - t0;
    if (run > 0 && t < best) best = t;
    binary = out.len;
    if (run < 3) cw_buf_free(&out);
  }
  long rss_parse = peak_rss_kb();
  cwasi_engine *engine = cwasi_engine_new(NULL);
  cwasi_error verr;
  double t0 = now();
  cwasi_status vs = cwasi_module_validate(engine, out.p, out.len, &verr);
  double tv = now() - t0;
  cwasi_engine_delete(engine);
  cw_buf_free(&out);
  printf("text:       %.1f MB (%s)\n", (double)len / 1048576.0, path);
  printf("binary:     %.1f MB\n", (double)binary / 1048576.0);
  printf("parse:      %.3f s best of 3 = %.1f MB/s of text\n", best,
         (double)len / 1048576.0 / best);
  printf("validate:   %.3f s (%s)\n", tv, vs == CWASI_OK ? "valid" : verr.message);
  printf("peak RSS:   %.1f MB after mapping, %.1f MB after parsing (mapped text included)\n",
         (double)rss_before / 1024.0, (double)rss_parse / 1024.0);
  munmap((void *)text, len);
  close(fd);
  return vs == CWASI_OK ? 0 : 1;
}
