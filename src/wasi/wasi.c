/*
 * wasi.c — the WASI context: creation from a cwasi_wasi_config, the guest
 * fd table, host→WASI errno mapping, defining the 46 preview1 functions
 * into a linker; and the functions that touch no files: args, environ,
 * clocks, random, proc_exit/proc_raise, sched_yield.
 */
#define _GNU_SOURCE
#include "wasi/wasi.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* ---- errno ---------------------------------------------------------------- */

uint16_t wasi_errno(int e) {
  switch (e) {
  case 0: return WASI_ESUCCESS;
  case E2BIG: return WASI_E2BIG;
  case EACCES: return WASI_EACCES;
  case EADDRINUSE: return WASI_EADDRINUSE;
  case EADDRNOTAVAIL: return WASI_EADDRNOTAVAIL;
  case EAFNOSUPPORT: return WASI_EAFNOSUPPORT;
  case EAGAIN: return WASI_EAGAIN;
  case EALREADY: return WASI_EALREADY;
  case EBADF: return WASI_EBADF;
  case EBADMSG: return WASI_EBADMSG;
  case EBUSY: return WASI_EBUSY;
  case ECANCELED: return WASI_ECANCELED;
  case ECHILD: return WASI_ECHILD;
  case ECONNABORTED: return WASI_ECONNABORTED;
  case ECONNREFUSED: return WASI_ECONNREFUSED;
  case ECONNRESET: return WASI_ECONNRESET;
  case EDEADLK: return WASI_EDEADLK;
  case EDESTADDRREQ: return WASI_EDESTADDRREQ;
  case EDOM: return WASI_EDOM;
  case EDQUOT: return WASI_EDQUOT;
  case EEXIST: return WASI_EEXIST;
  case EFAULT: return WASI_EFAULT;
  case EFBIG: return WASI_EFBIG;
  case EHOSTUNREACH: return WASI_EHOSTUNREACH;
  case EIDRM: return WASI_EIDRM;
  case EILSEQ: return WASI_EILSEQ;
  case EINPROGRESS: return WASI_EINPROGRESS;
  case EINTR: return WASI_EINTR;
  case EINVAL: return WASI_EINVAL;
  case EIO: return WASI_EIO;
  case EISCONN: return WASI_EISCONN;
  case EISDIR: return WASI_EISDIR;
  case ELOOP: return WASI_ELOOP;
  case EMFILE: return WASI_EMFILE;
  case EMLINK: return WASI_EMLINK;
  case EMSGSIZE: return WASI_EMSGSIZE;
  case EMULTIHOP: return WASI_EMULTIHOP;
  case ENAMETOOLONG: return WASI_ENAMETOOLONG;
  case ENETDOWN: return WASI_ENETDOWN;
  case ENETRESET: return WASI_ENETRESET;
  case ENETUNREACH: return WASI_ENETUNREACH;
  case ENFILE: return WASI_ENFILE;
  case ENOBUFS: return WASI_ENOBUFS;
  case ENODEV: return WASI_ENODEV;
  case ENOENT: return WASI_ENOENT;
  case ENOEXEC: return WASI_ENOEXEC;
  case ENOLCK: return WASI_ENOLCK;
  case ENOLINK: return WASI_ENOLINK;
  case ENOMEM: return WASI_ENOMEM;
  case ENOMSG: return WASI_ENOMSG;
  case ENOPROTOOPT: return WASI_ENOPROTOOPT;
  case ENOSPC: return WASI_ENOSPC;
  case ENOSYS: return WASI_ENOSYS;
  case ENOTCONN: return WASI_ENOTCONN;
  case ENOTDIR: return WASI_ENOTDIR;
  case ENOTEMPTY: return WASI_ENOTEMPTY;
  case ENOTRECOVERABLE: return WASI_ENOTRECOVERABLE;
  case ENOTSOCK: return WASI_ENOTSOCK;
  case ENOTSUP: return WASI_ENOTSUP; /* == EOPNOTSUPP on Linux */
  case ENOTTY: return WASI_ENOTTY;
  case ENXIO: return WASI_ENXIO;
  case EOVERFLOW: return WASI_EOVERFLOW;
  case EOWNERDEAD: return WASI_EOWNERDEAD;
  case EPERM: return WASI_EPERM;
  case EPIPE: return WASI_EPIPE;
  case EPROTO: return WASI_EPROTO;
  case EPROTONOSUPPORT: return WASI_EPROTONOSUPPORT;
  case EPROTOTYPE: return WASI_EPROTOTYPE;
  case ERANGE: return WASI_ERANGE;
  case EROFS: return WASI_EROFS;
  case ESPIPE: return WASI_ESPIPE;
  case ESRCH: return WASI_ESRCH;
  case ESTALE: return WASI_ESTALE;
  case ETIMEDOUT: return WASI_ETIMEDOUT;
  case ETXTBSY: return WASI_ETXTBSY;
  case EXDEV: return WASI_EXDEV;
  default: return WASI_EIO; /* a host error WASI has no name for */
  }
}

