/*
 * sock.c — sockets: the listening sockets that --tcplisten preopens, and
 * sock_accept / sock_recv / sock_send / sock_shutdown on them. Preview1
 * cannot create or connect sockets; a guest only gets what it was given.
 */
#define _GNU_SOURCE
#include "wasi/wasi.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

/* HOST:PORT with a numeric HOST (IPv4, or IPv6 in brackets) or
 * "localhost", as Wasmtime's --tcplisten takes it. Names are not looked up:
 * that would need NSS, which a static cwasi cannot load, and a listening
 * address is a literal in practice. */
static bool parse_listen(const char *addr, struct sockaddr_storage *ss, socklen_t *len) {
  const char *colon = strrchr(addr, ':');
  if (!colon || colon == addr || !colon[1]) return false;
  char *end;
  errno = 0;
  unsigned long port = strtoul(colon + 1, &end, 10);
  if (*end || errno || port > 65535 || colon[1] == '-' || colon[1] == '+') return false;
  char host[INET6_ADDRSTRLEN + 2];
  size_t hlen = (size_t)(colon - addr);
  const char *h = addr;
  bool v6 = hlen >= 2 && h[0] == '[' && h[hlen - 1] == ']';
  if (v6) h++, hlen -= 2;
  if (hlen >= sizeof host) return false;
  memcpy(host, h, hlen);
  host[hlen] = '\0';
  memset(ss, 0, sizeof *ss);
  if (v6) {
    struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
    s6->sin6_family = AF_INET6;
    s6->sin6_port = htons((uint16_t)port);
    *len = sizeof *s6;
    return inet_pton(AF_INET6, host, &s6->sin6_addr) == 1;
  }
  struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
  s4->sin_family = AF_INET;
  s4->sin_port = htons((uint16_t)port);
  *len = sizeof *s4;
  if (strcmp(host, "localhost") == 0) {
    s4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return true;
  }
  return inet_pton(AF_INET, host, &s4->sin_addr) == 1;
}

int wasi_listen(const char *addr, cwasi_error *err) {
  struct sockaddr_storage ss;
  socklen_t len;
  if (!parse_listen(addr, &ss, &len)) {
    cw_error(err, CWASI_ERR_ARG, SIZE_MAX,
             "--tcplisten %s: expected IP:PORT (an IPv4 address, [IPv6] or localhost, "
             "and a port 0-65535)",
             addr);
    return -1;
  }
  int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd >= 0) {
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&ss, len) == 0 && listen(fd, 128) == 0) return fd;
    int e = errno;
    close(fd);
    errno = e;
  }
  cw_error(err, CWASI_ERR_IO, SIZE_MAX, "--tcplisten %s: %s", addr, strerror(errno));
  return -1;
}

/* A descriptor that is not a socket is ENOTSOCK before any rights check,
 * as in Wasmtime and as shutdown(2) and accept(2) answer. */
static uint16_t get_socket(wasi_call *c, uint32_t fd, uint64_t rights, wasi_fd **out) {
  uint16_t e = wasi_fd_get(c->w, fd, 0, out);
  if (e) return e;
  if ((*out)->type != WASI_FILETYPE_SOCKET_STREAM && (*out)->type != WASI_FILETYPE_SOCKET_DGRAM)
    return WASI_ENOTSOCK;
  return wasi_fd_get(c->w, fd, rights, out);
}

WASI_FN(sock_accept) {
  wasi_fd *f;
  uint16_t e = get_socket(c, wasi_arg32(a, 0), WASI_RIGHT_SOCK_ACCEPT, &f);
  if (e) return e;
  uint32_t flags = wasi_arg32(a, 1), out = wasi_arg32(a, 2);
  if (flags & ~WASI_FDFLAG_NONBLOCK) return WASI_EINVAL;
  if (!wasi_mem_ok(&c->mem, out, 4)) return WASI_EFAULT;
  uint32_t ready = wasi_deadline_ready(c, f, false);
  if (ready != WASI_ESUCCESS) return ready;
  int host;
  int hflags = SOCK_CLOEXEC | (flags & WASI_FDFLAG_NONBLOCK ? SOCK_NONBLOCK : 0);
  do
    host = accept4(f->host, NULL, NULL, hflags);
  while (host < 0 && errno == EINTR);
  if (host < 0) return wasi_errno(errno);
  uint32_t fd;
  if ((e = wasi_fd_insert(c->w, host, WASI_FILETYPE_SOCKET_STREAM, WASI_RIGHTS_SOCKET, 0, &fd)))
    return e;
  wasi_store_u32(&c->mem, out, fd);
  return WASI_ESUCCESS;
}

