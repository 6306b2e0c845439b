/*
 * path.c — the path_* functions. Each checks the directory descriptor's
 * rights, resolves the guest path with wasi_resolve() (never leaving the
 * directory), then makes exactly one *at() call on the resolved directory
 * and final name that follows no symlink.
 */
#define _GNU_SOURCE
#include "wasi/wasi.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

/* Reads the guest path and resolves it beneath directory fd `fd` holding
 * `rights`. On success p must be freed with wasi_path_free. */
static uint16_t resolve_arg(wasi_call *c, uint32_t fd, uint64_t rights, uint32_t ptr, uint32_t len,
                            wasi_follow follow, wasi_path *p) {
  wasi_fd *dir;
  char *path;
  p->dirfd = -1;
  p->name = NULL;
  uint16_t e = wasi_fd_get(c->w, fd, rights, &dir);
  if (e) return e;
  if (dir->type != WASI_FILETYPE_DIRECTORY) return WASI_ENOTDIR;
  if ((e = wasi_read_path(c, ptr, len, &path))) return e;
  e = wasi_resolve(c->w, dir->host, path, follow, p);
  cw_free(path);
  return e;
}

static uint16_t result(int r) { return r == 0 ? WASI_ESUCCESS : wasi_errno(errno); }

/* Creating a non-directory under a name written with a trailing slash:
 * EEXIST if something is there, else ENOENT, as Linux answers. */
