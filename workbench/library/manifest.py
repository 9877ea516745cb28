"""The library manifest: one small file that answers "what is in the library?" without the texts.

`WORKSPACE/.workbench/library.json` holds, per article, its id, source file name, the
source's signature (size, mtime_ns, ctime_ns, inode), the source and clean-text hashes,
the metadata `list` shows, the word count and a status (`ok`, or `failed` with the
one-line reason). A command that only needs metadata (`list`, the TUI's first frame,
re-anchoring checks) reads this one file and stats the sources; text and blocks are
loaded on demand (`LazyArticle`).

The file is stored by columns (one JSON array per field): a 10,000-article library parses
and type-checks in a few milliseconds because each column is checked in one C-speed pass.

An entry is trusted while its source's signature is unchanged. A signature recorded
within `RACY_NS` of the moment the manifest was written is not trusted (a same-size edit
in the same clock tick would keep it): that source is hashed next time, as git does for
"racily clean" files. The file lives in the workspace, so it is untrusted input: every
column is type-checked (a bad column drops to a row-by-row check that drops only bad
rows, whose sources are then re-checked) and metadata loses control characters and escape
sequences before anyone prints it.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from workbench.fsutil import atomic_write
from workbench.textnorm import strip_control

if TYPE_CHECKING:
    from workbench.library.model import Article

Signature = tuple[int, int, int, int]  # a source's size, mtime_ns, ctime_ns, inode (see signature_of)

MANIFEST_VERSION = 2
FILENAME = "library.json"
RACY_NS = 2_000_000_000  # coarse file-system clocks (FAT: 2 s) cannot tell edits this close apart
MAX_MANIFEST_BYTES = 512 * 1024 * 1024

# Anything in the raw JSON that may decode to a control character: escapes \u0000-\u001f,
# \u007f-\u009f, \b, \f, or raw UTF-8 C1 controls. Absent (the normal case) → no per-field strip.
# Two patterns, each starting with one literal byte, so the regex engine skips to it at memchr speed.
_MAYBE_CONTROL = (re.compile(rb"\\(?:u00(?:[01][0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])|[bf])"),
                  re.compile(rb"\xc2[\x80-\x9f]"))
_HEX_DIGITS = b"0123456789abcdef"  # a hash is sha256().hexdigest(): 64 of these

STR, OPT, INT, BOOL, LIST, HEX, HEX_OR_EMPTY = "str", "opt", "int", "bool", "list", "hex", "hex?"
COLUMNS = {  # name → kind; the order of Entry's fields
    "id": STR, "name": STR, "size": INT, "mtime_ns": INT, "ctime_ns": INT, "inode": INT,
    "source_hash": HEX_OR_EMPTY, "status": STR, "reason": STR, "text_hash": HEX_OR_EMPTY, "title": STR,
    "title_is_derived": BOOL, "subtitle": OPT, "authors": LIST, "outlet": OPT, "date": OPT, "url": OPT,
    "tags": LIST, "words": INT, "encoding": STR,
}
PRINTED = ("reason", "title", "subtitle", "outlet", "date", "url", "encoding")  # scrubbed of control characters


@dataclass
class Entry:
    """One article's line in the manifest (see the module docstring)."""

    id: str
    name: str  # the source's file name in seeds/
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    source_hash: str
    status: str = "ok"  # ok | failed
    reason: str = ""  # why it failed (one line naming the file)
    text_hash: str = ""
    title: str = ""
    title_is_derived: bool = False
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    tags: list[str] = field(default_factory=list)
    words: int = 0
    encoding: str = "utf-8"

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @classmethod
    def of_article(cls, article: Article, signature: Signature) -> "Entry":
        return cls(article.id, Path(article.path).name, *signature, source_hash=article.source_hash,
                   text_hash=article.text_hash, title=article.title, title_is_derived=article.title_is_derived,
                   subtitle=article.subtitle, authors=list(article.authors), outlet=article.outlet, date=article.date,
                   url=article.url, tags=list(article.tags), words=article.words, encoding=article.encoding)

    @classmethod
    def failed(cls, article_id: str, path: Path, signature: Signature, source_hash: str, reason: str) -> "Entry":
        return cls(article_id, Path(path).name, *signature, source_hash=source_hash, status="failed", reason=reason,
                   title=article_id)


def signature_of(st: os.stat_result) -> Signature:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _column_ok(kind: str, values: list) -> bool:
    """One pass over a whole column (map/set run in C)."""
    if kind == HEX or kind == HEX_OR_EMPTY:  # 64 lower-case hex digits each (or "" where allowed)
        if not set(map(type, values)) <= {str} or not set(map(len, values)) <= ({64, 0} if kind == HEX_OR_EMPTY
                                                                                else {64}):
            return False
        joined = "".join(values)  # isascii is O(1); deleting every hex digit leaves nothing (C speed)
        return joined.isascii() and not joined.encode("ascii").translate(None, _HEX_DIGITS)
    types = set(map(type, values))
    if kind == STR:
        return types <= {str}
    if kind == OPT:
        return types <= {str, type(None)}
    if kind == INT:
        return types <= {int}
    if kind == BOOL:
        return types <= {bool}
    return types <= {list} and set(map(type, chain.from_iterable(values))) <= {str}


