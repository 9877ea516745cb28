"""Library evidence for the cleaner: which lines of each plain-text source recur across the library.

Every `.txt` source's line keys (`clean.recurring.line_hashes`) are counted over the library;
a source's lines found in MIN_ARTICLES sources or more are handed to the cleaner as furniture.
The keys of each source are cached in WORKSPACE/.workbench/evidence.json by path, size
and modification time, so a load reads only sources that changed. The evidence an article
was cleaned with is part of its cache key: when a new source changes it, the article is
cleaned again, and the store's sync re-anchors its highlights as for an edited source.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from workbench.fsutil import atomic_write
from workbench.library.clean.recurring import count_articles, evidence_digest, furniture_for, line_hashes

EVIDENCE_VERSION = 1
SUFFIXES = (".txt",)  # the sources the plain-text cleaner reads


@dataclass
class SiteEvidence:
    """Line keys per source, their counts over the library, and the evidence digest each source
    had at the last refresh (`previous`), so a refresh knows whose evidence changed."""

    keys: dict[str, set[str]] = field(default_factory=dict)  # source path → its line keys
    counts: dict[str, int] = field(default_factory=dict)
    previous: dict[str, str] = field(default_factory=dict)  # source path → digest at the last refresh
    cache_file: Path | None = None
    stamps: dict[str, list[int]] = field(default_factory=dict)

    def furniture(self, path: Path) -> frozenset[str]:
        """The keys of `path`'s lines that recur across the library (empty for other kinds)."""
        keys = self.keys.get(str(path))
        return furniture_for(keys, self.counts) if keys else frozenset()

    def digest(self, path: Path) -> str:
        return evidence_digest(self.furniture(path))

    def stale(self) -> frozenset[str]:
        """Sources whose evidence differs from the last refresh's: their clean text may change."""
        return frozenset(path for path in self.keys if self.digest(Path(path)) != self.previous.get(path, ""))

    def settle(self) -> None:
        """Record the current digests (call once the stale sources are cleaned again)."""
        current = {path: self.digest(Path(path)) for path in self.keys}
        if current != self.previous:
            self.previous = current
            self._save()

    def _save(self) -> None:
        if self.cache_file is None:
            return
        sources = {path: {"stamp": self.stamps[path], "keys": sorted(keys), "digest": self.previous.get(path, "")}
                   for path, keys in self.keys.items()}
        try:
            atomic_write(self.cache_file, orjson.dumps({"version": EVIDENCE_VERSION, "sources": sources}))
        except OSError:
            pass  # a cache we cannot write only costs time

    @classmethod
    def gather(cls, paths: Iterable[str | Path], cache_file: Path | None = None) -> SiteEvidence:
        """Keys of every plain-text source (cached by path, size and mtime) and their counts.

        Called for a single `get` too (an article's cache key includes its evidence), so the
        per-source work is kept to one stat and C-speed steps: paths stay strings, cached keys
        become a set in one call once their types are checked in bulk."""
        cached: dict = {}
        if cache_file is not None:
            try:
                record = orjson.loads(cache_file.read_bytes())
                if isinstance(record, dict) and record.get("version") == EVIDENCE_VERSION \
                        and isinstance(record.get("sources"), dict):
                    cached = record["sources"]
            except (OSError, ValueError):
                pass  # missing or damaged: read the sources again
        evidence = cls(cache_file=cache_file)
        sources = [path for path in map(str, paths) if path.lower().endswith(SUFFIXES)]  # (seeds/ has no dot-files)
        changed = len(cached) != len(sources)
        for path in sources:
            try:
                stat = os.stat(path)
            except OSError:
                continue
            stamp = [stat.st_size, stat.st_mtime_ns]
            entry = cached.get(path)
            keys = entry.get("keys") if isinstance(entry, dict) and entry.get("stamp") == stamp else None
            if type(keys) is list and set(map(type, keys)) <= _STR:
                found = set(keys)
            elif type(keys) is list:
                found = {k for k in keys if isinstance(k, str)}
            else:
                try:
                    with open(path, "rb") as f:
                        text = f.read().decode("utf-8", errors="replace")
                except OSError:
                    continue
                found = line_hashes(text)
                changed = True
            if isinstance(entry, dict) and isinstance(entry.get("digest"), str):
                evidence.previous[path] = entry["digest"]
            evidence.keys[path] = found
            evidence.stamps[path] = stamp
        evidence.counts = count_articles(evidence.keys.values())
        if changed:
            evidence._save()  # the keys (the digests stay those of the last refresh)
        return evidence


_STR = {str}
