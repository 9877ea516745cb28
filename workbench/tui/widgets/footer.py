"""The key bar, showing only the keys that fit whole.

Textual's footer lays its keys out in one row and lets the row run off the right edge, where
the last key is cut mid-word ("u Und▏") behind the command-palette key. A cut key helps
nobody, and every key is listed by `?` and in the palette, so this footer drops the keys that
would not fit whole, from the end of the row (the app's own keys come first and stay).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PALETTE_CLASS = "-command-palette"


def key_width(key: FooterKey, compact: bool) -> int:
    """Cells one key takes in the row (FooterKey's padding and the footer's margins)."""
    width = cell_len(key.key_display) + cell_len(key.description)
    if key.has_class(PALETTE_CLASS):
        return width + (3 if compact else 5)  # padding, its border and its right padding
    return width + (2 if compact else 3)


class FittingFooter(Footer):
    """A footer that leaves out the keys it cannot show whole (see the module docstring)."""

    fitted_width = 0  # the terminal width the keys were chosen for

    def on_resize(self, event: Resize) -> None:
        """Choose the keys again when the terminal's width has changed."""
        if event.size.width != self.fitted_width:
            self.call_after_refresh(self.recompose)

    def compose(self) -> ComposeResult:
        widgets: list[Widget] = list(super().compose())
        room = self.fitted_width = self.size.width or self.app.size.width
        palette = [w for w in widgets if isinstance(w, FooterKey) and w.has_class(PALETTE_CLASS)]
        room -= sum(key_width(w, self.compact) for w in palette)
        for widget in widgets:
            if widget in palette:
                continue
            if isinstance(widget, FooterKey):
                room -= key_width(widget, self.compact)
                if room < 0:
                    break
            yield widget
        yield from palette
