/*
 * resolve.c — sandboxed path resolution: a guest path, relative to a
 * directory descriptor, never reaches anything outside that directory.
 *
 * A path is split into a directory prefix and a final component. The
 * prefix is opened as an O_PATH directory descriptor in one of two ways:
 *   openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS): the kernel refuses
 *     absolute paths and symlinks, and any ".." above the base, atomically
 *     even against concurrent renames (it returns EAGAIN; we retry, and if
 *     renames elsewhere keep it failing, the walk answers that call);
 *   the walk: one openat(O_PATH | O_NOFOLLOW) per component. We hold a
 *     descriptor for every directory on the way, so ".." pops back to the
 *     directory we came from (never the kernel's ".."), and popping past
 *     the base is refused; a symlink is read from the descriptor we opened
 *     (readlinkat(fd, "")), so what we expand is what we looked at, and its
 *     target is spliced into the rest of the path (absolute targets are
 *     refused). A rename during the walk cannot move us outside: every
 *     step is relative to a descriptor already beneath the base.
 * The final component is handled here for both: it never contains '/'
 * (trailing slashes are stripped and remembered, because the kernel
 * follows a symlink before a trailing slash even under O_NOFOLLOW or
 * AT_SYMLINK_NOFOLLOW), it is never "..", and a final symlink is followed,
 * when asked, by resolving prefix/target again from the base with the same
 * rules. Callers then make one *at() call that follows nothing.
 *
 * For rmdir, rename and unlink (WASI_NOFOLLOW_SLASH) a trailing slash does
 * not follow a final symlink: "link/" is ENOTDIR, as on Linux, whatever the
 * link points to. Paths reach here shorter than WASI_PATH_MAX, and a final
 * symlink's target spliced in must keep them so (both resolvers alike).
 *
 * Refusals are ENOTCAPABLE (76), which is what the guest sees for
 * "outside the sandbox"; symlink chains longer than WASI_MAX_SYMLINKS are
 * ELOOP.
 */
#define _GNU_SOURCE
#include "wasi/wasi.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_openat2
#define SYS_openat2 437 /* the same number on every Linux architecture */
#endif

#define WASI_MAX_SYMLINKS 40
/* What the walk may hold with intermediate symlink targets spliced in: the
 * kernel's openat2 follows those itself, with no limit on their sum. */
#define WASI_MAX_SPLICED 65536

