/*
 * wat.h — the text format (WAT) to the binary format.
 *
 * A text module is encoded straight into the binary format and then goes
 * through the ordinary decoder and validator: the engine has one way in.
 * The parser reads each module field twice from the text (once to learn
 * every name and index, once to encode), so forward references work and
 * no syntax tree or token array is ever built. Instructions are parsed
 * from the instruction table (src/decode/opcodes.h): a text name maps to
 * its opcode and its immediates are read by their CW_IMM_* kind.
 *
 * Errors are one line, "file:line:column: expected X, found Y"; anything
 * the text format itself forbids (an unknown name, a bad literal, an
 * import after a definition) is an error here. Everything else is left to
 * the decoder and the validator, which see the same bytes a binary would
 * give them.
 */
#ifndef CW_TEXT_WAT_H
#define CW_TEXT_WAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/buf.h"
#include "text/lex.h"

/* Encodes a whole .wat text: `(module $id? field*)`, `(module binary
 * "..."*)`, `(module quote "..."*)` or bare fields. out is overwritten
 * (free an earlier result first). On success out holds the binary module
 * (caller frees with cw_buf_free); on failure err holds the message and out
 * is empty. */
bool cw_wat_to_wasm(const char *file, const char *text, size_t len, cw_buf *out, char *err,
                    size_t errlen);

/* Encodes the fields of a module whose `(module $id?` the caller has
 * read: lx stands at the first field. Consumes the closing ')'. out must be
 * empty (length 0; its capacity is reused). On failure returns false with
 * err filled and out freed; lx is then somewhere inside the module. */
bool cw_wat_fields(cw_lex *lx, cw_buf *out, char *err, size_t errlen);

/* Numeric literals, shared with the script runner. s[0..n) is the token. */
bool cw_text_int(const char *s, size_t n, unsigned bits, uint64_t *out);
bool cw_text_f32(const char *s, size_t n, uint32_t *out);
bool cw_text_f64(const char *s, size_t n, uint64_t *out);

/* True if the text starts (after spaces and comments) like a text module
 * rather than the binary magic: used to accept x.wat wherever x.wasm is. */
bool cw_text_looks_like_wat(const uint8_t *bytes, size_t len);

#endif /* CW_TEXT_WAT_H */
