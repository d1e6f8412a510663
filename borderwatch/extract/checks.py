"""Learned checks on what the rules decide per observation: does the text tell of it at all,
does it say who did it, which way and where, with what, how many people and when, in whose
name, and is it background?

The rules give an observation an actor whenever they can tie one to it: a force named in the
clause, "the troops" resolved through the sentences before, a country's armed forces for
"Belarusian" on the equipment. The annotation guide asks for an actor only where the text says
who acts, and the rules overreach most where a name stands near a happening it does not do
("a field camp for Russian units", "Lithuanian officials expect ..."). And they call a
happening background from an old date or a recalling word, where people also recall with
"as in 2022", "the same tactic was used" or a tense alone. And they read a direction into
phrases the guide does not count as one ("near the border", a strike's target), and list
places it does not count (where a force came from, where a speech was made). And they hand
each happening of a sentence the equipment, numbers and dates the sentence names, where the
guide gives a happening only its own (the drones that new radars are to detect, the date a
figure was given). And some
observations are no happening the text tells of: a second of the same kind in a sentence that
tells of one, a type the model was unsure of.

Each check is one logistic regression over the observation as extracted (its type, modality
and source; for the actor, the actor's name, kind and words and how it stands in the
sentence; for background, how long before publication its time lies and the sentence's words
and word pairs), with what the rules decided among its features. The actor check gives the
probability that the text names no doer: at or above its threshold the actor is dropped; the
direction, personnel and time checks likewise drop a direction, a number of people and a
date, and the place and equipment checks each place and each piece of equipment they judge
the text does not give for the happening (the equipment check also sees whether another
happening of the sentence carries the same piece). The
background check gives the probability that the observation recalls the past: at or above
its threshold it is background, below it is not (a judgement never is: it is made now).
The observation check gives the probability that no gold observation would pair with the
observation (its type's score from the type model, how many of its kind and of others the
sentence gave, which fields are filled, the words): at or above its threshold the observation
is dropped (never a denial, which stands beside the claim it denies). Trained by `borderwatch
train checks` on the extractor's own observations of the dev split, each document extracted by
a type model fitted on the other folds, paired with the gold.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from borderwatch.errors import InputError
from borderwatch.model import Document, Equipment, Observation, Place

DEFAULT_PATH = Path(__file__).parent / "models" / "checks.json.gz"
GZIP_MAGIC = b"\x1f\x8b"
WORD = re.compile(r"\w+|[^\w\s]")
BAG = 0.3  # the sentence's words weigh less than the features about the field itself
MIN_COUNT = 2  # a feature seen in fewer training observations carries no weight
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8)
AGO = (1, 2, 8, 31, 61, 366)  # days before publication: the edges of the buckets a time falls in


def _words(o: Observation, f: dict[str, float], pairs: bool = False) -> None:
    f.update(_sentence_words(o.evidence.text, pairs))


@lru_cache(maxsize=256)
def _sentence_words(text: str, pairs: bool) -> dict[str, float]:
    """The sentence's words (and word pairs) as features: cached, since every check of every
    observation of a sentence reads the same words."""
    words = [w.lower() for w in WORD.findall(text)]
    f = {"word=" + w: BAG for w in words}
    if pairs:
        f.update({"pair=" + a + "_" + b: BAG for a, b in zip(words, words[1:])})
    return f


def _common(o: Observation, document: Document) -> dict[str, float]:
    at = o.attribution
    return {"type=" + o.type: 1.0, "modality=" + o.modality: 1.0, "type_modality=" + o.type + "|" + o.modality: 1.0,
            "genre=" + document.kind: 1.0, "source=" + (str(at.kind) if at is not None else "none"): 1.0,
            "trigger=" + (o.trigger.text.lower() if o.trigger is not None else ""): 1.0}


def actor_features(o: Observation, document: Document) -> dict[str, float]:
    """What the actor check sees of an observation with an actor."""
    a, ev, text = o.actor, o.evidence, document.text
    f = _common(o, document)
    f.update({"kind=" + str(a.kind): 1.0, "name=" + a.name: 1.0, "kind_type=" + f"{a.kind}|{o.type}": 1.0,
              "said=" + a.text.lower(): 1.0, "head=" + (a.text.lower().split() or [""])[-1]: 1.0})
    inside = a.start is not None and ev.start <= a.start < ev.end
    f["in_sentence=" + str(inside)] = 1.0  # else found in the sentences before
    if o.attribution is not None and o.attribution.name is not None and o.attribution.name == a.name:
        f["source_is_actor"] = 1.0
    if inside:
        _, after = _beside(f, o, a.start, a.end, text, 40)
        if after:
            f["after_type=" + after[0].lower() + "|" + o.type] = 1.0
    _words(o, f)
    return f


def _beside(f: dict[str, float], o: Observation, start: int, end: int, text: str, reach: int) -> tuple[list, list]:
    """Where a span of the sentence stands beside the trigger, and the two words on either side
    of it within `reach` characters (returned too)."""
    ev = o.evidence
    if o.trigger is not None:
        f["before_trigger=" + str(start < o.trigger.start)] = 1.0
        f["distance=" + str(min(abs(start - o.trigger.start) // 20, 6))] = 1.0
    before = WORD.findall(text[max(ev.start, start - reach):start])[-2:]
    after = WORD.findall(text[end:min(ev.end, end + reach)])[:2]
    for i, w in enumerate(reversed(before)):
        f[f"before{i}=" + w.lower()] = 1.0
    for i, w in enumerate(after):
        f[f"after{i}=" + w.lower()] = 1.0
    return before, after


def _placed(f: dict[str, float], o: Observation, said: str, document: Document) -> tuple[list, list]:
    """Whether the sentence holds the words a field was given as (`in_sentence`) and, if so,
    where they stand beside the trigger and the two words on either side (`_beside`)."""
    start = document.text.find(said, o.evidence.start, o.evidence.end) if said else -1
    f["in_sentence=" + str(start >= 0)] = 1.0
    return _beside(f, o, start, start + len(said), document.text, 30) if start >= 0 else ([], [])


def toward_features(o: Observation, document: Document) -> dict[str, float]:
    """What the direction check sees of an observation with a direction."""
    d = o.toward
    f = _common(o, document)
    f.update({"relation=" + d.relation: 1.0, "country=" + str(d.country): 1.0, "said=" + d.text.lower()[:40]: 1.0,
              "relation_type=" + d.relation + "|" + o.type: 1.0, "places=" + str(min(len(o.locations), 2)): 1.0,
              "geometry=" + str(d.geometry_agrees): 1.0})
    _words(o, f)
    return f


def personnel_features(o: Observation, document: Document) -> dict[str, float]:
    """What the personnel check sees of an observation with a number of people."""
    n = o.personnel
    f = _common(o, document)
    f.update({"said=" + n.text.lower()[:30]: 1.0, "unit=" + str(n.unit): 1.0, "approximate=" + str(n.approximate): 1.0,
              "range=" + str(n.high is not None): 1.0, "digits=" + str(len(str(n.count)) if n.count else 0): 1.0,
              "type_unit=" + o.type + "|" + str(n.unit is not None): 1.0})
    _, after = _placed(f, o, n.text, document)
    if after:
        f["after_type=" + after[0].lower() + "|" + o.type] = 1.0
    _words(o, f)
    return f


def attribution_features(o: Observation, document: Document) -> dict[str, float]:
    """What the attribution check sees of an observation told in someone's name: who (name,
    kind, the words naming them, whether they pass on someone else's word), whether they are
    also the doer, and where they are named beside the trigger."""
    at = o.attribution
    f = _common(o, document)
    said = at.text.lower()
    f.update({"name=" + str(at.name): 1.0, "kind_type=" + at.kind + "|" + o.type: 1.0,
              "kind_genre=" + at.kind + "|" + document.kind: 1.0, "said=" + said[:40]: 1.0,
              "head=" + (said.split() or [""])[-1]: 1.0, "via=" + (at.via.kind if at.via is not None else "none"): 1.0})
    if o.actor is not None and at.name is not None and at.name == o.actor.name:
        f["source_is_actor"] = 1.0
    before, after = _placed(f, o, at.text, document)  # not in the sentence: the sentences before speak for it
    if after:
        f["after_kind=" + after[0].lower() + "|" + at.kind] = 1.0
    if before:
        f["before_kind=" + before[-1].lower() + "|" + at.kind] = 1.0
    _words(o, f)
    return f


def time_features(o: Observation, document: Document) -> dict[str, float]:
    """What the time check sees of an observation's date: the time as written (digits as one
    sign), how precise and how long before publication, and where it stands beside the trigger."""
    t = o.time
    f = _common(o, document)
    f.update({"said=" + re.sub(r"\d+", "0", t.text.lower())[:30]: 1.0, "precision=" + t.precision: 1.0,
              "precision_type=" + t.precision + "|" + o.type: 1.0, "background=" + str(o.background): 1.0})
    if document.published is not None:
        days = (document.published.date() - t.date).days
        f["ago=" + str(sum(days >= edge for edge in AGO) if days >= 0 else -1)] = 1.0
    before, _ = _placed(f, o, t.text, document)  # not in the sentence: told by a sentence before, or a heading
    if before:
        f["before_type=" + before[-1].lower() + "|" + o.type] = 1.0
    _words(o, f)
    return f


def place_features(o: Observation, place: Place, document: Document) -> dict[str, float]:
    """What the place check sees of one of an observation's places."""
    text = document.text
    f = _common(o, document)
    places = list(o.locations)
    f.update({"said=" + place.text.lower(): 1.0, "places=" + str(min(len(places), 4)): 1.0,
              "rank=" + str(min(places.index(place), 3)): 1.0, "resolved=" + str(place.lat is not None): 1.0,
              "country=" + str(place.country): 1.0, "precision=" + str(place.precision): 1.0,
              "place_kind=" + str(place.kind): 1.0})
    if place.start is not None and place.end is not None:
        before, _ = _beside(f, o, place.start, place.end, text, 30)
        if before:
            f["before_type=" + before[-1].lower() + "|" + o.type] = 1.0
        a = o.actor
        if a is not None and a.start is not None and a.end is not None and a.start <= place.start < a.end:
            f["in_actor"] = 1.0
    _words(o, f)
    return f


