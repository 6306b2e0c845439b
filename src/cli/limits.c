/*
 * limits.c — `cwasi run`'s resource-limit flags. Each takes its value as
 * the next word or after '='. Values are decimal; sizes take a binary
 * suffix (K, M, G), durations a unit (ns, us, ms, s, m, h; none: seconds).
 */
#include "limits.h"

#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef enum {
  LIM_FUEL,
  LIM_TIMEOUT,
  LIM_MAX_MEMORY,
  LIM_MAX_TABLE,
  LIM_MAX_STACK,
  LIM_MAX_DEPTH,
} lim_kind;

static const struct {
  const char *name;
  lim_kind kind;
} lim_table[] = {
    {"--fuel", LIM_FUEL},
    {"--timeout", LIM_TIMEOUT},
    {"--max-memory", LIM_MAX_MEMORY},
    {"--max-table-elements", LIM_MAX_TABLE},
    {"--max-stack", LIM_MAX_STACK},
    {"--max-call-depth", LIM_MAX_DEPTH},
};

void cli_limits_init(cli_limits *l) {
  memset(l, 0, sizeof *l);
  cwasi_store_limits_init(&l->store);
}

/* A decimal number, then what follows it in *rest. No sign, no spaces. */
static bool parse_u64(const char *s, uint64_t *out, const char **rest) {
  if (!isdigit((unsigned char)*s)) return false;
  errno = 0;
  char *end;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno == ERANGE) return false;
  *out = v;
  *rest = end;
  return true;
}

/* v * mul, false on overflow. */
static bool scale(uint64_t v, uint64_t mul, uint64_t *out) {
  if (mul && v > UINT64_MAX / mul) return false;
  *out = v * mul;
  return true;
}

static bool parse_size(const char *s, uint64_t *out) {
  uint64_t v;
  const char *rest;
  if (!parse_u64(s, &v, &rest)) return false;
  uint64_t mul = 1;
  if (*rest == 'K' || *rest == 'k') mul = (uint64_t)1 << 10;
  if (*rest == 'M' || *rest == 'm') mul = (uint64_t)1 << 20;
  if (*rest == 'G' || *rest == 'g') mul = (uint64_t)1 << 30;
  if (mul != 1) rest++;
  return *rest == '\0' && scale(v, mul, out);
}

static bool parse_duration(const char *s, uint64_t *ns) {
  static const struct {
    const char *unit;
    uint64_t ns;
  } units[] = {{"ns", 1},           {"us", 1000},          {"ms", 1000000},  {"s", 1000000000u},
               {"m", 60000000000u}, {"h", 3600000000000u}, {"", 1000000000u}};
  uint64_t v;
  const char *rest;
  if (!parse_u64(s, &v, &rest)) return false;
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
    if (strcmp(rest, units[i].unit) == 0) return scale(v, units[i].ns, ns) && *ns > 0;
  return false;
}

static int bad_value(const char *flag, const char *what, const char *v) {
  fprintf(stderr, "cwasi: run: %s expects %s, got '%s'\n(see cwasi --help)\n", flag, what, v);
  return -1;
}

int cli_limits_option(int argc, char **argv, int *i, cli_limits *l) {
  const char *arg = argv[*i], *v = NULL;
  size_t k = 0, n = 0;
  for (; k < sizeof lim_table / sizeof lim_table[0]; k++) {
    n = strlen(lim_table[k].name);
    if (strncmp(arg, lim_table[k].name, n) == 0 && (arg[n] == '\0' || arg[n] == '=')) break;
  }
  if (k == sizeof lim_table / sizeof lim_table[0]) return 0;
  const char *flag = lim_table[k].name;
  if (arg[n] == '=') {
    v = arg + n + 1;
  } else if (*i + 1 < argc) {
    v = argv[++*i];
  } else {
    fprintf(stderr, "cwasi: run: %s needs a value\n(see cwasi --help)\n", flag);
    return -1;
  }
  uint64_t x;
  switch (lim_table[k].kind) {
  case LIM_FUEL:
    if (!parse_u64(v, &x, &arg) || *arg || x > INT64_MAX)
      return bad_value(flag, "a number of fuel units (0 to 2^63-1)", v);
    l->has_fuel = true;
    l->fuel = x;
    break;
  case LIM_TIMEOUT:
    if (!parse_duration(v, &x))
      return bad_value(flag, "a positive duration such as 500ms, 2s or 1m", v);
    l->has_timeout = true;
    l->timeout_ns = x;
    break;
  case LIM_MAX_MEMORY:
    if (!parse_size(v, &x)) return bad_value(flag, "a size in bytes (suffix K, M or G)", v);
    l->store.max_memory_bytes = x;
    break;
  case LIM_MAX_TABLE:
    if (!parse_u64(v, &x, &arg) || *arg) return bad_value(flag, "a number of elements", v);
    l->store.max_table_elements = x;
    break;
  case LIM_MAX_STACK:
    if (!parse_size(v, &x) || x < 8 || x > SIZE_MAX / 2)
      return bad_value(flag, "a size in bytes of at least 8 (suffix K, M or G)", v);
    l->stack_bytes = (size_t)x;
    break;
  case LIM_MAX_DEPTH:
    if (!parse_u64(v, &x, &arg) || *arg || x == 0 || x > UINT32_MAX)
      return bad_value(flag, "a number of calls (1 to 4294967295)", v);
    l->call_depth = (uint32_t)x;
    break;
  }
  return 1;
}

void cli_limits_config(const cli_limits *l, cwasi_config *cfg) {
  memset(cfg, 0, sizeof *cfg);
  cfg->value_stack_bytes = l->stack_bytes;
  cfg->max_call_depth = l->call_depth;
  cfg->consume_fuel = l->has_fuel;
  cfg->interruptible = l->has_timeout;
}

bool cli_limits_apply(const cli_limits *l, cwasi_store *store) {
  cwasi_store_set_limits(store, &l->store);
  if (l->has_fuel && cwasi_store_set_fuel(store, l->fuel) != CWASI_OK) {
    fprintf(stderr, "cwasi: cannot set the fuel\n");
    return false;
  }
  if (l->has_timeout && cwasi_store_set_timeout(store, l->timeout_ns) != CWASI_OK) {
    fprintf(stderr, "cwasi: cannot start the timeout's timer thread\n");
    return false;
  }
  return true;
}
