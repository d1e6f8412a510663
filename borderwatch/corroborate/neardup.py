"""Near-duplicate documents and coordinated bursts.

A reworded repost is still a copy: MinHash over character 5-grams of the normalised text
(word n-grams missed reworded reposts), hashed in numpy, with datasketch's LSH to find candidate pairs, so the cost grows
with the number of documents rather than its square. Copies link to the earliest published
document of their group and are counted once.

A group of copies posted by many new or unknown sources within minutes, with no
established source at its origin, is flagged as coordinated: it is one voice, however
many accounts it uses.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from borderwatch.corroborate.settings import CoordinationRules, NearDupRules
from borderwatch.model import Document

if TYPE_CHECKING:  # datasketch is imported where it is used: it pulls in scipy
    from datasketch import MinHash

_SIGNATURES: dict[tuple[str, int, int], MinHash] = {}  # documents never change under their id
_TEMPLATES: dict[int, MinHash] = {}
_PERMS: dict[int, tuple[np.ndarray, np.ndarray]] = {}
_WORDS = re.compile(r"[^\w]+", re.U)
_NEVER = dt.datetime.max.replace(tzinfo=dt.timezone.utc)
_M1, _M2 = np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53)  # MurmurHash3 fmix64
_CHUNK = 4096  # shingles hashed at a time, so a huge document never needs a huge matrix


def normalise(text: str) -> str:
    """Lower case, punctuation and runs of spaces as one space: what a copier changes."""
    return _WORDS.sub(" ", text.lower()).strip()


def _fmix(k: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser: every input bit moves every output bit."""
    k = k ^ (k >> np.uint64(33))
    k = k * _M1
    k = k ^ (k >> np.uint64(33))
    k = k * _M2
    return k ^ (k >> np.uint64(33))


_POWERS = np.array([pow(0x100000001B3, j, 2**64) for j in range(16)], dtype=np.uint64)


def shingle_hashes(text: str, k: int) -> np.ndarray:
    """64-bit hashes of the character k-grams of a text, computed in numpy (a Python loop
    per shingle was most of the cost at 100,000 documents)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - k + 1
    if n <= 0:
        codes, n = np.concatenate([codes, np.zeros(k, dtype=np.uint64)]), 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(min(k, len(_POWERS))):  # a polynomial over the k code points, wrapping at 2^64
        h += codes[j:j + n] * _POWERS[j]
    return np.unique(_fmix(h))


def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """Multiply-add hash functions (odd multipliers), fixed so signatures are reproducible."""
    rng = np.random.RandomState(20240506)
    a = rng.randint(0, 2**63 - 1, size=num_perm, dtype=np.int64).astype(np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.randint(0, 2**63 - 1, size=num_perm, dtype=np.int64).astype(np.uint64)
    return a, b


def signature(doc: Document, rules: NearDupRules) -> MinHash:
    """A MinHash of the document's normalised character shingles (cached by document id)."""
    from datasketch import MinHash

    key = (doc.id, rules.num_perm, rules.shingle)
    sig = _SIGNATURES.get(key)
    if sig is None:
        if rules.num_perm not in _TEMPLATES:
            _TEMPLATES[rules.num_perm] = MinHash(num_perm=rules.num_perm, seed=1, scheme="affine64")
        template = _TEMPLATES[rules.num_perm]
        if rules.num_perm not in _PERMS:
            _PERMS[rules.num_perm] = _permutations(rules.num_perm)
        mult, add = _PERMS[rules.num_perm]
        h = shingle_hashes(normalise(doc.text), rules.shingle)
        values = np.full(rules.num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
        for i in range(0, len(h), _CHUNK):
            values = np.minimum(values, (h[i:i + _CHUNK, None] * mult[None, :] + add[None, :]).min(axis=0))
        sig = MinHash(hashvalues=values, permutations=template.permutations, scheme="affine64")
        if len(_SIGNATURES) > 200_000:
            _SIGNATURES.clear()
        _SIGNATURES[key] = sig
    return sig


@dataclass
class Copies:
    """Which documents copy which, and which copies form a coordinated burst."""

    copy_of: dict[str, str] = field(default_factory=dict)  # copy -> the original it repeats
    groups: list[tuple[str, ...]] = field(default_factory=list)  # originals first
    coordinated: dict[str, str] = field(default_factory=dict)  # document -> reason (one per group)
    cluster_of: dict[str, str] = field(default_factory=dict)  # coordinated document -> group id


def _published(d: Document) -> dt.datetime:
    return d.published or _NEVER


def find_copies(docs: dict[str, Document], rules: NearDupRules = NearDupRules()) -> list[tuple[str, ...]]:
    """Groups (size 2 and up) of documents that are near-identical, earliest first."""
    parent = {d: d for d in docs}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    short: dict[str, str] = {}
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=rules.threshold, num_perm=rules.num_perm)
    sigs: dict[str, MinHash] = {}
    for doc_id in sorted(docs):
        text = normalise(docs[doc_id].text)
        if len(text) < rules.min_chars:
            # Too short for shingles to mean anything: only an exact copy counts.
            if text in short:
                union(short[text], doc_id)
            else:
                short[text] = doc_id
            continue
        sig = signature(docs[doc_id], rules)
        for other in lsh.query(sig):
            if sig.jaccard(sigs[other]) >= rules.threshold:
                union(other, doc_id)
        lsh.insert(doc_id, sig)
        sigs[doc_id] = sig
    groups: dict[str, list[str]] = {}
    for d in docs:
        groups.setdefault(root(d), []).append(d)
    out = [tuple(sorted(g, key=lambda i: (_published(docs[i]), i))) for g in groups.values() if len(g) > 1]
    return sorted(out)


