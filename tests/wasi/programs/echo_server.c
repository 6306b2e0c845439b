/* echo_server.c — serves one client on the listening socket that
 * --tcplisten gives it (fd 3 when there is no --dir): waits for it with
 * poll_oneoff, accepts, echoes every line back upper-cased until the
 * client shuts down its side, then shuts down its own and exits. Also
 * checks the socket functions' edge cases on the way. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#include "../check.h"
#include "../raw.h"

#define LISTENER 3

static void wait_readable(int fd) {
  __wasi_subscription_t s;
  memset(&s, 0, sizeof s);
  s.userdata = 42;
  s.u.tag = __WASI_EVENTTYPE_FD_READ;
  s.u.u.fd_read.file_descriptor = (uint32_t)fd;
  __wasi_event_t ev;
  uint32_t n = 0;
  CHECK_EQ(raw_poll_oneoff(P(&s), P(&ev), 1, P(&n)), 0);
  CHECK(n == 1 && ev.userdata == 42 && ev.error == 0);
}

int main(void) {
  struct {
    uint8_t type, pad;
    uint16_t flags;
    uint32_t pad2;
    uint64_t base, inh;
  } st;
  CHECK_EQ(raw_fd_fdstat_get(LISTENER, P(&st)), 0);
  CHECK_EQ(st.type, 6); /* socket_stream */
  uint32_t client = 0;
  CHECK_EQ(raw_sock_accept(LISTENER, 0x10, P(&client)), 28); /* bad flags */
  CHECK_EQ(raw_sock_accept(LISTENER, 0, MEM_END - 2), 21);   /* bad pointer */
  CHECK_EQ(raw_sock_accept(1, 0, P(&client)), 76);           /* stdout can't accept */
  /* nonblocking: EAGAIN unless the client is already waiting */
  int r = raw_sock_accept(LISTENER, 4, P(&client));
  CHECK(r == 0 || r == 6);
  if (r != 0) {
    wait_readable(LISTENER);
    CHECK_EQ(raw_sock_accept(LISTENER, 0, P(&client)), 0);
  }
  CHECK_EQ(raw_fd_fdstat_get((int)client, P(&st)), 0);
  CHECK_EQ(st.type, 6);
  CHECK_EQ(raw_sock_shutdown((int)client, 0), 28);

  char line[256];
  size_t len = 0;
  int lines = 0;
  for (;;) {
    wait_readable((int)client);
    char peek[4];
    __wasi_iovec_t pv = {(uint8_t *)peek, sizeof peek};
    uint32_t got = 0;
    uint16_t roflags = 0xffff;
    CHECK_EQ(raw_sock_recv((int)client, P(&pv), 1, 1 /* peek */, P(&got), P(&roflags)), 0);
    CHECK_EQ(roflags, 0);
    char buf[128];
    __wasi_iovec_t v[2] = {{(uint8_t *)buf, 3}, {(uint8_t *)buf + 3, sizeof buf - 3}};
    uint32_t n = 0;
    CHECK_EQ(raw_sock_recv((int)client, P(v), 2, 0, P(&n), P(&roflags)), 0);
    CHECK(n >= got); /* what was peeked is still there */
    if (n == 0) break;
    for (uint32_t i = 0; i < n; i++) {
      if (len < sizeof line) line[len++] = (char)toupper((unsigned char)buf[i]);
      if (buf[i] == '\n') {
        __wasi_ciovec_t out = {(const uint8_t *)line, len};
        uint32_t sent = 0;
        CHECK_EQ(raw_sock_send((int)client, P(&out), 1, 0, P(&sent)), 0);
        CHECK_EQ(sent, len);
        len = 0;
        lines++;
      }
    }
  }
  CHECK_EQ(raw_sock_send((int)client, P(line), 0, 1, P(&client)), 28); /* siflags must be 0 */
  CHECK_EQ(raw_sock_shutdown((int)client, 2), 0);
  CHECK_EQ(raw_fd_close((int)client), 0);
  printf("echoed %d lines\n", lines);
  return checks_done();
}
