"""The same store, pipeline and guarantees on PostgreSQL: a throwaway server on loopback.

The suite starts its own cluster (initdb + pg_ctl from Debian's postgresql package, run as
the `postgres` user when the tests run as root) and removes it afterwards. Skipped with a
reason only when the server binaries are not installed; `.ci/run` installs them.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from borderwatch import pipeline
from tests.conftest import EXAMPLES


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def pg_url():
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL server binaries are not installed (apt-get install postgresql)")
    pytest.importorskip("psycopg")
    base = Path(tempfile.mkdtemp(prefix="bw-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    run = lambda *cmd: subprocess.run([*as_user, *cmd], check=True, capture_output=True, timeout=120)  # noqa: E731
    run(initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync")
    run(pg_ctl, "-D", str(data), "-w", "-l", str(base / "log"), "-o",
        f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    try:
        admin = sa.create_engine(f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres",
                                 isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql("CREATE DATABASE borderwatch")
        admin.dispose()
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/borderwatch"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def pg_store(pg_url):
    from borderwatch.store import Store

    store = Store.open(pg_url)
    store.init()
    yield store
    store.close()


def test_migrations_apply_and_are_recorded(pg_store):
    from borderwatch.store.migrations import latest_version

    assert pg_store.schema_version() == latest_version()
    assert pg_store.init() == []


def test_the_main_job_runs_and_reingest_changes_nothing(pg_store, extractor):
    first = pipeline.ingest(pg_store, [EXAMPLES], extractor)
    assert len(first.new) >= 15 and not first.rejected
    events = pipeline.corroborate(pg_store)
    assessment = pipeline.assess(pg_store)
    assert events and assessment.hypotheses
    tables = ["sources", "documents", "observations", "places", "events", "assessments"]
    before = {t: list(pg_store.dump(t)) for t in tables}
    second = pipeline.ingest(pg_store, [EXAMPLES], extractor)
    pipeline.corroborate(pg_store)
    pipeline.assess(pg_store)
    assert not second.new and len(second.duplicate) == len(first.new)
    assert {t: list(pg_store.dump(t)) for t in tables} == before


def test_audit_log_and_verdicts_are_append_only(pg_store):
    with pg_store.engine.begin() as conn:
        pg_store._audit(conn, "test", "thing", "1")
    for table in ("audit_log", "verdicts"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            with pg_store.engine.begin() as conn:
                conn.exec_driver_sql(f"DELETE FROM {table}")
