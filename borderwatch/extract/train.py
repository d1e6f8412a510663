"""`borderwatch train types`: fit the sentence type model on the gold set.

Each sentence the rules look at becomes one example: the features the model will see
there (`typemodel.sentence_features`, recorded by `observations.build` itself, so
training and extraction see the same thing) and, as labels, the types of the gold
observations whose evidence begins in it. One logistic regression per type
(scikit-learn); the thresholds are chosen by cross-validation over documents, so they are
measured on sentences the model was not fitted on, unless given. Never train on the held-out split.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import typer

from borderwatch.errors import InputError
from borderwatch.extract.evaluate import Counts, read_gold, with_span
from borderwatch.extract.typemodel import DEFAULT_PATH, TYPES, TypeModel

MIN_COUNT = 2  # a feature seen in fewer training sentences carries no weight
C = 1.0  # inverse regularisation strength, chosen by cross-validation on the dev split
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7)


@dataclass
class Examples:
    features: list[dict[str, float]]
    labels: list[set[str]]
    docs: list[str]
    rules: list[set[str]]  # the rules' own types, to compare against


def examples(folder: Path, extractor, progress=None) -> Examples:
    """One example per sentence the rules looked at, in every document of `folder`."""
    from borderwatch.extract.observations import build
    from borderwatch.ingest.text import read_report

    docs = sorted(folder.glob("*.md"))
    if not docs:
        raise InputError(f"{folder}: no documents (*.md) to train on")
    out = Examples([], [], [], [])
    for path in docs:
        gold = read_gold(path.with_suffix(".gold.json"))
        _, document, _ = read_report(path)
        sdoc = extractor.nlp(document.text)
        seen: list[tuple] = []
        build(sdoc, document, extractor.lex, extractor.table, record=lambda *a: seen.append(a))
        labels = _labels(gold, document.text, [s for s, _, _ in seen])
        for (_, rules, feats), lab in zip(seen, labels):
            out.features.append(feats)
            out.labels.append(lab)
            out.docs.append(path.stem)
            out.rules.append(rules)
        if progress is not None:
            progress()
    return out


def _labels(gold: list[dict], body: str, sents) -> list[set[str]]:
    """Each gold observation belongs to the first recorded sentence its evidence overlaps: a
    sentence that only carries on the one before ("Among them were ...") tells of nothing new."""
    labels = [set() for _ in sents]
    for g in gold:
        span = with_span(g, body)["evidence"]
        if span["start"] < 0:
            raise InputError(f"gold evidence not in the text: {g['evidence'][:60]!r}")
        first = next((i for i, s in enumerate(sents)
                      if min(span["end"], s.end_char) - max(span["start"], s.start_char) > 0), None)
        if first is not None:
            labels[first].add(g["type"])
    return labels


def _learner():
    """scikit-learn's pieces, or a clear error naming the extra that installs them."""
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as e:
        raise InputError("training needs scikit-learn: pip install -e '.[train]'") from e
    return DictVectorizer, LogisticRegression


def fit(ex: Examples, keep: float, add: float, c: float = C, trained_on: str = "") -> TypeModel:
    """One logistic regression per type over the examples."""
    import numpy as np

    DictVectorizer, LogisticRegression = _learner()
    counts: dict[str, int] = {}
    for f in ex.features:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    rows = [{k: v for k, v in f.items() if counts[k] >= MIN_COUNT} for f in ex.features]
    vec = DictVectorizer()
    X = vec.fit_transform(rows)
    Y = np.array([[t in lab for t in TYPES] for lab in ex.labels], dtype=int)
    names = vec.get_feature_names_out()
    weights = np.zeros((len(names), len(TYPES)))
    bias = np.zeros(len(TYPES))
    for j in range(len(TYPES)):
        if Y[:, j].min() == Y[:, j].max():  # a type never (or always) seen: a constant
            bias[j] = 30.0 if Y[0, j] else -30.0
            continue
        m = LogisticRegression(C=c, max_iter=5000).fit(X, Y[:, j])
        weights[:, j], bias[j] = m.coef_[0], m.intercept_[0]
    return TypeModel(weights={n: tuple(float(x) for x in w) for n, w in zip(names, weights) if np.any(w)},
                     bias=tuple(float(b) for b in bias), keep=keep, add=add, trained_on=trained_on)


