"""Who acts and who says so."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import takewhile

from rapidfuzz import fuzz, process
from spacy.tokens import Span, Token

from borderwatch.extract.fields import after_semicolon, ents, in_sent, lowers, story_start, text_of, token_at
from borderwatch.extract.fields import last_word as last_word_of  # "last_word" names a local below
from borderwatch.extract.lexicons import ActorEntry, Lexicons
from borderwatch.extract.modality import DEBUNKING
from borderwatch.model import Actor, Attribution

SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent", "csubj"}
FUZZY_CUTOFF = 88
QUARTERS = ("north", "south", "east", "west", "central")
PEOPLE = {"official", "president"}  # actor kinds that are one person


@dataclass
class Memory:
    """What earlier sentences of the document named, for "the ministry" or "it"."""

    by_kind: dict[str, Actor] = field(default_factory=dict)
    last_sayer: Attribution | None = None
    last_sayer_actor: Actor | None = None
    recent: list[Actor] = field(default_factory=list)  # most recent last
    countries: Counter = field(default_factory=Counter)  # how often each country's actors were named
    surnames: dict[str, tuple[Attribution, Actor | None]] = field(default_factory=dict)  # "molostov": who he is
    voices: Counter = field(default_factory=Counter)  # the same, for actors other than forces
    lands: Counter = field(default_factory=Counter)  # in which countries the places named so far lie
    home: str | None = None  # the country of the body whose own post this is
    serving: bool = False  # a private post has told of a relative or friend who serves

    def remember(self, actor: Actor) -> None:
        self.by_kind[actor.kind] = actor
        self.countries[actor.country] += 1
        if actor.kind not in FORCE_KINDS:
            self.voices[actor.country] += 1
        self.recent = [a for a in self.recent if a.name != actor.name][-30:] + [actor]

    def heard(self, attr: Attribution, actor: Actor | None) -> None:
        """Who spoke last; a sayer introduced by title and name ("the Chairman of the State
        Border Committee, Konstantin Molostov") is known by the surname after."""
        self.last_sayer, self.last_sayer_actor = attr, actor
        words = attr.text.split()
        if len(words) >= 2 and words[-1][:1].isupper() and words[-2][:1].isupper() and attr.kind != "other":
            self.surnames[words[-1].lower()] = (attr, actor)


class ActorTable:
    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        self.by_name: dict[str, ActorEntry] = {a.name: a for a in lex.actors}
        self.exact: dict[str, str] = {alias.lower(): a.name for a in reversed(lex.actors) for alias in a.aliases}
        self.aliases: dict[str, str] = {}
        for a in lex.actors:
            for alias in a.aliases:
                if len(alias) >= 6:  # short aliases fuzzy-match too much
                    self.aliases.setdefault(alias.lower(), a.name)
        self.by_source: dict[str, str] = {src: a.name for a in lex.actors for src in a.sources}
        self.armed_forces: dict[str, ActorEntry] = {}
        for a in lex.actors:  # the first armed forces listed for a country are its main ones
            if a.kind == "armed_forces" and a.country:
                self.armed_forces.setdefault(a.country, a)

    def actor(self, name: str, text: str, start: int | None, end: int | None, score: float = 1.0) -> Actor:
        e = self.by_name[name]
        return Actor(text=text, name=e.name, country=e.country, kind=e.kind, score=round(score, 3),
                     start=start, end=end)

    def source_actor(self, source_id: str) -> str | None:
        """The actor a source is ("mod-by-telegram" listed under its `sources`) or names
        ("isw", "belaruski-hajun"), so that its own documents speak in their own voice."""
        return self.by_source.get(source_id) or self.exact.get(source_id.replace("-", " ").replace("_", " ").lower())

    def fuzzy(self, text: str) -> tuple[str, float] | None:
        """A misspelt name ("Institute for the Sturdy of War") resolved with its score."""
        if len(text) < 8:
            return None
        hit = process.extractOne(text.lower(), self.aliases.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if hit and hit[0].endswith(" " + text.lower()):
            return None  # "the Ministry of Defence" is not a misspelt "UK Ministry of Defence"
        if hit is None or not self._misspelt(text.lower().split(), hit[0].split()):
            return None
        return self.aliases[hit[0]], hit[1] / 100

    def _misspelt(self, words: list[str], alias: list[str]) -> bool:
        """Could these words be the alias misspelt? Not where a word is another spelt right: the
        kind of body ("the Belarusian ministry" for "Belarusian military"), a number ("173rd" for
        "103rd") or a quarter ("Southern" for "Western"); nor a short acronym ("TV" for "MVD")."""
        if words[-1] in self.lex.attribution.get("anaphora", {}) and words[-1] not in alias:
            return False
        if {w for w in words if any(c.isdigit() for c in w)} != {w for w in alias if any(c.isdigit() for c in w)}:
            return False
        if len(words) != len(alias):
            return True
        return not any(w != a and ((len(w) <= 3 and len(a) <= 3) or (w.startswith(QUARTERS) and a.startswith(QUARTERS)))
                       for w, a in zip(words, alias))


def actors_in(sent: Span, table: ActorTable) -> list[Actor]:
    """Actor mentions in a sentence: aliases, subject metonyms, demonym + force nouns, fuzzy ORGs."""
    doc = sent.doc
    out: list[Actor] = []
    taken: set[int] = set()
    story = story_start(sent)  # not the city of a wire dateline ("MOSCOW, June 27 (Agency) — ")
    titled = None  # where the last actor, if a person, was named
    for s in in_sent(doc.spans["bw_actor"], sent):
        if s.start_char < story:
            continue
        label = s.label_
        metonym = label.startswith("metonym:")
        label = label.split(":", 1)[1] if metonym else label
        if metonym or table.by_name[label].kind == "state":
            # "Minsk" or "Belarus" is an actor only when it acts (a subject or a possessor);
            # otherwise it is a place.
            if not any(t.dep_ in SUBJECT_DEPS or (t.dep_ == "poss" and _owns(t, sent, table.lex))
                       or (t.dep_ == "conj" and t.head.dep_ in SUBJECT_DEPS) for t in s):  # "Belarus and Russia staged ..."
                continue
        person = table.by_name[label].kind in PEOPLE
        if person and titled is not None and titled.end == s.start:
            out.pop()  # "Russian defence minister Sergei Shoigu": the name, not whoever holds the title now
        out.append(table.actor(label, s.text, s.start_char, s.end_char))
        titled = s if person else None
        taken.update(range(s.start, s.end))
    # "Belarusian tanks", "a new Russian strike group": the demonym of a country among the
    # modifiers of equipment or of a force noun means that country's forces.
    lists = table.lex.attribution
    force_nouns = {w for key in ("personnel_nouns", "unit_nouns", "demonym_heads") for w in lists.get(key, ())}
    civil = set(lists.get("civil_group_words", ()))
    heads = list(in_sent(doc.spans["bw_equipment"], sent)) + [
        doc[i:i + 1] for i, w in enumerate(lowers(sent), sent.start) if w in force_nouns
        and not any(c.dep_ in ("compound", "amod") and c.lower_ in civil for c in doc[i].children)]
    def country_of(tok: Token) -> str | None:
        code = _country_code(tok, table.lex)
        return code if code in table.armed_forces else None

    def in_kind(tok: Token) -> bool:
        # "Russian-made tanks", "soldiers in Russian-looking uniform": a make or a look, not the forces
        return tok.i + 2 < sent.end and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ in LIKENESS

    for s in heads:
        for prev in _modifiers(s, sent):
            if (code := country_of(prev)) and prev.i not in taken and not in_kind(prev):
                out.append(table.actor(table.armed_forces[code].name, prev.text, prev.idx, prev.idx + len(prev)))
                taken.add(prev.i)
                break
    # "Belarusian and Russian units": the forces of each demonym coordinated with a found one
    for a in list(out):
        first = doc.char_span(a.start, a.end, alignment_mode="expand") if a.start is not None else None
        i = first.start - 2 if first is not None and country_of(first[0]) else -1
        while i >= sent.start and doc[i + 1].lower_ in ("and", "or", ",", "-") and (code := country_of(doc[i])) \
                and i not in taken:
            out.append(table.actor(table.armed_forces[code].name, doc[i].text, doc[i].idx, doc[i].idx + len(doc[i])))
            taken.add(i)
            i -= 2
    named = [e for e in ents(sent) if e.label_ in ("ORG", "PERSON", "FAC") and (len(e) >= 2 or e.label_ == "PERSON")]
    for span in named + _titled(sent):  # "Lukachenko" too
        if not taken.intersection(range(span.start, span.end)):
            hit = table.fuzzy(span.text.removeprefix("the ").removeprefix("The "))
            if hit:
                out.append(table.actor(hit[0], span.text, span.start_char, span.end_char, hit[1]))
                taken.update(range(span.start, span.end))
    return sorted(out, key=lambda a: a.start or 0)


JOINERS = {"for", "of", "the", "and", "on"}  # small words inside a name ("Institute for the Study of War")


def _titled(sent: Span) -> list[Span]:
    """Runs of capitalised words, small joining words inside, that the parser tagged as no
    organisation: "The Insitute for the Study of War said" is a misspelt name all the same."""
    doc, runs, start = sent.doc, [], None
    for t in [*sent, None]:
        word = t is not None and t.is_title and t.is_alpha and not (t.i == sent.start and t.lower_ == "the")
        if word and start is None:
            start = t.i
        elif not word and start is not None and not (t is not None and t.lower_ in JOINERS):
            end = t.i if t is not None else sent.end
            while end > start and doc[end - 1].lower_ in JOINERS:
                end -= 1
            if sum(doc[i].is_title for i in range(start, end)) >= 3:
                runs.append(doc[start:end])
            start = None
    return runs


LIKENESS = {"made", "built", "looking", "style", "type", "designed", "supplied", "produced", "manufactured"}
PLACE_NOUNS = {"region", "oblast", "district", "border", "borders", "frontier", "territory", "airspace", "soil",
               "side", "north", "south", "east", "west", "capital", "city", "cities", "infrastructure", "ports"}


def _owns(poss: Token, sent: Span, lex: Lexicons) -> bool:
    """ "Belarus's army", "Minsk's decision": a state that owns what it acts through; not
    "Russia's Kaluga region" (a place) nor "Ukraine's State Border Guard Service" or "Lithuania's
    defence minister" (who speaks or acts is the body or the person, named in their own right)."""
    head = poss.head
    if head.lower_ in lex.attribution.get("force_nouns", ()):
        return True
    if head.lower_ in PLACE_NOUNS or head.ent_type_ in ("GPE", "LOC", "FAC"):
        return False
    if _speaker_word(head, lex.attribution.get("sayer_kinds") or {}):
        return False
    return not any(s.start <= head.i < s.end for s in in_sent(sent.doc.spans["bw_actor"], sent))


def _modifiers(s: Span, sent: Span) -> list[Token]:
    """The words in front of a noun phrase's head that modify it, nearest first, up to a
    word outside the phrase ("Belarusian" in "Belarusian air-defence units", not in
    "Belarusian roads for units")."""
    # "Iskander-M launchers": the phrase ends at the noun the model modifies
    end = s.root.head.i + 1 if s.root.dep_ in ("compound", "amod", "nmod") and s.root.head.i >= s.end else s.end
    out = [sent.doc[s.start - 1]] if s.start > sent.start else []  # next to it, whatever the parse says
    for t in reversed(sent.doc[max(sent.start, s.start - 5):s.start - 1]):
        coordinated = t.dep_ in ("cc", "conj") and t.head.i < t.i and t.head.dep_ in ("amod", "compound") \
            and t.head.i < t.head.head.i < end  # "Polish and Dutch F-35s", "Polish and allied jets"
        # "Russian mobilised soldiers" with "Russian" parsed as a subject of its own
        stray = t.tag_ == "JJ" and bool(out) and out[-1].i == t.i + 1 and out[-1].dep_ == "amod" \
            and out[-1].tag_ in ("VBN", "VBD", "JJ")
        if not coordinated and not stray and (t.dep_ not in ("amod", "compound", "nmod", "npadvmod", "punct")
                                              or not t.i < t.head.i < end):
            break
        if t.lower_ in ("former", "exiled", "retired", "ex"):
            return []  # "former Belarusian security officers" are no longer its forces
        out.append(t)
    return out


def resolve_anaphor(chunk: Span, memory: Memory, lex: Lexicons) -> Actor | None:
    """ "the American think tank" -> the last think tank named."""
    text = chunk.text.lower()
    phrases = lex.attribution.get("anaphora") or {}
    if not chunk or (chunk[0].lower_ not in ("the", "this", "that") and not (len(chunk) > 1 and text in phrases)):
        return None  # "the ministry", or a bare plural such as "border guards"
    marked = _country_in(chunk, lex)  # "the defence ministry in Warsaw" is not Minsk's named before
    head = _before_seat(chunk)
    for phrase, kind in sorted(phrases.items(), key=lambda kv: -len(kv[0])):
        if head.endswith(phrase) and kind in memory.by_kind:
            a = memory.by_kind[kind]
            if marked and marked != a.country:
                return None
            return a.model_copy(update={"text": chunk.text, "start": chunk.start_char, "end": chunk.end_char})
    # "the centre" after "the National Resistance Centre": the last actor with that word in its name
    head = chunk.root.lower_
    if len(head) >= 4:
        variants = {head, head.replace("centre", "center"), head.replace("center", "centre")}
        for a in reversed(memory.recent):
            if variants & set(a.name.lower().split()) and (not marked or marked == a.country):
                return a.model_copy(update={"text": chunk.text, "start": chunk.start_char, "end": chunk.end_char})
    return None


def _before_seat(chunk: Span) -> str:
    """The phrase without the seat after it: "the defence ministry [in Minsk]" (but not "the
    Ministry of Health", which names another ministry)."""
    root = chunk.root
    if chunk.start <= root.i < chunk.end - 1 and chunk.doc[root.i + 1].lower_ in ("in", "at"):
        return chunk.doc[chunk.start:root.i + 1].text.lower()
    return chunk.text.lower()


GOVERNING = {"ministry", "official", "government", "military"}
FORCE_KINDS = {"armed_forces", "pmc", "paramilitary"}


def _him(memory: Memory, text: str, kinds: dict) -> tuple[Attribution, Actor | None] | None:
    """Who "he" or "according to him" is: who spoke last, unless a person has been named and
    the last speaker is none; else the last person named ("Volfovich spoke to journalists.
    According to him, ...")."""
    person = next((a for a in reversed(memory.recent) if a.kind in PEOPLE), None)
    if memory.last_sayer is not None and not (person is not None and memory.last_sayer.kind not in PEOPLE):
        return memory.last_sayer, memory.last_sayer_actor
    if person is not None:
        return Attribution(text=text, kind=kinds.get(person.kind, "official"), name=person.name,
                           country=person.country), person
    return None


HIS_VIEW = re.compile(r"\b(?:[Aa]ccording to (?:him|her|them)"
                      r"|[Ii]n (?:his|her|their) (?:view|assessment|estimate|opinion|words))\b")
ARMS = {"force", "forces", "army", "military", "navy"}  # a state's own arms speak as its armed forces


def _by_country(chunk: Span, actors: list[Actor], memory: Memory, lex: Lexicons) -> Actor | None:
    """ "the defence ministry" with no ministry named before: the ministry of the country the
    phrase names ("in Warsaw"), else of the official who spoke last, else of the country the
    sentence and the document so far name most, by its speakers and places before its forces."""
    if not chunk or chunk[0].lower_ != "the":
        return None
    text = _before_seat(chunk)
    kind = next((k for phrase, k in sorted((lex.attribution.get("anaphora") or {}).items(), key=lambda kv: -len(kv[0]))
                 if text.endswith(phrase)), None)
    if kind not in ("ministry", "border_guard", "armed_forces", "president"):
        return None
    marked = _country_in(chunk, lex)  # "the Polish defence ministry", "the ministry in Minsk"
    if marked:
        order = [marked]
    else:
        # the country of the official who spoke last, else the one the document has named most
        last = memory.last_sayer
        said = [last.country] if last is not None and last.country and last.kind in GOVERNING else []
        # forces are often another country's ("says 12,800 troops take part, including some 2,500
        # Russians"; "Russian troops arrived at Barysau"): they count only when no one else and no
        # place the document has named so far names a country
        speaking = [a for a in actors if a.kind not in FORCE_KINDS]
        voices = [a.country for a in speaking] \
            + [a.country for a in reversed(memory.recent) if a.kind not in FORCE_KINDS]
        tally = Counter(a.country for a in speaking) + memory.voices + memory.lands
        forces = [a.country for a in actors if a.kind in FORCE_KINDS] \
            + [a.country for a in reversed(memory.recent) if a.kind in FORCE_KINDS]
        order = said + [memory.home] * (memory.home is not None) \
            + sorted(dict.fromkeys(voices + list(memory.lands)), key=lambda c: -tally[c]) \
            + sorted(dict.fromkeys(forces), key=lambda c: -memory.countries[c])
    for country in order:
        entry = lex.actor_entry(kind, country)
        if entry is not None:
            return Actor(text=chunk.text, name=entry.name, country=entry.country, kind=entry.kind,
                         score=0.8, start=chunk.start_char, end=chunk.end_char)
    return None


OFFICES = {"ministry", "ministries"}  # "the defence ministry in Vilnius" is a ministry, not Lithuania


def _country_code(tok: Token, lex: Lexicons) -> str | None:
    """The country a word names ("Belarusian", "Poland"), as its code."""
    return next((c for c, names in lex.directions.get("countries", {}).items() if tok.lower_ in names), None)


def _country_in(chunk: Span, lex: Lexicons) -> str | None:
    """The country a phrase names beside its head: "Polish" or "in Warsaw"."""
    for t in chunk:
        if code := _country_code(t, lex):
            return code
    for s in in_sent(chunk.doc.spans["bw_actor"], chunk):
        entry = next((e for e in lex.actors if e.name == s.label_.split(":", 1)[-1]), None)
        if entry is not None and entry.kind == "state" and entry.country:
            return entry.country
    return None


def _chunk_of(tok: Token) -> Span:
    """The phrase a token heads: its whole subtree when short (keeps appositions:
    "the monitoring group Belaruskyi Hayun"), else its noun chunk."""
    while tok.dep_ in ("nummod", "amod", "det", "compound", "poss", "quantmod") and tok.head.i > tok.i:
        tok = tok.head  # "citing [two] Western officials": the phrase is the officials'
    if tok.right_edge.i - tok.left_edge.i < 8 or (
            tok.right_edge.i - tok.left_edge.i < 15
            and any(c.dep_ == "prep" and c.lower_ in ("at", "of", "from", "with") for c in tok.children)):
        # "analysts at the Warsaw-based Centre for Eastern Studies": the body they belong to
        return tok.doc[tok.left_edge.i:tok.right_edge.i + 1]
    # with its apposition: "the Belarusian monitoring group Belaruski Hajun [of a field hospital ...]"
    end = max([c.i + 1 for c in tok.children if c.dep_ == "appos"], default=tok.i + 1)
    for nc in tok.doc.noun_chunks:
        if nc.start <= tok.i < nc.end:
            return tok.doc[nc.start:max(nc.end, end)]
    return tok.doc[tok.left_edge.i:end]


def _actor_at(actors: list[Actor], span: Span) -> Actor | None:
    """The actor a phrase names: the one at its head word, else its last one
    ("the Belarusian monitoring group Belaruskyi Hayun" is Hajun, not Belarus)."""
    inside = [a for a in actors if a.start is not None and a.start < span.end_char and a.end > span.start_char]
    root = span.root.idx
    return next((a for a in inside if a.start <= root < a.end), inside[-1] if inside else None)


def _sayers(media: list[Span]) -> list[Span]:
    """Media phrases that say something: satellite imagery is what a source looked at, and the
    document's own footage ("our scouts' photos show", "videos geolocated by our volunteers") or
    rumours it waves away ("whatever the rumours say") are no one else's word."""
    return [m for m in media if m.label_ != "imagery" and not _ours(m) and not _waved_away(m)]


def _ours(media: Span) -> bool:
    """Footage the document's own people took or placed ("our scouts' photos", "videos geolocated
    by our volunteers", "footage we have geolocated", however the parser hung the agent)."""
    if media.label_ == "citizen":
        return False  # "our readers" tell what they saw
    root = media.root
    owner = media.doc[root.left_edge.i:media.start]
    done = [c for c in root.children if c.dep_ == "acl"] + ([root.head] if root.dep_ == "nsubj" else [])  # misparsed
    by = [t for c in done for a in c.children if a.dep_ == "agent" for t in a.subtree]
    if root.dep_ == "pobj" and root.head.lower_ in ("by", "from") and root.head.head.lower_ == "judging" \
            and not any(c.dep_ == "acl" for c in root.children):
        return True  # "judging by footage (we have geolocated)": the document weighs it itself
    # "footage we have geolocated"
    we = [g for c in root.children if c.dep_ == "relcl" for g in c.children if g.dep_ == "nsubj"]
    return any(t.lower_ in ("our", "my") for t in (*owner, *by)) or any(t.lower_ in ("we", "i") for t in we)


WAVED = {"whatever", "whoever"}


def _waved(verb: Token) -> bool:
    """ "whatever Minsk says", "whatever the rumours say": the document's word against the sayer."""
    return any(c.lower_ in WAVED for c in verb.children)


def _waved_away(media: Span) -> bool:
    return media.root.dep_ == "nsubj" and _waved(media.root.head)


def _speaker_word(tok: Token, sayer_kinds: dict) -> bool:
    """Does the word name someone who speaks ("residents", "minister", "soldier")?"""
    return tok.lower_ in sayer_kinds or tok.lemma_ in sayer_kinds


SURE = {"sure", "convinced", "certain", "confident"}
INVERTING = {"say", "write", "report", "add", "note", "claim", "explain", "insist", "confirm"}  # "..., writes a reader"
SOME_OF = {"one", "another", "several", "some", "many", "most", "others", "two", "three", "each", "both", "all"}


def _one_of(subj: Token, from_span, sayer_kinds: dict, memory: Memory) -> tuple | None:
    """The people "one of the workers", "one of them" or "another" belongs to: the noun after
    "of", else the last people named before it in the sentence, else the last sayer."""
    group = next((g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"), None)
    if group is not None and group.lower_ == "you":
        return Attribution(text=subj.doc[subj.i:group.i + 1].text, kind="citizen"), None  # "several of you write"
    if group is not None and group.pos_ != "PRON":
        return from_span(_chunk_of(group))
    people = next((t for t in reversed(subj.doc[subj.sent.start:subj.i]) if t.tag_ == "NNS"
                   and _speaker_word(t, sayer_kinds)), None)
    if people is not None:
        return from_span(_chunk_of(people))
    return (memory.last_sayer, memory.last_sayer_actor) if memory.last_sayer is not None else None


def _trailing_sayer(verb: Token, actors: list[Actor], sayer_kinds: dict) -> Span | None:
    """ "..., the Belarusian Ministry of Defence said on Sunday.", "..., Polish media report.": an
    actor or a sayer between a comma and a reporting verb the parser gave no subject (it hung
    the phrase on a place or on the verb)."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    doc, start = verb.doc, verb.sent.start
    end = verb.i
    while end - 1 > start and doc[end - 1].pos_ in ("ADV", "AUX", "PART"):  # "later", "has"
        end -= 1
    i = end - 1
    while i > start and doc[i].text not in (",", ":", "—") and end - i <= 12:
        i -= 1
    if doc[i].text in (",", ":", "—"):
        i += 1
    elif i != start:
        return None
    span = doc[i:end]  # from a comma or the start of the sentence ("Locals in Khoiniki report that ...")
    described = {d.i for t in span if t.dep_ == "relcl" for d in t.subtree}  # "a subscriber who lives by the turn"
    if not span or any(t.pos_ in ("VERB", "AUX") and t.i not in described for t in span):
        return None  # a phrase naming someone, not a clause ("Our border guards are ready to respond")
    if len(span) > 2 and span[0].lower_ in SOME_OF and span[1].lower_ == "of":
        span = span[2:]  # "..., one of the workers told Zerkalo."
    if any(a.start is not None and span.start_char <= a.start and a.end <= span.end_char for a in actors):
        return span
    people = next((t for t in span if t.pos_ == "NOUN" and _speaker_word(t, sayer_kinds)), None) \
        or next((t for t in reversed(span) if t.ent_type_ == "PERSON"), None)  # "..., Viktor Gulevich said."
    if people is None:
        return None
    # with what the parser hangs on the word ("a source at the airbase"), but not a place that
    # would speak in its stead ("a military analyst from Vilnius")
    whole = doc[span.start:min(span.end, people.right_edge.i + 1)]
    if any(t.pos_ == "PROPN" for t in whole if t.i > people.i):
        return doc[span.start:people.i + 1]
    return whole


def _publisher(span: Span, sent_nouns: set[str]) -> Token | None:
    """Who published the picture or runs the channel a phrase names: the owner in "the
    ministry's Telegram channel", the agent in "video released by the ministry"; whose
    information it is ("according to information from the Ministry of Defence")."""
    root = span.root
    if root.lower_ in ("information", "data", "figures"):
        return next((g for c in root.children if c.dep_ == "prep" and c.lower_ in ("from", "of")
                     for g in c.children if g.dep_ == "pobj"), None)
    if not (root.lower_ in sent_nouns or root.lower_ in ("channel", "account", "page", "website")
            or any(m.root == root for m in in_sent(span.doc.spans["bw_media"], span))):
        return None
    owner = next((c for c in root.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    if owner is not None:
        return owner
    return next((g for c in root.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
                 for g in a.children if g.dep_ == "pobj"), None)


def _title_holder(span: Span, sayer_kinds: dict) -> Span | None:
    """The name set beside a title: "Konstantin Molostov" in "the Chairman of the State Border
    Committee, Konstantin Molostov". None when the phrase is no title with a name."""
    root = span.root
    if sayer_kinds.get(root.lower_) not in ("official", "military"):
        return None
    name = next((c for c in root.children if c.dep_ == "appos" and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN")
                 and c.i > root.i), None)
    return span.doc[name.left_edge.i:name.right_edge.i + 1] if name is not None else None


def _telling(people: Span) -> bool:
    """Are these residents, readers or witnesses the ones who tell ("residents filmed a column",
    "videos posted by residents"), not the ones told, moved or spoken of ("residents are warned
    of noise", "buses took their residents to Manevychi", "we are thinking of our readers")?
    Anything else counts as telling: the parser often misreads "Residents of X report ..." """
    root = people.root
    while root.dep_ in ("compound", "amod") and root.head.i > root.i:
        root = root.head
    if root.dep_ == "pobj":
        return root.head.lower_ in ("by", "from", "according")
    return root.dep_ not in ("dobj", "nsubjpass", "dative", "oprd")


def _named_state(span: Span, lex: Lexicons) -> Actor | None:
    """ "according to Minsk": a state or its capital as a source. (As a place it is no
    actor, so the sentence's actors leave it out.)"""
    for s in in_sent(span.doc.spans["bw_actor"], span):
        name = s.label_.split(":", 1)[-1]
        entry = next((e for e in lex.actors if e.name == name and e.kind == "state"), None)
        if entry is not None:
            return Actor(text=s.text, name=entry.name, country=entry.country, kind=entry.kind,
                         start=s.start_char, end=s.end_char)
    return None


def _serving(root: Token, lex: Lexicons) -> bool:
    """A private person the sentence describes as serving: in an apposition or a clause on
    the same noun ("my cousin, a contract soldier with the 6th Brigade"; "my cousin serves there")."""
    words = set(lex.attribution.get("serving_words", ()))
    described = [t for c in root.children if c.dep_ in ("appos", "relcl", "acl") for t in c.subtree]
    if root.dep_ == "nsubj":  # "serves there and says", "is a contract soldier at ... and says"
        described += [c for c in root.head.children if c.dep_ in ("conj", "attr")]
    if root.head.lower_ in words:
        described.append(root.head)
    # "my cousin in the 38th brigade", "a friend at the commissariat", "my uncle in the military office"
    units = set(lex.attribution.get("serving_places", ()))
    at = [t for c in root.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "with", "from") for t in c.subtree]
    return any(t.lower_ in words or t.lemma_ in words for t in described) or any(t.lower_ in units for t in at)


def _unnamed(sent: Span, private: bool) -> tuple[Attribution, None] | None:
    """A source the sentence gives without a name: "I am told ..." in a private post (a private
    person), "Officially, about 12,800 servicemen take part", "according to official figures" and
    "the official line is that ..." (the authorities)."""
    if private:
        told = next((t for t in sent if t.lemma_ == "tell" and t.tag_ == "VBN" and any(
            c.dep_ == "nsubjpass" and c.lower_ in ("i", "we") for c in t.children)
            and not any(c.dep_ == "agent" for c in t.children)), None)
        if told is not None:
            return Attribution(text=told.text, kind="citizen"), None
    first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
    if first is not None and first.lower_ == "officially":
        return Attribution(text=first.text, kind="official"), None
    stated = next((t for t in sent if t.lower_ == "official" and t.dep_ == "amod"
                   and t.head.lower_ in ("figures", "data", "statistics", "line", "version", "explanation")), None)
    if stated is not None:
        return Attribution(text=f"{stated.text} {stated.head.text}", kind="official"), None
    return None


def _own_unit(sent: Span, lex: Lexicons) -> bool:
    """ "he said his battalion had been loaded onto a train", "my brother-in-law says his brigade
    is still waiting": a private person who speaks of his own unit (a `serving_places` word)
    serves in it (not "their brigade", which may be a town's)."""
    units = set(lex.attribution.get("serving_places", ()))
    return any(t.lemma_ in units and any(c.dep_ == "poss" and c.lower_ in ("his", "her", "my") for c in t.children)
               for t in sent)


def _noun_after(a: Actor, sent: Span) -> str | None:
    """The noun the words right after an actor end on: "troops" in "Russian ground troops in
    Belarus" (where the actor is "Russian")."""
    first = token_at(sent, a.end - sent.start_char)
    run = list(takewhile(lambda t: t.pos_ in ("ADJ", "NOUN", "PROPN"), sent.doc[first.i:sent.end])) if first else []
    return run[-1].lower_ if run else None


def attribution(sent: Span, actors: list[Actor], memory: Memory, lex: Lexicons,
                also: frozenset[str] = frozenset(), private: bool = False) -> tuple[Attribution | None, Actor | None]:
    """Who the sentence says it comes from, and that sayer as an actor when it is one (`also`:
    more verbs that report, such as the rejecting verbs of a rebuttal). In a private person's
    post (`private`), anyone else who speaks there unnamed is a private person too ("he says",
    "Alena writes")."""
    doc = sent.doc
    kinds = lex.attribution.get("kinds", {})
    text = text_of(sent).lower()
    sayer_nouns = set(lex.attribution.get("sayer_nouns", ()))
    sayer_kinds = lex.attribution.get("sayer_kinds") or {}
    if private and not memory.serving:  # "My son serves in the 38th brigade.": he speaks for it later
        memory.serving = any(t.dep_ in ("nsubj", "nsubjpass") and sayer_kinds.get(t.lower_) == "citizen"
                             and any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in t.children)
                             and _serving(t, lex) for t in sent)
    own_people = set(lex.attribution.get("own_people", ()))
    private_sources = set(lex.attribution.get("private_sources", ()))
    sent_nouns = set(lex.attribution.get("sent_nouns", ()))

    def from_span(span: Span) -> tuple[Attribution, Actor | None] | None:
        if (owner := _publisher(span, sent_nouns)) is not None:
            # "the ministry's channel", "footage released by the ministry": whose it is, when that is known
            got = from_span(_chunk_of(owner) if owner.dep_ == "pobj" else doc[owner.left_edge.i:owner.i + 1])
            if got is not None and got[0].kind != "other":
                return got
        holder = _title_holder(span, sayer_kinds)
        if holder is not None:
            # "The Chairman of the State Border Committee, Konstantin Molostov, stated": the person
            # speaks, as the office-holder the title makes him, not the body he heads
            known = _actor_at(actors, holder)
            if known is not None and known.kind in ("official", "president"):
                return Attribution(text=span.text, kind=kinds.get(known.kind, "official"), name=known.name,
                                   country=known.country), known
            military = any(t.lower_ in lex.attribution.get("military_bodies", ()) for t in span)
            return Attribution(text=span.text, kind="military" if military else sayer_kinds[span.root.lower_]), None
        actor = _actor_at(actors, span)
        # "Ukraine's Interior Minister Ihor Klymenko", "Lithuania's defence minister" speak as officials
        person = span.root.ent_type_ == "PERSON" or sayer_kinds.get(span.root.lower_) in ("official", "military")
        if actor is not None and actor.kind == "state" and person and not actor.start <= span.root.idx < actor.end:
            actor = None
        elif actor is not None and actor.kind == "state" and span.root.lower_ in ARMS and actor.end <= span.root.idx:
            # "Ukraine's Air Force said", "Lithuania's army says": that country's armed forces
            air = span.root.lower_ == "force" and any(t.lower_ == "air" for t in span)
            forces = (air and lex.actor_entry("armed_forces", actor.country, "air force")) \
                or lex.actor_entry("armed_forces", actor.country)
            if forces is not None:
                actor = actor.model_copy(update={"name": forces.name, "kind": forces.kind, "score": 0.9})
        elif actor is None:
            actor = resolve_anaphor(span, memory, lex) or _by_country(span, actors, memory, lex) \
                or (_named_state(span, lex) if span.root.lower_ not in OFFICES and not person
                    and sayer_kinds.get(span.root.lower_) != "think_tank" else None)  # not "analysts in Kyiv"
        if actor:
            return Attribution(text=span.text, kind=kinds.get(actor.kind, "other"), name=actor.name,
                               country=actor.country), actor
        media = _sayers(in_sent(doc.spans["bw_media"], span))
        if media:
            return Attribution(text=span.text, kind=media[0].label_), None
        root = span.root
        # "a Polish general", "Deputy Defence Minister Cezary Tomczyk" (a name the parser did not tag)
        person = root.lower_ in sayer_nouns or root.lemma_ in sayer_nouns or root.lower_ in sayer_kinds or (
            root.pos_ == "PROPN" and any(sayer_kinds.get(t.lower_) in ("official", "military") for t in span))
        if span[0].lower_ in ("our", "my") and root.lower_ in private_sources:
            if not any(c.dep_ in ("prep", "acl", "relcl") for c in root.children):
                return None  # "according to our sources": the document's own network, unnamed
            return Attribution(text=span.text, kind="military" if _serving(root, lex) else "citizen"), None
        if span[0].lower_ in ("our", "my", "we", "i") and not (person and any(t.lower_ in sayer_kinds for t in span)) \
                or span[0].lower_ == "our" and root.lower_ in own_people:
            # "according to our information", "our volunteers counted": the document's own voice
            # ("my neighbour", "our readers" are sources of their own)
            return None
        if len(span) == 1 and root.pos_ == "PROPN" and root.lower_ in memory.surnames:
            return memory.surnames[root.lower_][0], None  # "Molostov told the border guards": as introduced
        if root.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or person:
            kind = sayer_kinds.get(root.lower_) or sayer_kinds.get(root.lemma_) or next(
                (sayer_kinds[t.lower_] for t in span if t.lower_ in sayer_kinds), "other")  # "Interior Minister X"
            if kind == "citizen" and _serving(root, lex):
                kind = "military"  # "my cousin, a contract soldier, says"
            elif kind == "official" and any(t.lower_ in lex.attribution.get("military_bodies", ()) for t in span):
                kind = "military"  # "a military spokesman", "Lithuania's army chief"
            elif kind == "official" and root.lower_.startswith("spokes") and any(t.lower_ in ("ministry", "mod")
                                                                                 for t in span):
                # "a defence ministry spokesman", "the ministry's spokeswoman" (not "a source close to the ministry")
                kind = "ministry"
            return Attribution(text=span.text, kind=kind), None
        return None  # "according to plan" names no source

    def object_of(start_char: int) -> Token | None:
        """The noun a prefix governs: "according to [the State Border Committee]"."""
        tok = next((t for t in sent if t.idx >= start_char), None)
        if tok is None or tok.lower_ in ("which", "whom", "that", "what"):
            return None
        prev = doc[tok.i - 1] if tok.i > sent.start else None
        obj = next((c for c in prev.children if c.dep_ in ("pobj", "dobj")), None) if prev is not None else None
        obj = obj or tok
        if obj.pos_ in ("NUM", "PRON", "ADJ"):  # "according to one of the drivers": the drivers
            obj = next((g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"), obj)
        return obj

    found: tuple[Attribution, Actor | None] | None = None
    if (his := HIS_VIEW.search(text_of(sent))) is not None:
        found = _him(memory, his.group(), kinds)  # "According to him", "in his estimate"
    for prefix in () if found else lex.attribution.get("prefixes", ()):
        i = text.find(prefix + " ")
        if i >= 0 and (i == 0 or not text[i - 1].isalnum()) and prefix not in lex.attribution.get("via_prefixes", ()):
            tok = object_of(sent.start_char + i + len(prefix) + 1)
            if tok is not None:
                found = from_span(_chunk_of(tok))
                if found and found[0].kind == "other" and found[1] is None \
                        and prefix in lex.attribution.get("place_prefixes", ()):
                    found = None  # "reports from Mazyr" name a place, not who reports
                if found:
                    break
    if found is None:
        # "by NATO's count", "by Minsk's estimate": whose figure it is
        counts = set(lex.attribution.get("count_nouns", ()))
        owner = next((c for t in sent if t.lower_ in counts and t.head.lower_ == "by"
                      for c in t.children if c.dep_ == "poss"), None)
        if owner is not None and owner.lower_ not in ("our", "my"):
            found = from_span(_chunk_of(owner))
    colon = text_of(sent).find(": ")  # not the colon of a clock time ("17:30 — Reader's photo: ...")
    if found is None and 0 <= colon < 60:
        # "Ukrainian General Staff: no strike groups ..." — a source label before a colon
        head = text_of(sent)[:colon]
        label = [a for a in actors if a.start is not None and a.end <= sent.start_char + len(head)]
        # "Belarus: snap check under way", "Russian troops in Belarus: about 1,500" name a topic: a
        # state, or forces named by what they are rather than by an office that speaks
        topics = set(lex.attribution.get("force_nouns", ())) | {"aviation"}
        # so do forces that own the equipment named next ("Wagner convoy no. 3: about 60 vehicles ...")
        gear_at = {e.start_char for e in in_sent(doc.spans["bw_equipment"], sent)}
        label = [a for a in label if a.kind != "state" and not (
            a.kind in FORCE_KINDS and (a.text.split()[-1].lower() in topics or _noun_after(a, sent) in topics
                                       or a.end + 1 in gear_at or a.end in gear_at))]
        if label and len(head.split()) <= 8:  # "Lukashenko at the training ground on Monday: ..."
            a = label[-1]
            found = (Attribution(text=a.text, kind=kinds.get(a.kind, "other"), name=a.name, country=a.country), a)
        elif len(head.split()) <= 6:
            # "Reader from Khoiniki: at 05:50 a column ...", "Reader's photo: ..." — a private sender
            sender = next((t for t in sent if t.idx < sent.start_char + len(head)
                           and sayer_kinds.get(t.lower_) == "citizen" and t.pos_ in ("NOUN", "PROPN")), None)
            if sender is not None:
                found = (Attribution(text=head.split("\u2014")[-1].strip(), kind="citizen"), None)
    if found is None:
        reporting = set(lex.attribution.get("reporting_lemmas", ())) | also
        clause_only = set(lex.attribution.get("clause_only_lemmas", ()))
        last_word = last_word_of(sent)
        gear = {e.root.i for e in in_sent(doc.spans["bw_equipment"], sent)}
        given = set(lex.attribution.get("given_nouns", ()))
        for tok in sent:
            passed_on = tok.lemma_ in ("send", "forward", "share") and any(
                c.dep_ == "dobj" and c.lower_ in sent_nouns for c in tok.children)  # "sent us a photo"
            # "my husband is sure (that) the Russians will move ...": a conviction reports like a verb
            convinced = tok.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ in SURE and any(
                g.dep_ == "ccomp" for g in c.children) for c in tok.children)
            # (a final "..., Lithuanian media report." is often tagged a noun)
            if (tok.lemma_ in reporting or passed_on or convinced) and (
                    tok.pos_ == "VERB" or convinced or tok.i == last_word or (
                    tok.dep_ == "ROOT" and any(c.dep_ in ("ccomp", "xcomp") for c in tok.children))
                    or (tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "that" and tok.i > sent.start)):
                # a report carries content ("said that ...", "reports a column", a quote);
                # "responded by moving troops" is an action, not a report
                if any(c.dep_ == "prep" and c.lower_ == "by" and any(g.dep_ == "pcomp" for g in c.children)
                       for c in tok.children):
                    continue
                if any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
                    continue  # "calling up reservists" reports nothing
                if tok.lower_ == "judging" and any(c.dep_ == "prep" and c.lower_ in ("by", "from")
                                                   for c in tok.children):
                    continue  # "judging by footage we have geolocated": evidence, not a sayer
                if tok.lemma_ == "put" and any(c.dep_ == "dobj" and c.i in gear for c in tok.children):
                    continue  # "put the figure at 12,000" reports; "engineers put a PMP bridge across" does not
                if tok.lemma_ == "give" and (not any(c.dep_ == "dobj" and c.lemma_ in given for c in tok.children)
                                             or any(c.dep_ == "neg" for c in tok.children)):
                    continue  # "gives a figure of 13,000" reports; "gave the group a base", "gave no number" do not
                if tok.lemma_ == "rule" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children):
                    continue  # "did not rule out a provocation" judges; "ruled the country" does not
                if tok.lemma_ == "speak" and not any(c.dep_ == "prep" and c.lower_ in ("of", "about")
                                                     or c.dep_ in ("ccomp", "dobj") for c in tok.children):
                    continue  # "speaks of some 100,000 troops" reports; "speaking in Minsk" alone does not
                if _waved(tok):
                    continue  # "..., whatever Minsk says"
                if tok.lemma_ == "report" and any(c.dep_ in ("prep", "dative") and c.lower_ in ("to", "for", "at")
                                                  for c in tok.children) \
                        and not any(c.dep_ in ("ccomp", "dobj", "agent") for c in tok.children):
                    continue  # "300 reservists reported to the enlistment office": they turned up
                if tok.lemma_ in clause_only and not any(c.dep_ in ("ccomp", "parataxis") or (
                        c.dep_ == "mark" and c.lower_ == "as") for c in tok.children) \
                        and tok.dep_ not in ("parataxis", "ccomp"):  # ("as Lukashenko repeated" says the rest)
                    continue  # "Russian forces maintain 9,000 personnel": no report without what is said
                # the subject nearest the verb ("Correction: our reader now says": the reader)
                subj = next((c for c in reversed(list(tok.lefts)) if c.dep_ == "nsubj"), None) \
                    or next((c for c in tok.children if c.dep_ == "nsubj"), None)
                if subj is None and (trailing := _trailing_sayer(tok, actors, sayer_kinds)) is not None:
                    found = from_span(trailing)  # "..., the Ministry of Defence said on Sunday." misparsed
                    if found is not None:
                        break
                if subj is None and tok.lemma_ in INVERTING and tok.i > sent.start and doc[tok.i - 1].text == "," \
                        and (tok.dep_ in ("conj", "parataxis") and tok.head.i < tok.i or any(
                            c.dep_ in ("ccomp", "parataxis") and c.i < tok.i for c in tok.children)):
                    # "..., reports one of our subscribers", "..., writes a reader": the sayer after the verb
                    subj = next((c for c in tok.rights if c.dep_ in ("dobj", "nsubj", "attr")), None)
                if subj is None and tok.dep_ in ("advcl", "xcomp", "conj") and tok.tag_ in ("VBG", "VBD", "VBZ", "VBP"):
                    # "Lukashenko brushed the talk aside, saying ...": the subject of the verb it hangs on
                    subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
                if subj is None:  # passive: "was reported by X", "were said by Hajun to be drilling"
                    agent = next((c for c in tok.children if c.dep_ == "agent" or c.dep_ == "prep"
                                  and c.lower_ == "by" and tok.tag_ in ("VBN", "VBD")), None)
                    subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                if subj is None:
                    continue
                if subj.lower_ in ("we", "i", "us"):
                    continue  # first person: the document's own voice
                if subj.lower_ in ("he", "she") and (him := _him(memory, subj.text, kinds)) is not None:
                    found = him  # "Lukashenko met troops in Brest. He claimed ..."
                elif subj.lower_ in ("it", "they") and memory.last_sayer:
                    found = (memory.last_sayer, memory.last_sayer_actor)
                elif private and subj.lower_ in ("they", "he", "she"):
                    # "My son serves in the 38th brigade. ... He says they live in tents."
                    serving = subj.lower_ != "they" and memory.serving
                    found = (Attribution(text=subj.text, kind="military" if serving else "citizen"), None)
                elif subj.lower_ in SOME_OF:
                    # "one of the workers told Zerkalo", "soldiers ..., and one of them told us", "another says"
                    found = _one_of(subj, from_span, sayer_kinds, memory)
                    if found is None:
                        continue
                else:
                    found = from_span(_chunk_of(subj))
                    by = next((g for c in subj.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
                               for g in a.children if g.dep_ == "pobj"), None)
                    if found is None and by is not None:
                        found = from_span(_chunk_of(by))  # "images analysed by independent researchers show"
                    if found is None or (found[0].kind == "other" and found[1] is None and subj.pos_ == "PRON"):
                        found = None
                        continue
                break
    if found is None:
        media = [m for m in _sayers(in_sent(doc.spans["bw_media"], sent)) if m.label_ != "citizen" or _telling(m)]
        if media:
            found = (Attribution(text=media[0].text, kind=media[0].label_), None)
    if found is None:
        found = _unnamed(sent, private)
    if found is None:
        hearsay = set(lex.attribution.get("hearsay", ()))
        word = next((doc[i] for i, w in enumerate(lowers(sent), sent.start) if w in hearsay), None) or next(
            (t for t in sent if t.lemma_ in ("report", "say") and t.tag_ == "VBN"
             and (any(c.dep_ == "auxpass" for c in t.children) or t.dep_ == "acl")
             and not any(c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by" for c in t.children)), None)
        if word is not None:
            # "instructors reportedly arrived", "launches were reported near Mazyr", "a column, said
            # to be twice as long": somebody says so, unnamed
            found = (Attribution(text=word.text, kind="social_media"), None)
    if found is None:
        return None, None
    attr, actor = found
    if private and attr.kind == "other" and attr.name is None:
        attr = attr.model_copy(update={"kind": "citizen"})
    if attr.kind == "citizen" and attr.name is None and _own_unit(sent, lex):
        attr = attr.model_copy(update={"kind": "military"})  # "he says his battalion was sent to Homel"
    for prefix in lex.attribution.get("outer_prefixes", ()):
        # "the ministry, quoted by BelTA, said": the document cites BelTA, which cites the ministry
        i = text.find(prefix + " ")
        tok = next((t for t in sent if t.idx >= sent.start_char + i + len(prefix) + 1), None) if i >= 0 else None
        outer = from_span(_chunk_of(tok)) if tok is not None else None
        if outer is not None and outer[0].name != attr.name:
            return outer[0].model_copy(update={"via": attr}), outer[1]
    for prefix in lex.attribution.get("via_prefixes", ()):
        i = text.find(prefix + " ")
        if i >= 0:
            tok = next((t for t in sent if t.idx >= sent.start_char + i + len(prefix) + 1), None)
            if tok is not None:
                via = from_span(_chunk_of(tok))
                if via:
                    attr = attr.model_copy(update={"via": via[0]})
                break
    return attr, actor


def rebuttal(sent: Span, actors: list[Actor], memory: Memory, lex: Lexicons) -> tuple[Span, Attribution] | None:
    """ "He claimed Kyiv had massed 120,000 troops, a figure that Ukrainian officials rejected
    as fabricated": the clause in which someone else denies the sentence's claim, and who."""
    nouns = set(lex.attribution.get("rebuttal_nouns", ()))
    verbs = frozenset(lex.attribution.get("rebuttal_verbs", ()))
    for t in sent:
        if t.lemma_ in verbs and t.dep_ == "relcl" and t.head.lemma_ in nouns \
                and t.head.left_edge.i > sent.start and sent.doc[t.head.left_edge.i - 1].text == ",":
            clause = sent.doc[t.left_edge.i:t.right_edge.i + 1]
            attr, _ = attribution(clause, [a for a in actors if clause.start_char <= (a.start or 0) < clause.end_char],
                                  memory, lex, also=verbs)
            if attr is not None:
                return clause, attr
    # "Belarusian helicopters violated Polish airspace; Minsk denies it": the clause after a semicolon
    # whose verb rejects what was told before it ("it", "the incursion")
    clause = after_semicolon(sent)
    if clause is not None and any(t.lemma_ in verbs and t.pos_ == "VERB" and any(
            c.dep_ == "dobj" and (c.lower_ in ("it", "this", "that") or any(d.lower_ == "the" for d in c.children))
            for c in t.children) for t in clause):
        attr, _ = attribution(clause, [a for a in actors if clause.start_char <= (a.start or 0) < clause.end_char],
                              memory, lex, also=verbs)
        if attr is not None:
            return clause, attr
    return None


POINTING_BACK = {"the", "that", "this", "these", "those", "both", "such"}
SCORN = {"absurd", "nonsense", "fantasy", "fiction", "hysteria", "propaganda", "far-fetched", "fairy", "invention",
         "provocation", "slander"}  # "called the claim absurd": "call" alone only names ("calls it an exercise")


def rebuts_before(sent: Span, actors: list[Actor], memory: Memory, lex: Lexicons) -> tuple[Token, Attribution] | None:
    """ "Minsk rejected the accusation.", "Kyiv called the claim absurd and said ...": a sentence
    whose main verb rejects what the one before told ("the claim", "that account", "it"), with
    who rejects it. A claim spelled out ("rejected claims that Russia will attack") is no
    pointer back."""
    verb = sent.root
    if verb.lemma_ not in lex.attribution.get("rebuttal_verbs", ()) or verb.pos_ != "VERB":
        return None
    if verb.lemma_ == "call" and not any(t.lower_ in DEBUNKING or t.lower_ in SCORN for t in sent):
        return None
    nouns = set(lex.attribution.get("rebuttal_nouns", ()))
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or not (obj.lower_ in ("it", "this", "that", "them", "these") or (
            obj.lemma_ in nouns and any(d.lower_ in POINTING_BACK for d in obj.children)
            and not any(d.dep_ in ("acl", "relcl", "ccomp", "prep") for d in obj.children))):
        return None
    attr, _ = attribution(sent, actors, memory, lex, also=frozenset(lex.attribution.get("rebuttal_verbs", ())))
    return (verb, attr) if attr is not None else None


def cited_by(figure: Span, actors: list[Actor], memory: Memory, lex: Lexicons) -> Attribution | None:
    """Who gave a figure the sentence compares with: "the 9,000 announced by Minsk", "the
    10,000 Lukashenko mentioned" (the actor named there when the parse finds no sayer)."""
    inside = [a for a in actors if a.start is not None and figure.start_char <= a.start < figure.end_char]
    attr, _ = attribution(figure, inside, memory, lex, also=frozenset(lex.attribution.get("citing_verbs", ())))
    if attr is None and inside:
        a = inside[0]
        attr = Attribution(text=a.text, kind=lex.attribution.get("kinds", {}).get(a.kind, "other"), name=a.name,
                           country=a.country)
    return attr