/* ---- fd table ---------------------------------------------------------- */

uint16_t wasi_fd_get(cwasi_wasi *w, uint32_t fd, uint64_t rights, wasi_fd **out) {
  if (fd >= w->nfds || w->fds[fd].host < 0) return WASI_EBADF;
  wasi_fd *f = &w->fds[fd];
  if ((f->base & rights) != rights) return WASI_ENOTCAPABLE;
  *out = f;
  return WASI_ESUCCESS;
}

uint16_t wasi_fd_insert(cwasi_wasi *w, int host, uint8_t type, uint64_t base, uint64_t inheriting,
                        uint32_t *out) {
  uint32_t fd = 0;
  while (fd < w->nfds && w->fds[fd].host >= 0)
    fd++;
  if (fd == w->nfds) {
    /* The guest sees 32-bit fd numbers; the host's own limit stops us far
     * below that. */
    uint32_t n = w->nfds ? w->nfds * 2 : 16;
    wasi_fd *bigger = cw_realloc_array(w->fds, n, sizeof *bigger);
    if (!bigger) {
      close(host);
      return WASI_ENOMEM;
    }
    for (uint32_t i = w->nfds; i < n; i++)
      bigger[i] = (wasi_fd){.host = -1};
    w->fds = bigger;
    w->nfds = n;
  }
  w->fds[fd] = (wasi_fd){.host = host, .type = type, .base = base, .inheriting = inheriting};
  *out = fd;
  return WASI_ESUCCESS;
}

void wasi_fd_release(wasi_fd *f) {
  if (f->host >= 0) close(f->host);
  cw_free(f->preopen);
  *f = (wasi_fd){.host = -1};
}

uint8_t wasi_filetype(unsigned mode, int host) {
  switch (mode & S_IFMT) {
  case S_IFREG: return WASI_FILETYPE_REGULAR_FILE;
  case S_IFDIR: return WASI_FILETYPE_DIRECTORY;
  case S_IFCHR: return WASI_FILETYPE_CHARACTER_DEVICE;
  case S_IFBLK: return WASI_FILETYPE_BLOCK_DEVICE;
  case S_IFLNK: return WASI_FILETYPE_SYMBOLIC_LINK;
  case S_IFSOCK: {
    int type = SOCK_STREAM;
    socklen_t len = sizeof type;
    if (host >= 0) getsockopt(host, SOL_SOCKET, SO_TYPE, &type, &len);
    return type == SOCK_DGRAM ? WASI_FILETYPE_SOCKET_DGRAM : WASI_FILETYPE_SOCKET_STREAM;
  }
  default: return WASI_FILETYPE_UNKNOWN; /* FIFOs, as Wasmtime reports them */
  }
}

uint64_t wasi_rights_for(uint8_t type, int host) {
  switch (type) {
  case WASI_FILETYPE_DIRECTORY: return WASI_RIGHTS_DIR;
  case WASI_FILETYPE_SOCKET_STREAM:
  case WASI_FILETYPE_SOCKET_DGRAM: return WASI_RIGHTS_SOCKET;
  case WASI_FILETYPE_CHARACTER_DEVICE:
    /* wasi-libc's isatty() wants a character device without seek rights. */
    return host >= 0 && isatty(host) ? WASI_RIGHTS_TTY : WASI_RIGHTS_FILE;
  default: return WASI_RIGHTS_FILE;
  }
}

