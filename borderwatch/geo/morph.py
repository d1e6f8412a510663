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
            forms: list[str] = []
            if tag.POS in ("ADJF", "PRTF"):
                # "Зарічному" may be masculine or neuter: offer every gender.
                for gender in ("masc", "neut", "femn"):
                    inflected = parse.inflect({"nomn", "sing", gender})
                    if inflected:
                        forms.append(inflected.word)
            elif "Pltm" in tag or tag.number == "plur":
                inflected = parse.inflect({"nomn"})
                if inflected:
                    forms.append(inflected.word)
            forms.append(parse.normal_form)
            out.extend(f for f in forms if f and f not in out)
    return out


# Endings to strip, and the nominative endings to try in their place.
_ENDINGS = (
    "ами", "ями", "ах", "ях", "ом", "ем", "ём", "ой", "ей", "ою", "ею", "ам", "ям", "ов",
    "ев", "ым", "им", "ая", "ую", "ые", "ых", "ого", "его", "ому", "ему", "ськ", "ці",
    "і", "ї", "и", "ы", "е", "у", "ю", "а", "я", "о",
)
_NOM_ENDINGS = ("", "ь", "а", "я", "и", "ы", "і", "о", "е", "ий", "ый", "ая", "ое", "ці")


# Consonant alternations before a case ending: Брэст → у Брэсце, Ліда → у Лідзе.
_ALTERNATIONS = (("сце", ("ст",)), ("сці", ("ст",)), ("дзе", ("да", "д")), ("цэ", ("ка", "ц")),
                 ("зе", ("га",)), ("се", ("ха",)), ("ці", ("ка", "ць", "ця")))


def _suffix_guesses(word: str) -> list[str]:
    """Likely dictionary forms, most specific rules first."""
    first: list[str] = []
    rest: list[str] = []
    for ending, noms in _ALTERNATIONS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            first.extend(word[: -len(ending)] + n for n in noms)
    # zero ending of the genitive plural: из Хойник → хойники, до Калинкович
    if word[-1] not in "аеиоуыэюяіїєьй":
        first.extend(word + n for n in ("и", "ы", "і", "а"))
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            stem = word[: -len(ending)]
            # fleeting vowel: лунинца → лунинец, у Лунинці → лунинець
            if len(stem) >= 3 and stem[-1] in "цкн" and stem[-2] not in "аеиоуыэюяіє":
                first.extend((stem[:-1] + "е" + stem[-1], stem[:-1] + "е" + stem[-1] + "ь"))
            rest.extend(stem + nom for nom in _NOM_ENDINGS)
    return [g for g in dict.fromkeys(first + rest) if g != word]


def _other_genders(form: str) -> list[str]:
    """Зарічний → зарічне, зарічна; Октябрьский → октябрьское, октябрьская."""
    for masc, others in (("ый", ("ое", "ая")), ("ий", ("е", "а", "ее", "ая", "яя", "ое")), ("ій", ("є", "я"))):
        if form.endswith(masc) and len(form) > 4:
            return [form[: -len(masc)] + o for o in others]
    return []


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
    per_word = []
    for w in words:
        noms = [n.replace("ё", "е") for n in _nominatives(w)]
        noms += [g for n in noms for g in _other_genders(n)]
        per_word.append([w] + [n for n in dict.fromkeys(noms) if n != w][:8])
    out: dict[str, bool] = {}
    for combo in itertools.islice(itertools.product(*per_word), 64):
        form = " ".join(combo)
        if form != key:
            out.setdefault(form, False)
    if fallback:
        guesses = [[w] + _suffix_guesses(w)[:40] for w in words]
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
