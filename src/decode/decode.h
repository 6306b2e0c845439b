/* decode.h — binary module bytes → struct cw_module (see module.h). */
#ifndef CW_DECODE_H
#define CW_DECODE_H

#include "decode/module.h"

/*
 * Decodes a binary module. On success *out owns a copy of the bytes. On
 * failure returns CWASI_ERR_MALFORMED (or CWASI_ERR_NOMEM) with err->offset
 * at the offending byte and a message in the spec's wording where the spec
 * test suite has one ("unexpected end", "magic header not detected",
 * "integer too large", "section size mismatch", "malformed UTF-8 encoding",
 * "function and code section have inconsistent lengths", ...), prefixed by
 * where it was found, e.g. "section 10 (code): unexpected end".
 * A well-formed module whose constant expression is not constant (or
 * empty) gets CWASI_ERR_INVALID ("constant expression required", "type
 * mismatch"), reported only when the rest of the module is well-formed.
 */
cwasi_status decode_module(const uint8_t *bytes, size_t len, cw_module **out, cwasi_error *err);
void decode_module_free(cw_module *m);

#endif
