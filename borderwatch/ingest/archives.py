"""ZIP archives of inputs (a zipped Telegram export, a folder of sightings with photos).

Members are read in memory or streamed, never extracted to disk, and each is checked
first: a name that climbs out (`../`, an absolute path, a drive letter, a backslash), a
symbolic link, an encrypted member or a nested archive is refused; so is an archive with
too many members, too many bytes in all, or a member whose compression ratio marks it as
a decompression bomb. Each member then goes to the adapter its name and content call for.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path, PurePosixPath

from borderwatch.ingest import jsonstream as js
from borderwatch.ingest.base import Context, Rejected, Stream

MAX_MEMBERS = 10_000
MAX_TOTAL = 8 * 1024**3  # declared uncompressed bytes in all
MAX_MEMBER = 4 * 1024**3  # a Telegram export may be large: it is streamed
MAX_READ = 25 * 1024 * 1024  # members read whole (feeds, pages, sightings, photos)
MAX_RATIO = 100  # uncompressed / compressed, for members over 1 MB
IMAGES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".mp4", ".mov")


def unsafe_name(name: str) -> str | None:
    """Why a member name is refused, or None."""
    if not name or "\x00" in name:
        return "empty or NUL in the name"
    if "\\" in name:
        return "a backslash in the name"
    p = PurePosixPath(name)
    if p.is_absolute() or (len(name) > 1 and name[1] == ":"):
        return "an absolute path"
    if ".." in p.parts:
        return "a path that climbs out of the archive ('..')"
    return None


def check_member(info: zipfile.ZipInfo) -> str | None:
    why = unsafe_name(info.filename)
    if why:
        return why
    mode = info.external_attr >> 16
    if mode and stat.S_ISLNK(mode):
        return "a symbolic link"
    if info.flag_bits & 0x1:
        return "encrypted"
    if info.file_size > MAX_MEMBER:
        return f"{info.file_size:,} bytes, over the {MAX_MEMBER:,}-byte limit"
    if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return (f"compression ratio {info.file_size // max(info.compress_size, 1):,}:1 "
                "(a decompression bomb?)")
    return None


def read_archive(path: Path, *, ctx: Context) -> Stream:
    from borderwatch.ingest.dispatch import kind_of

    name = str(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        yield Rejected(name, f"not a readable ZIP archive ({e})")
        return
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > MAX_MEMBERS:
            yield Rejected(name, f"{len(infos):,} members, over the limit of {MAX_MEMBERS:,}")
            return
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL:
            yield Rejected(name, f"{total:,} bytes uncompressed, over the {MAX_TOTAL:,}-byte limit")
            return
        bad = {i.filename: check_member(i) for i in infos}
        for info in infos:
            where = f"{name}!{info.filename}"
            if bad[info.filename]:
                yield Rejected(where, f"refused: {bad[info.filename]}")
                continue
            lower = info.filename.lower()
            if lower.endswith(IMAGES) or PurePosixPath(lower).name.startswith(".") or lower.endswith("readme.md"):
                continue  # photos are read when a sightings list names them
            try:
                with zf.open(info) as f:
                    head = f.read(65536)
                kind = kind_of(info.filename, head)
                if kind == "archive":
                    yield Rejected(where, "a nested archive: not opened")
                    continue
                yield from _member(zf, info, kind, where, ctx, bad)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, js.StreamError) as e:
                yield Rejected(where, f"cannot read the member: {e}")


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, kind: str, where: str, ctx: Context, bad: dict) -> Stream:
    if kind == "telegram":
        from borderwatch.ingest.telegram import read_export

        with zf.open(info) as f:
            yield from read_export(f, origin=where, ctx=ctx, limit=info.file_size)
        return
    if kind == "unknown":
        yield Rejected(where, "not a known report type")
        return
    if info.file_size > MAX_READ:
        yield Rejected(where, f"{info.file_size:,} bytes is over the {MAX_READ:,}-byte limit")
        return
    data = _read(zf, info)
    if kind == "text":
        from borderwatch.ingest.base import Item
        from borderwatch.ingest.text import parse_report

        try:
            source, doc, extra = parse_report(data, origin=where, now=ctx.now)
        except Exception as e:  # InputError: the text adapter's clear reasons
            yield Rejected(where, str(e))
            return
        yield Item(source, doc, extra)
    elif kind == "feed":
        from borderwatch.ingest.feeds import read_feed

        yield from read_feed(data, origin=where, ctx=ctx)
    elif kind == "web":
        from borderwatch.ingest.web import read_page

        yield from read_page(data, origin=where, ctx=ctx)
    elif kind == "sightings":
        from borderwatch.ingest.sightings import read_sightings

        yield from read_sightings(data, origin=where, ctx=ctx, csv=info.filename.lower().endswith(".csv"),
                                  attachments=ArchiveAttachments(zf, PurePosixPath(info.filename).parent, bad))


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int = MAX_READ) -> bytes:
    with zf.open(info) as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise OSError(f"over the {limit:,}-byte limit")
    return data


class ArchiveAttachments:
    """Photos named by a sightings list inside the same archive, beside the list."""

    def __init__(self, zf: zipfile.ZipFile, base: PurePosixPath, bad: dict) -> None:
        self.zf, self.base, self.bad = zf, base, bad

    def __call__(self, ref: str) -> bytes:
        why = unsafe_name(ref)
        if why:
            raise ValueError(f"photo path {ref[:80]!r} refused: {why}")
        member = str(self.base / ref) if str(self.base) != "." else ref
        try:
            info = self.zf.getinfo(member)
        except KeyError:
            raise ValueError(f"photo {ref[:80]!r} is not in the archive") from None
        if self.bad.get(member):
            raise ValueError(f"photo {ref[:80]!r} refused: {self.bad[member]}")
        return _read(self.zf, info)


