/*
 * raw.h — every wasi_snapshot_preview1 import with plain integer
 * parameters, so tests can pass any pointer, length or flag (libc and
 * <wasi/api.h> wrappers compute lengths and hide bad pointers).
 */
#ifndef RAW_H
#define RAW_H

#include <stdint.h>

#define RAW(name, ...)                                                                             \
  __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))                     \
  int32_t raw_##name(__VA_ARGS__)

typedef int32_t I;
typedef int64_t L;
RAW(args_get, I argv, I buf);
RAW(args_sizes_get, I argc, I size);
RAW(environ_get, I env, I buf);
RAW(environ_sizes_get, I count, I size);
RAW(clock_res_get, I id, I out);
RAW(clock_time_get, I id, L precision, I out);
RAW(fd_advise, I fd, L offset, L len, I advice);
RAW(fd_allocate, I fd, L offset, L len);
RAW(fd_close, I fd);
RAW(fd_datasync, I fd);
RAW(fd_fdstat_get, I fd, I out);
RAW(fd_fdstat_set_flags, I fd, I flags);
RAW(fd_fdstat_set_rights, I fd, L base, L inheriting);
RAW(fd_filestat_get, I fd, I out);
RAW(fd_filestat_set_size, I fd, L size);
RAW(fd_filestat_set_times, I fd, L atim, L mtim, I fst);
RAW(fd_pread, I fd, I iovs, I n, L offset, I out);
RAW(fd_prestat_get, I fd, I out);
RAW(fd_prestat_dir_name, I fd, I buf, I len);
RAW(fd_pwrite, I fd, I iovs, I n, L offset, I out);
RAW(fd_read, I fd, I iovs, I n, I out);
RAW(fd_readdir, I fd, I buf, I len, L cookie, I out);
RAW(fd_renumber, I from, I to);
RAW(fd_seek, I fd, L offset, I whence, I out);
RAW(fd_sync, I fd);
RAW(fd_tell, I fd, I out);
RAW(fd_write, I fd, I iovs, I n, I out);
RAW(path_create_directory, I fd, I path, I len);
RAW(path_filestat_get, I fd, I flags, I path, I len, I out);
RAW(path_filestat_set_times, I fd, I flags, I path, I len, L atim, L mtim, I fst);
RAW(path_link, I oldfd, I oldflags, I oldpath, I oldlen, I newfd, I newpath, I newlen);
RAW(path_open, I fd, I dirflags, I path, I len, I oflags, L base, L inheriting, I fdflags, I out);
RAW(path_readlink, I fd, I path, I len, I buf, I buflen, I out);
RAW(path_remove_directory, I fd, I path, I len);
RAW(path_rename, I fd, I oldpath, I oldlen, I newfd, I newpath, I newlen);
RAW(path_symlink, I oldpath, I oldlen, I fd, I newpath, I newlen);
RAW(path_unlink_file, I fd, I path, I len);
RAW(poll_oneoff, I in, I out, I n, I nevents);
RAW(proc_raise, I sig);
RAW(sched_yield, void);
RAW(random_get, I buf, I len);
RAW(sock_accept, I fd, I flags, I out);
RAW(sock_recv, I fd, I iovs, I n, I riflags, I outlen, I outflags);
RAW(sock_send, I fd, I iovs, I n, I siflags, I outlen);
RAW(sock_shutdown, I fd, I how);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_exit"))) void
raw_proc_exit(I code);

/* A guest pointer as the i32 the ABI passes. */
#define P(ptr) ((I)(uintptr_t)(ptr))
/* A string argument: pointer and length. */
#define S(str) P(str), (I)__builtin_strlen(str)
/* One past the end of linear memory. */
#define MEM_END ((I)(__builtin_wasm_memory_size(0) * 65536u))

#endif
