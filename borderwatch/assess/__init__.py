"""Warning assessment: problems as data files, indicator matching, scoring."""

from borderwatch.assess.problems import Problem, load_problem
from borderwatch.assess.scoring import estimative, score

__all__ = ["Problem", "load_problem", "score", "estimative"]