/* ---- guest strings --------------------------------------------------------- */

static bool utf8_valid(const uint8_t *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint8_t b = s[i];
    size_t len;
    uint32_t cp;
    if (b < 0x80) {
      i++;
      continue;
    } else if ((b & 0xE0) == 0xC0) {
      len = 2, cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      len = 3, cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      len = 4, cp = b & 0x07;
    } else {
      return false;
    }
    if (n - i < len) return false;
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = cp << 6 | (s[i + k] & 0x3F);
    }
    /* overlong forms, surrogates, beyond U+10FFFF */
    static const uint32_t min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_cp[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
    i += len;
  }
  return true;
}

uint16_t wasi_read_path(wasi_call *c, uint32_t ptr, uint32_t len, char **out) {
  if (len >= WASI_PATH_MAX) return WASI_ENAMETOOLONG;
  const uint8_t *p = wasi_mem_at(&c->mem, ptr, len);
  if (!p) return WASI_EFAULT;
  if (memchr(p, 0, len)) return WASI_EINVAL;
  if (!utf8_valid(p, len)) return WASI_EILSEQ;
  char *s = cw_malloc((size_t)len + 1);
  if (!s) return WASI_ENOMEM;
  memcpy(s, p, len);
  s[len] = '\0';
  *out = s;
  return WASI_ESUCCESS;
}

/* ---- args and environ --------------------------------------------------------- */

/* Writes strs as a pointer array at ptrs and NUL-terminated bytes at buf. */
static uint32_t put_strings(wasi_call *c, char *const *strs, size_t n, uint32_t ptrs,
                            uint32_t buf) {
  uint64_t total = 0;
  for (size_t i = 0; i < n; i++)
    total += strlen(strs[i]) + 1;
  uint8_t *pp = wasi_mem_at(&c->mem, ptrs, (uint64_t)n * 4);
  uint8_t *bp = wasi_mem_at(&c->mem, buf, total);
  if (!pp || !bp) return WASI_EFAULT;
  uint32_t at = buf;
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(strs[i]) + 1;
    wasi_put_u32(pp + 4 * i, at);
    memcpy(c->mem.data + at, strs[i], len);
    at += (uint32_t)len;
  }
  return WASI_ESUCCESS;
}

static uint32_t put_sizes(wasi_call *c, char *const *strs, size_t n, uint32_t count_ptr,
                          uint32_t size_ptr) {
  uint64_t total = 0;
  for (size_t i = 0; i < n; i++)
    total += strlen(strs[i]) + 1;
  if (total > UINT32_MAX || n > UINT32_MAX) return WASI_EOVERFLOW;
  if (!wasi_mem_ok(&c->mem, count_ptr, 4) || !wasi_mem_ok(&c->mem, size_ptr, 4)) return WASI_EFAULT;
  wasi_store_u32(&c->mem, count_ptr, (uint32_t)n);
  wasi_store_u32(&c->mem, size_ptr, (uint32_t)total);
  return WASI_ESUCCESS;
}

static WASI_FN(args_get) {
  return put_strings(c, c->w->argv, c->w->argc, wasi_arg32(a, 0), wasi_arg32(a, 1));
}
static WASI_FN(args_sizes_get) {
  return put_sizes(c, c->w->argv, c->w->argc, wasi_arg32(a, 0), wasi_arg32(a, 1));
}
static WASI_FN(environ_get) {
  return put_strings(c, c->w->env, c->w->envc, wasi_arg32(a, 0), wasi_arg32(a, 1));
}
static WASI_FN(environ_sizes_get) {
  return put_sizes(c, c->w->env, c->w->envc, wasi_arg32(a, 0), wasi_arg32(a, 1));
}

/* ---- clocks, random, proc, sched ------------------------------------------------ */

