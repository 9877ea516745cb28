"""The word index: passages of every article and, per folded term, the passages holding it.

Built from clean texts and cached in WORKSPACE/.workbench/search/:
- `segments/shard-NN.pkl` — per article: passages and term → local passages, keyed by the
  article's text_hash, so an edited article re-tokenises alone (articles are spread over
  32 shard files; only shards holding a changed article are rewritten);
- `index.pkl` — the merged index plus a manifest of (id, text_hash); when the manifest
  matches the library it is the only file read (fast warm start).
Any unreadable or stale cache file is ignored and rebuilt, never an error.
"""

from __future__ import annotations

import math
import os
import pickle
import sys
import zlib
from array import array
from pathlib import Path

from workbench.search.passages import split_passages
from workbench.search.tokens import WORD_RE, fold_token

INDEX_VERSION = "search-3"
_BIG_BUILD_CHARS = 2_000_000
# Raw word → its folded term ("" when it folds to none or several, those are in _MULTI).
_FOLDED: dict[str, str] = {}
_MULTI: dict[str, tuple[str, ...]] = {}  # show a progress bar above this much text to tokenise


def _fold_raws(raws: set[str]) -> set[str]:
    """Folded terms of a set of raw words; the common case stays in C (map over a dict)."""
    found = set(map(_FOLDED.get, raws))
    if None in found:
        for raw in raws:
            if raw not in _FOLDED:
                folded = fold_token(raw)
                if len(_FOLDED) >= 1_000_000:
                    _FOLDED.clear()
                    _MULTI.clear()
                _FOLDED[raw] = folded[0] if len(folded) == 1 else ""
                if len(folded) > 1:
                    _MULTI[raw] = folded
        found = set(map(_FOLDED.get, raws))
    found.discard("")
    for raw in _MULTI.keys() & raws:
        found.update(_MULTI[raw])
    return found


def build_segment(article) -> dict:
    """Tokenise one article: its passages and, per term, the passages that contain it."""
    text = article.text
    passages = split_passages(text, article.blocks)
    term_passages: dict[str, list[int]] = {}
    findall = WORD_RE.findall
    for i, p in enumerate(passages):
        for term in _fold_raws(set(findall(text, p.start, p.end))):
            lst = term_passages.get(term)
            if lst is None:
                term_passages[term] = [i]
            else:
                lst.append(i)
    return {
        "version": INDEX_VERSION,
        "text_hash": article.text_hash,
        "passages": [(p.start, p.end, p.block_start, p.block_end) for p in passages],
        "terms": term_passages,
    }


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


class _Shards:
    """Per-article segments packed into a few files (one file per article is slow to
    write and read by the thousand); a changed article rewrites only its own shard."""

    COUNT = 32

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._loaded: dict[int, dict] = {}

    @classmethod
    def shard_of(cls, article_id: str) -> int:
        return zlib.crc32(article_id.encode("utf-8")) % cls.COUNT

    def _shard(self, n: int) -> dict:
        if n not in self._loaded:
            state = _read_pickle(self.folder / f"shard-{n:02d}.pkl")
            segs = state.get("segments") if state else None
            self._loaded[n] = segs if isinstance(segs, dict) else {}
        return self._loaded[n]

    def get(self, article_id: str) -> dict | None:
        seg = self._shard(self.shard_of(article_id)).get(article_id)
        return seg if isinstance(seg, dict) and seg.get("version") == INDEX_VERSION else None

    def save(self, segments: list[tuple[str, dict]]) -> None:
        """Rewrite the shards whose content differs from `segments` (changed/removed articles)."""
        wanted: dict[int, dict] = {}
        for article_id, seg in segments:
            wanted.setdefault(self.shard_of(article_id), {})[article_id] = seg
        for n in range(self.COUNT):
            new = wanted.get(n, {})
            old = self._shard(n)
            if set(new) != set(old) or any(old[k] is not v for k, v in new.items()):
                _write_pickle(self.folder / f"shard-{n:02d}.pkl", {"version": INDEX_VERSION, "segments": new})


