/* module.c — the engine, and cwasi_module: decode + validate, refcounted. */
#include "decode/decode.h"
#include "interp/interp.h"
#include "runtime/rt_internal.h"
#include "text/wat.h"
#include "validate/validate.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#define RT_DEFAULT_STACK_BYTES ((size_t)8 << 20)
#define RT_DEFAULT_CALL_DEPTH 50000u

cwasi_engine *cwasi_engine_new(const cwasi_config *config) {
  cwasi_engine *e = cw_calloc(1, sizeof *e);
  if (!e) return NULL;
  if (config) e->config = *config;
  if (e->config.value_stack_bytes == 0) e->config.value_stack_bytes = RT_DEFAULT_STACK_BYTES;
  if (e->config.max_call_depth == 0) e->config.max_call_depth = RT_DEFAULT_CALL_DEPTH;
  return e;
}

void cwasi_engine_delete(cwasi_engine *engine) { cw_free(engine); }

/* decode_module + validate_module; on success *out owns the module. */
static cwasi_status load(const uint8_t *bytes, size_t len, cw_module **out, cwasi_error *err) {
  cw_module *m = NULL;
  *out = NULL;
  if (!bytes && len) return cw_error(err, CWASI_ERR_ARG, SIZE_MAX, "module bytes are NULL");
  cwasi_status st = decode_module(bytes, len, &m, err);
  if (st != CWASI_OK) return st;
  st = validate_module(m, err);
  if (st != CWASI_OK) {
    decode_module_free(m);
    return st;
  }
  *out = m;
  return CWASI_OK;
}

cwasi_module *cwasi_module_new(cwasi_engine *engine, const uint8_t *bytes, size_t len,
                               cwasi_error *err) {
  cw_module *m;
  if (!engine) {
    cw_error(err, CWASI_ERR_ARG, SIZE_MAX, "engine is NULL");
    return NULL;
  }
  if (load(bytes, len, &m, err) != CWASI_OK) return NULL;
  cwasi_module *mod = cw_calloc(1, sizeof *mod);
  if (mod) mod->code = cw_calloc(m->nfuncs - m->nimported_funcs, sizeof *mod->code);
  if (!mod || !mod->code) {
    cw_free(mod);
    decode_module_free(m);
    cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory loading module");
    return NULL;
  }
  mod->engine = engine;
  mod->m = m;
  mod->refcount = 1;
  cw_error_clear(err);
  return mod;
}

cwasi_status cwasi_module_validate(cwasi_engine *engine, const uint8_t *bytes, size_t len,
                                   cwasi_error *err) {
  CW_UNUSED(engine);
  cw_module *m;
  cwasi_status st = load(bytes, len, &m, err);
  if (st != CWASI_OK) return st;
  decode_module_free(m);
  cw_error_clear(err);
  return CWASI_OK;
}

/* Reads the whole file into *buf (caller frees). Only a regular file: a
 * device such as /dev/zero never ends and a FIFO can block forever (it is
 * opened O_NONBLOCK, so even the open returns at once). */
static cwasi_status read_file(const char *path, uint8_t **buf, size_t *len, cwasi_error *err) {
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return cw_error(err, CWASI_ERR_IO, SIZE_MAX, "%s: %s", path, strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return cw_error(err, CWASI_ERR_IO, SIZE_MAX, "%s: not a regular file", path);
  }
  FILE *f = fdopen(fd, "rb");
  if (!f) {
    int e = errno;
    close(fd);
    return cw_error(err, CWASI_ERR_IO, SIZE_MAX, "%s: %s", path, strerror(e));
  }
  size_t cap = 1 << 16, n = 0;
  uint8_t *p = cw_malloc(cap);
  while (p) {
    if (n == cap) {
      uint8_t *q = cap <= SIZE_MAX / 2 ? cw_realloc_array(p, cap * 2, 1) : NULL;
      if (!q) {
        cw_free(p);
        p = NULL;
        break;
      }
      p = q;
      cap *= 2;
    }
    size_t got = fread(p + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  if (!p) {
    fclose(f);
    return cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "%s: out of memory reading file", path);
  }
  if (ferror(f)) {
    int e = errno;
    fclose(f);
    cw_free(p);
    return cw_error(err, CWASI_ERR_IO, SIZE_MAX, "%s: read error: %s", path, strerror(e));
  }
  fclose(f);
  *buf = p;
  *len = n;
  return CWASI_OK;
}

cwasi_module *cwasi_module_load_file(cwasi_engine *engine, const char *path, cwasi_error *err) {
  uint8_t *buf = NULL;
  size_t len = 0;
  if (!path) {
    cw_error(err, CWASI_ERR_ARG, SIZE_MAX, "path is NULL");
    return NULL;
  }
  if (read_file(path, &buf, &len, err) != CWASI_OK) return NULL;
  if (cw_text_looks_like_wat(buf, len)) {
    uint8_t *binary;
    size_t blen;
    cwasi_status st = cwasi_wat2wasm((const char *)buf, len, path, &binary, &blen, err);
    cw_free(buf);
    if (st != CWASI_OK) return NULL;
    cwasi_module *mod = cwasi_module_new(engine, binary, blen, err);
    free(binary);
    return mod;
  }
  cwasi_module *mod = cwasi_module_new(engine, buf, len, err);
  cw_free(buf);
  return mod;
}

void rt_module_release(cwasi_module *mod) {
  if (!mod || --mod->refcount > 0) return;
  uint32_t ndefined = mod->m->nfuncs - mod->m->nimported_funcs;
  for (uint32_t i = 0; i < ndefined; i++)
    if (mod->code[i]) interp_code_free(mod->code[i]);
  cw_free(mod->code);
  decode_module_free(mod->m);
  cw_free(mod);
}

void cwasi_module_delete(cwasi_module *module) { rt_module_release(module); }

size_t cwasi_module_import_count(const cwasi_module *module) { return module->m->nimports; }

cwasi_import_desc cwasi_module_import(const cwasi_module *module, size_t i) {
  cwasi_import_desc d = {{NULL, 0}, {NULL, 0}, CWASI_EXTERN_FUNC};
  if (i >= module->m->nimports) return d;
  const cw_import *im = &module->m->imports[i];
  d.module = (cwasi_name){im->module.data, im->module.len};
  d.name = (cwasi_name){im->name.data, im->name.len};
  d.kind = (cwasi_externkind)im->kind;
  return d;
}

size_t cwasi_module_export_count(const cwasi_module *module) { return module->m->nexports; }

cwasi_export_desc cwasi_module_export(const cwasi_module *module, size_t i) {
  cwasi_export_desc d = {{NULL, 0}, CWASI_EXTERN_FUNC};
  if (i >= module->m->nexports) return d;
  const cw_export *ex = &module->m->exports[i];
  d.name = (cwasi_name){ex->name.data, ex->name.len};
  d.kind = (cwasi_externkind)ex->kind;
  return d;
}
