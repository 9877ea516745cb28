"""The search modal: results update as you type (debounced; computed in a thread worker).

The index is opened by the app in a worker; until it is ready the modal says so and runs
the query as soon as it arrives. Enter dismisses with the chosen Hit.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Footer, Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from workbench.tui.app import FAILED

DEBOUNCE = 0.15
LIMIT = 30


class SearchScreen(ModalScreen):
    """`/`: fuzzy search across every article and note."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("down", "focus_results", "Results", show=False),
        Binding("ctrl+t", "toggle_scope", "All / this article"),
    ]

    def __init__(self, query: str = "", article=None) -> None:
        super().__init__()
        self.initial = query
        self.article = article  # the open article: ctrl+t limits the search to it
        self.only_article = False
        self.hits: list = []
        self._timer: Timer | None = None
        self._pending = False  # a search is running or waiting for the index
        self._open_when_ready = False  # Enter was pressed before the results arrived

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(value=self.initial, placeholder="Search quotes and notes…", id="search-input")
            yield Label("Type to search.", id="search-status")
            yield OptionList(id="search-results")
        yield Footer()  # this screen's keys (the main footer is underneath)

    def on_mount(self) -> None:
        self._update_title()
        if self.initial:
            self.run_search()

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
        query = self.query_one("#search-input", Input).value.strip()
        if not query:
            self._show([], "Type to search.")
            return
        self._pending = True
        if self.app.search_index is None:
            self._status("Indexing the library… results appear when ready.")
            self.app.when_index_ready(self.run_search)
            return
        self._status("Searching…")
        notes = self.app.guard("reading notes", self.app.all_annotations)  # read here, not in the thread
        scope = self.article.id if self.only_article and self.article else None
        self._search(query, [] if notes is FAILED else notes, scope)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str, notes: list, article: str | None) -> None:
        worker = get_current_worker()
        try:
            hits = self.app.search_index.search(query, limit=LIMIT, annotations=notes, article=article,
                                                cancelled=lambda: worker.is_cancelled)
        except Exception as exc:  # noqa: BLE001 — a failed search is a message, not a crash
            message = getattr(exc, "message", None) or f"search failed: {exc}"
            self.app.call_from_thread(self._show, [], message)
            return
        if not worker.is_cancelled:
            status = f"{len(hits)} result{'s' if len(hits) != 1 else ''}" if hits else "No matches."
            self.app.call_from_thread(self._show, hits, status)

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Label).update(Content(text))

    def _show(self, hits: list, status: str) -> None:
        if not self.is_attached:
            return
        self.hits = hits
        self._pending = False
        self._status(status)
        results = self.query_one("#search-results", OptionList)
        results.set_options(Option(self._prompt(h), id=str(i)) for i, h in enumerate(hits))
        if hits:
            results.highlighted = 0
            if self._open_when_ready:
                self.dismiss(hits[0])
        self._open_when_ready = False

    @staticmethod
    def _prompt(hit) -> Text:
        head = Text.assemble((hit.title, "bold"), (f"  {hit.score:.0f}", "dim"))
        if hit.kind == "note":
            head.append("  note", style="magenta")
        context = " ".join(hit.context.split())
        body = Text(context[:300], style="dim")
        matched = " ".join(hit.text.split())
        at = context.find(matched) if matched else -1
        if at >= 0 and at < 300:
            body.stylize("bold not dim yellow", at, min(300, at + len(matched)))
        return Text.assemble(head, "\n", body, "\n")

    def action_focus_results(self) -> None:
        self.query_one("#search-results").focus()

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if self._timer is not None or self._pending:
            self._open_when_ready = True  # open the best hit as soon as it arrives
        elif self.hits:
            self.dismiss(self.hits[results.highlighted or 0])

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[int(event.option.id)])
