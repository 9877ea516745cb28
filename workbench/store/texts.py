"""What the store reads of the articles it anchors to, as Protocols.

The store and the library are independent siblings in the layers (a store knows no
Library), so the store names only what it reads: an article's id, clean text and the hash
of that text, and a collection's articles. `workbench.library`'s Article and Library fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class ArticleText(Protocol):
    """An article as the store sees it: offsets point into `text`; `text_hash` says when to re-anchor."""

    @property
    def id(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def text_hash(self) -> str: ...


class ArticleSource(Protocol):
    """A collection of articles the store is synced against (a Library)."""

    @property
    def articles(self) -> Sequence[ArticleText]: ...
