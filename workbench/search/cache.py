"""The search cache in WORKSPACE/.workbench/search/ — fast warm start, per-article updates.

- `index.pack`: the merged IndexData with its manifest of (article id, text_hash). When it
  matches the library it is the only file read.
- `segments/shard-NN.pack`: every article's segment, keyed by text_hash, spread over 32
  files (thousands of small files are slow to write and read).

Both are pack files (packfile.py): a JSON header and raw arrays — data only, never
pickle, because a workspace may come from anyone. Every value read is checked (ids and
offsets in range, counts that add up, no control characters); a file that fails is
rebuilt and `BuildStats.notices` gets one line. Old pickle files are deleted unread.

When some articles changed, were added or removed, only those are tokenised (or their
segment read back) and patched into the loaded index; the old passages are marked dead.
Once dead passages pass a quarter of the index, it is re-merged from the segments.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
import tempfile
import zlib
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from workbench import fsutil
from workbench.search.index import INDEX_VERSION, IndexData, build_segment
from workbench.search.packfile import PackError, blob_text, encode_pack, read_pack
from workbench.search.postings import _BAD_TERM
from workbench.search.texts import ArticleMap
from workbench.progress import megabytes_bar

_BIG_BUILD_CHARS = 2_000_000  # show a progress bar above this much text to tokenise
_MAX_DEAD = 0.25
_BATCH = 1024  # articles tokenised before their segments are merged
MERGED_NAME = "index.pack"


def _write(path: Path, data: bytes | list) -> None:
    try:
        fsutil.atomic_write(path, data, durable=False)
    except (OSError, fsutil.OutsideWorkspace):
        pass  # a cache we cannot write only costs time next run


def _read(path: Path, notices: list[str], lazy: tuple[str, ...] = ()):
    """(meta, blobs) of a pack file; None when missing, or damaged (one notice).
    `lazy`: blobs left in the file, read when sliced (packfile.BlobFile)."""
    try:
        return read_pack(path, lazy)
    except FileNotFoundError:
        return None
    except PackError as exc:
        _damaged(notices, path, str(exc))
        return None


def _damaged(notices: list[str], path: Path, reason: str) -> None:
    if not notices:  # one line per open, however many files were bad
        notices.append(f"search cache {path.parent.name}/{path.name} was unusable ({reason}): rebuilt")


def _remove_pickles(cache_dir: Path, notices: list[str]) -> None:
    """Delete pickle files of older versions without ever loading them."""
    old = [cache_dir / "index.pkl", *sorted((cache_dir / "segments").glob("*.pkl"))]
    removed = 0
    for path in old:
        try:
            removed += fsutil.unlink(path)
        except (OSError, fsutil.OutsideWorkspace):
            pass
    if removed:
        notices.append(f"search cache: removed {removed} old-format (pickle) file(s) unread; rebuilt")


def _decode_shard(meta: dict, blobs: dict) -> dict[str, dict]:
    """article id → raw segment (unchecked) of one shard file."""
    entries = meta.get("segments")
    if meta.get("version") != INDEX_VERSION or not isinstance(entries, list):
        raise PackError("foreign or outdated shard")
    if any(name not in blobs for name in ("passages", "terms", "counts", "ids")):
        raise PackError("shard blob missing")
    parts = [blobs[name] for name in ("passages", "terms", "counts", "ids")]
    pos = [0, 0, 0, 0]
    segs: dict[str, dict] = {}
    for entry in entries:
        if not (isinstance(entry, list) and len(entry) == 6 and isinstance(entry[0], str)
                and isinstance(entry[1], str) and all(type(x) is int and x >= 0 for x in entry[2:])):
            raise PackError("bad shard entry")
        cuts = []
        for k, size in enumerate(entry[2:]):
            if pos[k] + size > len(parts[k]):
                raise PackError("shard entry out of range")
            cuts.append(parts[k][pos[k]:pos[k] + size])
            pos[k] += size
        segs[entry[0]] = {"version": INDEX_VERSION, "text_hash": entry[1], "passages": cuts[0],
                          "terms": cuts[1], "counts": cuts[2], "ids": cuts[3], "checked": False}
    return segs


def _check_segment(seg: dict, text_length: int) -> dict:
    """A segment read from a shard, checked against its article; PackError if inconsistent."""
    flat, counts, ids = seg["passages"], seg["counts"], seg["ids"]
    terms = blob_text(seg["terms"]) if not isinstance(seg["terms"], str) else seg["terms"]
    n = len(flat) // 4
    if len(flat) % 4 or (len(flat) and max(flat) > text_length):
        raise PackError("passages out of range")
    if (len(terms.split("\n")) if terms else 0) != len(counts) or _BAD_TERM.search(terms):
        raise PackError("terms and counts disagree")
    if sum(counts) != len(ids) or (len(ids) and max(ids) >= n):
        raise PackError("passage ids out of range")
    return {**seg, "terms": terms, "checked": True}


class Shards:
    """Per-article segments packed into a few files; only touched shards are rewritten.

    A segment put here is written at once to a spool (an unnamed temp file in the shards'
    folder) and only where it lies is kept: a cold build of 100k articles would otherwise
    hold every segment (~900 MB) until the shards are written. `flush` reads them back one
    shard at a time. Without a spool (folder not writable) segments stay in memory."""

    COUNT = 32

    def __init__(self, folder: Path, notices: list[str]) -> None:
        self.folder = folder
        self.notices = notices
        self._loaded: dict[int, dict] = {}
        self._dirty: set[int] = set()
        self._spool: IO[bytes] | None = None  # made when the first segment is put
        self._spool_end = 0
        self._spool_failed = False

    @classmethod
    def shard_of(cls, article_id: str) -> int:
        return zlib.crc32(article_id.encode("utf-8")) % cls.COUNT

    def has(self, article_id: str) -> bool:
        """True when some segment is cached for `article_id` (its text is needed to check it)."""
        return article_id in self._shard(self.shard_of(article_id))

    def _path(self, n: int) -> Path:
        return self.folder / f"shard-{n:02d}.pack"

    def _shard(self, n: int) -> dict:
        if n not in self._loaded:
            segs: dict = {}
            found = _read(self._path(n), self.notices)
            if found is not None:
                try:
                    segs = _decode_shard(*found)
                except PackError as exc:
                    _damaged(self.notices, self._path(n), str(exc))
                    self._dirty.add(n)
            self._loaded[n] = segs
        return self._loaded[n]

    def get(self, article_id: str, text_hash: str, text_length: int) -> dict | None:
        """The article's cached segment if it is for this text and checks out."""
        n = self.shard_of(article_id)
        seg = self._shard(n).get(article_id)
        if seg is None or seg.get("text_hash") != text_hash:
            return None
        if "spooled" in seg:
            return self._unspool(seg)
        if not seg.get("checked"):
            try:
                seg = self._shard(n)[article_id] = _check_segment(seg, text_length)
            except PackError as exc:
                _damaged(self.notices, self._path(n), str(exc))
                del self._shard(n)[article_id]
                self._dirty.add(n)
                return None
        return seg

    def put(self, article_id: str, seg: dict) -> None:
        n = self.shard_of(article_id)
        self._shard(n)[article_id] = self._spooled(seg) or {**seg, "checked": True}
        self._dirty.add(n)

    def _spooled(self, seg: dict) -> dict | None:
        """`seg` written to the spool: {"text_hash", "spooled": (offset, item counts)}; None
        when there is no spool."""
        if self._spool is None and not self._spool_failed:
            try:
                fsutil.mkdir(self.folder)
                self._spool = tempfile.TemporaryFile(dir=self.folder)  # unnamed (O_TMPFILE) where it can be
            except (OSError, fsutil.OutsideWorkspace):
                self._spool_failed = True
        if self._spool is None:
            return None
        terms = seg["terms"].encode("utf-8")
        parts = (seg["passages"], terms, seg["counts"], seg["ids"])
        raw = b"".join(parts)
        try:
            if os.pwrite(self._spool.fileno(), raw, self._spool_end) != len(raw):
                raise OSError("short write")
        except OSError:
            return None
        offset, self._spool_end = self._spool_end, self._spool_end + len(raw)
        return {"text_hash": seg["text_hash"], "checked": True,
                "spooled": (offset, len(seg["passages"]), len(terms), len(seg["counts"]), len(seg["ids"]))}

    def _unspool(self, entry: dict) -> dict:
        """The segment a spooled entry stands for (read back as written)."""
        offset, n_passages, n_terms, n_counts, n_ids = entry["spooled"]
        sizes = (4 * n_passages, n_terms, 4 * n_counts, 4 * n_ids)
        assert self._spool is not None
        raw = memoryview(os.pread(self._spool.fileno(), sum(sizes), offset))
        cuts, pos = [], 0
        for size in sizes:
            cuts.append(raw[pos:pos + size])
            pos += size
        return {"version": INDEX_VERSION, "text_hash": entry["text_hash"], "passages": cuts[0].cast("I"),
                "terms": bytes(cuts[1]).decode("utf-8"), "counts": cuts[2].cast("I"), "ids": cuts[3].cast("I"),
                "checked": True}

    def keep_only(self, article_ids: set[str]) -> None:
        for n in range(self.COUNT):
            shard = self._shard(n)
            for stale in [k for k in shard if k not in article_ids]:
                del shard[stale]
                self._dirty.add(n)

    def release(self) -> None:
        """Forget the shards read or built (after `flush`); they are read again if needed."""
        self._loaded.clear()
        if self._spool is not None:
            self._spool.close()
            self._spool, self._spool_end = None, 0

    def flush(self) -> None:
        for n in sorted(self._dirty):
            segs = self._loaded[n]
            if any("spooled" in seg for seg in segs.values()):
                segs = {k: self._unspool(seg) if "spooled" in seg else seg for k, seg in segs.items()}
            _write(self._path(n), _encode_shard(segs))
        self._dirty.clear()


