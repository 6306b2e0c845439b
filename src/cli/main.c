/*
 * main.c — the `cwasi` command: run, validate, --help, --version.
 *
 * Every failure is one line on stderr, `cwasi: <what>: <message>`, and an
 * exit status from cli.h, so scripts can tell a bad module (1) from a bad
 * command line (2) and a trap (134).
 */
#include "cli.h"
#include "limits.h"
#include "text/wat.h"
#include "wasi_opts.h"
#include "wast/wast.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_text[] =
    "usage: cwasi run [--invoke NAME] [WASI OPTIONS] [LIMITS] MODULE [ARGS...]\n"
    "       cwasi validate MODULE\n"
    "       cwasi wast [-v] [--limit-checks] SCRIPT.wast...\n"
    "       cwasi --help | --version\n"
    "\n"
    "cwasi is a WebAssembly runtime (WebAssembly 2.0 core, WASI preview1).\n"
    "A MODULE is a binary module (.wasm) or a text module (.wat): the content\n"
    "decides, not the file name.\n"
    "\n"
    "commands:\n"
    "  run        instantiate the module and call its _start export if it has one;\n"
    "             with --invoke NAME, call the exported function NAME with ARGS\n"
    "             (i32/i64: decimal or 0x hex, may be negative; f32/f64: decimal,\n"
    "             nan, inf) and print each result on its own line\n"
    "  validate   decode and validate the module; prints nothing if it is valid\n"
    "  wast       run spec test scripts: one line per file, then\n"
    "             \"N passed, N failed, N skipped\" (skips by feature); with -v,\n"
    "             one line per failure (file:line: command: what); with\n"
    "             --limit-checks, code carries fuel and interruption checks\n"
    "             (unlimited fuel): results must be the same\n"
    "\n"
    "WASI options of run (ARGS become the guest's argv[1...]; no --dir: no files):\n"
    CLI_WASI_USAGE
    "\n"
    "limits of run (fuel, time and stack traps exit 134; size limits make a grow fail):\n"
    CLI_LIMITS_USAGE
    "\n"
    "exit status:\n"
    "  0    success\n"
    "  1    the module could not be read, parsed, decoded, validated, linked or\n"
    "       run; for wast: a script had failures\n"
    "  2    usage error (unknown flag, missing or bad argument, unknown export)\n"
    "  134  the module trapped, ran out of fuel or time (message: \"cwasi: trap: ...\")\n"
    "  N    the module asked to exit with status N (proc_exit(N), N 0-255; a larger\n"
    "       N is status 1; proc_exit(134) looks like a trap but prints no message)\n";

static int usage_error(const char *fmt, const char *arg) __attribute__((format(printf, 1, 0)));
static int usage_error(const char *fmt, const char *arg) {
  fputs("cwasi: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\n(see cwasi --help)\n", stderr);
  return CLI_EXIT_USAGE;
}

/* Reads the whole file; NULL with errno set on failure. Only regular
 * files: /dev/zero would grow the buffer without end and a FIFO could
 * block forever (EINVAL, which load_error words for people). */
static uint8_t *read_file(const char *path, size_t *len) {
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  struct stat st;
  if (fd < 0) return NULL;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    int e = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
    close(fd);
    errno = e;
    return NULL;
  }
  FILE *f = fdopen(fd, "rb");
  if (!f) {
    close(fd);
    return NULL;
  }
  size_t cap = 1 << 16, n = 0;
  uint8_t *buf = malloc(cap);
  while (buf) {
    n += fread(buf + n, 1, cap - n, f);
    if (n < cap) break;
    uint8_t *bigger = cap <= SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
    if (!bigger) {
      free(buf);
      buf = NULL;
      errno = ENOMEM;
      break;
    }
    buf = bigger;
    cap *= 2;
  }
  if (buf && ferror(f)) {
    int e = errno;
    free(buf);
    buf = NULL;
    errno = e ? e : EIO;
  }
  fclose(f);
  *len = n;
  return buf;
}

