"""Undo: take back exactly the last change that is in the store, whatever crashed when.

Journal entries are written *before* their change, with before- and after-images
(journal.py). So the newest entry may describe a change that never reached the store (the
process died between the two writes, or the article write failed): if every record of it
still matches its before-image, it is dropped and the entry before it is considered. An
entry that is being undone is marked `undoing` first, so an undo cut short is finished by
the next `undo` instead of taking back one change too many. Comparisons ignore anchoring
fields, which `sync` rewrites without an entry; anchoring done since is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError
from workbench.store.journal import same_record
from workbench.store.redo import after_images
from workbench.store.storage import locked

if TYPE_CHECKING:
    from workbench.store.store import AnnotationStore
    from workbench.store.transaction import Transaction


def undo_change(store: AnnotationStore) -> str:
    """Revert the last change in the store (any process); "undid …", or WorkbenchError."""
    journal = store.journal
    with locked(store.lock):
        while True:
            entry = journal.pop()
            if entry is None and journal.notices:  # said in the error itself: it is all the user sees
                damaged = journal.notices[-1]
                journal.notices.clear()
                raise WorkbenchError(f"nothing to undo: the undo history was damaged ({damaged})")
            store.notices.extend(journal.notices)
            journal.notices.clear()
            if entry is None:
                raise WorkbenchError("nothing to undo")
            if entry.get("undoing") or _in_store(store, entry):
                break
            journal.discard(entry)  # its change never reached the store
        if not entry.get("undoing"):
            journal.mark_undoing(entry)
        with store._transaction(journal=False) as tx:
            if entry.get("undoing") and all("after" in change for change in entry["changes"]):
                redo = [{**change, "before": None} for change in entry["changes"]]  # the store may be reverted already
            else:
                redo = after_images(tx, entry["changes"])  # as they are now (re-anchoring kept)
            for change in reversed(entry["changes"]):
                _take_back(store, tx, change)
        store.redo_stack.record(entry.get("description") or "", redo)
        journal.discard(entry)
    return f"undid {entry.get('description') or 'the last change'}"


def _in_store(store: AnnotationStore, entry: dict) -> bool:
    """Whether any record of the entry differs from its before-image (the change was saved)."""
    if not all("after" in change for change in entry["changes"]):
        return True  # an entry from before write-ahead journaling: written after its change
    for change in entry["changes"]:
        current = store.files.read_raw(change["article"]).get(change["id"])
        store.files.partition(change["article"]).unpin()
        if not same_record(current, change["before"]):
            return True
    return False


def _take_back(store: AnnotationStore, tx: Transaction, change: dict) -> None:
    records = tx.read(change["article"])
    before = change.get("before")
    if same_record(records.raw.get(change["id"]), before):
        return  # already as it was (an undo cut short, or part of a change never saved)
    tx.restore(change["article"], change["id"], before, journal=False)
