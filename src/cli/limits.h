/*
 * limits.h — the resource-limit flags of `cwasi run` (--fuel, --timeout,
 * --max-memory, --max-table-elements, --max-stack, --max-call-depth) and
 * applying them to the engine configuration and the store.
 */
#ifndef CW_CLI_LIMITS_H
#define CW_CLI_LIMITS_H

#include "cwasi.h"

/* The help text's lines for these flags. */
#define CLI_LIMITS_USAGE                                                                           \
  "  --fuel N               stop the guest after N units of fuel (about one per wasm\n"            \
  "                         instruction; deterministic): trap \"all fuel consumed\"\n"             \
  "  --timeout DURATION     stop the guest after DURATION of wall-clock time (500ms, 2s,\n"        \
  "                         1m, 1h; us too; a bare number is seconds): trap\n"                     \
  "                         \"interrupted: timeout of 2s reached\"\n"                              \
  "  --max-memory BYTES     most bytes a linear memory may have (suffix K, M, G: KiB,\n"           \
  "                         MiB, GiB); memory.grow returns -1 past it\n"                           \
  "  --max-table-elements N most elements a table may have; table.grow returns -1 past it\n"       \
  "  --max-stack BYTES      size of the wasm value stack (K, M, G; default 8M): trap\n"            \
  "                         \"call stack exhausted\" past it\n"                                    \
  "  --max-call-depth N     most nested wasm calls (default 50000): the same trap past it\n"

typedef struct cli_limits {
  bool has_fuel, has_timeout;
  uint64_t fuel, timeout_ns;
  cwasi_store_limits store; /* CWASI_UNLIMITED unless given */
  size_t stack_bytes;       /* 0: default */
  uint32_t call_depth;      /* 0: default */
} cli_limits;

void cli_limits_init(cli_limits *l);

/* If argv[*i] is a limit flag, parses its value into l, moves *i onto its
 * last word and returns 1; 0 for any other argument; -1 after printing a
 * usage error (a missing or bad value). */
int cli_limits_option(int argc, char **argv, int *i, cli_limits *l);

/* The engine configuration the limits need. */
void cli_limits_config(const cli_limits *l, cwasi_config *cfg);

/* Gives the store its fuel, timeout and size limits; false after printing
 * an error. Call before instantiating (the start function is limited too). */
bool cli_limits_apply(const cli_limits *l, cwasi_store *store);

#endif /* CW_CLI_LIMITS_H */
