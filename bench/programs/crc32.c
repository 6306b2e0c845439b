/*
 * crc32.c — table-driven CRC-32 (the reflected 0xEDB88320 polynomial used by
 * zlib and PNG) and Adler-32 over generated data: a load, a shift, an xor and
 * a table lookup per byte.
 */
#include "bench.h"

typedef struct {
  uint32_t table[256];
} crc_tables;

static void crc_init(crc_tables *t) {
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = n;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    t->table[n] = c;
  }
}

static uint32_t crc32_update(const crc_tables *t, uint32_t crc, const uint8_t *p, uint32_t n) {
  crc = ~crc;
  for (uint32_t i = 0; i < n; i++) crc = t->table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

static uint32_t adler32_update(uint32_t adler, const uint8_t *p, uint32_t n) {
  uint32_t a = adler & 0xffff, b = adler >> 16;
  while (n > 0) {
    /* 5552 is the longest run for which b cannot overflow 32 bits. */
    uint32_t chunk = n < 5552 ? n : 5552;
    n -= chunk;
    while (chunk--) {
      a += *p++;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return (b << 16) | a;
}

int main(int argc, char **argv) {
  int32_t rounds = bench_scale(argc, argv, 96);
  crc_tables t;
  crc_init(&t);

  /* Self-check against the well-known check value of "123456789". */
  uint32_t check = crc32_update(&t, 0, (const uint8_t *)"123456789", 9);
  printf("crc32(\"123456789\") = %08x\n", check);

  enum { SIZE = 1 << 20 };
  uint8_t *buf = malloc(SIZE);
  if (!buf) return 1;
  bench_rng rng = {42};
  for (uint32_t i = 0; i < SIZE; i += 8) {
    uint64_t v = bench_next(&rng);
    memcpy(buf + i, &v, 8);
  }

  uint32_t crc = 0, adler = 1;
  uint64_t h = check;
  for (int32_t r = 0; r < rounds; r++) {
    /* Perturb a few bytes so no round repeats the previous one. */
    buf[(uint32_t)r * 7919u % SIZE] ^= (uint8_t)r;
    crc = crc32_update(&t, crc, buf, SIZE);
    if (r % 4 == 0) adler = adler32_update(adler, buf, SIZE);
    h = bench_mix(h, crc);
  }
  printf("crc32 = %08x, adler32 = %08x over %d MiB\n", crc, adler, rounds);
  h = bench_mix(h, adler);
  free(buf);
  bench_report("crc32", h);
  return 0;
}
