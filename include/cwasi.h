/*
 * cwasi.h — the one public header of the cwasi WebAssembly runtime.
 *
 * Object model (ownership in brackets):
 *   cwasi_engine    configuration shared by stores and modules [caller]
 *   cwasi_module    a decoded and validated module [caller; refcounted
 *                   internally so instances keep it alive]
 *   cwasi_store     owns every runtime object created in it: instances,
 *                   functions, memories, tables, globals [caller]
 *   cwasi_linker    maps "module"."name" to externs, instantiates [caller]
 *
 * Errors: every fallible call returns a cwasi_status (or NULL) and fills a
 * caller-provided cwasi_error with the status, a trap kind where relevant,
 * the byte offset for decode/validation errors, and a message for people.
 */
#ifndef CWASI_H
#define CWASI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CWASI_VERSION "0.1.0"

typedef struct cwasi_engine cwasi_engine;
typedef struct cwasi_module cwasi_module;
typedef struct cwasi_store cwasi_store;
typedef struct cwasi_instance cwasi_instance;
typedef struct cwasi_linker cwasi_linker;
typedef struct cwasi_func cwasi_func;
typedef struct cwasi_memory cwasi_memory;
typedef struct cwasi_table cwasi_table;
typedef struct cwasi_global cwasi_global;
typedef struct cwasi_caller cwasi_caller;

/* Value types use their binary encoding. */
typedef enum cwasi_valtype {
  CWASI_I32 = 0x7F,
  CWASI_I64 = 0x7E,
  CWASI_F32 = 0x7D,
  CWASI_F64 = 0x7C,
  CWASI_V128 = 0x7B,
  CWASI_FUNCREF = 0x70,
  CWASI_EXTERNREF = 0x6F,
} cwasi_valtype;

/* A null funcref/externref is NULL. An externref is any non-NULL host
 * pointer-sized value the embedder chooses; the engine never dereferences it. */
typedef struct cwasi_val {
  cwasi_valtype type;
  union {
    int32_t i32;
    int64_t i64;
    float f32;
    double f64;
    uint8_t v128[16];
    cwasi_func *funcref;
    void *externref;
  } of;
} cwasi_val;

typedef enum cwasi_status {
  CWASI_OK = 0,
  CWASI_ERR_MALFORMED,  /* the bytes are not a well-formed binary module */
  CWASI_ERR_INVALID,    /* well-formed but fails validation */
  CWASI_ERR_LINK,       /* an import is missing or has the wrong type */
  CWASI_ERR_TRAP,       /* execution trapped (see cwasi_error.trap) */
  CWASI_ERR_EXIT,       /* the guest asked to exit (cwasi_error.exit_code) */
  CWASI_ERR_ARG,        /* a bad argument from the embedder */
  CWASI_ERR_NOMEM,      /* the host ran out of memory */
  CWASI_ERR_IO,         /* reading a file failed */
} cwasi_status;

typedef enum cwasi_trap_kind {
  CWASI_TRAP_NONE = 0,
  CWASI_TRAP_UNREACHABLE,        /* "unreachable" */
  CWASI_TRAP_MEMORY_OOB,         /* "out of bounds memory access" */
  CWASI_TRAP_TABLE_OOB,          /* "out of bounds table access" */
  CWASI_TRAP_UNDEFINED_ELEMENT,  /* "undefined element" (call_indirect index >= size) */
  CWASI_TRAP_UNINIT_ELEMENT,     /* "uninitialized element" (call_indirect to null) */
  CWASI_TRAP_INDIRECT_TYPE,      /* "indirect call type mismatch" */
  CWASI_TRAP_DIV_ZERO,           /* "integer divide by zero" */
  CWASI_TRAP_INT_OVERFLOW,       /* "integer overflow" */
  CWASI_TRAP_INVALID_CONVERSION, /* "invalid conversion to integer" */
  CWASI_TRAP_STACK_EXHAUSTED,    /* "call stack exhausted" */
  CWASI_TRAP_HOST,               /* raised by a host function */
  CWASI_TRAP_OUT_OF_FUEL,        /* "all fuel consumed" (cwasi_config.consume_fuel) */
  CWASI_TRAP_INTERRUPT,          /* "interrupted", or "interrupted: timeout of 2s reached"
                                  * (cwasi_config.interruptible) */
} cwasi_trap_kind;

