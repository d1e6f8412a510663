"""Citizen photos: accept JPEG, PNG and WebP (decided by content, never by name), decode
them in a subprocess with memory and time limits, read GPS and capture time from EXIF,
and keep only a re-encoding of the pixels (downscaled to at most MAX_SIDE pixels a side,
which also weakens sensor-noise fingerprints). No byte of the original is ever stored:
not its EXIF (GPS, device, serial numbers, thumbnail), XMP, ICC profile or comments.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass

from borderwatch.model import Photo

MAX_BYTES = 25 * 1024 * 1024
MAX_SIDE = 2560
MEMORY_LIMIT = 1024 * 1024 * 1024  # address space of the decoder process
CPU_SECONDS = 20
WALL_SECONDS = 30


class MediaError(ValueError):
    """A file that is not an acceptable image; the reason is one line."""


@dataclass(frozen=True)
class Decoded:
    photo: Photo
    gps: tuple[float, float] | None  # as read, before rounding
    taken: dt.datetime | None  # EXIF local time, no zone; naive


def sniff(data: bytes) -> str:
    """'JPEG', 'PNG' or 'WEBP' from the first bytes, else MediaError saying what it looks like."""
    if data[:3] == b"\xff\xd8\xff":
        return "JPEG"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    head = data[:512].lstrip().lower()
    looks = ("an SVG image" if b"<svg" in head or (head.startswith(b"<?xml") and b"svg" in data[:4096].lower())
             else "HTML" if head.startswith((b"<!doctype html", b"<html")) or b"<script" in head
             else "a GIF image" if data[:4] == b"GIF8" else "a ZIP archive" if data[:4] == b"PK\x03\x04"
             else "a PDF" if data[:5] == b"%PDF-" else "a program" if data[:4] in (b"\x7fELF", b"MZ\x90\x00")
             else "empty" if not data else "something else")
    raise MediaError(f"not a JPEG, PNG or WebP image (it looks like {looks})")


def _limits() -> None:  # runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def decode(data: bytes, *, max_side: int = MAX_SIDE, timeout: float = WALL_SECONDS) -> Decoded:
    """Check, decode in a limited subprocess and re-encode. Raises MediaError."""
    if len(data) > MAX_BYTES:
        raise MediaError(f"{len(data):,} bytes is over the {MAX_BYTES:,}-byte limit for a photo")
    sniff(data)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"}
    try:
        proc = subprocess.run([sys.executable, "-I", "-m", "borderwatch.ingest.imageworker", str(max_side)],
                              input=data, capture_output=True, timeout=timeout, env=env,
                              preexec_fn=_limits if os.name == "posix" else None, check=False)
    except subprocess.TimeoutExpired:
        raise MediaError(f"decoding took longer than {timeout:g} s") from None
    head, _, body = proc.stdout.partition(b"\n")
    try:
        info = json.loads(head) if head else {}
    except ValueError:
        info = {}
    if proc.returncode != 0 or not info:
        why = "out of memory or time" if proc.returncode in (-9, -24, 137, 152) or b"MemoryError" in proc.stderr \
            else f"exit status {proc.returncode}"
        raise MediaError(f"the decoder failed ({why})")
    if "error" in info:
        raise MediaError(f"cannot decode the image: {info['error']}")
    photo = Photo(data=body, mime=info["mime"], width=info["width"], height=info["height"],
                  sha256=hashlib.sha256(body).hexdigest())
    taken = None
    if info.get("taken"):
        try:
            taken = dt.datetime.strptime(info["taken"], "%Y:%m:%d %H:%M:%S")
        except ValueError:
            taken = None
    return Decoded(photo, tuple(info["gps"]) if info.get("gps") else None, taken)
