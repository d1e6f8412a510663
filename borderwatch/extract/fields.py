"""Sentence-level fields read off an annotated spaCy Doc: equipment with counts,
personnel, markings, direction, time, and figures compared with. Places are in `places.py`."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterator

from spacy.tokens import Span

from borderwatch.extract import numbers, timeref
from borderwatch.extract.cyrillic import is_cyrillic
from borderwatch.extract.lexicons import Lexicons
from borderwatch.model import Direction, Equipment, Personnel, TimeRef

# Words that may sit between a number and what it counts ("12 Russian T-72B3 tanks").
_BETWEEN_POS = {"ADJ", "PROPN", "NOUN", "PUNCT"}
_SKIP = {"-", "–", "of"}


def doc_text(doc) -> str:
    """The document's text, joined once: `Doc.text` joins every token on each call."""
    text = doc.user_data.get("bw_text")
    if text is None:
        text = doc.user_data["bw_text"] = doc.text
    return text


def lowers(span: Span) -> list[str]:
    """The span's words in lower case, from one list per document: the rules test a word against
    a word list in many loops, and spaCy makes a new `Token` at every step of one."""
    low = span.doc.user_data.get("bw_lower")
    if low is None:
        low = span.doc.user_data["bw_lower"] = [t.lower_ for t in span.doc]
    return low[span.start:span.end]


def text_of(span: Span) -> str:
    """A span's text, sliced from the document's: `Span.text` joins its tokens one by one, and
    the rules read a sentence's text many times."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def verb_of(trigger: Span):
    """The verb that tells of a trigger's happening: the trigger itself when it is a verb, else
    the word it hangs on ("a column [was] seen", "the deployment [began]")."""
    return trigger.root if trigger.root.pos_ in ("VERB", "AUX") else trigger.root.head


def after_semicolon(sent: Span) -> Span | None:
    """The clause after a sentence's first semicolon ("...; Minsk denies it", "...; they were
    not"), None when there is none or nothing follows it."""
    if ";" not in text_of(sent):
        return None
    semicolon = next((t.i for t in sent if t.text == ";"), None)
    return sent.doc[semicolon + 1:sent.end] if semicolon is not None and semicolon + 1 < sent.end else None


def in_sent(spans, sent: Span) -> list[Span]:
    """The spans of a group (`doc.spans[...]`) inside a sentence or clause, by start. The
    group is indexed once per document: every sentence asks for several groups."""
    key = ("bw_index", spans.name)
    index = sent.doc.user_data.get(key)
    if index is None or index[0] != len(spans):
        ordered = sorted(spans, key=lambda s: s.start)
        index = (len(spans), [s.start for s in ordered], ordered)
        sent.doc.user_data[key] = index
    _, starts, ordered = index
    return [s for s in ordered[bisect_left(starts, sent.start):bisect_left(starts, sent.end)] if s.end <= sent.end]


def ents(sent: Span) -> list[Span]:
    """The named entities inside a sentence or clause. `sent.ents` rebuilds every entity of
    the document on each call; this reads them once per document."""
    found = sent.doc.user_data.get("bw_ents")
    if found is None:
        found = sent.doc.user_data["bw_ents"] = list(sent.doc.ents)
    return [e for e in found if sent.start <= e.start and e.end <= sent.end]


def _number_left(start: int, sent: Span, max_gap: int = 3) -> tuple[numbers.Quantity, int] | None:
    """The quantity written just left of position `start`, skipping a few modifiers."""
    doc = sent.doc
    i, gap = start - 1, 0
    while i >= sent.start and gap <= max_gap and not numbers.is_number_word(doc[i].text):
        if doc[i].lower_ == "of" and i > sent.start and numbers.is_number_word(doc[i - 1].text):
            i -= 1  # "a pair of MiG-29s", "a couple of tanks"
            break
        coordinated = doc[i].lower_ in ("and", "or") and i > sent.start and i + 1 < sent.end \
            and doc[i - 1].pos_ == doc[i + 1].pos_ == "ADJ"  # "6,000 Belarusian and Russian servicemen"
        # "10,000 allied troops", "mobilised men" (a past tense the parser hangs on the noun is a verb:
        # "men up to the age of 45 received summonses")
        modifier = doc[i].dep_ == "amod" and doc[i].tag_ == "VBN"
        if not coordinated and not modifier and (
                doc[i].pos_ not in _BETWEEN_POS or doc[i].text in (",", ";", "and", "with", ")")):
            # (nor a list's "2)": "2) Summonses for reservist training ...")
            return None
        i, gap = i - 1, gap + 1
    end = i + 1
    while i >= sent.start and (numbers.is_number_word(doc[i].text) or (
            doc[i].lower_ in ("and", "to", "-", "–") and i - 1 >= sent.start and (
                numbers.parse_digits(doc[i - 1].text) or doc[i - 1].lower_ in ("hundred", "thousand")
                or doc[i].text == "-" and doc[i - 1].lower_ in numbers.TENS
                or i - 2 >= sent.start and doc[i - 2].lower_ == "between" and numbers.is_number_word(doc[i - 1].text)
                # ("between two and eight thousand")
            )) or (
            doc[i].lower_ == "of" and i - 1 >= sent.start and doc[i - 1].lower_ in ("couple", "tens", "hundreds"))):
        # "a couple of hundred", "tens of thousands of"
        i -= 1
    words = [t.text for t in doc[i + 1:end]]
    while words and words[0].lower() in ("of", "to", "as", "than", "at", "least", "the") and len(words) > 1 \
            and not numbers.parse_digits(words[0]):
        words = words[1:]
    if len(words) == 1 and re.fullmatch(r"(19|20)\d\d", words[0]):
        return None  # "in February 2022 Iskander missiles were fired": a year, not a count
    if len(words) > 1 and words[-1].lower() == "more" and words[-2].lower() not in numbers.APPROX:
        words = words[:-1]  # "two more T-72B3 tanks", "a dozen more": two, besides those before
    unit = doc[end + 1].lower_ if end + 1 < sent.end and doc[end].text == "-" else \
        doc[end].lower_.lstrip("-") if end < sent.end else ""
    if unit in NO_COUNT_UNITS:
        return None  # "82-mm mortars", "on 24 February Russian troops", "a two-day exercise": no count
    q = numbers.parse_quantity(words) if words else None
    return (q, i + 1) if q else None


# after a number, a calibre, a month or a length of time or distance: the number counts no item
NO_COUNT_UNITS = {"mm", "cm", "january", "february", "march", "april", "may", "june", "july", "august",
                  "september", "october", "november", "december", "day", "days", "week", "weeks", "month",
                  "months", "hour", "hours", "minute", "minutes", "km", "kilometre", "kilometres", "kilometer",
                  "kilometers"}
