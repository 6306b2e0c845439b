/*
 * fuzz.c — calls WASI functions with random arguments from a fixed seed:
 * fds near the open ones, pointers mostly into a scratch buffer (often
 * overlapping its end or memory's end), paths from a list of hostile and
 * ordinary names, symlinks among them, random flags and rights. Nothing
 * may trap or crash the host, and (checked by the runner) nothing outside
 * the preopened directory may change. Sizes and offsets are kept small so
 * fd_allocate/fd_filestat_set_size stay cheap; clocks in poll_oneoff are
 * short so it never sleeps long.
 * Run with --dir DIR::/f, stdin from /dev/null.
 * argv[1] = seed, argv[2] = number of calls.
 */
#include <stdlib.h>
#include <string.h>

#include "raw.h"

static uint64_t rng;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}
static uint32_t below(uint32_t n) { return (uint32_t)(next() % n); }

static uint8_t scratch[4096];

static const char *const names[] = {
    "a",
    "b",
    "a/b",
    "a/b/c",
    "..",
    "../x",
    "a/../..",
    "link",
    "link/",
    "link/x",
    "dir/",
    "/abs",
    "",
    ".",
    "./a",
    "a//b",
    "dir/../a",
    "loop",
    "f.txt",
    "dir/f",
    "x/",
    "link2",
    "a/link",
    "../../../../etc/passwd",
    "dir/sub/../../..",
    "\xff",
    "a\0b",
};

/* A pointer: mostly inside scratch, sometimes straddling its end or
 * linear memory's end, sometimes anywhere. */
static I ptr(uint32_t len) {
  switch (below(8)) {
  case 0: return (I)next();
  case 1: return MEM_END - (I)below(len + 8);
  default: return P(scratch) + (I)below(sizeof scratch);
  }
}

/* A path argument: a name copied into scratch. */
static void path(I *p, I *len) {
  const char *n = names[below(sizeof names / sizeof names[0])];
  size_t k = strlen(n) + (n[0] == 'a' && n[1] == '\0' && below(2) ? 2 : 0);
  uint32_t at = below(sizeof scratch - 64);
  memcpy(scratch + at, n, k + 1);
  *p = P(scratch) + (I)at;
  *len = below(16) ? (I)k : (I)below(80);
}

static I fd(void) { return below(16) ? (I)below(10) : (I)next(); }
static L small(void) { return below(8) ? (L)below(1 << 16) : (L)(next() >> below(64)); }

