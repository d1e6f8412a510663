"""Which kinds of event a sentence (or one of its clauses) tells of, each with its trigger.

A trigger from the lexicons is not yet an event: a hedged or forecast happening is an
assessment, what someone plans or urges is a statement, a reporting word beside a real
happening is no event of its own, and a happening inside another's clause is context.
"""

from __future__ import annotations

from spacy.tokens import Span

from borderwatch.extract import fields

PERCEPTION = {"seen", "spotted", "observed", "recorded"}
LAUNCH = {"launch", "begin", "start", "mount", "open"}
EXERCISE_VERBS = {"practise", "practice", "rehearse", "drill", "train", "exercise", "conduct", "hold", "stage"}


def _governs(a: Span, b: Span) -> bool:
    """True when b's happening sits inside a's clause ("moved ... as part of the snap
    check": the check is context, not a second event); a coordinated or adverbial clause
    is an event of its own."""
    top = a.root if a.root.pos_ in ("VERB", "AUX") else a.root.head
    node = b.root
    for _ in range(10):
        if node == top:
            return True
        if node.dep_ in ("conj", "advcl", "parataxis") or node.head == node:
            return False
        node = node.head
    return False


def _main_events(triggers: dict[str, Span]) -> dict[str, Span]:
    keep = dict(triggers)
    for ta, a in triggers.items():
        for tb, b in triggers.items():
            if ta != tb and tb in keep and ta in keep and tb not in ("assessment", "statement") \
                    and _governs(a, b) and not _governs(b, a):
                del keep[tb]
    return keep


JUDGING = {"assess", "judge", "estimate", "forecast", "predict"}


def _judged(trigger: Span, hedged, scope: Span) -> Span | None:
    """ "ISW assessed that Minsk is highly unlikely to gain control": the hedged word in a
    judging verb's own clause, which carries the estimate."""
    verb = trigger.root
    if verb.lemma_ not in JUDGING:
        return None
    doc = verb.doc
    return next((doc[t.i:t.i + 1] for c in verb.children if c.dep_ in ("ccomp", "xcomp")
                 for t in c.subtree if t.pos_ in ("VERB", "AUX", "ADJ") and scope.start <= t.i < scope.end
                 and hedged(doc[t.i:t.i + 1])), None)


def _future(trigger: Span) -> bool:
    verb = fields.verb_of(trigger)
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in verb.children)


