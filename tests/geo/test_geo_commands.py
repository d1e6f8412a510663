import json

import pytest
import typer
from typer.testing import CliRunner

from borderwatch.geo import commands


@pytest.fixture()
def app(small_gaz):
    app = typer.Typer()
    commands.register(app)
    eval_app = typer.Typer()
    commands.register_eval(eval_app)
    app.add_typer(eval_app, name="eval")
    old = commands._gazetteer
    commands.set_gazetteer(small_gaz)
    yield app
    commands.set_gazetteer(old)


runner = CliRunner()


def test_geocode_table_and_json(app):
    res = runner.invoke(app, ["geocode", "в Мозыре"])
    assert res.exit_code == 0 and "Mazyr" in res.output
    res = runner.invoke(app, ["geocode", "Rechitsa", "--json", "--limit", "2", "--near", "51.89,26.84"])
    assert res.exit_code == 0
    rows = json.loads(res.output)
    assert rows[0]["ref"] == "geonames:622795" and {"lat", "lon", "score", "precision", "kind"} <= rows[0].keys()


def test_geocode_no_match(app):
    res = runner.invoke(app, ["geocode", "Lukashenko"])
    assert res.exit_code == 0 and "no match" in res.output
    assert json.loads(runner.invoke(app, ["geocode", "Lukashenko", "--json"]).output) == []


@pytest.mark.parametrize("args", [
    ["geocode", ""], ["geocode", "x" * 10_000], ["geocode", "Mazyr", "--near", "abc"],
    ["geocode", "Mazyr", "--near", "95,10"], ["geocode", "Mazyr", "--limit", "0"],
    ["geocode", "Mazyr", "--country", "Belarus"],
    ["border-distance", "95", "29"], ["border-distance", "52", "190"],
    ["border-distance", "52", "29", "--border", "BY-XX"], ["border-distance", "north", "29"],
])
def test_bad_input_exits_2_without_traceback(app, args):
    res = runner.invoke(app, args)
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert "error" in res.output.lower()


def test_bad_input_is_one_line_on_stderr(app):
    res = runner.invoke(app, ["geocode", "x" * 10_000])
    assert res.exit_code == 2
    assert res.stderr.strip().count("\n") == 0 and res.stderr.startswith("error: ")
    assert res.stdout == ""


def test_border_distance(app):
    res = runner.invoke(app, ["border-distance", "52.0416", "29.2163", "--json"])
    assert res.exit_code == 0
    data = json.loads(res.output)
    assert data["border"] == "BY-UA" and 40 < data["km"] < 50 and data["country"] == "BY"
    res = runner.invoke(app, ["border-distance", "52.0976", "23.7341", "--border", "BY-PL"])
    assert res.exit_code == 0 and "BY-PL" in res.output


def test_eval_geo_on_small_file(app, tmp_path):
    f = tmp_path / "m.jsonl"
    f.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in [
        {"text": "в Мозыре", "countries": ["BY"], "lat": 52.05, "lon": 29.25, "category": "inflection", "expect": "match"},
        {"text": "Lukashenko", "countries": ["BY"], "category": "no_match", "expect": "no_match"},
        {"text": "Homel region", "lat": 52.3, "lon": 29.6, "category": "region", "expect": "match", "precision": 3},
    ]) + "\n")
    res = runner.invoke(app, ["eval", "geo", "--file", str(f), "--json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert report["overall"]["n"] == 3 and report["by_category"]["inflection"]["within_10km_pct"] == 100.0
    assert report["by_category"]["no_match"]["no_match_pct"] == 100.0
    res = runner.invoke(app, ["eval", "geo", "--file", str(tmp_path / "missing.jsonl")])
    assert res.exit_code == 2
