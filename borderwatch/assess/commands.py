"""CLI commands of the assessment stage: backtest, alerts and the ACH matrix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from borderwatch.errors import InputError
from borderwatch.options import parse_day

out = Console()


def _store():
    from borderwatch.cli import _store as open_store

    return open_store()


def _latest(snap) -> dt.date:
    """The default day: the latest publication in the store (none is an error here, not today)."""
    from borderwatch import pipeline

    if not any(d.published for d in snap.documents.values()):
        raise InputError("the store holds no dated documents: ingest reports first")
    return pipeline.latest_day(snap)


def _target_key(target: str) -> str:
    """How the alert log names a target: its kind and a hash (a webhook URL may hold a token)."""
    import hashlib

    kind = "stdout" if target in ("-", "stdout") else ("webhook" if "://" in target else "file")
    return f"{kind}:{hashlib.sha256(target.encode()).hexdigest()[:12]}"


def backtest(store, problem_id: str, start: dt.date, end: dt.date, out_dir: Path,
             snap=None) -> tuple[list, Path, Path]:
    """Recompute each day from what was published by then; save each day in the store's
    assessments table; write the series as CSV and a plot."""
    from borderwatch import pipeline
    from borderwatch.assess.history import days, write_series
    from borderwatch.report.figures import probability_series

    if end < start:
        raise InputError(f"--to {end} is before --from {start}")
    if (end - start).days > 366:
        raise InputError("a backtest covers at most a year; split it")
    snap = snap or pipeline.snapshot(store)  # read the store once, not once a day
    series = [pipeline.assess(store, problem_id, d, snap=snap) for d in days(start, end)]
    name = series[0].problem
    csv_path = write_series(series, out_dir / f"backtest-{name}.csv")
    png_path = out_dir / f"backtest-{name}.png"
    png_path.write_bytes(probability_series(series))
    return series, csv_path, png_path


def register(app: typer.Typer) -> None:
    @app.command("backtest")
    def backtest_command(
        start: Annotated[str, typer.Option("--from", help="First day (YYYY-MM-DD).")],
        end: Annotated[Optional[str], typer.Option("--to", help="Last day; default the latest publication.")] = None,
        problem: Annotated[str, typer.Option(help="Warning problem id or path.")] = "belarus-entry",
        out_dir: Annotated[Path, typer.Option("--out", help="Folder for the CSV and the plot.")] = Path("out"),
    ) -> None:
        """Recompute the assessment for each day from what was known then; write the series and a plot."""
        from borderwatch.assess import load_problem

        from borderwatch import pipeline

        load_problem(problem)
        first, last = parse_day(start, "--from"), parse_day(end, "--to")  # bad dates fail before the store opens
        store = _store()
        snap = pipeline.snapshot(store)
        last = last or _latest(snap)
        series, csv_path, png_path = backtest(store, problem, first, last, out_dir, snap)
        table = Table("as of", *series[0].hypotheses, "estimative", "confidence", "drivers")
        for a in series:
            table.add_row(a.as_of.isoformat(), *(f"{p * 100:.0f}%" for p in a.hypotheses.values()), a.estimative,
                          a.confidence, ", ".join(a.drivers[:3]))
        out.print(table)
        out.print(f"series: {csv_path}\nplot: {png_path}")

    @app.command("alerts")
    def alerts_command(
        to: Annotated[list[str], typer.Option("--to", help="- for stdout, a file (JSON Lines) or an http(s) webhook URL; repeatable.")] = ["-"],  # noqa: B006
        problem: Annotated[str, typer.Option(help="Warning problem id or path.")] = "belarus-entry",
        as_of: Annotated[Optional[str], typer.Option(help="Day to check; default the latest publication.")] = None,
        again: Annotated[bool, typer.Option("--again", help="Send alerts already sent for this day too.")] = False,
    ) -> None:
        """Compare the day's assessment with the day before and send the alerts its rules raise."""
        from borderwatch import pipeline
        from borderwatch.assess import load_problem
        from borderwatch.assess.alerts import deliver, evaluate

        p = load_problem(problem)
        day = parse_day(as_of, "--as-of")
        store = _store()
        snap = pipeline.snapshot(store)
        day = day or _latest(snap)
        before = pipeline.assess(store, problem, day - dt.timedelta(days=1), snap=snap)
        after, pic = pipeline.assess_day(store, problem, day, snap=snap)
        events = {e.id: e for e in pic.events}
        raised = evaluate(p, before, after, events)
        sent = 0
        for target in to:
            key = _target_key(target)
            fresh = [a for a in raised if store.record_alert(a.problem, a.as_of, a.rule, key, a.model_dump(mode="json"))
                     or again]
            if fresh:
                deliver(fresh, target, out=out.file)
                sent += len(fresh)
        out.print(f"{len(raised)} alerts raised for {day}; {sent} delivered", highlight=False)

    @app.command("ach")
    def ach_command(
        problem: Annotated[str, typer.Option(help="Warning problem id or path.")] = "belarus-entry",
        as_of: Annotated[Optional[str], typer.Option(help="Day; default the latest publication.")] = None,
    ) -> None:
        """Print the evidence-by-hypothesis matrix (Analysis of Competing Hypotheses)."""
        from borderwatch import pipeline
        from borderwatch.assess import load_problem
        from borderwatch.assess.ach import ach

        p = load_problem(problem)
        a = pipeline.assess(_store(), problem, parse_day(as_of, "--as-of"))
        view = ach(p, a)
        table = Table("evidence", "weight", "diagnosticity", *view.hypotheses)
        for r in view.rows:
            table.add_row(r.label, f"{r.hit.weight:.2f}", f"{r.diagnosticity:.2f}",
                          *(f"{r.ratings[h]} {r.scores[h]:+.2f}" for h in view.hypotheses))
        table.add_row("inconsistency", "", "", *(f"{view.judgements[h].inconsistency:+.2f}" for h in view.hypotheses))
        out.print(table)
        for h, j in view.judgements.items():
            against = ", ".join(r.label for r in j.against) or "nothing"
            out.print(f"{h}: {j.probability * 100:.0f}% ({j.estimative}); most inconsistent: {against}", highlight=False)