/* One line for a module file that cannot be read. */
static int load_error(const char *path) {
  if (errno == EINVAL || errno == EISDIR)
    fprintf(stderr, "cwasi: %s: not a regular file (a module is read from a file)\n", path);
  else
    fprintf(stderr, "cwasi: %s: %s\n", path, strerror(errno));
  return CLI_EXIT_MODULE;
}

/* One line naming the module and, for decode/validation errors, the offset. */
static int module_error(const char *path, const cwasi_error *err) {
  bool has_offset = (err->status == CWASI_ERR_MALFORMED || err->status == CWASI_ERR_INVALID) &&
                    err->offset != SIZE_MAX;
  if (has_offset)
    fprintf(stderr, "cwasi: %s: offset 0x%zx: %s\n", path, err->offset, err->message);
  else
    fprintf(stderr, "cwasi: %s: %s\n", path, err->message);
  return CLI_EXIT_MODULE;
}

/* Exit status for an error from running guest code. */
static int run_error(const char *path, const cwasi_error *err) {
  switch (err->status) {
  case CWASI_ERR_TRAP: fprintf(stderr, "cwasi: trap: %s\n", err->message); return CLI_EXIT_TRAP;
  case CWASI_ERR_EXIT:
    /* A process status holds 0-255: a larger one would wrap (256 to 0,
     * success), so it is a failure of its own instead. */
    if (err->exit_code >= 0 && err->exit_code <= 255) return err->exit_code;
    fprintf(stderr, "cwasi: %s: proc_exit(%u): exit status out of range 0-255\n", path,
            (unsigned)err->exit_code);
    return CLI_EXIT_MODULE;
  default: return module_error(path, err);
  }
}

/* A text module's binary in place of its text. False (message printed)
 * if it does not parse; bytes are then freed. */
static bool text_to_binary(const char *path, uint8_t **bytes, size_t *len) {
  if (!cw_text_looks_like_wat(*bytes, *len)) return true;
  cw_buf out;
  char err[600];
  bool ok = cw_wat_to_wasm(path, (const char *)*bytes, *len, &out, err, sizeof err);
  free(*bytes);
  *bytes = NULL;
  if (!ok) {
    fprintf(stderr, "cwasi: %s\n", err);
    return false;
  }
  *bytes = out.p;
  *len = out.len;
  return true;
}

static cwasi_module *load(cwasi_engine *engine, const char *path, int *status) {
  size_t len;
  uint8_t *bytes = read_file(path, &len);
  cwasi_error err;
  if (!bytes) {
    *status = load_error(path);
    return NULL;
  }
  if (!text_to_binary(path, &bytes, &len)) {
    *status = CLI_EXIT_MODULE;
    return NULL;
  }
  cwasi_module *m = cwasi_module_new(engine, bytes, len, &err);
  free(bytes);
  if (!m) *status = module_error(path, &err);
  return m;
}

static int cmd_validate(cwasi_engine *engine, int argc, char **argv) {
  if (argc >= 1 && argv[0][0] == '-') return usage_error("validate: unknown option '%s'", argv[0]);
  if (argc != 1) return usage_error("validate: %s", "expected exactly one MODULE");
  size_t len;
  uint8_t *bytes = read_file(argv[0], &len);
  cwasi_error err;
  if (!bytes) return load_error(argv[0]);
  if (!text_to_binary(argv[0], &bytes, &len)) return CLI_EXIT_MODULE;
  cwasi_status st = cwasi_module_validate(engine, bytes, len, &err);
  free(bytes);
  return st == CWASI_OK ? CLI_EXIT_OK : module_error(argv[0], &err);
}

/* Calls export `name` with args parsed by its parameter types and prints
 * the results. */