PART_DETS = {"the", "these", "those", "my", "our", "their", "his", "her", "its"}
BUSINESSES = {"private", "commercial", "construction", "state", "satellite", "tech", "security", "transport",
              "logging", "building", "trading", "shipping", "insurance", "mining"}
SHARE_WORDS = {"most", "some", "all", "many", "several", "rest", "remainder", "each", "others"}
FATES = {"shoot", "destroy", "intercept", "turn", "cross", "fly", "land", "crash", "fall", "hit", "explode", "enter",
         "down", "bring", "strike", "launch", "fire", "detonate", "violate"}  # what befalls drones and missiles
GOES = {"come", "leave", "return", "go", "head", "withdraw"}  # and where machines go: "four came back"


def _part_of(start: int, sent: Span) -> tuple[numbers.Quantity, int] | None:
    """ "two of the drones", "13 of the 24 drones": the part counted, not the whole."""
    doc = sent.doc
    i = start - 1
    while i >= max(sent.start, start - 4) and doc[i].pos_ in ("ADJ", "PROPN", "NOUN", "NUM"):
        i -= 1
    if i - 2 >= sent.start and doc[i].lower_ in PART_DETS and doc[i - 1].lower_ == "of":
        return _number_left(i - 1, sent, max_gap=0)
    return None


def machine_subject(scope: Span) -> bool:
    """ "it turned back", "they were shot down": a pronoun the subject of what befalls machines
    or where they go (not "it is likely", "they say", "they bring wounded soldiers")."""
    return any(t.lower_ in ("it", "they") and t.dep_ in ("nsubj", "nsubjpass")
               and t.head.lemma_ in (FATES | GOES) - {"bring"} for t in scope)


def referred(sent: Span) -> tuple[int | None, Span] | None:
    """ "Two of them", "Both", "most of them": things the sentence before named, taken up
    again with a count of their own (None when only a share is given)."""
    doc = sent.doc
    for t in sent:
        if t.lower_ in ("them", "these", "those") and t.dep_ == "pobj" and t.i - 2 >= sent.start \
                and doc[t.i - 1].lower_ == "of":
            if doc[t.i - 1].head.head.pos_ not in ("VERB", "AUX"):
                continue  # "some 2,500 of them Russians", "most of them air defence crews": who they are
            found = _number_left(t.i - 1, sent, max_gap=0)
            if found is not None:
                return found[0].low, doc[found[1]:t.i + 1]
            if doc[t.i - 2].lower_ in SHARE_WORDS:
                return None, doc[t.i - 2:t.i + 1]
        elif t.lower_ == "both" and t.dep_ in ("nsubj", "nsubjpass"):
            return 2, doc[t.i:t.i + 1]
        elif t.lower_ in ("them", "it") and t.dep_ == "dobj" and t.head.lemma_ in FATES - {"bring", "launch", "fire"}:
            return None, doc[t.i:t.i + 1]  # "air defence did not try to intercept them": what was named before
        elif t.dep_ in ("nsubj", "nsubjpass") and (t.lower_ in SHARE_WORDS or t.pos_ == "NUM") \
                and t.head.lemma_ in FATES | GOES and not any(c.dep_ == "prep" for c in t.children):
            # "two crossed into Volyn", "most were shot down", "all eleven were destroyed" (what happens
            # to machines: "several hundred remain", "two thought" are people)
            start = min([t.i] + [c.i for c in t.children if c.lower_ in SHARE_WORDS])
            q = numbers.parse_quantity([w.text for w in doc[start:t.i + 1]]) if t.pos_ == "NUM" else None
            if q is None or q.low < 100:
                return (q.low if q else None), doc[start:t.i + 1]
    return None


def _number_at(start: int, sent: Span, word: str = "at") -> tuple[numbers.Quantity, int] | None:
    """The quantity after "at" (or `word`) a few words on: "the number of participants on
    Belarusian soil at about 12,800"."""
    doc = sent.doc
    # the first "at" that gives a figure ("the number of soldiers at the camp at 1,000")
    return next((q for j in range(start + 1, min(sent.end, start + 10))
                 if doc[j].lower_ == word and (q := _number_after(j, sent)) is not None), None)


def _numbering(tok, sent: Span) -> tuple[numbers.Quantity, int] | None:
    """ "troops near its border number about 30,000": "number" as a verb the parser read as a
    noun, right after the words that tell where they are, with the figure right after it. Or a
    list's line that opens with the forces: "Russian troops in Belarus: about 1,500"."""
    doc = sent.doc
    if tok.dep_ == "compound":
        return None
    for j in range(tok.i + 1, min(sent.end - 1, tok.i + 8)):
        if doc[j].lower_ in ("number", "numbered", "numbers") and doc[j - 1].lower_ not in DETERMINERS | {"of", "a"} \
                and doc[j - 1].pos_ in ("NOUN", "PROPN", "ADV"):
            return _number_after(j, sent)
        if doc[j].text == ":" and not any(t.is_alpha for t in doc[sent.start:tok.left_edge.i]):
            return _number_after(j, sent)
        if doc[j].pos_ in ("VERB", "AUX") or doc[j].text in (",", ";", ":"):
            return None
    return None


def _singular(word: str) -> str:
    """ "companies" → "company", "Brigades" → "brigade": the formations' plurals, capitalised in a
    unit's name too (where the lemmatiser leaves "Brigades" as it is)."""
    return word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else word


def _number_after(at: int, sent: Span) -> tuple[numbers.Quantity, int] | None:
    """The quantity right after position `at` ("at about 12,800", "number some 15,000")."""
    doc = sent.doc
    j = at + 1
    while j < sent.end and doc[j].lower_ in ("about", "some", "roughly", "around", "approximately", "up", "to",
                                              "least", "most", "nearly", "almost", "over", "under", "between",
                                              "no", "fewer", "less", "more", "than", "little", "just", "only",
                                              "perhaps", "below", "above", "an", "estimated", "now", "still",
                                              "probably", "likely", "currently", '"', "\u201c", "'") or (
            doc[j].lower_ == "a" and j + 1 < sent.end and doc[j + 1].lower_ == "little"):
        j += 1  # 'at "no fewer than a thousand"', 'number "a little more than a thousand"' 
    end = j
    while end < sent.end and (numbers.is_number_word(doc[end].text) or doc[end].lower_ in ("and", "to", "-", "–")):
        end += 1
    while end > j and doc[end - 1].lower_ in TRAILING:
        end -= 1  # "numbered roughly 9,000 at the turn of the year": the figure ends before "at"
    q = numbers.parse_quantity([t.text for t in doc[at + 1:end]]) if end > j else None
    return (q, at + 1) if q else None


