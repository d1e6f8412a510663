"""The Store: the only place that reads and writes the database.

Stages never open it; the orchestrator (`borderwatch.pipeline`) hands them records and
saves what they return. Re-running a stage replaces its rows for the same input, so
the same input always leaves the same rows.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import sqlalchemy as sa

from borderwatch.model import Assessment, Document, Event, Forward, Observation, Source, Verdict
from borderwatch.store import migrations, schema as t
from borderwatch.store.citizen import CitizenData

DEFAULT_DB = "borderwatch.db"


def resolve_db_url(db: str | None = None) -> str:
    """`--db`, else BORDERWATCH_DB, else ./borderwatch.db. A path or an SQLAlchemy URL."""
    value = db or os.environ.get("BORDERWATCH_DB") or DEFAULT_DB
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser()}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).isoformat()
    return value.isoformat()


def _chunks(values: list, size: int = 500):
    for i in range(0, len(values), size):
        yield values[i:i + size]


class Store(CitizenData):
    def __init__(self, url: str, *, who: str = "borderwatch") -> None:
        self.url = url
        self.who = who
        self.engine = sa.create_engine(url, future=True)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)

    @classmethod
    def open(cls, db: str | None = None, **kw) -> "Store":
        return cls(resolve_db_url(db), **kw)

    def init(self) -> list[str]:
        """Create or upgrade the schema. Returns the migrations applied now."""
        with self.engine.begin() as conn:
            return migrations.migrate(conn)

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return max(migrations.applied(conn), default=0)

    def close(self) -> None:
        self.engine.dispose()

    # -- audit ------------------------------------------------------------------------
    def _audit(self, conn: sa.Connection, action: str, entity: str, entity_id: str | None,
               detail: dict | None = None, *, coarse: bool = False) -> None:
        at = dt.datetime.now(dt.timezone.utc)
        if coarse:  # about a citizen: the hour only, so that the log cannot time a report
            at = at.replace(minute=0, second=0, microsecond=0)
        conn.execute(t.audit_log.insert().values(
            at=_iso(at), who=self.who, action=action,
            entity=entity, entity_id=entity_id, detail=detail))

    def audit_entries(self) -> list[dict]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(sa.select(t.audit_log).order_by(t.audit_log.c.id))]

    # -- sources and documents --------------------------------------------------------
    def upsert_source(self, conn: sa.Connection, source: Source) -> None:
        row = conn.execute(sa.select(t.sources).where(t.sources.c.id == source.id)).first()
        values = {"name": source.name, "kind": source.kind, "reliability": source.reliability, "url": source.url}
        if row is None:
            conn.execute(t.sources.insert().values(id=source.id, **values))
            self._audit(conn, "create", "source", source.id, coarse=source.kind == "citizen")
        elif source.name != source.id and dict(row._mapping) != {"id": source.id, **values}:
            keep = {k: v for k, v in values.items() if v is not None}
            conn.execute(t.sources.update().where(t.sources.c.id == source.id).values(**keep))

    def add_document(self, source: Source, doc: Document, *, repost_of: str | None = None) -> bool:
        """Store a document unless its source already has the same content. True if new."""
        return self.add_documents([(source, doc)], repost_of={doc.id: repost_of} if repost_of else None)[0]

    def add_documents(self, pairs: Sequence[tuple[Source, Document]], *,
                      repost_of: dict[str, str] | None = None) -> list[bool]:
        """Store many documents in one transaction (the fast path for large exports).

        Each is new unless its source already has the same content; the same text from
        another source is a copy, the earliest published being the original; a new version
        of a post the store already has (same source and `external_id`, other text) is
        linked to the first version, so that corroboration counts it once. Returns one
        flag per document, True if it was new. Audit times of citizen documents are
        rounded down to the hour, so that the log cannot time a reporter's message.
        """
        if not pairs:
            return []
        repost_of = dict(repost_of or {})
        docs = t.documents.c
        with self.engine.begin() as conn:
            for source in {s.id: s for s, _ in pairs}.values():
                self.upsert_source(conn, source)
            rows = []
            for chunk in _chunks(sorted({d.content_hash for _, d in pairs})):
                rows += conn.execute(sa.select(docs.id, docs.source_id, docs.content_hash, docs.published,
                                               docs.repost_of).where(docs.content_hash.in_(chunk))).all()
            have = {(r.source_id, r.content_hash) for r in rows}
            rows = [r for r in rows if r.repost_of is None]
            originals: dict[str, tuple[str, str | None]] = {}
            for r in sorted(rows, key=lambda r: (r.published is not None, r.published or "")):
                originals.setdefault(r.content_hash, (r.id, r.published))
            versions: dict[tuple[str, str], str] = {}
            for chunk in _chunks(sorted({d.external_id for _, d in pairs if d.external_id})):
                for r in conn.execute(sa.select(docs.id, docs.source_id, docs.external_id)
                                      .where(docs.external_id.in_(chunk)).order_by(docs.published, docs.id)):
                    versions.setdefault((r.source_id, r.external_id), r.id)
            now = dt.datetime.now(dt.timezone.utc)
            results, inserts, audits = [], [], []
            for _, doc in pairs:
                if (doc.source, doc.content_hash) in have:
                    results.append(False)
                    continue
                have.add((doc.source, doc.content_hash))
                link = repost_of.get(doc.id)
                mine = _iso(doc.published)
                twin = originals.get(doc.content_hash)
                if twin is not None and link is None:
                    if twin[1] and mine and mine < twin[1]:  # this one is older: it becomes the original
                        conn.execute(t.documents.update().where(docs.content_hash == doc.content_hash)
                                     .values(repost_of=doc.id))
                        for row in inserts:
                            if row["content_hash"] == doc.content_hash:
                                row["repost_of"] = doc.id
                        originals[doc.content_hash] = (doc.id, mine)
                    else:
                        link = twin[0]
                elif twin is None:
                    originals[doc.content_hash] = (doc.id, mine)
                detail = {"source": doc.source, "origin": doc.origin, "repost_of": link}
                if doc.external_id:
                    first = versions.get((doc.source, doc.external_id))
                    if first is None:
                        versions[(doc.source, doc.external_id)] = doc.id
                    elif link is None:
                        link = detail["repost_of"] = first
                        detail["edit_of"] = first
                inserts.append(self._document_row(doc, link))
                at = now.replace(minute=0, second=0, microsecond=0) if doc.kind == "citizen" else now
                audits.append({"at": _iso(at), "who": self.who, "action": "create", "entity": "document",
                               "entity_id": doc.id, "detail": detail})
                results.append(True)
            if inserts:
                conn.execute(t.documents.insert(), inserts)
                conn.execute(t.audit_log.insert(), audits)
            return results

    @staticmethod
    def _document_row(doc: Document, repost_of: str | None) -> dict:
        return dict(
            id=doc.id, source_id=doc.source, kind=doc.kind, title=doc.title, text=doc.text,
            raw=doc.raw, content_hash=doc.content_hash, language=doc.language,
            published=_iso(doc.published), retrieved=_iso(doc.retrieved), url=doc.url,
            origin=doc.origin, repost_of=repost_of, external_id=doc.external_id,
            forwarded_from=doc.forwarded_from.to_json() if doc.forwarded_from else None,
            reply_to=doc.reply_to, edited=_iso(doc.edited), author=doc.author,
            flags=list(doc.flags) or None)

    def set_repost(self, doc_id: str, original_id: str) -> None:
        """Record that a document copies another (from a `repost_of:` front-matter key)."""
        if doc_id == original_id:
            return
        with self.engine.begin() as conn:
            current = conn.execute(sa.select(t.documents.c.repost_of).where(t.documents.c.id == doc_id)).scalar()
            if current != original_id:
                conn.execute(t.documents.update().where(t.documents.c.id == doc_id).values(repost_of=original_id))
                self._audit(conn, "link", "document", doc_id, {"repost_of": original_id})

    def find_document_by_origin_name(self, name: str) -> str | None:
        """The id of the document read from a file of this name (for `repost_of:`)."""
        origin = t.documents.c.origin
        q = sa.select(t.documents.c.id, origin).where(sa.or_(origin == name, origin.like(f"%/{name}")))
        with self.engine.connect() as conn:  # the LIKE narrows; the name check is exact
            return next((r.id for r in conn.execute(q) if Path(r.origin).name == name), None)

    def documents(self) -> list[Document]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.documents).order_by(t.documents.c.published, t.documents.c.id))
            return [self._document(r) for r in rows]

    def document(self, doc_id: str) -> Document | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.documents).where(t.documents.c.id == doc_id)).first()
            return self._document(row) if row else None

    def reposts(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.documents.c.id, t.documents.c.repost_of)
                                .where(t.documents.c.repost_of.is_not(None)))
            return {r.id: r.repost_of for r in rows}

    @staticmethod
    def _document(row) -> Document:
        m = dict(row._mapping)
        return Document(
            id=m["id"], source=m["source_id"], kind=m["kind"], title=m["title"], text=m["text"],
            raw=m["raw"], content_hash=m["content_hash"], language=m["language"],
            published=dt.datetime.fromisoformat(m["published"]) if m["published"] else None,
            retrieved=dt.datetime.fromisoformat(m["retrieved"]), url=m["url"], origin=m["origin"],
            external_id=m.get("external_id"), reply_to=m.get("reply_to"), author=m.get("author"),
            forwarded_from=Forward.model_validate(m["forwarded_from"]) if m.get("forwarded_from") else None,
            edited=dt.datetime.fromisoformat(m["edited"]) if m.get("edited") else None,
            flags=tuple(m.get("flags") or ()))

    def sources(self) -> dict[str, Source]:
        with self.engine.connect() as conn:
            return {r.id: Source(id=r.id, name=r.name, kind=r.kind, reliability=r.reliability, url=r.url)
                    for r in conn.execute(sa.select(t.sources))}

    # -- observations and places ------------------------------------------------------
    def replace_observations(self, doc_id: str, observations: Iterable[Observation], extractor: str) -> int:
        """Replace a document's observations (and their places) with a new extraction."""
        obs = list(observations)
        with self.engine.begin() as conn:
            old = {r.id: r.data for r in conn.execute(
                sa.select(t.observations.c.id, t.observations.c.data).where(t.observations.c.doc_id == doc_id))}
            if old and old == {o.id: o.to_json() for o in obs}:
                return len(obs)  # the same extraction again: nothing to rewrite or log
            conn.execute(t.observations.delete().where(t.observations.c.doc_id == doc_id))
            for seq, o in enumerate(obs):
                conn.execute(t.observations.insert().values(
                    id=o.id, doc_id=doc_id, seq=seq, type=o.type,
                    actor_name=o.actor.name if o.actor else None,
                    actor_country=o.actor.country if o.actor else None,
                    modality=o.modality, background=o.background,
                    time_date=o.time.date.isoformat() if o.time and o.time.date else None,
                    evidence_start=o.evidence.start, evidence_end=o.evidence.end,
                    extractor=extractor, data=o.to_json()))
                for pseq, p in enumerate(o.locations):
                    conn.execute(t.places.insert().values(
                        observation_id=o.id, seq=pseq, text=p.text, start=p.start, end=p.end,
                        name=p.name, country=p.country, lat=p.lat, lon=p.lon, kind=p.kind,
                        precision=p.precision, score=p.score, ref=p.ref, border=p.border,
                        border_km=p.border_km))
            self._audit(conn, "extract", "document", doc_id, {"observations": len(obs), "extractor": extractor})
        return len(obs)

    def observations(self, *, include_background: bool = True) -> list[Observation]:
        q = sa.select(t.observations.c.data).join(t.documents, t.documents.c.id == t.observations.c.doc_id)
        if not include_background:
            q = q.where(t.observations.c.background.is_(False))
        q = q.order_by(t.documents.c.published, t.observations.c.doc_id, t.observations.c.seq)
        with self.engine.connect() as conn:
            return [Observation.model_validate(r.data) for r in conn.execute(q)]

    # -- events -----------------------------------------------------------------------
    def replace_events(self, events: Iterable[Event]) -> int:
        evs = list(events)
        with self.engine.begin() as conn:
            old = {r.id: r.data for r in conn.execute(sa.select(t.events.c.id, t.events.c.data))}
            if old == {e.id: e.to_json() for e in evs}:
                return len(evs)
            conn.execute(t.event_observations.delete())
            conn.execute(t.events.delete())
            # One executemany per table: a back-fill writes tens of thousands of events.
            if evs:
                conn.execute(t.events.insert(), [dict(
                    id=e.id, type=e.type, credibility=e.credibility, reliability=e.reliability,
                    first_seen=_iso(e.first_seen), data=e.to_json()) for e in evs])
                conn.execute(t.event_observations.insert(), [dict(event_id=e.id, observation_id=oid)
                                                             for e in evs for oid in e.observations])
            self._audit(conn, "corroborate", "events", None, {"events": len(evs)})
        return len(evs)

    def events(self) -> list[Event]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.events.c.data).order_by(t.events.c.first_seen, t.events.c.id))
            return [Event.model_validate(r.data) for r in rows]

    # -- analyst verdicts and source track records ------------------------------------
    def add_verdict(self, v: Verdict) -> Verdict:
        """Append a verdict (never updated or deleted); returns it with its id."""
        with self.engine.begin() as conn:
            vid = conn.execute(t.verdicts.insert().values(
                at=_iso(v.at), who=v.who, action=v.action, event_id=v.event, observations=list(v.observations),
                parts=[list(p) for p in v.parts], reason=v.reason)).inserted_primary_key[0]
            self._audit(conn, "verdict", "event", v.event, {"verdict": vid, "action": v.action, "reason": v.reason,
                                                           "who": v.who})
        return v.model_copy(update={"id": vid})

    def verdicts(self) -> list[Verdict]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.verdicts).order_by(t.verdicts.c.id))
            return [Verdict(id=r.id, at=dt.datetime.fromisoformat(r.at), who=r.who, action=r.action, event=r.event_id,
                            observations=tuple(r.observations), parts=tuple(tuple(p) for p in r.parts),
                            reason=r.reason) for r in rows]

    def replace_source_track(self, sources: dict[str, Source]) -> None:
        """Store each source's configured grade beside its track record (only when changed)."""
        rows = {sid: dict(configured=s.reliability, track=s.track_record, confirmed=s.confirmed, refuted=s.refuted)
                for sid, s in sources.items()}
        with self.engine.begin() as conn:
            old = {r.source_id: dict(configured=r.configured, track=r.track, confirmed=r.confirmed, refuted=r.refuted)
                   for r in conn.execute(sa.select(t.source_track))}
            if old == rows:
                return
            conn.execute(t.source_track.delete())
            if rows:
                conn.execute(t.source_track.insert(), [dict(source_id=sid, **v) for sid, v in sorted(rows.items())])

    def source_track(self) -> dict[str, dict]:
        with self.engine.connect() as conn:
            return {r.source_id: dict(r._mapping) for r in conn.execute(sa.select(t.source_track))}

    # -- assessments ------------------------------------------------------------------
    def save_assessment(self, a: Assessment) -> None:
        data = a.to_json()
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(t.assessments.c.id, t.assessments.c.data).where(
                t.assessments.c.problem == a.problem, t.assessments.c.as_of == a.as_of.isoformat())).first()
            if row and row.data == data:
                return
            if row:
                conn.execute(t.assessments.update().where(t.assessments.c.id == row.id).values(data=data))
            else:
                conn.execute(t.assessments.insert().values(problem=a.problem, as_of=a.as_of.isoformat(), data=data))
            self._audit(conn, "assess", "assessment", f"{a.problem}@{a.as_of}", {"hypotheses": a.hypotheses})

    def assessments(self, problem: str | None = None) -> list[Assessment]:
        q = sa.select(t.assessments.c.data).order_by(t.assessments.c.as_of)
        if problem:
            q = q.where(t.assessments.c.problem == problem)
        with self.engine.connect() as conn:
            return [Assessment.model_validate(r.data) for r in conn.execute(q)]

    def assessment(self, problem: str, as_of: dt.date) -> Assessment | None:
        with self.engine.connect() as conn:
            data = conn.execute(sa.select(t.assessments.c.data).where(
                t.assessments.c.problem == problem, t.assessments.c.as_of == as_of.isoformat())).scalar()
        return Assessment.model_validate(data) if data else None

    # -- alerts -----------------------------------------------------------------------
    def record_alert(self, problem: str, as_of: dt.date, rule: str, target: str, data: dict) -> bool:
        """Log an alert for a delivery target; False when it was already logged (not re-sent)."""
        with self.engine.begin() as conn:
            if conn.execute(sa.select(t.alerts.c.id).where(
                    t.alerts.c.problem == problem, t.alerts.c.as_of == as_of.isoformat(),
                    t.alerts.c.rule == rule, t.alerts.c.target == target)).first():
                return False
            conn.execute(t.alerts.insert().values(problem=problem, as_of=as_of.isoformat(), rule=rule, target=target,
                                                  at=_iso(dt.datetime.now(dt.timezone.utc)), data=data))
            self._audit(conn, "alert", "assessment", f"{problem}@{as_of}", {"rule": rule, "target": target})
        return True

    def alerts(self, problem: str | None = None) -> list[dict]:
        q = sa.select(t.alerts).order_by(t.alerts.c.id)
        if problem:
            q = q.where(t.alerts.c.problem == problem)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    # -- inspection -------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                    for name, table in t.metadata.tables.items()}

    def dump(self, table: str) -> Iterator[tuple]:
        """Every row of a table, in primary-key order (for tests of idempotence)."""
        tbl = t.metadata.tables[table]
        with self.engine.connect() as conn:
            yield from (tuple(r) for r in conn.execute(sa.select(tbl).order_by(*tbl.primary_key.columns)))
