"""The learned check on actors: what it sees, what it drops, and its model file."""

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from borderwatch.errors import InputError
from borderwatch.extract import actorcheck
from borderwatch.extract.actorcheck import ActorCheck, Rows, features

BIN = Path(sys.executable).with_name("borderwatch")


def _with_actor(obs):
    found = [o for o in obs if o.actor is not None]
    assert found, [(o.type, o.actor) for o in obs]
    return found[0]


def test_it_sees_how_the_actor_stands_in_the_sentence(rules, make_doc):
    doc = make_doc("Heavy rain fell on Friday.\n\n"
                   "Belarusian engineers are building a pontoon bridge over the Pripyat near Mazyr.")
    o = _with_actor(rules.extract(doc))
    f = features(o, doc.text, doc.kind)
    assert f["in_sentence=True"] == 1 and f["before_trigger=True"] == 1 and f["kind=armed_forces"] == 1
    assert f["type=construction"] == 1 and f["source=none"] == 1 and f["word=pontoon"] == actorcheck.BAG
    assert f["said=belarusian engineers"] == 1 and f["head=engineers"] == 1 and f["after0=are"] == 1
    assert not any(k.startswith("before0=") for k in f)  # nothing of the sentence before
    # an actor found in the sentences before ("the troops" resolved) is not named here
    elsewhere = o.model_copy(update={"actor": o.actor.model_copy(update={"start": 0, "end": 5})})
    g = features(elsewhere, doc.text, doc.kind)
    assert g["in_sentence=False"] == 1 and not any(k.startswith(("before_trigger", "after0")) for k in g)


def _rows():
    """Observations whose actor stands after "for" are never the doer in this made-up gold."""
    r = Rows()
    for i in range(40):
        unnamed = i % 2 == 0
        r.features.append({"before0=for": 1.0, "type=construction": 1.0} if unnamed else {"type=construction": 1.0})
        r.unnamed.append(unnamed)
        r.agrees.append(not unnamed)
        r.docs.append(f"{i % 8:03d}")
    return r


def test_a_fitted_check_drops_only_the_actors_the_text_does_not_name(rules, make_doc):
    check = actorcheck.fit(_rows(), 0.5, trained_on="made-up rows")
    assert check.probability({"before0=for": 1.0}) > 0.8 > 0.2 > check.probability({"type=construction": 1.0})
    doc = make_doc("Soldiers have set up a field camp for Russian units near Baranavichy.\n\n"
                   "Russian engineers are building a pontoon bridge over the Pripyat.")
    obs = rules.extract(doc)
    checked = check.apply(obs, doc)
    assert [o.actor is None for o in checked] == [
        o.actor is None or doc.text[o.actor.start - 4:o.actor.start] == "for " for o in obs]
    assert any(o.actor is None for o in checked) and any(o.actor is not None for o in checked)
    # nothing else about an observation changes
    assert [o.model_copy(update={"actor": None}) for o in checked] == [o.model_copy(update={"actor": None}) for o in obs]
    # the threshold is chosen where the held-out rows score best
    probs = actorcheck.held_out_probabilities(_rows(), folds=4)
    assert actorcheck.actor_f1(_rows(), probs >= actorcheck.choose_threshold(_rows(), probs)) == 1.0
    assert actorcheck.actor_f1(_rows(), probs > 1) == pytest.approx(2 * 20 / (2 * 20 + 20))


def test_rows_of_one_answer_make_a_constant_check():
    r = _rows().subset(i for i in range(40) if i % 2)
    check = actorcheck.fit(r, 0.5)
    assert check.weights == {} and check.probability({"before0=for": 1.0}) < 1e-6


def test_the_extractor_applies_the_check_it_is_given(extractor, make_doc):
    from borderwatch.extract import Extractor

    doc = make_doc("Belarusian engineers are building a pontoon bridge over the Pripyat near Mazyr.")
    never = ActorCheck(weights={}, bias=-30.0, threshold=0.5)
    always = ActorCheck(weights={}, bias=30.0, threshold=0.5)
    kept = Extractor(nlp=extractor.nlp, actor_check=never).extract(doc)
    assert _with_actor(kept).actor.name == "Belarusian armed forces"
    assert all(o.actor is None for o in Extractor(nlp=extractor.nlp, actor_check=always).extract(doc))
    # the shipped check keeps a doer the sentence names as its subject
    assert _with_actor(extractor.extract(doc)).actor.name == "Belarusian armed forces"
    assert 0 < extractor.inner.actor_check.threshold < 1


def test_the_check_file_round_trips_byte_for_byte(tmp_path):
    check = actorcheck.fit(_rows(), 0.45, trained_on="made-up rows")
    check.save(tmp_path / "a.json.gz")
    again = ActorCheck.load(tmp_path / "a.json.gz")
    assert again.threshold == 0.45 and again.trained_on == "made-up rows"
    assert again.probability({"before0=for": 1.0}) == pytest.approx(check.probability({"before0=for": 1.0}), abs=1e-3)
    again.save(tmp_path / "b.json.gz")
    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes()


@pytest.mark.parametrize("content", [
    b"",
    b"\x1f\x8b\x08\x00garbage",
    gzip.compress(b"{not json"),
    json.dumps({"features": ["a", "b"], "weights": [1.0], "bias": 0, "threshold": 0.5}).encode(),
    json.dumps({"features": [], "weights": [], "bias": 0, "threshold": 1.5}).encode(),
    json.dumps({"features": [], "weights": [], "threshold": 0.5}).encode(),
    json.dumps(["a list"]).encode(),
    b"\xff\xfe" * 50_000,
])
def test_an_unreadable_check_file_is_a_clear_error(tmp_path, content):
    path = tmp_path / "actors.json.gz"
    path.write_bytes(content)
    with pytest.raises(InputError, match="not a readable actor check"):
        ActorCheck.load(path)
    with pytest.raises(InputError, match="not a readable actor check"):
        ActorCheck.load(tmp_path / "missing.json.gz")


def test_training_refuses_the_held_out_split_and_a_threshold_that_is_no_probability():
    for extra in (["--folder", "eval/extraction/heldout"], ["--threshold", "1.5"]):
        r = subprocess.run([str(BIN), "train", "actors", *extra], capture_output=True, text=True, timeout=120)
        assert r.returncode != 0 and ("held-out" in r.stderr or "between 0 and 1" in r.stderr), r.stderr
