/*
 * test_api.c — the WASI embedding API (include/cwasi.h): a context with
 * custom stdio defined into a linker, proc_exit coming out of
 * cwasi_func_call as CWASI_ERR_EXIT with the code, errno results, and
 * cwasi_wasi_new's errors naming what failed.
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "cwasi.h"
#include "unit.h"

/* (module
 *   (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result
 * i32))) (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32))) (memory
 * (export "memory") 1) (data (i32.const 16) "hi from wasi\n") (func (export "_start")          ;;
 * writes the line, exits with the byte count (i32.store (i32.const 0) (i32.const 16)) (i32.store
 * (i32.const 4) (i32.const 13)) (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
 * (i32.const 8))) (call $proc_exit (i32.load (i32.const 8)))) (func (export "bad_fd") (result i32)
 *     (call $fd_write (i32.const 99) (i32.const 0) (i32.const 1) (i32.const 8)))) */
static const uint8_t api_wasm[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x14, 0x04, 0x60, 0x04, 0x7f, 0x7f, 0x7f,
    0x7f, 0x01, 0x7f, 0x60, 0x01, 0x7f, 0x00, 0x60, 0x00, 0x00, 0x60, 0x00, 0x01, 0x7f, 0x02, 0x46,
    0x02, 0x16, 0x77, 0x61, 0x73, 0x69, 0x5f, 0x73, 0x6e, 0x61, 0x70, 0x73, 0x68, 0x6f, 0x74, 0x5f,
    0x70, 0x72, 0x65, 0x76, 0x69, 0x65, 0x77, 0x31, 0x08, 0x66, 0x64, 0x5f, 0x77, 0x72, 0x69, 0x74,
    0x65, 0x00, 0x00, 0x16, 0x77, 0x61, 0x73, 0x69, 0x5f, 0x73, 0x6e, 0x61, 0x70, 0x73, 0x68, 0x6f,
    0x74, 0x5f, 0x70, 0x72, 0x65, 0x76, 0x69, 0x65, 0x77, 0x31, 0x09, 0x70, 0x72, 0x6f, 0x63, 0x5f,
    0x65, 0x78, 0x69, 0x74, 0x00, 0x01, 0x03, 0x03, 0x02, 0x02, 0x03, 0x05, 0x03, 0x01, 0x00, 0x01,
    0x07, 0x1c, 0x03, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00, 0x06, 0x5f, 0x73, 0x74,
    0x61, 0x72, 0x74, 0x00, 0x02, 0x06, 0x62, 0x61, 0x64, 0x5f, 0x66, 0x64, 0x00, 0x03, 0x0a, 0x32,
    0x02, 0x22, 0x00, 0x41, 0x00, 0x41, 0x10, 0x36, 0x02, 0x00, 0x41, 0x04, 0x41, 0x0d, 0x36, 0x02,
    0x00, 0x41, 0x01, 0x41, 0x00, 0x41, 0x01, 0x41, 0x08, 0x10, 0x00, 0x1a, 0x41, 0x08, 0x28, 0x02,
    0x00, 0x10, 0x01, 0x0b, 0x0d, 0x00, 0x41, 0xe3, 0x00, 0x41, 0x00, 0x41, 0x01, 0x41, 0x08, 0x10,
    0x00, 0x0b, 0x0b, 0x13, 0x01, 0x00, 0x41, 0x10, 0x0b, 0x0d, 0x68, 0x69, 0x20, 0x66, 0x72, 0x6f,
    0x6d, 0x20, 0x77, 0x61, 0x73, 0x69, 0x0a};

static cwasi_func *export_func(cwasi_instance *inst, const char *name) {
  cwasi_extern ext;
  if (!cwasi_instance_export(inst, name, strlen(name), &ext) || ext.kind != CWASI_EXTERN_FUNC)
    return NULL;
  return ext.of.func;
}

