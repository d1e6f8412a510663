"""A second reader of sentence types: spaCy's multi-label text classifier.

The linear type model (`typemodel.py`) weighs what the rules and the parse make of a
sentence. This one reads the words themselves, through word vectors and a small CNN it
learns from the gold set (beside a bag of words), so it hears how a sentence is put where
no single feature does. The type model averages the two opinions.

Stored as the component's own bytes, gzipped with no time stamp (`models/types_textcat.bin.gz`);
the pipeline around it is the blank English tokenizer and the network's configuration, which
the type model's file keeps (so a classifier trained with another configuration than `MODEL`
still loads).
"""

from __future__ import annotations

import gzip
import random
import zlib
from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example

from borderwatch.errors import InputError

EPOCHS = 6  # measured on one dev fold: the average with the linear model gains nothing after 4
BATCH = 64
DROPOUT = 0.2
# spaCy's default multi-label ensemble, smaller: unigrams hashed into 65,536 rows lose
# nothing measurable against 262,144, and a CNN of width 48 reads as well as 64 on one dev
# fold at 60 % of the cost per sentence
MODEL = {
    "@architectures": "spacy.TextCatEnsemble.v2", "nO": None,
    "tok2vec": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 48, "rows": [2000, 2000, 500, 1000, 500],
                  "attrs": ["NORM", "LOWER", "PREFIX", "SUFFIX", "SHAPE"], "include_static_vectors": False},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 48, "window_size": 1,
                   "maxout_pieces": 3, "depth": 2}},
    "linear_model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "length": 65536,
                     "ngram_size": 1, "no_output_layer": False, "nO": None},
}


def _pipeline(labels: tuple[str, ...], model: dict) -> Language:
    nlp = spacy.blank("en")
    cat = nlp.add_pipe("textcat_multilabel", config={"threshold": 0.5, "model": model})
    for label in labels:
        cat.add_label(label)
    return nlp


class TextCat:
    """Sentence text -> a probability per label."""

    def __init__(self, nlp: Language, model: dict):
        self.nlp = nlp
        self.model = model  # the network's configuration, needed to read the bytes back

    @classmethod
    def train(cls, texts: list[str], labels: list[set[str]], names: tuple[str, ...], epochs: int = EPOCHS,
              seed: int = 0, progress: Callable[[], None] | None = None) -> TextCat:
        """Fit on sentences and their label sets; the same data and seed give the same model."""
        if not texts:
            raise InputError("no sentences to train the text classifier on")
        spacy.util.fix_random_seed(seed)
        nlp = _pipeline(names, MODEL)
        examples = [Example.from_dict(nlp.make_doc(t), {"cats": {n: float(n in lab) for n in names}})
                    for t, lab in zip(texts, labels)]
        optimizer = nlp.initialize(lambda: examples)
        order = random.Random(seed)
        for _ in range(epochs):
            order.shuffle(examples)
            for batch in spacy.util.minibatch(examples, size=BATCH):
                nlp.update(batch, sgd=optimizer, drop=DROPOUT)
            if progress is not None:
                progress()
        return cls(nlp, MODEL)

    def probabilities(self, texts: list[str]) -> list[dict[str, float]]:
        return [dict(d.cats) for d in self.nlp.pipe(texts, batch_size=256)]

    def to_bytes(self) -> bytes:
        return gzip.compress(self.nlp.get_pipe("textcat_multilabel").to_bytes(), compresslevel=9, mtime=0)

    @classmethod
    def from_bytes(cls, raw: bytes, names: tuple[str, ...], origin: str = "text classifier",
                   model: dict | None = None) -> TextCat:
        """`model`: the configuration it was trained with, `MODEL` when not given."""
        model = MODEL if model is None else model
        try:
            nlp = _pipeline(names, model)
        except Exception as e:  # spaCy's registry and config errors share no base class
            raise InputError(f"{origin}: not a text classifier configuration spaCy can build ({e})") from e
        try:
            nlp.get_pipe("textcat_multilabel").from_bytes(gzip.decompress(raw))
        except (EOFError, zlib.error, OSError, ValueError, KeyError, TypeError) as e:
            raise InputError(f"{origin}: not a readable text classifier, or not one of this configuration "
                             f"({e})") from e
        found = tuple(nlp.get_pipe("textcat_multilabel").labels)
        if found != names:
            raise InputError(f"{origin}: a text classifier for {list(found)}, not for {list(names)}")
        return cls(nlp, model)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.to_bytes())

    @classmethod
    def load(cls, path: Path, names: tuple[str, ...], model: dict | None = None) -> TextCat:
        try:
            raw = Path(path).read_bytes()
        except OSError as e:
            raise InputError(f"{path}: not a readable text classifier ({e})") from e
        return cls.from_bytes(raw, names, str(path), model)