WASI_FN(sock_recv) {
  wasi_fd *f;
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), WASI_RIGHT_FD_READ, &f);
  if (e) return e;
  uint32_t riflags = wasi_arg32(a, 3), len_ptr = wasi_arg32(a, 4), flags_ptr = wasi_arg32(a, 5);
  if (riflags & ~(WASI_RI_RECV_PEEK | WASI_RI_RECV_WAITALL)) return WASI_EINVAL;
  uint8_t *flags_out = wasi_mem_at(&c->mem, flags_ptr, 2);
  if (!wasi_mem_ok(&c->mem, len_ptr, 4) || !flags_out) return WASI_EFAULT;
  struct iovec *iov;
  int n;
  if ((e = wasi_get_iovs(c, wasi_arg32(a, 1), wasi_arg32(a, 2), &iov, &n))) return e;
  uint32_t ready = wasi_deadline_ready(c, f, false);
  if (ready != WASI_ESUCCESS) {
    cw_free(iov);
    return ready;
  }
  int hflags = (riflags & WASI_RI_RECV_PEEK ? MSG_PEEK : 0) |
               (riflags & WASI_RI_RECV_WAITALL ? MSG_WAITALL : 0) |
               (f->shared && f->nonblock ? MSG_DONTWAIT : 0);
  struct msghdr msg = {.msg_iov = iov, .msg_iovlen = (size_t)n};
  ssize_t r;
  do
    r = recvmsg(f->host, &msg, hflags);
  while (r < 0 && errno == EINTR);
  e = r < 0 ? wasi_errno(errno) : WASI_ESUCCESS;
  cw_free(iov);
  if (e) return e;
  wasi_store_u32(&c->mem, len_ptr, (uint32_t)r);
  wasi_put_u16(flags_out, msg.msg_flags & MSG_TRUNC ? WASI_RO_RECV_DATA_TRUNCATED : 0);
  return WASI_ESUCCESS;
}

WASI_FN(sock_send) {
  wasi_fd *f;
  uint16_t e = wasi_fd_get(c->w, wasi_arg32(a, 0), WASI_RIGHT_FD_WRITE, &f);
  if (e) return e;
  uint32_t len_ptr = wasi_arg32(a, 4);
  if (wasi_arg32(a, 3) != 0) return WASI_EINVAL; /* preview1 defines no siflags */
  if (!wasi_mem_ok(&c->mem, len_ptr, 4)) return WASI_EFAULT;
  struct iovec *iov;
  int n;
  if ((e = wasi_get_iovs(c, wasi_arg32(a, 1), wasi_arg32(a, 2), &iov, &n))) return e;
  struct msghdr msg = {.msg_iov = iov, .msg_iovlen = (size_t)n};
  ssize_t r;
  do
    r = sendmsg(f->host, &msg, MSG_NOSIGNAL | (f->shared && f->nonblock ? MSG_DONTWAIT : 0));
  while (r < 0 && errno == EINTR);
  e = r < 0 ? wasi_errno(errno) : WASI_ESUCCESS;
  cw_free(iov);
  if (!e) wasi_store_u32(&c->mem, len_ptr, (uint32_t)r);
  return e;
}

WASI_FN(sock_shutdown) {
  wasi_fd *f;
  uint16_t e = get_socket(c, wasi_arg32(a, 0), WASI_RIGHT_SOCK_SHUTDOWN, &f);
  if (e) return e;
  int how;
  switch (wasi_arg32(a, 1)) {
  case WASI_SD_RD: how = SHUT_RD; break;
  case WASI_SD_WR: how = SHUT_WR; break;
  case WASI_SD_RD | WASI_SD_WR: how = SHUT_RDWR; break;
  default: return WASI_EINVAL;
  }
  return shutdown(f->host, how) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
}