def event_types(sent: Span, hedged, own_side: bool = False, official: bool = False,
                skip=lambda t: False, own_post: bool = False) -> dict[str, Span | None]:
    """Event types in the sentence, each with its trigger. `hedged(trigger)` tells whether
    a trigger's own clause is hedged (could, likely, unlikely): a hedged happening is a
    judgement (an assessment), or, when a government speaks of its own side, a statement;
    the unhedged happenings beside it stay what they are."""
    triggers: dict[str, Span] = {}
    for s in sorted(fields.in_sent(sent.doc.spans["bw_trigger"], sent), key=lambda s: s.start):
        if skip(s) or _asked(s) or _describes_sayer(s):
            continue
        if s.label_ == "assessment" and "assessment" in triggers and not hedged(triggers["assessment"]):
            triggers["assessment"] = s  # "judged that ... unlikely to invade": the hedged one counts
        triggers.setdefault(s.label_, s)
    out: dict[str, Span] = {}
    stance = (official or own_post) and _posture(sent)
    for etype, t in triggers.items():
        if stance and etype in ("assessment", "statement"):
            out.setdefault("statement", t)  # "our border guards are ready to respond to any provocation"
        elif etype != "assessment" and hedged(t) and _hedged_fact(t):
            out.setdefault(etype, t)  # "probably brought wounded soldiers": a happening, hedged
        elif etype == "assessment":
            if not hedged(t) and t.root.pos_ == "NOUN" and t.root.dep_ == "dobj" and t.root.head.lemma_ in LAUNCH:
                out.setdefault("movement", t)  # "launched their assault on Kyiv": forces set off
            elif hedged(t):
                out["assessment"] = t  # "the invasion" asserted is history or rhetoric, not a forecast
            elif (estimate := _judged(t, hedged, sent)) is not None:
                out["assessment"] = estimate
        elif (own_side and hedged(t)) or (official and _future(t) and etype not in ("exercise", "mobilization")):
            out.setdefault("statement", t)  # what a government says it or others will do
        elif hedged(t):
            out.setdefault("assessment", t)
        else:
            out.setdefault(etype, t)
    if "strike" in out and "movement" in out and any(
            e.label_.split("|")[0] in ("ballistic_missile", "cruise_missile", "missile")
            for e in fields.in_sent(sent.doc.spans["bw_equipment"], sent)):
        del out["movement"]  # missiles "flying south" are the strike; a drone's flight is a movement of its own
    elif "movement" in out and out["movement"] is not None and _munition_flies(out["movement"]):
        out["strike"] = out.pop("movement")  # "four missiles rose and flew south"
    for etype, t in list(out.items()):
        if etype not in ("statement", "assessment", "exercise", "mobilization") and _intended(t):
            del out[etype]  # "has no plans to send troops", "threatened to deploy": said, not done
            out.setdefault("statement", t)
    if len(out) > 1 and "statement" in out and out["statement"] is triggers.get("statement"):
        del out["statement"]  # a reporting word beside a real happening is no event of its own
    if "movement" in out and "exercise" not in out and out["movement"] is not None and _on_range(out["movement"]):
        out["exercise"] = out.pop("movement")  # "paratroopers jumped over the Brestsky training ground"
    if "movement" in out and out["movement"] is not None and _left_over(out["movement"]):
        out.setdefault("deployment", out.pop("movement"))  # "only about 500 fighters are left there"
    if "movement" in out and out["movement"] is not None and _standing(out["movement"]):
        out.setdefault("deployment", out.pop("movement"))  # "another train stood at the siding for hours"
    if "movement" in out and "deployment" in out and out["deployment"].text.lower().split()[-1] in PERCEPTION:
        del out["deployment"]  # "were seen heading south": the sighting is of a movement
    out = _main_events(out)
    ex = out.get("exercise")
    if ex is not None and any(t.pos_ == "VERB" and t.lemma_ in EXERCISE_VERBS for t in sent):
        return {k: v for k, v in out.items() if k in ("exercise", "assessment", "statement")}
    return out


RANGES = {"range", "ranges", "ground", "grounds", "polygon", "area"}  # "training ground", "firing range"
MANOEUVRES = {"jump", "drop", "parachute", "land", "fly", "cross", "drive", "manoeuvre", "maneuver", "roll", "circle"}


def _on_range(trigger: Span) -> bool:
    """ "jumped over the Brestsky training ground", "landed a tactical assault force at the
    Obuz-Lesnovsky training ground": moves made at a range, not towards it, are the drill."""
    verb = fields.verb_of(trigger)
    if verb.lemma_ not in MANOEUVRES:
        return False  # "arrived at the training ground": where a move ends
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    preps = [c for h in (verb, *objects) for c in h.children if c.dep_ == "prep"]
    if any(p.lower_ in ("to", "towards", "toward", "for", "into", "from") for p in preps):
        return False
    return any(p.lower_ in ("at", "over", "on", "above") and any(
        g.dep_ == "pobj" and g.lower_ in RANGES and (g.lower_ in ("range", "ranges", "polygon") or any(
            c.lower_ in ("training", "firing") for c in g.children)) for g in p.children) for p in preps)


def _asked(trigger: Span) -> bool:
    """ "he did not see what it was carrying", "nobody knows where they are going": a happening
    asked about in a clause of its own tells of nothing."""
    verb = fields.verb_of(trigger)
    first = verb.doc[verb.left_edge.i]
    head = verb
    while head.dep_ == "conj" and head.head != head:
        head = head.head  # "how many had been moved or where they were now stationed"
    return head.dep_ == "ccomp" and (first.tag_ in ("WP", "WRB") or first.lower_ == "whether")


SAYING = {"say", "write", "tell", "report", "claim", "insist", "swear", "add", "confirm"}  # a sayer's verbs


