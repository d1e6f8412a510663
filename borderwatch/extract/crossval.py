"""Dev scored as if unseen: `borderwatch eval extraction --split dev --folds 5`.

The shipped type model was trained on the dev split, so scoring dev with it flatters it. Here
each fold of documents is extracted with a type model fitted on the other folds only (the
shipped model's thresholds and share, refitted weights), which is how `docs/extraction.md`
reports dev. It refits both type models once per fold: some 25 minutes on all of dev. The
checks (`checks.py`) are refitted per fold too, at the shipped thresholds, on the other folds'
observations as their own fold's model extracted them (so every document is extracted once,
up front). `borderwatch train checks` fits the shipped checks on the same rows over all of dev.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from borderwatch.errors import InputError
from borderwatch.model import Document, Observation


class FoldExtractor:
    """Extracts each document with the extractor of the fold that did not train on it."""

    def __init__(self, fold_of: dict[str, int], extractors: list, trained_on: list[set[str]], checks: list,
                 extracted: dict[str, list[Observation]], rows: dict | None = None):
        self.fold_of = fold_of  # document id -> fold
        self.extractors = extractors
        self.trained_on = trained_on  # the document names each fold's model was fitted on
        self.checks = checks  # each fold's checks
        self.extracted = extracted  # document id -> its observations from its fold's model, before the checks
        self.rows = rows or {}  # each check's rows over all documents, as their own fold's model extracted them

    def extract(self, document: Document) -> list[Observation]:
        fold = self.fold_of.get(document.id)
        if fold is None:
            raise InputError(f"{document.origin}: not one of the cross-validated documents")
        return self.checks[fold].apply(self.extracted[document.id], document)


def fold_extractor(folder: Path, folds: int = 5, epochs: int | None = None,
                   progress: Callable[[str], None] | None = None) -> FoldExtractor:
    """Fit a type model per fold of the documents in `folder` (whole documents per fold)."""
    from sklearn.model_selection import GroupKFold

    from borderwatch.extract import Extractor, checks
    from borderwatch.extract.textcat import EPOCHS
    from borderwatch.extract.train import examples, fit
    from borderwatch.extract.typemodel import TypeModel
    from borderwatch.ingest.text import read_report
    from borderwatch.pipeline import GeoExtractor, make_locator

    if "heldout" in folder.parts:
        raise InputError("cross-validation trains on the documents it scores: dev only, never heldout")
    paths = sorted(folder.glob("*.md"))
    if len(paths) < max(folds, 2):
        raise InputError(f"{folder}: {len(paths)} documents cannot make {folds} folds")
    shipped, shipped_checks = TypeModel.load(), checks.Checks.load()  # before minutes of fitting
    epochs = (EPOCHS if shipped.textcat is not None else 0) if epochs is None else epochs
    rules = Extractor(type_model=False, checks=False)
    ex = examples(folder, rules, (lambda: progress("read")) if progress else None)
    names = [p.stem for p in paths]
    locate = make_locator()
    fold_of: dict[str, int] = {}
    extractors, trained_on = [], []
    for k, (train, test) in enumerate(GroupKFold(n_splits=folds).split(names, groups=names)):
        held = {names[i] for i in test}
        model = fit(ex.subset([i for i, d in enumerate(ex.docs) if d not in held]), shipped.keep, shipped.add,
                    epochs=epochs, mix=shipped.mix, trained_on=f"fold {k} of {folder}")
        extractors.append(GeoExtractor(Extractor(nlp=rules.nlp, lexicons=rules.lex, locate=locate, type_model=model,
                                                 checks=False)))
        trained_on.append({names[i] for i in train})
        for i in test:
            fold_of[read_report(paths[i])[1].id] = k
        if progress is not None:
            progress("fold")
    extracted: dict[str, list[Observation]] = {}

    def extract(document: Document) -> list[Observation]:
        extracted[document.id] = extractors[fold_of[document.id]].extract(document)
        return extracted[document.id]

    rows = checks.rows(folder, extract, (lambda: progress("extract")) if progress else None)
    fold_checks = [checks.Checks(**{f: checks.fit(r.subset(i for i, d in enumerate(r.docs) if d in trained_on[k]),
                                                  getattr(shipped_checks, f).threshold)
                                    for f, r in rows.items() if getattr(shipped_checks, f) is not None})
                   for k in range(len(extractors))]
    return FoldExtractor(fold_of, extractors, trained_on, fold_checks, extracted, rows)
