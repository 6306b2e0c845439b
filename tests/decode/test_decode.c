/* test_decode.c — the binary decoder and the reader it is built on. */
#include <string.h>

#include "decode/decode.h"
#include "decode/names.h"
#include "decode/reader.h"
#include "unit.h"

#define HDR 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00
/* A section whose size is computed from its contents (< 128 bytes). */
#define SEC(id, ...) (id), (uint8_t)sizeof((uint8_t[]){__VA_ARGS__}), __VA_ARGS__
#define TYPE_V_V SEC(1, 1, 0x60, 0, 0) /* one type: [] -> [] */

static cw_module *m;
static cwasi_error err;

static cwasi_status decode(const uint8_t *b, size_t n) {
  m = NULL;
  memset(&err, 0, sizeof err);
  return decode_module(b, n, &m, &err);
}

/* Checks status, offset and that the message contains `sub`. */
#define EXPECT_ERR(arr, st, off, sub)                                                      \
  do {                                                                                     \
    cwasi_status st_ = decode(arr, sizeof arr);                                            \
    CHECK_EQ_U64(st_, st);                                                                 \
    CHECK(m == NULL);                                                                      \
    CHECK_EQ_U64(err.offset, off);                                                         \
    CHECK(strstr(err.message, sub) != NULL);                                               \
    if (!strstr(err.message, sub)) fprintf(stderr, "    message: \"%s\"\n", err.message);  \
    if (m) decode_module_free(m);                                                          \
  } while (0)

#define EXPECT_OK(arr)                                                            \
  do {                                                                            \
    cwasi_status st_ = decode(arr, sizeof arr);                                   \
    CHECK_EQ_U64(st_, CWASI_OK);                                                  \
    if (st_ != CWASI_OK) fprintf(stderr, "    message: \"%s\"\n", err.message);   \
  } while (0)

/* ---- reader.h ---- */

static void test_reader_uleb(void) {
  cw_reader r;
  uint32_t u;
  uint64_t v;
  static const uint8_t max32[] = {0xff, 0xff, 0xff, 0xff, 0x0f};
  cw_reader_init(&r, max32, 0, sizeof max32);
  CHECK(cw_read_u32(&r, &u) && u == 0xffffffffu && cw_reader_eof(&r));

  static const uint8_t big[] = {0xff, 0xff, 0xff, 0xff, 0x1f}; /* bit 32 set */
  cw_reader_init(&r, big, 0, sizeof big);
  CHECK(!cw_read_u32(&r, &u) && strcmp(r.err_msg, "integer too large") == 0);

  static const uint8_t longer[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x00}; /* six bytes */
  cw_reader_init(&r, longer, 0, sizeof longer);
  CHECK(!cw_read_u32(&r, &u) && strcmp(r.err_msg, "integer representation too long") == 0);
  CHECK_EQ_U64(r.err_offset, 0);

  static const uint8_t padded[] = {0x82, 0x80, 0x80, 0x80, 0x00}; /* non-minimal is fine */
  cw_reader_init(&r, padded, 0, sizeof padded);
  CHECK(cw_read_u32(&r, &u) && u == 2);

  static const uint8_t flag[] = {0x02};
  cw_reader_init(&r, flag, 0, 1);
  CHECK(!cw_read_uleb(&r, 1, &v) && strcmp(r.err_msg, "integer too large") == 0);

  static const uint8_t cut[] = {0x80, 0x80};
  cw_reader_init(&r, cut, 0, sizeof cut);
  CHECK(!cw_read_u32(&r, &u) && strcmp(r.err_msg, "unexpected end") == 0);
  CHECK(!cw_read_u32(&r, &u)); /* failure is sticky */
  CHECK_EQ_U64(r.err_offset, 2);
}

static void test_reader_sleb(void) {
  cw_reader r;
  int32_t s;
  int64_t s64;
  static const uint8_t m1[] = {0xff, 0xff, 0xff, 0xff, 0x7f}; /* -1 in five bytes */
  cw_reader_init(&r, m1, 0, sizeof m1);
  CHECK(cw_read_s32(&r, &s) && s == -1);

  static const uint8_t bad_sign[] = {0xff, 0xff, 0xff, 0xff, 0x4f}; /* unused bits not a sign */
  cw_reader_init(&r, bad_sign, 0, sizeof bad_sign);
  CHECK(!cw_read_s32(&r, &s) && strcmp(r.err_msg, "integer too large") == 0);

  static const uint8_t min32[] = {0x80, 0x80, 0x80, 0x80, 0x78};
  cw_reader_init(&r, min32, 0, sizeof min32);
  CHECK(cw_read_s32(&r, &s) && s == INT32_MIN);

  static const uint8_t min64[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f};
  cw_reader_init(&r, min64, 0, sizeof min64);
  CHECK(cw_read_s64(&r, &s64) && s64 == INT64_MIN);

  static const uint8_t big64[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02};
  cw_reader_init(&r, big64, 0, sizeof big64);
  CHECK(!cw_read_s64(&r, &s64) && strcmp(r.err_msg, "integer too large") == 0);

  static const uint8_t neg33[] = {0x40}; /* s33 blocktype 0x40 reads as -64 */
  cw_reader_init(&r, neg33, 0, 1);
  CHECK(cw_read_s33(&r, &s64) && s64 == -64);

  /* a bounded reader never reads past its end even with bytes behind it */
  static const uint8_t two[] = {0x01, 0x02};
  const uint8_t *p;
  cw_reader_init(&r, two, 0, 1);
  CHECK(!cw_read_bytes(&r, 2, &p) && p == NULL);
}

