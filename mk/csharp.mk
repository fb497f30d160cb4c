# C# binding (bindings/csharp): tests on Mono and CoreCLR, and the sample against the emulator.

.PHONY: test-csharp demo-csharp
TEST_TARGETS += test-csharp
DEMO_TARGETS += demo-csharp

## test-csharp: the C# tests on Mono and on CoreCLR against the emulator (installs Mono if missing)
test-csharp: build
	bindings/csharp/run-tests.sh

## demo-csharp: the C# sample against a started emulator
demo-csharp: build
	bindings/csharp/demo.sh