def cross_validate(ex: Examples, c: float = C, folds: int = 5) -> list[dict[str, float]]:
    """Held-out probabilities for every example, each from a model fitted on the other folds
    (whole documents per fold)."""
    from sklearn.model_selection import GroupKFold

    probs: list[dict[str, float]] = [{} for _ in ex.features]
    n = min(folds, len(set(ex.docs)))
    if n < 2:
        raise InputError("cross-validation needs at least two documents")
    for train, test in GroupKFold(n_splits=n).split(ex.features, groups=ex.docs):
        part = Examples([ex.features[i] for i in train], [ex.labels[i] for i in train], [], [])
        model = fit(part, 0.5, 0.5, c)
        for i in test:
            probs[i] = model.probabilities(ex.features[i])
    return probs


def scores(labels: list[set[str]], predicted: list[set[str]]) -> tuple[float, float, float]:
    """Precision, recall and F1 of sentence types."""
    c = Counts()
    for g, p in zip(labels, predicted):
        c.add(g, p)
    return c.precision, c.recall, c.f1


def decided(rules: list[set[str]], probs: list[dict[str, float]], keep: float, add: float) -> list[set[str]]:
    """What `TypeModel.decide` makes of the rules' types at these thresholds (but for its
    one-word-one-event check, which needs the parse)."""
    return [{t for t in r if pr[t] >= keep} | {t for t, p in pr.items() if t not in r and p >= add}
            for r, pr in zip(rules, probs)]


def choose_thresholds(ex: Examples, probs: list[dict[str, float]]) -> tuple[float, float]:
    """The pair (keep, add) with the best cross-validated F1."""
    return max(((k, a) for k in THRESHOLDS for a in THRESHOLDS if a >= k),
               key=lambda ka: scores(ex.labels, decided(ex.rules, probs, *ka))[2])


def register(app: typer.Typer) -> None:
    train_app = typer.Typer(help="Fit the learned parts of the extractor on the gold set.", no_args_is_help=True)
    app.add_typer(train_app, name="train")

    @train_app.command("types")
    def types(
        folder: Path = typer.Option(Path("eval/extraction/dev"), help="Gold documents to train on (never heldout)."),
        out: Path = typer.Option(DEFAULT_PATH, help="Where to write the model (JSON)."),
        keep: float | None = typer.Option(None, help="Threshold for keeping a type the rules found "
                                          "(default: the best by sentence-level cross-validation)."),
        add: float | None = typer.Option(None, help="Threshold for adding a type the rules missed (same default)."),
    ) -> None:
        """Fit the sentence type model; print the rules' and the model's cross-validated scores."""
        from rich.console import Console
        from rich.progress import Progress

        from borderwatch.extract import Extractor

        if "heldout" in folder.parts:
            raise InputError("never train on the held-out split")
        if any(t is not None and not 0 < t < 1 for t in (keep, add)):
            raise InputError(f"thresholds must lie between 0 and 1, not keep={keep} add={add}")  # before minutes of work
        _learner()  # fail before reading the gold set, not after
        extractor = Extractor(type_model=False)  # the rules' own view of each sentence
        console = Console()
        n_docs = len(list(folder.glob("*.md")))
        with Progress(console=console, transient=True) as bar:
            task = bar.add_task("reading the gold set", total=n_docs)
            ex = examples(folder, extractor, lambda: bar.advance(task))
        probs = cross_validate(ex)
        chosen = choose_thresholds(ex, probs)
        thresholds = (chosen[0] if keep is None else keep, chosen[1] if add is None else add)
        model = fit(ex, *thresholds, trained_on=f"{folder} ({n_docs} documents, {len(ex.features)} sentences)")
        model.save(out)
        p, r, f = scores(ex.labels, ex.rules)
        console.print(f"rules alone:        P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (sentence types, {len(ex.features)} sentences)")
        p, r, f = scores(ex.labels, decided(ex.rules, probs, model.keep, model.add))
        console.print(f"model, 5-fold CV:   P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (keep at {model.keep}, add at {model.add})")
        console.print(f"wrote {out}: {len(model.weights)} features")
