/*
 * fuzz_decode.c — libFuzzer target for decode_module (not part of `make unit`).
 *
 *   clang -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Isrc \
 *     tests/decode/fuzz_decode.c src/decode/decode.c src/decode/names.c \
 *     src/decode/opcodes.c src/common.c -o build/fuzz_decode
 *   build/fuzz_decode -max_total_time=120 corpus/
 *
 * Besides the sanitizers, it checks that every range a successful decode
 * hands out lies inside the module's bytes.
 */
#include "decode/decode.h"

#define REQUIRE(c) \
  do {             \
    if (!(c)) __builtin_trap(); \
  } while (0)

static void check_module(const cw_module *m) {
  REQUIRE(m->nimported_funcs <= m->nfuncs && m->nimported_globals <= m->nglobals);
  REQUIRE(m->nimported_tables <= m->ntables && m->nimported_mems <= m->nmems);
  for (uint32_t i = 0; i < m->nfuncs; i++) (void)m->func_types[i];
  for (uint32_t i = 0; i < m->nfuncs - m->nimported_funcs; i++) {
    const cw_func *f = &m->funcs[i];
    REQUIRE(f->entry_offset < f->body_offset && f->body_offset < f->body_end && f->body_end <= m->len);
    REQUIRE(m->bytes[f->body_end - 1] == 0x0B);
    for (uint32_t k = 0; k < f->nlocals; k++) REQUIRE(cw_is_valtype(f->locals[k]));
  }
  for (uint32_t i = 0; i < m->ndatas; i++)
    REQUIRE(m->datas[i].init_offset + m->datas[i].len <= m->len);
  for (uint32_t i = 0; i < m->ncustoms; i++) {
    REQUIRE(m->customs[i].data_offset + m->customs[i].data_len <= m->len);
    REQUIRE(m->customs[i].name.data[m->customs[i].name.len] == '\0');
  }
  for (uint32_t i = 0; i < m->ntypes; i++) {
    const cw_functype *t = &m->types[i];
    for (uint32_t k = 0; k < t->nparams + t->nresults; k++) REQUIRE(cw_is_valtype(t->types[k]));
  }
  for (uint32_t i = 0; i < m->nelems; i++)
    for (uint32_t k = 0; k < m->elems[i].count; k++) (void)m->elems[i].items[k].op;
  for (uint32_t i = 0; i < m->nfuncs; i++)
    if (m->func_names[i]) (void)strlen(m->func_names[i]);
  if (m->module_name) (void)strlen(m->module_name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cw_module *m = NULL;
  cwasi_error err;
  cwasi_status st = decode_module(data, size, &m, &err);
  if (st == CWASI_OK) {
    REQUIRE(m != NULL);
    check_module(m);
    decode_module_free(m);
  } else {
    REQUIRE(m == NULL && err.message[0] != '\0');
    REQUIRE(err.offset <= size || err.offset == SIZE_MAX);
  }
  return 0;
}
