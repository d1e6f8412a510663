"""Check the gold development set against docs/annotation.md and the lexicons.

Usage (from the repository root):

    python eval/extraction/check_gold.py           # check, print a one-line summary
    python eval/extraction/check_gold.py --stats   # also print the count tables in README.md

Exit status 1 when any document or gold file breaks the format. Needs only PyYAML.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LEXICONS = ROOT / "borderwatch" / "extract" / "lexicons"
SPLITS = ("dev", "heldout")

FIELDS = ["evidence", "type", "actor", "equipment", "personnel", "locations", "toward",
          "time", "attribution", "modality", "markings", "background"]
TYPES = {"movement", "deployment", "exercise", "mobilization", "construction", "strike",
         "statement", "assessment"}
MODALITIES = {"negated", "unlikely", "possible", "likely", "claimed", "asserted"}
RELATIONS = {"toward", "away", "along", "north_of", "south_of", "east_of", "west_of", "across"}
PRECISIONS = {"day", "week", "month", "year"}
ATTRIBUTION_KINDS = {"monitoring_group", "ministry", "think_tank", "media", "social_media",
                     "official", "government", "military", "citizen"}
SOURCE_KINDS = {"news", "ministry", "monitoring_group", "think_tank", "citizen", "telegram",
                "government", "other"}
LANGUAGES = {"en", "ru", "be", "uk"}
MAX_NON_ENGLISH = 16  # the set is for English extraction: a handful of Russian and Belarusian texts only


def load_lexicons() -> tuple[dict, dict, set, set]:
    actors = {a["name"]: a for a in yaml.safe_load((LEXICONS / "actors.yaml").read_text())["actors"]}
    equipment = yaml.safe_load((LEXICONS / "equipment.yaml").read_text())
    models = {m["model"]: m["class"] for m in equipment["models"]}
    classes = set(equipment["classes"])
    markings = set(yaml.safe_load((LEXICONS / "markings.yaml").read_text())["markings"])
    return actors, models, classes, markings


def read_document(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if not match:
        raise ValueError("no front matter")
    meta = yaml.safe_load(match.group(1))
    return meta, text[match.end():]


def check_observation(o: dict, body: str, lex: tuple, err) -> None:
    actors, models, classes, markings = lex
    if list(o) != FIELDS:
        err(f"fields must be exactly {FIELDS}, got {list(o)}")
        return
    ev = o["evidence"]
    if not isinstance(ev, str) or body.count(ev) != 1:
        err(f"evidence must occur exactly once in the body: {ev!r}")
    if o["type"] not in TYPES:
        err(f"bad type {o['type']!r}")
    if o["modality"] not in MODALITIES:
        err(f"bad modality {o['modality']!r}")
    a = o["actor"]
    if a is not None:
        if set(a) != {"name", "country"} or a["name"] not in actors:
            err(f"actor not canonical: {a}")
        elif actors[a["name"]]["country"] != a["country"]:
            err(f"actor country {a['country']} differs from actors.yaml for {a['name']}")
    for e in o["equipment"]:
        if set(e) != {"class", "model", "count"} or e["class"] not in classes:
            err(f"bad equipment {e}")
        elif e["model"] is not None and models.get(e["model"]) != e["class"]:
            err(f"model {e['model']} is not of class {e['class']}")
        if e.get("count") is not None and (not isinstance(e["count"], int) or e["count"] < 1):
            err(f"bad equipment count {e}")
    p = o["personnel"]
    if p is not None:
        if set(p) != {"count", "high", "unit"}:
            err(f"personnel must have count, high, unit: {p}")
        elif p["high"] is not None and (p["count"] is None or p["high"] <= p["count"]):
            err(f"personnel range is not increasing: {p}")
        elif p["count"] is None and p["unit"] is None:
            err(f"personnel needs a count or a unit: {p}")
    for loc in o["locations"]:
        if not isinstance(loc, str) or loc not in ev:
            err(f"location {loc!r} is not written in the evidence")
    t = o["toward"]
    if t is not None:
        if set(t) != {"relation", "country"} or t["relation"] not in RELATIONS:
            err(f"bad toward {t}")
        elif t["country"] is not None and not re.fullmatch(r"[A-Z]{2}", t["country"]):
            err(f"bad toward country {t}")
    tm = o["time"]
    if tm is not None:
        try:
            day = dt.date.fromisoformat(tm["date"])
        except (KeyError, TypeError, ValueError):
            err(f"bad time {tm}")
        else:
            if set(tm) != {"date", "precision"} or tm["precision"] not in PRECISIONS:
                err(f"bad time {tm}")
            elif tm["precision"] == "week" and day.weekday() != 0:
                err(f"week precision must give the Monday: {tm}")
            elif tm["precision"] == "month" and day.day != 1:
                err(f"month precision must give the first day: {tm}")
            elif tm["precision"] == "year" and (day.month, day.day) != (1, 1):
                err(f"year precision must give 1 January: {tm}")
    at = o["attribution"]
    if at is not None:
        if set(at) != {"name", "kind"} or at["kind"] not in ATTRIBUTION_KINDS:
            err(f"bad attribution {at}")
        elif at["name"] is not None and at["name"] not in actors:
            err(f"attribution name not canonical: {at}")
        if o["modality"] == "asserted":
            err("an attributed observation cannot be asserted")
    elif o["modality"] == "claimed":
        err("a claimed observation needs an attribution")
    for m in o["markings"]:
        if m not in markings:
            err(f"marking not canonical: {m!r}")
    if not isinstance(o["background"], bool):
        err("background must be true or false")


def check(stats: bool) -> int:
    lex = load_lexicons()
    errors: list[str] = []
    tally = collections.defaultdict(collections.Counter)
    non_english = 0
    for split in SPLITS:
        for md in sorted((HERE / split).glob("*.md")):
            where = f"{split}/{md.name}"
            if not re.fullmatch(r"\d{3,4}\.md", md.name):
                errors.append(f"{where}: name must be NNN.md (or NNNN.md)")
            try:
                meta, body = read_document(md)
            except (ValueError, yaml.YAMLError) as exc:
                errors.append(f"{where}: {exc}")
                continue
            for key in ("source", "source_name", "kind", "published"):
                if not meta.get(key):
                    errors.append(f"{where}: front matter lacks {key}")
            if meta.get("kind") not in SOURCE_KINDS:
                errors.append(f"{where}: bad kind {meta.get('kind')!r}")
            published = meta.get("published")
            if not isinstance(published, dt.datetime):
                try:
                    dt.datetime.fromisoformat(str(published))
                except ValueError:
                    errors.append(f"{where}: published is not an ISO date-time")
            lang = meta.get("language", "en")
            if lang not in LANGUAGES:
                errors.append(f"{where}: bad language {lang!r}")
            non_english += lang != "en"
            gold_path = md.with_name(md.stem + ".gold.json")
            try:
                gold = json.loads(gold_path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                errors.append(f"{where}: gold file: {exc}")
                continue
            if list(gold) != ["observations"]:
                errors.append(f"{where}: gold must hold only 'observations'")
                continue
            t = tally[split]
            t["documents"] += 1
            t[f"kind:{meta.get('kind')}"] += 1
            t[f"language:{lang}"] += 1
            t["words"] += len(body.split())
            if not gold["observations"]:
                t["documents without observations"] += 1
            for i, o in enumerate(gold["observations"]):
                check_observation(o, body, lex, lambda msg, i=i: errors.append(f"{where}#{i}: {msg}"))
                if list(o) != FIELDS:
                    continue
                t["observations"] += 1
                t[f"type:{o['type']}"] += 1
                t[f"modality:{o['modality']}"] += 1
                for field in FIELDS[2:]:
                    if field == "background":
                        t["field:background"] += o["background"] is True
                    elif o[field] not in (None, []):
                        t[f"field:{field}"] += 1
                t["field:equipment.count"] += any(e.get("count") is not None for e in o["equipment"])
                t["field:equipment.model"] += any(e.get("model") for e in o["equipment"])
                t["field:personnel.high"] += bool(o["personnel"] and o["personnel"]["high"] is not None)
                t["field:personnel.unit"] += bool(o["personnel"] and o["personnel"]["unit"])
                t["field:evidence spans two sentences"] += _two_sentences(o["evidence"])
    for split in SPLITS:
        for gold_path in (HERE / split).glob("*.gold.json"):
            if not gold_path.with_name(gold_path.name.replace(".gold.json", ".md")).exists():
                errors.append(f"{split}/{gold_path.name}: no matching document")
    # second annotations (eval/extraction/second/SPLIT/NNN.gold.json) follow the same rules
    for gold_path in sorted((HERE / "second").glob("*/*.gold.json")):
        where = f"second/{gold_path.parent.name}/{gold_path.name}"
        md = HERE / gold_path.parent.name / gold_path.name.replace(".gold.json", ".md")
        if not md.exists():
            errors.append(f"{where}: no matching document")
            continue
        try:
            body = read_document(md)[1]
            observations = json.loads(gold_path.read_text(encoding="utf-8"))["observations"]
        except (ValueError, KeyError, yaml.YAMLError) as exc:
            errors.append(f"{where}: {exc}")
            continue
        tally["second"]["documents"] += 1
        for i, o in enumerate(observations):
            check_observation(o, body, lex, lambda msg, i=i: errors.append(f"{where}#{i}: {msg}"))
    if non_english > MAX_NON_ENGLISH:
        errors.append(f"{non_english} non-English documents; at most {MAX_NON_ENGLISH}")
    for e in errors:
        print(e, file=sys.stderr)
    summary = ", ".join(f"{s}: {tally[s]['documents']} documents, {tally[s]['observations']} observations"
                        for s in SPLITS)
    print(f"{summary}; second annotation: {tally['second']['documents']} documents; {len(errors)} problems")
    if stats:
        _print_stats(tally)
    return 1 if errors else 0


def _two_sentences(evidence: str) -> bool:
    return bool(re.search(r'[.!?]["”»]?\s+\S', evidence.strip()[:-1]))


def _print_stats(tally: dict) -> None:
    keys = sorted({k for t in tally.values() for k in t})
    width = max(len(k) for k in keys)
    print(f"{'':{width}}  " + "  ".join(f"{s:>8}" for s in SPLITS))
    for k in keys:
        print(f"{k:{width}}  " + "  ".join(f"{tally[s][k]:>8}" for s in SPLITS))
    hard = HERE / "hard_cases.json"
    if hard.exists():
        tags = json.loads(hard.read_text(encoding="utf-8"))
        counts = {s: collections.Counter() for s in SPLITS}
        for ref, entry in tags.items():
            split = ref.split("/")[0]
            for t in entry["doc"]:
                counts[split][f"doc:{t}"] += 1
            for obs_tags in entry["observations"]:
                for t in obs_tags:
                    counts[split][t] += 1
        keys = sorted({k for c in counts.values() for k in c})
        width = max(len(k) for k in keys)
        print()
        print(f"{'hard case':{width}}  " + "  ".join(f"{s:>8}" for s in SPLITS))
        for k in keys:
            print(f"{k:{width}}  " + "  ".join(f"{counts[s][k]:>8}" for s in SPLITS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stats", action="store_true", help="print count tables")
    sys.exit(check(parser.parse_args().stats))


if __name__ == "__main__":
    main()
