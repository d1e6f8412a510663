"""Who performs a happening: the subject of its verb, else a force named in its clause,
never a source that only reports it or the one spoken to; for statements, the force the
statement says will act; "the army" in a ministry's own post; forces of several countries
joined by "and", each with its own part of the phrase."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from borderwatch.extract.attribute import SUBJECT_DEPS, ActorTable, Memory, resolve_anaphor
from borderwatch.extract.fields import text_of, verb_of
from borderwatch.extract.lexicons import Lexicons
from borderwatch.model import Actor

SELF_REPORTING = {"armed_forces", "ministry", "president", "government", "state", "border_guard"}
# Who counts, reports or denies a happening named as its object does not do it ("Minsk counts 12,800 participants").
TELLING_OF = {"count", "estimate", "put", "give", "deny", "dismiss", "reject", "describe", "call", "report",
              "declare", "claim", "cite", "mention"}
# Who watches, studies or reports is never the doer of what it reports ("Hajun reports a column").
OBSERVERS = {"monitoring_group", "think_tank", "media"}
ADDRESSING = {"tell", "inform", "assure", "warn", "urge", "brief", "promise", "ask", "remind"}  # "told Lukashenko"
DOERS = {"armed_forces", "pmc", "paramilitary", "state", "border_guard"}  # who carries a stated happening out
FORCES = {"armed_forces", "pmc", "paramilitary", "border_guard"}
GENERIC_FORCES = {"army", "forces", "military", "troops", "units"}


def subject_actor(trigger: Span, actors: list[Actor], sent: Span) -> Actor | None:
    """The actor that is the grammatical subject of the trigger's verb (or of the verb it
    hangs on), else one whose words hang on the trigger itself."""
    doc = sent.doc
    verb = verb_of(trigger)
    if trigger.root.pos_ == "NOUN" and trigger.label_ != "strike":
        # "announced the deployment of the Regional Grouping": whose deployment (but "the invasion of Ukraine")
        for node in _of_chain(trigger.root)[1:]:
            for a in actors:
                if a.kind in FORCES and _names(a, node):
                    return a
    # The trigger's own subject first; an xcomp's or conj's subject sits on its head.
    heads = [verb]
    while heads[-1].dep_ in ("xcomp", "conj") and len(heads) < 4:  # "will continue to fly": continue's head
        heads.append(heads[-1].head)
    for head in heads:
        for tok in sent:
            if tok.dep_ in SUBJECT_DEPS and tok.head == head:
                for node in _of_chain(tok):  # "Units of the Russian component of the grouping": Russian
                    for a in actors:
                        if _names(a, node):
                            return a
    if verb.dep_ == "acl":  # "Wagner instructors training Belarusian soldiers": the noun the verb describes
        for a in actors:
            if _names(a, verb.head):
                return a
    # "Belarusian tanks ... marching": the actor in the trigger's own phrase
    for a in actors:
        if _part_of_total(a, sent) or _cause(a, sent, trigger) or _speaks(a, sent, trigger):
            continue
        for t in doc.char_span(a.start, a.end, alignment_mode="expand") or ():
            if t.head == trigger.root or t.head.head == trigger.root:
                return a
    return None


def _names(actor: Actor, noun) -> bool:
    """Is the actor this noun or one of the words before it ("Russian units", "the Wagner instructors")?"""
    start = actor.start if actor.start is not None else -1
    return start <= noun.idx < (actor.end or -1) or noun.left_edge.idx <= start < noun.idx + len(noun)


def _of_chain(tok) -> list:
    """A noun and the nouns it is "of" ("units of the component of the grouping")."""
    chain = [tok]
    for _ in range(3):
        nxt = next((g for p in chain[-1].children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children if g.dep_ == "pobj"), None)
        if nxt is None:
            break
        chain.append(nxt)
    return chain


def pick_actor(trigger: Span | None, actors: list[Actor], sayer: Actor | None, sent: Span,
                memory: Memory, lex: Lexicons, scope: Span | None = None) -> Actor | None:
    actors = [a for a in actors if a.kind not in OBSERVERS]
    if sayer is not None and sayer.kind in OBSERVERS:
        sayer = None
    if trigger is not None:
        found = subject_actor(trigger, actors, sent)
        told = trigger.root.head if trigger.root.pos_ in ("NOUN", "PROPN") else None
        if found and sayer is not None and found.start == sayer.start and told is not None \
                and told.lemma_ in TELLING_OF:
            # "Minsk counts 12,800 participants", "Minsk denied the incursion": who counts or denies a
            # happening is not who does it
            return None
        if found:
            return found
        verb = verb_of(trigger)
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and verb.dep_ in ("conj", "xcomp", "advcl"):
            # "said it saw no threat but was reinforcing", "they used drones to damage"
            subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and sayer is not None and verb.dep_ == "xcomp" and verb.head.lemma_ in ("claim", "say"):
            return sayer  # "Belarusian air defence claims to have downed a decoy": who claims, did
        if subj is not None and sayer is not None and (subj.lower_ in ("they", "it", "we") or any(
                c.dep_ == "poss" and c.lower_ in ("its", "their", "our") for c in subj.children)):
            return sayer
        if subj is not None:
            chunk = sent.doc[subj.left_edge.i:subj.i + 1]
            anaphor = resolve_anaphor(chunk, memory, lex)
            if anaphor and anaphor.kind not in OBSERVERS:
                return anaphor
    # no grammatical link: a force named in the same clause
    scope = scope or sent
    others = [a for a in actors if (sayer is None or a.start != sayer.start) and not _target(a, trigger)
              and scope.start_char <= (a.start or 0) < scope.end_char and not _addressee(a, sent)
              and not _part_of_total(a, sent) and not _held(a, sent) and not _cause(a, sent, trigger)
              and not _intercepts(a, sent, trigger) and not _speaks(a, sent, trigger)]
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


def stated_doer(trigger: Span | None, actors: list[Actor], scope: Span, sayer: Actor) -> Actor | None:
    """The force that is the subject of what a statement reports ("insists that all Russian
    troops will go home" -> Russian forces; not "would pass their experience to the army")."""
    # with no statement word, the clause's own verb (a piece's root may be the sentence's full stop)
    verb = trigger.root if trigger is not None else next(
        (t for t in scope if t.pos_ in ("VERB", "AUX") and not scope.start <= t.head.i < scope.end), scope.root)
    reported = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")] or (
        [verb] if verb.dep_ == "ccomp" or (verb.dep_ == "conj" and verb.head.dep_ == "ccomp") else [])
    reported += [c for r in reported for c in r.children if c.dep_ == "conj"]
    # "announced the deployment of the Regional Grouping": the force whose happening is announced
    named = [g for c in verb.children if c.dep_ == "dobj" for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
             for g in p.children if g.dep_ == "pobj"]
    for r in reported + named:
        subjects = [r] if r in named else [c for c in r.children if c.dep_ in SUBJECT_DEPS]
        # "that Belarus would not attack first | but would respond ...": the second verb's subject is
        # the first one's, though a clause of its own leaves it outside
        shared = not subjects and r.dep_ == "conj"
        if shared:
            subjects = [c for c in r.head.children if c.dep_ in SUBJECT_DEPS]
        for subj in subjects:
            lo, hi = subj.left_edge.idx, subj.idx + len(subj)
            doer = next((a for a in actors if a.kind in DOERS and a.name != sayer.name
                         and lo <= (a.start or -1) < hi
                         and (shared or scope.start_char <= a.start < scope.end_char)), None)
            if doer is not None:
                return doer
    return None


