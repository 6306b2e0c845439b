/*
 * fs.c — the fd_* functions: reading, writing, seeking, metadata and
 * directory listing through a guest descriptor, each checking the rights
 * that descriptor holds first.
 */
#define _GNU_SOURCE
#include "wasi/wasi.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

/* ---- shared helpers ------------------------------------------------------- */

static uint64_t ns_of(const struct timespec *ts) {
  return (uint64_t)ts->tv_sec * 1000000000u + (uint64_t)ts->tv_nsec;
}

void wasi_put_filestat(uint8_t *p, const struct stat *st, uint8_t filetype) {
  memset(p, 0, WASI_FILESTAT_SIZE);
  wasi_put_u64(p + 0, (uint64_t)st->st_dev);
  wasi_put_u64(p + 8, (uint64_t)st->st_ino);
  wasi_put_u8(p + 16, filetype);
  wasi_put_u64(p + 24, (uint64_t)st->st_nlink);
  wasi_put_u64(p + 32, (uint64_t)st->st_size);
  wasi_put_u64(p + 40, ns_of(&st->st_atim));
  wasi_put_u64(p + 48, ns_of(&st->st_mtim));
  wasi_put_u64(p + 56, ns_of(&st->st_ctim));
}

uint16_t wasi_times(uint64_t atim, uint64_t mtim, uint32_t fst, struct timespec *ts) {
  if (fst & ~(WASI_FST_ATIM | WASI_FST_ATIM_NOW | WASI_FST_MTIM | WASI_FST_MTIM_NOW))
    return WASI_EINVAL;
  if ((fst & WASI_FST_ATIM && fst & WASI_FST_ATIM_NOW) ||
      (fst & WASI_FST_MTIM && fst & WASI_FST_MTIM_NOW))
    return WASI_EINVAL;
  const uint64_t t[2] = {atim, mtim};
  const uint32_t set[2] = {WASI_FST_ATIM, WASI_FST_MTIM},
                 now[2] = {WASI_FST_ATIM_NOW, WASI_FST_MTIM_NOW};
  for (int i = 0; i < 2; i++) {
    ts[i].tv_sec = 0;
    if (fst & now[i]) {
      ts[i].tv_nsec = UTIME_NOW;
    } else if (fst & set[i]) {
      ts[i].tv_sec = (time_t)(t[i] / 1000000000u);
      ts[i].tv_nsec = (long)(t[i] % 1000000000u);
    } else {
      ts[i].tv_nsec = UTIME_OMIT;
    }
  }
  return WASI_ESUCCESS;
}

/* The guest's iovec array as host iovecs into linear memory, every buffer
 * checked before any I/O happens. More than IOV_MAX entries are cut to
 * IOV_MAX: a short read or write, which callers must handle anyway. */
uint16_t wasi_get_iovs(wasi_call *c, uint32_t iovs, uint32_t n, struct iovec **out, int *count) {
  const uint8_t *arr = wasi_mem_at(&c->mem, iovs, (uint64_t)n * WASI_IOVEC_SIZE);
  if (!arr) return WASI_EFAULT;
  if (n > IOV_MAX) n = IOV_MAX;
  struct iovec *v = cw_calloc(n ? n : 1, sizeof *v);
  if (!v) return WASI_ENOMEM;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t buf = wasi_get_u32(arr + i * WASI_IOVEC_SIZE);
    uint32_t len = wasi_get_u32(arr + i * WASI_IOVEC_SIZE + 4);
    uint8_t *p = wasi_mem_at(&c->mem, buf, len);
    if (!p) {
      cw_free(v);
      return WASI_EFAULT;
    }
    v[i].iov_base = p;
    v[i].iov_len = len;
  }
  *out = v;
  *count = (int)n;
  return WASI_ESUCCESS;
}

static bool is_socket(const wasi_fd *f) {
  return f->type == WASI_FILETYPE_SOCKET_STREAM || f->type == WASI_FILETYPE_SOCKET_DGRAM;
}

