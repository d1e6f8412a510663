import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture
def store(tmp_path):
    from borderwatch.store import Store

    s = Store.open(str(tmp_path / "test.db"))
    s.init()
    yield s
    s.close()


@pytest.fixture(scope="session")
def extractor():
    """The full extractor with the real model and gazetteer, loaded once per session."""
    from borderwatch import pipeline

    return pipeline.make_extractor()


@pytest.fixture(scope="session")
def rules(extractor):
    """The extractor without the learned type model and checks: for tests of the fields the
    rules find, whatever the learned parts would settle on."""
    from borderwatch.extract import Extractor

    return Extractor(nlp=extractor.nlp, locate=extractor.inner.locate, type_model=False, checks=False)


@pytest.fixture(scope="session")
def unchecked(extractor):
    """The extractor with its type model but without the checks: for tests of what the rules
    make of the sentences the model keeps, before the checks have their say."""
    from borderwatch.extract import Extractor

    return Extractor(nlp=extractor.nlp, locate=extractor.inner.locate, checks=False)


@pytest.fixture
def make_doc():
    from borderwatch.ingest.text import parse_report

    def make(body: str, published: str = "2024-05-16T09:00:00+03:00", **meta):
        front = "\n".join(f"{k}: {v}" for k, v in {"published": published, **meta}.items())
        _, doc, _ = parse_report(f"---\n{front}\n---\n{body}".encode(), origin="test.md",
                                 now=dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc))
        return doc

    return make
