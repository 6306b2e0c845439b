/*
 * test_text.c — the text format: numeric literals, the lexer, errors with
 * file:line:column, and abbreviations (each parsed, encoded, then decoded
 * and validated by the engine; abbreviated and explicit forms must give the
 * same bytes).
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cwasi.h"
#include "text/wat.h"
#include "unit.h"

static bool encode(const char *text, cw_buf *out, char *err, size_t errlen) {
  return cw_wat_to_wasm("t.wat", text, strlen(text), out, err, errlen);
}

static bool encode_n(const char *text, size_t n, cw_buf *out, char *err, size_t errlen) {
  return cw_wat_to_wasm("t.wat", text, n, out, err, errlen);
}

/* The error message for text (in err, 600 bytes), or "" if it parses. */
static const char *error_of_in(const char *text, char *err) {
  cw_buf out;
  if (encode(text, &out, err, 600)) {
    cw_buf_free(&out);
    return "";
  }
  return err;
}

#define error_of(text) error_of_in(text, ebuf)

/* Parses and validates; true if both work. */
static bool valid(const char *text) {
  cw_buf out;
  char err[600];
  if (!encode(text, &out, err, sizeof err)) {
    fprintf(stderr, "    parse error: %s\n", err);
    return false;
  }
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_error verr;
  bool ok = cwasi_module_validate(e, out.p, out.len, &verr) == CWASI_OK;
  if (!ok) fprintf(stderr, "    validation: %s\n", verr.message);
  cwasi_engine_delete(e);
  cw_buf_free(&out);
  return ok;
}

/* Both texts encode to the same bytes (and are valid). */
static bool same_binary(const char *a, const char *b) {
  cw_buf x, y;
  char err[600];
  if (!encode(a, &x, err, sizeof err)) {
    fprintf(stderr, "    a: %s\n", err);
    return false;
  }
  if (!encode(b, &y, err, sizeof err)) {
    fprintf(stderr, "    b: %s\n", err);
    cw_buf_free(&x);
    return false;
  }
  bool same = x.len == y.len && memcmp(x.p, y.p, x.len) == 0;
  cw_buf_free(&x);
  cw_buf_free(&y);
  return same && valid(a);
}

/* Calls export `name` (no arguments, one i32/i64 result) of the text module. */
static int64_t run_i64(const char *text, const char *name) {
  cw_buf out;
  char err[600];
  int64_t result = INT64_MIN;
  if (!encode(text, &out, err, sizeof err)) {
    fprintf(stderr, "    %s\n", err);
    return result;
  }
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_store *s = cwasi_store_new(e);
  cwasi_error cerr;
  cwasi_module *m = cwasi_module_new(e, out.p, out.len, &cerr);
  cwasi_instance *inst = m ? cwasi_instance_new(s, m, NULL, 0, &cerr) : NULL;
  cwasi_extern ext;
  cwasi_val r;
  if (inst && cwasi_instance_export(inst, name, strlen(name), &ext) &&
      cwasi_func_call(s, ext.of.func, NULL, 0, &r, 1, &cerr) == CWASI_OK)
    result = r.type == CWASI_I32 ? r.of.i32 : r.of.i64;
  else
    fprintf(stderr, "    run failed: %s\n", cerr.message);
  if (m) cwasi_module_delete(m);
  cwasi_store_delete(s);
  cwasi_engine_delete(e);
  cw_buf_free(&out);
  return result;
}

static bool int_lit(const char *s, unsigned bits, uint64_t *v) {
  return cw_text_int(s, strlen(s), bits, v);
}

