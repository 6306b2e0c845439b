/*
 * lz.c — the suite's "real program": a DEFLATE (RFC 1951) compressor and
 * decompressor with gzip (RFC 1952) framing, and a byte-oriented fast LZ
 * codec, round-tripping generated data of several kinds at several levels.
 *
 *   lz [SCALE]             benchmark: generate, compress, decompress, verify
 *                          (data sizes scale linearly; the default is 4)
 *   lz -c [LEVEL]          gzip stdin to stdout (LEVEL 0-9, default 6)
 *   lz -d                  gunzip stdin to stdout (concatenated members too)
 *   lz -g NAME [SCALE]     write a generated data set to stdout
 *
 * The tool modes exist so the codec can be checked against gzip and zlib
 * (bench/README.md shows how); the benchmark itself reads no input.
 *
 * Layout: byte buffers and CRC-32; bit I/O; Huffman code construction and
 * decoding tables; the DEFLATE symbol tables; the LZ77 matcher and block
 * writer; the inflater; gzip framing; the fast LZ codec; the data
 * generators; the benchmark driver and the command line.
 */
#include "bench.h"

typedef enum {
  LZ_OK,
  LZ_ERR_NOMEM,
  LZ_ERR_DATA,      /* malformed stream */
  LZ_ERR_TRUNCATED, /* stream ends early */
  LZ_ERR_CHECK,     /* CRC or size mismatch */
} lz_status;

static const char *lz_status_text(lz_status s) {
  switch (s) {
  case LZ_OK: return "ok";
  case LZ_ERR_NOMEM: return "out of memory";
  case LZ_ERR_DATA: return "invalid compressed data";
  case LZ_ERR_TRUNCATED: return "unexpected end of compressed data";
  case LZ_ERR_CHECK: return "checksum or length mismatch";
  }
  return "unknown error";
}

/* ------------------------------------------------------------------------ */
/* Growable byte buffer                                                      */
/* ------------------------------------------------------------------------ */

typedef struct {
  uint8_t *data;
  uint32_t len, cap;
  int failed; /* sticky: once an allocation fails, writes are dropped */
} bytebuf;

static int buf_reserve(bytebuf *b, uint32_t extra) {
  if (b->failed) return 0;
  if (extra <= b->cap - b->len) return 1;
  uint64_t need = (uint64_t)b->len + extra;
  uint64_t cap = b->cap ? b->cap : 256;
  while (cap < need) cap *= 2;
  if (cap > 0xffffffffu) cap = 0xffffffffu;
  if (cap < need) {
    b->failed = 1;
    return 0;
  }
  uint8_t *p = realloc(b->data, (size_t)cap);
  if (!p) {
    b->failed = 1;
    return 0;
  }
  b->data = p;
  b->cap = (uint32_t)cap;
  return 1;
}

static inline void buf_push(bytebuf *b, uint8_t v) {
  if (b->len < b->cap || buf_reserve(b, 1)) b->data[b->len++] = v;
}

static void buf_append(bytebuf *b, const void *p, uint32_t n) {
  if (n && buf_reserve(b, n)) {
    memcpy(b->data + b->len, p, n);
    b->len += n;
  }
}

