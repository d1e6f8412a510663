"""Errors that reach the user as one clear line, and the exit codes they map to."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    ERROR = 1  # an unexpected failure: a bug
    BAD_INPUT = 2  # the user's input or arguments are wrong


class BorderwatchError(Exception):
    """Base of every error the CLI reports without a traceback."""

    exit_status = ExitStatus.ERROR


class InputError(BorderwatchError):
    """A document, file or argument that cannot be read as given."""

    exit_status = ExitStatus.BAD_INPUT


class ProblemFileError(InputError):
    """A warning-problem file that does not validate."""
