/* ls.c — `ls -R` with sorted names: each directory's path, then its
 * entries (directories marked with '/', symlinks with '@' and target). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list(const char *path) {
  DIR *d = opendir(path);
  if (!d) {
    perror(path);
    return 1;
  }
  char **names = NULL;
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    names = realloc(names, (n + 1) * sizeof *names);
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, cmp);
  printf("%s:\n", path);
  int status = 0;
  char **dirs = calloc(n + 1, sizeof *dirs);
  size_t nd = 0;
  for (size_t i = 0; i < n; i++) {
    char full[1024];
    snprintf(full, sizeof full, "%s/%s", path, names[i]);
    struct stat st;
    if (lstat(full, &st) != 0) {
      perror(full);
      status = 1;
    } else if (S_ISDIR(st.st_mode)) {
      printf("  %s/\n", names[i]);
      dirs[nd++] = strdup(full);
    } else if (S_ISLNK(st.st_mode)) {
      char target[256] = "";
      ssize_t k = readlink(full, target, sizeof target - 1);
      if (k >= 0) target[k] = '\0';
      printf("  %s@ -> %s\n", names[i], target);
    } else {
      printf("  %s (%lld bytes)\n", names[i], (long long)st.st_size);
    }
    free(names[i]);
  }
  free(names);
  for (size_t i = 0; i < nd; i++) {
    status |= list(dirs[i]);
    free(dirs[i]);
  }
  free(dirs);
  return status;
}

int main(int argc, char **argv) { return list(argc > 1 ? argv[1] : "."); }
