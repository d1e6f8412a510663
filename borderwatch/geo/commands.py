"""CLI commands of the geo stage: ``geocode``, ``border-distance`` and ``eval geo``.

The main app calls ``register(app)`` and ``register_eval(eval_app)``; nothing here runs
on import. Bad input prints one ``error: ...`` line to stderr and exits with code 2 (no
traceback). It raises ``SystemExit`` rather than ``typer.Exit``: with
``standalone_mode=False`` click turns ``Exit`` into a return value a caller may drop,
while ``SystemExit`` ends the process with code 2 under any top-level handler.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from borderwatch.geo.geodesy import GeoInputError

_gazetteer = None


def get_gazetteer():
    """The process-wide gazetteer (built on first use); tests may replace it."""
    global _gazetteer
    if _gazetteer is None:
        from borderwatch.geo.gazetteer import Gazetteer

        _gazetteer = Gazetteer()
    return _gazetteer


def set_gazetteer(gazetteer) -> None:
    global _gazetteer
    _gazetteer = gazetteer


BAD_INPUT = 2


def _fail(message: str) -> SystemExit:
    typer.echo(f"error: {message}", err=True)
    return SystemExit(BAD_INPUT)


def _parse_near(value: Optional[str]) -> Optional[tuple[float, float]]:
    if value is None:
        return None
    parts = value.split(",")
    if len(parts) != 2:
        raise _fail("--near expects LAT,LON, e.g. 52.05,29.25")
    try:
        return float(parts[0]), float(parts[1])
    except ValueError:
        raise _fail("--near expects two numbers LAT,LON") from None


def geocode(
    name: str = typer.Argument(..., help="Place name as written, in any script: 'Mozyr', 'в Мозыре'."),
    country: Optional[str] = typer.Option(None, "--country", help="Prefer places in this ISO country code."),
    near: Optional[str] = typer.Option(None, "--near", help="Prefer places near LAT,LON."),
    limit: int = typer.Option(10, "--limit", help="Most candidates to show (1-100)."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array instead of a table."),
) -> None:
    """Look a place name up in the offline gazetteer and print ranked candidates."""
    try:
        cands = get_gazetteer().lookup(name, country=country, near=_parse_near(near), limit=limit)
    except GeoInputError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps([c.to_json() for c in cands], ensure_ascii=False))
        return
    if not cands:
        typer.echo(f"no match for {name!r}")
        return
    table = Table(title=f"candidates for {name!r}")
    for col in ("name", "country", "lat", "lon", "kind", "population", "score", "precision"):
        table.add_column(col, justify="right" if col in ("lat", "lon", "population", "score", "precision") else "left")
    for c in cands:
        table.add_row(c.name, c.country, f"{c.lat:.4f}", f"{c.lon:.4f}", c.kind, str(c.population),
                      f"{c.score:.3f}", str(c.precision))
    Console().print(table)


def border_distance(
    lat: float = typer.Argument(..., help="Latitude, -90..90."),
    lon: float = typer.Argument(..., help="Longitude, -180..180."),
    border: Optional[str] = typer.Option(None, "--border", help="Border id such as BY-UA; default: the nearest."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Distance in km from a point to a border line (default: the nearest border)."""
    from borderwatch.geo.borders import country_at, distance_to_border_km, nearest_border

    try:
        if border:
            bid, km = border.strip().upper(), distance_to_border_km(lat, lon, border)
        else:
            bid, km = nearest_border(lat, lon)
        inside = country_at(lat, lon)
    except GeoInputError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps({"lat": lat, "lon": lon, "border": bid, "km": round(km, 2), "country": inside}))
    else:
        typer.echo(f"{km:.1f} km to the {bid} border" + (f" (point in {inside})" if inside else ""))


def register(app: typer.Typer) -> None:
    """Add ``geocode`` and ``border-distance`` to the main app."""
    app.command("geocode")(geocode)
    app.command("border-distance")(border_distance)


def eval_geo(
    path: Path = typer.Option(None, "--file", help="Eval set (JSON lines); default eval/geo/mentions.jsonl."),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as JSON."),
    errors: bool = typer.Option(False, "--errors", help="Also list the mentions that missed."),
) -> None:
    """Accuracy of place resolution within 10 and 50 km, and the no-match share."""
    from borderwatch.geo.evaluate import DEFAULT_EVAL_FILE, EvalError, evaluate, load_eval, render

    try:
        items = load_eval(path or DEFAULT_EVAL_FILE)
    except EvalError as exc:
        raise _fail(str(exc)) from None
    report = evaluate(items, get_gazetteer())
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    else:
        typer.echo(render(report, errors=errors))


def register_eval(eval_app: typer.Typer) -> None:
    """Add ``geo`` to the ``eval`` sub-app (``borderwatch eval geo``)."""
    eval_app.command("geo")(eval_geo)