static void test_integers(void) {
  uint64_t v;
  CHECK(int_lit("0", 32, &v) && v == 0);
  CHECK(int_lit("4294967295", 32, &v) && v == 0xFFFFFFFF);
  CHECK(!int_lit("4294967296", 32, &v));
  CHECK(int_lit("-2147483648", 32, &v) && v == 0x80000000);
  CHECK(!int_lit("-2147483649", 32, &v));
  CHECK(int_lit("+42", 32, &v) && v == 42);
  CHECK(int_lit("0x_ff", 32, &v) == false);
  CHECK(int_lit("0xf_f", 32, &v) && v == 255);
  CHECK(int_lit("1_000_000", 32, &v) && v == 1000000);
  CHECK(!int_lit("1__0", 32, &v));
  CHECK(!int_lit("_1", 32, &v));
  CHECK(!int_lit("1_", 32, &v));
  CHECK(!int_lit("0x", 32, &v));
  CHECK(!int_lit("1.0", 32, &v));
  CHECK(int_lit("0xFFFFFFFFFFFFFFFF", 64, &v) && v == UINT64_MAX);
  CHECK(!int_lit("0x1_0000_0000_0000_0000", 64, &v));
  CHECK(int_lit("-0x8000000000000000", 64, &v) && v == UINT64_C(0x8000000000000000));
  CHECK(!int_lit("-0x8000000000000001", 64, &v));
}

static uint32_t f32_bits(const char *s, bool *ok) {
  uint32_t b = 0;
  *ok = cw_text_f32(s, strlen(s), &b);
  return b;
}

static uint64_t f64_bits(const char *s, bool *ok) {
  uint64_t b = 0;
  *ok = cw_text_f64(s, strlen(s), &b);
  return b;
}

static void test_floats(void) {
  bool ok;
  CHECK_EQ_U64(f32_bits("1.5", &ok), 0x3FC00000);
  CHECK(ok);
  CHECK_EQ_U64(f32_bits("0x1p-149", &ok), 1); /* the smallest subnormal */
  CHECK(ok);
  CHECK_EQ_U64(f32_bits("-0x1.fffffep127", &ok), 0xFF7FFFFF);
  CHECK(ok);
  /* Rounds down to the largest finite value... */
  CHECK_EQ_U64(f32_bits("0x1.fffffefffffffffffp127", &ok), 0x7F7FFFFF);
  CHECK(ok);
  /* ...or up past it: out of range. */
  f32_bits("0x1.ffffffp127", &ok);
  CHECK(!ok);
  f32_bits("1e39", &ok);
  CHECK(!ok);
  CHECK_EQ_U64(f32_bits("inf", &ok), 0x7F800000);
  CHECK(ok);
  CHECK_EQ_U64(f32_bits("-nan", &ok), 0xFFC00000);
  CHECK(ok);
  CHECK_EQ_U64(f32_bits("nan:0x1", &ok), 0x7F800001);
  CHECK(ok);
  CHECK_EQ_U64(f32_bits("+nan:0x7f_ffff", &ok), 0x7FFFFFFF);
  CHECK(ok);
  f32_bits("nan:0x800000", &ok); /* payload too wide for f32 */
  CHECK(!ok);
  f32_bits("nan:0x0", &ok);
  CHECK(!ok);
  CHECK_EQ_U64(f32_bits("1_000.000_1", &ok), 0x447A0002); /* 1.6 ulps above 1000: rounds to 2 */
  CHECK(ok);
  f32_bits("1._5", &ok);
  CHECK(!ok);
  f32_bits("1e_5", &ok);
  CHECK(!ok);
  CHECK_EQ_U64(f64_bits("0x1.fffffffffffffp1023", &ok), UINT64_C(0x7FEFFFFFFFFFFFFF));
  CHECK(ok);
  CHECK_EQ_U64(f64_bits("1.", &ok), UINT64_C(0x3FF0000000000000));
  CHECK(ok);
  CHECK_EQ_U64(f64_bits("0x1P+4", &ok), UINT64_C(0x4030000000000000));
  CHECK(ok);
  CHECK_EQ_U64(f64_bits("nan:0x8_0000_0000_0001", &ok), UINT64_C(0x7FF8000000000001));
  CHECK(ok);
  CHECK_EQ_U64(f64_bits("-0", &ok), UINT64_C(0x8000000000000000));
  CHECK(ok);
  f64_bits("1e400", &ok);
  CHECK(!ok);
}

