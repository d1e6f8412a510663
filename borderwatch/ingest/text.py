"""Plain-text and Markdown reports, with an optional YAML front-matter block.

```
---
source: belaruski-hajun
source_name: Belaruski Hajun
kind: monitoring_group
published: 2024-05-14T09:30:00+03:00
url: https://t.me/hajun_by/12345
---
Body text...
```
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from borderwatch.errors import InputError
from borderwatch.ingest.base import parse_iso_time
from borderwatch.ingest.normalise import content_hash, document_id, normalise_text
from borderwatch.model import Document, Source

MAX_BYTES = 5 * 1024 * 1024  # a report larger than this is not a report
MAX_FRONT_MATTER = 16 * 1024
SUFFIXES = (".txt", ".md", ".markdown")
KNOWN_KEYS = {"source", "source_name", "kind", "published", "url", "title", "repost_of", "language"}
SOURCE_KINDS = {"news", "ministry", "monitoring_group", "think_tank", "citizen", "telegram", "government", "other"}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")
class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so impossible ones get our clear error."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)


def read_report(path: Path, *, now: dt.datetime | None = None) -> tuple[Source, Document, dict]:
    """Read one report file. Returns its Source, Document and the extra front matter."""
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read ({e.strerror})") from None
    if not path.is_file():
        raise InputError(f"{name}: not a regular file")
    if size > MAX_BYTES:
        raise InputError(f"{name}: {size:,} bytes is over the {MAX_BYTES:,}-byte limit for one report")
    return parse_report(path.read_bytes(), origin=name, now=now)


def parse_report(data: bytes, *, origin: str = "<stdin>", now: dt.datetime | None = None,
                 defaults: dict | None = None) -> tuple[Source, Document, dict]:
    """Parse report bytes (front matter optional) into a Source and a Document."""
    now = now or dt.datetime.now(dt.timezone.utc)
    raw = decode(data, origin)
    meta, body = split_front_matter(raw, origin)
    meta = {**(defaults or {}), **meta}
    text = normalise_text(body)
    if not text:
        raise InputError(f"{origin}: empty report (no text after the front matter)")

    source_id = str(meta.get("source") or "unknown")
    if not _SLUG.match(source_id):
        raise InputError(f"{origin}: source {source_id!r} must be a lowercase slug (letters, digits, . _ -)")
    kind = str(meta.get("kind") or "other")
    if kind not in SOURCE_KINDS:
        raise InputError(f"{origin}: kind {kind!r} is not one of {', '.join(sorted(SOURCE_KINDS))}")
    published = parse_time(meta.get("published"), origin, now)
    url = meta.get("url")
    if url is not None and not (isinstance(url, str) and re.match(r"^https?://\S+$", url)):
        raise InputError(f"{origin}: url must be an http(s) address")
    title = meta.get("title")
    if title is None and body.lstrip().startswith("# "):
        title = body.lstrip().split("\n", 1)[0][2:].strip()

    source = Source(id=source_id, name=str(meta.get("source_name") or source_id), kind=kind)
    doc = Document(
        id=document_id(source_id, text), source=source_id, kind=kind,
        title=str(title) if title else None, text=text, raw=raw,
        content_hash=content_hash(text), language=meta.get("language"),
        published=published, retrieved=now, url=url, origin=origin,
    )
    extra = {k: v for k, v in meta.items() if k not in KNOWN_KEYS - {"repost_of"}}
    return source, doc, extra


def decode(data: bytes, origin: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(f"{origin}: binary file, not a text report")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{origin}: not UTF-8 text (bad byte at offset {e.start}); convert it to UTF-8") from None


def split_front_matter(raw: str, origin: str) -> tuple[dict, str]:
    text = raw.replace("\r\n", "\n")
    if not text.startswith("---"):
        return {}, raw
    m = _FRONT.match(text)
    if not m:
        raise InputError(f"{origin}: front matter opened with '---' but never closed")
    block = m.group(1)
    if len(block) > MAX_FRONT_MATTER:
        raise InputError(f"{origin}: front matter over {MAX_FRONT_MATTER:,} characters")
    try:
        meta = yaml.load(block, Loader=_FrontMatterLoader) if block.strip() else {}
    except (yaml.YAMLError, ValueError) as e:
        where = getattr(e, "problem_mark", None)
        line = f" at line {where.line + 2}" if where else ""
        raise InputError(f"{origin}: invalid YAML front matter{line}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(f"{origin}: front matter must be a mapping of keys to values")
    return {str(k): v for k, v in meta.items()}, text[m.end():]


def parse_time(value, origin: str, now: dt.datetime) -> dt.datetime | None:
    """A published time: ISO 8601 (naive times are taken as UTC); never in the future."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    try:
        return parse_iso_time(value, now=now, what="published")
    except ValueError as e:
        raise InputError(f"{origin}: {e}") from None