def link_copies(docs: dict[str, Document], reposts: dict[str, str], sources: dict, established: set[str],
                near: NearDupRules = NearDupRules(), coord: CoordinationRules = CoordinationRules()) -> Copies:
    """Near-duplicate groups merged with the stored reposts, and coordinated bursts flagged.

    `established` holds the source ids an analyst has graded by name or that have a
    confirmed track record; `sources` maps source ids to Source records."""
    out = Copies()
    first_seen: dict[str, dt.datetime] = {}
    for d in docs.values():
        if d.published and (d.source not in first_seen or d.published < first_seen[d.source]):
            first_seen[d.source] = d.published
    for group in find_copies(docs, near):
        out.groups.append(group)
        original = group[0]
        for d in group[1:]:
            out.copy_of[d] = original
        reason = _burst(group, docs, established, first_seen, coord)
        if reason:
            for d in group:
                out.coordinated[d] = reason
                out.cluster_of[d] = original[:16]
    for copy, original in reposts.items():
        if copy in docs and original in docs:
            out.copy_of.setdefault(copy, original)
    return out


def _burst(group: tuple[str, ...], docs: dict[str, Document], established: set[str],
           first_seen: dict[str, dt.datetime], rules: CoordinationRules) -> str | None:
    """A reason when the group is a coordinated burst, else None."""
    timed = [d for d in group if docs[d].published]
    if len({docs[d].source for d in group}) < rules.min_sources or not timed:
        return None
    origin_source = docs[group[0]].source
    if origin_source in established:
        return None  # an established source's post amplified by others: reposts, not a campaign
    window = dt.timedelta(minutes=rules.window_minutes)
    best: list[str] = []
    j = 0
    for i, d in enumerate(timed):  # the densest window, by distinct sources
        while docs[timed[j]].published < docs[d].published - window:
            j += 1
        part = timed[j:i + 1]
        if len({docs[x].source for x in part}) > len({docs[x].source for x in best}):
            best = part
    srcs = sorted({docs[x].source for x in best})
    if len(srcs) < rules.min_sources:
        return None
    start = docs[best[0]].published
    new = dt.timedelta(days=rules.new_source_days)

    def unknown(s: str) -> bool:
        return s not in established and (s not in first_seen or first_seen[s] >= start - new)

    share = sum(unknown(s) for s in srcs) / len(srcs)
    if share < rules.unknown_share:
        return None
    minutes = max(1, round((docs[best[-1]].published - start).total_seconds() / 60))
    return (f"{len(best)} near-identical reports from {len(srcs)} sources within {minutes} min; "
            f"{share:.0%} of the sources new or unknown")
