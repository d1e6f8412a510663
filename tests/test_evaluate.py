import json

from borderwatch.extract.evaluate import Counts, _keys, evaluate, pair


def test_pairing_needs_overlapping_evidence_and_the_same_type():
    body = "Tanks moved to Yelsk. The ministry denied it."
    gold = [{"evidence": "Tanks moved to Yelsk.", "type": "movement"},
            {"evidence": "The ministry denied it.", "type": "statement"}]
    pred = [{"type": "movement", "evidence": {"start": 0, "end": 21}},
            {"type": "exercise", "evidence": {"start": 22, "end": 45}}]
    pairs, missed, extra = pair(gold, pred, body)
    assert len(pairs) == 1 and missed[0]["type"] == "statement" and extra[0]["type"] == "exercise"


def test_two_happenings_in_one_sentence_pair_by_their_fields_not_their_order():
    body = "A drone entered Belarusian airspace near Khoiniki and went back to Ukraine."
    entered = {"evidence": body, "type": "movement", "locations": ["Khoiniki"],
               "toward": {"relation": "across", "country": "BY"}}
    back = {"evidence": body, "type": "movement", "locations": [], "toward": {"relation": "toward", "country": "UA"}}
    span = {"start": 0, "end": len(body)}
    pred = [{**back, "evidence": span}, {**entered, "evidence": span}, {**back, "type": "strike", "evidence": span}]
    pairs, missed, extra = pair([entered, back], pred, body)
    assert not missed and [p["type"] for p in extra] == ["strike"]
    assert all(g["toward"] == p["toward"] and g["locations"] == p["locations"] for g, p in pairs)
    assert pair([], pred, body) == ([], [], pred) and pair([entered], [], body) == ([], [entered], [])


def test_field_keys_and_scores():
    g = {"equipment": [{"class": "tank", "model": "T-72B3", "count": 12}], "attribution": None}
    p = {"equipment": [{"class": "tank", "model": "T-72B3", "count": 10}],
         "attribution": {"kind": "document", "name": None}}
    c = Counts()
    c.add(_keys("equipment", g), _keys("equipment", p))
    assert (c.tp, c.fp, c.fn) == (1, 1, 1) and round(c.f1, 2) == 0.5
    assert _keys("attribution", p) == set()  # the document's own voice equals null


def test_evaluate_scores_a_tiny_split(tmp_path, extractor):
    (tmp_path / "001.md").write_text("---\nsource: t\npublished: 2024-05-14\n---\n"
                                     "According to Belaruski Hajun, 12 T-72B3 tanks moved towards the Ukrainian border.\n")
    (tmp_path / "001.gold.json").write_text(json.dumps({"observations": [{
        "evidence": "According to Belaruski Hajun, 12 T-72B3 tanks moved towards the Ukrainian border.",
        "type": "movement", "actor": None, "equipment": [{"class": "tank", "model": "T-72B3", "count": 12}],
        "personnel": None, "locations": [], "toward": {"relation": "toward", "country": "UA"}, "time": None,
        "attribution": {"name": "Belaruski Hajun", "kind": "monitoring_group"}, "modality": "claimed",
        "markings": [], "background": False}]}))
    counts = evaluate(tmp_path, extractor)
    assert counts["type"].f1 == 1.0 and counts["equipment"].recall == 1.0 and counts["attribution"].f1 == 1.0


def test_the_gold_set_follows_the_annotation_guide():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "eval/extraction/check_gold.py"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "0 problems" in done.stdout


def test_agreement_scores_a_second_annotation_against_the_gold(tmp_path):
    body = "Twelve tanks moved to Yelsk on Tuesday. The ministry denied it."
    (tmp_path / "001.md").write_text("---\nsource: t\npublished: 2024-05-16\n---\n" + body + "\n")
    base = {"actor": None, "equipment": [{"class": "tank", "model": None, "count": 12}], "personnel": None,
            "locations": ["Yelsk"], "toward": None, "time": {"date": "2024-05-14", "precision": "day"},
            "attribution": None, "modality": "asserted", "markings": [], "background": False}
    first = {**base, "evidence": "Twelve tanks moved to Yelsk on Tuesday.", "type": "movement"}
    (tmp_path / "001.gold.json").write_text(json.dumps({"observations": [first]}))
    second = tmp_path / "second"
    second.mkdir()
    (second / "001.gold.json").write_text(json.dumps({"observations": [
        {**first, "locations": ["Yelsk", "Tuesday"]},
        {**base, "evidence": "The ministry denied it.", "type": "statement", "equipment": [], "locations": [],
         "time": None}]}))
    (tmp_path / "002.md").write_text("---\nsource: t\npublished: 2024-05-16\n---\nNo second annotation.\n")
    counts = evaluate(tmp_path, second=second)  # 002 has no second annotation: not scored
    assert (counts["type"].tp, counts["type"].fp, counts["type"].fn) == (1, 1, 0)
    assert (counts["locations"].tp, counts["locations"].fp) == (1, 1)
    assert counts["equipment"].f1 == 1.0


