"""Extraction on hand-written sentences (the project's own, not copied from anywhere)."""

import pytest

from borderwatch.extract.attribute import ActorTable
from borderwatch.extract.lexicons import load_lexicons
from borderwatch.extract.numbers import parse_quantity
from borderwatch.extract.timeref import find_times, resolve
import datetime as dt


def _one(obs, etype):
    found = [o for o in obs if o.type == etype]
    assert found, f"no {etype} in {[o.type for o in obs]}"
    return found[0]


def test_movement_with_model_count_place_direction_time_and_attribution(extractor, make_doc):
    doc = make_doc("According to Belaruski Hajun, 12 T-72B3 tanks with red squares painted on their turrets "
                   "moved south from Mazyr towards the Ukrainian border on Tuesday.")
    o = _one(extractor.extract(doc), "movement")
    assert o.actor is None or o.actor.country in ("BY", "RU")
    assert [(e.cls, e.model, e.count) for e in o.equipment] == [("tank", "T-72B3", 12)]
    assert o.attribution.name == "Belaruski Hajun" and o.attribution.kind == "monitoring_group"
    assert o.modality == "claimed"
    assert o.toward.relation == "toward" and o.toward.country == "UA" and o.toward.text == "towards the Ukrainian border"
    assert o.time.date == dt.date(2024, 5, 14) and o.time.precision == "day"
    assert "red square" in o.markings
    assert any(p.text == "Mazyr" for p in o.locations)
    assert doc.text[o.evidence.start:o.evidence.end] == o.evidence.text
    # the direction as written ends with the country it names
    o = _one(extractor.extract(make_doc("A video showing Belarusian tanks moving towards Ukraine has been circulating "
                                        "on social media.")), "movement")
    assert (o.toward.text, o.toward.country) == ("towards Ukraine", "UA")


def test_every_observation_points_at_its_evidence(extractor, make_doc):
    doc = make_doc("Overnight two echelons of 40 flatcars arrived at Kalinkavichy. "
                   "The Belarusian Ministry of Defence wrote on Telegram that a snap combat readiness check had begun.")
    obs = extractor.extract(doc)
    assert obs
    for o in obs:
        assert o.doc == doc.id
        assert doc.text[o.evidence.start:o.evidence.end] == o.evidence.text
        if o.trigger:
            assert doc.text[o.trigger.start:o.trigger.end] == o.trigger.text
    move = _one(obs, "movement")
    assert move.equipment[0].count == 80 and move.equipment[0].cls == "flatcar"
    ex = _one(obs, "exercise")
    assert ex.attribution.kind == "ministry" and ex.modality == "claimed"


@pytest.mark.parametrize("sentence", [
    "On 24 February Russian troops crossed into Ukraine from Belarus.",  # a date
    "A two-day command-staff exercise of the 19th Mechanised Brigade began at the Gozhsky training ground.",
    "Residents report that a second S-400 battery has taken up position near Homel.",  # a battery of machines
    "Of the forty Tor-M2 launchers brought in for the drills, twelve remain near Homel.",  # machines, not people
    "Satellite images taken on Saturday by a US company show a field hospital near Mazyr.",  # a business
    "Belarus will not join the war because many Belarusian officers oppose it.",  # "many" is no figure
    # an age before a verb the parser hangs on the noun; a list's number
    "In the Vitebsk region, men up to the age of 45 received summonses for refresher training this month.",
    "2) Summonses for a two-week muster are being handed out to reservists in the Stolin district.",
])
def test_dates_lengths_of_time_and_batteries_of_machines_are_no_force_levels(extractor, make_doc, sentence):
    assert all(o.personnel is None for o in extractor.extract(make_doc(sentence)))


def test_formations_named_without_a_number_are_units(extractor, make_doc):
    o = _one(extractor.extract(make_doc("On Thursday the mechanised battalions will practise holding a defensive line "
                                        "near Brest.")), "exercise")
    assert (o.personnel.count, o.personnel.unit) == (None, "battalion")
    assert all(o.personnel is None for o in extractor.extract(make_doc("Two S-400 battalions were deployed near "
                                                                       "Hrodna.")))
    # a unit someone belongs to, or one named by its kind, is a force; a named unit says who, not how many
    o = _one(extractor.extract(make_doc("My cousin says his battalion was loaded onto a train at night and sent to "
                                        "the Homel region.")), "movement")
    assert (o.personnel.count, o.personnel.unit) == (None, "battalion")
    o = _one(extractor.extract(make_doc("Elements of a Russian motorised rifle brigade arrived at the Gozhsky training "
                                        "ground by rail on Saturday.")), "movement")
    assert o.personnel.unit == "brigade"
    # units named by the arm they serve ("two artillery battalions"), battalion tactical groups, "the other battalion"
    for text in ("Belarus has moved two artillery battalions closer to the Chernihiv border.",
                 "In July Belarus moved battalion tactical groups into the Homel region.",
                 "The other battalion of the brigade moved back to Hrodna on Friday."):
        o = _one(extractor.extract(make_doc(text)), "movement")
        assert (o.personnel.count, o.personnel.unit) == (None, "battalion"), text
    o = _one(extractor.extract(make_doc("Paratroopers of the 103rd Airborne Brigade were seen loading BMD-2s onto a "
                                        "train at Vitebsk.")), "movement")
    assert o.personnel is None


def test_personnel_counts_in_digits_and_words(extractor, make_doc):
    obs = extractor.extract(make_doc(
        "Ukraine's Resistance Centre said some 9,000 Russian servicemen are stationed in Belarus. "
        "Several hundred Belarusian conscripts were deployed to the Brest region."))
    counts = sorted((o.personnel.count, o.personnel.high) for o in obs if o.personnel)
    assert (200, 900) in counts and (9000, None) in counts
    russian = next(o for o in obs if o.personnel and o.personnel.count == 9000)
    assert russian.actor.country == "RU" and russian.type == "deployment"
    # "people" and "members" count a force's men, and name no force themselves
    o = _one(extractor.extract(make_doc("Polish officials say around 100 Wagner members have moved towards Grodno.")),
             "movement")
    assert (o.personnel.count, o.actor.name) == (100, "Wagner Group")
    obs = extractor.extract(make_doc("The Belarusian mobilisation exercise in the Vitebsk region will involve about "
                                     "1,500 people."))
    assert {o.personnel.count for o in obs if o.personnel} == {1500}


def test_opposite_estimative_judgements_by_one_think_tank(extractor, make_doc):
    obs = extractor.extract(make_doc(
        "The Institute for the Sturdy of War said Belarusian troops could join the fighting in Ukraine. "
        "The think tank also judged that Belarus is highly unlikely to invade Ukraine this year."))
    a = [o for o in obs if o.type == "assessment"]
    assert len(a) == 2
    assert {o.attribution.name for o in a} == {"Institute for the Study of War"}
    assert [o.modality for o in a] == ["possible", "unlikely"]
    assert a[1].estimative.band == "very unlikely"
    assert 0.05 <= a[1].estimative.low < a[1].estimative.high <= 0.20


@pytest.mark.parametrize("written, name", [
    ("Institute for the Sturdy of War", "Institute for the Study of War"),
    ("Lukashneko", "Alexander Lukashenko"),
    ("Wagnar Group", "Wagner Group"),
    ("Belarusian ministry", None),  # a body of another kind, spelt right: not "Belarusian military"
    ("US 173rd Airborne Brigade", None),  # another number
    ("Southern Operational Command", None),  # another quarter: not the Western Operational Command
    ("Belarusian TV", None),  # a short acronym: not "Belarusian MVD"
])
def test_fuzzy_names_mend_misspellings_not_other_words(written, name):
    hit = ActorTable(load_lexicons()).fuzzy(written)
    assert (hit[0] if hit else None) == name
    assert hit is None or 0.88 <= hit[1] < 1


def test_a_ministry_named_by_its_country_is_that_ministry(extractor, make_doc):
    o = _one(extractor.extract(make_doc('The Belarusian ministry says the Iskander-M systems have "entered service" '
                                        "with the 465th Missile Brigade.")), "deployment")
    assert (o.attribution.kind, o.attribution.name) == ("ministry", "Belarusian Ministry of Defence")
    # an unnamed spokesman speaks for the body named beside him
    o = _one(extractor.extract(make_doc("No Lithuanian units have moved to the border, a defence ministry spokesman "
                                        "said on Tuesday.")), "movement")
    assert o.attribution.kind == "ministry"


def test_denial_is_a_negated_movement(extractor, make_doc):
    obs = extractor.extract(make_doc(
        "The Belarusian Defence Ministry denied that any units had moved towards the border with Ukraine."))
    o = _one(obs, "movement")
    assert o.modality == "negated" and o.attribution.kind == "ministry"


def test_forces_sent_or_moved_in_no_number_are_a_denial(rules, make_doc):
    o = _one(rules.extract(make_doc("Lukashenko repeated on Monday that Belarus had sent no soldiers of its own "
                                    "into Ukraine.")), "movement")
    assert o.modality == "negated"
    # "no fewer than" is a number, not a denial
    o = _one(rules.extract(make_doc("Belarus sent no fewer than 2,000 troops to the border.")), "movement")
    assert o.modality == "asserted"


