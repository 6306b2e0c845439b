/* func.c — function instances: host functions, calls from the embedder,
 * what a host function sees of its caller, and names for trap messages. */
#include "interp/interp.h"
#include "runtime/rt_internal.h"

#include <stdio.h>

/* A function and its type header in one allocation. The type's valtype
 * array belongs to the store's registry, which never moves it; the header
 * itself lives here because the registry's array of headers may move. */
typedef struct func_box {
  cwasi_func f;
  cw_functype type;
} func_box;

static uint32_t slots_of(const cw_valtype *types, uint32_t n) {
  uint32_t slots = 0;
  for (uint32_t i = 0; i < n; i++)
    slots += cw_slots_for(types[i]);
  return slots;
}

cwasi_func *rt_func_new(cwasi_store *s, uint32_t type_id) {
  func_box *b = cw_calloc(1, sizeof *b);
  if (!b) return NULL;
  if (!rt_objlist_push(&s->funcs, b)) {
    cw_free(b);
    return NULL;
  }
  b->type = s->types.types[type_id];
  b->f.type = &b->type;
  b->f.type_id = type_id;
  b->f.param_slots = slots_of(cw_functype_params(&b->type), b->type.nparams);
  b->f.result_slots = slots_of(cw_functype_results(&b->type), b->type.nresults);
  return &b->f;
}

void rt_func_free(cwasi_func *f) { cw_free((func_box *)f); }

cwasi_func *cwasi_func_new(cwasi_store *store, const cwasi_valtype *params, size_t nparams,
                           const cwasi_valtype *results, size_t nresults, cwasi_host_fn fn,
                           void *env) {
  if (!store || !fn || (nparams && !params) || (nresults && !results)) return NULL;
  if (nparams > UINT32_MAX / 4 || nresults > UINT32_MAX / 4) return NULL;
  for (size_t i = 0; i < nparams; i++)
    if (!cw_is_valtype(params[i])) return NULL;
  for (size_t i = 0; i < nresults; i++)
    if (!cw_is_valtype(results[i])) return NULL;
  cw_valtype *types = cw_malloc(nparams + nresults);
  if (!types) return NULL;
  for (size_t i = 0; i < nparams; i++)
    types[i] = (cw_valtype)params[i];
  for (size_t i = 0; i < nresults; i++)
    types[nparams + i] = (cw_valtype)results[i];
  cw_functype t = {(uint32_t)nparams, (uint32_t)nresults, types};
  uint32_t id = rt_type_intern(store, &t);
  cw_free(types);
  if (id == UINT32_MAX) return NULL;
  cwasi_func *f = rt_func_new(store, id);
  if (!f) return NULL;
  f->host_fn = fn;
  f->host_env = env;
  f->entry = interp_host_entry;
  return f;
}

size_t cwasi_func_param_count(const cwasi_func *func) { return func->type->nparams; }
size_t cwasi_func_result_count(const cwasi_func *func) { return func->type->nresults; }

cwasi_valtype cwasi_func_param_type(const cwasi_func *func, size_t i) {
  if (i >= func->type->nparams) return (cwasi_valtype)0;
  return (cwasi_valtype)cw_functype_params(func->type)[i];
}

cwasi_valtype cwasi_func_result_type(const cwasi_func *func, size_t i) {
  if (i >= func->type->nresults) return (cwasi_valtype)0;
  return (cwasi_valtype)cw_functype_results(func->type)[i];
}

