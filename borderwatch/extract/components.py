"""The borderwatch spaCy components, registered here and nowhere else.

`bw_domain` marks what the lexicons know in `doc.spans`:
  bw_actor      label = canonical actor name (metonyms carry the label "metonym:<name>")
  bw_equipment  label = "<class>|<model or ''>"
  bw_marking    label = canonical marking
  bw_trigger    label = event type
  bw_hedge      label = ICD 203 band, "possible" or "negation"
  bw_media      label = attribution kind for footage, social media, residents

`bw_attribute_ruler` stands in for the English model's attribute ruler, faster (`ruler.py`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from borderwatch.extract.cyrillic import is_cyrillic, lemma
from borderwatch.extract.lexicons import Lexicons, load_lexicons
from borderwatch.extract.ruler import FastAttributeRuler


def lemmatised(doc: Doc) -> Doc:
    """Give Cyrillic tokens their dictionary form as lemma (the English model cannot)."""
    for tok in doc:
        if is_cyrillic(tok.text):
            tok.lemma_ = lemma(tok.text)
    return doc


NOT_EQUIPMENT_BEFORE = {"think", "septic", "water", "anti"}
PEOPLE_OR_AIRCRAFT = {"fighter", "fighters"}
AIRCRAFT_WORDS = {"jet", "jets", "aircraft", "planes", "plane"}
# what only aircraft do: "fighters were scrambled", "two NATO fighters flew low over Drūkšiai"
AIRBORNE = {"scramble", "fly", "land", "intercept", "escort", "patrol", "circle", "take"}
RAIL_WORDS = {"train", "trains"}
NOT_MILITARY_TRAIN = {"by", "passenger", "commuter", "electric", "night"}


def _airborne(noun) -> bool:
    """ "Belarusian fighters were scrambled", "the fighter landed at Machulishchy": fighters that
    do what only aircraft do (not "Wagner fighters", who are people, whatever they do)."""
    if noun.i > 0 and noun.doc[noun.i - 1].lower_ in ("wagner", "pmc"):
        return False
    verb = noun.head
    if noun.dep_ == "conj":
        verb = verb.head  # "MiG-29s and fighters took off"
    return noun.dep_ in ("nsubj", "nsubjpass", "dobj", "conj") and verb.lemma_ in AIRBORNE and (
        verb.lemma_ != "take" or any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children))


class DomainMatcher:
    def __init__(self, nlp: Language, lex: Lexicons) -> None:
        self.lex = lex
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.cyrillic = PhraseMatcher(nlp.vocab, attr="LEMMA")  # inflected Russian forms
        self.lemmas = Matcher(nlp.vocab)
        self.single_equipment: dict[str, str] = {}
        self.unspaced_equipment: dict[str, str] = {}
        self.labels: dict[str, tuple[str, str]] = {}  # match key -> (group, label)
        make = nlp.make_doc

        def add(group: str, label: str, phrases) -> None:
            key = f"{group}:{label}"
            self.labels[key] = (group, label)
            docs = [make(p) for p in dict.fromkeys(phrases) if p.strip()]
            if docs:
                self.phrases.add(key, docs)
            cyr = [lemmatised(d) for d in docs if is_cyrillic(d.text)]
            if cyr:
                self.cyrillic.add(key, cyr)

        # "... the Belarusian MoD." must not become the token "MoD.": split acronyms from a final stop
        from spacy.symbols import ORTH
        for actor in lex.actors:
            for alias in actor.aliases:
                last = alias.split()[-1]
                if any(c.isupper() for c in last[1:]) and last.isalpha():
                    nlp.tokenizer.add_special_case(last + ".", [{ORTH: last}, {ORTH: "."}])
        for actor in lex.actors:
            add("bw_actor", actor.name, actor.aliases)
            if actor.metonyms:
                add("bw_actor", f"metonym:{actor.name}", actor.metonyms)
        for e in lex.equipment:
            label = f"{e.cls}|{e.model or ''}"
            add("bw_equipment", label, e.aliases)
            for alias in e.aliases:
                if len(make(alias)) == 1:
                    self.single_equipment[alias.lower()] = label
                if " " not in alias:  # "T-90M" is two tokens, but "T-90Ms" one
                    self.unspaced_equipment[alias.lower()] = label
        # "Ural truck" names a model only with its class noun ("the Urals" are mountains), but in
        # "Ural and KamAZ trucks" the noun after the second name serves both
        nouns = {(e.cls, a.lower()) for e in lex.equipment if e.model is None for a in e.aliases}
        self.before_noun: dict[str, str] = {}
        for e in lex.equipment:
            for alias in e.aliases:
                words = alias.lower().split()
                if e.model and len(words) == 2 and (e.cls, words[1]) in nouns and words[0] not in self.single_equipment:
                    self.before_noun[words[0]] = self.before_noun[words[0] + "s"] = f"{e.cls}|{e.model}"
        for name, phrases in lex.markings.items():
            add("bw_marking", name, phrases)
        for etype, spec in lex.events.items():
            add("bw_trigger", etype, spec.get("phrases", ()))
            add("bw_not_trigger", etype, spec.get("not_phrases", ()))
            lemmas = [l for l in spec.get("lemmas", ()) if l]
            if lemmas:
                key = f"bw_trigger:{etype}:lemma"
                self.labels[key] = ("bw_trigger", etype)
                self.lemmas.add(key, [[{"LEMMA": {"IN": lemmas}, "POS": {"IN": ["VERB", "AUX"]}}]])
            names = [r for r in spec.get("token_regex", ()) if r]
            if names:  # "Zapad-2025" is one token
                key = f"bw_trigger:{etype}:regex"
                self.labels[key] = ("bw_trigger", etype)
                self.lemmas.add(key, [[{"LOWER": {"REGEX": r}}] for r in names])
        self.forces = {w for w in lex.attribution.get("force_nouns", ()) if w not in NOT_PRESENT}
        self.guards: dict[str, set[str]] = {}
        for etype, spec in lex.events.items():
            guarded = [l for l in spec.get("guarded_lemmas", ()) if l]
            if guarded:
                key = f"bw_trigger:{etype}:guarded"
                self.labels[key] = ("bw_trigger", etype)
                self.guards[key] = {w.lower() for w in spec.get("guard_words", ())}
                self.lemmas.add(key, [[{"LEMMA": {"IN": guarded}, "POS": {"IN": ["VERB", "NOUN"]}}]])
        est = lex.estimative
        for phrase, band in (est.get("phrases") or {}).items():
            add("bw_hedge", band, [phrase])
        add("bw_hedge", "possible", est.get("possible", ()))
        add("bw_hedge", "negation", est.get("negation", ()))
        for item in lex.attribution.get("media", ()):
            add("bw_media", item["kind"], [item["phrase"]])

    def __call__(self, doc: Doc) -> Doc:
        groups: dict[str, list[Span]] = {g: [] for g in ("bw_actor", "bw_equipment", "bw_marking", "bw_trigger",
                                                         "bw_hedge", "bw_media", "bw_not_trigger")}
        strings = doc.vocab.strings
        found = list(self.phrases(doc))
        if any(is_cyrillic(t.text) for t in doc[:200]) or any(is_cyrillic(t.text) for t in doc[-200:]):
            lemmatised(doc)
            seen = {(m, a, b) for m, a, b in found}
            found += [m for m in self.cyrillic(doc) if m not in seen]
        for match_id, start, end in found:
            group, label = self.labels[strings[match_id]]
            if group == "bw_equipment" and start > 0 and (
                    doc[start - 1].lower_ in NOT_EQUIPMENT_BEFORE
                    or (doc[start - 1].text == "-" and start > 1 and doc[start - 2].lower_ in NOT_EQUIPMENT_BEFORE)):
                continue  # "think tank" and "anti-tank ditch" are no tanks
            if group == "bw_equipment" and doc[start:end].text.lower() in RAIL_WORDS and (
                    doc[start].pos_ != "NOUN" or (start > 0 and doc[start - 1].lower_ in NOT_MILITARY_TRAIN)):
                continue  # "will train soldiers", "came by train", "a passenger train"
            if group == "bw_equipment" and doc[start:end].text.lower() in PEOPLE_OR_AIRCRAFT and not (
                    end < len(doc) and doc[end].lower_ in AIRCRAFT_WORDS) and not _airborne(doc[end - 1]):
                continue  # "Wagner fighters" are people; "fighter jets" are aircraft
            if group == "bw_hedge" and end - start == 1 and doc[start].text == "May" and doc[start].tag_ != "MD":
                continue  # "in May", "on 3 May": the month
            groups[group].append(Span(doc, start, end, label=label))
        groups["bw_hedge"] += _expecting(doc)
        phrase_triggers = [(s.start, s.end, s.label_) for s in groups["bw_trigger"]]
        armed = {doc[e.start].sent.start for e in groups["bw_equipment"] if e.label_.split("|")[0] in STRIKE_CLASSES}
        idioms = [(s.start, s.end, s.label_) for s in groups.pop("bw_not_trigger")]
        for match_id, start, end in self.lemmas(doc):
            key = strings[match_id]
            group, label = self.labels[key]
            if key in self.guards:
                sent = doc[start].sent
                if sent.start not in armed and not any(t.lower_ in self.guards[key] for t in sent):
                    continue  # "fired an Oreshnik": a munition named by its model
            if any(a <= start and end <= b and lab != label for a, b, lab in phrase_triggers):
                continue  # "building up forces" is a deployment phrase, not construction
            if any(a <= start and end <= b and lab == label for a, b, lab in idioms):
                continue  # "came to an end" is no movement
            groups[group].append(Span(doc, start, end, label=label))
        groups["bw_trigger"] += _presence(doc, groups["bw_equipment"], groups["bw_actor"], self.forces)
        groups["bw_trigger"] = [s for s in groups["bw_trigger"] if not any(  # "attack helicopters", "the strike group"
            a < s.end and s.start < b and lab == s.label_ for a, b, lab in idioms)
            and not _linking(s) and not _cited(s) and not _timing(s)]
        # A phrase inside a longer phrase of another type is part of it: "training" in
        # "military training camps" (mobilization) is no exercise.
        by_start: dict[int, list[Span]] = {}
        for t in groups["bw_trigger"]:
            by_start.setdefault(t.start, []).append(t)
        groups["bw_trigger"] = [s for s in groups["bw_trigger"] if not any(
            t.label_ != s.label_ and s.end <= t.end and len(t) > len(s)
            for i in range(max(0, s.start - MAX_PHRASE), s.start + 1) for t in by_start.get(i, ()))]
        # "training grounds" and "training centre" are places, not drills
        groups["bw_trigger"] = [s for s in groups["bw_trigger"] if not (
            s.label_ == "exercise" and s.end < len(doc) and s.text.lower() == "training"
            and doc[s.end].lower_ in ("ground", "grounds", "centre", "center", "range", "ranges", "area", "camp"))]
        # Plurals of model names the phrase matcher cannot see: "BMP-2s", "T-72B3s".
        covered = {i for s in groups["bw_equipment"] for i in range(s.start, s.end)}
        shared: list[tuple[int, str]] = []  # "Ural" before "and KamAZ trucks", settled once all plurals are in
        for tok in doc:
            low = tok.lower_
            if tok.i in covered:
                continue
            if len(low) > 3 and low.endswith("s") and low[:-1] in self.unspaced_equipment \
                    and not (low in PEOPLE_OR_AIRCRAFT and not (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in AIRCRAFT_WORDS)):
                groups["bw_equipment"].append(Span(doc, tok.i, tok.i + 1, label=self.unspaced_equipment[low[:-1]]))
            elif low in self.before_noun and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ in ("and", "or", ","):
                shared.append((tok.i, self.before_noun[low]))
        starts = {s.start: s.label_.split("|")[0] for s in groups["bw_equipment"]}
        for i, label in shared:
            if any(starts.get(j) == label.split("|")[0] for j in (i + 2, i + 3)):
                groups["bw_equipment"].append(Span(doc, i, i + 1, label=label))
        for group, spans in groups.items():
            # Longest match wins within a group; triggers of different types may overlap.
            if group == "bw_trigger":
                by_type: dict[str, list[Span]] = {}
                for s in spans:
                    by_type.setdefault(s.label_, []).append(s)
                doc.spans[group] = [s for ss in by_type.values() for s in filter_spans(ss)]
            else:
                doc.spans[group] = filter_spans(spans)
        return doc


MAX_PHRASE = 8  # tokens: no trigger phrase in the lexicons is longer

# Equipment whose presence makes "fire", "launch" or "hit" a strike.
STRIKE_CLASSES = {"ballistic_missile", "cruise_missile", "missile", "drone", "mlrs", "artillery",
                  "self_propelled_artillery", "towed_artillery", "ground_attack_aircraft", "bomber"}


# "..., The communication ...": a capitalised word that opens a clause after a comma is a
# full stop typed as a comma; the run-on sentence is two.
RESTARTS = {"The", "This", "These", "Those", "It", "They"}


@Language.component("bw_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: headings and list items are not run into the next line;
    so does a comma followed by a capitalised "The", "This", "It" ... (a run-on sentence)."""
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].text or "\n" in doc[tok.i - 1].whitespace_:
            tok.is_sent_start = True
        elif tok.text in RESTARTS and doc[tok.i - 1].text == "," and tok.i >= 3 and tok.i + 1 < len(doc) \
                and doc[tok.i + 1].text[:1].islower():  # not a title: "our newsletter, The Eastern Flank,"
            tok.is_sent_start = True
    return doc


