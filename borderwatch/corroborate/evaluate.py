"""`borderwatch eval events`: grouping and contradiction quality on the scenario set.

Each scenario folder under `eval/events/<split>/` (dev, heldout) holds a few report files and a
`gold.yaml` naming the true event of each report, the contradictions between events, and
a hand-written observation per report. Two modes:

- `hand`: the hand-written observations go straight into corroboration, so grouping is
  measured apart from extraction errors (pairs of observations);
- `pipeline`: the reports go through the real pipeline (ingest, extraction, geo,
  corroboration) into a temporary store; a report counts as belonging to the event that
  holds most of its observations (pairs of reports).

Pairwise precision and recall over pairs in one scenario; contradictions as (event, event,
kind) triples; coordinated bursts as the events flagged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Optional

import typer
import yaml

from borderwatch.errors import InputError
from borderwatch.extract.evaluate import Counts as Score
from borderwatch.ingest.text import read_report
from borderwatch.model import (Actor, Attribution, Direction, Equipment, Observation, Personnel, Place, Span,
                               TimeRef)

DEFAULT_DIR = Path("eval/events")
_KINDS = {"Belaruski Hajun": "monitoring_group", "Institute for the Study of War": "think_tank"}


@dataclass
class Result:
    mode: str
    split: str = "dev"
    scenarios: int = 0
    grouping: Score = field(default_factory=Score)
    contradictions: Score = field(default_factory=Score)
    coordinated: Score = field(default_factory=Score)
    misses: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        def s(x: Score) -> dict:
            return {"precision": round(x.precision, 4), "recall": round(x.recall, 4), "tp": x.tp, "fp": x.fp, "fn": x.fn}
        return {"mode": self.mode, "split": self.split, "scenarios": self.scenarios, "grouping": s(self.grouping),
                "contradictions": s(self.contradictions), "coordinated": s(self.coordinated), "misses": self.misses}


def load_scenarios(base: Path) -> list[tuple[Path, dict]]:
    if not base.is_dir():
        raise InputError(f"{base}: no such scenario folder")
    out = []
    for d in sorted(p for p in base.iterdir() if p.is_dir()):
        gold = d / "gold.yaml"
        if not gold.is_file():
            raise InputError(f"{d}: no gold.yaml")
        data = yaml.safe_load(gold.read_text(encoding="utf-8")) or {}
        if not data.get("reports"):
            raise InputError(f"{gold}: no reports")
        for name in data["reports"]:
            if not (d / name).is_file():
                raise InputError(f"{gold}: report {name} is not in the folder")
        out.append((d, data))
    return out


def _pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
    keys = sorted(labels)
    return {(a, b) for i, a in enumerate(keys) for b in keys[i + 1:] if labels[a] == labels[b]}


def _triples(items) -> set[tuple]:
    return {(tuple(sorted((a, b))), kind) for a, b, kind in items}


def _hand_observations(folder: Path, gold: dict, places: dict, docs: dict) -> tuple[list[Observation], dict[str, str]]:
    """Observations written by hand in gold.yaml, and the gold event of each."""
    out, label = [], {}
    for name, spec in gold["reports"].items():
        doc = docs[name]
        specs = spec.get("obs") or []
        for k, o in enumerate(specs if isinstance(specs, list) else [specs]):
            obs = _observation(o, doc, k, places, f"{folder.name}/{name}")
            out.append(obs)
            label[obs.id] = o.get("event", spec["event"])
    return out, label


def _observation(o: dict, doc, k: int, places: dict, where: str) -> Observation:
    locs = []
    for name in o.get("at") or ():
        if name not in places:
            raise InputError(f"{where}: place {name!r} is not in places.yaml")
        p = places[name]
        locs.append(Place(text=name, name=name, country=p["country"], lat=p["lat"], lon=p["lon"],
                          precision=p.get("precision", 1)))
    equipment = []
    for e in o.get("equipment") or ():
        cls, _, count = str(e).partition(":")
        equipment.append(Equipment(text=cls, cls=cls, count=int(count) if count else None))
    personnel = None
    if o.get("personnel") is not None:
        lo, hi = (o["personnel"] + [None])[:2] if isinstance(o["personnel"], list) else (o["personnel"], None)
        personnel = Personnel(text=str(o["personnel"]), count=lo, high=hi)
    toward = None
    if o.get("toward"):
        rel, _, country = str(o["toward"]).rpartition(":")
        toward = Direction(text=str(o["toward"]), relation=rel or "toward", country=country or None)
    day = o.get("date") or (doc.published.date().isoformat() if doc.published else None)
    cites = o.get("cites")
    attribution = Attribution(text=cites, kind=_KINDS.get(cites, "media"), name=cites) if cites else None
    actor = Actor(text=o["actor"], name=o["actor"], country=o["actor"]) if o.get("actor") else None
    oid = hashlib.sha256(f"{doc.id}|{k}".encode()).hexdigest()[:32]
    return Observation(
        id=oid, doc=doc.id, type=o["type"], actor=actor, equipment=tuple(equipment), personnel=personnel,
        locations=tuple(locs), toward=toward, modality=o.get("modality", "asserted"),
        time=TimeRef(text=str(day), date=dt.date.fromisoformat(str(day)), precision="day") if day else None,
        attribution=attribution, markings=tuple(o.get("markings") or ()),
        evidence=Span(start=0, end=min(len(doc.text), 200), text=doc.text[:200]))


def run_hand(root: Path, split: str = "dev", settings=None) -> Result:
    from borderwatch.corroborate import corroborate_all

    places = yaml.safe_load((root / "places.yaml").read_text(encoding="utf-8"))
    res = Result("hand", split)
    for folder, gold in load_scenarios(root / split):
        sources, docs, reposts = {}, {}, {}
        for name in gold["reports"]:
            source, doc, extra = read_report(folder / name, now=dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc))
            sources.setdefault(source.id, source)
            docs[name] = doc
            if extra.get("repost_of"):
                reposts[doc.id] = extra["repost_of"]
        reposts = {k: docs[v].id for k, v in reposts.items() if v in docs}
        observations, label = _hand_observations(folder, gold, places, docs)
        c = corroborate_all(observations, {d.id: d for d in docs.values()}, sources, reposts, settings=settings)
        event_of = {o: e.id for e in c.events for o in e.observations}
        _score(res, folder.name, gold, label, event_of, c,
               lambda oid: label[oid], {d.id: n for n, d in docs.items()})
    return res


def run_pipeline(root: Path, extractor, split: str = "dev", settings_path: str | None = None) -> Result:
    from borderwatch import pipeline
    from borderwatch.store import Store

    res = Result("pipeline", split)
    for folder, gold in load_scenarios(root / split):
        with tempfile.TemporaryDirectory() as tmp:
            store = Store.open(str(Path(tmp) / "eval.db"))
            store.init()
            pipeline.ingest(store, [folder / n for n in gold["reports"]], extractor,
                            now=dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc))
            pic = pipeline.picture(store, settings=settings_path)
            store.close()
        name_of = {d.id: Path(d.origin).name for d in pic.documents.values()}
        doc_label = {d: gold["reports"][n]["event"] for d, n in name_of.items()}
        event_of = {o: e.id for e in pic.events for o in e.observations}
        obs_doc = {o.id: o.doc for o in pic.observations}
        # A report belongs to the event holding most of its observations.
        primary: dict[str, str] = {}
        for d in name_of:
            votes = Counter(event_of[o.id] for o in pic.observations if o.doc == d and o.id in event_of)
            primary[d] = votes.most_common(1)[0][0] if votes else f"none:{d}"

        class _C:  # the picture's contradictions and events, as the scorer reads them
            contradictions, events = pic.contradictions, pic.events

        _score(res, folder.name, gold, doc_label, primary, _C,
               lambda oid: doc_label.get(obs_doc.get(oid)), name_of, by_doc=True)
    return res


def _score(res: Result, name: str, gold: dict, label: dict, event_of: dict, c, label_of, name_of: dict,
           by_doc: bool = False) -> None:
    res.scenarios += 1
    truth = _pairs(label)
    pred = _pairs(event_of)
    res.grouping.add(truth, pred)
    if truth != pred:
        res.misses.append(f"{name}: grouping missed {len(truth - pred)} pair(s), joined {len(pred - truth)} wrongly")
    gold_c = _triples(gold.get("contradictions") or ())
    pred_c = {t for t in _triples((label_of(x.a), label_of(x.b), x.kind) for x in c.contradictions)
              if None not in t[0]}
    res.contradictions.add(gold_c, pred_c)
    if gold_c != pred_c:
        res.misses.append(f"{name}: contradictions missed {sorted(gold_c - pred_c)}, extra {sorted(pred_c - gold_c)}")
    gold_k = set(gold.get("coordinated") or ())
    pred_k = set()
    for e in c.events:  # a flagged event stands for the gold event most of its members belong to
        if e.coordinated:
            members = e.documents if by_doc else e.observations
            labels = Counter(label[m] for m in members if m in label)
            if labels:
                pred_k.add(labels.most_common(1)[0][0])
    res.coordinated.add(gold_k, pred_k)
    if gold_k != pred_k:
        res.misses.append(f"{name}: coordinated expected {sorted(gold_k)}, flagged {sorted(pred_k)}")


def eval_events(
    folder: Annotated[Path, typer.Option("--dir", help="Folder with places.yaml and the split folders.")] = DEFAULT_DIR,
    split: Annotated[str, typer.Option(help="dev (written with the rules) or heldout (scored, never tuned on).")] = "dev",
    mode: Annotated[str, typer.Option(help="hand, pipeline or both.")] = "both",
    settings: Annotated[Optional[Path], typer.Option(help="Corroboration settings file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", help="List every scenario that is not perfect.")] = False,
) -> None:
    """Pairwise precision/recall of event grouping and P/R of contradictions on the scenario set."""
    from borderwatch.corroborate.settings import load_settings

    if split not in ("dev", "heldout"):
        raise InputError(f"--split {split!r} is not dev or heldout")
    if mode not in ("hand", "pipeline", "both"):
        raise InputError(f"--mode {mode!r} is not hand, pipeline or both")
    if not (folder / "places.yaml").is_file():
        raise InputError(f"{folder}: no places.yaml (is this the eval/events folder?)")
    spath = str(settings) if settings else None
    if settings is not None and not settings.is_file():
        raise InputError(f"{settings}: no such settings file")
    results = []
    if mode in ("hand", "both"):
        results.append(run_hand(folder, split, load_settings(spath)))
    if mode in ("pipeline", "both"):
        from borderwatch import pipeline

        results.append(run_pipeline(folder, pipeline.make_extractor(), split, spath))
    if as_json:
        typer.echo(json.dumps([r.to_json() for r in results], indent=1))
        return
    for r in results:
        g, c, k = r.grouping, r.contradictions, r.coordinated
        typer.echo(f"{r.split:7s} {r.mode:9s} {r.scenarios} scenarios  grouping P {g.precision:.3f} R {g.recall:.3f}  "
                   f"contradictions P {c.precision:.3f} R {c.recall:.3f}  coordinated P {k.precision:.3f} R {k.recall:.3f}")
        if verbose:
            for m in r.misses:
                typer.echo(f"    {m}")