static uint16_t trailing_slash_create(const wasi_path *p) {
  struct stat st;
  return fstatat(p->dirfd, p->name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? WASI_EEXIST : WASI_ENOENT;
}

WASI_FN(path_create_directory) {
  wasi_path p;
  uint16_t e = resolve_arg(c, wasi_arg32(a, 0), WASI_RIGHT_PATH_CREATE_DIRECTORY, wasi_arg32(a, 1),
                           wasi_arg32(a, 2), WASI_NOFOLLOW, &p);
  if (e) return e;
  e = result(mkdirat(p.dirfd, p.name, 0777));
  wasi_path_free(&p);
  return e;
}

WASI_FN(path_filestat_get) {
  uint8_t *out = wasi_mem_at(&c->mem, wasi_arg32(a, 4), WASI_FILESTAT_SIZE);
  if (!out) return WASI_EFAULT;
  wasi_path p;
  wasi_follow follow = wasi_arg32(a, 1) & WASI_LOOKUP_SYMLINK_FOLLOW ? WASI_FOLLOW : WASI_NOFOLLOW;
  uint16_t e = resolve_arg(c, wasi_arg32(a, 0), WASI_RIGHT_PATH_FILESTAT_GET, wasi_arg32(a, 2),
                           wasi_arg32(a, 3), follow, &p);
  if (e) return e;
  struct stat st;
  e = result(fstatat(p.dirfd, p.name, &st, AT_SYMLINK_NOFOLLOW));
  if (!e) wasi_put_filestat(out, &st, wasi_filetype(st.st_mode, -1));
  wasi_path_free(&p);
  return e;
}

WASI_FN(path_filestat_set_times) {
  struct timespec ts[2];
  uint16_t e = wasi_times(wasi_arg64(a, 4), wasi_arg64(a, 5), wasi_arg32(a, 6), ts);
  if (e) return e;
  wasi_path p;
  wasi_follow follow = wasi_arg32(a, 1) & WASI_LOOKUP_SYMLINK_FOLLOW ? WASI_FOLLOW : WASI_NOFOLLOW;
  if ((e = resolve_arg(c, wasi_arg32(a, 0), WASI_RIGHT_PATH_FILESTAT_SET_TIMES, wasi_arg32(a, 2),
                       wasi_arg32(a, 3), follow, &p)))
    return e;
  e = result(utimensat(p.dirfd, p.name, ts, AT_SYMLINK_NOFOLLOW));
  wasi_path_free(&p);
  return e;
}

WASI_FN(path_link) {
  wasi_path from, to;
  wasi_follow follow = wasi_arg32(a, 1) & WASI_LOOKUP_SYMLINK_FOLLOW ? WASI_FOLLOW : WASI_NOFOLLOW;
  uint16_t e = resolve_arg(c, wasi_arg32(a, 0), WASI_RIGHT_PATH_LINK_SOURCE, wasi_arg32(a, 2),
                           wasi_arg32(a, 3), follow, &from);
  if (e) return e;
  if ((e = resolve_arg(c, wasi_arg32(a, 4), WASI_RIGHT_PATH_LINK_TARGET, wasi_arg32(a, 5),
                       wasi_arg32(a, 6), WASI_NOFOLLOW, &to))) {
    wasi_path_free(&from);
    return e;
  }
  if (to.dir_only || from.dir_only) {
    struct stat st;
    bool dir = fstatat(from.dirfd, from.name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
    e = dir ? WASI_EPERM : trailing_slash_create(&to);
  } else {
    /* flags 0: link the resolved object itself, never what a symlink swapped
     * in since then points to. */
    e = result(linkat(from.dirfd, from.name, to.dirfd, to.name, 0));
  }
  wasi_path_free(&from);
  wasi_path_free(&to);
  return e;
}

/* Rights that need a descriptor opened for writing (fdatasync works on a
 * read-only one). */
#define WRITE_RIGHTS                                                                               \
  (WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_ALLOCATE | WASI_RIGHT_FD_FILESTAT_SET_SIZE)

WASI_FN(path_open) {
  uint32_t dirfd = wasi_arg32(a, 0), dirflags = wasi_arg32(a, 1);
  uint32_t oflags = wasi_arg32(a, 4), fdflags = wasi_arg32(a, 7), out_ptr = wasi_arg32(a, 8);
  uint64_t base = wasi_arg64(a, 5), inheriting = wasi_arg64(a, 6);
  if (!wasi_mem_ok(&c->mem, out_ptr, 4)) return WASI_EFAULT;
  if (oflags & ~0xFu || fdflags & ~0x1Fu) return WASI_EINVAL;

  uint64_t need = WASI_RIGHT_PATH_OPEN;
  if (oflags & WASI_O_CREAT) need |= WASI_RIGHT_PATH_CREATE_FILE;
  if (oflags & WASI_O_TRUNC) need |= WASI_RIGHT_PATH_FILESTAT_SET_SIZE;
  wasi_fd *dir;
  uint16_t e = wasi_fd_get(c->w, dirfd, need, &dir);
  if (e) return e;
  /* A new descriptor gets at most what the directory may hand down. */
  if ((base & ~dir->inheriting) || (inheriting & ~dir->inheriting)) return WASI_ENOTCAPABLE;
  /* As in Wasmtime: the sync fdflags are how the file is written, not
   * rights; O_TRUNC is the directory's path_filestat_set_size right
   * (checked above, as the witx says), whatever rights the new fd asks
   * for; a directory cannot be created, truncated or opened for writing. */
  if ((oflags & WASI_O_DIRECTORY) && (oflags & (WASI_O_CREAT | WASI_O_EXCL | WASI_O_TRUNC)))
    return WASI_EINVAL;
  if ((oflags & WASI_O_DIRECTORY) && (base & WASI_RIGHT_FD_WRITE)) return WASI_EISDIR;

  int flags = O_CLOEXEC | O_NOCTTY | O_NOFOLLOW;
  bool rd = base & (WASI_RIGHT_FD_READ | WASI_RIGHT_FD_READDIR), wr = base & WRITE_RIGHTS;
  /* A directory is opened for reading, whatever rights it carries for the
   * files beneath it (fd_allocate, fd_filestat_set_size: not fd_write). */
  if (oflags & WASI_O_DIRECTORY) rd = true, wr = false;
  flags |= rd && wr ? O_RDWR : wr ? O_WRONLY : O_RDONLY;
  if (oflags & WASI_O_CREAT) flags |= O_CREAT;
  if (oflags & WASI_O_EXCL) flags |= O_EXCL;
  if (oflags & WASI_O_TRUNC) flags |= O_TRUNC;
  if (oflags & WASI_O_DIRECTORY) flags |= O_DIRECTORY;
  if (fdflags & WASI_FDFLAG_APPEND) flags |= O_APPEND;
  if (fdflags & WASI_FDFLAG_DSYNC) flags |= O_DSYNC;
  if (fdflags & WASI_FDFLAG_NONBLOCK) flags |= O_NONBLOCK;
  if (fdflags & WASI_FDFLAG_RSYNC) flags |= O_RSYNC;
  if (fdflags & WASI_FDFLAG_SYNC) flags |= O_SYNC;

  /* O_CREAT|O_EXCL never follows a final symlink, here as in POSIX. */
  bool excl = (oflags & WASI_O_CREAT) && (oflags & WASI_O_EXCL);
  wasi_follow follow =
      (dirflags & WASI_LOOKUP_SYMLINK_FOLLOW) && !excl ? WASI_FOLLOW : WASI_NOFOLLOW;
  wasi_path p;
  if ((e = resolve_arg(c, dirfd, need, wasi_arg32(a, 2), wasi_arg32(a, 3), follow, &p))) return e;
  if (p.dir_only) {
    if (flags & O_CREAT) {
      wasi_path_free(&p);
      return WASI_EISDIR;
    }
    flags |= O_DIRECTORY;
  }
  int host;
  do
    host = openat(p.dirfd, p.name, flags, 0666);
  while (host < 0 && errno == EINTR);
  e = host < 0 ? wasi_errno(errno) : WASI_ESUCCESS;
  wasi_path_free(&p);
  if (e) return e;

  struct stat st;
  if (fstat(host, &st) != 0) {
    e = wasi_errno(errno);
    close(host);
    return e;
  }
  uint8_t type = wasi_filetype(st.st_mode, host);
  uint32_t fd;
  if ((e = wasi_fd_insert(c->w, host, type, base & wasi_rights_for(type, host), inheriting, &fd)))
    return e;
  c->w->fds[fd].rsync = fdflags & WASI_FDFLAG_RSYNC;
  wasi_store_u32(&c->mem, out_ptr, fd);
  return WASI_ESUCCESS;
}

WASI_FN(path_readlink) {
  uint32_t buf = wasi_arg32(a, 3), buf_len = wasi_arg32(a, 4), used_ptr = wasi_arg32(a, 5);
  uint8_t *out = wasi_mem_at(&c->mem, buf, buf_len);
  if (!out || !wasi_mem_ok(&c->mem, used_ptr, 4)) return WASI_EFAULT;
  wasi_path p;
  uint16_t e = resolve_arg(c, wasi_arg32(a, 0), WASI_RIGHT_PATH_READLINK, wasi_arg32(a, 1),
                           wasi_arg32(a, 2), WASI_NOFOLLOW, &p);
  if (e) return e;
  char target[PATH_MAX];
  ssize_t n = readlinkat(p.dirfd, p.name, target, sizeof target);
  e = n < 0 ? wasi_errno(errno) : WASI_ESUCCESS;
  wasi_path_free(&p);
  if (e) return e;
  /* A short buffer gets the start of the target, as readlink(2) does. */
  uint32_t k = (size_t)n < buf_len ? (uint32_t)n : buf_len;
  memcpy(out, target, k);
  wasi_store_u32(&c->mem, used_ptr, k);
  return WASI_ESUCCESS;
}

WASI_FN(path_remove_directory) {
  wasi_path p;
  uint16_t e = resolve_arg(c, wasi_arg32(a, 0), WASI_RIGHT_PATH_REMOVE_DIRECTORY, wasi_arg32(a, 1),
                           wasi_arg32(a, 2), WASI_NOFOLLOW_SLASH, &p);
  if (e) return e;
  e = result(unlinkat(p.dirfd, p.name, AT_REMOVEDIR));
  wasi_path_free(&p);
  return e;
}

WASI_FN(path_rename) {
  wasi_path from, to;
  uint16_t e = resolve_arg(c, wasi_arg32(a, 0), WASI_RIGHT_PATH_RENAME_SOURCE, wasi_arg32(a, 1),
                           wasi_arg32(a, 2), WASI_NOFOLLOW_SLASH, &from);
  if (e) return e;
  if ((e = resolve_arg(c, wasi_arg32(a, 3), WASI_RIGHT_PATH_RENAME_TARGET, wasi_arg32(a, 4),
                       wasi_arg32(a, 5), WASI_NOFOLLOW_SLASH, &to))) {
    wasi_path_free(&from);
    return e;
  }
  struct stat st;
  if ((from.dir_only || to.dir_only) &&
      fstatat(from.dirfd, from.name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode))
    e = WASI_ENOTDIR; /* "file" renamed to "name/" */
  else
    e = result(renameat(from.dirfd, from.name, to.dirfd, to.name));
  wasi_path_free(&from);
  wasi_path_free(&to);
  return e;
}

WASI_FN(path_symlink) {
  char *target;
  uint16_t e = wasi_read_path(c, wasi_arg32(a, 0), wasi_arg32(a, 1), &target);
  if (e) return e;
  /* An absolute target could only ever be refused when followed; refuse it
   * now, as Wasmtime does, rather than plant it for host programs. */
  if (target[0] == '/') {
    cw_free(target);
    return WASI_ENOTCAPABLE;
  }
  wasi_path p;
  if ((e = resolve_arg(c, wasi_arg32(a, 2), WASI_RIGHT_PATH_SYMLINK, wasi_arg32(a, 3),
                       wasi_arg32(a, 4), WASI_NOFOLLOW, &p))) {
    cw_free(target);
    return e;
  }
  e = p.dir_only ? trailing_slash_create(&p) : result(symlinkat(target, p.dirfd, p.name));
  cw_free(target);
  wasi_path_free(&p);
  return e;
}

WASI_FN(path_unlink_file) {
  wasi_path p;
  uint16_t e = resolve_arg(c, wasi_arg32(a, 0), WASI_RIGHT_PATH_UNLINK_FILE, wasi_arg32(a, 1),
                           wasi_arg32(a, 2), WASI_NOFOLLOW_SLASH, &p);
  if (e) return e;
  /* A trailing slash: a directory is EISDIR, nothing there ENOENT, as
   * unlink(2) answers (anything else is ENOTDIR from the resolver). */
  struct stat st;
  if (p.dir_only)
    e = fstatat(p.dirfd, p.name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? WASI_EISDIR : WASI_ENOENT;
  else
    e = result(unlinkat(p.dirfd, p.name, 0));
  wasi_path_free(&p);
  return e;
}