typedef struct cwasi_error {
  cwasi_status status;
  cwasi_trap_kind trap;
  int exit_code;       /* for CWASI_ERR_EXIT */
  size_t offset;       /* byte offset in the module for MALFORMED/INVALID, else SIZE_MAX */
  char message[512];   /* for people; starts with the spec's wording for traps */
} cwasi_error;

/* The spec's wording of a trap kind, e.g. "integer divide by zero". */
const char *cwasi_trap_message(cwasi_trap_kind kind);

/* ---- engine ---------------------------------------------------------- */

/* Zero-initialise and set what you need; every field's zero is the default.
 * Going past value_stack_bytes or max_call_depth traps "call stack
 * exhausted". consume_fuel and interruptible change the code the engine
 * translates (a check at every function entry and loop head, see
 * docs/interpreter.md): an engine without them runs code with no check at
 * all, so they cost nothing unless asked for. */
typedef struct cwasi_config {
  size_t value_stack_bytes; /* interpreter operand/locals stack; 0 = default (8 MiB) */
  uint32_t max_call_depth;  /* wasm call frames; 0 = default (50000) */
  /* Fuel metering, as Wasmtime's Config::consume_fuel: every store starts
   * with 0 fuel (cwasi_store_set_fuel gives it some) and wasm code traps
   * "all fuel consumed" when it runs out. */
  bool consume_fuel;
  /* Interruption, as Wasmtime's epoch interruption: cwasi_store_interrupt
   * and cwasi_store_set_timeout stop running wasm code at its next function
   * entry or loop iteration. */
  bool interruptible;
} cwasi_config;
/* A module is translated for its engine's settings: instantiating it in a
 * store whose engine differs in consume_fuel or interruptible fails with
 * CWASI_ERR_ARG. */

cwasi_engine *cwasi_engine_new(const cwasi_config *config /* may be NULL */);
void cwasi_engine_delete(cwasi_engine *engine);

/* ---- modules --------------------------------------------------------- */

/* Decodes and validates. The bytes are copied; the caller may free them. */
cwasi_module *cwasi_module_new(cwasi_engine *engine, const uint8_t *bytes, size_t len,
                               cwasi_error *err);
/* Encodes a module in the WebAssembly text format (.wat; cwasi's own
 * parser, docs/text.md) as a binary module for cwasi_module_new. On
 * success *out holds *out_len bytes (free them with free()). A text that
 * does not parse is CWASI_ERR_MALFORMED with one line in err->message,
 * "NAME:LINE:COLUMN: expected X, found Y" (name may be NULL: "text"). */
cwasi_status cwasi_wat2wasm(const char *text, size_t len, const char *name, uint8_t **out,
                            size_t *out_len, cwasi_error *err);
/* Reads a file and calls cwasi_module_new; IO errors name the path. A file
 * in the text format (by its content: not the binary magic, starts with
 * '(' after spaces and comments) goes through cwasi_wat2wasm first. */
cwasi_module *cwasi_module_load_file(cwasi_engine *engine, const char *path, cwasi_error *err);
/* Decodes and validates without keeping anything. */
cwasi_status cwasi_module_validate(cwasi_engine *engine, const uint8_t *bytes, size_t len,
                                   cwasi_error *err);
/* Safe to call while instances of it are alive: they keep their own reference. */
void cwasi_module_delete(cwasi_module *module);

typedef enum cwasi_externkind {
  CWASI_EXTERN_FUNC = 0,
  CWASI_EXTERN_TABLE = 1,
  CWASI_EXTERN_MEMORY = 2,
  CWASI_EXTERN_GLOBAL = 3,
} cwasi_externkind;

/* Names are byte strings (valid UTF-8, may contain NUL): always with a length. */
typedef struct cwasi_name {
  const char *data;
  size_t len;
} cwasi_name;

typedef struct cwasi_import_desc {
  cwasi_name module, name;
  cwasi_externkind kind;
} cwasi_import_desc;

typedef struct cwasi_export_desc {
  cwasi_name name;
  cwasi_externkind kind;
} cwasi_export_desc;

size_t cwasi_module_import_count(const cwasi_module *module);
cwasi_import_desc cwasi_module_import(const cwasi_module *module, size_t i);
size_t cwasi_module_export_count(const cwasi_module *module);
cwasi_export_desc cwasi_module_export(const cwasi_module *module, size_t i);