@Language.factory("bw_attribute_ruler", default_config={"validate": False})
def make_fast_ruler(nlp: Language, name: str, validate: bool) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.vocab, name, validate=validate)


def use_fast_ruler(nlp: Language) -> None:
    """Swap the English model's attribute ruler for `bw_attribute_ruler`, with the same patterns."""
    if "attribute_ruler" in nlp.pipe_names:
        patterns = nlp.get_pipe("attribute_ruler").patterns
        nlp.replace_pipe("attribute_ruler", "bw_attribute_ruler").add_patterns(patterns)


@Language.factory("bw_domain", default_config={"lexicon_dir": None})
def make_domain_matcher(nlp: Language, name: str, lexicon_dir: str | None) -> DomainMatcher:
    return DomainMatcher(nlp, load_lexicons(lexicon_dir))


def _linking(trigger: Span) -> bool:
    """ "remains unlikely", "stayed calm", "keeps repeating that ...", "kept arriving": remain,
    stay and keep as a link to an adjective or before a verb in -ing say nothing of forces
    staying anywhere; the other word tells what happens."""
    root = trigger.root
    if trigger.label_ != "deployment" or root.lemma_ not in ("remain", "stay", "keep"):
        return False
    return any((c.dep_ in ("acomp", "oprd") and root.lemma_ != "keep") or (c.dep_ == "xcomp" and c.tag_ == "VBG")
               for c in root.children)


