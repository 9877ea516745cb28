"""The main screen: article list | reader | highlights pane, and the actions on highlights.

Each action is a thin wrapper around one core call (store, search, export) made through
`app.guard`; afterwards the panes are refreshed from the store, never patched by hand.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.keys import key_to_character
from textual.screen import Screen
from textual.widgets import Header, Static

from workbench.tui.guard import FAILED
from workbench.tui.keys import bindings
from workbench.tui.screens.actions import HighlightActions
from workbench.tui.screens.layout import PaneLayout
from workbench.tui.widgets.annotations import AnnotationPane
from workbench.tui.widgets.article_list import ArticleList
from workbench.tui.widgets.reader import Reader, Span
from workbench.tui.widgets.footer import FittingFooter

if TYPE_CHECKING:
    from workbench.search import Hit

EMPTY_LIBRARY = """No articles yet.

Put .txt, .md, .html, .pdf or .epub files in
the workspace's seeds/ folder ({name}/seeds/) and choose Reload
library, or import them: ctrl+p, then Import….

Then: / searches, v selects, h highlights, ? lists every key."""


class MainScreen(HighlightActions, PaneLayout, Screen):
    BINDINGS = bindings("screen")

    def __init__(self) -> None:
        super().__init__()
        self.article = None
        self.narrow = False
        self.repair_id: str | None = None  # the ⚠ highlight last picked in the pane (for `a`)
        self.note_drafts: dict[str, str] = {}  # unsaved notes (Esc in the editor), by highlight id
        self.stale_told: set[tuple[str, str]] = set()  # (article id, text hash) said to have changed on disk

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield ArticleList(id="list-pane")
            with Vertical(id="reader-column"):
                yield Reader(id="reader")
                with VerticalScroll(id="removed"):
                    yield Static(id="removed-text")
            yield AnnotationPane(id="notes-pane")
        yield FittingFooter()

    def notify(self, message: str, *, markup: bool = False, **kwargs) -> None:
        self.app.notify(message, markup=markup, **kwargs)  # user text is never markup

    @property
    def active_bindings(self):
        """What the footer shows: `?` and `q` first (so 80 columns keep them), and no key the
        focused widget would take as text (in the list or a text box `q` is a letter)."""
        active = super().active_bindings
        focused = self.focused

        def typed(key: str) -> bool:
            char = key_to_character(key)
            return focused is not None and char is not None and focused.check_consume_key(key, char)

        kept = {key: b for key, b in active.items() if b.binding.priority or not typed(key)}
        order = {"help": 0, "app.help": 0, "quit": 1, "app.quit": 1, "search": 2}
        first = sorted((key for key, b in kept.items() if b.binding.action in order),
                       key=lambda key: order[kept[key].binding.action])
        return {key: kept[key] for key in [*first, *(k for k in kept if k not in first)]}

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def notes(self) -> AnnotationPane:
        return self.query_one(AnnotationPane)

    def on_mount(self) -> None:
        self.query_one("#removed").display = False
        self.article_list.set_sort(self.app.state.sort)
        listing = self.app.first_listing()  # the list in the first frame (library manifest)
        if listing is not None:
            self.article_list.set_articles(listing, {}, self.app.state.opened)
        self.article_list.options.focus()
        self.set_interval(3.0, self.remember_position)

    # -- loading and opening ------------------------------------------------------------

    def library_loaded(self, articles: list, counts: dict[str, int]) -> None:
        state = self.app.state
        self.article_list.set_articles(articles, counts, state.opened)
        ids = {a.id for a in articles}
        if self.article is not None and self.article.id in ids:
            self.open_article(self.article.id, focus=False)
        elif articles:
            last = state.last_article if state.last_article in ids else None
            first = self.article_list.visible_articles()
            self.open_article(last or first[0].id, focus=False)
        else:
            self.reader.clear_article(EMPTY_LIBRARY.format(name=self.app.workspace.name))

    def open_article(self, article_id: str, focus: bool = True, at: int | None = None) -> bool:
        app = self.app
        article = app.guard("opening the article", app.article, article_id)
        if article is FAILED:
            return False
        self.remember_position()
        if self.article is None or self.article.id != article.id:
            self.repair_id = None
        self.article = article
        app.state.mark_opened(article.id)
        top = app.state.positions.get(article.id, 0) if at is None else at
        self.reader.show_article(article, [], top=min(top, len(article.text)))
        self.show_echo_marks()
        self.refresh_annotations()
        self.article_list.mark_current(article.id)
        removed = self.query_one("#removed")
        if removed.display:
            if article.removed:
                self.show_removed(article)
            else:
                removed.display = False
        if focus:
            self.set_focus(self.reader)
        return True

    def show_echo_marks(self) -> None:
        """Mark the open article's passages that other articles echo (once echoes are known)."""
        if self.article is not None:
            self.reader.set_marks(self.app.echo_marks(self.article.id))

    def remember_position(self) -> None:
        if self.article is not None and self.reader.article is self.article:
            offset = self.reader.top_offset()
            state = self.app.state
            if state.positions.get(self.article.id) != offset:
                state.remember(self.article.id, offset)
                self.app.guard("saving the reading position", state.save)

    def refresh_annotations(self, keep: str | None = None) -> None:
        app = self.app
        if app.store is None:
            return
        app.store_seen()
        if self.article is not None:
            mine = app.guard("reading highlights", app.store.all, article=self.article.id)
            if mine is not FAILED:
                # offsets anchored against another text (the source changed on disk and another
                # process re-anchored them) would paint the wrong words of the text shown here
                here = self.article.text_hash
                self.reader.set_spans([Span(a.id, a.start, a.end, a.color) for a in mine
                                       if a.status in ("anchored", "moved") and a.text_hash in (None, here)])
                self._tell_if_changed_on_disk(mine)
                self.article_list.set_count(self.article.id, len(mine))
                if self.notes.mode == "article":
                    self.notes.show(mine, keep=keep or self.reader.current)
        if self.notes.mode == "library":
            self._show_library_notes(keep)
        self.layout_panes()  # an empty highlights pane may hide, a filled one show

    def _tell_if_changed_on_disk(self, mine: list) -> None:
        article = self.article
        if article is None:
            return
        key = (article.id, article.text_hash)
        if key not in self.stale_told and any(a.text_hash not in (None, article.text_hash) for a in mine):
            self.stale_told.add(key)
            self.notify(f"“{article.title}” changed on disk since it was opened: its highlights are painted "
                        "again after Reload library (ctrl+p).", severity="warning", timeout=8)

    def refresh_from_store(self) -> None:
        """Counts in the list and both panes, re-read (after changes by another process)."""
        if self.app.store is None:
            return
        found = self.app.guard("reading highlights", self.app.store.all)
        if found is not FAILED:
            self.article_list.set_articles(self.article_list.articles, Counter(a.article for a in found),
                                           self.app.state.opened)
            self.refresh_annotations()

    def _show_library_notes(self, keep: str | None = None) -> None:
        app, store = self.app, self.app.store
        if store is None:  # no store, no highlights to list
            return
        found = app.guard("reading highlights", store.all, tag=self.notes.tag)
        if found is not FAILED:
            titles = {a.id: a.title for a in app.library.articles}
            self.notes.show(found, titles=titles, keep=keep)

    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        self.open_article(event.article_id)

    @on(ArticleList.SortChanged)
    def _sorted(self, event: ArticleList.SortChanged) -> None:
        self.app.state.sort = event.sort
        self.app.guard("saving the sort order", self.app.state.save)

    @on(Reader.CurrentChanged)
    def _current_changed(self, event: Reader.CurrentChanged) -> None:
        if self.notes.mode == "article":
            self.notes.mark(event.annotation_id)

    @on(AnnotationPane.Picked)
    def _picked(self, event: AnnotationPane.Picked) -> None:
        ann = event.annotation
        if self.article is None or ann.article != self.article.id:
            if not event.chosen or not self.open_article(ann.article, focus=False, at=ann.start):
                return
        self.repair_id = ann.id if ann.status not in ("anchored", "moved") else None
        self.reader.move_to(ann.start)
        if event.chosen:
            self.set_focus(self.reader)
            if ann.status not in ("anchored", "moved"):
                state = "needs review" if ann.status == "needs_review" else f"is {ann.status.replace('_', ' ')}"
                self.notify(f"This highlight {state}: the article changed and its quote was not found again. "
                            "Select its passage in the reader and press a to re-attach it.", severity="warning")

    @on(AnnotationPane.TagChosen)
    def _tag_chosen(self, _event: AnnotationPane.TagChosen) -> None:
        self._show_library_notes()

    # -- search, sort, panes --------------------------------------------------------------

    def action_search(self) -> None:
        from workbench.tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(article=self.article, history=self.app.state.searches), self._search_done)

    def _search_done(self, hit: Hit | None) -> None:
        if hit is None:
            return
        if self.article is None or self.article.id != hit.article:
            if not self.open_article(hit.article, at=hit.start):
                return
        self.set_focus(self.reader)
        self.reader.select_offsets(hit.start, hit.end)

    def action_sort(self) -> None:
        self.article_list.cycle_sort()

    def action_toggle_select(self) -> None:
        self.set_focus(self.reader)
        self.reader.action_toggle_select()

    def action_import(self) -> None:
        from workbench.tui.screens.editors import PathPrompt

        def done(paths: list[str] | None) -> None:
            if paths:
                self.app.import_paths(paths)

        self.app.push_screen(PathPrompt("Import files or folders"), done)

    def action_reload(self) -> None:
        self.app.load_workspace()

    def action_toggle_notes_mode(self) -> None:
        mode = "library" if self.notes.mode == "article" else "article"
        tags = self.app.guard("reading tags", self.app.store.tags) if self.app.store else []
        self.notes.set_mode(mode, [] if tags is FAILED else tags)
        self.show_notes()
        self.refresh_annotations()

    def action_filter_tag(self) -> None:
        self.show_notes()
        self.notes.options.action_filter_tag()
