from pathlib import Path

import pytest

from borderwatch.errors import InputError
from borderwatch.extract.goldcheck import check_folder, check_observation

GOOD = {"evidence": "Tanks moved to Yelsk.", "type": "movement",
        "actor": {"name": "Belarusian armed forces", "country": "BY"},
        "equipment": [{"class": "tank", "model": "T-72B3", "count": 12}], "personnel": None,
        "locations": ["Yelsk"], "toward": None, "time": {"date": "2024-05-14", "precision": "day"},
        "attribution": None, "modality": "asserted", "markings": [], "background": False}


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_the_gold_set_follows_the_annotation_guide(split):
    assert check_folder(Path("eval/extraction") / split) == []


def test_a_good_observation_has_no_problems():
    assert check_observation(GOOD, "Tanks moved to Yelsk. Nothing else.") == []


def test_each_kind_of_mistake_is_named():
    bad = {**GOOD, "type": "parade", "actor": {"name": "Belarus army", "country": "BY"},
           "equipment": [{"class": "tank", "model": "Tor-M2", "count": 0}], "locations": ["Mazyr"],
           "time": {"date": "14/05/2024", "precision": "hour"}, "modality": "sure", "markings": ["red circle"]}
    del bad["background"]
    problems = " | ".join(check_observation(bad, "Tanks moved to Yelsk."))
    for words in ("missing keys ['background']", "type 'parade'", "actor 'Belarus army'", "'Tor-M2' is not a model",
                  "count 0", "'Mazyr' is not written", "'14/05/2024'", "precision 'hour'", "modality 'sure'",
                  "marking 'red circle'"):
        assert words in problems
    assert "evidence" in " ".join(check_observation(GOOD, "Something else entirely."))


def test_a_folder_without_documents_or_with_broken_gold_is_reported(tmp_path):
    with pytest.raises(InputError):
        check_folder(tmp_path)
    (tmp_path / "001.md").write_text("---\nsource: x\npublished: 2024-01-01T00:00:00Z\n---\nTanks moved.\n")
    assert "no gold file" in check_folder(tmp_path)[0]
    (tmp_path / "001.gold.json").write_text("{not json")
    assert "unreadable" in check_folder(tmp_path)[0]
