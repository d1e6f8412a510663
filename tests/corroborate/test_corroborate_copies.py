"""Near-duplicates, reposts and coordinated bursts."""

import datetime as dt

from borderwatch.corroborate import corroborate_all
from borderwatch.corroborate.neardup import find_copies, link_copies
from tests.corroborate.conftest import make_doc, make_obs, sources_of

ORIGINAL = ("On Monday afternoon a column of about 25 military vehicles left Mazyr heading south and drove through "
            "Yelsk towards the Ukrainian border. Our sources counted 12 T-72B3 tanks on low-loaders.")
REWORDED = ("On Monday afternoon a column of about 25 army vehicles left Mazyr going south and drove through "
            "Yelsk toward the Ukrainian border! Sources counted 12 T-72B3 tanks on low-loaders.")
OTHER = "Ukrainian engineers finished a new line of trenches and dragon's teeth near Ripky, north of Chernihiv."


def test_reworded_repost_is_a_copy_and_unrelated_text_is_not():
    a = make_doc(ORIGINAL, "hajun", "2024-05-13T18:00:00+03:00")
    b = make_doc(REWORDED, "feed", "2024-05-13T19:00:00+03:00")
    c = make_doc(OTHER, "news", "2024-05-13T19:30:00+03:00")
    assert find_copies({d.id: d for d in (a, b, c)}) == [(a.id, b.id)]


def test_a_repost_is_counted_once_and_never_raises_credibility():
    a = make_doc(ORIGINAL, "belaruski-hajun", "2024-05-13T18:00:00+03:00")  # established: amplified, not a burst
    copies = [make_doc(REWORDED + f" via channel {i}", f"channel-{i}", f"2024-05-13T19:{i:02d}:00+03:00") for i in range(5)]
    docs = {d.id: d for d in (a, *copies)}
    obs = [make_obs(d, at=["Yelsk"], eq=["tank"]) for d in (a, *copies)]
    (e,) = corroborate_all(obs, docs, sources_of(docs.values()), {}).events
    assert e.independent_sources == 1 and len(e.documents) == 6 and len(e.copies) == 5
    assert e.credibility == 3 and not e.coordinated


def _burst(n_reports, n_accounts, minutes, first_source=None):
    start = dt.datetime(2024, 6, 24, 14, 0, tzinfo=dt.timezone.utc)
    docs = []
    for i in range(n_reports):
        text = f"URGENT: Russian tanks crossing the bridge in Mazyr right now, heading for the border! Share! #{i % 7}"
        when = start + dt.timedelta(seconds=i * minutes * 60 // max(1, n_reports - 1))
        src = first_source if (i == 0 and first_source) else f"acct-{i % n_accounts:02d}"
        docs.append(make_doc(text, src, when.isoformat(), kind="telegram"))
    return docs


def test_many_new_accounts_in_minutes_are_one_coordinated_burst():
    docs = _burst(12, 8, 9)
    c = link_copies({d.id: d for d in docs}, {}, sources_of(docs), set())
    assert len(c.groups) == 1 and len(set(c.cluster_of.values())) == 1 and len(c.coordinated) == 12


def test_slow_copies_or_an_established_origin_are_not_a_burst():
    slow = _burst(8, 8, 60 * 24)
    assert not link_copies({d.id: d for d in slow}, {}, sources_of(slow), set()).coordinated
    amplified = _burst(8, 8, 9, first_source="belaruski-hajun")
    assert not link_copies({d.id: d for d in amplified}, {}, sources_of(amplified), {"belaruski-hajun"}).coordinated


def test_stored_reposts_link_even_when_texts_differ():
    a, b = make_doc("Tanks in Yelsk, we saw twelve.", "hajun"), make_doc("Totally rewritten account of it.", "feed")
    c = link_copies({a.id: a, b.id: b}, {b.id: a.id}, sources_of([a, b]), set())
    assert c.copy_of == {b.id: a.id}
