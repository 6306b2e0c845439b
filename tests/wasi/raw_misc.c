/*
 * raw_misc.c — args, environ, clocks, random_get, sched_yield, proc_exit
 * through the raw imports, including out-of-bounds pointers (EFAULT).
 * Run as: --argv0 prog --env A=1 --env B=two raw_misc.wasm a bc
 * Exits with proc_exit(42) when every check passed.
 */
#include <string.h>

#include "check.h"
#include "raw.h"

enum { EFAULT_ = 21, EINVAL_ = 28 };

static void test_args(void) {
  uint32_t argc = 0, size = 0;
  CHECK_EQ(raw_args_sizes_get(P(&argc), P(&size)), 0);
  CHECK_EQ(argc, 3);
  CHECK_EQ(size, sizeof "prog" + sizeof "a" + sizeof "bc");
  uint32_t ptrs[3];
  char buf[16];
  memset(buf, 'x', sizeof buf);
  CHECK_EQ(raw_args_get(P(ptrs), P(buf)), 0);
  CHECK(memcmp(buf, "prog\0a\0bc\0", 10) == 0);
  CHECK(buf[10] == 'x'); /* nothing written past the strings */
  CHECK_EQ(ptrs[0], P(buf));
  CHECK_EQ(ptrs[2], P(buf + 7));
  CHECK_EQ(raw_args_sizes_get(MEM_END - 2, P(&size)), EFAULT_);
  CHECK_EQ(raw_args_sizes_get(P(&argc), MEM_END), EFAULT_);
  CHECK_EQ(raw_args_get(P(ptrs), MEM_END - 5), EFAULT_);
  CHECK_EQ(raw_args_get(MEM_END - 8, P(buf)), EFAULT_);
}

static void test_environ(void) {
  uint32_t count = 0, size = 0;
  CHECK_EQ(raw_environ_sizes_get(P(&count), P(&size)), 0);
  CHECK_EQ(count, 2);
  CHECK_EQ(size, sizeof "A=1" + sizeof "B=two");
  uint32_t ptrs[2];
  char buf[16];
  CHECK_EQ(raw_environ_get(P(ptrs), P(buf)), 0);
  CHECK(memcmp(buf, "A=1\0B=two\0", 10) == 0);
  CHECK_EQ(ptrs[1], P(buf + 4));
  CHECK_EQ(raw_environ_get(P(ptrs), MEM_END - 9), EFAULT_);
  CHECK_EQ(raw_environ_sizes_get(-1, P(&size)), EFAULT_);
}

static void test_clocks(void) {
  uint64_t res = 0, t1 = 0, t2 = 0, rt = 0, cpu = 0;
  for (int id = 0; id < 4; id++) {
    res = 0;
    CHECK_EQ(raw_clock_res_get(id, P(&res)), 0);
    CHECK(res > 0 && res <= 1000000000u);
  }
  CHECK_EQ(raw_clock_res_get(4, P(&res)), EINVAL_);
  CHECK_EQ(raw_clock_res_get(0, MEM_END - 4), EFAULT_);
  CHECK_EQ(raw_clock_time_get(1, 1, P(&t1)), 0);
  for (volatile int i = 0; i < 100000; i++) {
  }
  CHECK_EQ(raw_clock_time_get(1, 1, P(&t2)), 0);
  CHECK(t2 > t1);
  CHECK_EQ(raw_clock_time_get(0, 1, P(&rt)), 0);
  CHECK(rt > 1600000000ull * 1000000000ull); /* after 2020 */
  CHECK_EQ(raw_clock_time_get(2, 1, P(&cpu)), 0);
  CHECK(cpu > 0);
  CHECK_EQ(raw_clock_time_get(3, 1, P(&cpu)), 0);
  CHECK(cpu > 0);
  CHECK_EQ(raw_clock_time_get(7, 1, P(&cpu)), EINVAL_);
  CHECK_EQ(raw_clock_time_get(1, 1, MEM_END - 7), EFAULT_);
}

static void test_random(void) {
  unsigned char a[64], b[64], zero[64] = {0};
  memset(a, 0, sizeof a);
  memset(b, 0, sizeof b);
  CHECK_EQ(raw_random_get(P(a), sizeof a), 0);
  CHECK_EQ(raw_random_get(P(b), sizeof b), 0);
  CHECK(memcmp(a, zero, sizeof a) != 0);
  CHECK(memcmp(a, b, sizeof a) != 0);
  CHECK_EQ(raw_random_get(MEM_END - 10, 20), EFAULT_);
  CHECK_EQ(raw_random_get(MEM_END, 0), 0);
  CHECK_EQ(raw_random_get(-1, 2), EFAULT_);
  static unsigned char big[1 << 20];
  CHECK_EQ(raw_random_get(P(big), sizeof big), 0);
  CHECK(big[sizeof big - 1] | big[sizeof big - 2] | big[sizeof big - 3]);
}

int main(void) {
  test_args();
  test_environ();
  test_clocks();
  test_random();
  CHECK_EQ(raw_sched_yield(), 0);
  if (checks_done() != 0) return 1;
  raw_proc_exit(42);
  return 2; /* not reached */
}
