"""Turn an annotated spaCy Doc into Observations, sentence by sentence."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import lru_cache
from typing import Callable, Sequence

from spacy.tokens import Doc, Span

from borderwatch.extract import fields, numbers, timeref
from borderwatch.extract.attribute import (PEOPLE, ActorTable, Memory, actors_in, attribution, cited_by, rebuts_before,
                                          rebuttal)
from borderwatch.extract.clauses import asks, clause_groups, continues, judgement, mixed_statement, units
from borderwatch.extract.doers import (OBSERVERS, SELF_REPORTING, coordinated_forces, generic_forces, pick_actor,
                                       stated_doer, unnamed_branch)
from borderwatch.extract.eventtypes import anaphoric, event_types, forecast
from borderwatch.extract.lexicons import Lexicons
from borderwatch.extract.modality import corrected, debunks, denies, modality, refutes, retracts
from borderwatch.extract.places import place_mentions, river_at, stated_place
from borderwatch.extract.typemodel import TypeModel, sentence_features
from borderwatch.model import (Actor, Attribution, Document, Equipment, Observation, Personnel, Place, Span as TextSpan,
                               TimeRef)

# locate(mentions, countries, actor_country) -> one Place per mention (lat None: no match)
Locator = Callable[[Sequence[tuple[str, int, int]], Sequence[str], str | None], list[Place]]
HEDGED = {"possible", "likely", "unlikely"}
BACKGROUND_DAYS = 60
# in a judgement these qualify the estimate, they date nothing
FOR_NOW = timeref.NOW | {"currently"}


def observation_id(doc_id: str, etype: str, start: int, end: int) -> str:
    return hashlib.sha256(f"{doc_id}|{etype}|{start}|{end}".encode()).hexdigest()[:32]


def _reported_in(scope: Span, attr, saying: frozenset[str]) -> bool:
    """Is this clause what the source reports? The verb the source hangs on (its reporting
    verb, or the verb "according to X" modifies) must govern it: "units moved, the ministry
    said" and "said units moved and built a camp" yes; "Zapad ends today, and the ministry says
    the troops will go home" not for its first clause."""
    sent = scope.sent
    text = fields.text_of(sent)
    at = text.find(attr.text)
    if at > 0 and text[:at].rstrip().lower().endswith("according to") and not _apart(scope[0], sent[-1]) \
            and not text[at + len(attr.text):].strip(" .\"'\u201d"):
        return True  # "A, and B, according to the army.": closing the sentence, it vouches for all of it
    if at > 0 and text[:at].rstrip().endswith(",") and not _apart(scope[0], sent[-1]):
        tail = [t for t in sent if t.idx >= sent.start_char + at + len(attr.text) and not t.is_punct]
        if len(tail) <= 6 and any(t.lemma_.lower() in saying for t in tail[:4]):
            return True  # "A, and B, our friends in Vitebsk write.": the parser may take the verb for a noun
    tok = fields.token_at(sent, at) if at >= 0 else None
    verb = next((a for a in (tok, *tok.ancestors) if a.pos_ in ("VERB", "AUX") and a.lower_ != "according"),
                None) if tok is not None else None
    while verb is not None and verb.dep_ == "acl" and verb.tag_ == "VBN":
        # "a video released by the ministry showed A ..., and B ...": what the video shows
        verb = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return True
    if verb.dep_ == "parataxis" and not any(c.dep_ == "ccomp" for c in verb.children):
        if _apart(verb, verb.head):
            return not _apart(verb, scope.root)  # "drones fly over, the guards say; two were shot down"
        verb = verb.head  # "units crossed at dawn, the service said, reporting fire": said of the whole
    if _apart(verb, scope.root):
        return False
    return verb == scope.root or verb in scope.root.ancestors


def _apart(a, b) -> bool:
    """A semicolon between two words puts them in clauses of their own, whatever the parse
    ("Su-35s landed ...; a reader says more are expected")."""
    return any(t.text == ";" for t in a.doc[min(a.i, b.i):max(a.i, b.i)])


def _closing(subj, verb) -> bool:
    """ "..., the Belarusian Ministry of Defence announced on Thursday.": a sayer and its verb
    after a comma, saying nothing of their own (no object, no clause, no relative word) up to
    the sentence's end, report the whole sentence however the parser hung them."""
    doc, sent = verb.doc, verb.sent
    start = subj.left_edge.i
    if start <= sent.start or doc[start - 1].text != "," or verb.i < subj.i:
        return False
    if any(c.dep_ in ("ccomp", "xcomp", "dobj", "dative", "attr", "acomp") or c.tag_ in ("WDT", "WP", "WRB")
           for c in verb.children):
        return False
    return verb.right_edge.i >= fields.last_word(sent)


def _reports_elsewhere(trigger: Span, attr) -> bool:
    """Does the source speak in a clause of its own that does not hold this happening?
    "Su-35s landed ...; a reader says more are expected", "units moved to Brest for what the
    ministry called a readiness check", "troops were pulled south after Lukashenko announced
    that ...". Only a source that is the subject of its own subordinate or added clause: "units
    moved, the ministry said" and "according to X" speak for the whole sentence."""
    sent = trigger.sent
    at = fields.text_of(sent).find(attr.text)
    if at < 0:
        return False
    lo = sent.start_char + at
    subj = next((t for t in sent if lo <= t.idx < lo + len(attr.text) and t.dep_ == "nsubj"
                 and not lo <= t.head.idx < lo + len(attr.text)), None)
    if subj is None or subj.head.pos_ != "VERB":
        return False
    verb, root = subj.head, trigger.root
    says_more = any(c.dep_ == "ccomp" for c in verb.children)  # what it says is a clause of its own
    if says_more and _apart(verb, root):
        return True
    if verb == root or verb in root.ancestors:
        return False
    noun = root.head if root.dep_ == "compound" else root  # "combat-readiness" in "a combat-readiness check"
    told_of = verb.head == noun or (verb.head.head == root and verb.head.dep_ in ("dobj", "nsubj", "nsubjpass"))
    if verb.dep_ == "relcl" and told_of and says_more:
        # "the exercise, which Minsk says will run until Friday", "holds a snap check, which the
        # ministry says involves 1,500 troops": the source tells of the happening itself
        return False
    if verb.dep_ == "advcl" and not any(c.dep_ == "mark" for c in verb.children):
        return False  # "..., a reader noticed, perhaps ...": a report set in, not a clause of its own
    if verb.dep_ == "pcomp" and verb.head.lower_ == "with":
        return False  # "launches continued, with residents of Mazyr describing six": the witnesses of it
    if verb.dep_ in ("relcl", "advcl", "pcomp"):
        # "which Minsk denied", "what officials called", "after Lukashenko announced"; not "as
        # Lukashenko confirmed", which vouches for the whole, nor "..., the ministry announced on
        # Thursday." that the parser hung on a noun
        return not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) and not _closing(subj, verb)
    return verb.dep_ in ("conj", "parataxis") and says_more


