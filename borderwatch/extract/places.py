"""Places as written in a sentence: named places, places after a locative word, rivers,
roads and lists of places, without the places that are no scene of the happening (where a
speech was given, a country used as a target, a title); and which places a statement keeps."""

from __future__ import annotations

import re

from spacy.tokens import Span

from borderwatch.extract.cyrillic import is_cyrillic
from borderwatch.extract.fields import LEAVING, ents, in_sent, story_start, text_of
from borderwatch.extract.timeref import MONTHS, WEEKDAYS

# Designators kept with a place name ("Homel region", "Brestsky training ground").
DESIGNATORS = (("training", "ground"), ("training", "grounds"), ("training", "area"), ("region",), ("oblast",),
               ("district",), ("raion",), ("range",), ("polygon",), ("exclusion", "zone"), ("zone",), ("gap",),
               ("corridor",), ("municipality",), ("voivodeship",), ("county",), ("marshes",), ("community",),
               ("direction",))
LONGEST_DESIGNATOR = max(len(w) for w in DESIGNATORS)
INSTITUTIONS = {"president", "ministry", "minister", "government", "parliament", "embassy", "army",
                "forces", "republic", "committee", "service", "council", "kgb", "general"}
# A country after these is a target, a destination or a border ("the border with
# Ukraine", "left for Russia", "entered Belarus"), not where something happens.
TARGETING = {"on", "against", "into", "invade", "invading", "attack", "attacking", "toward", "towards", "with",
             "to", "for", "enter", "entered", "entering", "enters"}
# "drones circling near Belarus", "provocations by Belarus", "at Belarus's request": a country
# named beside the happening, not the place it happens in
BESIDE_COUNTRY = {"at", "near", "by", "around", "opposite", "outside", "beyond", "per", "crossed"}
# "the direction of Belarus", "the Homel region of Belarus", "the borders of Belarus": the
# country only points the way, names whose region it is or where its edge runs
OF_COUNTRY = {"direction", "border", "borders", "region", "south", "north", "east", "west", "south-east",
              "south-west", "north-east", "north-west"}
WITHDRAWING = {"withdrew", "withdrawn", "withdrawing", "withdraw", "withdraws", "departed"}
COMPASS = {"northern", "southern", "eastern", "western", "north-western", "north-eastern", "south-western",
           "south-eastern", "central"}
# "urged Minsk", "accused Kyiv", "warned Moscow": a capital addressed is a government, not a place.
ADDRESSING = {"urge", "warn", "accuse", "call", "ask", "blame", "summon", "threaten", "provoke", "pressure",
              "press", "criticise", "criticize", "condemn", "invite", "tell", "persuade", "push"}
CYRILLIC_PREPS = {"в", "во", "из", "под", "через", "у", "около", "возле", "близ", "на", "к", "от", "праз", "ля",
                  "каля", "з", "ў", "пад", "ад", "до", "біля", "поблизу", "через"}


def _designator(doc, start: int, end: int, sent_end: int) -> tuple[bool, int]:
    """Whether a designator follows the name, and how many of its words the name keeps: "Homel
    region", "Brestsky training ground"; none for the last of several names sharing a plural one
    ("the Barysau and Lepel training grounds": Barysau and Lepel)."""
    following = tuple(t.lower_ for t in doc[end:min(sent_end, end + LONGEST_DESIGNATOR)])
    for words in DESIGNATORS:
        if following[:len(words)] == words:
            shared = words[-1].endswith("s") and start > 0 and doc[start - 1].lower_ in ("and", "or", ",")
            return True, 0 if shared else len(words)
    return False, 0


def _institutional(doc, start: int) -> bool:
    """ "the President of the Republic of Belarus": a place inside a title is no location."""
    i = start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 1 or doc[i].lower_ != "of":
        return False
    return doc[i - 1].lower_ in INSTITUTIONS


# "along the M5", "the P-31 highway", "on the M1 near Brest": roads by number, written as they are
ROAD = re.compile(r"(?<![\w-])(?:[MPRHE]|[МРН])-?\d{1,3}(?![\w-])")
ROAD_CUES = {"the", "along", "on", "highway", "road", "motorway", "route", "трассе", "трасса", "трасы", "по"}
# A capitalised word after these is a place even when the gazetteer does not know it (small villages, camps).
PLACE_CUES = {"near", "outside", "towards", "toward", "village", "town", "settlement", "outskirts"}
# A capitalised name before these is a place even when the gazetteer does not know it; the word
# itself is left out ("the Komaryn bridge" -> Komaryn, as airfields and stations are)
FACILITIES = {"bridge", "crossing", "station", "airfield", "airbase", "garrison", "checkpoint", "junction", "depot"}
# a list of places announced by its kind: "at five training grounds: Obuz-Lesnovsky, Brestsky"
LIST_HEADS = {"grounds", "ranges", "airfields", "bases", "stations", "towns", "villages", "regions", "districts"}

