from borderwatch.geo.mention import parse_mention
from borderwatch.geo.morph import lemma_variants
from borderwatch.geo.normalize import normalize, skeleton, transliterations


def test_normalize_case_accents_apostrophes_and_yo():
    assert normalize("Yel’sk") == normalize("YEL'SK") == "yelsk"
    assert normalize("Brześć") == "brzesc"
    assert normalize("Рогачёв") == "рогачев"
    assert normalize("Davyd-Haradok") == "davyd haradok"
    assert normalize("Брестi") == "брестi".replace("i", "і")  # Latin i inside a Cyrillic word


def test_transliteration_conventions():
    assert "mozyr" in transliterations("мозырь")
    assert "mazyr" in transliterations("мазыр")
    assert {"gomel", "homel"} <= transliterations("гомель")
    assert {"yelsk", "jelsk"} <= transliterations("ельск")
    assert "brest" in transliterations("брэст")
    assert "oktyabrsky" in transliterations("октябрьский")


def test_skeleton_joins_spellings():
    assert skeleton("mozyr") == skeleton("mazyr")
    assert skeleton("kalinkovichi") == skeleton("kalinkavichy")
    assert skeleton("rechitsa") == skeleton("rechytsa") == skeleton("rechica")


def test_parse_mention_precision_and_prepositions():
    assert parse_mention("в Мозыре").key == "мозыре"
    assert parse_mention("south of Mazyr").precision == 2
    assert parse_mention("near Yelsk").key == "yelsk"
    assert parse_mention("10 km north of Gomel").precision == 2
    m = parse_mention("Гомельской области")
    assert m.region and m.key == "гомельской" and m.precision == 3
    assert parse_mention("Mazyr district").district


def test_lemma_variants_undo_case_endings():
    forms = dict(lemma_variants("мозыре"))
    assert forms.get("мозырь") is False  # from the dictionary, not the fallback
    assert "калинковичи" in dict(lemma_variants("калинковичах"))
    assert "новая гута" in dict(lemma_variants("новой гуте"))
    assert "брэст" in dict(lemma_variants("брэсце"))  # Belarusian: suffix fallback
    assert lemma_variants("mazyr") == ()
