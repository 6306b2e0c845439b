/* trap.c — traps in a function the message must name, after writing to
 * stdout (which must reach the pipe: wasi-libc flushes nothing on a trap,
 * so write(2) directly). */
#include <string.h>
#include <unistd.h>

__attribute__((noinline)) void deliberately_trapping(int depth) {
  if (depth == 0) __builtin_trap();
  deliberately_trapping(depth - 1);
}

int main(int argc, char **argv) {
  (void)argv;
  write(1, "before\n", 7);
  deliberately_trapping(argc);
  return 0;
}