def _token_at(actor: Actor, sent: Span):
    """The token an actor mention starts in (None for an actor with no place in the text, or
    one outside the sentence)."""
    if actor.start is None or not sent.start_char <= actor.start < sent.end_char:
        return None
    span = sent.doc.char_span(actor.start, max(actor.end or 0, actor.start + 1), alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _addressee(actor: Actor, sent: Span) -> bool:
    """ "Putin told Lukashenko that ...": who is spoken to does not act."""
    tok = _token_at(actor, sent)
    while tok is not None and tok.dep_ == "compound":
        tok = tok.head
    return tok is not None and tok.dep_ in ("dobj", "dative") and tok.head.lemma_ in ADDRESSING


def _part_of_total(actor: Actor, sent: Span) -> bool:
    """ "12,800 troops, including about 2,500 Russian servicemen": a share named inside a total
    does not make the whole its own."""
    tok = _token_at(actor, sent)
    if tok is None:
        return False
    shares = ("including", "among", "excluding")
    return any(a.lower_ in shares for a in tok.ancestors if a.i >= sent.start) or any(
        t.lower_ in shares for t in sent.doc[max(sent.start, tok.i - 5):tok.i])  # "..., among them 2,500 Russian"


PINNING = {"tie", "pin", "fix", "hold", "draw", "divert", "distract", "deter", "threaten", "provoke"}
FEARED = {"fear", "threat", "risk", "danger"}


def _held(actor: Actor, sent: Span) -> bool:
    """ "meant to tie down Ukrainian brigades", "fear of a Ukrainian incursion": forces pinned,
    deterred or feared are what the judgement is about, not who acts."""
    head = _token_at(actor, sent)
    if head is None:
        return False
    while head.dep_ in ("amod", "compound") and head.head != head:
        head = head.head  # "Ukrainian brigades", "a Ukrainian incursion"
    if head.dep_ == "dobj" and head.head.lemma_ in PINNING and (head.head.lemma_ != "hold" or any(
            c.dep_ == "prt" for c in head.head.children)):  # "hold down", not "the camp held 5,000 fighters"
        return True
    return head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_ in FEARED


SAYING = {"say", "deny", "claim", "dismiss", "reject", "insist", "announce", "report", "state", "confirm", "write",
          "tell", "assert", "allege", "refute", "dispute", "call"}  # who says or denies, beside a happening


def _speaks(actor: Actor, sent: Span, trigger: Span | None) -> bool:
    """ "..., which Minsk flatly denies", "Tactical nuclear weapons arrived, Minsk says": who says
    or denies a happening beside it does not do it (the sentence's own sayer is left out already)."""
    tok = _token_at(actor, sent)
    if tok is None or trigger is None:
        return False
    while tok.dep_ in ("compound", "amod", "poss") and tok.head != tok:
        tok = tok.head
    return tok.dep_ == "nsubj" and tok.head.lemma_ in SAYING and not trigger.start <= tok.head.i < trigger.end


INTERCEPTING = {"detect", "down", "intercept", "shoot", "track", "scramble", "destroy", "neutralise", "neutralize",
                "suppress", "jam", "spot", "register", "record"}


def _intercepts(actor: Actor, sent: Span, trigger: Span | None) -> bool:
    """ "a drone flew into Polish airspace and was shot down by a Polish helicopter crew", "the
    Lithuanian army's radar detected a drone": forces that detect or down an intruder do not fly it."""
    tok = _token_at(actor, sent)
    if tok is None or trigger is None:
        return False
    while tok.dep_ in ("amod", "compound", "poss", "pobj", "prep") and tok.head != tok and tok.head.pos_ != "VERB":
        tok = tok.head  # "the air surveillance system of the Lithuanian Armed Forces": the system
    verb, via = (tok.head.head, tok.head) if tok.dep_ == "pobj" and tok.head.lower_ == "by" else (tok.head, tok)
    return verb.lemma_ in INTERCEPTING and not trigger.start <= verb.i < trigger.end \
        and (via.dep_ in ("nsubj", "agent") or via.lower_ == "by")


CAUSING = {"response", "reaction", "retaliation", "because", "due", "owing", "reply", "answer", "amid", "despite"}


def _cause(actor: Actor, sent: Span, trigger: Span | None) -> bool:
    """ "moved to the border in response to the presence of Wagner mercenaries", "because of
    Belarusian drills": forces named as the reason for a happening do not carry it out (unless
    the happening is the reason: "delays because of Russian columns")."""
    tok = _token_at(actor, sent)
    return tok is not None and any(
        a.dep_ == "prep" and (a.lower_ in CAUSING or a.head.lower_ in CAUSING)
        and (trigger is None or not a.left_edge.i <= trigger.start <= a.right_edge.i)
        for a in tok.ancestors if a.i >= sent.start)


def _target(actor: Actor, trigger: Span | None) -> bool:
    """ "damaged a Russian aircraft": what a strike hits is not who strikes."""
    if trigger is None or trigger.label_ not in ("strike", "assessment"):  # attacks, invasions
        return False
    head = trigger.root  # "struck a Russian position", "an attack on a NATO member"
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")] if head.pos_ == "VERB" else []
    objects += [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "at", "against")
                for g in c.children if g.dep_ == "pobj"]
    return any(o.left_edge.idx <= actor.start < o.right_edge.idx + len(o.right_edge) for o in objects)


