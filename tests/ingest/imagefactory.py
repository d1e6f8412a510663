"""Photos with the metadata a phone writes (GPS, device, serial number, thumbnail,
comment), built byte by byte so the tests know exactly what must not survive."""

from __future__ import annotations

import io
import struct

MARKERS = [b"BWTESTMAKER", b"BWTESTMODEL-7", b"SN-BW-0042-SECRET", b"BWSOFT-1.2", b"BWTHUMB-COMMENT",
           b"BWMAIN-COMMENT", b"BWLENS-50MM"]
LAT, LON = (52, 3, 7.89), (29, 16, 12.34)  # 52.052192 N, 29.270094 E (Mazyr)
LAT_DEC, LON_DEC = "52.0521", "29.2700"


def _rational(x: float) -> tuple[int, int]:
    return round(x * 100), 100


def _ifd(entries: list[tuple[int, int, bytes]], start: int, next_ifd: int = 0) -> tuple[bytes, bytes]:
    """An IFD at offset `start` (values over 4 bytes placed after it). Returns (ifd, data)."""
    size = 2 + 12 * len(entries) + 4
    data = b""
    out = struct.pack("<H", len(entries))
    for tag, typ, value in sorted(entries):
        unit = {2: 1, 3: 2, 4: 4, 5: 8}[typ]
        count = len(value) // unit
        if len(value) <= 4:
            out += struct.pack("<HHI", tag, typ, count) + value.ljust(4, b"\0")
        else:
            out += struct.pack("<HHII", tag, typ, count, start + size + len(data))
            data += value + (b"\0" if len(value) % 2 else b"")
    return out + struct.pack("<I", next_ifd), data


def _ascii(s: bytes) -> bytes:
    return s + b"\0"


def _long(n: int) -> bytes:
    return struct.pack("<I", n)


def _rationals(values) -> bytes:
    return b"".join(struct.pack("<II", *_rational(v)) for v in values)


def exif_blob(thumbnail: bytes) -> bytes:
    """'Exif\\0\\0' + a little-endian TIFF with IFD0, Exif, GPS and IFD1 (thumbnail)."""
    # Offsets are computed by laying the parts out twice: once to size, once for real.
    def build(exif_at: int, gps_at: int, ifd1_at: int) -> tuple[bytes, int, int, int]:
        ifd0, d0 = _ifd([(0x010F, 2, _ascii(MARKERS[0])), (0x0110, 2, _ascii(MARKERS[1])),
                         (0x0131, 2, _ascii(MARKERS[3])), (0x0132, 2, _ascii(b"2024:05:13 17:05:09")),
                         (0x8769, 4, _long(exif_at)), (0x8825, 4, _long(gps_at))], 8, ifd1_at)
        pos = 8 + len(ifd0) + len(d0)
        e_at = pos
        exif, de = _ifd([(0x9003, 2, _ascii(b"2024:05:13 17:05:09")), (0xA431, 2, _ascii(MARKERS[2])),
                         (0xA434, 2, _ascii(MARKERS[6]))], e_at)
        pos += len(exif) + len(de)
        g_at = pos
        gps, dg = _ifd([(1, 2, b"N\0"), (2, 5, _rationals(LAT)), (3, 2, b"E\0"), (4, 5, _rationals(LON))], g_at)
        pos += len(gps) + len(dg)
        i1_at = pos
        thumb_at = i1_at + 2 + 12 * 2 + 4
        ifd1, d1 = _ifd([(0x0201, 4, _long(thumb_at)), (0x0202, 4, _long(len(thumbnail)))], i1_at)
        tiff = b"II*\0" + _long(8) + ifd0 + d0 + exif + de + gps + dg + ifd1 + d1 + thumbnail
        return tiff, e_at, g_at, i1_at

    _, e, g, i = build(0, 0, 0)
    tiff, *_ = build(e, g, i)
    return b"Exif\0\0" + tiff


def thumbnail_jpeg() -> bytes:
    from PIL import Image

    img = Image.new("RGB", (64, 48), (200, 30, 30))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=70, comment=MARKERS[4])
    return buf.getvalue()


def phone_photo(size=(640, 480)) -> bytes:
    """A JPEG as a phone would send it: EXIF with GPS, device, serial and thumbnail, a comment."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, (90, 110, 70))
    draw = ImageDraw.Draw(img)
    for x in range(0, size[0], 40):  # a 'column' of boxes
        draw.rectangle([x + 5, size[1] // 2 - 20, x + 30, size[1] // 2 + 10], fill=(40, 50, 40))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90, exif=exif_blob(thumbnail_jpeg()), comment=MARKERS[5])
    return buf.getvalue()


def png_with_text_chunks() -> bytes:
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", MARKERS[0].decode())
    info.add_text("Comment", MARKERS[5].decode())
    buf = io.BytesIO()
    Image.new("RGBA", (32, 32), (0, 0, 255, 128)).save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


def png_bomb() -> bytes:
    """A small PNG that claims 30,000 x 30,000 pixels (900 megapixels)."""
    import zlib

    width = height = 30_000
    raw_row = b"\0" + b"\0" * (width // 8)
    comp = zlib.compressobj(9)
    data = b"".join(comp.compress(raw_row) for _ in range(height)) + comp.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", data) + chunk(b"IEND", b""))
