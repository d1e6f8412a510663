"""Citizen sightings: JSON, CSV, the Python API, photos, contacts, retention and purge."""

from __future__ import annotations

import io
import json
import shutil
import struct
from pathlib import Path

import pytest

from borderwatch import pipeline
from borderwatch.errors import InputError
from borderwatch.ingest import media
from borderwatch.ingest.dispatch import FolderAttachments
from borderwatch.ingest.privacy import Keys
from borderwatch.ingest.sightings import read_sightings, submit
from tests.ingest import imagefactory as imf
from tests.ingest.helpers import FIXTURES, NullExtractor, split

SIGHTINGS = FIXTURES / "sightings"


@pytest.fixture
def folder(tmp_path):
    """The sightings fixtures with their photos: a phone photo, a fake JPEG and an SVG."""
    dest = tmp_path / "intake"
    shutil.copytree(SIGHTINGS, dest)
    (dest / "photos").mkdir()
    (dest / "photos" / "column.jpg").write_bytes(imf.phone_photo())
    (dest / "photos" / "fake.jpg").write_bytes(b"<html><script>alert(1)</script></html>")
    (dest / "photos" / "drawing.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    return dest


def read(path: Path, ctx):
    return split(read_sightings(path.read_bytes(), origin=path.name, ctx=ctx, attachments=FolderAttachments(path.parent),
                                csv=path.suffix == ".csv"))


def test_json_sightings_are_read_with_privacy_rules(folder, ctx):
    out = read(folder / "sightings.json", ctx)
    docs = [i for i in out["items"]]
    assert len(docs) == 3
    yelsk, rechytsa, mazyr = docs
    # text for the extractor: what, where, when; personal data replaced
    assert yelsk.doc.kind == "citizen" and yelsk.source.kind == "citizen"
    assert yelsk.doc.text.startswith("Колонна военной техники, около 30 машин")
    assert "Seen near Ельск, улица Советская on 2024-05-13 at 14:05 UTC." in yelsk.doc.text
    assert "111-22-33" not in yelsk.doc.text and "[phone removed]" in yelsk.doc.text
    # submission rounded down to the hour; contact encrypted; network address and user agent gone
    assert yelsk.sighting.submitted.isoformat() == "2024-05-13T14:00:00+00:00"
    assert yelsk.doc.published == yelsk.sighting.submitted and yelsk.doc.retrieved.minute == 0
    token = yelsk.sighting.contact_token
    assert token and b"yelsk_witness" not in token and ctx.keys.decrypt_contact(token) == "@yelsk_witness, +375 29 111-22-33"
    blob = json.dumps([yelsk.doc.to_json(), yelsk.source.to_json()], ensure_ascii=False)
    for secret in ("93.84.101.7", "Redmi", "Mozilla", "yelsk_witness", "5550009999", "111-22-33"):
        assert secret not in blob
    assert yelsk.source.id.startswith("citizen-p-")  # the reporter as a keyed pseudonym
    # coordinates rounded to about 1 km; no consent, no contact
    assert (rechytsa.sighting.lat, rechytsa.sighting.lon) == (52.36, 30.39)
    assert rechytsa.sighting.contact_token is None and "contact-dropped-no-consent" in rechytsa.doc.flags
    assert "mikalai" not in json.dumps(rechytsa.doc.to_json())
    # the photo gives the place and the time; the other 'photos' are refused, the sighting kept
    assert mazyr.sighting.coords_from == "photo" and (mazyr.sighting.lat, mazyr.sighting.lon) == (52.05, 29.27)
    assert mazyr.sighting.seen_at.isoformat() == "2024-05-13T14:00:00+00:00"  # 17:05 Minsk time, to the hour
    assert len(mazyr.sighting.photos) == 1 and "photo-refused" in mazyr.doc.flags
    reasons = {r.origin.rsplit("#", 1)[1]: r.reason for r in out["rejected"]}
    assert "it looks like HTML" in reasons["3/photo-2"]
    assert "it looks like an SVG image" in reasons["3/photo-3"]
    assert "inside the folder" in reasons["3/photo-4"]
    assert "not an ISO 8601" in reasons["4"] and "not a possible latitude" in reasons["5"]
    assert "0, 0 are not a place" in reasons["6"] and "in the future" in reasons["7"]
    assert "no description" in reasons["8"] and "no place" in reasons["9"]
    assert "duplicate key 'what'" in reasons["10"] and "must be a JSON object" in reasons["11"]


def test_csv_sightings_flag_formulas_and_keep_them_as_text(folder, ctx):
    out = read(folder / "sightings.csv", ctx)
    assert len(out["items"]) == 4
    khoiniki, formula, phone, naroulia = out["items"]
    assert (khoiniki.sighting.lat, khoiniki.sighting.lon) == (51.89, 29.96)
    assert "Два верталёты Мі-8" in khoiniki.doc.text
    assert "formula" in formula.doc.flags and formula.doc.text.startswith("=HYPERLINK(")
    assert "formula" in phone.doc.flags and "[phone removed]" in phone.doc.text
    assert (naroulia.sighting.lat, naroulia.sighting.lon) == (52.08, 30.48)  # a decimal comma
    assert {"script", "template-syntax"} <= set(naroulia.doc.flags) and "<script>" in naroulia.doc.text
    reasons = [r.reason for r in out["rejected"]]
    assert any("not an ISO 8601" in r for r in reasons) and any("not a possible longitude" in r for r in reasons)


@pytest.mark.parametrize("data, reason", [
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    (b"place,when\nx,y\n", "'what' column"),
    ('time,place,what\n2024-05-10,Ельск,"бачыў'.encode() * 1, None),
])
def test_broken_csv(ctx, data, reason):
    out = split(read_sightings(data, origin="s.csv", ctx=ctx, csv=True))
    if reason:
        assert reason in out["rejected"][0].reason
    else:  # an unclosed quote: csv reads to the end; one sighting or a clear rejection, never a crash
        assert len(out["items"]) + len(out["rejected"]) == 1


def test_truncated_json_keeps_the_sightings_before_the_break(ctx):
    out = split(read_sightings(b'[{"what": "x", "place": "y"}, {"what": "z", "pla', origin="s.json", ctx=ctx))
    assert len(out["items"]) == 1 and "truncated" in out["rejected"][0].reason


@pytest.mark.parametrize("data, reason", [
    (b'{"what": "x"}', "no 'sightings' list"),
    (b'[' + b'[' * 5000 + b']' * 5000 + b']', "nested deeper"),
    ('[{"what": "Калона", "place": "Ельск"}]'.encode("utf-16"), "UTF-16"),
    ('[{"what": "Калона", "place": "Ельск"}]'.encode("cp1251"), "not UTF-8"),
])
def test_broken_json(ctx, data, reason):
    out = split(read_sightings(data, origin="s.json", ctx=ctx))
    assert not out["items"] and reason in out["rejected"][0].reason


def test_contacts_need_a_key(ctx_nokeys):
    with pytest.raises(InputError, match="BORDERWATCH_CONTACT_KEY is not set: refusing"):
        submit(what="Танки каля Ельска", place="Ельск", contact="+375291112233", contact_consent=True, ctx=ctx_nokeys)
    item, refused = submit(what="Танки каля Ельска", place="Ельск", ctx=ctx_nokeys)  # no contact: fine
    assert item.sighting.contact_token is None and not refused
    from dataclasses import replace

    bad = replace(ctx_nokeys, keys=Keys(contact_key="not-a-fernet-key"))
    with pytest.raises(InputError, match="not a Fernet key"):
        submit(what="x", place="Ельск", contact="a@b.example", contact_consent=True, ctx=bad)


def test_python_api(ctx):
    item, refused = submit(what="Калона з 20 КамАЗаў у бок Мазыра", time="2024-05-31T09:12:00+03:00",
                           lat=52.04123, lon=29.26987, photos=[imf.phone_photo(), b"GIF89a"], ctx=ctx)
    assert (item.sighting.lat, item.sighting.lon, item.sighting.coords_from) == (52.04, 29.27, "reporter")
    assert item.sighting.submitted == ctx.now.replace(minute=0)
    assert len(item.sighting.photos) == 1 and "looks like a GIF" in refused[0].reason
    with pytest.raises(InputError, match="no place"):
        submit(what="x", ctx=ctx)


# -- photos ------------------------------------------------------------------------------
def test_photos_are_decided_by_content_and_decoded_with_limits():
    for data, looks in [(b"%PDF-1.7", "a PDF"), (b"PK\x03\x04zip", "a ZIP"), (b"\x7fELF\x02", "a program"),
                        (b"", "empty")]:
        with pytest.raises(media.MediaError, match=looks):
            media.decode(data)
    with pytest.raises(media.MediaError, match="image bomb|over"):
        media.decode(imf.png_bomb())
    with pytest.raises(media.MediaError, match="cannot decode"):
        media.decode(b"\xff\xd8\xff\xe0" + b"\0" * 100)  # a JPEG header on nothing
    with pytest.raises(media.MediaError, match="longer than"):
        media.decode(imf.phone_photo(), timeout=0.001)
    png = media.decode(imf.png_with_text_chunks()).photo
    assert png.mime == "image/png" and b"BWTESTMAKER" not in png.data and b"tEXt" not in png.data


def test_a_photo_leaves_no_trace_of_its_metadata_in_storage(store, folder, ctx):
    original = (folder / "photos" / "column.jpg").read_bytes()
    assert all(m in original for m in imf.MARKERS)
    s = pipeline.ingest(store, [folder / "sightings.json"], NullExtractor(), ctx=ctx)
    assert s.total("new") == 3
    photos = [p for sg in store.sightings().values() for p in sg.photos]
    assert len(photos) == 1
    clean = photos[0].data
    from PIL import Image

    img = Image.open(io.BytesIO(clean))
    assert img.format == "JPEG" and not img.getexif() and "comment" not in img.info and "icc_profile" not in img.info
    assert b"Exif" not in clean and b"http://ns.adobe.com/xap" not in clean
    thumb = imf.thumbnail_jpeg()
    gps_bytes = b"".join(struct.pack("<II", round(v * 100), 100) for v in imf.LAT)
    store.compact()
    raw = b"".join(p.read_bytes() for p in Path(store.url.removeprefix("sqlite:///")).parent.glob("test.db*"))
    for needle in imf.MARKERS + [thumb[200:260], gps_bytes, imf.LAT_DEC.encode(), original[-200:-100]]:
        assert needle not in clean, needle
        assert needle not in raw, needle
    assert clean[100:160] in raw  # the clean photo is what was stored


def test_purge_removes_media_and_contacts_from_the_file(store, folder, ctx):
    pipeline.ingest(store, [folder / "sightings.json"], NullExtractor(), ctx=ctx)
    sightings = store.sightings()
    clean = next(p.data for s in sightings.values() for p in s.photos)
    token = next(s.contact_token for s in sightings.values() if s.contact_token)
    db = Path(store.url.removeprefix("sqlite:///"))
    store.compact()
    raw = lambda: b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))  # noqa: E731
    assert clean[100:160] in raw() and token[:40] in raw()
    assert store.purge(30, now=ctx.now) == {"media": 0, "contacts": 0}  # all younger than 30 days
    import datetime as dt

    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=31)
    assert store.purge(30, now=later) == {"media": 1, "contacts": 1}
    after = raw()
    assert clean[100:160] not in after and token[:40] not in after
    assert all(s.contact_token is None and not s.photos for s in store.sightings().values())
    assert len(store.sightings()) == 3  # what was seen, where and when stays
    entry = store.audit_entries()[-1]
    assert entry["action"] == "purge" and entry["at"].endswith(":00:00+00:00")


