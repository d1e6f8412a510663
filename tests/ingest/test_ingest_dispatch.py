"""The dispatcher: mixed folders, archives, unknown files; the CLI's per-batch counts;
watch mode; the store migration that adds the ingest columns."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from borderwatch import pipeline
from borderwatch.ingest.dispatch import kind_of
from tests.ingest import imagefactory as imf
from tests.ingest.helpers import FIXTURES, NullExtractor

BIN = Path(sys.executable).with_name("borderwatch")
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "2024-05-07-citizen-kalinkavichy-trucks.md"


@pytest.fixture
def mixed(tmp_path):
    """A monitor's folder: an export, feeds, a page, sightings with a photo, a report, junk."""
    root = tmp_path / "inbox"
    shutil.copytree(FIXTURES, root)
    (root / "sightings" / "photos").mkdir()
    (root / "sightings" / "photos" / "column.jpg").write_bytes(imf.phone_photo())
    shutil.copy(EXAMPLE, root / "report.md")
    (root / "notes.docx").write_bytes(b"PK\x03\x04 not really")  # unknown suffix: not picked up from a folder
    (root / ".hidden.md").write_text("hidden files are left alone")
    return root


@pytest.mark.parametrize("name, head, kind", [
    ("result.json", b'{"name": "X", "type": "public_channel", "id": 1, "messages": [', "telegram"),
    ("sightings.json", b'[{"what": "x"}]', "sightings"),
    ("a.csv", b"what\n", "sightings"),
    ("feed.xml", b"<?xml version='1.0'?><rss>", "feed"),
    ("noext", b"<?xml version='1.0'?><feed xmlns=", "feed"),
    ("page.htm", b"<!DOCTYPE html>", "web"),
    ("saved", b"<html><body>", "web"),
    ("r.md", b"---\n", "text"),
    ("pack.bin", b"PK\x03\x04", "archive"),
    ("x.exe", b"MZ", "unknown"),
])
def test_kind_by_name_and_content(name, head, kind):
    assert kind_of(name, head) == kind


def test_a_mixed_folder_in_one_call(store, ctx, mixed):
    s = pipeline.ingest(store, [mixed], NullExtractor(), ctx=ctx)
    kinds = {}
    for b in s.batches:
        kinds.setdefault(b.kind, 0)
        kinds[b.kind] += b.new
    assert kinds == {"feed": 4, "sightings": 7, "telegram": 10, "text": 1, "web": 1}
    assert not any(b.input.endswith((".docx", ".hidden.md")) for b in s.batches)
    again = pipeline.ingest(store, [mixed], NullExtractor(), ctx=ctx)
    assert again.total("new") == 0 and again.total("duplicate") == s.total("new")


def test_explicit_unknown_and_missing_paths_are_rejected(store, ctx, tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"\x00\x01binary")
    s = pipeline.ingest(store, [tmp_path / "notes.docx", tmp_path / "missing.json"], NullExtractor(), ctx=ctx)
    reasons = [r for _, r in s.rejected]
    assert "not a known report type" in reasons[0] and "no such file" in reasons[1]


def _zip(path: Path, members: dict[str, bytes], *, symlink: str | None = None, level=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=level) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return path


