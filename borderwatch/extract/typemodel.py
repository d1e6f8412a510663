"""A learned second opinion on which kinds of event a sentence tells of.

The rules (`eventtypes.py`) propose types from trigger words; on text they were not
written for they miss events told in other words and keep some that annotators would
not. A linear model, trained on the gold set (`borderwatch train types`), weighs the
rules' proposals together with the sentence's words, triggers, equipment, actors and
speaker, and decides which types stay and which the rules missed. The rules still find
every field and the evidence; the model only decides the types.

The weights are a plain JSON file, gzipped (`models/types.json.gz`): the feature names, and for
each in turn one weight per type, in one flat list; loading needs no pickle and no training
library.
"""

from __future__ import annotations

import gzip
import json
import math
import zlib
from array import array
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span

from borderwatch.errors import InputError
from borderwatch.extract import fields

TYPES = ("movement", "deployment", "exercise", "mobilization", "construction", "strike", "statement", "assessment")
DEFAULT_PATH = Path(__file__).parent / "models" / "types.json.gz"
GZIP_MAGIC = b"\x1f\x8b"
SKIP_POS = {"PUNCT", "SPACE", "NUM", "SYM", "X"}
STOP = {"the", "a", "an", "of", "in", "on", "and", "to", "be", "by", "for", "at", "with", "from", "that", "this",
        "its", "their", "it", "as", "which", "have"}


def sentence_features(sent: Span, types: dict[str, Span | None], mood: Callable[[Span | None], str],
                      speaker: str | None, actors: list, kind: str, before: set[str],
                      anchored: bool = True) -> dict[str, float]:
    """What the model sees of a sentence: the rules' types (with their modality and
    whether a trigger word found them), the trigger words and where they hang in the
    parse, hedges, modal verbs and negation, equipment, actors and named entities, the
    words and verbs, runs of words as written, each verb's arguments, the speaker's kind,
    the genre, and the rules' types for the sentence before."""
    f: dict[str, float] = {f"kind={kind}": 1.0, f"speaker={speaker}": 1.0}
    for etype, trigger in types.items():
        f[f"rule={etype}"] = 1.0
        f[f"rule={etype}|mood={mood(trigger)}"] = 1.0
        f[f"rule={etype}|speaker={speaker}"] = 1.0
        f[f"rule={etype}|trigger={trigger is not None}"] = 1.0
    if not types:
        f["rule=none"] = 1.0
    if not anchored:  # no forces, equipment or military event word in sight
        f["unanchored"] = 1.0
        for etype in types:
            f[f"unanchored|rule={etype}"] = 1.0
    doc = sent.doc
    for t in fields.in_sent(doc.spans["bw_trigger"], sent):
        root = t.root
        f[f"trig={t.label_}"] = 1.0
        f[f"trig={t.label_}|{root.lemma_.lower()}"] = 1.0
        f[f"trig={t.label_}|tag={root.tag_[:2]}"] = 1.0
        f[f"trig={t.label_}|dep={root.dep_}"] = 1.0
        f[f"trig={t.label_}|head={root.head.lemma_.lower()}"] = 1.0
        verb = root if root.pos_ in ("VERB", "AUX") else root.head
        f[f"trig={t.label_}|vtag={verb.tag_}"] = 1.0
        for c in verb.children:
            if c.dep_ == "neg" or c.lower_ in ("no", "never"):
                f[f"trig={t.label_}|neg"] = 1.0
            elif c.dep_ in ("aux", "auxpass") and c.tag_ == "MD":
                f[f"trig={t.label_}|md={c.lower_}"] = 1.0
            elif c.dep_ == "auxpass":
                f[f"trig={t.label_}|passive"] = 1.0
        if any(c.dep_ == "det" and c.lower_ == "no" for c in root.children):
            f[f"trig={t.label_}|neg"] = 1.0
        above = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if above is not None:
            f[f"trig={t.label_}|under={above.lemma_.lower()}"] = 1.0
    for h in fields.in_sent(doc.spans["bw_hedge"], sent):
        f[f"hedge={h.label_}"] = 1.0
    gear = fields.in_sent(doc.spans["bw_equipment"], sent)
    for e in gear:
        f[f"gear={e.label_.split('|')[0]}"] = 1.0
    f["gear_count"] = min(len(gear), 3) / 3
    for a in actors:
        f[f"actor={a.kind}"] = 1.0
        f[f"actor={a.kind}|{a.country}"] = 1.0
    for e in fields.ents(sent):
        f[f"ent={e.label_}"] = 1.0
    lemmas = []
    for t in sent:
        lemma = t.lemma_.lower()
        if t.pos_ in SKIP_POS or lemma in STOP:
            continue
        lemmas.append(lemma)
        f[f"w={lemma}"] = 1.0
        if t.dep_ == "ROOT":
            f[f"root={lemma}"] = 1.0
            f[f"root_tag={t.tag_}"] = 1.0
        if t.pos_ in ("VERB", "AUX"):
            f[f"verb={lemma}"] = 1.0
        if t.tag_ == "MD":
            f[f"modal={t.lower_}"] = 1.0
        if t.dep_ == "neg":
            f["negation"] = 1.0
    for a, b in zip(lemmas, lemmas[1:]):
        f[f"bi={a}_{b}"] = 1.0
    _phrases(sent, f)
    _arguments(sent, f)
    if any(c in fields.text_of(sent) for c in '"\u201c\u201d\u00ab'):
        f["quote"] = 1.0
    for etype in before:
        f[f"before={etype}"] = 1.0
    if not before:
        f["before=none"] = 1.0
    return f