class IndexData:
    """The merged index (arrays so that it pickles and loads fast)."""

    def __init__(self) -> None:
        self.manifest: list[tuple[str, str]] = []  # (article id, text_hash) in article order
        self.p_article = array("I")
        self.p_start = array("I")
        self.p_end = array("I")
        self.p_bstart = array("I")
        self.p_bend = array("I")
        self.postings: dict[str, bytes] = {}  # term → array('I') bytes of passage ids

    @property
    def passage_count(self) -> int:
        return len(self.p_start)

    def add_segments(self, segments: list[tuple[str, dict]]) -> None:
        merged: dict[str, array] = {}
        for a_index, (article_id, seg) in enumerate(segments):
            base = len(self.p_start)
            self.manifest.append((article_id, seg["text_hash"]))
            for s, e, bs, be in seg["passages"]:
                self.p_article.append(a_index)
                self.p_start.append(s)
                self.p_end.append(e)
                self.p_bstart.append(bs)
                self.p_bend.append(be)
            shift = base.__add__
            get = merged.get
            for term, local in seg["terms"].items():
                arr = get(term)
                if arr is None:
                    merged[term] = arr = array("I")
                arr.extend(map(shift, local))
        self.postings = {term: arr.tobytes() for term, arr in merged.items()}

    def to_state(self) -> dict:
        return {"version": INDEX_VERSION, "manifest": self.manifest,
                "passages": [self.p_article, self.p_start, self.p_end, self.p_bstart, self.p_bend],
                "postings": self.postings}

    @classmethod
    def from_state(cls, state: dict) -> "IndexData":
        data = cls()
        data.manifest = [tuple(x) for x in state["manifest"]]
        data.p_article, data.p_start, data.p_end, data.p_bstart, data.p_bend = state["passages"]
        data.postings = state["postings"]
        return data

    def posting(self, term: str) -> memoryview | None:
        raw = self.postings.get(term)
        return memoryview(raw).cast("I") if raw else None

    def df(self, term: str) -> int:
        raw = self.postings.get(term)
        return len(raw) // 4 if raw else 0

    def idf(self, df: int) -> float:
        return math.log((self.passage_count + 1) / (df + 0.5))


class BuildStats:
    """What the last open did (tests and the benchmark read it)."""

    def __init__(self) -> None:
        self.built: list[str] = []  # articles tokenised afresh
        self.reused: int = 0  # segments read from cache
        self.loaded_merged = False


def load_or_build(cache_dir: Path, articles: list, progress: bool | None = None) -> tuple[IndexData, BuildStats]:
    """The index for `articles`: from the merged cache if current, else rebuilt per article."""
    stats = BuildStats()
    manifest = [(a.id, a.text_hash) for a in articles]
    merged_path = cache_dir / "index.pkl"
    state = _read_pickle(merged_path)
    if state is not None and [tuple(x) for x in state.get("manifest", [])] == manifest:
        try:
            data = IndexData.from_state(state)
            stats.loaded_merged = True
            return data, stats
        except (KeyError, TypeError, ValueError):
            pass
    shards = _Shards(cache_dir / "segments")
    segments: list[tuple[str, dict]] = []
    to_build: list[int] = []
    for i, article in enumerate(articles):
        seg = shards.get(article.id)
        if seg is not None and seg.get("text_hash") == article.text_hash:
            segments.append((article.id, seg))
            stats.reused += 1
        else:
            segments.append((article.id, {}))
            to_build.append(i)
    total_chars = sum(len(articles[i].text) for i in to_build)
    show = progress if progress is not None else (sys.stderr.isatty() and total_chars > _BIG_BUILD_CHARS)
    for i in _progress_iter(to_build, total_chars, articles, show):
        seg = build_segment(articles[i])
        segments[i] = (articles[i].id, seg)
        stats.built.append(articles[i].id)
    shards.save(segments)
    data = IndexData()
    data.add_segments(segments)
    _write_pickle(merged_path, data.to_state())
    return data, stats


def _progress_iter(indexes: list[int], total_chars: int, articles: list, show: bool):
    if not show or not indexes:
        yield from indexes
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("indexing"), BarColumn(), TextColumn("{task.completed:.0f}/{task.total:.0f} MB"),
               TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("index", total=max(total_chars / 1e6, 0.01))
        for i in indexes:
            yield i
            bar.advance(task, len(articles[i].text) / 1e6)
