#!/usr/bin/env bash
# tests/jit/gen_modules.sh — regenerates jit_modules.h from jit.wat (needs wat2wasm).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
wat2wasm --debug-names jit.wat -o /tmp/cwasi-jit-test.wasm
python3 - <<'PY'
b = open('/tmp/cwasi-jit-test.wasm', 'rb').read()
out = ["/* jit_modules.h — the test module of test_jit.c: `wat2wasm --debug-names` of",
       " * tests/jit/jit.wat (regenerate with tests/jit/gen_modules.sh). */",
       "#ifndef JIT_MODULES_H", "#define JIT_MODULES_H", "#include <stdint.h>", "",
       "static const uint8_t wasm_jit[] = {"]
for i in range(0, len(b), 12):
    out.append("    " + " ".join("0x%02x," % x for x in b[i:i + 12]))
out += ["};", "", "#endif", ""]
open('jit_modules.h', 'w').write("\n".join(out))
PY
rm -f /tmp/cwasi-jit-test.wasm
