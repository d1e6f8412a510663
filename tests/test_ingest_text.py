import datetime as dt

import pytest

from borderwatch.errors import InputError
from borderwatch.ingest.normalise import content_hash, normalise_text
from borderwatch.ingest.text import MAX_BYTES, parse_report, read_report

NOW = dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc)


def test_front_matter_gives_source_kind_time_and_url():
    src, doc, extra = parse_report(
        b"---\nsource: belaruski-hajun\nsource_name: Belaruski Hajun\nkind: monitoring_group\n"
        b"published: 2024-05-13T07:40:00+03:00\nurl: https://t.me/example/1\nrepost_of: a.md\n---\n"
        b"A column of 30 vehicles moved south from Mazyr.\n", origin="x.md", now=NOW)
    assert src.id == "belaruski-hajun" and src.name == "Belaruski Hajun" and src.kind == "monitoring_group"
    assert doc.published == dt.datetime(2024, 5, 13, 4, 40, tzinfo=dt.timezone.utc)
    assert doc.url == "https://t.me/example/1"
    assert doc.text == "A column of 30 vehicles moved south from Mazyr."
    assert extra == {"repost_of": "a.md"}


def test_no_front_matter_is_a_plain_report():
    src, doc, _ = parse_report("# Title line\nTanks seen near Yelsk.".encode(), now=NOW)
    assert src.id == "unknown" and doc.published is None and doc.title == "Title line"


def test_identity_ignores_invisible_differences():
    a = normalise_text("Tanks\u200b moved  south.\r\n")
    b = normalise_text("Tanks moved south.\n")
    assert a == b and content_hash(a) == content_hash(b)


def test_direction_overrides_and_controls_are_removed():
    assert normalise_text("abc\u202edef\x00") == "abcdef"


@pytest.mark.parametrize("data, message", [
    (b"", "empty report"),
    (b"---\nsource: x\n---\n   \n", "empty report"),
    (b"\x00\x01\x02binary", "binary file"),
    (b"\xff\xfe\xfa not utf-8", "not UTF-8"),
    (b"---\nsource: [unclosed\n---\nbody", "invalid YAML front matter"),
    (b"---\nsource: x\nno closing line\n", "never closed"),
    (b"---\n- a\n- b\n---\nbody", "must be a mapping"),
    (b"---\nkind: spy\n---\nbody", "kind 'spy'"),
    (b"---\nsource: Bad Slug!\n---\nbody", "lowercase slug"),
    (b"---\npublished: yesterday-ish\n---\nbody", "not an ISO 8601"),
    (b"---\npublished: 2031-01-01\n---\nbody", "in the future"),
    (b"---\npublished: 2024-02-30\n---\nbody", "not an ISO 8601"),
    (b"---\nurl: javascript:alert(1)\n---\nbody", r"http\(s\)"),
])
def test_bad_input_is_a_clear_error(data, message):
    with pytest.raises(InputError, match=message):
        parse_report(data, origin="bad.md", now=NOW)


def test_missing_and_oversized_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_report(tmp_path / "nope.md")
    big = tmp_path / "big.md"
    big.write_bytes(b"a" * (MAX_BYTES + 1))
    with pytest.raises(InputError, match="limit"):
        read_report(big)
    with pytest.raises(InputError, match="not a regular file"):
        read_report(tmp_path)


def test_hostile_text_is_kept_as_text():
    _, doc, _ = parse_report(b"<script>alert(1)</script> {{ 7*7 }} =HYPERLINK(\"x\") tanks", now=NOW)
    assert "<script>" in doc.text and "{{ 7*7 }}" in doc.text
