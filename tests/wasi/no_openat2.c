/*
 * no_openat2.c — an LD_PRELOAD library for the tests: makes syscall(2)
 * answer ENOSYS for openat2, as a kernel older than 5.6 does, so the
 * resolver's fallback to the component walk is exercised. Reports at exit
 * how many openat2 calls it refused.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static unsigned long refused;

long syscall(long n, ...) {
  va_list ap;
  long a[6];
  va_start(ap, n);
  for (int i = 0; i < 6; i++)
    a[i] = va_arg(ap, long);
  va_end(ap);
  if (n == SYS_openat2) {
    refused++;
    errno = ENOSYS;
    return -1;
  }
  long (*real)(long, ...) = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
  return real(n, a[0], a[1], a[2], a[3], a[4], a[5]);
}

__attribute__((destructor)) static void report(void) {
  fprintf(stderr, "no_openat2: refused %lu\n", refused);
}