cwasi_status cwasi_func_call(cwasi_store *store, cwasi_func *func, const cwasi_val *args,
                             size_t nargs, cwasi_val *results, size_t nresults, cwasi_error *err) {
  if (!store || !func) return cw_error(err, CWASI_ERR_ARG, SIZE_MAX, "store or function is NULL");
  const cw_functype *t = func->type;
  if (nargs != t->nparams)
    return cw_error(err, CWASI_ERR_ARG, SIZE_MAX, "wrong number of arguments: expected %u, got %zu",
                    t->nparams, nargs);
  if (nresults < t->nresults)
    return cw_error(err, CWASI_ERR_ARG, SIZE_MAX, "room for %zu results, the function has %u",
                    nresults, t->nresults);
  if ((nargs && !args) || (t->nresults && !results))
    return cw_error(err, CWASI_ERR_ARG, SIZE_MAX, "args or results array is NULL");
  const cw_valtype *ptypes = cw_functype_params(t);
  for (size_t i = 0; i < nargs; i++)
    if ((cw_valtype)args[i].type != ptypes[i])
      return cw_error(err, CWASI_ERR_ARG, SIZE_MAX, "argument %zu: expected %s, got %s", i,
                      cw_valtype_name(ptypes[i]), cw_valtype_name((uint8_t)args[i].type));

  cw_slot local[16];
  size_t nslots = func->param_slots > func->result_slots ? func->param_slots : func->result_slots;
  cw_slot *buf = local;
  if (nslots > CW_ARRAY_LEN(local)) {
    buf = cw_calloc(nslots, sizeof *buf);
    if (!buf) return cw_error(err, CWASI_ERR_NOMEM, SIZE_MAX, "out of memory calling function");
  }
  size_t pos = 0;
  for (size_t i = 0; i < nargs; i++) {
    rt_val_to_slots(&args[i], buf + pos);
    pos += cw_slots_for(ptypes[i]);
  }
  cwasi_status st = interp_call(store, func, buf, err);
  if (st == CWASI_OK) {
    const cw_valtype *rtypes = cw_functype_results(t);
    pos = 0;
    for (uint32_t i = 0; i < t->nresults; i++) {
      rt_slots_to_val(rtypes[i], buf + pos, &results[i]);
      pos += cw_slots_for(rtypes[i]);
    }
    cw_error_clear(err);
  }
  if (buf != local) cw_free(buf);
  return st;
}

cwasi_store *cwasi_caller_store(cwasi_caller *caller) { return caller ? caller->store : NULL; }

bool cwasi_caller_export(cwasi_caller *caller, const char *name, size_t name_len,
                         cwasi_extern *out) {
  if (!caller || !caller->inst) return false;
  return cwasi_instance_export(caller->inst, name, name_len, out);
}

/* Copies a module-controlled name into buf, escaped to stay one line. */
static void put_name(char *buf, size_t buflen, size_t *pos, const char *src, size_t len) {
  cw_escape_append(buf, buflen, pos, src, len);
}

/* Appends cwasi's own text (punctuation, numbers) as it is. */
static void put_lit(char *buf, size_t buflen, size_t *pos, const char *s) {
  size_t n = strlen(s);
  if (*pos + n >= buflen) n = buflen - 1 - *pos;
  memcpy(buf + *pos, s, n);
  *pos += n;
  buf[*pos] = '\0';
}

const char *rt_func_describe(const cwasi_func *f, char *buf, size_t buflen) {
  size_t pos = 0;
  if (!buf || buflen == 0) return buf;
  buf[0] = '\0';
  if (!f->inst) {
    put_lit(buf, buflen, &pos, "<host function>");
    return buf;
  }
  const cw_module *m = f->inst->module->m;
  if (m->module_name) {
    put_lit(buf, buflen, &pos, "$");
    put_name(buf, buflen, &pos, m->module_name, strlen(m->module_name));
    put_lit(buf, buflen, &pos, ".");
  }
  const char *fname = m->func_names ? m->func_names[f->func_index] : NULL;
  if (fname) {
    put_lit(buf, buflen, &pos, "$");
    put_name(buf, buflen, &pos, fname, strlen(fname));
    return buf;
  }
  for (uint32_t i = 0; i < m->nexports; i++) {
    const cw_export *ex = &m->exports[i];
    if (ex->kind == CW_EXTERN_FUNC && ex->index == f->func_index) {
      put_lit(buf, buflen, &pos, "\"");
      put_name(buf, buflen, &pos, ex->name.data, ex->name.len);
      put_lit(buf, buflen, &pos, "\"");
      return buf;
    }
  }
  char num[32];
  snprintf(num, sizeof num, "func[%u]", f->func_index);
  put_lit(buf, buflen, &pos, num);
  return buf;
}