def test_what_was_not_even_tried_did_not_happen_and_them_is_what_was_named(extractor, rules, make_doc):
    text = "Two Shahed drones crossed into the Homel region near Komarin. Belarusian air defence did not attempt " \
           "to intercept them."
    assert _one(extractor.extract(make_doc(text)), "strike").modality == "negated"
    # the rules take "them" up (the equipment check may drop it: the gold lists few pieces named before)
    assert [e.model for e in _one(rules.extract(make_doc(text)), "strike").equipment] == ["Shahed-136"]
    assert _one(extractor.extract(make_doc("Polish jets failed to shoot down the drone over Lublin.")),
                "strike").modality == "negated"
    assert _one(extractor.extract(make_doc("Polish jets managed to shoot down the drone over Lublin.")),
                "strike").modality == "asserted"


def test_background_recollection_is_flagged(extractor, make_doc):
    obs = extractor.extract(make_doc(
        "In February 2022 Russian columns crossed from Belarus into the Kyiv region."))
    assert obs and all(o.background for o in obs)


def test_video_on_social_media_is_the_attribution(extractor, make_doc):
    o = _one(extractor.extract(make_doc(
        "A video circulating on social media shows Belarusian BMP-2s driving through Yelsk.")), "movement")
    assert o.attribution.kind == "social_media" and o.actor.country == "BY"
    assert o.equipment[0].model == "BMP-2"


def test_irrelevant_text_costs_no_nlp(extractor, make_doc):
    assert not extractor.relevant("The weather in Minsk will be mild and sunny all weekend.")
    assert extractor.extract(make_doc("The weather in Minsk will be mild and sunny all weekend.")) == []
    assert extractor.relevant("Convoys of trucks were seen.")


@pytest.mark.parametrize("words, low, high", [
    ("12", 12, None), ("about 30", 30, None), ("12,000", 12000, None), ("twenty-five", 25, None),
    ("several hundred", 200, 900), ("1,500 to 2,000", 1500, 2000), ("a dozen", 12, None),
    ("two dozen", 24, None), ("half a dozen", 6, None), ("about a hundred and fifty", 150, None),
    ("one hundred and twenty", 120, None), ("between three and four hundred", 300, 400),
    ("maybe fifty or sixty", 50, 60), ("three to four thousand", 3000, 4000),
    # the tokenizer splits "Forty-one" at its hyphen
    ("Forty - one", 41, None), ("about twenty - two", 22, None), ("1,500 - 2,000", 1500, 2000),
    # vague amounts as the annotation guide reads them
    ("hundreds of", 200, 900), ("thousands", 2000, 9000), ("tens of thousands of", 10000, 90000),
    ("hundreds of thousands of", 200000, 900000), ("several dozen", 20, 90),
])
def test_quantities(words, low, high):
    q = parse_quantity(words.split())
    assert (q.low, q.high) == (low, high)


@pytest.mark.parametrize("text, date, precision", [
    ("on Tuesday", dt.date(2024, 5, 14), "day"),
    ("overnight", dt.date(2024, 5, 16), "day"),
    ("last week", dt.date(2024, 5, 6), "week"),
    ("14 May", dt.date(2024, 5, 14), "day"),
    ("February 2022", dt.date(2022, 2, 1), "month"),
    ("2024-13-45", None, "unknown"),
    ("at about 4 am", dt.date(2024, 5, 16), "day"),
    ("at 06:10", dt.date(2024, 5, 16), "day"),
    ("tomorrow", dt.date(2024, 5, 17), "day"),
    ("this year", dt.date(2024, 1, 1), "year"),
    ("two years ago", dt.date(2022, 1, 1), "year"),
    ("one year ago today", dt.date(2023, 5, 16), "day"),
    ("a week ago", dt.date(2024, 5, 9), "day"),
    ("three days ago", dt.date(2024, 5, 13), "day"),
    ("two months ago", dt.date(2024, 3, 1), "month"),
    ("since autumn 2021", dt.date(2021, 1, 1), "year"),
    ("last September", dt.date(2023, 9, 1), "month"),
    ("by the end of the month", dt.date(2024, 5, 1), "month"),
    ("at the end of March 2022", dt.date(2022, 3, 1), "month"),
    ("in February and March 2022", dt.date(2022, 2, 1), "month"),
    ("May 20", dt.date(2024, 5, 20), "day"),  # four days ahead: an announced date, not last year's
    ("from 12 to 16 May", dt.date(2024, 5, 12), "day"),  # a span of days starts on its first
    ("between 1 and 3 April", dt.date(2024, 4, 1), "day"),
    ("on 15, 17 and 18 April", dt.date(2024, 4, 15), "day"),
    ("now", dt.date(2024, 5, 16), "day"),
    ("at dawn", dt.date(2024, 5, 16), "day"),
    ("around 4 pm", dt.date(2024, 5, 16), "day"),
    ("around 08:00", dt.date(2024, 5, 16), "day"),
    ("around 11:00", dt.date(2024, 5, 15), "day"),  # later than the report was published: the day before
    ("shortly after five", dt.date(2024, 5, 16), "day"),
    ("from March", dt.date(2024, 3, 1), "month"),  # a month, not a clock time
    ("that evening", None, "unknown"),  # told by an earlier sentence: the caller carries its date
    ("next week", dt.date(2024, 5, 20), "week"),
    ("all morning", dt.date(2024, 5, 16), "day"),
    ("all night", dt.date(2024, 5, 16), "day"),
    ("for most of the afternoon", dt.date(2024, 5, 16), "day"),
    ("forty minutes ago", dt.date(2024, 5, 16), "day"),
    ("half an hour ago", dt.date(2024, 5, 16), "day"),
    ("all week", dt.date(2024, 5, 13), "week"),
    ("nine months ago", dt.date(2023, 8, 1), "month"),
    ("a year ago this morning", dt.date(2023, 5, 16), "day"),
    ("a year ago this week", dt.date(2023, 5, 15), "week"),
    ("since the morning of 24 February", dt.date(2024, 2, 24), "day"),
    ("in the spring of 2022", dt.date(2022, 1, 1), "year"),
    ("in early 2022", dt.date(2022, 1, 1), "year"),
    ("throughout 2023", dt.date(2023, 1, 1), "year"),
    ("in February last year", dt.date(2023, 2, 1), "month"),
    ("in late March this year", dt.date(2024, 3, 1), "month"),
    ("in late March 2022", dt.date(2022, 3, 1), "month"),  # a month, not the year
    ("over the weekend", dt.date(2024, 5, 11), "day"),  # the Saturday before a Thursday
    ("since the weekend", dt.date(2024, 5, 11), "day"),
    ("next weekend", dt.date(2024, 5, 18), "day"),
    ("during the night of 9 to 10 May", dt.date(2024, 5, 9), "day"),  # not "during the night" of the report
    ("by the morning of 24 February 2022", dt.date(2022, 2, 24), "day"),  # its own year
])
def test_times_resolve_against_publication(text, date, precision):
    t = resolve(text, dt.datetime(2024, 5, 16, 9, tzinfo=dt.timezone.utc))
    assert (t.date, t.precision) == (date, precision)
    if date is not None:  # and a sentence's time is found whole
        found = [x for _, _, x in find_times(f"Troops moved {text}.")]
        assert len(found) == 1 and resolve(found[0], dt.datetime(2024, 5, 16, 9, tzinfo=dt.timezone.utc)) \
            .date == date


