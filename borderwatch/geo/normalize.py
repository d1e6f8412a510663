"""Name keys: normalisation, Cyrillic→Latin transliteration and a coarse skeleton.

Three kinds of key are compared, best first:
- ``normalize``: NFKC, casefold, ё→е, no apostrophes, hyphens as spaces, Latin
  diacritics stripped (Cyrillic kept as Cyrillic).
- ``transliterations``: the Latin spellings a Cyrillic name gets under Russian,
  Ukrainian, Belarusian and Polish-style conventions (Мозырь→mozyr, Гомель→gomel and
  homel, Ельск→yelsk and jelsk).
- ``skeleton``: a lossy Latin key (vowel classes, y/i/j, doubled letters) that catches
  spellings none of the conventions produce (Mozyr/Mazyr, Kalinkovichi/Kalinkavichy).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = "'’ʼ‘`´ʹ′\u02bb"
_DASHES = "-‐‑‒–—―"
_DROP = str.maketrans("", "", _APOSTROPHES + "\"«»“”„()[]{}.,;:!?*")
_SPACE = str.maketrans({c: " " for c in _DASHES + "/_\u00a0"})
# Latin look-alikes that turn up inside Cyrillic words ("Брестi" typed with a Latin i).
_HOMOGLYPHS = str.maketrans("aceiopxyk", "асеіорхук")
_SPACES = re.compile(r"\s+")
# Latin letters that NFD does not decompose.
_LATIN_EXTRA = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})


@lru_cache(maxsize=200_000)
def is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def _strip_latin_marks(text: str) -> str:
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and out and out[-1].isascii():
            continue  # a mark on a Latin letter: é→e; Cyrillic й and ї keep theirs
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)).translate(_LATIN_EXTRA)


def _fix_mixed_word(word: str) -> str:
    cyr = sum(1 for ch in word if "\u0400" <= ch <= "\u04ff")
    if cyr and cyr * 2 >= len(word):
        return word.translate(_HOMOGLYPHS)
    return word


@lru_cache(maxsize=200_000)
def normalize(text: str) -> str:
    """The exact-match key of a name: case, accents, apostrophes and hyphens ignored."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    text = "".join(ch for ch in text if ch.isprintable() or ch.isspace())
    text = text.translate(_SPACE).translate(_DROP)
    text = _strip_latin_marks(text)
    words = [_fix_mixed_word(w) for w in _SPACES.split(text) if w]
    return " ".join(words)


# One table per convention; each value lists the spellings to generate. A name gets
# the cross product of at most a few choices, so the variant count stays small.
_COMMON = {
    "а": "a", "б": "b", "в": "v", "д": "d", "з": "z", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "ь": "", "ъ": "",
}
_RU = {**_COMMON, "г": "g", "е": "e", "ж": "zh", "и": "i", "й": "y", "х": "kh", "ц": "ts",
       "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y", "э": "e", "ю": "yu", "я": "ya",
       "і": "i", "ї": "yi", "є": "ye", "ў": "u", "ґ": "g"}
_UK = {**_RU, "г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "yi", "є": "ye", "е": "e"}
_BE = {**_RU, "г": "h", "ў": "w", "і": "i", "е": "ye", "ы": "y", "э": "e"}
_PL = {**_COMMON, "г": "h", "е": "e", "ж": "z", "и": "i", "й": "j", "х": "ch", "ц": "c",
       "ч": "cz", "ш": "sz", "щ": "szcz", "ы": "y", "э": "e", "ю": "ju", "я": "ja",
       "і": "i", "ї": "ji", "є": "je", "ў": "u", "ґ": "g"}
_ISO = {**_PL, "г": "g", "х": "h", "ч": "c", "ш": "s", "щ": "sc", "ж": "z", "ц": "c",
        "ю": "ju", "я": "ja", "й": "j", "ы": "y"}
_RU_I = {**_RU, "й": "i"}  # English usage: Khoiniki, Lelchitsy's "Khoiniki"
_UK_I = {**_UK, "й": "i"}  # KMU 2010 inside words: Zarichnyi
_SYSTEMS = (_RU, _UK, _BE, _PL, _ISO, _RU_I, _UK_I)
# English habit for adjectival names: Oktyabrsky, Zhovtnevy (not -skiy, -yi).
_ADJ_END = re.compile(r"(?:iy|yy|yi|ij|ii)\b")
_VOWELS = set("аеёиоуыэюяіїєaeiouy")
# After a vowel, a soft/hard sign, or at the start, е is "ye" in BGN/PCGN.
_IOTATED = {"е": ("ye", "je", "ie"), "ю": ("yu", "ju", "iu"), "я": ("ya", "ja", "ia")}


def _translit(word: str, table: dict[str, str], iotate: int | None) -> str:
    out: list[str] = []
    prev = ""
    for ch in word:
        if iotate is not None and ch in _IOTATED and (not prev or prev in _VOWELS or prev in "ьъ"):
            out.append(_IOTATED[ch][iotate])
        else:
            out.append(table.get(ch, ch))
        prev = ch
    return "".join(out)


@lru_cache(maxsize=200_000)
def transliterations(key: str) -> frozenset[str]:
    """Latin spellings of a normalised Cyrillic key; empty for a key without Cyrillic."""
    if not is_cyrillic(key):
        return frozenset()
    out = set()
    for table in _SYSTEMS:
        out.add(_translit(key, table, None))
        out.add(_translit(key, table, 0))
    out.add(_translit(key, _PL, 1))
    out.add(_translit(key, _BE, 2))
    out |= {_ADJ_END.sub("y", s) for s in out}
    return frozenset(s for s in out if s.isascii())


_SKEL_RULES = (
    ("shch", "s"), ("szcz", "s"), ("sch", "s"), ("tsch", "c"), ("tch", "c"),
    ("sh", "s"), ("sz", "s"), ("zh", "z"), ("kh", "h"), ("ch", "c"), ("cz", "c"),
    ("ts", "c"), ("tz", "c"), ("x", "ks"), ("w", "v"), ("q", "k"),
    ("y", "i"), ("j", "i"), ("o", "a"),
)
_SKEL_IOTA = re.compile(r"i(?=[aeu])")
_SKEL_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def skeleton(latin: str) -> str:
    """A coarse key of a Latin spelling, equal for most spellings of one name."""
    s = latin.replace(" ", "")
    for old, new in _SKEL_RULES:
        s = s.replace(old, new)
    s = _SKEL_IOTA.sub("", s)
    return _SKEL_DOUBLE.sub(r"\1", s)


def latin_keys(key: str) -> frozenset[str]:
    """The Latin spellings to compare for a normalised key (itself when already Latin)."""
    if is_cyrillic(key):
        return transliterations(key)
    return frozenset((key,)) if key.isascii() else frozenset()
