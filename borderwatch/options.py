"""Small parsers shared by the command-line modules."""

from __future__ import annotations

import datetime as dt

from borderwatch.errors import InputError


def parse_day(value: str | None, name: str) -> dt.date | None:
    """A --date-like option as a date, or a one-line error naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{name} {value!r} is not a date like 2024-05-14") from None
