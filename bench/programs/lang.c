/*
 * lang.c — the suite's second "real program": an implementation of a small
 * dynamically typed scripting language, run on an embedded script.
 *
 * The language has integers, booleans, nil, immutable strings, arrays,
 * hash maps (integer or string keys) and first-class functions with
 * lexically captured variables:
 *
 *   fn make_counter(step) { let n = 0; return fn() { n = n + step; return n; }; }
 *   let m = {"a": 1};  m["b"] = [1, 2, 3];  for i in 0..10 { print(i, m["a"]); }
 *
 * The pipeline is the usual one: a lexer, a recursive-descent parser that
 * builds a syntax tree, a resolver that decides where each variable lives
 * (a stack slot, a heap box when a nested function captures it, or a
 * global), a compiler to stack bytecode, and a virtual machine with call
 * frames and a mark-and-sweep garbage collector.
 *
 *   lang [SCALE]     run the embedded benchmark script (default SCALE 40)
 */
#include "bench.h"

/* ------------------------------------------------------------------------ */
/* Memory arena for the compiler's short-lived data (tokens, tree, scopes)  */
/* ------------------------------------------------------------------------ */

typedef struct arena_chunk {
  struct arena_chunk *next;
  uint32_t used, size;
  uint64_t data[]; /* 8-byte aligned */
} arena_chunk;

typedef struct {
  arena_chunk *chunks;
  int failed;
} arena;

static void *arena_alloc(arena *a, uint32_t size) {
  size = (size + 7) & ~7u;
  arena_chunk *c = a->chunks;
  if (!c || c->size - c->used < size) {
    uint32_t cap = size > 65536 ? size : 65536;
    c = malloc(sizeof *c + cap);
    if (!c) {
      a->failed = 1;
      return NULL;
    }
    c->next = a->chunks;
    c->used = 0;
    c->size = cap;
    a->chunks = c;
  }
  void *p = (uint8_t *)c->data + c->used;
  c->used += size;
  memset(p, 0, size);
  return p;
}

static void arena_free(arena *a) {
  while (a->chunks) {
    arena_chunk *next = a->chunks->next;
    free(a->chunks);
    a->chunks = next;
  }
}

/* ------------------------------------------------------------------------ */
/* Values and heap objects                                                   */
/* ------------------------------------------------------------------------ */

typedef enum { V_NIL, V_BOOL, V_INT, V_OBJ } value_type;

typedef struct obj obj;

typedef struct {
  uint8_t type;
  union {
    int64_t i;
    obj *o;
  } as;
} value;

typedef enum { O_STRING, O_ARRAY, O_MAP, O_PROTO, O_CLOSURE, O_BOX, O_NATIVE } obj_type;

struct obj {
  obj *next; /* every object, for the sweep */
  uint8_t type;
  uint8_t marked;
};

typedef struct {
  obj h;
  uint32_t len, hash;
  char chars[]; /* NUL-terminated for convenience */
} ostring;

typedef struct {
  obj h;
  uint32_t len, cap;
  value *items;
} oarray;

/* Open addressing with linear probing. An empty slot has a nil key and a
   nil value; a deleted one (a tombstone) has a nil key and value true. */
typedef struct {
  value key, val;
} map_entry;

typedef struct {
  obj h;
  uint32_t count; /* live entries */
  uint32_t used;  /* live entries + tombstones */
  uint32_t cap;   /* a power of two, or 0 */
  map_entry *entries;
} omap;

typedef struct {
  obj h;
  uint8_t *code;
  uint32_t *lines; /* source line of each code byte */
  uint32_t ncode, capcode;
  value *consts;
  uint32_t nconsts, capconsts;
  uint32_t nparams, nslots;
  ostring *name;
} oproto;

typedef struct {
  obj h;
  value v;
} obox;

typedef struct {
  obj h;
  oproto *proto;
  uint32_t nup;
  obox *up[];
} oclosure;

typedef struct vm vm;
/* Returns 0 after setting vm->error on failure. */
typedef int (*native_fn)(vm *m, value *args, uint32_t nargs, value *result);

typedef struct {
  obj h;
  native_fn fn;
  const char *name;
  int32_t arity; /* -1: any number */
} onative;

/* Buffers of values are accounted by element size, which must not vary. */
_Static_assert(sizeof(value) == 16, "value is 16 bytes on every target");

static inline value v_nil(void) {
  value v;
  v.type = V_NIL;
  v.as.i = 0;
  return v;
}
static inline value v_bool(int b) {
  value v;
  v.type = V_BOOL;
  v.as.i = b != 0;
  return v;
}
static inline value v_int(int64_t i) {
  value v;
  v.type = V_INT;
  v.as.i = i;
  return v;
}
static inline value v_obj(void *o) {
  value v;
  v.type = V_OBJ;
  v.as.o = o;
  return v;
}
static inline int is_obj(value v, obj_type t) { return v.type == V_OBJ && v.as.o->type == t; }
static inline int truthy(value v) { return !(v.type == V_NIL || (v.type == V_BOOL && !v.as.i)); }

/* Integer arithmetic wraps, as two's complement, without C's UB. */
static inline int64_t wrap_add(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }
static inline int64_t wrap_sub(int64_t a, int64_t b) { return (int64_t)((uint64_t)a - (uint64_t)b); }
static inline int64_t wrap_mul(int64_t a, int64_t b) { return (int64_t)((uint64_t)a * (uint64_t)b); }

/* ------------------------------------------------------------------------ */
/* The virtual machine's state                                               */
/* ------------------------------------------------------------------------ */

enum { STACK_MAX = 1 << 16, FRAMES_MAX = 1024 };

typedef struct {
  oclosure *closure;
  const uint8_t *ip;
  value *base; /* slot 0; the callee itself is at base[-1] */
} frame;

typedef struct {
  char *data;
  uint32_t len, cap;
} textbuf;

struct vm {
  value *stack;
  value *sp;
  frame frames[FRAMES_MAX];
  uint32_t nframes;
  value *globals;
  ostring **global_names;
  uint32_t nglobals, capglobals;
  /* the collector */
  obj *objects;
  uint64_t bytes, next_gc;
  obj **gray;
  uint32_t ngray, capgray;
  int gc_off;    /* while compiling: objects are rooted only in C locals */
  uint32_t collections;
  uint64_t freed_objects;
  textbuf out;   /* what print() wrote */
  int failed;    /* out of memory */
  char error[200];
};

static void vm_errorf(vm *m, const char *msg, const char *detail) {
  snprintf(m->error, sizeof m->error, "%s%s%s", msg, detail ? ": " : "", detail ? detail : "");
}

static void text_append(vm *m, const char *s, uint32_t n) {
  textbuf *t = &m->out;
  if (t->len + n + 1 > t->cap) {
    uint32_t cap = t->cap ? t->cap : 1024;
    while (cap < t->len + n + 1) cap *= 2;
    char *p = realloc(t->data, cap);
    if (!p) {
      m->failed = 1;
      return;
    }
    t->data = p;
    t->cap = cap;
  }
  memcpy(t->data + t->len, s, n);
  t->len += n;
  t->data[t->len] = 0;
}

/* Tracked allocation of buffers owned by objects. It never collects:
   collection is triggered only when an object is created. */
static void *vm_realloc(vm *m, void *p, uint64_t old_size, uint64_t new_size) {
  m->bytes += new_size;
  m->bytes -= old_size;
  if (new_size == 0) {
    free(p);
    return NULL;
  }
  void *q = realloc(p, (size_t)new_size);
  if (!q) m->failed = 1;
  return q;
}

static void gc_collect(vm *m);

/*
 * The collector's byte count uses nominal object sizes, the same on every
 * target: a fixed header plus `extra` (a string's characters, a closure's
 * captured boxes at 8 bytes each), plus the buffers an object owns, whose
 * element sizes are the same everywhere. With sizeof, 32-bit and 64-bit
 * builds would collect at different moments and print different statistics.
 */
enum { OBJ_NOMINAL = 32 };

static uint64_t nominal_size(obj_type type, uint64_t extra) {
  (void)type;
  return OBJ_NOMINAL + extra;
}

static obj *vm_new_obj(vm *m, obj_type type, uint32_t size, uint64_t extra) {
#ifdef LANG_GC_STRESS
  /* Collect before every allocation: any value the VM forgot to root is
     freed at once, which AddressSanitizer then reports. */
  if (!m->gc_off) gc_collect(m);
#else
  if (!m->gc_off && m->bytes > m->next_gc) gc_collect(m);
#endif
  obj *o = malloc(size);
  if (!o) {
    m->failed = 1;
    return NULL;
  }
  memset(o, 0, size);
  m->bytes += nominal_size(type, extra);
  o->type = (uint8_t)type;
  o->next = m->objects;
  m->objects = o;
  return o;
}

static uint32_t hash_bytes(const char *s, uint32_t n) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
  return h;
}

static ostring *new_string(vm *m, const char *s, uint32_t n) {
  ostring *str = (ostring *)vm_new_obj(m, O_STRING, (uint32_t)sizeof(ostring) + n + 1, n + 1);
  if (!str) return NULL;
  str->len = n;
  memcpy(str->chars, s, n);
  str->chars[n] = 0;
  str->hash = hash_bytes(s, n);
  return str;
}

static oarray *new_array(vm *m, uint32_t cap) {
  oarray *a = (oarray *)vm_new_obj(m, O_ARRAY, sizeof(oarray), 0);
  if (!a) return NULL;
  if (cap) {
    a->items = vm_realloc(m, NULL, 0, (uint64_t)cap * sizeof(value));
    if (!a->items) return NULL;
    a->cap = cap;
  }
  return a;
}

static int array_push(vm *m, oarray *a, value v) {
  if (a->len == a->cap) {
    uint32_t cap = a->cap ? a->cap * 2 : 8;
    value *p = vm_realloc(m, a->items, (uint64_t)a->cap * sizeof(value), (uint64_t)cap * sizeof(value));
    if (!p) return 0;
    a->items = p;
    a->cap = cap;
  }
  a->items[a->len++] = v;
  return 1;
}

/* ------------------------------------------------------------------------ */
/* Maps                                                                      */
/* ------------------------------------------------------------------------ */

static int valid_key(value k) { return k.type == V_INT || is_obj(k, O_STRING); }

static uint32_t hash_key(value k) {
  if (k.type == V_INT) {
    uint64_t x = (uint64_t)k.as.i;
    x = (x ^ (x >> 31)) * 0x7fb5d329728ea185ull;
    x = (x ^ (x >> 27)) * 0x81dadef4bc2dd44dull;
    return (uint32_t)(x ^ (x >> 33));
  }
  return ((ostring *)k.as.o)->hash;
}

static int keys_equal(value a, value b) {
  if (a.type != b.type) return 0;
  if (a.type == V_INT) return a.as.i == b.as.i;
  if (a.type != V_OBJ) return 0;
  ostring *x = (ostring *)a.as.o, *y = (ostring *)b.as.o;
  return x == y || (x->hash == y->hash && x->len == y->len && memcmp(x->chars, y->chars, x->len) == 0);
}

/* The entry holding key, or the slot where it would be inserted. */
static map_entry *map_slot(map_entry *entries, uint32_t cap, value key) {
  uint32_t i = hash_key(key) & (cap - 1);
  map_entry *tomb = NULL;
  for (;;) {
    map_entry *e = &entries[i];
    if (e->key.type == V_NIL) {
      if (e->val.type == V_NIL) return tomb ? tomb : e;
      if (!tomb) tomb = e;
    } else if (keys_equal(e->key, key)) {
      return e;
    }
    i = (i + 1) & (cap - 1);
  }
}

static int map_get(const omap *mp, value key, value *out) {
  if (!mp->count) return 0;
  map_entry *e = map_slot(mp->entries, mp->cap, key);
  if (e->key.type == V_NIL) return 0;
  *out = e->val;
  return 1;
}

