/*
 * no_openat2.c — runs a command under a seccomp filter that makes openat2
 * fail with ENOSYS, as on a kernel older than 5.6, so the resolver's
 * fallback to the component walk is exercised. A filter (not an LD_PRELOAD
 * shim) because cwasi is a static binary and makes the system call itself.
 * With --eagain it fails with EAGAIN instead, as openat2(RESOLVE_BENEATH)
 * does for a ".." lookup while renames happen elsewhere on the system.
 *   no_openat2 [--eagain] COMMAND [ARGS...]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
  int err = ENOSYS;
  if (argc > 1 && strcmp(argv[1], "--eagain") == 0) err = EAGAIN, argv++, argc--;
  if (argc < 2) {
    fprintf(stderr, "usage: no_openat2 [--eagain] COMMAND [ARGS...]\n");
    return 2;
  }
  struct sock_filter code[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat2, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (unsigned)err),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog prog = {.len = sizeof code / sizeof code[0], .filter = code};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
      prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0) {
    fprintf(stderr, "no_openat2: seccomp: %s\n", strerror(errno));
    return 2;
  }
  execvp(argv[1], argv + 1);
  fprintf(stderr, "no_openat2: %s: %s\n", argv[1], strerror(errno));
  return 127;
}
