"""Decode one untrusted image in a separate process, with limits, and re-encode its pixels.

Run as `python -I -m borderwatch.ingest.imageworker MAX_SIDE` with the image on standard
input. It answers on standard output with one JSON line (format, size, GPS and capture
time read from EXIF) followed by the clean image bytes. The parent (`ingest/media.py`)
sets the limits (address space, CPU seconds) before this starts and a wall-clock timeout.
Only JPEG, PNG and WebP decoders are allowed; a picture over MAX_PIXELS is refused.
"""

from __future__ import annotations

import io
import json
import sys

MAX_PIXELS = 50_000_000
ALLOWED = ("JPEG", "PNG", "WEBP")


def _ratio(v) -> float:
    try:
        return float(v)
    except (TypeError, ValueError, ZeroDivisionError):
        num, den = v
        return float(num) / float(den)


def _gps(exif) -> tuple[float, float] | None:
    from PIL import ExifTags

    try:
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    except (KeyError, ValueError, TypeError, AttributeError):
        return None
    if not gps or 2 not in gps or 4 not in gps:
        return None
    try:
        lat = sum(_ratio(x) / d for x, d in zip(gps[2], (1, 60, 3600)))
        lon = sum(_ratio(x) / d for x, d in zip(gps[4], (1, 60, 3600)))
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if str(gps.get(1, "N")).upper().startswith("S"):
        lat = -lat
    if str(gps.get(3, "E")).upper().startswith("W"):
        lon = -lon
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None
    return lat, lon


def _taken(exif) -> str | None:
    from PIL import ExifTags

    try:
        sub = exif.get_ifd(ExifTags.IFD.Exif)
    except (KeyError, ValueError, TypeError, AttributeError):
        sub = {}
    value = sub.get(36867) or sub.get(36868) or exif.get(306)  # DateTimeOriginal, Digitized, DateTime
    return str(value)[:19] if value else None


def main() -> int:
    from PIL import Image, ImageOps

    max_side = int(sys.argv[1]) if len(sys.argv) > 1 else 2560
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    data = sys.stdin.buffer.read()
    try:
        img = Image.open(io.BytesIO(data), formats=ALLOWED)
        fmt = img.format
        if img.width * img.height > MAX_PIXELS:
            raise ValueError(f"{img.width}x{img.height} is over {MAX_PIXELS:,} pixels")
        exif = img.getexif()
        gps, taken = _gps(exif), _taken(exif)
        img = ImageOps.exif_transpose(img)  # keep the picture upright once the orientation tag is gone
        img.load()
        if getattr(img, "n_frames", 1) > 1:
            img.seek(0)
        mode = "RGBA" if img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info else "RGB"
        pixels = img.convert(mode)
        if max(pixels.size) > max_side:
            pixels.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        clean = Image.frombytes(mode, pixels.size, pixels.tobytes())  # a new image: pixels, nothing else
        out = io.BytesIO()
        if mode == "RGBA":
            clean.save(out, "PNG", optimize=False)
            mime = "image/png"
        else:
            clean.save(out, "JPEG", quality=85, optimize=True)
            mime = "image/jpeg"
    except Image.DecompressionBombError as e:
        print(json.dumps({"error": f"image bomb: {e}"}))
        return 0
    except Exception as e:  # any decoder failure is the image's fault
        print(json.dumps({"error": f"{type(e).__name__}: {str(e)[:200]}"}))
        return 0
    head = {"format": fmt, "mime": mime, "width": clean.width, "height": clean.height, "gps": gps, "taken": taken}
    sys.stdout.buffer.write(json.dumps(head).encode() + b"\n" + out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