def equipment_features(o: Observation, item: Equipment, document: Document,
                       beside: list[Observation]) -> dict[str, float]:
    """What the equipment check sees of one of an observation's pieces of equipment: its class,
    how it was written and where it stands beside the trigger, and whether the sentence's
    other observations (`beside`, itself included) carry it too."""
    f = _common(o, document)
    items = list(o.equipment)
    rank = next((i for i, e in enumerate(items) if e is item), 0)
    f.update({"class=" + item.cls: 1.0, "class_type=" + item.cls + "|" + o.type: 1.0,
              "modelled=" + str(item.model is not None): 1.0, "said=" + item.text.lower()[:30]: 1.0,
              "items=" + str(min(len(items), 4)): 1.0, "rank=" + str(min(rank, 3)): 1.0,
              "counted=" + str(item.count is not None): 1.0})
    if item.start is not None and item.end is not None:
        ev = o.evidence
        f["in_sentence=" + str(ev.start <= item.start < ev.end)] = 1.0  # else carried from the sentence before
        before, _ = _beside(f, o, item.start, item.end, document.text, 30)
        if before:
            f["before_type=" + before[-1].lower() + "|" + o.type] = 1.0
        shared = [x for x in beside if x is not o and any(e.start == item.start for e in x.equipment)]
        f["shared=" + str(min(len(shared), 2))] = 1.0
        for x in shared:
            f["shared_with=" + x.type + "|" + o.type] = 1.0
    _words(o, f)
    return f


