/* sleep.c — sleeps argv[1] milliseconds with nanosleep (poll_oneoff
 * underneath) and reports whether at least that much time passed. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
  long ms = argc > 1 ? atol(argv[1]) : 100;
  struct timespec t0, t1, d = {ms / 1000, (ms % 1000) * 1000000};
  clock_gettime(CLOCK_MONOTONIC, &t0);
  if (nanosleep(&d, NULL) != 0) {
    perror("nanosleep");
    return 1;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  long long el = (t1.tv_sec - t0.tv_sec) * 1000LL + (t1.tv_nsec - t0.tv_nsec) / 1000000;
  printf("slept %s\n", el >= ms ? "long enough" : "too little");
  return el >= ms ? 0 : 1;
}
