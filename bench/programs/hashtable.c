/*
 * hashtable.c — string hashing, comparison and allocation: a chained hash
 * table (growing by rehashing) counting words of a generated text, then
 * lookups of present and absent words and deletion of the rare ones.
 */
#include "bench.h"

typedef struct entry {
  struct entry *next;
  uint32_t hash;
  uint32_t count;
  uint32_t len;
  char key[]; /* NUL-terminated */
} entry;

typedef struct {
  entry **buckets;
  uint32_t mask; /* bucket count - 1, a power of two minus one */
  uint32_t size;
} table;

/* FNV-1a, 32-bit. */
static uint32_t hash_str(const char *s, uint32_t len) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < len; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
  return h;
}

static int table_init(table *t, uint32_t buckets) {
  t->buckets = calloc(buckets, sizeof *t->buckets);
  t->mask = buckets - 1;
  t->size = 0;
  return t->buckets != NULL;
}

static int table_grow(table *t) {
  uint32_t n = (t->mask + 1) * 2;
  entry **nb = calloc(n, sizeof *nb);
  if (!nb) return 0;
  for (uint32_t i = 0; i <= t->mask; i++) {
    entry *e = t->buckets[i];
    while (e) {
      entry *next = e->next;
      e->next = nb[e->hash & (n - 1)];
      nb[e->hash & (n - 1)] = e;
      e = next;
    }
  }
  free(t->buckets);
  t->buckets = nb;
  t->mask = n - 1;
  return 1;
}

static entry *table_find(const table *t, const char *key, uint32_t len, uint32_t h) {
  for (entry *e = t->buckets[h & t->mask]; e; e = e->next)
    if (e->hash == h && e->len == len && memcmp(e->key, key, len) == 0) return e;
  return NULL;
}

/* Adds one occurrence of key; returns 0 on allocation failure. */
static int table_add(table *t, const char *key, uint32_t len) {
  uint32_t h = hash_str(key, len);
  entry *e = table_find(t, key, len, h);
  if (e) {
    e->count++;
    return 1;
  }
  if (t->size >= (t->mask + 1) / 4 * 3 && !table_grow(t)) return 0;
  e = malloc(sizeof *e + len + 1);
  if (!e) return 0;
  e->hash = h;
  e->count = 1;
  e->len = len;
  memcpy(e->key, key, len);
  e->key[len] = 0;
  e->next = t->buckets[h & t->mask];
  t->buckets[h & t->mask] = e;
  t->size++;
  return 1;
}

/* Removes entries seen fewer than min times; returns how many. */
static uint32_t table_prune(table *t, uint32_t min) {
  uint32_t removed = 0;
  for (uint32_t i = 0; i <= t->mask; i++) {
    entry **link = &t->buckets[i];
    while (*link) {
      entry *e = *link;
      if (e->count < min) {
        *link = e->next;
        free(e);
        removed++;
      } else {
        link = &e->next;
      }
    }
  }
  t->size -= removed;
  return removed;
}

static void table_free(table *t) {
  for (uint32_t i = 0; i <= t->mask; i++) {
    entry *e = t->buckets[i];
    while (e) {
      entry *next = e->next;
      free(e);
      e = next;
    }
  }
  free(t->buckets);
}

/* Words are 1-4 syllables; frequent syllables make a Zipf-like spread. */
static uint32_t make_word(bench_rng *rng, char *out) {
  static const char *const syllables[] = {
      "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "zen", "dra", "pli", "qua", "x",
      "or", "an", "el", "is", "um", "bra", "sto", "gri", "fen", "hol", "jin", "wex", "yo"};
  uint32_t n = 1 + bench_below(rng, 4), len = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t r = bench_below(rng, 26 * 26);
    /* squaring-ish skew: low indices much more likely */
    const char *s = syllables[(r / 26) * (r % 26) / 26];
    while (*s) out[len++] = *s++;
  }
  if (bench_below(rng, 8) == 0) {
    /* a numeric suffix, formatted by hand to keep libc's printf out of the loop */
    uint32_t v = bench_below(rng, 1000), digits = v >= 100 ? 3 : v >= 10 ? 2 : 1;
    for (uint32_t i = digits; i-- > 0; v /= 10) out[len + i] = (char)('0' + v % 10);
    len += digits;
  }
  out[len] = 0;
  return len;
}

int main(int argc, char **argv) {
  int32_t scale = bench_scale(argc, argv, 5);
  uint32_t nwords = (uint32_t)scale * 200000;
  table t;
  if (!table_init(&t, 16)) return 1;
  bench_rng rng = {1234567};
  char word[64];
  uint64_t total_len = 0;
  for (uint32_t i = 0; i < nwords; i++) {
    uint32_t len = make_word(&rng, word);
    total_len += len;
    if (!table_add(&t, word, len)) return 1;
  }
  printf("%u words (%" PRIu64 " bytes): %u distinct, %u buckets\n", nwords, total_len, t.size,
         t.mask + 1);

  /* Lookups: regenerate a second stream; about half the words are new. */
  uint32_t hits = 0;
  uint64_t hit_counts = 0;
  bench_rng rng2 = {7654321};
  for (uint32_t i = 0; i < nwords; i++) {
    uint32_t len = make_word(&rng2, word);
    if (i & 1) word[len++] = 'q', word[len] = 0;
    entry *e = table_find(&t, word, len, hash_str(word, len));
    if (e) {
      hits++;
      hit_counts += e->count;
    }
  }
  printf("lookups: %u hits, summed count %" PRIu64 "\n", hits, hit_counts);

  uint32_t removed = table_prune(&t, 3);
  uint64_t h = bench_mix(bench_mix(bench_mix(0, t.size), hits), hit_counts);
  uint64_t agg = 0;
  uint32_t most = 0;
  const char *most_word = "";
  for (uint32_t i = 0; i <= t.mask; i++)
    for (entry *e = t.buckets[i]; e; e = e->next) {
      agg += (uint64_t)e->hash * e->count; /* order-independent */
      if (e->count > most || (e->count == most && strcmp(e->key, most_word) < 0)) {
        most = e->count;
        most_word = e->key;
      }
    }
  printf("pruned %u rare words, %u remain; most frequent \"%s\" x%u\n", removed, t.size, most_word,
         most);
  h = bench_mix(bench_mix(h, agg), most);
  table_free(&t);
  bench_report("hashtable", h);
  return 0;
}
