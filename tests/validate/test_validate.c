/*
 * test_validate.c — validate_module() on small hand-assembled binaries:
 * one valid and one invalid case per rule, with the spec's wording, the
 * status class (malformed vs invalid) and the reported offset.
 */
#include <stdio.h>
#include <string.h>

#include "decode/decode.h"
#include "unit.h"
#include "validate/validate.h"

/* ---- a tiny module assembler ----------------------------------------- */

typedef struct mb {
  uint8_t b[4096];
  size_t n;
} mb;

static void put(mb *m, const uint8_t *p, size_t n) {
  if (m->n + n > sizeof m->b) return;
  memcpy(m->b + m->n, p, n);
  m->n += n;
}

static void put_uleb(mb *m, uint32_t v) {
  do {
    uint8_t b = v & 0x7F;
    v >>= 7;
    if (v) b |= 0x80;
    put(m, &b, 1);
  } while (v);
}

static void begin(mb *m) {
  static const uint8_t hdr[] = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
  m->n = 0;
  put(m, hdr, sizeof hdr);
}

static void section(mb *m, uint8_t id, const uint8_t *payload, size_t n) {
  put(m, &id, 1);
  put_uleb(m, (uint32_t)n);
  put(m, payload, n);
}

#define BYTES(...) ((const uint8_t[]){__VA_ARGS__}), sizeof((const uint8_t[]){__VA_ARGS__})
#define SEC(m, id, ...) section(m, id, BYTES(__VA_ARGS__))

/* A code section with one function per body; each body is the
 * instructions only (no locals are declared). Returns the offset of the
 * first instruction of body 0 in the module. */
static size_t code(mb *m, int nbodies, const uint8_t *const *bodies, const size_t *lens) {
  mb p = {.n = 0};
  size_t first = 0;
  put_uleb(&p, (uint32_t)nbodies);
  for (int i = 0; i < nbodies; i++) {
    put_uleb(&p, (uint32_t)lens[i] + 1);
    put(&p, BYTES(0x00)); /* no locals */
    if (i == 0) first = p.n;
    put(&p, bodies[i], lens[i]);
  }
  uint8_t id = 10;
  put(m, &id, 1);
  put_uleb(m, (uint32_t)p.n);
  size_t base = m->n;
  put(m, p.b, p.n);
  return base + first;
}

#define CODE1(m, ...)                                                                              \
  code(m, 1, (const uint8_t *const[]){(const uint8_t[]){__VA_ARGS__}},                             \
       (const size_t[]){sizeof((const uint8_t[]){__VA_ARGS__})})

static cwasi_error err;

static cwasi_status run(const mb *m) {
  cw_module *mod = NULL;
  memset(&err, 0, sizeof err);
  cwasi_status st = decode_module(m->b, m->n, &mod, &err);
  if (st != CWASI_OK) return st;
  st = validate_module(mod, &err);
  decode_module_free(mod);
  return st;
}

static bool msg_has(const char *s) {
  if (strstr(err.message, s)) return true;
  fprintf(stderr, "    message \"%s\" lacks \"%s\"\n", err.message, s);
  return false;
}

/*
 * One function of type 0 = [i32 i64] -> [i32] (so local 0 is i32 and
 * local 1 is i64), type 1 = [i32 i32] -> [i32], type 2 = [] -> [],
 * with a memory when `memory`, a funcref table, and globals
 * 0 = immutable i32, 1 = mutable i32. Returns the offset of the body.
 */
static size_t func_module(mb *m, bool memory, const uint8_t *body, size_t len) {
  begin(m);
  SEC(m, 1, 3, 0x60, 2, 0x7F, 0x7E, 1, 0x7F, 0x60, 2, 0x7F, 0x7F, 1, 0x7F, 0x60, 0, 0);
  SEC(m, 3, 1, 0);
  SEC(m, 4, 1, 0x70, 0x00, 1);
  if (memory) SEC(m, 5, 1, 0x00, 1);
  SEC(m, 6, 2, 0x7F, 0x00, 0x41, 0x00, 0x0B, 0x7F, 0x01, 0x41, 0x00, 0x0B);
  return code(m, 1, (const uint8_t *const[]){body}, (const size_t[]){len});
}