SPEAKERS = {"official", "president", "government", "state", "ministry", "armed_forces", "border_guard",
            "international_org", "intelligence"}


def _reports(sent: Span) -> bool:
    """A reporting frame: a verb of saying with a clause or a quote ("did not say how many
    would come" is none: what was not said)."""
    return any(t.pos_ == "VERB" and any(c.dep_ in ("ccomp", "parataxis") and not _unsaid(t, c) for c in t.children)
               for t in sent) or any(q in fields.text_of(sent) for q in ('"', "\u201c", "\u00ab"))


def _unsaid(verb, clause) -> bool:
    """A negated verb of saying over a wh-clause: "did not say how many would come"."""
    first = clause.doc[clause.left_edge.i]
    return any(c.dep_ == "neg" for c in verb.children) \
        and (first.tag_ in ("WP", "WRB", "WDT") or first.lower_ == "whether")


def _anchored(sent: Span, actors: list[Actor], force_nouns: set[str]) -> bool:
    """Does the sentence talk about armed forces at all?"""
    if fields.in_sent(sent.doc.spans["bw_equipment"], sent):
        return True
    if any(t.label_ in ("strike", "assessment", "mobilization")
           or (t.label_ == "exercise" and t.root.pos_ in ("NOUN", "PROPN"))  # "drills", "Zapad-2025"
           for t in fields.in_sent(sent.doc.spans["bw_trigger"], sent)):
        return True  # explosions, invading, mobilisation, drills are military by nature
    if any(a.kind in ("armed_forces", "pmc", "paramilitary", "ministry", "border_guard", "president",
                      "intelligence", "official") for a in actors):
        return True
    return any(w in force_nouns for w in fields.lowers(sent))


RECALLING = {"recall", "remember", "compare", "note"}


def _reports_nothing(sent: Span) -> bool:
    """A question ("Are Belarusian troops taking part?") or a request to readers ("Send
    photos of military trains to our bot", "Do not film columns from a window") asks, it
    does not report."""
    if asks(sent):
        return True
    root = sent.root
    if root.lemma_ in RECALLING:
        return False  # "Recall that Russian troops first arrived in January 2022": a reminder tells
    # an emoji opening a Telegram line ("🚐 Wagner convoy no. 3: ... crossed into Belarus") is
    # often parsed as the verb: no order to the reader
    return root.tag_ == "VB" and root.is_alpha and root.i - sent.start <= 3 and not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass", "mark") and c.lower_ not in ("do", "please")
        for c in root.children)


@lru_cache(maxsize=4)
def _recalling(cues: tuple[str, ...], patterns: tuple[str, ...]) -> re.Pattern:
    """The background cues as one pattern, built once: whole words ("back in 2022", not "crossed
    back into Belarus") and patterns as written."""
    return re.compile("|".join([r"\b" + re.escape(c) + r"\b" for c in cues] + list(patterns)) or r"(?!)")


def _past_tense(sent: Span) -> bool:
    """The main clause tells of the past ("crossed", "had moved"), not of now ("remain",
    "has built since 2022"): only then does an old date make a sentence background."""
    root = sent.root
    if root.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("was", "were") for c in root.children):
        return True  # "Russian units were streaming back through Naroulia"
    if root.tag_ in ("VBP", "VBZ", "VBG", "MD") or any(
            c.dep_ == "aux" and c.lower_ in ("has", "have", "is", "are", "will") for c in root.children):
        # "The airfield lies 50 km from the border and hosted Su-25s in 2022": a past verb beside it
        return any(c.dep_ == "conj" and c.tag_ == "VBD" and not any(a.dep_ == "aux" for a in c.children)
                   for c in root.children)
    return True


def _recalled_clause(trigger: Span | None, sent: Span, published: dt.datetime | None) -> bool:
    """ "Two years after Russian troops crossed from Belarus, ...", "Unlike in January 2022, when
    30,000 Russian troops arrived, ...": a happening told in a clause that dates the past, beside
    a main clause of now."""
    if trigger is None or published is None:
        return False
    verb = fields.verb_of(trigger)
    passive = verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in verb.children)
    if (verb.tag_ != "VBD" and not passive) or any(c.dep_ == "aux" for c in verb.children) or _past_tense(sent):
        return False
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("after", "since") for c in verb.children):
        return any(c.dep_ == "npadvmod" and c.lower_ in ("years", "year", "months") for c in verb.children)
    if verb.dep_ == "relcl":
        # "..., when 30,000 Russian troops arrived"; "the hub, which was struck by Russian missiles in 2022"
        told = verb.head.subtree if any(c.lower_ == "when" for c in verb.children) else verb.subtree
        years = [int(t.text) for t in told if len(t.text) == 4 and t.text.isdigit()]
        return bool(years) and years[0] < published.year
    return False


def _pluperfect(sent: Span) -> bool:
    """ "Wagner columns had advanced to within 200 km of Moscow": told as before the story."""
    root = sent.root
    return root.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in root.children)


