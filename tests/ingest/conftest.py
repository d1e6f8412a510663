"""Fixtures for the ingest adapters: a fixed clock and keys, a store, a null extractor."""

from __future__ import annotations

import pytest

from tests.ingest.helpers import CONTACT_KEY, NOW, PSEUDONYM_KEY, NullExtractor


@pytest.fixture
def ctx():
    from borderwatch.ingest.base import Context
    from borderwatch.ingest.privacy import Keys

    return Context(now=NOW, keys=Keys(pseudonym_key=PSEUDONYM_KEY, contact_key=CONTACT_KEY))


@pytest.fixture
def ctx_nokeys():
    from borderwatch.ingest.base import Context
    from borderwatch.ingest.privacy import Keys

    return Context(now=NOW, keys=Keys())


@pytest.fixture
def null_extractor():
    return NullExtractor()