TRAILING = {"at", "about", "around", "over", "under", "up", "to", "and", "-", "–"}


# nouns after an item that take its count ("a Tor-M2 battery", "an Oreshnik launch"), besides formations
COUNTED_ELSEWHERE = {"launch", "launches", "deployment", "strike", "strikes", "attack", "attacks", "crew", "crews",
                     "firing", "positions", "position", "base", "bases", "site", "sites", "squadron", "squadrons",
                     "unit", "units", "regiment", "battery", "batteries", "battalion", "battalions"}


ATTACKS = {"strike", "launch", "attack"}


def equipment(sent: Span, lex: Lexicons) -> list[Equipment]:
    doc = sent.doc
    spans = sorted(in_sent(doc.spans["bw_equipment"], sent), key=lambda s: s.start)
    containers = set(lex.attribution.get("containers", ()))
    merged: list[tuple[int, int, str, str | None]] = []
    for s in spans:
        cls, model = s.label_.split("|", 1)
        model = model or None
        prev = merged[-1] if merged else None
        # "T-72B3 tanks": a model followed by its class noun is one item.
        if prev and prev[1] == s.start and (prev[2] == cls or prev[3] is None or model is None):
            merged[-1] = (prev[0], s.end, prev[2] if prev[3] else cls, prev[3] or model)
            continue
        if prev and prev[3] and model is None and s.start - prev[1] <= 4 and (
                _modifies(doc[prev[1] - 1], s) or _same_noun(doc[prev[1] - 1], doc[s.end - 1])):
            merged[-1] = (prev[0], s.end, prev[2], prev[3])  # "Oreshnik intermediate-range missile": one item
            continue
        merged.append((s.start, s.end, cls, model))
    # "a missile brigade" names a unit, not a missile (a model before it still counts).
    formations = set(lex.attribution.get("formations", ())) | {"units", "unit", "crews", "troops", "brigades", "army",
                                                              "armies", "divisions", "regiments", "battalions"}
    merged = [m for m in merged if not (m[3] is None and m[1] < sent.end and doc[m[1]].lower_ in formations)
              or (merged.index(m) > 0 and merged[merged.index(m) - 1][1] == m[0])]
    # "echelons with Russian equipment": the cargo of a counted train is no item of its own.
    # "troops and equipment": the forces' kit in general, no item either
    people = set(lex.attribution.get("personnel_nouns", ()))
    merged = [m for m in merged if not (m[3] is None and doc[m[1] - 1].lower_ in CARGO_WORDS
                                        and (_carried(doc[m[1] - 1], containers) or _beside(doc[m[1] - 1], people)))]
    # "vehicle positions", "vehicle sheds": a word describing something else (but "missile strikes",
    # "drone attacks" tell what flies)
    merged = [m for m in merged if not (m[3] is None and m[1] - m[0] == 1 and doc[m[0]].dep_ == "compound"
                                        and doc[m[0]].tag_ == "NN" and doc[m[0]].head.i >= m[1]
                                        and not (m[2] in ("missile", "drone") and doc[m[0]].head.lemma_ in ATTACKS)
                                        and not any(x[0] <= doc[m[0]].head.i < x[1] for x in merged))]
    # "a column of 30 vehicles", "колона з 20 грузавікоў": the container is not an item of its own
    # (a train is: "two echelons with T-72B3 tanks" keeps its flatcars).
    def contains_next(i: int, m) -> bool:
        if not (_is_container(doc[m[0]:m[1]], containers) and i + 1 < len(merged) and merged[i + 1][0] - m[1] <= 4):
            return False
        between = {t.lower_ for t in doc[m[1]:merged[i + 1][0]]}
        return "of" in between or (m[2] != "flatcar" and bool(CARRYING & between or is_cyrillic(doc[m[0]].text[:1])))
    merged = [m for i, m in enumerate(merged) if not contains_next(i, m)]
    # "hard to pick up on radar", "Polish radar tracked", "A-50 radar aircraft": the means of seeing, no item
    merged = [m for m in merged if not (m[2] == "radar" and m[3] is None and doc[m[0]:m[1]].text.lower() == "radar"
                                        and not any(c.dep_ in ("det", "nummod") for c in doc[m[0]].children))]
    out = []
    for start, end, cls, model in merged:
        count = approx = None
        count_text = None
        found = _part_of(start, sent) or _number_left(start, sent)
        noun = doc[start:end].text.lower()
        if found and noun in containers:
            found = None  # "five echelons": the trains are counted, not what they carry
        if found and any(w in numbers.VAGUE_WORDS and w != "dozen" for w in found[0].text.lower().split()):
            found = None  # "several drones": no number to count
        if found and end < sent.end and doc[end - 1].head.i >= end and (
                doc[end].lower_ in formations or doc[end].lower_ in COUNTED_ELSEWHERE) \
                and not (cls in ("missile", "drone") and doc[end].lemma_ in ATTACKS):  # "six missile launches"
            found = None  # "two S-400 battalions", "an Oreshnik launch": the number counts what follows
        if found:
            q, qstart = found
            count, approx, count_text = q.low, q.approximate or q.high is not None, q.text
            # "two echelons of 40 flatcars" = 80 flatcars
            if qstart - 2 >= sent.start and doc[qstart - 1].lower_ == "of" and doc[qstart - 2].lower_ in containers:
                outer = _number_left(qstart - 2, sent, max_gap=0)
                if outer:
                    count *= outer[0].low
                    count_text = doc[outer[1]:end].text
        out.append(Equipment(text=doc[start:end].text, cls=cls, model=model, count=count,
                             count_text=count_text, approximate=bool(approx),
                             start=doc[start].idx, end=doc[end - 1].idx + len(doc[end - 1])))
    out = _list_count(out, doc)
    if any(e.cls not in ("military_vehicle", "flatcar") for e in out):
        # "T-72B3 tanks and BMP-2s among the vehicles": the vehicles are those, not more of them
        out = [e for e in out if e.cls != "military_vehicle" or e.count is not None]
    # "the aircraft, an Mi-24 and an Mi-8", "the drone was a Gerbera": the generic noun is the named system
    named = {e.cls for e in out if e.model}
    return [e for e in out if e.model or e.count is not None or not (FAMILIES.get(e.cls, set()) & named)]


LIST_NOUNS = {"helicopters": "helicopter", "aircraft": "aircraft", "planes": "aircraft", "jets": "aircraft",
              "fighters": "fighter", "drones": "drone", "missiles": "missile"}