def test_archives_are_read_in_place_with_every_member_checked(store, ctx, tmp_path):
    export = (FIXTURES / "telegram" / "channel" / "result.json").read_bytes()
    sightings = (FIXTURES / "sightings" / "sightings.json").read_bytes()
    bomb = b"\0" * (50 * 1024 * 1024)
    archive = _zip(tmp_path / "export.zip", {
        "ChatExport_2024-05-14/result.json": export,
        "ChatExport_2024-05-14/photos/photo_1042@13-05-2024_21-40-12.jpg": imf.phone_photo(),
        "intake/sightings.json": sightings,
        "intake/photos/column.jpg": imf.phone_photo(),
        "../../etc/cron.d/evil": b"* * * * * root sh",
        "/abs/path.md": b"x",
        "C:/windows/x.md": b"x",
        "bomb/zeros.json": bomb,
        "nested/inner.zip": _zip(tmp_path / "inner.zip", {"a.md": b"Tanks near Yelsk."}).read_bytes(),
        "report.md": EXAMPLE.read_bytes(),
    }, symlink="link.md")
    s = pipeline.ingest(store, [archive], NullExtractor(), ctx=ctx)
    b = s.batches[0]
    assert b.kind == "archive" and b.new == 6 + 3 + 1
    reasons = dict(b.rejected)
    assert "climbs out" in reasons[f"{archive}!../../etc/cron.d/evil"]
    assert "absolute path" in reasons[f"{archive}!/abs/path.md"] and "absolute path" in reasons[f"{archive}!C:/windows/x.md"]
    assert "decompression bomb" in reasons[f"{archive}!bomb/zeros.json"]
    assert "nested archive" in reasons[f"{archive}!nested/inner.zip"]
    assert "symbolic link" in reasons[f"{archive}!link.md"]
    assert "climbs out" in reasons[f"{archive}!intake/sightings.json#3/photo-4"]  # ../../../etc/passwd
    photos = [p for sg in store.sightings().values() for p in sg.photos]
    assert len(photos) == 1 and not any(m in photos[0].data for m in imf.MARKERS)
    assert not (tmp_path / "etc").exists() and not Path("/abs").exists()


def test_broken_and_hostile_archives(store, ctx, tmp_path):
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04" + b"\0" * 50)
    many = _zip(tmp_path / "many.zip", {f"m{i}.md": b"x" for i in range(3)})
    from borderwatch.ingest import archives

    old = archives.MAX_MEMBERS
    archives.MAX_MEMBERS = 2
    try:
        s = pipeline.ingest(store, [tmp_path / "broken.zip", many], NullExtractor(), ctx=ctx)
    finally:
        archives.MAX_MEMBERS = old
    reasons = [r for _, r in s.rejected]
    assert "not a readable ZIP archive" in reasons[0] and "over the limit of 2" in reasons[1]