static void test_lexer(void) {
  char ebuf[600];
  /* Nested block comments, line comments ending at CR, annotations. */
  CHECK(valid("(module (; a (; nested ;) b ;) (func) ;; x\r(@custom \"n\" (x y) \"z\"))"));
  /* String escapes reach the binary: export name "a\n\u{e9}". */
  cw_buf out;
  char err[600];
  CHECK(encode("(module (func (export \"a\\n\\u{e9}\\41\")))", &out, err, sizeof err));
  static const uint8_t name[] = {5, 'a', '\n', 0xC3, 0xA9, 'A'};
  CHECK(out.len > sizeof name && memmem(out.p, out.len, name, sizeof name) != NULL);
  cw_buf_free(&out);
  CHECK(strcmp(error_of("(module\n  (func \"unterminated))"), "t.wat:2:9: unclosed string") == 0);
  CHECK(strcmp(error_of("(module (; never closed"), "t.wat:1:9: unclosed block comment") == 0);
  CHECK(strstr(error_of("(module (func (export \"\\ff\")))"), "malformed UTF-8") != NULL);
  CHECK(strstr(error_of("(module (@) )"), "empty annotation id") != NULL);
}

static void test_errors(void) {
  char ebuf[600];
  /* One line, file:line:column: expected X, found Y. */
  CHECK(strcmp(error_of("(module\n  (func (result i32)\n    (i32.const 1) (i32.add 2)))"),
               "t.wat:3:28: expected a folded operand or ')', found '2'") == 0);
  CHECK(strcmp(error_of("(module (func i32.bogus))"), "t.wat:1:15: unknown operator 'i32.bogus'") ==
        0);
  CHECK(strcmp(error_of("(module (func (call $nowhere)))"), "t.wat:1:21: unknown func $nowhere") ==
        0);
  CHECK(strcmp(error_of("(module (func $f) (func $f))"), "t.wat:1:25: duplicate func $f") == 0);
  CHECK(strstr(error_of("(module (func (i32.const 4294967296) drop))"),
               "t.wat:1:26: malformed i32 constant") != NULL);
  CHECK(strstr(error_of("(module (func) (import \"m\" \"f\" (func)))"),
               "t.wat:1:16: import after func") != NULL);
  CHECK(strstr(error_of("(module (func block $a end $b))"), "t.wat:1:28: mismatching label") !=
        NULL);
  CHECK(strstr(error_of("(module (memory 1) (func (drop (i32.load align=3 (i32.const 0)))))"),
               "alignment") != NULL);
  CHECK(strstr(error_of("(module (type (func)) (func (type 0) (param i32)))"),
               "inline function type") != NULL);
  CHECK(strstr(error_of("(module (start 0) (start 0) (func))"), "multiple start") != NULL);
  CHECK(strcmp(error_of("(module (func) (bogus))"),
               "t.wat:1:17: expected a module field (type, import, func, table, memory, global, "
               "export, start, elem, data, tag), found 'bogus'") == 0);
}

