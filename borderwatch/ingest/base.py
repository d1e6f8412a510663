"""What every adapter yields, and the context adapters share.

An adapter turns raw input into a stream of `Item` (a Source, a Document and extras),
`Rejected` (an item that could not be read, with the reason) and `Skipped` (an item that
is not a report: a service message, a photo without text). Adapters never open the
store; `borderwatch.pipeline` persists what they yield.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping, Union

from borderwatch.ingest.normalise import content_hash, document_id, normalise_text
from borderwatch.ingest.privacy import Keys
from borderwatch.model import Document, Sighting, Source


@dataclass(frozen=True)
class Item:
    source: Source
    doc: Document
    extra: Mapping[str, Any] = field(default_factory=dict)  # e.g. repost_of (front matter), media refs
    sighting: Sighting | None = None  # citizen sightings only


@dataclass(frozen=True)
class Rejected:
    origin: str
    reason: str


@dataclass(frozen=True)
class Skipped:
    origin: str
    reason: str  # counted per reason in the summary, not listed one by one


Result = Union[Item, Rejected, Skipped]
Stream = Iterator[Result]


@dataclass(frozen=True)
class FetchPolicy:
    """Limits for fetching URLs (see `ingest/fetch.py`)."""

    allow_private: bool = False
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    allow_networks: tuple[str, ...] = ()  # CIDRs allowed even if private or link-local (explicit)


@dataclass(frozen=True)
class Context:
    """What adapters need from outside: the time, keys, and the fetch policy."""

    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    keys: Keys = field(default_factory=Keys.from_env)
    fetch: FetchPolicy = field(default_factory=FetchPolicy)


# -- helpers shared by adapters ---------------------------------------------------------
_SLUG_BAD = re.compile(r"[^a-z0-9._-]+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")  # as normalise.has_direction_override, faster
_SCRIPT = re.compile(r"<\s*script\b|javascript\s*:|\bon[a-z]+\s*=", re.I)
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}")


def slug(*parts: str) -> str:
    """A source id from parts: lowercase ASCII letters, digits, '.', '_' and '-'."""
    text = "-".join(p for p in parts if p).lower()
    text = _SLUG_BAD.sub("-", text).strip("-._")[:100]
    return text or "unknown"


def text_flags(raw: str) -> tuple[str, ...]:
    """Findings about hostile text, kept on the Document as flags (the text is kept as text)."""
    flags = []
    if _BIDI.search(raw):
        flags.append("bidi-override")
    if _ZERO_WIDTH.search(raw):
        flags.append("zero-width")
    if _SCRIPT.search(raw):
        flags.append("script")
    if _TEMPLATE.search(raw):
        flags.append("template-syntax")
    return tuple(flags)


def make_document(source: Source, text: str, *, raw: str, ctx: Context, origin: str, kind: str | None = None,
                  flags: tuple[str, ...] = (), **fields: Any) -> Document:
    """A Document with identity = source + hash of the normalised text. Raises ValueError on empty text."""
    norm = normalise_text(text)
    if not norm:
        raise ValueError("no text")
    all_flags = tuple(dict.fromkeys(text_flags(text) + tuple(flags)))
    return Document(id=document_id(source.id, norm), source=source.id, kind=kind or source.kind, text=norm,
                    raw=raw, content_hash=content_hash(norm), retrieved=ctx.now, origin=origin,
                    flags=all_flags, **fields)


def parse_iso_time(value: Any, *, now: dt.datetime, what: str = "time") -> dt.datetime:
    """An ISO 8601 time (naive taken as UTC) between 1990 and a day after now. Raises ValueError."""
    if isinstance(value, dt.datetime):
        when = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            when = dt.datetime.fromtimestamp(value, dt.timezone.utc)
        except (OverflowError, OSError, ValueError):
            raise ValueError(f"{what} {value!r} is not a possible time") from None
    else:
        text = str(value).strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        try:
            when = dt.datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{what} {str(value)[:40]!r} is not an ISO 8601 date or time") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    if when > now + dt.timedelta(days=1):
        raise ValueError(f"{what} {when.isoformat()} is in the future")
    if when.year < 1990:
        raise ValueError(f"{what} {when.isoformat()} is before 1990")
    return when