static char *dupstr(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = cw_malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

/* Reads a symlink's target as a new string; *err is a WASI errno. */
static char *read_link(int dirfd, const char *name, uint16_t *err) {
  char buf[PATH_MAX];
  ssize_t n = readlinkat(dirfd, name, buf, sizeof buf);
  if (n < 0) {
    *err = wasi_errno(errno);
    return NULL;
  }
  if ((size_t)n >= sizeof buf) {
    *err = WASI_ENAMETOOLONG;
    return NULL;
  }
  if (n == 0) {
    *err = WASI_ENOENT;
    return NULL;
  }
  if (buf[0] == '/') {
    *err = WASI_ENOTCAPABLE;
    return NULL;
  }
  char *s = cw_malloc((size_t)n + 1);
  if (!s) {
    *err = WASI_ENOMEM;
    return NULL;
  }
  memcpy(s, buf, (size_t)n);
  s[n] = '\0';
  return s;
}

/* a + b + c as a new string shorter than max, or NULL (ENAMETOOLONG /
 * ENOMEM in *err). */
static char *concat3(const char *a, const char *b, const char *c, size_t max, uint16_t *err) {
  size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
  if (la + lb + lc >= max) {
    *err = WASI_ENAMETOOLONG;
    return NULL;
  }
  char *s = cw_malloc(la + lb + lc + 1);
  if (!s) {
    *err = WASI_ENOMEM;
    return NULL;
  }
  memcpy(s, a, la);
  memcpy(s + la, b, lb);
  memcpy(s + la + lb, c, lc + 1);
  return s;
}

/* ---- openat2 ---------------------------------------------------------------- */

/* The prefix as an O_PATH directory beneath base; -1 with errno set. */
static int openat2_dir(int base, const char *path) {
  struct open_how how = {
      .flags = O_PATH | O_DIRECTORY | O_CLOEXEC,
      .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
  };
  for (int tries = 0;; tries++) {
    long r = syscall(SYS_openat2, base, path, &how, sizeof how);
    if (r >= 0) return (int)r;
    /* EAGAIN: a rename or mount raced with a ".." lookup; the kernel
     * refuses rather than risk an escape, and asks us to try again. */
    if (errno == EINTR || (errno == EAGAIN && tries < 64)) continue;
    return -1;
  }
}

/* ---- the walk ------------------------------------------------------------ */

typedef struct walk {
  int *stack; /* stack[i] owned; the current directory is the top, or base */
  size_t depth, cap;
} walk;

static void walk_pop(walk *wk) { close(wk->stack[--wk->depth]); }

static uint16_t walk_push(walk *wk, int fd) {
  if (wk->depth == wk->cap) {
    size_t n = wk->cap ? wk->cap * 2 : 8;
    int *bigger = cw_realloc_array(wk->stack, n, sizeof *bigger);
    if (!bigger) {
      close(fd);
      return WASI_ENOMEM;
    }
    wk->stack = bigger;
    wk->cap = n;
  }
  wk->stack[wk->depth++] = fd;
  return WASI_ESUCCESS;
}

/* Walks path from base one component at a time; *out is a new O_PATH
 * descriptor of the directory it names. */
static uint16_t walk_dir(int base, const char *path, int *links, int *out) {
  walk wk = {0};
  char *rest = dupstr(path); /* what is left to walk, symlink targets spliced in */
  uint16_t e = rest ? WASI_ESUCCESS : WASI_ENOMEM;
  const char *p = rest;
  while (e == WASI_ESUCCESS) {
    while (*p == '/')
      p++;
    if (!*p) break;
    size_t len = strcspn(p, "/");
    char comp[NAME_MAX + 1];
    if (len > NAME_MAX) {
      e = WASI_ENAMETOOLONG;
      break;
    }
    memcpy(comp, p, len);
    comp[len] = '\0';
    p += len;
    if (strcmp(comp, ".") == 0) continue;
    if (strcmp(comp, "..") == 0) {
      if (wk.depth == 0) {
        e = WASI_ENOTCAPABLE; /* above the base */
        break;
      }
      walk_pop(&wk);
      continue;
    }
    int cur = wk.depth ? wk.stack[wk.depth - 1] : base;
    int fd = openat(cur, comp, O_PATH | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
      e = wasi_errno(errno);
      if (fd >= 0) close(fd);
      break;
    }
    if (S_ISDIR(st.st_mode)) {
      e = walk_push(&wk, fd);
    } else if (S_ISLNK(st.st_mode)) {
      char *target = ++*links > WASI_MAX_SYMLINKS ? NULL : read_link(fd, "", &e);
      if (*links > WASI_MAX_SYMLINKS) e = WASI_ELOOP;
      close(fd);
      if (!target) break;
      char *spliced = concat3(target, "/", p, WASI_MAX_SPLICED, &e);
      cw_free(target);
      if (!spliced) break;
      cw_free(rest);
      rest = spliced;
      p = rest;
    } else {
      close(fd);
      e = WASI_ENOTDIR;
    }
  }
  cw_free(rest);
  if (e == WASI_ESUCCESS) {
    if (wk.depth == 0) {
      *out = openat(base, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
      if (*out < 0) e = wasi_errno(errno);
    } else {
      *out = wk.stack[--wk.depth];
    }
  }
  while (wk.depth)
    walk_pop(&wk);
  cw_free(wk.stack);
  return e;
}

/* ---- both ---------------------------------------------------------------- */

/* The prefix's symlinks are counted afresh on every call, as openat2
 * counts them: a final symlink followed makes wasi_resolve open prefix +
 * target again from the base, and counting the prefix's links once per
 * follow refused (ELOOP) paths the kernel resolves, e.g. "self/chain"
 * with self -> . and chain a 23-link chain. Final symlinks followed are
 * counted across calls by the caller; each walk counts its own. */
static uint16_t open_dir(cwasi_wasi *w, int base, const char *prefix, int *out) {
  if (w->resolve != CWASI_WASI_RESOLVE_WALK && !w->no_openat2) {
    int fd = openat2_dir(base, prefix);
    if (fd >= 0) {
      *out = fd;
      return WASI_ESUCCESS;
    }
    if (errno == EXDEV) return WASI_ENOTCAPABLE;
    /* EAGAIN after every retry: renames anywhere on the system (a busy
     * build) kept invalidating the ".." lookups. The walk needs no retry
     * (it holds a descriptor for every step), so it answers this one. */
    if (errno != ENOSYS && errno != EAGAIN) return wasi_errno(errno);
    if (errno == ENOSYS) w->no_openat2 = true; /* an old kernel: walk from now on */
  }
  int links = 0;
  return walk_dir(base, prefix, &links, out);
}

uint16_t wasi_resolve(cwasi_wasi *w, int base, const char *path, wasi_follow follow,
                      wasi_path *out) {
  if (!*path) return WASI_ENOENT;
  char *cur = dupstr(path);
  if (!cur) return WASI_ENOMEM;
  int links = 0;
  uint16_t e = WASI_ESUCCESS;
  for (;;) {
    if (cur[0] == '/') {
      e = WASI_ENOTCAPABLE; /* absolute paths name nothing beneath a preopen */
      break;
    }
    size_t n = strlen(cur);
    bool trailing = false;
    while (n > 0 && cur[n - 1] == '/')
      cur[--n] = '\0', trailing = true;

    char *slash = strrchr(cur, '/');
    char *last = slash ? slash + 1 : cur;
    bool self = strcmp(last, ".") == 0 || strcmp(last, "..") == 0;
    const char *prefix;
    if (self) {
      prefix = cur; /* the whole path names a directory: resolve all of it */
      last = ".";
      trailing = true;
    } else if (slash) {
      *slash = '\0';
      prefix = cur;
    } else {
      prefix = ".";
    }

    int dirfd = -1;
    if ((e = open_dir(w, base, prefix, &dirfd)) != WASI_ESUCCESS) break;
    struct stat st;
    bool exists = !self && fstatat(dirfd, last, &st, AT_SYMLINK_NOFOLLOW) == 0;
    bool slash_follows = trailing && follow != WASI_NOFOLLOW_SLASH;
    if (exists && S_ISLNK(st.st_mode) && (follow == WASI_FOLLOW || slash_follows)) {
      /* Follow the final symlink: resolve prefix/target from the base. */
      char *target = ++links > WASI_MAX_SYMLINKS ? NULL : read_link(dirfd, last, &e);
      if (links > WASI_MAX_SYMLINKS) e = WASI_ELOOP;
      close(dirfd);
      if (!target) break;
      char *next = concat3(slash ? prefix : "", slash ? "/" : "", target, WASI_PATH_MAX, &e);
      cw_free(target);
      if (next && trailing) {
        char *with_slash = concat3(next, "/", "", WASI_PATH_MAX, &e);
        cw_free(next);
        next = with_slash;
      }
      if (!next) break;
      cw_free(cur);
      cur = next;
      continue;
    }
    if (exists && trailing && !S_ISDIR(st.st_mode)) {
      close(dirfd);
      e = WASI_ENOTDIR;
      break;
    }
    out->dirfd = dirfd;
    out->dir_only = trailing;
    out->name = dupstr(last);
    if (!out->name) {
      close(dirfd);
      e = WASI_ENOMEM;
    }
    break;
  }
  cw_free(cur);
  return e;
}

void wasi_path_free(wasi_path *p) {
  if (p->dirfd >= 0) close(p->dirfd);
  cw_free(p->name);
  p->dirfd = -1;
  p->name = NULL;
}