/* ---- header and section framing ---- */

static void test_minimal(void) {
  static const uint8_t b[] = {HDR};
  EXPECT_OK(b);
  CHECK(m && m->ntypes == 0 && m->nfuncs == 0 && m->ncustoms == 0 && !m->has_start);
  CHECK(m && m->module_name == NULL && m->func_names != NULL);
  CHECK(m && m->len == sizeof b && m->bytes != b && memcmp(m->bytes, b, sizeof b) == 0);
  decode_module_free(m);
}

static void test_header_errors(void) {
  static const uint8_t empty[] = {0};
  cwasi_status st = decode(empty, 0);
  CHECK_EQ_U64(st, CWASI_ERR_MALFORMED);
  CHECK(strstr(err.message, "unexpected end") != NULL);
  static const uint8_t magic[] = {'a', 's', 'm', 0, 1, 0, 0, 0};
  EXPECT_ERR(magic, CWASI_ERR_MALFORMED, 0, "magic header not detected");
  static const uint8_t short_version[] = {0, 'a', 's', 'm', 1, 0, 0};
  EXPECT_ERR(short_version, CWASI_ERR_MALFORMED, 7, "unexpected end");
  static const uint8_t version[] = {0, 'a', 's', 'm', 0x0d, 0, 0, 0};
  EXPECT_ERR(version, CWASI_ERR_MALFORMED, 4, "unknown binary version");
}

static void test_section_framing(void) {
  static const uint8_t bad_id[] = {HDR, 0x0d, 0x00};
  EXPECT_ERR(bad_id, CWASI_ERR_MALFORMED, 8, "malformed section id");
  static const uint8_t bad_id2[] = {HDR, 0x80, 0x00, 0x01, 0x00};
  EXPECT_ERR(bad_id2, CWASI_ERR_MALFORMED, 8, "malformed section id");
  /* one type plus a stray byte inside the section */
  static const uint8_t mismatch[] = {HDR, 0x01, 0x05, 0x01, 0x60, 0x00, 0x00, 0x00};
  EXPECT_ERR(mismatch, CWASI_ERR_MALFORMED, 14, "section size mismatch");
  /* section size runs past the end of the module */
  static const uint8_t oob[] = {HDR, 0x01, 0x07, 0x01, 0x60, 0x00, 0x00};
  EXPECT_ERR(oob, CWASI_ERR_MALFORMED, 9, "length out of bounds");
  /* two types declared, one given: the read stops at the section end */
  static const uint8_t short_vec[] = {HDR, SEC(1, 0x02, 0x60, 0x00, 0x00)};
  EXPECT_ERR(short_vec, CWASI_ERR_MALFORMED, 14, "unexpected end");
  CHECK(strncmp(err.message, "section 1 (type)", 16) == 0);
  static const uint8_t order[] = {HDR, SEC(3, 0x00), SEC(1, 0x00)};
  EXPECT_ERR(order, CWASI_ERR_MALFORMED, 11, "unexpected content after last section");
  static const uint8_t dup[] = {HDR, SEC(8, 0x00), SEC(8, 0x00)};
  EXPECT_ERR(dup, CWASI_ERR_MALFORMED, 11, "unexpected content after last section");
  static const uint8_t dc_after_code[] = {HDR, SEC(10, 0x00), SEC(12, 0x00)};
  EXPECT_ERR(dc_after_code, CWASI_ERR_MALFORMED, 11, "unexpected content after last section");
  /* datacount between element and code, customs anywhere */
  static const uint8_t good_order[] = {HDR,           SEC(0, 1, 'a'), TYPE_V_V, SEC(9, 0x00),
                                       SEC(12, 0x00), SEC(0, 1, 'b'), SEC(10, 0x00),
                                       SEC(11, 0x00), SEC(0, 1, 'c')};
  EXPECT_OK(good_order);
  CHECK(m && m->ncustoms == 3 && m->has_datacount && m->datacount == 0);
  decode_module_free(m);
}