def to_read(doc: Doc) -> list[Span]:
    """The sentences with an event word, equipment or a hedge: those the type model's second
    reader is asked about (another one it is asked about is read on its own, at more cost)."""
    spans = doc.spans
    return [s for s in units(doc) if fields.in_sent(spans["bw_trigger"], s) or fields.in_sent(spans["bw_equipment"], s)
            or fields.in_sent(spans["bw_hedge"], s)]


def build(doc: Doc, document: Document, lex: Lexicons, table: ActorTable,
          locate: Locator | None = None, type_model: TypeModel | None = None,
          record: Callable[[Span, set[str], dict[str, float]], None] | None = None,
          reads: dict[tuple[int, int], dict[str, float]] | None = None) -> list[Observation]:
    """Observations of a parsed document. With `type_model`, a learned model has the last
    word on which types each sentence tells of; `record(sentence, rule_types, features)`
    sees what the model would see (for training it). `reads`: the model's second reader's
    opinion of `to_read(doc)`, when read with other documents' sentences."""
    memory = Memory()
    out: list[Observation] = []
    table_countries = lex.directions.get("countries", {})
    words = set(fields.lowers(doc[:]))  # the list the rules read the words from later
    body = fields.doc_text(doc)  # joined once: Doc.text joins every token anew
    doc_countries = sorted(c for c, names in table_countries.items() if words.intersection(names))
    country_names = {n for names in table_countries.values() for n in names}
    force_nouns = set(lex.attribution.get("force_nouns", ()))
    comparisons = set(lex.attribution.get("comparison_words", ()))
    citing = set(lex.attribution.get("citing_verbs", ()))
    saying = frozenset(lex.attribution.get("saying_lemmas", ()))
    recalls = _recalling(tuple(lex.attribution.get("background_cues", ())),
                         tuple(lex.attribution.get("background_patterns", ())))
    own_voice = table.source_actor(document.source)
    own_country = table.by_name[own_voice].country if own_voice else None
    memory.home = own_country  # "the Ministry of Defence" in a ministry's own post is itself
    own_kind = lex.attribution.get("kinds", {}).get(table.by_name[own_voice].kind) if own_voice else None
    # a ministry's or a border service's own post: what it declares is a statement even when
    # the sentence names no forces ("the check is not directed against anyone")
    own_official = bool(own_voice and table.by_name[own_voice].kind in SELF_REPORTING)
    published = document.published
    private = document.kind == "citizen"  # a private person's post
    prev: list[Observation] = []
    before: set[str] = set()  # the rules' types for the sentence before
    learned = type_model is not None or record is not None

    def source(sent: Span, actors: list[Actor]) -> tuple:
        """Who the sentence comes from (None for the document's own voice), and a figure it
        compares with that someone else gave, with who gave it."""
        attr, sayer = attribution(sent, actors, memory, lex, private=private)
        figure = fields.cited_figure(sent, comparisons, citing)
        cited = cited_by(figure, actors, memory, lex) if figure is not None else None
        if cited is not None and attr == cited:
            # "we estimate 4,000, fewer than the 9,000 announced by Minsk": Minsk gave only its figure
            attr, sayer = attribution(doc[sent.start:figure.start], actors, memory, lex, private=private)
        if attr is not None and attr.name is not None and attr.name == own_voice and attr.via is None:
            attr = None  # "ISW assesses ..." in ISW's own note is the document speaking
        elif attr is not None and attr.name is None and own_kind and attr.kind == own_kind \
                and attr.text.lower().startswith(("the ", "our ", "border guards")):
            # "The Ministry of Defence stresses ..." in the ministry's own post, "our border
            # guards recorded ..." in the border service's
            attr = None
        return attr, sayer, figure, cited

    heading: tuple[TimeRef, int] | None = None  # a date standing alone, and where it ends
    if reads is None:  # the type model's second reader, in one batch over the sentences it may be asked about
        reads = type_model.read(to_read(doc))[0] if type_model is not None and type_model.textcat is not None else {}
    for sent in units(doc):
        if (alone := _diary_day(sent, published)) is not None:
            heading = (alone, sent.end_char)
        actors = actors_in(sent, table)
        triggers = fields.in_sent(doc.spans["bw_trigger"], sent)
        declares = own_official and any(t.label_ == "statement" for t in triggers)
        anchored = _anchored(sent, actors, force_nouns)
        # Unanchored sentences with an event word ("Zapad-2025 kicks off today", "tents have
        # gone up at the camp") go to the model when there is one: it learned when they count.
        # So do judgements about a country that name no forces ("Belarusian involvement in
        # ground operations remains highly unlikely"), not "the weather will likely stay warm".
        worded = bool(triggers) or (
            any(h.label_ not in ("negation", "possible") for h in fields.in_sent(doc.spans["bw_hedge"], sent))
            and bool(actors or any(e.label_ == "NORP" for e in fields.ents(sent))
                     or any(w in country_names for w in fields.lowers(sent))))
        looked_at = not _reports_nothing(sent) and (anchored or declares or (learned and worded))
        if looked_at:  # who says it is only worth working out for a sentence that may tell of something
            attr, sayer, figure, cited = source(sent, actors)
            anchored = anchored or (declares and attr is None)  # the post's own declaration
        # "Minsk rejected the accusation.": the claim told just before, denied in the denier's name
        rebutting = rebuts_before(sent, actors, memory, lex) if prev else None
        denied = _denials(prev, sent, *rebutting, document) if rebutting is not None else []
        if prev and retracts(sent):
            # "We wrote that a train passed Luninets. That was wrong.": prev is the tail of out
            taken_back = _retracted(prev, sent, document)
            out[len(out) - len(prev):] = taken_back
            prev = taken_back
        if not looked_at or not (anchored or (learned and worded)):
            out.extend(denied)
            prev = []
            before = set()
            for a in actors:
                memory.remember(a)
            continue
        own_side = bool(attr and sayer and attr.kind in ("official", "government", "ministry", "military")
                        and any(a.country == sayer.country for a in actors if a is not sayer and a.start != sayer.start))
        official = bool(sayer and sayer.kind in SPEAKERS)
        own_post = own_official and attr is None
        seen = {o.type for o in out}
        moods: dict[tuple, tuple] = {}

        def mood(t: Span | None, attributed: bool | None = None, conditional: bool = True) -> tuple:
            """The modality of a trigger's clause, worked out once per sentence however often asked."""
            attributed = attr is not None if attributed is None else attributed
            key = (t.start if t is not None else None, t.end if t is not None else None, attributed, conditional)
            if key not in moods:
                moods[key] = modality(sent, t, attributed, lex, conditional)
            return moods[key]

        def told_before(t: Span) -> bool:
            """ "the exercise" that the document already reported (unless judged: "the
            deployment is very likely intended to ...")."""
            return anaphoric(t) and (t.label_ in seen or t.label_ == "statement") \
                and mood(t)[0] not in ("likely", "unlikely")

        def hedged(t: Span) -> bool:
            return mood(t)[0] in HEDGED

        def features() -> dict[str, float]:
            """What the type model sees of the sentence, with the types the rules give it now."""
            return sentence_features(sent, types, lambda t: mood(t)[0], attr.kind if attr else None, actors,
                                     document.kind, before, anchored)

        types = event_types(sent, hedged, own_side, official, told_before, own_post)
        type_p: dict[str, float] | None = None  # the type model's probabilities, where it decided
        if figure is not None:  # "the 8,000 announced by Minsk" announces nothing new
            types = {t: v for t, v in types.items() if v is None or not figure.start <= v.start < figure.end}
        has_gear = bool(fields.in_sent(doc.spans["bw_equipment"], sent) or fields.in_sent(doc.spans["bw_marking"], sent))
        continued = False
        if prev and ((not types and has_gear and not any(e.label_ in ("GPE", "LOC", "FAC") for e in fields.ents(sent))
                      and not any(t.dep_ == "expl" for t in sent)  # "There are ten ambulances": its own
                      and not _new_paragraph(prev[-1], sent, body))  # "...\n\nThe frost helps heavy vehicles": its own
                     or (continues(sent) and not actors and set(types) <= {prev[-1].type, "movement", "deployment"})):
            # No happening of its own: it continues the sentence before ("Two echelons arrived.
            # The vehicles are marked with a white V."). With a source or a count of its own
            # ("Residents counted 25 tanks on the flatcars") it is a claim of its own about the
            # same happening; else it joins the observation before.
            gear_here = fields.equipment(sent, lex)
            if attr is not None or any(e.count is not None for e in gear_here):
                continued = True
                types = {prev[-1].type: None}
            elif learned and sent.root.lemma_ != "be":
                # with a verb of its own, the model has learned when such a sentence still tells
                # of a happening of its own ("The column was moving away from the border, heading
                # north-west"); "Among them were ..." only lists more of the same
                feats = features() | {"continues": 1.0}
                if record is not None:
                    record(sent, set(types), feats)
                own = {}
                if type_model is not None:
                    type_p = type_model.judge(feats, sent, reads.get((sent.start, sent.end)))
                    own = type_model.decide(types, feats, sent, type_p)
                if own:
                    continued, types = True, own
            if not continued:
                last = prev[-1]
                extra = [e for e in gear_here if (e.cls, e.model) not in {(x.cls, x.model) for x in last.equipment}]
                merged = last.model_copy(update={
                    "equipment": last.equipment + tuple(extra),
                    "markings": tuple(dict.fromkeys(last.markings + fields.markings(sent))),
                    "toward": last.toward or fields.direction(sent, lex, []),
                    "evidence": _evidence(sent, last.evidence.start)})
                out[out.index(last)] = merged
                prev = prev[:-1] + [merged]
                before = set()
                for a in actors:
                    memory.remember(a)
                continue
        level = fields.personnel(sent, lex) if not types else None
        if not types and (fields.in_sent(doc.spans["bw_equipment"], sent)
                          or (level and (any(e.label_ in ("GPE", "LOC", "FAC") for e in fields.ents(sent))
                                         or (level.count or 0) >= 100))):  # "the camp held roughly 5,000 fighters"
            # forces or equipment somewhere with no verb of their own: part of the exercise the
            # document is about, or else simply present there
            types = {("exercise" if "exercise" in seen else "deployment"): None}
            gear = fields.in_sent(doc.spans["bw_equipment"], sent)
            if gear and any(forecast(v) for v in (gear[0].root, *gear[0].root.ancestors)) \
                    and mood(None)[0] in HEDGED:
                types = {"assessment": None}  # "Belarus may also receive more Tor-M2 systems"
        # "The news was published late, the ministry wrote." (not "The ministry said ...": a report of its own)
        names_speaker = not types and attr is not None and prev and \
            fields.text_of(sent).split()[0].lower() in ("the", "this", "it", "that") and attr.text not in sent[:6].text
        if not types and not names_speaker and sayer is not None and sayer.kind in SPEAKERS and _reports(sent):
            types = {"statement": None}  # an official says something that is no happening itself
        rule_types = set(types)
        decided = None
        if not names_speaker and learned and not continued:
            feats = features()
            if record is not None:
                record(sent, rule_types, feats)
            if type_model is not None:
                type_p = type_model.judge(feats, sent, reads.get((sent.start, sent.end)))
                types = decided = type_model.decide(types, feats, sent, type_p)
        before = rule_types
        current: list[Observation] = []
        if names_speaker:
            # The next sentence names who said the last one: "The news was published ..., the ministry wrote."
            current = [p.model_copy(update={
                "attribution": attr if p.attribution is None or p.attribution.kind in ("military", "other")
                else p.attribution,
                "modality": "claimed" if p.modality == "asserted" else p.modality,
                "evidence": _evidence(sent, p.evidence.start)}) for p in prev]
            out[-len(prev):] = current
        else:
            last = next((o for o in reversed(out) if o.time is not None and o.time.date), None)
            told = last.time if last is not None else None
            entry = heading is not None and "\n" not in body[heading[1]:sent.start_char]  # a diary's day's entry
            if entry and (last is None or last.evidence.end <= heading[1]):
                told = heading[0]  # "13.09: Quiet in the morning. In the evening two Su-25s ...": that day's
            lowered = fields.text_of(sent).lower()
            said = _dated(fields.time_of(sent, published), told)  # when it was said, or else happened
            time = _dated(fields.time_of(sent, published, reporting=saying), told) \
                if said is not None else None  # when what was said happens
            if entry and said is None:
                said = time = heading[0]  # "5 April. A long echelon was loaded at Khoiniki": the diary's day
            elif entry:  # "25.11. Before dawn the drones came": a time of day in the entry is on its day
                said, time = (_on_day(t, heading[0]) for t in (said, time))
            background = (bool(said and said.date and published and
                               said.date < published.date() - dt.timedelta(days=BACKGROUND_DAYS))
                          and _past_tense(sent) and not said.text.lower().startswith(("since", "from"))) or \
                bool(recalls.search(lowered)) or \
                (_pluperfect(sent) and bool(said and said.date and published and said.date < published.date()))
            keywords = tuple(dict.fromkeys(s.text.lower() for s in triggers))
            actor_tokens = {t.i for a in actors for t in (doc.char_span(a.start, a.end, alignment_mode="expand") or ())}
            groups = clause_groups(sent, types, lambda scope: event_types(scope, hedged, own_side, official,
                                                                          told_before, own_post), saying)
            if decided is not None:
                groups = _as_decided(groups, decided, sent)
            if len(groups) == 1 and set(groups[0][1]) == {"statement"}:
                groups = mixed_statement(sent, groups[0][1]) or groups
            for scope, scope_types in groups:
                local = scope is not sent  # one of several clauses, each with its own happening
                scope_attr, scope_sayer = attr, sayer
                if local:
                    own = attribution(scope, [a for a in actors if scope.start_char <= a.start < scope.end_char],
                                      memory, lex)
                    if own[0] is not None:
                        scope_attr, scope_sayer = own
                    elif attr is not None and (not _reported_in(scope, attr, saying) or OWN_VIEW.search(fields.text_of(scope))):
                        scope_attr, scope_sayer = None, None  # "Zapad ends today, and the ministry says ..."
                scope_time = (_dated(fields.time_of(scope, published, reporting=saying), time if time and time.date else told)
                              or time) if local else time
                if local and entry:
                    scope_time = _on_day(scope_time, heading[0])
                said_here = scope_time
                if "statement" in scope_types and (fields.time_of(scope, published) if local else said) is not None:
                    # a statement is dated by its saying, not by a date in what was said ("saying the
                    # troops will go home once the drills end on 20 February")
                    said_here = _dated(fields.time_of(scope, published, said_only=saying), told)
                # "remains highly unlikely for now": in a judgement, it dates nothing
                judged = None if scope_time is not None and scope_time.text.lower() in FOR_NOW else scope_time
                equipment = fields.equipment(scope, lex) or _taken_up(scope, out + current)
                mentions = place_mentions(scope, actor_tokens, country_names, saying)
                if scope_attr is not None and scope_attr.text in fields.text_of(sent):
                    mentions = _beside_source(mentions, scope_attr, sent, scope, locate, doc_countries)
                places: list[Place] = []
                for etype, trigger in scope_types.items():
                    actor = pick_actor(trigger, actors, scope_sayer, sent, memory, lex, scope)
                    if actor is None and local and current and fields.machine_subject(scope):
                        actor = current[-1].actor  # "a Belarusian Mi-8 flew along the border; it did not cross"
                    if etype == "statement" and scope_sayer is not None and (actor is None or actor.name == scope_sayer.name):
                        # "the ministry insists all Russian troops will go home": the statement's
                        # actor is whoever would carry out what it states, when it names them
                        actor = stated_doer(trigger, actors, scope, scope_sayer) or actor
                    if actor is None and etype == "statement":
                        # a statement names no doer: the speaker is the actor (the source itself
                        # when it speaks in its own voice)
                        actor = scope_sayer if scope_sayer is not None and scope_sayer.kind not in OBSERVERS else \
                            table.actor(own_voice, own_voice, None, None) \
                            if own_voice and scope_attr is None else None
                    if places == [] and mentions:
                        places = _locate(mentions, locate, doc_countries, actor, body)
                    if actor is None and trigger is not None:
                        actor = generic_forces(trigger, own_country, table)
                    if actor is None and etype != "statement":
                        home = scope_sayer.country if scope_sayer is not None and scope_sayer.kind in SPEAKERS else \
                            own_country or next((c for c, _ in memory.countries.most_common() if c), None)
                        actor = unnamed_branch(scope, home, table)
                    told_by = scope_attr
                    if told_by is not None and trigger is not None and _reports_elsewhere(trigger, told_by):
                        told_by = None  # the source reports another clause of the sentence
                    if told_by is None and etype == "statement" and actor is not None \
                            and actor.kind in PEOPLE and actor.name != own_voice \
                            and not _enacts(trigger, scope):
                        # "Lukashenko ordered the army to be ready": what a leader orders or asks for
                        # is his claim (not a treaty he signs)
                        told_by = Attribution(text=actor.text, kind=lex.attribution["kinds"][actor.kind],
                                              name=actor.name, country=actor.country)
                    # one of several clauses: only its own hedges ("X is unlikely, but Y could ...")
                    # a statement's condition is part of the promise or threat: it stays claimed
                    mod, est = modality(scope, trigger, told_by is not None, lex, etype != "statement") \
                        if local and trigger is None else mood(trigger, told_by is not None, etype != "statement")
                    if etype == "assessment" and mod == "asserted" and told_by is not None:
                        mod = "claimed"
                    if etype == "statement" and mod in ("asserted", "claimed") and denies(scope, trigger):
                        mod = "negated"  # a denial: "the check poses no threat to anyone"
                    if mod == "negated" and told_by is not None and told_by.kind in ("social_media", "media") \
                            and debunks(scope):
                        told_by = None  # "Telegram channels claim ..., but this is untrue": the document denies
                    # "7,000 Belarusian troops and several thousand Russian servicemen were deployed":
                    # coordinated forces of different countries are one observation each.
                    split = coordinated_forces(actors, doc) if etype in ("deployment", "movement", "mobilization") \
                        and not local else []
                    for actor, part in split or [(actor, scope)]:
                        current.append(Observation(
                            id=observation_id(document.id, etype, part.start_char, part.end_char),
                            doc=document.id, type=etype, actor=actor, equipment=tuple(equipment),
                            personnel=fields.personnel(part, lex),
                            locations=tuple(p for p in places if (etype != "statement" or stated_place(
                                doc, p.start, p.end, saying)) and not _origin_only(p, etype, places, body,
                                                                                   country_names)),
                            toward=fields.direction(scope, lex, [(p.text, p.start, p.end) for p in places]),
                            time=said_here if etype == "statement" else judged if etype == "assessment" else scope_time,
                            attribution=told_by, modality=mod, estimative=est,
                            markings=fields.markings(scope),
                            keywords=keywords,
                            background=(background or _recalled_clause(trigger, sent, published))
                            and etype != "assessment",  # a judgement is made now
                            trigger=TextSpan(start=trigger.start_char, end=trigger.end_char, text=trigger.text) if trigger is not None else None,
                            type_score=round(type_p[etype], 3) if type_p is not None else None,
                            evidence=_evidence(sent)))
            rebutted = rebuttal(sent, actors, memory, lex)
            if rebutted is not None:
                # the same claim as the denier tells it: negated, in the denier's name
                clause, against = rebutted
                current += _gainsaid([o for o in current if o.type != "statement" and o.modality in ("asserted", "claimed")],
                                     clause, against, document)
            claimed = [o for o in current if o.type not in ("statement", "assessment") and o.attribution is not None]
            refuting = refutes(sent) if rebutted is None and claimed else None
            claims = [o for o in claimed if o.trigger is None
                      or not refuting.start_char <= o.trigger.start < refuting.end_char] if refuting is not None else []
            if claims:
                # "Minsk said the trains were returning to base; they were not.": the claim stands as
                # claimed, and the document's own word against it is a second, negated observation
                current = [o.model_copy(update={"modality": "claimed", "estimative": None})
                           if o in claims and o.modality == "negated" else o for o in current]
                current += _gainsaid(claims, refuting, None, document)
            counted = [o for o in current if o.type in ("deployment", "mobilization", "exercise") and o.personnel]
            base = fields.baseline(sent)
            if base is not None and current and current[0].type in ("deployment", "mobilization", "exercise",
                                                                    "movement"):
                then = _baseline_observation(current[0], base, published, lex)
                now = fields.changed_to(base)  # "fallen from 10,000 in January to fewer than 2,000"
                if now is not None and (level := _level(now, lex)) is not None:
                    current[0] = current[0].model_copy(update={"personnel": level})
                    current.insert(0, then)  # told first, listed first
                else:
                    current.append(then)
            if cited is not None and counted:
                # the figure compared with is someone else's claim about the same force
                current.append(counted[0].model_copy(update={
                    "id": observation_id(document.id, counted[0].type, figure.start_char, figure.end_char),
                    "personnel": _level(figure, lex), "attribution": cited, "modality": "claimed",
                    "estimative": None, "equipment": (), "time": fields.time_of(figure, published) or counted[0].time,
                    "trigger": TextSpan(start=figure.start_char, end=figure.end_char, text=figure.text)}))
            current = _put_right(current, sent, actors)
            if denied:
                # the rejecting verb states nothing itself, and what the model typed the sentence
                # as the claim before is that denial
                kinds = {o.type for o in denied}
                current = [o for o in current if not (
                    (o.type == "statement" and o.trigger is not None and o.trigger.start == rebutting[0].idx)
                    or (o.type in kinds and o.trigger is None))] + denied
            out.extend(current)
        memory.lands.update({p.start: p.country for o in current for p in o.locations if p.country}.values())
        for a in actors:
            memory.remember(a)
        if attr is not None:
            memory.heard(attr, sayer)
        prev = current
    return _unique_ids(out)


