"""The learned checks on actors, directions, places, equipment, numbers of people, dates, background and
whole observations: what they see,
what they change, their file."""

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from borderwatch.errors import InputError
from borderwatch.extract import checks
from borderwatch.extract.checks import (Check, Checks, Rows, actor_features, background_features, place_features,
                                        toward_features)

BIN = Path(sys.executable).with_name("borderwatch")


def _with_actor(obs):
    found = [o for o in obs if o.actor is not None]
    assert found, [(o.type, o.actor) for o in obs]
    return found[0]


def test_the_actor_check_sees_how_the_actor_stands_in_the_sentence(rules, make_doc):
    doc = make_doc("Heavy rain fell on Friday.\n\n"
                   "Belarusian engineers are building a pontoon bridge over the Pripyat near Mazyr.")
    o = _with_actor(rules.extract(doc))
    f = actor_features(o, doc)
    assert f["in_sentence=True"] == 1 and f["before_trigger=True"] == 1 and f["kind=armed_forces"] == 1
    assert f["type=construction"] == 1 and f["source=none"] == 1 and f["word=pontoon"] == checks.BAG
    assert f["said=belarusian engineers"] == 1 and f["head=engineers"] == 1 and f["after0=are"] == 1
    assert not any(k.startswith("before0=") for k in f)  # nothing of the sentence before
    # an actor found in the sentences before ("the troops" resolved) is not named here
    elsewhere = o.model_copy(update={"actor": o.actor.model_copy(update={"start": 0, "end": 5})})
    g = actor_features(elsewhere, doc)
    assert g["in_sentence=False"] == 1 and not any(k.startswith(("before_trigger", "after0")) for k in g)


def test_the_background_check_sees_how_long_ago_it_happened(rules, make_doc):
    doc = make_doc("In February 2022 Russian troops crossed into Ukraine from Belarus near Vilcha.\n\n"
                   "On Tuesday a column of 30 trucks moved south from Mazyr.", published="2024-05-16T09:00:00+03:00")
    then, now = [o for o in rules.extract(doc) if o.type == "movement"][:2]
    f, g = background_features(then, doc), background_features(now, doc)
    assert f["rules=True"] == 1 and f["ago=6"] == 1 and f["precision=month"] == 1 and f["pair=february_2022"] == checks.BAG
    assert g["rules=False"] == 1 and g["ago=2"] == 1 and g["time=on tuesday"] == 1
    undated = background_features(now.model_copy(update={"time": None}), doc)
    assert undated["undated"] == 1 and not any(k.startswith("ago=") for k in undated)


def test_the_direction_check_sees_the_direction_as_written(rules, make_doc):
    doc = make_doc("A column of 30 trucks moved south from Mazyr towards the Ukrainian border on Tuesday.")
    o = next(o for o in rules.extract(doc) if o.toward is not None)
    f = toward_features(o, doc)
    assert f["relation=toward"] == 1 and f["country=UA"] == 1 and f["said=towards the ukrainian border"] == 1
    assert f["relation_type=toward|movement"] == 1 and f["places=1"] == 1 and f["word=trucks"] == checks.BAG
    drop = Checks(toward=Check(weights={"relation=toward": 60.0}, bias=-30.0, threshold=0.5))
    assert drop.apply([o], doc)[0].toward is None and drop.apply([o], doc)[0].actor == o.actor
    keep = Checks(toward=Check(weights={"relation=away": 60.0}, bias=-30.0, threshold=0.5))
    assert keep.apply([o], doc) == [o]


