"""A modal list of results under a status line — Check draft and Echoes share this layout.

Ids follow `box_name` (`#check-box`, `#check-status`, `#check-list`) so the stylesheet and
tests address each screen's parts; a subclass says what it waits for and what its border says.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList

from workbench.tui.widgets.footer import FittingFooter


class ResultsScreen(ModalScreen):
    box_name = ""  # "check" → #check-box, #check-status, #check-list
    waiting = ""  # the status line until the results arrive

    def box_title(self) -> str:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        box = Vertical(id=f"{self.box_name}-box")
        box.border_title = Content(self.box_title())
        with box:
            yield Label(self.waiting, id=f"{self.box_name}-status")
            yield OptionList(id=f"{self.box_name}-list")
        yield FittingFooter()
