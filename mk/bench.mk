# Benchmarks (bench/): our library from C and Python against the loopback limit (nginx + wrk)
# and against boto3; the async burst from Python asyncio and C# (Mono, CoreCLR) against the
# emulator. Results: bench/results/latest.json (and .md); see BENCHMARKS.md.
#
# BENCH_CALLS=100000 BENCH_SECONDS=3 make bench   is a quick run (defaults: 1000000 and 10).

BENCH_OUT := target/bench
BENCH_VENV := $(BENCH_OUT)/venv
BENCH_PYTHON ?= python3
BENCH_BOTO3 ?= boto3
BENCH_CC ?= gcc
BENCH_LIB := $(RELEASE_DIR)/libcognito_feedback.so
BENCH_CFLAGS := -O2 -std=gnu11 -Wall -Wextra -Werror -pthread -Iinclude -Ibench/c

BENCH_PROFILE_LIB := $(BENCH_OUT)/profile/release/libcognito_feedback.so

.PHONY: bench bench-profile bench-tools bench-programs

## bench: loopback limit (wrk), C, Python and boto3 side by side; writes bench/results/latest.json
bench: build bench-tools bench-programs $(BENCH_VENV)/.boto3
	$(BENCH_VENV)/bin/python bench/run.py --bench $(BENCH_OUT)/bench \
	  --coldstart $(BENCH_OUT)/coldstart --rawloop $(BENCH_OUT)/rawloop --library $(BENCH_LIB) \
	  --python $(CURDIR)/$(BENCH_VENV)/bin/python --emulator $(EMULATOR) --csharp $(BENCH_OUT)/csharp

## bench-profile: system calls, instructions and allocations per C call (strace, callgrind, memcheck)
bench-profile: bench-tools bench-programs
	CARGO_PROFILE_RELEASE_STRIP=false $(CARGO) build --release --lib --target-dir $(BENCH_OUT)/profile
	python3 bench/profile.py --bench $(BENCH_OUT)/bench --library $(CURDIR)/$(BENCH_PROFILE_LIB)

# nginx and wrk from Debian, installed when missing (nginx lives in /usr/sbin).
bench-tools:
	@if ! { command -v nginx || test -x /usr/sbin/nginx; } >/dev/null || ! command -v wrk >/dev/null; then \
	  sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update && \
	  $$sudo apt-get install -y --no-install-recommends nginx wrk; \
	fi

# bench.c runs against the release library in place: target/bench/lib holds a link named after
# its SONAME, and the program's rpath points there.
bench-programs: build
	@mkdir -p $(BENCH_OUT)/lib
	ln -sfn $(BENCH_LIB) $(BENCH_OUT)/lib/$$(scripts/soname.sh $(BENCH_LIB))
	$(BENCH_CC) $(BENCH_CFLAGS) bench/c/bench.c -o $(BENCH_OUT)/bench \
	  -L$(RELEASE_DIR) -Wl,-rpath,$(CURDIR)/$(BENCH_OUT)/lib -lcognito_feedback
	$(BENCH_CC) $(BENCH_CFLAGS) bench/c/coldstart.c -o $(BENCH_OUT)/coldstart -ldl
	$(BENCH_CC) $(BENCH_CFLAGS) bench/c/rawloop.c -o $(BENCH_OUT)/rawloop
	bench/csharp/build.sh $(BENCH_OUT)/csharp

$(BENCH_VENV)/.boto3:
	$(BENCH_PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet --disable-pip-version-check $(BENCH_BOTO3)
	touch $@