static void test_abbreviations(void) {
  /* Inline export = export field. */
  CHECK(
      same_binary("(module (func (export \"f\")))", "(module (func $f) (export \"f\" (func $f)))"));
  /* Inline import = import field. */
  CHECK(same_binary("(module (func $g (import \"m\" \"g\") (param i32)))",
                    "(module (type (func (param i32))) (import \"m\" \"g\" (func (type 0))))"));
  /* Implicit type = the explicit type it matches (a new one if none). */
  CHECK(same_binary("(module (type $t (func (result i32))) (func (result i32) i32.const 1))",
                    "(module (type $t (func (result i32))) (func (type $t) i32.const 1))"));
  /* Folded = flat. */
  CHECK(same_binary("(module (func (result i32) (i32.add (i32.const 1) (i32.const 2))))",
                    "(module (func (result i32) i32.const 1 i32.const 2 i32.add))"));
  CHECK(same_binary(
      "(module (func (param i32) (result i32) (if (result i32) (local.get 0) (then (i32.const 1)) "
      "(else (i32.const 2)))))",
      "(module (func (param i32) (result i32) local.get 0 if (result i32) i32.const 1 else "
      "i32.const 2 end))"));
  /* Named locals, labels and globals = their indices. */
  CHECK(same_binary("(module (global $g (mut i32) (i32.const 0)) (func $f (param $x i32) (local "
                    "$y i32) (block $out (br_if $out (local.get $x)) (global.set $g (local.get "
                    "$y)))))",
                    "(module (global (mut i32) (i32.const 0)) (func (param i32) (local i32) "
                    "(block (br_if 0 (local.get 0)) (global.set 0 (local.get 1)))))"));
  /* offset and item abbreviations, legacy elem = elem with func. */
  CHECK(same_binary("(module (table 1 funcref) (func $f) (elem (i32.const 0) $f))",
                    "(module (table 1 funcref) (func $f) (elem (offset (i32.const 0)) func $f))"));
  /* Inline elem and data. */
  CHECK(valid("(module (table funcref (elem $a $b)) (func $a) (func $b))"));
  CHECK(valid("(module (memory (data \"hello\" \"!\")) (func (export \"m\") (result i32) "
              "memory.size))"));
  CHECK(run_i64("(module (memory (data \"\\2a\")) (func (export \"m\") (result i32) (i32.load8_u "
                "(i32.const 0))))",
                "m") == 42);
  /* A forward reference to a function, a block with parameters (an implicit type). */
  CHECK(run_i64("(module (func (export \"r\") (result i64) (call $later)) (func $later (result "
                "i64) (i64.const 7) (block (param i64) (result i64) (i64.const 35) (i64.add))))",
                "r") == 42);
  /* br_table with names and depths. */
  CHECK(run_i64("(module (func (export \"t\") (result i32) (block $a (block $b (br_table $b $a 1 "
                "(i32.const 0)))) (i32.const 9)))",
                "t") == 9);
  /* A bare list of fields is a module; module binary is its bytes. */
  CHECK(valid("(func (export \"x\")) (memory 1)"));
  CHECK(valid("(module binary \"\\00asm\" \"\\01\\00\\00\\00\")"));
  CHECK(valid("(module quote \"(func)\")"));
  /* 3.0 types parse (the 2.0 engine then rejects what it lacks). */
  cw_buf out;
  char err[600];
  CHECK(encode("(module (rec (type $a (struct (field $x (mut i32)))) (type (sub final $a "
               "(struct (field i32))))) (type (array (mut i8))) (type (func (param (ref null "
               "$a)) (result anyref))))",
               &out, err, sizeof err));
  static const uint8_t rec[] = {0x4E, 0x02, 0x5F, 0x01, 0x7F, 0x01};
  CHECK(out.len > 8 && memmem(out.p, out.len, rec, sizeof rec) != NULL);
  cw_buf_free(&out);
}

/* The text module round-trips through validation, and to the bytes an
 * explicit binary would have. */
static void test_exact_bytes(void) {
  cw_buf out;
  char err[600];
  CHECK(encode("(module (func (export \"f\") (param i32) (result i32) local.get 0))", &out, err,
               sizeof err));
  static const uint8_t want[] = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,  /* header */
                                 0x01, 0x06, 0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F,  /* type */
                                 0x03, 0x02, 0x01, 0x00,                          /* func */
                                 0x07, 0x05, 0x01, 0x01, 'f',  0x00, 0x00,        /* export */
                                 0x0A, 0x06, 0x01, 0x04, 0x00, 0x20, 0x00, 0x0B}; /* code */
  CHECK_EQ_U64(out.len, sizeof want);
  CHECK(out.len == sizeof want && memcmp(out.p, want, sizeof want) == 0);
  cw_buf_free(&out);
}

