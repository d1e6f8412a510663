"""Extraction: Documents in, Observations out (see `extractor.py`).

The package imports spaCy only when the Extractor is first asked for, so that commands
that never extract (`--help`, `geocode`, `events`) start without loading it.
"""

from __future__ import annotations

_LAZY = {"Extractor", "load_nlp", "detect_language", "MODEL", "VERSION", "MAX_CHARS"}


def __getattr__(name: str):
    if name in _LAZY:
        from borderwatch.extract import extractor

        return getattr(extractor, name)
    raise AttributeError(f"module 'borderwatch.extract' has no attribute {name!r}")
