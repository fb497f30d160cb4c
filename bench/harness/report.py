"""The benchmark's report: one table with ratios to the limit and to boto3, each target marked
met or missed, printed as text and written as JSON (and as Markdown for BENCHMARKS.md).

Values are each runner's best round. Ratio conventions: "vs limit" is the value divided by the
limit's: wrk's for the mean time per call and for throughput, the raw socket loop's for the
median and p99 (for times, 1.20× means 20 % slower; for throughput, 0.88× means 88 % of wrk's).
"vs boto3" is how many times better than boto3 (boto3's time ÷ ours, or our throughput ÷
boto3's). For the timed runs, which run in interleaved rounds, a ratio is the median of the
ratios within each round (runs of one round ran minutes apart at most, under the same load);
elsewhere it is the ratio of the two values.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Dict, List, Optional

MIB = 1024 * 1024

RUNNERS = ("limit", "raw", "c", "python", "boto3", "csharp-mono", "csharp-coreclr")
#: The runners of the timed runs that make the library's call (wrk and the raw loop aside).
CLIENTS = ("c", "python", "boto3", "csharp-mono", "csharp-coreclr")
#: The C# runtimes, whose wrapper cost is their CPU per call over C's.
CSHARP = ("csharp-mono", "csharp-coreclr")
LABELS = {"limit": "limit (wrk)", "raw": "raw socket", "c": "C", "python": "Python",
          "boto3": "boto3", "python-asyncio": "Python asyncio", "csharp-mono": "C# Mono",
          "csharp-coreclr": "C# CoreCLR"}


def _get(results: dict, *keys) -> Optional[float]:
    """``results[k1][k2]...`` or None when any part is missing."""
    node = results
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


# The timed measures: key -> (mode of the limit's run, mode of the others' runs, field).
TIMED = {
    "seq_mean_us": ("c1", "seq", "mean_us"),
    "seq_median_us": ("raw", "seq", "median_us"),
    "seq_p99_us": ("raw", "seq", "p99_us"),
    "seq_calls_per_s": ("c1", "seq", "calls_per_s"),
    "threads_calls_per_s": ("c16", "threads", "calls_per_s"),
    "threads_p99_us": (None, "threads", "p99_us"),
    "seq_cpu_us": ("c1", "seq", "cpu_us_per_call"),
    "threads_cpu_us": ("c16", "threads", "cpu_us_per_call"),
    "tls_seq_mean_us": ("tls_c1", "tls_seq", "mean_us"),
    "tls_threads_calls_per_s": ("tls_c16", "tls_threads", "calls_per_s"),
}

#: Keep-alive HTTPS may cost at most this much more than plain HTTP, per call, same client.
TLS_OVER_PLAIN = 1.3


def rounds(results: dict) -> Dict[str, Dict[str, Optional[list]]]:
    """Per timed measure and runner, the value in each round (None without rounds)."""
    def series(runner: str, mode: Optional[str], field: str) -> Optional[list]:
        runs = _get(results, runner, mode, "rounds") if mode else None
        return [r.get(field) for r in runs] if runs else None

    out = {}
    for key, (limit_mode, mode, field) in TIMED.items():
        out[key] = {r: series(r, mode, field) for r in CLIENTS}
        out[key]["limit"] = series("limit", "c1" if limit_mode == "raw" else limit_mode, field)
        out[key]["raw"] = series("limit", "raw", field)
    return out


def ratio(key: str, runs: dict, values: dict, top: str, bottom: str) -> Optional[float]:
    """``top`` ÷ ``bottom`` for measure ``key``: the median of the per-round ratios when both ran
    in the same rounds, else the ratio of their values; None when one is missing."""
    a, b = runs.get(key, {}).get(top), runs.get(key, {}).get(bottom)
    if a and b and len(a) == len(b) and all(x is not None and y for x, y in zip(a, b)):
        return statistics.median(x / y for x, y in zip(a, b))
    x, y = values[key].get(top), values[key].get(bottom)
    return None if x is None or not y else x / y


def difference(key: str, runs: dict, values: dict, top: str, bottom: str) -> Optional[float]:
    """``top`` − ``bottom`` for measure ``key``, paired by round as :func:`ratio` pairs them."""
    a, b = runs.get(key, {}).get(top), runs.get(key, {}).get(bottom)
    if a and b and len(a) == len(b) and all(x is not None and y is not None for x, y in zip(a, b)):
        return statistics.median(x - y for x, y in zip(a, b))
    x, y = values[key].get(top), values[key].get(bottom)
    return None if x is None or y is None else x - y


def measures(results: dict) -> Dict[str, Dict[str, Optional[float]]]:
    """Every compared quantity, per runner (None where a runner has no such figure)."""
    measured = _measures(results)
    runs = rounds(results)
    # What the C# wrapper adds to the C call: its process's CPU per call over C's, same round.
    for mode in ("seq", "threads"):
        measured[f"{mode}_wrapper_cpu_us"] = {
            r: difference(f"{mode}_cpu_us", runs, measured, r, "c") for r in CSHARP}
    # Keep-alive HTTPS over plain HTTP, each client against itself, paired by round.
    measured["tls_over_plain_seq"] = {}
    for r in ("limit",) + CLIENTS:
        tls, plain = runs["tls_seq_mean_us"].get(r), runs["seq_mean_us"].get(r)
        if tls and plain and len(tls) == len(plain) and all(tls) and all(plain):
            measured["tls_over_plain_seq"][r] = statistics.median(t / p for t, p in zip(tls, plain))
        else:
            t, p = measured["tls_seq_mean_us"].get(r), measured["seq_mean_us"].get(r)
            measured["tls_over_plain_seq"][r] = t / p if t and p else None
    return measured


def _measures(results: dict) -> Dict[str, Dict[str, Optional[float]]]:
    """The measures taken directly from the results."""
    def each(*keys):
        return {r: _get(results, r, *keys) for r in CLIENTS}

    def wrk1(key):
        return _get(results, "limit", "c1", key)

    def wrk16(key):
        return _get(results, "limit", "c16", key)

    def raw(key):
        return _get(results, "limit", "raw", key)

    return {
        "seq_mean_us": {"limit": wrk1("mean_us"), "raw": raw("mean_us"), **each("seq", "mean_us")},
        "seq_median_us": {"raw": raw("median_us"), **each("seq", "median_us")},
        "seq_p99_us": {"raw": raw("p99_us"), **each("seq", "p99_us")},
        "seq_calls_per_s": {"limit": wrk1("calls_per_s"), "raw": raw("calls_per_s"),
                            **each("seq", "calls_per_s")},
        "threads_calls_per_s": {"limit": wrk16("calls_per_s"), **each("threads", "calls_per_s")},
        "threads_p99_us": {**each("threads", "p99_us")},
        "seq_cpu_us": {"limit": wrk1("cpu_us_per_call"), "raw": raw("cpu_us_per_call"),
                       **each("seq", "cpu_us_per_call")},
        "threads_cpu_us": {"limit": wrk16("cpu_us_per_call"), **each("threads", "cpu_us_per_call")},
        "tls_seq_mean_us": {"limit": _get(results, "limit", "tls_c1", "mean_us"), **each("tls_seq", "mean_us")},
        "tls_threads_calls_per_s": {"limit": _get(results, "limit", "tls_c16", "calls_per_s"),
                                    **each("tls_threads", "calls_per_s")},
        "tls_fresh_mean_us": {**each("tls_fresh", "mean_us")},
        "create_median_us": {"limit": None, **each("create", "median_us")},
        "create_first_us": {"limit": None, "c": _get(results, "c", "cold", "client_us"),
                            "python": None, "boto3": None},
        "first_call_us": {
            "limit": None,
            "c": _get(results, "c", "cold", "total_us"),
            "python": _get(results, "python", "first", "total_us"),
            "boto3": _get(results, "boto3", "first", "total_us"),
        },
        "process_to_first_call_ms": {
            "limit": None,
            "c": _get(results, "c", "cold", "process_ms"),
            "python": _get(results, "python", "first", "process_ms"),
            "boto3": _get(results, "boto3", "first", "process_ms"),
        },
        "peak_rss_seq_kib": {"limit": None, **each("seq", "peak_rss_kib")},
        "peak_rss_threads_kib": {"limit": None, **each("threads", "peak_rss_kib")},
        "rss_growth_kib": {"limit": None, "c": _get(results, "c", "rss_growth_kib"),
                           "python": None, "boto3": None},
        "stripped_so_kib": {"limit": None,
                            "c": (lambda b: b and b / 1024)(_get(results, "library", "stripped_bytes")),
                            "python": None, "boto3": None},
    }


# (key, label, unit, higher is better, the runner "vs limit" divides by). wrk's own latency
# percentiles are not used (wg/wrk#114, #438): the raw socket loop gives the limit's.
ROWS = [
    ("seq_mean_us", "sequential call, mean", "µs", False, "limit"),
    ("seq_median_us", "sequential call, median", "µs", False, "raw"),
    ("seq_p99_us", "sequential call, p99", "µs", False, "raw"),
    ("seq_calls_per_s", "sequential calls/s", "/s", True, "limit"),
    ("threads_calls_per_s", "16 threads (wrk: 16 conns), calls/s", "/s", True, "limit"),
    ("threads_p99_us", "16 threads, p99 latency", "µs", False, None),
    ("seq_cpu_us", "client CPU per call, sequential", "µs", False, "limit"),
    ("seq_wrapper_cpu_us", "C# wrapper's CPU per call over C's, sequential", "µs", False, None),
    ("threads_cpu_us", "client CPU per call, 16 threads", "µs", False, "limit"),
    ("threads_wrapper_cpu_us", "C# wrapper's CPU per call over C's, 16 threads", "µs", False, None),
    ("tls_seq_mean_us", "HTTPS keep-alive sequential call, mean", "µs", False, "limit"),
    ("tls_over_plain_seq", "HTTPS keep-alive over plain HTTP, sequential, same client", "×", False, None),
    ("tls_threads_calls_per_s", "HTTPS, 16 threads (wrk: 16 conns), calls/s", "/s", True, "limit"),
    ("tls_fresh_mean_us", "HTTPS, a new connection (full handshake) per call, mean", "µs", False, None),
    ("create_median_us", "client creation, median", "µs", False, None),
    ("create_first_us", "first client in a fresh process", "µs", False, None),
    ("first_call_us", "load + client + first call, in process", "µs", False, None),
    ("process_to_first_call_ms", "fresh process to first call done", "ms", False, None),
    ("peak_rss_seq_kib", "peak RSS, sequential run", "KiB", False, None),
    ("peak_rss_threads_kib", "peak RSS, 16 threads run", "KiB", False, None),
    ("rss_growth_kib", "RSS growth over the sequential run", "KiB", False, None),
    ("stripped_so_kib", "stripped shared library", "KiB", False, None),
]


def targets(m: dict, runs: dict, rss_window: str) -> List[dict]:
    """The issue's targets, each with its measured value and whether it holds."""

    def target(row, runner, text, value, ok):
        return {"row": row, "runner": runner, "target": text,
                "measured": None if value is None else round(value, 3),
                "met": None if value is None else bool(ok(value))}

    def r(key, top, bottom):
        return ratio(key, runs, m, top, bottom)

    return [
        target("seq_mean_us", "c", "≤ 1.3× limit", r("seq_mean_us", "c", "limit"), lambda v: v <= 1.3),
        target("threads_calls_per_s", "c", "≥ 0.80× limit", r("threads_calls_per_s", "c", "limit"),
               lambda v: v >= 0.8),
        target("seq_mean_us", "c", "≥ 20× boto3", r("seq_mean_us", "boto3", "c"), lambda v: v >= 20),
        target("seq_mean_us", "python", "≥ 5× boto3", r("seq_mean_us", "boto3", "python"),
               lambda v: v >= 5),
        target("threads_calls_per_s", "python", "≥ 0.40× C", r("threads_calls_per_s", "python", "c"),
               lambda v: v >= 0.4),
        target("create_median_us", "c", "< 1000 µs", m["create_median_us"]["c"], lambda v: v < 1000),
        target("create_first_us", "c", "< 1000 µs", m["create_first_us"]["c"], lambda v: v < 1000),
        target("stripped_so_kib", "c", "< 3 MiB", m["stripped_so_kib"]["c"],
               lambda v: v * 1024 < 3 * MIB),
        target("rss_growth_kib", "c", f"flat: ≤ 256 KiB ({rss_window})", m["rss_growth_kib"]["c"],
               lambda v: v <= 256),
    ] + [
        target("tls_over_plain_seq", r, f"≤ {TLS_OVER_PLAIN}× plain HTTP", m["tls_over_plain_seq"].get(r),
               lambda v: v <= TLS_OVER_PLAIN)
        for r in ("c", "python", "boto3")
    ] + [
        target(f"{mode}_wrapper_cpu_us", runtime, "≤ 10 µs", m[f"{mode}_wrapper_cpu_us"][runtime],
               lambda v: v <= 10)
        for mode in ("seq", "threads") for runtime in CSHARP
    ]


