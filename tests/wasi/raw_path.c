/*
 * raw_path.c — the path_* functions through raw imports: create/remove
 * directories, stat and set times (following symlinks or not), links,
 * symlinks and readlink (with truncation), rename, unlink, path_open's
 * oflags/fdflags/rights, bad pointers and bad strings.
 * Run with --dir DIR::/work (fd 3), DIR empty.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "raw.h"

enum {
  EBADF_ = 8,
  EEXIST_ = 20,
  EFAULT_ = 21,
  EILSEQ_ = 25,
  EINVAL_ = 28,
  EISDIR_ = 31,
  ELOOP_ = 32,
  ENAMETOOLONG_ = 37,
  ENOENT_ = 44,
  ENOTDIR_ = 54,
  ENOTEMPTY_ = 55,
  ENOTCAPABLE_ = 76,
};
#define DIRFD 3
#define R(n) (1ull << (n))
#define R_READ R(1)
#define R_WRITE R(6)
#define FOLLOW 1
enum { O_CREAT_ = 1, O_DIR_ = 2, O_EXCL_ = 4, O_TRUNC_ = 8 };

typedef struct {
  uint32_t buf, len;
} iov;
typedef struct {
  uint64_t dev, ino;
  uint8_t type, pad[7];
  uint64_t nlink, size, atim, mtim, ctim;
} filestat;
typedef struct {
  uint8_t type, pad;
  uint16_t flags;
  uint32_t pad2;
  uint64_t base, inheriting;
} fdstat;

static int open_at(int dirfd, int dirflags, const char *name, int oflags, uint64_t base,
                   int fdflags) {
  int fd = -1;
  int r = raw_path_open(dirfd, dirflags, S(name), oflags, (int64_t)base, 0, fdflags, P(&fd));
  return r ? -r : fd;
}

static int write_file(const char *name, const char *text) {
  int fd = open_at(DIRFD, 0, name, O_CREAT_ | O_TRUNC_, R_READ | R_WRITE, 0);
  if (fd < 0) return fd;
  iov v = {P(text), (uint32_t)strlen(text)};
  uint32_t n;
  raw_fd_write(fd, P(&v), 1, P(&n));
  raw_fd_close(fd);
  return 0;
}

static uint64_t size_of(const char *name) {
  filestat st;
  return raw_path_filestat_get(DIRFD, 0, S(name), P(&st)) == 0 ? st.size : (uint64_t)-1;
}

static void test_dirs(void) {
  filestat st;
  CHECK_EQ(raw_path_create_directory(DIRFD, S("dir")), 0);
  CHECK_EQ(raw_path_create_directory(DIRFD, S("dir")), EEXIST_);
  CHECK_EQ(raw_path_create_directory(DIRFD, S("dir/sub/")), 0); /* trailing slash is fine */
  CHECK_EQ(raw_path_create_directory(DIRFD, S("nope/sub")), ENOENT_);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("dir"), P(&st)), 0);
  CHECK_EQ(st.type, 3);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("dir/sub/.."), P(&st)), 0);
  CHECK_EQ(st.type, 3);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("."), P(&st)), 0);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("dir//sub/./"), P(&st)), 0);
  CHECK_EQ(raw_path_remove_directory(DIRFD, S("dir")), ENOTEMPTY_);
  CHECK_EQ(raw_path_remove_directory(DIRFD, S("dir/sub/")), 0);
  CHECK_EQ(write_file("dir/file", "x"), 0);
  CHECK_EQ(raw_path_remove_directory(DIRFD, S("dir/file")), ENOTDIR_);
  CHECK_EQ(raw_path_unlink_file(DIRFD, S("dir")), EISDIR_);
  CHECK_EQ(raw_path_unlink_file(DIRFD, S("dir/")), EISDIR_);
  CHECK_EQ(raw_path_unlink_file(DIRFD, S("dir/file/")), ENOTDIR_);
  CHECK_EQ(raw_path_unlink_file(DIRFD, S("dir/file")), 0);
  CHECK_EQ(raw_path_unlink_file(DIRFD, S("dir/file")), ENOENT_);
  CHECK_EQ(raw_path_remove_directory(DIRFD, S("dir")), 0);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("dir"), P(&st)), ENOENT_);
}