def test_the_sentence_time_prefers_a_day_and_a_schedule_looks_ahead(extractor, make_doc):
    def time(text):
        return [o.time.date for o in extractor.extract(make_doc(text)) if o.time]  # published Thursday 16 May 2024
    assert time("Three years ago, on 24 February 2021, Russian columns crossed into Belarus.") == [dt.date(2021, 2, 24)]
    assert time("The Belarusian exercise near Brest ends on Monday, the ministry said.") == [dt.date(2024, 5, 20)]
    assert time("The joint exercise is scheduled for September.") == [dt.date(2024, 9, 1)]
    assert time("The joint exercise is due in September, and a large Russian presence is likely.") \
        == [dt.date(2024, 9, 1)] * 2
    # an exercise's name gives the year of a month written without one
    assert time("Zapad-2025 is scheduled for September.") == [dt.date(2025, 9, 1)]
    assert set(time("Russian units are arriving for Zapad-2025, which the ministry has scheduled for 12 to 16 "
                    "May.")) == {dt.date(2025, 5, 12)}
    assert time("Russian troops arrived in Brest for September drills.") == []  # not when they arrived
    # what is prepared for, planned or warned of lies ahead (published in May: February is next year's)
    assert set(time("The Russian and Belarusian armies are preparing for a joint exercise in February.")) \
        == {dt.date(2025, 2, 1)}
    assert dt.date(2025, 2, 1) in time("Russian units may be moved to Belarus for the exercise planned for February.")
    assert time("Ukrainian military intelligence warns of an offensive in February.") == [dt.date(2025, 2, 1)]
    assert time("Minsk warned in February that the troops would stay in Belarus.") == [dt.date(2024, 2, 1)]
    assert time("A second Oreshnik launcher may arrive in Belarus before the end of 2026.") == [dt.date(2026, 1, 1)]
    # a deadline lies ahead, unless told as past; the date a report was published is not what it says
    assert time("The new fortifications near Mazyr will be finished by March.") == [dt.date(2025, 3, 1)]
    assert time("Most of the Russian troops had left Belarus by March.") == [dt.date(2024, 3, 1)]
    assert time("The report, published on Monday by Ukrainian intelligence, said 4,000 Russian troops had "
                "arrived at Belarusian training grounds since April.") == [dt.date(2024, 4, 1)]
    # what is scheduled or planned for a month already gone this year is next year's
    assert time("The joint exercise with Russia is scheduled for 10 to 20 February, the ministry says.") \
        == [dt.date(2025, 2, 10)]
    assert set(time("Russian troops are now stationed at the Brestsky training ground, by Tuesday's count.")) \
        == {dt.date(2024, 5, 14)}
    assert time("Russian troops arrived in Brest on Tuesday. Later that night, twelve Su-35 fighters were spotted "
                "over Baranavichy.") == [dt.date(2024, 5, 14)] * 2
    # "during the night" is the night of the day told before, else of the report
    assert time("Russian troops arrived in Brest on Tuesday. During the night, twelve Su-35 fighters were spotted "
                "over Baranavichy.") == [dt.date(2024, 5, 14)] * 2
    assert set(time("During the night, Polish airspace was violated by drones that had entered from Belarus.")) \
        == {dt.date(2024, 5, 16)}
    # a weekend is its Saturday: the last one, or the coming one for what lies ahead
    assert time("The 6th Mechanised Brigade was sent to the Lithuanian border over the weekend.") == [dt.date(2024, 5, 11)]
    assert time("Two more echelons with T-72B3 tanks will arrive in Asipovichy over the weekend.") \
        == [dt.date(2024, 5, 18)]
    # "two days later" counts from the date told before; "At the same time," opening a sentence dates nothing
    assert time("On 9 May a train with Polonez launchers arrived at Asipovichy. Two days later, a second train with "
                "Polonez launchers passed through Minsk.") == [dt.date(2024, 5, 9), dt.date(2024, 5, 11)]
    assert time("At the same time, Belarusian engineers are digging trenches near Mazyr.") == []
    # "two years ago, on 24 February": that year's February, a recollection
    obs = extractor.extract(make_doc("Two years ago, on 24 February, Russian tanks came across near Senkivka."))
    assert [(o.time.date, o.background) for o in obs] == [(dt.date(2022, 2, 24), True)]
    # a month beats a year ("a year ago, in February 2023")
    assert set(time("A year ago, in February 2023, Belarusian partisans damaged a Russian A-50 at Machulishchy.")) \
        == {dt.date(2023, 2, 1)}
    # a bound on a count ("more than 30,000") is no comparison with another time
    assert time("More than 30,000 Russian troops are now in Belarus.") == [dt.date(2024, 5, 16)]
    # a weekday with its date written out: the date, not the weekday counted back from publication
    assert time("Thursday 9 May: the last Russian echelons were unloaded at Baranavichy.") == [dt.date(2024, 5, 9)]
    assert time("On Monday, May 6, two echelons with T-72B3 tanks arrived at Asipovichy.") == [dt.date(2024, 5, 6)]
    # the year a happening is compared with dates nothing now
    assert time("Russian Su-25s could return to Belarusian airfields for joint training, as they did in 2023.") == []
    assert time("ISW assesses that Russia may leave equipment in Belarus afterwards, as it did after Zapad-2021.") == []
    assert time("Russian Su-25s returned to Belarusian airfields for joint training in 2023.") == [dt.date(2023, 1, 1)]
    assert time("On Tuesday at 14:20 a Polish Mi-24 helicopter flew along the border.") == [dt.date(2024, 5, 14)]
    # a deadline ahead ("until Friday", "by Monday") and what is expected look forward; "had left by Monday" back
    assert time("Units of the 5th Spetsnaz Brigade are training near Maryina Horka until Friday, the ministry "
                "said.") == [dt.date(2024, 5, 17)]
    assert time("Reservists were told to report to the Pinsk district commissariat by Monday.") == [dt.date(2024, 5, 20)]
    assert time("Two more trains with Russian T-72B3 tanks are expected at Asipovichy on Saturday, railway workers "
                "say.") == [dt.date(2024, 5, 18)]
    assert time("The Russian battalion had left Brest by Monday, Hajun said.") == [dt.date(2024, 5, 13)]
    # "the following day" counts on from the date told; a day named beats a time of day
    assert time("Russian troops arrived in Brest on Tuesday. The next morning twelve Su-35 fighters landed at "
                "Baranavichy.") == [dt.date(2024, 5, 14), dt.date(2024, 5, 15)]
    assert time("Around 4 am on Tuesday a column of about fifteen Belarusian army trucks crossed the bridge at "
                "Mazyr.") == [dt.date(2024, 5, 14)]
    assert time("Russian troops arrived in Brest on Tuesday. An hour later, twelve Su-35 fighters were spotted "
                "over Baranavichy.") == [dt.date(2024, 5, 14)] * 2
    # every clause of a sentence that refers back takes the date told before it
    assert time("Russian troops arrived in Brest on Tuesday. The same day, a snap readiness check began in the 19th "
                "Mechanised Brigade, whose columns were seen moving towards Vitebsk.") == [dt.date(2024, 5, 14)] * 3
    # "11th Separate ... Brigade" is no date in September
    assert time("Units of the 11th Separate Guards Mechanised Brigade left their base in Slonim.") == []


def test_stated_direction_is_checked_against_the_border(extractor, make_doc):
    o = _one(extractor.extract(make_doc(
        "Belarusian tanks moved from Mazyr through Yelsk towards the Ukrainian border.")), "movement")
    assert o.toward.country == "UA" and o.toward.geometry_agrees is True
    assert 150 < o.toward.heading < 270  # roughly south-west, Mazyr to Yelsk
    away = _one(extractor.extract(make_doc(
        "Belarusian tanks moved from Yelsk to Mazyr, away from the Ukrainian border.")), "movement")
    assert away.toward.relation == "away" and away.toward.geometry_agrees is True


def test_inflected_russian_matches_dictionary_forms(extractor, make_doc):
    obs = extractor.extract(make_doc(
        "Вчера через Мозырь в сторону украинской границы прошла колонна российской техники: "
        "танки Т-72Б3 и БМП-2.", language="ru"))
    o = _one(obs, "movement")
    assert o.actor and o.actor.country == "RU"
    assert {e.model for e in o.equipment} >= {"T-72B3", "BMP-2"}
    assert o.toward and o.toward.country == "UA"
    assert o.time and o.time.date == dt.date(2024, 5, 15)


def test_coordinated_forces_of_two_countries_are_two_observations(extractor, make_doc):
    obs = [o for o in extractor.extract(make_doc(
        "Officials estimate that about 7,000 Belarusian troops and several thousand Russian servicemen "
        "are deployed near Homel.")) if o.type == "deployment"]
    by_country = {o.actor.country: o.personnel for o in obs}
    assert by_country["BY"].count == 7000
    assert (by_country["RU"].count, by_country["RU"].high) == (2000, 9000)
    assert len({o.id for o in obs}) == 2
    # forces of two countries whose phrase the parser hangs on a conjunction alone (this crashed the extractor)
    obs = extractor.extract(make_doc('The Foreign Ministry in Kyiv yesterday discovered "Belarusian tanks and Wagner" '
                                     "in the Homel region and demanded that Minsk pull them back from the border."))
    assert obs


def test_a_source_naming_itself_speaks_in_its_own_voice(extractor, make_doc):
    own = _one(extractor.extract(make_doc(
        "ISW assesses that Belarusian forces are unlikely to attack Ukraine this month.", source="isw")), "assessment")
    assert own.attribution is None and own.modality == "unlikely"
    quoted = _one(extractor.extract(make_doc(
        "ISW assesses that Belarusian forces are unlikely to attack Ukraine this month.", source="palessie-today")),
        "assessment")
    assert quoted.attribution.name == "Institute for the Study of War"


def test_the_army_in_a_ministrys_own_post_is_its_army_with_a_lower_score(extractor, make_doc):
    own = _one(extractor.extract(make_doc(
        "The army has moved three battalions closer to the border near Mazyr.", source="belarusian-mod")), "movement")
    assert own.actor.name == "Belarusian armed forces" and own.actor.score < 1
    elsewhere = _one(extractor.extract(make_doc(
        "The army has moved three battalions closer to the border near Mazyr.", source="palessie-today")), "movement")
    assert elsewhere.actor is None  # unknown stays unknown


def test_a_sentence_pointing_back_continues_the_observation_before(extractor, make_doc):
    doc = make_doc("A column of about 40 Russian vehicles moved north from Naroulia on Monday. "
                   "Among them were several BMP-2s and Tor-M2 systems. "
                   "There are also five fuel tankers parked at the station in Khoiniki.")
    obs = extractor.extract(doc)
    move = _one(obs, "movement")
    assert move.evidence.text.endswith("Tor-M2 systems.")  # the second sentence joined the first
    assert {e.cls for e in move.equipment} >= {"ifv", "sam"}
    # "There are ..." tells of something else, not more of the same column
    assert any("fuel tankers" in o.evidence.text and "Naroulia" not in o.evidence.text for o in obs)
    # joined across a paragraph's end, the evidence still ends with the words of its sentence
    move = _one(extractor.extract(make_doc("A column of about 40 Russian vehicles moved north from Naroulia on "
                                           "Monday. Among them were several BMP-2s.\n\nThe weather was fine.")),
                "movement")
    assert move.evidence.text.endswith("BMP-2s.") and move.evidence.end == move.evidence.start + len(move.evidence.text)


