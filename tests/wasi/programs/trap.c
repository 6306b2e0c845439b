/* trap.c — traps in a function the message must name, after writing to
 * stdout (which must reach the pipe: wasi-libc flushes nothing on a trap,
 * so write(2) directly). With argument "raise": proc_raise(SIGABRT), which
 * cwasi, like Wasmtime, does not support and ends with a trap. */
#include <string.h>
#include <unistd.h>

#include "../raw.h"

__attribute__((noinline)) void deliberately_trapping(int depth) {
  if (depth == 0) __builtin_trap();
  deliberately_trapping(depth - 1);
}

int main(int argc, char **argv) {
  write(1, "before\n", 7);
  if (argc > 1 && strcmp(argv[1], "raise") == 0) {
    raw_proc_raise(6);
    write(1, "after\n", 6);
    return 0;
  }
  deliberately_trapping(argc);
  return 0;
}
