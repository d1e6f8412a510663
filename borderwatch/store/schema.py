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
    sa.UniqueConstraint("source_id", "content_hash", name="uq_documents_source_hash"),
)
sa.Index("ix_documents_hash", documents.c.content_hash)

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
