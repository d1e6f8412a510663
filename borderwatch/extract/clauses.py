"""Clauses of a sentence: those that each tell of a happening, and follow-on sentences that
only point back at the one before."""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Span

from borderwatch.extract import fields
from borderwatch.extract.modality import says_no

QUANTIFIERS = {"both", "most", "many", "some", "each", "all", "several", "one", "another"}
BACK_NOUNS = {"vehicles", "vehicle", "column", "convoy", "echelon", "echelons", "train", "trains", "equipment",
              "flatcars", "wagons", "trucks", "tanks", "aircraft", "helicopters", "other"}


def continues(sent: Span) -> bool:
    """ "Among them were ...", "Many of the vehicles ...", "One echelon carried ...", "The
    vehicles were marked ...": the sentence opens by pointing back at what the one before
    reported."""
    words = [t.lower_ for t in sent[:5] if not t.is_punct] + ["", "", ""]
    if words[0] in ("on", "in", "aboard", "under") and words[1] in ("the", "these", "those"):
        words = words[1:]  # "On the flatcars were T-72B3 tanks"
    first, second = words[0], words[1]
    if first in ("they", "among") or (first == "it" and second not in ("is", "was")):
        return True
    if first in QUANTIFIERS:
        return second == "of" or (first in ("one", "another", "each") and second in BACK_NOUNS)
    return first in ("the", "these", "those") and second in BACK_NOUNS


ASKING = {"will", "would", "could", "can", "is", "are", "was", "were", "does", "do", "did", "has", "have", "should",
          "might", "may"}
ANSWERING = {"yes", "no", "not", "probably", "possibly", "almost", "unlikely", "likely", "hardly", "quite", "very",
             "highly", "nobody", "never", "certainly"}


def _first_word(sent: Span) -> str:
    """The sentence's first word, after a "Q:" or "A:" of an interview, a bullet or an emoji
    ("" for none)."""
    words = [t.lower_ for t in sent[:5] if t.is_alpha]
    words = words[1:] if words[:1] in (["q"], ["a"]) else words
    return words[0] if words else ""


def asks(sent: Span) -> bool:
    """Does the sentence end with a question mark (before closing quotes and a line break)?"""
    return fields.text_of(sent).rstrip().rstrip(" \"'\u201d\u00bb").endswith("?")


def units(doc) -> Iterator[Span]:
    """The document's sentences, a yes-no question and the answer after it taken as one ("Will
    Belarus join the war? We consider this highly unlikely."): the question tells what, the
    answer how likely. An answer opens with its verdict ("Probably not", "Not on any scale")
    or hedges."""
    sents = list(doc.sents)
    i = 0
    while i < len(sents):
        asked, j = sents[i], i + 1
        question = asks(asked) and _first_word(asked) in ASKING
        while question and j < len(sents) and not any(t.is_alpha for t in sents[j]):
            j += 1  # past a closing quote the parser left on a line of its own
        answer = sents[j] if question and j < len(sents) else None
        if answer is not None and (_first_word(answer) in ANSWERING or fields.in_sent(doc.spans["bw_hedge"], answer)):
            yield doc[asked.start:answer.end]
            i = j + 1
        else:
            yield asked
            i += 1


CLAUSE_DEPS = {"conj", "ccomp", "advcl", "parataxis", "relcl"}
SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}


CONTRAST = {"while", "whereas", "although", "though", "but"}


def _context_clause(head) -> bool:
    """ "once the drills were over", "when supplies passed through it": a clause that dates or
    explains the main one, not a happening reported beside it."""
    if head.dep_ == "advcl":
        return not any(c.dep_ == "mark" and c.lower_ in CONTRAST for c in head.children)
    if head.dep_ == "relcl":
        # "... than the 30,000 who came for Union Resolve": what a comparison measures against
        noun = head.head
        compared = noun.dep_ == "pobj" and noun.head.lower_ in ("than", "as", "with")
        return compared or any(c.lower_ in ("when", "as") for c in head.children)
    return False


def _mid_phrase(head) -> bool:
    """ "vehicles marked with the letter V passed through ...", "tanks and Tigr armoured cars
    with a white V painted on them": a misparse that would cut a noun phrase in two, a relative
    clause without a relative word or a clause opening after a noun's "and"."""
    if head.dep_ == "relcl" and not any(c.tag_ in ("WDT", "WP", "WP$", "WRB") or c.lower_ == "that"
                                        for c in head.children):
        return True
    before = head.doc[head.left_edge.i - 1] if head.left_edge.i > head.sent.start else None
    return before is not None and before.dep_ == "cc" and before.head.pos_ in ("NOUN", "PROPN") \
        and before.head.i < before.i


