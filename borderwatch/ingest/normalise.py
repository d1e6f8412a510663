"""Text normalisation and content identity.

A document's identity is its source plus a hash of its normalised text, so that the
same report read twice (or with different line endings or invisible characters) is
stored once.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Invisible characters that change nothing a reader sees but would change the hash, and
# bidirectional overrides that can make text display differently from what it says.
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD]
    + list(range(0x202A, 0x202F))
    + list(range(0x2066, 0x206A)),
    None,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """NFC, unified line endings, no invisible or control characters, tidy spaces."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE).replace("\u2019", "'")  # one apostrophe: "Minsk's"
    text = _CONTROL.sub("", text)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def content_hash(normalised: str) -> str:
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def document_id(source_id: str, normalised: str) -> str:
    return hashlib.sha256(f"{source_id}\n{normalised}".encode("utf-8")).hexdigest()


def has_direction_override(text: str) -> bool:
    return any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in text)
