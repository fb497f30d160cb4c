# What the release build (scripts/release.sh: glibc 2.17, x86_64) promises users: every shipped
# ELF loads on glibc 2.17, the packages run on an old Linux (Debian 11 in a debootstrap root),
# every artefact carries Cargo.toml's version, and the notices cover every linked crate under an
# accepted license. The top Makefile defines RELEASE_DIR and `build`; mk/c.mk C_STAGE and
# `c-stage`; mk/python.mk `wheel`; mk/csharp.mk `nupkg`.

# The ELF files users run: the library (in the install, the wheel and the NuGet package), the
# command line and the emulator.
RELEASE_ELFS := $(addprefix $(RELEASE_DIR)/,libcognito_feedback.so cognito-feedback cognito-feedback-emulator)
# The newest glibc they may need (manylinux2014).
RELEASE_GLIBC := 2.17

.PHONY: test-glibc test-old-system test-versions test-notices notices

## test-glibc: each shipped ELF needs glibc 2.17 at most (objdump -T)
test-glibc: build
	scripts/check-glibc.sh $(RELEASE_GLIBC) $(RELEASE_ELFS)

## test-old-system: the wheel, the C quick start and the CLI run on Debian 11 (debootstrap root, cached)
test-old-system: wheel
	scripts/test-old-system.sh "$$(ls dist/cognito_feedback-$$(scripts/crate-version.sh)-*.whl)"

## test-versions: the crates, header, Python, C#, .pc, CMake package, CLI, wheel and nupkg carry one version
test-versions: c-stage wheel nupkg
	scripts/ensure-tools.sh cmake:cmake
	python3 scripts/check-versions.py --prefix $(C_STAGE) --wheel-dir dist --nupkg-dir dist

## test-notices: THIRD-PARTY-NOTICES is current and every linked crate's license is accepted (about.toml)
test-notices:
	scripts/notices.sh --check

## notices: regenerates THIRD-PARTY-NOTICES (cargo-about) after a dependency change
notices:
	scripts/notices.sh

TEST_TARGETS += test-glibc test-old-system test-versions test-notices