static void test_bad_args(void) {
  filestat st;
  static const char nul[] = "a\0b", bad_utf8[] = "caf\xC3";
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, P(""), 0, P(&st)), ENOENT_);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, P(nul), 3, P(&st)), EINVAL_);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, P(bad_utf8), 4, P(&st)), EILSEQ_);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, MEM_END - 1, 2, P(&st)), EFAULT_);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("."), MEM_END - 8), EFAULT_);
  CHECK_EQ(raw_path_create_directory(DIRFD, -4, 8), EFAULT_);
  CHECK_EQ(raw_path_filestat_get(99, 0, S("."), P(&st)), EBADF_);
  CHECK_EQ(raw_path_filestat_get(1, 0, S("."), P(&st)), ENOTCAPABLE_); /* stdout: no path rights */
  int fd;
  CHECK_EQ(raw_path_open(DIRFD, 0, S("x"), 1, R_READ, 0, 0, MEM_END - 3), EFAULT_);
  CHECK_EQ(raw_path_open(DIRFD, 0, S("x"), 0x10, R_READ, 0, 0, P(&fd)), EINVAL_);
  CHECK_EQ(size_of("x"), (uint64_t)-1); /* nothing was created */
}

static void test_links(void) {
  filestat st, st2;
  CHECK_EQ(write_file("target.txt", "0123456789"), 0);
  CHECK_EQ(raw_path_symlink(S("target.txt"), DIRFD, S("sl")), 0);
  CHECK_EQ(raw_path_symlink(S("target.txt"), DIRFD, S("sl")), EEXIST_);
  CHECK_EQ(raw_path_symlink(S("target.txt"), DIRFD, S("newsl/")), ENOENT_);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("sl"), P(&st)), 0);
  CHECK_EQ(st.type, 7);
  CHECK_EQ(raw_path_filestat_get(DIRFD, FOLLOW, S("sl"), P(&st)), 0);
  CHECK_EQ(st.type, 4);
  CHECK_EQ(st.size, 10);
  char buf[32];
  uint32_t used = 0;
  CHECK_EQ(raw_path_readlink(DIRFD, S("sl"), P(buf), sizeof buf, P(&used)), 0);
  CHECK(used == 10 && memcmp(buf, "target.txt", 10) == 0);
  CHECK_EQ(raw_path_readlink(DIRFD, S("sl"), P(buf), 3, P(&used)), 0);
  CHECK(used == 3 && memcmp(buf, "tar", 3) == 0);
  CHECK_EQ(raw_path_readlink(DIRFD, S("target.txt"), P(buf), sizeof buf, P(&used)), EINVAL_);
  CHECK_EQ(raw_path_readlink(DIRFD, S("sl"), MEM_END - 2, 4, P(&used)), EFAULT_);
  CHECK_EQ(raw_path_readlink(DIRFD, S("sl"), P(buf), 4, MEM_END), EFAULT_);

  /* opening a symlink: followed with the flag, ELOOP without */
  CHECK_EQ(open_at(DIRFD, 0, "sl", 0, R_READ, 0), -ELOOP_);
  int fd = open_at(DIRFD, FOLLOW, "sl", 0, R_READ, 0);
  CHECK(fd > 0);
  raw_fd_close(fd);

  /* times through a symlink */
  CHECK_EQ(raw_path_filestat_set_times(DIRFD, FOLLOW, S("sl"), 0, 5000000000ll, 4), 0);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("target.txt"), P(&st)), 0);
  CHECK_EQ(st.mtim, 5000000000ll);
  CHECK_EQ(raw_path_filestat_set_times(DIRFD, 0, S("sl"), 0, 7000000000ll, 4), 0);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("sl"), P(&st)), 0);
  CHECK_EQ(st.mtim, 7000000000ll); /* the link itself */
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("target.txt"), P(&st)), 0);
  CHECK_EQ(st.mtim, 5000000000ll);
  CHECK_EQ(raw_path_filestat_set_times(DIRFD, 0, S("sl"), 0, 0, 4 | 8), EINVAL_);

  /* hard links */
  CHECK_EQ(raw_path_link(DIRFD, 0, S("target.txt"), DIRFD, S("hl")), 0);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("hl"), P(&st)), 0);
  CHECK_EQ(st.nlink, 2);
  CHECK_EQ(raw_path_link(DIRFD, 0, S("target.txt"), DIRFD, S("hl")), EEXIST_);
  CHECK_EQ(raw_path_link(DIRFD, 0, S("sl"), DIRFD, S("hl_of_link")), 0);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("hl_of_link"), P(&st2)), 0);
  CHECK_EQ(st2.type, 7); /* without FOLLOW the link itself is linked */
  CHECK_EQ(raw_path_link(DIRFD, FOLLOW, S("sl"), DIRFD, S("hl_followed")), 0);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("hl_followed"), P(&st2)), 0);
  CHECK_EQ(st2.type, 4);
  CHECK_EQ(st2.ino, st.ino);

  /* rename */
  CHECK_EQ(raw_path_rename(DIRFD, S("hl"), DIRFD, S("hl2")), 0);
  CHECK_EQ(size_of("hl"), (uint64_t)-1);
  CHECK_EQ(size_of("hl2"), 10);
  CHECK_EQ(raw_path_rename(DIRFD, S("hl2"), DIRFD, S("hl3/")), ENOTDIR_);
  CHECK_EQ(raw_path_rename(DIRFD, S("missing"), DIRFD, S("x")), ENOENT_);
  CHECK_EQ(raw_path_create_directory(DIRFD, S("rd")), 0);
  CHECK_EQ(raw_path_rename(DIRFD, S("rd/"), DIRFD, S("rd2/")), 0);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("rd2"), P(&st)), 0);
  CHECK_EQ(raw_path_rename(DIRFD, S("sl"), DIRFD, S("rd2/sl")), 0); /* moves the link */
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("rd2/sl"), P(&st)), 0);
  CHECK_EQ(st.type, 7);
  CHECK_EQ(raw_path_unlink_file(DIRFD, S("rd2/sl")), 0);
  CHECK_EQ(raw_path_unlink_file(DIRFD, S("hl2")), 0);
  CHECK_EQ(raw_path_unlink_file(DIRFD, S("hl_of_link")), 0);
  CHECK_EQ(raw_path_unlink_file(DIRFD, S("hl_followed")), 0);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("target.txt"), P(&st)), 0);
  CHECK_EQ(st.nlink, 1);

  /* symlink chains and loops */
  CHECK_EQ(raw_path_symlink(S("loop"), DIRFD, S("loop")), 0);
  CHECK_EQ(raw_path_filestat_get(DIRFD, FOLLOW, S("loop"), P(&st)), ELOOP_);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("loop/x"), P(&st)), ELOOP_);
  CHECK_EQ(raw_path_symlink(S("rd2"), DIRFD, S("todir")), 0);
  CHECK_EQ(raw_path_symlink(S("../target.txt"), DIRFD, S("rd2/up")), 0);
  CHECK_EQ(raw_path_filestat_get(DIRFD, FOLLOW, S("todir/up"), P(&st)), 0);
  CHECK_EQ(st.size, 10);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("todir/"), P(&st)), 0); /* slash follows */
  CHECK_EQ(st.type, 3);
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("todir/../target.txt"), P(&st)), 0);
  CHECK_EQ(raw_path_symlink(S("target.txt/"), DIRFD, S("slashy")), 0);
  CHECK_EQ(raw_path_filestat_get(DIRFD, FOLLOW, S("slashy"), P(&st)), ENOTDIR_);
  CHECK_EQ(raw_path_symlink(S("/etc/passwd"), DIRFD, S("abs")), ENOTCAPABLE_);
}

