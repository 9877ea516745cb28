"""The main screen: article list | reader | highlights pane, and the actions on highlights.

Each action is a thin wrapper around one core call (store, search, export) made through
`app.guard`; afterwards the panes are refreshed from the store, never patched by hand.
"""

from __future__ import annotations

from collections import Counter

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Header

from workbench.tui.app import FAILED
from workbench.tui.screens.actions import HighlightActions
from workbench.tui.widgets.annotations import AnnotationPane
from workbench.tui.widgets.article_list import ArticleList
from workbench.tui.widgets.reader import Reader, Span

NARROW = 110  # below this width only one side pane is shown at a time
WIDE = 170  # from this width the side panes get roomier


class MainScreen(HighlightActions, Screen):
    BINDINGS = [
        Binding("slash", "search", "Search", key_display="/"),
        Binding("e", "export", "Export"),
        Binding("u", "undo", "Undo"),
        Binding("tab", "pane(1)", "Pane", priority=True),
        Binding("shift+tab", "pane(-1)", "Previous pane", show=False, priority=True),
        Binding("ctrl+b", "toggle_list", "List", show=False),
        Binding("ctrl+f", "filter", "Filter", show=False),
        Binding("ctrl+n", "toggle_notes", "Notes", show=False),
    ]
    # (palette title, help, action) — every action is in the command palette
    COMMANDS_LIST = [
        ("Search", "Fuzzy search across articles and notes (/)", "search"),
        ("Highlight selection", "Highlight the selected text (h)", "highlight"),
        ("Re-attach highlight to selection", "Point the chosen highlight (⚠ ones) at the selected text (a)",
         "reattach"),
        ("Edit tags", "Tags of the highlight at the cursor (t)", "edit_tags"),
        ("Edit note", "Note of the highlight at the cursor (n)", "edit_note"),
        ("Cycle colour", "Colour of the highlight at the cursor (c)", "cycle_color"),
        ("Delete highlight", "Delete the highlight at the cursor (d)", "delete"),
        ("Undo", "Undo the last change to highlights (u)", "undo"),
        ("Copy quote", "The highlight's quote and title to the clipboard (y)", "copy_quote"),
        ("Export notes", "Write Markdown notes to the notes folder (e)", "export"),
        ("Export notes of this article", "Only the open article's notes", "export_article"),
        ("Sort articles: next order", "title → date → recently opened (s)", "sort"),
        ("Toggle article list", "Show or hide the article list (ctrl+b)", "toggle_list"),
        ("Filter articles", "Type to filter the article list (ctrl+f)", "filter"),
        ("Toggle highlights pane", "Show or hide the highlights pane (ctrl+n)", "toggle_notes"),
        ("Highlights: article / library by tag", "Switch the highlights pane mode (m)", "toggle_notes_mode"),
        ("Highlights: filter the library by tag", "Choose a tag (f in the highlights pane)", "filter_tag"),
        ("Start/stop selection", "Keyboard selection in the reader (v)", "toggle_select"),
        ("Import…", "Import files or folders into the workspace", "import"),
        ("Reload library", "Re-read the seeds folder", "reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.article = None
        self.narrow = False
        self.repair_id: str | None = None  # the ⚠ highlight last picked in the pane (for `a`)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield ArticleList(id="list-pane")
            yield Reader(id="reader")
            yield AnnotationPane(id="notes-pane")
        yield Footer()

    def notify(self, message: str, *, markup: bool = False, **kwargs) -> None:
        self.app.notify(message, markup=markup, **kwargs)  # user text is never markup

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
        self.article_list.set_sort(self.app.state.sort)
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
            self.reader.clear_article()
            self.notify("No articles yet: put .txt/.md/.html/.pdf/.epub files in seeds/ or use Import… (ctrl+p)")

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
        if self.article is not None:
            mine = app.guard("reading highlights", app.store.all, article=self.article.id)
            if mine is not FAILED:
                self.reader.set_spans([Span(a.id, a.start, a.end, a.color) for a in mine
                                       if a.status in ("anchored", "moved")])
                self.article_list.set_count(self.article.id, len(mine))
                if self.notes.mode == "article":
                    self.notes.show(mine, keep=keep or self.reader.current)
        if self.notes.mode == "library":
            self._show_library_notes(keep)

    def refresh_from_store(self) -> None:
        """Counts in the list and both panes, re-read (after changes by another process)."""
        found = self.app.guard("reading highlights", self.app.store.all)
        if found is not FAILED:
            self.article_list.set_articles(self.article_list.articles, Counter(a.article for a in found),
                                           self.app.state.opened)
            self.refresh_annotations()

    def _show_library_notes(self, keep: str | None = None) -> None:
        app = self.app
        select = self.notes.query_one("#tag-filter")
        tag = None if select.is_blank() else str(select.value)
        found = app.guard("reading highlights", app.store.all, tag=tag)
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
                self.notify(f"This highlight is {ann.status.replace('_', ' ')}: the article changed and its quote "
                            "was not found again. Select its passage in the reader and press a to re-attach it.",
                            severity="warning")

    @on(AnnotationPane.TagChosen)
    def _tag_chosen(self, _event: AnnotationPane.TagChosen) -> None:
        self._show_library_notes()

    # -- search, sort, panes --------------------------------------------------------------

    def action_search(self) -> None:
        from workbench.tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(article=self.article), self._search_done)

    def _search_done(self, hit) -> None:
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
        self.notes.display = True
        self.refresh_annotations()

    def action_filter_tag(self) -> None:
        self.notes.display = True
        self.notes.options.action_filter_tag()

    def panes(self) -> list[tuple]:
        """(pane, widget to focus) for each visible pane, left to right."""
        pairs = [(self.article_list, self.article_list.options), (self.reader, self.reader),
                 (self.notes, self.notes.options)]
        return [(pane, target) for pane, target in pairs if pane.display]

    def action_pane(self, step: int) -> None:
        panes = self.panes()
        focused = self.focused
        chain = focused.ancestors_with_self if focused is not None else []
        index = next((i for i, (pane, _t) in enumerate(panes) if pane in chain), -1)
        if panes:
            self.set_focus(panes[(index + step) % len(panes)][1])

    def action_filter(self) -> None:
        """ctrl+f: to the list's filter box from anywhere (also for a filter starting with q or s)."""
        self.article_list.display = True
        if self.narrow:
            self.notes.display = False
        self.set_focus(self.article_list.filter_input)

    def action_toggle_list(self) -> None:
        self._toggle(self.article_list, self.notes)

    def action_toggle_notes(self) -> None:
        self._toggle(self.notes, self.article_list)

    def _toggle(self, pane, other) -> None:
        pane.display = not pane.display
        if pane.display and self.narrow:
            other.display = False
        if pane.display:
            self.set_focus(pane.options if hasattr(pane, "options") else pane)
        elif self.focused is None or not self.focused.display or pane in self.focused.ancestors:
            self.set_focus(self.reader)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width >= WIDE, "wide")
        narrow = event.size.width < NARROW
        if narrow != self.narrow:
            self.narrow = narrow
            self.set_class(narrow, "narrow")
            self.notes.display = not narrow
            self.article_list.display = True
