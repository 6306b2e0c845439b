/*
 * blur.c — a 3x3 Gaussian blur (1 2 1 / 2 4 2 / 1 2 1, divided by 16) of an
 * 8-bit grayscale image, applied repeatedly, separable: a horizontal then a
 * vertical pass, in 16-bit arithmetic. The kind of loop compilers
 * vectorize with -msimd128 (bench/README.md: built both ways).
 */
#include "bench.h"

enum { W = 512, H = 512 };

static void blur(uint8_t *img, uint16_t *tmp) {
  for (uint32_t y = 0; y < H; y++) {
    const uint8_t *row = img + y * W;
    uint16_t *t = tmp + y * W;
    t[0] = (uint16_t)(row[0] * 3 + row[1]);
    for (uint32_t x = 1; x < W - 1; x++)
      t[x] = (uint16_t)(row[x - 1] + 2 * row[x] + row[x + 1]);
    t[W - 1] = (uint16_t)(row[W - 2] + row[W - 1] * 3);
  }
  for (uint32_t y = 0; y < H; y++) {
    const uint16_t *up = tmp + (y ? y - 1 : 0) * W, *mid = tmp + y * W;
    const uint16_t *down = tmp + (y + 1 < H ? y + 1 : y) * W;
    uint8_t *out = img + y * W;
    for (uint32_t x = 0; x < W; x++)
      out[x] = (uint8_t)((uint16_t)(up[x] + 2 * mid[x] + down[x] + 8) >> 4);
  }
}

int main(int argc, char **argv) {
  int32_t rounds = bench_scale(argc, argv, 400);
  uint8_t *img = malloc(W * H);
  uint16_t *tmp = malloc(sizeof(uint16_t) * W * H);
  if (!img || !tmp) return 1;
  bench_rng rng = {7};
  for (uint32_t i = 0; i < W * H; i++) img[i] = (uint8_t)bench_below(&rng, 256);
  uint64_t h = 0;
  for (int32_t r = 0; r < rounds; r++) {
    blur(img, tmp);
    h = bench_mix(h, img[(uint32_t)r * 7919u % (W * H)]);
    img[(uint32_t)r * 104729u % (W * H)] ^= 0xFF; /* keep it from settling */
  }
  for (uint32_t i = 0; i < W * H; i += 61) h = bench_mix(h, img[i]);
  free(img);
  free(tmp);
  bench_report("blur", h);
  return 0;
}
