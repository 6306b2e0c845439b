/*
 * raw_poll.c — poll_oneoff: relative and absolute clocks on both clocks,
 * several subscriptions at once (only the due ones reported), fd
 * readiness on files, pipes and stdin, errors reported as events, bad
 * pointers. argv[1]: "stdin-data" (stdin is a pipe holding "xyz"),
 * "stdin-empty" (a pipe that stays empty), else stdin is ignored.
 * Run with --dir DIR::/work (fd 3).
 */
#include <string.h>
#include <wasi/api.h>

#include "check.h"
#include "raw.h"

enum { EBADF_ = 8, EFAULT_ = 21, EINVAL_ = 28, ENOTSUP_ = 58 };
#define MS 1000000ull

static uint64_t now(int clock) {
  uint64_t t = 0;
  raw_clock_time_get(clock, 1, P(&t));
  return t;
}

static __wasi_subscription_t clock_sub(uint64_t userdata, int clock, uint64_t timeout, int flags) {
  __wasi_subscription_t s;
  memset(&s, 0, sizeof s);
  s.userdata = userdata;
  s.u.tag = __WASI_EVENTTYPE_CLOCK;
  s.u.u.clock.id = (uint32_t)clock;
  s.u.u.clock.timeout = timeout;
  s.u.u.clock.precision = 0;
  s.u.u.clock.flags = (uint16_t)flags;
  return s;
}

static __wasi_subscription_t fd_sub(uint64_t userdata, int type, int fd) {
  __wasi_subscription_t s;
  memset(&s, 0, sizeof s);
  s.userdata = userdata;
  s.u.tag = (uint8_t)type;
  s.u.u.fd_read.file_descriptor = (uint32_t)fd;
  return s;
}

static int poll(__wasi_subscription_t *in, int n, __wasi_event_t *out) {
  uint32_t nev = 0xdead;
  memset(out, 0x55, sizeof *out * (size_t)n);
  int r = raw_poll_oneoff(P(in), P(out), n, P(&nev));
  return r ? -r : (int)nev;
}

static void test_clocks(void) {
  __wasi_subscription_t in[3];
  __wasi_event_t out[3];
  uint32_t nev;
  CHECK_EQ(raw_poll_oneoff(P(in), P(out), 0, P(&nev)), EINVAL_);

  /* relative, monotonic */
  in[0] = clock_sub(77, 1, 50 * MS, 0);
  uint64_t t0 = now(1);
  CHECK_EQ(poll(in, 1, out), 1);
  uint64_t dt = now(1) - t0;
  CHECK(dt >= 50 * MS && dt < 2000 * MS);
  CHECK_EQ(out[0].userdata, 77);
  CHECK_EQ(out[0].error, 0);
  CHECK_EQ(out[0].type, __WASI_EVENTTYPE_CLOCK);

  /* absolute, realtime */
  in[0] = clock_sub(5, 0, now(0) + 30 * MS, __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME);
  t0 = now(1);
  CHECK_EQ(poll(in, 1, out), 1);
  CHECK(now(1) - t0 >= 25 * MS);
  CHECK_EQ(out[0].userdata, 5);

  /* absolute in the past: at once */
  in[0] = clock_sub(6, 1, 1, __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME);
  t0 = now(1);
  CHECK_EQ(poll(in, 1, out), 1);
  CHECK(now(1) - t0 < 500 * MS);

  /* two clocks: the earlier fires alone */
  in[0] = clock_sub(1, 1, 800 * MS, 0);
  in[1] = clock_sub(2, 0, 20 * MS, 0);
  t0 = now(1);
  CHECK_EQ(poll(in, 2, out), 1);
  CHECK(now(1) - t0 < 700 * MS);
  CHECK_EQ(out[0].userdata, 2);
  /* both due: both reported */
  in[0] = clock_sub(1, 1, 0, 0);
  in[1] = clock_sub(2, 1, 0, 0);
  CHECK_EQ(poll(in, 2, out), 2);

  /* clocks poll_oneoff cannot wait on */
  in[0] = clock_sub(9, 2, 10 * MS, 0);
  in[1] = clock_sub(10, 42, 10 * MS, 0);
  in[2] = clock_sub(11, 1, 5000 * MS, 0);
  t0 = now(1);
  CHECK_EQ(poll(in, 3, out), 2);
  CHECK(now(1) - t0 < 1000 * MS);
  CHECK(out[0].userdata == 9 && out[0].error == ENOTSUP_);
  CHECK(out[1].userdata == 10 && out[1].error == EINVAL_);

  /* the events may overwrite the subscriptions */
  in[0] = clock_sub(123, 1, 0, 0);
  CHECK_EQ(raw_poll_oneoff(P(in), P(in), 1, P(&nev)), 0);
  CHECK_EQ(((__wasi_event_t *)in)->userdata, 123);

  /* bad pointers and tags */
  in[0] = clock_sub(1, 1, 0, 0);
  CHECK_EQ(raw_poll_oneoff(MEM_END - 40, P(out), 1, P(&nev)), EFAULT_);
  CHECK_EQ(raw_poll_oneoff(P(in), MEM_END - 31, 1, P(&nev)), EFAULT_);
  CHECK_EQ(raw_poll_oneoff(P(in), P(out), 1, MEM_END - 2), EFAULT_);
  CHECK_EQ(raw_poll_oneoff(P(in), P(out), 0x10000000, P(&nev)), EFAULT_);
  in[0].u.tag = 3;
  CHECK_EQ(raw_poll_oneoff(P(in), P(out), 1, P(&nev)), EINVAL_);
}

