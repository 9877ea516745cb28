"""The search cache in WORKSPACE/.workbench/search/ — fast warm start, per-article updates.

- `index.pkl`: the merged IndexData with its manifest of (article id, text_hash). When it
  matches the library it is the only file read.
- `segments/shard-NN.pkl`: every article's segment, keyed by text_hash, spread over 32
  files (thousands of small files are slow to write and read).

When some articles changed, were added or removed, only those are tokenised (or their
segment read back) and patched into the loaded index; the old passages are marked dead.
Once dead passages pass a quarter of the index, it is re-merged from the segments.
Any unreadable, truncated or foreign file is ignored and rebuilt, never an error.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from pathlib import Path

from workbench.search.index import INDEX_VERSION, IndexData, build_segment

_BIG_BUILD_CHARS = 2_000_000  # show a progress bar above this much text to tokenise
_MAX_DEAD = 0.25


def _read_pickle(path: Path):
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
        return data if isinstance(data, dict) and data.get("version") == INDEX_VERSION else None
    except Exception:  # noqa: BLE001 — a corrupt or foreign cache file is simply rebuilt
        return None


def _write_pickle(path: Path, data: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a cache we cannot write only costs time next run


class Shards:
    """Per-article segments packed into a few files; only touched shards are rewritten."""

    COUNT = 32

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._loaded: dict[int, dict] = {}
        self._dirty: set[int] = set()

    @classmethod
    def shard_of(cls, article_id: str) -> int:
        return zlib.crc32(article_id.encode("utf-8")) % cls.COUNT

    def _shard(self, n: int) -> dict:
        if n not in self._loaded:
            state = _read_pickle(self.folder / f"shard-{n:02d}.pkl")
            segs = state.get("segments") if state else None
            self._loaded[n] = segs if isinstance(segs, dict) else {}
        return self._loaded[n]

    def get(self, article_id: str, text_hash: str) -> dict | None:
        seg = self._shard(self.shard_of(article_id)).get(article_id)
        ok = isinstance(seg, dict) and seg.get("version") == INDEX_VERSION and seg.get("text_hash") == text_hash
        return seg if ok else None

    def put(self, article_id: str, seg: dict) -> None:
        n = self.shard_of(article_id)
        self._shard(n)[article_id] = seg
        self._dirty.add(n)

    def keep_only(self, article_ids: set[str]) -> None:
        for n in range(self.COUNT):
            shard = self._shard(n)
            for stale in [k for k in shard if k not in article_ids]:
                del shard[stale]
                self._dirty.add(n)

    def flush(self) -> None:
        for n in sorted(self._dirty):
            _write_pickle(self.folder / f"shard-{n:02d}.pkl", {"version": INDEX_VERSION, "segments": self._loaded[n]})
        self._dirty.clear()


class BuildStats:
    """What the last open did (tests and the benchmark read it)."""

    def __init__(self) -> None:
        self.built: list[str] = []  # articles tokenised afresh
        self.reused: int = 0  # articles whose passages came from the cache
        self.loaded_merged = False  # index.pkl was current: nothing else read
        self.patched = False  # index.pkl was patched with the changed articles only


def _segments_for(articles: list, shards: Shards, stats: BuildStats, progress: bool | None) -> list[dict]:
    """Each article's segment: from the shards if its text_hash matches, else tokenised."""
    segs: list[dict | None] = [shards.get(a.id, a.text_hash) for a in articles]
    todo = [i for i, seg in enumerate(segs) if seg is None]
    stats.reused += len(articles) - len(todo)
    total = sum(len(articles[i].text) for i in todo)
    show = progress if progress is not None else (sys.stderr.isatty() and total > _BIG_BUILD_CHARS)
    for i in _progress_iter(todo, total, articles, show):
        segs[i] = build_segment(articles[i])
        shards.put(articles[i].id, segs[i])
        stats.built.append(articles[i].id)
    return segs


def load_or_build(cache_dir: Path, articles: list, progress: bool | None = None) -> tuple[IndexData, BuildStats]:
    """The index for `articles`: cached, patched with what changed, or rebuilt."""
    stats = BuildStats()
    merged_path = cache_dir / "index.pkl"
    shards = Shards(cache_dir / "segments")
    data = None
    state = _read_pickle(merged_path)
    if state is not None:
        try:
            data = IndexData.from_state(state)
        except (KeyError, TypeError, ValueError):
            data = None
    if data is not None:
        current = {entry[0]: entry[1] for entry in data.manifest if entry[0] is not None}
        wanted = {a.id for a in articles}
        changed = [a for a in articles if current.get(a.id) != a.text_hash]
        removed = [i for i in current if i not in wanted]
        if not changed and not removed:
            stats.loaded_merged = True
            stats.reused = len(articles)
            return data, stats
        for article_id in removed + [a.id for a in changed]:
            data.kill(article_id)
        if len(data.dead) <= _MAX_DEAD * max(1, data.passage_count):
            segs = _segments_for(changed, shards, stats, progress)
            data.add_segments([(a.id, seg) for a, seg in zip(changed, segs)])
            stats.reused += len(articles) - len(changed)
            stats.patched = True
            shards.keep_only(wanted)
            shards.flush()
            _write_pickle(merged_path, data.to_state())
            return data, stats
        stats = BuildStats()
    segs = _segments_for(articles, shards, stats, progress)
    shards.keep_only({a.id for a in articles})
    shards.flush()
    data = IndexData()
    data.add_segments([(a.id, seg) for a, seg in zip(articles, segs)])
    _write_pickle(merged_path, data.to_state())
    return data, stats


def _progress_iter(indexes: list[int], total_chars: int, articles: list, show: bool):
    if not show or not indexes:
        yield from indexes
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("indexing"), BarColumn(), TextColumn("{task.completed:.1f}/{task.total:.1f} MB"),
               TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("index", total=max(total_chars / 1e6, 0.01))
        for i in indexes:
            yield i
            bar.advance(task, len(articles[i].text) / 1e6)