static int invoke(cwasi_store *store, cwasi_instance *inst, const char *path, const char *name,
                  int argc, char **argv) {
  cwasi_extern ext;
  if (!cwasi_instance_export(inst, name, strlen(name), &ext) || ext.kind != CWASI_EXTERN_FUNC) {
    fprintf(stderr, "cwasi: %s: no exported function '%s'\n", path, name);
    return CLI_EXIT_USAGE;
  }
  cwasi_func *f = ext.of.func;
  size_t nparams = cwasi_func_param_count(f), nresults = cwasi_func_result_count(f);
  if ((size_t)argc != nparams) {
    fprintf(stderr, "cwasi: %s: '%s' takes %zu argument%s, got %d\n", path, name, nparams,
            nparams == 1 ? "" : "s", argc);
    return CLI_EXIT_USAGE;
  }
  cwasi_val *args = calloc(nparams + 1, sizeof *args);
  cwasi_val *results = calloc(nresults + 1, sizeof *results);
  int status = CLI_EXIT_OK;
  if (!args || !results) {
    fprintf(stderr, "cwasi: out of memory\n");
    status = CLI_EXIT_MODULE;
    goto done;
  }
  for (size_t i = 0; i < nparams; i++) {
    cwasi_valtype t = cwasi_func_param_type(f, i);
    if (!cli_parse_val(argv[i], t, &args[i])) {
      fprintf(stderr, "cwasi: %s: argument %zu of '%s': '%s' is not a valid %s\n", path, i + 1,
              name, argv[i], cli_type_name(t));
      status = CLI_EXIT_USAGE;
      goto done;
    }
  }
  cwasi_error err;
  if (cwasi_func_call(store, f, args, nparams, results, nresults, &err) != CWASI_OK) {
    status = run_error(path, &err);
    goto done;
  }
  for (size_t i = 0; i < nresults; i++)
    cli_print_val(stdout, &results[i]);
done:
  free(args);
  free(results);
  return status;
}

static int cmd_run(cwasi_engine *engine, int argc, char **argv) {
  const char *invoke_name = NULL;
  cli_limits limits;
  cli_limits_init(&limits);
  int i = 0;
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    }
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(usage_text, stdout);
      return CLI_EXIT_OK;
    }
    if (strcmp(argv[i], "--invoke") == 0) {
      if (i + 1 >= argc) return usage_error("run: %s needs a function name", argv[i]);
      invoke_name = argv[++i];
    } else if (strncmp(argv[i], "--invoke=", 9) == 0) {
      invoke_name = argv[i] + 9;
    } else {
      int r = cli_limits_option(argc, argv, &i, &limits);
      if (r == 0) r = cli_wasi_option(argc, argv, &i);
      if (r < 0) return CLI_EXIT_USAGE;
      if (r == 0) return usage_error("run: unknown option '%s'", argv[i]);
    }
  }
  if (i >= argc) return usage_error("run: %s", "missing MODULE");
  int nopts = i;
  const char *path = argv[i++];
  int status = CLI_EXIT_OK;
  /* Fuel, interruption and stack sizes are the engine's configuration. */
  cwasi_config cfg;
  cli_limits_config(&limits, &cfg);
  cwasi_engine *limited = cwasi_engine_new(&cfg);
  if (!limited) {
    fprintf(stderr, "cwasi: out of memory\n");
    return CLI_EXIT_MODULE;
  }
  engine = limited;
  cwasi_module *m = load(engine, path, &status);
  if (!m) {
    cwasi_engine_delete(limited);
    return status;
  }

  cwasi_store *store = cwasi_store_new(engine);
  cwasi_linker *linker = store ? cwasi_linker_new(store) : NULL;
  cwasi_error err;
  cwasi_instance *inst = NULL;
  cwasi_wasi *wasi = NULL;
  if (!linker) {
    fprintf(stderr, "cwasi: out of memory\n");
    status = CLI_EXIT_MODULE;
  } else if (!(wasi = cli_wasi_setup(store, linker, argv, nopts, path, invoke_name ? 0 : argc - i,
                                     argv + i, &status))) {
    /* the error is printed */
  } else if (!cli_limits_apply(&limits, store)) {
    status = CLI_EXIT_MODULE;
  } else if (!(inst = cwasi_linker_instantiate(linker, m, &err))) {
    /* A trap in the start function is a trap; anything else a link error. */
    status = err.status == CWASI_ERR_TRAP || err.status == CWASI_ERR_EXIT
                 ? run_error(path, &err)
                 : module_error(path, &err);
  } else if (invoke_name) {
    status = invoke(store, inst, path, invoke_name, argc - i, argv + i);
  } else {
    /* Program arguments went to WASI's argv; _start takes none. */
    cwasi_extern start;
    if (cwasi_instance_export(inst, "_start", 6, &start) && start.kind == CWASI_EXTERN_FUNC) {
      size_t nresults = cwasi_func_result_count(start.of.func);
      cwasi_val *results = calloc(nresults + 1, sizeof *results);
      if (cwasi_func_param_count(start.of.func) != 0) {
        fprintf(stderr, "cwasi: %s: _start must take no parameters\n", path);
        status = CLI_EXIT_MODULE;
      } else if (!results) {
        fprintf(stderr, "cwasi: out of memory\n");
        status = CLI_EXIT_MODULE;
      } else if (cwasi_func_call(store, start.of.func, NULL, 0, results, nresults, &err) !=
                 CWASI_OK) {
        status = run_error(path, &err);
      }
      free(results);
    }
  }
  if (linker) cwasi_linker_delete(linker);
  cwasi_wasi_delete(wasi);
  if (store) cwasi_store_delete(store);
  cwasi_module_delete(m);
  cwasi_engine_delete(limited);
  return status;
}

