/*
 * runtime.h — the store and the objects in it: function, memory, table
 * and global instances, module instances. The public cwasi_* types are
 * these structs.
 *
 * Ownership: the store owns every object created in it and frees them all
 * in cwasi_store_delete. A module (cwasi_module) is refcounted: the embedder
 * holds one reference and every instance of it holds one.
 */
#ifndef CW_RUNTIME_H
#define CW_RUNTIME_H

#include <pthread.h>
#include <stdatomic.h>

#include "common.h"
#include "decode/module.h"

struct interp_code; /* translated function body, owned by the module (src/interp/) */
struct jit_engine;  /* compiled tier state (src/jit/) */
struct jit_module;
struct jit_act;

struct cwasi_engine {
  cwasi_config config; /* defaults filled in */
  struct jit_engine *jit; /* created on first use, under jit_lock */
  pthread_mutex_t jit_lock;
  /* Tests only: translate every instruction on its own, operands in their
   * home slots, no fusion (tests/interp/fuzz_diff.c runs both ways). */
  bool plain_translation;
};

/* A decoded, validated module plus what execution derives from it. */
struct cwasi_module {
  cwasi_engine *engine;
  cw_module *m;
  uint32_t refcount;
  /* Translated code per defined function (index = funcidx - nimported_funcs),
   * NULL until translated. Owned here, freed with interp_code_free. */
  struct interp_code **code;
  struct jit_module *jit; /* compiled code (jit tier), NULL otherwise */
};

/* Function types are interned per store so that call_indirect's check is
 * an integer comparison: two functions have the same type_id iff their
 * types are equal. */
typedef struct cw_typereg {
  uint32_t count, cap;
  cw_functype *types; /* owned copies */
} cw_typereg;

/*
 * How a function is entered: f's arguments are at slots[0..param_slots)
 * and its results replace them (room for max(param, result) slots);
 * caller is the calling wasm function's instance, NULL from the host.
 * Every call goes through cwasi_func.entry, so a compiled tier can replace
 * it per function. src/interp/ sets it (interp.h): the interpreter's entry
 * for wasm functions, the host trampoline for host ones; NULL means not
 * chosen yet and is resolved on the first call.
 */
typedef cwasi_status (*cw_entry_fn)(cwasi_store *s, cwasi_func *f, cwasi_instance *caller,
                                    cw_slot *slots, cwasi_error *err);

struct cwasi_func {
  cw_functype *type;      /* stable for the func's life; its valtype array is the registry's */
  uint32_t type_id;
  cwasi_instance *inst;   /* NULL for a host function */
  uint32_t func_index;    /* index in inst's module (whole index space) */
  struct interp_code **code; /* &module->code[defined index]; NULL for host */
  cwasi_host_fn host_fn;
  void *host_env;
  uint32_t param_slots, result_slots; /* sizes in cw_slots (v128 = 2) */
  cw_entry_fn entry;      /* see cw_entry_fn */
};

/*
 * Linear memory. `data` stays at one address for the memory's whole life
 * (the whole maximum is reserved up front with mmap and pages are made
 * accessible as it grows), so interpreter frames may cache it; `size` must
 * be reloaded after anything that can grow memory (memory.grow, any call).
 */
struct cwasi_memory {
  cwasi_store *store; /* whose limits apply when it grows */
  uint8_t *data;
  uint64_t size;       /* bytes accessible, pages * 64 KiB */
  uint32_t pages;
  uint32_t max_pages;  /* declared max, or 65536 when none */
  bool has_max;
  size_t reserved;     /* bytes reserved (mapping length) */
};

struct cwasi_table {
  cwasi_store *store; /* whose limits apply when it grows */
  cw_valtype elemtype;
  uint32_t size;
  uint32_t max;        /* declared max, or UINT32_MAX when none */
  bool has_max;
  cw_slot *elems;      /* size entries, each a ref in slot form (0 = null) */
  uint32_t cap;
};

struct cwasi_global {
  cw_valtype type;
  bool mut;
  cw_slot val[2];      /* slot form; v128 uses both */
};

