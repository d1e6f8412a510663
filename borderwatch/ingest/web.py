"""Web pages: main text and metadata (trafilatura) from saved HTML or a fetched URL.

The page's own text is kept as text: scripts, styles, forms and `javascript:` links never
reach the Document, and nothing stored is ever rendered as HTML (the report escapes all).
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from borderwatch.ingest.base import Context, Item, Rejected, Stream, make_document, parse_iso_time, slug
from borderwatch.model import Source

MAX_BYTES = 10 * 1024 * 1024
_BLOCK = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "pre", "section", "article")


def site_source(url: str | None, name: str | None = None, kind: str = "news") -> Source:
    """One source per site, shared by its feed and its pages: the host without 'www.'."""
    host = (urlsplit(url).hostname or "") if url else ""
    host = host[4:] if host.startswith("www.") else host
    sid = slug(host) if host else slug(name or "") if name else "web-unknown"
    return Source(id=sid, name=(name or host or sid)[:300], kind=kind, url=f"https://{host}/" if host else None)


def _http(url: str | None) -> str | None:
    return url if url and re.match(r"^https?://[^\s<>\"]+$", url) and len(url) <= 2000 else None


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Bytes to text: a declared charset, else a <meta charset>, else UTF-8, else cp1251."""
    for enc in filter(None, [charset, _meta_charset(data), "utf-8"]):
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1251", "replace")


_TIME_META = re.compile(r"<meta[^>]+(?:property|name|itemprop)=[\"'](?:article:published_time|datePublished|"
                        r"pubdate|date)[\"'][^>]*content=[\"']([0-9T:+.Z -]{10,40})[\"']", re.I)


def _meta_time(html: str) -> str | None:
    m = _TIME_META.search(html[:200_000])
    return m.group(1).strip() if m else None


def _meta_charset(data: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]{2,30})", data[:4096], re.I)
    return m.group(1).decode("ascii") if m else None


def read_page(data: bytes, *, origin: str, ctx: Context, url: str | None = None, charset: str | None = None) -> Stream:
    """One Item for a page with main text, else a Rejected with the reason."""
    import trafilatura

    if len(data) > MAX_BYTES:
        yield Rejected(origin, f"{len(data):,} bytes is over the {MAX_BYTES:,}-byte limit for a page")
        return
    html = decode_html(data, charset)
    if "\x00" in html[:4096]:
        yield Rejected(origin, "binary data, not an HTML page")
        return
    try:
        got = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_links=False, include_images=False, include_tables=True,
                                          date_extraction_params={"extensive_search": True, "original_date": True,
                                                                  "outputformat": "%Y-%m-%dT%H:%M:%S%z"})
    except Exception as e:  # trafilatura on hostile markup
        yield Rejected(origin, f"could not read the page: {type(e).__name__}: {str(e)[:200]}")
        return
    meta = got.as_dict() if got is not None and hasattr(got, "as_dict") else (got or {})
    text = (meta.get("text") or "").strip()
    if not text:
        yield Rejected(origin, "no main text found in the page")
        return
    canonical = _http(meta.get("url")) or _http(url)
    source = site_source(canonical, meta.get("sitename"))
    published = None
    for value in (_meta_time(html), meta.get("date")):  # the page's own time first: trafilatura keeps the day only
        if value:
            try:
                published = parse_iso_time(value, now=ctx.now, what="publication date")
                break
            except ValueError:
                continue
    title = (meta.get("title") or "").strip() or None
    body = text if not title or text.startswith(title) else f"{title}\n\n{text}"
    flags = ("script",) if re.search(r"<\s*script\b|javascript\s*:", html[:MAX_BYTES], re.I) else ()
    try:
        doc = make_document(source, body, raw=html, ctx=ctx, origin=origin, title=title[:500] if title else None,
                            url=canonical, published=published, author=(meta.get("author") or None),
                            external_id=f"url:{canonical}" if canonical else None, flags=flags)
    except ValueError as e:
        yield Rejected(origin, str(e))
        return
    # Stored flags say the page *held* script; the text itself never does (trafilatura drops it).
    yield Item(source, doc, {"sitename": meta.get("sitename")} if meta.get("sitename") else {})


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry): scripts, styles and markup removed."""
    import lxml.html
    from lxml import etree

    if not fragment or "<" not in fragment:
        return fragment or ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]{0,2000}>", " ", fragment)
    for bad in root.xpath("//script|//style|//iframe|//object|//embed|//form|//noscript|//svg|//template"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK:
            el.tail = "\n" + (el.tail or "")
    return root.text_content()


def utc(value) -> dt.datetime | None:
    """A time.struct_time (feedparser) as an aware UTC datetime."""
    if not value:
        return None
    try:
        return dt.datetime(*value[:6], tzinfo=dt.timezone.utc)
    except (TypeError, ValueError):
        return None