def test_a_continuation_with_its_own_source_or_count_is_a_claim_of_its_own(extractor, make_doc):
    obs = extractor.extract(make_doc("Three echelons with Russian equipment arrived at Kalinkavichy station overnight. "
                                     "Local residents counted at least 25 tanks on the flatcars."))
    first, second = sorted((o for o in obs if o.type == "movement"), key=lambda o: o.evidence.start)
    assert first.evidence.text.endswith("overnight.") and first.modality == "asserted"
    assert second.evidence.text.startswith("Local residents") and second.modality == "claimed"
    assert second.attribution.kind == "citizen"
    assert ("tank", 25) in [(e.cls, e.count) for e in second.equipment]
    assert all(e.cls != "tank" for e in first.equipment)


def test_construction_words_beyond_trenches(extractor, make_doc):
    for text in ("Soldiers have been putting up large tents with red crosses next to the hospital in Yelsk.",
                 "Engineers blew up the railway bridge near the border.",
                 "Satellite images show new security fences at the ammunition depot near Asipovichy."):
        assert "construction" in {o.type for o in extractor.extract(make_doc(text))}, text
    assert "construction" not in {o.type for o in extractor.extract(
        make_doc("The Belarusian Ministry of Defence said the exercise had been extended."))}


def test_clauses_that_each_tell_of_a_happening_are_observations_of_their_own(extractor, make_doc):
    doc = make_doc("The border service said on Monday that Belarusian units remain at their bases near Pinsk "
                   "and that no new strike groups have formed near the Rivne region.")
    deployments = [o for o in extractor.extract(doc) if o.type == "deployment"]
    assert sorted(o.modality for o in deployments) == ["claimed", "negated"]
    assert len({o.id for o in deployments}) == 2
    # a clause that only dates the main one is not split off
    calm = make_doc("Dmitry Peskov said the Russian troops would return to their bases once the drills were over.")
    assert len(extractor.extract(calm)) == 1


@pytest.mark.parametrize("source", ["the Belarusian Ministry of Defence said", "according to Belaruski Hajun",
                                    "our readers in Homel say"])
def test_a_closing_source_does_not_weld_two_happenings_into_one(rules, make_doc, source):
    obs = rules.extract(make_doc(f"Su-34 bombers took off from Zyabrovka towards the south on Monday, and a Ka-52 "
                                 f"landed at Luninets on Tuesday, {source}."))
    moves = sorted((o for o in obs if o.type == "movement"), key=lambda o: o.evidence.start)
    assert [o.time.date.day for o in moves] == [13, 14]
    assert [[e.model for e in o.equipment] for o in moves] == [["Su-34"], ["Ka-52"]]
    assert all(o.attribution is not None and o.modality == "claimed" for o in moves)


def test_a_hedged_happening_keeps_its_type_and_a_forecast_is_an_assessment(extractor, make_doc):
    seen = extractor.extract(make_doc("We think the Russian army trucks probably brought fuel to the airfield near Luninets."))
    assert [(o.type, o.modality) for o in seen] == [("movement", "likely")]
    ahead = extractor.extract(make_doc("Russian forces could move more Iskander-M launchers into Belarus next year."))
    assert [o.type for o in ahead] == ["assessment"]


def test_what_someone_plans_or_urges_is_a_statement_not_the_happening(extractor, make_doc):
    obs = extractor.extract(make_doc("Poland's foreign ministry urged Belarus to pull its troops back from the border."))
    assert [o.type for o in obs] == ["statement"]


def test_the_level_a_figure_is_compared_with_is_background(extractor, make_doc):
    obs = extractor.extract(make_doc("About 2,000 Russian troops remain in Belarus, down from roughly 9,000 in January."))
    now, then = sorted((o for o in obs if o.type == "deployment"), key=lambda o: o.background)
    assert now.personnel.count == 2000 and not now.background
    assert then.personnel.count == 9000 and then.background and then.time.precision == "month"


def test_a_level_compared_with_is_background_and_a_count_of_equipment_stays_equipment(rules, unchecked, make_doc):
    obs = rules.extract(make_doc("About 2,000 Russian troops remain in Belarus, compared with some 9,000 in January."))
    now, then = sorted((o for o in obs if o.type == "deployment"), key=lambda o: o.background)
    assert (now.personnel.count, now.time) == (2000, None)
    assert then.personnel.count == 9000 and then.background and then.time.date.month == 1
    obs = rules.extract(make_doc("Satellite images show 14 Su-30SM fighters at Baranavichy, down from 17 last month."))
    now, then = sorted((o for o in obs if o.type == "deployment"), key=lambda o: o.background)
    assert [(e.model, e.count) for e in now.equipment] == [("Su-30SM", 14)] and now.personnel is None
    assert [(e.model, e.count) for e in then.equipment] == [("Su-30SM", 17)] and then.personnel is None
    assert then.background and then.time.precision == "month"
    obs = unchecked.extract(make_doc("Hajun counted 23 Il-76 flights to Machulishchy this week, against nine the week "
                                     "before."))
    assert sorted(e.count for o in obs if o.type == "movement" for e in o.equipment) == [9, 23]
    # no figure compared with: "up from the south" is a way, "against Dnipro" a target
    for text in ("Columns of trucks came up from the south and drove through Naroulia.",
                 "The missile has been used only once, against Dnipro on 21 November."):
        assert not any(o.trigger and o.trigger.text.split()[0] in ("up", "against")
                       for o in rules.extract(make_doc(text))), text


def test_a_level_that_changed_from_one_figure_to_another_gives_both(extractor, make_doc):
    obs = extractor.extract(make_doc("The number of Russian troops in Belarus has fallen from around 11,000 in "
                                     "February to fewer than 3,000, according to Belaruski Hajun."))
    now, then = sorted((o for o in obs if o.type == "deployment"), key=lambda o: o.background)
    assert now.personnel.count == 3000 and now.time is None
    assert then.personnel.count == 11000 and then.background and then.time.date.month == 2
    obs = extractor.extract(make_doc("The Wagner camp near Asipovichy has shrunk from about 6,000 fighters in "
                                     "September to between 500 and 800."))
    assert sorted((o.personnel.count, o.personnel.high) for o in obs if o.personnel) == [(500, 800), (6000, None)]
    # a peak told before its figure
    obs = extractor.extract(make_doc("Hajun estimated that no more than 500 to 1,000 Wagner fighters remained at "
                                     "Tsel, down from a peak of perhaps 8,000 in late July."))
    assert sorted((o.personnel.count, o.personnel.high) for o in obs if o.personnel) == [(500, 1000), (8000, None)]
    # aircraft dropping paratroopers is no level
    obs = extractor.extract(make_doc("Some 300 Russian paratroopers were dropped from Il-76 aircraft near Brest."))
    assert all(not o.background for o in obs)


def test_a_hedge_on_a_coordinated_clause_stays_in_it(rules, make_doc):
    obs = rules.extract(make_doc("Belaruski Hajun said on Monday that at least 60 vehicles had entered the camp near "
                                 "Tsel since Saturday, and that more columns were expected."))
    assert [(o.type, o.modality) for o in obs] == [("movement", "claimed"), ("movement", "likely")]


@pytest.mark.parametrize("sentence, modality", [
    ("Lithuanian officials expect the number of Russian troops taking part on Belarusian soil to stay small.",
     "likely"),
    ("The Belarusian Ministry of Defence said on Monday it expects a few hundred instructors to remain and teach "
     "territorial defence volunteers.",
     "likely"),
    ("Ukrainian Air Force spokesman Yurii Ihnat said Kyiv did not expect the drills to turn into an attack.",
     "unlikely"),
    ("Nobody on the road expects the Ukrainians to cross here; the soldiers themselves joked about being bored.",
     "unlikely"),
    # nobody expecting
    ("The column of 40 T-72B3 tanks arrived at Asipovichy earlier than expected.", "asserted"),
])
def test_somebody_expecting_it_is_an_estimate(extractor, make_doc, sentence, modality):
    obs = extractor.extract(make_doc(sentence))
    assert obs and all(o.modality == modality for o in obs), [(o.type, o.modality) for o in obs]


def test_a_single_soldier_said_to_be_somewhere_is_a_deployment(rules, make_doc):
    obs = rules.extract(make_doc('Lukashenko said today that "not a single Belarusian soldier is in Ukraine".'))
    assert [(o.type, o.modality) for o in obs if o.type == "deployment"] == [("deployment", "negated")]


def test_a_hedged_it_is_frames_its_clause_and_is_no_judgement_of_its_own(extractor, make_doc):
    obs = extractor.extract(make_doc("It is possible that the Iskander launchers will be dispersed to field "
                                     "positions south of Mazyr in the coming days."))
    assert [(o.type, o.modality) for o in obs] == [("assessment", "possible")]
    assert [p.text for p in obs[0].locations] == ["Mazyr"]


