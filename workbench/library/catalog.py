"""What the library holds right now: the manifest checked against seeds/, cheaply.

`refresh` stats every source (no read) and keeps each manifest row whose signature still
matches. Only the others are read and hashed; a hash the manifest or the article cache
already knows (a touched file, a renamed one) costs no cleaning; the rest are cleaned,
in a process pool when there are many (bulk.py). The result, a `Catalog`, answers
`list` straight from the manifest's columns and builds `LazyArticle`s for everyone else.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast, overload

from workbench.errors import SourceError, printable
from workbench.library.manifest import RACY_NS, Entry, Manifest, read_manifest, signature_of, write_manifest
from workbench.library.lazy import LazyArticle
from workbench.library.model import Article
from workbench.library.sources import read_bytes, source_hash

if TYPE_CHECKING:
    from workbench.library import Library


class Catalog:
    """Every source in seeds/ order: a manifest row (int), a new Entry, or a read failure."""

    def __init__(self, seeds: str, manifest: Manifest) -> None:
        self.seeds = seeds
        self.manifest = manifest
        self.rows: dict[str, int | Entry | None] = {}  # None: a placeholder during `refresh`
        self.fresh: dict[str, Article] = {}  # built or read whole during the refresh
        self.problems: list[str] = []
        self.failures: list[dict] = []  # {id, path, status: "failed", reason} per source that failed

    def _path(self, name: str) -> str:
        return f"{self.seeds}/{name}"

    def summaries(self) -> list[dict]:
        """`Article.summary()` of every article, without building articles."""
        out = []
        c = self.manifest.columns
        ids, titles, derived, subtitles, authors = c["id"], c["title"], c["title_is_derived"], c["subtitle"], c["authors"]
        outlets, dates, names, words, status = c["outlet"], c["date"], c["name"], c["words"], c["status"]
        urls = c["url"]
        for article_id, row in self.rows.items():
            if type(row) is int:
                if status[row] != "ok":
                    continue
                out.append({"id": ids[row], "title": titles[row], "title_is_derived": derived[row],
                            "subtitle": subtitles[row], "authors": list(authors[row]), "outlet": outlets[row],
                            "date": dates[row], "url": urls[row], "path": self._path(names[row]),
                            "words": words[row]})
            elif isinstance(row, Entry) and row.ok:
                article = self.fresh.get(article_id)
                out.append(article.summary() if article is not None else self._lazy_from(row, None).summary())
        return out

    def articles(self, load) -> dict[str, Article]:
        """id → Article: the ones built during the refresh, `LazyArticle`s (text via `load`) for the rest."""
        out: dict[str, Article] = {}
        c = self.manifest.columns
        keys = ("id", "title", "title_is_derived", "subtitle", "authors", "outlet", "date", "url", "tags",
                "source_hash", "encoding", "text_hash", "_words")
        table = list(zip(*[c[k] for k in keys[:-1]], c["words"]))  # one tuple per manifest row, at C speed
        names, status = c["name"], c["status"]
        seeds = self.seeds
        new = LazyArticle.__new__
        for article_id, row in self.rows.items():
            if type(row) is int:
                if status[row] != "ok":
                    continue
                article = new(LazyArticle)
                state = dict(zip(keys, table[row]))  # LazyArticle.of, without a dict per row to merge
                state["_path"] = f"{seeds}/{names[row]}"
                state["_load"] = load
                article.__dict__ = state
                out[article_id] = article
            elif isinstance(row, Entry) and row.ok:
                out[article_id] = self.fresh.get(article_id) or self._lazy_from(row, load)
        return out

    def text_hashes(self) -> dict[str, str]:
        """id → text_hash of every article `articles` would give, in the same order, without
        building them (column look-ups in C when every row is one the manifest vouched for)."""
        c = self.manifest.columns
        rows = list(self.rows.values())
        if set(map(type, rows)) <= {int} and c["status"].count("ok") == len(c["status"]):
            return dict(zip(self.rows, map(c["text_hash"].__getitem__, cast("list[int]", rows))))
        out: dict[str, str] = {}
        for article_id, row in self.rows.items():
            if type(row) is int:
                if c["status"][row] == "ok":
                    out[article_id] = c["text_hash"][row]
            elif isinstance(row, Entry) and row.ok:
                fresh = self.fresh.get(article_id)
                out[article_id] = fresh.text_hash if fresh is not None else row.text_hash
        return out

    def article(self, article_id: str, load) -> Article | None:
        """The one Article `articles(load)` would give for `article_id` (None if it gives none)."""
        row = self.rows.get(article_id)
        if type(row) is int:
            c = self.manifest.columns
            if c["status"][row] != "ok":
                return None
            state = {key: c[key][row] for key in ("id", "title", "title_is_derived", "subtitle", "authors", "outlet",
                                                  "date", "url", "tags", "source_hash", "encoding", "text_hash")}
            state.update(_words=c["words"][row], _path=f"{self.seeds}/{c['name'][row]}")
            return LazyArticle.of(state, load)
        if isinstance(row, Entry) and row.ok:
            return self.fresh.get(article_id) or self._lazy_from(row, load)
        return None

    def _lazy_from(self, entry: Entry, load) -> LazyArticle:
        return LazyArticle.of({
            "id": entry.id, "_path": self._path(entry.name), "title": entry.title,
            "title_is_derived": entry.title_is_derived, "subtitle": entry.subtitle, "authors": entry.authors,
            "outlet": entry.outlet, "date": entry.date, "url": entry.url, "tags": entry.tags,
            "source_hash": entry.source_hash, "encoding": entry.encoding, "text_hash": entry.text_hash,
            "_words": entry.words}, load)

    def entries(self) -> list:
        return [row if isinstance(row, Entry) else (self.manifest, row) for row in self.rows.values()]


@overload
def refresh(library: Library, names: dict[str, str], progress: bool | None, *,
            cheap: Literal[False] = False) -> Catalog: ...
@overload
def refresh(library: Library, names: dict[str, str], progress: bool | None, *, cheap: bool) -> Catalog | None: ...
def refresh(library: Library, names: dict[str, str], progress: bool | None, *,
            cheap: bool = False) -> Catalog | None:
    """The catalog of `names` (id → file name in seeds/); writes the manifest if anything changed.

    `cheap`: None instead of reading any source (some signature changed): the caller goes on
    without blocking and refreshes properly elsewhere (the TUI's first frame)."""
    seeds = str(library.workspace.seeds)
    manifest = read_manifest(library.manifest_path, library.cleaner_version)
    catalog = Catalog(seeds, manifest)
    row_of = manifest.row
    todo: list[tuple[str, Path, tuple]] = []
    trusted: dict[str, tuple[str, os.stat_result]] = {}
    failed: dict[str, str] = {}
    try:
        fd = os.open(seeds, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        fd = None
    c = manifest.columns  # Manifest.trusted, inlined: this loop runs once per source
    mtimes, sizes, inodes, ctimes, row_names = c["mtime_ns"], c["size"], c["inode"], c["ctime_ns"], c["name"]
    before = manifest.written_ns - RACY_NS
    rows = catalog.rows
    stat = os.stat
    try:
        stats = _unchanged(manifest, names, fd) if fd is not None else None
        if stats is not None:  # the usual case, checked in bulk: the manifest vouches for every source
            ids = c["id"]
            rows.update(zip(ids, range(len(ids))))
            trusted.update(zip(ids, zip(row_names, stats)))
        for article_id, name in names.items() if stats is None else ():
            try:  # relative to the folder: no path walk per file
                st = stat(name, dir_fd=fd) if fd is not None else stat(catalog._path(name))
            except OSError as exc:
                failed[article_id] = f"{printable(catalog._path(name))}: cannot read ({exc.strerror or exc})"
                continue
            row = row_of.get(article_id)
            if (row is not None and mtimes[row] == st.st_mtime_ns and sizes[row] == st.st_size
                    and inodes[row] == st.st_ino and ctimes[row] == st.st_ctime_ns and row_names[row] == name
                    and st.st_mtime_ns < before):
                rows[article_id] = row
                trusted[article_id] = (name, st)
            else:
                rows[article_id] = None  # keeps seeds/ order; filled below
                todo.append((article_id, Path(catalog._path(name)), signature_of(st)))
    finally:
        if fd is not None:
            os.close(fd)
    if todo and cheap:
        return None
    # Library evidence is a function of the sources' bytes: when every source is one the manifest
    # vouches for and none came or went, it cannot have changed, and is not even read.
    unchanged = not todo and not failed and len(trusted) == len(row_of)
    if not unchanged:
        evidence = library.evidence()
        stale = evidence.stale()  # sources whose library evidence changed since the last refresh
        for article_id, (name, st) in trusted.items():
            if catalog._path(name) in stale:
                catalog.rows[article_id] = None
                todo.append((article_id, Path(catalog._path(name)), signature_of(st)))
        if todo:
            _check(library, catalog, todo, names, failed, progress, stale)
        evidence.settle()  # after the cleaning: an interrupted run finds the same sources stale again
    for article_id in [i for i, row in catalog.rows.items() if row is None]:
        del catalog.rows[article_id]
    if todo or manifest.dropped or len(catalog.rows) != len(row_of):
        write_manifest(library.manifest_path, catalog.entries(), library.cleaner_version)
    if failed or len(trusted) != len(catalog.rows) or c["status"].count("ok") != len(c["status"]):
        _failures(catalog, names, failed)
    return catalog


def _unchanged(manifest: Manifest, names: dict[str, str], fd: int) -> list[os.stat_result] | None:
    """Every source's stat if seeds/ holds exactly the manifest's rows, in its order, each with its
    recorded signature and none racy; else None (then `refresh` checks source by source).

    The per-source work is one stat; the comparisons run over whole columns at C speed."""
    c = manifest.columns
    ids, row_names = c["id"], c["name"]
    if len(names) != len(ids) or len(manifest.row) != len(ids) or list(names) != ids \
            or list(names.values()) != row_names:
        return None
    stat = os.stat
    try:
        stats = [stat(name, dir_fd=fd) for name in row_names]
    except OSError:
        return None
    mtimes = [st.st_mtime_ns for st in stats]
    if (mtimes != c["mtime_ns"] or max(mtimes, default=0) >= manifest.written_ns - RACY_NS
            or [st.st_size for st in stats] != c["size"] or [st.st_ino for st in stats] != c["inode"]
            or [st.st_ctime_ns for st in stats] != c["ctime_ns"]):
        return None
    return stats


def _failures(catalog: Catalog, names: dict[str, str], failed: dict[str, str]) -> None:
    """One problem line and one `list --json` failure record per source that failed, in seeds/ order."""
    c = catalog.manifest.columns
    for article_id, name in names.items():
        kept = catalog.rows.get(article_id)
        reason = None
        if kept is None:
            reason = failed.get(article_id)
        elif type(kept) is int:
            if c["status"][kept] != "ok":
                reason = c["reason"][kept]
        elif isinstance(kept, Entry) and not kept.ok:
            reason = kept.reason
        if reason is not None:
            catalog.problems.append(reason)
            catalog.failures.append({"id": article_id, "path": catalog._path(name), "status": "failed",
                                     "reason": reason})


def _check(library: "Library", catalog: Catalog, todo: list, names: dict, failed: dict, progress,
           stale: frozenset[str] = frozenset()) -> None:
    """Rows for sources whose signature changed: re-hashed, taken from the cache, or cleaned."""
    manifest = catalog.manifest
    c = manifest.columns
    departed = {c["source_hash"][r]: c["id"][r] for i, r in manifest.row.items()
                if i not in names and c["status"][r] == "ok"}
    to_clean = []
    for article_id, path, sig in todo:
        try:
            digest = source_hash(read_bytes(path))
        except SourceError as exc:
            failed[article_id] = exc.message
            continue
        row = manifest.row.get(article_id)
        if row is not None and c["name"][row] == path.name and c["source_hash"][row] == digest \
                and str(path) not in stale:
            old = manifest.entry(row)  # touched, not changed
            catalog.rows[article_id] = replace(old, size=sig[0], mtime_ns=sig[1], ctime_ns=sig[2], inode=sig[3])
            continue
        article = library._cached(article_id, digest, path=path)
        if article is None and digest in departed:  # renamed: same bytes, new name
            article = library._cached(departed[digest], digest, as_id=article_id, path=path)
        if article is not None:
            catalog.rows[article_id] = Entry.of_article(article, sig)
            catalog.fresh[article_id] = article
        else:
            to_clean.append((article_id, path, sig))
    from workbench.library.bulk import clean_many  # (its pool machinery only when something is cleaned)

    for entry, article in clean_many(to_clean, library.cache_dir, library.cleaner_version, progress=progress,
                                     furniture=library.evidence().furniture):
        catalog.rows[entry.id] = entry
        if article is not None:
            catalog.fresh[entry.id] = article
