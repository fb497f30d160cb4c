# README.md's quick starts (Rust, C, Python, C#, command line), extracted and run as printed,
# each against its own emulator, by scripts/check_readme.py. It reuses what the other targets
# build: the release library, CLI and emulator (`build`), the Python package's virtual
# environment (made by `test-python`) and CognitoFeedback.dll (built by `test-csharp`).

.PHONY: test-readme

## test-readme: README.md's quick starts, run as written against the emulator
test-readme: build test-python test-csharp
	python3 scripts/check_readme.py

TEST_TARGETS += test-readme
