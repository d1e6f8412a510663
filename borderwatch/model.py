"""The types that pass between stages.

Frozen pydantic models: validated when built, immutable afterwards, and serialised
to JSON with ``to_json()``. spaCy objects never leave ``extract/``; the store never
appears here.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EventType = Literal[
    "movement", "deployment", "exercise", "mobilization",
    "construction", "strike", "statement", "assessment",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]

Modality = Literal["asserted", "claimed", "possible", "likely", "unlikely", "negated"]
MODALITIES: tuple[str, ...] = Modality.__args__  # type: ignore[attr-defined]

SourceKind = Literal[
    "news", "ministry", "monitoring_group", "think_tank", "citizen",
    "telegram", "government", "other",
]


class Record(BaseModel):
    """Base of every stage type: frozen, no unknown fields, JSON by alias."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    def to_json(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)


class Span(Record):
    """Character offsets into a Document's text, end exclusive, with the text itself."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Source(Record):
    id: str  # a slug: "belaruski-hajun", "mod-by-telegram"
    name: str
    kind: SourceKind = "other"
    reliability: str | None = Field(default=None, pattern="^[A-F]$")  # Admiralty A–F
    url: str | None = None
    # Track record from analyst verdicts on events this source originated (shown beside
    # the configured grade, never replacing it).
    track_record: str | None = Field(default=None, pattern="^[A-F]$")
    confirmed: int = 0
    refuted: int = 0


class Forward(Record):
    """Where a forwarded post came from. Telegram Desktop exports name the origin (and, in
    newer versions, its peer id) but not the original message id; the message is linked
    when the original is in the store (same text from that channel, or an explicit id)."""

    name: str  # the origin channel's name, or "private sender <pseudonym>" / "private sender"
    source: str | None = None  # the Source.id the origin channel has when its own posts are ingested
    message_id: int | None = None
    date: dt.datetime | None = None


class Document(Record):
    id: str  # sha256 of source id + normalised text
    source: str  # Source.id
    kind: SourceKind = "other"
    title: str | None = None
    text: str  # normalised text; every Span points into it
    raw: str  # the input exactly as read
    content_hash: str  # sha256 of the normalised text alone
    language: str | None = None
    published: dt.datetime | None = None
    retrieved: dt.datetime
    url: str | None = None
    origin: str | None = None  # file path or URL it was read from
    # Optional provenance from the platform (ingest adapters fill what they know):
    external_id: str | None = None  # the platform's id of this post, e.g. "telegram:1234567890/18302"
    forwarded_from: Forward | None = None  # a forwarded post's origin: a copy, not an independent report
    reply_to: str | None = None  # external_id of the post this one answers
    edited: dt.datetime | None = None  # when the platform says the post was last edited
    author: str | None = None  # a byline or channel signature; a private sender only as a keyed pseudonym
    flags: tuple[str, ...] = ()  # hostile-input findings: "bidi-override", "zero-width", "formula", ...


class Place(Record):
    """A place as written, and where it resolved to (coordinates null when unresolved)."""

    text: str
    start: int | None = None
    end: int | None = None
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    kind: str | None = None  # feature kind: city, village, airfield, training_ground, ...
    precision: int | None = Field(default=None, ge=1, le=3)  # ACLED: 1 exact, 2 near, 3 region
    score: float | None = None
    ref: str | None = None  # gazetteer key, e.g. "geonames:630468"
    border_km: float | None = None  # distance to the nearest watched border
    border: str | None = None  # which border, e.g. "BY-UA"


class Actor(Record):
    text: str
    name: str  # canonical name from the alias table
    country: str | None = None
    kind: str | None = None  # armed_forces, ministry, president, monitoring_group, ...
    score: float = 1.0  # 1.0 exact alias; below for fuzzy matches
    start: int | None = None
    end: int | None = None


class Equipment(Record):
    text: str
    cls: str = Field(alias="class")
    model: str | None = None
    count: int | None = None
    count_text: str | None = None
    approximate: bool = False
    start: int | None = None
    end: int | None = None


class Personnel(Record):
    text: str
    count: int | None = None
    high: int | None = None  # upper bound of a range, else null
    approximate: bool = False
    unit: str | None = None  # "battalion", "brigade" when given as a formation


class Direction(Record):
    text: str
    relation: str  # toward, away, along, north_of, south_of, ...
    country: str | None = None  # the border or country it points at
    place: str | None = None  # a named place it is relative to
    # Checked against border geometry when the text gives two positions ("from Mazyr
    # through Yelsk"): True the move nears that border, False it moves away, None unknown.
    geometry_agrees: bool | None = None
    heading: float | None = None  # degrees from the first named position to the last


class TimeRef(Record):
    text: str
    date: dt.date | None = None
    precision: Literal["day", "week", "month", "year", "unknown"] = "unknown"


class Attribution(Record):
    text: str
    kind: str  # monitoring_group, ministry, think_tank, media, social_media, official, document
    name: str | None = None  # canonical actor name when resolved
    country: str | None = None
    via: Attribution | None = None  # nested: "X said, citing Y"


class Estimative(Record):
    text: str
    band: str  # ICD 203 phrase: "very unlikely", ...
    low: float
    high: float


class Observation(Record):
    """One claim in one document, with the evidence span it came from."""

    id: str
    doc: str  # Document.id
    type: EventType
    actor: Actor | None = None
    equipment: tuple[Equipment, ...] = ()
    personnel: Personnel | None = None
    locations: tuple[Place, ...] = ()
    toward: Direction | None = None
    time: TimeRef | None = None
    attribution: Attribution | None = None
    modality: Modality = "asserted"
    estimative: Estimative | None = None
    markings: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    background: bool = False  # recalls past events rather than reporting new ones
    trigger: Span | None = None
    # how sure the type model was that the sentence tells of this type (None: the rules alone decided)
    type_score: float | None = Field(default=None, ge=0, le=1)
    evidence: Span


class Event(Record):
    """A real-world happening that one or more observations report."""

    id: str
    type: EventType
    observations: tuple[str, ...]
    documents: tuple[str, ...]
    sources: tuple[str, ...]
    independent_sources: int
    origins: tuple[str, ...] = ()  # the independent origins: "actor:Belaruski Hajun", "source:isw"
    actor_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    border_km: float | None = None
    first_seen: dt.datetime | None = None
    last_seen: dt.datetime | None = None
    credibility: int = Field(default=6, ge=1, le=6)  # Admiralty 1–6
    reliability: str | None = None  # best source grade A–F
    summary: str = ""
    credibility_reason: str = ""  # why the credibility grade is what it is
    copies: tuple[str, ...] = ()  # documents that repeat another (reposts, near-duplicates): counted once
    coordinated: bool = False  # holds a burst of near-identical reports from many new or unknown sources
    coordination: str | None = None  # what made it look coordinated
    contradicted: bool = False  # a contradiction names one of its observations
    verdict: Literal["confirmed", "refuted"] | None = None  # the analyst's latest verdict


class IndicatorHit(Record):
    indicator: str
    fired: bool
    rationale: str = ""
    events: tuple[str, ...] = ()
    weight: float = 0.0  # evidence weight after credibility, decay and correlation
    likelihood: dict[str, float] = {}
    contribution: float = 0.0  # change in log-odds of the headline hypothesis
    note: str = ""
    state: str = ""  # fired, quiet, or absent (silent while reporting went on: counted against)
    group: str | None = None  # indicators of one group share a cause and are capped together
    sites: int = 0  # distinct places or origins among the matched events
    observations: tuple[str, ...] = ()  # per event, the observation whose sentence matched the rule


class Assessment(Record):
    problem: str
    question: str
    as_of: dt.date
    hypotheses: dict[str, float]
    focus: str  # the hypothesis the headline probability and estimative phrase are about
    leading: str
    estimative: str
    confidence: Literal["low", "moderate", "high"]
    confidence_reason: str = ""
    problem_version: str = ""  # hash of the problem file it was scored with: history compares like with like
    prior: dict[str, float] = {}
    drivers: tuple[str, ...] = ()  # indicators that moved the headline most, strongest first
    events_considered: int = 0
    indicators: tuple[IndicatorHit, ...] = ()


class Contradiction(Record):
    """Two observations that cannot both be right, each with its source."""

    kind: Literal["modality", "number", "direction", "denial"]
    a: str  # Observation.id
    b: str
    a_source: str
    b_source: str
    reason: str
    a_text: str = ""  # the two statements as written
    b_text: str = ""
    a_event: str | None = None  # the events they belong to
    b_event: str | None = None


class Verdict(Record):
    """An analyst's judgement on an event: an attributed, append-only row applied on every
    recomputation. It names observations because event ids change with membership."""

    id: int | None = None  # order of the log
    at: dt.datetime
    who: str
    action: Literal["confirm", "refute", "merge", "split"]
    event: str  # the event id the analyst acted on
    observations: tuple[str, ...]  # that event's observations at the time
    parts: tuple[tuple[str, ...], ...] = ()  # merge: each event's observations; split: the parts taken out
    reason: str


class Photo(Record):
    """A citizen's photo after re-encoding: pixels only, no metadata of any kind."""

    data: bytes
    mime: Literal["image/jpeg", "image/png", "image/webp"]
    width: int = Field(gt=0)
    height: int = Field(gt=0)
    sha256: str


class Sighting(Record):
    """What a citizen reported beside the text: where and when, photos, and (only with
    consent) contact details, encrypted before they reach this record."""

    place_text: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)  # rounded (see ingest/sightings.py)
    lon: float | None = Field(default=None, ge=-180, le=180)
    coords_from: Literal["reporter", "photo"] | None = None
    seen_at: dt.datetime | None = None
    submitted: dt.datetime | None = None  # rounded down to the hour
    contact_token: bytes | None = None  # Fernet ciphertext; never plaintext
    photos: tuple[Photo, ...] = ()