def test_the_place_check_sees_each_place_and_drops_only_those_it_judges_wrong(rules, make_doc):
    doc = make_doc("Russian troops from Belarus moved into Ukraine near Vilcha on Tuesday.")
    o = next(o for o in rules.extract(doc) if o.type == "movement" and len(o.locations) >= 2)
    names = [p.text for p in o.locations]
    f = place_features(o, o.locations[1], doc)
    assert f["said=" + names[1].lower()] == 1 and f["rank=1"] == 1 and f["places=" + str(len(names))] == 1
    g = place_features(o, o.locations[0], doc)
    assert g["rank=0"] == 1 and any(k.startswith("before0=") for k in g)
    first = Check(weights={"said=" + names[0].lower(): 60.0}, bias=-30.0, threshold=0.5)
    checked = Checks(places=first).apply([o], doc)[0]
    assert [p.text for p in checked.locations] == names[1:] and checked.actor == o.actor
    assert Checks(places=Check(weights={}, bias=-30.0, threshold=0.5)).apply([o], doc) == [o]


def test_the_observation_check_sees_its_kind_beside_the_others_and_drops_only_what_it_judges(rules, make_doc):
    doc = make_doc("On Tuesday a column of 30 trucks moved south from Mazyr, and a second column went west "
                   "towards Pinsk.\n\nBelarusian engineers are building a pontoon bridge over the Pripyat.")
    obs = rules.extract(doc)
    moves = [o for o in obs if o.type == "movement"]
    assert len(moves) == 2 and any(o.type == "construction" for o in obs)
    beside = [o for o in obs if o.evidence.start == moves[0].evidence.start]
    first, second = (checks.observation_features(o, doc, beside) for o in moves)
    assert first["same=2|movement"] == 1 and first["nth=0"] == 1 and second["nth=1"] == 1
    assert first["has_equipment=True|movement"] == 1 and first["word=column"] == checks.BAG
    bridge = next(o for o in obs if o.type == "construction")
    alone = checks.observation_features(bridge, doc, [bridge])
    assert alone["same=1|construction"] == 1 and alone["sentence=1"] == 1
    assert not any(k.startswith("beside=") for k in alone)
    # a check that judges every second of a kind untold drops just that one, and changes nothing else
    seconds = Check(weights={"nth=1": 60.0}, bias=-30.0, threshold=0.5)
    assert Checks(observation=seconds).apply(obs, doc) == [o for o in obs if o is not moves[1]]
    assert Checks(observation=Check(weights={}, bias=-30.0, threshold=0.5)).apply(obs, doc) == obs
    # a denial is never dropped: it stands beside the claim it denies
    denied = make_doc("Belarusian troops did not cross into Ukraine near Vilcha on Wednesday.")
    no = rules.extract(denied)
    assert no and all(o.modality == "negated" for o in no)
    assert Checks(observation=Check(weights={}, bias=30.0, threshold=0.5)).apply(no, denied) == no
    # its rows count the gold observations no prediction pairs with against its recall
    r = Rows()
    for i in range(10):
        r.add({}, i >= 8, i < 8, "001")
    r.missed = {"001": 4}
    assert checks.score("observation", r, checks.as_the_rules("observation", r)) == pytest.approx(2 * 8 / (2 * 8 + 2 + 4))
    assert r.subset(range(5)).missed == {"001": 4} and Rows().subset([]).missed == {}


def test_the_equipment_check_sees_each_piece_and_whether_another_happening_carries_it(rules, make_doc):
    doc = make_doc("On Tuesday 12 T-72B3 tanks and several fuel tankers moved south from Mazyr, and Belarusian "
                   "engineers built a pontoon bridge over the Pripyat.")
    obs = rules.extract(doc)
    o = next(o for o in obs if o.type == "movement" and len(o.equipment) >= 2)
    beside = [x for x in obs if x.evidence.start == o.evidence.start]
    tanks = next(e for e in o.equipment if e.cls == "tank")
    f = checks.equipment_features(o, tanks, doc, beside)
    assert f["class=tank"] == 1 and f["modelled=True"] == 1 and f["counted=True"] == 1 and f["in_sentence=True"] == 1
    assert f["class_type=tank|movement"] == 1 and f["rank=" + str(o.equipment.index(tanks))] == 1
    assert f["word=tankers"] == checks.BAG and any(k.startswith("before_trigger=") for k in f)
    # the same words given to a second happening of the sentence are seen as shared
    twin = o.model_copy(update={"type": "deployment"})
    g = checks.equipment_features(o, tanks, doc, [o, twin])
    assert g["shared=1"] == 1 and g["shared_with=deployment|movement"] == 1 and f["shared=0"] == 1
    # a check that judges tanks untold drops the tanks and nothing else
    drop = Checks(equipment=Check(weights={"class=tank": 60.0}, bias=-30.0, threshold=0.5))
    checked = next(x for x in drop.apply(obs, doc) if x.evidence == o.evidence and x.type == "movement")
    assert [e.cls for e in checked.equipment] == [e.cls for e in o.equipment if e.cls != "tank"]
    assert checked.actor == o.actor and checked.locations == o.locations
    assert Checks(equipment=Check(weights={}, bias=-30.0, threshold=0.5)).apply(obs, doc) == obs


