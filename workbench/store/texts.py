"""What the store reads of the articles it anchors to, as Protocols.

The store and the library are independent siblings in the layers (a store knows no
Library), so the store names only what it reads: an article's id, clean text and the hash
of that text, and a collection's articles. `workbench.library`'s Article and Library fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from workbench.articletext import ArticleText

__all__ = ["ArticleSource", "ArticleText"]


class ArticleSource(Protocol):
    """A collection of articles the store is synced against (a Library)."""

    @property
    def articles(self) -> Sequence[ArticleText]: ...
