"""Each kind of contradiction, named with both statements and sources; and what is not one."""

from borderwatch.corroborate import corroborate_all
from tests.corroborate.conftest import make_doc, make_obs, sources_of


def _run(*pairs):
    docs = {d.id: d for d, _ in pairs}
    return corroborate_all([o for _, o in pairs], docs, sources_of(docs.values()), {})


def test_official_denial_against_a_sighting():
    s = make_doc("Tanks moved from Naroulia towards the border.", "hajun", "2024-05-06T20:00:00+03:00")
    d = make_doc("No units have moved towards the state border.", "mod", "2024-05-07T11:00:00+03:00")
    c = _run((s, make_obs(s, at=["Yelsk"], eq=["tank"], toward="toward:UA")),
             (d, make_obs(d, toward="toward:UA", modality="negated")))
    (x,) = c.contradictions
    assert x.kind == "denial" and (x.a_source, x.b_source) == ("hajun", "mod")
    assert "Naroulia" in x.a_text and "No units" in x.b_text and x.a_event and x.b_event
    sighting = next(e for e in c.events if e.id == x.a_event)
    assert sighting.contradicted and sighting.credibility == 4


def test_a_denial_of_moves_to_the_border_does_not_cover_a_move_away():
    s = make_doc("Tanks left Yelsk north, away from the border.", "hajun")
    d = make_doc("No units have moved towards the border.", "mod")
    c = _run((s, make_obs(s, at=["Yelsk"], eq=["tank"], toward="away:UA")),
             (d, make_obs(d, toward="toward:UA", modality="negated")))
    assert c.contradictions == []


def test_opposite_judgements_on_the_same_question():
    a = make_doc("Belarus could join the war.", "east-flank", "2024-05-20T12:00:00+03:00")
    b = make_doc("Belarus is highly unlikely to invade.", "isw", "2024-05-22T12:00:00+03:00")
    c = _run((a, make_obs(a, type="assessment", modality="possible")),
             (b, make_obs(b, type="assessment", modality="unlikely")))
    assert [x.kind for x in c.contradictions] == ["modality"]
    assert all(e.credibility == 6 for e in c.events)


def test_incompatible_numbers_for_one_event_but_not_overlapping_ones():
    a, b, d = (make_doc(t, s) for t, s in (("12,000 troops", "mod"), ("9,000 troops", "wire"), ("about 11,500", "x")))
    c = _run((a, make_obs(a, type="exercise", at=["Brest"], personnel=12000)),
             (b, make_obs(b, type="exercise", at=["Brest"], personnel=9000)))
    assert [x.kind for x in c.contradictions] == ["number"] and "12,000 vs 9,000" in c.contradictions[0].reason
    c2 = _run((a, make_obs(a, type="exercise", at=["Brest"], personnel=12000)),
              (d, make_obs(d, type="exercise", at=["Brest"], personnel=11500)))
    assert c2.contradictions == []


def test_one_unit_reported_toward_and_away():
    a, b = make_doc("Polonez going south to the border", "c1"), make_doc("Polonez heading north, away", "c2")
    c = _run((a, make_obs(a, at=["Rechytsa"], eq=["mlrs"], toward="toward:UA", markings=["white v"])),
             (b, make_obs(b, at=["Rechytsa"], eq=["mlrs"], toward="away:UA", markings=["white v"])))
    assert [x.kind for x in c.contradictions] == ["direction"] and len(c.events) == 1


def test_copies_and_sentences_of_one_document_never_contradict():
    text = "Tanks moved toward the border at Yelsk; the ministry says nothing moved toward the border."
    a = make_doc(text, "hajun")
    b = make_doc(text, "feed")  # an exact copy elsewhere
    c = _run((a, make_obs(a, at=["Yelsk"], toward="toward:UA")), (a, make_obs(a, toward="toward:UA", modality="negated")),
             (b, make_obs(b, at=["Yelsk"], toward="toward:UA")), (b, make_obs(b, toward="toward:UA", modality="negated")))
    assert c.contradictions == []
