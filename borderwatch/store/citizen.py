"""Citizen data in the store: sightings, encrypted contacts, clean photos, and purge.

Reporter details (contact tokens and photos) are kept only until `purge` removes them;
times stored about them are rounded down to the hour; the audit log records that a purge
happened and how many rows went, never whose.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from borderwatch.model import Photo, Sighting
from borderwatch.store import schema as t


def hour(when: dt.datetime) -> dt.datetime:
    return when.astimezone(dt.timezone.utc).replace(minute=0, second=0, microsecond=0)


def _iso(when: dt.datetime | None) -> str | None:
    return when.astimezone(dt.timezone.utc).isoformat() if when else None


class CitizenData:
    """Mixed into `Store`: the tables that hold what citizens send."""

    engine: sa.Engine

    def add_sighting(self, doc_id: str, sighting: Sighting, *, now: dt.datetime | None = None) -> None:
        """Store a sighting's place, time, photos and (encrypted) contact for a stored document."""
        stored = _iso(hour(now or dt.datetime.now(dt.timezone.utc)))
        with self.engine.begin() as conn:
            if conn.execute(sa.select(t.sightings.c.doc_id).where(t.sightings.c.doc_id == doc_id)).first():
                return
            conn.execute(t.sightings.insert().values(
                doc_id=doc_id, place_text=sighting.place_text, lat=sighting.lat, lon=sighting.lon,
                coords_from=sighting.coords_from, seen_at=_iso(sighting.seen_at),
                submitted=_iso(sighting.submitted), photos=len(sighting.photos)))
            if sighting.contact_token:
                conn.execute(t.contacts.insert().values(doc_id=doc_id, token=sighting.contact_token, stored=stored))
            for seq, photo in enumerate(sighting.photos):
                if conn.execute(sa.select(t.media.c.sha256).where(t.media.c.sha256 == photo.sha256)).first():
                    continue
                conn.execute(t.media.insert().values(
                    sha256=photo.sha256, doc_id=doc_id, seq=seq, mime=photo.mime, width=photo.width,
                    height=photo.height, data=photo.data, stored=stored))

    def sighting(self, doc_id: str, *, media: bool = True) -> Sighting | None:
        """A stored sighting; `media=False` leaves out photos and the contact token."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.sightings).where(t.sightings.c.doc_id == doc_id)).first()
            if row is None:
                return None
            token, photos = None, ()
            if media:
                token = conn.execute(sa.select(t.contacts.c.token).where(t.contacts.c.doc_id == doc_id)).scalar()
                photos = tuple(Photo(data=r.data, mime=r.mime, width=r.width, height=r.height, sha256=r.sha256)
                               for r in conn.execute(sa.select(t.media).where(t.media.c.doc_id == doc_id)
                                                     .order_by(t.media.c.seq)))
        parse = lambda v: dt.datetime.fromisoformat(v) if v else None  # noqa: E731
        return Sighting(place_text=row.place_text, lat=row.lat, lon=row.lon, coords_from=row.coords_from,
                        seen_at=parse(row.seen_at), submitted=parse(row.submitted), contact_token=token,
                        photos=photos)

    def sightings(self, *, media: bool = True) -> dict[str, Sighting]:
        with self.engine.connect() as conn:
            ids = [r.doc_id for r in conn.execute(sa.select(t.sightings.c.doc_id))]
        return {i: s for i in ids if (s := self.sighting(i, media=media)) is not None}

    def purge(self, older_than_days: float, *, now: dt.datetime | None = None) -> dict[str, int]:
        """Delete photos and contact details stored more than `older_than_days` ago, then
        rewrite the database file so that no freed page still holds them (SQLite: VACUUM and
        a truncating WAL checkpoint)."""
        if older_than_days < 0:
            raise ValueError("older_than_days must be 0 or more")
        cutoff = _iso((now or dt.datetime.now(dt.timezone.utc)) - dt.timedelta(days=older_than_days))
        with self.engine.begin() as conn:
            media = conn.execute(t.media.delete().where(t.media.c.stored <= cutoff)).rowcount
            contacts = conn.execute(t.contacts.delete().where(t.contacts.c.stored <= cutoff)).rowcount
            self._audit(conn, "purge", "citizen_data", None,  # type: ignore[attr-defined]
                        {"older_than_days": older_than_days, "media": media, "contacts": contacts}, coarse=True)
        self.compact()
        return {"media": media, "contacts": contacts}

    def compact(self) -> None:
        """Rewrite the file without free pages (SQLite), so deleted rows leave no bytes behind."""
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.exec_driver_sql("PRAGMA secure_delete=ON")
            conn.exec_driver_sql("VACUUM")
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
