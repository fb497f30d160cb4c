# C# binding (bindings/csharp): tests on Mono and CoreCLR, the sample against the emulator, and
# the NuGet package (dist/CognitoFeedback.<version>.nupkg) with its tests.

.PHONY: test-csharp demo-csharp nupkg test-csharp-package
TEST_TARGETS += test-csharp test-csharp-package
DEMO_TARGETS += demo-csharp

## test-csharp: the C# tests on Mono and on CoreCLR against the emulator (installs Mono if missing)
test-csharp: build
	bindings/csharp/run-tests.sh

## demo-csharp: the C# sample against a started emulator
demo-csharp: build
	bindings/csharp/demo.sh

## nupkg: the C# binding's NuGet package, dist/CognitoFeedback.<version>.nupkg
nupkg: build
	bindings/csharp/pack.sh

## test-csharp-package: the package's layout and manifest, then the tests run from the extracted package alone
test-csharp-package: nupkg
	bindings/csharp/package-tests.sh