def _list_count(items: list[Equipment], doc) -> list[Equipment]:
    """ "at least 8 Mi-8 and Mi-24 helicopters", "thirty Ka-52s and Mi-8s": one number before a
    list of models counts them all, so it goes to their family ("helicopter"), not the first."""
    for i, first in enumerate(items[:-1]):
        rest = []
        for e in items[i + 1:]:
            gap = doc.char_span((rest[-1] if rest else first).end, e.start, alignment_mode="expand")
            if e.model is None or e.count is not None or gap is None or any(
                    t.lower_ not in (",", "and", "or") for t in gap):
                break
            rest.append(e)
        if first.model is None or first.count is None or not rest:
            continue
        kinds = {e.cls for e in [first, *rest]}
        head = rest[-1].text.split()[-1].lower()  # "Mi-24 helicopters": the noun the list ends with
        family = LIST_NOUNS.get(head) or (next(iter(kinds)) if len(kinds) == 1 else next(
            (f for f in ("helicopter", "missile", "aircraft") if kinds <= FAMILIES[f]), "military_vehicle"))
        total = first.model_copy(update={"cls": family, "model": None, "text": doc.char_span(
            first.start, rest[-1].end, alignment_mode="expand").text, "end": rest[-1].end})
        return [*items[:i], first.model_copy(update={"count": None, "count_text": None, "approximate": False}),
                *rest, total, *items[i + 1 + len(rest):]]
    return items


FAMILIES = {
    "aircraft": {"fighter", "ground_attack_aircraft", "bomber", "transport_aircraft", "aircraft",
                 "attack_helicopter", "transport_helicopter", "helicopter"},
    "helicopter": {"attack_helicopter", "transport_helicopter", "helicopter"},
    "missile": {"ballistic_missile", "cruise_missile", "missile"},
    "drone": {"drone"},
}


CARRYING = {"with", "carrying", "з", "из", "с", "со"}
CARGO_WORDS = {"equipment", "hardware"}


def _modifies(tok, span: Span) -> bool:
    """Does `tok` hang (within three steps) on a word of `span` ("BMP-2 infantry fighting vehicles")?"""
    for _ in range(3):
        if span.start <= tok.head.i < span.end:
            return True
        if tok.head == tok or not tok.i < tok.head.i < span.end:
            return False
        tok = tok.head
    return False


def _same_noun(model, generic) -> bool:
    """ "Oreshnik [intermediate-range] missile system": both words describe the noun after them."""
    return model.head.i == generic.head.i > generic.i and generic.dep_ in ("compound", "amod", "nmod")


def _is_container(span: Span, containers: set[str]) -> bool:
    return span.text.lower() in containers or span.root.lower_ in containers or span.root.lemma_.lower() in containers


def _beside(tok, people: set[str]) -> bool:
    """ "personnel and equipment", "equipment and troops": kit named together with people."""
    pair = [tok.head] if tok.dep_ == "conj" else []
    pair += [c for c in tok.children if c.dep_ == "conj"]
    return any(t.lower_ in people for t in pair)


def _carried(tok, containers: set[str]) -> bool:
    """ "[echelons] with Russian equipment", "[trains] carrying vehicles": cargo named after a container."""
    head = tok.head
    if head.lower_ not in ("with", "carrying"):
        return False
    return head.head.lower_ in containers or head.head.lemma_.lower() in containers


UNIT_DETERMINERS = {"a", "an", "one", "his", "her", "its", "their", "our", "my", "other", "another"}


FIGURES = {"count", "estimate", "figure", "tally", "total", "strength"}


def _count_of(tok, sent: Span) -> tuple[numbers.Quantity, int] | None:
    """ "Our estimate of participants on Belarusian soil is 6,000 to 7,000", "our count of Russian
    personnel stands at roughly 1,200": the figure a count of them is given as."""
    head = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
    if head is None or head.lemma_ not in FIGURES or head.dep_ != "nsubj":
        return None
    verb = head.head
    if verb.lemma_ == "be":
        return _number_after(verb.i, sent)
    at = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "at"), None)
    return _number_after(at.i, sent) if at is not None and verb.lemma_ in REACHING else None