def _encode_shard(segs: dict[str, dict]) -> bytes:
    entries, passages, terms, counts, ids = [], array("I"), [], array("I"), array("I")
    for article_id, seg in segs.items():
        text = seg["terms"] if isinstance(seg["terms"], str) else bytes(seg["terms"]).decode("utf-8")
        raw = text.encode("utf-8")
        entries.append([article_id, seg["text_hash"], len(seg["passages"]), len(raw), len(seg["counts"]),
                        len(seg["ids"])])
        passages.frombytes(memoryview(seg["passages"]).cast("B"))
        terms.append(raw)
        counts.frombytes(memoryview(seg["counts"]).cast("B"))
        ids.frombytes(memoryview(seg["ids"]).cast("B"))
    return encode_pack({"version": INDEX_VERSION, "segments": entries},
                       {"passages": ("I", passages), "terms": ("B", b"".join(terms)), "counts": ("I", counts),
                        "ids": ("I", ids)})


class BuildStats:
    """What the last open did (tests and the benchmark read it)."""

    def __init__(self, notices: list[str] | None = None) -> None:
        self.built: list[str] = []  # articles tokenised afresh
        self.reused: int = 0  # articles whose passages came from the cache
        self.loaded_merged = False  # index.pack was current: nothing else read
        self.patched = False  # index.pack was patched with the changed articles only
        self.notices: list[str] = notices if notices is not None else []  # one line per unusable cache