def test_the_personnel_check_sees_the_number_as_written_and_drops_only_it(rules, make_doc):
    doc = make_doc("About 1,500 Belarusian troops arrived at the Brestsky training ground on Monday for a snap check.")
    o = next(o for o in rules.extract(doc) if o.personnel is not None)
    f = checks.personnel_features(o, doc)
    assert f["approximate=True"] == 1 and f["digits=4"] == 1 and f["range=False"] == 1 and f["in_sentence=True"] == 1
    assert any(k.startswith("said=") and "1,500" in k for k in f)
    drop = Checks(personnel=Check(weights={"approximate=True": 60.0}, bias=-30.0, threshold=0.5))
    checked = drop.apply([o], doc)[0]
    assert checked.personnel is None and checked.equipment == o.equipment and checked.actor == o.actor
    assert Checks(personnel=Check(weights={}, bias=-30.0, threshold=0.5)).apply([o], doc) == [o]
    # a number not found in the sentence as written (say, a unit named elsewhere) is seen as such
    moved = o.model_copy(update={"personnel": o.personnel.model_copy(update={"text": "a battalion"})})
    assert checks.personnel_features(moved, doc)["in_sentence=False"] == 1


def test_the_time_check_sees_the_time_as_written_and_drops_only_the_date(rules, make_doc):
    doc = make_doc("On Tuesday a column of 30 trucks moved south from Mazyr towards Yelsk.",
                   published="2024-05-16T09:00:00+03:00")
    o = next(o for o in rules.extract(doc) if o.time is not None and o.time.date is not None)
    f = checks.time_features(o, doc)
    assert f["said=on tuesday"] == 1 and f["precision=day"] == 1 and f["ago=2"] == 1 and f["in_sentence=True"] == 1
    assert f["before_trigger=True"] == 1 and f["word=trucks"] == checks.BAG
    numbered = o.model_copy(update={"time": o.time.model_copy(update={"text": "on 14 May"})})
    assert checks.time_features(numbered, doc)["said=on 0 may"] == 1  # digits as one sign
    drop = Checks(time=Check(weights={"precision=day": 60.0}, bias=-30.0, threshold=0.5))
    checked = drop.apply([o], doc)[0]
    assert checked.time is None and checked.equipment == o.equipment and checked.locations == o.locations
    assert Checks(time=Check(weights={}, bias=-30.0, threshold=0.5)).apply([o], doc) == [o]
    # a time with no date is not the check's to judge
    undated = o.model_copy(update={"time": o.time.model_copy(update={"date": None})})
    assert not checks.checked("time", undated) and drop.apply([undated], doc) == [undated]


