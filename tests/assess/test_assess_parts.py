"""Problem files, ACH, changes and alerts (delivered to stdout, a file and a loopback webhook)."""

import datetime as dt
import http.server
import io
import json
import threading

import pytest
from assess_scenarios import SCENARIOS, START, series

from borderwatch.assess import load_problem, score
from borderwatch.assess.ach import ach
from borderwatch.assess.alerts import deliver, evaluate
from borderwatch.assess.history import changes
from borderwatch.assess.problems import known_problems, load_problem_file
from borderwatch.errors import InputError, ProblemFileError


@pytest.fixture(scope="module")
def build_up():
    return series(load_problem("belarus-entry"), SCENARIOS["build-up"]())


def test_shipped_problems_validate_and_the_second_has_three_hypotheses():
    assert {"belarus-entry", "belarus-activity-purpose"} <= set(known_problems())
    entry = load_problem("belarus-entry")
    assert len(entry.indicators) >= 12 and all(i.rationale and i.group in (None, *entry.groups) for i in entry.indicators)
    other = load_problem("belarus-activity-purpose")
    assert len(other.hypotheses) == 3 and other.version and other.version != entry.version


@pytest.mark.parametrize("body, message", [
    ("groups: {}\nindicators:\n - {id: i, group: g, when: {}, likelihood: {a: 1, b: 1}}\n", "indicator 'i': group 'g' is not declared"),
    ("indicators:\n - {id: i, when: {relation: sideways}, likelihood: {a: 1, b: 1}}\n", "unknown relation 'sideways'"),
    ("indicators:\n - {id: i, when: {within_km: 10, beyond_km: 20}, likelihood: {a: 1, b: 1}}\n", "beyond_km"),
    ("indicators:\n - {id: i, when: {}, likelihood: {a: 1, b: 1}, if_absent: {a: 0}}\n", "if_absent must name"),
    ("indicators:\n - {id: i, when: {}, likelihood: {a: 1, b: 1}}\nalerts:\n - {id: x, indicators: [nope]}\n", "no indicator 'nope'"),
    ("indicators:\n - {id: i, when: {colour: red}, likelihood: {a: 1, b: 1}}\n", "indicators.i.when.colour"),
    ("indicators:\n - {id: i, when: {}, likelihood: {a: 1, b: 1}}\n  bad: [\n", "at line 6"),
])
def test_problem_errors_name_the_place(tmp_path, body, message):
    f = tmp_path / "p.yaml"
    f.write_text("id: x\nquestion: q?\nhypotheses: [a, b]\n" + body)
    with pytest.raises(ProblemFileError, match=message):
        load_problem_file(f)


def test_ach_rates_evidence_against_each_hypothesis(build_up):
    problem = load_problem("belarus-entry")
    view = ach(problem, build_up[-1])
    assert view.rows and view.rows[0].diagnosticity >= view.rows[-1].diagnosticity
    against = [r.hit.indicator for r in view.judgements["does-not-enter"].against]
    assert "units-at-jump-off-positions" in against and view.rows[0].ratings["does-not-enter"] in ("I", "II")
    assert view.judgements["enters"].inconsistency > view.judgements["does-not-enter"].inconsistency


def test_changes_since_yesterday_name_new_indicators(build_up):
    ch = changes(build_up[11], build_up[12])  # the day the battalion dug in near the border
    moved = {c.indicator: c.kind for c in ch.moved}
    assert moved.get("units-at-jump-off-positions") == "new" and ch.delta > 0.2


def _alerts(build_up, day=12):
    return evaluate(load_problem("belarus-entry"), build_up[day - 1], build_up[day])


def test_alerts_say_what_changed_and_why(build_up):
    raised = {a.rule: a for a in _alerts(build_up)}
    assert {"rises-above-20-percent", "moves-10-points-in-a-day", "estimative-phrase-changes",
            "key-indicator-changes"} <= set(raised)
    a = raised["rises-above-20-percent"]
    assert "rose above 20%" in a.what and any("units-at-jump-off-positions fired" in w for w in a.why)
    assert not evaluate(load_problem("belarus-entry"), build_up[2], build_up[3])  # a quiet day raises nothing


def test_alerts_to_stdout_and_file(build_up, tmp_path):
    raised = _alerts(build_up)
    buf = io.StringIO()
    assert deliver(raised, "-", out=buf) == "stdout" and "rose above 20%" in buf.getvalue()
    path = tmp_path / "alerts" / "a.jsonl"
    deliver(raised, str(path))
    deliver(raised[:1], str(path))
    lines = [json.loads(x) for x in path.read_text().splitlines()]
    assert len(lines) == len(raised) + 1 and lines[0]["as_of"] == str(START + dt.timedelta(days=12))
    with pytest.raises(InputError, match="use -, a file path"):
        deliver(raised, "ftp://example.invalid/x")


class _Receiver(http.server.BaseHTTPRequestHandler):
    got: list = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).got.append((self.headers["Content-Type"], json.loads(body)))
        self.send_response(204 if self.path == "/ok" else 500)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_alerts_to_a_loopback_webhook(build_up):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        raised = _alerts(build_up)
        assert deliver(raised, url + "/ok", timeout=5) == "webhook"
        assert len(_Receiver.got) == len(raised)
        kind, first = _Receiver.got[0]
        assert kind == "application/json" and first["problem"] == "belarus-entry" and first["why"]
        with pytest.raises(InputError, match="answered 500"):
            deliver(raised[:1], url + "/fail", timeout=5)
    finally:
        server.shutdown()
        server.server_close()
    with pytest.raises(InputError, match="unreachable"):
        deliver(raised[:1], f"http://127.0.0.1:{server.server_port}/gone", timeout=2)


def test_refuted_and_coordinated_events_weigh_less():
    problem = load_problem("belarus-entry")
    items = SCENARIOS["build-up"]()
    hospital = [(e, o) for e, o in items if "twenty tents" in o.evidence.text]
    day = START + dt.timedelta(days=9)
    obs = {o.id: o for _, o in hospital}
    plain = score(problem, [e for e, _ in hospital], obs, day)
    if "coordinated" in type(hospital[0][0]).model_fields:
        burst = score(problem, [e.model_copy(update={"coordinated": True}) for e, _ in hospital], obs, day)
        assert plain.hypotheses["enters"] > burst.hypotheses["enters"] > problem.prior_of()["enters"]
    if "verdict" in type(hospital[0][0]).model_fields:
        refuted = score(problem, [e.model_copy(update={"verdict": "refuted"}) for e, _ in hospital], obs, day)
        assert refuted.hypotheses["enters"] == pytest.approx(problem.prior_of()["enters"], abs=1e-3)


def test_a_stated_direction_stands_in_for_a_distance_only_toward_the_far_side():
    """With no located place, a deployment reported heading for Ukraine may be at jump-off
    positions; one heading into Belarus has only arrived in the country."""
    from assess_scenarios import event, obs

    problem = load_problem("belarus-entry")
    day = START + dt.timedelta(days=1)

    def fired(toward):
        e, o = event(1, obs(f"Belarusian units were brought forward towards {toward} and dug in.", "deployment",
                            toward=toward, personnel=2000))
        a = score(problem, [e], {o.id: o}, day)
        return any(i.indicator == "units-at-jump-off-positions" and i.fired for i in a.indicators)

    assert fired("UA") and not fired("BY")
