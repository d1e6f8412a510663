"""How sure the text is: negated, an ICD 203 estimative band, possible, claimed or asserted,
scoped to the clause a happening is told in."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from borderwatch.extract.fields import after_semicolon, in_sent, lowers, text_of, verb_of
from borderwatch.extract.lexicons import Lexicons
from borderwatch.model import Estimative


def modality(sent: Span, trigger: Span | None, attributed: bool, lex: Lexicons,
             conditional: bool = True) -> tuple[str, Estimative | None]:
    """The first that applies: negated, an estimative band, possible, claimed, asserted.
    `conditional`: a condition makes what is told possible ("if Russian units arrive"), but not
    a promise or threat, which is made whatever happens ("would respond harshly if ...")."""
    doc = sent.doc
    answer = _answer(sent)
    if answer is not None and (trigger is None or trigger.start < answer.start):
        # "Will Belarus join the war? We consider this highly unlikely.": the answer says how likely
        told = in_sent(doc.spans["bw_hedge"], answer)
        banded = [h for h in told if h.label_ in lex.estimative.get("bands", {})]
        if banded:
            return _banded(banded[0], lex)
        if answer[0].lower_ in ("not", "no", "never"):
            return "negated", None  # "Not on any scale we can detect."
        if any(h.label_ == "possible" for h in told):
            return "possible", None  # "Nobody can tell yet."
        return modality(answer, None, attributed, lex, conditional)
    hedges = everywhere = in_sent(doc.spans["bw_hedge"], sent)
    if trigger is not None and _negated(trigger, hedges):
        return "negated", None
    if _no_threat(sent, trigger) or _nothing_under(sent, trigger):
        return "negated", None
    if trigger is None and any(_negated(doc[v.i:v.i + 1], hedges) and (v.lemma_ in REJECTING or not any(
            c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for c in v.children)) and not _answers_a_claim(v)
            for v in _reported_verbs(sent.root)):
        # no event word: "no offensive groupings have been detected", "Minsk denied the incursion
        # and accused Warsaw of hysteria" (but "cannot say, but there are probably 5,000" denies nothing)
        return "negated", None
    if trigger is None and _no_forces(sent, set(lex.attribution.get("force_nouns", ()))):
        return "negated", None  # "Air: no Russian aircraft at Belarusian airfields all week."
    if trigger is None and (mistaken := corrected(sent)) is not None and any(
            mistaken.start <= e.root.i < mistaken.end for e in in_sent(doc.spans["bw_equipment"], sent)):
        return "negated", None  # "the 'Pantsir near Luninets' turned out to be a truck crane"
    if trigger is not None:
        scope = clause_of(trigger)
        hedges = [h for h in hedges if h.root in scope or (h.root.head in scope and h.root.dep_ != "conj")
                  or h.root.head.head in scope and h.root.head.dep_ in ("advmod", "amod", "acomp", "prep")]
        # ("put the chance at one in five"; not "had entered ..., and more columns were expected")
    bands = lex.estimative.get("bands", {})
    banded = [h for h in hedges if h.label_ in bands]
    if banded:
        return _banded(min(banded, key=lambda h: abs(h.start - trigger.start) if trigger is not None else h.start), lex)
    if any(h.label_ == "possible" for h in hedges):
        return "possible", None
    if not conditional:
        # a promise or threat: possible only where it says so ("Belarus might place Iskanders near
        # its border if NATO ..."), whichever of its words made it a statement
        return ("possible", None) if any(h.label_ == "possible" for h in everywhere) else \
            (("claimed" if attributed else "asserted"), None)
    if trigger is not None and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL
                                   for t in clause_of(trigger) for c in t.children):
        return "possible", None  # "if Russian units arrive": a condition, not a report
    return ("claimed" if attributed else "asserted"), None


TRYING = {"try", "attempt", "manage", "dare", "bother", "seek", "fail"}
THREATS = {"threat", "danger"}
NOTHING = {"nothing", "none", "zero", "nil"}
BUT_FOR = re.compile(r"\b(though|although|but|apart from|beyond|except|other than|unlike|still|only)\b")
NO_NEWS = ("no change", "no changes", "no new", "no movement", "no movements", "no sign", "no signs", "no activity",
           "not observed", "not seen", "not recorded")


def _nothing_under(sent: Span, trigger: Span | None) -> bool:
    """ "Mobilisation: nothing to report.", "Echelons through Brest this week: none.", "Russian
    aviation: no change": a digest's heading with a verdict of nothing denies what it heads."""
    text = text_of(sent)
    colon = text.find(": ")
    if not 0 < colon <= 80 or (trigger is not None and trigger.start_char >= sent.start_char + colon):
        return False
    after = text[colon + 2:].lstrip(" \"'\u201c\u00ab").lower()
    first = after.split(maxsplit=1)[0].strip(",.;:") if after.strip() else ""
    if not (first in NOTHING or after.startswith(NO_NEWS)):
        return False
    # "nothing new, 12 Su-25s and four Yak-130s", "nothing on the rails, though a reader reported
    # helicopters", "no signs of call-ups beyond the routine conscription": something after all
    return not (BUT_FOR.search(after) or re.search(r"[,;:]\s*\d", after))


