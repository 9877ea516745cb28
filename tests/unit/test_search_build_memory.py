"""A cold index build streams: each text is read, tokenised, merged and forgotten.

The build must give exactly the index an all-in-memory build gives (the cache files are
compared byte for byte), leave the library's lazy articles without their texts, and
rebuild the same bytes when some segments come back from the shard files."""

from __future__ import annotations

from pathlib import Path

from workbench.library import Library
from workbench.library.lazy import LazyArticle
from workbench.search import open_index
from workbench.search.cache import Shards, _encode_shard
from workbench.search.index import IndexData, build_segment, segment_postings
from workbench.workspace import Workspace


def _cache_files(root: Path) -> dict[str, bytes]:
    cache = root / ".workbench" / "search"
    return {p.relative_to(cache).as_posix(): p.read_bytes() for p in sorted(cache.rglob("*.pack"))}


def _warm_library(root: Path) -> tuple[Library, dict]:
    Library(Workspace(root)).load()  # cleans the sources and caches the articles
    library = Library(Workspace(root))
    articles = library.load()
    assert articles and all(isinstance(a, LazyArticle) and not a.loaded for a in articles.values())
    return library, articles


def test_cold_build_forgets_texts_and_equals_an_in_memory_build(workspace: Path):
    library, articles = _warm_library(workspace)
    index = open_index(Workspace(workspace), library, progress=False)
    assert sorted(index.stats.built) == sorted(articles)
    assert [i for i, a in articles.items() if a.loaded] == []  # no text kept by the build

    # The same articles tokenised and merged all in memory (texts and blocks fully loaded).
    full = Library(Workspace(workspace)).articles
    segments = [(a.id, build_segment(a)) for a in full]
    expected = IndexData()
    expected.add_segments(list(segments))
    files = _cache_files(workspace)
    assert files["index.pack"] == expected.to_pack()
    for n in range(Shards.COUNT):
        mine = {i: seg for i, seg in segments if Shards.shard_of(i) == n}
        if mine:
            assert files[f"segments/shard-{n:02d}.pack"] == _encode_shard(mine)

    # Every term's postings, merged naively: global ids in article order.
    naive: dict[str, list[int]] = {}
    base = 0
    for _, seg in segments:
        for term, local in segment_postings(seg):
            naive.setdefault(term, []).extend(base + x for x in local)
        base += len(seg["passages"]) // 4
    assert list(index.data.postings) == list(naive)
    assert all(list(index.data.posting(term)) == ids for term, ids in naive.items())

    # The index searches the texts it no longer holds (read again on demand).
    article = full[0]
    block = max(article.blocks, key=lambda b: b.end - b.start)
    quote = article.text[block.start:block.end][:100]
    hit = index.search(quote)[0]
    assert hit.article == article.id and article.text[hit.start:hit.end] == hit.text


def test_rebuild_with_some_segments_cached_gives_the_same_files(workspace: Path):
    library, articles = _warm_library(workspace)
    open_index(Workspace(workspace), library, progress=False)
    before = _cache_files(workspace)
    cache = workspace / ".workbench" / "search"
    (cache / "index.pack").unlink()
    dropped = next(iter(articles))
    (cache / "segments" / f"shard-{Shards.shard_of(dropped):02d}.pack").unlink()

    library, articles = _warm_library(workspace)
    index = open_index(Workspace(workspace), library, progress=False)
    assert dropped in index.stats.built and 0 < index.stats.reused < len(articles)
    assert _cache_files(workspace) == before
    assert [i for i, a in articles.items() if a.loaded] == []