def test_agreement_without_a_second_annotation_says_so(tmp_path):
    import pytest

    from borderwatch.errors import InputError

    (tmp_path / "001.md").write_text("---\nsource: t\npublished: 2024-05-16\n---\nTanks moved.\n")
    with pytest.raises(InputError, match="no second annotation"):
        evaluate(tmp_path, second=tmp_path / "second")


def _split_with_tags(root, tags):
    """A one-document split `root/dev` with its gold, a second annotation and `tags` in hard_cases.json."""
    body = "Twelve tanks moved to Yelsk on Tuesday. The ministry denied it. Buy our honey."
    split = root / "dev"
    (root / "second" / "dev").mkdir(parents=True)
    split.mkdir()
    (split / "001.md").write_text("---\nsource: t\npublished: 2024-05-16\n---\n" + body + "\n")
    base = {"actor": None, "equipment": [], "personnel": None, "locations": [], "toward": None, "time": None,
            "attribution": None, "modality": "asserted", "markings": [], "background": False}
    moved = {**base, "evidence": "Twelve tanks moved to Yelsk on Tuesday.", "type": "movement",
             "equipment": [{"class": "tank", "model": None, "count": 12}], "locations": ["Yelsk"]}
    denied = {**base, "evidence": "The ministry denied it.", "type": "statement", "modality": "negated"}
    (split / "001.gold.json").write_text(json.dumps({"observations": [moved, denied]}))
    # the second annotator found the movement but put it in Mazyr, missed the denial, and saw an advert as a drill
    (root / "second" / "dev" / "001.gold.json").write_text(json.dumps({"observations": [
        {**moved, "locations": ["Mazyr"]}, {**base, "evidence": "Buy our honey.", "type": "exercise"}]}))
    (root / "hard_cases.json").write_text(json.dumps({"dev/001": tags, "heldout/001": {"doc": ["advert"]}}))
    return split


def test_scores_break_down_by_hard_case(tmp_path):
    split = _split_with_tags(tmp_path, {"doc": ["advert"], "observations": [["number_words", "relative_time"],
                                                                              ["denial"]]})
    cases: dict = {}
    evaluate(split, second=tmp_path / "second" / "dev", cases=cases)
    words, denial, advert = cases["number_words"], cases["denial"], cases["advert"]
    # its values: a tank, twelve of them, Yelsk, asserted; the second annotation has all but Yelsk
    assert (words.observations, words.found, words.values, words.right) == (1, 1, 4, 3)
    assert words.right_share == 3 / 4 and cases["relative_time"].observations == 1
    assert (denial.observations, denial.found, denial.found_share) == (1, 0, 0.0)
    assert (advert.documents, advert.extra, advert.extra_per_document) == (1, 1, 1.0) and advert.found_share is None


def test_hard_case_tags_that_do_not_fit_the_gold_say_so(tmp_path):
    import pytest

    from borderwatch.errors import InputError

    split = _split_with_tags(tmp_path, {"observations": [["denial"]]})  # two gold observations, one tag list
    with pytest.raises(InputError, match="1 tag lists for 2 gold observations"):
        evaluate(split, second=tmp_path / "second" / "dev", cases={})
    (tmp_path / "hard_cases.json").write_text("{not json")
    with pytest.raises(InputError, match="not JSON"):
        evaluate(split, second=tmp_path / "second" / "dev", cases={})
    (tmp_path / "hard_cases.json").unlink()
    with pytest.raises(InputError, match="nothing to break the scores down by"):
        evaluate(split, second=tmp_path / "second" / "dev", cases={})
    assert evaluate(split, second=tmp_path / "second" / "dev")["type"].tp == 1  # without --by-case no tags needed