uint16_t wasi_nonblock_ready(const wasi_fd *f, bool write) {
  if (!f->shared || !f->nonblock) return WASI_ESUCCESS;
  struct pollfd p = {.fd = f->host, .events = write ? POLLOUT : POLLIN};
  int r;
  do
    r = poll(&p, 1, 0);
  while (r < 0 && errno == EINTR);
  if (r < 0) return wasi_errno(errno);
  /* Hang-ups and errors are "ready": the call itself reports them. */
  return r == 0 ? WASI_EAGAIN : WASI_ESUCCESS;
}

uint32_t wasi_deadline_ready(wasi_call *c, const wasi_fd *f, bool write) {
  if (f->type == WASI_FILETYPE_REGULAR_FILE || f->type == WASI_FILETYPE_DIRECTORY)
    return WASI_ESUCCESS; /* never block */
  if (cwasi_store_timeout_remaining(c->store) == UINT64_MAX) return WASI_ESUCCESS;
  /* A nonblocking descriptor returns at once anyway: EAGAIN is its answer. */
  int fl = fcntl(f->host, F_GETFL);
  if ((f->shared && f->nonblock) || (fl >= 0 && (fl & O_NONBLOCK))) return WASI_ESUCCESS;
  for (;;) {
    uint64_t left = cwasi_store_timeout_remaining(c->store);
    if (left == UINT64_MAX) return WASI_ESUCCESS; /* disarmed meanwhile */
    struct pollfd p = {.fd = f->host, .events = write ? POLLOUT : POLLIN};
    uint64_t ms = (left + 999999) / 1000000;
    int r = poll(&p, 1, ms > INT32_MAX ? INT32_MAX : (int)ms);
    if (r < 0 && errno != EINTR) return WASI_ESUCCESS; /* the call itself will say */
    if (r > 0) return WASI_ESUCCESS;
    if (cwasi_store_check_interrupt(c->store, c->err) != CWASI_OK) return WASI_TRAPPED;
  }
}

/* A write that poll() said would not block, cut to what a pipe takes
 * without blocking (PIPE_BUF once POLLOUT is set): a short write, which
 * nonblocking writers handle. */
static void cap_iovs(struct iovec *iov, int *n, size_t cap) {
  size_t total = 0;
  for (int i = 0; i < *n; i++) {
    if (total + iov[i].iov_len >= cap) {
      iov[i].iov_len = cap - total;
      *n = i + 1;
      return;
    }
    total += iov[i].iov_len;
  }
}

/* Shared body of fd_read/fd_write/fd_pread/fd_pwrite. */
static uint32_t do_rw(wasi_call *c, const cwasi_val *a, bool write, bool positioned) {
  wasi_fd *f;
  uint64_t rights =
      (write ? WASI_RIGHT_FD_WRITE : WASI_RIGHT_FD_READ) | (positioned ? WASI_RIGHT_FD_SEEK : 0);
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), rights, &f);
  if (e) return e;
  uint64_t offset = positioned ? wasi_arg64(a, 3) : 0;
  uint32_t result_ptr = wasi_arg32(a, positioned ? 4 : 3);
  if (!wasi_mem_ok(&c->mem, result_ptr, 4)) return WASI_EFAULT;
  if (offset > INT64_MAX) return WASI_EINVAL;
  struct iovec *iov;
  int n;
  if (!positioned && (e = wasi_nonblock_ready(f, write))) return e;
  uint32_t ready = positioned || write ? WASI_ESUCCESS : wasi_deadline_ready(c, f, false);
  if (ready != WASI_ESUCCESS) return ready;
  if ((e = wasi_get_iovs(c, wasi_arg32(a, 1), wasi_arg32(a, 2), &iov, &n))) return e;
  if (write && f->shared && f->nonblock && f->type != WASI_FILETYPE_REGULAR_FILE)
    cap_iovs(iov, &n, PIPE_BUF);
  ssize_t r;
  do {
    if (positioned && write) {
      r = pwritev(f->host, iov, n, (off_t)offset);
    } else if (positioned) {
      r = preadv(f->host, iov, n, (off_t)offset);
    } else if (write && is_socket(f)) {
      /* A peer that went away is EPIPE for the guest, not SIGPIPE for us. */
      struct msghdr msg = {.msg_iov = iov, .msg_iovlen = (size_t)n};
      r = sendmsg(f->host, &msg, MSG_NOSIGNAL);
    } else if (write) {
      r = writev(f->host, iov, n);
    } else {
      r = readv(f->host, iov, n);
    }
  } while (r < 0 && errno == EINTR);
  e = r < 0 ? wasi_errno(errno) : WASI_ESUCCESS;
  cw_free(iov);
  if (r >= 0) wasi_store_u32(&c->mem, result_ptr, (uint32_t)r);
  return e;
}

