"""The fast attribute ruler sets what the English model's own ruler sets."""

import spacy

from borderwatch.extract import MODEL
from borderwatch.extract.ruler import FastAttributeRuler

# contractions and "there is" are the ruler's two-token patterns; the rest its tag map
TEXTS = [
    "Belaruski Hajun said 12 T-72B3 tanks ain't moving near Mazyr, and y'all gotta see it.",
    "There's a column of 30 KamAZ trucks. Let's wait; c'mon, they're gonna cross at Mazyr!",
    "The ministry won't say whether it's true. We didn't film them, did you? Nothing's changed.",
    "Ми-8 вертолёты над Гомелем. \n\n  Two Su-25s landed at Luninets overnight —   17 in all.",
    "", "   ", "!!!", "I me you it him 's 're 'm not n't never",
]


def attributes(doc):
    return [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_the_fast_ruler_sets_what_the_models_ruler_sets(extractor):
    stock = spacy.load(MODEL)
    fast = extractor.nlp
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    with fast.select_pipes(enable=stock.pipe_names):
        for text in TEXTS:
            assert attributes(fast(text)) == attributes(stock(text)), text


def test_a_pattern_the_fast_ruler_cannot_read_goes_to_spacys_matcher():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("bw_attribute_ruler")
    ruler.add([[{"LOWER": "tank"}]], {"LEMMA": "TANK"})
    assert nlp("a tank")[1].lemma_ == "TANK"
    assert ruler._compiled  # read by the fast path
    # an operator ("one or more") is the Matcher's alone
    ruler.add([[{"LOWER": "big", "OP": "+"}, {"LOWER": "guns"}]], {"LEMMA": "GUN"}, index=-1)
    doc = nlp("big big guns and a tank")
    assert ruler._compiled == []
    assert [t.lemma_ for t in doc][2:] == ["GUN", "", "", "TANK"]
