"""Corroboration: observations into events, source independence, Admiralty grades and
contradictions. Pure functions over records; the pipeline persists what they return."""

from borderwatch.corroborate.events import cluster, grade_sources
from borderwatch.corroborate.contradictions import find_contradictions

__all__ = ["cluster", "grade_sources", "find_contradictions"]
