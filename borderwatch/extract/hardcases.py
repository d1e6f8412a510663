"""Scores by hard case: how the extractor does on the observations and documents that
`eval/extraction/hard_cases.json` tags (passive voice, denials, two events in one sentence,
relative times, adverts, weather, ...), so that a change can be seen to help or hurt where
extraction is hard, not only on average.

An observation's tags say what makes it hard: the share of those observations found (paired
with a prediction of the same type) and the share of their field values the paired
prediction gets right. A document's tags name traps (an advert, a sentence that tells of
nothing): what counts there is how many predictions pair with nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from borderwatch.errors import InputError
from borderwatch.extract.evaluate import FIELDS, _keys

TAGS_FILE = "hard_cases.json"


@dataclass
class CaseScore:
    observations: int = 0  # gold observations with the tag
    found: int = 0  # of those, paired with a prediction of the same type
    values: int = 0  # their field values (actor, equipment, time, ...)
    right: int = 0  # of those, matched by the paired prediction
    documents: int = 0  # documents with the tag
    extra: int = 0  # predictions in those documents that pair with no gold observation

    @property
    def found_share(self) -> float | None:
        return self.found / self.observations if self.observations else None

    @property
    def right_share(self) -> float | None:
        return self.right / self.values if self.values else None

    @property
    def extra_per_document(self) -> float | None:
        return self.extra / self.documents if self.documents else None


def load_tags(folder: Path) -> dict[str, dict]:
    """The tags of the documents of a split folder (`eval/extraction/dev` -> the "dev/NNN"
    entries of `eval/extraction/hard_cases.json`), keyed by document name."""
    path = folder.parent / TAGS_FILE
    if not path.exists():
        raise InputError(f"no {TAGS_FILE} beside {folder}: nothing to break the scores down by")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as e:
        raise InputError(f"{path}: not JSON ({e})") from e
    prefix = f"{folder.name}/"
    return {k[len(prefix):]: v for k, v in data.items() if k.startswith(prefix) and isinstance(v, dict)}


def tally(scores: dict[str, CaseScore], tags: dict | None, gold: list[dict], pairs: list[tuple[dict, dict]],
          extra: list[dict]) -> None:
    """Add one document: `tags` its entry in the tags file (None when it has none), `pairs`
    and `extra` what the scorer made of it."""
    if not tags:
        return
    per_obs = tags.get("observations") or []
    if len(per_obs) != len(gold):
        raise InputError(f"{TAGS_FILE}: {len(per_obs)} tag lists for {len(gold)} gold observations")
    partner = {id(g): p for g, p in pairs}
    for g, obs_tags in zip(gold, per_obs):
        p = partner.get(id(g))
        values = sum(len(_keys(f, g)) for f in FIELDS[1:])
        right = sum(len(_keys(f, g) & _keys(f, p)) for f in FIELDS[1:]) if p is not None else 0
        for tag in set(obs_tags):
            s = scores.setdefault(tag, CaseScore())
            s.observations += 1
            s.found += p is not None
            s.values += values
            s.right += right
    for tag in set(tags.get("doc") or []):
        s = scores.setdefault(tag, CaseScore())
        s.documents += 1
        s.extra += len(extra)
