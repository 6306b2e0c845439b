# cwasi — build, test, spec tests. See README.md.
CC      ?= cc
BUILD   ?= build
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
CFLAGS  += -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Iinclude -Isrc -MMD -MP
# errno is never read after a math call; without it sqrt is one instruction.
CFLAGS  += -fno-math-errno
LDLIBS  += -lm -lpthread
# SIMD=scalar builds the portable lane-by-lane v128 code instead of the
# compilers' vector extensions (src/interp/simd.h); `make test` runs the
# SIMD spec files through both anyway (SCALAR_SPEC below).
ifeq ($(SIMD),scalar)
CFLAGS  += -DCW_SIMD_SCALAR
endif
# The cwasi binary is linked static and position-independent (ASLR stays)
# when the toolchain can: no dynamic loader, no libraries to map and relocate
# at start-up, which was most of what `cwasi run hello.wasm` cost beyond the
# native hello (bench/README.md). Sanitizer builds set it empty.
# The jit tier (src/jit/, docs/compiler.md) needs LLVM 19's C headers at
# build time only: libLLVM is loaded with dlopen when the tier is first used,
# so the interpreter's start-up pays nothing for it. Without the headers,
# src/jit/none.c stands in and --tier=jit says it is not built. dlopen needs
# a dynamically linked cwasi (a static one cannot load libLLVM's libc and
# libstdc++ dependencies safely); that costs ~0.3 ms of start-up.
LLVM_CONFIG ?= llvm-config-19
LLVM_INCDIR := $(shell $(LLVM_CONFIG) --includedir 2>/dev/null)
ifneq ($(LLVM_INCDIR),)
JIT_EXCLUDE := src/jit/none.c
JIT_BUILT   := 1
JIT_CFLAGS  := -isystem $(LLVM_INCDIR) \
  -DCW_LLVM_LIB='"$(shell $(LLVM_CONFIG) --libdir)/libLLVM.so.$(shell $(LLVM_CONFIG) --version | cut -d. -f1,2)"'
CLI_LDFLAGS ?=
else
JIT_EXCLUDE := $(filter-out src/jit/none.c,$(wildcard src/jit/*.c))
CLI_LDFLAGS ?= $(shell echo 'int main(void){return 0;}' | \
  $(CC) -x c -static-pie -o /dev/null - 2>/dev/null && echo -static-pie)
endif
LDLIBS  += -ldl

LIB_SRCS  := $(filter-out $(JIT_EXCLUDE),$(sort $(shell find src -name '*.c' -not -path 'src/cli/*')))
CLI_SRCS  := $(sort $(wildcard src/cli/*.c))
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/%.o)
# The shared library's objects: the same sources, position-independent.
PIC_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/pic/%.o)
CLI_OBJS  := $(CLI_SRCS:%.c=$(BUILD)/%.o)

# Unit tests: every tests/<stage>/test_*.c is one program linked with the library.
UNIT_SRCS := $(sort $(wildcard tests/*/test_*.c))
UNIT_BINS := $(UNIT_SRCS:%.c=$(BUILD)/%)

# The spec-test harness (tests/spec/), linked with cJSON.
SPEC_SRCS := $(sort $(wildcard tests/spec/*.c))
SPEC_OBJS := $(SPEC_SRCS:%.c=$(BUILD)/%.o)

# The spec harness again, with the interpreter's portable SIMD path: only
# interp.c differs, the other objects are the ones above.
SCALAR_SPEC := $(BUILD)/simd-scalar/spectest
SCALAR_INTERP := $(BUILD)/simd-scalar/interp.o

# Examples: the demo module and the embedding example.
EXAMPLE_WASM := $(BUILD)/examples/fib.wasm $(BUILD)/examples/embed.wasm $(BUILD)/examples/hello.wasm
EXAMPLE_BINS := $(BUILD)/examples/embed $(BUILD)/examples/embed-shared

# Fuzz targets: every tests/<stage>/fuzz_*.c defines LLVMFuzzerTestOneInput
# (docs/fuzzing.md). `make fuzz` links each with libFuzzer into
# $(BUILD)/fuzz/; `make test` links each with tests/fuzz_replay.c instead
# and replays its seed corpus (tests/fuzz-corpus/<name>/), so they build
# with the normal compilers and never rot.
FUZZ_SRCS    := $(sort $(wildcard tests/*/fuzz_*.c))
FUZZ_NAMES   := $(notdir $(FUZZ_SRCS:.c=))
REPLAY_BINS  := $(FUZZ_SRCS:tests/%.c=$(BUILD)/tests/%)
FUZZ_CC      ?= clang
FUZZ_CFLAGS  := -std=gnu11 -g -O1 -fsanitize=address,undefined \
  -fno-sanitize-recover=all -Iinclude -Isrc