WASI_FN(fd_read) { return do_rw(c, a, false, false); }
WASI_FN(fd_write) { return do_rw(c, a, true, false); }
WASI_FN(fd_pread) { return do_rw(c, a, false, true); }
WASI_FN(fd_pwrite) { return do_rw(c, a, true, true); }

/* ---- descriptors ---------------------------------------------------------- */

WASI_FN(fd_close) {
  wasi_fd *f;
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), 0, &f);
  if (e) return e;
  wasi_fd_release(f);
  return WASI_ESUCCESS;
}

WASI_FN(fd_renumber) {
  wasi_fd *from, *to;
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), 0, &from);
  if (!e) e = wasi_fd_get(c->w, wasi_arg32(a, 1), 0, &to);
  if (e) return e;
  if (from == to) return WASI_ESUCCESS;
  wasi_fd_release(to);
  *to = *from;
  *from = (wasi_fd){.host = -1};
  return WASI_ESUCCESS;
}

static uint16_t host_fdflags(const wasi_fd *f, uint16_t *out) {
  int fl = fcntl(f->host, F_GETFL);
  if (fl < 0) return wasi_errno(errno);
  uint16_t r = 0;
  if (fl & O_APPEND) r |= WASI_FDFLAG_APPEND;
  if (fl & O_NONBLOCK) r |= WASI_FDFLAG_NONBLOCK;
  /* Linux's O_SYNC contains the O_DSYNC bit. */
  if ((fl & O_SYNC) == O_SYNC) {
    r |= WASI_FDFLAG_SYNC;
    if (f->rsync) r |= WASI_FDFLAG_RSYNC;
  } else if (fl & O_DSYNC) {
    r |= WASI_FDFLAG_DSYNC;
  }
  *out = r;
  return WASI_ESUCCESS;
}

WASI_FN(fd_fdstat_get) {
  wasi_fd *f;
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), 0, &f);
  if (e) return e;
  uint8_t *p = wasi_mem_at(&c->mem, wasi_arg32(a, 1), WASI_FDSTAT_SIZE);
  if (!p) return WASI_EFAULT;
  uint16_t flags;
  if ((e = host_fdflags(f, &flags))) return e;
  if (f->nonblock) flags |= WASI_FDFLAG_NONBLOCK;
  memset(p, 0, WASI_FDSTAT_SIZE);
  wasi_put_u8(p, f->type);
  wasi_put_u16(p + 2, flags);
  wasi_put_u64(p + 8, f->base);
  wasi_put_u64(p + 16, f->inheriting);
  return WASI_ESUCCESS;
}

/* Only append and nonblock can change on an open Linux descriptor; asking
 * to change a sync flag is ENOTSUP. */