static int map_resize(vm *m, omap *mp, uint32_t cap) {
  map_entry *entries = vm_realloc(m, NULL, 0, (uint64_t)cap * sizeof(map_entry));
  if (!entries) return 0;
  for (uint32_t i = 0; i < cap; i++) entries[i].key = entries[i].val = v_nil();
  mp->count = 0;
  for (uint32_t i = 0; i < mp->cap; i++) {
    map_entry *e = &mp->entries[i];
    if (e->key.type == V_NIL) continue;
    map_entry *d = map_slot(entries, cap, e->key);
    *d = *e;
    mp->count++;
  }
  vm_realloc(m, mp->entries, (uint64_t)mp->cap * sizeof(map_entry), 0);
  mp->entries = entries;
  mp->cap = cap;
  mp->used = mp->count;
  return 1;
}

static int map_set(vm *m, omap *mp, value key, value val) {
  if ((mp->used + 1) * 4 > mp->cap * 3) {
    uint32_t cap = mp->cap ? mp->cap : 8;
    /* Grow only if live entries need it; otherwise just drop tombstones. */
    if ((mp->count + 1) * 2 > cap) cap *= 2;
    if (!map_resize(m, mp, cap)) return 0;
  }
  map_entry *e = map_slot(mp->entries, mp->cap, key);
  if (e->key.type == V_NIL) {
    mp->count++;
    if (e->val.type == V_NIL) mp->used++; /* not reusing a tombstone */
    e->key = key;
  }
  e->val = val;
  return 1;
}

static int map_delete(omap *mp, value key) {
  if (!mp->count) return 0;
  map_entry *e = map_slot(mp->entries, mp->cap, key);
  if (e->key.type == V_NIL) return 0;
  e->key = v_nil();
  e->val = v_bool(1);
  mp->count--;
  return 1;
}

/* ------------------------------------------------------------------------ */
/* The garbage collector: mark from the roots with an explicit gray stack,  */
/* then sweep the list of all objects.                                      */
/* ------------------------------------------------------------------------ */

static void mark_obj(vm *m, obj *o) {
  if (!o || o->marked) return;
  o->marked = 1;
  if (o->type == O_STRING || o->type == O_NATIVE) return; /* no children */
  if (m->ngray == m->capgray) {
    uint32_t cap = m->capgray ? m->capgray * 2 : 256;
    obj **g = realloc(m->gray, cap * sizeof *g);
    if (!g) {
      m->failed = 1;
      return;
    }
    m->gray = g;
    m->capgray = cap;
  }
  m->gray[m->ngray++] = o;
}

static inline void mark_value(vm *m, value v) {
  if (v.type == V_OBJ) mark_obj(m, v.as.o);
}

static void trace(vm *m, obj *o) {
  switch ((obj_type)o->type) {
  case O_ARRAY: {
    oarray *a = (oarray *)o;
    for (uint32_t i = 0; i < a->len; i++) mark_value(m, a->items[i]);
    break;
  }
  case O_MAP: {
    omap *mp = (omap *)o;
    for (uint32_t i = 0; i < mp->cap; i++) {
      mark_value(m, mp->entries[i].key);
      mark_value(m, mp->entries[i].val);
    }
    break;
  }
  case O_PROTO: {
    oproto *p = (oproto *)o;
    for (uint32_t i = 0; i < p->nconsts; i++) mark_value(m, p->consts[i]);
    if (p->name) mark_obj(m, &p->name->h);
    break;
  }
  case O_CLOSURE: {
    oclosure *c = (oclosure *)o;
    mark_obj(m, &c->proto->h);
    for (uint32_t i = 0; i < c->nup; i++) mark_obj(m, &c->up[i]->h);
    break;
  }
  case O_BOX: mark_value(m, ((obox *)o)->v); break;
  case O_STRING:
  case O_NATIVE: break;
  }
}

/* What the object counts for in m->bytes (see nominal_size). */
static uint64_t obj_size(const obj *o) {
  switch ((obj_type)o->type) {
  case O_STRING: return nominal_size(O_STRING, ((const ostring *)o)->len + 1);
  case O_ARRAY: return nominal_size(O_ARRAY, 0) + (uint64_t)((const oarray *)o)->cap * sizeof(value);
  case O_MAP: return nominal_size(O_MAP, 0) + (uint64_t)((const omap *)o)->cap * sizeof(map_entry);
  case O_PROTO: {
    const oproto *p = (const oproto *)o;
    return nominal_size(O_PROTO, 0) + (uint64_t)p->capcode * (1 + sizeof(uint32_t)) +
           (uint64_t)p->capconsts * sizeof(value);
  }
  case O_CLOSURE: return nominal_size(O_CLOSURE, (uint64_t)((const oclosure *)o)->nup * 8);
  case O_BOX:
  case O_NATIVE: return nominal_size((obj_type)o->type, 0);
  }
  return 0;
}

static void free_obj(obj *o) {
  switch ((obj_type)o->type) {
  case O_ARRAY: free(((oarray *)o)->items); break;
  case O_MAP: free(((omap *)o)->entries); break;
  case O_PROTO:
    free(((oproto *)o)->code);
    free(((oproto *)o)->lines);
    free(((oproto *)o)->consts);
    break;
  default: break;
  }
  free(o);
}

static void gc_collect(vm *m) {
  for (value *v = m->stack; v < m->sp; v++) mark_value(m, *v);
  for (uint32_t i = 0; i < m->nframes; i++) mark_obj(m, &m->frames[i].closure->h);
  for (uint32_t i = 0; i < m->nglobals; i++) {
    mark_value(m, m->globals[i]);
    mark_obj(m, &m->global_names[i]->h);
  }
  while (m->ngray) trace(m, m->gray[--m->ngray]);

  obj **link = &m->objects;
  while (*link) {
    obj *o = *link;
    if (o->marked) {
      o->marked = 0;
      link = &o->next;
    } else {
      *link = o->next;
      m->bytes -= obj_size(o);
      m->freed_objects++;
      free_obj(o);
    }
  }
  m->collections++;
  m->next_gc = m->bytes * 2 > (1u << 20) ? m->bytes * 2 : (1u << 20);
}

/* ------------------------------------------------------------------------ */
/* Globals                                                                   */
/* ------------------------------------------------------------------------ */

/* The index of a global, created (as nil) if new; -1 if out of memory. */
static int32_t global_index(vm *m, const char *name, uint32_t len) {
  for (uint32_t i = 0; i < m->nglobals; i++)
    if (m->global_names[i]->len == len && memcmp(m->global_names[i]->chars, name, len) == 0)
      return (int32_t)i;
  if (m->nglobals == m->capglobals) {
    uint32_t cap = m->capglobals ? m->capglobals * 2 : 64;
    value *g = realloc(m->globals, cap * sizeof *g);
    if (!g) return -1;
    m->globals = g;
    ostring **n = realloc(m->global_names, cap * sizeof *n);
    if (!n) return -1;
    m->global_names = n;
    m->capglobals = cap;
  }
  ostring *s = new_string(m, name, len);
  if (!s) return -1;
  m->global_names[m->nglobals] = s;
  m->globals[m->nglobals] = v_nil();
  return (int32_t)m->nglobals++;
}

/* ------------------------------------------------------------------------ */
/* Lexer                                                                     */
/* ------------------------------------------------------------------------ */

typedef enum {
  T_EOF, T_ERROR, T_INT, T_STR, T_NAME,
  T_LPAREN, T_RPAREN, T_LBRACE, T_RBRACE, T_LBRACK, T_RBRACK,
  T_COMMA, T_SEMI, T_COLON, T_DOTDOT,
  T_PLUS, T_MINUS, T_STAR, T_SLASH, T_PERCENT,
  T_ASSIGN, T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE,
  /* keywords */
  T_FN, T_LET, T_IF, T_ELSE, T_WHILE, T_FOR, T_IN, T_RETURN, T_BREAK, T_CONTINUE,
  T_TRUE, T_FALSE, T_NIL, T_AND, T_OR, T_NOT,
} tok_type;

static const char *const keywords[] = {"fn",       "let",  "if",    "else", "while", "for",
                                       "in",       "return", "break", "continue", "true", "false",
                                       "nil",      "and",  "or",    "not"};

typedef struct {
  tok_type type;
  const char *start;
  uint32_t len;
  int64_t ival;
  uint32_t line;
} token;

typedef struct {
  const char *p;
  uint32_t line;
} lexer;

static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

static token lex_next(lexer *lx) {
  for (;;) {
    char c = *lx->p;
    if (c == '\n') {
      lx->line++;
      lx->p++;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      lx->p++;
    } else if (c == '/' && lx->p[1] == '/') {
      while (*lx->p && *lx->p != '\n') lx->p++;
    } else {
      break;
    }
  }
  token t;
  t.start = lx->p;
  t.line = lx->line;
  t.ival = 0;
  t.len = 1;
  char c = *lx->p;
  if (c == 0) {
    t.type = T_EOF;
    t.len = 0;
    return t;
  }
  if (is_digit(c)) {
    uint64_t v = 0;
    while (is_digit(*lx->p)) v = v * 10 + (uint64_t)(*lx->p++ - '0');
    t.type = T_INT;
    t.ival = (int64_t)v;
    t.len = (uint32_t)(lx->p - t.start);
    return t;
  }
  if (is_alpha(c)) {
    while (is_alpha(*lx->p) || is_digit(*lx->p)) lx->p++;
    t.len = (uint32_t)(lx->p - t.start);
    t.type = T_NAME;
    for (uint32_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++)
      if (strlen(keywords[k]) == t.len && memcmp(keywords[k], t.start, t.len) == 0)
        t.type = (tok_type)(T_FN + k);
    return t;
  }
  if (c == '"') {
    lx->p++;
    while (*lx->p && *lx->p != '"') {
      if (*lx->p == '\\' && lx->p[1]) lx->p++;
      if (*lx->p == '\n') lx->line++;
      lx->p++;
    }
    if (!*lx->p) {
      t.type = T_ERROR;
      return t;
    }
    lx->p++;
    t.type = T_STR;
    t.len = (uint32_t)(lx->p - t.start);
    return t;
  }
  lx->p++;
  char n = *lx->p;
  switch (c) {
  case '(': t.type = T_LPAREN; break;
  case ')': t.type = T_RPAREN; break;
  case '{': t.type = T_LBRACE; break;
  case '}': t.type = T_RBRACE; break;
  case '[': t.type = T_LBRACK; break;
  case ']': t.type = T_RBRACK; break;
  case ',': t.type = T_COMMA; break;
  case ';': t.type = T_SEMI; break;
  case ':': t.type = T_COLON; break;
  case '+': t.type = T_PLUS; break;
  case '-': t.type = T_MINUS; break;
  case '*': t.type = T_STAR; break;
  case '/': t.type = T_SLASH; break;
  case '%': t.type = T_PERCENT; break;
  case '.':
    t.type = n == '.' ? T_DOTDOT : T_ERROR;
    break;
  case '=': t.type = n == '=' ? T_EQ : T_ASSIGN; break;
  case '!': t.type = n == '=' ? T_NE : T_ERROR; break;
  case '<': t.type = n == '=' ? T_LE : T_LT; break;
  case '>': t.type = n == '=' ? T_GE : T_GT; break;
  default: t.type = T_ERROR; break;
  }
  if (t.type == T_DOTDOT || t.type == T_EQ || t.type == T_NE || t.type == T_LE || t.type == T_GE) {
    lx->p++;
    t.len = 2;
  }
  return t;
}

/* ------------------------------------------------------------------------ */
/* Syntax tree                                                               */
/* ------------------------------------------------------------------------ */

typedef enum {
  /* expressions */
  N_INT, N_STR, N_NIL, N_TRUE, N_FALSE, N_NAME, N_NEG, N_NOT, N_BINARY, N_AND, N_OR,
  N_CALL, N_INDEX, N_ARRAY, N_MAP, N_FUNC,
  /* statements */
  N_LET, N_FNDECL, N_ASSIGN, N_IF, N_WHILE, N_FOR, N_RETURN, N_BREAK, N_CONTINUE, N_BLOCK,
  N_EXPR,
} node_kind;

typedef enum { W_LOCAL, W_UPVAL, W_GLOBAL } var_where;

typedef struct var {
  const char *name;
  uint32_t len;
  uint32_t slot;
  int captured; /* some nested function refers to it: it lives in a box */
} var;

typedef struct fninfo fninfo;