struct cwasi_instance {
  cwasi_store *store;
  cwasi_module *module; /* one reference held */
  /* Whole index spaces, imports first. */
  cwasi_func **funcs;
  cwasi_table **tables;
  cwasi_memory **mems;
  cwasi_global **globals;
  uint32_t *type_ids;   /* store type id of each module type index */
  /* Element segments, evaluated at instantiation; a dropped (or active or
   * declarative, once applied) segment has length 0. */
  cw_slot **elem_items;
  uint32_t *elem_len;
  /* Data segments: bytes live in the module; length 0 once dropped/applied. */
  uint32_t *data_len;
};

/* Everything the store owns, in creation order. */
typedef struct cw_objlist {
  void **items;
  size_t count, cap;
} cw_objlist;

/* Why wasm code in a store must stop at its next check (store.interrupt). */
enum { RT_INTERRUPT_NONE, RT_INTERRUPT_REQUESTED, RT_INTERRUPT_TIMEOUT };

/* The timer behind cwasi_store_set_timeout: a thread that sleeps until the
 * deadline and then sets store.interrupt. Started on first use. */
typedef struct rt_timer {
  pthread_mutex_t lock;
  pthread_cond_t wake; /* on CLOCK_MONOTONIC */
  pthread_t thread;
  bool started, quit;
  uint64_t deadline;   /* CLOCK_MONOTONIC ns; 0 = none (guarded by lock) */
  uint64_t timeout_ns; /* as armed, for the message */
} rt_timer;

struct cwasi_store {
  cwasi_engine *engine;
  /* Fuel left (engine.config.consume_fuel): the code's checks subtract
   * their cost and trap when it goes negative. fuel_given: all ever set
   * or added, so consumed = fuel_given - fuel. */
  int64_t fuel;
  uint64_t fuel_given;
  /* RT_INTERRUPT_*: read by the code's checks (engine.config.interruptible),
   * written by any thread. */
  _Atomic uint32_t interrupt;
  rt_timer timer;
  cwasi_store_limits limits;
  cw_typereg types;
  cw_objlist funcs, memories, tables, globals, instances;
  /* Interpreter state, allocated on first call: see src/interp/. The value
   * stack is shared by nested activations (host -> wasm -> host -> wasm). */
  cw_slot *stack;
  size_t stack_slots;
  size_t stack_top;   /* slots in use by outer activations */
  void *frames;       /* interp-owned call-frame array */
  uint32_t frames_cap;
  uint32_t depth;     /* wasm frames in use by outer activations */
  uint32_t host_nesting; /* host -> wasm re-entries, bounded to keep the C stack bounded */
  /* Compiled code (src/jit/): the innermost activation, where traps go, and
   * the lowest stack address compiled code may reach. */
  struct jit_act *jit_act;
  uintptr_t jit_stack_limit;
};

struct cwasi_caller {
  cwasi_store *store;
  cwasi_instance *inst; /* instance of the calling wasm function; NULL if called from the host */
};

/* ---- internal runtime API (src/runtime/) ---- */

/* Interns t (copied if new); returns its id, or UINT32_MAX on OOM. */
uint32_t rt_type_intern(cwasi_store *s, const cw_functype *t);

/* Converts between public values and slot form by type. */
void rt_val_to_slots(const cwasi_val *v, cw_slot *slots);
void rt_slots_to_val(cw_valtype t, const cw_slot *slots, cwasi_val *v);

/* Grows by delta pages; returns the old page count or -1. */
int64_t rt_memory_grow(cwasi_memory *mem, uint32_t delta);
/* Grows by delta entries set to init (slot form); returns old size or -1. */
int64_t rt_table_grow(cwasi_table *t, uint32_t delta, cw_slot init);

/* Limits (limits.c). rt_interrupt_take reads why the store must stop
 * (RT_INTERRUPT_*), consuming a request; rt_interrupt_message words it
 * ("interrupted: timeout of 2s reached"); rt_timer_stop joins the timer
 * thread (store deletion). */
uint32_t rt_interrupt_take(cwasi_store *s);
void rt_interrupt_message(cwasi_store *s, uint32_t why, char *buf, size_t buflen);
void rt_timer_stop(cwasi_store *s);

/* The function's name for trap messages: the name section's, else an
 * export name, else "func[N]". Writes into buf and returns it. */
const char *rt_func_describe(const cwasi_func *f, char *buf, size_t buflen);

#endif /* CW_RUNTIME_H */
