"""The orchestrator: composes the stages and persists what they return.

Stages are pure functions over records (ingest -> extract -> locate -> corroborate ->
assess -> report); only this module and the CLI touch the store. Each document is
isolated: one that fails is reported with its reason and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from borderwatch.corroborate import cluster, find_contradictions, grade_sources
from borderwatch.errors import BorderwatchError, InputError
from borderwatch.ingest.text import SUFFIXES, read_report
from borderwatch.model import Assessment, Contradiction, Document, Event, Observation, Place
from borderwatch.store import Store

log = logging.getLogger("borderwatch")
Progress = Callable[[str], None]  # called once per item done, with a label


@dataclass
class IngestSummary:
    new: list[str] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    observations: int = 0


def report_files(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand folders into their report files (sorted); name paths that do not exist."""
    files: list[Path] = []
    missing: list[tuple[str, str]] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                                and f.name.lower() != "readme.md"))
        elif p.exists():
            files.append(p)
        else:
            missing.append((str(p), "no such file or folder"))
    return files, missing


def make_locator():
    """The geo stage as the extractor's `locate` callback, with one shared gazetteer."""
    from borderwatch.geo.borders import nearest_border
    from borderwatch.geo.gazetteer import Gazetteer
    from borderwatch.geo.resolve import locate

    gazetteer = Gazetteer()

    def locator(mentions: Sequence[tuple[str, int, int]], countries: Sequence[str],
                actor_country: str | None) -> list[Place]:
        places = locate(list(mentions), gazetteer=gazetteer, countries=tuple(countries), actor_country=actor_country)
        out = []
        for p in places:
            if p.lat is not None and p.border_km is None:
                border, km = nearest_border(p.lat, p.lon)
                p = p.model_copy(update={"border": border, "border_km": round(km, 1)})
            out.append(p)
        return out

    return locator


class GeoExtractor:
    """Extraction followed by the geometry check of stated directions."""

    def __init__(self, extractor) -> None:
        from borderwatch.geo.direction import check_direction

        self.inner, self.check = extractor, check_direction
        self.version, self.nlp, self.relevant = extractor.version, extractor.nlp, extractor.relevant

    def extract(self, document: Document) -> list[Observation]:
        return [self.check(o) for o in self.inner.extract(document)]

    def extract_many(self, documents, batch_size: int = 32):
        for doc, observations in self.inner.extract_many(documents, batch_size):
            yield doc, [self.check(o) for o in observations]


def make_extractor(with_geo: bool = True):
    from borderwatch.extract import Extractor

    if not with_geo:
        return Extractor()
    return GeoExtractor(Extractor(locate=make_locator()))


def ingest(store: Store, paths: Sequence[Path], extractor, progress: Progress | None = None,
           now: dt.datetime | None = None) -> IngestSummary:
    """Read report files, store the new ones and extract their observations."""
    files, missing = report_files(paths)
    summary = IngestSummary(rejected=list(missing))
    pending: list[tuple[Path, Document, dict]] = []
    for f in files:
        try:
            source, doc, extra = read_report(f, now=now)
            if extra.get("language") is None and doc.language is None:
                from borderwatch.extract import detect_language
                doc = doc.model_copy(update={"language": detect_language(doc.text)})
            if store.add_document(source, doc):
                summary.new.append(str(f))
                pending.append((f, doc, extra))
            else:
                summary.duplicate.append(str(f))
        except BorderwatchError as e:
            summary.rejected.append((str(f), str(e)))
        except Exception as e:  # one bad document never sinks the batch
            log.exception("ingest failed for %s", f)
            summary.rejected.append((str(f), f"internal error: {type(e).__name__}: {e}"))
        if progress:
            progress(f"read {f.name}")
    # `repost_of:` names a file that may come later in the batch: link after reading all.
    for f, doc, extra in pending:
        if extra.get("repost_of"):
            original = store.find_document_by_origin_name(str(extra["repost_of"]))
            if original:
                store.set_repost(doc.id, original)
            else:
                log.warning("%s: repost_of %s is not in the store", f, extra["repost_of"])
    summary.observations = extract_documents(store, [d for _, d, _ in pending], extractor, progress)
    return summary


def extract_documents(store: Store, docs: list[Document], extractor, progress: Progress | None = None) -> int:
    total = 0
    for doc, observations in extractor.extract_many(docs):
        total += store.replace_observations(doc.id, observations, extractor.version)
        if progress:
            progress(f"extracted {doc.origin or doc.id[:12]}")
    return total


def reextract(store: Store, extractor, progress: Progress | None = None) -> int:
    """Run extraction again over every stored document (after a lexicon change)."""
    return extract_documents(store, store.documents(), extractor, progress)


@dataclass
class Picture:
    """Everything the views need, computed from the store as of a date."""

    documents: dict[str, Document]
    observations: list[Observation]
    events: list[Event]
    contradictions: list[Contradiction]
    sources: dict


def picture(store: Store, as_of: dt.date | None = None) -> Picture:
    """Events and contradictions from what was published up to the end of `as_of`."""
    docs = {d.id: d for d in store.documents()}
    if as_of is not None:
        docs = {i: d for i, d in docs.items() if d.published is None or d.published.date() <= as_of}
    observations = [o for o in store.observations() if o.doc in docs]
    sources = grade_sources(store.sources())
    reposts = {k: v for k, v in store.reposts().items() if k in docs}
    events = cluster(observations, docs, sources, reposts)
    return Picture(docs, observations, events, find_contradictions(observations, docs), sources)


def corroborate(store: Store) -> list[Event]:
    pic = picture(store)
    store.replace_events(pic.events)
    return pic.events


def assess(store: Store, problem_id: str = "belarus-entry", as_of: dt.date | None = None,
           save: bool = True) -> Assessment:
    from borderwatch.assess import load_problem, score

    problem = load_problem(problem_id)
    if as_of is None:
        dates = [d.published.date() for d in store.documents() if d.published]
        as_of = max(dates) if dates else dt.date.today()
    pic = picture(store, as_of)
    assessment = score(problem, pic.events, {o.id: o for o in pic.observations}, as_of)
    if save:
        store.save_assessment(assessment)
    return assessment


def require_files(paths: Sequence[Path]) -> None:
    for p in paths:
        if not p.exists():
            raise InputError(f"{p}: no such file or folder")
