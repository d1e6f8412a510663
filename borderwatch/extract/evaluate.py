"""`borderwatch eval extraction`: precision, recall and F1 per field against the gold set.

Predicted and gold observations are paired within a document when their evidence
overlaps and their type agrees (where several could pair, the pairing whose fields agree
most); fields are then compared pair by pair. Unpaired
predictions count against precision, unpaired gold against recall.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import typer

from borderwatch.errors import InputError

FIELDS = ("type", "actor", "equipment", "personnel", "locations", "toward", "time", "attribution",
          "modality", "markings", "background")
DEFAULT_DIR = Path("eval/extraction")
PAIRED = 10_000  # more than the keys any two observations can share


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _keys(field: str, o: dict) -> set:
    """A field as a set of comparable keys (empty when the field is null)."""
    v = o.get(field)
    if field == "actor":
        return {v["name"]} if v else set()
    if field == "equipment":
        return {(e["class"], e.get("model")) for e in v or ()} | \
            {(e["class"], "count", e["count"]) for e in v or () if e.get("count") is not None}
    if field == "personnel":
        return {(v.get("count"), v.get("high"))} if v and (v.get("count") or v.get("unit")) else set()
    if field == "locations":
        return {(p if isinstance(p, str) else p["text"]).lower() for p in v or ()}
    if field == "toward":
        return {(v["relation"], v.get("country"))} if v else set()
    if field == "time":
        return {v["date"]} if v and v.get("date") else set()
    if field == "attribution":
        if not v or v.get("kind") == "document":
            return set()
        return {v.get("name") or v.get("kind")}
    if field == "markings":
        return {m.lower() for m in v or ()}
    if field == "background":
        return {True} if v else set()
    return {v} if v is not None else set()


def _overlap(gold_text: str, body: str, pred: dict) -> bool:
    start = body.find(gold_text)
    if start < 0:
        return False
    end = start + len(gold_text)
    ps, pe = pred["evidence"]["start"], pred["evidence"]["end"]
    return min(end, pe) - max(start, ps) > 0.5 * min(end - start, pe - ps)


def pair(gold: list[dict], pred: list[dict], body: str) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Pair gold and predicted observations of the same type whose evidence overlaps, so that
    as many pairs as possible form and, among those pairings, the fields agree most. A
    sentence with two movements ("entered Belarusian airspace ... and went back") gives two
    candidates for each gold one: taken in order, the fields of one were compared with the
    other's whenever the extractor listed them the other way round."""
    from scipy.optimize import linear_sum_assignment

    score = np.zeros((len(gold), len(pred)))
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if p["type"] == g["type"] and _overlap(g["evidence"], body, p):
                # a pair outweighs any agreement of fields, so the number of pairs comes first
                score[i, j] = PAIRED + sum(len(_keys(f, g) & _keys(f, p)) for f in FIELDS[1:])
    rows, cols = linear_sum_assignment(score, maximize=True) if score.size else ((), ())
    chosen = [(i, j) for i, j in zip(rows, cols) if score[i, j] > 0]
    paired_gold, paired_pred = {i for i, _ in chosen}, {j for _, j in chosen}
    return ([(gold[i], pred[j]) for i, j in sorted(chosen)], [g for i, g in enumerate(gold) if i not in paired_gold],
            [p for j, p in enumerate(pred) if j not in paired_pred])


def evaluate(folder: Path, extractor=None, second: Path | None = None,
             cases: dict | None = None) -> dict[str, Counts]:
    """Score the extractor on the documents of `folder`, or, with `second`, a second
    annotation of some of them (`second/NNN.gold.json`): how far two annotators agree,
    the ceiling for any system scored on this gold. With `cases` (a dict to fill), also the
    scores by hard case (`hardcases.py`)."""
    from borderwatch.extract import hardcases
    from borderwatch.ingest.text import read_report

    docs = sorted(folder.glob("*.md"))
    if second is not None:
        docs = [d for d in docs if (second / f"{d.stem}.gold.json").exists()]
        if not docs:
            raise InputError(f"{second}: no second annotation (NNN.gold.json) of a document in {folder}")
    if not docs:
        raise InputError(f"{folder}: no documents (*.md) to evaluate")
    tags = hardcases.load_tags(folder) if cases is not None else {}
    counts: dict[str, Counts] = defaultdict(Counts)
    for path in docs:
        gold = read_gold(path.with_suffix(".gold.json"))
        _, doc, _ = read_report(path)
        if second is None:
            pred = [o.to_json() for o in extractor.extract(doc)]
        else:
            pred = [with_span(o, doc.text) for o in read_gold(second / f"{path.stem}.gold.json")]
        paired = pair(gold, pred, doc.text)
        _tally(counts, *paired)
        if cases is not None:
            hardcases.tally(cases, tags.get(path.stem), gold, paired[0], paired[2])
    total = Counts()
    for f in FIELDS:
        total.tp += counts[f].tp
        total.fp += counts[f].fp
        total.fn += counts[f].fn
    counts["overall"] = total
    return dict(counts)


def read_gold(path: Path) -> list[dict]:
    if not path.exists():
        raise InputError(f"no gold file {path}")
    return json.loads(path.read_text(encoding="utf-8"))["observations"]