def _no_threat(sent: Span, trigger: Span | None) -> bool:
    """ "there is no threat of an offensive from Belarus", "the fighters pose no threat": a
    judgement that denies the threat (of the happening, or with no event word of its own)."""
    low = text_of(sent).lower()
    if "threat" not in low and "danger" not in low:
        return False
    return any(t.lemma_ in THREATS and any(c.dep_ == "det" and c.lower_ in ("no", "zero") for c in t.children)
               and (trigger is None or trigger.root.i == t.i or trigger.root in t.subtree) for t in sent)


def _reported_verbs(root: Token) -> list[Token]:
    """The sentence's verb and what it reports: "said (that) ...", "keeps repeating that ..."."""
    said = [c for c in root.children if c.dep_ == "ccomp"]
    said += [g for c in root.children if c.dep_ == "xcomp" for g in c.children if g.dep_ == "ccomp"]
    # "Operational Command North: no increase of enemy forces ...": what a label heads
    said += [c for c in root.children if c.dep_ == "appos" and root.pos_ == "PROPN"]
    return [root, *said]


REJECTING = {"deny", "refute", "dismiss"}  # negation hedges that reject what they govern
OBSERVING = {"see", "record", "detect", "observe", "notice", "find", "register", "spot", "identify", "count", "show",
             "hear", "photograph", "film", "witness", "track", "suggest", "indicate"}
NOBODY = {"nobody", "no-one", "noone", "nothing", "none"}
NOT_COUNTS = {"more", "fewer", "less", "longer", "later", "earlier", "sooner"}  # "no fewer than 5,000" denies nothing


def _nothing_but(word: Token) -> bool:
    """ "nothing more", "nothing like a third of the army", "nothing but rotations": a word of
    nobody or nothing that qualifies what was seen rather than denying it."""
    nxt = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    return nxt is not None and nxt.lower_ in ("more", "like", "but", "else", "less")


def _answers_a_claim(verb: Token) -> bool:
    """ "..., a claim the Kremlin did not dispute", "an allegation Minsk has not addressed": the
    verb answers the claim named in passing (the parser may hang it on the subject); it does not
    deny the happening."""
    return any(t.lemma_ in CLAIM_NOUNS and t.i > 0 and t.doc[t.i - 1].lower_ in ("a", "an")
               for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree)


def _no_forces(sent: Span, force_nouns: set[str]) -> bool:
    """ "we count no Russian ground units in Belarus", "there have been no Belarusian troops
    within 10 km": the forces or equipment themselves are said to be absent."""
    gear = {sp.root.i for sp in in_sent(sent.doc.spans["bw_equipment"], sent)}
    forces = gear | {i for i, w in enumerate(lowers(sent), sent.start) if w in force_nouns}
    denied = [t.head for t in sent if t.lower_ in ("no", "zero", "neither") and t.dep_ in ("det", "preconj")
              and t.head.i in forces and not (t.i + 1 < sent.end and sent.doc[t.i + 1].lower_ in NOT_COUNTS)]
    # all the forces named in that clause are denied ("buses and trucks, but no tanks" reports the buses)
    covered = {t.i for d in denied for t in d.subtree}
    clauses = {_verb_of(d).i for d in denied}
    return bool(denied) and all(i in covered for i in forces if _verb_of(sent.doc[i]).i in clauses)


def _verb_of(tok: Token) -> Token:
    while tok.pos_ not in ("VERB", "AUX") and tok.head != tok:
        tok = tok.head
    return tok


EVIDENCE_NOUNS = {"sign", "evidence", "indication", "trace", "increase", "change", "report", "movement",
                  "sighting", "preparation", "information", "confirmation", "truth", "attempt", "activity",
                  "traffic"}
