/* cp.c — copies SRC to DST with open/read/write, keeping the mode bits;
 * prints the byte count. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: cp SRC DST\n");
    return 2;
  }
  int in = open(argv[1], O_RDONLY);
  if (in < 0) {
    perror(argv[1]);
    return 1;
  }
  struct stat st;
  fstat(in, &st);
  int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 0777);
  if (out < 0) {
    perror(argv[2]);
    return 1;
  }
  char buf[8192];
  long long total = 0;
  ssize_t n;
  while ((n = read(in, buf, sizeof buf)) > 0) {
    for (ssize_t off = 0; off < n;) {
      ssize_t w = write(out, buf + off, (size_t)(n - off));
      if (w < 0) {
        perror("write");
        return 1;
      }
      off += w;
    }
    total += n;
  }
  if (n < 0 || close(out) != 0) {
    perror("cp");
    return 1;
  }
  close(in);
  printf("copied %lld bytes\n", total);
  return 0;
}