/* ---- store and externs ------------------------------------------------ */

cwasi_store *cwasi_store_new(cwasi_engine *engine);
void cwasi_store_delete(cwasi_store *store); /* frees everything created in it */

/* ---- resource limits of a store ------------------------------------------------
 *
 * Fuel (engine with consume_fuel): one unit per wasm instruction executed,
 * except nop, drop, block, loop, else and end, which are free. It is
 * charged ahead, for straight-line code at a time: at a function's entry
 * for the instructions of its body outside any loop, at a loop's head, on
 * entry and every iteration, for those of the loop body outside inner
 * loops (a branch that skips some does not refund them; a call charges
 * its callee's). So the same calls consume the same fuel on every run and
 * on every host, and every loop iteration and call costs at least one.
 * Running out traps "all fuel consumed" before the charged code runs; the
 * remaining fuel is then 0. These fail with CWASI_ERR_ARG when the
 * engine does not consume fuel. */
cwasi_status cwasi_store_set_fuel(cwasi_store *store, uint64_t fuel); /* remaining := fuel */
cwasi_status cwasi_store_add_fuel(cwasi_store *store, uint64_t fuel); /* saturates */
cwasi_status cwasi_store_get_fuel(const cwasi_store *store, uint64_t *remaining);
/* Fuel consumed since the store was created (all that was given minus
 * what remains). */
cwasi_status cwasi_store_fuel_consumed(const cwasi_store *store, uint64_t *consumed);

/* Interruption (engine with interruptible). cwasi_store_interrupt may be
 * called from any thread (and from a signal handler): the wasm code
 * running in the store, or the next to run, traps "interrupted" at its
 * next function entry or loop iteration. A request is consumed by the trap
 * it causes. A host function that blocks should wait no longer than
 * cwasi_store_timeout_remaining(). CWASI_ERR_ARG if the engine is not
 * interruptible. */
cwasi_status cwasi_store_interrupt(cwasi_store *store);
/* Arms (or with 0, disarms) a deadline timeout_ns from now, measured on
 * CLOCK_MONOTONIC by a timer thread the store starts on first use and
 * joins when deleted. When it passes, the running wasm code traps
 * "interrupted: timeout of 2s reached" (the duration as
 * cwasi_format_duration writes it), and so does any wasm code run after
 * it until the next call of this function. Also clears a pending
 * cwasi_store_interrupt request. CWASI_ERR_NOMEM if the thread cannot be
 * started. */
cwasi_status cwasi_store_set_timeout(cwasi_store *store, uint64_t timeout_ns);
/* Nanoseconds left before the store's deadline; UINT64_MAX without one, 0
 * once it passed or an interrupt is pending. */
uint64_t cwasi_store_timeout_remaining(const cwasi_store *store);
/* For host functions: if the store has an interrupt pending or its
 * deadline passed, fills err with that trap (consuming the request) and
 * returns CWASI_ERR_TRAP; else CWASI_OK. */
cwasi_status cwasi_store_check_interrupt(cwasi_store *store, cwasi_error *err);
/* Writes a duration the way --timeout reads it: "2s", "500ms", "1m",
 * "1500us", "7ns" (the largest unit that divides it exactly). */
void cwasi_format_duration(uint64_t ns, char *buf, size_t buflen);

/* Size limits, as Wasmtime's StoreLimits: a memory may not exceed
 * max_memory_bytes (per linear memory; memory.grow and cwasi_memory_grow
 * return -1 past it, and instantiating a module whose memory's minimum is
 * larger fails with CWASI_ERR_NOMEM and a message naming the limit), a
 * table max_table_elements (the same for table.grow, cwasi_table_grow and
 * instantiation). Memories and tables created
 * before the limit is set are held to it when they grow. */
#define CWASI_UNLIMITED UINT64_MAX
typedef struct cwasi_store_limits {
  uint64_t max_memory_bytes;   /* CWASI_UNLIMITED by default */
  uint64_t max_table_elements; /* CWASI_UNLIMITED by default */
} cwasi_store_limits;
void cwasi_store_limits_init(cwasi_store_limits *limits); /* everything unlimited */
void cwasi_store_set_limits(cwasi_store *store, const cwasi_store_limits *limits);

