/* sleep.c — `sleep MS`: sleeps three ways through poll_oneoff and
 * measures each with the monotonic clock: a relative clock subscription
 * of MS, an absolute one (now + MS), and two subscriptions at once (MS and
 * 60 s) where only the first may fire. Then nanosleep() for MS (wasi-libc
 * implements it with poll_oneoff). Prints one line per sleep with its
 * verdict; the runner also times the whole run from the host. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wasi/api.h>

static __wasi_timestamp_t now(void) {
  __wasi_timestamp_t t = 0;
  if (__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t) != 0) exit(3);
  return t;
}

static void clock_sub(__wasi_subscription_t *s, uint64_t id, uint64_t timeout, int abs) {
  memset(s, 0, sizeof *s);
  s->userdata = id;
  s->u.tag = __WASI_EVENTTYPE_CLOCK;
  s->u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  s->u.u.clock.timeout = timeout;
  s->u.u.clock.flags = abs ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0;
}

static int verdict(const char *what, __wasi_timestamp_t start, uint64_t ns) {
  __wasi_timestamp_t took = now() - start;
  /* generous: a loaded machine may oversleep, never undersleep */
  int ok = took >= ns && took < ns + 3000000000ull;
  printf("%s: %s\n", what, ok ? "slept long enough" : "WRONG DURATION");
  if (!ok) fprintf(stderr, "%s: %llu ns for %llu\n", what, (unsigned long long)took,
                   (unsigned long long)ns);
  return ok;
}

int main(int argc, char **argv) {
  uint64_t ns = (argc > 1 ? strtoull(argv[1], NULL, 10) : 100) * 1000000ull;
  int ok = 1;
  __wasi_subscription_t s[2];
  __wasi_event_t ev[2];
  __wasi_size_t n = 0;

  __wasi_timestamp_t t0 = now();
  clock_sub(&s[0], 11, ns, 0);
  ok &= __wasi_poll_oneoff(s, ev, 1, &n) == 0 && n == 1 && ev[0].userdata == 11 &&
        ev[0].error == 0 && ev[0].type == __WASI_EVENTTYPE_CLOCK;
  ok &= verdict("relative", t0, ns);

  t0 = now();
  clock_sub(&s[0], 22, t0 + ns, 1);
  ok &= __wasi_poll_oneoff(s, ev, 1, &n) == 0 && n == 1 && ev[0].userdata == 22;
  ok &= verdict("absolute", t0, ns);

  t0 = now();
  clock_sub(&s[0], 33, 60000000000ull, 0);
  clock_sub(&s[1], 44, ns, 0);
  ok &= __wasi_poll_oneoff(s, ev, 2, &n) == 0 && n == 1 && ev[0].userdata == 44;
  ok &= verdict("first of two", t0, ns);

  t0 = now();
  struct timespec ts = {(time_t)(ns / 1000000000u), (long)(ns % 1000000000u)};
  ok &= nanosleep(&ts, NULL) == 0;
  ok &= verdict("nanosleep", t0, ns);
  return ok ? 0 : 1;
}
