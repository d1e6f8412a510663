"""The text classifier beside the linear type model: training, its file, and the average."""

import gzip

import pytest

from borderwatch.errors import InputError
from borderwatch.extract.textcat import TextCat
from borderwatch.extract.typemodel import TYPES, TypeModel

SENTENCES = [
    ("A column of T-72 tanks drove south from Mazyr towards the border.", {"movement"}),
    ("Two echelons with BMP-2 vehicles arrived at Luninets station overnight.", {"movement"}),
    ("Trucks with pontoon sections were seen heading to Khoiniki.", {"movement"}),
    ("Some 9,000 Russian soldiers remain stationed at the Obuz-Lesnovsky range.", {"deployment"}),
    ("An S-400 battery is still deployed near Gomel airfield.", {"deployment"}),
    ("The ministry announced a snap readiness check of the 6th Mechanised Brigade.", {"statement", "exercise"}),
    ("Units of the western command began tactical drills near Brest.", {"exercise"}),
    ("Engineers are digging trenches and laying mines along the Pripyat.", {"construction"}),
    ("Reservists in the Vitebsk region received call-up papers on Monday.", {"mobilization"}),
    ("Missiles launched from Belarusian territory hit a depot near Zhytomyr.", {"strike"}),
    ("ISW assesses that Belarus is highly unlikely to join the ground war.", {"assessment"}),
    ("The weather in Minsk stayed mild all week.", set()),
]
TINY = ("movement", "exercise")


def _tiny(epochs=25, seed=0) -> TextCat:
    return TextCat.train([t for t, _ in SENTENCES], [lab for _, lab in SENTENCES], TYPES, epochs=epochs, seed=seed)


@pytest.fixture(scope="module")
def tiny():
    return _tiny()


def test_it_learns_its_training_sentences_and_the_same_data_gives_the_same_bytes(tiny):
    probs = tiny.probabilities([t for t, _ in SENTENCES])
    hits = sum(all((p[t] >= 0.5) == (t in lab) for t in TYPES) for p, (_, lab) in zip(probs, SENTENCES))
    assert hits >= 10  # twelve sentences, eight types
    assert set(probs[0]) == set(TYPES) and all(0 <= v <= 1 for p in probs for v in p.values())
    assert _tiny().to_bytes() == tiny.to_bytes()  # seeded: a retrain rewrites the file byte for byte
    assert _tiny(seed=1).to_bytes() != tiny.to_bytes()


def test_it_round_trips_through_its_file(tiny, tmp_path):
    tiny.save(tmp_path / "tc.bin.gz")
    again = TextCat.load(tmp_path / "tc.bin.gz", TYPES)
    text = ["Tanks were unloaded at Yelsk on Tuesday."]
    assert again.probabilities(text) == tiny.probabilities(text)


@pytest.mark.parametrize("raw", [b"", b"\x1f\x8b\x08", b"not gzip at all", gzip.compress(b"\x00" * 50),
                                 gzip.compress(b"\x81\xa5hello")])
def test_a_broken_file_is_a_clear_error(raw):
    with pytest.raises(InputError, match="not a readable text classifier"):
        TextCat.from_bytes(raw, TYPES)


def test_a_file_for_other_labels_or_no_file_is_a_clear_error(tiny, tmp_path):
    with pytest.raises(InputError, match="not for"):
        TextCat.from_bytes(tiny.to_bytes(), TINY)
    with pytest.raises(InputError, match="not a readable text classifier"):
        TextCat.load(tmp_path / "absent.bin.gz", TYPES)
    with pytest.raises(InputError, match="no sentences"):
        TextCat.train([], [], TYPES)


def test_a_classifier_of_another_configuration_still_loads_from_the_type_models_file(tmp_path, monkeypatch):
    from borderwatch.extract import textcat

    narrow = {**textcat.MODEL, "tok2vec": {**textcat.MODEL["tok2vec"],
                                           "embed": {**textcat.MODEL["tok2vec"]["embed"], "width": 16},
                                           "encode": {**textcat.MODEL["tok2vec"]["encode"], "width": 16}}}
    monkeypatch.setattr(textcat, "MODEL", narrow)
    small = _tiny(epochs=3)
    _with(small).save(tmp_path / "types.json.gz")
    monkeypatch.undo()  # a later version with another network: the file says what it was trained as
    text = ["Tanks were unloaded at Yelsk on Tuesday."]
    assert TypeModel.load(tmp_path / "types.json.gz").textcat.probabilities(text) == small.probabilities(text)
    with pytest.raises(InputError, match="not one of this configuration"):
        TextCat.from_bytes(small.to_bytes(), TYPES)  # read as today's network, it does not fit
    with pytest.raises(InputError, match="configuration spaCy can build"):
        TextCat.from_bytes(small.to_bytes(), TYPES, model={"@architectures": "no.such.v1"})


def _with(tiny, mix=0.5) -> TypeModel:
    return TypeModel(weights={"w=column": (2.0,) + (0.0,) * (len(TYPES) - 1)}, bias=(-1.0,) * len(TYPES),
                     keep=0.3, add=0.6, textcat=tiny, mix=mix)


