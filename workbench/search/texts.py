"""What the search index reads of the articles it indexes, as Protocols.

The index and the library are independent siblings in the layers (an index knows no
Library), so the index names only what it reads: an article's id, title, clean text, the
hash of that text and its blocks' spans, and a collection's articles. `workbench.library`'s
Article and Library fit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Protocol

from workbench.articletext import ArticleText


class BlockSpan(Protocol):
    """A block of an article's text: [start, end) character offsets."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class IndexedArticle(ArticleText, Protocol):
    """An article as the index sees it: passages are cut inside blocks; hits quote `text`."""

    @property
    def title(self) -> str: ...

    @property
    def blocks(self) -> Sequence[BlockSpan]: ...


class ArticleSource(Protocol):
    """A collection of articles to index (a Library)."""

    @property
    def articles(self) -> Sequence[IndexedArticle]: ...


class ArticleMap(Mapping[str, IndexedArticle]):
    """id → article, in library order, made one at a time: a warm search compares text hashes
    (`hashes`) and reads the few articles its candidates are in, never builds all of them.

    `fetch(id)` makes one article; `every()` all of them at once (a full build reads them all)."""

    def __init__(self, hashes: dict[str, str], fetch: Callable[[str], IndexedArticle],
                 every: Callable[[], Sequence[IndexedArticle]] | None = None) -> None:
        self.hashes = hashes
        self._fetch = fetch
        self._every = every
        self._got: dict[str, IndexedArticle] = {}

    @classmethod
    def of(cls, source: ArticleSource) -> ArticleMap:
        """The articles of a library: by its `text_hashes()`/`article(id)` when it has them."""
        hashes_of, article = getattr(source, "text_hashes", None), getattr(source, "article", None)
        if callable(hashes_of) and callable(article):
            return cls(hashes_of(), article, lambda: source.articles)
        listed = {a.id: a for a in source.articles}
        return cls({i: a.text_hash for i, a in listed.items()}, listed.__getitem__, lambda: list(listed.values()))

    def __getitem__(self, article_id: str) -> IndexedArticle:
        got = self._got.get(article_id)
        if got is None:
            if article_id not in self.hashes:
                raise KeyError(article_id)
            got = self._got[article_id] = self._fetch(article_id)
        return got

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.hashes

    def __iter__(self) -> Iterator[str]:
        return iter(self.hashes)

    def __len__(self) -> int:
        return len(self.hashes)

    def every(self) -> list[IndexedArticle]:
        """Every article, in order (made in bulk when the source can)."""
        if self._every is not None and len(self._got) < len(self.hashes):
            listed = {a.id: a for a in self._every()}
            if listed.keys() == self.hashes.keys():
                self._got = {**listed, **self._got}
        return [self[article_id] for article_id in self.hashes]
