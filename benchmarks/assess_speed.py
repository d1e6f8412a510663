"""How long one assessment of 100,000 events for one date takes (goal: under 2 seconds).

Synthetic events and observations spread over the 30-day window, all event types,
a third located near the border; one observation per event, a few with two. Also
prints the five scenario series with --scenarios. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/assess_speed.py [--events 100000] [--scenarios]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

from borderwatch.assess import load_problem, score
from borderwatch.model import EVENT_TYPES, Actor, Direction, Equipment, Event, Observation, Personnel, Place, Span

WORDS = ["column", "field hospital", "snap readiness check", "pontoon", "returning to base", "threat",
         "convoy", "ammunition", "training", "invade", "reservists", "away from the border"]
CLASSES = ["tank", "ifv", "apc", "truck", "mlrs", "ballistic_missile", "attack_helicopter", "fuel_tanker"]


def synthetic(n: int, as_of: dt.date, seed: int = 7) -> tuple[list[Event], dict[str, Observation]]:
    rng = random.Random(seed)
    events, observations = [], {}
    for i in range(n):
        kind = rng.choice(EVENT_TYPES)
        country = rng.choice(["BY", "BY", "RU", "UA", None])
        located = rng.random() < 0.6
        km = rng.uniform(2, 250)
        place = Place(text="p", name=f"place {i % 500}", lat=51.5 + (i % 500) / 250, lon=24 + (i % 700) / 80,
                      precision=1, border="BY-UA", border_km=km, kind=rng.choice([None, None, "training_ground"]))
        obs_ids = []
        for j in range(1 + (rng.random() < 0.2)):
            text = f"Report {i}.{j}: {rng.choice(WORDS)} seen with {rng.choice(WORDS)}."
            o = Observation(
                id=f"o{i}.{j}", doc=f"d{i}", type=kind,
                modality=rng.choice(["asserted", "asserted", "claimed", "likely", "unlikely", "negated"]),
                actor=Actor(text=country, name=country, country=country) if country else None,
                equipment=tuple(Equipment(text=c, cls=c) for c in rng.sample(CLASSES, rng.randint(0, 2))),
                personnel=Personnel(text="n", count=rng.choice([50, 300, 2000, 8000])) if rng.random() < 0.1 else None,
                locations=(place,) if located else (),
                toward=Direction(text="toward", relation=rng.choice(["toward", "away"]), country="UA") if rng.random() < 0.2 else None,
                evidence=Span(start=0, end=len(text), text=text))
            observations[o.id] = o
            obs_ids.append(o.id)
        day = dt.datetime.combine(as_of - dt.timedelta(days=rng.randint(0, 29)), dt.time(12), dt.timezone.utc)
        events.append(Event(id=f"e{i}", type=kind, observations=tuple(obs_ids), documents=(f"d{i}",), sources=("s",),
                            independent_sources=1, origins=(f"source:s{rng.randint(0, 300)}",), actor_country=country,
                            lat=place.lat if located else None, lon=place.lon if located else None,
                            first_seen=day, last_seen=day, credibility=rng.randint(1, 6), reliability=rng.choice("ABCDF")))
    return events, observations


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--scenarios", action="store_true", help="print the five scenario series instead")
    args = ap.parse_args()
    problem = load_problem("belarus-entry")
    if args.scenarios:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "assess"))
        from assess_scenarios import SCENARIOS, series

        for name, make in SCENARIOS.items():
            s = series(problem, make())
            print(f"{name:38s}", " ".join(f"{a.hypotheses['enters'] * 100:.0f}" for a in s))
            print(f"{'':38s} final: {s[-1].estimative}, confidence {s[-1].confidence}; drivers {', '.join(s[-1].drivers[:3])}")
        return
    as_of = dt.date(2024, 5, 20)
    t0 = time.perf_counter()
    events, observations = synthetic(args.events, as_of)
    t1 = time.perf_counter()
    a = score(problem, events, observations, as_of)
    t2 = time.perf_counter()
    b = score(problem, events, observations, as_of)
    t3 = time.perf_counter()
    assert a.hypotheses == b.hypotheses
    fired = sum(1 for i in a.indicators if i.fired)
    print(f"assess: {len(events):,} events ({len(observations):,} observations) for one date: "
          f"{t2 - t1:.2f} s (again {t3 - t2:.2f} s; goal < 2 s); building them took {t1 - t0:.1f} s")
    print(f"        {fired} indicators fired; P(enters) {a.hypotheses['enters']:.3f} ({a.estimative})")


if __name__ == "__main__":
    main()