/* Runs each script; one line per file, then the totals. */
static int cmd_wast(cwasi_engine *engine, int argc, char **argv) {
  (void)engine; /* each script gets an engine of its own */
  cw_wast_options opt = {.out = stdout};
  int i = 0;
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "--verbose") == 0)
      opt.verbose = true;
    else if (strcmp(argv[i], "--limit-checks") == 0)
      opt.limit_checks = true;
    else
      return usage_error("wast: unknown option '%s'", argv[i]);
  }
  if (i >= argc) return usage_error("wast: %s", "expected at least one SCRIPT.wast");
  cw_wast_tally total = {0};
  for (; i < argc; i++) {
    cw_wast_tally t = {0};
    cw_wast_run_file(argv[i], &opt, &t);
    const char *base = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
    printf("%s: %d passed, %d failed, %d skipped", base, t.passed, t.failed, t.skipped);
    for (int k = 0; k < t.nreasons; k++)
      printf("%s%s %d", k ? ", " : " (", t.reason[k], t.reason_count[k]);
    printf("%s\n", t.nreasons ? ")" : "");
    fflush(stdout);
    total.passed += t.passed;
    total.failed += t.failed;
    for (int k = 0; k < t.nreasons; k++)
      cw_wast_skip(&total, t.reason[k], t.reason_count[k]);
  }
  printf("%d passed, %d failed, %d skipped", total.passed, total.failed, total.skipped);
  for (int k = 0; k < total.nreasons; k++)
    printf("%s%s %d", k ? ", " : " (", total.reason[k], total.reason_count[k]);
  printf("%s\n", total.nreasons ? ")" : "");
  return total.failed ? CLI_EXIT_MODULE : CLI_EXIT_OK;
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs(usage_text, stderr);
    return CLI_EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
    fputs(usage_text, stdout);
    return CLI_EXIT_OK;
  }
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
    printf("cwasi %s\n", CWASI_VERSION);
    return CLI_EXIT_OK;
  }

  int (*handler)(cwasi_engine *, int, char **) = NULL;
  int first = 2;
  if (strcmp(cmd, "run") == 0) {
    handler = cmd_run;
  } else if (strcmp(cmd, "validate") == 0) {
    handler = cmd_validate;
  } else if (strcmp(cmd, "wast") == 0) {
    handler = cmd_wast;
  } else if (cmd[0] != '-' && (ends_with(cmd, ".wasm") || ends_with(cmd, ".wat"))) {
    handler = cmd_run; /* `cwasi x.wasm` is `cwasi run x.wasm`, as in Wasmtime */
    first = 1;
  } else if (cmd[0] == '-') {
    return usage_error("unknown option '%s'", cmd);
  } else {
    return usage_error("unknown command '%s'", cmd);
  }

  cwasi_engine *engine = cwasi_engine_new(NULL);
  if (!engine) {
    fprintf(stderr, "cwasi: out of memory\n");
    return CLI_EXIT_MODULE;
  }
  int status = handler(engine, argc - first, argv + first);
  cwasi_engine_delete(engine);
  fflush(stdout);
  return status;
}
