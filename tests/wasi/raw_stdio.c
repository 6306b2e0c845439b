/*
 * raw_stdio.c — inherited stdio as an attacker would use it. Run by
 * tests/wasi/run.sh, which checks the host side:
 *   rights     stdout is `>> log`: fd 0-2 are streams in their direction;
 *              nothing seeks, truncates, pwrites, allocates or sets times,
 *              and no right can be added back; then "guest\n" is written
 *   nonblock   stdin and stdout are pipes the runner holds: nonblock is
 *              accepted and reported for this guest's fds, an empty stdin
 *              reads EAGAIN at once, append cannot change; the runner then
 *              checks its own ends of the pipes are still blocking
 */
#include <string.h>

#include "check.h"
#include "raw.h"

enum { EAGAIN_ = 6, EINVAL_ = 28, ENOTSUP_ = 58, ENOTCAPABLE_ = 76 };
#define R(n) (1ull << (n))
#define R_READ R(1)
#define R_WRITE R(6)
/* seek, tell, datasync, sync, advise, allocate, filestat_set_size/times */
#define R_NOT_STREAM (R(2) | R(5) | R(0) | R(4) | R(7) | R(8) | R(22) | R(23))

typedef struct {
  uint32_t buf, len;
} iov;
typedef struct {
  uint8_t type, pad;
  uint16_t flags;
  uint32_t pad2;
  uint64_t base, inheriting;
} fdstat;

static void test_rights(void) {
  fdstat st;
  for (int fd = 0; fd < 3; fd++) {
    CHECK_EQ(raw_fd_fdstat_get(fd, P(&st)), 0);
    CHECK_EQ(st.base & R_NOT_STREAM, 0);
    CHECK_EQ(st.inheriting, 0);
    CHECK(fd == 0 ? (st.base & R_READ) && !(st.base & R_WRITE)
                  : (st.base & R_WRITE) && !(st.base & R_READ));
    CHECK_EQ(raw_fd_fdstat_set_rights(fd, (int64_t)(st.base | R(2)), 0), ENOTCAPABLE_);
  }
  uint64_t pos;
  static char x[] = "XXXXXXXX";
  iov w = {P(x), 8};
  uint32_t n;
  CHECK_EQ(raw_fd_seek(1, 0, 0, P(&pos)), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_seek(1, 0, 1, P(&pos)), ENOTCAPABLE_); /* tell */
  CHECK_EQ(raw_fd_tell(1, P(&pos)), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_filestat_set_size(1, 0), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_pwrite(1, P(&w), 1, 0, P(&n)), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_filestat_set_times(1, 0, 0, 2 | 8), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_allocate(1, 0, 1 << 20), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_datasync(1), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_read(1, P(&w), 1, P(&n)), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_write(0, P(&w), 1, P(&n)), ENOTCAPABLE_);
  /* appending to a `>>` log stays on, and cannot be turned off */
  CHECK_EQ(raw_fd_fdstat_get(1, P(&st)), 0);
  CHECK_EQ(st.flags & 1, 1);
  CHECK_EQ(raw_fd_fdstat_set_flags(1, 0), ENOTSUP_);
  static char line[] = "guest\n";
  iov g = {P(line), 6};
  CHECK_EQ(raw_fd_write(1, P(&g), 1, P(&n)), 0);
  CHECK_EQ(n, 6);
}

static void test_nonblock(void) {
  fdstat st;
  CHECK_EQ(raw_fd_fdstat_set_flags(0, 4), 0);
  CHECK_EQ(raw_fd_fdstat_set_flags(1, 4), 0);
  CHECK_EQ(raw_fd_fdstat_get(0, P(&st)), 0);
  CHECK_EQ(st.flags, 4);
  char buf[16];
  iov r = {P(buf), sizeof buf};
  uint32_t n = 99;
  CHECK_EQ(raw_fd_read(0, P(&r), 1, P(&n)), EAGAIN_);    /* the runner wrote nothing */
  CHECK_EQ(raw_fd_fdstat_set_flags(1, 1 | 4), ENOTSUP_); /* append would reach the parent */
  CHECK_EQ(raw_fd_fdstat_set_flags(1, 0x40), EINVAL_);
  static char line[] = "nonblocking write\n";
  iov w = {P(line), sizeof line - 1};
  CHECK_EQ(raw_fd_write(1, P(&w), 1, P(&n)), 0);
  CHECK_EQ(n, sizeof line - 1);
  CHECK_EQ(raw_fd_fdstat_set_flags(0, 0), 0);
  CHECK_EQ(raw_fd_fdstat_get(0, P(&st)), 0);
  CHECK_EQ(st.flags, 0);
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "rights") == 0) test_rights();
  if (argc > 1 && strcmp(argv[1], "nonblock") == 0) test_nonblock();
  return checks_done();
}
