"""`make bench`: measure cognito-feedback against the loopback limit and against boto3.

One run starts nginx on 127.0.0.1 (harness/nginx.py), captures the request our C client sends,
and measures:

  timed runs, in BENCH_ROUNDS interleaved rounds (each runner keeps its best round):
    wrk -c1 and wrk -c16 (the limit), replaying the captured request (wrk/post.lua)
    raw socket loop sending the same bytes (c/rawloop.c: the limit's latency percentiles)
    C (c/bench.c), C# on Mono and CoreCLR (csharp/Calls.cs), Python package and boto3
    (python/calls.py): sequential, and 16 threads
    sharing one client
  once:
    C: BENCH_CALLS sequential calls with RSS sampled every 10 % (flat RSS), client creation
    Python and boto3: client creation
    each: library load / import + client + first call, in BENCH_COLD_RUNS fresh processes
    the stripped shared library's size
  the async burst (harness/burst.py): BENCH_BURST_CALLS concurrent async calls on one client
    against the emulator answering after 50 ms, from Python asyncio and C# (Mono, CoreCLR)

then prints one table and writes it as JSON (and Markdown) to bench/results/.

Environment: BENCH_CALLS (default 1000000), BENCH_SECONDS (each timed run, default 5),
BENCH_ROUNDS (default 3), BENCH_THREADS (default 16), BENCH_COLD_RUNS (default 20),
BENCH_BURST_CALLS (default 1000).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# scripts/emulator_launcher.py: the one way the project starts its emulator.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from harness import burst, capture, machine, report  # noqa: E402
from harness.nginx import Nginx, find_nginx  # noqa: E402

SECTIONS = ("limit", "c", "csharp", "python", "boto3", "tls", "size", "async")

#: The async burst's server delay, as the issue sets it.
BURST_DELAY_MS = 50
BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
#: The test CA and the server certificate it signed (for 127.0.0.1 and localhost).
TLS_DIR = ROOT / "tests" / "data" / "tls"


def env_int(name: str, default: int) -> int:
    """A positive integer from the environment (``1_000_000`` allowed), or ``default``."""
    text = os.environ.get(name, "")
    if not text:
        return default
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise SystemExit(f"bench: {name} must be a positive integer, got {text!r}")
    return value


def _children_cpu() -> float:
    """User plus system CPU time of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Runner:
    """Runs commands, keeps the list of what ran, and parses their one-line JSON output."""

    def __init__(self, env: dict) -> None:
        self.env = env
        self.commands: list = []

    def _note(self, argv: list, label: str, suffix: str = "") -> None:
        """Prints and records a command line, with paths relative to the repository."""
        shown = " ".join(str(a) for a in argv).replace(f"{ROOT}/", "") + suffix
        if shown not in self.commands:
            self.commands.append(shown)
        print(f"  {label}: {shown}", flush=True)

    def json(self, argv: list, label: str, timeout: float, extra_env: dict | None = None) -> dict:
        """Runs ``argv``; its last JSON line, plus ``process_cpu_s`` (the CPU time it used)."""
        self._note(argv, label)
        env = dict(self.env, **(extra_env or {}))
        cpu_before = _children_cpu()
        try:
            run = subprocess.run([str(a) for a in argv], capture_output=True, text=True,
                                 timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            raise SystemExit(f"bench: {label} took longer than {timeout:.0f} s")
        if run.returncode != 0:
            raise SystemExit(f"bench: {label} failed (exit {run.returncode}):\n{run.stderr.strip()}")
        lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
        if not lines:
            raise SystemExit(f"bench: {label} printed no result:\n{run.stdout}\n{run.stderr}")
        result = json.loads(lines[-1])
        result["process_cpu_s"] = _children_cpu() - cpu_before
        return result

    def fresh_processes(self, argv: list, label: str, runs: int) -> dict:
        """Runs ``argv`` ``runs`` times; the median of each figure, plus the process wall time."""
        self._note(argv, label, f"  (x{runs})")
        samples = []
        for _ in range(runs):
            t0 = time.perf_counter()
            run = subprocess.run([str(a) for a in argv], capture_output=True, text=True,
                                 timeout=120, env=self.env)
            wall_ms = (time.perf_counter() - t0) * 1e3
            if run.returncode != 0:
                raise SystemExit(f"bench: {label} failed:\n{run.stderr.strip()}")
            sample = json.loads(run.stdout.strip().splitlines()[-1])
            sample["process_ms"] = wall_ms
            samples.append(sample)
        merged = {key: statistics.median(s[key] for s in samples) for key in samples[0]}
        merged["runs"] = runs
        return merged


def wrk(runner: Runner, url: str, connections: int, seconds: int, request_file: Path) -> dict:
    """One wrk run; adds calls_per_s, mean_us (wall time per request) and cpu_us_per_call.

    wrk runs one thread per connection, like the clients it is compared with: on a shared
    machine the scheduler shares the CPU out per thread, and wrk with 2 threads against 16
    would get less of it than a 16-thread client does."""
    threads = connections
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
            "-s", BENCH_DIR / "wrk" / "post.lua", url + "/"]
    label = f"wrk -c{connections}" + (" (TLS)" if url.startswith("https:") else "")
    result = runner.json(argv, label, seconds + 60, {"BENCH_REQUEST_FILE": str(request_file)})
    errors = sum(result["errors"].values())
    if errors or not result["requests"]:
        raise SystemExit(f"bench: {label} saw errors: {result['errors']}")
    result["connections"], result["threads"] = connections, threads
    result["calls_per_s"] = result["requests"] / (result["duration_us"] / 1e6)
    result["mean_us"] = result["duration_us"] / result["requests"]
    result["cpu_us_per_call"] = result["process_cpu_s"] / result["requests"] * 1e6
    return result


