"""The commands end to end on the shipped examples: run, report, backtest, alerts, assess --json, ach."""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).with_name("borderwatch")


def bw(tmp, *args):
    env = {**os.environ, "BORDERWATCH_DB": str(tmp / "bw.db")}
    return subprocess.run([str(BIN), *map(str, args)], capture_output=True, text=True, env=env, timeout=600, cwd=tmp)


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cli")
    r = bw(tmp, "run", ROOT / "examples", "--out", tmp / "out")
    assert r.returncode == 0, r.stderr
    return tmp, r


def test_run_ends_with_the_daily_report(ran):
    tmp, r = ran
    assert "report (html):" in r.stdout and "report (md):" in r.stdout
    html = (tmp / "out" / "report.html").read_text()
    assert "Bottom line up front" in html and "Indicator board" in html and "Evidence by hypothesis" in html
    assert "very unlikely" in html or "almost no chance" in html  # the fortnight ends with forces going home
    assert (tmp / "out" / "report.md").exists() and (tmp / "out" / "timeline.png").exists()
    assert (tmp / "out" / "report.pdf").exists() or "pdf skipped" in r.stderr


def test_assess_json_contract_and_as_of(ran):
    tmp, _ = ran
    r = bw(tmp, "assess", "--as-of", "2024-05-13", "--json")
    data = json.loads(r.stdout)
    assert {"problem", "as_of", "hypotheses", "estimative", "indicators"} <= set(data)
    assert data["as_of"] == "2024-05-13" and {"id", "fired", "events"} <= set(data["indicators"][0])
    assert abs(sum(data["hypotheses"].values()) - 1) < 1e-3


def test_backtest_writes_series_and_plot(ran):
    tmp, _ = ran
    r = bw(tmp, "backtest", "--from", "2024-05-06", "--to", "2024-05-20", "--out", tmp / "bt")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader((tmp / "bt" / "backtest-belarus-entry.csv").open()))
    assert len(rows) == 15 and rows[0]["as_of"] == "2024-05-06" and float(rows[0]["enters"]) == pytest.approx(0.05)
    assert max(float(x["enters"]) for x in rows) < 0.45  # calibrated: the exercise never reads as "likely"
    # 20 May hangs on how the think tank's recap sentence is read (docs/assessment.md): low either way
    assert float(rows[-1]["enters"]) < 0.25
    assert (tmp / "bt" / "backtest-belarus-entry.png").read_bytes()[:4] == b"\x89PNG"
    bad = bw(tmp, "backtest", "--from", "yesterday")
    assert bad.returncode == 2 and "not a date" in bad.stderr and "Traceback" not in bad.stderr


def test_alerts_are_delivered_once(ran):
    tmp, _ = ran
    target = tmp / "alerts.jsonl"
    first = bw(tmp, "alerts", "--as-of", "2024-05-09", "--to", target, "--to", "-")
    assert first.returncode == 0, first.stderr
    lines = [json.loads(x) for x in target.read_text().splitlines()]
    assert lines and all(x["what"] and x["why"] for x in lines)
    assert any(x["rule"] == "key-indicator-changes" and "field-hospitals" in x["what"] for x in lines)
    again = bw(tmp, "alerts", "--as-of", "2024-05-09", "--to", target)
    assert "0 delivered" in again.stdout and len(target.read_text().splitlines()) == len(lines)


def test_ach_and_second_problem(ran):
    tmp, _ = ran
    r = bw(tmp, "ach", "--problem", "belarus-activity-purpose")
    assert r.returncode == 0, r.stderr
    assert "offensive-preparation" in r.stdout and "most inconsistent" in r.stdout
