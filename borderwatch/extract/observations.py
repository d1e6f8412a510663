"""Turn an annotated spaCy Doc into Observations, sentence by sentence."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Callable, Sequence

from spacy.tokens import Doc, Span

from borderwatch.extract import fields, numbers
from borderwatch.extract.attribute import (SUBJECT_DEPS, ActorTable, Memory, actors_in, attribution,
                                           modality, resolve_anaphor)
from borderwatch.extract.lexicons import Lexicons
from borderwatch.model import Actor, Document, Observation, Personnel, Place, Span as TextSpan

# locate(mentions, countries, actor_country) -> one Place per mention (lat None: no match)
Locator = Callable[[Sequence[tuple[str, int, int]], Sequence[str], str | None], list[Place]]
HEDGED = {"possible", "likely", "unlikely"}
PERCEPTION = {"seen", "spotted", "observed", "recorded"}
EXERCISE_VERBS = {"practise", "practice", "rehearse", "drill", "train", "exercise", "conduct", "hold", "stage"}
BACKGROUND_DAYS = 60
SELF_REPORTING = {"armed_forces", "ministry", "president", "government", "state", "border_guard"}


def observation_id(doc_id: str, etype: str, start: int, end: int) -> str:
    return hashlib.sha256(f"{doc_id}|{etype}|{start}|{end}".encode()).hexdigest()[:32]


def _subject_actor(trigger: Span, actors: list[Actor], sent: Span) -> Actor | None:
    doc = sent.doc
    verb = trigger.root if trigger.root.pos_ in ("VERB", "AUX") else trigger.root.head
    # The trigger's own subject first; an xcomp's or conj's subject sits on its head.
    heads = [verb, verb.head] if verb.dep_ in ("xcomp", "conj") else [verb]
    for head in heads:
        for tok in sent:
            if tok.dep_ in SUBJECT_DEPS and tok.head == head:
                for a in actors:
                    if a.start <= tok.idx < a.end or (tok.left_edge.idx <= a.start < tok.idx + len(tok)):
                        return a
    # "Belarusian tanks ... marching": the actor in the trigger's own phrase
    for a in actors:
        for t in doc.char_span(a.start, a.end, alignment_mode="expand") or ():
            if t.head == trigger.root or t.head.head == trigger.root:
                return a
    return None


def _pick_actor(trigger: Span | None, actors: list[Actor], sayer: Actor | None, sent: Span,
                memory: Memory, lex: Lexicons) -> Actor | None:
    if trigger is not None:
        found = _subject_actor(trigger, actors, sent)
        if found:
            return found
        verb = trigger.root if trigger.root.pos_ in ("VERB", "AUX") else trigger.root.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and verb.dep_ == "conj":  # "said it saw no threat but was reinforcing"
            subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ in ("they", "it", "we") and sayer is not None:
            return sayer
        if subj is not None:
            chunk = sent.doc[subj.left_edge.i:subj.i + 1]
            anaphor = resolve_anaphor(chunk, memory, lex)
            if anaphor and anaphor.kind not in ("monitoring_group", "think_tank", "media"):
                return anaphor
    others = [a for a in actors if sayer is None or a.start != sayer.start]
    others = [a for a in others if a.kind not in ("monitoring_group", "think_tank", "media")]
    if others:
        forces = [a for a in others if a.kind in ("armed_forces", "pmc")]
        return (forces or others)[0]
    # "the military announced snap drills": the sayer acts only when the happening is the
    # direct object of its own verb, not a clause it reports ("said that units moved").
    noun = trigger.root if trigger is not None else None
    while noun is not None and noun.dep_ in ("compound", "amod") and noun.head != noun:
        noun = noun.head  # "snap combat readiness drills": the drills are the object
    if sayer is not None and sayer.kind in SELF_REPORTING and noun is not None \
            and noun.pos_ in ("NOUN", "PROPN") and noun.dep_ == "dobj":
        verb = noun.head
        if any(c.dep_ == "nsubj" and sayer.start <= c.idx < sayer.end + 1 for c in verb.children):
            return sayer
    return None


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


SPEAKERS = {"official", "president", "government", "state", "ministry", "armed_forces", "border_guard",
            "international_org", "intelligence"}


def _reports(sent: Span) -> bool:
    """A reporting frame: a verb of saying with a clause or a quote."""
    return any(t.pos_ == "VERB" and any(c.dep_ in ("ccomp", "parataxis") for c in t.children) for t in sent) \
        or any(q in sent.text for q in ('"', "\u201c", "\u00ab"))


def _anchored(sent: Span, actors: list[Actor], force_nouns: set[str]) -> bool:
    """Does the sentence talk about armed forces at all?"""
    if fields.in_sent(sent.doc.spans["bw_equipment"], sent):
        return True
    if any(t.label_ in ("strike", "assessment", "mobilization") or (t.label_ == "exercise" and t.root.pos_ == "NOUN")
           for t in fields.in_sent(sent.doc.spans["bw_trigger"], sent)):
        return True  # explosions, invading, mobilisation, drills are military by nature
    if any(a.kind in ("armed_forces", "pmc", "paramilitary", "ministry", "border_guard", "president",
                      "intelligence", "official") for a in actors):
        return True
    return any(t.lower_ in force_nouns for t in sent)


GENERIC_FORCES = {"army", "forces", "military", "troops", "units"}


def _generic_forces(trigger: Span, own_country: str | None, table: ActorTable) -> Actor | None:
    """ "The army has moved three battalions ..." in a ministry's own post: that country's
    army. An inference, so its score says so (0.7). Places are no guide (a destination says
    nothing about whose troops go there), so without a known publisher: no actor."""
    verb = trigger.root if trigger.root.pos_ in ("VERB", "AUX") else trigger.root.head
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ not in GENERIC_FORCES or not any(c.lower_ == "the" for c in subj.children):
        return None
    entry = table.armed_forces.get(own_country) if own_country else None
    if entry is None:
        return None
    phrase = subj.doc[subj.left_edge.i:subj.i + 1]
    return Actor(text=phrase.text, name=entry.name, country=entry.country, kind=entry.kind, score=0.7,
                 start=phrase.start_char, end=phrase.end_char)


def _coordinated_forces(actors: list[Actor], doc: Doc) -> list[tuple[Actor, Span]]:
    """Forces of different countries joined by "and" in one phrase, each with its own part
    of the phrase (so each keeps its own count); [] when there are no such forces."""
    forces = [a for a in actors if a.kind in ("armed_forces", "pmc", "paramilitary") and a.country]
    if len({a.country for a in forces}) < 2:
        return []
    heads = []
    for a in forces:
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        if span is None:
            return []
        root = span.root
        heads.append((a, root.head if root.dep_ in ("amod", "compound", "poss", "nmod") else root))
    nouns = {h.i for _, h in heads}
    linked = [(a, h) for a, h in heads if h.dep_ == "conj" and h.head.i in nouns
              or any(c.dep_ == "conj" and c.i in nouns for c in h.children)]
    if len({a.country for a, _ in linked}) < 2:
        return []
    out = []
    for a, h in linked:
        left = min(t.i for t in h.subtree if t.dep_ != "conj" and not any(x.dep_ == "conj" for x in t.ancestors
                                                                            if x.i > h.i and x in h.subtree))
        left = min(left, doc.char_span(a.start, a.end, alignment_mode="expand").start)
        out.append((a, doc[left:h.i + 1]))
    return out


def _past_tense(sent: Span) -> bool:
    """The main clause tells of the past ("crossed", "had moved"), not of now ("remain",
    "has built since 2022"): only then does an old date make a sentence background."""
    root = sent.root
    if root.tag_ in ("VBP", "VBZ", "VBG", "MD"):
        return False
    if any(c.dep_ == "aux" and c.lower_ in ("has", "have", "is", "are", "will") for c in root.children):
        return False
    return True


def _future(trigger: Span) -> bool:
    verb = trigger.root if trigger.root.pos_ in ("VERB", "AUX") else trigger.root.head
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in verb.children)


def _types(sent: Span, hedged, own_side: bool = False, official: bool = False,
           skip=lambda t: False) -> dict[str, Span | None]:
    """Event types in the sentence, each with its trigger. `hedged(trigger)` tells whether
    a trigger's own clause is hedged (could, likely, unlikely): a hedged happening is a
    judgement (an assessment), or, when a government speaks of its own side, a statement;
    the unhedged happenings beside it stay what they are."""
    triggers: dict[str, Span] = {}
    for s in sorted(fields.in_sent(sent.doc.spans["bw_trigger"], sent), key=lambda s: s.start):
        if skip(s):
            continue
        if s.label_ == "assessment" and "assessment" in triggers and not hedged(triggers["assessment"]):
            triggers["assessment"] = s  # "judged that ... unlikely to invade": the hedged one counts
        triggers.setdefault(s.label_, s)
    out: dict[str, Span] = {}
    for etype, t in triggers.items():
        if etype != "assessment" and hedged(t) and _hedged_fact(t):
            out.setdefault(etype, t)  # "probably brought wounded soldiers": a happening, hedged
        elif etype == "assessment":
            if hedged(t):
                out["assessment"] = t  # "the invasion" asserted is history or rhetoric, not a forecast
        elif (own_side and hedged(t)) or (official and _future(t) and etype not in ("exercise", "mobilization")):
            out.setdefault("statement", t)  # what a government says it or others will do
        elif hedged(t):
            out.setdefault("assessment", t)
        else:
            out.setdefault(etype, t)
    if "strike" in out and "movement" in out and any(
            e.label_.split("|")[0] in ("drone", "ballistic_missile", "cruise_missile", "missile")
            for e in fields.in_sent(sent.doc.spans["bw_equipment"], sent)):
        del out["movement"]  # drones "entering airspace" or missiles "flying south" are a strike
    for etype, t in list(out.items()):
        if etype not in ("statement", "assessment", "exercise", "mobilization") and _intended(t):
            del out[etype]  # "has no plans to send troops", "threatened to deploy": said, not done
            out.setdefault("statement", t)
    if len(out) > 1 and "statement" in out and out["statement"] is triggers.get("statement"):
        del out["statement"]  # a reporting word beside a real happening is no event of its own
    if "movement" in out and "deployment" in out and out["deployment"].text.lower().split()[-1] in PERCEPTION:
        del out["deployment"]  # "were seen heading south": the sighting is of a movement
    out = _main_events(out)
    ex = out.get("exercise")
    if ex is not None and any(t.pos_ == "VERB" and t.lemma_ in EXERCISE_VERBS for t in sent):
        return {k: v for k, v in out.items() if k in ("exercise", "assessment", "statement")}
    return out


QUANTIFIERS = {"both", "most", "many", "some", "each", "all", "several", "one", "another"}
BACK_NOUNS = {"vehicles", "vehicle", "column", "convoy", "echelon", "echelons", "train", "trains", "equipment",
              "flatcars", "wagons", "trucks", "tanks", "aircraft", "helicopters", "other"}


def _continues(sent: Span) -> bool:
    """ "Among them were ...", "Many of the vehicles ...", "One echelon carried ...", "The
    vehicles were marked ...": the sentence opens by pointing back at what the one before
    reported."""
    words = [t.lower_ for t in sent[:4] if not t.is_punct] + ["", ""]
    first, second = words[0], words[1]
    if first in ("they", "among") or (first == "it" and second not in ("is", "was")):
        return True
    if first in QUANTIFIERS:
        return second == "of" or (first in ("one", "another", "each") and second in BACK_NOUNS)
    return first in ("the", "these", "those") and second in BACK_NOUNS


MODALS = {"may", "might", "could", "can", "would", "will", "shall", "should", "must", "'ll", "ca", "wo"}
ESTIMATIVE_HEADS = {"likely", "unlikely", "possible", "probable", "certain", "chance", "probability", "risk",
                    "possibility", "likelihood", "assess", "judge", "expect", "intend", "plan"}


INTENT = {"plan", "intend", "intention", "threaten", "promise", "vow", "want", "decide", "refuse", "pledge",
          "order", "urge", "demand", "call", "ask", "instruct"}


def _intended(trigger: Span) -> bool:
    """The happening is what someone plans, threatens or orders ("no plans to send its
    troops", "urged Belarus to pull its units back"), not something that happened."""
    verb = trigger.root if trigger.root.pos_ in ("VERB", "AUX") else trigger.root.head
    if verb.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    return head.lemma_.lower() in INTENT or (head.dep_ == "dobj" and head.head.lemma_.lower() in INTENT)


def _forecast(verb) -> bool:
    return verb.tag_ == "MD" or any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children)