#define FUNC(m, memory, ...) func_module(m, memory, BYTES(__VA_ARGS__))

/* ---- function bodies --------------------------------------------------- */

static void test_simple_typing(void) {
  mb m;
  FUNC(&m, false, 0x41, 1, 0x41, 2, 0x6A, 0x0B); /* i32.add of two i32 */
  CHECK_EQ_U64(run(&m), CWASI_OK);

  size_t body = FUNC(&m, false, 0x41, 1, 0x42, 2, 0x6A, 0x0B); /* i32.add of i32, i64 */
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("type mismatch"));
  CHECK_EQ_U64(err.offset, body + 4); /* the i32.add */
  CHECK(msg_has("func 0: "));

  FUNC(&m, false, 0x0B); /* falls off the end without its i32 result */
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("type mismatch"));

  FUNC(&m, false, 0x41, 1, 0x41, 1, 0x0B); /* one value too many */
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
}

static void test_unreachable_is_polymorphic(void) {
  mb m;
  FUNC(&m, false, 0x00, 0x6A, 0x0B); /* unreachable; i32.add; end */
  CHECK_EQ_U64(run(&m), CWASI_OK);
  FUNC(&m, false, 0x00, 0x42, 0, 0x6A, 0x0B); /* an i64 is still an i64 */
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("type mismatch"));
  FUNC(&m, false, 0x00, 0x1B, 0x0B); /* unreachable; select of Unknowns */
  CHECK_EQ_U64(run(&m), CWASI_OK);
  /* br_table after unreachable: targets i32 and i64 both accept Unknown */
  FUNC(&m, false, 0x02, 0x7F, 0x02, 0x7E, 0x00, 0x0E, 1, 0, 1, 0x0B, 0x1A, 0x41, 0, 0x0B, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_OK);
}

static void test_blocks(void) {
  mb m;
  FUNC(&m, false, 0x02, 0x7F, 0x41, 7, 0x0B, 0x0B); /* block (result i32) */
  CHECK_EQ_U64(run(&m), CWASI_OK);
  FUNC(&m, false, 0x02, 0x7F, 0x0B, 0x0B); /* the block yields nothing */
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  /* block (type 1) takes two i32 and leaves one */
  FUNC(&m, false, 0x41, 1, 0x41, 2, 0x02, 1, 0x6A, 0x0B, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_OK);
  FUNC(&m, false, 0x41, 1, 0x02, 9, 0x0B, 0x0B); /* block type index 9 */
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("unknown type"));
  /* loop (type 1): a branch to it carries its params, two i32 */
  FUNC(&m, false, 0x41, 1, 0x41, 2, 0x03, 1, 0x0C, 0, 0x0B, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_OK);
  FUNC(&m, false, 0x41, 1, 0x41, 2, 0x03, 1, 0x1A, 0x0C, 0, 0x0B, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
}

static void test_if_else(void) {
  mb m;
  FUNC(&m, false, 0x41, 1, 0x04, 0x7F, 0x41, 2, 0x05, 0x41, 3, 0x0B, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_OK);
  FUNC(&m, false, 0x41, 1, 0x04, 0x7F, 0x41, 2, 0x0B, 0x0B); /* result but no else */
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("type mismatch"));
  /* if (type 0 = [i32 i64] -> [i32]) without else: params differ from results */
  FUNC(&m, false, 0x41, 1, 0x42, 1, 0x41, 1, 0x04, 0, 0x1A, 0x0B, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  FUNC(&m, false, 0x42, 1, 0x04, 0x40, 0x0B, 0x41, 0, 0x0B); /* i64 condition */
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  FUNC(&m, false, 0x05, 0x0B); /* else outside if */
  CHECK_EQ_U64(run(&m), CWASI_ERR_MALFORMED);
}

