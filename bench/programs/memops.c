/*
 * memops.c — bulk memory: large memset/memcpy/memmove over a 16 MiB buffer,
 * plus many medium (4 KiB) and small (16-256 byte) copies, where per-call
 * overhead dominates. With bulk memory enabled these become memory.fill and
 * memory.copy in the wasm build.
 */
#include "bench.h"

enum { SIZE = 16 << 20, HALF = SIZE / 2 };

static uint64_t sample(const uint8_t *p, uint32_t n, uint64_t h) {
  for (uint32_t i = 0; i < n; i += 4093) h = bench_mix(h, p[i]);
  return h;
}

int main(int argc, char **argv) {
  int32_t rounds = bench_scale(argc, argv, 24);
  uint8_t *buf = malloc(SIZE);
  uint8_t *aux = malloc(HALF);
  if (!buf || !aux) return 1;
  bench_rng rng = {8086};
  for (uint32_t i = 0; i < SIZE; i += 8) {
    uint64_t v = bench_next(&rng);
    memcpy(buf + i, &v, 8);
  }
  uint64_t h = 0;
  for (int32_t r = 0; r < rounds; r++) {
    /* Large: whole halves. */
    memcpy(aux, buf + (r & 1 ? HALF : 0), HALF);
    memset(buf + (r & 1 ? 0 : HALF), r, HALF / 2);
    memcpy(buf + (r & 1 ? 0 : HALF), aux, HALF);
    /* Overlapping moves in both directions. */
    uint32_t shift = 1 + bench_below(&rng, 4096);
    memmove(buf + shift, buf, SIZE - shift);
    memmove(buf, buf + shift, SIZE - shift);
    /* Medium: 4 KiB pages shuffled around. */
    for (uint32_t i = 0; i < 1024; i++) {
      uint32_t from = bench_below(&rng, SIZE / 4096) * 4096;
      uint32_t to = bench_below(&rng, HALF / 4096) * 4096;
      memcpy(aux + to, buf + from, 4096);
      memset(buf + from, (int)i, 512);
    }
    /* Small: record-sized copies at unaligned offsets. */
    for (uint32_t i = 0; i < 200000; i++) {
      uint32_t n = 16 + bench_below(&rng, 241);
      uint32_t from = bench_below(&rng, HALF - n), to = bench_below(&rng, HALF - n);
      memcpy(buf + HALF + to, aux + from, n);
    }
    h = sample(buf, SIZE, h);
    h = sample(aux, HALF, h);
  }
  printf("%d rounds over %u MiB\n", rounds, SIZE >> 20);
  free(buf);
  free(aux);
  bench_report("memops", h);
  return 0;
}
