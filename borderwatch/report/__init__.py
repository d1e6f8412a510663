"""The daily report: a self-contained HTML page (figures embedded) from a Picture."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from borderwatch.model import Assessment
from borderwatch.report import figures

_env = Environment(loader=PackageLoader("borderwatch.report", "templates"),
                   autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def render_html(picture, assessment: Assessment, generated: dt.datetime | None = None) -> str:
    obs_by_id = {o.id: o for o in picture.observations}
    events = sorted(picture.events, key=lambda e: (e.first_seen or dt.datetime.min.replace(tzinfo=dt.timezone.utc)))
    event_of = {oid: e.id for e in events for oid in e.observations}
    return _env.get_template("report.html.j2").render(
        a=assessment, picture=picture, events=events, obs=obs_by_id, event_of=event_of,
        docs=picture.documents, sources=picture.sources,
        map_png=_data_uri(figures.event_map([o for o in picture.observations if not o.background])),
        timeline_png=_data_uri(figures.timeline(events)),
        generated=(generated or dt.datetime.now(dt.timezone.utc)).strftime("%Y-%m-%d %H:%M UTC"),
        pct=lambda p: f"{p * 100:.0f}%",
    )


def write_report(picture, assessment: Assessment, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "report.html"
    path.write_text(render_html(picture, assessment), encoding="utf-8")
    return path