typedef struct node {
  uint8_t kind;
  uint8_t op; /* N_BINARY: the token type */
  uint32_t line;
  int64_t ival;
  const char *str; /* N_STR: decoded text; names */
  uint32_t len;
  struct node *a, *b, *c;
  struct node **items; /* arguments, elements, statements, parameters */
  uint32_t nitems;
  /* filled in by the resolver */
  var *v;            /* a declared local (N_LET, N_FNDECL, N_FOR, parameters) */
  var *end_var;      /* N_FOR: the hidden upper bound */
  var *count_var;    /* N_FOR: the hidden counter */
  uint8_t where;     /* N_NAME, N_ASSIGN to a name, N_FNDECL */
  int32_t index;     /* slot, upvalue number or global index */
  fninfo *fn;        /* N_FUNC, N_FNDECL */
} node;

typedef struct {
  node **items;
  uint32_t n, cap;
} node_list;

typedef struct {
  lexer lx;
  token cur;
  arena *ar;
  int failed;
  char error[160];
} parser;

static void parse_error(parser *p, const char *msg) {
  if (p->failed) return;
  p->failed = 1;
  snprintf(p->error, sizeof p->error, "line %u: %s (at '%.*s')", p->cur.line, msg,
           (int)(p->cur.len > 20 ? 20 : p->cur.len), p->cur.start);
}

static void advance(parser *p) {
  p->cur = lex_next(&p->lx);
  if (p->cur.type == T_ERROR) parse_error(p, "unexpected character");
}

static int accept(parser *p, tok_type t) {
  if (p->cur.type != t) return 0;
  advance(p);
  return 1;
}

static void expect(parser *p, tok_type t, const char *what) {
  if (!accept(p, t)) parse_error(p, what);
}

static node *new_node(parser *p, node_kind kind) {
  node *n = arena_alloc(p->ar, sizeof(node));
  if (!n) {
    /* Rare enough in a benchmark that giving up beats NULL checks everywhere. */
    fprintf(stderr, "lang: out of memory\n");
    exit(1);
  }
  n->kind = (uint8_t)kind;
  n->line = p->cur.line;
  return n;
}

static void list_push(parser *p, node_list *l, node *n) {
  if (l->n == l->cap) {
    uint32_t cap = l->cap ? l->cap * 2 : 4;
    node **items = arena_alloc(p->ar, cap * (uint32_t)sizeof(node *));
    if (!items) {
      p->failed = 1;
      return;
    }
    if (l->n) memcpy(items, l->items, l->n * sizeof(node *));
    l->items = items;
    l->cap = cap;
  }
  l->items[l->n++] = n;
}

static void set_items(node *n, node_list *l) {
  n->items = l->items;
  n->nitems = l->n;
}

static node *parse_expr(parser *p);
static node *parse_block(parser *p);

/* Decodes a string literal's escapes into the arena. */
static void decode_string(parser *p, node *n, token t) {
  char *s = arena_alloc(p->ar, t.len);
  if (!s) {
    p->failed = 1;
    return;
  }
  uint32_t len = 0;
  for (uint32_t i = 1; i + 1 < t.len; i++) {
    char c = t.start[i];
    if (c == '\\') {
      c = t.start[++i];
      c = c == 'n' ? '\n' : c == 't' ? '\t' : c;
    }
    s[len++] = c;
  }
  n->str = s;
  n->len = len;
}

static node *parse_function(parser *p, node_kind kind) {
  node *fn = new_node(p, kind);
  if (kind == N_FNDECL) {
    if (p->cur.type != T_NAME) parse_error(p, "function name expected");
    fn->str = p->cur.start;
    fn->len = p->cur.len;
    advance(p);
  }
  expect(p, T_LPAREN, "'(' expected");
  node_list params = {0};
  if (p->cur.type != T_RPAREN) {
    do {
      if (p->cur.type != T_NAME) {
        parse_error(p, "parameter name expected");
        break;
      }
      node *param = new_node(p, N_NAME);
      param->str = p->cur.start;
      param->len = p->cur.len;
      list_push(p, &params, param);
      advance(p);
    } while (accept(p, T_COMMA));
  }
  expect(p, T_RPAREN, "')' expected");
  set_items(fn, &params);
  fn->a = parse_block(p);
  return fn;
}

static node *parse_primary(parser *p) {
  token t = p->cur;
  node *n;
  switch (t.type) {
  case T_INT:
    n = new_node(p, N_INT);
    n->ival = t.ival;
    advance(p);
    return n;
  case T_STR:
    n = new_node(p, N_STR);
    decode_string(p, n, t);
    advance(p);
    return n;
  case T_TRUE: advance(p); return new_node(p, N_TRUE);
  case T_FALSE: advance(p); return new_node(p, N_FALSE);
  case T_NIL: advance(p); return new_node(p, N_NIL);
  case T_NAME:
    n = new_node(p, N_NAME);
    n->str = t.start;
    n->len = t.len;
    advance(p);
    return n;
  case T_LPAREN:
    advance(p);
    n = parse_expr(p);
    expect(p, T_RPAREN, "')' expected");
    return n;
  case T_LBRACK: {
    n = new_node(p, N_ARRAY);
    advance(p);
    node_list l = {0};
    while (p->cur.type != T_RBRACK && !p->failed) {
      list_push(p, &l, parse_expr(p));
      if (!accept(p, T_COMMA)) break;
    }
    expect(p, T_RBRACK, "']' expected");
    set_items(n, &l);
    return n;
  }
  case T_LBRACE: {
    n = new_node(p, N_MAP);
    advance(p);
    node_list l = {0}; /* key, value, key, value, ... */
    while (p->cur.type != T_RBRACE && !p->failed) {
      list_push(p, &l, parse_expr(p));
      expect(p, T_COLON, "':' expected");
      list_push(p, &l, parse_expr(p));
      if (!accept(p, T_COMMA)) break;
    }
    expect(p, T_RBRACE, "'}' expected");
    set_items(n, &l);
    return n;
  }
  case T_FN: advance(p); return parse_function(p, N_FUNC);
  default:
    parse_error(p, "expression expected");
    advance(p);
    return new_node(p, N_NIL);
  }
}

static node *parse_postfix(parser *p) {
  node *n = parse_primary(p);
  for (;;) {
    if (p->cur.type == T_LPAREN) {
      node *call = new_node(p, N_CALL);
      advance(p);
      call->a = n;
      node_list args = {0};
      while (p->cur.type != T_RPAREN && !p->failed) {
        list_push(p, &args, parse_expr(p));
        if (!accept(p, T_COMMA)) break;
      }
      expect(p, T_RPAREN, "')' expected");
      set_items(call, &args);
      n = call;
    } else if (p->cur.type == T_LBRACK) {
      node *ix = new_node(p, N_INDEX);
      advance(p);
      ix->a = n;
      ix->b = parse_expr(p);
      expect(p, T_RBRACK, "']' expected");
      n = ix;
    } else {
      return n;
    }
  }
}

static node *parse_unary(parser *p) {
  if (p->cur.type == T_MINUS) {
    node *n = new_node(p, N_NEG);
    advance(p);
    n->a = parse_unary(p);
    return n;
  }
  return parse_postfix(p);
}

static node *binary(parser *p, tok_type op, node *a, node *b) {
  node *n = new_node(p, N_BINARY);
  n->op = (uint8_t)op;
  n->a = a;
  n->b = b;
  return n;
}

static node *parse_mul(parser *p) {
  node *n = parse_unary(p);
  while (p->cur.type == T_STAR || p->cur.type == T_SLASH || p->cur.type == T_PERCENT) {
    tok_type op = p->cur.type;
    advance(p);
    n = binary(p, op, n, parse_unary(p));
  }
  return n;
}

static node *parse_add(parser *p) {
  node *n = parse_mul(p);
  while (p->cur.type == T_PLUS || p->cur.type == T_MINUS) {
    tok_type op = p->cur.type;
    advance(p);
    n = binary(p, op, n, parse_mul(p));
  }
  return n;
}

static node *parse_compare(parser *p) {
  node *n = parse_add(p);
  while (p->cur.type >= T_EQ && p->cur.type <= T_GE) {
    tok_type op = p->cur.type;
    advance(p);
    n = binary(p, op, n, parse_add(p));
  }
  return n;
}

static node *parse_not(parser *p) {
  if (p->cur.type == T_NOT) {
    node *n = new_node(p, N_NOT);
    advance(p);
    n->a = parse_not(p);
    return n;
  }
  return parse_compare(p);
}

static node *parse_and(parser *p) {
  node *n = parse_not(p);
  while (p->cur.type == T_AND) {
    node *a = new_node(p, N_AND);
    advance(p);
    a->a = n;
    a->b = parse_not(p);
    n = a;
  }
  return n;
}

static node *parse_expr(parser *p) {
  node *n = parse_and(p);
  while (p->cur.type == T_OR) {
    node *o = new_node(p, N_OR);
    advance(p);
    o->a = n;
    o->b = parse_and(p);
    n = o;
  }
  return n;
}

static node *parse_statement(parser *p);

static node *parse_block(parser *p) {
  node *b = new_node(p, N_BLOCK);
  expect(p, T_LBRACE, "'{' expected");
  node_list l = {0};
  while (p->cur.type != T_RBRACE && p->cur.type != T_EOF && !p->failed)
    list_push(p, &l, parse_statement(p));
  expect(p, T_RBRACE, "'}' expected");
  set_items(b, &l);
  return b;
}

static node *parse_statement(parser *p) {
  node *n;
  switch (p->cur.type) {
  case T_LET:
    n = new_node(p, N_LET);
    advance(p);
    if (p->cur.type != T_NAME) parse_error(p, "variable name expected");
    n->str = p->cur.start;
    n->len = p->cur.len;
    advance(p);
    expect(p, T_ASSIGN, "'=' expected");
    n->a = parse_expr(p);
    expect(p, T_SEMI, "';' expected");
    return n;
  case T_FN:
    advance(p);
    return parse_function(p, N_FNDECL);
  case T_IF:
    n = new_node(p, N_IF);
    advance(p);
    n->a = parse_expr(p);
    n->b = parse_block(p);
    if (accept(p, T_ELSE)) n->c = p->cur.type == T_IF ? parse_statement(p) : parse_block(p);
    return n;
  case T_WHILE:
    n = new_node(p, N_WHILE);
    advance(p);
    n->a = parse_expr(p);
    n->b = parse_block(p);
    return n;
  case T_FOR:
    n = new_node(p, N_FOR);
    advance(p);
    if (p->cur.type != T_NAME) parse_error(p, "loop variable expected");
    n->str = p->cur.start;
    n->len = p->cur.len;
    advance(p);
    expect(p, T_IN, "'in' expected");
    n->a = parse_expr(p);
    expect(p, T_DOTDOT, "'..' expected");
    n->b = parse_expr(p);
    n->c = parse_block(p);
    return n;
  case T_RETURN:
    n = new_node(p, N_RETURN);
    advance(p);
    if (p->cur.type != T_SEMI) n->a = parse_expr(p);
    expect(p, T_SEMI, "';' expected");
    return n;
  case T_BREAK:
  case T_CONTINUE:
    n = new_node(p, p->cur.type == T_BREAK ? N_BREAK : N_CONTINUE);
    advance(p);
    expect(p, T_SEMI, "';' expected");
    return n;
  case T_LBRACE: return parse_block(p);
  default: {
    node *e = parse_expr(p);
    if (accept(p, T_ASSIGN)) {
      if (e->kind != N_NAME && e->kind != N_INDEX) parse_error(p, "cannot assign to this");
      n = new_node(p, N_ASSIGN);
      n->a = e;
      n->b = parse_expr(p);
    } else {
      n = new_node(p, N_EXPR);
      n->a = e;
    }
    expect(p, T_SEMI, "';' expected");
    return n;
  }
  }
}

/* The whole script is the body of an implicit function. */
static node *parse_program(parser *p) {
  node *fn = new_node(p, N_FUNC);
  node *body = new_node(p, N_BLOCK);
  node_list l = {0};
  while (p->cur.type != T_EOF && !p->failed) list_push(p, &l, parse_statement(p));
  set_items(body, &l);
  fn->a = body;
  return fn;
}

