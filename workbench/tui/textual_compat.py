"""The one place that touches a private Textual API (pinned by tests/tui/test_textual_compat.py).

- Textual has no public way to ask an Input for the completion its suggester is showing; the
  tag editor needs it so `tab` accepts a suggestion instead of leaving the box.
- `WrappedDocument.height` sums every line's wrap offsets (O(lines)) and TextArea asks for it
  once per line it renders: with a book-sized article (720k words) open, every repaint of the
  reader cost ~1 s at 80×24 and keys queued behind it. The wrapped-line table
  (`_offset_to_line_info`, kept by `wrap` and `wrap_range`) has exactly one row per wrapped
  line, so its length is the same height in O(1); `fast_wrapped_height` installs that.

Everything else in the TUI uses public API (`notify_style_update`,
`wrapped_document.offset_to_location`).
"""

from __future__ import annotations

from textual.document._wrapped_document import WrappedDocument
from textual.widgets import Input


def _height(self: WrappedDocument) -> int:
    return len(self._offset_to_line_info)


def fast_wrapped_height() -> None:
    """Make `WrappedDocument.height` O(1) (see the module docstring); idempotent."""
    WrappedDocument.height = property(_height, doc="The height of the wrapped document.")  # type: ignore[method-assign, assignment]


def input_suggestion(box: Input) -> str:
    """The full value the Input's suggester proposes ("" when none)."""
    return str(getattr(box, "_suggestion", "") or "")