/* ---- each section ---- */

static void test_types(void) {
  static const uint8_t b[] = {HDR, SEC(1, 0x02, 0x60, 0x02, 0x7f, 0x7e, 0x01, 0x7d,  /* (i32 i64)->f32 */
                                       0x60, 0x01, 0x7b, 0x02, 0x70, 0x6f)};       /* v128->(func extern) */
  EXPECT_OK(b);
  CHECK(m && m->ntypes == 2);
  if (m && m->ntypes == 2) {
    const cw_functype *t = &m->types[0];
    CHECK(t->nparams == 2 && t->nresults == 1);
    CHECK(cw_functype_params(t)[0] == CWASI_I32 && cw_functype_params(t)[1] == CWASI_I64);
    CHECK(cw_functype_results(t)[0] == CWASI_F32);
    t = &m->types[1];
    CHECK(t->nparams == 1 && t->nresults == 2 && t->types[0] == CWASI_V128 &&
          t->types[1] == CWASI_FUNCREF && t->types[2] == CWASI_EXTERNREF);
  }
  decode_module_free(m);

  static const uint8_t bad_vt[] = {HDR, SEC(1, 0x01, 0x60, 0x01, 0x40, 0x00)};
  EXPECT_ERR(bad_vt, CWASI_ERR_MALFORMED, 13, "malformed value type");
  static const uint8_t bad_form[] = {HDR, SEC(1, 0x01, 0x61, 0x00, 0x00)};
  EXPECT_ERR(bad_form, CWASI_ERR_MALFORMED, 11, "malformed function type");
  static const uint8_t leb_form[] = {HDR, SEC(1, 0x01, 0xe0, 0x7f, 0x00, 0x00)};
  EXPECT_ERR(leb_form, CWASI_ERR_MALFORMED, 11, "integer representation too long");
}

static void test_imports_and_index_spaces(void) {
  static const uint8_t b[] = {
      HDR, TYPE_V_V,
      SEC(2, 0x04,                                       /* four imports */
          0x01, 'm', 0x01, 'f', 0x00, 0x00,              /* func type 0 */
          0x01, 'm', 0x01, 't', 0x01, 0x70, 0x00, 0x01,  /* table funcref min 1 */
          0x01, 'm', 0x01, 'M', 0x02, 0x01, 0x01, 0x02,  /* memory 1..2 */
          0x01, 'm', 0x01, 'g', 0x03, 0x7f, 0x00),       /* global i32 */
      SEC(3, 0x01, 0x00),                                /* one defined function */
      SEC(4, 0x01, 0x6f, 0x01, 0x00, 0x05),              /* table externref 0..5 */
      SEC(6, 0x01, 0x7e, 0x01, 0x42, 0x7e, 0x0b),        /* global (mut i64) = -2 */
      SEC(10, 0x01, 0x02, 0x00, 0x0b)};
  EXPECT_OK(b);
  if (!m) return;
  CHECK(m->nimports == 4 && m->nimported_funcs == 1 && m->nimported_tables == 1 &&
        m->nimported_mems == 1 && m->nimported_globals == 1);
  CHECK(m->imports[0].module.len == 1 && strcmp(m->imports[0].module.data, "m") == 0);
  CHECK(strcmp(m->imports[2].name.data, "M") == 0 && m->imports[2].kind == CW_EXTERN_MEMORY);
  CHECK(m->nfuncs == 2 && m->func_types[0] == 0 && m->func_types[1] == 0);
  CHECK(m->ntables == 2 && m->tables[0].elemtype == CWASI_FUNCREF &&
        m->tables[0].limits.min == 1 && !m->tables[0].limits.has_max);
  CHECK(m->tables[1].elemtype == CWASI_EXTERNREF && m->tables[1].limits.has_max &&
        m->tables[1].limits.max == 5);
  CHECK(m->nmems == 1 && m->mems[0].limits.min == 1 && m->mems[0].limits.max == 2);
  CHECK(m->nglobals == 2 && m->globals[0].type == CWASI_I32 && !m->globals[0].mut);
  CHECK(m->globals[1].type == CWASI_I64 && m->globals[1].mut);
  CHECK(m->global_inits[0].op == 0x42 && m->global_inits[0].bits[0] == (uint64_t)-2);
  CHECK(m->funcs[0].type == 0);
  decode_module_free(m);

  static const uint8_t kind[] = {HDR, 0x02, 0x04, 0x01, 0x00, 0x00, 0x04};
  EXPECT_ERR(kind, CWASI_ERR_MALFORMED, 13, "malformed import kind");
  static const uint8_t mut[] = {HDR, SEC(2, 0x01, 0x00, 0x00, 0x03, 0x7f, 0x02)};
  EXPECT_ERR(mut, CWASI_ERR_MALFORMED, 15, "malformed mutability");
}

