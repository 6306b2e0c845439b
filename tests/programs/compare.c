/* compare.c — one C program run natively and under cwasi with the same
 * argv (argv[0] too, via --argv0), environment, stdin and a fresh current
 * directory; the runner requires identical stdout, files left behind and
 * exit status. Uses stdio, files, directories, time(), randomness from
 * getentropy(), getenv()/environ and argv. Values that legitimately
 * differ between runs (times, random bytes) are printed as properties;
 * errors as errno names, since strerror() texts differ between libcs. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static const char *errname(int e) {
  switch (e) {
  case 0: return "ok";
  case ENOENT: return "ENOENT";
  case EEXIST: return "EEXIST";
  case ENOTEMPTY: return "ENOTEMPTY";
  case ENOTDIR: return "ENOTDIR";
  case EISDIR: return "EISDIR";
  default: return "other";
  }
}

#define TRY(expr) (errno = 0, (void)(expr), errname(errno))

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    printf("opendir %s: %s\n", dir, errname(errno));
    return;
  }
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 64) names[n++] = strdup(e->d_name);
  closedir(d);
  qsort(names, (size_t)n, sizeof *names, cmp);
  printf("%s:", dir);
  for (int i = 0; i < n; i++) {
    struct stat st;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    int isdir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
    if (isdir) printf(" %s/", names[i]);
    else printf(" %s(%lld)", names[i], (long long)st.st_size);
    free(names[i]);
  }
  printf("\n");
}

int main(int argc, char **argv) {
  /* argv and environment */
  printf("argc=%d\n", argc);
  for (int i = 0; i < argc; i++) printf("argv[%d]=\"%s\"\n", i, argv[i]);
  int nenv = 0;
  char *envs[64];
  for (char **e = environ; *e && nenv < 64; e++) envs[nenv++] = *e;
  qsort(envs, (size_t)nenv, sizeof *envs, cmp);
  for (int i = 0; i < nenv; i++) printf("env: %s\n", envs[i]);
  const char *who = getenv("WHO");
  printf("getenv(WHO)=%s getenv(NOPE)=%s\n", who ? who : "(null)", getenv("NOPE") ? "set" : "(null)");

  /* stdin */
  char line[256];
  long sum = 0;
  int lines = 0;
  while (fgets(line, sizeof line, stdin)) {
    sum += strtol(line, NULL, 10);
    lines++;
  }
  printf("stdin: %d lines, sum %ld\n", lines, sum);

  /* clocks */
  time_t t = time(NULL);
  struct timespec rt, mono1, mono2;
  struct timeval tv;
  clock_gettime(CLOCK_REALTIME, &rt);
  gettimeofday(&tv, NULL);
  printf("time is plausible: %s\n", t > 1577836800 && t < 4102444800 ? "yes" : "no");
  printf("clocks agree: %s\n",
         rt.tv_sec - t <= 2 && rt.tv_sec >= t && tv.tv_sec - t <= 2 && tv.tv_sec >= t ? "yes" : "no");
  struct tm tm;
  gmtime_r(&t, &tm);
  printf("year is plausible: %s\n", tm.tm_year + 1900 >= 2020 ? "yes" : "no");
  clock_gettime(CLOCK_MONOTONIC, &mono1);
  volatile unsigned long spin = 0;
  for (unsigned long i = 0; i < 2000000; i++) spin += i;
  (void)spin;
  clock_gettime(CLOCK_MONOTONIC, &mono2);
  long long d = (mono2.tv_sec - mono1.tv_sec) * 1000000000ll + (mono2.tv_nsec - mono1.tv_nsec);
  printf("monotonic clock advances: %s\n", d > 0 ? "yes" : "no");

  /* randomness */
  unsigned char a[32], b[32];
  int ge = getentropy(a, sizeof a) | getentropy(b, sizeof b);
  printf("getentropy: %s, two draws differ: %s\n", ge == 0 ? "ok" : "failed",
         memcmp(a, b, sizeof a) ? "yes" : "no");
  int zero = 1;
  for (size_t i = 0; i < sizeof a; i++) zero &= a[i] == 0;
  printf("entropy is not all zero: %s\n", zero ? "no" : "yes");
  unsigned seed;
  memcpy(&seed, a, sizeof seed);
  srand(seed);
  int faces[6] = {0};
  for (int i = 0; i < 6000; i++) faces[rand() % 6]++;
  int fair = 1;
  for (int i = 0; i < 6; i++) fair &= faces[i] > 800 && faces[i] < 1200;
  printf("6000 dice rolls look fair: %s\n", fair ? "yes" : "no");

  /* files and directories */
  printf("mkdir work: %s\n", TRY(mkdir("work", 0755)));
  printf("mkdir work again: %s\n", TRY(mkdir("work", 0755)));
  printf("mkdir work/a/b: %s\n", TRY(mkdir("work/a/b", 0755)));
  printf("mkdir work/a: %s\n", TRY(mkdir("work/a", 0755)));
  printf("mkdir work/a/b: %s\n", TRY(mkdir("work/a/b", 0755)));
  FILE *f = fopen("work/a/notes.txt", "w");
  for (int i = 0; i < argc; i++) fprintf(f, "%d:%s\n", i, i ? argv[i] : "argv0");
  fclose(f);
  f = fopen("work/a/notes.txt", "a");
  fputs("appended\n", f);
  fclose(f);
  f = fopen("work/a/notes.txt", "r+");
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  fputc('#', f);
  fseek(f, -9, SEEK_END);
  char tail[16] = {0};
  size_t got = fread(tail, 1, sizeof tail - 1, f);
  fclose(f);
  printf("notes.txt: size %ld, tail %zu bytes \"%.8s\"\n", size, got, tail);
  f = fopen("work/a/notes.txt", "r");
  printf("first line: ");
  if (fgets(line, sizeof line, f)) fputs(line, stdout);
  fclose(f);
  int fd = open("work/a/nums.bin", O_CREAT | O_EXCL | O_RDWR, 0644);
  int nums[100];
  for (int i = 0; i < 100; i++) nums[i] = i * i;
  ssize_t w = write(fd, nums, sizeof nums);
  int back = 0;
  ssize_t r = pread(fd, &back, sizeof back, 50 * sizeof(int));
  printf("nums.bin: wrote %zd, pread %zd -> %d\n", w, r, back);
  printf("ftruncate: %s\n", TRY(ftruncate(fd, 40)));
  close(fd);
  printf("open O_EXCL existing: %s\n", TRY(open("work/a/nums.bin", O_CREAT | O_EXCL | O_RDWR, 0644)));
  printf("open missing: %s\n", TRY(open("work/nope", O_RDONLY)));
  printf("rename: %s\n", TRY(rename("work/a/nums.bin", "work/a/b/squares.bin")));
  list("work");
  list("work/a");
  list("work/a/b");
  printf("rmdir work/a: %s\n", TRY(rmdir("work/a")));
  printf("unlink work/a: %s\n", TRY(unlink("work/a")));
  printf("rmdir notes.txt: %s\n", TRY(rmdir("work/a/notes.txt")));
  printf("unlink squares: %s\n", TRY(unlink("work/a/b/squares.bin")));
  printf("rmdir work/a/b: %s\n", TRY(rmdir("work/a/b")));
  printf("stat work/a/b: %s\n", TRY(access("work/a/b", F_OK)));
  list("work/a");
  f = fopen("result.txt", "w");
  fprintf(f, "sum=%ld\n", sum);
  fclose(f);
  return (int)(sum % 200) + argc;
}
