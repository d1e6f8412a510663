"""CLI of the corroboration stage: `events`, `contradictions`, `verdict`, `verdicts` and
`eval events`. The main app calls `register(app)` and `register_eval(eval_app)`."""

from __future__ import annotations

import datetime as dt
import getpass
import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from borderwatch.errors import InputError
from borderwatch.model import Verdict

out = Console()
ACTIONS = ("confirm", "refute", "merge", "split")


def _store():
    from borderwatch.cli import _store as open_store

    return open_store()


def _settings_path(settings: Path | None) -> str | None:
    if settings is not None and not settings.is_file():
        raise InputError(f"{settings}: no such settings file")
    return str(settings) if settings else None


def _jsonl(rows) -> None:
    for r in rows:
        out.file.write(json.dumps(r, ensure_ascii=False) + "\n")


def _flags(e) -> str:
    flags = []
    if e.verdict:
        flags.append(e.verdict)
    if e.coordinated:
        flags.append("COORDINATED")
    if e.contradicted:
        flags.append("contradicted")
    if e.copies:
        flags.append(f"{len(e.copies)} cop{'y' if len(e.copies) == 1 else 'ies'} counted once")
    return ", ".join(flags)


def events(
    since: Annotated[Optional[str], typer.Option(help="Only events last seen on or after this date (YYYY-MM-DD).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines, one event each.")] = False,
    settings: Annotated[Optional[Path], typer.Option(help="Corroboration settings file (default: the packaged one).")] = None,
) -> None:
    """List events with their grades: source reliability A–F and information credibility 1–6."""
    from borderwatch import pipeline
    from borderwatch.options import parse_day

    day = parse_day(since, "--since")
    pic = pipeline.picture(_store(), settings=_settings_path(settings))
    evs = [e for e in pic.events if day is None or (e.last_seen is None or e.last_seen.date() >= day)]
    evs.sort(key=lambda e: (e.first_seen is None, e.first_seen or dt.datetime.min.replace(tzinfo=dt.timezone.utc), e.id))
    if as_json:
        _jsonl(e.to_json() for e in evs)
        return
    table = Table(box=None, pad_edge=False)
    for name in ("event", "first seen", "type", "grade", "docs/orig"):
        table.add_column(name, no_wrap=True)
    table.add_column("summary [flags]")
    for e in evs:
        flags = _flags(e)
        table.add_row(e.id[:10], e.first_seen.strftime("%Y-%m-%d") if e.first_seen else "?", e.type,
                      f"{e.reliability or 'F'}{e.credibility}", f"{len(e.documents)}/{e.independent_sources}",
                      (f"[{flags}] " if flags else "") + e.summary[:100])
    out.print(table, highlight=False)
    out.print(f"{len(evs)} events; grade = source reliability (A–F) + information credibility (1–6); "
              "docs/orig = reports / independent origins")


def contradictions(
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines, one contradiction each.")] = False,
    settings: Annotated[Optional[Path], typer.Option(help="Corroboration settings file.")] = None,
) -> None:
    """List statements that cannot both be right, each with its source."""
    from borderwatch import pipeline

    pic = pipeline.picture(_store(), settings=_settings_path(settings))
    if as_json:
        _jsonl(c.to_json() for c in pic.contradictions)
        return
    table = Table("kind", "one says", "the other says", "why", show_lines=True)
    for c in pic.contradictions:
        table.add_row(c.kind, f"{c.a_source}: “{c.a_text[:160]}”", f"{c.b_source}: “{c.b_text[:160]}”", c.reason)
    out.print(table)
    out.print(f"{len(pic.contradictions)} contradictions")


def _find_event(events, ref: str):
    hits = [e for e in events if e.id.startswith(ref.lower())]
    if not hits:
        raise InputError(f"no event {ref!r} (see `borderwatch events`)")
    if len(hits) > 1:
        raise InputError(f"event {ref!r} is ambiguous ({len(hits)} events start with it); give more characters")
    return hits[0]


