/*
 * qsort.c — indirect calls: a generic quicksort (median of three, insertion
 * sort for short ranges) that compares through a function pointer, run over
 * arrays of records with several comparators picked from a table. The sort
 * is our own so native and wasm builds run the same algorithm.
 */
#include "bench.h"

typedef struct {
  uint32_t key;
  uint32_t id; /* unique: every comparator breaks ties on it, so orders are total */
  double weight;
  char name[8];
} record;

typedef int (*compare_fn)(const void *, const void *);

static void swap_bytes(uint8_t *a, uint8_t *b, uint32_t size) {
  while (size--) {
    uint8_t t = *a;
    *a++ = *b;
    *b++ = t;
  }
}

static void insertion_sort(uint8_t *base, uint32_t n, uint32_t size, compare_fn cmp) {
  for (uint32_t i = 1; i < n; i++)
    for (uint32_t j = i; j > 0 && cmp(base + (j - 1) * size, base + j * size) > 0; j--)
      swap_bytes(base + (j - 1) * size, base + j * size, size);
}

/* Recurses on the smaller side and loops on the larger: depth O(log n). */
static void sort(void *vbase, uint32_t n, uint32_t size, compare_fn cmp) {
  uint8_t *base = vbase;
  while (n > 12) {
    uint8_t *lo = base, *mid = base + (n / 2) * size, *hi = base + (n - 1) * size;
    if (cmp(mid, lo) < 0) swap_bytes(mid, lo, size);
    if (cmp(hi, mid) < 0) {
      swap_bytes(hi, mid, size);
      if (cmp(mid, lo) < 0) swap_bytes(mid, lo, size);
    }
    /* Pivot to the front, then Hoare partition around it. */
    swap_bytes(base, mid, size);
    uint32_t i = 0, j = n;
    for (;;) {
      do i++; while (i < n && cmp(base + i * size, base) < 0);
      do j--; while (cmp(base + j * size, base) > 0);
      if (i >= j) break;
      swap_bytes(base + i * size, base + j * size, size);
    }
    swap_bytes(base, base + j * size, size);
    uint32_t left = j, right = n - j - 1;
    if (left < right) {
      sort(base, left, size, cmp);
      base += (j + 1) * size;
      n = right;
    } else {
      sort(base + (j + 1) * size, right, size, cmp);
      n = left;
    }
  }
  insertion_sort(base, n, size, cmp);
}

static int by_id(const record *a, const record *b) { return (a->id > b->id) - (a->id < b->id); }

static int cmp_key(const void *pa, const void *pb) {
  const record *a = pa, *b = pb;
  if (a->key != b->key) return a->key < b->key ? -1 : 1;
  return by_id(a, b);
}

static int cmp_key_desc(const void *pa, const void *pb) { return cmp_key(pb, pa); }

static int cmp_weight(const void *pa, const void *pb) {
  const record *a = pa, *b = pb;
  if (a->weight != b->weight) return a->weight < b->weight ? -1 : 1;
  return by_id(a, b);
}

static int cmp_name(const void *pa, const void *pb) {
  const record *a = pa, *b = pb;
  int c = memcmp(a->name, b->name, sizeof a->name);
  return c ? c : by_id(a, b);
}

/* Low 8 bits of the key first, then the key's upper bits: a mixed order. */
static int cmp_mixed(const void *pa, const void *pb) {
  const record *a = pa, *b = pb;
  uint32_t la = a->key & 0xff, lb = b->key & 0xff;
  if (la != lb) return la < lb ? -1 : 1;
  return cmp_key(pa, pb);
}

static int cmp_u32(const void *pa, const void *pb) {
  uint32_t a, b;
  memcpy(&a, pa, 4);
  memcpy(&b, pb, 4);
  return (a > b) - (a < b);
}

int main(int argc, char **argv) {
  int32_t rounds = bench_scale(argc, argv, 3);
  enum { N = 100000 };
  static const compare_fn comparators[] = {cmp_key, cmp_weight, cmp_name, cmp_key_desc, cmp_mixed};
  const uint32_t ncmp = sizeof comparators / sizeof comparators[0];
  record *recs = malloc(sizeof(record) * N);
  uint32_t *ints = malloc(sizeof(uint32_t) * N * 4);
  if (!recs || !ints) return 1;
  bench_rng rng = {31337};
  for (uint32_t i = 0; i < N; i++) {
    recs[i].key = bench_below(&rng, N / 4); /* many duplicate keys */
    recs[i].id = i;
    recs[i].weight = bench_unit(&rng) * 1000.0;
    for (int k = 0; k < 7; k++) recs[i].name[k] = (char)('a' + bench_below(&rng, 6));
    recs[i].name[7] = 0;
  }

  uint64_t h = 0;
  uint32_t unsorted = 0;
  for (int32_t r = 0; r < rounds; r++) {
    for (uint32_t c = 0; c < ncmp; c++) {
      compare_fn cmp = comparators[(c + (uint32_t)r) % ncmp];
      sort(recs, N, sizeof(record), cmp);
      for (uint32_t i = 1; i < N; i++) unsorted += cmp(&recs[i - 1], &recs[i]) > 0;
      h = bench_mix(h, recs[0].id);
      h = bench_mix(h, recs[N / 2].id);
      h = bench_mix(h, recs[N - 1].id);
    }
    for (uint32_t i = 0; i < N * 4; i++) ints[i] = (uint32_t)bench_next(&rng);
    sort(ints, N * 4, sizeof(uint32_t), cmp_u32);
    for (uint32_t i = 1; i < N * 4; i++) unsorted += ints[i - 1] > ints[i];
    h = bench_mix(h, ints[N]);
  }
  for (uint32_t i = 0; i < N; i += 97) h = bench_mix(h, recs[i].id);
  printf("sorted %d rounds of %u records x %u comparators and %u integers; %u out of order\n",
         rounds, N, ncmp, N * 4, unsorted);
  free(recs);
  free(ints);
  bench_report("qsort", h);
  return 0;
}
