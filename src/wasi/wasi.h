/*
 * wasi.h — internals of the wasi_snapshot_preview1 host.
 *
 * The WASI host is an import provider built only on the public API: each
 * preview1 function is a cwasi_func whose env is the cwasi_wasi context.
 * Files:
 *   wasi.c     context, fd table, errno mapping, define(); args, environ,
 *              clocks, random, proc, sched
 *   fs.c       fd_* on files and directories (fd_readdir, fd_renumber, ...)
 *   resolve.c  sandboxed path resolution: nothing leaves a preopen
 *   path.c     path_* functions, built on resolve.c
 *   poll.c     poll_oneoff
 *   sock.c     --tcplisten sockets and sock_*
 *   mem.h      bounds-checked guest memory access; types.h preview1 constants
 */
#ifndef CW_WASI_H
#define CW_WASI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "wasi/mem.h"
#include "wasi/types.h"

/* One guest file descriptor. host < 0 marks a free slot. */
typedef struct wasi_fd {
  int host;
  uint8_t type;              /* WASI_FILETYPE_* */
  uint64_t base, inheriting; /* rights */
  char *preopen;             /* guest name of a preopened directory, else NULL */
  bool rsync;                /* opened with fdflags::rsync (the host folds it into O_SYNC) */
  /* The host's open file description is shared with whoever gave it to us
   * (stdio: the parent shell, the embedder). fcntl(F_SETFL) on it would
   * change their descriptor too, so nonblock is emulated per guest fd
   * (poll before each read/write) and append cannot change. */
  bool shared;
  bool nonblock; /* emulated fdflags::nonblock of a shared descriptor */
} wasi_fd;

struct cwasi_wasi {
  cwasi_store *store;
  char **argv, **env; /* owned strings */
  size_t argc, envc;
  wasi_fd *fds;
  uint32_t nfds; /* slots allocated */
  cwasi_wasi_resolve resolve;
  bool no_openat2; /* the kernel answered ENOSYS: always walk */
};

/* What every host function gets. */
typedef struct wasi_call {
  cwasi_wasi *w;
  wasi_mem mem;
  cwasi_error *err;
  cwasi_store *store; /* the caller's: a blocking call waits no longer than its deadline */
} wasi_call;

/* A WASI function body: returns a WASI errno, or WASI_TRAPPED after filling
 * c->err with a trap or exit (the host function then returns its status). */
typedef uint32_t (*wasi_impl)(wasi_call *c, const cwasi_val *args);
#define WASI_TRAPPED 0x10000u

static inline uint32_t wasi_arg32(const cwasi_val *a, int i) { return (uint32_t)a[i].of.i32; }
static inline uint64_t wasi_arg64(const cwasi_val *a, int i) { return (uint64_t)a[i].of.i64; }

/* ---- wasi.c ---- */
uint16_t wasi_errno(int host_errno);
/* The open descriptor fd holding every right in rights: EBADF if fd is not
 * open, ENOTCAPABLE if a right is missing. */
uint16_t wasi_fd_get(cwasi_wasi *w, uint32_t fd, uint64_t rights, wasi_fd **out);
/* Takes ownership of host (closed on failure) and gives it the lowest free
 * guest number. */
uint16_t wasi_fd_insert(cwasi_wasi *w, int host, uint8_t type, uint64_t base, uint64_t inheriting,
                        uint32_t *out);
void wasi_fd_release(wasi_fd *f); /* closes the host descriptor, frees the slot */
/* WASI filetype of a host mode (and of a socket's SO_TYPE when host >= 0). */
uint8_t wasi_filetype(unsigned mode, int host);
/* The rights a descriptor of this type may ever hold. */
uint64_t wasi_rights_for(uint8_t type, int host);
/* The longest path a guest may pass, with its NUL: Linux's PATH_MAX, which
 * openat2 enforces on what it is given. Both resolvers see only strings
 * below it (a final symlink's target spliced in included), so they answer
 * alike. */
#define WASI_PATH_MAX 4096
/* Copies the guest string [ptr, ptr+len) into a new NUL-terminated host
 * string: ENAMETOOLONG if len >= WASI_PATH_MAX (checked first, before any
 * byte is read or copied), EFAULT out of bounds, EINVAL on an embedded NUL,
 * EILSEQ if not UTF-8. */
uint16_t wasi_read_path(wasi_call *c, uint32_t ptr, uint32_t len, char **out);