static void test_branches(void) {
  mb m;
  FUNC(&m, false, 0x41, 1, 0x0C, 0, 0x0B); /* br 0 = return the i32 */
  CHECK_EQ_U64(run(&m), CWASI_OK);
  size_t body = FUNC(&m, false, 0x41, 1, 0x0C, 3, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("unknown label"));
  CHECK_EQ_U64(err.offset, body + 2);
  FUNC(&m, false, 0x41, 1, 0x41, 0, 0x0D, 0, 0x0B); /* br_if keeps the value */
  CHECK_EQ_U64(run(&m), CWASI_OK);
  /* br_table whose targets have different arities: block [] and func [i32] */
  FUNC(&m, false, 0x02, 0x40, 0x41, 1, 0x41, 0, 0x0E, 1, 0, 1, 0x0B, 0x41, 0, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("type mismatch"));
  FUNC(&m, false, 0x41, 1, 0x41, 0, 0x0E, 1, 0, 0, 0x0B); /* both targets are the func */
  CHECK_EQ_U64(run(&m), CWASI_OK);
  FUNC(&m, false, 0x42, 1, 0x0F, 0x0B); /* return of an i64 */
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
}

static void test_select(void) {
  mb m;
  FUNC(&m, false, 0x41, 1, 0x41, 2, 0x41, 0, 0x1B, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_OK);
  FUNC(&m, false, 0xD0, 0x70, 0xD0, 0x70, 0x41, 0, 0x1B, 0x1A, 0x41, 0, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID); /* references need select t */
  CHECK(msg_has("type mismatch"));
  FUNC(&m, false, 0xD0, 0x70, 0xD0, 0x70, 0x41, 0, 0x1C, 1, 0x70, 0x1A, 0x41, 0, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_OK);
  FUNC(&m, false, 0x41, 1, 0x41, 2, 0x41, 0, 0x1C, 0, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("invalid result arity"));
  FUNC(&m, false, 0x41, 1, 0x42, 2, 0x41, 0, 0x1B, 0x0B); /* i32 vs i64 */
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
}

static void test_variables(void) {
  mb m;
  FUNC(&m, false, 0x20, 0, 0x0B); /* local.get 0 : i32 */
  CHECK_EQ_U64(run(&m), CWASI_OK);
  FUNC(&m, false, 0x20, 1, 0x0B); /* local 1 is i64 */
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  FUNC(&m, false, 0x20, 5, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("unknown local 5"));
  FUNC(&m, false, 0x42, 3, 0x22, 1, 0x1A, 0x20, 0, 0x0B); /* local.tee */
  CHECK_EQ_U64(run(&m), CWASI_OK);
  FUNC(&m, false, 0x41, 1, 0x24, 1, 0x23, 1, 0x0B); /* global 1 is mutable */
  CHECK_EQ_U64(run(&m), CWASI_OK);
  FUNC(&m, false, 0x41, 1, 0x24, 0, 0x23, 0, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("global is immutable"));
  FUNC(&m, false, 0x23, 2, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("unknown global 2"));
}

static void test_memory_instructions(void) {
  mb m;
  FUNC(&m, true, 0x41, 0, 0x28, 2, 0, 0x0B); /* i32.load align=4 */
  CHECK_EQ_U64(run(&m), CWASI_OK);
  FUNC(&m, false, 0x41, 0, 0x28, 2, 0, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("unknown memory 0"));
  size_t body = FUNC(&m, true, 0x41, 0, 0x28, 3, 0, 0x0B); /* align=8 > 4 */
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("alignment must not be larger than natural"));
  CHECK_EQ_U64(err.offset, body + 2);
  FUNC(&m, true, 0x41, 0, 0x31, 1, 0, 0x0B); /* i64.load8_u align=2 */
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  FUNC(&m, true, 0x3F, 0x00, 0x0B); /* memory.size */
  CHECK_EQ_U64(run(&m), CWASI_OK);
  FUNC(&m, true, 0x3F, 0x01, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_MALFORMED);
  CHECK(msg_has("zero byte expected"));
  FUNC(&m, true, 0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 10, 0, 0, 0x41, 0, 0x0B); /* memory.copy */
  CHECK_EQ_U64(run(&m), CWASI_OK);
}

