"""The Python benchmark: the same call through our package or through boto3, same loop code.

    calls.py IMPL URL seq SECONDS           sequential calls on one client for SECONDS
    calls.py IMPL URL threads N SECONDS     N threads sharing one client for SECONDS
    calls.py IMPL URL create N              N client creations, each timed
    calls.py IMPL URL first                 import + client + first call (run in a fresh process)
    calls.py IMPL URL fresh SECONDS         sequential calls, each on a new connection (over
                                            HTTPS: a full TLS handshake per call)

IMPL is ``ours`` (the cognito_feedback package) or ``boto3``. Both trust the CA bundle named by
``AWS_CA_BUNDLE`` when it is set (the HTTPS runs' test CA); ours ignores the rest of the
environment. Prints one JSON object; a failed
call raises, so failures are never counted as calls.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time
from typing import Callable

START_NS = time.perf_counter_ns()

#: The default emulator fixture's first event: the same call every runner makes.
REQUEST = {
    "UserPoolId": "us-east-1_PlusPool1",
    "Username": "alice",
    "EventId": "evt-alice-1",
    "FeedbackToken": "tok-alice-1.AbC=",
    "FeedbackValue": "Valid",
}

WARMUP_CALLS = 200


def make_client(impl: str, url: str, pool: int = 10):
    """A client of ``impl`` for ``url``; ``pool`` sizes boto3's connection pool."""
    if impl == "ours":
        from cognito_feedback import Client

        return Client(endpoint_url=url, region_name="us-east-1", ignore_environment=True,
                      ca_bundle=os.environ.get("AWS_CA_BUNDLE") or None)
    if impl == "boto3":
        import boto3
        from botocore import UNSIGNED
        from botocore.config import Config

        return boto3.session.Session().client(
            "cognito-idp",
            endpoint_url=url,
            region_name="us-east-1",
            config=Config(
                signature_version=UNSIGNED,
                retries={"max_attempts": 1},
                max_pool_connections=pool,
            ),
        )
    raise SystemExit(f"calls.py: unknown implementation {impl!r} (ours or boto3)")


def call(client) -> None:
    """One call; checks that the response carries the request id."""
    response = client.update_auth_event_feedback(**REQUEST)
    if not response["ResponseMetadata"]["RequestId"]:
        raise RuntimeError("the response has no request id")


def cpu_seconds() -> float:
    """User plus system CPU time this process (all its threads) has used."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def summary(latencies_ns: list, seconds: float, cpu: float = 0.0) -> dict:
    """Calls, calls per second, mean, median and p99 latency in microseconds, and the CPU time
    ``cpu`` (seconds) per call."""
    ordered = sorted(latencies_ns)
    count = len(ordered)

    def quantile(q: float) -> float:
        return ordered[max(0, min(count - 1, round(q * count) - 1))] / 1e3

    return {
        "calls": count,
        "seconds": seconds,
        "calls_per_s": count / seconds,
        "mean_us": sum(ordered) / count / 1e3,
        "median_us": quantile(0.5),
        "p99_us": quantile(0.99),
        "max_us": ordered[-1] / 1e3,
        "cpu_us_per_call": cpu / count * 1e6,
    }


def peak_rss_kib() -> int:
    """This program's peak resident set size in KiB: VmHWM from /proc/self/status
    (getrusage's ru_maxrss is no use here: Linux carries the launcher's peak over execve)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def run_seq(impl: str, url: str, seconds: float) -> dict:
    """Sequential calls on one client for ``seconds``, after a warm-up."""
    client = make_client(impl, url)
    for _ in range(WARMUP_CALLS):
        call(client)
    return timed_calls(seconds, lambda: call(client))


def timed_calls(seconds: float, one_call: Callable[[], None]) -> dict:
    """``one_call`` again and again for ``seconds``, each timed: the latency summary, CPU time
    and peak RSS."""
    latencies = []
    clock = time.perf_counter_ns
    cpu_start = cpu_seconds()
    start = clock()
    deadline = start + int(seconds * 1e9)
    while True:
        t0 = clock()
        one_call()
        t1 = clock()
        latencies.append(t1 - t0)
        if t1 >= deadline:
            break
    result = summary(latencies, (clock() - start) / 1e9, cpu_seconds() - cpu_start)
    result["peak_rss_kib"] = peak_rss_kib()
    return result


