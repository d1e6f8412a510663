"""Corroboration: near-duplicates, observations into events, source independence,
Admiralty grades, contradictions and analyst verdicts. Pure functions over records; the
pipeline persists what they return."""

from borderwatch.corroborate.assemble import Corroboration, corroborate_all
from borderwatch.corroborate.contradictions import find_contradictions
from borderwatch.corroborate.grades import credibility, grade_sources, origin
from borderwatch.corroborate.settings import Settings, load_settings


def cluster(observations, docs, sources, reposts, verdicts=(), settings=None):
    """Events only (see `corroborate_all` for contradictions and graded sources too)."""
    return corroborate_all(observations, docs, sources, reposts, verdicts, settings).events


__all__ = ["Corroboration", "Settings", "cluster", "corroborate_all", "credibility", "find_contradictions",
           "grade_sources", "load_settings", "origin"]
