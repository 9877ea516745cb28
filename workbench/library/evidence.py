"""Library evidence for the cleaner: which lines of each plain-text source recur across the library.

Every `.txt` source's line keys (`clean.recurring.line_hashes`) are counted over the library;
a source's lines found in MIN_ARTICLES sources or more are handed to the cleaner as furniture.
The keys of each source are cached in WORKSPACE/.workbench/evidence.json by path, size
and modification time, so a load reads only sources that changed. The evidence an article
was cleaned with is part of its cache key: when a new source changes it, the article is
cleaned again, and the store's sync re-anchors its highlights as for an edited source.

Checking one article's cache key (`Library.get`, a `highlight`) needs only that article's
evidence digest, yet the digest depends on every source. So every digest is also kept in
WORKSPACE/.workbench/evidence-digests.json, by columns, with each source's size and mtime:
while the plain-text sources are exactly those, unchanged, the digests still hold
(`settled_digests`: one stat per source, no key list read or counted). A source modified
within RACY_NS of the writing is recorded as never matching (a same-size edit in the same
clock tick would keep its stamp), so it costs a full gather until the file is written again.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from workbench.fsutil import atomic_write
from workbench.library.clean.recurring import count_articles, evidence_digest, furniture_for, line_hashes

EVIDENCE_VERSION = 1
DIGESTS_VERSION = 1
SUFFIXES = (".txt",)  # the sources the plain-text cleaner reads
RACY_NS = 2_000_000_000  # as the manifest's: coarse clocks cannot tell edits this close apart


@dataclass
class SiteEvidence:
    """Line keys per source, their counts over the library, and the evidence digest each source
    had at the last refresh (`previous`), so a refresh knows whose evidence changed."""

    keys: dict[str, set[str]] = field(default_factory=dict)  # source path → its line keys
    counts: dict[str, int] = field(default_factory=dict)
    previous: dict[str, str] = field(default_factory=dict)  # source path → digest at the last refresh
    cache_file: Path | None = None
    stamps: dict[str, list[int]] = field(default_factory=dict)
    _current: dict[str, str] | None = None

    def furniture(self, path: Path) -> frozenset[str]:
        """The keys of `path`'s lines that recur across the library (empty for other kinds)."""
        keys = self.keys.get(str(path))
        return furniture_for(keys, self.counts) if keys else frozenset()

    def digest(self, path: Path) -> str:
        return evidence_digest(self.furniture(path))

    def current(self) -> dict[str, str]:
        """Source path → its evidence digest now (computed once)."""
        if self._current is None:
            self._current = {path: evidence_digest(furniture_for(keys, self.counts)) if keys else ""
                             for path, keys in self.keys.items()}
        return self._current

    def stale(self) -> frozenset[str]:
        """Sources whose evidence differs from the last refresh's: their clean text may change."""
        previous = self.previous
        return frozenset(path for path, digest in self.current().items() if digest != previous.get(path, ""))

    def settle(self) -> None:
        """Record the current digests (call once the stale sources are cleaned again)."""
        current = self.current()
        if current != self.previous:
            self.previous = dict(current)
            self._save()

    def save_digests(self, seeds: str, file: Path) -> None:
        """Write every source's current digest with its stamp (see the module docstring)."""
        prefix = seeds + "/"
        paths = sorted(self.keys)
        if not all(path.startswith(prefix) and "/" not in path[len(prefix):] for path in paths):
            return  # not one folder's sources: nothing `settled_digests` could check
        current = self.current()
        racy = time.time_ns() - RACY_NS
        mtimes = [self.stamps[path][1] for path in paths]
        data = {"version": DIGESTS_VERSION, "seeds": seeds, "names": [path[len(prefix):] for path in paths],
                "sizes": [self.stamps[path][0] for path in paths],
                "mtimes": [mtime if mtime < racy else -1 for mtime in mtimes],
                "digests": [current[path] for path in paths]}
        try:
            atomic_write(file, orjson.dumps(data))
        except OSError:
            pass  # a cache we cannot write only costs time

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


def settled_digests(seeds: str, names: Iterable[str], file: Path) -> dict[str, str] | None:
    """File name → evidence digest of every plain-text source among `names` (file names in
    `seeds`), if `file` recorded exactly these sources with their current size and mtime; else None.

    Costs one stat per plain-text source: no source read, no key list parsed or counted."""
    wanted = sorted(name for name in names if name.lower().endswith(SUFFIXES))
    try:
        record = orjson.loads(file.read_bytes())
    except (OSError, ValueError):
        return None
    if type(record) is not dict or record.get("version") != DIGESTS_VERSION or record.get("seeds") != seeds \
            or record.get("names") != wanted:
        return None
    sizes, mtimes, digests = record.get("sizes"), record.get("mtimes"), record.get("digests")
    if not (type(sizes) is list and type(mtimes) is list and type(digests) is list
            and len(sizes) == len(mtimes) == len(digests) == len(wanted)
            and set(map(type, digests)) <= _STR):
        return None
    try:
        fd = os.open(seeds, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None
    try:
        stat = os.stat
        now_sizes, now_mtimes = [], []
        for name in wanted:
            st = stat(name, dir_fd=fd)
            now_sizes.append(st.st_size)
            now_mtimes.append(st.st_mtime_ns)
    except OSError:
        return None
    finally:
        os.close(fd)
    if now_sizes != sizes or now_mtimes != mtimes:  # (a recorded -1 never matches)
        return None
    return dict(zip(wanted, digests))


_STR = {str}
