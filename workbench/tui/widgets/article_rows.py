"""A truly virtual list of articles: fixed two-line rows, only visible lines are rendered.

Why not OptionList: it measures every option's height when options change (about 0.3 s
for 1,000 two-line rows), so filtering as you type would stutter. Here setting the rows is
O(1) and painting costs only the lines on screen, whatever the library size.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

ROW_HEIGHT = 2


class ArticleRows(ScrollView, can_focus=True):
    """Rows of (title, meta) built on demand by `render_row(article, width) -> (Text, Text)`."""

    COMPONENT_CLASSES = {"article-rows--highlight", "article-rows--highlight-focus"}
    DEFAULT_CSS = """
    ArticleRows { background: transparent; }
    ArticleRows > .article-rows--highlight { background: $boost; }
    ArticleRows > .article-rows--highlight-focus { background: $block-cursor-background; color: $block-cursor-foreground; }
    """
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "choose", "Open"),
    ]

    highlighted: reactive[int | None] = reactive(None, always_update=True)

    class Chosen(Message):
        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, render_row: Callable, **kwargs) -> None:
        super().__init__(**kwargs)
        self.render_row = render_row
        self.rows: list = []
        self._cache: dict = {}
        self.empty_text = "Loading articles…"  # shown, dimmed and wrapped, when there are no rows

    # -- data ----------------------------------------------------------------------------

    def set_rows(self, rows: list, keep: str | None = None) -> None:
        self.rows = list(rows)
        ids = [a.id for a in self.rows]
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) * ROW_HEIGHT)
        self.highlighted = ids.index(keep) if keep in ids else (0 if ids else None)
        self.invalidate()

    def invalidate(self) -> None:
        """Drop rendered rows (after counts/current/width change) and repaint."""
        self._cache.clear()
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def row_ids(self) -> list[str]:
        return [a.id for a in self.rows]

    @property
    def highlighted_id(self) -> str | None:
        index = self.highlighted
        return self.rows[index].id if index is not None and 0 <= index < len(self.rows) else None

    # -- rendering -----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        index, part = divmod(line, ROW_HEIGHT)
        if not self.rows and self.empty_text:
            return self._empty_line(line, width)
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        style = self.rich_style
        if index == self.highlighted:
            name = "article-rows--highlight-focus" if self.has_focus else "article-rows--highlight"
            style = style + self.get_component_rich_style(name)
        key = (index, part, width, index == self.highlighted and self.has_focus, index == self.highlighted)
        strip = self._cache.get(key)
        if strip is None:
            text: Text = self.render_row(self.rows[index], width - 2)[part]
            segments = [Segment(" ")] + list(text.render(self.app.console)) + [Segment(" ")]
            strip = Strip(segments).adjust_cell_length(width).apply_style(style)
            self._cache[key] = strip
        return strip

    def _empty_line(self, line: int, width: int) -> Strip:
        lines = Text(self.empty_text, style="dim italic").wrap(self.app.console, max(1, width - 2))
        if line >= len(lines):
            return Strip.blank(width, self.rich_style)
        segments = [Segment(" "), *lines[line].render(self.app.console)]
        return Strip(segments).adjust_cell_length(width).apply_style(self.rich_style)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) * ROW_HEIGHT)
        self.invalidate()

    def on_focus(self) -> None:
        self.invalidate()

    def on_blur(self) -> None:
        self.invalidate()

    def watch_highlighted(self, index: int | None) -> None:
        self._cache.clear()
        if index is not None:
            self.scroll_to_region(Region(0, index * ROW_HEIGHT, 1, ROW_HEIGHT), animate=False, force=True)
        self.refresh()

    # -- interaction ---------------------------------------------------------------------

    def _go(self, index: int) -> None:
        if self.rows:
            self.highlighted = max(0, min(index, len(self.rows) - 1))

    def action_move(self, step: int) -> None:
        self._go((self.highlighted if self.highlighted is not None else -step) + step)

    def action_page(self, direction: int) -> None:
        page = max(1, self.scrollable_content_region.height // ROW_HEIGHT - 1)
        self._go((self.highlighted or 0) + direction * page)

    def action_jump(self, index: int) -> None:
        self._go(index if index >= 0 else len(self.rows) - 1)

    def action_choose(self) -> None:
        if self.highlighted_id is not None:
            self.post_message(self.Chosen(self.highlighted_id))

    def on_click(self, event: Click) -> None:
        index = (self.scroll_offset.y + event.y) // ROW_HEIGHT
        if 0 <= index < len(self.rows):
            self.highlighted = index
            self.post_message(self.Chosen(self.rows[index].id))
