"""The learned sentence type model: its file, its decisions, and training it."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from borderwatch.errors import InputError
from borderwatch.extract import train
from borderwatch.extract.typemodel import DEFAULT_PATH, TYPES, TypeModel

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "eval" / "extraction" / "dev"
BIN = Path(sys.executable).with_name("borderwatch")


def _model(**weights) -> TypeModel:
    return TypeModel(weights={k: tuple(v) for k, v in weights.items()}, bias=(-3.0,) * len(TYPES),
                     keep=0.3, add=0.6)


def test_the_shipped_model_loads_and_was_trained_on_the_dev_split_only():
    model = TypeModel.load()
    assert "heldout" not in model.trained_on and "dev" in model.trained_on
    assert 0 < model.keep <= model.add < 1
    assert len(model.weights) > 1000 and all(len(w) == len(TYPES) for w in model.weights.values())


def test_save_and_load_give_the_same_model(tmp_path):
    model = _model(**{"w=column": [1.5, 0, 0, 0, 0, 0, 0, 0]})
    model.save(tmp_path / "m.json")
    again = TypeModel.load(tmp_path / "m.json")
    assert again.probabilities({"w=column": 1.0}) == pytest.approx(model.probabilities({"w=column": 1.0}), abs=1e-4)
    assert (again.keep, again.add) == (0.3, 0.6)


@pytest.mark.parametrize("content", ["", "{", "[]", '{"types": ["movement"], "keep": 0.3, "add": 0.5, "bias": [0], "features": [], "weights": []}',
                                     '{"types": %s, "bias": []}' % json.dumps(list(TYPES)), "\x00\xff" * 100,
                                     # one weight short of a row, and one bias short
                                     '{"types": %s, "keep": 0.3, "add": 0.5, "bias": %s, "features": ["w=a"], '
                                     '"weights": [1, 2, 3, 4, 5, 6, 7]}' % (json.dumps(list(TYPES)), [0] * len(TYPES)),
                                     '{"types": %s, "keep": 0.3, "add": 0.5, "bias": [0], "features": [], '
                                     '"weights": []}' % json.dumps(list(TYPES))])
def test_a_broken_model_file_is_a_clear_error(tmp_path, content):
    path = tmp_path / "types.json"
    path.write_text(content, encoding="utf-8", errors="surrogateescape") if "\x00" not in content \
        else path.write_bytes(content.encode("latin-1"))
    with pytest.raises(InputError, match="type model"):
        TypeModel.load(path)


def test_a_missing_model_file_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="not a readable type model"):
        TypeModel.load(tmp_path / "absent.json")


def test_probabilities_follow_the_weights_and_ignore_unknown_features():
    model = _model(**{"w=column": [6.0, 0, 0, 0, 0, 0, 0, -2.0]})
    p = model.probabilities({"w=column": 1.0, "w=never-seen": 1.0})
    assert p["movement"] > 0.9 and p["assessment"] < 0.01 and p["deployment"] == pytest.approx(0.047, abs=0.001)
    assert model.probabilities({})["movement"] == pytest.approx(0.047, abs=0.001)


def test_extreme_weights_do_not_overflow():
    model = _model(**{"w=x": [1e6, -1e6, 0, 0, 0, 0, 0, 0]})
    p = model.probabilities({"w=x": 1.0})
    assert p["movement"] == pytest.approx(1.0) and p["deployment"] == pytest.approx(0.0)


def test_decide_keeps_drops_and_adds_with_its_own_thresholds(extractor):
    doc = extractor.nlp("Belarusian troops moved tanks to Brest and dug trenches near the river.")
    sent = next(iter(doc.sents))
    move = next(s for s in doc.spans["bw_trigger"] if s.label_ == "movement")
    # movement p=0.5: kept (>= keep 0.3); construction p=0.5 from no rule: not added (< add 0.6);
    # exercise from the rules with p=0.05: dropped
    model = _model(**{"f": [3.0, 0, 0, 0, 3.0, 0, 0, 0]})
    decided = model.decide({"movement": move, "exercise": None}, {"f": 1.0}, sent)
    assert list(decided) == ["movement"] and decided["movement"] is move
    # construction p=0.95: added, with its own trigger word from the sentence
    model = _model(**{"f": [3.0, 0, 0, 0, 6.0, 0, 0, 0]})
    decided = model.decide({"movement": move}, {"f": 1.0}, sent)
    assert list(decided) == ["movement", "construction"] and decided["construction"].text == "dug"


def test_decide_does_not_add_a_type_whose_only_word_the_rules_gave_to_another(extractor):
    doc = extractor.nlp("Russian forces could move more launchers into Belarus next year.")
    sent = next(iter(doc.sents))
    move = next(s for s in doc.spans["bw_trigger"] if s.label_ == "movement")
    model = _model(**{"f": [6.0, 0, 0, 0, 0, 0, 0, 6.0]})
    assert list(model.decide({"assessment": move}, {"f": 1.0}, sent)) == ["assessment"]


def test_the_extractor_with_the_model_still_gives_every_field(extractor, make_doc):
    obs = extractor.extract(make_doc(
        "Belaruski Hajun reported on Tuesday that a column of 30 Russian T-72B3 tanks marked with a white V "
        "moved from Mazyr towards the Ukrainian border.", published="2024-05-16T09:00:00+03:00"))
    assert [o.type for o in obs] == ["movement"]
    o = obs[0]
    assert o.actor.name == "Russian armed forces" and o.attribution.name == "Belaruski Hajun"
    assert ("tank", "T-72B3", 30) in {(e.cls, e.model, e.count) for e in o.equipment}
    assert o.toward.country == "UA" and o.markings and o.trigger is not None


def test_the_rules_alone_are_still_there(make_doc):
    from borderwatch.extract import Extractor

    rules = Extractor(type_model=False)
    assert rules.type_model is None
    assert [o.type for o in rules.extract(make_doc("Ten Belarusian tanks moved south from Mazyr on Monday."))] == ["movement"]


def _small_gold_folder(tmp_path, names):
    for n in names:
        for suffix in (".md", ".gold.json"):
            shutil.copy(DEV / f"{n}{suffix}", tmp_path / f"{n}{suffix}")
    return tmp_path


def test_training_gives_one_example_per_sentence_the_rules_read_with_gold_labels(tmp_path):
    from borderwatch.extract import Extractor

    folder = _small_gold_folder(tmp_path, ["001", "002", "003", "004", "005", "006"])
    ex = train.examples(folder, Extractor(type_model=False))
    assert len(ex.features) == len(ex.labels) == len(ex.docs) == len(ex.rules) >= 15
    gold_types = sorted(o["type"] for n in ["001", "002", "003", "004", "005", "006"]
                        for o in json.loads((folder / f"{n}.gold.json").read_text())["observations"])
    found = sorted(t for lab in ex.labels for t in lab)
    assert set(found) <= set(gold_types) and len(found) >= 0.8 * len(set(gold_types))
    assert all(f"rule={t}" in f for f, r in zip(ex.features, ex.rules) for t in r)


def test_a_fitted_model_learns_its_training_sentences_and_round_trips(tmp_path):
    from borderwatch.extract import Extractor

    folder = _small_gold_folder(tmp_path, [f"{i:03d}" for i in range(1, 21)])
    ex = train.examples(folder, Extractor(type_model=False))
    probs, reads = train.cross_validate(ex, folds=4)
    assert reads == []  # no text classifier asked for
    keep, add = train.choose_thresholds(ex, probs)
    model = train.fit(ex, keep, add, trained_on="test")
    fitted = train.scores(ex.labels, train.decided(ex.rules, [model.probabilities(f) for f in ex.features], keep, add))
    assert fitted[2] > 0.9  # a linear model over these features can learn 20 documents
    model.save(tmp_path / "m.json")
    assert TypeModel.load(tmp_path / "m.json").keep == keep


def test_training_refuses_the_held_out_split_and_an_empty_folder(tmp_path):
    def train_types(folder):
        return subprocess.run([str(BIN), "train", "types", "--folder", str(folder), "--out", str(tmp_path / "m.json")],
                              capture_output=True, text=True, timeout=300)

    for folder, message in ((ROOT / "eval" / "extraction" / "heldout", "never train on the held-out split"),
                            (tmp_path, "no documents")):
        r = train_types(folder)
        assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert not (tmp_path / "m.json").exists()


def test_scores_count_sentence_types():
    p, r, f = train.scores([{"movement"}, {"exercise", "statement"}, set()],
                           [{"movement"}, {"exercise"}, {"strike"}])
    assert (p, r) == (2 / 3, 2 / 3) and f == pytest.approx(2 / 3)


def test_the_default_path_is_inside_the_package():
    assert DEFAULT_PATH.exists() and DEFAULT_PATH.parent.parent.name == "extract"


def test_a_sentence_naming_no_forces_reaches_the_model_only(extractor, make_doc):
    """ "Work on the new fence is due to start" names no forces: the rules alone skip it,
    the model sees it, marked as unanchored, and decides. A named exercise is military by
    nature."""
    from borderwatch.extract import Extractor
    from borderwatch.extract.observations import build

    doc = make_doc("Zapad-2025 kicks off today. Work on the new fence is due to start in March. Nothing else happened.")
    seen = []
    ex = extractor.inner
    build(ex.nlp(doc.text), doc, ex.lex, ex.table, record=lambda *a: seen.append(a))
    assert [(s.text, rules, "unanchored" in f) for s, rules, f in seen] == [
        ("Zapad-2025 kicks off today.", {"exercise"}, False),
        ("Work on the new fence is due to start in March.", {"construction"}, True)]
    assert [o.type for o in Extractor(nlp=ex.nlp, type_model=False).extract(doc)] == ["exercise"]


def test_training_with_thresholds_given_writes_them_and_refuses_nonsense(tmp_path):
    (tmp_path / "gold").mkdir()
    folder = _small_gold_folder(tmp_path / "gold", [f"{i:03d}" for i in range(1, 11)])
    out = tmp_path / "m.json"
    run = [str(BIN), "train", "types", "--folder", str(folder), "--out", str(out)]
    r = subprocess.run(run + ["--keep", "0.25", "--add", "0.45"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    model = TypeModel.load(out)
    assert (model.keep, model.add) == (0.25, 0.45)
    r = subprocess.run(run + ["--keep", "1.5"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 2 and "between 0 and 1" in r.stderr


def test_the_model_sees_runs_of_words_and_each_verbs_arguments(extractor):
    from borderwatch.extract.typemodel import sentence_features

    sent = next(iter(extractor.nlp("The exercise is expected to end at the Obuz-Lesnovsky range on Friday.").sents))
    f = sentence_features(sent, {}, lambda t: "asserted", None, [], "news", set())
    # small words count in a run ("is expected to"), not punctuation
    assert {"t2=is_expected", "t3=is_expected_to", "t2=on_friday", "t2=obuz_lesnovsky"} <= set(f)
    assert not any("." in k for k in f if k.startswith(("t2=", "t3=")))
    assert "d=expect|nsubjpass|exercise" in f and "subj=exercise" in f and "d=end|at|range" in f
    assert "tense=VBN" in f


def test_a_gzipped_model_round_trips_byte_for_byte_and_a_truncated_one_is_a_clear_error(tmp_path):
    model = _model(**{"w=column": [1.5, 0, 0, 0, 0, 0, 0, 0]})
    model.save(tmp_path / "m.json.gz")
    model.save(tmp_path / "again.json.gz")
    assert (tmp_path / "m.json.gz").read_bytes() == (tmp_path / "again.json.gz").read_bytes()  # no time stamp
    loaded = TypeModel.load(tmp_path / "m.json.gz")
    assert loaded.probabilities({"w=column": 1.0}) == pytest.approx(model.probabilities({"w=column": 1.0}), abs=1e-4)
    (tmp_path / "cut.json.gz").write_bytes((tmp_path / "m.json.gz").read_bytes()[:30])
    with pytest.raises(InputError, match="not a readable type model"):
        TypeModel.load(tmp_path / "cut.json.gz")


def test_cross_validated_eval_scores_each_document_with_a_model_that_never_saw_it(tmp_path):
    from borderwatch.extract.crossval import fold_extractor
    from borderwatch.extract.evaluate import evaluate
    from borderwatch.ingest.text import read_report

    folder = _small_gold_folder(tmp_path, [f"{i:03d}" for i in range(1, 7)])
    cv = fold_extractor(folder, folds=2, epochs=1)
    assert len(cv.extractors) == 2 and all(m.inner.type_model.textcat is not None for m in cv.extractors)
    for path in sorted(folder.glob("*.md")):
        fold = cv.fold_of[read_report(path)[1].id]
        assert path.stem not in cv.trained_on[fold] and len(cv.trained_on[fold]) == 3
    # a check on actors per fold, over observations of documents its fold's model was not trained on
    assert len(cv.checks) == 2 and set(cv.extracted) == set(cv.fold_of)
    # each fold's model finds what the gold has; its checks, fitted on three documents here, may drop any of it
    class Unchecked:
        def extract(self, document):
            return cv.extracted[document.id]
    assert evaluate(folder, Unchecked())["overall"].tp > 0
    counts = evaluate(folder, cv)
    assert 0 <= counts["type"].f1 <= 1 and counts["type"].tp + counts["type"].fn > 0
    with pytest.raises(InputError, match="dev only"):
        fold_extractor(tmp_path / "heldout", folds=2)
    with pytest.raises(InputError, match="cannot make 7 folds"):
        fold_extractor(folder, folds=7)


def test_cross_validated_eval_refuses_heldout_and_the_agreement(tmp_path):
    for extra in (["--split", "heldout"], ["--agreement"], ["--folds", "1"]):
        r = subprocess.run([str(BIN), "eval", "extraction", "--folds", "2", *extra], capture_output=True, text=True,
                           timeout=120)
        assert r.returncode != 0 and ("dev only" in r.stderr or "at least 2" in r.stderr), r.stderr
