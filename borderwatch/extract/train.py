"""`borderwatch train types`: fit the sentence type model on the gold set (and `train
checks`, the checks on actors, directions, places, equipment, numbers of people, dates,
sources, background and whole observations, `checks.py`).

Each sentence the rules look at becomes one example: the features the model will see
there (`typemodel.sentence_features`, recorded by `observations.build` itself, so
training and extraction see the same thing) and, as labels, the types of the gold
observations whose evidence begins in it. One logistic regression per type
(scikit-learn) and, beside it, spaCy's text classifier over the sentence's words
(`textcat.py`); the model averages the two. The thresholds are chosen by cross-validation
over documents, so they are measured on sentences the models were not fitted on, unless
given. Never train on the held-out split.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import typer

from borderwatch.errors import InputError
from borderwatch.extract import checks, fields
from borderwatch.extract.checks import DEFAULT_PATH as CHECKS_PATH
from borderwatch.extract.evaluate import Counts, read_gold, with_span
from borderwatch.extract.textcat import EPOCHS, TextCat
from borderwatch.extract.typemodel import DEFAULT_PATH, TYPES, PackedWeights, TypeModel, average

MIN_COUNT = 2  # a feature seen in fewer training sentences carries no weight
C = 1.0  # inverse regularisation strength, chosen by cross-validation on the dev split
MIXES = (0.3, 0.4, 0.5, 0.6, 0.7)  # the text classifier's share, when there is one
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7)


@dataclass
class Examples:
    features: list[dict[str, float]]
    labels: list[set[str]]
    docs: list[str]
    rules: list[set[str]]  # the rules' own types, to compare against
    texts: list[str]  # the sentences, for the text classifier

    def subset(self, rows) -> Examples:
        return Examples(*([getattr(self, f)[i] for i in rows]
                          for f in ("features", "labels", "docs", "rules", "texts")))


def examples(folder: Path, extractor, progress=None) -> Examples:
    """One example per sentence the rules looked at, in every document of `folder`."""
    from borderwatch.extract.observations import build
    from borderwatch.ingest.text import read_report

    docs = sorted(folder.glob("*.md"))
    if not docs:
        raise InputError(f"{folder}: no documents (*.md) to train on")
    out = Examples([], [], [], [], [])
    for path in docs:
        gold = read_gold(path.with_suffix(".gold.json"))
        _, document, _ = read_report(path)
        sdoc = extractor.nlp(document.text)
        seen: list[tuple] = []
        build(sdoc, document, extractor.lex, extractor.table, record=lambda *a: seen.append(a))
        labels = _labels(gold, document.text, [s for s, _, _ in seen])
        for (sent, rules, feats), lab in zip(seen, labels):
            out.texts.append(fields.text_of(sent))
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


def fit(ex: Examples, keep: float, add: float, c: float = C, trained_on: str = "", epochs: int = 0,
        progress: Callable[[], None] | None = None, mix: float = 0.5) -> TypeModel:
    """One logistic regression per type over the examples, and with `epochs` the text
    classifier beside it (`progress` after the regression and after each epoch)."""
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
    if progress is not None:
        progress()
    textcat = TextCat.train(ex.texts, ex.labels, TYPES, epochs, progress=progress) if epochs else None
    used = np.any(weights, axis=1)  # a feature every regression left at zero carries nothing
    return TypeModel(weights=PackedWeights([n for n, u in zip(names, used) if u], weights[used].ravel()),
                     bias=tuple(float(b) for b in bias), keep=keep, add=add, trained_on=trained_on, textcat=textcat,
                     mix=mix if textcat else 0.5)


def cross_validate(ex: Examples, c: float = C, folds: int = 5, epochs: int = 0,
                   progress: Callable[[], None] | None = None) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """Held-out probabilities for every example, each from models fitted on the other folds
    (whole documents per fold): the linear model's, and with `epochs` the text classifier's
    (else an empty list)."""
    from sklearn.model_selection import GroupKFold

    probs: list[dict[str, float]] = [{} for _ in ex.features]
    reads: list[dict[str, float]] = [{} for _ in ex.features] if epochs else []
    n = min(folds, len(set(ex.docs)))
    if n < 2:
        raise InputError("cross-validation needs at least two documents")
    for train, test in GroupKFold(n_splits=n).split(ex.features, groups=ex.docs):
        model = fit(ex.subset(train), 0.5, 0.5, c, epochs=epochs, progress=progress)
        for i in test:
            probs[i] = model.probabilities(ex.features[i])
        if model.textcat is not None:
            for i, read in zip(test, model.textcat.probabilities([ex.texts[i] for i in test])):
                reads[i] = read
    return probs, reads


def mixed(ex: Examples, probs: list[dict[str, float]], reads: list[dict[str, float]], mix: float) -> list[dict[str, float]]:
    """What `TypeModel.probabilities` makes of the two readers' opinions."""
    if not reads:
        return probs
    return [average(p, r, mix, f) for p, r, f in zip(probs, reads, ex.features)]


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


def choose_mix(ex: Examples, probs: list[dict[str, float]], reads: list[dict[str, float]]) -> float:
    """The text classifier's share of the average with the best cross-validated F1 (at the
    best thresholds for each)."""
    if not reads:
        return 0.0

    def best(mix: float) -> float:
        p = mixed(ex, probs, reads, mix)
        return scores(ex.labels, decided(ex.rules, p, *choose_thresholds(ex, p)))[2]

    return max(MIXES, key=best)


