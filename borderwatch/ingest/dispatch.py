"""Pick the adapter for each input: folders, files by type and content, archives, URLs.

`batches(inputs, ctx)` yields one `Batch` per file or URL (a folder gives one per file in
it); each batch's `items` is the adapter's stream. Nothing here touches the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from borderwatch.errors import BorderwatchError
from borderwatch.ingest.base import Context, Item, Rejected, Stream

TEXT = (".txt", ".md", ".markdown")
FEED = (".xml", ".rss", ".atom", ".rdf")
PAGE = (".html", ".htm", ".xhtml")
SIGHTINGS = (".csv",)
JSON = (".json",)
ARCHIVE = (".zip",)
KNOWN = TEXT + FEED + PAGE + SIGHTINGS + JSON + ARCHIVE
_URL = re.compile(r"^https?://", re.I)


@dataclass
class Batch:
    input: str  # the file, archive member or URL
    kind: str  # text, telegram, feed, web, sightings, archive, unknown
    items: Stream


def is_url(value: str) -> bool:
    return bool(_URL.match(value))


def expand(inputs: Iterable[str | Path]) -> Iterator[str | Path]:
    """URLs as they are; folders as their known files (sorted, README.md left out)."""
    for value in inputs:
        if isinstance(value, str) and is_url(value):
            yield value
            continue
        p = Path(value)
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in KNOWN
                              and f.name.lower() != "readme.md" and not _hidden(f, p))
        else:
            yield p


def _hidden(f: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in f.relative_to(root).parts)


def batches(inputs: Iterable[str | Path], ctx: Context, *, fetcher: Callable | None = None) -> Iterator[Batch]:
    for value in expand(inputs):
        if isinstance(value, str):
            yield from _url_batch(value, ctx, fetcher)
        else:
            yield _file_batch(value, ctx)


def _file_batch(path: Path, ctx: Context) -> Batch:
    name = str(path)
    if not path.exists():
        return Batch(name, "unknown", iter([Rejected(name, "no such file or folder")]))
    if not path.is_file():
        return Batch(name, "unknown", iter([Rejected(name, "not a regular file")]))
    kind = kind_of(path.name, _head(path))
    return Batch(name, kind, _guard(name, _reader(kind, path, ctx)))


def _head(path: Path, n: int = 65536) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(n)
    except OSError:
        return b""


def kind_of(name: str, head: bytes) -> str:
    """The adapter for a file, from its name and first bytes (content wins where they disagree)."""
    from borderwatch.ingest.telegram import looks_like_export

    suffix = Path(name).suffix.lower()
    sniff = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048].lower()
    if suffix in ARCHIVE or head.startswith(b"PK\x03\x04"):
        return "archive"
    if suffix in JSON:
        return "telegram" if looks_like_export(head) else "sightings"
    if suffix in SIGHTINGS:
        return "sightings"
    if suffix in FEED:
        return "feed"
    if suffix in PAGE:
        return "web"
    if suffix in TEXT:
        return "text"
    if sniff.startswith(b"<?xml") or b"<rss" in sniff or b"<feed" in sniff:
        return "feed" if (b"<rss" in sniff or b"<feed" in sniff or b"<rdf" in sniff) else "web"
    if sniff.startswith((b"<!doctype html", b"<html")):
        return "web"
    return "unknown"


def _reader(kind: str, path: Path, ctx: Context) -> Stream:
    name = str(path)
    if kind == "text":
        from borderwatch.ingest.text import read_report

        source, doc, extra = read_report(path, now=ctx.now)
        yield Item(source, doc, extra)
    elif kind == "telegram":
        from borderwatch.ingest.telegram import read_export

        with path.open("rb") as f:
            yield from read_export(f, origin=name, ctx=ctx)
    elif kind == "feed":
        from borderwatch.ingest.feeds import MAX_BYTES, read_feed

        yield from read_feed(_read_capped(path, MAX_BYTES), origin=name, ctx=ctx)
    elif kind == "web":
        from borderwatch.ingest.web import MAX_BYTES, read_page

        yield from read_page(_read_capped(path, MAX_BYTES), origin=name, ctx=ctx)
    elif kind == "sightings":
        from borderwatch.ingest.sightings import MAX_BYTES, read_sightings

        yield from read_sightings(_read_capped(path, MAX_BYTES), origin=name, ctx=ctx,
                                  attachments=FolderAttachments(path.parent), csv=path.suffix.lower() == ".csv")
    elif kind == "archive":
        from borderwatch.ingest.archives import read_archive

        yield from read_archive(path, ctx=ctx)
    else:
        yield Rejected(name, f"not a known report type ({path.suffix or 'no suffix'}): "
                             "expected .txt .md .json .csv .xml .rss .atom .html or .zip")


def _read_capped(path: Path, limit: int) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise BorderwatchError(f"{path}: {size:,} bytes is over the {limit:,}-byte limit")
    return path.read_bytes()


def _guard(name: str, stream: Stream) -> Stream:
    """Turn an error raised by an adapter into a rejection; the batch goes on."""
    try:
        yield from stream
    except BorderwatchError as e:
        msg = str(e)
        yield Rejected(name, msg if msg.startswith(name) else f"{name}: {msg}")
    except (OSError, ValueError) as e:
        yield Rejected(name, f"{name}: {e}")


class FolderAttachments:
    """Files a sightings list refers to (photos), only from inside its folder."""

    def __init__(self, root: Path, max_bytes: int = 25 * 1024 * 1024) -> None:
        self.root, self.max_bytes = root.resolve(), max_bytes

    def __call__(self, ref: str) -> bytes:
        if not ref or "\x00" in ref or Path(ref).is_absolute() or ".." in Path(ref.replace("\\", "/")).parts:
            raise ValueError(f"photo path {ref[:80]!r} must be relative and inside the folder of the list")
        p = (self.root / ref).resolve()
        if self.root not in p.parents:
            raise ValueError(f"photo path {ref[:80]!r} leads outside the folder of the list")
        if not p.is_file():
            raise ValueError(f"photo {ref[:80]!r} not found")
        if p.stat().st_size > self.max_bytes:
            raise ValueError(f"photo {ref[:80]!r} is over the {self.max_bytes:,}-byte limit")
        return p.read_bytes()


def _url_batch(url: str, ctx: Context, fetcher: Callable | None) -> Iterator[Batch]:
    from borderwatch.ingest import fetch as fetch_mod

    fetcher = fetcher or fetch_mod.fetch
    try:
        got = fetcher(url, policy=ctx.fetch, accept=fetch_mod.DOCUMENT_TYPES)
    except BorderwatchError as e:
        yield Batch(url, "url", iter([Rejected(url, str(e))]))
        return
    kind = fetch_mod.kind_of_response(got)
    if kind == "feed":
        from borderwatch.ingest.feeds import read_feed

        yield Batch(url, kind, _guard(url, read_feed(got.data, origin=url, url=got.url, ctx=ctx)))
    else:
        from borderwatch.ingest.web import read_page

        yield Batch(url, kind, _guard(url, read_page(got.data, origin=url, url=got.url, ctx=ctx,
                                                     charset=got.charset)))