def test_reporter_times_in_the_audit_log_are_hours(store, folder, ctx):
    pipeline.ingest(store, [folder / "sightings.json"], NullExtractor(), ctx=ctx)
    citizen = [e for e in store.audit_entries() if e["entity"] in ("document", "source")
               and (e["entity_id"] or "").startswith(("citizen-",)) or (e["detail"] or {}).get("source", "").startswith("citizen-")]
    assert citizen and all(e["at"].endswith(":00:00+00:00") for e in citizen)


def test_reported_coordinates_reach_the_observations(store, extractor, ctx):
    item, _ = submit(what="A column of 12 T-72B3 tanks moved south towards the Ukrainian border.",
                     time="2024-05-31T09:00:00+03:00", place="Yelsk", lat=51.81, lon=29.15, ctx=ctx)
    s = pipeline.ingest_items(store, [item], extractor)
    assert s.total("new") == 1 and s.observations >= 1
    obs = store.observations()
    assert obs and all(o.locations[0].kind == "reported" and o.locations[0].lat == 51.81 for o in obs)
    assert obs[0].locations[0].border == "BY-UA" and obs[0].locations[0].border_km < 60
    # re-extraction keeps them
    pipeline.reextract(store, extractor)
    assert all(o.locations[0].kind == "reported" for o in store.observations())
