/*
 * wasi_opts.c — `cwasi run`'s WASI flags, named as Wasmtime names them:
 *   --dir HOST[::GUEST]   preopen a directory (repeatable)
 *   --env KEY=VALUE       set a variable (repeatable)
 *   --inherit-env         start from cwasi's own environment
 *   --argv0 NAME          the guest's argv[0] (default: the module path)
 *   --tcplisten HOST:PORT preopen a listening socket (repeatable)
 * Each takes its value as the next word or after '='.
 * CWASI_WASI_RESOLVE=walk|openat2 picks the path resolver (for tests).
 */
#include "wasi_opts.h"

#include "cli.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

typedef enum { OPT_NONE, OPT_DIR, OPT_ENV, OPT_INHERIT_ENV, OPT_ARGV0, OPT_TCPLISTEN } opt_kind;

static const struct {
  const char *name;
  opt_kind kind;
  bool has_value;
} opt_table[] = {
    {"--dir", OPT_DIR, true},
    {"--env", OPT_ENV, true},
    {"--inherit-env", OPT_INHERIT_ENV, false},
    {"--argv0", OPT_ARGV0, true},
    {"--tcplisten", OPT_TCPLISTEN, true},
};

/* Recognises argv[*i]; sets *value and advances *i over a separate value
 * word. OPT_NONE for other arguments; -1 as a kind on a usage error. */
static int parse_one(int argc, char **argv, int *i, const char **value) {
  const char *arg = argv[*i];
  for (size_t k = 0; k < sizeof opt_table / sizeof opt_table[0]; k++) {
    size_t n = strlen(opt_table[k].name);
    if (strncmp(arg, opt_table[k].name, n) != 0) continue;
    if (arg[n] == '\0') {
      if (!opt_table[k].has_value) return opt_table[k].kind;
      if (*i + 1 >= argc) {
        fprintf(stderr, "cwasi: run: %s needs a value\n(see cwasi --help)\n", arg);
        return -1;
      }
      *value = argv[++*i];
      return opt_table[k].kind;
    }
    if (arg[n] == '=' && opt_table[k].has_value) {
      *value = arg + n + 1;
      return opt_table[k].kind;
    }
  }
  return OPT_NONE;
}

static bool check_value(opt_kind kind, const char *v) {
  const char *what = NULL;
  if (kind == OPT_DIR && !*v) what = "--dir needs a directory";
  if (kind == OPT_DIR && strncmp(v, "::", 2) == 0) what = "--dir: empty HOST in HOST::GUEST";
  if (kind == OPT_DIR && strstr(v, "::") && !strstr(v, "::")[2])
    what = "--dir: empty GUEST in HOST::GUEST";
  if (kind == OPT_ENV && (!strchr(v, '=') || v[0] == '=')) what = "--env expects KEY=VALUE";
  if (kind == OPT_TCPLISTEN && !strchr(v, ':')) what = "--tcplisten expects HOST:PORT";
  if (!what) return true;
  fprintf(stderr, "cwasi: run: %s, got '%s'\n(see cwasi --help)\n", what, v);
  return false;
}

int cli_wasi_option(int argc, char **argv, int *i) {
  const char *value = NULL;
  int kind = parse_one(argc, argv, i, &value);
  if (kind <= 0) return kind;
  return !value || check_value((opt_kind)kind, value) ? 1 : -1;
}

cwasi_wasi *cli_wasi_setup(cwasi_store *store, cwasi_linker *linker, char **opts, int nopts,
                           const char *module, int nargs, char **args, int *status) {
  cwasi_wasi_config cfg;
  cwasi_wasi_config_init(&cfg);
  size_t n = (size_t)nopts + (size_t)nargs + 1;
  cwasi_wasi_dir *dirs = calloc(n, sizeof *dirs);
  const char **env = calloc(n, sizeof *env), **listen = calloc(n, sizeof *listen);
  const char **argv = calloc(n, sizeof *argv);
  char **guest_names = calloc(n, sizeof *guest_names);
  const char *argv0 = module;
  cwasi_wasi *wasi = NULL;
  cwasi_error err;
  *status = CLI_EXIT_MODULE;
  if (!dirs || !env || !listen || !argv || !guest_names) {
    fprintf(stderr, "cwasi: out of memory\n");
    goto done;
  }
  for (int i = 0; i < nopts; i++) {
    if (strcmp(opts[i], "--invoke") == 0) {
      i++; /* its value is a function name, whatever it looks like */
      continue;
    }
    const char *v = NULL;
    switch (parse_one(nopts, opts, &i, &v)) {
    case OPT_DIR: {
      const char *sep = strstr(v, "::");
      cwasi_wasi_dir *d = &dirs[cfg.ndirs++];
      if (!sep) {
        d->host_path = v;
        break;
      }
      /* HOST::GUEST: HOST needs its own NUL-terminated copy. */
      char *host = strndup(v, (size_t)(sep - v));
      if (!host) {
        fprintf(stderr, "cwasi: out of memory\n");
        goto done;
      }
      guest_names[cfg.ndirs - 1] = host;
      d->host_path = host;
      d->guest_path = sep + 2;
      break;
    }
    case OPT_ENV: env[cfg.envc++] = v; break;
    case OPT_INHERIT_ENV: cfg.inherit_env = true; break;
    case OPT_ARGV0: argv0 = v; break;
    case OPT_TCPLISTEN: listen[cfg.ntcp_listen++] = v; break;
    default: break;
    }
  }
  argv[0] = argv0;
  for (int i = 0; i < nargs; i++)
    argv[i + 1] = args[i];
  cfg.argv = argv;
  cfg.argc = (size_t)nargs + 1;
  cfg.env = env;
  cfg.dirs = dirs;
  cfg.tcp_listen = listen;
  const char *resolve = getenv("CWASI_WASI_RESOLVE");
  if (resolve && strcmp(resolve, "walk") == 0) cfg.resolve = CWASI_WASI_RESOLVE_WALK;
  if (resolve && strcmp(resolve, "openat2") == 0) cfg.resolve = CWASI_WASI_RESOLVE_OPENAT2;

  wasi = cwasi_wasi_new(store, &cfg, &err);
  if (!wasi) {
    fprintf(stderr, "cwasi: %s\n", err.message);
    /* A flag value that does not parse (--tcplisten nonsense:80) is a bad
     * command line; a directory or port that cannot be opened is not. */
    if (err.status == CWASI_ERR_ARG) *status = CLI_EXIT_USAGE;
    goto done;
  }
  if (cwasi_wasi_define(wasi, linker, &err) != CWASI_OK) {
    fprintf(stderr, "cwasi: %s\n", err.message);
    cwasi_wasi_delete(wasi);
    wasi = NULL;
    goto done;
  }
  /* As in Wasmtime: a guest writing to a closed pipe gets EPIPE. */
  signal(SIGPIPE, SIG_IGN);
  *status = CLI_EXIT_OK;
done:
  for (size_t i = 0; guest_names && i < n; i++)
    free(guest_names[i]);
  free(guest_names);
  free(dirs);
  free(env);
  free(listen);
  free(argv);
  return wasi;
}
