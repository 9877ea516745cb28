"""What the search index reads of the articles it indexes, as Protocols.

The index and the library are independent siblings in the layers (an index knows no
Library), so the index names only what it reads: an article's id, title, clean text, the
hash of that text and its blocks' spans, and a collection's articles. `workbench.library`'s
Article and Library fit.
"""

from __future__ import annotations

from collections.abc import Sequence
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
