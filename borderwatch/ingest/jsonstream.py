"""Streaming JSON with limits: a flat event stream (ijson's `basic_parse`, C backend)
and a builder that turns one value at a time into Python objects.

Why not `ijson.items`: its prefixes grow with nesting (a 10,000-deep array took 250 MB),
and its dicts keep the last of duplicate keys silently. Here depth, duplicate keys and
the characters of one value are checked while building; a value that breaks a limit is
consumed and reported as `ValueProblem`, and the stream goes on with the next one.
"""

from __future__ import annotations

import codecs
from typing import Any, BinaryIO, Iterator

import ijson

MAX_DEPTH = 32
MAX_CHARS = 200_000  # characters of all strings in one value (a Telegram post is at most 4,096)
START = ("start_map", "start_array")
END = ("end_map", "end_array")


class StreamError(ValueError):
    """The JSON itself is broken (truncated, invalid, wrong encoding): nothing after it can be read."""


class ValueProblem(ValueError):
    """One value broke a limit or was ambiguous; it was skipped and the stream can go on."""


class CountingReader:
    """A binary reader that counts bytes and refuses to read past `limit`."""

    def __init__(self, raw: BinaryIO, limit: int | None = None, what: str = "input") -> None:
        self.raw, self.limit, self.what, self.pos = raw, limit, what, 0

    def read(self, n: int = -1) -> bytes:
        if n == 0:  # ijson asks read(0) to tell bytes from text
            return b""
        data = self.raw.read(n if n is not None and n > 0 else 1 << 20)
        self.pos += len(data)
        if self.limit is not None and self.pos > self.limit:
            raise StreamError(f"{self.what} is larger than the {self.limit:,}-byte limit")
        return data


def check_encoding(head: bytes) -> int:
    """Bytes to skip at the start (a UTF-8 BOM), or a StreamError for UTF-16/32 input."""
    if head.startswith(codecs.BOM_UTF8):
        return 3
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise StreamError("UTF-32 text: expected UTF-8 JSON; convert the file to UTF-8")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (len(head) > 1 and head[1:2] == b"\x00"):
        raise StreamError("UTF-16 text: expected UTF-8 JSON; convert the file to UTF-8")
    return 0


class Events:
    """`(event, value)` pairs from a binary file, with JSON errors as one-line StreamErrors."""

    def __init__(self, f: BinaryIO, *, limit: int | None = None, what: str = "input") -> None:
        head = f.read(4)
        skip = check_encoding(head)
        self.reader = CountingReader(_Prefixed(head[skip:], f), limit, what)
        self._it = ijson.basic_parse(self.reader, use_float=True)

    def __iter__(self) -> "Events":
        return self

    def __next__(self) -> tuple[str, Any]:
        try:
            return next(self._it)
        except StopIteration:
            raise
        except StreamError:
            raise
        except Exception as e:  # yajl's messages span lines; keep the first
            msg = str(e.args[0] if e.args else e)
            if isinstance(e.args[0] if e.args else None, bytes):
                msg = e.args[0].decode("utf-8", "replace")
            first = msg.strip().splitlines()[0] if msg.strip() else type(e).__name__
            if "premature EOF" in msg:
                first = "truncated (the file ends in the middle of the JSON)"
            elif "invalid bytes in UTF8" in msg:
                first = "not UTF-8 text (wrong encoding?)"
            raise StreamError(f"invalid JSON within the first {self.reader.pos:,} bytes: {first}") from None

    def pull(self) -> tuple[str, Any]:
        """The next event; a StreamError (not StopIteration) at the end of the input."""
        try:
            return next(self)
        except StopIteration:
            raise StreamError("truncated (the file ends in the middle of the JSON)") from None

    def expect(self, *events: str) -> Any:
        try:
            event, value = next(self)
        except StopIteration:
            raise StreamError("truncated (the file ends in the middle of the JSON)") from None
        if event not in events:
            raise StreamError(f"expected {' or '.join(events)} near byte {self.reader.pos:,}, found {event}")
        return value


class _Prefixed:
    """A reader that returns `head` first, then the rest of `f`."""

    def __init__(self, head: bytes, f: BinaryIO) -> None:
        self.head, self.f = head, f

    def read(self, n: int = -1) -> bytes:
        if n == 0:
            return b""
        if self.head:
            data, self.head = self.head, b""
            return data
        return self.f.read(n)


def skip(events: Events, event: str) -> None:
    """Consume the rest of a value whose first event was `event`, building nothing."""
    if event not in START:
        return
    depth = 1
    for event, _ in events:
        if event in START:
            depth += 1
        elif event in END:
            depth -= 1
            if depth == 0:
                return
    raise StreamError("truncated (the file ends in the middle of the JSON)")


def build(events: Events, event: str, value: Any, *, max_depth: int = MAX_DEPTH, max_chars: int = MAX_CHARS) -> Any:
    """The value whose first event is `(event, value)`. Raises ValueProblem (after consuming
    the value) for duplicate keys, nesting deeper than `max_depth`, or more than
    `max_chars` characters of strings."""
    if event not in START:
        if event == "string" and len(value) > max_chars:
            raise ValueProblem(f"{len(value):,} characters, over the {max_chars:,}-character limit")
        return value
    root: Any = {} if event == "start_map" else []
    stack: list[Any] = [root]
    keys: list[Any] = [None]
    depth, chars, problem = 1, 0, None
    for event, value in events:
        if problem is not None:
            if event in START:
                depth += 1
            elif event in END:
                depth -= 1
                if depth == 0:
                    raise ValueProblem(problem)
            continue
        cur = stack[-1]
        if event == "map_key":
            if value in cur:
                problem = f"duplicate key {value!r}"
            keys[-1] = value
            continue
        if event in START:
            depth += 1
            if depth > max_depth:
                problem = f"nested deeper than {max_depth} levels"
                continue
            new: Any = {} if event == "start_map" else []
            if type(cur) is dict:
                cur[keys[-1]] = new
            else:
                cur.append(new)
            stack.append(new)
            keys.append(None)
            continue
        if event in END:
            depth -= 1
            stack.pop()
            keys.pop()
            if depth == 0:
                return root
            continue
        if event == "string":
            chars += len(value)
            if chars > max_chars:
                problem = f"over the {max_chars:,}-character limit for one item"
                continue
        if type(cur) is dict:
            cur[keys[-1]] = value
        else:
            cur.append(value)
    raise StreamError("truncated (the file ends in the middle of the JSON)")


def iter_map(events: Events) -> Iterator[str]:
    """Keys of the map just opened; after each key the caller must consume its value."""
    for event, value in events:
        if event == "map_key":
            yield value
        elif event == "end_map":
            return
        else:
            raise StreamError(f"unexpected {event} near byte {events.reader.pos:,}")
    raise StreamError("truncated (the file ends in the middle of the JSON)")
