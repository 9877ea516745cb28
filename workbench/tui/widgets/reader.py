"""The reader: a read-only TextArea that paints block styles and highlights.

Why a TextArea: selection by keyboard and mouse, soft wrap and a virtualised renderer come
free. We hook `get_line` (the documented place to stylise a line) with per-row spans built
from block and highlight offsets; the TextArea then paints the selection and cursor on top.
All positions enter and leave this widget as offsets into `Article.text` (see offsets.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.geometry import Offset
from textual.message import Message
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from workbench.textnorm import READING_WORD_RE
from workbench.tui.keys import bindings
from workbench.tui.offsets import OffsetMap, display_text

if TYPE_CHECKING:
    from workbench.library.model import Article

BLOCK_STYLES = {  # title and subtitle also take the theme's primary colour
    "title": Style(bold=True),
    "subtitle": Style(italic=True),
    "byline": Style(dim=True, italic=True),
    "heading": Style(bold=True, underline=True),
    "quote": Style(italic=True),
    "caption": Style(dim=True),
}
HIGHLIGHT_COLORS = {  # backgrounds that keep the text readable on a dark theme …
    "yellow": "#6b5b00",
    "green": "#1f5c2e",
    "blue": "#1d4373",
    "pink": "#6d2a55",
    "purple": "#4b3478",
}
LIGHT_HIGHLIGHT_COLORS = {  # … and on a light one
    "yellow": "#fff09a",
    "green": "#c6f1cf",
    "blue": "#cfe2ff",
    "pink": "#ffd3ea",
    "purple": "#e3d5ff",
}
CURRENT_STYLE = Style(bold=True, underline=True)
ECHO_STYLES = {True: Style(bgcolor="#1e3540"), False: Style(bgcolor="#dcedf2")}  # dark / light theme


@dataclass(frozen=True)
class Span:
    """A highlight as the reader paints it."""

    id: str
    start: int
    end: int
    color: str


class Reader(TextArea):
    """Shows one article; `v` toggles keyboard selection; highlight keys act on the cursor."""

    BINDINGS = [*bindings("reader"), *bindings("highlight")]

    class CurrentChanged(Message):
        """The highlight under the cursor changed (None: the cursor is on plain text)."""

        def __init__(self, annotation_id: str | None) -> None:
            super().__init__()
            self.annotation_id = annotation_id

    def __init__(self, **kwargs) -> None:
        super().__init__("", read_only=True, soft_wrap=True, show_line_numbers=False,
                         highlight_cursor_line=False, **kwargs)
        self.article: Article | None = None
        self.selecting = False
        self.spans: list[Span] = []
        self.marks: list[tuple[int, int]] = []  # passages other articles echo (under highlights)
        self.current: str | None = None
        self._map = OffsetMap("")
        self._line_styles: dict[int, list[tuple[int, int, Style]]] = {}

    # -- content ---------------------------------------------------------------------

    def show_article(self, article: Article, spans: list[Span], top: int = 0) -> None:
        """Load an article and put the line holding offset `top` at the top of the view."""
        self.article = article
        self.selecting = False
        self._map = OffsetMap(article.text)
        self.spans = list(spans)
        self.marks = []
        self.current = None
        self.load_text(display_text(article.text))
        title = article.title
        if getattr(article, "title_is_derived", False):
            title = f"~ {title} (no title in the source: its first words)"
        self.border_title = Content(title)  # plain text: titles may contain [brackets]
        self._update_subtitle()
        self._rebuild_styles()
        self.move_cursor(self._map.to_location(top))
        self.call_after_refresh(self.scroll_to_offset, top)

    def clear_article(self, message: str = "") -> None:
        """No article: show `message` (an empty state saying what to do), not a blank pane."""
        self.article = None
        self.spans = []
        self._map = OffsetMap(message)
        self.load_text(message)
        self.border_title = ""
        self.border_subtitle = ""
        self._rebuild_styles()

    def set_marks(self, marks: list[tuple[int, int]]) -> None:
        self.marks = list(marks)
        self._rebuild_styles()

    def set_spans(self, spans: list[Span]) -> None:
        self.spans = list(spans)
        self._sync_current()
        self._rebuild_styles()

    def on_resize(self) -> None:
        """Repaint after TextArea's re-wrap on resize. In a real terminal the reader could be
        painted at its new width from lines wrapped for the old one, between the layout and
        this event, and those lines stayed on screen cut at the edge until the cursor moved."""
        self.refresh()

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._rebuild_styles())

    def _rebuild_styles(self) -> None:
        styles: dict[int, list[tuple[int, int, Style]]] = defaultdict(list)
        theme = self.app.current_theme if self.is_attached else None
        colors = HIGHLIGHT_COLORS if theme is None or theme.dark else LIGHT_HIGHLIGHT_COLORS
        accent = Style(color=theme.primary) if theme is not None and theme.primary else Style()
        if self.article is not None:
            for block in self.article.blocks:
                style = BLOCK_STYLES.get(block.kind)
                if style is not None:
                    if block.kind in ("title", "subtitle"):
                        style = style + accent
                    self._add(styles, block.start, block.end, style)
            echo = ECHO_STYLES[theme is None or theme.dark]
            for start, end in self.marks:
                self._add(styles, start, end, echo)
            for span in sorted(self.spans, key=lambda s: (s.start, -s.end)):
                style = Style(bgcolor=colors.get(span.color, colors["yellow"]))
                if span.id == self.current:
                    style += CURRENT_STYLE
                self._add(styles, span.start, span.end, style)
        self._line_styles = dict(styles)
        self.notify_style_update()  # drops TextArea's rendered-line cache and repaints

    def _add(self, styles, start: int, end: int, style: Style) -> None:
        omap = self._map
        start, end = max(0, start), min(end, omap.length)
        if end <= start:
            return
        first, _ = omap.to_location(start)
        last, _ = omap.to_location(end)
        for row in range(first, last + 1):
            row_start = omap.line_start(row)
            s = max(start, row_start) - row_start
            e = min(end, omap.line_end(row)) - row_start
            if e > s:
                styles[row].append((s, e, style))

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        for start, end, style in self._line_styles.get(line_index, ()):
            line.stylize(style, start, end)
        return line

    # -- offsets ---------------------------------------------------------------------

    @property
    def cursor_offset(self) -> int:
        return self._map.to_offset(self.selection.end)

    def selection_offsets(self) -> tuple[int, int] | None:
        """(start, end) offsets of the selection, or None when nothing is selected."""
        start, end = (self._map.to_offset(loc) for loc in self.selection)
        if start == end:
            return None
        return (start, end) if start < end else (end, start)

    def select_offsets(self, start: int, end: int) -> None:
        self.selection = Selection(self._map.to_location(start), self._map.to_location(end))
        self.call_after_refresh(self.scroll_cursor_visible, center=True)

    def move_to(self, offset: int) -> None:
        self.selecting = False
        self._update_subtitle()
        self.move_cursor(self._map.to_location(offset))
        self.call_after_refresh(self.scroll_cursor_visible, center=True)

    def top_offset(self) -> int:
        """Offset of the first character shown at the top of the view (reading position)."""
        try:
            location = self.wrapped_document.offset_to_location(Offset(0, int(self.scroll_y)))
        except ValueError:
            return self.cursor_offset
        return self._map.to_offset(location)

    def scroll_to_offset(self, offset: int) -> None:
        location = self._map.to_location(offset)
        y = self.wrapped_document.location_to_offset(location).y
        self.scroll_to(y=y, animate=False, immediate=True)

    # -- cursor and selection --------------------------------------------------------

    def on_text_area_selection_changed(self, _event: TextArea.SelectionChanged) -> None:
        self._sync_current()
        if self.article is not None and self.article.pages:
            self._update_subtitle()  # the page under the cursor

    def _sync_current(self) -> None:
        offset = self.cursor_offset
        inside = [s for s in self.spans if s.start <= offset < s.end]
        inside = inside or [s for s in self.spans if s.end == offset]  # cursor just after it
        current = min(inside, key=lambda s: s.end - s.start).id if inside else None
        if current != self.current:
            self.current = current
            self._rebuild_styles()
            self.post_message(self.CurrentChanged(current))

    def _update_subtitle(self) -> None:
        """Bottom border: the selection mode banner, else who/where/when, length and progress."""
        article = self.article
        if self.selecting:
            self.border_subtitle = "-- SELECT (v to stop, h to highlight) --"
            return
        if article is None:
            self.border_subtitle = ""
            return
        parts = [", ".join(article.authors[:2]), article.outlet or "", article.date or "", f"{article.words:,} words"]
        if article.pages:  # a PDF: the source page under the cursor
            parts.append(f"p. {article.page_name_at(self.cursor_offset)}")
        if self.max_scroll_y > 0:
            parts.append(f"{round(100 * self.scroll_y / self.max_scroll_y)}%")
        self.border_subtitle = Content(" · ".join(p for p in parts if p))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        self._update_subtitle()

    def action_toggle_select(self) -> None:
        self.selecting = not self.selecting
        if self.selecting:
            self.selection = Selection.cursor(self.selection.end)
        self._update_subtitle()

    def action_clear_selection(self) -> None:
        self.selecting = False
        self._update_subtitle()
        self.selection = Selection.cursor(self.selection.end)

    def stop_selecting(self) -> None:
        self.selecting = False
        self._update_subtitle()

    def action_cursor_left(self, select: bool = False) -> None:
        super().action_cursor_left(select or self.selecting)

    def action_cursor_right(self, select: bool = False) -> None:
        super().action_cursor_right(select or self.selecting)

    def action_cursor_up(self, select: bool = False) -> None:
        super().action_cursor_up(select or self.selecting)

    def action_cursor_down(self, select: bool = False) -> None:
        super().action_cursor_down(select or self.selecting)

    def action_cursor_word_left(self, select: bool = False) -> None:
        """`b`/ctrl+left: to the start of the word before the cursor (across lines)."""
        offset = self.cursor_offset
        low = max(0, offset - 500)
        starts = [m.start() for m in READING_WORD_RE.finditer(self.text, low, offset)]
        self._move_offset(starts[-1] if starts else low, select)

    def action_cursor_word_right(self, select: bool = False) -> None:
        """`w`/ctrl+right: to the end of the word (the next one if at an end): whole words."""
        match = READING_WORD_RE.search(self.text, self.cursor_offset)
        self._move_offset(match.end() if match else len(self.text), select)

    def _move_offset(self, offset: int, select: bool) -> None:
        self.move_cursor(self._map.to_location(offset), select=select or self.selecting)

    def action_cursor_line_start(self, select: bool = False) -> None:
        super().action_cursor_line_start(select or self.selecting)

    def action_cursor_line_end(self, select: bool = False) -> None:
        super().action_cursor_line_end(select or self.selecting)

    def action_edge(self, end: int) -> None:
        """`g`/`G`: to the start/end of the article (extends the selection in `v` mode)."""
        self._move_offset(len(self.text) if end else 0, False)
        self.scroll_cursor_visible()

    def action_paragraph(self, direction: int) -> None:
        """Jump to the start of the next/previous block (`}` / `{`); extends in `v` mode."""
        if self.article is None or not self.article.blocks:
            return
        offset = self.cursor_offset
        starts = [b.start for b in self.article.blocks]
        if direction > 0:
            target = next((s for s in starts if s > offset), self.article.blocks[-1].end)
        else:
            target = next((s for s in reversed(starts) if s < offset), 0)
        self.move_cursor(self._map.to_location(target), select=self.selecting)
