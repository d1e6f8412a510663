"""Citizen sightings: JSON, CSV and a Python API (`submit`).

A sighting says when (`time`), where (`place` as text, and/or `lat`/`lon`), what was seen
(`what`), with optional `photos` (paths beside the list), `contact` with
`contact_consent`, `submitted` and `reporter` (a platform id, used only as a keyed
pseudonym). Other fields are ignored and never stored: a network address, a user agent
or a name in an extra column goes nowhere.

What is kept, and how (docs/ingest.md has the reasons):
- coordinates are rounded to 0.01 degree (about 1 km), whether typed or read from a photo;
- submission times are rounded down to the hour; a capture time read from a photo too;
- photos are re-encoded from their pixels in a limited subprocess (`ingest/media.py`);
- contact details only with consent, and only encrypted (Fernet, BORDERWATCH_CONTACT_KEY);
- phone numbers, e-mail and network addresses typed into the description become placeholders;
- a field that starts like a spreadsheet formula (= + - @) is kept as text and flagged.
The sighting becomes a Document of kind `citizen` whose text says what, where and when,
so the extractor reads it; the coordinates reach each observation as its first Place.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import re
from typing import Any, Callable, Iterable

from borderwatch.errors import InputError
from borderwatch.ingest import jsonstream as js
from borderwatch.ingest.base import Context, Item, Rejected, Stream, make_document, parse_iso_time
from borderwatch.ingest.media import MediaError, decode
from borderwatch.ingest.privacy import scrub
from borderwatch.model import Photo, Sighting, Source

MAX_BYTES = 5 * 1024 * 1024
MAX_WHAT = 5_000
MAX_PHOTOS = 10
ROUND = 2  # decimals of a degree kept (0.01 degree is about 1.1 km)
CAMERA_TZ = dt.timezone(dt.timedelta(hours=3))  # EXIF times have no zone: taken as Minsk time (UTC+3)
FIELDS = ("time", "place", "lat", "lon", "coordinates", "what", "photos", "contact", "contact_consent",
          "submitted", "reporter")
_FORMULA = re.compile(r"^[=+\-@\t\r]")
_IP = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])|(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}(?![\w:])", re.I)
Attachments = Callable[[str], bytes]


def _no_attachments(ref: str) -> bytes:
    raise ValueError(f"photo {ref[:80]!r}: this input cannot carry photos")


def read_sightings(data: bytes, *, origin: str, ctx: Context, attachments: Attachments = _no_attachments,
                   csv: bool = False) -> Stream:
    """A JSON list (or {"sightings": [...]}) or a CSV table of sightings."""
    rows = _csv_rows(data, origin) if csv else _json_rows(data, origin)
    for n, row in enumerate(rows, 1):
        where = f"{origin}#{n}"
        if isinstance(row, Rejected):
            yield row
            continue
        try:
            yield from _sighting(row, ctx, where, attachments)
        except (ValueError, InputError) as e:
            yield Rejected(where, str(e))


def submit(*, what: str, time: Any = None, place: str | None = None, lat: float | None = None,
           lon: float | None = None, photos: Iterable[bytes] = (), contact: str | None = None,
           contact_consent: bool = False, reporter: str | None = None, ctx: Context | None = None,
           origin: str = "api") -> tuple[Item, list[Rejected]]:
    """One sighting from code (the web form): the Item, and any photos that were refused.
    Raises InputError when the sighting itself cannot be kept."""
    ctx = ctx or Context()
    blobs = list(photos)
    row = {"what": what, "time": time, "place": place, "lat": lat, "lon": lon, "contact": contact,
           "contact_consent": contact_consent, "reporter": reporter, "submitted": ctx.now,
           "photos": [str(i) for i in range(len(blobs))]}
    try:
        results = list(_sighting(row, ctx, origin, lambda ref: blobs[int(ref)]))
    except ValueError as e:
        raise InputError(f"{origin}: {e}") from None
    item = next(r for r in results if isinstance(r, Item))
    return item, [r for r in results if isinstance(r, Rejected)]


def _json_rows(data: bytes, origin: str):
    try:
        events = js.Events(io.BytesIO(data), what=origin)
        event, value = events.pull()
        if event == "start_map":
            for key in js.iter_map(events):
                event, value = events.pull()
                if key == "sightings" and event == "start_array":
                    break
                js.skip(events, event)
            else:
                yield Rejected(origin, "no 'sightings' list in the JSON object")
                return
        elif event != "start_array":
            yield Rejected(origin, "expected a JSON list of sightings")
            return
        n = 0
        for event, value in events:
            if event == "end_array":
                return
            n += 1
            try:
                row = js.build(events, event, value, max_depth=4, max_chars=50_000)
            except js.ValueProblem as e:
                yield Rejected(f"{origin}#{n}", str(e))
                continue
            yield row if isinstance(row, dict) else Rejected(f"{origin}#{n}", "a sighting must be a JSON object")
        raise js.StreamError("truncated (the file ends in the middle of the JSON)")
    except js.StreamError as e:
        yield Rejected(origin, str(e))


def _csv_rows(data: bytes, origin: str):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        yield Rejected(origin, f"not UTF-8 text (bad byte at offset {e.start}); save the table as UTF-8 CSV")
        return
    if "\x00" in text:
        yield Rejected(origin, "binary data, not a CSV table")
        return
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if not reader.fieldnames or "what" not in [f.strip().lower() for f in reader.fieldnames]:
        yield Rejected(origin, "a sightings table needs a header row with at least a 'what' column")
        return
    try:
        for row in reader:
            clean = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
            if None in row:
                clean["_extra_cells"] = True
            if isinstance(clean.get("photos"), str):
                clean["photos"] = [p.strip() for p in clean["photos"].split(";") if p.strip()]
            yield clean
    except csv.Error as e:
        yield Rejected(origin, f"broken CSV at line {reader.line_num}: {e}")


def _str(row: dict, key: str, limit: int = 500) -> str | None:
    value = row.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise ValueError(f"{key} must be text")
    value = str(value).strip()
    if len(value) > limit:
        raise ValueError(f"{key} is over {limit:,} characters")
    return value or None


def _coord(value: Any, low: float, high: float, name: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        x = float(str(value).strip().replace(",", ".")) if not isinstance(value, (int, float)) else float(value)
    except ValueError:
        raise ValueError(f"{name} {str(value)[:30]!r} is not a number") from None
    if isinstance(value, bool) or not math.isfinite(x) or not low <= x <= high:
        raise ValueError(f"{name} {str(value)[:30]!r} is not a possible {name}")
    return x


def _coords(row: dict) -> tuple[float, float] | None:
    lat, lon = row.get("lat"), row.get("lon")
    c = row.get("coordinates")
    if c not in (None, "") and lat in (None, "") and lon in (None, ""):
        parts = c if isinstance(c, list) else re.split(r"[;,\s]+", str(c).strip())
        if len(parts) != 2:
            raise ValueError("coordinates must be 'lat, lon'")
        lat, lon = parts
    lat, lon = _coord(lat, -90, 90, "latitude"), _coord(lon, -180, 180, "longitude")
    if (lat is None) != (lon is None):
        raise ValueError("give both latitude and longitude, or neither")
    if lat is None:
        return None
    if lat == 0 and lon == 0:
        raise ValueError("coordinates 0, 0 are not a place (a missing value?)")
    return lat, lon


def hour(when: dt.datetime) -> dt.datetime:
    return when.astimezone(dt.timezone.utc).replace(minute=0, second=0, microsecond=0)


def _sighting(row: dict, ctx: Context, where: str, attachments: Attachments) -> Stream:
    flags: list[str] = []
    for key, value in row.items():
        if isinstance(value, str) and _FORMULA.match(value) and key in ("what", "place", "time"):
            flags.append("formula")
    if row.get("_extra_cells"):
        flags.append("extra-cells-ignored")
    what = _str(row, "what", MAX_WHAT)
    if not what:
        raise ValueError("no description of what was seen ('what')")
    place = _str(row, "place")
    coords = _coords(row)
    seen = parse_iso_time(row["time"], now=ctx.now, what="time") if row.get("time") not in (None, "") else None
    seen = seen.astimezone(dt.timezone.utc) if seen else None
    submitted = row.get("submitted")
    submitted = hour(parse_iso_time(submitted, now=ctx.now, what="submitted")) if submitted not in (None, "") else None
    refs = row.get("photos") or []
    if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
        raise ValueError("photos must be a list of file names")
    if len(refs) > MAX_PHOTOS:
        raise ValueError(f"{len(refs)} photos; at most {MAX_PHOTOS}")
    photos: list[Photo] = []
    coords_from = "reporter" if coords else None
    for i, ref in enumerate(refs, 1):
        try:
            got = decode(attachments(ref))
        except (MediaError, ValueError, OSError, IndexError) as e:
            yield Rejected(f"{where}/photo-{i}", f"photo {i} refused: {e}")
            flags.append("photo-refused")
            continue
        photos.append(got.photo)
        if coords is None and got.gps:
            coords, coords_from = got.gps, "photo"
        if seen is None and got.taken:
            seen = hour(parse_iso_time(got.taken.replace(tzinfo=CAMERA_TZ), now=ctx.now, what="photo time"))
    if not place and coords is None:
        raise ValueError("no place: give 'place', or 'lat' and 'lon' (or a photo with a location)")
    if coords:
        coords = (round(coords[0], ROUND), round(coords[1], ROUND))
    token = None
    contact = _str(row, "contact", 300)
    consent = row.get("contact_consent") in (True, 1, "1", "true", "True", "yes", "да", "так")
    if contact and consent:
        token = ctx.keys.encrypt_contact(contact)  # InputError without a key: the sighting is refused
    elif contact:
        flags.append("contact-dropped-no-consent")
    what, n1 = scrub(what)
    what, n2 = _IP.subn("[address removed]", what)
    place_text = scrub(place)[0] if place else None
    if n1 or n2:
        flags.append("personal-data-removed")
    text = _text(what, place_text, coords, seen)
    pseudo = ctx.keys.pseudonym("reporter", row.get("reporter")) if row.get("reporter") else None
    sid = f"citizen-{pseudo}" if pseudo else f"citizen-{hashlib.sha256(text.encode()).hexdigest()[:12]}"
    source = Source(id=sid, name="Citizen sighting", kind="citizen")
    kept = {"what": what, "place": place_text, "lat": coords[0] if coords else None,
            "lon": coords[1] if coords else None, "time": seen.isoformat() if seen else None,
            "submitted": submitted.isoformat() if submitted else None, "photos": len(photos)}
    raw = json.dumps({k: v for k, v in kept.items() if v is not None}, ensure_ascii=False)
    doc = make_document(source, text, raw=raw, ctx=ctx, origin=where, kind="citizen", published=submitted or seen,
                        flags=tuple(dict.fromkeys(flags)))
    doc = doc.model_copy(update={"retrieved": hour(ctx.now)})  # no exact time about a reporter anywhere
    sighting = Sighting(place_text=place_text, lat=coords[0] if coords else None, lon=coords[1] if coords else None,
                        coords_from=coords_from, seen_at=seen, submitted=submitted, contact_token=token,
                        photos=tuple(photos))
    yield Item(source, doc, {}, sighting)


def _text(what: str, place: str | None, coords: tuple[float, float] | None, seen: dt.datetime | None) -> str:
    where = " ".join(filter(None, [f"near {place}" if place else None,
                                   f"({coords[0]:.2f}, {coords[1]:.2f})" if coords else None]))
    when = f"on {seen:%Y-%m-%d} at {seen:%H:%M} UTC" if seen else ""
    tail = " ".join(filter(None, [where, when]))
    return f"{what}\n\nSeen {tail}." if tail else what
