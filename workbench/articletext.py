"""What every consumer of an article's clean text reads of it, as Protocols.

The store, the search index and the echoes finder are independent of the library (layers:
they know no `Library`), yet each reads the same three things of an article: its id, its
clean text (every offset points into it) and the hash of that text (which says when
positions must be re-found). This is that shape, once; `workbench.library.Article` fits it,
and a consumer that reads more (the index: title and blocks) extends it.
"""

from __future__ import annotations

from typing import Protocol


class ArticleText(Protocol):
    """An article's id, its clean text and the text's hash (sha256 of `text`)."""

    @property
    def id(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def text_hash(self) -> str: ...
