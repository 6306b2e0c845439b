/* common.c — error filling and checked allocation. */
#include "common.h"
#include "decode/module.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const cw_trap_messages[] = {
    [CWASI_TRAP_NONE] = "no trap",
    [CWASI_TRAP_UNREACHABLE] = "unreachable",
    [CWASI_TRAP_MEMORY_OOB] = "out of bounds memory access",
    [CWASI_TRAP_TABLE_OOB] = "out of bounds table access",
    [CWASI_TRAP_UNDEFINED_ELEMENT] = "undefined element",
    [CWASI_TRAP_UNINIT_ELEMENT] = "uninitialized element",
    [CWASI_TRAP_INDIRECT_TYPE] = "indirect call type mismatch",
    [CWASI_TRAP_DIV_ZERO] = "integer divide by zero",
    [CWASI_TRAP_INT_OVERFLOW] = "integer overflow",
    [CWASI_TRAP_INVALID_CONVERSION] = "invalid conversion to integer",
    [CWASI_TRAP_STACK_EXHAUSTED] = "call stack exhausted",
    [CWASI_TRAP_HOST] = "host trap",
    [CWASI_TRAP_OUT_OF_FUEL] = "all fuel consumed",
    [CWASI_TRAP_INTERRUPT] = "interrupted",
};

const char *cwasi_trap_message(cwasi_trap_kind kind) {
  if ((unsigned)kind >= CW_ARRAY_LEN(cw_trap_messages)) return "unknown trap";
  return cw_trap_messages[kind];
}

cwasi_status cw_error(cwasi_error *err, cwasi_status status, size_t offset, const char *fmt, ...) {
  if (err) {
    va_list ap;
    err->status = status;
    err->trap = CWASI_TRAP_NONE;
    err->exit_code = 0;
    err->offset = offset;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
  }
  return status;
}

cwasi_status cw_trap(cwasi_error *err, cwasi_trap_kind kind, const char *detail) {
  if (err) {
    err->status = CWASI_ERR_TRAP;
    err->trap = kind;
    err->exit_code = 0;
    err->offset = SIZE_MAX;
    if (detail && *detail)
      snprintf(err->message, sizeof err->message, "%s %s", cwasi_trap_message(kind), detail);
    else
      snprintf(err->message, sizeof err->message, "%s", cwasi_trap_message(kind));
  }
  return CWASI_ERR_TRAP;
}

void cw_error_clear(cwasi_error *err) {
  if (err) {
    err->status = CWASI_OK;
    err->trap = CWASI_TRAP_NONE;
    err->exit_code = 0;
    err->offset = SIZE_MAX;
    err->message[0] = '\0';
  }
}

void *cw_malloc(size_t n) { return malloc(n ? n : 1); }

void *cw_calloc(size_t count, size_t size) { return calloc(count ? count : 1, size ? size : 1); }

void *cw_realloc_array(void *p, size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) return NULL;
  size_t n = count * size;
  return realloc(p, n ? n : 1);
}

void cw_free(void *p) { free(p); }

const char *cw_valtype_name(uint8_t t) {
  switch (t) {
  case CWASI_I32: return "i32";
  case CWASI_I64: return "i64";
  case CWASI_F32: return "f32";
  case CWASI_F64: return "f64";
  case CWASI_V128: return "v128";
  case CWASI_FUNCREF: return "funcref";
  case CWASI_EXTERNREF: return "externref";
  default: return "?";
  }
}

bool cw_functype_equal(const cw_functype *a, const cw_functype *b) {
  return a->nparams == b->nparams && a->nresults == b->nresults &&
         memcmp(a->types, b->types, a->nparams + a->nresults) == 0;
}
