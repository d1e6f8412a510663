"""Persistence: SQLite by default, any SQLAlchemy URL (PostgreSQL) for teams."""

from borderwatch.store.db import Store, resolve_db_url

__all__ = ["Store", "resolve_db_url"]
