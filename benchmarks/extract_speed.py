"""Extraction speed: full borderwatch extraction vs the bare spaCy model, same texts.

Builds ~1,000 synthetic but realistic reports (~300 words each) from sentence templates
written for this benchmark, plus irrelevant texts to price the relevance gate. Also times
the model with borderwatch's faster attribute ruler and nothing else, to show what the
ratio owes to that ruler.
Run: .venv/bin/python benchmarks/extract_speed.py [--docs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time

from borderwatch import pipeline
from borderwatch.extract import components
from borderwatch.extract import MODEL
from borderwatch.ingest.text import parse_report

PLACES = ["Mazyr", "Yelsk", "Homel", "Rechytsa", "Kalinkavichy", "Brahin", "Khoiniki", "Naroulia",
          "Luninets", "Pinsk", "Brest", "Baranovichi", "Zhytkavichy", "Lelchytsy"]
EQUIPMENT = ["T-72B3 tanks", "BMP-2 infantry fighting vehicles", "BTR-82A carriers", "MT-LB tractors",
             "2S1 howitzers", "BM-21 Grad launchers", "KamAZ trucks", "fuel tankers", "Mi-8 helicopters"]
SOURCES = ["Belaruski Hajun", "the Belarusian Ministry of Defence", "local residents", "ISW",
           "Ukraine's State Border Guard Service"]
TEMPLATES = [
    "According to {src}, {n} {eq} moved from {p1} towards the Ukrainian border on {day}.",
    "{src} reported that a column of about {n} vehicles was seen near {p1} heading south.",
    "The Belarusian Ministry of Defence said a snap combat readiness check had begun at training grounds near {p1}.",
    "Residents of {p1} saw {n} {eq} with white triangles on the road to {p2} overnight.",
    "Some {k},000 Russian servicemen are stationed in Belarus, {src} said.",
    "Engineers set up a field hospital on the edge of {p1}, about {n} km from the border.",
    "ISW assessed that Belarusian forces are unlikely to attack Ukraine in the coming weeks.",
    "A video circulating on social media shows {eq} unloading at the railway station in {p2}.",
    "The ministry denied that any units had moved towards the border near {p2}.",
    "Border guards reported no change in the number of Belarusian troops near {p1}.",
    "Officials in {p1} announced new road repairs and a festival for the summer season.",
    "Two echelons of {n} flatcars arrived at {p2} with {eq} on {day}.",
]
FILLER = ["Shops in {p1} reopened after the holiday weekend and prices for bread rose slightly.",
          "The regional football cup final in {p2} drew a crowd of several thousand spectators.",
          "Farmers near {p1} began sowing potatoes earlier than usual because of the warm spring.",
          "A new bus timetable between {p1} and {p2} takes effect next month."]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def sentence(rng: random.Random, pool) -> str:
    p1, p2 = rng.sample(PLACES, 2)
    return rng.choice(pool).format(src=rng.choice(SOURCES), n=rng.randint(3, 60), eq=rng.choice(EQUIPMENT),
                                   p1=p1, p2=p2, day=rng.choice(DAYS), k=rng.randint(2, 15))


def documents(n: int, relevant: bool, seed: int = 7):
    rng = random.Random(seed)
    now = dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc)
    out = []
    for i in range(n):
        words, parts = 0, []
        while words < 300:
            s = sentence(rng, TEMPLATES if relevant and rng.random() < 0.6 else FILLER)
            parts.append(s)
            words += len(s.split())
        body = " ".join(parts)
        _, doc, _ = parse_report(f"---\nsource: bench{i % 20}\npublished: 2024-05-16\n---\n{body}".encode(),
                                 origin=f"bench-{i}", now=now)
        out.append(doc)
    return out


CHUNK = 100  # documents timed in one turn


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    args = ap.parse_args()
    docs = documents(args.docs, relevant=True)
    noise = documents(max(50, args.docs // 5), relevant=False, seed=11)
    words = sum(len(d.text.split()) for d in docs)
    print(f"{len(docs)} relevant documents, {words:,} words; {len(noise)} irrelevant documents")

    extractor = pipeline.make_extractor()
    extractor.extract(docs[0])  # warm up: gazetteer and model loaded
    import spacy

    bare = spacy.load(MODEL)
    list(bare.pipe([docs[0].text]))
    # the model as borderwatch runs it, with its faster attribute ruler and nothing of its own:
    # what the ratio owes to that ruler, and what the extraction itself costs
    fast = spacy.load(MODEL)
    components.use_fast_ruler(fast)
    list(fast.pipe([docs[0].text]))

    # The machines are noisy: time the three in turns, chunk by chunk (each going first in
    # its turn), so that a slow spell weighs on all alike.
    took_all = [0.0, 0.0, 0.0]
    n_obs, ratios = 0, []
    for k in range(0, len(docs), CHUNK):
        chunk = docs[k:k + CHUNK]
        runs = [lambda: list(bare.pipe((d.text for d in chunk), batch_size=32)),
                lambda: sum(len(o) for _, o in extractor.extract_many(chunk)),
                lambda: list(fast.pipe((d.text for d in chunk), batch_size=32))]
        turn = (k // CHUNK) % 3
        took = {}
        for i in (turn, (turn + 1) % 3, (turn + 2) % 3):
            start = time.perf_counter()
            out = runs[i]()
            took[i] = time.perf_counter() - start
            if i == 1:
                n_obs += out
        took_all = [a + took[i] for i, a in enumerate(took_all)]
        ratios.append(took[0] / took[1])
    t_bare, t_full, t_fast = took_all
    t_noise = timed(lambda: list(extractor.extract_many(noise)))
    per_rel = t_full / len(docs)
    per_irr = t_noise / len(noise)
    print(f"bare spaCy ({MODEL}): {len(docs) / t_bare:8.1f} docs/s {words / t_bare:10,.0f} words/s")
    print(f"full extraction:      {len(docs) / t_full:8.1f} docs/s {words / t_full:10,.0f} words/s "
          f"({n_obs:,} observations)")
    print(f"ratio full / bare: {t_bare / t_full:.2f} (goal >= 0.7); chunks of {CHUNK} documents ranged "
          f"{min(ratios):.2f}-{max(ratios):.2f}")
    print(f"the model with borderwatch's attribute ruler alone: {words / t_fast:,.0f} words/s; full extraction "
          f"/ that: {t_fast / t_full:.2f} (the ruler saves {(t_bare - t_fast) / len(docs) * 1000:.1f} ms a document)")
    print(f"irrelevant document: {per_irr * 1000:.3f} ms vs relevant {per_rel * 1000:.1f} ms "
          f"= 1/{per_rel / per_irr:.0f} of the cost (goal <= 1/20)")


if __name__ == "__main__":
    main()