def register(app: typer.Typer) -> None:
    train_app = typer.Typer(help="Fit the learned parts of the extractor on the gold set.", no_args_is_help=True)
    app.add_typer(train_app, name="train")

    @train_app.command("types")
    def types(
        folder: Path = typer.Option(Path("eval/extraction/dev"), help="Gold documents to train on (never heldout)."),
        out: Path = typer.Option(DEFAULT_PATH, help="Where to write the model (JSON, gzipped if the name ends in .gz); "
                                      "the text classifier is written beside it (NAME_textcat.bin.gz)."),
        keep: float | None = typer.Option(None, help="Threshold for keeping a type the rules found "
                                          "(default: the best by sentence-level cross-validation)."),
        add: float | None = typer.Option(None, help="Threshold for adding a type the rules missed (same default)."),
        epochs: int = typer.Option(EPOCHS, min=0, help="Epochs of the text classifier beside the linear model "
                                   "(0: the linear model alone)."),
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
        extractor = Extractor(type_model=False, checks=False)  # the rules' own view of each sentence
        console = Console()
        n_docs = len(list(folder.glob("*.md")))
        with Progress(console=console, transient=True) as bar:
            task = bar.add_task("reading the gold set", total=n_docs)
            ex = examples(folder, extractor, lambda: bar.advance(task))
            folds = min(5, len(set(ex.docs)))
            task = bar.add_task("cross-validating", total=folds * (epochs + 1))
            linear, reads = cross_validate(ex, folds=folds, epochs=epochs, progress=lambda: bar.advance(task))
            mix = choose_mix(ex, linear, reads)
            probs = mixed(ex, linear, reads, mix)
            chosen = choose_thresholds(ex, probs)
            thresholds = (chosen[0] if keep is None else keep, chosen[1] if add is None else add)
            task = bar.add_task("fitting on all", total=epochs + 1)
            model = fit(ex, *thresholds, trained_on=f"{folder} ({n_docs} documents, {len(ex.features)} sentences)",
                        epochs=epochs, progress=lambda: bar.advance(task), mix=mix)
        model.save(out)
        p, r, f = scores(ex.labels, ex.rules)
        console.print(f"rules alone:        P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (sentence types, {len(ex.features)} sentences)")
        if reads:
            p, r, f = scores(ex.labels, decided(ex.rules, linear, *choose_thresholds(ex, linear)))
            console.print(f"linear alone, CV:   P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
        p, r, f = scores(ex.labels, decided(ex.rules, probs, model.keep, model.add))
        console.print(f"model, 5-fold CV:   P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (keep at {model.keep}, add at {model.add}"
                      + (f", text classifier's share {mix})" if reads else ")"))
        console.print(f"wrote {out}: {len(model.weights)} features"
                      + (f", and beside it the text classifier ({epochs} epochs)" if model.textcat else ""))

    @train_app.command("checks")
    def checks_command(
        folder: Path = typer.Option(Path("eval/extraction/dev"), help="Gold documents to train on (never heldout)."),
        out: Path = typer.Option(CHECKS_PATH, help="Where to write the checks (JSON, gzipped if the name ends in .gz)."),
    ) -> None:
        """Fit the checks on actors, directions, places, equipment, people, dates, sources,
        background and whole observations over the extractor's own observations; print each
        field's F1 before and after, cross-validated. Each document is extracted with a type model
        fitted on the other folds (as `eval extraction --folds 5` does), so the checks learn from
        observations and type scores as the extractor gives them on text it was not trained on."""
        from rich.console import Console
        from rich.progress import Progress

        from borderwatch.extract.crossval import fold_extractor

        if "heldout" in folder.parts:
            raise InputError("never train on the held-out split")
        _learner()
        console = Console()
        n_docs = len(list(folder.glob("*.md")))
        with Progress(console=console, transient=True) as bar:
            tasks = {"read": bar.add_task("reading the gold set", total=n_docs),
                     "fold": bar.add_task("fitting a type model per fold (5)", total=5),
                     "extract": bar.add_task("extracting each fold with its own model", total=n_docs)}
            found = fold_extractor(folder, 5, progress=lambda what: bar.advance(tasks[what])).rows
        fitted = {}
        for name, r in found.items():
            probs = checks.held_out_probabilities(r)
            fitted[name] = checks.fit(r, checks.choose_threshold(name, r, probs))
            what = {"places": "places of paired observations", "equipment": "pieces of equipment of paired "
                    "observations", "observation": "observations (type F1, missed ones counted)"}.get(
                name, "paired observations")
            console.print(f"{name}: F1 on {len(r.features)} {what} "
                          f"{checks.score(name, r, checks.as_the_rules(name, r)):.3f} as the rules give it, "
                          f"{checks.score(name, r, probs >= fitted[name].threshold):.3f} checked "
                          f"(5-fold CV, acting at {fitted[name].threshold}; {len(fitted[name].weights)} features)")
        checks.Checks(**fitted, trained_on=f"{folder} ({n_docs} documents)").save(out)
        console.print(f"wrote {out}")
