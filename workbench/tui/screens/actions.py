"""What the keys on highlights do: h a t n c d u y e, each one core call through `app.guard`.

A mixin of MainScreen (which provides `reader`, `notes`, `article`, `refresh_annotations`):
the screen's layout and loading live in main.py, the verbs on highlights live here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from workbench.tui.guard import FAILED

if TYPE_CHECKING:  # what the mixin needs of MainScreen and the app, for the type checker only
    from textual.screen import Screen

    from workbench.library.model import Article
    from workbench.store import Annotation
    from workbench.tui.app import WorkbenchApp
    from workbench.tui.widgets.annotations import AnnotationPane
    from workbench.tui.widgets.reader import Reader

    _ScreenBase = Screen[Any]
else:
    _ScreenBase = object

# `1a2b3c4d in 001_some-id: "quote"` — the store's label of a highlight, for the CLI
_LABEL = re.compile(r"\b[0-9a-f]{8} in (\S+): ")


class HighlightActions(_ScreenBase):
    app: WorkbenchApp
    article: Article | None
    repair_id: str | None
    note_drafts: dict[str, str]

    if TYPE_CHECKING:
        @property
        def reader(self) -> Reader: ...
        @property
        def notes(self) -> AnnotationPane: ...
        def refresh_annotations(self, keep: str | None = None) -> None: ...

    # -- the highlight under the cursor ---------------------------------------------------

    def target(self) -> Annotation | None:
        """The highlight an action applies to: the pane's selection if it has focus, else the cursor's."""
        store = self.app.require_store()
        if store is None:
            return None
        if self.notes.options.has_focus and self.notes.selected is not None:
            ann_id = self.notes.selected.id
        else:
            ann_id = self.reader.current
        if ann_id is None:
            self.notify("Put the cursor on a highlight first (or pick one in the highlights pane).",
                        severity="warning")
            return None
        found = self.app.guard("finding the highlight", store.get, ann_id)
        return None if found is FAILED else found

    def action_highlight(self) -> None:
        reader = self.reader
        span = reader.selection_offsets()
        store = self.app.require_store()
        if store is None or self.article is None:
            return
        if span is None:
            self.notify("Select text first: v then arrows, shift+arrows, or drag with the mouse.", severity="warning")
            return
        ann = self.app.guard("saving the highlight", store.add_highlight, self.article, *span)
        if ann is not FAILED:
            reader.stop_selecting()
            reader.action_clear_selection()
            self.refresh_annotations(keep=ann.id)
            self.notify(f"Highlighted {len(ann.quote)} characters (t tags, n note, c colour).")

    def reattach_target(self, article: Article) -> str | None:
        """The highlight `a` re-attaches: the pane's selection if it has focus, else the ⚠ one
        last picked in the pane, else the pane's selection if it is ⚠, else the cursor's."""
        notes = self.notes
        selected = notes.selected
        if selected is not None and selected.article != article.id:
            selected = None
        if notes.options.has_focus and selected is not None:
            return selected.id
        repair = getattr(self, "repair_id", None)
        if repair is not None and any(a.id == repair and a.article == article.id for a in notes.annotations):
            return repair
        if selected is not None and selected.status not in ("anchored", "moved"):
            return selected.id
        return self.reader.current

    def action_reattach(self) -> None:
        """`a`: point the chosen highlight (⚠ needs review / orphaned, or any) at the selection."""
        reader = self.reader
        store = self.app.require_store()
        if store is None or self.article is None:
            return
        span = reader.selection_offsets()
        if span is None:
            self.notify("Select the passage first (v then arrows, shift+arrows, or drag), then press a "
                        "to re-attach the highlight chosen in the highlights pane.", severity="warning")
            return
        ann_id = self.reattach_target(self.article)
        if ann_id is None:
            self.notify("Choose the highlight to re-attach: pick it in the highlights pane (⚠ ones need it) "
                        "or put the cursor on it, then select the passage and press a.", severity="warning")
            return
        ann = self.app.guard("re-attaching the highlight", store.reattach, ann_id, self.article, *span)
        if ann is not FAILED:
            self.repair_id = None
            reader.stop_selecting()
            reader.action_clear_selection()
            self.refresh_annotations(keep=ann.id)
            self.notify(f"Re-attached the highlight to “{short(ann.quote)}” (u to undo).")

    def action_edit_tags(self) -> None:
        from workbench.tui.screens.editors import TagEditor

        ann, store = self.target(), self.app.store
        if ann is None or store is None:  # (a highlight was found only if there is a store)
            return
        known = self.app.guard("reading tags", store.tags)
        known = [] if known is FAILED else known

        def done(tags: list[str] | None) -> None:
            if tags is not None:
                said = "Tags saved: " + " ".join(f"#{t}" for t in tags) if tags else "Tags removed."
                self._update(ann.id, "saving the tags", said, tags=tags)

        self.app.push_screen(TagEditor(list(ann.tags), known), done)

    def action_edit_note(self) -> None:
        from workbench.tui.screens.editors import NoteDraft, NoteEditor

        ann = self.target()
        if ann is None:
            return

        drafts = self.note_drafts
        draft = drafts.get(ann.id)

        def done(result) -> None:
            if isinstance(result, NoteDraft):  # Esc with changes: kept for the next `n`
                drafts[ann.id] = result.text
                self.notify("Note not saved; the draft is kept (n reopens it).", severity="warning")
            elif result is not None:
                drafts.pop(ann.id, None)
                self._update(ann.id, "saving the note", "Note saved." if result.strip() else "Note removed.",
                             note=result)
            else:
                drafts.pop(ann.id, None)

        self.app.push_screen(NoteEditor(ann.note, ann.quote, draft=draft), done)

    def _update(self, ann_id: str, what: str, done: str, **changes: Any) -> None:
        store = self.app.store  # the current one: a reload may have replaced it meanwhile
        if store is not None and self.app.guard(what, store.update, ann_id, **changes) is not FAILED:
            self.refresh_annotations(keep=ann_id)
            self.notify(done)

    def action_cycle_color(self) -> None:
        ann, store = self.target(), self.app.store
        if ann is None or store is None:
            return
        changed = self.app.guard("changing the colour", store.cycle_color, ann.id)
        if changed is not FAILED:
            self.refresh_annotations(keep=ann.id)
            self.notify(f"Colour: {changed.color} (c again for the next one).")

    def action_delete(self) -> None:
        ann, store = self.target(), self.app.store
        if ann is None or store is None:
            return
        if self.app.guard("deleting the highlight", store.delete, ann.id) is not FAILED:
            self.refresh_annotations()
            self.notify(f"Deleted the highlight “{short(ann.quote)}” (u to undo).")

    def action_copy_quote(self) -> None:
        """`y`: the highlight's quote with its source, to the terminal's clipboard (OSC 52)."""
        ann = self.target()
        if ann is None:
            return
        article = self.app.guard("finding the article", self.app.article, ann.article)
        title = article.title if article is not FAILED else ann.article
        self.app.copy_to_clipboard(f"“{ann.quote}” — {title}")
        self.notify("Copied the quote.")

    def action_undo(self) -> None:
        self._undo_redo("undo", "undo")

    def action_redo(self) -> None:
        self._undo_redo("redo", "redo")

    def _undo_redo(self, what: str, method: str) -> None:
        store = self.app.require_store()
        if store is None:
            return
        message = self.app.guard(what, getattr(store, method))
        if message is not FAILED:
            self.refresh_annotations()
            self.notify(self.plain_words(message))

    def plain_words(self, message: str) -> str:
        """A store message for people: `undid delete of 1a2b3c4d in 003_x: "…"` →
        `Undid the delete of “…” in “Title”.`"""
        message = _LABEL.sub(lambda m: f"in “{self.app.title_of(m.group(1))}”: ", message)
        message = re.sub(r"^(undid|redid) (highlight|delete|edit|re-attachment|rename)\b", r"\1 the \2", message)
        message = re.sub(r'in (“[^”]*”): "(.*)"$', r"“\2” in \1", message)
        return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")

    def action_export_article(self) -> None:
        if self.article is not None:
            self.action_export(article=self.article.id)

    def action_export(self, article: str | None = None) -> None:
        from workbench.export import export_notes

        app = self.app
        if app.require_store() is None:
            return
        result = app.guard("export", export_notes, app.library, app.store, app.workspace.notes, article=article)
        if result is not FAILED:
            written, unchanged = (len(x) if isinstance(x, (list, tuple, set)) else int(x)
                                  for x in (result.written, result.unchanged))
            read_back = list(getattr(result, "read_back", []) or [])
            if read_back:  # notes/tags edited in the exported notes came back into the store
                self.refresh_annotations()
            self.notify(f"Exported notes: {written} written, {unchanged} unchanged → {app.workspace.notes}"
                        + (f"; {len(read_back)} highlight(s) read back from edited notes (u undoes)" if read_back else ""))
            for warning in getattr(result, "warnings", [])[:3]:
                self.notify(str(warning), severity="warning")


def short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