static void test_open(void) {
  CHECK_EQ(write_file("o.txt", "abcdef"), 0);
  CHECK_EQ(open_at(DIRFD, 0, "o.txt", O_CREAT_ | O_EXCL_, R_READ, 0), -EEXIST_);
  CHECK_EQ(open_at(DIRFD, 0, "o.txt", O_DIR_, R_READ, 0), -ENOTDIR_);
  CHECK_EQ(open_at(DIRFD, 0, "o.txt/", 0, R_READ, 0), -ENOTDIR_);
  CHECK_EQ(open_at(DIRFD, 0, "missing", 0, R_READ, 0), -ENOENT_);
  CHECK_EQ(open_at(DIRFD, 0, "newdir/", O_CREAT_, R_READ, 0), -EISDIR_);
  /* O_TRUNC is the directory's path_filestat_set_size right (as the witx
   * and Wasmtime have it), whatever rights the new descriptor asks for */
  int tfd = open_at(DIRFD, 0, "o.txt", O_TRUNC_, 0, 0);
  CHECK(tfd > 0);
  raw_fd_close(tfd);
  CHECK_EQ(size_of("o.txt"), 0);
  CHECK_EQ(write_file("o.txt", "abcdef"), 0);
  tfd = open_at(DIRFD, 0, "o.txt", O_TRUNC_, R_READ, 0);
  CHECK(tfd > 0);
  raw_fd_close(tfd);
  CHECK_EQ(size_of("o.txt"), 0);
  CHECK_EQ(write_file("o.txt", "abcdef"), 0);
  CHECK_EQ(size_of("o.txt"), 6);
  /* a directory: not for writing, not created or truncated by path_open */
  CHECK_EQ(open_at(DIRFD, 0, ".", O_DIR_, R_WRITE, 0), -EISDIR_);
  CHECK_EQ(open_at(DIRFD, 0, ".", O_DIR_, R_READ | R_WRITE, 0), -EISDIR_);
  CHECK_EQ(open_at(DIRFD, 0, "nd2", O_DIR_ | O_CREAT_, R_READ, 0), -EINVAL_);
  CHECK_EQ(open_at(DIRFD, 0, ".", O_DIR_ | O_TRUNC_, R_READ, 0), -EINVAL_);
  CHECK_EQ(size_of("nd2"), (uint64_t)-1);
  tfd = open_at(DIRFD, 0, ".", O_DIR_, R_READ | R(14), 0); /* what opendir() asks */
  CHECK(tfd > 0);
  raw_fd_close(tfd);
  /* rights beyond what the directory may hand down */
  fdstat pre;
  CHECK_EQ(raw_fd_fdstat_get(DIRFD, P(&pre)), 0);
  int fd;
  CHECK_EQ(raw_path_open(DIRFD, 0, S("o.txt"), 0, (int64_t)R(30), 0, 0, P(&fd)), ENOTCAPABLE_);
  CHECK_EQ(raw_path_open(DIRFD, 0, S("o.txt"), 0, R_READ, (int64_t)R(30), 0, P(&fd)), ENOTCAPABLE_);
  /* sync fdflags need no rights (as in Wasmtime): dsync 2, rsync 8, sync 16 */
  fdstat st;
  static const int syncs[] = {2, 8, 16, 2 | 16, 8 | 16};
  for (unsigned i = 0; i < sizeof syncs / sizeof syncs[0]; i++) {
    fd = open_at(DIRFD, 0, "o.txt", 0, R_READ, syncs[i]);
    CHECK(fd > 0);
    CHECK_EQ(raw_fd_fdstat_get(fd, P(&st)), 0);
    CHECK((st.flags & 26) != 0); /* Linux folds rsync into sync, dsync into sync */
    raw_fd_close(fd);
  }
  fd = open_at(DIRFD, 0, "o.txt", 0, R_READ | R(4), 16);
  CHECK(fd > 0);
  CHECK_EQ(raw_fd_fdstat_get(fd, P(&st)), 0);
  CHECK_EQ(st.flags, 16);
  raw_fd_close(fd);

  /* read-only and write-only descriptors */
  fd = open_at(DIRFD, 0, "o.txt", 0, R_READ, 0);
  CHECK(fd > 0);
  CHECK_EQ(raw_fd_fdstat_get(fd, P(&st)), 0);
  CHECK_EQ(st.base, R_READ); /* exactly what was asked */
  char buf[8];
  iov v = {P(buf), sizeof buf};
  uint32_t n;
  CHECK_EQ(raw_fd_write(fd, P(&v), 1, P(&n)), ENOTCAPABLE_);
  CHECK_EQ(raw_fd_read(fd, P(&v), 1, P(&n)), 0);
  CHECK_EQ(n, 6);
  raw_fd_close(fd);
  fd = open_at(DIRFD, 0, "o.txt", 0, R_WRITE, 1); /* append */
  CHECK(fd > 0);
  CHECK_EQ(raw_fd_read(fd, P(&v), 1, P(&n)), ENOTCAPABLE_);
  static char g[] = "gh";
  iov w = {P(g), 2};
  CHECK_EQ(raw_fd_write(fd, P(&w), 1, P(&n)), 0);
  CHECK_EQ(raw_fd_fdstat_get(fd, P(&st)), 0);
  CHECK_EQ(st.flags, 1);
  raw_fd_close(fd);
  CHECK_EQ(size_of("o.txt"), 8);
  fd = open_at(DIRFD, 0, "o.txt", O_TRUNC_, R_WRITE, 0);
  CHECK(fd > 0);
  raw_fd_close(fd);
  CHECK_EQ(size_of("o.txt"), 0);
  CHECK_EQ(write_file("o.txt", "abcdef"), 0);

  /* a directory descriptor only carries directory rights */
  fd = open_at(DIRFD, 0, ".", O_DIR_, pre.base, 0);
  CHECK(fd > 0);
  CHECK_EQ(raw_fd_fdstat_get(fd, P(&st)), 0);
  CHECK_EQ(st.type, 3);
  CHECK_EQ(st.base, pre.base);
  CHECK_EQ(st.inheriting, 0);
  /* ... and hands down nothing it did not get */
  CHECK_EQ(open_at(fd, 0, "o.txt", 0, R_READ, 0), -ENOTCAPABLE_);
  raw_fd_close(fd);
  /* path functions on a file descriptor */
  fd = open_at(DIRFD, 0, "o.txt", 0, R_READ, 0);
  CHECK(raw_path_create_directory(fd, S("x")) != 0);
  raw_fd_close(fd);

  /* dropping the directory's rights takes the path functions away */
  CHECK_EQ(raw_fd_fdstat_set_rights(DIRFD, (int64_t)(pre.base & ~R(10)), (int64_t)pre.inheriting),
           0);
  CHECK_EQ(open_at(DIRFD, 0, "new.txt", O_CREAT_, R_READ, 0), -ENOTCAPABLE_);
  CHECK_EQ(size_of("new.txt"), (uint64_t)-1);
  CHECK_EQ(raw_fd_fdstat_set_rights(DIRFD,
                                    (int64_t)(pre.base & ~(R(10) | R(19) | R(9) | R(24) | R(26))),
                                    (int64_t)pre.inheriting),
           0);
  /* without path_filestat_set_size, no O_TRUNC even with every file right */
  CHECK_EQ(open_at(DIRFD, 0, "o.txt", O_TRUNC_, R_WRITE, 0), -ENOTCAPABLE_);
  CHECK_EQ(open_at(DIRFD, 0, "o.txt", O_TRUNC_, 0, 0), -ENOTCAPABLE_);
  CHECK_EQ(raw_path_create_directory(DIRFD, S("nd")), ENOTCAPABLE_);
  CHECK_EQ(raw_path_symlink(S("x"), DIRFD, S("ns")), ENOTCAPABLE_);
  CHECK_EQ(raw_path_unlink_file(DIRFD, S("o.txt")), ENOTCAPABLE_);
  CHECK_EQ(size_of("o.txt"), 6);
}