ENACTING = {"sign", "approve", "ratify", "agree", "instruct"}


def _enacts(trigger: Span | None, scope: Span) -> bool:
    """ "Putin and Lukashenko signed a treaty", "approved the doctrine": a deed of state, told by
    the text itself, not a claim of the one who does it."""
    verb = fields.verb_of(trigger) if trigger is not None else scope.root
    return verb.lemma_ in ENACTING or any(t.lemma_ in ENACTING and t.pos_ == "VERB" for t in scope)


def _unique_ids(out: list[Observation]) -> list[Observation]:
    """Two observations of one type on one span (a denial beside the sentence's own claim of
    that type) get distinct ids: the store keys observations by id."""
    seen: set[str] = set()
    for i, o in enumerate(out):
        n = 1
        while out[i].id in seen:
            out[i] = o.model_copy(update={"id": observation_id(o.doc, f"{o.type}#{n}", o.evidence.start,
                                                                o.evidence.end)})
            n += 1
        seen.add(out[i].id)
    return out


def _gainsaid(claims: list[Observation], clause: Span, against: Attribution | None,
              document: Document) -> list[Observation]:
    """The claims again, negated, in the name of who gainsays them in `clause` (None: the
    document itself), each under an id of that clause."""
    return [o.model_copy(update={"id": observation_id(document.id, o.type, clause.start_char, clause.end_char),
                                 "attribution": against, "modality": "negated", "estimative": None})
            for o in claims]