static void test_looks_like_wat(void) {
  CHECK(cw_text_looks_like_wat((const uint8_t *)" ;; c\n(module)", 14));
  CHECK(cw_text_looks_like_wat((const uint8_t *)"(; c ;)(module)", 15));
  CHECK(!cw_text_looks_like_wat((const uint8_t *)"\0asm\1\0\0\0", 8));
  CHECK(!cw_text_looks_like_wat((const uint8_t *)"hello", 5));
}

/* Every proper prefix of a module is an error (never a crash or a leak,
 * which test-asan checks); so is almost every one-character mutation. */
static void test_damaged_text(void) {
  static const char text[] =
      "(module (type $t (func (param i32) (result i32)))\n"
      "  (import \"m\" \"f\" (func $imp (type $t)))\n"
      "  (memory (export \"mem\") 1) (table 2 funcref) (global $g (mut i64) (i64.const -1))\n"
      "  (func $f (export \"f\") (param $x i32) (result i32) (local $y f64)\n"
      "    (drop (block $b (result i32) (loop $l (br_if $b (local.get $x) (i32.eqz (local.get "
      "$x)))\n"
      "      (br $l)) (unreachable)))\n"
      "    (if (result i32) (i32.load8_u offset=1 (local.get $x)) (then (i32.const 0x10))\n"
      "      (else (call_indirect (type $t) (i32.const 2) (i32.const 0)))))\n"
      "  (elem (i32.const 0) $f $imp) (data (i32.const 8) \"\\01\\02\")\n"
      "  (func (drop (f64.const nan:0x1)) (drop (select (i32.const 1) (i32.const 2) (i32.const "
      "3)))))";
  size_t n = strlen(text);
  char buf[sizeof text];
  cw_buf out;
  char err[600];
  CHECK(valid(text));
  int prefixes_ok = 0;
  for (size_t k = 1; k < n; k++) { /* k = 0: the empty text is an empty module */
    if (encode_n(text, k, &out, err, sizeof err)) {
      prefixes_ok++;
      cw_buf_free(&out);
    }
  }
  CHECK(prefixes_ok == 0);
  static const char swaps[] = "()\"$0 ;a";
  int accepted = 0, tried = 0;
  for (size_t k = 0; k < n; k++)
    for (const char *c = swaps; *c; c++) {
      if (text[k] == *c) continue;
      memcpy(buf, text, n + 1);
      buf[k] = *c;
      tried++;
      if (encode_n(buf, n, &out, err, sizeof err)) {
        accepted++;
        cw_buf_free(&out);
      } else {
        CHECK(strncmp(err, "t.wat:", 6) == 0 && strchr(err, '\n') == NULL);
      }
    }
  /* Some mutations stay well-formed (a digit for a digit, a space for a space
   * inside a string): most may not. */
  CHECK(accepted * 4 < tried);
}

/* The public API: cwasi_wat2wasm, and cwasi_module_load_file on a text file. */
static void test_public_api(void) {
  cwasi_error err;
  uint8_t *bin;
  size_t len;
  const char *text = "(module (func (export \"seven\") (result i32) (i32.const 7)))";
  CHECK(cwasi_wat2wasm(text, strlen(text), NULL, &bin, &len, &err) == CWASI_OK);
  CHECK(len > 8 && memcmp(bin, "\0asm", 4) == 0);
  free(bin);
  CHECK(cwasi_wat2wasm("(module (func oops))", 20, "m.wat", &bin, &len, &err) ==
        CWASI_ERR_MALFORMED);
  CHECK(err.status == CWASI_ERR_MALFORMED && bin == NULL);
  CHECK(strcmp(err.message, "m.wat:1:15: unknown operator 'oops'") == 0);

  char path[] = "/tmp/cwasi-test-XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  if (fd < 0) return;
  FILE *f = fdopen(fd, "w");
  fputs(";; a text module\n", f);
  fputs(text, f);
  fclose(f);
  cwasi_engine *e = cwasi_engine_new(NULL);
  cwasi_module *m = cwasi_module_load_file(e, path, &err);
  CHECK(m != NULL);
  cwasi_store *s = cwasi_store_new(e);
  cwasi_instance *inst = m ? cwasi_instance_new(s, m, NULL, 0, &err) : NULL;
  cwasi_extern ext;
  cwasi_val r = {0};
  CHECK(inst && cwasi_instance_export(inst, "seven", 5, &ext) &&
        cwasi_func_call(s, ext.of.func, NULL, 0, &r, 1, &err) == CWASI_OK && r.of.i32 == 7);
  if (m) cwasi_module_delete(m);
  cwasi_store_delete(s);
  cwasi_engine_delete(e);
  unlink(path);
}