static bool exists(const char *name) {
  filestat st;
  return raw_path_filestat_get(DIRFD, 0, S(name), P(&st)) == 0;
}

/* "link/" where link is a symlink: rmdir, rename and unlink never follow
 * it (Linux says ENOTDIR, whatever it points to); open and stat do. */
static void test_slash_links(void) {
  CHECK_EQ(raw_path_create_directory(DIRFD, S("sd")), 0);
  CHECK_EQ(raw_path_create_directory(DIRFD, S("sd2")), 0);
  CHECK_EQ(raw_path_symlink(S("sd"), DIRFD, S("sdl")), 0);
  CHECK_EQ(raw_path_symlink(S("sd2"), DIRFD, S("sdl2")), 0);
  CHECK_EQ(raw_path_symlink(S("nowhere"), DIRFD, S("dangling")), 0);
  CHECK_EQ(raw_path_symlink(S("../.."), DIRFD, S("upl")), 0);
  CHECK_EQ(raw_path_remove_directory(DIRFD, S("sdl/")), ENOTDIR_);
  CHECK_EQ(raw_path_remove_directory(DIRFD, S("sdl//")), ENOTDIR_);
  CHECK_EQ(raw_path_remove_directory(DIRFD, S("dangling/")), ENOTDIR_);
  CHECK_EQ(raw_path_remove_directory(DIRFD, S("upl/")), ENOTDIR_);
  CHECK_EQ(raw_path_remove_directory(DIRFD, S("sdl")), ENOTDIR_);
  CHECK(exists("sd") && exists("sdl"));
  CHECK_EQ(raw_path_rename(DIRFD, S("sdl/"), DIRFD, S("moved")), ENOTDIR_);
  CHECK_EQ(raw_path_rename(DIRFD, S("sd"), DIRFD, S("sdl2/")), ENOTDIR_);
  CHECK_EQ(raw_path_rename(DIRFD, S("dangling/"), DIRFD, S("moved")), ENOTDIR_);
  CHECK(exists("sd") && exists("sd2") && !exists("moved"));
  CHECK_EQ(raw_path_unlink_file(DIRFD, S("sdl/")), ENOTDIR_);
  CHECK_EQ(raw_path_unlink_file(DIRFD, S("sd/")), EISDIR_);
  CHECK_EQ(raw_path_unlink_file(DIRFD, S("nothing/")), ENOENT_);
  CHECK(exists("sdl"));
  /* open and stat follow "link/" */
  filestat st;
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, S("sdl/"), P(&st)), 0);
  CHECK_EQ(st.type, 3);
  int fd = open_at(DIRFD, 0, "sdl/", O_DIR_, R_READ, 0);
  CHECK(fd > 0);
  raw_fd_close(fd);
  /* a real directory with a slash still goes */
  CHECK_EQ(raw_path_rename(DIRFD, S("sd2/"), DIRFD, S("sd3/")), 0);
  CHECK_EQ(raw_path_remove_directory(DIRFD, S("sd3/")), 0);
  CHECK(!exists("sd3"));
  static const char *const links[] = {"sdl", "sdl2", "dangling", "upl"};
  for (unsigned i = 0; i < 4; i++)
    CHECK_EQ(raw_path_unlink_file(DIRFD, S(links[i])), 0);
  CHECK_EQ(raw_path_remove_directory(DIRFD, S("sd")), 0);
}

