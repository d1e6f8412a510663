"""RSS and Atom feeds (feedparser), from a file or fetched bytes.

feedparser never fetches anything itself here (a URL goes through `ingest.fetch`), and a
feed that declares XML entities is refused before parsing (entity-expansion bombs).
One source per site (`web.site_source`), so a site's feed and its pages agree; each entry
keeps its guid as `external_id`, so a corrected entry links to its first version.
"""

from __future__ import annotations

import json
import re

from borderwatch.ingest.base import Context, Item, Rejected, Stream, make_document, parse_iso_time
from borderwatch.ingest.web import _http, html_to_text, site_source, utc

MAX_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 5_000
_ENTITY = re.compile(rb"<!ENTITY", re.I)
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.I)


def read_feed(data: bytes, *, origin: str, ctx: Context, url: str | None = None) -> Stream:
    import feedparser

    if len(data) > MAX_BYTES:
        yield Rejected(origin, f"{len(data):,} bytes is over the {MAX_BYTES:,}-byte limit for a feed")
        return
    if _ENTITY.search(data[:1_000_000]) or _DOCTYPE.search(data[:1_000_000]):
        yield Rejected(origin, "the feed declares XML entities (a DOCTYPE with an internal subset): refused")
        return
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        why = f": {str(parsed.get('bozo_exception'))[:200]}" if parsed.get("bozo") else ""
        yield Rejected(origin, f"no feed entries found{why}")
        return
    feed = parsed.feed
    site = _http(feed.get("link")) or _http(url)
    source = site_source(site, (feed.get("title") or "").strip() or None)
    flags = ("malformed-xml",) if parsed.get("bozo") else ()
    for n, entry in enumerate(parsed.entries[:MAX_ENTRIES], 1):
        where = f"{origin}#entry-{n}"
        try:
            yield _entry(entry, source, where, ctx, flags)
        except ValueError as e:
            yield Rejected(where, str(e))
    if len(parsed.entries) > MAX_ENTRIES:
        yield Rejected(origin, f"{len(parsed.entries) - MAX_ENTRIES:,} entries past the first {MAX_ENTRIES:,} were left out")


def _entry(entry, source, where: str, ctx: Context, flags: tuple[str, ...]) -> Item:
    title = html_to_text(entry.get("title") or "").strip()
    contents = [c.get("value", "") for c in entry.get("content") or [] if c.get("value")]
    body_html = max(contents, key=len) if contents else entry.get("summary") or ""
    body = html_to_text(body_html).strip()
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}" if body else title
    if not body:
        raise ValueError("entry without text")
    published = utc(entry.get("published_parsed") or entry.get("updated_parsed"))
    if published is None and (entry.get("published") or entry.get("updated")):
        raise ValueError(f"impossible date {str(entry.get('published') or entry.get('updated'))[:40]!r}")
    if published is not None:
        published = parse_iso_time(published, now=ctx.now, what="published")
    link = _http(entry.get("link"))
    guid = str(entry.get("id") or link or "")[:500] or None
    raw = json.dumps({"title": entry.get("title"), "link": entry.get("link"), "id": entry.get("id"),
                      "published": entry.get("published") or entry.get("updated"), "summary": entry.get("summary"),
                      "content": contents or None}, ensure_ascii=False)
    doc = make_document(source, body, raw=raw, ctx=ctx, origin=where, title=title[:500] or None, url=link,
                        published=published, author=(entry.get("author") or None),
                        external_id=f"feed:{guid}" if guid else None,
                        flags=flags + (("script",) if re.search(r"<\s*script|javascript\s*:", raw, re.I) else ()))
    return Item(source, doc, {})