static void test_limits_errors(void) {
  static const uint8_t flag2[] = {HDR, SEC(5, 0x01, 0x02)};
  EXPECT_ERR(flag2, CWASI_ERR_MALFORMED, 11, "integer too large");
  static const uint8_t flag_leb[] = {HDR, SEC(5, 0x01, 0x81, 0x00, 0x00, 0x00)};
  EXPECT_ERR(flag_leb, CWASI_ERR_MALFORMED, 11, "integer representation too long");
  static const uint8_t min_big[] = {HDR, SEC(5, 0x01, 0x00, 0x80, 0x80, 0x80, 0x80, 0x10)};
  EXPECT_ERR(min_big, CWASI_ERR_MALFORMED, 12, "integer too large");
  static const uint8_t table_rt[] = {HDR, SEC(4, 0x01, 0x7f, 0x00, 0x00)};
  EXPECT_ERR(table_rt, CWASI_ERR_MALFORMED, 11, "malformed reference type");
  static const uint8_t max_u32[] = {HDR, SEC(5, 0x01, 0x01, 0x00, 0xff, 0xff, 0xff, 0xff, 0x0f)};
  EXPECT_OK(max_u32);
  CHECK(m && m->mems[0].limits.max == 0xffffffffu);
  decode_module_free(m);
}

static void test_const_exprs(void) {
  static const uint8_t b[] = {
      HDR, SEC(2, 0x01, 0x00, 0x00, 0x03, 0x7f, 0x00), /* imported global 0 */
      SEC(6, 0x08,
          0x7f, 0x00, 0x41, 0x7f, 0x0b,                                      /* i32.const -1 */
          0x7e, 0x00, 0x42, 0x80, 0x7f, 0x0b,                                /* i64.const -128 */
          0x7d, 0x00, 0x43, 0x00, 0x00, 0x80, 0x3f, 0x0b,                    /* f32.const 1 */
          0x7c, 0x00, 0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x0b,              /* f64.const 1 */
          0x6f, 0x00, 0xd0, 0x6f, 0x0b,                                      /* ref.null extern */
          0x70, 0x00, 0xd2, 0x05, 0x0b,                                      /* ref.func 5 */
          0x7f, 0x00, 0x23, 0x00, 0x0b,                                      /* global.get 0 */
          0x7b, 0x00, 0xfd, 0x0c, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0x0b)};
  EXPECT_OK(b);
  if (!m) return;
  const cw_constexpr *g = m->global_inits;
  CHECK(g[0].op == 0x41 && g[0].bits[0] == 0xffffffffu);
  CHECK(g[1].op == 0x42 && g[1].bits[0] == (uint64_t)-128);
  CHECK(g[2].op == 0x43 && g[2].bits[0] == 0x3f800000u);
  CHECK(g[3].op == 0x44 && g[3].bits[0] == 0x3ff0000000000000ull);
  CHECK(g[4].op == 0xd0 && g[4].index == CWASI_EXTERNREF);
  CHECK(g[5].op == 0xd2 && g[5].index == 5);
  CHECK(g[6].op == 0x23 && g[6].index == 0);
  CHECK(g[7].op == 0xfd && g[7].bits[0] == 0x0807060504030201ull &&
        g[7].bits[1] == 0x100f0e0d0c0b0a09ull);
  CHECK_EQ_U64(g[0].offset, 21); /* the instruction, after the global type */
  decode_module_free(m);

  /* known but not constant: a validation error, not a format error */
  static const uint8_t local_get[] = {HDR, SEC(6, 0x01, 0x7f, 0x00, 0x20, 0x00, 0x0b)};
  EXPECT_ERR(local_get, CWASI_ERR_INVALID, 13, "constant expression required");
  static const uint8_t with_nop[] = {HDR, SEC(6, 0x01, 0x7f, 0x00, 0x41, 0x00, 0x01, 0x0b)};
  EXPECT_ERR(with_nop, CWASI_ERR_INVALID, 15, "constant expression required");
  /* More than one instruction is a sequence (extended constant
   * expressions); the validator types it (two constants: type mismatch). */
  static const uint8_t two[] = {HDR, SEC(6, 0x01, 0x7f, 0x00, 0x41, 0x05, 0x41, 0x07, 0x6c, 0x0b)};
  EXPECT_OK(two);
  if (m) {
    const cw_constexpr *e = &m->global_inits[0];
    CHECK(e->op == CW_CONST_SEQ && e->nseq == 3);
    CHECK(e->seq[0].op == 0x41 && e->seq[0].bits[0] == 5 && e->seq[1].bits[0] == 7);
    CHECK(e->seq[2].op == 0x6c && e->seq[2].offset == 17);
    decode_module_free(m);
  }
  static const uint8_t seq_nop[] = {HDR,
                                    SEC(6, 0x01, 0x7f, 0x00, 0x41, 0x00, 0x41, 0x00, 0x01, 0x0b)};
  EXPECT_ERR(seq_nop, CWASI_ERR_INVALID, 17, "constant expression required");
  static const uint8_t seq_no_end[] = {HDR, SEC(6, 0x01, 0x7f, 0x00, 0x41, 0x00, 0x41, 0x00)};
  EXPECT_ERR(seq_no_end, CWASI_ERR_MALFORMED, 17, "unexpected end");
  static const uint8_t empty[] = {HDR, SEC(6, 0x01, 0x7f, 0x00, 0x0b)};
  EXPECT_ERR(empty, CWASI_ERR_INVALID, 13, "type mismatch");
  static const uint8_t illegal[] = {HDR, SEC(6, 0x01, 0x7f, 0x00, 0xff, 0x0b)};
  EXPECT_ERR(illegal, CWASI_ERR_MALFORMED, 13, "illegal opcode");
  static const uint8_t no_end[] = {HDR, SEC(6, 0x01, 0x7f, 0x00, 0x41, 0x00)};
  EXPECT_ERR(no_end, CWASI_ERR_MALFORMED, 15, "unexpected end");
  static const uint8_t bad_null[] = {HDR, SEC(6, 0x01, 0x70, 0x00, 0xd0, 0x7f, 0x0b)};
  EXPECT_ERR(bad_null, CWASI_ERR_MALFORMED, 14, "malformed reference type");
  /* a format error later in the module wins over the validation error */
  static const uint8_t both[] = {HDR, SEC(6, 0x01, 0x7f, 0x00, 0x20, 0x00, 0x0b), 0x0d, 0x00};
  EXPECT_ERR(both, CWASI_ERR_MALFORMED, 16, "malformed section id");
}