FUZZ_OBJS    := $(LIB_SRCS:%.c=$(BUILD)/fuzz/obj/%.o)
FUZZ_BINS    := $(addprefix $(BUILD)/fuzz/,$(FUZZ_NAMES))
FUZZ_TIME    ?= 60

# make test runs the limits test under it too (leaks, memory errors); empty: not.
# --fair-sched=yes: valgrind runs one thread at a time, and its default lock let
# a guest spinning in `loop br 0` starve the timer thread that interrupts it
# (test_many_traps once hung > 5 min; 3 s with fair scheduling).
VALGRIND ?= valgrind

# make test-asan rebuilds everything here with these flags.
ASAN_BUILD := $(BUILD)/asan
ASAN_OPT   := -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all clean test unit spectest test-asan deps examples demo demo-run check-warnings \
        test-run test-programs compiled
all: $(BUILD)/cwasi $(BUILD)/libcwasi.a $(BUILD)/libcwasi.so

$(SCALAR_INTERP): src/interp/interp.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -DCW_SIMD_SCALAR -c $< -o $@

$(SCALAR_SPEC): $(SPEC_OBJS) $(SCALAR_INTERP) $(filter-out $(BUILD)/src/interp/interp.o,$(LIB_OBJS))
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ -lcjson $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/src/jit/%.o $(BUILD)/pic/src/jit/%.o: CFLAGS += $(JIT_CFLAGS)

$(BUILD)/libcwasi.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fPIC -c $< -o $@

# Exports only the public API (src/libcwasi.map).
$(BUILD)/libcwasi.so: $(PIC_OBJS) src/libcwasi.map
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,libcwasi.so \
	  -Wl,--version-script=src/libcwasi.map -o $@ $(PIC_OBJS) $(LDLIBS)

$(BUILD)/cwasi: $(CLI_OBJS) $(BUILD)/libcwasi.a
	$(CC) $(CFLAGS) $(LDFLAGS) $(CLI_LDFLAGS) -o $@ $(CLI_OBJS) $(BUILD)/libcwasi.a $(LDLIBS)

$(BUILD)/tests/%: tests/%.c $(BUILD)/libcwasi.a tests/unit.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests -o $@ $< $(BUILD)/libcwasi.a $(LDLIBS)

# A fuzz target with the replay driver (not libFuzzer): make test runs it
# over the target's seed corpus.
$(REPLAY_BINS): $(BUILD)/tests/%: tests/%.c tests/fuzz_replay.c $(BUILD)/libcwasi.a tests/interp/fuzz_gen.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests -o $@ $< tests/fuzz_replay.c $(BUILD)/libcwasi.a $(LDLIBS)

$(BUILD)/spectest: $(SPEC_OBJS) $(BUILD)/libcwasi.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(SPEC_OBJS) $(BUILD)/libcwasi.a -lcjson $(LDLIBS)

$(BUILD)/examples/%.wasm: examples/%.wat
	@mkdir -p $(dir $@)
	wat2wasm $< -o $@

$(BUILD)/examples/embed: $(BUILD)/examples/embed.o $(BUILD)/libcwasi.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libcwasi.a $(LDLIBS)