def _may_hold_control(raw: bytes) -> bool:
    """True when `raw` may hold a control character once decoded (false alarms only cost a scrub)."""
    escapes, c1 = _MAYBE_CONTROL  # a one-byte `in` (memchr) first: most manifests hold neither byte
    return (b"\\" in raw and escapes.search(raw) is not None) or (b"\xc2" in raw and c1.search(raw) is not None)


def _row_ok(columns: dict, i: int) -> bool:
    return all(_column_ok(kind, [columns[name][i]]) for name, kind in COLUMNS.items())


class Manifest:
    """The manifest as read: columns plus `row[id]`, and when it was written.

    Rows are read straight from the columns (no object per article until one is asked for)."""

    def __init__(self, columns: dict | None = None, written_ns: int = 0) -> None:
        self.columns: dict[str, list] = columns or {name: [] for name in COLUMNS}
        self.written_ns = written_ns
        self.row: dict[str, int] = {article_id: i for i, article_id in enumerate(self.columns["id"])
                                    if self.columns["status"][i] in ("ok", "failed")}
        self.dropped = len(self.columns["id"]) - len(self.row)

    def trusted(self, i: int, name: str, st: os.stat_result) -> bool:
        """True when row `i` still describes the source `name` with this stat, without reading it."""
        c = self.columns
        return (c["mtime_ns"][i] == st.st_mtime_ns and c["size"][i] == st.st_size and c["inode"][i] == st.st_ino
                and c["ctime_ns"][i] == st.st_ctime_ns and c["name"][i] == name
                and st.st_mtime_ns + RACY_NS < self.written_ns)

    def entry(self, i: int) -> Entry:
        return Entry(*(self.columns[name][i] for name in COLUMNS))


def read_manifest(path: Path, cleaner_version: str) -> Manifest:
    """The valid rows of the manifest at `path`; empty when missing, foreign or stale."""
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            return Manifest()
        raw = path.read_bytes()
        data = orjson.loads(raw)
    except (OSError, ValueError):
        return Manifest()
    if (type(data) is not dict or data.get("version") != MANIFEST_VERSION
            or data.get("cleaner_version") != cleaner_version or type(data.get("written_ns")) is not int
            or type(data.get("columns")) is not dict):
        return Manifest()
    columns = data["columns"]
    if not all(type(columns.get(name)) is list for name in COLUMNS):
        return Manifest()
    n = len(columns["id"])
    if any(len(columns[name]) != n for name in COLUMNS):
        return Manifest()
    if not all(_column_ok(kind, columns[name]) for name, kind in COLUMNS.items()):
        bad = [i for i in range(n) if not _row_ok(columns, i)]
        for i in bad:
            columns["status"][i] = None  # Manifest() leaves it out: its source is checked again
    status, text_hash, source_hash = columns["status"], columns["text_hash"], columns["source_hash"]
    if "" in text_hash or "" in source_hash:  # (a C-speed scan first: normally neither is)
        for i in range(n):  # an ok row must carry both hashes
            if status[i] == "ok" and not (text_hash[i] and source_hash[i]):
                status[i] = None
    if _may_hold_control(raw):
        _scrub(columns)
    return Manifest({name: columns[name] for name in COLUMNS}, data["written_ns"])


def _scrub(columns: dict) -> None:
    """Strip control characters and escape sequences from every printed field."""
    for name in PRINTED:
        columns[name] = [strip_control(v) if type(v) is str else v for v in columns[name]]
    for name in ("authors", "tags"):
        columns[name] = [[strip_control(v) if type(v) is str else v for v in values] if type(values) is list
                         else values for values in columns[name]]
    columns["title"] = [title or article_id for title, article_id in zip(columns["title"], columns["id"])]


def write_manifest(path: Path, rows: list[Entry | tuple[Manifest, int]], cleaner_version: str) -> None:
    """Atomic replace; a manifest that cannot be written only costs time next run.

    `rows`: new entries, or (manifest, row) pairs copied from the one read."""
    columns: dict[str, list] = {name: [] for name in COLUMNS}
    appenders = [(name, columns[name].append) for name in COLUMNS]
    for row in rows:
        if isinstance(row, Entry):
            for name, append in appenders:
                append(getattr(row, name))
        else:
            source, i = row
            for name, append in appenders:
                append(source.columns[name][i])
    data = orjson.dumps({"version": MANIFEST_VERSION, "cleaner_version": cleaner_version,
                         "written_ns": time.time_ns(), "columns": columns})
    try:
        atomic_write(path, data)
    except OSError:
        pass