static void test_data_count(void) {
  mb m;
  /* data.drop 0 with a passive segment but no data count section */
  begin(&m);
  SEC(&m, 1, 1, 0x60, 0, 0);
  SEC(&m, 3, 1, 0);
  SEC(&m, 5, 1, 0x00, 1);
  CODE1(&m, 0xFC, 9, 0, 0x0B);
  SEC(&m, 11, 1, 0x01, 0);
  CHECK_EQ_U64(run(&m), CWASI_ERR_MALFORMED);
  CHECK(msg_has("data count section required"));

  begin(&m);
  SEC(&m, 1, 1, 0x60, 0, 0);
  SEC(&m, 3, 1, 0);
  SEC(&m, 5, 1, 0x00, 1);
  SEC(&m, 12, 1);
  CODE1(&m, 0xFC, 9, 0, 0xFC, 9, 1, 0x0B); /* data.drop 1 of 1 segment */
  SEC(&m, 11, 1, 0x01, 0);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("unknown data segment 1"));
}

static void test_tables_and_calls(void) {
  mb m;
  FUNC(&m, false, 0x41, 0, 0x25, 0, 0xD1, 0x0B); /* ref.is_null (table.get 0) */
  CHECK_EQ_U64(run(&m), CWASI_OK);
  FUNC(&m, false, 0x41, 0, 0x25, 1, 0xD1, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("unknown table 1"));
  FUNC(&m, false, 0x41, 0, 0xD0, 0x6F, 0x26, 0, 0x41, 0, 0x0B); /* externref into funcref */
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("type mismatch"));
  /* call_indirect (type 1) needs i32 i32 and the index */
  FUNC(&m, false, 0x41, 1, 0x41, 2, 0x41, 0, 0x11, 1, 0, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_OK);
  FUNC(&m, false, 0x41, 1, 0x41, 2, 0x41, 0, 0x11, 7, 0, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("unknown type 7"));
  FUNC(&m, false, 0x41, 1, 0x42, 2, 0x10, 0, 0x0B); /* call 0 (itself) */
  CHECK_EQ_U64(run(&m), CWASI_OK);
  FUNC(&m, false, 0x10, 4, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("unknown function 4"));
  FUNC(&m, false, 0xFC, 13, 0, 0x41, 0, 0x0B); /* elem.drop 0, no segments */
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("unknown elem segment 0"));
}

static void test_ref_func(void) {
  mb m;
  /* ref.func 0 with no declaration of function 0 */
  begin(&m);
  SEC(&m, 1, 1, 0x60, 0, 0);
  SEC(&m, 3, 1, 0);
  CODE1(&m, 0xD2, 0, 0x1A, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("undeclared function reference"));
  /* the same, declared by an export */
  begin(&m);
  SEC(&m, 1, 1, 0x60, 0, 0);
  SEC(&m, 3, 1, 0);
  SEC(&m, 7, 1, 1, 'f', 0x00, 0);
  CODE1(&m, 0xD2, 0, 0x1A, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_OK);
  /* declared by a declarative element segment */
  begin(&m);
  SEC(&m, 1, 1, 0x60, 0, 0);
  SEC(&m, 3, 1, 0);
  SEC(&m, 9, 1, 0x03, 0x00, 1, 0);
  CODE1(&m, 0xD2, 0, 0x1A, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_OK);
}

