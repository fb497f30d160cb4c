"""A burst of concurrent asyncio calls on one client of our package, against an endpoint that
answers each request after a fixed delay (the emulator with --delay-ms):

    burst.py URL CALLS

Makes one call to open the way (import, first connection), then starts CALLS
``update_auth_event_feedback_async`` calls at once and waits for all of them. Prints one JSON
object: the wall time of the burst, and how many threads the process had at its peak.
A failed call raises, so a failure is never counted as a call.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import threading
import time

from calls import REQUEST, make_client


def thread_count() -> int:
    """The process's threads, native ones included (the library's workers)."""
    return len(os.listdir("/proc/self/task"))


async def burst(client, calls: int) -> dict:
    await client.update_auth_event_feedback_async(**REQUEST)
    peak = thread_count()
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.005):
            peak = max(peak, thread_count())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    results = await asyncio.gather(*(client.update_auth_event_feedback_async(**REQUEST) for _ in range(calls)))
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    assert all(r["ResponseMetadata"]["HTTPStatusCode"] == 200 for r in results)
    # The sampler itself is one of the threads counted.
    return {"calls": calls, "seconds": seconds, "calls_per_s": calls / seconds, "peak_threads": peak - 1}


def main() -> None:
    url, calls = sys.argv[1], int(sys.argv[2])
    client = make_client("ours", url)
    try:
        print(json.dumps(asyncio.run(burst(client, calls))))
    finally:
        client.close()


if __name__ == "__main__":
    main()
