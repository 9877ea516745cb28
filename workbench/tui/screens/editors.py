"""Small modal editors: tags (with autocomplete from existing tags), note, and a path prompt."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from workbench.errors import UsageError
from workbench.store.model import normalize_tags
from workbench.tui.textual_compat import input_suggestion
from workbench.tui.widgets.footer import FittingFooter


class LastTagSuggester(Suggester):
    """Completes the tag being typed (after the last comma) from the store's tags."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        head, sep, last = value.rpartition(",")
        word = last.lstrip()
        lead = last[: len(last) - len(word)]
        if not word:
            return None
        taken = {t.strip().lstrip("#") for t in head.split(",")}
        for tag in self.tags:
            if tag.startswith(word.lower()) and tag != word and tag not in taken:
                return f"{head}{sep}{lead}{word}{tag[len(word):]}"
        return None


def split_tags(value: str) -> list[str]:
    return [t.strip() for t in value.split(",") if t.strip()]


class TagEditor(ModalScreen):
    """Edit the tags of one highlight; dismisses with the new list, or None on Esc.

    The tag being typed is completed inline (→/tab) and the matching existing tags are
    listed below: ↓ to reach them, Enter or a click to take one.
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, current: list[str], known: list[tuple[str, int]]) -> None:
        super().__init__()
        self.current = current
        self.counts = dict(known)
        self.known = [tag for tag, _ in known]

    def compose(self) -> ComposeResult:
        with Vertical(id="tag-box", classes="dialog"):
            yield Input(", ".join(self.current), placeholder="tag, another/tag", id="tag-input",
                        suggester=LastTagSuggester(self.known), select_on_focus=False)
            yield OptionList(id="tag-known")
            yield Label("Enter: save · →/Tab: complete · ↓: existing tags · Esc: cancel", classes="hint")
        yield FittingFooter()  # this screen's keys (the main footer is underneath)

    def on_mount(self) -> None:
        self.query_one("#tag-box").border_title = "Tags (comma-separated)"
        self._show_known("")

    @property
    def box(self) -> Input:
        return self.query_one("#tag-input", Input)

    @on(Input.Changed, "#tag-input")
    def _changed(self, event: Input.Changed) -> None:
        self._show_known(event.value.rpartition(",")[2].strip().lstrip("#").lower())

    def _show_known(self, typed: str) -> None:
        taken = set(split_tags(self.box.value)) - {typed}
        matches = [t for t in self.known if typed in t and t not in taken]
        known = self.query_one("#tag-known", OptionList)
        known.set_options(Option(Text(f"{t}  ({self.counts.get(t, 0)})"), id=t) for t in matches)
        known.display = bool(matches)

    def on_key(self, event) -> None:
        box = self.box
        if box.has_focus and event.key == "tab" and input_suggestion(box):
            event.stop()
            event.prevent_default()
            box.action_cursor_right()  # accepts the suggestion
        elif box.has_focus and event.key == "down" and self.query_one("#tag-known").display:
            event.stop()
            known = self.query_one("#tag-known", OptionList)
            self.set_focus(known)
            known.highlighted = 0

    @on(OptionList.OptionSelected, "#tag-known")
    def _take(self, event: OptionList.OptionSelected) -> None:
        """Replace the tag being typed with the chosen one and go on typing."""
        head, sep, _last = self.box.value.rpartition(",")
        self.box.value = f"{head}{sep}{' ' if sep else ''}{event.option.id}, "
        self.box.cursor_position = len(self.box.value)
        self.set_focus(self.box)

    @on(Input.Submitted, "#tag-input")
    def _submitted(self, event: Input.Submitted) -> None:
        """A tag the store would refuse is said here, and the dialog stays with the typing."""
        tags = split_tags(event.value)
        try:
            normalize_tags(tags)
        except UsageError as exc:
            self.app.notify(exc.message, title="Tags not saved", severity="error")  # (plain text: "[tag]" shows)
            return
        self.dismiss(tags)


class NoteDraft:
    """What Esc returns when the note was changed but not saved: the typed text, kept."""

    def __init__(self, text: str) -> None:
        self.text = text


class NoteEditor(ModalScreen):
    """A multi-line Markdown note; ctrl+s saves, Esc closes and keeps an unsaved draft."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True), Binding("escape", "close", "Close (keeps a draft)")]

    def __init__(self, note: str, quote: str, draft: str | None = None) -> None:
        super().__init__()
        self.note = note
        self.quote = quote
        self.draft = draft

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box", classes="dialog"):
            yield Label(Content(self.quote), id="note-quote")
            yield TextArea(self.draft if self.draft is not None else self.note, id="note-input", soft_wrap=True,
                           show_line_numbers=False, tab_behavior="focus")
            hint = "ctrl+s: save · Esc: close (an unsaved draft is kept)"
            if self.draft is not None:
                hint = "Your unsaved draft is back. " + hint
            yield Label(hint, classes="hint")
        yield FittingFooter()  # this screen's keys (the main footer is underneath)

    def on_mount(self) -> None:
        self.query_one("#note-box").border_title = "Note"
        area = self.query_one("#note-input", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one("#note-input", TextArea).text)

    def action_close(self) -> None:
        text = self.query_one("#note-input", TextArea).text
        self.dismiss(NoteDraft(text) if text != self.note else None)


class PathPrompt(ModalScreen):
    """Asks for one or more paths (space-separated) — used by Import…"""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, placeholder: str = "path/to/file.html") -> None:
        super().__init__()
        self.title_text = title
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="path-box", classes="dialog"):
            yield Input(placeholder=self.placeholder, id="path-input")
            yield Label("Enter: import · Esc: cancel", classes="hint")
        yield FittingFooter()  # this screen's keys (the main footer is underneath)

    def on_mount(self) -> None:
        self.query_one("#path-box").border_title = self.title_text

    @on(Input.Submitted, "#path-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.split() or None)
