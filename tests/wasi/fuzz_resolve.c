/*
 * fuzz_resolve.c — libFuzzer target for the WASI path resolver
 * (src/wasi/resolve.c), both ways: openat2(RESOLVE_BENEATH) and the
 * O_NOFOLLOW walk (`make fuzz`, docs/fuzzing.md).
 *
 * A fixed tree is built once in a fresh temporary directory:
 *   out/secret                 a file outside the sandbox
 *   box/                       the preopen
 *     f.txt  a/  a/b/  a/b/c/  a/file  empty/
 *     lnk -> a                 dlnk -> a/b/     flnk -> f.txt
 *     up -> ..                 a/up2 -> ../..   abs -> /etc (and -> /)
 *     out -> ../out            a/b/back -> ../../a    self -> .
 *     loop1 <-> loop2          dangle -> nothing      chain0..chain42
 *     a/esc -> ../../out/secret                       long -> NAME_MAX 'x'
 * The input is a path (raw bytes, or tokens from a list of components and
 * separators, chosen by the first byte) and whether to follow a final
 * symlink. Each resolver must:
 *   - on success, give a directory descriptor that is the sandbox or one
 *     of the directories inside it, and a name that is one component,
 *     not "..", and (when following) not a symlink;
 *   - never succeed for an absolute path.
 * And the two must agree: the same errno, and on success the same
 * directory (device and inode) and name. Paths are kept below PATH_MAX,
 * where the kernel's limit for openat2 is not yet in play.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi/wasi.h"

#define REQUIRE(c)                                                                                 \
  do {                                                                                             \
    if (!(c)) {                                                                                    \
      fprintf(stderr, "fuzz_resolve: %s:%d: %s failed\n", __FILE__, __LINE__, #c);                 \
      abort();                                                                                     \
    }                                                                                              \
  } while (0)

/* The fixture: libFuzzer calls the target in one process, so it lives in
 * statics built on the first call (a harness, not the runtime). */
typedef struct fixture {
  int box; /* O_PATH descriptor of the sandbox */
  struct stat dirs[16];
  size_t ndirs;
  char root[64];
} fixture;

static fixture fx;

static void mk(const char *kind, const char *path, const char *target) {
  char p[PATH_MAX];
  snprintf(p, sizeof p, "%s/%s", fx.root, path);
  if (kind[0] == 'd') REQUIRE(mkdir(p, 0755) == 0);
  if (kind[0] == 'f') {
    int fd = open(p, O_CREAT | O_WRONLY | O_EXCL, 0644);
    REQUIRE(fd >= 0);
    close(fd);
  }
  if (kind[0] == 'l') REQUIRE(symlink(target, p) == 0);
}

/* Records every directory inside the sandbox (the sandbox included). */
static void collect_dirs(int dirfd) {
  struct stat st;
  REQUIRE(fstat(dirfd, &st) == 0);
  REQUIRE(fx.ndirs < CW_ARRAY_LEN(fx.dirs));
  fx.dirs[fx.ndirs++] = st;
  int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY);
  REQUIRE(fd >= 0);
  DIR *d = fdopendir(fd);
  REQUIRE(d);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_type != DT_DIR || e->d_name[0] == '.') continue;
    int sub = openat(dirfd, e->d_name, O_PATH | O_DIRECTORY | O_NOFOLLOW);
    REQUIRE(sub >= 0);
    collect_dirs(sub);
    close(sub);
  }
  closedir(d);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  CW_UNUSED(st), CW_UNUSED(flag), CW_UNUSED(ftw);
  return remove(path);
}

static void remove_fixture(void) { nftw(fx.root, remove_entry, 8, FTW_DEPTH | FTW_PHYS); }

static void build_fixture(void) {
  const char *tmp = getenv("TMPDIR");
  snprintf(fx.root, sizeof fx.root, "%s/cwasi-fuzz-resolve-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (strlen(fx.root) >= sizeof fx.root - 1 || !mkdtemp(fx.root)) {
    snprintf(fx.root, sizeof fx.root, "/tmp/cwasi-fuzz-resolve-XXXXXX");
    REQUIRE(mkdtemp(fx.root));
  }
  mk("d", "out", NULL);
  mk("f", "out/secret", NULL);
  mk("d", "box", NULL);
  mk("f", "box/f.txt", NULL);
  mk("d", "box/a", NULL);
  mk("d", "box/a/b", NULL);
  mk("d", "box/a/b/c", NULL);
  mk("f", "box/a/file", NULL);
  mk("d", "box/empty", NULL);
  mk("l", "box/lnk", "a");
  mk("l", "box/dlnk", "a/b/");
  mk("l", "box/flnk", "f.txt");
  mk("l", "box/up", "..");
  mk("l", "box/a/up2", "../..");
  mk("l", "box/abs", "/etc");
  mk("l", "box/root", "/");
  mk("l", "box/out", "../out");
  mk("l", "box/a/b/back", "../../a");
  mk("l", "box/self", ".");
  mk("l", "box/loop1", "loop2");
  mk("l", "box/loop2", "loop1");
  mk("l", "box/dangle", "nothing");
  mk("l", "box/a/esc", "../../out/secret");
  char name[NAME_MAX + 2], target[NAME_MAX + 2];
  for (int i = 0; i < 43; i++) { /* chain0 -> chain1 -> ... -> chain42 -> a */
    snprintf(name, sizeof name, "box/chain%d", i);
    snprintf(target, sizeof target, i < 42 ? "chain%d" : "a", i + 1);
    mk("l", name, target);
  }
  memset(target, 'x', NAME_MAX);
  target[NAME_MAX] = '\0';
  mk("l", "box/long", target);
  char p[PATH_MAX];
  snprintf(p, sizeof p, "%s/box", fx.root);
  fx.box = open(p, O_PATH | O_DIRECTORY);
  REQUIRE(fx.box >= 0);
  collect_dirs(fx.box);
  atexit(remove_fixture);
}