static void test_exports_start(void) {
  static const uint8_t b[] = {HDR, TYPE_V_V, SEC(3, 0x01, 0x00),
                              SEC(7, 0x02, 0x03, 'r', 'u', 'n', 0x00, 0x00,
                                  0x00, 0x03, 0x81, 0x01), /* "" -> global 129 */
                              SEC(8, 0x00), SEC(10, 0x01, 0x02, 0x00, 0x0b)};
  EXPECT_OK(b);
  if (!m) return;
  CHECK(m->nexports == 2 && m->exports[0].name.len == 3 &&
        memcmp(m->exports[0].name.data, "run", 4) == 0 && m->exports[0].kind == CW_EXTERN_FUNC);
  CHECK(m->exports[1].name.len == 0 && m->exports[1].kind == CW_EXTERN_GLOBAL &&
        m->exports[1].index == 129);
  CHECK(m->has_start && m->start == 0);
  decode_module_free(m);

  static const uint8_t kind[] = {HDR, SEC(7, 0x01, 0x00, 0x04, 0x00)};
  EXPECT_ERR(kind, CWASI_ERR_MALFORMED, 12, "malformed export kind");
}

static void test_elements(void) {
  static const uint8_t b[] = {
      HDR, TYPE_V_V, SEC(3, 0x01, 0x00), SEC(4, 0x01, 0x70, 0x00, 0x01),
      SEC(9, 0x08,
          0x00, 0x41, 0x00, 0x0b, 0x01, 0x00,                               /* 0 */
          0x01, 0x00, 0x01, 0x00,                                           /* 1 */
          0x02, 0x01, 0x41, 0x01, 0x0b, 0x00, 0x01, 0x00,                   /* 2 */
          0x03, 0x00, 0x01, 0x00,                                           /* 3 */
          0x04, 0x41, 0x02, 0x0b, 0x01, 0xd2, 0x00, 0x0b,                   /* 4 */
          0x05, 0x6f, 0x01, 0xd0, 0x6f, 0x0b,                               /* 5 */
          0x06, 0x00, 0x41, 0x03, 0x0b, 0x70, 0x02, 0xd2, 0x00, 0x0b, 0xd0, 0x70, 0x0b, /* 6 */
          0x07, 0x70, 0x01, 0xd2, 0x00, 0x0b),                              /* 7 */
      SEC(10, 0x01, 0x02, 0x00, 0x0b)};
  EXPECT_OK(b);
  if (!m) return;
  CHECK(m->nelems == 8);
  const cw_elem *e = m->elems;
  CHECK(e[0].mode == CW_SEG_ACTIVE && e[0].table == 0 && e[0].offset.op == 0x41 &&
        e[0].type == CWASI_FUNCREF && e[0].count == 1 && e[0].items[0].op == 0xd2 &&
        e[0].items[0].index == 0);
  CHECK(e[1].mode == CW_SEG_PASSIVE && e[1].count == 1 && e[1].items[0].op == 0xd2);
  CHECK(e[2].mode == CW_SEG_ACTIVE && e[2].table == 1 && e[2].offset.bits[0] == 1);
  CHECK(e[3].mode == CW_SEG_DECLARATIVE && e[3].type == CWASI_FUNCREF);
  CHECK(e[4].mode == CW_SEG_ACTIVE && e[4].offset.bits[0] == 2 && e[4].items[0].op == 0xd2);
  CHECK(e[5].mode == CW_SEG_PASSIVE && e[5].type == CWASI_EXTERNREF &&
        e[5].items[0].op == 0xd0 && e[5].items[0].index == CWASI_EXTERNREF);
  CHECK(e[6].mode == CW_SEG_ACTIVE && e[6].table == 0 && e[6].count == 2 &&
        e[6].items[1].op == 0xd0);
  CHECK(e[7].mode == CW_SEG_DECLARATIVE && e[7].count == 1);
  CHECK_EQ_U64(e[0].offset_in_module, 27);
  decode_module_free(m);

  static const uint8_t kind8[] = {HDR, SEC(9, 0x01, 0x08)};
  EXPECT_ERR(kind8, CWASI_ERR_MALFORMED, 11, "malformed elements segment kind");
  static const uint8_t elemkind[] = {HDR, SEC(9, 0x01, 0x01, 0x01, 0x00)};
  EXPECT_ERR(elemkind, CWASI_ERR_MALFORMED, 12, "malformed element kind");
  static const uint8_t reftype[] = {HDR, SEC(9, 0x01, 0x05, 0x7f, 0x00)};
  EXPECT_ERR(reftype, CWASI_ERR_MALFORMED, 12, "malformed reference type");
}