@pytest.mark.parametrize("sentence", [
    "It is likely that two Polonez launchers will be moved to the range near Brest by May, but highly unlikely "
    "that Belarusian crews will fire them.",
    "We judge it likely that a second S-400 battalion will be deployed near Hrodna this summer, as Minsk has "
    "announced, but unlikely that it changes the balance of air defence in the region.",
])
def test_a_second_estimate_after_but_is_a_judgement_of_its_own(extractor, make_doc, sentence):
    """The second estimate has no verb of its own to cut at ("..., but highly unlikely that ...")."""
    obs = [o for o in extractor.extract(make_doc(sentence)) if o.type == "assessment"]
    assert [o.modality for o in obs] == ["likely", "unlikely"], [(o.type, o.modality) for o in obs]
    assert obs[1].estimative.text in ("highly unlikely", "unlikely")
    # a sentence with a single estimate stays one judgement
    one = extractor.extract(make_doc("It is likely that two Polonez launchers will be moved to the range near "
                                     "Brest by May, and that their crews will train there."))
    assert len([o for o in one if o.type == "assessment"]) <= 1 and "likely" in [o.modality for o in one]
    assert "unlikely" not in [o.modality for o in one]


def test_a_figure_someone_else_gave_is_their_claim_about_the_same_force(extractor, make_doc):
    obs = extractor.extract(make_doc("We estimate that about 3,000 Wagner fighters are at the Tsel camp, "
                                     "well below the 8,000 announced by Minsk."))
    ours, theirs = sorted((o for o in obs if o.type == "deployment"), key=lambda o: o.modality)
    assert ours.modality == "asserted" and ours.attribution is None and ours.personnel.count == 3000
    assert theirs.modality == "claimed" and theirs.attribution.country == "BY" and theirs.personnel.count == 8000
    assert theirs.actor.name == "Wagner Group"
    # a count with "more than" before it is no figure compared with
    obs = extractor.extract(make_doc("More than 2,000 Russian troops are now in Belarus."))
    assert [o.personnel.count for o in obs if o.type == "deployment"] == [2000]


def test_a_ministrys_own_post_speaks_for_the_ministry(extractor, make_doc):
    doc = make_doc("The snap check began on Monday at the Brestsky training ground. "
                   "The check is defensive in nature and is not directed against any neighbouring state.",
                   source="mod-by-telegram", kind="ministry")
    said = _one(extractor.extract(doc), "statement")
    assert said.actor.name == "Belarusian Ministry of Defence" and said.attribution is None
    assert said.actor.start is None  # the source itself, not a mention in the text


def test_citizens_who_saw_something_are_the_source_and_a_town_is_no_direction(extractor, make_doc):
    o = _one(extractor.extract(make_doc("A subscriber saw eight Mi-8 helicopters landing at the Mazyr airfield "
                                        "at about 9 am, heading towards Yelsk.")), "movement")
    assert o.attribution.kind == "citizen" and o.modality == "claimed"
    assert o.time.date == dt.date(2024, 5, 16)
    assert o.toward is None  # "towards Yelsk": the town is where it goes, not a border or country


def test_a_threat_or_a_signal_to_a_country_is_no_direction(extractor, make_doc):
    for text in ("We do not regard the Russian exercise as a direct military threat to Lithuania.",
                 "Zapad-2025 will almost certainly be used for signalling towards Poland and Lithuania."):
        assert all(o.toward is None for o in extractor.extract(make_doc(text))), text
    o = _one(extractor.extract(make_doc("Belarusian tanks moved closer to the Ukrainian border.")), "movement")
    assert (o.toward.relation, o.toward.country) == ("toward", "UA")


def test_a_model_named_before_the_class_noun_of_another_shares_that_noun(rules, make_doc):
    def models(text):
        return sorted((e.cls, e.model) for o in rules.extract(make_doc(text)) for e in o.equipment if e.model)
    assert models("A column of MAZ, Ural and KamAZ trucks drove south to Mazyr.") == [
        ("truck", "KamAZ"), ("truck", "MAZ"), ("truck", "Ural-4320")]
    # alone, or beside no class noun of its own, the name is the mountains or the region
    assert models("Troops from the Urals and Siberia arrived in Belarus by train.") == []
    assert models("A Ural and two BMP-2s drove to Mazyr.") == [("ifv", "BMP-2")]


def test_equipment_counts_from_articles_pairs_and_words_but_not_from_trains_or_vague_words(rules, make_doc):
    def counts(text):
        return {(e.cls, e.count) for o in rules.extract(make_doc(text)) for e in o.equipment}
    assert ("sam", 1) in counts("A subscriber photographed a Tor-M2 launcher near the bridge in David-Haradok.")
    assert ("fighter", 2) in counts("A pair of MiG-29 fighters was scrambled from Baranavichy.")
    assert ("flatcar", None) in counts("Five echelons with Russian tanks were unloaded at Rechytsa.")
    assert ("drone", None) in counts("Belarusian air defence tracked several drones near Mazyr overnight.")
    assert ("military_vehicle", 120) in counts(
        "About one hundred and twenty vehicles will be requisitioned from the economy for the Belarusian army.")
    # "more" after a count adds to those before; it is no bound ("no more than 30" still is one)
    assert ("tank", 3) in counts("Three more T-72B3 tanks were unloaded at Asipovichy on Friday.")
    assert ("fighter", 12) in counts("Belarus wants a dozen more Su-30SM fighters from Irkutsk, Khrenin said.")
    assert ("tank", None) in counts("Many more tanks were unloaded at Asipovichy on Friday.")
    assert ("tank", 30) in counts("No more than 30 tanks were unloaded at Asipovichy on Friday.")


@pytest.mark.parametrize("written, model", [("T-90Ms", "T-90M"), ("MiG-31Ks", "MiG-31K"), ("BMD-4Ms", "BMD-4M"),
                                            ("T-72B3s", "T-72B3")])
def test_plurals_of_model_names_the_tokenizer_splits_in_the_singular(rules, make_doc, written, model):
    """ "T-90M" is two tokens to the tokenizer, "T-90Ms" one."""
    items = [(e.model, e.count) for o in rules.extract(make_doc(f"Two {written} were seen near Krychau on Sunday."))
             for e in o.equipment]
    assert items == [(model, 2)]


def test_equipment_names_one_item_once_and_cargo_and_columns_are_no_items(rules, make_doc):
    def items(text):
        return sorted((e.cls, e.model, e.count) for o in rules.extract(make_doc(text)) for e in o.equipment)
    # a model with its class noun a few words on is one item
    assert items("Russia could deploy its new Oreshnik intermediate-range missile in Belarus next year.") == [
        ("ballistic_missile", "Oreshnik", None)]
    assert ("military_vehicle", None, None) not in items(
        "An echelon of 38 flatcars with T-72B3M tanks and BMP-2 infantry fighting vehicles was unloaded at Yelsk.")
    # a military train is a flatcar; the equipment it carries is no item of its own
    assert items("Overnight three echelons with Russian equipment arrived at Kalinkavichy station.") == [
        ("flatcar", None, None)]
    assert ("flatcar", None, None) in items("Residents say military trains have been arriving at Zhlobin every night.")
    # so is kit named together with troops, and a vehicle word that describes something else
    assert items("Russian troops and equipment have been arriving at Asipovichy since Monday.") == []
    assert items("Russian units have dug vehicle positions near Yelsk.") == []
    # fighters that do what only aircraft do are aircraft; Wagner's fighters are people, whatever they do
    assert items("Belarusian fighters were scrambled from Baranavichy twice during the night.") == [
        ("fighter", None, None)]
    assert items("Two NATO fighters flew very low over Drūkšiai towards the Belarusian border.") == [
        ("fighter", None, 2)]
    assert items("About 2,000 Wagner fighters arrived at the camp near Tsel.") == []
    assert ("fighter", None, None) not in items("Wagner fighters flew to Minsk on a chartered plane.")
    # but what flies in a strike is named by it, and so many launches are so many missiles
    assert set(items("At least six missile launches towards Ukraine were recorded from the area of Rechytsa.")) == {
        ("missile", None, 6)}
    assert set(items("Drone attacks from Belarusian airspace on the Volyn region went on all night.")) == {
        ("drone", None, None)}
    assert not any(c == "flatcar" for c, _, _ in items("Wagner instructors will train Belarusian soldiers near Asipovichy."))
    # a column of trucks is trucks, in English and in Belarusian; a train with tanks keeps its flatcars
    assert items("A column with 20 KamAZ trucks passed Mazyr towards the border.") == [("truck", "KamAZ", 20)]
    assert items("Сёння раніцай праз Лельчыцы праехала калона з каля 20 грузавікоў МАЗ.") == [("truck", "MAZ", 20)]
    assert ("flatcar", None, None) in items("Two echelons with T-72B3 tanks arrived at Yelsk.")
    assert ("military_vehicle", None, 40) in items("Hajun reports a column of about 40 Russian vehicles near Mazyr.")
    # the system a model names, also when the class noun hangs beside it; a generic noun that is the named system
    assert items("Crews of the Russian Oreshnik mobile ground-based missile system took up combat duty near Asipovichy.") == [
        ("ballistic_missile", "Oreshnik", None)]
    assert items("The aircraft, an Mi-24 and an Mi-8, crossed near Terespol.") == [
        ("attack_helicopter", "Mi-24", 1), ("transport_helicopter", "Mi-8", 1)]
    # radar as the means of seeing is no item; a radar someone photographed is
    assert items("Two Mi-24 helicopters crossed the border near Terespol, flying too low to be picked up on radar.") == [
        ("attack_helicopter", "Mi-24", 2)]
    assert ("radar", None, 1) in items("A subscriber photographed a Tor-M2 launcher and a radar on a field near Mazyr.")