def _own_estimate(verb) -> bool:
    """ "is likely to keep ... and almost certainly will continue": a coordinated verb with a
    modal or an estimate of its own is a judgement of its own, though it shares the subject."""
    if verb.dep_ != "conj":
        return False
    spans = fields.in_sent(verb.doc.spans["bw_hedge"], verb.sent)
    hedges = {t.i for h in spans for t in h}
    if any(c.tag_ == "MD" or (c.dep_ == "advmod" and c.i in hedges) for c in verb.children if c.i < verb.i):
        return True
    # "said X would likely ..., but judged that there was little chance ...": a hedge on each side
    estimates = {t.i for h in spans if h.label_ != "negation" for t in h}
    own = {t.i for t in verb.subtree}
    return bool(estimates & own) and bool(estimates - own)


def judgement(piece: Span) -> dict[str, Span | None]:
    """ "X is highly unlikely, | but Minsk will almost certainly allow ...": in a sentence
    that judges, a clause with a hedge of its own is a second judgement even without an
    event word; its verb stands in for the trigger, so its own hedge sets its modality."""
    hedges = fields.in_sent(piece.doc.spans["bw_hedge"], piece)
    if not hedges:
        return {}
    # the verb the estimate hangs on ("said a repeat was likely": was, not said)
    verb = next((a for h in hedges if h.label_ != "negation" for a in h.root.ancestors
                 if a.pos_ in ("VERB", "AUX") and piece.start <= a.i < piece.end), None) \
        or next((t for t in piece if t.pos_ in ("VERB", "AUX") and not piece.start <= t.head.i < piece.end), None) \
        or next((t for t in piece if t.pos_ == "VERB"), None)
    return {"assessment": Span(piece.doc, verb.i, verb.i + 1, label="assessment")} if verb is not None else {}


def _estimates(piece: Span) -> bool:
    """ "..., and it may well grow", "..., but in our estimate the real number could be twice as
    high": a clause with no event word that hedges is a judgement beside the report."""
    return any(h.label_ != "negation" for h in fields.in_sent(piece.doc.spans["bw_hedge"], piece))


SAME_AGAIN = {"another", "second", "third"}  # not "the rest", which often does something else


def _another(piece: Span) -> bool:
    """A clause whose subject is "another" or "a second one": one more of what the clause
    before told of."""
    subj = next((t for t in piece if t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX")
                 and piece.start <= t.head.i < piece.end), None)
    return subj is not None and (subj.lower_ in SAME_AGAIN or any(
        c.lower_ in SAME_AGAIN for c in subj.children if c.dep_ in ("amod", "det")))


JOINING = CONTRAST | {"and", "yet"}


def _second_estimates(sent: Span) -> list[int]:
    """ "It is likely that X, but highly unlikely that Y", "judges it very likely that X, but
    unlikely that Y": an estimate after "but" or "and" that opens a clause of its own with no
    verb of its own to cut at (the parser hangs it anywhere). Where each such clause begins."""
    doc = sent.doc
    estimates = [h for h in fields.in_sent(doc.spans["bw_hedge"], sent) if h.label_ not in ("negation", "possible")]
    return [h.start - 1 for h in estimates
            if h.start - 1 > sent.start and doc[h.start - 1].lower_ in JOINING and doc[h.start - 2].is_punct
            and h.end < sent.end and doc[h.end].lower_ in ("that", "to")
            and any(e.end < h.start - 1 for e in estimates)]


def _split_at(sent: Span, cut: int, types: dict[str, Span | None]) -> list[tuple[Span, dict[str, Span | None]]]:
    """The sentence's judgement up to a second estimate, and that estimate's own judgement after it."""
    doc = sent.doc
    rest = judgement(doc[cut:sent.end])
    return [(doc[sent.start:cut], types), (doc[cut:sent.end], rest)] if rest else [(sent, types)]


def _framing(verb) -> list:
    """What a verb frames: its subtree without the verbs coordinated with it ("could mobilise
    ..., but that it was unlikely to send them" frames nothing)."""
    beside = {t.i for c in verb.children if c.dep_ == "conj" for t in c.subtree}
    return [t for t in verb.subtree if t.i not in beside]


def _closing_source(sent: Span, last: int, saying: frozenset[str]) -> int:
    """Where a closing ", the ministry said" or ", according to Hajun" begins (`last` + 1 when
    the sentence has none): a clause that runs up to it runs to the end of what is told."""
    doc, root = sent.doc, sent.root
    told = [c for c in root.children if c.dep_ == "ccomp" and c.i < root.i]
    if told and root.lemma_ in saying and any(c.dep_ == "nsubj" and c.i > told[-1].i for c in root.children):
        return told[-1].right_edge.i + 1  # "A, and B, the ministry said."
    for i, w in enumerate(fields.lowers(sent), sent.start):
        if w == "according" and i > sent.start and doc[i - 1].text == "," and doc[i].right_edge.i >= last:
            return i - 1  # "A, and B, according to Hajun."
    return last + 1


