"""The command line as a user meets it: real subprocesses, exit codes, one-line errors."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).with_name("borderwatch")


def bw(*args, cwd=None, stdin=None, db=None):
    env = {**os.environ, "BORDERWATCH_DB": str(db) if db else os.environ.get("BORDERWATCH_DB", "")}
    return subprocess.run([str(BIN), *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          input=stdin, env=env, timeout=300)


def assert_clean_error(r, fragment):
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert fragment in r.stderr
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    assert len(r.stderr.strip().splitlines()) <= 2, r.stderr


def test_help_on_every_command():
    for args in ([], ["init"], ["ingest"], ["extract"], ["assess"], ["report"], ["run"], ["eval", "extraction"]):
        r = bw(*args, "--help")
        assert r.returncode == 0 and "Usage" in r.stdout, (args, r.stderr)


@pytest.mark.parametrize("content, fragment", [
    (None, "no such file"),
    (b"", "empty report"),
    (b"\x00\x01\x02\x03", "binary file"),
    (b"---\nsource: [oops\n---\nTanks.", "invalid YAML front matter"),
])
def test_extract_errors_are_one_line_with_exit_2(tmp_path, content, fragment):
    path = tmp_path / "r.md"
    if content is not None:
        path.write_bytes(content)
    assert_clean_error(bw("extract", path, "--json"), fragment)


def test_bad_arguments_exit_2(tmp_path):
    assert_clean_error(bw("extract", "-", "--published", "not-a-date", stdin="x"), "not a date")
    assert_clean_error(bw("assess", "--problem", "nope", db=tmp_path / "a.db"), "no warning problem")
    assert_clean_error(bw("run", tmp_path / "missing", db=tmp_path / "a.db"), "no such file")


def test_extract_json_lines_follow_the_contract(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("---\nsource: test\npublished: 2024-05-16\n---\n"
                    "Belaruski Hajun reported that a column of about 30 vehicles moved from Mazyr "
                    "towards the Ukrainian border on Tuesday.\n")
    r = bw("extract", path, "--json")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert rows
    keys = {"doc", "type", "actor", "equipment", "personnel", "locations", "toward", "time",
            "attribution", "modality", "evidence"}
    for row in rows:
        assert keys <= set(row)
        assert set(row["evidence"]) >= {"start", "end", "text"}
    move = next(r for r in rows if r["type"] == "movement")
    assert move["equipment"][0]["class"] == "military_vehicle" and move["equipment"][0]["count"] == 30
    assert move["locations"][0]["name"] and move["locations"][0]["lat"] is not None


def test_ingest_reports_counts_and_rejections(tmp_path):
    (tmp_path / "a.md").write_text("---\nsource: a\npublished: 2024-05-14\n---\nTanks moved to Yelsk.\n")
    (tmp_path / "b.md").write_bytes(b"\xff\xfe\x00junk")
    r = bw("ingest", tmp_path, db=tmp_path / "x.db")
    assert r.returncode == 0, r.stderr
    assert "new 1, duplicate 0, rejected 1" in r.stdout
    assert "b.md" in r.stderr
    r = bw("ingest", tmp_path / "a.md", db=tmp_path / "x.db")
    assert "new 0, duplicate 1, rejected 0" in r.stdout


def test_eval_breaks_the_agreement_down_by_hard_case(tmp_path):
    from tests.test_evaluate import _split_with_tags

    _split_with_tags(tmp_path, {"doc": ["advert"], "observations": [["number_words"], ["denial"]]})
    r = bw("eval", "extraction", "--agreement", "--by-case", "--folder", tmp_path, "--json")
    assert r.returncode == 0, r.stderr
    cases = json.loads(r.stdout)["by_case"]
    assert cases["denial"] == {"observations": 1, "found": 0, "values": 1, "right": 0, "documents": 0, "extra": 0}
    assert cases["advert"]["extra"] == 1
    r = bw("eval", "extraction", "--agreement", "--by-case", "--folder", tmp_path)
    assert r.returncode == 0 and "by hard case" in r.stdout and "3 rarer hard cases left out" in r.stdout
    (tmp_path / "hard_cases.json").unlink()
    assert_clean_error(bw("eval", "extraction", "--agreement", "--by-case", "--folder", tmp_path),
                       "nothing to break the scores down by")