WASI_FN(fd_fdstat_set_flags) {
  wasi_fd *f;
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), WASI_RIGHT_FD_FDSTAT_SET_FLAGS, &f);
  if (e) return e;
  uint32_t want = wasi_arg32(a, 1);
  const uint32_t syncs = WASI_FDFLAG_DSYNC | WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC;
  if (want & ~(syncs | WASI_FDFLAG_APPEND | WASI_FDFLAG_NONBLOCK)) return WASI_EINVAL;
  uint16_t cur;
  if ((e = host_fdflags(f, &cur))) return e;
  if ((want & syncs) != (cur & syncs)) return WASI_ENOTSUP;
  if (f->shared) {
    /* Never F_SETFL a description the parent shares: O_NONBLOCK would stay
     * on its terminal after we exit. nonblock is emulated; append cannot
     * be emulated (the kernel positions appends) and stays as it is. */
    if ((want & WASI_FDFLAG_APPEND) != (cur & WASI_FDFLAG_APPEND)) return WASI_ENOTSUP;
    f->nonblock = want & WASI_FDFLAG_NONBLOCK;
    return WASI_ESUCCESS;
  }
  int fl = fcntl(f->host, F_GETFL);
  if (fl < 0) return wasi_errno(errno);
  fl &= ~(O_APPEND | O_NONBLOCK);
  if (want & WASI_FDFLAG_APPEND) fl |= O_APPEND;
  if (want & WASI_FDFLAG_NONBLOCK) fl |= O_NONBLOCK;
  return fcntl(f->host, F_SETFL, fl) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
}

/* Rights can only be dropped, never gained back. */
WASI_FN(fd_fdstat_set_rights) {
  wasi_fd *f;
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), 0, &f);
  if (e) return e;
  uint64_t base = wasi_arg64(a, 1), inheriting = wasi_arg64(a, 2);
  if ((base & ~f->base) || (inheriting & ~f->inheriting)) return WASI_ENOTCAPABLE;
  f->base = base;
  f->inheriting = inheriting;
  return WASI_ESUCCESS;
}

WASI_FN(fd_prestat_get) {
  wasi_fd *f;
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), 0, &f);
  if (e) return e;
  if (!f->preopen) return WASI_EBADF; /* what wasi-libc's preopen scan stops at */
  uint8_t *p = wasi_mem_at(&c->mem, wasi_arg32(a, 1), WASI_PRESTAT_SIZE);
  if (!p) return WASI_EFAULT;
  memset(p, 0, WASI_PRESTAT_SIZE);
  wasi_put_u8(p, WASI_PREOPENTYPE_DIR);
  wasi_put_u32(p + 4, (uint32_t)strlen(f->preopen));
  return WASI_ESUCCESS;
}

WASI_FN(fd_prestat_dir_name) {
  wasi_fd *f;
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), 0, &f);
  if (e) return e;
  if (!f->preopen) return WASI_EBADF;
  size_t n = strlen(f->preopen);
  uint32_t len = wasi_arg32(a, 2);
  uint8_t *p = wasi_mem_at(&c->mem, wasi_arg32(a, 1), len);
  if (!p) return WASI_EFAULT;
  if (len < n) return WASI_ENAMETOOLONG;
  memcpy(p, f->preopen, n);
  return WASI_ESUCCESS;
}

/* ---- data and metadata --------------------------------------------------------- */

WASI_FN(fd_seek) {
  int64_t offset = (int64_t)wasi_arg64(a, 1);
  uint32_t whence = wasi_arg32(a, 2);
  /* Asking where we are is fd_tell's right; moving needs fd_seek's. */
  uint64_t right =
      whence == WASI_WHENCE_CUR && offset == 0 ? WASI_RIGHT_FD_TELL : WASI_RIGHT_FD_SEEK;
  wasi_fd *f;
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), right, &f);
  if (e) return e;
  if (!wasi_mem_ok(&c->mem, wasi_arg32(a, 3), 8)) return WASI_EFAULT;
  int how;
  switch (whence) {
  case WASI_WHENCE_SET: how = SEEK_SET; break;
  case WASI_WHENCE_CUR: how = SEEK_CUR; break;
  case WASI_WHENCE_END: how = SEEK_END; break;
  default: return WASI_EINVAL;
  }
  off_t r = lseek(f->host, (off_t)offset, how);
  if (r < 0) return wasi_errno(errno);
  wasi_store_u64(&c->mem, wasi_arg32(a, 3), (uint64_t)r);
  return WASI_ESUCCESS;
}

