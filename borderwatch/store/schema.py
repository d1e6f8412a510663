"""Table definitions (SQLAlchemy Core), portable between SQLite and PostgreSQL.

Times are stored as ISO 8601 text in UTC so both back-ends keep the offset; the full
stage records are kept as JSON beside the columns that queries filter on.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_migrations = sa.Table(
    "schema_migrations", metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.String(40), nullable=False),
)

sources = sa.Table(
    "sources", metadata,
    sa.Column("id", sa.String(100), primary_key=True),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("reliability", sa.String(1)),
    sa.Column("url", sa.Text),
)

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("source_id", sa.String(100), sa.ForeignKey("sources.id"), nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("raw", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("language", sa.String(8)),
    sa.Column("published", sa.String(40)),
    sa.Column("retrieved", sa.String(40), nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("origin", sa.Text),
    sa.Column("repost_of", sa.String(64)),  # id of the document this one copies
    # Added by migration 2 (ingest provenance); all nullable.
    sa.Column("external_id", sa.String(200)),  # the platform's id of the post: "telegram:<chat>/<message>"
    sa.Column("forwarded_from", sa.JSON),  # model.Forward
    sa.Column("reply_to", sa.String(200)),
    sa.Column("edited", sa.String(40)),
    sa.Column("author", sa.String(300)),
    sa.Column("flags", sa.JSON),
    sa.UniqueConstraint("source_id", "content_hash", name="uq_documents_source_hash"),
)
sa.Index("ix_documents_hash", documents.c.content_hash)
sa.Index("ix_documents_external_id", documents.c.external_id)
DOCUMENT_COLUMNS_V2 = ("external_id", "forwarded_from", "reply_to", "edited", "author", "flags")

# Citizen sightings (migration 2). Reporter details live only in `contacts` and `media`,
# which `borderwatch purge` empties past retention; nothing about a reporter goes
# into `audit_log`, which is append-only.
sightings = sa.Table(
    "sightings", metadata,
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("place_text", sa.Text),
    sa.Column("lat", sa.Float),  # rounded to 0.01 degree (about 1 km)
    sa.Column("lon", sa.Float),
    sa.Column("coords_from", sa.String(10)),  # reporter, photo
    sa.Column("seen_at", sa.String(40)),
    sa.Column("submitted", sa.String(40)),  # rounded down to the hour
    sa.Column("photos", sa.Integer, nullable=False, default=0),
)

contacts = sa.Table(
    "contacts", metadata,
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("token", sa.LargeBinary, nullable=False),  # Fernet ciphertext (key: BORDERWATCH_CONTACT_KEY)
    sa.Column("stored", sa.String(40), nullable=False),  # rounded down to the hour
)

media = sa.Table(
    "media", metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),  # of the re-encoded bytes
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("mime", sa.String(20), nullable=False),
    sa.Column("width", sa.Integer, nullable=False),
    sa.Column("height", sa.Integer, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),  # pixels re-encoded; no metadata
    sa.Column("stored", sa.String(40), nullable=False),  # rounded down to the hour
)
sa.Index("ix_media_doc", media.c.doc_id)

observations = sa.Table(
    "observations", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),  # order within the document
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("actor_name", sa.String(200)),
    sa.Column("actor_country", sa.String(2)),
    sa.Column("modality", sa.String(20), nullable=False),
    sa.Column("background", sa.Boolean, nullable=False),
    sa.Column("time_date", sa.String(10)),
    sa.Column("evidence_start", sa.Integer, nullable=False),
    sa.Column("evidence_end", sa.Integer, nullable=False),
    sa.Column("extractor", sa.String(40), nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
)
sa.Index("ix_observations_doc", observations.c.doc_id)

places = sa.Table(
    "places", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("observation_id", sa.String(64), sa.ForeignKey("observations.id", ondelete="CASCADE"), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.Column("name", sa.String(200)),
    sa.Column("country", sa.String(2)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("kind", sa.String(40)),
    sa.Column("precision", sa.Integer),
    sa.Column("score", sa.Float),
    sa.Column("ref", sa.String(100)),
    sa.Column("border", sa.String(10)),
    sa.Column("border_km", sa.Float),
)
sa.Index("ix_places_observation", places.c.observation_id)

events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("credibility", sa.Integer, nullable=False),
    sa.Column("reliability", sa.String(1)),
    sa.Column("first_seen", sa.String(40)),
    sa.Column("data", sa.JSON, nullable=False),
)

event_observations = sa.Table(
    "event_observations", metadata,
    sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("observation_id", sa.String(64), sa.ForeignKey("observations.id", ondelete="CASCADE"), primary_key=True),
)

assessments = sa.Table(
    "assessments", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("problem", sa.String(100), nullable=False),
    sa.Column("as_of", sa.String(10), nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.UniqueConstraint("problem", "as_of", name="uq_assessments_problem_date"),
)

audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("who", sa.String(100), nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("entity", sa.String(40), nullable=False),
    sa.Column("entity_id", sa.String(100)),
    sa.Column("detail", sa.JSON),
)

# Alerts raised on assessments (assess/alerts.py): one row per alert and delivery target, so
# a re-run of `borderwatch alerts` for the same day does not send the same alert twice.
alerts = sa.Table(
    "alerts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("problem", sa.String(100), nullable=False),
    sa.Column("as_of", sa.String(10), nullable=False),
    sa.Column("rule", sa.String(100), nullable=False),
    sa.Column("target", sa.String(40), nullable=False),  # stdout, file, webhook
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.UniqueConstraint("problem", "as_of", "rule", "target", name="uq_alerts_once"),
)

# Analyst verdicts on events (corroborate/verdicts.py): append-only, applied in id order on
# every recomputation. They name observations, since event ids change with membership.
verdicts = sa.Table(
    "verdicts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("who", sa.String(100), nullable=False),
    sa.Column("action", sa.String(10), nullable=False),  # confirm, refute, merge, split
    sa.Column("event_id", sa.String(64), nullable=False),
    sa.Column("observations", sa.JSON, nullable=False),
    sa.Column("parts", sa.JSON, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
)

# Each source's track record from verdicts, beside its configured grade; recomputed with the events.
source_track = sa.Table(
    "source_track", metadata,
    sa.Column("source_id", sa.String(100), primary_key=True),
    sa.Column("configured", sa.String(1)),
    sa.Column("track", sa.String(1)),
    sa.Column("confirmed", sa.Integer, nullable=False),
    sa.Column("refuted", sa.Integer, nullable=False),
)
