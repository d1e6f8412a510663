"""Red team: 20 fabricated accounts post 50 near-identical reports within ten minutes.

Through the real pipeline (ingest, extraction, corroboration): the burst must come out as
one coordinated cluster, and its credibility must be no better than one report's."""

import datetime as dt
import random

from borderwatch import pipeline
from borderwatch.corroborate import corroborate_all

BASE = ("Russian tanks are crossing the Pripyat bridge in Mazyr right now and heading south to the Ukrainian "
        "border. At least forty vehicles, soldiers without insignia. Share before it gets deleted!")
SWAPS = [("right now", "at this moment"), ("At least forty", "Forty or more"), ("Share before it gets deleted!",
         "Repost before they delete it!"), ("heading south", "moving south"), ("soldiers", "troops")]


def _reports(folder, n=50, accounts=20, minutes=10):
    rng = random.Random(50)
    start = dt.datetime(2024, 6, 24, 14, 0, tzinfo=dt.timezone.utc)
    for i in range(n):
        text = BASE
        for a, b in rng.sample(SWAPS, 2):
            text = text.replace(a, b)
        text = rng.choice(["", "URGENT ", "‼️ ", "⚡ "]) + text + rng.choice(["", " #Mazyr", " 🇺🇦", " Stay safe."])
        when = start + dt.timedelta(seconds=rng.randrange(minutes * 60))
        (folder / f"r{i:02d}.md").write_text(
            f"---\nsource: fresh-acct-{i % accounts:02d}\nkind: telegram\npublished: {when.isoformat()}\n---\n{text}\n",
            encoding="utf-8")


def test_fabricated_burst_is_one_coordinated_cluster_and_gains_no_credibility(store, extractor, tmp_path):
    burst = tmp_path / "burst"
    burst.mkdir()
    _reports(burst)
    summary = pipeline.ingest(store, [burst], extractor)
    assert len(summary.new) == 50
    pic = pipeline.picture(store)
    docs = pic.documents
    c = corroborate_all(pic.observations, docs, store.sources(), store.reposts(), store.verdicts())
    assert len(set(c.copies.cluster_of.values())) == 1 and set(c.copies.cluster_of) == set(docs)
    touched = [e for e in pic.events if set(e.documents) & set(docs)]
    assert touched and all(e.coordinated and e.independent_sources == 1 for e in touched)
    assert "20 sources" in touched[0].coordination

    # One of the same reports alone, as the baseline the burst must not beat.
    from borderwatch.store import Store

    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "r.md").write_text((burst / "r00.md").read_text(encoding="utf-8"), encoding="utf-8")
    single = Store.open(str(tmp_path / "single.db"))
    single.init()
    pipeline.ingest(single, [alone], extractor)
    best_single = min(e.credibility for e in pipeline.picture(single).events)
    single.close()
    assert min(e.credibility for e in touched) >= best_single
