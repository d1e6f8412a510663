"""A learned second opinion on which kinds of event a sentence tells of.

The rules (`eventtypes.py`) propose types from trigger words; on text they were not
written for they miss events told in other words and keep some that annotators would
not. A linear model, trained on the gold set (`borderwatch train types`), weighs the
rules' proposals together with the sentence's words, triggers, equipment, actors and
speaker, and decides which types stay and which the rules missed. The rules still find
every field and the evidence; the model only decides the types.

The weights are a plain JSON file, gzipped (`models/types.json.gz`): the feature names, and for
each in turn one weight per type, in one flat list; loading needs no pickle and no training
library. The file may name a second reader beside it (`textcat.py`, spaCy's text classifier
over the sentence's words): the two probabilities are then averaged, and the thresholds were
chosen for that average.
"""

from __future__ import annotations

import gzip
import json
import math
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Span

from borderwatch.errors import InputError
from borderwatch.extract import fields
from borderwatch.extract.textcat import TextCat

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


def consults_reader(features: dict[str, float]) -> bool:
    """Whether the second reader has a say. Where no forces, equipment or military event are in
    sight the linear model alone decides: the words alone cannot tell "my neighbour drove to
    Homel" from a column driving there, and the rules' features can."""
    return not features.get("unanchored")


def average(linear: dict[str, float], read: dict[str, float] | None, mix: float,
            features: dict[str, float]) -> dict[str, float]:
    """The two readers' opinions together, where the second has a say (`consults_reader`)."""
    if read is None or not consults_reader(features):
        return linear
    return {t: (1 - mix) * p + mix * read[t] for t, p in linear.items()}


class PackedWeights(Mapping):
    """Feature -> one weight per type, kept as one array (a row per feature) beside an index of
    the feature names: a model of some 170,000 features loads in half the memory a dict of
    tuples takes, and a sentence's scores are one sum over the rows of its features."""

    def __init__(self, names: list[str], values):
        if len(values) != len(names) * len(TYPES):
            raise ValueError(f"{len(names)} features need {len(names) * len(TYPES)} weights, not {len(values)}")
        self._index = {name: i for i, name in enumerate(names)}
        self._rows = np.asarray(values, dtype=np.float64).reshape(len(names), len(TYPES))

    @classmethod
    def of(cls, weights: Mapping[str, tuple[float, ...]]) -> PackedWeights:
        if isinstance(weights, PackedWeights):
            return weights
        return cls(list(weights), [w for row in weights.values() for w in row])

    def __getitem__(self, name: str) -> tuple[float, ...]:
        return tuple(float(x) for x in self._rows[self._index[name]])

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def scores(self, features: dict[str, float]) -> np.ndarray:
        """The weighted sum of the features, one score per type (unknown features count nothing)."""
        rows, values = [], []
        for name, value in features.items():
            i = self._index.get(name)
            if i is not None:
                rows.append(i)
                values.append(value)
        return np.asarray(values) @ self._rows[rows] if rows else np.zeros(len(TYPES))


@dataclass(frozen=True)
class TypeModel:
    weights: Mapping[str, tuple[float, ...]]  # feature -> one weight per type in TYPES (packed once made)
    bias: tuple[float, ...]
    keep: float  # a type the rules found stays when its probability reaches this
    add: float  # a type the rules missed is added when its probability reaches this
    trained_on: str = ""
    textcat: TextCat | None = None  # a second reader of the words, averaged in
    mix: float = 0.5  # the second reader's share of the average

    def __post_init__(self):
        object.__setattr__(self, "weights", PackedWeights.of(self.weights))

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> TypeModel:
        try:
            raw = Path(path).read_bytes()
            data = json.loads((gzip.decompress(raw) if raw.startswith(GZIP_MAGIC) else raw).decode("utf-8"))
            if tuple(data["types"]) != TYPES:
                raise InputError(f"{path}: a type model for {data['types']}, not for {list(TYPES)}")
            if len(data["bias"]) != len(TYPES):
                raise ValueError(f"{len(TYPES)} biases needed")
            textcat = TextCat.load(Path(path).parent / data["textcat"], TYPES, data.get("textcat_model")) \
                if data.get("textcat") else None
            return cls(weights=PackedWeights(data["features"], data["weights"]), bias=tuple(data["bias"]),
                       keep=float(data["keep"]), add=float(data["add"]), trained_on=data.get("trained_on", ""),
                       textcat=textcat, mix=float(data.get("mix", 0.5)))
        except (OSError, EOFError, zlib.error, ValueError, KeyError, TypeError) as e:
            raise InputError(f"{path}: not a readable type model ({e})") from e

    def save(self, path: Path) -> None:
        """Write the model as JSON, gzipped when the name ends in .gz (with no time stamp, so
        the same model gives the same bytes)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        names = sorted(self.weights)
        companion = {}
        if self.textcat is not None:  # beside it: "types.json.gz" -> "types_textcat.bin.gz"
            companion = {"textcat": path.name.split(".")[0] + "_textcat.bin.gz", "mix": self.mix,
                         "textcat_model": self.textcat.model}
            self.textcat.save(path.parent / companion["textcat"])
        text = json.dumps({"types": list(TYPES), "keep": self.keep, "add": self.add,
                           "bias": [round(b, 4) for b in self.bias], **companion,
                           "trained_on": self.trained_on, "features": names,
                           "weights": [round(w, 4) for name in names for w in self.weights[name]]},
                          separators=(",", ":")).encode("utf-8")
        path.write_bytes(gzip.compress(text, compresslevel=9, mtime=0) if path.suffix == ".gz" else text)

    def read(self, *groups: list[Span]) -> list[dict[tuple[int, int], dict[str, float]]]:
        """The second reader's opinion of each group of sentences (a document's, say), by (start,
        end) token, all in one batch: a sentence at a time costs three times as much. Empty
        without a second reader."""
        if self.textcat is None:
            return [{} for _ in groups]
        flat = self.textcat.probabilities([fields.text_of(s) for group in groups for s in group])
        out, k = [], 0
        for group in groups:
            out.append({(s.start, s.end): p for s, p in zip(group, flat[k:k + len(group)])})
            k += len(group)
        return out

    def probabilities(self, features: dict[str, float], read: dict[str, float] | None = None) -> dict[str, float]:
        """Each type's probability from the features, averaged with the second reader's `read`
        of the same sentence when given (see `average`)."""
        score = self.weights.scores(features) + self.bias
        linear = {t: 1 / (1 + math.exp(-max(-30.0, min(30.0, float(s))))) for t, s in zip(TYPES, score)}
        return average(linear, read, self.mix, features)

    def judge(self, features: dict[str, float], sent: Span, read: dict[str, float] | None = None) -> dict[str, float]:
        """Each type's probability for the sentence. `read`: the second reader's opinion, when
        `read` gave it beforehand; else it reads the sentence now."""
        if read is None and self.textcat is not None and consults_reader(features):
            read = self.read([sent])[0][(sent.start, sent.end)]
        return self.probabilities(features, read)

    def decide(self, types: dict[str, Span | None], features: dict[str, float], sent: Span,
               p: dict[str, float] | None = None) -> dict[str, Span | None]:
        """The types the sentence tells of: the rules' ones the model keeps, in their order,
        then those it adds, each with a trigger word of its own type when the sentence has
        one. A word is one event: a type whose only trigger words the rules gave to another
        type the model keeps is not added. `p`: what `judge` gave, when asked beforehand."""
        p = self.judge(features, sent) if p is None else p
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