def _hedged_fact(trigger: Span) -> bool:
    """ "They probably brought wounded soldiers", "artillery has been firing, most likely from
    2S19s": a happening told with a hedging adverb keeps its type. A forecast or a judgement
    ("could join", "is likely to continue", "it is unlikely that", "are probably part of
    wider preparations") is an assessment."""
    verb = trigger.root if trigger.root.pos_ in ("VERB", "AUX") else trigger.root.head
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


def _anaphoric(trigger: Span | None) -> bool:
    """ "the readiness drills", "The announcement": a noun pointing back at something named."""
    if trigger is None or trigger.root.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "these", "that", "those") for c in trigger.root.children)


def build(doc: Doc, document: Document, lex: Lexicons, table: ActorTable,
          locate: Locator | None = None) -> list[Observation]:
    memory = Memory()
    out: list[Observation] = []
    table_countries = lex.directions.get("countries", {})
    words = {t.lower_ for t in doc}
    doc_countries = sorted(c for c, names in table_countries.items() if words & set(names))
    country_names = {n for names in table_countries.values() for n in names}
    force_nouns = set(lex.attribution.get("force_nouns", ()))
    own_voice = table.source_actor(document.source)
    own_country = table.by_name[own_voice].country if own_voice else None
    # a ministry's or a border service's own post: what it declares is a statement even when
    # the sentence names no forces ("the check is not directed against anyone")
    own_official = bool(own_voice and table.by_name[own_voice].kind in SELF_REPORTING)
    published = document.published
    prev: list[Observation] = []
    for sent in doc.sents:
        actors = actors_in(sent, table)
        attr, sayer = attribution(sent, actors, memory, lex)
        if attr is not None and attr.name is not None and attr.name == own_voice and attr.via is None:
            attr = None  # "ISW assesses ..." in ISW's own note is the document speaking
        if not _anchored(sent, actors, force_nouns) and not (own_official and attr is None and any(
                t.label_ == "statement" for t in fields.in_sent(doc.spans["bw_trigger"], sent))):
            prev = []
            for a in actors:
                memory.remember(a)
            continue
        own_side = bool(attr and sayer and attr.kind in ("official", "government", "ministry", "military")
                        and any(a.country == sayer.country for a in actors if a is not sayer and a.start != sayer.start))
        official = bool(sayer and sayer.kind in SPEAKERS)
        seen = {o.type for o in out}

        def told_before(t: Span) -> bool:
            """ "the exercise" that the document already reported (unless judged: "the
            deployment is very likely intended to ...")."""
            return _anaphoric(t) and (t.label_ in seen or t.label_ == "statement") \
                and modality(sent, t, attr is not None, lex)[0] not in ("likely", "unlikely")

        types = _types(sent, lambda t: modality(sent, t, attr is not None, lex)[0] in HEDGED, own_side, official,
                       told_before)
        has_gear = bool(fields.in_sent(doc.spans["bw_equipment"], sent) or fields.in_sent(doc.spans["bw_marking"], sent))
        if prev and ((not types and has_gear and not any(e.label_ in ("GPE", "LOC", "FAC") for e in sent.ents)
                      and not any(t.dep_ == "expl" for t in sent))  # "There are ten ambulances": its own
                     or (_continues(sent) and not actors and set(types) <= {prev[-1].type, "movement", "deployment"})):
            # No happening of its own: it continues the sentence before ("25 tanks were on the
            # flatcars. The vehicles are marked with a white V."; "One echelon carried BTR-82As."),
            # so it joins that observation.
            last = prev[-1]
            extra = [e for e in fields.equipment(sent, lex) if (e.cls, e.model) not in
                     {(x.cls, x.model) for x in last.equipment}]
            merged = last.model_copy(update={
                "equipment": last.equipment + tuple(extra),
                "markings": tuple(dict.fromkeys(last.markings + fields.markings(sent))),
                "toward": last.toward or fields.direction(sent, lex, []),
                "evidence": TextSpan(start=last.evidence.start, end=sent.end_char,
                                     text=doc.text[last.evidence.start:sent.end_char])})
            out[out.index(last)] = merged
            prev = prev[:-1] + [merged]
            for a in actors:
                memory.remember(a)
            continue
        if not types and (fields.in_sent(doc.spans["bw_equipment"], sent)
                          or (fields.personnel(sent, lex) and any(e.label_ in ("GPE", "LOC", "FAC") for e in sent.ents))):
            # forces or equipment somewhere with no verb of their own: part of the exercise the
            # document is about, or else simply present there
            types = {("exercise" if "exercise" in seen else "deployment"): None}
            gear = fields.in_sent(doc.spans["bw_equipment"], sent)
            if gear and any(_forecast(v) for v in (gear[0].root, *gear[0].root.ancestors)) \
                    and modality(sent, None, attr is not None, lex)[0] in HEDGED:
                types = {"assessment": None}  # "Belarus may also receive more Tor-M2 systems"
        if not types and sayer is not None and sayer.kind in SPEAKERS and _reports(sent):
            types = {"statement": None}  # an official says something that is no happening itself
        current: list[Observation] = []
        if not types and attr is not None and prev and sent.text.split()[0].lower() in ("the", "this", "it", "that"):
            # The next sentence names who said the last one: "The announcement came ..., the ministry wrote."
            current = [p.model_copy(update={
                "attribution": attr if p.attribution is None or p.attribution.kind in ("military", "other")
                else p.attribution,
                "modality": "claimed" if p.modality == "asserted" else p.modality,
                "evidence": TextSpan(start=p.evidence.start, end=sent.end_char,
                                     text=doc.text[p.evidence.start:sent.end_char])}) for p in prev]
            out[-len(prev):] = current
        else:
            time = fields.time_of(sent, published)
            if time and time.date is None and time.text.lower().startswith("the same") and prev and prev[-1].time:
                time = prev[-1].time.model_copy(update={"text": time.text})  # "the same evening"
            background = (bool(time and time.date and published and
                               time.date < published.date() - dt.timedelta(days=BACKGROUND_DAYS))
                          and _past_tense(sent) and not time.text.lower().startswith(("since", "from"))) or \
                any(cue in sent.text.lower() for cue in lex.attribution.get("background_cues", ()))
            actor_tokens = {t.i for a in actors for t in (doc.char_span(a.start, a.end, alignment_mode="expand") or ())}
            groups = _clause_groups(sent, types, lambda scope: _types(
                scope, lambda t: modality(sent, t, attr is not None, lex)[0] in HEDGED, own_side, official,
                told_before))
            for scope, scope_types in groups:
                local = scope is not sent  # one of several clauses, each with its own happening
                scope_attr, scope_sayer = attr, sayer
                if local:
                    own = attribution(scope, [a for a in actors if scope.start_char <= a.start < scope.end_char],
                                      memory, lex)
                    if own[0] is not None:
                        scope_attr, scope_sayer = own
                scope_time = (fields.time_of(scope, published) or time) if local else time
                equipment = fields.equipment(scope, lex)
                mentions = fields.place_mentions(scope, actor_tokens, country_names)
                places: list[Place] = []
                for etype, trigger in scope_types.items():
                    actor = _pick_actor(trigger, actors, scope_sayer, sent, memory, lex)
                    if actor is None and etype == "statement":
                        # a statement names no doer: the speaker is the actor (the source itself
                        # when it speaks in its own voice)
                        actor = scope_sayer if scope_sayer is not None else \
                            table.actor(own_voice, own_voice, None, None) \
                            if own_voice and scope_attr is None else None
                    if places == [] and mentions:
                        places = _locate(mentions, locate, doc_countries, actor)
                    if actor is None and trigger is not None:
                        actor = _generic_forces(trigger, own_country, table)
                    mod, est = modality(sent, trigger, scope_attr is not None, lex)
                    if etype == "assessment" and mod == "asserted" and scope_attr is not None:
                        mod = "claimed"
                    # "7,000 Belarusian troops and several thousand Russian servicemen were deployed":
                    # coordinated forces of different countries are one observation each.
                    split = _coordinated_forces(actors, doc) if etype in ("deployment", "movement", "mobilization") \
                        and not local else []
                    for actor, part in split or [(actor, scope)]:
                        current.append(Observation(
                            id=observation_id(document.id, etype, part.start_char, part.end_char),
                            doc=document.id, type=etype, actor=actor, equipment=tuple(equipment),
                            personnel=fields.personnel(part, lex) if etype != "statement" else None,
                            locations=tuple(places),
                            toward=fields.direction(scope, lex, [(p.text, p.start, p.end) for p in places]),
                            time=scope_time, attribution=scope_attr, modality=mod, estimative=est,
                            markings=fields.markings(scope),
                            keywords=tuple(dict.fromkeys(s.text.lower() for s in fields.in_sent(doc.spans["bw_trigger"], sent))),
                            background=background,
                            trigger=TextSpan(start=trigger.start_char, end=trigger.end_char, text=trigger.text) if trigger is not None else None,
                            evidence=TextSpan(start=sent.start_char, end=sent.end_char, text=sent.text)))
            base = fields.baseline(sent)
            if base is not None and current and current[0].type in ("deployment", "mobilization", "exercise"):
                current.append(_baseline_observation(current[0], base, published, lex))
            out.extend(current)
        for a in actors:
            memory.remember(a)
        if attr is not None:
            memory.last_sayer, memory.last_sayer_actor = attr, sayer
        prev = current
    return out