# force nouns that name no one who can be somewhere ("the war is in its third year")
NOT_PRESENT = {"offensive", "invasion", "attack", "strike", "war", "front", "border", "drills", "exercise",
               "exercises", "trenches", "fortifications", "airfield", "airspace", "training"}
WHERE = {"at", "in", "near", "outside", "on", "around", "inside", "beside", "behind", "within"}
NOT_WHERE = {"way", "move", "march", "road", "route", "response", "preparation", "alert", "duty", "fact",
             "charge", "danger", "place", "time", "order", "part", "talks", "contact", "touch", "favour",
             "favor", "line", "service", "action", "addition", "case", "view", "support", "readiness", "question",
             "mood", "spirits", "shape", "condition", "state", "trouble", "doubt", "use", "operation", "limbo",
             "debt", "need", "shock", "panic", "demand", "power", "control", "command", "sight", "range"}
PRONOUNS = {"they", "most", "some", "many", "all", "both", "several", "few", "none", "others", "half"}


def _presence(doc: Doc, equipment: list[Span], actors: list[Span], forces: set[str]) -> list[Span]:
    """ "4,000 Wagner fighters are at the camp near Tsel", "most of them are still at
    Baranavichy", "there are about 2,000 Russian troops in Belarus": forces said to be
    somewhere are a deployment, though no verb of stationing is used."""
    gear = {i for s in (*equipment, *actors) for i in range(s.start, s.end)}
    out = []
    for tok in doc:
        if tok.lemma_ != "be" or tok.dep_ in ("aux", "auxpass"):
            continue
        expl = any(c.dep_ == "expl" for c in tok.children)
        subjects = [c for c in tok.children if c.dep_ == ("attr" if expl else "nsubj")]
        where = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in WHERE and any(
            g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME", "CARDINAL") and g.lemma_.lower() not in NOT_WHERE
            for g in c.children)]
        if not subjects or not where:
            continue
        subj = subjects[0]
        anchored = any(t.i in gear or t.lower_ in forces for t in tok.sent)
        if subj.i in gear or subj.lower_ in forces or (subj.lower_ in PRONOUNS and anchored and not expl):
            out.append(Span(doc, tok.i, tok.i + 1, label="deployment"))
    return out


