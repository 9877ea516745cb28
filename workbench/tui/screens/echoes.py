"""The Echoes view: passages the open article shares with others, or every echo group.

Echo groups come from the core (`workbench.echoes`, computed by the app in a worker);
this screen only lists them. In "article" mode each group shows the passage and one row
per other article ("also in: <title>"); in "library" mode one row per member. Enter on a
row dismisses with (article id, start, end) and the main screen opens it there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workbench.tui.screens.results import ResultsScreen
from workbench.tui.messages import EchoesReady

if TYPE_CHECKING:
    from workbench.library.model import Article
    from workbench.tui.app import WorkbenchApp  # for the type checker only: the app imports this module

PREVIEW = 240


def preview(text: str, limit: int = PREVIEW) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class EchoesScreen(ResultsScreen):
    """Echo groups; Enter jumps to the chosen member. `article` set: only that article's."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]
    app: WorkbenchApp

    def __init__(self, article: Article | None = None) -> None:
        super().__init__()
        self.article = article  # None: every group of the library
        self.targets: dict[str, tuple[str, int, int]] = {}

    box_name = "echoes"
    waiting = "Finding echoes…"

    def box_title(self) -> str:
        where = f"in “{self.article.title}”" if self.article is not None else "in the library"
        return f"Echoes {where} (Enter: open · Esc: close)"

    def on_mount(self) -> None:
        if self.app.echoes is not None:
            self.show_groups()

    def on_echoes_ready(self, _event: EchoesReady) -> None:
        self.show_groups()

    def show_groups(self) -> None:
        if not self.is_attached:
            return
        groups = self.app.echoes or []
        if self.article is not None:
            groups = [g for g in groups if any(m.article == self.article.id for m in g.members)]
        options: list[Option | None] = []  # None: a separator
        self.targets.clear()
        for number, group in enumerate(groups):
            head = Text.assemble((f"{len(group.members)} articles · {group.words} words\n", "dim"),
                                 (preview(group.text), "italic"))
            options.append(Option(head, id=f"g{number}", disabled=True))
            for member in group.members:
                if self.article is not None and member.article == self.article.id:
                    continue
                label = "also in: " if self.article is not None else "in: "
                row = Text.assemble(("  " + label, "dim"), (member.title, "bold cyan"))
                key = f"g{number}-{member.article}"
                self.targets[key] = (member.article, member.start, member.end)
                options.append(Option(row, id=key))
            options.append(None)  # a separator between groups
        results = self.query_one("#echoes-list", OptionList)
        results.set_options(options[:-1] if options else [])
        if self.targets:
            results.highlighted = next(i for i, o in enumerate(results.options) if not o.disabled)
            results.focus()
        count = len(groups)
        if count:
            status = f"{count} echo group{'s' * (count != 1)}"
        elif self.article is not None:
            status = "This article shares no passage with another article."
        else:
            status = "No passage appears in two different articles."
        self.query_one("#echoes-status", Label).update(Content(status))

    @on(OptionList.OptionSelected, "#echoes-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        target = self.targets.get(event.option.id or "")
        if target is not None:
            self.dismiss(target)