def _fmt(value: Optional[float]) -> str:
    if value is None:
        return "—"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _ratio(value: Optional[float]) -> str:
    if value is None:
        return ""
    return f"{value:.2f}×" if value < 10 else f"{value:.0f}×"


def table(m: dict, runs: dict, goals: List[dict]) -> List[dict]:
    """The rows of the report: one per (measure, runner) that has a value."""
    rows = []
    for key, label, unit, higher_better, base in ROWS:
        values = m[key]
        for runner in RUNNERS:
            value = values.get(runner)
            if value is None:
                continue
            vs_l = ratio(key, runs, m, runner, base) if base and runner != base else None
            vs_b = None
            if runner in ("c", "python") and value and unit != "×":
                vs_b = (ratio(key, runs, m, runner, "boto3") if higher_better
                        else ratio(key, runs, m, "boto3", runner))
            own = [g for g in goals if g["row"] == key and g["runner"] == runner]
            rows.append({
                "measure": label, "unit": unit, "runner": runner, "value": value,
                "vs_limit": vs_l, "vs_boto3": vs_b,
                "targets": [{"target": g["target"], "met": g["met"]} for g in own],
            })
    return rows


def _status(met: Optional[bool]) -> str:
    return "not measured" if met is None else ("met" if met else "MISSED")


