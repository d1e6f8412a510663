"""Feeds (RSS, Atom) and web pages from files: text, metadata, hostile markup."""

from __future__ import annotations

import datetime as dt

import pytest

from borderwatch import pipeline
from borderwatch.ingest.feeds import read_feed
from borderwatch.ingest.web import html_to_text, read_page
from tests.ingest.helpers import FIXTURES, NullExtractor, split

FEEDS = FIXTURES / "feeds"
PAGE = FIXTURES / "web" / "nasha-niva-yelsk.html"


def feed(name, ctx):
    return split(read_feed((FEEDS / name).read_bytes(), origin=name, ctx=ctx))


def test_rss_entries_with_metadata(ctx):
    out = feed("palessie-today.rss", ctx)
    first, second = out["items"]
    assert first.source.id == "palessie.example" and first.source.name == "Palessie Today"
    assert first.doc.title == "Колонна техники прошла через Ельск"
    assert first.doc.text.startswith("Колонна техники прошла через Ельск\n\nВ понедельник вечером колонна")
    assert first.doc.published.isoformat() == "2024-05-13T16:05:00+00:00"
    assert first.doc.author == "Ирина Ковальчук" and first.doc.url.endswith("/yelsk-column")
    assert first.doc.external_id == "feed:palessie-2024-05-13-001"
    assert "alert" not in first.doc.text and "javascript" not in first.doc.text
    assert "2 тысячи военнослужащих" in second.doc.text  # content:encoded preferred to the summary
    assert "impossible date" in out["rejected"][0].reason


def test_atom_in_belarusian(ctx):
    out = feed("pivnich.atom", ctx)
    assert [i.source.id for i in out["items"]] == ["pivnich.example", "pivnich.example"]
    assert "Украінскія сапёры будуюць" in out["items"][0].doc.text
    assert out["items"][0].doc.published.isoformat() == "2024-05-15T06:30:00+00:00"


@pytest.mark.parametrize("data, reason", [
    ((FEEDS / "entity-bomb.xml").read_bytes(), "declares XML entities"),
    (b"<rss><channel><title>x</title></channel></rss>", "no feed entries"),
    (b"not xml at all \x00\x01", "no feed entries"),
    (b'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file:///etc/passwd" [<!ELEMENT x ANY>]><rss/>', "declares XML"),
])
def test_hostile_feeds(ctx, data, reason):
    out = split(read_feed(data, origin="f.xml", ctx=ctx))
    assert not out["items"] and reason in out["rejected"][0].reason


def test_a_saved_page_gives_main_text_and_metadata(ctx):
    out = split(read_page(PAGE.read_bytes(), origin=PAGE.name, ctx=ctx))
    item = out["items"][0]
    d = item.doc
    assert d.title == "Колонна военной техники прошла через Ельск"
    assert d.author == "Ирина Ковальчук" and d.url == "https://palessie.example/news/2024/05/13/yelsk-column"
    assert d.published == dt.datetime(2024, 5, 13, 16, 5, tzinfo=dt.timezone.utc)
    assert item.source.id == "palessie.example" and d.external_id == "url:" + d.url
    assert "красные квадраты" in d.text and "Главная" not in d.text and "© 2024" not in d.text
    for bad in ("<script", "javascript:", "alert(", "onerror", "<iframe"):
        assert bad not in d.text
    assert "script" in d.flags and "<script>" in d.raw  # the raw page is kept as text, never rendered


def test_page_encodings_and_empty_pages(ctx):
    html = "<html><head><meta charset='windows-1251'><title>Ельск</title></head><body><article><p>" + \
        "Колонна из 30 машин прошла через Ельск в сторону границы с Украиной. " * 5 + "</p></article></body></html>"
    out = split(read_page(html.encode("cp1251"), origin="p.html", ctx=ctx))
    assert "Колонна из 30 машин" in out["items"][0].doc.text
    for data, reason in [(b"<html><body><script>x()</script></body></html>", "no main text"),
                         (b"\x00\x01\x02" * 100, "binary"), (b"x" * (11 * 1024 * 1024), "over the")]:
        out = split(read_page(data, origin="p.html", ctx=ctx))
        assert not out["items"] and reason in out["rejected"][0].reason


def test_html_fragments_to_text():
    assert html_to_text("<p>a</p><script>b()</script><p>c <a href='javascript:x'>d</a></p>").split() == ["a", "c", "d"]
    assert html_to_text("plain & simple") == "plain & simple"


def test_feed_and_page_of_one_site_share_a_source_and_reingest_adds_nothing(store, ctx, tmp_path):
    s = pipeline.ingest(store, [FEEDS / "palessie-today.rss", PAGE], NullExtractor(), ctx=ctx)
    assert s.total("new") == 3 and set(store.sources()) == {"palessie.example"}
    again = pipeline.ingest(store, [FEEDS / "palessie-today.rss", PAGE], NullExtractor(), ctx=ctx)
    assert again.total("new") == 0 and again.total("duplicate") == 3