static bool host_clock(uint32_t id, clockid_t *out) {
  switch (id) {
  case WASI_CLOCK_REALTIME: *out = CLOCK_REALTIME; return true;
  case WASI_CLOCK_MONOTONIC: *out = CLOCK_MONOTONIC; return true;
  case WASI_CLOCK_PROCESS_CPUTIME: *out = CLOCK_PROCESS_CPUTIME_ID; return true;
  case WASI_CLOCK_THREAD_CPUTIME: *out = CLOCK_THREAD_CPUTIME_ID; return true;
  default: return false;
  }
}

static uint64_t ts_ns(const struct timespec *ts) {
  return (uint64_t)ts->tv_sec * 1000000000u + (uint64_t)ts->tv_nsec;
}

static WASI_FN(clock_res_get) {
  clockid_t id;
  struct timespec ts;
  if (!host_clock(wasi_arg32(a, 0), &id)) return WASI_EINVAL;
  if (clock_getres(id, &ts) != 0) return wasi_errno(errno);
  return wasi_store_u64(&c->mem, wasi_arg32(a, 1), ts_ns(&ts)) ? WASI_ESUCCESS : WASI_EFAULT;
}

static WASI_FN(clock_time_get) {
  clockid_t id;
  struct timespec ts;
  if (!host_clock(wasi_arg32(a, 0), &id)) return WASI_EINVAL;
  if (clock_gettime(id, &ts) != 0) return wasi_errno(errno);
  return wasi_store_u64(&c->mem, wasi_arg32(a, 2), ts_ns(&ts)) ? WASI_ESUCCESS : WASI_EFAULT;
}

static WASI_FN(random_get) {
  uint32_t len = wasi_arg32(a, 1);
  uint8_t *p = wasi_mem_at(&c->mem, wasi_arg32(a, 0), len);
  if (!p) return WASI_EFAULT;
  while (len > 0) {
    ssize_t n = getrandom(p, len, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return wasi_errno(errno);
    }
    p += n;
    len -= (uint32_t)n;
  }
  return WASI_ESUCCESS;
}

static WASI_FN(proc_exit) {
  uint32_t code = wasi_arg32(a, 0);
  cw_error(c->err, CWASI_ERR_EXIT, SIZE_MAX, "guest exited with status %u", code);
  c->err->exit_code = (int)code;
  return WASI_TRAPPED;
}

/* As in Wasmtime: raising a signal in the guest is not supported and ends
 * the guest with a trap rather than pretending it happened. */
static WASI_FN(proc_raise) {
  char detail[64];
  snprintf(detail, sizeof detail, "(proc_raise(%u) is not supported)", wasi_arg32(a, 0));
  cw_trap(c->err, CWASI_TRAP_HOST, detail);
  return WASI_TRAPPED;
}

static WASI_FN(sched_yield) {
  CW_UNUSED(c), CW_UNUSED(a);
  sched_yield();
  return WASI_ESUCCESS;
}

/* ---- the function table and the host-call trampoline ---------------------- */

typedef struct wasi_fn_desc {
  const char *name;
  const char *params; /* 'i' = i32, 'I' = i64 */
  bool returns_errno; /* only proc_exit returns nothing */
  wasi_impl fn;
} wasi_fn_desc;

