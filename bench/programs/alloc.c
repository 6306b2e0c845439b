/*
 * alloc.c — malloc/free-heavy code: binary trees built node by node and
 * freed again, then a churn of mixed-size blocks (malloc, realloc, free in
 * random order) whose contents are written and verified.
 */
#include "bench.h"

typedef struct node {
  struct node *left, *right;
  uint32_t value;
} node;

static node *build(uint32_t depth, uint32_t value) {
  node *n = malloc(sizeof *n);
  if (!n) return NULL;
  n->value = value;
  n->left = depth ? build(depth - 1, 2 * value) : NULL;
  n->right = depth ? build(depth - 1, 2 * value + 1) : NULL;
  return n;
}

/* Sum of (value xor depth) over the tree; frees as it goes. */
static uint64_t consume(node *n, uint32_t depth) {
  if (!n) return 0;
  uint64_t s = (n->value ^ depth) + consume(n->left, depth + 1) + consume(n->right, depth + 1);
  free(n);
  return s;
}

static uint32_t count(const node *n) { return n ? 1 + count(n->left) + count(n->right) : 0; }

typedef struct {
  uint8_t *p;
  uint32_t size;
  uint8_t tag;
} block;

static int check_block(const block *b) {
  for (uint32_t i = 0; i < b->size; i += 61)
    if (b->p[i] != (uint8_t)(b->tag + i)) return 0;
  return 1;
}

static void fill_block(block *b) {
  for (uint32_t i = 0; i < b->size; i += 61) b->p[i] = (uint8_t)(b->tag + i);
}

int main(int argc, char **argv) {
  int32_t scale = bench_scale(argc, argv, 5);
  uint64_t h = 0;

  /* Part 1: a long-lived tree, and many short-lived ones of every depth. */
  node *keep = build(16, 1);
  uint32_t kept = count(keep);
  for (uint32_t depth = 4; depth <= 16; depth += 2) {
    uint32_t iters = (uint32_t)scale * (1u << (18 - depth));
    uint64_t sum = 0;
    for (uint32_t i = 0; i < iters; i++) sum += consume(build(depth, i), 0);
    h = bench_mix(h, sum);
    printf("depth %2u: %6u trees, sum %" PRIu64 "\n", depth, iters, sum);
  }
  h = bench_mix(h, consume(keep, 0));
  printf("long-lived tree: %u nodes\n", kept);

  /* Part 2: churn. Sizes are mostly small, sometimes medium, rarely large. */
  enum { SLOTS = 4096 };
  block *blocks = calloc(SLOTS, sizeof *blocks);
  if (!blocks) return 1;
  bench_rng rng = {5};
  uint32_t bad = 0, ops = (uint32_t)scale * 200000;
  uint64_t live_bytes = 0, peak = 0;
  for (uint32_t op = 0; op < ops; op++) {
    block *b = &blocks[bench_below(&rng, SLOTS)];
    uint32_t r = bench_below(&rng, 100);
    uint32_t size = r < 80 ? 8 + bench_below(&rng, 120)
                    : r < 98 ? 128 + bench_below(&rng, 2048)
                             : 4096 + bench_below(&rng, 60000);
    if (b->p && r % 3 == 0) {
      /* realloc keeps the common prefix; check it survived */
      uint8_t *q = realloc(b->p, size);
      if (!q) return 1;
      b->p = q;
      live_bytes = live_bytes - b->size + size;
      if (size < b->size) b->size = size;
      bad += !check_block(b);
      b->size = size;
      fill_block(b);
    } else if (b->p) {
      bad += !check_block(b);
      live_bytes -= b->size;
      free(b->p);
      b->p = NULL;
    } else {
      b->p = malloc(size);
      if (!b->p) return 1;
      b->size = size;
      b->tag = (uint8_t)op;
      fill_block(b);
      live_bytes += size;
    }
    if (live_bytes > peak) peak = live_bytes;
  }
  for (uint32_t i = 0; i < SLOTS; i++) {
    if (blocks[i].p) {
      bad += !check_block(&blocks[i]);
      h = bench_mix(h, blocks[i].size);
      free(blocks[i].p);
    }
  }
  free(blocks);
  printf("churn: %u operations, peak %" PRIu64 " live bytes, %u corrupted blocks\n", ops, peak,
         bad);
  h = bench_mix(bench_mix(h, peak), bad);
  bench_report("alloc", h);
  return 0;
}
