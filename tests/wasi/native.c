/*
 * native.c — runs natively and under cwasi; the runner requires the same
 * stdout and exit status from both. Uses stdio, files, directories,
 * time(), rand() seeded from getentropy(), getenv() and argv. Works in the
 * current directory (natively) or the preopened "." (under cwasi).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; i++)
    printf("argv[%d]=%s\n", i, argv[i]);
  const char *g = getenv("GREETING");
  printf("GREETING=%s\n", g ? g : "(unset)");
  printf("MISSING=%s\n", getenv("CWASI_SURELY_UNSET") ? "set" : "(unset)");

  time_t now = time(NULL);
  printf("time is after 2020: %s\n", now > 1577836800 ? "yes" : "no");
  unsigned char e1[16], e2[16];
  if (getentropy(e1, sizeof e1) != 0 || getentropy(e2, sizeof e2) != 0) return 10;
  printf("entropy differs: %s\n", memcmp(e1, e2, sizeof e1) ? "yes" : "no");
  unsigned seed;
  memcpy(&seed, e1, sizeof seed);
  srand(seed);
  int in_range = 1;
  for (int i = 0; i < 1000; i++) {
    int r = rand() % 6;
    if (r < 0 || r > 5) in_range = 0;
  }
  printf("dice in range: %s\n", in_range ? "yes" : "no");

  if (mkdir("out", 0755) != 0 && errno != EEXIST) {
    perror("mkdir");
    return 11;
  }
  for (int i = 0; i < 5; i++) {
    char name[64];
    snprintf(name, sizeof name, "out/file%d.txt", (i * 3) % 5);
    FILE *f = fopen(name, "w");
    if (!f) {
      perror(name);
      return 12;
    }
    for (int k = 0; k <= i; k++)
      fprintf(f, "line %d of %s: %.3f\n", k, name, k / 7.0);
    fclose(f);
  }
  if (rename("out/file4.txt", "out/renamed.txt") != 0) perror("rename");
  if (unlink("out/file1.txt") != 0) perror("unlink");
  if (symlink("renamed.txt", "out/link") != 0) perror("symlink");
  if (fopen("out/missing.txt", "r") == NULL) printf("missing.txt: %s\n", strerror(errno));
  if (mkdir("out", 0755) != 0) printf("mkdir out again: %s\n", strerror(errno));
  if (rmdir("out") != 0) printf("rmdir out: %s\n", strerror(errno));

  DIR *d = opendir("out");
  if (!d) return 13;
  char *names[32];
  int n = 0;
  struct dirent *de;
  while ((de = readdir(d)) && n < 32)
    names[n++] = strdup(de->d_name);
  closedir(d);
  qsort(names, (size_t)n, sizeof *names, cmp);
  for (int i = 0; i < n; i++) {
    char path[128];
    snprintf(path, sizeof path, "out/%s", names[i]);
    struct stat st, lst;
    stat(path, &st);
    lstat(path, &lst);
    printf("%-12s %s %5lld bytes\n", names[i],
           S_ISLNK(lst.st_mode)  ? "link"
           : S_ISDIR(st.st_mode) ? "dir "
                                 : "file",
           S_ISDIR(st.st_mode) ? 0LL : (long long)st.st_size);
    free(names[i]);
  }
  FILE *f = fopen("out/link", "r");
  char line[128];
  int lines = 0;
  while (f && fgets(line, sizeof line, f))
    lines++;
  if (f) fclose(f);
  printf("lines via link: %d\n", lines);
  f = fopen("out/renamed.txt", "a+");
  fputs("appended\n", f);
  fseek(f, 0, SEEK_SET);
  long size = 0;
  while (fgets(line, sizeof line, f))
    size += (long)strlen(line);
  printf("size after append: %ld, ftell %ld\n", size, ftell(f));
  fclose(f);
  fprintf(stderr, "a line on stderr\n");
  return 3;
}
