/* names.c — UTF-8 checking, and the "name" custom section. */
#include "decode/names.h"

#include "decode/reader.h"

bool decode_utf8_valid(const uint8_t *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint8_t b = s[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    /* lo/hi bound the second byte: that is where overlong forms,
     * surrogates (U+D800..DFFF) and code points past U+10FFFF show. */
    size_t len;
    uint8_t lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    } else {
      return false; /* stray continuation byte, C0/C1 overlong lead, or F5..FF */
    }
    if (len > n - i) return false;
    if (s[i + 1] < lo || s[i + 1] > hi) return false;
    for (size_t k = 2; k < len; k++)
      if ((s[i + k] & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

/* Reads a UTF-8 name into a fresh NUL-terminated string. *nomem tells an
 * allocation failure apart from a malformed name. */
static char *read_name_str(cw_reader *r, bool *nomem) {
  uint32_t len;
  const uint8_t *p;
  if (!cw_read_u32(r, &len) || !cw_read_bytes(r, len, &p)) return NULL;
  if (!decode_utf8_valid(p, len)) return NULL;
  char *s = cw_malloc((size_t)len + 1);
  if (!s) {
    *nomem = true;
    return NULL;
  }
  memcpy(s, p, len);
  s[len] = '\0';
  return s;
}

static bool parse_func_names(cw_reader *r, uint32_t nfuncs, char **names, bool *nomem) {
  uint32_t count;
  if (!cw_read_u32(r, &count)) return false;
  bool first = true;
  uint32_t prev = 0;
  for (uint32_t i = 0; i < count; i++) {
    uint32_t idx;
    if (!cw_read_u32(r, &idx)) return false;
    /* The spec wants a name map sorted by index without duplicates. */
    if (idx >= nfuncs || (!first && idx <= prev)) return false;
    first = false;
    prev = idx;
    char *s = read_name_str(r, nomem);
    if (!s) return false;
    names[idx] = s;
  }
  return cw_reader_eof(r);
}

static void clear_names(cw_module *m) {
  cw_free(m->module_name);
  m->module_name = NULL;
  for (uint32_t i = 0; i < m->nfuncs; i++) {
    cw_free(m->func_names[i]);
    m->func_names[i] = NULL;
  }
}

bool decode_name_section(cw_module *m, size_t off, size_t len) {
  cw_reader r;
  bool nomem = false;
  int last_id = -1;
  cw_reader_init(&r, m->bytes, off, off + len);
  while (!cw_reader_eof(&r)) {
    uint8_t id;
    uint32_t size;
    if (!cw_read_u8(&r, &id) || !cw_read_u32(&r, &size)) goto malformed;
    if ((int)id <= last_id || size > cw_reader_left(&r)) goto malformed;
    last_id = id;
    cw_reader sub;
    cw_reader_init(&sub, m->bytes, r.pos, r.pos + size);
    r.pos += size;
    if (id == 0) {
      m->module_name = read_name_str(&sub, &nomem);
      if (!m->module_name || !cw_reader_eof(&sub)) goto malformed;
    } else if (id == 1) {
      if (!parse_func_names(&sub, m->nfuncs, m->func_names, &nomem)) goto malformed;
    }
    /* Local names (2) and the extended-name subsections are not used yet. */
  }
  return true;

malformed:
  clear_names(m);
  return !nomem;
}