def _retracted(prev: list[Observation], sent: Span, document: Document) -> list[Observation]:
    """What the sentence before told, as the document takes it back ("We wrote that a train
    with Iskanders passed Luninets. That was wrong."): what it told in its own voice is now
    negated; what it reported from others stays claimed, beside the document's denial."""
    told = [o for o in prev if o.type not in ("statement", "assessment") and o.modality in ("asserted", "claimed")]
    mine = [o for o in told if o.attribution is None]
    return [o.model_copy(update={"modality": "negated", "estimative": None}) if o in mine else o for o in prev] \
        + _gainsaid([o for o in told if o not in mine], sent, None, document)


def _evidence(sent: Span, start: int | None = None) -> TextSpan:
    """The sentence an observation comes from (from `start`, when it began a sentence or more
    before), without the line breaks that end its paragraph."""
    start = sent.start_char if start is None else start
    text = fields.doc_text(sent.doc)[start:sent.end_char].rstrip()
    return TextSpan(start=start, end=start + len(text), text=text)


def _denials(prev: list[Observation], sent: Span, verb, against: Attribution, document: Document) -> list[Observation]:
    """The claims of the sentence before, as the sentence that rejects them tells them: negated,
    in the denier's name, with no more detail than it gives (a rejected statement keeps whom it
    was about). Statements are only rejected when nothing else was claimed."""
    claims = [o for o in prev if o.type != "assessment" and o.modality in ("asserted", "claimed")]
    if any(o.type != "statement" for o in claims):
        claims = [o for o in claims if o.type != "statement"]
    first = {o.type: o for o in reversed(claims)}
    return [Observation(
        id=observation_id(document.id, etype, sent.start_char, sent.end_char), doc=document.id, type=etype,
        actor=first[etype].actor if etype == "statement" else None, attribution=against, modality="negated",
        trigger=TextSpan(start=verb.idx, end=verb.idx + len(verb), text=verb.text),
        evidence=_evidence(sent))
        for etype in dict.fromkeys(o.type for o in claims)]


