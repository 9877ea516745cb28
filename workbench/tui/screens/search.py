"""The search modal: results update as you type (debounced; computed in a thread worker).

The index is opened by the app in a worker; until it is ready the modal says so and runs
the query when the app's `IndexReady` message arrives (a closed modal never gets it). The
worker is handed the index, the query and the notes as arguments: it reads no app state.
Enter dismisses with the chosen Hit. The last query comes back, selected, when `/` is
pressed again, and ↑/↓ in the box walk the history (kept in the TUI state file).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from workbench.tui.guard import FAILED, describe, internal_error, is_expected
from workbench.tui.messages import IndexReady
from workbench.tui.snippets import snippet
from workbench.tui.widgets.footer import FittingFooter

if TYPE_CHECKING:
    from workbench.library.model import Article
    from workbench.search import Hit
    from workbench.tui.app import WorkbenchApp  # for the type checker only: the app imports this module

DEBOUNCE = 0.15
LIMIT = 30


class SearchScreen(ModalScreen):
    """`/`: fuzzy search across every article and note."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("ctrl+t", "toggle_scope", "All / this article"),
    ]
    app: WorkbenchApp

    def __init__(self, query: str = "", article: Article | None = None, history: list[str] | None = None) -> None:
        super().__init__()
        self.history = list(history or [])  # earlier queries, newest last (↑/↓ in the box)
        self.initial = query or (self.history[-1] if self.history else "")
        self._recall: int | None = None  # position in history while ↑/↓ browse it
        self.article = article  # the open article: ctrl+t limits the search to it
        self.only_article = False
        self.hits: list = []
        self._timer: Timer | None = None
        self._pending = False  # a search is running or waiting for the index
        self._open_when_ready = False  # Enter was pressed before the results arrived
        self._asked = 0  # number of the latest search asked for: older results are stale

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(value=self.initial, placeholder="Search quotes and notes…", id="search-input")
            yield Label("Type to search.", id="search-status")
            yield OptionList(id="search-results")
        yield FittingFooter()  # this screen's keys (the main footer is underneath)

    def on_mount(self) -> None:
        self._update_title()
        if self.initial:  # the last query, selected: typing replaces it, Enter runs it again
            self.run_search()
        else:
            self._status("Type to search." + (" ↑ recalls earlier searches." if self.history else ""))

    @property
    def query_text(self) -> str:
        return self.query_one("#search-input", Input).value.strip()

    def action_close(self) -> None:
        self._done(None)

    def _done(self, hit: Hit | None) -> None:
        """Close with `hit` (or None); the query joins the history either way."""
        query = self.query_text
        if query:
            self.app.state.remember_search(query)
            self.app.guard("saving the search history", self.app.state.save)
        self.dismiss(hit)

    def on_key(self, event) -> None:
        """In the search box ↑/↓ walk through earlier queries; ↓ past the newest goes to the results."""
        box = self.query_one("#search-input", Input)
        if not box.has_focus or event.key not in ("up", "down"):
            return
        event.stop()
        event.prevent_default()
        if event.key == "up" and self.history:
            self._recall = len(self.history) - 1 if self._recall is None else max(0, self._recall - 1)
        elif event.key == "down" and self._recall is not None and self._recall + 1 < len(self.history):
            self._recall += 1
        else:
            self._recall = None
            self.action_focus_results()
            return
        box.value = self.history[self._recall]
        box.cursor_position = len(box.value)

    def _update_title(self) -> None:
        scope = f"in “{self.article.title}”" if self.only_article and self.article else "all articles and notes"
        self.query_one("#search-box").border_title = Content(f"Search {scope} (Enter: open · Esc: close)")

    def action_toggle_scope(self) -> None:
        if self.article is None:
            return
        self.only_article = not self.only_article
        self._update_title()
        self.run_search()

    @on(Input.Changed, "#search-input")
    def _changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.run_search)

    def run_search(self) -> None:
        self._timer = None
        query = self.query_text
        if not query:
            self._asked += 1  # what is still running answers an older query
            self._show([], "Type to search.")
            return
        self._pending = True
        index = self.app.search_index
        if index is None:  # IndexReady runs the search when the index arrives
            self._status("Indexing the library… results appear when ready.")
            return
        self._status("Searching…")
        notes = self.app.guard("reading notes", self.app.all_annotations)  # read here, not in the thread
        scope = self.article.id if self.only_article and self.article else None
        self._asked += 1
        self._search(index, query, [] if notes is FAILED else notes, scope, self._asked)

    def on_index_ready(self, _event: IndexReady) -> None:
        if self._pending and self._timer is None:
            self.run_search()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, index, query: str, notes: list, article: str | None, asked: int) -> None:
        """Runs in a thread on what it was given: the index object, the query, the notes."""
        worker = get_current_worker()
        try:
            hits = index.search(query, limit=LIMIT, annotations=notes, article=article,
                                cancelled=lambda: worker.is_cancelled)
        except Exception as exc:  # noqa: BLE001 — a failed search is a message, not a crash
            self.app.call_from_thread(self._failed, exc, asked)
            return
        if not worker.is_cancelled:
            status = f"{len(hits)} result{'s' if len(hits) != 1 else ''}" if hits else "No matches."
            self.app.call_from_thread(self._show, hits, status, asked)

    def _failed(self, exc: BaseException, asked: int) -> None:
        self._show([], describe("searching", exc), asked)
        if not is_expected(exc):
            internal_error("searching", exc)

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Label).update(Content(text))

    def _show(self, hits: list, status: str, asked: int | None = None) -> None:
        """Show results; those of a search older than the latest asked for are dropped (a
        worker cancelled too late still delivers, and its hits must not be opened by Enter)."""
        if not self.is_attached or (asked is not None and asked != self._asked):
            return
        self.hits = hits
        self._pending = False
        self._status(status)
        results = self.query_one("#search-results", OptionList)
        results.set_options(Option(self._prompt(h), id=str(i)) for i, h in enumerate(hits))
        if hits:
            results.highlighted = 0
            if self._open_when_ready:
                self._done(hits[0])
        self._open_when_ready = False

    def _prompt(self, hit: Hit) -> Text:
        """Title and score; then the snippet centred on the match (a note: the note, then its passage)."""
        head = Text.assemble((hit.title, "bold"), (f"  {hit.score:.0f}", "dim"))
        width = max(40, self.query_one("#search-results").scrollable_content_region.width - 4)
        query = self.query_text
        article = self._article(hit.article)
        if hit.kind == "note":
            head.append("  note", style="magenta")
            note = hit.context or hit.text
            at = note.find(hit.text) if hit.text else -1
            body = snippet(note, at, at + len(hit.text), width, query) if at >= 0 else Text(note[:width * 2])
            body = Text.assemble(("✎ ", "magenta"), body)
            if article is not None and 0 <= hit.start < hit.end <= len(article.text):
                quote = " ".join(article.text[hit.start:hit.end].split())
                quote = quote if len(quote) <= 2 * width else quote[: 2 * width - 1] + "…"
                body.append_text(Text.assemble("\n", ("▌", "yellow"), (quote, "italic dim")))
        elif article is not None:
            body = snippet(article.text, hit.start, hit.end, width, query)
        else:
            body = snippet(hit.context, hit.start - hit.context_start, hit.end - hit.context_start, width, query)
        return Text.assemble(head, "\n", body, "\n")

    def _article(self, article_id: str):
        loaded = self.app.library.load() if getattr(self.app, "loaded", False) else {}
        return loaded.get(article_id)

    def action_focus_results(self) -> None:
        self.query_one("#search-results").focus()

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if self._timer is not None or self._pending:
            self._open_when_ready = True  # open the best hit as soon as it arrives
        elif self.hits:
            self._done(self.hits[results.highlighted or 0])
        elif self.query_text and not self._pending:
            self.run_search()

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id
        if option_id is not None:  # every row has one: its index in self.hits
            self._done(self.hits[int(option_id)])
