"""The `borderwatch` command: thin wrappers over the library, one line per error."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from borderwatch import pipeline
from borderwatch.errors import BorderwatchError, ExitStatus, InputError
from borderwatch.options import parse_day

app = typer.Typer(help="Early warning from open sources: sourced, geolocated, graded events and assessments.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
eval_app = typer.Typer(help="Measure extraction and geolocation against the development sets.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
out = Console()
err = Console(stderr=True)


class State:
    db: str | None = None
    traceback: bool = False


@app.callback()
def main_options(
    db: Annotated[Optional[str], typer.Option(help="Database file or SQLAlchemy URL (env BORDERWATCH_DB; default ./borderwatch.db)")] = None,
    traceback: Annotated[bool, typer.Option("--traceback", help="Show the full stack on errors.")] = False,
) -> None:
    State.db = db
    State.traceback = traceback


def _store():
    from borderwatch.store import Store

    store = Store.open(State.db)
    store.init()
    return store


def _progress() -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True)


@app.command()
def init() -> None:
    """Create the store (or upgrade its schema)."""
    from borderwatch.store import Store

    store = Store.open(State.db)
    applied = store.init()
    out.print(f"store ready at {store.url} (schema {store.schema_version()}; applied now: {', '.join(applied) or 'none'})")


SHOWN = 20  # rejections printed per batch; the rest are counted


def _print_ingest(summary: pipeline.IngestSummary) -> None:
    for b in summary.batches:
        extra = ""
        if b.skipped:
            extra += "; skipped " + ", ".join(f"{n} {reason}" for reason, n in b.skipped.most_common(5))
        if b.flagged:
            extra += "; flagged " + ", ".join(f"{n} {flag}" for flag, n in b.flagged.most_common())
        out.print(f"{b.input} ({b.kind}): new {b.new}, duplicate {b.duplicate}, rejected {b.rejected_count}{extra}",
                  highlight=False, markup=False, soft_wrap=True)
        for label, reason in b.rejected[:SHOWN]:
            err.print(f"  rejected {reason if reason.startswith(label) else f'{label}: {reason}'}",
                      highlight=False, markup=False, soft_wrap=True)
        if b.rejected_count > SHOWN:
            err.print(f"  … and {b.rejected_count - SHOWN} more rejected", highlight=False, markup=False)
    out.print(f"total: new {summary.total('new')}, duplicate {summary.total('duplicate')}, "
              f"rejected {summary.total('rejected_count')}; {summary.observations} observations", highlight=False)


def _ingest(store, paths: list, allow_private: bool = False):
    from borderwatch.ingest.base import Context, FetchPolicy

    ctx = Context(fetch=FetchPolicy(allow_private=allow_private))
    with _progress() as bar:
        task = bar.add_task("loading models", total=None)
        extractor = pipeline.make_extractor()
        bar.update(task, description="ingesting")
        summary = pipeline.ingest(store, paths, extractor, progress=lambda _: bar.advance(task), ctx=ctx)
    return summary


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or http(s) URLs: reports (.txt, .md), Telegram "
                                                    "exports (result.json), feeds (.xml .rss .atom), web pages (.html), "
                                                    "citizen sightings (.json, .csv), .zip archives of these.")],
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Let URLs reach private and loopback "
                                                "addresses (never link-local or cloud metadata).")] = False,
) -> None:
    """Read reports, store the new ones and extract, locate and corroborate them."""
    store = _store()
    summary = _ingest(store, paths, allow_private)
    pipeline.corroborate(store)
    _print_ingest(summary)
    if not summary.total("new") and not summary.total("duplicate") and summary.total("rejected_count"):
        raise typer.Exit(ExitStatus.BAD_INPUT)


@app.command()
def watch(
    config: Annotated[Path, typer.Argument(help="YAML file: interval (seconds), feeds (URLs), folders, allow_private.")],
    rounds: Annotated[Optional[int], typer.Option(help="Stop after this many rounds (default: run until Ctrl-C).")] = None,
) -> None:
    """Poll feeds and folders on an interval and ingest what is new."""
    from borderwatch.ingest.base import Context, FetchPolicy
    from borderwatch.ingest.watch import Watcher, load_config

    cfg = load_config(config)
    store = _store()
    extractor = pipeline.make_extractor()

    def one_round(inputs) -> None:
        ctx = Context(fetch=FetchPolicy(allow_private=cfg.allow_private))
        summary = pipeline.ingest(store, inputs, extractor, ctx=ctx)
        if summary.total("new"):
            pipeline.corroborate(store)
        out.print(f"[{dt.datetime.now().strftime('%H:%M:%S')}] round:", highlight=False)
        _print_ingest(summary)

    out.print(f"watching {len(cfg.feeds)} feeds and {len(cfg.folders)} folders every {cfg.interval:g} s", highlight=False)
    Watcher(cfg).run(one_round, rounds=rounds)


@app.command()
def purge(
    older_than: Annotated[float, typer.Option("--older-than", help="Retention in days: photos and reporter contact "
                                              "details stored longer ago are deleted.")],
) -> None:
    """Delete citizens' photos and contact details past retention, and compact the store."""
    if older_than < 0:
        raise InputError("--older-than must be 0 or more days")
    counts = _store().purge(older_than)
    out.print(f"purged {counts['media']} photos and {counts['contacts']} contact details older than "
              f"{older_than:g} days; store compacted", highlight=False)


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="A report file, or - for standard input.")],
    published: Annotated[Optional[str], typer.Option(help="Publication date when the file has none (YYYY-MM-DD).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines, one observation each.")] = False,
) -> None:
    """Extract observations from one report and print them; touches no store."""
    from borderwatch.ingest.text import parse_report, read_report

    pub = parse_day(published, "--published")
    defaults = {"published": pub.isoformat()} if pub else None
    if file == "-":
        source, doc, _ = parse_report(sys.stdin.buffer.read(), origin="<stdin>", defaults=defaults)
    else:
        source, doc, _ = read_report(Path(file))
        if doc.published is None and defaults:
            source, doc, _ = parse_report(Path(file).read_bytes(), origin=file, defaults=defaults)
    observations = pipeline.make_extractor().extract(doc)
    if as_json:
        for o in observations:
            out.file.write(json.dumps(o.to_json(), ensure_ascii=False) + "\n")
        return
    table = Table("type", "modality", "actor", "what", "where", "said by", "evidence", show_lines=True)
    for o in observations:
        what = ", ".join(f"{e.count or ''} {e.model or e.cls}".strip() for e in o.equipment)
        if o.personnel:
            what = (what + "; " if what else "") + o.personnel.text
        where = ", ".join(p.name or p.text for p in o.locations) + (f" → {o.toward.text}" if o.toward else "")
        said = (o.attribution.name or o.attribution.text) if o.attribution else "-"
        kind = o.type + (f" ({o.type_score:.2f})" if o.type_score is not None else "")  # how sure the type model was
        table.add_row(kind, o.modality, o.actor.name if o.actor else "-", what, where, said, o.evidence.text[:160])
    out.print(table)
    out.print(f"{len(observations)} observations")


