"""Ingest speed: a synthetic Telegram Desktop export read by the streaming adapter, then
stored by the pipeline (without the NLP, which has its own benchmark), with peak memory.

Goal (issue): at least 5,000 messages a second for a 100,000-message export, and peak
memory independent of the export's size. Memory is measured twice: the peak of Python
allocations (tracemalloc) while reading an export of N/10 and of N messages, and the
process's peak resident size in a fresh subprocess for each.
Run: .venv/bin/python benchmarks/ingest_speed.py [--messages 100000] [--store] [--million]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from borderwatch.ingest.base import Context, Item  # noqa: E402
from borderwatch.ingest.telegram import read_export  # noqa: E402
from tests.ingest.exportgen import write_export  # noqa: E402

NOW = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)


def read_all(path: Path) -> tuple[int, int, float]:
    ctx = Context(now=NOW)
    start, n, items = time.perf_counter(), 0, 0
    with path.open("rb") as f:
        for r in read_export(f, origin=str(path), ctx=ctx):
            n += 1
            items += isinstance(r, Item)
    return n, items, time.perf_counter() - start


def python_peak(path: Path) -> int:
    tracemalloc.start()
    read_all(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def rss_peak(path: Path) -> float:
    """Peak resident MB of a fresh process that only reads the export."""
    code = ("import resource,sys,datetime as dt; sys.path.insert(0, sys.argv[2]);"
            "from borderwatch.ingest.telegram import read_export; from borderwatch.ingest.base import Context;"
            "ctx=Context(now=dt.datetime(2025,1,1,tzinfo=dt.timezone.utc));"
            "f=open(sys.argv[1],'rb'); [0 for _ in read_export(f, origin='x', ctx=ctx)];"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024)")
    out = subprocess.run([sys.executable, "-c", code, str(path), str(Path(__file__).resolve().parents[1])],
                         capture_output=True, text=True, check=True).stdout
    return float(out.strip())


def through_store(path: Path, tmp: Path) -> tuple[int, float]:
    from borderwatch import pipeline
    from borderwatch.store import Store

    class NoNLP:
        version = "none"

        def extract_many(self, docs, batch_size=32):
            for d in docs:
                yield d, []

    store = Store.open(str(tmp / "bench.db"))
    store.init()
    start = time.perf_counter()
    s = pipeline.ingest(store, [path], NoNLP(), ctx=Context(now=NOW))
    return s.total("new"), time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=100_000)
    ap.add_argument("--store", action="store_true", help="also time storing them (no NLP)")
    ap.add_argument("--million", action="store_true", help="also read a 1,000,000-message export")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        small, big = tmp / "small.json", tmp / "big.json"
        write_export(small, max(args.messages // 10, 1))
        write_export(big, args.messages)
        size = big.stat().st_size / 1e6
        n, items, secs = read_all(big)
        rate = n / secs
        print(f"read: {n:,} messages ({items:,} with text, {size:.0f} MB) in {secs:.1f} s: {rate:,.0f} messages/s "
              f"(goal 5,000: {'met' if rate >= 5000 else 'NOT met'})")
        p_small, p_big = python_peak(small), python_peak(big)
        r_small, r_big = rss_peak(small), rss_peak(big)
        print(f"peak Python allocations: {p_small / 1e6:.2f} MB for {args.messages // 10:,} messages, "
              f"{p_big / 1e6:.2f} MB for {args.messages:,}")
        print(f"peak resident size: {r_small:.0f} MB for {args.messages // 10:,} messages, {r_big:.0f} MB for "
              f"{args.messages:,} (independent of size: {'yes' if r_big < r_small * 1.2 + 5 else 'NO'})")
        results = {"messages": n, "seconds": round(secs, 2), "messages_per_s": round(rate),
                   "peak_python_mb": [round(p_small / 1e6, 2), round(p_big / 1e6, 2)],
                   "peak_rss_mb": [round(r_small), round(r_big)]}
        if args.million:
            huge = tmp / "million.json"
            write_export(huge, 1_000_000)
            n, _, secs = read_all(huge)
            r_huge = rss_peak(huge)
            print(f"read: {n:,} messages ({huge.stat().st_size / 1e6:.0f} MB) in {secs:.1f} s: {n / secs:,.0f} "
                  f"messages/s; peak resident size {r_huge:.0f} MB")
            results["million"] = {"seconds": round(secs, 1), "peak_rss_mb": round(r_huge)}
            huge.unlink()
        if args.store:
            new, secs = through_store(big, tmp)
            print(f"stored: {new:,} new documents in {secs:.1f} s: {args.messages / secs:,.0f} messages/s "
                  "(read, language guess, identity, SQLite; no NLP)")
            results["store_messages_per_s"] = round(args.messages / secs)
        print(json.dumps(results))


if __name__ == "__main__":
    main()
