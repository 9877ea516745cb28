"""Redo: the changes undo took back, kept until the next new change.

`undo` records here, per record it is about to revert, the record as it is at that moment
(same one-file-per-entry format as the undo journal, in `store/redo/`); `redo` puts those
records back as an ordinary, journaled change — so `undo` can take a redo back again. Any
other journaled change empties the stack: after a new change, the undone ones no longer
follow from the current state. Anchoring done since (a `sync`) is kept, as undo keeps it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench import fsutil
from workbench.errors import WorkbenchError
from workbench.store.journal import Journal
from workbench.store.storage import locked

if TYPE_CHECKING:
    from workbench.store.store import AnnotationStore


class RedoStack(Journal):
    """A Journal in its own folder, plus `clear` (called after every new change)."""

    def clear(self) -> None:
        for name in self._entries():
            try:
                fsutil.unlink(self.folder / name)
            except (OSError, fsutil.OutsideWorkspace):
                pass


def after_images(tx, changes: list[dict]) -> list[dict]:
    """The records as they are now (None: absent) for the changes an undo is about to revert."""
    return [{"article": c["article"], "id": c["id"], "before": None,
             "after": tx.read(c["article"]).raw.get(c["id"])} for c in changes]


def redo_change(store: AnnotationStore) -> str:
    with locked(store.lock):
        entry = store.redo_stack.pop()
        store.notices.extend(store.redo_stack.notices)
        store.redo_stack.notices.clear()
        if entry is None:
            raise WorkbenchError("nothing to redo")
        with store._transaction(keep_redo=True) as tx:  # journaled: undo takes it back again
            for change in entry["changes"]:
                tx.restore(change["article"], change["id"], change.get("after"))
            tx.description = entry.get("description") or "the undone change"
        store.redo_stack.discard(entry)
    return f"redid {entry.get('description') or 'the undone change'}"
