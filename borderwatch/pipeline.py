"""The orchestrator: composes the stages and persists what they return.

Stages are pure functions over records (ingest -> extract -> locate -> corroborate ->
assess -> report); only this module and the CLI touch the store. Each document is
isolated: one that fails is reported with its reason and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from borderwatch.corroborate import corroborate_all, load_settings
from borderwatch.errors import InputError
from borderwatch.ingest import dispatch
from borderwatch.ingest.base import Context, Item, Rejected, Skipped
from borderwatch.model import Assessment, Contradiction, Document, Event, Observation, Place, Sighting
from borderwatch.store import Store

log = logging.getLogger("borderwatch")
Progress = Callable[[str], None]  # called once per item done, with a label


MAX_LISTED = 1_000  # labels and rejections listed per batch; the counts are always complete


@dataclass
class BatchSummary:
    """What one input (a file, archive member or URL) gave."""

    input: str
    kind: str
    new: int = 0
    duplicate: int = 0
    rejected_count: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # at most MAX_LISTED
    skipped: Counter = field(default_factory=Counter)  # reason -> count
    flagged: Counter = field(default_factory=Counter)  # flag -> count (new documents)
    new_labels: list[str] = field(default_factory=list)  # at most MAX_LISTED
    duplicate_labels: list[str] = field(default_factory=list)

    def reject(self, label: str, reason: str) -> None:
        self.rejected_count += 1
        if len(self.rejected) < MAX_LISTED:
            self.rejected.append((label, reason))


@dataclass
class IngestSummary:
    batches: list[BatchSummary] = field(default_factory=list)
    observations: int = 0

    @property
    def new(self) -> list[str]:
        """Labels of new documents (at most MAX_LISTED per batch; counts are in `batches`)."""
        return [label for b in self.batches for label in b.new_labels]

    @property
    def duplicate(self) -> list[str]:
        return [label for b in self.batches for label in b.duplicate_labels]

    @property
    def rejected(self) -> list[tuple[str, str]]:
        return [r for b in self.batches for r in b.rejected]

    def total(self, what: str) -> int:
        return sum(getattr(b, what) for b in self.batches)


def report_files(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand folders into their report files (sorted); name paths that do not exist."""
    files: list[Path] = []
    missing: list[tuple[str, str]] = []
    for p in dispatch.expand(paths):
        if isinstance(p, Path) and not p.exists():
            missing.append((str(p), "no such file or folder"))
        elif isinstance(p, Path):
            files.append(p)
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

    @property
    def failures(self):
        return self.inner.failures


def make_extractor(with_geo: bool = True):
    from borderwatch.extract import Extractor

    if not with_geo:
        return Extractor()
    return GeoExtractor(Extractor(locate=make_locator()))


CHUNK = 256  # items stored and extracted together: memory stays flat for any size of input


def ingest(store: Store, paths: Sequence[Path | str], extractor, progress: Progress | None = None,
           now: dt.datetime | None = None, *, ctx: Context | None = None, fetcher=None) -> IngestSummary:
    """Read files, folders and URLs (any format `ingest.dispatch` knows), store the new
    documents and extract their observations, a chunk at a time."""
    ctx = ctx or Context(now=now or dt.datetime.now(dt.timezone.utc))
    summary = IngestSummary()
    links: list[tuple[str, str, str]] = []  # (doc id, label, repost_of file name)
    for batch in dispatch.batches(paths, ctx, fetcher=fetcher):
        _ingest_batch(store, batch, summary, links, extractor, progress)
    # `repost_of:` names a file that may come later in the batch: link after reading all.
    for doc_id, label, name in links:
        original = store.find_document_by_origin_name(name)
        if original:
            store.set_repost(doc_id, original)
        else:
            log.warning("%s: repost_of %s is not in the store", label, name)
    return summary


def ingest_items(store: Store, items, extractor, progress: Progress | None = None, *, label: str = "api",
                 kind: str = "sightings") -> IngestSummary:
    """Store and extract items made in code (e.g. `ingest.sightings.submit` from the web form)."""
    summary = IngestSummary()
    _ingest_batch(store, dispatch.Batch(label, kind, iter(items)), summary, [], extractor, progress)
    return summary


def _ingest_batch(store: Store, batch: dispatch.Batch, summary: IngestSummary, links: list, extractor,
                  progress: Progress | None) -> None:
    bs = BatchSummary(batch.input, batch.kind)
    summary.batches.append(bs)
    items = iter(batch.items)
    while True:
        chunk, done = _take(items, bs)
        summary.observations += _store_chunk(store, chunk, bs, links, extractor, progress)
        if done:
            return


