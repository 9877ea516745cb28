"""Fuzzy quote search over every article's clean text and the annotation notes.

    index = open_index(workspace, library)          # build, or load the cache
    hits = index.search("half-remembered line", limit=10)
    [h.to_dict() for h in hits]

See docs/search.md for the design and the JSON contract.
"""

from __future__ import annotations

from workbench.fsutil import gc_paused
from workbench.search.engine import SearchIndex
from workbench.search.hits import Hit
from workbench.search.cache import load_or_build
from workbench.search.index import INDEX_VERSION
from workbench.search.texts import ArticleMap, ArticleSource
from workbench.workspace import Workspace

__all__ = ["Hit", "SearchIndex", "open_index", "INDEX_VERSION"]


def open_index(workspace: Workspace, library: ArticleSource, progress: bool | None = None) -> SearchIndex:
    """The search index of `library`, cached in WORKSPACE/.workbench/search/.

    Only articles whose text_hash changed (or that were added) are tokenised. A cache file
    that is unusable is rebuilt and `index.notices` says so in one line (print, then clear). `progress`: True/False forces
    the Rich progress bar on stderr; None shows it on a terminal for big builds.
    """
    cache_dir = workspace.state / "search"
    with gc_paused():  # a warm start makes a few big lists: no collection walks them
        articles = ArticleMap.of(library)  # text hashes; articles made when read
        data, stats = load_or_build(cache_dir, articles, progress=progress)

    def rebuild():
        with gc_paused():
            return load_or_build(cache_dir, articles, progress=progress, rebuild=True)[0]

    return SearchIndex(data, articles, stats, rebuild=rebuild)
