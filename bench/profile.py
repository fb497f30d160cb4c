"""`make bench-profile`: where one C call's cost goes, per call, from two runs of the C bench.

Runs `bench URL rss N` for two call counts against the benchmark's nginx, under strace (system
calls), valgrind's callgrind (user-space instructions, per function) and memcheck (heap
allocations), and divides the differences by the difference in calls, so start-up and warm-up
cancel out. Needs a library with symbols: `make bench-profile` builds one (the release profile
strips the shared library) in target/bench/profile. Prints the figures and writes
bench/results/profile.json.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import machine, report  # noqa: E402
from harness.nginx import Nginx  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TOP_FUNCTIONS = 25
#: Frames of the C bench and the C runtime above the library's entry point.
OUTER_FRAMES = ("main", "call", "run_rss", "(below main)")


def soname_dir(library: Path, tmp: Path) -> Path:
    """A directory holding ``library`` under its SONAME, for LD_LIBRARY_PATH."""
    soname = subprocess.run([str(ROOT / "scripts" / "soname.sh"), str(library)], capture_output=True,
                            text=True, check=True).stdout.strip()
    link = tmp / soname
    link.symlink_to(library.resolve())
    return tmp


def syscalls(argv: list, env: dict, out: Path) -> dict:
    """System calls by name (all threads) of one run, from ``strace -f -c``."""
    subprocess.run(["strace", "-f", "-c", "-o", str(out)] + argv, env=env, check=True,
                   capture_output=True)
    counts = {}
    for line in out.read_text().splitlines():
        fields = line.split()
        # % time, seconds, usecs/call, calls, [errors,] syscall
        if len(fields) >= 5 and fields[3].isdigit() and not fields[-1] == "total":
            counts[fields[-1]] = int(fields[3])
    return counts


def instructions(argv: list, env: dict, out: Path) -> dict:
    """Inclusive instructions by function of one run, from callgrind."""
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + argv,
                   env=env, check=True, capture_output=True)
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(out)],
                          capture_output=True, text=True, check=True).stdout
    functions = {}
    for line in text.splitlines():
        match = re.match(r"\s*([\d,]+) \([^)]*\)\s+(?:\S*?:)?(.+?)(?: \[.*\])?$", line)
        if match:
            functions.setdefault(match.group(2), int(match.group(1).replace(",", "")))
    total = re.search(r"([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", text)
    functions["PROGRAM TOTALS"] = int(total.group(1).replace(",", "")) if total else 0
    return functions


def allocations(argv: list, env: dict) -> int:
    """Heap allocations of one run, from memcheck's "total heap usage"."""
    run = subprocess.run(["valgrind", "--tool=memcheck"] + argv, env=env, capture_output=True,
                         text=True, check=True)
    match = re.search(r"total heap usage: ([\d,]+) allocs", run.stderr)
    if not match:
        raise SystemExit("bench-profile: memcheck printed no heap summary")
    return int(match.group(1).replace(",", ""))


def per_call(small: dict, large: dict, calls: int) -> dict:
    """(large - small) / calls for every key, rounded, without the ones that do not change."""
    keys = set(small) | set(large)
    diffs = {k: (large.get(k, 0) - small.get(k, 0)) / calls for k in keys}
    return {k: round(v, 2) for k, v in sorted(diffs.items(), key=lambda kv: -kv[1]) if v >= 0.005}


def main() -> None:
    """Profiles the C call and prints and writes the per-call figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench", type=Path, required=True, help="the built c/bench.c")
    parser.add_argument("--library", type=Path, required=True, help="a library with symbols")
    parser.add_argument("--calls", default="1000,5000", help="the two call counts (default 1000,5000)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "profile.json")
    args = parser.parse_args()
    small_n, large_n = (int(n) for n in args.calls.split(","))
    if not 0 < small_n < large_n:
        raise SystemExit("bench-profile: --calls takes two counts, the smaller first")
    calls = large_n - small_n
    missing = [t for t in ("strace", "valgrind", "callgrind_annotate") if not shutil.which(t)]
    if missing:
        raise SystemExit(f"bench-profile: needs {', '.join(missing)} "
                         "(apt-get install strace valgrind)")

    with tempfile.TemporaryDirectory(prefix="cognito-profile-") as tmp_name, Nginx() as nginx:
        tmp = Path(tmp_name)
        (tmp / "lib").mkdir()
        libdir = soname_dir(args.library, tmp / "lib")
        env = dict(os.environ, LD_LIBRARY_PATH=str(libdir))

        def argv(n: int) -> list:
            return [str(args.bench), nginx.url, "rss", str(n)]

        print(f"bench-profile: {args.library} ({small_n:,} and {large_n:,} calls)", flush=True)
        print("  strace ...", flush=True)
        sys_calls = per_call(syscalls(argv(small_n), env, tmp / "s1"),
                             syscalls(argv(large_n), env, tmp / "s2"), calls)
        print("  callgrind ...", flush=True)
        functions = per_call(instructions(argv(small_n), env, tmp / "c1"),
                             instructions(argv(large_n), env, tmp / "c2"), calls)
        print("  memcheck ...", flush=True)
        allocs = (allocations(argv(large_n), env) - allocations(argv(small_n), env)) / calls

    total = functions.pop("PROGRAM TOTALS", 0)
    inner = {name: value for name, value in functions.items()
             if name not in OUTER_FRAMES and not name.startswith(("0x", "__libc_start_main"))}
    top = dict(list(inner.items())[:TOP_FUNCTIONS])
    document = {
        "library": os.path.relpath(args.library, ROOT),
        "source": machine.source(ROOT),
        "calls_compared": [small_n, large_n],
        "per_call": {
            "system_calls": round(sum(sys_calls.values()), 2),
            "system_calls_by_name": sys_calls,
            "instructions": round(total),
            "heap_allocations": round(allocs, 2),
            "instructions_by_function_inclusive": top,
        },
    }
    report.write(args.out, document)
    print(f"\nper call: {document['per_call']['system_calls']} system calls "
          f"({', '.join(f'{k} {v:g}' for k, v in sys_calls.items())}), "
          f"{total:,.0f} user-space instructions, {allocs:.1f} heap allocations\n")
    print("instructions per call, inclusive, by function:")
    for name, value in top.items():
        print(f"  {value:>10,.0f}  {name[:150]}")
    print(f"\nwritten: {os.path.relpath(args.out, ROOT)}")


if __name__ == "__main__":
    main()
