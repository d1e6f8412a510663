"""`borderwatch watch CONFIG`: poll feeds and folders on an interval.

```yaml
interval: 300            # seconds between rounds (at least 10)
feeds:                   # http(s) URLs of feeds or pages
  - https://palessie.example/rss
folders:                 # folders to scan for new files of any known kind
  - ~/borderwatch/inbox
allow_private: false     # let the URLs above reach private and loopback addresses
```

Each round reads every feed, and every file in the folders that is new or changed since
the last round (name, size and modification time); identity does the rest, so a document
seen before adds nothing. This module only plans and paces rounds; the CLI hands each
round to `pipeline.ingest`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from borderwatch.errors import InputError
from borderwatch.ingest.dispatch import expand, is_url

MIN_INTERVAL = 10.0


@dataclass(frozen=True)
class WatchConfig:
    interval: float = 300.0
    feeds: tuple[str, ...] = ()
    folders: tuple[Path, ...] = ()
    allow_private: bool = False


def load_config(path: Path) -> WatchConfig:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: not a YAML file ({str(e).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: must be a mapping with interval, feeds, folders")
    unknown = set(data) - {"interval", "feeds", "folders", "allow_private"}
    if unknown:
        raise InputError(f"{path}: unknown keys {', '.join(sorted(map(str, unknown)))}")
    try:
        interval = float(data.get("interval", 300))
    except (TypeError, ValueError):
        raise InputError(f"{path}: interval must be a number of seconds") from None
    if interval < MIN_INTERVAL:
        raise InputError(f"{path}: interval must be at least {MIN_INTERVAL:g} seconds")
    feeds = data.get("feeds") or []
    folders = data.get("folders") or []
    if not isinstance(feeds, list) or not all(isinstance(f, str) and is_url(f) for f in feeds):
        raise InputError(f"{path}: feeds must be a list of http(s) URLs")
    if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
        raise InputError(f"{path}: folders must be a list of paths")
    base = path.parent
    dirs = tuple((base / Path(f).expanduser()).resolve() for f in folders)
    for d in dirs:
        if not d.is_dir():
            raise InputError(f"{path}: folder {d} does not exist")
    if not feeds and not dirs:
        raise InputError(f"{path}: nothing to watch (no feeds, no folders)")
    return WatchConfig(interval, tuple(feeds), dirs, bool(data.get("allow_private", False)))


@dataclass
class Watcher:
    """Decides what each round reads: all feeds, and files new or changed since last seen."""

    config: WatchConfig
    seen: dict[str, tuple[int, int]] = field(default_factory=dict)

    def round_inputs(self) -> list[str | Path]:
        inputs: list[str | Path] = list(self.config.feeds)
        for f in expand(self.config.folders):
            if isinstance(f, Path):
                try:
                    st = f.stat()
                except OSError:
                    continue
                key = (st.st_size, st.st_mtime_ns)
                if self.seen.get(str(f)) != key:
                    self.seen[str(f)] = key
                    inputs.append(f)
        return inputs

    def run(self, do_round: Callable[[list[str | Path]], None], *, rounds: int | None = None,
            sleep: Callable[[float], None] = time.sleep) -> int:
        """Run rounds until `rounds` are done (forever if None). Returns the rounds run."""
        done = 0
        while rounds is None or done < rounds:
            start = time.monotonic()
            inputs = self.round_inputs()
            if inputs:
                do_round(inputs)
            done += 1
            if rounds is not None and done >= rounds:
                break
            sleep(max(0.0, self.config.interval - (time.monotonic() - start)))
        return done