CONDITIONAL = {"if", "unless", "whether", "should", "once"}
CLAUSE_BOUNDARY = {"ROOT", "ccomp", "advcl", "relcl", "acl", "parataxis", "pcomp"}


def _banded(hedge: Span, lex: Lexicons) -> tuple[str, Estimative]:
    spec = lex.estimative["bands"][hedge.label_]
    return spec["modality"], Estimative(text=hedge.text, band=hedge.label_, low=spec["low"], high=spec["high"])


def _answer(unit: Span) -> Span | None:
    """The answer, after its "A:", in a question taken together with it (see `clauses.units`)."""
    if "?" not in text_of(unit):
        return None  # (a quick look first: asked for every trigger)
    for t in unit:
        if t.text == "?":
            after = next((u for u in unit.doc[t.i + 1:unit.end] if not (u.is_space or u.is_quote)), None)
            if after is not None and after.is_sent_start:
                if after.lower_ == "a" and after.i + 2 < unit.end and unit.doc[after.i + 1].text == ":":
                    after = unit.doc[after.i + 2]
                return unit.doc[after.i:unit.end]
    return None


def clause_of(trigger: Span) -> set[Token]:
    """The trigger's verb and its heads up to the clause it belongs to: a hedge on any of
    them ("could join", "is highly unlikely to invade") governs the trigger."""
    tok = verb_of(trigger)
    out = {trigger.root, tok}
    for _ in range(8):
        if tok.dep_ in CLAUSE_BOUNDARY or tok.head == tok or _own_clause(tok):
            break
        tok = tok.head
        out.add(tok)
    # "a roughly even chance that Belarus will withdraw", "it is likely that ...": the
    # estimate sits in the clause that governs this one.
    if tok.dep_ in ("ccomp", "acl") and tok.head.pos_ in ("ADJ", "NOUN"):
        out.update((tok.head, tok.head.head))
    elif tok.dep_ == "ccomp" and tok.head.lemma_ == "be":  # "it is unlikely that ..."
        out.add(tok.head)
        out.update(c for c in tok.head.children if c.dep_ in ("acomp", "attr"))
    elif tok.dep_ == "ccomp" and tok.head.lemma_ == "expect":  # "it expects a few hundred instructors to remain"
        out.add(tok.head)
    elif tok.dep_ in ("ccomp", "advcl") and tok.head.lemma_ in ("rule", "exclude"):  # "it cannot be ruled out that ..."
        out.add(tok.head)
        out.update(c for c in tok.head.children if c.dep_ in ("prt", "aux", "auxpass", "neg"))
    return out


def _own_clause(verb: Token) -> bool:
    """ "X is unlikely, but [it could mount raids]": a coordinated verb with a subject of its own."""
    return verb.dep_ == "conj" and verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


INTENDING = {"intend", "plan", "want", "seek", "aim", "mean", "wish"}
NEGATORS = {"no", "not", "n't", "never", "nobody", "nothing", "none", "neither", "nor"}


def denies(scope: Span, trigger: Span | None) -> bool:
    """A statement whose content is negative is a denial ("the check poses no threat",
    "insisted that its troops would not cross the border", "is not directed against
    anyone"): the clause the speaking verb reports, else the statement's own verb and the
    verbs joined to it."""
    stated = [s for s in in_sent(scope.doc.spans["bw_trigger"], scope) if s.label_ == "statement"]
    if any(t.lower_ in NEGATORS for s in [*([trigger] if trigger is not None else []), *stated] for t in s):
        return True  # "is purely defensive and not directed against anyone"
    if scope.root.lemma_ in INTENDING and any(says_no(c) for c in scope.root.children):
        return True  # "does not intend to close the checkpoints"
    verb = scope.root if trigger is None else trigger.root
    if verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    if verb.dep_ == "xcomp" and verb.head.lemma_ in INTENDING and any(says_no(c) for c in verb.head.children):
        return True  # "Riga does not intend to shoot down objects over populated areas"
    reported = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    if reported:
        return any(says_no(t) for c in reported for t in c.subtree if scope.start <= t.i < scope.end)
    first = next((c for c in scope.root.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    if first is not None and verb in first.subtree and any(says_no(c) for c in first.children):
        # "stressed that Belarus was not going to attack anyone and that the measures were purely
        # defensive": the reassurance goes on from a denial
        return True
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                     and scope.start <= c.i < scope.end)]
    objects = [c for v in verbs for c in v.children if c.dep_ in ("dobj", "attr")]  # "had no plans"
    return any(says_no(c) for v in [*verbs, *objects] for c in v.children) or any(says_no(v) for v in verbs)


