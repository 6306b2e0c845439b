/*
 * swapper.c — a native helper for the sandbox-escape battery: exchanges
 * pairs of paths (renameat2 RENAME_EXCHANGE) as fast as it can until
 * SIGTERM, then leaves every pair as it found it.
 * usage: swapper A1 B1 [A2 B2 ...]
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static volatile sig_atomic_t stop;
static void on_term(int sig) {
  (void)sig;
  stop = 1;
}

int main(int argc, char **argv) {
  if (argc < 3 || (argc - 1) % 2) {
    fprintf(stderr, "usage: swapper A1 B1 [A2 B2 ...]\n");
    return 2;
  }
  signal(SIGTERM, on_term);
  int npairs = (argc - 1) / 2;
  unsigned long swaps[64] = {0};
  if (npairs > 64) return 2;
  while (!stop) {
    for (int i = 0; i < npairs; i++)
      if (renameat2(AT_FDCWD, argv[1 + 2 * i], AT_FDCWD, argv[2 + 2 * i], RENAME_EXCHANGE) == 0)
        swaps[i]++;
  }
  for (int i = 0; i < npairs; i++)
    if (swaps[i] % 2 &&
        renameat2(AT_FDCWD, argv[1 + 2 * i], AT_FDCWD, argv[2 + 2 * i], RENAME_EXCHANGE) != 0) {
      perror("swapper: restore");
      return 1;
    }
  unsigned long total = 0;
  for (int i = 0; i < npairs; i++)
    total += swaps[i];
  printf("%lu\n", total);
  return 0;
}