/* Components and separators the token mode strings together. */
static const char *const tokens[] = {
    "a",      "b",   "c",      "f.txt",   "file", "empty",  "lnk",     "dlnk",  "flnk",
    "up",     "up2", "abs",    "root",    "out",  "back",   "self",    "loop1", "loop2",
    "dangle", "esc", "chain0", "chain20", "long", "secret", "nothing", ".",     "..",
    "/",      "//",  "",       "etc",     "x",    "a/",     "../",     "./",    "box",
};

/* A path from the fuzz bytes; returns its length (< cap). */
static size_t make_path(const uint8_t *data, size_t size, char *buf, size_t cap) {
  size_t n = 0;
  if (size && data[0] & 1) { /* raw bytes; NUL ends it (the guest's copy refuses NULs) */
    for (size_t i = 1; i < size && n + 1 < cap && data[i]; i++)
      buf[n++] = (char)data[i];
  } else {
    for (size_t i = 1; i < size; i++) {
      uint8_t b = data[i];
      size_t k = b % (CW_ARRAY_LEN(tokens) + 2);
      const char *t;
      char lng[NAME_MAX + 2];
      if (k == CW_ARRAY_LEN(tokens)) { /* a component of NAME_MAX or NAME_MAX + 1 bytes */
        size_t len = NAME_MAX + (b >> 7);
        memset(lng, 'x', len);
        lng[len] = '\0';
        t = lng;
      } else if (k == CW_ARRAY_LEN(tokens) + 1) {
        t = "/";
      } else {
        t = tokens[k];
      }
      size_t len = strlen(t);
      if (n + len + 1 >= cap) break;
      memcpy(buf + n, t, len);
      n += len;
      /* Between two components a separator, unless the byte's top bit says glue. */
      if (k < CW_ARRAY_LEN(tokens) && !(b & 0x80) && n + 2 < cap && i + 1 < size) buf[n++] = '/';
    }
  }
  buf[n] = '\0';
  return n;
}

typedef struct outcome {
  uint16_t err;
  struct stat dir;
  char name[PATH_MAX]; /* the last component is not limited to NAME_MAX here */
  bool dir_only;
} outcome;

static void resolve_with(cwasi_wasi_resolve how, const char *path, bool follow, outcome *o) {
  cwasi_wasi w = {.resolve = how};
  wasi_path p = {.dirfd = -1};
  o->err = wasi_resolve(&w, fx.box, path, follow, &p);
  REQUIRE(!w.no_openat2); /* this kernel has openat2, else one resolver is tested twice */
  if (o->err != WASI_ESUCCESS) {
    REQUIRE(p.dirfd == -1 && p.name == NULL);
    return;
  }
  REQUIRE(p.dirfd >= 0 && p.name);
  REQUIRE(fstat(p.dirfd, &o->dir) == 0);
  bool inside = false;
  for (size_t i = 0; i < fx.ndirs; i++)
    inside |= fx.dirs[i].st_dev == o->dir.st_dev && fx.dirs[i].st_ino == o->dir.st_ino;
  if (!inside) fprintf(stderr, "fuzz_resolve: \"%s\" resolved outside the sandbox\n", path);
  REQUIRE(inside);
  REQUIRE(strchr(p.name, '/') == NULL && strcmp(p.name, "..") != 0 && p.name[0]);
  REQUIRE(strlen(p.name) < sizeof o->name);
  struct stat st;
  if (follow && fstatat(p.dirfd, p.name, &st, AT_SYMLINK_NOFOLLOW) == 0)
    REQUIRE(!S_ISLNK(st.st_mode));
  strcpy(o->name, p.name);
  o->dir_only = p.dir_only;
  wasi_path_free(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!fx.root[0]) build_fixture();
  char path[PATH_MAX - 1];
  make_path(data, size, path, sizeof path);
  bool follow = size && data[0] & 2;
  outcome a, b;
  resolve_with(CWASI_WASI_RESOLVE_OPENAT2, path, follow, &a);
  resolve_with(CWASI_WASI_RESOLVE_WALK, path, follow, &b);
  if (path[0] == '/') REQUIRE(a.err != WASI_ESUCCESS);
  /* An escape through a long symlink chain is a refusal either way, but
   * which one depends on the order of the checks: the walk refuses the
   * ".." above the base as soon as it gets there; the kernel's openat2
   * says EXDEV (ENOTCAPABLE) the first time and ELOOP on later calls for
   * the same path (Linux 6.18: "chain20/up2", 24 links, gives EXDEV, then
   * ELOOP), so the two may differ between these two refusals only. */
  bool both_refused = (a.err == WASI_ELOOP && b.err == WASI_ENOTCAPABLE) ||
                      (a.err == WASI_ENOTCAPABLE && b.err == WASI_ELOOP);
  if (both_refused) return 0;
  if (a.err != b.err)
    fprintf(stderr, "fuzz_resolve: \"%s\" (follow %d): openat2 errno %u, walk errno %u\n", path,
            follow, a.err, b.err);
  REQUIRE(a.err == b.err);
  if (a.err == WASI_ESUCCESS) {
    REQUIRE(a.dir.st_dev == b.dir.st_dev && a.dir.st_ino == b.dir.st_ino);
    REQUIRE(strcmp(a.name, b.name) == 0 && a.dir_only == b.dir_only);
  }
  return 0;
}