@app.command()
def assess(
    problem: Annotated[str, typer.Option(help="Warning problem id or path to a problem file.")] = "belarus-entry",
    as_of: Annotated[Optional[str], typer.Option(help="Assess from what was published up to this date.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the assessment as JSON.")] = False,
) -> None:
    """Score the stored observations against a warning problem."""
    from borderwatch.assess import load_problem

    load_problem(problem)  # fail fast on a bad problem file, before opening the store
    a = pipeline.assess(_store(), problem, parse_day(as_of, "--as-of"))
    if as_json:
        data = a.to_json()
        data["indicators"] = [{"id": i["indicator"], **{k: v for k, v in i.items() if k != "indicator"}}
                              for i in data["indicators"]]
        out.file.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return
    _print_assessment(a)


def _print_assessment(a) -> None:
    out.print(f"[bold]{a.question}[/]  (as of {a.as_of})")
    out.print(f"{a.focus}: [bold]{a.hypotheses[a.focus] * 100:.0f}%[/] — {a.estimative}; confidence {a.confidence}")
    fired = [i for i in a.indicators if i.fired or i.state == "absent"]
    for i in sorted(fired, key=lambda i: -abs(i.contribution)):
        n = len(i.events)
        what = (f"{n} event" + ("s" if n != 1 else "")) if i.fired else "absent"
        out.print(f"  {'▲' if i.contribution > 0 else '▼'} {i.indicator}: {what}, weight {i.weight:.2f}, "
                  f"log-odds {i.contribution:+.2f}")


