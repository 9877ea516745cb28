"""A small index of the store: which article files exist, what they hold, without parsing them.

`store/index.json` keeps, per `annotations/<article>.json`, the file's signature (inode,
size, mtime_ns, ctime_ns), the text hashes its annotations were anchored against, their
ids, and the notes and tags (with ids and spans) that search looks through. With it, `sync` finds the articles whose text changed by comparing hashes
(the library's manifest has the current ones) and reads only those files; resolving an
annotation id reads only the file that holds it; search reads notes from the index alone. An entry is used only while its file's
signature is unchanged (every save is an atomic replace, so the inode changes); a changed,
new or unknown file is read and its entry rebuilt. The index is a cache: unreadable,
foreign or wrongly typed content is ignored, and it is written without the store lock
(atomic replace; a lost race only costs a re-read next time).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, TypeGuard

import orjson

from workbench.fsutil import atomic_write, gc_paused
from workbench.store.partitions import article_of
from workbench.textnorm import strip_control

if TYPE_CHECKING:
    from workbench.store.files import StoreFiles

INDEX_VERSION = 2
FILENAME = "index.json"


class Summary:
    """What one article file holds: the text hashes and ids of its annotations, and the notes."""

    __slots__ = ("hashes", "ids", "notes")

    def __init__(self, hashes: list[str], ids: list[str], notes: list) -> None:
        self.hashes = hashes
        self.ids = ids
        self.notes = notes  # [id, start, end, note, tags] of annotations with a note or tags


class NoteRef:
    """An annotation as note search needs it (what `SearchIndex.search(annotations=)` reads)."""

    __slots__ = ("id", "article", "start", "end", "note", "tags")

    def __init__(self, article: str, ann_id: str, start: int, end: int, note: str, tags: list[str]) -> None:
        self.id, self.article, self.start, self.end, self.note, self.tags = ann_id, article, start, end, note, tags


def _note_ok(n) -> bool:
    return (type(n) is list and len(n) == 5 and type(n[0]) is str and type(n[1]) is int and type(n[2]) is int
            and type(n[3]) is str and type(n[4]) is list and all(type(t) is str for t in n[4]))


def _valid(entry: object) -> TypeGuard[list]:
    return (type(entry) is list and len(entry) == 4 and type(entry[0]) is list and len(entry[0]) == 4
            and all(type(v) is int for v in entry[0]) and type(entry[1]) is list and type(entry[2]) is list
            and all(type(v) is str for v in entry[1]) and all(type(v) is str for v in entry[2])
            and type(entry[3]) is list and all(map(_note_ok, entry[3])))


class StoreIndex:
    def __init__(self, files: "StoreFiles") -> None:
        self.files = files
        self.path = files.root / FILENAME

    def _read(self) -> dict:
        try:
            data = orjson.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return {}
        if type(data) is not dict or data.get("version") != INDEX_VERSION or type(data.get("files")) is not dict:
            return {}
        return data["files"]

    def summaries(self) -> dict[str, Summary]:
        """Article id → Summary for every article file with annotations (fresh against the files)."""
        with gc_paused():
            return self._summaries()

    def _summaries(self) -> dict[str, Summary]:
        folder = self.files.folder
        try:
            names = sorted(n for n in os.listdir(folder) if n.endswith(".json") and not n.startswith("."))
        except OSError:
            return {}
        known = self._read()
        entries: dict[str, list] = {}
        out: dict[str, Summary] = {}
        dirty = len(known) != len(names)
        try:
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            fd = None
        try:
            for name in names:
                try:
                    st = os.stat(name, dir_fd=fd) if fd is not None else os.stat(folder / name)
                except OSError:
                    continue
                sig = [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]
                entry = known.get(name)
                if not (_valid(entry) and entry[0] == sig):
                    records = self.files.read_partition(article_of(name))
                    # an imported record has no hash yet ("" here): it never matches, so it is anchored
                    entry = [sig, sorted({a.text_hash or "" for a in records.values()}), sorted(records),
                             [[a.id, a.start, a.end, strip_control(a.note), [strip_control(t) for t in a.tags]]
                              for a in records.values() if a.note or a.tags]]
                    dirty = True
                entries[name] = entry
                if entry[2]:
                    out[article_of(name)] = Summary(entry[1], entry[2], entry[3])
        finally:
            if fd is not None:
                os.close(fd)
        if dirty:
            try:
                atomic_write(self.path, orjson.dumps({"version": INDEX_VERSION, "files": entries}))
            except OSError:
                pass  # read-only store: the index is rebuilt in memory each time
        return out
