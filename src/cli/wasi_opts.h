/*
 * wasi_opts.h — the WASI flags of `cwasi run` (--dir, --env, --inherit-env,
 * --argv0, --tcplisten) and setting up the WASI context from them.
 */
#ifndef CW_CLI_WASI_OPTS_H
#define CW_CLI_WASI_OPTS_H

#include "cwasi.h"

/* The help text's lines for these flags. */
#define CLI_WASI_USAGE                                                                             \
  "  --dir HOST[::GUEST]    let the guest use directory HOST, named GUEST (default HOST)\n"        \
  "  --env KEY=VALUE        set an environment variable for the guest\n"                           \
  "  --inherit-env          pass cwasi's whole environment to the guest\n"                         \
  "  --argv0 NAME           the guest's argv[0] (default: MODULE.wasm as given)\n"                 \
  "  --tcplisten HOST:PORT  give the guest a listening TCP socket (fds after the dirs)\n"

/* If argv[*i] is a WASI flag, checks it, moves *i onto its last word (as
 * the caller's loop expects) and returns 1; returns 0 for any other
 * argument; -1 after printing a usage error. Nothing is allocated. */
int cli_wasi_option(int argc, char **argv, int *i);

/* Creates the WASI context from the WASI flags among opts[0..nopts) (the
 * run command's options; --invoke's value is skipped) with guest argv =
 * {--argv0 or module, args...}, and defines it into linker. NULL after
 * printing a one-line error, with *status set. Also makes writes to a
 * closed pipe fail with EPIPE instead of killing cwasi. */
cwasi_wasi *cli_wasi_setup(cwasi_store *store, cwasi_linker *linker, char **opts, int nopts,
                           const char *module, int nargs, char **args, int *status);

#endif /* CW_CLI_WASI_OPTS_H */
