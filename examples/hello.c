/*
 * hello.c — the WASI demo: compiled with `clang --target=wasm32-wasi` and
 * run by `make demo` as
 *   cwasi run --dir examples::/examples build/examples/hello.wasm world
 * It greets its arguments and lists the directory it was given: the guest
 * sees only what --dir preopens, under the name after `::`.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  printf("hello from WebAssembly,");
  for (int i = 1; i < argc; i++) printf(" %s", argv[i]);
  printf("\n");

  DIR *dir = opendir("/examples");
  if (!dir) {
    perror("/examples (run with --dir examples::/examples)");
    return 1;
  }
  struct dirent *e;
  int n = 0;
  while ((e = readdir(dir)) != NULL)
    if (e->d_name[0] != '.') n++;
  closedir(dir);
  printf("/examples holds %d files; /etc is %s\n", n,
         opendir("/etc") ? "visible (!)" : "out of reach");
  return 0;
}
