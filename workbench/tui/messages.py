"""Messages the app sends to its screens (kept apart so screens need not import the app)."""

from __future__ import annotations

from textual.message import Message


class IndexReady(Message):
    """The search index is built (or rebuilt after an import); it rides along."""

    def __init__(self, index) -> None:
        super().__init__()
        self.index = index


class EchoesReady(Message):
    """The library's echo groups are computed (`app.echoes`)."""