def make_verdict(events, ref: str, action: str, reason: str, who: str, with_: list[str] | None = None,
                 observations: list[str] | None = None, obs_doc: dict[str, str] | None = None,
                 at: dt.datetime | None = None) -> Verdict:
    """A verdict row for the event `ref` (an id or unique prefix), checked against the events
    now. `obs_doc` maps observation ids to documents (a split with no --observations makes
    one event per document)."""
    if action not in ACTIONS:
        raise InputError(f"action {action!r} is not one of {', '.join(ACTIONS)}")
    if not reason or not reason.strip():
        raise InputError("--reason is required: say why, for the audit trail")
    e = _find_event(events, ref)
    parts: tuple[tuple[str, ...], ...] = ()
    if action == "merge":
        if not with_:
            raise InputError("merge needs --with OTHER_EVENT (one or more)")
        others = [_find_event(events, r) for r in with_]
        if any(o.id == e.id for o in others):
            raise InputError("cannot merge an event with itself")
        parts = (e.observations, *(o.observations for o in others))
    elif action == "split":
        if observations:
            picked = []
            for ref_o in observations:
                hit = [o for o in e.observations if o.startswith(ref_o.lower())]
                if len(hit) != 1:
                    raise InputError(f"observation {ref_o!r} is {'ambiguous in' if hit else 'not in'} event {e.id[:12]}")
                picked.append(hit[0])
            if len(picked) == len(e.observations):
                raise InputError("--observations names every observation of the event: nothing would be split")
            parts = (tuple(picked),)
        else:
            by_doc: dict[str, list[str]] = {}
            for o in e.observations:
                by_doc.setdefault((obs_doc or {}).get(o, o), []).append(o)
            if len(by_doc) < 2:
                raise InputError("the event comes from one document: name --observations to split off")
            parts = tuple(tuple(v) for v in list(by_doc.values())[1:])
    elif with_ or observations:
        raise InputError("--with is for merge and --observations for split")
    return Verdict(at=at or dt.datetime.now(dt.timezone.utc), who=who, action=action, event=e.id,
                   observations=e.observations, parts=parts, reason=reason.strip())


def verdict(
    event: Annotated[str, typer.Argument(help="Event id or a unique prefix of it.")],
    action: Annotated[str, typer.Argument(help="confirm, refute, merge or split.")],
    reason: Annotated[str, typer.Option(help="Why: kept in the audit trail.")] = "",
    with_: Annotated[Optional[list[str]], typer.Option("--with", help="merge: the other event(s).")] = None,
    observations: Annotated[Optional[list[str]], typer.Option(
        "--observations", help="split: observation ids (or prefixes) to take out; default one event per document.")] = None,
    analyst: Annotated[Optional[str], typer.Option(help="Who gives the verdict (default: the login name).")] = None,
) -> None:
    """Record an analyst verdict on an event; it applies on every later recomputation."""
    from borderwatch import pipeline

    store = _store()
    pic = pipeline.picture(store)
    v = make_verdict(pic.events, event, action, reason, analyst or _login(), with_, observations,
                     {o.id: o.doc for o in pic.observations})
    v = store.add_verdict(v)
    after = pipeline.corroborate(store)
    touched = [e for e in after if set(e.observations) & (set(v.observations) | {o for p in v.parts for o in p})]
    out.print(f"verdict {v.id} recorded: {v.action} {v.event[:12]} by {v.who}")
    for e in touched:
        out.print(f"  event {e.id[:12]}: {e.reliability or 'F'}{e.credibility} ({e.credibility_reason}); "
                  f"{len(e.documents)} report{'' if len(e.documents) == 1 else 's'}; {e.summary[:80]}")


def verdicts(as_json: Annotated[bool, typer.Option("--json", help="JSON Lines, one verdict each.")] = False) -> None:
    """The verdict log: who judged what, when and why (append-only)."""
    rows = _store().verdicts()
    if as_json:
        _jsonl(v.to_json() for v in rows)
        return
    table = Table("#", "when", "who", "action", "event", "reason")
    for v in rows:
        table.add_row(str(v.id), v.at.strftime("%Y-%m-%d %H:%M"), v.who, v.action, v.event[:12], v.reason)
    out.print(table)


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "analyst"


def register(app: typer.Typer) -> None:
    app.command()(events)
    app.command()(contradictions)
    app.command()(verdict)
    app.command()(verdicts)


def register_eval(eval_app: typer.Typer) -> None:
    from borderwatch.corroborate.evaluate import eval_events

    eval_app.command("events")(eval_events)
