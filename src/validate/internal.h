/*
 * internal.h — the validator's context, shared by the module-level checks
 * (validate.c) and the function-body checker (code.c).
 *
 * One context is made per validate_module() call; its operand and control
 * stacks grow as needed and are reused for every function body, so
 * checking a body allocates nothing once the stacks are big enough.
 */
#ifndef CW_VALIDATE_INTERNAL_H
#define CW_VALIDATE_INTERNAL_H

#include "decode/module.h"
#include "decode/opcodes.h"

/* The operand-stack type of a value produced in unreachable code (the
 * appendix's "Unknown"): it matches every expected type. No valtype
 * encodes as 0. */
#define VALIDATE_UNKNOWN 0

typedef struct validate_frame {
  cw_opcode op; /* BLOCK (also for the function itself), LOOP, IF or ELSE */
  uint32_t nparams, nresults;
  const cw_valtype *params, *results;
  uint32_t height;  /* operand stack height when the block was entered */
  bool unreachable; /* the rest of the block is stack-polymorphic */
} validate_frame;

typedef struct validate_ctx {
  const cw_module *m;
  cwasi_error *err;
  cwasi_status status; /* of the first failure; CWASI_OK until then */

  uint8_t *refs; /* C.refs: refs[x] != 0 when function x may be ref.func'd */

  uint8_t *vals; /* operand stack: valtypes or VALIDATE_UNKNOWN */
  uint32_t nvals, vals_cap;
  validate_frame *ctrls;
  uint32_t nctrls, ctrls_cap;

  uint16_t op_of_byte[256]; /* one-byte opcode -> cw_opcode + 1, 0 for none */

  uint32_t func;      /* index of the function being checked, for messages */
  uint32_t next_func; /* first function whose body has not been read yet */
} validate_ctx;

/* Fills c->op_of_byte from the opcode table. */
void validate_init_opcodes(validate_ctx *c);

/* Checks the body of defined function `funcidx` (an index in the whole
 * function space). Returns false with c->status and c->err filled. */
bool validate_code(validate_ctx *c, uint32_t funcidx);

/* Reads the body of defined function `funcidx` for its encoding only
 * (used after a typing error: encoding errors take precedence, as the spec
 * decodes the whole module first). Returns false with c->status and c->err
 * replaced when the body is malformed. */
bool validate_code_encoding(validate_ctx *c, uint32_t funcidx);

#endif /* CW_VALIDATE_INTERNAL_H */
