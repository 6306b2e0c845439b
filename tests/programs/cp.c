/* cp.c — `cp -rp SRC DST`: copies a file or a whole tree (directories,
 * regular files, symlinks as symlinks), keeping file mtimes (futimens).
 * Refuses to overwrite an existing destination file (O_EXCL). Prints a
 * summary line; exit status 1 on any error. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct totals {
  long files, dirs, links;
  long long bytes;
};

static int fail(const char *what, const char *path) {
  fprintf(stderr, "cp: %s %s: %s\n", what, path, strerror(errno));
  return 1;
}

static int copy_file(const char *src, const char *dst, const struct stat *st, struct totals *t) {
  int in = open(src, O_RDONLY);
  if (in < 0) return fail("open", src);
  int out = open(dst, O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (out < 0) {
    close(in);
    return fail("create", dst);
  }
  static char buf[65536];
  ssize_t n;
  while ((n = read(in, buf, sizeof buf)) > 0) {
    for (ssize_t off = 0; off < n;) {
      ssize_t w = write(out, buf + off, (size_t)(n - off));
      if (w <= 0) return fail("write", dst);
      off += w;
    }
    t->bytes += n;
  }
  if (n < 0) return fail("read", src);
  struct timespec times[2] = {st->st_atim, st->st_mtim};
  if (futimens(out, times) != 0) return fail("futimens", dst);
  close(in);
  if (close(out) != 0) return fail("close", dst);
  t->files++;
  return 0;
}

static int copy(const char *src, const char *dst, struct totals *t) {
  struct stat st;
  if (lstat(src, &st) != 0) return fail("stat", src);
  if (S_ISLNK(st.st_mode)) {
    char target[4096];
    ssize_t len = readlink(src, target, sizeof target - 1);
    if (len < 0) return fail("readlink", src);
    target[len] = 0;
    if (symlink(target, dst) != 0) return fail("symlink", dst);
    t->links++;
    return 0;
  }
  if (!S_ISDIR(st.st_mode)) return copy_file(src, dst, &st, t);
  if (mkdir(dst, 0755) != 0) return fail("mkdir", dst);
  t->dirs++;
  DIR *d = opendir(src);
  if (!d) return fail("opendir", src);
  int status = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    char s[4096], o[4096];
    snprintf(s, sizeof s, "%s/%s", src, e->d_name);
    snprintf(o, sizeof o, "%s/%s", dst, e->d_name);
    status |= copy(s, o, t);
  }
  closedir(d);
  return status;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: cp SRC DST\n");
    return 2;
  }
  struct totals t = {0, 0, 0, 0};
  int status = copy(argv[1], argv[2], &t);
  printf("%ld files, %ld dirs, %ld links, %lld bytes\n", t.files, t.dirs, t.links, t.bytes);
  return status;
}
