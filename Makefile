# cwasi — build, test, spec tests. See README.md.
CC      ?= cc
BUILD   ?= build
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
CFLAGS  += -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Iinclude -Isrc -MMD -MP
LDLIBS  += -lm -lpthread

LIB_SRCS  := $(sort $(shell find src -name '*.c' -not -path 'src/cli/*'))
CLI_SRCS  := $(sort $(wildcard src/cli/*.c))
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/%.o)
CLI_OBJS  := $(CLI_SRCS:%.c=$(BUILD)/%.o)

# Unit tests: every tests/<stage>/test_*.c is one program linked with the library.
UNIT_SRCS := $(sort $(wildcard tests/*/test_*.c))
UNIT_BINS := $(UNIT_SRCS:%.c=$(BUILD)/%)

.PHONY: all clean test unit spectest test-asan
all: $(BUILD)/cwasi $(BUILD)/libcwasi.a

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libcwasi.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/cwasi: $(CLI_OBJS) $(BUILD)/libcwasi.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJS) $(BUILD)/libcwasi.a $(LDLIBS)

$(BUILD)/tests/%: tests/%.c $(BUILD)/libcwasi.a tests/unit.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests -o $@ $< $(BUILD)/libcwasi.a $(LDLIBS)

unit: $(UNIT_BINS)
	@status=0; for t in $(UNIT_BINS); do echo "== $$t"; $$t || status=1; done; exit $$status

clean:
	rm -rf build

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d)