def personnel(sent: Span, lex: Lexicons) -> Personnel | None:
    doc = sent.doc
    nouns = set(lex.attribution.get("personnel_nouns", ())) | set(lex.attribution.get("headcount_nouns", ()))
    formations = set(lex.attribution.get("formations", ()))
    for tok in sent:
        low = tok.lower_
        if low in nouns and not any(sp.start <= tok.i <= sp.end for sp in in_sent(doc.spans["bw_equipment"], sent)):
            # (not "MiG-29 fighters": a noun right after a model names the machine)
            number = next((doc[j] for j in range(max(sent.start, tok.i - 4), tok.i - 1)
                           if doc[j].lower_ == "number" and doc[j + 1].lower_ == "of"), None)
            # (a part: "more than 100 of the mercenaries")
            found = _number_left(tok.i, sent) or _part_of(tok.i, sent) or (
                _number_at(tok.i, sent) if number is not None else None) or (
                _number_after(tok.head.i, sent) if tok.dep_ == "nsubj" and tok.head.lemma_ == "number" else None) or (
                # "the number of Wagner fighters will reach between 4,000 and 5,000"
                # "the number of fighters at the camp is probably between 2,000 and 2,500"
                _number_after(number.head.i, sent) if number is not None and number.dep_ == "nsubj"
                and number.head.lemma_ in REACHING | STAYING | {"be"} else None) or (
                # "has raised the number of soldiers on the border to about 12,000"
                _number_at(tok.i, sent, "to") if number is not None and number.dep_ in ("dobj", "nsubjpass")
                and number.head.lemma_ in RAISING else None) or _count_of(tok, sent) or _numbering(tok, sent)
            if found:
                q, qstart = found
                if q.low < 2 and q.high is None:
                    continue
                if qstart > tok.i:  # "put the number of participants at 12,800": the figure after "at"
                    end = min(sent.end, qstart + len(q.text.split()))
                    begin = next((j for j in range(max(sent.start, tok.i - 4), tok.i) if doc[j].lower_ == "number"),
                                 tok.left_edge.i)  # "Polish troops now number some 15,000"
                    return Personnel(text=doc[begin:end].text, count=q.low, high=q.high,
                                     approximate=q.approximate)
                return Personnel(text=doc[qstart:tok.i + 1].text, count=q.low, high=q.high,
                                 approximate=q.approximate)
        elif low in formations or _singular(low) in formations:
            if any(sp.end == tok.i and sp.label_.split("|")[1] for sp in in_sent(doc.spans["bw_equipment"], sent)):
                continue  # "a second S-400 battery", "S-400 battalions": machines, no force level (but
                # "two artillery battalions", "a tank battalion" are units of men)
            if low in ("company", "companies") and any(
                    c.dep_ in ("compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.lower_ in BUSINESSES)
                    for c in tok.children):
                continue  # "images taken by a US company", "a construction company": a business
            found = _number_left(tok.i, sent, max_gap=2)
            # "a brigade", "a Russian motorised rifle brigade", "his battalion" (not a named unit, "the 19th
            # Mechanised Brigade", which says who, not how many)
            article = next((j for j in range(tok.i - 1, max(sent.start, tok.i - 4) - 1, -1)
                            if doc[j].lower_ in UNIT_DETERMINERS), None)
            tactical = tok.i + 2 < sent.end and doc[tok.i + 1].lower_ == "tactical" and doc[tok.i + 2].lower_ in (
                "group", "groups")  # "battalion tactical groups"
            if found or article is not None or low.endswith("s") or tactical:  # "brigades": units, however many
                begin = found[1] if found else article if article is not None else tok.left_edge.i
                return Personnel(text=doc[begin:tok.i + 1].text, count=None, high=None, approximate=True,
                                 unit=low if low in formations else _singular(low))
        elif low in BODIES:
            # "put the Russian contingent at 34,000", "forces are estimated at fewer than 1,000", "a
            # contingent of more than 10,000", "8,000 strong"
            at = next((c for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "at" and c.i > tok.i),
                      None) if (tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_ in ("put", "estimate")) \
                or (tok.dep_ == "nsubj" and tok.head.lemma_ in REACHING | {"hold", "remain", "stay"}) \
                else None  # "the contingent held steady at 9,000 to 12,000"
            if at is None and tok.dep_ == "nsubj" and tok.head.lemma_ in REACHING:
                # "forces near the border rose to an estimated 10,000"
                at = next((c for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "to"), None)
            of = doc[tok.i + 1] if tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "of" else None
            found = _number_after(at.i, sent) if at is not None else _number_after(of.i, sent) if of is not None \
                else _number_after(tok.head.i, sent) if tok.dep_ == "nsubj" and tok.head.lemma_ == "number" \
                else _strong(tok, sent) or _numbering(tok, sent)  # ("Russian forces now number about 30,000")
            if found and (found[0].low >= 2 or found[0].high is not None):  # (not "has shrunk to a remnant")
                q, qstart = found
                words = q.text.split()
                while words and (not numbers.is_number_word(words[-1]) or words[-1].lower() in ("and", "to")):
                    words.pop()  # "at 34,000 and said": the figure ends at its last number
                end = min(sent.end, qstart + len(words))
                return Personnel(text=doc[tok.left_edge.i:end].text, count=q.low, high=q.high,
                                 approximate=q.approximate)
    return _left_standing(sent)


BODIES = {"contingent", "force", "forces", "grouping", "garrison", "presence"}
REACHING = {"reach", "exceed", "top", "grow", "rise", "fall", "drop", "shrink", "stand", "total"}
RAISING = {"raise", "increase", "double", "triple", "boost", "bring", "cut", "reduce", "halve", "lift"}
STAYING = {"remain", "stay"}


def _left_standing(sent: Span) -> Personnel | None:
    """ "Today only a few hundred remain", "about 1,500 stayed behind", "several thousand of them",
    "their number rises to 500": a number of people with no noun, the subject of staying or a
    share of those named before (machines are counted in their tens, not hundreds)."""
    doc = sent.doc
    for tok in sent:
        staying = tok.dep_ == "nsubj" and tok.head.lemma_ in STAYING and numbers.is_number_word(tok.text)
        of_them = tok.lower_ == "them" and tok.i - 2 >= sent.start and doc[tok.i - 1].lower_ == "of"
        their = next((c for c in tok.children if c.lower_ == "their"), None) if tok.lower_ == "number" else None
        their_number = their is not None and tok.dep_ == "nsubj" and tok.head.lemma_ in REACHING | STAYING
        found = _number_left(tok.i + 1, sent, max_gap=0) if staying else \
            _number_left(tok.i - 1, sent, max_gap=0) if of_them else \
            _number_after(tok.head.i, sent) if their_number else None
        if found is not None and found[0].low >= 100:
            q, qstart = found
            words = doc[their.i:qstart + len(q.text.split())] if their_number else doc[qstart:tok.i + 1]
            return Personnel(text=words.text, count=q.low, high=q.high, approximate=q.approximate)
    return None


def _strong(tok, sent: Span) -> tuple[numbers.Quantity, int] | None:
    """ "The Wagner contingent, roughly 8,000 strong": the figure before "strong" beside the noun."""
    doc = sent.doc
    strong = next((t for t in doc[tok.i + 1:min(sent.end, tok.i + 8)] if t.lower_ == "strong"), None)
    return _number_left(strong.i, sent, max_gap=0) if strong is not None else None


def markings(sent: Span) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.label_ for s in in_sent(sent.doc.spans["bw_marking"], sent)))


def _country_of(words: list[str], lex: Lexicons) -> str | None:
    table = lex.directions.get("countries", {})
    for w in words:
        for code, names in table.items():
            if w.lower() in names:
                return code
    return None


DETERMINERS = {"the", "its", "their", "our", "his", "her", "that", "this", "a"}  # "to the border", not "to cross"


_NAMES: dict[str, set[str]] = {}  # lexicon version -> its country names


def _names(lex: Lexicons) -> set[str]:
    """Country names (not demonyms): "to Belarus" points somewhere, "to the Belarusian ministry" does not."""
    if lex.version not in _NAMES:
        _NAMES[lex.version] = {n for names in lex.directions.get("countries", {}).values() for n in names
                               if not n.endswith(("ian", "ish", "ан", "ой", "ай"))}
    return _NAMES[lex.version]


# words after which "to"/"towards" points nowhere: "according to", "next to", "a threat to Ukraine",
# "signalling towards Poland" (aimed at, not gone to)
NOT_A_WAY = re.compile(r"\b(?:according|due|close|next|threats?|danger|risks?|signal|signals|signalling|signaling|"
                       r"messages?|warnings?|similar|compared|loyal|loyalty|access)\s+$")


def _bare_to_points(lowered: list[str], border_at: int | None, names: set[str]) -> bool:
    """Does a bare "to"/"for" point somewhere? Only right before a country's name or before the
    border ("to the Ukrainian border", "to its frontier"): not "according to", "to cross the
    border", "to the Belarusian ministry"."""
    first = lowered[0] if lowered else ""
    return first in names or (border_at is not None and border_at <= 2 and (border_at == 0 or first in DETERMINERS))


