# The C ABI's targets: `install` (scripts/install.sh: libraries, header, pkg-config and CMake
# packages, the CLI with its man pages, the licenses), `test-c` (the C tests under valgrind,
# against a staged install), `test-cmake` (a CMake project consuming the staged install) and
# `demo-c` (the C example against the emulator). The top Makefile defines PREFIX, RELEASE_DIR,
# EMULATOR and `build`, and includes this file.

# Where test-c, test-cmake and demo-c stage an install of their own.
C_STAGE := build/c/prefix

.PHONY: install test-c test-cmake demo-c c-stage

## install: the C library, header, pkg-config and CMake packages, CLI and man pages under $(DESTDIR)$(PREFIX)
install: build
	scripts/install.sh "$(DESTDIR)" "$(PREFIX)"

c-stage: build
	rm -rf $(C_STAGE)
	scripts/install.sh "" "$(abspath $(C_STAGE))"

## test-c: the C tests (gcc -Werror, g++ header check, static link) under valgrind
test-c: c-stage
	bindings/c/run-tests.sh $(C_STAGE) $(EMULATOR)

## test-cmake: a CMake project finds the staged install and links each of its two targets
test-cmake: c-stage
	scripts/ensure-tools.sh cmake:cmake make:make
	bindings/c/cmake-consumer/run.sh $(C_STAGE) $(EMULATOR)

## demo-c: the C example reporting feedback to the emulator
demo-c: c-stage
	bindings/c/demo.sh $(C_STAGE) $(EMULATOR)

TEST_TARGETS += test-c test-cmake
DEMO_TARGETS += demo-c

.PHONY: header
## header: update the committed include/cognito_feedback.h from the one build.rs generates
header:
	CARGO=$(CARGO) scripts/update-header.sh