def background_features(o: Observation, document: Document) -> dict[str, float]:
    """What the background check sees of an observation (not a judgement)."""
    f = _common(o, document)
    f["rules=" + str(o.background)] = 1.0
    t = o.time
    if t is not None and t.date is not None and document.published is not None:
        days = (document.published.date() - t.date).days
        f["ago=" + str(sum(days >= edge for edge in AGO) if days >= 0 else -1)] = 1.0
        f["precision=" + str(t.precision)] = 1.0
        f["time=" + t.text.lower()[:20]] = 1.0
    else:
        f["undated"] = 1.0
    _words(o, f, pairs=True)
    return f


def observation_features(o: Observation, document: Document, beside: list[Observation]) -> dict[str, float]:
    """What the observation check sees of an observation: how sure the type model was of its
    type, how many of its kind and of others the sentence gave (`beside`: all the sentence's
    observations, itself included), which fields the rules filled, and the sentence's words."""
    f = _common(o, document)
    f["genre_type=" + document.kind + "|" + o.type] = 1.0
    if o.type_score is not None:
        f["score"] = o.type_score
        f["score_band=" + str(int(o.type_score * 10)) + "|" + o.type] = 1.0
    same = [x for x in beside if x.type == o.type]
    f["same=" + str(min(len(same), 3)) + "|" + o.type] = 1.0
    f["nth=" + str(min(next((i for i, x in enumerate(same) if x is o), 0), 2))] = 1.0
    f["sentence=" + str(min(len(beside), 5))] = 1.0
    for x in beside:
        if x is not o:
            f["beside=" + x.type + "|" + o.type] = 1.0
    for name in ("actor", "equipment", "personnel", "locations", "toward", "time", "markings"):
        f[f"has_{name}={bool(getattr(o, name))}|{o.type}"] = 1.0
    f["background=" + str(o.background)] = 1.0
    _words(o, f)
    return f