def with_span(o: dict, body: str) -> dict:
    """A gold observation in the extractor's shape: evidence as a character span."""
    start = body.find(o["evidence"])
    return {**o, "evidence": {"start": start, "end": start + len(o["evidence"])}}


def _tally(counts: dict[str, Counts], pairs: list, missed: list, extra: list) -> None:
    counts["type"].tp += len(pairs)
    counts["type"].fn += len(missed)
    counts["type"].fp += len(extra)
    for g, p in pairs:
        for f in FIELDS[1:]:
            counts[f].add(_keys(f, g), _keys(f, p))
    for g in missed:
        for f in FIELDS[1:]:
            counts[f].fn += len(_keys(f, g))
    for p in extra:
        for f in FIELDS[1:]:
            counts[f].fp += len(_keys(f, p))


def register_eval(eval_app: typer.Typer) -> None:
    @eval_app.command("extraction")
    def extraction(
        split: str = typer.Option("dev", help="dev or heldout (never tune on heldout)."),
        folder: Path = typer.Option(DEFAULT_DIR, help="Folder holding the dev/ and heldout/ splits."),
        as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
        agreement: bool = typer.Option(False, "--agreement",
                                       help="Score the second annotation (second/) against the gold instead "
                                            "of the extractor: the agreement between two annotators."),
        by_case: bool = typer.Option(False, "--by-case", help="Also break the scores down by the hard cases "
                                     "that hard_cases.json tags (passive voice, denials, adverts, ...)."),
        folds: int = typer.Option(0, min=0, help="Dev only: score each fold of documents with a type model "
                                  "and checks (actors, directions, places, equipment, people, dates, sources, "
                                  "background, whole observations) fitted on the other folds (5 as "
                                  "docs/extraction.md reports; ~30 min), not with the shipped ones, which were "
                                  "trained on dev."),
    ) -> None:
        """Precision, recall and F1 per field on a split of the gold set."""
        from rich.console import Console
        from rich.table import Table

        from borderwatch import pipeline

        if split not in ("dev", "heldout"):
            raise InputError(f"--split must be dev or heldout, not {split!r}")
        if folds and (split != "dev" or agreement):
            raise InputError("--folds scores the extractor on dev only (it trains on the other folds)")
        if folds == 1:
            raise InputError("--folds needs at least 2 folds")
        cases: dict | None = {} if by_case else None
        if agreement:
            counts = evaluate(folder / split, second=folder / "second" / split, cases=cases)
        elif folds:
            from rich.progress import Progress

            from borderwatch.extract.crossval import fold_extractor

            n_docs = len(list((folder / split).glob("*.md")))
            with Progress(transient=True) as bar:
                tasks = {"read": bar.add_task("reading the gold set", total=n_docs),
                         "fold": bar.add_task(f"fitting a type model per fold ({folds})", total=folds),
                         "extract": bar.add_task("extracting each fold, for its checks", total=n_docs)}
                extractor = fold_extractor(folder / split, folds, progress=lambda what: bar.advance(tasks[what]))
            counts = evaluate(folder / split, extractor, cases=cases)
        else:
            counts = evaluate(folder / split, pipeline.make_extractor(), cases=cases)
        if as_json:
            out = {f: {"precision": round(c.precision, 3), "recall": round(c.recall, 3),
                       "f1": round(c.f1, 3), "tp": c.tp, "fp": c.fp, "fn": c.fn} for f, c in counts.items()}
            if cases is not None:
                out["by_case"] = {tag: vars(c) for tag, c in sorted(cases.items())}
            print(json.dumps(out, indent=1))
            return
        table = Table("field", "precision", "recall", "F1", "tp", "fp", "fn", title=f"{'agreement' if agreement else 'extraction'}, {split} split")
        for f, c in counts.items():
            table.add_row(f, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.tp), str(c.fp), str(c.fn))
        if folds:
            table.caption = f"Each of {folds} folds scored with a type model and checks fitted on the others."
        elif split == "dev" and not agreement:
            table.caption = ("The type model was trained on this split, so these figures flatter it; "
                             "docs/extraction.md gives cross-validated ones.")
        Console().print(table)
        if cases:
            Console().print(_case_table(cases, split))


MIN_CASES = 10  # a hard case seen fewer times says little; --json gives them all


def _case_table(cases: dict, split: str):
    from rich.table import Table

    def pct(x: float | None) -> str:
        return f"{x:.0%}" if x is not None else ""

    table = Table(title=f"by hard case, {split} split")
    table.add_column("hard case", no_wrap=True)
    for head in ("obs", "found", "values right", "docs", "extra/doc"):
        table.add_column(head, justify="right")
    shown = sorted((c.observations + c.documents, tag) for tag, c in cases.items()
                   if c.observations >= MIN_CASES or c.documents >= MIN_CASES)
    for _, tag in reversed(shown):
        c = cases[tag]
        table.add_row(tag, str(c.observations or ""), pct(c.found_share), pct(c.right_share), str(c.documents or ""),
                      f"{c.extra_per_document:.2f}" if c.extra_per_document is not None else "")
    table.caption = (f"{len(cases) - len(shown)} rarer hard cases left out (--json lists them). Found: paired with a "
                     "prediction of the same type. Extra: predictions that pair with no gold observation.")
    return table
