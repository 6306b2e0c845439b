/* echo_server.c — `echo_server N`: finds the listening socket that
 * --tcplisten preopened (the first socket fd from 3 on) and serves N
 * clients concurrently: one poll_oneoff over the listener (until N are
 * accepted) and every open connection, sending back every byte each
 * client sends, and shutting down and closing a connection when its client
 * has shut down its side. Prints "client I: B bytes" (I in accept order)
 * as each one finishes, then a total. A server that handled one client at
 * a time would deadlock on the runner's interleaved clients. Uses only
 * __wasi_sock_* and __wasi_poll_oneoff: wasi-libc has no accept() here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#define MAX_CLIENTS 16
#define LISTENER_TAG 1000

static int find_listener(void) {
  for (int fd = 3; fd < 64; fd++) {
    __wasi_fdstat_t st;
    if (__wasi_fd_fdstat_get((__wasi_fd_t)fd, &st) == 0 &&
        st.fs_filetype == __WASI_FILETYPE_SOCKET_STREAM)
      return fd;
  }
  return -1;
}

static void read_sub(__wasi_subscription_t *s, __wasi_fd_t fd, uint64_t tag) {
  memset(s, 0, sizeof *s);
  s->userdata = tag;
  s->u.tag = __WASI_EVENTTYPE_FD_READ;
  s->u.u.fd_read.file_descriptor = fd;
}

static int send_all(__wasi_fd_t fd, const uint8_t *p, size_t len) {
  while (len > 0) {
    __wasi_ciovec_t v = {p, len};
    __wasi_size_t sent = 0;
    __wasi_errno_t e = __wasi_sock_send(fd, &v, 1, 0, &sent);
    if (e == __WASI_ERRNO_AGAIN) continue;
    if (e != 0 || sent == 0) {
      fprintf(stderr, "echo_server: sock_send: errno %d\n", e);
      return -1;
    }
    p += sent;
    len -= sent;
  }
  return 0;
}

struct conn {
  __wasi_fd_t fd;
  int open;
  long long bytes;
};

int main(int argc, char **argv) {
  int clients = argc > 1 ? atoi(argv[1]) : 1;
  if (clients < 1 || clients > MAX_CLIENTS) return 2;
  int listener = find_listener();
  if (listener < 0) {
    fprintf(stderr, "echo_server: no listening socket (use --tcplisten)\n");
    return 2;
  }
  struct conn conns[MAX_CLIENTS];
  int accepted = 0, open = 0;
  long long total = 0;
  static uint8_t buf[7919]; /* prime: chunks never line up with the client's */
  while (accepted < clients || open > 0) {
    __wasi_subscription_t subs[MAX_CLIENTS + 1];
    __wasi_event_t events[MAX_CLIENTS + 1];
    __wasi_size_t nsubs = 0, nevents = 0;
    if (accepted < clients) read_sub(&subs[nsubs++], (__wasi_fd_t)listener, LISTENER_TAG);
    for (int i = 0; i < accepted; i++)
      if (conns[i].open) read_sub(&subs[nsubs++], conns[i].fd, (uint64_t)i);
    __wasi_errno_t e = __wasi_poll_oneoff(subs, events, nsubs, &nevents);
    if (e != 0 || nevents == 0 || nevents > nsubs) {
      fprintf(stderr, "echo_server: poll_oneoff: errno %d, %u events\n", e, (unsigned)nevents);
      return 1;
    }
    for (__wasi_size_t k = 0; k < nevents; k++) {
      const __wasi_event_t *ev = &events[k];
      if (ev->type != __WASI_EVENTTYPE_FD_READ || ev->error != 0) {
        fprintf(stderr, "echo_server: event type %d error %d\n", ev->type, ev->error);
        return 1;
      }
      if (ev->userdata == LISTENER_TAG) {
        __wasi_fd_t fd;
        e = __wasi_sock_accept((__wasi_fd_t)listener, 0, &fd);
        if (e == __WASI_ERRNO_AGAIN) continue;
        if (e != 0) {
          fprintf(stderr, "echo_server: sock_accept: errno %d\n", e);
          return 1;
        }
        conns[accepted++] = (struct conn){fd, 1, 0};
        open++;
        continue;
      }
      if (ev->userdata >= (uint64_t)accepted || !conns[ev->userdata].open) {
        fprintf(stderr, "echo_server: event for unknown userdata %llu\n",
                (unsigned long long)ev->userdata);
        return 1;
      }
      struct conn *c = &conns[ev->userdata];
      __wasi_iovec_t v[2] = {{buf, 100}, {buf + 100, sizeof buf - 100}};
      __wasi_size_t got = 0;
      __wasi_roflags_t ro = 0;
      e = __wasi_sock_recv(c->fd, v, 2, 0, &got, &ro);
      if (e == __WASI_ERRNO_AGAIN) continue;
      if (e != 0) {
        fprintf(stderr, "echo_server: sock_recv: errno %d\n", e);
        return 1;
      }
      if (got > 0) {
        if (send_all(c->fd, buf, got)) return 1;
        c->bytes += got;
        continue;
      }
      if ((e = __wasi_sock_shutdown(c->fd, __WASI_SDFLAGS_WR)) != 0 || (e = __wasi_fd_close(c->fd))) {
        fprintf(stderr, "echo_server: shutdown/close: errno %d\n", e);
        return 1;
      }
      c->open = 0;
      open--;
      total += c->bytes;
      printf("client %d: %lld bytes\n", (int)(c - conns) + 1, c->bytes);
      fflush(stdout);
    }
  }
  printf("served %d clients, %lld bytes\n", clients, total);
  return 0;
}
