"""The English model's attribute ruler, matched faster.

The small English model's `attribute_ruler` maps tags and a few words to POS, morphology and
lemma with ~180 patterns, and spaCy's Matcher tries every pattern at every token: a tenth of
the time the model takes over a document. Its patterns are all of fixed length and test
only a token's tag, lower-case form, dependency and whether it is a space, so whether a
pattern's token matches depends on those four values alone: they are worked out once per
combination of the four and looked up after. What the ruler then sets, and in which order,
is spaCy's own code (`AttributeRuler.set_annotations`). A ruler with a pattern of any other
kind (an operator, another attribute) matches with spaCy's Matcher as before.
"""

from __future__ import annotations

import re
from typing import Callable

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc

ATTRS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # positions in a token's signature
READ = [TAG, LOWER, DEP, IS_SPACE]
CACHE = 200_000  # signatures remembered before starting afresh

Test = Callable[[tuple, Callable[[int], str]], bool]


def _test(attr: str, value) -> Test | None:
    """One constraint of a pattern token as a function of the token's signature (and a way to
    read a hash as text, for regular expressions); None for a kind the Matcher has and this
    does not."""
    at = ATTRS.get(attr)
    if at is None:
        return None
    if not isinstance(value, dict):
        want = int(value) if isinstance(value, bool) else get_string_id(value)
        return lambda sig, text: sig[at] == want
    if len(value) != 1:
        return None
    (op, arg), = value.items()
    if op == "IN":
        wanted = {get_string_id(v) for v in arg}
        return lambda sig, text: sig[at] in wanted
    if op == "NOT_IN":
        unwanted = {get_string_id(v) for v in arg}
        return lambda sig, text: sig[at] not in unwanted
    if op == "REGEX" and at != ATTRS["IS_SPACE"]:
        pattern = re.compile(arg)
        return lambda sig, text: bool(pattern.search(text(sig[at])))
    return None


class FastAttributeRuler(AttributeRuler):
    """An `AttributeRuler` that finds the same matches with a dictionary per token."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._compiled: list | None = None

    def add(self, *args, **kwargs) -> None:
        super().add(*args, **kwargs)
        self._compiled = None  # compiled again on the next document

    def _compile(self) -> list:
        """Per rule (in the order the ruler applies them), its patterns as lists of token tests;
        [] when some pattern is of a kind only the Matcher knows."""
        rules = []
        for i in range(len(self.attrs)):
            key = str(i)
            match_id = self.vocab.strings.add(key)
            patterns = []
            for pattern in self.matcher.get(key)[1]:
                tokens = []
                for spec in pattern:
                    tests = [_test(a, v) for a, v in spec.items()]
                    if not spec or None in tests:
                        return []
                    tokens.append(tests)
                patterns.append(tokens)
            rules.append((i, match_id, patterns))
        return rules

    def _hold(self, sig: tuple) -> tuple:
        """For a signature: the patterns that may start at such a token, with their widths, and
        every (rule, pattern, position) it fits."""
        text = self.vocab.strings.__getitem__
        slots = frozenset(slot for slot, tests in self._slot_tests if all(test(sig, text) for test in tests))
        opening = tuple((r, p, len(self._compiled[r][2][p])) for r, p, k in sorted(slots) if k == 0)
        self._held[sig] = (opening, slots)
        return self._held[sig]

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if self._compiled is None:
            self._compiled = self._compile()
            # every (rule, pattern, position) with its token's tests, and what each signature fits
            self._slot_tests = [((r, p, k), tests) for r, (_, _, patterns) in enumerate(self._compiled)
                                for p, tokens in enumerate(patterns) for k, tests in enumerate(tokens)]
            self._held: dict[tuple, tuple] = {}
        if not self._compiled:
            return super().match(doc)
        held = self._held
        if len(held) > CACHE:
            held.clear()
        matches = []
        signatures = [tuple(row) for row in doc.to_array(READ).tolist()]
        found = [held.get(sig) or self._hold(sig) for sig in signatures]
        n = len(doc)
        for start, (opening, _) in enumerate(found):
            for r, p, width in opening:
                if width == 1 or (start + width <= n and all(
                        (r, p, k) in found[start + k][1] for k in range(1, width))):
                    i, match_id, _ = self._compiled[r]
                    matches.append((i, match_id, start, start + width))
        # the ruler's order: by rule, then position; a span matched by two patterns of a rule once
        return sorted(set(matches))
