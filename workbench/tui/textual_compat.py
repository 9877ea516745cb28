"""The one place that touches a private Textual API (pinned by tests/tui/test_textual_compat.py).

Textual has no public way to ask an Input for the completion its suggester is showing; the
tag editor needs it so `tab` accepts a suggestion instead of leaving the box. Everything else
in the TUI uses public API (`notify_style_update`, `wrapped_document.offset_to_location`).
"""

from __future__ import annotations

from textual.widgets import Input


def input_suggestion(box: Input) -> str:
    """The full value the Input's suggester proposes ("" when none)."""
    return str(getattr(box, "_suggestion", "") or "")
