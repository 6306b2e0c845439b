/*
 * raw_dir.c — fd_readdir: "." and "..", types, inode numbers, the exact
 * truncation rule (bufused == buf_len when the buffer is full, the last
 * entry cut), cookies that resume correctly and keep working when entries
 * are added and removed between calls. Run with --dir DIR::/work (fd 3),
 * DIR empty.
 */
#include <stdbool.h>
#include <string.h>

#include "check.h"
#include "raw.h"

enum { EFAULT_ = 21, ENOTDIR_ = 54, ENOTCAPABLE_ = 76 };
#define DIRFD 3
#define MAXE 64

typedef struct entry {
  uint64_t next, ino;
  uint32_t namlen;
  uint8_t type;
  char name[64];
} entry;

static int open_at(int dirfd, const char *name, int oflags, uint64_t base) {
  int fd = -1;
  int r = raw_path_open(dirfd, 0, S(name), oflags, (int64_t)base, 0, 0, P(&fd));
  return r ? -r : fd;
}

/* Opens a directory with the preopen's own rights. */
static int open_dir(const char *name) {
  struct {
    uint8_t type, pad;
    uint16_t flags;
    uint32_t pad2;
    uint64_t base, inheriting;
  } st;
  CHECK_EQ(raw_fd_fdstat_get(DIRFD, P(&st)), 0);
  int fd = -1;
  int r = raw_path_open(DIRFD, 0, S(name), 2, (int64_t)st.base, (int64_t)st.inheriting, 0, P(&fd));
  return r ? -r : fd;
}

static void touch(int dirfd, const char *name) {
  int fd = open_at(dirfd, name, 1, 0x40 | 0x2);
  CHECK(fd > 0);
  raw_fd_close(fd);
}

/* Parses a readdir buffer; entries cut at the end are not returned. */
static int parse(const uint8_t *buf, uint32_t used, entry *out, int max) {
  int n = 0;
  uint32_t pos = 0;
  while (pos + 24 <= used && n < max) {
    entry *e = &out[n];
    memcpy(&e->next, buf + pos, 8);
    memcpy(&e->ino, buf + pos + 8, 8);
    memcpy(&e->namlen, buf + pos + 16, 4);
    e->type = buf[pos + 20];
    if (pos + 24 + e->namlen > used || e->namlen >= sizeof e->name) break;
    memcpy(e->name, buf + pos + 24, e->namlen);
    e->name[e->namlen] = '\0';
    pos += 24 + e->namlen;
    n++;
  }
  return n;
}

static int list(int fd, uint64_t cookie, entry *out) {
  static uint8_t buf[8192];
  uint32_t used = 0;
  CHECK_EQ(raw_fd_readdir(fd, P(buf), sizeof buf, (int64_t)cookie, P(&used)), 0);
  CHECK(used < sizeof buf);
  return parse(buf, used, out, MAXE);
}

static const entry *find(const entry *e, int n, const char *name) {
  for (int i = 0; i < n; i++)
    if (strcmp(e[i].name, name) == 0) return &e[i];
  return NULL;
}