def says_no(t: Token) -> bool:
    return t.dep_ == "neg" or (t.lower_ in NEGATORS and t.dep_ in ("det", "nsubj", "nsubjpass", "dobj", "advmod"))


DEBUNKING = {"false", "fake", "fakes", "untrue", "wrong", "baseless", "groundless", "fabrication", "fabricated",
             "lie", "lies", "disinformation", "nonsense"}  # not "provocation": what is called one happened


# a denial set against what is said ("despite rumours on TikTok, no ...", "reports ... are not
# confirmed", "have no basis"): only beside a negated happening, see `debunks`
GAINSAYING = DEBUNKING | {"despite", "contrary", "basis", "unconfirmed", "confirmation", "confirmed", "correspond",
                          "true", "reality", "nothing"}  # "is not true", "has nothing to do with it"


def debunks(span: Span) -> bool:
    """Does the text call something untrue ("are fakes", "this is false", "contrary to posts on
    Telegram")? Asked of a negated happening attributed to hearsay or the media."""
    return any(t.lower_ in GAINSAYING for t in span)


# the document answering what another claimed: "...; they were not", "we have seen nothing of
# the sort", "nothing in our imagery supports them", "warnings that did not come true"
OURS = {"we", "i"} | NOBODY
POINTING = {"they", "it", "this", "that", "which"}
COMING_TRUE = {"be", "happen", "come", "bear", "materialise", "materialize", "occur"}
SUPPORTING = {"support", "suggest", "indicate", "point"}
UNVERIFIED = {"confirmation", "information"}
CLAIM_NOUNS = {"claim", "warning", "report", "rumour", "rumor", "prediction", "assertion", "allegation"}
BACK = {"it", "that", "this", "them", "those", "sort", "scale", "such", "one"}  # what the clause points back with


def refutes(sent: Span) -> Span | None:
    """A clause after the first in which the document itself says that what was claimed before
    it did not happen ("Lukashenko said a third of the army had moved; we see nothing on that
    scale"), pointing back at it and with no event word of its own (one with its own is a
    happening of its own). None when there is none."""
    doc = sent.doc
    triggers = in_sent(doc.spans["bw_trigger"], sent)
    candidates = [(v, doc[v.left_edge.i:v.right_edge.i + 1]) for v in sent
                  if v.dep_ in ("conj", "parataxis", "relcl") and v.pos_ in ("VERB", "AUX") and v.left_edge.i > sent.start]
    after = after_semicolon(sent)
    if after is not None:
        candidates.append((after.root, after))  # "...; they were not."
    for v, clause in candidates:
        if v.pos_ not in ("VERB", "AUX") or (v.dep_ == "relcl" and v.head.lemma_ not in CLAIM_NOUNS):
            continue
        if any(clause.start <= t.start < clause.end and not (t.root == v and v.lemma_ in COMING_TRUE)
               for t in triggers):
            continue
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            continue
        if any(c.tag_ == "MD" or c.lower_ in ("myself", "yet") for c in v.children):
            continue  # "we cannot confirm this", "I have not seen them myself": not known, not refuted
        objects = [c for c in v.children if c.dep_ in ("dobj", "attr")]
        negative = any(says_no(c) for c in v.children) or subj.lower_ in NOBODY \
            or any(o.lower_ in NOBODY or any(d.lower_ == "no" for d in o.children) for o in objects)
        pointing = v.dep_ == "relcl" or subj.lower_ in POINTING or any(t.lower_ in BACK and t.dep_ != "mark"
                                                                       for t in clause)
        seeing = v.lemma_ in OBSERVING | SUPPORTING or (v.lemma_ == "have" and any(
            o.lemma_ in EVIDENCE_NOUNS - UNVERIFIED for o in objects))  # not "we have no confirmation of this"
        if negative and pointing and ((subj.lower_ in OURS and seeing)
                                      or (subj.lower_ in POINTING and v.lemma_ in COMING_TRUE)):
            return clause
    return None


CORRECTION_LABELS = {"correction", "update", "clarification"}


