import sqlalchemy as sa
import pytest

from borderwatch import pipeline
from borderwatch.store import resolve_db_url
from borderwatch.store.migrations import latest_version

TABLES = ["sources", "documents", "observations", "places", "events", "event_observations", "assessments"]


def test_db_location_from_flag_env_or_default(monkeypatch):
    monkeypatch.delenv("BORDERWATCH_DB", raising=False)
    assert resolve_db_url(None) == "sqlite:///borderwatch.db"
    monkeypatch.setenv("BORDERWATCH_DB", "/tmp/x.db")
    assert resolve_db_url(None) == "sqlite:////tmp/x.db"
    assert resolve_db_url("postgresql://u@localhost/bw") == "postgresql://u@localhost/bw"


def test_init_is_versioned_wal_with_foreign_keys(store):
    assert store.schema_version() == latest_version()
    assert store.init() == []  # nothing left to apply
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_audit_log_is_append_only(store):
    with store.engine.begin() as conn:
        store._audit(conn, "test", "thing", "1")
    with pytest.raises(sa.exc.DatabaseError, match="append-only"):
        with store.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM audit_log")


def _snapshot(store):
    return {t: list(store.dump(t)) for t in TABLES}


def test_ingest_twice_leaves_the_same_rows(store, extractor, tmp_path):
    for i, body in enumerate(["Twelve T-72B3 tanks moved south from Mazyr towards the Ukrainian border, "
                              "Belaruski Hajun reported on Monday.",
                              "Belarusian MoD: a snap combat readiness check began in the Homel region."]):
        (tmp_path / f"r{i}.md").write_text(f"---\nsource: s{i}\npublished: 2024-05-14\n---\n{body}\n")
    first = pipeline.ingest(store, [tmp_path], extractor)
    pipeline.corroborate(store)
    snap = _snapshot(store)
    audit = len(store.audit_entries())
    second = pipeline.ingest(store, [tmp_path], extractor)
    pipeline.corroborate(store)
    assert len(first.new) == 2 and second.new == [] and len(second.duplicate) == 2
    assert _snapshot(store) == snap
    assert len(store.audit_entries()) == audit  # nothing changed, nothing logged
    assert snap["observations"], "the reports hold observations"


def test_one_broken_report_does_not_sink_the_batch(store, extractor, tmp_path):
    (tmp_path / "good.md").write_text("---\nsource: a\npublished: 2024-05-14\n---\nA column of BTR-82A moved to Yelsk.\n")
    (tmp_path / "bad.md").write_bytes(b"---\nsource: [\n---\nbody")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    s = pipeline.ingest(store, [tmp_path, tmp_path / "missing.md"], extractor)
    assert [p.split("/")[-1] for p in s.new] == ["good.md"]
    reasons = dict((p.split("/")[-1], r) for p, r in s.rejected)
    assert set(reasons) == {"bad.md", "empty.txt", "binary.txt", "missing.md"}
    assert "invalid YAML" in reasons["bad.md"] and "empty" in reasons["empty.txt"]
    assert len(store.documents()) == 1
