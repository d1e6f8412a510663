"""Five warning scenarios built directly as events and observations (no NLP), one month
each, with sentences written for these tests. Used by the scenario tests and by
`benchmarks/assess_speed.py --scenarios` to print the daily series."""

from __future__ import annotations

import datetime as dt
import hashlib

from borderwatch.model import Actor, Direction, Equipment, Event, Observation, Personnel, Place, Span

START = dt.date(2025, 3, 1)
DAYS = 30
UTC = dt.timezone.utc
ACTORS = {"BY": "Belarusian armed forces", "RU": "Russian armed forces", "UA": "Ukrainian armed forces"}


def place(name: str, lat: float, lon: float, km: float, kind: str | None = None) -> Place:
    return Place(text=name, name=name, country="BY", lat=lat, lon=lon, precision=1, border="BY-UA",
                 border_km=km, kind=kind)


# Invented positions with their distance to the BY-UA border (km), for the tests only.
FAR_RANGE = place("Northern range", 53.6, 27.0, 190, "training_ground")
WEST_RANGE = place("Western range", 53.1, 25.9, 120, "training_ground")
FOREST_A = place("Forest assembly area A", 51.62, 29.7, 12)
FOREST_B = place("Forest assembly area B", 51.70, 28.6, 15)
DEPOT = place("Railhead depot", 51.85, 29.2, 30)
HOSPITAL_1 = place("Village clinic grounds", 51.78, 30.25, 18)
HOSPITAL_2 = place("School sports ground", 51.95, 27.9, 35)
CITY = place("Regional capital", 52.42, 31.0, 38)


def obs(text: str, type: str, *, actor: str | None = "BY", at: Place | None = None, toward: str | None = None,
        relation: str | None = None, equipment: tuple[str, ...] = (), personnel: int | None = None,
        modality: str = "asserted") -> Observation:
    oid = hashlib.sha256(f"{type}|{text}".encode()).hexdigest()[:16]
    return Observation(
        id=oid, doc=f"doc-{oid}", type=type, modality=modality,
        actor=Actor(text=actor, name=ACTORS.get(actor, actor), country=actor) if actor else None,
        equipment=tuple(Equipment(text=c, cls=c) for c in equipment),
        personnel=Personnel(text=str(personnel), count=personnel) if personnel else None,
        locations=(at,) if at else (),
        toward=Direction(text=relation or "toward", relation=relation or "toward", country=toward)
        if (toward or relation) else None,
        evidence=Span(start=0, end=len(text), text=text))


def event(day: int, o: Observation, *, origins: tuple[str, ...] = ("source:monitor",), credibility: int = 3,
          reliability: str = "B") -> tuple[Event, Observation]:
    when = dt.datetime.combine(START + dt.timedelta(days=day), dt.time(12), UTC)
    point = o.locations[0] if o.locations else None
    e = Event(id=f"e{day}-{o.id}", type=o.type, observations=(o.id,), documents=(o.doc,), sources=origins,
              independent_sources=len(origins), origins=origins, actor_country=o.actor.country if o.actor else None,
              lat=point.lat if point else None, lon=point.lon if point else None,
              border_km=point.border_km if point else None, first_seen=when, last_seen=when,
              credibility=credibility, reliability=reliability, summary=o.evidence.text[:80])
    return e, o


def _routine(days) -> list:
    """Background of a normal month: training at home ranges, a ministry statement a week."""
    out = []
    for d in days:
        if d % 3 == 0:
            out.append(event(d, obs(f"A motor rifle company fired its annual tests at the northern range (day {d}).",
                                    "exercise", at=FAR_RANGE), origins=("source:ministry",), reliability="D"))
        if d % 7 == 1:
            out.append(event(d, obs(f"The ministry said day {d} training followed the annual plan.", "statement"),
                             origins=("source:ministry",), reliability="D"))
        if d % 4 == 2:
            out.append(event(d, obs(f"Monitors logged ordinary rail traffic near the regional capital on day {d}.",
                                    "movement", actor=None, at=CITY), origins=("source:monitor",)))
    return out


def quiet_month() -> list:
    return _routine(range(DAYS))


def routine_exercise() -> list:
    out = _routine(range(DAYS))
    out.append(event(4, obs("The defence ministry announced a snap readiness check of two brigades.", "exercise"),
                     origins=("source:ministry",), reliability="D"))
    for d in range(5, 15):
        out.append(event(d, obs(f"Battalions of the snap check practised attacks at the western range, day {d}.",
                                "exercise", at=WEST_RANGE, equipment=("tank", "ifv")),
                         origins=("source:ministry", "source:monitor"), credibility=2))
    out.append(event(9, obs("Su-25 aircraft flew sorties over the northern range during the exercise.", "exercise",
                            at=FAR_RANGE, equipment=("ground_attack_aircraft",)), origins=("source:ministry",), reliability="D"))
    for d in (16, 17):
        out.append(event(d, obs(f"Units that took part in the check were returning to permanent bases by rail (day {d}).",
                                "movement", at=WEST_RANGE), origins=("source:monitor",), credibility=3))
    return out


