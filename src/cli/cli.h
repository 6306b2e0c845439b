/*
 * cli.h — pieces of the `cwasi` command line shared between its files.
 */
#ifndef CW_CLI_H
#define CW_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cwasi.h"

/* Exit statuses, documented in --help and README.md. */
enum {
  CLI_EXIT_OK = 0,
  CLI_EXIT_MODULE = 1, /* could not read, decode, validate, link or run (other than a trap) */
  CLI_EXIT_USAGE = 2,  /* bad command line: flag, argument, export name */
  CLI_EXIT_TRAP = 134, /* the guest trapped (as Wasmtime on Unix: 128 + SIGABRT) */
};

/* Parses text as a value of type t into out: integers in decimal or 0x hex,
 * optionally negative, within the type's signed or unsigned range; floats
 * as strtod reads them (including nan and inf). False if it does not parse. */
bool cli_parse_val(const char *text, cwasi_valtype t, cwasi_val *out);

/* Prints v the way `--invoke` shows results: integers in signed decimal,
 * floats in the shortest form that reads back to the same value. */
void cli_print_val(FILE *f, const cwasi_val *v);

const char *cli_type_name(cwasi_valtype t);

#endif /* CW_CLI_H */
