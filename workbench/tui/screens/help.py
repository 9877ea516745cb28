"""`?`: every key on one screen (the footer only has room for a few), from the one key table."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from workbench.tui.keys import help_sections

class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss(None)", "Close")]

    def compose(self) -> ComposeResult:
        table = Table(show_header=False, box=None, padding=(0, 2, 0, 0), expand=True)
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column(ratio=1)  # the text takes the width; keys keep theirs
        for section, rows in help_sections():
            table.add_row(Text(section, style="bold underline"), "")
            for key, text in rows:
                table.add_row(Text(key), Text(text.replace("`", "")))
            table.add_row("", "")
        with VerticalScroll(id="help-box", classes="dialog"):
            yield Static(table)
        yield Footer()  # this screen's keys (the main footer is underneath)

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "Keys (Esc to close)"