def build_up() -> list:
    out = _routine(range(DAYS))
    out.append(event(6, obs("Tanks on low-loaders moved south toward the Ukrainian border past the depot.", "movement",
                            at=DEPOT, toward="UA", equipment=("tank",)), origins=("source:monitor", "source:resident"), credibility=2))
    out.append(event(8, obs("Medics set up a field hospital with twenty tents beside the village clinic.", "construction",
                            actor=None, at=HOSPITAL_1), origins=("source:monitor", "source:resident"), credibility=2))
    out.append(event(10, obs("Monitors counted new ammunition stacks and fuel bladders at the railhead depot.", "deployment",
                             actor=None, at=DEPOT), origins=("source:monitor",), credibility=3))
    out.append(event(12, obs("A tank battalion dug in at the forest assembly area 12 km from the border.", "deployment",
                             at=FOREST_A, equipment=("tank",)), origins=("source:monitor", "source:resident", "source:satellite"),
                     credibility=1))
    out.append(event(14, obs("About 12,000 Russian troops unloaded from trains in the south over three days.", "deployment",
                             actor="RU", personnel=12000, equipment=("tank", "ifv")),
                     origins=("source:monitor", "source:intel"), credibility=2))
    out.append(event(15, obs("Reservists in the southern districts received call-up papers for a month of service.",
                             "mobilization"), origins=("source:monitor", "source:resident"), credibility=2))
    out.append(event(17, obs("A second field hospital with a blood station opened at the school sports ground.",
                             "construction", actor=None, at=HOSPITAL_2), origins=("source:resident", "source:monitor"),
                     credibility=2))
    out.append(event(18, obs("A motor rifle battalion took up positions in forest assembly area B near the frontier.",
                             "deployment", at=FOREST_B, equipment=("ifv",)), origins=("source:monitor", "source:satellite"),
                     credibility=2))
    for d in (20, 23, 26, 29):
        out.append(event(d, obs(f"The field hospital beside the village clinic was still in place on day {d}.", "construction",
                                actor=None, at=HOSPITAL_1), origins=("source:monitor",), credibility=3))
    for d in (22, 27):
        out.append(event(d, obs(f"Satellite images on day {d} still showed the tank battalion in the forest assembly area.",
                                "deployment", at=FOREST_A, equipment=("tank",)), origins=("source:satellite",), credibility=3))
        out.append(event(d, obs(f"The Russian group of about 12,000 troops remained in the south on day {d}.", "deployment",
                                actor="RU", personnel=12000), origins=("source:intel",), credibility=3))
    return out


def information_operation() -> list:
    out = _routine(range(DAYS))
    lines = ["The president warned that any provocation on the border would meet a crushing strike.",
             "The defence minister said the army was ready to respond to aggression from the south.",
             "State television called Ukraine an enemy preparing an attack on Belarus.",
             "The security council secretary said nuclear weapons on Belarusian soil deter any threat."]
    for d in range(3, 24, 2):
        out.append(event(d, obs(lines[d % 4] + f" (day {d})", "statement"), origins=("source:state-media",),
                         credibility=3, reliability="D"))
    for d in (10, 20):
        out.append(event(d, obs(f"Monitors saw no movement of units toward the south on day {d}.", "movement",
                                actor=None, modality="negated"), origins=("source:monitor",), credibility=3))
    return out


def de_escalation() -> list:
    out = [x for x in build_up() if x[0].first_seen.date() <= START + dt.timedelta(days=12)]
    out += _routine(range(13, DAYS))
    for d in (14, 16, 19):
        out.append(event(d, obs(f"A long convoy of tanks drove north, away from the border, on day {d}.", "movement",
                                actor="BY", at=CITY, relation="away", equipment=("tank",)),
                         origins=("source:monitor", "source:resident"), credibility=2))
    out.append(event(18, obs("The field hospital beside the village clinic was dismantled and the tents packed up.",
                             "construction", actor=None, at=HOSPITAL_1), origins=("source:monitor",), credibility=3))
    out.append(event(21, obs("The battalion at the forest assembly area returned to its permanent base.", "movement",
                             at=FOREST_A), origins=("source:monitor", "source:satellite"), credibility=2))
    out.append(event(24, obs("Analysts judged an invasion from Belarus very unlikely after the withdrawal.", "assessment",
                             modality="unlikely"), origins=("source:think-tank",), credibility=6, reliability="B"))
    return out


SCENARIOS = {
    "quiet month": quiet_month,
    "routine exercise far from the border": routine_exercise,
    "build-up": build_up,
    "information operation": information_operation,
    "de-escalation": de_escalation,
}


def series(problem, items: list, days: int = DAYS):
    """The assessment on each day from what was reported up to that day."""
    from borderwatch.assess import score

    events = [e for e, _ in items]
    observations = {o.id: o for _, o in items}
    out = []
    for d in range(days):
        day = START + dt.timedelta(days=d)
        out.append(score(problem, [e for e in events if e.first_seen.date() <= day], observations, day))
    return out