int main(void) {
  uint32_t used;
  CHECK_EQ(raw_path_create_directory(DIRFD, S("d")), 0);
  int d = open_dir("d");
  CHECK(d > 0);
  const char *names[] = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot"};
  for (int i = 0; i < 6; i++)
    touch(d, names[i]);
  CHECK_EQ(raw_path_create_directory(d, S("sub")), 0);

  entry all[MAXE];
  int n = list(d, 0, all);
  CHECK_EQ(n, 9);
  const entry *dot = find(all, n, "."), *dotdot = find(all, n, ".."), *sub = find(all, n, "sub");
  CHECK(dot && dot->type == 3);
  CHECK(dotdot && dotdot->type == 3);
  CHECK(sub && sub->type == 3);
  const entry *al = find(all, n, "alpha");
  CHECK(al && al->type == 4 && al->namlen == 5);
  struct {
    uint64_t dev, ino;
    uint8_t type, pad[7];
    uint64_t rest[5];
  } fs;
  CHECK_EQ(raw_path_filestat_get(d, 0, S("alpha"), P(&fs)), 0);
  CHECK(al && al->ino == fs.ino);
  /* cookie 0 starts over */
  entry again[MAXE];
  CHECK_EQ(list(d, 0, again), 9);

  /* each entry's d_next resumes right after it */
  for (int i = 0; i < n; i++) {
    entry rest[MAXE];
    int m = list(d, all[i].next, rest);
    CHECK_EQ(m, n - i - 1);
    if (m > 0) CHECK(strcmp(rest[0].name, all[i + 1].name) == 0);
  }

  /* truncation: a buffer that ends inside an entry is filled completely */
  static uint8_t small[30];
  memset(small, 0xAA, sizeof small);
  CHECK_EQ(raw_fd_readdir(d, P(small), 30, 0, P(&used)), 0);
  CHECK_EQ(used, 30); /* 24 + 6 bytes of name: full means "maybe more" */
  entry first;
  memcpy(&first.namlen, small + 16, 4);
  CHECK_EQ(first.namlen, all[0].namlen);
  CHECK(memcmp(small + 24, all[0].name, all[0].namlen < 6 ? all[0].namlen : 6) == 0);
  CHECK_EQ(raw_fd_readdir(d, P(small), 10, 0, P(&used)), 0);
  CHECK_EQ(used, 10); /* not even a whole header */
  CHECK_EQ(raw_fd_readdir(d, P(small), 0, 0, P(&used)), 0);
  CHECK_EQ(used, 0);

  /* cookies survive entries added and removed between calls: from the
   * cookie after entry k, everything after k that still exists comes back,
   * nothing before k comes back */
  int k = 4;
  uint64_t cookie = all[k].next;
  const char *gone_before = NULL, *gone_after = NULL;
  for (int i = 0; i < n; i++) {
    if (all[i].type != 4) continue;
    if (i < k && !gone_before) gone_before = all[i].name;
    if (i > k + 1 && !gone_after) gone_after = all[i].name;
  }
  CHECK(gone_before && gone_after);
  CHECK_EQ(raw_path_unlink_file(d, S(gone_before)), 0);
  CHECK_EQ(raw_path_unlink_file(d, S(gone_after)), 0);
  touch(d, "new1");
  touch(d, "new2");
  entry rest[MAXE];
  int m = list(d, cookie, rest);
  for (int i = k + 1; i < n; i++) {
    bool removed = strcmp(all[i].name, gone_after) == 0;
    CHECK((find(rest, m, all[i].name) != NULL) == !removed);
  }
  for (int i = 0; i <= k; i++)
    CHECK(find(rest, m, all[i].name) == NULL);
  for (int i = 0; i < m; i++)
    CHECK(find(all, n, rest[i].name) || strncmp(rest[i].name, "new", 3) == 0);

  /* errors */
  CHECK_EQ(raw_fd_readdir(d, MEM_END - 10, 20, 0, P(&used)), EFAULT_);
  CHECK_EQ(raw_fd_readdir(d, P(small), 30, 0, MEM_END - 2), EFAULT_);
  CHECK_EQ(raw_fd_readdir(1, P(small), 30, 0, P(&used)), ENOTCAPABLE_);
  int f = open_at(d, "bravo", 0, 0x2 | 0x4000);
  CHECK(f > 0);
  CHECK(raw_fd_readdir(f, P(small), 30, 0, P(&used)) != 0);
  raw_fd_close(f);
  int nodir = open_at(DIRFD, "d", 2, 0x2000); /* path_open only, no readdir */
  CHECK_EQ(raw_fd_readdir(nodir, P(small), 30, 0, P(&used)), ENOTCAPABLE_);
  raw_fd_close(nodir);
  CHECK_EQ(open_at(DIRFD, "d/alpha", 2, 0x2), -ENOTDIR_);
  return checks_done();
}