def test_the_type_model_averages_the_two_readers_and_saves_them_side_by_side(tiny, tmp_path):
    model = _with(tiny, mix=0.25)
    linear = TypeModel(weights=model.weights, bias=model.bias, keep=0.3, add=0.6).probabilities({"w=column": 1.0})
    read = tiny.probabilities([SENTENCES[0][0]])[0]
    p = model.probabilities({"w=column": 1.0}, read)
    assert p["movement"] == pytest.approx(0.75 * linear["movement"] + 0.25 * read["movement"])
    assert model.probabilities({"w=column": 1.0}) == linear  # no reading given: the linear model alone
    model.save(tmp_path / "types.json.gz")
    assert (tmp_path / "types_textcat.bin.gz").read_bytes() == tiny.to_bytes()
    again = TypeModel.load(tmp_path / "types.json.gz")
    assert again.mix == 0.25 and again.probabilities({"w=column": 1.0}, read) == pytest.approx(p)
    (tmp_path / "types_textcat.bin.gz").unlink()
    with pytest.raises(InputError, match="text classifier"):  # the file names a companion that is gone
        TypeModel.load(tmp_path / "types.json.gz")


def test_decide_reads_the_sentence_itself_when_not_read_beforehand(tiny, extractor):
    doc = extractor.nlp("A column of T-72 tanks drove south from Mazyr towards the border. Drills began at Brest.")
    first, second = list(doc.sents)
    model = _with(tiny)
    read = model.read([first], [second])  # two documents' sentences, read in one batch
    assert [list(r) for r in read] == [[(first.start, first.end)], [(second.start, second.end)]]
    assert read[0][(first.start, first.end)] == model.read([first])[0][(first.start, first.end)]
    assert model.decide({}, {"w=column": 1.0}, first) == model.decide(
        {}, {"w=column": 1.0}, first, model.judge({"w=column": 1.0}, first, read[0][(first.start, first.end)]))
    assert TypeModel(weights={}, bias=(0.0,) * len(TYPES), keep=0.5, add=0.5).read([first]) == [{}]


def test_the_extractor_asks_the_text_classifier_once_per_batch_of_documents(tiny, extractor, make_doc):
    from borderwatch.extract import Extractor

    calls = []

    class Counting(TextCat):
        def probabilities(self, texts):
            calls.append(len(texts))
            return super().probabilities(texts)

    model = _with(Counting(tiny.nlp, tiny.model))
    docs = [make_doc("Belaruski Hajun reported that a column of Russian tanks moved from Mazyr towards the border. "
                     "The weather was mild. Engineers dug trenches near Yelsk on Tuesday."),
            make_doc("Belarus will likely hold drills near Brest. The harvest was good."),
            make_doc("Nothing about the army here at all.")]
    got = dict((d.id, obs) for d, obs in Extractor(nlp=extractor.nlp, type_model=model).extract_many(docs, batch_size=8))
    assert len(calls) == 1 and calls[0] >= 3  # the sentences with event words of all three, in one batch
    assert got[docs[0].id] and not got[docs[2].id]
    alone = Extractor(nlp=extractor.nlp, type_model=model).extract(docs[0])
    assert [o.to_json() for o in alone] == [o.to_json() for o in got[docs[0].id]]  # the batch changes nothing


def test_where_no_forces_are_in_sight_the_linear_model_alone_decides():
    from borderwatch.extract.typemodel import average

    linear, read = {"movement": 0.1}, {"movement": 0.96}  # "My neighbour drove to Homel yesterday."
    assert average(linear, read, 0.4, {"w=drive": 1.0})["movement"] == pytest.approx(0.6 * 0.1 + 0.4 * 0.96)
    assert average(linear, read, 0.4, {"w=drive": 1.0, "unanchored": 1.0}) == linear
    assert average(linear, None, 0.4, {}) == linear


def test_a_private_persons_drive_is_no_movement(extractor, make_doc):
    obs = extractor.extract(make_doc("My neighbour drove to Homel yesterday.\n\nHe says a column of twenty "
                                     "Belarusian trucks passed Rechytsa going south.", kind="citizen"))
    assert [o.evidence.text[:12] for o in obs if o.type == "movement"] == ["He says a co"]


def test_each_observation_carries_how_sure_the_type_model_was(extractor, rules, make_doc):
    doc = make_doc("Belaruski Hajun reported that a column of Russian tanks moved from Mazyr towards the border on "
                   "Tuesday. Ukrainian officials said that Belarus may also hold drills near Brest.")
    obs = extractor.extract(doc)
    assert obs and all(o.type_score is not None and 0 <= o.type_score <= 1 for o in obs)
    move = next(o for o in obs if o.type == "movement")
    assert move.type_score >= extractor.inner.type_model.keep  # kept, so at least the threshold
    assert move.to_json()["type_score"] == move.type_score
    assert all(o.type_score is None for o in rules.extract(doc))  # the rules alone give no probability
