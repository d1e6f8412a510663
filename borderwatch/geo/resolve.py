"""Toponym resolution: rank gazetteer candidates by context, or answer "no match".

A candidate's score is ``match quality × context fit``: the quality says how the name
matched (as written 1.0, transliterated 0.95, inflection undone ×0.93, skeleton 0.8,
a weak alternate name 0.75); the fit adds evidence for the place from population, its
kind (curated military sites first), the countries the document names, places already
resolved in it, a point the caller is interested in, and nearness to the watched
border. Below ``NO_MATCH_BELOW`` the answer is an explicit no match.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

from borderwatch.geo.geodesy import GeoInputError, check_latlon, haversine_km
from borderwatch.geo.mention import MAX_MENTION_CHARS, Mention, parse_mention, strip_possessive
from borderwatch.geo.morph import lemma_variants, masculine_lemma
from borderwatch.geo.normalize import is_cyrillic, latin_keys, skeleton, transliterations
from borderwatch.geo.records import Q_TRANSLIT, REGION_PREFIX, SKELETON_PREFIX, Entry

if TYPE_CHECKING:
    from borderwatch.geo.gazetteer import Gazetteer

NO_MATCH_BELOW = 0.5
Q_LEMMA = 0.93
Q_FALLBACK = 0.85
MAX_LIMIT = 100
SITE_KINDS_BONUS = 0.12
MERGE_KM = 5.0
NEAR_VOUCHES_KM = 50.0
LOOKUP_CACHE_SIZE = 100_000


@dataclass(frozen=True)
class Candidate:
    name: str
    country: str
    lat: float
    lon: float
    kind: str
    population: int
    score: float
    precision: int
    ref: str
    admin1: str | None = None
    quality: float = 1.0  # how the name matched, before context
    focus_km: float | None = None  # distance to the watched border used in ranking

    def to_json(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class Context:
    countries: frozenset[str] = frozenset()
    actor_country: str | None = None
    near: tuple[tuple[float, float], ...] = ()  # points to prefer candidates near
    admin1: frozenset[str] = frozenset()  # regions named in the document ("BY.02")


def _check_name(name: object) -> str:
    if not isinstance(name, str):
        raise GeoInputError("a place name must be a string")
    if not name.strip():
        raise GeoInputError("a place name must not be empty")
    if len(name) > MAX_MENTION_CHARS:
        raise GeoInputError(f"a place name must be at most {MAX_MENTION_CHARS} characters (got {len(name)})")
    return name


@lru_cache(maxsize=100_000)
def _probe_keys(key: str, prefix: str) -> tuple[tuple[str, float], ...]:
    """The index keys one normalised key is compared under, with their quality factor."""
    out = {prefix + key: 1.0}
    if is_cyrillic(key):
        for t in transliterations(key):
            out.setdefault(prefix + t, Q_TRANSLIT)
    for t in latin_keys(key):
        out.setdefault(prefix + SKELETON_PREFIX + skeleton(t), 1.0)
    return tuple(out.items())


def _probe(gaz: "Gazetteer", key: str, q: float, found: dict[int, float], prefix: str = "") -> None:
    """Look one normalised key up in every way it can match; keep the best quality per entry."""
    keymap = gaz.keymap
    for k, factor in _probe_keys(key, prefix):
        hits = keymap.get(k)
        if hits:
            for entry, eq in hits:
                v = eq * factor * q
                if found.get(entry, 0.0) < v:
                    found[entry] = v


def match_entries(gaz: "Gazetteer", mention: Mention) -> dict[int, float]:
    """Entry id → name-match quality for a parsed mention."""
    found: dict[int, float] = {}
    key = mention.key
    if not key:
        return found
    if mention.region:
        _probe(gaz, key, 1.0, found, REGION_PREFIX)
        lemma = masculine_lemma(key.split(" ")[0]) if is_cyrillic(key) else None
        if lemma:
            _probe(gaz, lemma, Q_LEMMA, found, REGION_PREFIX)
        if found:
            return found
    cyrillic = is_cyrillic(key)
    # After a preposition a Cyrillic name is most likely inflected ("из Речицы"), so its
    # dictionary form outranks a village that happens to be spelt like the inflected one.
    inflected = cyrillic and mention.governed
    _probe(gaz, key, 0.9 if inflected else 1.0, found)
    if (possessive := strip_possessive(key)) is not None:
        _probe(gaz, possessive, 0.97, found)
    if cyrillic:
        variants = lemma_variants(key)
        for form, fallback in variants:
            if not fallback:
                _probe(gaz, form, 0.97 if inflected else Q_LEMMA, found)
        if not found or max(found.values()) < 0.9:
            for form, fallback in variants:
                if fallback:
                    _probe(gaz, form, Q_FALLBACK, found)
    if mention.district and not found:
        for form in _district_towns(key):
            _probe(gaz, form, Q_FALLBACK, found)
    if mention.part and not found:  # "southern Belarus", "в южной Беларуси": a part of Belarus
        whole = match_entries(gaz, replace(mention, key=mention.part, part=None))
        found.update({e: q * Q_TRANSLIT for e, q in whole.items()})
    return found


def _district_towns(key: str) -> list[str]:
    """"мозырский" → "мозырь", "lunynetskyi" → nothing: the town a district adjective names."""
    word = key.split(" ")[0]
    for suffix in ("ский", "ская", "скага", "ського", "ський", "скі", "ского", "ском", "цкий", "цкі", "цкага"):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            return [stem, stem + "ь", stem + "и", stem + "ы", stem + "а", stem + "ец", stem + "о"]
    return []


def _near_km(e: Entry, ctx: Context) -> float | None:
    if not ctx.near or e.precision != 1:
        return None
    return min(haversine_km(e.lat, e.lon, la, lo) for la, lo in ctx.near)


def _fit(e: Entry, ctx: Context, q: float, d: float | None = None) -> float:
    """How well an entry fits the context, 0..1 (0.55 for a neutral village)."""
    if e.precision == 3:  # region names are unambiguous by construction
        return 0.9 if q >= 0.9 else 0.75
    fit = 0.55
    if e.precision == 1:
        fit += 0.3 * min(1.0, math.log10(e.population + 1) / 6.5) * (1.0 if q >= 0.9 else 0.5)
    if e.kind not in ("city", "town", "village", "oblast", "country"):
        fit += SITE_KINDS_BONUS
    if ctx.countries:
        fit += 0.15 if e.country in ctx.countries else -0.1
    if ctx.actor_country and e.country == ctx.actor_country:
        fit += 0.03
    if ctx.admin1 and e.admin1 in ctx.admin1:
        fit += 0.1
    if d is not None:
        fit += 0.35 * math.exp(-d / 75.0) - 0.1 * min(1.0, d / 600.0)
    # The watch area: the border region first, far Siberian namesakes last.
    if e.precision == 1:
        fit += 0.12 * math.exp(-e.focus_km / 150.0) - 0.25 * min(1.0, max(0.0, e.focus_km - 500.0) / 1000.0)
    return max(0.0, min(1.0, fit))


def rank(gaz: "Gazetteer", mention: Mention, ctx: Context, limit: int = 10) -> list[Candidate]:
    found = match_entries(gaz, mention)
    scored: list[tuple[float, Entry, float]] = []
    for entry_id, q in found.items():
        e = gaz.entry(entry_id)
        if e.precision == 3 and not mention.region and e.kind != "country" and q < 0.9:
            continue  # loose matches of region names are noise
        d = _near_km(e, ctx)
        if d is not None and d < NEAR_VOUCHES_KM and q < 0.9:
            q = 0.9  # an old or weak name of a place beside the document's others: "Pervomaisk"
        scored.append((round(q * _fit(e, ctx, q, d), 4), e, q))
    scored.sort(key=lambda t: (-t[0], -t[1].population, t[1].id))
    kept: list[tuple[float, Entry, float]] = []
    for s, e, q in scored:  # GeoNames often lists one town twice (PPL and PPLA)
        if any(k.name == e.name and haversine_km(k.lat, k.lon, e.lat, e.lon) < MERGE_KM for _, k, _ in kept):
            continue
        kept.append((s, e, q))
        if len(kept) >= limit:
            break
    return [Candidate(name=e.name, country=e.country, lat=e.lat, lon=e.lon, kind=e.kind,
                      population=e.population, score=s, precision=max(e.precision, mention.precision),
                      ref=e.ref, admin1=e.admin1, quality=round(q, 4), focus_km=round(e.focus_km, 1))
            for s, e, q in kept]


def _check_country(country: str | None) -> str | None:
    if country is None:
        return None
    if not isinstance(country, str) or len(country.strip()) != 2 or not country.strip().isalpha():
        raise GeoInputError(f"country must be a two-letter ISO code, got {country!r}")
    return country.strip().upper()


def lookup(gaz: "Gazetteer", name: str, *, country: str | None = None,
           near: tuple[float, float] | None = None, limit: int = 10) -> list[Candidate]:
    """Ranked candidates for a name; those scoring below NO_MATCH_BELOW are dropped."""
    name = _check_name(name)
    cc = _check_country(country)
    if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise GeoInputError(f"limit must be between 1 and {MAX_LIMIT}")
    point = (check_latlon(*near),) if near is not None else ()
    cache = gaz.lookup_cache
    key = (name, cc, point, limit)
    hit = cache.get(key)
    if hit is None:
        ctx = Context(countries=frozenset((cc,)) if cc else frozenset(), near=point)
        hit = tuple(c for c in rank(gaz, parse_mention(name), ctx, limit) if c.score >= NO_MATCH_BELOW)
        if len(cache) >= LOOKUP_CACHE_SIZE:
            cache.clear()  # simple and bounded; hit rates stay high for repeated names
        cache[key] = hit
    return list(hit)


def _ctx_for(countries: Iterable[str], actor_country: str | None, near) -> Context:
    cs = frozenset(c for c in (_check_country(x) for x in countries) if c)
    point = (check_latlon(*near),) if near is not None else ()
    return Context(countries=cs, actor_country=_check_country(actor_country), near=point)


def locate(mentions: Sequence[tuple[str, int | None, int | None]], *, gazetteer: "Gazetteer",
           countries: Iterable[str] = (), actor_country: str | None = None,
           near: tuple[float, float] | None = None, border_ids: Sequence[str] | None = None):
    """Resolve every mention of one document to a ``borderwatch.model.Place``.

    Two passes: the first resolves each mention alone; confident places (score ≥ 0.75,
    exact or near) and named regions then become context for the second pass, so an
    ambiguous village is read near the towns the same document names. A mention with
    no good candidate gets a Place with null coordinates and score 0.
    """
    from borderwatch.geo.places import to_place

    base = _ctx_for(countries, actor_country, near)
    parsed = []
    for item in mentions:
        text, start, end = (tuple(item) + (None, None))[:3]
        try:
            parsed.append((text, start, end, parse_mention(_check_name(text))))
        except GeoInputError:
            parsed.append((text if isinstance(text, str) else "", start, end, None))
    first = [rank(gazetteer, m, base, 5) if m else [] for *_, m in parsed]
    anchors: list[tuple[int, tuple[float, float]]] = []
    regions: set[str] = set()
    countries_seen = set(base.countries)
    for i, cands in enumerate(first):
        if not cands or cands[0].score < 0.75:
            continue
        top = cands[0]
        if top.precision <= 2:
            anchors.append((i, (top.lat, top.lon)))
        elif top.kind == "oblast" and top.admin1:
            regions.add(top.admin1)
        if top.kind == "country":
            countries_seen.add(top.country)
    out = []
    for i, (text, start, end, m) in enumerate(parsed):
        if m is None:
            out.append(to_place(text, start, end, None, gazetteer, border_ids))
            continue
        near_i = base.near + tuple(p for j, p in anchors if j != i)
        ctx = Context(countries=frozenset(countries_seen), actor_country=base.actor_country,
                      near=near_i, admin1=frozenset(regions))
        cands = rank(gazetteer, m, ctx, 3) if (near_i != base.near or regions or countries_seen != base.countries) else first[i]
        best = cands[0] if cands and cands[0].score >= NO_MATCH_BELOW else None
        out.append(to_place(text, start, end, best, gazetteer, border_ids))
    return out