/* ------------------------------------------------------------------------ */
/* Resolver: scopes, slots, captured variables, upvalues, globals           */
/* ------------------------------------------------------------------------ */

enum { MAX_LOCALS = 250, MAX_UPVALS = 250 };

typedef struct {
  uint8_t from_local; /* capture the enclosing function's slot, else its upvalue */
  uint16_t index;
  var *target;
} upval_desc;

struct fninfo {
  fninfo *parent;
  var *locals[MAX_LOCALS]; /* visible locals, innermost last */
  uint32_t nlocals;
  uint32_t nslots, max_slots;
  uint32_t block_depth;
  upval_desc up[MAX_UPVALS];
  uint32_t nup;
  uint32_t nparams;
  int is_script;
};

typedef struct {
  vm *m;
  arena *ar;
  int failed;
  char error[160];
} resolver;

static void resolve_error(resolver *r, const node *n, const char *msg, const char *name, uint32_t len) {
  if (r->failed) return;
  r->failed = 1;
  snprintf(r->error, sizeof r->error, "line %u: %s '%.*s'", n->line, msg, (int)len, name);
}

static var *declare(resolver *r, fninfo *f, const node *at, const char *name, uint32_t len) {
  if (f->nlocals == MAX_LOCALS) {
    resolve_error(r, at, "too many local variables at", name, len);
    return NULL;
  }
  var *v = arena_alloc(r->ar, sizeof(var));
  if (!v) {
    r->failed = 1;
    return NULL;
  }
  v->name = name;
  v->len = len;
  v->slot = f->nslots++;
  if (f->nslots > f->max_slots) f->max_slots = f->nslots;
  f->locals[f->nlocals++] = v;
  return v;
}

static var *find_local(fninfo *f, const char *name, uint32_t len) {
  for (uint32_t i = f->nlocals; i-- > 0;)
    if (f->locals[i]->len == len && memcmp(f->locals[i]->name, name, len) == 0) return f->locals[i];
  return NULL;
}

static int32_t add_upval(resolver *r, fninfo *f, const node *at, var *target, int from_local,
                         uint32_t index) {
  for (uint32_t i = 0; i < f->nup; i++)
    if (f->up[i].target == target) return (int32_t)i;
  if (f->nup == MAX_UPVALS) {
    resolve_error(r, at, "too many captured variables at", target->name, target->len);
    return -1;
  }
  f->up[f->nup].from_local = (uint8_t)from_local;
  f->up[f->nup].index = (uint16_t)index;
  f->up[f->nup].target = target;
  return (int32_t)f->nup++;
}

/* Finds name in the enclosing functions; marks it captured and threads an
   upvalue through every function in between. -1 if not found. */
static int32_t resolve_upval(resolver *r, fninfo *f, const node *at, const char *name, uint32_t len) {
  if (!f->parent) return -1;
  var *v = find_local(f->parent, name, len);
  if (v) {
    v->captured = 1;
    return add_upval(r, f, at, v, 1, v->slot);
  }
  int32_t outer = resolve_upval(r, f->parent, at, name, len);
  if (outer < 0) return -1;
  return add_upval(r, f, at, f->parent->up[outer].target, 0, (uint32_t)outer);
}

/* Top-level declarations outside any block are globals. */
static int at_global_scope(const fninfo *f) { return f->is_script && f->block_depth == 1; }

static void resolve_name(resolver *r, fninfo *f, node *n) {
  var *v = find_local(f, n->str, n->len);
  if (v) {
    n->where = W_LOCAL;
    n->v = v;
    n->index = (int32_t)v->slot;
    return;
  }
  int32_t u = resolve_upval(r, f, n, n->str, n->len);
  if (u >= 0) {
    n->where = W_UPVAL;
    n->index = u;
    return;
  }
  int32_t g = global_index(r->m, n->str, n->len);
  if (g < 0) r->failed = 1;
  n->where = W_GLOBAL;
  n->index = g;
}

static void resolve(resolver *r, fninfo *f, node *n);

static fninfo *resolve_function(resolver *r, fninfo *parent, node *fn) {
  fninfo *f = arena_alloc(r->ar, sizeof(fninfo));
  if (!f) {
    r->failed = 1;
    return NULL;
  }
  f->parent = parent;
  f->is_script = parent == NULL;
  f->nparams = fn->nitems;
  for (uint32_t i = 0; i < fn->nitems; i++) {
    node *param = fn->items[i];
    param->v = declare(r, f, param, param->str, param->len);
  }
  fn->fn = f;
  resolve(r, f, fn->a);
  return f;
}

static void resolve(resolver *r, fninfo *f, node *n) {
  if (!n || r->failed) return;
  switch ((node_kind)n->kind) {
  case N_INT: case N_STR: case N_NIL: case N_TRUE: case N_FALSE: case N_BREAK: case N_CONTINUE:
    break;
  case N_NAME: resolve_name(r, f, n); break;
  case N_NEG: case N_NOT: case N_EXPR: case N_RETURN: resolve(r, f, n->a); break;
  case N_BINARY: case N_AND: case N_OR: case N_INDEX: case N_WHILE:
    resolve(r, f, n->a);
    resolve(r, f, n->b);
    break;
  case N_ASSIGN:
    resolve(r, f, n->b);
    resolve(r, f, n->a);
    break;
  case N_IF:
    resolve(r, f, n->a);
    resolve(r, f, n->b);
    resolve(r, f, n->c);
    break;
  case N_CALL:
    resolve(r, f, n->a);
    /* fallthrough */
  case N_ARRAY: case N_MAP:
    for (uint32_t i = 0; i < n->nitems; i++) resolve(r, f, n->items[i]);
    break;
  case N_FUNC: resolve_function(r, f, n); break;
  case N_LET:
    /* The initializer cannot see the variable it initializes. */
    resolve(r, f, n->a);
    if (at_global_scope(f)) {
      n->where = W_GLOBAL;
      n->index = global_index(r->m, n->str, n->len);
      if (n->index < 0) r->failed = 1;
    } else {
      n->where = W_LOCAL;
      n->v = declare(r, f, n, n->str, n->len);
    }
    break;
  case N_FNDECL:
    /* Declared before its body so it can call itself. */
    if (at_global_scope(f)) {
      n->where = W_GLOBAL;
      n->index = global_index(r->m, n->str, n->len);
      if (n->index < 0) r->failed = 1;
    } else {
      n->where = W_LOCAL;
      n->v = declare(r, f, n, n->str, n->len);
    }
    resolve_function(r, f, n);
    break;
  case N_FOR: {
    resolve(r, f, n->a);
    resolve(r, f, n->b);
    uint32_t saved_locals = f->nlocals, saved_slots = f->nslots;
    f->block_depth++;
    /* Unnamed, so nothing in the body can refer to them. */
    n->count_var = declare(r, f, n, "", 0);
    n->end_var = declare(r, f, n, "", 0);
    n->v = declare(r, f, n, n->str, n->len);
    resolve(r, f, n->c);
    f->block_depth--;
    f->nlocals = saved_locals;
    f->nslots = saved_slots;
    break;
  }
  case N_BLOCK: {
    uint32_t saved_locals = f->nlocals, saved_slots = f->nslots;
    f->block_depth++;
    for (uint32_t i = 0; i < n->nitems; i++) resolve(r, f, n->items[i]);
    f->block_depth--;
    /* Slots of the block's variables are free again for later blocks. */
    f->nlocals = saved_locals;
    f->nslots = saved_slots;
    break;
  }
  }
}

/* ------------------------------------------------------------------------ */
/* Bytecode                                                                  */
/* ------------------------------------------------------------------------ */

/* Operands: u16 are two bytes, little-endian. Stack effect in comments. */
typedef enum {
  OP_CONST,    /* u16 constant               -> v */
  OP_NIL, OP_TRUE, OP_FALSE,
  OP_POP,      /* v -> */
  OP_GETL,     /* u16 slot                   -> v */
  OP_SETL,     /* u16 slot                v  -> */
  OP_GETB,     /* u16 slot holding a box     -> v */
  OP_SETB,     /* u16 slot holding a box  v  -> */
  OP_BOX,      /* v -> box(v) */
  OP_GETU,     /* u16 upvalue                -> v */
  OP_SETU,     /* u16 upvalue             v  -> */
  OP_GETG,     /* u16 global                 -> v */
  OP_SETG,     /* u16 global              v  -> */
  OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, /* a b -> a op b */
  OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
  OP_NEG, OP_NOT, /* v -> op v */
  OP_JMP,      /* u16 target */
  OP_JF,       /* u16 target; v ->           jump if v is falsy */
  OP_JFK,      /* u16 target; v -> v (jump) or -> (fall through): `and` */
  OP_JTK,      /* u16 target; likewise for truthy values: `or` */
  OP_LOOPLT,   /* u16 slot i, u16 slot end, u16 target: jump if not (i < end) */
  OP_INCL,     /* u16 slot: slot += 1 (ints) */
  OP_CALL,     /* u8 nargs; f args... -> result */
  OP_RET,      /* v -> (returns v) */
  OP_CLOSURE,  /* u16 proto constant, u8 n, n x (u8 from_local, u16 index) -> closure */
  OP_ARRAY,    /* u16 n; v1..vn -> array */
  OP_MAP,      /* u16 n; k1 v1 .. kn vn -> map */
  OP_INDEX,    /* container key -> value */
  OP_SETINDEX, /* container key value -> */
} opcode;

typedef struct loop_ctx {
  struct loop_ctx *outer;
  uint32_t continue_target; /* 0 = not yet known: patch the jumps later */
  uint32_t breaks[64], nbreaks;
  uint32_t continues[64], ncontinues;
} loop_ctx;

typedef struct {
  vm *m;
  oproto *proto;
  fninfo *fn;
  loop_ctx *loop;
  uint32_t line;
  int failed;
  char error[160];
} compiler;

static void compile_error(compiler *c, const char *msg) {
  if (c->failed) return;
  c->failed = 1;
  snprintf(c->error, sizeof c->error, "line %u: %s", c->line, msg);
}

static void emit(compiler *c, uint8_t b) {
  oproto *p = c->proto;
  if (p->ncode == p->capcode) {
    uint32_t cap = p->capcode ? p->capcode * 2 : 256;
    uint8_t *code = realloc(p->code, cap);
    uint32_t *lines = code ? realloc(p->lines, cap * sizeof *lines) : NULL;
    if (code) p->code = code;
    if (!code || !lines) {
      compile_error(c, "out of memory");
      return;
    }
    p->lines = lines;
    c->m->bytes += (uint64_t)(cap - p->capcode) * (1 + sizeof *lines);
    p->capcode = cap;
  }
  p->lines[p->ncode] = c->line;
  p->code[p->ncode++] = b;
}

static void emit16(compiler *c, uint32_t v) {
  if (v > 0xffff) compile_error(c, "function too large");
  emit(c, (uint8_t)v);
  emit(c, (uint8_t)(v >> 8));
}

static void emit_op16(compiler *c, opcode op, uint32_t v) {
  emit(c, (uint8_t)op);
  emit16(c, v);
}

/* Emits a jump with a placeholder target; returns where to patch. */
static uint32_t emit_jump(compiler *c, opcode op) {
  emit(c, (uint8_t)op);
  uint32_t at = c->proto->ncode;
  emit16(c, 0);
  return at;
}

static void patch(compiler *c, uint32_t at, uint32_t target) {
  if (c->failed) return;
  if (target > 0xffff) {
    compile_error(c, "function too large");
    return;
  }
  c->proto->code[at] = (uint8_t)target;
  c->proto->code[at + 1] = (uint8_t)(target >> 8);
}

static uint32_t add_const(compiler *c, value v) {
  oproto *p = c->proto;
  for (uint32_t i = 0; i < p->nconsts; i++) {
    value k = p->consts[i];
    if (k.type == v.type && (v.type != V_OBJ ? k.as.i == v.as.i
                                              : (is_obj(v, O_STRING) && is_obj(k, O_STRING) &&
                                                 keys_equal(k, v))))
      return i;
  }
  if (p->nconsts == p->capconsts) {
    uint32_t cap = p->capconsts ? p->capconsts * 2 : 16;
    value *consts = realloc(p->consts, cap * sizeof *consts);
    if (!consts) {
      compile_error(c, "out of memory");
      return 0;
    }
    c->m->bytes += (uint64_t)(cap - p->capconsts) * sizeof *consts;
    p->consts = consts;
    p->capconsts = cap;
  }
  p->consts[p->nconsts] = v;
  return p->nconsts++;
}