def test_a_truncated_zipped_export_keeps_the_messages_before_the_cut(store, ctx, tmp_path):
    export = (FIXTURES / "telegram" / "channel" / "result.json").read_bytes()
    archive = _zip(tmp_path / "cut.zip", {"result.json": export[: len(export) // 2]})
    s = pipeline.ingest(store, [archive], NullExtractor(), ctx=ctx)
    assert s.total("new") >= 1 and "truncated" in s.rejected[0][1]


def test_cli_prints_per_batch_counts(tmp_path, mixed):
    env = {**os.environ, "BORDERWATCH_DB": str(tmp_path / "bw.db"), "BORDERWATCH_PSEUDONYM_KEY": "k" * 32,
           "BORDERWATCH_CONTACT_KEY": "q0iQ1Yx7Jm0c0ZrM3y7yVv0f1m0hQ4b6Q1y2c3d4e5A="}
    r = subprocess.run([str(BIN), "ingest", str(mixed / "telegram"), str(mixed / "sightings" / "sightings.csv"),
                        str(mixed / "nope.rss")], capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert any("account/result.json (telegram): new 4, duplicate 0, rejected 0; skipped 1 service message" in line
               for line in lines), r.stdout
    assert any("sightings.csv (sightings): new 4, duplicate 0, rejected 2; flagged" in line for line in lines), r.stdout
    assert any(line.startswith("total: new 14, duplicate 0, rejected 3") for line in lines), r.stdout
    assert "not a possible longitude" in r.stderr and "nope.rss: no such file" in r.stderr
    assert "Traceback" not in r.stderr
    r = subprocess.run([str(BIN), "purge", "--older-than", "0"], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0 and "purged 0 photos and 0 contact details" in r.stdout, r.stderr


def test_watch_mode_reads_new_files_each_round(store, ctx, tmp_path):
    from borderwatch.ingest.watch import Watcher, load_config

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (tmp_path / "watch.yaml").write_text("interval: 10\nfolders: [inbox]\n")
    cfg = load_config(tmp_path / "watch.yaml")
    rounds = []

    def do_round(inputs):
        rounds.append(pipeline.ingest(store, inputs, NullExtractor(), ctx=ctx))

    def sleep(_):
        if len(rounds) == 1:  # a new file arrives between rounds
            shutil.copy(FIXTURES / "feeds" / "pivnich.atom", inbox / "pivnich.atom")

    shutil.copy(EXAMPLE, inbox / "a.md")
    assert Watcher(cfg).run(do_round, rounds=3, sleep=sleep) == 3
    assert [r.total("new") for r in rounds] == [1, 2]  # the third round had nothing new to read


@pytest.mark.parametrize("text, message", [
    ("interval: 1\nfolders: [.]\n", "at least 10"),
    ("feeds: [ftp://x]\n", r"http\(s\) URLs"),
    ("folders: [missing]\n", "does not exist"),
    ("colour: blue\n", "unknown keys"),
    ("{}\n", "nothing to watch"),
])
def test_watch_config_errors(tmp_path, text, message):
    from borderwatch.errors import InputError
    from borderwatch.ingest.watch import load_config

    (tmp_path / "w.yaml").write_text(text)
    with pytest.raises(InputError, match=message):
        load_config(tmp_path / "w.yaml")


def test_a_store_made_before_migration_2_is_upgraded(tmp_path):
    from borderwatch.store import Store

    s = Store.open(str(tmp_path / "old.db"))
    s.init()
    with s.engine.begin() as conn:  # make it look like a schema-1 store
        for col in ("external_id", "forwarded_from", "reply_to", "edited", "author", "flags"):
            conn.exec_driver_sql("DROP INDEX IF EXISTS ix_documents_external_id")
            conn.exec_driver_sql(f"ALTER TABLE documents DROP COLUMN {col}")
        for table in ("media", "contacts", "sightings"):
            conn.exec_driver_sql(f"DROP TABLE {table}")
        conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version >= 2")
    applied = s.init()
    assert applied[0] == "002 ingest provenance and citizen sightings"
    cols = {c["name"] for c in sa.inspect(s.engine).get_columns("documents")}
    assert {"external_id", "forwarded_from", "reply_to", "edited", "author", "flags"} <= cols
    assert {"sightings", "contacts", "media"} <= set(sa.inspect(s.engine).get_table_names())


@pytest.mark.parametrize("command", ["ingest", "watch", "purge"])
def test_ingest_commands_have_help(command):
    r = subprocess.run([str(BIN), command, "--help"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "Usage" in r.stdout


def test_a_failing_extractor_or_adapter_does_not_end_the_run(store, ctx, mixed, monkeypatch):
    class Broken:
        version = "broken"

        def extract_many(self, docs, batch_size=32):
            raise RuntimeError("model crashed")
            yield  # pragma: no cover

    s = pipeline.ingest(store, [mixed / "feeds", mixed / "report.md"], Broken(), ctx=ctx)
    assert s.total("new") == 5 and sum("internal error extracting" in r for _, r in s.rejected) == 3

    def explode(*a, **k):
        yield from ()
        raise KeyError("adapter bug")

    monkeypatch.setattr("borderwatch.ingest.feeds.read_feed", explode)
    s = pipeline.ingest(store, [mixed / "feeds", EXAMPLE], NullExtractor(), ctx=ctx)
    assert [b.rejected_count for b in s.batches] == [1, 1, 1, 0]
    assert "internal error: KeyError" in s.rejected[0][1] and s.batches[-1].duplicate == 1


@pytest.mark.parametrize("head, kind", [
    (b'[{"what": "messages of type tank", "place": "x"}]', "sightings"),
    (b'{"sightings": [{"what": "\\"messages\\": [", "place": "x"}]}', "sightings"),
    (b'\xef\xbb\xbf{\n "about": "x",\n "personal_information": {', "telegram"),
    (b'{"name": "X", "type": "private_supergroup", "id": 5, "messages": [', "telegram"),
])
def test_json_kinds(head, kind):
    assert kind_of("data.json", head) == kind