def _origin_only(place: Place, etype: str, places: list[Place], text: str, country_names: set[str]) -> bool:
    """ "troops from Belarus deployed near Narva", "drones from Belarus hit Ovruch": the country
    a force or a strike came from is where a movement starts, not where troops stand, drill,
    build or call up, nor where a strike lands when the target is named."""
    if etype not in ("deployment", "exercise", "construction", "mobilization", "strike") or place.start is None \
            or place.text.lower() not in country_names \
            or not text[max(0, place.start - 12):place.start].rstrip().lower().endswith("from"):
        return False
    return etype != "strike" or len(places) > 1


def _dated(time: TimeRef | None, told: TimeRef | None) -> TimeRef | None:
    """ "the same evening", "an hour later": the last date the document told."""
    if time and told and timeref.takes_told(time):
        later = timeref.later_by(time.text)  # "two days later"
        return told.model_copy(update={"text": time.text, "date": told.date + dt.timedelta(days=later)}
                               if later and told.date else {"text": time.text})
    return time


def _on_day(time: TimeRef | None, day: TimeRef) -> TimeRef | None:
    """A time that names no day of its own ("before dawn", "all morning"), put on `day`."""
    if time is None or day.date is None or not timeref.within_a_day(time.text):
        return time
    return day.model_copy(update={"text": time.text})