def corrected(sent: Span) -> Span | None:
    """The subject of a correction: what the document had reported and now says was something
    else ("the 'Iskander battery' we reported at Lida was in fact a column of tractors", "the
    flatcars ... turned out to be empty transport frames", "was actually a civilian Mi-2"; after
    "Correction:", which the parser may take for the subject, the words up to the verb).
    A count put right ("was in fact 38 vehicles") corrects no happening. None when there is none."""
    low = text_of(sent).lower()
    if "turn" not in low and "actually" not in low and "fact" not in low:
        return None  # (a quick look first: asked for every trigger)
    for v in sent:
        if v.lemma_ == "turn" and any(c.dep_ == "prt" and c.lower_ == "out" for c in v.children):
            told = next((c for c in v.children if c.dep_ == "xcomp" and c.lemma_ in ("be", "show")), None)
            what = [c for c in told.children if c.dep_ in ("attr", "dobj")] if told is not None else []
        elif v.lemma_ == "be" and any(c.lower_ == "actually" or c.lower_ == "in" and any(
                g.lower_ == "fact" for g in c.children) for c in v.children):
            what = [c for c in v.children if c.dep_ == "attr"]
        else:
            continue
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.lower_ in POINTING or not what \
                or any(c.dep_ == "nummod" or c.like_num for w in what for c in w.subtree if c.i < w.i or c == w):
            continue
        colon = next((t.i for t in sent.doc[subj.i:v.i] if t.text == ":"), None)
        if subj.lower_ in CORRECTION_LABELS and colon is not None:
            return sent.doc[colon + 1:v.i]  # "Correction: the 'Pantsir near Luninets' ... turned out to be"
        return sent.doc[subj.left_edge.i:subj.right_edge.i + 1]
    return None


WRONG = {"wrong", "false", "incorrect", "mistaken", "untrue", "inaccurate", "mistake", "error"}


def retracts(sent: Span) -> bool:
    """ "That was wrong, and we apologise.", "That turned out to be wrong: ...": a sentence that
    takes back what the one before told. "That was wrong: it was 40" puts a count right and
    takes nothing back."""
    for head in (sent.root, *(c for c in sent.root.children if c.dep_ in ("ccomp", "parataxis") and c.i < sent.root.i)):
        verb = head
        if verb.lemma_ == "turn":  # "That turned out to be wrong"
            verb = next((c for c in verb.children if c.dep_ == "xcomp" and c.lemma_ == "be"), verb)
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        wrong = next((c for c in verb.children if c.dep_ in ("acomp", "attr") and c.lower_ in WRONG), None)
        if subj is not None and subj.lower_ in ("that", "this", "it") and wrong is not None:
            # not "It is wrong to say that ...": what is wrong is spelled out, not told before
            return not any(c.dep_ in ("xcomp", "ccomp", "csubj") for c in (*verb.children, *wrong.children)) \
                and not any(t.like_num for t in sent)
    return False


DEICTIC = {"this", "that", "which", "these", "those", "such"}  # "this is untrue", "these claims are false"


def _debunked(root) -> bool:
    """ "Reports that units moved to Brest are false", "fakes about the alleged movement",
    "claims that Russian units will remain do not correspond to reality": the sentence
    calls the happening untrue."""
    low = text_of(root.sent).lower()
    if not any(w in low for w in UNTRUE_WORDS):
        return False  # (a quick look first: asked for every trigger)
    for t in root.sent:
        word = t.lower_
        if word in DEBUNKING and t.dep_ in ("acomp", "attr", "nsubj", "ROOT", "dobj") \
                and not (word in ("lie", "lies") and t.pos_ == "VERB"):  # "the airfield lies 50 km from"
            verb = t.head if t.dep_ in ("acomp", "attr") else t
        elif t.lemma_ == "correspond" and any(c.dep_ == "neg" for c in t.children):
            verb = t
        elif word in ("true", "accurate", "correct") and t.dep_ == "acomp" and any(
                c.dep_ == "neg" for c in t.head.children):
            verb = t.head  # "Reports that units moved to Brest are not true"
        else:
            continue
        if t.dep_ in ("nsubj", "dobj", "ROOT") and root in t.subtree:
            return True  # "fakes about the alleged movement of troops"
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if any(root in c.subtree for c in subjects):
            return True
        if t.dep_ == "acomp" and any(c.dep_ == "ccomp" and root in c.subtree for c in (*verb.children, *t.children)):
            return True  # "It is not true that Iskander launchers have been brought to the Homel region"
        if verb.i > root.i and any(c.lower_ in DEICTIC or any(g.dep_ == "det" and g.lower_ in DEICTIC
                                                              for g in c.children) for c in subjects):
            return True  # "channels claim that units are moving, but this is untrue"; "these claims are false"
    return False


UNTRUE_WORDS = DEBUNKING | {"correspond", "true", "accurate", "correct"}