LEAVING = {"leave", "leaves", "leaving", "left"}  # "left Belarus": away from it
# "for Russia" is a way only after a going verb ("left Barysau for Russia"), not "a spokesman for
# Ukraine's border guards", "meant for Poland", "a reserve of police for Belarus"
GOING_FOR = {"leave", "depart", "head", "set", "take", "fly", "sail", "bind", "bound", "go", "drive", "board",
             "return", "withdraw", "pull", "move", "ride", "travel", "evacuate", "relocate", "redeploy", "ship"}
CROSSING = {"cross", "crossed", "crossing", "crosses"}


def _after_going(sent: Span, at: int) -> bool:
    """Does the word at document offset `at` hang from a going verb, perhaps through other
    prepositions ("leave in small groups over the autumn for Russia")?"""
    tok = next((t for t in sent if t.idx == at), None)
    head = tok.head if tok is not None else None
    for _ in range(6):
        if head is None or head.lemma_.lower() in GOING_FOR or head.lower_ in GOING_FOR:
            return head is not None
        if head.dep_ not in ("pobj", "prep") or head.head.i == head.i:
            return False
        head = head.head
    return False


DESTINATION = {"for", "to", "towards", "toward"}
RETURNING = re.compile(r"\b(?:return(?:s|ed|ing)?|back)\s+$")


def _then_toward(lowered: list[str], borders: tuple[str, ...], lex: Lexicons) -> bool:
    """Do the words after a leaving name where to, a country or a border ("for Russia",
    "Belarusian airspace towards Ukraine", "from around Kyiv and Chernihiv to Belarus")?"""
    return any(w in DESTINATION and (_country_of(lowered[k + 1:k + 3], lex) is not None
                                     or any(b in borders for b in lowered[k + 1:k + 4]))
               for k, w in enumerate(lowered))


def _occurrences(text: str, phrase: str) -> Iterator[int]:
    """Where `phrase` stands in `text` as words of its own, followed by a space."""
    start = 0
    while (i := text.find(phrase + " ", start)) >= 0:
        start = i + 1
        if i == 0 or not text[i - 1].isalnum():
            yield i


def direction(sent: Span, lex: Lexicons, places: list[tuple[str, int, int]]) -> Direction | None:
    d = lex.directions
    written = text_of(sent)
    text = written.lower()
    borders = tuple(d.get("border_nouns", ("border",)))
    best: tuple[int, Direction] | None = None
    bare: Direction | None = None  # a crossing that names no border nor country: only if nothing better
    crossed_at: int | None = None  # where the first crossing word stands, once a way back asks
    for relation in ("away", "along", "toward", "across"):
        for phrase in sorted(d.get(relation, ()), key=len, reverse=True):
            for i in _occurrences(text, phrase):
                tail = written[i + len(phrase) + 1:i + len(phrase) + 60]
                words = re.sub(r"[,.;:]", " ", tail).split()[:8]
                longer = [re.sub(r"['’]s$", "", w.lower()).strip("'’") for w in words]
                lowered = longer[:6]
                border_at = next((k for k, w in enumerate(lowered) if w in borders), None)
                crossing = phrase.split()[0] in CROSSING
                # "crossed back into Belarus", "into the airspace of the Republic of Belarus": the
                # country after the words that say how or what of it
                window = lowered[:border_at + 3] if border_at is not None else \
                    lowered[:4] if crossing and lowered[:1] in (["back"], ["into"]) else \
                    longer[:7] if lowered[1:3] in (["airspace", "of"], ["territory", "of"]) else lowered[:2]
                # "crossed the border from Belarus", "entered from Belarus": where it came from is
                # no country it points at
                cut = window.index("from") if "from" in window else len(window)
                origin = relation == "across" and _country_of(window[cut:], lex) is not None
                country = _country_of(window[:cut], lex)
                place = next((p for p, ps, _ in places if sent.start_char + i < ps <= sent.start_char + i + len(phrase) + 40), None)
                # "crossed from Ukraine near Naroulia", "crossing into Volyn", "crossed at very low altitude"
                crossed = crossing and (phrase.endswith("into") or lowered[:1] in (
                    ["from"], ["into"], ["over"], ["back"], ["at"], ["near"]))
                if border_at is None and country is None and not origin and not crossed and (
                        place is None or relation != "away"):
                    continue  # "towards Yelsk", "along the M10": the town or road is a location, not a direction
                if relation == "toward" and NOT_A_WAY.search(text[:i]):
                    continue
                if relation == "toward" and (phrase.startswith(("back", "return")) or RETURNING.search(text[:i])):
                    if crossed_at is None:
                        crossed_at = min((j for a in d.get("across", ()) for j in _occurrences(text, a)),
                                         default=len(text))
                    if crossed_at < i:
                        continue  # "crossed into Polish airspace before returning to Belarus": the crossing
                if phrase in ("to", "for", "к", "до") and not _bare_to_points(lowered, border_at, _names(lex)):
                    continue
                if phrase == "for" and not _after_going(sent, sent.start_char + i):
                    continue
                if relation == "away" and _then_toward(lowered, borders, lex):
                    continue  # "left for Russia", "pulled back from Kyiv to Belarus": where they went wins
                if phrase in LEAVING and (
                        country is None or lowered[:1] == ["in"] or text[:i].rstrip().endswith(("never", "not", "n't"))):
                    continue  # "left Belarus" points away from it; not "left their base", "the troops left in
                    # Belarus" (those remaining) nor "never left Belarusian airspace"
                if crossing and border_at is None and not crossed:
                    continue  # "crossed the border", "crossed from Belarus"; not "crossed the Pripyat"
                if phrase == "up to" and lowered[:1] and numbers.is_number_word(lowered[0]):
                    continue  # "up to 120,000 troops": a number, not a way
                # the words that say where: up to the border noun, else up to the country ("towards
                # Ukraine", not "towards Ukraine has")
                named = len(words) > 1 and words[1][:1].isupper()  # "crossing into Volyn", not "crossed at very"
                upto = border_at + 1 if border_at is not None else next(
                    (k + 1 for k, w in enumerate(window) if _country_of([w], lex)), 0 if crossed and not named else 2)
                span_end = i + len(phrase) + 1 + len(" ".join(words[:upto]))
                found = Direction(text=written[i:span_end].strip(" ,."), relation=relation,
                                  country=country, place=place if border_at is None and country is None else None)
                if border_at is None and country is None and crossed:
                    bare = bare or found  # "crossed from Belarus into Ukraine": "into Ukraine" says more
                elif best is None or i < best[0]:
                    best = (i, found)
        if best:
            return best[1]
    if bare is not None:
        return bare
    for phrase, relation in (d.get("compass") or {}).items():
        i = text.find(phrase + " ")
        if i >= 0:
            place = next((p for p, ps, _ in places if ps >= sent.start_char + i + len(phrase)), None)
            if place:
                return Direction(text=f"{written[i:i + len(phrase)]} {place}", relation=relation, place=place)
    return None