def _segments_for(articles: list, shards: Shards, stats: BuildStats,
                  progress: bool | None) -> Iterator[tuple[str, dict]]:
    """(id, segment) of each article, in order: from the shards if its text_hash matches, else
    tokenised. A generator: the caller merges each segment as it comes, and a text read to
    tokenise it is forgotten again (`_read_once`), so a cold build holds no article's text
    or segment longer than it takes to merge it."""
    cached: list[dict | None] = []
    for a in articles:
        with _read_once(a):
            cached.append(shards.get(a.id, a.text_hash, len(a.text)) if shards.has(a.id) else None)
    todo = {i for i, seg in enumerate(cached) if seg is None}
    stats.reused += len(articles) - len(todo)
    show = progress if progress is not None else sys.stderr.isatty()
    total = _text_chars([articles[i] for i in sorted(todo)]) if show else 0
    show = show and (progress is not None or total > _BIG_BUILD_CHARS)
    with megabytes_bar("indexing", total, show) as advance:
        for lo in range(0, len(articles), _BATCH):  # tokenised a batch at a time, then merged: the
            batch = []                               # tokeniser's and the merge's tables stay in CPU cache
            for i in range(lo, min(lo + _BATCH, len(articles))):
                article, seg = articles[i], cached[i]
                cached[i] = None
                if seg is None:
                    with _read_once(article):
                        seg = build_segment(article)
                        advance(len(article.text))
                    shards.put(article.id, seg)
                    stats.built.append(article.id)
                batch.append((article.id, seg))
            yield from batch


