/*
 * fib.c — recursive calls: naive Fibonacci and the Takeuchi function.
 * Almost all time goes to call/return and argument passing.
 */
#include "bench.h"

static uint32_t fib(uint32_t n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/* Takeuchi's function: three arguments, deep non-tail recursion. */
static int32_t tak(int32_t x, int32_t y, int32_t z) {
  if (y >= x) return z;
  return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}

int main(int argc, char **argv) {
  int32_t n = bench_scale(argc, argv, 40);
  uint64_t h = 0;
  uint32_t f = fib((uint32_t)n);
  printf("fib(%d) = %u\n", n, f);
  h = bench_mix(h, f);
  /* n = 40: fib(40), then tak(32, 22, 13) with about 25 million calls. */
  int32_t x = n - 8, y = n - 18, z = n - 27;
  int32_t t = tak(x, y, z);
  printf("tak(%d, %d, %d) = %d\n", x, y, z, t);
  h = bench_mix(h, (uint32_t)t);
  bench_report("fib", h);
  return 0;
}