static void test_data(void) {
  static const uint8_t b[] = {HDR, SEC(5, 0x01, 0x00, 0x01), SEC(12, 0x03),
                              SEC(11, 0x03, 0x00, 0x41, 0x00, 0x0b, 0x02, 'h', 'i',
                                  0x01, 0x01, 'x',
                                  0x02, 0x00, 0x41, 0x04, 0x0b, 0x00)};
  EXPECT_OK(b);
  if (!m) return;
  CHECK(m->has_datacount && m->datacount == 3 && m->ndatas == 3);
  const cw_data *d = m->datas;
  CHECK(d[0].mode == CW_SEG_ACTIVE && d[0].memory == 0 && d[0].offset.op == 0x41 &&
        d[0].len == 2 && memcmp(m->bytes + d[0].init_offset, "hi", 2) == 0);
  CHECK(d[1].mode == CW_SEG_PASSIVE && d[1].len == 1 && m->bytes[d[1].init_offset] == 'x');
  CHECK(d[2].mode == CW_SEG_ACTIVE && d[2].offset.bits[0] == 4 && d[2].len == 0);
  decode_module_free(m);

  static const uint8_t count[] = {HDR, SEC(12, 0x03), SEC(11, 0x02, 0x01, 0x00, 0x01, 0x00)};
  EXPECT_ERR(count, CWASI_ERR_MALFORMED, 13, "data count and data section have inconsistent lengths");
  static const uint8_t no_data[] = {HDR, SEC(12, 0x01)};
  EXPECT_ERR(no_data, CWASI_ERR_MALFORMED, 11, "data count and data section have inconsistent lengths");
  static const uint8_t kind[] = {HDR, SEC(11, 0x01, 0x03)};
  EXPECT_ERR(kind, CWASI_ERR_MALFORMED, 11, "malformed data segment kind");
  static const uint8_t too_long[] = {HDR, SEC(11, 0x01, 0x01, 0x05, 'a', 'b')};
  EXPECT_ERR(too_long, CWASI_ERR_MALFORMED, 13, "unexpected end");
}