/* ---- resolve.c ---- */
/* A resolved guest path: the directory that holds its last component and
 * that component's name. name never contains '/' and is never "..";
 * it is "." when the path names dirfd itself. No final symlink is followed
 * unless asked; the caller's system call must not follow one either
 * (AT_SYMLINK_NOFOLLOW / O_NOFOLLOW / no AT_SYMLINK_FOLLOW). */
typedef struct wasi_path {
  int dirfd; /* owned, O_PATH */
  char *name;
  bool dir_only; /* the path ended in '/': it must name a directory */
} wasi_path;
/* What wasi_resolve does with a final symlink. */
typedef enum wasi_follow {
  WASI_NOFOLLOW,       /* names the link; "link/" follows it (open, stat, mkdir, ...) */
  WASI_FOLLOW,         /* follows it */
  WASI_NOFOLLOW_SLASH, /* never follows it: "link/" is ENOTDIR, as Linux's rmdir,
                          rename and unlink answer */
} wasi_follow;
uint16_t wasi_resolve(cwasi_wasi *w, int base, const char *path, wasi_follow follow,
                      wasi_path *out);
void wasi_path_free(wasi_path *p);

/* ---- function bodies, one file each ---- */
#define WASI_FN(name) uint32_t wasi_##name(wasi_call *c, const cwasi_val *a)
WASI_FN(fd_advise);
WASI_FN(fd_allocate);
WASI_FN(fd_close);
WASI_FN(fd_datasync);
WASI_FN(fd_fdstat_get);
WASI_FN(fd_fdstat_set_flags);
WASI_FN(fd_fdstat_set_rights);
WASI_FN(fd_filestat_get);
WASI_FN(fd_filestat_set_size);
WASI_FN(fd_filestat_set_times);
WASI_FN(fd_pread);
WASI_FN(fd_prestat_get);
WASI_FN(fd_prestat_dir_name);
WASI_FN(fd_pwrite);
WASI_FN(fd_read);
WASI_FN(fd_readdir);
WASI_FN(fd_renumber);
WASI_FN(fd_seek);
WASI_FN(fd_sync);
WASI_FN(fd_tell);
WASI_FN(fd_write);
WASI_FN(path_create_directory);
WASI_FN(path_filestat_get);
WASI_FN(path_filestat_set_times);
WASI_FN(path_link);
WASI_FN(path_open);
WASI_FN(path_readlink);
WASI_FN(path_remove_directory);
WASI_FN(path_rename);
WASI_FN(path_symlink);
WASI_FN(path_unlink_file);
WASI_FN(poll_oneoff);
WASI_FN(sock_accept);
WASI_FN(sock_recv);
WASI_FN(sock_send);
WASI_FN(sock_shutdown);

/* ---- shared by fs.c and path.c ---- */
/* Writes a 64-byte filestat for st at p (already bounds-checked). */
struct stat;
void wasi_put_filestat(uint8_t *p, const struct stat *st, uint8_t filetype);
/* Converts WASI fstflags and times to a utimensat() pair: EINVAL for
 * contradictory flags. */
struct timespec;
uint16_t wasi_times(uint64_t atim, uint64_t mtim, uint32_t fst, struct timespec *ts);

/* The guest's iovec array at iovs (n entries) as host iovecs pointing into
 * linear memory, each buffer bounds-checked; at most IOV_MAX entries (a
 * short read/write). *out is freed with cw_free. */
struct iovec;
uint16_t wasi_get_iovs(wasi_call *c, uint32_t iovs, uint32_t n, struct iovec **out, int *count);

/* For a shared descriptor in emulated nonblocking mode: WASI_EAGAIN unless
 * a read (or write) would not block now, else WASI_ESUCCESS. */
uint16_t wasi_nonblock_ready(const wasi_fd *f, bool write);
/* Before a call that may block on f (a read, an accept): if the store has
 * a deadline (--timeout) and f blocks, waits for f at most until the
 * deadline and then returns WASI_TRAPPED with the store's trap in c->err;
 * WASI_ESUCCESS when the call may go on. */
uint32_t wasi_deadline_ready(wasi_call *c, const wasi_fd *f, bool write);

/* ---- sock.c ---- */
/* Opens a listening TCP socket for "HOST:PORT"; -1 with err filled. */
int wasi_listen(const char *addr, cwasi_error *err);

#endif /* CW_WASI_H */