def clause_groups(sent: Span, types: dict[str, Span | None], types_of,
                  saying: frozenset[str]) -> list[tuple[Span, dict[str, Span | None]]]:
    """Split a sentence with several clauses that each tell of a happening ("units remain in
    their positions and no strike groups have formed"; "five echelons were unloaded, and one
    echelon marched"; "X is unlikely, although Y could ...") into those clauses, each with its
    own types; otherwise the whole sentence with `types`."""
    doc = sent.doc
    last = fields.last_word(sent)  # not a paragraph break
    # the last word of what a closing source tells (a judgement quoted whole stays one)
    told_to = last if "assessment" in types else _closing_source(sent, last, saying) - 1
    cuts = set()
    for t in sent:
        if t.dep_ in CLAUSE_DEPS and t.pos_ in ("VERB", "AUX") and (any(c.dep_ in SUBJECTS for c in t.children)
                                                                  or _own_estimate(t)) \
                and not _context_clause(t) and not _mid_phrase(t):
            left, right = t.left_edge.i, t.right_edge.i
            if right >= told_to and left > sent.start:
                cuts.add(left)  # "..., and that no strike groups have formed."
            elif left == sent.start and right < last:
                cuts.add(right + 1)  # "While X, Y."
    second = _second_estimates(sent)
    cuts.update(second)
    whole = _split_at(sent, second[0], types) if second and "assessment" in types else [(sent, types)]
    if not cuts:
        return whole
    edges = [sent.start, *sorted(cuts), sent.end]
    pieces = [doc[a:b] for a, b in zip(edges, edges[1:]) if b > a]
    groups = []
    carry = None  # a piece with no happening of its own joins the next one ("which said on Monday")
    for piece in pieces:
        if carry is not None:
            piece = doc[carry.start:piece.end]
        typed = types_of(piece) if fields.in_sent(doc.spans["bw_trigger"], piece) else {}
        found = typed or (judgement(piece) if "assessment" in types or _estimates(piece) else {})
        if groups and carry is None and set(typed) | set(groups[-1][1]) <= {"movement", "deployment"} \
                and _another(piece):
            # "..., and another was seen at Dzernavichy", "a second one carried MT-LBs": the
            # same kind of happening again, whatever its own verb ("and another squadron is
            # expected at Luninets": hedged, not a judgement of its own)
            found = {t: None for t in groups[-1][1]}
        if found:
            groups.append((piece, found))
            carry = None
        else:
            carry = piece
    if len(groups) < 2:
        return whole
    if carry is not None:
        groups[-1] = (doc[groups[-1][0].start:sent.end], groups[-1][1])
    # a reporting word in one clause ("said that ...") is no event beside the happenings of the others
    kinds = {k for _, found in groups for k in found}
    if kinds == {"statement"}:
        return whole  # "insisted that its soldiers would not cross": one statement
    if kinds - {"statement"}:
        groups = [(p, f) for p, f in groups if set(f) != {"statement"} or not any(
            t is not None and t.root.pos_ == "VERB" for t in f.values())]
    # "We judge it almost certain | that Russia will ...", "It is possible | that ...", "There
    # is a roughly even chance | that ...": a judging verb whose clause is another group only frames it
    # (not the clause after a second estimate: "We judge it likely that X, | but unlikely that Y")
    framed = [(p, f) for p, f in groups if set(f) == {"assessment"} and all(
        t is not None and t.root.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("ccomp", "xcomp", "acl") and not p.start <= c.i < p.end
            and not any(p.end <= cut <= c.i for cut in second) for c in _framing(t.root))
        for t in f.values())]
    if framed and len(framed) < len(groups):
        groups = [g for g in groups if g not in framed]
    return groups if len(groups) > 1 else whole


def mixed_statement(sent: Span, found: dict[str, Span | None]) -> list[tuple[Span, dict[str, Span | None]]] | None:
    """ "said the troops would be housed at training grounds and would not be sent to
    Ukraine": a statement whose two reported clauses differ, one denying and one not, is two
    statements, one claimed and one negated. None when the statement is of one piece."""
    trigger = found.get("statement")
    verb = trigger.root if trigger is not None else sent.root
    if verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head
    while verb.dep_ == "conj" and verb.head.dep_ in ("ccomp", "conj"):
        verb = verb.head  # the statement word is the second reported verb ("... and that none would be stationed")
    reported = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), None) \
        or (verb if verb.dep_ == "ccomp" else None)  # the trigger is the reported verb itself
    second = next((c for c in reported.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")), None) \
        if reported is not None else None
    if second is None or reported.lemma_ == "be" or not sent.start < second.left_edge.i < sent.end:
        return None  # "is purely defensive and not aimed at anyone" is one denial
    cut = second.left_edge.i
    first_no = any(says_no(t) for t in reported.subtree if t.i < cut)
    second_no = any(says_no(t) for t in second.subtree)
    if first_no == second_no:
        return None
    doc = sent.doc
    first, rest = doc[sent.start:cut], doc[cut:sent.end]
    inside = trigger is not None and trigger.start >= cut
    return [(first, {"statement": None if inside else trigger}), (rest, {"statement": trigger if inside else None})]