CHANGED = r"(?:fallen|fell|dropped|shrunk|shrank|risen|rose|grown|grew|declined|decreased|increased|climbed|swelled)"
# "as they did in 2023", "as happened in 2022": the time of a happening compared with, not this one's
AS_BEFORE = re.compile(r"\bas (?:it|they|he|she|we) (?:did|was|were)\b|\bas happened\b|\bas in\b", re.I)
COMPARISON = re.compile(r"(?:down|up) from\b|compared (?:with|to)\b|than\b(?! (?:about |around |some )?\d)|\bpeak\b|"
                        rf"\b{CHANGED} from (?:about |around |some |roughly |nearly |almost )?\d|{AS_BEFORE.pattern}",
                        re.I)
CHANGE_VERBS = {"fall", "drop", "shrink", "rise", "grow", "decline", "decrease", "increase", "climb", "swell"}


_DATELINE = re.compile(r"\s*[A-ZÀ-Ž][A-ZÀ-Ž .'-]{2,}, (?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8})(?:, \d{4})?"
                       r"(?: \([^)]*\))? [—–-] ")


def last_word(sent: Span) -> int:
    """The index of the sentence's last token that is a word (not a stop, quote or paragraph break)."""
    doc = sent.doc
    for i in range(sent.end - 1, sent.start - 1, -1):  # from the end: most sentences end in a word or two
        t = doc[i]
        if not (t.is_punct or t.is_space):
            return i
    return sent.start


def story_start(span: Span) -> int:
    """Where the story begins, as a document offset: after a wire dateline ("KYIV, Nov 10
    (Agency) — "), which tells where and when it was filed, not what happened."""
    filed = _DATELINE.match(text_of(span))
    return span.start_char + (filed.end() if filed else 0)


COMPARING = {"down", "up", "from", "compared", "with", "to", "against"}


def baseline(sent: Span) -> Span | None:
    """ "... remain in Belarus, down from roughly 10,000 at the peak in January", "has fallen
    from around 10,000 in January to fewer than 2,000", "compared with some 9,000 in January",
    ", against nine the week before": the earlier level a sentence compares with, as a span of
    its own (None when there is none)."""
    low = text_of(sent).lower()
    if not any(w in low for w in ("from", "compared", "against")):
        return None  # (a quick look first: token by token costs)
    doc = sent.doc
    for tok in sent[:-2]:
        after = doc[tok.i + 1].lower_
        down = tok.lower_ in ("down", "up") and after == "from"
        changed = tok.lower_ == "from" and tok.head.lemma_ in CHANGE_VERBS
        other = (tok.lower_ == "compared" and after in ("with", "to")) \
            or (tok.lower_ == "against" and doc[tok.i - 1].text == ",")
        if not (down or changed or other):
            continue
        end = tok.i + (2 if down or tok.lower_ == "compared" else 1)
        while end < sent.end and doc[end].text not in (",", ";", ".", ")") \
                and doc[end].lower_ not in ("and", "but", "to"):
            end += 1
        phrase = doc[tok.i:end]
        if down:  # ("up" and "to" read as numbers: "up to 500")
            told = any(numbers.is_number_word(t.text) and t.lower_ not in ("up", "to") for t in phrase[2:])
        elif changed:
            told = any(numbers.parse_digits(t.text) is not None for t in phrase)  # (not "dropped from Il-76 aircraft")
        elif tok.lower_ == "against":  # "against nine the week before", not "against Dnipro on 21 November"
            told = numbers.is_number_word(after) and after not in ("a", "an")
        else:  # a figure or a time compared with
            told = any(numbers.is_number_word(t.text) and t.lower_ not in ("a", "an") for t in phrase[2:]) \
                or bool(timeref.find_times(text_of(phrase))) or timeref.named_year(text_of(phrase)) is not None
        if told:
            return phrase
    return None


def changed_to(base: Span) -> Span | None:
    """ "(fallen from 10,000 in January) to fewer than 2,000": the level it changed to."""
    doc, start = base.doc, base.end + 1
    if base.end >= base.sent.end or doc[base.end].lower_ != "to":
        return None
    end = start
    while end < base.sent.end and doc[end].text not in (",", ";", ".", ")"):
        end += 1
    return doc[start:end] if end > start else None


def cited_figure(sent: Span, comparisons: set[str], citing: set[str]) -> Span | None:
    """ "..., fewer than the 9,000 announced by Minsk", "well below the roughly 8,000 cited by
    Belarusian media": a figure someone else gave that the sentence compares with, as the span
    from the figure to the end of its clause (None when there is none)."""
    low = text_of(sent).lower()
    if not any(w in low for w in comparisons):
        return None  # (a quick look first: token by token costs)
    doc = sent.doc
    for tok in sent:
        if tok.lower_ not in comparisons:
            continue
        i = tok.i + 1
        while i < sent.end and doc[i].lower_ in ("than", "of", "the", "roughly", "about", "some", "around", "nearly"):
            i += 1
        if i >= sent.end or not numbers.is_number_word(doc[i].text) or doc[i - 1].lower_ not in (
                "the", "roughly", "about", "some", "around", "nearly"):
            continue  # "more than 2,000 troops" is a count, not a figure compared with
        end = i + 1
        while end < sent.end and doc[end].text not in (",", ";", ".", ")", "—") and doc[end].lower_ not in ("and", "but"):
            end += 1
        phrase = doc[i:end]
        if any(t.lemma_ in citing and t.pos_ == "VERB" for t in phrase):
            return phrase
    return None


CLOCK = re.compile(r"\d{1,2}:\d{2}")


def _line_clock(sent: Span, published: dt.datetime | None) -> TimeRef | None:
    """A live blog's entry time that the sentence splitter left before the sentence ("00:20 —
    Engines over the forest ..."): a clock and a dash opening the line."""
    doc, i = sent.doc, sent.start
    if i < 2 or doc[i - 1].text not in ("—", "–", "-") or not CLOCK.fullmatch(doc[i - 2].text):
        return None
    if i > 2 and "\n" not in doc[i - 3].text_with_ws:
        return None
    return timeref.resolve(doc[i - 2].text, published)


