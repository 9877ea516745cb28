"""`?`: every key of the contract on one screen (the footer only has room for a few)."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

KEYS = [
    ("Anywhere", [
        ("/", "search quotes and notes across the library (ctrl+t: this article only)"),
        ("tab / shift+tab", "move between panes"),
        ("ctrl+b / ctrl+n", "show/hide the article list / the highlights pane"),
        ("ctrl+p", "command palette (every action)"),
        ("?", "this help"),
        ("q", "quit (when no text box has focus)"),
    ]),
    ("Reader and highlights pane", [
        ("e", "export notes to Markdown (notes/)"),
        ("u", "undo the last change to highlights"),
    ]),
    ("Article list", [
        ("type", "filter by title, author, outlet, date (letters filter here)"),
        ("ctrl+f", "to the filter box from anywhere (also for q…, s…)"),
        ("enter / click", "open the article"),
        ("s", "sort by title → date → recently opened"),
    ]),
    ("Reader", [
        ("v", "start/stop keyboard selection (arrows, w/b words, { } paragraphs)"),
        ("shift+arrows / drag", "select text"),
        ("h", "highlight the selection"),
        ("a", "re-attach the chosen highlight (⚠ in the pane, or at the cursor) to the selection"),
        ("t / n / c / d", "tags / note / colour / delete of the highlight at the cursor"),
        ("y", "copy its quote and the article title"),
        ("esc", "clear the selection"),
        ("space / shift+space, g / G", "page down / up, top / bottom"),
    ]),
    ("Highlights pane", [
        ("enter / click", "jump to the highlight in the reader"),
        ("t / n / c / d", "tags / note / colour / delete of the selected highlight"),
        ("m", "switch between this article and the whole library"),
        ("f", "library highlights filtered by a tag (choose it from a list)"),
    ]),
]


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss(None)", "Close")]

    def compose(self) -> ComposeResult:
        table = Table(show_header=False, box=None, padding=(0, 2, 0, 0), expand=True)
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for section, rows in KEYS:
            table.add_row(f"[b u]{section}[/]", "")
            for key, text in rows:
                table.add_row(key, text)
            table.add_row("", "")
        with VerticalScroll(id="help-box", classes="dialog"):
            yield Static(table)
        yield Footer()  # this screen's keys (the main footer is underneath)

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "Keys (Esc to close)"