def best_of(rounds: list) -> dict:
    """The round with the highest throughput (the least disturbed on a shared machine), with
    every round kept beside it (the report pairs runners round by round for its ratios)."""
    best = dict(max(rounds, key=lambda r: r["calls_per_s"]))
    best["rounds"] = rounds
    return best


def stripped_size(library: Path) -> dict:
    """The library's size, and the size of a stripped copy."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / library.name
        shutil.copyfile(library, copy)
        subprocess.run(["strip", "--strip-all", str(copy)], check=True)
        return {"path": os.path.relpath(library, ROOT), "bytes": library.stat().st_size,
                "stripped_bytes": copy.stat().st_size}


def parse_args() -> argparse.Namespace:
    """The command line: the built programs, the venv python, sections and output."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench", type=Path, required=True, help="the built c/bench.c")
    parser.add_argument("--coldstart", type=Path, required=True, help="the built c/coldstart.c")
    parser.add_argument("--rawloop", type=Path, required=True, help="the built c/rawloop.c")
    parser.add_argument("--library", type=Path, required=True, help="libcognito_feedback.so")
    parser.add_argument("--python", required=True, help="the benchmark venv's python")
    parser.add_argument("--emulator", type=Path, required=True, help="the release emulator")
    parser.add_argument("--csharp", type=Path, help="where bench/csharp/build.sh put Burst.exe (none: no C#)")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections to run, of {', '.join(SECTIONS)}")
    parser.add_argument("--out", type=Path, help="JSON output (default bench/results/latest.json, "
                                                 "or partial.json when --only leaves a section out)")
    return parser.parse_args()


