/*
 * memory.c — linear memories.
 *
 * The whole maximum (or 4 GiB when there is none) is reserved once as
 * inaccessible address space, and pages are made readable and writable as
 * the memory grows. So `data` never moves, which lets the interpreter cache
 * it across calls, and fresh pages are zero because the kernel says so.
 */
#include "runtime/rt_internal.h"

#include <sys/mman.h>
#include <unistd.h>

static void *reserve(uint64_t bytes) {
  if (bytes > SIZE_MAX) return NULL;
  void *p =
      mmap(NULL, (size_t)bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  return p == MAP_FAILED ? NULL : p;
}

static uint64_t host_page(void) {
  long n = sysconf(_SC_PAGESIZE);
  return n > 0 ? (uint64_t)n : 4096;
}

cwasi_memory *rt_memory_new(cwasi_store *s, const cw_limits *lim) {
  uint32_t max_pages = lim->has_max ? lim->max : RT_MAX_PAGES;
  if (lim->min > RT_MAX_PAGES || max_pages > RT_MAX_PAGES || lim->min > max_pages) return NULL;
  cwasi_memory *mem = cw_calloc(1, sizeof *mem);
  if (!mem) return NULL;
  uint64_t min_bytes = (uint64_t)lim->min * CWASI_PAGE_SIZE;
  /* A zero-length mapping is not allowed, and even an empty memory must
   * have a valid, non-NULL data pointer. */
  uint64_t want = (uint64_t)max_pages * CWASI_PAGE_SIZE;
  /* Nothing past the store's limit can ever be used: no need to reserve it. */
  uint64_t limit = s->limits.max_memory_bytes / CWASI_PAGE_SIZE * CWASI_PAGE_SIZE;
  if (want > limit) want = limit;
  if (want < min_bytes) {
    cw_free(mem);
    return NULL;
  }
  if (want == 0) want = host_page();
  uint64_t need = min_bytes ? min_bytes : host_page();
  void *p = reserve(want);
  /* Not enough address space (e.g. under ulimit -v): settle for less, down
   * to what is needed now; growing beyond the reservation fails cleanly. */
  while (!p && want / 2 >= need && want / 2 >= CWASI_PAGE_SIZE) {
    want = want / 2 / CWASI_PAGE_SIZE * CWASI_PAGE_SIZE;
    p = reserve(want);
  }
  if (!p && want != need) {
    want = need;
    p = reserve(want);
  }
  if (!p) {
    cw_free(mem);
    return NULL;
  }
  if (min_bytes && mprotect(p, (size_t)min_bytes, PROT_READ | PROT_WRITE) != 0) {
    munmap(p, (size_t)want);
    cw_free(mem);
    return NULL;
  }
  mem->store = s;
  mem->data = p;
  mem->reserved = (size_t)want;
  mem->size = min_bytes;
  mem->pages = lim->min;
  mem->max_pages = max_pages;
  mem->has_max = lim->has_max;
  if (!rt_objlist_push(&s->memories, mem)) {
    rt_memory_free(mem);
    return NULL;
  }
  return mem;
}

void rt_memory_free(cwasi_memory *mem) {
  if (!mem) return;
  munmap(mem->data, mem->reserved);
  cw_free(mem);
}

int64_t rt_memory_grow(cwasi_memory *mem, uint32_t delta) {
  uint32_t old = mem->pages;
  if (delta == 0) return old;
  uint64_t pages = (uint64_t)old + delta;
  if (pages > mem->max_pages || pages > RT_MAX_PAGES) return -1;
  uint64_t bytes = pages * CWASI_PAGE_SIZE;
  if (bytes > mem->store->limits.max_memory_bytes) return -1;
  if (bytes > mem->reserved) return -1;
  if (mprotect(mem->data + mem->size, (size_t)(bytes - mem->size), PROT_READ | PROT_WRITE) != 0)
    return -1;
  mem->size = bytes;
  mem->pages = (uint32_t)pages;
  return old;
}

cwasi_memory *cwasi_memory_new(cwasi_store *store, uint32_t min_pages, uint32_t max_pages) {
  if (!store) return NULL;
  cw_limits lim = {min_pages, max_pages == CWASI_NO_MAX ? 0 : max_pages, max_pages != CWASI_NO_MAX};
  return rt_memory_new(store, &lim);
}

uint8_t *cwasi_memory_data(cwasi_memory *mem) { return mem->data; }
size_t cwasi_memory_size(const cwasi_memory *mem) { return (size_t)mem->size; }
uint32_t cwasi_memory_pages(const cwasi_memory *mem) { return mem->pages; }
int64_t cwasi_memory_grow(cwasi_memory *mem, uint32_t delta) { return rt_memory_grow(mem, delta); }