static void test_run(void) {
  int pipefd[2];
  CHECK(pipe(pipefd) == 0);
  cwasi_engine *engine = cwasi_engine_new(NULL);
  cwasi_store *store = cwasi_store_new(engine);
  cwasi_linker *linker = cwasi_linker_new(store);
  cwasi_error err;
  cwasi_wasi_config cfg;
  cwasi_wasi_config_init(&cfg);
  CHECK(cfg.stdio[0] == 0 && cfg.stdio[1] == 1 && cfg.stdio[2] == 2 && cfg.ndirs == 0);
  cfg.stdio[1] = pipefd[1];
  cfg.stdio[0] = -1;
  cwasi_wasi *wasi = cwasi_wasi_new(store, &cfg, &err);
  CHECK(wasi != NULL);
  close(pipefd[1]); /* the context holds its own duplicate */
  CHECK(cwasi_wasi_define(wasi, linker, &err) == CWASI_OK);
  cwasi_module *m = cwasi_module_new(engine, api_wasm, sizeof api_wasm, &err);
  CHECK(m != NULL);
  cwasi_instance *inst = m ? cwasi_linker_instantiate(linker, m, &err) : NULL;
  CHECK(inst != NULL);
  if (inst) {
    cwasi_val r;
    CHECK(cwasi_func_call(store, export_func(inst, "bad_fd"), NULL, 0, &r, 1, &err) == CWASI_OK);
    CHECK_EQ_U64(r.of.i32, 8); /* EBADF */
    CHECK(cwasi_func_call(store, export_func(inst, "_start"), NULL, 0, NULL, 0, &err) ==
          CWASI_ERR_EXIT);
    CHECK(err.status == CWASI_ERR_EXIT);
    CHECK_EQ_U64(err.exit_code, 13);
  }
  cwasi_wasi_delete(wasi); /* closes the guest's stdout: the pipe sees EOF */
  char buf[64] = "";
  ssize_t n = read(pipefd[0], buf, sizeof buf - 1);
  CHECK(n == 13 && memcmp(buf, "hi from wasi\n", 13) == 0);
  CHECK(read(pipefd[0], buf, sizeof buf) == 0);
  close(pipefd[0]);
  cwasi_module_delete(m);
  cwasi_linker_delete(linker);
  cwasi_store_delete(store);
  cwasi_engine_delete(engine);
}

/* (module
 *   (import "wasi_snapshot_preview1" "fd_fdstat_set_flags" (func $sf (param i32 i32) (result i32)))
 *   (import "wasi_snapshot_preview1" "fd_read" (func $rd (param i32 i32 i32 i32) (result i32)))
 *   (memory (export "memory") 1)
 *   (func (export "set_flags") (param i32 i32) (result i32) (call $sf (local.get 0) (local.get 1)))
 *   (func (export "read0") (result i32)       ;; reads up to 8 bytes of fd 0 to 16
 *     (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 8))
 *     (call $rd (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))) */
static const uint8_t nonblock_wasm[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x13, 0x03, 0x60, 0x02, 0x7f, 0x7f, 0x01,
    0x7f, 0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x01, 0x7f, 0x60, 0x00, 0x01, 0x7f, 0x02, 0x4f, 0x02,
    0x16, 0x77, 0x61, 0x73, 0x69, 0x5f, 0x73, 0x6e, 0x61, 0x70, 0x73, 0x68, 0x6f, 0x74, 0x5f, 0x70,
    0x72, 0x65, 0x76, 0x69, 0x65, 0x77, 0x31, 0x13, 0x66, 0x64, 0x5f, 0x66, 0x64, 0x73, 0x74, 0x61,
    0x74, 0x5f, 0x73, 0x65, 0x74, 0x5f, 0x66, 0x6c, 0x61, 0x67, 0x73, 0x00, 0x00, 0x16, 0x77, 0x61,
    0x73, 0x69, 0x5f, 0x73, 0x6e, 0x61, 0x70, 0x73, 0x68, 0x6f, 0x74, 0x5f, 0x70, 0x72, 0x65, 0x76,
    0x69, 0x65, 0x77, 0x31, 0x07, 0x66, 0x64, 0x5f, 0x72, 0x65, 0x61, 0x64, 0x00, 0x01, 0x03, 0x03,
    0x02, 0x00, 0x02, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x1e, 0x03, 0x06, 0x6d, 0x65, 0x6d, 0x6f,
    0x72, 0x79, 0x02, 0x00, 0x09, 0x73, 0x65, 0x74, 0x5f, 0x66, 0x6c, 0x61, 0x67, 0x73, 0x00, 0x02,
    0x05, 0x72, 0x65, 0x61, 0x64, 0x30, 0x00, 0x03, 0x0a, 0x25, 0x02, 0x08, 0x00, 0x20, 0x00, 0x20,
    0x01, 0x10, 0x00, 0x0b, 0x1a, 0x00, 0x41, 0x00, 0x41, 0x10, 0x36, 0x02, 0x00, 0x41, 0x04, 0x41,
    0x08, 0x36, 0x02, 0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x01, 0x41, 0x08, 0x10, 0x01, 0x0b};