def run_fresh(impl: str, url: str, seconds: float) -> dict:
    """Sequential calls for ``seconds``, each on a new connection: ours makes a new client per
    call (its connection pool goes with it); boto3's client is costly to make (tens of ms), so it
    keeps one and closes its connection pool after each call instead."""
    boto3_client = make_client(impl, url) if impl == "boto3" else None

    def one_call() -> None:
        if boto3_client is not None:
            call(boto3_client)
            boto3_client._endpoint.http_session.close()
        else:
            with make_client(impl, url) as client:
                call(client)

    return timed_calls(seconds, one_call)


def run_threads(impl: str, url: str, threads: int, seconds: float) -> dict:
    """``threads`` threads sharing one client, calling for ``seconds``."""
    client = make_client(impl, url, pool=threads)
    ready = threading.Barrier(threads + 1)
    stop = threading.Event()
    per_thread = [[] for _ in range(threads)]
    failures = []

    def work(latencies: list) -> None:
        try:
            for _ in range(WARMUP_CALLS // 10):
                call(client)
        except BaseException as error:  # reported by the main thread
            failures.append(error)
        ready.wait()
        clock = time.perf_counter_ns
        try:
            while not stop.is_set():
                t0 = clock()
                call(client)
                latencies.append(clock() - t0)
        except BaseException as error:
            failures.append(error)

    workers = [threading.Thread(target=work, args=(lat,)) for lat in per_thread]
    for worker in workers:
        worker.start()
    ready.wait()
    cpu_start = cpu_seconds()
    start = time.perf_counter_ns()
    time.sleep(seconds)
    stop.set()
    for worker in workers:
        worker.join()
    elapsed = (time.perf_counter_ns() - start) / 1e9
    cpu = cpu_seconds() - cpu_start
    if failures:
        raise failures[0]
    result = summary([x for lat in per_thread for x in lat], elapsed, cpu)
    result["threads"] = threads
    result["peak_rss_kib"] = peak_rss_kib()
    return result


def run_create(impl: str, url: str, n: int) -> dict:
    """``n`` client creations, each timed (imports done beforehand)."""
    make_client(impl, url)  # imports and first-use caches, as in a running application
    times = []
    for _ in range(n):
        t0 = time.perf_counter_ns()
        client = make_client(impl, url)
        times.append(time.perf_counter_ns() - t0)
        del client
    result = summary(times, sum(times) / 1e9)
    return {"clients": n, "mean_us": result["mean_us"], "median_us": result["median_us"],
            "p99_us": result["p99_us"]}


def run_first(impl: str, url: str) -> dict:
    """Import + client + one call, as the first thing this process does."""
    t0 = time.perf_counter_ns()
    client = make_client(impl, url)
    t1 = time.perf_counter_ns()
    call(client)
    t2 = time.perf_counter_ns()
    return {
        "script_start_to_call_us": (t2 - START_NS) / 1e3,
        "import_and_client_us": (t1 - t0) / 1e3,
        "first_call_us": (t2 - t1) / 1e3,
        "total_us": (t2 - t0) / 1e3,
        "peak_rss_kib": peak_rss_kib(),
    }


def main(argv: list) -> None:
    """Runs the mode ``argv`` names and prints its result as one JSON line."""
    usage = "usage: calls.py ours|boto3 URL seq SECONDS | threads N SECONDS | create N | first | fresh SECONDS"
    if len(argv) < 3:
        raise SystemExit(usage)
    impl, url, mode, args = argv[0], argv[1], argv[2], argv[3:]
    if mode == "seq" and len(args) == 1:
        result = run_seq(impl, url, float(args[0]))
    elif mode == "threads" and len(args) == 2:
        result = run_threads(impl, url, int(args[0]), float(args[1]))
    elif mode == "create" and len(args) == 1:
        result = run_create(impl, url, int(args[0]))
    elif mode == "first" and not args:
        result = run_first(impl, url)
    elif mode == "fresh" and len(args) == 1:
        result = run_fresh(impl, url, float(args[0]))
    else:
        raise SystemExit(usage)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
