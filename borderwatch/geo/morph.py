"""Undo case endings of Russian, Ukrainian and Belarusian place names.

"мозыре" → "мозырь", "калинковичах" → "калинковичи", "новой гуте" → "новая гута".
pymorphy3 (Russian and Ukrainian dictionaries) proposes nominative forms that keep
gender and number; a suffix-stripping fallback covers words it does not know (most
Belarusian forms and rare villages). Every proposal is only a guess: the gazetteer keeps
the ones that name a place.
"""

from __future__ import annotations

import itertools
import logging
from functools import lru_cache
from typing import Protocol

from borderwatch.geo.normalize import is_cyrillic

log = logging.getLogger(__name__)

MAX_WORDS = 4


class Analyzer(Protocol):
    def parse(self, word: str) -> list: ...


_analyzers: list[Analyzer] | None = None


def _load_analyzers() -> list[Analyzer]:
    global _analyzers
    if _analyzers is None:
        found: list[Analyzer] = []
        try:
            import pymorphy3
        except ImportError:
            log.warning("pymorphy3 is not installed: inflected names fall back to suffix stripping")
        else:
            for lang in ("ru", "uk"):
                try:
                    found.append(pymorphy3.MorphAnalyzer(lang=lang))
                except (ValueError, OSError, ImportError) as exc:  # dictionary package missing
                    log.warning("pymorphy3 %s dictionary unavailable: %s", lang, exc)
        _analyzers = found
    return _analyzers


def _nominatives(word: str) -> list[str]:
    """Nominative forms pymorphy3 proposes, best first, keeping gender and number."""
    out: list[str] = []
    for analyzer in _load_analyzers():
        for parse in analyzer.parse(word)[:4]:
            tag = parse.tag
            if tag.POS not in ("NOUN", "ADJF", "ADJS", "PRTF", "NUMR") and "UNKN" not in tag:
                continue
            form = None
            if tag.POS in ("ADJF", "PRTF") or "Pltm" in tag or tag.number == "plur":
                inflected = parse.inflect({"nomn"})
                form = inflected.word if inflected else None
            form = form or parse.normal_form
            if form and form not in out:
                out.append(form)
    return out


# Endings to strip, and the nominative endings to try in their place.
_ENDINGS = (
    "ами", "ями", "ах", "ях", "ом", "ем", "ём", "ой", "ей", "ою", "ею", "ам", "ям", "ов",
    "ев", "ым", "им", "ая", "ую", "ые", "ых", "ого", "его", "ому", "ему", "ськ", "ці",
    "і", "ї", "и", "ы", "е", "у", "ю", "а", "я", "о",
)
_NOM_ENDINGS = ("", "ь", "а", "я", "и", "ы", "і", "о", "е", "ий", "ый", "ая", "ое", "ці")


def _suffix_guesses(word: str) -> list[str]:
    out: list[str] = []
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            for nom in _NOM_ENDINGS:
                guess = stem + nom
                if guess != word and guess not in out:
                    out.append(guess)
            # fleeting vowel: лунинца → лунинец, брестi has none
            if len(stem) >= 3 and stem[-1] in "цкн" and stem[-2] not in "аеиоуыэюяіє":
                out.append(stem[:-1] + "е" + stem[-1])
    return out


@lru_cache(maxsize=50_000)
def lemma_variants(key: str, fallback: bool = True) -> tuple[tuple[str, bool], ...]:
    """Candidate dictionary forms of a normalised multi-word key.

    Returns (form, from_fallback) pairs, the pymorphy3 forms first; the key itself is
    not included. Latin keys have no variants.
    """
    if not is_cyrillic(key):
        return ()
    words = key.split(" ")
    if len(words) > MAX_WORDS:
        return ()
    per_word = [[w] + [n for n in _nominatives(w) if n != w][:3] for w in words]
    out: dict[str, bool] = {}
    for combo in itertools.islice(itertools.product(*per_word), 64):
        form = " ".join(combo)
        if form != key:
            out.setdefault(form, False)
    if fallback:
        guesses = [[w] + _suffix_guesses(w)[:24] for w in words]
        for combo in itertools.islice(itertools.product(*guesses), 200):
            form = " ".join(combo)
            if form != key:
                out.setdefault(form, True)
    return tuple(out.items())


@lru_cache(maxsize=50_000)
def masculine_lemma(word: str) -> str | None:
    """The dictionary form of an adjective ("гомельской" → "гомельский"), for region words."""
    for analyzer in _load_analyzers():
        for parse in analyzer.parse(word)[:3]:
            if parse.tag.POS in ("ADJF", "ADJS"):
                return parse.normal_form
    return None