def test_a_part_of_what_was_counted_keeps_its_own_count(extractor, make_doc):
    o = _one(extractor.extract(make_doc("Air defence units shot down 13 of the 24 drones over the Zhytomyr region.")),
             "strike")
    assert [(e.cls, e.count) for e in o.equipment] == [("drone", 13)]


def test_them_and_both_take_up_the_equipment_of_the_sentence_before(unchecked, make_doc):
    """The rules' take-up; the equipment check has the last word on whether the gold would list it."""
    extractor = unchecked
    obs = extractor.extract(make_doc("Overnight eight Shahed drones crossed into the Homel region from Ukraine. "
                                     "Two of them circled over Mazyr for about 40 minutes before turning back. "
                                     "Both were later shot down near Yelsk."))
    second = [o for o in obs if "Two of them" in o.evidence.text]
    assert second and [(e.cls, e.count, e.count_text) for e in second[0].equipment] == [("drone", 2, "Two of them")]
    assert second[0].equipment[0].text == "Shahed drones"  # where the drones were named
    last = _one([o for o in obs if o.evidence.text.startswith("Both")], "strike")
    assert [(e.cls, e.count) for e in last.equipment] == [("drone", 2)]
    # "them" with nothing counted before takes nothing up
    alone = extractor.extract(make_doc("Two of them were shot down near Yelsk, the ministry said."))
    assert all(not o.equipment for o in alone)
    # so do a bare number or share, in the next sentence or in the next clause of the same one
    obs = extractor.extract(make_doc("Most of the drones flew along the border. But two crossed into Volyn region."))
    assert [(e.cls, e.count) for o in obs if o.evidence.text.startswith("But") for e in o.equipment] == [("drone", 2)]
    obs = extractor.extract(make_doc("Overnight the enemy launched Shahed-136 drones from Belarus at targets in the Kyiv "
                                     "region; all eleven were destroyed by air defence."))
    assert ("Shahed-136", 11, "all eleven") in {(e.model, e.count, e.count_text) for o in obs for e in o.equipment}
    # and what comes back, or the rest of them, in a clause of its own
    obs = extractor.extract(make_doc("Six Su-25s took off from Luninets and flew towards the border; four came back "
                                     "an hour later."))
    assert [(e.model, e.count) for o in obs for e in o.equipment] == [("Su-25", 6), ("Su-25", 4)]
    obs = extractor.extract(make_doc("Forty-one drones were brought down by electronic warfare, and the rest left "
                                     "Belarusian airspace."))
    assert [(o.type, e.cls, e.count) for o in obs for e in o.equipment] == [("strike", "drone", 41),
                                                                           ("movement", "drone", None)]
    # "N of them" saying who they are is no happening of the machines named before
    obs = extractor.extract(make_doc("Eight Shahed drones crossed into the Homel region overnight. About 12,800 "
                                     "troops are taking part in the drills near Brest, some 2,500 of them Russians."))
    assert all(not o.equipment for o in obs if "12,800" in o.evidence.text)
    # people who come back are no machines of the sentence before
    obs = extractor.extract(make_doc("About 300 reservists arrived at the range on Monday; two went home sick."))
    assert all(not o.equipment for o in obs)
    # "it" or "they" that fly, cross or are shot down are the very machines named before, as named there
    obs = extractor.extract(make_doc("A Belarusian Mi-8 helicopter flew along the border near Kuźnica on Friday; it "
                                     "did not cross into Polish airspace."))
    assert [(o.modality, e.model, e.count) for o in obs for e in o.equipment] == [
        ("asserted", "Mi-8", 1), ("negated", "Mi-8", 1)]
    assert [o.actor.name for o in obs] == ["Belarusian armed forces"] * 2  # and so are their forces
    obs = extractor.extract(make_doc("Ukrainian air defence shot down two Shahed-136 drones over Ovruch overnight; "
                                     "they had entered from Belarus."))
    assert [(e.model, e.count) for o in obs for e in o.equipment] == [("Shahed-136", 2), ("Shahed-136", 2)]
    # not when the pronoun says or is something, nor in a sentence of its own (the gold leaves it bare)
    obs = extractor.extract(make_doc("A Belarusian Mi-8 helicopter flew along the border near Kuźnica on Friday; it "
                                     "is likely that the ministry will call it a routine patrol."))
    assert [e.model for o in obs for e in o.equipment] == ["Mi-8"]
    obs = extractor.extract(make_doc("Lithuanian border guards tracked a small drone near Druskininkai overnight. It "
                                     "was brought down by electronic warfare."))
    assert all(not o.equipment for o in obs if o.evidence.text.startswith("It"))


def test_a_statement_is_dated_by_its_saying_and_what_it_announces_by_its_own_time(extractor, make_doc):
    obs = extractor.extract(make_doc("The Belarusian Ministry of Defence announced on Monday that the 5th Spetsnaz "
                                     "Brigade would hold a week of drills near Maryina Horka starting in November."))
    drills = _one(obs, "exercise")
    assert drills.time.precision == "month" and drills.time.date == dt.date(2024, 11, 1)
    o = _one(extractor.extract(make_doc("BYPOL said on Wednesday that two small drones had struck a Russian A-50 "
                                        "aircraft at Machulishchy on Sunday.")), "strike")
    assert o.time.date == dt.date(2024, 5, 12)
    # a time outside what was said ("a claim he first made in December") does not date it
    o = _one(extractor.extract(make_doc("Belarus has put its Oreshnik system on combat duty, Lukashenko said on "
                                        "Monday, repeating a claim he first made in December.")), "deployment")
    assert o.time.date == dt.date(2024, 5, 13)
    # a date only inside what was said dates the happening, not the saying
    obs = extractor.extract(make_doc("Minsk insisted that all Russian troops would leave Belarus by 20 June."))
    assert _one(obs, "statement").time is None
    obs = extractor.extract(make_doc("Minsk insisted on Monday that all Russian troops would leave Belarus by 20 June."))
    assert _one(obs, "statement").time.date == dt.date(2024, 5, 13)


@pytest.mark.parametrize("sentence, etype, places", [
    # a statement keeps only the places where what it says would happen
    ("Vladimir Putin said in Minsk on Friday that Oreshnik missiles could be stationed in Belarus in the second "
     "half of next year.", "statement", ["Belarus"]),
    ("Lukashenko told officers in Minsk on Tuesday that the army must be ready to repel any provocation from "
     "Poland and Lithuania.", "statement", []),
    ("Lukashenko joked that the Wagner fighters wanted to go on an excursion to Warsaw and Rzeszów.", "statement",
     ["Warsaw", "Rzeszów"]),
    # where a source sits is not where it happens, but residents tell of their own town
    ("Officials in Chernihiv warned that Belarusian troops could still attack the Chernihiv region from the north.",
     "assessment", ["Chernihiv region"]),
    ("Residents of Yelsk say soldiers have been digging trenches outside the town since Monday.", "construction",
     ["Yelsk"]),
    # rivers are places as written; "into", a list after its kind
    ("Russian columns crossed into Ukraine across the Dnieper river near Loyew.", "movement", ["Dnieper", "Loyew"]),
    ("Russian forces keep bringing fuel into the Homel region.", "movement", ["Homel region"]),
    # the type the model adds goes with the clause it read, with that clause's places
    ("Troops are marching to designated areas and will build crossings over the Neman and Berezina rivers.",
     "exercise", ["Neman", "Berezina"]),
    ("The active phase unfolds at two training grounds: Obuz-Lesnovsky and Domanovsky.", "exercise",
     ["Obuz-Lesnovsky", "Domanovsky"]),
])
def test_which_places_an_observation_keeps(extractor, make_doc, sentence, etype, places):
    o = _one(extractor.extract(make_doc(sentence)), etype)
    assert [p.text for p in o.locations] == places


@pytest.mark.parametrize("sentence", [
    "As of 08:00 on 27 August, no enemy offensive groupings have been detected along the border with Belarus.",
    "Andriy Demchenko said on Monday there was no sign yet of a strike group forming near the border.",
    "Ukrainian military intelligence stated on July 30 that it had detected no new Russian combat units in Belarus.",
    # the forces themselves are said to be absent, or nobody saw them
    "Today we count no Russian battalion tactical groups in Belarus at all.",
    "Air: no Russian Su-25s at Belarusian airfields all week.",
    "The border guards say there have been no Belarusian troops within 10 km of our section for months.",
    "Two years on, neither airfield hosts Russian combat aircraft, Belaruski Hajun writes.",
    # what the source cites ("its own patrols") is its evidence, not the happening
    "The State Border Guard Service, citing its own patrols, said it had seen no Belarusian troop concentrations "
    "near the border.",
])
def test_a_denied_sighting_negates_even_without_an_event_word(extractor, make_doc, sentence):
    o = _one(extractor.extract(make_doc(sentence)), "deployment")
    assert o.modality == "negated"


@pytest.mark.parametrize("sentence", ["Not a mobilisation, the Defence Ministry insists.",
                                      "An officer told us that this is only a readiness check and not a mobilisation."])
def test_a_happening_named_and_denied_by_not_is_negated(extractor, make_doc, sentence):
    assert _one(extractor.extract(make_doc(sentence)), "mobilization").modality == "negated"


