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


MIGRATIONS: list[tuple[int, str, Callable[[sa.Connection], None]]] = [
    (1, "create tables", _create_tables),
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