typedef struct cwasi_extern {
  cwasi_externkind kind;
  union {
    cwasi_func *func;
    cwasi_table *table;
    cwasi_memory *memory;
    cwasi_global *global;
  } of;
} cwasi_extern;

/* ---- functions ---------------------------------------------------------- */

/* A host function. args/results are laid out by the function's type. To
 * trap, fill err (status CWASI_ERR_TRAP, trap CWASI_TRAP_HOST, message) and
 * return CWASI_ERR_TRAP; to exit the whole guest, return CWASI_ERR_EXIT with
 * err->exit_code set. */
typedef cwasi_status (*cwasi_host_fn)(cwasi_caller *caller, void *env, const cwasi_val *args,
                                      cwasi_val *results, cwasi_error *err);

cwasi_func *cwasi_func_new(cwasi_store *store, const cwasi_valtype *params, size_t nparams,
                           const cwasi_valtype *results, size_t nresults, cwasi_host_fn fn,
                           void *env);
size_t cwasi_func_param_count(const cwasi_func *func);
size_t cwasi_func_result_count(const cwasi_func *func);
cwasi_valtype cwasi_func_param_type(const cwasi_func *func, size_t i);
cwasi_valtype cwasi_func_result_type(const cwasi_func *func, size_t i);

/* Calls func. Argument types must match exactly (CWASI_ERR_ARG otherwise).
 * results must have room for cwasi_func_result_count(func) values. */
cwasi_status cwasi_func_call(cwasi_store *store, cwasi_func *func, const cwasi_val *args,
                             size_t nargs, cwasi_val *results, size_t nresults, cwasi_error *err);

/* What a host function sees of its caller. */
cwasi_store *cwasi_caller_store(cwasi_caller *caller);
/* The calling instance's export of that name, or false (host callers have none). */
bool cwasi_caller_export(cwasi_caller *caller, const char *name, size_t name_len,
                         cwasi_extern *out);

/* ---- memories --------------------------------------------------------- */

#define CWASI_PAGE_SIZE 65536u
#define CWASI_NO_MAX UINT32_MAX

cwasi_memory *cwasi_memory_new(cwasi_store *store, uint32_t min_pages, uint32_t max_pages);
uint8_t *cwasi_memory_data(cwasi_memory *mem); /* valid until the next grow */
size_t cwasi_memory_size(const cwasi_memory *mem); /* bytes */
uint32_t cwasi_memory_pages(const cwasi_memory *mem);
/* Returns the old size in pages, or -1 if it cannot grow by delta pages. */
int64_t cwasi_memory_grow(cwasi_memory *mem, uint32_t delta);

/* ---- tables ------------------------------------------------------------ */

cwasi_table *cwasi_table_new(cwasi_store *store, cwasi_valtype elemtype, uint32_t min,
                             uint32_t max /* CWASI_NO_MAX */, cwasi_val init);
uint32_t cwasi_table_size(const cwasi_table *table);
bool cwasi_table_get(const cwasi_table *table, uint32_t i, cwasi_val *out);
bool cwasi_table_set(cwasi_table *table, uint32_t i, cwasi_val val);
int64_t cwasi_table_grow(cwasi_table *table, uint32_t delta, cwasi_val init);

/* ---- globals ------------------------------------------------------------ */

cwasi_global *cwasi_global_new(cwasi_store *store, cwasi_valtype type, bool mutable_,
                               cwasi_val init);
cwasi_val cwasi_global_get(const cwasi_global *global);
/* Fails on an immutable global or a type mismatch. */
bool cwasi_global_set(cwasi_global *global, cwasi_val val);
cwasi_valtype cwasi_global_type(const cwasi_global *global);
bool cwasi_global_mutable(const cwasi_global *global);

/* ---- instances ------------------------------------------------------------ */

/* imports[i] answers the module's i-th import, in order. Type mismatches are
 * CWASI_ERR_LINK; a trap in a segment or the start function is CWASI_ERR_TRAP
 * (the partly-initialised instance stays alive in the store, as the spec says
 * its effects on shared memories/tables do). */
cwasi_instance *cwasi_instance_new(cwasi_store *store, cwasi_module *module,
                                   const cwasi_extern *imports, size_t nimports,
                                   cwasi_error *err);
