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


def append_only(conn: sa.Connection, table: str, message: str) -> None:
    """Forbid UPDATE and DELETE on a table, in SQLite and PostgreSQL alike."""
    if conn.dialect.name == "sqlite":
        for op in ("UPDATE", "DELETE"):
            conn.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            "CREATE OR REPLACE FUNCTION borderwatch_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION '%% is append-only', TG_TABLE_NAME; END $$ LANGUAGE plpgsql"  # %% : the driver's placeholder escape
        )
        conn.exec_driver_sql(
            f"CREATE OR REPLACE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION borderwatch_append_only()"
        )


def _create_tables(conn: sa.Connection) -> None:
    schema.metadata.create_all(conn, checkfirst=True)
    append_only(conn, "audit_log", "audit_log is append-only")  # history is never rewritten


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
    append_only(conn, "verdicts", "verdicts are append-only")


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
