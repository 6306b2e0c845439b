/* Compute kernels runnable without WASI: each is an exported function
 * taking an i32 size and returning a checksum. Built twice by run.sh:
 * natively (driver.c calls them) and to wasm32 (invoked by cwasi --invoke). */
#include <stdint.h>

#ifdef __wasm__
#define EXPORT(name) __attribute__((export_name(#name)))
/* No libc under -nostdlib: the compiler still emits calls to these. */
void *memset(void *d, int c, unsigned long n) {
  unsigned char *p = d;
  while (n--) *p++ = (unsigned char)c;
  return d;
}
void *memcpy(void *d, const void *s, unsigned long n) {
  unsigned char *p = d;
  const unsigned char *q = s;
  while (n--) *p++ = *q++;
  return d;
}
#else
#define EXPORT(name)
#endif

EXPORT(fib) int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static unsigned char sieve_buf[1 << 20];
EXPORT(sieve) int sieve(int reps) {
  int count = 0;
  for (int r = 0; r < reps; r++) {
    int n = (int)sizeof sieve_buf;
    count = 0;
    for (int i = 0; i < n; i++) sieve_buf[i] = 1;
    for (int i = 2; i < n; i++) {
      if (!sieve_buf[i]) continue;
      count++;
      for (int j = i + i; j < n; j += i) sieve_buf[j] = 0;
    }
  }
  return count;
}

static unsigned char crc_data[1 << 16];
EXPORT(crc32) int crc32(int reps) {
  uint32_t table[256];
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  for (unsigned i = 0; i < sizeof crc_data; i++) crc_data[i] = (unsigned char)(i * 7 + 3);
  uint32_t crc = 0;
  for (int r = 0; r < reps; r++) {
    crc = ~crc;
    for (unsigned i = 0; i < sizeof crc_data; i++) crc = table[(crc ^ crc_data[i]) & 0xFF] ^ (crc >> 8);
    crc = ~crc;
  }
  return (int)crc;
}

EXPORT(mandel) int mandel(int size) {
  int inside = 0;
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++) {
      double cr = 2.0 * x / size - 1.5, ci = 2.0 * y / size - 1.0;
      double zr = 0, zi = 0;
      int i = 0;
      while (i < 100 && zr * zr + zi * zi < 4.0) {
        double t = zr * zr - zi * zi + cr;
        zi = 2.0 * zr * zi + ci;
        zr = t;
        i++;
      }
      inside += i == 100;
    }
  return inside;
}

typedef struct { double x, y, z, vx, vy, vz, m; } body;
static body bodies[5];
EXPORT(nbody) int nbody(int steps) {
  for (int i = 0; i < 5; i++)
    bodies[i] = (body){i * 1.1, i * 0.7 - 1, i * 0.3, 0.01 * i, -0.02 * i, 0.005, 1.0 + i};
  for (int s = 0; s < steps; s++) {
    for (int i = 0; i < 5; i++)
      for (int j = i + 1; j < 5; j++) {
        double dx = bodies[i].x - bodies[j].x, dy = bodies[i].y - bodies[j].y,
               dz = bodies[i].z - bodies[j].z;
        double d2 = dx * dx + dy * dy + dz * dz + 0.01;
        double mag = 0.001 / (d2 * __builtin_sqrt(d2));
        bodies[i].vx -= dx * bodies[j].m * mag;
        bodies[i].vy -= dy * bodies[j].m * mag;
        bodies[i].vz -= dz * bodies[j].m * mag;
        bodies[j].vx += dx * bodies[i].m * mag;
        bodies[j].vy += dy * bodies[i].m * mag;
        bodies[j].vz += dz * bodies[i].m * mag;
      }
    for (int i = 0; i < 5; i++) {
      bodies[i].x += 0.001 * bodies[i].vx;
      bodies[i].y += 0.001 * bodies[i].vy;
      bodies[i].z += 0.001 * bodies[i].vz;
    }
  }
  double e = 0;
  for (int i = 0; i < 5; i++) e += bodies[i].x + bodies[i].y + bodies[i].z;
  return (int)(e * 1000);
}

