/*
 * sieve.c — tight integer loops over a byte array: the sieve of
 * Eratosthenes, run for several limits, then a segmented pass that reuses a
 * small window (cache-resident, loop-overhead bound).
 */
#include "bench.h"

/* Marks composites in flags[0..limit]; returns the number of primes. */
static uint32_t sieve(uint8_t *flags, uint32_t limit, uint64_t *sum) {
  memset(flags, 1, limit + 1);
  flags[0] = flags[1] = 0;
  for (uint32_t i = 2; (uint64_t)i * i <= limit; i++)
    if (flags[i])
      for (uint32_t j = i * i; j <= limit; j += i) flags[j] = 0;
  uint32_t count = 0;
  uint64_t s = 0;
  for (uint32_t i = 0; i <= limit; i++)
    if (flags[i]) {
      count++;
      s += i;
    }
  *sum = s;
  return count;
}

/* Counts primes in [lo, hi) with a fixed window, using the base primes. */
static uint32_t segmented(const uint32_t *base, uint32_t nbase, uint32_t lo, uint32_t hi,
                          uint8_t *window, uint32_t wsize) {
  uint32_t count = 0;
  for (uint32_t start = lo; start < hi; start += wsize) {
    uint32_t end = start + wsize < hi ? start + wsize : hi;
    memset(window, 1, end - start);
    for (uint32_t k = 0; k < nbase; k++) {
      uint32_t p = base[k];
      if ((uint64_t)p * p >= end) break;
      uint32_t first = (start + p - 1) / p * p;
      if (first < p * p) first = p * p;
      for (uint32_t j = first; j < end; j += p) window[j - start] = 0;
    }
    for (uint32_t j = start; j < end; j++) count += window[j - start];
  }
  return count;
}

int main(int argc, char **argv) {
  int32_t scale = bench_scale(argc, argv, 25);
  uint32_t top = 1u << (scale > 28 ? 28 : scale);
  uint8_t *flags = malloc(top + 1);
  if (!flags) return 1;
  uint64_t h = 0;
  for (uint32_t limit = top / 4; limit <= top; limit += top / 4) {
    uint64_t sum;
    uint32_t n = sieve(flags, limit, &sum);
    printf("primes <= %u: %u (sum %" PRIu64 ")\n", limit, n, sum);
    h = bench_mix(bench_mix(h, n), sum);
  }

  uint32_t nbase = 0;
  uint32_t *base = malloc(sizeof *base * 8192);
  if (!base) return 1;
  for (uint32_t i = 2; i < 65536 && nbase < 8192; i++)
    if (flags[i]) base[nbase++] = i;
  uint8_t window[16384];
  uint32_t lo = 1u << 30, hi = lo + top;
  uint32_t n = segmented(base, nbase, lo, hi, window, sizeof window);
  printf("primes in [%u, %u): %u\n", lo, hi, n);
  h = bench_mix(h, n);
  free(base);
  free(flags);
  bench_report("sieve", h);
  return 0;
}