def _take(items, bs: BatchSummary) -> tuple[list[Item], bool]:
    """Up to CHUNK items; rejections and skips are counted on the way. True when the stream ended."""
    chunk: list[Item] = []
    while len(chunk) < CHUNK:
        try:
            result = next(items)
        except StopIteration:
            return chunk, True
        except Exception as e:  # a bug in an adapter ends its input, never the run
            log.exception("ingest failed for %s", bs.input)
            bs.reject(bs.input, f"internal error: {type(e).__name__}: {e}; items before it were kept")
            return chunk, True
        if isinstance(result, Rejected):
            bs.reject(result.origin, result.reason)
        elif isinstance(result, Skipped):
            bs.skipped[result.reason] += 1
        else:
            chunk.append(result)
    return chunk, False


def _store_chunk(store: Store, chunk: list[Item], bs: BatchSummary, links: list, extractor,
                 progress: Progress | None) -> int:
    from borderwatch.extract import detect_language

    if not chunk:
        return 0
    chunk = [i if i.doc.language or i.extra.get("language") else
             Item(i.source, i.doc.model_copy(update={"language": detect_language(i.doc.text)}), i.extra, i.sighting)
             for i in chunk]
    try:
        flags = store.add_documents([(i.source, i.doc) for i in chunk])
    except Exception:  # one bad row: store them one by one to find it, keep the rest
        log.exception("storing a chunk of %s failed; retrying one by one", bs.input)
        flags = []
        for i in chunk:
            try:
                flags.append(store.add_document(i.source, i.doc))
            except Exception as e:
                bs.reject(i.doc.origin or bs.input, f"internal error: {type(e).__name__}: {e}")
                flags.append(None)
    new: list[Item] = []
    for item, flag in zip(chunk, flags):
        label = item.doc.origin or bs.input
        if flag is None:
            continue
        if flag:
            bs.new += 1
            if len(bs.new_labels) < MAX_LISTED:
                bs.new_labels.append(label)
            bs.flagged.update(item.doc.flags)
            if item.sighting is not None:
                try:
                    store.add_sighting(item.doc.id, item.sighting)
                except Exception as e:  # the document is kept; say what was lost
                    log.exception("storing the sighting of %s failed", label)
                    bs.reject(label, f"internal error storing the sighting's place, photos or contact: {type(e).__name__}")
            if item.extra.get("repost_of"):
                links.append((item.doc.id, label, str(item.extra["repost_of"])))
            new.append(item)
        else:
            bs.duplicate += 1
            if len(bs.duplicate_labels) < MAX_LISTED:
                bs.duplicate_labels.append(label)
        if progress:
            progress(f"read {label}")
    reported = {i.doc.id: i.sighting for i in new if i.sighting is not None and i.sighting.lat is not None}
    try:
        stored = extract_documents(store, [i.doc for i in new], extractor, progress, reported=reported, fresh=True)
    except Exception as e:  # stored documents stay; `pipeline.reextract` can retry them
        log.exception("extraction failed for a chunk of %s", bs.input)
        bs.reject(bs.input, f"internal error extracting {len(new)} new documents: {type(e).__name__}: {e}")
        return 0
    for doc, e in getattr(extractor, "failures", ()):
        bs.reject(doc.origin or doc.id[:12], f"internal error extracting it: {type(e).__name__}: {e}; "
                                             "the document is stored, without observations")
    return stored


def reported_place(s: Sighting) -> Place:
    """The place a citizen gave (or their photo held), as a Place for the observations."""
    from borderwatch.geo.borders import nearest_border

    border, km = nearest_border(s.lat, s.lon)
    return Place(text=s.place_text or f"{s.lat:.2f}, {s.lon:.2f}", name=s.place_text, lat=s.lat, lon=s.lon,
                 kind="reported", precision=2, ref=f"citizen:{s.coords_from or 'reporter'}", border=border,
                 border_km=round(km, 1))


def extract_documents(store: Store, docs: list[Document], extractor, progress: Progress | None = None,
                      reported: dict[str, Sighting] | None = None, *, fresh: bool = False) -> int:
    """Extract and store observations; a citizen's reported coordinates become each of
    that document's observations' first place. `fresh`: the documents were stored just now,
    so one without observations has nothing to replace (most posts of a large export)."""
    total = 0
    for doc, observations in extractor.extract_many(docs):
        if any(doc is d for d, _ in getattr(extractor, "failures", ())):
            continue  # failed, not empty: what it had stays (the caller says so)
        if reported and doc.id in reported:
            place = reported_place(reported[doc.id])
            observations = [o.model_copy(update={"locations": (place, *o.locations)}) for o in observations]
        if fresh and not observations:
            if progress:
                progress(f"extracted {doc.origin or doc.id[:12]}")
            continue
        total += store.replace_observations(doc.id, observations, extractor.version)
        if progress:
            progress(f"extracted {doc.origin or doc.id[:12]}")
    return total


