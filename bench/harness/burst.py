"""The async burst (issue 15): CALLS concurrent async calls on one client against the emulator
answering each request after DELAY ms, from Python asyncio and from C# on Mono and on CoreCLR.

Rows and targets in the report's shapes (report.table / report.targets): the burst's wall time,
and for C# the .NET thread pool's peak (ThreadPool.ThreadCount on CoreCLR, worker threads in
use on Mono) over its minimum.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Callable, Dict, List, Optional

from emulator_launcher import start_emulator  # scripts/, on the path bench/run.py sets

#: The wall time the burst must stay under.
TARGET_SECONDS = 1.5
#: How far the .NET thread pool may grow beyond its minimum during the burst.
TARGET_POOL_GROWTH = 4

def run(json_of: Callable[[list, str, float], dict], emulator: Path, python: str, burst_py: Path,
        csharp: Optional[Dict[str, str]], calls: int, delay_ms: int) -> Dict[str, dict]:
    """Runs the burst from each runner against one emulator; ``json_of`` runs a command and
    parses its JSON line. ``csharp`` has ``exe``, ``runtimeconfig`` and ``dotnet`` (None: no C#)."""
    results: Dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as scratch, \
            start_emulator(emulator, ["--delay-ms", str(delay_ms)], stderr=Path(scratch) / "emulator.err") as process:
        url = process.url
        results["python-asyncio"] = json_of([python, burst_py, url, calls], "Python asyncio burst", 300)
        if csharp:
            results["csharp-mono"] = json_of(["mono", csharp["exe"], url, calls], "C# Mono burst", 300)
            results["csharp-coreclr"] = json_of(
                [csharp["dotnet"], "exec", "--runtimeconfig", csharp["runtimeconfig"], csharp["exe"], url, calls],
                "C# CoreCLR burst", 300)
    for result in results.values():
        result["delay_ms"] = delay_ms
    return results


def targets(results: Dict[str, dict]) -> List[dict]:
    """The issue's targets for the burst, each measured and marked."""
    goals = []
    for runner, result in results.items():
        calls = result["calls"]
        goals.append({"row": "burst_seconds", "runner": runner,
                      "target": f"≤ {TARGET_SECONDS} s for {calls:,} calls",
                      "measured": round(result["seconds"], 3),
                      "met": result["seconds"] <= TARGET_SECONDS})
        if "pool_peak_threads" in result:
            growth = result["pool_peak_threads"] - result["pool_min_threads"]
            goals.append({"row": "pool_growth", "runner": runner,
                          "target": f"≤ min + {TARGET_POOL_GROWTH} ({result['pool_measure']})",
                          "measured": growth, "met": growth <= TARGET_POOL_GROWTH})
    return goals


def rows(results: Dict[str, dict], goals: List[dict]) -> List[dict]:
    """The report's rows for the burst."""
    out = []
    for runner, result in results.items():
        measures = [("burst_seconds", f"{result['calls']:,} async calls at once, {result['delay_ms']} ms server",
                     result["seconds"], "s")]
        if "pool_peak_threads" in result:
            measures.append(("pool_growth", ".NET thread pool growth over its minimum during the burst",
                             result["pool_peak_threads"] - result["pool_min_threads"], "threads"))
        for key, label, value, unit in measures:
            own = [g for g in goals if g["row"] == key and g["runner"] == runner]
            out.append({"measure": label, "unit": unit, "runner": runner, "value": value,
                        "vs_limit": None, "vs_boto3": None,
                        "targets": [{"target": g["target"], "met": g["met"]} for g in own]})
    return sorted(out, key=lambda row: row["measure"])