static const wasi_fn_desc wasi_fns[] = {
    {"args_get", "ii", true, wasi_args_get},
    {"args_sizes_get", "ii", true, wasi_args_sizes_get},
    {"environ_get", "ii", true, wasi_environ_get},
    {"environ_sizes_get", "ii", true, wasi_environ_sizes_get},
    {"clock_res_get", "ii", true, wasi_clock_res_get},
    {"clock_time_get", "iIi", true, wasi_clock_time_get},
    {"fd_advise", "iIIi", true, wasi_fd_advise},
    {"fd_allocate", "iII", true, wasi_fd_allocate},
    {"fd_close", "i", true, wasi_fd_close},
    {"fd_datasync", "i", true, wasi_fd_datasync},
    {"fd_fdstat_get", "ii", true, wasi_fd_fdstat_get},
    {"fd_fdstat_set_flags", "ii", true, wasi_fd_fdstat_set_flags},
    {"fd_fdstat_set_rights", "iII", true, wasi_fd_fdstat_set_rights},
    {"fd_filestat_get", "ii", true, wasi_fd_filestat_get},
    {"fd_filestat_set_size", "iI", true, wasi_fd_filestat_set_size},
    {"fd_filestat_set_times", "iIIi", true, wasi_fd_filestat_set_times},
    {"fd_pread", "iiiIi", true, wasi_fd_pread},
    {"fd_prestat_get", "ii", true, wasi_fd_prestat_get},
    {"fd_prestat_dir_name", "iii", true, wasi_fd_prestat_dir_name},
    {"fd_pwrite", "iiiIi", true, wasi_fd_pwrite},
    {"fd_read", "iiii", true, wasi_fd_read},
    {"fd_readdir", "iiiIi", true, wasi_fd_readdir},
    {"fd_renumber", "ii", true, wasi_fd_renumber},
    {"fd_seek", "iIii", true, wasi_fd_seek},
    {"fd_sync", "i", true, wasi_fd_sync},
    {"fd_tell", "ii", true, wasi_fd_tell},
    {"fd_write", "iiii", true, wasi_fd_write},
    {"path_create_directory", "iii", true, wasi_path_create_directory},
    {"path_filestat_get", "iiiii", true, wasi_path_filestat_get},
    {"path_filestat_set_times", "iiiiIIi", true, wasi_path_filestat_set_times},
    {"path_link", "iiiiiii", true, wasi_path_link},
    {"path_open", "iiiiiIIii", true, wasi_path_open},
    {"path_readlink", "iiiiii", true, wasi_path_readlink},
    {"path_remove_directory", "iii", true, wasi_path_remove_directory},
    {"path_rename", "iiiiii", true, wasi_path_rename},
    {"path_symlink", "iiiii", true, wasi_path_symlink},
    {"path_unlink_file", "iii", true, wasi_path_unlink_file},
    {"poll_oneoff", "iiii", true, wasi_poll_oneoff},
    {"proc_exit", "i", false, wasi_proc_exit},
    {"proc_raise", "i", true, wasi_proc_raise},
    {"sched_yield", "", true, wasi_sched_yield},
    {"random_get", "ii", true, wasi_random_get},
    {"sock_accept", "iii", true, wasi_sock_accept},
    {"sock_recv", "iiiiii", true, wasi_sock_recv},
    {"sock_send", "iiiii", true, wasi_sock_send},
    {"sock_shutdown", "ii", true, wasi_sock_shutdown},
};

#define WASI_NFNS CW_ARRAY_LEN(wasi_fns)

/* The env of each host function: the context and which body to run. */
typedef struct wasi_binding {
  cwasi_wasi *w;
  const wasi_fn_desc *desc;
} wasi_binding;

/* Part of the context's allocation, after struct cwasi_wasi. */
typedef struct wasi_ctx_alloc {
  struct cwasi_wasi w;
  wasi_binding bindings[WASI_NFNS];
} wasi_ctx_alloc;

static cwasi_status wasi_host_call(cwasi_caller *caller, void *env, const cwasi_val *args,
                                   cwasi_val *results, cwasi_error *err) {
  const wasi_binding *b = env;
  wasi_call c = {.w = b->w, .err = err, .store = cwasi_caller_store(caller)};
  cwasi_extern mem;
  /* Without an exported memory every pointer is out of bounds (EFAULT);
   * functions that take none still work. */
  if (cwasi_caller_export(caller, "memory", 6, &mem) && mem.kind == CWASI_EXTERN_MEMORY) {
    c.mem.data = cwasi_memory_data(mem.of.memory);
    c.mem.size = cwasi_memory_size(mem.of.memory);
  }
  uint32_t r = b->desc->fn(&c, args);
  if (r == WASI_TRAPPED) return err->status;
  if (b->desc->returns_errno) {
    results[0].type = CWASI_I32;
    results[0].of.i32 = (int32_t)r;
  }
  return CWASI_OK;
}

