"""Check gold files against the annotation guide (docs/annotation.md) before scoring on them.

A gold set with a misspelt actor or an evidence string that is not in the text scores
the extractor against a mistake; this finds those mistakes, file by file.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from borderwatch.errors import InputError
from borderwatch.extract.lexicons import load_lexicons

TYPES = {"movement", "deployment", "exercise", "mobilization", "construction", "strike", "statement", "assessment"}
MODALITIES = {"asserted", "claimed", "possible", "likely", "unlikely", "negated"}
RELATIONS = {"toward", "away", "along", "north_of", "south_of", "east_of", "west_of", "across"}
PRECISIONS = {"day", "week", "month", "year"}
SPEAKER_KINDS = {"monitoring_group", "ministry", "think_tank", "media", "social_media", "official", "government",
                 "military", "citizen", "document"}
KEYS = {"evidence", "type", "actor", "equipment", "personnel", "locations", "toward", "time", "attribution",
        "modality", "markings", "background"}


def check_observation(o: dict, body: str) -> list[str]:
    """Problems with one gold observation (empty when it follows the guide)."""
    lex = load_lexicons()
    actors = {a.name: a.country for a in lex.actors}
    classes = {e.cls for e in lex.equipment}
    models = {e.model: e.cls for e in lex.equipment if e.model}
    problems = []
    if missing := KEYS - o.keys():
        problems.append(f"missing keys {sorted(missing)}")
    if extra := o.keys() - KEYS:
        problems.append(f"unknown keys {sorted(extra)}")
    evidence = o.get("evidence") or ""
    if not evidence or evidence not in body:
        problems.append(f"evidence is not an exact substring of the body: {evidence[:60]!r}")
    if o.get("type") not in TYPES:
        problems.append(f"type {o.get('type')!r} is not one of {sorted(TYPES)}")
    if o.get("modality") not in MODALITIES:
        problems.append(f"modality {o.get('modality')!r} is not one of {sorted(MODALITIES)}")
    if (actor := o.get("actor")) is not None:
        if actor.get("name") not in actors:
            problems.append(f"actor {actor.get('name')!r} is not a canonical name in actors.yaml")
        elif actor.get("country") != actors[actor["name"]]:
            problems.append(f"actor {actor['name']!r} has country {actors[actor['name']]!r}, not {actor.get('country')!r}")
    for e in o.get("equipment") or ():
        if e.get("class") not in classes:
            problems.append(f"equipment class {e.get('class')!r} is not in equipment.yaml")
        if e.get("model") is not None and models.get(e["model"]) != e.get("class"):
            problems.append(f"equipment model {e['model']!r} is not a model of class {e.get('class')!r}")
        if e.get("count") is not None and (not isinstance(e["count"], int) or e["count"] <= 0):
            problems.append(f"equipment count {e['count']!r} must be a positive integer or null")
    if (p := o.get("personnel")) is not None and not (p.get("count") or p.get("unit")):
        problems.append("personnel needs a count or a unit (or is null)")
    for place in o.get("locations") or ():
        text = place if isinstance(place, str) else (place or {}).get("text", "")
        if not text or text.lower() not in evidence.lower():
            problems.append(f"location {text!r} is not written in the evidence")
    if (t := o.get("toward")) is not None and t.get("relation") not in RELATIONS:
        problems.append(f"toward relation {t.get('relation')!r} is not one of {sorted(RELATIONS)}")
    if (t := o.get("time")) is not None:
        try:
            dt.date.fromisoformat(t.get("date") or "")
        except ValueError:
            problems.append(f"time date {t.get('date')!r} is not YYYY-MM-DD")
        if t.get("precision") not in PRECISIONS:
            problems.append(f"time precision {t.get('precision')!r} is not one of {sorted(PRECISIONS)}")
    if (a := o.get("attribution")) is not None and a.get("kind") not in SPEAKER_KINDS:
        problems.append(f"attribution kind {a.get('kind')!r} is not one of {sorted(SPEAKER_KINDS)}")
    for m in o.get("markings") or ():
        if m not in lex.markings:
            problems.append(f"marking {m!r} is not a canonical marking in markings.yaml")
    if not isinstance(o.get("background"), bool):
        problems.append("background must be true or false")
    return problems


def check_folder(folder: Path) -> list[str]:
    """One line per problem, naming the file and the observation."""
    from borderwatch.ingest.text import read_report

    docs = sorted(folder.glob("*.md"))
    if not docs:
        raise InputError(f"{folder}: no documents (*.md) to check")
    problems = []
    for path in docs:
        gold_path = path.with_suffix(".gold.json")
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))["observations"]
            _, doc, _ = read_report(path)
        except FileNotFoundError:
            problems.append(f"{path.name}: no gold file {gold_path.name}")
            continue
        except (ValueError, KeyError, TypeError) as e:
            problems.append(f"{gold_path.name}: unreadable ({e})")
            continue
        except InputError as e:
            problems.append(str(e))
            continue
        for i, o in enumerate(gold, 1):
            problems += [f"{gold_path.name} #{i}: {p}" for p in check_observation(o, doc.text)]
    return problems