/* Paths are capped at 4095 bytes, checked before any copy; the same on
 * both resolvers (this guest runs under each). */
static void test_long_paths(void) {
  enum { BIG = 16 << 20 };
  static char path[4200];
  char *big = malloc(BIG);
  CHECK(big != NULL);
  if (!big) return;
  CHECK_EQ(write_file("lp.txt", "long"), 0);
  /* ".///...///lp.txt" of 4095 bytes resolves; of 4096, too long */
  for (size_t len = 4094; len <= 4096; len++) {
    path[0] = '.';
    memset(path + 1, '/', len - 7);
    memcpy(path + len - 6, "lp.txt", 6);
    filestat st;
    CHECK_EQ(raw_path_filestat_get(DIRFD, 0, P(path), (I)len, P(&st)),
             len < 4096 ? 0 : ENAMETOOLONG_);
    CHECK(len == 4096 || st.size == 4);
  }
  /* 16 MiB: refused at once, for every path function */
  memset(big, 'a', BIG);
  filestat st;
  int fd;
  CHECK_EQ(raw_path_filestat_get(DIRFD, 0, P(big), BIG, P(&st)), ENAMETOOLONG_);
  CHECK_EQ(raw_path_open(DIRFD, 0, P(big), BIG, 1, R_READ, 0, 0, P(&fd)), ENAMETOOLONG_);
  CHECK_EQ(raw_path_create_directory(DIRFD, P(big), BIG), ENAMETOOLONG_);
  CHECK_EQ(raw_path_symlink(P(big), BIG, DIRFD, S("bigl")), ENAMETOOLONG_);
  CHECK_EQ(raw_path_rename(DIRFD, S("lp.txt"), DIRFD, P(big), BIG), ENAMETOOLONG_);
  /* ... even where the bytes are not all in memory */
  CHECK_EQ(raw_path_unlink_file(DIRFD, MEM_END - 16, (I)0xFFFFFFF0u), ENAMETOOLONG_);
  free(big);
  CHECK_EQ(raw_path_unlink_file(DIRFD, S("lp.txt")), 0);
}

int main(void) {
  test_dirs();
  test_bad_args();
  test_links();
  test_slash_links();
  test_long_paths();
  test_open(); /* last: it drops the directory's rights */
  return checks_done();
}
