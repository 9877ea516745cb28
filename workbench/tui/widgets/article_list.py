"""The article list: a filter box over a virtual list of rows (fast at thousands of articles).

Typing a letter while the list has focus moves it into the filter box, so "type to filter"
works without a mode: every letter filters (q and s too); only `/` (search) and `?` (help)
keep their meaning, and sorting is on ctrl+o, which typing cannot produce.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import Key
from textual.message import Message
from textual.widgets import Input

from workbench.textnorm import normalize
from workbench.tui.keys import bindings
from workbench.tui.widgets.article_rows import ArticleRows

if TYPE_CHECKING:
    from workbench.library.model import Article

SORTS = ("title", "date", "recent")
RESERVED = set("/?")  # printable keys that stay bindings in the list (search, help): letters filter


class ArticleOptions(ArticleRows):
    """The list proper; forwards typing to the filter box."""

    BINDINGS = bindings("list")

    @property
    def article_list(self) -> ArticleList:
        return cast(ArticleList, self.parent)

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        if key == "space":  # a space only makes sense inside a filter that was started
            return bool(self.article_list.filter_input.value)
        return bool(character and character.isprintable() and character not in RESERVED)

    def on_key(self, event: Key) -> None:
        # keys typed fast arrive here even after the filter box took focus: send them on
        filtering = self.screen.focused is self.article_list.filter_input
        printable = bool(event.character and event.character.isprintable())
        if (filtering and printable) or self.check_consume_key(event.key, event.character) or event.key == "backspace":
            event.stop()
            event.prevent_default()
            self.article_list.start_filter(event.character if event.key != "backspace" else None)

    def action_sort(self) -> None:
        self.article_list.cycle_sort()


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
        self.listed = False  # set_articles has run: an empty list now means an empty library
        self._by_id: dict = {}
        self._haystacks: dict[str, str] = {}
        self.counts: dict[str, int] = {}
        self.opened: dict[str, float] = {}
        self.sort = "title"
        self.current: str | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter (type)…", id="filter", select_on_focus=False)
        yield ArticleOptions(self._prompt, id="articles")

    @property
    def options(self) -> ArticleOptions:
        return self.query_one(ArticleOptions)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#filter", Input)

    def set_articles(self, articles: list, counts: dict[str, int], opened: dict[str, float]) -> None:
        self.articles, self.counts, self.opened = list(articles), dict(counts), dict(opened)
        self.listed = True
        self._by_id = {a.id: a for a in self.articles}
        self._haystacks = {}  # folded on the first filter keystroke, once, not in the first frame
        self.refresh_options()

    def set_count(self, article_id: str, count: int) -> None:
        if self.counts.get(article_id, 0) != count:
            self.counts[article_id] = count
            self.update_rows(article_id)

    def update_rows(self, *article_ids: str | None) -> None:
        """Rows render on demand, so a changed count or current marker only needs a repaint."""
        self.options.invalidate()

    def set_sort(self, sort: str) -> None:
        self.sort = sort if sort in SORTS else "title"
        self.border_subtitle = f"sort: {self.sort} (ctrl+o)"
        self.refresh_options()

    def cycle_sort(self) -> None:
        self.set_sort(SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)])
        self.post_message(self.SortChanged(self.sort))

    @property
    def _filter_words(self) -> list[str]:
        return fold(self.filter_input.value).split() if self.is_mounted else []

    def visible_articles(self) -> list:
        words = fold(self.filter_input.value).split()
        rows = [a for a in self.articles if all(w in self._haystack(a) for w in words)] if words else list(self.articles)
        if self.sort == "date":
            rows.sort(key=lambda a: (a.date or "", a.title.casefold()), reverse=True)
        elif self.sort == "recent":
            rows.sort(key=lambda a: (-self.opened.get(a.id, 0.0), a.title.casefold()))
        else:
            rows.sort(key=lambda a: a.title.casefold())
        return rows

    def _haystack(self, article: Article) -> str:
        """What the filter matches in `article`, folded on first use and kept until the next
        set_articles (a library of 10k would otherwise pay 10k folds before its first frame)."""
        haystack = self._haystacks.get(article.id)
        if haystack is None:
            haystack = self._haystacks[article.id] = _haystack(article)
        return haystack

    def refresh_options(self) -> None:
        options = self.options
        keep = options.highlighted_id or self.current
        rows = self.visible_articles()
        options.set_rows(rows, keep=keep)
        total = len(self.articles)
        typed = self.filter_input.value.strip()
        if typed and not rows:
            options.empty_text = f"No article matches “{typed}”. Esc clears the filter."
        elif not total and self.listed:  # (before the first listing the rows say "Loading articles…")
            options.empty_text = "No articles yet: see the reader for how to add some."
        self.border_title = f"Articles {len(rows)}/{total}" if len(rows) != total else f"Articles ({total})"

    def _prompt(self, article: Article, width: int) -> tuple[Text, Text]:
        """The two lines of a row, cut to `width` (title; count, author, outlet, date)."""
        count = self.counts.get(article.id, 0)
        current = article.id == self.current
        words = self._filter_words
        title = Text("▸ " if current else "", style="bold" if current else "")
        if getattr(article, "title_is_derived", False):  # no title in the source: its first words
            title.append("~ ", style="dim")
            title.append(emphasised(article.title, words, "italic"))
        else:
            title.append(emphasised(article.title, words, "bold" if current else ""))
        who = ", ".join(article.authors[:2]) or ""
        meta = " · ".join(p for p in (who, article.outlet or "", article.date or "") if p)
        line2 = emphasised(meta, words, "dim") if meta else Text(f"{article.words:,} words", style="dim")
        if count:
            line2 = Text.assemble((f"✎{count} ", "yellow"), line2)
        for line in (title, line2):
            line.truncate(max(1, width), overflow="ellipsis")
        return title, line2

    def mark_current(self, article_id: str | None) -> None:
        previous, self.current = self.current, article_id
        self.update_rows(previous, article_id)

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
        if options.row_count:
            self.screen.set_focus(options)
            if options.highlighted_id is not None:
                self.post_message(self.Opened(options.highlighted_id))

    def on_key(self, event: Key) -> None:
        if self.filter_input.has_focus and event.key in ("down", "escape"):
            event.stop()
            if event.key == "escape":
                self.filter_input.value = ""
            self.screen.set_focus(self.options)

    def on_article_rows_chosen(self, event: ArticleRows.Chosen) -> None:
        event.stop()
        self.post_message(self.Opened(event.article_id))


def fold(text: str) -> str:
    """The core's idea of "same text" (curly quotes, dashes, case), so baku's finds Baku’s."""
    return normalize(text, casefold=True).text


def _haystack(article: Article) -> str:
    return fold(" ".join([article.title, *article.authors, article.outlet or "", article.date or "", article.id]))


def emphasised(text: str, words: list[str], style: str = "") -> Text:
    """`text` with every place the (folded) filter words match it underlined in
    yellow: the list shows why a row matched. Matching uses `fold`, mapped back by offsets."""
    out = Text(text, style=style)
    if not words or not text:
        return out
    folded = normalize(text, casefold=True)
    for word in words:
        at = folded.text.find(word)
        while at != -1:
            start, end = folded.span(at, at + len(word))
            out.stylize("bold underline yellow", start, end)
            at = folded.text.find(word, at + len(word))
    return out