static void test_fds(void) {
  __wasi_subscription_t in[3];
  __wasi_event_t out[3];
  /* a regular file is always ready; nbytes is what is left to read */
  int fd = -1;
  CHECK_EQ(raw_path_open(3, 0, S("p.txt"), 1 | 8, 0x7E | (1 << 27), 0, 0, P(&fd)), 0);
  static char text[] = "0123456789";
  __wasi_ciovec_t v = {(const uint8_t *)text, 10};
  uint32_t n;
  CHECK_EQ(raw_fd_write(fd, P(&v), 1, P(&n)), 0);
  uint64_t pos;
  CHECK_EQ(raw_fd_seek(fd, 4, 0, P(&pos)), 0);
  in[0] = fd_sub(8, __WASI_EVENTTYPE_FD_READ, fd);
  in[1] = clock_sub(9, 1, 5000 * MS, 0);
  uint64_t t0 = now(1);
  CHECK_EQ(poll(in, 2, out), 1);
  CHECK(now(1) - t0 < 1000 * MS);
  CHECK_EQ(out[0].userdata, 8);
  CHECK_EQ(out[0].type, __WASI_EVENTTYPE_FD_READ);
  CHECK_EQ(out[0].error, 0);
  CHECK_EQ(out[0].fd_readwrite.nbytes, 6);
  /* read and write readiness together */
  in[1] = fd_sub(10, __WASI_EVENTTYPE_FD_WRITE, fd);
  CHECK_EQ(poll(in, 2, out), 2);
  CHECK_EQ(out[1].userdata, 10);
  CHECK_EQ(out[1].type, __WASI_EVENTTYPE_FD_WRITE);
  /* stdout (a pipe to the runner) is writable */
  in[0] = fd_sub(11, __WASI_EVENTTYPE_FD_WRITE, 1);
  CHECK_EQ(poll(in, 1, out), 1);
  CHECK(out[0].userdata == 11 && out[0].error == 0);
  /* errors arrive as events, at once */
  in[0] = fd_sub(12, __WASI_EVENTTYPE_FD_READ, 99);
  in[1] = clock_sub(13, 1, 5000 * MS, 0);
  t0 = now(1);
  CHECK_EQ(poll(in, 2, out), 1);
  CHECK(now(1) - t0 < 1000 * MS);
  CHECK(out[0].userdata == 12 && out[0].error == EBADF_);
  /* without the poll right */
  CHECK_EQ(raw_fd_fdstat_set_rights(fd, 0x2, 0), 0);
  in[0] = fd_sub(14, __WASI_EVENTTYPE_FD_READ, fd);
  CHECK_EQ(poll(in, 1, out), 1);
  CHECK(out[0].userdata == 14 && out[0].error == 76);
  raw_fd_close(fd);
}

static void test_stdin(const char *mode) {
  __wasi_subscription_t in[2];
  __wasi_event_t out[2];
  in[0] = fd_sub(1, __WASI_EVENTTYPE_FD_READ, 0);
  in[1] = clock_sub(2, 1, 300 * MS, 0);
  uint64_t t0 = now(1);
  int n = poll(in, 2, out);
  uint64_t dt = now(1) - t0;
  if (strcmp(mode, "stdin-data") == 0) {
    CHECK_EQ(n, 1);
    CHECK_EQ(out[0].userdata, 1);
    CHECK_EQ(out[0].fd_readwrite.nbytes, 3);
    CHECK(dt < 250 * MS);
  } else {
    CHECK_EQ(n, 1);
    CHECK_EQ(out[0].userdata, 2); /* nothing to read: the timeout wins */
    CHECK(dt >= 300 * MS);
  }
}

int main(int argc, char **argv) {
  test_clocks();
  test_fds();
  if (argc > 1) test_stdin(argv[1]);
  return checks_done();
}