def _sentences(observations: list[Observation]) -> dict[tuple[int, int], list[Observation]]:
    """The observations of each sentence (by their evidence's span), in order."""
    out: dict[tuple[int, int], list[Observation]] = {}
    for o in observations:
        out.setdefault((o.evidence.start, o.evidence.end), []).append(o)
    return out


@dataclass(frozen=True)
class Check:
    """One logistic regression and the probability at which it acts."""
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, f: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in f.items())
        return float(1.0 / (1.0 + np.exp(-z)))

    def to_dict(self) -> dict:
        names = sorted(self.weights)
        return {"threshold": self.threshold, "bias": round(self.bias, 4), "features": names,
                "weights": [round(self.weights[n], 4) for n in names]}

    @classmethod
    def from_dict(cls, data: dict) -> Check:
        names, values = data["features"], data["weights"]
        if len(names) != len(values):
            raise ValueError(f"{len(names)} features but {len(values)} weights")
        threshold = float(data["threshold"])
        if not 0 < threshold < 1:
            raise ValueError(f"threshold {threshold} is not a probability")
        return cls(weights=dict(zip(names, map(float, values))), bias=float(data["bias"]), threshold=threshold)


# what is checked, as named in the file
FIELDS = ("actor", "toward", "background", "places", "observation", "equipment", "personnel", "time", "attribution")
# checks that drop a field the rules filled, and what they see; background decides both ways,
# and the place and equipment checks look at each place or piece in turn (`place_features`,
# `equipment_features`)
DROPS: dict[str, Callable[[Observation, Document], dict[str, float]]] = {
    "actor": actor_features, "toward": toward_features, "personnel": personnel_features, "time": time_features,
    "attribution": attribution_features}


def checked(field_name: str, o: Observation) -> bool:
    """Does the check on this field look at `o`? An actor, a direction, a number of people, a
    date, places or equipment only where there is one; background never for a judgement, which
    is made now; whole observations but for denials."""
    if field_name == "time":
        return o.time is not None and o.time.date is not None
    if field_name == "attribution":
        return o.attribution is not None and o.attribution.kind != "document"
    if field_name in DROPS:
        return getattr(o, field_name) is not None
    if field_name == "places":
        return bool(o.locations)
    if field_name == "equipment":
        return bool(o.equipment)
    if field_name == "observation":
        return o.modality != "negated"  # a denial stands beside the claim it denies: a contradiction to keep
    return o.type != "assessment"


