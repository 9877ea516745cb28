"""The article list: a filter box over a virtualised OptionList (fast at thousands of rows).

Typing a letter while the list has focus moves it into the filter box, so "type to filter"
works without a mode; only the few keys bound here or app-wide (q s / ?) keep their meaning.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

SORTS = ("title", "date", "recent")
RESERVED = set("qs/?")  # printable keys that stay bindings while the list is focused


class ArticleOptions(OptionList):
    """The list proper; forwards typing to the filter box."""

    BINDINGS = [Binding("s", "sort", "Sort")]

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return bool(character and character.isprintable() and character not in RESERVED and key != "space")

    def on_key(self, event: Key) -> None:
        if self.check_consume_key(event.key, event.character) or event.key == "backspace":
            event.stop()
            event.prevent_default()
            self.parent.start_filter(event.character if event.key != "backspace" else None)

    def action_sort(self) -> None:
        self.parent.cycle_sort()


class ArticleList(Vertical):
    """Title, author/outlet, date and highlight count per article; filter and sort."""

    class Opened(Message):
        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    class SortChanged(Message):
        def __init__(self, sort: str) -> None:
            super().__init__()
            self.sort = sort

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.articles: list = []
        self.counts: dict[str, int] = {}
        self.opened: dict[str, float] = {}
        self.sort = "title"
        self.current: str | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter (type)…", id="filter", select_on_focus=False)
        yield ArticleOptions(id="articles")

    @property
    def options(self) -> ArticleOptions:
        return self.query_one(ArticleOptions)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#filter", Input)

    def set_articles(self, articles: list, counts: dict[str, int], opened: dict[str, float]) -> None:
        self.articles, self.counts, self.opened = list(articles), dict(counts), dict(opened)
        self.refresh_options()

    def set_counts(self, counts: dict[str, int]) -> None:
        self.counts = dict(counts)
        self.refresh_options()

    def set_sort(self, sort: str) -> None:
        self.sort = sort if sort in SORTS else "title"
        self.border_subtitle = f"sort: {self.sort} (s)"
        self.refresh_options()

    def cycle_sort(self) -> None:
        self.set_sort(SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)])
        self.post_message(self.SortChanged(self.sort))

    def visible_articles(self) -> list:
        words = self.filter_input.value.casefold().split()
        rows = [a for a in self.articles if all(w in _haystack(a) for w in words)]
        if self.sort == "date":
            rows.sort(key=lambda a: (a.date or "", a.title.casefold()), reverse=True)
        elif self.sort == "recent":
            rows.sort(key=lambda a: (-self.opened.get(a.id, 0.0), a.title.casefold()))
        else:
            rows.sort(key=lambda a: a.title.casefold())
        return rows

    def refresh_options(self) -> None:
        options = self.options
        keep = options.highlighted_option.id if options.highlighted_option else self.current
        rows = self.visible_articles()
        width = self._width()
        options.set_options(Option(self._prompt(a, width), id=a.id) for a in rows)
        ids = [a.id for a in rows]
        if keep in ids:
            options.highlighted = ids.index(keep)
        elif ids:
            options.highlighted = 0
        total = len(self.articles)
        self.border_title = f"Articles {len(rows)}/{total}" if len(rows) != total else f"Articles ({total})"

    def _prompt(self, article, width: int) -> Text:
        """Two lines, each cut to the list's width (OptionList would wrap them otherwise)."""
        count = self.counts.get(article.id, 0)
        current = article.id == self.current
        title = Text(("▸ " if current else "") + article.title, style="bold" if current else "")
        who = ", ".join(article.authors[:2]) or ""
        meta = " · ".join(p for p in (who, article.outlet or "", article.date or "") if p)
        line2 = Text(meta or article.id, style="dim")
        if count:
            line2 = Text.assemble((f"✎{count} ", "yellow"), line2)
        for line in (title, line2):
            line.truncate(width, overflow="ellipsis")
        return Text.assemble(title, "\n", line2)

    def on_resize(self) -> None:
        width = self._width()
        if width != getattr(self, "_last_width", None):
            self._last_width = width
            self.refresh_options()

    def _width(self) -> int:
        width = self.options.scrollable_content_region.width - 2  # option padding (0 1)
        return width if width > 8 else 30

    def mark_current(self, article_id: str | None) -> None:
        self.current = article_id
        self.refresh_options()

    def start_filter(self, character: str | None) -> None:
        box = self.filter_input
        self.screen.set_focus(box)
        if character:
            box.insert_text_at_cursor(character)
        else:
            box.value = box.value[:-1]

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.refresh_options()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        options = self.options
        if options.option_count:
            self.screen.set_focus(options)
            if options.highlighted_option is not None:
                self.post_message(self.Opened(options.highlighted_option.id))

    def on_key(self, event: Key) -> None:
        if self.filter_input.has_focus and event.key in ("down", "escape"):
            event.stop()
            if event.key == "escape":
                self.filter_input.value = ""
            self.screen.set_focus(self.options)

    @on(OptionList.OptionSelected, "#articles")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Opened(event.option.id))


def _haystack(article) -> str:
    return " ".join([article.title, *article.authors, article.outlet or "", article.date or "", article.id]).casefold()