int main(int argc, char **argv) {
  rng = argc > 1 ? strtoull(argv[1], NULL, 10) | 1 : 88172645463325252ull;
  long calls = argc > 2 ? atol(argv[2]) : 20000;
  for (long i = 0; i < calls; i++) {
    for (int k = 0; k < 16; k++)
      scratch[below(sizeof scratch)] = (uint8_t)next();
    I p1, l1, p2, l2;
    path(&p1, &l1);
    path(&p2, &l2);
    I f = fd();
    L big = (L)next();
    switch (below(40)) {
    case 0: raw_args_get(ptr(16), ptr(64)); break;
    case 1: raw_environ_sizes_get(ptr(4), ptr(4)); break;
    case 2: raw_clock_time_get((I)below(6), big, ptr(8)); break;
    case 3: raw_fd_advise(f, small(), small(), (I)below(8)); break;
    case 4: raw_fd_allocate(f, small() & 0xFFFFF, small() & 0xFFFFF); break;
    case 5:
      if (below(20) == 0 && f > 2) raw_fd_close(f);
      break;
    case 6: raw_fd_datasync(f); break;
    case 7: raw_fd_fdstat_get(f, ptr(24)); break;
    case 8: raw_fd_fdstat_set_flags(f, (I)below(64)); break;
    case 9:
      if (below(10) == 0) raw_fd_fdstat_set_rights(f, big, (L)next());
      break;
    case 10: raw_fd_filestat_get(f, ptr(64)); break;
    case 11: raw_fd_filestat_set_size(f, small() & 0xFFFFF); break;
    case 12: raw_fd_filestat_set_times(f, big, big, (I)below(32)); break;
    case 13: raw_fd_pread(f, ptr(16), (I)below(4), small(), ptr(4)); break;
    case 14: raw_fd_prestat_dir_name(f, ptr(8), (I)below(12)); break;
    case 15:
      if (f > 2) raw_fd_pwrite(f, ptr(16), (I)below(4), small() & 0xFFFFF, ptr(4));
      break;
    case 16:
      if (f != 0) raw_fd_read(f, ptr(16), (I)below(4), ptr(4));
      break;
    case 17: raw_fd_readdir(f, ptr(200), (I)below(300), below(4) ? 0 : big, ptr(4)); break;
    case 18: { /* stdio stays where it is: the runner reads stdout */
      I to = fd();
      if (below(10) == 0 && f > 2 && to > 2) raw_fd_renumber(f, to);
      break;
    }
    case 19: raw_fd_seek(f, small() - 1000, (I)below(4), ptr(8)); break;
    case 20: raw_fd_tell(f, ptr(8)); break;
    case 21:
      if (f > 2) raw_fd_write(f, ptr(16), (I)below(4), ptr(4));
      break;
    case 22: raw_path_create_directory(f, p1, l1); break;
    case 23: raw_path_filestat_get(f, (I)below(3), p1, l1, ptr(64)); break;
    case 24: raw_path_filestat_set_times(f, (I)below(3), p1, l1, big, big, (I)below(16)); break;
    case 25: raw_path_link(f, (I)below(3), p1, l1, fd(), p2, l2); break;
    case 26: {
      I out = ptr(4);
      raw_path_open(f, (I)below(3), p1, l1, (I)below(16) & ~(below(2) ? 0 : 8), big, (L)next(),
                    (I)below(32), out);
      break;
    }
    case 27: raw_path_readlink(f, p1, l1, ptr(32), (I)below(40), ptr(4)); break;
    case 28: raw_path_remove_directory(f, p1, l1); break;
    case 29: raw_path_rename(f, p1, l1, fd(), p2, l2); break;
    case 30: raw_path_symlink(p1, l1, f, p2, l2); break;
    case 31: raw_path_unlink_file(f, p1, l1); break;
    case 32: {
      /* short clocks only; fds as random as the rest */
      uint8_t *s = scratch;
      uint32_t n = 1 + below(3);
      for (uint32_t k = 0; k < n * 48; k++)
        s[k] = (uint8_t)next();
      for (uint32_t k = 0; k < n; k++) {
        s[k * 48 + 8] = k == 0 ? 0 : (uint8_t)below(4); /* one clock: never blocks */
        uint64_t t = below(200000);
        memcpy(s + k * 48 + 24, &t, 8);
        s[k * 48 + 40] = 0;
        memset(s + k * 48 + 16, 0, 4); /* realtime */
        if (s[k * 48 + 8] != 0) {
          uint32_t fdn = below(2) ? 1 : 5;
          memcpy(s + k * 48 + 16, &fdn, 4);
        }
      }
      raw_poll_oneoff(P(s), below(4) ? P(s) + 1024 : ptr(96), (I)n, ptr(4));
      break;
    }
    case 33: raw_random_get(ptr(64), (I)below(128)); break;
    case 34: raw_sched_yield(); break;
    case 35: raw_sock_recv(f, ptr(16), (I)below(3), (I)below(4), ptr(4), ptr(2)); break;
    case 36: raw_sock_send(f, ptr(16), (I)below(3), (I)below(2), ptr(4)); break;
    case 37: raw_sock_shutdown(f, (I)below(4)); break;
    case 38: raw_clock_res_get((I)below(6), ptr(8)); break;
    case 39: raw_fd_prestat_get(f, ptr(8)); break;
    }
  }
  return 0;
}
