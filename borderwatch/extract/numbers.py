"""Numbers as texts write them: "12,000", "some 45,000", "twelve", "several hundred"."""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "single": 1, "pair": 2,
}
TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "k": 1000}
# Vague quantities: (low, high), as the annotation guide reads them ("several hundred" 200–900,
# so "hundreds" too, and "tens of thousands" 10,000–90,000)
VAGUE = {
    "several": (3, 9), "a few": (2, 5), "few": (2, 5), "dozens": (24, 99), "dozens of": (24, 99),
    "a dozen": (12, 12), "dozen": (12, 12), "several dozen": (20, 90), "a few dozen": (20, 90),
    "hundreds": (200, 900), "hundreds of": (200, 900),
    "thousands": (2000, 9000), "thousands of": (2000, 9000), "scores of": (40, 99),
    "tens of thousands": (10000, 90000), "tens of thousands of": (10000, 90000),
    "hundreds of thousands": (200000, 900000), "hundreds of thousands of": (200000, 900000),
    "several hundred": (200, 900), "a few hundred": (200, 900),
    "a few thousand": (2000, 9000),
    "several thousand": (2000, 9000), "a couple of hundred": (200, 200), "a couple hundred": (200, 200),
    "a couple of": (2, 2), "a couple": (2, 2), "a pair": (2, 2), "a number of": (3, 10),
}
APPROX = {"about", "around", "approximately", "some", "roughly", "nearly", "almost", "up", "over",
          "more", "than", "at", "least", "estimated", "an", "est.", "~", "circa", "close", "to", "under",
          "fewer", "less", "as", "many", "much"}
_DIGITS = re.compile(r"^\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+$|^\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class Quantity:
    low: int
    high: int | None
    approximate: bool
    text: str


def parse_digits(word: str) -> float | None:
    w = word.strip().lower().rstrip("+")
    mult = 1
    if w.endswith("k") and w[:-1].replace(".", "", 1).isdigit():
        w, mult = w[:-1], 1000
    if not _DIGITS.match(w):
        return None
    return float(re.sub(r"[,\u202f\u00a0 ]", "", w)) * mult


def parse_quantity(words: list[str]) -> Quantity | None:
    """Read a quantity from the words just before a counted noun (left to right)."""
    # "Forty-one" reaches here as three tokens: "Forty", "-", "one"
    for i in range(len(words) - 2, 0, -1):
        if words[i] == "-" and words[i - 1].lower() in TENS and words[i + 1].lower() in UNITS:
            words = [*words[:i - 1], words[i - 1] + "-" + words[i + 1], *words[i + 2:]]
    text = " ".join(words)
    low = " ".join(w.lower() for w in words)
    approximate = any(w.lower() in APPROX for w in words)
    if low.endswith("half a dozen"):
        return Quantity(6, None, approximate, text)
    dozens = re.fullmatch(r"(?:.* )?(\d+|[a-z]+) dozen", low)  # "two dozen soldiers" (not "a dozen", "several dozen")
    if dozens and (dozens.group(1) in UNITS or dozens.group(1).isdigit()) and dozens.group(1) not in ("a", "an"):
        n = int(dozens.group(1)) if dozens.group(1).isdigit() else UNITS[dozens.group(1)]
        return Quantity(n * 12, None, approximate, text)
    for phrase in sorted(VAGUE, key=len, reverse=True):
        if low.endswith(phrase) or low == phrase:
            lo, hi = VAGUE[phrase]
            return Quantity(lo, hi if hi != lo else None, lo != hi, text)
    # Range: "1,500 to 2,000", "1,500-2,000", "between 1,000 and 1,500"
    m = re.search(r"([\d.,\u202f ]+\d)\s*(?:-|–|to|and)\s*([\d.,\u202f ]+\d)$", low)
    if m:
        a, b = parse_digits(m.group(1)), parse_digits(m.group(2))
        if a is not None and b is not None and a < b:
            return Quantity(int(a), int(b), True, text)
    # "between three and four hundred", "fifty or sixty": a range in words
    split = next((i for i, w in enumerate(words) if w.lower() in ("and", "or", "to") and 0 < i < len(words) - 1), None)
    if split is not None:
        left, right = _value(words[:split]), _value(words[split + 1:])
        if left and right and not any(w.lower() in SCALES for w in words[:split]):
            scale = next((SCALES[w.lower()] for w in words[split + 1:] if w.lower() in SCALES), 1)
            if left < right and left * scale < right:
                left *= scale  # "three and four hundred": three hundred
            if left < right:
                return Quantity(int(left), int(right), True, text)
    value = _value(words)
    if value is None and low in ("a", "an", "single", "a single"):
        value = 1  # "a Tor-M2 launcher", "an A-50"
    if value is None or value <= 0:
        return None
    return Quantity(int(round(value)), None, approximate, text)


def _value(words: list[str]) -> float | None:
    """The last number the words spell ("some 45,000", "one hundred and twenty", "a hundred")."""
    total, current, seen, article = 0.0, 0.0, False, False
    for w in (w.lower() for w in words):
        for part in w.split("-"):
            d = parse_digits(part)
            if d is not None:
                current, seen = current + d, True
            elif part in UNITS and part not in ("a", "an"):
                current, seen = current + UNITS[part], True
            elif part in ("a", "an"):
                article = True  # "a hundred": the scale supplies the one
                continue
            elif part == "and" and current >= 100:
                continue  # "one hundred and twenty"
            elif part in SCALES and (seen or current or article):
                current = max(current, 1) * SCALES[part]
                if SCALES[part] >= 1000:
                    total, current = total + current, 0.0
                seen = True
            elif seen:
                total, current, seen = 0.0, 0.0, False  # a gap breaks the number
            article = False
    return total + current if seen else None


# "many", "numerous" give no figure at all ("because many Belarusian officers oppose it")
VAGUE_WORDS = {"several", "few", "dozens", "dozen", "hundreds", "thousands", "scores", "tens", "couple"}


RANGE = re.compile(r"\d[\d,]*[–-]\d[\d,]*")  # "60–80" written as one word


def is_number_word(word: str) -> bool:
    w = word.lower()
    return (parse_digits(w) is not None or w in UNITS or w in SCALES or w in APPROX or w in VAGUE_WORDS
            or all(p in UNITS for p in w.split("-")) or RANGE.fullmatch(w) is not None)