@contextmanager
def _read_once(article):
    """Forget the text (and blocks) `article` reads inside, unless it held them already
    (a library's LazyArticle: read again when next asked)."""
    held = getattr(article, "loaded", True)
    try:
        yield
    finally:
        forget = None if held else getattr(article, "forget", None)
        if forget is not None:
            forget()


def _text_chars(articles: list) -> int:
    total = 0
    for article in articles:
        with _read_once(article):
            total += len(article.text)
    return total


def _load_merged(path: Path, notices: list[str]) -> IndexData | None:
    found = _read(path, notices, lazy=("ids",))  # a query reads the postings of its words only
    if found is None:
        return None
    try:
        return IndexData.from_pack(*found)
    except PackError as exc:
        _damaged(notices, path, str(exc))
        return None


def load_or_build(cache_dir: Path, articles: ArticleMap, progress: bool | None = None,
                  rebuild: bool = False) -> tuple[IndexData, BuildStats]:
    """The index for `articles`: cached, patched with what changed, or rebuilt.

    Only the articles that must be tokenised (or whose segment is read back) are fetched
    from `articles`; a current cache is compared by text hashes alone.
    `rebuild=True` ignores the merged index (it was found damaged while searching)."""
    notices: list[str] = []
    _remove_pickles(cache_dir, notices)
    stats = BuildStats(notices)
    merged_path = cache_dir / MERGED_NAME
    shards = Shards(cache_dir / "segments", notices)
    hashes = articles.hashes
    data = None if rebuild else _load_merged(merged_path, notices)
    if data is not None and data.lists(list(hashes), list(hashes.values())):  # the usual warm start: in C
        stats.loaded_merged = True
        stats.reused = len(hashes)
        return data, stats
    if data is not None:
        current = {article_id: text_hash for article_id, text_hash in zip(data.ids, data.hashes)
                   if article_id is not None}
        changed_ids = [i for i, text_hash in hashes.items() if current.get(i) != text_hash]
        removed = [i for i in current if i not in hashes]
        if not changed_ids and not removed:
            stats.loaded_merged = True
            stats.reused = len(hashes)
            return data, stats
        for article_id in removed + changed_ids:
            data.kill(article_id)
        if len(data.dead) <= _MAX_DEAD * max(1, data.passage_count):
            changed = [articles[i] for i in changed_ids]
            data.add_segments(_segments_for(changed, shards, stats, progress))
            stats.reused += len(hashes) - len(changed)
            stats.patched = True
            shards.keep_only(set(hashes))
            shards.flush()
            shards.release()
            _write(merged_path, data.pack_chunks())
            return data, stats
        stats = BuildStats(notices)
    data = IndexData()
    data.add_segments(_segments_for(articles.every(), shards, stats, progress))  # merged as made
    shards.keep_only(set(hashes))
    shards.flush()
    shards.release()
    _write(merged_path, data.pack_chunks())  # written from the arrays: no copy of the index
    return data, stats
