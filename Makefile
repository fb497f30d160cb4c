# cognito-feedback: `make test` runs every test of the project, `make demo` shows one real call.
# Area fragments in mk/*.mk add their own targets and append to TEST_TARGETS / DEMO_TARGETS.

CARGO ?= cargo
PREFIX ?= /usr/local
RELEASE_DIR := target/release
EMULATOR := $(RELEASE_DIR)/cognito-feedback-emulator

TEST_TARGETS :=
DEMO_TARGETS :=
include $(sort $(wildcard mk/*.mk))

.PHONY: all build test test-rust demo

all: build

## build: the release shared/static libraries and the emulator
build:
	$(CARGO) build --release --workspace

## test: every test of the project (Rust, C under valgrind, Python, C#)
test: test-rust $(TEST_TARGETS)

test-rust:
	$(CARGO) test --workspace

## demo: start the emulator, make real calls through the library, show what it recorded
demo: $(DEMO_TARGETS)