def test_the_attribution_check_sees_who_is_cited_and_a_dropped_claim_is_the_documents_own(rules, make_doc):
    doc = make_doc("According to Belaruski Hajun, 20 T-72B3 tanks moved from Mazyr towards Yelsk on Tuesday.")
    o = next(o for o in rules.extract(doc) if o.attribution is not None)
    assert o.modality == "claimed"
    f = checks.attribution_features(o, doc)
    assert f["name=Belaruski Hajun"] == 1 and f["via=none"] == 1 and f["in_sentence=True"] == 1
    assert f["before0=to"] == 1 and f["before_trigger=True"] == 1 and f["word=tanks"] == checks.BAG
    drop = Checks(attribution=Check(weights={"name=Belaruski Hajun": 60.0}, bias=-30.0, threshold=0.5))
    checked = drop.apply([o], doc)[0]
    assert checked.attribution is None and checked.modality == "asserted"
    assert checked.equipment == o.equipment and checked.actor == o.actor and checked.time == o.time
    assert Checks(attribution=Check(weights={}, bias=-30.0, threshold=0.5)).apply([o], doc) == [o]
    # a hedge stays a hedge without its source
    hedged = o.model_copy(update={"modality": "possible"})
    assert drop.apply([hedged], doc)[0].modality == "possible"
    # the document's own voice is no source to drop
    own = o.model_copy(update={"attribution": o.attribution.model_copy(update={"kind": "document"})})
    assert not checks.checked("attribution", own)


def _rows():
    """Observations whose actor stands after "for" are never the doer in this made-up gold."""
    r = Rows()
    for i in range(40):
        unnamed = i % 2 == 0
        r.add({"before0=for": 1.0, "type=construction": 1.0} if unnamed else {"type=construction": 1.0},
              unnamed, not unnamed, f"{i % 8:03d}")
    return r


def test_a_fitted_actor_check_drops_only_the_actors_the_text_does_not_name(rules, make_doc):
    check = checks.fit(_rows(), 0.5)
    assert check.probability({"before0=for": 1.0}) > 0.8 > 0.2 > check.probability({"type=construction": 1.0})
    doc = make_doc("Soldiers have set up a field camp for Russian units near Baranavichy.\n\n"
                   "Russian engineers are building a pontoon bridge over the Pripyat.")
    obs = rules.extract(doc)
    checked = Checks(actor=check).apply(obs, doc)
    assert [o.actor is None for o in checked] == [
        o.actor is None or doc.text[o.actor.start - 4:o.actor.start] == "for " for o in obs]
    assert any(o.actor is None for o in checked) and any(o.actor is not None for o in checked)
    # nothing else about an observation changes
    assert [o.model_copy(update={"actor": None}) for o in checked] == [o.model_copy(update={"actor": None}) for o in obs]
    # the threshold is chosen where the held-out rows score best
    probs = checks.held_out_probabilities(_rows(), folds=4)
    assert checks.score("actor", _rows(), probs >= checks.choose_threshold("actor", _rows(), probs)) == 1.0
    assert checks.score("actor", _rows(), checks.as_the_rules("actor", _rows())) == pytest.approx(2 * 20 / (2 * 20 + 20))


def test_the_background_check_settles_background_both_ways_but_never_for_a_judgement(rules, make_doc):
    doc = make_doc("In February 2022 Russian troops crossed into Ukraine from Belarus near Vilcha.\n\n"
                   "On Tuesday a column of 30 trucks moved south from Mazyr.\n\n"
                   "ISW assesses that Belarusian forces are unlikely to attack Ukraine this year.")
    obs = rules.extract(doc)
    assert [o.background for o in obs] == [True, False, False] and obs[2].type == "assessment"
    everything = Checks(background=Check(weights={}, bias=30.0, threshold=0.5)).apply(obs, doc)
    assert [o.background for o in everything] == [True, True, False]
    nothing = Checks(background=Check(weights={}, bias=-30.0, threshold=0.5)).apply(obs, doc)
    assert [o.background for o in nothing] == [False, False, False]
    assert Checks().apply(obs, doc) == obs
    r = Rows()
    for i in range(20):
        r.add({}, i < 5, i < 3, "001")
    assert checks.score("background", r, checks.as_the_rules("background", r)) == pytest.approx(2 * 3 / (2 * 3 + 2))


