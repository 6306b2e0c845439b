/*
 * bytesearch.c — counts the lines of a text and the occurrences of a byte
 * and of a short pattern in it (a memchr/strstr-style scan), the kind of loop
 * compilers vectorize with -msimd128 (bench/README.md: built both ways).
 */
#include "bench.h"

enum { N = 1 << 20 };

/* Bytes equal to c, one pass; counted in 8 bits per chunk of 255 bytes
 * (as memchr-style counting code does), then summed. */
static uint32_t count_byte(const uint8_t *p, uint32_t n, uint8_t c) {
  uint32_t k = 0;
  for (uint32_t i = 0; i < n; i += 255) {
    uint32_t end = i + 255 < n ? i + 255 : n;
    uint8_t k8 = 0;
    for (uint32_t j = i; j < end; j++) k8 += p[j] == c;
    k += k8;
  }
  return k;
}

/* Positions where the 4-byte pattern starts, branch-free, counted the same
 * way. */
static uint32_t count_pattern(const uint8_t *p, uint32_t n, const uint8_t pat[4]) {
  uint32_t k = 0;
  for (uint32_t i = 0; i + 4 <= n; i += 255) {
    uint32_t end = i + 255 < n - 3 ? i + 255 : n - 3;
    uint8_t k8 = 0;
    for (uint32_t j = i; j < end; j++)
      k8 += (uint8_t)((p[j] == pat[0]) & (p[j + 1] == pat[1]) & (p[j + 2] == pat[2]) &
                      (p[j + 3] == pat[3]));
    k += k8;
  }
  return k;
}

int main(int argc, char **argv) {
  int32_t rounds = bench_scale(argc, argv, 60);
  uint8_t *text = malloc(N);
  if (!text) return 1;
  bench_rng rng = {42};
  static const char alphabet[] = "etaoin shrdlu\ncmfwyp";
  for (uint32_t i = 0; i < N; i++) text[i] = (uint8_t)alphabet[bench_below(&rng, 20)];
  const uint8_t pat[4] = {'t', 'h', 'e', ' '};
  uint64_t h = 0;
  for (int32_t r = 0; r < rounds; r++) {
    uint32_t lines = count_byte(text, N, '\n');
    uint32_t spaces = count_byte(text, N, ' ');
    uint32_t the = count_pattern(text, N, pat);
    h = bench_mix(h, lines);
    h = bench_mix(h, spaces);
    h = bench_mix(h, the);
    text[(uint32_t)r * 7919u % N] = (uint8_t)"the \n"[r % 5];
  }
  printf("last round: %u lines, %u spaces\n", count_byte(text, N, '\n'), count_byte(text, N, ' '));
  free(text);
  bench_report("bytesearch", h);
  return 0;
}