#define MN 160
static double ma[MN * MN], mb[MN * MN], mc[MN * MN];
EXPORT(matmul) int matmul(int reps) {
  for (int i = 0; i < MN * MN; i++) {
    ma[i] = (i % 17) * 0.5;
    mb[i] = (i % 13) * 0.25;
  }
  double sum = 0;
  for (int r = 0; r < reps; r++) {
    for (int i = 0; i < MN; i++)
      for (int j = 0; j < MN; j++) {
        double acc = 0;
        for (int k = 0; k < MN; k++) acc += ma[i * MN + k] * mb[k * MN + j];
        mc[i * MN + j] = acc + r;
      }
    sum += mc[r % (MN * MN)];
  }
  return (int)sum;
}

/* qsort with a comparator through a function pointer (call_indirect). */
typedef int (*cmp_fn)(const void *, const void *);
static void swap_int(int *a, int *b) { int t = *a; *a = *b; *b = t; }
static __attribute__((noinline)) void my_qsort(int *v, int n, cmp_fn cmp) {
  while (n > 1) {
    int p = v[n / 2], i = 0, j = n - 1;
    while (i <= j) {
      while (cmp(&v[i], &p) < 0) i++;
      while (cmp(&v[j], &p) > 0) j--;
      if (i <= j) swap_int(&v[i++], &v[j--]);
    }
    if (j + 1 < n - i) { my_qsort(v, j + 1, cmp); v += i; n -= i; }
    else { my_qsort(v + i, n - i, cmp); n = j + 1; }
  }
}
static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}
static int qs_data[200000];
cmp_fn volatile qs_cmp = cmp_int;
EXPORT(qsort) int qsort_k(int reps) {
  uint32_t seed = 1, sum = 0;
  for (int r = 0; r < reps; r++) {
    for (int i = 0; i < 200000; i++) { seed = seed * 1103515245u + 12345u; qs_data[i] = (int)(seed >> 8); }
    my_qsort(qs_data, 200000, qs_cmp);
    sum += (uint32_t)qs_data[1000] ^ (uint32_t)qs_data[150000];
  }
  return (int)sum;
}

/* A tiny bytecode VM: branchy dispatch through a switch. */
enum { B_PUSH, B_ADD, B_SUB, B_DUP, B_JNZ, B_SWAP, B_DEC, B_HALT, B_MUL, B_POP };
EXPORT(bytecode) int bytecode(int n) {
  static const int prog[] = {B_PUSH, 0, B_PUSH, 0,   /* acc, i placeholder */
                             B_POP,  B_PUSH, 0,       /* counter set below */
                             /* loop at 7: stack [acc, cnt] */
                             B_SWAP, B_PUSH, 3, B_ADD, B_PUSH, 7, B_MUL, B_PUSH, 1000003, B_SUB,
                             B_SWAP, B_DEC, B_DUP, B_JNZ, 7, B_POP, B_HALT};
  int code[sizeof prog / sizeof prog[0]];
  for (unsigned i = 0; i < sizeof code / sizeof code[0]; i++) code[i] = prog[i];
  code[6] = n;
  int stack[64], sp = 0, pc = 0;
  for (;;) {
    switch (code[pc++]) {
    case B_PUSH: stack[sp++] = code[pc++]; break;
    case B_ADD: sp--; stack[sp - 1] += stack[sp]; break;
    case B_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
    case B_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
    case B_DUP: stack[sp] = stack[sp - 1]; sp++; break;
    case B_SWAP: { int t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
    case B_DEC: stack[sp - 1]--; break;
    case B_POP: sp--; break;
    case B_JNZ: { int t = code[pc++]; if (stack[--sp]) pc = t; break; } 
    case B_HALT: return stack[sp - 1];
    default: return -1;
    }
  }
}