# "the East Shield programme", "the Zapad exercise", "Operation Safe Podlasie": a named undertaking, not a place
UNDERTAKINGS = {"programme", "program", "operation", "initiative", "exercise", "exercises", "drills", "fortifications"}

# Rivers written without "river" ("across the Dnieper near Loyew"); some share a village's name
RIVERS = {"Dnieper", "Dnipro", "Dniepr", "Pripyat", "Prypiat", "Prypyat", "Desna", "Neman", "Nioman", "Berezina",
          "Biarezina", "Bug", "Horyn", "Mukhavets", "Sozh", "Pina", "Yaselda", "Dvina", "Daugava", "Uzh", "Styr",
          "Sluch", "Shchara", "Ula", "Vilia", "Neris", "Ubort", "Snov", "Stviha", "Narew", "Teterev", "Ptsich"}


def river_at(text: str, start: int, name: str) -> bool:
    """ "the Pripyat" written at `start` of the document's `text` is the river, not a village of
    that name the gazetteer may hold: it keeps no coordinates."""
    return name in RIVERS and text[max(0, start - 4):start].lower() == "the "


DATE_WORDS = set(WEEKDAYS) | set(MONTHS) | {"am", "pm"}  # "18 September, Barysau: ..." heads a line with a date
HEADING_KINDS = FACILITIES | {"bypass", "road", "highway", "area", "outskirts"}
# "the former Krychau airbase": a word between the article and the name
BEFORE_NAME = {"former", "old", "new", "nearby", "abandoned", "disused"}

MEETINGS = {"meet", "meeting", "visit", "talks", "summit"}
CAPITALS = {"minsk", "moscow", "kyiv", "kiev", "warsaw", "vilnius", "riga"}
# verbs and nouns of going somewhere: "moved to Minsk", "flew back to Moscow" name a place
MOTION = {"move", "send", "fly", "head", "return", "go", "come", "arrive", "travel", "deploy", "transfer", "drive",
          "withdraw", "bring", "redeploy", "relocate", "march", "advance", "leave", "launch", "fire", "cross",
          "road", "highway", "train", "flight", "route", "way", "direction", "echelon", "column", "convoy", "trip",
          "excursion", "journey", "close", "closer", "near", "range"}

VENUES = {"conference", "briefing", "ceremony", "meeting", "forum", "summit", "speech", "interview", "session"}


def _names_unit(doc, end: int, sent_end: int) -> bool:
    """ "border guards of the Mozyr detachment", "the Mazyr, Pinsk and Homel border detachments":
    a town naming a unit is not where the unit is seen acting."""
    j = end
    while j < sent_end and (doc[j].lower_ in (",", "and", "or") or doc[j].text[:1].isupper() and doc[j].pos_ == "PROPN"):
        j += 1
    if j < sent_end and doc[j].lower_ == "border":
        j += 1
    return j < sent_end and doc[j].lower_ in ("detachment", "detachments")


