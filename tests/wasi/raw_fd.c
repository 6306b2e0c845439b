/*
 * raw_fd.c — the fd_* functions through raw imports: reads and writes
 * with several iovecs, positioned I/O, seek/tell, metadata, flags, rights
 * (only ever dropped), renumber, close, prestat, and EFAULT/EBADF/
 * ENOTCAPABLE edge cases. Run with --dir DIR::/work (fd 3).
 */
#include <string.h>

#include "check.h"
#include "raw.h"

enum {
  EBADF_ = 8,
  EFAULT_ = 21,
  EINVAL_ = 28,
  ENAMETOOLONG_ = 37,
  ENOTSUP_ = 58,
  ENOTSOCK_ = 57,
  ESPIPE_ = 70,
  ENOTCAPABLE_ = 76,
};
#define R(n) (1ull << (n))
#define R_FD_READ R(1)
#define R_FD_SEEK R(2)
#define R_FD_WRITE R(6)
#define R_ALL_FILE 0x00E001FFull
#define DIRFD 3

typedef struct {
  uint32_t buf, len;
} iov;
typedef struct {
  uint8_t type, pad;
  uint16_t flags;
  uint32_t pad2;
  uint64_t base, inheriting;
} fdstat;
typedef struct {
  uint64_t dev, ino;
  uint8_t type, pad[7];
  uint64_t nlink, size, atim, mtim, ctim;
} filestat;
_Static_assert(sizeof(fdstat) == 24 && sizeof(filestat) == 64, "layouts");

static int open_file(const char *name, int oflags, uint64_t base, int fdflags) {
  int fd = -1;
  int r = raw_path_open(DIRFD, 0, S(name), oflags, (int64_t)base, 0, fdflags, P(&fd));
  return r ? -r : fd;
}

static uint64_t now_ns(void) {
  uint64_t t = 0;
  raw_clock_time_get(0, 1, P(&t));
  return t;
}

static void test_prestat(void) {
  uint8_t pre[8];
  CHECK_EQ(raw_fd_prestat_get(DIRFD, P(pre)), 0);
  CHECK_EQ(pre[0], 0);
  CHECK_EQ(*(uint32_t *)(pre + 4), 5);
  char name[8] = "xxxxxxx";
  CHECK_EQ(raw_fd_prestat_dir_name(DIRFD, P(name), 4), ENAMETOOLONG_);
  CHECK_EQ(raw_fd_prestat_dir_name(DIRFD, P(name), 5), 0);
  CHECK(memcmp(name, "/workxx", 7) == 0);
  CHECK_EQ(raw_fd_prestat_dir_name(DIRFD, MEM_END - 2, 5), EFAULT_);
  CHECK_EQ(raw_fd_prestat_get(DIRFD, MEM_END - 4), EFAULT_);
  CHECK_EQ(raw_fd_prestat_get(1, P(pre)), EBADF_); /* not a preopen */
  CHECK_EQ(raw_fd_prestat_get(4, P(pre)), EBADF_); /* where wasi-libc stops scanning */
  CHECK_EQ(raw_fd_prestat_get(-1, P(pre)), EBADF_);
  fdstat st;
  CHECK_EQ(raw_fd_fdstat_get(DIRFD, P(&st)), 0);
  CHECK_EQ(st.type, 3);
  CHECK(st.base & R(13)); /* path_open */
  CHECK(st.inheriting & R_FD_READ);
  CHECK_EQ(raw_fd_fdstat_get(77, P(&st)), EBADF_);
  CHECK_EQ(raw_fd_fdstat_get(DIRFD, MEM_END - 23), EFAULT_);
}