def generic_forces(trigger: Span, own_country: str | None, table: ActorTable) -> Actor | None:
    """ "The army has moved three battalions ..." in a ministry's own post: that country's
    army. An inference, so its score says so (0.7). Places are no guide (a destination says
    nothing about whose troops go there), so without a known publisher: no actor."""
    entry = table.armed_forces.get(own_country) if own_country else None
    if entry is None:
        return None
    doc = trigger.doc
    verb = verb_of(trigger)
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lower_ in GENERIC_FORCES and any(c.lower_ in ("the", "our") for c in subj.children):
        phrase = doc[subj.left_edge.i:subj.i + 1]  # "the army has moved", "our units left"
    else:
        # "a check of the combat readiness of the Armed Forces": the institution by its name
        named = next((t for t in trigger.sent if t.text == "Forces" and t.i > 0 and doc[t.i - 1].text == "Armed"), None)
        if named is None:
            return None
        phrase = doc[named.i - 1:named.i + 1]
    return Actor(text=phrase.text, name=entry.name, country=entry.country, kind=entry.kind, score=0.7,
                 start=phrase.start_char, end=phrase.end_char)


BRANCH_WORDS = ("special", "operations", "forces")


def unnamed_branch(scope: Span, country: str | None, table: ActorTable) -> Actor | None:
    """ "units of the Special Operations Forces have been moved to the Homel region": a branch
    named without its country, in a document about that country's forces or said by its
    bodies, is that country's branch. An inference (score 0.7)."""
    doc = scope.doc
    if country is None or "operations" not in text_of(scope).lower():
        return None
    t = next((t for t in scope if t.i + 2 < scope.end and tuple(w.lower_ for w in doc[t.i:t.i + 3]) == BRANCH_WORDS),
             None)
    if t is None:
        return None
    before = doc[t.i - 1] if t.i > scope.start else None
    if before is not None and before.text[:1].isupper() and before.pos_ in ("ADJ", "PROPN"):
        return None  # "Russian special operations forces"
    if t.i + 3 < scope.end and doc[t.i + 3].lower_ == "of":
        return None  # "the Special Operations Forces of Ukraine" is named
    entry = table.lex.actor_entry("armed_forces", country, " ".join(BRANCH_WORDS))
    if entry is None:
        return None
    phrase = doc[t.i:t.i + 3]
    return Actor(text=phrase.text, name=entry.name, country=entry.country, kind=entry.kind, score=0.7,
                 start=phrase.start_char, end=phrase.end_char)


def coordinated_forces(actors: list[Actor], doc: Doc) -> list[tuple[Actor, Span]]:
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
        left = min((t.i for t in h.subtree if t.dep_ != "conj" and not any(x.dep_ == "conj" for x in t.ancestors
                                                                             if x.i > h.i and x in h.subtree)), default=h.i)
        left = min(left, doc.char_span(a.start, a.end, alignment_mode="expand").start)
        out.append((a, doc[left:h.i + 1]))
    return out