def _left_over(trigger: Span) -> bool:
    """ "only about 500 Wagner fighters are left there", "a few units were left behind": what
    remains, not a departure."""
    verb = trigger.root
    return verb.lemma_ == "leave" and verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children) \
        and not any(c.dep_ == "agent" for c in verb.children)


def _describes_sayer(trigger: Span) -> bool:
    """ "A neighbour who delivers bread to the camp says ...", "according to a reader who drives
    the Mazyr bus": what the sayer does from day to day says who he is, not what happened."""
    verb = fields.verb_of(trigger)
    if verb.dep_ != "relcl" or verb.tag_ not in ("VBZ", "VBP") or any(c.dep_ == "aux" for c in verb.children):
        return False
    person = verb.head
    return (person.dep_ == "nsubj" and person.head.lemma_ in SAYING) or (
        person.dep_ == "pobj" and person.head.lower_ == "to" and person.head.head.lower_ == "according")


STANDING = {"stand", "sit", "wait", "park", "idle", "lie", "remain", "stay"}


def _standing(trigger: Span) -> bool:
    """ "a second train with fuel tankers stood for several hours at the siding", "the column is
    still parked outside Yelsk": a train or convoy that stands still is where forces are, not a
    movement."""
    noun = trigger.root
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return noun.head.lemma_ in STANDING


POSTURE = ("ready to", "ready for", "prepared to", "prepared for")


def _posture(sent: Span) -> bool:
    """An official's "ready to respond", "prepared for any scenario": a stance declared, not
    a likelihood judged."""
    text = fields.text_of(sent).lower()
    return any(p in text for p in POSTURE)


MODALS = {"may", "might", "could", "can", "would", "will", "shall", "should", "must", "'ll", "ca", "wo"}
ESTIMATIVE_HEADS = {"likely", "unlikely", "possible", "probable", "certain", "chance", "probability", "risk",
                    "possibility", "likelihood", "assess", "judge", "expect", "intend", "plan"}


INTENT = {"plan", "intend", "intention", "threaten", "promise", "vow", "want", "decide", "refuse", "pledge",
          "order", "urge", "demand", "call", "ask", "instruct"}


def _intended(trigger: Span) -> bool:
    """The happening is what someone plans, threatens or orders ("no plans to send its
    troops", "urged Belarus to pull its units back"), not something that happened."""
    verb = fields.verb_of(trigger)
    if verb.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    return head.lemma_.lower() in INTENT or (head.dep_ == "dobj" and head.head.lemma_.lower() in INTENT)


def forecast(verb) -> bool:
    return verb.tag_ == "MD" or any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children)


def _hedged_fact(trigger: Span) -> bool:
    """ "They probably brought wounded soldiers", "artillery has been firing, most likely from
    2S19s": a happening told with a hedging adverb keeps its type. A forecast or a judgement
    ("could join", "is likely to continue", "it is unlikely that", "are probably part of
    wider preparations") is an assessment."""
    verb = fields.verb_of(trigger)
    if verb.lemma_ == "be" and not any(c.dep_ == "expl" for c in verb.children):
        return False  # "X is probably Y": a judgement about what X is
    if verb.lemma_ in ("mean", "intend", "aim", "design"):
        return False  # "the movements were likely meant to pin down ...": a judgement of purpose
    ancestors = [verb, *verb.ancestors]
    if verb.tag_ in ("VB", "MD") or any(c.dep_ == "aux" and c.lower_ in MODALS for v in ancestors for c in v.children):
        return False  # could / will / may happen ("will continue to fly"): a forecast
    if any(v.lemma_.lower() in ESTIMATIVE_HEADS or v.lower_ in ESTIMATIVE_HEADS for v in ancestors[1:]):
        return False  # "likely to continue", "unlikely that Russia used"
    return True


def anaphoric(trigger: Span | None) -> bool:
    """ "the readiness drills", "The announcement": a noun pointing back at something named."""
    if trigger is None or trigger.root.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "these", "that", "those") for c in trigger.root.children)


MUNITIONS = {"missile", "rocket"}


def _munition_flies(trigger: Span) -> bool:
    """A missile or rocket is what moves: it is on its way to a target, not being moved."""
    verb = fields.verb_of(trigger)
    heads = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in MUNITIONS for h in heads for c in h.children)