static void test_body_encoding(void) {
  mb m;
  FUNC(&m, false, 0x41, 0, 0x0B, 0x01, 0x0B); /* instructions after the final end */
  CHECK_EQ_U64(run(&m), CWASI_ERR_MALFORMED);
  FUNC(&m, false, 0x41, 0, 0xFC, 0x7F, 0x0B); /* no such 0xFC instruction */
  CHECK_EQ_U64(run(&m), CWASI_ERR_MALFORMED);
  CHECK(msg_has("illegal opcode"));
  /* A typing error in function 0 and an encoding error in function 1: the
   * module is malformed, because the spec decodes before validating. */
  begin(&m);
  SEC(&m, 1, 1, 0x60, 0, 0);
  SEC(&m, 3, 2, 0, 0);
  code(&m, 2,
       (const uint8_t *const[]){(const uint8_t[]){0x6A, 0x0B}, (const uint8_t[]){0xFF, 0x0B}},
       (const size_t[]){2, 2});
  CHECK_EQ_U64(run(&m), CWASI_ERR_MALFORMED);
}

/* ---- module-level rules ------------------------------------------------ */

static void test_limits(void) {
  mb m;
  begin(&m);
  SEC(&m, 5, 1, 0x00, 0x81, 0x80, 0x04); /* memory min 65537 */
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("memory size must be at most 65536 pages (4GiB)"));
  begin(&m);
  SEC(&m, 5, 1, 0x01, 0, 0x80, 0x80, 0x04); /* max 65536 is fine */
  CHECK_EQ_U64(run(&m), CWASI_OK);
  begin(&m);
  SEC(&m, 4, 1, 0x70, 0x01, 2, 1); /* table min 2 > max 1 */
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("size minimum must not be greater than maximum"));
  begin(&m);
  SEC(&m, 5, 2, 0x00, 1, 0x00, 1);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("multiple memories"));
  begin(&m);
  SEC(&m, 4, 2, 0x70, 0x00, 1, 0x6F, 0x00, 1); /* several tables are fine */
  CHECK_EQ_U64(run(&m), CWASI_OK);
}

static void test_globals(void) {
  mb m;
  begin(&m); /* global.get of a defined global */
  SEC(&m, 6, 2, 0x7F, 0x00, 0x41, 0, 0x0B, 0x7F, 0x00, 0x23, 0, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("unknown global"));
  begin(&m); /* of an imported mutable one */
  SEC(&m, 2, 1, 1, 'm', 1, 'g', 0x03, 0x7F, 0x01);
  SEC(&m, 6, 1, 0x7F, 0x00, 0x23, 0, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("constant expression required"));
  begin(&m); /* of an imported immutable one */
  SEC(&m, 2, 1, 1, 'm', 1, 'g', 0x03, 0x7F, 0x00);
  SEC(&m, 6, 1, 0x7F, 0x00, 0x23, 0, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_OK);
  begin(&m);
  SEC(&m, 6, 1, 0x7E, 0x00, 0x41, 0, 0x0B); /* i64 global, i32 init */
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("type mismatch"));
  begin(&m);
  SEC(&m, 6, 1, 0x70, 0x00, 0xD2, 3, 0x0B); /* ref.func of no function */
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("unknown function 3"));
  /* extended constant expressions: typed on a stack */
  begin(&m); /* i64: 2 * 3 - g, g an imported immutable i64 */
  SEC(&m, 2, 1, 1, 'm', 1, 'g', 0x03, 0x7E, 0x00);
  SEC(&m, 6, 1, 0x7E, 0x00, 0x42, 2, 0x42, 3, 0x7E, 0x23, 0, 0x7D, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_OK);
  begin(&m); /* two values left */
  SEC(&m, 6, 1, 0x7F, 0x00, 0x41, 0, 0x41, 1, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("type mismatch"));
  begin(&m); /* an add short of an operand */
  SEC(&m, 6, 1, 0x7F, 0x00, 0x41, 0, 0x6A, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("type mismatch"));
  begin(&m); /* i32.add of an i64 */
  SEC(&m, 6, 1, 0x7F, 0x00, 0x41, 0, 0x42, 1, 0x6A, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("type mismatch"));
  begin(&m); /* an i64 result for an i32 global */
  SEC(&m, 6, 1, 0x7F, 0x00, 0x42, 0, 0x42, 1, 0x7C, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("expected i32, found i64"));
  begin(&m); /* an add alone */
  SEC(&m, 6, 1, 0x7F, 0x00, 0x6A, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("type mismatch"));
}

