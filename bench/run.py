"""`make bench`: measure cognito-feedback against the loopback limit and against boto3.

One run starts nginx on 127.0.0.1 (see harness/nginx.py) and measures, in order:
  limit   wrk with 1 connection and with 16, sending the request our client sends, and a
          plain C socket loop sending the same bytes (c/rawloop.c: trustworthy percentiles)
  c       the C benchmark (bench/c/bench.c): sequential calls, 16 threads on one client,
          client creation, and library load + first call in fresh processes (coldstart.c)
  python  the same through the Python package (bench/python/calls.py ours)
  boto3   the same through boto3 (bench/python/calls.py boto3), in the benchmark's venv
  size    the stripped shared library
then prints one table and writes it as JSON (and Markdown) to bench/results/.

Environment: BENCH_CALLS (sequential C calls, default 1000000; RSS is sampled every 10 %),
BENCH_SECONDS (length of each timed run, default 10), BENCH_THREADS (default 16),
BENCH_COLD_RUNS (fresh processes per runner, default 20).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import capture, machine, report  # noqa: E402
from harness.nginx import Nginx, find_nginx  # noqa: E402

SECTIONS = ("limit", "c", "python", "boto3", "size")
BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent


def env_int(name: str, default: int) -> int:
    text = os.environ.get(name, "")
    if not text:
        return default
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise SystemExit(f"bench: {name} must be a positive integer, got {text!r}")
    if value <= 0:
        raise SystemExit(f"bench: {name} must be a positive integer, got {text!r}")
    return value


class Runner:
    """Runs commands, keeps the list of what ran, and parses their one-line JSON output."""

    def __init__(self, env: dict) -> None:
        self.env = env
        self.commands: list = []

    def json(self, argv: list, label: str, timeout: float, extra_env: dict | None = None) -> dict:
        shown = " ".join(str(a) for a in argv)
        self.commands.append(shown)
        print(f"  {label}: {shown}", flush=True)
        env = dict(self.env, **(extra_env or {}))
        try:
            run = subprocess.run([str(a) for a in argv], capture_output=True, text=True,
                                 timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            raise SystemExit(f"bench: {label} took longer than {timeout:.0f} s")
        if run.returncode != 0:
            raise SystemExit(f"bench: {label} failed (exit {run.returncode}):\n{run.stderr.strip()}")
        lines = [l for l in run.stdout.splitlines() if l.startswith("{")]
        if not lines:
            raise SystemExit(f"bench: {label} printed no result:\n{run.stdout}\n{run.stderr}")
        return json.loads(lines[-1])

    def fresh_processes(self, argv: list, label: str, runs: int) -> dict:
        """Runs ``argv`` ``runs`` times; the median of each figure, plus the process wall time."""
        self.commands.append(f"{' '.join(str(a) for a in argv)}  (x{runs})")
        print(f"  {label}: {' '.join(str(a) for a in argv)}  (x{runs})", flush=True)
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
    threads = 1 if connections == 1 else min(connections, os.cpu_count() or 1)
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
            "-s", BENCH_DIR / "wrk" / "post.lua", url + "/"]
    result = runner.json(argv, f"wrk -c{connections}", seconds + 60,
                         {"BENCH_REQUEST_FILE": str(request_file)})
    errors = sum(result["errors"].values())
    if errors:
        raise SystemExit(f"bench: wrk -c{connections} saw errors: {result['errors']}")
    result["connections"], result["threads"] = connections, threads
    return result


def stripped_size(library: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / library.name
        shutil.copyfile(library, copy)
        subprocess.run(["strip", "--strip-all", str(copy)], check=True)
        return {"path": str(library), "bytes": library.stat().st_size,
                "stripped_bytes": copy.stat().st_size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench", type=Path, required=True, help="the built bench/c/bench.c")
    parser.add_argument("--coldstart", type=Path, required=True, help="the built coldstart.c")
    parser.add_argument("--rawloop", type=Path, required=True, help="the built rawloop.c")
    parser.add_argument("--library", type=Path, required=True, help="libcognito_feedback.so")
    parser.add_argument("--python", required=True, help="the benchmark venv's python")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help="comma-separated sections to run (default: all)")
    parser.add_argument("--out", type=Path, help="JSON output (default bench/results/latest.json, "
                                                 "or partial.json when --only leaves a section out)")
    args = parser.parse_args()
    sections = [s for s in args.only.split(",") if s]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise SystemExit(f"bench: unknown sections {sorted(unknown)}; choose from {SECTIONS}")
    full = set(sections) == set(SECTIONS)
    out = args.out or BENCH_DIR / "results" / ("latest.json" if full else "partial.json")

    calls = env_int("BENCH_CALLS", 1_000_000)
    seconds = env_int("BENCH_SECONDS", 10)
    threads = env_int("BENCH_THREADS", 16)
    cold_runs = env_int("BENCH_COLD_RUNS", 20)
    params = {"calls": calls, "seconds": seconds, "threads": threads, "cold_runs": cold_runs,
              "c_client_creations": 10000, "python_client_creations": 1000,
              "boto3_client_creations": 100}

    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "bindings" / "python" / "src")
    env["COGNITO_FEEDBACK_LIBRARY"] = str(args.library)
    # boto3 must not look for credentials, profiles or instance metadata.
    env.update(AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null",
               AWS_EC2_METADATA_DISABLED="true")
    runner = Runner(env)
    calls_py = BENCH_DIR / "python" / "calls.py"
    started = datetime.datetime.now(datetime.timezone.utc)
    facts = machine.describe(find_nginx(), args.python)
    results: dict = {}

    with tempfile.TemporaryDirectory(prefix="cognito-bench-") as tmp, Nginx() as nginx:
        url = nginx.url
        print(f"bench: nginx on {url}; {calls:,} sequential C calls, {seconds} s timed runs, "
              f"{threads} threads", flush=True)
        request_file = Path(tmp) / "request.txt"
        if "limit" in sections:
            use_c = args.bench.exists()
            source = "c" if use_c else "boto3"
            cmd = ((lambda u: [str(args.bench), u, "once"]) if use_c
                   else (lambda u: [args.python, str(calls_py), "boto3", u, "first"]))
            capture.write_request_file(capture.capture(cmd), request_file)
            print(f"  wrk replays the request {source} sends:\n    "
                  + request_file.read_text(errors="replace").replace("\n", "\n    "), flush=True)
            results["limit"] = {
                "request_from": source,
                "c1": wrk(runner, url, 1, seconds, request_file),
                "c16": wrk(runner, url, threads, seconds, request_file),
                "raw": runner.json([args.rawloop, nginx.port, request_file, seconds],
                                   "raw socket loop", seconds + 60),
            }
        if "c" in sections:
            c = {
                "seq": runner.json([args.bench, url, "seq", calls], "C sequential",
                                   max(600, calls / 1000)),
                "threads": runner.json([args.bench, url, "threads", threads, seconds],
                                       f"C {threads} threads", seconds + 120),
                "create": runner.json([args.bench, url, "create", params["c_client_creations"]],
                                      "C client creation", 300),
                "cold": runner.fresh_processes([args.coldstart, args.library, url],
                                               "C load + first call", cold_runs),
            }
            rss = c["seq"]["rss_kib"]
            c["rss_growth_kib"] = rss[-1][1] - rss[0][1]
            c["rss_window"] = f"{rss[0][0]:,} → {rss[-1][0]:,} calls"
            results["c"] = c
        for impl in ("python", "boto3"):
            if impl not in sections:
                continue
            name = "ours" if impl == "python" else "boto3"
            base = [args.python, calls_py, name, url]
            results[impl] = {
                "seq": runner.json(base + ["seq", seconds], f"{impl} sequential", seconds + 300),
                "threads": runner.json(base + ["threads", threads, seconds],
                                       f"{impl} {threads} threads", seconds + 300),
                "create": runner.json(base + ["create", params[f"{impl}_client_creations"]],
                                      f"{impl} client creation", 600),
                "first": runner.fresh_processes(base + ["first"], f"{impl} import + first call",
                                                cold_runs),
            }
    if "size" in sections:
        results["library"] = stripped_size(args.library)

    facts["load_average_at_end"] = machine.load_average()
    measured = report.measures(results)
    rss_window = _get_window(results, calls)
    goals = report.targets(results, measured, rss_window)
    rows = report.table(measured, goals)
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


def _get_window(results: dict, calls: int) -> str:
    return results.get("c", {}).get("rss_window", f"{calls // 10:,} → {calls:,} calls")


if __name__ == "__main__":
    main()
