"""Messages the app sends to its screens (kept apart so screens need not import the app)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from workbench.search import SearchIndex


class IndexReady(Message):
    """The search index is built (or rebuilt after an import); it rides along."""

    def __init__(self, index: SearchIndex) -> None:
        super().__init__()
        self.index = index


class EchoesReady(Message):
    """The library's echo groups are computed (`app.echoes`)."""
