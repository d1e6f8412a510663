"""A place mention as written → the name to look up and what the wording implies.

"south of Mazyr" → name "south of mazyr"→"mazyr", precision 2; "в Гомельской области"
→ "гомельской", region; "из Мозыря" → "мозыря" (inflection is undone later, in morph).
Precision codes follow ACLED: 1 the place itself, 2 near it or part of it, 3 a region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from borderwatch.geo.normalize import normalize

MAX_MENTION_CHARS = 200


@dataclass(frozen=True)
class Mention:
    text: str  # as written
    key: str  # normalised name left after qualifiers are removed
    precision: int  # 1 exact, 2 near/part of, 3 region (a floor: the match may raise it)
    region: bool  # a region word was present ("Gomel region", "Гомельская область")
    district: bool  # "Mazyr district", "Мозырский район"
    governed: bool = False  # a preposition stood before the name: it is likely inflected
    part: str | None = None  # "northern Ukraine": the whole it is part of, tried when the name itself is unknown


_DIRS_EN = r"(?:north|south|east|west)(?:[ -]?(?:east|west))?(?:ern|wards?)?"
_DIRS_RU = r"(?:северо|юго)?-?(?:севернее|южнее|западнее|восточнее)"
_NEAR_PREFIX = [
    r"\d+(?:[.,]\d+)?\s*(?:km|км|kilometers?|kilometres?|кілометрів|километров|кіламетраў)\b\s*",
    rf"{_DIRS_EN}\s+(?:outskirts\s+)?of", r"(?:the\s+)?outskirts\s+of", r"near(?:by)?", r"close\s+to",
    r"not\s+far\s+from", r"outside(?:\s+of)?", r"around", r"in\s+the\s+(?:vicinity|area|region)\s+of",
    r"vicinity\s+of", r"next\s+to", r"by",
    _DIRS_RU, r"(?:к|на)\s+(?:северу|югу|западу|востоку|северо-западу|северо-востоку|юго-западу|юго-востоку|север|юг|запад|восток)\s+от",
    r"около", r"возле", r"под", r"недалеко\s+от", r"неподалеку\s+от", r"вблизи", r"близ", r"рядом\s+с",
    r"в\s+районе", r"в\s+окрестностях", r"на\s+окраине", r"у\s+границы",
    r"біля", r"поблизу", r"неподалік(?:\s+від)?", r"поряд\s+з", r"в\s+районі", r"у\s+районі", r"під",
    r"на\s+(?:північ|південь|захід|схід|північний\s+захід|північний\s+схід|південний\s+захід|південний\s+схід)\s+від",
    r"каля", r"ля", r"побач\s+з", r"непадалёку\s+ад", r"непадалеку\s+ад", r"у\s+раёне", r"пад",
    r"на\s+(?:поўнач|поўдзень|захад|усход)\s+ад",
]
_PLAIN_PREFIX = [
    r"in", r"at", r"from", r"to", r"towards?", r"into", r"via", r"through", r"of", r"the",
    r"в", r"во", r"у", r"из", r"изо", r"із", r"зі", r"з", r"с", r"со", r"к", r"ко", r"до", r"от",
    r"ад", r"від", r"на", r"через", r"праз", r"по", r"за", r"город", r"г", r"м", r"місто",
    r"горад", r"село", r"с", r"пгт", r"деревня", r"д", r"смт", r"пос", r"поселок", r"посёлок",
]
_REGION_WORDS = (
    r"region|oblast|voblast|voblasts|province|область|области|областью|областях|обл|області|областю|"
    r"вобласць|вобласці|вобласцю|регион|региона|регионе|регіон|регіону|регіоні|край|краю"
)
_DISTRICT_WORDS = r"district|raion|rayon|район|раён|району|раёну|района|раёна|районе|раёне|районі"
_NEAR_SUFFIX = r"area|outskirts|vicinity|окрестности|окраина|околиці|окраіна"

_NEAR_RE = re.compile(r"^(?:" + "|".join(_NEAR_PREFIX) + r")\s+(?P<rest>.+)$")
_PLAIN_RE = re.compile(r"^(?:" + "|".join(_PLAIN_PREFIX) + r")\s+(?P<rest>.+)$")
_REGION_RE = re.compile(r"^(?P<rest>.+?)\s+(?:" + _REGION_WORDS + r")$")
_REGION_PRE_RE = re.compile(r"^(?:" + _REGION_WORDS + r")\s+(?:of\s+)?(?P<rest>.+)$")
_DISTRICT_RE = re.compile(r"^(?P<rest>.+?)\s+(?:" + _DISTRICT_WORDS + r")$")
_NEAR_SUFFIX_RE = re.compile(r"^(?P<rest>.+?)\s+(?:" + _NEAR_SUFFIX + r")$")
_PART_RE = re.compile(r"^(?:(?:north|south)(?:[ -]?(?:east|west))?ern|eastern|western|central|"
                      r"северн\w+|южн\w+|западн\w+|восточн\w+|центральн\w+|північн\w+|південн\w+|"
                      r"західн\w+|східн\w+|паўночн\w+|паўднёв\w+|заходн\w+|усходн\w+)\s+(?P<rest>.+)$")
_POSSESSIVE_RE = re.compile(r"(?<=\w)s$")  # "gomels" after the apostrophe was dropped


@lru_cache(maxsize=100_000)
def parse_mention(text: str) -> Mention:
    """Strip prepositions and qualifiers; say which precision the wording implies."""
    if not isinstance(text, str):
        raise TypeError("a place mention must be a string")
    key = normalize(text[: MAX_MENTION_CHARS * 2])
    if not key or len(key) > MAX_MENTION_CHARS:
        return Mention(text=text, key="", precision=1, region=False, district=False)
    precision, region, district, governed = 1, False, False, False
    for _ in range(4):  # "10 km north of the outskirts of X"
        if m := _NEAR_RE.match(key):
            key, precision, governed = m["rest"], 2, True
        elif m := _PLAIN_RE.match(key):
            key, governed = m["rest"], True
        else:
            break
    if m := _REGION_RE.match(key) or _REGION_PRE_RE.match(key):
        key, region, precision = m["rest"], True, 3
    elif m := _DISTRICT_RE.match(key):
        key, district, precision = m["rest"], True, max(precision, 2)
    elif m := _NEAR_SUFFIX_RE.match(key):
        key, precision = m["rest"], max(precision, 2)
    part = None
    if not region and (m := _PART_RE.match(key)):
        part, precision = m["rest"], max(precision, 2)  # "Western Bug" stays a name when the gazetteer knows it
    return Mention(text=text, key=key, precision=precision, region=region, district=district,
                   governed=governed, part=part)


def strip_possessive(key: str) -> str | None:
    """"Gomel's" normalises to "gomels": offer "gomel" too."""
    if key.isascii() and _POSSESSIVE_RE.search(key) and len(key) > 4:
        return key[:-1]
    return None