def main() -> None:
    """Runs the benchmark, prints the table, writes the JSON and Markdown."""
    args = parse_args()
    sections = [s for s in args.only.split(",") if s]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise SystemExit(f"bench: unknown sections {sorted(unknown)}; choose from {SECTIONS}")
    full = set(sections) == set(SECTIONS)
    out = args.out or BENCH_DIR / "results" / ("latest.json" if full else "partial.json")

    params = {
        "calls": env_int("BENCH_CALLS", 1_000_000),
        "seconds": env_int("BENCH_SECONDS", 5),
        "rounds": env_int("BENCH_ROUNDS", 3),
        "threads": env_int("BENCH_THREADS", 16),
        "cold_runs": env_int("BENCH_COLD_RUNS", 20),
        "burst_calls": env_int("BENCH_BURST_CALLS", 1000),
        "c_client_creations": 10000,
        "python_client_creations": 1000,
        "boto3_client_creations": 100,
    }
    seconds, threads = params["seconds"], params["threads"]

    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "bindings" / "python" / "src")
    env["COGNITO_FEEDBACK_LIBRARY"] = str(args.library)
    # Mono and CoreCLR find the library by name, through the loader's search path.
    env["LD_LIBRARY_PATH"] = os.pathsep.join(
        p for p in (str(args.library.parent), env.get("LD_LIBRARY_PATH", "")) if p)
    # Neither client may find credentials, profiles or instance metadata to look at.
    env.update(AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null",
               AWS_EC2_METADATA_DISABLED="true")
    runner = Runner(env)
    calls_py = BENCH_DIR / "python" / "calls.py"
    started = datetime.datetime.now(datetime.timezone.utc)
    facts = machine.describe(find_nginx(), args.python)
    facts["source"] = machine.source(ROOT)
    results: dict = {}

    with tempfile.TemporaryDirectory(prefix="cognito-bench-") as tmp, Nginx(tls=(TLS_DIR / "server.pem", TLS_DIR / "server.key")) as nginx:
        url = nginx.url
        print(f"bench: nginx on {url}; {params['rounds']} rounds of {seconds} s runs, "
              f"{threads} threads, {params['calls']:,} sequential C calls for RSS", flush=True)
        request_file = Path(tmp) / "request.txt"
        if "limit" in sections:
            source = "c" if args.bench.exists() else "boto3"
            command = ((lambda u: [str(args.bench), u, "once"]) if source == "c"
                       else (lambda u: [args.python, str(calls_py), "boto3", u, "first"]))
            capture.write_request_file(capture.capture(command), request_file)
            results["limit"] = {"request_from": source,
                                "request": request_file.read_text(errors="replace")}
            print(f"  wrk replays the request {source} sends:\n    "
                  + request_file.read_text(errors="replace").replace("\n", "\n    "), flush=True)

        py = {"python": [args.python, calls_py, "ours", url],
              "boto3": [args.python, calls_py, "boto3", url]}
        # (runner, mode, run-it), in the order they run in each round: the runs compared with
        # each other sit next to each other, so they see the same load.
        seq, thr = [], []
        if "limit" in sections:
            seq += [("limit", "c1", lambda: wrk(runner, url, 1, seconds, request_file)),
                    ("limit", "raw", lambda: runner.json(
                        [args.rawloop, nginx.port, request_file, seconds], "raw socket",
                        seconds + 60))]
            thr += [("limit", "c16", lambda: wrk(runner, url, threads, seconds, request_file))]
        if "c" in sections:
            seq += [("c", "seq", lambda: runner.json([args.bench, url, "seq", seconds],
                                                     "C sequential", seconds + 120))]
            thr += [("c", "threads", lambda: runner.json(
                [args.bench, url, "threads", threads, seconds], f"C {threads} threads",
                seconds + 120))]
        if "csharp" in sections:
            if not args.csharp:
                raise SystemExit("bench: the csharp section needs --csharp")
            calls_exe = [str(args.csharp / "Calls.exe")]
            dotnet = (args.csharp / "dotnet-path").read_text().strip()
            csharp_runs = {
                "csharp-mono": ["mono"] + calls_exe,
                "csharp-coreclr": [dotnet, "exec", "--runtimeconfig",
                                   str(args.csharp / "Calls.runtimeconfig.json")] + calls_exe,
            }
            for runtime, base in csharp_runs.items():
                label = report.LABELS[runtime]
                seq += [(runtime, "seq", lambda b=base, l=label: runner.json(
                    b + [url, "seq", seconds], f"{l} sequential", seconds + 120))]
                thr += [(runtime, "threads", lambda b=base, l=label: runner.json(
                    b + [url, "threads", threads, seconds], f"{l} {threads} threads", seconds + 120))]
        for impl in ("python", "boto3"):
            if impl in sections:
                seq += [(impl, "seq", lambda b=py[impl], i=impl: runner.json(
                    b + ["seq", seconds], f"{i} sequential", seconds + 300))]
                thr += [(impl, "threads", lambda b=py[impl], i=impl: runner.json(
                    b + ["threads", threads, seconds], f"{i} {threads} threads", seconds + 300))]
        if "tls" in sections:
            # The same runs over HTTPS, beside their plain-HTTP ones in each round; every client
            # trusts the test CA through AWS_CA_BUNDLE (wrk does not verify).
            tls_url, tls_env = nginx.tls_url, {"AWS_CA_BUNDLE": str(TLS_DIR / "ca.pem")}
            seq += [("limit", "tls_c1", lambda: wrk(runner, tls_url, 1, seconds, request_file))]
            thr += [("limit", "tls_c16", lambda: wrk(runner, tls_url, threads, seconds, request_file))]
            tls_clients = {"c": [args.bench, tls_url]}
            tls_clients.update({impl: [args.python, calls_py, impl if impl == "boto3" else "ours", tls_url]
                                for impl in ("python", "boto3")})
            for who, base in tls_clients.items():
                label = report.LABELS[who]
                seq += [(who, "tls_seq", lambda b=base, l=label: runner.json(
                    b + ["seq", seconds], f"{l} HTTPS sequential", seconds + 300, tls_env))]
                thr += [(who, "tls_threads", lambda b=base, l=label: runner.json(
                    b + ["threads", threads, seconds], f"{l} HTTPS {threads} threads", seconds + 300,
                    tls_env))]
        timed = seq + thr
        rounds: dict = {}
        for n in range(params["rounds"]):
            print(f" round {n + 1} of {params['rounds']}", flush=True)
            for who, mode, run in timed:
                rounds.setdefault((who, mode), []).append(run())
        for (who, mode), runs in rounds.items():
            results.setdefault(who, {})[mode] = best_of(runs)

        if "tls" in sections:
            # A new connection per call, once per client: the handshake's cost.
            for who, base in tls_clients.items():
                results[who]["tls_fresh"] = runner.json(
                    base + ["fresh", seconds], f"{report.LABELS[who]} HTTPS, a connection per call",
                    seconds + 300, tls_env)
        if "c" in sections:
            c = results["c"]
            c["rss"] = runner.json([args.bench, url, "rss", params["calls"]], "C RSS run",
                                   max(900, params["calls"] / 500))
            samples = c["rss"]["rss_kib"]
            c["rss_growth_kib"] = samples[-1][1] - samples[0][1]
            c["rss_window"] = f"{samples[0][0]:,} → {samples[-1][0]:,} calls"
            c["create"] = runner.json([args.bench, url, "create", params["c_client_creations"]],
                                      "C client creation", 300)
            c["cold"] = runner.fresh_processes([args.coldstart, args.library, url],
                                               "C load + first call", params["cold_runs"])
        for impl in ("python", "boto3"):
            if impl in sections:
                results[impl]["create"] = runner.json(
                    py[impl] + ["create", params[f"{impl}_client_creations"]],
                    f"{impl} client creation", 600)
                results[impl]["first"] = runner.fresh_processes(
                    py[impl] + ["first"], f"{impl} import + first call", params["cold_runs"])
    if "size" in sections:
        results["library"] = stripped_size(args.library)
    if "async" in sections:
        csharp = None
        if args.csharp:
            csharp = {"exe": str(args.csharp / "Burst.exe"),
                      "runtimeconfig": str(args.csharp / "Burst.runtimeconfig.json"),
                      "dotnet": (args.csharp / "dotnet-path").read_text().strip()}
        print(f" async burst: {params['burst_calls']:,} calls, server delay {BURST_DELAY_MS} ms", flush=True)
        results["async"] = burst.run(runner.json, args.emulator, args.python, BENCH_DIR / "python" / "burst.py",
                                     csharp, params["burst_calls"], BURST_DELAY_MS)

    facts["load_average_at_end"] = machine.load_average()
    measured, runs = report.measures(results), report.rounds(results)
    rss_window = results.get("c", {}).get("rss_window",
                                          f"{params['calls'] // 10:,} → {params['calls']:,} calls")
    goals = report.targets(measured, runs, rss_window)
    rows = report.table(measured, runs, goals)
    if "async" in results:
        burst_goals = burst.targets(results["async"])
        goals += burst_goals
        rows += burst.rows(results["async"], burst_goals)
    document = {
        "generated": started.isoformat(timespec="seconds"),
        "complete": full,
        "params": params,
        "machine": facts,
        "commands": runner.commands,
        "results": results,
        "table": rows,
        "targets": goals,
        "all_targets_met": all(g["met"] for g in goals),
    }
    report.write(out, document)
    out.with_suffix(".md").write_text(report.render_markdown(rows) + "\n")
    print()
    print(report.render_text(rows))
    print()
    print("targets:")
    print(report.render_targets(goals))
    print(f"\nload average: {facts['load_average_at_start']} at start, "
          f"{facts['load_average_at_end']} at end")
    print(f"written: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


if __name__ == "__main__":
    main()
