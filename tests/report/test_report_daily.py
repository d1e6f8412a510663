"""The daily report: traceable bottom line, indicator board, ACH, appendix; HTML, Markdown, PDF."""

import datetime as dt
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "assess"))
from assess_scenarios import SCENARIOS, START, series  # noqa: E402

from borderwatch.assess import load_problem  # noqa: E402
from borderwatch.model import Document, Source  # noqa: E402
from borderwatch.pipeline import Picture  # noqa: E402
from borderwatch.report import md_escape, pdf_unavailable, render_html, render_markdown, write_reports  # noqa: E402

DAY = 14


@pytest.fixture(scope="module")
def scene():
    """The build-up scenario as a Picture, with a hostile sentence among the evidence."""
    problem = load_problem("belarus-entry")
    items = SCENARIOS["build-up"]()
    history = series(problem, items, DAY + 1)
    day = START + dt.timedelta(days=DAY)
    sources = {"monitor": Source(id="monitor", name="Test Monitor <b>", kind="monitoring_group", reliability="B")}
    docs, observations, events = {}, [], []
    for e, o in items:
        if e.first_seen.date() > day:
            continue
        if "twenty tents" in o.evidence.text:
            o = o.model_copy(update={"evidence": o.evidence.model_copy(update={"text": o.evidence.text + " <script>x</script> | pipe"})})
        docs[o.doc] = Document(id=o.doc, source="monitor", text=o.evidence.text, raw=o.evidence.text, content_hash=o.doc,
                               published=e.first_seen, retrieved=e.first_seen, url="https://example.invalid/post")
        observations.append(o)
        events.append(e)
    pic = Picture(docs, observations, events, [], sources)
    return problem, pic, history[-1], history[-2], history


def test_bottom_line_traces_sentence_by_sentence_to_the_evidence(scene):
    problem, pic, a, prev, hist = scene
    html = render_html(pic, a, problem=problem, previous=prev, history=hist)
    bluf = re.search(r'<div class="bluf".*?</div>\s*</div>|<div class="bluf".*?</ol>', html, re.S).group(0)
    items = re.findall(r"<li>(.*?)</li>", bluf, re.S)
    assert items[0].startswith(f"It is {a.estimative} ({a.hypotheses['enters'] * 100:.0f}%) that Belarusian forces")
    assert "since 2025-03-14" in items[1]
    fired = [i for i in items[2:] if "raised it" in i]
    assert fired, "the drivers are named"
    for item in fired:  # each driver sentence links to its event and to the sentence it quotes
        anchors = re.findall(r'href="#((?:ev|obs)-[^"]+)"', item)
        assert any(x.startswith("ev-") for x in anchors) and any(x.startswith("obs-") for x in anchors)
        for anchor in anchors:
            assert f'id="{anchor}"' in html
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html and "<script" not in html.lower()
    assert "Content-Security-Policy" in html


def test_board_ach_and_appendix(scene):
    problem, pic, a, prev, hist = scene
    html = render_html(pic, a, problem=problem, previous=prev, history=hist)
    assert "Indicator board" in html and "▲ new" in html  # the Russian group arrived on day 14
    assert 'id="ind-units-at-jump-off-positions"' in html and "group ground-posture" in html
    assert "Evidence by hypothesis (ACH)" in html and (">II " in html or ">I " in html)
    assert "Test Monitor &lt;b&gt;" in html and 'rel="noopener noreferrer"' in html
    assert html.count("data:image/png;base64,") == 2


def test_markdown_is_inert_and_complete(scene):
    problem, pic, a, prev, hist = scene
    md = render_markdown(pic, a, problem=problem, previous=prev, history=hist)
    assert md.startswith("# Will Belarusian forces enter the war")
    assert "## Bottom line up front" in md and "## Indicator board" in md and "![Map" in md
    assert "<script>" not in md and "&lt;script&gt;x&lt;/script&gt; \\| pipe" in md
    assert md_escape("a|b [x](y) <i>") == "a\\|b \\[x\\](y) &lt;i&gt;"


def test_write_all_formats(scene, tmp_path):
    problem, pic, a, prev, hist = scene
    written = write_reports(pic, a, tmp_path, problem=problem, previous=prev, history=hist)
    assert {"html", "md"} <= set(written.paths)
    assert (tmp_path / "map.png").read_bytes()[:4] == b"\x89PNG"
    why = pdf_unavailable()
    if why:
        assert written.skipped["pdf"] == why
        pytest.skip(f"PDF not tested: {why} (install Debian's libpango-1.0-0 and libpangoft2-1.0-0)")
    pdf = written.paths["pdf"].read_bytes()
    assert pdf[:5] == b"%PDF-" and len(pdf) > 20_000


def test_report_keeps_working_with_new_event_fields(scene):
    problem, pic, a, prev, hist = scene
    fields = type(pic.events[0]).model_fields
    update = {k: v for k, v in {"coordinated": True, "coordination": "12 posts in 3 minutes", "contradicted": True}.items()
              if k in fields}
    if not update:
        pytest.skip("Event has no flag fields yet")
    flagged = Picture(pic.documents, pic.observations, [e.model_copy(update=update) for e in pic.events], [], pic.sources)
    html = render_html(flagged, a, problem=problem)
    assert 'class="flag"' in html
