/*
 * fuzz_decode.c — libFuzzer target for decode, validate and translate
 * (`make fuzz`, docs/fuzzing.md; `make test` replays its seed corpus).
 *
 * Besides the sanitizers, it checks that every range a successful decode
 * hands out lies inside the module's bytes, that a failure always carries
 * a message and an offset inside the input, and that a module that
 * validates translates (every defined function) without error: the
 * translator trusts validation, so this is where a gap between the two
 * would show.
 */
#include "decode/decode.h"
#include "interp/interp.h"
#include "validate/validate.h"

#define REQUIRE(c)                                                                                 \
  do {                                                                                             \
    if (!(c)) __builtin_trap();                                                                    \
  } while (0)

static void check_module(const cw_module *m) {
  REQUIRE(m->nimported_funcs <= m->nfuncs && m->nimported_globals <= m->nglobals);
  REQUIRE(m->nimported_tables <= m->ntables && m->nimported_mems <= m->nmems);
  for (uint32_t i = 0; i < m->nfuncs; i++)
    (void)m->func_types[i];
  for (uint32_t i = 0; i < m->nfuncs - m->nimported_funcs; i++) {
    const cw_func *f = &m->funcs[i];
    REQUIRE(f->entry_offset < f->body_offset && f->body_offset < f->body_end &&
            f->body_end <= m->len);
    REQUIRE(m->bytes[f->body_end - 1] == 0x0B);
    for (uint32_t k = 0; k < f->nlocals; k++)
      REQUIRE(cw_is_valtype(f->locals[k]));
  }
  for (uint32_t i = 0; i < m->ndatas; i++)
    REQUIRE(m->datas[i].init_offset + m->datas[i].len <= m->len);
  for (uint32_t i = 0; i < m->ncustoms; i++) {
    REQUIRE(m->customs[i].data_offset + m->customs[i].data_len <= m->len);
    REQUIRE(m->customs[i].name.data[m->customs[i].name.len] == '\0');
  }
  for (uint32_t i = 0; i < m->ntypes; i++) {
    const cw_functype *t = &m->types[i];
    for (uint32_t k = 0; k < t->nparams + t->nresults; k++)
      REQUIRE(cw_is_valtype(t->types[k]));
  }
  for (uint32_t i = 0; i < m->nelems; i++)
    for (uint32_t k = 0; k < m->elems[i].count; k++)
      (void)m->elems[i].items[k].op;
  for (uint32_t i = 0; i < m->nfuncs; i++)
    if (m->func_names[i]) (void)strlen(m->func_names[i]);
  if (m->module_name) (void)strlen(m->module_name);
}

/* The public path (decode + validate again), then every body translated. */
static void translate_all(const uint8_t *data, size_t size) {
  cwasi_error err;
  cwasi_engine *engine = cwasi_engine_new(NULL);
  REQUIRE(engine);
  cwasi_module *mod = cwasi_module_new(engine, data, size, &err);
  REQUIRE(mod);
  for (uint32_t i = 0; i < mod->m->nfuncs - mod->m->nimported_funcs; i++)
    REQUIRE(interp_translate(mod, i, &err) == CWASI_OK);
  cwasi_module_delete(mod);
  cwasi_engine_delete(engine);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cw_module *m = NULL;
  cwasi_error err;
  cwasi_status st = decode_module(data, size, &m, &err);
  if (st == CWASI_OK) {
    REQUIRE(m != NULL);
    check_module(m);
    st = validate_module(m, &err);
    if (st != CWASI_OK)
      REQUIRE(err.message[0] != '\0' && (err.offset <= size || err.offset == SIZE_MAX));
    decode_module_free(m);
    if (st == CWASI_OK) translate_all(data, size);
  } else {
    REQUIRE(m == NULL && err.message[0] != '\0');
    REQUIRE(err.offset <= size || err.offset == SIZE_MAX);
  }
  return 0;
}