static void test_rw(void) {
  int fd = open_file("rw.txt", 1 | 8, R_ALL_FILE, 0); /* creat|trunc */
  CHECK(fd > DIRFD);
  static char a[] = "hello ", b[] = "world";
  iov w[2] = {{P(a), 6}, {P(b), 5}};
  uint32_t n = 0;
  CHECK_EQ(raw_fd_write(fd, P(w), 2, P(&n)), 0);
  CHECK_EQ(n, 11);
  uint64_t pos = 99;
  CHECK_EQ(raw_fd_tell(fd, P(&pos)), 0);
  CHECK_EQ(pos, 11);
  CHECK_EQ(raw_fd_seek(fd, 0, 0, P(&pos)), 0);
  CHECK_EQ(pos, 0);
  char r1[5], r2[100];
  iov r[2] = {{P(r1), 5}, {P(r2), 100}};
  CHECK_EQ(raw_fd_read(fd, P(r), 2, P(&n)), 0);
  CHECK_EQ(n, 11);
  CHECK(memcmp(r1, "hello", 5) == 0 && memcmp(r2, " world", 6) == 0);
  CHECK_EQ(raw_fd_read(fd, P(r), 2, P(&n)), 0);
  CHECK_EQ(n, 0); /* end of file */
  CHECK_EQ(raw_fd_read(fd, P(r), 0, P(&n)), 0);

  /* positioned I/O leaves the offset alone */
  CHECK_EQ(raw_fd_seek(fd, 3, 0, P(&pos)), 0);
  static char j[] = "J";
  iov pw = {P(j), 1};
  CHECK_EQ(raw_fd_pwrite(fd, P(&pw), 1, 0, P(&n)), 0);
  CHECK_EQ(n, 1);
  iov pr = {P(r2), 5};
  CHECK_EQ(raw_fd_pread(fd, P(&pr), 1, 6, P(&n)), 0);
  CHECK(n == 5 && memcmp(r2, "world", 5) == 0);
  CHECK_EQ(raw_fd_pread(fd, P(&pr), 1, 0, P(&n)), 0);
  CHECK(memcmp(r2, "Jello", 5) == 0);
  CHECK_EQ(raw_fd_tell(fd, P(&pos)), 0);
  CHECK_EQ(pos, 3);
  CHECK_EQ(raw_fd_pread(fd, P(&pr), 1, -1, P(&n)), EINVAL_);

  /* seek */
  CHECK_EQ(raw_fd_seek(fd, -1, 2, P(&pos)), 0);
  CHECK_EQ(pos, 10);
  CHECK_EQ(raw_fd_seek(fd, -2, 1, P(&pos)), 0);
  CHECK_EQ(pos, 8);
  CHECK_EQ(raw_fd_seek(fd, -100, 1, P(&pos)), EINVAL_);
  CHECK_EQ(raw_fd_seek(fd, 0, 3, P(&pos)), EINVAL_);
  CHECK_EQ(raw_fd_seek(fd, 0, 0, MEM_END - 4), EFAULT_);
  CHECK_EQ(raw_fd_tell(fd, MEM_END), EFAULT_);

  /* bad pointers: nothing is consumed when a check fails */
  CHECK_EQ(raw_fd_seek(fd, 0, 0, P(&pos)), 0);
  iov bad = {MEM_END - 2, 4};
  CHECK_EQ(raw_fd_read(fd, P(&bad), 1, P(&n)), EFAULT_);
  CHECK_EQ(raw_fd_read(fd, MEM_END - 4, 1, P(&n)), EFAULT_);
  CHECK_EQ(raw_fd_read(fd, P(r), 2, MEM_END - 1), EFAULT_);
  CHECK_EQ(raw_fd_write(fd, P(w), 0x20000000, P(&n)), EFAULT_);
  iov wrap = {0xFFFFFFF0u, 0x20};
  CHECK_EQ(raw_fd_write(fd, P(&wrap), 1, P(&n)), EFAULT_);
  CHECK_EQ(raw_fd_tell(fd, P(&pos)), 0);
  CHECK_EQ(pos, 0);

  /* metadata */
  filestat fs;
  CHECK_EQ(raw_fd_filestat_get(fd, P(&fs)), 0);
  CHECK_EQ(fs.type, 4);
  CHECK_EQ(fs.size, 11);
  CHECK_EQ(fs.nlink, 1);
  CHECK(fs.ino != 0);
  CHECK_EQ(raw_fd_filestat_get(fd, MEM_END - 63), EFAULT_);
  CHECK_EQ(raw_fd_filestat_set_size(fd, 4), 0);
  CHECK_EQ(raw_fd_filestat_get(fd, P(&fs)), 0);
  CHECK_EQ(fs.size, 4);
  CHECK_EQ(raw_fd_filestat_set_size(fd, -1), EINVAL_);
  CHECK_EQ(raw_fd_filestat_set_times(fd, 1000000000123ll, 2000000000456ll, 1 | 4), 0);
  CHECK_EQ(raw_fd_filestat_get(fd, P(&fs)), 0);
  CHECK_EQ(fs.atim, 1000000000123ll);
  CHECK_EQ(fs.mtim, 2000000000456ll);
  CHECK_EQ(raw_fd_filestat_set_times(fd, 0, 0, 1 | 2), EINVAL_);
  CHECK_EQ(raw_fd_filestat_set_times(fd, 0, 0, 4 | 8), EINVAL_);
  uint64_t before = now_ns();
  CHECK_EQ(raw_fd_filestat_set_times(fd, 0, 0, 8), 0); /* mtim = now, atim kept */
  CHECK_EQ(raw_fd_filestat_get(fd, P(&fs)), 0);
  CHECK_EQ(fs.atim, 1000000000123ll);
  CHECK(fs.mtim + 1000000000ull >= before);
  CHECK_EQ(raw_fd_allocate(fd, 0, 1000), 0);
  CHECK_EQ(raw_fd_filestat_get(fd, P(&fs)), 0);
  CHECK_EQ(fs.size, 1000);
  CHECK_EQ(raw_fd_allocate(fd, -1, 10), EINVAL_);
  CHECK_EQ(raw_fd_advise(fd, 0, 0, 1), 0);
  CHECK_EQ(raw_fd_advise(fd, 0, 0, 6), EINVAL_);
  CHECK_EQ(raw_fd_datasync(fd), 0);
  CHECK_EQ(raw_fd_sync(fd), 0);

  /* flags */
  fdstat st;
  CHECK_EQ(raw_fd_fdstat_get(fd, P(&st)), 0);
  CHECK_EQ(st.type, 4);
  CHECK_EQ(st.flags, 0);
  CHECK_EQ(st.base, R_ALL_FILE);
  CHECK_EQ(raw_fd_fdstat_set_flags(fd, 1 | 4), 0); /* append|nonblock */
  CHECK_EQ(raw_fd_fdstat_get(fd, P(&st)), 0);
  CHECK_EQ(st.flags, 1 | 4);
  CHECK_EQ(raw_fd_seek(fd, 0, 0, P(&pos)), 0);
  CHECK_EQ(raw_fd_write(fd, P(w), 1, P(&n)), 0);
  CHECK_EQ(raw_fd_filestat_get(fd, P(&fs)), 0);
  CHECK_EQ(fs.size, 1006);                             /* appended, not written at 0 */
  CHECK_EQ(raw_fd_fdstat_set_flags(fd, 16), ENOTSUP_); /* sync can't change */
  CHECK_EQ(raw_fd_fdstat_set_flags(fd, 0x40), EINVAL_);
  CHECK_EQ(raw_fd_fdstat_set_flags(fd, 0), 0);
  CHECK_EQ(raw_fd_fdstat_get(fd, P(&st)), 0);
  CHECK_EQ(st.flags, 0);

  /* rights: dropping is allowed, regaining is not */
  CHECK_EQ(raw_fd_fdstat_set_rights(fd, R_ALL_FILE & ~R_FD_WRITE, 0), 0);
  CHECK_EQ(raw_fd_write(fd, P(w), 1, P(&n)), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_pwrite(fd, P(w), 1, 0, P(&n)), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_fdstat_set_rights(fd, R_ALL_FILE, 0), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_fdstat_set_rights(fd, R_FD_READ, 1), ENOTCAPABLE_); /* inheriting too */
  CHECK_EQ(raw_fd_fdstat_set_rights(fd, R_FD_READ, 0), 0);
  CHECK_EQ(raw_fd_fdstat_get(fd, P(&st)), 0);
  CHECK_EQ(st.base, R_FD_READ);
  CHECK_EQ(raw_fd_read(fd, P(r), 1, P(&n)), 0);
  CHECK_EQ(raw_fd_seek(fd, 0, 0, P(&pos)), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_tell(fd, P(&pos)), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_filestat_get(fd, P(&fs)), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_filestat_set_size(fd, 0), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_filestat_set_times(fd, 0, 0, 2), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_allocate(fd, 0, 1), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_advise(fd, 0, 0, 0), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_sync(fd), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_datasync(fd), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_fdstat_set_flags(fd, 1), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_readdir(fd, P(r2), 100, 0, P(&n)), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_close(fd), 0);
  CHECK_EQ(raw_fd_close(fd), EBADF_);
  CHECK_EQ(raw_fd_read(fd, P(r), 1, P(&n)), EBADF_);

  /* the sockets' functions on a file: not a socket, before any rights */
  fd = open_file("rw.txt", 0, R_ALL_FILE, 0);
  CHECK_EQ(raw_sock_shutdown(fd, 3), ENOTSOCK_);
  CHECK_EQ(raw_sock_accept(fd, 0, P(&n)), ENOTSOCK_);
  CHECK_EQ(raw_sock_shutdown(DIRFD, 3), ENOTSOCK_);
  CHECK_EQ(raw_sock_shutdown(1, 3), ENOTSOCK_); /* stdout: a pipe */
  CHECK_EQ(raw_sock_shutdown(99, 3), EBADF_);
  CHECK_EQ(raw_fd_close(fd), 0);
}

