/* ls.c — `ls -R`: lists a tree depth first, entries sorted, one line
 * each: type, name, and for files the size, link count and mtime, for
 * symlinks the target (never followed). Also reports whether readdir
 * returned "." and "..". Built natively and for wasm32-wasi; the runner
 * compares both and checks a few lines by hand. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list(const char *path) {
  DIR *d = opendir(path);
  if (!d) {
    fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
    return 1;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  int dots = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
      dots++;
      continue;
    }
    if (n == cap) {
      cap = cap ? cap * 2 : 16;
      names = realloc(names, cap * sizeof *names);
      if (!names) return 1;
    }
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, by_name);
  printf("%s: (%d of . and ..)\n", path, dots);
  int status = 0;
  char **subdirs = calloc(n + 1, sizeof *subdirs);
  size_t nsub = 0;
  for (size_t i = 0; i < n; i++) {
    char full[4096];
    snprintf(full, sizeof full, "%s/%s", path, names[i]);
    struct stat st;
    if (lstat(full, &st) != 0) {
      fprintf(stderr, "ls: %s: %s\n", full, strerror(errno));
      status = 1;
    } else if (S_ISDIR(st.st_mode)) {
      printf("  d %s/\n", names[i]);
      subdirs[nsub++] = strdup(full);
    } else if (S_ISLNK(st.st_mode)) {
      char target[4096];
      ssize_t len = readlink(full, target, sizeof target - 1);
      target[len < 0 ? 0 : len] = 0;
      printf("  l %s -> %s\n", names[i], target);
    } else if (S_ISREG(st.st_mode)) {
      printf("  f %s size=%lld links=%lu mtime=%lld\n", names[i], (long long)st.st_size,
             (unsigned long)st.st_nlink, (long long)st.st_mtime);
    } else {
      printf("  ? %s\n", names[i]);
    }
    free(names[i]);
  }
  free(names);
  for (size_t i = 0; i < nsub; i++) {
    status |= list(subdirs[i]);
    free(subdirs[i]);
  }
  free(subdirs);
  return status;
}

int main(int argc, char **argv) {
  int status = 0;
  for (int i = 1; i < argc; i++) status |= list(argv[i]);
  return status;
}