WASI_FN(fd_tell) {
  wasi_fd *f;
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), WASI_RIGHT_FD_TELL, &f);
  if (e) return e;
  if (!wasi_mem_ok(&c->mem, wasi_arg32(a, 1), 8)) return WASI_EFAULT;
  off_t r = lseek(f->host, 0, SEEK_CUR);
  if (r < 0) return wasi_errno(errno);
  wasi_store_u64(&c->mem, wasi_arg32(a, 1), (uint64_t)r);
  return WASI_ESUCCESS;
}

WASI_FN(fd_advise) {
  wasi_fd *f;
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), WASI_RIGHT_FD_ADVISE, &f);
  if (e) return e;
  uint64_t off = wasi_arg64(a, 1), len = wasi_arg64(a, 2);
  static const int advice[] = {POSIX_FADV_NORMAL,   POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                               POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED,   POSIX_FADV_NOREUSE};
  uint32_t adv = wasi_arg32(a, 3);
  if (adv >= CW_ARRAY_LEN(advice) || off > INT64_MAX || len > INT64_MAX) return WASI_EINVAL;
  if (f->type == WASI_FILETYPE_DIRECTORY) return WASI_EBADF;
  return wasi_errno(posix_fadvise(f->host, (off_t)off, (off_t)len, advice[adv]));
}

WASI_FN(fd_allocate) {
  wasi_fd *f;
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), WASI_RIGHT_FD_ALLOCATE, &f);
  if (e) return e;
  uint64_t off = wasi_arg64(a, 1), len = wasi_arg64(a, 2);
  if (off > INT64_MAX || len > INT64_MAX) return WASI_EINVAL;
  if (off + len > INT64_MAX) return WASI_EFBIG;
  return wasi_errno(posix_fallocate(f->host, (off_t)off, (off_t)len));
}

WASI_FN(fd_datasync) {
  wasi_fd *f;
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), WASI_RIGHT_FD_DATASYNC, &f);
  if (e) return e;
  return fdatasync(f->host) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
}

WASI_FN(fd_sync) {
  wasi_fd *f;
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), WASI_RIGHT_FD_SYNC, &f);
  if (e) return e;
  return fsync(f->host) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
}

WASI_FN(fd_filestat_get) {
  wasi_fd *f;
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), WASI_RIGHT_FD_FILESTAT_GET, &f);
  if (e) return e;
  uint8_t *p = wasi_mem_at(&c->mem, wasi_arg32(a, 1), WASI_FILESTAT_SIZE);
  if (!p) return WASI_EFAULT;
  struct stat st;
  if (fstat(f->host, &st) != 0) return wasi_errno(errno);
  wasi_put_filestat(p, &st, f->type);
  return WASI_ESUCCESS;
}

WASI_FN(fd_filestat_set_size) {
  wasi_fd *f;
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), WASI_RIGHT_FD_FILESTAT_SET_SIZE, &f);
  if (e) return e;
  uint64_t size = wasi_arg64(a, 1);
  if (size > INT64_MAX) return WASI_EINVAL;
  return ftruncate(f->host, (off_t)size) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
}

WASI_FN(fd_filestat_set_times) {
  wasi_fd *f;
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), WASI_RIGHT_FD_FILESTAT_SET_TIMES, &f);
  if (e) return e;
  struct timespec ts[2];
  if ((e = wasi_times(wasi_arg64(a, 1), wasi_arg64(a, 2), wasi_arg32(a, 3), ts))) return e;
  return futimens(f->host, ts) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
}

