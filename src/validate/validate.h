/* validate.h — the type checker (spec appendix algorithm) over cw_module. */
#ifndef CW_VALIDATE_H
#define CW_VALIDATE_H

#include "decode/module.h"

/*
 * Validates the whole module: types, imports, limits, globals and their
 * constant expressions, exports (unique names), start function, element and
 * data segments, declared function references, and every function body.
 * On failure returns CWASI_ERR_INVALID with err->offset at the offending
 * instruction and a message in the spec's wording ("type mismatch",
 * "unknown local 3", ...). Body parsing problems the decoder left to us
 * (an unknown opcode, a truncated immediate) are CWASI_ERR_MALFORMED.
 */
cwasi_status validate_module(const cw_module *m, cwasi_error *err);

#endif
