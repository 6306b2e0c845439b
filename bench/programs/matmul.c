/*
 * matmul.c — f64 matrix multiply (C = A * B, i-k-j loop order so the inner
 * loop streams rows), then a blocked version of the same product, checked
 * to agree bit for bit.
 */
#include "bench.h"

static void fill(double *m, uint32_t n, bench_rng *rng) {
  /* Small multiples of 1/256: all products and sums stay exact, so the
     blocked and the plain order must give identical bits. */
  for (uint32_t i = 0; i < n * n; i++) m[i] = (double)((int32_t)bench_below(rng, 512) - 256) / 256;
}

static void matmul(double *c, const double *a, const double *b, uint32_t n) {
  memset(c, 0, sizeof *c * n * n);
  for (uint32_t i = 0; i < n; i++)
    for (uint32_t k = 0; k < n; k++) {
      double aik = a[i * n + k];
      const double *brow = b + k * n;
      double *crow = c + i * n;
      for (uint32_t j = 0; j < n; j++) crow[j] += aik * brow[j];
    }
}

static void matmul_blocked(double *c, const double *a, const double *b, uint32_t n) {
  enum { BS = 32 };
  memset(c, 0, sizeof *c * n * n);
  for (uint32_t ii = 0; ii < n; ii += BS)
    for (uint32_t kk = 0; kk < n; kk += BS)
      for (uint32_t jj = 0; jj < n; jj += BS) {
        uint32_t ie = ii + BS < n ? ii + BS : n;
        uint32_t ke = kk + BS < n ? kk + BS : n;
        uint32_t je = jj + BS < n ? jj + BS : n;
        for (uint32_t i = ii; i < ie; i++)
          for (uint32_t k = kk; k < ke; k++) {
            double aik = a[i * n + k];
            for (uint32_t j = jj; j < je; j++) c[i * n + j] += aik * b[k * n + j];
          }
      }
}

int main(int argc, char **argv) {
  uint32_t n = (uint32_t)bench_scale(argc, argv, 720);
  double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n);
  double *c = malloc(sizeof(double) * n * n), *d = malloc(sizeof(double) * n * n);
  if (!a || !b || !c || !d) return 1;
  bench_rng rng = {99};
  fill(a, n, &rng);
  fill(b, n, &rng);
  matmul(c, a, b, n);
  matmul_blocked(d, a, b, n);
  uint32_t differ = 0;
  uint64_t h = 0;
  double trace = 0;
  for (uint32_t i = 0; i < n * n; i++) {
    differ += c[i] != d[i];
    h = bench_mix_f64(h, c[i]);
  }
  for (uint32_t i = 0; i < n; i++) trace += c[i * n + i];
  printf("n = %u, trace = %.6f, blocked differs in %u entries\n", n, trace, differ);
  free(a);
  free(b);
  free(c);
  free(d);
  bench_report("matmul", h);
  return 0;
}
