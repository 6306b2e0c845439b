/*
 * bench.h — helpers shared by the benchmark programs: a deterministic PRNG,
 * a checksum accumulator and the scale argument.
 *
 * Every program must print the same bytes when built natively and for
 * wasm32-wasi, so nothing here depends on the size of long, size_t or
 * pointers, and floating-point results are folded in by their bit patterns.
 */
#ifndef BENCH_H
#define BENCH_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* splitmix64: tiny, fast, and good enough to generate benchmark inputs. */
typedef struct {
  uint64_t s;
} bench_rng;

static inline uint64_t bench_next(bench_rng *r) {
  uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/* Uniform in [0, n) for n > 0; the bias of the modulo is irrelevant here. */
static inline uint32_t bench_below(bench_rng *r, uint32_t n) {
  return (uint32_t)((bench_next(r) >> 32) % n);
}

/* Uniform in [0, 1) with 53 random bits. */
static inline double bench_unit(bench_rng *r) {
  return (double)(bench_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Order-dependent 64-bit checksum (FNV-style multiply, then a final mix). */
static inline uint64_t bench_mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  return h * 0x100000001b3ull;
}

static inline uint64_t bench_mix_f64(uint64_t h, double d) {
  uint64_t bits;
  memcpy(&bits, &d, sizeof bits);
  return bench_mix(h, bits);
}

/*
 * The work size: argv[1] when given (to calibrate or for a quick smoke run),
 * else the default tuned so a native -O2 build runs for 0.2-1 s. Going
 * through a volatile keeps the compiler from folding the whole benchmark.
 */
static inline int32_t bench_scale(int argc, char **argv, int32_t dflt) {
  volatile int32_t v = dflt;
  if (argc > 1) v = (int32_t)strtol(argv[1], NULL, 10);
  return v;
}

static inline void bench_report(const char *name, uint64_t checksum) {
  printf("%s: checksum %016" PRIx64 "\n", name, checksum);
}

#endif
