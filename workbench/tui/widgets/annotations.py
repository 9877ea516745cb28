"""The annotation pane: highlights of the open article, or of the whole library by tag.

It only displays what the screen hands it (Annotation records from the store) and says
which one the user picked; the screen does the store calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Select, Static
from textual.widgets.option_list import Option

from workbench.tui.keys import bindings
from workbench.tui.widgets.reader import HIGHLIGHT_COLORS

if TYPE_CHECKING:
    from workbench.tui.screens.main import MainScreen  # for the type checker only: it imports this module

ALL_TAGS = "__all__"
QUOTE_CHARS = 90


def trim(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class AnnotationOptions(OptionList):
    BINDINGS = [*bindings("highlight"), *bindings("pane")]

    def action_filter_tag(self) -> None:
        """Open the tag chooser (library mode; switches to it first)."""
        pane = cast(AnnotationPane, self.parent)
        if pane.mode != "library":
            cast("MainScreen", self.screen).action_toggle_notes_mode()
        select = pane.query_one(Select)
        self.screen.set_focus(select)
        select.expanded = True


class AnnotationPane(Vertical):
    """Lists highlights; `Picked` when one is highlighted (scroll) or chosen (focus reader)."""

    class Picked(Message):
        def __init__(self, annotation, chosen: bool) -> None:
            super().__init__()
            self.annotation = annotation
            self.chosen = chosen

    class TagChosen(Message):
        def __init__(self, tag: str | None) -> None:
            super().__init__()
            self.tag = tag

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.mode = "article"
        self.annotations: list = []
        self.titles: dict[str, str] = {}
        self.tag: str | None = None  # the library mode's tag, kept across `m`

    def compose(self) -> ComposeResult:
        yield Select([], prompt="All tags", id="tag-filter", allow_blank=True)
        yield Static("", id="notes-empty")
        yield AnnotationOptions(id="annotations")

    def on_mount(self) -> None:
        self.query_one("#tag-filter").display = False
        self._update_title()

    @property
    def options(self) -> AnnotationOptions:
        return self.query_one(AnnotationOptions)

    @property
    def selected(self):
        option = self.options.highlighted_option
        if option is None:
            return None
        return next((a for a in self.annotations if a.id == option.id), None)

    def set_mode(self, mode: str, tags: Sequence[tuple[str, int]] = ()) -> None:
        self.mode = mode
        select = self.query_one("#tag-filter", Select)
        select.display = mode == "library"
        if mode == "library":
            choices = tag_choices(tags)
            with self.prevent(Select.Changed):
                select.set_options((Text(label), tag) for label, tag in choices)  # not markup
                if self.tag in {tag for _label, tag in choices}:
                    select.value = self.tag
                else:
                    self.tag = None
        self._update_title()

    def _update_title(self) -> None:
        if self.mode == "library":
            self.border_title = f"Library highlights ({len(self.annotations)})"
        else:
            self.border_title = f"Highlights ({len(self.annotations)})"
        self.border_subtitle = "m: article/library"

    def show(self, annotations: list, titles: dict[str, str] | None = None, keep: str | None = None) -> None:
        """Replace the list; keep the highlighted row on `keep` (an annotation id) if given."""
        options = self.options
        keep = keep or (options.highlighted_option.id if options.highlighted_option else None)
        self.annotations = list(annotations)
        self.titles = titles or {}
        ids = [a.id for a in self.annotations]
        with self.prevent(OptionList.OptionHighlighted):  # a refresh is not a user's pick
            options.set_options(Option(self._prompt(a), id=a.id) for a in self.annotations)
            if ids:
                options.highlighted = ids.index(keep) if keep in ids else 0
        empty = self.query_one("#notes-empty", Static)
        empty.display = not ids
        if not ids:
            if self.mode == "library":
                empty.update(Text(f"No highlights tagged #{self.tag} (or below it)." if self.tag else
                                  "No highlights in the library yet."))
            else:
                empty.update(Text("No highlights in this article yet.\n\nSelect a passage in the reader "
                                  "(v then arrows, shift+arrows or drag) and press h."))
        self._update_title()

    def mark(self, annotation_id: str | None) -> None:
        """Follow the reader's cursor without sending Picked back."""
        ids = [a.id for a in self.annotations]
        if annotation_id in ids:
            with self.prevent(OptionList.OptionHighlighted):
                self.options.highlighted = ids.index(annotation_id)

    def _prompt(self, annotation) -> Text:
        bar = Text("▌", style=HIGHLIGHT_COLORS.get(annotation.color, "yellow"))
        text = Text.assemble(bar, Text(trim(annotation.quote), style="italic"))
        if self.mode == "library":
            width = max(10, self.options.scrollable_content_region.width - 3)
            text.append("\n  " + trim(self.titles.get(annotation.article, annotation.article), width), style="dim cyan")
        if annotation.tags:
            text.append("\n  " + " ".join(f"#{t}" for t in annotation.tags), style="green")
        if annotation.note:
            text.append("\n  " + trim(annotation.note, 140), style="dim")
        if getattr(annotation, "status", "anchored") not in ("anchored", "moved"):
            text.append(f"\n  ⚠ {annotation.status.replace('_', ' ')}", style="red")
        text.append("\n")  # a blank line between highlights
        return text

    @on(OptionList.OptionHighlighted, "#annotations")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.selected is not None:
            self.post_message(self.Picked(self.selected, chosen=False))

    @on(OptionList.OptionSelected, "#annotations")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.selected is not None:
            self.post_message(self.Picked(self.selected, chosen=True))

    @on(Select.Changed, "#tag-filter")
    def _tag_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = event.value
        self.tag = None if value is Select.NULL or value == ALL_TAGS else str(value)
        self.post_message(self.TagChosen(self.tag))


def tag_choices(tags: Sequence[tuple[str, int]]) -> list[tuple[str, str]]:
    """(label, tag) for the tag filter: every tag and every parent of one (`policy` lists
    `policy/*` too, as the store's tag filter matches children), with highlight counts."""
    counts: dict[str, int] = {}
    exact = dict(tags)
    for tag, count in tags:
        parts = tag.split("/")
        for depth in range(1, len(parts) + 1):
            name = "/".join(parts[:depth])
            counts[name] = counts.get(name, 0) + count
    out = []
    for name in sorted(counts):
        below = counts[name] - exact.get(name, 0)
        label = f"{name} ({counts[name]})" if not below else f"{name}/* ({counts[name]})"
        out.append((label, name))
    return out
