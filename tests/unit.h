/*
 * unit.h — a minimal test framework for cwasi's unit tests.
 *
 *   static void test_something(void) { CHECK(x == 1); CHECK_EQ_U64(a, b); }
 *   int main(void) { RUN(test_something); return unit_report(); }
 *
 * Each CHECK counts as one assertion; unit_report prints
 * "N passed, N failed" and returns non-zero if anything failed.
 */
#ifndef CW_UNIT_H
#define CW_UNIT_H

#include <inttypes.h>
#include <stdio.h>

static int unit_passed, unit_failed;

#define CHECK(cond)                                                             \
  do {                                                                          \
    if (cond) {                                                                 \
      unit_passed++;                                                            \
    } else {                                                                    \
      unit_failed++;                                                            \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                           \
  } while (0)

#define CHECK_EQ_U64(a, b)                                                        \
  do {                                                                            \
    uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);                              \
    if (a_ == b_) {                                                               \
      unit_passed++;                                                              \
    } else {                                                                      \
      unit_failed++;                                                              \
      fprintf(stderr, "%s:%d: %s == %s failed: 0x%" PRIx64 " != 0x%" PRIx64 "\n", \
              __FILE__, __LINE__, #a, #b, a_, b_);                                \
    }                                                                             \
  } while (0)

#define RUN(fn)                      \
  do {                               \
    fprintf(stderr, "  %s\n", #fn);  \
    fn();                            \
  } while (0)

static inline int unit_report(void) {
  printf("%d passed, %d failed\n", unit_passed, unit_failed);
  return unit_failed ? 1 : 0;
}

#endif