@dataclass(frozen=True)
class Checks:
    actor: Check | None = None  # drops an actor the text most likely does not name
    toward: Check | None = None  # drops a direction the text most likely does not give
    personnel: Check | None = None  # drops a number of people the text most likely does not give for it
    time: Check | None = None  # drops a date the text most likely does not give for the happening
    background: Check | None = None  # decides whether an observation recalls the past
    places: Check | None = None  # drops each place the text most likely does not give for the happening
    observation: Check | None = None  # drops an observation the text most likely does not tell of
    equipment: Check | None = None  # drops each piece of equipment the text most likely does not give for it
    attribution: Check | None = None  # drops a source the text most likely does not name for it
    trained_on: str = ""

    def apply(self, observations: list[Observation], document: Document) -> list[Observation]:
        """The observations the text most likely tells of, with the checked fields as the checks
        settle them (each check reads the observation as the rules left it)."""
        sentences = _sentences(observations)  # as the rules gave them, as the checks were trained
        if self.observation is not None:
            observations = [o for o in observations if not checked("observation", o) or self.observation.probability(
                observation_features(o, document, sentences[(o.evidence.start, o.evidence.end)]))
                < self.observation.threshold]
        out = []
        for o in observations:
            update: dict = {}
            for name, features in DROPS.items():
                check = getattr(self, name)
                if check is not None and checked(name, o) and check.probability(features(o, document)) >= check.threshold:
                    update[name] = None
            if "attribution" in update and o.modality == "claimed":
                update["modality"] = "asserted"  # in the document's own voice now
            if self.background is not None and checked("background", o):
                past = self.background.probability(background_features(o, document)) >= self.background.threshold
                if past != o.background:
                    update["background"] = past
            if self.places is not None and checked("places", o):
                kept = tuple(p for p in o.locations
                             if self.places.probability(place_features(o, p, document)) < self.places.threshold)
                if len(kept) != len(o.locations):
                    update["locations"] = kept
            if self.equipment is not None and checked("equipment", o):
                beside = sentences[(o.evidence.start, o.evidence.end)]
                kept = tuple(e for e in o.equipment if self.equipment.probability(
                    equipment_features(o, e, document, beside)) < self.equipment.threshold)
                if len(kept) != len(o.equipment):
                    update["equipment"] = kept
            out.append(o.model_copy(update=update) if update else o)
        return out

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> Checks:
        try:
            raw = Path(path).read_bytes()
            data = json.loads((gzip.decompress(raw) if raw.startswith(GZIP_MAGIC) else raw).decode("utf-8"))
            return cls(**{f: Check.from_dict(data[f]) if data.get(f) is not None else None for f in FIELDS},
                       trained_on=data.get("trained_on", ""))
        except (OSError, EOFError, zlib.error, ValueError, KeyError, TypeError, AttributeError) as e:
            raise InputError(f"{path}: not readable checks on observations ({e})") from e

    def save(self, path: Path) -> None:
        """JSON, gzipped when the name ends in .gz, with no time stamp (the same checks, the same bytes)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"trained_on": self.trained_on,
                **{f: c.to_dict() if (c := getattr(self, f)) is not None else None for f in FIELDS}}
        text = json.dumps(data, separators=(",", ":")).encode("utf-8")
        path.write_bytes(gzip.compress(text, compresslevel=9, mtime=0) if path.suffix == ".gz" else text)


@dataclass
class Rows:
    """Extracted observations (or, for places, their places) that pair with gold ones, as one
    check sees them: its features, the gold's answer (no such actor, direction or place given;
    background; for the observation check, every extracted observation: none pairs with it) and
    the rules' (the gold gives this very actor, direction or place; the rules called it
    background; it pairs)."""
    features: list[dict[str, float]] = field(default_factory=list)
    gold: list[bool] = field(default_factory=list)
    rules: list[bool] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    missed: dict[str, int] = field(default_factory=dict)  # observation check: gold ones no row pairs with, by document

    def subset(self, idx: Iterable[int]) -> Rows:
        idx = list(idx)
        out = Rows(*([getattr(self, f)[i] for i in idx] for f in ("features", "gold", "rules", "docs")))
        kept = set(out.docs)
        out.missed = {d: n for d, n in self.missed.items() if d in kept}
        return out

    def add(self, features: dict[str, float], gold: bool, rules: bool, doc: str) -> None:
        self.features.append(features)
        self.gold.append(gold)
        self.rules.append(rules)
        self.docs.append(doc)


def rows(folder: Path, extract: Callable[[Document], list[Observation]],
         progress: Callable[[], None] | None = None) -> dict[str, Rows]:
    """For each check, one row per extracted observation it looks at that pairs with a gold
    one (per place or piece of equipment, for those checks; every observation, paired or not, for
    the observation check), over the documents of `folder`; the gold's fields are compared as the scorer
    compares them."""
    from borderwatch.extract.evaluate import _keys, pair, read_gold
    from borderwatch.ingest.text import read_report

    paths = sorted(folder.glob("*.md"))
    if not paths:
        raise InputError(f"{folder}: no documents (*.md) to train on")
    out = {f: Rows() for f in FIELDS}
    for path in paths:
        gold = read_gold(path.with_suffix(".gold.json"))
        _, document, _ = read_report(path)
        found = extract(document)
        preds = [o.to_json() for o in found]
        by_json = dict(zip(map(id, preds), found))
        pairs, missed, _ = pair(gold, preds, document.text)
        paired = {id(by_json[id(p)]) for _, p in pairs}
        sentences = _sentences(found)
        for o in found:
            if checked("observation", o):
                out["observation"].add(observation_features(o, document, sentences[(o.evidence.start, o.evidence.end)]),
                                       id(o) not in paired, id(o) in paired, path.stem)
        out["observation"].missed[path.stem] = len(missed)  # (those a denial pairs with stay paired, unchecked)
        for g, p in pairs:
            o = by_json[id(p)]
            for name, features in DROPS.items():
                if checked(name, o):
                    given = _keys(name, g)
                    out[name].add(features(o, document), not given, given == _keys(name, p), path.stem)
            if checked("background", o):
                out["background"].add(background_features(o, document), bool(g.get("background")), o.background,
                                      path.stem)
            listed = _keys("locations", g)
            for place in o.locations:
                out["places"].add(place_features(o, place, document), place.text.lower() not in listed,
                                  place.text.lower() in listed, path.stem)
            listed = _keys("equipment", g)
            beside = sentences[(o.evidence.start, o.evidence.end)]
            for item in o.equipment:
                given = (item.cls, item.model) in listed
                out["equipment"].add(equipment_features(o, item, document, beside), not given, given, path.stem)
        if progress is not None:
            progress()
    return out


def fit(r: Rows, threshold: float, c: float = 1.0) -> Check:
    from borderwatch.extract.train import _learner

    DictVectorizer, LogisticRegression = _learner()
    if len(set(r.gold)) < 2:  # one answer only (or none): a constant, as the rows have it
        return Check(weights={}, bias=30.0 if r.gold and r.gold[0] else -30.0, threshold=threshold)
    counts: dict[str, int] = {}
    for f in r.features:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    vec = DictVectorizer()
    X = vec.fit_transform([{k: v for k, v in f.items() if counts[k] >= MIN_COUNT} for f in r.features])
    m = LogisticRegression(C=c, max_iter=5000).fit(X, np.array(r.gold, dtype=int))
    weights = {n: float(w) for n, w in zip(vec.get_feature_names_out(), m.coef_[0]) if abs(w) >= 1e-4}
    return Check(weights=weights, bias=float(m.intercept_[0]), threshold=threshold)


def score(field_name: str, r: Rows, acts) -> float:
    """The field's F1 over the rows when the check acts where `acts` is true: for the actor,
    direction or place, dropped; for background, background exactly there."""
    if field_name == "background":
        tp = sum(g and b for g, b in zip(r.gold, acts))
        fp = sum(b and not g for g, b in zip(r.gold, acts))
        fn = sum(g and not b for g, b in zip(r.gold, acts))
    else:  # what a check drops (a place scored as a value of its own; an observation by its type)
        tp = sum(a and not d for a, d in zip(r.rules, acts))
        fp = sum(not a and not d for a, d in zip(r.rules, acts))
        fn = sum(not u and not (a and not d) for u, a, d in zip(r.gold, r.rules, acts)) + sum(r.missed.values())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def as_the_rules(field_name: str, r: Rows) -> list[bool]:
    """Where the rules alone act: they drop nothing, and call background what they call it."""
    return list(r.rules) if field_name == "background" else [False] * len(r.gold)


def held_out_probabilities(r: Rows, folds: int = 5) -> np.ndarray:
    """Each row's probability from a check fitted on the other folds (whole documents per fold)."""
    from sklearn.model_selection import GroupKFold

    n = min(folds, len(set(r.docs)))
    if n < 2:
        raise InputError("cross-validating a check needs at least two documents")
    probs = np.zeros(len(r.features))
    for train, test in GroupKFold(n_splits=n).split(r.features, groups=r.docs):
        check = fit(r.subset(train), 0.5)
        probs[test] = [check.probability(r.features[i]) for i in test]
    return probs


def choose_threshold(field_name: str, r: Rows, probs: np.ndarray) -> float:
    """The threshold with the best F1 for the field at these held-out probabilities."""
    return max(THRESHOLDS, key=lambda t: score(field_name, r, probs >= t))
