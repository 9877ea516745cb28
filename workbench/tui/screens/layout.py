"""Who gets the width: the reader first, side panes only where they leave it a good measure.

A mixin of MainScreen (which provides `article_list`, `reader`, `notes`, `article`).

The reader's text column is 66–88 characters and centred when the terminal is wider
(`#reader` has a max width in app.tcss). The side panes have modest fixed widths; both
are shown only when the reader still gets its minimum measure beside them, otherwise one
(the last one asked for; the list at start). An empty highlights pane in article mode
stays hidden unless asked for (`ctrl+n`). All of it is recomputed by `layout_panes` from
the width and the user's wishes, so shrinking and growing the terminal is reversible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.events import Resize
from textual.widgets import Static

from workbench.tui.widgets.footer import FittingFooter

if TYPE_CHECKING:  # what the mixin needs of MainScreen, for the type checker only
    from textual.screen import Screen

    from workbench.library.model import Article
    from workbench.tui.widgets.annotations import AnnotationPane
    from workbench.tui.widgets.article_list import ArticleList
    from workbench.tui.widgets.reader import Reader

    _ScreenBase = Screen[Any]
else:
    _ScreenBase = object

READER_CHROME = 6  # border 2 + padding 2×2 around the text column
MIN_MEASURE = 66
BOTH_PANES = 30 + 36 + MIN_MEASURE + READER_CHROME  # 138: below this, one side pane at a time
WIDE = 170  # from this width the side panes get roomier (classes in app.tcss)
NARROW = 100  # below this the side panes shrink and the reader's padding too


class PaneLayout(_ScreenBase):
    list_wanted = True
    notes_wanted = "auto"  # "auto": shown when it has something to show; "shown"; "hidden"
    last_asked = "list"  # the side pane kept when only one fits
    article: Article | None
    narrow: bool

    if TYPE_CHECKING:
        @property
        def reader(self) -> Reader: ...
        @property
        def notes(self) -> AnnotationPane: ...
        @property
        def article_list(self) -> ArticleList: ...

    def notes_have_content(self) -> bool:
        notes = self.notes
        return notes.mode == "library" or bool(notes.annotations) or notes.has_focus_within

    def layout_panes(self) -> None:
        width = self.size.width
        list_on = self.list_wanted
        notes_on = self.notes_wanted == "shown" or (self.notes_wanted == "auto" and self.notes_have_content())
        if list_on and notes_on and width < BOTH_PANES:
            if self.last_asked == "notes":
                list_on = False
            else:
                notes_on = False
        self.article_list.display = list_on
        self.notes.display = notes_on
        self.set_class(width >= WIDE, "wide")
        self.set_class(width < NARROW, "narrow")
        self.narrow = width < BOTH_PANES
        for footer in self.query(FittingFooter):  # less padding between keys, so more of them fit
            if footer.compact != (width < NARROW):
                footer.compact = width < NARROW
        focused = self.focused
        if focused is not None and not all(node.display for node in focused.ancestors_with_self
                                           if node is not self):
            self.set_focus(self.reader)

    def on_resize(self, _event: Resize) -> None:
        self.layout_panes()

    def action_toggle_list(self) -> None:
        self.list_wanted = not self.article_list.display
        if self.list_wanted:
            self.last_asked = "list"
        self.layout_panes()
        if self.article_list.display:
            self.set_focus(self.article_list.options)

    def action_toggle_notes(self) -> None:
        self.notes_wanted = "hidden" if self.notes.display else "shown"
        if self.notes_wanted == "shown":
            self.last_asked = "notes"
        self.layout_panes()
        if self.notes.display:
            self.set_focus(self.notes.options)

    def show_notes(self) -> None:
        """The highlights pane is needed now (m, f, the palette): show it, keep it shown."""
        self.notes_wanted = "shown"
        self.last_asked = "notes"
        self.layout_panes()

    def action_filter(self) -> None:
        """ctrl+f: to the list's filter box from anywhere."""
        self.list_wanted = True
        self.last_asked = "list"
        self.layout_panes()
        self.set_focus(self.article_list.filter_input)

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

    # -- what the cleaner removed ----------------------------------------------------------

    def action_toggle_removed(self) -> None:
        box = self.query_one("#removed")
        article = self.article
        if article is None:
            return
        if box.display:
            box.display = False
            self.notify("Removed text hidden.")
            return
        if not article.removed:
            self.notify("The cleaner removed nothing from this article.")
            return
        self.show_removed(article)
        box.display = True
        self.notify(f"Showing what the cleaner removed: {len(article.removed)} piece"
                    f"{'s' if len(article.removed) != 1 else ''} (greyed, below; x hides it).")

    def show_removed(self, article: Article) -> None:
        text = Text()
        for piece in article.removed:
            text.append(f"{piece.kind}: ", style="italic")
            text.append(" ".join(piece.text.split()) + "\n")
        box = self.query_one("#removed")
        box.border_title = "Removed by the cleaner (x hides)"
        box.query_one("#removed-text", Static).update(text)