CLAUSE_DEPS = {"conj", "ccomp", "advcl", "parataxis", "relcl"}
SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}


CONTRAST = {"while", "whereas", "although", "though", "but"}


def _context_clause(head) -> bool:
    """ "once the drills were over", "when supplies passed through it": a clause that dates or
    explains the main one, not a happening reported beside it."""
    if head.dep_ == "advcl":
        return not any(c.dep_ == "mark" and c.lower_ in CONTRAST for c in head.children)
    if head.dep_ == "relcl":
        return any(c.lower_ in ("when", "as") for c in head.children)
    return False


def _clause_groups(sent: Span, types: dict[str, Span | None], types_of) -> list[tuple[Span, dict[str, Span | None]]]:
    """Split a sentence with several clauses that each tell of a happening ("units remain in
    their positions and no strike groups have formed"; "five echelons were unloaded, and one
    echelon marched"; "X is unlikely, although Y could ...") into those clauses, each with its
    own types; otherwise the whole sentence with `types`."""
    doc = sent.doc
    last = max((t.i for t in sent if not t.is_punct), default=sent.start)
    cuts = set()
    for t in sent:
        if t.dep_ in CLAUSE_DEPS and t.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECTS for c in t.children) \
                and not _context_clause(t):
            left, right = t.left_edge.i, t.right_edge.i
            if right >= last and left > sent.start:
                cuts.add(left)  # "..., and that no strike groups have formed."
            elif left == sent.start and right < last:
                cuts.add(right + 1)  # "While X, Y."
    if not cuts:
        return [(sent, types)]
    edges = [sent.start, *sorted(cuts), sent.end]
    pieces = [doc[a:b] for a, b in zip(edges, edges[1:]) if b > a]
    groups = []
    carry = None  # a piece with no happening of its own joins the next one ("which said on Monday")
    for piece in pieces:
        if carry is not None:
            piece = doc[carry.start:piece.end]
        found = types_of(piece) if fields.in_sent(doc.spans["bw_trigger"], piece) else {}
        if found:
            groups.append((piece, found))
            carry = None
        else:
            carry = piece
    if len(groups) < 2:
        return [(sent, types)]
    if carry is not None:
        groups[-1] = (doc[groups[-1][0].start:sent.end], groups[-1][1])
    # a reporting word in one clause ("said that ...") is no event beside the happenings of the others
    kinds = {k for _, found in groups for k in found}
    if kinds - {"statement"}:
        groups = [(p, f) for p, f in groups if set(f) != {"statement"} or not any(
            t is not None and t.root.pos_ == "VERB" for t in f.values())]
    return groups if len(groups) > 1 else [(sent, types)]