def reextract(store: Store, extractor, progress: Progress | None = None) -> int:
    """Run extraction again over every stored document (after a lexicon change)."""
    reported = {k: v for k, v in store.sightings(media=False).items() if v.lat is not None}
    return extract_documents(store, store.documents(), extractor, progress, reported=reported)


@dataclass
class Picture:
    """Everything the views need, computed from the store as of a date."""

    documents: dict[str, Document]
    observations: list[Observation]
    events: list[Event]
    contradictions: list[Contradiction]
    sources: dict


@dataclass
class Snapshot:
    """What the store holds, read once: loops over days (history, backtests, alerts) filter
    it in memory instead of reading every document and observation again for each day."""

    documents: dict[str, Document]
    observations: list[Observation]
    reposts: dict[str, str]
    sources: dict
    verdicts: list


def snapshot(store: Store) -> Snapshot:
    return Snapshot({d.id: d for d in store.documents()}, store.observations(), store.reposts(),
                    store.sources(), store.verdicts())


def picture(store: Store, as_of: dt.date | None = None, settings: str | None = None,
            snap: Snapshot | None = None) -> Picture:
    """Events and contradictions from what was published up to the end of `as_of`, with
    every analyst verdict applied (`settings`: a corroboration settings file)."""
    snap = snap or snapshot(store)
    docs = snap.documents
    if as_of is not None:
        docs = {i: d for i, d in docs.items() if d.published is None or d.published.date() <= as_of}
    observations = [o for o in snap.observations if o.doc in docs]
    reposts = {k: v for k, v in snap.reposts.items() if k in docs}
    c = corroborate_all(observations, docs, snap.sources, reposts, snap.verdicts, load_settings(settings))
    return Picture(docs, observations, c.events, c.contradictions, c.sources)


def corroborate(store: Store) -> list[Event]:
    pic = picture(store)
    store.replace_events(pic.events)
    store.replace_source_track(pic.sources)
    return pic.events


def latest_day(snap: Snapshot) -> dt.date:
    """The default "as of": the latest publication day in the store, else today."""
    return max((d.published.date() for d in snap.documents.values() if d.published), default=dt.date.today())


def assess(store: Store, problem_id: str = "belarus-entry", as_of: dt.date | None = None,
           save: bool = True, snap: Snapshot | None = None) -> Assessment:
    return assess_day(store, problem_id, as_of, save, snap)[0]


def assess_day(store: Store, problem_id: str = "belarus-entry", as_of: dt.date | None = None,
               save: bool = True, snap: Snapshot | None = None) -> tuple[Assessment, Picture]:
    """The assessment of one day and the picture it was scored on."""
    from borderwatch.assess import load_problem, score

    problem = load_problem(problem_id)
    snap = snap or snapshot(store)
    as_of = as_of or latest_day(snap)
    pic = picture(store, as_of, snap=snap)
    assessment = score(problem, pic.events, {o.id: o for o in pic.observations}, as_of)
    if save:
        store.save_assessment(assessment)
    return assessment, pic


def daily_report(store: Store, out_dir: Path, problem_id: str = "belarus-entry", as_of: dt.date | None = None,
                 formats: Sequence[str] = ("html", "md", "pdf")):
    """Assess the day and the day before (the change since yesterday), fill the store's
    history for the window where this problem file has not scored it yet, and write the
    report. Returns (assessment, picture, report.Written)."""
    from borderwatch.assess import load_problem
    from borderwatch.report import write_reports

    problem = load_problem(problem_id)
    snap = snapshot(store)
    a, pic = assess_day(store, problem_id, as_of, snap=snap)
    previous = assess(store, problem_id, a.as_of - dt.timedelta(days=1), snap=snap)
    known = {h.as_of: h for h in store.assessments(problem.id) if h.problem_version == problem.version}
    first = min((d.published.date() for d in snap.documents.values() if d.published), default=a.as_of)
    day = max(first, a.as_of - dt.timedelta(days=problem.horizon_days))
    while day < a.as_of:
        if day not in known:
            known[day] = assess(store, problem_id, day, snap=snap)
        day += dt.timedelta(days=1)
    known[a.as_of] = a
    history = [known[d] for d in sorted(known) if d <= a.as_of and d >= a.as_of - dt.timedelta(days=problem.horizon_days)]
    return a, pic, write_reports(pic, a, out_dir, formats=tuple(formats), problem=problem, previous=previous,
                                 history=history)


def require_files(paths: Sequence[Path]) -> None:
    for p in paths:
        if not p.exists():
            raise InputError(f"{p}: no such file or folder")