def _expecting(doc: Doc) -> list[Span]:
    """ "We expect Belarus to keep holding snap checks", "Lithuanian intelligence expects no more
    than 8,000": somebody's expectation is an estimate ("likely"), as "is expected to" is, and
    "did not expect" or "nobody expects" one below even chance. Not "as expected", "than
    expected" or "expected arrivals", which have no one expecting."""
    out = []
    for t in doc:
        if t.lemma_ != "expect" or t.pos_ != "VERB" or t.dep_ in ("amod", "acl") \
                or not any(c.dep_ == "nsubj" for c in t.children) \
                or not any(c.dep_ in ("dobj", "ccomp", "xcomp", "prep", "npadvmod") for c in t.children):
            continue
        denied = any(c.dep_ == "neg" or (c.dep_ == "nsubj" and c.lower_ in ("nobody", "no-one", "none"))
                     for c in t.children)
        out.append(Span(doc, t.i, t.i + 1, label="unlikely" if denied else "likely"))
    return out


# what "comes" in a news story's timing line ("The announcement came hours after ...")
NEWS = {"announcement", "decision", "statement", "news", "move", "order", "warning", "report", "incident", "call",
        "visit", "comment", "remark", "step", "drill", "exercise", "talk", "meeting", "development", "escalation",
        "change", "claim", "denial", "message", "response", "reaction", "letter", "appeal", "threat", "check"}
SOON = {"as", "after", "amid", "before", "days", "hours", "weeks", "a", "two", "just", "shortly", "only", "barely"}


def _timing(trigger: Span) -> bool:
    """ "The announcement came 'at the instruction of the President'", "It comes as ISW said
    ...": what comes is news, placed in time or in a chain of orders, not forces arriving."""
    verb = trigger.root
    if trigger.label_ != "movement" or verb.lemma_ != "come" or len(trigger) != 1:
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if subject.lemma_.lower() in NEWS:
        return True
    after = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    return subject.lower_ == "it" and after is not None and after.lower_ in SOON


def _cited(trigger: Span) -> bool:
    """ "citing its own patrols": what a source cites is its evidence, not a happening."""
    root = trigger.root
    return root.dep_ == "dobj" and root.head.lemma_ == "cite"