def place_mentions(sent: Span, actor_tokens: set[int], countries: set[str] = frozenset(),
                   saying: frozenset[str] = frozenset()) -> list[tuple[str, int, int, bool]]:
    """Places as written: (text, start_char, end_char, from_ner). NER places are kept even
    when the gazetteer cannot resolve them; proper nouns after a locative preposition are
    only candidates, kept when the gazetteer knows them. A country name counts as a place
    only where something happens in it ("in Belarus"), not as a destination or target."""
    doc = sent.doc
    out: dict[int, tuple[str, int, int, bool]] = {}
    taken: set[int] = set(actor_tokens)
    placed: list[tuple[int, int]] = []  # token ranges of the places found so far
    for sp in in_sent(doc.spans["bw_equipment"], sent):
        taken.update(range(sp.start, sp.end))

    story = story_start(sent)  # not the city of a wire dateline
    triggers = {t.i for sp in in_sent(doc.spans["bw_trigger"], sent) for t in sp}  # "during Zapad"

    def add(start: int, end: int, ner: bool) -> None:
        if doc[start].idx < story:
            return
        if doc[start].lower_ == "the":
            start += 1
        if start >= end or _institutional(doc, start):
            return
        name = text_of(doc[start:end]).lower()
        if any(c.isdigit() for c in name):
            return
        if end < sent.end and doc[end].lower_ in UNDERTAKINGS or start in triggers or _names_unit(doc, end, sent.end) \
                or "Operation" in (doc[start].text, doc[max(start - 1, sent.start)].text):
            return
        if name in countries and name.endswith(("ian", "ish", "an")):
            return  # "Ukrainian territory": a demonym is no place
        hyphen = end - 1 if doc[end - 1].text in ("-", "–") else end
        if hyphen + 1 < sent.end and doc[hyphen].text in ("-", "–") and doc[hyphen + 1].lower_ == "based":
            return  # "the Warsaw-based centre": where an institute sits, not where anything happens
        prep = doc[start:end].root.head  # "in St Petersburg": the preposition of the whole name
        if prep.dep_ == "prep" and (prep.head.lemma_ in saying or prep.head.lemma_ in VENUES and any(
                a.lemma_ in saying for a in prep.head.ancestors)):
            return  # "told reporters in Minsk", "told a conference in Kyiv": where it was said
        if prep.dep_ == "prep" and prep.head.lemma_ in MEETINGS:
            return  # "meeting Putin in St Petersburg", "Putin's visit to Minsk": where leaders met
        if end < sent.end and doc[end].lower_ in ("states", "countries", "republics"):
            return  # "the Baltic states": a group of countries, named as allies or targets
        if name in CAPITALS and prep.lower_ in ("to", "with", "by") \
                and prep.head.lemma_ not in MOTION:
            return  # "a signal to Moscow", "agreed with Moscow", "handed over to Minsk": the government
        if name in countries:
            prev = doc[start - 1].lower_ if start > sent.start else ""
            before = doc[start - 2].lower_ if start - 2 >= sent.start else ""
            if prev == "of" and before in OF_COUNTRY:
                return  # "from the direction of Belarus", "the Homel region of Belarus", "the borders of Belarus"
            if prev in LEAVING or (before, prev) == ("out", "of") or prev == "from" and before in WITHDRAWING:
                return  # "left Belarus", "pulled out of Belarus": a country left is where the way leads from
            if prev in TARGETING or prev in BESIDE_COUNTRY \
                    or doc[start].dep_ == "dobj" and doc[start].head.lemma_ in ("invade", "attack"):
                return
            if doc[start].dep_ in ("nsubj", "nsubjpass", "poss"):
                return  # "Belarus has moved ...", "Belarus's army": the state acts, it is no place
            if prev in ("and", "or") and start - 2 >= sent.start and doc[start - 2].lower_ in countries:
                return  # "Russia and Belarus": two countries named together act or agree, they are no place
        if doc[start].dep_ == "dobj" and doc[start].head.lemma_ in ADDRESSING:
            return
        if start > sent.start and doc[start - 1].lower_ in COMPASS:
            start -= 1  # "northern Ukraine", "southern Belarus": the part of the country is the place
        named_kind, kept = _designator(doc, start, end, sent.end)  # "the Podlasie region" is a place, known or not
        end += kept
        if named_kind and not kept:
            # "the Gozhsky, Obuz-Lesnovsky and Domanovsky training grounds": each name of the list is one
            j = start - 1
            while j > sent.start and doc[j].lower_ in (",", "and", "or"):
                before = next((a for a, b in placed if b == j), None)
                if before is None:
                    break
                text, s_char, e_char, _ = out[before]
                out[before] = (text, s_char, e_char, True)
                j = before - 1
        named_kind = named_kind or any(end - len(w) > start and tuple(t.lower_ for t in doc[end - len(w):end]) == w
                                       for w in DESIGNATORS)  # "the Suwałki Gap", capitalised
        span = doc[start:end]
        out[start] = (span.text, span.start_char, span.end_char, ner or named_kind)
        taken.update(range(start, end))
        placed.append((start, end))

    for ent in ents(sent):
        if ent.label_ in ("GPE", "LOC", "FAC") and not taken.intersection(range(ent.start, ent.end)):
            # "Barysaw, Lepel and": the parser's entity sometimes runs over a list
            start = ent.start
            for i in range(ent.start, ent.end + 1):
                if i == ent.end or doc[i].lower_ in (",", "and", "or"):
                    if i > start:
                        add(start, i, True)
                    start = i + 1
    preps = {"in", "near", "at", "from", "through", "via", "to", "towards", "toward", "outside", "around", "of", "into",
             "across", "along", "within", "inside",
             "left", "reached", "entered", "over", "and", "or", ",", "on", "against", "for", "passed", "passing", "past",
             "between", "beyond", "opposite", "leaving", "leave", "leaves", "reaching", "approaching",
             "approached", "–"} | CYRILLIC_PREPS
    # after "⚡️", "•", "12:30 —", "18 September,", "Wednesday, 18:20,"
    first = next((t.i for t in sent if t.text[:1].isalpha() and t.lower_ not in DATE_WORDS), sent.start)
    for tok in sent:
        if tok.i in taken or not tok.text[:1].isupper():
            continue
        cyrillic = is_cyrillic(tok.text[:1])
        if not cyrillic and tok.pos_ not in ("PROPN", "NOUN", "ADJ", "VERB"):
            continue
        if tok.i == first:
            # "Machulishchy: two Il-76s landed": a place heading a line of a round-up
            end = tok.i + 1
            while end < sent.end and doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN":
                end += 1
            kind = end  # "Yelsk district:", "Rechytsa bypass:", "Brest training ground:"
            while kind < min(end + 2, sent.end) and (doc[kind].lower_ in HEADING_KINDS or any(
                    doc[kind].lower_ in words for words in DESIGNATORS)):
                kind += 1
            if kind < sent.end and doc[kind].text == ":" and end - tok.i <= 3:
                add(tok.i, end, kind > end)
            continue
        prev = doc[tok.i - 1]
        if prev.lower_ in BEFORE_NAME and tok.i - 2 >= sent.start and doc[tok.i - 2].lower_ == "the":
            prev = doc[tok.i - 2]
        if prev.lower_ == "the" and prev.i - 1 >= sent.start:
            prev = doc[prev.i - 1]
        if prev.text == ":" and prev.i - 1 >= sent.start and doc[prev.i - 1].lower_ in LIST_HEADS:
            prev = doc[prev.i - 1]  # "at five training grounds: Obuz-Lesnovsky, Brestsky ..."
        if prev.lower_ in ("and", "or", ",", "–") and not any(a <= prev.i - 1 < b for a, b in placed):
            continue  # "Brest, Lida and Homel", "the Mazyr–Naroulia road": only after a place already found
        owned = prev.lower_ == "'s" and prev.i > sent.start and doc[prev.i - 1].lower_ in countries  # "Russia's Kursk region"
        if prev.lower_ in preps or prev.lower_ in LIST_HEADS or owned or tok.text in RIVERS and prev.lower_ == "by":
            end = tok.i + 1
            while end < sent.end and (doc[end].text[:1].isupper() or doc[end].text == "-") and end not in taken \
                    and doc[end].pos_ in ("PROPN", "PUNCT"):
                end += 1
            cue = prev.lower_ in PLACE_CUES or prev.lower_ == "of" and doc[prev.i - 1].lower_ in PLACE_CUES \
                or (end < sent.end and doc[end].lower_ in FACILITIES) \
                or doc[tok.i:end].text in RIVERS  # "the Komaryn bridge", "Homel-Tavarny station", "the Dnieper"
            add(tok.i, end, cue and not cyrillic and tok.pos_ == "PROPN" or doc[tok.i:end].text in RIVERS)
    for tok in sent:
        # "the Neman river", "the Neman and Berezina rivers": a river is a place as written
        if tok.lower_ not in ("river", "rivers"):
            continue
        j = tok.i - 1
        while j >= sent.start and (doc[j].text[:1].isupper() or doc[j].lower_ in ("and", ",")) \
                and j not in actor_tokens:
            j -= 1
        for k in range(j + 1, tok.i):
            if doc[k].text[:1].isupper():
                add(k, k + 1, True)
    for m in ROAD.finditer(text_of(sent)):
        road = doc.char_span(sent.start_char + m.start(), sent.start_char + m.end())
        if road is None or taken.intersection(range(road.start, road.end)) or road.start == sent.start:
            continue
        near = {doc[road.start - 1].lower_} | ({doc[road.end].lower_} if road.end < sent.end else set())
        if near & ROAD_CUES:
            out[road.start] = (road.text, road.start_char, road.end_char, True)
    return [out[k] for k in sorted(out)]


LOCATIVE = {"in", "at", "near", "to", "into", "towards", "toward", "around", "along", "on", "outside", "inside"}


def stated_place(doc, start: int, end: int, saying: frozenset[str]) -> bool:
    """In a statement, is this a place where what is said would happen ("stationed in
    Belarus", "move troops to the area of Biała Podlaska", "an excursion to Warsaw")? Not
    where it was said ("said in Minsk") nor a place only named ("threats from Kyiv", "the
    people of Belarus", "the build-up in Poland")."""
    span = doc.char_span(start, end, alignment_mode="expand") if start is not None else None
    if span is None:
        return start is None  # a place with no offsets came from elsewhere: keep it
    root = span.root
    while root.dep_ == "conj":
        root = root.head  # "to Warsaw and Rzeszów"
    while root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.dep_ == "pobj":
        root = root.head.head  # "the area of Biała Podlaska"
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in LOCATIVE:
        return False
    head = prep.head
    if head.pos_ in ("VERB", "AUX"):
        return head.lemma_ not in saying
    return prep.lower_ in ("to", "into", "towards", "toward")