def _diary_day(sent: Span, published: dt.datetime | None) -> TimeRef | None:
    """The day a diary's entry is headed with: a sentence that is nothing but a date ("5 April.",
    "15.09, Friday."), or one that opens with a diary's date ("13.09: Quiet in the morning.")."""
    text = fields.text_of(sent)
    found = timeref.find_times(text)
    if not found:
        return None
    start, end, said = found[0]
    rest = re.sub(r"[\W_]", " ", text[:start] + text[end:]).split()
    alone = not rest or (len(rest) == 1 and (timeref.is_weekday(rest[0]) or timeref.is_diary_day(rest[0])))
    if not alone and not (start == 0 and timeref.is_diary_day(said)):
        return None
    time = timeref.resolve(said, published)
    return time if time.date is not None else None


def _new_paragraph(last: Observation, sent: Span, text: str) -> bool:
    """Does a line break stand between the observation before and this sentence (`text`: the document's)?"""
    return "\n" in text[last.evidence.end:sent.start_char + 1]


def _taken_up(scope: Span, out: list[Observation]) -> list[Equipment]:
    """ "Two of them were shot down": the equipment the last observations named, counted anew;
    "a Belarusian Mi-24 flew along the border; it did not enter Polish airspace": the very
    machines the clause before named, as named there (a sentence opening with "It" or "They"
    the gold leaves bare)."""
    ref = fields.referred(scope)
    if ref is None:
        same = bool(out) and out[-1].evidence.start >= scope.sent.start_char
        return list(out[-1].equipment) if same and fields.machine_subject(scope) else []
    gear = next((o.equipment for o in reversed(out[-3:]) if o.equipment), ())
    item = next((e for e in gear if e.cls not in ("flatcar", "military_vehicle")), gear[0] if gear else None)
    if item is None:
        return []
    count, words = ref
    return [item.model_copy(update={"count": count, "count_text": words.text, "approximate": False})]


def _as_decided(groups: list[tuple[Span, dict]], decided: dict[str, Span | None], sent: Span) -> list[tuple[Span, dict]]:
    """Each clause keeps only the types decided for the sentence; a decided type no clause
    found goes with a clause whose own types were all dropped, else with the first clause."""
    kept = [(scope, {t: v for t, v in found.items() if t in decided}) for scope, found in groups]
    if "assessment" in decided and len(groups) > 1:
        # "a repeat in the coming weeks was likely, while an attack remained highly unlikely": a
        # clause with an estimate of its own is a judgement of its own, whatever word the rules typed
        kept = [(scope, found or judgement(scope)) for scope, found in kept]
    dropped = [scope for scope, found in kept if not found]
    kept = [(scope, found) for scope, found in kept if found]
    placed = {t for _, found in kept for t in found}
    added = {t: v for t, v in decided.items() if t not in placed}
    if added and dropped and kept:
        # the model read a clause the rules typed otherwise ("and will build crossings over
        # the Neman" is the exercise, not a construction): the new type goes with that clause
        kept.append((dropped[0], added))
        return sorted(kept, key=lambda g: g[0].start)
    if not kept:
        return [(sent, decided)] if decided else []
    kept[0][1].update(added)
    return kept


