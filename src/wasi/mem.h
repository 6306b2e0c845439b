/*
 * mem.h — bounds-checked access to the guest's linear memory.
 *
 * A guest pointer is a uint32_t offset. Every range is checked as
 * ptr + len <= size in 64-bit arithmetic (no wrap-around) before any byte
 * is touched; a failing check is WASI_EFAULT for the caller to return.
 * Values are little-endian and may be unaligned.
 */
#ifndef CW_WASI_MEM_H
#define CW_WASI_MEM_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* The guest memory a host call sees. data stays valid for the whole call:
 * nothing in a WASI call can grow memory. */
typedef struct wasi_mem {
  uint8_t *data;
  uint64_t size;
} wasi_mem;

static inline bool wasi_mem_ok(const wasi_mem *m, uint32_t ptr, uint64_t len) {
  return (uint64_t)ptr + len <= m->size;
}

/* Host pointer to [ptr, ptr+len), or NULL if any byte is out of bounds. */
static inline uint8_t *wasi_mem_at(const wasi_mem *m, uint32_t ptr, uint64_t len) {
  return wasi_mem_ok(m, ptr, len) ? m->data + ptr : NULL;
}

static inline void wasi_put_u8(uint8_t *p, uint8_t v) { p[0] = v; }
static inline void wasi_put_u16(uint8_t *p, uint16_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
}
static inline void wasi_put_u32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; i++)
    p[i] = (uint8_t)(v >> (8 * i));
}
static inline void wasi_put_u64(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; i++)
    p[i] = (uint8_t)(v >> (8 * i));
}
static inline uint16_t wasi_get_u16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static inline uint32_t wasi_get_u32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t wasi_get_u64(const uint8_t *p) {
  return (uint64_t)wasi_get_u32(p) | (uint64_t)wasi_get_u32(p + 4) << 32;
}

/* Checked stores of one value at a guest address: false if out of bounds. */
static inline bool wasi_store_u32(const wasi_mem *m, uint32_t ptr, uint32_t v) {
  uint8_t *p = wasi_mem_at(m, ptr, 4);
  if (p) wasi_put_u32(p, v);
  return p != NULL;
}
static inline bool wasi_store_u64(const wasi_mem *m, uint32_t ptr, uint64_t v) {
  uint8_t *p = wasi_mem_at(m, ptr, 8);
  if (p) wasi_put_u64(p, v);
  return p != NULL;
}

#endif /* CW_WASI_MEM_H */