def test_a_denial_beside_a_report_does_not_negate_the_report(extractor, make_doc):
    o = _one(extractor.extract(make_doc("We still cannot give an exact figure, but there are probably between 4,000 "
                                        "and 6,000 Russian troops in Belarus now.")), "deployment")
    assert o.modality != "negated"
    o = _one(extractor.extract(make_doc("No fewer than 5,000 Russian troops are now in Belarus.")), "deployment")
    assert o.modality == "asserted"
    for o in extractor.extract(make_doc("At the station we counted buses, KamAZ trucks and Tigr armoured cars, but "
                                        "no tanks or artillery.")):
        assert o.modality != "negated"
    o = _one(extractor.extract(make_doc("Nobody here has seen any troops arriving.")), "movement")
    assert o.modality == "negated"


@pytest.mark.parametrize("sentence, etype, expected", [
    ("In February 2022 Iskander missiles were fired at Ukrainian cities from the Homel area.", "strike",
     [("ballistic_missile", None)]),
    ("Two S-400 battalions and a Pantsir-S1 battery have been moved to the Homel region.", "movement",
     [("sam", None), ("sam", None)]),
    ("Two Pantsir-S1 systems and 12 T-72B3 tanks arrived at Asipovichy station.", "movement",
     [("sam", 2), ("tank", 12)]),
    ("Last week the crews completed live firing with T-72B3 tanks and 82-mm mortars at the Brestsky range.",
     "exercise", [("tank", None), ("artillery", None)]),
])
def test_a_year_a_calibre_or_a_formation_is_no_count_of_the_equipment(extractor, make_doc, sentence, etype, expected):
    o = _one(extractor.extract(make_doc(sentence)), etype)
    assert [(e.cls, e.count) for e in o.equipment] == expected


@pytest.mark.parametrize("sentence, etype, expected", [
    ("Earlier, on Saturday, at least 8 Mi-8 and Mi-24 helicopters landed at the airfield in Khoiniki.", "movement",
     [("transport_helicopter", None), ("attack_helicopter", None), ("helicopter", 8)]),
    ("A column of helicopters, at least thirty Ka-52s and Mi-8s, has just flown low over the Pripyat towards Ukraine.",
     "movement", [("attack_helicopter", None), ("transport_helicopter", None), ("helicopter", 30)]),
    ("A column of twenty BAT-2 and IMR-2 vehicles passed through the town towards Mazyr.", "movement",
     [("engineering_vehicle", None), ("engineering_vehicle", None), ("engineering_vehicle", 20)]),
    ("Two Su-25s and a Mi-24 landed at Luninets.", "movement", [("ground_attack_aircraft", 2), ("attack_helicopter", 1)]),
    ("A convoy of 25 Ural and KamAZ trucks with ammunition drove from Homel to Mazyr.", "movement",
     [("truck", None), ("truck", None), ("truck", 25)]),
])
def test_one_number_before_a_list_of_models_counts_them_all(extractor, make_doc, sentence, etype, expected):
    """It goes to the noun the list ends with, else to the class or family they share."""
    o = _one(extractor.extract(make_doc(sentence)), etype)
    assert [(e.cls, e.count) for e in o.equipment] == expected


@pytest.mark.parametrize("sentence, count, high", [
    ("Yusov put the number of Russian troops in Belarus at around 12,000.", 12000, None),
    ("Nobody confirms the number of Wagner personnel in Belarus, which Belaruski Hajun puts at between 3,500 and "
     "5,000.", 3500, 5000),
    ("Polish troops along the border with Belarus now number some 15,000, Warsaw says.", 15000, None),
    ("About 1,500 border guards and more than 200 vehicles are deployed along the border.", 1500, None),
    ("Ukrainian intelligence put the Russian contingent in Belarus at 34,000 and said it was growing.", 34000, None),
    ("The Wagner contingent in Belarus, roughly 8,000 strong, is stationed at Tsel.", 8000, None),
    ("Russian forces in Belarus now number about 30,000.", 30000, None),
    ("Russian forces in Belarus are estimated at fewer than 1,000, nearly all of them air defence crews.", 1000, None),
    ('Local people put the number of Russian soldiers at the camp at "no fewer than a thousand".', 1000, None),
    ('Hajun puts the Wagner contingent at "a few hundred" now.', 200, 900),
    # a number of people with no noun, the subject of staying
    ("Most Wagner fighters have left the camp at Tsel; only a few hundred remain.", 200, 900),
    # a level a body of troops holds, stands at or reaches
    ("The Russian contingent in Belarus held steady at 9,000 to 12,000, most of it near Brest.", 9000, 12000),
    ("The number of Wagner fighters stationed in Belarus has reached between 4,000 and 5,000.", 4000, 5000),
    # a figure that ends before the time after it; a count of them given as a figure
    ("Russian troops in Belarus numbered roughly 9,000 at the turn of the year.", 9000, None),
    ("Our own count of Russian personnel in Belarus stands at roughly 1,200, mostly air defence crews.", 1200, None),
    ("Our estimate of Russian personnel stationed on Belarusian soil is 6,000 to 7,000.", 6000, 7000),
])
def test_a_force_level_given_after_its_noun(extractor, make_doc, sentence, count, high):
    o = _one(extractor.extract(make_doc(sentence)), "deployment")
    assert (o.personnel.count, o.personnel.high) == (count, high)
    assert o.personnel.text in sentence


@pytest.mark.parametrize("sentence, count, high", [
    ("About 6,000 Belarusian and Russian servicemen are taking part in the drills near Barysau.", 6000, None),
    ("A resident says about 1,000 to 1,200 Russians have arrived at the camp near Asipovichy.", 1000, 1200),
    ("Mazyr: a queue of 60–80 reservists outside the district military commissariat this morning.", 60, 80),
    ("About 300 territorial defence volunteers practised anti-tank tactics near Ovruch.", 300, None),
    ("More than 10,000 allied troops have been concentrated in Poland, the ministry says.", 10000, None),
    ("A couple of hundred soldiers were seen at the station unloading fuel tankers.", 200, None),
    # a share of those named before: people when they run to hundreds
    ("Warsaw said that more than 100 of the mercenaries had moved towards the Suwałki Gap.", 100, None),
    ("Between 2,000 and 4,000 of its fighters could move to the camp near Tsel in the coming weeks.", 2000, 4000),
    ("State TV says Russian troops are arriving in Belarus for the grouping, up to nine thousand of them.", 9000, None),
])
def test_force_levels_of_coordinated_demonyms_ranges_in_one_word_and_volunteers(extractor, make_doc, sentence,
                                                                                  count, high):
    obs = [o for o in extractor.extract(make_doc(sentence)) if o.personnel is not None]
    assert obs and (obs[0].personnel.count, obs[0].personnel.high) == (count, high), \
        [(o.type, o.personnel) for o in extractor.extract(make_doc(sentence))]


@pytest.mark.parametrize("sentence, count, high, unit", [
    # "number" as a verb the parser reads as a noun
    ("Kyiv's border service says Russian and Belarusian troops near the Volyn region number about 20,000.",
     20000, None, None),
    ("Russian forces at the Obuz-Lesnovsky range number a few hundred, mostly signals crews.", 200, 900, None),
    # a number of them raised, doubled or cut to a figure; a level a force rises to
    ("Vilnius has raised the number of soldiers patrolling the frontier with Belarus to about 3,000.",
     3000, None, None),
    ("The number of Latvian soldiers helping the border guard will be doubled to some 800 by Friday.", 800, None, None),
    ("Belarusian forces near Mazyr rose to an estimated 7,000 in May before falling back.", 7000, None, None),
    ("Latvian conscripts have been helping our officers since June, and from Monday their number rises to 400.",
     400, None, None),
    ("The number of Russian troops at Baranavichy remains between 1,500 and 2,000, the group says.", 1500, 2000, None),
    # formations whose plural ends in -ies; summonses count the men they call
    ("The Lithuanian army moved two more companies to the Šalčininkai district on Sunday.", None, None, "company"),
    ("The Belarusian army sent two more batteries to the Brestsky range on Monday.", None, None, "battery"),
    ("The enlistment office in Pinsk handed out about 250 summonses last week.", 250, None, None),
    # a vague amount of a vague amount, a range in words sharing its thousand
    ("Moscow has massed tens of thousands of troops near Ukraine's northern border.", 10000, 90000, None),
    ("Between two and six thousand Wagner fighters could settle at the camp near Tsel.", 2000, 6000, None),
    # a list's line that opens with the forces, the figure after its colon
    ("- Russian ground troops in Belarus: about 2,500, most of them at Baranavichy.", 2500, None, None),
    ('Minsk says the Russian contingent will number "a little more than a thousand" at first.', 1000, None, None),
    ("Belarusian forces near Mazyr: roughly 4,000, unchanged since the spring.", 4000, None, None),
])
def test_force_levels_a_number_reaches_and_units_in_the_plural(extractor, make_doc, sentence, count, high, unit):
    obs = [o for o in extractor.extract(make_doc(sentence)) if o.personnel is not None]
    assert obs, [(o.type, o.personnel) for o in extractor.extract(make_doc(sentence))]
    p = obs[0].personnel
    assert (p.count, p.high, p.unit) == (count, high, unit)
    assert p.text in sentence


