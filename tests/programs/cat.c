/* cat.c — concatenates files (or stdin, also as "-") to stdout with raw
 * read()/write() and an odd buffer size, so short reads and the
 * end-of-file are exercised. Built natively and for wasm32-wasi; the
 * runner compares both. Exit status 1 if any file could not be read. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int copy(int fd) {
  char buf[1237];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0) return -1;
    if (n == 0) return 0;
    for (ssize_t off = 0; off < n;) {
      ssize_t w = write(1, buf + off, (size_t)(n - off));
      if (w <= 0) return -1;
      off += w;
    }
  }
}

int main(int argc, char **argv) {
  int status = 0;
  if (argc < 2) return copy(0) ? 1 : 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-") == 0) {
      if (copy(0)) status = 1;
      continue;
    }
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0 || copy(fd)) {
      fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
      status = 1;
    }
    if (fd >= 0) close(fd);
  }
  return status;
}