static void compile_expr(compiler *c, node *n);
static void compile_stmt(compiler *c, node *n);
static oproto *compile_function(compiler *outer, node *fn, const char *name, uint32_t len);

/* Pushes the value of a resolved name. */
static void load_var(compiler *c, uint8_t where, int32_t index, var *v) {
  if (where == W_LOCAL)
    emit_op16(c, v->captured ? OP_GETB : OP_GETL, (uint32_t)index);
  else if (where == W_UPVAL)
    emit_op16(c, OP_GETU, (uint32_t)index);
  else
    emit_op16(c, OP_GETG, (uint32_t)index);
}

/* Pops the top of the stack into a resolved name. */
static void store_var(compiler *c, uint8_t where, int32_t index, var *v) {
  if (where == W_LOCAL)
    emit_op16(c, v->captured ? OP_SETB : OP_SETL, (uint32_t)index);
  else if (where == W_UPVAL)
    emit_op16(c, OP_SETU, (uint32_t)index);
  else
    emit_op16(c, OP_SETG, (uint32_t)index);
}

/* Stores a fresh local's initial value (on the stack), boxing it if captured. */
static void init_local(compiler *c, var *v) {
  if (v->captured) emit(c, OP_BOX);
  emit_op16(c, OP_SETL, v->slot);
}

static void emit_closure(compiler *c, node *fn, const char *name, uint32_t len) {
  oproto *p = compile_function(c, fn, name, len);
  if (!p) return;
  uint32_t k = add_const(c, v_obj(p));
  fninfo *f = fn->fn;
  emit_op16(c, OP_CLOSURE, k);
  emit(c, (uint8_t)f->nup);
  for (uint32_t i = 0; i < f->nup; i++) {
    emit(c, f->up[i].from_local);
    emit16(c, f->up[i].index);
  }
}

static opcode binary_op(uint8_t tok) {
  switch ((tok_type)tok) {
  case T_PLUS: return OP_ADD;
  case T_MINUS: return OP_SUB;
  case T_STAR: return OP_MUL;
  case T_SLASH: return OP_DIV;
  case T_PERCENT: return OP_MOD;
  case T_EQ: return OP_EQ;
  case T_NE: return OP_NE;
  case T_LT: return OP_LT;
  case T_LE: return OP_LE;
  case T_GT: return OP_GT;
  default: return OP_GE;
  }
}

static void compile_expr(compiler *c, node *n) {
  if (c->failed) return;
  c->line = n->line;
  switch ((node_kind)n->kind) {
  case N_INT:
    emit_op16(c, OP_CONST, add_const(c, v_int(n->ival)));
    break;
  case N_STR: {
    ostring *s = new_string(c->m, n->str, n->len);
    if (!s) {
      compile_error(c, "out of memory");
      return;
    }
    emit_op16(c, OP_CONST, add_const(c, v_obj(s)));
    break;
  }
  case N_NIL: emit(c, OP_NIL); break;
  case N_TRUE: emit(c, OP_TRUE); break;
  case N_FALSE: emit(c, OP_FALSE); break;
  case N_NAME: load_var(c, n->where, n->index, n->v); break;
  case N_NEG:
    compile_expr(c, n->a);
    emit(c, OP_NEG);
    break;
  case N_NOT:
    compile_expr(c, n->a);
    emit(c, OP_NOT);
    break;
  case N_BINARY:
    compile_expr(c, n->a);
    compile_expr(c, n->b);
    c->line = n->line;
    emit(c, (uint8_t)binary_op(n->op));
    break;
  case N_AND:
  case N_OR: {
    compile_expr(c, n->a);
    uint32_t j = emit_jump(c, n->kind == N_AND ? OP_JFK : OP_JTK);
    compile_expr(c, n->b);
    patch(c, j, c->proto->ncode);
    break;
  }
  case N_CALL:
    compile_expr(c, n->a);
    if (n->nitems > 255) compile_error(c, "too many arguments");
    for (uint32_t i = 0; i < n->nitems; i++) compile_expr(c, n->items[i]);
    c->line = n->line;
    emit(c, OP_CALL);
    emit(c, (uint8_t)n->nitems);
    break;
  case N_INDEX:
    compile_expr(c, n->a);
    compile_expr(c, n->b);
    c->line = n->line;
    emit(c, OP_INDEX);
    break;
  case N_ARRAY:
    for (uint32_t i = 0; i < n->nitems; i++) compile_expr(c, n->items[i]);
    emit_op16(c, OP_ARRAY, n->nitems);
    break;
  case N_MAP:
    for (uint32_t i = 0; i < n->nitems; i++) compile_expr(c, n->items[i]);
    emit_op16(c, OP_MAP, n->nitems / 2);
    break;
  case N_FUNC: emit_closure(c, n, "<anonymous>", 11); break;
  default: compile_error(c, "not an expression"); break;
  }
}

static void compile_loop_body(compiler *c, loop_ctx *lp, node *body) {
  lp->outer = c->loop;
  c->loop = lp;
  compile_stmt(c, body);
  c->loop = lp->outer;
}

static void finish_loop(compiler *c, loop_ctx *lp, uint32_t end) {
  for (uint32_t i = 0; i < lp->nbreaks; i++) patch(c, lp->breaks[i], end);
  for (uint32_t i = 0; i < lp->ncontinues; i++) patch(c, lp->continues[i], lp->continue_target);
}

static void compile_stmt(compiler *c, node *n) {
  if (c->failed || !n) return;
  c->line = n->line;
  switch ((node_kind)n->kind) {
  case N_EXPR:
    compile_expr(c, n->a);
    emit(c, OP_POP);
    break;
  case N_LET:
    compile_expr(c, n->a);
    if (n->where == W_GLOBAL)
      emit_op16(c, OP_SETG, (uint32_t)n->index);
    else
      init_local(c, n->v);
    break;
  case N_FNDECL:
    if (n->where == W_GLOBAL) {
      emit_closure(c, n, n->str, n->len);
      emit_op16(c, OP_SETG, (uint32_t)n->index);
    } else if (n->v->captured) {
      /* The box must exist before the closure captures it. */
      emit(c, OP_NIL);
      init_local(c, n->v);
      emit_closure(c, n, n->str, n->len);
      emit_op16(c, OP_SETB, n->v->slot);
    } else {
      emit_closure(c, n, n->str, n->len);
      emit_op16(c, OP_SETL, n->v->slot);
    }
    break;
  case N_ASSIGN: {
    node *target = n->a;
    if (target->kind == N_NAME) {
      compile_expr(c, n->b);
      store_var(c, target->where, target->index, target->v);
    } else {
      compile_expr(c, target->a);
      compile_expr(c, target->b);
      compile_expr(c, n->b);
      c->line = n->line;
      emit(c, OP_SETINDEX);
    }
    break;
  }
  case N_IF: {
    compile_expr(c, n->a);
    uint32_t jf = emit_jump(c, OP_JF);
    compile_stmt(c, n->b);
    if (n->c) {
      uint32_t jend = emit_jump(c, OP_JMP);
      patch(c, jf, c->proto->ncode);
      compile_stmt(c, n->c);
      patch(c, jend, c->proto->ncode);
    } else {
      patch(c, jf, c->proto->ncode);
    }
    break;
  }
  case N_WHILE: {
    loop_ctx lp;
    memset(&lp, 0, sizeof lp);
    uint32_t top = c->proto->ncode;
    lp.continue_target = top;
    compile_expr(c, n->a);
    uint32_t jf = emit_jump(c, OP_JF);
    compile_loop_body(c, &lp, n->b);
    emit_op16(c, OP_JMP, top);
    patch(c, jf, c->proto->ncode);
    finish_loop(c, &lp, c->proto->ncode);
    break;
  }
  case N_FOR: {
    /* for i in a..b { body }  =>  count = a; end = b;
       top: if not (count < end) goto done; i = count; body;
       continue: count += 1; goto top; done:
       The counter is hidden, so the body may change i freely, and a
       captured i gets a fresh box in every iteration. */
    var *cv = n->count_var, *ev = n->end_var;
    compile_expr(c, n->a);
    emit_op16(c, OP_SETL, cv->slot);
    compile_expr(c, n->b);
    emit_op16(c, OP_SETL, ev->slot);
    loop_ctx lp;
    memset(&lp, 0, sizeof lp);
    uint32_t top = c->proto->ncode;
    emit(c, OP_LOOPLT);
    emit16(c, cv->slot);
    emit16(c, ev->slot);
    uint32_t exit_at = c->proto->ncode;
    emit16(c, 0);
    emit_op16(c, OP_GETL, cv->slot);
    init_local(c, n->v);
    compile_loop_body(c, &lp, n->c);
    lp.continue_target = c->proto->ncode;
    emit_op16(c, OP_INCL, cv->slot);
    emit_op16(c, OP_JMP, top);
    patch(c, exit_at, c->proto->ncode);
    finish_loop(c, &lp, c->proto->ncode);
    break;
  }
  case N_RETURN:
    if (n->a)
      compile_expr(c, n->a);
    else
      emit(c, OP_NIL);
    emit(c, OP_RET);
    break;
  case N_BREAK:
  case N_CONTINUE: {
    loop_ctx *lp = c->loop;
    if (!lp) {
      compile_error(c, n->kind == N_BREAK ? "break outside a loop" : "continue outside a loop");
      return;
    }
    uint32_t *list = n->kind == N_BREAK ? lp->breaks : lp->continues;
    uint32_t *count = n->kind == N_BREAK ? &lp->nbreaks : &lp->ncontinues;
    if (*count == 64) {
      compile_error(c, "too many jumps out of one loop");
      return;
    }
    list[(*count)++] = emit_jump(c, OP_JMP);
    break;
  }
  case N_BLOCK:
    for (uint32_t i = 0; i < n->nitems; i++) compile_stmt(c, n->items[i]);
    break;
  default: compile_error(c, "not a statement"); break;
  }
}

static oproto *compile_function(compiler *outer, node *fn, const char *name, uint32_t len) {
  vm *m = outer->m;
  compiler c;
  memset(&c, 0, sizeof c);
  c.m = m;
  c.fn = fn->fn;
  c.line = fn->line;
  c.proto = (oproto *)vm_new_obj(m, O_PROTO, sizeof(oproto), 0);
  if (!c.proto) {
    compile_error(&c, "out of memory");
    goto done;
  }
  c.proto->name = new_string(m, name, len);
  c.proto->nparams = c.fn->nparams;
  c.proto->nslots = c.fn->max_slots;
  /* Captured parameters move into boxes on entry. */
  for (uint32_t i = 0; i < fn->nitems; i++) {
    var *v = fn->items[i]->v;
    if (v && v->captured) {
      emit_op16(&c, OP_GETL, v->slot);
      init_local(&c, v);
    }
  }
  compile_stmt(&c, fn->a);
  emit(&c, OP_NIL);
  emit(&c, OP_RET);
done:
  if (c.failed) {
    if (!outer->failed) {
      outer->failed = 1;
      memcpy(outer->error, c.error, sizeof c.error);
    }
    return NULL;
  }
  return c.proto;
}

/* Parses, resolves and compiles source; NULL with m->error set on failure. */
static oclosure *compile_source(vm *m, const char *source) {
  arena ar = {0};
  parser p;
  memset(&p, 0, sizeof p);
  p.lx.p = source;
  p.lx.line = 1;
  p.ar = &ar;
  oclosure *result = NULL;
  m->gc_off = 1;
  advance(&p);
  node *prog = parse_program(&p);
  if (p.failed || ar.failed) {
    vm_errorf(m, "syntax error", p.failed ? p.error : "out of memory");
    goto done;
  }
  resolver r = {m, &ar, 0, {0}};
  fninfo *top = resolve_function(&r, NULL, prog);
  if (r.failed || !top) {
    vm_errorf(m, "error", r.failed && r.error[0] ? r.error : "out of memory");
    goto done;
  }
  /* The script's own top-level block counts as depth 1 (see at_global_scope). */
  compiler root;
  memset(&root, 0, sizeof root);
  root.m = m;
  oproto *proto = compile_function(&root, prog, "<script>", 8);
  if (!proto) {
    vm_errorf(m, "compile error", root.error);
    goto done;
  }
  result = (oclosure *)vm_new_obj(m, O_CLOSURE, sizeof(oclosure), 0);
  if (result) result->proto = proto;
done:
  m->gc_off = 0;
  arena_free(&ar);
  return result;
}