cwasi_status cwasi_wasi_define(cwasi_wasi *w, cwasi_linker *linker, cwasi_error *err) {
  static const char module[] = "wasi_snapshot_preview1";
  if (!w || !linker)
    return cw_error(err, CWASI_ERR_ARG, SIZE_MAX, "cwasi_wasi_define: NULL argument");
  wasi_binding *bindings = ((wasi_ctx_alloc *)w)->bindings;
  for (size_t i = 0; i < WASI_NFNS; i++) {
    const wasi_fn_desc *d = &wasi_fns[i];
    cwasi_valtype params[16];
    size_t np = strlen(d->params);
    for (size_t k = 0; k < np; k++)
      params[k] = d->params[k] == 'I' ? CWASI_I64 : CWASI_I32;
    cwasi_valtype result = CWASI_I32;
    bindings[i] = (wasi_binding){.w = w, .desc = d};
    cwasi_func *f = cwasi_func_new(w->store, params, np, &result, d->returns_errno ? 1 : 0,
                                   wasi_host_call, &bindings[i]);
    if (!f) return cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory defining WASI");
    cwasi_extern ext = {.kind = CWASI_EXTERN_FUNC, .of.func = f};
    cwasi_status st =
        cwasi_linker_define(linker, module, sizeof module - 1, d->name, strlen(d->name), ext);
    if (st != CWASI_OK) return cw_error(err, st, SIZE_MAX, "cannot define %s.%s", module, d->name);
  }
  return CWASI_OK;
}

/* ---- creation ----------------------------------------------------------------- */

void cwasi_wasi_config_init(cwasi_wasi_config *cfg) {
  memset(cfg, 0, sizeof *cfg);
  cfg->stdio[0] = 0;
  cfg->stdio[1] = 1;
  cfg->stdio[2] = 2;
}