static int32_t call_i32(cwasi_store *store, cwasi_func *f, int32_t a, int32_t b, size_t nargs) {
  cwasi_val args[2] = {{.type = CWASI_I32, .of.i32 = a}, {.type = CWASI_I32, .of.i32 = b}};
  cwasi_val result = {0};
  cwasi_error err;
  if (!f || cwasi_func_call(store, f, args, nargs, &result, 1, &err) != CWASI_OK) return -1;
  return result.of.i32;
}

/* The embedder's stdin is shared with the guest: nonblock is the guest's
 * own, emulated, and never set on the embedder's open file description. */
static void test_stdio_flags(void) {
  int pipefd[2];
  CHECK(pipe(pipefd) == 0);
  cwasi_engine *engine = cwasi_engine_new(NULL);
  cwasi_store *store = cwasi_store_new(engine);
  cwasi_linker *linker = cwasi_linker_new(store);
  cwasi_error err;
  cwasi_wasi_config cfg;
  cwasi_wasi_config_init(&cfg);
  cfg.stdio[0] = pipefd[0];
  cwasi_wasi *wasi = cwasi_wasi_new(store, &cfg, &err);
  CHECK(wasi != NULL && cwasi_wasi_define(wasi, linker, &err) == CWASI_OK);
  cwasi_module *m = cwasi_module_new(engine, nonblock_wasm, sizeof nonblock_wasm, &err);
  cwasi_instance *inst = m ? cwasi_linker_instantiate(linker, m, &err) : NULL;
  CHECK(inst != NULL);
  if (inst) {
    cwasi_func *set_flags = export_func(inst, "set_flags"), *read0 = export_func(inst, "read0");
    CHECK_EQ_U64(call_i32(store, set_flags, 0, 4, 2), 0); /* nonblock */
    CHECK((fcntl(pipefd[0], F_GETFL) & O_NONBLOCK) == 0);
    CHECK_EQ_U64(call_i32(store, read0, 0, 0, 0), 6); /* EAGAIN: nothing written yet */
    CHECK(write(pipefd[1], "x", 1) == 1);
    CHECK_EQ_U64(call_i32(store, read0, 0, 0, 0), 0);
    CHECK_EQ_U64(call_i32(store, set_flags, 0, 1 | 4, 2), 58); /* append: ENOTSUP */
    CHECK((fcntl(pipefd[0], F_GETFL) & (O_NONBLOCK | O_APPEND)) == 0);
  }
  cwasi_module_delete(m);
  cwasi_linker_delete(linker);
  cwasi_wasi_delete(wasi);
  cwasi_store_delete(store);
  cwasi_engine_delete(engine);
  close(pipefd[0]);
  close(pipefd[1]);
}

static void test_errors(void) {
  cwasi_engine *engine = cwasi_engine_new(NULL);
  cwasi_store *store = cwasi_store_new(engine);
  cwasi_error err;
  cwasi_wasi_config cfg;
  cwasi_wasi_config_init(&cfg);
  cwasi_wasi_dir dirs[2] = {{"/", "/"}, {"/nonexistent-cwasi-dir", NULL}};
  cfg.dirs = dirs;
  cfg.ndirs = 2;
  CHECK(cwasi_wasi_new(store, &cfg, &err) == NULL);
  CHECK(err.status == CWASI_ERR_IO && strstr(err.message, "/nonexistent-cwasi-dir") != NULL);
  const char *bad_listen[] = {"127.0.0.1"};
  cfg.ndirs = 0;
  cfg.tcp_listen = bad_listen;
  cfg.ntcp_listen = 1;
  CHECK(cwasi_wasi_new(store, &cfg, &err) == NULL);
  CHECK(strstr(err.message, "127.0.0.1") != NULL);
  CHECK(cwasi_wasi_new(store, NULL, &err) == NULL && err.status == CWASI_ERR_ARG);
  CHECK(cwasi_wasi_define(NULL, NULL, &err) == CWASI_ERR_ARG);
  cwasi_wasi_delete(NULL);
  cwasi_store_delete(store);
  cwasi_engine_delete(engine);
}

int main(void) {
  RUN(test_run);
  RUN(test_stdio_flags);
  RUN(test_errors);
  return unit_report();
}