def _baseline_observation(o: Observation, base: Span, published: dt.datetime | None, lex: Lexicons) -> Observation:
    """The earlier level a force figure is compared with ("down from 10,000 in January") is an
    observation of its own: that level, at that time, recalled as background."""
    count = fields.personnel(base, lex)
    time = fields.time_of(base, published, compared=True)
    if count is None:
        run = [t.text for t in base[2:]]
        run = run[:next((i for i, w in enumerate(run) if not numbers.is_number_word(w)), len(run))]
        q = numbers.parse_quantity(run) if run else None
        count = Personnel(text=" ".join(run), count=q.low, high=q.high, approximate=q.approximate) if q else None
    return o.model_copy(update={
        "id": observation_id(o.doc, o.type, base.start_char, base.end_char),
        "personnel": count, "time": time, "background": True, "equipment": (), "locations": (),
        "toward": None, "trigger": TextSpan(start=base.start_char, end=base.end_char, text=base.text)})


def _locate(mentions, locate: Locator | None, countries: list[str], actor: Actor | None) -> list[Place]:
    if locate is None:
        return [Place(text=t, start=s, end=e) for t, s, e, ner in mentions if ner]
    places = locate([(t, s, e) for t, s, e, _ in mentions], countries, actor.country if actor else None)
    return [p for p, (_, _, _, ner) in zip(places, mentions) if ner or p.lat is not None]
