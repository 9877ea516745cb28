"""Check draft…: choose a draft (path input with completion), then see each quotation's verdict.

The checking is the core's (`workbench.quotecheck.check_draft` on the app's search index),
run in a thread worker. Enter on a quotation dismisses with (article id, start, end) of
its source passage; `r` reads the draft again and re-checks (after you edited it).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from workbench.textnorm import strip_control
from workbench.tui.screens.results import ResultsScreen
from workbench.tui.messages import IndexReady
from workbench.tui.screens.echoes import preview
from workbench.tui.widgets.footer import FittingFooter

if TYPE_CHECKING:
    from workbench.search import SearchIndex
    from workbench.tui.app import WorkbenchApp  # for the type checker only: the app imports this module

MAX_ENTRIES = 2000  # a huge folder is listed only this far while completing
DRAFT_SUFFIXES = (".md", ".markdown", ".txt", ".text")


def complete_path(value: str, base: Path) -> str | None:
    """`value` completed to the first folder or draft file whose name continues it."""
    if not value:
        return None
    typed = Path(os.path.expanduser(value))
    folder, stem = (typed, "") if value.endswith(("/", os.sep)) else (typed.parent, typed.name)
    where = folder if folder.is_absolute() else base / folder
    try:
        with os.scandir(where) as entries:
            names = []
            for n, entry in enumerate(entries):
                if n >= MAX_ENTRIES:
                    break
                if entry.name.startswith(stem) and (stem.startswith(".") or not entry.name.startswith(".")):
                    names.append((not entry.is_dir(), entry.name, entry.is_dir()))
    except OSError:
        return None
    for is_file, name, is_dir in sorted(names):
        if is_file and not name.lower().endswith(DRAFT_SUFFIXES):
            continue
        if name == stem and not is_dir:
            continue
        return value + name[len(stem):] + ("/" if is_dir else "")
    return None


class PathSuggester(Suggester):
    def __init__(self, base: Path) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.base = base

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value, self.base)


class DraftPrompt(ModalScreen):
    """Asks for the draft's path; → or tab takes the completion; Enter checks."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel"),
                Binding("tab", "complete", "Complete", priority=True)]

    def __init__(self, base: Path | None = None, value: str = "") -> None:
        super().__init__()
        self.base = base or Path.cwd()
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="draft-box", classes="dialog"):
            yield Input(self.value, placeholder="path/to/draft.md", id="draft-input",
                        suggester=PathSuggester(self.base))
            yield Label("→/tab: complete · Enter: check · Esc: cancel", classes="hint")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.query_one("#draft-box").border_title = "Check the quotations of a draft"

    def action_complete(self) -> None:
        box = self.query_one("#draft-input", Input)
        box.cursor_position = len(box.value)
        box.action_cursor_right()  # at the end: takes the suggestion

    @on(Input.Submitted, "#draft-input")
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if value:
            path = Path(os.path.expanduser(value))
            self.dismiss(path if path.is_absolute() else self.base / path)


MARKS = {"exact": ("✓ exact", "green"), "close": ("≈ close", "yellow"), "missing": ("✗ not found", "red")}


class CheckScreen(ResultsScreen):
    """Each quotation of the draft with its verdict; Enter opens the source; r re-checks."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Close"), Binding("r", "recheck", "Re-check")]
    app: WorkbenchApp

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.checks: list = []

    box_name = "check"
    waiting = "Reading the draft…"

    def box_title(self) -> str:
        return f"Quotations in {strip_control(str(self.path))} (Enter: open the source · r: re-check · Esc)"

    def on_mount(self) -> None:
        self.action_recheck()

    def action_recheck(self) -> None:
        if self.app.search_index is None:  # IndexReady starts the check when the index arrives
            self._status("Waiting for the search index…")
        else:
            self._start(self.app.search_index)

    def on_index_ready(self, event: IndexReady) -> None:
        self._start(event.index)

    def _start(self, index: SearchIndex) -> None:
        if self.is_attached:
            self._status("Checking…")
            self._check(index)

    @work(thread=True, exclusive=True, group="check-draft", exit_on_error=False)
    def _check(self, index: SearchIndex) -> None:
        from workbench.library.sources import SourceError, load_source
        from workbench.quotecheck import check_draft

        try:
            draft = load_source(self.path).text
            checks = check_draft(draft, index)
        except SourceError as exc:
            self.app.call_from_thread(self._failed, exc.message)
            return
        except Exception as exc:  # noqa: BLE001 — reported on this screen, the app keeps running
            self.app.call_from_thread(self._failed, f"checking failed: {type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self._show, checks)

    def _status(self, text: str) -> None:
        if self.is_attached:
            self.query_one("#check-status", Label).update(Content(text))

    def _failed(self, message: str) -> None:
        self._status(message)
        self.app.notify(message, title="Check draft", severity="error")

    def _show(self, checks: list) -> None:
        if not self.is_attached:
            return
        self.checks = checks
        results = self.query_one("#check-list", OptionList)
        keep = results.highlighted
        results.set_options(Option(self._row(c), id=str(i)) for i, c in enumerate(checks))
        if checks:
            results.highlighted = min(keep or 0, len(checks) - 1)
            results.focus()
        counts = {s: sum(c.status == s for c in checks) for s in MARKS}
        self._status(f"{len(checks)} quotation{'s' * (len(checks) != 1)}: {counts['exact']} exact, "
                     f"{counts['close']} close, {counts['missing']} not found" if checks
                     else "No quotations found in the draft (blockquotes, or 5+ words in quotes).")

    @staticmethod
    def _row(check) -> Text:
        mark, colour = MARKS[check.status]
        row = Text.assemble((f"line {check.line}  ", "dim"), (mark, f"bold {colour}"), "  ",
                            (preview(strip_control(check.quote), 200), "italic"))
        if check.title:
            row.append("\n    " + preview(strip_control(check.title), 100), style="cyan")
        if check.status == "close":
            row.append("\n    source: " + preview(strip_control(check.source_text or ""), 200), style="dim")
            for diff in check.differences[:4]:
                row.append("\n    - " + strip_control(diff), style="yellow")
        row.append("\n")
        return row

    @on(OptionList.OptionSelected, "#check-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        check = self.checks[int(event.option.id or 0)]
        if check.article is None:
            self.app.notify("This quotation was not found in any source.", severity="warning")
            return
        self.dismiss((check.article, check.start, check.end))
