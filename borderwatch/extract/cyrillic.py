"""Lemmas for Russian and Ukrainian words, so Cyrillic lexicon entries match inflected text
("российской техники" -> "российский техника"). Belarusian has no pymorphy3 dictionary; its
words are looked up in the Russian one and otherwise keep their lower-case form."""

from __future__ import annotations

from functools import lru_cache


def is_cyrillic(word: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in word)


@lru_cache(maxsize=1)
def _analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    low = word.lower().replace("ё", "е")
    if not is_cyrillic(low) or not low.isalpha():
        return low
    parses = _analyzer().parse(low)
    return parses[0].normal_form.replace("ё", "е") if parses else low


def lemmas(phrase_words: list[str]) -> list[str]:
    return [lemma(w) for w in phrase_words]
