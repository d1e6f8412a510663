"""The daily report: a self-contained HTML page (figures embedded), the same as Markdown
with the figures beside it, and a PDF printed from the HTML by WeasyPrint."""

from __future__ import annotations

import base64
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from borderwatch.model import Assessment
from borderwatch.report import context, figures

_html = Environment(loader=PackageLoader("borderwatch.report", "templates"),
                    autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)
_md = Environment(loader=PackageLoader("borderwatch.report", "templates"), autoescape=False,
                  trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")
FORMATS = ("html", "md", "pdf")


def md_escape(text) -> str:
    """Text as inert Markdown: no tables broken by |, no links, no raw HTML, one line."""
    s = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", " ".join(s.split()))


_md.filters["md"] = md_escape


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _problem(assessment: Assessment, problem):
    from borderwatch.assess import load_problem

    return problem or load_problem(assessment.problem)


@dataclass
class Rendered:
    ctx: dict
    map_png: bytes
    timeline_png: bytes
    generated: str


def _render(picture, assessment: Assessment, problem=None, previous=None, history=None, generated=None) -> Rendered:
    ctx = context.build(picture, assessment, _problem(assessment, problem), previous, history)
    return Rendered(ctx, figures.event_map(ctx["period"], ctx["number"]),
                    figures.timeline(ctx["period"], ctx["history"]),
                    (generated or dt.datetime.now(dt.timezone.utc)).strftime("%Y-%m-%d %H:%M UTC"))


def _html_text(r: Rendered) -> str:
    return _html.get_template("report.html.j2").render(
        **r.ctx, generated=r.generated, map_png=_data_uri(r.map_png), timeline_png=_data_uri(r.timeline_png))


def render_html(picture, assessment: Assessment, generated: dt.datetime | None = None, *, problem=None,
                previous: Assessment | None = None, history: list[Assessment] | None = None) -> str:
    return _html_text(_render(picture, assessment, problem, previous, history, generated))


def render_markdown(picture, assessment: Assessment, *, problem=None, previous=None, history=None,
                    generated=None, map_file: str = "map.png", timeline_file: str = "timeline.png") -> str:
    r = _render(picture, assessment, problem, previous, history, generated)
    return _md.get_template("report.md.j2").render(**r.ctx, generated=r.generated, map_file=map_file,
                                                   timeline_file=timeline_file)


def pdf_unavailable() -> str | None:
    """Why WeasyPrint cannot print here (its Pango libraries are missing), or None."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as e:
        return f"WeasyPrint is unavailable ({type(e).__name__}: {str(e).splitlines()[0][:160]})"
    return None


def html_to_pdf(html: str, path: Path) -> Path:
    import weasyprint

    weasyprint.HTML(string=html).write_pdf(path)
    return path


@dataclass
class Written:
    paths: dict[str, Path] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)


def write_reports(picture, assessment: Assessment, out_dir: Path, *, formats=FORMATS, problem=None,
                  previous: Assessment | None = None, history: list[Assessment] | None = None) -> Written:
    """Write report.html (self-contained), report.md with map.png and timeline.png, and report.pdf."""
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        from borderwatch.errors import InputError
        raise InputError(f"unknown report format {bad[0]!r}; use {', '.join(FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    r = _render(picture, assessment, problem, previous, history)
    done = Written()
    html = _html_text(r)
    if "html" in formats:
        done.paths["html"] = out_dir / "report.html"
        done.paths["html"].write_text(html, encoding="utf-8")
    if "md" in formats:
        (out_dir / "map.png").write_bytes(r.map_png)
        (out_dir / "timeline.png").write_bytes(r.timeline_png)
        done.paths["md"] = out_dir / "report.md"
        done.paths["md"].write_text(_md.get_template("report.md.j2").render(
            **r.ctx, generated=r.generated, map_file="map.png", timeline_file="timeline.png"), encoding="utf-8")
    if "pdf" in formats:
        why = pdf_unavailable()
        if why:
            done.skipped["pdf"] = why
        else:
            done.paths["pdf"] = html_to_pdf(html, out_dir / "report.pdf")
    return done


def write_report(picture, assessment: Assessment, out_dir: Path, **kw) -> Path:
    """The HTML report alone (the other formats with `write_reports`)."""
    return write_reports(picture, assessment, out_dir, formats=("html",), **kw).paths["html"]
