/*
 * names.h — internal to src/decode/: UTF-8 checking of names and the
 * "name" custom section.
 */
#ifndef CW_DECODE_NAMES_H
#define CW_DECODE_NAMES_H

#include "decode/module.h"

/* True when s[0..n) is well-formed UTF-8 as the spec's `name` requires:
 * shortest form only, no surrogates, nothing above U+10FFFF. */
bool decode_utf8_valid(const uint8_t *s, size_t n);

/*
 * Parses the "name" section payload m->bytes[off .. off + len) into
 * m->module_name and m->func_names (which must already be an array of
 * m->nfuncs NULL pointers). A malformed name section changes nothing: the
 * spec says it must not make the module fail. Returns false only when
 * memory ran out.
 */
bool decode_name_section(cw_module *m, size_t off, size_t len);

#endif