# The same example linked with the shared library (found next to it).
$(BUILD)/examples/embed-shared: $(BUILD)/examples/embed.o $(BUILD)/libcwasi.so
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libcwasi.so -Wl,-rpath,'$$ORIGIN/..'

unit: $(UNIT_BINS)
	@status=0; for t in $(UNIT_BINS); do echo "== $$t"; $$t || status=1; done; exit $$status

examples: $(EXAMPLE_BINS) $(EXAMPLE_WASM)

# Builds and runs the demo modules (installing clang/wasi-libc/wabt first if missing).
demo: deps
	@$(MAKE) --no-print-directory demo-run

# Compiled, then linked without -O: an optimizing link runs binaryen's
# wasm-opt when clang finds one, and the output would depend on whether
# binaryen is installed (tests/lib.sh, wasm_cc).
$(BUILD)/examples/hello.wasm: examples/hello.c
	@mkdir -p $(dir $@)
	clang --target=wasm32-wasi -O2 -c -o $@.o $<
	clang --target=wasm32-wasi -o $@ $@.o
	@rm -f $@.o

demo-run: $(BUILD)/cwasi $(BUILD)/examples/fib.wasm $(BUILD)/examples/hello.wasm
	@echo '$$ $(BUILD)/cwasi run --dir examples::/examples $(BUILD)/examples/hello.wasm world'
	@$(BUILD)/cwasi run --dir examples::/examples $(BUILD)/examples/hello.wasm world
	@echo '$$ $(BUILD)/cwasi run --invoke fib $(BUILD)/examples/fib.wasm 25'
	@$(BUILD)/cwasi run --invoke fib $(BUILD)/examples/fib.wasm 25
	@echo '$$ $(BUILD)/cwasi run --invoke fac $(BUILD)/examples/fib.wasm 20'
	@$(BUILD)/cwasi run --invoke fac $(BUILD)/examples/fib.wasm 20

# Installs missing Debian packages (fast no-op when all are present).
deps:
	@scripts/install-deps.sh

# The spec tests through `cwasi wast`: the 2.0 core suite, then the 3.0
# suite's top-level files (features not built yet: skipped by name); see
# tests/spec/run.sh.
spectest: deps
	@$(MAKE) --no-print-directory $(BUILD)/cwasi
	@CWASI=$(BUILD)/cwasi tests/spec/run.sh

# The optional cross-check: the 2.0 suite converted by wabt's wast2json and
# run by the JSON harness (build/spectest); not part of `make test`.
.PHONY: spectest-wabt
spectest-wabt: deps
	@$(MAKE) --no-print-directory $(BUILD)/spectest
	@SPECTEST=$(BUILD)/spectest tests/spec/run-wabt.sh

# Every source compiled once: what check-warnings builds with each compiler
# (the shared library's objects are the same sources again, -fPIC).
compiled: $(BUILD)/cwasi $(BUILD)/libcwasi.a $(UNIT_BINS) $(BUILD)/spectest $(BUILD)/bench/wat_speed \
          $(BUILD)/examples/embed $(SCALAR_SPEC) $(REPLAY_BINS)

# Everything the tests run, built in $(BUILD).
test-programs: compiled $(BUILD)/libcwasi.so examples

# WASI: guests compiled with clang --target=wasm32-wasi, the escape battery
# on both path resolvers (tests/wasi/run.sh). Programs, Rust
# and AssemblyScript guests have their own suites in tests/programs, rust, as.
.PHONY: wasi-test
wasi-test: $(BUILD)/cwasi
	@tests/wasi/run.sh $(BUILD)/cwasi $(BUILD)/wasi

