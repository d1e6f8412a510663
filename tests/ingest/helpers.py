"""Shared by the ingest tests (import as tests.ingest.helpers)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOW = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.timezone.utc)
PSEUDONYM_KEY = b"test-pseudonym-key-0123456789abcdef"
CONTACT_KEY = "q0iQ1Yx7Jm0c0ZrM3y7yVv0f1m0hQ4b6Q1y2c3d4e5A="  # a Fernet key, for tests only


class NullExtractor:
    """Stands in for the NLP when a test is about ingest only."""

    version = "null"

    def extract_many(self, docs, batch_size: int = 32):
        for d in docs:
            yield d, []


def split(stream) -> dict[str, list]:
    """An adapter's stream as {"items": [...], "rejected": [...], "skipped": [...]}."""
    from borderwatch.ingest.base import Item, Rejected, Skipped

    out: dict[str, list] = {"items": [], "rejected": [], "skipped": []}
    for r in stream:
        assert isinstance(r, (Item, Rejected, Skipped)), r
        key = "items" if isinstance(r, Item) else "rejected" if isinstance(r, Rejected) else "skipped"
        out[key].append(r)
    return out
