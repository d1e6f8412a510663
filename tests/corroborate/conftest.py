"""Small builders for corroboration tests: documents and observations by hand, no model."""

import datetime as dt
import hashlib
import itertools

import pytest

from borderwatch.model import (Actor, Attribution, Direction, Document, Equipment, Observation, Personnel, Place,
                               Source, Span, TimeRef)

PLACES = {"Mazyr": (52.0416, 29.2163), "Yelsk": (51.8136, 29.1544), "Kalinkavichy": (52.1323, 29.3257),
          "Brest": (52.1089, 23.7175), "Rechytsa": (52.3617, 30.3916), "Homel": (52.4345, 30.9754)}
_n = itertools.count()


def make_doc(text="A column of tanks moved south from Mazyr.", source="s1", published="2024-05-13T12:00:00+03:00",
             kind="news"):
    when = dt.datetime.fromisoformat(published)
    digest = hashlib.sha256(f"{source}|{text}".encode()).hexdigest()
    return Document(id=digest, source=source, kind=kind, text=text, raw=text, content_hash=digest[:32],
                    published=when, retrieved=when)


def make_obs(doc, type="movement", actor="BY", at=(), eq=(), toward=None, modality="asserted", date=None,
             cites=None, personnel=None, markings=(), background=False):
    locs = tuple(Place(text=p, name=p, country="BY", lat=PLACES[p][0], lon=PLACES[p][1], precision=1) for p in at)
    rel, _, country = (toward or "").rpartition(":")
    return Observation(
        id=f"o{next(_n):06d}", doc=doc.id, type=type,
        actor=Actor(text=actor, name=actor, country=actor) if actor else None,
        equipment=tuple(Equipment(text=c, cls=c) for c in eq),
        personnel=Personnel(text=str(personnel), count=personnel) if personnel else None,
        locations=locs, toward=Direction(text=toward, relation=rel or "toward", country=country or None) if toward else None,
        time=TimeRef(text=date, date=dt.date.fromisoformat(date), precision="day") if date else None,
        attribution=Attribution(text=cites, kind="monitoring_group", name=cites) if cites else None,
        modality=modality, markings=tuple(markings), background=background,
        evidence=Span(start=0, end=len(doc.text), text=doc.text))


def sources_of(docs, kind="news"):
    return {d.source: Source(id=d.source, name=d.source, kind=kind) for d in docs}


@pytest.fixture
def doc():
    return make_doc


@pytest.fixture
def obs():
    return make_obs
