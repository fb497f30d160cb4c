# cognito-feedback: `make test` runs every test of the project, `make demo` shows one real call.
# Area fragments in mk/*.mk add their own targets and append to TEST_TARGETS / DEMO_TARGETS.

CARGO ?= cargo
PREFIX ?= /usr/local
# The release build (scripts/release.sh): glibc 2.17, x86_64, in its own target directory.
RELEASE_DIR := $(shell scripts/release.sh dir)
EMULATOR := $(RELEASE_DIR)/cognito-feedback-emulator

TEST_TARGETS :=
DEMO_TARGETS :=
include $(sort $(wildcard mk/*.mk))

.PHONY: all build test test-rust lint tools demo

all: build

## tools: the system tools the tests use, installed from Debian's packages when missing
tools:
	scripts/ensure-tools.sh gcc:gcc g++:g++ valgrind:valgrind pkg-config:pkg-config \
	    readelf:binutils objdump:binutils nm:binutils openssl:openssl

## build: the release shared/static libraries, the emulator and the CLI, for glibc >= 2.17
build: tools
	scripts/release.sh build

## test: every test of the project (lints, Rust, C under valgrind, Python, C#, README)
test: lint test-rust $(TEST_TARGETS)

## lint: formatting and clippy, warnings as errors
lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

test-rust: tools
	$(CARGO) test --workspace

## demo: start the emulator, make real calls through the library, show what it recorded
demo: $(DEMO_TARGETS)
