/* hello.c — the module whose start-up time and peak RSS `make bench` reports. */
#include <stdio.h>

int main(void) {
  puts("hello, world");
  return 0;
}