static void buf_put_le32(bytebuf *b, uint32_t v) {
  uint8_t t[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
  buf_append(b, t, 4);
}

static void buf_put_str(bytebuf *b, const char *s) { buf_append(b, s, (uint32_t)strlen(s)); }

/* Decimal, zero-padded to at least width digits. */
static void buf_put_uint(bytebuf *b, uint32_t v, uint32_t width) {
  char t[12];
  uint32_t n = 0;
  do {
    t[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n < width && n < sizeof t) t[n++] = '0';
  while (n) buf_push(b, (uint8_t)t[--n]);
}

static void buf_put_hex(bytebuf *b, uint32_t v, uint32_t digits) {
  static const char hex[] = "0123456789abcdef";
  while (digits--) buf_push(b, (uint8_t)hex[(v >> (4 * digits)) & 15]);
}

static void buf_free(bytebuf *b) {
  free(b->data);
  memset(b, 0, sizeof *b);
}

static uint32_t read_le32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* ------------------------------------------------------------------------ */
/* CRC-32 (the gzip polynomial, reflected)                                   */
/* ------------------------------------------------------------------------ */

typedef struct {
  uint32_t t[256];
} crc_table;

static void crc_table_init(crc_table *c) {
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t v = n;
    for (int k = 0; k < 8; k++) v = v & 1 ? 0xedb88320u ^ (v >> 1) : v >> 1;
    c->t[n] = v;
  }
}

static uint32_t crc_update(const crc_table *c, uint32_t crc, const uint8_t *p, uint32_t n) {
  crc = ~crc;
  while (n--) crc = c->t[(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

/* ------------------------------------------------------------------------ */
/* Bit I/O. DEFLATE packs bits starting at the least significant bit of     */
/* each byte; Huffman codes are stored bit-reversed so they can be written  */
/* the same way as other fields.                                            */
/* ------------------------------------------------------------------------ */

typedef struct {
  bytebuf *out;
  uint64_t acc;   /* pending bits, the oldest in bit 0 */
  uint32_t nbits; /* < 32 between calls */
} bitwriter;

/* Appends the low n bits of bits (n <= 32, higher bits zero). */
static inline void bw_put(bitwriter *w, uint32_t bits, uint32_t n) {
  w->acc |= (uint64_t)bits << w->nbits;
  w->nbits += n;
  if (w->nbits >= 32) {
    if (buf_reserve(w->out, 4)) {
      uint8_t *p = w->out->data + w->out->len;
      p[0] = (uint8_t)w->acc;
      p[1] = (uint8_t)(w->acc >> 8);
      p[2] = (uint8_t)(w->acc >> 16);
      p[3] = (uint8_t)(w->acc >> 24);
      w->out->len += 4;
    }
    w->acc >>= 32;
    w->nbits -= 32;
  }
}

/* Pads with zero bits to a byte boundary and writes out every whole byte. */
static void bw_flush(bitwriter *w) {
  w->nbits = (w->nbits + 7) & ~7u;
  while (w->nbits) {
    buf_push(w->out, (uint8_t)w->acc);
    w->acc >>= 8;
    w->nbits -= 8;
  }
}

typedef struct {
  const uint8_t *start, *p, *end;
  uint64_t acc;
  uint32_t nbits;
  uint32_t phantom; /* zero bytes supplied after the end of the input */
} bitreader;

static void br_init(bitreader *r, const uint8_t *p, uint32_t n) {
  r->start = r->p = p;
  r->end = p + n;
  r->acc = 0;
  r->nbits = 0;
  r->phantom = 0;
}

/* Tops the accumulator up to at least 57 bits. Past the end of the input
   it shifts in zeros and counts them, so the decoder's inner loop needs no
   end check; br_overrun() tells whether any of those zeros were used. */
static inline void br_refill(bitreader *r) {
  while (r->nbits <= 56) {
    uint64_t byte = 0;
    if (r->p < r->end)
      byte = *r->p++;
    else
      r->phantom++;
    r->acc |= byte << r->nbits;
    r->nbits += 8;
  }
}

static inline int br_overrun(const bitreader *r) { return (uint64_t)r->phantom * 8 > r->nbits; }

/* Takes n bits (n <= 32). */
static inline uint32_t br_bits(bitreader *r, uint32_t n) {
  if (r->nbits < n) br_refill(r);
  uint32_t v = (uint32_t)(r->acc & (((uint64_t)1 << n) - 1));
  r->acc >>= n;
  r->nbits -= n;
  return v;
}

static void br_align(bitreader *r) { br_bits(r, r->nbits & 7); }

/* Bytes of real input consumed so far (the partial last byte counts). */
static uint32_t br_consumed(const bitreader *r) {
  uint32_t held = r->nbits > r->phantom * 8 ? (r->nbits - r->phantom * 8) / 8 : 0;
  return (uint32_t)(r->p - r->start) - held;
}

/* Copies n raw bytes after br_align(); 0 if the input is too short. */
static int br_copy(bitreader *r, bytebuf *out, uint32_t n) {
  while (n && r->nbits >= 8) {
    if (br_overrun(r)) return 0;
    buf_push(out, (uint8_t)r->acc);
    r->acc >>= 8;
    r->nbits -= 8;
    n--;
  }
  if (br_overrun(r)) return 0;
  if (n > (uint32_t)(r->end - r->p)) return 0;
  buf_append(out, r->p, n);
  r->p += n;
  return 1;
}

/* ------------------------------------------------------------------------ */
/* Huffman codes                                                             */
/* ------------------------------------------------------------------------ */

enum {
  MAX_BITS = 15,      /* longest literal/length or distance code */
  MAX_CLEN_BITS = 7,  /* longest code-length code */
  LITLEN_SYMS = 288,  /* 0-255 literals, 256 end of block, 257-285 lengths (+2 unused) */
  DIST_SYMS = 32,     /* 0-29 used */
  CLEN_SYMS = 19,
  MAX_SYMS = LITLEN_SYMS,
};

static uint32_t reverse_bits(uint32_t v, uint32_t n) {
  uint32_t r = 0;
  while (n--) {
    r = (r << 1) | (v & 1);
    v >>= 1;
  }
  return r;
}

/* Bottom-up merge sort of uint32 keys (tmp has room for n). */
static void sort_u32(uint32_t *a, uint32_t n, uint32_t *tmp) {
  for (uint32_t width = 1; width < n; width *= 2) {
    for (uint32_t lo = 0; lo < n; lo += 2 * width) {
      uint32_t mid = lo + width < n ? lo + width : n;
      uint32_t hi = lo + 2 * width < n ? lo + 2 * width : n;
      uint32_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
      while (i < mid) tmp[k++] = a[i++];
      while (j < hi) tmp[k++] = a[j++];
    }
    memcpy(a, tmp, n * sizeof *a);
  }
}

/*
 * Code lengths for symbols 0..n-1 from their frequencies, none longer than
 * limit. The tree is built with two queues (sorted leaves, and internal
 * nodes, which are created in nondecreasing weight order), so the two
 * lightest nodes are always at the queues' fronts. If the tree is too deep,
 * the per-length counts are repaired until the Kraft sum fits, and lengths
 * are then dealt out again: longest to the least frequent symbols.
 * Callers make sure at least two symbols have a nonzero frequency.
 */
static void huff_lengths(const uint32_t *freq, uint32_t n, uint32_t limit, uint8_t *len) {
  uint32_t leaves[MAX_SYMS], tmp[MAX_SYMS];
  uint32_t weight[2 * MAX_SYMS], parent[2 * MAX_SYMS], depth[2 * MAX_SYMS];
  uint32_t m = 0;
  memset(len, 0, n);
  for (uint32_t s = 0; s < n; s++) {
    if (freq[s]) {
      /* frequency in the high bits, symbol in the low 9: a unique sort key */
      uint32_t f = freq[s] < (1u << 23) ? freq[s] : (1u << 23) - 1;
      leaves[m++] = f << 9 | s;
    }
  }
  if (m == 0) return;
  if (m == 1) {
    len[leaves[0] & 511] = 1;
    return;
  }
  sort_u32(leaves, m, tmp);
  for (uint32_t i = 0; i < m; i++) weight[i] = leaves[i] >> 9;

  uint32_t li = 0, ii = m, next = m;
  while (next < 2 * m - 1) {
    uint32_t pick[2];
    for (int k = 0; k < 2; k++) {
      if (li < m && (ii == next || weight[li] <= weight[ii]))
        pick[k] = li++;
      else
        pick[k] = ii++;
    }
    weight[next] = weight[pick[0]] + weight[pick[1]];
    parent[pick[0]] = parent[pick[1]] = next;
    next++;
  }
  /* Parents have higher indices than their children: one downward pass. */
  depth[2 * m - 2] = 0;
  for (uint32_t i = 2 * m - 2; i-- > 0;) depth[i] = depth[parent[i]] + 1;

  uint32_t count[MAX_BITS + 2] = {0};
  for (uint32_t i = 0; i < m; i++) count[depth[i] > limit ? limit : depth[i]]++;
  /* Kraft sum in units of 2^-limit; a prefix code needs total <= 2^limit. */
  uint32_t total = 0;
  for (uint32_t l = 1; l <= limit; l++) total += count[l] << (limit - l);
  while (total > (1u << limit)) {
    /* Push one leaf from the deepest level above the limit one level down. */
    uint32_t l = limit - 1;
    while (count[l] == 0) l--;
    count[l]--;
    count[l + 1]++;
    total -= 1u << (limit - l - 1);
  }
  /* That can overshoot, leaving the code incomplete, which zlib refuses.
     Lift leaves from the deepest level: the slack is a multiple of that
     level's unit, so each move fits, and the sum ends exactly at 2^limit. */
  while (total < (1u << limit)) {
    uint32_t l = limit;
    while (count[l] == 0) l--;
    count[l]--;
    count[l - 1]++;
    total += 1u << (limit - l);
  }
  uint32_t idx = 0;
  for (uint32_t l = limit; l >= 1; l--)
    for (uint32_t c = 0; c < count[l]; c++) len[leaves[idx++] & 511] = (uint8_t)l;
}

/* Canonical codes (RFC 1951 3.2.2) from lengths, stored bit-reversed. */
static void huff_codes(const uint8_t *len, uint32_t n, uint16_t *code) {
  uint32_t count[MAX_BITS + 1] = {0}, next[MAX_BITS + 1];
  for (uint32_t s = 0; s < n; s++) count[len[s]]++;
  count[0] = 0;
  uint32_t c = 0;
  for (uint32_t l = 1; l <= MAX_BITS; l++) {
    c = (c + count[l - 1]) << 1;
    next[l] = c;
  }
  for (uint32_t s = 0; s < n; s++)
    code[s] = len[s] ? (uint16_t)reverse_bits(next[len[s]]++, len[s]) : 0;
}

enum { FAST_BITS = 10 };

typedef struct {
  /* Indexed by the next FAST_BITS input bits: symbol << 4 | length, or 0
     when the code is longer than FAST_BITS (or the bits match no code). */
  uint16_t fast[1 << FAST_BITS];
  uint16_t count[MAX_BITS + 1]; /* codes of each length */
  uint16_t symbol[MAX_SYMS];    /* symbols ordered by (length, value) */
} huff_decoder;

/* 0 if the lengths over-subscribe the code space (no prefix code exists). */
static int huff_decoder_build(huff_decoder *d, const uint8_t *len, uint32_t n) {
  memset(d->count, 0, sizeof d->count);
  for (uint32_t s = 0; s < n; s++) d->count[len[s]]++;
  d->count[0] = 0;
  int32_t left = 1;
  for (uint32_t l = 1; l <= MAX_BITS; l++) {
    left = left * 2 - d->count[l];
    if (left < 0) return 0;
  }
  uint16_t offs[MAX_BITS + 2];
  offs[1] = 0;
  for (uint32_t l = 1; l < MAX_BITS; l++) offs[l + 1] = (uint16_t)(offs[l] + d->count[l]);
  for (uint32_t s = 0; s < n; s++)
    if (len[s]) d->symbol[offs[len[s]]++] = (uint16_t)s;

  memset(d->fast, 0, sizeof d->fast);
  uint16_t code[MAX_SYMS];
  huff_codes(len, n, code);
  for (uint32_t s = 0; s < n; s++) {
    if (len[s] == 0 || len[s] > FAST_BITS) continue;
    for (uint32_t k = code[s]; k < (1u << FAST_BITS); k += 1u << len[s])
      d->fast[k] = (uint16_t)(s << 4 | len[s]);
  }
  return 1;
}

/* The next symbol, or -1 if the bits form no code. */
static inline int32_t huff_decode(bitreader *r, const huff_decoder *d) {
  if (r->nbits < MAX_BITS) br_refill(r);
  uint32_t e = d->fast[r->acc & ((1u << FAST_BITS) - 1)];
  if (e) {
    r->acc >>= e & 15;
    r->nbits -= e & 15;
    return (int32_t)(e >> 4);
  }
  /* Long codes: walk the canonical code one bit at a time. Codes of length
     l are consecutive integers starting at `first`; `index` is where that
     length's symbols start in d->symbol. */
  uint32_t code = 0, first = 0, index = 0;
  uint64_t acc = r->acc;
  for (uint32_t l = 1; l <= MAX_BITS; l++) {
    code |= (uint32_t)(acc & 1);
    acc >>= 1;
    uint32_t cnt = d->count[l];
    if (code - first < cnt) {
      r->acc = acc;
      r->nbits -= l;
      return d->symbol[index + code - first];
    }
    index += cnt;
    first = (first + cnt) << 1;
    code <<= 1;
  }
  return -1;
}

/* ------------------------------------------------------------------------ */
/* DEFLATE's fixed tables (RFC 1951 3.2.5 and 3.2.6)                         */
/* ------------------------------------------------------------------------ */

enum { MIN_MATCH = 3, MAX_MATCH = 258, WSIZE = 32768, WMASK = WSIZE - 1 };

/* The order in which code-length code lengths are sent. */
static const uint8_t clen_order[CLEN_SYMS] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                              11, 4,  12, 3, 13, 2, 14, 1, 15};

typedef struct {
  uint16_t len_base[29], dist_base[30];
  uint8_t len_extra[29], dist_extra[30];
  uint8_t len_code[MAX_MATCH + 1];     /* match length -> 0..28 */
  uint8_t dist_code_small[257];        /* distance 1..256 -> code */
  uint8_t dist_code_large[256];        /* (distance - 1) >> 7 for distance > 256 */
  uint8_t fixed_lit_len[LITLEN_SYMS];  /* the fixed Huffman code's lengths */
  uint8_t fixed_dist_len[DIST_SYMS];
  uint16_t fixed_lit_code[LITLEN_SYMS];
  uint16_t fixed_dist_code[DIST_SYMS];
  huff_decoder fixed_lit, fixed_dist;
  crc_table crc;
} deflate_tables;

static void deflate_tables_init(deflate_tables *t) {
  /* Lengths: codes 257-264 carry no extra bits, then every four codes one
     more; code 285 is exactly 258. */
  uint32_t base = 3;
  for (uint32_t i = 0; i < 28; i++) {
    uint32_t extra = i < 8 ? 0 : (i - 4) / 4;
    t->len_base[i] = (uint16_t)base;
    t->len_extra[i] = (uint8_t)extra;
    for (uint32_t k = 0; k < (1u << extra) && base + k <= MAX_MATCH; k++)
      t->len_code[base + k] = (uint8_t)i;
    base += 1u << extra;
  }
  t->len_base[28] = MAX_MATCH;
  t->len_extra[28] = 0;
  t->len_code[MAX_MATCH] = 28;
  t->len_code[0] = t->len_code[1] = t->len_code[2] = 0;

  /* Distances: codes 0-3 carry no extra bits, then every two codes one more. */
  base = 1;
  for (uint32_t i = 0; i < 30; i++) {
    uint32_t extra = i < 4 ? 0 : i / 2 - 1;
    t->dist_base[i] = (uint16_t)base;
    t->dist_extra[i] = (uint8_t)extra;
    for (uint32_t k = 0; k < (1u << extra); k++) {
      uint32_t d = base + k;
      if (d <= 256)
        t->dist_code_small[d] = (uint8_t)i;
      else
        t->dist_code_large[(d - 1) >> 7] = (uint8_t)i;
    }
    base += 1u << extra;
  }
  t->dist_code_small[0] = 0;

  for (uint32_t s = 0; s < LITLEN_SYMS; s++)
    t->fixed_lit_len[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
  for (uint32_t s = 0; s < DIST_SYMS; s++) t->fixed_dist_len[s] = 5;
  huff_codes(t->fixed_lit_len, LITLEN_SYMS, t->fixed_lit_code);
  huff_codes(t->fixed_dist_len, DIST_SYMS, t->fixed_dist_code);
  huff_decoder_build(&t->fixed_lit, t->fixed_lit_len, LITLEN_SYMS);
  huff_decoder_build(&t->fixed_dist, t->fixed_dist_len, DIST_SYMS);
  crc_table_init(&t->crc);
}

static inline uint32_t dist_code(const deflate_tables *t, uint32_t dist) {
  return dist <= 256 ? t->dist_code_small[dist] : t->dist_code_large[(dist - 1) >> 7];
}

/* ------------------------------------------------------------------------ */
/* The compressor                                                            */
/* ------------------------------------------------------------------------ */

typedef struct {
  uint32_t max_chain; /* candidates examined per search */
  uint32_t good_len;  /* a previous match this long: search a quarter as hard */
  uint32_t nice_len;  /* stop searching at a match this long */
  int lazy;           /* try one position later before taking a match */
} level_params;

/* Level 0 stores; higher levels search longer. */
static const level_params level_table[10] = {
    {0, 0, 0, 0},       {4, 4, 8, 0},       {8, 4, 16, 0},      {16, 8, 32, 0},
    {16, 4, 16, 1},     {32, 8, 32, 1},     {128, 8, 128, 1},   {256, 16, 128, 1},
    {1024, 32, 258, 1}, {4096, 32, 258, 1},
};

enum { HASH_BITS = 15, HASH_SIZE = 1 << HASH_BITS, BLOCK_SYMS = 16384 };

typedef struct {
  const deflate_tables *t;
  const uint8_t *in;
  uint32_t in_len;
  level_params lp;
  uint32_t *head; /* per hash: most recent position + 1, 0 = none */
  uint32_t *prev; /* per window slot: the previous position + 1 in the chain */
  uint16_t *sym_len;  /* literal byte, or match length */
  uint16_t *sym_dist; /* 0 for a literal, else the match distance */
  uint32_t nsyms;
  uint32_t block_start; /* first input byte of the pending block */
  uint32_t covered;     /* input bytes described by emitted symbols */
  bitwriter bw;
  /* statistics */
  uint32_t blocks[3]; /* stored, fixed, dynamic */
  uint32_t matches, literals;
} deflater;

static inline uint32_t hash3(const uint8_t *p) {
  uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
  return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* Records position p in its hash chain; returns the chain's previous head. */
static inline uint32_t insert_pos(deflater *d, uint32_t p) {
  if (p + MIN_MATCH > d->in_len) return 0;
  uint32_t h = hash3(d->in + p);
  uint32_t old = d->head[h];
  d->prev[p & WMASK] = old;
  d->head[h] = p + 1;
  return old;
}

static inline uint32_t match_length(const uint8_t *a, const uint8_t *b, uint32_t max) {
  uint32_t n = 0;
  while (n + 8 <= max) {
    uint64_t x, y;
    memcpy(&x, a + n, 8);
    memcpy(&y, b + n, 8);
    if (x != y) {
      while (a[n] == b[n]) n++;
      return n;
    }
    n += 8;
  }
  while (n < max && a[n] == b[n]) n++;
  return n;
}

/* Longest match for pos among the chain starting at cand (position + 1),
   only if longer than `better_than`; returns its length, 0 if none. */
static uint32_t longest_match(const deflater *d, uint32_t pos, uint32_t cand,
                              uint32_t better_than, uint32_t *dist_out) {
  uint32_t max_len = d->in_len - pos < MAX_MATCH ? d->in_len - pos : MAX_MATCH;
  if (max_len < MIN_MATCH || better_than >= max_len) return 0;
  uint32_t chain = d->lp.max_chain;
  if (better_than >= d->lp.good_len) chain >>= 2;
  uint32_t best = better_than < MIN_MATCH - 1 ? MIN_MATCH - 1 : better_than, best_dist = 0;
  const uint8_t *here = d->in + pos;
  while (cand && chain--) {
    uint32_t c = cand - 1;
    if (c + WSIZE <= pos) break; /* out of the window */
    const uint8_t *there = d->in + c;
    /* The byte that would make this match longer than the best is the
       cheapest rejection test. */
    if (there[best] == here[best] && there[0] == here[0] && there[1] == here[1]) {
      uint32_t len = match_length(there, here, max_len);
      if (len > best) {
        best = len;
        best_dist = pos - c;
        if (len >= d->lp.nice_len || len == max_len) break;
      }
    }
    uint32_t next = d->prev[c & WMASK];
    if (next >= cand) break; /* a stale link from an overwritten slot */
    cand = next;
  }
  if (!best_dist) return 0;
  /* A 3-byte match far away costs more bits than three literals. */
  if (best == MIN_MATCH && best_dist > 4096) return 0;
  *dist_out = best_dist;
  return best;
}

static void flush_block(deflater *d, int last);

static inline void emit_literal(deflater *d, uint8_t byte) {
  d->sym_len[d->nsyms] = byte;
  d->sym_dist[d->nsyms++] = 0;
  d->covered++;
  d->literals++;
  if (d->nsyms == BLOCK_SYMS) flush_block(d, 0);
}

static inline void emit_match(deflater *d, uint32_t len, uint32_t dist) {
  d->sym_len[d->nsyms] = (uint16_t)len;
  d->sym_dist[d->nsyms++] = (uint16_t)dist;
  d->covered += len;
  d->matches++;
  if (d->nsyms == BLOCK_SYMS) flush_block(d, 0);
}

/* Run-length codes a sequence of code lengths into code-length symbols
   (16 = repeat the previous 3-6 times, 17 = 3-10 zeros, 18 = 11-138 zeros). */
static uint32_t rle_lengths(const uint8_t *seq, uint32_t n, uint8_t *sym, uint8_t *extra) {
  uint32_t out = 0, i = 0;
  while (i < n) {
    uint8_t l = seq[i];
    uint32_t run = 1;
    while (i + run < n && seq[i + run] == l) run++;
    i += run;
    if (l == 0) {
      while (run >= 11) {
        uint32_t r = run < 138 ? run : 138;
        sym[out] = 18;
        extra[out++] = (uint8_t)(r - 11);
        run -= r;
      }
      if (run >= 3) {
        sym[out] = 17;
        extra[out++] = (uint8_t)(run - 3);
        run = 0;
      }
    } else {
      sym[out] = l;
      extra[out++] = 0;
      run--;
      while (run >= 3) {
        uint32_t r = run < 6 ? run : 6;
        sym[out] = 16;
        extra[out++] = (uint8_t)(r - 3);
        run -= r;
      }
    }
    while (run--) {
      sym[out] = l;
      extra[out++] = 0;
    }
  }
  return out;
}

static const uint8_t clen_extra_bits[CLEN_SYMS] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                                   0, 0, 0, 0, 0, 0, 2, 3, 7};

/* Gives a second symbol a count so that every code has at least two codes
   and is therefore complete, which every inflater accepts. */
static void ensure_two(uint32_t *freq, uint32_t n) {
  uint32_t used = 0;
  for (uint32_t s = 0; s < n && used < 2; s++) used += freq[s] != 0;
  for (uint32_t s = 0; used < 2 && s < n; s++)
    if (!freq[s]) {
      freq[s] = 1;
      used++;
    }
}

static void write_symbols(deflater *d, const uint16_t *lit_code, const uint8_t *lit_len,
                          const uint16_t *dist_code_, const uint8_t *dist_len) {
  const deflate_tables *t = d->t;
  bitwriter *w = &d->bw;
  for (uint32_t i = 0; i < d->nsyms; i++) {
    uint32_t len = d->sym_len[i], dist = d->sym_dist[i];
    if (!dist) {
      bw_put(w, lit_code[len], lit_len[len]);
      continue;
    }
    uint32_t lc = t->len_code[len];
    bw_put(w, lit_code[257 + lc], lit_len[257 + lc]);
    if (t->len_extra[lc]) bw_put(w, len - t->len_base[lc], t->len_extra[lc]);
    uint32_t dc = dist_code(t, dist);
    bw_put(w, dist_code_[dc], dist_len[dc]);
    if (t->dist_extra[dc]) bw_put(w, dist - t->dist_base[dc], t->dist_extra[dc]);
  }
  bw_put(w, lit_code[256], lit_len[256]);
}

static void write_stored(deflater *d, int last) {
  const uint8_t *p = d->in + d->block_start;
  uint32_t n = d->covered - d->block_start;
  do {
    uint32_t chunk = n < 65535 ? n : 65535;
    n -= chunk;
    bw_put(&d->bw, (last && n == 0) ? 1 : 0, 1);
    bw_put(&d->bw, 0, 2);
    bw_flush(&d->bw);
    uint8_t hdr[4] = {(uint8_t)chunk, (uint8_t)(chunk >> 8), (uint8_t)~chunk,
                      (uint8_t)(~chunk >> 8)};
    buf_append(d->bw.out, hdr, 4);
    buf_append(d->bw.out, p, chunk);
    p += chunk;
  } while (n);
  d->blocks[0]++;
}

/* Writes the pending symbols as the cheapest of a stored, a fixed-code or a
   dynamic-code block. */
static void flush_block(deflater *d, int last) {
  const deflate_tables *t = d->t;
  uint32_t lit_freq[LITLEN_SYMS] = {0}, dist_freq[DIST_SYMS] = {0};
  for (uint32_t i = 0; i < d->nsyms; i++) {
    if (!d->sym_dist[i]) {
      lit_freq[d->sym_len[i]]++;
    } else {
      lit_freq[257 + t->len_code[d->sym_len[i]]]++;
      dist_freq[dist_code(t, d->sym_dist[i])]++;
    }
  }
  lit_freq[256] = 1;
  ensure_two(lit_freq, 286);
  ensure_two(dist_freq, 30);

  uint8_t lit_len[LITLEN_SYMS], dist_len[DIST_SYMS];
  huff_lengths(lit_freq, 286, MAX_BITS, lit_len);
  huff_lengths(dist_freq, 30, MAX_BITS, dist_len);
  lit_len[286] = lit_len[287] = 0;
  dist_len[30] = dist_len[31] = 0;
  uint32_t hlit = 286, hdist = 30;
  while (hlit > 257 && !lit_len[hlit - 1]) hlit--;
  while (hdist > 1 && !dist_len[hdist - 1]) hdist--;

  uint8_t seq[286 + 30], csym[286 + 30], cextra[286 + 30];
  memcpy(seq, lit_len, hlit);
  memcpy(seq + hlit, dist_len, hdist);
  uint32_t ncl = rle_lengths(seq, hlit + hdist, csym, cextra);
  uint32_t clen_freq[CLEN_SYMS] = {0};
  for (uint32_t i = 0; i < ncl; i++) clen_freq[csym[i]]++;
  ensure_two(clen_freq, CLEN_SYMS);
  uint8_t clen_len[CLEN_SYMS];
  huff_lengths(clen_freq, CLEN_SYMS, MAX_CLEN_BITS, clen_len);
  uint32_t hclen = CLEN_SYMS;
  while (hclen > 4 && !clen_len[clen_order[hclen - 1]]) hclen--;

  /* Sizes in bits of the three candidate encodings. */
  uint64_t dyn = 3 + 5 + 5 + 4 + 3 * hclen, fixed = 3;
  for (uint32_t i = 0; i < ncl; i++) dyn += clen_len[csym[i]] + clen_extra_bits[csym[i]];
  for (uint32_t s = 0; s < 286; s++) {
    uint32_t extra = s >= 257 ? t->len_extra[s - 257] : 0;
    uint32_t f = s == 256 ? 1 : lit_freq[s];
    dyn += (uint64_t)f * (lit_len[s] + extra);
    fixed += (uint64_t)f * (t->fixed_lit_len[s] + extra);
  }
  for (uint32_t s = 0; s < 30; s++) {
    dyn += (uint64_t)dist_freq[s] * (dist_len[s] + t->dist_extra[s]);
    fixed += (uint64_t)dist_freq[s] * (5 + t->dist_extra[s]);
  }
  uint32_t raw = d->covered - d->block_start;
  uint64_t stored = ((uint64_t)raw / 65535 + 1) * (8 + 32) + (uint64_t)raw * 8;

  if (stored <= dyn && stored <= fixed) {
    write_stored(d, last);
  } else if (fixed <= dyn) {
    bw_put(&d->bw, last ? 1 : 0, 1);
    bw_put(&d->bw, 1, 2);
    write_symbols(d, t->fixed_lit_code, t->fixed_lit_len, t->fixed_dist_code, t->fixed_dist_len);
    d->blocks[1]++;
  } else {
    uint16_t lit_code[LITLEN_SYMS], dcode[DIST_SYMS], clen_code[CLEN_SYMS];
    huff_codes(lit_len, LITLEN_SYMS, lit_code);
    huff_codes(dist_len, DIST_SYMS, dcode);
    huff_codes(clen_len, CLEN_SYMS, clen_code);
    bw_put(&d->bw, last ? 1 : 0, 1);
    bw_put(&d->bw, 2, 2);
    bw_put(&d->bw, hlit - 257, 5);
    bw_put(&d->bw, hdist - 1, 5);
    bw_put(&d->bw, hclen - 4, 4);
    for (uint32_t i = 0; i < hclen; i++) bw_put(&d->bw, clen_len[clen_order[i]], 3);
    for (uint32_t i = 0; i < ncl; i++) {
      bw_put(&d->bw, clen_code[csym[i]], clen_len[csym[i]]);
      if (clen_extra_bits[csym[i]]) bw_put(&d->bw, cextra[i], clen_extra_bits[csym[i]]);
    }
    write_symbols(d, lit_code, lit_len, dcode, dist_len);
    d->blocks[2]++;
  }
  d->nsyms = 0;
  d->block_start = d->covered;
}

/* Greedy parsing: take the longest match at each position. */
static void parse_greedy(deflater *d) {
  uint32_t pos = 0;
  while (pos < d->in_len) {
    uint32_t cand = insert_pos(d, pos), dist = 0;
    uint32_t len = longest_match(d, pos, cand, 0, &dist);
    if (len) {
      emit_match(d, len, dist);
      /* Short matches index every position; long ones only the start, as
         fast levels do, to save time on runs. */
      uint32_t end = pos + len;
      if (len <= d->lp.nice_len)
        for (pos++; pos < end; pos++) insert_pos(d, pos);
      pos = end;
    } else {
      emit_literal(d, d->in[pos]);
      pos++;
    }
  }
}

/* Lazy parsing: a match found at pos is held while pos + 1 is searched;
   if that finds a longer one, pos becomes a literal instead. */
static void parse_lazy(deflater *d) {
  uint32_t pos = 0, held_len = 0, held_dist = 0;
  while (pos < d->in_len) {
    uint32_t cand = insert_pos(d, pos), dist = 0, len = 0;
    if (held_len < d->lp.nice_len) len = longest_match(d, pos, cand, held_len, &dist);
    if (held_len) {
      if (len > held_len) {
        emit_literal(d, d->in[pos - 1]);
        held_len = len;
        held_dist = dist;
        pos++;
      } else {
        /* The held match starts at pos - 1 and pos is already indexed. */
        emit_match(d, held_len, held_dist);
        uint32_t end = pos - 1 + held_len;
        for (pos++; pos < end; pos++) insert_pos(d, pos);
        held_len = 0;
      }
    } else if (len) {
      held_len = len;
      held_dist = dist;
      pos++;
    } else {
      emit_literal(d, d->in[pos]);
      pos++;
    }
  }
  if (held_len) emit_match(d, held_len, held_dist);
}

typedef struct {
  uint32_t blocks[3];
  uint32_t matches, literals;
} deflate_stats;

/* Appends the raw DEFLATE stream for in[0..n) to out. */
static lz_status deflate_compress(const deflate_tables *t, const uint8_t *in, uint32_t n,
                                  int level, bytebuf *out, deflate_stats *stats) {
  deflater d;
  memset(&d, 0, sizeof d);
  d.t = t;
  d.in = in;
  d.in_len = n;
  d.lp = level_table[level < 0 ? 0 : level > 9 ? 9 : level];
  d.bw.out = out;
  if (d.lp.max_chain == 0) {
    d.covered = n;
    write_stored(&d, 1);
  } else {
    d.head = calloc(HASH_SIZE, sizeof *d.head);
    d.prev = calloc(WSIZE, sizeof *d.prev);
    d.sym_len = malloc(BLOCK_SYMS * sizeof *d.sym_len);
    d.sym_dist = malloc(BLOCK_SYMS * sizeof *d.sym_dist);
    if (d.head && d.prev && d.sym_len && d.sym_dist) {
      if (d.lp.lazy)
        parse_lazy(&d);
      else
        parse_greedy(&d);
      flush_block(&d, 1);
    } else {
      out->failed = 1;
    }
    free(d.head);
    free(d.prev);
    free(d.sym_len);
    free(d.sym_dist);
  }
  bw_flush(&d.bw);
  if (stats) {
    memcpy(stats->blocks, d.blocks, sizeof d.blocks);
    stats->matches = d.matches;
    stats->literals = d.literals;
  }
  return out->failed ? LZ_ERR_NOMEM : LZ_OK;
}

/* ------------------------------------------------------------------------ */
/* The decompressor                                                          */
/* ------------------------------------------------------------------------ */

/* Reads a dynamic block's code definitions (RFC 1951 3.2.7). */
static lz_status read_dynamic_codes(bitreader *r, huff_decoder *lit, huff_decoder *dist) {
  uint32_t hlit = br_bits(r, 5) + 257, hdist = br_bits(r, 5) + 1, hclen = br_bits(r, 4) + 4;
  if (hlit > 286 || hdist > 30) return LZ_ERR_DATA;
  uint8_t clen_len[CLEN_SYMS] = {0};
  for (uint32_t i = 0; i < hclen; i++) clen_len[clen_order[i]] = (uint8_t)br_bits(r, 3);
  huff_decoder clen;
  if (!huff_decoder_build(&clen, clen_len, CLEN_SYMS)) return LZ_ERR_DATA;

  uint8_t lens[286 + 30];
  uint32_t n = 0;
  while (n < hlit + hdist) {
    int32_t sym = huff_decode(r, &clen);
    if (sym < 0) return br_overrun(r) ? LZ_ERR_TRUNCATED : LZ_ERR_DATA;
    if (sym < 16) {
      lens[n++] = (uint8_t)sym;
      continue;
    }
    uint32_t repeat;
    uint8_t value = 0;
    if (sym == 16) {
      if (n == 0) return LZ_ERR_DATA; /* nothing to repeat */
      value = lens[n - 1];
      repeat = 3 + br_bits(r, 2);
    } else if (sym == 17) {
      repeat = 3 + br_bits(r, 3);
    } else {
      repeat = 11 + br_bits(r, 7);
    }
    if (n + repeat > hlit + hdist) return LZ_ERR_DATA;
    while (repeat--) lens[n++] = value;
  }
  if (br_overrun(r)) return LZ_ERR_TRUNCATED;
  if (lens[256] == 0) return LZ_ERR_DATA; /* no end-of-block code */
  uint8_t lit_len[LITLEN_SYMS] = {0}, dist_len[DIST_SYMS] = {0};
  memcpy(lit_len, lens, hlit);
  memcpy(dist_len, lens + hlit, hdist);
  if (!huff_decoder_build(lit, lit_len, LITLEN_SYMS)) return LZ_ERR_DATA;
  if (!huff_decoder_build(dist, dist_len, DIST_SYMS)) return LZ_ERR_DATA;
  return LZ_OK;
}

/* Decodes one block's symbols; matches may reach back to out[base]. */
static lz_status inflate_codes(const deflate_tables *t, bitreader *r, const huff_decoder *lit,
                               const huff_decoder *dist, bytebuf *out, uint32_t base) {
  for (;;) {
    int32_t sym = huff_decode(r, lit);
    if (sym < 256) {
      if (sym < 0) return br_overrun(r) ? LZ_ERR_TRUNCATED : LZ_ERR_DATA;
      buf_push(out, (uint8_t)sym);
      continue;
    }
    if (sym == 256) break;
    sym -= 257;
    if (sym >= 29) return LZ_ERR_DATA;
    uint32_t len = t->len_base[sym] + br_bits(r, t->len_extra[sym]);
    int32_t dsym = huff_decode(r, dist);
    if (dsym < 0 || dsym >= 30) return br_overrun(r) ? LZ_ERR_TRUNCATED : LZ_ERR_DATA;
    uint32_t d = t->dist_base[dsym] + br_bits(r, t->dist_extra[dsym]);
    if (br_overrun(r)) return LZ_ERR_TRUNCATED;
    if (d > out->len - base) return LZ_ERR_DATA; /* before the start of output */
    if (!buf_reserve(out, len)) return LZ_ERR_NOMEM;
    uint8_t *dst = out->data + out->len;
    const uint8_t *src = dst - d;
    if (d >= len) {
      memcpy(dst, src, len);
    } else {
      /* Overlapping: the copy reads bytes it has just written. */
      for (uint32_t i = 0; i < len; i++) dst[i] = src[i];
    }
    out->len += len;
  }
  return br_overrun(r) ? LZ_ERR_TRUNCATED : LZ_OK;
}

/* Appends the decompressed raw DEFLATE stream at in[0..n) to out; sets
   *used to the number of input bytes it took. */
static lz_status inflate_raw(const deflate_tables *t, const uint8_t *in, uint32_t n, bytebuf *out,
                             uint32_t *used) {
  bitreader r;
  br_init(&r, in, n);
  uint32_t base = out->len;
  uint32_t last;
  huff_decoder *dyn = malloc(2 * sizeof *dyn);
  if (!dyn) return LZ_ERR_NOMEM;
  lz_status st = LZ_OK;
  do {
    last = br_bits(&r, 1);
    uint32_t type = br_bits(&r, 2);
    if (type == 0) {
      br_align(&r);
      uint32_t len = br_bits(&r, 16), nlen = br_bits(&r, 16);
      if (br_overrun(&r)) st = LZ_ERR_TRUNCATED;
      else if ((len ^ 0xffff) != nlen) st = LZ_ERR_DATA;
      else if (!br_copy(&r, out, len)) st = LZ_ERR_TRUNCATED;
    } else if (type == 1) {
      st = inflate_codes(t, &r, &t->fixed_lit, &t->fixed_dist, out, base);
    } else if (type == 2) {
      st = read_dynamic_codes(&r, &dyn[0], &dyn[1]);
      if (st == LZ_OK) st = inflate_codes(t, &r, &dyn[0], &dyn[1], out, base);
    } else {
      st = br_overrun(&r) ? LZ_ERR_TRUNCATED : LZ_ERR_DATA;
    }
    if (st == LZ_OK && out->failed) st = LZ_ERR_NOMEM;
  } while (st == LZ_OK && !last);
  free(dyn);
  *used = br_consumed(&r);
  return st;
}

/* ------------------------------------------------------------------------ */
/* gzip framing (RFC 1952)                                                   */
/* ------------------------------------------------------------------------ */

enum { GZ_FTEXT = 1, GZ_FHCRC = 2, GZ_FEXTRA = 4, GZ_FNAME = 8, GZ_FCOMMENT = 16 };

static lz_status gzip_compress(const deflate_tables *t, const uint8_t *in, uint32_t n, int level,
                               bytebuf *out, deflate_stats *stats) {
  /* No name, no time stamp; XFL tells whether the slowest or fastest
     method was used; OS 255 = unknown. */
  uint8_t hdr[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, level >= 9 ? 2 : level <= 1 ? 4 : 0, 255};
  buf_append(out, hdr, sizeof hdr);
  lz_status st = deflate_compress(t, in, n, level, out, stats);
  buf_put_le32(out, crc_update(&t->crc, 0, in, n));
  buf_put_le32(out, n);
  return st != LZ_OK ? st : out->failed ? LZ_ERR_NOMEM : LZ_OK;
}

/* Skips a NUL-terminated header field; 0 if it runs past the end. */
static int skip_cstring(const uint8_t *in, uint32_t n, uint32_t *pos) {
  while (*pos < n && in[*pos]) (*pos)++;
  if (*pos >= n) return 0;
  (*pos)++;
  return 1;
}

static lz_status gzip_decompress(const deflate_tables *t, const uint8_t *in, uint32_t n,
                                 bytebuf *out) {
  uint32_t pos = 0;
  do {
    if (n - pos < 18) return LZ_ERR_TRUNCATED;
    const uint8_t *h = in + pos;
    if (h[0] != 0x1f || h[1] != 0x8b || h[2] != 8) return LZ_ERR_DATA;
    uint32_t flags = h[3];
    if (flags & 0xe0) return LZ_ERR_DATA; /* reserved bits */
    uint32_t start = pos;
    pos += 10;
    if (flags & GZ_FEXTRA) {
      if (n - pos < 2) return LZ_ERR_TRUNCATED;
      uint32_t xlen = in[pos] | (uint32_t)in[pos + 1] << 8;
      pos += 2;
      if (n - pos < xlen) return LZ_ERR_TRUNCATED;
      pos += xlen;
    }
    if ((flags & GZ_FNAME) && !skip_cstring(in, n, &pos)) return LZ_ERR_TRUNCATED;
    if ((flags & GZ_FCOMMENT) && !skip_cstring(in, n, &pos)) return LZ_ERR_TRUNCATED;
    if (flags & GZ_FHCRC) {
      if (n - pos < 2) return LZ_ERR_TRUNCATED;
      uint32_t want = in[pos] | (uint32_t)in[pos + 1] << 8;
      if ((crc_update(&t->crc, 0, in + start, pos - start) & 0xffff) != want) return LZ_ERR_CHECK;
      pos += 2;
    }
    uint32_t member_start = out->len, used = 0;
    lz_status st = inflate_raw(t, in + pos, n - pos, out, &used);
    if (st != LZ_OK) return st;
    pos += used;
    if (n - pos < 8) return LZ_ERR_TRUNCATED;
    uint32_t crc = crc_update(&t->crc, 0, out->data + member_start, out->len - member_start);
    if (read_le32(in + pos) != crc || read_le32(in + pos + 4) != out->len - member_start)
      return LZ_ERR_CHECK;
    pos += 8;
  } while (pos < n);
  return LZ_OK;
}

/* ------------------------------------------------------------------------ */
/* The fast LZ codec                                                         */
/*                                                                           */
/* A byte-aligned format tuned for speed over ratio. The stream is a         */
/* sequence of runs; each starts with a token byte whose high nibble is the  */
/* literal count and low nibble the match length minus 4 (15 in either      */
/* means "more follows": bytes of 255 and a final byte below 255 are added). */
/* Then come the literals and a 16-bit little-endian match offset. The last  */
/* run has literals only and a low nibble of 0. The stream begins with the   */
/* uncompressed size as 4 bytes, little-endian.                              */
/* ------------------------------------------------------------------------ */

enum { FAST_HASH_BITS = 14, FAST_MIN = 4, FAST_MAX_OFFSET = 65535 };

static void put_more(bytebuf *out, uint32_t v) {
  while (v >= 255) {
    buf_push(out, 255);
    v -= 255;
  }
  buf_push(out, (uint8_t)v);
}

static void fast_run(bytebuf *out, const uint8_t *lit, uint32_t nlit, uint32_t mlen,
                     uint32_t offset) {
  uint32_t m = mlen ? mlen - FAST_MIN : 0;
  buf_push(out, (uint8_t)((nlit < 15 ? nlit : 15) << 4 | (m < 15 ? m : 15)));
  if (nlit >= 15) put_more(out, nlit - 15);
  buf_append(out, lit, nlit);
  if (!mlen) return;
  buf_push(out, (uint8_t)offset);
  buf_push(out, (uint8_t)(offset >> 8));
  if (m >= 15) put_more(out, m - 15);
}

static lz_status fast_compress(const uint8_t *in, uint32_t n, bytebuf *out) {
  uint32_t *table = calloc(1u << FAST_HASH_BITS, sizeof *table);
  if (!table) return LZ_ERR_NOMEM;
  buf_put_le32(out, n);
  uint32_t pos = 0, lit_start = 0;
  /* Skipping ahead faster the longer no match turns up keeps incompressible
     input cheap. */
  uint32_t misses = 0;
  while (n >= FAST_MIN && pos + FAST_MIN <= n) {
    uint32_t v = read_le32(in + pos);
    uint32_t h = (v * 2654435761u) >> (32 - FAST_HASH_BITS);
    uint32_t cand = table[h];
    table[h] = pos + 1;
    if (cand && pos - (cand - 1) <= FAST_MAX_OFFSET && read_le32(in + cand - 1) == v) {
      uint32_t c = cand - 1;
      uint32_t len = FAST_MIN + match_length(in + c + FAST_MIN, in + pos + FAST_MIN,
                                             n - pos - FAST_MIN);
      fast_run(out, in + lit_start, pos - lit_start, len, pos - c);
      /* Index one position inside the match so that repeats are found. */
      if (pos + len + 2 < n) {
        uint32_t p2 = pos + len - 2;
        uint32_t v2 = read_le32(in + p2);
        table[(v2 * 2654435761u) >> (32 - FAST_HASH_BITS)] = p2 + 1;
      }
      pos += len;
      lit_start = pos;
      misses = 0;
    } else {
      pos += 1 + (misses++ >> 5);
    }
  }
  fast_run(out, in + lit_start, n - lit_start, 0, 0);
  free(table);
  return out->failed ? LZ_ERR_NOMEM : LZ_OK;
}

static int get_more(const uint8_t *in, uint32_t n, uint32_t *pos, uint32_t *v) {
  uint8_t b;
  do {
    if (*pos >= n) return 0;
    b = in[(*pos)++];
    if (*v > 0xffffffffu - b) return 0;
    *v += b;
  } while (b == 255);
  return 1;
}

static lz_status fast_decompress(const uint8_t *in, uint32_t n, bytebuf *out) {
  if (n < 4) return LZ_ERR_TRUNCATED;
  uint32_t size = read_le32(in), pos = 4, base = out->len;
  if (!buf_reserve(out, size)) return LZ_ERR_NOMEM;
  uint8_t *dst = out->data + out->len;
  uint32_t done = 0;
  for (;;) {
    if (pos >= n) return LZ_ERR_TRUNCATED;
    uint32_t token = in[pos++];
    uint32_t nlit = token >> 4, m = token & 15;
    if (nlit == 15 && !get_more(in, n, &pos, &nlit)) return LZ_ERR_TRUNCATED;
    if (nlit > n - pos) return LZ_ERR_TRUNCATED;
    if (nlit > size - done) return LZ_ERR_DATA;
    memcpy(dst + done, in + pos, nlit);
    pos += nlit;
    done += nlit;
    if (done == size && pos == n) break; /* the last run */
    if (n - pos < 2) return LZ_ERR_TRUNCATED;
    uint32_t offset = in[pos] | (uint32_t)in[pos + 1] << 8;
    pos += 2;
    if (m == 15 && !get_more(in, n, &pos, &m)) return LZ_ERR_TRUNCATED;
    uint32_t len = m + FAST_MIN;
    if (offset == 0 || offset > done || len > size - done) return LZ_ERR_DATA;
    const uint8_t *src = dst + done - offset;
    if (offset >= len) {
      memcpy(dst + done, src, len);
    } else {
      for (uint32_t i = 0; i < len; i++) dst[done + i] = src[i];
    }
    done += len;
  }
  out->len = base + size;
  return LZ_OK;
}

/* ------------------------------------------------------------------------ */
/* Data generators                                                           */
/* ------------------------------------------------------------------------ */

/* Skewed choice in [0, n): small values are much more likely (roughly
   Zipf-shaped), like word frequencies. */
static uint32_t skewed(bench_rng *rng, uint32_t n) {
  double u = bench_unit(rng);
  uint32_t v = (uint32_t)(u * u * u * n);
  return v < n ? v : n - 1;
}

enum { VOCAB = 1500 };

typedef struct {
  char words[VOCAB][16];
  uint8_t lens[VOCAB];
} vocabulary;

static void make_vocabulary(vocabulary *v, bench_rng *rng) {
  static const char *const onsets[] = {"", "b", "c", "d", "f", "g", "h", "l", "m", "n", "p",
                                       "r", "s", "t", "v", "w", "st", "th", "ch", "pr", "gr"};
  static const char *const vowels[] = {"a", "e", "i", "o", "u", "ea", "ou", "ai"};
  static const char *const codas[] = {"", "", "n", "r", "s", "t", "l", "nd", "st", "ng"};
  for (uint32_t i = 0; i < VOCAB; i++) {
    /* Frequent words (low indices) are short, as in natural language. */
    uint32_t syll = 1 + (i > 40) + (i > 400) + bench_below(rng, i > 100 ? 2 : 1);
    uint32_t len = 0;
    for (uint32_t s = 0; s < syll; s++) {
      const char *parts[3] = {onsets[bench_below(rng, 21)], vowels[bench_below(rng, 8)],
                              codas[bench_below(rng, 10)]};
      for (int k = 0; k < 3; k++)
        for (const char *c = parts[k]; *c && len < 15; c++) v->words[i][len++] = *c;
    }
    v->words[i][len] = 0;
    v->lens[i] = (uint8_t)len;
  }
}

/* English-looking prose: sentences of skewed word choices, punctuation,
   lines wrapped at 72 columns, blank lines between paragraphs. */
static void gen_text(bytebuf *out, uint32_t size, bench_rng *rng) {
  vocabulary *v = malloc(sizeof *v);
  if (!v) {
    out->failed = 1;
    return;
  }
  make_vocabulary(v, rng);
  uint32_t col = 0, sentence_left = 0, paragraph_left = 4 + bench_below(rng, 6);
  int capital = 1;
  while (out->len < size && !out->failed) {
    if (sentence_left == 0) sentence_left = 4 + bench_below(rng, 18);
    uint32_t w = skewed(rng, VOCAB);
    uint32_t wl = v->lens[w];
    if (col + wl + 2 > 72) {
      buf_push(out, '\n');
      col = 0;
    } else if (col > 0) {
      buf_push(out, ' ');
      col++;
    }
    for (uint32_t i = 0; i < wl; i++) {
      char c = v->words[w][i];
      buf_push(out, (uint8_t)(capital && i == 0 ? c - 'a' + 'A' : c));
    }
    col += wl;
    capital = 0;
    if (--sentence_left == 0) {
      uint32_t r = bench_below(rng, 10);
      buf_push(out, r < 7 ? '.' : r < 9 ? '?' : '!');
      col++;
      capital = 1;
      if (--paragraph_left == 0) {
        buf_put_str(out, "\n\n");
        col = 0;
        paragraph_left = 4 + bench_below(rng, 6);
      }
    } else if (bench_below(rng, 9) == 0) {
      buf_push(out, ',');
      col++;
    }
  }
  free(v);
  if (out->len > size) out->len = size;
}

/* A server log: increasing time stamps, a few levels and components,
   request paths with ids, status codes, sizes and durations. */
static void gen_logs(bytebuf *out, uint32_t size, bench_rng *rng) {
  static const char *const levels[] = {"INFO ", "INFO ", "INFO ", "DEBUG", "WARN ", "ERROR"};
  static const char *const paths[] = {"/api/v1/items/", "/api/v1/users/", "/static/img/",
                                      "/api/v2/search?q=", "/health", "/api/v1/orders/"};
  static const uint32_t statuses[] = {200, 200, 200, 200, 201, 204, 304, 400, 404, 500};
  uint32_t t_ms = 36000000, req = 0x1a2b3c;
  while (out->len < size && !out->failed) {
    t_ms += bench_below(rng, 250);
    uint32_t s = t_ms / 1000;
    buf_put_str(out, "2024-03-");
    buf_put_uint(out, 10 + s / 86400 % 20, 2);
    buf_push(out, ' ');
    buf_put_uint(out, s / 3600 % 24, 2);
    buf_push(out, ':');
    buf_put_uint(out, s / 60 % 60, 2);
    buf_push(out, ':');
    buf_put_uint(out, s % 60, 2);
    buf_push(out, '.');
    buf_put_uint(out, t_ms % 1000, 3);
    buf_push(out, ' ');
    buf_put_str(out, levels[skewed(rng, 6)]);
    buf_put_str(out, " [worker-");
    buf_put_uint(out, bench_below(rng, 8), 1);
    buf_put_str(out, "] req=");
    req += 1 + bench_below(rng, 3);
    buf_put_hex(out, req, 8);
    uint32_t p = skewed(rng, 6);
    buf_put_str(out, " GET ");
    buf_put_str(out, paths[p]);
    if (p != 4) buf_put_uint(out, skewed(rng, 5000), 1);
    buf_put_str(out, " status=");
    buf_put_uint(out, statuses[skewed(rng, 10)], 3);
    buf_put_str(out, " bytes=");
    buf_put_uint(out, 200 + skewed(rng, 60000), 1);
    buf_put_str(out, " time=");
    buf_put_uint(out, 1 + skewed(rng, 900), 1);
    buf_put_str(out, "ms\n");
  }
  if (out->len > size) out->len = size;
}

/* Binary-looking data: tables of sorted 32-bit ids (small deltas), records
   of mixed fields, "machine code" made of recurring instruction patterns,
   and zero padding, in alternating sections. */
static void gen_binary(bytebuf *out, uint32_t size, bench_rng *rng) {
  uint8_t patterns[16][12];
  for (int i = 0; i < 16; i++)
    for (int k = 0; k < 12; k++) patterns[i][k] = (uint8_t)bench_next(rng);
  uint32_t id = 1000;
  while (out->len < size && !out->failed) {
    uint32_t kind = bench_below(rng, 4), count = 64 + bench_below(rng, 512);
    for (uint32_t i = 0; i < count; i++) {
      if (kind == 0) {
        id += 1 + skewed(rng, 40);
        buf_put_le32(out, id);
      } else if (kind == 1) {
        buf_put_le32(out, bench_below(rng, 100));
        buf_put_le32(out, 0x40000000u | bench_below(rng, 1 << 16));
        buf_push(out, (uint8_t)skewed(rng, 8));
        buf_push(out, 0);
      } else if (kind == 2) {
        const uint8_t *pat = patterns[skewed(rng, 16)];
        buf_append(out, pat, 2 + bench_below(rng, 10));
        buf_push(out, (uint8_t)bench_below(rng, 32));
      } else {
        buf_put_le32(out, 0);
      }
    }
  }
  if (out->len > size) out->len = size;
}

/* A paletted image, 1024 pixels wide: a gradient background, rectangles of
   solid colour and some noisy rows; long runs and rows that repeat. */
static void gen_image(bytebuf *out, uint32_t size, bench_rng *rng) {
  enum { W = 1024 };
  uint32_t rows = (size + W - 1) / W;
  if (!buf_reserve(out, rows * W)) return;
  uint8_t *img = out->data + out->len;
  for (uint32_t y = 0; y < rows; y++)
    for (uint32_t x = 0; x < W; x++) img[y * W + x] = (uint8_t)(x / 64 + y / 32);
  for (uint32_t r = 0; r < rows / 4; r++) {
    uint32_t x0 = bench_below(rng, W), y0 = bench_below(rng, rows);
    uint32_t w = 8 + bench_below(rng, 200), h = 4 + bench_below(rng, 60);
    uint8_t colour = (uint8_t)bench_below(rng, 256);
    for (uint32_t y = y0; y < y0 + h && y < rows; y++)
      for (uint32_t x = x0; x < x0 + w && x < W; x++) img[y * W + x] = colour;
  }
  for (uint32_t r = 0; r < rows / 16; r++) {
    uint32_t y = bench_below(rng, rows);
    for (uint32_t x = 0; x < W; x++)
      if (bench_below(rng, 4) == 0) img[y * W + x] = (uint8_t)bench_next(rng);
  }
  out->len += size;
}

static void gen_random(bytebuf *out, uint32_t size, bench_rng *rng) {
  while (out->len < size && !out->failed) {
    uint64_t v = bench_next(rng);
    buf_append(out, &v, 8); /* byte order does not matter for noise */
  }
  if (out->len > size) out->len = size;
}

typedef struct {
  const char *name;
  void (*gen)(bytebuf *, uint32_t, bench_rng *);
  uint32_t kib; /* size at the default scale, 4 */
} dataset;

static const dataset datasets[] = {
    {"text", gen_text, 640},   {"logs", gen_logs, 512},     {"binary", gen_binary, 384},
    {"image", gen_image, 384}, {"random", gen_random, 128},
};
enum { NDATASETS = sizeof datasets / sizeof datasets[0] };

static int generate(const dataset *ds, uint32_t scale, bytebuf *out) {
  bench_rng rng = {0x5eed0000u + (uint64_t)(ds - datasets)};
  ds->gen(out, ds->kib * 256 * scale, &rng);
  return !out->failed;
}

/* ------------------------------------------------------------------------ */
/* Benchmark driver                                                          */
/* ------------------------------------------------------------------------ */

typedef struct {
  uint64_t checksum;
  uint32_t failures;
  uint64_t in_total, out_total;
} bench_totals;

/* Percent with one decimal, formatted with integers only. */
static void print_ratio(uint32_t in, uint32_t out) {
  uint64_t tenths = in ? ((uint64_t)out * 1000 + in / 2) / in : 0;
  printf("%3" PRIu64 ".%" PRIu64 "%%", tenths / 10, tenths % 10);
}

static void run_gzip(const deflate_tables *t, const char *name, const bytebuf *data, int level,
                     bench_totals *tot) {
  bytebuf comp = {0}, back = {0};
  deflate_stats stats;
  lz_status st = gzip_compress(t, data->data, data->len, level, &comp, &stats);
  if (st == LZ_OK) st = gzip_decompress(t, comp.data, comp.len, &back);
  int same = st == LZ_OK && back.len == data->len && memcmp(back.data, data->data, data->len) == 0;
  printf("  %-7s gzip -%d  %8u -> %8u  ", name, level, data->len, comp.len);
  print_ratio(data->len, comp.len);
  printf("  blocks %u/%u/%u  matches %u  %s\n", stats.blocks[0], stats.blocks[1],
         stats.blocks[2], stats.matches, same ? "ok" : lz_status_text(st));
  if (!same) tot->failures++;
  tot->checksum = bench_mix(tot->checksum, comp.len);
  tot->checksum = bench_mix(tot->checksum, crc_update(&t->crc, 0, comp.data, comp.len));
  tot->checksum = bench_mix(tot->checksum, stats.matches);
  tot->in_total += data->len;
  tot->out_total += comp.len;
  buf_free(&comp);
  buf_free(&back);
}

static void run_fast(const deflate_tables *t, const char *name, const bytebuf *data,
                     bench_totals *tot) {
  bytebuf comp = {0}, back = {0};
  lz_status st = fast_compress(data->data, data->len, &comp);
  /* Decompress a few times: the fast codec is meant for data read often. */
  for (int i = 0; i < 3 && st == LZ_OK; i++) {
    back.len = 0;
    st = fast_decompress(comp.data, comp.len, &back);
  }
  int same = st == LZ_OK && back.len == data->len && memcmp(back.data, data->data, data->len) == 0;
  printf("  %-7s fast     %8u -> %8u  ", name, data->len, comp.len);
  print_ratio(data->len, comp.len);
  printf("  %s\n", same ? "ok" : lz_status_text(st));
  if (!same) tot->failures++;
  tot->checksum = bench_mix(tot->checksum, comp.len);
  tot->checksum = bench_mix(tot->checksum, crc_update(&t->crc, 0, comp.data, comp.len));
  buf_free(&comp);
  buf_free(&back);
}

/* Corrupted and truncated streams must be rejected, never crash. */
static void run_robustness(const deflate_tables *t, const bytebuf *data, bench_totals *tot) {
  bytebuf comp = {0};
  uint32_t n = data->len < 65536 ? data->len : 65536;
  if (gzip_compress(t, data->data, n, 6, &comp, NULL) != LZ_OK) {
    tot->failures++;
    buf_free(&comp);
    return;
  }
  bench_rng rng = {77};
  uint32_t rejected = 0, trials = 200;
  for (uint32_t i = 0; i < trials; i++) {
    bytebuf back = {0};
    uint32_t len = comp.len;
    uint32_t at = 10 + bench_below(&rng, comp.len - 18);
    uint8_t saved = comp.data[at];
    if (i % 2)
      len = at; /* truncate */
    else
      comp.data[at] ^= (uint8_t)(1u << bench_below(&rng, 8));
    lz_status st = gzip_decompress(t, comp.data, len, &back);
    rejected += st != LZ_OK;
    comp.data[at] = saved;
    buf_free(&back);
  }
  printf("  damaged streams: %u of %u rejected\n", rejected, trials);
  tot->checksum = bench_mix(tot->checksum, rejected);
  buf_free(&comp);
}

static int run_benchmark(uint32_t scale) {
  deflate_tables *t = malloc(sizeof *t);
  if (!t) return 1;
  deflate_tables_init(t);
  bench_totals tot = {0, 0, 0, 0};
  static const int gzip_levels[] = {1, 6, 9};
  for (uint32_t i = 0; i < NDATASETS; i++) {
    bytebuf data = {0};
    if (!generate(&datasets[i], scale, &data)) {
      printf("out of memory generating %s\n", datasets[i].name);
      return 1;
    }
    tot.checksum = bench_mix(tot.checksum, crc_update(&t->crc, 0, data.data, data.len));
    for (uint32_t k = 0; k < sizeof gzip_levels / sizeof gzip_levels[0]; k++)
      run_gzip(t, datasets[i].name, &data, gzip_levels[k], &tot);
    run_fast(t, datasets[i].name, &data, &tot);
    if (i == 0) run_robustness(t, &data, &tot);
    buf_free(&data);
  }
  printf("total gzip %" PRIu64 " -> %" PRIu64 " bytes, %u failures\n", tot.in_total,
         tot.out_total, tot.failures);
  free(t);
  bench_report("lz", bench_mix(tot.checksum, tot.failures));
  return tot.failures ? 1 : 0;
}

/* ------------------------------------------------------------------------ */
/* Command line                                                              */
/* ------------------------------------------------------------------------ */

static int read_stdin(bytebuf *in) {
  for (;;) {
    if (!buf_reserve(in, 65536)) return 0;
    size_t got = fread(in->data + in->len, 1, in->cap - in->len, stdin);
    in->len += (uint32_t)got;
    if (got == 0) return !ferror(stdin);
  }
}

static int write_stdout(const bytebuf *out) {
  return fwrite(out->data, 1, out->len, stdout) == out->len && fflush(stdout) == 0;
}

static int tool(int argc, char **argv) {
  deflate_tables *t = malloc(sizeof *t);
  if (!t) return 1;
  deflate_tables_init(t);
  bytebuf in = {0}, out = {0};
  lz_status st = LZ_OK;
  int rc = 0;
  if (strcmp(argv[1], "-g") == 0) {
    uint32_t scale = argc > 3 ? (uint32_t)strtoul(argv[3], NULL, 10) : 4;
    const dataset *ds = NULL;
    for (uint32_t i = 0; i < NDATASETS; i++)
      if (argc > 2 && strcmp(argv[2], datasets[i].name) == 0) ds = &datasets[i];
    if (!ds) {
      fprintf(stderr, "lz: -g needs one of: text logs binary image random\n");
      rc = 2;
    } else if (!generate(ds, scale, &out)) {
      st = LZ_ERR_NOMEM;
    }
  } else if (!read_stdin(&in)) {
    fprintf(stderr, "lz: cannot read standard input\n");
    rc = 1;
  } else if (strcmp(argv[1], "-c") == 0) {
    int level = argc > 2 ? atoi(argv[2]) : 6;
    st = gzip_compress(t, in.data, in.len, level, &out, NULL);
  } else if (strcmp(argv[1], "-d") == 0) {
    st = gzip_decompress(t, in.data, in.len, &out);
  }
  if (rc == 0 && st != LZ_OK) {
    fprintf(stderr, "lz: %s\n", lz_status_text(st));
    rc = 1;
  }
  if (rc == 0 && !write_stdout(&out)) {
    fprintf(stderr, "lz: write error\n");
    rc = 1;
  }
  buf_free(&in);
  buf_free(&out);
  free(t);
  return rc;
}

int main(int argc, char **argv) {
  if (argc > 1 && argv[1][0] == '-' && argv[1][1] != 0 && strchr("cdg", argv[1][1]) &&
      argv[1][2] == 0)
    return tool(argc, argv);
  if (argc > 1 && argv[1][0] == '-') {
    fprintf(stderr, "usage: lz [SCALE] | lz -c [LEVEL] | lz -d | lz -g NAME [SCALE]\n");
    return 2;
  }
  int32_t scale = bench_scale(argc, argv, 4);
  return run_benchmark(scale > 0 ? (uint32_t)scale : 1);
}