def token_at(sent: Span, char: int):
    """The first token at or after character `char` of the sentence (None past its end)."""
    return next((t for t in sent if t.idx >= sent.start_char + char), None)


def _said_at(sent: Span, char: int, reporting: frozenset[str]) -> bool:
    """Does the time expression at `char` date a verb of saying ("said on Monday"), or the one
    who says ("The report, published on Monday, said ...")?"""
    tok = token_at(sent, char)
    if tok is None:
        return False
    verb = next((a for a in (tok, *tok.ancestors) if a.pos_ == "VERB"), None)
    if verb is not None and verb.lemma_ in reporting:
        return True
    return any(a.dep_ in ("nsubj", "nsubjpass") and a.head.lemma_ in reporting for a in tok.ancestors)


def _in_report(sent: Span, char: int, reporting: frozenset[str]) -> bool:
    """Is the time expression at `char` inside what a verb of saying reports ("said ... that
    drills would start in November")?"""
    tok = token_at(sent, char)
    return tok is not None and any(a.dep_ == "ccomp" and a.head.lemma_ in reporting for a in (tok, *tok.ancestors))


SCHEDULED = {"begin", "start", "end", "run", "last", "finish", "conclude", "kick", "wrap", "continue", "take"}


def _future_at(sent: Span, char: int) -> bool:
    """Is the verb a time expression belongs to in the future ("will end on Wednesday")?"""
    tok = token_at(sent, char)
    if tok is not None and tok.lower_ in ("by", "before") and tok.i + 1 < sent.end \
            and sent.doc[tok.i + 1].lower_ in timeref.MONTHS:
        tok = sent.doc[tok.i + 1]  # "finished by May", "before March": the month, as a weekday below
    if tok is not None and tok.i > sent.start and sent.doc[tok.i - 1].lower_ in ("until", "till", "by", "before") \
            and (tok.lower_ in timeref.WEEKDAYS or tok.lower_ in timeref.MONTHS) \
            and not any(c.dep_ == "case" for c in tok.children):  # "by Tuesday's count"
        # "closed until Friday", "told to report by Monday", "will be finished by May": a deadline
        # ahead, unless told as past ("had left by November")
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        return verb is None or not (verb.tag_ == "VBD" or any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "was", "were") for c in verb.children))
    came = None  # the word below on the way up: what a warning warns of, not when it was given
    for _ in range(6):
        if tok is None:
            return False
        if tok.pos_ in ("VERB", "AUX") and (
                any(c.dep_ == "aux" and c.lower_ in ("will", "wo", "shall", "'ll", "would") for c in tok.children)
                or (tok.lemma_ in SCHEDULED and tok.tag_ in ("VBZ", "VBP")  # "the exercise ends on Thursday"
                    and not any(c.dep_ == "aux" for c in tok.children))
                or (tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_ in ("schedule", "due", "set", "plan", "expect"))
                or (tok.lemma_ in ("expect", "schedule", "plan", "set") and any(
                    c.dep_ == "auxpass" and c.lower_ in ("is", "are") for c in tok.children))
                or (tok.lemma_ in ("plan", "schedule") and tok.tag_ == "VBN" and tok.dep_ == "acl")
                or (tok.lemma_ == "prepare" and tok.tag_ in ("VBG", "VBZ", "VBP"))
                or (tok.lemma_ == "warn" and (tok.tag_ in ("VBZ", "VBP") or came is not None and (
                    came.lower_ == "of" or came.dep_ == "ccomp")))):
            # "are expected on Wednesday", "is scheduled for 10 to 20 February", "the exercise planned
            # for September", "are preparing for the exercise in February", "warns of an offensive
            # at the end of January", "won't be home until December"
            return True
        if tok.lower_ == "due" or any(c.dep_ == "acomp" and c.lower_ == "due" for c in tok.children):
            return True  # "Zapad is due in September"
        if tok.head == tok:
            return False
        came, tok = tok, tok.head
    return False


def time_of(sent: Span, published: dt.datetime | None, compared: bool = False,
            reporting: frozenset[str] = frozenset(), said_only: frozenset[str] = frozenset()) -> TimeRef | None:
    """The sentence's time; the time of a level it compares with ("down from 10,000 in
    January") only when `compared`; with `reporting` verbs, the time of what was said
    rather than of the saying ("announced on Monday that drills would start in November");
    with `said_only` verbs, only the time of the saying (None when every time is inside what
    was said)."""
    story = story_start(sent) - sent.start_char  # not the dateline's date
    text = text_of(sent)
    found = [(a, b, t) for a, b, t in timeref.find_times(text)
             if (compared or not COMPARISON.search(text[max(0, a - 40):a])) and a >= story]
    # "Monday 8 September", "on Monday, 8 September": the date written out, not the weekday guessed
    found = [f for f in found if not any(
        f[1] <= a <= f[1] + 2 and timeref.is_weekday(f[2]) and timeref.is_day_of_month(t) for a, _, t in found)]
    if reporting and len(found) > 1 and any(_said_at(sent, a, reporting) for a, _, _ in found):
        found = [f for f in found if _in_report(sent, f[0], reporting)] or found
    if said_only and found:
        found = [f for f in found if not _in_report(sent, f[0], said_only)]
        if not found:
            return None
    if not found:
        named = timeref.named_year(text)
        if named is not None and published is not None and named.date.year >= published.year:
            named = None  # "taking part in Zapad-2025" in 2025 dates nothing; "during Zapad-2021" recalls a year
        at = text.find(named.text) if named is not None else -1
        if at >= 0 and not compared and (AS_BEFORE.search(text[max(0, at - 40):at])
                                         or COMPARISON.search(text[max(0, at - 40):at])):
            named = None  # "as they did after Zapad-2021", "far fewer than in Zapad-2021": compared with, not now
        return _line_clock(sent, published) or named
    refs = timeref.in_named_year(timeref.in_years_back([timeref.resolve(t, published, not t.lower().startswith("since")
                                                                        and _future_at(sent, a)) for a, _, t in found]),
                                 text)
    dated = [r for r in refs if r.date]
    # "three years ago, on 24 February 2022": the day, not the year
    if not dated:
        return refs[0]
    firm = [r for r in dated if r.text.lower() not in timeref.NOW] or dated  # "now" only when nothing else dates it
    # a day named beats a time of day ("around 4 am on Tuesday": Tuesday), a month beats a year
    # ("a year ago, in February 2023": February)
    return next((r for r in firm if r.precision == "day" and not timeref.is_clock(r.text)), None) \
        or next((r for r in firm if r.precision == "day"), None) \
        or next((r for r in firm if r.precision == "month" and firm[0].precision == "year"), firm[0])