static char *dupstr(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = cw_malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

/* Appends "KEY=VALUE", replacing an earlier entry with the same KEY so a
 * later --env overrides an inherited variable. */
static bool env_add(cwasi_wasi *w, const char *kv) {
  const char *eq = strchr(kv, '=');
  size_t klen = eq ? (size_t)(eq - kv) : strlen(kv);
  char *copy = dupstr(kv);
  if (!copy) return false;
  for (size_t i = 0; i < w->envc; i++) {
    if (strncmp(w->env[i], kv, klen) == 0 && (w->env[i][klen] == '=' || !w->env[i][klen])) {
      cw_free(w->env[i]);
      w->env[i] = copy;
      return true;
    }
  }
  char **bigger = cw_realloc_array(w->env, w->envc + 1, sizeof *bigger);
  if (!bigger) {
    cw_free(copy);
    return false;
  }
  w->env = bigger;
  w->env[w->envc++] = copy;
  return true;
}

/* Adds an already-open host descriptor with the rights its type allows;
 * stdio (0, 1, 2) only as a stream in its direction. */
static cwasi_status add_host_fd(cwasi_wasi *w, int host, const char *what, char *preopen,
                                bool listener, int stdio, cwasi_error *err) {
  struct stat st;
  if (fstat(host, &st) != 0) {
    int e = errno;
    close(host);
    cw_free(preopen);
    return cw_error(err, CWASI_ERR_IO, SIZE_MAX, "%s: %s", what, strerror(e));
  }
  uint8_t type = wasi_filetype(st.st_mode, host);
  uint64_t base = wasi_rights_for(type, host), inheriting = 0;
  if (type == WASI_FILETYPE_DIRECTORY) inheriting = WASI_RIGHTS_DIR | WASI_RIGHTS_FILE;
  if (listener) base = WASI_RIGHTS_LISTENER;
  if (stdio >= 0) {
    base = WASI_RIGHTS_STDIO | (stdio == 0 ? WASI_RIGHT_FD_READ : WASI_RIGHT_FD_WRITE);
    inheriting = 0;
  }
  uint32_t fd;
  if (wasi_fd_insert(w, host, type, base, inheriting, &fd) != WASI_ESUCCESS) {
    cw_free(preopen);
    return cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory");
  }
  w->fds[fd].preopen = preopen;
  w->fds[fd].shared = stdio >= 0;
  return CWASI_OK;
}

cwasi_wasi *cwasi_wasi_new(cwasi_store *store, const cwasi_wasi_config *cfg, cwasi_error *err) {
  if (!store || !cfg) {
    cw_error(err, CWASI_ERR_ARG, SIZE_MAX, "cwasi_wasi_new: NULL argument");
    return NULL;
  }
  wasi_ctx_alloc *ctx = cw_calloc(1, sizeof *ctx);
  if (!ctx) {
    cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory");
    return NULL;
  }
  cwasi_wasi *w = &ctx->w;
  w->store = store;
  w->resolve = cfg->resolve;
  cwasi_status st = CWASI_OK;

  if (cfg->argc) {
    w->argv = cw_calloc(cfg->argc, sizeof *w->argv);
    if (!w->argv) goto nomem;
    for (; w->argc < cfg->argc; w->argc++)
      if (!(w->argv[w->argc] = dupstr(cfg->argv[w->argc] ? cfg->argv[w->argc] : ""))) goto nomem;
  }
  if (cfg->inherit_env)
    for (char **e = environ; e && *e; e++)
      if (!env_add(w, *e)) goto nomem;
  for (size_t i = 0; i < cfg->envc; i++)
    if (!env_add(w, cfg->env[i])) goto nomem;

  for (int i = 0; i < 3; i++) {
    int host = cfg->stdio[i] >= 0 ? fcntl(cfg->stdio[i], F_DUPFD_CLOEXEC, 0) : -1;
    /* -1, or a host stdio descriptor that is closed: the guest still gets
     * a working fd 0/1/2, reading EOF and writing nowhere. */
    if (host < 0 && (cfg->stdio[i] < 0 || errno == EBADF))
      host = open("/dev/null", O_RDWR | O_CLOEXEC);
    static const char *const names[3] = {"stdin", "stdout", "stderr"};
    if (host < 0) {
      st = cw_error(err, CWASI_ERR_IO, SIZE_MAX, "%s: %s", names[i], strerror(errno));
      goto fail;
    }
    if ((st = add_host_fd(w, host, names[i], NULL, false, i, err)) != CWASI_OK) goto fail;
  }
  for (size_t i = 0; i < cfg->ndirs; i++) {
    const char *host_path = cfg->dirs[i].host_path;
    const char *guest = cfg->dirs[i].guest_path ? cfg->dirs[i].guest_path : host_path;
    if (!host_path) {
      st = cw_error(err, CWASI_ERR_ARG, SIZE_MAX, "preopen %zu: NULL host path", i);
      goto fail;
    }
    int host = open(host_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (host < 0) {
      st = cw_error(err, CWASI_ERR_IO, SIZE_MAX, "--dir %s: %s", host_path, strerror(errno));
      goto fail;
    }
    char *name = dupstr(guest);
    if (!name) {
      close(host);
      goto nomem;
    }
    if ((st = add_host_fd(w, host, host_path, name, false, -1, err)) != CWASI_OK) goto fail;
  }
  for (size_t i = 0; i < cfg->ntcp_listen; i++) {
    int host = wasi_listen(cfg->tcp_listen[i], err);
    if (host < 0) {
      st = err ? err->status : CWASI_ERR_IO;
      goto fail;
    }
    if ((st = add_host_fd(w, host, cfg->tcp_listen[i], NULL, true, -1, err)) != CWASI_OK) goto fail;
  }
  return w;

nomem:
  cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory");
fail:
  CW_UNUSED(st);
  cwasi_wasi_delete(w);
  return NULL;
}

void cwasi_wasi_delete(cwasi_wasi *w) {
  if (!w) return;
  for (uint32_t i = 0; i < w->nfds; i++)
    wasi_fd_release(&w->fds[i]);
  cw_free(w->fds);
  for (size_t i = 0; i < w->argc; i++)
    cw_free(w->argv[i]);
  for (size_t i = 0; i < w->envc; i++)
    cw_free(w->env[i]);
  cw_free(w->argv);
  cw_free(w->env);
  cw_free((wasi_ctx_alloc *)w);
}
