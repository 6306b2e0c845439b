/* linker.c — resolves imports by ("module", "name"), then instantiates.
 * Names are byte strings that may contain NUL, so they are kept with
 * their lengths and compared with memcmp. */
#include "runtime/rt_internal.h"

typedef struct link_entry {
  char *module, *name;
  size_t module_len, name_len;
  cwasi_extern ext;
} link_entry;

struct cwasi_linker {
  cwasi_store *store;
  link_entry *entries;
  size_t count, cap;
};

cwasi_linker *cwasi_linker_new(cwasi_store *store) {
  if (!store) return NULL;
  cwasi_linker *l = cw_calloc(1, sizeof *l);
  if (l) l->store = store;
  return l;
}

void cwasi_linker_delete(cwasi_linker *linker) {
  if (!linker) return;
  for (size_t i = 0; i < linker->count; i++) {
    cw_free(linker->entries[i].module);
    cw_free(linker->entries[i].name);
  }
  cw_free(linker->entries);
  cw_free(linker);
}

static bool name_eq(const char *a, size_t alen, const char *b, size_t blen) {
  return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

static link_entry *find(cwasi_linker *l, const char *module, size_t module_len, const char *name,
                        size_t name_len) {
  for (size_t i = 0; i < l->count; i++) {
    link_entry *e = &l->entries[i];
    if (name_eq(e->module, e->module_len, module, module_len) &&
        name_eq(e->name, e->name_len, name, name_len))
      return e;
  }
  return NULL;
}

static char *dup_bytes(const char *s, size_t len) {
  char *p = cw_malloc(len + 1);
  if (!p) return NULL;
  if (len) memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

cwasi_status cwasi_linker_define(cwasi_linker *linker, const char *module, size_t module_len,
                                 const char *name, size_t name_len, cwasi_extern ext) {
  if (!linker || (!module && module_len) || (!name && name_len) || !ext.of.func ||
      (unsigned)ext.kind > CWASI_EXTERN_GLOBAL)
    return CWASI_ERR_ARG;
  link_entry *e = find(linker, module, module_len, name, name_len);
  if (e) {
    e->ext = ext;
    return CWASI_OK;
  }
  if (linker->count == linker->cap) {
    size_t cap = linker->cap ? linker->cap * 2 : 16;
    link_entry *entries = cw_realloc_array(linker->entries, cap, sizeof *entries);
    if (!entries) return CWASI_ERR_NOMEM;
    linker->entries = entries;
    linker->cap = cap;
  }
  char *m = dup_bytes(module, module_len), *n = dup_bytes(name, name_len);
  if (!m || !n) {
    cw_free(m);
    cw_free(n);
    return CWASI_ERR_NOMEM;
  }
  linker->entries[linker->count++] = (link_entry){m, n, module_len, name_len, ext};
  return CWASI_OK;
}

cwasi_status cwasi_linker_define_instance(cwasi_linker *linker, const char *module_name,
                                          size_t module_len, cwasi_instance *inst) {
  if (!linker || !inst) return CWASI_ERR_ARG;
  const cw_module *m = inst->module->m;
  for (uint32_t i = 0; i < m->nexports; i++) {
    const cw_name *n = &m->exports[i].name;
    cwasi_extern ext;
    if (!cwasi_instance_export(inst, n->data, n->len, &ext)) return CWASI_ERR_ARG;
    cwasi_status st = cwasi_linker_define(linker, module_name, module_len, n->data, n->len, ext);
    if (st != CWASI_OK) return st;
  }
  return CWASI_OK;
}

cwasi_instance *cwasi_linker_instantiate(cwasi_linker *linker, cwasi_module *module,
                                         cwasi_error *err) {
  if (!linker || !module) {
    cw_error(err, CWASI_ERR_ARG, SIZE_MAX, "linker or module is NULL");
    return NULL;
  }
  const cw_module *m = module->m;
  cwasi_extern *imports = cw_calloc(m->nimports, sizeof *imports);
  if (!imports) {
    cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory resolving imports");
    return NULL;
  }
  for (uint32_t i = 0; i < m->nimports; i++) {
    const cw_import *im = &m->imports[i];
    link_entry *e = find(linker, im->module.data, im->module.len, im->name.data, im->name.len);
    if (!e) {
      char mod[CW_NAME_BUF], name[CW_NAME_BUF];
      cw_error(err, CWASI_ERR_LINK, SIZE_MAX, "unknown import \"%s\" \"%s\"",
               cw_escape_name(mod, sizeof mod, im->module.data, im->module.len),
               cw_escape_name(name, sizeof name, im->name.data, im->name.len));
      cw_free(imports);
      return NULL;
    }
    imports[i] = e->ext;
  }
  cwasi_instance *inst = cwasi_instance_new(linker->store, module, imports, m->nimports, err);
  cw_free(imports);
  return inst;
}
