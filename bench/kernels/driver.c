/* Native driver: ./kernels NAME ARG prints the kernel's result, like cwasi --invoke. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int fib(int), sieve(int), crc32(int), mandel(int), nbody(int), matmul(int), qsort_k(int), bytecode(int);
int main(int argc, char **argv) {
  if (argc != 3) return 2;
  const char *n = argv[1];
  int a = atoi(argv[2]), r;
  if (!strcmp(n, "fib")) r = fib(a);
  else if (!strcmp(n, "sieve")) r = sieve(a);
  else if (!strcmp(n, "crc32")) r = crc32(a);
  else if (!strcmp(n, "mandel")) r = mandel(a);
  else if (!strcmp(n, "nbody")) r = nbody(a);
  else if (!strcmp(n, "matmul")) r = matmul(a);
  else if (!strcmp(n, "qsort")) r = qsort_k(a);
  else if (!strcmp(n, "bytecode")) r = bytecode(a);
  else return 2;
  printf("%d\n", r);
  return 0;
}
