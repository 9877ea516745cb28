"""`?`: every key on one screen (the footer only has room for a few), from the one key table."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from workbench.tui.keys import help_sections
from workbench.tui.widgets.footer import FittingFooter

class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss(None)", "Close")]

    def compose(self) -> ComposeResult:
        sections = help_sections()
        key_width = max(len(key) for _title, rows in sections for key, _text in rows)
        tables = []
        for section, rows in sections:  # one table per section: titles do not widen the key column
            table = Table(show_header=False, box=None, padding=(0, 2, 0, 0), expand=True,
                          title=Text(section, style="bold underline"), title_justify="left")
            table.add_column(style="bold cyan", no_wrap=True, width=key_width)
            table.add_column(ratio=1)  # the text takes the rest of the width
            for key, text in rows:
                table.add_row(Text(key), Text(text.replace("`", "")))
            tables.append(table)
        with VerticalScroll(id="help-box", classes="dialog"):
            yield Static(Group(*tables))
        yield FittingFooter()  # this screen's keys (the main footer is underneath)

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "Keys (Esc to close)"