/* ------------------------------------------------------------------------ */
/* Value helpers for the VM and the built-in functions                     */
/* ------------------------------------------------------------------------ */

static const char *type_name(value v) {
  switch (v.type) {
  case V_NIL: return "nil";
  case V_BOOL: return "bool";
  case V_INT: return "int";
  default: break;
  }
  switch ((obj_type)v.as.o->type) {
  case O_STRING: return "string";
  case O_ARRAY: return "array";
  case O_MAP: return "map";
  case O_CLOSURE:
  case O_NATIVE: return "function";
  default: return "internal";
  }
}

static int values_equal(value a, value b) {
  if (a.type != b.type) return 0;
  if (a.type != V_OBJ) return a.as.i == b.as.i;
  if (is_obj(a, O_STRING) && is_obj(b, O_STRING)) return keys_equal(a, b);
  return a.as.o == b.as.o;
}

/* Decimal text of an integer, without printf. Returns the length. */
static uint32_t format_int(int64_t v, char *buf) {
  char t[24];
  uint32_t n = 0;
  uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
  do {
    t[n++] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  uint32_t len = 0;
  if (v < 0) buf[len++] = '-';
  while (n) buf[len++] = t[--n];
  return len;
}

/* Appends a printable form of v (strings unquoted at the top level). */
static void append_value(vm *m, value v, int quote, uint32_t depth) {
  char buf[24];
  switch (v.type) {
  case V_NIL: text_append(m, "nil", 3); return;
  case V_BOOL: v.as.i ? text_append(m, "true", 4) : text_append(m, "false", 5); return;
  case V_INT: text_append(m, buf, format_int(v.as.i, buf)); return;
  default: break;
  }
  if (depth > 8) {
    text_append(m, "...", 3);
    return;
  }
  switch ((obj_type)v.as.o->type) {
  case O_STRING: {
    ostring *s = (ostring *)v.as.o;
    if (quote) text_append(m, "\"", 1);
    text_append(m, s->chars, s->len);
    if (quote) text_append(m, "\"", 1);
    return;
  }
  case O_ARRAY: {
    oarray *a = (oarray *)v.as.o;
    text_append(m, "[", 1);
    for (uint32_t i = 0; i < a->len; i++) {
      if (i) text_append(m, ", ", 2);
      append_value(m, a->items[i], 1, depth + 1);
    }
    text_append(m, "]", 1);
    return;
  }
  case O_MAP: {
    omap *mp = (omap *)v.as.o;
    text_append(m, "{", 1);
    uint32_t k = 0;
    for (uint32_t i = 0; i < mp->cap; i++) {
      if (mp->entries[i].key.type == V_NIL) continue;
      if (k++) text_append(m, ", ", 2);
      append_value(m, mp->entries[i].key, 1, depth + 1);
      text_append(m, ": ", 2);
      append_value(m, mp->entries[i].val, 1, depth + 1);
    }
    text_append(m, "}", 1);
    return;
  }
  default: text_append(m, "<function>", 10); return;
  }
}

/* ------------------------------------------------------------------------ */
/* Built-in functions                                                        */
/* ------------------------------------------------------------------------ */

static int arg_error(vm *m, const char *fn, const char *want, value got) {
  snprintf(m->error, sizeof m->error, "%s: expected %s, got %s", fn, want, type_name(got));
  return 0;
}

static int nat_print(vm *m, value *args, uint32_t n, value *result) {
  for (uint32_t i = 0; i < n; i++) {
    if (i) text_append(m, " ", 1);
    append_value(m, args[i], 0, 0);
  }
  text_append(m, "\n", 1);
  *result = v_nil();
  return 1;
}

static int nat_len(vm *m, value *args, uint32_t n, value *result) {
  (void)n;
  value v = args[0];
  if (is_obj(v, O_STRING))
    *result = v_int(((ostring *)v.as.o)->len);
  else if (is_obj(v, O_ARRAY))
    *result = v_int(((oarray *)v.as.o)->len);
  else if (is_obj(v, O_MAP))
    *result = v_int(((omap *)v.as.o)->count);
  else
    return arg_error(m, "len", "string, array or map", v);
  return 1;
}

static int nat_push(vm *m, value *args, uint32_t n, value *result) {
  (void)n;
  if (!is_obj(args[0], O_ARRAY)) return arg_error(m, "push", "array", args[0]);
  if (!array_push(m, (oarray *)args[0].as.o, args[1])) {
    vm_errorf(m, "out of memory", NULL);
    return 0;
  }
  *result = v_nil();
  return 1;
}

static int nat_pop(vm *m, value *args, uint32_t n, value *result) {
  (void)n;
  if (!is_obj(args[0], O_ARRAY)) return arg_error(m, "pop", "array", args[0]);
  oarray *a = (oarray *)args[0].as.o;
  if (!a->len) {
    vm_errorf(m, "pop", "empty array");
    return 0;
  }
  *result = a->items[--a->len];
  return 1;
}

static int nat_str(vm *m, value *args, uint32_t n, value *result) {
  (void)n;
  if (is_obj(args[0], O_STRING)) {
    *result = args[0];
    return 1;
  }
  /* Format into the output buffer's tail, then take it back out. */
  uint32_t mark = m->out.len;
  append_value(m, args[0], 1, 0);
  if (m->failed) return 0;
  ostring *s = new_string(m, m->out.data + mark, m->out.len - mark);
  m->out.len = mark;
  if (!s) return 0;
  *result = v_obj(s);
  return 1;
}

static int nat_substr(vm *m, value *args, uint32_t n, value *result) {
  (void)n;
  if (!is_obj(args[0], O_STRING)) return arg_error(m, "substr", "string", args[0]);
  if (args[1].type != V_INT || args[2].type != V_INT)
    return arg_error(m, "substr", "int", args[1].type != V_INT ? args[1] : args[2]);
  ostring *s = (ostring *)args[0].as.o;
  int64_t start = args[1].as.i, len = args[2].as.i;
  if (start < 0) start = 0;
  if (start > s->len) start = s->len;
  if (len < 0) len = 0;
  if (len > s->len - start) len = s->len - start;
  ostring *r = new_string(m, s->chars + start, (uint32_t)len);
  if (!r) return 0;
  *result = v_obj(r);
  return 1;
}

static int nat_code(vm *m, value *args, uint32_t n, value *result) {
  (void)n;
  if (!is_obj(args[0], O_STRING)) return arg_error(m, "code", "string", args[0]);
  if (args[1].type != V_INT) return arg_error(m, "code", "int", args[1]);
  ostring *s = (ostring *)args[0].as.o;
  int64_t i = args[1].as.i;
  *result = i >= 0 && i < s->len ? v_int((uint8_t)s->chars[i]) : v_nil();
  return 1;
}

static int nat_chr(vm *m, value *args, uint32_t n, value *result) {
  (void)n;
  if (args[0].type != V_INT) return arg_error(m, "chr", "int", args[0]);
  char c = (char)(args[0].as.i & 0xff);
  ostring *s = new_string(m, &c, 1);
  if (!s) return 0;
  *result = v_obj(s);
  return 1;
}

static int nat_has(vm *m, value *args, uint32_t n, value *result) {
  (void)n;
  if (!is_obj(args[0], O_MAP)) return arg_error(m, "has", "map", args[0]);
  value dummy;
  *result = v_bool(valid_key(args[1]) && map_get((omap *)args[0].as.o, args[1], &dummy));
  return 1;
}

static int nat_del(vm *m, value *args, uint32_t n, value *result) {
  (void)n;
  if (!is_obj(args[0], O_MAP)) return arg_error(m, "del", "map", args[0]);
  *result = v_bool(valid_key(args[1]) && map_delete((omap *)args[0].as.o, args[1]));
  return 1;
}

static int nat_keys(vm *m, value *args, uint32_t n, value *result) {
  (void)n;
  if (!is_obj(args[0], O_MAP)) return arg_error(m, "keys", "map", args[0]);
  omap *mp = (omap *)args[0].as.o;
  oarray *a = new_array(m, mp->count);
  if (!a) return 0;
  for (uint32_t i = 0; i < mp->cap; i++)
    if (mp->entries[i].key.type != V_NIL) a->items[a->len++] = mp->entries[i].key;
  *result = v_obj(a);
  return 1;
}

static int nat_join(vm *m, value *args, uint32_t n, value *result) {
  (void)n;
  if (!is_obj(args[0], O_ARRAY)) return arg_error(m, "join", "array", args[0]);
  if (!is_obj(args[1], O_STRING)) return arg_error(m, "join", "string", args[1]);
  oarray *a = (oarray *)args[0].as.o;
  ostring *sep = (ostring *)args[1].as.o;
  uint32_t mark = m->out.len;
  for (uint32_t i = 0; i < a->len; i++) {
    if (i) text_append(m, sep->chars, sep->len);
    append_value(m, a->items[i], 0, 0);
  }
  if (m->failed) return 0;
  ostring *s = new_string(m, m->out.data + mark, m->out.len - mark);
  m->out.len = mark;
  if (!s) return 0;
  *result = v_obj(s);
  return 1;
}

static int nat_array(vm *m, value *args, uint32_t n, value *result) {
  (void)n;
  if (args[0].type != V_INT || args[0].as.i < 0 || args[0].as.i > (1 << 24))
    return arg_error(m, "array", "a size in [0, 2^24]", args[0]);
  uint32_t len = (uint32_t)args[0].as.i;
  oarray *a = new_array(m, len);
  if (!a) return 0;
  for (uint32_t i = 0; i < len; i++) a->items[i] = args[1];
  a->len = len;
  *result = v_obj(a);
  return 1;
}

static const struct {
  const char *name;
  native_fn fn;
  int32_t arity;
} natives[] = {
    {"print", nat_print, -1}, {"len", nat_len, 1},       {"push", nat_push, 2},
    {"pop", nat_pop, 1},      {"str", nat_str, 1},       {"substr", nat_substr, 3},
    {"code", nat_code, 2},    {"chr", nat_chr, 1},       {"has", nat_has, 2},
    {"del", nat_del, 2},      {"keys", nat_keys, 1},     {"join", nat_join, 2},
    {"array", nat_array, 2},
};

static int define_natives(vm *m) {
  for (uint32_t i = 0; i < sizeof natives / sizeof natives[0]; i++) {
    int32_t g = global_index(m, natives[i].name, (uint32_t)strlen(natives[i].name));
    if (g < 0) return 0;
    onative *f = (onative *)vm_new_obj(m, O_NATIVE, sizeof(onative), 0);
    if (!f) return 0;
    f->fn = natives[i].fn;
    f->name = natives[i].name;
    f->arity = natives[i].arity;
    m->globals[g] = v_obj(f);
  }
  return 1;
}

/* ------------------------------------------------------------------------ */
/* The interpreter loop                                                      */
/* ------------------------------------------------------------------------ */

static inline uint32_t read16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }

static int compare_values(vm *m, opcode op, value a, value b, int *out) {
  int64_t c;
  if (a.type == V_INT && b.type == V_INT) {
    c = (a.as.i > b.as.i) - (a.as.i < b.as.i);
  } else if (is_obj(a, O_STRING) && is_obj(b, O_STRING)) {
    ostring *x = (ostring *)a.as.o, *y = (ostring *)b.as.o;
    uint32_t n = x->len < y->len ? x->len : y->len;
    int r = memcmp(x->chars, y->chars, n);
    c = r ? (r > 0) - (r < 0) : (x->len > y->len) - (x->len < y->len);
  } else {
    snprintf(m->error, sizeof m->error, "cannot compare %s with %s", type_name(a), type_name(b));
    return 0;
  }
  *out = op == OP_LT ? c < 0 : op == OP_LE ? c <= 0 : op == OP_GT ? c > 0 : c >= 0;
  return 1;
}

