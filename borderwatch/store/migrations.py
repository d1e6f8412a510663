"""Named, versioned schema migrations, each recorded in `schema_migrations`.

Migration 1 creates the tables as `schema.py` defines them; a later migration that
changes a table must also change `schema.py` and check before it alters, so a store
created fresh and a store migrated step by step end up the same.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

import sqlalchemy as sa

from borderwatch.store import schema


def _create_tables(conn: sa.Connection) -> None:
    schema.metadata.create_all(conn, checkfirst=True)
    if conn.dialect.name == "sqlite":
        # The audit log is append-only: history is never rewritten.
        for op in ("UPDATE", "DELETE"):
            conn.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS audit_log_no_{op.lower()} BEFORE {op} ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
            )


def _ingest_provenance(conn: sa.Connection) -> None:
    """Document provenance columns (forwards, replies, edits, flags) and the citizen tables."""
    have = {c["name"] for c in sa.inspect(conn).get_columns("documents")}
    for name in schema.DOCUMENT_COLUMNS_V2:
        if name not in have:
            col = schema.documents.c[name]
            kind = col.type.compile(dialect=conn.dialect)
            conn.exec_driver_sql(f"ALTER TABLE documents ADD COLUMN {name} {kind}")
    schema.metadata.create_all(conn, checkfirst=True)  # sightings, contacts, media and the new index


def _verdicts(conn: sa.Connection) -> None:
    """Analyst verdicts (append-only) and source track records."""
    for table in (schema.verdicts, schema.source_track):
        table.create(conn, checkfirst=True)
    if conn.dialect.name == "sqlite":
        for op in ("UPDATE", "DELETE"):
            conn.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS verdicts_no_{op.lower()} BEFORE {op} ON verdicts "
                "BEGIN SELECT RAISE(ABORT, 'verdicts are append-only'); END"
            )


def _alerts(conn: sa.Connection) -> None:
    """The log of alerts raised on assessments."""
    schema.alerts.create(conn, checkfirst=True)


MIGRATIONS: list[tuple[int, str, Callable[[sa.Connection], None]]] = [
    (1, "create tables", _create_tables),
    (2, "ingest provenance and citizen sightings", _ingest_provenance),
    (3, "analyst verdicts and source track records", _verdicts),
    (4, "alerts log", _alerts),
]


def applied(conn: sa.Connection) -> set[int]:
    if not sa.inspect(conn).has_table("schema_migrations"):
        return set()
    return {row.version for row in conn.execute(sa.select(schema.schema_migrations.c.version))}


def migrate(conn: sa.Connection) -> list[str]:
    """Apply the migrations not yet applied, in order. Returns the names applied."""
    done = applied(conn)
    names = []
    for version, name, step in MIGRATIONS:
        if version in done:
            continue
        step(conn)
        conn.execute(schema.schema_migrations.insert().values(
            version=version, name=name, applied_at=dt.datetime.now(dt.timezone.utc).isoformat()))
        names.append(f"{version:03d} {name}")
    return names


def latest_version() -> int:
    return MIGRATIONS[-1][0]