bool cwasi_instance_export(cwasi_instance *inst, const char *name, size_t name_len,
                           cwasi_extern *out);
/* The n-th function's name from the name section, or NULL. */
const char *cwasi_instance_func_name(const cwasi_instance *inst, uint32_t func_index);

/* ---- linker ------------------------------------------------------------ */

cwasi_linker *cwasi_linker_new(cwasi_store *store);
void cwasi_linker_delete(cwasi_linker *linker);
/* Later definitions of the same name replace earlier ones. */
cwasi_status cwasi_linker_define(cwasi_linker *linker, const char *module, size_t module_len,
                                 const char *name, size_t name_len, cwasi_extern ext);
/* Defines every export of inst under module_name (the spec scripts' "register"). */
cwasi_status cwasi_linker_define_instance(cwasi_linker *linker, const char *module_name,
                                          size_t module_len, cwasi_instance *inst);
/* Resolves every import by name (missing: CWASI_ERR_LINK "unknown import
 * mod.name") and instantiates. */
cwasi_instance *cwasi_linker_instantiate(cwasi_linker *linker, cwasi_module *module,
                                         cwasi_error *err);

/* ---- WASI (wasi_snapshot_preview1) ----------------------------------------- */

/* A WASI context: the guest's arguments, environment, file descriptors and
 * capabilities. It is an ordinary import provider: cwasi_wasi_define() puts
 * its 46 host functions into a linker under "wasi_snapshot_preview1". The
 * guest must export its memory as "memory". proc_exit(n) makes the call
 * that reached it return CWASI_ERR_EXIT with err->exit_code = n. */
typedef struct cwasi_wasi cwasi_wasi;

/* How guest paths are resolved beneath a preopened directory. */
typedef enum cwasi_wasi_resolve {
  CWASI_WASI_RESOLVE_AUTO = 0, /* openat2(RESOLVE_BENEATH) if the kernel has it, else WALK */
  CWASI_WASI_RESOLVE_OPENAT2,  /* openat2 only (falls back to WALK on ENOSYS) */
  CWASI_WASI_RESOLVE_WALK,     /* component-by-component openat(O_NOFOLLOW) */
} cwasi_wasi_resolve;

typedef struct cwasi_wasi_dir {
  const char *host_path;  /* directory on the host */
  const char *guest_path; /* name the guest sees (fd_prestat_dir_name); NULL = host_path */
} cwasi_wasi_dir;

typedef struct cwasi_wasi_config {
  const char *const *argv; /* argv[0] is the program name the guest sees */
  size_t argc;
  const char *const *env; /* "KEY=VALUE" strings, after the inherited ones */
  size_t envc;
  bool inherit_env; /* start from the host's environment */
  const cwasi_wasi_dir *dirs; /* preopens: guest fds 3, 4, ... in order */
  size_t ndirs;
  const char *const *tcp_listen; /* "HOST:PORT": listening sockets, fds after the dirs */
  size_t ntcp_listen;
  /* Host descriptors behind guest fds 0, 1, 2 (duplicated, never closed by
   * cwasi); -1 or a closed descriptor gives /dev/null.
   * cwasi_wasi_config_init() sets 0, 1, 2. The guest gets them as streams
   * only (fd 0 read, fds 1 and 2 write; no seek, truncate or set-times),
   * and never changes their open file description's flags: its nonblock
   * is emulated (docs/wasi.md, Stdio). */
  int stdio[3];
  cwasi_wasi_resolve resolve;
} cwasi_wasi_config;

/* Zeroes cfg and inherits stdin/stdout/stderr. */
void cwasi_wasi_config_init(cwasi_wasi_config *cfg);
/* Copies everything it needs from cfg; opens the preopens and sockets now
 * (a failure names the directory or address). */
cwasi_wasi *cwasi_wasi_new(cwasi_store *store, const cwasi_wasi_config *cfg, cwasi_error *err);
/* Defines every wasi_snapshot_preview1 function into linker. The context
 * must outlive the linker's instances' use of it. */
cwasi_status cwasi_wasi_define(cwasi_wasi *wasi, cwasi_linker *linker, cwasi_error *err);
/* Closes every descriptor the guest still holds. */
void cwasi_wasi_delete(cwasi_wasi *wasi);

#ifdef __cplusplus
}
#endif
#endif /* CWASI_H */
