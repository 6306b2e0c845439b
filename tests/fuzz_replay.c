/*
 * fuzz_replay.c — runs a fuzz target's LLVMFuzzerTestOneInput over files
 * and directories of inputs, without libFuzzer: `make test` replays each
 * target's seed corpus with it (built by the normal compiler), and a crash
 * found by `make fuzz` can be replayed under a debugger the same way.
 * Exits 0 after every input ran (a failed check aborts), 2 on a bad path.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "fuzz_replay: cannot open %s\n", path);
    return -1;
  }
  uint8_t *buf = NULL;
  size_t len = 0, cap = 0, n;
  do {
    if (len == cap) {
      cap = cap ? cap * 2 : 4096;
      uint8_t *bigger = realloc(buf, cap);
      if (!bigger) {
        fprintf(stderr, "fuzz_replay: out of memory reading %s\n", path);
        free(buf);
        fclose(f);
        return -1;
      }
      buf = bigger;
    }
    n = fread(buf + len, 1, cap - len, f);
    len += n;
  } while (n > 0);
  fclose(f);
  LLVMFuzzerTestOneInput(buf, len);
  free(buf);
  return 1;
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays a file, or every regular file of a directory in name order;
 * returns the number replayed or -1. */
static int replay(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) {
    fprintf(stderr, "fuzz_replay: no such file or directory: %s\n", path);
    return -1;
  }
  if (!S_ISDIR(st.st_mode)) return replay_file(path);
  DIR *d = opendir(path);
  if (!d) return -1;
  char **names = NULL;
  size_t count = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    char **bigger = realloc(names, (count + 1) * sizeof *names);
    size_t len = strlen(path) + strlen(e->d_name) + 2;
    char *full = malloc(len);
    if (!bigger || !full) {
      free(full);
      free(bigger ? bigger : names);
      closedir(d);
      return -1;
    }
    names = bigger;
    snprintf(full, len, "%s/%s", path, e->d_name);
    names[count++] = full;
  }
  closedir(d);
  qsort(names, count, sizeof *names, cmp_names);
  int total = 0;
  for (size_t i = 0; i < count; i++) {
    int r = total >= 0 ? replay_file(names[i]) : 0;
    total = r < 0 ? -1 : total + r;
    free(names[i]);
  }
  free(names);
  return total;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s FILE-OR-DIR...\n", argv[0]);
    return 2;
  }
  int total = 0;
  for (int i = 1; i < argc; i++) {
    int r = replay(argv[i]);
    if (r < 0) return 2;
    total += r;
  }
  printf("%s: %d inputs replayed\n", argv[0], total);
  return 0;
}