def _target_cell(row: dict) -> str:
    return "; ".join(f"{t['target']}: {_status(t['met'])}" for t in row["targets"])


def _cells(row: dict, previous: Optional[str]) -> List[str]:
    return [
        row["measure"] if row["measure"] != previous else "",
        LABELS[row["runner"]],
        f"{_fmt(row['value'])} {row['unit']}",
        _ratio(row["vs_limit"]),
        _ratio(row["vs_boto3"]),
        _target_cell(row),
    ]


HEADER = ["measure", "runner", "value", "vs limit", "vs boto3", "target"]


def render_text(rows: List[dict]) -> str:
    """The table as aligned plain text."""
    lines, previous = [], None
    body = []
    for row in rows:
        body.append(_cells(row, previous))
        previous = row["measure"]
    widths = [max(len(r[i]) for r in body + [HEADER]) for i in range(len(HEADER))]
    numeric = {2, 3, 4}

    def line(cells):
        return "  ".join(c.rjust(w) if i in numeric else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    lines.append(line(HEADER))
    lines.append("  ".join("-" * w for w in widths))
    previous_measure = None
    for row, cells in zip(rows, body):
        if previous_measure is not None and row["measure"] != previous_measure:
            lines.append("")
        lines.append(line(cells))
        previous_measure = row["measure"]
    return "\n".join(lines)


def render_markdown(rows: List[dict]) -> str:
    """The table as GitHub Markdown."""
    out = ["| " + " | ".join(HEADER) + " |", "|" + "|".join(["---", "---", "---:", "---:", "---:", "---"]) + "|"]
    previous = None
    for row in rows:
        out.append("| " + " | ".join(_cells(row, previous)) + " |")
        previous = row["measure"]
    return "\n".join(out)


def render_targets(goals: List[dict]) -> str:
    """One line per target."""
    lines = []
    for g in goals:
        measured = "—" if g["measured"] is None else _fmt(g["measured"])
        lines.append(f"  {_status(g['met']):>12}  {LABELS[g['runner']]:<14} {g['row']:<20} "
                     f"{g['target']:<32} measured {measured}")
    return "\n".join(lines)


def write(path: Path, document: dict) -> None:
    """Writes ``document`` as indented JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