static void test_renumber(void) {
  int a = open_file("ra.txt", 1 | 8, R_ALL_FILE, 0);
  int b = open_file("rb.txt", 1 | 8, R_ALL_FILE, 0);
  CHECK(a > 0 && b > 0 && a != b);
  static char x[] = "A";
  iov w = {P(x), 1};
  uint32_t n;
  CHECK_EQ(raw_fd_renumber(a, b), 0);
  CHECK_EQ(raw_fd_write(b, P(&w), 1, P(&n)), 0); /* goes to ra.txt */
  fdstat st;
  CHECK_EQ(raw_fd_fdstat_get(a, P(&st)), EBADF_);
  filestat fs;
  int check = open_file("ra.txt", 0, R_ALL_FILE, 0);
  CHECK_EQ(raw_fd_filestat_get(check, P(&fs)), 0);
  CHECK_EQ(fs.size, 1);
  CHECK_EQ(check, a); /* the lowest free number is reused */
  CHECK_EQ(raw_fd_renumber(b, b), 0);
  CHECK_EQ(raw_fd_renumber(b, 200), EBADF_);
  CHECK_EQ(raw_fd_renumber(200, b), EBADF_);
  CHECK_EQ(raw_fd_fdstat_get(b, P(&st)), 0); /* still open after the failures */
  CHECK_EQ(raw_fd_close(b), 0);
  CHECK_EQ(raw_fd_close(check), 0);
}

static void test_stdio(void) {
  fdstat st;
  CHECK_EQ(raw_fd_fdstat_get(1, P(&st)), 0);
  CHECK(st.base & R_FD_WRITE);
  uint64_t pos;
  /* stdio is a stream: no seeking whatever is behind it */
  CHECK_EQ(raw_fd_seek(1, 0, 0, P(&pos)), ENOTCAPABLE_);
  static char msg[] = "to stderr\n";
  iov w = {P(msg), sizeof msg - 1};
  uint32_t n;
  CHECK_EQ(raw_fd_write(2, P(&w), 1, P(&n)), 0);
  CHECK_EQ(n, sizeof msg - 1);
}

int main(void) {
  test_prestat();
  test_rw();
  test_renumber();
  test_stdio();
  return checks_done();
}
