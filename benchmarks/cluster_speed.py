"""Time and memory to corroborate N synthetic observations (clustering, contradictions,
origins, grades; documents' near-duplicate search included).

    .venv/bin/python benchmarks/cluster_speed.py [--sizes 10000,100000] [--days 365]

Observations are spread like a year of reporting: 300 places in the Belarus–Ukraine
border region, eight event types, a quarter unlocated, 3% denials, 12% judgements, one document each
(the worst case for near-duplicate search: real documents hold several observations).
Prints seconds and peak traced memory per size, and the time ratio against n log n.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import math
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from borderwatch.corroborate import corroborate_all  # noqa: E402
from borderwatch.model import (Actor, Direction, Document, Equipment, Observation, Place, Source, Span,  # noqa: E402
                               TimeRef)

TYPES = ["movement", "deployment", "exercise", "mobilization", "construction", "strike", "statement", "assessment"]
CLASSES = ["tank", "ifv", "apc", "truck", "mlrs", "sam", "helicopter", "ground_attack_aircraft", "fuel_tanker", None]
MODALITIES = ["asserted", "claimed", "possible", "likely", "unlikely", "negated"]
MODALITY_WEIGHTS = [70, 15, 4, 4, 4, 3]
_rng = random.Random(1)
WORDS = ["".join(_rng.choice("abcdefghiklmnoprstuvyz") for _ in range(_rng.randint(3, 9))) for _ in range(5000)]


def synthetic(n: int, days: int, seed: int = 7):
    rng = random.Random(seed)
    places = [(51.3 + rng.random() * 2.5, 23.8 + rng.random() * 8.0) for _ in range(300)]
    start = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    sources = {f"s{i}": Source(id=f"s{i}", name=f"Source {i}", kind=rng.choice(["news", "telegram", "citizen"]))
               for i in range(400)}
    docs, obs = {}, []
    for i in range(n):
        when = start + dt.timedelta(minutes=rng.randrange(days * 24 * 60))
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 40))) + f" report {i}"
        doc = Document(id=f"d{i:07d}", source=f"s{rng.randrange(400)}", text=text, raw=text, content_hash=f"h{i}",
                       published=when, retrieved=when)
        docs[doc.id] = doc
        lat, lon = rng.choice(places)
        located = rng.random() > 0.25
        cls = rng.choice(CLASSES)
        obs.append(Observation(
            id=f"o{i:07d}", doc=doc.id, type=rng.choice(TYPES),
            actor=Actor(text="x", name="x", country=rng.choice(["BY", "BY", "RU", None])),
            equipment=(Equipment(text=cls, cls=cls, count=rng.randint(1, 30)),) if cls else (),
            locations=(Place(text="p", name="p", lat=lat + rng.gauss(0, 0.05), lon=lon + rng.gauss(0, 0.05),
                             precision=1, country="BY"),) if located else (),
            toward=Direction(text="t", relation=rng.choice(["toward", "away"]), country="UA") if rng.random() < 0.3 else None,
            time=TimeRef(text="d", date=when.date(), precision="day"),
            modality=rng.choices(MODALITIES, MODALITY_WEIGHTS)[0],
            evidence=Span(start=0, end=10, text=text[:10])))
    return obs, docs, sources


def run(n: int, days: int) -> tuple[float, float, int]:
    obs, docs, sources = synthetic(n, days)
    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    result = corroborate_all(obs, docs, sources, {})
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    del result
    gc.collect()
    # Memory in a second run under tracemalloc (which slows it), on fresh inputs.
    tracemalloc.start()
    corroborate_all(obs, docs, sources, {})
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, cpu, peak / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--days", type=int, default=365)
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    base = None
    # CPU seconds as well as wall seconds: on a shared machine the wall clock includes waiting.
    print(f"{'observations':>12} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9} {'CPU s per n log n (rel.)':>25}")
    for n in sizes:
        seconds, cpu, mib = run(n, args.days)
        per = cpu / (n * math.log(n))
        base = base or per
        print(f"{n:>12,} {seconds:>8.2f} {cpu:>8.2f} {mib:>9.0f} {per / base:>25.2f}")


if __name__ == "__main__":
    main()