/* ---- fd_readdir ---------------------------------------------------------------- */

static uint8_t dt_filetype(unsigned char dt) {
  switch (dt) {
  case DT_REG: return WASI_FILETYPE_REGULAR_FILE;
  case DT_DIR: return WASI_FILETYPE_DIRECTORY;
  case DT_LNK: return WASI_FILETYPE_SYMBOLIC_LINK;
  case DT_CHR: return WASI_FILETYPE_CHARACTER_DEVICE;
  case DT_BLK: return WASI_FILETYPE_BLOCK_DEVICE;
  case DT_SOCK: return WASI_FILETYPE_SOCKET_STREAM;
  default: return WASI_FILETYPE_UNKNOWN;
  }
}

/* The kernel's getdents64 record. */
struct host_dirent64 {
  uint64_t d_ino;
  int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

/*
 * Cookies are the host's own directory offsets (d_off): 0 is the start and
 * each entry's d_next is the offset just after it. On ext4, xfs, btrfs and
 * tmpfs (Linux >= 6.6) those are stable names for a position, not counts,
 * so a cookie stays valid when entries are added or removed between calls.
 * "." and ".." come from the host listing like any other entry. Entries are
 * packed as 24-byte dirent + name; the last one is cut at the end of the
 * buffer, and bufused == buf_len tells the guest there may be more.
 */
WASI_FN(fd_readdir) {
  wasi_fd *f;
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), WASI_RIGHT_FD_READDIR, &f);
  if (e) return e;
  uint32_t buf = wasi_arg32(a, 1), buf_len = wasi_arg32(a, 2);
  uint64_t cookie = wasi_arg64(a, 3);
  uint32_t used_ptr = wasi_arg32(a, 4);
  uint8_t *out = wasi_mem_at(&c->mem, buf, buf_len);
  if (!out || !wasi_mem_ok(&c->mem, used_ptr, 4)) return WASI_EFAULT;
  if (f->type != WASI_FILETYPE_DIRECTORY) return WASI_ENOTDIR;
  if (cookie > INT64_MAX) return WASI_EINVAL;
  if (lseek(f->host, (off_t)cookie, SEEK_SET) < 0) return wasi_errno(errno);

  enum { HOSTBUF = 16384 };
  char *hostbuf = cw_malloc(HOSTBUF);
  if (!hostbuf) return WASI_ENOMEM;
  uint32_t used = 0;
  while (used < buf_len) {
    long n = getdents64(f->host, hostbuf, HOSTBUF);
    if (n < 0) {
      e = wasi_errno(errno);
      break;
    }
    if (n == 0) break;
    for (long pos = 0; pos < n && used < buf_len;) {
      const struct host_dirent64 *d = (const void *)(hostbuf + pos);
      pos += d->d_reclen;
      size_t namelen = strlen(d->d_name);
      uint8_t type = dt_filetype(d->d_type);
      if (d->d_type == DT_UNKNOWN) {
        struct stat st;
        if (fstatat(f->host, d->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
          type = wasi_filetype(st.st_mode, -1);
      }
      uint8_t head[WASI_DIRENT_SIZE] = {0};
      wasi_put_u64(head, (uint64_t)d->d_off);
      wasi_put_u64(head + 8, d->d_ino);
      wasi_put_u32(head + 16, (uint32_t)namelen);
      wasi_put_u8(head + 20, type);
      uint32_t k = buf_len - used < WASI_DIRENT_SIZE ? buf_len - used : WASI_DIRENT_SIZE;
      memcpy(out + used, head, k);
      used += k;
      k = buf_len - used < namelen ? buf_len - used : (uint32_t)namelen;
      memcpy(out + used, d->d_name, k);
      used += k;
    }
  }
  cw_free(hostbuf);
  if (e) return e;
  wasi_store_u32(&c->mem, used_ptr, used);
  return WASI_ESUCCESS;
}