# Runs every suite even if one fails; each prints its closing line, the spec
# tests' total comes last.
test-run: test-programs
	@status=0; \
	echo "== unit tests"; \
	for t in $(UNIT_BINS); do \
	  if $$t >$(BUILD)/unit.log 2>&1; then echo "$$t: $$(tail -n 1 $(BUILD)/unit.log)"; \
	  else status=1; echo "== $$t FAILED"; cat $(BUILD)/unit.log; fi; \
	done; \
	echo "== fuzz targets, seed corpora replayed"; \
	for t in $(REPLAY_BINS); do \
	  n=$$(basename $$t); n=$${n#fuzz_}; \
	  $$t tests/fuzz-corpus/$$n || status=1; \
	done; \
	echo "== cli tests"; tests/cli/run.sh $(BUILD)/cwasi $(BUILD)/cli || status=1; \
	echo "== wasi tests"; tests/wasi/run.sh $(BUILD)/cwasi $(BUILD)/wasi || status=1; \
	echo "== program tests"; tests/programs/run.sh $(BUILD)/cwasi $(BUILD)/programs || status=1; \
	echo "== rust tests"; tests/rust/run.sh $(BUILD)/cwasi $(BUILD)/rust || status=1; \
	echo "== assemblyscript tests"; tests/as/run.sh $(BUILD)/cwasi $(BUILD)/as || status=1; \
	if [ -n "$(VALGRIND)" ] && command -v $(VALGRIND) >/dev/null; then \
	  echo "== 10,000 traps and limit hits under valgrind"; \
	  timeout 300 $(VALGRIND) -q --fair-sched=yes --leak-check=full --errors-for-leak-kinds=all \
	    --error-exitcode=9 \
	    $(BUILD)/tests/runtime/test_limits >$(BUILD)/valgrind.log 2>&1 && \
	    echo "$$(tail -n 1 $(BUILD)/valgrind.log), no leaks, no errors" || \
	    { status=1; echo "== valgrind FAILED"; cat $(BUILD)/valgrind.log; }; \
	fi; \
	echo "== embedding example"; \
	$(BUILD)/examples/embed $(BUILD)/examples/embed.wasm 10 || status=1; \
	echo "== the same with libcwasi.so"; \
	$(BUILD)/examples/embed-shared $(BUILD)/examples/embed.wasm 10 || status=1; \
	extra=$$(nm -D --defined-only $(BUILD)/libcwasi.so | awk '$$3 !~ /^cwasi_/ {print $$3}'); \
	if [ -n "$$extra" ]; then echo "libcwasi.so exports more than cwasi_*: $$extra"; status=1; \
	else echo "libcwasi.so exports $$(nm -D --defined-only $(BUILD)/libcwasi.so | wc -l) symbols, all cwasi_*"; fi; \
	echo "== SIMD spec tests, portable SIMD path (wast2json + $(SCALAR_SPEC))"; \
	if SPECTEST=$(SCALAR_SPEC) SPEC_OUT=$(dir $(SCALAR_SPEC))spec-simd tests/spec/run-wabt.sh 'simd_*' \
	  >$(BUILD)/spec-simd.log 2>&1; then echo "$(SCALAR_SPEC): $$(tail -n 1 $(BUILD)/spec-simd.log)"; \
	else status=1; echo "== $(SCALAR_SPEC) FAILED"; tail -n 40 $(BUILD)/spec-simd.log; fi; \
	echo "== spec tests (cwasi wast), code with fuel and interruption checks"; \
	if CWASI_SPEC_LIMITS=1 SPEC_OUT=$(BUILD)/spec-limits CWASI=$(BUILD)/cwasi tests/spec/run.sh \
	  >$(BUILD)/spec-limits.log 2>&1; \
	then tail -n 1 $(BUILD)/spec-limits.log; \
	else status=1; echo "== FAILED"; tail -n 40 $(BUILD)/spec-limits.log; fi; \
	echo "== spec tests (cwasi wast)"; CWASI=$(BUILD)/cwasi tests/spec/run.sh || status=1; \
	if [ -n "$(JIT_BUILT)" ]; then \
	  echo "== program tests (jit tier)"; \
	  CWASI_BIN=$(abspath $(BUILD)/cwasi) tests/programs/run.sh tests/jit/cwasi-jit $(BUILD)/programs-jit || status=1; \
	  echo "== spec tests (cwasi wast --tier=jit)"; \
	  CWASI_TIER=jit SPEC_OUT=$(BUILD)/spec-jit CWASI=$(BUILD)/cwasi tests/spec/run.sh || status=1; \
	else echo "== jit tier not built (no llvm-config-19): its tests are skipped"; fi; \
	exit $$status

# Installs what is missing, checks warnings, runs every suite; fails if any does.
test: deps
	@status=0; \
	$(MAKE) --no-print-directory check-warnings || status=1; \
	$(MAKE) --no-print-directory test-run || status=1; \
	exit $$status

# Everything rebuilt with AddressSanitizer and UndefinedBehaviorSanitizer;
# any report makes a test fail.
test-asan: deps
	@ASAN_OPTIONS=detect_leaks=1:exitcode=99 UBSAN_OPTIONS=print_stacktrace=1:exitcode=99 \
	  $(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) OPT="$(ASAN_OPT)" CLI_LDFLAGS= VALGRIND= \
	  test-run

# Compiles every source with gcc and clang, warnings as errors.
check-warnings:
	@echo "== warnings (gcc and clang, -Werror)"
	@$(MAKE) --no-print-directory -s BUILD=$(BUILD)/werror-gcc CC=gcc OPT="-O2 -Werror" \
	  compiled >/dev/null
	@$(MAKE) --no-print-directory -s BUILD=$(BUILD)/werror-clang CC=clang OPT="-O2 -Werror" \
	  compiled >/dev/null
	@echo "warnings: 0"

# Each fuzz target under libFuzzer for FUZZ_TIME seconds (default 60), one
# after another at the lowest priority; new inputs go to
# $(BUILD)/fuzz/work/<name>, crashes to $(BUILD)/fuzz/crash-<name>-*.
# Not part of `make test`.
.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	@status=0; for n in $(FUZZ_NAMES); do \
	  c=$${n#fuzz_}; mkdir -p $(BUILD)/fuzz/work/$$c; \
	  echo "== $$n, $(FUZZ_TIME) s"; \
	  nice -n 19 $(BUILD)/fuzz/$$n -max_total_time=$(FUZZ_TIME) -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix=$(BUILD)/fuzz/crash-$$c- \
	    $(BUILD)/fuzz/work/$$c tests/fuzz-corpus/$$c >$(BUILD)/fuzz/$$c.log 2>&1 || status=1; \
	  grep -E '^Done|^#[0-9]+.*DONE' $(BUILD)/fuzz/$$c.log | tail -n 1; \
	  grep -E 'ERROR|SUMMARY|Test unit written' $(BUILD)/fuzz/$$c.log; \
	done; exit $$status

$(BUILD)/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_BINS): $(BUILD)/fuzz/%: $(FUZZ_OBJS) $(FUZZ_SRCS) tests/interp/fuzz_gen.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Itests -o $@ $(filter %/$*.c,$(FUZZ_SRCS)) \
	  $(FUZZ_OBJS) $(LDLIBS)

# The text parser's speed and peak memory on a generated .wat of WAT_MB
# megabytes (default 100); figures in docs/text.md. Not a test.
.PHONY: bench-wat
bench-wat: $(BUILD)/bench/wat_speed
	@$(BUILD)/bench/wat_speed $(or $(WAT_MB),100) $(BUILD)/bench/big.wat

$(BUILD)/bench/wat_speed: bench/wat_speed.c $(BUILD)/libcwasi.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libcwasi.a $(LDLIBS)

# Benchmarks, native vs cwasi (bench/README.md); never part of `make test`
# and never a failure, even if cwasi does not build.
.PHONY: bench
bench:
	@$(MAKE) --no-print-directory $(BUILD)/cwasi || echo "bench: cwasi did not build"
	@python3 bench/run.py --cwasi $(BUILD)/cwasi --build $(BUILD)/bench || true

clean:
	rm -rf build

-include $(LIB_OBJS:.o=.d) $(PIC_OBJS:.o=.d) $(FUZZ_OBJS:.o=.d) $(CLI_OBJS:.o=.d) $(SPEC_OBJS:.o=.d) \
  $(BUILD)/examples/embed.d $(SCALAR_INTERP:.o=.d)
