"""Does the text say who did it? A learned check on the actor the rules chose.

The rules give an observation an actor whenever they can tie one to it: a force named in the
clause, "the troops" resolved through the sentences before, a country's armed forces for
"Belarusian" on the equipment. The annotation guide asks for an actor only where the text says
who acts, and the rules overreach most where a name stands near a happening it does not do
("a field camp for Russian units", "Lithuanian officials expect ..."). One logistic regression
over the observation as extracted (its type, modality, actor and how the actor stands in the
sentence, its source, the sentence's words) gives the probability that the text names no doer;
at or above `threshold` the actor is dropped. Trained by `borderwatch train actors` on the
extractor's own observations of the dev split, paired with the gold.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from borderwatch.errors import InputError
from borderwatch.model import Document, Observation

DEFAULT_PATH = Path(__file__).parent / "models" / "actors.json.gz"
GZIP_MAGIC = b"\x1f\x8b"
WORD = re.compile(r"\w+|[^\w\s]")
BAG = 0.3  # the sentence's words weigh less than the features about the actor itself
MIN_COUNT = 2  # a feature seen in fewer training observations carries no weight
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8)


def features(o: Observation, text: str, kind: str) -> dict[str, float]:
    """What the check sees of an observation with an actor (`text`: the document's, `kind`:
    its source's kind)."""
    a, ev = o.actor, o.evidence
    f = {"type=" + o.type: 1.0, "modality=" + o.modality: 1.0, "type_modality=" + o.type + "|" + o.modality: 1.0,
         "kind=" + str(a.kind): 1.0, "name=" + a.name: 1.0, "kind_type=" + f"{a.kind}|{o.type}": 1.0,
         "genre=" + kind: 1.0, "said=" + a.text.lower(): 1.0, "head=" + (a.text.lower().split() or [""])[-1]: 1.0}
    inside = a.start is not None and ev.start <= a.start < ev.end
    f["in_sentence=" + str(inside)] = 1.0  # else found in the sentences before
    at = o.attribution
    f["source=" + (str(at.kind) if at is not None else "none")] = 1.0
    if at is not None and at.name is not None and at.name == a.name:
        f["source_is_actor"] = 1.0
    trigger = o.trigger
    f["trigger=" + (trigger.text.lower() if trigger is not None else "")] = 1.0
    if inside:
        if trigger is not None:
            f["before_trigger=" + str(a.start < trigger.start)] = 1.0
            f["distance=" + str(min(abs(a.start - trigger.start) // 20, 6))] = 1.0
        before = WORD.findall(text[max(ev.start, a.start - 40):a.start])[-2:]
        after = WORD.findall(text[a.end:min(ev.end, a.end + 40)])[:2]
        for i, w in enumerate(reversed(before)):
            f[f"before{i}=" + w.lower()] = 1.0
        for i, w in enumerate(after):
            f[f"after{i}=" + w.lower()] = 1.0
        if after:
            f["after_type=" + after[0].lower() + "|" + o.type] = 1.0
    for w in {w.lower() for w in WORD.findall(ev.text)}:
        f["word=" + w] = BAG
    return f


@dataclass(frozen=True)
class ActorCheck:
    weights: dict[str, float]
    bias: float
    threshold: float  # the probability of "no doer named" at which the actor is dropped
    trained_on: str = ""

    def probability(self, f: dict[str, float]) -> float:
        """The probability of "no doer named" for an observation with these features."""
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in f.items())
        return float(1.0 / (1.0 + np.exp(-z)))

    def unnamed(self, o: Observation, text: str, kind: str) -> float:
        """The probability that the text names no doer for `o` (0 when it has no actor)."""
        return self.probability(features(o, text, kind)) if o.actor is not None else 0.0

    def apply(self, observations: list[Observation], document: Document) -> list[Observation]:
        """The observations, each actor the text most likely does not name dropped."""
        return [o.model_copy(update={"actor": None})
                if o.actor is not None and self.unnamed(o, document.text, document.kind) >= self.threshold else o
                for o in observations]

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> ActorCheck:
        try:
            raw = Path(path).read_bytes()
            data = json.loads((gzip.decompress(raw) if raw.startswith(GZIP_MAGIC) else raw).decode("utf-8"))
            names, values = data["features"], data["weights"]
            if len(names) != len(values):
                raise ValueError(f"{len(names)} features but {len(values)} weights")
            threshold = float(data["threshold"])
            if not 0 < threshold < 1:
                raise ValueError(f"threshold {threshold} is not a probability")
            return cls(weights=dict(zip(names, map(float, values))), bias=float(data["bias"]), threshold=threshold,
                       trained_on=data.get("trained_on", ""))
        except (OSError, EOFError, zlib.error, ValueError, KeyError, TypeError) as e:
            raise InputError(f"{path}: not a readable actor check ({e})") from e

    def save(self, path: Path) -> None:
        """JSON, gzipped when the name ends in .gz, with no time stamp (the same check, the same bytes)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        names = sorted(self.weights)
        text = json.dumps({"threshold": self.threshold, "bias": round(self.bias, 4), "trained_on": self.trained_on,
                           "features": names, "weights": [round(self.weights[n], 4) for n in names]},
                          separators=(",", ":")).encode("utf-8")
        path.write_bytes(gzip.compress(text, compresslevel=9, mtime=0) if path.suffix == ".gz" else text)


@dataclass
class Rows:
    """The extractor's observations with an actor that pair with gold ones: what the check
    sees of each, whether the gold names no doer, and whether it names this one."""
    features: list[dict[str, float]] = field(default_factory=list)
    unnamed: list[bool] = field(default_factory=list)
    agrees: list[bool] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)

    def subset(self, idx: Iterable[int]) -> Rows:
        idx = list(idx)
        return Rows(*([getattr(self, f)[i] for i in idx] for f in ("features", "unnamed", "agrees", "docs")))


def rows(folder: Path, extract: Callable[[Document], list[Observation]],
         progress: Callable[[], None] | None = None) -> Rows:
    """One row per extracted observation with an actor that pairs with a gold one, over the
    documents of `folder`."""
    from borderwatch.extract.evaluate import pair, read_gold
    from borderwatch.ingest.text import read_report

    paths = sorted(folder.glob("*.md"))
    if not paths:
        raise InputError(f"{folder}: no documents (*.md) to train on")
    out = Rows()
    for path in paths:
        gold = read_gold(path.with_suffix(".gold.json"))
        _, document, _ = read_report(path)
        found = extract(document)
        preds = [o.to_json() for o in found]
        by_json = dict(zip(map(id, preds), found))
        for g, p in pair(gold, preds, document.text)[0]:
            o = by_json[id(p)]
            if o.actor is None:
                continue
            named = (g.get("actor") or {}).get("name")
            out.features.append(features(o, document.text, document.kind))
            out.unnamed.append(named is None)
            out.agrees.append(named == o.actor.name)
            out.docs.append(path.stem)
        if progress is not None:
            progress()
    return out


def fit(r: Rows, threshold: float, trained_on: str = "", c: float = 1.0) -> ActorCheck:
    from borderwatch.extract.train import _learner

    DictVectorizer, LogisticRegression = _learner()
    if len(set(r.unnamed)) < 2:  # one answer only (or none): a constant, as the rows have it
        return ActorCheck(weights={}, bias=30.0 if r.unnamed and r.unnamed[0] else -30.0, threshold=threshold,
                          trained_on=trained_on)
    counts: dict[str, int] = {}
    for f in r.features:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    vec = DictVectorizer()
    X = vec.fit_transform([{k: v for k, v in f.items() if counts[k] >= MIN_COUNT} for f in r.features])
    m = LogisticRegression(C=c, max_iter=5000).fit(X, np.array(r.unnamed, dtype=int))
    weights = {n: float(w) for n, w in zip(vec.get_feature_names_out(), m.coef_[0]) if abs(w) >= 1e-4}
    return ActorCheck(weights=weights, bias=float(m.intercept_[0]), threshold=threshold, trained_on=trained_on)


def actor_f1(r: Rows, dropped) -> float:
    """Actor F1 over the paired observations (each row has an actor) with `dropped` rows emptied."""
    tp = sum(a and not d for a, d in zip(r.agrees, dropped))
    fp = sum(not a and not d for a, d in zip(r.agrees, dropped))
    fn = sum(not u and not (a and not d) for u, a, d in zip(r.unnamed, r.agrees, dropped))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def held_out_probabilities(r: Rows, folds: int = 5) -> np.ndarray:
    """Each row's probability from a check fitted on the other folds (whole documents per fold)."""
    from sklearn.model_selection import GroupKFold

    n = min(folds, len(set(r.docs)))
    if n < 2:
        raise InputError("cross-validating the actor check needs at least two documents")
    probs = np.zeros(len(r.features))
    for train, test in GroupKFold(n_splits=n).split(r.features, groups=r.docs):
        check = fit(r.subset(train), 0.5)
        probs[test] = [check.probability(r.features[i]) for i in test]
    return probs


def choose_threshold(r: Rows, probs: np.ndarray) -> float:
    """The threshold with the best actor F1 at these held-out probabilities."""
    return max(THRESHOLDS, key=lambda t: actor_f1(r, probs >= t))