static void test_code(void) {
  static const uint8_t b[] = {HDR, TYPE_V_V, SEC(3, 0x01, 0x00),
                              SEC(10, 0x01, 0x06, 0x02, 0x01, 0x7f, 0x02, 0x7e, 0x0b)};
  EXPECT_OK(b);
  if (!m) return;
  const cw_func *f = &m->funcs[0];
  CHECK(f->nlocals == 3 && f->locals[0] == CWASI_I32 && f->locals[1] == CWASI_I64 &&
        f->locals[2] == CWASI_I64);
  CHECK_EQ_U64(f->entry_offset, 21);
  CHECK_EQ_U64(f->body_offset, 27);
  CHECK_EQ_U64(f->body_end, 28);
  decode_module_free(m);

  /* 50000 locals are fine, 50001 are not */
  static const uint8_t max_locals[] = {HDR, TYPE_V_V, SEC(3, 0x01, 0x00),
                                       SEC(10, 0x01, 0x06, 0x01, 0xd0, 0x86, 0x03, 0x7f, 0x0b)};
  EXPECT_OK(max_locals);
  CHECK(m && m->funcs[0].nlocals == 50000);
  decode_module_free(m);
  static const uint8_t many[] = {HDR, TYPE_V_V, SEC(3, 0x01, 0x00),
                                 SEC(10, 0x01, 0x06, 0x01, 0xd1, 0x86, 0x03, 0x7f, 0x0b)};
  EXPECT_ERR(many, CWASI_ERR_MALFORMED, 23, "too many locals");
  /* the u32 sum would overflow: 0xffffffff + 2 */
  static const uint8_t overflow[] = {HDR, TYPE_V_V, SEC(3, 0x01, 0x00),
                                     SEC(10, 0x01, 0x0a, 0x02, 0xff, 0xff, 0xff, 0xff, 0x0f,
                                         0x7f, 0x02, 0x7e, 0x0b)};
  EXPECT_ERR(overflow, CWASI_ERR_MALFORMED, 23, "too many locals");

  static const uint8_t missing_code[] = {HDR, TYPE_V_V, SEC(3, 0x02, 0x00, 0x00)};
  EXPECT_ERR(missing_code, CWASI_ERR_MALFORMED, sizeof missing_code,
             "function and code section have inconsistent lengths");
  static const uint8_t fewer[] = {HDR, TYPE_V_V, SEC(3, 0x02, 0x00, 0x00),
                                  SEC(10, 0x01, 0x02, 0x00, 0x0b)};
  EXPECT_ERR(fewer, CWASI_ERR_MALFORMED, 21, "function and code section have inconsistent lengths");
  static const uint8_t no_end[] = {HDR, TYPE_V_V, SEC(3, 0x01, 0x00),
                                   SEC(10, 0x01, 0x03, 0x00, 0x41, 0x01)};
  EXPECT_ERR(no_end, CWASI_ERR_MALFORMED, 25, "END opcode expected");
  static const uint8_t entry_oob[] = {HDR, TYPE_V_V, SEC(3, 0x01, 0x00),
                                      SEC(10, 0x01, 0x05, 0x00, 0x0b)};
  EXPECT_ERR(entry_oob, CWASI_ERR_MALFORMED, 24, "unexpected end");
  CHECK(strstr(err.message, "section 10 (code), entry 0") != NULL);
}

/* ---- names ---- */

static void test_utf8(void) {
  CHECK(decode_utf8_valid((const uint8_t *)"", 0));
  CHECK(decode_utf8_valid((const uint8_t *)"a\0b", 3));
  CHECK(decode_utf8_valid((const uint8_t *)"\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf", 11));
  CHECK(!decode_utf8_valid((const uint8_t *)"\x80", 1));         /* lone continuation */
  CHECK(!decode_utf8_valid((const uint8_t *)"\xc0\x80", 2));     /* overlong NUL */
  CHECK(!decode_utf8_valid((const uint8_t *)"\xe0\x9f\xbf", 3)); /* overlong 3-byte */
  CHECK(!decode_utf8_valid((const uint8_t *)"\xf0\x8f\xbf\xbf", 4)); /* overlong 4-byte */
  CHECK(!decode_utf8_valid((const uint8_t *)"\xed\xa0\x80", 3)); /* surrogate U+D800 */
  CHECK(!decode_utf8_valid((const uint8_t *)"\xf4\x90\x80\x80", 4)); /* U+110000 */
  CHECK(!decode_utf8_valid((const uint8_t *)"\xe2\x82", 2));     /* truncated */
  CHECK(!decode_utf8_valid((const uint8_t *)"\xe2\x28\xa1", 3)); /* bad continuation */
  CHECK(!decode_utf8_valid((const uint8_t *)"\xf8\x88\x80\x80\x80", 5));

  static const uint8_t custom[] = {HDR, SEC(0, 0x02, 0xc0, 0x80)};
  EXPECT_ERR(custom, CWASI_ERR_MALFORMED, 11, "malformed UTF-8 encoding");
  static const uint8_t import[] = {HDR, SEC(2, 0x01, 0x01, 0x61, 0x01, 0xed, 0x03, 0x7f, 0x00)};
  EXPECT_ERR(import, CWASI_ERR_MALFORMED, 14, "malformed UTF-8 encoding");
  static const uint8_t truncated[] = {HDR, SEC(0, 0x05, 'a')};
  EXPECT_ERR(truncated, CWASI_ERR_MALFORMED, 11, "unexpected end");
}