/* SIMD immediates, read by their CW_IMM_* kinds: v128.const of each shape,
 * lane indices, i8x16.shuffle, memarg + lane. */
static void test_simd_immediates(void) {
  cw_buf out;
  char err[600];
  CHECK(encode("(module (memory 1) (func (result v128)\n"
               "  (v128.const i16x8 -1 2 0x8000 4 5 6 7 0xffff)\n"
               "  (v128.const f32x4 1.5 -0 nan:0x1 inf) i8x16.shuffle 0 17 2 3 4 5 6 7 8 9 10 "
               "11 12 13 14 31\n"
               "  (i8x16.replace_lane 15 (i32.const 9))\n"
               "  (v128.load16_lane offset=2 align=1 3 (i32.const 0))))",
               &out, err, sizeof err));
  static const uint8_t c16[] = {0xFD, 0x0C, 0xFF, 0xFF, 0x02, 0x00, 0x00, 0x80, 0x04,
                                0x00, 0x05, 0x00, 0x06, 0x00, 0x07, 0x00, 0xFF, 0xFF};
  static const uint8_t f4[] = {0xFD, 0x0C, 0x00, 0x00, 0xC0, 0x3F, 0x00, 0x00, 0x00,
                               0x80, 0x01, 0x00, 0x80, 0x7F, 0x00, 0x00, 0x80, 0x7F};
  static const uint8_t shuffle[] = {0xFD, 0x0D, 0, 17, 2,  3,  4,  5,  6,
                                    7,    8,    9, 10, 11, 12, 13, 14, 31};
  static const uint8_t replace[] = {0x41, 0x09, 0xFD, 0x17, 15};
  static const uint8_t lane_load[] = {0xFD, 0x55, 0x00, 0x02, 0x03};
  CHECK(memmem(out.p, out.len, c16, sizeof c16) != NULL);
  CHECK(memmem(out.p, out.len, f4, sizeof f4) != NULL);
  CHECK(memmem(out.p, out.len, shuffle, sizeof shuffle) != NULL);
  CHECK(memmem(out.p, out.len, replace, sizeof replace) != NULL);
  CHECK(memmem(out.p, out.len, lane_load, sizeof lane_load) != NULL);
  cw_buf_free(&out);
  char ebuf[600];
  CHECK(strstr(error_of("(module (func (drop (v128.const i8x16 256 0 0 0 0 0 0 0 0 0 0 0 0 0 0 "
                        "0))))"),
               "t.wat:1:39: expected a i8x16 lane (1 of 16)") != NULL);
  CHECK(strstr(error_of("(module (func (drop (v128.const i32x4 1 2 3))))"),
               "expected a i32x4 lane (4 of 4), found ')'") != NULL);
  CHECK(strstr(error_of("(module (func (drop (i8x16.extract_lane_s 256 (v128.const i64x2 0 "
                        "0)))))"),
               "expected a lane index") != NULL);
  CHECK(valid("(module (func (result i32) (i8x16.extract_lane_u 15 (v128.const i8x16 0 0 0 0 0 "
              "0 0 0 0 0 0 0 0 0 0 200))))"));
}

int main(void) {
  RUN(test_integers);
  RUN(test_floats);
  RUN(test_lexer);
  RUN(test_errors);
  RUN(test_abbreviations);
  RUN(test_exact_bytes);
  RUN(test_looks_like_wat);
  RUN(test_damaged_text);
  RUN(test_public_api);
  RUN(test_simd_immediates);
  return unit_report();
}
