/*
 * module.h — struct cw_module, what the decoder makes of a binary module.
 *
 * The decoder checks the binary format (sections, counts, LEB128 bounds,
 * UTF-8 names, limits encoding) but not typing rules: that is
 * src/validate/. Function bodies are kept as byte ranges into `bytes`
 * (the module owns a copy of the input) and are parsed by the validator
 * and by the translator in src/interp/.
 *
 * Index spaces (functions, tables, memories, globals) count imports first,
 * as the spec does; the arrays below cover the whole index space so later
 * stages never need to ask "is this one imported?" to learn its type.
 */
#ifndef CW_MODULE_H
#define CW_MODULE_H

#include "common.h"

typedef uint8_t cw_valtype; /* binary encoding, see cwasi_valtype */

typedef struct cw_functype {
  uint32_t nparams, nresults;
  cw_valtype *types; /* nparams params followed by nresults results */
} cw_functype;

static inline const cw_valtype *cw_functype_params(const cw_functype *t) { return t->types; }
static inline const cw_valtype *cw_functype_results(const cw_functype *t) {
  return t->types + t->nparams;
}
bool cw_functype_equal(const cw_functype *a, const cw_functype *b);

typedef struct cw_limits {
  uint32_t min, max;
  bool has_max;
} cw_limits;

typedef struct cw_tabletype {
  cw_valtype elemtype; /* CWASI_FUNCREF or CWASI_EXTERNREF */
  cw_limits limits;
} cw_tabletype;

typedef struct cw_memtype {
  cw_limits limits; /* in pages */
} cw_memtype;

typedef struct cw_globaltype {
  cw_valtype type;
  bool mut;
} cw_globaltype;

typedef enum cw_externkind {
  CW_EXTERN_FUNC = 0,
  CW_EXTERN_TABLE = 1,
  CW_EXTERN_MEMORY = 2,
  CW_EXTERN_GLOBAL = 3,
} cw_externkind;

/* Names are UTF-8 checked by the decoder, NUL-terminated for convenience,
 * and may contain NUL: always use the length. */
typedef struct cw_name {
  char *data;
  uint32_t len;
} cw_name;

typedef struct cw_import {
  cw_name module, name;
  cw_externkind kind;
  union {
    uint32_t func_type; /* type index */
    cw_tabletype table;
    cw_memtype mem;
    cw_globaltype global;
  } desc;
} cw_import;

typedef struct cw_export {
  cw_name name;
  cw_externkind kind;
  uint32_t index;
} cw_export;

/*
 * A constant expression: Wasm 2.0 allows exactly one instruction before
 * `end`. op is the instruction's opcode byte:
 *   0x41 i32.const, 0x42 i64.const, 0x43 f32.const, 0x44 f64.const
 *        (value in bits[0]; i32 zero-extended, floats as bit patterns),
 *   0xFD v128.const (bits[0] low, bits[1] high),
 *   0xD0 ref.null (reftype in `index`), 0xD2 ref.func (func index),
 *   0x23 global.get (global index),
 *   0x6A/0x6B/0x6C i32.add/sub/mul, 0x7C/0x7D/0x7E i64.add/sub/mul (only
 *        inside a sequence: extended constant expressions, Wasm 3.0),
 *   CW_CONST_SEQ: more than one instruction, seq[0..nseq) in order (each
 *        one of the above), evaluated on a stack.
 * The decoder rejects any other instruction; the validator checks types and
 * which globals may be read.
 */
#define CW_CONST_SEQ 0x0B
typedef struct cw_constexpr {
  uint8_t op;
  uint32_t index;
  uint64_t bits[2];
  size_t offset;            /* of the instruction, for error messages */
  uint32_t nseq;            /* CW_CONST_SEQ only */
  struct cw_constexpr *seq; /* CW_CONST_SEQ only; owned */
} cw_constexpr;

typedef struct cw_func {
  uint32_t type;       /* type index */
  uint32_t nlocals;    /* declared locals, params not included */
  cw_valtype *locals;  /* nlocals entries, run-length encoding expanded */
  size_t body_offset;  /* first instruction (after the locals) in bytes[] */
  size_t body_end;     /* one past the final `end` opcode */
  size_t entry_offset; /* start of this function's code entry (its size field) */
} cw_func;

typedef enum cw_segmode {
  CW_SEG_ACTIVE,
  CW_SEG_PASSIVE,
  CW_SEG_DECLARATIVE,
} cw_segmode;

typedef struct cw_elem {
  cw_segmode mode;
  uint32_t table;       /* active only */
  cw_constexpr offset;  /* active only */
  cw_valtype type;      /* CWASI_FUNCREF or CWASI_EXTERNREF */
  uint32_t count;
  cw_constexpr *items;  /* func-index forms are stored as ref.func items */
  size_t offset_in_module;
} cw_elem;

typedef struct cw_data {
  cw_segmode mode; /* ACTIVE or PASSIVE */
  uint32_t memory; /* active only */
  cw_constexpr offset;
  size_t init_offset; /* the bytes are bytes[init_offset .. init_offset + len) */
  uint32_t len;
  size_t offset_in_module;
} cw_data;

typedef struct cw_custom {
  cw_name name;
  size_t data_offset, data_len; /* into bytes[] */
} cw_custom;

typedef struct cw_module {
  uint8_t *bytes; /* owned copy of the binary */
  size_t len;

  uint32_t ntypes;
  cw_functype *types;

  uint32_t nimports;
  cw_import *imports;
  uint32_t nimported_funcs, nimported_tables, nimported_mems, nimported_globals;

  /* Whole index spaces, imports first. */
  uint32_t nfuncs;
  uint32_t *func_types; /* type index of every function */
  uint32_t ntables;
  cw_tabletype *tables;
  uint32_t nmems;
  cw_memtype *mems;
  uint32_t nglobals;
  cw_globaltype *globals;

  /* Defined (non-imported) items. */
  cw_func *funcs;             /* nfuncs - nimported_funcs entries, from the code section */
  cw_constexpr *global_inits; /* nglobals - nimported_globals entries */

  uint32_t nexports;
  cw_export *exports;

  bool has_start;
  uint32_t start;

  uint32_t nelems;
  cw_elem *elems;

  uint32_t ndatas;
  cw_data *datas;
  bool has_datacount;
  uint32_t datacount;

  uint32_t ncustoms;
  cw_custom *customs;

  /* From the "name" custom section, when present and well-formed (a
   * malformed name section is ignored, as the spec recommends).
   * func_names has nfuncs entries, NULL where unnamed. */
  char *module_name;
  char **func_names;
} cw_module;

static inline const cw_functype *cw_module_func_type(const cw_module *m, uint32_t funcidx) {
  return &m->types[m->func_types[funcidx]];
}

#endif /* CW_MODULE_H */