static void test_customs_kept(void) {
  static const uint8_t b[] = {HDR, SEC(0, 0x03, 'a', 'b', 'c', 1, 2, 3, 4), TYPE_V_V,
                              SEC(0, 0x00)};
  EXPECT_OK(b);
  if (!m) return;
  CHECK(m->ncustoms == 2);
  CHECK(m->customs[0].name.len == 3 && strcmp(m->customs[0].name.data, "abc") == 0);
  CHECK_EQ_U64(m->customs[0].data_offset, 14);
  CHECK_EQ_U64(m->customs[0].data_len, 4);
  CHECK(m->customs[1].name.len == 0 && m->customs[1].data_len == 0);
  decode_module_free(m);
}

#define NAME_PREFIX 0x04, 'n', 'a', 'm', 'e'
#define FUNCS_1_IMPORTED_1_DEFINED                                                  \
  TYPE_V_V, SEC(2, 0x01, 0x01, 'm', 0x01, 'f', 0x00, 0x00), SEC(3, 0x01, 0x00),     \
      SEC(10, 0x01, 0x02, 0x00, 0x0b)

static void test_name_section(void) {
  static const uint8_t b[] = {HDR, FUNCS_1_IMPORTED_1_DEFINED,
                              SEC(0, NAME_PREFIX, 0x00, 0x04, 0x03, 'm', 'o', 'd',
                                  0x01, 0x09, 0x02, 0x00, 0x02, 'i', 'm', 0x01, 0x02, 'f', '1',
                                  0x02, 0x01, 0x00)}; /* local names: skipped */
  EXPECT_OK(b);
  if (!m) return;
  CHECK(m->module_name && strcmp(m->module_name, "mod") == 0);
  CHECK(m->nfuncs == 2 && m->func_names[0] && strcmp(m->func_names[0], "im") == 0);
  CHECK(m->func_names[1] && strcmp(m->func_names[1], "f1") == 0);
  decode_module_free(m);

  /* function index out of range: the whole name section is ignored */
  static const uint8_t bad_index[] = {HDR, FUNCS_1_IMPORTED_1_DEFINED,
                                      SEC(0, NAME_PREFIX, 0x00, 0x02, 0x01, 'm',
                                          0x01, 0x05, 0x01, 0x07, 0x02, 'f', '1')};
  EXPECT_OK(bad_index);
  CHECK(m && m->module_name == NULL && m->func_names[0] == NULL && m->func_names[1] == NULL);
  CHECK(m && m->ncustoms == 1);
  decode_module_free(m);

  /* unsorted indices, bad UTF-8, truncated subsection, repeated subsection */
  static const uint8_t unsorted[] = {HDR, FUNCS_1_IMPORTED_1_DEFINED,
                                     SEC(0, NAME_PREFIX, 0x01, 0x07, 0x02, 0x01, 0x01, 'a',
                                         0x00, 0x01, 'b')};
  EXPECT_OK(unsorted);
  CHECK(m && m->func_names[0] == NULL && m->func_names[1] == NULL);
  decode_module_free(m);
  static const uint8_t bad_utf8[] = {HDR, FUNCS_1_IMPORTED_1_DEFINED,
                                     SEC(0, NAME_PREFIX, 0x00, 0x02, 0x01, 0xff)};
  EXPECT_OK(bad_utf8);
  CHECK(m && m->module_name == NULL);
  decode_module_free(m);
  static const uint8_t cut[] = {HDR, FUNCS_1_IMPORTED_1_DEFINED,
                                SEC(0, NAME_PREFIX, 0x00, 0x09, 0x03, 'm', 'o', 'd')};
  EXPECT_OK(cut);
  CHECK(m && m->module_name == NULL);
  decode_module_free(m);
  static const uint8_t repeated[] = {HDR, FUNCS_1_IMPORTED_1_DEFINED,
                                     SEC(0, NAME_PREFIX, 0x00, 0x02, 0x01, 'a', 0x00, 0x02, 0x01,
                                         'b')};
  EXPECT_OK(repeated);
  CHECK(m && m->module_name == NULL);
  decode_module_free(m);
}

int main(void) {
  RUN(test_reader_uleb);
  RUN(test_reader_sleb);
  RUN(test_minimal);
  RUN(test_header_errors);
  RUN(test_section_framing);
  RUN(test_types);
  RUN(test_imports_and_index_spaces);
  RUN(test_limits_errors);
  RUN(test_const_exprs);
  RUN(test_exports_start);
  RUN(test_elements);
  RUN(test_data);
  RUN(test_code);
  RUN(test_utf8);
  RUN(test_customs_kept);
  RUN(test_name_section);
  return unit_report();
}