static int arith(vm *m, opcode op, value a, value b, value *out) {
  if (a.type != V_INT || b.type != V_INT) {
    snprintf(m->error, sizeof m->error, "arithmetic on %s and %s", type_name(a), type_name(b));
    return 0;
  }
  int64_t x = a.as.i, y = b.as.i;
  switch (op) {
  case OP_SUB: *out = v_int(wrap_sub(x, y)); return 1;
  case OP_MUL: *out = v_int(wrap_mul(x, y)); return 1;
  case OP_DIV:
  case OP_MOD:
    if (y == 0) {
      vm_errorf(m, "division by zero", NULL);
      return 0;
    }
    if (y == -1) /* avoids INT64_MIN / -1 */
      *out = v_int(op == OP_DIV ? wrap_sub(0, x) : 0);
    else
      *out = v_int(op == OP_DIV ? x / y : x % y);
    return 1;
  default: *out = v_int(wrap_add(x, y)); return 1;
  }
}

static int concat(vm *m, value a, value b, value *out) {
  ostring *x = (ostring *)a.as.o, *y = (ostring *)b.as.o;
  if ((uint64_t)x->len + y->len > 0x7fffffff) {
    vm_errorf(m, "string too long", NULL);
    return 0;
  }
  uint32_t len = x->len + y->len;
  ostring *s = (ostring *)vm_new_obj(m, O_STRING, (uint32_t)sizeof(ostring) + len + 1, len + 1);
  if (!s) return 0;
  s->len = len;
  memcpy(s->chars, x->chars, x->len);
  memcpy(s->chars + x->len, y->chars, y->len);
  s->chars[s->len] = 0;
  s->hash = hash_bytes(s->chars, s->len);
  *out = v_obj(s);
  return 1;
}

static int index_get(vm *m, value c, value k, value *out) {
  if (is_obj(c, O_ARRAY)) {
    oarray *a = (oarray *)c.as.o;
    if (k.type != V_INT) return arg_error(m, "array index", "int", k);
    if (k.as.i < 0 || k.as.i >= a->len) {
      snprintf(m->error, sizeof m->error, "index %" PRId64 " out of range (length %u)", k.as.i, a->len);
      return 0;
    }
    *out = a->items[k.as.i];
    return 1;
  }
  if (is_obj(c, O_MAP)) {
    if (!valid_key(k)) return arg_error(m, "map key", "int or string", k);
    if (!map_get((omap *)c.as.o, k, out)) *out = v_nil();
    return 1;
  }
  if (is_obj(c, O_STRING)) {
    ostring *s = (ostring *)c.as.o;
    if (k.type != V_INT) return arg_error(m, "string index", "int", k);
    if (k.as.i < 0 || k.as.i >= s->len) {
      snprintf(m->error, sizeof m->error, "index %" PRId64 " out of range (length %u)", k.as.i, s->len);
      return 0;
    }
    ostring *r = new_string(m, s->chars + k.as.i, 1);
    if (!r) return 0;
    *out = v_obj(r);
    return 1;
  }
  return arg_error(m, "indexing", "array, map or string", c);
}

static int index_set(vm *m, value c, value k, value v) {
  if (is_obj(c, O_ARRAY)) {
    oarray *a = (oarray *)c.as.o;
    if (k.type != V_INT) return arg_error(m, "array index", "int", k);
    if (k.as.i < 0 || k.as.i >= a->len) {
      snprintf(m->error, sizeof m->error, "index %" PRId64 " out of range (length %u)", k.as.i, a->len);
      return 0;
    }
    a->items[k.as.i] = v;
    return 1;
  }
  if (is_obj(c, O_MAP)) {
    if (!valid_key(k)) return arg_error(m, "map key", "int or string", k);
    if (!map_set(m, (omap *)c.as.o, k, v)) {
      vm_errorf(m, "out of memory", NULL);
      return 0;
    }
    return 1;
  }
  return arg_error(m, "index assignment", "array or map", c);
}

/* Calls the closure on top of the stack with no arguments and runs until it
   returns. Returns 0 with m->error set (and a line number) on error. */
static int vm_run(vm *m, value *result) {
  frame *f = &m->frames[m->nframes - 1];
  const uint8_t *ip = f->ip;
  value *base = f->base;
  value *sp = m->sp;
  const value *consts = f->closure->proto->consts;
  value a, b, r;
  int flag;

/* Objects are created only where the collector can find every live value:
   the stack pointer is stored first. */
#define SYNC() (m->sp = sp)
#define FAIL() goto fail

  for (;;) {
    opcode op = (opcode)*ip++;
    switch (op) {
    case OP_CONST: *sp++ = consts[read16(ip)]; ip += 2; break;
    case OP_NIL: *sp++ = v_nil(); break;
    case OP_TRUE: *sp++ = v_bool(1); break;
    case OP_FALSE: *sp++ = v_bool(0); break;
    case OP_POP: sp--; break;
    case OP_GETL: *sp++ = base[read16(ip)]; ip += 2; break;
    case OP_SETL: base[read16(ip)] = *--sp; ip += 2; break;
    case OP_GETB: *sp++ = ((obox *)base[read16(ip)].as.o)->v; ip += 2; break;
    case OP_SETB: ((obox *)base[read16(ip)].as.o)->v = *--sp; ip += 2; break;
    case OP_BOX: {
      SYNC();
      obox *bx = (obox *)vm_new_obj(m, O_BOX, sizeof(obox), 0);
      if (!bx) FAIL();
      bx->v = sp[-1];
      sp[-1] = v_obj(bx);
      break;
    }
    case OP_GETU: *sp++ = f->closure->up[read16(ip)]->v; ip += 2; break;
    case OP_SETU: f->closure->up[read16(ip)]->v = *--sp; ip += 2; break;
    case OP_GETG: *sp++ = m->globals[read16(ip)]; ip += 2; break;
    case OP_SETG: m->globals[read16(ip)] = *--sp; ip += 2; break;
    case OP_ADD:
      a = sp[-2];
      b = sp[-1];
      if (a.type == V_INT && b.type == V_INT) {
        sp[-2] = v_int(wrap_add(a.as.i, b.as.i));
      } else if (is_obj(a, O_STRING) && is_obj(b, O_STRING)) {
        SYNC();
        if (!concat(m, a, b, &r)) FAIL();
        sp[-2] = r;
      } else {
        if (!arith(m, OP_ADD, a, b, &r)) FAIL();
      }
      sp--;
      break;
    case OP_SUB:
      a = sp[-2];
      b = sp[-1];
      if (a.type == V_INT && b.type == V_INT) {
        sp[-2] = v_int(wrap_sub(a.as.i, b.as.i));
      } else if (!arith(m, op, a, b, &sp[-2])) {
        FAIL();
      }
      sp--;
      break;
    case OP_MUL:
    case OP_DIV:
    case OP_MOD:
      if (!arith(m, op, sp[-2], sp[-1], &sp[-2])) FAIL();
      sp--;
      break;
    case OP_EQ: sp[-2] = v_bool(values_equal(sp[-2], sp[-1])); sp--; break;
    case OP_NE: sp[-2] = v_bool(!values_equal(sp[-2], sp[-1])); sp--; break;
    case OP_LT:
      a = sp[-2];
      b = sp[-1];
      if (a.type == V_INT && b.type == V_INT) {
        flag = a.as.i < b.as.i;
      } else if (!compare_values(m, op, a, b, &flag)) {
        FAIL();
      }
      sp[-2] = v_bool(flag);
      sp--;
      break;
    case OP_LE:
    case OP_GT:
    case OP_GE:
      if (!compare_values(m, op, sp[-2], sp[-1], &flag)) FAIL();
      sp[-2] = v_bool(flag);
      sp--;
      break;
    case OP_NEG:
      if (sp[-1].type != V_INT) {
        arg_error(m, "negation", "int", sp[-1]);
        FAIL();
      }
      sp[-1].as.i = wrap_sub(0, sp[-1].as.i);
      break;
    case OP_NOT: sp[-1] = v_bool(!truthy(sp[-1])); break;
    case OP_JMP: ip = f->closure->proto->code + read16(ip); break;
    case OP_JF:
      ip = truthy(*--sp) ? ip + 2 : f->closure->proto->code + read16(ip);
      break;
    case OP_JFK:
      if (!truthy(sp[-1])) {
        ip = f->closure->proto->code + read16(ip);
      } else {
        sp--;
        ip += 2;
      }
      break;
    case OP_JTK:
      if (truthy(sp[-1])) {
        ip = f->closure->proto->code + read16(ip);
      } else {
        sp--;
        ip += 2;
      }
      break;
    case OP_LOOPLT: {
      value i = base[read16(ip)], e = base[read16(ip + 2)];
      if (i.type != V_INT || e.type != V_INT) {
        arg_error(m, "for loop bounds", "int", i.type != V_INT ? i : e);
        FAIL();
      }
      ip = i.as.i < e.as.i ? ip + 6 : f->closure->proto->code + read16(ip + 4);
      break;
    }
    case OP_INCL: base[read16(ip)].as.i = wrap_add(base[read16(ip)].as.i, 1); ip += 2; break;
    case OP_CALL: {
      uint32_t nargs = *ip++;
      value callee = sp[-(int32_t)nargs - 1];
      if (is_obj(callee, O_CLOSURE)) {
        oclosure *cl = (oclosure *)callee.as.o;
        oproto *p = cl->proto;
        if (nargs != p->nparams) {
          snprintf(m->error, sizeof m->error, "%s expects %u arguments, got %u", p->name->chars,
                   p->nparams, nargs);
          FAIL();
        }
        if (m->nframes == FRAMES_MAX || sp + p->nslots + 256 > m->stack + STACK_MAX) {
          vm_errorf(m, "stack overflow", NULL);
          FAIL();
        }
        f->ip = ip;
        value *nb = sp - nargs;
        for (value *s = sp; s < nb + p->nslots; s++) *s = v_nil();
        sp = nb + p->nslots;
        f = &m->frames[m->nframes++];
        f->closure = cl;
        f->base = base = nb;
        f->ip = ip = p->code;
        consts = p->consts;
      } else if (is_obj(callee, O_NATIVE)) {
        onative *nf = (onative *)callee.as.o;
        if (nf->arity >= 0 && (uint32_t)nf->arity != nargs) {
          snprintf(m->error, sizeof m->error, "%s expects %d arguments, got %u", nf->name,
                   nf->arity, nargs);
          FAIL();
        }
        SYNC();
        if (!nf->fn(m, sp - nargs, nargs, &r)) {
          if (m->failed && !m->error[0]) vm_errorf(m, "out of memory", NULL);
          FAIL();
        }
        sp -= nargs;
        sp[-1] = r;
      } else {
        snprintf(m->error, sizeof m->error, "cannot call %s", type_name(callee));
        FAIL();
      }
      break;
    }
    case OP_RET: {
      r = sp[-1];
      sp = base - 1;
      *sp++ = r;
      m->nframes--;
      if (m->nframes == 0) {
        m->sp = sp - 1;
        *result = r;
        return 1;
      }
      f = &m->frames[m->nframes - 1];
      ip = f->ip;
      base = f->base;
      consts = f->closure->proto->consts;
      break;
    }
    case OP_CLOSURE: {
      oproto *p = (oproto *)consts[read16(ip)].as.o;
      uint32_t nup = ip[2];
      ip += 3;
      SYNC();
      oclosure *cl = (oclosure *)vm_new_obj(
          m, O_CLOSURE, (uint32_t)(sizeof(oclosure) + nup * sizeof(obox *)), (uint64_t)nup * 8);
      if (!cl) FAIL();
      cl->proto = p;
      cl->nup = nup;
      for (uint32_t i = 0; i < nup; i++, ip += 3) {
        uint32_t idx = read16(ip + 1);
        cl->up[i] = ip[0] ? (obox *)base[idx].as.o : f->closure->up[idx];
      }
      *sp++ = v_obj(cl);
      break;
    }
    case OP_ARRAY: {
      uint32_t n = read16(ip);
      ip += 2;
      SYNC();
      oarray *arr = new_array(m, n);
      if (!arr) FAIL();
      if (n) memcpy(arr->items, sp - n, n * sizeof(value));
      arr->len = n;
      sp -= n;
      *sp++ = v_obj(arr);
      break;
    }
    case OP_MAP: {
      uint32_t n = read16(ip);
      ip += 2;
      SYNC();
      omap *mp = (omap *)vm_new_obj(m, O_MAP, sizeof(omap), 0);
      if (!mp) FAIL();
      /* Keep the half-built map on the stack while it is filled. */
      value *pairs = sp - 2 * n;
      for (uint32_t i = 0; i < n; i++) {
        if (!valid_key(pairs[2 * i])) {
          arg_error(m, "map key", "int or string", pairs[2 * i]);
          FAIL();
        }
        if (!map_set(m, mp, pairs[2 * i], pairs[2 * i + 1])) FAIL();
      }
      sp -= 2 * n;
      *sp++ = v_obj(mp);
      break;
    }
    case OP_INDEX:
      SYNC();
      if (!index_get(m, sp[-2], sp[-1], &r)) FAIL();
      sp[-2] = r;
      sp--;
      break;
    case OP_SETINDEX:
      if (!index_set(m, sp[-3], sp[-2], sp[-1])) FAIL();
      sp -= 3;
      break;
    default:
      vm_errorf(m, "bad opcode", NULL);
      FAIL();
    }
  }
fail:
  m->sp = sp;
  {
    const oproto *p = f->closure->proto;
    uint32_t at = (uint32_t)(ip - p->code);
    uint32_t line = at > 0 && at <= p->ncode ? p->lines[at - 1] : 0;
    char msg[sizeof m->error];
    memcpy(msg, m->error, sizeof msg);
    if (m->failed && !msg[0]) snprintf(msg, sizeof msg, "out of memory");
    snprintf(m->error, sizeof m->error, "line %u in %.40s: %.120s", line, p->name->chars, msg);
  }
  return 0;
#undef SYNC
#undef FAIL
}