@pytest.mark.parametrize("sentence, etype, background", [
    ("We recall that on 24 February 2022 Russian troops invaded Ukraine from Belarusian territory.", "movement", True),
    ("As a reminder, in August the grouping of forces in the Homel region was already reinforced.", "deployment",
     True),
    ("During the mutiny, Wagner columns had advanced along the M4 highway to within 200 km of Moscow in June.",
     "movement", True),
    ("Belarus may hold another snap readiness check before the end of the year, as it did several times in 2023.",
     "assessment", False),
    # a past verb beside a present one; the verb "lies" calls nothing untrue
    ("The airfield lies about 50 kilometres from the Ukrainian border and hosted Russian Su-25 attack aircraft during "
     "the assault on Kyiv in 2022.", "deployment", True),
    ("Russian Iskander launchers remain in Belarus and have been there since 2022.", "deployment", False),
    # a clause that dates the past beside a main clause of now
    ("Two years after Russian troops crossed from Belarus into the Kyiv region, Operational Command North says the "
     "border is calm.", "movement", True),
    ("Two days after Russian troops arrived at Asipovichy, more echelons are unloading there.", "movement", False),
    # a relative clause dated to a past year beside a main clause of now
    ("The Sarny railway hub, which was struck by Russian missiles in 2022, now handles more passenger trains.",
     "strike", True),
    ("Russian troops that arrived in Belarus last week are training near Brest.", "exercise", False),
    # the past progressive is past: "were streaming back", not "are moving"
    ("In March 2022 Russian columns were streaming back north through Naroulia every night.", "movement", True),
    # cues are whole words: crossing back into Belarus recalls nothing, remembering does
    ("The last Russian columns have left Chernihiv oblast and crossed back into Belarus, the regional military "
     "administration said on Tuesday.", "movement", False),
    ("Everyone here remembers the Belarusian Mi-8 helicopters that crossed into our airspace over Bialowieza.",
     "movement", True),
    # a comparison with a past episode
    ("The episode invites comparison with February 2022, when Russian forces used Belarusian territory to launch "
     "the offensive toward Kyiv.", "movement", True),
])
def test_what_is_recalled_is_background_but_a_judgement_is_made_now(rules, make_doc, sentence, etype, background):
    """The rules' cues (the learned background check may still overrule them, `test_checks.py`)."""
    assert _one(rules.extract(make_doc(sentence)), etype).background is background


def test_the_month_of_may_is_no_hedge_and_a_place_that_lies_somewhere_is_no_lie(extractor, make_doc):
    o = _one(extractor.extract(make_doc("Russian and Belarusian units held the first stage of the drills in May at "
                                        "the Brestsky training ground.")), "exercise")
    assert o.modality == "asserted"
    o = _one(extractor.extract(make_doc("Minsk may send more troops to the Brestsky training ground in June.")),
             "assessment")
    assert o.modality == "possible"
    o = _one(extractor.extract(make_doc("The airfield lies about 50 kilometres from the Ukrainian border and hosted "
                                        "Russian Su-25 attack aircraft during the assault on Kyiv in 2022.")),
             "deployment")
    assert o.modality == "asserted"


def test_a_wire_dateline_is_when_the_story_was_filed_not_when_it_happened(extractor, make_doc):
    o = _one(extractor.extract(make_doc("KYIV, May 16 (Dnipro Dispatch) — Ukrainian troops staged a defensive drill "
                                        "on Tuesday close to the Belarusian border.")), "exercise")
    assert o.time.date == dt.date(2024, 5, 14)
    o = _one(extractor.extract(make_doc("WARSAW, May 16 (Vistula Wire) — Belarus and Russia are running a joint "
                                        "exercise with about 7,000 troops.")), "exercise")
    assert o.time is None
    # nor is the city it was filed from a place or an actor of the story
    o = _one(extractor.extract(make_doc("MOSCOW, May 16 (Arbat Wire) — Wagner chief Yevgeny Prigozhin has arrived "
                                        "in Asipovichy, Alexander Lukashenko said on Tuesday.")), "movement")
    assert [p.text for p in o.locations] == ["Asipovichy"] and o.actor.name == "Wagner Group"
    # a date at the start of an ordinary sentence still dates it
    o = _one(extractor.extract(make_doc("May 14: Belarusian troops staged a drill near Brest.")), "exercise")
    assert o.time.date == dt.date(2024, 5, 14)


def test_a_live_blogs_entry_times_and_an_exercises_year_date_what_they_head(extractor, make_doc):
    doc = make_doc("Night log\n23:40 — Two Shahed drones crossed into the Homel region near Komarin.\n"
                   "00:20 — Engines over the forest: three more Shaheds have crossed from the Ukrainian side.",
                   published="2024-05-16T07:20:00+03:00")
    times = [o.time.date for o in extractor.extract(doc) if o.type == "movement"]
    assert times == [dt.date(2024, 5, 15), dt.date(2024, 5, 16)]  # 23:40 was the night before
    # a diary's days: a date standing alone dates the rest of its line; a weekday or a day and month heads it
    doc = make_doc("5 April. A long echelon with T-72 tanks was loaded at Khoiniki station.\n"
                   "Tue: Belarusian border guards are parked at every turn of the Bruzgi road.\n"
                   "26.02: Our soldiers felled trees across the forest road and laid mines at the ford.\n"
                   "A column of tanks passed Yelsk.", published="2022-04-08T12:00:00+03:00")
    assert [o.time.date if o.time else None for o in extractor.extract(doc)] == [
        dt.date(2022, 4, 5), dt.date(2022, 4, 5), dt.date(2022, 2, 26), None]
    assert find_times("Sun was shining on the tanks.") == ()
    # the day a diary's line opens with dates what its line says later ("in the evening" is that
    # day's evening, not the last date told), and a day with its weekday heads the line after it
    doc = make_doc("8.09: About thirty KamAZ trucks came through the village at lunchtime.\n"
                   "13.09: Quiet in the morning. In the evening two Su-25s flew low over Baranavichy.\n"
                   "14.09, Thursday.\nA Mi-8 circled over the forest in the morning.\n"
                   "16.09. Another echelon with tanks arrived at Baranavichy.", published="2023-09-20T12:00:00+03:00")
    assert [o.time.date for o in extractor.extract(doc)] == [
        dt.date(2023, 9, 8), dt.date(2023, 9, 13), dt.date(2023, 9, 14), dt.date(2023, 9, 16)]
    # a time that names no day of its own ("before dawn", "all morning") is on the day of its entry
    doc = make_doc("21.10. Before dawn a column of Belarusian tanks drove through Khoiniki towards the border.\n"
                   "Wednesday. Trucks with concrete blocks went past our house towards the border all morning.",
                   published="2023-10-27T12:00:00+03:00")
    assert [o.time.date for o in extractor.extract(doc) if o.type == "movement"] == [
        dt.date(2023, 10, 21), dt.date(2023, 10, 25)]
    # a log line's time after its place, or before a source's label
    doc = make_doc("Machulishchy 06:50 — two Il-76MD landed, in from the Pskov direction.\n"
                   "07:05 Belarusian MoD: air defence kept a drone over Brest under control.",
                   published="2024-05-16T07:20:00+03:00")
    assert {o.time.date for o in extractor.extract(doc)} == {dt.date(2024, 5, 16)}
    o = _one(extractor.extract(make_doc("During Zapad-2021, more than 12,000 servicemen were involved on "
                                        "Belarusian territory.")), "exercise")
    assert (o.time.date, o.time.precision) == (dt.date(2021, 1, 1), "year") and o.background
    # the exercise under way names its year, not the time of what happens in it
    o = _one(extractor.extract(make_doc("About 2,500 Belarusian troops are taking part in Union Shield-2023 "
                                        "near Nizhny Novgorod.", published="2023-09-22T09:00:00+03:00")),
             "exercise")
    assert o.time is None
    assert resolve("14:40", dt.datetime(2024, 5, 16, 10, 0, tzinfo=dt.timezone.utc), future=True).date == \
        dt.date(2024, 5, 16)  # a time still to come is today's


def test_a_bug_met_on_one_document_costs_only_that_document(rules, make_doc, store, tmp_path, monkeypatch):
    from borderwatch import pipeline
    from borderwatch.extract import extractor as module

    texts = {"a.md": "A column of Belarusian tanks moved towards Mazyr on Monday.",
             "b.md": "A column of Belarusian tanks moved towards Yelsk on Monday."}
    for name, body in texts.items():
        (tmp_path / name).write_text(f"---\nsource: test\npublished: 2024-05-16T09:00:00+03:00\n---\n{body}\n")
    pipeline.ingest(store, [tmp_path / "a.md"], rules)
    before = [o.id for o in store.observations()]
    real = module.build

    def flaky(sdoc, doc, *args, **kwargs):
        if "Mazyr" in doc.text:
            raise ValueError("a rule's bug")
        return real(sdoc, doc, *args, **kwargs)

    monkeypatch.setattr(module, "build", flaky)
    s = pipeline.ingest(store, [tmp_path / "b.md"], rules)
    assert s.observations >= 1 and not s.rejected
    pipeline.reextract(store, rules)  # the failing document keeps what it had
    assert set(before) <= {o.id for o in store.observations()}
    (tmp_path / "c.md").write_text("---\nsource: test\npublished: 2024-05-17T09:00:00+03:00\n---\n"
                                   "Two trains with tanks reached Mazyr.\n\nThree trucks reached Yelsk.\n")
    s = pipeline.ingest(store, [tmp_path / "c.md"], rules)
    assert s.total("new") == 1 and "internal error extracting it: ValueError" in s.rejected[0][1]
    with pytest.raises(ValueError):  # one document asked for on its own: the error, not an empty answer
        rules.extract(make_doc(texts["a.md"]))
