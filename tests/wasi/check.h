/*
 * check.h — assertions inside guest programs. Each failure prints a line;
 * checks_done() prints "checks: N passed, N failed" (the runner adds these
 * to its totals) and returns the exit status.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>

static int checks_passed, checks_failed;

#define CHECK(cond)                                                                                \
  do {                                                                                             \
    if (cond) {                                                                                    \
      checks_passed++;                                                                             \
    } else {                                                                                       \
      checks_failed++;                                                                             \
      printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                                       \
    }                                                                                              \
  } while (0)

/* Integer equality showing both values on failure. */
#define CHECK_EQ(a, b)                                                                             \
  do {                                                                                             \
    long long va_ = (long long)(a), vb_ = (long long)(b);                                          \
    if (va_ == vb_) {                                                                              \
      checks_passed++;                                                                             \
    } else {                                                                                       \
      checks_failed++;                                                                             \
      printf("FAIL %s:%d: %s == %s (%lld != %lld)\n", __FILE__, __LINE__, #a, #b, va_, vb_);       \
    }                                                                                              \
  } while (0)

static inline int checks_done(void) {
  printf("checks: %d passed, %d failed\n", checks_passed, checks_failed);
  fflush(stdout);
  return checks_failed ? 1 : 0;
}

#endif