def _beside(node, verb) -> bool:
    """ "dismissed the claim and said its helicopters had been training": the node hangs on a
    verb coordinated with `verb`, not on what `verb` rejects."""
    while node.head != node and node.head != verb:
        node = node.head
    return node.head == verb and node.dep_ == "conj"


def _negated(trigger: Span, hedges: list[Span]) -> bool:
    verb = trigger.root
    for _ in range(4):  # "No tanks were seen in the column": the verb above the phrase
        if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
            break
        verb = verb.head
    # "could not be excluded", "cannot be ruled out": a possibility, not a denial
    open_ = {i for h in hedges if h.label_ == "possible" for i in range(h.start, h.end)}
    if any(c.dep_ == "neg" and c.i not in open_ for c in verb.children):
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_ in TRYING and (verb.head.lemma_ == "fail" or any(
            c.dep_ == "neg" for c in verb.head.children)):
        return True  # "did not attempt to intercept them", "failed to shoot it down"
    if any(c.lower_ in ("no", "zero") and c.dep_ == "det" for c in trigger.root.children):
        return True
    if verb == trigger.root and any(c.dep_ == "dobj" and any(g.lower_ in ("no", "zero") and g.dep_ == "det"
                                                             for g in c.children) for c in verb.children):
        return True  # "had sent no soldiers of its own into Ukraine", "has moved no troops"
    if trigger.root.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "neg" for c in trigger.root.children):
        return True  # "a readiness check and not a mobilisation", "Not a mobilisation, the ministry insists"
    # "no units have moved", "nobody is going", "not a single soldier (not one unit) has crossed": the
    # subject is negated ("there have been no Belarusian troops within 10 km": the one said to be there)
    there = any(c.dep_ == "expl" for c in verb.children)
    for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") or (there and c.dep_ == "attr")):
        if subj.lower_ in NOBODY or \
                any(c.lower_ in ("no", "zero", "neither") and c.dep_ in ("det", "preconj") for c in subj.children) or \
                {"not", "single"} <= {t.lower_ for t in subj.subtree} or \
                subj.left_edge.lower_ == "not" and subj.doc[subj.left_edge.i + 1].lower_ == "one":
            return True
    # "no signs that forces are massing", "has not recorded any increase in troops": a
    # denied observation of the happening negates it.
    node = trigger.root
    for _ in range(6):
        if node.lemma_ in OBSERVING and any(c.dep_ == "neg" or c.dep_ in ("dobj", "nsubjpass") and any(
                g.lower_ in ("no", "zero") and g.dep_ == "det" for g in c.children)
                or c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lower_ in NOBODY and not _nothing_but(c)
                for c in node.children):
            # "has not recorded any ...", "saw no military vehicles heading ...", "nobody has seen",
            # "had seen nothing to suggest that missiles were brought", "nothing we see suggests that ...",
            # "no Wagner units had been seen moving", "none of the trains has been seen unloading"
            return True
        if node.lemma_ in EVIDENCE_NOUNS and any(c.lower_ in ("no", "zero") for c in node.children):
            return True
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ in ("attr", "dobj") and c.lemma_ in EVIDENCE_NOUNS and any(
                g.lower_ in ("no", "zero") for g in c.children) for c in node.children):
            return True  # "there was no sign yet of a strike group forming"
        if node.head == node or (node.dep_ == "conj" and node.pos_ in ("VERB", "AUX")):
            break  # "saw no immediate threat but was reinforcing positions": the second verb says its own
        node = node.head
    if _debunked(trigger.root):
        return True
    mistaken = corrected(trigger.sent)
    if mistaken is not None and mistaken.start <= trigger.root.i < mistaken.end:
        return True
    negs = [h for h in hedges if h.label_ == "negation"]
    for h in negs:
        lemma = h.root.lemma_
        if lemma in REJECTING and any(
                t.text == ";" for t in trigger.doc[trigger.end:h.start]):
            continue  # "X happened; Minsk denies it": a rebuttal of its own (see attribute.rebuttal)
        if lemma in REJECTING and not _beside(trigger.root, h.root):
            # "denied that ... moved": the denial governs the happening
            node = trigger.root
            for _ in range(6):
                if node == h.root:
                    return True
                if node.head == node:
                    break
                node = node.head
            if h.root.head == h.root or trigger.root.i > h.root.i:
                return True
        if lemma in ("no", "nothing", "none") and h.start < trigger.start and trigger.start - h.end <= 3:
            return True
    return False
