/*
 * poll.c — poll_oneoff: wait until a clock passes a deadline or a
 * descriptor is ready for reading or writing, whichever comes first, and
 * report every subscription that is satisfied at that moment.
 *
 * Subscriptions are copied out of guest memory first (the event array may
 * overlap them). Clock deadlines are kept on their own clock (realtime or
 * monotonic, relative or absolute) and re-checked after every wake-up, so a
 * poll that wakes early or is interrupted just waits again. A subscription
 * that cannot be honoured (bad fd, missing right, CPU-time clock) becomes
 * an event carrying its error at once, as Wasmtime reports them.
 */
#define _GNU_SOURCE
#include "wasi/wasi.h"

#include <errno.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct sub {
  uint64_t userdata;
  uint8_t tag;
  clockid_t clock;
  uint64_t deadline; /* ns on `clock` */
  wasi_fd *fd;
  int pollidx;    /* index into the pollfd array, or -1 */
  uint16_t error; /* set: report at once with this error */
} sub;

static uint64_t now_ns(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Bytes ready to read: FIONREAD for pipes, sockets and terminals, what is
 * left before end of file for a regular file. */
static uint64_t readable_bytes(const wasi_fd *f) {
  if (f->type == WASI_FILETYPE_REGULAR_FILE) {
    struct stat st;
    off_t pos = lseek(f->host, 0, SEEK_CUR);
    if (fstat(f->host, &st) == 0 && pos >= 0 && st.st_size > pos)
      return (uint64_t)(st.st_size - pos);
    return 0;
  }
  int n = 0;
  return ioctl(f->host, FIONREAD, &n) == 0 && n > 0 ? (uint64_t)n : 0;
}

static void put_event(uint8_t *p, const sub *s, uint16_t error, uint64_t nbytes, uint16_t flags) {
  memset(p, 0, WASI_EVENT_SIZE);
  wasi_put_u64(p, s->userdata);
  wasi_put_u16(p + 8, error);
  wasi_put_u8(p + 10, s->tag);
  wasi_put_u64(p + 16, nbytes);
  wasi_put_u16(p + 24, flags);
}

WASI_FN(poll_oneoff) {
  uint32_t in = wasi_arg32(a, 0), outp = wasi_arg32(a, 1), n = wasi_arg32(a, 2);
  uint32_t nevents_ptr = wasi_arg32(a, 3);
  if (n == 0) return WASI_EINVAL; /* it would wait forever */
  const uint8_t *subs = wasi_mem_at(&c->mem, in, (uint64_t)n * WASI_SUBSCRIPTION_SIZE);
  uint8_t *out = wasi_mem_at(&c->mem, outp, (uint64_t)n * WASI_EVENT_SIZE);
  if (!subs || !out || !wasi_mem_ok(&c->mem, nevents_ptr, 4)) return WASI_EFAULT;

  sub *s = cw_calloc(n, sizeof *s);
  struct pollfd *pfd = cw_calloc(n, sizeof *pfd);
  uint16_t e = s && pfd ? WASI_ESUCCESS : WASI_ENOMEM;
  nfds_t npfd = 0;
  bool have_clock = false, immediate = false;
  for (uint32_t i = 0; i < n && !e; i++) {
    const uint8_t *p = subs + (size_t)i * WASI_SUBSCRIPTION_SIZE;
    s[i].userdata = wasi_get_u64(p);
    s[i].tag = p[8];
    s[i].pollidx = -1;
    switch (s[i].tag) {
    case WASI_EVENTTYPE_CLOCK: {
      uint32_t id = wasi_get_u32(p + 16);
      uint64_t timeout = wasi_get_u64(p + 24);
      bool abstime = wasi_get_u16(p + 40) & WASI_SUBCLOCK_ABSTIME;
      if (id == WASI_CLOCK_REALTIME) {
        s[i].clock = CLOCK_REALTIME;
      } else if (id == WASI_CLOCK_MONOTONIC) {
        s[i].clock = CLOCK_MONOTONIC;
      } else {
        /* CPU-time clocks do not advance while we sleep. */
        s[i].error = id <= WASI_CLOCK_THREAD_CPUTIME ? WASI_ENOTSUP : WASI_EINVAL;
        immediate = true;
        break;
      }
      uint64_t now = now_ns(s[i].clock);
      s[i].deadline = abstime ? timeout : (timeout > UINT64_MAX - now ? UINT64_MAX : now + timeout);
      have_clock = true;
      break;
    }
    case WASI_EVENTTYPE_FD_READ:
    case WASI_EVENTTYPE_FD_WRITE: {
      uint16_t fe = wasi_fd_get(c->w, wasi_get_u32(p + 16), WASI_RIGHT_POLL_FD_READWRITE, &s[i].fd);
      if (fe) {
        s[i].error = fe;
        immediate = true;
        break;
      }
      s[i].pollidx = (int)npfd;
      pfd[npfd].fd = s[i].fd->host;
      pfd[npfd].events = s[i].tag == WASI_EVENTTYPE_FD_READ ? POLLIN : POLLOUT;
      npfd++;
      break;
    }
    default: e = WASI_EINVAL;
    }
  }

  uint32_t nev = 0;
  while (!e && nev == 0) {
    /* Wait until the earliest deadline; not at all if errors are due. */
    struct timespec ts, *tsp = NULL;
    if (immediate) {
      ts = (struct timespec){0, 0};
      tsp = &ts;
    } else if (have_clock) {
      uint64_t wait = UINT64_MAX;
      for (uint32_t i = 0; i < n; i++) {
        if (s[i].tag != WASI_EVENTTYPE_CLOCK || s[i].error) continue;
        uint64_t now = now_ns(s[i].clock);
        uint64_t left = s[i].deadline > now ? s[i].deadline - now : 0;
        if (left < wait) wait = left;
      }
      const uint64_t cap = UINT64_C(86400) * 365 * 1000000000u; /* a year, then look again */
      if (wait > cap) wait = cap;
      ts.tv_sec = (time_t)(wait / 1000000000u);
      ts.tv_nsec = (long)(wait % 1000000000u);
      tsp = &ts;
    }
    /* A store deadline (--timeout) cuts the wait: the guest traps there. */
    uint64_t limit = cwasi_store_timeout_remaining(c->store);
    if (limit != UINT64_MAX &&
        (!tsp || (uint64_t)tsp->tv_sec * 1000000000u + (uint64_t)tsp->tv_nsec > limit)) {
      ts.tv_sec = (time_t)(limit / 1000000000u);
      ts.tv_nsec = (long)(limit % 1000000000u);
      tsp = &ts;
    }
    int r = ppoll(npfd ? pfd : NULL, npfd, tsp, NULL);
    if (r < 0 && errno != EINTR) {
      e = wasi_errno(errno);
      break;
    }
    if (cwasi_store_check_interrupt(c->store, c->err) != CWASI_OK) {
      cw_free(s);
      cw_free(pfd);
      return WASI_TRAPPED;
    }
    for (uint32_t i = 0; i < n; i++) {
      uint8_t *ev = out + (size_t)nev * WASI_EVENT_SIZE;
      if (s[i].error) {
        put_event(ev, &s[i], s[i].error, 0, 0);
        nev++;
      } else if (s[i].tag == WASI_EVENTTYPE_CLOCK) {
        if (now_ns(s[i].clock) >= s[i].deadline) {
          put_event(ev, &s[i], 0, 0, 0);
          nev++;
        }
      } else if (r > 0) {
        short re = pfd[s[i].pollidx].revents;
        if (re & POLLNVAL) {
          put_event(ev, &s[i], WASI_EBADF, 0, 0);
          nev++;
        } else if (re & (POLLIN | POLLOUT | POLLHUP | POLLERR)) {
          uint16_t flags = re & POLLHUP ? WASI_EVENTRW_HANGUP : 0;
          uint64_t nbytes = s[i].tag == WASI_EVENTTYPE_FD_READ ? readable_bytes(s[i].fd) : 0;
          put_event(ev, &s[i], 0, nbytes, flags);
          nev++;
        }
      }
    }
  }
  cw_free(s);
  cw_free(pfd);
  if (e) return e;
  wasi_store_u32(&c->mem, nevents_ptr, nev);
  return WASI_ESUCCESS;
}
