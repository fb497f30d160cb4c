# The C ABI's targets: `install` (shared and static library, header, pkg-config file),
# `test-c` (the C tests under valgrind, against a staged install) and `demo-c` (the C example
# against the emulator). The top Makefile defines CARGO, PREFIX, RELEASE_DIR, EMULATOR and
# `build`, and includes this file.

C_VERSION := $(shell scripts/crate-version.sh)
C_VERSION_WORDS := $(subst ., ,$(C_VERSION))
# The version in the SONAME, as build.rs sets it: 0.MINOR before 1.0 (a minor release may break
# the ABI), MAJOR after.
C_SOVERSION := $(if $(filter 0,$(word 1,$(C_VERSION_WORDS))),0.$(word 2,$(C_VERSION_WORDS)),$(word 1,$(C_VERSION_WORDS)))
# System libraries the static library needs, as `cargo rustc --crate-type staticlib -- --print
# native-static-libs` lists them on Linux; the C tests link one program statically with them.
C_LIBS_PRIVATE := -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
# Where test-c and demo-c stage an install of their own.
C_STAGE := build/c/prefix

# c_install(DESTDIR, PREFIX): copies the library, header and pkg-config file under
# DESTDIR/PREFIX; the .pc file names PREFIX.
define c_install
	install -d $(1)$(2)/lib/pkgconfig $(1)$(2)/include
	install -m 0755 $(RELEASE_DIR)/libcognito_feedback.so $(1)$(2)/lib/libcognito_feedback.so.$(C_VERSION)
	ln -sfn libcognito_feedback.so.$(C_VERSION) $(1)$(2)/lib/libcognito_feedback.so.$(C_SOVERSION)
	ln -sfn libcognito_feedback.so.$(C_SOVERSION) $(1)$(2)/lib/libcognito_feedback.so
	install -m 0644 $(RELEASE_DIR)/libcognito_feedback.a $(1)$(2)/lib/libcognito_feedback.a
	install -m 0644 include/cognito_feedback.h $(1)$(2)/include/cognito_feedback.h
	sed -e 's|@PREFIX@|$(2)|g' -e 's|@VERSION@|$(C_VERSION)|g' \
	    -e 's|@LIBS_PRIVATE@|$(C_LIBS_PRIVATE)|g' cognito_feedback.pc.in \
	    > $(1)$(2)/lib/pkgconfig/cognito_feedback.pc
endef

.PHONY: install test-c demo-c c-stage

## install: the C library, header and cognito_feedback.pc under $(DESTDIR)$(PREFIX)
install: build
	$(call c_install,$(DESTDIR),$(PREFIX))

c-stage: build
	rm -rf $(C_STAGE)
	$(call c_install,,$(abspath $(C_STAGE)))

## test-c: the C tests (gcc -Werror, g++ header check, static link) under valgrind
test-c: c-stage
	bindings/c/run-tests.sh $(C_STAGE) $(EMULATOR)

## demo-c: the C example reporting feedback to the emulator
demo-c: c-stage
	bindings/c/demo.sh $(C_STAGE) $(EMULATOR)

TEST_TARGETS += test-c
DEMO_TARGETS += demo-c

.PHONY: header
## header: update the committed include/cognito_feedback.h from the one build.rs generates
header:
	CARGO=$(CARGO) scripts/update-header.sh
