"""Each scenario moves the probability the right way and names the right drivers."""

import pytest
from assess_scenarios import SCENARIOS, series

from borderwatch.assess import load_problem


@pytest.fixture(scope="module")
def runs():
    problem = load_problem("belarus-entry")
    out = {name: series(problem, make()) for name, make in SCENARIOS.items()}
    for name, s in out.items():  # the closing note quotes these lines (pytest -s shows them)
        print(f"\n{name:38s}", " ".join(f"{a.hypotheses['enters'] * 100:.0f}" for a in s))
    return out


def p(a):
    return a.hypotheses["enters"]


def contributions(a):
    return {i.indicator: i.contribution for i in a.indicators if i.contribution}


def test_quiet_month_drifts_down_on_absent_preconditions(runs):
    s = runs["quiet month"]
    assert p(s[-1]) < p(s[0]) <= 0.05
    assert max(map(p, s)) <= 0.05 + 1e-9
    assert s[-1].drivers[0] == "russian-strike-group"
    assert not [i for i in s[-1].indicators if i.fired and i.contribution > 0]
    assert s[-1].estimative == "almost no chance" and s[-1].confidence == "low"


def test_routine_exercise_far_from_border_does_not_raise_the_alarm(runs):
    s = runs["routine exercise far from the border"]
    assert max(map(p, s)) <= 0.05 + 1e-9 and p(s[-1]) < 0.05
    c = contributions(s[-1])
    assert c["snap-readiness-check"] > 0 and c["exercise-far-from-border"] < 0  # seen, and seen for what it is
    assert c["forces-move-away"] < 0
    fired = {i.indicator for i in s[-1].indicators if i.fired}
    assert not fired & {"units-at-jump-off-positions", "field-hospitals", "forces-near-border"}


def test_build_up_climbs_to_likely_on_hospitals_and_jump_off_positions(runs):
    s = runs["build-up"]
    assert p(s[7]) < 0.1 < p(s[12]) < p(s[15])  # each step of the build-up adds
    assert p(s[-1]) >= 0.8 and s[-1].estimative in ("very likely", "almost certain")
    assert {"units-at-jump-off-positions", "field-hospitals", "russian-strike-group"} <= set(s[-1].drivers[:4])
    assert s[-1].confidence in ("moderate", "high")
    hospitals = next(i for i in s[-1].indicators if i.indicator == "field-hospitals")
    assert hospitals.sites == 2 and len(hospitals.events) > 2  # repeated sightings of one hospital are one site


def test_information_operation_is_rhetoric_without_movement(runs):
    s, quiet = runs["information operation"], runs["quiet month"]
    assert max(map(p, s)) <= 0.05 + 1e-9
    assert p(s[-1]) > p(quiet[-1])  # the words are heard, a little
    rhetoric = next(i for i in s[-1].indicators if i.indicator == "belligerent-rhetoric")
    assert rhetoric.fired and 0 < rhetoric.contribution <= 0.41  # the words group is capped at x1.5
    assert len(rhetoric.events) >= 10


def test_de_escalation_falls_back_on_forces_moving_away(runs):
    s = runs["de-escalation"]
    peak = max(range(len(s)), key=lambda d: p(s[d]))
    assert p(s[peak]) > 0.3 and p(s[-1]) < p(s[peak]) / 4
    assert all(p(s[d + 1]) <= p(s[d]) + 1e-9 for d in range(peak + 1, len(s) - 1))  # no rebound
    c = contributions(s[-1])
    assert c["forces-move-away"] < 0 and c["analyst-judges-entry-unlikely"] < 0
    assert "forces-move-away" in s[-1].drivers


def test_correlated_indicators_are_capped_by_group():
    s = series(load_problem("belarus-entry"), SCENARIOS["routine exercise far from the border"]())
    exercise = [i for i in s[10].indicators if i.group == "exercise" and i.contribution]
    import math
    assert abs(sum(i.contribution for i in exercise)) <= math.log(1.5) + 1e-3