def test_rows_of_one_answer_make_a_constant_check():
    r = _rows().subset(i for i in range(40) if i % 2)
    check = checks.fit(r, 0.5)
    assert check.weights == {} and check.probability({"before0=for": 1.0}) < 1e-6


def test_the_extractor_applies_the_checks_it_is_given(extractor, make_doc):
    from borderwatch.extract import Extractor

    doc = make_doc("Belarusian engineers are building a pontoon bridge over the Pripyat near Mazyr.")
    never = Checks(actor=Check(weights={}, bias=-30.0, threshold=0.5))
    always = Checks(actor=Check(weights={}, bias=30.0, threshold=0.5))
    kept = Extractor(nlp=extractor.nlp, checks=never).extract(doc)
    assert _with_actor(kept).actor.name == "Belarusian armed forces"
    assert all(o.actor is None for o in Extractor(nlp=extractor.nlp, checks=always).extract(doc))
    # the shipped checks keep a doer the sentence names as its subject, and a happening of this week
    o = _with_actor(extractor.extract(doc))
    assert o.actor.name == "Belarusian armed forces" and not o.background
    shipped = extractor.inner.checks
    assert all(0 < getattr(shipped, f).threshold < 1 for f in checks.FIELDS)


def test_the_checks_file_round_trips_byte_for_byte(tmp_path):
    made = Checks(actor=checks.fit(_rows(), 0.45), trained_on="made-up rows")
    made.save(tmp_path / "a.json.gz")
    again = Checks.load(tmp_path / "a.json.gz")
    assert again.actor.threshold == 0.45 and again.background is None and again.trained_on == "made-up rows"
    assert again.actor.probability({"before0=for": 1.0}) == pytest.approx(
        made.actor.probability({"before0=for": 1.0}), abs=1e-3)
    again.save(tmp_path / "b.json.gz")
    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes()


@pytest.mark.parametrize("content", [
    b"",
    b"\x1f\x8b\x08\x00garbage",
    gzip.compress(b"{not json"),
    json.dumps({"actor": {"features": ["a", "b"], "weights": [1.0], "bias": 0, "threshold": 0.5}}).encode(),
    json.dumps({"actor": {"features": [], "weights": [], "bias": 0, "threshold": 1.5}}).encode(),
    json.dumps({"background": {"features": [], "weights": [], "threshold": 0.5}}).encode(),
    json.dumps({"actor": "a string"}).encode(),
    json.dumps(["a list"]).encode(),
    b"\xff\xfe" * 50_000,
])
def test_an_unreadable_checks_file_is_a_clear_error(tmp_path, content):
    path = tmp_path / "checks.json.gz"
    path.write_bytes(content)
    with pytest.raises(InputError, match="not readable checks"):
        Checks.load(path)
    with pytest.raises(InputError, match="not readable checks"):
        Checks.load(tmp_path / "missing.json.gz")


def test_training_refuses_the_held_out_split():
    r = subprocess.run([str(BIN), "train", "checks", "--folder", "eval/extraction/heldout"], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode != 0 and "held-out" in r.stderr, r.stderr


@pytest.mark.parametrize("sentence, etype, background", [
    ("We recall that on 24 February 2022 Russian troops invaded Ukraine from Belarusian territory.", "movement", True),
    ("In March 2022 Russian columns were streaming back north through Naroulia every night.", "movement", True),
    ("The Sarny railway hub, which was struck by Russian missiles in 2022, now handles more passenger trains.",
     "strike", True),
    ("Russian troops that arrived in Belarus last week are training near Brest.", "exercise", False),
    ("Russian Iskander launchers remain in Belarus and have been there since 2022.", "deployment", False),
])
def test_the_shipped_background_check_keeps_clear_cases_as_the_rules_have_them(extractor, make_doc, sentence, etype,
                                                                                background):
    assert _with_type(extractor.extract(make_doc(sentence)), etype).background is background


def _with_type(obs, etype):
    found = [o for o in obs if o.type == etype]
    assert found, [o.type for o in obs]
    return found[0]
