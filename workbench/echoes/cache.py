"""The echoes cache in WORKSPACE/.workbench/echoes/ — plain data, never pickle.

- `words/<text_hash>.bin`: one article's word arrays (see `Words.to_bytes`), keyed by the
  hash of its clean text, so an edited or added article is the only one tokenised again.
- `groups-<N>.json`: the last result for `--min-words N` (member offsets only) with the key
  of the library it was computed from (every article's id, text hash and outlet, and the
  settings); when the key matches, nothing else is read.

A workspace is untrusted: a cache file that does not parse, does not fit its text or is
not ours is ignored and rebuilt, and if any folder on the way is a symlink nothing is read
from or written to the cache at all (a write must never follow a link out of the workspace).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import orjson

from workbench.echoes.words import Words, words_of
from workbench.fsutil import atomic_write

_HASH_NAME = re.compile(r"^[0-9a-f]{64}\.bin$")


class EchoCache:
    def __init__(self, workspace) -> None:
        self.root = workspace.root
        self.folder = workspace.state / "echoes"
        self.words_dir = self.folder / "words"
        self.built: list[str] = []  # article ids tokenised afresh in this run (tests, benchmark)
        self.reused = 0

    def usable(self) -> bool:
        """False when a folder on the way is a symlink (or not a folder): then no caching."""
        path = self.root
        for part in (".workbench", "echoes", "words"):
            path = path / part
            if path.is_symlink() or (path.exists() and not path.is_dir()):
                return False
        return True

    # -- per-article words ------------------------------------------------------------

    def words(self, article, usable: bool) -> Words:
        """The article's words: from the cache when its text hash matches, else tokenised."""
        name = self.words_dir / f"{article.text_hash}.bin"
        if usable:
            try:
                words = Words.from_bytes(name.read_bytes(), len(article.text))
            except OSError:
                words = None
            if words is not None:
                self.reused += 1
                return words
        words = words_of(article.text)
        self.built.append(article.id)
        if usable:
            _write(name, words.to_bytes())
        return words

    def forget_others(self, text_hashes: set[str]) -> None:
        """Delete word files of texts no longer in the library (only our own file names)."""
        try:
            entries = list(os.scandir(self.words_dir))
        except OSError:
            return
        for entry in entries:
            if _HASH_NAME.match(entry.name) and entry.name[:-4] not in text_hashes:
                try:
                    os.unlink(entry.path)  # unlink removes a link itself, never its target
                except OSError:
                    pass

    # -- the last result --------------------------------------------------------------

    def _groups_file(self, min_words: int) -> Path:
        return self.folder / f"groups-{int(min_words)}.json"

    def load_groups(self, key: str, min_words: int) -> list | None:
        try:
            record = orjson.loads(self._groups_file(min_words).read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict) or record.get("key") != key:
            return None
        groups = record.get("groups")
        return groups if isinstance(groups, list) else None

    def save_groups(self, key: str, min_words: int, groups: list) -> None:
        _write(self._groups_file(min_words), orjson.dumps({"key": key, "groups": groups}))


def _write(path: Path, data: bytes) -> None:
    """Replace a cache file at once (fsutil: a link at `path` is replaced, never written through)."""
    try:
        atomic_write(path, data)
    except OSError:
        pass  # a cache we cannot write only costs time next run
