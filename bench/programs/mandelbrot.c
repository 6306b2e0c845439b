/*
 * mandelbrot.c — f64 multiply/add and compare in a data-dependent inner loop:
 * escape-time iteration counts over a grid around the Mandelbrot set's
 * boundary, plus a 1-bit bitmap of the set.
 */
#include "bench.h"

static uint32_t escape(double cr, double ci, uint32_t limit) {
  double zr = 0, zi = 0, zr2 = 0, zi2 = 0;
  uint32_t n = 0;
  while (n < limit && zr2 + zi2 <= 4.0) {
    zi = 2 * zr * zi + ci;
    zr = zr2 - zi2 + cr;
    zr2 = zr * zr;
    zi2 = zi * zi;
    n++;
  }
  return n;
}

int main(int argc, char **argv) {
  int32_t size = bench_scale(argc, argv, 1000);
  uint32_t w = (uint32_t)size, ht = (uint32_t)size * 2 / 3, limit = 500;
  uint32_t rowbytes = (w + 7) / 8;
  uint8_t *bitmap = calloc(ht, rowbytes);
  if (!bitmap) return 1;
  /* The view [-2.2, 0.8] x [-1, 1] covers the whole set. */
  double x0 = -2.2, y0 = -1.0, dx = 3.0 / w, dy = 2.0 / ht;
  uint64_t total = 0, h = 0;
  uint32_t inside = 0;
  for (uint32_t y = 0; y < ht; y++) {
    uint64_t row = 0;
    for (uint32_t x = 0; x < w; x++) {
      uint32_t n = escape(x0 + x * dx, y0 + y * dy, limit);
      total += n;
      row = row * 31 + n;
      if (n == limit) {
        inside++;
        bitmap[y * rowbytes + x / 8] |= (uint8_t)(0x80 >> (x % 8));
      }
    }
    h = bench_mix(h, row);
  }
  for (uint32_t i = 0; i < ht * rowbytes; i++) h = bench_mix(h, bitmap[i]);
  printf("%ux%u, limit %u: %u points inside, %" PRIu64 " iterations\n", w, ht, limit, inside,
         total);
  free(bitmap);
  bench_report("mandelbrot", h);
  return 0;
}
