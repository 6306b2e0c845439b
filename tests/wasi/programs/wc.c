/* wc.c — lines, words and bytes of stdin or each file, like wc(1). */
#include <ctype.h>
#include <stdio.h>

static void count(FILE *f, const char *name, long long total[3]) {
  long long lines = 0, words = 0, bytes = 0;
  int c, in_word = 0;
  while ((c = getc(f)) != EOF) {
    bytes++;
    if (c == '\n') lines++;
    if (isspace(c)) {
      in_word = 0;
    } else if (!in_word) {
      in_word = 1;
      words++;
    }
  }
  printf("%7lld %7lld %7lld%s%s\n", lines, words, bytes, name ? " " : "", name ? name : "");
  total[0] += lines, total[1] += words, total[2] += bytes;
}

int main(int argc, char **argv) {
  long long total[3] = {0, 0, 0};
  if (argc < 2) {
    count(stdin, NULL, total);
    return 0;
  }
  for (int i = 1; i < argc; i++) {
    FILE *f = fopen(argv[i], "r");
    if (!f) {
      perror(argv[i]);
      return 1;
    }
    count(f, argv[i], total);
    fclose(f);
  }
  if (argc > 2) printf("%7lld %7lld %7lld total\n", total[0], total[1], total[2]);
  return 0;
}