static void test_exports_and_start(void) {
  mb m;
  begin(&m);
  SEC(&m, 1, 1, 0x60, 0, 0);
  SEC(&m, 3, 1, 0);
  SEC(&m, 7, 2, 1, 'a', 0x00, 0, 1, 'a', 0x00, 0);
  CODE1(&m, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("duplicate export name"));
  begin(&m);
  SEC(&m, 1, 1, 0x60, 0, 0);
  SEC(&m, 3, 1, 0);
  SEC(&m, 7, 2, 1, 'a', 0x00, 0, 1, 'b', 0x00, 0);
  CODE1(&m, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_OK);
  begin(&m);
  SEC(&m, 7, 1, 1, 'g', 0x03, 0);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("unknown global 0"));
  begin(&m); /* start function of type [i32] -> [] */
  SEC(&m, 1, 1, 0x60, 1, 0x7F, 0);
  SEC(&m, 3, 1, 0);
  SEC(&m, 8, 0);
  CODE1(&m, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("start function"));
}

static void test_segments(void) {
  mb m;
  begin(&m); /* active funcref segment into an externref table */
  SEC(&m, 1, 1, 0x60, 0, 0);
  SEC(&m, 3, 1, 0);
  SEC(&m, 4, 1, 0x6F, 0x00, 1);
  SEC(&m, 9, 1, 0x00, 0x41, 0, 0x0B, 1, 0);
  CODE1(&m, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("type mismatch"));
  begin(&m); /* the same into a funcref table */
  SEC(&m, 1, 1, 0x60, 0, 0);
  SEC(&m, 3, 1, 0);
  SEC(&m, 4, 1, 0x70, 0x00, 1);
  SEC(&m, 9, 1, 0x00, 0x41, 0, 0x0B, 1, 0);
  CODE1(&m, 0x0B);
  CHECK_EQ_U64(run(&m), CWASI_OK);
  begin(&m); /* i64 offset */
  SEC(&m, 4, 1, 0x70, 0x00, 1);
  SEC(&m, 9, 1, 0x00, 0x42, 0, 0x0B, 0);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  begin(&m); /* elements into a missing table */
  SEC(&m, 9, 1, 0x00, 0x41, 0, 0x0B, 0);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("unknown table 0"));
  begin(&m); /* active data without a memory */
  SEC(&m, 11, 1, 0x00, 0x41, 0, 0x0B, 0);
  CHECK_EQ_U64(run(&m), CWASI_ERR_INVALID);
  CHECK(msg_has("unknown memory 0"));
  begin(&m);
  SEC(&m, 5, 1, 0x00, 1);
  SEC(&m, 11, 1, 0x00, 0x41, 0, 0x0B, 1, 'x');
  CHECK_EQ_U64(run(&m), CWASI_OK);
}

int main(void) {
  RUN(test_simple_typing);
  RUN(test_unreachable_is_polymorphic);
  RUN(test_blocks);
  RUN(test_if_else);
  RUN(test_branches);
  RUN(test_select);
  RUN(test_variables);
  RUN(test_memory_instructions);
  RUN(test_data_count);
  RUN(test_tables_and_calls);
  RUN(test_ref_func);
  RUN(test_body_encoding);
  RUN(test_limits);
  RUN(test_globals);
  RUN(test_exports_and_start);
  RUN(test_segments);
  return unit_report();
}