@app.command()
def report(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for report.html, report.md (+ PNGs) and report.pdf.")] = Path("out"),
    problem: Annotated[str, typer.Option(help="Warning problem id or path.")] = "belarus-entry",
    as_of: Annotated[Optional[str], typer.Option(help="Report as of this date.")] = None,
    formats: Annotated[str, typer.Option("--format", help="Comma-separated: html, md, pdf.")] = "html,md,pdf",
) -> None:
    """Write the daily report: bottom line, judgements, indicator board, map, ACH, evidence."""
    from borderwatch.assess import load_problem

    load_problem(problem)
    store = _store()
    _, _, written = pipeline.daily_report(store, out_dir, problem, parse_day(as_of, "--as-of"),
                                          [f.strip() for f in formats.split(",") if f.strip()])
    _print_written(written)


def _print_written(written) -> None:
    for kind, path in written.paths.items():
        out.print(f"report ({kind}): {path}", highlight=False)
    for kind, why in written.skipped.items():
        err.print(f"[yellow]{kind} skipped[/]: {why}", highlight=False)


@app.command()
def run(
    folder: Annotated[Path, typer.Argument(help="Folder of reports.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the report.")] = Path("out"),
    problem: Annotated[str, typer.Option(help="Warning problem id or path.")] = "belarus-entry",
) -> None:
    """The main job: init, ingest, extract, locate, corroborate, assess, report."""
    from borderwatch.assess import load_problem

    load_problem(problem)
    pipeline.require_files([folder])
    store = _store()
    summary = _ingest(store, [folder])
    events = pipeline.corroborate(store)
    a, pic, written = pipeline.daily_report(store, out_dir, problem)
    _print_ingest(summary)
    out.print(f"{len(events)} events, {len(pic.contradictions)} contradictions")
    _print_assessment(a)
    _print_written(written)


def _register_optional() -> None:
    """Commands that live beside their stage."""
    from borderwatch.extract import evaluate as extract_eval
    from borderwatch.geo import commands as geo_commands

    geo_commands.register(app)
    geo_commands.register_eval(eval_app)
    extract_eval.register_eval(eval_app)
    from borderwatch.extract import train as extract_train

    extract_train.register(app)
    from borderwatch.corroborate import commands as corroborate_commands

    corroborate_commands.register(app)
    corroborate_commands.register_eval(eval_app)
    from borderwatch.assess import commands as assess_commands

    assess_commands.register(app)


def _is_usage_error(e: Exception) -> bool:
    # Typer bundles its own copy of click, so match click's exception by shape.
    return hasattr(e, "show") and any(c.__name__ == "ClickException" for c in type(e).__mro__)


def main() -> None:
    _register_optional()
    try:
        rv = app(standalone_mode=False)
    except BorderwatchError as e:
        if State.traceback:
            raise
        err.print(f"error: {e}", highlight=False, soft_wrap=True)
        sys.exit(int(e.exit_status))
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as e:  # a usage error, else a bug: one line unless asked for the stack
        if _is_usage_error(e):
            e.show()
            sys.exit(ExitStatus.BAD_INPUT)
        if State.traceback:
            raise
        err.print(f"internal error: {type(e).__name__}: {e} (run with --traceback for details)", highlight=False)
        sys.exit(ExitStatus.ERROR)
    sys.exit(rv if isinstance(rv, int) else 0)