def _phrases(sent: Span, f: dict[str, float]) -> None:
    """Runs of two and three words as written, small words included: "is expected to", "will
    be held", "back to their" tell what the content words alone do not."""
    words = [t.lower_ for t in sent if not (t.is_punct or t.is_space)]
    for a, b in zip(words, words[1:]):
        f[f"t2={a}_{b}"] = 1.0
    for a, b, c in zip(words, words[1:], words[2:]):
        f[f"t3={a}_{b}_{c}"] = 1.0


ARGUMENTS = ("nsubj", "nsubjpass", "dobj", "attr", "acomp")


def _arguments(sent: Span, f: dict[str, float]) -> None:
    """Who does what to what, where: each verb with its subject, object and prepositional
    phrases ("arrive|at|airfield", "hold|dobj|drill"), its tense, and the nouns that are
    subjects."""
    for t in sent:
        if t.pos_ in ("VERB", "AUX"):
            verb = t.lemma_.lower()
            f[f"tense={t.tag_}"] = 1.0
            for c in t.children:
                if c.dep_ in ARGUMENTS:
                    f[f"d={verb}|{c.dep_}|{c.lemma_.lower()}"] = 1.0
                elif c.dep_ == "prep":
                    f[f"d={verb}|prep={c.lower_}"] = 1.0
                    for g in c.children:
                        if g.dep_ == "pobj":
                            f[f"d={verb}|{c.lower_}|{g.lemma_.lower()}"] = 1.0
        elif t.pos_ == "NOUN" and t.dep_ in ("nsubj", "nsubjpass"):
            f[f"subj={t.lemma_.lower()}"] = 1.0


class PackedWeights(Mapping):
    """Feature -> one weight per type, kept as one flat array (row by row) beside an index of
    the feature names: a model of some 170,000 features loads in half the memory a dict of
    tuples takes."""

    def __init__(self, names: list[str], values: list[float]):
        if len(values) != len(names) * len(TYPES):
            raise ValueError(f"{len(names)} features need {len(names) * len(TYPES)} weights, not {len(values)}")
        self._index = {name: i for i, name in enumerate(names)}
        self._values = array("d", values)
        self._width = len(TYPES)

    def __getitem__(self, name: str) -> tuple[float, ...]:
        i = self._index[name] * self._width
        return tuple(self._values[i:i + self._width])

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


@dataclass(frozen=True)
class TypeModel:
    weights: Mapping[str, tuple[float, ...]]  # feature -> one weight per type in TYPES
    bias: tuple[float, ...]
    keep: float  # a type the rules found stays when its probability reaches this
    add: float  # a type the rules missed is added when its probability reaches this
    trained_on: str = ""

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> TypeModel:
        try:
            raw = Path(path).read_bytes()
            data = json.loads((gzip.decompress(raw) if raw.startswith(GZIP_MAGIC) else raw).decode("utf-8"))
            if tuple(data["types"]) != TYPES:
                raise InputError(f"{path}: a type model for {data['types']}, not for {list(TYPES)}")
            if len(data["bias"]) != len(TYPES):
                raise ValueError(f"{len(TYPES)} biases needed")
            return cls(weights=PackedWeights(data["features"], data["weights"]), bias=tuple(data["bias"]),
                       keep=float(data["keep"]), add=float(data["add"]), trained_on=data.get("trained_on", ""))
        except (OSError, EOFError, zlib.error, ValueError, KeyError, TypeError) as e:
            raise InputError(f"{path}: not a readable type model ({e})") from e

    def save(self, path: Path) -> None:
        """Write the model as JSON, gzipped when the name ends in .gz (with no time stamp, so
        the same model gives the same bytes)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        names = sorted(self.weights)
        text = json.dumps({"types": list(TYPES), "keep": self.keep, "add": self.add,
                           "bias": [round(b, 4) for b in self.bias],
                           "trained_on": self.trained_on, "features": names,
                           "weights": [round(w, 4) for name in names for w in self.weights[name]]},
                          separators=(",", ":")).encode("utf-8")
        path.write_bytes(gzip.compress(text, compresslevel=9, mtime=0) if path.suffix == ".gz" else text)

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        score = list(self.bias)
        for name, value in features.items():
            w = self.weights.get(name)
            if w is not None:
                for j, x in enumerate(w):
                    score[j] += x * value
        return {t: 1 / (1 + math.exp(-max(-30.0, min(30.0, s)))) for t, s in zip(TYPES, score)}

    def decide(self, types: dict[str, Span | None], features: dict[str, float], sent: Span) -> dict[str, Span | None]:
        """The types the sentence tells of: the rules' ones the model keeps, in their order,
        then those it adds, each with a trigger word of its own type when the sentence has
        one. A word is one event: a type whose only trigger words the rules gave to another
        type the model keeps is not added."""
        p = self.probabilities(features)
        out = {t: trig for t, trig in types.items() if p[t] >= self.keep}
        used = {(s.start, s.end) for s in out.values() if s is not None}  # a dropped type's word is free again
        triggers = fields.in_sent(sent.doc.spans["bw_trigger"], sent)
        for t in TYPES:
            if t in types or p[t] < self.add:
                continue
            own = [s for s in triggers if s.label_ == t]
            if own and all((s.start, s.end) in used for s in own):
                continue  # the rules read that word as another event ("could move": a forecast)
            out[t] = next((s for s in own if (s.start, s.end) not in used), None)
        return out