static int vm_call_script(vm *m, oclosure *script, value *result) {
  m->sp = m->stack;
  *m->sp++ = v_obj(script);
  value *base = m->sp;
  for (uint32_t i = 0; i < script->proto->nslots; i++) *m->sp++ = v_nil();
  m->nframes = 1;
  m->frames[0].closure = script;
  m->frames[0].base = base;
  m->frames[0].ip = script->proto->code;
  return vm_run(m, result);
}

static vm *vm_new(void) {
  vm *m = calloc(1, sizeof *m);
  if (!m) return NULL;
  m->stack = malloc(STACK_MAX * sizeof(value));
  if (!m->stack) {
    free(m);
    return NULL;
  }
  m->sp = m->stack;
  m->next_gc = 1u << 20;
  if (!define_natives(m)) m->failed = 1;
  return m;
}

static void vm_free(vm *m) {
  obj *o = m->objects;
  while (o) {
    obj *next = o->next;
    free_obj(o);
    o = next;
  }
  free(m->stack);
  free(m->globals);
  free(m->global_names);
  free(m->gray);
  free(m->out.data);
  free(m);
}

/* ------------------------------------------------------------------------ */
/* The benchmark script                                                      */
/* ------------------------------------------------------------------------ */

static const char script[] =
    "// A tour of the language, sized by SCALE (set by the host).\n"
    "let seed = 20240601;\n"
    "fn rand(n) {\n"
    "  seed = (seed * 1103515245 + 12345) % 2147483648;\n"
    "  return seed / 16 % n;\n"
    "}\n"
    "\n"
    "// 1. Recursion.\n"
    "fn fib(n) { if n < 2 { return n; } return fib(n - 1) + fib(n - 2); }\n"
    "print(\"fib\", fib(20 + SCALE / 4));\n"
    "\n"
    "// 2. Closures: counters with private state, and composition.\n"
    "fn make_counter(step) {\n"
    "  let count = 0;\n"
    "  return fn() { count = count + step; return count; };\n"
    "}\n"
    "fn compose(f, g) { return fn(x) { return f(g(x)); }; }\n"
    "let counters = [];\n"
    "for i in 0..10 { push(counters, make_counter(i + 1)); }\n"
    "let total = 0;\n"
    "for r in 0..SCALE * 500 {\n"
    "  for i in 0..10 { total = total + counters[i](); }\n"
    "}\n"
    "let inc = fn(x) { return x + 1; };\n"
    "let dbl = fn(x) { return x * 2; };\n"
    "let f = compose(inc, compose(dbl, inc));\n"
    "let acc = 0;\n"
    "for i in 0..SCALE * 2000 { acc = (acc + f(i)) % 1000000007; }\n"
    "print(\"closures\", total, acc);\n"
    "\n"
    "// Closures made in a loop each keep their own loop variable.\n"
    "let fs = [];\n"
    "for i in 0..5 { push(fs, fn() { return i * i; }); }\n"
    "let squares = [];\n"
    "for i in 0..5 { push(squares, fs[i]()); }\n"
    "print(\"captured\", squares);\n"
    "\n"
    "// 3. A quicksort over any array, ordered by a comparison function.\n"
    "fn sort(a, less) {\n"
    "  fn qs(lo, hi) {\n"
    "    while lo < hi {\n"
    "      let p = a[(lo + hi) / 2];\n"
    "      let i = lo;\n"
    "      let j = hi;\n"
    "      while i <= j {\n"
    "        while less(a[i], p) { i = i + 1; }\n"
    "        while less(p, a[j]) { j = j - 1; }\n"
    "        if i <= j {\n"
    "          let t = a[i]; a[i] = a[j]; a[j] = t;\n"
    "          i = i + 1; j = j - 1;\n"
    "        }\n"
    "      }\n"
    "      if j - lo < hi - i { qs(lo, j); lo = i; } else { qs(i, hi); hi = j; }\n"
    "    }\n"
    "  }\n"
    "  qs(0, len(a) - 1);\n"
    "  return a;\n"
    "}\n"
    "let xs = [];\n"
    "for i in 0..SCALE * 1500 { push(xs, rand(1000000)); }\n"
    "sort(xs, fn(a, b) { return a < b; });\n"
    "let ok = true;\n"
    "for i in 1..len(xs) { if xs[i - 1] > xs[i] { ok = false; } }\n"
    "print(\"sorted\", len(xs), ok, xs[0], xs[len(xs) / 2], xs[len(xs) - 1]);\n"
    "\n"
    "// 4. Word frequencies in a map, ranked.\n"
    "let syllables = [\"ka\", \"lo\", \"mi\", \"ne\", \"ru\", \"sa\", \"ti\", \"vo\", \"zen\", \"dra\"];\n"
    "fn word() {\n"
    "  let w = syllables[rand(10)];\n"
    "  let n = rand(3);\n"
    "  while n > 0 { w = w + syllables[rand(4) * rand(3)]; n = n - 1; }\n"
    "  return w;\n"
    "}\n"
    "let freq = {};\n"
    "for i in 0..SCALE * 2000 {\n"
    "  let w = word();\n"
    "  if has(freq, w) { freq[w] = freq[w] + 1; } else { freq[w] = 1; }\n"
    "}\n"
    "let ranked = sort(keys(freq), fn(a, b) {\n"
    "  return freq[a] > freq[b] or (freq[a] == freq[b] and a < b);\n"
    "});\n"
    "let top = [];\n"
    "for i in 0..5 { push(top, ranked[i] + \"=\" + str(freq[ranked[i]])); }\n"
    "print(\"words\", len(ranked), join(top, \" \"));\n"
    "for i in 0..len(ranked) { if freq[ranked[i]] < 3 { del(freq, ranked[i]); } }\n"
    "print(\"frequent words\", len(freq));\n"
    "\n"
    "// 5. A sieve in an array.\n"
    "fn primes_below(n) {\n"
    "  let flags = array(n, true);\n"
    "  let count = 0;\n"
    "  for i in 2..n {\n"
    "    if flags[i] {\n"
    "      count = count + 1;\n"
    "      let j = i * i;\n"
    "      while j < n { flags[j] = false; j = j + i; }\n"
    "    }\n"
    "  }\n"
    "  return count;\n"
    "}\n"
    "print(\"primes\", primes_below(SCALE * 8000));\n"
    "\n"
    "// 6. Records as maps: a bank with random transfers.\n"
    "let accounts = [];\n"
    "for i in 0..100 {\n"
    "  push(accounts, {\"id\": i, \"owner\": word(), \"balance\": 1000, \"log\": []});\n"
    "}\n"
    "let refused = 0;\n"
    "for t in 0..SCALE * 2000 {\n"
    "  let from = accounts[rand(100)];\n"
    "  let to = accounts[rand(100)];\n"
    "  let amount = 1 + rand(300);\n"
    "  if from[\"balance\"] >= amount and from[\"id\"] != to[\"id\"] {\n"
    "    from[\"balance\"] = from[\"balance\"] - amount;\n"
    "    to[\"balance\"] = to[\"balance\"] + amount;\n"
    "    push(to[\"log\"], amount);\n"
    "    if len(to[\"log\"]) > 8 { pop(to[\"log\"]); }\n"
    "  } else {\n"
    "    refused = refused + 1;\n"
    "  }\n"
    "}\n"
    "let sum = 0;\n"
    "let richest = accounts[0];\n"
    "for i in 0..100 {\n"
    "  sum = sum + accounts[i][\"balance\"];\n"
    "  if accounts[i][\"balance\"] > richest[\"balance\"] { richest = accounts[i]; }\n"
    "}\n"
    "print(\"bank\", sum, refused, richest[\"owner\"], richest[\"balance\"]);\n"
    "\n"
    "// 7. Strings: build, scan, and serialize a nested structure.\n"
    "fn to_json(v) {\n"
    "  let parts = [];\n"
    "  if v == nil { return \"null\"; }\n"
    "  if v == true { return \"true\"; }\n"
    "  if v == false { return \"false\"; }\n"
    "  let s = str(v);\n"
    "  if code(s, 0) == 91 {\n"
    "    for i in 0..len(v) { push(parts, to_json(v[i])); }\n"
    "    return \"[\" + join(parts, \",\") + \"]\";\n"
    "  }\n"
    "  if code(s, 0) == 123 {\n"
    "    let ks = sort(keys(v), fn(a, b) { return str(a) < str(b); });\n"
    "    for i in 0..len(ks) { push(parts, \"\\\"\" + str(ks[i]) + \"\\\":\" + to_json(v[ks[i]])); }\n"
    "    return \"{\" + join(parts, \",\") + \"}\";\n"
    "  }\n"
    "  return s;\n"
    "}\n"
    "let doc = \"\";\n"
    "for i in 0..SCALE { doc = doc + to_json(accounts[i]) + \"\\n\"; }\n"
    "let vowels = 0;\n"
    "for i in 0..len(doc) {\n"
    "  let c = code(doc, i);\n"
    "  if c == 97 or c == 101 or c == 105 or c == 111 or c == 117 { vowels = vowels + 1; }\n"
    "}\n"
    "print(\"json\", len(doc), vowels, substr(doc, 0, 60));\n";

int main(int argc, char **argv) {
  int32_t scale = bench_scale(argc, argv, 40);
  vm *m = vm_new();
  if (!m || m->failed) {
    printf("out of memory\n");
    return 1;
  }
  int32_t g = global_index(m, "SCALE", 5);
  if (g < 0) return 1;
  m->globals[g] = v_int(scale);

  oclosure *prog = compile_source(m, script);
  if (!prog) {
    printf("%s\n", m->error);
    vm_free(m);
    return 1;
  }
  value result;
  int ok = vm_call_script(m, prog, &result);
  if (m->out.len) fwrite(m->out.data, 1, m->out.len, stdout);
  if (!ok) printf("runtime error: %s\n", m->error);
  printf("gc: %u collections, %" PRIu64 " objects freed\n", m->collections, m->freed_objects);
  uint64_t h = bench_mix(0, hash_bytes(m->out.data ? m->out.data : "", m->out.len));
  h = bench_mix(bench_mix(h, m->collections), m->freed_objects);
  h = bench_mix(h, (uint64_t)ok);
  bench_report("lang", h);
  vm_free(m);
  return ok ? 0 : 1;
}