def _put_right(current: list[Observation], sent: Span, actors: list[Actor]) -> list[Observation]:
    """ "the 'Russian Iskander' in last week's post was in fact a Belarusian Polonez": the
    mistaken sighting is denied, and what was there is an observation of its own, with its own
    equipment and forces."""
    mistaken = corrected(sent)
    if mistaken is None:
        return current
    lo, hi = mistaken.start_char, mistaken.end_char
    after = [a for a in actors if a.start >= hi]
    out = []
    for o in current:
        wrong = tuple(e for e in o.equipment if e.start is not None and lo <= e.start < hi)
        # a model named ("a Belarusian Osa-AKM"), not "a civilian truck crane" or "empty flatcars"
        right = tuple(e for e in o.equipment if e.start is not None and e.start >= hi and e.model)
        if o.modality != "negated" or not wrong or not right:
            out.append(o)
            continue
        actor = o.actor if o.actor is None or o.actor.start < hi else None
        out.append(o.model_copy(update={"equipment": wrong, "actor": actor}))
        out.append(o.model_copy(update={
            "id": observation_id(o.doc, o.type, right[0].start, sent.end_char),
            "equipment": right, "actor": next((a for a in after if a.start < right[-1].end), None),
            "modality": "claimed" if o.attribution is not None else "asserted", "estimative": None,
            "trigger": None}))
    return out


def _baseline_observation(o: Observation, base: Span, published: dt.datetime | None, lex: Lexicons) -> Observation:
    """The earlier level a force figure is compared with ("down from 10,000 in January") is an
    observation of its own: that level, at that time, recalled as background. A count of
    equipment compared ("14 Su-30SMs, down from 17 last month") is of the same equipment."""
    count = _level(base[next((i for i, t in enumerate(base) if t.lower_ not in fields.COMPARING), 0):], lex)
    time = fields.time_of(base, published, compared=True)
    gear: tuple = ()
    if o.equipment and o.personnel is None:
        one = count if len(o.equipment) == 1 else None  # a figure counts one kind of equipment only
        gear = tuple(e.model_copy(update={"count": one and one.count, "count_text": one and one.text,
                                          "approximate": bool(one and one.approximate)}) for e in o.equipment)
        count = None
    return o.model_copy(update={
        "id": observation_id(o.doc, o.type, base.start_char, base.end_char),
        # "none, against 14 in the same week of 2022": what there was then was there
        "modality": "asserted" if o.modality == "negated" else o.modality,
        "estimative": None if o.modality == "negated" else o.estimative,
        "personnel": count, "time": time, "background": True, "equipment": gear, "locations": (),
        "toward": None, "trigger": TextSpan(start=base.start_char, end=base.end_char, text=base.text)})


def _level(phrase: Span, lex: Lexicons) -> Personnel | None:
    """The force level a phrase gives: "roughly 10,000 fighters", or the bare "9,000"."""
    count = fields.personnel(phrase, lex)
    if count is None:
        run = [t.text for t in phrase]
        # from the first number word: "between 4,000 and 6,000", "a peak of perhaps 8,000"
        run = run[next((i for i, w in enumerate(run) if numbers.is_number_word(w) and w.lower() not in ("a", "an")),
                       len(run)):]
        run = run[:next((i for i, w in enumerate(run) if not numbers.is_number_word(w) and w != "and"), len(run))]
        q = numbers.parse_quantity(run) if run else None
        count = Personnel(text=" ".join(run), count=q.low, high=q.high, approximate=q.approximate) if q else None
    return count


# "..., but in our estimate the real number could be twice as high": the document judges for itself
OWN_VIEW = re.compile(r"\b(?:in our (?:estimate|view|assessment|judgement|judgment|opinion)|we (?:think|believe|judge|"
                      r"assess|estimate|expect|doubt))\b", re.I)
THEIR_TOWN = re.compile(r"\bthe (?:town|city|village)\b(?! of)", re.I)


def _beside_source(mentions, attr, sent: Span, scope: Span, locate: Locator | None, countries: list[str]):
    """ "officials in Chernihiv warned", "a farmer from Ratne said excavators were digging near
    Zabolottia": where the source sits is not where it happens, but residents of a town who
    name no other place, or point back at "the town", tell of their town."""
    lo = sent.start_char + fields.text_of(sent).index(attr.text)
    elsewhere = [m for m in mentions if not lo <= m[1] < lo + len(attr.text)]
    if attr.kind != "citizen" or _locate(elsewhere, locate, countries, None, fields.doc_text(sent.doc)) \
            and not THEIR_TOWN.search(fields.text_of(scope)):
        return elsewhere
    return mentions


def _locate(mentions, locate: Locator | None, countries: list[str], actor: Actor | None, body: str) -> list[Place]:
    """Places with coordinates where the gazetteer knows them; a river stays as written
    (`places.river_at`)."""
    if locate is None:
        return [Place(text=t, start=s, end=e) for t, s, e, ner in mentions if ner]
    rivers = {i for i, (t, s, _, _) in enumerate(mentions) if river_at(body, s, t)}
    found = iter(locate([(t, s, e) for i, (t, s, e, _) in enumerate(mentions) if i not in rivers], countries,
                        actor.country if actor else None))
    places = [Place(text=t, start=s, end=e) if i in rivers else next(found) for i, (t, s, e, _) in enumerate(mentions)]
    return [p for p, (_, _, _, ner) in zip(places, mentions) if ner or p.lat is not None]
